"""Building blocks for publish tests: a passing gate and a release with everything else empty."""
from __future__ import annotations

import datetime as dt

import polars as pl

from deid.pipeline import ROW_ISSUE_SCHEMA
from deid.publish import ReleaseContents, ReleaseInputs, publish_release
from deid.risk import GateResult, RiskMeasures

MEASURES = RiskMeasures(10, 3, 3, 0, 0, 0.3, 0.33, 0.0)
STARTED = dt.datetime(2026, 10, 20, tzinfo=dt.UTC)
FIGURES_SCHEMA = {"provider": pl.Utf8, "outcome_status": pl.Utf8, "people": pl.Int64, "sessions": pl.Int64}


def gate(passed: bool, name: str = "evaluation") -> GateResult:
    return GateResult(name, passed, ("a",), 3, 0.34, MEASURES, MEASURES, {}, 0, "passed" if passed else "blocked")


CONTEXT_FIELDS = ("run_id", "quarter", "releases_dir", "standards", "agreement", "demo", "key_fingerprint", "started_at",
                  "logged_uses", "earlier_releases", "audit_head")


def release_inputs(tmp_path, standards, agreement, **overrides) -> ReleaseInputs:
    """A `ReleaseInputs` for run1 of 2026Q3 with a passing evaluation extract; `overrides` name any field of it or its contents."""
    context = dict(run_id="run1", quarter="2026Q3", releases_dir=tmp_path, standards=standards, agreement=agreement, demo=True,
                   key_fingerprint="abcd1234", started_at=STARTED)
    parts = dict(
        submissions=(), row_issues=pl.DataFrame(schema=ROW_ISSUE_SCHEMA), provider_figures=pl.DataFrame(schema=FIGURES_SCHEMA),
        extracts={"evaluation": pl.DataFrame({"run_id": ["run1"], "person_id": ["e_1"]})}, purpose_results=(),
        gates={"evaluation": gate(True)}, tables={}, protection=(), decisions=(), stage_counts=(), maori_rows=0,
    )
    for name, value in overrides.items():
        (context if name in CONTEXT_FIELDS else parts)[name] = tuple(value) if isinstance(value, list) else value
    return ReleaseInputs(contents=ReleaseContents(**parts), **context)


def publish(tmp_path, standards, agreement, **overrides):
    return publish_release(release_inputs(tmp_path, standards, agreement, **overrides))


HYPERLINK = '=HYPERLINK("http://x.example/?q=1","fix me")'


def formula_release(tmp_path, standards, agreement, demo=False):
    """A release whose provider header, table label and extract value are formula payloads."""
    from deid.aggregate.protect import ProtectionResult
    from deid.publish import SubmissionOutcome
    from deid.validate.validate import Finding

    finding = Finding("nhi.check_digit", "nhi", "nhi_check_digit", "warning", "NHI check digit is wrong", "Check the NHI",
                      False, 1, (2,), ())
    submission = SubmissionOutcome(
        provider="tamaki-whanau-ora", quarter="2026Q3", file_name="@SUM(1+1).csv", sha256="a" * 64,
        submission_id="tamaki-whanau-ora/2026Q3/a", status="accepted", reader="csv", encoding="utf-8", rows_received=1,
        rows_accepted=1, findings=(finding,), column_mapping=((HYPERLINK, "nhi", "header"),))
    issues = pl.DataFrame({"submission_id": [submission.submission_id], "source_row": [2], "column": ["nhi"],
                           "rule": ["nhi.check_digit"], "severity": ["warning"]})
    table = pl.DataFrame({"region": ["=cmd|' /C calc'!A0", "All"], "count": [6, 6], "change": [-3, 0],
                          "status": ["published", "published"]})
    extract = pl.DataFrame({"run_id": ["run1"], "person_id": ["e_1"], "outcome_status": ["@SUM(1+1)"], "sessions_attended": [-1]})
    return publish(tmp_path, standards, agreement, demo=demo, submissions=[submission], row_issues=issues,
                   extracts={"evaluation": extract}, tables={"by_region": table},
                   protection=[ProtectionResult("by_region", 2, 0, 0, "rr3", 6)])


def unmarked_demo_files(release_dir) -> list[str]:
    """Every file under a release folder that does not say it was made with the demo key, where its format says it.

    Checked independently of the writer: HTML and PDF by their title, Markdown by its first line, JSON by a
    top-level `demo_key_notice`, CSV by a `demo_key_notice` column on every row and a CSVW companion that
    says it too, Parquet by its key-value metadata. Any other kind of file counts as unmarked.
    """
    import io
    import json
    import re

    import pyarrow.parquet as pq
    from pypdf import PdfReader

    def says(text) -> bool:
        return isinstance(text, str) and text.startswith("DEMO KEY")

    unmarked = []
    for path in sorted(p for p in release_dir.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".html":
            title = re.search(r"<title>(.*?)</title>", data.decode("utf-8"), flags=re.S)
            ok = bool(title) and says(title.group(1))
        elif path.suffix == ".pdf":
            ok = says(str((PdfReader(io.BytesIO(data)).metadata or {}).get("/Title", "")))
        elif path.suffix == ".md":
            ok = "DEMO KEY" in data.decode("utf-8").splitlines()[0]
        elif path.suffix == ".json":
            payload = json.loads(data)
            ok = isinstance(payload, dict) and says(payload.get("demo_key_notice"))
        elif path.suffix == ".csv":
            frame = pl.read_csv(io.BytesIO(data), infer_schema=False)
            companion = path.with_name(path.name + "-metadata.json")
            ok = ("demo_key_notice" in frame.columns and all(says(v) for v in frame.get_column("demo_key_notice").to_list())
                  and companion.is_file() and says(json.loads(companion.read_text(encoding="utf-8")).get("demo_key_notice")))
        elif path.suffix == ".parquet":
            notice = (pq.read_schema(io.BytesIO(data)).metadata or {}).get(b"deid:demo_key_notice", b"")
            ok = says(notice.decode("utf-8"))
        else:
            ok = False
        if not ok:
            unmarked.append(str(path.relative_to(release_dir)))
    return unmarked
