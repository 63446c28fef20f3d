"""Bilingual text: packs and messages carry Dutch and English side by side."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Text:
    nl: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl

    @classmethod
    def of(cls, raw: object) -> Text:
        """A pack may give one string for both languages or a `{nl, en}` mapping."""
        if isinstance(raw, dict):
            nl = str(raw.get("nl") or raw.get("en") or "")
            return cls(nl, str(raw.get("en") or nl))
        return cls(str(raw), str(raw))
