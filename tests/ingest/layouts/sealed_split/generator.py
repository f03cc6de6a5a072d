"""Sealed corpus of New Zealand provider quarterly-return files (issue 12, item 9).

Written blind from the brief: 20 layouts SEALED01..SEALED20, each with its files in
``<out>/<layout>/landing/<provider>/<quarter>/`` and its true column mapping in
``<out>/<layout>/truth.json``.  Standard library plus openpyxl only; ODS is written by hand.

Usage::

    python generator.py --out DIR           # write the corpus
    python generator.py --out DIR --check   # write it, then re-read every file and check it
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import gzip
import io
import json
import pathlib
import random
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape as xml_escape

SEED = 8_406_2026
TODAY = dt.date(2026, 12, 6)

# --------------------------------------------------------------------------------------
# Identifiers
# --------------------------------------------------------------------------------------
NHI_ALPHA = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, no O


def _nhi_val(c: str) -> int:
    return NHI_ALPHA.index(c) + 1 if c.isalpha() else int(c)


def nhi_check(s: str) -> str | None:
    """Check character for the first six characters, or None when no valid one exists."""
    total = sum(_nhi_val(c) * w for c, w in zip(s[:6], (7, 6, 5, 4, 3, 2), strict=False))
    if s[5].isdigit():  # old format AAANNNC, mod 11
        r = total % 11
        if r in (0, 1):  # 0 invalid; 1 gives 10 (avoid the "10 -> 0" corner)
            return None
        return str(11 - r)
    r = total % 23  # new format AAANNAX, mod 23
    if r == 0:
        return None
    return NHI_ALPHA[23 - r - 1]


def nhi_valid(s: str) -> bool:
    s = s.strip().upper()
    if len(s) != 7 or any(c not in NHI_ALPHA for c in s[:3]) or not s[3:5].isdigit():
        return False
    if not (s[5].isdigit() or s[5] in NHI_ALPHA):
        return False
    return nhi_check(s) == s[6]


def make_nhi(r: random.Random, new_format: bool) -> str:
    while True:
        letters = "".join(r.choice(NHI_ALPHA[:-1]) for _ in range(3))  # skip Z (test range)
        if new_format:
            body = letters + f"{r.randint(0, 99):02d}" + r.choice(NHI_ALPHA)
        else:
            body = letters + f"{r.randint(0, 999):03d}"
        c = nhi_check(body)
        if c is not None:
            return body + c


def ird_valid(s: str) -> bool:
    digits = "".join(ch for ch in str(s) if ch.isdigit())
    if not 8 <= len(digits) <= 9:
        return False
    n = int(digits)
    if not 10_000_000 < n < 150_000_000:
        return False
    s9 = digits.zfill(9)
    base, chk = s9[:8], int(s9[8])
    for w in ((3, 2, 7, 6, 5, 4, 3, 2), (7, 4, 3, 2, 5, 2, 7, 6)):
        r = sum(int(a) * b for a, b in zip(base, w, strict=False)) % 11
        c = 0 if r == 0 else 11 - r
        if c != 10:
            return c == chk
    return False


def make_ird(r: random.Random) -> str:
    while True:
        base = r.randint(1_500_000, 14_999_999)
        s8 = f"{base:08d}"
        rem = sum(int(a) * b for a, b in zip(s8, (3, 2, 7, 6, 5, 4, 3, 2), strict=False)) % 11
        c = 0 if rem == 0 else 11 - rem
        if c == 10:
            continue
        digits = s8 + str(c)
        if ird_valid(digits):
            return digits.lstrip("0")


# --------------------------------------------------------------------------------------
# Vocabularies (own lists)
# --------------------------------------------------------------------------------------
GIVEN = {
    "maori": {
        "F": ["Aroha", "Mereana", "Hine", "Kahurangi", "Ngaio", "Anahera", "Kiri", "Māia", "Pania", "Huia",
              "Marama", "Ataahua", "Tui", "Moana", "Hinemoa", "Te Aomihia", "Waimarie", "Kōwhai", "Ria", "Roimata"],
        "M": ["Wiremu", "Hemi", "Rawiri", "Tāne", "Manaia", "Te Ariki", "Nikau", "Tamati", "Rangi", "Hōhepa",
              "Whetu", "Ihaia", "Kauri", "Rewi", "Tipene", "Paora", "Te Rangi", "Mataora", "Kaiah", "Ruaumoko"],
    },
    "pacific": {
        "F": ["Losana", "Mele", "Ana", "Lagi", "Talia", "Salote", "Malia", "Litia", "Seini", "Ofa", "Vaea",
              "Sina", "Fetu", "Lupe", "Teuila", "Akanesi", "Moana", "Tangi", "Losaline", "Elenoa"],
        "M": ["Sione", "Siaosi", "Tevita", "Ioane", "Viliami", "Tavita", "Pita", "Epeli", "Semisi", "Faamanu",
              "Lavea", "Kalolo", "Sefo", "Malakai", "Tomasi", "Ropati", "Manu", "Aisea", "Feleti", "Iosefa"],
    },
    "pakeha": {
        "F": ["Olivia", "Charlotte", "Emily", "Sophie", "Bridget", "Kate", "Brooke", "Tessa", "Nicola", "Megan",
              "Claire", "Ruby", "Isla", "Hayley", "Shannon", "Kirsty", "Jodie", "Stacey", "Amber", "Georgia"],
        "M": ["Jack", "Oliver", "Liam", "Hamish", "Fergus", "Lachlan", "Cameron", "Shane", "Wayne", "Dean",
              "Josh", "Zac", "Brendon", "Craig", "Tyler", "Blake", "Corey", "Mitchell", "Nathan", "Ryan"],
    },
    "asian": {
        "F": ["Jia Hui", "Xiu Ying", "Mei Ling", "Yuki", "Linh", "Thi Lan", "Soo-ah", "Ji-woo", "Maricel", "Ai",
              "Hoa", "Min-seo", "Rowena", "Haruka", "Xin Yi"],
        "M": ["Wei", "Min-jun", "Hyun-woo", "Ji-ho", "Haruto", "Minh", "Chen", "Rizal", "Arnel", "Jun",
              "Bao", "Tuan", "Kenji", "Hao", "Joel"],
    },
    "indian": {
        "F": ["Priya", "Anjali", "Harpreet", "Simran", "Aditi", "Deepa", "Kavya", "Neha", "Sunita", "Amrit",
              "Shalini", "Pooja", "Roshni", "Anita"],
        "M": ["Arjun", "Ravi", "Gurpreet", "Rohan", "Sanjay", "Mandeep", "Vikram", "Rajesh", "Amit", "Karan",
              "Sunil", "Deepak", "Jaswinder", "Nikhil"],
    },
}
FAMILY = {
    "maori": ["Ngata", "Tipene", "Te Rangi", "Walker", "Tamihana", "Parata", "Herewini", "Kereama", "Paewai",
              "Te Whata", "Hohaia", "Karaka", "Waaka", "Tautari", "Wihongi", "Harawira", "Heke", "Rewiti",
              "Ruatapu", "Poutama", "Te Kani", "Marino", "Tūhiwai", "Pōmare", "Hapeta", "Rāwiri", "Kingi"],
    "pacific": ["Fifita", "Taufa", "Tuilagi", "Faleolo", "Leota", "Pouono", "Havili", "Latu", "Vaifale", "Tupou",
                "Samasoni", "Aumua", "Fonoti", "Mafi", "Kioa", "Toleafoa", "Sapolu", "Mataia", "Tuipulotu",
                "Fa'asavalu", "Naufahu", "Rarotonga", "Tafuna", "Vainikolo"],
    "pakeha": ["Thompson", "Wilson", "McKenzie", "Fraser", "Campbell", "Harris", "O'Connor", "Stewart", "Anderson",
               "Murray", "Robertson", "Gallagher", "Dunn", "Baker", "Bell", "Scott", "Turner", "Henderson",
               "Fitzgerald", "MacDonald", "Kerr", "Hughes", "Reid", "van der Berg", "Sutherland"],
    "asian": ["Zhang", "Li", "Wang", "Liu", "Chen", "Kim", "Park", "Lee", "Nguyen", "Tran", "Tanaka", "Santos",
              "Reyes", "Cruz", "Wong", "Chan", "Huang", "Pham", "Yamamoto", "dela Cruz"],
    "indian": ["Singh", "Kaur", "Patel", "Sharma", "Prasad", "Kumar", "Naidu", "Reddy", "Chand", "Gill", "Sandhu",
               "Lal", "Narayan", "Mehta", "Dhillon"],
}
ETHNIC_OF_GROUP = {
    "maori": ["maori"],
    "pacific": ["samoan", "samoan", "tongan", "tongan", "cook", "niuean", "fijian"],
    "pakeha": ["nzeuro", "nzeuro", "nzeuro", "british", "dutch"],
    "asian": ["chinese", "chinese", "korean", "filipino", "vietnamese", "japanese"],
    "indian": ["indian"],
}
ETH_LABEL = {"nzeuro": "NZ European", "british": "British", "dutch": "Dutch", "maori": "Māori",
             "samoan": "Samoan", "tongan": "Tongan", "cook": "Cook Islands Māori", "niuean": "Niuean",
             "fijian": "Fijian", "chinese": "Chinese", "korean": "Korean", "filipino": "Filipino",
             "vietnamese": "Vietnamese", "japanese": "Japanese", "indian": "Indian"}
ETH_L2 = {"nzeuro": "11", "british": "12", "dutch": "12", "maori": "21", "samoan": "31", "cook": "32",
          "tongan": "33", "niuean": "34", "fijian": "36", "filipino": "41", "vietnamese": "41",
          "chinese": "42", "indian": "43", "korean": "44", "japanese": "44"}
ETH_L4 = {"nzeuro": "11111", "british": "12000", "dutch": "12000", "maori": "21111", "samoan": "31111",
          "cook": "32100", "tongan": "33111", "niuean": "34111", "fijian": "36111", "filipino": "41000",
          "vietnamese": "41000", "chinese": "42100", "indian": "43100", "korean": "44000", "japanese": "44000"}
IWI = ["Ngāpuhi", "Ngāti Porou", "Waikato-Tainui", "Ngāi Tahu", "Ngāti Kahungunu", "Te Arawa", "Ngāi Tūhoe",
       "Ngāti Maniapoto", "Te Rarawa", "Ngāti Awa", "Ngāti Tūwharetoa", "Te Aupōuri", "Ngāti Raukawa",
       "Te Whakatōhea", "Te Āti Awa", "Ngāti Whātua", "Rongowhakaata", "Ngāti Ruanui", "Ngāti Hine",
       "Te Whānau-ā-Apanui"]
# (suburb, town, postcode, landline area code)
PLACES = [
    ("Ōtāhuhu", "Auckland", "1062", "09"), ("Manurewa", "Auckland", "2102", "09"),
    ("Papatoetoe", "Auckland", "2025", "09"), ("Māngere East", "Auckland", "2024", "09"),
    ("Ōtara", "Auckland", "2023", "09"), ("Henderson", "Auckland", "0612", "09"),
    ("Glen Eden", "Auckland", "0602", "09"), ("Mount Roskill", "Auckland", "1041", "09"),
    ("Onehunga", "Auckland", "1061", "09"), ("Papakura", "Auckland", "2110", "09"),
    ("Glen Innes", "Auckland", "1072", "09"), ("Massey", "Auckland", "0614", "09"),
    ("Ranui", "Auckland", "0612", "09"), ("Clover Park", "Auckland", "2023", "09"),
    ("Frankton", "Hamilton", "3204", "07"), ("Nawton", "Hamilton", "3200", "07"),
    ("Enderley", "Hamilton", "3214", "07"), ("Fairfield", "Hamilton", "3214", "07"),
    ("Fordlands", "Rotorua", "3015", "07"), ("Western Heights", "Rotorua", "3015", "07"),
    ("Koutu", "Rotorua", "3010", "07"), ("Ngongotahā", "Rotorua", "3010", "07"),
    ("Greerton", "Tauranga", "3112", "07"), ("Welcome Bay", "Tauranga", "3112", "07"),
    ("Merivale", "Tauranga", "3112", "07"), ("Tikipunga", "Whangārei", "0112", "09"),
    ("Otangarei", "Whangārei", "0112", "09"), ("Raumanga", "Whangārei", "0110", "09"),
    ("Kaiti", "Gisborne", "4010", "06"), ("Elgin", "Gisborne", "4010", "06"),
    ("Maraenui", "Napier", "4110", "06"), ("Onekawa", "Napier", "4110", "06"),
    ("Flaxmere", "Hastings", "4120", "06"), ("Camberley", "Hastings", "4120", "06"),
    ("Highbury", "Palmerston North", "4412", "06"), ("Awapuni", "Palmerston North", "4412", "06"),
    ("Castlecliff", "Whanganui", "4501", "06"), ("Aramoho", "Whanganui", "4500", "06"),
    ("Cannons Creek", "Porirua", "5024", "04"), ("Waitangirua", "Porirua", "5024", "04"),
    ("Naenae", "Lower Hutt", "5011", "04"), ("Taitā", "Lower Hutt", "5011", "04"),
    ("Wainuiomata", "Lower Hutt", "5014", "04"), ("Newtown", "Wellington", "6021", "04"),
    ("Aranui", "Christchurch", "8061", "03"), ("Linwood", "Christchurch", "8062", "03"),
    ("Hornby", "Christchurch", "8042", "03"), ("Shirley", "Christchurch", "8061", "03"),
    ("Caversham", "Dunedin", "9012", "03"), ("Brockville", "Dunedin", "9011", "03"),
    ("Glengarry", "Invercargill", "9810", "03"), ("Strathern", "Invercargill", "9812", "03"),
    ("Stoke", "Nelson", "7011", "03"), ("Kaikohe", "Kaikohe", "0405", "09"),
    ("Kaitāia", "Kaitāia", "0410", "09"), ("Kawerau", "Kawerau", "3127", "07"),
    ("Tokoroa", "Tokoroa", "3420", "07"), ("Huntly", "Huntly", "3700", "07"),
]
STREETS = ["Kōwhai Street", "Rimu Road", "Tōtara Avenue", "Pūriri Crescent", "Matai Place", "Kahikatea Drive",
           "Nīkau Grove", "Harakeke Lane", "Victoria Street", "Queen Street", "King Street", "Church Road",
           "Station Road", "Hospital Road", "Domain Road", "Beach Road", "Park Avenue", "Russell Street",
           "Grey Street", "Cameron Road", "Great South Road", "Massey Road", "Bader Drive", "Te Irirangi Drive",
           "Pōhutukawa Place", "Miro Street", "Tui Crescent", "Kererū Close", "Seddon Street", "Ballance Street"]
REFERRERS = {
    "gp": ["GP", "GP / doctor", "Medical centre"], "ot": ["Oranga Tamariki", "OT"], "police": ["Police", "NZ Police"],
    "self": ["Self", "Self-referral", "Walk-in"], "whanau": ["Whānau", "Family member"],
    "school": ["School", "School counsellor"], "msd": ["MSD", "Work and Income"],
    "court": ["Court", "Family Court", "Youth Court"], "hosp": ["Hospital social worker"],
    "plunket": ["Plunket", "Well Child nurse"], "corrections": ["Corrections", "Probation"],
    "iwi": ["Iwi provider", "Marae"], "kainga": ["Kāinga Ora"], "lawyer": ["Lawyer"],
}
REF_CODE = {"gp": "GP", "ot": "OT", "police": "POL", "self": "SELF", "whanau": "WHN", "school": "SCH", "msd": "MSD",
            "court": "CRT", "hosp": "HOSP", "plunket": "PLK", "corrections": "CORR", "iwi": "IWI",
            "kainga": "KO", "lawyer": "LAW"}
NOTES = {
    "budget": ["Worked through the weekly budget; power arrears now on a payment plan.",
               "Client brought bank statements and we set up a rent redirection.",
               "Supported an application for a hardship grant with Work and Income.",
               "Discussed debt consolidation options, will follow up with the lender next week.",
               "KiwiSaver hardship withdrawal declined, looking at other options.",
               "Car finance contract reviewed, referred to the community law centre.",
               "Set up automatic payments for phone and internet.",
               "Missed appointment, texted and rebooked for Thursday."],
    "fv": ["Attended group and shared openly about his triggers.",
           "Safety plan reviewed with the partner advocate.",
           "Missed last session, texted and rescheduled.",
           "Talked through the time-out plan and practised it in role play.",
           "Completed module four on respectful relationships.",
           "Protection order in place; contact through the lawyer only.",
           "Children staying with their nan for now, whānau hui planned."],
    "yj": ["Met at school and talked about getting a learner licence.",
           "Attended the family group conference with whānau; plan agreed.",
           "Late today but engaged well, we went to the gym afterwards.",
           "Court appearance adjourned, supported with bail conditions.",
           "Started part-time work at the local café, going well so far.",
           "Curfew checks all fine this week.",
           "Reconnected with his koro, planning a trip back to the marae."],
    "home": ["Home visit with māmā and pēpi, we talked about sleep routines.",
             "Whānau hui held at Nan's whare; housing application lodged.",
             "Helped the whānau enrol at the local kōhanga reo.",
             "Pēpi weighed and growing well, immunisations up to date.",
             "Kōrero about kai and budgeting, dropped off a food parcel.",
             "Dad joined the visit today and asked about parenting courses.",
             "Māmā is feeling more settled since moving into the new house."],
    "ece": ["Enjoyed water play and waiata today.",
            "Settling in well, still a bit shy at mat time.",
            "Parent stayed for the whole session and joined in.",
            "Speech is coming along; referred to a speech language therapist.",
            "Loves the sandpit and made friends with another tamaiti.",
            "Tired today, went home early with grandma.",
            "Counting to ten in te reo and in Samoan."],
}
RELATION = ["Mum", "Dad", "Nan", "Koro", "Aunty", "Uncle", "Grandmother", "Sister", "Partner", "Whāngai parent"]
STATE_KEYS = ["completed", "exited", "ongoing", "referred", "moved"]
CONSENT_KEYS = ["yes", "no", "declined", "withdrawn", "not_asked"]

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BadDate:
    """A date that is not a real calendar date (e.g. 30 February)."""
    y: int
    m: int
    d: int


def quarter_range(q: str) -> tuple[dt.date, dt.date]:
    year, n = int(q[:4]), int(q[5])
    m0 = 3 * (n - 1) + 1
    start = dt.date(year, m0, 1)
    end = dt.date(year, m0 + 2, calendar.monthrange(year, m0 + 2)[1])
    return start, end


def rand_date(r: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=r.randint(0, (hi - lo).days))


def excel_serial(d: dt.date) -> int:
    return (d - dt.date(1899, 12, 30)).days


def fmt_date(d: Any, style: str) -> Any:
    """Render a date (or BadDate) in one of many provider styles. ``None`` -> ''."""
    if d is None or d == "":
        return ""
    if isinstance(d, BadDate):
        y, m, dd = d.y, d.m, d.d
    else:
        y, m, dd = d.year, d.month, d.day
    mon = MONTHS[m - 1] if 1 <= m <= 12 else "Feb"
    if style == "dmy":
        return f"{dd:02d}/{m:02d}/{y}"
    if style == "dmy_np":
        return f"{dd}/{m}/{y}"
    if style == "dmy2":
        return f"{dd}/{m}/{y % 100:02d}"
    if style == "d-mmm-yy":
        return f"{dd}-{mon}-{y % 100:02d}"
    if style == "dd-mmm-yyyy":
        return f"{dd:02d}-{mon}-{y}"
    if style == "iso":
        return f"{y}-{m:02d}-{dd:02d}"
    if style == "ymd8":
        return f"{y}{m:02d}{dd:02d}"
    if style == "dot":
        return f"{dd:02d}.{m:02d}.{y}"
    if style == "ymd_slash":
        return f"{y}/{m:02d}/{dd:02d}"
    if style == "long":
        full = calendar.month_name[m] if 1 <= m <= 12 else "February"
        return f"{dd} {full} {y}"
    if style in ("cell", "serial"):
        if isinstance(d, BadDate):
            return f"{dd:02d}/{m:02d}/{y}"  # typed in as text, not a real date
        return d if style == "cell" else excel_serial(d)
    raise ValueError(style)


def fmt_dt(d: dt.datetime, style: str) -> Any:
    if style == "iso_t":
        return d.strftime("%Y-%m-%dT%H:%M:%S")
    if style == "dmy_hm":
        return d.strftime("%d/%m/%Y %H:%M")
    if style == "ymd_hms":
        return d.strftime("%Y/%m/%d %I:%M:%S %p")
    if style == "cell":
        return d
    raise ValueError(style)


# --------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------
def strip_macrons(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def pick_group(r: random.Random, mix: dict[str, float]) -> str:
    x = r.random() * sum(mix.values())
    for k, w in mix.items():
        x -= w
        if x <= 0:
            return k
    return k


@dataclass
class Ctx:
    """Everything a layout needs to make people: quarter, programme kind, vocabularies."""
    quarter: str
    kind: str                      # budget | fv | yj | home | ece
    mix: dict[str, float]
    age: tuple[int, int]
    programmes: list[str]
    referrers: list[str]
    staff: list[str]
    start_in_quarter: bool = False
    new_nhi_share: float = 0.15
    scale: tuple[int, int] = (1, 10)


def make_person(r: random.Random, ctx: Ctx, idx: int, service_window: tuple[dt.date, dt.date] | None = None) -> dict:
    q0, q1 = quarter_range(ctx.quarter)
    if service_window:
        q0, q1 = service_window
    group = pick_group(r, ctx.mix)
    sex = r.choice("FM") if r.random() > 0.03 else "X"
    gpool = GIVEN[group]["F" if sex == "X" and r.random() < .5 else ("M" if sex == "X" else sex)]
    given = r.choice(gpool)
    if r.random() < 0.12:
        second = r.choice(gpool)
        if second != given:
            given = f"{given} {second}"
    fam_group = group if r.random() < 0.8 else pick_group(r, ctx.mix)
    family = r.choice(FAMILY[fam_group])
    eths = [r.choice(ETHNIC_OF_GROUP[group])]
    if fam_group != group:
        eths.append(r.choice(ETHNIC_OF_GROUP[fam_group]))
    elif group == "maori" and r.random() < 0.3:
        eths.append("nzeuro")
    elif group == "pacific" and r.random() < 0.2:
        eths.append("maori")
    eths = list(dict.fromkeys(eths))
    lo_age, hi_age = ctx.age
    dob = rand_date(r, dt.date(q0.year - hi_age - 1, q0.month, 1), q0 - dt.timedelta(days=365 * lo_age + 30))
    iwi = []
    if "maori" in eths:
        iwi = [r.choice(IWI)] + ([r.choice(IWI)] if r.random() < 0.25 else [])
        iwi = list(dict.fromkeys(iwi))
    place = r.choice(PLACES)
    start_lo = q0 if ctx.start_in_quarter else q0 - dt.timedelta(days=r.choice([30, 120, 300]))
    service = rand_date(r, q0, q1)
    start = rand_date(r, start_lo, service)
    mob = r.random() < 0.8
    if mob:
        phone = (r.choice(["021", "022", "027", "020", "029"]), f"{r.randint(100, 999)}", f"{r.randint(1000, 9999)}")
    else:
        phone = (place[3], f"{r.randint(2, 9)}{r.randint(10, 99)}", f"{r.randint(1000, 9999)}")
    ascii_g = strip_macrons(given.split()[0]).lower().replace("'", "")
    ascii_f = strip_macrons(family).lower().replace(" ", "").replace("'", "")
    email = r.choice([f"{ascii_g}.{ascii_f}@gmail.com", f"{ascii_g}{r.randint(1, 99)}@xtra.co.nz",
                      f"{ascii_g[0]}{ascii_f}@hotmail.com", f"{ascii_f}.{ascii_g}{r.randint(70, 99)}@outlook.com",
                      f"{ascii_g}_{ascii_f}@yahoo.co.nz"])
    cg_group = group if r.random() < 0.85 else pick_group(r, ctx.mix)
    cg_sex = r.choice("FM")
    caregiver = f"{r.choice(GIVEN[cg_group][cg_sex])} {family if r.random() < 0.6 else r.choice(FAMILY[cg_group])}"
    state = r.choices(STATE_KEYS, weights=[30, 15, 40, 8, 7])[0]
    lo_s, hi_s = ctx.scale
    wb_start = r.randint(lo_s, lo_s + (hi_s - lo_s) * 2 // 3)
    wb_end = min(hi_s, wb_start + r.randint(-1, (hi_s - lo_s) // 2)) if state != "ongoing" or r.random() < 0.5 else None
    sessions = r.randint(1, 24) if state != "exited" else r.randint(0, 4)
    notes = " ".join(r.sample(NOTES[ctx.kind], r.choice([1, 1, 2])))
    return {
        "idx": idx, "r": random.Random(r.random()), "group": group, "sex": sex, "given": given, "family": family,
        "dob": dob, "eths": eths, "iwi": iwi, "nhi": make_nhi(r, r.random() < ctx.new_nhi_share),
        "ird": make_ird(r), "phone": phone, "mobile": mob, "email": email,
        "street": f"{r.randint(1, 240)}{r.choice(['', '', '', 'A', 'B'])} {r.choice(STREETS)}",
        "unit": r.random() < 0.1, "suburb": place[0], "town": place[1], "postcode": place[2],
        "programme": r.choice(ctx.programmes), "referral": r.choice(ctx.referrers), "start": start,
        "service": service, "sessions": sessions, "state": state,
        "consent": r.choices(CONSENT_KEYS, weights=[60, 10, 12, 4, 14])[0],
        "wb_start": wb_start, "wb_end": wb_end, "notes": notes, "caregiver": caregiver,
        "relation": r.choice(RELATION), "worker": r.choice(ctx.staff), "blank_name": False,
    }


# ---- renderers -----------------------------------------------------------------------
def full_name(p: dict, style: str = "gf") -> str:
    g, f = p["given"], p["family"]
    if not g and not f:
        return ""
    return {
        "gf": f"{g} {f}", "FG": f"{f.upper()}, {g}", "Fg": f"{f}, {g}", "GF_caps": f"{g} {f}".upper(),
        "lower": f"{g} {f}".lower(), "gF": f"{g} {f.upper()}", "FG_caps": f"{f}, {g}".upper(),
    }[style]


def gender(p: dict, style: str) -> str:
    s = p["sex"]
    return {
        "MF": {"F": "F", "M": "M", "X": "X"}, "word": {"F": "Female", "M": "Male", "X": "Another gender"},
        "reo": {"F": "Wahine", "M": "Tāne", "X": "Ira kē"}, "code": {"F": "2", "M": "1", "X": "3"},
        "lower": {"F": "female", "M": "male", "X": "gender diverse"},
        "mixed": {"F": "Wahine / Female", "M": "Tāne / Male", "X": "Non-binary"},
        "girlboy": {"F": "Girl", "M": "Boy", "X": "Not stated"},
    }[style][s]


def eth(p: dict, style: str = "label", sep: str | None = None, n: int | None = None) -> str:
    table = {"label": ETH_LABEL, "l2": ETH_L2, "l4": ETH_L4}[style]
    vals = [table[e] for e in p["eths"]]
    if n is not None:
        return vals[n] if n < len(vals) else ""
    if sep is None:
        return vals[0]
    return sep.join(vals)


def phone(p: dict, style: str = "spaced") -> str:
    a, b, c = p["phone"]
    if p["r"].random() < 0.06:
        return ""
    if style == "spaced":
        return f"{a} {b} {c}" if p["mobile"] else f"({a}) {b} {c}"
    if style == "plain":
        return f"{a}{b}{c}"
    if style == "intl":
        return f"+64 {a[1:]} {b} {c}"
    if style == "dash":
        return f"{a}-{b}-{c}"
    raise ValueError(style)


def address(p: dict, style: str = "full") -> str:
    st = p["street"]
    if p["unit"]:
        st = f"{p['r'].randint(1, 6)}/{st}"
    if style == "full":
        return f"{st}, {p['suburb']}, {p['town']} {p['postcode']}"
    if style == "nopc":
        return f"{st}, {p['suburb']}, {p['town']}"
    if style == "street":
        return st
    raise ValueError(style)


def maybe_nhi(p: dict, blank_share: float) -> str:
    """An NHI that is sometimes not recorded (never on a row whose only identity is the NHI)."""
    if not p["nhi"] or p.get("keep_nhi"):
        return p["nhi"]
    return maybe(p, p["nhi"], blank_share)


def maybe(p: dict, value: Any, blank_share: float) -> Any:
    return "" if p["r"].random() < blank_share else value


def ref_label(p: dict) -> str:
    return p["r"].choice(REFERRERS[p["referral"]])


def pick(p: dict, vocab: dict[str, Any], key: str) -> Any:
    v = vocab[p[key]]
    return p["r"].choice(v) if isinstance(v, list) else v


# --------------------------------------------------------------------------------------
# Layout model
# --------------------------------------------------------------------------------------
@dataclass
class Col:
    header: str
    target: str | None
    fn: Callable[[dict], Any]
    group: str | None = None


@dataclass
class Table:
    sheet: str | None
    cols: list[Col]
    people: list[dict]
    pre: list[list[Any]] = field(default_factory=list)     # rows above the header (title / cover rows)
    group_row: bool = False                                # a merged/group header row directly above the header
    post: list[list[Any]] = field(default_factory=list)    # notes rows below the data (after one blank row)
    rows: list[list[Any]] = field(default_factory=list)
    invalid: int = 0

    @property
    def header_row(self) -> int:
        return len(self.pre) + (1 if self.group_row else 0) + 1


@dataclass
class FileSpec:
    name: str
    fmt: str                       # csv | tsv | csv.gz | xlsx | ods | json
    tables: list[Table]
    encoding: str | None = None
    delimiter: str | None = None
    newline: str = "\n"
    extra_sheets: list[tuple[int, str, list[list[Any]]]] = field(default_factory=list)  # (position, name, rows)
    json_nulls: bool = True


def render_table(t: Table, r: random.Random, invalid_kinds: list[str]) -> None:
    """Fill ``t.rows``; some people are made invalid (no identity / impossible or future DOB)."""
    targets = {c.target for c in t.cols}
    has_dob = "date_of_birth" in targets
    has_nhi = "nhi" in targets
    n = len(t.people)
    k = min(len(invalid_kinds), 3)
    chosen = r.sample(range(2, n - 1), k + 1)
    for i, kind in zip(chosen, invalid_kinds[:k], strict=False):
        p = t.people[i]
        if kind == "noname" or not has_dob:
            p["given"] = p["family"] = ""
            p["nhi"] = ""
            p["blank_name"] = True
        elif kind == "baddob":
            d = p["dob"]
            bad = [BadDate(d.year, 2, 30), BadDate(d.year, 2, 31), BadDate(d.year, 4, 31), BadDate(d.year, 6, 31),
                   BadDate(d.year, 9, 31), BadDate(d.year, 11, 31)]
            if not calendar.isleap(d.year):
                bad.append(BadDate(d.year, 2, 29))
            p["dob"] = r.choice(bad)
        elif kind == "future":
            p["dob"] = dt.date(r.randint(2029, 2035), r.randint(1, 12), r.randint(1, 28))
        p["invalid"] = kind
    # a valid row that has no name but does have an NHI (identity from NHI alone)
    if has_nhi and r.random() < 0.6:
        i = chosen[-1]
        p = t.people[i]
        p["given"] = p["family"] = ""
        p["keep_nhi"] = True
    t.invalid = k
    t.rows = [[c.fn(p) for c in t.cols] for p in t.people]


# --------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------
def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, dt.datetime):
        return v.strftime("%d/%m/%Y %H:%M")
    if isinstance(v, dt.date):
        return v.strftime("%d/%m/%Y")
    return str(v)


def _delimited_lines(t: Table, fs: FileSpec) -> list[list[str]]:
    width = len(t.cols)
    out: list[list[str]] = []
    for row in t.pre:
        out.append([_cell_text(v) for v in row] + [""] * max(0, width - len(row)) if row else [])
    if t.group_row:
        grow, last = [], object()
        for c in t.cols:
            grow.append(c.group if c.group and c.group != last else "")
            last = c.group
        out.append(grow)
    out.append([c.header for c in t.cols])
    out.extend([[_cell_text(v) for v in row] for row in t.rows])
    if t.post:
        out.append([])
        for row in t.post:
            out.append([_cell_text(v) for v in row])
    return out


def write_delimited(path: pathlib.Path, fs: FileSpec) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=fs.delimiter, lineterminator=fs.newline, quoting=csv.QUOTE_MINIMAL)
    for t in fs.tables:
        for line in _delimited_lines(t, fs):
            w.writerow(line)
    text = buf.getvalue()
    if fs.encoding == "cp1252":
        text = strip_macrons(text)
    enc = fs.encoding
    data = text.encode(enc)  # utf-16 adds its BOM; utf-8-sig adds the UTF-8 BOM
    if fs.fmt == "csv.gz":
        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)


def write_json(path: pathlib.Path, fs: FileSpec) -> None:
    t = fs.tables[0]
    recs = []
    for row in t.rows:
        rec = {}
        for c, v in zip(t.cols, row, strict=False):
            if v == "" and fs.json_nulls:
                v = None
            rec[c.header] = v
        recs.append(rec)
    path.write_text(json.dumps(recs, ensure_ascii=False, indent=1), encoding="utf-8")


def write_xlsx(path: pathlib.Path, fs: FileSpec) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.remove(wb.active)
    sheets: list[tuple[str, Any]] = [(t.sheet, t) for t in fs.tables]
    for pos, name, rows in fs.extra_sheets:
        sheets.insert(pos, (name, rows))
    for name, obj in sheets:
        ws = wb.create_sheet(name)
        if isinstance(obj, list):
            for row in obj:
                ws.append(row)
            ws.column_dimensions["A"].width = 90
            continue
        t: Table = obj
        for row in t.pre:
            ws.append(row)
        if t.pre:
            ws.cell(1, 1).font = Font(bold=True, size=14)
        if t.group_row:
            rnum = len(t.pre) + 1
            i = 0
            while i < len(t.cols):
                g = t.cols[i].group
                j = i
                while j + 1 < len(t.cols) and g and t.cols[j + 1].group == g:
                    j += 1
                if g:
                    ws.cell(rnum, i + 1, g).alignment = Alignment(horizontal="center")
                    ws.cell(rnum, i + 1).font = Font(bold=True)
                    if j > i:
                        ws.merge_cells(start_row=rnum, start_column=i + 1, end_row=rnum, end_column=j + 1)
                i = j + 1
        hr = t.header_row
        for ci, c in enumerate(t.cols, 1):
            ws.cell(hr, ci, c.header).font = Font(bold=True)
        for ri, row in enumerate(t.rows, hr + 1):
            for ci, v in enumerate(row, 1):
                if v == "" or v is None:
                    continue
                cell = ws.cell(ri, ci, v)
                if isinstance(v, dt.datetime):
                    cell.number_format = "dd/mm/yyyy hh:mm"
                elif isinstance(v, dt.date):
                    cell.number_format = getattr(t, "date_format", "dd/mm/yyyy")
        if t.post:
            start = hr + len(t.rows) + 2
            for k, row in enumerate(t.post):
                for ci, v in enumerate(row, 1):
                    ws.cell(start + k, ci, v)
        for ci in range(1, len(t.cols) + 1):
            ws.column_dimensions[ws.cell(hr, ci).column_letter].width = 16
    stamp = dt.datetime(2026, 10, 2, 9, 0, 0)
    wb.properties.creator = "Provider"
    wb.properties.created = wb.properties.modified = stamp
    buf = io.BytesIO()
    wb.save(buf)
    _normalise_zip(buf.getvalue(), path)


def _normalise_zip(data: bytes, path: pathlib.Path) -> None:
    """Rewrite a zip with fixed member dates and document times so output is byte-for-byte deterministic."""
    import re

    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-10-02T09:00:00Z", body)
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 10, 2, 9, 0, 0))
            zi.external_attr = info.external_attr
            zout.writestr(zi, body, compress_type=zipfile.ZIP_DEFLATED)


_ODS_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}


def _ods_cell(v: Any, span: int = 1) -> str:
    sp = f' table:number-columns-spanned="{span}" table:number-rows-spanned="1"' if span > 1 else ""
    if v is None or v == "":
        return f"<table:table-cell{sp}/>"
    if isinstance(v, bool):
        return (f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(v).lower()}"{sp}>'
                f"<text:p>{'TRUE' if v else 'FALSE'}</text:p></table:table-cell>")
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return (f'<table:table-cell table:style-name="cdate" office:value-type="date" '
                f'office:date-value="{v.isoformat()}"{sp}><text:p>{v.strftime("%d/%m/%Y")}</text:p></table:table-cell>')
    if isinstance(v, (int, float)):
        return (f'<table:table-cell office:value-type="float" office:value="{v}"{sp}>'
                f"<text:p>{v}</text:p></table:table-cell>")
    return (f'<table:table-cell office:value-type="string"{sp}><text:p>{xml_escape(str(v))}</text:p>'
            f"</table:table-cell>")


def write_ods(path: pathlib.Path, fs: FileSpec) -> None:
    sheets: list[tuple[str, Any]] = [(t.sheet, t) for t in fs.tables]
    for pos, name, rows in fs.extra_sheets:
        sheets.insert(pos, (name, rows))
    body = []
    for name, obj in sheets:
        body.append(f'<table:table table:name="{xml_escape(name)}">')
        if isinstance(obj, list):
            body.append('<table:table-column table:number-columns-repeated="1"/>')
            for row in obj:
                body.append("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>")
            body.append("</table:table>")
            continue
        t: Table = obj
        body.append(f'<table:table-column table:number-columns-repeated="{len(t.cols)}"/>')
        for row in t.pre:
            body.append("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>")
        if t.group_row:
            cells, i = [], 0
            while i < len(t.cols):
                g = t.cols[i].group
                j = i
                while j + 1 < len(t.cols) and g and t.cols[j + 1].group == g:
                    j += 1
                cells.append(_ods_cell(g, j - i + 1) + "<table:covered-table-cell/>" * (j - i))
                i = j + 1
            body.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        body.append("<table:table-row>" + "".join(_ods_cell(c.header) for c in t.cols) + "</table:table-row>")
        for row in t.rows:
            body.append("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>")
        if t.post:
            body.append("<table:table-row><table:table-cell/></table:table-row>")
            for row in t.post:
                body.append("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>")
        body.append("</table:table>")
    ns = " ".join(f'xmlns:{k}="{v}"' for k, v in _ODS_NS.items() if k != "manifest")
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ns} office:version="1.2">'
               '<office:automatic-styles>'
               '<number:date-style style:name="N37"><number:day number:style="long"/><number:text>/</number:text>'
               '<number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/>'
               '</number:date-style>'
               '<style:style style:name="cdate" style:family="table-cell" style:data-style-name="N37"/>'
               '</office:automatic-styles>'
               '<office:body><office:spreadsheet>' + "".join(body) +
               '</office:spreadsheet></office:body></office:document-content>')
    styles = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {ns} office:version="1.2">'
              '<office:styles/></office:document-styles>')
    meta = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {ns} office:version="1.2">'
            '<office:meta><meta:generator>hand-kept</meta:generator></office:meta></office:document-meta>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<manifest:manifest xmlns:manifest="{_ODS_NS["manifest"]}" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as z:
        zi = zipfile.ZipInfo("mimetype", date_time=(2026, 10, 2, 9, 0, 0))
        z.writestr(zi, "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        for nm, txt in (("content.xml", content), ("styles.xml", styles), ("meta.xml", meta),
                        ("META-INF/manifest.xml", manifest)):
            zi = zipfile.ZipInfo(nm, date_time=(2026, 10, 2, 9, 0, 0))
            z.writestr(zi, txt, compress_type=zipfile.ZIP_DEFLATED)


WRITERS = {"csv": write_delimited, "tsv": write_delimited, "csv.gz": write_delimited,
           "xlsx": write_xlsx, "ods": write_ods, "json": write_json}


# --------------------------------------------------------------------------------------
# Layouts
# --------------------------------------------------------------------------------------
@dataclass
class Layout:
    layout_id: str
    provider: str
    quarter: str
    features: list[str]
    files: list[FileSpec]


def people(r: random.Random, ctx: Ctx, n: int, window: tuple[dt.date, dt.date] | None = None) -> list[dict]:
    return [make_person(r, ctx, i, window) for i in range(n)]


def n_rows(r: random.Random) -> int:
    return r.randint(60, 200)


MIX_GENERAL = {"maori": 0.34, "pacific": 0.2, "pakeha": 0.26, "asian": 0.1, "indian": 0.1}
MIX_MAORI = {"maori": 0.8, "pacific": 0.08, "pakeha": 0.1, "asian": 0.01, "indian": 0.01}
MIX_PACIFIC = {"pacific": 0.7, "maori": 0.15, "pakeha": 0.05, "asian": 0.05, "indian": 0.05}
MIX_SOUTH = {"pakeha": 0.5, "maori": 0.25, "pacific": 0.08, "asian": 0.09, "indian": 0.08}


def invalid_plan(r: random.Random, allow_future: bool = True) -> list[str]:
    kinds = ["noname", "baddob"] + (["future"] if allow_future else [])
    k = r.choice([0, 1, 2, 2, 3, 3])
    return [r.choice(kinds) for _ in range(k)]


def L01(r: random.Random) -> Layout:
    """Budgeting service, CRM export, snake_case CSV (utf-8, no BOM), ISO dates, split address."""
    q = "2026Q3"
    ctx = Ctx(q, "budget", MIX_GENERAL, (19, 78), ["Financial mentoring", "MoneyMates budgeting",
              "KiwiSaver hardship support"], ["msd", "self", "gp", "whanau", "kainga", "corrections"],
              ["Lorraine Kerr", "Tevita Havili", "Sushila Prasad", "Ben Hohaia"], new_nhi_share=0)
    closure = {"completed": ["Goals achieved", "Budget in place - closed"], "exited": ["Lost contact", "Client withdrew"],
               "ongoing": ["Active", "Open"], "referred": ["Referred to Citizens Advice", "Referred to lawyer"],
               "moved": ["Moved away"]}
    consent = {"yes": "Yes", "no": "No", "declined": "Declined", "withdrawn": "Withdrawn", "not_asked": "Not asked"}
    cols = [
        Col("client_id", "client_ref", lambda p: f"MM-{4100 + p['idx'] * 3}"),
        Col("first_name", "given_names", lambda p: p["given"]),
        Col("last_name", "family_name", lambda p: p["family"]),
        Col("dob", "date_of_birth", lambda p: fmt_date(p["dob"], "iso")),
        Col("gender", "gender", lambda p: gender(p, "MF")),
        Col("ethnicity_1", "ethnicity", lambda p: eth(p, "l2", n=0)),
        Col("ethnicity_2", "ethnicity", lambda p: eth(p, "l2", n=1)),
        Col("mobile", "phone", lambda p: phone(p, "plain")),
        Col("email", "email", lambda p: maybe(p, p["email"], 0.35)),
        Col("street_address", "address_street", lambda p: address(p, "street")),
        Col("suburb", "address_suburb", lambda p: p["suburb"]),
        Col("city", "address_town", lambda p: p["town"]),
        Col("post_code", "address_postcode", lambda p: p["postcode"]),
        Col("referral_source", "referral_source", lambda p: REF_CODE[p["referral"]]),
        Col("programme_name", "programme", lambda p: p["programme"]),
        Col("intake_date", "start_date", lambda p: fmt_date(p["start"], "iso")),
        Col("last_appointment", "service_date", lambda p: fmt_date(p["service"], "iso")),
        Col("appointments_attended", "sessions_attended", lambda p: p["sessions"]),
        Col("closure_reason", "outcome_status", lambda p: pick(p, closure, "state")),
        Col("evaluation_consent", "consent_evaluation", lambda p: consent[p["consent"]]),
        Col("debt_total_start", None, lambda p: f"{p['r'].randint(300, 42000)}.00"),
        Col("funder_code", None, lambda p: p["r"].choice(["MSD-BFC-2207", "MSD-BFC-2207", "TPK-FC-19"])),
        Col("created_by", None, lambda p: p["r"].choice(["lkerr", "thavili", "sprasad", "bhohaia"])),
    ]
    t = Table(None, cols, people(r, ctx, n_rows(r)))
    render_table(t, r, invalid_plan(r))
    fs = FileSpec("moneymates_crm_export_2026Q3.csv", "csv", [t], "utf-8", ",")
    return Layout("SEALED01", "moneymates-trust", q,
                  ["budgeting", "crm_export", "snake_case", "split_address", "numbered_ethnicity", "stats_nz_level2",
                   "iso_dates", "declined_withdrawn_not_asked", "distractor_funder_code", "no_nhi"], [fs])


def L02(r: random.Random) -> Layout:
    """Stopping-violence programme, hand-kept xlsx with title rows, notes rows at the bottom."""
    q = "2026Q2"
    ctx = Ctx(q, "fv", MIX_GENERAL, (18, 60), ["Stopping Violence group", "Men's 16-week programme"],
              ["court", "police", "self", "ot", "corrections"], ["Craig Dunn", "Rangi Pōmare", "Hemi Walker"])
    status = {"completed": ["Completed", "Graduated"], "exited": ["Exited early", "Breached - exited"],
              "ongoing": ["Attending", "Still in group"], "referred": ["Referred to 1:1 counselling"],
              "moved": ["Moved - transferred"]}
    consent = {"yes": "Y", "no": "N", "declined": "N", "withdrawn": "N (withdrew)", "not_asked": ""}
    cols = [
        Col("#", None, lambda p: p["idx"] + 1),
        Col("Client Name", "full_name", lambda p: full_name(p, "FG")),
        Col("D.O.B.", "date_of_birth", lambda p: fmt_date(p["dob"], "cell")),
        Col("NHI", "nhi", lambda p: maybe_nhi(p, 0.1)),
        Col("Ph", "phone", lambda p: phone(p, "spaced")),
        Col("Addr", "address", lambda p: address(p, "full")),
        Col("Eth", "ethnicity", lambda p: eth(p, "label")),
        Col("Referred by", "referral_source", lambda p: ref_label(p)),
        Col("Programme", "programme", lambda p: p["programme"]),
        Col("Start", "start_date", lambda p: fmt_date(p["start"], "cell")),
        Col("Sess.", "sessions_attended", lambda p: p["sessions"]),
        Col("Status", "outcome_status", lambda p: pick(p, status, "state")),
        Col("Partner safety contact made", None, lambda p: p["r"].choice(["Y", "Y", "N", ""])),
        Col("Consent to eval?", "consent_evaluation", lambda p: consent[p["consent"]]),
        Col("Pre (1-10)", "wellbeing_start", lambda p: p["wb_start"]),
        Col("Post (1-10)", "wellbeing_end", lambda p: p["wb_end"] if p["wb_end"] is not None else ""),
        Col("Facilitator", "key_worker", lambda p: p["worker"]),
    ]
    ppl = people(r, ctx, n_rows(r))
    for p in ppl:
        p["family"] = p["family"]
    t = Table("Q2 clients", cols, ppl,
              pre=[["Tāne Ora Stopping Violence - Quarterly Return"], ["Quarter: April - June 2026"], []],
              post=[["Notes:"], ["Partner safety contacts are recorded in the separate safety log."],
                    ["Clients who declined evaluation are still counted above."]])
    render_table(t, r, invalid_plan(r))
    fs = FileSpec("Tane Ora SV return Apr-Jun 2026.xlsx", "xlsx", [t])
    return Layout("SEALED02", "tane-ora-sv", q,
                  ["family_violence", "hand_kept_xlsx", "title_rows", "notes_rows_below", "full_name_surname_first",
                   "surname_caps", "abbreviated_headers", "sess_abbreviation", "row_number_column", "excel_date_cells",
                   "yes_no_distractor", "scores_1_10"], [fs])


def L03(r: random.Random) -> Layout:
    """Youth justice mentoring, survey-tool export, question headers, UTF-8 with BOM."""
    q = "2026Q3"
    ctx = Ctx(q, "yj", MIX_GENERAL, (12, 17), ["Rangatahi mentoring"], ["court", "police", "ot", "school", "whanau"],
              ["Jordan Tautari", "Mele Fifita", "Shane Baker", "Kahu Ngata"], scale=(0, 10))
    consent = {"yes": "Yes", "no": "No", "declined": "Declined", "withdrawn": "Withdrew consent",
               "not_asked": "Not asked yet"}
    cols = [
        Col("ID", None, lambda p: p["idx"] + 1),
        Col("Start time", None, lambda p: fmt_dt(dt.datetime.combine(p["service"], dt.time(9 + p["idx"] % 8, p["idx"] % 60)), "ymd_hms")),
        Col("Completion time", None, lambda p: fmt_dt(dt.datetime.combine(p["service"], dt.time(10 + p["idx"] % 8, p["idx"] % 60)), "ymd_hms")),
        Col("What is the young person's name?", "full_name", lambda p: full_name(p, "gf")),
        Col("What is their date of birth?", "date_of_birth", lambda p: fmt_date(p["dob"], "dmy")),
        Col("Gender", "gender", lambda p: gender(p, "word")),
        Col("Which ethnic group(s) do they belong to? (select all that apply)", "ethnicity",
            lambda p: eth(p, "label", sep=", ")),
        Col("Which iwi do they affiliate with? (if known)", "iwi", lambda p: ", ".join(p["iwi"])),
        Col("Who referred them?", "referral_source", lambda p: ref_label(p)),
        Col("Date of this session", "service_date", lambda p: fmt_date(p["service"], "dmy")),
        Col("How many sessions have they attended so far?", "sessions_attended", lambda p: p["sessions"]),
        Col("How would you rate their wellbeing at the start? (0-10)", "wellbeing_start", lambda p: p["wb_start"]),
        Col("How would you rate their wellbeing now? (0-10)", "wellbeing_end",
            lambda p: "" if p["wb_end"] is None else p["wb_end"]),
        Col("Did they consent to their information being used for evaluation?", "consent_evaluation",
            lambda p: consent[p["consent"]]),
        Col("Name of a whānau contact", "caregiver_name", lambda p: maybe(p, p["caregiver"], 0.1)),
        Col("Youth worker", "key_worker", lambda p: p["worker"]),
        Col("Anything else we should know?", "case_notes", lambda p: p["notes"]),
    ]
    t = Table(None, cols, people(r, ctx, n_rows(r)))
    render_table(t, r, invalid_plan(r))
    fs = FileSpec("Rangatahi session survey (responses).csv", "csv", [t], "utf-8-sig", ",", newline="\r\n")
    return Layout("SEALED03", "te-ara-rangatahi", q,
                  ["youth_justice", "survey_tool", "question_headers", "utf8_bom", "crlf", "multi_value_ethnicity_comma",
                   "timestamp_distractors", "response_id_distractor", "scores_0_10", "no_client_id"], [fs])


def L04(r: random.Random) -> Layout:
    """Kaupapa Māori home visiting; te reo headers with macrons; cover sheet with staff email; Excel serials."""
    q = "2026Q3"
    ctx = Ctx(q, "home", MIX_MAORI, (17, 45), ["Mokopuna Ora", "Whānau Ora"], ["plunket", "gp", "self", "whanau", "iwi", "hosp"],
              ["Huia Tipene", "Ngaire Waaka", "Moana Kereama", "Rāwiri Heke"], new_nhi_share=0.3)
    putanga = {"completed": ["Kua oti", "Kua oti / Completed"], "exited": ["Kua wehe", "Left early"],
               "ongoing": ["Kei te haere tonu", "Ongoing"], "referred": ["Tukuna ki tētahi atu ratonga"],
               "moved": ["Kua nuku / moved"]}
    whakaae = {"yes": "Āe", "no": "Kāo", "declined": "Kāo", "withdrawn": "Kua unu", "not_asked": "Kāore anō kia pātai"}
    cols = [
        Col("Ingoa tuatahi", "given_names", lambda p: p["given"]),
        Col("Ingoa whānau", "family_name", lambda p: p["family"]),
        Col("Rā whānau", "date_of_birth", lambda p: fmt_date(p["dob"], "serial")),
        Col("Ira tangata", "gender", lambda p: gender(p, "reo")),
        Col("Iwi", "iwi", lambda p: "; ".join(p["iwi"])),
        Col("Hapū", None, lambda p: p["r"].choice(["Ngāti Hine", "Te Parawhau", "Ngāti Rēhia", "Ngāti Hau", "", ""])),
        Col("Tau NHI", "nhi", lambda p: p["nhi"]),
        Col("Wāhi noho", "address", lambda p: address(p, "nopc")),
        Col("Waea", "phone", lambda p: phone(p, "spaced")),
        Col("Īmēra", "email", lambda p: maybe(p, p["email"], 0.5)),
        Col("Kaitiaki", "caregiver_name", lambda p: maybe(p, f"{p['caregiver']} ({p['relation']})", 0.15)),
        Col("Rā tīmata", "start_date", lambda p: fmt_date(p["start"], "serial")),
        Col("Rā toro", "service_date", lambda p: fmt_date(p["service"], "serial")),
        Col("Maha o ngā toronga", "sessions_attended", lambda p: p["sessions"]),
        Col("Putanga", "outcome_status", lambda p: pick(p, putanga, "state")),
        Col("Whakaae ki te aromatawai", "consent_evaluation", lambda p: whakaae[p["consent"]]),
        Col("Kaiāwhina", "key_worker", lambda p: p["worker"]),
        Col("Tuhinga", "case_notes", lambda p: p["notes"]),
    ]
    t = Table("Raraunga", cols, people(r, ctx, n_rows(r)))
    render_table(t, r, invalid_plan(r))
    cover = [["Te Whare Manaaki o Ngāti Hine - Pūrongo hauwhā / Quarterly report"],
             ["Hauwhā: Hōngongoi - Mahuru 2026 (Jul-Sep)"], [],
             ["Kupu whakataki / Instructions"],
             ["1. Whakakīia te pepa 'Raraunga' - kotahi te rārangi mō ia whānau."],
             ["2. Dates are entered as numbers by our database export - please leave them as they are."],
             ["3. Pātai? Contact Ngaire Waaka, ngaire.waaka@tewharemanaaki.org.nz, 09 401 2233"]]
    fs = FileSpec("TWM_purongo_2026Q3.xlsx", "xlsx", [t], extra_sheets=[(0, "Kupu whakataki", cover)])
    return Layout("SEALED04", "te-whare-manaaki", q,
                  ["kaupapa_maori_home_visiting", "te_reo_headers_macrons", "cover_sheet_staff_email",
                   "data_on_second_sheet", "excel_serial_dates", "split_name", "hapu_unmapped",
                   "te_reo_consent", "te_reo_outcomes", "caregiver_with_relationship", "new_format_nhi"], [fs])


def L05(r: random.Random) -> Layout:
    """Early-childhood playgroup, hand-made ODS, only a start date, ticks for consent."""
    q = "2026Q2"
    ctx = Ctx(q, "ece", MIX_GENERAL, (0, 4), ["Playgroup"], ["plunket", "self", "whanau", "gp"],
              ["Whaea Mereana", "Whaea Losa", "Kiri Anderson"], start_in_quarter=True)
    attending = {"completed": ["Started school"], "exited": ["Stopped coming"], "ongoing": ["Yes - regular", "Yes"],
                 "referred": ["Moved to kindy"], "moved": ["Left - moved"]}
    tick = {"yes": "✓", "no": "✗", "declined": "✗", "withdrawn": "✗", "not_asked": ""}
    cols = [
        Col("Child's name", "full_name", lambda p: full_name(p, "gf")),
        Col("Child DOB", "date_of_birth", lambda p: fmt_date(p["dob"], "d-mmm-yy")),
        Col("Parent / caregiver", "caregiver_name", lambda p: p["caregiver"]),
        Col("Contact ph", "phone", lambda p: phone(p, "spaced")),
        Col("Suburb", "address_suburb", lambda p: p["suburb"]),
        Col("Town", "address_town", lambda p: p["town"]),
        Col("Ethnicity", "ethnicity", lambda p: eth(p, "label")),
        Col("Enrolled", "start_date", lambda p: fmt_date(p["start"], "d-mmm-yy")),
        Col("Sessions this term", "sessions_attended", lambda p: p["sessions"]),
        Col("Attending?", "outcome_status", lambda p: pick(p, attending, "state")),
        Col("Photo & eval consent", "consent_evaluation", lambda p: tick[p["consent"]]),
        Col("Kaiako", "key_worker", lambda p: p["worker"]),
        Col("Allergies", None, lambda p: p["r"].choice(["", "", "", "", "Peanuts", "Dairy", "Eggs", "None known"])),
        Col("Funding code", None, lambda p: p["r"].choice(["ECE-PG-20", "ECE-PG-20", "ECE-PG-10"])),
    ]
    t = Table("Term 2", cols, people(r, ctx, n_rows(r)))
    render_table(t, r, invalid_plan(r, allow_future=False))
    fs = FileSpec("playgroup enrolments term 2 2026.ods", "ods", [t])
    return Layout("SEALED05", "little-kowhai-playgroup", q,
                  ["early_childhood", "ods_hand_written", "child_dobs", "only_start_date", "no_service_date",
                   "no_client_id", "tick_consent", "d_mmm_yy_dates", "suburb_town_only", "caregiver_column",
                   "distractor_allergies", "distractor_funding_code"], [fs])


def _budget_part_cols(consent: dict, outcome: dict) -> list[Col]:
    return [
        Col("Client Ref ", "client_ref", lambda p: f"B{26000 + p['idx'] * 7:06d}"),
        Col("Surname", "family_name", lambda p: p["family"]),
        Col("First Names", "given_names", lambda p: p["given"]),
        Col("Date Of Birth", "date_of_birth", lambda p: fmt_date(p["dob"], "dot")),
        Col("IRD Number", "ird", lambda p: maybe(p, p["ird"][:-6] + "-" + p["ird"][-6:-3] + "-" + p["ird"][-3:], 0.1)),
        Col("Phone ", "phone", lambda p: phone(p, "dash")),
        Col("Email Address", "email", lambda p: maybe(p, p["email"], 0.3)),
        Col("Address", "address", lambda p: address(p, "full")),
        Col("Income Source", None, lambda p: p["r"].choice(["Benefit", "Wages", "NZ Super", "Student allowance",
                                                            "Benefit + part-time"])),
        Col("Weekly Shortfall ($)", None, lambda p: p["r"].randint(0, 260)),
        Col("Referred From", "referral_source", lambda p: ref_label(p)),
        Col("First Appointment", "start_date", lambda p: fmt_date(p["start"], "dot")),
        Col("Appointment Date", "service_date", lambda p: fmt_date(p["service"], "dot")),
        Col("Sessions", "sessions_attended", lambda p: p["sessions"]),
        Col("Outcome", "outcome_status", lambda p: pick(p, outcome, "state")),
        Col("Eval Consent (Y/N)", "consent_evaluation", lambda p: consent[p["consent"]]),
        Col("Mentor", "key_worker", lambda p: p["worker"]),
    ]


def L06(r: random.Random) -> Layout:
    """Budgeting, sent in two parts, cp1252 semicolon CSV, Title Case with trailing spaces, IRD numbers."""
    q = "2026Q3"
    ctx = Ctx(q, "budget", MIX_SOUTH, (20, 80), ["Budget advice"], ["msd", "self", "gp", "corrections", "lawyer"],
              ["Glenys McKenzie", "Aroha Parata", "Dave Sutherland"])
    consent = {"yes": "Y", "no": "N", "declined": "N", "withdrawn": "N", "not_asked": "?"}
    outcome = {"completed": ["Financially independent", "Closed - goals met"], "exited": ["Did not return"],
               "ongoing": ["In progress"], "referred": ["Referred to insolvency service"], "moved": ["Moved out of area"]}
    files = []
    for part in (1, 2):
        ppl = people(r, ctx, n_rows(r))
        for p in ppl:
            p["idx"] += 0 if part == 1 else 500
        t = Table(None, _budget_part_cols(consent, outcome), ppl)
        render_table(t, r, invalid_plan(r))
        files.append(FileSpec(f"Budget Return Q3 2026 part {part}.csv", "csv", [t], "cp1252", ";", newline="\r\n"))
    return Layout("SEALED06", "southland-budget-advice", q,
                  ["budgeting", "two_parts", "cp1252", "semicolon", "crlf", "title_case_headers", "trailing_spaces",
                   "ird", "dotted_dates", "macrons_stripped", "split_name_surname_first", "distractor_money_columns"],
                  files)


def L07(r: random.Random) -> Layout:
    """Family violence advocacy, UTF-16 tab-separated export, CAPITAL headers, Stats NZ level-4 codes."""
    q = "2026Q2"
    ctx = Ctx(q, "fv", MIX_GENERAL, (18, 70), ["Women's advocacy", "Safe at home"],
              ["police", "hosp", "self", "ot", "whanau", "court"], ["Tracey Harris", "Lupe Taufa", "Anahera Kingi"])
    status = {"completed": ["CLOSED - SAFE", "Closed"], "exited": ["CLOSED - NO CONTACT"], "ongoing": ["OPEN"],
              "referred": ["CLOSED - REFERRED"], "moved": ["CLOSED - MOVED"]}
    consent = {"yes": "YES", "no": "NO", "declined": "DECLINED", "withdrawn": "WITHDRAWN", "not_asked": "NOT ASKED"}
    cols = [
        Col("CLIENT ID", "client_ref", lambda p: f"{p['idx'] + 30112}"),
        Col("NAME", "full_name", lambda p: full_name(p, "lower")),
        Col("DOB", "date_of_birth", lambda p: fmt_date(p["dob"], "dmy_np")),
        Col("NHI", "nhi", lambda p: p["nhi"]),
        Col("GENDER", "gender", lambda p: gender(p, "MF")),
        Col("ETHNICITY", "ethnicity", lambda p: eth(p, "l4")),
        Col("IWI", "iwi", lambda p: p["iwi"][0] if p["iwi"] else ""),
        Col("PHONE", "phone", lambda p: phone(p, "intl")),
        Col("REFERRAL", "referral_source", lambda p: ref_label(p).upper()),
        Col("SAFETY PLAN DONE", None, lambda p: p["r"].choice(["YES", "YES", "NO"])),
        Col("PROTECTION ORDER", None, lambda p: p["r"].choice(["YES", "NO", "NO", "APPLIED"])),
        Col("DATE OPENED", "start_date", lambda p: fmt_date(p["start"], "dmy_np")),
        Col("CONTACT DATE", "service_date", lambda p: fmt_date(p["service"], "dmy_np")),
        Col("NO. CONTACTS", "sessions_attended", lambda p: p["sessions"]),
        Col("STATUS", "outcome_status", lambda p: pick(p, status, "state")),
        Col("EVAL CONSENT", "consent_evaluation", lambda p: consent[p["consent"]]),
        Col("ADVOCATE", "key_worker", lambda p: p["worker"].upper()),
        Col("NOTES", "case_notes", lambda p: p["notes"]),
    ]
    t = Table(None, cols, people(r, ctx, n_rows(r)))
    render_table(t, r, invalid_plan(r))
    fs = FileSpec("ADVOCACY_EXPORT_APR_JUN_2026.tsv", "tsv", [t], "utf-16", "\t", newline="\r\n")
    return Layout("SEALED07", "whare-haumaru-advocacy", q,
                  ["family_violence", "utf16", "tsv", "caps_headers", "stats_nz_level4", "lower_case_names",
                   "unpadded_dates", "intl_phone", "yes_no_distractors", "caps_vocabulary"], [fs])


def L08(r: random.Random) -> Layout:
    """Youth justice CRM JSON (list of records), camelCase keys, booleans for consent, ISO datetimes."""
    q = "2026Q3"
    ctx = Ctx(q, "yj", MIX_PACIFIC, (13, 17), ["Youth Court support", "Bail support", "Supervision with activity"],
              ["court", "police", "ot"], ["Sefo Aumua", "Tayla Reid", "Viliami Latu"], new_nhi_share=0.4)
    exit_status = {"completed": ["COMPLETED_PLAN"], "exited": ["EXITED_EARLY", "ABSCONDED"], "ongoing": ["ACTIVE"],
                   "referred": ["TRANSFERRED"], "moved": ["MOVED_REGION"]}
    consent = {"yes": True, "no": False, "declined": False, "withdrawn": False, "not_asked": None}
    cols = [
        Col("clientId", "client_ref", lambda p: f"c_{(p['idx'] * 7919) % 100000:05d}"),
        Col("givenName", "given_names", lambda p: p["given"]),
        Col("familyName", "family_name", lambda p: p["family"]),
        Col("birthDate", "date_of_birth", lambda p: fmt_date(p["dob"], "iso")),
        Col("nhiNumber", "nhi", lambda p: p["nhi"]),
        Col("gender", "gender", lambda p: gender(p, "lower")),
        Col("ethnicities", "ethnicity", lambda p: eth(p, "label", sep=";")),
        Col("iwiAffiliation", "iwi", lambda p: ";".join(p["iwi"])),
        Col("mobilePhone", "phone", lambda p: phone(p, "intl")),
        Col("referralAgency", "referral_source", lambda p: ref_label(p)),
        Col("programmeName", "programme", lambda p: p["programme"]),
        Col("enrolmentDate", "start_date", lambda p: fmt_date(p["start"], "iso")),
        Col("sessionDateTime", "service_date",
            lambda p: fmt_dt(dt.datetime.combine(p["service"], dt.time(8 + p["idx"] % 9, 15 * (p["idx"] % 4))), "iso_t")),
        Col("sessionsAttended", "sessions_attended", lambda p: p["sessions"]),
        Col("exitStatus", "outcome_status", lambda p: pick(p, exit_status, "state")),
        Col("evaluationConsent", "consent_evaluation", lambda p: consent[p["consent"]]),
        Col("caseNotes", "case_notes", lambda p: p["notes"]),
        Col("keyWorker", "key_worker", lambda p: p["worker"]),
        Col("courtRef", None, lambda p: f"CRN{p['r'].randint(10000000, 99999999)}"),
        Col("recordVersion", None, lambda p: p["r"].randint(1, 9)),
    ]
    t = Table(None, cols, people(r, ctx, n_rows(r)))
    render_table(t, r, invalid_plan(r))
    fs = FileSpec("yj_export_2026-10-03.json", "json", [t], "utf-8", None)
    return Layout("SEALED08", "pasifika-youth-services", q,
                  ["youth_justice", "json_records", "camel_case", "boolean_consent", "null_values",
                   "iso_datetime_service", "new_format_nhi", "multi_value_ethnicity_semicolon",
                   "distractor_court_ref", "distractor_record_version"], [fs])


def L09(r: random.Random) -> Layout:
    """Early-learning home visits, workbook with one sheet per month, month title rows, summary sheet last."""
    q = "2026Q2"
    ctx = Ctx(q, "ece", MIX_PACIFIC, (0, 3), ["Parents as First Teachers"], ["plunket", "gp", "self", "whanau"],
              ["Salote Tupou", "Emily Bell", "Ana Mafi"])
    consent = {"yes": "Y", "no": "N", "declined": "N", "withdrawn": "N", "not_asked": ""}
    cols = [
        Col("Tamaiti (child)", "full_name", lambda p: full_name(p, "gf")),
        Col("DOB", "date_of_birth", lambda p: fmt_date(p["dob"], "cell")),
        Col("Eth", "ethnicity", lambda p: eth(p, "label", sep="/")),
        Col("Mum/Dad/Caregiver", "caregiver_name", lambda p: p["caregiver"]),
        Col("Address", "address", lambda p: address(p, "full")),
        Col("Ph", "phone", lambda p: phone(p, "plain")),
        Col("Visit date", "service_date", lambda p: fmt_date(p["service"], "cell")),
        Col("Visits to date", "sessions_attended", lambda p: p["sessions"]),
        Col("Consent", "consent_evaluation", lambda p: consent[p["consent"]]),
        Col("Educator", "key_worker", lambda p: p["worker"]),
        Col("Notes", "case_notes", lambda p: p["notes"]),
    ]
    tables = []
    summary = [["Summary", "Visits"]]
    plan = invalid_plan(r)  # at most three invalid rows in the whole workbook
    for i, (m, name) in enumerate(((4, "April"), (5, "May"), (6, "June"))):
        window = (dt.date(2026, m, 1), dt.date(2026, m, calendar.monthrange(2026, m)[1]))
        ppl = people(r, ctx, n_rows(r), window)
        t = Table(f"{name} 2026", cols, ppl, pre=[[f"Home visits - {name} 2026"]])
        t.date_format = "d-mmm-yy"  # type: ignore[attr-defined]
        render_table(t, r, plan[i:i + 1])
        tables.append(t)
        summary.append([name, len(ppl)])
    summary.append(["Total", sum(row[1] for row in summary[1:])])
    fs = FileSpec("PAFT home visits Q2 2026.xlsx", "xlsx", tables, extra_sheets=[(3, "Summary", summary)])
    return Layout("SEALED09", "aoga-home-learning", q,
                  ["early_childhood", "monthly_sheets", "month_title_row", "summary_sheet", "excel_date_cells",
                   "child_dobs", "multi_value_ethnicity_slash", "no_client_id", "no_start_date"], [fs])


def L10(r: random.Random) -> Layout:
    """Gzipped pipe-delimited export from a client-management system, terse codes, yyyymmdd dates."""
    q = "2026Q3"
    ctx = Ctx(q, "budget", MIX_GENERAL, (18, 75), ["BUD01", "BUD02", "FCAP"], ["msd", "self", "gp", "kainga", "iwi"],
              ["A. Naidu", "T. Leota", "M. Fraser", "W. Heke"], new_nhi_share=0.2)
    outcome = {"completed": "COMP", "exited": "EXIT", "ongoing": "ONGO", "referred": "REFO", "moved": "MOVD"}
    consent = {"yes": "Y", "no": "N", "declined": "D", "withdrawn": "W", "not_asked": "U"}
    cols = [
        Col("pid", "client_ref", lambda p: 700000 + p["idx"] * 13),
        Col("full_nm", "full_name", lambda p: full_name(p, "FG_caps")),
        Col("dob_dt", "date_of_birth", lambda p: fmt_date(p["dob"], "ymd8")),
        Col("sex_cd", "gender", lambda p: gender(p, "MF")),
        Col("eth_cd1", "ethnicity", lambda p: eth(p, "l2", n=0)),
        Col("eth_cd2", "ethnicity", lambda p: eth(p, "l2", n=1)),
        Col("eth_cd3", "ethnicity", lambda p: eth(p, "l2", n=2)),
        Col("nhi_no", "nhi", lambda p: maybe_nhi(p, 0.15)),
        Col("ph_mob", "phone", lambda p: phone(p, "plain")),
        Col("addr_ln1", "address_street", lambda p: address(p, "street")),
        Col("addr_sub", "address_suburb", lambda p: p["suburb"]),
        Col("addr_city", "address_town", lambda p: p["town"]),
        Col("addr_pc", "address_postcode", lambda p: p["postcode"]),
        Col("prog_cd", "programme", lambda p: p["programme"]),
        Col("ref_src_cd", "referral_source", lambda p: REF_CODE[p["referral"]]),
        Col("start_dt", "start_date", lambda p: fmt_date(p["start"], "ymd8")),
        Col("svc_dt", "service_date", lambda p: fmt_date(p["service"], "ymd8")),
        Col("sess_cnt", "sessions_attended", lambda p: p["sessions"]),
        Col("outcome_cd", "outcome_status", lambda p: outcome[p["state"]]),
        Col("eval_consent_flg", "consent_evaluation", lambda p: consent[p["consent"]]),
        Col("kw_nm", "key_worker", lambda p: p["worker"]),
        Col("funder_cd", None, lambda p: p["r"].choice(["MSD01", "MSD01", "TPK02"])),
        Col("rec_upd_ts", None, lambda p: f"{fmt_date(p['service'] + dt.timedelta(days=p['r'].randint(0, 9)), 'ymd8')}"
                                          f"{p['r'].randint(8, 17):02d}{p['r'].randint(0, 59):02d}{p['r'].randint(0, 59):02d}"),
        Col("del_flg", None, lambda p: "N"),
    ]
    t = Table(None, cols, people(r, ctx, n_rows(r)))
    render_table(t, r, invalid_plan(r))
    fs = FileSpec("cms_extract_20261002.csv.gz", "csv.gz", [t], "utf-8", "|")
    return Layout("SEALED10", "kotahi-financial-capability", q,
                  ["budgeting", "csv_gz", "pipe_delimited", "terse_code_headers", "yyyymmdd_dates",
                   "full_name_caps_surname_first", "three_ethnicity_columns", "stats_nz_level2", "outcome_codes",
                   "consent_codes", "split_address", "distractor_timestamp", "distractor_flags"], [fs])


def L11(r: random.Random) -> Layout:
    """Kaupapa Māori whānau programme; te reo headers without macrons; title rows; scores 1-5."""
    q = "2026Q2"
    ctx = Ctx(q, "home", MIX_MAORI, (16, 70), ["Whanau Ora", "Hauora Tane", "Mokopuna Ora"],
              ["iwi", "whanau", "self", "gp", "ot"], ["Hine Poutama", "Tamati Marino", "Kiri Te Kani"], scale=(1, 5))
    hua = {"completed": ["Kua tutuki nga whainga", "Kua oti"], "exited": ["Kua mutu", "Kua wehe"],
           "ongoing": ["Kei te haere tonu"], "referred": ["Kua tukuna atu"], "moved": ["Kua hunuku"]}
    ae = {"yes": "Ae", "no": "Kao", "declined": "Kao", "withdrawn": "Kua unu", "not_asked": ""}
    cols = [
        Col("Ingoa", "full_name", lambda p: strip_macrons(full_name(p, "gf"))),
        Col("Ra Whanau", "date_of_birth", lambda p: fmt_date(p["dob"], "dmy")),
        Col("Ira Tangata", "gender", lambda p: strip_macrons(gender(p, "reo"))),
        Col("Iwi", "iwi", lambda p: strip_macrons(", ".join(p["iwi"]))),
        Col("Hapu", None, lambda p: p["r"].choice(["Ngati Kuri", "Te Whanau a Hinerupe", "Ngati Tamatera", "", ""])),
        Col("Ethnicity", "ethnicity", lambda p: strip_macrons(eth(p, "label", sep=", "))),
        Col("NHI", "nhi", lambda p: p["nhi"]),
        Col("Wahi Noho", "address", lambda p: strip_macrons(address(p, "full"))),
        Col("Nama Waea", "phone", lambda p: phone(p, "spaced")),
        Col("Kaupapa", "programme", lambda p: p["programme"]),
        Col("Ra Timata", "start_date", lambda p: fmt_date(p["start"], "dmy")),
        Col("Ra Hui", "service_date", lambda p: fmt_date(p["service"], "dmy")),
        Col("Maha Hui", "sessions_attended", lambda p: p["sessions"]),
        Col("Hua", "outcome_status", lambda p: pick(p, hua, "state")),
        Col("Whakaaetanga", "consent_evaluation", lambda p: ae[p["consent"]]),
        Col("Oranga i te timatanga (1-5)", "wellbeing_start", lambda p: p["wb_start"]),
        Col("Oranga i te mutunga (1-5)", "wellbeing_end", lambda p: "" if p["wb_end"] is None else p["wb_end"]),
        Col("Kaimahi", "key_worker", lambda p: strip_macrons(p["worker"])),
        Col("Korero", "case_notes", lambda p: strip_macrons(p["notes"])),
    ]
    t = Table(None, cols, people(r, ctx, n_rows(r)),
              pre=[["Te Runanga o Te Rarawa Hauora - Purongo Hauwha"], ["Paenga-whawha ki Pipiri 2026"], []])
    render_table(t, r, invalid_plan(r))
    fs = FileSpec("purongo_hauwha_Q2_2026.csv", "csv", [t], "utf-8", ",")
    return Layout("SEALED11", "te-rarawa-hauora", q,
                  ["kaupapa_maori", "te_reo_headers_no_macrons", "title_rows", "scores_1_5", "te_reo_consent",
                   "te_reo_outcomes", "hapu_unmapped", "multi_value_ethnicity_comma", "no_client_id"], [fs])


def L12(r: random.Random) -> Layout:
    """Parenting support xlsx with merged group headers and repeated sub-headers ("Date" twice)."""
    q = "2026Q3"
    ctx = Ctx(q, "home", MIX_GENERAL, (18, 50), ["Incredible Years", "Triple P", "Toolbox"],
              ["ot", "school", "gp", "self", "plunket"], ["Fiona Murray", "Sina Sapolu", "Te Ariki Hapeta"])
    consent = {"yes": "Yes", "no": "No", "declined": "Declined", "withdrawn": "Withdrawn", "not_asked": "Not asked"}
    outcome = {"completed": ["Finished course"], "exited": ["Dropped out"], "ongoing": ["Still coming"],
               "referred": ["Referred to counselling"], "moved": ["Moved"]}
    cols = [
        Col("Ref #", "client_ref", lambda p: f"PS{p['idx'] + 1:04d}", "Client details"),
        Col("Name", "full_name", lambda p: full_name(p, "Fg"), "Client details"),
        Col("D.O.B", "date_of_birth", lambda p: fmt_date(p["dob"], "cell"), "Client details"),
        Col("Gender", "gender", lambda p: gender(p, "word"), "Client details"),
        Col("Eth", "ethnicity", lambda p: eth(p, "label"), "Client details"),
        Col("Ph", "phone", lambda p: phone(p, "spaced"), "Contact"),
        Col("Email", "email", lambda p: maybe(p, p["email"], 0.25), "Contact"),
        Col("Addr", "address", lambda p: address(p, "full"), "Contact"),
        Col("Date", "start_date", lambda p: fmt_date(p["start"], "cell"), "Referral"),
        Col("Source", "referral_source", lambda p: ref_label(p), "Referral"),
        Col("Course", "programme", lambda p: p["programme"], "Referral"),
        Col("Date", "service_date", lambda p: fmt_date(p["service"], "cell"), "Last session"),
        Col("Count", "sessions_attended", lambda p: p["sessions"], "Last session"),
        Col("Status", "outcome_status", lambda p: pick(p, outcome, "state"), "Last session"),
        Col("Start", "wellbeing_start", lambda p: p["wb_start"], "Parenting confidence (1-10)"),
        Col("End", "wellbeing_end", lambda p: "" if p["wb_end"] is None else p["wb_end"], "Parenting confidence (1-10)"),
        Col("Consent", "consent_evaluation", lambda p: consent[p["consent"]], "Evaluation"),
        Col("Notes for agency", None, lambda p: p["r"].choice(["", "", "FU", "DNA", "OK", "CHK", "TX"]), "Evaluation"),
        Col("Facilitator", "key_worker", lambda p: p["worker"]),
    ]
    t = Table("Data", cols, people(r, ctx, n_rows(r)), group_row=True)
    render_table(t, r, invalid_plan(r))
    fs = FileSpec("Parenting Q3 2026.xlsx", "xlsx", [t])
    return Layout("SEALED12", "whanau-parenting-hub", q,
                  ["parenting", "merged_group_headers", "repeated_subheaders", "abbreviated_headers",
                   "full_name_family_comma_given", "notes_for_agency_codes", "scores_in_group_header"], [fs])


def L13(r: random.Random) -> Layout:
    """Youth mentoring, two xlsx parts; part 2 exported later with a reordered and extra column."""
    q = "2026Q3"
    ctx = Ctx(q, "yj", MIX_GENERAL, (12, 18), ["Mentoring"], ["court", "school", "police", "whanau"],
              ["Blake Turner", "Manaia Karaka", "Priya Sharma"])
    outcome = {"completed": ["Graduated"], "exited": ["Disengaged"], "ongoing": ["Active"],
               "referred": ["Referred on"], "moved": ["Left area"]}
    consent = {"yes": "Yes", "no": "No", "declined": "Declined", "withdrawn": "Withdrawn", "not_asked": "Not asked"}
    base = {
        "id": Col("Mentee ID", "client_ref", lambda p: f"YM-{p['idx'] + 101}"),
        "first": Col("First Name", "given_names", lambda p: p["given"]),
        "lastn": Col("Last Name", "family_name", lambda p: p["family"]),
        "dob": Col("Date of Birth", "date_of_birth", lambda p: fmt_date(p["dob"], "cell")),
        "gender": Col("Gender", "gender", lambda p: gender(p, "MF")),
        "eth": Col("Ethnicity", "ethnicity", lambda p: eth(p, "label", sep="; ")),
        "school": Col("School", None, lambda p: p["r"].choice(["Aorere College", "Tangaroa College", "Hillcrest High",
                                                                "Fraser High", "Porirua College", "Linwood College"])),
        "cg": Col("Parent/Guardian", "caregiver_name", lambda p: p["caregiver"]),
        "ph": Col("Guardian Phone", "phone", lambda p: phone(p, "spaced")),
        "ref": Col("Referral Source", "referral_source", lambda p: ref_label(p)),
        "match": Col("Match Date", "start_date", lambda p: fmt_date(p["start"], "cell")),
        "meet": Col("Last Meeting", "service_date", lambda p: fmt_date(p["service"], "cell")),
        "n": Col("Meetings", "sessions_attended", lambda p: p["sessions"]),
        "status": Col("Match Status", "outcome_status", lambda p: pick(p, outcome, "state")),
        "consent": Col("Evaluation Consent", "consent_evaluation", lambda p: consent[p["consent"]]),
        "mentor": Col("Mentor", "key_worker", lambda p: p["worker"]),
    }
    order1 = ["id", "first", "lastn", "dob", "gender", "eth", "school", "cg", "ph", "ref", "match", "meet", "n",
              "status", "consent", "mentor"]
    order2 = ["id", "lastn", "first", "dob", "gender", "eth", "cg", "ph", "ref", "match", "meet", "n", "status",
              "closed", "consent", "mentor", "school"]
    base["closed"] = Col("Closure Date", None, lambda p: fmt_date(p["service"] + dt.timedelta(days=3), "cell")
                         if p["state"] in ("completed", "exited", "moved") else "")
    files = []
    for part, order in ((1, order1), (2, order2)):
        ppl = people(r, ctx, n_rows(r))
        for p in ppl:
            p["idx"] += (part - 1) * 400
        t = Table("Mentees", [base[k] for k in order], ppl)
        render_table(t, r, invalid_plan(r))
        files.append(FileSpec(f"mentoring_2026Q3_part{part}.xlsx", "xlsx", [t]))
    return Layout("SEALED13", "big-whanau-mentoring", q,
                  ["youth_justice", "two_parts", "column_order_differs_between_parts", "extra_column_in_part2",
                   "title_case_headers", "split_name", "distractor_school", "distractor_closure_date",
                   "caregiver_column"], files)


def L14(r: random.Random) -> Layout:
    """Hand-kept budgeting sheet saved as cp1252 CSV: no client id, only a start date, totals/notes at bottom."""
    q = "2026Q2"
    ctx = Ctx(q, "budget", MIX_SOUTH, (18, 85), ["Budgeting"], ["msd", "self", "gp", "whanau"],
              ["Bev", "Sione", "Marg"], start_in_quarter=True)
    where = {"completed": ["Sorted - closed", "All good now, closed"], "exited": ["Stopped coming"],
             "ongoing": ["Still working on it", "Ongoing"], "referred": ["Sent to Citizens Advice"],
             "moved": ["Gone to Aussie"]}
    ok = {"yes": "Yes", "no": "No", "declined": "No thanks", "withdrawn": "Changed mind", "not_asked": "Didn't ask"}
    cols = [
        Col("Name", "full_name", lambda p: full_name(p, "gf")),
        Col("Birthdate", "date_of_birth", lambda p: fmt_date(p["dob"], "dmy2")),
        Col("Ph", "phone", lambda p: phone(p, "plain")),
        Col("Suburb", "address_suburb", lambda p: strip_macrons(p["suburb"])),
        Col("Town", "address_town", lambda p: strip_macrons(p["town"])),
        Col("Who referred", "referral_source", lambda p: ref_label(p)),
        Col("Date started", "start_date", lambda p: fmt_date(p["start"], "dmy2")),
        Col("How many sessions", "sessions_attended", lambda p: p["sessions"]),
        Col("Where are they at", "outcome_status", lambda p: pick(p, where, "state")),
        Col("OK to use for eval?", "consent_evaluation", lambda p: ok[p["consent"]]),
        Col("Score at start (1-10)", "wellbeing_start", lambda p: p["wb_start"]),
        Col("Score now (1-10)", "wellbeing_end", lambda p: "" if p["wb_end"] is None else p["wb_end"]),
        Col("Debt cleared?", None, lambda p: p["r"].choice(["Yes", "No", "Partly", ""])),
        Col("Mentor", "key_worker", lambda p: p["worker"]),
    ]
    ppl = people(r, ctx, n_rows(r))
    t = Table(None, cols, ppl)
    render_table(t, r, invalid_plan(r, allow_future=False))
    t.post = [["TOTAL", "", "", "", "", "", "", sum(p["sessions"] for p in ppl)],
              ["Notes: Bev on leave in May so some dates approx."],
              ["Two clients asked not to be contacted by phone."]]
    fs = FileSpec("budgeting Apr-Jun 26.csv", "csv", [t], "cp1252", ",", newline="\r\n")
    return Layout("SEALED14", "oamaru-community-budgeting", q,
                  ["budgeting", "hand_kept", "cp1252", "crlf", "totals_and_notes_rows_below", "no_client_id",
                   "only_start_date", "no_service_date", "question_headers", "two_digit_year_dates",
                   "first_name_only_staff", "suburb_town_only"], [fs])


def L15(r: random.Random) -> Layout:
    """Children's family-violence programme ODS: instructions sheet first, data on the second, group headers."""
    q = "2026Q3"
    ctx = Ctx(q, "fv", MIX_GENERAL, (5, 12), ["Children's group (Tamariki Toa)"], ["ot", "school", "police", "whanau"],
              ["Bridget Campbell", "Wiremu Ngata", "Losana Vaifale"], start_in_quarter=False, scale=(1, 5))
    completed = {"completed": ["Yes"], "exited": ["No - withdrew", "No - stopped attending"],
                 "ongoing": ["Still attending"], "referred": ["No - referred elsewhere"], "moved": ["No - moved"]}
    signed = {"yes": "Signed", "no": "Not signed", "declined": "Declined", "withdrawn": "Withdrawn", "not_asked": ""}
    cols = [
        Col("Child ref", "client_ref", lambda p: f"TT{p['idx'] + 1:03d}", "Child"),
        Col("Given name", "given_names", lambda p: p["given"], "Child"),
        Col("Surname", "family_name", lambda p: p["family"], "Child"),
        Col("DOB (dd/mm/yyyy)", "date_of_birth", lambda p: fmt_date(p["dob"], "dmy"), "Child"),
        Col("Ethnicity (all that apply)", "ethnicity", lambda p: eth(p, "label", sep="/"), "Child"),
        Col("School", None, lambda p: p["r"].choice(["Manurewa East School", "Rowandale School", "Yendarra School",
                                                     "Nawton School", "Aranui School", "Kaiti School"]), "Child"),
        Col("Parent/Caregiver name", "caregiver_name", lambda p: p["caregiver"], "Caregiver"),
        Col("Caregiver phone", "phone", lambda p: phone(p, "spaced"), "Caregiver"),
        Col("Referral from", "referral_source", lambda p: ref_label(p), "Programme"),
        Col("Group start date", "start_date", lambda p: fmt_date(p["start"], "dmy"), "Programme"),
        Col("Weeks attended", "sessions_attended", lambda p: min(p["sessions"], 10), "Programme"),
        Col("Completed programme?", "outcome_status", lambda p: pick(p, completed, "state"), "Programme"),
        Col("Consent (caregiver signed)", "consent_evaluation", lambda p: signed[p["consent"]], "Programme"),
        Col("Feelings score week 1 (1-5)", "wellbeing_start", lambda p: p["wb_start"], "Scores"),
        Col("Feelings score final week (1-5)", "wellbeing_end",
            lambda p: "" if p["wb_end"] is None else p["wb_end"], "Scores"),
        Col("Facilitator", "key_worker", lambda p: p["worker"], "Scores"),
    ]
    t = Table("Data", cols, people(r, ctx, n_rows(r)), group_row=True)
    render_table(t, r, invalid_plan(r))
    instructions = [["Tamariki Toa - quarterly data"], ["Fill in the Data sheet, one row per child."],
                    ["Send to the funder by the 10th of the month after the quarter ends."],
                    ["Questions: Bridget Campbell (programme lead) bridget.campbell@safefamilies.org.nz"]]
    fs = FileSpec("Tamariki Toa Q3 2026.ods", "ods", [t], extra_sheets=[(0, "Instructions", instructions)])
    return Layout("SEALED15", "safe-families-trust", q,
                  ["family_violence", "children", "ods_hand_written", "instructions_sheet_staff_email",
                   "data_on_second_sheet", "merged_group_headers", "multi_value_ethnicity_slash", "signed_consent",
                   "scores_1_5", "distractor_school", "no_service_date", "caregiver_phone"], [fs])


def L16(r: random.Random) -> Layout:
    """Youth justice case system TSV (UTF-8 BOM): no date of birth (age only), NHI, risk rating distractor."""
    q = "2026Q2"
    ctx = Ctx(q, "yj", MIX_GENERAL, (14, 17), ["Intensive supervision", "Rangatahi Court support"],
              ["court", "police", "ot"], ["Corey Scott", "Tipene Wihongi", "Seini Kioa"], new_nhi_share=0.25)
    plan = {"completed": ["Plan completed"], "exited": ["Plan ended - breach", "Exited (non-engagement)"],
            "ongoing": ["Plan active"], "referred": ["Transferred to adult services"], "moved": ["Transferred region"]}
    consent = {"yes": "Consented", "no": "Declined", "declined": "Declined", "withdrawn": "Withdrawn",
               "not_asked": "Not asked"}
    q0 = quarter_range(q)[0]
    cols = [
        Col("Young Person", "full_name", lambda p: full_name(p, "gF")),
        Col("Age", None, lambda p: (q0 - p["dob"]).days // 365),
        Col("NHI", "nhi", lambda p: p["nhi"]),
        Col("Gender", "gender", lambda p: gender(p, "MF")),
        Col("Ethnic Group", "ethnicity", lambda p: eth(p, "label")),
        Col("Iwi", "iwi", lambda p: p["iwi"][0] if p["iwi"] else ("" if p["r"].random() < .5 else "N/A")),
        Col("Whānau Contact", "caregiver_name", lambda p: p["caregiver"]),
        Col("Contact Number", "phone", lambda p: phone(p, "spaced")),
        Col("Email", "email", lambda p: maybe(p, p["email"], 0.6)),
        Col("Referrer", "referral_source", lambda p: ref_label(p)),
        Col("Plan Start", "start_date", lambda p: fmt_date(p["start"], "dd-mmm-yyyy")),
        Col("Last Contact", "service_date", lambda p: fmt_date(p["service"], "dd-mmm-yyyy")),
        Col("Contacts (#)", "sessions_attended", lambda p: p["sessions"]),
        Col("Plan Status", "outcome_status", lambda p: pick(p, plan, "state")),
        Col("Evaluation consent", "consent_evaluation", lambda p: consent[p["consent"]]),
        Col("Risk rating (1-5)", None, lambda p: p["r"].randint(1, 5)),
        Col("Youth Worker", "key_worker", lambda p: p["worker"]),
        Col("Case summary", "case_notes", lambda p: p["notes"]),
        Col("Court ref", None, lambda p: f"YC{p['r'].randint(100000, 999999)}"),
    ]
    t = Table(None, cols, people(r, ctx, n_rows(r)))
    render_table(t, r, ["noname"] * r.randint(1, 3))
    fs = FileSpec("yj_caseload_2026Q2.tsv", "tsv", [t], "utf-8-sig", "\t")
    return Layout("SEALED16", "rangatahi-tu-tangata", q,
                  ["youth_justice", "tsv", "utf8_bom", "no_date_of_birth", "age_column_unmapped", "nhi_only_identity",
                   "risk_score_distractor", "dd_mmm_yyyy_dates", "no_client_id", "given_FAMILY_names"], [fs])


def L17(r: random.Random) -> Layout:
    """Online form responses saved as xlsx: timestamp, question headers, en-dash units, text DOBs."""
    q = "2026Q3"
    ctx = Ctx(q, "fv", MIX_GENERAL, (18, 65), ["Whānau Toa", "Te Kākano (women's group)"],
              ["police", "self", "court", "ot", "hosp"], ["Wayne Hughes", "Mereana Herewini", "Gurpreet Gill"])
    consent = {"yes": "Yes", "no": "No", "declined": "No", "withdrawn": "Withdrawn", "not_asked": "Not asked"}
    status = {"completed": ["Completed the programme"], "exited": ["Exited early"], "ongoing": ["Still engaged"],
              "referred": ["Referred to another service"], "moved": ["Moved away"]}
    cols = [
        Col("Timestamp", None, lambda p: fmt_dt(dt.datetime.combine(p["service"], dt.time(11, p["idx"] % 60)) +
                                                   dt.timedelta(days=p["r"].randint(0, 2)), "cell")),
        Col("Client's full name", "full_name", lambda p: full_name(p, "gf")),
        Col("Client date of birth", "date_of_birth", lambda p: fmt_date(p["dob"], "dmy")),
        Col("NHI (if known)", "nhi", lambda p: maybe_nhi(p, 0.4)),
        Col("Phone number", "phone", lambda p: phone(p, "dash")),
        Col("Home address", "address", lambda p: address(p, "full")),
        Col("Which programme?", "programme", lambda p: p["programme"]),
        Col("Date of session", "service_date", lambda p: fmt_date(p["service"], "ymd_slash")),
        Col("How many sessions has the client attended?", "sessions_attended", lambda p: p["sessions"]),
        Col("Wellbeing before (1–10)", "wellbeing_start", lambda p: p["wb_start"]),
        Col("Wellbeing after (1–10)", "wellbeing_end", lambda p: "" if p["wb_end"] is None else p["wb_end"]),
        Col("Did the client consent to evaluation?", "consent_evaluation", lambda p: consent[p["consent"]]),
        Col("Current status", "outcome_status", lambda p: pick(p, status, "state")),
        Col("Kaimahi name", "key_worker", lambda p: p["worker"]),
        Col("Session notes", "case_notes", lambda p: p["notes"]),
    ]
    t = Table("Form responses 1", cols, people(r, ctx, n_rows(r)))
    render_table(t, r, invalid_plan(r))
    fs = FileSpec("Whanau Toa session log (Responses).xlsx", "xlsx", [t])
    return Layout("SEALED17", "whanau-toa-collective", q,
                  ["family_violence", "online_form_export", "question_headers", "timestamp_distractor",
                   "en_dash_units", "text_dates_in_xlsx", "ymd_slash_dates", "no_client_id", "no_start_date"], [fs])


def L18(r: random.Random) -> Layout:
    """Gambling-harm counselling, semicolon CSV with a group row, lower-case headers, 0-100 scale, level-2 codes."""
    q = "2026Q3"
    ctx = Ctx(q, "budget", MIX_GENERAL, (18, 80), ["Gambling harm counselling", "Whānau gambling support"],
              ["self", "gp", "msd", "whanau", "corrections"], ["Jia Hui Chen", "Pita Mataia", "Kate Fitzgerald"],
              scale=(0, 100))
    result = {"completed": ["goals met", "completed"], "exited": ["dropped out"], "ongoing": ["in treatment"],
              "referred": ["referred"], "moved": ["moved"]}
    ok = {"yes": "y", "no": "n", "declined": "n", "withdrawn": "n", "not_asked": "?"}
    G1, G2, G3 = "Person", "Where they live", "Service"
    cols = [
        Col("client code", "client_ref", lambda p: f"gh{p['idx'] + 5020}", G1),
        Col("name (last, first)", "full_name", lambda p: full_name(p, "Fg"), G1),
        Col("birth date", "date_of_birth", lambda p: fmt_date(p["dob"], "d-mmm-yy"), G1),
        Col("sex", "gender", lambda p: gender(p, "MF").lower(), G1),
        Col("ethnicity code", "ethnicity", lambda p: eth(p, "l2", sep=","), G1),
        Col("iwi", "iwi", lambda p: "/".join(p["iwi"]), G1),
        Col("phone", "phone", lambda p: phone(p, "plain"), G1),
        Col("e-mail", "email", lambda p: maybe(p, p["email"], 0.3), G1),
        Col("street", "address_street", lambda p: address(p, "street"), G2),
        Col("suburb", "address_suburb", lambda p: p["suburb"], G2),
        Col("city/town", "address_town", lambda p: p["town"], G2),
        Col("postcode", "address_postcode", lambda p: p["postcode"], G2),
        Col("service", "programme", lambda p: p["programme"], G3),
        Col("referred by", "referral_source", lambda p: ref_label(p).lower(), G3),
        Col("start", "start_date", lambda p: fmt_date(p["start"], "d-mmm-yy"), G3),
        Col("session date", "service_date", lambda p: fmt_date(p["service"], "d-mmm-yy"), G3),
        Col("sessions", "sessions_attended", lambda p: p["sessions"], G3),
        Col("result", "outcome_status", lambda p: pick(p, result, "state"), G3),
        Col("eval ok", "consent_evaluation", lambda p: ok[p["consent"]], G3),
        Col("pre score (0-100)", "wellbeing_start", lambda p: p["wb_start"], G3),
        Col("post score (0-100)", "wellbeing_end", lambda p: "" if p["wb_end"] is None else p["wb_end"], G3),
        Col("worker", "key_worker", lambda p: p["worker"], G3),
    ]
    t = Table(None, cols, people(r, ctx, n_rows(r)), group_row=True)
    render_table(t, r, invalid_plan(r, allow_future=False))
    fs = FileSpec("gambling_harm_q3_2026.csv", "csv", [t], "utf-8", ";")
    return Layout("SEALED18", "pokie-harm-aotearoa", q,
                  ["gambling_harm", "semicolon", "csv_group_row", "lower_case_headers", "stats_nz_level2_multi",
                   "d_mmm_yy_dates", "scale_0_100", "split_address", "full_name_family_comma_given",
                   "consent_y_n_question_mark"], [fs])


def L19(r: random.Random) -> Layout:
    """Pacific language nest (ECE) xlsx: title rows + merged groups, Samoan yes/no, only an enrolment date."""
    q = "2026Q3"
    ctx = Ctx(q, "ece", MIX_PACIFIC, (0, 4), ["A'oga Amata"], ["whanau", "self", "plunket", "gp"],
              ["Faafetai Leota", "Malia Tuilagi", "Ioana Fonoti"], start_in_quarter=True)
    yes_no = {"yes": "Ioe", "no": "Leai", "declined": "Leai", "withdrawn": "Leai", "not_asked": ""}
    enrolled = {"completed": ["No - started school"], "exited": ["No - left"], "ongoing": ["Yes"],
                "referred": ["No - moved to kindy"], "moved": ["No - moved"]}
    C, P, E = "Tamaititi / Child", "Matua / Parent", "Enrolment"
    cols = [
        Col("First name", "given_names", lambda p: p["given"], C),
        Col("Last name", "family_name", lambda p: p["family"], C),
        Col("Birthday", "date_of_birth", lambda p: fmt_date(p["dob"], "serial"), C),
        Col("Ethnicity 1", "ethnicity", lambda p: eth(p, "label", n=0), C),
        Col("Ethnicity 2", "ethnicity", lambda p: eth(p, "label", n=1), C),
        Col("Parent name", "caregiver_name", lambda p: p["caregiver"], P),
        Col("Parent phone", "phone", lambda p: phone(p, "plain"), P),
        Col("Parent email", "email", lambda p: maybe(p, p["email"], 0.2), P),
        Col("Enrolment date", "start_date", lambda p: fmt_date(p["start"], "cell"), E),
        Col("Hours per week", None, lambda p: p["r"].choice([10, 15, 20, 20, 30]), E),
        Col("Days attended this quarter", "sessions_attended", lambda p: p["sessions"] * 2, E),
        Col("Still enrolled?", "outcome_status", lambda p: pick(p, enrolled, "state"), E),
        Col("Consent for evaluation", "consent_evaluation", lambda p: yes_no[p["consent"]], E),
        Col("Faiaoga (teacher)", "key_worker", lambda p: p["worker"], E),
    ]
    t = Table("Enrolments", cols, people(r, ctx, n_rows(r)),
              pre=[["Aoga Amata Lumana'i - Enrolment return"], ["Quarter 3 (July-September) 2026"]], group_row=True)
    render_table(t, r, invalid_plan(r))
    fs = FileSpec("Lumanai enrolments Q3.xlsx", "xlsx", [t])
    return Layout("SEALED19", "aoga-amata-lumanai", q,
                  ["early_childhood", "pacific_language_nest", "title_rows", "merged_group_headers",
                   "samoan_consent", "excel_serial_dob", "numbered_ethnicity", "only_start_date", "no_service_date",
                   "distractor_hours_per_week", "no_client_id"], [fs])


def L20(r: random.Random) -> Layout:
    """Whānau Ora navigator CSV with many distractors: row numbers, flags, funder, notes-for-agency codes."""
    q = "2026Q2"
    ctx = Ctx(q, "home", MIX_MAORI, (16, 75), ["Whānau Ora navigation", "Kaumātua support", "Rangatahi pathway"],
              ["iwi", "self", "whanau", "gp", "msd", "kainga"], ["Tui Harawira", "Rewi Tamihana", "Liam O'Connor"],
              new_nhi_share=0.2)
    outcome = {"completed": ["Goals achieved / Kua tutuki", "Plan complete"], "exited": ["Whānau withdrew"],
               "ongoing": ["Active - ongoing"], "referred": ["Referred on"], "moved": ["Moved rohe"]}
    consent = {"yes": "Āe / Yes", "no": "Kāo / No", "declined": "Declined", "withdrawn": "Withdrawn",
               "not_asked": "Not asked"}
    cols = [
        Col("Row", None, lambda p: p["idx"] + 1),
        Col("Client #", "client_ref", lambda p: f"{p['idx'] + 1200}"),
        Col("Navigator", "key_worker", lambda p: p["worker"]),
        Col("Name", "full_name", lambda p: full_name(p, "gF")),
        Col("DOB", "date_of_birth", lambda p: fmt_date(p["dob"], "dd-mmm-yyyy")),
        Col("NHI", "nhi", lambda p: p["nhi"]),
        Col("Gender", "gender", lambda p: gender(p, "mixed")),
        Col("Ethnicity", "ethnicity", lambda p: eth(p, "label", sep="; ")),
        Col("Iwi", "iwi", lambda p: "; ".join(p["iwi"])),
        Col("Phone", "phone", lambda p: phone(p, "spaced")),
        Col("Address", "address", lambda p: address(p, "full")),
        Col("Referral", "referral_source", lambda p: ref_label(p)),
        Col("Programme", "programme", lambda p: p["programme"]),
        Col("Start Date", "start_date", lambda p: fmt_date(p["start"], "dd-mmm-yyyy")),
        Col("Last Visit", "service_date", lambda p: fmt_date(p["service"], "dd-mmm-yyyy")),
        Col("Visits", "sessions_attended", lambda p: p["sessions"]),
        Col("Outcome", "outcome_status", lambda p: pick(p, outcome, "state")),
        Col("Consent", "consent_evaluation", lambda p: consent[p["consent"]]),
        Col("Wellbeing Start (1-10)", "wellbeing_start", lambda p: p["wb_start"]),
        Col("Wellbeing End (1-10)", "wellbeing_end", lambda p: "" if p["wb_end"] is None else p["wb_end"]),
        Col("Case Notes", "case_notes", lambda p: p["notes"]),
        Col("Flag", None, lambda p: p["r"].choice(["", "", "", "Y", "!", "HR"])),
        Col("Notes for agency", None, lambda p: p["r"].choice(["", "", "FU", "DNA", "OK", "CHK", "TX"])),
        Col("Funder", None, lambda p: p["r"].choice(["TPK", "TPK", "MSD", "Te Whatu Ora"])),
        Col("Contract line", None, lambda p: p["r"].choice(["WO-NAV-01", "WO-NAV-02", "KAU-03"])),
    ]
    t = Table(None, cols, people(r, ctx, n_rows(r)))
    render_table(t, r, invalid_plan(r))
    fs = FileSpec("WhanauOra_Nav_Apr-Jun2026.csv", "csv", [t], "utf-8", ",")
    return Layout("SEALED20", "te-hau-awhiowhio-navigators", q,
                  ["kaupapa_maori_home_visiting", "distractor_heavy", "row_number_column", "flag_column",
                   "notes_for_agency_codes", "funder_column", "given_FAMILY_names", "bilingual_consent",
                   "bilingual_outcomes", "multi_value_iwi", "key_worker_early_column"], [fs])


LAYOUTS = [L01, L02, L03, L04, L05, L06, L07, L08, L09, L10, L11, L12, L13, L14, L15, L16, L17, L18, L19, L20]


# --------------------------------------------------------------------------------------
# Generate
# --------------------------------------------------------------------------------------
def _truth(lay: Layout) -> dict:
    files = []
    for fs in lay.files:
        tables = []
        for t in fs.tables:
            tables.append({
                "sheet": t.sheet if fs.fmt in ("xlsx", "ods") else None,
                "header_row": t.header_row,
                "rows": len(t.rows),
                "columns": [{"index": i, "header": c.header, "group": c.group if t.group_row else None,
                             "target": c.target} for i, c in enumerate(t.cols)],
            })
        rows = sum(len(t.rows) for t in fs.tables)
        files.append({
            "name": fs.name, "format": fs.fmt,
            "encoding": fs.encoding if fs.fmt not in ("xlsx", "ods") else None,
            "delimiter": fs.delimiter if fs.fmt in ("csv", "tsv", "csv.gz") else None,
            "rows": rows, "valid_rows": rows - sum(t.invalid for t in fs.tables),
            "tables": tables,
        })
    return {"layout_id": lay.layout_id, "provider": lay.provider, "quarter": lay.quarter,
            "features": lay.features, "files": files}


def generate(out_dir: pathlib.Path) -> list[dict]:
    out_dir = pathlib.Path(out_dir)
    truths = []
    for i, fn in enumerate(LAYOUTS):
        r = random.Random(SEED + 101 * i)
        lay = fn(r)
        land = out_dir / lay.layout_id / "landing" / lay.provider / lay.quarter
        land.mkdir(parents=True, exist_ok=True)
        for fs in lay.files:
            WRITERS[fs.fmt](land / fs.name, fs)
        truth = _truth(lay)
        (out_dir / lay.layout_id / "truth.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        truths.append(truth)
    return truths


# --------------------------------------------------------------------------------------
# Self-check: re-read every file independently of the writers
# --------------------------------------------------------------------------------------
_DATE_FORMATS = ["%d/%m/%Y", "%d-%b-%Y", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y%m%d", "%d.%m.%Y", "%Y/%m/%d",
                 "%d %B %Y", "%Y/%m/%d %I:%M:%S %p", "%d/%m/%Y %H:%M"]
_DATE_FORMATS_YY = ["%d/%m/%y", "%d-%b-%y"]


def _parse_date(v: Any) -> dt.date | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if 1000 < v < 80000:
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(v))
        v = str(int(v))
    s = str(v).strip()
    for f in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(s, f).date()
        except ValueError:
            pass
    for f in _DATE_FORMATS_YY:
        try:
            d = dt.datetime.strptime(s, f).date()
        except ValueError:
            continue
        yy = d.year % 100
        return d.replace(year=2000 + yy if 2000 + yy <= TODAY.year else 1900 + yy)
    return None


def _read_delimited(path: pathlib.Path, f: dict) -> list[list[Any]]:
    data = path.read_bytes()
    if f["format"] == "csv.gz":
        data = gzip.decompress(data)
    enc = f["encoding"]
    if enc == "utf-8-sig":
        assert data.startswith(b"\xef\xbb\xbf"), "missing UTF-8 BOM"
    if enc == "utf-8":
        assert not data.startswith(b"\xef\xbb\xbf"), "unexpected BOM"
    text = data.decode(enc)
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=f["delimiter"])]


def _read_xlsx(path: pathlib.Path) -> tuple[dict[str, list[list[Any]]], dict[str, list[str]]]:
    from openpyxl import load_workbook
    wb = load_workbook(path)
    sheets, merges = {}, {}
    for ws in wb.worksheets:
        sheets[ws.title] = [list(row) for row in ws.iter_rows(values_only=True)]
        merges[ws.title] = [str(m) for m in ws.merged_cells.ranges]
    return sheets, merges


def _read_ods(path: pathlib.Path) -> dict[str, list[list[Any]]]:
    T, OFFICE, X = (f"{{{_ODS_NS[k]}}}" for k in ("table", "office", "text"))
    with zipfile.ZipFile(path) as z:
        assert z.namelist()[0] == "mimetype" and z.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        root = ET.fromstring(z.read("content.xml"))
    out = {}
    for tab in root.iter(T + "table"):
        rows = []
        for tr in tab.iter(T + "table-row"):
            row: list[Any] = []
            for cell in tr:
                if cell.tag not in (T + "table-cell", T + "covered-table-cell"):
                    continue
                rep = int(cell.get(T + "number-columns-repeated", "1"))
                vt = cell.get(OFFICE + "value-type")
                if vt == "date":
                    v: Any = dt.date.fromisoformat(cell.get(OFFICE + "date-value")[:10])
                elif vt == "float":
                    v = float(cell.get(OFFICE + "value"))
                else:
                    v = "\n".join("".join(p.itertext()) for p in cell.findall(X + "p")) or None
                row.extend([v] * rep)
            while row and row[-1] in (None, ""):
                row.pop()
            rows.append(row)
        out[tab.get(T + "name")] = rows
    return out


def _blank(row: list[Any]) -> bool:
    return all(v is None or str(v).strip() == "" for v in row)


def check(out_dir: pathlib.Path, truths: list[dict]) -> list[str]:
    problems: list[str] = []
    n_files = n_cols = n_rows_total = n_tables = 0
    for truth in truths:
        lid = truth["layout_id"]
        q0, q1 = quarter_range(truth["quarter"])
        land = out_dir / lid / "landing" / truth["provider"] / truth["quarter"]
        on_disk = sorted(p.name for p in land.iterdir())
        if on_disk != sorted(f["name"] for f in truth["files"]):
            problems.append(f"{lid}: files on disk {on_disk} differ from truth")
        for f in truth["files"]:
            n_files += 1
            path = land / f["name"]
            where = f"{lid}/{f['name']}"
            try:
                if f["format"] in ("csv", "tsv", "csv.gz"):
                    grids = {None: _read_delimited(path, f)}
                elif f["format"] == "xlsx":
                    grids, merges = _read_xlsx(path)
                elif f["format"] == "ods":
                    grids = _read_ods(path)
                else:
                    recs = json.loads(path.read_text(encoding="utf-8"))
                    assert isinstance(recs, list) and all(isinstance(x, dict) for x in recs)
                    keys = list(recs[0].keys())
                    grids = {None: [keys] + [[rec.get(k) for k in keys] for rec in recs]}
            except Exception as exc:
                problems.append(f"{where}: cannot read ({exc!r})")
                continue
            total = invalid = 0
            for t in f["tables"]:
                n_tables += 1
                grid = grids.get(t["sheet"])
                if grid is None:
                    problems.append(f"{where}: sheet {t['sheet']!r} missing")
                    continue
                hr = t["header_row"]
                header = list(grid[hr - 1])
                for c in t["columns"]:
                    n_cols += 1
                    got = header[c["index"]] if c["index"] < len(header) else None
                    if got != c["header"]:
                        problems.append(f"{where}: column {c['index']} header {got!r} != {c['header']!r}")
                if len([h for h in header if h not in (None, "")]) != len(t["columns"]):
                    problems.append(f"{where}: header has {len(header)} cells, truth {len(t['columns'])}")
                if any(c["group"] for c in t["columns"]):
                    grow = grid[hr - 2]
                    last = None
                    for c in t["columns"]:
                        cell = grow[c["index"]] if c["index"] < len(grow) else None
                        if cell not in (None, ""):
                            last = cell
                        elif c["group"] is None:
                            last = None
                        if c["group"] != last:
                            problems.append(f"{where}: group of column {c['index']} is {last!r}, truth {c['group']!r}")
                    if f["format"] == "xlsx":
                        spans = merges[t["sheet"]]
                        if not spans:
                            problems.append(f"{where}: no merged cells for group headers")
                data = []
                for row in grid[hr:]:
                    if _blank(row):
                        break
                    data.append(row)
                if len(data) != t["rows"]:
                    problems.append(f"{where}: {len(data)} data rows read, truth {t['rows']}")
                if not 60 <= t["rows"] <= 200:
                    problems.append(f"{where}: {t['rows']} rows outside 60-200")
                total += len(data)
                idx = {}
                for c in t["columns"]:
                    idx.setdefault(c["target"], []).append(c["index"])

                def cells(row: list[Any], target: str, idx: dict = idx) -> list[Any]:
                    return [row[i] if i < len(row) else None for i in idx.get(target, [])]

                for row in data:
                    names = cells(row, "full_name") + cells(row, "given_names") + cells(row, "family_name")
                    nhis = [v for v in cells(row, "nhi") if v not in (None, "")]
                    for v in nhis:
                        if not nhi_valid(str(v)):
                            problems.append(f"{where}: invalid NHI {v!r}")
                    for v in cells(row, "ird"):
                        if v not in (None, "") and not ird_valid(str(v)):
                            problems.append(f"{where}: invalid IRD {v!r}")
                    bad = all(v in (None, "") for v in names) and not nhis
                    for v in cells(row, "date_of_birth"):
                        d = _parse_date(v)
                        if d is None or d > TODAY:
                            bad = True
                        elif d.year < 1930:
                            problems.append(f"{where}: unrealistic DOB {v!r}")
                    for target in ("service_date",):
                        for v in cells(row, target):
                            d = _parse_date(v)
                            if v not in (None, "") and (d is None or not q0 <= d <= q1):
                                problems.append(f"{where}: {target} {v!r} outside {truth['quarter']}")
                    for v in cells(row, "start_date"):
                        d = _parse_date(v)
                        if d is None or d > q1:
                            problems.append(f"{where}: start_date {v!r} not a date before quarter end")
                    invalid += bad
            if total != f["rows"]:
                problems.append(f"{where}: rows {total} != truth {f['rows']}")
            if total - invalid != f["valid_rows"]:
                problems.append(f"{where}: valid rows re-derived {total - invalid} != truth {f['valid_rows']}")
            n_rows_total += total
    print(f"checked {len(truths)} layouts, {n_files} files, {n_tables} tables, {n_cols} columns, "
          f"{n_rows_total} data rows; problems: {len(problems)}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=pathlib.Path)
    ap.add_argument("--check", action="store_true", help="re-read every file and compare with truth.json")
    args = ap.parse_args(argv)
    truths = generate(args.out)
    print(f"wrote {len(truths)} layouts to {args.out}")
    if args.check:
        truths = [json.loads((args.out / t["layout_id"] / "truth.json").read_text(encoding="utf-8")) for t in truths]
        problems = check(args.out, truths)
        for p in problems[:50]:
            print("  -", p)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
