"""Score column mapping and row acceptance on a generated layout corpus (tune or test split).

Each split's generator (written apart from the project's code, from the issue text alone)
writes provider files and a truth.json per layout: the target of every column by position,
and how many rows are valid. This module ingests and validates every file as a run would,
and compares. Shared by tests/ingest/test_layout_corpus.py and bench/bench_mapping.py.
"""
from __future__ import annotations

import importlib
import json
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from deid.errors import IngestError
from deid.ingest import HeaderMatcher, ingest_file
from deid.io import sha256_file
from deid.standards import Standards, quarter_bounds
from deid.validate import validate_submission


@dataclass
class CorpusScore:
    split: str
    layouts: int = 0
    files: int = 0
    columns: int = 0
    columns_right: int = 0
    valid_rows: int = 0
    rows_accepted: int = 0            # accepted rows, capped per file at its valid rows
    rows_accepted_beyond_valid: int = 0
    files_rejected: list[str] = field(default_factory=list)
    tables_held: list[str] = field(default_factory=list)
    tables_missing: list[str] = field(default_factory=list)
    errors: Counter[tuple[str | None, str | None]] = field(default_factory=Counter)   # (truth, predicted) -> count
    wrong: list[str] = field(default_factory=list)

    @property
    def column_accuracy(self) -> float:
        return self.columns_right / self.columns if self.columns else 0.0

    @property
    def rows_accepted_share(self) -> float:
        return self.rows_accepted / self.valid_rows if self.valid_rows else 0.0

    def lines(self) -> list[str]:
        return [
            f"{self.split}: {self.layouts} layouts, {self.files} files, {self.columns} columns",
            f"  columns mapped right (or rightly left unmapped): {self.columns_right}/{self.columns} = {self.column_accuracy:.2%}",
            f"  valid rows accepted without a steward: {self.rows_accepted}/{self.valid_rows} = {self.rows_accepted_share:.2%}"
            f" (and {self.rows_accepted_beyond_valid} rows accepted beyond the valid count)",
            f"  files rejected whole: {len(self.files_rejected)}; tables held for mapping: {len(self.tables_held)}; "
            f"tables not found: {len(self.tables_missing)}",
        ]


def generate_split(split: str, out_dir: Path) -> list[dict]:
    module = importlib.import_module(f"tests.ingest.layouts.{split}_split.generator")
    return module.generate(out_dir)


class NoHeaders(HeaderMatcher):
    """Ablation: headers say nothing, so only content evidence is left."""

    def scores(self, header: str) -> dict[str, float]:
        return {t.name: 0.0 for t in self.targets}


def score_split(split: str, standards: Standards, out_dir: Path | None = None, *, show_wrong: bool = False,
                ablation: str | None = None) -> CorpusScore:
    """Ingest and validate every file of a split and compare with its truth.

    Args:
        ablation: None for the full matcher; "no_content" to match on headers alone;
            "no_headers" to match on content alone.
    """
    with tempfile.TemporaryDirectory() as tmp:
        root = out_dir or Path(tmp)
        truths = generate_split(split, root)
        matcher = NoHeaders(standards) if ablation == "no_headers" else HeaderMatcher(standards)
        if ablation == "no_content":
            matcher.use_content = False
        score = CorpusScore(split if not ablation else f"{split} ({ablation})")
        for truth in truths:
            score.layouts += 1
            _score_layout(truth, root, standards, matcher, score, show_wrong)
        return score


def _score_layout(truth: dict, root: Path, standards: Standards, matcher: HeaderMatcher, score: CorpusScore,
                  show_wrong: bool) -> None:
    provider, quarter = truth["provider"], truth["quarter"]
    start, end = quarter_bounds(quarter)
    folder = root / truth["layout_id"] / "landing" / provider / quarter
    for file_truth in truth["files"]:
        score.files += 1
        path = folder / file_truth["name"]
        label = f"{truth['layout_id']}/{file_truth['name']}"
        score.valid_rows += file_truth["valid_rows"]
        try:
            tables = ingest_file(path.read_bytes(), file_name=path.name, sha256=sha256_file(path), provider=provider,
                                 quarter=quarter, run_id="corpus", standards=standards, confirmed=None, matcher=matcher)
        except IngestError as exc:
            score.files_rejected.append(f"{label}: {exc}")
            for table in file_truth["tables"]:
                score.columns += len(table["columns"])
            continue
        by_sheet = {result.sheet: (frame, result) for frame, result in tables}
        accepted = 0
        for table in file_truth["tables"]:
            found = by_sheet.get(table["sheet"]) or (tables[0] if len(tables) == 1 and len(file_truth["tables"]) == 1 else None)
            score.columns += len(table["columns"])
            if found is None:
                score.tables_missing.append(f"{label} [{table['sheet']}]")
                continue
            frame, result = found
            shift = _offset(table["columns"], result.columns)
            predicted = {m.index + shift: m.field for m in result.columns}
            for column in table["columns"]:
                guess = predicted.get(column["index"])
                if guess == column["target"]:
                    score.columns_right += 1
                else:
                    score.errors[(column["target"], guess)] += 1
                    if show_wrong:
                        score.wrong.append(f"{label} col {column['index']} {column['header']!r}"
                                           f"{' / ' + column['group'] if column.get('group') else ''}: "
                                           f"truth {column['target']}, got {guess}")
            if result.held:
                score.tables_held.append(f"{label} [{table['sheet']}]: {'; '.join(result.held_reasons)}")
                continue
            ok, _, _, _ = validate_submission(frame, standards, start, end)
            accepted += ok.height
        score.rows_accepted += min(accepted, file_truth["valid_rows"])
        score.rows_accepted_beyond_valid += max(0, accepted - file_truth["valid_rows"])


def _offset(truth_columns: list[dict], matches: tuple) -> int:
    """How far the reader's column positions sit from the truth's: a corpus may count a sheet's
    columns from column A when the table starts in column C. The shift that lines up most headers."""
    def text(header: str) -> str:
        return " ".join(str(header).split()).casefold()
    truth = {c["index"]: text(c["header"]) for c in truth_columns if text(c["header"])}
    seen = {m.index: text(m.header) for m in matches}
    best = max(range(-8, 9), key=lambda shift: (sum(truth.get(i + shift) == h for i, h in seen.items()), -abs(shift)))
    return best


if __name__ == "__main__":
    import sys

    from deid.standards import load_standards

    split = sys.argv[1] if len(sys.argv) > 1 else "tune"
    result = score_split(split, load_standards(), show_wrong=True)
    print("\n".join(result.lines()))
    for line in result.wrong:
        print("  WRONG", line)
    for line in result.files_rejected + result.tables_held + result.tables_missing:
        print("  ", line)
    print(json.dumps({f"{k[0]} -> {k[1]}": v for k, v in result.errors.most_common(15)}, indent=1))

