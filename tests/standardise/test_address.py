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


@pytest.mark.parametrize("raw, town", [("8 Kamo Rd, WHANGAREI 0112", "Whangarei"), ("8 Kamo Rd, Whangārei 0112", "Whangārei"),
                                       ("6 Atkinson Ave, OTAHUHU, Auckland", "Auckland")])
def test_when_a_place_is_written_without_macrons_then_none_are_added(standards, raw, town):
    parsed = AddressParser(standards.address, standards.geography).parse(raw)
    assert parsed.town_city == town and "ā" not in (parsed.suburb or "")


def test_when_a_place_is_known_then_its_area_codes_come_from_the_geography_table(standards):
    parsed = AddressParser(standards.address, standards.geography).parse("12 Queen St, Petone 5012")
    assert (parsed.suburb, parsed.town_city, parsed.ta_name, parsed.region_name) == ("Petone", "Lower Hutt", "Lower Hutt City", "Wellington")
    assert parsed.parse_status == "parsed"
