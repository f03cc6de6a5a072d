"""Street, rural and box addresses in free text, from the address standard's vocabularies."""
from __future__ import annotations

import re
import unicodedata

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.analysis_explanation import AnalysisExplanation

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
        # A suburb named after its town and a direction ("Porirua East", "Hamilton Central") goes with it.
        place_tail = rf"(?:,?\s+(?:{places})\b(?:\s+(?:East|West|North|South|Central)\b)?){{0,3}}"
        qualifiers = _alternation([w for canon, spellings in standard.street_qualifiers.items() for w in (canon, *spellings) if len(w) > 1])
        rural = r"(?:,?\s*R\.?\s?D\.?\s*\d{1,2})?"
        patterns = [
            Pattern("street address", rf"\b{unit}{number}\s+(?:{word}\s+){{1,3}}?(?:{types})\b\.?(?:\s+(?:{qualifiers})\b)?{rural}{place_tail}(?:,\s*{word}(?:\s+{word})?){{0,2}}(?:,?\s*\d{{4}})?", 0.6),
            Pattern("prefix road type", rf"\b{number}\s+(?:{prefixes})\s+{word}{rural}(?:,\s*{word}(?:\s+{word})?){{0,2}}(?:,?\s*\d{{4}})?", 0.6),
            Pattern("box address", rf"\b(?:{boxes})\s*\d{{1,6}}(?:,?\s*{word}){{0,4}}(?:,?\s*\d{{4}})?", 0.7),
        ]
        super().__init__(supported_entity=supported_entity, patterns=patterns, context=self.CONTEXT, name="NzStreetAddressRecognizer")
        from deid.standardise.address import AddressParser

        # A street without a road type ("9 Highgate, Roslyn, Dunedin 9010") is taken when the address
        # standardiser parses the whole candidate, street to postcode, against the geography table.
        self._parser = AddressParser(standard, geography)
        self._candidate = re.compile(rf"\b{number}\s+{word}(?:,?\s+{word}){{0,6}},?\s*\d{{4}}\b")

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for m in self._candidate.finditer(text):
            if any(r.start <= m.start() and m.end() <= r.end for r in results):
                continue
            parsed = self._parser.parse(m.group())
            if parsed.parse_status == "parsed" and parsed.street_name:
                results.append(RecognizerResult(self.supported_entities[0], m.start(), m.end(), 0.65,
                                                AnalysisExplanation(self.name, 0.65, pattern_name="parsed by the address standardiser"),
                                                {RecognizerResult.RECOGNIZER_NAME_KEY: self.name}))
        return results
