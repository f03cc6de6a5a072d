"""Consent withdrawn after a release: the notice lists the persons earlier releases hold (deid.split.withdrawals)."""
import polars as pl

from deid.pseudonymise import derive_purpose_key
from deid.split import split_by_purpose
from deid.split.withdrawals import EarlierRelease, refused_now, withdrawal_notice


def _keys(agreement, test_key):
    return {p.pseudonym_domain: derive_purpose_key(test_key, p.pseudonym_domain) for p in agreement.purposes.values()}


def _records(consents: dict[str, list[str | None]], agreement) -> pl.DataFrame:
    fields = sorted({f for p in agreement.purposes.values() for f in p.fields} - {"person_id"})
    rows = []
    for person, said in consents.items():
        for consent in said:
            row = {f: None for f in fields}
            row.update({"person_key": person, "consent_evaluation": consent, "provider": "p", "quarter": "2026Q3", "run_id": "r"})
            rows.append(row)
    return pl.DataFrame(rows, infer_schema_length=None)


def test_when_consent_says_no_on_every_row_then_the_person_is_refused_under_the_evaluation_pseudonym(agreement, test_key):
    keys = _keys(agreement, test_key)
    earlier = _records({"pk_a": ["yes"], "pk_b": ["yes"], "pk_c": ["yes"], "pk_d": ["yes"]}, agreement)
    released = split_by_purpose(earlier, agreement, keys)[0]["evaluation"].get_column("person_id")
    now = _records({"pk_a": ["no"], "pk_b": ["no", "yes"], "pk_c": [None], "pk_d": ["yes"]}, agreement)
    refused = refused_now(now, agreement, keys)
    assert set(refused) == {"evaluation"}   # service delivery needs no consent
    same_pseudonym = split_by_purpose(_records({"pk_a": ["yes"]}, agreement), agreement, keys)[0]["evaluation"]
    assert refused["evaluation"].to_list() == same_pseudonym.get_column("person_id").to_list()   # only pk_a
    assert set(refused["evaluation"]) <= set(released)


def test_when_the_notice_is_made_then_it_lists_only_pseudonyms_earlier_releases_hold_with_those_releases():
    refused = pl.Series("person_id", ["ev_1", "ev_2", "ev_9"])
    earlier = [EarlierRelease("evaluation", "2026Q2", "R2", pl.Series(["ev_1", "ev_5"])),
               EarlierRelease("evaluation", "2026Q3", "R3a", pl.Series(["ev_1", "ev_2"]))]
    notice = withdrawal_notice(refused, earlier)
    assert notice.to_dicts() == [{"person_id": "ev_1", "released_in": "2026Q2 (run R2); 2026Q3 (run R3a)"},
                                 {"person_id": "ev_2", "released_in": "2026Q3 (run R3a)"}]
    assert withdrawal_notice(refused, []).height == 0
