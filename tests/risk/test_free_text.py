"""Case notes name no place beyond their row's released areas (deid.risk.free_text), and te reo and iwi stay."""
from __future__ import annotations

import polars as pl
import pytest

from deid.db import Warehouse
from deid.risk import gate_release, linkage_policy
from deid.risk.free_text import (
    PLACEHOLDER,
    kept_names,
    place_names,
    released_areas,
    withhold_places,
    withhold_places_in_notes,
)
from deid.standards import RiskRules


@pytest.fixture(scope="module")
def places(standards):
    return place_names(standards)


def _withheld(text: str, places, ta: str | None = None, region: str | None = None, kept=None) -> str:
    return withhold_places(text, released_areas({"ta_name": ta, "region_name": region}, places), places, kept)[0]


@pytest.mark.parametrize("text, expected", [
    ("Moved from Flaxmere to Camberley in June.", f"Moved from {PLACEHOLDER} to {PLACEHOLDER} in June."),
    ("Her son attends Naenae College; she works at Countdown Petone.",
     f"Her son attends {PLACEHOLDER} College; she works at Countdown {PLACEHOLDER}."),
    ("Whānau went back to Ōtaki, then Otaki again.", f"Whānau went back to {PLACEHOLDER}, then {PLACEHOLDER} again."),
    ("Lives in Porirua City now.", f"Lives in {PLACEHOLDER} now."),
])
def test_when_a_rows_area_is_blanked_then_every_place_its_note_names_is_replaced(places, text, expected):
    assert _withheld(text, places) == expected


@pytest.mark.parametrize("text", [
    "Kōrero about the moana and the whenua; the mana of the whānau is strong.",
    "Whānau affiliates to Taranaki and to Tainui; koro is Ngāti Whātua Ōrākei.",
    "Grey skies all week, but aroha from the kuia.",
    "Dad is from Ngāti Haua (Taumarunui) on his mother's side.",
])
def test_when_a_word_is_te_reo_an_iwi_or_an_everyday_word_then_it_stays(places, text):
    assert _withheld(text, places) == text.replace("Taumarunui", PLACEHOLDER)   # a bracketed place is a place


def test_when_a_one_word_place_is_also_an_iwi_or_everyday_word_then_a_place_cue_makes_it_a_place(places):
    assert _withheld("Affiliates to Taranaki; lives in Taranaki now.", places) == f"Affiliates to Taranaki; lives in {PLACEHOLDER} now."
    assert _withheld("Grey day. Moved to Grey last year.", places) == f"Grey day. Moved to {PLACEHOLDER} last year."


def test_when_a_rows_territorial_authority_is_released_then_it_and_its_region_stay_and_finer_or_other_places_go(places):
    text = "Home visit in Porirua (Cannons Creek), then the Wellington office; mum moved from Lower Hutt."
    assert _withheld(text, places, ta="Porirua City", region="Wellington") == (
        f"Home visit in Porirua ({PLACEHOLDER}), then the Wellington office; mum moved from {PLACEHOLDER}.")


def test_when_only_the_region_is_released_then_a_town_within_it_is_still_replaced(places):
    text = "Lives in Wellington; moved from Porirua; clinic in Wellington City."
    assert _withheld(text, places, region="Wellington") == f"Lives in Wellington; moved from {PLACEHOLDER}; clinic in {PLACEHOLDER}."


def test_when_a_place_is_part_of_a_provider_or_programme_name_then_it_stays(places):
    kept = kept_names(["Te Ara Hou Porirua", "Porirua Youth Trust"])
    text = "Started Te Ara Hou Porirua with Porirua Youth Trust at the Porirua hub."
    assert _withheld(text, places, kept=kept) == f"Started Te Ara Hou Porirua with Porirua Youth Trust at the {PLACEHOLDER} hub."


def test_when_notes_are_withheld_then_only_the_notes_change_and_the_counts_say_how_many(places):
    frame = pl.DataFrame({"ta_name": ["Hastings District", None, None], "region_name": ["Hawke's Bay", None, None],
                          "case_notes_scrubbed": ["Moved from Flaxmere to Hastings.", "Kia ora, whānau doing well.", None]})
    out, withheld = withhold_places_in_notes(frame, places)
    assert out.get_column("case_notes_scrubbed").to_list() == [f"Moved from {PLACEHOLDER} to Hastings.",
                                                                "Kia ora, whānau doing well.", None]
    assert (withheld.notes, withheld.names) == (1, 1) and out.drop("case_notes_scrubbed").equals(frame.drop("case_notes_scrubbed"))


def test_when_the_gate_blanks_an_area_then_the_released_notes_name_no_place_and_the_message_says_so(standards, places):
    tas = ["Hastings District"] * 6 + ["Porirua City", "Hutt City", "Upper Hutt City"]   # each of the last three unique
    notes = ["Home visit in Hastings."] * 6 + ["Moved from Cannons Creek to Titahi Bay.", "Lives in Naenae.", "Works in Trentham."]
    extract = pl.DataFrame({"person_id": [f"p{i}" for i in range(len(tas))], "age_band": ["20-24"] * len(tas),
                            "ta_name": tas, "case_notes_scrubbed": notes})
    rules = RiskRules(k_threshold=3, max_prosecutor_risk=0.34, extracts={
        "service_delivery": {"quasi_identifiers": ["age_band", "ta_name"], "remedy_order": ["ta_name", "age_band"]}})
    with Warehouse() as wh:
        out, gates = gate_release(wh, {"service_delivery": extract}, rules, linkage_policy(rules), places=places)
    released, gate = out["service_delivery"], gates["service_delivery"]
    assert gate.passed and released.filter(pl.col("ta_name").is_null()).height == 3
    assert released.get_column("case_notes_scrubbed").to_list() == ["Home visit in Hastings."] * 6 + [
        f"Moved from {PLACEHOLDER} to {PLACEHOLDER}.", f"Lives in {PLACEHOLDER}.", f"Works in {PLACEHOLDER}."]
    assert gate.note_places_withheld == 4 and "4 place name(s) in 3 case note(s) replaced by <LOCATION>" in gate.message


# --- ethnicity words ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Attends the Tongan Methodist church; went home to Samoa.", "Attends the <ETHNICITY> Methodist church; went home to <ETHNICITY>."),
    ("Cook Islands Māori dance group; a Fiji-Indian family friend; SAMOAN on the form.",
     "<ETHNICITY> dance group; a <ETHNICITY> family friend; <ETHNICITY> on the form."),
    # te reo Māori words, the English language and everyday words stay
    ("Kōrero Māori at home; tangata whenua hui; English classes; white car; Pākehā neighbour.",
     "Kōrero Māori at home; tangata whenua hui; English classes; white car; Pākehā neighbour."),
    # a Pacific language's greeting says which group as the group's name does; te reo greetings stay
    ("Talofa lava! Mālō e lelei to the family; kia orana; Kia ora koutou.",
     "<ETHNICITY>! <ETHNICITY> to the family; <ETHNICITY>; Kia ora koutou."),
    # a red-team user test: a statement of who a person is, and an iwi, said Māori where ethnicity and the flag were blanked
    ("Whānau identify as Māori, Ngāti Porou; te reo Māori classes at a kaupapa Māori service.",
     "Whānau identify as <ETHNICITY>, <IWI>; te reo Māori classes at a kaupapa Māori service."),
    ("Koro affiliates to Ngāi Tahu; Tūhoe on mum's side. Lives in Taranaki.",
     "Koro affiliates to <IWI>; <IWI> on mum's side. Lives in Taranaki."),
])
def test_when_an_ethnic_group_is_named_then_it_is_replaced_but_te_reo_and_everyday_words_stay(standards, text, expected):
    from deid.risk.free_text import ethnicity_words

    assert ethnicity_words(standards).withhold(text)[0] == expected


def test_when_the_gate_blanks_ethnicity_then_only_those_rows_notes_lose_the_group_names(standards):
    from deid.risk.free_text import ethnicity_words, withhold_ethnicity_in_notes

    frame = pl.DataFrame({"case_notes_scrubbed": ["Tongan church on Sunday.", "Tongan church on Sunday.", None]})
    out, named = withhold_ethnicity_in_notes(frame, pl.Series([True, False, True]), ethnicity_words(standards))
    assert out.get_column("case_notes_scrubbed").to_list() == ["<ETHNICITY> church on Sunday.", "Tongan church on Sunday.", None]
    assert (named.notes, named.names) == (1, 1)


def test_when_the_gate_blanks_a_rows_ethnicity_then_its_note_names_no_group_and_the_message_says_so(standards):
    from deid.risk.free_text import ethnicity_words

    ethnicity = ["1"] * 6 + ["3", "4", "5"]   # each of the last three unique: blanked
    notes = ["Kia ora, Pākehā whānau doing well."] * 6 + ["Tongan church.", "Chinese new year.", "Somali family."]
    extract = pl.DataFrame({"person_id": [f"p{i}" for i in range(9)], "age_band": ["20-24"] * 9,
                            "ethnicity_prioritised": ethnicity, "case_notes_scrubbed": notes})
    rules = RiskRules(k_threshold=3, max_prosecutor_risk=0.34, extracts={
        "service_delivery": {"quasi_identifiers": ["age_band", "ethnicity_prioritised"],
                             "remedy_order": ["ethnicity_prioritised", "age_band"]}})
    with Warehouse() as wh:
        out, gates = gate_release(wh, {"service_delivery": extract}, rules, linkage_policy(rules),
                                  ethnicities=ethnicity_words(standards))
    assert out["service_delivery"].get_column("case_notes_scrubbed").to_list() == [
        *notes[:6], "<ETHNICITY> church.", "<ETHNICITY> new year.", "<ETHNICITY> family."]
    gate = gates["service_delivery"]
    assert gate.note_ethnicities_withheld == 3 and "3 ethnic group name(s) in 3 case note(s)" in gate.message


def test_when_a_note_writes_a_place_with_macrons_the_standards_spell_without_then_it_is_still_found(places):
    # geography_places.csv spells it 'Ohakune' (GeoNames); notes write 'Ōhakune' (the pre-filter missed these)
    frame = pl.DataFrame({"ta_name": [None, None], "case_notes_scrubbed": ["Moved to Ōhakune.", "Moved to Ohakune."]})
    out, withheld = withhold_places_in_notes(frame, places)
    assert out.get_column("case_notes_scrubbed").to_list() == [f"Moved to {PLACEHOLDER}."] * 2 and withheld.names == 2


@pytest.mark.parametrize("text, expected", [
    ("<PERSON> (34) and her son <PERSON> (3) came in.", "<PERSON> (<AGE>) and her son <PERSON> (<AGE>) came in."),
    ("Mum is 34 years old; baby 9 months old; a 16-year-old brother.",
     "Mum is <AGE> years old; baby <AGE> months old; a <AGE>-year-old brother."),
    ("Tamariki aged 3, 5 and 9. Age: 42.", "Tamariki aged <AGE>, <AGE> and <AGE>. Age: <AGE>."),
    ("He turned 16 last week; a 15yo cousin and a 12 y/o.", "He turned <AGE> last week; a <AGE>yo cousin and a <AGE> y/o."),
    # a user test's notes: short forms, and a person who "is" a number
    ("<PERSON> (23yrs) lives with Mum 47yrs.", "<PERSON> (<AGE>yrs) lives with Mum <AGE>yrs."),
    ("<PERSON> is 27 and due again in March; she is now 42.", "<PERSON> is <AGE> and due again in March; she is now <AGE>."),
])
def test_when_a_note_states_an_age_then_the_number_is_replaced(text, expected):
    from deid.risk.free_text import withhold_ages

    assert withhold_ages(text)[0] == expected


@pytest.mark.parametrize("text", [
    "Known to us 3 years; the 3 year plan.",            # a duration is not an age
    "Paid $34 (12 weeks) on 3 June; session 2 of 8 at 10.30am.",
    "Known for 3 yrs; moved 2 yrs ago; she is 2 weeks overdue and was 5 minutes late.",
])
def test_when_numbers_are_durations_amounts_or_times_then_they_are_not_ages(text):
    from deid.risk.free_text import withhold_ages

    assert withhold_ages(text) == (text, 0)


@pytest.mark.parametrize("text, expected", [
    ("Attended 6 of 8 sessions; wellbeing score improved from 4 to 7.",
     "Attended 6 of 8 sessions; wellbeing score improved from <SCORE> to <SCORE>."),
    ("Wellbeing 6/10 at start, 8/10 now.", "Wellbeing <SCORE> at start, <SCORE> now."),
    ("Hauora rating 8 on 3 June.", "Hauora rating <SCORE> on 3 June."),
    ("Wellbeing group for 6 weeks, attended 6 of 8; check at 10:30, $40 voucher.",
     "Wellbeing group for 6 weeks, attended 6 of 8; check at 10:30, $40 voucher."),
    ("Scored 7 on the quiz. Wellbeing improved.", "Scored 7 on the quiz. Wellbeing improved."),   # no wellbeing cue before it
    ("Feeling 7 out of 10 today; rated her week 6/10.", "Feeling <SCORE> out of 10 today; rated her week <SCORE>/10."),
])
def test_when_a_note_states_a_wellbeing_score_then_only_the_scores_numbers_are_replaced(text, expected):
    from deid.risk.free_text import withhold_scores

    assert withhold_scores(text)[0] == expected


def test_when_notes_are_released_then_no_age_is_stated_and_scores_go_where_the_gate_withheld_wellbeing():
    """An age is finer than any released band ("she is 35" in a 35-39 row: a red-team user test), so every note loses its
    ages; a wellbeing score goes where the gate blanked the row's wellbeing or dropped the column."""
    from deid.risk.free_text import withhold_restated_in_notes

    note = "<PERSON> (34) says wellbeing went from 4 to 7."
    supplied = pl.DataFrame({"age_band_five_year": ["30-34", "30-34", "30-34", None], "wellbeing_start": [4, 4, None, 4],
                             "case_notes_scrubbed": [note] * 4}).with_row_index("_row")
    released = supplied.with_columns(pl.Series("wellbeing_start", [None, 4, None, 4]))
    out, restated = withhold_restated_in_notes(supplied, released, "_row")
    assert out.get_column("case_notes_scrubbed").to_list() == [
        "<PERSON> (<AGE>) says wellbeing went from <SCORE> to <SCORE>.",   # wellbeing blanked by the gate
        "<PERSON> (<AGE>) says wellbeing went from 4 to 7.",               # released as supplied
        "<PERSON> (<AGE>) says wellbeing went from 4 to 7.",               # never had one
        "<PERSON> (<AGE>) says wellbeing went from 4 to 7."]
    assert (restated.ages, restated.scores, restated.notes) == (4, 2, 4)
    dropped = released.drop("wellbeing_start")   # the linkage control dropped wellbeing from the extract
    out, restated = withhold_restated_in_notes(supplied, dropped, "_row")
    assert out.get_column("case_notes_scrubbed").to_list()[1] == "<PERSON> (<AGE>) says wellbeing went from <SCORE> to <SCORE>."
    assert (restated.ages, restated.scores, restated.notes) == (4, 6, 4)


def test_when_the_gate_blanks_age_bands_then_the_release_notes_state_no_ages_and_the_message_says_so(places):
    ages = ["20-24"] * 6 + ["60-64", "70-74", "80-84"]   # each of the last three unique: blanked
    notes = ["Kia ora, whānau doing well."] * 6 + ["Koro (62) at the hui.", "Nan is 71 years old.", "aged 83, lives alone."]
    extract = pl.DataFrame({"person_id": [f"p{i}" for i in range(9)], "age_band_five_year": ages,
                            "gender_code": ["F"] * 9, "case_notes_scrubbed": notes})
    rules = RiskRules(k_threshold=3, max_prosecutor_risk=0.34, extracts={
        "service_delivery": {"quasi_identifiers": ["age_band_five_year", "gender_code"],
                             "remedy_order": ["age_band_five_year", "gender_code"]}})
    with Warehouse() as wh:
        out, gates = gate_release(wh, {"service_delivery": extract}, rules, linkage_policy(rules), places=places)
    assert out["service_delivery"].get_column("case_notes_scrubbed").to_list() == [
        *notes[:6], "Koro (<AGE>) at the hui.", "Nan is <AGE> years old.", "aged <AGE>, lives alone."]
    gate = gates["service_delivery"]
    assert gate.note_ages_withheld == 3 and "3 age(s) replaced by <AGE> in 3 case note(s)" in gate.message
    assert gate.message.endswith("nor a wellbeing score where the gate withheld its row's wellbeing")


@pytest.mark.parametrize("text, expected", [
    # an outsider user test: a person named by a kinship or title word "is" a number, or has it set off by commas
    ("Koro is 71 and helping with the tamariki.", "Koro is <AGE> and helping with the tamariki."),
    ("Nan is 68. Her son is about 12 now.", "Nan is <AGE>. Her son is about <AGE> now."),
    ("Aunty <PERSON>, 54, is caring for baby; the client, 34, agreed.",
     "Aunty <PERSON>, <AGE>, is caring for baby; the client, <AGE>, agreed."),
])
def test_when_a_note_states_the_age_of_a_person_named_by_a_kinship_or_title_word_then_it_is_replaced(standards, text, expected):
    from deid.risk.free_text import age_subjects, withhold_ages

    assert withhold_ages(text, age_subjects(standards))[0] == expected


@pytest.mark.parametrize("text", [
    "Mum is 30 minutes away; Whaea is 2 weeks away; Dad is 100% committed.",   # durations, shares
    "Client is 3 sessions in; rent is 95 a week; mum is 1 of 3 carers.",      # counts, amounts
    "Koro came to 3, then 4 sessions.",                                        # numbers not set off after the word
])
def test_when_a_kinship_word_is_followed_by_a_count_duration_or_amount_then_it_is_not_an_age(standards, text):
    from deid.risk.free_text import age_subjects, withhold_ages

    assert withhold_ages(text, age_subjects(standards)) == (text, 0)


def test_when_notes_are_released_through_the_gate_then_kinship_ages_are_replaced_too(places, standards):
    from deid.risk.free_text import age_subjects

    notes = ["Kia ora, whānau doing well."] * 3 + ["Koro is 71 and helping.", "Nan is 68."]
    extract = pl.DataFrame({"person_id": [f"p{i}" for i in range(5)], "gender_code": ["F"] * 5, "case_notes_scrubbed": notes})
    rules = RiskRules(k_threshold=3, max_prosecutor_risk=0.34, extracts={
        "service_delivery": {"quasi_identifiers": ["gender_code"], "remedy_order": ["gender_code"]}})
    with Warehouse() as wh:
        out, gates = gate_release(wh, {"service_delivery": extract}, rules, linkage_policy(rules), places=places,
                                  age_subjects=age_subjects(standards))
    assert out["service_delivery"].get_column("case_notes_scrubbed").to_list()[3:] == ["Koro is <AGE> and helping.", "Nan is <AGE>."]
    assert gates["service_delivery"].note_ages_withheld == 2
