"""Names that are also everyday words, months or kin words, found from their context (issue 15): a family name
after them, a title or kinship word before them, a list of people, a bracket saying who, a cue saying whom a
note is about; and the same words left alone where they are words. Sentences written for these tests."""
import pytest

from deid.scrub import Scrubber
from deid.scrub.recognizers.name_evidence import NameEvidence


@pytest.fixture(scope="module")
def scrubber(standards):
    return Scrubber(standards)


@pytest.fixture(scope="module")
def evidence(standards):
    return NameEvidence.from_standards(standards)


@pytest.mark.parametrize("text, expected", [
    # an everyday te reo or English word, then a family name: a person's name wherever it stands
    ("Spoke to the school about Tama Wang today.", "Spoke to the school about <PERSON> today."),
    ("Awhina Osman asked for āwhina with the forms.", "<PERSON> asked for āwhina with the forms."),
    ("Te Koha Tautahi rang back at 3pm.", "<PERSON> rang back at 3pm."),
    # a month or a modal that is also a given name, before a family name or after a title or kin word
    ("May Williams rang about the power bill.", "<PERSON> rang about the power bill."),
    ("Uncle Jun has been looking after the kids.", "Uncle <PERSON> has been looking after the kids."),
    # a kin word that is also a given name, after another kin word and before no name
    ("Koro Teina at home with the kids.", "Koro <PERSON> at home with the kids."),
    # an everyday-word name in lower case after a kinship word (not after "said")
    ("Ph call from Sione re rent; partner bill collected the kids.", "Ph call from <PERSON> re rent; partner <PERSON> collected the kids."),
    # whom the note is about, whose household, "ki a" before a person
    ("Wayne dropped in, worried about Hope; she is not answering.", "<PERSON> dropped in, worried about <PERSON>; she is not answering."),
    ("Fono with the aiga of Rangi Te Rangi, all present.", "Fono with the aiga of <PERSON>, all present."),
    ("I kōrero au ki a Vaine mō te kura.", "I kōrero au ki a <PERSON> mō te kura."),
    ("Talanoa with Matai Iosefa and the aiga.", "Talanoa with Matai <PERSON> and the aiga."),
    # a bracket that says who: a birth cue ending in a full stop, a word before a kin word, a name that is also a modal
    ("Case note for Bill Cooper (b. 1988-02-21).", "Case note for <PERSON> (b. <DOB>)."),
    ("Ora (big sister) calls the baby every night.", "<PERSON> (big sister) calls the baby every night."),
    ("Thanks to Will (kaimahi) for the lift.", "Thanks to <PERSON> (kaimahi) for the lift."),
    # a name found once is the subject where a sentence starts with it and a verb follows
    ("Met Mark Brown at home. Mark is keen to keep going.", "Met <PERSON> at home. <PERSON> is keen to keep going."),
    ("Unplanned visit, Kauri not home, left a card.", "Unplanned visit, <PERSON> not home, left a card."),
    # a possessive before a kin or identifier word
    ("Gave the form to awhina's koro yesterday.", "Gave the form to <PERSON>'s koro yesterday."),
    # a closing before the writer's name; a Korean given name in lower case after a kinship word
    ("Kai parcel dropped off. Ngā mihi, Mark Stewart-Kerr", "Kai parcel dropped off. Ngā mihi, <PERSON>"),
    ("ph call w/ grandad min-jun at 10am.", "ph call w/ grandad <PERSON> at 10am."),
])
def test_when_a_word_that_is_also_a_name_is_used_for_a_person_then_it_is_scrubbed(scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


@pytest.mark.parametrize("text", [
    "Hope Community Trust paid the grant.",                 # a thing's name goes on after the pair
    "Kai parcel from Tui Ora Hauora dropped off.",
    "Whānau keen on Aiga Malosi, starts Monday.",           # programme words of Polynesian shape, no cue or verb
    "Client may need a food grant in May 2026.",           # a modal, and a month before a year
    "Appt with dad Jun 5 at 10am.",                        # a month before a day
    "Koro and his teina at home with the kids.",           # the kin word in lower case
    "Whānau worried about mahi and kai this week.",         # te reo words in lower case after the new cues
    "Harpreet's mum said grace before kai.",               # "said" is no kinship word
    "Kōwhai Kids wk 1 booked for Monday.",                 # two letters after a kin word are no name
    "Soifua, Lucy.",                                        # a closing word before a name is not listed with it
])
def test_when_such_a_word_is_used_as_a_word_then_it_survives(scrubber, text):
    clean = scrubber.scrub(text)[0]
    for word in ("Hope Community Trust", "Tui Ora Hauora", "Aiga Malosi", "may", "May 2026", "Jun 5", "teina", "mahi and kai",
                 "grace", "wk 1", "Soifua"):
        if word in text:
            assert word in clean, (word, clean)


def test_when_aroha_is_both_a_name_and_a_word_in_one_note_then_each_keeps_its_role(scrubber):
    text = "Aroha Parata said the whānau feel lots of aroha. Worried about Aroha; aroha from everyone."
    assert scrubber.scrub(text)[0] == "<PERSON> said the whānau feel lots of aroha. Worried about <PERSON>; aroha from everyone."


@pytest.mark.parametrize("text, expected", [
    # the second of two full names joined by "and" is a person whatever stands before the first
    ("Noted Hine Poutama and Manaia Kereama today.", "Noted <PERSON> and <PERSON> today."),
    # programme and organisation names joined by "and" stay
    ("Referred to Te Ara Hou and Kia Māia by the GP.", "Referred to Te Ara Hou and Kia Māia by the GP."),
    ("Went to Tui Ora and Te Puna Hauora today.", "Went to Tui Ora and Te Puna Hauora today."),
])
def test_when_two_full_names_are_joined_by_and_then_both_go(scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


@pytest.mark.parametrize("key, korean", [
    ("min-jun", True), ("seo yeon", True), ("hyun-woo", True), ("to-do", False), ("so-so", False), ("check-in", False),
    ("kapa-haka", False), ("te-ao", False),
])
def test_a_korean_given_name_is_told_by_its_syllables(evidence, key, korean):
    assert evidence.korean_shape(key) is korean


@pytest.mark.parametrize("word, kind", [
    ("Wang", "listed"), ("Stewart-Kerr", "listed"), ("Sapolu", "listed"), ("Tuimavave", "shaped"), ("Fa'amausili", "shaped"),
    ("Aroha", None), ("Trust", None), ("Hope", None), ("Otara", None), ("WANG", None), ("wang", None),
])
def test_a_family_name_is_told_by_its_lists_and_its_shape(evidence, word, kind):
    assert evidence.family_name_like(word) == kind


def test_a_verb_after_a_word_that_starts_a_sentence_makes_it_the_subject(evidence):
    text = "Met Mark. Mark is keen. Summer holidays are hard. Hope to get it sorted."
    assert evidence.subject_of_clause(text, text.index("Mark is"), text.index("Mark is") + 4)
    assert not evidence.subject_of_clause(text, text.index("Summer"), text.index("Summer") + 6)
    assert not evidence.subject_of_clause(text, text.index("Hope"), text.index("Hope") + 4)
    assert not evidence.subject_of_clause(text, text.index("Mark."), text.index("Mark.") + 4)   # mid-sentence


def test_the_names_of_peoples_come_from_the_ethnicity_classification(evidence):
    assert all(evidence.capital_by_convention(k) for k in ("maori", "pakeha", "samoan", "tongan", "chinese"))
    # everyday English words keep their capital's weight ("Cook", "White")
    assert not any(evidence.capital_by_convention(k) for k in ("cook", "white", "new"))


@pytest.mark.parametrize("text, done_to", [
    ("Hui cancelled due to the storm.", True),
    ("Koha declined by the family.", True),
    ("Hui cancelled today.", False),
    ("Aroha shared her goals.", False),    # an object after the verb: the person shared
    ("Aroha phoned afterwards.", False),   # a person verb: a person either way
    ("Then Hui cancelled.", False),        # not at the start of a sentence
])
def test_an_everyday_word_a_participle_was_done_to(evidence, text, done_to):
    start = 5 if text.startswith("Then ") else 0
    end = text.index(" ", start)
    assert evidence.done_to_thing(text, start, end) is done_to


@pytest.mark.parametrize("text, expected", [
    # a name in ordinary case does not run on over words shouted after it, so the shouted phrase does not take it back
    ("Safety plan done. NO CONTACT WITH Lisa PER COURT ORDER.", "Safety plan done. NO CONTACT WITH <PERSON> PER COURT ORDER."),
    # a date alone in brackets after a name: the person's date of birth
    ("Household: Marama Rōpata (14 February 1990) and the kids.", "Household: <PERSON> (<DOB>) and the kids."),
    # a family name in lower case after a name in lower case
    ("caught up with farhiya hassan today re the rent.", "caught up with <PERSON> today re the rent."),
    # ... not an everyday word after it
    ("caught up with farhiya today re the rent.", "caught up with <PERSON> today re the rent."),
])
def test_when_a_name_stands_beside_shouted_words_a_birth_date_or_a_lower_case_family_name_then_each_is_read_as_such(
        scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


def test_when_a_thing_phrase_mixes_capitals_with_title_case_then_each_run_is_judged_alone(evidence):
    text = "NO CONTACT WITH Lisa PER COURT ORDER"
    assert [text[a:b] for a, b in evidence.thing_phrases(text)] == ["PER COURT ORDER"]
    other = "Went to Te Whatu Ora Health NZ"   # (two capitals: a word, not a shouted run)
    assert [other[a:b] for a, b in evidence.thing_phrases(other)] == ["Te Whatu Ora Health NZ"]


def test_when_a_title_written_out_in_full_ends_a_sentence_then_the_next_sentences_first_word_is_no_name():
    """A red-team user test: 'Wellbeing' after 'with the mātua.' was scrubbed as a name, and the score it cued stayed."""
    from deid.scrub import Scrubber
    from deid.standards import load_standards

    scrubber = Scrubber(load_standards())
    text = "Discussed kōhanga reo with the mātua. Wellbeing went from 1 to 8."
    assert scrubber.scrub(text)[0] == text
    assert scrubber.scrub("Spoke with Dr. Patel today")[0] == "Spoke with Dr. <PERSON> today"
