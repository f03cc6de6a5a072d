"""The forms and places a record's name takes in a note, each in both roles where the name is also an everyday word:
a mention, an owner in brackets after an account, a possessive (English "'s", te reo "o"), the end of a clause after
"for" or "to", whom something was given ("gave hope the number"), the same person again in a person's slot, a whole
name with a particle in it in lower case, a name inside a phrase read as a thing's name, a name listed with a found
name, te reo "me" between names (but not a word in lower case beside a name in capitals). And from the text alone: a
te reo role word before a programme's other words, a te reo word before a role in brackets, a saint's name, a role
between a programme and the name it belongs to, a mention before a verb, an initial without its full stop before a
family name. Hand-written notes."""
from __future__ import annotations

import pytest

from deid.scrub.scrub import Scrubber
from deid.standards import Standards


@pytest.fixture(scope="module")
def scrubber(standards: Standards) -> Scrubber:
    return Scrubber(standards)


def _scrub(scrubber: Scrubber, text: str, names: list[str]) -> str:
    clean = scrubber.scrub(text, scrubber.known_names(names) if names else None)[0]
    assert clean is not None
    return clean


@pytest.mark.parametrize(("text", "names", "expected"), [
    # a mention: "@" before the record's name, in lower case, even where the name is also an everyday te reo word
    ("cauhgt up w hūhana n @ngaio after school", ["Ngaio Te Rangi", "Hūhana Te Rangi"],
     "cauhgt up w <PERSON> n @<PERSON> after school"),
    # alone in brackets right after an account number: the account's owner
    ("Kiwibank acc 38 9012 0892457 16 (Princess).", ["Princess Navarro"], "Kiwibank acc <BANK_ACCOUNT> (<PERSON>)."),
    ("BNZ acc 02-0500-0118419-22 (lily).", ["Lily Green"], "BNZ acc <BANK_ACCOUNT> (<PERSON>)."),
    # a possessive, after "of" too (a preposition, not a determiner, before it)
    ("tuaine proud of alofa's school report, big improvement", ["Tuaine Mataio", "Alofa Mataio"],
     "<PERSON> proud of <PERSON>'s school report, big improvement"),
    # in lower case after "for" or "to" at a clause's end
    ("Booked the dentist for hope.", ["Hope Wilson"], "Booked the dentist for <PERSON>."),
    ("Gave the forms to kahu, she will post them.", ["Kahu Wilson"], "Gave the forms to <PERSON>, she will post them."),
    # right after te reo's possessive "o" (a common noun there takes an article: "o te whare")
    ("Kua pai ake te wairua o ngaio i tēnei wiki.", ["Ngaio Paki"], "Kua pai ake te wairua o <PERSON> i tēnei wiki."),
    # whom something was given: a past tense, the name, an article
    ("Gave hope the ACC number for after hours.", ["Hope Wilson"], "Gave <PERSON> the ACC number for after hours."),
    ("Brought mana a bike helmet from the donation.", ["Mana Fuimaono"], "Brought <PERSON> a bike helmet from the donation."),
])
def test_when_a_record_name_stands_in_a_persons_form_then_it_is_scrubbed(scrubber: Scrubber, text: str, names: list[str],
                                                                         expected: str) -> None:
    assert _scrub(scrubber, text, names) == expected


@pytest.mark.parametrize(("text", "names"), [
    ("see u @mahi tomorrow", ["Āwhina Hapeta"]),                      # "@" as "at" before a word no record name has
    ("Nan showed love (aroha) to the tamariki.", ["Aroha Ngata"]),    # in brackets after a word: a gloss
    ("The sky's colour was grey.", ["Sky Nelson"]),                  # a possessive after an article
    ("Handled it with grace.", ["Grace Taylor"]),                    # "with" at a clause's end: the word
    ("There is hope for the whare.", ["Hope Taylor"]),
    ("Lots of alofa in the home, the aiga is strong.", ["Alofa Mataio"]),
    ("The whānau gave mana to the kaupapa.", ["Mana Fuimaono"]),     # a past tense and the word, no article after it
    ("Kōrero mō te mana o te whānau.", ["Mana Fuimaono"]),           # after an article
])
def test_when_a_record_name_stands_as_the_word_then_it_survives(scrubber: Scrubber, text: str, names: list[str]) -> None:
    assert _scrub(scrubber, text, names) == text


def test_when_the_note_names_the_person_then_the_word_in_a_persons_slot_is_them_and_elsewhere_the_word(scrubber: Scrubber) -> None:
    # "Max" is a person in the note ("for Max,"); "script for max picked up" puts the word in a person's slot
    assert _scrub(scrubber, "Referral sent for Max, script for max picked up.", ["Max Bennett"]) \
        == "Referral sent for <PERSON>, script for <PERSON> picked up."
    # the same word after a determiner, or inside a hyphenated word, stays the word
    assert _scrub(scrubber, "Mana's kura called. Whānau spoke about their mana, her mana is strong. It was mana-enhancing.",
                  ["Mana Rewiti"]) == "<PERSON>'s kura called. Whānau spoke about their mana, her mana is strong. It was mana-enhancing."
    # not a person's slot: before a noun ("sky was clear" is the sky, though Sky is named in the note)
    assert _scrub(scrubber, "Sky's email is on file. The sky was clear, the tamariki played outside.", ["Sky Nelson"]) \
        == "<PERSON>'s email is on file. The sky was clear, the tamariki played outside."


@pytest.mark.parametrize(("text", "names", "expected"), [
    # a whole known name of three words or more in lower case, with a family-name particle inside it
    ("ko huia te moana te pōtiki", ["Huia Te Moana"], "ko <PERSON> te pōtiki"),
    ("we hope te ariki te moana can join the holiday programme", ["Te Ariki Te Moana"],
     "we hope <PERSON> can join the holiday programme"),
    # two of its words alone are te reo ("the sky")
    ("te rangi was clear, kids out on bikes", ["Rangi Te Rangi"], "te rangi was clear, kids out on bikes"),
    # a given name that begins with its particle, whole in lower case as the subject of a clause (outsider test 10)
    ("te aroha was quiet today; whaea said kia ora.", ["te aroha", "NGATAI"], "<PERSON> was quiet today; whaea said kia ora."),
    ("he nui te aroha o te whānau", ["te aroha", "NGATAI"], "he nui te aroha o te whānau"),
])
def test_a_whole_known_name_with_a_particle_is_a_name_in_lower_case(scrubber: Scrubber, text: str, names: list[str],
                                                                     expected: str) -> None:
    assert _scrub(scrubber, text, names) == expected


@pytest.mark.parametrize(("text", "names", "expected"), [
    # a phrase read as a thing's name from its capitals keeps its words, but not a record name that is no everyday word
    ("I KORERO AU KI A MS ROSSI MO TE KAUPAPA O HAUORA HIKOI.", ["Kerry Rossi"],
     "I KORERO AU KI A MS <PERSON> MO TE KAUPAPA O HAUORA HIKOI."),
    ("MŌRENA. I HAERE AU KI TE WHARE O THANH I TĒNEI RĀ.", ["Thanh Tanaka"], "MŌRENA. I HAERE AU KI TE WHARE O <PERSON> I TĒNEI RĀ."),
    # a record name that is also an everyday word stays the thing's word ("Tui Ora" for a client Tui)
    ("Referral to Tui Ora for the whānau.", ["Tui Ngata"], "Referral to Tui Ora for the whānau."),
])
def test_a_thing_phrase_does_not_take_back_a_record_name_that_is_no_everyday_word(scrubber: Scrubber, text: str, names: list[str],
                                                                                 expected: str) -> None:
    assert _scrub(scrubber, text, names) == expected


def test_a_record_name_listed_with_a_name_any_recognizer_found_is_a_person(scrubber: Scrubber) -> None:
    assert _scrub(scrubber, "both mana and Hao (big brother) want the tamariki home", ["Mana Aperahama"]) \
        == "both <PERSON> and <PERSON> (big brother) want the tamariki home"
    # after a determiner, the word
    assert _scrub(scrubber, "Lots of aroha and Hemi said thanks.", ["Aroha Ngata"]) == "Lots of aroha and <PERSON> said thanks."


def test_a_name_in_capitals_does_not_take_a_lower_case_word_beside_it(scrubber: Scrubber) -> None:
    assert _scrub(scrubber, "Met at home. WILL FITZGERALD will bring payslips on Friday.", ["Will Fitzgerald"]) \
        == "Met at home. <PERSON> will bring payslips on Friday."
    # joined by "and", the word is listed with the name
    assert _scrub(scrubber, "Spoke with HEMI and aroha about the move.", ["Hemi Smith", "Aroha Smith"]) \
        == "Spoke with <PERSON> and <PERSON> about the move."


def test_te_reo_me_joins_names_as_and_does(scrubber: Scrubber) -> None:
    names = ["Tamati Zheng", "Kōwhai Zheng-Manihera"]
    assert _scrub(scrubber, "Tamati Zheng me kowhai were happy. Rang me back.", names) \
        == "<PERSON> me <PERSON> were happy. Rang me back."


@pytest.mark.parametrize(("text", "expected"), [
    # a te reo role or group word with a capital mid-sentence, then a word on no name list: a programme's name
    ("Referral recieved from Rangatahi Hub for Leota.", "Referral recieved from Rangatahi Hub for <PERSON>."),
    ("Plan: review in Papa Pride team hui.", "Plan: review in Papa Pride team hui."),
    # a title, an English role word or a role in lower case before a name: the name goes
    ("Spoke with Nurse Jama and koro Hemi at the clinic.", "Spoke with Nurse <PERSON> and koro <PERSON> at the clinic."),
    ("Met Whaea Mii at the clinic.", "Met Whaea <PERSON> at the clinic."),
])
def test_a_te_reo_role_word_before_a_programme_word_is_no_cue(scrubber: Scrubber, text: str, expected: str) -> None:
    assert _scrub(scrubber, text, []) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # from the text alone: an everyday te reo word in lower case before a role or kinship word in brackets is a person
    ("Next HV the 24th 4 pm. rangi (facilitator)", "Next HV the 24th 4 pm. <PERSON> (facilitator)"),
    ("Mum to call if things escalate. mana (kaimahi)", "Mum to call if things escalate. <PERSON> (kaimahi)"),
    # a kin or role word glossed, one after a determiner, or one before a number stays
    ("The koro (grandad) came to the hui.", "The koro (grandad) came to the hui."),
    ("Their tama (son) is 16 and working.", "Their tama (son) is 16 and working."),
    ("Bought kai (2) for the whānau.", "Bought kai (2) for the whānau."),
])
def test_a_te_reo_word_before_a_role_in_brackets_is_a_person(scrubber: Scrubber, text: str, expected: str) -> None:
    assert _scrub(scrubber, text, []) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a saint's name after "St" or "Saint" names a charity, church or school, not a person in the note
    ("Food parcel dropped off, St Vincent de Paul voucher for $91.", "Food parcel dropped off, St Vincent de Paul voucher for $91."),
    ("Spoke to Ruia Ratuvou, St Vincent de Paul, ref 13217793.", "Spoke to <PERSON>, St Vincent de Paul, ref 13217793."),
    ("Enrolled at Saint Joseph's School.", "Enrolled at Saint Joseph's School."),
    # the person's name beside it still goes; "St" after a street name is a street's
    ("Vincent moved to 12 Paul St last week.", "<PERSON> moved to <ADDRESS> last week."),
])
def test_a_saints_name_is_a_things_name(scrubber: Scrubber, text: str, expected: str) -> None:
    assert _scrub(scrubber, text, []) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a role right after a comma and before a name is that name's, not the words before the comma
    ("Rāhiri doing well at Pōtiki Play, facilitator Pania Karaitiana was pleased.",
     "<PERSON> doing well at Pōtiki Play, facilitator <PERSON> was pleased."),
    # a name before a comma and its role stays a name; so does one before other words and a role
    ("Met Hemi, social worker, at the office.", "Met <PERSON>, social worker, at the office."),
    ("Intake: Tangi Raela, referred by SW Hao at Plunket.", "Intake: <PERSON>, referred by SW <PERSON> at Plunket."),
])
def test_a_role_between_a_programme_and_a_name_is_the_names(scrubber: Scrubber, text: str, expected: str) -> None:
    assert _scrub(scrubber, text, []) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # from the text alone: a word after "@" that a person verb, subject verb or past tense follows is the one who did it
    ("@jisoo rang me back today", "@<PERSON> rang me back today"),
    ("hey team @abdirahman turned up today", "hey team @<PERSON> turned up today"),
    # "@" as "at": a word that never names a person, or one no verb follows, stays
    ("the kids were @school was fun", "the kids were @school was fun"),
    ("see u @mahi tomorrow", "see u @mahi tomorrow"),
])
def test_a_mention_before_a_verb_is_a_person(scrubber: Scrubber, text: str, expected: str) -> None:
    assert _scrub(scrubber, text, []) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # from the text alone: an initial without its full stop before a family name is a person
    ("Told M Herewini kia kaha, big week ahead.", "Told <PERSON> kia kaha, big week ahead."),
    # not before a word of no name's shape, nor a vowel alone (a word or a te reo particle)
    ("Takes vitamin D Tablets daily.", "Takes vitamin D Tablets daily."),
    ("Referral to Te Puna Hauora O Rongo for the whānau.", "Referral to Te Puna Hauora O Rongo for the whānau."),
])
def test_an_initial_without_a_full_stop_before_a_family_name_is_a_person(scrubber: Scrubber, text: str, expected: str) -> None:
    assert _scrub(scrubber, text, []) == expected
