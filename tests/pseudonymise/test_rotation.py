"""Key rotation re-keys the secure zone without losing history; a run with the wrong key is refused."""
from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from deid.db import Warehouse
from deid.errors import KeyMaterialError
from deid.pseudonymise import (
    LINKAGE_DOMAIN,
    check_linkage_key,
    derive_purpose_key,
    make_key,
    pseudonymise_records,
    purpose_pseudonyms,
    rotate_linkage_key,
)

OLD = make_key(bytes(range(32)))
NEW = make_key(bytes(range(100, 132)))
T0 = dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def _people() -> pl.DataFrame:
    dob = dt.date(1990, 3, 4)
    return pl.DataFrame(
        [{"quarter": q, "nhi": nhi, "nhi_valid": nhi is not None, "name_match_key": key, "date_of_birth": dob}
         for q in ("2026Q2", "2026Q3") for nhi, key in (("ZZZ0016", "ngata|aroha"), (None, "parata|wiremu"), ("ZAC5361", None))],
        schema={"quarter": pl.Utf8, "nhi": pl.Utf8, "nhi_valid": pl.Boolean, "name_match_key": pl.Utf8, "date_of_birth": pl.Date})


@pytest.fixture()
def zone():
    with Warehouse() as warehouse:
        records, _ = pseudonymise_records(_people(), derive_purpose_key(OLD, LINKAGE_DOMAIN))
        check_linkage_key(warehouse, OLD, T0)
        warehouse.append_frame("store", "secure_records", records)
        yield warehouse, records


def test_when_the_key_is_rotated_then_every_person_key_is_the_one_the_new_key_gives(zone):
    warehouse, before = zone
    result = rotate_linkage_key(warehouse, OLD, NEW, ["evaluation", "service_delivery"], T1)
    after = warehouse.frame("read", "SELECT * FROM secure_records ORDER BY quarter, identity")
    expected, _ = pseudonymise_records(_people(), derive_purpose_key(NEW, LINKAGE_DOMAIN))
    assert result.identities == 3 and result.rows == 6 and result.purpose_ids == 6
    assert sorted(after.get_column("person_key").to_list()) == sorted(expected.get_column("person_key").to_list())
    assert not set(after.get_column("person_key")) & set(before.get_column("person_key"))


def test_when_the_key_is_rotated_then_crosswalks_keep_the_history_of_every_released_pseudonym(zone):
    warehouse, before = zone
    rotate_linkage_key(warehouse, OLD, NEW, ["evaluation"], T1)
    linkage = warehouse.frame("read", "SELECT old_person_key, new_person_key FROM linkage_crosswalk")
    assert set(linkage.get_column("old_person_key")) == set(before.get_column("person_key"))
    crosswalk = warehouse.frame("read", "SELECT old_id, new_id FROM purpose_crosswalk WHERE domain = 'evaluation'")
    released_before = purpose_pseudonyms(before.get_column("person_key").unique(), derive_purpose_key(OLD, "evaluation"), "e_")
    assert set(crosswalk.get_column("old_id")) == set(released_before)
    after = warehouse.frame("read", "SELECT DISTINCT person_key FROM secure_records").get_column("person_key")
    assert set(crosswalk.get_column("new_id")) == set(purpose_pseudonyms(after, derive_purpose_key(NEW, "evaluation"), "e_"))


def test_when_the_key_has_been_rotated_then_a_run_with_the_old_key_is_refused(zone):
    warehouse, _ = zone
    rotate_linkage_key(warehouse, OLD, NEW, [], T1)
    with pytest.raises(KeyMaterialError, match="not the key the secure zone was built with"):
        check_linkage_key(warehouse, OLD, T1)
    check_linkage_key(warehouse, NEW, T1)
    keys = warehouse.frame("read", "SELECT fingerprint, status FROM linkage_keys ORDER BY since").rows()
    assert keys == [(OLD.fingerprint, "retired"), (NEW.fingerprint, "active")]


@pytest.mark.parametrize("old, new, message", [(NEW, OLD, "is not the secure zone's key"), (OLD, OLD, "the same as the current key")])
def test_when_rotation_is_asked_with_the_wrong_keys_then_nothing_changes(zone, old, new, message):
    warehouse, before = zone
    with pytest.raises(KeyMaterialError, match=message):
        rotate_linkage_key(warehouse, old, new, ["evaluation"], T1)
    after = warehouse.frame("read", "SELECT person_key FROM secure_records")
    assert sorted(after.get_column("person_key").to_list()) == sorted(before.get_column("person_key").to_list())


def test_when_keys_rotate_runs_from_the_command_line_then_it_reports_fingerprints_but_no_key(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from deid.cli import app
    from deid.settings import resolve_settings

    settings = resolve_settings("2026Q3", state_dir=tmp_path, demo_key=True)
    with Warehouse(settings.warehouse_path) as warehouse:
        records, _ = pseudonymise_records(_people(), derive_purpose_key(OLD, LINKAGE_DOMAIN))
        check_linkage_key(warehouse, OLD, T0)
        warehouse.append_frame("store", "secure_records", records)
    new_file = tmp_path / "new.key"
    new_file.write_text(NEW.secret.hex(), encoding="ascii")
    monkeypatch.setenv("DEID_PSEUDONYM_KEY", OLD.secret.hex())
    result = CliRunner().invoke(app, ["keys", "rotate", "--new-key-file", str(new_file), "--state-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert NEW.fingerprint in result.stdout and "re-keyed 3 people" in result.stdout
    assert OLD.secret.hex() not in result.output and NEW.secret.hex() not in result.output
