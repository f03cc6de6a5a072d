"""Iwi written in the ethnicity column: a Māori response (Stats NZ code 21), its iwi kept for the iwi column."""
import datetime as dt

import polars as pl
import pytest

from deid.standardise import standardise_records
from deid.standardise.codes import EthnicityClassifier
from deid.standards import IwiClassification, load_iwi_classification

QUARTER_END = dt.date(2026, 9, 30)


@pytest.fixture(scope="module")
def classifier(standards):
    return EthnicityClassifier(standards.ethnicity, load_iwi_classification(standards.directory))


def test_the_iwi_list_names_its_source_version_and_licence():
    iwi = load_iwi_classification()
    assert "Stats NZ" in iwi.source and "Iwi and iwi-related groups" in iwi.source
    assert iwi.version and iwi.licence.startswith("CC BY 4.0")
    assert len(iwi.iwi) > 140 and {g.name for g in iwi.confederations} >= {"Tainui, iwi not named", "Te Arawa, iwi not named"}


@pytest.mark.parametrize("written", [
    "Ngāti Porou", "Ngati Porou", "NGATI POROU", "Te Ati Awa", "Te Āti Awa", "Te Atiawa", "Te Atiawa (Taranaki)",
    "Ngāpuhi", "Ngapuhi", "Ngaati Maniapoto", "Ngāi Tahu", "Kāi Tahu", "Tūhoe", "Ngāi Tūhoe", "Waikato-Tainui",
    "Ngāti Kahungunu ki Te Wairoa", "Te Whānau-ā-Apanui", "Te Whanau a Apanui", "Ngāti Toa Rangatira"])
def test_when_an_ethnicity_cell_names_an_iwi_then_it_is_coded_maori_and_the_iwi_is_kept_as_written(classifier, written):
    response = classifier.classify(written)
    assert response.level2_codes == ("21",) and response.unknown_tokens == 0
    assert response.iwi_named == (" ".join(written.split()),)


@pytest.mark.parametrize("written", ["Tainui", "Te Arawa", "Mātaatua", "Mataatua", "Tākitimu", "Kurahaupō"])
def test_when_an_ethnicity_cell_names_an_iwi_confederation_or_waka_then_it_is_coded_maori(classifier, written):
    assert classifier.classify(written).level2_codes == ("21",)
    assert classifier.classify(written).iwi_named == (written,)


def test_when_an_iwi_is_written_with_other_ethnicities_then_each_keeps_its_code(classifier):
    response = classifier.classify("Ngāti Porou; Samoan / NZ European")
    assert response.level2_codes == ("21", "31", "11") and response.iwi_named == ("Ngāti Porou",)


def test_when_the_iwi_is_bracketed_after_maori_then_both_are_read_and_the_iwi_kept(classifier):
    response = classifier.classify("Māori (Ngāti Porou)")
    assert response.level2_codes == ("21",) and response.unknown_tokens == 0 and response.iwi_named == ("Ngāti Porou",)


def test_when_a_bracketed_aside_follows_an_iwi_then_only_the_iwi_is_kept(classifier):
    assert classifier.classify("Ngāti Porou (mum's side)").iwi_named == ("Ngāti Porou",)


def test_when_a_ngati_name_is_not_listed_then_it_is_maori_but_not_taken_as_an_iwi(classifier):
    # a hapū ('Ngāti <ancestor>'): Māori either way, but the iwi column holds iwi, not hapū
    response = classifier.classify("Ngāti Hinekura")
    assert response.level2_codes == ("21",) and response.iwi_named == () and response.kin_groups_named == 1


@pytest.mark.parametrize("written, codes", [("Cook Island Māori", ("32",)), ("Moriori", ("97",)), ("Te Reo", ("97",)),
                                            ("Ngāti", ("97",)), ("Pākehā", ("11",)), ("Kiwi", ("61",)),
                                            ("Ngāti Pākehā", ("97",))])
def test_when_a_response_is_not_an_iwi_then_it_is_not_made_maori(classifier, written, codes):
    response = classifier.classify(written)
    assert response.level2_codes == codes and response.iwi_named == () and response.kin_groups_named == 0


def test_when_no_iwi_classification_is_given_then_an_iwi_stays_unidentifiable(standards):
    assert EthnicityClassifier(standards.ethnicity).classify("Te Ati Awa").level2_codes == ("97",)


def test_when_a_deployment_has_its_own_iwi_file_then_it_is_used(tmp_path, standards):
    (tmp_path / "iwi.yaml").write_text(
        'source: "a test list"\nversion: "1"\nlicence: "CC BY 4.0"\nmaori_ethnicity_code: "21"\n'
        'iwi:\n  - {code: "9901", name: "Ngāti Testing"}\n', encoding="utf-8")
    own = load_iwi_classification(standards.directory, tmp_path)
    assert isinstance(own, IwiClassification) and [g.name for g in own.iwi] == ["Ngāti Testing"]
    assert EthnicityClassifier(standards.ethnicity, own).classify("Tainui").level2_codes == ("97",)


def test_when_standardised_then_an_iwi_in_ethnicity_tags_maori_data_and_fills_an_empty_iwi_column(standards):
    frame = pl.DataFrame({"client_ref": ["a", "b", "c", "d"],
                          "ethnicity": ["Te Ati Awa", "Tainui; Samoan", "Ngāti Porou", "Samoan"],
                          "iwi": [None, "  ", "Ngāpuhi", None]})
    out, result = standardise_records(frame, standards, QUARTER_END)
    assert out.get_column("ethnicity_codes").to_list() == ["21", "21;31", "21", "31"]
    assert out.get_column("is_maori_data").to_list() == [True, True, True, False]
    assert out.get_column("ethnicity_prioritised").to_list() == ["2", "2", "2", "3"]
    assert out.get_column("iwi").to_list() == ["Te Ati Awa", "Tainui", "Ngāpuhi", None]   # a given iwi is kept
    assert result.maori_by_iwi_in_ethnicity == 3 and result.iwi_from_ethnicity == 2 and result.maori_data_rows == 3
    assert "ethnicity_iwi" not in out.columns and "ethnicity_kin_groups" not in out.columns
