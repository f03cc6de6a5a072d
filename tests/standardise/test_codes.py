"""Code lists: labels as providers write them."""
import polars as pl
import pytest

from deid.standardise.codes import EthnicityClassifier, map_codes, map_gender


@pytest.mark.parametrize("written, code", [("Tāne / male", "1"), ("Wahine / female", "2"), ("male / female", None),
                                           ("xyz / abc", None), ("F", "2")])
def test_when_a_gender_label_is_written_in_two_languages_then_the_code_its_known_halves_agree_on_is_taken(standards, written, code):
    assert map_gender(pl.Series([written]), standards.gender).to_list() == [code]


def test_when_an_outcome_label_pairs_te_reo_with_english_then_the_english_half_gives_the_code(standards):
    outcome = standards.code_lists.code_lists["outcome_status"]
    assert map_codes(pl.Series(["Kua oti / Completed", "Kei te haere / Continuing"]), outcome).to_list() == ["achieved", "ongoing"]


@pytest.mark.parametrize("written, code", [("Kua oti", "achieved"), ("Kua tutuki", "achieved"), ("Kei te haere tonu", "ongoing"),
                                           ("Kua wehe", "exited_early"), ("Kāore i tutuki", "not_achieved"),
                                           ("Still attending", "ongoing")])
def test_when_an_outcome_is_written_in_te_reo_alone_then_it_is_read(standards, written, code):
    """A user test's te reo provider had every outcome 'Not recognised'."""
    assert map_codes(pl.Series([written]), standards.code_lists.code_lists["outcome_status"]).to_list() == [code]


@pytest.mark.parametrize("written, code", [("Signed", "yes"), ("Verbal", None), ("Yes - signed", "yes"), ("Yes (verbal)", None),
                                           ("✓", "yes"), ("✘", "no"), ("Declined", "no"), ("Not asked", "not_recorded"),
                                           ("N/A", "not_recorded"), ("Yes / No", None)])
def test_when_consent_is_recorded_in_a_providers_own_words_or_marks_then_its_code_is_read(standards, written, code):
    assert map_codes(pl.Series([written]), standards.code_lists.code_lists["consent"]).to_list() == [code]


@pytest.mark.parametrize("written, code", [("Completed core schedule", "achieved"), ("Left the area", "exited_early"),
                                           ("Not completed", None), ("Partly completed", None), ("Met some goals", "partly_achieved"),
                                           ("Transferred to another provider", None), ("Completed or left early", None)])
def test_when_an_outcome_is_the_providers_own_label_then_it_is_read_by_its_words_unless_negated_or_torn(standards, written, code):
    assert map_codes(pl.Series([written]), standards.code_lists.code_lists["outcome_status"]).to_list() == [code]


@pytest.mark.parametrize("written, code", [
    ("Goal partially met", "partly_achieved"), ("Partly achieved goals", "partly_achieved"), ("Part met", "partly_achieved"),
    ("Goals not met", "not_achieved"), ("Not yet met", None), ("Half achieved", None),
    ("Not met; relocated", None), ("No - relocated", None), ("Some progress shown", None)])
def test_when_an_outcome_is_qualified_by_one_codes_own_word_then_that_code_is_read(standards, written, code):
    # 'partly', 'partially' (stem 'part') are Partly achieved's words, 'not' Not achieved's; said of another code's
    # word (met, achieved) they give their own code. A qualifier no code has, or a label naming two codes, stays unread.
    assert map_codes(pl.Series([written]), standards.code_lists.code_lists["outcome_status"]).to_list() == [code]


@pytest.mark.parametrize("written", ["Relocated out of region", "Dropped out", "Withdrawn by whanau", "Lost contact", "Moved to Australia"])
def test_when_an_outcome_gives_a_reason_for_leaving_early_then_it_is_an_early_exit(standards, written):
    assert map_codes(pl.Series([written]), standards.code_lists.code_lists["outcome_status"]).to_list() == ["exited_early"]


def test_when_a_response_is_pakeha_then_it_is_new_zealand_european_and_kiwi_is_new_zealander(standards):
    # Stats NZ codes Pākehā to New Zealand European (11), and 'New Zealander'-type responses to Other Ethnicity (61).
    classifier = EthnicityClassifier(standards.ethnicity)
    assert [classifier.classify(v).level2_codes for v in ("Pākehā", "PAKEHA", "Pakeha/Maori", "Kiwi")] == [
        ("11",), ("11",), ("11", "21"), ("61",)]


def test_when_consent_is_written_in_other_words_then_it_is_never_guessed_from_them(standards):
    consent = standards.code_lists.code_lists["consent"]
    assert not consent.read_words
    assert map_codes(pl.Series(["Yes if anonymous", "Agreed verbally to photos only"]), consent).to_list() == [None, None]


def test_when_labels_are_read_by_their_words_then_the_steward_count_says_how_many(standards):
    from deid.standardise.codes import map_codes_counted

    values = pl.Series(["Completed core schedule", "Completed core schedule", "Completed", None, "Not completed"])
    assert map_codes_counted(values, standards.code_lists.code_lists["outcome_status"])[1] == 2


def test_when_a_column_repeats_its_spellings_then_each_row_gets_the_code_its_value_alone_gets(standards):
    """A column is coded once per distinct value; every row still gets its own value's code, and the count is per row."""
    import random

    from deid.standardise.codes import map_codes_counted

    outcome = standards.code_lists.code_lists["outcome_status"]
    spellings = ["Achieved", "achieved ", "Completed core schedule", "Not completed", "Kua oti / Completed", "✓", "",
                 "Not asked", "n/a", "Left the area", "xyz", "Yes - met", "Partly completed", None]
    rng = random.Random(2)
    values = [rng.choice(spellings) for _ in range(500)]
    column, count = map_codes_counted(pl.Series("outcome", values, dtype=pl.Utf8), outcome)
    alone = [map_codes_counted(pl.Series("outcome", [v], dtype=pl.Utf8), outcome) for v in values]
    assert column.name == "outcome" and column.to_list() == [code[0] for code, _ in alone]
    assert count == sum(n for _, n in alone) > 0
    assert map_gender(pl.Series("g", values, dtype=pl.Utf8), standards.gender).to_list() == [
        map_gender(pl.Series("g", [v], dtype=pl.Utf8), standards.gender)[0] for v in values]
