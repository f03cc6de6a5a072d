"""Three name forms from a note's text alone (issue 15): an everyday te reo or English word used as a given name right
before a word that can only be a family name ("Hine Waititi", "Grace Whitaker"); a person's lone initial with its full
stop after a person verb or signing the note ("spoke to p. briefly", "- t."); and a name that begins with an ʻokina
(U+02BB), taken in with it ("ʻAna"). Each also in the role where it is no name. Sentences written for these tests."""
import pytest

from deid.scrub import Scrubber


@pytest.fixture(scope="module")
def scrubber(standards):
    return Scrubber(standards)


@pytest.mark.parametrize("text, expected", [
    # an everyday word used as a given name, before a family name only
    ("Intake: Awhina Poutama, referred by Salote", "Intake: <PERSON>, referred by <PERSON>"),
    ("Intake: Grace Whitaker, referred by SW Ron", "Intake: <PERSON>, referred by SW <PERSON>"),
    ("Poutama home from hospital. Noted Hine Poutama and Manaia Kereama today.",
     "<PERSON> home from hospital. Noted <PERSON> and <PERSON> today."),
    # a lone initial after a person verb, or signing the note
    ("Talked about the mahi Poutama is doing.", "Talked about the mahi <PERSON> is doing."),
    ("spoke to p. briefly at the door", "spoke to <PERSON> briefly at the door"),
    ("Rent arrears discussed. Logged by M.", "Rent arrears discussed. Logged by <PERSON>"),
    ("no answer, will try again tomorrow - t.", "no answer, will try again tomorrow - <PERSON>"),
    ("Safety plan reviewed (K.)", "Safety plan reviewed (<PERSON>)"),
    # a name that begins with an ʻokina
    ("Petrol voucher given to ʻAna today.", "Petrol voucher given to <PERSON> today."),
    ("Met with ʻAisea and his mum at the kura.", "Met with <PERSON> and his mum at the kura."),
])
def test_names_in_these_forms_are_scrubbed(scrubber, text, expected):
    assert scrubber.scrub(text)[0] == expected


@pytest.mark.parametrize("text", [
    # the everyday word before a word that is no family name, or after an article
    "Hine was shared at the hui with the whānau.",
    "Aroha nui to the whānau from the team.",
    # a letter with a full stop that is no initial: an abbreviation, a time, a plan's letter after a capitalised word
    "Appointment moved to 5 p.m.",
    "Went over plan B.",
    "See e.g. the budget form.",
])
def test_these_words_are_kept(scrubber, text):
    assert scrubber.scrub(text)[0] == text
