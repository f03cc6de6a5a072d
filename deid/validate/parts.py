"""Checks across the parts of one provider's submission for a quarter.

A provider may send its quarter in several files (parts); two of the suite's rules are about the
quarter, not one file: "a row must not repeat an earlier row exactly" and "each client reference
should appear once per quarter". Each file is validated on its own (side by side), so these two are
checked again here over every part's accepted rows together, once per submission:

- a row that repeats a row of an earlier part exactly is set aside (quarantined under
  `row.duplicate`, as a repeat within a file is), so a corrected part sent under a new name without
  `deid submit --replace` is not counted twice;
- a client reference that another part also gives (on a row that is not a repeat) is warned under
  `client_ref.unique` in both parts, as a reference repeated within a file is, unless every row giving it is a
  session of a one-row-per-session part on a date of its own (`_session_rows`).

Parts are compared in the order given (the order they arrived): the earlier copy of a row is kept.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import polars as pl

from deid.ingest.ingest import is_derived_reference
from deid.ingest.readers import SOURCE_ROW
from deid.io import original_name
from deid.standardise.dates import parse_dates
from deid.standards import Standards
from deid.validate.rules import SESSION_COUNT, SESSION_DATE
from deid.validate.validate import Finding, detailed_issues

DUPLICATE_RULE = "row.duplicate"
SHARED_REFERENCE_RULE = "client_ref.unique"
SHOWN_ROWS = 10


@dataclass(frozen=True)
class PartRows:
    """One validated part: its accepted rows, quarantined and warned rows (with values), and findings."""

    file_name: str
    accepted: pl.DataFrame
    quarantine: pl.DataFrame
    warnings: pl.DataFrame
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class PartChecked:
    """A part after the checks across parts: its rows and findings as they now stand, and what to tell the provider."""

    part: PartRows
    rows_set_aside: int            # rows that repeat an earlier part's rows (moved from accepted to quarantined)
    rows_warned: int               # rows with warnings (any rule) after the check
    note: str | None               # one sentence per other part this one shares rows or references with


def check_across_parts(parts: Sequence[PartRows], standards: Standards) -> list[PartChecked]:
    """The duplicate-row and client-reference rules over every part together (see the module's docstring).

    Every row stays accounted for: a row set aside leaves `accepted` and joins `quarantine`.
    """
    fields = list(standards.fields.names)
    unchanged = [PartChecked(p, 0, p.warnings.get_column(SOURCE_ROW).n_unique(), None) for p in parts]
    if len(parts) < 2:
        return unchanged
    rows = pl.concat([p.accepted.select(*fields, SOURCE_ROW).with_columns(pl.lit(i, dtype=pl.Int64).alias("__part"))
                      for i, p in enumerate(parts)], how="vertical_relaxed")
    first_part = pl.col("__part").min().over(pl.struct(fields))
    rows = rows.with_columns(first_part.alias("__first_part"))
    repeated = rows.filter(pl.col("__first_part") < pl.col("__part"))
    kept = rows.filter(pl.col("__first_part") == pl.col("__part"))
    ref = pl.col("client_ref")
    shared = (kept.with_columns(_session_rows(kept, standards).alias("__session"))
              .filter(ref.is_not_null() & ~is_derived_reference(ref))
              .with_columns(pl.col("__part").unique().implode().over("client_ref").alias("__parts"),
                            pl.col("__session").all().over("client_ref").alias("__sessions_only"))
              .filter((pl.col("__parts").list.len() > 1) & ~pl.col("__sessions_only")))
    if not repeated.height and not shared.height:
        return unchanged
    names = [original_name(p.file_name) for p in parts]
    checked = []
    for i, part in enumerate(parts):
        mine = repeated.filter(pl.col("__part") == i)
        mine_shared = shared.filter(pl.col("__part") == i)
        set_aside = sorted(mine.get_column(SOURCE_ROW).to_list())
        warned = sorted(mine_shared.get_column(SOURCE_ROW).to_list())
        if not set_aside and not warned:
            checked.append(unchanged[i])
            continue
        repeats_of = sorted(set(mine.get_column("__first_part").to_list()))
        refs_in = sorted({j for parts_ in mine_shared.get_column("__parts").to_list() for j in parts_ if j != i})
        earlier = [names[j] for j in sorted({*repeats_of, *refs_in}) if j < i]
        later = [names[j] for j in refs_in if j > i]
        checked.append(_set_aside(part, standards, set_aside, warned, ([names[j] for j in repeats_of], [names[j] for j in refs_in]),
                                  (earlier, later), names[i]))
    return checked


def _session_rows(kept: pl.DataFrame, standards: Standards) -> pl.Series:
    """Whether each row is one session of a one-row-per-session part: its part gives no sessions count and has a
    reference on rows of different service dates (as `rules.client_reference_once` reads a file), and no other row of
    any part gives its reference on its date. A reference whose rows are all sessions may be in several parts (the
    quarter's sessions sent in two files): it is not warned, and its rows are counted as sessions."""
    if not {SESSION_COUNT, SESSION_DATE} <= set(kept.columns):
        return pl.Series([False] * kept.height, dtype=pl.Boolean)
    dated = kept.with_columns(parse_dates(kept.get_column(SESSION_DATE).cast(pl.Utf8), standards.dates).alias("__date"))
    no_counts = (pl.col(SESSION_COUNT).cast(pl.Utf8).str.replace_all(r"[,\s]", "").cast(pl.Int64, strict=False)
                 .is_null().all().over("__part"))
    dated = dated.with_columns(pl.col("__date").drop_nulls().n_unique().over("__part", "client_ref").alias("__dates"))
    per_session_part = no_counts & (pl.col("__dates") > 1).any().over("__part")
    own_date = pl.col("__date").is_not_null() & (pl.len().over("client_ref", "__date") == 1)
    return dated.select((per_session_part & own_date).alias("__session")).to_series()


def _set_aside(part: PartRows, standards: Standards, set_aside: list[int], warned: list[int],
               shared_with: tuple[list[str], list[str]], arrived: tuple[list[str], list[str]], name: str) -> PartChecked:
    """One part with its repeated rows quarantined and its shared references warned, its findings and note to match.

    `shared_with`: the parts this one repeats rows of, and the parts that give its references; `arrived`: of those,
    the ones that arrived before it and after it (what to do depends on which corrects which). A row already warned
    for a repeated reference within its own file is not warned twice."""
    repeats_of, refs_in = shared_with
    earlier, later = arrived
    already_warned = set(part.warnings.filter(pl.col("rule") == SHARED_REFERENCE_RULE).get_column(SOURCE_ROW).to_list())
    newly_warned = [row for row in warned if row not in already_warned]
    issues = pl.DataFrame(
        {SOURCE_ROW: [*set_aside, *newly_warned],
         "column": ["(whole row)"] * len(set_aside) + ["client_ref"] * len(newly_warned),
         "rule": [DUPLICATE_RULE] * len(set_aside) + [SHARED_REFERENCE_RULE] * len(newly_warned),
         "severity": ["blocking"] * len(set_aside) + ["warning"] * len(newly_warned)},
        schema={SOURCE_ROW: pl.Int64, "column": pl.Utf8, "rule": pl.Utf8, "severity": pl.Utf8})
    detailed = detailed_issues(part.accepted, issues, standards)
    quarantine = pl.concat([part.quarantine, detailed.filter(pl.col("severity") == "blocking")])
    warnings = pl.concat([part.warnings, detailed.filter(pl.col("severity") == "warning")])
    accepted = part.accepted.filter(~pl.col(SOURCE_ROW).is_in(set_aside)) if set_aside else part.accepted
    sentences = []
    if set_aside:
        sentences.append(f"{name}: {_count(len(set_aside), 'row repeats', 'rows repeat')} rows of {', '.join(repeats_of)} "
                         f"exactly and {'was' if len(set_aside) == 1 else 'were'} set aside, so each is counted once "
                         f"({_rows(set_aside)})")
    if warned:
        sentences.append(f"{name}: {_count(len(warned), 'client reference also appears', 'client references also appear')} "
                         f"in {', '.join(refs_in)} ({_rows(warned)})")
    if earlier:
        what_to_do = (f"If {name} corrects {', '.join(earlier)}, send it again under the name {earlier[0]} (it then replaces "
                      "that file), or send every part again, the first with `deid submit --replace`; if it is a new part, "
                      "leave out the rows the other part already has")
    else:
        what_to_do = (f"If {later[0]} corrects {name}, send {later[0]} again under the name {name} (it then replaces this "
                      "file), or send every part again, the first with `deid submit --replace`; if it is a new part, leave "
                      "out the rows this file already has")
    sentences.append(what_to_do[0].lower() + what_to_do[1:])
    cross_part = {DUPLICATE_RULE: (set_aside, f"These rows repeat rows of {', '.join(repeats_of)} exactly."),
                  SHARED_REFERENCE_RULE: (newly_warned, f"These references also appear in {', '.join(refs_in)}.")}
    findings = tuple(_with_rows(f, *cross_part[f.rule_id], what_to_do) if f.rule_id in cross_part and cross_part[f.rule_id][0]
                     else f for f in part.findings)
    updated = replace(part, accepted=accepted, quarantine=quarantine, warnings=warnings, findings=findings)
    return PartChecked(updated, len(set_aside), warnings.get_column(SOURCE_ROW).n_unique(), "; ".join(sentences))


def _with_rows(finding: Finding, rows: list[int], why: str, what_to_do: str) -> Finding:
    """A finding with rows failed across parts added, and its fix saying which other file and what to do."""
    all_rows = sorted({*finding.first_rows, *rows})
    return replace(finding, success=False, failing_rows=finding.failing_rows + len(rows),
                   first_rows=tuple(all_rows[:SHOWN_ROWS]),
                   fix=f"{finding.fix} {why} {what_to_do}.")


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _rows(numbers: list[int]) -> str:
    text = ("row " if len(numbers) == 1 else "rows ") + ", ".join(str(n) for n in numbers[:SHOWN_ROWS])
    return text + (f" and {len(numbers) - SHOWN_ROWS} more" if len(numbers) > SHOWN_ROWS else "")
