"""A count table handed to `deid protect`: margins found under their label, or computed."""
from __future__ import annotations

import hashlib
from itertools import combinations
from pathlib import Path

import polars as pl

from deid.aggregate.protect import MARGIN
from deid.errors import DisclosureError
from deid.pseudonymise import PseudonymKey, make_key

# How spreadsheets label margins, looked for when the table has none labelled as told (case as written or all one case).
MARGIN_LABELS = ("Total", "Totals", "Grand Total", "All", "Overall", "Tapeke")   # tapeke: total (Te Aka Māori Dictionary)


def seed_from_text(text: str) -> PseudonymKey:
    """A rounding seed for stand-alone use: anyone holding the text can reproduce the rounding, so keep it private."""
    if len(text) < 16:
        raise DisclosureError(f"--seed: the seed is {len(text)} characters; at least 16 are required "
                              "(anyone who guesses it can undo the random rounding)")
    return make_key(hashlib.sha256(f"deid/rounding-seed/{text}".encode()).digest())


def prepare_count_table(frame: pl.DataFrame, dims: list[str], count: str, *, source: Path, total_label: str = MARGIN,
                        add_margins: bool = False) -> pl.DataFrame:
    """The table as `protect_table` takes it: dimension columns as text, margins labelled 'All', an integer `count`.

    Args:
        total_label: how the file labels margins (for example 'Total').
        add_margins: the file holds inner cells only; every margin is computed as the sum of its cells.
    Raises:
        DisclosureError: naming the file, row and column: a count that is not a whole number >= 0, a
            cell given twice, a margin row when margins are to be added, or no margin rows at all.
    """
    problems: list[str] = []
    counts = frame.get_column(count).cast(pl.Int64, strict=False)
    bad = [i for i, (value, raw) in enumerate(zip(counts, frame.get_column(count), strict=True))
           if value is None or value < 0 or raw is None]
    if bad:
        problems.append(f"column '{count}' must hold whole-number counts of 0 or more; {len(bad)} row(s) do not "
                        f"(data rows {', '.join(str(i + 1) for i in bad[:5])})")
    table = (frame.select([pl.col(d).cast(pl.Utf8).fill_null("Not stated") for d in dims])
             .with_columns(counts.fill_null(0).alias("count")))
    if total_label != MARGIN:
        clashes = [d for d in dims if (table.get_column(d) == MARGIN).any()]
        if clashes:
            problems.append(f"column(s) {clashes} hold the value '{MARGIN}' as a category while margins are labelled "
                            f"'{total_label}'; rename that category")
        table = table.with_columns([pl.when(pl.col(d) == total_label).then(pl.lit(MARGIN)).otherwise(pl.col(d)).alias(d)
                                    for d in dims])
    is_margin = pl.any_horizontal([pl.col(d) == MARGIN for d in dims])
    margin_rows = table.with_row_index("row").filter(is_margin).get_column("row").to_list()
    if add_margins and margin_rows:
        problems.append(f"--add-margins was given but {len(margin_rows)} row(s) are already margins labelled "
                        f"'{total_label}' (data rows {', '.join(str(i + 1) for i in margin_rows[:5])}); drop them or "
                        "leave out --add-margins")
    if not add_margins and not margin_rows and len(dims) and table.height:
        # the labels spreadsheets give margins: name the one the file uses (an outsider user test's "Total" was not said)
        seen = {str(v) for d in dims for v in table.get_column(d).unique().to_list()}
        used = next((label for label in MARGIN_LABELS if label in seen or label.upper() in seen or label.lower() in seen), None)
        if used is not None:
            written = next(v for v in (used, used.upper(), used.lower()) if v in seen)
            problems.append(f"no margin rows labelled '{total_label}', but the file has '{written}' rows: if those are the "
                            f"totals, give --total-label \"{written}\"")
        else:
            problems.append(f"no margin rows: no dimension value is '{total_label}'. Give the label the file uses with "
                            "--total-label, or --add-margins to compute them (a table laid out with one column per "
                            "category needs one row per cell first: a column per dimension and one count column)")
    duplicated = table.select(dims).is_duplicated()
    if duplicated.any():
        rows = [i + 1 for i, d in enumerate(duplicated) if d]
        problems.append(f"{len(rows)} row(s) give the same cell twice (data rows {', '.join(map(str, rows[:5]))})")
    if duplicated.any() and len(dims) and table.height:
        problems.append(f"(if a dimension is left out of --dims, its categories give the same cell more than once: "
                        f"the file's columns are {', '.join(frame.columns)})")
    if problems:
        raise DisclosureError(f"{source}: " + "; ".join(problems))
    if add_margins:
        return with_margins(table, dims)
    unequal = margins_not_summing(table, dims)
    if unequal:
        raise DisclosureError(f"{source}: {len(unequal)} margin(s) are not the sum of their cells, so no table fits what "
                              f"would be published: {'; '.join(unequal[:3])}{' ...' if len(unequal) > 3 else ''}. Correct "
                              "them, add the missing cells, or give the inner cells alone with --add-margins")
    return table


def margins_not_summing(table: pl.DataFrame, dims: list[str]) -> list[str]:
    """Each margin that differs from the sum of its cells along some dimension, said with its values
    ("(Auckland, All) is 57, its cells along gender add up to 50")."""
    found = []
    for d, dim in enumerate(dims):
        others = [o for o in dims if o != dim]
        margins = table.filter(pl.col(dim) == MARGIN)
        sums = table.filter(pl.col(dim) != MARGIN).group_by(others).agg(pl.col("count").sum().alias("cells")) if others \
            else table.filter(pl.col(dim) != MARGIN).select(pl.col("count").sum().alias("cells"))
        joined = margins.join(sums, on=others, how="inner") if others else margins.with_columns(sums.get_column("cells"))
        for row in joined.filter(pl.col("count") != pl.col("cells")).sort(dims).iter_rows(named=True):
            key = ", ".join(str(row[x]) for x in dims)
            found.append(f"({key}) is {row['count']}, its cells along {dims[d]} add up to {row['cells']}")
    return found


def with_margins(inner: pl.DataFrame, dims: list[str]) -> pl.DataFrame:
    """Inner cells plus every margin (sums along each subset of dimensions), margins labelled 'All'."""
    frames = []
    for size in range(len(dims), -1, -1):
        for kept in combinations(dims, size):
            grouped = (inner.group_by(list(kept)).agg(pl.col("count").sum()) if kept
                       else inner.select(pl.col("count").sum()))
            frames.append(grouped.with_columns([pl.lit(MARGIN).alias(d) for d in dims if d not in kept])
                          .select(*dims, "count"))
    return pl.concat(frames).sort(dims)
