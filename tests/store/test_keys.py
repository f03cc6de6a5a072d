"""Key records and rotation history: following pseudonyms back through rotations, and forgetting them."""
import datetime as dt

import polars as pl

from deid.store import keys
from deid.store.warehouse import Warehouse

AT = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)


def _rotate(warehouse: Warehouse, rotation_id: str, pairs: list[tuple[str, str]], fingerprint: str) -> int:
    linkage = pl.DataFrame({"rotation_id": rotation_id, "rotated_at": AT, "old_person_key": [o for o, _ in pairs],
                            "new_person_key": [n for _, n in pairs]}, schema=keys.LINKAGE_CROSSWALK_SCHEMA)
    purpose = pl.DataFrame({"rotation_id": rotation_id, "domain": "evaluation", "old_id": [f"ev_{o}" for o, _ in pairs],
                            "new_id": [f"ev_{n}" for _, n in pairs], "person_key": [n for _, n in pairs]},
                           schema=keys.PURPOSE_CROSSWALK_SCHEMA)
    return keys.record_rotation(warehouse, rotation_id, linkage, [purpose], fingerprint, AT)


def _zone() -> Warehouse:
    warehouse = Warehouse()
    keys.record_active_key(warehouse, "k1", AT)
    warehouse.append_frame("t", "secure_records", pl.DataFrame({"identity": ["i1", "i2", None],
                                                                "person_key": ["pk_a1", "pk_b1", None]}))
    return warehouse


def test_when_no_key_is_recorded_then_there_is_no_active_fingerprint():
    with Warehouse() as warehouse:
        assert keys.active_fingerprint(warehouse) is None
        keys.record_active_key(warehouse, "k1", AT)
        assert keys.active_fingerprint(warehouse) == "k1"


def test_when_a_rotation_is_recorded_then_records_are_rekeyed_and_the_new_key_is_active():
    with _zone() as warehouse:
        assert _rotate(warehouse, "rot1", [("pk_a1", "pk_a2"), ("pk_b1", "pk_b2")], "k2") == 2
        assert keys.active_fingerprint(warehouse) == "k2"
        assert warehouse.frame("t", "SELECT fingerprint, status FROM linkage_keys ORDER BY fingerprint").rows() == [
            ("k1", "retired"), ("k2", "active")]
        assert warehouse.frame("t", "SELECT person_key FROM secure_records WHERE person_key IS NOT NULL ORDER BY 1").rows() == [
            ("pk_a2",), ("pk_b2",)]


def test_when_history_is_followed_back_through_two_rotations_then_every_earlier_pseudonym_is_found():
    with _zone() as warehouse:
        assert keys.linkage_history(warehouse, ["pk_a1"]) == ["pk_a1"]       # no rotation yet
        _rotate(warehouse, "rot1", [("pk_a1", "pk_a2"), ("pk_b1", "pk_b2")], "k2")
        _rotate(warehouse, "rot2", [("pk_a2", "pk_a3"), ("pk_b2", "pk_b3")], "k3")
        assert keys.linkage_history(warehouse, ["pk_a3", ""]) == ["pk_a1", "pk_a2", "pk_a3"]
        assert keys.purpose_history(warehouse, "evaluation", ["ev_pk_a3"]) == ["ev_pk_a1", "ev_pk_a2", "ev_pk_a3"]
        assert keys.purpose_history(warehouse, "service-delivery", ["ev_pk_a3"]) == ["ev_pk_a3"]
        assert keys.history_rows(warehouse, ["pk_a3"]) == 4       # two linkage rows and two purpose rows


def test_when_a_persons_history_is_forgotten_then_only_their_crosswalk_rows_go():
    with _zone() as warehouse:
        _rotate(warehouse, "rot1", [("pk_a1", "pk_a2"), ("pk_b1", "pk_b2")], "k2")
        _rotate(warehouse, "rot2", [("pk_a2", "pk_a3"), ("pk_b2", "pk_b3")], "k3")
        assert keys.forget_history(warehouse, ["pk_a3"]) == 4
        assert keys.linkage_history(warehouse, ["pk_a3"]) == ["pk_a3"]
        assert keys.linkage_history(warehouse, ["pk_b3"]) == ["pk_b1", "pk_b2", "pk_b3"]
        assert keys.forget_history(warehouse, []) == 0
