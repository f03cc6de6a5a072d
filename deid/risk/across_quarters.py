"""Linkage across quarters: a person is the set of their rows in every quarter a recipient holds.

Pseudonyms are stable within a purpose under one key, so a recipient who keeps each quarter's extract
can put a person's quarters together. Someone holding both purposes' extracts of several quarters can
then ask, for a person of one purpose, which persons of the other purpose are compatible in EVERY
quarter the first is seen in. Two attackers are measured (rows match on the shared columns as `linkage`
matches them: coarser level of the two, folded values, a blank matches anything):

- the superset attacker: each of the person's rows of a quarter must match a row the candidate has in that
  quarter (the candidate may hold more rows, and more quarters);
- the equal-set attacker, who assumes both purposes hold the same rows of a person (true when consent is
  recorded per person, so both purposes get all of a person's rows; a red-team user test linked 46 persons
  this way where the superset measure found 16): the candidate is seen in the same quarters (of those both
  purposes hold), on as many rows in each, and the two persons' rows pair off one to one, each with a row it
  matches. That is a perfect matching, checked exactly: rows matching some row of the other both ways decides
  it for one or two rows each, and from three rows on (rare: a person served by three providers in a quarter)
  the pair's rows are paired off by augmenting paths. Both-way matching alone would not do: it admits candidates
  the attacker rules out, so it would count fewer persons linkable than the attacker links.

A candidate under the equal-set rule is one under the superset rule too, so the equal-set attacker leaves
each person fewer candidates. Each quarter may leave every row matching k or more rows of the other
purpose while the candidates over quarters are fewer than k.

The measure, per pair of purposes and each way: every person of the purpose seen in a quarter both purposes
hold (this run's extracts being the current quarter; earlier quarters from their releases) is *linkable* when
the equal-set attacker leaves them at least one and fewer than k candidates, or, for persons seen in two or
more quarters or on two or more rows of this quarter (a person served by two providers), the superset attacker
does (a person on one row of one quarter is, for the superset attacker, the within-quarter measure of
`linkage`; for the equal-set attacker the persons seen in other quarters or on more rows are not candidates,
so a person new this quarter can link to the few persons of the other purpose new this quarter). Those whose
earlier quarters alone already leave fewer than k (two or more earlier quarters for the superset attacker,
one or more for the equal-set attacker) are *linkable through earlier releases alone*: released already, this run cannot change them, so they
are reported, not remedied. The rest are remedied in this run's rows: blank the shared column (with the
columns that give it away) that leaves fewest persons linkable, in those persons' current rows, until
none is, or blank the other purpose's rows that keep persons from being a linkable person's candidates; a
person still linkable when blanking no longer helps has their current rows withheld (within the linkage
control's cap on withheld rows). What tells persons apart is often which quarters they are in, how many rows
they have, or columns a purpose keeps as they are: no blank helps then, and what is left is reported to the
steward (`deid.risk.gate_release` blocks on it only when asked to).

The measure enumerates compatible (row, person) pairs class by class, joined on the columns no class
leaves blank and filtered on the rest: exact, vectorised, and bounded by the matches found, which grows
with the rows times the candidates each row has (fine for a programme's quarters; a national quarter
with many blanks may need the packed counting of `linkage`). Persons are numbered (joined and grouped on
numbers, not on their pseudonyms). Measured with `tests/risk/quarters.generate_quarters` (20,000 persons a
quarter over 4 quarters, 60% served again, 3% on two rows; 140,000 rows of both purposes), CPU seconds of one
measure, superset attacker alone (on pseudonyms) -> both attackers: extracts kept to programme, age band, gender
and region (each row matching hundreds of the other's) 23.3 -> 24.1 cold, 17.8 -> 21.6 with the earlier quarters'
matches kept (as the control measures again); the extracts as split 0.39 -> 0.58 and 0.15 -> 0.32.
"""
from __future__ import annotations

import functools
import math
import operator
from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from deid.risk.linkage import (
    LinkageAction,
    LinkagePolicy,
    _coded_column,
    _side,
    shared_columns,
)

PERSON = "person_id"
CURRENT = "(this run)"


@dataclass(frozen=True)
class QuarterRelease:
    """An extract released for an earlier quarter (read back from its release folder)."""

    purpose: str
    quarter: str
    run_id: str
    frame: pl.DataFrame


@dataclass(frozen=True)
class QuarterLinkageCount:
    """One way of a pair of purposes, quarters combined."""

    extract: str
    other: str
    quarters: tuple[str, ...]
    persons: int                      # persons of `extract` seen in a quarter both purposes hold
    linkable: int                     # ... that either attacker leaves at least one and fewer than k persons of `other`
    linked_uniquely: int              # ... exactly one
    linkable_by_earlier_alone: int    # linkable on earlier quarters' releases alone (this run cannot change them)
    allowed: int                      # linkable persons the agreement's allowance permits

    @property
    def excess(self) -> int:
        return max(0, self.linkable - self.linkable_by_earlier_alone - self.allowed)


@dataclass(frozen=True)
class QuarterLinkageResult:
    k: int
    counts: tuple[QuarterLinkageCount, ...]
    actions: tuple[LinkageAction, ...] = ()
    before: tuple[QuarterLinkageCount, ...] = ()   # the counts before the control's remedies

    @property
    def passed(self) -> bool:
        return all(c.excess == 0 for c in self.counts)

    def counts_for(self, extract: str) -> tuple[QuarterLinkageCount, ...]:
        return tuple(c for c in self.counts if c.extract == extract)

    def before_for(self, extract: str) -> tuple[QuarterLinkageCount, ...]:
        return tuple(c for c in self.before if c.extract == extract)


@dataclass(frozen=True)
class _Way:
    count: QuarterLinkageCount
    fixable: pl.DataFrame    # person ids of `extract` linkable because of this run's rows (column PERSON)
    near: pl.DataFrame       # person ids of `other` compatible with a fixable person in every earlier quarter, not this one


def _periods(purpose: str, current: pl.DataFrame, earlier: tuple[QuarterRelease, ...], quarter: str
             ) -> dict[str, list[pl.DataFrame]]:
    """A purpose's frames by quarter: this run's extract as `quarter`, earlier quarters' releases as theirs."""
    periods: dict[str, list[pl.DataFrame]] = {quarter: [current]}
    for old in earlier:
        if old.purpose == purpose and old.quarter != quarter and PERSON in old.frame.columns:
            periods.setdefault(old.quarter, []).append(old.frame)
    return periods


def _person_ids(frames: dict[str, list[pl.DataFrame]], quarter: str) -> pl.Series:
    """A purpose's person ids, earlier quarters' first (sorted), then those of this quarter alone: a person's number
    (their place here) is the same each time the control measures again, so earlier quarters' matches are kept."""
    def ids(fs: list[pl.DataFrame]) -> pl.Series:
        return pl.concat([pl.Series(PERSON, [], pl.Utf8), *(f.get_column(PERSON).cast(pl.Utf8) for f in fs)]).unique().sort()

    before = ids([f for t, fs in frames.items() if t != quarter for f in fs])
    now = ids(frames.get(quarter, []))
    return pl.concat([before, now.filter(~now.is_in(before.implode()))])


def _numbered(frame: pl.DataFrame, ids: pl.Series) -> pl.Series:
    """The frame's persons by number (joins and groupings on numbers, not on pseudonyms)."""
    return frame.get_column(PERSON).cast(pl.Utf8).replace_strict(ids, pl.int_range(ids.len(), dtype=pl.UInt32, eager=True),
                                                                 return_dtype=pl.UInt32)


def _person_quarter_matches(a: pl.DataFrame, b: pl.DataFrame, a_purpose: str, b_purpose: str,
                            policy: LinkagePolicy, ids_a: pl.Series, ids_b: pl.Series
                            ) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """For one quarter: the (person of a, person of b) pairs where each of a's person's rows matches some row of
    b's person, and the same the other way (columns `p`, `q`: the person whose rows are checked, and the candidate);
    then the (person of a, person of b) pairs holding the same rows (`_same_rows`)."""
    sa, sb = _side("a", a_purpose, a, policy, False), _side("b", b_purpose, b, policy, False)
    columns = [c for c in shared_columns(sa, sb, policy) if c != "quarter"]
    coded = [_coded_column(sa, sb, c, policy) for c in columns]
    names = [f"__deid_c{i}" for i in range(len(columns))]
    ka = pl.DataFrame([_numbered(a, ids_a).alias("p"), *(va.alias(n) for (va, _), n in zip(coded, names, strict=True))]
                      ).with_row_index("r")
    kb = pl.DataFrame([_numbered(b, ids_b).alias("p"), *(vb.alias(n) for (_, vb), n in zip(coded, names, strict=True))]
                      ).with_row_index("r")
    ca = ka.group_by(names).agg(pl.col("r"), pl.col("p")).with_row_index("ia") if names else \
        ka.select(pl.col("r").implode(), pl.col("p").implode()).with_row_index("ia")
    cb = kb.group_by(names).agg(pl.col("r"), pl.col("p")).with_row_index("ib") if names else \
        kb.select(pl.col("r").implode(), pl.col("p").implode()).with_row_index("ib")
    exact = [n for n in names if ca.get_column(n).null_count() == 0 and cb.get_column(n).null_count() == 0]
    left, right = ca.select("ia", *names), cb.select("ib", *names)
    if exact:
        joined = left.join(right, on=exact, how="inner", suffix="_b")
    else:
        joined = left.join(right, how="cross", suffix="_b")
    rest = [n for n in names if n not in exact]
    if rest:
        joined = joined.filter(functools.reduce(operator.and_, [
            pl.col(n).is_null() | pl.col(f"{n}_b").is_null() | (pl.col(n) == pl.col(f"{n}_b")) for n in rest]))
    classes = joined.select("ia", "ib")
    rows_a = ca.select("ia", "r", "p").explode("r", "p")
    rows_b = cb.select("ib", "r", "p").explode("r", "p")
    xy = _every_row_matched(classes, rows_a, rows_b.select("ib", pl.col("p").alias("q")).unique(), "ia", "ib")
    yx = _every_row_matched(classes, rows_b, rows_a.select("ia", pl.col("p").alias("q")).unique(), "ib", "ia")
    return xy, yx, _same_rows(xy, yx, classes, rows_a, rows_b)


def _same_rows(xy: pl.DataFrame, yx: pl.DataFrame, classes: pl.DataFrame, rows_a: pl.DataFrame, rows_b: pl.DataFrame
               ) -> pl.DataFrame:
    """The (p of a, q of b) pairs the equal-set attacker keeps for one quarter: as many rows each, and their rows
    paired off one to one, each row with a row it matches (a perfect matching of p's rows with q's).

    Each row matching some row of the other both ways is necessary, and for one or two rows each it is enough (with
    two rows each, a matching fails only if both of p's rows match the same one of q's rows alone, and then q's other
    row would match none of p's); from three rows on it is not (p's rows A, A, blank against q's A, B, C: every row
    matches one, but both A rows need q's one A row), so those pairs are checked row by row."""
    n_a = rows_a.group_by("p").agg(pl.col("r").n_unique().alias("n"))
    n_b = rows_b.group_by("p").agg(pl.col("r").n_unique().alias("n_q")).rename({"p": "q"})
    level = xy.join(n_a, on="p").join(n_b, on="q").filter(pl.col("n") == pl.col("n_q"))
    # one row each: a match one way is a match the other (most persons; no need to join the other way's pairs)
    several = level.filter(pl.col("n") >= 2).select("p", "q", "n")
    several = several.join(yx.select(pl.col("q").alias("p"), pl.col("p").alias("q")), on=["p", "q"])
    both = pl.concat([level.filter(pl.col("n") == 1).select("p", "q"), several.select("p", "q")])
    many = several.filter(pl.col("n") >= 3).select("p", "q")
    if many.height == 0:
        return both
    edges = (many.join(rows_a.select("p", "ia", pl.col("r").alias("ra")), on="p").join(classes, on="ia")
             .join(rows_b.select("ib", pl.col("r").alias("rb"), pl.col("p").alias("q")), on=["ib", "q"])
             .select("p", "q", "ra", "rb").unique().group_by("p", "q").agg("ra", "rb"))
    failed = [(p, q) for p, q, ra, rb in edges.iter_rows() if not _perfect(ra, rb)]
    if not failed:
        return both
    return both.join(pl.DataFrame(failed, schema={"p": pl.UInt32, "q": pl.UInt32}, orient="row"),
                                      on=["p", "q"], how="anti")


def _perfect(left: list[int], right: list[int]) -> bool:
    """Whether the edges (left[i], right[i]) pair off every left node with its own right node (the caller has
    checked that both sides have as many nodes): augmenting paths, for the few rows one person has."""
    adjacent: dict[int, list[int]] = {}
    for a, b in zip(left, right, strict=True):
        adjacent.setdefault(a, []).append(b)
    owner: dict[int, int] = {}

    def augment(a: int, visited: set[int]) -> bool:
        for b in adjacent[a]:
            if b not in visited:
                visited.add(b)
                if b not in owner or augment(owner[b], visited):
                    owner[b] = a
                    return True
        return False

    return all(augment(a, set()) for a in adjacent)


def _every_row_matched(classes: pl.DataFrame, mine: pl.DataFrame, theirs: pl.DataFrame, my_id: str, their_id: str) -> pl.DataFrame:
    """(p, q) where every row of person p (in `mine`: class id, row, person) sits in a class matching a row of q."""
    rows_of = mine.group_by("p").agg(pl.col("r").n_unique().alias("n"))
    hits = (classes.select(my_id, their_id).unique().join(theirs, on=their_id).select(my_id, "q").unique()
            .join(mine, on=my_id).group_by("p", "q").agg(pl.col("r").n_unique().alias("m")))
    return hits.join(rows_of, on="p").filter(pl.col("m") == pl.col("n")).select("p", "q")


def _rows_now(frames: dict[str, list[pl.DataFrame]], quarter: str, ids: pl.Series) -> pl.DataFrame:
    """Each person's rows of this quarter (columns `p`, `rows_now`)."""
    if not frames.get(quarter):
        return pl.DataFrame(schema={"p": pl.UInt32, "rows_now": pl.UInt32})
    return (pl.concat([_numbered(f, ids).alias("p").to_frame() for f in frames[quarter]])
            .group_by("p").agg(pl.len().cast(pl.UInt32).alias("rows_now")))


def _spans(frames: dict[str, list[pl.DataFrame]], other: dict[str, list[pl.DataFrame]], quarter: str, ids: pl.Series
           ) -> pl.DataFrame:
    """Per person of `frames`: the quarters both purposes hold they are seen in (`n`), of them earlier ones
    (`n_earlier`), whether this one (`now`), and their rows of this quarter (`rows_now`, 0 when none)."""
    held = [t for t in frames if t in other]
    if not held:
        return pl.DataFrame(schema={"p": pl.UInt32, "n": pl.UInt32, "now": pl.Boolean, "n_earlier": pl.UInt32,
                                    "rows_now": pl.UInt32})
    seen = pl.concat([pl.concat([_numbered(f, ids).alias("p").to_frame() for f in frames[t]]).unique()
                      .with_columns(pl.lit(t).alias("t")) for t in held])
    return (seen.group_by("p").agg(pl.len().cast(pl.UInt32).alias("n"), (pl.col("t") == quarter).any().alias("now"),
                                   (pl.col("t") != quarter).sum().cast(pl.UInt32).alias("n_earlier"))
            .join(_rows_now(frames, quarter, ids), on="p", how="left")
            .with_columns(pl.col("rows_now").fill_null(0).cast(pl.UInt32)))


def _per_pair(matches: dict[str, pl.DataFrame], quarter: str) -> pl.DataFrame:
    """(p, q): in how many quarters the pair matches (`all`), how many of them earlier ones (`earlier`)."""
    found = pl.concat([m.with_columns(pl.lit(t).alias("t")) for t, m in matches.items()]) if matches else \
        pl.DataFrame(schema={"p": pl.UInt32, "q": pl.UInt32, "t": pl.Utf8})
    return found.group_by("p", "q").agg(pl.len().cast(pl.UInt32).alias("all"),
                                        (pl.col("t") != quarter).sum().cast(pl.UInt32).alias("earlier"))


def _measure_way(name: str, other: str, mine: dict[str, list[pl.DataFrame]], theirs: dict[str, list[pl.DataFrame]],
                 matches: dict[str, pl.DataFrame], same: dict[str, pl.DataFrame], quarter: str, k: int, share: float,
                 ids: tuple[pl.Series, pl.Series]) -> _Way:
    """How persons of `name` link to persons of `other` (`matches`: per quarter, (p, q) where each of p's rows
    matches a row of q; `same`: per quarter, (p, q) holding the same rows), under either attacker."""
    spans = _spans(mine, theirs, quarter, ids[0])
    # the candidates' quarters and rows: the equal-set attacker keeps only those seen in the same quarters
    spans_q = _spans(theirs, mine, quarter, ids[1]).select(pl.col("p").alias("q"), pl.col("n").alias("n_q"),
                                                   pl.col("n_earlier").alias("n_earlier_q"), pl.col("rows_now").alias("rows_now_q"))
    # the superset attacker: persons seen in two or more quarters, or on two or more rows of this quarter (served by two
    # providers: each row must match a row of the same person of the other purpose; user test 6 linked such a person)
    several = (pl.col("n") >= 2) | (pl.col("rows_now") >= 2)
    per_pair = _per_pair(matches, quarter)
    superset = (spans.join(per_pair, on="p")
                .group_by("p").agg((pl.col("all") == pl.col("n")).sum().alias("c"),
                                   (pl.col("earlier") == pl.col("n_earlier")).sum().alias("c_earlier")))
    # the equal-set attacker: the same rows in every quarter, so the same quarters too
    per_same = _per_pair(same, quarter).join(spans_q, on="q")
    equal = (spans.join(per_same, on="p")
             .group_by("p").agg(((pl.col("all") == pl.col("n")) & (pl.col("n_q") == pl.col("n"))).sum().alias("c_same"),
                                ((pl.col("earlier") == pl.col("n_earlier")) & (pl.col("n_earlier_q") == pl.col("n_earlier")))
                                .sum().alias("c_same_earlier")))
    cands = (spans.join(superset, on="p", how="left").join(equal, on="p", how="left")
             .with_columns(pl.col("c", "c_earlier", "c_same", "c_same_earlier").fill_null(0)))

    def few(count: str) -> pl.Expr:
        return (pl.col(count) >= 1) & (pl.col(count) < k)

    linkable = (several & few("c")) | few("c_same")
    uniquely = (several & (pl.col("c") == 1)) | (pl.col("c_same") == 1)
    by_earlier = ((pl.col("n_earlier") >= 2) & few("c_earlier")) | ((pl.col("n_earlier") >= 1) & few("c_same_earlier"))
    flagged = cands.with_columns(linkable.alias("linkable"), by_earlier.alias("by_earlier"), uniquely.alias("uniquely"))
    persons = flagged.height
    count = QuarterLinkageCount(
        name, other, tuple(sorted(set(mine) | set(theirs))), persons, int(flagged.get_column("linkable").sum()),
        int(flagged.get_column("uniquely").sum()), int((flagged.get_column("linkable") & flagged.get_column("by_earlier")).sum()),
        math.floor(share * persons + 1e-9))
    fixable = flagged.filter(pl.col("linkable") & ~pl.col("by_earlier") & pl.col("now")).select("p")
    # the other purpose's persons whose rows of this quarter alone keep them from being a fixable person's candidate:
    # blanking those rows makes them candidates again (for the equal-set attacker: seen in the same quarters, on as
    # many rows of this one, and holding the same rows in every earlier one)
    mine_fixable = spans.join(fixable, on="p")
    near = (mine_fixable.join(per_pair, on="p")
            .filter((pl.col("earlier") == pl.col("n_earlier")) & (pl.col("all") < pl.col("n")))
            .select("q"))
    pairs = (per_pair.join(fixable, on="p").select("p", "q")
             .join(per_same.join(fixable, on="p"), on=["p", "q"], how="full", coalesce=True)
             .with_columns(pl.col("all", "earlier").fill_null(0)).drop("n_q", "n_earlier_q", "rows_now_q").join(spans_q, on="q"))
    near_same = (mine_fixable.join(pairs, on="p")
                 .filter((pl.col("earlier") == pl.col("n_earlier")) & (pl.col("n_earlier_q") == pl.col("n_earlier"))
                         & (pl.col("n_q") == pl.col("n")) & (pl.col("rows_now_q") == pl.col("rows_now")) & (pl.col("all") < pl.col("n")))
                 .select("q"))
    # (person numbers; cast, as an empty frame's join keys may come back untyped: a quarter every file of which was rejected)
    return _Way(count, ids[0].gather(fixable.get_column("p").cast(pl.Int64)).to_frame(),
                ids[1].gather(pl.concat([near, near_same]).unique().get_column("q").cast(pl.Int64)).to_frame())


Matches = dict[tuple[int, int], tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]]


def measure_across_quarters(extracts: dict[str, pl.DataFrame], earlier: tuple[QuarterRelease, ...], policy: LinkagePolicy,
                            quarter: str, kept: Matches | None = None) -> dict[tuple[str, str], _Way]:
    """Every pair of this run's extracts (different purposes, both with person ids), each way, quarters combined.

    Args:
        kept: the matches of earlier quarters' releases, by the pair of frames (they never change: the control
            measures again after each remedy, and only this run's rows change).
    """
    kept = {} if kept is None else kept
    names = sorted(n for n, f in extracts.items() if PERSON in f.columns)
    ways: dict[tuple[str, str], _Way] = {}
    for i, x in enumerate(names):
        for y in names[i + 1:]:
            px, py = _periods(x, extracts[x], earlier, quarter), _periods(y, extracts[y], earlier, quarter)
            ix, iy = _person_ids(px, quarter), _person_ids(py, quarter)
            mx: dict[str, pl.DataFrame] = {}
            my: dict[str, pl.DataFrame] = {}
            sx: dict[str, pl.DataFrame] = {}
            for t in sorted(set(px) & set(py)):
                for fa in px[t]:
                    for fb in py[t]:
                        if t == quarter:
                            xy, yx, same = _person_quarter_matches(fa, fb, x, y, policy, ix, iy)
                        else:
                            if (id(fa), id(fb)) not in kept:
                                kept[(id(fa), id(fb))] = _person_quarter_matches(fa, fb, x, y, policy, ix, iy)
                            xy, yx, same = kept[(id(fa), id(fb))]
                        mx[t] = pl.concat([mx[t], xy]).unique() if t in mx else xy
                        my[t] = pl.concat([my[t], yx]).unique() if t in my else yx
                        sx[t] = pl.concat([sx[t], same]).unique() if t in sx else same
            sy = {t: m.select(pl.col("q").alias("p"), pl.col("p").alias("q")) for t, m in sx.items()}
            share = policy.allowed_share(x, y)
            ways[(x, y)] = _measure_way(x, y, px, py, mx, sx, quarter, policy.k, share, (ix, iy))
            ways[(y, x)] = _measure_way(y, x, py, px, my, sy, quarter, policy.k, share, (iy, ix))
    return ways


def _result(policy: LinkagePolicy, ways: dict[tuple[str, str], _Way], actions: list[LinkageAction],
            before: dict[tuple[str, str], _Way]) -> QuarterLinkageResult:
    return QuarterLinkageResult(policy.k, tuple(w.count for w in ways.values()), tuple(actions),
                                tuple(w.count for w in before.values()))


def _excess(ways: dict[tuple[str, str], _Way], name: str | None = None) -> int:
    return sum(w.count.excess for (a, _), w in ways.items() if name is None or a == name)


def control_across_quarters(extracts: dict[str, pl.DataFrame], earlier: tuple[QuarterRelease, ...], policy: LinkagePolicy,
                            quarter: str, remedy: bool = True, room: Mapping[str, float] | None = None,
                            ) -> tuple[dict[str, pl.DataFrame], QuarterLinkageResult]:
    """Measure linkage across quarters and, with `remedy`, blank (then withhold) this run's rows of the persons
    it links until no pair exceeds its allowance; earlier releases are never changed. `room`: rows each extract
    may still have withheld (as for `control_linkage`)."""
    extracts = dict(extracts)
    kept: Matches = {}
    ways = start = measure_across_quarters(extracts, earlier, policy, quarter, kept)
    actions: list[LinkageAction] = []
    if not remedy:
        return extracts, _result(policy, ways, actions, start)
    withheld = {n: 0 for n in extracts}
    for _ in range(policy.max_steps):
        if _excess(ways) == 0:
            break
        best: tuple[tuple[int, int], str, str, pl.DataFrame, dict[tuple[str, str], _Way], int, int] | None = None
        for name in sorted(n for n in extracts if any(n in key for key in ways)):
            frame = extracts[name]
            own, near = _persons(ways, name)
            ids = frame.get_column(PERSON).cast(pl.Utf8)
            mine = ids.is_in(own.implode())
            hits = [("rows of persons linkable across quarters", mine)]
            wider = mine | ids.is_in(near.implode())
            if not wider.equals(mine):
                hits.append(("rows of persons linkable across quarters and of those that keep them from matching", wider))
            others = [o for (a, o) in ways if a == name]
            shared = sorted({c for o in others for c in frame.columns if c in extracts[o].columns and c not in policy.ignore}
                            - policy.keep.get(name, frozenset()) - {"quarter"})
            # each shared column on its own (with the columns that give it away), then all of them at once: columns
            # that say the same thing (a programme only one age group attends) help only together
            options = [(c, [c, *(x for x in (*policy.companions.get(c, ()), *policy.reveals.get(c, ())) if x in frame.columns)])
                       for c in shared]
            if len(options) > 1:
                options.append(("(every shared column)", sorted({c for _, group in options for c in group})))
            for where, hit in hits:
                for label, together in options:
                    mask = hit & frame.select(pl.any_horizontal(pl.col(c).is_not_null() for c in together)).to_series()
                    if not mask.any():
                        continue
                    blanked = frame.with_columns(mask.alias("__deid_hit")).with_columns(
                        pl.when(pl.col("__deid_hit")).then(None).otherwise(pl.col(c)).alias(c) for c in together
                    ).drop("__deid_hit")
                    trial = measure_across_quarters({**extracts, name: blanked}, earlier, policy, quarter, kept)
                    cells = sum(int((mask & frame.get_column(c).is_not_null()).sum()) for c in together)
                    score = (_excess(trial), cells)
                    if score[0] < _excess(ways) and (best is None or score < best[0]):
                        best = (score, name, label, blanked, trial, cells, int(mask.sum()))
                        best_where = where
        if best is not None:
            _, name, column, blanked, ways, cells, rows = best
            frame, extracts[name] = extracts[name], blanked
            actions.append(LinkageAction(name, column, "suppress", f"blanked in the {best_where}"
                                         + (_also(column, policy, frame) if column in frame.columns else ""),
                                         rows, float(cells), round(cells / max(frame.height * len(frame.columns), 1), 6),
                                         _linkable(ways)))
            continue
        # blanking no longer helps: withhold this run's rows of the persons still linkable, within the cap
        name = max(sorted({a for (a, _), w in ways.items() if w.count.excess}), key=lambda n: _excess(ways, n))
        frame = extracts[name]
        hit = frame.get_column(PERSON).cast(pl.Utf8).is_in(_persons(ways, name)[0].implode())
        rows = int(hit.sum())
        cap = room[name] if room is not None and name in room else policy.max_withheld_share * frame.height
        if rows == 0 or withheld[name] + rows > cap:
            break
        withheld[name] += rows
        extracts[name] = frame.filter(~hit)
        ways = measure_across_quarters(extracts, earlier, policy, quarter, kept)
        actions.append(LinkageAction(name, "(whole row)", "withhold", "rows of persons still linkable across quarters, withheld",
                                     rows, float(rows * len(frame.columns)), round(rows / max(frame.height, 1), 6), _linkable(ways)))
    return extracts, _result(policy, ways, actions, start)


def _persons(ways: dict[tuple[str, str], _Way], name: str) -> tuple[pl.Series, pl.Series]:
    """Persons of `name` linkable through this run's rows, and persons of `name` near a linkable person of another."""
    empty = pl.Series(PERSON, [], pl.Utf8)
    own = [w.fixable.get_column(PERSON) for (a, _), w in ways.items() if a == name]
    near = [w.near.get_column(PERSON) for (_, o), w in ways.items() if o == name]
    return (pl.concat([empty, *own]).unique(), pl.concat([empty, *near]).unique())


def _also(column: str, policy: LinkagePolicy, frame: pl.DataFrame) -> str:
    together = [c for c in policy.companions.get(column, ()) if c in frame.columns]
    return f" (with {', '.join(together)})" if together else ""


def _linkable(ways: dict[tuple[str, str], _Way]) -> int:
    return sum(w.count.linkable for w in ways.values())


def describe(result: QuarterLinkageResult, name: str, before: int | None = None) -> str:
    """The steward's sentence for one extract ('' when no earlier quarter was combined with it); `before`: how many
    persons were linkable before the control (said when it differs)."""
    counts = result.counts_for(name)
    if not counts:
        return ""
    quarters = sorted({q for c in counts for q in c.quarters})
    parts = [f"{c.linkable} of {c.persons} persons link to fewer than {result.k} persons of {c.other}"
             + (f" ({c.linked_uniquely} to exactly one)" if c.linked_uniquely else "") for c in counts]
    text = (f"linkage across quarters ({', '.join(quarters)} combined; a person is all their rows, and the other purpose's "
            "persons holding each of them, or exactly the same rows, are their candidates): " + "; ".join(parts))
    if before is not None and before != sum(c.linkable for c in counts):
        text += f" (before the control {before} did)"
    earlier = sum(c.linkable_by_earlier_alone for c in counts)
    if earlier:
        text += (f"; {earlier} of them through earlier quarters' releases alone, which this release cannot change "
                 "(tell the recipients' data custodians)")
    taken = [a for a in result.actions if a.extract == name]
    if taken:
        text += f"; {len(taken)} remedies in this run's rows"
    left = sum(c.excess for c in counts)
    if left:
        text += (f"; {left} still linkable through this release: blanking no longer helps (what tells them apart is "
                 "which quarters a person is in, how many rows they have, or columns the purpose keeps) and withholding them "
                 "would exceed the cap on withheld rows or they have no rows in this run; steward: decide before sending")
    return text
