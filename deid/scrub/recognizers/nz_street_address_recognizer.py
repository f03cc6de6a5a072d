"""Street, rural and box addresses in free text, from the address standard's vocabularies."""
from __future__ import annotations

import re
import unicodedata

from presidio_analyzer import Pattern, PatternRecognizer

from deid.standards import AddressStandard, GeographyStandard


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class NzStreetAddressRecognizer(PatternRecognizer):
    """A street number, one to three name words and a road type from standards/address.yaml
    (with optional unit, suburb/town words and postcode), a prefix type ("Ara Tūhono"), or a
    PO Box / Private Bag. Source: AS/NZS 4819:2011 and the NZ Post addressing guidelines.
    """

    COUNTRY_CODE = "nz"
    CONTEXT = ["address", "lives at", "moved to", "live", "house"]

    def __init__(self, standard: AddressStandard, geography: GeographyStandard, supported_entity: str = "NZ_ADDRESS"):
        types = _alternation([w for canon, spellings in standard.street_types.items() for w in (canon, *spellings)])
        prefixes = _alternation([w for canon, spellings in standard.prefix_street_types.items() for w in (canon, *spellings)])
        units = _alternation([w for canon, spellings in standard.unit_types.items() for w in (canon, *spellings) if len(w) > 1])
        boxes = _alternation([w for canon, spellings in standard.box_types.items() for w in (canon, *spellings)]).replace(r"\ ", r"\s*")
        word = r"[A-Za-zĀĒĪŌŪāēīōū'’\-]+"
        unit = rf"(?:(?:{units})\.?\s*\w{{1,4}},?\s*)?"
        number = r"(?:(?:\d{1,5}[A-Za-z]?|[A-Za-z])\s*/\s*)?\d{1,5}[A-Za-z]?"
        # Known suburbs and towns may follow without commas ("15 Smith St Mt Eden Auckland").
        names = [p for place in geography.places for p in (place.suburb, place.town_city) if p]
        places = _alternation(names + [unicodedata.normalize("NFKD", n).encode("ascii", "ignore").decode() for n in names])
        place_tail = rf"(?:,?\s+(?:{places})\b){{0,3}}"
        patterns = [
            Pattern("street address", rf"\b{unit}{number}\s+(?:{word}\s+){{1,3}}?(?:{types})\b\.?(?:,?\s*(?:RD\s*\d{{1,2}}))?{place_tail}(?:,\s*{word}(?:\s+{word})?){{0,2}}(?:,?\s*\d{{4}})?", 0.6),
            Pattern("prefix road type", rf"\b{number}\s+(?:{prefixes})\s+{word}(?:,\s*{word}(?:\s+{word})?){{0,2}}(?:,?\s*\d{{4}})?", 0.6),
            Pattern("box address", rf"\b(?:{boxes})\s*\d{{1,6}}(?:,?\s*{word}){{0,2}}(?:,?\s*\d{{4}})?", 0.7),
        ]
        super().__init__(supported_entity=supported_entity, patterns=patterns, context=self.CONTEXT, name="NzStreetAddressRecognizer")
