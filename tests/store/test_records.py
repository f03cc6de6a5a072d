"""Identifiable records: staging and promotion, cross-quarter history, row issues, disposal."""
import polars as pl
import pytest

from deid.store import records
from deid.store.warehouse import Warehouse


def _rows(provider: str, quarter: str, run_id: str, refs: list[str]) -> pl.DataFrame:
    return pl.DataFrame({"provider": provider, "quarter": quarter, "run_id": run_id, "client_ref": refs,
                         "date_of_birth": ["2001-02-03"] * len(refs), "source_row": list(range(1, len(refs) + 1)),
                         "identity": [f"id-{r}" for r in refs], "person_key": [f"pk_{r}" for r in refs]})


def _held(warehouse: Warehouse) -> list[tuple[str, str, str]]:
    return warehouse.frame("t", "SELECT provider, quarter, client_ref FROM secure_records ORDER BY ALL").rows()


def test_when_staged_rows_are_promoted_then_they_replace_only_their_providers_quarter():
    with Warehouse() as warehouse:
        records.stage_records(warehouse, pl.concat([_rows("p1", "2026Q2", "r1", ["A"]), _rows("p2", "2026Q2", "r1", ["B"])]))
        assert records.promote_staged_records(warehouse, "r1") == 2
        records.stage_records(warehouse, _rows("p1", "2026Q2", "r2", ["C", "D"]))
        assert records.promote_staged_records(warehouse, "r2") == 2
        assert _held(warehouse) == [("p1", "2026Q2", "C"), ("p1", "2026Q2", "D"), ("p2", "2026Q2", "B")]
        assert warehouse.scalar("t", "SELECT count(*) FROM staged_records") == 0


def test_when_a_run_stages_rows_then_rows_another_run_left_staged_are_dropped():
    with Warehouse() as warehouse:
        records.stage_records(warehouse, _rows("p1", "2026Q3", "dead", ["X"]))
        records.stage_records(warehouse, _rows("p1", "2026Q3", "r3", ["Y"]))
        assert records.promote_staged_records(warehouse, "dead") == 0
        assert records.promote_staged_records(warehouse, "r3") == 1
        assert _held(warehouse) == [("p1", "2026Q3", "Y")]


def test_when_a_run_stages_its_rows_in_batches_then_the_stage_holds_what_one_frame_gives():
    batches = [_rows("p1", "2026Q3", "r4", ["A", "B"]), _rows("p2", "2026Q3", "r4", []), _rows("p3", "2026Q3", "r4", ["C"])]
    staged = {}
    for shape, given in (("whole", pl.concat(batches)), ("batches", iter(batches))):
        with Warehouse() as warehouse:
            assert records.stage_records(warehouse, given) == 3
            staged[shape] = warehouse.frame("t", "SELECT * FROM staged_records")
    assert staged["batches"].equals(staged["whole"])


def test_when_a_batch_fails_then_nothing_of_the_run_is_staged():
    def failing():
        yield _rows("p1", "2026Q3", "r5", ["A"])
        raise OSError("a submission's kept rows could not be read")

    with Warehouse() as warehouse:
        records.stage_records(warehouse, _rows("p1", "2026Q3", "r4", ["Z"]))
        with pytest.raises(OSError):
            records.stage_records(warehouse, failing())
        assert warehouse.frame("t", "SELECT client_ref FROM staged_records").rows() == [("Z",)]


def test_when_nothing_was_staged_then_promotion_moves_nothing():
    with Warehouse() as warehouse:
        assert records.promote_staged_records(warehouse, "r1") == 0
        assert not warehouse.has_table("secure_records")


def test_when_earlier_quarters_are_read_then_only_the_providers_earlier_quarters_are_returned():
    with Warehouse() as warehouse:
        assert records.earlier_quarters(warehouse, "p1", "2026Q3") is None
        warehouse.append_frame("t", "secure_records", pl.concat([
            _rows("p1", "2026Q1", "r1", ["A"]), _rows("p1", "2026Q2", "r2", ["B"]), _rows("p1", "2026Q3", "r3", ["C"]),
            _rows("p2", "2026Q2", "r2", ["Z"])]))
        found = records.earlier_quarters(warehouse, "p1", "2026Q3")
        assert found is not None and sorted(found.get_column("client_ref").to_list()) == ["A", "B"]
        assert records.other_quarter_runs(warehouse, "secure_records", "2026Q3") == [("2026Q1", "r1"), ("2026Q2", "r2")]


def test_when_a_client_is_looked_up_then_only_that_providers_rows_for_them_come_back():
    with Warehouse() as warehouse:
        assert records.client_records(warehouse, "p1", "A") is None
        warehouse.append_frame("t", "secure_records", pl.concat([_rows("p1", "2026Q2", "r1", ["A", "B"]),
                                                                 _rows("p2", "2026Q2", "r1", ["A"])]))
        found = records.client_records(warehouse, "p1", "A")
        assert found is not None and found.select("provider", "client_ref").rows() == [("p1", "A")]
        assert sorted(records.person_placements(warehouse)) == [("pk_A", "p1", "2026Q2"), ("pk_A", "p2", "2026Q2"),
                                                                ("pk_B", "p1", "2026Q2")]


def test_when_row_issues_are_stored_again_for_a_table_then_they_replace_the_earlier_ones():
    issues = pl.DataFrame({"submission_id": ["s1", "s1"], "source_row": [2, 5], "rule": ["nhi", "dob"]})
    with Warehouse() as warehouse:
        records.store_row_issues(warehouse, "s1", issues, issues.head(1))
        records.store_row_issues(warehouse, "s1", issues.tail(1), issues.head(0))
        assert warehouse.frame("t", "SELECT source_row FROM quarantine").rows() == [(5,)]
        assert warehouse.scalar("t", "SELECT count(*) FROM row_warnings") == 0


def test_when_identifiable_rows_are_disposed_then_only_that_provider_and_quarter_go():
    with Warehouse() as warehouse:
        warehouse.append_frame("t", "secure_records", pl.concat([_rows("p1", "2026Q1", "r1", ["A", "B"]),
                                                                 _rows("p1", "2026Q2", "r2", ["C"])]))
        assert records.identifiable_counts(warehouse, "secure_records") == [("p1", "2026Q1", 2), ("p1", "2026Q2", 1)]
        assert records.identifiable_counts(warehouse, "quarantine") == []
        records.delete_identifiable(warehouse, "secure_records", "p1", "2026Q1")
        assert _held(warehouse) == [("p1", "2026Q2", "C")]


@pytest.mark.parametrize("table", ["release_register", "secure_records; DROP TABLE x", "submissions"])
def test_when_disposal_names_a_table_that_is_not_identifiable_then_it_is_refused(table):
    with Warehouse() as warehouse, pytest.raises(ValueError, match="not an identifiable table"):
        records.delete_identifiable(warehouse, table, "p1", "2026Q1")
