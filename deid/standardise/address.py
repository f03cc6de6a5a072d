"""Free-text NZ addresses into standard components, driven by standards/address.yaml.

The parser takes the postcode, box, rural delivery number and state highway out first,
then reads unit, number and street from the front (road types from the vocabulary, with
"Ara" written before the name), a unit written after the street, and the locality from
the back: the town, then the suburb (or a PO Box's lobby), the longest name first, matched
against standards/geography.csv. Places the table does not know are kept as written where
the commas, the street or the postcode make their role plain (flagged `unverified` when the
rest of the address was read in full, `partial` when something is left over); a
known postcode of another town makes an unknown place that town's suburb; anything it
cannot place is left out and flagged in `parse_status`, never guessed. TA and region come
from the place, or from the postcode (standards/geography_postcodes.csv) when the place is
unknown.

Known places come out in the table's official spelling, macrons included, whatever the
writer typed (`restore_macrons=False` keeps the writer's spelling); inside an unknown place
the words of known places get their macrons ("Papamoa Beach" -> "Pāpāmoa Beach").
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass

import polars as pl

from deid.standardise.casing import prefixed_case
from deid.standards import AddressStandard, GeographyStandard, Place, fold

ADDRESS_COMPONENTS = (
    "unit_type", "unit_number", "street_number", "street_suffix", "street_name", "street_type",
    "street_qualifier", "suburb", "town_city", "postcode", "rd_number", "box_type", "box_number", "box_lobby",
)
AREA_COLUMNS = ("ta_code", "ta_name", "region_code", "region_name")
ADDRESS_COLUMNS = (*ADDRESS_COMPONENTS, "parse_status", "address_key", *AREA_COLUMNS)
_COMMA = ","


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


def _trim(words: list[str]) -> list[str]:
    """Drop commas at either end of a word list."""
    start, end = 0, len(words)
    while start < end and words[start] == _COMMA:
        start += 1
    while end > start and words[end - 1] == _COMMA:
        end -= 1
    return words[start:end]


def _vocab(mapping: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, spellings in mapping.items():
        for spelling in (canonical, *spellings):
            out[fold(spelling)] = canonical
    return out


def strip_macrons(text: str) -> str:
    return unicodedata.normalize("NFC", "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)))


def _has_marks(text: str) -> bool:
    return any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", text))


def _recase_word(word: str) -> str:
    lower = word.lower()
    if "-" in word:
        return "-".join(_recase_word(part) for part in word.split("-"))
    return prefixed_case(lower) or lower[:1].upper() + lower[1:]


def smart_case(text: str) -> str:
    """Re-case ALL CAPS or all-lower text word by word; mixed case is kept as written."""
    if text == text.upper() or text == text.lower():
        return " ".join(_recase_word(w) for w in text.split())
    return text


@dataclass(frozen=True)
class _PlaceMatch:
    name: str            # the table's spelling, macrons removed if the input had none
    place: Place
    is_town: bool


class AddressParser:
    def __init__(self, standard: AddressStandard, geography: GeographyStandard, *, restore_macrons: bool = True,
                 postcode_areas: dict[str, Place] | None = None, extra_places: tuple[Place, ...] | None = None):
        """Args:
            standard: the address vocabularies.
            geography: the place table (suburb, town, postcode, TA, region).
            restore_macrons: give known places their official spelling (with macrons) whatever the writer typed.
            postcode_areas: postcode -> TA and region for postcodes the place table lacks; by default
                standards/geography_postcodes.csv.
            extra_places: localities the place table lacks, read after it (its own rows win); by default
                standards/geography_places.csv (GeoNames). Pass () for the table alone.
        """
        from deid.standardise.geography import load_extra_places, load_postcode_areas

        self.restore_macrons = restore_macrons
        self.postcode_areas = load_postcode_areas() if postcode_areas is None else postcode_areas
        self.street_types = _vocab(standard.street_types)
        self.prefix_types = _vocab(standard.prefix_street_types)
        self.unit_types = _vocab(standard.unit_types)
        self.qualifiers = _vocab(standard.street_qualifiers)
        self.place_prefixes = {fold(p) for p in standard.place_name_prefixes}
        self.place_abbreviations = {fold(s): fold(full) for full, spellings in standard.place_name_abbreviations.items()
                                    for s in (full, *spellings)}
        self._place_keys: dict[str, str] = {}
        self.suburbs: dict[str, Place] = {}
        self.towns: dict[str, Place] = {}
        self.postcodes: dict[str, list[Place]] = {}
        places = (*geography.places, *(load_extra_places() if extra_places is None else extra_places))
        for place in places:
            if place.suburb:
                self.suburbs.setdefault(self.place_key(place.suburb), place)
            self.towns.setdefault(self.place_key(place.town_city), place)
            if place.postcode:
                self.postcodes.setdefault(place.postcode, []).append(place)
        self.max_place_words = max(len(name.split()) for name in (*self.suburbs, *self.towns))
        # Official spellings word by word, to restore macrons inside place names the table lacks ("Papamoa Beach").
        self.official_words: dict[str, str] = {}
        for place in places:
            for name in (place.suburb, place.town_city):
                for word in (name or "").split():
                    if _has_marks(word):
                        self.official_words.setdefault(fold(word), word)
        unit_words = "|".join(sorted((re.escape(k) for k in self.unit_types), key=len, reverse=True))
        self._unit_re = re.compile(rf"^(?P<type>{unit_words})\.?\s*(?P<num>[0-9]+[a-z]?|[a-z])(?=[\s,/]|$)[\s,/]*", re.IGNORECASE)
        self._slash_re = re.compile(r"^(?P<unit>[0-9]+[a-z]?|[a-z])\s*/\s*(?P<num>[0-9]+)(?:\s*(?P<suf>[a-z]))?(?=[\s,]|$)[\s,]*", re.IGNORECASE)
        self._number_re = re.compile(r"^(?P<num>[0-9]+)(?:\s*(?P<suf>[a-z]))?(?=[\s,]|$)[\s,]*", re.IGNORECASE)
        box_words = sorted({s for spellings in standard.box_types.values() for s in spellings} | set(standard.box_types), key=len, reverse=True)
        self.box_lookup = {fold(s).replace(" ", ""): canonical for canonical, spellings in standard.box_types.items() for s in (canonical, *spellings)}
        box_alt = "|".join(re.escape(w).replace(r"\ ", r"\s*").replace(r"\.", r"\.?") for w in box_words)
        self._box_re = re.compile(rf"(?:^|(?<=[\s,]))(?P<type>{box_alt})\s*(?P<num>[0-9]+)\b[\s,]*", re.IGNORECASE)
        self._rd_re = re.compile(r"(?:^|(?<=[\s,]))R\.?\s?D\.?\s*(?P<rd>[0-9]{1,2})\b", re.IGNORECASE)
        self._highway_re = re.compile(r"\b(?:State\s+Highway|SH)\s*(?P<n>[0-9]{1,3}[A-Z]?)\b", re.IGNORECASE)
        self._postcode_re = re.compile(r"[\s,]*\b(?P<pc>[0-9]{4})[\s,]*$")

    def place_key(self, text: str) -> str:
        """Fold a place name and expand a leading Mt/Pt/St, so spellings of one place compare equal."""
        key = self._place_keys.get(text)
        if key is None:
            words = fold(text).split()
            if words and words[0] in self.place_abbreviations:
                words[0] = self.place_abbreviations[words[0]]
            if len(self._place_keys) > 200_000:  # bounded: every word run of a million addresses passes through here
                self._place_keys.clear()
            key = self._place_keys[text] = " ".join(words)
        return key

    # --- whole addresses --------------------------------------------------------------

    def parse(self, raw: str | None) -> ParsedAddress:
        if raw is None or not str(raw).strip():
            return ParsedAddress(parse_status="missing")
        text = unicodedata.normalize("NFC", " ".join(str(raw).split())).strip(" ,")
        parts: dict[str, str | None] = {}
        if m := self._postcode_re.search(text):
            parts["postcode"] = m.group("pc")
            text = text[: m.start()].strip(" ,")
        if m := self._box_re.search(text):
            parts["box_type"] = self.box_lookup.get(fold(m.group("type")).replace(" ", ""), "PO Box")
            parts["box_number"] = m.group("num")
            text = f"{text[: m.start()]} , {text[m.end():]}".strip(" ,")
        if m := self._rd_re.search(text):
            parts["rd_number"] = str(int(m.group("rd")))
            text = f"{text[: m.start()]} , {text[m.end():]}".strip(" ,")
        words = [w for w in re.split(r"\s+", text.replace(",", " , ")) if w]
        if "box_type" not in parts:
            words = self._take_street(words, parts)
            if parts.get("street_name") and "unit_number" not in parts:
                words = self._take_unit_after(words, parts)
        leftover = self._take_locality(words, parts)
        return self._finish(parts, leftover)

    def parse_series(self, values: pl.Series) -> pl.DataFrame:
        """Parse a column of addresses into ADDRESS_COLUMNS, once per shape (numbers aside; see address_batch)."""
        from deid.standardise.address_batch import parse_address_column

        return parse_address_column(self, values, ADDRESS_COLUMNS)

    def parse_series_by_value(self, values: pl.Series) -> pl.DataFrame:
        """Parse a column once per distinct value (the implementation before shapes; kept for comparison)."""
        from deid.standardise.columns import parse_unique

        return parse_unique(values, self.parse, ADDRESS_COLUMNS)

    # --- the street, from the front ----------------------------------------------------

    def _take_street(self, words: list[str], parts: dict[str, str | None]) -> list[str]:
        text = " ".join(words)
        if m := self._unit_re.match(text):
            parts["unit_type"] = self.unit_types[fold(m.group("type"))]
            parts["unit_number"] = m.group("num").upper()
            text = text[m.end():].lstrip(" ,")
        if "unit_type" not in parts and (m := self._slash_re.match(text)):
            parts["unit_number"] = m.group("unit").upper()
            parts["street_number"] = m.group("num")
            if m.group("suf"):
                parts["street_suffix"] = m.group("suf").upper()
            text = text[m.end():]
        if "street_number" not in parts:
            m = self._number_re.match(text)
            if not m:
                return words
            parts["street_number"] = m.group("num")
            if m.group("suf"):
                parts["street_suffix"] = m.group("suf").upper()
            text = text[m.end():]
        text = self._highway_re.sub(lambda h: f"State\x00Highway\x00{h.group('n').upper()}", text)
        words = [w for w in text.split() if w]
        segment_end = words.index(_COMMA) if _COMMA in words else len(words)
        if words and "\x00" in words[0]:
            parts["street_name"] = words[0].replace("\x00", " ")
            return words[1:]
        if segment_end > 1 and fold(words[0]) in self.prefix_types:
            end = 2
            while end < segment_end and not self._place_starts(words, end):
                end += 1
            parts["street_type"] = self.prefix_types[fold(words[0])]
            parts["street_name"] = smart_case(" ".join(words[1:end]))
            return words[end:]
        for i in range(1, segment_end):
            key = fold(words[i])
            if key not in self.street_types:
                continue
            if key in self.place_prefixes and self._place_starts(words, i):
                continue  # "St Heliers": a place, not a Street
            if (i + 1 < segment_end and fold(words[i + 1]) in self.street_types and fold(words[i + 1]) not in self.qualifiers
                    and not self._place_starts(words, i + 1)):
                continue  # "Ocean View Road", "Raumanga Valley Road": the road type is the last one
            name_words = words[:i]
            rest = words[i + 1:]
            if len(name_words) == 1 and fold(name_words[0]) == "the":  # The Terrace, The Parade: the whole name
                parts["street_name"] = smart_case(f"{name_words[0]} {words[i]}")
                return rest
            parts["street_name"] = smart_case(" ".join(name_words))
            parts["street_type"] = self.street_types[key]
            if rest and rest[0] != _COMMA and fold(rest[0]) in self.qualifiers and not self._place_starts(rest, 0):
                parts["street_qualifier"] = self.qualifiers[fold(rest[0])]
                rest = rest[1:]
            return rest
        if 0 < segment_end < len(words):  # no road type, but a comma ends the street: Broadway, The Strand
            parts["street_name"] = smart_case(" ".join(words[:segment_end]))
            return words[segment_end:]
        return words

    def _take_unit_after(self, words: list[str], parts: dict[str, str | None]) -> list[str]:
        """A unit written after the street: "13 Omahu Road, Unit 6B, Hastings"."""
        rest = _trim(words)
        if m := self._unit_re.match(" ".join(rest)):
            parts["unit_type"] = self.unit_types[fold(m.group("type"))]
            parts["unit_number"] = m.group("num").upper()
            return [w for w in m.string[m.end():].split() if w]
        return words

    def _place_starts(self, words: list[str], i: int) -> bool:
        chunk: list[str] = []
        for word in words[i:]:
            if word == _COMMA or len(chunk) == self.max_place_words:
                break
            chunk.append(word)
        return any(self.place_key(" ".join(chunk[:n])) in self.towns or self.place_key(" ".join(chunk[:n])) in self.suburbs
                   for n in range(len(chunk), 0, -1) if n > 1 or fold(chunk[0]) not in self.qualifiers)

    # --- the locality, from the back ---------------------------------------------------

    def _match_end(self, words: list[str], table: dict[str, Place], is_town: bool) -> tuple[_PlaceMatch, int] | None:
        """The longest known place at the end of `words` (within one comma segment)."""
        for n in range(min(self.max_place_words, len(words)), 0, -1):
            chunk = words[len(words) - n:]
            if _COMMA in chunk:
                continue
            written = " ".join(chunk)
            place = table.get(self.place_key(written))
            if place:
                name = place.town_city if is_town else str(place.suburb)
                if _has_marks(written) and not _has_marks(name) and fold(written) == fold(name):
                    name = smart_case(written)  # a reference spelling without macrons (GeoNames) does not undo the writer's
                keep = self.restore_macrons or _has_marks(written)
                return _PlaceMatch(name if keep else strip_macrons(name), place, is_town), n
        return None

    def _take_locality(self, words: list[str], parts: dict[str, str | None]) -> str | None:
        """Fill town, suburb or box lobby from the words left after the street; returns what is left over."""
        comma_bounded = _COMMA in words  # the locality is set off by commas, so its parts are plain
        words = _trim(words)
        matched = False
        if found := self._match_end(words, self.towns, is_town=True):
            match, n = found
            parts["town_city"], matched = match.name, True
            words = _trim(words[:-n])
        if words and parts.get("box_type"):
            segments = [s.strip() for s in " ".join(words).split(_COMMA) if s.strip()]
            if not matched:  # a town the table does not know: the last place of a box address
                parts["town_city"], parts["__unknown_place"] = smart_case(segments.pop()), "yes"
            if segments:
                parts["box_lobby"] = smart_case(" ".join(segments))
            return None
        if words and (found := self._match_end(words, self.suburbs, is_town=False)):
            match, n = found
            before = words[:-n]
            if before and before[-1] != _COMMA and parts.get("street_name") and len(_trim(before)) <= 2 \
                    and all(w.isalpha() for w in _trim(before)):
                # More words of one place than the table knows: "Glen Massey" is not "Massey" (longest name wins).
                start = len(before) - (before[::-1].index(_COMMA) if _COMMA in before else len(before))
                parts["suburb"] = smart_case(" ".join(words[start:]))
                parts["__unknown_place"] = "yes"
                parts["suburb"] = self._official_words(str(parts["suburb"]))
                return " ".join(w for w in words[:start] if w != _COMMA) or None
            parts["suburb"], matched = match.name, True
            parts.setdefault("town_city", match.place.town_city)
            words = _trim(before)
        if not words:
            return None
        # Places the table does not know: placed by the commas, or by what bounds them.
        segments = [s.strip() for s in " ".join(words).split(_COMMA) if s.strip()]
        placed = 0
        bare_place = bool(parts.get("street_name") or parts.get("rd_number")) and len(words) <= 3 and all(w.isalpha() for w in words)
        if not matched and (comma_bounded or (len(words) == 1 and parts.get("street_name")) or (bare_place and parts.get("postcode"))):
            parts["town_city"] = smart_case(segments[-1])
            placed = 1
            if len(segments) >= 2:
                parts["suburb"] = smart_case(segments[-2])
                placed = 2
        elif matched and "suburb" not in parts and (parts.get("street_name") or comma_bounded):
            parts["suburb"] = smart_case(segments[-1])
            placed = 1
        if placed:
            parts["__unknown_place"] = "yes"
            for part in ("suburb", "town_city"):
                if parts.get(part):
                    parts[part] = self._official_words(str(parts[part]))
            self._place_by_postcode(parts)
        leftover = " ".join(segments[: len(segments) - placed])
        return leftover or None

    def _official_words(self, name: str) -> str:
        """Macrons restored word by word on a place the table does not know, from the words of places it does."""
        if not self.restore_macrons:
            return name
        return " ".join(self.official_words.get(fold(w), w) if not _has_marks(w) else w for w in name.split())

    def _place_by_postcode(self, parts: dict[str, str | None]) -> None:
        """A single unknown place with a known postcode of another town is that town's suburb."""
        town, postcode = parts.get("town_city"), parts.get("postcode")
        if parts.get("suburb") or not town or not postcode or self.place_key(town) in self.towns:
            return
        towns = {p.town_city for p in self.postcodes.get(postcode, [])}
        if len(towns) == 1 and (known := next(iter(towns))) and self.place_key(known) != self.place_key(town):
            parts["suburb"], parts["town_city"] = town, known if self.restore_macrons or _has_marks(town) else strip_macrons(known)

    # --- result -----------------------------------------------------------------------

    def _place_for(self, parts: dict[str, str | None]) -> Place | None:
        candidates = self.postcodes.get(parts.get("postcode") or "", [])
        suburb, town = parts.get("suburb"), parts.get("town_city")
        for place in candidates:
            if suburb and place.suburb and self.place_key(place.suburb) == self.place_key(suburb):
                return place
        for place in candidates:
            if town and self.place_key(place.town_city) == self.place_key(town):
                return place
        if suburb and self.place_key(suburb) in self.suburbs:
            return self.suburbs[self.place_key(suburb)]
        if town and self.place_key(town) in self.towns:
            return self.towns[self.place_key(town)]
        if candidates and not town:
            return candidates[0]
        return None

    def _area_for(self, parts: dict[str, str | None]) -> Place | None:
        """TA and region from the postcode alone, for a place the table does not know."""
        postcode = parts.get("postcode")
        if not postcode:
            return None
        if postcode in self.postcode_areas:
            return self.postcode_areas[postcode]
        candidates = self.postcodes.get(postcode, [])
        return candidates[0] if candidates else None

    def _finish(self, parts: dict[str, str | None], leftover: str | None) -> ParsedAddress:
        unknown_place = parts.pop("__unknown_place", None)
        place = self._place_for(parts)
        has_street = bool(parts.get("street_name"))
        has_box = bool(parts.get("box_type"))
        if (has_street or has_box) and place and not leftover and not unknown_place:
            status = "parsed"
        elif (has_street or has_box) and unknown_place and not leftover:
            status = "unverified"   # read in full by its shape, but the reference does not know the place
        elif has_street or has_box or place or parts.get("town_city"):
            status = "partial"
        else:
            status = "unparsed"
        key = "|".join(fold(v) if (v := parts.get(c)) else "" for c in ADDRESS_COMPONENTS) if status != "unparsed" else None
        geo = {}
        area = place or (self._area_for(parts) if status != "unparsed" or parts.get("rd_number") else None)
        if area:
            geo = {"ta_code": area.ta_code, "ta_name": area.ta_name, "region_code": area.region_code, "region_name": area.region_name}
        if place:
            geo = {"ta_code": place.ta_code, "ta_name": place.ta_name, "region_code": place.region_code, "region_name": place.region_name}
        return ParsedAddress(**parts, parse_status=status, address_key=key, **geo)
