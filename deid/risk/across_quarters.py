"""Linkage across quarters: a person is the set of their rows in every quarter a recipient holds.

Pseudonyms are stable within a purpose under one key, so a recipient who keeps each quarter's extract
can put a person's quarters together. Someone holding both purposes' extracts of several quarters can
then ask, for a person of one purpose, which persons of the other purpose are compatible in EVERY
quarter the first is seen in: each of the person's rows of a quarter must match (on the shared
columns, as `linkage` matches them: coarser level of the two, folded values, a blank matches anything)
a row the other person has in that quarter. Each quarter may leave every row matching k or more rows
of the other purpose while the intersection over quarters leaves a person with fewer than k candidates.

The measure, per pair of purposes and each way: persons seen in two or more quarters (this run's
extracts being the current quarter; earlier quarters from their releases), or on two or more rows of this
quarter (a person served by two providers: within one release, each of their rows must match a row of the
same person of the other purpose), with at least one and fewer than k compatible persons are *linkable*. Those whose earlier quarters alone already leave fewer than k
are *linkable through earlier releases alone*: released already, this run cannot change them, so they
are reported, not remedied. The rest are remedied in this run's rows: blank the shared column (with the
columns that give it away) that leaves fewest persons linkable, in those persons' current rows, until
none is, or blank the other purpose's rows that keep persons from being a linkable person's candidates; a
person still linkable when blanking no longer helps has their current rows withheld (within the linkage
control's cap on withheld rows). What tells persons apart is often which quarters they are in, or columns
a purpose keeps as they are: no blank helps then, and what is left is reported to the steward
(`deid.risk.gate_release` blocks on it only when asked to).

The measure enumerates compatible (row, person) pairs class by class, joined on the columns no class
leaves blank and filtered on the rest: exact, vectorised, and bounded by the matches found, which grows
with the rows times the candidates each row has (fine for a programme's quarters; a national quarter
with many blanks may need the packed counting of `linkage`).
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
    persons: int                      # persons of `extract` seen in two or more quarters, or on two or more rows of this one
    linkable: int                     # ... compatible with at least one and fewer than k persons of `other`
    linked_uniquely: int              # ... with exactly one
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


def _person_quarter_matches(a: pl.DataFrame, b: pl.DataFrame, a_purpose: str, b_purpose: str,
                            policy: LinkagePolicy) -> tuple[pl.DataFrame, pl.DataFrame]:
    """For one quarter: the (person of a, person of b) pairs where each of a's person's rows matches some row of
    b's person, and the same the other way (columns `p`, `q`: the person whose rows are checked, and the candidate)."""
    sa, sb = _side("a", a_purpose, a, policy, False), _side("b", b_purpose, b, policy, False)
    columns = [c for c in shared_columns(sa, sb, policy) if c != "quarter"]
    coded = [_coded_column(sa, sb, c, policy) for c in columns]
    names = [f"__deid_c{i}" for i in range(len(columns))]
    ka = pl.DataFrame([a.get_column(PERSON).cast(pl.Utf8).alias("p"), *(va.alias(n) for (va, _), n in zip(coded, names, strict=True))]
                      ).with_row_index("r")
    kb = pl.DataFrame([b.get_column(PERSON).cast(pl.Utf8).alias("p"), *(vb.alias(n) for (_, vb), n in zip(coded, names, strict=True))]
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
    return (_every_row_matched(classes, rows_a, rows_b.select("ib", pl.col("p").alias("q")).unique(), "ia", "ib"),
            _every_row_matched(classes, rows_b, rows_a.select("ia", pl.col("p").alias("q")).unique(), "ib", "ia"))


def _every_row_matched(classes: pl.DataFrame, mine: pl.DataFrame, theirs: pl.DataFrame, my_id: str, their_id: str) -> pl.DataFrame:
    """(p, q) where every row of person p (in `mine`: class id, row, person) sits in a class matching a row of q."""
    rows_of = mine.group_by("p").agg(pl.col("r").n_unique().alias("n"))
    hits = (classes.select(my_id, their_id).unique().join(theirs, on=their_id).select(my_id, "q").unique()
            .join(mine, on=my_id).group_by("p", "q").agg(pl.col("r").n_unique().alias("m")))
    return hits.join(rows_of, on="p").filter(pl.col("m") == pl.col("n")).select("p", "q")


def _measure_way(name: str, other: str, mine: dict[str, list[pl.DataFrame]], theirs: dict[str, list[pl.DataFrame]],
                 matches: dict[str, pl.DataFrame], quarter: str, k: int, share: float) -> _Way:
    """How persons of `name` seen in two or more quarters link to persons of `other` (`matches`: per quarter, (p, q))."""
    seen = pl.concat([pl.concat([f.select(pl.col(PERSON).cast(pl.Utf8).alias("p")) for f in frames]).unique()
                      .with_columns(pl.lit(t).alias("t")) for t, frames in mine.items() if t in theirs])
    spans = seen.group_by("p").agg(pl.len().alias("n"), (pl.col("t") == quarter).any().alias("now"),
                                   (pl.col("t") != quarter).sum().alias("n_earlier"))
    # a person on two or more rows of this quarter (served by two providers) is one set of rows too: each must match
    # a row of the same person of the other purpose (user test 6 linked such a person within one release)
    rows_now = (pl.concat([f.select(pl.col(PERSON).cast(pl.Utf8).alias("p")) for f in mine.get(quarter, [])])
                .group_by("p").agg(pl.len().alias("rows_now")) if mine.get(quarter) else
                pl.DataFrame(schema={"p": pl.Utf8, "rows_now": pl.UInt32}))
    spans = (spans.join(rows_now, on="p", how="left").filter((pl.col("n") >= 2) | (pl.col("rows_now").fill_null(0) >= 2))
             .drop("rows_now"))
    found = pl.concat([m.with_columns(pl.lit(t).alias("t")) for t, m in matches.items()]) if matches else \
        pl.DataFrame(schema={"p": pl.Utf8, "q": pl.Utf8, "t": pl.Utf8})
    per_pair = found.group_by("p", "q").agg(pl.len().alias("all"), (pl.col("t") != quarter).sum().alias("earlier"))
    cands = (spans.join(per_pair, on="p", how="left")
             .group_by("p").agg(pl.col("n").first(), pl.col("now").first(), pl.col("n_earlier").first(),
                                (pl.col("all") == pl.col("n")).sum().alias("c"),
                                (pl.col("earlier") == pl.col("n_earlier")).sum().alias("c_earlier")))
    linkable = (pl.col("c") >= 1) & (pl.col("c") < k)
    by_earlier = (pl.col("n_earlier") >= 2) & (pl.col("c_earlier") >= 1) & (pl.col("c_earlier") < k)
    flagged = cands.with_columns(linkable.alias("linkable"), by_earlier.alias("by_earlier"))
    persons = flagged.height
    count = QuarterLinkageCount(
        name, other, tuple(sorted(set(mine) | set(theirs))), persons, int(flagged.get_column("linkable").sum()),
        int((flagged.get_column("c") == 1).sum()), int((flagged.get_column("linkable") & flagged.get_column("by_earlier")).sum()),
        math.floor(share * persons + 1e-9))
    fixable = flagged.filter(pl.col("linkable") & ~pl.col("by_earlier") & pl.col("now")).select(pl.col("p").alias(PERSON))
    # the other purpose's persons whose rows of this quarter alone keep them from being a fixable person's candidate:
    # blanking those rows makes them candidates again
    near = (spans.join(fixable.rename({PERSON: "p"}), on="p").join(per_pair, on="p")
            .filter((pl.col("earlier") == pl.col("n_earlier")) & (pl.col("all") < pl.col("n")))
            .select(pl.col("q").alias(PERSON)).unique())
    return _Way(count, fixable, near)


Matches = dict[tuple[int, int], tuple[pl.DataFrame, pl.DataFrame]]


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
            mx: dict[str, pl.DataFrame] = {}
            my: dict[str, pl.DataFrame] = {}
            for t in sorted(set(px) & set(py)):
                for fa in px[t]:
                    for fb in py[t]:
                        if t == quarter:
                            xy, yx = _person_quarter_matches(fa, fb, x, y, policy)
                        else:
                            if (id(fa), id(fb)) not in kept:
                                kept[(id(fa), id(fb))] = _person_quarter_matches(fa, fb, x, y, policy)
                            xy, yx = kept[(id(fa), id(fb))]
                        mx[t] = pl.concat([mx[t], xy]).unique() if t in mx else xy
                        my[t] = pl.concat([my[t], yx]).unique() if t in my else yx
            share = policy.allowed_share(x, y)
            ways[(x, y)] = _measure_way(x, y, px, py, mx, quarter, policy.k, share)
            ways[(y, x)] = _measure_way(y, x, py, px, my, quarter, policy.k, share)
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
    parts = [f"{c.linkable} of {c.persons} persons seen in more than one quarter or on more than one row link to fewer "
             f"than {result.k} persons "
             f"of {c.other}" + (f" ({c.linked_uniquely} to exactly one)" if c.linked_uniquely else "") for c in counts]
    text = f"linkage across quarters ({', '.join(quarters)} combined): " + "; ".join(parts)
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
                 "which quarters a person is in, or columns the purpose keeps) and withholding them would exceed the cap on "
                 "withheld rows; steward: decide before sending")
    return text
