"""Dates of birth and street addresses in every common written form; service dates, amounts and times stay."""
import datetime as dt

import pytest

from deid.scrub import Scrubber
from deid.scrub.recognizers.nz_date_of_birth_recognizer import NzDateOfBirthRecognizer
from deid.scrub.recognizers.nz_street_address_recognizer import NzStreetAddressRecognizer
from deid.scrub.scan import NoteScan
from deid.standards import Standards


@pytest.fixture(scope="module")
def scrubber(standards: Standards) -> Scrubber:
    return Scrubber(standards)


@pytest.fixture(scope="module")
def births(standards: Standards) -> NzDateOfBirthRecognizer:
    return NzDateOfBirthRecognizer.from_standards(standards)


@pytest.fixture(scope="module")
def addresses(standards: Standards) -> NzStreetAddressRecognizer:
    return NzStreetAddressRecognizer.from_standards(standards)


LAST_YEAR = dt.date.today().year - 1   # a service date in brackets is recent; a birth date there is years back


def _found(recognizer: NzDateOfBirthRecognizer | NzStreetAddressRecognizer, text: str) -> list[str]:
    return sorted(text[r.start:r.end] for r in recognizer.analyze(text, [], NoteScan(text)))


@pytest.mark.parametrize("text, date", [
    # numeric, day first, any separator, two- or four-digit year; ISO order
    ("DOB 12/05/2017 on the form", "12/05/2017"),
    ("dob: 3.7.88 per her card", "3.7.88"),
    ("D.O.B. 9-11-2001", "9-11-2001"),
    ("date of birth 2017-05-12.", "2017-05-12"),
    # day, month name, year: ordinals, "of", abbreviations, dashes, an apostrophe year, capitals
    ("born 12th May 2017 at Waikato Hospital", "12th May 2017"),
    ("Her DOB is the 21st of March 1994.", "the 21st of March 1994"),
    ("DOB 6 Sept. 1979", "6 Sept. 1979"),
    ("dob 4-Oct-15, fully immunised", "4-Oct-15"),
    ("DOB 30 june '09", "30 june '09"),
    ("D.O.B 2ND FEBRUARY 2011", "2ND FEBRUARY 2011"),
    # month first
    ("born on August 9, 1990 in Tonga", "August 9, 1990"),
    ("DOB Jan 3rd, 2016", "Jan 3rd, 2016"),
    # written out, day and year both
    ("dob the second of June nineteen eighty-one", "the second of June nineteen eighty-one"),
    ("DOB twenty-third of October two thousand and nine", "twenty-third of October two thousand and nine"),
    ("born on the ninth of April twenty twelve.", "ninth of April twenty twelve"),
    # te reo Māori month names (Te Taura Whiri i te Reo Māori)
    ("I whānau mai a Hemi (DOB 14 Haratua 2015).", "14 Haratua 2015"),
    ("born 2 Here-turi-kōkā 2019", "2 Here-turi-kōkā 2019"),
    # right after a birth cue a day and month alone are part of a date of birth too
    ("her birthday is 9 March, so a small party", "9 March"),
    ("dob=4/11", "4/11"),
])
def test_when_a_birth_cue_comes_before_a_date_in_any_written_form_then_the_date_is_found(births: NzDateOfBirthRecognizer, text: str, date: str) -> None:
    assert _found(births, text) == [date]


@pytest.mark.parametrize("text, dates", [
    ("Kids: Mere (12/05/2017), Tama (3rd of March 2019).", ["12/05/2017", "3rd of March 2019"]),
    ("Household - Ana Lui (14 Aug '86) + Sione + baby", ["14 Aug '86"]),
    ("TAMARIKI: WIREMU (2015-02-01), HINE (THE FIFTH OF MAY 2018)", ["2015-02-01", "THE FIFTH OF MAY 2018"]),
    ("whanau: koro pita (june 4, 1950), nan", ["june 4, 1950"]),
    # a heading written one letter off still opens the list
    ("Houshold - Rewi Pou (1/1/1990) + Aroha", ["1/1/1990"]),
    ("Housheold - Rewi Pou (1/1/1990) + Aroha", ["1/1/1990"]),
])
def test_when_a_date_is_in_brackets_after_a_name_in_a_household_list_then_it_is_a_date_of_birth(births: NzDateOfBirthRecognizer, text: str, dates: list[str]) -> None:
    assert _found(births, text) == sorted(dates)


@pytest.mark.parametrize("text, date", [
    ("Tama (7yo, 12/05/2017) started kura", "12/05/2017"),
    ("Pua (3 March 2021 - aged 4) at kōhanga", "3 March 2021"),
    ("Records show 30/01/1988 (DOB) for Sina.", "30/01/1988"),
])
def test_when_an_age_or_a_bracketed_cue_is_beside_a_date_then_it_is_a_date_of_birth(births: NzDateOfBirthRecognizer, text: str, date: str) -> None:
    assert _found(births, text) == [date]


@pytest.mark.parametrize("text, date", [
    ("Emailed the Triple P handout. DOB checked 28/10/1995.", "28/10/1995"),   # a user test: 71 of 71 left in
    ("DOB verified with mum - 13 June 1996, all good", "13 June 1996"),
    ("Date of birth checked 3.4.2001", "3.4.2001"),
    ("Birthdate on file 2/3/2011.", "2/3/2011"),
    ("dob updated to 13/06/1996", "13/06/1996"),
])
def test_when_a_few_words_stand_between_a_birth_cue_and_a_full_date_then_the_date_is_found(
        births: NzDateOfBirthRecognizer, text: str, date: str) -> None:
    assert _found(births, text) == [date]


@pytest.mark.parametrize("text, date", [
    ("Date of birth was re-checked against passport 03.07.1987", "03.07.1987"),   # a second user test's phrasings
    ("dob on her enrolment form says 1997-03-06", "1997-03-06"),
    ("DOB (per WINZ letter) is 13/06/1996", "13/06/1996"),
    ("DOB checked. 13/06/1996 is right", "13/06/1996"),
])
def test_when_a_date_years_back_is_further_on_in_the_birth_cues_sentence_then_it_is_a_date_of_birth(
        births: NzDateOfBirthRecognizer, text: str, date: str) -> None:
    assert _found(births, text) == [date]


def test_a_recent_date_far_from_a_birth_cue_is_a_visit_date(births: NzDateOfBirthRecognizer) -> None:
    assert _found(births, f"DOB confirmed with mum at the visit on 12/08/{LAST_YEAR + 1}") == []
    assert _found(births, f"DOB confirmed with mum at the visit on 12/08/{LAST_YEAR}") == []


@pytest.mark.parametrize("text, date", [
    ("tamati te moana (6/1/12) has started at the kura", "6/1/12"),
    ("ʻOfa (July 27 2013) has started at school", "July 27 2013"),
    ("payment plan; M.F. (twentieth of March 2023) has started at the kōhanga", "twentieth of March 2023"),
])
def test_when_a_date_years_back_is_in_brackets_after_a_name_then_it_is_a_date_of_birth(
        births: NzDateOfBirthRecognizer, text: str, date: str) -> None:
    """Not only in a household list: a child's name and, in brackets, a date years before the run's year."""
    assert _found(births, text) == [date]


def test_a_date_in_brackets_after_a_name_is_a_birth_date_only_when_it_is_years_back(standards: Standards) -> None:
    births = NzDateOfBirthRecognizer(standards.scrub_words, reference_year=2026)
    assert _found(births, "Aroha (12/05/2024) came along") == ["12/05/2024"]
    assert _found(births, "Aroha (12/05/2025) came along") == []   # last year: a service date as likely
    assert _found(births, "Aroha (12/05/24) came along") == ["12/05/24"]


@pytest.mark.parametrize("text", [
    "DOB not recorded. Seen 12/08/2026.",                            # the sentence ended before the date
    "Born in Tonga, came to Aotearoa as a teen, seen 12/08/2026",     # more than three words between
])
def test_when_a_birth_cue_is_far_from_a_date_then_the_date_stays(births: NzDateOfBirthRecognizer, text: str) -> None:
    assert _found(births, text) == []


@pytest.mark.parametrize("text", [
    "Next visit 12/05/2025 at 10am.",
    "Home visit on the 3rd of March 2025; kai parcel worth $45.50 left.",
    "Hui booked for May 12, 2025 (2pm) with the whānau.",
    f"Whānau hui at the marae (4/5/{LAST_YEAR}) went well.",               # a heading word, but no list after it
    f"Kids: both at kura. Court date (12/05/{LAST_YEAR}) confirmed.",       # the list ended before the bracket
    f"Family Start visit (12 May {LAST_YEAR}) - paid $120.",                # "Family Start" is a programme, not a list
    "Birthday party planned for 12 May.",                            # the cue is not right before the date
    f"Appointment (12/05/{LAST_YEAR}, 2pm) with the nurse.",                 # a time beside it, not an age
    f"Born to Be Wild programme started 12 May {LAST_YEAR}.",
    "Invoice 12-05-2017-44 paid",                                    # a reference that starts like a date
])
def test_when_a_date_has_no_birth_evidence_then_it_stays(births: NzDateOfBirthRecognizer, scrubber: Scrubber, text: str) -> None:
    assert _found(births, text) == []
    scrubbed = scrubber.scrub(text)[0] or ""
    assert "<DOB>" not in scrubbed and "<ADDRESS>" not in scrubbed   # names are other recognizers' business


@pytest.mark.parametrize("text, expected", [
    ("DOB 12th of May 2017. Seen 14/05/2025 at 9.30am, $60 koha.", "DOB <DOB>. Seen 14/05/2025 at 9.30am, $60 koha."),
    ("born the twelfth of May two thousand and seventeen; next appt 3 June 2025 2pm",
     "born the <DOB>; next appt 3 June 2025 2pm"),
])
def test_when_a_note_has_a_date_of_birth_and_service_dates_then_only_the_birth_date_goes(scrubber: Scrubber, text: str, expected: str) -> None:
    assert scrubber.scrub(text)[0] == expected


@pytest.mark.parametrize("text, address", [
    ("now living at 2/14 Kowhai St, Ōtara", "2/14 Kowhai St, Ōtara"),
    ("moved to Flat 3, 14 Puriri Road, Whanganui", "Flat 3, 14 Puriri Road, Whanganui"),
    ("new address Unit 4/183 Totara Ave, Hamilton 3204.", "Unit 4/183 Totara Ave, Hamilton 3204"),
    ("visit at unit 6/20 kauri crescent, hamilton", "unit 6/20 kauri crescent, hamilton"),
    ("HV AT 77B MAIN RD, RD 2, RAGLAN", "77B MAIN RD, RD 2, RAGLAN"),
    ("mail to PO Box 5512, Whangārei 0140", "PO Box 5512, Whangārei 0140"),
    ("now at PO Box 41 667, Hamilton with dad", "PO Box 41 667, Hamilton"),     # older box numbers in two groups
    ("letters to P.O. Box 11-222 Wellington", "P.O. Box 11-222 Wellington"),
    ("lives at 9 Rimu Pl", "9 Rimu Pl"),
    ("staying at 31 Beach Tce with nan", "31 Beach Tce"),
    # a suburb the geography table does not list, right before a town it does
    ("moved out of 83 Ngaio Place Newbrook Invercargill because of damp", "83 Ngaio Place Newbrook Invercargill"),
    ("lives at 8/52 lily avenue rosemount napier now", "8/52 lily avenue rosemount napier"),
    ("staying at Unit 9 105 Kowhai Tce Glenview 3214 this week", "Unit 9 105 Kowhai Tce Glenview 3214"),
])
def test_when_an_address_is_written_in_a_common_form_then_all_of_it_is_found(addresses: NzStreetAddressRecognizer, text: str, address: str) -> None:
    assert _found(addresses, text) == [address]


@pytest.mark.parametrize("text, address", [
    ("moved from 12 Smith St to Hastings", "12 Smith St"),                # a preposition is not a suburb
    ("left 5 Kea Rd for Napier on Friday", "5 Kea Rd"),
    ("moved into 5 Kea Rd March 2019", "5 Kea Rd"),                       # a month and year are not a suburb and postcode
])
def test_when_a_town_follows_an_address_after_a_sentence_word_then_the_town_stays(addresses: NzStreetAddressRecognizer, text: str, address: str) -> None:
    assert _found(addresses, text) == [address]


@pytest.mark.parametrize("text", [
    "Paid $14 Street Kitchen voucher.",
    "Owes $2,500 to Drive Finance Ltd.",
])
def test_when_an_amount_looks_like_a_street_number_then_it_stays(addresses: NzStreetAddressRecognizer, text: str) -> None:
    assert _found(addresses, text) == []
