"""The scrub engine: one scan per note shared by every recognizer, recognizers found by name, word lists
from standards/ (issues 16 and 17)."""
from __future__ import annotations

import re

import pytest
from presidio_analyzer import AnalyzerEngine, PatternRecognizer

from deid.errors import ScrubError
from deid.scrub import Scrubber
from deid.scrub.recognizers import NzIrdRecognizer, NzNhiRecognizer, NzPhoneRecognizer, NzStreetAddressRecognizer
from deid.scrub.registry import recognizer_class, registered
from deid.scrub.scan import CuePhrases, NoteScan
from deid.scrub.scrub import SCORE_THRESHOLD, KeepPhrases, remove_contained, scrub_texts
from tests.scrub.generated_notes import tune_notes
from tests.scrub.labelled_notes import load_notes


@pytest.fixture(scope="module")
def scrubber(standards):
    return Scrubber(standards)


def _key(results):
    return sorted((r.entity_type, r.start, r.end, round(r.score, 6)) for r in results)


def test_when_the_engine_runs_a_note_then_its_results_equal_presidios_own_analyzer_with_the_same_recognizers(scrubber):
    """Pins the installed Presidio's behaviour: its AnalyzerEngine (patterns through the regex module, context
    step, duplicate removal) and our engine (one scan, recognizers skipped without candidates, patterns through
    re) give the same results, record names included."""
    presidio = scrubber.presidio_engine()
    notes = load_notes()
    known = scrubber.known_names([name for note in notes for name in note.known_names])
    texts = [note.text for note in notes] + [note.text for note in tune_notes()[::3]]
    for text in texts:
        ours = scrubber.engine.analyze(text, known.recognizers)
        theirs = presidio.analyze(text=text, language="en", score_threshold=SCORE_THRESHOLD, ad_hoc_recognizers=list(known.recognizers))
        assert _key(ours) == _key(theirs), text


def test_when_the_baseline_engine_is_built_then_it_is_presidios_analyzer_with_every_static_recognizer(scrubber):
    engine = scrubber.presidio_engine()
    assert type(engine) is AnalyzerEngine
    assert {r.name for r in engine.registry.recognizers} == {r.name for r in scrubber.recognizers}


@pytest.mark.parametrize("text", [
    "NHI ZZZ0016 and ird 136410132",
    "Ref: IRD 49-091-850; call 021 555 0123",
    "Lives at 15 Smith St, Mt Eden, Auckland 1024. PO Box 12, Napier",
    "no numbers at all here",
    "IRD 123 456 789 and 12-345-678, not 1234-567-890 nor 12 3456 789",   # grouped IRD shapes, and near misses
    "ird 0123456789 or 1234567 or x12345678",                          # runs of ten, seven, and after a letter
    "PO Box 4021, Hamilton 3240 and 8 May 2026 at 9 Highgate, Roslyn, Dunedin 9010",  # box only; parsed street
    "Flat 2, 15 Smith St 1024 and 9 Ara Tūhono, Warkworth",             # road type and prefix type, no box
    "Private Bag 3020, Rotorua Mail Centre, Rotorua 3046",
])
def test_when_a_pattern_recognizer_runs_on_the_scan_then_it_finds_what_presidios_pattern_step_finds(standards, text):
    for cls in (NzNhiRecognizer, NzIrdRecognizer, NzStreetAddressRecognizer):
        recognizer = cls.from_standards(standards)
        ours = remove_contained(recognizer.analyze(text, recognizer.supported_entities, NoteScan(text)))
        theirs = recognizer.analyze(text, recognizer.supported_entities, None)  # Presidio's PatternRecognizer.analyze
        assert _key(ours) == _key(theirs)
    assert _key(NzNhiRecognizer.from_standards(standards).analyze(text, ["NZ_NHI"], NoteScan(text))) == _key(
        PatternRecognizer.analyze(NzNhiRecognizer.from_standards(standards), text, ["NZ_NHI"]))


@pytest.mark.parametrize("text, wanted", [
    ("call 021 555 0123", True),
    ("ph (09) 555-0123", True),
    ("short code 81234", True),       # NZ UAN numbers have five digits and start with 8
    ("$1,250.00 on 12 May", False),
    ("no digits", False),
])
def test_when_a_note_has_no_candidate_number_then_libphonenumber_is_not_called(text, wanted):
    assert NzPhoneRecognizer().wants(NoteScan(text)) is wanted


def test_when_the_phone_matcher_reads_only_windows_then_it_takes_what_it_takes_from_the_whole_note():
    import phonenumbers

    def taken(text):  # the recognizer's rule, run over the whole note as before candidates
        found = set()
        for m in phonenumbers.PhoneNumberMatcher(text, "NZ", leniency=phonenumbers.Leniency.POSSIBLE):
            digits = sum(c.isdigit() for c in m.raw_string)
            possible = phonenumbers.is_valid_number(m.number) or (m.raw_string.lstrip("(").startswith(("0", "+")) and digits >= 8)
            code_tail = m.start > 1 and text[m.start - 1] in "-/" and text[m.start - 2].isalnum()
            freephone = phonenumbers.number_type(m.number) in {phonenumbers.PhoneNumberType.TOLL_FREE, phonenumbers.PhoneNumberType.UAN,
                                                               phonenumbers.PhoneNumberType.SHARED_COST, phonenumbers.PhoneNumberType.PREMIUM_RATE}
            freephone = freephone and not m.raw_string.lstrip("(").startswith(("0", "+"))   # dialled whole: no cue, taken
            dated = re.match(r"\d{1,4}[./\-]\d{1,2}[./\-]\d{2,4}(?!\d)", m.raw_string)
            if possible and not (m.start and (text[m.start - 1] in "$,." or text[m.start - 1].isdigit())) \
                    and not (code_tail or freephone or dated):
                found.add(m.start + (m.raw_string.startswith("(") and ")" not in m.raw_string))
        return found

    recognizer = NzPhoneRecognizer()
    texts = [note.text for note in load_notes()] + [note.text for note in tune_notes()]
    assert sum(bool(taken(text)) for text in texts) > 50
    for text in texts:
        assert {r.start for r in recognizer.analyze(text, ["PHONE_NUMBER"])} == taken(text), text


def test_when_the_walk_back_helpers_run_then_they_find_what_the_regexes_they_replace_find(standards):
    """The name word before a verb, the capitalised word before a name and the places a person verb can start are
    found by walking back from a known position rather than by a regex tried at every start; each equals that regex
    (as the scrubber used it before) on the evaluation notes and on hand-written edge cases."""
    import re

    from deid.scrub.recognizers import TitledNameRecognizer
    from deid.scrub.recognizers.name_evidence import LOWER, UPPER
    from deid.scrub.scrub import _word_before

    titled = TitledNameRecognizer.from_standards(standards)
    from deid.scrub.recognizers.titled_name_recognizer import _TITLE_WORD

    title, caps = _TITLE_WORD, rf"[{UPPER}][{UPPER}'’\-]+"   # a capitalised word, O'Connor and Al-Khatib too
    last_word = re.compile(rf"(?<![\w'’\-])(?P<name>{title}|{caps}|[{LOWER}]+)$")
    word_before = re.compile(rf"(?P<word>[{UPPER}][\w'’\-]*)[ \t]+$")
    edge = ["Mary-Anne said", "x2Aroha said", "Hēmi\nsaid", "_Tui's car", "o'Brien said", "MUM HINE's", "McDonald  Aroha",
            "(Aroha) said", "Aroha said's", "ſaid Tui", "Mere's  and Tui’s", "a" * 60 + " said", "said"]
    texts = [note.text for note in load_notes()] + [note.text for note in tune_notes()] + edge
    for text in texts:
        scan = NoteScan(text)
        afters = [m.span() for m in titled._after.finditer(text)]
        assert [m.span() for m in titled._after_at_starts(text, scan)] == afters, text
        for start in {a for a, _ in afters} | {w.start for w in scan.words} | {len(text)}:
            expected = last_word.search(text, max(0, start - 40), start)
            found = titled._last_word(text, start)
            assert (found and (found.span(), found.group("name"))) == (expected and (expected.span(), expected.group("name"))), text
            before = word_before.search(text, 0, start)
            assert _word_before(text, start) == (before.span("word") if before and before.end() == start else None), text


def test_when_a_note_is_scanned_then_words_carry_folded_keys_and_parts_before_an_apostrophe():
    text = "Hōhepa's kōrero with Fa'asalele at 10:45, 2nd visit"
    scan = NoteScan(text)
    words = {w.text: w for w in scan.words}
    assert words["Hōhepa's"].key == "hohepas"
    assert [(end, key) for end, key, _ in words["Hōhepa's"].prefixes()] == [(8, "hohepas"), (6, "hohepa")]
    assert "nd" not in scan.letter_runs and "visit" in scan.letter_runs   # "2nd" is no word
    assert [text[a:b] for a, b in scan.digit_runs] == ["10", "45", "2"]
    assert words["Fa'asalele"].key == "faasalele"
    assert scan.word_texts == [w.text for w in scan.words] and scan.word_keys == [w.key for w in scan.words]
    assert [text[a:b] for a, b in zip(scan.word_starts, scan.word_ends, strict=True)] == scan.word_texts
    assert "kōrero" not in scan.key_set and "korero" in scan.key_set


@pytest.mark.parametrize("text, present", [
    ("Driver's licence sighted", True), ("licence", True), ("drivers", False), ("DL given", True)])
def test_when_cue_phrases_are_checked_then_every_word_of_one_phrase_must_be_there(text, present):
    cues = CuePhrases(["driver's licence", "licence", "dl"])
    assert cues.present(NoteScan(text)) is present


@pytest.mark.parametrize("text, spans", [
    ("Attended triple p and Triple P.", [(9, 17), (22, 30)]),
    ("TriplePlus", []),
    ("Family Start-up", [(0, 12)]),
])
def test_when_keep_phrases_are_found_then_whole_words_match_in_any_case(text, spans):
    assert sorted(KeepPhrases(["Triple P", "Family Start"]).spans(text)) == spans
    assert sorted(KeepPhrases(["Triple P", "Family Start"]).spans(text, NoteScan(text))) == spans


def test_when_keep_phrases_are_searched_for_with_the_notes_scan_then_they_are_found_where_they_are_without_it(standards):
    """With the scan, only phrases whose runs of letters are all in the note are searched for; the phrases found
    are the same on the evaluation notes and on edge cases (quotes, digits, apostrophes, hyphens)."""
    notes = [*load_notes(), *tune_notes()]
    phrases = [*standards.recognizers.keep_phrases, *{n.programme for n in tune_notes()}, "4 Kids", "Te Ara-Hou", "K'aute"]
    keep = KeepPhrases(phrases)
    edge = ["'Women's Refuge' and \"triple p\"", "2Triple P", "Triple P2", "x4 kids and 4 Kids", "te ara-hou, TE ARA-HOU",
            "K'aute and k’aute", "Family Start-up and Family Starts", "İstanbul Triple P"]
    texts = [n.text for n in notes] + edge
    found = 0
    for text in texts:
        expected = keep.spans(text)
        assert keep.spans(text, NoteScan(text)) == expected, text
        found += bool(expected)
    assert found > 20


def test_every_name_in_recognizers_yaml_is_registered_and_built_from_the_standards(standards, scrubber):
    names = [switch.name for switch in standards.recognizers.recognizers]
    assert set(names) <= set(registered())
    assert {r.name for r in scrubber.recognizers} | {"KnownNamesRecognizer"} == set(names)
    assert recognizer_class("KnownNamesRecognizer", "test").NEEDS_KNOWN_NAMES
    known = scrubber.known_names(["Aroha Ngata"])
    assert [r.name for r in known.recognizers] == ["KnownNamesRecognizer"] and known.names_whole("Aroha Ngata")


def test_when_recognizers_yaml_names_an_unknown_recognizer_then_the_error_names_file_row_field_and_allowed(standards):
    switches = (*standards.recognizers.recognizers,
                standards.recognizers.recognizers[0].model_copy(update={"name": "NzPassportRecognizer"}))
    broken = standards.model_copy(update={"recognizers": standards.recognizers.model_copy(update={"recognizers": switches})})
    with pytest.raises(ScrubError) as error:
        Scrubber(broken)
    message = str(error.value)
    assert "recognizers.yaml" in message and f"recognizers.{len(switches) - 1}.name" in message
    assert "NzPassportRecognizer" in message and "NzNhiRecognizer" in message


def test_when_recognizers_yaml_gives_a_recognizer_the_wrong_entity_then_the_error_says_what_it_finds(standards):
    switches = tuple(s.model_copy(update={"entity": "PASSPORT"}) if s.name == "NzNhiRecognizer" else s
                     for s in standards.recognizers.recognizers)
    broken = standards.model_copy(update={"recognizers": standards.recognizers.model_copy(update={"recognizers": switches})})
    with pytest.raises(ScrubError, match=r"recognizers\.0\.entity.*PASSPORT.*NZ_NHI"):
        Scrubber(broken)


def test_when_a_recognizer_is_switched_off_then_the_engine_does_not_run_it(standards):
    switches = tuple(s.model_copy(update={"enabled": False}) if s.name == "NzEmailRecognizer" else s
                     for s in standards.recognizers.recognizers)
    scrubber = Scrubber(standards.model_copy(update={"recognizers": standards.recognizers.model_copy(update={"recognizers": switches})}))
    assert scrubber.scrub("email t.ngata@school.nz")[0] == "email t.ngata@school.nz"


def test_when_context_words_come_from_scrub_words_yaml_then_they_decide_a_reference_number(standards):
    """The context list takes effect: an IRD cue next to a reference cue keeps the number an IRD number, and
    without the context list the same number is a reference."""
    assert Scrubber(standards).scrub("Ref: IRD 49-091-850")[0] == "Ref: IRD <IRD>"
    words = standards.scrub_words.model_copy(update={"context": {}})
    assert Scrubber(standards.model_copy(update={"scrub_words": words})).scrub("Ref: IRD 49-091-850")[0] == "Ref: IRD 49-091-850"


def test_when_licence_cues_change_in_the_standard_then_the_recognizer_follows(standards):
    words = standards.scrub_words.model_copy(update={"licence_cues": ("permit",)})
    scrubber = Scrubber(standards.model_copy(update={"scrub_words": words}))
    cued = [s for s in scrubber.scrub("Permit UW655820 seen")[1] if s.entity == "NZ_DRIVER_LICENCE"]
    shaped = [s for s in scrubber.scrub("Licence UW655820 seen")[1] if s.entity == "NZ_DRIVER_LICENCE"]
    assert [s.pattern for s in cued] == ["licence cue + AA123456"]
    assert [s.pattern for s in shaped] == ["AA123456 (licence or passport shape)"]   # the shape alone is still taken


@pytest.mark.parametrize("text, expected", [
    ("mika sat her learners, number kq 417203 :)", "<PERSON> sat her learners, number <DRIVER_LICENCE> :)"),
    ("Restricted lisence RB-662190 expires soon", "Restricted lisence <DRIVER_LICENCE> expires soon"),
    ("passport LM804417 lodged with WINZ", "passport <DRIVER_LICENCE> lodged with WINZ"),
    ("policy HX330915 renewed, claim no. TT500812 paid", "policy HX330915 renewed, claim no. TT500812 paid"),
    ("room B2 123456 and form IR330 signed", "room B2 123456 and form IR330 signed"),
])
def test_when_a_licence_number_has_no_cue_then_its_shape_is_enough_unless_a_reference_cue_names_it(standards, text, expected):
    assert Scrubber(standards).scrub(text)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("Spoke with Hemi Walker (14/02/2016) about school", "Spoke with <PERSON> (<DOB>) about school"),
    ("Met with Losa Faleolo (2nd March 1994) and her sister", "Met with <PERSON> (<DOB>) and her sister"),
    ("Whānau hui (12/08/2026) went well", "Whānau hui (12/08/2026) went well"),
    ("Seen at clinic (12/08/2026) for a check", "Seen at clinic (12/08/2026) for a check"),
])
def test_when_a_date_stands_in_brackets_right_after_a_name_then_it_is_a_date_of_birth(standards, text, expected):
    assert Scrubber(standards).scrub(text)[0] == expected


def test_when_a_batch_goes_to_a_worker_and_this_process_then_every_note_comes_back_in_order(standards, monkeypatch):
    from deid.scrub import scrub

    notes = load_notes()[:40]
    texts = [n.text for n in notes] * 3 + [None, ""]
    names = [name for n in notes for name in n.known_names]
    monkeypatch.setattr(scrub, "PARALLEL_FROM", 10)
    monkeypatch.setattr(scrub, "CHUNK_NOTES", 7)
    scrubber = Scrubber(standards)
    parallel = scrub_texts(scrubber, texts, names, ["Triple P"], workers=2)
    single = scrub_texts(scrubber, texts, names, ["Triple P"], workers=1)
    assert [text for text, _ in parallel] == [text for text, _ in single]
    assert parallel[-2] == (None, []) and len(parallel) == len(texts)


def test_when_workers_can_be_forked_then_they_scrub_with_the_callers_scrubber_as_built(standards, monkeypatch):
    """A forked worker starts with the caller's scrubber, known names and keep phrases (nothing rebuilt): a
    placeholder changed on this scrubber only, and known in no standards file, comes back from every chunk."""
    import multiprocessing

    from deid.scrub import scrub

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform: workers build their scrubber from the standards")
    notes = load_notes()[:30]
    texts = [n.text for n in notes] * 2
    monkeypatch.setattr(scrub, "PARALLEL_FROM", 10)
    monkeypatch.setattr(scrub, "CHUNK_NOTES", 5)
    scrubber = Scrubber(standards)
    scrubber.placeholders = {**scrubber.placeholders, "PERSON": "<NAME>"}
    names = [name for n in notes for name in n.known_names]
    parallel = scrub_texts(scrubber, texts, names, [], workers=2)
    assert parallel == scrub_texts(scrubber, texts, names, [], workers=1)
    assert sum("<NAME>" in (text or "") for text, _ in parallel) >= len(texts) // 2
    assert not any("<PERSON>" in (text or "") for text, _ in parallel)
    assert not scrub._workers  # nothing of the run stays behind in this process


def test_when_workers_cannot_be_forked_then_each_builds_its_scrubber_and_the_results_are_the_same(standards, monkeypatch):
    """Where only spawn exists (Windows, macOS defaults), a worker builds the scrubber from the standards with
    the batch's known names and keep phrases, and gives what this process gives."""
    from deid.scrub import scrub

    notes = load_notes()[:12]
    texts = [n.text for n in notes] * 2
    names = [name for n in notes for name in n.known_names]
    monkeypatch.setattr(scrub, "PARALLEL_FROM", 10)
    monkeypatch.setattr(scrub, "CHUNK_NOTES", 4)
    monkeypatch.setattr(scrub.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    scrubber = Scrubber(standards)
    assert scrub_texts(scrubber, texts, names, ["Triple P"], workers=2) == scrub_texts(scrubber, texts, names, ["Triple P"], workers=1)
    assert not scrub._workers


def test_no_word_list_lives_in_the_scrub_code():
    """Issue 17: stop words and cue words are in standards/ (names.yaml, scrub_words.yaml, te_reo.yaml), not in Python."""
    import ast
    from pathlib import Path

    import deid.scrub

    found = []
    for path in Path(deid.scrub.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Assign)
                 and any(isinstance(t, ast.Name) and t.id in ("__slots__", "__all__") for t in n.targets)}
        for node in ast.walk(tree):
            if id(node) not in names and isinstance(node, ast.List | ast.Tuple | ast.Set) and len(node.elts) >= 3 and all(
                    isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value.replace(" ", "").isalpha()
                    and e.value.islower() for e in node.elts):
                found.append(f"{path.name}:{node.lineno}")
    assert not found


@pytest.mark.parametrize("key", ["not_name_words", "sentence_words"])
def test_the_stop_word_lists_hold_each_word_once(standards, key):
    words = getattr(standards.names, key)
    assert len(words) == len(set(words))


def test_the_scrub_word_lists_hold_each_word_once_and_name_their_source(standards):
    words = standards.scrub_words
    assert words.source and words.licence
    for key in ("licence_cues", "birth_cues", "months", "day_suffixes", "place_directions", "phone_extensions", "name_joiners"):
        assert len(getattr(words, key)) == len(set(getattr(words, key))), key
    assert set(words.context) <= set(registered())


def test_when_a_new_recognizer_registers_then_recognizers_yaml_can_turn_it_on_by_name(standards):
    import re

    from deid.scrub import registry
    from deid.scrub.recognizers.base import SpanRecognizer
    from deid.standards import RecognizerSwitch

    class NzPassportRecognizer(SpanRecognizer):
        NEEDS_KNOWN_NAMES = False

        def __init__(self):
            super().__init__("NzPassportRecognizer", "NZ_PASSPORT")

        @classmethod
        def from_standards(cls, standards, known_names=()):
            return cls()

        def analyze(self, text, entities, nlp_artifacts=None):
            return [self.span(m.start(), m.end(), 0.9, "passport shape") for m in re.finditer(r"\bP[A-Z]\d{7}\b", text)]

    registry.register(NzPassportRecognizer)
    try:
        switch = RecognizerSwitch(name="NzPassportRecognizer", entity="NZ_PASSPORT", placeholder="<PASSPORT>", enabled=True)
        recognizers = standards.recognizers.model_copy(update={"recognizers": (*standards.recognizers.recognizers, switch)})
        scrubber = Scrubber(standards.model_copy(update={"recognizers": recognizers}))
        assert scrubber.scrub("Passport PA1234567 sighted")[0] == "Passport <PASSPORT> sighted"
    finally:
        registry._REGISTRY.pop("NzPassportRecognizer")


def test_when_a_class_without_from_standards_registers_then_the_error_names_it():
    from deid.scrub import registry

    class Broken:
        pass

    with pytest.raises(ScrubError, match=r"Broken.*from_standards"):
        registry.register(Broken)


def test_when_a_note_is_written_in_latin_letters_then_the_plain_patterns_cut_it_as_the_unicode_ones_do():
    """The scan cuts a note in Latin letters, punctuation and arrows with character ranges spelled out; on every
    such note the cuts equal those of the Unicode patterns (random notes over those characters, and the
    evaluation notes), and a note with any other character takes the Unicode patterns."""
    import random

    from deid.scrub import scan

    chars = [chr(c) for lo, hi in scan._PLAIN_BLOCKS for c in range(lo, hi)]
    rng = random.Random(16)
    texts = [note.text for note in load_notes()] + [note.text for note in tune_notes()]
    texts += ["".join(rng.choice(chars) if rng.random() < 0.4 else rng.choice("ab Cd1 ’'_x9-") for _ in range(rng.randint(0, 40)))
              for _ in range(5_000)]
    for text in texts:
        assert NoteScan(text).plain
        assert scan._PLAIN_WORD_SPLIT.split(text) == scan._WORD_SPLIT.split(text), text
        assert scan._PLAIN_DIGIT_SPLIT.split(text) == scan._DIGIT_SPLIT.split(text), text
        lower = text.lower()
        if scan._NOT_PLAIN.search(lower) is None:
            assert scan._PLAIN_LETTERS.findall(lower) == scan._LETTERS.findall(lower), text
    other = "Hōhepa 中文 Ὀδυσσεύς ١٢٣ ²"
    assert not NoteScan(other).plain
    assert NoteScan(other).word_texts == ["Hōhepa", "中文", "Ὀδυσσεύς", "²"]   # Unicode's letters: "²" is no decimal digit
    assert [other[a:b] for a, b in NoteScan(other).digit_runs] == ["١٢٣"]


def test_when_phrases_are_looked_at_only_around_person_spans_then_the_names_they_take_back_are_the_same(scrubber):
    """`thing_phrases(text, within)` skips capitalised phrases away from every person span: the person spans a
    phrase takes back are those it takes back when every phrase is looked at."""
    notes = [note.text for note in load_notes()] + [note.text for note in tune_notes()]
    for text in notes:
        people = [(s.start, s.end) for s in scrubber.find_spans(text) if s.entity == "PERSON"]
        every = scrubber.evidence.thing_phrases(text)
        some = scrubber.evidence.thing_phrases(text, people)
        assert set(some) <= set(every)
        assert [p for p in people if any(a < p[1] and p[0] < b for a, b in every)] == \
               [p for p in people if any(a < p[1] and p[0] < b for a, b in some)], text
