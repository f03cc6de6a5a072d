"""The ingest stage: one provider file -> standard columns with lineage, and what happened.

A file holds one table, or one per data sheet of a workbook; each table becomes a part of
the provider's submission with its own row numbers. Columns are matched to the standard
(`mapping.py`), split shapes are joined (an address over several columns, Ethnicity 1..6),
and fields a provider does not keep are derived where the standards say how (a client
reference from identity, a service date from the start date or the quarter). A table whose
mapping is uncertain, or that lacks a column nothing can stand in for, is held for a
steward instead of being rejected: its rows are counted, and none is lost. Text garbled by a wrong
encoding is repaired as the file is read (`mojibake.py`, said in `notices`), and rows that are not
clients (a totals row, a sign-off) are marked for validation to set aside (`nondata.py`).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass, field, replace

import polars as pl

from deid.ingest.config import ProviderMapping
from deid.ingest.mapping import (
    KNOWN_HEADER_SCORE,
    ColumnMapping,
    ColumnMatch,
    HeaderMatcher,
    SilentColumn,
    ethnicity_field_words,
    ethnicity_labels,
    map_columns,
    mask_value,
    silent_columns,
    tick_box_group,
)
from deid.ingest.mojibake import repair_notice
from deid.ingest.nondata import mark_non_data_rows
from deid.ingest.profile import SCALE_PATTERN, ContentProfiler, column_summary, day_first_seen, month_first_sample
from deid.ingest.readers import SOURCE_ROW, SOURCE_SHAPE, RawTable, apply_codebooks, read_tables
from deid.standardise.codes import code_lookup
from deid.standardise.dates import (
    in_the_quarters_year,
    month_first_as_iso,
    parse_dates,
    with_the_year,
    without_year,
    written_month_first,
)
from deid.standardise.identifiers import nhi_valid_series, normalise_nhi
from deid.standards import Standards, fold, quarter_bounds

LINEAGE_COLUMNS = ("run_id", "provider", "quarter", "submission_id", "source_file", SOURCE_ROW)
DERIVED_REFERENCE_PREFIX = "D-"
DERIVED_REFERENCE_PATTERN = r"^D-[0-9A-F]{12}$"   # what `derive_client_refs` writes
CONSENT_LIST = "consent"   # the code list of consent answers: a field coded with it records a client's consent


@dataclass(frozen=True)
class IngestResult:
    submission_id: str
    provider: str
    quarter: str
    file_name: str
    sha256: str
    reader: str
    encoding: str | None
    delimiter: str | None
    header_row: int
    rows_received: int
    columns: tuple[ColumnMatch, ...]
    dropped_columns: tuple[str, ...]
    ragged_rows: tuple[int, ...]
    single_byte_lines: tuple[int, ...]
    sheet: str | None = None
    held_reasons: tuple[str, ...] = ()             # why a steward must confirm the mapping first
    derived: tuple[tuple[str, str], ...] = ()      # (field, how its values were derived)
    header_changes: tuple[str, ...] = ()           # differences from the provider's confirmed mapping
    examples: dict[int, tuple[str, ...]] = field(default_factory=dict)  # masked values of columns a steward should look at
    repaired_cells: dict[str, int] = field(default_factory=dict)  # provider header -> cells whose garbled letters were repaired
    notices: tuple[str, ...] = ()                  # what the provider is told about reading the file (text repaired...)

    @property
    def held(self) -> bool:
        return bool(self.held_reasons)


def submission_id_for(provider: str, quarter: str, sha256: str, part: int = 0) -> str:
    """A file's id; a workbook's second and later data sheets are parts `#2`, `#3`..."""
    base = f"{provider}/{quarter}/{sha256[:12]}"
    return f"{base}#{part + 1}" if part else base


def ingest_file(
    data: bytes,
    *,
    file_name: str,
    sha256: str,
    provider: str,
    quarter: str,
    run_id: str,
    standards: Standards,
    confirmed: ProviderMapping | None,
    reference_key: bytes | None = None,
    matcher: HeaderMatcher | None = None,
) -> list[tuple[pl.DataFrame, IngestResult]]:
    """Read a submission file into standard columns, one entry per table it holds.

    Args:
        reference_key: key for derived client references (a keyed hash of identity); without
            one the hash is unkeyed, which is only fit for tests and the CLI.

    Raises:
        IngestError: the file cannot be read at all (empty, binary, broken workbook...).
    """
    matcher = matcher or HeaderMatcher(standards)
    hint = set(matcher.header_hint) | {fold(h) for h in (confirmed.columns if confirmed else {})}
    tables = apply_codebooks(read_tables(data, file_name, header_hint=hint, sheet=confirmed.sheet if confirmed else None))
    tables = [replace(t, frame=mark_non_data_rows(t.frame, standards)) for t in tables]   # totals rows, sign-offs
    del data  # a caller passing the file's bytes inline lets a large file go before its columns are copied
    start, end = quarter_bounds(quarter)
    profiler = ContentProfiler.for_quarter(standards, start, end)
    parts = [(raw, map_columns(raw.frame, standards, confirmed, profiler, matcher, groups=raw.groups)) for raw in tables]
    if len(parts) > 1:  # sheets that hold no person (a code list, a summary) are not client tables
        parts = [p for p in parts if _names_a_person(p[1], standards)
                 or _may_name_a_person(p[0], p[1], standards, profiler, matcher)] or parts[:1]
    return [_standard_table(raw, mapping, index, file_name=file_name, sha256=sha256, provider=provider, quarter=quarter,
                            quarter_start=start, quarter_end=end, run_id=run_id, standards=standards, confirmed=confirmed,
                            reference_key=reference_key, profiler=profiler, matcher=matcher, several=len(parts) > 1)
            for index, (raw, mapping) in enumerate(parts)]


def _names_a_person(mapping: ColumnMapping, standards: Standards) -> bool:
    """Whether a table has a column for a field that identifies a person (the standard's any-of groups)."""
    identity = {name for group in standards.fields.any_of for name in group.fields}
    return bool(identity & set(mapping.mapped.values()))


def _may_name_a_person(raw: RawTable, mapping: ColumnMapping, standards: Standards, profiler: ContentProfiler,
                       matcher: HeaderMatcher) -> bool:
    """Whether a table's columns whose headings say nothing hold what identifies a person (names, NHIs):
    a client sheet headed 'Pātai 1', 'Pātai 2' ... is held for a steward, not passed over as a code list."""
    identity = tuple(dict.fromkeys(name for group in standards.fields.any_of for name in group.fields))
    return any(column.fits for column in silent_columns(raw.frame, mapping, identity, profiler, matcher))


def _standard_table(raw: RawTable, mapping: ColumnMapping, part: int, *, file_name: str, sha256: str, provider: str,
                    quarter: str, quarter_start: dt.date, quarter_end: dt.date, run_id: str, standards: Standards,
                    confirmed: ProviderMapping | None, reference_key: bytes | None, profiler: ContentProfiler,
                    matcher: HeaderMatcher, several: bool = False) -> tuple[pl.DataFrame, IngestResult]:
    submission_id = submission_id_for(provider, quarter, sha256, part)
    # every sheet of a workbook with several client sheets is named, the first too ("book.xlsx [Auckland clients]")
    source_file = f"{file_name} [{raw.sheet}]" if raw.sheet and (part or several) else file_name
    columns, derived, readings = compose_fields(raw.frame, mapping, standards, quarter_start, quarter_end)
    readings |= {h: "codes read with the workbook's own codebook sheet" for h in raw.decoded if h not in readings}
    frame = raw.frame.select(
        pl.lit(run_id).alias("run_id"),
        pl.lit(provider).alias("provider"),
        pl.lit(quarter).alias("quarter"),
        pl.lit(submission_id).alias("submission_id"),
        pl.lit(source_file).alias("source_file"),
        pl.col(SOURCE_ROW),
        pl.col(SOURCE_SHAPE),
        *[expr.alias(name) for name, expr in columns.items()],
    )
    if "client_ref" in derived:
        frame = frame.with_columns(derive_client_refs(frame, provider, standards, reference_key))
    present = {m.field for m in mapping.matches if m.field}
    present |= {part.part_of for part in standards.fields.parts if part.name in present}
    wanted = wanted_fields(standards, present)
    silent = silent_columns(raw.frame, mapping, tuple(name for group in wanted for name in group), profiler, matcher)
    summaries = {c.index: column_summary(raw.frame.get_column(mapping.matches[c.index].header), c.profile)
                 for c in silent} if any(c.fits for c in silent) else {}
    held = held_reasons(mapping, standards, present, derived) + silent_reasons(silent, summaries, wanted, derived, standards)
    held += other_quarter_reasons(raw.frame, mapping, matcher, standards, quarter, quarter_start, quarter_end, confirmed)
    result = IngestResult(
        submission_id=submission_id, provider=provider, quarter=quarter, file_name=source_file, sha256=sha256,
        reader=raw.reader, encoding=raw.encoding, delimiter=raw.delimiter, header_row=raw.header_row,
        rows_received=frame.height,
        columns=tuple(replace(m, evidence=f"{m.evidence}; {readings[m.header]}") if m.header in readings else m
                      for m in mapping.matches),
        dropped_columns=tuple(h for h in mapping.dropped if not readings.get(h, "").startswith(REGISTER_READING)),
        ragged_rows=raw.ragged_rows, single_byte_lines=raw.single_byte_lines, sheet=raw.sheet,
        held_reasons=held, derived=tuple(sorted(derived.items())),
        header_changes=header_changes(mapping, confirmed),
        examples={m.index: tuple(mask_value(v) for v in raw.frame.get_column(m.header).drop_nulls().head(3).to_list())
                  for m in mapping.matches if m.uncertain or m.method == "content"},
        repaired_cells=dict(raw.repairs.cells) if raw.repairs else {},
        notices=tuple(n for n in [repair_notice(raw.repairs, _names_for_messages(mapping)) if raw.repairs else None,
                                  hidden_notice(raw.hidden, _names_for_messages(mapping))] if n),
    )
    return frame.select(*LINEAGE_COLUMNS, SOURCE_SHAPE, *standards.fields.names), result


def hidden_notice(hidden: tuple[str, ...], names: dict[str, str]) -> str | None:
    """What the provider is told of columns their workbook hides: they were read (and sent) all the same."""
    if not hidden:
        return None
    shown = ", ".join(names.get(h, h) for h in hidden)
    return (f"{len(hidden)} hidden column(s) in the workbook were read like the others: {shown}. Unhide them to check "
            "what they hold, and delete any that should not be sent")


def _names_for_messages(mapping: ColumnMapping) -> dict[str, str]:
    """Header -> how a message may name the column: as headed when the header reads as a field name,
    else by position (any other header may hold anything, a name from a cover sheet)."""
    return {m.header: m.header if m.header_known else f"column {m.index + 1}" for m in mapping.matches}


def compose_fields(frame: pl.DataFrame, mapping: ColumnMapping, standards: Standards, quarter_start: dt.date,
                   quarter_end: dt.date) -> tuple[dict[str, pl.Expr], dict[str, str], dict[str, str]]:
    """An expression per standard field (joining split columns), the fields derived, and how a
    column's values were read when not as usual (header -> note for the steward)."""
    by_target: dict[str, list[str]] = {}
    for match in mapping.matches:
        if match.field:
            by_target.setdefault(match.field, []).append(match.header)
    parts_of: dict[str, list[str]] = {}
    for part in standards.fields.parts:
        parts_of.setdefault(part.part_of, []).extend(by_target.get(part.name, []))

    def text(header: str) -> pl.Expr:
        return pl.col(header).str.strip_chars()

    columns: dict[str, pl.Expr] = {}
    derived: dict[str, str] = {}
    readings: dict[str, str] = {}
    for spec in standards.fields.fields:
        headers = by_target.get(spec.name, [])
        pieces = parts_of.get(spec.name, [])
        if pieces:
            joined = [text(h) for h in headers + pieces]
            columns[spec.name] = _nonempty(pl.concat_str(joined, separator=", ", ignore_nulls=True))
        elif len(headers) > 1 or (len(headers) == 1 and spec.profile == "ethnicity"):   # one 'Māori' Yes/No column too
            values = [text(h) for h in headers]
            if spec.profile == "ethnicity":
                values = [ticked_as_group(v, h, standards) for v, h in zip(values, headers, strict=True)]
            columns[spec.name] = _nonempty(pl.concat_str(values, separator="; ", ignore_nulls=True))
        elif headers and spec.profile == "score":
            columns[spec.name] = text(headers[0]).str.replace(SCALE_PATTERN, "${1}")  # '7/10' is a score of 7
        elif headers and spec.type == "date" and _month_first(frame.get_column(headers[0]), headers[0]):
            columns[spec.name] = month_first_as_iso(text(headers[0]))
            readings[headers[0]] = "dates written month first (MM/DD/YYYY), read so"
        elif headers and spec.profile == "event_date" and without_year(frame.get_column(headers[0])):
            columns[spec.name] = in_the_quarters_year(text(headers[0]), quarter_start)
            readings[headers[0]] = (f"dates written without a year ('Thursday 11 October'), read in the quarter's year "
                                    f"({quarter_start.year})")
        elif headers:
            columns[spec.name] = text(headers[0])
        else:
            columns[spec.name] = pl.lit(None, dtype=pl.Utf8)
    register = attendance_register(frame, [m.header for m in mapping.matches if not m.field], standards, quarter_start)
    if register:   # one column per session date: the sessions attended counted, the last one the service date
        said = (f"{REGISTER_READING} of {len(register)} session columns ({min(register.values())} to "
                f"{max(register.values())}): each {'/'.join(PRESENT_MARKS[:3])} counted as a session attended")
        if "sessions_attended" not in by_target:
            columns["sessions_attended"] = pl.sum_horizontal([_present(h) for h in register]).cast(pl.Utf8)
            by_target["sessions_attended"] = list(register)
            derived["sessions_attended"] = "counted from the attendance register's session columns"
        if "service_date" not in by_target:
            inside = {h: day for h, day in register.items() if quarter_start <= day <= quarter_end}
            if inside:
                columns["service_date"] = pl.max_horizontal([pl.when(_present(h)).then(pl.lit(day.isoformat()))
                                                             for h, day in inside.items()]).fill_null(quarter_end.isoformat())
                by_target["service_date"] = list(inside)
                derived["service_date"] = ("the last session attended in the quarter, from the attendance register (none "
                                           "attended: the quarter, recorded as its last day)")
                said += "; the last date attended in the quarter taken as the service date"
        for header in register:
            readings[header] = said + ("; 'x' is not counted (it marks absence in some registers, presence in others)"
                                       if _has_x(frame, header) else "")
    for spec in standards.fields.fields:
        rule = spec.derive
        if rule is None or spec.name in by_target or parts_of.get(spec.name):
            continue
        derived[spec.name] = rule.description
        if rule.method == "first_of":
            sources = [columns[f] for f in rule.fields if f in by_target]
            fallback = pl.lit(quarter_end.isoformat()) if rule.fallback == "quarter_end" else pl.lit(None, dtype=pl.Utf8)
            columns[spec.name] = (_within_quarter(sources, quarter_start, quarter_end, standards, fallback)
                                  if sources else fallback)
    return columns, derived, readings


# Marks of an attendance register (lower case): present, absent; any other value makes a column no register's.
PRESENT_MARKS = ("✓", "p", "y", "✔", "☑", "present", "yes", "attended", "1")
ABSENT_MARKS = ("a", "n", "absent", "no", "dna", "did not attend", "0", "✗", "✘", "-", "x")
_DAY_MONTH_ONLY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})\s*$")
REGISTER_COLUMNS = 2   # a register has at least this many session columns
REGISTER_READING = "an attendance register"


def attendance_register(frame: pl.DataFrame, headers: list[str], standards: Standards,
                        quarter_start: dt.date) -> dict[str, dt.date]:
    """The columns of a wide attendance register (outsider test 10: one column per session date, P/A/✓/x in the cells,
    all left out): header -> its date, for columns no field took whose header is a date (a day and month alone read in
    the quarter's year) and whose every value is an attendance mark. Fewer than `REGISTER_COLUMNS`: none."""
    if len(headers) < REGISTER_COLUMNS:
        return {}
    year = quarter_start.year
    written = [with_the_year(_DAY_MONTH_ONLY.sub(lambda m: f"{m.group(1)}/{m.group(2)}/{year}", h), year) for h in headers]
    days = parse_dates(pl.Series(written, dtype=pl.Utf8), standards.dates).to_list()   # every header in one pass
    marks = [*PRESENT_MARKS, *ABSENT_MARKS]
    found: dict[str, dt.date] = {}
    for header, day in zip(headers, days, strict=True):
        if day is None:
            continue
        values = frame.select(_mark(header)).to_series().drop_nulls()
        values = values.filter(values != "")
        if values.len() and values.is_in(marks).all():
            found[header] = day
    return found if len(found) >= REGISTER_COLUMNS else {}


def _mark(header: str) -> pl.Expr:
    """A register cell as its mark is read: trimmed, in lower case."""
    return pl.col(header).cast(pl.Utf8).str.strip_chars().str.to_lowercase()


def _present(header: str) -> pl.Expr:
    return _mark(header).is_in(list(PRESENT_MARKS)).fill_null(False)


def _has_x(frame: pl.DataFrame, header: str) -> bool:
    return bool(frame.select(_mark(header).eq("x").any()).item())


def _month_first(values: pl.Series, header: str) -> bool:
    """`written_month_first`, asked only when no date near the top of the column is plainly day first."""
    return not day_first_seen(values) and written_month_first(values, header)


TICKS = {"✓": "yes", "✔": "yes", "☑": "yes", "x": "yes", "ticked": "yes", "selected": "yes", "checked": "yes"}


def ticked_as_group(value: pl.Expr, header: str, standards: Standards) -> pl.Expr:
    """In a tick-box column per ethnic group ('Samoan': ✓ or Yes, or blank), a tick is the group's name
    and a 'No' is no response; any other value is kept as written. Yes and no are the consent list's
    spellings, folded as `fold` does (case and macrons)."""
    # 'Samoan (tick)', 'Ethnicity - Fijian': the group's box (as `map_columns` reads the header)
    group = tick_box_group(header, ethnicity_labels(standards), ethnicity_field_words(standards))
    if group is None:
        return value
    answers = code_lookup(standards.code_lists.code_lists["consent"].codes, extra=TICKS)
    folded = value.str.normalize("NFKD").str.replace_all(r"\p{M}", "").str.to_lowercase().str.strip_chars()
    answer = folded.replace_strict(answers, default=None, return_dtype=pl.Utf8)
    return (pl.when(answer == "yes").then(pl.lit(group))
            .when(answer == "no").then(pl.lit(None, dtype=pl.Utf8))
            .otherwise(value))


def _nonempty(expr: pl.Expr) -> pl.Expr:
    return pl.when(expr.str.len_chars() > 0).then(expr).otherwise(None)


def _within_quarter(sources: list[pl.Expr], start: dt.date, quarter_end: dt.date, standards: Standards,
                    fallback: pl.Expr) -> pl.Expr:
    """The first source date that falls in the quarter (as written), else the fallback."""
    picks = []
    for source in sources:
        parsed = source.map_batches(lambda s: parse_dates(s, standards.dates), return_dtype=pl.Date)
        picks.append(pl.when(parsed.is_between(start, quarter_end)).then(source))
    return pl.coalesce(*picks, fallback)


def derive_client_refs(frame: pl.DataFrame, provider: str, standards: Standards, key: bytes | None) -> pl.Series:
    """A stable reference per person within a provider: a keyed hash of the valid NHI, or of the
    name (words in any order) and date of birth, or, for a provider that keeps neither client
    references nor (for this person) a date of birth, of the whole name alone: such a person is counted
    within the provider and never linked across providers (validation warns). Rows with no name and
    no NHI stay empty (and are quarantined)."""
    nhi = frame.get_column("nhi")
    valid = nhi_valid_series(nhi, standards.identifiers)
    dob = parse_dates(frame.get_column("date_of_birth"), standards.dates)
    names = frame.select(pl.coalesce(pl.col("full_name"), pl.concat_str(["given_names", "family_name"], separator=" ",
                                                                         ignore_nulls=True))).to_series()
    identities: list[str | None] = []
    for n, ok, born, name in zip(nhi.to_list(), valid.to_list(), dob.to_list(), names.to_list(), strict=True):
        if ok:
            identities.append(f"nhi:{normalise_nhi(n)}")
        elif name and born:
            identities.append(f"name:{' '.join(sorted(fold(name).split()))}|{born.isoformat()}")
        elif name and len(fold(name).split()) > 1:  # a whole name; a surname alone is no one in particular
            identities.append(f"name-only:{' '.join(sorted(fold(name).split()))}")
        else:
            identities.append(None)
    secret = key or b"deid-unkeyed-reference"
    refs = [None if i is None else DERIVED_REFERENCE_PREFIX + hmac.new(secret, f"{provider}|{i}".encode(), hashlib.sha256).hexdigest()[:12].upper()
            for i in identities]
    return pl.Series("client_ref", refs, dtype=pl.Utf8)


def is_derived_reference(refs: pl.Expr) -> pl.Expr:
    """Whether each client reference is one ingest derived (the file had no client reference column)."""
    return refs.str.contains(DERIVED_REFERENCE_PATTERN).fill_null(False)


def missing_fields(standards: Standards, present: set[str]) -> tuple[str, ...]:
    """Required fields (that cannot be derived) and blocking any-of groups with no column."""
    missing = tuple(spec.name for spec in standards.fields.fields
                    if spec.required and spec.name not in present and not present & set(spec.required_unless))
    missing += tuple(f"one of {'/'.join(g.fields)}" for g in standards.fields.any_of
                     if g.severity == "blocking" and not present & set(g.fields))
    return missing


def underivable_fields(standards: Standards, present: set[str], derived: dict[str, str]) -> tuple[str, ...]:
    """Derived fields whose derivation has none of its source column sets in the file (`derive.sources`)."""
    return tuple(f"no column for {spec.name} and none to derive it from (one of: "
                 f"{'; '.join(' + '.join(group) for group in spec.derive.sources)})"
                 for spec in standards.fields.fields
                 if spec.name in derived and spec.derive and spec.derive.sources
                 and not any(set(group) <= present for group in spec.derive.sources))


def held_reasons(mapping: ColumnMapping, standards: Standards, present: set[str], derived: dict[str, str]) -> tuple[str, ...]:
    reasons = [f"no column for {name}" for name in missing_fields(standards, present | set(derived))]
    reasons += underivable_fields(standards, present, derived)
    for match in mapping.uncertain:
        alternatives = ", ".join(f"{name} {score:.2f}" for name, score in match.candidates[:3])
        reasons.append(f"column {match.index + 1} is uncertain: taken as {match.field} (candidates: {alternatives})")
    return tuple(reasons)


EVENT_DATE_FIELDS = ("service_date",)   # a column these headers name holds the quarter's dates
OTHER_QUARTER_SHARE = 0.8   # a service date column with this share of its dates outside the quarter: another quarter's file


def other_quarter_reasons(frame: pl.DataFrame, mapping: ColumnMapping, matcher: HeaderMatcher, standards: Standards,
                          quarter: str, quarter_start: dt.date, quarter_end: dt.date,
                          confirmed: ProviderMapping | None = None) -> tuple[str, ...]:
    """Why a file whose service dates lie outside the quarter is held (outsider test 10: a July-September return in the
    January-March folder had its "Date seen" column left out, as no date in it was the quarter's, and every row was
    recorded on the quarter's last day). A column the headers name as the service date, taken or not, whose dates fall
    mostly outside the quarter says the file belongs to another quarter: a steward moves it, or confirms the column's
    mapping (a header the confirmed mapping names is the steward's call, and each row's date is still checked)."""
    reasons = []
    for match in mapping.matches:
        if match.field not in (None, *EVENT_DATE_FIELDS) or (confirmed is not None and match.header in confirmed.columns):
            continue   # taken as another field, or settled by a steward
        if match.field is None and max(matcher.scores(match.header).get(f, 0.0) for f in EVENT_DATE_FIELDS) < KNOWN_HEADER_SCORE:
            continue
        values = frame.get_column(match.header).cast(pl.Utf8).str.strip_chars().drop_nulls()
        values = values.filter(values != "")
        slashed = [v for v in values.to_list() if "/" in v]
        if slashed and month_first_sample(slashed):   # read as the mapping reads it (survey tools write US dates)
            values = pl.select(month_first_as_iso(pl.lit(values))).to_series()
        days = parse_dates(values, standards.dates).drop_nulls()
        if days.len() < max(3, values.len() // 2):
            continue
        outside = int(((days < quarter_start) | (days > quarter_end)).sum())
        if outside >= OTHER_QUARTER_SHARE * days.len():
            ordered = days.sort().to_list()
            first, last = ordered[0], ordered[-1]
            reasons.append(f"column {match.index + 1} ('{match.header}') reads as the service date, but {outside} of its "
                           f"{days.len()} dates ({first} to {last}) are outside {quarter} ({quarter_start} to "
                           f"{quarter_end}): is this file for another quarter? Put it in that quarter's folder, or, if the "
                           "dates are right, confirm the column's mapping (deid mapping confirm)")
    return tuple(reasons)


def wanted_fields(standards: Standards, present: set[str]) -> tuple[tuple[str, ...], ...]:
    """Fields the table has no column for that a column with a silent heading must not hide, in groups
    (one of a group is enough): the required ones (a derived client reference or service date stands in
    for the provider's own), the identity fields (names, NHI: a group per kind of value), the evaluation
    consent (the purposes' consent rule reads it: without it every client counts as 'consent not
    recorded' and is kept out of the evaluation), and what a missing one is derived from (a start date
    for the service date)."""
    specs = {spec.name: spec for spec in standards.fields.fields}
    groups: list[tuple[str, ...]] = [(spec.name,) for spec in standards.fields.fields if spec.required]
    for rule in standards.fields.any_of:
        if rule.severity == "blocking":
            kinds = dict.fromkeys(specs[name].type for name in rule.fields if name in specs)
            groups += [tuple(name for name in rule.fields if name in specs and specs[name].type == kind) for kind in kinds]
    groups += [(spec.name,) for spec in standards.fields.fields if spec.code_list == CONSENT_LIST]
    wanted = [group for group in dict.fromkeys(groups) if not present & set(group)]
    for group in list(wanted):
        rules = [specs[name].derive for name in group]
        wanted += [(source,) for rule in rules if rule is not None and rule.method == "first_of"
                   for source in rule.fields if source not in present and (source,) not in wanted]
    return tuple(wanted)


def silent_reasons(silent: tuple[SilentColumn, ...], summaries: dict[int, str], wanted: tuple[tuple[str, ...], ...],
                   derived: dict[str, str], standards: Standards) -> tuple[str, ...]:
    """Why a table whose headings say nothing is held: the fields no heading names, the columns whose
    values fit them, what reading it as it is would cost, and what to do: the provider heads the columns
    as the standard does, or a steward maps them. Columns are named by position and described by their
    values' kind and shape (`column_summary`), never by a value or their heading."""
    fitted = list(dict.fromkeys(name for column in silent for name, _ in column.fits))
    if not fitted:
        return ()
    specs = {spec.name: spec for spec in standards.fields.fields}
    missing = ", ".join(group[0] if len(group) == 1 else f"one of {'/'.join(group)}" for group in wanted)
    consent = [name for name in fitted if specs[name].code_list == CONSENT_LIST]
    made = [name for name in fitted if name in derived]
    lost = [name for name in fitted if name not in derived and name not in consent]
    costs = [f"{', '.join(made)} would be derived"] if made else []
    costs += ["every client would count as 'consent not recorded' (kept out of the evaluation)"] if consent else []
    costs += [f"{', '.join(lost)} would be left out"] if lost else []
    examples = ", ".join(f"'{(specs[name].synonyms or (name.replace('_', ' '),))[0].capitalize()}'" for name in fitted[:4])
    numbers = ", ".join(str(column.index + 1) for column in silent)
    reasons = [f"the headings of columns {numbers} say nothing of what they hold (numbers, or no heading), and no heading "
               f"names {missing}; the values of some of these columns look like {', '.join(fitted)} (each listed next). Read as it "
               f"is, {'; '.join(costs)}. To have the file read as sent, head these columns with the standard's names "
               f"(for example {examples}) and send it again; or a steward maps each column, or confirms it is not needed"]
    for column in silent:
        fits = (f"its values look like {' or '.join(name for name, _ in column.fits)}" if column.fits
                else "its values look like no field the file lacks")
        reasons.append(f"column {column.index + 1} ({summaries.get(column.index, 'not profiled')}): {fits}")
    return tuple(reasons)


def header_changes(mapping: ColumnMapping, confirmed: ProviderMapping | None) -> tuple[str, ...]:
    """Columns added or gone since the steward confirmed the provider's mapping (by position, not text)."""
    if confirmed is None or not confirmed.columns:
        return ()
    known = {fold(h) for h in confirmed.columns}
    seen = {fold(m.header) for m in mapping.matches}
    changes = [f"column {m.index + 1} is new since the confirmed mapping" for m in mapping.matches if fold(m.header) not in known]
    gone = len(known - seen)
    if gone:
        changes.append(f"{gone} confirmed column(s) are no longer in the file")
    return tuple(changes)

