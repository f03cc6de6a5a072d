"""Synthetic provider submissions with NZ realism, for demos, tests and benchmarks.

Each provider has its own data maturity: column names and order, file format and
encoding, date style, name layout, code style. Some rows are deliberately bad
(missing or impossible dates, invalid NHI check digits, duplicates) so the quality
checks have work to do. Clients carry over between quarters and a few attend two
providers, so linkage has work to do too. Everything is seeded and reproducible.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from faker import Faker
from stdnum.nz import ird as stdnum_ird

from deid.standardise.address import strip_macrons
from deid.standardise.identifiers import nhi_check_character
from deid.standards import Place, Standards, quarter_bounds

MAORI_GIVEN = ["Aroha", "Wiremu", "Mere", "Hēmi", "Tama", "Anahera", "Rāwiri", "Ngaio", "Manaia", "Kahurangi", "Tūī", "Nīkau",
               "Ataahua", "Hine", "Pita", "Māia", "Rangi", "Moana", "Kiri", "Whetū", "Tāne", "Mereana", "Hōhepa", "Ngārie", "Te Ao"]
MAORI_FAMILY = ["Parata", "Te Kanawa", "Ngata", "Horomona", "Tamihana", "Pōmare", "Te Rangi", "Waititi", "Hēnare", "Ruatapu",
                "Kereama", "Tipene", "Mātene", "Paewai", "Te Whata", "Rāwiri", "Tūhiwai", "Ngāwhika", "Te Hira", "Māhuika"]
PACIFIC_GIVEN = ["Sione", "Losa", "Tevita", "Mele", "Ioane", "Salote", "Viliami", "Fetu", "Malia", "Tavita", "Leilani", "Semisi"]
PACIFIC_FAMILY = ["Tupou", "Fa'alogo", "Leota", "Taufa", "Vaifale", "Tuilagi", "Fonoti", "Aumua", "Pulu", "Havili", "Kata", "Soliai"]
ASIAN_GIVEN = ["Wei", "Priya", "Arjun", "Mei", "Minh", "Jia", "Ravi", "Anika", "Hyun", "Thi"]
ASIAN_FAMILY = ["Chen", "Patel", "Singh", "Nguyen", "Wang", "Kumar", "Li", "Kim", "Zhang", "Sharma"]
CHILD_NAMES = ["Nikau", "Aria", "Ihaka", "Kaia", "Manu", "Ruby", "Mason", "Isla", "Tai", "Anaru", "Lily", "Ari", "Mahina", "Koa"]
STREET_NAMES = ["Smith", "Kauri", "Rimu", "Tōtara", "Pōhutukawa", "Great North", "Karaka", "Matai", "Kōwhai", "Rata", "Tui",
                "Kererū", "Queen", "Victoria", "Church", "High", "Station", "Marine", "Hinemoa", "Tawa", "Miro", "Huia",
                "Te Atatū", "Tainui", "Princes", "Mountain", "Taniwha", "Wairere", "Hukanui", "Moana"]
STREET_TYPES = [("Street", "St"), ("Road", "Rd"), ("Avenue", "Ave"), ("Crescent", "Cres"), ("Place", "Pl"), ("Drive", "Dr"),
                ("Terrace", "Tce"), ("Grove", "Gr"), ("Lane", "Ln"), ("Close", "Cl"), ("Way", "Way")]
ARA_NAMES = ["Tūhono", "Kōtuku", "Hīnau", "Pīwakawaka"]
IWI = ["Ngāpuhi", "Ngāti Porou", "Waikato-Tainui", "Ngāi Tahu", "Ngāti Kahungunu", "Te Arawa", "Ngāi Tūhoe", "Ngāti Maniapoto"]
PROGRAMMES = ["Incredible Years", "Triple P", "Mana Whānau", "Pēpi First"]
REFERRALS = ["Self", "GP", "Plunket", "Oranga Tamariki", "School", "Community agency", "Police", "Midwife", "Marae"]
OUTCOMES = ["Achieved", "Partly achieved", "Not achieved", "Ongoing", "Exited early"]
EMAIL_DOMAINS = ["gmail.com", "xtra.co.nz", "outlook.co.nz", "hotmail.com", "yahoo.co.nz"]

STANDARD_COLUMNS = [
    "client_ref", "given_names", "family_name", "date_of_birth", "nhi", "ird", "address", "phone", "email", "caregiver_name",
    "ethnicity", "iwi", "gender", "consent_evaluation", "programme", "referral_source", "service_date", "sessions_attended",
    "outcome_status", "wellbeing_start", "wellbeing_end", "case_notes",
]


@dataclass
class Person:
    """One client: the truth behind every row written about them."""

    key: int
    given: str
    family: str
    dob: dt.date
    nhi: str | None
    ird: str | None
    place: Place
    street_number: int
    street_suffix: str
    street_name: str
    street_type: tuple[str, str]
    unit: str | None
    rd: int | None
    po_box: int | None
    phone: str
    email: str | None
    caregiver: str
    child: str
    ethnicity_codes: list[str]
    iwi: str | None
    gender: str  # "1", "2", "3"
    consent: str | None  # "yes" / "no" / None
    programme: str
    referral: str
    providers: list[str] = field(default_factory=list)


def make_nhi(rng: random.Random, letters: str, standards: Standards, new_format: bool) -> str:
    """A random NHI with a correct check character."""
    while True:
        head = "".join(rng.choice(letters) for _ in range(3))
        if new_format:
            head += f"{rng.randrange(100):02d}" + rng.choice(letters)
        else:
            head += f"{rng.randrange(1000):03d}"
        check = nhi_check_character(head, standards.identifiers)
        if check is not None:
            return head + check


def corrupt_nhi(nhi: str, standards: Standards) -> str:
    """Same NHI with a wrong check character."""
    right = nhi[-1]
    pool = "0123456789" if right.isdigit() else standards.identifiers.nhi.letters
    wrong = next(ch for ch in pool if ch != right)
    return nhi[:-1] + wrong


def make_ird(rng: random.Random) -> str:
    while True:
        base = f"{rng.randrange(10_000_000, 14_999_999):08d}"[:8]
        check = stdnum_ird.calc_check_digit(base)
        number = base + check
        if stdnum_ird.is_valid(number) and int(number) < 150_000_000:
            return number


def make_phone(rng: random.Random) -> str:
    if rng.random() < 0.75:
        prefix = rng.choice(["021", "022", "027"])
        return f"{prefix}{rng.randrange(2_000_000, 9_999_999)}"
    area = rng.choice(["03", "04", "06", "07", "09"])
    return f"{area}{rng.randrange(2_000_000, 9_999_999)}"


def format_phone(digits: str, style: int) -> str:
    """The same number the ways people write it: spaced, +64, hyphenated or bare."""
    mobile = digits.startswith("02")
    prefix, rest = (digits[:3], digits[3:]) if mobile else (digits[:2], digits[2:])
    head, tail = rest[:3], rest[3:]
    if style == 0:
        return f"{prefix} {head} {tail}" if mobile else f"({prefix}) {head} {tail}"
    if style == 1:
        return f"+64 {prefix[1:]} {head} {tail}"
    if style == 2:
        return f"{prefix}-{head}-{tail}"
    return digits


class SampleGenerator:
    def __init__(self, standards: Standards, seed: int = 20260701):
        self.standards = standards
        self.rng = random.Random(seed)
        self.faker = Faker("en_NZ")
        self.faker.seed_instance(seed)
        self.places = list(standards.geography.places)
        self.letters = standards.identifiers.nhi.letters
        self._next_key = 0

    def person(self, reference: dt.date) -> Person:
        rng = self.rng
        roll = rng.random()
        if roll < 0.38:
            given, family, eth = rng.choice(MAORI_GIVEN), rng.choice(MAORI_FAMILY), ["21"] + (["11"] if rng.random() < 0.35 else [])
        elif roll < 0.55:
            given, family, eth = rng.choice(PACIFIC_GIVEN), rng.choice(PACIFIC_FAMILY), [rng.choice(["31", "33", "32", "34"])] + (["21"] if rng.random() < 0.2 else [])
        elif roll < 0.65:
            given, family, eth = rng.choice(ASIAN_GIVEN), rng.choice(ASIAN_FAMILY), [rng.choice(["42", "43", "41"])]
        else:
            given, family, eth = self.faker.first_name(), self.faker.last_name(), [rng.choice(["11", "11", "11", "12"])]
        if rng.random() < 0.25:
            given = f"{given} {rng.choice([*MAORI_GIVEN, 'Jane', 'Rose', 'James', 'Lee'])}"
        self._next_key += 1
        age_days = rng.randrange(17 * 365, 55 * 365)
        place = rng.choice(self.places)
        rural = not place.suburb and rng.random() < 0.5
        caregiver_given = rng.choice(MAORI_GIVEN + PACIFIC_GIVEN + ["Michael", "Sarah", "Daniel", "Emma"])
        return Person(
            key=self._next_key,
            given=given,
            family=family,
            dob=reference - dt.timedelta(days=age_days),
            nhi=make_nhi(rng, self.letters, self.standards, new_format=rng.random() < 0.3) if rng.random() < 0.85 else None,
            ird=make_ird(rng) if rng.random() < 0.3 else None,
            place=place,
            street_number=rng.randrange(1, 400),
            street_suffix=rng.choice(["", "", "", "", "A", "B"]),
            street_name=rng.choice(STREET_NAMES),
            street_type=rng.choice(STREET_TYPES),
            unit=rng.choice([None, None, None, "1", "2", "3", "B"]),
            rd=rng.randrange(1, 9) if rural else None,
            po_box=rng.randrange(100, 9999) if (not place.suburb and not rural) else None,
            phone=make_phone(rng),
            email=str(_strip_macrons(f"{given.split()[0].lower()}.{family.lower().replace(' ', '').replace(chr(39), '')}{rng.randrange(10, 99)}@{rng.choice(EMAIL_DOMAINS)}"))
            if rng.random() < 0.6 else None,
            caregiver=f"{caregiver_given} {family if rng.random() < 0.6 else rng.choice(MAORI_FAMILY + PACIFIC_FAMILY)}",
            child=rng.choice(CHILD_NAMES),
            ethnicity_codes=eth,
            iwi=rng.choice(IWI) if "21" in eth and rng.random() < 0.5 else None,
            gender=rng.choices(["2", "1", "3"], weights=[70, 28, 2])[0],
            consent=rng.choices(["yes", "no", None], weights=[75, 15, 10])[0],
            programme=rng.choice(PROGRAMMES),
            referral=rng.choice(REFERRALS),
        )

    def address(self, p: Person, style: int) -> str:
        """One of many ways people type the same address."""
        place = p.place
        locality = ", ".join(x for x in (place.suburb, place.town_city) if x)
        if p.po_box:
            return [f"PO Box {p.po_box}, {place.town_city} {place.postcode}", f"P.O. Box {p.po_box} {place.town_city}",
                    f"PO BOX {p.po_box}, {place.town_city.upper()} {place.postcode}"][style % 3]
        number = f"{p.street_number}{p.street_suffix}"
        full_type, short_type = p.street_type
        if p.street_name in ARA_NAMES:
            street = f"Ara {p.street_name}"
        else:
            street = f"{p.street_name} {full_type if style % 2 == 0 else short_type}"
        if p.rd:
            return [f"{number} {street}, RD {p.rd}, {place.town_city} {place.postcode}",
                    f"{number} {street.upper()}, RD {p.rd}, {place.town_city.upper()} {place.postcode}",
                    f"{number} {street} RD{p.rd} {place.town_city}"][style % 3]
        unit = p.unit
        if style % 4 == 0:
            lead = f"Flat {unit}, {number} " if unit else f"{number} "
            return f"{lead}{street}, {locality} {place.postcode}"
        if style % 4 == 1:
            lead = f"{unit}/{number.lower()} " if unit else f"{number.lower()} "
            return f"{lead}{street.lower()} {locality.replace(',', '').lower()}"
        if style % 4 == 2:
            lead = f"UNIT {unit} {number} " if unit else f"{number} "
            return f"{lead}{street}, {locality}, {place.postcode}".upper()
        return f"{unit + '/' if unit else ''}{number} {street} {place.suburb or place.town_city}"

    def case_note(self, p: Person, phone_text: str, address_text: str) -> str:
        rng = self.rng
        first = p.given.split()[0]
        care_first = p.caregiver.split()[0]
        sentences = [
            f"Home visit with {first} and {p.caregiver}; their pēpi {p.child} is settling well at kōhanga.",
            f"{first} attended {rng.randrange(1, 9)} sessions of {p.programme} this quarter.",
            f"Called {first} on {phone_text} to confirm the next session.",
            f"{p.given} {p.family} reports less stress since the budgeting session ($120 a week saved).",
            f"Whaea {care_first} will bring her son {p.child} to the group on Tuesday.",
            f"Checked NHI {p.nhi} with the GP before the referral." if p.nhi else "No NHI on file yet; GP to confirm.",
            f"Moved to {address_text} last month.",
            f"Email from {p.email} asking about the holiday programme." if p.email else "Prefers text messages.",
            f"Mr {p.family} joined the final session on 14 August." if p.gender == "2" else f"Partner {care_first} joined the final session.",
            "Goal: establish bedtime routine. Progress good.",
            "Attended 6 of 8 sessions; wellbeing score improved from 4 to 7.",
        ]
        chosen = rng.sample(sentences, k=rng.randrange(2, 5))
        return " ".join(chosen)

    def standard_row(self, p: Person, quarter: str, provider_index: int) -> dict[str, object]:
        start, end = quarter_bounds(quarter)
        rng = self.rng
        service = start + dt.timedelta(days=rng.randrange((end - start).days + 1))
        phone_text = format_phone(p.phone, rng.randrange(4))
        address_text = self.address(p, rng.randrange(12))
        wb_start = rng.randrange(2, 8)
        return {
            "client_ref": f"C{provider_index}{p.key:05d}",
            "given_names": p.given,
            "family_name": p.family,
            "date_of_birth": p.dob,
            "nhi": p.nhi,
            "ird": p.ird,
            "address": address_text,
            "phone": phone_text,
            "email": p.email,
            "caregiver_name": p.caregiver,
            "ethnicity": list(p.ethnicity_codes),
            "iwi": p.iwi,
            "gender": p.gender,
            "consent_evaluation": p.consent,
            "programme": p.programme,
            "referral_source": p.referral,
            "service_date": service,
            "sessions_attended": rng.randrange(0, 13),
            "outcome_status": rng.choice(OUTCOMES),
            "wellbeing_start": wb_start,
            "wellbeing_end": min(10, wb_start + rng.randrange(-1, 5)),
            "case_notes": self.case_note(p, phone_text, address_text),
        }


# --- provider profiles: how each provider writes the same facts -------------------------

ETH_LABELS = {"11": "NZ European", "12": "Other European", "21": "Māori", "31": "Samoan", "32": "Cook Islands Māori",
              "33": "Tongan", "34": "Niuean", "41": "Filipino", "42": "Chinese", "43": "Indian"}
LEGACY_GENDER = {"1": "M", "2": "F", "3": "U"}
WORD_GENDER = {"1": "Male", "2": "Female", "3": "Gender diverse"}


def _dmy(d: object, fmt: str) -> object:
    return d.strftime(fmt) if isinstance(d, dt.date) else d


@dataclass(frozen=True)
class ProviderProfile:
    slug: str
    name: str
    file_format: str  # csv | xlsx
    encoding: str
    delimiter: str
    headers: dict[str, str]  # standard field -> provider header, in the provider's column order
    shape_row: Callable[[dict[str, object]], dict[str, object]]
    extra_columns: dict[str, Callable[[random.Random], object]] = field(default_factory=dict)
    title_row: str | None = None
    clients_per_quarter: int = 60


def _codes(value: object) -> list[str]:
    """A row's ethnicity codes (a list in the standard row)."""
    return [str(c) for c in value] if isinstance(value, (list, tuple)) else []


def _tamaki(row: dict[str, object]) -> dict[str, object]:
    row = dict(row)
    row["date_of_birth"] = _dmy(row["date_of_birth"], "%d/%m/%Y")
    row["service_date"] = _dmy(row["service_date"], "%d/%m/%Y")
    row["ethnicity"] = "; ".join(ETH_LABELS.get(c, c) for c in _codes(row["ethnicity"]))
    row["consent_evaluation"] = {"yes": "Yes", "no": "No", None: ""}[row["consent_evaluation"]]  # type: ignore[index]
    return row


def _te_puna(row: dict[str, object]) -> dict[str, object]:
    row = dict(row)
    row["full_name"] = f"{str(row.pop('family_name')).upper()}, {row.pop('given_names')}"
    row["date_of_birth"] = _dmy(row["date_of_birth"], "%d-%b-%Y")
    row["service_date"] = _dmy(row["service_date"], "%d-%b-%Y")
    row["ethnicity"] = ";".join(_codes(row["ethnicity"]))
    row["gender"] = LEGACY_GENDER[str(row["gender"])]
    row["consent_evaluation"] = {"yes": "Y", "no": "N", None: ""}[row["consent_evaluation"]]  # type: ignore[index]
    return row


def _strip_macrons(text: object) -> object:
    """A value as a system without macrons keeps it (strings only; `deid.standardise.address.strip_macrons`)."""
    return strip_macrons(text) if isinstance(text, str) else text


def _kainga(row: dict[str, object]) -> dict[str, object]:
    # Windows-1252 cannot hold macrons: this provider's system drops them.
    row = {k: _strip_macrons(v) for k, v in row.items()}
    row["date_of_birth"] = _dmy(row["date_of_birth"], "%d.%m.%Y")
    row["service_date"] = _dmy(row["service_date"], "%d.%m.%Y")
    row["ethnicity"] = " / ".join(str(_strip_macrons(ETH_LABELS.get(c, c))) for c in _codes(row["ethnicity"]))
    row["gender"] = WORD_GENDER[str(row["gender"])]
    row["consent_evaluation"] = {"yes": "yes", "no": "no", None: ""}[row["consent_evaluation"]]  # type: ignore[index]
    # Typed in a word processor first: curly apostrophes and dashes, both Windows-1252 bytes.
    for key in ("family_name", "case_notes", "caregiver_name"):
        if isinstance(row.get(key), str):
            row[key] = str(row[key]).replace("'", "’")
    if isinstance(row.get("case_notes"), str):
        row["case_notes"] = str(row["case_notes"]).replace("; ", " – ", 1) + " Café catch-up next week."
    return row


def _southern(row: dict[str, object]) -> dict[str, object]:
    row = dict(row)
    row["full_name"] = f"{row.pop('given_names')} {row.pop('family_name')}"
    row["ethnicity"] = ", ".join(ETH_LABELS.get(c, c) for c in _codes(row["ethnicity"]))
    row["consent_evaluation"] = {"yes": "Yes", "no": "No", None: None}[row["consent_evaluation"]]  # type: ignore[index]
    return row  # dates stay real dates: written as Excel date cells


def _coastal(row: dict[str, object]) -> dict[str, object]:
    row = dict(row)
    full = f"{row.pop('given_names')} {row.pop('family_name')}"
    row["full_name"] = full.lower() if int(str(row["client_ref"])[-1]) % 3 == 0 else full  # low-maturity typing
    dob = row["date_of_birth"]
    row["date_of_birth"] = f"{dob.day}/{dob.month}/{dob:%y}" if isinstance(dob, dt.date) else dob
    row["service_date"] = _dmy(row["service_date"], "%Y-%m-%d")
    level1 = {"11": "1", "12": "1", "21": "2", "31": "3", "32": "3", "33": "3", "34": "3", "41": "4", "42": "4", "43": "4"}
    row["ethnicity"] = ",".join(dict.fromkeys(level1.get(c, "9") for c in _codes(row["ethnicity"])))
    row["consent_evaluation"] = {"yes": "Y", "no": "N", None: ""}[row["consent_evaluation"]]  # type: ignore[index]
    return row


PROFILES: tuple[ProviderProfile, ...] = (
    ProviderProfile(
        "tamaki-whanau-ora", "Tāmaki Whānau Ora Collective", "csv", "utf-8", ",",
        {"client_ref": "Client ID", "family_name": "Family Name", "given_names": "Given Names", "date_of_birth": "Date of Birth",
         "nhi": "NHI", "address": "Address", "phone": "Phone", "email": "Email", "ethnicity": "Ethnicity", "gender": "Gender",
         "iwi": "Iwi", "consent_evaluation": "Consent to evaluation", "programme": "Programme", "referral_source": "Referral source",
         "service_date": "Service date", "sessions_attended": "Sessions attended", "outcome_status": "Outcome",
         "wellbeing_start": "Wellbeing start", "wellbeing_end": "Wellbeing end", "caregiver_name": "Caregiver", "case_notes": "Case notes"},
        _tamaki, clients_per_quarter=80,
    ),
    ProviderProfile(
        "te-puna-parenting", "Te Puna Parenting Trust", "csv", "utf-8-sig", ";",
        {"full_name": "CLIENT NAME", "client_ref": "CLIENT NO", "nhi": "NHI NUMBER", "date_of_birth": "DOB", "gender": "SEX",
         "ethnicity": "ETHNICITY CODES", "address": "HOME ADDRESS", "phone": "MOBILE", "ird": "IRD NUMBER",
         "programme": "PROGRAMME", "service_date": "LAST SESSION", "sessions_attended": "SESSIONS",
         "outcome_status": "GOAL STATUS", "consent_evaluation": "RESEARCH CONSENT", "referral_source": "REFERRED BY",
         "caregiver_name": "WHANAU CONTACT", "case_notes": "NOTES", "wellbeing_start": "BASELINE SCORE", "wellbeing_end": "EXIT SCORE"},
        _te_puna, clients_per_quarter=60,
    ),
    ProviderProfile(
        "kainga-support", "Kainga Support Services", "csv", "cp1252", ",",
        {"client_ref": "Ref", "family_name": "Client Surname", "given_names": "Client First Name", "date_of_birth": "D.O.B",
         "gender": "Gender identity", "ethnicity": "Ethnic group", "nhi": "NHI No", "address": "Residential address",
         "phone": "Contact number", "email": "E-mail", "service_date": "Date seen", "sessions_attended": "No of sessions",
         "programme": "Service type", "outcome_status": "Result", "consent_evaluation": "Evaluation consent",
         "referral_source": "Referral", "case_notes": "Worker notes", "caregiver_name": "Support person"},
        _kainga, extra_columns={"Worker": lambda r: r.choice(["Jo", "Sam", "Ana"]), "Funding code": lambda r: f"FC{r.randrange(100, 999)}"},
        clients_per_quarter=45,
    ),
    ProviderProfile(
        "southern-families", "Southern Families Network", "xlsx", "", "",
        {"client_ref": "Client number", "full_name": "Name", "date_of_birth": "Birth date", "nhi": "NHI", "ird": "Tax number",
         "gender": "Gender", "ethnicity": "Ethnicity", "iwi": "Iwi affiliation", "address": "Physical address", "phone": "Phone",
         "email": "Email address", "caregiver_name": "Main caregiver", "programme": "Programme", "referral_source": "Source of referral",
         "service_date": "Date of service", "sessions_attended": "Sessions attended", "outcome_status": "Outcome",
         "wellbeing_start": "Score at start", "wellbeing_end": "Score at end", "consent_evaluation": "Consent", "case_notes": "Progress notes"},
        _southern, title_row="Southern Families Network - quarterly client report", clients_per_quarter=55,
    ),
    ProviderProfile(
        "coastal-parenting", "Coastal Parenting Collective", "csv", "utf-8", ",",
        {"client_ref": "id", "full_name": "participant name", "date_of_birth": "dob", "ethnicity": "ethnicity", "gender": "gender",
         "address": "address", "phone": "ph", "nhi": "nhi", "service_date": "session date", "sessions_attended": "attended",
         "consent_evaluation": "consented", "programme": "program", "outcome_status": "outcome", "case_notes": "comments",
         "referral_source": "referrer"},
        _coastal, extra_columns={"bank account": lambda r: f"12-3{r.randrange(100, 999)}-0{r.randrange(100000, 999999)}-00",
                                 "internal flag": lambda r: r.choice(["", "review", ""])},
        clients_per_quarter=35,
    ),
)


def _bad_rows(rows: list[dict[str, object]], rng: random.Random, standards: Standards, quarter_end: dt.date) -> list[dict[str, object]]:
    """Damage a few rows the ways real files are damaged, and add a duplicate."""
    damaged = [dict(r) for r in rows]
    picks = rng.sample(range(len(damaged)), k=min(len(damaged), 6))
    damaged[picks[0]]["date_of_birth"] = None  # missing DOB
    damaged[picks[1]]["date_of_birth"] = "31/02/1990"  # impossible date
    if damaged[picks[2]].get("nhi"):
        damaged[picks[2]]["nhi"] = corrupt_nhi(str(damaged[picks[2]]["nhi"]), standards)  # bad check digit
    damaged[picks[3]]["date_of_birth"] = (quarter_end + dt.timedelta(days=400)).strftime("%d/%m/%Y")  # DOB in the future
    damaged[picks[4]]["gender"] = "9"  # not a gender code
    damaged.insert(picks[5] + 1, dict(damaged[picks[5]]))  # exact duplicate row
    return damaged


def write_csv(path: Path, header: list[str], rows: list[list[object]], encoding: str, delimiter: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))


def write_xlsx(path: Path, header: list[str], rows: list[list[object]], title: str | None) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Clients"
    if title:
        sheet.append([title])
        sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"
    book.save(path)


def generate_samples(out_dir: Path, standards: Standards, quarters: tuple[str, ...] = ("2026Q2", "2026Q3"), seed: int = 20260701) -> list[Path]:
    """Write every provider's submission for every quarter under out_dir/<provider>/<quarter>/."""
    gen = SampleGenerator(standards, seed=seed)
    rng = gen.rng
    reference = quarter_bounds(quarters[0])[0]
    cohorts: dict[str, list[Person]] = {p.slug: [gen.person(reference) for _ in range(p.clients_per_quarter)] for p in PROFILES}
    # A few families attend two providers: same person, two providers' files.
    shared = cohorts[PROFILES[0].slug][:6]
    cohorts[PROFILES[1].slug][:6] = shared
    written: list[Path] = []
    for q_index, quarter in enumerate(quarters):
        for p_index, profile in enumerate(PROFILES):
            people = cohorts[profile.slug]
            if q_index > 0:  # about a fifth leave and new clients join each quarter
                leavers = set(rng.sample(range(len(people)), k=len(people) // 5))
                people = [person for i, person in enumerate(people) if i not in leavers]
                people += [gen.person(reference) for _ in range(len(leavers))]
                cohorts[profile.slug] = people
            rows = [profile.shape_row(gen.standard_row(person, quarter, p_index + 1)) for person in people]
            rows = _bad_rows(rows, rng, standards, quarter_bounds(quarter)[1])
            header = list(profile.headers.values()) + list(profile.extra_columns)
            table = [[row.get(field_name) for field_name in profile.headers] + [make(rng) for make in profile.extra_columns.values()] for row in rows]
            folder = out_dir / profile.slug / quarter
            folder.mkdir(parents=True, exist_ok=True)
            stem = f"{profile.slug}_{quarter}"
            if profile.file_format == "xlsx":
                path = folder / f"{stem}.xlsx"
                write_xlsx(path, header, table, profile.title_row)
            else:
                path = folder / f"{stem}.csv"
                write_csv(path, header, table, profile.encoding, profile.delimiter)
            written.append(path)
    return written


def generate_large(out_path: Path, standards: Standards, rows: int = 1_000_000, providers: int = 200,
                   quarter: str = "2026Q3", seed: int = 7, pool_size: int = 20_000) -> Path:
    """A large submission in the standard layout (all text columns) for benchmarks.

    A pool of realistic rows is generated once and then drawn from with replacement,
    with unique client references and providers spread evenly, so a million rows take seconds.
    A row drawn twice is the same person (same NHI, name and date of birth) at another provider:
    with `pool_size` at least `rows`, every row is a person of its own (about 80 s a million), as
    a quarter whose person-level measures mean something needs (`bench_e2e`: drawn with
    replacement, each person sat at five random providers of 200 and person-level k rightly
    found nearly everyone unique).
    """
    import numpy as np
    import polars as pl

    gen = SampleGenerator(standards, seed=seed)
    reference = quarter_bounds(quarter)[0]
    pool = []
    for _ in range(min(pool_size, rows)):
        row = _tamaki(gen.standard_row(gen.person(reference), quarter, 1))
        pool.append({k: (None if row.get(k) is None else str(row[k])) for k in STANDARD_COLUMNS})
    base = pl.DataFrame(pool, schema={k: pl.Utf8 for k in STANDARD_COLUMNS})
    rng = np.random.default_rng(seed)
    picks = rng.permutation(base.height)[:rows] if base.height >= rows else rng.integers(0, base.height, rows)
    frame = base[picks].with_columns(
        pl.format("C{}", pl.int_range(rows, dtype=pl.Int64)).alias("client_ref"),
        pl.format("provider-{}", (pl.int_range(rows, dtype=pl.Int64) % providers).cast(pl.Utf8).str.zfill(3)).alias("provider"),
    )
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if out_path.suffix == ".csv":
        frame.write_csv(out_path)
    else:
        frame.write_parquet(out_path)
    return out_path
