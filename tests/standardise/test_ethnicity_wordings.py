"""Common ways of writing an ethnicity are read as the Stats NZ classification's groups (standards/ethnicity.yaml):
singular and plural, people and place ('Cook Island', 'Cook Islanders'), and several responses joined by '&', 'and',
'/', '+' or a line break. Only a response the classification has no group for is 97 Response unidentifiable."""
import polars as pl
import pytest

from deid.standardise.codes import EthnicityClassifier
from deid.standards import load_iwi_classification


@pytest.fixture(scope="module")
def classifier(standards):
    return EthnicityClassifier(standards.ethnicity, load_iwi_classification(standards.directory))


@pytest.mark.parametrize("cell, codes", [
    ("Cook Island", ("32",)), ("Cook Islands", ("32",)), ("Cook Islander", ("32",)), ("Cook Islanders", ("32",)),
    ("Cook Island Māori", ("32",)), ("Cook Is.", ("32",)), ("Rarotongan", ("32",)),
    ("Samoans", ("31",)), ("Tongans", ("33",)), ("Niueans", ("34",)), ("Fijians", ("36",)), ("Tokelauans", ("35",)),
    ("Pacific Island", ("30",)), ("Pacific Islands", ("30",)), ("Pacific Islanders", ("30",)),
    ("Tuvalu", ("37",)), ("I-Kiribati", ("37",)), ("Ni-Vanuatu", ("37",)), ("Tahitian", ("37",)),
    ("Fiji Indian", ("43",)), ("Indo-Fijian", ("43",)),
])
def test_when_a_group_is_written_in_a_common_form_then_it_is_that_group(classifier, cell, codes):
    response = classifier.classify(cell)
    assert (response.level2_codes, response.unknown_tokens) == (codes, 0)


@pytest.mark.parametrize("cell, codes", [
    ("Tongan & Fijian", ("33", "36")), ("Tongan&Fijian", ("33", "36")), ("Tongan and Fijian", ("33", "36")),
    ("Tongan/Fijian", ("33", "36")), ("Tongan + Fijian", ("33", "36")), ("Tongan\nFijian", ("33", "36")),
    ("Māori & Cook Island", ("21", "32")), ("NZ European & Māori", ("11", "21")), ("Chinese & Samoan", ("42", "31")),
])
def test_when_several_responses_are_joined_then_each_is_counted(classifier, cell, codes):
    response = classifier.classify(cell)
    assert (response.level2_codes, response.unknown_tokens) == (codes, 0)


def test_when_tongan_and_fijian_are_joined_with_an_ampersand_then_both_count_as_pacific(classifier):
    """The tester's row: prioritised Pacific, not Residual Categories."""
    frame = classifier.classify_series(pl.Series(["Tongan & Fijian", "Cook Island"]))
    assert frame.get_column("ethnicity_prioritised").to_list() == ["3", "3"]
    assert frame.get_column("eth_residual").to_list() == [False, False]


@pytest.mark.parametrize("cell", ["Fijian Indian", "Indo-Fijian"])
def test_when_a_hyphen_or_space_joins_one_response_then_it_is_not_split(classifier, cell):
    """A hyphen is not a separator: 'Indo-Fijian' is Indian, not Fijian and something unknown."""
    assert classifier.classify(cell).level2_codes == ("43",)


def test_when_a_response_names_no_group_then_it_stays_unidentifiable(classifier):
    assert classifier.classify("Martian").level2_codes == ("97",)
    assert classifier.classify("Tongan & Martian").level2_codes == ("33", "97")
