import polars as pl
import pytest

from deid.ingest import map_columns
from deid.ingest.config import ProviderMapping


@pytest.mark.parametrize("header, field", [
    ("Client Surname", "family_name"), ("LAST_NAME", "family_name"), ("Whānau name", "family_name"),
    ("D.O.B", "date_of_birth"), ("NHI No", "nhi"), ("Gender identity", "gender"), ("E-mail", "email"),
])
def test_when_header_is_a_synonym_then_it_maps_to_the_standard_field(standards, header, field):
    mapping = map_columns(pl.DataFrame({header: ["x"]}), standards, None)
    assert mapping.mapped == {header: field}


def test_when_header_is_unknown_then_column_is_dropped_and_reported(standards):
    mapping = map_columns(pl.DataFrame({"Bank account": ["12-3456"], "Client ID": ["C1"]}), standards, None)
    assert mapping.dropped == ("Bank account",) and mapping.mapped == {"Client ID": "client_ref"}


def test_when_header_is_unknown_but_content_is_nhi_then_profiling_maps_it(standards):
    mapping = map_columns(pl.DataFrame({"Health ID": ["ZZZ0016", "ZAC5361", "ABC12DS", "ZSC21TN"]}), standards, None)
    assert mapping.mapped == {"Health ID": "nhi"}
    assert mapping.matches[0].method == "content_profile"


def test_when_a_confirmed_mapping_exists_then_it_wins_over_synonyms(standards):
    confirmed = ProviderMapping(provider="p", columns={"Name": "caregiver_name"})
    assert map_columns(pl.DataFrame({"Name": ["x"]}), standards, confirmed).mapped == {"Name": "caregiver_name"}


def test_when_two_headers_map_to_one_field_then_the_second_is_dropped(standards):
    mapping = map_columns(pl.DataFrame({"DOB": ["1/1/90"], "Date of birth": ["1/1/90"]}), standards, None)
    assert mapping.mapped == {"DOB": "date_of_birth"} and mapping.dropped == ("Date of birth",)
