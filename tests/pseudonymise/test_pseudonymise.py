import datetime as dt

import polars as pl
import pytest

from deid.errors import KeyMaterialError
from deid.pseudonymise import demo_key, derive_purpose_key, hmac_pseudonyms, load_key, pseudonymise_records
from tests.conftest import TEST_KEY_HEX


def _records(rows):
    return pl.DataFrame(rows, schema={"provider": pl.Utf8, "nhi": pl.Utf8, "nhi_valid": pl.Boolean,
                                      "name_match_key": pl.Utf8, "date_of_birth": pl.Date})


def test_golden_pseudonyms_under_the_test_key(test_key):
    # HMAC-SHA256(key, identity), first 80 bits; fixed so any change of algorithm or key derivation is noticed.
    assert hmac_pseudonyms(["nhi:ZZZ0016", None], test_key) == ["e9163646e68ecec00efd", None]
    assert hmac_pseudonyms(["pk_1"], derive_purpose_key(test_key, "evaluation")) == ["1bdb4e9264139cf056ee"]
    assert hmac_pseudonyms(["nhi:ZZZ0016"], demo_key()) != ["e9163646e68ecec00efd"]


def test_when_same_person_at_two_providers_and_quarters_then_same_linkage_key(test_key):
    dob = dt.date(1990, 3, 4)
    q2 = _records([{"provider": "a", "nhi": "ZZZ0016", "nhi_valid": True, "name_match_key": "ngata|aroha", "date_of_birth": dob}])
    q3 = _records([{"provider": "b", "nhi": "ZZZ0016", "nhi_valid": True, "name_match_key": "ngata|aroha", "date_of_birth": dob}])
    a, _ = pseudonymise_records(q2, test_key)
    b, _ = pseudonymise_records(q3, test_key)
    assert a.get_column("person_key")[0] == b.get_column("person_key")[0]


def test_when_nhi_missing_on_one_row_then_name_and_dob_resolve_to_the_nhi_identity(test_key):
    dob = dt.date(1990, 3, 4)
    frame = _records([
        {"provider": "a", "nhi": "ZZZ0016", "nhi_valid": True, "name_match_key": "ngata|aroha", "date_of_birth": dob},
        {"provider": "b", "nhi": None, "nhi_valid": False, "name_match_key": "ngata|aroha", "date_of_birth": dob},
        {"provider": "b", "nhi": None, "nhi_valid": False, "name_match_key": "parata|mere", "date_of_birth": dob},
    ])
    out, result = pseudonymise_records(frame, test_key)
    keys = out.get_column("person_key").to_list()
    assert keys[0] == keys[1] != keys[2]
    assert result.resolved_to_nhi == 1 and result.distinct_people == 2


def test_when_a_person_has_only_the_providers_reference_then_they_are_counted_within_that_provider_only(test_key):
    rows = [{"provider": p, "client_ref": ref, "nhi": None, "nhi_valid": False, "name_match_key": None, "date_of_birth": None}
            for p, ref in (("a", "C1"), ("a", "C1"), ("b", "C1"), ("a", "C2"))]
    frame = pl.DataFrame(rows, schema={"provider": pl.Utf8, "client_ref": pl.Utf8, "nhi": pl.Utf8, "nhi_valid": pl.Boolean,
                                       "name_match_key": pl.Utf8, "date_of_birth": pl.Date})
    out, result = pseudonymise_records(frame, test_key)
    keys = out.get_column("person_key").to_list()
    assert keys[0] == keys[1] and len({keys[0], keys[2], keys[3]}) == 3  # the same reference at another provider is someone else
    assert result.identities_within_provider == 4 and result.without_identity == 0 and result.distinct_people == 3


def test_when_purposes_differ_then_pseudonyms_differ(test_key):
    evaluation = hmac_pseudonyms(["pk_1"], derive_purpose_key(test_key, "evaluation"))
    delivery = hmac_pseudonyms(["pk_1"], derive_purpose_key(test_key, "service_delivery"))
    assert evaluation != delivery


def test_when_key_is_printed_then_no_key_material_shows(test_key):
    shown = f"{test_key} {test_key!r}"
    assert TEST_KEY_HEX not in shown and test_key.secret.hex() not in shown and "fingerprint" in shown


@pytest.mark.parametrize("environ, message", [
    ({}, "no pseudonymisation key"),
    ({"DEID_PSEUDONYM_KEY": "abcd"}, "at least 32"),
    ({"DEID_PSEUDONYM_KEY": "not base64 !!"}, "neither hex nor base64"),
    ({"DEID_PSEUDONYM_KEY_FILE": "/nonexistent/key"}, "not a file"),
])
def test_when_key_is_missing_or_bad_then_the_error_says_what_to_do(environ, message):
    with pytest.raises(KeyMaterialError, match=message) as err:
        load_key(environ)
    assert "abcd" not in str(err.value)


def test_when_key_file_is_given_then_it_is_loaded(tmp_path):
    path = tmp_path / "key"
    path.write_text(TEST_KEY_HEX + "\n")
    assert load_key({"DEID_PSEUDONYM_KEY_FILE": str(path)}).secret == bytes.fromhex(TEST_KEY_HEX)
