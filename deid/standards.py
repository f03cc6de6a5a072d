"""Load the data standards in `standards/` into validated, frozen models.

Every code list, vocabulary and rule the library uses comes from these files;
none is repeated in Python. A bad file raises `StandardsError` naming the file,
the field path, the value found and what is allowed.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import itertools
import os
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from deid.errors import StandardsError

DEFAULT_STANDARDS_DIR = Path(__file__).resolve().parents[1] / "standards"


class StrictModel(BaseModel):
    """Configuration models: unknown keys are errors, values are frozen once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)


_Model = StrictModel


class _Documented(_Model):
    source: str = Field(description="Where the standard comes from")
    version: str = Field(description="Version of the standard")
    licence: str = Field(description="Licence of the standard")


# --- record fields -----------------------------------------------------------------

FieldType = Literal["string", "name", "date", "nhi", "ird", "address", "phone", "email", "code", "multi_code", "integer", "free_text"]
FieldRole = Literal["direct_identifier", "quasi_identifier", "attribute", "free_text"]
ContentProfile = Literal["identifier", "person_name", "full_name", "staff_name", "birth_date", "event_date", "start_date", "nhi", "ird", "address",
                         "street", "place", "postcode", "phone", "email", "ethnicity", "code", "category", "count", "score",
                         "free_text"]


class DeriveRule(_Model):
    """How a required field is filled for a file that has no column for it (marked as derived)."""

    method: Literal["identity", "first_of"] = Field(
        description="identity: a keyed hash of NHI, or name and date of birth; first_of: the first listed field with a value")
    fields: tuple[str, ...] = Field((), description="For first_of: the fields to take the value from, in order")
    sources: tuple[tuple[str, ...], ...] = Field(
        (), description="For identity: the sets of columns any one of which lets the value be derived (a file with none is held)")
    fallback: Literal["quarter_end"] | None = Field(None, description="For first_of: the value when none of the fields has one")
    description: str = Field(description="What stewards are told about the derived values")


class FieldSpec(_Model):
    name: str = Field(description="Standard field name")
    description: str = Field(description="What the field holds")
    type: FieldType = Field(description="Value type, which decides parsing and checks")
    role: FieldRole = Field(description="Disclosure role of the field")
    required: bool = Field(False, description="A row without a value is quarantined")
    required_unless: tuple[str, ...] = Field((), description="Fields that stand in for this one: a row (or a file) with one of them may go without it")
    warn_unless: tuple[str, ...] = Field((), description="Fields that make this one unnecessary: a row with none of them (and no value here) is accepted with a warning")
    warning: str | None = Field(None, description="What the warning tells a provider when `warn_unless` applies")
    code_list: str | None = Field(None, description="Code list the values must come from")
    word_codes: str | None = Field(None, description="For a number field: a code list whose words a provider may write "
                                                     "instead of the number, each code being the number ('Attended' is 1)")
    minimum: int | None = Field(None, description="Smallest allowed integer")
    maximum: int | None = Field(None, description="Largest allowed integer")
    synonyms: tuple[str, ...] = Field((), description="Provider header spellings matched to this field")
    not_words: tuple[str, ...] = Field((), description="Header words that say a column is something else (baby's DOB, exit date)")
    taken_when_alone: tuple[str, ...] = Field((), description="not_words that give way when no other column holds the "
                                              "field: a caregiver's phone is the family's contact number when it is the only one")
    profile: ContentProfile | None = Field(None, description="What the field's values look like, for matching columns by content")
    multi_column: bool = Field(False, description="Several columns may hold it (Ethnicity 1..6); their values are joined with ';'")
    derive: DeriveRule | None = Field(None, description="How the field is filled when a file has no column for it")


class PartSpec(_Model):
    """A column that holds part of a standard field (an address over street, suburb, town, postcode)."""

    name: str = Field(description="Part name, a column-matching target")
    part_of: str = Field(description="The standard field the parts are joined into")
    description: str = Field(description="What the part holds")
    profile: ContentProfile = Field(description="What the part's values look like")
    synonyms: tuple[str, ...] = Field((), description="Provider header spellings matched to this part")
    not_words: tuple[str, ...] = Field((), description="Header words that say a column is something else")


class AnyOfRule(_Model):
    name: str = Field(description="Rule name")
    description: str = Field(description="What the rule asks for")
    fields: tuple[str, ...] = Field(description="At least one of these must have a value")
    severity: Literal["blocking", "warning"] = Field(description="Blocking rules quarantine the row")


class SurveyTool(_Model):
    """Columns a survey tool adds to every export: about the response, not the person."""

    tool: str = Field(description="The tool's name, for the steward")
    markers: tuple[str, ...] = Field(min_length=1, description="Headers only this tool writes; one of them shows the file is its export")
    columns: tuple[str, ...] = Field(min_length=1, description="The tool's own columns, left unmapped in its exports")


class ChildClientRule(_Model):
    """Whose record a row is when a file holds a child's and an adult's details side by side."""

    fields: tuple[str, ...] = Field(min_length=1, description="The client's identity fields")
    child_words: tuple[str, ...] = Field(min_length=1, description="Header words naming a child ('Child DOB', 'tamaiti')")
    adult_words: tuple[str, ...] = Field(min_length=1, description="Header words naming the adult beside the child ('Parent', 'Caregiver')")


class FieldsStandard(_Documented):
    fields: tuple[FieldSpec, ...]
    any_of: tuple[AnyOfRule, ...] = ()
    parts: tuple[PartSpec, ...] = Field((), description="Columns joined into a field when a file splits it")
    header_abbreviations: dict[str, str] = Field({}, description="Header word -> its spelt-out form, applied before matching")
    header_filler_words: tuple[str, ...] = Field((), description="Header words that say nothing about the field")
    survey_tools: tuple[SurveyTool, ...] = Field((), description="Survey tools whose own columns are left unmapped")
    client_is_a_child: ChildClientRule | None = Field(None, description="When the child, not the adult, is the client")
    max_cell_chars: int = Field(20_000, gt=0, description="Longest cell accepted; a row with a longer cell is quarantined")

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.fields)


# --- code lists --------------------------------------------------------------------


class Code(_Model):
    code: str
    label: str
    synonyms: tuple[str, ...] = ()


class CodeList(_Model):
    description: str
    codes: tuple[Code, ...]
    blank_code: str
    blank_synonyms: tuple[str, ...] = ()   # values that say nothing was recorded ('Not asked', 'Unknown')
    read_words: bool = Field(False, description="Read a provider's own label by the one code whose words it uses "
                                                "('Completed core schedule'); never for consent")
    negations: tuple[str, ...] = Field((), description="Words that stop a label being read by its words ('not', 'partly')")
    advice: str | None = Field(None, description="Said to a provider after 'Use one of': why a common answer is not read")

    @property
    def labels(self) -> dict[str, str]:
        """Each code's label, as a table or a reader shows it."""
        return {c.code: c.label for c in self.codes}


class CodeListsStandard(_Documented):
    code_lists: dict[str, CodeList]


class EthnicityLevel1(_Model):
    code: str
    label: str
    key: str


class EthnicityLevel2(_Model):
    code: str
    label: str
    level1: str
    synonyms: tuple[str, ...] = ()


class EthnicityStandard(_Documented):
    prioritisation: tuple[str, ...]
    level1: tuple[EthnicityLevel1, ...]
    level2: tuple[EthnicityLevel2, ...]
    unidentifiable_code: str
    not_stated_code: str
    separators: tuple[str, ...]


class GenderStandard(_Documented):
    codes: tuple[Code, ...]
    unidentifiable_code: str
    not_stated_code: str
    advice: str | None = Field(None, description="Said to a provider after 'Use one of': why a common answer is not read")


class FiveYearBands(_Model):
    width: int = Field(gt=0)
    top_band_from: int = Field(gt=0)


class LifeCycleBand(_Model):
    label: str
    min: int
    max: int


class Plausible(_Model):
    oldest_years: int


class AgeStandard(_Documented):
    reference_date: Literal["quarter_end"]
    five_year_bands: FiveYearBands
    life_cycle_bands: tuple[LifeCycleBand, ...]
    plausible: Plausible


class DatesStandard(_Documented):
    input_formats: tuple[str, ...]
    two_digit_year_pivot: int
    excel_serial_range: tuple[int, int]
    output_format: str
    month_names: dict[str, str] = Field(default_factory=dict)   # month names in other languages -> English ('Hepetema' -> 'September')


class NhiFormat(_Model):
    name: str
    pattern: str
    modulus: Literal[11, 23]


class NhiStandard(_Model):
    letters: str
    formats: tuple[NhiFormat, ...]
    weights: tuple[int, ...]


class IrdStandard(_Model):
    min_digits: int
    max_digits: int
    valid_range: tuple[int, int]
    modulus: int = Field(description="Check-digit modulus (11)")
    primary_weights: tuple[int, ...] = Field(description="Weights for the first eight digits, left-padded with zeros")
    secondary_weights: tuple[int, ...] = Field(description="Weights used when the primary check digit comes out as 10")


class IdentifiersStandard(_Documented):
    nhi: NhiStandard
    ird: IrdStandard


class AddressStandard(_Documented):
    components: tuple[str, ...]
    street_types: dict[str, tuple[str, ...]]
    prefix_street_types: dict[str, tuple[str, ...]]
    unit_types: dict[str, tuple[str, ...]]
    street_qualifiers: dict[str, tuple[str, ...]]
    box_types: dict[str, tuple[str, ...]]
    place_name_prefixes: tuple[str, ...]
    place_name_abbreviations: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, description="Abbreviations at the start of a place name, by full word (Mount: [mt])")


class NamesStandard(_Documented):
    components: tuple[str, ...]
    name_types: tuple[str, ...]
    titles: tuple[str, ...]
    family_name_particles: tuple[str, ...]
    lower_case_particles: tuple[str, ...] = Field(
        default=(), description="Particles written in lower case when an ALL CAPS or all-lower name is re-cased (van, de)")
    mac_names: tuple[str, ...] = Field(
        default=(), description="Mac names with a capital after Mac (MacDonald); other Mac names are re-cased as Mackenzie")
    name_cues: tuple[str, ...] = Field(default=(), description="Words after which a capitalised word is a name in free text")
    group_words: tuple[str, ...] = Field(
        default=(), description="Words naming a group of people (whānau, iwi): never a name, and no name follows them")
    phrase_particles: tuple[str, ...] = Field(
        default=(), description="Small words that may sit inside a programme or organisation name (o, ki, of, the)")
    person_verbs: tuple[str, ...] = Field(
        default=(), description="Verbs and phrases after which a word in any case is a person in free text (spoke with, rang)")
    person_verbs_after: tuple[str, ...] = Field(
        default=(), description="Verbs after which a name-like word at the start of a sentence is a person (said, rang)")
    organisation_words: tuple[str, ...] = Field(
        default=(), description="Last words of organisation names (Trust, Hauora): a capitalised phrase ending in one is not a person")
    not_name_words: tuple[str, ...] = Field(
        default=(), description="Capitalised words that sit next to names without being names (weekdays, months, pronouns)")
    sentence_words: tuple[str, ...] = Field(
        default=(), description="Words that follow a cue without being a name (called back, son was)")
    bracket_words: tuple[str, ...] = Field(
        default=(), description="Words that, in brackets right after a word, say it is a person (besides kinship and role "
                                "words and birth cues): the agency they are from ('Summer (Police)')")
    determiners: tuple[str, ...] = Field(
        default=(), description="Words before a known name in lower case that make it the everyday word ('the hui explained')")
    clause_verbs: tuple[str, ...] = Field(
        default=(), description="Irregular past-tense verbs (brought, set, took) that, after a known name beginning a "
                                "sentence, make it the subject: regular forms (-ed, -s) are read by their ending")
    subject_verbs: tuple[str, ...] = Field(
        default=(), description="Words right after a word that make it the subject of its sentence ('Sione is keen')")
    place_prepositions: tuple[str, ...] = Field(
        default=(), description="Words before a capitalised word that make it a place or an organisation rather than a "
                                "person when nothing else says who it is ('at Vaka Tautua', 'from Tūranga')")


class NameLexiconStandard(_Documented):
    given_names: tuple[str, ...] = Field(description="Given names from an outside lexicon: a capitalised one is a name anywhere")
    family_names: tuple[str, ...] = Field(description="Family names from an outside lexicon: a capitalised one is a name anywhere")
    everyday_word_names: tuple[str, ...] = Field(
        default=(), description="Lexicon names that are also everyday English words: names only where the context says so")
    maori_name_words: tuple[str, ...] = Field(
        default=(), description="Māori proper nouns (names of people and places) from an outside word list: a name only after a "
                                "person cue or next to another name")
    english_words: tuple[str, ...] = Field(
        default=(), description="Everyday English words on no name list (lower case): never a name in lower case, nor in "
                                "title case where a sentence starts or before a role word, unless the record names it")


class TeReoStandard(_Documented):
    words: tuple[str, ...] = Field(description="Everyday te reo Māori words: evidence against a name, kept unless the context "
                                               "says a person is meant")
    phrases: tuple[str, ...] = Field(default=(), description="Everyday te reo expressions kept whole wherever they stand "
                                                             "('kiri ki te kiri'), even where a word in them is also a given name")
    pronouns: tuple[str, ...] = Field(default=(), description="Personal pronouns (ia, rātou): after 'ki a' or a verb of "
                                                              "speaking they are the person spoken of, never a name")
    particles: tuple[str, ...] = Field(default=(), description="Sentence particles (ko, kua, kei, mō): never part of the name "
                                                               "after them, nor a name on their own before a word in lower case")
    person_cues: tuple[str, ...] = Field(default=(), description="Phrases ending in the personal article ('mai a', 'i a') "
                                                                 "after which a word is a person, as after 'ki a'")


class PasifikaStandard(_Documented):
    words: tuple[str, ...] = Field(description="Everyday words of the Pacific languages spoken in Aotearoa (Samoan, Tongan, Cook "
                                               "Islands Māori, Niuean, Fijian ...): evidence against a name, as te_reo.yaml's are")
    greetings: tuple[str, ...] = Field((), description="Greetings that say which language, so which ethnic group, a person "
                                                       "speaks ('Tālofa lava', 'Mālō e lelei'): a case note's greeting "
                                                       "goes with its row's ethnicity where the risk gate blanks it")


class Place(_Model):
    postcode: str
    suburb: str | None
    town_city: str
    ta_code: str
    ta_name: str
    region_code: str
    region_name: str


class GeographyStandard(_Documented):
    places: tuple[Place, ...]


# --- disclosure and recognizers ------------------------------------------------------


class TableSpec(_Model):
    name: str = Field(description="Table name, used in file names")
    description: str
    dimensions: tuple[str, ...] = Field(description="Columns the counts are broken down by")
    measure: Literal["clients", "sessions"] = Field(
        description="clients: distinct people (a count); sessions: sessions attended (a sum, under the magnitude rules)")


class ExtractRisk(_Model):
    quasi_identifiers: tuple[str, ...] = Field(description="Fields an attacker could know about a person")
    sensitive: tuple[str, ...] = Field((), description="Attributes checked for l-diversity")
    remedy_order: tuple[str, ...] = Field(description="Quasi-identifiers blanked, in this order, for records in small classes")
    linkage_keep: tuple[str, ...] = Field((), description="Columns this purpose needs exactly as they are: never coarsened, "
                                                          "dropped or blanked to stop linkage with another extract")
    linkage_may_drop: tuple[str, ...] = Field((), description="Shared columns this purpose does not need: they may be "
                                                              "dropped from its extract to stop linkage")


class Generalisation(_Model):
    """One coarser level of a column, defined on the column's values as the split stage releases them."""

    label: str = Field(description="What this level is, as stewards read it (e.g. 'life-cycle age bands')")
    bands: tuple[int, ...] | None = Field(None, min_length=1, description="Integer bands by their lower bounds, smallest "
                                          "first; a number, or a band label such as '25-29', goes to the band holding "
                                          "its lower bound")
    top: int | None = Field(None, description="Largest value the column holds, closing the last band ('7-10'); unset, "
                                              "the last band is open ('10+')")
    groups: dict[str, str] | None = Field(None, description="Value -> group; values not listed stay as they are")

    @model_validator(mode="after")
    def _one_kind(self) -> Generalisation:
        if (self.bands is None) == (self.groups is None):
            raise ValueError("give exactly one of 'bands' or 'groups'")
        if self.bands is not None and list(self.bands) != sorted(set(self.bands)):
            raise ValueError(f"'bands' must be increasing lower bounds; got {list(self.bands)}")
        if self.bands is not None and self.top is not None and self.top < self.bands[-1]:
            raise ValueError(f"'top' {self.top} is below the last band's lower bound {self.bands[-1]}")
        if self.groups is not None and set(self.groups.values()) & set(self.groups):
            raise ValueError("a group label may not also be a value it groups: levels must be told apart by their values")
        return self


class LinkageRules(_Model):
    """Cross-purpose linkage: rows of two extracts released to different recipients must not join
    row by row on the columns they share (each brought to the coarser of the two generalisations)."""

    k: int | None = Field(None, ge=2, description="A row that matches at least one but fewer than k rows of the other "
                                                  "extract is linkable (unset: risk.k_threshold)")
    max_linkable_share: float = Field(0.0, ge=0, le=1, description="Default allowed share of an extract's rows that are "
                                      "linkable to another extract, per pair and each way; the agreement may set its own "
                                      "per pair ('linkage')")
    ignore: tuple[str, ...] = Field(("run_id", "person_id"), description="Columns never compared: lineage, and pseudonyms "
                                                                        "that differ by design")
    companions: dict[str, tuple[str, ...]] = Field(default_factory=dict, description="Columns in the same extract from "
                                                   "which a shared column can be worked out; they are dropped or blanked "
                                                   "with it, and it is not coarsened while they are there")
    reveals: dict[str, tuple[str, ...]] = Field(default_factory=dict, description="Columns that say what a blanked "
                                                "value was (is_maori_data beside a blanked ethnicity): blanked in every row "
                                                "where the k-anonymity remedy, the cross-purpose control or the control across quarters blanks that value")
    generalise: dict[str, tuple[Generalisation, ...]] = Field(default_factory=dict, description="Coarser levels of "
                                                              "shared columns, each coarser than, and nested in, the one before")
    max_steps: int = Field(200, ge=1, description="Most remedy steps tried before the extracts are blocked")
    max_withheld_share: float = Field(0.05, ge=0, le=1, description="Most of an extract's rows the control may withhold "
                                      "when nothing else unlinks them; beyond it the extract is blocked instead")

    @model_validator(mode="after")
    def _nested(self) -> LinkageRules:
        for column, levels in self.generalise.items():
            if len({lv.bands is None for lv in levels}) > 1:
                raise ValueError(f"generalise.{column}: levels mix 'bands' and 'groups'")
            for finer, coarser in itertools.pairwise(levels):
                if finer.bands is not None and not set(coarser.bands or ()) <= set(finer.bands):
                    raise ValueError(f"generalise.{column}: level '{coarser.label}' bands {list(coarser.bands or ())} "
                                     f"are not a subset of level '{finer.label}' bands {list(finer.bands)}")
                if finer.groups is not None:
                    split = {g for g in set(finer.groups.values())
                             if len({(coarser.groups or {}).get(v, v) for v, fg in finer.groups.items() if fg == g}) > 1}
                    if split:
                        raise ValueError(f"generalise.{column}: level '{coarser.label}' splits group(s) {sorted(split)} "
                                         f"of level '{finer.label}'")
        return self


class RiskRules(_Model):
    k_threshold: int = Field(ge=2, description="Smallest equivalence class allowed in a released extract")
    max_prosecutor_risk: float = Field(gt=0, le=1, description="Highest allowed 1/class size")
    min_l_diversity: int | None = Field(None, ge=1, description="Smallest distinct l-diversity allowed (unset: reported only)")
    max_t_closeness: float | None = Field(None, gt=0, le=1, description="Largest t-closeness allowed (unset: reported only)")
    extracts: dict[str, ExtractRisk] = Field(description="Risk settings per purpose extract")
    linkage: LinkageRules = Field(default_factory=LinkageRules, description="Cross-purpose linkage control")
    person_k_across_quarters: Literal["report", "remedy"] = Field("report", description=(
        "Person-level k over the quarters of a purpose released so far: 'report' measures it and leaves persons at risk "
        "to a steward's decision (the release says so); 'remedy' blanks and withholds this quarter's rows until it "
        "holds, and blocks otherwise (on generated quarters it withheld 8-50% of a quarter's rows)"))
    stable_quasi_identifiers: tuple[str, ...] = Field((), description=(
        "Quasi-identifiers a person does not change between quarters (gender, ethnicity): in person-level k across "
        "quarters a blank in one quarter is filled with the value the person shows in another, as an attacker does"))


class MagnitudeRules(_Model):
    min_contributors: int = Field(20, ge=1, description="Sums need at least this many contributing people")
    dominance_top: int = Field(1, ge=1, description="Dominance rule: the n largest contributors ...")
    dominance_share: float = Field(0.5, gt=0, le=1, description="... may hold at most this share of the cell's total")
    protection_share: float = Field(0.2, gt=0, le=1, description="A hidden sum's feasible interval must span at least "
                                                                  "this share of its value")


class AuditRules(_Model):
    protection_level: int = Field(2, ge=1, description="Narrowest feasible interval allowed for any hidden cell")
    repair_rounds: int = Field(5, ge=0, description="Unused: the suppression search stops only when nothing is exposed "
                                                  "(kept so older disclosure.yaml files load)")
    exact_max_cells: int = Field(5_000, ge=1, description="Tables up to this many cells get one LP per hidden cell; "
                                                          "larger ones by hypercube certificates and bound propagation")


class DisclosureStandard(_Documented):
    rounding: dict[Literal["method"], Literal["rr3", "graduated"]]
    primary_suppression: dict[Literal["min_count"], int]
    secondary_suppression: dict[Literal["enabled"], bool]
    audit: AuditRules = Field(default_factory=AuditRules, description="The LP audit of suppressed cells")
    magnitude: MagnitudeRules = Field(default_factory=MagnitudeRules, description="Rules for sums (magnitude tables)")
    tables: tuple[TableSpec, ...]
    risk: RiskRules


class RecognizerSwitch(_Model):
    name: str
    entity: str
    placeholder: str
    enabled: bool


class RecognizersStandard(_Documented):
    recognizers: tuple[RecognizerSwitch, ...]
    keep_phrases: tuple[str, ...] = Field(
        default=(), description="Programme, service, organisation and event names that scrubbing must leave alone")
    reference_cues: tuple[str, ...] = Field(
        default=(), description="Words before a number that make it a reference, not an IRD number (invoice, receipt, ref)")
    same_name_in_note: bool = Field(
        default=True, description="A word scrubbed as a person's name is scrubbed wherever else it stands in the same note, "
                                  "where its context allows (not after 'the' or 'in'; an everyday word only in a person's context)")
    ner_model_path: str | None = Field(
        default=None, description="A spaCy pipeline on disk whose PERSON entities are also scrubbed (optional; nothing is downloaded)")


class ScrubWordsStandard(_Documented):
    context: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, description="By recognizer name: words shortly before a number that say it is that identifier")
    licence_cues: tuple[str, ...] = Field(description="Words before a driver licence number")
    birth_cues: tuple[str, ...] = Field(description="Words right before a date of birth (dots as written)")
    birth_cue_links: tuple[str, ...] = Field(
        default=(), description="Words that may stand between a birth cue and its date ('date of birth as 3/5/1975', 'DOB is ...')")
    months: tuple[str, ...] = Field(description="Month names and abbreviations in written-out dates")
    weekdays: tuple[str, ...] = Field(default=(), description="Weekday names and abbreviations ('Fri 10pm' is a time, not an NHI)")
    day_suffixes: tuple[str, ...] = Field(description="Ordinal suffixes of a day (st, nd, rd, th)")
    te_reo_months: tuple[str, ...] = Field(default=(), description="Te reo Māori month names in written-out dates ('12 Haratua 2017')")
    day_ordinals: tuple[str, ...] = Field(default=(), description="Days written as ordinal words ('the twelfth of May')")
    number_words: tuple[str, ...] = Field(default=(), description="Number words a written-out year is made of ('nineteen seventy-five')")
    year_joiners: tuple[str, ...] = Field(
        default=(), description="Words between a written-out year's number words ('two thousand and five', 'nineteen oh five')")
    household_cues: tuple[str, ...] = Field(
        default=(), description="List headings ('Kids:', 'Household -') after which a date in brackets after a name is a date of birth")
    age_words: tuple[str, ...] = Field(default=(), description="Words after a number that make it an age ('7yo', '2 yrs')")
    age_cues: tuple[str, ...] = Field(default=(), description="Words before a number that make it an age ('aged 34')")
    place_directions: tuple[str, ...] = Field(default=(), description="Words after a town's name inside a suburb's name (East)")
    residence_cues: tuple[str, ...] = Field(
        default=(), description="Words right before a suburb or town that say a person lives there ('lives in', 'moved to', "
                                "'kei te noho ki'); '...' stands for up to four words ('staying ... in')")
    phone_extensions: tuple[str, ...] = Field(default=(), description="Words that introduce a phone extension (ext)")
    organisation_line_cues: tuple[str, ...] = Field(
        default=(), description="Words right before a freephone (0800, 0508) number that say it is an organisation's line")
    organisation_line_joiners: tuple[str, ...] = Field(
        default=(), description="Words joining a freephone number to the number before it ('027 ... or 0800 ...')")
    organisation_line_endings: tuple[str, ...] = Field(
        default=(), description="Endings of a line's name right before a freephone number (Healthline, Youthline)")
    name_joiners: tuple[str, ...] = Field(default=(), description="Words that join two parts of one person's name (and, &)")


class Standards(_Model):
    """Every standard file, parsed. Built once per run by `load_standards`."""

    directory: Path
    config_dir: Path | None = None  # a deployment's folder overlaying `directory` (DEID_CONFIG_DIR)
    fields: FieldsStandard
    code_lists: CodeListsStandard
    ethnicity: EthnicityStandard
    gender: GenderStandard
    age: AgeStandard
    dates: DatesStandard
    identifiers: IdentifiersStandard
    address: AddressStandard
    names: NamesStandard
    name_lexicon: NameLexiconStandard
    te_reo: TeReoStandard
    pasifika: PasifikaStandard
    geography: GeographyStandard
    disclosure: DisclosureStandard
    recognizers: RecognizersStandard
    scrub_words: ScrubWordsStandard

    def coded_fields(self) -> dict[str, CodeList]:
        """Each record field held as a code of a code list (fields.yaml `code_list`), with its list."""
        lists = self.code_lists.code_lists
        return {spec.name: lists[spec.code_list] for spec in self.fields.fields if spec.code_list in lists}


_YAML_FILES: dict[str, tuple[str, type[_Model]]] = {
    "fields": ("fields.yaml", FieldsStandard),
    "code_lists": ("code_lists.yaml", CodeListsStandard),
    "ethnicity": ("ethnicity.yaml", EthnicityStandard),
    "gender": ("gender.yaml", GenderStandard),
    "age": ("age.yaml", AgeStandard),
    "dates": ("dates.yaml", DatesStandard),
    "identifiers": ("identifiers.yaml", IdentifiersStandard),
    "address": ("address.yaml", AddressStandard),
    "names": ("names.yaml", NamesStandard),
    "name_lexicon": ("name_lexicon.yaml", NameLexiconStandard),
    "te_reo": ("te_reo.yaml", TeReoStandard),
    "pasifika": ("pasifika.yaml", PasifikaStandard),
    "disclosure": ("disclosure.yaml", DisclosureStandard),
    "recognizers": ("recognizers.yaml", RecognizersStandard),
    "scrub_words": ("scrub_words.yaml", ScrubWordsStandard),
}


def describe_validation_error(path: Path, error: ValidationError) -> str:
    """Turn a pydantic error into lines naming file, field path, value and rule."""
    lines = [f"{path}: {error.error_count()} problem(s)"]
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "(top level)"
        value = item.get("input")
        shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
        lines.append(f"  - field '{where}': {item['msg']} (got {shown})")
    return "\n".join(lines)


def read_yaml(path: Path) -> Any:
    if not path.is_file():
        raise StandardsError(f"{path}: file not found")
    try:
        # The C loader when PyYAML has it: the name lexicon is tens of thousands of entries.
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise StandardsError(f"{path}: not valid YAML: {exc}") from None


def parse_model(path: Path, model: type[_Model], data: Any) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise StandardsError(describe_validation_error(path, exc)) from None


def load_csv_with_header_comments(path: Path) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Read a CSV whose leading `# key: value` lines carry source, version and licence."""
    if not path.is_file():
        raise StandardsError(f"{path}: file not found")
    meta: dict[str, str] = {}
    body: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            key, _, value = line.lstrip("# ").partition(":")
            meta[key.strip()] = value.strip()
        elif line.strip():
            body.append(line)
    return meta, list(csv.DictReader(io.StringIO("\n".join(body))))


class IwiGroup(StrictModel):
    code: str
    name: str


class IwiClassification(StrictModel):
    """standards/iwi.yaml: the Stats NZ iwi and iwi-related groups classification, for reading iwi written in an
    ethnicity cell."""

    source: str = Field(description="Where the classification comes from")
    version: str = Field(description="Version of the classification")
    licence: str = Field(description="Licence of the classification")
    maori_ethnicity_code: str = Field(description="Ethnicity code (level 2) an iwi response is counted under")
    not_maori: tuple[str, ...] = Field((), description="Codes of listed groups that are not Māori (Moriori)")
    kin_group_prefixes: tuple[str, ...] = Field((), description="First words of a kin group's name (Ngāti, Ngāi)")
    name_qualifiers: tuple[str, ...] = Field((), description="Endings that say how a name was coded (', iwi not named')")
    also_known_as: Mapping[str, tuple[str, ...]] = Field(default_factory=dict, description="Code -> other spellings")
    iwi: tuple[IwiGroup, ...]
    confederations: tuple[IwiGroup, ...] = ()

    def spellings(self) -> list[tuple[str, str]]:
        """(code, spelling) of every way the classification writes a group: each name as listed, without its coding
        qualifier (', region not known') and its bracketed region ('Te Atiawa (Taranaki)'), each ' / ' alternative
        ('Ngai Tahu / Kai Tahu'), and the other spellings it gives."""
        found: list[tuple[str, str]] = []
        for group in (*self.iwi, *self.confederations):
            name = group.name
            for qualifier in self.name_qualifiers:
                if name.endswith(qualifier):
                    name = name[: -len(qualifier)]
            forms = [name, _BRACKETED.sub(" ", name)]
            forms += [part for form in list(forms) for part in form.split(" / ") if " / " in form]
            found += [(group.code, " ".join(form.split())) for form in forms if form.strip()]
        found += [(code, spelling) for code, spellings in self.also_known_as.items() for spelling in spellings]
        return found


IWI_FILE = "iwi.yaml"
_BRACKETED = re.compile(r"\([^)]*\)")


def files_state(*directories: Path | None) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every file directly in `directories`: what the standards caches
    are keyed on besides the folders, so a steward's edit to the config folder reaches the next run of a
    long-lived process (a served flow) instead of the standards parsed before it."""
    state = []
    for directory in directories:
        if directory is None or not Path(directory).is_dir():
            continue
        for entry in sorted(os.scandir(directory), key=lambda e: e.name):
            if entry.is_file():
                info = entry.stat()
                state.append((entry.path, info.st_size, info.st_mtime_ns))
    return tuple(state)


def load_iwi_classification(directory: Path = DEFAULT_STANDARDS_DIR, config_dir: Path | None = None) -> IwiClassification:
    """standards/iwi.yaml (a deployment's own copy in `config_dir` when it has one, as for every standard)."""
    return _load_iwi_classification(Path(directory), Path(config_dir) if config_dir else None, files_state(directory, config_dir))


@functools.lru_cache(maxsize=4)
def _load_iwi_classification(directory: Path, config_dir: Path | None, _state: object) -> IwiClassification:
    local = config_dir / IWI_FILE if config_dir else None
    path = local if local is not None and local.is_file() else directory / IWI_FILE
    classification: IwiClassification = parse_model(path, IwiClassification, read_yaml(path))
    return classification


def load_standards(directory: Path = DEFAULT_STANDARDS_DIR, config_dir: Path | None = None) -> Standards:
    """Parse every standards file under `directory`, each overlaid by a file of the same name in
    `config_dir` (a deployment's own folder) when that has one (parsed once while the files stay as they are)."""
    return _load_standards(Path(directory), Path(config_dir) if config_dir else None, files_state(directory, config_dir))


@functools.lru_cache(maxsize=8)
def _load_standards(directory: Path, config_dir: Path | None, _state: object) -> Standards:
    overlay = Path(config_dir) if config_dir else None
    parsed: dict[str, Any] = {"directory": directory, "config_dir": overlay}

    def pick(file_name: str) -> Path:
        local = overlay / file_name if overlay else None
        return local if local is not None and local.is_file() else directory / file_name

    for key, (file_name, model) in _YAML_FILES.items():
        path = pick(file_name)
        parsed[key] = parse_model(path, model, read_yaml(path))
    geo_path = pick("geography.csv")
    meta, rows = load_csv_with_header_comments(geo_path)
    places: list[dict[str, str | None]] = [{**row, "suburb": row.get("suburb") or None} for row in rows]
    parsed["geography"] = parse_model(geo_path, GeographyStandard, {**meta, "places": places})
    _check_cross_references(parsed)
    return Standards(**parsed)


def _check_cross_references(parsed: dict[str, Any]) -> None:
    fields: FieldsStandard = parsed["fields"]
    known_lists = set(parsed["code_lists"].code_lists) | {"ethnicity", "gender"}
    for index, spec in enumerate(fields.fields):
        if spec.code_list and spec.code_list not in known_lists:
            raise StandardsError(
                f"{parsed['directory'] / 'fields.yaml'}: field 'fields.{index}.code_list' is '{spec.code_list}'; "
                f"allowed: {sorted(known_lists)}"
            )
        if spec.word_codes and spec.word_codes not in parsed["code_lists"].code_lists:
            raise StandardsError(
                f"{parsed['directory'] / 'fields.yaml'}: field 'fields.{index}.word_codes' is '{spec.word_codes}'; "
                f"allowed: {sorted(parsed['code_lists'].code_lists)}")
        if spec.word_codes and not all(code.code.isdigit() for code in parsed["code_lists"].code_lists[spec.word_codes].codes):
            raise StandardsError(
                f"{parsed['directory'] / 'fields.yaml'}: field 'fields.{index}.word_codes' names '{spec.word_codes}', whose "
                "codes must be whole numbers (each word stands for its code as the number)")
    names = set(fields.names)
    for index, part in enumerate(fields.parts):
        if part.part_of not in names:
            raise StandardsError(f"{parsed['directory'] / 'fields.yaml'}: field 'parts.{index}.part_of' is "
                                 f"'{part.part_of}'; allowed: {sorted(names)}")
    for index, spec in enumerate(fields.fields):
        for source in spec.derive.fields if spec.derive else ():
            if source not in names:
                raise StandardsError(f"{parsed['directory'] / 'fields.yaml'}: field 'fields.{index}.derive.fields' "
                                     f"names '{source}'; allowed: {sorted(names)}")
        for source in {f for group in spec.derive.sources for f in group} if spec.derive else ():
            if source not in names:
                raise StandardsError(f"{parsed['directory'] / 'fields.yaml'}: field 'fields.{index}.derive.sources' "
                                     f"names '{source}'; allowed: {sorted(names)}")


# --- helpers shared by every stage ---------------------------------------------------


@functools.lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """Fold case, macrons and punctuation so spellings of one word compare equal (cached: words repeat)."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    cleaned = "".join(ch if ch.isalnum() else " " for ch in stripped.casefold())
    return " ".join(cleaned.split())


def quarter_bounds(quarter: str) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter written like 2026Q3."""
    try:
        year, q = quarter.upper().split("Q")
        year_i, q_i = int(year), int(q)
        if not 1 <= q_i <= 4 or not 1900 <= year_i <= 2200:
            raise ValueError
    except ValueError:
        raise StandardsError(f"quarter '{quarter}' is not of the form YYYYQn, e.g. 2026Q3") from None
    start = dt.date(year_i, 3 * q_i - 2, 1)
    end = dt.date(year_i + (q_i == 4), (3 * q_i) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end
