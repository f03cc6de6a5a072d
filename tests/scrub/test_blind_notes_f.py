"""Blind labelled note set F (issue 15): the generator's own checks, not a score of the scrubber."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from stdnum.nz import bankaccount, ird

from tests.scrub.blind_notes_f import generator as gen

MARK_RE = re.compile(r"\[\[(?P<type>[A-Z]+):(?P<pii>.+?)\]\]|\{\{(?P<keep>.+?)\}\}")


@pytest.fixture(scope="module")
def test_notes() -> list[tuple[str, list[tuple[str, str]], str]]:
    return gen.generate_detailed(500, gen.TEST_SEED)


def _spans(line: str) -> tuple[str, str, list[tuple[str, str]], list[str]]:
    record, marked = line.split("|", 1)
    pii = [(m.group("type"), m.group("pii")) for m in MARK_RE.finditer(marked) if m.group("type")]
    keep = [m.group("keep") for m in MARK_RE.finditer(marked) if m.group("keep") is not None]
    return record, marked, pii, keep


def test_same_seed_same_notes() -> None:
    assert gen.generate(40, gen.TEST_SEED) == gen.generate(40, gen.TEST_SEED)
    assert gen.generate_detailed(20, gen.TUNE_SEED) == gen.generate_detailed(20, gen.TUNE_SEED)


def test_different_seeds_different_notes() -> None:
    a = gen.generate(40, gen.TEST_SEED)
    b = gen.generate(40, gen.TUNE_SEED)
    assert a != b
    assert not set(a) & set(b)


def test_generate_matches_detailed() -> None:
    assert gen.generate(30, gen.TEST_SEED) == [line for line, _, _ in gen.generate_detailed(30, gen.TEST_SEED)]


def test_every_line_parses(test_notes: list[tuple[str, list[tuple[str, str]], str]]) -> None:
    for line, kept, _ in test_notes:
        assert line.count("|") == 1, line
        record, marked, pii, keep = _spans(line)
        assert record.strip(), line
        assert "\n" not in line
        # nothing left over once the marks are taken out: no stray or nested markers
        rest = MARK_RE.sub("", marked)
        assert "[[" not in rest and "]]" not in rest and "{{" not in rest and "}}" not in rest, line
        for typ, text in pii:
            assert typ in gen.PII_KINDS, (typ, line)
            assert text.strip() == text and text, line
        assert [t for _, t in kept] == keep, line
        for kind, text in kept:
            assert kind in gen.KEEP_KINDS, (kind, line)
            assert text.strip() == text and text, line
        plain = MARK_RE.sub(lambda m: m.group("pii") or m.group("keep"), marked)
        assert 150 <= len(plain) <= 600, (len(plain), line)


def test_each_kept_text_has_one_kind(test_notes: list[tuple[str, list[tuple[str, str]], str]]) -> None:
    for line, kept, _ in test_notes:
        kinds: dict[str, set[str]] = {}
        for kind, text in kept:
            kinds.setdefault(text, set()).add(kind)
        assert all(len(v) == 1 for v in kinds.values()), line
        pii_texts = {t for _, t in _spans(line)[2]}
        assert not pii_texts & set(kinds), line


def test_identifiers_validate(test_notes: list[tuple[str, list[tuple[str, str]], str]]) -> None:
    seen: Counter[str] = Counter()
    for line, _, _ in test_notes:
        for typ, text in _spans(line)[2]:
            if typ == "NHI":
                assert gen.nhi_is_valid(text), text
            elif typ == "IRD":
                assert ird.is_valid(text), text
            elif typ == "BANK":
                assert bankaccount.is_valid(text.replace("/", "-")), text
            elif typ == "DL":
                assert re.fullmatch(r"[A-Za-z]{2}[ -]?\d{6}", text), text
            elif typ == "EMAIL":
                assert re.fullmatch(r"[^@\s]+@[a-z0-9.-]+\.[a-z]{2,}", text, re.I), text
            seen[typ] += 1
    assert seen["NHI"] and seen["IRD"] and seen["BANK"]


def test_nhi_check_on_published_examples() -> None:
    for good in ("ZAC5361", "ZBN77VL", "zsc21tn", "WLD9413"):
        assert gen.nhi_is_valid(good), good
    for bad in ("ZZZ0044", "ZZZ00AA", "ZAC5362", "IOA1234"):
        assert not gen.nhi_is_valid(bad), bad


def test_references_that_look_like_ird_numbers_exist(
    test_notes: list[tuple[str, list[tuple[str, str]], str]],
) -> None:
    lookalikes = [t for _, kept, _ in test_notes for k, t in kept if k == "reference" and ird.is_valid(t)]
    assert len(lookalikes) >= 10


def test_coverage(test_notes: list[tuple[str, list[tuple[str, str]], str]]) -> None:
    pii_kinds = {typ for line, _, _ in test_notes for typ, _ in _spans(line)[2]}
    keep_kinds = {k for _, kept, _ in test_notes for k, _ in kept}
    styles = {ps.split("/")[1] for _, _, ps in test_notes}
    providers = {ps.split("/")[0] for _, _, ps in test_notes}
    assert pii_kinds == set(gen.PII_KINDS)
    assert keep_kinds == set(gen.KEEP_KINDS)
    assert len(styles) >= 8
    assert len(providers) >= 6


def test_names_that_are_words_play_both_roles(
    test_notes: list[tuple[str, list[tuple[str, str]], str]],
) -> None:
    as_name = {t.lower() for line, _, _ in test_notes for typ, t in _spans(line)[2] if typ == "PERSON"}
    as_word = {t.lower() for _, kept, _ in test_notes for k, t in kept if k in ("te_reo", "word")}
    both = {w.lower() for w in gen.WORD_NAMES} & as_name & as_word
    assert len(both) >= 8, both


def test_people_outside_the_record_are_labelled(
    test_notes: list[tuple[str, list[tuple[str, str]], str]],
) -> None:
    outside = 0
    for line, _, _ in test_notes:
        record, _, pii, _ = _spans(line)
        tokens = {t.lower() for name in record.split("; ") for t in gen.strip_marks(name).split()}
        for typ, text in pii:
            if typ == "PERSON" and not any(t.lower().strip(".,") in tokens for t in gen.strip_marks(text).split()):
                outside += 1
    assert outside >= 200


def test_template_and_name_counts() -> None:
    body, _ = gen.template_count()
    given, family = gen.name_counts()
    assert body >= 250
    assert given >= 200 and family >= 150
