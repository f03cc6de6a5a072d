"""A word after "@" in text-message style is a person when it can be one, and "at" when it cannot."""
from __future__ import annotations

import pytest

from deid.scrub import Scrubber


@pytest.mark.parametrize("text, expected", [
    ("pls ring @Tevita re hui", "pls ring @<PERSON> re hui"),
    ("thx @lucas for the lift, @Mereana too", "thx @<PERSON> for the lift, @<PERSON> too"),
    ("caught up w @lucas and @Jae-won", "caught up w @<PERSON> and @<PERSON>"),
    ("see u @school tmrw", "see u @school tmrw"),                          # "at": a lower-case word no name list knows
    ("drop in @ 4.30 @ the hall", "drop in @ 4.30 @ the hall"),            # a time, a spaced "@"
    ("kai @whare kai after", "kai @whare kai after"),                      # an everyday te reo word
    ("email r.tane@xtra.co.nz", "email <EMAIL>"),                          # an email's "@" is the email recognizer's
])
def test_when_a_word_follows_an_at_sign_then_it_is_a_person_only_where_it_can_be_one(standards, text, expected):
    assert Scrubber(standards).scrub(text)[0] == expected


def test_when_the_recognizer_is_switched_off_then_mentions_stay(standards):
    switches = tuple(s.model_copy(update={"enabled": s.name != "MentionRecognizer"}) for s in standards.recognizers.recognizers)
    scrubber = Scrubber(standards.model_copy(update={"recognizers": standards.recognizers.model_copy(update={"recognizers": switches})}))
    assert "MentionRecognizer" not in {s.recognizer for s in scrubber.scrub("pls ring @Tevita re hui")[1]}


@pytest.mark.parametrize("text, expected", [
    ("Rang K.T. about the hui", "Rang <PERSON> about the hui"),
    ("Phone log entered by r.w. at 3pm", "Phone log entered by <PERSON> at 3pm"),
    ("Nā T.M.W., kaimahi", "Nā <PERSON>, kaimahi"),
    ("spoke to G.P. about meds", "spoke to G.P. about meds"),           # a role's initials (names.yaml not_name_words)
    ("visit moved to 9 a.m. Friday", "visit moved to 9 a.m. Friday"),
])
def test_when_initials_with_full_stops_follow_a_person_cue_then_they_are_a_person(standards, text, expected):
    assert Scrubber(standards).scrub(text)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("K.T. came in", "<PERSON> came in"),
    ("Ms Hona asked that we tautoko G.L. with the forms.", "Ms <PERSON> asked that we tautoko <PERSON> with the forms."),
    ("present: Rewi, m.h., Whaea Ana", "present: <PERSON>, <PERSON>, Whaea <PERSON>"),
    ("Bring ID, e.g. a passport, by 9 a.m.", "Bring ID, e.g. a passport, by 9 a.m."),     # abbreviations (not_name_words)
    ("aka T.J.K. in the file", "aka <PERSON> in the file"),
])
def test_when_two_or_three_initials_with_full_stops_stand_anywhere_then_they_are_a_person(standards, text, expected):
    assert Scrubber(standards).scrub(text)[0] == expected


def test_when_initials_begin_a_post_office_box_then_they_are_no_person(standards):
    assert "PERSON" not in {s.entity for s in Scrubber(standards).scrub("Send the forms to P.O. Box 77.")[1]}


@pytest.mark.parametrize("text, expected", [
    ("@mahi til 5, then @kura", "@mahi til 5, then @kura"),                 # te reo words in lower case: "at"
    ("I kōrero au ki a ia mō te rongoā.", "I kōrero au ki a ia mō te rongoā."),   # a pronoun after "ki a"
    ("I kōrero au ki a Wiremu mō te hui.", "I kōrero au ki a <PERSON> mō te hui."),
])
def test_when_a_te_reo_word_or_pronoun_follows_a_cue_then_it_stays(standards, text, expected):
    assert Scrubber(standards).scrub(text)[0] == expected
