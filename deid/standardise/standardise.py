"""The standardise stage: accepted rows in provider spellings -> the shared NZ standards."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import polars as pl

from deid.standardise.address import AddressParser
from deid.standardise.codes import (
    EthnicityClassifier,
    gender_labels,
    map_codes,
    map_codes_counted,
    map_gender,
    number_or_word,
)
from deid.standardise.columns import missing_as_null
from deid.standardise.dates import parse_dates
from deid.standardise.identifiers import normalised_ird_series, normalised_nhi_series
from deid.standardise.names import NameParser
from deid.standards import AgeStandard, Standards, load_iwi_classification


@dataclass(frozen=True)
class StandardiseResult:
    rows: int
    addresses_parsed: int
    addresses_unverified: int
    addresses_partial: int
    addresses_unparsed: int
    ethnicity_unidentifiable_responses: int
    gender_unmapped: int
    maori_data_rows: int
    code_labels_read_by_words: int = 0   # providers' own outcome/referral labels read by their words
    maori_by_iwi_in_ethnicity: int = 0   # rows whose ethnicity cell named an iwi or 'Ngāti' group: counted Māori
    iwi_from_ethnicity: int = 0          # rows whose empty iwi column was filled from the ethnicity cell


def _text(frame: pl.DataFrame, column: str) -> pl.Series:
    if column in frame.columns:
        return frame.get_column(column).cast(pl.Utf8)
    return pl.Series(column, [None] * frame.height, dtype=pl.Utf8)


def _blank(values: pl.Series) -> pl.Series:
    return values.str.strip_chars().fill_null("") == ""


def _iwi(given: pl.Series, from_ethnicity: pl.Series) -> pl.Series:
    """The iwi column as the provider gave it, or (when empty) the iwi their ethnicity cell named ('Te Ati Awa')."""
    filled = pl.when(_blank(given) & from_ethnicity.is_not_null()).then(from_ethnicity).otherwise(given)
    return pl.select(filled).to_series().alias("iwi")


def age_in_completed_years(dob: pl.Expr, reference: dt.date) -> pl.Expr:
    """Completed years at `reference` (a birthday later in the year has not happened yet)."""
    before_birthday = (dob.dt.month() > reference.month) | ((dob.dt.month() == reference.month) & (dob.dt.day() > reference.day))
    return (pl.lit(reference.year) - dob.dt.year() - before_birthday.cast(pl.Int32)).cast(pl.Int32)


def five_year_band(age: pl.Expr, standard: AgeStandard) -> pl.Expr:
    width, top = standard.five_year_bands.width, standard.five_year_bands.top_band_from
    low = (age // width) * width
    return (
        pl.when(age.is_null()).then(None)
        .when(age >= top).then(pl.lit(f"{top}+"))
        .otherwise(pl.concat_str([low.cast(pl.Utf8), pl.lit("-"), (low + width - 1).cast(pl.Utf8)]))
    )


def life_cycle_band(age: pl.Expr, standard: AgeStandard) -> pl.Expr:
    expr: Any = pl.when(age.is_null()).then(None)  # Then, then ChainedThen: one chain
    for band in standard.life_cycle_bands:
        expr = expr.when(age.is_between(band.min, band.max)).then(pl.lit(band.label))
    result: pl.Expr = expr.otherwise(None)
    return result


_PARSERS: dict[int, tuple[Standards, NameParser, AddressParser, EthnicityClassifier]] = {}


def _parsers(standards: Standards) -> tuple[NameParser, AddressParser, EthnicityClassifier]:
    """The parsers for these standards, built once per standards object: a run standardises each
    submission apart (mapped tasks), and building the address parser's indexes costs more than a
    small submission's parsing."""
    kept = _PARSERS.get(id(standards))
    if kept is None or kept[0] is not standards:
        if len(_PARSERS) >= 4:
            _PARSERS.clear()
        kept = _PARSERS[id(standards)] = (standards, NameParser(standards.names),
                                          AddressParser(standards.address, standards.geography),
                                          EthnicityClassifier(standards.ethnicity, load_iwi_classification(
                                              standards.directory, standards.config_dir)))
    return kept[1], kept[2], kept[3]


def _in_range(values: pl.Series, standards: Standards, name: str) -> pl.Series:
    """A whole-number field with the values outside its standard's range left out (null): the validation warned the
    provider that such a value "was not used" (a wellbeing 15 on a 1-10 scale, 500 sessions), so no output counts it."""
    spec = next((f for f in standards.fields.fields if f.name == name), None)
    if spec is None or (spec.minimum is None and spec.maximum is None):
        return values
    inside = pl.lit(True)
    if spec.minimum is not None:
        inside = inside & (pl.col(name) >= spec.minimum)
    if spec.maximum is not None:
        inside = inside & (pl.col(name) <= spec.maximum)
    return pl.DataFrame({name: values}).select(pl.when(inside).then(pl.col(name)).otherwise(None)).to_series().alias(values.name)


def _one_row_per_session(client_refs: pl.Series, service_dates: pl.Series) -> bool:
    """Whether a submission gives a client on rows of different service dates (one row per session)."""
    rows = pl.DataFrame({"ref": client_refs, "date": service_dates}).drop_nulls()
    return bool(rows.height) and bool((rows.group_by("ref").agg(pl.col("date").n_unique()).get_column("date") > 1).any())


def standardise_records(frame: pl.DataFrame, standards: Standards, quarter_end: dt.date) -> tuple[pl.DataFrame, StandardiseResult]:
    """Standardise names, dates, identifiers, addresses and classifications.

    Args:
        frame: accepted rows, one column per standard field (text), plus lineage columns.
        standards: the loaded standards.
        quarter_end: reference date for ages.

    Returns:
        The standardised frame (secure zone: still identifiable) and counts for the run summary.
    """
    names, addresses, ethnicity = _parsers(standards)
    ids = standards.identifiers
    # A value that says nothing was recorded ('N/A', 'unknown', '-') is a blank cell, in every field but the client
    # reference (kept as validated): 'N/A' is no one's name, NHI or iwi, and a code field's 'N/A' is not recorded.
    frame = missing_as_null(frame, standards, skip=("client_ref",))

    parsed_names = names.parse_columns(_text(frame, "full_name"), _text(frame, "given_names"), _text(frame, "family_name"))
    parsed_address = addresses.parse_series(_text(frame, "address"))
    eth = ethnicity.classify_series(_text(frame, "ethnicity"))

    dob = parse_dates(_text(frame, "date_of_birth"), standards.dates).alias("date_of_birth")
    service = parse_dates(_text(frame, "service_date"), standards.dates).alias("service_date")
    nhi, nhi_ok = normalised_nhi_series(_text(frame, "nhi"), ids)
    ird, ird_ok = normalised_ird_series(_text(frame, "ird"), ids)
    gender_read = map_gender(_text(frame, "gender"), standards.gender)
    # a value the standard cannot code (pronouns alone, a note) is 97 Response unidentifiable, as gender.yaml says, not
    # a blank that tables count as "Not stated" (user test 7); the steward's count of them is taken before
    gender = gender_read.fill_null(standards.gender.unidentifiable_code)
    lists = standards.code_lists.code_lists
    referral, referral_read = map_codes_counted(_text(frame, "referral_source"), lists["referral_source"])
    outcome, outcome_read = map_codes_counted(_text(frame, "outcome_status"), lists["outcome_status"])
    session_words = next((lists.get(f.word_codes or "") for f in standards.fields.fields if f.name == "sessions_attended"), None)
    sessions, worded = number_or_word(_text(frame, "sessions_attended"), session_words)
    if worded.any() and not _one_row_per_session(_text(frame, "client_ref"), service):
        # 'Attended' on a client's only row says they came, not how often: no count (a file of one row per
        # session counts it as one session, `deid.aggregate.counted_sessions`)
        sessions = pl.select(pl.when(worded).then(None).otherwise(sessions)).to_series().alias("sessions_attended")

    lineage = [c for c in ("run_id", "provider", "quarter", "submission_id", "source_file", "source_row") if c in frame.columns]
    out = pl.concat(
        [
            frame.select(lineage),
            frame.select(pl.col("client_ref").cast(pl.Utf8)) if "client_ref" in frame.columns else pl.DataFrame({"client_ref": _text(frame, "client_ref")}),
            parsed_names.rename({"display_name": "display_name", "match_key": "name_match_key"}),
            pl.DataFrame({"date_of_birth": dob}),
            pl.DataFrame({
                "nhi": pl.select(pl.when(nhi_ok).then(nhi).otherwise(None)).to_series(),
                "nhi_valid": nhi_ok,
                "ird": pl.select(pl.when(ird_ok).then(ird).otherwise(None)).to_series(),
                "phone": _text(frame, "phone"),
                "email": _text(frame, "email"),
                "caregiver_name": _text(frame, "caregiver_name"),
                "key_worker": _text(frame, "key_worker"),  # secure zone only: known names for scrubbing notes
                "address_raw": _text(frame, "address"),
            }),
            parsed_address.rename({"parse_status": "address_parse_status"}),
            eth,
            pl.DataFrame({
                "iwi": _iwi(_text(frame, "iwi"), eth.get_column("ethnicity_iwi")),
                "gender_code": gender,
                "consent_evaluation": map_codes(_text(frame, "consent_evaluation"), lists["consent"]),
                "programme": _text(frame, "programme").str.strip_chars(),
                "referral_source": referral,
                "outcome_status": outcome,
                "service_date": service,
                "sessions_attended": _in_range(sessions.cast(pl.Int32, strict=False), standards, "sessions_attended"),   # 'Attended' is 1, 'DNA' 0
                "wellbeing_start": _in_range(_text(frame, "wellbeing_start").cast(pl.Int32, strict=False), standards, "wellbeing_start"),
                "wellbeing_end": _in_range(_text(frame, "wellbeing_end").cast(pl.Int32, strict=False), standards, "wellbeing_end"),
                "case_notes": _text(frame, "case_notes"),
            }),
        ],
        how="horizontal",
    )
    age = age_in_completed_years(pl.col("date_of_birth"), quarter_end)
    labels = gender_labels(standards.gender)
    out = out.with_columns(
        age.alias("age_years"),
        pl.col("gender_code").replace_strict(labels, default=None, return_dtype=pl.Utf8).alias("gender_label"),
        pl.col("service_date").dt.strftime("%Y-%m").alias("service_month"),
        (pl.col("service_date").dt.year().cast(pl.Utf8) + pl.lit("Q") + pl.col("service_date").dt.quarter().cast(pl.Utf8)).alias("service_quarter"),
        (pl.col("eth_maori") | pl.col("iwi").str.strip_chars().fill_null("").ne("")).alias("is_maori_data"),
    ).with_columns(
        five_year_band(pl.col("age_years"), standards.age).alias("age_band_five_year"),
        life_cycle_band(pl.col("age_years"), standards.age).alias("age_band_life_cycle"),
    )
    iwi_filled = _blank(_text(frame, "iwi")) & eth.get_column("ethnicity_iwi").is_not_null()
    maori_by_iwi = eth.get_column("ethnicity_kin_groups") > 0
    out = out.drop("ethnicity_iwi", "ethnicity_kin_groups")
    status = out.get_column("address_parse_status")
    result = StandardiseResult(
        rows=out.height,
        addresses_parsed=int((status == "parsed").sum()),
        addresses_unverified=int((status == "unverified").sum()),
        addresses_partial=int((status == "partial").sum()),
        addresses_unparsed=int(status.is_in(["unparsed", "missing"]).sum()),
        ethnicity_unidentifiable_responses=int(out.get_column("ethnicity_unknown_responses").sum()),
        gender_unmapped=int(gender_read.is_null().sum()),
        maori_data_rows=int(out.get_column("is_maori_data").sum()),
        code_labels_read_by_words=referral_read + outcome_read,
        maori_by_iwi_in_ethnicity=int(maori_by_iwi.sum()),
        iwi_from_ethnicity=int(iwi_filled.sum()),
    )
    return out, result
