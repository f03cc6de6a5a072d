"""The aggregate stage: count tables with margins, protected before anything leaves."""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

import polars as pl

from deid.aggregate.linked import JointExposure, LinkedTable, joint_exposures
from deid.aggregate.protect import (
    MARGIN,
    STATUS_PRIMARY,
    STATUS_PUBLISHED,
    ProtectionResult,
    cell_identity,
    protect_magnitude_table,
    protect_table,
)
from deid.aggregate.rerelease import ReleasedCell, new_cells, released_cells, repeated_values, with_earlier_rows
from deid.agreement import SharingAgreement
from deid.io import original_name
from deid.pseudonymise import PseudonymKey
from deid.standards import Standards, TableSpec

MAORI_DIMENSIONS = {"ethnicity_group", "ethnicity_prioritised", "eth_maori", "is_maori_data"}
IWI_DIMENSIONS = {"iwi"}
NOT_STATED = "Not stated"          # a cell for people with no value of a dimension (counted under this name)
NOT_RECORDED = "Not recorded"      # shown for a code list's blank code (the provider's file has no value)
NOT_RECOGNISED = "Not recognised"  # shown for a coded dimension's blank cell: a value given that is not in the list


@dataclass(frozen=True)
class TableDecision:
    table: str
    released: bool
    reason: str


_log = logging.getLogger(__name__)
LINKED_ROUNDS = 10  # rounds of sharing suppressions between linked tables


def counted_columns(records: pl.DataFrame, standards: Standards) -> pl.DataFrame:
    """Only the columns the tables count: people, sessions, the tables' dimensions and the ethnicity flags.

    Total-response ethnicity repeats each person once per group they name; without this the names,
    addresses and case notes would be copied with them (at a million clients, gigabytes)."""
    needed = columns_counted(standards)
    return records.select([c for c in records.columns if c in needed])


def columns_counted(standards: Standards) -> frozenset[str]:
    """The record columns the aggregate stage reads: the tables' dimensions and measures, the ethnicity
    flags, and what each provider's own figures need."""
    flags = {f"eth_{item.key}" for item in standards.ethnicity.level1}
    dimensions = {d for spec in standards.disclosure.tables for d in spec.dimensions}
    return frozenset({"person_key", "sessions_attended", "provider", "outcome_status", *SESSION_COUNTING_COLUMNS, *flags,
                      *dimensions})


def with_ethnicity_groups(records: pl.DataFrame, standards: Standards) -> pl.DataFrame:
    """One row per person and level-1 ethnic group they identify with (total response)."""
    labels = {item.key: item.label for item in standards.ethnicity.level1}
    groups = [pl.when(pl.col(f"eth_{key}")).then(pl.lit(label)) for key, label in labels.items()]
    return records.with_columns(pl.concat_list(groups).list.drop_nulls().alias("ethnicity_group")).explode("ethnicity_group")


def count_with_margins(records: pl.DataFrame, dims: list[str], person_column: str = "person_key") -> pl.DataFrame:
    """Distinct people per cell for every combination of dimensions, margins as 'All'."""
    frames = []
    base = records.with_columns([pl.col(d).cast(pl.Utf8).fill_null(NOT_STATED) for d in dims])
    for size in range(len(dims), -1, -1):
        for kept in combinations(dims, size):
            grouped = (base.group_by(list(kept)).agg(pl.col(person_column).n_unique().alias("count"))
                       if kept else base.select(pl.col(person_column).n_unique().alias("count")))
            frames.append(grouped.with_columns([pl.lit(MARGIN).alias(d) for d in dims if d not in kept]).select(*dims, "count"))
    return pl.concat(frames).sort(dims)


def with_every_cell(counts: pl.DataFrame, dims: list[str]) -> pl.DataFrame:
    """A count table with a row for every combination of the categories it shows, 0 where nobody is in it.

    Without them a reader cannot tell "nobody" from "not published" and tables of two quarters or providers
    have different rows; an attacker learns nothing new (a category the table shows, missing from a row, was
    already a known zero). Zero cells are published (no one to disclose: never primary)."""
    if not dims or counts.is_empty():
        return counts
    grid = None
    for d in dims:
        values = pl.DataFrame({d: counts.get_column(d).unique().sort()})
        grid = values if grid is None else grid.join(values, how="cross")
    assert grid is not None
    completed = grid.join(counts, on=dims, how="left", nulls_equal=True).with_columns(pl.col("count").fill_null(0))
    return completed.select(counts.columns).cast(counts.schema).sort(dims)


def sum_with_margins(records: pl.DataFrame, dims: list[str], value: str, top_n: int,
                     person_column: str = "person_key") -> pl.DataFrame:
    """Sum of `value` per cell with margins, its contributing people and the share of the largest `top_n`."""
    frames = []
    base = records.with_columns(*[pl.col(d).cast(pl.Utf8).fill_null(NOT_STATED) for d in dims],
                                pl.col(value).cast(pl.Int64, strict=False).fill_null(0).alias("__value"))
    for size in range(len(dims), -1, -1):
        for kept in combinations(dims, size):
            per_person = base.group_by([*kept, person_column]).agg(pl.col("__value").sum())
            aggregated = [pl.col("__value").sum().alias("count"), (pl.col("__value") > 0).sum().alias("contributors"),
                          pl.col("__value").sort(descending=True).head(top_n).sum().alias("top")]
            grouped = per_person.group_by(list(kept)).agg(aggregated) if kept else per_person.select(aggregated)
            frames.append(grouped.with_columns([pl.lit(MARGIN).alias(d) for d in dims if d not in kept])
                          .select(*dims, "count", "contributors", "top"))
    return pl.concat(frames, how="vertical_relaxed").sort(dims)


def dimension_labels(standards: Standards) -> dict[str, dict[str, str]]:
    """Per field held as a code (standards/code_lists.yaml), what a published table shows for each value:
    the code's label, "Not recorded" for the blank code, "Not recognised" for a value not in the list.

    A table reads in one vocabulary ("Achieved", "Not recorded"), never a mix of labels and codes."""
    return {name: code_list.labels | {code_list.blank_code: NOT_RECORDED, NOT_STATED: NOT_RECOGNISED}
            for name, code_list in standards.coded_fields().items()}


def with_labels(table: pl.DataFrame, dims: list[str], labels: Mapping[str, Mapping[str, str]]) -> pl.DataFrame:
    """A protected table's coded dimensions shown as labels. Only what is shown changes: cells are counted,
    rounded and remembered by their codes, so a cell rounds and stays hidden as in earlier releases. Rows are
    sorted by what is shown, each margin ("All") first."""
    shown = [pl.col(d).replace(dict(labels[d])) for d in dims if d in labels]
    if not shown:
        return table
    order = [key for d in dims for key in (pl.col(d) != MARGIN, pl.col(d))]
    return table.with_columns(shown).sort(order, maintain_order=True)


def overlapping_dimensions(source: pl.DataFrame, dims: list[str]) -> tuple[str, ...]:
    """Dimensions along which one person falls in several cells (a family served by two providers,
    total-response ethnicity): there a margin counts them once, so it is at most the sum of its
    cells, not equal to it, and the audit must model it so."""
    if source.is_empty() or "person_key" not in source.columns:
        return tuple(d for d in dims if d == "ethnicity_group")
    spread = source.group_by("person_key").agg(pl.col(d).n_unique() for d in dims).select(pl.col(dims).max()).row(0)
    return tuple(d for d, most in zip(dims, spread, strict=True) if d == "ethnicity_group" or (most or 0) > 1)


def governance_decision(spec: TableSpec, agreement: SharingAgreement) -> TableDecision:
    """Māori and iwi-level breakdowns are released only with the approval the agreement records."""
    governance = agreement.maori_data_governance
    dims = set(spec.dimensions)
    if dims & IWI_DIMENSIONS and not governance.iwi_breakdowns_approved:
        return TableDecision(spec.name, False, f"withheld: iwi-level breakdown needs approval from {governance.approver}")
    if dims & MAORI_DIMENSIONS and not governance.maori_breakdowns_approved:
        return TableDecision(spec.name, False, f"withheld: Māori breakdown needs approval from {governance.approver}")
    uncovered = governance.uncovered(agreement.parties.provider_ids)
    if dims & (MAORI_DIMENSIONS | IWI_DIMENSIONS) and uncovered:
        kind = "iwi-level breakdown" if dims & IWI_DIMENSIONS else "Māori breakdown"
        return TableDecision(spec.name, False, f"withheld: {kind} not approved for {', '.join(uncovered)} (the approval, "
                                               f"{governance.approval_reference}, covers the providers it was granted for); "
                                               f"{governance.approver} extends it in maori_data_governance.approved_for")
    if dims & MAORI_DIMENSIONS:
        return TableDecision(spec.name, True, f"Māori breakdown approved ({governance.approval_reference})")
    return TableDecision(spec.name, True, "no Māori or iwi breakdown")


def release_scope(spec: TableSpec, quarter: str) -> str:
    """Which earlier releases of a table hold the same cells as this one.

    A table with a quarter dimension repeats earlier quarters' cells in every release, so its
    cells are the same in all of them ("*"); any other table describes one quarter, and only a
    re-run for that quarter repeats its cells.
    """
    return "*" if "quarter" in spec.dimensions else quarter


def build_protected_tables(
    records: pl.DataFrame, standards: Standards, agreement: SharingAgreement, seed: PseudonymKey, run_id: str, quarter: str,
    earlier_hidden: Mapping[str, frozenset[str]] | None = None,
    earlier_published: Mapping[str, frozenset[str]] | None = None,
    earlier_cells: Mapping[str, Mapping[str, ReleasedCell]] | None = None,
) -> tuple[dict[str, pl.DataFrame], list[ProtectionResult], list[TableDecision]]:
    """Every configured table, counted, governed and protected, as one linked set.

    Tables published together share cells (a provider's total appears in every table by
    provider). A cell suppressed in one table is suppressed in every other table holding it,
    and those tables are protected and audited again, until no table publishes a cell
    another hides. A cell hidden in an earlier release of the same table (`earlier_hidden`, by
    table name, for the same `release_scope`) stays hidden, or comparing the two releases
    would give it away. A cell an earlier release published (`earlier_published`, the same way)
    is known to everyone: no protection relies on it, so a table repeated across quarters is
    protected as one linked set. `earlier_cells` (by table name, the same way: what the latest earlier
    release showed of each cell) makes a release comparable with an earlier one without giving away the few
    people who changed (`deid.aggregate.rerelease`); each result's `ledger` is what to remember of this one.
    """
    earlier_hidden = earlier_hidden or {}
    earlier_published = earlier_published or {}
    earlier_cells = earlier_cells or {}
    rules = standards.disclosure
    records = counted_sessions(counted_columns(records, standards))
    expanded = with_ethnicity_groups(records, standards)
    decisions: list[TableDecision] = []
    counted: dict[str, tuple[TableSpec, pl.DataFrame]] = {}
    for spec in rules.tables:
        decision = governance_decision(spec, agreement)
        decisions.append(decision)
        if decision.released:
            source = expanded if "ethnicity_group" in spec.dimensions else records
            if spec.measure == "sessions":   # people with no sessions recorded (no such column) are not 0 sessions: left out
                counted[spec.name] = (spec, sum_with_margins(source.filter(pl.col("sessions_attended").is_not_null()),
                                                             list(spec.dimensions), "sessions_attended",
                                                             rules.magnitude.dominance_top))
            else:
                counted[spec.name] = (spec, with_every_cell(count_with_margins(source, list(spec.dimensions)),
                                                            list(spec.dimensions)))
    repeated: dict[str, dict[str, int]] = {}
    for name, (spec, counts) in counted.items():
        before = earlier_cells.get(name, {})
        dims = list(spec.dimensions)
        present = _identities(counts, spec)
        listed = with_earlier_rows(counts, dims, present, before)
        identities = present if listed.height == counts.height else _identities(listed, spec)   # (rows added back)
        counted[name] = (spec, listed)
        people = listed.get_column("contributors" if spec.measure == "sessions" else "count").to_list()
        threshold = rules.magnitude.min_contributors if spec.measure == "sessions" else rules.primary_suppression["min_count"]
        repeated[name] = repeated_values(identities, people, before, threshold)
    shown_again = frozenset().union(*(r.keys() for r in repeated.values()))
    hidden: frozenset[str] = frozenset()
    protected: dict[str, tuple[pl.DataFrame, ProtectionResult]] = {}
    for _ in range(LINKED_ROUNDS):
        for name, (spec, counts) in counted.items():
            if name in protected and not (hidden - protected[name][1].hidden_identities):
                continue
            if spec.measure == "sessions":
                protected[name] = protect_magnitude_table(
                    counts, list(spec.dimensions), measure=spec.measure, table=spec.name, rules=rules.magnitude,
                    secondary=rules.secondary_suppression["enabled"], exact_max_cells=rules.audit.exact_max_cells,
                    hidden_elsewhere=(hidden | earlier_hidden.get(name, frozenset())) - shown_again,
                    repeated=repeated[name])
                continue
            protected[name] = protect_table(
                counts, list(spec.dimensions), measure=spec.measure, table=spec.name, seed=seed,
                method=rules.rounding["method"], min_count=rules.primary_suppression["min_count"],
                secondary=rules.secondary_suppression["enabled"], protection_level=rules.audit.protection_level,
                exact_max_cells=rules.audit.exact_max_cells,
                non_additive=overlapping_dimensions(expanded if "ethnicity_group" in spec.dimensions else records,
                                                    list(spec.dimensions)),
                hidden_elsewhere=(hidden | earlier_hidden.get(name, frozenset())) - shown_again,
                published_elsewhere=earlier_published.get(name, frozenset()) | shown_again,
                repeated=repeated[name],
            )
        now_hidden = frozenset().union(*(result.hidden_identities for _, result in protected.values()))
        if now_hidden == hidden:
            # each table is safe on its own: now every count table of the release read together
            extra = frozenset(e.hide for e in jointly_exposed(counted, protected, records, expanded, standards) if e.hide)
            if not extra - now_hidden:
                break
            now_hidden = now_hidden | extra
        hidden = now_hidden
    tables: dict[str, pl.DataFrame] = {}
    results: list[ProtectionResult] = []
    labels = dimension_labels(standards)
    for index, spec in enumerate(rules.tables):
        if spec.name not in protected:
            continue
        table, result = protected[spec.name]
        result = _with_ledger(result, table, *counted[spec.name], repeated[spec.name], earlier_cells.get(spec.name, {}),
                              quarter)
        results.append(result)
        if not result.releasable:
            decisions[index] = TableDecision(spec.name, False, f"withheld: the suppression audit failed ({result.audit})")
            continue
        tables[spec.name] = with_labels(table, list(spec.dimensions), labels).with_columns(
            pl.lit(run_id).alias("run_id"),
            # the release's quarter, unless the table is by quarter (its own column then says each cell's quarter)
            *([] if "quarter" in spec.dimensions else [pl.lit(quarter).alias("quarter")]))
    return tables, results, decisions


def _identities(counts: pl.DataFrame, spec: TableSpec) -> list[str]:
    dims = list(spec.dimensions)
    return [cell_identity(spec.measure, dict(zip(dims, key, strict=True))) for key in counts.select(dims).rows()]


def _with_ledger(result: ProtectionResult, table: pl.DataFrame, spec: TableSpec, counts: pl.DataFrame,
                 repeated: Mapping[str, int], earlier: Mapping[str, ReleasedCell], quarter: str) -> ProtectionResult:
    """The result with what the secure zone remembers of each cell, and how many repeat an earlier release
    (this quarter's own cells of a table by quarter are new by nature, not counted as new)."""
    dims = list(spec.dimensions)
    truth = counts.select(*dims, pl.col("count").alias("__value"),
                          pl.col("contributors" if spec.measure == "sessions" else "count").alias("__people"))
    joined = truth.join(table.select(*dims, pl.col("count").alias("__shown")), on=dims, how="left", nulls_equal=True)
    cells = [tuple(str(v) for v in key) for key in joined.select(dims).rows()]
    identities = _identities(joined, spec)
    values = [int(v) for v in joined.get_column("__value").to_list()]
    ledger = released_cells(identities, cells, values, [int(v) for v in joined.get_column("__people").to_list()],
                            joined.get_column("__shown").to_list(), repeated, earlier)
    this_quarter = (joined.get_column("quarter") == quarter).to_list() if "quarter" in dims else [False] * len(values)
    earlier_quarters = [(i, v) for i, v, own in zip(identities, values, this_quarter, strict=True) if not own]
    return dataclasses.replace(result, ledger=ledger, repeated=len(repeated),
                               new_cells=new_cells([i for i, _ in earlier_quarters], [v for _, v in earlier_quarters], earlier))


def jointly_exposed(counted: Mapping[str, tuple[TableSpec, pl.DataFrame]],
                    protected: Mapping[str, tuple[pl.DataFrame, ProtectionResult]], records: pl.DataFrame,
                    expanded: pl.DataFrame, standards: Standards) -> list[JointExposure]:
    """Primary cells the release's releasable count tables pin only when read together (`deid.aggregate.linked`),
    each measure's tables as one set."""
    rules = standards.disclosure
    by_measure: dict[str, list[LinkedTable]] = {}
    for name, (spec, counts) in counted.items():
        if spec.measure == "sessions" or name not in protected or not protected[name][1].releasable:
            continue
        dims = list(spec.dimensions)
        table = protected[name][0]
        truth = {tuple(str(v) for v in row[:-1]): int(row[-1]) for row in counts.select(*dims, "count").iter_rows()}
        keys = [tuple(str(v) for v in row) for row in table.select(dims).rows()]
        status = table.get_column("status").to_list()
        source = expanded if "ethnicity_group" in dims else records
        by_measure.setdefault(spec.measure, []).append(LinkedTable(
            name, tuple(dims), tuple(keys),
            tuple(cell_identity(spec.measure, dict(zip(dims, key, strict=True))) for key in keys),
            tuple(truth[key] for key in keys), tuple(s == STATUS_PRIMARY for s in status),
            tuple(s != STATUS_PUBLISHED for s in status), tuple(overlapping_dimensions(source, dims))))
    exposures: list[JointExposure] = []
    for tables in by_measure.values():
        exposures += joint_exposures(tables, rules.primary_suppression["min_count"], rules.audit.protection_level)
    if exposures:
        _log.info("tables read together pin %d primary cell(s); hiding %d more cell(s)", len(exposures),
                  len({e.hide for e in exposures if e.hide}))
    return exposures


def provider_own_figures(records: pl.DataFrame) -> pl.DataFrame:
    """People and sessions per provider and outcome code: each provider's own figures for its feedback.

    `people_with_sessions` counts the people whose sessions are recorded, so a provider whose file has no
    sessions column is told its sessions are not recorded rather than 0, and an average is taken over them.
    Sessions are those `counted_sessions` counts; `sessions_note` (the same on each of a provider's rows, or null)
    tells the provider how its rows were counted (`sessions_notes`)."""
    counted = counted_sessions(records)
    recorded = pl.col("sessions_attended").is_not_null()
    figures = (counted.group_by("provider", "outcome_status")
               .agg(pl.col("person_key").n_unique().alias("people"), pl.col("sessions_attended").fill_null(0).sum().alias("sessions"),
                    pl.col("person_key").filter(recorded).n_unique().alias("people_with_sessions"))
               .sort("provider", "outcome_status"))
    notes = sessions_notes(counted)
    return figures.with_columns(pl.col("provider").replace_strict(notes, default=None, return_dtype=pl.Utf8).alias("sessions_note"))


# --- how sessions are counted ---------------------------------------------------------------
#
# A person's sessions at a provider in a quarter are counted once, by programme, however many rows give them:
# - a file with no sessions count on any row, in which a person appears on rows of different service dates, is
#   one row per session: each of its rows is one session (a person's sessions are their rows); so is such a file
#   whose rows say whether the client came ('Attended' is 1, 'DNA' 0: fields.yaml `word_codes`), or give 1 or 0:
#   there a row is one session when it says so, and a 'did not attend' row is none;
# - otherwise each row gives the person's sessions for the quarter (the data standard's `sessions_attended`), so
#   rows the pseudonymisation takes as one person (an NHI typo, a name in other case, an initial) repeat that count
#   rather than add to it: the largest count given is the person's sessions in that programme. Rows of different
#   programmes are different services and are added.
# Across a provider's files (parts) the same holds: each file of counts makes one claim of the person's sessions
# in the quarter (its largest count), the rows of its one-row-per-session files together another (their number:
# the sessions of one file and of another are different sessions), and the largest claim is kept.
# Rows not kept hold 0, not null: their sessions are recorded, and counted in the kept row.

SESSION_COUNTING_COLUMNS = ("submission_id", "source_file", "source_row", "service_date", "programme")
PER_SESSION = "__one_row_per_session"
SHOWN_GROUPS = 10


def counted_sessions(records: pl.DataFrame) -> pl.DataFrame:
    """`records` with `sessions_attended` as counted (see above) and `__one_row_per_session` per row."""
    if "sessions_attended" not in records.columns or "person_key" not in records.columns:
        return records.with_columns(pl.lit(False).alias(PER_SESSION))
    present = set(records.columns)
    filled = {name: pl.lit(None, dtype=pl.Utf8).alias(name)
              for name in ("submission_id", "programme", "source_file", "service_date") if name not in present}
    frame = records.with_columns(**filled).with_columns(
        pl.int_range(pl.len()).alias("__order"),
        pl.col("sessions_attended").cast(pl.Int64, strict=False).alias("__count"))
    if "source_row" not in present:
        frame = frame.with_columns((pl.col("__order") + 1).alias("source_row"))
    dates = pl.col("service_date").drop_nulls().n_unique().over("submission_id", "person_key").alias("__dates")
    flags = pl.col("__count").is_null().all() | pl.col("__count").drop_nulls().is_in([0, 1]).all()   # none, or 1/0 per row
    frame = frame.with_columns(dates).with_columns(
        (flags & (pl.col("__dates") > 1).any()).over("submission_id").alias(PER_SESSION))
    frame = frame.with_columns(pl.when(pl.col(PER_SESSION)).then(pl.col("__count").fill_null(1)).otherwise(pl.col("__count"))
                               .alias("__count"))
    unit = ["provider", "person_key", "programme"]
    # Who claims a count: each file of counts (numbered as they come), and every one-row-per-session row together (0).
    files = frame.get_column("submission_id").fill_null("-").unique(maintain_order=True)
    numbered = pl.col("submission_id").fill_null("-").replace_strict(files, pl.int_range(1, files.len() + 1, eager=True),
                                                                      return_dtype=pl.Int64)
    frame = frame.with_columns(numbered.alias("__claimant")).with_columns(   # numbered first: polars 2.1 fails it in when()
        pl.when(pl.col(PER_SESSION)).then(pl.lit(0, dtype=pl.Int64)).otherwise(pl.col("__claimant")).alias("__claimant"))
    frame = frame.with_columns(pl.col("__count").sum().over(*unit, "__claimant").alias("__sum"),
                               pl.col("__count").max().over(*unit, "__claimant").alias("__max"))
    frame = frame.with_columns(pl.when(pl.col(PER_SESSION)).then(pl.col("__sum")).otherwise(pl.col("__max")).alias("__claim"))
    # The kept claim: the largest, sessions rows then the earliest file on a tie; in a file of counts, its first row
    # with the largest count.
    frame = frame.with_columns(pl.col("__claim").max().over(unit).alias("__best"))
    frame = frame.with_columns(pl.when(pl.col("__claim") == pl.col("__best")).then(pl.col("__claimant"))
                               .min().over(unit).alias("__kept_claimant"))
    winning = pl.col("__claimant") == pl.col("__kept_claimant")
    frame = frame.with_columns(pl.when(winning & (pl.col("__count") == pl.col("__claim"))).then(pl.col("__order"))
                               .min().over(unit).alias("__kept_row"))
    kept = winning & (pl.col(PER_SESSION) | (pl.col("__order") == pl.col("__kept_row")))
    counted = (pl.when(pl.col("__count").is_null()).then(None).when(kept).then(pl.col("__count")).otherwise(0)
               .cast(records.schema["sessions_attended"] if records.schema["sessions_attended"].is_integer() else pl.Int64))
    added = [c for c in frame.columns if c.startswith("__") and c != PER_SESSION]
    result = frame.with_columns(counted.alias("sessions_attended")).sort("__order").drop(added)
    return result.drop([c for c in filled if c in result.columns]) if filled else result


def sessions_notes(counted: pl.DataFrame) -> dict[str, str]:
    """Per provider, what it is told about how its rows were counted as sessions, from `counted_sessions`' output:
    a file read as one row per session, and the rows of one file taken as the same person (counted once)."""
    if PER_SESSION not in counted.columns or "person_key" not in counted.columns:
        return {}
    frame = counted.with_columns(**{name: pl.lit(None, dtype=pl.Utf8).alias(name)
                                    for name in ("submission_id", "source_file") if name not in counted.columns})
    if "source_row" not in frame.columns:
        frame = frame.with_columns((pl.int_range(pl.len()) + 1).alias("source_row"))
    notes: dict[str, list[str]] = {}
    per_session = (frame.filter(pl.col(PER_SESSION))
                   .group_by("provider", "submission_id", "source_file", maintain_order=True)
                   .agg(pl.len().alias("rows"), pl.col("person_key").n_unique().alias("people"),
                        (pl.col("sessions_attended") == 0).sum().alias("absent")))
    for row in per_session.iter_rows(named=True):
        counted_rows = row["rows"] - row["absent"]
        absent = (f" ({row['absent']} more {'says' if row['absent'] == 1 else 'say'} the client did not attend: not counted)"
                  if row["absent"] else "")
        notes.setdefault(row["provider"], []).append(
            f"{_file_name(row['source_file'])} has one row per session and no sessions count: {counted_rows} rows counted as "
            f"sessions for {row['people']} {'person' if row['people'] == 1 else 'people'}{absent}")
    same = (frame.filter(~pl.col(PER_SESSION))
            .group_by("provider", "submission_id", "source_file", "person_key", maintain_order=True)
            .agg(pl.col("source_row").sort().alias("rows"), pl.col("sessions_attended").is_not_null().any().alias("counted"),
                 (pl.col("programme").drop_nulls().n_unique() > 1).alias("programmes") if "programme" in frame.columns
                 else pl.lit(False).alias("programmes"))
            .filter(pl.col("rows").list.len() > 1))
    for (provider, source_file), groups in same.group_by("provider", "source_file", maintain_order=True):
        shown = [" and ".join(str(r) for r in rows) for rows in groups.get_column("rows").to_list()[:SHOWN_GROUPS]]
        more = f" and {groups.height - SHOWN_GROUPS} more" if groups.height > SHOWN_GROUPS else ""
        sessions = ""
        if groups.get_column("counted").any():
            sessions = (" and their sessions once: the largest count on their rows, not the sum"
                        + (" (sessions in different programmes are added)" if groups.get_column("programmes").any() else ""))
        notes.setdefault(str(provider), []).append(
            f"In {_file_name(source_file)} these rows were taken as the same person: rows {'; rows '.join(shown)}{more}. "
            f"Each person is counted once{sessions}. If they are one person, combine their rows; if they are different "
            "people, check the name, date of birth and NHI on these rows, and give each a client ID of their own")
    return {provider: ". ".join(sentences) + "." for provider, sentences in notes.items()}


def _file_name(source_file: str | None) -> str:
    return original_name(source_file) if source_file else "Your file"
