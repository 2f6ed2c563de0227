"""The room-kind table: IfcSpace names and classification codes -> BarrierFree RoomKind / PlaceKind.

The built-in table is ``room_kinds.toml`` beside this file; see its header for the matching rules.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOM_KINDS = ("hallway", "living", "bedroom", "kitchen", "bathroom", "wc", "storage", "balcony",
              "terrace", "other")
PLACE_KINDS = ("publicWay", "parkingSpace", "entrance", "lobby", "landing", "corridor", "outdoor",
               "other")

BUILTIN = Path(__file__).with_name("room_kinds.toml")

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(text: str) -> str:
    """Lower case, German umlauts spelt out, accents dropped, every non-letter a single space."""
    text = text.lower().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.split(r"[^a-z]+", text)).strip()


class TableError(ValueError):
    pass


@dataclass
class Match:
    category: str  # "rooms" or "places"
    kind: str
    entry: str


@dataclass
class RoomKindTable:
    # folded name -> (category, kind)
    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    codes: dict[str, tuple[str, str]] = field(default_factory=dict)
    flat_words: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, extra: Path | None = None) -> "RoomKindTable":
        table = cls()
        table.add_file(BUILTIN)
        if extra is not None:
            table.add_file(extra)
        return table

    def add_file(self, path: Path) -> None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise TableError(f"{path}: cannot read room-kind table: {error}") from None
        for category, allowed in (("rooms", ROOM_KINDS), ("places", PLACE_KINDS)):
            for kind, entry in (data.get(category) or {}).items():
                if kind not in allowed:
                    raise TableError(f"{path}: [{category}.{kind}]: unknown kind; one of {', '.join(allowed)}")
                if not isinstance(entry, dict):
                    raise TableError(f"{path}: [{category}.{kind}] must be a table")
                for name in entry.get("names", []):
                    folded = fold(str(name))
                    if folded:
                        self.names[folded] = (category, kind)
                for code in entry.get("codes", []):
                    self.codes[str(code).strip()] = (category, kind)
        for word in (data.get("flats") or {}).get("names", []):
            self.flat_words.add(fold(str(word)))
        unknown = set(data) - {"rooms", "places", "flats"}
        if unknown:
            raise TableError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}")

    def match_name(self, name: str | None) -> Match | None:
        if not name:
            return None
        folded = fold(name)
        if not folded:
            return None
        if folded in self.names:
            category, kind = self.names[folded]
            return Match(category, kind, folded)
        padded = f" {folded} "
        best: Match | None = None
        for entry, (category, kind) in self.names.items():
            if f" {entry} " in padded:
                better = best is None or len(entry) > len(best.entry) or (
                    len(entry) == len(best.entry) and category == "places" and best.category == "rooms")
                if better:
                    best = Match(category, kind, entry)
        return best

    def match_code(self, code: str | None) -> Match | None:
        if code and code.strip() in self.codes:
            category, kind = self.codes[code.strip()]
            return Match(category, kind, code.strip())
        return None

    def is_flat_name(self, *texts: str | None) -> bool:
        for text in texts:
            if text:
                words = f" {fold(text)} "
                if any(f" {w} " in words for w in self.flat_words):
                    return True
        return False
