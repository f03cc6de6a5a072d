"""Linkage across quarters (second user test, item 1): each quarter's rows may all match k or more rows of the
other purpose, yet a person's quarters put together match fewer than k of the other purpose's persons."""
from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import polars as pl
import pytest

from deid.db import Warehouse
from deid.risk import QuarterRelease, control_across_quarters, gate_release, linkage_policy
from deid.risk.across_quarters import _person_ids, _person_quarter_matches, measure_across_quarters
from deid.standards import RiskRules
from tests.risk.quarters_oracle import oracle

RULES = RiskRules(k_threshold=3, max_prosecutor_risk=0.5, extracts={
    name: {"quasi_identifiers": ["age"], "remedy_order": ["age"]} for name in ("research", "service")})
POLICY = linkage_policy(RULES)


def rows(quarter: str, prefix: str, people: dict[str, tuple[str | None, str | None]]) -> pl.DataFrame:
    return pl.DataFrame({"person_id": [f"{prefix}{p}" for p in people], "quarter": [quarter] * len(people),
                         "programme": [v[0] for v in people.values()], "age": [v[1] for v in people.values()]})


# Two quarters of two purposes: in each, every row matches exactly three rows of the other purpose.
# Research person 1 matches service persons 1, 2, 3 in 2026Q1 and 1, 4, 5 in 2026Q2: only person 1 in both.
Q1 = {"1": ("Triple P", "20-24"), "2": ("Triple P", "20-24"), "3": ("Triple P", "20-24"),
      "4": ("Pēpi First", "30-34"), "5": ("Pēpi First", "30-34"), "6": ("Pēpi First", "30-34")}
Q2 = {"1": ("Pēpi First", "30-34"), "4": ("Pēpi First", "30-34"), "5": ("Pēpi First", "30-34"),
      "2": ("Triple P", "20-24"), "3": ("Triple P", "20-24"), "6": ("Triple P", "20-24")}


def earlier_quarter() -> tuple[QuarterRelease, ...]:
    return (QuarterRelease("research", "2026Q1", "R1", rows("2026Q1", "r_", Q1)),
            QuarterRelease("service", "2026Q1", "R1", rows("2026Q1", "s_", Q1)))


def this_quarter() -> dict[str, pl.DataFrame]:
    return {"research": rows("2026Q2", "r_", Q2), "service": rows("2026Q2", "s_", Q2)}


def attacker(research: list[pl.DataFrame], service: list[pl.DataFrame], k: int) -> tuple[int, int]:
    """Plainly (`tests/risk/quarters_oracle.py`): per research person, the service persons the superset attacker (each
    of the person's rows matched, in every quarter they are seen in) or the equal-set attacker (the same quarters, as
    many rows, paired off one to one) keeps; (linkable, linked to exactly one). The last frame is this run's quarter."""
    found = oracle(_labelled(research), _labelled(service), research[-1].get_column("quarter")[0], k)
    return found.linkable, found.linked_uniquely


def _labelled(frames: list[pl.DataFrame]) -> list[tuple[str, pl.DataFrame]]:
    return [(f.get_column("quarter")[0], f) for f in frames if f.height]


def test_when_quarters_are_combined_then_a_person_matching_three_rows_in_each_links_to_one_person():
    ways = measure_across_quarters(this_quarter(), earlier_quarter(), POLICY, "2026Q2")
    research = ways[("research", "service")].count
    assert research.persons == 6 and research.linked_uniquely >= 1
    assert (research.linkable, research.linked_uniquely) == attacker(
        [rows("2026Q1", "r_", Q1), rows("2026Q2", "r_", Q2)], [rows("2026Q1", "s_", Q1), rows("2026Q2", "s_", Q2)], 3)
    assert research.linkable_by_earlier_alone == 0   # one earlier quarter alone is the within-quarter measure


def test_when_only_one_quarter_is_held_then_no_person_links():
    for frames in (this_quarter(), {n: rows("2026Q1", p, Q1) for n, p in (("research", "r_"), ("service", "s_"))}):
        with Warehouse() as wh:
            _, gates = gate_release(wh, frames, RULES, POLICY)
        assert all(g.passed and g.persons_linkable_across_quarters == 0 for g in gates.values())
        assert all(not p.after[0].linkable for p in gates["research"].linkage)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_when_persons_recur_across_random_quarters_then_the_measure_counts_what_the_attacker_finds(seed):
    rng = np.random.default_rng(seed)
    programmes, ages = ["A", "B", "C"], ["20-24", "25-29", "30-34", None]

    def quarter(label: str, prefix: str, people: np.ndarray) -> pl.DataFrame:
        return pl.DataFrame({"person_id": [f"{prefix}{p}" for p in people], "quarter": [label] * len(people),
                             "programme": rng.choice(programmes, len(people)).tolist(),
                             "age": [ages[i] for i in rng.integers(0, 4, len(people))]})

    people = [rng.choice(40, 30, replace=False) for _ in range(3)]
    labels = ["2026Q1", "2026Q2", "2026Q3"]
    research = [quarter(t, "r_", p) for t, p in zip(labels, people, strict=True)]
    service = [quarter(t, "s_", p) for t, p in zip(labels, people, strict=True)]
    earlier = tuple(itertools.chain.from_iterable(
        (QuarterRelease("research", t, "R", r), QuarterRelease("service", t, "R", s))
        for t, r, s in zip(labels[:2], research[:2], service[:2], strict=True)))
    ways = measure_across_quarters({"research": research[2], "service": service[2]}, earlier, POLICY, "2026Q3")
    count = ways[("research", "service")].count
    assert (count.linkable, count.linked_uniquely) == attacker(research, service, 3)
    # linkable on the two earlier quarters alone, as the attacker would see them before this release
    assert count.linkable_by_earlier_alone == oracle(_labelled(research), _labelled(service), "2026Q3", 3).linkable_by_earlier_alone


def test_when_the_control_runs_then_no_person_links_through_this_runs_rows_and_earlier_releases_are_untouched():
    earlier = earlier_quarter()
    kept = [e.frame.clone() for e in earlier]
    released, result = control_across_quarters(this_quarter(), earlier, POLICY, "2026Q2")
    assert result.passed and result.actions and all(a.action in ("suppress", "withhold") for a in result.actions)
    assert all(e.frame.equals(k) for e, k in zip(earlier, kept, strict=True))
    research, service = released["research"], released["service"]
    assert attacker([rows("2026Q1", "r_", Q1), research], [rows("2026Q1", "s_", Q1), service], 3) == (0, 0)
    # only the rows of this run changed: blanks, never new values
    for name, frame in released.items():
        before = this_quarter()[name].filter(pl.col("person_id").is_in(frame.get_column("person_id").implode()))
        assert all(((frame[c] == before[c]) | frame[c].is_null()).all() for c in ("programme", "age"))


def test_when_the_gate_combines_quarters_then_its_message_and_result_give_the_persons_linkable_before_and_after():
    with Warehouse() as wh:
        _, gates = gate_release(wh, this_quarter(), RULES, POLICY, quarter="2026Q2", earlier_quarters=earlier_quarter())
    gate = gates["research"]
    assert gate.passed and gate.persons_linkable_across_quarters == 0
    assert "linkage across quarters (2026Q1, 2026Q2 combined; " in gate.message
    assert "0 of 6 persons link to fewer than 3 persons of service" in gate.message
    assert "(before the control 6 did)" in gate.message
    assert any("across quarters" in a.detail for a in gate.linkage_actions + gates["service"].linkage_actions)


def test_when_earlier_quarters_alone_link_a_person_then_the_gate_reports_it_and_does_not_block():
    # 2026Q0 and 2026Q1 released already: research person 1 links to service person 1 on those two alone
    q0 = {"1": ("Pēpi First", "30-34"), "4": ("Pēpi First", "30-34"), "5": ("Pēpi First", "30-34"),
          "2": ("Triple P", "20-24"), "3": ("Triple P", "20-24"), "6": ("Triple P", "20-24")}
    earlier = (*earlier_quarter(), QuarterRelease("research", "2026Q0", "R0", rows("2026Q0", "r_", q0)),
               QuarterRelease("service", "2026Q0", "R0", rows("2026Q0", "s_", q0)))
    now = {"research": rows("2026Q2", "r_", Q1), "service": rows("2026Q2", "s_", Q1)}
    with Warehouse() as wh:
        _, gates = gate_release(wh, now, RULES, POLICY, quarter="2026Q2", earlier_quarters=earlier)
    gate = gates["research"]
    assert gate.passed and gate.persons_linkable_by_earlier_releases >= 1
    assert "through earlier quarters' releases alone" in gate.message


def test_when_which_quarters_a_person_is_in_links_them_then_the_gate_says_so_and_blocks_only_when_asked():
    # research person 1 and service person 1 are the only ones of their 2026Q1 group still served in 2026Q2:
    # blanking their 2026Q2 rows cannot help, and withholding them would exceed the cap. Research persons 2 and 3,
    # served in 2026Q1 alone, link too for the equal-set attacker (each to service persons 2 and 3, the only ones of
    # their 2026Q1 group not served again): no rows of theirs in this run to remedy
    q2 = {"1": ("Pēpi First", "30-34"), "4": ("Pēpi First", "30-34"), "5": ("Pēpi First", "30-34"),
          "6": ("Pēpi First", "30-34")}
    now = {"research": rows("2026Q2", "r_", q2), "service": rows("2026Q2", "s_", q2)}
    with Warehouse() as wh:
        _, reported = gate_release(wh, now, RULES, POLICY, quarter="2026Q2", earlier_quarters=earlier_quarter())
        _, blocked = gate_release(wh, now, RULES, POLICY, quarter="2026Q2", earlier_quarters=earlier_quarter(),
                                  block_across_quarters=True)
    assert reported["research"].passed and reported["research"].persons_linkable_across_quarters == 3
    assert "3 of 6 persons link to fewer than 3 persons of service (1 to exactly one)" in reported["research"].message
    assert "3 still linkable through this release" in reported["research"].message
    assert not blocked["research"].passed and blocked["research"].message.startswith("blocked: ")


@pytest.mark.parametrize("seed", [4, 5])
def test_when_the_control_remedies_random_quarters_then_what_it_reports_is_what_the_attacker_finds_in_what_it_releases(seed):
    rng = np.random.default_rng(seed)
    labels = ["2026Q1", "2026Q2"]

    def quarter(label: str, prefix: str, people: np.ndarray) -> pl.DataFrame:
        return pl.DataFrame({"person_id": [f"{prefix}{p}" for p in people], "quarter": [label] * len(people),
                             "programme": rng.choice(["A", "B", "C"], len(people)).tolist(),
                             "age": rng.choice(["20-24", "25-29", "30-34"], len(people)).tolist()})

    people = [rng.choice(60, 45, replace=False) for _ in labels]
    research = [quarter(t, "r_", p) for t, p in zip(labels, people, strict=True)]
    service = [quarter(t, "s_", p) for t, p in zip(labels, people, strict=True)]
    earlier = (QuarterRelease("research", labels[0], "R", research[0]), QuarterRelease("service", labels[0], "R", service[0]))
    policy = dataclasses.replace(POLICY, keep={"research": frozenset({"programme"})})   # research keeps its programme
    released, result = control_across_quarters({"research": research[1], "service": service[1]}, earlier, policy, labels[1])
    assert sum(c.linkable for c in result.counts) <= sum(c.linkable for c in result.before)
    assert released["research"].get_column("programme").equals(research[1].get_column("programme"))
    for name, other, mine, theirs in (("research", "service", research, service), ("service", "research", service, research)):
        count = result.counts_for(name)[0]
        assert (count.linkable, count.linked_uniquely) == attacker([mine[0], released[name]], [theirs[0], released[other]], 3)


def test_when_the_quarters_hold_more_rows_than_the_measure_is_run_at_then_the_gate_says_it_did_not_measure(monkeypatch):
    import deid.risk.risk as risk

    monkeypatch.setattr(risk, "ACROSS_QUARTERS_MAX_ROWS", 5)
    with Warehouse(":memory:") as wh:
        _, gates = gate_release(wh, this_quarter(), RULES, POLICY, quarter="2026Q2", earlier_quarters=earlier_quarter())
    for gate in gates.values():
        assert "linkage across quarters not measured" in gate.message and gate.persons_linkable_across_quarters == 0


def test_when_the_controls_withhold_rows_then_the_gate_counts_them_and_one_cap_holds_over_every_round():
    """A user test: rows held back for linkage across quarters were reported as "0 records withheld", and the
    cap on withheld rows started afresh in each round (8 of 140 rows, above the 5% cap)."""
    q2 = {"1": ("Pēpi First", "30-34"), "4": ("Pēpi First", "30-34"), "5": ("Pēpi First", "30-34"),
          "6": ("Pēpi First", "30-34"), **{str(i): ("Triple P", "20-24") for i in range(10, 60)}}
    now = {"research": rows("2026Q2", "r_", q2), "service": rows("2026Q2", "s_", q2)}
    generous = dataclasses.replace(POLICY, max_withheld_share=0.1)
    with Warehouse() as wh:
        released, gates = gate_release(wh, now, RULES, generous, quarter="2026Q2", earlier_quarters=earlier_quarter())
    for name, gate in gates.items():
        withheld = sum(a.rows_affected for a in gate.linkage_actions if a.action == "withhold")
        assert released[name].height + gate.records_withheld == now[name].height
        assert gate.records_withheld_for_linkage == withheld <= 0.1 * now[name].height
        if withheld:
            assert f"{withheld} record(s) withheld for linkage ({gate.records_withheld} records withheld in all)" in gate.message
    assert sum(g.records_withheld_for_linkage for g in gates.values()) > 0


def test_when_a_person_is_on_two_rows_of_one_release_then_their_rows_together_are_measured_and_remedied():
    # user test 6: a woman served by two providers had one pseudonym per purpose, each on two rows; each row matched
    # three or more of the other purpose's rows, but only one service person had rows at both providers
    people = {"1": ("Triple P", "20-24"), "2": ("Triple P", "20-24"), "3": ("Triple P", "20-24"),
              "4": ("Pēpi First", "20-24"), "5": ("Pēpi First", "20-24")}
    both = {"1": ("Pēpi First", "20-24")}     # person 1's second row, at the other programme

    def extract(prefix: str) -> pl.DataFrame:
        return pl.concat([rows("2026Q3", prefix, people), rows("2026Q3", prefix, both)])

    extracts = {"research": extract("r_"), "service": extract("s_")}
    ways = measure_across_quarters(extracts, (), POLICY, "2026Q3")
    counted = ways[("research", "service")].count
    # person 1 links to s_1 alone; for the equal-set attacker persons 2 to 5 (one row each) link too: s_1, on two
    # rows, cannot be theirs, which leaves s_2 and s_3 (s_4 and s_5) each
    assert (counted.persons, counted.linkable, counted.linked_uniquely) == (5, 5, 1)
    assert (counted.linkable, counted.linked_uniquely) == attacker([extracts["research"]], [extracts["service"]], 3)
    with Warehouse() as wh:
        released, gates = gate_release(wh, extracts, RULES, POLICY, quarter="2026Q3")
    after = measure_across_quarters(released, (), POLICY, "2026Q3")
    assert after[("research", "service")].count.linkable == 0 or gates["research"].persons_linkable_across_quarters == \
        after[("research", "service")].count.linkable
    assert "a person is all their rows" in gates["research"].message


# --- the equal-set attacker (a red-team user test: 46 persons linked where the gate reported 16) ------------------
# An attacker who knows both purposes hold the same rows of a person (consent recorded per person) keeps only the
# candidates seen in the same quarters, on as many rows, whose rows pair off one to one with the person's.

Held = dict[str, list[tuple[str | None, str | None]]]


def listed(quarter: str, prefix: str, people: Held) -> pl.DataFrame:
    """Rows of persons on one or more rows (programme, age) each."""
    found = [(f"{prefix}{p}", programme, age) for p, held in people.items() for programme, age in held]
    return pl.DataFrame({"person_id": [f[0] for f in found], "quarter": [quarter] * len(found),
                         "programme": [f[1] for f in found], "age": [f[2] for f in found]}, schema={
        "person_id": pl.Utf8, "quarter": pl.Utf8, "programme": pl.Utf8, "age": pl.Utf8})


A: tuple[str | None, str | None] = ("Triple P", "20-24")
B: tuple[str | None, str | None] = ("Pēpi First", "20-24")
C: tuple[str | None, str | None] = ("Mana Whānau", "30-34")
SERVICE: Held = {"1": [A, B], "2": [A, B, C], "3": [A, B, C], "4": [("Triple P", "40-44"), B, C],
           **{p: [("Triple P", "40-44"), ("Pēpi First", "40-44")] for p in ("5", "6", "7")}}
# the research rows are the same persons' rows; persons 2 to 4 have their first row's age blank
RESEARCH: Held = {**SERVICE, **{p: [("Triple P", None), B, C] for p in ("2", "3", "4")}}


def test_when_the_superset_rule_leaves_three_candidates_and_the_equal_set_rule_one_then_the_person_is_linkable_and_remedied() -> None:
    extracts = {"research": listed("2026Q3", "r_", RESEARCH), "service": listed("2026Q3", "s_", SERVICE)}
    # research person 1 (two rows): service persons 1, 2 and 3 hold a row matching each of theirs (the superset
    # attacker's three), but only service person 1 holds two rows (the equal-set attacker's one); and the other way
    ways = measure_across_quarters(extracts, (), POLICY, "2026Q3")
    for name, other in (("research", "service"), ("service", "research")):
        count = ways[(name, other)].count
        assert (count.persons, count.linkable, count.linked_uniquely) == (7, 1, 1)
        assert ways[(name, other)].fixable.get_column("person_id").to_list() == [f"{name[0]}_1"]
        assert (count.linkable, count.linked_uniquely) == attacker([extracts[name]], [extracts[other]], 3)
    released, result = control_across_quarters(extracts, (), POLICY, "2026Q3")
    assert result.passed and sum(c.linkable for c in result.counts) == 0
    assert result.actions and all(a.action == "suppress" for a in result.actions)   # blanks, no rows withheld
    for name, other in (("research", "service"), ("service", "research")):
        assert attacker([released[name]], [released[other]], 3) == (0, 0)
        assert released[name].height == extracts[name].height


def _matched(a: pl.DataFrame, b: pl.DataFrame) -> tuple[set[tuple[str, str]], set[tuple[str, str]], set[tuple[str, str]]]:
    """One quarter's (research, service) pairs: each of the research person's rows matched; each of the service
    person's rows matched; the same rows (pseudonyms, not the measure's numbers)."""
    ids_a, ids_b = _person_ids({"t": [a]}, "t"), _person_ids({"t": [b]}, "t")
    xy, yx, same = _person_quarter_matches(a, b, "research", "service", POLICY, ids_a, ids_b)

    def named(pairs: pl.DataFrame, left: pl.Series, right: pl.Series) -> set[tuple[str, str]]:
        return set(zip(left.gather(pairs.get_column("p")).to_list(), right.gather(pairs.get_column("q")).to_list(), strict=True))

    return named(xy, ids_a, ids_b), {(r, s) for s, r in named(yx, ids_b, ids_a)}, named(same, ids_a, ids_b)


def test_when_a_person_on_two_rows_meets_a_candidate_on_three_then_only_the_superset_rule_keeps_the_candidate() -> None:
    research = listed("2026Q3", "r_", {"1": [A, B]})
    service = listed("2026Q3", "s_", {"1": [A, B, C]})
    superset, reverse, same = _matched(research, service)
    assert superset == {("r_1", "s_1")} and reverse == set() and same == set()


def test_when_every_row_matches_a_row_both_ways_but_the_rows_do_not_pair_off_then_the_equal_set_rule_drops_the_candidate() -> None:
    # three rows each: research person 1's two Triple P rows both need service person 1's one Triple P row; research
    # person 2's rows pair off (Triple P, blank programme, all blank)
    research = listed("2026Q3", "r_", {"1": [A, A, (None, None)], "2": [A, (None, "20-24"), (None, None)]})
    service = listed("2026Q3", "s_", {"1": [A, B, ("Mana Whānau", "20-24")]})
    superset, reverse, same = _matched(research, service)
    assert superset == reverse == {("r_1", "s_1"), ("r_2", "s_1")}
    assert same == {("r_2", "s_1")}


def random_quarters(seed: int) -> tuple[list[str], list[pl.DataFrame], list[pl.DataFrame]]:
    """One to three tiny quarters: persons on one to four rows a quarter, blanks, the two purposes holding the same
    persons (half the quarters) or others."""
    rng = np.random.default_rng(seed)
    labels = ["2026Q1", "2026Q2", "2026Q3"][: int(rng.integers(1, 4))]

    def quarter(label: str, prefix: str, people: np.ndarray) -> pl.DataFrame:
        return pl.DataFrame({"person_id": [f"{prefix}{p}" for p in people], "quarter": [label] * len(people),
                             "programme": rng.choice(["A", "B"], len(people)).tolist(),
                             "age": [["x", "y", None][i] for i in rng.integers(0, 3, len(people))]})

    def people() -> np.ndarray:
        served = rng.choice(8, int(rng.integers(3, 8)), replace=False)
        return np.concatenate([served, rng.choice(served, int(rng.integers(0, 4)))])   # some on several rows

    research, service = [], []
    for t in labels:
        mine = people()
        research.append(quarter(t, "r_", mine))
        service.append(quarter(t, "s_", mine if rng.random() < 0.5 else people()))
    return labels, research, service


@pytest.mark.parametrize("seeds", [range(0, 40), range(40, 80)])
def test_when_tiny_random_quarters_are_measured_then_both_attackers_counts_are_those_of_the_plain_oracle(seeds: range) -> None:
    """The measure's persons, linkable, linked uniquely and linkable through earlier releases alone, each way, against
    `tests/risk/quarters_oracle.py` (every candidate tried, every order of their rows)."""
    for seed in seeds:
        labels, research, service = random_quarters(seed)
        earlier = tuple(itertools.chain.from_iterable(
            (QuarterRelease("research", t, "R", r), QuarterRelease("service", t, "R", s))
            for t, r, s in zip(labels[:-1], research[:-1], service[:-1], strict=True)))
        ways = measure_across_quarters({"research": research[-1], "service": service[-1]}, earlier, POLICY, labels[-1])
        for name, other, mine, theirs in (("research", "service", research, service), ("service", "research", service, research)):
            c = ways[(name, other)].count
            expected = oracle(_labelled(mine), _labelled(theirs), labels[-1], 3)
            assert (c.persons, c.linkable, c.linked_uniquely, c.linkable_by_earlier_alone) == (
                expected.persons, expected.linkable, expected.linked_uniquely, expected.linkable_by_earlier_alone), (seed, name)
