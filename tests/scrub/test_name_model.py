"""The person-name CRF (issue 15): its training notes, its scoring against CRFsuite's own, and what it finds."""
from __future__ import annotations

import random

import pytest

from deid.errors import ScrubError
from deid.scrub import Scrubber
from deid.scrub import name_model as nm
from deid.scrub.recognizers.crf_name_recognizer import CrfNameRecognizer
from deid.scrub.registry import registered
from deid.scrub.train_name_model import train
from deid.scrub.training_notes import notes
from tests.scrub.generated_notes import held_out_notes, tune_notes


@pytest.fixture(scope="module")
def recognizer(standards):
    return CrfNameRecognizer.from_standards(standards)


@pytest.fixture(scope="module")
def scrubber(standards):
    return Scrubber(standards)


def test_when_training_notes_are_generated_then_they_repeat_by_seed_label_whole_words_and_share_no_text_with_evaluation(standards):
    first, again, other = notes(standards, 200, 7), notes(standards, 200, 7), notes(standards, 200, 8)
    assert first == again and first != other
    for text, names in first:
        for start, end in names:
            assert text[start:end].strip() == text[start:end] and text[start:end][:1].isalpha()
            assert start == 0 or not text[start - 1].isalnum()
            assert end == len(text) or not text[end].isalnum()
    # the added shapes are used: an initial with a name, a family name first, a list of people
    joined = "\n".join(text for text, _ in notes(standards, 2000, 15))
    assert "Client: " in joined and "present: " in joined and " -> " in joined
    evaluation = {n.text for n in (*tune_notes(), *held_out_notes())}
    assert not evaluation & {text for text, _ in notes(standards, 2000, 15)}


def test_the_model_scores_notes_as_crfsuites_own_tagger_does(recognizer):
    model = recognizer.model
    texts = [n.text for n in tune_notes()[:60]] + ["Spoke w/ Hōhepa's mum Aroha TE RANGI re kai.", "x", "."]
    for text in texts:
        words = [t for _, _, t in nm.tokenize(text)]
        ours = model.marginals(model.scores(words))
        assert ours == pytest.approx(model.reference_marginals(text), abs=1e-5)


def test_on_plain_text_the_fast_token_split_equals_the_unicode_one():
    rng = random.Random(15)
    pool = [chr(c) for c in (*range(32, 0x250), *range(0x1E00, 0x1F00), *range(0x2000, 0x2200))] + [" ", "'", "s", "-", "\n"] * 40
    for _ in range(5000):
        text = "".join(rng.choice(pool) for _ in range(10))
        if nm._NOT_PLAIN.search(text) is None:
            assert nm._PLAIN_TOKEN_SPLIT.split(text) == nm._TOKEN_SPLIT.split(text), text


@pytest.mark.parametrize("text, names", [
    ("Tevita dropped in, worried about the rent.", ["Tevita"]),          # on no list, before a verb
    ("Huia doing drop-offs this week.", ["Huia"]),                        # a te reo word as a name, as the subject
    ("Kahu Pomare rang in upset.", ["Kahu", "Pomare"]),
    ("Gave Moana the Plunket number.", ["Moana"]),
    ("Spoke with Sela from Inland Revenue.", ["Sela"]),
    # the same words that stay
    ("Kai parcel dropped off.", []),
    ("Whānau hui agreed on a plan.", []),
    ("showed a lot of aroha to the tamariki", []),
    ("Real joy seeing pēpi today.", []),
    ("Referred to Aiga Malosi for support.", []),
    ("Te Ara Hou session 3 of 8.", []),
    ("Te marama was full.", []),                                          # a particle alone is no name
    ("=> refer to GP", []),                                               # lower case, on no list
    ("Referral received from Moana Family Services.", []),                # starting a sentence, on no list
    ("Write to P. O. Box 1234 Wellington", []),                           # an initial alone
    # a word held against softly is a name only next to a name word in the same case
    ("Lagi W will bring the forms", ["Lagi", "W"]),                       # a capital initial that is also a word
    ("te aniwa turned up at 10", ["te", "aniwa"]),                        # a particle in lower case with its name
    ("rawiri and mere came in late, lots of aroha", ["rawiri", "mere"]),  # an everyday word alone stays
    ("Will follow up next week.", []),
    ("Paid the power bill.", []),
    ("Facilitator Ana Havili opened with karakia.", ["Ana", "Havili"]),
    ("TAUFA, Mele - file review", ["TAUFA", "Mele"]),
    # codes and addresses
    ("email t.ngata@school.nz", []),
    ("Invoice INV-994000 paid, claim C5472, tmrw 1PM.", []),
])
def test_the_model_finds_names_and_leaves_words_and_codes(recognizer, text, names):
    found = [text[start:end] for start, end, _ in recognizer.model.name_words(text, recognizer.threshold)]
    assert found == names


def test_the_recognizer_is_registered_switched_on_and_its_spans_are_replaced(standards, scrubber):
    assert "CrfNameRecognizer" in registered()
    assert any(s.name == "CrfNameRecognizer" and s.enabled for s in standards.recognizers.recognizers)
    assert scrubber.scrub("Tevita dropped in, worried about the rent.")[0] == "<PERSON> dropped in, worried about the rent."


def test_when_the_recognizer_is_switched_off_then_no_model_is_loaded(standards):
    switches = tuple(s.model_copy(update={"enabled": False}) if s.name == "CrfNameRecognizer" else s
                     for s in standards.recognizers.recognizers)
    off = Scrubber(standards.model_copy(update={"recognizers": standards.recognizers.model_copy(update={"recognizers": switches})}))
    assert not any(isinstance(r, CrfNameRecognizer) for r in off.recognizers)


def test_a_model_card_with_a_bad_threshold_is_an_error_naming_file_and_field(standards, tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "person_names.yaml").write_text("threshold: 1.5\n", encoding="utf-8")
    with pytest.raises(ScrubError, match=r"person_names.yaml: field 'threshold' is 1.5"):
        nm.read_card(standards.model_copy(update={"directory": tmp_path}))


def test_the_training_command_writes_a_model_and_card_that_load(standards, tmp_path):
    model_path = train(standards, count=300, seed=3, threshold=0.9, out_dir=tmp_path)
    assert model_path.is_file() and model_path.stat().st_size < 1_000_000
    local = standards.model_copy(update={"directory": tmp_path})
    assert nm.read_card(local).threshold == 0.9
    model = nm.NameModel(model_path, nm.NameFeatures(CrfNameRecognizer.from_standards(standards).model.features.ev, standards))
    assert all(0.0 <= p <= 1.0 for p in model.marginals(model.scores(["Spoke", "with", "Hemi", "."])))
