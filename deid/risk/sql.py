"""SQL builders for re-identification risk measures (run by deid.db.Warehouse).

Equivalence classes are records that share every quasi-identifier value (a blanked value
is its own value). Parameters are bound positionally: $1 is k, $2 the prosecutor-risk
threshold.

Person-level k: where an extract carries a pseudonym, a person's fingerprint is the set of the quasi-identifier
tuples of their rows (which, not how many of each); person-level k is the fewest persons sharing a fingerprint. Row-level
k can be met by every row while a person's set of rows is theirs alone (the only person seen by both of two
providers), and the pseudonym then gives away every row of theirs.
"""
from __future__ import annotations

from collections.abc import Sequence

from deid.db import quote_identifier


def _qi_list(quasi_identifiers: list[str]) -> str:
    return ", ".join(quote_identifier(q) for q in quasi_identifiers)


def equivalence_classes_sql(table: str, quasi_identifiers: list[str]) -> str:
    """One row per equivalence class with its size."""
    qis = _qi_list(quasi_identifiers)
    return f"SELECT {qis}, count(*) AS class_size FROM {quote_identifier(table)} GROUP BY ALL"


def risk_summary_sql(table: str, quasi_identifiers: list[str]) -> str:
    """Records, classes, k, records below k, sample uniques, prosecutor risk (average, maximum, share above $2)."""
    return f"""
        WITH classes AS ({equivalence_classes_sql(table, quasi_identifiers)})
        SELECT
            coalesce(sum(class_size), 0) AS records,
            count(*) AS classes,
            coalesce(min(class_size), 0) AS k_min,
            coalesce(sum(CASE WHEN class_size < $1 THEN class_size ELSE 0 END), 0) AS records_below_k,
            coalesce(sum(CASE WHEN class_size = 1 THEN 1 ELSE 0 END), 0) AS sample_uniques,
            coalesce(count(*)::DOUBLE / nullif(sum(class_size), 0), 0) AS prosecutor_risk_avg,
            coalesce(1.0 / nullif(min(class_size), 0), 0) AS prosecutor_risk_max,
            coalesce(sum(CASE WHEN 1.0 / class_size > $2 THEN class_size ELSE 0 END)::DOUBLE / nullif(sum(class_size), 0), 0)
                AS share_above_threshold
        FROM classes
    """


def sensitive_attribute_sql(table: str, quasi_identifiers: list[str], sensitive: str) -> str:
    """Distinct l-diversity, entropy l-diversity (exp of the smallest class entropy) and t-closeness.

    t-closeness is the largest variational distance, 0.5 * sum |p - q|, between a class's
    distribution of the sensitive value and the whole extract's (values absent from the
    class count with p = 0, which is where the `+ 1 - sum(q)` term comes from).
    """
    qis = _qi_list(quasi_identifiers)
    s = quote_identifier(sensitive)
    return f"""
        WITH cells AS (SELECT {qis}, {s} AS s, count(*) AS n FROM {quote_identifier(table)} GROUP BY ALL),
        overall AS (SELECT s, sum(n)::DOUBLE / (SELECT sum(n) FROM cells) AS q FROM cells GROUP BY s),
        shares AS (
            SELECT {qis}, c.n::DOUBLE / sum(c.n) OVER (PARTITION BY {qis}) AS p, o.q
            FROM cells c JOIN overall o ON c.s IS NOT DISTINCT FROM o.s
        ),
        per_class AS (
            SELECT count(*) AS distinct_values, -sum(p * ln(p)) AS entropy, 0.5 * (sum(abs(p - q) - q) + 1) AS distance
            FROM shares GROUP BY {qis}
        )
        SELECT coalesce(min(distinct_values), 0), coalesce(exp(min(entropy)), 0), coalesce(max(distance), 0) FROM per_class
    """


def journalist_risk_sql(table: str, population: str, quasi_identifiers: list[str], population_count: str) -> str:
    """Journalist risk: 1 / the population size of each record's class, from a population table
    (quasi-identifiers and a count); a class missing from the population counts its sample size."""
    join = " AND ".join(f"c.{quote_identifier(q)} IS NOT DISTINCT FROM p.{quote_identifier(q)}" for q in quasi_identifiers)
    return f"""
        WITH classes AS ({equivalence_classes_sql(table, quasi_identifiers)}),
        sized AS (
            SELECT c.class_size, greatest(coalesce(p.{quote_identifier(population_count)}, 0), c.class_size) AS population_size
            FROM classes c LEFT JOIN {quote_identifier(population)} p ON {join}
        )
        SELECT coalesce(sum(class_size / population_size) / nullif(sum(class_size), 0), 0),
               coalesce(max(1.0 / population_size), 0),
               coalesce(sum(CASE WHEN population_size = 1 THEN 1 ELSE 0 END), 0)
        FROM sized
    """


def smallest_classes_sql(table: str, quasi_identifiers: list[str], limit: int) -> str:
    """The smallest classes (below k, $1): which combinations of quasi-identifier values are risky."""
    return f"""
        SELECT * FROM ({equivalence_classes_sql(table, quasi_identifiers)})
        WHERE class_size < $1 ORDER BY class_size, {_qi_list(quasi_identifiers)} LIMIT {int(limit)}
    """


def small_class_flags_sql(table: str, quasi_identifiers: list[str], sensitive: Sequence[str] = ()) -> str:
    """Each record's row id and whether its class is smaller than k (parameter $1) or, with `sensitive`, holds fewer
    than l (parameter $2) distinct values of one of them (a blank counted as a value, as `sensitive_attribute_sql`
    counts it)."""
    qis = _qi_list(quasi_identifiers)
    diverse = "".join(
        f" OR count(DISTINCT {quote_identifier(c)}) OVER (PARTITION BY {qis})"
        f" + max(CASE WHEN {quote_identifier(c)} IS NULL THEN 1 ELSE 0 END) OVER (PARTITION BY {qis}) < $2"
        for c in sensitive)
    return f"""
        SELECT __row_id, count(*) OVER (PARTITION BY {qis}) < $1{diverse} AS in_small_class
        FROM {quote_identifier(table)}
        ORDER BY __row_id
    """


def _person_fingerprints_sql(table: str, quasi_identifiers: list[str], person: str, row_id: str | None) -> str:
    """One row per person: the person (their pseudonym; a row with no pseudonym is a person of its own, keyed by
    `lone`) and their fingerprint, the sorted distinct class numbers of their rows: the set of their quasi-identifier
    tuples (which providers, which areas and bands), not how many rows each has. A count of rows is how many sessions
    a person came to, which a file of one row per session makes vary person by person: counted, it singled out nearly
    everyone (a generated national quarter of about five rows a person had 99.5% of its rows withheld), while who
    knows a family rarely knows how often they came.

    A row's class number is its rank among the distinct quasi-identifier tuples, with a blank compared as a value
    of its own (as `equivalence_classes_sql` groups it): two fingerprints match only when the persons' rows are the
    same tuples, blanks in the same places.
    """
    p = quote_identifier(person)
    rid = quote_identifier(row_id) if row_id else "row_number() OVER ()"
    return f"""
        SELECT person, lone, list_sort(list_distinct(list(row_class))) AS fingerprint
        FROM (
            SELECT {p} AS person, CASE WHEN {p} IS NULL THEN {rid} END AS lone,
                   dense_rank() OVER (ORDER BY {_qi_list(quasi_identifiers)}) AS row_class
            FROM {quote_identifier(table)}
        )
        GROUP BY person, lone
    """


def person_summary_sql(table: str, quasi_identifiers: list[str], person: str) -> str:
    """Person-level k ($1): persons, distinct fingerprints, the fewest persons sharing one (person-level k), persons
    whose fingerprint fewer than k persons share, and persons whose fingerprint no one else has."""
    return f"""
        WITH persons AS ({_person_fingerprints_sql(table, quasi_identifiers, person, None)}),
        shared AS (SELECT fingerprint, count(*) AS persons FROM persons GROUP BY fingerprint)
        SELECT
            coalesce(sum(persons), 0) AS persons,
            count(*) AS fingerprints,
            coalesce(min(persons), 0) AS person_k_min,
            coalesce(sum(CASE WHEN persons < $1 THEN persons ELSE 0 END), 0) AS persons_below_k,
            coalesce(sum(CASE WHEN persons = 1 THEN 1 ELSE 0 END), 0) AS person_uniques
        FROM shared
    """


def person_flags_sql(table: str, quasi_identifiers: list[str], person: str) -> str:
    """Each record's row id (`__row_id`) and whether its person's fingerprint is shared by fewer than k ($1) persons."""
    p = quote_identifier(person)
    return f"""
        WITH persons AS ({_person_fingerprints_sql(table, quasi_identifiers, person, "__row_id")}),
        sized AS (SELECT person, lone, count(*) OVER (PARTITION BY fingerprint) < $1 AS person_at_risk FROM persons)
        SELECT t.__row_id, s.person_at_risk
        FROM {quote_identifier(table)} t
        JOIN sized s ON t.{p} IS NOT DISTINCT FROM s.person AND (CASE WHEN t.{p} IS NULL THEN t.__row_id END)
                        IS NOT DISTINCT FROM s.lone
        ORDER BY t.__row_id
    """



# Person-level k across quarters. The table holds a purpose's rows as the recipient holds them over quarters: this
# run's extract (`__current` true) and the earlier quarters' released extracts of the purpose (`__current` false),
# each row with its quarter (`__quarter`) and its person (`__key`: the pseudonym, stable across quarters within a
# purpose under one key, or a key of the row's own where it has none: a person of its own).

def person_quarters_sql(table: str, quasi_identifiers: list[str], stable: Sequence[str]) -> str:
    """One row per person over every quarter in the table: `__key`, whether they have rows this run (`has_current`),
    and how many persons share their fingerprint (`sharing`).

    A fingerprint is the set of (quarter, quasi-identifier tuple) over the person's rows (as within a quarter: not how
    many rows each, `_person_fingerprints_sql`), a blank compared as a
    value of its own, except that a `stable` attribute (it does not change for a person) blank in a row is first
    filled with the value the person shows in another row (what an attacker holding every quarter does; the smallest
    value where rows disagree). Run over the earlier quarters alone it is the measure of what was released before.
    """
    fills, tuple_ = [], []
    for i, q in enumerate(quasi_identifiers):
        c = quote_identifier(q)
        if q in stable:
            fills.append(f", coalesce({c}, min({c}) OVER (PARTITION BY __key)) AS __filled_{i}")
            tuple_.append(f"__filled_{i}")
        else:
            tuple_.append(c)
    return f"""
        WITH persons AS (
            SELECT __key, bool_or(__current) AS has_current, list_sort(list_distinct(list(row_class))) AS fingerprint
            FROM (
                SELECT __key, __current, dense_rank() OVER (ORDER BY __quarter, {", ".join(tuple_)}) AS row_class
                FROM (SELECT __key, __current, __quarter, {_qi_list(quasi_identifiers)}{"".join(fills)}
                      FROM {quote_identifier(table)})
            )
            GROUP BY __key
        )
        SELECT __key, has_current, count(*) OVER (PARTITION BY fingerprint) AS sharing FROM persons
    """
