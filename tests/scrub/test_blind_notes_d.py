"""Blind set D's generator: deterministic, labels that match the text, identifiers that pass their checks, every kind
present. (The scrubber's scores on the set are the bench's business, not this test's.)"""
from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

import pytest
from stdnum.nz import bankaccount, ird

from tests.scrub.blind_notes_d import generator as g
from tests.scrub.labelled_notes import parse_note

SEEDS = (g.TEST_SEED, g.TUNE_SEED)


@pytest.fixture(scope="module", params=SEEDS)
def notes(request: pytest.FixtureRequest) -> list[g.GeneratedNote]:
    return g.generate_notes(500, request.param)


def test_deterministic_per_seed_and_per_note() -> None:
    assert g.generate(500, g.TEST_SEED) == g.generate(500, g.TEST_SEED)
    assert g.generate(40, g.TEST_SEED) == g.generate(500, g.TEST_SEED)[:40]
    assert g.generate(40, g.TEST_SEED) != g.generate(40, g.TUNE_SEED)


def test_at_least_500_notes_of_150_to_600_characters(notes: list[g.GeneratedNote]) -> None:
    assert len(notes) == 500
    assert all(150 <= len(n.text) <= 600 and "\n" not in n.text for n in notes)
    assert len({n.text for n in notes}) == len(notes)


def test_lines_parse_back_to_the_same_text_spans_and_names(notes: list[g.GeneratedNote]) -> None:
    for note in notes:
        parsed = parse_note(note.line)
        assert parsed.text == note.text
        assert parsed.known_names == note.known_names
        assert list(parsed.pii) == [s for s in note.spans if s[0] in g.PII_KINDS]
        assert list(parsed.keep) == [(a, b) for kind, a, b in note.spans if kind in g.KEEP_KINDS]


def test_spans_are_trimmed_and_never_overlap(notes: list[g.GeneratedNote]) -> None:
    for note in notes:
        spans = sorted((a, b) for _, a, b in note.spans)
        assert all(b1 <= a2 for (_, b1), (a2, _) in pairwise(spans))
        for _, a, b in note.spans:
            piece = note.text[a:b]
            assert piece and piece == piece.strip()


def test_detailed_form_lists_each_kept_span_with_its_kind(notes: list[g.GeneratedNote]) -> None:
    seed = g.TEST_SEED
    rows = g.generate_detailed(30, seed)
    for (line, kinds, info), note in zip(rows, g.generate_notes(30, seed), strict=True):
        assert line == note.line and info["service"] in g.SERVICE_BANKS and info["style"] in g.SEPARATORS
        assert sorted(kinds) == sorted((k, note.text[a:b]) for k, a, b in note.spans if k in g.KEEP_KINDS)


def test_every_kind_occurs_often_enough(notes: list[g.GeneratedNote]) -> None:
    counts = Counter(kind for n in notes for kind, _, _ in n.spans)
    for kind in g.PII_KINDS + g.KEEP_KINDS:
        assert counts[kind] >= 30, (kind, counts[kind])
    assert counts["PERSON"] >= 2000


def _pieces(notes: list[g.GeneratedNote], kind: str) -> list[str]:
    return [n.text[a:b] for n in notes for k, a, b in n.spans if k == kind]


def test_nhi_check_characters_match_published_examples() -> None:
    for valid in ("ABC1235", "WLD9413", "ZAC5361", "zsc21tn", "ZBN77VL", "zvb97xq"):
        assert g.nhi_is_valid(valid), valid
    for invalid in ("ZZZ0044", "ZZZ00AA", "ABC1234", "IOA1234", "ZBN77VM"):
        assert not g.nhi_is_valid(invalid), invalid


def test_nhi_numbers_are_valid_in_both_formats(notes: list[g.GeneratedNote]) -> None:
    nhis = _pieces(notes, "NHI")
    assert all(g.nhi_is_valid(x) for x in nhis)
    assert any(re.fullmatch(r"[A-Za-z]{3}\d{4}", x) for x in nhis)
    assert any(re.fullmatch(r"[A-Za-z]{3}\d{2}[A-Za-z]{2}", x) for x in nhis)


def test_ird_check_agrees_with_python_stdnum(notes: list[g.GeneratedNote]) -> None:
    for valid in ("49091850", "35901981", "49098576", "136410132"):
        assert g.ird_is_valid(valid) and ird.is_valid(valid)
    assert not g.ird_is_valid("136410133")
    irds = _pieces(notes, "IRD")
    assert all(g.ird_is_valid(x) and ird.is_valid(x) for x in irds)
    assert {len(re.sub(r"\D", "", x)) for x in irds} == {8, 9}
    assert any("-" in x for x in irds) and any(x.isdigit() for x in irds)


def test_reference_numbers_look_like_ird_numbers_and_follow_a_cue(notes: list[g.GeneratedNote]) -> None:
    checked = 0
    for note in notes:
        for kind, a, b in note.spans:
            if kind == "reference":
                assert re.fullmatch(r"\d{2,3}[- ]?\d{3}[- ]?\d{3}", note.text[a:b])
                assert re.search(r"(invoice|receipt|ref)\b[^\w]*(no\.?|#)?\s*$", note.text[max(0, a - 20):a], re.I)
                checked += g.ird_is_valid(note.text[a:b])
    assert checked >= 20    # a good share pass the IRD check: only the cue says they are not IRD numbers


def test_bank_accounts_pass_the_bank_check_in_every_separator_form(notes: list[g.GeneratedNote]) -> None:
    accounts = _pieces(notes, "BANK")
    assert all(g.bank_is_valid(x) and bankaccount.is_valid(x) for x in accounts)
    assert any("-" in x for x in accounts) and any(" " in x for x in accounts) and any(x.isdigit() for x in accounts)


def test_phones_emails_licences_have_their_shapes(notes: list[g.GeneratedNote]) -> None:
    phones = _pieces(notes, "PHONE")
    pattern = r"(\+64 ?|0|\(0)(2[1279]|[34679])\)?[ -]?\d{2,4}[ -]?\d{3,4}"
    assert all(re.fullmatch(pattern, p) for p in phones), [p for p in phones if not re.fullmatch(pattern, p)]
    assert any(p.startswith("+64") for p in phones) and any(p.startswith("02") for p in phones)
    assert any(re.match(r"\(?0[34679]", p) for p in phones)
    assert all(re.fullmatch(r"[\w.]+@[a-z.]+\.[a-z]{2,}", e, re.I) for e in _pieces(notes, "EMAIL"))
    licences = _pieces(notes, "DL")
    assert all(re.fullmatch(r"[A-Za-z]{2}[ -]?\d{6}", x) for x in licences)
    assert {("-" in x) + 2 * (" " in x) for x in licences} == {0, 1, 2}


def test_dates_of_birth_in_numeric_ordinal_month_first_and_written_forms(notes: list[g.GeneratedNote]) -> None:
    dobs = _pieces(notes, "DOB")
    assert all(re.search(r"\d{2,4}|nineteen|twenty|thousand", d, re.I) for d in dobs)
    assert any(re.fullmatch(r"\d{1,2}/\d{1,2}/\d{2,4}", d) for d in dobs)
    assert any(re.match(r"\d{1,2}(st|nd|rd|th) ", d, re.I) for d in dobs)
    assert any(re.match(r"[A-Za-z]+ \d{1,2},? \d{4}", d) for d in dobs)
    assert any("'" in d for d in dobs)
    assert any(re.search(r"(first|second|third|th) of ", d, re.I) and not d[0].isdigit() for d in dobs)


def test_addresses_have_number_street_suburb_and_city(notes: list[g.GeneratedNote]) -> None:
    cities = "|".join(sorted(map(re.escape, g.address_cities()), key=len, reverse=True))
    for address in _pieces(notes, "ADDRESS"):
        assert re.fullmatch(rf"(Flat \d, |Unit \d+/)?\d+(/\d+)?[A-C]? [\w' ]+?,? [\w' ]+?,? ({cities})( \d{{4}})?",
                            address, re.I), address


def test_people_come_from_the_record_and_from_outside_it(notes: list[g.GeneratedNote]) -> None:
    outside, on_record = 0, 0
    for note in notes:
        record_tokens = {g.strip_marks(t).lower() for name in note.known_names for t in re.split(r"[\s,]+", name)}
        for kind, a, b in note.spans:
            if kind == "PERSON":
                tokens = {g.strip_marks(t).lower().replace("'", "ʻ") for t in re.split(r"[\s,]+", note.text[a:b]) if t}
                tokens = {t.replace("ʻ", "'") for t in tokens}
                if tokens <= record_tokens or {t.replace("'", "") for t in tokens} <= record_tokens:
                    on_record += 1
                else:
                    outside += 1
    assert on_record > 1000 and outside > 300


def test_name_lists_are_wide_and_include_names_that_are_words() -> None:
    given, surnames = g.all_given_names(), g.all_surnames()
    assert len(given) >= 300 and len(surnames) >= 200
    for word_name in ("Hope", "Grace", "Rose", "Joy", "Aroha", "Mana", "Tui", "Kiri", "Rangi", "Ra", "Wiki", "Ngaire",
                      "Faith", "Summer", "Sky", "River", "Lily", "Amber", "Bill", "Mark", "Will", "Drew"):
        assert word_name in given, word_name
    assert any("ʻ" in n for n in given + surnames) and any(n != g.strip_marks(n) for n in given)


def test_words_that_are_also_names_appear_in_both_roles(notes: list[g.GeneratedNote]) -> None:
    as_person = Counter(g.strip_marks(p).lower() for p in _pieces(notes, "PERSON"))
    as_word = Counter(g.strip_marks(w).lower() for n in notes for k, a, b in n.spans
                      if k in ("te reo", "everyday word") for w in [n.text[a:b]])
    both = [w for w in ("aroha", "mana", "kiri", "rangi", "wiki", "tui", "hope", "grace", "will", "mark", "bill")
            if as_person[w] and as_word[w]]
    assert len(both) >= 7, both


def test_notes_are_written_in_many_hands(notes: list[g.GeneratedNote]) -> None:
    styles = Counter(n.style for n in notes)
    assert set(styles) == set(g.SEPARATORS)
    texts = [n.text for n in notes]
    assert sum(t == t.lower() for t in texts) >= 40                      # whole notes in lower case
    assert sum(bool(re.search(r"\b[A-Z]{3,} [A-Z]{3,} [A-Z]{3,}\b", t)) for t in texts) >= 60   # lines in capitals
    assert any("•" in t for t in texts) and any(" / " in t for t in texts)
    persons = _pieces(notes, "PERSON")
    assert any(p == p.lower() for p in persons) and any(p == p.upper() and len(p) > 3 for p in persons)
    assert any("ʻ" in p for p in persons) and any("'" in p and "O'" not in p for p in persons)
    keeps = [n.text[a:b] for n in notes for k, a, b in n.spans if k == "te reo"]
    assert any("ā" in w for w in keeps) and any(w.lower() == "whanau" for w in keeps)
