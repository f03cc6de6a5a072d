import pytest

from deid.standardise import is_valid_ird, is_valid_nhi, nhi_check_character


@pytest.mark.parametrize("nhi, valid", [
    ("ZZZ0016", True), ("ZAC5361", True), ("ABC12DS", True), ("ZSC21TN", True),
    ("zzz0016", True), ("ZZZ 0016", True), ("zsc 21tn", True),
    ("ZZZ0044", False), ("ABC12DV", False), ("ZZZ0017", False),
    ("IZZ0016", False), ("OZZ0016", False), ("ZZ0016", False), ("", False), (None, False),
])
def test_nhi_check_characters(standards, nhi, valid):
    assert is_valid_nhi(nhi, standards.identifiers) is valid


@pytest.mark.parametrize("ird, valid", [
    ("49091850", True), ("136410132", True), ("49-091-850", True), ("136 410 132", True),
    ("136410133", False), ("9125568", False), ("abcdefgh", False), (None, False),
])
def test_ird_check_digits(standards, ird, valid):
    assert is_valid_ird(ird, standards.identifiers) is valid


def test_when_completing_a_prefix_then_the_check_character_validates(standards):
    assert nhi_check_character("ZZZ001", standards.identifiers) == "6"
    assert nhi_check_character("ABC12D", standards.identifiers) == "S"
    assert nhi_check_character("ZZZ004", standards.identifiers) is None  # sum divisible by 11: no valid NHI
