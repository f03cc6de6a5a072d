"""Tick-box ethnicity columns (one column per ethnic group, ticked or blank) are read as ethnicity."""
from __future__ import annotations

import polars as pl
import pytest

from deid.ingest import ingest_file, map_columns
from deid.ingest.mapping import HeaderMatcher, ethnicity_field_words, ethnicity_labels, tick_box_group, ticks_only
from deid.ingest.profile import ContentProfiler
from deid.standardise.codes import EthnicityClassifier
from tests.ingest.test_mapping import Q_END, Q_START

GIVEN = ["Ana", "Losa", "Tevita", "Mei", "Rawiri", "Hine", "Tom", "Priya", "Sefo", "Kiri"]
FAMILY = ["Leota", "Tafuna", "Vake", "Lin", "Tamihana", "Kereama", "Hughes", "Nair", "Pulu", "Rangi"]


def _ingest(standards, columns: dict[str, list[str]]):
    text = pl.DataFrame(columns).write_csv()
    return ingest_file(text.encode(), file_name="register.csv", sha256="cd" * 32, provider="p", quarter="2026Q3",
                       run_id="r", standards=standards, confirmed=None, reference_key=b"k" * 32)[0]


def _people() -> dict[str, list[str]]:
    return {"Given name": GIVEN, "Family name": FAMILY, "Date of birth": [f"1{i}/03/198{i}" for i in range(10)],
            "Visit date": [f"0{i % 9 + 1}/08/2026" for i in range(10)]}


@pytest.mark.parametrize("tick, blank", [("x", ""), ("✔", ""), ("TRUE", "FALSE"), ("Y", "N"), ("1", "0"), ("Ticked", "")])
def test_when_tick_box_columns_have_several_ticks_then_each_is_read_as_its_groups_ethnicity(standards, tick, blank):
    # Several ticks per column: the values are profiled (a column with two ticks was read only because
    # two values are too few to profile), and a tick is not an ethnicity response, so the header decides.
    columns = {**_people(),
               "Niuean": [tick if i in (0, 2, 4) else blank for i in range(10)],
               "Cook Islands Māori": [tick if i in (1, 2, 5, 7) else blank for i in range(10)],
               "PAKEHA": [tick if i in (3, 6, 8) else blank for i in range(10)],
               "Fijian": [tick if i in (9, 0) else blank for i in range(10)]}
    frame, result = _ingest(standards, columns)
    mapped = {m.header: m.field for m in result.columns}
    assert [mapped[h] for h in ("Niuean", "Cook Islands Māori", "PAKEHA", "Fijian")] == ["ethnicity"] * 4
    codes = [EthnicityClassifier(standards.ethnicity).classify(v).level2_codes for v in frame.get_column("ethnicity")]
    assert codes[0] == ("34", "36") and codes[2] == ("34", "32") and codes[3] == ("11",) and codes[6] == ("11",)


def test_when_a_group_column_holds_other_words_then_it_is_not_taken_for_ticks(standards):
    answers = HeaderMatcher(standards).tick_answers
    assert ticks_only(pl.Series(["✓", None, "x", ""]), answers)
    assert ticks_only(pl.Series(["Yes", "no", None]), answers)
    assert not ticks_only(pl.Series(["Fluent", "Some", None]), answers)   # a language column headed 'Samoan'
    assert not ticks_only(pl.Series([None, "", None], dtype=pl.Utf8), answers)


def test_when_a_tick_box_column_is_headed_with_macrons_or_in_capitals_then_it_is_matched(standards):
    profiler = ContentProfiler(standards, Q_START, Q_END)
    frame = pl.DataFrame({"Family name": FAMILY, "MĀORI": ["✓", "", "✓", "✓", "", "✓", "", "", "✓", ""],
                          "Tokelauan": ["", "x", "", "", "x", "", "", "x", "", ""]})
    mapping = map_columns(frame, standards, None, profiler)
    assert mapping.mapped["MĀORI"] == "ethnicity" and mapping.mapped["Tokelauan"] == "ethnicity"
    assert not any(m.uncertain for m in mapping.matches if m.field == "ethnicity")


def test_when_a_file_has_the_census_tick_boxes_and_other_then_every_box_is_an_ethnicity_column(standards):
    # The Census ethnicity question: eight named tick boxes and 'Other' (written in): nine columns for one field.
    profiler = ContentProfiler(standards, Q_START, Q_END)
    boxes = ["New Zealand European", "Maori", "Samoan", "Cook Island Maori", "Tongan", "Niuean", "Chinese", "Indian"]
    frame = pl.DataFrame({"Family name": FAMILY, **{box: ["x" if (i + j) % 3 == 0 else "" for i in range(10)]
                                                     for j, box in enumerate(boxes)},
                          "Other ethnicity": ["", "Dutch", "", "", "Korean", "", "", "", "", ""]})
    mapping = map_columns(frame, standards, None, profiler)
    assert [mapping.mapped.get(h) for h in (*boxes, "Other ethnicity")] == ["ethnicity"] * 9


@pytest.mark.parametrize("header, group", [("Ethnicity - Tokelauan", "tokelauan"), ("ETH_Fijian", "fijian"),
                                           ("Niuean ethnicity", "niuean"), ("Chinese (tick one or more)", "Chinese"),
                                           ("Ethnicity", None), ("Iwi Māori", None)])
def test_when_a_tick_box_header_carries_the_fields_name_then_its_group_is_still_found(standards, header, group):
    assert tick_box_group(header, ethnicity_labels(standards), ethnicity_field_words(standards)) == group


@pytest.mark.parametrize("header", ["Māori", "Tongan (tick)", "Ethnicity - Fijian"])
def test_when_a_file_has_one_tick_box_column_then_a_tick_is_the_groups_name_and_a_no_is_no_response(standards, header):
    columns = {**_people(), header: ["Yes", "", "No", "yes", "Y", "", "No", "Yes", "", "N"]}
    frame, _ = _ingest(standards, columns)
    group = tick_box_group(header, ethnicity_labels(standards), ethnicity_field_words(standards))
    assert group is not None
    assert frame.get_column("ethnicity").to_list() == [group, None, None, group, group, None, None, group, None, None]
