import datetime as dt

import polars as pl
import pytest
import yaml

from deid.agreement import load_agreement
from deid.errors import SplitError, StandardsError
from deid.pseudonymise import derive_purpose_key
from deid.settings import DEFAULT_AGREEMENT
from deid.split import export_fields, split_by_purpose


def _records(agreement):
    fields = sorted({f for p in agreement.purposes.values() for f in p.fields} - {"person_id"})
    rows = []
    for i, consent in enumerate(["yes", "no", "not_recorded", "yes"]):
        row = {f: None for f in fields}
        row.update({"person_key": f"pk_{i}", "consent_evaluation": consent, "provider": "p", "quarter": "2026Q3", "run_id": "r",
                    "family_name": "Ngata", "nhi": "ZZZ0016"})
        rows.append(row)
    return pl.DataFrame(rows, infer_schema_length=None)


def _keys(agreement, test_key):
    return {p.pseudonym_domain: derive_purpose_key(test_key, p.pseudonym_domain) for p in agreement.purposes.values()}


def test_when_consent_is_no_or_blank_then_evaluation_excludes_the_record(agreement, test_key):
    extracts, results = split_by_purpose(_records(agreement), agreement, _keys(agreement, test_key))
    by_purpose = {r.purpose: r for r in results}
    assert extracts["evaluation"].height == 2 and extracts["service_delivery"].height == 4
    assert by_purpose["evaluation"].excluded_no_consent == 1 and by_purpose["evaluation"].excluded_blank_consent == 1


def test_when_split_then_purposes_have_unjoinable_pseudonyms_and_no_direct_identifiers(agreement, test_key):
    extracts, _ = split_by_purpose(_records(agreement), agreement, _keys(agreement, test_key))
    evaluation_ids = set(extracts["evaluation"].get_column("person_id"))
    delivery_ids = set(extracts["service_delivery"].get_column("person_id"))
    assert evaluation_ids and not evaluation_ids & delivery_ids
    for extract in extracts.values():
        assert not {"family_name", "nhi", "person_key", "consent_evaluation"} & set(extract.columns)


def test_when_a_field_outside_the_allowlist_is_requested_then_export_fails_loudly(agreement):
    purpose = agreement.purposes["evaluation"]
    frame = pl.DataFrame({"run_id": ["r"], "nhi": ["ZZZ0016"], **{f: [None] for f in purpose.fields}})
    with pytest.raises(SplitError, match=r"purpose 'evaluation': field\(s\) \['nhi'\] are not on the agreement's allowlist"):
        export_fields(frame, "evaluation", purpose, requested=("person_id", "nhi"))


@pytest.mark.parametrize("change, message", [
    (lambda d: d["purposes"]["evaluation"]["fields"].append("nhi"), "direct identifier"),
    (lambda d: d["purposes"]["evaluation"]["fields"].append("age_years"), "generalisation rules"),
    (lambda d: d["purposes"]["evaluation"]["generalise"].update(address="street"), "generalise.address"),
    (lambda d: d.pop("breach_contact"), "breach_contact"),
    (lambda d: d["purposes"]["evaluation"]["fold_rare"].update(fields=["iwi"]), "fold_rare.fields.0' is 'iwi'"),
])
def test_when_the_agreement_is_unsafe_or_incomplete_then_loading_names_the_field(tmp_path, standards, change, message):
    data = yaml.safe_load(DEFAULT_AGREEMENT.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "agreement.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(StandardsError, match=message) as err:
        load_agreement(path, standards)
    assert "agreement.yaml" in str(err.value)


def test_when_review_date_has_passed_then_agreement_says_so(agreement):
    assert agreement.review_overdue(agreement.review_date + dt.timedelta(days=1))
    assert not agreement.review_overdue(agreement.review_date)


def test_when_a_category_is_held_by_few_people_then_the_evaluation_extract_folds_it(agreement, test_key):
    records = pl.concat([_records(agreement)] * 3).with_columns(
        pl.format("pk_{}", pl.int_range(12)).alias("person_key"), pl.lit("yes").alias("consent_evaluation"),
        pl.when(pl.int_range(12) < 10).then(pl.lit("GP")).otherwise(pl.lit("Tohunga")).alias("referral_source"))
    extracts, _ = split_by_purpose(records, agreement, _keys(agreement, test_key))
    counts = dict(extracts["evaluation"].get_column("referral_source").value_counts().iter_rows())
    assert counts == {"GP": 10, "Other": 2}
    assert set(extracts["service_delivery"].get_column("referral_source")) == {"GP", "Tohunga"}  # its own rules


def test_when_only_the_columns_the_split_reads_are_given_then_the_extracts_are_the_same(agreement, test_key):
    from deid.split.split import columns_read

    records = _records(agreement)
    wanted = columns_read(agreement)
    assert {"person_key", "consent_evaluation", "run_id"} <= wanted and not {"family_name", "nhi"} & wanted
    full, full_results = split_by_purpose(records, agreement, _keys(agreement, test_key))
    read, read_results = split_by_purpose(records.select([c for c in records.columns if c in wanted]), agreement,
                                          _keys(agreement, test_key))
    assert read_results == full_results and all(read[name].equals(full[name]) for name in full)


@pytest.mark.parametrize("blank_policy", ["exclude", "include"])
def test_when_a_consent_could_not_be_read_then_it_is_kept_out_and_counted_whatever_the_blank_rule(agreement, test_key, blank_policy):
    records = _records(agreement).with_columns(
        pl.Series("consent_evaluation", ["yes", "no", "not_recorded", None]))
    purposes = {name: (p.model_copy(update={"blank_consent": blank_policy}) if p.consent_required else p)
                for name, p in agreement.purposes.items()}
    changed = agreement.model_copy(update={"purposes": purposes})
    _, results = split_by_purpose(records, changed, _keys(changed, test_key))
    evaluation = {r.purpose: r for r in results}["evaluation"]
    assert evaluation.excluded_unrecognised_consent == 1 and evaluation.excluded_no_consent == 1
    assert evaluation.rows_out == (2 if blank_policy == "include" else 1)
    assert evaluation.rows_in == (evaluation.rows_out + evaluation.excluded_no_consent + evaluation.excluded_blank_consent
                                  + evaluation.excluded_unrecognised_consent)


def test_extracts_are_not_in_the_order_of_the_providers_file_so_rows_cannot_be_paired_by_position(agreement, test_key):
    # user test 6: the evaluation rows were the consenting service-delivery rows in the same order; paired by
    # position, 220 of 329 evaluation rows named their case notes
    fields = sorted({f for p in agreement.purposes.values() for f in p.fields} - {"person_id"})
    rows = []
    for i in range(200):
        row = {f: None for f in fields}
        row.update({"person_key": f"pk_{i:03d}", "consent_evaluation": "yes", "provider": "p", "quarter": "2026Q3",
                    "run_id": "r", "sessions_attended": i})   # a marker both extracts carry: the file's row
        rows.append(row)
    extracts, _ = split_by_purpose(pl.DataFrame(rows, infer_schema_length=None), agreement, _keys(agreement, test_key))
    evaluation = extracts["evaluation"].get_column("sessions_attended").to_list()
    delivery = extracts["service_delivery"].get_column("sessions_attended").to_list()
    assert sorted(evaluation) == sorted(delivery) == list(range(200))
    assert evaluation != list(range(200)) and delivery != list(range(200))
    same_place = sum(a == b for a, b in zip(evaluation, delivery, strict=True))
    assert same_place < 10    # two unrelated keyed orders: about one row in 200 by chance
    for extract in extracts.values():   # each in its own pseudonym's order, the same on every run
        ids = extract.get_column("person_id").to_list()
        assert ids == sorted(ids)


def _governed(agreement, **governance):
    return agreement.model_copy(update={"maori_data_governance": agreement.maori_data_governance.model_copy(update=governance)})


def _ethnic_records(agreement):
    records = _records(agreement).with_columns(
        pl.Series("provider", ["covered", "covered", "new", "new"]), pl.Series("consent_evaluation", ["yes"] * 4),
        pl.Series("ethnicity_prioritised", ["21", "11", "21", "11"]), pl.Series("eth_maori", [True, False, True, False]),
        pl.Series("is_maori_data", [True, False, True, False]))
    return records


def test_when_the_maori_data_approval_does_not_cover_a_provider_then_its_rows_lose_their_maori_identity(agreement, test_key):
    """An outsider user test: the Māori breakdown table was withheld for providers the approval does not cover, but
    the extracts' rows said who was Māori, so a researcher counted the withheld table from them."""
    governed = _governed(agreement, maori_breakdowns_approved=True, approved_for=("covered",))
    extracts, results = split_by_purpose(_ethnic_records(agreement), governed, _keys(agreement, test_key))
    for name, extract in extracts.items():
        rows = extract.sort("provider")
        assert rows.get_column("provider").to_list() == ["covered", "covered", "new", "new"]
        assert rows.get_column("is_maori_data").to_list()[2:] == [None, None]      # the Māori and the non-Māori row alike
        assert sorted(rows.get_column("is_maori_data").to_list()[:2]) == [False, True]
        assert rows.get_column("ethnicity_prioritised").to_list()[2:] == [None, None]
        result = next(r for r in results if r.purpose == name)
        assert (result.maori_identity_withheld_rows, result.maori_identity_withheld_providers) == (2, ("new",))
        assert "ethnicity_prioritised" in result.maori_identity_columns_withheld


def test_when_maori_breakdowns_are_not_approved_then_no_row_says_who_is_maori(agreement, test_key):
    governed = _governed(agreement, maori_breakdowns_approved=False, approved_for=None)
    extracts, results = split_by_purpose(_ethnic_records(agreement), governed, _keys(agreement, test_key))
    assert all(e.get_column("is_maori_data").null_count() == e.height for e in extracts.values())
    assert {r.maori_identity_withheld_rows for r in results} == {4}


def test_when_the_approval_covers_every_provider_then_the_rows_keep_their_maori_identity(agreement, test_key):
    governed = _governed(agreement, maori_breakdowns_approved=True, approved_for=None)
    extracts, results = split_by_purpose(_ethnic_records(agreement), governed, _keys(agreement, test_key))
    assert all(e.get_column("is_maori_data").null_count() == 0 for e in extracts.values())
    assert {r.maori_identity_withheld_rows for r in results} == {0}
