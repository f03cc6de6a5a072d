"""Each NZ recognizer on its own: what it must find, and what it must leave alone."""
import pytest

from deid.scrub import Scrubber
from deid.scrub.recognizers import KnownNamesRecognizer
from deid.scrub.scrub import keep_phrases_pattern


@pytest.fixture(scope="module")
def scrubber(standards):
    return Scrubber(standards)


@pytest.mark.parametrize("text, expected", [
    ("NHI ZZZ0016 on file", "NHI <NHI> on file"),
    ("nhi zac 5361 checked", "nhi <NHI> checked"),
    ("new format ABC12DS", "new format <NHI>"),
    ("IRD 49-091-850 given", "IRD <IRD> given"),
    ("ird 136410132", "ird <IRD>"),
    ("call 021 555 0123 today", "call <PHONE> today"),
    ("ph (09) 573 7709", "ph <PHONE>"),
    ("+64 27 388 5862 is her cell", "<PHONE> is her cell"),
    ("freephone 0800 123 456", "freephone <PHONE>"),
    ("email jo.smith@xtra.co.nz now", "email <EMAIL> now"),
    ("Moved to Flat 2, 15A Smith St, Mt Eden, Auckland 1024 in May", "Moved to <ADDRESS> in May"),
    ("lives at 156 Taniwha Avenue, RD 4, Kawerau 3127.", "lives at <ADDRESS>."),
    ("write to PO Box 1234, Wellington 6140", "write to <ADDRESS>"),
    ("now at 12 Ara Tūhono, Ōtara", "now at <ADDRESS>"),
    ("DOB 04/03/1990 confirmed", "DOB <DOB> confirmed"),
    ("Whaea Mere will come", "Whaea <PERSON> will come"),
    ("her son Nikau started kura", "her son <PERSON> started kura"),
])
def test_when_text_holds_personal_information_then_it_is_replaced(scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


@pytest.mark.parametrize("text", [
    "Attended 6 of 8 sessions; wellbeing score improved from 4 to 7.",
    "Budget saved $120 a week since 14 August 2026.",
    "Session on 14/08/2026 at the marae.",
    "NHI ZZZ0017 looks wrong",          # bad check digit: not an NHI
    "Reference 12345678 on the invoice",  # bad IRD check digit
    "Goal: establish bedtime routine. Progress good.",
])
def test_when_text_is_a_distractor_then_it_survives(scrubber, text):
    assert scrubber.scrub(text)[0] == text


def test_when_names_are_known_then_any_case_and_macrons_are_found(scrubber):
    known = KnownNamesRecognizer(["Hōhepa Tāne", "Kahurangi Tūhiwai"])
    text = "HOHEPA and kahurangi tuhiwai met Hōhepa's koro."
    assert scrubber.scrub(text, known)[0] == "<PERSON> and <PERSON> met <PERSON>'s koro."


def test_when_a_known_name_is_also_a_word_then_only_the_capitalised_form_is_a_name(scrubber):
    known = KnownNamesRecognizer(["Will Parata"])
    assert scrubber.scrub("Will said she will come", known)[0] == "<PERSON> said she will come"


def test_when_a_word_sits_next_to_a_known_name_then_it_is_taken_as_part_of_the_name(scrubber):
    known = KnownNamesRecognizer(["Aroha"])
    assert scrubber.scrub("Visit with Aroha Ngata and the kids.", known)[0] == "Visit with <PERSON> and the kids."


def test_when_a_programme_name_contains_a_cue_word_then_it_survives(scrubber):
    keep = keep_phrases_pattern(["Pēpi First"])
    assert scrubber.scrub("Attended Pēpi First twice.", None, keep)[0] == "Attended Pēpi First twice."


def test_when_spans_are_recorded_then_they_carry_recognizer_not_text(scrubber):
    _, spans = scrubber.scrub("NHI ZZZ0016")
    assert spans[0].entity == "NZ_NHI" and spans[0].recognizer == "NzNhiRecognizer"
    assert "ZZZ0016" not in repr(spans)


def test_when_a_phone_number_is_in_an_unallocated_range_then_it_is_still_scrubbed_but_references_are_not(standards):
    from deid.scrub import Scrubber

    clean, _ = Scrubber(standards).scrub("Called on 03-895-4081; invoice ref 123456 for $1,250.")
    assert "895" not in clean and "<PHONE>" in clean and "123456" in clean and "$1,250" in clean


def test_when_context_enhancement_is_skipped_then_results_equal_presidios_own_engine(standards):
    from presidio_analyzer import AnalyzerEngine

    from deid.scrub import Scrubber
    from tests.scrub.labelled_notes import load_notes

    scrubber = Scrubber(standards)
    presidio = AnalyzerEngine(nlp_engine=scrubber.analyzer.nlp_engine, registry=scrubber.analyzer.registry, supported_languages=["en"])
    for note in load_notes()[::5]:
        ours = scrubber.analyzer.analyze(text=note.text, language="en", score_threshold=0.5)
        theirs = presidio.analyze(text=note.text, language="en", score_threshold=0.5)
        assert sorted((r.entity_type, r.start, r.end, r.score) for r in ours) == sorted((r.entity_type, r.start, r.end, r.score) for r in theirs)


def test_when_many_notes_are_scrubbed_in_workers_then_the_result_is_the_same_as_in_one_process(standards, monkeypatch):
    from deid.scrub import Scrubber, scrub
    from tests.scrub.labelled_notes import load_notes

    scrubber = Scrubber(standards)
    notes = load_notes()[:60]
    texts = [n.text for n in notes] + [None]
    names = [name for n in notes for name in n.known_names]
    monkeypatch.setattr(scrub, "PARALLEL_FROM", 10)
    monkeypatch.setattr(scrub, "CHUNK_NOTES", 25)
    parallel = scrub.scrub_texts(scrubber, texts, names, ["Triple P"], workers=2)
    single = scrub.scrub_texts(scrubber, texts, names, ["Triple P"], workers=1)
    assert [text for text, _ in parallel] == [text for text, _ in single] and parallel[-1] == (None, [])


@pytest.mark.parametrize("text, placeholder", [
    ("Refund to 12-3140-0171323-50 please", "<BANK_ACCOUNT>"),
    ("Refund to 12 3140 0171323 050 please", "<BANK_ACCOUNT>"),
    ("Driver licence: DL123456 seen", "<DRIVER_LICENCE>"),
    ("email t.ngata@school.nz bounced", "<EMAIL>"),
])
def test_when_bank_accounts_licences_and_emails_appear_then_they_are_replaced(standards, text, placeholder):
    from deid.scrub import Scrubber

    clean, _ = Scrubber(standards).scrub(text)
    assert placeholder in clean and not any(ch.isdigit() for ch in clean.replace("<", "").split(placeholder)[0][-3:])


def test_when_a_licence_like_code_has_no_licence_cue_then_it_survives(standards):
    from deid.scrub import Scrubber

    assert Scrubber(standards).scrub("Invoice AB123456 paid")[0] == "Invoice AB123456 paid"


def _standards_with(standards, tmp_path, extra: str):
    import shutil

    from deid.standards import load_standards

    copy = tmp_path / "standards"
    shutil.copytree(standards.directory, copy)
    with (copy / "recognizers.yaml").open("a", encoding="utf-8") as handle:
        handle.write(extra)
    return load_standards(copy)


def test_when_a_local_spacy_model_is_configured_then_its_person_entities_are_scrubbed_too(standards, tmp_path):
    import spacy

    from deid.scrub import Scrubber

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": "Zephyrine"}])
    nlp.to_disk(tmp_path / "model")
    configured = _standards_with(standards, tmp_path, f"ner_model_path: {tmp_path / 'model'}\n")
    assert Scrubber(standards).scrub("Spoke with Zephyrine today")[0] == "Spoke with Zephyrine today"
    assert Scrubber(configured).scrub("Spoke with Zephyrine today")[0] == "Spoke with <PERSON> today"


def test_when_the_configured_model_is_missing_then_the_error_names_the_file_and_field(standards, tmp_path):
    from deid.errors import ScrubError
    from deid.scrub import Scrubber

    configured = _standards_with(standards, tmp_path, "ner_model_path: /nowhere/model\n")
    with pytest.raises(ScrubError, match=r"recognizers.yaml: field 'ner_model_path' is '/nowhere/model'.*nothing is downloaded"):
        Scrubber(configured)
