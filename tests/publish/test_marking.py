"""Demo marking: a demo-key release marks every file it writes; a real release marks none."""
from __future__ import annotations

import polars as pl
import pytest

from deid.errors import PublishError
from deid.publish.marking import DEMO_FIELD, check_marked, mark_frame, mark_markdown, mark_payload
from tests.publish.helpers import formula_release, unmarked_demo_files


def test_when_a_demo_release_is_written_then_every_file_it_writes_is_marked(tmp_path, standards, agreement):
    release = formula_release(tmp_path, standards, agreement, demo=True).release_dir
    kinds = {p.suffix for p in release.rglob("*") if p.is_file()}
    assert {".html", ".pdf", ".json", ".csv", ".parquet", ".md"} <= kinds     # every kind of file a release writes
    assert unmarked_demo_files(release) == []


def test_when_a_real_key_release_is_written_then_no_file_carries_the_demo_mark(tmp_path, standards, agreement):
    release = formula_release(tmp_path, standards, agreement, demo=False).release_dir
    files = sorted(str(p.relative_to(release)) for p in release.rglob("*") if p.is_file())
    assert unmarked_demo_files(release) == files
    assert not list(release.rglob("*-metadata.json"))
    assert all(b"DEMO KEY" not in p.read_bytes() for p in release.rglob("*") if p.suffix in {".csv", ".json", ".md", ".parquet"})


@pytest.mark.parametrize("name, data, where", [
    ("evaluation/PROVENANCE.md", b"# Provenance\n", "its first line"),
    ("aggregates/t.csv", b"region,count\nAll,3\n", f"a '{DEMO_FIELD}' column"),
    ("stewards/steward_summary.json", b'{"run_id": "r"}', f"a top-level '{DEMO_FIELD}' field"),
    ("stewards/steward_summary.html", b"<html><title>Steward review</title></html>", "its <title>"),
    ("providers/x/notes.txt", b"hello", "cannot mark a .txt file"),
])
def test_when_a_demo_release_file_is_not_marked_then_it_is_refused_naming_file_and_rule(name, data, where):
    with pytest.raises(PublishError, match=name) as caught:
        check_marked(name, data)
    assert where in str(caught.value)


def test_when_marks_are_applied_twice_then_each_appears_once():
    frame = mark_frame(mark_frame(pl.DataFrame({"a": [1]}), True), True)
    assert frame.columns == ["a", DEMO_FIELD]
    assert list(mark_payload(mark_payload({"a": 1}, True), True)) == [DEMO_FIELD, "a"]
    assert mark_markdown(mark_markdown("# x", True), True).count("DEMO KEY") == 1
    assert mark_frame(pl.DataFrame({"a": [1]}), False).columns == ["a"] and mark_payload({"a": 1}, False) == {"a": 1}
