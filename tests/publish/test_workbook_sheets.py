"""A workbook with several data sheets: each sheet gets its own reports, and every row a report points at names its sheet.

Found by a user test: two sheets of one workbook share its name and hash, so their reports were written to one path
(the second replacing the first, the manifest listing both) and the first sheet's rows were shown with the file name only.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import re

import polars as pl
import pytest
from openpyxl import Workbook

from deid import pipeline
from deid.approval import manifest_problems
from deid.errors import PublishError
from deid.publish import SubmissionOutcome
from deid.publish.publish import ReleaseWriter, plain_submissions, submission_slug
from deid.settings import resolve_settings
from reports.builders import FIRST_DATA_SHEET, as_plain_submissions, rows_to_fix
from tests.conftest import SAMPLES
from tests.publish.helpers import publish

PROVIDER = "kainga-support"
SAMPLE = SAMPLES / PROVIDER / "2026Q3" / f"{PROVIDER}_2026Q3.csv"
BOOK = "kainga_Q3_2026.xlsx"
DOB = 3   # the sample's "D.O.B" column


def _workbook(future_dob_rows: dict[str, tuple[int, ...]]) -> bytes:
    """A "Read me" sheet, then one data sheet per name (header on row 1), with a date of birth in the future on the
    rows given (as Excel numbers them)."""
    header, *body = list(csv.reader(io.StringIO(SAMPLE.read_bytes().decode("cp1252"))))
    book = Workbook()
    book.active.title = "Read me"
    book.active.append(["This workbook holds our clients for the quarter. Ask the office about anything odd."])
    for number, (sheet, bad_rows) in enumerate(future_dob_rows.items()):
        rows = [list(r) for r in body[number * 30:number * 30 + 25]]
        for excel_row in bad_rows:
            rows[excel_row - 2][DOB] = "21.02.2030"
        data_sheet = book.create_sheet(sheet)
        for row in [header, *rows]:
            data_sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture()
def received(tmp_path, standards, agreement):
    """The receive stage's outcomes and row issues for a workbook with two data sheets, both with a bad row 11."""
    settings = resolve_settings("2026Q3", state_dir=tmp_path / "state", landing_dir=tmp_path / "landing", demo_key=True)
    folder = settings.landing_dir / PROVIDER / "2026Q3"
    folder.mkdir(parents=True)
    (folder / BOOK).write_bytes(_workbook({"Auckland clients": (11,), "Hamilton clients": (11, 16)}))
    with pipeline.open_warehouse(settings) as warehouse:
        result = pipeline.receive_submissions(settings, standards, agreement, warehouse)
    assert [o.status for o in result.outcomes] == ["accepted", "accepted"]
    return result


def _sheet(file_name: str) -> str:
    named = re.fullmatch(rf"{re.escape(BOOK)} \[(.+)\]", file_name)
    assert named, f"{file_name!r} does not name its sheet"
    return named[1]


def test_when_a_workbook_has_two_data_sheets_then_each_has_its_own_reports_and_every_row_names_its_sheet(
        received, tmp_path, standards, agreement):
    release = publish(tmp_path / "releases", standards, agreement, submissions=received.outcomes,
                      row_issues=received.row_issues).release_dir
    own = release / "providers" / PROVIDER
    pages, fixes = sorted(own.glob("data_quality_*.html")), sorted(own.glob("rows_to_fix_*.csv"))
    assert len(pages) == 2 and len(fixes) == 2 and len(list((release / "stewards/quality" / PROVIDER).glob("*.html"))) == 2
    assert any("Hamilton-clients" in p.name for p in pages)

    # the first sheet is named too (by its name once ingest gives it, else as the first data sheet)
    feedback = json.loads((own / "feedback_2026Q3.json").read_text(encoding="utf-8"))
    sheets = {_sheet(s["file_name"]) for s in feedback["submissions"]}
    assert "Hamilton clients" in sheets and sheets - {"Hamilton clients"} <= {"Auckland clients", FIRST_DATA_SHEET}
    assert len(sheets) == 2 and feedback["several_files"]
    assert {_sheet(p["file"]) for p in feedback["problems"]} == sheets

    # each sheet's rows to fix: its own rows (as the checks found them), each naming the sheet; the first sheet's
    # row 11 is not lost
    by_sheet = {}
    for fix in fixes:
        table = pl.read_csv(fix, comment_prefix="#", infer_schema_length=0)
        (sheet,) = set(table.get_column("sheet"))
        by_sheet[sheet] = {int(r) for r in table.get_column("row")}
    found = {_sheet(s["file_name"]): set(received.row_issues.filter(pl.col("submission_id") == s["submission_id"])
                                         .get_column("source_row").to_list()) for s in feedback["submissions"]}
    assert by_sheet == found and {11, 16} <= by_sheet["Hamilton clients"]
    assert 11 in by_sheet[next(iter(sheets - {"Hamilton clients"}))]

    # the feedback links each sheet to its own page, and the steward pack each sheet to its own steward page
    html = (own / "feedback_2026Q3.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(data_quality_[^"]+)"', html)
    assert sorted(links) == sorted(p.name for p in pages)
    pack = (release / "stewards/steward_summary.html").read_text(encoding="utf-8")
    assert len(set(re.findall(rf'href="(quality/{PROVIDER}/[^"]+)"', pack))) == 2
    for page in pages:   # a page's title names its sheet
        assert re.search(rf"{re.escape(BOOK)} \[[^\]]+\]", page.read_text(encoding="utf-8"))

    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    paths = [f["path"] for f in manifest["files"]]
    assert len(paths) == len(set(paths)) and manifest_problems(release, manifest["files"]) == []


def _part(file_name: str, part: int, sha: str = "9c4b82a5d703" + "0" * 52) -> SubmissionOutcome:
    base = f"{PROVIDER}/2026Q3/{sha[:12]}"
    return SubmissionOutcome(PROVIDER, "2026Q3", file_name, sha, f"{base}#{part}" if part > 1 else base, "accepted")


def test_when_a_workbook_sheets_reports_are_named_then_each_name_is_unique_and_the_same_in_every_run():
    first, second, alike = _part(BOOK, 1), _part(f"{BOOK} [Hamilton clients]", 2), _part(f"{BOOK} [Hamilton/clients]", 3)
    slugs = [submission_slug(s) for s in (first, second, alike)]
    assert slugs == ["kainga_Q3_2026_9c4b82a5", "kainga_Q3_2026_Hamilton-clients_9c4b82a5-2",
                     "kainga_Q3_2026_Hamilton-clients_9c4b82a5-3"]
    assert submission_slug(_part(f"{BOOK} [Auckland clients]", 1)) == "kainga_Q3_2026_Auckland-clients_9c4b82a5"
    assert [submission_slug(s) for s in (first, second, alike)] == slugs   # a re-run names them alike
    macrons = dataclasses.replace(first, file_name="pūrongo_hauwhā_3.csv")
    assert submission_slug(macrons) == "purongo_hauwha_3_9c4b82a5"        # letters with macrons keep their letter


def test_when_a_workbook_has_several_data_sheets_then_each_part_names_its_sheet_and_a_lone_file_is_unchanged():
    lone, first, second = _part("other.csv", 1, "a" * 64), _part(BOOK, 1), _part(f"{BOOK} [Hamilton clients]", 2)
    plain = as_plain_submissions([lone, first, second])
    assert [p["file_name"] for p in plain] == ["other.csv", f"{BOOK} [{FIRST_DATA_SHEET}]", f"{BOOK} [Hamilton clients]"]
    assert "sheet" not in plain[0] and [p["sheet"] for p in plain[1:]] == [FIRST_DATA_SHEET, "Hamilton clients"]
    named = as_plain_submissions([_part(f"{BOOK} [Auckland clients]", 1), second])
    assert [p["file_name"] for p in named] == [f"{BOOK} [Auckland clients]", f"{BOOK} [Hamilton clients]"]
    assert [plain_submissions([lone, first, second])[id(s)] for s in (lone, first, second)] == plain
    # a workbook with one data sheet keeps its file name: there is no other sheet to tell it from
    assert as_plain_submissions([_part(BOOK, 1)])[0]["file_name"] == BOOK


def test_when_rows_to_fix_are_listed_for_a_sheet_then_every_row_names_the_sheet():
    issues = pl.DataFrame({"submission_id": ["s"] * 2, "source_row": [11, 4], "column": ["date_of_birth"] * 2,
                           "rule": ["dob.future"] * 2, "severity": ["blocking"] * 2})
    submission = {"findings": [{"rule_id": "dob.future", "description": "date_of_birth is in the future", "fix": "Check it",
                                "severity": "blocking"}], "column_mapping": [("D.O.B", "date_of_birth", "header")]}
    assert "sheet" not in rows_to_fix(submission, issues).columns
    table = rows_to_fix({**submission, "sheet": "Auckland clients"}, issues)
    assert table.columns[0] == "sheet" and table.get_column("sheet").to_list() == ["Auckland clients"] * 2
    assert table.get_column("row").to_list() == [4, 11]


def test_when_a_release_path_is_written_twice_then_the_writer_refuses_naming_it_and_keeps_the_first(tmp_path, agreement):
    writer = ReleaseWriter(tmp_path, agreement)
    path = f"providers/{PROVIDER}/data_quality_book_9c4b82a5.html"
    writer.text(path, "<p>Auckland</p>", audience=f"provider:{PROVIDER}", purpose="service_delivery", description="first")
    for write in (lambda: writer.text(path, "<p>Hamilton</p>", audience=f"provider:{PROVIDER}", purpose="service_delivery",
                                      description="second"),
                  lambda: writer.binary(path, b"x", audience=f"provider:{PROVIDER}", purpose="service_delivery",
                                        description="second")):
        with pytest.raises(PublishError, match=re.escape(path) + ".*written twice"):
            write()
    assert (tmp_path / path).read_text(encoding="utf-8") == "<p>Auckland</p>" and len(writer.files) == 1


def test_when_two_submissions_would_share_a_report_path_then_nothing_is_released(tmp_path, standards, agreement):
    same = [_part("return.csv", 1, "b" * 64), _part("return.csv", 1, "b" * 64)]   # a bug: one submission listed twice
    with pytest.raises(PublishError, match=r"rows_to_fix|data_quality|quality/.*written twice"):
        publish(tmp_path, standards, agreement, submissions=same)
    assert not list(tmp_path.iterdir())
