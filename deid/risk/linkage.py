"""Cross-purpose linkage: can a row of one extract be joined to rows of another on what they share?

Extracts released to different recipients carry pseudonyms from different key domains, so they
share no identifier. Their rows can still be fingerprints: joined on every column both carry
(provider, programme, sessions, outcome, scores, age band, gender, ethnicity, region, ...), a row
may match one row of the other extract and so link the two recipients' data about one person.

The measure: for each pair of extracts, each shared column is brought to the coarser of the two
generalisations (life-cycle bands against five-year bands, say), a value one extract folded into
its catch-all label ('Other') matches the other extract's values it does not hold, and a blank
matches anything. A row is *linkable* when it matches at least one but fewer than k rows of the
other extract, and *linked uniquely* when it matches exactly one. A row that matches none (a
person with no record in the other extract) links to nothing.

The control: while a pair has more linkable rows than its allowance, take the remedy that removes
the most linking evidence per cell of information lost (ties: the least loss): coarsen a shared
column in one extract to its next configured level, drop a shared column the purpose does not need,
or blank a shared column in the linkable rows (all of them, or those whose value is rare in the
other extract: local suppression), with the columns that would give it away. Columns a purpose
needs as they are are never touched; rows still linkable when nothing else helps are withheld.
Linking evidence is what each value of a linkable row tells an attacker: -log2 of the share of the
other extract's rows that agree with it (a single step rarely moves a row past k on its own, so
the count of linkable rows is no guide; the evidence is). Information lost is the loss metric of
Iyengar (2002) over the values seen: a value generalised to a group of g of the column's D values
loses (g - 1) / (D - 1) of a cell, a blank a whole cell. After each step the pairs are measured
again exactly; the control stops when every pair is within its allowance.

Extracts from earlier releases (same quarter, other runs) are measured against this run's extracts
when their pseudonyms differ; they are already out, so only this run's extracts change.
"""
from __future__ import annotations

import functools
import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal, cast

import numpy as np
import polars as pl

from deid.db import Warehouse
from deid.standards import Generalisation, RiskRules

ROW = "__deid_row"           # a row id carried through the gate so remedies can name rows
_LOWER_BOUND = r"^\s*(-?\d+)"
SUPPRESS_BELOW = (1.0, 0.2, 0.05)   # local suppression: every linkable row, or those whose value fewer than this share agree with

RemedyKind = Literal["coarsen", "drop", "suppress", "withhold"]


# --- column scales: the generalisation levels of a shared column ---------------------------


@dataclass(frozen=True)
class ColumnScale:
    """A shared column's levels of detail: 0 as the split stage releases it, then each configured
    generalisation, coarser and nested in the one before."""

    column: str
    levels: tuple[Generalisation, ...] = ()

    @property
    def depth(self) -> int:
        return len(self.levels)

    def describe(self, level: int) -> str:
        return "as released" if level == 0 else self.levels[level - 1].label

    def band_labels(self, level: int) -> list[str]:
        g = self.levels[level - 1]
        bounds = list(g.bands or ())
        labels = []
        for i, low in enumerate(bounds):
            high = bounds[i + 1] - 1 if i + 1 < len(bounds) else g.top
            labels.append(f"{low}+" if high is None else (str(low) if high == low else f"{low}-{high}"))
        return labels

    def _labels(self, level: int) -> set[str]:
        g = self.levels[level - 1]
        return set(self.band_labels(level)) if g.bands is not None else set((g.groups or {}).values())

    def level_of(self, values: pl.Series) -> int:
        """The level a released column is at, told by its values (numbers are always as released)."""
        if not self.levels or values.dtype.is_numeric() or values.dtype == pl.Boolean:
            return 0
        seen = set(values.drop_nulls().cast(pl.Utf8).unique().to_list())
        originals = {v for g in self.levels for v in (g.groups or {})}
        found = [lv for lv in range(1, self.depth + 1) if seen & (self._labels(lv) - originals)]
        exclusive = [lv for lv in found if seen & (self._labels(lv) - originals
                                                   - {x for o in range(1, self.depth + 1) if o != lv for x in self._labels(o)})]
        return max(exclusive) if exclusive else (min(found) if found else 0)

    def lift(self, values: pl.Series, source: int, target: int) -> pl.Series:
        """Values at level `source` brought to level `target` (no finer than `source`), as text."""
        text = values.cast(pl.Utf8)
        if target <= source or target == 0:
            return text
        g = self.levels[target - 1]
        if g.bands is not None:
            lower = values.cast(pl.Int64, strict=False) if values.dtype.is_numeric() else \
                text.str.extract(_LOWER_BOUND, 1).cast(pl.Int64, strict=False)
            labels = self.band_labels(target)
            expr = pl.lit(labels[0])
            for bound, label in zip(g.bands[1:], labels[1:], strict=True):
                expr = pl.when(pl.col("lower") >= bound).then(pl.lit(label)).otherwise(expr)
            frame = pl.DataFrame({"lower": lower, "text": text})
            return frame.select(pl.when(pl.col("lower").is_null()).then(pl.col("text")).otherwise(expr)).to_series().rename(values.name)
        mapping = dict(g.groups or {})
        if source > 0:
            finer = self.levels[source - 1].groups or {}
            mapping.update({label: mapping.get(original, original) for original, label in finer.items()})
        return text.replace(mapping)


# --- settings, resolved once ------------------------------------------------------------------


@dataclass(frozen=True)
class EarlierExtract:
    """An extract an earlier run released (read back from its release folder)."""

    purpose: str
    run_id: str
    frame: pl.DataFrame

    @property
    def name(self) -> str:
        return f"{self.purpose} (released by run {self.run_id})"


@dataclass(frozen=True)
class LinkagePolicy:
    k: int
    default_share: float
    allowances: dict[frozenset[str], float]
    ignore: frozenset[str]
    scales: dict[str, ColumnScale]
    companions: dict[str, tuple[str, ...]]
    keep: dict[str, frozenset[str]]
    may_drop: dict[str, frozenset[str]]
    folds: dict[str, tuple[frozenset[str], str]]   # purpose -> (folded fields, catch-all label)
    max_steps: int
    max_withheld_share: float = 0.05
    reveals: dict[str, tuple[str, ...]] = field(default_factory=dict)   # blanked with a column, in the same rows

    def allowed_share(self, a: str, b: str) -> float:
        return self.allowances.get(frozenset({a, b}), self.default_share)

    def scale(self, column: str) -> ColumnScale:
        return self.scales.get(column) or ColumnScale(column)


def linkage_policy(rules: RiskRules, agreement: object | None = None) -> LinkagePolicy:
    """Resolve disclosure.yaml's `risk.linkage` and the agreement's per-pair allowances and folding."""
    link = rules.linkage
    allowances = {frozenset(a.between): a.max_linkable_share for a in getattr(agreement, "linkage", ())}
    folds = {name: (frozenset(p.fold_rare.fields), p.fold_rare.label)
             for name, p in getattr(agreement, "purposes", {}).items() if p.fold_rare}
    return LinkagePolicy(
        k=link.k or rules.k_threshold, default_share=link.max_linkable_share, allowances=allowances,
        ignore=frozenset(link.ignore) | {ROW}, scales={c: ColumnScale(c, lv) for c, lv in link.generalise.items()},
        companions=dict(link.companions), keep={n: frozenset(e.linkage_keep) for n, e in rules.extracts.items()},
        may_drop={n: frozenset(e.linkage_may_drop) for n, e in rules.extracts.items()}, folds=folds, max_steps=link.max_steps,
        max_withheld_share=link.max_withheld_share, reveals=dict(link.reveals))


# --- records ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkageCount:
    """One way of a pair: how the rows of `extract` match rows of `other`."""

    extract: str
    other: str
    rows: int
    linked_uniquely: int    # match exactly one row of the other extract
    linkable: int           # match at least one but fewer than k rows (includes linked_uniquely)
    unmatched: int          # match no row
    share: float            # linkable / rows
    allowed: int            # linkable rows the allowance permits

    @property
    def excess(self) -> int:
        return max(0, self.linkable - self.allowed)


@dataclass(frozen=True)
class LinkagePair:
    left: str
    right: str
    shared_columns: tuple[str, ...]   # after the control (a dropped column is no longer shared)
    k: int
    allowed_share: float
    before: tuple[LinkageCount, LinkageCount]
    after: tuple[LinkageCount, LinkageCount]

    @property
    def passed(self) -> bool:
        return all(c.excess == 0 for c in self.after)


@dataclass(frozen=True)
class LinkageAction:
    """One remedy the control took, for the steward pack."""

    extract: str
    column: str
    action: RemedyKind
    detail: str
    rows_affected: int
    information_lost: float        # cells (loss metric)
    information_lost_share: float  # of the extract's cells as supplied to the control
    linkable_after: int            # linkable rows left over every pair after this step


@dataclass(frozen=True)
class LinkageResult:
    k: int
    pairs: tuple[LinkagePair, ...]
    actions: tuple[LinkageAction, ...]
    information_lost: dict[str, float] = field(default_factory=dict)        # cells, per extract
    information_lost_share: dict[str, float] = field(default_factory=dict)  # of its cells, per extract

    @property
    def passed(self) -> bool:
        return all(p.passed for p in self.pairs)

    def pairs_for(self, extract: str) -> tuple[LinkagePair, ...]:
        return tuple(p for p in self.pairs if extract in (p.left, p.right))

    def actions_for(self, extract: str) -> tuple[LinkageAction, ...]:
        return tuple(a for a in self.actions if a.extract == extract)


# --- measuring ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Side:
    name: str
    purpose: str
    frame: pl.DataFrame
    levels: dict[str, int]
    current: bool
    # Per column, a token standing for its values as they are: a remedy gives new tokens only to the
    # columns it changes, so figures worked out from a column (codes, shares, loss) are
    # kept under its token and reused while the column stays as it is, across steps of the control.
    versions: dict[str, object] = field(default_factory=dict, compare=False, repr=False)


def _side(name: str, purpose: str, frame: pl.DataFrame, policy: LinkagePolicy, current: bool) -> _Side:
    if ROW not in frame.columns:
        frame = frame.with_row_index(ROW)
    levels = {c: policy.scale(c).level_of(frame.get_column(c)) for c in frame.columns if c in policy.scales}
    return _Side(name, purpose, frame, levels, current, {c: object() for c in frame.columns})


def _changed(side: _Side, frame: pl.DataFrame, columns: list[str], levels: dict[str, int] | None = None,
             tokens: dict[str, object] | None = None) -> _Side:
    """`side` with a new frame in which only `columns` changed (or went): they get new tokens, the rest keep theirs."""
    versions = {c: v for c, v in side.versions.items() if c in frame.columns and c not in columns}
    versions.update({c: (tokens or {}).get(c) or object() for c in frame.columns if c not in versions})
    return replace(side, frame=frame, levels=side.levels if levels is None else levels, versions=versions)


ColumnPair = Callable[[_Side, _Side, str], tuple[pl.Series, pl.Series]]   # a pair of sides' values in one column, row for row


def shared_columns(a: _Side, b: _Side, policy: LinkagePolicy) -> list[str]:
    return [c for c in a.frame.columns if c in b.frame.columns and c not in policy.ignore]


def harmonise(a: _Side, b: _Side, columns: list[str], policy: LinkagePolicy) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Both sides' shared columns as text at the coarser level of the two, folded values matched."""
    left, right = {ROW: a.frame.get_column(ROW)}, {ROW: b.frame.get_column(ROW)}
    for c in columns:
        left[c], right[c] = _harmonise_column(a, b, c, policy)
    return pl.DataFrame(left), pl.DataFrame(right)


def _harmonise_column(a: _Side, b: _Side, column: str, policy: LinkagePolicy) -> tuple[pl.Series, pl.Series]:
    scale = policy.scale(column)
    la, lb = a.levels.get(column, 0), b.levels.get(column, 0)
    va = scale.lift(a.frame.get_column(column), la, max(la, lb))
    vb = scale.lift(b.frame.get_column(column), lb, max(la, lb))
    labels = [policy.folds[p][1] for p in (a.purpose, b.purpose) if p in policy.folds and column in policy.folds[p][0]]
    if labels:  # a value folded away on one side could be any value the other side holds and it does not
        va, vb = _fold(va, vb, labels[0]), _fold(vb, va, labels[0])
    return va, vb


def _fold_label(a: _Side, b: _Side, column: str, policy: LinkagePolicy) -> str | None:
    """The catch-all label a column is folded into for a pair of sides (`_harmonise_column`), if a purpose of theirs folds it."""
    labels = [policy.folds[p][1] for p in (a.purpose, b.purpose) if p in policy.folds and column in policy.folds[p][0]]
    return labels[0] if labels else None


def _fold(values: pl.Series, other: pl.Series, label: str) -> pl.Series:
    theirs = other.drop_nulls().unique().implode()
    return pl.select(pl.when(values.is_null()).then(None)
                     .when(values.is_in(theirs) & (values != label)).then(values)
                     .otherwise(pl.lit(label))).to_series().rename(values.name)


def _classes(keys: pl.DataFrame, columns: list[str], case: int) -> pl.DataFrame:
    """Rows with the same values in every column (blanks alike) as one class: its size and row ids."""
    if columns:
        grouped = keys.group_by(columns, maintain_order=True).agg(pl.len().alias("__deid_n"), pl.col(ROW).alias("__deid_rows"))
    else:
        grouped = keys.select(pl.len().alias("__deid_n"), pl.col(ROW).implode().alias("__deid_rows"))
    return grouped.with_row_index("__deid_id").with_columns(pl.lit(case, pl.Int64).alias("__deid_case"),
                                                            pl.col("__deid_n").cast(pl.Int64))


@dataclass(frozen=True)
class _Measured:
    counts: tuple[LinkageCount, LinkageCount]
    linkable_rows: tuple[pl.Series, pl.Series]   # row ids of each side's linkable rows
    at_risk_rows: tuple[pl.Series, pl.Series]    # row ids of each side's rows matching fewer than k rows (none included)
    columns: tuple[str, ...]
    complete: bool = True                        # False: rows known to match k or more were not measured again

    @property
    def excess(self) -> int:
        return sum(c.excess for c in self.counts)


Watch = tuple[pl.Series, pl.Series] | None
Packer = Callable[[_Side, _Side, list[str], "Packing", int], pl.DataFrame]   # one side of a pair packed (`_State.packed`)


def _measure_cases(cases: list[tuple[_Side, _Side]], policy: LinkagePolicy,
                   watch: list[Watch] | None = None, coded: ColumnPair | None = None,
                   kept: KeptMatches | None = None, pack: Packer | None = None, rows: KeptRows | None = None) -> list[_Measured]:
    """Measure many pairs, each side's rows packed once (see `_packed_rows`) and grouped once per measurement.

    Args:
        watch: per case, the row ids of each side that matched fewer than k rows when last measured.
            Remedies other than withholding only ever add matches, so a class holding any other row
            still matches k or more and is not measured again (its rows count as not linkable): only
            the watched rows are grouped into classes, less those whose values an unwatched row holds.
        coded: `_coded_column` for a pair of sides and a column, if it is kept somewhere (`_State.coded`).
        kept: the counts of earlier measurements, if they are kept somewhere (`_State.matches`, see `_known_matches`).
        pack: `_packed_rows` of one side of a pair (0: the first, 1: the second), if they are kept somewhere (`_State.packed`).
        rows: the counts of earlier measurements per row, if they are kept somewhere (`_State.rows`, see `_count_rows`);
            counted so instead of by `kept`.
    """
    watch = watch or [None] * len(cases)
    code = coded or functools.partial(_coded_column, policy=policy)
    measured = []
    for (a, b), seen in zip(cases, watch, strict=True):
        columns = shared_columns(a, b, policy)
        pairs = [code(a, b, c) for c in columns]
        words = _pair_packing(pairs)
        if pack is None:
            rows_a = _packed_rows(a.frame.get_column(ROW), [va for va, _ in pairs], words)
            rows_b = _packed_rows(b.frame.get_column(ROW), [vb for _, vb in pairs], words)
        else:
            rows_a, rows_b = pack(a, b, columns, words, 0), pack(b, a, columns, words, 1)
        share = policy.allowed_share(a.purpose, b.purpose)
        if rows is not None:
            hits = (_watched_rows(rows_a, seen[0]), _watched_rows(rows_b, seen[1])) if seen else (None, None)
            _count_pair_rows(a.name, b.name, rows_a, rows_b, words, rows, hits)
            ca, ia, ra = _count_rows(a.name, b.name, rows_a, hits[0], policy.k, share, rows[(a.name, b.name)])
            cb, ib, rb = _count_rows(b.name, a.name, rows_b, hits[1], policy.k, share, rows[(b.name, a.name)])
        else:
            ca, ia, ra = _count_packed(a.name, b.name, rows_a, rows_b, words, seen[0] if seen else None, policy.k, share, kept)
            cb, ib, rb = _count_packed(b.name, a.name, rows_b, rows_a, words, seen[1] if seen else None, policy.k, share, kept)
        measured.append(_Measured((ca, cb), (ia, ib), (ra, rb), tuple(columns), seen is None))
    return measured


Packing = list[list[int]]   # per 64-bit word, the bit mask of each column's field in it


def _pair_packing(pairs: list[tuple[pl.Series, pl.Series]]) -> Packing:
    """How a pair's coded columns fit into 64-bit words (a column of codes 0..n-1 needs the bits of n: its
    value is stored as code + 1, a blank as 0), from the codes over both sides' whole columns."""
    words: Packing = [[]]
    used = 0
    for va, vb in pairs:
        tops = [int(cast(int, v.max())) for v in (va, vb) if v.len() > v.null_count()]
        bits = max(1, (max(tops) + 1 if tops else 0).bit_length())
        if used + bits > 64:
            words.append([])
            used = 0
        words[-1].append(((1 << bits) - 1) << used)
        used += bits
    return words


def _packed_rows(ids: pl.Series, values: list[pl.Series], words: Packing) -> pl.DataFrame:
    """A side's row ids and its coded shared columns packed into the words of `words` (`__deid_w0`, ...)."""
    frame = pl.DataFrame([ids.rename(ROW), *(v.rename(f"__deid_c{i}") for i, v in enumerate(values))])
    exprs, index = [], 0
    for j, fields in enumerate(words):
        parts = []
        for mask in fields:
            offset = (mask & -mask).bit_length() - 1
            parts.append(pl.col(f"__deid_c{index}").cast(pl.UInt64).add(1).fill_null(0) * pl.lit(1 << offset, pl.UInt64))
            index += 1
        exprs.append(functools.reduce(operator.or_, parts).alias(f"__deid_w{j}") if parts else
                     pl.lit(0, pl.UInt64).alias(f"__deid_w{j}"))
    return frame.select(ROW, *exprs)


def _count_packed(name: str, other: str, mine: pl.DataFrame, theirs: pl.DataFrame, words: Packing, watched: pl.Series | None,
                  k: int, share: float, kept: KeptMatches | None = None) -> tuple[LinkageCount, pl.Series, pl.Series]:
    """How `mine`'s rows (those watched, if any are) match `theirs` (both from `_packed_rows`).

    Args:
        kept: what classes of `mine` matched when last measured against `theirs` (see `_known_matches`).
    """
    values = [c for c in mine.columns if c != ROW]
    rows = mine
    if watched is not None:   # a class only of watched rows: its values held by no unwatched row
        hit = mine.get_column(ROW).is_in(watched.implode())
        rows = mine.filter(hit).join(mine.filter(~hit).select(values).unique(), on=values, how="anti")
    found = _known_matches(rows.select(values).unique(), theirs, words, {} if kept is None else kept, (name, other))
    c = rows.join(found, on=values, how="left").get_column("candidates").fill_null(0)
    ids = rows.get_column(ROW)
    mask = (c >= 1) & (c < k)
    linkable = int(mask.sum())
    count = LinkageCount(name, other, mine.height, int((c == 1).sum()), linkable, int((c == 0).sum()),
                         round(linkable / mine.height, 6) if mine.height else 0.0, math.floor(share * mine.height + 1e-9))
    return count, ids.filter(mask), ids.filter(c < k)


KeptMatches = dict[tuple[str, str], tuple[Packing, pl.DataFrame, pl.DataFrame, pl.DataFrame | None]]


@dataclass
class _RowCounts:
    """What one way of a pair matched when last measured, per row (`_count_rows`): `mine` and `theirs` as counted
    (`_packed_rows`), the distinct values of `mine` seen so far (`classes`, with `index`: each row's class) and, per
    class, the rows of `theirs` it matches (`counts`); `grouped`: `theirs` by value (`__deid_n` rows each), once wanted."""

    words: Packing
    mine: pl.DataFrame
    theirs: pl.DataFrame
    classes: pl.DataFrame
    index: np.ndarray
    counts: np.ndarray
    grouped: pl.DataFrame | None = None
    keys: tuple[np.ndarray, np.ndarray] | None = None   # one word: the classes' values sorted, and their positions (`_index_of`)
    stale: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))   # per class: its count is out of date (`_updated_counts`)


KeptRows = dict[tuple[str, str], _RowCounts]
REUSE_CHANGED = 0.25   # `_count_rows` counts every class again when more than this share of either side's rows changed


def _grouped(rows: pl.DataFrame, values: list[str]) -> pl.DataFrame:
    return rows.group_by(values).agg(pl.len().alias("__deid_n"))


def _changed_rows(before: pl.DataFrame, after: pl.DataFrame, values: list[str]) -> np.ndarray | None:
    """Positions of the packed rows (`_packed_rows`) whose values differ between `before` and `after`; None when the
    two do not hold the same rows in the same order (rows were withheld, say)."""
    if before is after:
        return np.zeros(0, np.int64)
    if before.height != after.height or not before.get_column(ROW).equals(after.get_column(ROW)):
        return None
    differs = np.zeros(after.height, bool)
    for v in values:
        differs |= before.get_column(v).to_numpy() != after.get_column(v).to_numpy()
    return np.flatnonzero(differs)


def _class_index(classes: pl.DataFrame, values: list[str], rows: pl.DataFrame) -> np.ndarray:
    """Per row of `rows` (packed values), the position of its value among `classes` (-1: not among them)."""
    found = rows.select(values).join(classes.select(values).with_row_index("__deid_i"), on=values, how="left",
                                     maintain_order="left")
    return found.get_column("__deid_i").fill_null(-1).cast(pl.Int64).to_numpy()


def _sorted_keys(classes: pl.DataFrame, values: list[str]) -> tuple[np.ndarray, np.ndarray] | None:
    """The classes' packed values sorted, with their positions, when they are one word (else None: `_class_index`)."""
    if len(values) != 1:
        return None
    keys = classes.get_column(values[0]).to_numpy()
    order = np.argsort(keys, kind="stable")
    return keys[order], order


def _index_of(classes: pl.DataFrame, values: list[str], rows: pl.DataFrame, keys: tuple[np.ndarray, np.ndarray] | None) -> np.ndarray:
    """`_class_index`, looked up in the sorted values (`_sorted_keys`) when there are some."""
    if keys is None:
        return _class_index(classes, values, rows)
    ordered, order = keys
    wanted = rows.get_column(values[0]).to_numpy()
    if not ordered.size:
        return np.full(wanted.size, -1, np.int64)
    at = np.minimum(np.searchsorted(ordered, wanted), ordered.size - 1)
    return np.where(ordered[at] == wanted, order[at], -1).astype(np.int64)


def _with_keys(keys: tuple[np.ndarray, np.ndarray] | None, new: pl.DataFrame, values: list[str],
               first: int) -> tuple[np.ndarray, np.ndarray] | None:
    """`_sorted_keys` once the classes `new` are added at positions `first`, `first` + 1, ..."""
    if keys is None:
        return None
    ordered, order = keys
    added = new.get_column(values[0]).to_numpy()
    sort = np.argsort(added, kind="stable")
    at = np.searchsorted(ordered, added[sort])
    return np.insert(ordered, at, added[sort]), np.insert(order, at, first + sort)


def _fresh_counts(mine: pl.DataFrame, theirs: pl.DataFrame, words: Packing) -> tuple[_RowCounts, _RowCounts]:
    """`_RowCounts` of `mine` against `theirs` and of `theirs` against `mine`, every class counted (`_mutual_matches`)."""
    values = [c for c in mine.columns if c != ROW]
    grouped_mine, grouped_theirs = _grouped(mine, values), _grouped(theirs, values)
    counts_mine, counts_theirs = _mutual_matches(grouped_mine, grouped_theirs, words)
    classes_mine, classes_theirs = grouped_mine.select(values), grouped_theirs.select(values)
    keys_mine, keys_theirs = _sorted_keys(classes_mine, values), _sorted_keys(classes_theirs, values)
    return (_RowCounts(words, mine, theirs, classes_mine, _index_of(classes_mine, values, mine, keys_mine), counts_mine,
                       grouped_theirs, keys_mine, np.zeros(classes_mine.height, bool)),
            _RowCounts(words, theirs, mine, classes_theirs, _index_of(classes_theirs, values, theirs, keys_theirs), counts_theirs,
                       grouped_mine, keys_theirs, np.zeros(classes_theirs.height, bool)))


def _changes(held: _RowCounts | None, mine: pl.DataFrame, theirs: pl.DataFrame, words: Packing) -> tuple[np.ndarray, np.ndarray] | None:
    """The rows of `mine` and of `theirs` that changed since `held` was counted; None when everything is to be counted
    again (nothing kept, another packing, other rows, or so much changed that counting it all is cheaper)."""
    if held is None or held.words != words:
        return None
    values = [c for c in mine.columns if c != ROW]
    changed_mine, changed_theirs = _changed_rows(held.mine, mine, values), _changed_rows(held.theirs, theirs, values)
    if (changed_mine is None or changed_theirs is None or changed_mine.size > REUSE_CHANGED * mine.height
            or changed_theirs.size > REUSE_CHANGED * theirs.height or held.classes.height > 2 * max(mine.height, 1)):
        return None
    return changed_mine, changed_theirs


def _updated_counts(held: _RowCounts, mine: pl.DataFrame, theirs: pl.DataFrame, words: Packing,
                    changed_mine: np.ndarray, changed_theirs: np.ndarray, watched: np.ndarray | None) -> _RowCounts:
    """`held` brought up to `mine` and `theirs` as they are now, counting only what changed (`_changes`) and only the
    classes whose counts are wanted (`_wanted`; the others' counts are left behind, `stale`, and counted when wanted):
    `mine`'s changed rows take the class of their value (a new value: a new class), then `theirs`' rows that went and
    came are counted (whether a class matches a row is a function of the two values alone, so a class's count is its
    count before, less its matches among the rows that went, plus those among the rows that came), and a wanted class
    left behind before, or new, is counted against `theirs` as it is."""
    values = [c for c in mine.columns if c != ROW]
    counts, grouped, classes, index, keys, stale = held.counts, held.grouped, held.classes, held.index, held.keys, held.stale
    if changed_mine.size:
        now = mine.select(values)[pl.Series(changed_mine)]
        found = _index_of(classes, values, now, keys)
        new = now.filter(pl.Series(found < 0)).unique()
        if new.height:
            keys = _with_keys(keys, new, values, classes.height)
            classes = pl.concat([classes, new])
            counts = np.concatenate([counts, np.zeros(new.height, np.int64)])
            stale = np.concatenate([stale, np.ones(new.height, bool)])
            found = _index_of(classes, values, now, keys)
        index = index.copy()
        index[changed_mine] = found
    wanted = _wanted(index, classes.height, watched)
    if changed_theirs.size:
        at = pl.Series(changed_theirs)
        changes = (pl.concat([held.theirs.select(values)[at].with_columns(pl.lit(-1, pl.Int64).alias("__deid_n")),
                              theirs.select(values)[at].with_columns(pl.lit(1, pl.Int64).alias("__deid_n"))])
                   .group_by(values).agg(pl.col("__deid_n").sum()).filter(pl.col("__deid_n") != 0))
        grouped = None
        if changes.height:
            update = np.flatnonzero(wanted & ~stale)
            if update.size:
                delta = _packed_matches(classes[pl.Series(update)], changes, words).filter(pl.col("candidates") != 0)
                if delta.height:
                    counts = counts.copy()
                    np.add.at(counts, _index_of(classes, values, delta, keys), delta.get_column("candidates").to_numpy())
            stale = stale | ~wanted
    recount = np.flatnonzero(wanted & stale)
    if recount.size:
        grouped = _grouped(theirs, values) if grouped is None else grouped
        recounted = _packed_matches(classes[pl.Series(recount)], grouped, words)
        counts, stale = counts.copy(), stale.copy()
        counts[_index_of(classes, values, recounted, keys)] = recounted.get_column("candidates").to_numpy()
        stale[recount] = False
    return _RowCounts(words, mine, theirs, classes, index, counts, grouped, keys, stale)


def _wanted(index: np.ndarray, classes: int, watched: np.ndarray | None) -> np.ndarray:
    """Per class, whether its count is wanted (`_count_rows`): every class when no rows are watched, else those holding a
    watched row (`watched`: a mask over the rows) and no other."""
    if watched is None:
        return np.ones(classes, bool)
    held_watched, held_other = np.zeros(classes, bool), np.zeros(classes, bool)
    held_watched[index[watched]] = True
    held_other[index[~watched]] = True
    return held_watched & ~held_other


def _count_pair_rows(a: str, b: str, rows_a: pl.DataFrame, rows_b: pl.DataFrame, words: Packing, kept: KeptRows,
                     watched: tuple[np.ndarray | None, np.ndarray | None]) -> None:
    """Both ways of a pair counted per row into `kept` (`_RowCounts`), from what was kept there if it can be brought up to
    date (`_updated_counts`), else both at once (`_fresh_counts`); `watched`: each side's watched rows (a mask), if any."""
    ab = _changes(kept.get((a, b)), rows_a, rows_b, words)
    ba = _changes(kept.get((b, a)), rows_b, rows_a, words)
    if ab is None or ba is None:
        kept[(a, b)], kept[(b, a)] = _fresh_counts(rows_a, rows_b, words)
    else:
        kept[(a, b)] = _updated_counts(kept[(a, b)], rows_a, rows_b, words, *ab, watched[0])
        kept[(b, a)] = _updated_counts(kept[(b, a)], rows_b, rows_a, words, *ba, watched[1])


def _watched_rows(rows: pl.DataFrame, watched: pl.Series | None) -> np.ndarray | None:
    """Which of the packed rows are among the row ids `watched` (None: no rows are watched, all are measured)."""
    return None if watched is None else rows.get_column(ROW).is_in(watched.implode()).to_numpy()


def _count_rows(name: str, other: str, mine: pl.DataFrame, watched: np.ndarray | None, k: int, share: float,
                counted: _RowCounts) -> tuple[LinkageCount, pl.Series, pl.Series]:
    """`_count_packed` of `mine`, from its rows' counts (`_count_pair_rows`).

    The figures are those of `_count_packed`: with `watched`, only watched rows whose value no unwatched row holds count
    (a row's matches are a function of its value, so those are known per class), the rest are not linkable."""
    c = counted.counts[counted.index] if mine.height else np.zeros(0, np.int64)
    measured = _wanted(counted.index, counted.classes.height, watched)[counted.index]
    at_risk = measured & (c < k)
    mask = at_risk & (c >= 1)
    linkable = int(mask.sum())
    count = LinkageCount(name, other, mine.height, int((measured & (c == 1)).sum()), linkable, int((measured & (c == 0)).sum()),
                         round(linkable / mine.height, 6) if mine.height else 0.0, math.floor(share * mine.height + 1e-9))
    ids = mine.get_column(ROW)
    return count, ids.filter(pl.Series(mask)), ids.filter(pl.Series(at_risk))


def _known_matches(classes: pl.DataFrame, theirs: pl.DataFrame, words: Packing, kept: KeptMatches,
                   key: tuple[str, str]) -> pl.DataFrame:
    """`_packed_matches` of `classes` against the rows `theirs`, from the counts kept under `key`: a step changes
    one extract, so one way of a pair counts only the classes that step made, and the other only the rows it
    changed (`_updated_matches`). Kept with them: `theirs` as counted, and grouped by value (while it stays).
    Only the counts of `classes` are kept: measured again, a side's classes are those it has now among the
    rows at risk then (`_count_packed`), and a class not among them, should it come back, is counted again."""
    values = list(classes.columns)
    held = kept.get(key)
    same = held is not None and (held[1] is theirs or held[1].equals(theirs))
    grouped = held[3] if held is not None and same else None
    found = held[2] if held is not None and held[0] == words else None
    if found is not None and held is not None and not same:
        changes = _row_changes(held[1], theirs, values)
        found = None if changes is None else _updated_matches(found, changes, words)
    new = classes
    if found is not None:   # the counts of these classes only (see above)
        known = classes.join(found, on=values, how="left")
        new, found = known.filter(pl.col("candidates").is_null()).select(values), known.filter(pl.col("candidates").is_not_null())
    if found is None or new.height:
        grouped = theirs.group_by(values).agg(pl.len().alias("__deid_n")) if grouped is None else grouped
        counted = _packed_matches(new, grouped, words)
        found = counted if found is None else pl.concat([found, counted])
    kept[key] = (words, theirs, found, grouped)
    return found


def _row_changes(before: pl.DataFrame, after: pl.DataFrame, values: list[str]) -> pl.DataFrame | None:
    """The packed rows (`_packed_rows`) that went from `before` (`__deid_n` -1 each) and came in `after` (+1), by
    value; None when so many changed that counting all of `after` again is cheaper than counting the change."""
    if before.height == after.height and before.get_column(ROW).equals(after.get_column(ROW)):
        differs = functools.reduce(operator.or_, [before.get_column(v) != after.get_column(v) for v in values])
        went, came = before.filter(differs), after.filter(differs)
    else:
        went, came = before.join(after, on=[ROW, *values], how="anti"), after.join(before, on=[ROW, *values], how="anti")
    if 2 * (went.height + came.height) > after.height:
        return None
    return (pl.concat([went.select(*values, pl.lit(-1, pl.Int64).alias("__deid_n")),
                       came.select(*values, pl.lit(1, pl.Int64).alias("__deid_n"))])
            .group_by(values).agg(pl.col("__deid_n").sum()).filter(pl.col("__deid_n") != 0))


def _updated_matches(found: pl.DataFrame, changes: pl.DataFrame, words: Packing) -> pl.DataFrame:
    """Counts of matching rows (`_packed_matches`) brought up to date with the rows that went and came (`_row_changes`).

    Whether a class matches a row is a function of the two packed values alone, so a class's count against
    the rows after is its count before, less the matches among the rows that went, plus those among the rows that came."""
    values = [c for c in found.columns if c != "candidates"]
    if changes.height == 0:
        return found
    change = _packed_matches(found.select(values), changes, words).rename({"candidates": "__deid_d"})
    return (found.join(change, on=values, how="left", maintain_order="left")
            .select(*values, (pl.col("candidates") + pl.col("__deid_d").fill_null(0)).alias("candidates")))


def _packed_matches(classes: pl.DataFrame, rows: pl.DataFrame, words: Packing) -> pl.DataFrame:
    """Per class (distinct packed values): how many of `rows` (packed values, `__deid_n` rows each) it matches.

    A blank, on either side, matches anything; the joins are those of `_candidates` (which see), on packed
    words, a blank being a zero field. A row with blank set R and a class with blank set L meet on
    (R, the values outside L and R): the class is blanked by each R of its part's rows, and the row by
    each distinct L - R of its part's classes, so no row meets a class twice. When the word has room,
    R rides in its spare bits and the joins compare one integer.

    Classes and rows are counted in chunks of their parts (fields never blank on either side), at most about
    `CHUNK_ROWS` of them a chunk: a class meets only rows of its part, and the joins repeat each class and row
    once per blank set it meets, which for a national quarter is what holds the stage's peak memory."""
    values = [f"__deid_w{j}" for j in range(len(words))]
    if not rows.height or not classes.height:
        return classes.with_columns(pl.lit(0, pl.Int64).alias("candidates"))
    few = min(classes.height, rows.height)
    if few <= FEW and few * max(classes.height, rows.height) <= FEW_PAIRS:
        return _few_matches(classes, rows, words)
    both = pl.concat([classes.select(values), rows.select(values)])
    flags = iter(both.select([((pl.col(w) & pl.lit(m, pl.UInt64)) == 0).any().alias(f"{j}:{i}")
                              for j, (w, fields) in enumerate(zip(values, words, strict=True)) for i, m in enumerate(fields)]).row(0)
                 if any(words) else ())
    never_blank = [sum(m for m in fields if not next(flags)) for fields in words]
    if not any(never_blank):
        return _packed_part_matches(classes, rows, words, never_blank)
    # only parts both sides hold can match: after a step, the few classes or rows it made are in few parts
    parts = [(pl.col(w) & pl.lit(m, pl.UInt64)).alias(f"__deid_p{j}") for j, (w, m) in enumerate(zip(values, never_blank, strict=True))]
    keys = [f"__deid_p{j}" for j in range(len(words))]
    rows = rows.with_columns(parts).join(classes.select(parts).unique(), on=keys, how="semi").drop(keys)
    classes = classes.with_columns(parts)
    held = rows.select(parts).unique()
    unmatched = classes.join(held, on=keys, how="anti").drop(keys).with_columns(pl.lit(0, pl.Int64).alias("candidates"))
    classes = classes.join(held, on=keys, how="semi").drop(keys)
    chunks = (classes.height + rows.height) // CHUNK_ROWS + 1
    if chunks == 1:
        return pl.concat([_packed_part_matches(classes, rows, words, never_blank), unmatched])
    chunk = pl.struct([(pl.col(w) & pl.lit(m, pl.UInt64)) for w, m in zip(values, never_blank, strict=True)]).hash(seed=0) % chunks
    by_chunk = rows.with_columns(chunk.alias("__deid_chunk")).partition_by("__deid_chunk", as_dict=True, include_key=False)
    return pl.concat([*(_packed_part_matches(part, by_chunk.get(key, rows.clear()), words, never_blank) for key, part in
                        classes.with_columns(chunk.alias("__deid_chunk")).partition_by("__deid_chunk", as_dict=True,
                                                                                        include_key=False).items()),
                      unmatched])


CHUNK_ROWS = 250_000   # classes and rows counted together by `_packed_matches`, at most (about), a chunk
FEW, FEW_PAIRS = 64, 4_000_000   # `_packed_matches` compares each of at most FEW classes (or rows) with every row (class)


def _blank_fields(packed: np.ndarray, fields: list[int]) -> np.ndarray:
    """Per packed value, the mask of its blank (zero) fields."""
    out = np.zeros(packed.shape, np.uint64)
    for mask in fields:
        out |= np.where((packed & np.uint64(mask)) == 0, np.uint64(mask), np.uint64(0))
    return out


def _few_matches(classes: pl.DataFrame, rows: pl.DataFrame, words: Packing) -> pl.DataFrame:
    """`_packed_matches` when one side has few members: each of them compared with every member of the other, a
    blank field on either side matching anything (the values differ only in fields neither leaves blank). After a
    step, the classes it made or the rows it changed are often a handful, and the joins' set-up would cost more."""
    values = [f"__deid_w{j}" for j in range(len(words))]
    mine = [classes.get_column(w).to_numpy() for w in values]
    theirs = [rows.get_column(w).to_numpy() for w in values]
    my_blanks = [_blank_fields(v, fields) for v, fields in zip(mine, words, strict=True)]
    their_blanks = [_blank_fields(v, fields) for v, fields in zip(theirs, words, strict=True)]
    weights = rows.get_column("__deid_n").cast(pl.Int64).to_numpy()
    counts = np.zeros(classes.height, np.int64)
    if classes.height <= rows.height:
        for i in range(classes.height):
            agree = functools.reduce(operator.and_, [((v[i] ^ t) & ~(b[i] | tb)) == 0
                                                     for v, t, b, tb in zip(mine, theirs, my_blanks, their_blanks, strict=True)])
            counts[i] = weights[agree].sum()
    else:
        for i in range(rows.height):
            agree = functools.reduce(operator.and_, [((t[i] ^ v) & ~(tb[i] | b)) == 0
                                                     for v, t, b, tb in zip(mine, theirs, my_blanks, their_blanks, strict=True)])
            counts[agree] += weights[i]
    return classes.select(values).with_columns(pl.Series("candidates", counts, pl.Int64))


@dataclass(frozen=True)
class _PartJoin:
    """The column names and expressions the packed joins of a part share (`_packed_part_matches`,
    `_mutual_part_matches`): per word, the values, their blank sets on each side, the never-blank part; and the join
    keys (with one word and spare bits, the blank set tagged into the word itself: one key column)."""

    words: Packing
    values: list[str]
    lefts: list[str]
    rights: list[str]
    parts: list[str]
    in_part: list[pl.Expr]
    tag: list[pl.Expr]
    keys: list[str]
    keyed: list[pl.Expr]

    @classmethod
    def of(cls, words: Packing, never_blank: list[int]) -> _PartJoin:
        values = [f"__deid_w{j}" for j in range(len(words))]
        lefts, rights = [f"__deid_l{j}" for j in range(len(words))], [f"__deid_r{j}" for j in range(len(words))]
        parts = [f"__deid_p{j}" for j in range(len(words))]
        in_part = [(pl.col(w) & pl.lit(m, pl.UInt64)).alias(p) for w, m, p in zip(values, never_blank, parts, strict=True)]
        used = max(fields[-1] for fields in words if fields).bit_length() if any(words) else 0
        if len(words) == 1 and used + len(words[0]) <= 64:   # the blank set in the word's spare bits: one key column
            tag = [functools.reduce(operator.or_, [((pl.col(rights[0]) & pl.lit(m, pl.UInt64)) != 0).cast(pl.UInt64)
                                                   * pl.lit(1 << (used + i), pl.UInt64) for i, m in enumerate(words[0])],
                                     pl.lit(0, pl.UInt64)).alias("__deid_t")]
            keys = [values[0]]
            keyed = [(pl.col(values[0]) | pl.col("__deid_t")).alias(values[0])]
        else:
            tag, keys, keyed = [], [*rights, *values], []
        return cls(words, values, lefts, rights, parts, in_part, tag, keys, keyed)

    def blanks(self, names: list[str]) -> list[pl.Expr]:
        """Per word, the bits of its fields that are blank (all bits of a field 0), under `names`."""
        return [functools.reduce(operator.or_, [((pl.col(w) & pl.lit(m, pl.UInt64)) == 0).cast(pl.UInt64) * pl.lit(m, pl.UInt64)
                                                for m in fields], pl.lit(0, pl.UInt64)).alias(name)
                for w, fields, name in zip(self.values, self.words, names, strict=True)]


def _packed_part_matches(classes: pl.DataFrame, rows: pl.DataFrame, words: Packing, never_blank: list[int]) -> pl.DataFrame:
    """`_packed_matches` of `classes` against `rows`, given the fields never blank in either (`never_blank`, per word)."""
    if not rows.height or not classes.height:
        return classes.with_columns(pl.lit(0, pl.Int64).alias("candidates"))
    j = _PartJoin.of(words, never_blank)
    values, lefts, rights, parts, tag, keys, keyed = j.values, j.lefts, j.rights, j.parts, j.tag, j.keys, j.keyed
    right_rows = rows.lazy().with_columns(j.blanks(rights)).with_columns(j.in_part).with_columns(tag)
    left_classes = classes.lazy().with_row_index("__deid_id").with_columns(j.blanks(lefts)).with_columns(j.in_part)
    row_sets = right_rows.select(*parts, *rights, *(["__deid_t"] if tag else [])).unique()
    extra = (row_sets.select(*parts, *rights).join(left_classes.select(*parts, *lefts).unique(), on=parts)
             .select(*parts, *rights, *[(pl.col(b) - (pl.col(b) & pl.col(r))).alias(b) for b, r in zip(lefts, rights, strict=True)])
             .unique())
    right_keys = (right_rows.join(extra, on=[*parts, *rights])
                  .select(*[(pl.col(w) - (pl.col(w) & pl.col(b))).alias(w) for w, b in zip(values, lefts, strict=True)],
                          *(["__deid_t"] if tag else rights), "__deid_n")
                  .with_columns(keyed).select(*keys, "__deid_n"))
    left_keys = (left_classes.join(row_sets, on=parts)
                 .select("__deid_id", *[(pl.col(w) - (pl.col(w) & pl.col(r))).alias(w) for w, r in zip(values, rights, strict=True)],
                         *(["__deid_t"] if tag else rights))
                 .with_columns(keyed).select("__deid_id", *keys))
    found = left_keys.join(right_keys, on=keys, how="inner").group_by("__deid_id").agg(pl.col("__deid_n").sum())
    return (left_classes.join(found, on="__deid_id", how="left")
            .select(*values, pl.col("__deid_n").fill_null(0).cast(pl.Int64).alias("candidates"))
            .collect(engine="streaming"))


def _mutual_matches(left: pl.DataFrame, right: pl.DataFrame, words: Packing) -> tuple[np.ndarray, np.ndarray]:
    """`_packed_matches` both ways at once: per distinct packed value of `left` (`__deid_n` rows each), how many rows of
    `right` it matches, and per value of `right`, how many rows of `left`, in their order. The joins are those of
    `_packed_part_matches` (a class and a row meet at most once), each meeting counted for both; chunked alike."""
    values = [f"__deid_w{j}" for j in range(len(words))]
    mine, theirs = np.zeros(left.height, np.int64), np.zeros(right.height, np.int64)
    if not left.height or not right.height:
        return mine, theirs
    both = pl.concat([left.select(values), right.select(values)])
    flags = iter(both.select([((pl.col(w) & pl.lit(m, pl.UInt64)) == 0).any().alias(f"{j}:{i}")
                              for j, (w, fields) in enumerate(zip(values, words, strict=True)) for i, m in enumerate(fields)]).row(0)
                 if any(words) else ())
    never_blank = [sum(m for m in fields if not next(flags)) for fields in words]
    left = left.with_row_index("__deid_a")
    right = right.with_row_index("__deid_b")
    chunks = (left.height + right.height) // CHUNK_ROWS + 1 if any(never_blank) else 1
    if chunks == 1:
        pieces = [(left, right)]
    else:
        chunk = pl.struct([(pl.col(w) & pl.lit(m, pl.UInt64)) for w, m in zip(values, never_blank, strict=True)]).hash(seed=0) % chunks
        lefts = left.with_columns(chunk.alias("__deid_chunk")).partition_by("__deid_chunk", as_dict=True, include_key=False)
        rights = right.with_columns(chunk.alias("__deid_chunk")).partition_by("__deid_chunk", as_dict=True, include_key=False)
        pieces = [(part, rights[key]) for key, part in lefts.items() if key in rights]
    for part_left, part_right in pieces:
        found_a, found_b = _mutual_part_matches(part_left, part_right, words, never_blank)
        mine[found_a.get_column("__deid_a").to_numpy()] = found_a.get_column("__deid_n").to_numpy()
        theirs[found_b.get_column("__deid_b").to_numpy()] = found_b.get_column("__deid_n").to_numpy()
    return mine, theirs


def _mutual_part_matches(left: pl.DataFrame, right: pl.DataFrame, words: Packing,
                         never_blank: list[int]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`_packed_part_matches` both ways: `left` and `right` with `__deid_a` and `__deid_b` (their ids) and `__deid_n`;
    per id met at all, the rows of the other side it matches (`__deid_n`)."""
    j = _PartJoin.of(words, never_blank)
    values, lefts, rights, parts, tag, keys, keyed = j.values, j.lefts, j.rights, j.parts, j.tag, j.keys, j.keyed
    right_rows = right.lazy().with_columns(j.blanks(rights)).with_columns(j.in_part).with_columns(tag)
    left_classes = left.lazy().rename({"__deid_n": "__deid_m"}).with_columns(j.blanks(lefts)).with_columns(j.in_part)
    row_sets = right_rows.select(*parts, *rights, *(["__deid_t"] if tag else [])).unique()
    extra = (row_sets.select(*parts, *rights).join(left_classes.select(*parts, *lefts).unique(), on=parts)
             .select(*parts, *rights, *[(pl.col(b) - (pl.col(b) & pl.col(r))).alias(b) for b, r in zip(lefts, rights, strict=True)])
             .unique())
    right_keys = (right_rows.join(extra, on=[*parts, *rights])
                  .select("__deid_b", *[(pl.col(w) - (pl.col(w) & pl.col(b))).alias(w) for w, b in zip(values, lefts, strict=True)],
                          *(["__deid_t"] if tag else rights), "__deid_n")
                  .with_columns(keyed).select("__deid_b", *keys, "__deid_n"))
    left_keys = (left_classes.join(row_sets, on=parts)
                 .select("__deid_a", "__deid_m", *[(pl.col(w) - (pl.col(w) & pl.col(r))).alias(w) for w, r in zip(values, rights, strict=True)],
                         *(["__deid_t"] if tag else rights))
                 .with_columns(keyed).select("__deid_a", "__deid_m", *keys))
    met = left_keys.join(right_keys, on=keys, how="inner")
    found_a, found_b = pl.collect_all([met.group_by("__deid_a").agg(pl.col("__deid_n").sum().cast(pl.Int64)),
                                       met.group_by("__deid_b").agg(pl.col("__deid_m").sum().cast(pl.Int64).alias("__deid_n"))],
                                      engine="streaming")
    return found_a, found_b


def _as_text(parts: list[pl.DataFrame], keep: list[str], columns: list[str],
             dtype: pl.DataType | type[pl.DataType] = pl.Utf8) -> pl.DataFrame:
    """Every case in one table, every shared column as text, or as codes (a column a case does not share: blank)."""
    frame = pl.concat([p.select([c for c in p.columns if c in keep or c in columns]) for p in parts], how="diagonal_relaxed")
    frame = frame.with_columns([pl.lit(None, dtype).alias(c) for c in columns if c not in frame.columns])
    return frame.select(*keep, *[pl.col(c).cast(dtype) for c in columns])


def _coded_column(a: _Side, b: _Side, column: str, policy: LinkagePolicy) -> tuple[pl.Series, pl.Series]:
    """`_harmonise_column` with each distinct text as a small integer (one code per distinct text over both sides,
    a blank stays blank). Within a pair the codes match where the texts do, so counting matches on codes counts
    the same; coding once per column, not per measurement, is what makes them worth having."""
    return _as_pair_codes(*_harmonise_column(a, b, column, policy))


def _as_pair_codes(va: pl.Series, vb: pl.Series) -> tuple[pl.Series, pl.Series]:
    values = pl.concat([va, vb]).drop_nulls().unique().sort()   # sorted: a code stays while the texts do (`_known_matches`)
    codes = pl.int_range(values.len(), dtype=pl.UInt32, eager=True)
    return (va.replace_strict(values, codes, default=None, return_dtype=pl.UInt32),
            vb.replace_strict(values, codes, default=None, return_dtype=pl.UInt32))


def _candidates(classes: list[pl.DataFrame], rows: list[pl.DataFrame], columns: list[str], coded: bool = False) -> pl.DataFrame:
    """Per (case, class) of one side: how many rows of the other side in the same case it matches.

    A blank, on either side, matches anything. Joins only on equality, so the cost grows with the
    rows and not with their product: a row with blanks in the set R of columns matches a class
    with blanks in the set L exactly when the two agree on every column outside L and R. So the
    rows (grouped by value) are repeated once per distinct blank set L of the classes, with L's
    columns blanked too, and the classes once per distinct blank set R of the rows, with R's
    columns blanked; the two meet on (case, L, R, the values left). A class matching no row gets 0.

    The shared columns travel packed into a few 64-bit words (see `_packing`): each value's code
    in its own bit field, a blank as a zero field, and a blank set as the mask of its fields, so
    blanking L's columns is one `w - (w & L)` per word and the joins compare a few integers, not
    a dozen nullable columns. Columns blank nowhere in the case (provider, say) are never
    blanked, so a row can only match classes with the same values in them: the rows are repeated
    only for the blank sets of the classes that share those values, and the classes only for the
    blank sets of the rows that do. With `coded`, the shared columns already hold codes (`_coded_column`), not text.
    """
    empty = pl.DataFrame(schema={"case_id": pl.Int64, "id": pl.UInt32, "candidates": pl.Int64})
    if not columns or not any(r.height for r in rows) or not any(c.height for c in classes):
        return empty
    if coded:
        left = _as_text(classes, ["__deid_case", "__deid_id"], columns, pl.UInt32)
        right = _as_text(rows, ["__deid_case"], columns, pl.UInt32)
    else:
        left, right = _as_codes(_as_text(classes, ["__deid_case", "__deid_id"], columns), _as_text(rows, ["__deid_case"], columns),
                                columns)
    words = _packing(left, right, columns, coded)
    values = [f"__deid_w{j}" for j in range(len(words))]
    lefts, rights = [f"__deid_l{j}" for j in range(len(words))], [f"__deid_r{j}" for j in range(len(words))]

    def packed(blank_names: list[str]) -> list[pl.Expr]:
        out = []
        for j, fields in enumerate(words):
            out.append(functools.reduce(operator.or_, [
                pl.col(c).cast(pl.UInt64).add(1).fill_null(0) * pl.lit(1 << offset, pl.UInt64) for c, offset, _ in fields]
            ).alias(values[j]))
            out.append(functools.reduce(operator.or_, [
                pl.col(c).is_null().cast(pl.UInt64) * pl.lit(mask, pl.UInt64) for c, _, mask in fields]).alias(blank_names[j]))
        return out

    def blanked_by(masks: list[str]) -> list[pl.Expr]:
        return [(pl.col(w) - (pl.col(w) & pl.col(m))).alias(w) for w, m in zip(values, masks, strict=True)]

    never_blank = [sum(mask for c, _, mask in fields if not left.get_column(c).has_nulls() and not right.get_column(c).has_nulls())
                   for fields in words]
    parts = [f"__deid_p{j}" for j in range(len(words))]
    part = ["__deid_case", *parts]
    in_part = [(pl.col(w) & pl.lit(m, pl.UInt64)).alias(p) for w, m, p in zip(values, never_blank, parts, strict=True)]
    keys = ["__deid_case", *lefts, *rights, *values]
    right_rows = (right.lazy().select("__deid_case", *packed(rights))
                  .group_by("__deid_case", *rights, *values).agg(pl.len().alias("__deid_n")).with_columns(in_part))
    left_classes = left.lazy().select("__deid_case", "__deid_id", *packed(lefts)).with_columns(in_part)
    right_keys = (right_rows.join(left_classes.select(*part, *lefts).unique(), on=part)
                  .with_columns(blanked_by(lefts)).group_by(keys).agg(pl.col("__deid_n").sum()))
    left_keys = (left_classes.join(right_rows.select(*part, *rights).unique(), on=part)
                 .with_columns(blanked_by(rights)))
    found = (left_keys.join(right_keys, on=keys, how="inner")
             .group_by("__deid_case", "__deid_id").agg(pl.col("__deid_n").sum()))
    return (left_classes.select("__deid_case", "__deid_id").join(found, on=["__deid_case", "__deid_id"], how="left")
            .select(pl.col("__deid_case").cast(pl.Int64).alias("case_id"), pl.col("__deid_id").cast(pl.UInt32).alias("id"),
                    pl.col("__deid_n").fill_null(0).cast(pl.Int64).alias("candidates"))
            .collect(engine="in-memory"))


def _packing(left: pl.DataFrame, right: pl.DataFrame, columns: list[str], coded: bool = False) -> list[list[tuple[str, int, int]]]:
    """How the coded columns fit into 64-bit words: per word, (column, offset, mask of its field).

    A column of codes 0..n-1 needs the bits of n (its value is stored as code + 1, a blank as 0). Codes made
    per pair (`coded`) need not all occur in the rows measured, so n is then the largest code + 1."""
    words: list[list[tuple[str, int, int]]] = [[]]
    used = 0
    for c in columns:
        both = pl.concat([left.get_column(c), right.get_column(c)]).drop_nulls()
        top = both.max()
        codes = (int(cast(int, top)) + 1 if both.len() else 0) if coded else both.n_unique()   # 0..n-1 (`_as_codes`)
        bits = max(1, codes.bit_length())
        if used + bits > 64:
            words.append([])
            used = 0
        words[-1].append((c, used, ((1 << bits) - 1) << used))
        used += bits
    return words


def _as_codes(left: pl.DataFrame, right: pl.DataFrame, columns: list[str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Both sides' shared columns as small integers (one code per distinct text over both; blank stays blank),
    so the joins compare numbers rather than text."""
    codes = []
    for c in columns:
        values = pl.concat([left.get_column(c), right.get_column(c)]).drop_nulls().unique()
        codes.append(pl.col(c).replace_strict(values, pl.int_range(values.len(), dtype=pl.UInt32, eager=True),
                                              default=None, return_dtype=pl.UInt32))
    return left.with_columns(codes), right.with_columns(codes)


def measure_linkage(warehouse: Warehouse, extracts: dict[str, pl.DataFrame], policy: LinkagePolicy,
                    earlier: tuple[EarlierExtract, ...] = ()) -> tuple[LinkagePair, ...]:
    """How linkable every pair of extracts is, as supplied (no remedy)."""
    sides = {n: _side(n, n, f, policy, True) for n, f in extracts.items()}
    cases = _pairs(sides, [_side(e.name, e.purpose, e.frame, policy, False) for e in earlier])
    return tuple(LinkagePair(a.name, b.name, m.columns, policy.k, policy.allowed_share(a.purpose, b.purpose), m.counts, m.counts)
                 for (a, b), m in zip(cases, _measure_cases(cases, policy, rows={}), strict=True))


def _pairs(current: dict[str, _Side], earlier: list[_Side]) -> list[tuple[_Side, _Side]]:
    """This run's extracts of different purposes, and each against earlier releases whose pseudonyms differ."""
    names = sorted(current)
    pairs = [(current[x], current[y]) for i, x in enumerate(names) for y in names[i + 1:]
             if current[x].purpose != current[y].purpose]
    for name in names:
        for old in earlier:
            if old.purpose != current[name].purpose or not _same_pseudonyms(current[name].frame, old.frame):
                pairs.append((current[name], old))
    return pairs


def _same_pseudonyms(a: pl.DataFrame, b: pl.DataFrame) -> bool:
    if "person_id" not in a.columns or "person_id" not in b.columns:
        return False
    return bool(a.get_column("person_id").is_in(b.get_column("person_id").implode()).any())


# --- information lost -------------------------------------------------------------------------------


def _cell_loss(policy: LinkagePolicy, column: str, values: pl.Series, level: int, domain: pl.Series, domain_level: int) -> pl.Series:
    """Loss metric per cell of `values` (at `level`): (g - 1) / (D - 1) over the D values of `domain`."""
    scale = policy.scale(column)
    distinct = domain.drop_nulls().unique()
    d = max(distinct.len(), 2)
    if level <= domain_level:
        return pl.Series([0.0] * values.len()).set(values.is_null(), 1.0) if values.len() else pl.Series([], dtype=pl.Float64)
    sizes = scale.lift(distinct, domain_level, level).value_counts(name="size").rename({distinct.name: "label"})
    labels = pl.DataFrame({"label": scale.lift(values, level, level)})
    got = labels.join(sizes.cast({"label": pl.Utf8}), on="label", how="left", maintain_order="left").get_column("size")
    return ((got.fill_null(1).cast(pl.Float64) - 1) / (d - 1)).set(values.is_null(), 1.0)


# --- the control -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Blanking:
    """A remedy blanking `column` (and its companions) in the rows `rows` (a mask) of `base`; `column` gets `token`."""

    base: _Side
    column: str
    rows: pl.Series
    token: object
    together: tuple[str, ...] = ()   # every column blanked: `column` and its companions


@dataclass(frozen=True)
class _Candidate:
    extract: str
    column: str
    action: RemedyKind
    detail: str
    made: _Side | Callable[[], _Side]   # the side after the remedy, or how to make it (see `side`)
    rows_affected: int
    loss: float
    blanking: _Blanking | None = None   # a blanking is scored from the side as it is (`_State.scoring_side`)

    @functools.cached_property
    def side(self) -> _Side:
        """The side after the remedy, made when first wanted: a blanking copies whole columns, and of the many
        proposed each step only the one taken (or one that cannot be scored otherwise) is wanted."""
        return self.made if isinstance(self.made, _Side) else self.made()


Measures = dict[tuple[str, str], _Measured]


class _State:
    """The extracts under control, the earlier ones they are measured against, and the domain of
    every shared column as supplied (for the loss metric)."""

    def __init__(self, warehouse: Warehouse, sides: dict[str, _Side], earlier: list[_Side], policy: LinkagePolicy):
        self.warehouse, self.sides, self.earlier, self.policy = warehouse, sides, earlier, policy
        self.domains: dict[str, tuple[pl.Series, int]] = {}
        for s in sides.values():
            for c in s.frame.columns:
                if c in policy.ignore or c in self.domains:
                    continue
                holders = [x for x in sides.values() if c in x.frame.columns]
                level = min(x.levels.get(c, 0) for x in holders)
                # the distinct values only: the loss metric counts them, and a national quarter's columns are large
                self.domains[c] = (pl.concat([policy.scale(c).lift(x.frame.get_column(c), x.levels.get(c, 0), level)
                                              .drop_nulls().unique() for x in holders]).unique().rename(c), level)
        self.cells = {n: s.frame.height * len([c for c in s.frame.columns if c not in policy.ignore]) for n, s in sides.items()}
        # A step changes a column or two of one extract, yet proposing, choosing and measuring work out
        # the same figures from every other column again: they are kept under the columns' tokens (see
        # `_Side.versions`), so only what a remedy changed is worked out anew. Evidence depends on the
        # rows linkable now, so it is kept for one step only (the sides are kept with it, so their ids stay theirs).
        self._shares: dict[tuple[object, ...], tuple[pl.Series, pl.Series]] = {}
        self._coded: dict[tuple[object, ...], tuple[pl.Series, pl.Series]] = {}
        self._folded: dict[tuple[object, ...], int | None] = {}   # the catch-all label's code, for a folded column (`coded`)
        self._side_loss: dict[tuple[object, ...], pl.Series] = {}
        self._gains: dict[tuple[object, ...], pl.Series] = {}   # 1 - `side_loss`: what blanking a cell would lose
        self._coarsened: dict[tuple[object, ...], tuple[pl.Series, int, float, object]] = {}
        self._pair_bits: dict[tuple[int, int, str], tuple[_Side, _Side, float]] = {}
        self._linkable_masks: dict[tuple[str, object, int], tuple[pl.Series, pl.Series]] = {}
        self._packed: dict[tuple[object, ...], tuple[pl.DataFrame, list[pl.Series]]] = {}   # the last measurement's (`packed`)
        self.matches: KeptMatches = {}   # per (extract, other): what its classes matched last (`_known_matches`)
        self.rows: KeptRows = {}         # per (extract, other): what its rows matched last (`_count_rows`)

    def new_step(self) -> None:
        """Forget what was kept for columns no extract holds any more (remedies proposed but not taken)."""
        self._pair_bits.clear()
        self._linkable_masks.clear()
        live = {token for side in [*self.sides.values(), *self.earlier] for token in side.versions.values()}
        self._coarsened = {k: v for k, v in self._coarsened.items() if k[2] in live}
        live |= {v[3] for v in self._coarsened.values()}   # a coarsening proposed again next step keeps its figures
        self._shares = {k: v for k, v in self._shares.items() if k[-2] in live and k[-1] in live}
        self._coded = {k: v for k, v in self._coded.items() if k[-2] in live and k[-1] in live}
        self._folded = {k: v for k, v in self._folded.items() if k in self._coded}
        self._side_loss = {k: v for k, v in self._side_loss.items() if k[2] in live}
        self._gains = {k: v for k, v in self._gains.items() if k[2] in live}

    def side_loss(self, side: _Side, column: str) -> pl.Series:
        """`loss` of a side's column as it stands (kept while the column is unchanged)."""
        key = (column, side.levels.get(column, 0), side.versions[column])
        if key not in self._side_loss:
            self._side_loss[key] = self.loss(column, side.frame.get_column(column), side.levels.get(column, 0))
        return self._side_loss[key]

    def blank_loss(self, side: _Side, column: str) -> pl.Series:
        """Per row, the information blanking a side's column loses (1 - `side_loss`; kept while the column is unchanged)."""
        key = (column, side.levels.get(column, 0), side.versions[column])
        if key not in self._gains:
            self._gains[key] = 1 - self.side_loss(side, column)
        return self._gains[key]

    def coarsened(self, side: _Side, column: str) -> tuple[pl.Series, int, float, object]:
        """A side's column lifted one level: the values, how many changed, the information lost, and its token."""
        key = (side.name, column, side.versions[column])
        if key not in self._coarsened:
            scale, level, values = self.policy.scale(column), side.levels.get(column, 0), side.frame.get_column(column)
            lifted = scale.lift(values, level, level + 1)
            changed = int((lifted != values.cast(pl.Utf8)).fill_null(False).sum())
            loss = float((self.loss(column, lifted, level + 1) - self.side_loss(side, column)).sum())
            self._coarsened[key] = (lifted, changed, loss, object())
        return self._coarsened[key]

    def _pair_key(self, a: _Side, b: _Side, column: str) -> tuple[object, ...]:
        return (a.name, a.purpose, b.name, b.purpose, column, a.levels.get(column, 0), b.levels.get(column, 0),
                a.versions[column], b.versions[column])

    def coded(self, a: _Side, b: _Side, column: str) -> tuple[pl.Series, pl.Series]:
        """`_coded_column`, once for a pair of columns as they stand (the harmonised texts are not kept: the
        codes stand for them, one for one, and take a fraction of their memory)."""
        key = self._pair_key(a, b, column)
        if key not in self._coded:
            label = _fold_label(a, b, column, self.policy)
            if label is None:
                self._coded[key] = _coded_column(a, b, column, self.policy)
            else:   # the code of the catch-all label too (`folded_code`), should there be one
                va, vb = _harmonise_column(a, b, column, self.policy)
                self._coded[key] = _as_pair_codes(va, vb)
                codes = pl.concat(self._coded[key]).filter(pl.concat([va, vb]) == label)
                self._folded[key] = (int(cast(int, codes[0])) if codes.len() else None)
        return self._coded[key]

    def folded_code(self, a: _Side, b: _Side, column: str) -> int | None:
        """The code (`coded`) of the catch-all label of a column a purpose of the pair folds, if either side holds it."""
        self.coded(a, b, column)
        return self._folded.get(self._pair_key(a, b, column))

    def shares(self, a: _Side, b: _Side, column: str) -> tuple[pl.Series, pl.Series]:
        """`_shares` of every row of `a` against `b` in `column`, and of `b` against `a`, once for the columns as they stand
        (from the codes: a code agrees where its text does, so the shares are those of the texts)."""
        key = self._pair_key(a, b, column)
        if key not in self._shares:
            va, vb = self.coded(a, b, column)
            self._shares[key] = (_shares(va, vb), _shares(vb, va))
        return self._shares[key]

    def scoring_side(self, cand: _Candidate) -> _Side:
        """The side to weigh a remedy's evidence on (`evidence`). For a blanking of a column no purpose folds: the
        side as it is, with the column's new token, its shares worked out from those of the side as it is
        (`_blanked_shares`), so the blanked copy is not made; otherwise the side after the remedy."""
        blanking = cand.blanking
        if blanking is None:
            return cand.side
        base, column = blanking.base, blanking.column
        side = replace(base, versions={**base.versions, column: blanking.token})
        for a, b in self.pairs({**self.sides, base.name: side}):
            if base.name not in (a.name, b.name) or column not in a.frame.columns or column not in b.frame.columns:
                continue
            key = self._pair_key(a, b, column)
            if key in self._shares:
                continue
            if _fold_label(a, b, column, self.policy) is not None:   # the other side's values fold again (`_blanked_fold_codes`)
                other = b if a is side else a
                pair = (base, other) if a is side else (other, base)
                codes, label = self.coded(*pair, column), self.folded_code(*pair, column)
                mine, theirs = _blanked_fold_codes(codes if a is side else codes[::-1], blanking.rows, label)
                shares = (_shares(mine, theirs), _shares(theirs, mine))
                self._shares[key] = shares if a is side else shares[::-1]
            elif a is side:
                self._shares[key] = _blanked_shares(self.shares(base, b, column), self.coded(base, b, column), blanking.rows)
            else:
                (theirs, mine), (their_codes, my_codes) = self.shares(a, base, column), self.coded(a, base, column)
                self._shares[key] = _blanked_shares((mine, theirs), (my_codes, their_codes), blanking.rows)[::-1]
        return side

    def carry_codes(self, cand: _Candidate) -> None:
        """Once a blanking is taken: the codes (`coded`) of the columns it blanked, worked out from the codes before
        (`_blanked_codes`) rather than from the texts again. Not for a column a purpose folds (its folded values
        depend on what the other side holds)."""
        blanking = cand.blanking
        if blanking is None:
            return
        base, side = blanking.base, cand.side
        folded = {c for fields, _ in self.policy.folds.values() for c in fields}
        changed = [c for c in blanking.together if c not in folded and side.versions[c] is not base.versions[c]]
        for a, b in self.pairs():
            if a is not side and b is not side:
                continue
            for column in (c for c in changed if c in a.frame.columns and c in b.frame.columns and c not in self.policy.ignore):
                if a is side:
                    before = self._coded.get(self._pair_key(base, b, column))
                    if before is not None:
                        self._coded[self._pair_key(a, b, column)] = _blanked_codes(before, blanking.rows)
                else:
                    before = self._coded.get(self._pair_key(a, base, column))
                    if before is not None:
                        self._coded[self._pair_key(a, b, column)] = _blanked_codes(before[::-1], blanking.rows)[::-1]

    def pairs(self, sides: dict[str, _Side] | None = None) -> list[tuple[_Side, _Side]]:
        return _pairs(sides or self.sides, self.earlier)

    def measure_all(self, previous: Measures | None = None) -> Measures:
        """Every pair; with `previous`, only the rows that matched fewer than k rows then (see `_measure_cases`)."""
        cases = self.pairs()
        watch = [previous[(a.name, b.name)].at_risk_rows if previous and (a.name, b.name) in previous else None
                 for a, b in cases]
        kept, self._packed = self._packed, {}
        measured = _measure_cases(cases, self.policy, watch, self.coded, self.matches, functools.partial(self.packed, kept=kept),
                                  self.rows)
        return {(a.name, b.name): m for (a, b), m in zip(cases, measured, strict=True)}

    def packed(self, side: _Side, other: _Side, columns: list[str], words: Packing, which: int,
               kept: dict[tuple[object, ...], tuple[pl.DataFrame, list[pl.Series]]] | None = None) -> pl.DataFrame:
        """`_packed_rows` of one side of a pair (`which`: 0 if it is the pair's first), the same frame as the last
        measurement's while the side's rows, its codes and the packing stay: a step changes one extract, so the other
        is not packed again, and its counts are known to be of the very rows counted before (`_known_matches`)."""
        pair = (side, other) if which == 0 else (other, side)
        codes = [self.coded(*pair, c)[which] for c in columns]
        # the codes themselves, not the pair's tokens: a side's codes stay the same objects while the other side's
        # changes leave them be (`carry_codes`); kept with the frame, so their ids are not reused meanwhile
        key = (which, side.versions[ROW], tuple(tuple(fields) for fields in words), *(id(c) for c in codes))
        held = (kept or {}).get(key)
        frame = held[0] if held is not None else _packed_rows(side.frame.get_column(ROW), codes, words)
        self._packed[key] = (frame, codes)
        return frame

    def loss(self, column: str, values: pl.Series, level: int) -> pl.Series:
        domain, domain_level = self.domains.get(column, (values, 0))
        return _cell_loss(self.policy, column, values, level, domain, domain_level)

    def row_shares(self, side: _Side, column: str) -> pl.Series:
        """Per row of `side`: the smallest share of another extract's rows agreeing with its value in `column`."""
        shares = []
        for a, b in self.pairs():
            if side.name in (a.name, b.name) and column in a.frame.columns and column in b.frame.columns:
                sa, sb = self.shares(a, b, column)
                shares.append(sa if a.name == side.name else sb)
        if not shares:
            return pl.Series(column, [1.0] * side.frame.height, pl.Float64)
        if len(shares) == 1:
            return shares[0]
        return pl.DataFrame([x.rename(f"s{i}") for i, x in enumerate(shares)]).select(pl.min_horizontal(pl.all())).to_series()

    def _linkable_mask(self, side: _Side, linkable: pl.Series) -> pl.Series:
        """Which rows of `side` are among `linkable` (once a step: remedies other than withholding keep the rows)."""
        key = (side.name, side.versions[ROW], id(linkable))
        if key not in self._linkable_masks:
            self._linkable_masks[key] = (linkable, side.frame.get_column(ROW).is_in(linkable.implode()))
        return self._linkable_masks[key][1]

    def evidence(self, sides: dict[str, _Side], column: str, extract: str, measured: Measures) -> float:
        """Bits of evidence `column` gives, over the pairs `extract` is in, toward linking the rows now linkable.

        A linkable row's value that a share p of the other extract's rows agrees with (or leaves
        blank) narrows its matches by -log2 p; a row loses its last match only when these add up.
        Remedies are chosen by the evidence they remove per cell of information lost.
        """
        total = 0.0
        for a, b in self.pairs(sides):
            if extract not in (a.name, b.name) or column not in a.frame.columns or column not in b.frame.columns:
                continue
            m = measured.get((a.name, b.name))
            if m is None:
                continue
            key = (id(a), id(b), column)   # the same pair of sides weighed again (from the other extract's view)
            if key not in self._pair_bits:
                sa, sb = self.shares(a, b, column)
                self._pair_bits[key] = (a, b, _bits(sa, self._linkable_mask(a, m.linkable_rows[0]), b.frame.height)
                                        + _bits(sb, self._linkable_mask(b, m.linkable_rows[1]), a.frame.height))
            total += self._pair_bits[key][2]
        return total


def _shares(values: pl.Series, other: pl.Series) -> pl.Series:
    """Per value, the share of `other`'s rows that agree with it (the same value, or blank); a blank: 1."""
    if other.len() == 0:
        return pl.Series(values.name, [1.0] * values.len(), pl.Float64)
    if values.dtype == pl.UInt32 and other.dtype == pl.UInt32:   # codes (`_as_pair_codes`): counted by position
        size = max([int(cast(int, c.max())) + 1 for c in (values, other) if c.len() > c.null_count()], default=0)
        held = np.bincount(other.drop_nulls().to_numpy().astype(np.int64), minlength=size)
        agree = pl.Series("agree", held[values.fill_null(0).to_numpy().astype(np.int64)] if size else
                          np.zeros(values.len(), np.int64))
    else:
        counts = other.drop_nulls().value_counts(name="agree")
        agree = pl.DataFrame({values.name: values}).join(counts, on=values.name, how="left", maintain_order="left") \
            .get_column("agree").fill_null(0)
    # the same arithmetic either way, in polars (its division is not always numpy's to the last bit)
    share = (agree.cast(pl.Float64) + other.null_count()) / other.len()
    return pl.select(pl.when(values.is_null()).then(1.0).otherwise(share)).to_series().rename(values.name)


def _blanked_shares(shares: tuple[pl.Series, pl.Series], codes: tuple[pl.Series, pl.Series],
                    rows: pl.Series) -> tuple[pl.Series, pl.Series]:
    """`_shares` both ways once the rows `rows` (a mask) of the first side are blanked, from the shares and codes
    (`_as_pair_codes`) before: its blanked rows agree with anything (1.0), its other rows keep theirs, and the
    other side's rows count the first side's agreeing rows again (fewer hold their value, more are blank).
    The figures are those `_shares` gives for the blanked values, worked out the same way."""
    mine, _ = shares
    my_codes, their_codes = codes
    kept = my_codes.filter(~rows).drop_nulls()
    if my_codes.len() == 0:
        theirs = pl.Series(their_codes.name, [1.0] * their_codes.len(), pl.Float64)
    else:
        size = max([int(cast(int, c.max())) + 1 for c in (my_codes, their_codes) if c.len() > c.null_count()], default=0)
        held = np.bincount(kept.to_numpy().astype(np.int64), minlength=size)
        agree = pl.Series("agree", held[their_codes.fill_null(0).to_numpy().astype(np.int64)] if size else
                          np.zeros(their_codes.len(), np.int64))
        share = (agree.cast(pl.Float64) + (my_codes.len() - kept.len())) / my_codes.len()
        theirs = pl.select(pl.when(their_codes.is_null()).then(1.0).otherwise(share)).to_series()
    return pl.select(pl.when(rows).then(1.0).otherwise(mine)).to_series(), theirs


def _blanked_fold_codes(codes: tuple[pl.Series, pl.Series], rows: pl.Series, label: int | None) -> tuple[pl.Series, pl.Series]:
    """Codes (`coded`) of a folded column standing for the values once the rows `rows` (a mask) of the first side are
    blanked, from the codes before and the catch-all label's code (`label`; None: neither side holds it). The first side's
    other values stay (the second side's values, which they are folded against, stay), and a value of the second side
    that no row of the first holds any more folds into the label (`_fold`). Codes alike where the values are, not the
    codes `_coded_column` would give: for shares (`_shares`), not for measuring."""
    mine, theirs = codes
    blanked = mine.set(rows, None)
    size = max([int(cast(int, c.max())) + 1 for c in (mine, theirs) if c.len() > c.null_count()], default=0)
    label = size if label is None else label
    held = np.bincount(blanked.drop_nulls().to_numpy().astype(np.int64), minlength=size + 1) > 0
    held[label] = True
    values = theirs.fill_null(0).to_numpy().astype(np.int64)
    folded = pl.Series(theirs.name, np.where(held[values], values, label).astype(np.uint32), pl.UInt32)
    return blanked, folded.set(theirs.is_null(), None)


def _blanked_codes(codes: tuple[pl.Series, pl.Series], rows: pl.Series) -> tuple[pl.Series, pl.Series]:
    """`_as_pair_codes` of a pair once the rows `rows` (a mask) of the first side are blanked, from the codes before.
    A code is its text's rank among the texts either side holds, so the codes stay while every text is still held,
    and close up over a text no row holds any more (the order is kept); blanking changes no other value."""
    mine, theirs = codes
    blanked = mine.set(rows, None)
    size = max([int(cast(int, c.max())) + 1 for c in (mine, theirs) if c.len() > c.null_count()], default=0)
    held = (np.bincount(blanked.drop_nulls().to_numpy().astype(np.int64), minlength=size)
            + np.bincount(theirs.drop_nulls().to_numpy().astype(np.int64), minlength=size)) > 0
    if held.all():
        return blanked, theirs
    rank = pl.Series("rank", (np.cumsum(held) - 1).astype(np.uint32))
    return rank.gather(blanked).rename(mine.name), rank.gather(theirs).rename(theirs.name)


def _bits(shares: pl.Series, linkable: pl.Series, other_rows: int) -> float:
    """Bits of evidence the linkable rows' values give, from every row's `_shares` against the other extract
    (`linkable`: a mask over the rows)."""
    if not linkable.any() or other_rows == 0:
        return 0.0
    # one query, not a step each: weighing a step's remedies takes thousands of these
    return float(pl.select(-(pl.lit(shares).filter(pl.lit(linkable)).clip(1.0 / (other_rows + 1), 1.0).log(2)).sum()).item())


def _excess(measured: Measures) -> int:
    return sum(m.excess for m in measured.values())


def _linkable_rows(measured: Measures, extract: str) -> pl.Series:
    ids = [m.linkable_rows[i] for m in measured.values() for i, c in enumerate(m.counts) if c.extract == extract]
    return pl.concat(ids).unique() if ids else pl.Series(ROW, [], pl.UInt32)


def _remediable(state: _State, side: _Side) -> list[str]:
    shared = {c for a, b in state.pairs() if side.name in (a.name, b.name) for c in shared_columns(a, b, state.policy)}
    keep = state.policy.keep.get(side.purpose, frozenset())
    return sorted(c for c in shared if c not in keep)


def _with_companions(state: _State, side: _Side, column: str) -> list[str]:
    return [column, *(c for c in state.policy.companions.get(column, ()) if c in side.frame.columns)]


def _propose(state: _State, side: _Side, measured: Measures) -> list[_Candidate]:
    """Every remedy open for one extract: coarsen, drop or blank (in its linkable rows) each shared column."""
    out: list[_Candidate] = []
    frame = side.frame
    hit = frame.get_column(ROW).is_in(_linkable_rows(measured, side.name).implode())
    for column in _remediable(state, side):
        scale, level = state.policy.scale(column), side.levels.get(column, 0)
        values = frame.get_column(column)
        blank = state.blank_loss(side, column)
        together = _with_companions(state, side, column)
        companions_in_use = [c for c in together[1:] if frame.get_column(c).null_count() < frame.height]
        if level < scale.depth and not companions_in_use:
            lifted, changed, loss, token = state.coarsened(side, column)
            if changed:
                out.append(_Candidate(side.name, column, "coarsen", f"{scale.describe(level)} -> {scale.describe(level + 1)}",
                                      _changed(side, frame.with_columns(lifted), [column], {**side.levels, column: level + 1},
                                               {column: token}),
                                      changed, loss))
        if column in state.policy.may_drop.get(side.purpose, frozenset()):
            lost = float(blank.filter(values.is_not_null()).sum()) + sum(
                frame.get_column(c).drop_nulls().len() for c in together[1:])
            out.append(_Candidate(side.name, column, "drop", "column dropped" + _also(together),
                                  _changed(side, frame.drop(together), together), int(values.is_not_null().sum()), lost))
        shares = state.row_shares(side, column) if hit.any() else None
        targets: list[tuple[pl.Series, str]] = []
        for below in SUPPRESS_BELOW:   # blank the column in the linkable rows, or only where its value is rare
            mask = hit & values.is_not_null()
            if below < 1.0 and shares is not None:
                mask = mask & (shares < below)
            where = "" if below >= 1.0 else f" whose value fewer than {below:.0%} of the other extract's rows share"
            targets.append((mask, f"blanked in the linkable rows{where}"))
        # what says what the blank hid (is_maori_data beside an ethnicity) goes with it, in the same rows
        blanked_with = [*together, *(c for c in state.policy.reveals.get(column, ()) if c in frame.columns and c not in together)]
        seen: set[int] = set()
        for mask, detail in targets:
            count = int(mask.sum())
            if count == 0 or count in seen:
                continue
            seen.add(count)
            lost = float(blank.filter(mask).sum()) + sum(
                int((mask & frame.get_column(c).is_not_null()).sum()) for c in blanked_with[1:])
            token = object()
            out.append(_Candidate(side.name, column, "suppress", detail + _also(blanked_with),
                                  functools.partial(_blanked, side, mask, blanked_with, token), count, lost,
                                  _Blanking(side, column, mask, token, tuple(blanked_with))))
    return out


def _blanked(side: _Side, mask: pl.Series, together: list[str], token: object) -> _Side:
    """`side` with `together` blanked in the rows of `mask` (the first column taking `token`)."""
    blanked = side.frame.with_columns(mask.alias("__deid_hit")).with_columns(
        pl.when(pl.col("__deid_hit")).then(None).otherwise(pl.col(c)).alias(c) for c in together).drop("__deid_hit")
    return _changed(side, blanked, together, tokens={together[0]: token})


def _rows_matching(state: _State, a: _Side, b: _Side, columns: list[str], rows_of_b: pl.Series) -> pl.Series:
    """Row ids of `a` that match at least one of the given rows of `b` on `columns`."""
    ka, kb = harmonise(a, b, columns, state.policy)
    classes = _classes(ka, columns, 0)
    singled = kb.filter(pl.col(ROW).is_in(rows_of_b.implode())).with_columns(pl.lit(0, pl.Int64).alias("__deid_case"))
    if not columns:
        return a.frame.get_column(ROW) if singled.height else pl.Series(ROW, [], pl.UInt32)
    hits = _candidates([classes], [singled], columns)
    matched = classes.join(hits.filter(pl.col("candidates") > 0).select(pl.col("id").alias("__deid_id")), on="__deid_id")
    return matched.get_column("__deid_rows").explode().cast(pl.UInt32)


def _also(together: list[str]) -> str:
    return f" (with {', '.join(together[1:])})" if len(together) > 1 else ""


def _withhold(state: _State, side: _Side, measured: Measures) -> _Candidate | None:
    """Withhold the extract's linkable rows, and the rows an earlier release's linkable rows match
    (an earlier release cannot change, so only taking away what its rows single out unlinks them)."""
    linkable = pl.concat([_linkable_rows(measured, side.name), _matched_by_earlier(state, side, measured)]).unique().implode()
    gone = side.frame.filter(pl.col(ROW).is_in(linkable))
    if gone.height == 0:
        return None
    lost = float(sum(gone.get_column(c).drop_nulls().len() for c in gone.columns if c not in state.policy.ignore))
    return _Candidate(side.name, "(whole row)", "withhold", "rows still linkable after every other remedy, withheld",
                      _changed(side, side.frame.filter(~pl.col(ROW).is_in(linkable)), side.frame.columns), gone.height, lost)


def _matched_by_earlier(state: _State, side: _Side, measured: Measures) -> pl.Series:
    """Row ids of `side` that the linkable rows of an earlier release match."""
    found = [pl.Series(ROW, [], pl.UInt32)]
    for a, b in state.pairs():
        m = measured.get((a.name, b.name))
        if a.name == side.name and not b.current and m is not None and m.linkable_rows[1].len():
            found.append(_rows_matching(state, a, b, shared_columns(a, b, state.policy), m.linkable_rows[1]))
    return pl.concat(found).unique()


def _inherit(state: _State, side: _Side) -> list[_Candidate]:
    """Remedies an earlier release of the same extract (same purpose, same pseudonyms) took, taken again.

    Cells hidden before stay hidden, as in the aggregate tables: a column it dropped is dropped, a
    column it coarsened is coarsened as far, and a cell it blanked for a person (by pseudonym and
    provider) is blanked for them again. Otherwise a re-release would hold what the earlier one hid,
    and the two would differ enough to be joined to the other purpose's releases.
    """
    steps: list[_Candidate] = []
    for old in state.earlier:
        if old.purpose != side.purpose or not _same_pseudonyms(side.frame, old.frame):
            continue
        run = old.name.rsplit("run ", 1)[-1].rstrip(")")
        frame = side.frame
        for column in [c for c in frame.columns if c not in old.frame.columns and c not in state.policy.ignore]:
            kept = frame.get_column(column).drop_nulls().len()
            frame = frame.drop(column)
            side = _changed(side, frame, [column])
            steps.append(_Candidate(side.name, column, "drop", f"column dropped, as in the release {run}", side, kept, float(kept)))
        for column in [c for c in frame.columns if old.levels.get(c, 0) > side.levels.get(c, 0)]:
            scale, level, target = state.policy.scale(column), side.levels.get(column, 0), old.levels[column]
            values = frame.get_column(column)
            lifted = scale.lift(values, level, target)
            loss = float((state.loss(column, lifted, target) - state.loss(column, values, level)).sum())
            frame = frame.with_columns(lifted)
            side = _changed(side, frame, [column], {**side.levels, column: target})
            steps.append(_Candidate(side.name, column, "coarsen", f"{scale.describe(level)} -> {scale.describe(target)}, "
                                    f"as in the release {run}", side, int(values.is_not_null().sum()), loss))
        keys = [k for k in ("person_id", "provider") if k in frame.columns and k in old.frame.columns]
        columns = [c for c in frame.columns if c in old.frame.columns and c not in state.policy.ignore and c not in keys]
        if "person_id" not in keys or not columns:
            continue
        blanked = old.frame.group_by(keys).agg([pl.col(c).is_null().any() for c in columns])
        found = frame.select(*keys).join(blanked, on=keys, how="left", maintain_order="left")
        for column in columns:
            mask = found.get_column(column).fill_null(False) & frame.get_column(column).is_not_null()
            if not mask.any():
                continue
            loss = float((1 - state.loss(column, frame.get_column(column), side.levels.get(column, 0))).filter(mask).sum())
            frame = frame.with_columns(mask.alias("__deid_hit")).with_columns(
                pl.when(pl.col("__deid_hit")).then(None).otherwise(pl.col(column)).alias(column)).drop("__deid_hit")
            side = _changed(side, frame, [column])
            steps.append(_Candidate(side.name, column, "suppress", f"blanked where the release {run} blanked it", side,
                                    int(mask.sum()), loss))
    return steps


def _choose(state: _State, candidates: list[_Candidate], measured: Measures) -> _Candidate | None:
    """The remedy removing the most evidence per cell of information lost (ties: the least loss, then the first)."""
    best: tuple[tuple[float, float, int], _Candidate] | None = None
    held: dict[tuple[str, str], float] = {}
    bounded: list[tuple[tuple[float, float, int], int, _Candidate]] = []
    for order, cand in enumerate(candidates):
        key = (cand.extract, cand.column)
        if key not in held:
            held[key] = state.evidence(state.sides, cand.column, cand.extract, measured)
        # Evidence is never negative, so a remedy removes at most what its column holds now: a bound on
        # its score. Candidates are tried best bound first, and once a bound is below the best score
        # found, no later one can win (the choice is the same as trying every candidate).
        top, loss = round(held[key], 6), round(cand.loss, 6)
        if top > 0:
            bounded.append(((math.inf if loss <= 0 else round(top / loss, 6), -loss, -order), order, cand))
    bounded.sort(key=lambda item: item[0], reverse=True)
    for bound, order, cand in bounded:
        if best is not None and bound < best[0]:
            break
        # rounded, so that sums taken in another order (other threads, other chunks) choose alike
        gain = round(held[(cand.extract, cand.column)]
                     - state.evidence({**state.sides, cand.extract: state.scoring_side(cand)}, cand.column, cand.extract,
                                      measured), 6)
        loss = round(cand.loss, 6)
        if gain <= 0:
            continue
        score = (math.inf if loss <= 0 else round(gain / loss, 6), -loss, -order)
        if best is None or score > best[0]:
            best = (score, cand)
    return best[1] if best else None


def control_linkage(warehouse: Warehouse, extracts: dict[str, pl.DataFrame], policy: LinkagePolicy,
                    earlier: tuple[EarlierExtract, ...] = (), room: Mapping[str, float] | None = None,
                    ) -> tuple[dict[str, pl.DataFrame], LinkageResult]:
    """Measure every pair, then remedy greedily until each is within its allowance (or nothing helps).

    Args:
        extracts: this run's extracts by purpose (a `__deid_row` column, if present, is kept).
        earlier: extracts earlier runs released for the same quarter; measured, never changed.
        room: rows each extract may still have withheld (the run's cap, `max_withheld_share` of the extract as
            it came to the gate, less what earlier steps withheld); by default the cap of the extract as given.

    Returns:
        The extracts after the control (with `__deid_row`) and the record of what was measured and done.
    """
    sides = {n: _side(n, n, f, policy, True) for n, f in extracts.items()}
    state = _State(warehouse, sides, [_side(e.name, e.purpose, e.frame, policy, False) for e in earlier], policy)
    measured = state.measure_all()
    before = {key: m.counts for key, m in measured.items()}
    actions: list[LinkageAction] = []
    lost: dict[str, float] = {n: 0.0 for n in sides}
    withheld: dict[str, int] = {n: 0 for n in sides}
    for name in sorted(state.sides):   # what an earlier release of this quarter coarsened, dropped or blanked stays so
        for cand in _inherit(state, state.sides[name]):
            state.sides[name] = cand.side
            lost[name] += cand.loss
            actions.append(LinkageAction(name, cand.column, cand.action, cand.detail, cand.rows_affected, round(cand.loss, 3),
                                         round(cand.loss / max(state.cells[name], 1), 6), -1))
    if actions:
        measured = state.measure_all()
        linkable = sum(c.linkable for m in measured.values() for c in m.counts)
        actions = [replace(a, linkable_after=linkable) for a in actions]
    for _ in range(policy.max_steps):
        if _excess(measured) == 0:
            break
        state.new_step()
        chosen = _choose(state, [c for n in sorted(state.sides) for c in _propose(state, state.sides[n], measured)], measured)
        if chosen is None:  # nothing short of withholding helps: the extract losing the fewest cells, within the cap
            options = [c for n in sorted(state.sides) if (c := _withhold(state, state.sides[n], measured))
                       and withheld[n] + c.rows_affected <= (room[n] if room is not None and n in room
                                                             else policy.max_withheld_share * sides[n].frame.height)]
            chosen = min(options, key=lambda c: c.loss, default=None)
        if chosen is None:
            break
        state.sides[chosen.extract] = chosen.side
        state.carry_codes(chosen)
        measured = state.measure_all(None if chosen.action == "withhold" else measured)
        if chosen.action == "withhold":
            withheld[chosen.extract] += chosen.rows_affected
        lost[chosen.extract] += chosen.loss
        actions.append(LinkageAction(chosen.extract, chosen.column, chosen.action, chosen.detail, chosen.rows_affected,
                                     round(chosen.loss, 3), round(chosen.loss / max(state.cells[chosen.extract], 1), 6),
                                     sum(c.linkable for m in measured.values() for c in m.counts)))
    if not all(m.complete for m in measured.values()):
        measured = state.measure_all()
    purposes = {s.name: s.purpose for s in [*state.sides.values(), *state.earlier]}
    pairs = tuple(LinkagePair(a, b, m.columns, policy.k, policy.allowed_share(purposes[a], purposes[b]), before[(a, b)], m.counts)
                  for (a, b), m in measured.items())
    result = LinkageResult(policy.k, pairs, tuple(actions), {n: round(v, 3) for n, v in lost.items()},
                           {n: round(v / max(state.cells[n], 1), 6) for n, v in lost.items()})
    return {n: s.frame for n, s in state.sides.items()}, result
