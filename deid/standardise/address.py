"""Free-text NZ addresses into standard components, driven by standards/address.yaml.

The parser is token based: it takes the postcode, box, rural delivery and unit off
the ends, reads the street from the road-type vocabulary, then matches what is left
against the geography table. What it cannot place it flags (`parse_status`), never guesses.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass

from deid.standards import AddressStandard, GeographyStandard, Place, fold

ADDRESS_COMPONENTS = (
    "unit_type", "unit_number", "street_number", "street_suffix", "street_name", "street_type",
    "street_qualifier", "suburb", "town_city", "postcode", "rd_number", "box_type", "box_number", "box_lobby",
)


@dataclass(frozen=True)
class ParsedAddress:
    unit_type: str | None = None
    unit_number: str | None = None
    street_number: str | None = None
    street_suffix: str | None = None
    street_name: str | None = None
    street_type: str | None = None
    street_qualifier: str | None = None
    suburb: str | None = None
    town_city: str | None = None
    postcode: str | None = None
    rd_number: str | None = None
    box_type: str | None = None
    box_number: str | None = None
    box_lobby: str | None = None
    parse_status: str = "unparsed"
    address_key: str | None = None
    ta_code: str | None = None
    ta_name: str | None = None
    region_code: str | None = None
    region_name: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)


def _vocab(mapping: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, spellings in mapping.items():
        for spelling in (canonical, *spellings):
            out[fold(spelling)] = canonical
    return out


def _smart_case(text: str) -> str:
    if text == text.upper() or text == text.lower():
        return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())
    return text


class AddressParser:
    def __init__(self, standard: AddressStandard, geography: GeographyStandard):
        self.street_types = _vocab(standard.street_types)
        self.prefix_types = _vocab(standard.prefix_street_types)
        self.unit_types = _vocab(standard.unit_types)
        self.qualifiers = _vocab(standard.street_qualifiers)
        self.place_prefixes = {fold(p) for p in standard.place_name_prefixes}
        self.places = geography.places
        self.suburbs: dict[str, Place] = {}
        self.towns: dict[str, Place] = {}
        self.postcodes: dict[str, list[Place]] = {}
        for place in geography.places:
            if place.suburb:
                self.suburbs.setdefault(fold(place.suburb), place)
            self.towns.setdefault(fold(place.town_city), place)
            self.postcodes.setdefault(place.postcode, []).append(place)
        self.place_words = set(self.suburbs) | set(self.towns)
        self.max_place_words = max(len(name.split()) for name in self.place_words)
        unit_words = "|".join(sorted((re.escape(k) for k in self.unit_types), key=len, reverse=True))
        self._unit_re = re.compile(rf"^(?P<type>{unit_words})\.?\s*(?P<num>[0-9]+[a-z]?|[a-z])\b[\s,]*", re.IGNORECASE)
        self._slash_re = re.compile(r"^(?P<unit>[0-9]+[a-z]?|[a-z])\s*/\s*(?P<num>[0-9]+)\s*(?P<suf>[a-z])?\b[\s,]*", re.IGNORECASE)
        box_words = sorted((spelling for spellings in standard.box_types.values() for spelling in spellings), key=len, reverse=True)
        self.box_lookup = {fold(s): canonical for canonical, spellings in standard.box_types.items() for s in (canonical, *spellings)}
        box_alt = "|".join(re.escape(w).replace(r"\ ", r"\s*") for w in box_words + list(standard.box_types))
        self._box_re = re.compile(rf"\b(?P<type>{box_alt})\s*(?P<num>[0-9]+)\b[\s,]*", re.IGNORECASE)
        self._rd_re = re.compile(r"(?:^|[\s,])R\.?D\.?\s*(?P<rd>[0-9]{1,2})\b", re.IGNORECASE)
        self._postcode_re = re.compile(r"[\s,]*\b(?P<pc>[0-9]{4})\s*$")
        self._number_re = re.compile(r"^(?P<num>[0-9]+)\s*(?P<suf>[a-z])?\b[\s,]*", re.IGNORECASE)

    def parse(self, raw: str | None) -> ParsedAddress:
        if raw is None or not str(raw).strip():
            return ParsedAddress(parse_status="missing")
        text = unicodedata.normalize("NFC", " ".join(str(raw).split())).strip(" ,")
        parts: dict[str, str | None] = {}
        if m := self._postcode_re.search(text):
            parts["postcode"] = m.group("pc")
            text = text[: m.start()].strip(" ,")
        if m := self._box_re.search(text):
            parts["box_type"] = self.box_lookup.get(fold(m.group("type")), "PO Box")
            parts["box_number"] = m.group("num")
            text = (text[: m.start()] + " , " + text[m.end():]).strip(" ,")
        if m := self._rd_re.search(text):
            parts["rd_number"] = m.group("rd")
            text = (text[: m.start()] + " , " + text[m.end():]).strip(" ,")
        if "box_type" not in parts:
            text = self._take_street(text, parts)
        self._take_locality(text, parts)
        return self._finish(parts)

    def _take_street(self, text: str, parts: dict[str, str | None]) -> str:
        if m := self._unit_re.match(text):
            parts["unit_type"] = self.unit_types[fold(m.group("type"))]
            parts["unit_number"] = m.group("num").upper()
            text = text[m.end():]
        elif m := self._slash_re.match(text):
            parts["unit_number"] = m.group("unit").upper()
            parts["street_number"] = m.group("num")
            if m.group("suf"):
                parts["street_suffix"] = m.group("suf").upper()
            text = text[m.end():]
        if "street_number" not in parts:
            m = self._number_re.match(text)
            if not m:
                return text
            parts["street_number"] = m.group("num")
            if m.group("suf"):
                parts["street_suffix"] = m.group("suf").upper()
            text = text[m.end():]
        words = [w for w in re.split(r"\s+", text.replace(",", " , ")) if w]
        if words and fold(words[0]) in self.prefix_types and len(words) > 1:
            name_words = []
            i = 1
            while i < len(words) and words[i] != ",":
                name_words.append(words[i])
                i += 1
                if not self._ends_place(words, i):
                    continue
                break
            parts["street_type"] = self.prefix_types[fold(words[0])]
            parts["street_name"] = _smart_case(" ".join(name_words))
            return " ".join(words[i:])
        for i, word in enumerate(words):
            if word == ",":
                break
            key = fold(word)
            if i == 0 or key not in self.street_types:
                continue
            if key in self.place_prefixes and self._starts_place(words, i):
                continue
            parts["street_name"] = _smart_case(" ".join(w for w in words[:i] if w != ","))
            parts["street_type"] = self.street_types[key]
            rest = words[i + 1:]
            if rest and rest[0] != "," and fold(rest[0]) in self.qualifiers and not self._starts_place(rest, 0):
                parts["street_qualifier"] = self.qualifiers[fold(rest[0])]
                rest = rest[1:]
            return " ".join(rest)
        return " ".join(words)

    def _starts_place(self, words: list[str], i: int) -> bool:
        for n in range(self.max_place_words, 1, -1):
            chunk = [w for w in words[i:i + n] if w != ","]
            if len(chunk) == n and fold(" ".join(chunk)) in self.place_words:
                return True
        return False

    def _ends_place(self, words: list[str], i: int) -> bool:
        rest = [w for w in words[i:] if w != ","]
        return bool(rest) and any(fold(" ".join(rest[:n])) in self.place_words for n in range(1, self.max_place_words + 1))

    def _take_locality(self, text: str, parts: dict[str, str | None]) -> None:
        words = [w for w in re.split(r"[\s,]+", text) if w]
        i = 0
        leftovers: list[str] = []
        while i < len(words):
            for n in range(min(self.max_place_words, len(words) - i), 0, -1):
                key = fold(" ".join(words[i:i + n]))
                if key in self.suburbs and "suburb" not in parts and "town_city" not in parts:
                    parts["suburb"] = self.suburbs[key].suburb
                    i += n
                    break
                if key in self.towns and "town_city" not in parts:
                    parts["town_city"] = self.towns[key].town_city
                    i += n
                    break
            else:
                leftovers.append(words[i])
                i += 1
        if leftovers:
            parts["__leftover"] = " ".join(leftovers)

    def _place_for(self, parts: dict[str, str | None]) -> Place | None:
        candidates = self.postcodes.get(parts.get("postcode") or "", [])
        suburb, town = parts.get("suburb"), parts.get("town_city")
        for place in candidates:
            if suburb and place.suburb == suburb:
                return place
        if candidates:
            return candidates[0]
        if suburb:
            return self.suburbs.get(fold(suburb))
        if town:
            return self.towns.get(fold(town))
        return None

    def _finish(self, parts: dict[str, str | None]) -> ParsedAddress:
        leftover = parts.pop("__leftover", None)
        place = self._place_for(parts)
        if place and parts.get("suburb") and not parts.get("town_city"):
            parts["town_city"] = place.town_city
        has_street = bool(parts.get("street_name") and parts.get("street_type"))
        has_box = bool(parts.get("box_type"))
        if (has_street or has_box) and place and not leftover:
            status = "parsed"
        elif has_street or has_box or place:
            status = "partial"
        else:
            status = "unparsed"
        key_parts = [fold(parts.get(c) or "") for c in ADDRESS_COMPONENTS]
        key = "|".join(key_parts) if status != "unparsed" else None
        geo = {}
        if place:
            geo = {"ta_code": place.ta_code, "ta_name": place.ta_name, "region_code": place.region_code, "region_name": place.region_name}
        return ParsedAddress(**parts, parse_status=status, address_key=key, **geo)
