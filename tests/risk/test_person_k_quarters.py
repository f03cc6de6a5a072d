"""Person-level k across quarters: a person's rows of every quarter of a purpose a recipient holds.

Pseudonyms are stable across quarters within a purpose, and a recipient keeps every quarter's extract. An outsider
user test found person e_c86... with ethnicity shown in 2026Q3 and blanked by the gate in 2026Q4: the attacker fills
the Q4 blank from Q3, and the gate, measuring each quarter alone, had counted that blank as hiding the person.
"""
from __future__ import annotations

import random
from collections import Counter

import polars as pl
import pytest

from deid.db import Warehouse
from deid.risk import QuarterRelease, apply_risk_gate, gate_release, linkage_policy
from deid.risk.risk import _across_quarters_flags, earlier_quarters_view, measure_across_quarters
from deid.standards import ExtractRisk, RiskRules

QIS = ["age", "sex", "ethnicity", "provider"]
STABLE = ("sex", "ethnicity")
Row = tuple[str | None, str | None, str | None, str | None, str | None]


def _extract(rows: list[Row]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"person_id": pl.String, **{q: pl.String for q in QIS}}, orient="row")


def _rules(k: int, remedy_order: tuple[str, ...] = ("ethnicity", "age"), stable: tuple[str, ...] = STABLE,
           mode: str = "remedy") -> RiskRules:
    return RiskRules(k_threshold=k, max_prosecutor_risk=1 / k, stable_quasi_identifiers=stable,
                     person_k_across_quarters=mode,   # type: ignore[arg-type]
                     extracts={"service": ExtractRisk(quasi_identifiers=tuple(QIS), remedy_order=remedy_order)})


# The attacker's view, in plain Python (no SQL, no polars grouping): every quarter's released rows of the purpose.

def _merged(quarters: dict[str, list[dict]], stable: tuple[str, ...], only: set[str] | None = None
            ) -> dict[object, Counter]:
    """Each person's fingerprint: the set of (quarter, tuple), a stable attribute's blank filled with the
    (smallest) value the person shows in any row of the quarters in `only` (all when None)."""
    rows: dict[object, list[tuple[str, dict]]] = {}
    for quarter, released in quarters.items():
        if only is not None and quarter not in only:
            continue
        for i, row in enumerate(released):
            key = row["person_id"] if row["person_id"] is not None else ("no pseudonym", quarter, i)
            rows.setdefault(key, []).append((quarter, row))
    out = {}
    for key, theirs in rows.items():
        shown = {s: min((r[s] for _, r in theirs if r[s] is not None), default=None) for s in stable}
        out[key] = Counter({(q, tuple(r[c] if r[c] is not None or c not in stable else shown[c] for c in QIS))
                            for q, r in theirs})   # a set: which (quarter, tuple), not how many of each
    return out


def _sharing(fingerprints: dict[object, Counter]) -> dict[object, int]:
    groups = Counter(frozenset(f.items()) for f in fingerprints.values())
    return {key: groups[frozenset(f.items())] for key, f in fingerprints.items()}


def _brute_force(current: list[dict], earlier: dict[str, list[dict]], quarter: str, stable: tuple[str, ...], k: int
                 ) -> tuple[dict[str, int], list[bool]]:
    """The measure's figures and, per current row, whether its person is at risk and remediable now."""
    every = _sharing(_merged({**earlier, quarter: current}, stable))
    before = _sharing(_merged(earlier, stable))           # the earlier quarters alone, filled from them alone
    now = {r["person_id"] if r["person_id"] is not None else ("no pseudonym", quarter, i) for i, r in enumerate(current)}
    by_earlier = {p for p, n in every.items() if n < k and (p not in now or before.get(p, k) < k)}
    figures = {"persons_across_quarters": len(every),
               "person_fingerprints_across_quarters": len(Counter(frozenset(f.items()) for f in
                                                                  _merged({**earlier, quarter: current}, stable).values())),
               "person_k_min_across_quarters": min(every.values(), default=0),
               "persons_below_k_across_quarters": sum(1 for n in every.values() if n < k),
               "person_uniques_across_quarters": sum(1 for n in every.values() if n == 1),
               "persons_below_k_through_earlier_quarters": len(by_earlier)}
    flags = []
    for i, row in enumerate(current):
        key = row["person_id"] if row["person_id"] is not None else ("no pseudonym", quarter, i)
        flags.append(every[key] < k and key not in by_earlier)
    return figures, flags


def _at_risk_now(released: pl.DataFrame, earlier: dict[str, pl.DataFrame], quarter: str, k: int) -> set[object]:
    """Persons with rows in this quarter's release whose fingerprint over all quarters fewer than k persons share."""
    view = {q: f.to_dicts() for q, f in earlier.items()}
    sharing = _sharing(_merged({**view, quarter: released.to_dicts()}, STABLE))
    now = set(released.get_column("person_id").drop_nulls().to_list())
    return {p for p in now if sharing[p] < k}


def _e_c86_quarters() -> tuple[pl.DataFrame, pl.DataFrame]:
    """2026Q3 as released: e_c86 and two others Pacific (a class of 3), three European. 2026Q4 as supplied: e_c86
    the only Pacific, beside two Māori new this quarter: the row-level remedy blanks ethnicity on the three rows (a
    class of 3), and in each quarter alone everyone is among 3; but e_c86's Q4 blank is filled from Q3."""
    q3 = _extract([("e_c86", "30-34", "F", "Pacific", "A"), ("p1", "30-34", "F", "Pacific", "A"),
                   ("p2", "30-34", "F", "Pacific", "A"),
                   *((f"q{i}", "30-34", "F", "European", "A") for i in range(3))])
    q4 = _extract([("e_c86", "30-34", "F", "Pacific", "A"), ("r1", "30-34", "F", "Maori", "A"),
                   ("r2", "30-34", "F", "Maori", "A"), *((f"q{i}", "30-34", "F", "European", "A") for i in range(3))])
    return q3, q4


def test_when_a_stable_value_shown_in_q3_is_blanked_in_q4_then_the_person_is_not_singled_out_in_the_merged_view():
    q3, q4 = _e_c86_quarters()
    earlier = (QuarterRelease("service", "2026Q3", "R3", q3),)
    with Warehouse() as wh:
        old, old_gate = apply_risk_gate(wh, "service", q4, _rules(3))
        released, gate = apply_risk_gate(wh, "service", q4, _rules(3), earlier_quarters=earlier, quarter="2026Q4")
    # as before: each quarter alone passes with e_c86's ethnicity blanked in Q4, and the merged view singles them out
    assert old_gate.passed and old.filter(pl.col("person_id") == "e_c86").get_column("ethnicity").to_list() == [None]
    assert "e_c86" in _at_risk_now(old, {"2026Q3": q3}, "2026Q4", 3)
    # now: the merged view of Q3 and Q4 is measured and no one with rows this quarter is below k in it
    assert gate.before.person_k_min_across_quarters == 1 and gate.before.persons_across_quarters == 8
    assert gate.passed and not _at_risk_now(released, {"2026Q3": q3}, "2026Q4", 3)
    assert released.filter(pl.col("person_id") == "e_c86").is_empty()   # withheld: blanking cannot hide them
    assert gate.after.person_k_min_across_quarters is not None and gate.after.persons_below_k_across_quarters == \
        gate.after.persons_below_k_through_earlier_quarters
    # ethnicity is not blanked for e_c86 for this measure (they show it in Q3; the attacker fills it in)
    assert "ethnicity" not in gate.values_suppressed_for_persons_across_quarters
    assert gate.values_suppressed_for_persons_across_quarters == {"age": 3}
    assert gate.records_withheld_for_persons_across_quarters == 3 == gate.persons_withheld_across_quarters
    assert "person-level k across quarters=" in gate.message and "only for person-level k across quarters" in gate.message
    assert "3 records of 3 person(s) withheld only for person-level k across quarters" in gate.message


def test_when_a_stable_value_is_blanked_in_one_quarter_then_it_is_filled_from_another_before_comparing():
    """a's Q4 ethnicity was blanked, b's and c's shown: the recipient fills a's blank from Q3, so the three share
    their rows over the quarters. Without the fill (nothing listed as stable) the blank counts as a value of its own.
    A fill is a function of the person's released rows: it can only bring fingerprints together, never apart; what
    it changes is the remedy (blanking a value shown in another quarter hides nothing)."""
    q3 = _extract([(p, "30-34", "F", "Pacific", "A") for p in "abc"])
    q4 = _extract([("a", "30-34", "F", None, "A"), *((p, "30-34", "F", "Pacific", "A") for p in "bc")])
    releases = (QuarterRelease("service", "2026Q3", "R3", q3),)
    with Warehouse() as wh:
        view, plain = (earlier_quarters_view(wh, releases, "service", "2026Q4", QIS, stable) for stable in (STABLE, ()))
        assert view is not None and plain is not None
        filled = measure_across_quarters(wh, q4.with_row_index("__row_id"), view, QIS, k=3, quarter="2026Q4")
        unfilled = measure_across_quarters(wh, q4.with_row_index("__row_id"), plain, QIS, k=3, quarter="2026Q4")
    assert (filled["person_k_min_across_quarters"], filled["person_fingerprints_across_quarters"]) == (3, 1)
    assert (unfilled["person_k_min_across_quarters"], unfilled["person_fingerprints_across_quarters"]) == (1, 2)


def test_when_a_person_is_unique_only_by_the_combination_of_their_quarters_then_their_current_rows_are_remedied():
    """u is at provider A in Q3 and B in Q4; each quarter has every row in a class of 3 or more (and each person's
    rows within a quarter too), but only u moved from A to B."""
    q3 = _extract([("u", "30-34", "F", "European", "A"), *((f"s{i}", "30-34", "F", "European", "A") for i in range(3)),
                   *((f"t{i}", "30-34", "F", "European", "B") for i in range(3))])
    q4 = _extract([("u", "30-34", "F", "European", "B"), *((f"s{i}", "30-34", "F", "European", "A") for i in range(3)),
                   *((f"t{i}", "30-34", "F", "European", "B") for i in range(3))])
    earlier = (QuarterRelease("service", "2026Q3", "R3", q3),)
    with Warehouse() as wh:
        old, old_gate = apply_risk_gate(wh, "service", q4, _rules(3, ("provider", "age")))
        released, gate = apply_risk_gate(wh, "service", q4, _rules(3, ("provider", "age")), earlier_quarters=earlier,
                                         quarter="2026Q4")
    assert old_gate.passed and old.equals(q4) and old_gate.before.person_k_min == 3
    assert _at_risk_now(old, {"2026Q3": q3}, "2026Q4", 3) == {"u"}
    assert (gate.before.person_k_min_across_quarters, gate.before.persons_below_k_across_quarters) == (1, 1)
    assert gate.before.persons_below_k_through_earlier_quarters == 0 and gate.before.persons_across_quarters == 7
    assert gate.passed and not _at_risk_now(released, {"2026Q3": q3}, "2026Q4", 3)
    assert released.filter(pl.col("person_id") != "u").equals(q4.filter(pl.col("person_id") != "u"))   # the rest as they were
    assert gate.values_suppressed_for_persons_across_quarters.get("provider") == 1
    assert "only for person-level k across quarters" in gate.message


def test_when_a_person_is_at_risk_through_earlier_quarters_alone_then_they_are_reported_not_remedied():
    """z was the only Asian person of Q3's release: singled out already, whatever Q4's rows say, so z's Q4 row (in a
    class of 4) is kept and z counted and named, not remedied. p1 and p2, seen in Q3 only, were among 3 with e_c86 in
    Q3; with e_c86 in Q4 as well they are 2 in the merged view: reported too, until e_c86's Q4 row is withheld."""
    q3, q4 = _e_c86_quarters()
    q3 = pl.concat([q3, _extract([("z", "30-34", "F", "Asian", "A")])])
    q4 = pl.concat([q4, _extract([("z", "30-34", "F", "European", "A")])])
    earlier = (QuarterRelease("service", "2026Q3", "R3", q3),)
    with Warehouse() as wh:
        released, gate = apply_risk_gate(wh, "service", q4, _rules(3), earlier_quarters=earlier, quarter="2026Q4")
    assert gate.before.persons_below_k_through_earlier_quarters == 3   # z, p1, p2
    assert gate.passed and gate.after.persons_below_k_through_earlier_quarters == 1   # z
    assert gate.after.persons_below_k_across_quarters == 1
    assert released.filter(pl.col("person_id") == "z").equals(q4.filter(pl.col("person_id") == "z"))
    assert "1 person(s) below person-level k across quarters through the earlier quarters' releases alone" in gate.message


def test_when_there_are_no_earlier_quarters_of_the_purpose_then_the_gate_behaves_exactly_as_before():
    q3, q4 = _e_c86_quarters()
    other_purpose = (QuarterRelease("research", "2026Q3", "R3", q3),)
    same_quarter = (QuarterRelease("service", "2026Q4", "R4", q3),)   # superseded by this run's release of the quarter
    no_pseudonym = (QuarterRelease("service", "2026Q3", "R3", q3.drop("person_id")),)
    with Warehouse() as wh:
        plain, plain_gate = apply_risk_gate(wh, "service", q4, _rules(3))
        for earlier in ((), other_purpose, same_quarter, no_pseudonym):
            released, gate = apply_risk_gate(wh, "service", q4, _rules(3), earlier_quarters=earlier, quarter="2026Q4")
            assert released.equals(plain) and gate == plain_gate
        assert plain_gate.before.person_k_min_across_quarters is None and "across quarters" not in plain_gate.message
        policy = linkage_policy(_rules(3))
        out, gates = gate_release(wh, {"service": q4}, _rules(3), policy, quarter="2026Q4")
        out2, gates2 = gate_release(wh, {"service": q4}, _rules(3), policy, quarter="2026Q4", earlier_quarters=other_purpose)
    assert out["service"].equals(plain) and gates["service"].message.startswith(plain_gate.message)
    assert out2["service"].equals(plain) and gates2["service"] == gates["service"]


def test_when_earlier_quarters_are_passed_to_gate_release_then_person_level_k_across_quarters_is_gated():
    q3, q4 = _e_c86_quarters()
    rules = _rules(3)
    with Warehouse() as wh:
        out, gates = gate_release(wh, {"service": q4}, rules, linkage_policy(rules), quarter="2026Q4",
                                  earlier_quarters=(QuarterRelease("service", "2026Q3", "R3", q3),))
    gate = gates["service"]
    assert gate.after.person_k_min_across_quarters is not None and gate.records_withheld_for_persons_across_quarters == 3
    assert not _at_risk_now(out["service"], {"2026Q3": q3}, "2026Q4", 3)


def test_when_the_rows_exceed_the_cap_then_person_level_k_across_quarters_is_not_measured_and_the_message_says_so(monkeypatch):
    import deid.risk.risk as risk

    q3, q4 = _e_c86_quarters()
    rules = _rules(3)
    monkeypatch.setattr(risk, "ACROSS_QUARTERS_MAX_ROWS", 5)
    with Warehouse() as wh:
        _, gates = gate_release(wh, {"service": q4}, rules, linkage_policy(rules), quarter="2026Q4",
                                earlier_quarters=(QuarterRelease("service", "2026Q3", "R3", q3),))
    assert gates["service"].after.person_k_min_across_quarters is None
    assert "nor person-level k across quarters" in gates["service"].message


# An independent brute force over tiny random 2-3 quarter sets.

def _random_quarter(rng: random.Random, ids: list[str]) -> pl.DataFrame:
    values = {"age": ["20-24", "25-29", None], "sex": ["F", "M", None], "ethnicity": ["Maori", "European", None],
              "provider": ["A", "B", None]}
    cut = {q: values[q][:rng.randint(1, len(values[q]))] for q in QIS}
    return _extract([(rng.choice([*ids, None]) if rng.random() < 0.9 else None, *(rng.choice(cut[q]) for q in QIS))
                     for _ in range(rng.randint(0, 14))])


@pytest.mark.parametrize("seed", range(4))
def test_when_measured_on_tiny_random_quarters_then_person_level_k_across_quarters_agrees_with_a_brute_force(seed):
    rng = random.Random(seed)
    reached = 0
    with Warehouse() as wh:
        for _ in range(40):
            ids = [f"p{i}" for i in range(rng.randint(1, 8))]
            labels = ["2026Q2", "2026Q3", "2026Q4"][3 - rng.randint(2, 3):]
            earlier = {t: _random_quarter(rng, ids) for t in labels[:-1]}
            current = _random_quarter(rng, ids)
            k = rng.randint(2, 3)
            stable = STABLE if rng.random() < 0.7 else ()
            figures, flags = _brute_force(current.to_dicts(), {t: f.to_dicts() for t, f in earlier.items()},
                                          labels[-1], stable, k)
            releases = tuple(QuarterRelease("service", t, "R", f) for t, f in earlier.items())
            view = earlier_quarters_view(wh, releases, "service", labels[-1], QIS, stable)
            assert view is not None
            rows = current.with_row_index("__row_id")
            measured = measure_across_quarters(wh, rows, view, QIS, k=k, quarter=labels[-1])
            assert measured == figures, (current, earlier)
            mask, shown = _across_quarters_flags(wh, rows, view, QIS, k, labels[-1])
            assert mask.to_list() == flags, (current, earlier)
            assert {q: v.to_list() for q, v in shown.items()} == {q: [
                r["person_id"] is not None and any(e["person_id"] == r["person_id"] and e[q] is not None
                                                   for f in earlier.values() for e in f.to_dicts())
                for r in current.to_dicts()] for q in stable}
            released, gate = apply_risk_gate(wh, "service", current, _rules(k, ("provider", "age", "ethnicity"), stable),
                                             earlier_quarters=releases, quarter=labels[-1])
            after, _ = _brute_force(released.to_dicts(), {t: f.to_dicts() for t, f in earlier.items()}, labels[-1],
                                    stable, k)
            assert gate.after.person_k_min_across_quarters == after["person_k_min_across_quarters"]
            if gate.passed:   # no one with rows this quarter is below k in the merged view, but through earlier alone
                assert after["persons_below_k_across_quarters"] == after["persons_below_k_through_earlier_quarters"]
            reached += bool(gate.values_suppressed_for_persons_across_quarters or gate.records_withheld_for_persons_across_quarters)
    assert reached >= 3   # the draws reach the remedy across quarters


def test_when_person_k_across_quarters_is_reported_not_remedied_then_the_rows_are_kept_and_a_steward_decides():
    """The default: persons at risk over the quarters are measured and left to a steward (a remedy withheld 8-50% of a
    generated quarter's rows), with the open decision `deid approve` lists."""
    from deid.approval import DECIDE

    q3, q4 = _e_c86_quarters()
    earlier = (QuarterRelease("service", "2026Q3", "R3", q3),)
    with Warehouse() as wh:
        alone, _ = apply_risk_gate(wh, "service", q4, _rules(3))
        released, gate = apply_risk_gate(wh, "service", q4, _rules(3, mode="report"), earlier_quarters=earlier,
                                         quarter="2026Q4")
    assert gate.passed and released.equals(alone)           # nothing more blanked or withheld than the quarter alone asks
    assert gate.after.person_k_min_across_quarters == 1 and not gate.records_withheld_for_persons_across_quarters
    assert "reported, not remedied" in gate.message and DECIDE in gate.message
