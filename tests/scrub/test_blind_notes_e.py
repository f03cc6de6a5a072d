"""Blind note set E: the generator's own guarantees (not the scrubber's scores)."""
from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest
from stdnum.nz import bankaccount, ird

from tests.scrub.blind_notes_e.generator import (
    KEEP_KINDS,
    PII_KINDS,
    TEST_SEED,
    TUNE_SEED,
    all_given_names,
    all_surnames,
    bank_is_valid,
    generate,
    generate_detailed,
    ird_is_valid,
    nhi_is_valid,
    plain_letters,
)
from tests.scrub.labelled_notes import parse_note

Rows = list[tuple[str, list[tuple[str, str]], str]]
_MARK = re.compile(r"\[\[(?P<type>[A-Z]+):(?P<pii>.+?)\]\]|\{\{(?P<keep>.+?)\}\}")


@pytest.fixture(scope="module", params=[TEST_SEED, TUNE_SEED])
def rows(request: pytest.FixtureRequest) -> Rows:
    return generate_detailed(500, request.param)


def test_same_seed_same_notes_and_seeds_differ() -> None:
    assert generate_detailed(60, TEST_SEED) == generate_detailed(60, TEST_SEED)
    assert generate(60, TEST_SEED) != generate(60, TUNE_SEED)
    assert generate(60, TEST_SEED) == [line for line, _, _ in generate_detailed(60, TEST_SEED)]


def test_at_least_500_notes_of_150_to_600_characters(rows: Rows) -> None:
    assert len(rows) >= 500
    lengths = [len(parse_note(line).text) for line, _, _ in rows]
    assert min(lengths) >= 150 and max(lengths) <= 600


def test_every_span_is_the_text_it_labels(rows: Rows) -> None:
    for line, _, _ in rows:
        names, _, marked = line.partition("|")
        note = parse_note(line)
        inners = [(m.group("type"), m.group("pii") or m.group("keep")) for m in _MARK.finditer(marked)]
        spans = sorted([(kind, a, b) for kind, a, b in note.pii] + [("keep", a, b) for a, b in note.keep],
                       key=lambda s: s[1])
        assert [note.text[a:b] for _, a, b in spans] == [inner for _, inner in inners]
        assert [k for k, _, _ in spans] == [t or "keep" for t, _ in inners]
        assert all(k in PII_KINDS for k, _, _ in note.pii)
        for (_, _, end), (_, start, _) in itertools.pairwise(spans):
            assert end <= start
        for _, a, b in spans:
            assert b > a and note.text[a:b] == note.text[a:b].strip()
        assert "[[" not in note.text and "{{" not in note.text and "\n" not in line
        assert note.known_names and all(n.strip() for n in names.split(";"))


def test_every_kept_span_has_one_listed_kind(rows: Rows) -> None:
    for line, kinds, _ in rows:
        note = parse_note(line)
        kind_of = dict((text, kind) for kind, text in kinds)
        assert len(kind_of) == len(kinds)
        assert {note.text[a:b] for a, b in note.keep} == set(kind_of)
        assert set(kind_of.values()) <= set(KEEP_KINDS)


def test_nhi_check_matches_published_examples() -> None:
    for valid in ("WLD9413", "ZSC21TN", "ZBN77VL", "ZAC5361", "zsc21tn"):
        assert nhi_is_valid(valid)
    for invalid in ("ZZZ0044", "ZZZ00AA", "WLD9414", "ILD9413"):
        assert not nhi_is_valid(invalid)


def test_ird_check_agrees_with_stdnum() -> None:
    for number in ("49091850", "35901981", "49098576", "136410132", "136410133", "9125568", "123456789"):
        assert ird_is_valid(number) == ird.is_valid(number)


def test_identifiers_pass_their_checks(rows: Rows) -> None:
    for line, _, _ in rows:
        note = parse_note(line)
        for kind, a, b in note.pii:
            value = note.text[a:b]
            if kind == "NHI":
                assert nhi_is_valid(value), value
            elif kind == "IRD":
                assert ird_is_valid(value) and ird.is_valid(re.sub(r"[\s-]", "", value)), value
            elif kind == "BANK":
                assert bank_is_valid(value) and bankaccount.is_valid(re.sub(r"\s+", "-", value)), value
            elif kind == "DL":
                assert re.fullmatch(r"[A-Za-z]{2}[ -]?\d{6}", value), value
            elif kind == "PHONE":
                digits = re.sub(r"\D", "", value)
                assert re.fullmatch(r"(0|64)(2[1279]\d{6,8}|[34679]\d{7})", digits), value
            elif kind == "EMAIL":
                assert re.fullmatch(r"[a-z0-9._]+@[a-z.]+\.[a-z]{2,}", value.lower()), value


def test_every_required_kind_occurs(rows: Rows) -> None:
    pii = Counter(kind for line, _, _ in rows for kind, _, _ in parse_note(line).pii)
    kept = Counter(kind for _, kinds, _ in rows for kind, _ in kinds)
    assert all(pii[kind] >= 20 for kind in PII_KINDS), pii
    assert all(kept[kind] >= 20 for kind in KEEP_KINDS), kept


def test_reference_numbers_can_carry_a_valid_ird_check(rows: Rows) -> None:
    references = [text for _, kinds, _ in rows for kind, text in kinds if kind == "reference"]
    assert any(ird_is_valid(r) for r in references) and any(not ird_is_valid(r) for r in references)


def test_name_lists_are_wide_and_hold_names_that_are_words() -> None:
    given, surnames = all_given_names(), all_surnames()
    assert len(given) >= 300 and len(surnames) >= 200
    for word_name in ("Hope", "Grace", "Rose", "Joy", "Aroha", "Mana", "Tui", "Kiri", "Rangi", "Ra", "Wiki",
                      "Ngaire", "Faith", "Summer", "Sky", "River", "Lily", "Amber", "Bill", "Mark", "Will", "Drew"):
        assert word_name in given
    for surname in ("O'Brien", "Smith-Tuhoe", "Te Aho-White", "D'Souza", "Tuʻilagi"):
        assert surname in surnames


def test_set_e_name_forms_occur(rows: Rows) -> None:
    lines = [line for line, _, _ in rows]
    joined = "\n".join(lines)
    assert re.search(r"@\[\[PERSON:", joined)                               # @name in text messages
    assert re.search(r"\[\[PERSON:[^\]]+\]\]s\b", joined)                   # Arohas
    assert re.search(r"\[\[PERSON:[^\]]+\]\]['’]s", joined)                 # Aroha's
    assert re.search(r"\[\[PERSON:([A-Za-z]\.){2}\]\]", joined)             # J.T.
    assert re.search(r"\[\[PERSON:Bro\]\]", joined, re.I) and re.search(r"\{\{bro\}\}", joined, re.I)
    assert re.search(r"\[\[PERSON:[^\]]*[-'][^\]]*\]\]", joined)            # hyphen or apostrophe
    styles = Counter(meta.split("/")[1] for _, _, meta in rows)
    assert set(styles) == {"formal", "text", "soap", "list", "reo", "calls"}


def test_some_people_are_not_on_the_record(rows: Rows) -> None:
    off_record = 0
    for line, _, _ in rows:
        note = parse_note(line)
        record = {plain_letters(token).lower() for name in note.known_names for token in re.split(r"[\s-]", name)}
        for kind, a, b in note.pii:
            tokens = [plain_letters(t).lower() for t in re.split(r"[\s-]", note.text[a:b].strip("@"))]
            if kind == "PERSON" and "." not in note.text[a:b] and not any(t in record for t in tokens):
                off_record += 1
    assert off_record >= 200
