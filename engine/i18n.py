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
    # -- findings in words (engine/output/words.py, phrases.py) ---------------------------------
    "finding.met": ("{value}; voldoet aan de norm: {norm}", "{value}; meets the norm: {norm}"),
    "finding.signal": ("{value}; voldoet aan de norm ({norm}), maar passeert de signaalwaarde "
                       "{target}: {action}",
                       "{value}; meets the norm ({norm}) but crosses the signal level {target}: "
                       "{action}"),
    "finding.within_tolerance": ("{value}; haalt de norm ({norm}) net niet, maar valt binnen de "
                                 "marge van {tolerance} (circa)",
                                 "{value}; just misses the norm ({norm}) but is within the "
                                 "tolerance of {tolerance} (circa)"),
    "finding.not_met": ("{value}; voldoet niet aan de norm: {norm}{distance}",
                        "{value}; does not meet the norm: {norm}{distance}"),
    "finding.before_deadline": ("{value}; de norm ({norm}) geldt pas vanaf eind {deadline}",
                                "{value}; the norm ({norm}) applies from the end of {deadline}"),
    "finding.on_track": ("{value}; ligt op koers (doel dit jaar {target}; eind {deadline}: {norm})",
                         "{value}; on track (this year's target {target}; end of {deadline}: "
                         "{norm})"),
    "finding.behind_trajectory": ("{value}; ligt achter op het traject (doel dit jaar {target}; "
                                  "eind {deadline}: {norm}){distance}",
                                  "{value}; behind the trajectory (this year's target {target}; "
                                  "end of {deadline}: {norm}){distance}"),
    "finding.trigger_quiet": ("de situatie van deze afspraak deed zich niet voor{value_suffix}",
                              "the situation this clause covers did not occur{value_suffix}"),
    "finding.trigger_fired": ("actie nodig{value_suffix}: {action}",
                              "action needed{value_suffix}: {action}"),
    "finding.action_taken": ("actie uitgevoerd: {action}", "action taken: {action}"),
    "finding.action_missing": ("actie niet uitgevoerd: {action}", "action not taken: {action}"),
    "finding.delivered": ("{deliverable}: opgeleverd op {value} (uiterlijk {bound})",
                          "{deliverable}: delivered on {value} (due {bound})"),
    "finding.delivered_late": ("{deliverable}: te laat opgeleverd op {value} (uiterlijk {bound}, "
                               "{days} dagen te laat)",
                               "{deliverable}: delivered late on {value} (due {bound}, {days} days"
                               " late)"),
    "finding.delivered_after_due": (
        "{deliverable}: opgeleverd op {value}, na de uiterlijke datum {bound}: de te late "
        "oplevering "
        "telt als tekortkoming in het jaar waarin zij moest, niet opnieuw",
        "{deliverable}: delivered on {value}, after the due date {bound}: the late delivery counts "
        "as a shortfall in the year it was due, not again"),
    "finding.not_yet_delivered": ("{deliverable}: nog niet opgeleverd; uiterlijk {bound}",
                                  "{deliverable}: not delivered yet; due {bound}"),
    "finding.overdue": ("{deliverable}: niet opgeleverd; uiterlijk {bound}",
                        "{deliverable}: not delivered; due {bound}"),
    "finding.suspended": ("opgeschort: de voorwaarde '{condition}' geldt niet",
                          "suspended: the condition '{condition}' does not hold"),
    "finding.outside_years": ("geldt alleen in {first}-{last}", "applies only in {first}-{last}"),
    "finding.no_entities": ("geen {noun} binnen het bereik van deze afspraak",
                            "no {noun} within the scope of this clause"),
    "finding.missing": ("gegevens ontbreken: {missing}", "missing data: {missing}"),
    "finding.contested": (" [rust op een betwist cijfer: {figures}]",
                          " [rests on a contested figure: {figures}]"),
    "finding.contested_figure": ("{figure}, betwist door {party}",
                                 "{figure}, contested by {party}"),
    "distance.more": ("nog {amount} nodig", "{amount} more needed"),
    "distance.more_of": ("nog {amount} {of} nodig", "{amount} more {of} needed"),
    "distance.fewer": ("{amount} te veel", "{amount} too many"),
    "distance.fewer_of": ("{amount} {of} te veel", "{amount} {of} too many"),
    "distance.points": ("{amount} procentpunt", "{amount} percentage points"),
    "distance.days": ("{amount} dagen", "{amount} days"),
    "missing.fact_param": ("{name}", "{name}"),
    "missing.fact_condition": ("de voorwaarde '{name}'", "the condition '{name}'"),
    "missing.share_of_zero": ("een aandeel van nul (het geheel is 0)",
                              "a share of nothing (the whole is 0)"),
    "missing.division_by_zero": ("een deling door nul", "a division by zero"),
    "field.effort_ceiling": ("het plafond van de ladder voor een inspanning",
                             "the ladder's ceiling for an effort obligation"),
    "accountable.all": ("alle partijen samen", "all parties together"),
    "accountable.corporations": ("de corporaties samen", "the corporations together"),
    "accountable.together": ("samen: {parties}", "together: {parties}"),
    "obligation.result": ("resultaatsverplichting", "result obligation"),
    "obligation.effort": ("inspanningsverplichting", "effort obligation"),
    "trace.municipality": ("de gemeente als geheel", "the municipality as a whole"),
    "trace.figure": ("{words} {year}: {value}, van {whose}; geleverd door {supplied}",
                     "{words} {year}: {value}, of {whose}; supplied by {supplied}"),
    "trace.unknown_supplier": ("onbekend", "unknown"),
    "trace.contested": ("; betwist door {party}: {reason}", "; contested by {party}: {reason}"),
    "trace.parameter": ("{words} {year}: {value} (geldig vanaf {since}); bron: {source}",
                        "{words} {year}: {value} (valid from {since}); source: {source}"),
    "words.plus": ("{left} plus {right}", "{left} plus {right}"),
    "words.minus": ("{left} min {right}", "{left} minus {right}"),
    "words.times": ("{left} maal {right}", "{left} times {right}"),
    "words.divided": ("{left} gedeeld door {right}", "{left} divided by {right}"),
    "words.at_least": ("ten minste {value}", "at least {value}"),
    "words.at_most": ("ten hoogste {value}", "at most {value}"),
    "words.more": ("meer dan {value}", "more than {value}"),
    "words.less": ("minder dan {value}", "less than {value}"),
    "words.equal": ("precies {value}", "exactly {value}"),
    "words.not_equal": ("niet {value}", "not {value}"),
    "words.between": ("tussen {low} en {high}", "between {low} and {high}"),
    "words.not": ("niet {value}", "not {value}"),
    "words.negative": ("min {value}", "minus {value}"),
    "words.or": ("{left} of {right}", "{left} or {right}"),
    "words.among": ("{value} onder de {items}", "{value} among the {items}"),
    "words.year_judged": ("het beoordeelde jaar", "the year judged"),
    "words.date_year": ("jaar", "year"),
    "words.date_quarter": ("kwartaal", "quarter"),
    "words.date_month": ("maand", "month"),
    "words.previous": ("{value} vorig jaar", "{value} the year before"),
    "words.at": ("{value} in {year}", "{value} in {year}"),
    "words.since": ("{value} sinds {year}", "{value} since {year}"),
    "words.year_before": ("{years} jaar vóór het beoordeelde jaar",
                          "{years} year(s) before the year judged"),
    "words.year_after": ("{years} jaar na het beoordeelde jaar",
                         "{years} year(s) after the year judged"),
    "words.corporations": ("{value} van de corporaties samen",
                           "{value} of the corporations together"),
    "words.summed_since": ("{value}, opgeteld sinds {year}", "{value}, added up since {year}"),
    "words.share": ("aandeel {part} in {whole}", "share of {part} in {whole}"),
    "words.share_of_items": ("aandeel {part} in alle {whole}", "share of {part} in all {whole}"),
    "words.sum": ("{attribute} van {items}", "{attribute} of {items}"),
    "words.min": ("de kleinste van {items} en {last}", "the smallest of {items} and {last}"),
    "words.max": ("de grootste van {items} en {last}", "the largest of {items} and {last}"),
    "words.required": ("moet {value} zijn", "must be {value}"),
    "words.price_level": ("{amount} in prijspeil {base}, geïndexeerd met {index}",
                          "{amount} at {base} prices, indexed by {index}"),
    "words.exists": ("{value} bekend", "{value} known"),
    "words.condition": ("{name}", "{name}"),
    "words.count": ("{items}", "{items}"),
    "words.param": ("{name}", "{name}"),
    # -- files and syntax ----------------------------------------------------------------------
    "file.missing": ("bestand bestaat niet", "file does not exist"),
    "file.is_directory": ("verwacht een bestand, kreeg een map", "expected a file, got a folder"),
    "file.not_utf8": ("bestand is geen UTF-8-tekst ({detail})",
                      "file is not UTF-8 text ({detail})"),
    "file.unreadable": ("bestand is niet te lezen ({detail})", "cannot read the file ({detail})"),
    "file.no_facts": ("geen feitenbestanden (.yaml, .yml, .json, .xlsx) gevonden in deze map",
                      "no fact files (.yaml, .yml, .json, .xlsx) found in this folder"),
    "yaml.syntax": ("YAML-fout ({detail}): controleer de inspringing (spaties, geen tabs) en zet "
                    "een tekst met ': ', een komma, {{ }} of [ ] tussen aanhalingstekens",
                    "YAML syntax error ({detail}): check the indentation (spaces, no tabs) and "
                    "quote a text with ': ', a comma, {{ }} or [ ]"),
    "yaml.list_indent": ("YAML-fout: dit lijstitem ('- ') staat niet op de inspringing van de "
                         "lijst die op regel {opened} begint; geef alle items van een lijst "
                         "dezelfde inspringing, met spaties",
                         "YAML syntax error: this list item ('- ') is not at the indentation of "
                         "the list that starts on line {opened}; give every item of a list the "
                         "same indentation, with spaces"),
    "yaml.key_indent": ("YAML-fout: deze regel springt anders in dan de sleutels erboven (de map "
                        "van regel {opened}); geef de sleutels van één map dezelfde inspringing, "
                        "met spaties",
                        "YAML syntax error: this line is indented differently from the keys above "
                        "it (the mapping of line {opened}); give the keys of one mapping the same "
                        "indentation, with spaces"),
    "yaml.after_quote": ("YAML-fout: na het sluitende aanhalingsteken staat nog tekst; zet de hele "
                         "waarde tussen aanhalingstekens (een \" in de tekst schrijft u als \\\", "
                         "of gebruik '...')",
                         "YAML syntax error: there is text after the closing quote; quote the "
                         "whole value (write a \" inside it as \\\", or use '...')"),
    "yaml.colon_in_value": ("YAML-fout: een ': ' midden in een waarde; zet de waarde tussen "
                            "aanhalingstekens, bijvoorbeeld quote: \"De corporatie: ...\"",
                            "YAML syntax error: a ': ' inside a value; quote the value, for "
                            "example quote: \"De corporatie: ...\""),
    "yaml.too_deep": ("YAML-fout: deze regel springt in onder een sleutel die al een waarde heeft; "
                      "haal de inspringing weg, of zet die waarde zelf op een eigen regel",
                      "YAML syntax error: this line is indented under a key that already has a "
                      "value; remove the indentation, or put that value on a line of its own"),
    "yaml.tab": ("YAML-fout: een tab in de inspringing; YAML springt in met spaties: vervang de "
                 "tab door spaties",
                 "YAML syntax error: a tab in the indentation; YAML indents with spaces: replace "
                 "the tab with spaces"),
    "yaml.quote_start": ("YAML-fout: een waarde die met {char} begint, zet u tussen "
                         "aanhalingstekens; schrijf bijvoorbeeld norm: \">= 10%\"",
                         "YAML syntax error: a value that starts with {char} must be quoted; write "
                         "for example norm: \">= 10%\""),
    "yaml.unclosed_quote": ("YAML-fout: het aanhalingsteken dat op regel {opened} opent, wordt "
                            "niet gesloten; sluit de tekst af met hetzelfde teken",
                            "YAML syntax error: the quote that opens on line {opened} is never "
                            "closed; end the text with the same mark"),
    "yaml.unclosed_flow": ("YAML-fout: de {{ of [ die op regel {opened} opent, wordt niet "
                           "gesloten, of een tekst ertussen bevat een komma of ': '; sluit af met "
                           "}} of ], of zet die tekst tussen aanhalingstekens",
                           "YAML syntax error: the {{ or [ that opens on line {opened} is never "
                           "closed, or a text inside holds a comma or ': '; close it with }} or ], "
                           "or quote that text"),
    "yaml.escape": ("YAML-fout: een \\ tussen dubbele aanhalingstekens begint een escape; schrijf "
                    "\\\\ of gebruik enkele aanhalingstekens",
                    "YAML syntax error: a \\ between double quotes starts an escape; write \\\\ or "
                    "use single quotes"),
    "yaml.flow_comma": ("YAML-fout: de komma in '{before},{key}' splitst de tekst tussen {{ }}; "
                        "zet de tekst tussen aanhalingstekens: {field}: \"... {before},{key}\"",
                        "YAML syntax error: the comma in '{before},{key}' splits the text inside "
                        "{{ }}; quote the text: {field}: \"... {before},{key}\""),
    "file.not_regular": ("dit is geen gewoon bestand (maar bijvoorbeeld een pipe, apparaat of "
                         "map); het wordt niet geopend",
                         "this is not a regular file (but a pipe, device or folder, for example); "
                         "it is not opened"),
    "file.too_large": ("bestand is groter dan {limit} MB, de grens voor één bestand; splits het "
                       "of lees grote verzamelingen uit CSV",
                       "file is larger than {limit} MB, the limit for one file; split it or read "
                       "large collections from CSV"),
    "file.not_accepted": ("bestand is niet van u of anderen mogen erin schrijven; het wordt niet "
                          "gelezen",
                          "file is not yours or others may write to it; it is not read"),
    "file.too_deep": ("meer dan {limit} niveaus diep genest; zo diep nest geen feiten- of "
                      "regelbestand",
                      "nested more than {limit} levels deep; no fact or rule file nests that deep"),
    "file.number_too_long": ("geheel getal van {digits} cijfers is te lang; woonpact rekent met "
                             "gehele getallen tot {limit} cijfers, controleer de waarde",
                             "whole number of {digits} digits is too long; woonpact computes "
                             "with whole numbers of up to {limit} digits, check the value"),
    "file.read_only": ("bestand is alleen-lezen; er is niets geschreven (maak het schrijfbaar "
                       "als dat de bedoeling is)",
                       "file is read-only; nothing was written (make it writable if that is "
                       "intended)"),
    "file.disk_full": ("de schijf is vol ({detail}); er is niets geschreven en het bestand is "
                       "ongewijzigd",
                       "the disk is full ({detail}); nothing was written and the file is "
                       "unchanged"),
    "file.busy": ("een andere opdracht schrijft in deze map en is na {seconds} s nog bezig; er "
                  "is niets geschreven, probeer het opnieuw",
                  "another command is writing in this folder and still busy after {seconds} s; "
                  "nothing was written, try again"),
    "file.leftover": ("tijdelijk bestand van een afgebroken opdracht; woonpact leest het niet en "
                      "het mag weg",
                      "temporary file of an interrupted command; woonpact does not read it and "
                      "it can be deleted"),
    "yaml.duplicate_key": ("sleutel '{key}' staat er twee keer; laat er één staan",
                           "key '{key}' appears twice; keep one"),
    "yaml.alias_expansion": ("aliassen (*naam) herhalen hier samen meer dan {limit} waarden, "
                             "veel meer dan het bestand uitschrijft; schrijf ze uit of gebruik "
                             "er minder",
                             "aliases (*name) here repeat more than {limit} values together, far "
                             "more than the file writes out; write them out or use fewer"),
    "json.syntax": ("JSON-fout: {detail}", "JSON syntax error: {detail}"),
    "json.not_a_number": ("'{name}' is geen getal in JSON; geef een getal of laat het veld weg",
                          "'{name}' is not a number in JSON; give a number or leave the field out"),
    "schema.invalid": ("{detail}", "{detail}"),
    "schema.required": ("verplicht veld '{name}' ontbreekt; voeg het toe",
                        "required field '{name}' is missing; add it"),
    "schema.additional": ("onbekend veld '{name}'{suggestion_hint}; haal het weg of corrigeer de "
                          "naam",
                          "unknown field '{name}'{suggestion_hint}; remove it or fix the name"),
    "schema.type": ("waarde {value} heeft het verkeerde type: verwacht {expected}",
                    "value {value} has the wrong type: expected {expected}"),
    "schema.enum": ("waarde {value} is niet toegestaan{suggestion_hint}; kies uit: {allowed}",
                    "value {value} is not allowed{suggestion_hint}; choose from: {allowed}"),
    "schema.minimum": ("waarde {value} is te klein: minimaal {limit}; een aantal of bedrag kan "
                       "niet negatief zijn",
                       "value {value} is too small: the minimum is {limit}; a count or amount "
                       "cannot be negative"),
    "schema.share": ("aandeel {value} is ongeldig: schrijf een percentage tussen 0% en 100%, "
                     "bijvoorbeeld 15%",
                     "share {value} is invalid: write a percentage between 0% and 100%, for "
                     "example 15%"),
    "schema.share_comma": ("aandeel {value} heeft een decimaalkomma; schrijf {fix}",
                           "share {value} has a decimal comma; write {fix}"),
    "schema.share_fraction": ("aandeel {value} staat zonder %: schrijf een percentage, {fix} als "
                              "{value} een breuk is of {percent} als het al een percentage is",
                              "share {value} has no %: write a percentage, {fix} if {value} is a "
                              "fraction or {percent} if it is a percentage already"),
    "schema.share_bare": ("aandeel {value} staat zonder %: schrijf een percentage: {fix}",
                          "share {value} has no %: write a percentage: {fix}"),
    "schema.date_fix": ("datum '{value}' staat als dag-maand-jaar; schrijf {fix}",
                        "date '{value}' is written day-month-year; write {fix}"),
    "pack.norm_form": ("norm {value} begint niet met een vergelijking: schrijf >=, <=, ==, !=, >, "
                       "< of between, en dan de grens (zoals \"<= 10%\", \">= param(x)\" of "
                       "\"between 24 and 32\")",
                       "norm {value} does not start with a comparison: write >=, <=, ==, !=, >, < "
                       "or between, then the bound (such as \"<= 10%\", \">= param(x)\" or "
                       "\"between 24 and 32\")"),
    "pack.slug_form": ("{value}: een id bestaat uit kleine letters en cijfers, met streepjes "
                       "ertussen (zoals \"leiden-2026\" of \"woonstad\")",
                       "{value}: an id is lower-case letters and digits, with hyphens between "
                       "(such as \"leiden-2026\" or \"woonstad\")"),
    "pack.name_form": ("{value}: een naam begint met een kleine letter, gevolgd door kleine "
                       "letters, cijfers of liggende streepjes (zoals \"label_steps\")",
                       "{value}: a name starts with a lower-case letter, followed by lower-case "
                       "letters, digits or underscores (such as \"label_steps\")"),
    "pack.rule_id_form": ("{value}: een afspraaknummer begint met een letter of cijfer, gevolgd "
                          "door letters, cijfers, punten of streepjes (zoals \"3.2-7\")",
                          "{value}: a clause number starts with a letter or digit, followed by "
                          "letters, digits, dots or hyphens (such as \"3.2-7\")"),
    "pack.month_day_form": ("{value}: schrijf maand en dag als MM-DD (zoals \"06-30\" voor 30 "
                            "juni)",
                            "{value}: write month and day as MM-DD (such as \"06-30\" for 30 "
                            "June)"),
    "facts.csv_name": ("{value}: een lijst uit een CSV-bestand noemt een bestand op .csv (zoals "
                       "\"lettings-2026.csv\"); sla het werkblad op als CSV",
                       "{value}: a list read from a CSV file names a file ending in .csv (such "
                       "as \"lettings-2026.csv\"); save the sheet as CSV"),
    "schema.pattern": ("waarde {value} heeft niet de verwachte vorm ({pattern})",
                       "value {value} does not have the expected form ({pattern})"),
    "hint.did_you_mean": (" (bedoelt u '{name}'?)", " (did you mean '{name}'?)"),
    # -- expressions ---------------------------------------------------------------------------
    "expr.bad_char": ("onverwacht teken '{char}'", "unexpected character '{char}'"),
    "expr.ambiguous_thousands": (
        "'{text}' is dubbelzinnig: schrijf {whole} (zonder duizendtalscheiding) of een decimaal "
        "met een ander aantal cijfers",
        "'{text}' is ambiguous: write {whole} (no thousands separator) or a decimal with a "
        "different number of digits"),
    "expr.decimal_comma": ("'{text}' heeft een decimale komma; schrijf een decimaal met een punt: "
                           "{fixed}",
                           "'{text}' has a decimal comma; write a decimal with a point: {fixed}"),
    "expr.share_as_number": ("{text} is een getal, geen aandeel; schrijf een aandeel met %: "
                             "{percent}",
                             "{text} is a number, not a share; write a share with %: {percent}"),
    "expr.unexpected": ("onverwacht '{token}'{expected_hint}",
                        "unexpected '{token}'{expected_hint}"),
    "expr.unexpected_end": ("de uitdrukking houdt te vroeg op{expected_hint}",
                            "the expression ends too early{expected_hint}"),
    "expr.chained_comparison": ("twee vergelijkingen achter elkaar: gebruik 'and'",
                                "two comparisons in a row: use 'and'"),
    "expr.share_above_100": ("aandeel {text}% ligt boven 100%; een aandeel ligt tussen 0% en 100%",
                             "share {text}% is above 100%; a share lies between 0% and 100%"),
    "expr.where_position": ("'where' mag alleen achter het eerste argument staan",
                            "'where' may only follow the first argument"),
    "expr.empty": ("lege uitdrukking", "empty expression"),
    "expr.too_deep": ("de uitdrukking is hier meer dan {limit} niveaus diep (haakjes, functies, "
                      "tekens of een lange rij termen); schrijf haar eenvoudiger of verdeel haar "
                      "over meer regels",
                      "the expression is more than {limit} levels deep here (brackets, "
                      "functions, signs or a long run of terms); write it simpler or spread it "
                      "over more rules"),
    "expr.too_long": ("de uitdrukking is langer dan {limit} tekens; splits haar op in meer "
                      "regels of voorwaarden",
                      "the expression is longer than {limit} characters; split it into more "
                      "rules or conditions"),
    "expr.norm_start": ("een norm begint met >=, <=, >, <, ==, != of 'between'",
                        "a norm starts with >=, <=, >, <, ==, != or 'between'"),
    "expr.unknown_name": ("onbekend feit '{name}'{suggestion_hint}; zie docs/facts.md, of "
                          "declareer een eigen feit onder vocabulary.figures",
                          "unknown fact '{name}'{suggestion_hint}; see docs/facts.md, or declare a "
                          "figure of your own under vocabulary.figures"),
    "expr.unknown_attribute": ("'{collection}' heeft geen kenmerk '{name}'{suggestion_hint}; zie "
                               "docs/facts.md, of declareer een eigen kenmerk onder "
                               "vocabulary.attributes.{collection}",
                               "'{collection}' has no attribute '{name}'{suggestion_hint}; see "
                               "docs/facts.md, or declare an attribute of your own under "
                               "vocabulary.attributes.{collection}"),
    "expr.unknown_collection": ("onbekende verzameling '{name}'{suggestion_hint}",
                                "unknown collection '{name}'{suggestion_hint}"),
    "expr.unknown_parameter": ("onbekende landelijke parameter '{name}'{suggestion_hint}; zie "
                               "rules/national/parameters.yaml",
                               "unknown national parameter '{name}'{suggestion_hint}; see "
                               "rules/national/parameters.yaml"),
    "expr.unknown_function": ("onbekende functie '{func}'{suggestion_hint}",
                              "unknown function '{func}'{suggestion_hint}"),
    "expr.bad_operand": ("'{op}' werkt niet op een waarde van het soort {unit}",
                         "'{op}' does not apply to a value of kind {unit}"),
    "expr.unit_mismatch": ("'{op}' combineert {left} met {right}; die passen niet bij elkaar",
                           "'{op}' combines {left} with {right}; they do not match"),
    "expr.share_vs_number": (
        "'{op}' combineert {left} met {right}: een aandeel schrijft u met %, bijvoorbeeld 30% "
        "(niet 0.3 of 30), en share(a, b) maakt een aandeel van twee aantallen",
        "'{op}' combines {left} with {right}: write a share with %, for example 30% (not 0.3 or "
        "30), and share(a, b) makes a share of two counts"),
    "expr.arity": ("{func} verwacht {low} tot {high} argumenten, kreeg er {given}",
                   "{func} takes {low} to {high} arguments, got {given}"),
    "expr.not_a_list": ("'in' zoekt in een lijst, zoals de deelnemers van een overleg (parties), "
                        "niet in {unit}",
                        "'in' looks in a list, such as a meeting's participants (parties), not in "
                        "{unit}"),
    "expr.unknown_member": ("'{name}' is geen partij van dit pakket{suggestion_hint}; de "
                            "deelnemerslijst van een overleg noemt partijen bij hun id",
                            "'{name}' is not a party of this pack{suggestion_hint}; a meeting's "
                            "list of participants names parties by their id"),
    "expr.where_not_allowed": ("{func} kent geen 'where'", "{func} takes no 'where'"),
    "expr.aggregate_target": ("{func} verwacht een verzameling, bijvoorbeeld {func}(lettings where "
                              "relet)",
                              "{func} expects a collection, for example {func}(lettings where "
                              "relet)"),
    "expr.aggregate_attribute": ("{func} verwacht verzameling.kenmerk, bijvoorbeeld "
                                 "sum(projects.homes)",
                                 "{func} expects collection.attribute, for example "
                                 "sum(projects.homes)"),
    "expr.filter_not_bool": ("een filter moet waar of onwaar opleveren, niet {unit}",
                             "a filter must be true or false, not {unit}"),
    "expr.condition_name": ('condition verwacht een naam tussen aanhalingstekens, bijvoorbeeld '
                            'condition("financiering_gevonden")',
                            'condition expects a quoted name, for example '
                            'condition("financing_found")'),
    "expr.year_literal": ("verwacht een jaar: een jaartal (2022) of year_judged plus of min hele "
                          "jaren (year_judged - 1)",
                          "expected a year: a year (2022) or year_judged plus or minus whole years "
                          "(year_judged - 1)"),
    "expr.not_a_measure": ("een maatstaf moet een getal, bedrag, aandeel of waar/onwaar opleveren, "
                           "niet {unit}",
                           "a measure must give a number, amount, share or true/false, not {unit}"),
    "expr.condition_not_bool": ("een voorwaarde moet waar of onwaar opleveren, niet {unit}",
                                "a condition must be true or false, not {unit}"),
    "expr.norm_unit": ("de norm ({norm_unit}) past niet bij de maatstaf ({unit})",
                       "the norm ({norm_unit}) does not match the measure ({unit})"),
    # -- pack semantics ------------------------------------------------------------------------
    "pack.id_mismatch": ("pakket-id '{id}' hoort in bestand rules/{id}.yaml, niet in {file}",
                         "pack id '{id}' belongs in rules/{id}.yaml, not {file}"),
    "pack.duplicate_rule": ("regel-id '{id}' komt twee keer voor (eerder op regel {first}); geef "
                            "elke regel een eigen id, bijvoorbeeld '{id}-b'",
                            "rule id '{id}' appears twice (first on line {first}); give each rule "
                            "its own id, for example '{id}-b'"),
    "pack.unknown_party": ("partij '{party}' staat niet in de kop van het pakket{suggestion_hint}; "
                           "voeg haar toe onder 'parties' of gebruik een rol (gemeente, "
                           "corporatie, huurdersorganisatie)",
                           "party '{party}' is not declared in the pack header{suggestion_hint}; "
                           "add it under 'parties' or use a role (gemeente, corporatie, "
                           "huurdersorganisatie)"),
    "pack.duplicate_party": ("partij-id '{party}' komt twee keer voor",
                             "party id '{party}' appears twice"),
    "pack.years_outside_period": ("jaren {first}-{last} kunnen niet: het eerste jaar ligt binnen "
                                  "de looptijd {pfirst}-{plast} en niet na het laatste; alleen "
                                  "'to' mag na de looptijd liggen, als de afspraak zelf dat jaar "
                                  "noemt",
                                  "years {first}-{last} cannot be: the first year lies within the "
                                  "period {pfirst}-{plast} and not after the last; only 'to' may "
                                  "lie after the period, where the clause itself names that year"),
    "pack.deadline_before_years": ("deadline {deadline} ligt vóór het eerste jaar van de regel "
                                   "({first}); kies een jaar vanaf {first} (na de looptijd mag, "
                                   "als de afspraak dat jaar noemt) of pas 'years' aan",
                                   "deadline {deadline} lies before the rule's first year "
                                   "({first}); choose a year from {first} on (after the period is "
                                   "allowed where the clause names that year) or change 'years'"),
    "pack.trajectory_start": ("het traject begint in {year}, niet vóór de deadline {deadline}; "
                              "laat het beginnen in een jaar vóór de deadline",
                              "the trajectory starts in {year}, not before the deadline "
                              "{deadline}; start it in a year before the deadline"),
    "pack.due_outside": ("opleverdatum {due} ligt buiten de jaren van de regel ({first}-{last}) en "
                         "wordt nooit getoetst; kies een datum binnen de looptijd",
                         "due date {due} lies outside the rule's years ({first}-{last}) and is "
                         "never judged; choose a date within the period"),
    "expr.share_out_of_range": ("aandeel {value} ligt buiten 0%-100%; een aandeel ligt tussen 0% "
                                "en 100%",
                                "share {value} lies outside 0%-100%; a share lies between 0% and "
                                "100%"),
    "schema.min_length": ("waarde {value} is te kort: minimaal {limit} tekens; vul het veld in",
                          "value {value} is too short: at least {limit} characters; fill in the "
                          "field"),
    "pack.no_source": ("de regel heeft geen bron; voeg toe: source: {{section: \"...\", quote: "
                       "\"de letterlijke tekst van de afspraak\"}}",
                       "the rule has no source; add: source: {{section: \"...\", quote: \"the "
                       "clause's own words\"}}"),
    "pack.no_quote": ("de bron citeert de afspraak niet; voeg 'quote:' toe met de letterlijke "
                      "tekst van de afspraak",
                      "the source does not quote the clause; add 'quote:' with the clause's own "
                      "words"),
    "pack.short_quote": ("citaat {value} is te kort of leeg; citeer de afspraak letterlijk "
                         "(minimaal {limit} tekens)",
                         "quote {value} is too short or empty; quote the clause word for word (at "
                         "least {limit} characters)"),
    "pack.trajectory_needs_deadline": ("een traject heeft een deadline nodig",
                                       "a trajectory needs a deadline"),
    "pack.tolerance_unit": ("de marge ({tunit}) past niet bij de maatstaf ({unit})",
                            "the tolerance ({tunit}) does not match the measure ({unit})"),
    "pack.unknown_rung": ("trede '{rung}' staat niet in de geschillenladder",
                          "rung '{rung}' is not on the disputes ladder"),
    "pack.unknown_law": ("wet '{law}' staat niet onder 'laws' in rules/national/parameters.yaml"
                         "{suggestion_hint}; bekend: {known}",
                         "law '{law}' is not under 'laws' in rules/national/parameters.yaml"
                         "{suggestion_hint}; known: {known}"),
    "pack.bad_date": ("ongeldige datum '{value}': schrijf JJJJ-MM-DD",
                      "invalid date '{value}': write YYYY-MM-DD"),
    "pack.unknown_rule": ("regel '{rule}' bestaat niet in dit pakket{suggestion_hint}",
                          "rule '{rule}' does not exist in this pack{suggestion_hint}"),
    "pack.amendment_year": ("wijziging vanaf {year} kan niet: kies een jaar van {first} tot en met "
                            "{last}",
                            "a change from {year} is not possible: choose a year from {first} "
                            "through {last}"),
    "pack.unknown": ("onbekend pakket '{id}'{suggestion_hint}; bekende pakketten: {known}",
                     "unknown pack '{id}'{suggestion_hint}; known packs: {known}"),
    "pack.include_cycle": ("pakketten nemen elkaar op in een kring: {chain}",
                           "packs include each other in a cycle: {chain}"),
    "pack.wording_placeholder": ("'{{{name}}}' kan hier niet: de tekst kent alleen {allowed}",
                                 "'{{{name}}}' cannot stand here: the text knows only {allowed}"),
    "params.share_percent": ("parameterwaarde '{value}' is een aandeel: schrijf het met %, "
                             "bijvoorbeeld 3.1%",
                             "parameter value '{value}' is a share: write it with %, for example "
                             "3.1%"),
    "params.national_name": ("'{name}' is al een landelijke parameter "
                             "(rules/national/parameters.yaml); lees die met param({name}) of kies "
                             "voor de eigen waarde een andere naam",
                             "'{name}' is already a national parameter "
                             "(rules/national/parameters.yaml); read it with param({name}) or give "
                             "the value of your own another name"),
    "params.declared_twice": ("waarde '{name}' staat in twee pakketten die samen gelden, met "
                              "verschillende waarden; geef één van beide een andere naam",
                              "value '{name}' is set by two packs that apply together, "
                              "differently; give one of them another name"),
    # -- figures of one's own (`vocabulary:` in a pack or woonpact.yaml) -------------------------
    "vocab.shared_name": ("'{name}' staat al in de gedeelde woordenlijst (docs/facts.md) of is een "
                          "gereserveerd woord; gebruik dat feit of kies een andere naam",
                          "'{name}' is already in the shared vocabulary (docs/facts.md) or a "
                          "reserved word; use that fact or choose another name"),
    "vocab.shared_attribute": ("{collection} heeft al een kenmerk '{name}' (docs/facts.md); "
                               "gebruik dat of kies een andere naam",
                               "{collection} already has an attribute '{name}' (docs/facts.md); "
                               "use it or choose another name"),
    "vocab.unknown_collection": ("onbekende verzameling '{name}'{suggestion_hint}; eigen kenmerken "
                                 "horen bij een verzameling uit docs/facts.md",
                                 "unknown collection '{name}'{suggestion_hint}; attributes of your "
                                 "own belong to a collection of docs/facts.md"),
    "vocab.unknown_reporter": ("'{party}' is geen partij van het pakket en geen "
                               "rol{suggestion_hint}; kies uit: {allowed}",
                               "'{party}' is neither a party of the pack nor a "
                               "role{suggestion_hint}; choose from: {allowed}"),
    "vocab.enum_unit": ("alleen een kenmerk met eenheid text heeft vaste waarden (enum), niet "
                        "{unit}; laat enum weg of maak de eenheid text",
                        "only an attribute of unit text has fixed values (enum), not {unit}; drop "
                        "enum or make the unit text"),
    "vocab.default_unit": ("alleen een kenmerk met eenheid bool heeft een standaardwaarde "
                           "(default), niet {unit}; laat default weg",
                           "only an attribute of unit bool has a default value, not {unit}; drop "
                           "default"),
    "vocab.declared_twice": ("'{name}' is twee keer anders gedeclareerd ({first} en {second}); "
                             "declareer het één keer, in woonpact.yaml als meer pakketten het "
                             "lezen",
                             "'{name}' is declared twice, differently ({first} and {second}); "
                             "declare it once, in woonpact.yaml when several packs read it"),
    "workspace.none": ("geen werkmap gevonden: maak er een met woonpact init, of geef --workspace "
                       "MAP of WOONPACT_WORKSPACE",
                       "no workspace found: make one with woonpact init, or give --workspace DIR "
                       "or WOONPACT_WORKSPACE"),
    "workspace.bundled": ("hier staan de pakketten die woonpact meelevert, geen eigen werkmap; "
                          "begin een werkmap in een andere map, of geef --workspace MAP",
                          "this folder holds the packs woonpact ships, not a workspace of your "
                          "own; start a workspace in another folder, or give --workspace DIR"),
    "workspace.missing": ("werkmap bestaat niet (--workspace of {variable}); geef een bestaande "
                          "map of maak er een met woonpact init",
                          "workspace does not exist (--workspace or {variable}); give an existing "
                          "folder or make one with woonpact init"),
    # -- facts ---------------------------------------------------------------------------------
    "facts.agreement_mismatch": ("feiten horen bij '{found}', maar het pakket is '{expected}'",
                                 "facts belong to '{found}' but the pack is '{expected}'"),
    "facts.unknown_party": ("partij '{party}' staat niet in pakket {pack}{suggestion_hint}",
                            "party '{party}' is not in pack {pack}{suggestion_hint}"),
    "facts.unknown_participant": ("deelnemer '{party}' van een overleg is geen partij van pakket "
                                  "{pack}{suggestion_hint}; noem partijen bij hun id: {allowed}",
                                  "participant '{party}' of a meeting is not a party of pack "
                                  "{pack}{suggestion_hint}; name parties by their id: {allowed}"),
    "facts.unknown_code": ("'{value}' in {name} is geen waarde die een regel van dit pakket "
                           "leest{suggestion_hint}, zodat geen regel het zou vinden; kies uit: "
                           "{allowed}",
                           "'{value}' in {name} is no value a rule of this pack "
                           "reads{suggestion_hint}, so no rule would find it; choose from: "
                           "{allowed}"),
    "facts.unknown_condition": ("voorwaarde '{name}' wordt door geen regel van pakket {pack} "
                                "gelezen{suggestion_hint}; kies uit: {allowed}",
                                "condition '{name}' is read by no rule of pack "
                                "{pack}{suggestion_hint}; choose from: {allowed}"),
    "facts.implausible": ("{name} = {value} ligt buiten wat gebruikelijk is ({range}); klopt het? "
                          "(in een procentcel wordt 0,3 gelezen als 30%)",
                          "{name} = {value} is outside the usual range ({range}); is it right? (in "
                          "a percentage cell 0.3 is read as 30%)"),
    "facts.year_not_name": ("het bestand heet {name}, maar year zegt {year}: het wordt als {year} "
                            "beoordeeld; klopt het jaar (een kopie van een ander jaar?)",
                            "the file is named {name} but year says {year}: it is judged as "
                            "{year}; is the year right (a copy of another year's file?)"),
    "facts.year_twice": ("jaar {year} staat in twee bestanden: {first} en {second}",
                         "year {year} appears in two files: {first} and {second}"),
    "facts.mixed_agreements": ("de feiten horen bij verschillende afspraken: {found}; controleer "
                               "ze per afspraak",
                               "the facts belong to different agreements: {found}; check them one "
                               "agreement at a time"),
    # CSV collections (engine/facts/tables.py; docs/tables.md says which dialects are read)
    "facts.csv_header": ("CSV-kolom '{name}' is onbekend voor {collection}{suggestion_hint}; "
                         "gebruik de namen uit docs/facts.md",
                         "CSV column '{name}' is unknown for {collection}{suggestion_hint}; use "
                         "the names in docs/facts.md"),
    "facts.csv_header_empty": ("deze kolom heeft geen naam in de kopregel; geef haar een naam van "
                               "{collection} of verwijder de kolom",
                               "this column has no name in the header line; give it a name of "
                               "{collection} or remove the column"),
    "facts.csv_header_twice": ("kolom '{name}' staat twee keer in de kopregel (ook als kolom "
                               "{first}); laat er één staan",
                               "column '{name}' appears twice in the header line (also as column "
                               "{first}); keep one"),
    "facts.csv_empty": ("het CSV-bestand heeft geen kopregel; de eerste regel noemt de kolommen "
                        "van {collection}",
                        "the CSV file has no header line; its first line names the columns of "
                        "{collection}"),
    "facts.csv_separators": ("de kopregel bevat zowel ',' als ';', zodat het scheidingsteken niet "
                             "vaststaat; gebruik er één",
                             "the header line holds both ',' and ';', so the separator is not "
                             "certain; use one of them"),
    "facts.csv_encoding": ("het CSV-bestand is geen UTF-8, UTF-16 of Windows-1252 ({detail}); sla "
                           "het in Excel op als 'CSV UTF-8'",
                           "the CSV file is not UTF-8, UTF-16 or Windows-1252 ({detail}); save it "
                           "from Excel as 'CSV UTF-8'"),
    "facts.csv_utf16": ("het CSV-bestand bevat nul-bytes: UTF-16 zonder byte-order mark of geen "
                        "tekst; sla het in Excel op als 'CSV UTF-8'",
                        "the CSV file holds NUL bytes: UTF-16 without a byte-order mark, or not "
                        "text; save it from Excel as 'CSV UTF-8'"),
    "facts.csv_quote": ("een aanhalingsteken (\") in deze rij wordt niet gesloten, zodat alles tot "
                        "regel {end} één waarde zou worden; sluit het of haal het weg",
                        "a quote (\") in this row is never closed, so everything up to line {end} "
                        "would become one value; close it or remove it"),
    "facts.csv_syntax": ("de CSV is hier niet te lezen ({detail}); zet een waarde met een "
                         "aanhalingsteken helemaal tussen aanhalingstekens en verdubbel het teken "
                         "erin",
                         "the CSV cannot be read here ({detail}); quote a value that holds a quote "
                         "as a whole and double the quote inside it"),
    "facts.csv_row_long": ("deze rij heeft {found} waarden, de kopregel {expected} kolommen; haal "
                           "de extra waarden weg, of zet een waarde met {separator} erin tussen "
                           "aanhalingstekens",
                           "this row has {found} values, the header line {expected} columns; "
                           "remove the extra values, or quote a value that holds {separator}"),
    "facts.csv_row_short": ("deze rij heeft {found} waarden, de kopregel {expected} kolommen; vul "
                            "de ontbrekende aan (een lege waarde is twee keer {separator} achter "
                            "elkaar)",
                            "this row has {found} values, the header line {expected} columns; add "
                            "the missing ones (an empty value is {separator} twice in a row)"),
    "facts.more": ("en nog {count} fouten in dit bestand; herstel eerst de fouten hierboven",
                   "and {count} more problems in this file; fix the ones above first"),
    "facts.csv_newline": ("'{value}' in kolom '{name}' loopt over meer dan één regel; een {name} "
                          "staat op één regel",
                          "'{value}' in column '{name}' runs over more than one line; a {name} "
                          "stands on one line"),
    "facts.csv_required": ("'{name}' is verplicht en hier leeg; vul de waarde in",
                           "'{name}' is required and empty here; fill in the value"),
    "facts.csv_whole": ("'{value}' in kolom '{name}' is geen geheel getal; schrijf alleen cijfers, "
                        "zonder punt of komma, bijvoorbeeld 12",
                        "'{value}' in column '{name}' is not a whole number; write digits only, "
                        "without a point or comma, for example 12"),
    "facts.csv_amount": ("'{value}' in kolom '{name}' is geen bedrag; schrijf het als {example}, "
                         "zonder €-teken en zonder scheidingsteken voor duizendtallen",
                         "'{value}' in column '{name}' is not an amount; write it as {example}, "
                         "without a € sign and without a thousands separator"),
    "facts.csv_decimal": ("'{value}' in kolom '{name}': in een bestand gescheiden door {separator} "
                          "staat een decimaal als '{decimal}' en is er geen scheidingsteken voor "
                          "duizendtallen; schrijf {fix}",
                          "'{value}' in column '{name}': in a file separated by {separator} a "
                          "decimal is written with '{decimal}' and there is no thousands "
                          "separator; write {fix}"),
    "facts.csv_decimal_tab": ("'{value}' in kolom '{name}': een bestand gescheiden door tabs "
                              "(Excels 'Unicode-tekst') wordt gelezen met een decimale punt; "
                              "schrijf {fix}, of bewaar het blad als 'CSV (gescheiden door "
                              "puntkomma)', waarin een decimaalkomma gelezen wordt",
                              "'{value}' in column '{name}': a tab-separated file (Excel's "
                              "'Unicode text') is read with a decimal point; write {fix}, or save "
                              "the sheet as 'CSV (semicolon delimited)', where a decimal comma is "
                              "read"),
    "facts.csv_negative": ("'{value}' in kolom '{name}' is negatief; een aantal of bedrag is 0 of "
                           "meer",
                           "'{value}' in column '{name}' is negative; a count or amount is 0 or "
                           "more"),
    "facts.csv_not_plain": ("'{value}' in kolom '{name}' is geen gewoon getal (nan, inf en "
                            "e-notatie worden niet gelezen); schrijf de cijfers uit",
                            "'{value}' in column '{name}' is not a plain number (nan, inf and "
                            "e-notation are not read); write out the digits"),
    "facts.csv_range": ("'{value}' in kolom '{name}' ligt buiten het bereik {low} tot {high}; "
                        "controleer de waarde",
                        "'{value}' in column '{name}' is outside the range {low} to {high}; check "
                        "the value"),
    "facts.csv_bool": ("'{value}' in kolom '{name}' is geen ja of nee; schrijf ja/nee, waar/onwaar "
                       "of true/false",
                       "'{value}' in column '{name}' is not yes or no; write ja/nee, waar/onwaar "
                       "or true/false"),
    "facts.csv_date": ("'{value}' in kolom '{name}' is geen datum; schrijf JJJJ-MM-DD, "
                       "bijvoorbeeld 2025-06-30",
                       "'{value}' in column '{name}' is not a date; write YYYY-MM-DD, for example "
                       "2025-06-30"),
    "facts.csv_date_fix": ("'{value}' in kolom '{name}' is een datum in een vorm die hier niet "
                           "gelezen wordt; schrijf {fix}",
                           "'{value}' in column '{name}' is a date in a form not read here; write "
                           "{fix}"),
    "facts.csv_no_such_date": ("'{value}' in kolom '{name}' is geen bestaande datum; controleer "
                               "dag en maand",
                               "'{value}' in column '{name}' is not a date that exists; check the "
                               "day and month"),
    "facts.csv_id_twice": ("id '{value}' staat ook op regel {first}; geef elk item een eigen id",
                           "id '{value}' is also on line {first}; "
                           "give every item an id of its own"),
    "facts.id_twice": ("id '{value}' staat ook bij {first}; geef elk item een eigen id",
                       "id '{value}' is also given at {first}; give every item an id of its own"),
    "facts.no_year": ("geen feiten voor jaar {year}; beschikbaar: {years}",
                      "no facts for year {year}; available: {years}"),
    "facts.contest_unknown": ("betwist cijfer '{name}' staat niet in deze sectie",
                              "contested figure '{name}' is not in this section"),
    "facts.event_unknown_rule": ("escalatie noemt onbekende regel '{rule}'{suggestion_hint}",
                                 "escalation names unknown rule '{rule}'{suggestion_hint}"),
    # -- authoring: lint, rule tests, init --------------------------------------------------------
    "lint.quote_placeholder": ("citaat '{value}' lijkt een plaatshouder; citeer de afspraak "
                               "letterlijk uit het document",
                               "quote '{value}' looks like a placeholder; quote the clause word "
                               "for word from the document"),
    "lint.filter_value": ("'{attribute}' van {collection} is nooit '{value}'{suggestion_hint}; "
                          "kies uit: {allowed}",
                          "'{attribute}' of {collection} is never '{value}'{suggestion_hint}; "
                          "choose from: {allowed}"),
    "lint.filter_never": ("dit filter laat geen enkel item van {collection} door: de voorwaarden "
                          "op '{attribute}' sluiten elkaar uit of vallen buiten de mogelijke "
                          "waarden; controleer de grenzen",
                          "this filter lets no item of {collection} through: the conditions on "
                          "'{attribute}' exclude each other or lie outside its possible values; "
                          "check the bounds"),
    "lint.summary": ("{file}: {errors} fout(en), {warnings} waarschuwing(en)",
                     "{file}: {errors} error(s), {warnings} warning(s)"),
    "lint.declared_unused": ("'{name}' is gedeclareerd maar geen regel leest het; laat het weg of "
                             "lees het in een regel",
                             "'{name}' is declared but no rule reads it; remove it or read it in a "
                             "rule"),
    "lint.no_packs": ("geen pakket om te controleren: geef een pakketbestand of map, of werk in "
                      "een werkmap (woonpact init)",
                      "no pack to lint: give a pack file or folder, or work in a workspace "
                      "(woonpact init)"),
    "list.bundled": ("meegeleverd", "bundled"),
    "markdown.pack": ("Pakket: `{id}`", "Pack: `{id}`"),
    "markdown.column.rule": ("Regel", "Rule"),
    "markdown.column.for": ("Voor", "For"),
    "markdown.column.status": ("Status", "Status"),
    "markdown.column.explanation": ("Toelichting", "Explanation"),
    "markdown.column.clause": ("Afspraak", "Clause"),
    "markdown.whole": ("hele afspraak", "whole agreement"),
    "words.yes": ("ja", "yes"),
    "words.no": ("nee", "no"),
    "severity.error": ("fout", "error"),
    "severity.warning": ("waarschuwing", "warning"),
    "severity.note": ("let op", "note"),
    "severity.detail": ("info", "info"),
    "list.pack": ("{id}  [{mark}] {title} ({first}-{last}), {rules} regels{includes}",
                  "{id}  [{mark}] {title} ({first}-{last}), {rules} rules{includes}"),
    "list.includes": ("; neemt op: {packs}", "; includes {packs}"),
    "list.obligation.result": ("resultaat", "result"),
    "list.obligation.effort": ("inspanning", "effort"),
    "explain.at_least": ("ten minste {value}", "at least {value}"),
    "explain.at_most": ("ten hoogste {value}", "at most {value}"),
    "explain.more": ("meer dan {value}", "more than {value}"),
    "explain.less": ("minder dan {value}", "less than {value}"),
    "explain.equal": ("gelijk aan {value}", "equal to {value}"),
    "explain.not_equal": ("ongelijk aan {value}", "not equal to {value}"),
    "explain.between": ("tussen {low} en {high}", "between {low} and {high}"),
    "explain.scope_agreement": ("de afspraak als geheel", "the agreement as a whole"),
    "explain.scope_corporations": ("elke corporatie afzonderlijk", "each corporation separately"),
    "explain.scope_each": ("elk item van {collection}{where}", "each item of {collection}{where}"),
    "explain.obligation.result": ("resultaatsverplichting", "result obligation"),
    "explain.obligation.effort": ("inspanningsverplichting", "effort obligation"),
    "explain.original": ("oorspronkelijke tekst", "original text"),
    "explain.version": ("Versie: {origin}, {first}-{last}", "Version: {origin}, {first}-{last}"),
    "explain.source": ("Bron: {section}", "Source: {section}"),
    "explain.interpretation": ("Interpretatie: {text}", "Interpretation: {text}"),
    "explain.kind": ("Soort: {kind}", "Kind: {kind}"),
    "explain.responsible": ("Verantwoordelijk: {parties}", "Responsible: {parties}"),
    "explain.judged_for": ("Getoetst voor: {scope}, {first}-{last}",
                           "Judged for: {scope}, {first}-{last}"),
    "explain.applies_if": ("Geldt alleen als: {condition}", "Applies only if: {condition}"),
    "explain.norm": ("Norm: {measure} is {norm}", "Norm: {measure} is {norm}"),
    "explain.deadline": ("Uiterlijk: eind {year}", "By: the end of {year}"),
    "explain.deadline_trajectory": ("Uiterlijk: eind {year}, met een tussentraject",
                                    "By: the end of {year}, with an interim trajectory"),
    "explain.tolerance": ("Marge (circa): ja", "Tolerance (circa): yes"),
    "explain.signal": ("Signaalwaarde: {level} -> {action}", "Signal level: {level} -> {action}"),
    "explain.trigger": ("Als {when}: {action}", "When {when}: {action}"),
    "explain.each_year": ("elk jaar op {date}", "each year by {date}"),
    "explain.milestone": ("Op te leveren: {deliverable}, uiterlijk {due}",
                          "Deliverable: {deliverable}, due {due}"),
    "explain.reads": ("Leest: {facts}", "Reads: {facts}"),
    "list.own": ("werkmap", "workspace"),
    "explain.own_figure": ("Eigen feit {name}: {label} ({unit}), gemeld door {reported_by}",
                           "Own figure {name}: {label} ({unit}), reported by {reported_by}"),
    "explain.own_attribute": ("Eigen kenmerk {name}: {label} ({unit})",
                              "Own attribute {name}: {label} ({unit})"),
    "explain.own_parameter": ("Eigen waarde param({name}): {description}; een feitenset kan haar "
                              "voor zijn jaar zetten onder parameters.{name}",
                              "Own value param({name}): {description}; a fact set may set it for "
                              "its year under parameters.{name}"),
    "ruletest.none": ("pakket {pack} heeft geen tests; schrijf ze in {file} (woonpact init maakt "
                      "een voorbeeld)",
                      "pack {pack} has no tests; write them in {file} (woonpact init makes an "
                      "example)"),
    "ruletest.unknown_rule": ("regel '{rule}' bestaat niet in pakket {pack}{suggestion_hint}; noem "
                              "een regel-id uit het pakket",
                              "rule '{rule}' does not exist in pack {pack}{suggestion_hint}; name "
                              "a rule id of the pack"),
    "ruletest.pass": ("geslaagd", "passed"),
    "ruletest.fail": ("MISLUKT", "FAILED"),
    "ruletest.value": ("waarde", "value"),
    "ruletest.mismatch": ("{place}: verwacht {expected}, gevonden {found}",
                          "{place}: expected {expected}, found {found}"),
    "ruletest.share_as_number": ("; een aandeel schrijft u met %: value: {value}%",
                                 "; write a share with %: value: {value}%"),
    "ruletest.no_finding": ("{place}: verwacht {expected}, maar er is geen bevinding voor deze "
                            "regel, dit jaar en dit bereik",
                            "{place}: expected {expected}, but there is no finding for this rule, "
                            "year and scope"),
    "ruletest.summary": ("{pack}: {passed} geslaagd, {failed} mislukt",
                         "{pack}: {passed} passed, {failed} failed"),
    "init.bad_id": ("pakket-id '{id}' kan niet: gebruik kleine letters, cijfers en streepjes, "
                    "bijvoorbeeld mijnstad-2025",
                    "pack id '{id}' is not possible: use lower-case letters, digits and hyphens, "
                    "for example mytown-2025"),
    "init.exists": ("bestaat al; woonpact init overschrijft niets: kies een ander pakket-id of een "
                    "andere werkmap (--workspace)",
                    "already exists; woonpact init overwrites nothing: choose another pack id or "
                    "workspace (--workspace)"),
    "init.written": ("geschreven: {file}", "written: {file}"),
    "init.next": ("Volgende stappen:", "Next steps:"),
    # -- the disputes ladder ---------------------------------------------------------------------
    # the rungs of an agreement that names no ladder of its own (engine/rules/loader.py)
    "ladder.rung.overleg": ("Overleg", "Consultation (overleg)"),
    "ladder.rung.mediation": ("Mediation", "Mediation"),
    "ladder.rung.minister": ("Voorleggen aan de minister", "Put to the minister"),
    "ladder.breach": ("{year}: niet nageleefd", "{year}: breach"),
    "ladder.warning": ("{year}: waarschuwing", "{year}: warning"),
    "ladder.compliant": ("{year}: weer nageleefd", "{year}: compliant again"),
    "ladder.deviation": ("{year}: afgesproken afwijking, goedgekeurd door {approved_by}: {reason}",
                         "{year}: agreed deviation, approved by {approved_by}: {reason}"),
    "ladder.held": ("{date}: {rung} gehouden, {outcome}{note}",
                    "{date}: {rung} held, {outcome}{note}"),
    "ladder.outcome.resolved": ("opgelost", "resolved"),
    "ladder.outcome.unresolved": ("niet opgelost", "unresolved"),
    "ladder.outcome.agreement-amended": ("afspraak gewijzigd", "agreement amended"),
    "ladder.outcome.none": ("zonder vastgelegde uitkomst", "no outcome recorded"),
    "ladder.why.first": ("eerste tekortkoming: begin met {next}",
                         "first shortfall: start with {next}"),
    "ladder.why.first_warning": ("eerste waarschuwing: begin met {next}",
                                 "first warning: start with {next}"),
    "ladder.why.repeated": ("herhaald: {count} keer sinds {since} en nog geen trede gehouden: "
                            "begin alsnog met {next}",
                            "repeated: {count} times since {since} and no rung held yet: start "
                            "with {next} now"),
    "ladder.why.again": ("opnieuw na de episode die in {closed} sloot: begin weer met {next}",
                         "again after the episode that closed in {closed}: start again with "
                         "{next}"),
    "ladder.why.after_held": ("{rung} gehouden zonder oplossing, daarna tekortgeschoten: volgende "
                              "trede {next}",
                              "{rung} held without a solution, then fallen short: next rung "
                              "{next}"),
    "ladder.why.climb": ("blijft na {rung} zonder oplossing: volgende trede {next}",
                         "persists after {rung} without a solution: next rung {next}"),
    "ladder.why.warning": ("een waarschuwing klimt niet: {next}",
                           "a warning does not climb: {next}"),
    "ladder.why.ceiling": ("inspanningsverplichting: de ladder stopt bij {next}",
                           "an effort obligation: the ladder stops at {next}"),
    "ladder.why.top": ("hoogste trede bereikt: {next}", "the top rung is reached: {next}"),
    "ladder.why.awaiting": ("{rung} gehouden zonder oplossing: de beoordeling van {decides} "
                            "beslist; blijft de tekortkoming, dan {then}",
                            "{rung} held without a solution: the {decides} evaluation decides; "
                            "if the shortfall persists, then {then}"),
    "ladder.why.awaiting_top": ("{rung} gehouden zonder oplossing: de beoordeling van {decides} "
                                "beslist; blijft de tekortkoming, dan opnieuw {then}, hoger gaat "
                                "dit geschil niet",
                                "{rung} held without a solution: the {decides} evaluation decides; "
                                "if the shortfall persists, {then} again, this dispute goes no "
                                "higher"),
    "ladder.why.bounded": ("de wet en de overeenkomst geven dit geschil geen hogere trede dan "
                           "{next}; {beyond}: {opens}",
                           "the law and the agreement give this dispute no rung above {next}; "
                           "{beyond}: {opens}"),
    "ladder.opens.keeping": ("alleen bij een geschil over het maken van de afspraken",
                             "only for a dispute about making the agreements"),
    "ladder.opens.making": ("alleen bij een geschil over het nakomen van een afspraak",
                            "only for a dispute about keeping an agreed clause"),
    "ladder.opens.law": ("vanaf de inwerkingtreding van de {law} ({date}, {status})",
                         "from the entry into force of the {law} ({date}, {status})"),
    "ladder.opens.or": ("; of ", "; or "),
    "ladder.opens.never": ("niet voor dit geschil", "not for this dispute"),
    "law.status.confirmed": ("bevestigd", "confirmed"),
    "law.status.secondary": ("beoogd, alleen uit een afgeleide bron",
                             "intended, from a secondary source only"),
    "law.status.unconfirmed": ("beoogd, nog niet bevestigd", "intended, not yet confirmed"),
    "ladder.why.closed": ("episode gesloten", "episode closed"),
    "ladder.open_heading": ("{title}: open episodes op de geschillenladder en acties uit de "
                            "afspraken, stand {year}",
                            "{title}: open episodes on the disputes ladder and actions the clauses "
                            "prescribe, as of {year}"),
    "ladder.nothing_open": ("geen open episodes of acties", "no open episodes or actions"),
    "ladder.action.trigger_fired": ("{year}: de situatie van de afspraak deed zich voor",
                                    "{year}: the clause's situation arose"),
    "ladder.action.action_missing": ("{year}: actie niet uitgevoerd", "{year}: action not taken"),
    "ladder.why.action_due": ("de afspraak schrijft deze actie zelf voor, naast de "
                              "geschillenladder",
                              "the clause itself prescribes this action, beside the disputes "
                              "ladder"),
    "ladder.why.action_missing": ("de voorgeschreven actie bleef uit: zij is nog te doen, en de "
                                  "tekortkoming gaat ook de geschillenladder op",
                                  "the prescribed action was not taken: it is still to be done, "
                                  "and the shortfall also goes up the disputes ladder"),
    "ladder.action_step": ("actie volgens de afspraak: {action}",
                           "action the clause prescribes: {action}"),
    "ladder.by": ("door: {parties}", "by: {parties}"),
    "pack.ladder_too_long": ("de geschillenladder heeft {count} treden; woonpact kent er hoogstens "
                             "{most}",
                             "the disputes ladder has {count} rungs; woonpact takes at most "
                             "{most}"),
    "ladder.heading": ("Geschillenladder {year}", "Disputes ladder {year}"),
    "table.pack": ("Pakket: {pack}   Jaren: {years}", "Pack: {pack}   Years: {years}"),
    "table.summary": ("Samenvatting {year}: {summary}", "Summary {year}: {summary}"),
    "ladder.none": ("geen", "none"),
    "ladder.step": ("nu: {rung}; aanbevolen: {next}", "now: {rung}; recommended: {next}"),
    "ladder.step_awaiting": ("nu: {rung}; aanbevolen: de beoordeling van {year} beslist, "
                             "blijft de tekortkoming dan {then}",
                             "now: {rung}; recommended: the {year} evaluation decides, "
                             "if the shortfall persists then {then}"),
    "ladder.awaiting": ("de beoordeling van {year} beslist; blijft de tekortkoming, dan {then}",
                        "the {year} evaluation decides; if the shortfall persists, then {then}"),
    "ladder.closed": ("nu: {rung}; gesloten", "now: {rung}; closed"),
    "ladder.with": ("met: {parties}", "with: {parties}"),
    "ladder.answerable": ("verantwoordelijk: {parties} ({obligation})",
                          "responsible: {parties} ({obligation})"),
    "ladder.basis": ("grondslag: {basis}", "legal basis: {basis}"),
    "ladder.basis_from": ("{basis} (vanaf {date})", "{basis} (from {date})"),
    "finding.agreed_deviation": (" [afgesproken afwijking, goedgekeurd door {approved_by}: "
                                 "{reason}]",
                                 " [agreed deviation, approved by {approved_by}: {reason}]"),
    "finding.action_held": (" [overleg over deze afspraak vastgelegd op {date}]",
                            " [meeting on this clause recorded on {date}]"),
    "finding.unconfirmed_figure": ("{figure} {year} ({status})", "{figure} {year} ({status})"),
    "finding.unconfirmed": (" [rust op een landelijk cijfer dat niet bevestigd is: {figures}]",
                            " [rests on a national figure that is not confirmed: {figures}]"),
    "figure.status.secondary": ("alleen uit een afgeleide bron", "from a secondary source only"),
    "figure.status.unconfirmed": ("niet gevonden in een bron", "not found in a source"),
    "status.agreed_deviation": ("afgesproken afwijking", "agreed deviation"),
    "facts.deviation_unknown_rule": ("afwijking noemt onbekende regel '{rule}'{suggestion_hint}",
                                     "deviation names unknown rule '{rule}'{suggestion_hint}"),
    "facts.unknown_scope": ("scope '{scope}' is geen partij of item waarover regel '{rule}' "
                            "gaat{suggestion_hint}; kies uit: {allowed}, of laat 'scope' weg als "
                            "het alle betreft",
                            "scope '{scope}' is no party or item that rule '{rule}' is "
                            "about{suggestion_hint}; choose from: {allowed}, or leave 'scope' out "
                            "when it concerns all"),
    "facts.unknown_rung": ("trede '{rung}' staat niet op de geschillenladder van dit "
                           "pakket{suggestion_hint}; kies uit: {rungs}",
                           "rung '{rung}' is not on this pack's disputes ladder{suggestion_hint}; "
                           "choose from: {rungs}"),
    "facts.event_year_unsaid": (
        "het overleg van {date} staat in de feiten van {file_year}, maar is in een ander jaar "
        "gehouden; het bestand bepaalt niet waarover het gaat: noem met concerns het jaar waarover "
        "het gaat ({file_year}, als het over {file_year} gaat)",
        "the meeting of {date} is recorded in the facts of {file_year} but was held in another "
        "year; the file does not decide what it is about: name with concerns the year it is about "
        "({file_year}, if it is about {file_year})"),
    "facts.event_outside_period": (
        "het overleg van {date} gaat over {year} (concerns, anders het jaar van de datum), buiten "
        "de looptijd {first}-{last} van de afspraak; noem met concerns het jaar binnen de looptijd "
        "waarover het gaat",
        "the meeting of {date} concerns {year} (concerns, else the year of its date), outside the "
        "agreement's period {first}-{last}; name with concerns the year within the period it is "
        "about"),
    "facts.event_before_year": (
        "het overleg van {date} ligt vóór {year}, het jaar waarover het zou gaan; een overleg "
        "volgt op de bevindingen van dat jaar: corrigeer concerns of de datum",
        "the meeting of {date} lies before {year}, the year it would concern; a meeting follows "
        "that year's findings: correct concerns or the date"),
    "facts.event_long_after": (
        "het overleg van {date} gaat over {year}, meer dan een jaar na afloop daarvan; klopt "
        "concerns?",
        "the meeting of {date} concerns {year}, more than a year after it ended; is concerns "
        "right?"),
    "facts.event_unmatched": (
        "het overleg over {rule} gaat over {year}, maar {rule} schoot in {year} niet tekort "
        "({scopes}); het verandert niets op de geschillenladder: noem met concerns het jaar, of "
        "met scope de partij, van de tekortkoming waarover het ging",
        "the meeting about {rule} concerns {year}, but {rule} did not fall short in {year} "
        "({scopes}); it changes nothing on the disputes ladder: name with concerns the year, or "
        "with scope the party, of the shortfall it was about"),
    "facts.event_no_finding": (
        "het overleg over {rule} gaat over {year}, maar er is geen bevinding van {rule} in {year} "
        "(geen feiten voor dat jaar, of de afspraak of scope gold toen niet); het verandert niets "
        "op de geschillenladder",
        "the meeting about {rule} concerns {year}, but there is no finding of {rule} in {year} (no "
        "facts for that year, or the clause or scope did not apply then); it changes nothing on "
        "the disputes ladder"),
    "record.not_yaml": ("woonpact record schrijft alleen in YAML- en Excel-feitenbestanden "
                        "(.yaml, .yml, .xlsx)",
                        "woonpact record writes only to YAML and Excel fact files (.yaml, .yml, "
                        ".xlsx)"),
    "record.flow_list": ("'escalations:' staat op één regel; schrijf het als lijst met '- ' per "
                         "gebeurtenis",
                         "'escalations:' is written on one line; write it as a list with '- ' per "
                         "event"),
    "record.not_preserved": ("het bestand zou na het vastleggen iets anders bevatten dan ervoor; "
                             "er is niets geschreven",
                             "recording would change more of the file than the one event; nothing "
                             "was written"),
    "record.done": ("vastgelegd in {file}: {rule} {rung} {date} {outcome}",
                    "recorded in {file}: {rule} {rung} {date} {outcome}"),
    "validate.ok": ("{pack} {years} in orde: {files}", "{pack} {years} ok: {files}"),
    "record.concerns": ("betreft {rule} {year} {scope}: {status}",
                        "concerns {rule} {year} {scope}: {status}"),
    "cli.no_pack": ("kan het pakket niet vinden: geef het veld 'agreement:' in de feiten of de "
                    "optie --rules",
                    "cannot find the pack: give the 'agreement:' field in the facts or the --rules "
                    "option"),
    # -- what is still missing (validate --missing, merge, the report) ---------------------------
    "missing.heading": ("Nog niet geleverd voor {year}:", "Not yet delivered for {year}:"),
    "missing.complete": ("alles geleverd: {parties}", "all delivered: {parties}"),
    "missing.figure": ("cijfer: {label}{code}, voor afspraak {clauses}",
                       "figure: {label}{code}, for clause {clauses}"),
    "missing.collection": ("lijst: {label}{code}, voor afspraak {clauses}",
                           "list: {label}{code}, for clause {clauses}"),
    "missing.condition": ("voorwaarde: {label}{code}, voor afspraak {clauses}",
                          "condition: {label}{code}, for clause {clauses}"),
    "missing.deliverable": ("product: {label}, uiterlijk {due}, voor afspraak {clauses}{together}",
                            "deliverable: {label}, due {due}, for clause {clauses}{together}"),
    "missing.together": (" (samen met {parties})", " (together with {parties})"),
    "cli.more_problems": ("… en nog {count} meldingen; los eerst deze op",
                          "… and {count} more problems; fix these first"),
    "cli.internal_error": ("interne fout ({detail}). Dit is een fout in woonpact, niet in uw "
                           "invoer, en geen oordeel over de afspraken. Meld het aan de "
                           "beheerders van woonpact met de opdracht en de uitvoer van dezelfde "
                           "opdracht met 'woonpact --debug'",
                           "internal error ({detail}). This is a bug in woonpact, not in your "
                           "input, and no verdict on the agreements. Report it to woonpact's "
                           "maintainers with the command and the output of the same command with "
                           "'woonpact --debug'"),
    "cli.interrupted": ("onderbroken", "interrupted"),
    # -- the cache (woonpact cache, engine/cache.py) ---------------------------------------------
    "cache.off": ("de cache staat uit (WOONPACT_CACHE=off)",
                  "the cache is off (WOONPACT_CACHE=off)"),
    "cache.info": ("cache: {folder}, {entries} items, {size} MB van hoogstens {limit} MB",
                   "cache: {folder}, {entries} entries, {size} MB of at most {limit} MB"),
    "cache.not_used": ("deze map wordt niet gebruikt: ze is niet van u, of anderen mogen erin "
                       "schrijven",
                       "this folder is not used: it is not yours, or others may write in it"),
    "cache.cleared": ("cache {folder} geleegd: {entries} items verwijderd",
                      "cache {folder} cleared: {entries} entries removed"),
    "cache.unusable": ("cachemap kan niet gemaakt of gelezen worden ({detail}); er wordt zonder "
                       "cache gewerkt",
                       "cannot create or read the cache folder ({detail}); working without the "
                       "cache"),
    "cache.foreign_folder": ("cachemap is niet van u of anderen mogen erin schrijven; hij wordt "
                             "niet gebruikt (kies een eigen map met WOONPACT_CACHE)",
                             "cache folder is not yours or others may write in it; it is not "
                             "used (choose your own folder with WOONPACT_CACHE)"),
    "cache.foreign_key": ("de sleutel van de cache is niet van u of door anderen leesbaar; de "
                          "cache wordt niet gebruikt ('woonpact cache clear' maakt een nieuwe)",
                          "the cache's key is not yours or readable by others; the cache is not "
                          "used ('woonpact cache clear' makes a new one)"),
    "cache.entry_foreign": ("cache-item is niet van u, is een link of mag door anderen "
                            "beschreven worden; genegeerd en opnieuw opgebouwd",
                            "cache entry is not yours, is a link or may be written by others; "
                            "ignored and rebuilt"),
    "cache.entry_damaged": ("cache-item is beschadigd of niet met uw sleutel gemaakt; genegeerd "
                            "en opnieuw opgebouwd",
                            "cache entry is damaged or was not made with your key; ignored and "
                            "rebuilt"),
    # -- reports (woonpact report) ---------------------------------------------------------------
    "report.title": ("Jaarrapportage {year}", "Annual report {year}"),
    "report.subtitle": ("{municipality} · looptijd {first}-{last} · beoordeelde jaren: {years}",
                        "{municipality} · period {first}-{last} · years judged: {years}"),
    "report.contents": ("Inhoud", "Contents"),
    "report.summary": ("Samenvatting {year}", "Summary {year}"),
    "report.lead": ("In {year} zijn {total} bevindingen getoetst: {parts}.",
                    "In {year}, {total} findings were judged: {parts}."),
    "report.more": ("en nog {count}: zie de bevindingen", "and {count} more: see the findings"),
    "report.who_acts": ("Wie moet wat doen", "Who must act"),
    "report.who_acts_note": ("Elke bevinding telt één keer: bij de partij die de afspraak bindt, "
                             "of bij de partijen die zij samen bindt.",
                             "Each finding counts once: for the party the clause binds, or for the"
                             " parties it binds together."),
    "report.to_deliver": ("nog te leveren", "to deliver"),
    "report.next": ("Wat gebeurt er nu", "What happens next"),
    "report.next_group": ("{step} ({count}): {clauses}", "{step} ({count}): {clauses}"),
    "report.more_steps": ("en nog {count} soorten stappen: zie de geschillenladder",
                          "and {count} more kinds of steps: see the disputes ladder"),
    "report.next_start": ("begin met {next}", "start with {next}"),
    "report.next_climb": ("na {rung}: verder met {next}", "after {rung}: go on to {next}"),
    "report.why": ("waarom: {reasons}", "why: {reasons}"),
    "count.compliant": ("{n} nageleefd", "{n} compliant"),
    "count.breach": ("{n} niet nageleefd", "{n} breached"),
    "count.warning": ("{n} met een waarschuwing", "{n} with a warning"),
    "count.missing_data": ("{n} met ontbrekende gegevens", "{n} with missing data"),
    "count.not_due": ("{n} nog niet aan de orde", "{n} not yet due"),
    "count.not_applicable": ("{n} niet van toepassing", "{n} not applicable"),
    "report.owed": ("Nog te leveren gegevens: {parties}; zie Ontbrekende gegevens.",
                    "Data still to be delivered: {parties}; see Missing data."),
    "report.moved": ("Sinds {year}: {parts}.", "Since {year}: {parts}."),
    "report.unmoved": ("geen afspraak nieuw niet nageleefd, verslechterd of hersteld",
                       "no clause newly breached, worsened or recovered"),
    "report.status": ("Status", "Status"),
    "report.who_line": ("Voor: {scope} · verantwoordelijk: {accountable} · {obligation}",
                        "For: {scope} · responsible: {accountable} · {obligation}"),
    "report.missing": ("Ontbrekende gegevens {year}", "Missing data {year}"),
    "report.nothing_missing": ("Alle gevraagde gegevens voor {year} zijn geleverd.",
                               "All data asked for {year} were delivered."),
    "report.sources": ("Verantwoording", "Account"),
    "report.made": ("opgesteld op {date} met woonpact {version}",
                    "made on {date} with woonpact {version}"),
    "report.file": ("Feitenbestand", "Fact file"),
    "report.version": ("Versie (SHA-256)", "Version (SHA-256)"),
    "report.by_status": ("Stand per jaar", "Standing per year"),
    "report.by_theme": ("Per thema ({year})", "By theme ({year})"),
    "report.by_party": ("Per partij ({year})", "By party ({year})"),
    "report.total": ("totaal", "total"),
    "report.theme": ("Thema", "Theme"),
    "report.party": ("Partij", "Party"),
    "report.year": ("Jaar", "Year"),
    "report.findings": ("Bevindingen {year} per thema", "Findings {year} by theme"),
    "report.rule": ("Afspraak", "Clause"),
    "report.scope": ("Voor", "For"),
    "report.whole_agreement": ("hele afspraak", "whole agreement"),
    "report.explanation": ("Toelichting", "Explanation"),
    "report.quote": ("Tekst van de afspraak ({section})", "Text of the clause ({section})"),
    "report.page": ("blz. {page}", "p. {page}"),
    "report.interpretation": ("Lezing", "Reading"),
    "report.facts_used": ("Gebruikte cijfers", "Figures used"),
    "report.contested": ("betwist door {party}", "contested by {party}"),
    "report.changes": ("Veranderingen sinds {year}", "Changes since {year}"),
    "report.no_previous": ("Geen eerder beoordeeld jaar om mee te vergelijken.",
                           "No earlier judged year to compare with."),
    "report.no_changes": ("Geen afspraak is sinds {year} nieuw geschonden, verslechterd of "
                          "hersteld.",
                          "No clause newly breached, worsened or recovered since {year}."),
    "report.change.newly_breached": ("nieuw niet nageleefd", "newly breached"),
    "report.change.worsened": ("verslechterd", "worsened"),
    "report.change.recovered": ("hersteld", "recovered"),
    "report.ladder": ("Geschillenladder", "Disputes ladder"),
    "report.no_escalations": ("Geen escalatiestappen in {year}.", "No escalation steps in {year}."),
    "report.rung": ("Huidige trede", "Current rung"),
    "report.recommended": ("Aanbevolen volgende trede", "Recommended next rung"),
    "report.parties": ("Partijen", "Parties"),
    "report.accountable": ("Verantwoordelijk", "Responsible"),
    "report.obligation": ("Soort verplichting", "Kind of obligation"),
    "report.legal_basis": ("Grondslag", "Legal basis"),
    "report.reasons": ("Waarom", "Why"),
    "report.closed": ("afgesloten", "closed"),
    "report.action": ("Actie volgens de afspraak", "Action the clause prescribes"),
    "report.by": ("Door", "By"),
    "report.trajectories": ("Trajecten", "Trajectories"),
    "report.no_trajectories": ("Geen afspraken met een traject, deadline of cumulatieve maatstaf.",
                               "No clauses with a trajectory, deadline or cumulative measure."),
    "report.chart.actual": ("gerealiseerd", "actual"),
    "report.chart.target": ("doelpad", "target path"),
    "report.chart.deadline": ("deadline {year}", "deadline {year}"),
    "report.chart.caption": ("{rule}, {scope}: gerealiseerd per jaar tegen het doelpad en de "
                             "deadline",
                             "{rule}, {scope}: actual per year against the target path and the "
                             "deadline"),
    "report.generated": ("Gemaakt met woonpact {version}.", "Made with woonpact {version}."),
    # -- Excel workbooks (woonpact template --xlsx, .xlsx fact sets, check --format xlsx) -------
    "facts.xlsx_header": ("kolom '{name}' is onbekend voor {collection}{suggestion_hint}; gebruik "
                          "de kolomkoppen van het sjabloon",
                          "column '{name}' is unknown for {collection}{suggestion_hint}; use the "
                          "template's column headers"),
    # reading a workbook (engine/facts/workbook.py; docs/tables.md says what is read)
    "workbook.damaged": ("de werkmap is beschadigd en niet te lezen ({detail}); open en bewaar "
                         "haar opnieuw in Excel, of maak een nieuwe met 'woonpact template'",
                         "the workbook is damaged and cannot be read ({detail}); open and save it "
                         "again in Excel, or make a new one with 'woonpact template'"),
    "workbook.too_large": ("de werkmap is uitgepakt {size} MB, meer dan de grens van {limit} MB; "
                           "geef grote verzamelingen als CSV-bestand",
                           "the workbook unpacks to {size} MB, more than the limit of {limit} MB; "
                           "give large collections as a CSV file"),
    "workbook.missing_sheet": ("het werkblad '{sheet}' ontbreekt; neem het over uit 'woonpact "
                               "template'",
                               "the sheet '{sheet}' is missing; copy it from 'woonpact template'"),
    "workbook.too_many_rows": ("dit werkblad heeft meer dan {limit} rijen met inhoud; het lezen "
                               "stopte hier. Geef zo'n verzameling als CSV-bestand",
                               "this sheet has more than {limit} rows with content; reading "
                               "stopped here. Give such a collection as a CSV file"),
    "workbook.merged": ("de cellen {cells} zijn samengevoegd, zodat alleen de eerste waarde "
                        "bewaard is; hef de samenvoeging op en geef elke waarde een eigen cel",
                        "cells {cells} are merged, so only the first value is kept; unmerge them "
                        "and give every value a cell of its own"),
    "workbook.twice": ("dit staat al in cel {first}; laat er één staan",
                       "this is already given in cell {first}; keep one"),
    "workbook.error_value": ("de cel geeft de foutwaarde {value}; verbeter de formule of typ de "
                             "waarde",
                             "the cell holds the error value {value}; correct the formula or type "
                             "the value"),
    "workbook.formula_no_value": ("de cel heeft een formule zonder berekende waarde (bewaard "
                                  "buiten Excel); open en bewaar de werkmap in Excel, of typ de "
                                  "waarde",
                                  "the cell holds a formula without a computed value (saved "
                                  "outside Excel); open and save the workbook in Excel, or type "
                                  "the value"),
    "workbook.outside_table": ("deze waarde staat buiten de tabel (er staat geen kolomnaam boven); "
                               "verwijder haar of geef de kolom een naam uit het sjabloon",
                               "this value stands outside the table (no column name above it); "
                               "delete it or give the column a name from the template"),
    "file.unwritable": ("kan het bestand niet schrijven ({detail}); er is niets geschreven",
                        "cannot write the file ({detail}); nothing was written"),
    "facts.merge_differs": ("'{field}' verschilt van {first}; voeg alleen werkmappen van dezelfde "
                            "afspraak en hetzelfde jaar samen",
                            "'{field}' differs from {first}; merge only workbooks of the same "
                            "agreement and year"),
    "facts.merge_twice": ("'{field}' staat ook in {first}; laat één werkmap het geven",
                          "'{field}' is also given in {first}; let one workbook give it"),
    "facts.merge_other_party": ("deze regel noemt partij '{party}', maar de werkmap is van "
                                "'{owner}': een regel zonder partij telt voor iedereen, een van "
                                "een ander voor die ander; vul '{owner}' in, of laat de andere "
                                "partij de regel leveren",
                                "this row names party '{party}' but the workbook is '{owner}''s: a"
                                " row without a party counts for everybody, another's for that "
                                "other; fill in '{owner}', or let the other party deliver the row"),
    "merge.done": ("{count} werkmappen samengevoegd in {file} ({agreement} {year})",
                   "{count} workbooks merged into {file} ({agreement} {year})"),
    "cli.template_target": ("geef --dir MAP (een werkmap per partij) of --xlsx BESTAND (één "
                            "werkmap)",
                            "give --dir FOLDER (a workbook per party) or --xlsx FILE (one "
                            "workbook)"),
    "template.written": ("geschreven: {file} ({party})", "written: {file} ({party})"),
    "template.nothing": ("{party}: de afspraken vragen niets van deze partij; geen werkmap",
                         "{party}: the clauses ask nothing of this party; no workbook"),
    "cli.not_xlsx": ("dit schrijft een Excel-werkmap: geef een bestandsnaam op .xlsx (zoals "
                     "{name}); woonpact check leest die werkmap net als een YAML-bestand",
                     "this writes an Excel workbook: give a file name ending in .xlsx (such as "
                     "{name}); woonpact check reads that workbook as it reads a YAML file"),
    "cli.xlsx_needs_output": ("--format xlsx schrijft een werkmap: geef ook -o BESTAND.xlsx",
                              "--format xlsx writes a workbook: give -o FILE.xlsx as well"),
    "workbook.name": ("naam", "name"),
    "workbook.value": ("waarde", "value"),
    "workbook.unit": ("eenheid", "unit"),
    "workbook.label": ("omschrijving", "description"),
    "workbook.contested_by": ("betwist door (partij)", "contested by (party)"),
    "workbook.reason": ("reden van betwisting", "reason contested"),
    "workbook.year_hint": ("het jaar van deze cijfers ({first}-{last})",
                           "the year of these figures ({first}-{last})"),
    "workbook.supplied_by": ("wie leverde de cijfers van {section}",
                             "who supplied the figures of {section}"),
    "workbook.system": ("bron (bijvoorbeeld dPi 2026)", "source (for example dPi 2026)"),
    "workbook.read_by": ("gelezen door (regels)", "read by (rules)"),
    "workbook.invalid_title": ("Onbekende waarde", "Unknown value"),
    "workbook.invalid": ("Kies een waarde uit de keuzelijst van deze kolom.",
                         "Choose a value from this column's drop-down list."),
    "workbook.condition": ("voorwaarde", "condition"),
    "workbook.record.rule": ("afspraak", "clause"),
    "workbook.record.rung": ("trede", "rung"),
    "workbook.record.scope": ("partij of item, leeg voor allen", "party or item, blank for all"),
    "workbook.record.date": ("datum", "date"),
    "workbook.record.concerns": ("betreft jaar, leeg: het jaar van de datum",
                                 "concerns year, blank: the year of the date"),
    "workbook.record.outcome": ("uitkomst", "outcome"),
    "workbook.record.note": ("toelichting", "note"),
    "workbook.record.from": ("vanaf jaar", "from year"),
    "workbook.record.until": ("tot en met jaar", "until year"),
    "workbook.record.approved_by": ("goedgekeurd door, partijcodes met komma's",
                                    "approved by, party codes with commas"),
    "workbook.record.reason": ("reden", "reason"),
    "unit.count": ("aantal", "count"),
    "unit.eur": ("bedrag in €", "amount in €"),
    "unit.share": ("percentage", "percentage"),
    "unit.bool": ("ja/nee", "yes/no"),
    "unit.text": ("tekst", "text"),
    "unit.date": ("datum", "date"),
    "unit.year": ("jaartal", "year"),
    "unit.list": ("partijcodes met komma's", "party codes with commas"),
    "unit.number": ("getal", "number"),
    # -- the data request (woonpact template): the cover sheet of each party's workbook ----------
    "request.title": ("Gegevensuitvraag {year}: {agreement}", "Data request {year}: {agreement}"),
    "request.for": ("Voor", "For"),
    "request.deadline": ("Inleveren uiterlijk", "Return by"),
    "request.deadline_letter": ("zie de begeleidende brief", "see the covering letter"),
    "request.send_to": ("Sturen naar", "Send to"),
    "request.how": ("Zo vult u de werkmap in", "How to fill in this workbook"),
    "request.step1": ("Vul bovenaan dit blad bij 'year' het jaar van de cijfers in (als dat leeg "
                      "is).",
                      "At the top of this sheet, fill in the year of the figures at 'year' (if it "
                      "is blank)."),
    "request.step2": ("Vul op het blad met uw cijfers in kolom B (waarde) elk gevraagd cijfer in; "
                      "laat een cel leeg als u het cijfer niet heeft: dan geldt het als niet "
                      "geleverd. Vul bij 'supplied_by' uw naam in en bij 'system' uit welk systeem"
                      " de cijfers komen (bijvoorbeeld dPi 2026).",
                      "On the sheet with your figures, fill in each figure asked in column B "
                      "(value); leave a cell blank when you do not have the figure: it then counts"
                      " as not supplied. At 'supplied_by' fill in your name, at 'system' the "
                      "system the figures come from (for example dPi 2026)."),
    "request.step3": ("Percentages typt u als 15% (of 15 in een cel met procentnotatie); bedragen "
                      "in euro's zonder €-teken; datums als datum of als 2026-06-30; ja/nee, "
                      "partijen, producten en soorten kiest u uit de keuzelijst van de kolom.",
                      "Type percentages as 15% (or 15 in a cell formatted as a percentage); "
                      "amounts in euros without the € sign; dates as a date or as 2026-06-30; pick"
                      " yes/no, parties, deliverables and kinds from the column's drop-down list."),
    "request.step4": ("Op een blad met een lijst (verhuringen, producten, overleggen) staat elke "
                      "regel voor één verhuring, product of overleg. Wat elke kolom betekent, "
                      "staat onderaan dit blad.",
                      "On a sheet with a list (lettings, deliverables, meetings) each row is one "
                      "letting, deliverable or meeting. What each column means is listed at the "
                      "bottom of this sheet."),
    "request.step5": ("Bent u het niet eens met een cijfer? Zet dan de code van uw partij in "
                      "'betwist door' en de reden ernaast. Verander de codes in kolom A, de "
                      "kolomkoppen vóór het haakje en de bladnamen niet: daaraan leest woonpact de"
                      " werkmap.",
                      "Do you dispute a figure? Put your party's code in 'contested by' and the "
                      "reason beside it. Do not change the codes in column A, the column headers "
                      "before the bracket or the sheet names: woonpact reads the workbook by "
                      "them."),
    "request.previous": ("Achter elk cijfer staat ter vergelijking de waarde die in {year} is "
                         "opgegeven; de projecten en wijken van {year} staan al op hun blad: werk "
                         "ze bij.",
                         "Beside each figure stands, for comparison, the value given for {year}; "
                         "the projects and neighbourhoods of {year} are already on their sheet: "
                         "bring them up to date."),
    "request.filled": ("De cellen zijn ingevuld met de cijfers die voor {year} al bekend zijn: "
                       "controleer ze en vul aan wat ontbreekt.",
                       "The cells hold the figures already known for {year}: check them and add "
                       "what is missing."),
    "request.asked": ("Wat wij van u vragen", "What we ask of you"),
    "request.sheet_figures": ("{count} cijfer(s) van {whose}", "{count} figure(s) of {whose}"),
    "request.sheet_collection": ("{what}", "{what}"),
    "request.sheet_conditions": ("de voorwaarden waar afspraken van afhangen (ja/nee)",
                                 "the conditions clauses depend on (yes/no)"),
    "request.sheet_records": ("gehouden overleggen op de geschillenladder en afgesproken "
                              "afwijkingen",
                              "meetings held on the disputes ladder and agreed deviations"),
    "request.deliverables": ("Op te leveren producten (zet ze, als ze dit jaar zijn opgeleverd, op"
                             " het blad deliverables)",
                             "Deliverables due (once delivered this year, put them on the "
                             "deliverables sheet)"),
    "request.deliverable": ("{who}uiterlijk {due}, volgens afspraak {clauses}{together}",
                            "{who}due {due}, under clause {clauses}{together}"),
    "request.together": ("; samen met {parties}: één oplevering telt voor allen",
                         "; together with {parties}: one delivery counts for all"),
    "request.columns": ("Wat de kolommen betekenen", "What the columns mean"),
    "request.values": ("Kies uit: {values}.", "Choose from: {values}."),
    "request.read_by": ("Gevraagd voor afspraak {clauses}.", "Asked for clause {clauses}."),
    "request.before": ("Opgegeven voor {year}: {value}.", "Given for {year}: {value}."),
    "workbook.findings": ("bevindingen", "findings"),
    "workbook.summary": ("samenvatting", "summary"),
    "workbook.pack": ("pakket", "pack"),
    "workbook.norm": ("norm", "norm"),
    "workbook.target": ("doel dit jaar", "this year's target"),
    "workbook.theme": ("thema", "theme"),
    "workbook.title": ("titel", "title"),
    "workbook.section": ("artikel", "section"),
}


def say(message_key: str, lang: str = "nl", /, **params: Any) -> str:
    nl, en = MESSAGES[message_key]
    template = en if lang == "en" else nl
    if "expected" in params and "{expected_hint}" in template:
        expected = params["expected"]
        params["expected_hint"] = (f" (verwacht '{expected}')" if lang != "en"
                                   else f" (expected '{expected}')") if expected else ""
    if "suggestion" in params and "{suggestion_hint}" in template:
        suggestion = params["suggestion"]
        params["suggestion_hint"] = say("hint.did_you_mean", lang,
                                        name=suggestion) if suggestion else ""
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template
