"""Keyed pseudonyms (HMAC-SHA256) for people, with a documented identity rule.

Identity rule: a person is their NHI when it is valid (`nhi:ZZZ0016`); otherwise the
standardised name match key and date of birth (`nk:tekanawa|aroha|1990-03-04`). Within a
run, a name+DOB identity seen alongside a valid NHI on another row is resolved to that
NHI, so one person does not split in two when one provider omits the NHI. A person with
neither is the provider's own client reference (`ref:<provider>|<reference>`): counted
within that provider and never linked across providers. The prefixes keep the namespaces apart; truncation to 80 bits makes accidental collisions
negligible (about 1 in 10^12 for a million people), and the run summary counts identities
so a steward can see the rule at work.
"""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from deid.pseudonymise.keys import PseudonymKey

PSEUDONYM_HEX_CHARS = 20  # 80 bits
LINKAGE_DOMAIN = "linkage"  # the secure zone's own pseudonym domain (never released)
PROVIDER_IDENTITY_PREFIX = "ref:"  # identities that hold within one provider only


def purpose_prefix(domain: str) -> str:
    """The prefix of a purpose's pseudonyms: initials of its domain ("service_delivery" -> "sd_")."""
    return "".join(word[0] for word in domain.split("_")) + "_"


@dataclass(frozen=True)
class PseudonymiseResult:
    rows: int
    identities_by_nhi: int
    identities_by_name_dob: int
    resolved_to_nhi: int
    identities_within_provider: int
    without_identity: int
    distinct_people: int


def hmac_pseudonyms(values: Iterable[str | None], key: PseudonymKey, prefix: str = "") -> list[str | None]:
    """HMAC-SHA256 of each value under `key`, hex-truncated; None stays None.

    The keyed inner and outer states are built once and copied per value, which is
    several times faster than `hmac.new` per value.
    """
    base = hmac.new(key.secret, digestmod=hashlib.sha256)
    out: list[str | None] = []
    append = out.append
    copy = base.copy
    for value in values:
        if value is None:
            append(None)
            continue
        h = copy()
        h.update(value.encode("utf-8"))
        append(prefix + h.hexdigest()[:PSEUDONYM_HEX_CHARS])
    return out


def identity_expression() -> tuple[pl.Expr, pl.Expr]:
    nhi_identity = pl.when(pl.col("nhi_valid")).then(pl.lit("nhi:") + pl.col("nhi"))
    name_identity = pl.when(pl.col("name_match_key").is_not_null() & pl.col("date_of_birth").is_not_null()).then(
        pl.lit("nk:") + pl.col("name_match_key") + pl.lit("|") + pl.col("date_of_birth").cast(pl.Utf8)
    )
    return nhi_identity, name_identity


def provider_identity(frame: pl.DataFrame) -> pl.Expr:
    """The last rung of the identity rule: the provider's own client reference (or one derived from the
    name alone, for a provider that keeps no dates of birth), scoped to the provider so that it can
    never link a person across providers."""
    if "client_ref" not in frame.columns or "provider" not in frame.columns:
        return pl.lit(None, dtype=pl.Utf8)
    return pl.when(pl.col("client_ref").is_not_null()).then(
        pl.lit(PROVIDER_IDENTITY_PREFIX) + pl.col("provider") + pl.lit("|") + pl.col("client_ref"))


def identity_bridge(frame: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """Each name+DOB identity seen alongside exactly one valid NHI (`__name_id` -> `__bridged`).

    Taken over every submission of a run at once (a person one provider reports without an NHI is
    linked through another provider's row), then handed to `pseudonymise_records` per submission.
    """
    nhi_identity, name_identity = identity_expression()
    return (
        frame.lazy().select(nhi_identity.alias("__nhi_id"), name_identity.alias("__name_id"))
        .filter(pl.col("__nhi_id").is_not_null() & pl.col("__name_id").is_not_null())
        .group_by("__name_id").agg(pl.col("__nhi_id").unique())
        .filter(pl.col("__nhi_id").list.len() == 1)  # ambiguous bridges are not used
        .with_columns(pl.col("__nhi_id").list.first().alias("__bridged"))
        .select("__name_id", "__bridged")
        .collect()
    )


def resolve_identities(frame: pl.DataFrame, bridge: pl.DataFrame | None = None) -> pl.DataFrame:
    """Add `identity` (secure zone only) by the identity rule above; `bridge` (`identity_bridge` over
    the whole run) when `frame` is one submission of several, else the frame's own."""
    nhi_identity, name_identity = identity_expression()
    with_ids = frame.with_columns(nhi_identity.alias("__nhi_id"), name_identity.alias("__name_id"),
                                  provider_identity(frame).alias("__ref_id"))
    bridge = identity_bridge(frame) if bridge is None else bridge
    return (
        with_ids.join(bridge, on="__name_id", how="left", maintain_order="left")
        .with_columns(
            pl.coalesce("__nhi_id", "__bridged", "__name_id", "__ref_id").alias("identity"),
            (pl.col("__nhi_id").is_null() & pl.col("__bridged").is_not_null()).alias("__was_bridged"),
        )
    )


def pseudonymise_records(frame: pl.DataFrame, linkage_key: PseudonymKey,
                         bridge: pl.DataFrame | None = None) -> tuple[pl.DataFrame, PseudonymiseResult]:
    """Add `person_key`, the secure zone's linkage pseudonym (never released); `bridge` as for `resolve_identities`."""
    resolved = resolve_identities(frame, bridge)
    keys = hmac_pseudonyms(resolved.get_column("identity").to_list(), linkage_key, prefix="pk_")
    out = resolved.with_columns(pl.Series("person_key", keys, dtype=pl.Utf8))
    identity = out.get_column("identity")
    result = PseudonymiseResult(
        rows=out.height,
        identities_by_nhi=int(identity.str.starts_with("nhi:").sum()) - int(out.get_column("__was_bridged").sum()),
        identities_by_name_dob=int(identity.str.starts_with("nk:").sum()),
        resolved_to_nhi=int(out.get_column("__was_bridged").sum()),
        identities_within_provider=int(identity.str.starts_with(PROVIDER_IDENTITY_PREFIX).sum()),
        without_identity=int(identity.is_null().sum()),
        distinct_people=int(out.get_column("person_key").drop_nulls().n_unique()),
    )
    return out.drop("__nhi_id", "__name_id", "__ref_id", "__bridged", "__was_bridged"), result


def purpose_pseudonyms(person_keys: pl.Series, purpose_key: PseudonymKey, prefix: str) -> pl.Series:
    """A purpose's pseudonym for each linkage key: the same person, a different ID per purpose."""
    return pl.Series("person_id", hmac_pseudonyms(person_keys.to_list(), purpose_key, prefix=prefix), dtype=pl.Utf8)
