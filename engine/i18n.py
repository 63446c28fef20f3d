"""Every user-facing sentence, in Dutch (the default) and English.

Messages are looked up by key so that findings and errors stay data until they are rendered;
`say` fills in the arguments. A test checks that every key has both languages and that the
placeholders agree.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("nl", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # -- statuses ------------------------------------------------------------------------------
    "status.compliant": ("nageleefd", "compliant"),
    "status.warning": ("waarschuwing", "warning"),
    "status.breach": ("niet nageleefd", "breach"),
    "status.not_applicable": ("niet van toepassing", "not applicable"),
    "status.not_due": ("nog niet aan de orde", "not yet due"),
    "status.missing_data": ("gegevens ontbreken", "missing data"),
    # -- files and syntax ----------------------------------------------------------------------
    "file.missing": ("bestand bestaat niet", "file does not exist"),
    "file.is_directory": ("verwacht een bestand, kreeg een map", "expected a file, got a folder"),
    "file.not_utf8": ("bestand is geen UTF-8-tekst ({detail})", "file is not UTF-8 text ({detail})"),
    "file.unreadable": ("bestand is niet te lezen ({detail})", "cannot read the file ({detail})"),
    "file.no_facts": ("geen feitenbestanden (.yaml, .yml, .json) gevonden in deze map",
                      "no fact files (.yaml, .yml, .json) found in this folder"),
    "yaml.syntax": ("YAML-fout: {detail}", "YAML syntax error: {detail}"),
    "yaml.duplicate_key": ("sleutel '{key}' staat er twee keer; laat er één staan",
                           "key '{key}' appears twice; keep one"),
    "json.syntax": ("JSON-fout: {detail}", "JSON syntax error: {detail}"),
    "schema.invalid": ("{detail}", "{detail}"),
    "schema.required": ("verplicht veld '{name}' ontbreekt; voeg het toe",
                        "required field '{name}' is missing; add it"),
    "schema.additional": ("onbekend veld '{name}'{suggestion_hint}; haal het weg of corrigeer de naam",
                          "unknown field '{name}'{suggestion_hint}; remove it or fix the name"),
    "schema.type": ("waarde {value} heeft het verkeerde type: verwacht {expected}",
                    "value {value} has the wrong type: expected {expected}"),
    "schema.enum": ("waarde {value} is niet toegestaan; kies uit: {allowed}",
                    "value {value} is not allowed; choose from: {allowed}"),
    "schema.minimum": ("waarde {value} is te klein: minimaal {limit}; een aantal of bedrag kan niet negatief zijn",
                       "value {value} is too small: the minimum is {limit}; a count or amount cannot be negative"),
    "schema.share": ("aandeel {value} is ongeldig: schrijf een percentage tussen 0% en 100%, bijvoorbeeld 15%",
                     "share {value} is invalid: write a percentage between 0% and 100%, for example 15%"),
    "schema.pattern": ("waarde {value} heeft niet de verwachte vorm ({pattern})",
                       "value {value} does not have the expected form ({pattern})"),
    "hint.did_you_mean": (" (bedoelt u '{name}'?)", " (did you mean '{name}'?)"),
    # -- expressions ---------------------------------------------------------------------------
    "expr.bad_char": ("onverwacht teken '{char}'", "unexpected character '{char}'"),
    "expr.ambiguous_thousands": (
        "'{text}' is dubbelzinnig: schrijf {whole} (zonder duizendtalscheiding) of een decimaal met een ander aantal cijfers",
        "'{text}' is ambiguous: write {whole} (no thousands separator) or a decimal with a different number of digits"),
    "expr.unexpected": ("onverwacht '{token}'{expected_hint}", "unexpected '{token}'{expected_hint}"),
    "expr.unexpected_end": ("de uitdrukking houdt te vroeg op{expected_hint}",
                            "the expression ends too early{expected_hint}"),
    "expr.chained_comparison": ("twee vergelijkingen achter elkaar: gebruik 'and'",
                                "two comparisons in a row: use 'and'"),
    "expr.share_above_100": ("aandeel {text}% ligt boven 100%", "share {text}% is above 100%"),
    "expr.where_position": ("'where' mag alleen achter het eerste argument staan",
                            "'where' may only follow the first argument"),
    "expr.empty": ("lege uitdrukking", "empty expression"),
    "expr.norm_start": ("een norm begint met >=, <=, >, <, ==, != of 'between'",
                        "a norm starts with >=, <=, >, <, ==, != or 'between'"),
    "expr.unknown_name": ("onbekend feit '{name}'{suggestion_hint}; zie docs/facts.md",
                          "unknown fact '{name}'{suggestion_hint}; see docs/facts.md"),
    "expr.unknown_attribute": ("'{collection}' heeft geen kenmerk '{name}'{suggestion_hint}",
                               "'{collection}' has no attribute '{name}'{suggestion_hint}"),
    "expr.unknown_collection": ("onbekende verzameling '{name}'{suggestion_hint}",
                                "unknown collection '{name}'{suggestion_hint}"),
    "expr.unknown_parameter": ("onbekende landelijke parameter '{name}'{suggestion_hint}; zie rules/national/parameters.yaml",
                               "unknown national parameter '{name}'{suggestion_hint}; see rules/national/parameters.yaml"),
    "expr.unknown_function": ("onbekende functie '{func}'{suggestion_hint}",
                              "unknown function '{func}'{suggestion_hint}"),
    "expr.bad_operand": ("'{op}' werkt niet op een waarde van het soort {unit}",
                         "'{op}' does not apply to a value of kind {unit}"),
    "expr.unit_mismatch": ("'{op}' combineert {left} met {right}; die passen niet bij elkaar",
                           "'{op}' combines {left} with {right}; they do not match"),
    "expr.share_vs_number": (
        "'{op}' combineert {left} met {right}: een aandeel schrijft u met %, bijvoorbeeld 30% (niet 0.3 of 30), en share(a, b) maakt een aandeel van twee aantallen",
        "'{op}' combines {left} with {right}: write a share with %, for example 30% (not 0.3 or 30), and share(a, b) makes a share of two counts"),
    "expr.arity": ("{func} verwacht {low} tot {high} argumenten, kreeg er {given}",
                   "{func} takes {low} to {high} arguments, got {given}"),
    "expr.where_not_allowed": ("{func} kent geen 'where'", "{func} takes no 'where'"),
    "expr.aggregate_target": ("{func} verwacht een verzameling, bijvoorbeeld {func}(lettings where relet)",
                              "{func} expects a collection, for example {func}(lettings where relet)"),
    "expr.aggregate_attribute": ("{func} verwacht verzameling.kenmerk, bijvoorbeeld sum(projects.homes)",
                                 "{func} expects collection.attribute, for example sum(projects.homes)"),
    "expr.filter_not_bool": ("een filter moet waar of onwaar opleveren, niet {unit}",
                             "a filter must be true or false, not {unit}"),
    "expr.condition_name": ('condition verwacht een naam tussen aanhalingstekens, bijvoorbeeld condition("financiering_gevonden")',
                            'condition expects a quoted name, for example condition("financing_found")'),
    "expr.year_literal": ("verwacht een jaartal, bijvoorbeeld 2022", "expected a year, for example 2022"),
    "expr.not_a_measure": ("een maatstaf moet een getal, bedrag, aandeel of waar/onwaar opleveren, niet {unit}",
                           "a measure must give a number, amount, share or true/false, not {unit}"),
    "expr.condition_not_bool": ("een voorwaarde moet waar of onwaar opleveren, niet {unit}",
                                "a condition must be true or false, not {unit}"),
    "expr.norm_unit": ("de norm ({norm_unit}) past niet bij de maatstaf ({unit})",
                       "the norm ({norm_unit}) does not match the measure ({unit})"),
    # -- pack semantics ------------------------------------------------------------------------
    "pack.id_mismatch": ("pakket-id '{id}' hoort in bestand rules/{id}.yaml, niet in {file}",
                         "pack id '{id}' belongs in rules/{id}.yaml, not {file}"),
    "pack.duplicate_rule": ("regel-id '{id}' komt twee keer voor (eerder op regel {first})",
                            "rule id '{id}' appears twice (first on line {first})"),
    "pack.unknown_party": ("partij '{party}' staat niet in de kop van het pakket{suggestion_hint}",
                           "party '{party}' is not declared in the pack header{suggestion_hint}"),
    "pack.duplicate_party": ("partij-id '{party}' komt twee keer voor", "party id '{party}' appears twice"),
    "pack.years_outside_period": ("jaren {first}-{last} liggen buiten de looptijd {pfirst}-{plast}",
                                  "years {first}-{last} lie outside the period {pfirst}-{plast}"),
    "pack.deadline_outside": ("deadline {deadline} ligt buiten de jaren van de regel ({first}-{last})",
                              "deadline {deadline} lies outside the rule's years ({first}-{last})"),
    "pack.trajectory_needs_deadline": ("een traject heeft een deadline nodig", "a trajectory needs a deadline"),
    "pack.tolerance_unit": ("de marge ({tunit}) past niet bij de maatstaf ({unit})",
                            "the tolerance ({tunit}) does not match the measure ({unit})"),
    "pack.unknown_rung": ("trede '{rung}' staat niet in de geschillenladder", "rung '{rung}' is not on the disputes ladder"),
    "pack.bad_date": ("ongeldige datum '{value}': schrijf JJJJ-MM-DD", "invalid date '{value}': write YYYY-MM-DD"),
    "pack.unknown_rule": ("regel '{rule}' bestaat niet in dit pakket{suggestion_hint}",
                          "rule '{rule}' does not exist in this pack{suggestion_hint}"),
    "pack.amendment_year": ("wijziging vanaf {year} kan niet: kies een jaar van {first} tot en met {last}",
                            "a change from {year} is not possible: choose a year from {first} through {last}"),
    "pack.unknown": ("onbekend pakket '{id}'{suggestion_hint}; bekende pakketten: {known}",
                     "unknown pack '{id}'{suggestion_hint}; known packs: {known}"),
    "pack.include_cycle": ("pakketten nemen elkaar op in een kring: {chain}", "packs include each other in a cycle: {chain}"),
    # -- facts ---------------------------------------------------------------------------------
    "facts.agreement_mismatch": ("feiten horen bij '{found}', maar het pakket is '{expected}'",
                                 "facts belong to '{found}' but the pack is '{expected}'"),
    "facts.unknown_party": ("partij '{party}' staat niet in pakket {pack}{suggestion_hint}",
                            "party '{party}' is not in pack {pack}{suggestion_hint}"),
    "facts.year_twice": ("jaar {year} staat in twee bestanden: {first} en {second}",
                         "year {year} appears in two files: {first} and {second}"),
    "facts.mixed_agreements": ("de feiten horen bij verschillende afspraken: {found}; controleer ze per afspraak",
                               "the facts belong to different agreements: {found}; check them one agreement at a time"),
    "facts.csv_header": ("CSV-kolom '{name}' is onbekend voor {collection}{suggestion_hint}",
                         "CSV column '{name}' is unknown for {collection}{suggestion_hint}"),
    "facts.csv_value": ("CSV-waarde '{value}' in kolom '{name}' is geen {unit}",
                        "CSV value '{value}' in column '{name}' is not a {unit}"),
    "facts.no_year": ("geen feiten voor jaar {year}; beschikbaar: {years}", "no facts for year {year}; available: {years}"),
    "facts.contest_unknown": ("betwist cijfer '{name}' staat niet in deze sectie", "contested figure '{name}' is not in this section"),
    "facts.event_unknown_rule": ("escalatie noemt onbekende regel '{rule}'{suggestion_hint}",
                                 "escalation names unknown rule '{rule}'{suggestion_hint}"),
    # -- the disputes ladder ---------------------------------------------------------------------
    "ladder.breach": ("{year}: niet nageleefd", "{year}: breach"),
    "ladder.warning": ("{year}: waarschuwing", "{year}: warning"),
    "ladder.compliant": ("{year}: weer nageleefd", "{year}: compliant again"),
    "ladder.deviation": ("{year}: afgesproken afwijking, goedgekeurd door {approved_by}: {reason}",
                         "{year}: agreed deviation, approved by {approved_by}: {reason}"),
    "ladder.held": ("{date}: {rung} gehouden, {outcome}{note}", "{date}: {rung} held, {outcome}{note}"),
    "ladder.outcome.resolved": ("opgelost", "resolved"),
    "ladder.outcome.unresolved": ("niet opgelost", "unresolved"),
    "ladder.outcome.agreement-amended": ("afspraak gewijzigd", "agreement amended"),
    "ladder.outcome.none": ("zonder vastgelegde uitkomst", "no outcome recorded"),
    "ladder.why.first": ("eerste tekortkoming: begin met {next}", "first shortfall: start with {next}"),
    "ladder.why.climb": ("blijft na {rung} zonder oplossing: volgende trede {next}",
                         "persists after {rung} without a solution: next rung {next}"),
    "ladder.why.warning": ("een waarschuwing klimt niet: {next}", "a warning does not climb: {next}"),
    "ladder.why.ceiling": ("inspanningsverplichting: de ladder stopt bij {next}",
                           "an effort obligation: the ladder stops at {next}"),
    "ladder.why.top": ("hoogste trede bereikt: {next}", "the top rung is reached: {next}"),
    "ladder.why.awaiting": ("{rung} gehouden zonder oplossing: de volgende beoordeling beslist",
                            "{rung} held without a solution: the next evaluation decides"),
    "ladder.why.closed": ("episode gesloten", "episode closed"),
    "ladder.heading": ("Geschillenladder {year}", "Disputes ladder {year}"),
    "ladder.none": ("geen", "none"),
    "ladder.step": ("nu: {rung}; aanbevolen: {next}", "now: {rung}; recommended: {next}"),
    "ladder.closed": ("nu: {rung}; gesloten", "now: {rung}; closed"),
    "ladder.with": ("met: {parties}", "with: {parties}"),
    "ladder.basis": ("grondslag: {basis}", "legal basis: {basis}"),
    "finding.agreed_deviation": (" [afgesproken afwijking, goedgekeurd door {approved_by}: {reason}]",
                                 " [agreed deviation, approved by {approved_by}: {reason}]"),
    "status.agreed_deviation": ("afgesproken afwijking", "agreed deviation"),
    "facts.deviation_unknown_rule": ("afwijking noemt onbekende regel '{rule}'{suggestion_hint}",
                                     "deviation names unknown rule '{rule}'{suggestion_hint}"),
    "facts.unknown_rung": ("trede '{rung}' staat niet op de geschillenladder van dit pakket{suggestion_hint}; kies uit: {rungs}",
                           "rung '{rung}' is not on this pack's disputes ladder{suggestion_hint}; choose from: {rungs}"),
    "cli.no_pack": ("kan het pakket niet vinden: geef het veld 'agreement:' in de feiten of de optie --rules",
                    "cannot find the pack: give the 'agreement:' field in the facts or the --rules option"),
}


def say(message_key: str, lang: str = "nl", /, **params: Any) -> str:
    nl, en = MESSAGES[message_key]
    template = en if lang == "en" else nl
    if "expected" in params and "{expected_hint}" in template:
        expected = params["expected"]
        params["expected_hint"] = (f" (verwacht '{expected}')" if lang != "en" else f" (expected '{expected}')") if expected else ""
    if "suggestion" in params and "{suggestion_hint}" in template:
        suggestion = params["suggestion"]
        params["suggestion_hint"] = say("hint.did_you_mean", lang, name=suggestion) if suggestion else ""
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template
