"""The scrubber's shortcuts for speed (issue 16) find exactly what the plain patterns find: word lists grouped by
first letter, patterns with the capital first, the necessary parts searched before a pattern tried at every word,
and a word's facts remembered for the name model."""
import random
import re

import pytest

from deid.scrub import Scrubber
from deid.scrub.recognizers.name_evidence import UPPER, _alternation, grouped_alternation
from deid.scrub.recognizers.titled_name_recognizer import _LOWER, _UPPER, capitalised_words
from deid.scrub.scan import NoteScan
from tests.scrub import generated_notes
from tests.scrub.labelled_notes import load_notes

WORDS = ["Mr", "mr", "Mrs", "Ms", "mum", "Mum", "MUM", "mother", "mātua", "Matua", "āunty", "Aunty", "aunty and uncle",
         "social worker", "spoke with", "spoke to", "sp", "Kelvin", "kaimahi", "ko", "Ko", "ōku", "'ofa", "-ish", "7th"]


@pytest.fixture(scope="module")
def scrubber(standards):
    return Scrubber(standards)


@pytest.fixture(scope="module")
def notes() -> list[str]:
    held_out = [n.text for n in generated_notes.held_out_notes()[:300]]
    return [n.text for n in load_notes()] + held_out + [t.upper() for t in held_out[:100]] + [t.lower() for t in held_out[:100]]


def _texts(seed: int) -> list[str]:
    """Random runs of the words, their case changed and parts cut off, between spaces, punctuation and letters."""
    rng = random.Random(seed)
    pieces = [*WORDS, " ", "  ", ", ", ". ", "\n", "x", "ā", "K", "-", "'"]
    out = []
    for _ in range(400):
        parts = []
        for _ in range(rng.randint(1, 12)):
            piece = rng.choice(pieces)
            piece = rng.choice([piece, piece.upper(), piece.lower(), piece.title(), piece[1:], piece[:-1]])
            parts.append(piece)
        out.append("".join(parts))
    return out


@pytest.mark.parametrize("ignore_case", [True, False])
def test_a_grouped_word_list_matches_as_the_plain_alternation_does(ignore_case):
    flags = re.IGNORECASE if ignore_case else 0
    wrap = r"(?<!\w)(?:{})(?:\s+(?:{}))*(?P<after>\s*\w*)"
    plain = re.compile(wrap.format(_alternation(WORDS), _alternation(WORDS)), flags)
    grouped_words = grouped_alternation(WORDS, ignore_case=ignore_case)
    grouped = re.compile(wrap.format(grouped_words, grouped_words), flags)
    assert "(?=" in grouped_words
    for text in _texts(1):
        assert [(m.span(), m.group("after")) for m in plain.finditer(text)] == \
               [(m.span(), m.group("after")) for m in grouped.finditer(text)], text


def test_a_word_list_with_a_word_starting_with_a_space_stays_plain():
    assert grouped_alternation(["mum", " dad"], ignore_case=True) == _alternation(["mum", " dad"])


def test_capitalised_words_are_those_the_lookahead_pattern_finds(notes):
    before_capital = re.compile(rf"(?=[{_UPPER}])(?<![\w\-@.])(?<!\w['’])[{_UPPER}][{_UPPER}{_LOWER}\-]*(?:['’][{_UPPER}{_LOWER}]+)?(?![\w@])")
    for text in [*notes, *_texts(2), "'Ofa and O'Brien-Smith, e.g.Tui @Mere x-Ray ʻAna"]:
        expected = [(m.start(), m.end(), m.group()) for m in before_capital.finditer(text)]
        scan = NoteScan(text)
        assert capitalised_words(text) == expected
        assert capitalised_words(text, scan) == expected
        assert capitalised_words(text, scan) is capitalised_words(text, scan)   # found once per note


def test_each_pattern_tried_at_every_word_matches_only_where_its_necessary_part_stands(scrubber, notes):
    """A gate never hides a match: wherever the full pattern finds something, its gate finds something too."""
    titled = next(r for r in scrubber.recognizers if r.name == "TitledNameRecognizer")
    cued = next(r for r in scrubber.recognizers if r.name == "CuedInitialsRecognizer")
    pairs = [(titled._bracketed, titled._bracketed_tail), (titled._role_after, titled._role_tail),
             (titled._initial_first, titled._initial_tail), (titled._family_first, titled._family_tail),
             (titled._signed, titled._signed_mark), (cued._pattern, re.compile(r"[^\W\d_]\.[ \t]?[^\W\d_]\."))]
    extra = ["Hemi, social worker", "Losa - Pasifika family worker", "sophie (5)", "TE HIRA, Ataahua", "J. Brown rang",
             "Spoke to S.H. briefly", "~Hemi A FW", "- Rowena (SW)", "call. -- Summer budget adviser"]
    found = 0
    for text in [*notes, *extra]:
        for full, gate in pairs:
            if full is not None and full.search(text):
                found += 1
                signed_start = full is titled._signed and text[:1] in ("~", "-", "—", "/")
                assert signed_start or gate.search(text), (full.pattern[:40], text)
    assert found > 50


def test_the_capital_first_patterns_find_what_the_lookahead_patterns_found(scrubber, notes):
    from deid.scrub.recognizers import name_evidence
    from deid.scrub.scrub import _LISTED_BEFORE

    old_run = re.compile(rf"(?=[{UPPER}])(?<![\w'’])[{UPPER}][{UPPER}'’\-]*[{UPPER}](?:[^\w\n]+[{UPPER}][{UPPER}'’\-]*[{UPPER}](?![\w'’])){{2}}")
    old_listed = re.compile(rf"(?<![\w'’\-])(?P<word>[{UPPER}][\w'’\-]*)(?:,[ \t]*|[ \t]+(?:and|&)[ \t]+)$")
    for text in [*notes, "MS WHAANGA'S TAX NUMBER IS", "Hōhepa, Tawhiri and Kahu", "O'Neil & Rima and"]:
        assert [m.span() for m in old_run.finditer(text)] == [m.span() for m in name_evidence._CAPITALS_RUN.finditer(text)]
        for end in range(0, len(text), 7):
            old, new = old_listed.search(text, max(0, end - 40), end), _LISTED_BEFORE.search(text, max(0, end - 40), end)
            assert (old and old.span("word")) == (new and new.span("word"))


def _held_against_plain(ev, text: str, start: int, word: str) -> str | None:
    """`NameFeatures.held_against` as it was before it remembered a word's facts."""
    from deid.standards import fold

    key = fold(word).replace(" ", "")
    if ev.never_a_name(key):
        return "soft" if len(word) == 1 and word.isupper() and word not in ("A", "I") else "hard"
    if (word[1:].islower() and not (ev.is_listed_name(key) or key in ev.te_reo or ev.polynesian_shape(key))
            and ev.sentence_start(text, start)):
        return "hard"
    if word.islower():
        if key in ev.te_reo or key in ev.everyday or not (ev.is_listed_name(key) or ev.polynesian_shape(key)):
            return "soft" if (ev.is_listed_name(key) or key in ev.name_particles) and len(key) > 1 else "hard"
        before = text[max(0, start - 24):start]
        if ev.determiner_before.search(before):
            return "hard"
        if ev.place_before.search(before) and not ev.cue_before(text, start):
            return "hard"
    return None


def test_the_name_models_word_facts_give_what_the_word_and_its_context_give(scrubber, notes):
    crf = next(r for r in scrubber.recognizers if r.name == "CrfNameRecognizer")
    features = crf.model.features
    judged = set()
    for text in [*notes, "Note: Referral received", "A Referral", "going to mirimiri later", "her tane left", "Lagi W came"]:
        for m in re.finditer(r"[^\W\d_]+", text):
            for _ in range(2):   # the second time from the remembered facts
                got = features.held_against(text, m.start(), m.end(), m.group())
                assert got == _held_against_plain(features.ev, text, m.start(), m.group()), (text, m.group())
                judged.add(got)
    assert judged == {None, "soft", "hard"}
