"""Responses written without a separator, one response written with one, and a group named in the plural, are read
as the classification's groups (deid.standardise.codes.EthnicityClassifier); anything else stays unidentifiable."""
import pytest

from deid.standardise.codes import EthnicityClassifier
from deid.standards import load_iwi_classification


@pytest.fixture(scope="module")
def classifier(standards):
    return EthnicityClassifier(standards.ethnicity, load_iwi_classification(standards.directory))


@pytest.mark.parametrize("cell, codes", [
    ("Tongan Fijian", ("33", "36")), ("Maori Samoan", ("21", "31")), ("NZ European Maori", ("11", "21")),
    ("NZ/European", ("11",)), ("Koreans", ("44",)), ("Filipinos", ("41",)),
    ("Middle Eastern/Latin American/African", ("51", "52", "53")), ("Fijian Indian", ("43",)),
])
def test_when_responses_are_written_side_by_side_or_in_the_plural_then_each_is_read(classifier, cell, codes):
    response = classifier.classify(cell)
    assert (response.level2_codes, response.unknown_tokens) == (codes, 0)


@pytest.mark.parametrize("cell", ["Samoan Martian", "New Zealand", "Swiss"])
def test_when_part_of_a_response_is_unknown_then_it_is_not_guessed(classifier, cell):
    assert "97" in classifier.classify(cell).level2_codes
