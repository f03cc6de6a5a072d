"""The split stage: one extract per purpose, each with its own pseudonyms and field allowlist."""
from __future__ import annotations

import functools
import operator
from dataclasses import dataclass

import polars as pl

from deid.agreement import Purpose, SharingAgreement
from deid.errors import SplitError
from deid.pseudonymise import PseudonymKey, purpose_prefix, purpose_pseudonyms

LINEAGE = ("run_id",)
# Columns that say a person is Māori (prioritised ethnicity puts Māori first, so any value of it says whether they are)
# and that name their iwi: released row by row only for providers the agreement's Māori data approval covers.
MAORI_IDENTITY_COLUMNS = ("ethnicity_prioritised", "eth_maori", "is_maori_data")
IWI_COLUMNS = ("iwi",)


@dataclass(frozen=True)
class PurposeExtractResult:
    purpose: str
    audience: str
    rows_in: int
    rows_out: int
    excluded_no_consent: int
    excluded_blank_consent: int
    fields: tuple[str, ...]
    excluded_unrecognised_consent: int = 0   # a consent no one could read (kept out whatever the blank-consent rule)
    # rows whose Māori identity columns were blanked: their provider is not covered by the Māori data approval
    maori_identity_withheld_rows: int = 0
    maori_identity_withheld_providers: tuple[str, ...] = ()
    maori_identity_columns_withheld: tuple[str, ...] = ()


def export_fields(frame: pl.DataFrame, purpose_name: str, purpose: Purpose, requested: tuple[str, ...] | None = None) -> pl.DataFrame:
    """Select exactly the allowlisted fields (plus lineage); anything else fails loudly.

    Raises:
        SplitError: a requested field is not on the purpose's allowlist, or an allowlisted field is missing.
    """
    wanted = requested if requested is not None else purpose.fields
    outside = [f for f in wanted if f not in purpose.fields]
    if outside:
        raise SplitError(f"purpose '{purpose_name}': field(s) {outside} are not on the agreement's allowlist "
                         f"for this purpose; allowed: {list(purpose.fields)}")
    missing = [f for f in wanted if f not in frame.columns]
    if missing:
        raise SplitError(f"purpose '{purpose_name}': allowlisted field(s) {missing} were not produced by the pipeline")
    return frame.select(*LINEAGE, *wanted)


def consent_filter(frame: pl.DataFrame, purpose: Purpose) -> tuple[pl.DataFrame, int, int, int]:
    """The rows a purpose may use under its consent rule, and how many were kept out: refused, not recorded
    (unless the agreement includes blank consent) and not recognised (a value no one could read: never used)."""
    if not purpose.consent_required:
        return frame, 0, 0, 0
    consent = pl.col("consent_evaluation")
    counts = frame.select((consent == "no").sum().alias("refused"),
                          (consent.is_not_null() & (consent != "yes") & (consent != "no")).sum().alias("blank"),
                          consent.is_null().sum().alias("unrecognised")).row(0, named=True)
    refused, blank, unrecognised = int(counts["refused"]), int(counts["blank"]), int(counts["unrecognised"])
    keep = consent == "yes"
    if purpose.blank_consent == "include":
        keep = keep | (consent.is_not_null() & (consent != "yes") & (consent != "no"))
        blank = 0
    return frame.filter(keep.fill_null(False)), refused, blank, unrecognised


def maori_identity_withheld(extract: pl.DataFrame, agreement: SharingAgreement) -> tuple[pl.Series, pl.Series]:
    """Per row, whether its Māori identity (`MAORI_IDENTITY_COLUMNS`) and whether its iwi (`IWI_COLUMNS`) may not be
    released: no approval for Māori (or iwi) breakdowns, or a provider the approval does not cover.

    A row-level extract with ethnicity is every Māori breakdown at once: a table the governance rule withholds
    (`deid.aggregate.governance_decision`) could be counted from its rows (an outsider user test did), so the rows
    the approval does not cover lose what says a person is Māori, and their iwi, as the tables would."""
    governance = agreement.maori_data_governance
    if governance.approved_for is None or "provider" not in extract.columns:
        covered = pl.Series([governance.approved_for is None] * extract.height, dtype=pl.Boolean)
    else:
        covered = extract.get_column("provider").cast(pl.String).is_in(list(governance.approved_for)).fill_null(False)
    maori = ~covered if governance.maori_breakdowns_approved else pl.Series([True] * extract.height, dtype=pl.Boolean)
    iwi = ~covered if governance.iwi_breakdowns_approved else pl.Series([True] * extract.height, dtype=pl.Boolean)
    return maori.alias("maori_withheld"), iwi.alias("iwi_withheld")


def withhold_maori_identity(extract: pl.DataFrame, agreement: SharingAgreement
                            ) -> tuple[pl.DataFrame, int, tuple[str, ...], tuple[str, ...]]:
    """The extract with the Māori identity and iwi of rows the approval does not cover blanked
    (`maori_identity_withheld`); how many rows lost a value, their providers and the columns blanked."""
    maori, iwi = maori_identity_withheld(extract, agreement)
    plan = [(c, maori) for c in MAORI_IDENTITY_COLUMNS if c in extract.columns] + [(c, iwi) for c in IWI_COLUMNS if c in extract.columns]
    plan = [(c, rows & extract.get_column(c).is_not_null()) for c, rows in plan]
    plan = [(c, rows) for c, rows in plan if rows.any()]
    if not plan:
        return extract, 0, (), ()
    touched = functools.reduce(operator.or_, (rows for _, rows in plan))
    blanked = extract.with_columns(pl.when(rows).then(None).otherwise(pl.col(c)).alias(c) for c, rows in plan)
    providers = (tuple(sorted({str(v) for v in extract.get_column("provider").filter(touched).drop_nulls().to_list()}))
                 if "provider" in extract.columns else ())
    return blanked, int(touched.sum()), providers, tuple(c for c, _ in plan)


def fold_rare_categories(extract: pl.DataFrame, purpose_name: str, purpose: Purpose) -> pl.DataFrame:
    """Replace values held by fewer than `min_people` distinct people with the fold label.

    Raises:
        SplitError: a field to fold is not on the purpose's allowlist.
    """
    rule = purpose.fold_rare
    assert rule is not None
    for field_name in rule.fields:
        if field_name not in extract.columns:
            raise SplitError(f"purpose '{purpose_name}': fold_rare field '{field_name}' is not on the purpose's allowlist")
        counts = extract.drop_nulls(field_name).group_by(field_name).agg(pl.col("person_id").n_unique().alias("people"))
        rare = counts.filter(pl.col("people") < rule.min_people).get_column(field_name)
        if rare.len():
            extract = extract.with_columns(
                pl.when(pl.col(field_name).is_in(rare.implode())).then(pl.lit(rule.label)).otherwise(pl.col(field_name))
                .cast(pl.Utf8).alias(field_name))
    return extract


def in_pseudonym_order(extract: pl.DataFrame) -> pl.DataFrame:
    """The extract's rows ordered by its own pseudonym (a person's rows together, in the order they came).

    Rows in the order of the provider's file would link extracts: the evaluation extract's rows were the
    consenting rows of the service-delivery extract in the same order, so anyone holding both could pair
    them up by position, and anyone who knows a provider's file order could name every row (user test 6:
    220 of 329 evaluation rows linked to one service-delivery row, and so to its case notes). Each purpose's
    pseudonyms come from its own key, so this order is a different keyed shuffle in every extract, and the
    same on every run of the same data (the Dask and default runners give the same release).
    """
    if "person_id" not in extract.columns:
        return extract
    return extract.sort("person_id", maintain_order=True, nulls_last=True)


def columns_read(agreement: SharingAgreement) -> frozenset[str]:
    """The record columns the split reads (what any purpose exports, consent and the linkage key), so a
    national run reads only those from the secure zone's Parquet rather than every column of every row."""
    exported = {field for purpose in agreement.purposes.values() for field in purpose.fields}
    return frozenset({*LINEAGE, "person_key", "consent_evaluation", *exported})


def split_by_purpose(
    records: pl.DataFrame, agreement: SharingAgreement, purpose_keys: dict[str, PseudonymKey]
) -> tuple[dict[str, pl.DataFrame], list[PurposeExtractResult]]:
    """Build each purpose's extract from the secure zone's pseudonymised, scrubbed records.

    Args:
        records: standardised rows with `person_key` and scrubbed notes.
        agreement: the sharing agreement (allowlists, consent rules, pseudonym domains).
        purpose_keys: one derived key per pseudonym domain.
    """
    extracts: dict[str, pl.DataFrame] = {}
    results: list[PurposeExtractResult] = []
    for name, purpose in agreement.purposes.items():
        if purpose.pseudonym_domain not in purpose_keys:
            raise SplitError(f"purpose '{name}': no key for pseudonym domain '{purpose.pseudonym_domain}'")
        kept, refused, blank, unrecognised = consent_filter(records, purpose)
        prefix = purpose_prefix(purpose.pseudonym_domain)
        with_ids = kept.with_columns(purpose_pseudonyms(kept.get_column("person_key"), purpose_keys[purpose.pseudonym_domain], prefix))
        extract, withheld_rows, withheld_providers, withheld_columns = withhold_maori_identity(
            export_fields(with_ids, name, purpose), agreement)
        if purpose.fold_rare:
            extract = fold_rare_categories(extract, name, purpose)
        extracts[name] = in_pseudonym_order(extract)
        results.append(PurposeExtractResult(name, purpose.audience, records.height, extract.height, refused, blank, purpose.fields,
                                            unrecognised, withheld_rows, withheld_providers, withheld_columns))
    return extracts, results
