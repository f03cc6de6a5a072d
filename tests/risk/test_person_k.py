"""Person-level k: a person's set of rows (the set of their quasi-identifier tuples) must be shared by k persons.

A red-team user test found a released extract (one row per person per provider) in which every row sat in a class of
k or more, while the only person seen at both provider A and provider B was found by anyone who knew a family used
both, and with their pseudonym every row of theirs.
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

import polars as pl
import pytest

from deid.db import Warehouse
from deid.risk import apply_risk_gate, measure_risk
from deid.risk.risk import _persons_at_risk_mask
from deid.standards import ExtractRisk, RiskRules

QIS = ["age", "sex", "provider"]


def _extract(rows: list[tuple[str | None, str | None, str | None, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"person_id": pl.String, "age": pl.String, "sex": pl.String, "provider": pl.String},
                        orient="row")


def _provider_sets() -> pl.DataFrame:
    """Four persons at each of providers A, B and C alone (every row in a class of 4 or more), px seen at A and B,
    py at B and C: each of their rows is common, their pair of providers is theirs alone."""
    rows = [(f"{p}{i}", "30-34", "F", p) for p in "ABC" for i in range(4)]
    return _extract([*rows, ("px", "30-34", "F", "A"), ("px", "30-34", "F", "B"),
                     ("py", "30-34", "F", "B"), ("py", "30-34", "F", "C")])


def _rules(k: int, remedy_order: tuple[str, ...]) -> RiskRules:
    return RiskRules(k_threshold=k, max_prosecutor_risk=1 / k,
                     extracts={"service": ExtractRisk(quasi_identifiers=tuple(QIS), remedy_order=remedy_order)})


def test_when_two_persons_are_unique_only_by_their_set_of_providers_then_the_gate_finds_and_blanks_them():
    frame = _provider_sets()
    with Warehouse() as wh:
        released, gate = apply_risk_gate(wh, "service", frame, _rules(2, ("provider", "age")))
        after = measure_risk(wh, released, QIS, k=2, risk_threshold=0.5, person="person_id")
    assert gate.before.k_min >= 4 and gate.before.records_below_k == 0           # every row is common on its own
    assert (gate.before.person_k_min, gate.before.persons_below_k, gate.before.person_uniques) == (1, 2, 2)
    assert gate.before.persons == 14 and "person-level k=1 < 2" not in gate.message   # remedied, so not a failure
    # the provider is blanked on both persons' rows (a blank is a value of its own: the two now share one set of rows)
    assert gate.passed and gate.values_suppressed == {"provider": 4} == gate.values_suppressed_for_persons
    assert gate.records_withheld == 0 and released.height == frame.height
    blanked = released.filter(pl.col("provider").is_null()).get_column("person_id").sort().to_list()
    assert blanked == ["px", "px", "py", "py"]
    assert after.person_k_min == gate.after.person_k_min == 2 and after.k_min >= 2
    assert "person-level k=2 over 14 persons" in gate.message
    assert "(4 values blanked, 0 records withheld; of them 4 values blanked only for person-level k)" in gate.message


def test_when_blanking_cannot_hide_a_persons_set_of_providers_then_their_rows_are_withheld_and_counted():
    frame = _provider_sets()
    with Warehouse() as wh:   # provider is not in the remedy order (as in the shipped settings)
        released, gate = apply_risk_gate(wh, "service", frame, _rules(3, ()))
        blanked_first, tried = apply_risk_gate(wh, "service", frame, _rules(3, ("age",)))
    assert gate.passed and gate.after.person_k_min == 4 and gate.after.persons == 12
    assert gate.records_withheld == 4 and gate.records_withheld_for_persons == 4 and gate.persons_withheld == 2
    assert released.filter(pl.col("person_id").is_in(["px", "py"])).is_empty() and released.height == frame.height - 4
    assert "(0 values blanked, 4 records withheld; of them 4 records of 2 person(s) withheld only for person-level k)" in gate.message
    # blanking their age first is no help either: the blanked rows, now alone in their classes, go as small classes do
    assert tried.passed and tried.values_suppressed == tried.values_suppressed_for_persons == {"age": 4}
    assert tried.records_withheld == 4 and blanked_first.equals(released)
    assert "of them 4 values blanked only for person-level k" in tried.message


def test_when_person_level_k_is_below_the_threshold_then_it_is_named_among_the_failures():
    from deid.risk.risk import _failures

    with Warehouse() as wh:
        measured = measure_risk(wh, _provider_sets(), QIS, k=2, risk_threshold=0.5, person="person_id")
    assert _failures(measured, _rules(2, ())) == ["person-level k=1 < 2 (2 of 14 persons have a set of rows fewer than 2 "
                                                  "persons share)"]
    assert _failures(replace(measured, person_k_min=None, persons=None), _rules(2, ())) == []


def test_when_persons_differ_only_in_how_many_identical_rows_they_have_then_they_share_a_fingerprint():
    """{A, A} is {A}: how many rows (sessions) a person has is not part of the fingerprint. Counted, it singled out
    nearly everyone in a file of one row per session (a generated national quarter had 99.5% of its rows withheld)."""
    rows = [(f"s{i}", "30-34", "F", "A") for i in range(3)] + [("pz", "30-34", "F", "A")] * 2
    rows += [(p, "40-44", "M", "B") for p in ("d1", "d1", "d2", "d2")]   # two persons with two identical rows each
    frame = _extract(rows)
    with Warehouse() as wh:
        measured = measure_risk(wh, frame, QIS, k=2, risk_threshold=0.5, person="person_id")
        flags = _persons_at_risk_mask(wh, frame.with_row_index("__row_id"), QIS, 2, "person_id")
        released, gate = apply_risk_gate(wh, "service", frame, _rules(2, ()))
    assert measured.k_min == 4 and (measured.persons, measured.person_fingerprints, measured.person_k_min) == (6, 2, 2)
    assert measured.persons_below_k == measured.person_uniques == 0
    assert not flags.any() and gate.records_withheld == 0 and released.equals(frame) and gate.passed


def test_when_an_extract_has_no_pseudonym_then_the_gate_behaves_as_before():
    """The same rows without `person_id`: no person-level figures, the message and the row-level measures unchanged."""
    frame = _provider_sets()
    rules = _rules(2, ("provider", "age"))
    with Warehouse() as wh:
        released, gate = apply_risk_gate(wh, "service", frame.drop("person_id"), rules)
        _, with_persons = apply_risk_gate(wh, "service", frame, rules)
    assert gate.passed and released.equals(frame.drop("person_id")) and not gate.values_suppressed
    assert gate.message == f"passed as supplied: k={gate.after.k_min}, max prosecutor risk {gate.after.prosecutor_risk_max:.2f}"
    assert gate.before.person_k_min is None and gate.before.persons is None and gate.persons_withheld == 0
    assert not gate.values_suppressed_for_persons and gate.records_withheld_for_persons == 0
    unmeasured = {"persons": None, "person_fingerprints": None, "person_k_min": None, "persons_below_k": None,
                  "person_uniques": None}
    assert replace(with_persons.before, **unmeasured) == gate.before   # the row-level measures are the same
    assert with_persons.values_suppressed == {"provider": 4}


# An independent brute force: plain Python, no SQL, no polars grouping.

def _brute_force(rows: list[dict], qis: list[str], k: int) -> tuple[dict[str, int], list[bool]]:
    persons: dict[object, list[tuple]] = {}
    for i, row in enumerate(rows):
        key = row["person_id"] if row["person_id"] is not None else ("no pseudonym", i)   # a person of its own
        persons.setdefault(key, []).append(tuple(row[q] for q in qis))
    def fingerprint(tuples: list[tuple]) -> frozenset:
        return frozenset(tuples)   # a set: which tuples, not how many of each; None (a blank) is a value like any other
    sharing = Counter(fingerprint(t) for t in persons.values())
    sizes = list(sharing.values())
    figures = {"persons": len(persons), "person_fingerprints": len(sharing), "person_k_min": min(sizes, default=0),
               "persons_below_k": sum(n for n in sizes if n < k), "person_uniques": sum(1 for n in sizes if n == 1)}
    flags = []
    for i, row in enumerate(rows):
        key = row["person_id"] if row["person_id"] is not None else ("no pseudonym", i)
        flags.append(sharing[fingerprint(persons[key])] < k)
    return figures, flags


def _random_extract(rng: random.Random) -> pl.DataFrame:
    n = rng.randint(0, 24)
    ids = [f"p{i}" for i in range(rng.randint(1, 9))] + [None]
    values = {"age": ["20-24", "25-29", None], "sex": ["F", "M"], "provider": ["A", "B", "C", None]}
    return _extract([(rng.choice(ids), *(rng.choice(values[q][:rng.randint(1, len(values[q]))]) for q in QIS))
                     for _ in range(n)])


@pytest.mark.parametrize("seed", range(4))
def test_when_measured_on_tiny_random_extracts_then_person_level_k_agrees_with_a_brute_force(seed):
    rng = random.Random(seed)
    remedied = 0
    with Warehouse() as wh:
        for _ in range(60):
            frame = _random_extract(rng)
            k = rng.randint(2, 4)
            figures, flags = _brute_force(frame.to_dicts(), QIS, k)
            m = measure_risk(wh, frame, QIS, k=k, risk_threshold=1 / k, person="person_id")
            assert {name: getattr(m, name) for name in figures} == figures, frame
            mask = _persons_at_risk_mask(wh, frame.with_row_index("__row_id"), QIS, k, "person_id")
            assert mask.to_list() == flags, frame
            released, gate = apply_risk_gate(wh, "service", frame, _rules(k, ("provider", "age")))
            after, _ = _brute_force(released.to_dicts(), QIS, k)
            assert not gate.passed or after["persons"] == 0 or after["person_k_min"] >= k, frame
            assert gate.after.person_k_min == after["person_k_min"]
            remedied += bool(gate.values_suppressed_for_persons or gate.records_withheld_for_persons)
    assert remedied >= 5   # the draws reach the person-level remedy, not only the row-level one
