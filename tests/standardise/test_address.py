import pytest

from deid.standardise import AddressParser

CASES = [
    ("Flat 2, 15A Smith St, Mt Eden, Auckland 1024",
     dict(unit_type="Flat", unit_number="2", street_number="15", street_suffix="A", street_name="Smith", street_type="Street",
          suburb="Mount Eden", town_city="Auckland", postcode="1024", region_name="Auckland")),
    ("2/15a smith street mt eden auckland",
     dict(unit_number="2", street_number="15", street_suffix="A", street_name="Smith", street_type="Street", suburb="Mount Eden")),
    ("UNIT B 7 KAURI RD, RD 2, WHANGAREI 0172",
     dict(unit_type="Unit", unit_number="B", street_number="7", street_name="Kauri", street_type="Road", rd_number="2", postcode="0172")),
    ("PO Box 1234, Wellington 6140", dict(box_type="PO Box", box_number="1234", town_city="Wellington", postcode="6140")),
    ("12 Ara Tūhono, Ōtara, Auckland 2023", dict(street_number="12", street_type="Ara", street_name="Tūhono", suburb="Ōtara")),
    ("5 Cliff Rd St Heliers Auckland 1071", dict(street_name="Cliff", street_type="Road", suburb="St Heliers")),
    ("88 Main Road Extension, Kaikohe", dict(street_name="Main", street_type="Road", street_qualifier="Extension", town_city="Kaikohe")),
]


@pytest.mark.parametrize("raw, expected", CASES)
def test_when_parsing_addresses_then_components_are_standard(standards, raw, expected):
    parsed = AddressParser(standards.address, standards.geography).parse(raw).as_dict()
    assert {k: parsed[k] for k in expected} == expected
    assert parsed["parse_status"] in {"parsed", "partial"}


def test_when_address_is_not_an_address_then_it_is_flagged_not_guessed(standards):
    parsed = AddressParser(standards.address, standards.geography).parse("see notes")
    assert parsed.parse_status == "unparsed" and parsed.street_name is None and parsed.address_key is None


def test_when_postcode_has_leading_zero_then_it_is_kept(standards):
    assert AddressParser(standards.address, standards.geography).parse("1 Rimu Rd, Dargaville 0310").postcode == "0310"


@pytest.mark.parametrize("raw", ["see notes", "no fixed abode", "c/- Aunty Mere", "unknown", "Level 3", "staying with whānau"])
def test_when_text_is_not_an_address_then_nothing_is_guessed(standards, raw):
    parsed = AddressParser(standards.address, standards.geography).parse(raw)
    assert parsed.parse_status == "unparsed"
    assert all(getattr(parsed, c) is None for c in ("street_number", "street_name", "suburb", "town_city"))


@pytest.mark.parametrize("raw", ["14 Smith Street mystery gully somewhere", "Level 3, 100 Willis Street, Wellington 6011"])
def test_when_part_of_an_address_cannot_be_placed_then_it_is_flagged_partial(standards, raw):
    assert AddressParser(standards.address, standards.geography).parse(raw).parse_status == "partial"


@pytest.mark.parametrize("raw, suburb, town", [("8 Kamo Rd, WHANGAREI 0112", None, "Whangārei"),
                                               ("8 Kamo Rd, Whangārei 0112", None, "Whangārei"),
                                               ("6 Atkinson Ave, OTAHUHU, Auckland", "Ōtāhuhu", "Auckland")])
def test_when_a_known_place_is_written_without_macrons_then_its_official_spelling_is_returned(standards, raw, suburb, town):
    parsed = AddressParser(standards.address, standards.geography).parse(raw)
    assert (parsed.suburb, parsed.town_city) == (suburb, town)


def test_when_macron_restoration_is_off_then_the_writers_spelling_is_kept(standards):
    parsed = AddressParser(standards.address, standards.geography, restore_macrons=False).parse("8 Kamo Rd, WHANGAREI 0112")
    assert parsed.town_city == "Whangarei"


# Shapes from issue 19, hand-written here (not drawn from any labelled set).
SHAPES = [
    ("13 Omahu Road, Unit 6B, Hastings 4120", dict(unit_type="Unit", unit_number="6B", street_number="13", street_name="Omahu",
                                                   street_type="Road", town_city="Hastings")),
    ("40 Tawa St Flat 2 Gisborne 4010", dict(unit_type="Flat", unit_number="2", street_name="Tawa", town_city="Gisborne")),
    ("Priv. Bag 2023, Hamilton 3240", dict(box_type="Private Bag", box_number="2023", town_city="Hamilton")),
    ("P/Bag 12 Rotorua", dict(box_type="Private Bag", box_number="12", town_city="Rotorua")),
    ("PVT BAG 9001, TAURANGA 3143", dict(box_type="Private Bag", box_number="9001", town_city="Tauranga")),
    ("Pte Bag 4, Whakatāne", dict(box_type="Private Bag", box_number="4", town_city="Whakatāne")),
    ("P.O.Box 77, Kaikohe 0440", dict(box_type="PO Box", box_number="77", town_city="Kaikohe")),
    ("5 Rata St, Glen Massey, Ngaruawahia 3793", dict(suburb="Glen Massey", town_city="Ngāruawāhia", ta_code="013")),
    ("5 Rata St Glen Massey Ngaruawahia 3793", dict(suburb="Glen Massey", town_city="Ngāruawāhia", ta_code="013")),
    ("22 Beach Rd, Papamoa Beach, Tauranga 3118", dict(suburb="Pāpāmoa Beach", town_city="Tauranga", region_code="04")),
    ("22 Beach Rd Papamoa Beach 3118", dict(suburb="Pāpāmoa Beach", town_city="Tauranga")),
    ("9 Hill Rd, RD 3, Ohaupo 3882", dict(rd_number="3", town_city="Ohaupo", ta_code="017", region_code="03")),
    ("PO Box 818, Opunake 4616", dict(box_number="818", town_city="Opunake", ta_code="035", region_code="07")),
]


@pytest.mark.parametrize("raw, expected", SHAPES)
def test_when_an_address_has_an_issue_19_shape_then_each_part_lands_in_its_field(standards, raw, expected):
    parsed = AddressParser(standards.address, standards.geography).parse(raw).as_dict()
    assert {k: parsed[k] for k in expected} == expected


def test_when_a_place_is_unknown_then_it_is_kept_as_written_and_flagged(standards):
    parsed = AddressParser(standards.address, standards.geography).parse("5 Rata St, Glen Massey, Ngaruawahia 3793")
    assert parsed.parse_status == "partial"


def test_when_only_the_postcode_is_known_then_ta_and_region_come_from_the_postcode_table(standards):
    parser = AddressParser(standards.address, standards.geography, postcode_areas={})
    assert parser.parse("7 Kiwi Lane, Nowhere Flat 4616").ta_code is None
    parsed = AddressParser(standards.address, standards.geography).parse("7 Kiwi Lane, Nowhere Flat 4616")
    assert (parsed.ta_code, parsed.region_code) == ("035", "07")


def test_when_a_place_is_known_then_its_area_codes_come_from_the_geography_table(standards):
    parsed = AddressParser(standards.address, standards.geography).parse("12 Queen St, Petone 5012")
    assert (parsed.suburb, parsed.town_city, parsed.ta_name, parsed.region_name) == ("Petone", "Lower Hutt", "Lower Hutt City", "Wellington")
    assert parsed.parse_status == "parsed"
