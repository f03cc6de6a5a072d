import pytest

from deid.standardise import NameParser


@pytest.mark.parametrize("raw, given, family, key", [
    ("TE KANAWA, Aroha Mere", "Aroha Mere", "Te Kanawa", "tekanawa|arohamere"),
    ("aroha te kanawa", "Aroha", "Te Kanawa", "tekanawa|aroha"),
    ("Mr Wiremu Parata", "Wiremu", "Parata", "parata|wiremu"),
    ("SEAN MCDONALD", "Sean", "McDonald", "mcdonald|sean"),
    ("mary o'brien", "Mary", "O'Brien", "obrien|mary"),
    ("Ngāire  van der  Berg", "Ngāire", "van der Berg", "vanderberg|ngaire"),
    ("Hēmi Tūhoe-Smith", "Hēmi", "Tūhoe-Smith", "tuhoesmith|hemi"),
    ("Hemi Tuhoe-Smith", "Hemi", "Tuhoe-Smith", "tuhoesmith|hemi"),
    ("PARATA, Mere", "Mere", "Parata", "parata|mere"),
    # Issue 19: particles after a title, and Pacific, Filipino, Portuguese and Arabic particles (hand-written here).
    ("Mr. De Leon", None, "De Leon", "deleon|"),
    ("Dr. Te Huia", None, "Te Huia", "tehuia|"),
    ("Dr Aroha Te Huia", "Aroha", "Te Huia", "tehuia|aroha"),
    ("Fa'amoe Ah Kuoi", "Fa'amoe", "Ah Kuoi", "ahkuoi|faamoe"),
    ("Losa Ah Chong", "Losa", "Ah Chong", "ahchong|losa"),
    ("Maria Cristina Dela Cruz", "Maria Cristina", "Dela Cruz", "delacruz|mariacristina"),
    ("Jose De los Reyes", "Jose", "De los Reyes", "delosreyes|jose"),
    ("Mrs Abu Bakr", None, "Abu Bakr", "abubakr|"),
    ("Ana Dos Santos", "Ana", "Dos Santos", "dossantos|ana"),
    ("Mr Wiremu", None, "Wiremu", "wiremu|"),
])
def test_when_parsing_names_then_parts_case_and_key_are_standard(standards, raw, given, family, key):
    parsed = NameParser(standards.names).parse(raw)
    assert (parsed.given_names, parsed.family_name, parsed.match_key) == (given, family, key)


def test_when_macrons_differ_then_match_keys_agree_and_display_keeps_them(standards):
    parser = NameParser(standards.names)
    with_macrons, without = parser.parse("Tūī Pōmare"), parser.parse("TUI POMARE")
    assert with_macrons.match_key == without.match_key
    assert with_macrons.display_name == "Tūī Pōmare"
