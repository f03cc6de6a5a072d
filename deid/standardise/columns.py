"""Reading a column's values: which say nothing was recorded, and a per-value parser run once per distinct value.

A value that says nothing was recorded ('N/A', 'unknown', '-', '?') is read as a blank cell in every field
(`not_recorded`, `as_missing`): a provider's way of writing "none" must cost no more and no less than leaving the
cell empty. Large columns with many distinct values are parsed in worker processes, one chunk each, so a million
addresses use both cores of the machine.
"""
from __future__ import annotations

import multiprocessing
import operator
import os
from collections.abc import Callable, Collection
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import polars as pl

from deid.standardise.codes import code_lookup
from deid.standards import Standards, fold

# Values that say nothing was recorded, folded as `fold` folds them ('N/A', 'n/a', 'N.A.' and 'n a' are all 'n a').
# The common ways of writing "no value" in records and spreadsheets: not applicable (N/A, NA), not known (unknown,
# unk, not known, don't know), not stated or recorded, still to come (TBC, to be confirmed). A value without a
# letter or digit ('-', '--', '?', '.') says the same and is read so too. 'None' and 'nil' are not here: in a count
# they mean 0. The standards list no te reo Māori phrase for "not recorded" (consent's 'kāo' is an answer, no).
NOT_RECORDED_WORDS = frozenset({
    "n a", "na", "not applicable", "unknown", "unk", "not known", "dont know", "don t know", "do not know",
    "not stated", "not recorded", "not given", "not provided", "not supplied", "not available", "unavailable",
    "tbc", "to be confirmed", "tba", "to be advised"})
# In a name field 'Na' is a family name, not "not applicable".
NOT_RECORDED_IN_NAMES = NOT_RECORDED_WORDS - {"na"}
# How the rule is said to a provider (messages about a value that is missing).
NOT_RECORDED_SAID = "blank, or a word such as N/A, unknown, - or ?"
_LONGEST_WORD = max(len(word) for word in NOT_RECORDED_WORDS) + 8   # room for punctuation and spaces ('N / A', 'n.a.')


def not_recorded(values: pl.Series, words: frozenset[str] = NOT_RECORDED_WORDS) -> pl.Series:
    """Whether each value says nothing was recorded: empty (null or spaces), no letter or digit ('-', '?'), or one
    of `words` once folded ('N/A' is 'n a'): case and every run of characters that are not letters or digits folded
    as `fold` folds them. Only distinct short values are looked at (a long value is never such a word), so a column
    costs little more than finding its distinct values."""
    text = values.cast(pl.Utf8)
    short = text.filter(text.str.len_chars() <= _LONGEST_WORD).unique()
    key = short.str.to_lowercase().str.replace_all(r"[^\p{L}\p{N}]+", " ").str.strip_chars()
    said = short.filter((key == "") | key.is_in(sorted(words)))
    missing = text.is_null() | text.is_in(said) if said.len() else text.is_null()
    return missing.alias(values.name)


def as_missing(values: pl.Series, words: frozenset[str] = NOT_RECORDED_WORDS, keep: frozenset[str] = frozenset()) -> pl.Series:
    """The values with every one that says nothing was recorded made null (`not_recorded`), except those whose
    folded spelling is in `keep` (a code list's own answer: ethnicity's 'unknown' is its code 94, Don't know)."""
    text = values.cast(pl.Utf8)
    missing = not_recorded(text, words - keep)
    if missing.sum() == text.null_count():
        return text.alias(values.name)   # nothing said "not recorded" but blank cells (the common case)
    return pl.select(pl.when(missing).then(None).otherwise(text)).to_series().alias(values.name)


def own_answers(standards: Standards) -> dict[str, frozenset[str]]:
    """Per field, the folded spellings its code list reads as an answer (ethnicity's 'unknown' is 94 Don't know,
    gender's 'unknown' 99 Not stated): such a value is the list's own answer and is never read as "not recorded"."""
    lists = standards.code_lists.code_lists
    groups = standards.ethnicity
    ethnicity = frozenset({fold(s) for item in groups.level2 for s in (item.code, item.label, *item.synonyms)}
                          | {fold(s) for group in groups.level1 for s in (group.code, group.label)})
    answers: dict[str, frozenset[str]] = {}
    for spec in standards.fields.fields:
        listed = spec.code_list if spec.type in ("code", "multi_code") else spec.word_codes
        if listed == "ethnicity":
            answers[spec.name] = ethnicity
        elif listed == "gender":
            answers[spec.name] = frozenset(code_lookup(standards.gender.codes))
        elif listed in lists:
            answers[spec.name] = frozenset(code_lookup(lists[listed].codes))
    return answers


def missing_as_null(frame: pl.DataFrame, standards: Standards, skip: Collection[str] = ()) -> pl.DataFrame:
    """The frame with every standard field's values that say nothing was recorded made null (`as_missing`): 'N/A' in a
    date of birth, an NHI or an iwi column is a blank cell. A name field keeps 'Na' (a family name); a code field keeps
    its list's own answers (`own_answers`). Fields in `skip`, and columns that are not text, are left as they are.

    One pass for all fields (a submission has a few hundred rows and some 25 fields: per-column calls cost more than
    the data): the distinct short values of every field are gathered in one query, folded once, and each field's
    "not recorded" values are made null in one `with_columns`."""
    answers = own_answers(standards)
    fields: dict[str, frozenset[str]] = {}
    for spec in standards.fields.fields:
        if spec.name in skip or spec.name not in frame.columns or frame.schema[spec.name] not in (pl.Utf8, pl.Null):
            continue
        words = NOT_RECORDED_IN_NAMES if spec.type == "name" else NOT_RECORDED_WORDS
        fields[spec.name] = words - answers.get(spec.name, frozenset())
    if not fields:
        return frame
    text = {name: pl.col(name).cast(pl.Utf8) for name in fields}
    distinct = (frame.lazy().select([t.filter(t.str.len_chars() <= _LONGEST_WORD).unique().implode().alias(name)
                                     for name, t in text.items()])
                .unpivot(variable_name="field", value_name="value").explode("value")
                .filter(pl.col("value").is_not_null())
                .with_columns(pl.col("value").str.to_lowercase().str.replace_all(r"[^\p{L}\p{N}]+", " ")
                              .str.strip_chars().alias("key")))
    candidates = distinct.filter((pl.col("key") == "") | pl.col("key").is_in(sorted(NOT_RECORDED_WORDS))).collect()
    said: dict[str, list[str]] = {}
    for name, value, key in candidates.iter_rows():
        if key == "" or key in fields[name]:
            said.setdefault(name, []).append(value)
    # the other fields as Series, as text: a column the reader filled with one value (a field the file does not
    # have) is then held row by row, as the validation's expressions over it need
    changed = [pl.when(text[name].is_in(values)).then(None).otherwise(text[name]).alias(name) for name, values in said.items()]
    return frame.with_columns([frame.get_column(name).cast(pl.Utf8) for name in fields if name not in said]).with_columns(changed)


PARALLEL_FROM = 100_000  # distinct values; below this, starting workers costs more than it saves
_worker_parse: Callable[[Any], Any] | None = None


def _start_worker(parse: Callable[[Any], Any]) -> None:
    global _worker_parse
    _worker_parse = parse


def _fields(columns: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The named attributes of a parsed value, as a tuple (`attrgetter` of one name gives the bare value)."""
    if len(columns) == 1:
        return lambda parsed: (getattr(parsed, columns[0]),)
    return operator.attrgetter(*columns)


def _parse_chunk(chunk: list[Any], columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
    assert _worker_parse is not None
    return list(map(_fields(columns), map(_worker_parse, chunk)))


def _parse_all(uniques: list[Any], parse: Callable[[Any], Any], columns: tuple[str, ...], workers: int) -> list[tuple[Any, ...]]:
    if workers <= 1 or len(uniques) < PARALLEL_FROM:
        return list(map(_fields(columns), map(parse, uniques)))
    size = -(-len(uniques) // (workers * 4))
    chunks = [uniques[i:i + size] for i in range(0, len(uniques), size)]
    context = multiprocessing.get_context("spawn")  # never fork a process that holds polars or DuckDB threads
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(parse,)) as pool:
        results = pool.map(_parse_chunk, chunks, [columns] * len(chunks))
        return [row for part in results for row in part]


def parse_unique(values: pl.Series, parse: Callable[[Any], Any], columns: tuple[str, ...],
                 workers: int | None = None) -> pl.DataFrame:
    """`parse` each distinct value once and join the named attributes back in row order.

    Args:
        workers: processes for many distinct values (default: the machine's cores). `parse`
            must be picklable (a bound method of a parser object is).
    """
    uniques = values.unique().to_list()
    rows = _parse_all(uniques, parse, columns, workers if workers is not None else (os.cpu_count() or 1))
    fields = zip(*rows, strict=True) if rows else ([] for _ in columns)
    table = pl.DataFrame([pl.Series(c, field, dtype=pl.Utf8) for c, field in zip(columns, fields, strict=True)]).with_columns(
        pl.Series("__key", uniques, dtype=values.dtype))
    return pl.DataFrame({"__key": values}).join(table, on="__key", how="left", nulls_equal=True, maintain_order="left").drop("__key")
