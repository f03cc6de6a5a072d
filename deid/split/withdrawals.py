"""Consent withdrawn after a release: a notice to the purpose's recipients to delete the person's earlier rows.

A purpose that needs consent (the evaluation) takes a person's rows only while their consent says yes.
When a later quarter's consent says no, this quarter's extract leaves them out, but the researchers
still hold the rows of the earlier extracts. Pseudonyms are stable within a purpose under one key, so
the person's pseudonym this quarter is the one those extracts carry: the release lists it, with the
releases that hold it, in `<purpose>/consent_withdrawn.csv`, and the provenance tells the recipients to
delete those rows. Only pseudonyms an earlier release of the purpose already gave the recipients are
listed, so the notice tells them nothing about anyone they did not hold.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from deid.agreement import SharingAgreement
from deid.pseudonymise import PseudonymKey, purpose_prefix, purpose_pseudonyms

NOTICE_COLUMNS = {"person_id": pl.String, "released_in": pl.String}


@dataclass(frozen=True)
class EarlierRelease:
    """One earlier release of a purpose's extract: which quarter and run, and the pseudonyms it holds."""

    purpose: str
    quarter: str
    run_id: str
    person_ids: pl.Series


def refused_now(records: pl.DataFrame, agreement: SharingAgreement, purpose_keys: dict[str, PseudonymKey]) -> dict[str, pl.Series]:
    """Per purpose that needs consent, the pseudonyms of the persons whose consent this quarter says no on every
    row that records it (a yes on another provider's row keeps them in, and then nothing was withdrawn)."""
    out: dict[str, pl.Series] = {}
    if "consent_evaluation" not in records.columns or "person_key" not in records.columns:
        return out
    said = (records.filter(pl.col("consent_evaluation").is_in(["yes", "no"]))
            .group_by("person_key").agg((pl.col("consent_evaluation") == "yes").any().alias("any_yes"))
            .filter(~pl.col("any_yes")).get_column("person_key").sort())
    for name, purpose in agreement.purposes.items():
        if purpose.consent_required and purpose.pseudonym_domain in purpose_keys:
            out[name] = purpose_pseudonyms(said, purpose_keys[purpose.pseudonym_domain], purpose_prefix(purpose.pseudonym_domain))
    return out


def withdrawal_notice(refused: pl.Series, earlier: Sequence[EarlierRelease]) -> pl.DataFrame:
    """The refused pseudonyms that earlier releases hold, each with those releases ('2026Q2 (run ...)'), in
    pseudonym order."""
    rows: dict[str, list[str]] = {}
    wanted = refused.implode()
    for release in earlier:
        for person in release.person_ids.filter(release.person_ids.is_in(wanted)).unique().to_list():
            rows.setdefault(person, []).append(f"{release.quarter} (run {release.run_id})")
    return pl.DataFrame({"person_id": sorted(rows), "released_in": ["; ".join(rows[p]) for p in sorted(rows)]},
                        schema=NOTICE_COLUMNS)
