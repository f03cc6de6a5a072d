"""Map provider spellings to standard codes (gender, ethnicity, small code lists)."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import polars as pl

from deid.standards import (
    Code,
    CodeList,
    EthnicityStandard,
    GenderStandard,
    IwiClassification,
    fold,
)


def code_lookup(codes: Iterable[Code], extra: dict[str, str] | None = None) -> dict[str, str]:
    """Folded spelling (code, label or synonym) -> code."""
    lookup: dict[str, str] = dict(extra or {})
    for code in codes:
        for spelling in (code.code, code.label, *code.synonyms):
            lookup.setdefault(fold(spelling), code.code)
    return lookup


# Tick and cross marks in tick-box columns: folding would make them blank, which they are not.
# (Unicode Dingbats and Miscellaneous Symbols charts: U+2713/2714 check marks, U+2611 ballot box with check,
# U+2705 heavy check mark; U+2717/2718 ballot x, U+2612 ballot box with x, U+274C cross mark.)
_MARKS = {"✓": " yes ", "✔": " yes ", "☑": " yes ", "✅": " yes ", "✗": " no ", "✘": " no ", "☒": " no ", "❌": " no "}
_MARK_PATTERN = "[" + "".join(_MARKS) + "]"
# Words a tick-box column is ticked with besides the yes/no spellings: a typed 'x' in the box, and the
# words form tools export for a checked box.
TICK_WORDS = frozenset({"x", "tick", "ticked", "checked", "selected"})


def marks_as_words(text: str) -> str:
    """A value with its tick and cross marks written as 'yes' and 'no' (so `fold` keeps them)."""
    for mark, word in _MARKS.items():
        if mark in text:
            text = text.replace(mark, word)
    return text


# Separators between the parts of a label written twice or qualified: 'Tāne / male', 'Yes - signed', 'Yes (verbal)'.
_PARTS = re.compile(r"\s*(?:/|;|,|:|\(|\)|\s-\s|\s–\s)\s*")


def _to_codes(values: pl.Series, codes: Iterable[Code], blank_code: str, blank_spellings: Iterable[str] = (),
              word_reading: WordReading | None = None, unread_words: Iterable[str] = ()) -> tuple[pl.Series, int]:
    """Each value's code by its folded spelling; blanks (and spellings that say nothing was
    recorded, such as 'Not asked') get `blank_code`, unknown spellings null. Also returns how many
    values were read by their words (`word_reading`), for the steward.

    Each distinct value is read once and the answers joined back: a code column holds a handful of
    spellings in thousands of rows, and a value's code depends on nothing but the value."""
    text = values.cast(pl.Utf8)
    distinct = text.unique()
    coded, read = _distinct_to_codes(distinct, codes, blank_code, blank_spellings, word_reading, unread_words)
    table = pl.DataFrame({"__key": distinct, "__code": coded, "__read": read})
    rows = pl.DataFrame({"__key": text}).join(table, on="__key", how="left", nulls_equal=True, maintain_order="left")
    return rows.get_column("__code").alias(values.name), int(rows.get_column("__read").sum())


def _distinct_to_codes(values: pl.Series, codes: Iterable[Code], blank_code: str, blank_spellings: Iterable[str],
                       word_reading: WordReading | None, unread_words: Iterable[str] = ()) -> tuple[pl.Series, pl.Series]:
    """`_to_codes` for each of `values` (distinct), and whether it was read by its words (and not blank).
    A value with one of `unread_words` is not read through its parts ('Yes (verbal)': see `said_with`)."""
    codes = tuple(codes)
    lookup = code_lookup(codes)
    text = values.cast(pl.Utf8)
    if text.str.contains(_MARK_PATTERN).any():
        for mark, word in _MARKS.items():
            text = text.str.replace_all(mark, word, literal=True)
    folded = text.map_elements(lambda v: fold(v), return_dtype=pl.Utf8, skip_nulls=True)
    mapped = folded.replace_strict(lookup, default=None, return_dtype=pl.Utf8)
    # A label written in two languages ('Tāne / male', 'Kua oti / Completed') or with a qualifier
    # ('Yes - signed'): the code its known parts agree on.
    unknown = text.filter(mapped.is_null() & text.str.contains(_PARTS.pattern)).unique().to_list()
    unread = tuple(unread_words)
    parts = {v: qualified_code(v, lookup) for v in unknown if not said_with(v, unread)}
    if any(parts.values()):
        mapped = pl.select(pl.coalesce(mapped, text.replace_strict(parts, default=None, return_dtype=pl.Utf8))).to_series()
    read: dict[str, str] = {}
    if word_reading is not None:
        read = word_reading.read(text.filter(mapped.is_null()).unique().to_list())
        if read:
            mapped = pl.select(pl.coalesce(mapped, text.replace_strict(read, default=None, return_dtype=pl.Utf8))).to_series()
    blank = values.is_null() | (folded == "")
    if said_blank := blank_pattern(blank_spellings):
        blank = blank | folded.str.contains(said_blank)
    read_rows = (text.is_in(list(read)) & ~blank) if read else pl.repeat(False, values.len(), eager=True)
    return pl.select(pl.when(blank).then(pl.lit(blank_code)).otherwise(mapped)).to_series(), read_rows


# A provider's own label is a few words ('Completed core schedule', 'Referred by WINZ case manager'); a value longer
# than this, or with a digit in it, is a note ('moved to Aunty Losa Fifita in Porirua', 'completed 2 of 3 goals').
LABEL_MAX_WORDS = 5
LABEL_MAX_CHARS = 40
_DIGIT = re.compile(r"\d")


def label_shaped(value: str) -> bool:
    """Whether a value reads as a label rather than a note: at most `LABEL_MAX_WORDS` words and `LABEL_MAX_CHARS`
    characters, and no digit. Only a label is read by its words (`WordReading`): a code guessed from one word of a
    note ('moved' in 'moved house, still coming', 'left' in 'left a voicemail') would be counted in the outcome
    tables as if the provider had written it, so a note is left unread and the provider is told the row and column
    (the list's `code_list` warning) instead."""
    text = " ".join(value.split())
    return bool(text) and len(text) <= LABEL_MAX_CHARS and len(text.split()) <= LABEL_MAX_WORDS and not _DIGIT.search(text)


class WordReading:
    """A provider's own label read by the words it shares with one code's spellings ('Completed core
    schedule' is Completed; 'Active - continuing' is Ongoing), never when it negates or qualifies
    them ('Not completed', 'Partly completed'), when it names two codes, or when it is a note rather
    than a label (`label_shaped`)."""

    def __init__(self, codes: Iterable[Code], negations: Iterable[str]):
        self.phrases: list[tuple[str, str]] = sorted(
            {(f" {fold(spelling)} ", code.code) for code in codes for spelling in (code.label, *code.synonyms)
             if fold(spelling) and not fold(spelling).isdigit() and len(fold(spelling)) >= 2},
            key=lambda pair: -len(pair[0]))
        self.negations = tuple(f" {fold(w)} " for w in negations if fold(w))

    def read(self, labels: Iterable[str | None]) -> dict[str, str]:
        """Label -> code for the labels read by their words (labels not read are left out)."""
        found: dict[str, str] = {}
        for label in labels:
            if not label or not label_shaped(label):
                continue
            padded = f" {fold(label)} "
            negations = [word for word in self.negations if word in padded]
            if negations:
                if (code := self._qualified(padded, negations)) is not None:
                    found[label] = code
                continue
            matched = {code for phrase, code in self.phrases if phrase in padded}
            if len(matched) == 1:
                found[label] = matched.pop()
        return found

    def _qualified(self, padded: str, negations: list[str]) -> str | None:
        """A label whose qualifying words are the words of one code's own spellings, said of another
        code's words: 'Partly met' is Partly achieved ('part' is that code's word, 'met' Achieved's),
        'Not completed' Not achieved. Each qualifier is compared by its stem (partly, partially, partial:
        'part'); a qualifier no code has ('not yet', 'half'), or one said of two codes' words, leaves the
        label unread (and the provider is told)."""
        stems = {_stem(word.strip()) for word in negations}
        owners = {code for phrase, code in self.phrases for word in phrase.split() if _stem(word) in stems}
        if len(owners) != 1:
            return None
        owner = owners.pop()
        if any(not any(_stem(word) == stem for phrase, code in self.phrases if code == owner for word in phrase.split())
               for stem in stems):
            return None   # every qualifier must be one of that code's words
        rest = padded
        for word in negations:
            rest = rest.replace(word, " ")
        said_of = {code for phrase, code in self.phrases if phrase in f" {' '.join(rest.split())} "}
        # said of a word the code's own spellings qualify ('met' in 'part met', 'achieved' in 'not achieved'),
        # and of one code's words only ('Not met - moved away' names two)
        qualified = {_stem(w) for w in rest.split()} & self._qualified_words(owner)
        return owner if len(said_of) == 1 and qualified else None

    def _qualified_words(self, owner: str) -> set[str]:
        """The (stemmed) words a code's qualified spellings qualify: 'achieved' and 'met' for Partly
        achieved ('partly achieved', 'part met')."""
        qualifiers = {_stem(word.strip()) for word in self.negations}
        words: set[str] = set()
        for phrase, code in self.phrases:
            stems = [_stem(w) for w in phrase.split()]
            if code == owner and any(s in qualifiers for s in stems):
                words |= {s for s in stems if s not in qualifiers}
        return words


_STEM_ENDINGS = ("ially", "ial", "ly")


def _stem(word: str) -> str:
    """A word without the endings that make an adverb or adjective of it (partially, partial, partly: 'part')."""
    for ending in _STEM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def blank_pattern(blank_spellings: Iterable[str]) -> str:
    """A pattern for folded values that say nothing was recorded: a blank spelling, alone or
    followed by more words ('Not asked', 'not asked yet'); empty when the list has none."""
    words = sorted({fold(s) for s in blank_spellings if fold(s)}, key=len, reverse=True)
    return f"^(?:{'|'.join(re.escape(w) for w in words)})(?: .*)?$" if words else ""


def qualified_code(value: str, lookup: dict[str, str]) -> str | None:
    """The one code every known part of a label written twice or qualified maps to ('Tāne / male',
    'Yes - verbal'); None if no part is known or the parts disagree."""
    if not _PARTS.search(value):
        return None
    parts = _PARTS.split(value)
    known = {lookup[key] for part in parts if (key := fold(part)) in lookup}
    return known.pop() if len(known) == 1 else None


def map_codes(values: pl.Series, code_list: CodeList) -> pl.Series:
    """Map each value to its code; blanks get the list's blank code, unknown values null (or, for
    lists that allow it, the one code whose words the label uses: see `WordReading`)."""
    return map_codes_counted(values, code_list)[0]


def map_codes_counted(values: pl.Series, code_list: CodeList) -> tuple[pl.Series, int]:
    """`map_codes`, and how many values were read by their words rather than a spelling of the list.

    A list never read by its words (consent) is not read through a qualifier either when the value says one
    of its `negations`: 'Yes (verbal)' is consent by word of mouth, which is not counted (code_lists.yaml)."""
    reading = WordReading(code_list.codes, code_list.negations) if code_list.read_words else None
    unread = () if code_list.read_words else code_list.negations
    return _to_codes(values, code_list.codes, code_list.blank_code, code_list.blank_synonyms, reading, unread)


def number_or_word(values: pl.Series, words: CodeList | None) -> tuple[pl.Series, pl.Series]:
    """A whole-number field read as written ('1,200' is 1200), or, where a value is one of `words`' spellings,
    as that word's code ('Attended' is 1, 'DNA' 0: fields.yaml `word_codes`). Returns the numbers (Int64; null
    where neither) and whether each came from a word."""
    numbers = values.cast(pl.Utf8).str.replace_all(r"[,\s]", "").cast(pl.Int64, strict=False)
    if words is None:
        return numbers, pl.Series(values.name, [False] * values.len(), dtype=pl.Boolean)
    coded = map_codes(values.cast(pl.Utf8), words)
    worded = (numbers.is_null() & coded.is_not_null() & (coded != words.blank_code)
              & values.cast(pl.Utf8).str.contains(r"[^\W\d_]").fill_null(False))
    read = pl.select(pl.when(worded).then(coded.cast(pl.Int64, strict=False)).otherwise(numbers)).to_series()
    return read.alias(values.name), worded.alias(values.name)


def said_with(value: str, words: Iterable[str]) -> bool:
    """Whether the value holds one of `words` as whole words, folded ('Verbal - ok'd on phone' holds 'phone')."""
    padded = f" {fold(value)} "
    return any(f" {folded} " in padded for word in words if (folded := fold(word)))


def map_gender(values: pl.Series, standard: GenderStandard) -> pl.Series:
    """2021 gender code for each value; blank is 'not stated', unknown spellings null."""
    return _to_codes(values, standard.codes, standard.not_stated_code)[0]


def gender_labels(standard: GenderStandard) -> dict[str, str]:
    return {code.code: code.label for code in standard.codes}


def _compact(folded: str) -> str:
    """A folded name without spaces and with long vowels written once: 'te ati awa', 'te atiawa' and 'ngaati' (the
    doubled-vowel spelling of Waikato) compare equal to the classification's names."""
    return re.sub(r"([aeiou])\1+", r"\1", folded.replace(" ", ""))


_BRACKETED = re.compile(r"\([^)]*\)")


class IwiReader:
    """Whether a response written in an ethnicity cell names an iwi or iwi confederation of the classification
    ('Ngāti Porou', 'Te Ati Awa', 'Tainui', 'Waikato-Tainui'), or a kin group by its 'Ngāti'/'Ngāi' name."""

    def __init__(self, classification: IwiClassification):
        self.classification = classification
        skipped = set(classification.not_maori)
        self.names: dict[str, str] = {}      # compact spelling -> code
        for code, spelling in classification.spellings():
            if code not in skipped:
                self.names.setdefault(_compact(fold(spelling)), code)
        self.names.pop("", None)
        self.prefixes = tuple(_compact(fold(p)) for p in classification.kin_group_prefixes if fold(p))

    def code(self, response: str) -> str | None:
        """The classification code of the iwi a response names; several iwi written together ('Waikato Tainui',
        'Ngāti Porou Ngāpuhi') give the first one's code. None when it names none."""
        named = self.named(response)
        return named[0] if named else None

    def named(self, response: str) -> tuple[str, str] | None:
        """The code and the words of a response that name an iwi ('Ngāti Porou (mum)' names 'Ngāti Porou': a
        bracketed aside that is not part of the name is left out), or None."""
        written = " ".join(response.split())
        code = self.names.get(_compact(fold(written))) or self._partitioned(fold(written).split())
        if code is not None:
            return code, written
        unbracketed = " ".join(_BRACKETED.sub(" ", written).split())
        code = self.names.get(_compact(fold(unbracketed))) or self._partitioned(fold(unbracketed).split())
        return (code, unbracketed) if code is not None else None

    def _partitioned(self, words: list[str]) -> str | None:
        """The first code when `words` are wholly a run of listed names (at most 12 words: a cell, not a note)."""
        if not words or len(words) > 12:
            return None
        reach: dict[int, str] = {0: ""}     # words covered -> code of the first name
        for start in range(len(words)):
            if start not in reach:
                continue
            for end in range(start + 1, len(words) + 1):
                code = self.names.get(_compact(" ".join(words[start:end])))
                if code is not None and end not in reach:
                    reach[end] = reach[start] or code
        return reach.get(len(words)) or None

    def is_kin_group(self, response: str, ethnicities: Mapping[str, str]) -> bool:
        """'Ngāti <name>' or 'Ngāi <name>': a Māori kin group (iwi or hapū), listed or not; but not when the name is an
        ethnic group's ('Ngāti Pākehā' is a way of saying Pākehā)."""
        words = fold(response).split()
        return len(words) >= 2 and _compact(words[0]) in self.prefixes and " ".join(words[1:]) not in ethnicities


# What a provider is told when an ethnicity cell names an iwi (validation warning `ethnicity.iwi_named`).
IWI_IN_ETHNICITY = "an iwi was written in the ethnicity column: counted as Māori"
IWI_IN_ETHNICITY_FIX = ("Please put iwi in the Iwi column, and Māori (or the client's other ethnicities) in the "
                        "Ethnicity column.")


@dataclass(frozen=True)
class EthnicityResponse:
    level2_codes: tuple[str, ...]
    unknown_tokens: int
    iwi_named: tuple[str, ...] = ()    # responses that name an iwi, as written (for the iwi column)
    kin_groups_named: int = 0          # responses read as Māori by an iwi, confederation or 'Ngāti'/'Ngāi' name


class EthnicityClassifier:
    """Classify one cell of ethnicity responses (codes or labels, several per person).

    With an iwi classification, a response naming an iwi or confederation ('Te Ati Awa', 'Tainui') is Māori (an iwi
    is named only by a person of Māori descent); without one it is unidentifiable, as the ethnicity standard alone
    says."""

    def __init__(self, standard: EthnicityStandard, iwi: IwiClassification | None = None):
        self.standard = standard
        self.iwi = IwiReader(iwi) if iwi is not None else None
        self.level1_keys = {item.code: item.key for item in standard.level1}
        self.lookup: dict[str, str] = {}
        for item in standard.level2:
            for spelling in (item.code, item.label, *item.synonyms):
                self.lookup.setdefault(fold(spelling), item.code)
        nfd = {item.level1: item.code for item in standard.level2 if item.label.endswith("nfd") or item.code == "21"}
        for group in standard.level1:
            self.lookup.setdefault(fold(group.code), nfd.get(group.code, standard.unidentifiable_code))
            self.lookup.setdefault(fold(group.label), nfd.get(group.code, standard.unidentifiable_code))
        self.level1_of = {item.code: item.level1 for item in standard.level2}
        pattern = "|".join(re.escape(sep) for sep in sorted(standard.separators, key=len, reverse=True))
        self._split = re.compile(pattern, re.IGNORECASE)

    def classify(self, cell: str | None) -> EthnicityResponse:
        if cell is None or not str(cell).strip():
            return EthnicityResponse((self.standard.not_stated_code,), 0)
        codes: list[str] = []
        unknown = kin_groups = 0
        iwi_named: list[str] = []
        for token in self._responses(str(cell)):
            code = self._code(token)
            if code is None and self.iwi is not None:
                named = self.iwi.named(token)
                if named is not None:
                    iwi_named.append(named[1])
                if named is not None or self.iwi.is_kin_group(token, self.lookup):
                    kin_groups += 1
                    code = self.iwi.classification.maori_ethnicity_code
            joined = self._joined(token) if code is None else None
            if joined:   # responses written side by side without a separator ('Tongan Fijian')
                codes += [c for c in joined if c not in codes]
                continue
            if code is None:
                unknown += 1
                code = self.standard.unidentifiable_code
            if code not in codes:
                codes.append(code)
        if unknown and (whole := self._code(str(cell))) not in (None, self.standard.unidentifiable_code):
            # one response written with a separator inside it ('NZ/European'): the whole cell is its spelling
            return EthnicityResponse((whole,), 0)
        return EthnicityResponse(tuple(codes) or (self.standard.not_stated_code,), unknown, tuple(iwi_named), kin_groups)

    def _joined(self, token: str) -> tuple[str, ...]:
        """The codes of a response that is wholly two or more known spellings side by side ('Tongan Fijian',
        'NZ European Maori'), in the fewest spellings; () when it is not (at most 8 words: a cell, not a note)."""
        words = fold(token).split()
        if len(words) < 2 or len(words) > 8:
            return ()
        best: dict[int, tuple[str, ...]] = {0: ()}   # words covered -> codes of the fewest spellings covering them
        for start in range(len(words)):
            if start not in best:
                continue
            for end in range(start + 1, len(words) + 1):
                code = self._code(" ".join(words[start:end]))
                if code is not None and (end not in best or len(best[start]) + 1 < len(best[end])):
                    best[end] = (*best[start], code)
        found = best.get(len(words), ())
        return found if len(found) >= 2 and self.standard.unidentifiable_code not in found else ()

    def _code(self, token: str) -> str | None:
        """The level-2 code of one response by its spelling or code, None when the ethnicity standard has none."""
        key = fold(token)
        code = self.lookup.get(key)
        if code is None and key.isdigit() and len(key) in (3, 5):
            # Level-3 and level-4 codes (111, 11111) begin with their level-2 code: the
            # classification is hierarchical by prefix.
            code = self.lookup.get(key[:2])
        if code is None and len(key) > 4 and key.endswith("s") and key[-2] != "s":
            code = self.lookup.get(key[:-1])   # a group named in the plural ('Samoans', 'Cook Islanders')
        return code

    def _responses(self, cell: str) -> list[str]:
        """The responses in a cell, split at the standard's separators. With an iwi classification, a response with
        its iwi in brackets ('Māori (Ngāti Porou)') is two responses, when each part is known and the whole is not."""
        tokens = [token for token in self._split.split(cell) if fold(token)]
        if self.iwi is None or "(" not in cell:
            return tokens
        responses: list[str] = []
        for token in tokens:
            parts = [part for part in re.split(r"[()]", token) if fold(part)]
            known = [self._code(part) is not None or self.iwi.code(part) is not None for part in parts]
            whole_known = self._code(token) is not None or self.iwi.code(token) is not None
            responses += parts if len(parts) > 1 and all(known) and not whole_known else [token]
        return responses

    def classify_series(self, values: pl.Series) -> pl.DataFrame:
        """Level-2 codes, level-1 total-response flags and the prioritised level-1 code per row."""
        uniques = values.cast(pl.Utf8).unique().to_list()
        rows = []
        for cell in uniques:
            response = self.classify(cell)
            level1 = {self.level1_of[c] for c in response.level2_codes}
            prioritised = next((c for c in self.standard.prioritisation if c in level1), self.standard.prioritisation[-1])
            row = {
                "__key": cell,
                "ethnicity_codes": ";".join(response.level2_codes),
                "ethnicity_prioritised": prioritised,
                "ethnicity_unknown_responses": response.unknown_tokens,
                "ethnicity_iwi": "; ".join(response.iwi_named) or None,
                "ethnicity_kin_groups": response.kin_groups_named,
            }
            for code, key in self.level1_keys.items():
                row[f"eth_{key}"] = code in level1
            rows.append(row)
        schema = {"__key": pl.Utf8, "ethnicity_codes": pl.Utf8, "ethnicity_prioritised": pl.Utf8,
                  "ethnicity_unknown_responses": pl.Int64, "ethnicity_iwi": pl.Utf8, "ethnicity_kin_groups": pl.Int64,
                  **{f"eth_{key}": pl.Boolean for key in self.level1_keys.values()}}
        table = pl.DataFrame(rows, schema=schema)
        return pl.DataFrame({"__key": values.cast(pl.Utf8)}).join(table, on="__key", how="left", nulls_equal=True).drop("__key")
