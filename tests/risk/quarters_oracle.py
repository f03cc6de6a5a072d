"""Linkage across quarters written plainly (Python sets and permutations, person by person) to check
`deid.risk.across_quarters` against: for each person of one purpose, the persons of the other purpose each
attacker keeps as candidates, over the quarters both purposes hold.

A row matches a row when they agree on every shared column, a blank agreeing with anything (the
columns are compared as they are: no scales or folding, so keep the policy's `generalise` empty).
- The superset attacker: in every quarter the person is seen in, each of their rows matches some row the
  candidate has in that quarter (the candidate may hold more rows and more quarters). It is counted for
  persons seen in two or more quarters, or on two or more rows of the current quarter.
- The equal-set attacker: the candidate is seen in the same quarters, on as many rows in each, and the rows
  pair off one to one, each with a row it matches (tried over every order of the candidate's rows).
  It is counted for every person.
A person is linkable when either leaves them with at least one and fewer than k candidates.
"""
from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

IGNORE = {"run_id", "person_id", "quarter"}
Row = tuple[object, ...]


@dataclass(frozen=True)
class OracleCount:
    persons: int
    linkable: int
    linked_uniquely: int
    linkable_by_earlier_alone: int


def _people(frames: Sequence[tuple[str, pl.DataFrame]], columns: list[str]) -> dict[str, dict[str, list[Row]]]:
    people: dict[str, dict[str, list[Row]]] = {}
    for quarter, frame in frames:
        for row in frame.iter_rows(named=True):
            people.setdefault(str(row["person_id"]), {}).setdefault(quarter, []).append(tuple(row[c] for c in columns))
    return people


def _match(a: Row, b: Row) -> bool:
    return all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))


def _superset(mine: dict[str, list[Row]], theirs: dict[str, list[Row]], quarters: set[str]) -> bool:
    return all(t in theirs and all(any(_match(a, b) for b in theirs[t]) for a in mine[t]) for t in quarters)


def _same(mine: dict[str, list[Row]], theirs: dict[str, list[Row]], quarters: set[str]) -> bool:
    if {t for t in theirs if t in quarters} != {t for t in mine if t in quarters}:
        return False
    for t in quarters & set(mine):
        a, b = mine[t], theirs[t]
        if len(a) != len(b) or not any(all(_match(x, y) for x, y in zip(a, order, strict=True))
                                       for order in itertools.permutations(b)):
            return False
    return True


def oracle(mine: Sequence[tuple[str, pl.DataFrame]], theirs: Sequence[tuple[str, pl.DataFrame]], current: str, k: int
           ) -> OracleCount:
    """One way: persons of `mine` (frames by quarter label) against persons of `theirs`; `current` is this run's quarter."""
    held = {t for t, _ in mine} & {t for t, _ in theirs}
    columns = sorted(({c for _, f in mine for c in f.columns} & {c for _, f in theirs for c in f.columns}) - IGNORE)
    ours = {p: {t: r for t, r in q.items() if t in held} for p, q in _people(mine, columns).items()}
    ours = {p: q for p, q in ours.items() if q}
    other = {p: {t: r for t, r in q.items() if t in held} for p, q in _people(theirs, columns).items()}
    other = {p: q for p, q in other.items() if q}
    earlier = held - {current}

    def few(n: int) -> bool:
        return 1 <= n < k

    linkable = uniquely = by_earlier = 0
    for rows in ours.values():
        quarters = set(rows)
        several = len(quarters) >= 2 or len(rows.get(current, ())) >= 2
        sup = sum(_superset(rows, q, quarters) for q in other.values())
        same = sum(_same(rows, q, held) for q in other.values())
        mine_earlier = quarters & earlier
        sup_e = sum(_superset(rows, q, mine_earlier) for q in other.values())
        same_e = sum(_same({t: r for t, r in rows.items() if t in earlier}, q, earlier) for q in other.values())
        link = (several and few(sup)) or few(same)
        linkable += link
        uniquely += (several and sup == 1) or same == 1
        by_earlier += link and ((len(mine_earlier) >= 2 and few(sup_e)) or (len(mine_earlier) >= 1 and few(same_e)))
    return OracleCount(len(ours), linkable, uniquely, by_earlier)
