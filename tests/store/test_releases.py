"""The release register, release inputs and hidden cells."""
import datetime as dt
import json

from deid.store import releases
from deid.store.warehouse import Warehouse

AT = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)


def _file(run_id: str, path: str, audience: str, quarter: str = "2026Q3") -> dict[str, object]:
    return {"run_id": run_id, "quarter": quarter, "released_at": AT, "path": path, "audience": audience,
            "purpose": None, "description": path, "rows": 3, "sha256": "0" * 64, "providers": ["p1"]}


def test_when_a_run_registers_files_then_it_is_registered_and_other_runs_see_them():
    with Warehouse() as warehouse:
        assert not releases.is_registered(warehouse, "r1") and releases.other_runs_releases(warehouse, "2026Q3", "r2") == []
        assert releases.register_files(warehouse, [_file("r1", "aggregates/a.csv", "public"),
                                                   _file("r1", "providers/p1/f.html", "provider:p1")]) == 2
        assert releases.is_registered(warehouse, "r1") and not releases.is_registered(warehouse, "r9")
        assert [r["path"] for r in releases.other_runs_releases(warehouse, "2026Q3", "r2")] == ["aggregates/a.csv",
                                                                                                "providers/p1/f.html"]
        assert releases.other_runs_releases(warehouse, "2026Q3", "r1") == []
        assert releases.other_runs_releases(warehouse, "2026Q2", "r2") == []


def test_when_an_access_request_asks_which_releases_counted_a_client_then_aggregates_and_their_own_files_are_listed():
    with Warehouse() as warehouse:
        assert releases.releases_counting(warehouse, ["r1"], "p1") == []
        releases.register_files(warehouse, [_file("r1", "aggregates/a.csv", "public"),
                                            _file("r1", "providers/p1/f.html", "provider:p1"),
                                            _file("r1", "providers/p2/f.html", "provider:p2"),
                                            _file("r2", "aggregates/a.csv", "public")])
        found = releases.releases_counting(warehouse, ["r1"], "p1")
        assert [(r["run_id"], r["path"]) for r in found] == [("r1", "aggregates/a.csv"), ("r1", "providers/p1/f.html")]
        assert releases.releases_counting(warehouse, [], "p1") == []


def test_when_inputs_were_released_then_their_summary_is_found_only_once_registered():
    with Warehouse() as warehouse:
        assert releases.released_summary(warehouse, "2026Q3", "k1") is None
        releases.record_release_inputs(warehouse, "r1", "2026Q3", "k1", json.dumps({"run_id": "r1"}))
        assert releases.released_summary(warehouse, "2026Q3", "k1") is None      # not in the register: never released
        releases.register_files(warehouse, [_file("r1", "aggregates/a.csv", "public")])
        assert json.loads(releases.released_summary(warehouse, "2026Q3", "k1") or "{}") == {"run_id": "r1"}
        assert releases.released_summary(warehouse, "2026Q3", "other-key") is None
        assert releases.released_summary(warehouse, "2026Q4", "k1") is None


def test_when_cells_were_hidden_then_later_releases_of_the_same_scope_find_them():
    with Warehouse() as warehouse:
        assert releases.hidden_cells(warehouse, [("t1", "2026")]) is None
        rows = [{"table_name": "t1", "scope": "2026", "identity": cell, "run_id": "r1", "quarter": "2026Q3"}
                for cell in ("a|b", "c|d")]
        assert releases.record_hidden_cells(warehouse, rows) == 2
        assert releases.hidden_cells(warehouse, [("t1", "2026"), ("t2", "2026")]) == {
            "t1": frozenset({"a|b", "c|d"}), "t2": frozenset()}
        found = releases.hidden_cells(warehouse, [("t1", "2026")])
        assert found == {"t1": frozenset({"a|b", "c|d"})}
        assert releases.hidden_cells(warehouse, [("t1", "2027")]) == {"t1": frozenset()}
