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
    assert (parsed.suburb, parsed.parse_status) == ("Glen Massey", "unverified")


def test_when_only_the_postcode_is_known_then_ta_and_region_come_from_the_postcode_table(standards):
    parser = AddressParser(standards.address, standards.geography, postcode_areas={})
    assert parser.parse("7 Kiwi Lane, Nowhere Flat 4616").ta_code is None
    parsed = AddressParser(standards.address, standards.geography).parse("7 Kiwi Lane, Nowhere Flat 4616")
    assert (parsed.ta_code, parsed.region_code) == ("035", "07")


def test_when_a_place_is_known_then_its_area_codes_come_from_the_geography_table(standards):
    parsed = AddressParser(standards.address, standards.geography).parse("12 Queen St, Petone 5012")
    assert (parsed.suburb, parsed.town_city, parsed.ta_name, parsed.region_name) == ("Petone", "Lower Hutt", "Lower Hutt City", "Wellington")
    assert parsed.parse_status == "parsed"


# Issue 19, what remains: each shape with hand-written cases (not from any labelled set).
def _box_spellings():
    from deid.standards import load_standards

    return [(canonical, spelling) for canonical, spellings in load_standards().address.box_types.items()
            for spelling in (canonical, *spellings) if spelling != "box"]


@pytest.mark.parametrize("canonical, spelling", _box_spellings())
def test_when_a_box_or_bag_is_spelled_any_listed_way_then_it_is_read(standards, canonical, spelling):
    parser = AddressParser(standards.address, standards.geography)
    for text in (f"{spelling} 418, Kaikohe 0440", f"{spelling.upper()} 418 KAIKOHE"):
        parsed = parser.parse(text)
        assert (parsed.box_type, parsed.box_number, parsed.town_city, parsed.street_name) == (canonical, "418", "Kaikohe", None), text


@pytest.mark.parametrize("rd", ["RD 4", "R.D. 4", "RD4", "R D 4", "rd 04", "R.D.4"])
def test_when_a_rural_delivery_number_is_written_any_way_then_it_is_read(standards, rd):
    parsed = AddressParser(standards.address, standards.geography).parse(f"212 Waipapa Rd, {rd}, Kerikeri 0295")
    assert (parsed.street_number, parsed.street_name, parsed.street_type, parsed.rd_number) == ("212", "Waipapa", "Road", "4")


@pytest.mark.parametrize("raw, unit_type, unit", [
    ("Flat 5, 27 Kowhai Street, Naenae, Lower Hutt 5011", "Flat", "5"),
    ("Apt 12B 27 Kowhai Street Naenae Lower Hutt 5011", "Apartment", "12B"),
    ("5/27 Kowhai Street, Naenae, Lower Hutt 5011", None, "5"),
    ("27 Kowhai Street, Flat 5, Naenae, Lower Hutt 5011", "Flat", "5"),
    ("27 Kowhai Street Apartment 3A Naenae Lower Hutt 5011", "Apartment", "3A"),
    ("27 Kowhai Street, Unit C, Naenae, Lower Hutt 5011", "Unit", "C"),
])
def test_when_a_unit_is_written_before_or_after_the_street_then_it_is_the_unit(standards, raw, unit_type, unit):
    parsed = AddressParser(standards.address, standards.geography).parse(raw)
    assert (parsed.unit_type, parsed.unit_number, parsed.street_number, parsed.street_name, parsed.suburb) == (
        unit_type, unit, "27", "Kowhai", "Naenae")


@pytest.mark.parametrize("raw, suburb, town", [
    ("8 Rimu Rd, Massey, Auckland 0614", "Massey", "Auckland"),            # the shorter name, alone
    ("8 Rimu Rd, Glen Massey, Ngaruawahia 3793", "Glen Massey", "Ngāruawāhia"),  # not "Massey": the longer name wins
    ("8 Rimu Rd Te Atatu South Auckland 0610", "Te Atatū South", "Auckland"),
    ("8 Rimu Rd Mangere East Auckland", "Māngere East", "Auckland"),
])
def test_when_place_names_overlap_then_the_longest_is_taken(standards, raw, suburb, town):
    parsed = AddressParser(standards.address, standards.geography).parse(raw)
    assert (parsed.suburb, parsed.town_city) == (suburb, town)


@pytest.mark.parametrize("raw, field, written", [
    ("14 Totara St, Oruanui Flat, Taupō 3330", "suburb", "Oruanui Flat"),
    ("14 Totara St, Whakaoriori", "town_city", "Whakaoriori"),
    ("PO Box 22, Mangakino East", "town_city", "Mangakino East"),
])
def test_when_a_locality_is_unknown_then_it_lands_in_its_field_as_written_and_is_flagged(standards, raw, field, written):
    parsed = AddressParser(standards.address, standards.geography).parse(raw)
    assert getattr(parsed, field) == written and parsed.parse_status == "unverified"


@pytest.mark.parametrize("raw, town", [
    ("3 Rata St, Otahuhu, Auckland", "Auckland"),      # Ōtāhuhu: known, official spelling returned
    ("3 Rata St, Otaua, Waiuku 2682", "Waiuku"),       # Otaua: unknown, no macron invented
])
def test_when_macrons_are_dropped_then_they_come_back_only_where_the_reference_knows_the_place(standards, raw, town):
    parsed = AddressParser(standards.address, standards.geography).parse(raw)
    expected = {"Otahuhu": "Ōtāhuhu", "Otaua": "Otaua"}[raw.split(", ")[1]]
    assert (parsed.suburb, parsed.town_city) == (expected, town)
