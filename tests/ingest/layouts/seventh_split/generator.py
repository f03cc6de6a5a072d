"""Seventh independent corpus of NZ provider quarterly-return files (issue 12, item 9).

Written blind from the brief: own vocabularies, own providers, own layouts.
Standard library + openpyxl only. Deterministic (fixed seeds).

    python generator.py --out DIR            # write SEVENTH01..SEVENTH20 into DIR
    python generator.py --out DIR --check    # write, then re-read every file and verify truth.json

Column "index" is the 0-based position in the row as a reader sees it: for CSV-like files the
field position, for workbooks the sheet column (A=0), so a table starting in column C has
indexes from 2. Blank spacer columns and trailing empty columns are listed with target null.
For JSON files "header_row" is null and "index" is the key's position in the records.
"""
from __future__ import annotations

import argparse
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
from xml.sax.saxutils import escape as xml_escape

import openpyxl
from openpyxl.utils import get_column_letter

SEED = 7_2026_12

# --------------------------------------------------------------------------------------
# Vocabularies (own lists)
# --------------------------------------------------------------------------------------
NAMES = {
    "maori": (
        ["Aroha", "Wiremu", "Hemi", "Mere", "Tama", "Ngaio", "Rāwiri", "Kahurangi", "Tūī", "Manaia",
         "Nikau", "Hana", "Pita", "Moana", "Anahera", "Tipene", "Ihaia", "Marama", "Hōhepa", "Kiri",
         "Whetu", "Rangi", "Tāne", "Huia", "Atawhai", "Maata", "Te Ao", "Keri", "Paora", "Ripeka"],
        ["Parata", "Ngata", "Tamihana", "Rangihuna", "Te Whata", "Poutama", "Kereama", "Hohaia",
         "Takerei", "Waaka", "Paewai", "Mōrehu", "Horomona", "Whaanga", "Karaka", "Te Kani",
         "Tūhiwai", "Rāwiri", "Pōmare", "Tautahi", "Heke", "Te Moana", "Wihongi", "Tipoki"],
    ),
    "pacific": (
        ["Sione", "Losa", "Tavita", "Mele", "Malia", "Siaosi", "Ana", "Viliami", "Lupe", "Tevita",
         "Fetu", "Sefa", "Leilani", "Toa", "Salote", "Iosefa", "Fuimaono", "Ofa", "Teuila", "Mosese",
         "Tangaroa", "Mata", "Pua"],
        ["Tuilagi", "Faleolo", "Fonoti", "Taufa", "Havili", "Vaifale", "Mataele", "Tangitau",
         "Pouono", "Lealaiauloto", "Sapolu", "Tuhaka", "Talagi", "Mareko", "Vainikolo", "Tupou",
         "Aumua", "Pulu", "Marsters", "Tauevihi", "Fa'alogo", "Ioane"],
    ),
    "pakeha": (
        ["Jack", "Olivia", "Sophie", "Liam", "Hannah", "Bruce", "Karen", "Grant", "Megan", "Hamish",
         "Fiona", "Callum", "Rosie", "Duncan", "Sharon", "Lachlan", "Brooke", "Wayne", "Denise",
         "Tayla", "Ruby", "Shane", "Gail", "Noah"],
        ["Smith", "McKenzie", "Thompson", "Wilson", "Fraser", "O'Connor", "Brown", "Campbell",
         "Harrison", "Anderson", "Gallagher", "Reid", "Van der Berg", "Murray", "Sutherland",
         "Jones", "Baxter", "Cooper", "Hay", "McLeod"],
    ),
    "asian": (
        ["Wei", "Xiuying", "Jun", "Mei Lin", "Hyun-woo", "Ji-yeon", "Minh", "Thi Lan", "Haruto",
         "Yuki", "Jia Hui", "Seo-yeon", "Rico", "Maricel", "Hao", "Lin"],
        ["Wang", "Chen", "Li", "Zhang", "Kim", "Park", "Nguyen", "Tran", "Liu", "Huang", "Santos",
         "Reyes", "Tanaka", "Choi", "Zhou"],
    ),
    "indian": (
        ["Priya", "Rajesh", "Sunita", "Arjun", "Deepa", "Harpreet", "Aarav", "Kavita", "Manpreet",
         "Anjali", "Vikram", "Shalini", "Rohit", "Neha", "Sanjay", "Pooja"],
        ["Patel", "Singh", "Sharma", "Kumar", "Reddy", "Gill", "Chand", "Prasad", "Naidu", "Kaur",
         "Desai", "Fernando", "Perera", "Thapa"],
    ),
    "refugee": (
        ["Fatima", "Amina", "Ahmad", "Zahra", "Mariam", "Samira", "Hawa", "Nasra", "Yusuf",
         "Shukria", "Layla", "Rahima", "Nour", "Senait", "Paula", "Aye"],
        ["Hussaini", "Haidari", "Mohamed", "Abdi", "Tesfaye", "Alkhatib", "Rahimi", "Jafari",
         "Osman", "Kidane", "Alhassan", "Gutiérrez", "Htun", "Noori"],
    ),
}
ZH_NAMES = {"F": ["王秀英", "李梅", "黄丽", "吴芳", "林静", "刘洋"], "M": ["陈伟", "张军", "周杰", "郑浩", "刘洋"]}
SUBPOOLS = {  # ethnicity label -> (female given, male given, family); used for the asian and refugee groups
    "Chinese": (["Xiuying", "Mei Lin", "Jia Hui", "Lin", "Yan"], ["Wei", "Jun", "Hao", "Lei"],
                ["Wang", "Chen", "Li", "Zhang", "Liu", "Huang", "Zhou"]),
    "Korean": (["Ji-yeon", "Seo-yeon", "Soo-ah"], ["Hyun-woo", "Min-jun", "Ji-ho"], ["Kim", "Park", "Choi", "Lee"]),
    "Vietnamese": (["Thi Lan", "Linh", "Mai"], ["Minh", "Duc", "Quang"], ["Nguyen", "Tran", "Pham"]),
    "Filipino": (["Maricel", "Angelica", "Joy"], ["Rico", "Jose", "Mark"], ["Santos", "Reyes", "Dela Cruz", "Bautista"]),
    "Japanese": (["Yuki", "Sakura"], ["Haruto", "Kenji"], ["Tanaka", "Sato", "Suzuki"]),
    "Afghani": (["Shukria", "Zahra", "Mariam", "Fatima", "Layla"], ["Ahmad", "Mohammad", "Ali"],
                ["Hussaini", "Haidari", "Rahimi", "Jafari", "Noori"]),
    "Syrian": (["Nour", "Layla", "Samira", "Rahima"], ["Omar", "Hassan", "Yusuf"], ["Alkhatib", "Alhassan", "Haddad"]),
    "Iraqi": (["Samira", "Zainab", "Noor"], ["Hassan", "Mustafa"], ["Al-Jaburi", "Kadhim", "Alhassan"]),
    "Somali": (["Hawa", "Nasra", "Amina"], ["Abdullahi", "Yusuf"], ["Mohamed", "Abdi", "Osman"]),
    "Eritrean": (["Senait", "Helen", "Selam"], ["Tesfay", "Dawit"], ["Tesfaye", "Kidane", "Gebremariam"]),
    "Ethiopian": (["Selam", "Meron", "Hiwot"], ["Dawit", "Yonas"], ["Tesfaye", "Bekele", "Haile"]),
    "Colombian": (["Paula", "Luz", "Carolina"], ["Carlos", "Andrés"], ["Gutiérrez", "Rojas", "Martínez"]),
    "Burmese": (["Aye", "Htet", "Nang"], ["Kyaw", "Zaw"], ["Htun", "Win", "Oo"]),
}
FEMALE = {"Aroha", "Mere", "Ngaio", "Kahurangi", "Tūī", "Hana", "Moana", "Anahera", "Marama", "Kiri", "Huia",
          "Maata", "Keri", "Ripeka", "Losa", "Mele", "Malia", "Ana", "Lupe", "Leilani", "Salote", "Ofa", "Teuila",
          "Mata", "Pua", "Olivia", "Sophie", "Hannah", "Karen", "Megan", "Fiona", "Rosie", "Sharon", "Brooke",
          "Denise", "Tayla", "Ruby", "Gail", "Priya", "Sunita", "Deepa", "Kavita", "Anjali", "Shalini", "Neha",
          "Pooja"}
MALE = {"Wiremu", "Hemi", "Tama", "Rāwiri", "Nikau", "Pita", "Tipene", "Ihaia", "Hōhepa", "Tāne", "Paora",
        "Sione", "Tavita", "Siaosi", "Viliami", "Tevita", "Sefa", "Toa", "Iosefa", "Fuimaono", "Mosese", "Tangaroa",
        "Jack", "Liam", "Bruce", "Grant", "Hamish", "Callum", "Duncan", "Lachlan", "Wayne", "Shane", "Noah",
        "Rajesh", "Arjun", "Aarav", "Vikram", "Rohit", "Sanjay"}


def given_pool(grp, eth, gender):
    if grp in ("asian", "refugee"):
        f, m, _ = SUBPOOLS[eth[0]]
        return f if gender == "F" else m if gender == "M" else f + m
    pool = NAMES[grp][0]
    if gender == "F":
        return [n for n in pool if n not in MALE]
    if gender == "M":
        return [n for n in pool if n not in FEMALE]
    return pool


def family_pool(grp, eth):
    if grp in ("asian", "refugee"):
        return SUBPOOLS[eth[0]][2]
    return NAMES[grp][1]


def a_name(rng, grp, eth, gender=None):
    g = gender or rng.choice(["F", "M"])
    return f"{rng.choice(given_pool(grp, eth, g))} {rng.choice(family_pool(grp, eth))}"

ETH = {  # label -> (level-2 code, level-4 code)
    "NZ European": ("11", "11111"), "British": ("12", "12111"), "Dutch": ("12", "12411"),
    "Māori": ("21", "21111"), "Samoan": ("31", "31111"), "Cook Islands Māori": ("32", "32100"),
    "Tongan": ("33", "33111"), "Niuean": ("34", "34111"), "Fijian": ("36", "36111"),
    "Vietnamese": ("41", "41411"), "Filipino": ("41", "41211"), "Chinese": ("42", "42100"),
    "Indian": ("43", "43100"), "Fijian Indian": ("43", "43112"), "Sri Lankan": ("44", "44100"),
    "Korean": ("44", "44411"), "Japanese": ("44", "44311"), "Nepalese": ("44", "44511"),
    "Afghani": ("51", "51111"), "Iraqi": ("51", "51112"), "Syrian": ("51", "51114"),
    "Colombian": ("52", "52111"), "Somali": ("53", "53112"), "Eritrean": ("53", "53113"),
    "Ethiopian": ("53", "53111"), "Burmese": ("41", "41911"),
}
ETH_BY_GROUP = {
    "maori": [(["Māori"], 6), (["Māori", "NZ European"], 3), (["Māori", "Cook Islands Māori"], 1)],
    "pacific": [(["Samoan"], 5), (["Tongan"], 3), (["Cook Islands Māori"], 2), (["Niuean"], 1),
                (["Fijian"], 1), (["Samoan", "Tongan"], 1), (["Samoan", "Māori"], 1)],
    "pakeha": [(["NZ European"], 8), (["British"], 1), (["Dutch"], 1), (["NZ European", "Māori"], 1)],
    "asian": [(["Chinese"], 5), (["Korean"], 2), (["Vietnamese"], 1), (["Filipino"], 2), (["Japanese"], 1)],
    "indian": [(["Indian"], 5), (["Fijian Indian"], 2), (["Sri Lankan"], 1), (["Nepalese"], 1)],
    "refugee": [(["Afghani"], 3), (["Syrian"], 2), (["Eritrean"], 1), (["Somali"], 1), (["Colombian"], 1),
                (["Iraqi"], 1), (["Ethiopian"], 1), (["Burmese"], 1)],
}
IWI = ["Ngāpuhi", "Ngāti Porou", "Waikato-Tainui", "Ngāi Tahu", "Ngāi Tūhoe", "Te Arawa",
       "Ngāti Kahungunu", "Ngāti Awa", "Te Rarawa", "Ngāti Maniapoto", "Ngāti Raukawa",
       "Te Aupōuri", "Whakatōhea", "Ngāti Whātua", "Rongowhakaata", "Ngāti Tūwharetoa"]

AREAS = [  # town, suburb, postcode
    ("Auckland", "Ōtāhuhu", "1062"), ("Auckland", "Māngere", "2022"), ("Auckland", "Papatoetoe", "2025"),
    ("Auckland", "Glen Innes", "1072"), ("Auckland", "Henderson", "0612"), ("Auckland", "Ōtara", "2023"),
    ("Auckland", "Manurewa", "2102"), ("Auckland", "Mount Roskill", "1041"), ("Auckland", "Avondale", "1026"),
    ("Wellington", "Newtown", "6021"), ("Wellington", "Karori", "6012"), ("Wellington", "Johnsonville", "6037"),
    ("Porirua", "Cannons Creek", "5024"), ("Porirua", "Waitangirua", "5024"), ("Porirua", "Titahi Bay", "5022"),
    ("Lower Hutt", "Naenae", "5011"), ("Lower Hutt", "Taitā", "5011"), ("Lower Hutt", "Wainuiomata", "5014"),
    ("Hamilton", "Enderley", "3214"), ("Hamilton", "Fairfield", "3214"), ("Hamilton", "Dinsdale", "3204"),
    ("Hamilton", "Nawton", "3200"), ("Christchurch", "Aranui", "8061"), ("Christchurch", "Linwood", "8062"),
    ("Christchurch", "Hornby", "8042"), ("Christchurch", "Riccarton", "8011"), ("Rotorua", "Fordlands", "3015"),
    ("Rotorua", "Koutu", "3010"), ("Rotorua", "Ngongotahā", "3010"), ("Gisborne", "Kaiti", "4010"),
    ("Gisborne", "Elgin", "4010"), ("Whangārei", "Otangarei", "0112"), ("Whangārei", "Raumanga", "0110"),
    ("Whangārei", "Tikipunga", "0112"), ("Dunedin", "South Dunedin", "9012"), ("Dunedin", "Caversham", "9012"),
    ("Palmerston North", "Highbury", "4412"), ("Palmerston North", "Takaro", "4412"),
    ("Napier", "Maraenui", "4110"), ("Napier", "Onekawa", "4110"), ("Hastings", "Flaxmere", "4120"),
    ("Hastings", "Camberley", "4120"), ("Tauranga", "Greerton", "3112"), ("Tauranga", "Merivale", "3112"),
    ("Invercargill", "Glengarry", "9810"), ("Nelson", "Stoke", "7011"),
]
RURAL = [("Ruatoria", "4032", "Waiomatatini Road"), ("Tokomaru Bay", "4079", "Beach Road"),
         ("Te Araroa", "4087", "Potikirua Road"), ("Tikitiki", "4032", "Rangitukia Road"),
         ("Hicks Bay", "4087", "Wharekahika Road"), ("Kaikohe", "0405", "Mangakāhia Road"),
         ("Kawakawa", "0210", "Waiomio Road"), ("Murupara", "3025", "Kōwhai Street"),
         ("Ōpōtiki", "3122", "Tirohanga Road"), ("Wairoa", "4108", "Nūhaka Road")]
STREETS = ["Great South Road", "Queen Street", "King Street", "Bader Drive", "Massey Road", "Tui Street",
           "Kōwhai Avenue", "Rimu Road", "Mātai Street", "Station Road", "Victoria Street", "Church Street",
           "Hall Road", "Te Irirangi Drive", "Pūriri Crescent", "Totara Place", "Harakeke Lane", "Main Road",
           "Russell Street", "Cameron Road", "Somerset Crescent", "Aotea Terrace", "Mahoe Street"]
EMAIL_DOMAINS = ["gmail.com", "xtra.co.nz", "hotmail.com", "outlook.com", "yahoo.co.nz", "icloud.com"]

NOTE_BITS = [
    "Engaged well and set a goal for next month.", "Whānau hui held at home; next steps agreed.",
    "Missed last appointment, followed up by phone.", "Referred to budgeting service for debt help.",
    "Talked through the safety plan again.", "Attended with partner, both keen to continue.",
    "Transport was a barrier this time; arranged a taxi chit.", "Good progress on the housing application.",
    "Still waiting on WINZ hardship grant.", "Asked for help with school uniforms.",
    "Struggling with sleep; GP appointment booked.", "Celebrated three months without a relapse.",
    "Kōrero about returning to mahi part-time.", "Needs an interpreter for the next session.",
    "Moved in with whānau in the meantime.", "Was quiet today but stayed for the whole group.",
    "Wants to bring her mokopuna next time.", "Court date moved; will update when known.",
]

MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
QUARTERS = {"2026Q2": (dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
            "2026Q3": (dt.date(2026, 7, 1), dt.date(2026, 9, 30))}
TODAY = dt.date(2026, 12, 6)


def demacron(s):
    if not isinstance(s, str):
        return s
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


# --------------------------------------------------------------------------------------
# Identifiers
# --------------------------------------------------------------------------------------
NHI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, O


def _lv(c):
    return NHI_LETTERS.index(c) + 1


def nhi_old(rng):
    while True:
        l3 = "".join(rng.choice(NHI_LETTERS) for _ in range(3))
        d = [rng.randint(0, 9) for _ in range(3)]
        s = _lv(l3[0]) * 7 + _lv(l3[1]) * 6 + _lv(l3[2]) * 5 + d[0] * 4 + d[1] * 3 + d[2] * 2
        r = s % 11
        if r == 0:
            continue
        chk = 11 - r
        if chk == 10:
            chk = 0
        return l3 + "".join(map(str, d)) + str(chk)


def nhi_new(rng):
    while True:
        l3 = "".join(rng.choice(NHI_LETTERS) for _ in range(3))
        d = [rng.randint(0, 9) for _ in range(2)]
        l6 = rng.choice(NHI_LETTERS)
        s = _lv(l3[0]) * 7 + _lv(l3[1]) * 6 + _lv(l3[2]) * 5 + d[0] * 4 + d[1] * 3 + _lv(l6) * 2
        r = s % 23
        if r == 0:
            continue
        return l3 + "".join(map(str, d)) + l6 + NHI_LETTERS[23 - r - 1]


def nhi_valid(v):
    v = (v or "").strip().upper()
    if len(v) != 7 or not all(c in NHI_LETTERS for c in v[:3]) or not v[3:5].isdigit():
        return False
    s = _lv(v[0]) * 7 + _lv(v[1]) * 6 + _lv(v[2]) * 5 + int(v[3]) * 4 + int(v[4]) * 3
    if v[5:].isdigit():
        s += int(v[5]) * 2
        r = s % 11
        if r == 0:
            return False
        chk = 11 - r
        return (0 if chk == 10 else chk) == int(v[6])
    if v[5] in NHI_LETTERS and v[6] in NHI_LETTERS:
        s += _lv(v[5]) * 2
        r = s % 23
        return r != 0 and NHI_LETTERS[23 - r - 1] == v[6]
    return False


def nhi_lookalike(rng):
    """Provider client code shaped like an old-format NHI but failing the check digit."""
    while True:
        v = "".join(rng.choice(NHI_LETTERS) for _ in range(3)) + "".join(str(rng.randint(0, 9)) for _ in range(4))
        if not nhi_valid(v):
            return v


def ird(rng):
    w1 = [3, 2, 7, 6, 5, 4, 3, 2]
    while True:
        base = [int(c) for c in str(rng.randint(10_000_000, 14_999_999))]
        r = sum(a * b for a, b in zip(base, w1)) % 11
        chk = 0 if r == 0 else 11 - r
        if chk == 10:
            continue
        s = "".join(map(str, base)) + str(chk)
        return f"{s[:3]}-{s[3:6]}-{s[6:]}"


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------
class BadDate:
    """A date of birth that does not exist (30 February)."""

    def __init__(self, year):
        self.year, self.month, self.day = year, 2, 30


STRP = {
    "dmy": "%d/%m/%Y", "dmy2": "%d/%m/%y", "d-mmm-yyyy": "%d-%b-%Y", "d-mmm-yy": "%d-%b-%y",
    "iso": "%Y-%m-%d", "isodt": "%Y-%m-%dT%H:%M:%S", "sept": "%d %b %Y", "ymd/": "%Y/%m/%d",
    "dots": "%d.%m.%Y", "us_dt": "%m/%d/%Y %H:%M", "us_d": "%m/%d/%Y", "access": "%d/%m/%Y %H:%M:%S",
}


def fdate(kind, d, hm=(0, 0)):
    if d is None or d == "":
        return ""
    y, m, dd = d.year, d.month, d.day
    h, mi = hm
    if kind == "dmy":
        return f"{dd:02d}/{m:02d}/{y}"
    if kind == "dmy2":
        return f"{dd:02d}/{m:02d}/{y % 100:02d}"
    if kind == "d-mmm-yyyy":
        return f"{dd}-{MON[m - 1]}-{y}"
    if kind == "d-mmm-yy":
        return f"{dd}-{MON[m - 1]}-{y % 100:02d}"
    if kind == "iso":
        return f"{y}-{m:02d}-{dd:02d}"
    if kind == "isodt":
        return f"{y}-{m:02d}-{dd:02d}T{h:02d}:{mi:02d}:00"
    if kind == "sept":
        mon = "Sept" if m == 9 else MON[m - 1]
        return f"{dd} {mon} {y}"
    if kind == "ymd/":
        return f"{y}/{m:02d}/{dd:02d}"
    if kind == "dots":
        return f"{dd:02d}.{m:02d}.{y}"
    if kind == "us_dt":
        return f"{m:02d}/{dd:02d}/{y} {h:02d}:{mi:02d}"
    if kind == "us_d":
        return f"{m}/{dd}/{y}"
    if kind == "access":
        return f"{dd}/{m:02d}/{y} {h}:{mi:02d}:00"
    raise ValueError(kind)


def parse_date(v, kind):
    """Used by the self-check only. Returns a date or None."""
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, (int, float)):
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(v))
    s = str(v).strip().replace("Sept ", "Sep ")
    try:
        return dt.datetime.strptime(s, STRP[kind]).date()
    except (ValueError, KeyError):
        return None


def serial(d):
    return (d - dt.date(1899, 12, 30)).days


def rand_date(rng, a, b):
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


# --------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------
def wchoice(rng, pairs):
    tot = sum(w for _, w in pairs)
    x = rng.uniform(0, tot)
    for v, w in pairs:
        x -= w
        if x <= 0:
            return v
    return pairs[-1][0]


def ascii_slug(s):
    return "".join(c for c in demacron(s).lower() if c.isalnum())


def staff(rng, n):
    out = []
    for _ in range(n):
        g = rng.choice(["maori", "pakeha", "pacific", "indian", "asian"])
        out.append(a_name(rng, g, ["Chinese"] if g == "asian" else [], rng.choice(["F", "F", "M"])))
    return out


def phone(rng):
    k = rng.random()
    if k < 0.55:
        return f"0{rng.choice(['21', '22', '27', '29'])} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    if k < 0.8:
        return f"({rng.choice(['09', '04', '07', '06', '03'])}) {rng.randint(200, 999)} {rng.randint(1000, 9999)}"
    return f"+64 {rng.choice(['21', '22', '27'])} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"


def person(rng, quarter, mix, age=(18, 80), rural=False, gender=None):
    grp = wchoice(rng, list(mix.items()))
    eth = list(wchoice(rng, ETH_BY_GROUP[grp]))
    gender = gender or wchoice(rng, [("F", 52), ("M", 43), ("X", 3), ("U", 2)])
    pool = given_pool(grp, eth, gender)
    given = rng.choice(pool)
    if rng.random() < 0.15:
        second = rng.choice(pool)
        if second != given:
            given += " " + second
    family = rng.choice(family_pool(grp, eth))
    q0, q1 = QUARTERS[quarter]
    dob = rand_date(rng, q0 - dt.timedelta(days=int(age[1] * 365.25)), q0 - dt.timedelta(days=int(age[0] * 365.25) + 14))
    iwi = ""
    if "Māori" in eth and rng.random() < 0.85:
        iwi = rng.choice(IWI)
        if rng.random() < 0.15:
            iwi += ", " + rng.choice([i for i in IWI if i != iwi])
    if rural:
        town, pc, road = rng.choice(RURAL)
        street = f"{rng.randint(1, 2400)} {road}"
        suburb = f"RD {rng.randint(1, 4)}" if rng.random() < 0.5 else ""
    else:
        town, suburb, pc = rng.choice(AREAS)
        street = f"{rng.randint(1, 320)}{rng.choice(['', '', '', 'A', 'B'])} {rng.choice(STREETS)}"
        if rng.random() < 0.12:
            street = f"Flat {rng.randint(1, 12)}, " + street
    email = ""
    if rng.random() < 0.7:
        sep = rng.choice([".", "_", ""])
        email = f"{ascii_slug(given.split()[0])}{sep}{ascii_slug(family)}{rng.choice(['', str(rng.randint(1, 99))])}@{rng.choice(EMAIL_DOMAINS)}"
    start = rand_date(rng, q0 - dt.timedelta(days=400), q1 - dt.timedelta(days=10))
    service = rand_date(rng, max(start, q0), q1)
    wb0 = rng.randint(2, 7)
    return {
        "grp": grp, "given": given, "family": family, "dob": dob, "eth": eth, "iwi": iwi,
        "gender": gender, "phone": phone(rng) if rng.random() < 0.9 else "", "email": email,
        "street": street, "suburb": suburb, "town": town, "pc": pc,
        "nhi": (nhi_old(rng) if rng.random() < 0.8 else nhi_new(rng)),
        "ird": ird(rng), "start": start, "service": service, "hm": (rng.randint(8, 18), rng.choice([0, 15, 30, 45])),
        "sessions": rng.randint(1, 14),
        "outcome": wchoice(rng, [("ongoing", 5), ("completed", 3), ("exited", 2), ("referred", 1)]),
        "consent": wchoice(rng, [("yes", 7), ("no", 2), ("unknown", 1)]),
        "consent_mode": rng.choice(["signed", "verbal"]),
        "wb0": wb0, "wb1": min(10, wb0 + rng.randint(-1, 4)),
        "r1": rng.randint(0, 9999), "r2": rng.randint(0, 9999), "r3": rng.randint(0, 9999),
        "notes": " ".join(rng.sample(NOTE_BITS, rng.choice([1, 1, 2]))),
        "caregiver": (a_name(rng, grp, eth).split(" ")[0] + " " + family) if rng.random() < 0.7 else a_name(rng, grp, eth),
        "zh": rng.choice(ZH_NAMES["F" if gender == "F" else "M"]) if eth[0] == "Chinese" and rng.random() < 0.5 else "",
    }


def full_addr(r, with_suburb=True):
    parts = [r["street"]]
    if with_suburb and r["suburb"]:
        parts.append(r["suburb"])
    parts.append(f"{r['town']} {r['pc']}")
    return ", ".join(parts)


def fullname(r, style):
    g, f = r["given"], r["family"]
    if not g and not f:
        return ""
    if style == "Given Family":
        return f"{g} {f}"
    if style == "FAMILY, Given":
        return f"{f.upper()}, {g}"
    if style == "Family, Given":
        return f"{f}, {g}"
    if style == "Given FAMILY":
        return f"{g} {f.upper()}"
    if style == "FAMILY Given":
        return f"{f.upper()} {g}"
    if style == "lower":
        return f"{g} {f}".lower()
    if style == "CAPS":
        return f"{g} {f}".upper()
    raise ValueError(style)


def invalidate(rng, rows, k, has_dob, has_nhi):
    """Make k rows invalid (no name and no NHI, or impossible/future DOB). Returns indexes."""
    idx = sorted(rng.sample(range(len(rows)), k))
    for i in idx:
        r = dict(rows[i])
        kind = rng.choice(["noname", "baddob", "future"]) if has_dob else "noname"
        if kind == "noname":
            r["given"] = r["family"] = r["zh"] = ""
            r["nhi"] = ""
        elif kind == "baddob":
            r["dob"] = BadDate(r["dob"].year)
        else:
            r["dob"] = dt.date(rng.randint(2031, 2044), rng.randint(1, 12), rng.randint(1, 28))
        r["_invalid"] = kind
        rows[i] = r
    return idx


# --------------------------------------------------------------------------------------
# Table model and writers
# --------------------------------------------------------------------------------------
class Col:
    def __init__(self, header, target, fn, group=None, date_kind=None):
        self.header, self.target, self.fn, self.group, self.date_kind = header, target, fn, group, date_kind


def C(header, target, fn, group=None, dk=None):
    return Col(header, target, fn, group, dk)


HINTS = {}  # (layout, file, sheet, index) -> date kind, for the self-check


def matrix(cols, rows):
    return [[c.fn(r) for c in cols] for r in rows]


def cell_str(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    return str(v)


def table_truth(cols, n, header_row, sheet=None, offset=0):
    return {"sheet": sheet, "header_row": header_row, "rows": n,
            "columns": [{"index": offset + i, "header": c.header, "group": c.group, "target": c.target}
                        for i, c in enumerate(cols)]}


def note_hints(layout, fname, sheet, cols, offset=0):
    for i, c in enumerate(cols):
        if c.target in ("date_of_birth", "service_date") and c.date_kind:
            HINTS[(layout, fname, sheet, offset + i)] = c.date_kind


def write_delimited(path, cols, rows, *, encoding, delimiter, crlf=False, pre=(), trailing_empty=False,
                    totals=None, quote_all=False, gz=False, demac=False):
    headers = [c.header for c in cols]
    data = [[cell_str(v) for v in row] for row in matrix(cols, rows)]
    if trailing_empty:
        headers = headers + [""]
        data = [row + [""] for row in data]
    if demac:
        headers = [demacron(h) for h in headers]
        data = [[demacron(v) for v in row] for row in data]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n",
                   quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    for p in pre:
        w.writerow(list(p) + ([""] if trailing_empty and p else []))
    w.writerow(headers)
    w.writerows(data)
    if totals:
        w.writerow(totals + ([""] if trailing_empty else []))
    raw = buf.getvalue().encode(encoding)
    if gz:
        raw = gzip.compress(raw, mtime=0)
    path.write_bytes(raw)
    return headers


def ods_cell(v, date_text_kind="dmy"):
    if v is None or v == "":
        return "<table:table-cell/>"
    if isinstance(v, bool):
        v = "TRUE" if v else "FALSE"
    if isinstance(v, dt.date):
        return (f'<table:table-cell office:value-type="date" office:date-value="{v.isoformat()}">'
                f"<text:p>{fdate(date_text_kind, v)}</text:p></table:table-cell>")
    if isinstance(v, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{xml_escape(str(v))}</text:p></table:table-cell>'


def write_ods(path, sheets, date_text_kind="dmy"):
    """sheets: list of (name, list_of_rows). Written as LibreOffice would, minus styles."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')
    body = []
    for name, rows in sheets:
        body.append(f'<table:table table:name="{xml_escape(name)}">')
        width = max(len(r) for r in rows)
        body.append(f'<table:table-column table:number-columns-repeated="{width}"/>')
        for r in rows:
            body.append("<table:table-row>" + "".join(ods_cell(v, date_text_kind) for v in r) + "</table:table-row>")
        body.append("</table:table>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.3">'
               f'<office:body><office:spreadsheet>{"".join(body)}</office:spreadsheet></office:body>'
               f"</office:document-content>")
    meta = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ns} office:version="1.3"><office:meta>'
            f"<meta:generator>LibreOffice/7.6.4.1$Linux_X86_64 LibreOffice_project/e19e193f88</meta:generator>"
            f"<meta:creation-date>2026-10-03T09:12:44</meta:creation-date></office:meta></office:document-meta>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    fixed = (2026, 10, 3, 9, 12, 44)
    with zipfile.ZipFile(path, "w") as z:
        zi = zipfile.ZipInfo("mimetype", fixed)
        z.writestr(zi, "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        for n, t in (("content.xml", content), ("meta.xml", meta), ("META-INF/manifest.xml", manifest)):
            z.writestr(zipfile.ZipInfo(n, fixed), t, compress_type=zipfile.ZIP_DEFLATED)


def new_wb():
    wb = openpyxl.Workbook()
    wb.properties.creator = "Provider"
    wb.properties.created = dt.datetime(2026, 10, 2, 9, 0, 0)
    return wb


def save_wb(wb, path):
    """Save a workbook with fixed zip timestamps and document dates, so output is byte-for-byte repeatable."""
    import re
    buf = io.BytesIO()
    wb.save(buf)
    fixed = (2026, 10, 2, 9, 0, 0)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>2026-10-02T09:00:00Z\g<2>", data)
            dst.writestr(zipfile.ZipInfo(info.filename, fixed), data, compress_type=zipfile.ZIP_DEFLATED)


def put_table(ws, cols, rows, *, header_row, offset=0, date_fmt="dd/mm/yyyy", pre=(), groups=False,
              totals=()):
    """Write pre rows, optional merged group row, header, data, blank row + totals block."""
    for i, p in enumerate(pre):
        for j, v in enumerate(p):
            if v not in (None, ""):
                ws.cell(row=i + 1, column=offset + j + 1, value=v)
    if groups:
        gr = header_row - 1
        j = 0
        while j < len(cols):
            g = cols[j].group
            k = j
            while k + 1 < len(cols) and cols[k + 1].group == g:
                k += 1
            if g:
                ws.cell(row=gr, column=offset + j + 1, value=g)
                if k > j:
                    ws.merge_cells(start_row=gr, start_column=offset + j + 1, end_row=gr, end_column=offset + k + 1)
            j = k + 1
    for j, c in enumerate(cols):
        if c.header != "":
            ws.cell(row=header_row, column=offset + j + 1, value=c.header)
    for i, row in enumerate(matrix(cols, rows)):
        for j, v in enumerate(row):
            if v in (None, ""):
                continue
            cell = ws.cell(row=header_row + 1 + i, column=offset + j + 1, value=v)
            if isinstance(v, dt.datetime):
                cell.number_format = "m/d/yy h:mm"
            elif isinstance(v, dt.date):
                cell.number_format = date_fmt
    r0 = header_row + len(rows) + 2
    for i, t in enumerate(totals):
        for j, v in enumerate(t):
            if v not in (None, ""):
                ws.cell(row=r0 + i, column=offset + j + 1, value=v)


def xd(d, fallback="dmy"):
    """Date for a workbook cell: a real date, or the typed text when the date is impossible."""
    if isinstance(d, BadDate):
        return fdate(fallback, d)
    return d


def xs(d):
    """Excel serial number stored as a plain number (no date format)."""
    if isinstance(d, BadDate):
        return fdate("dmy", d)
    return serial(d) if d else None


# --------------------------------------------------------------------------------------
# Layouts
# --------------------------------------------------------------------------------------
def pick_rows(rng, lo=60, hi=200):
    return rng.randint(lo, hi)


def people(rng, n, quarter, mix, **kw):
    return [person(rng, quarter, mix, **kw) for _ in range(n)]


def k_invalid(rng):
    return wchoice(rng, [(0, 2), (1, 4), (2, 3), (3, 2)])


class Layout:
    def __init__(self, lid, provider, quarter, features):
        self.lid, self.provider, self.quarter, self.features = lid, provider, quarter, features
        self.files = []

    def dir(self, out):
        d = out / self.lid / "landing" / self.provider / self.quarter
        d.mkdir(parents=True, exist_ok=True)
        return d

    def add(self, name, fmt, encoding, delimiter, rows, valid, tables):
        self.files.append({"name": name, "format": fmt, "encoding": encoding, "delimiter": delimiter,
                           "rows": rows, "valid_rows": valid, "tables": tables})

    def truth(self):
        return {"layout_id": self.lid, "provider": self.provider, "quarter": self.quarter,
                "features": self.features, "files": self.files}


MIX_GENERAL = {"maori": 30, "pacific": 20, "pakeha": 30, "asian": 8, "indian": 8, "refugee": 4}


def L01(out, rng):
    """Rural marae-based health provider: hand-kept workbook, te reo headers, data from column C."""
    L = Layout("SEVENTH01", "te-puna-ora-o-waiapu", "2026Q3",
               ["xlsx", "rural_marae_health", "te_reo_headers_macrons", "title_rows", "data_starts_col_C",
                "frozen_panes", "hidden_column", "key_worker_initials", "row_number_column", "rural_addresses",
                "consent_ae_kao"])
    n = pick_rows(rng)
    rows = people(rng, n, L.quarter, {"maori": 85, "pakeha": 10, "pacific": 5}, age=(25, 90), rural=True)
    for i, r in enumerate(rows):
        r["no"] = i + 1
    bad = invalidate(rng, rows, k_invalid(rng), True, True)
    kin = ["MH", "TP", "RW", "AK", "HN"]
    g = {"F": "Wahine", "M": "Tāne", "X": "Irawhiti", "U": ""}
    progs = ["Kaumātua hauora", "Mirimiri", "Mate huka (diabetes)", "Kai ora", "Hapū māma"]
    cons = {"yes": "Āe", "no": "Kāo", "unknown": ""}
    outc = {"ongoing": "Kei te haere tonu", "completed": "Kua oti", "exited": "I mutu wawe", "referred": "Kua tukuna atu"}
    cols = [
        C("Tau", None, lambda r: r["no"]),
        C("Ingoa", "full_name", lambda r: fullname(r, "Given Family")),
        C("Rā whānau", "date_of_birth", lambda r: xd(r["dob"]), dk="dmy"),
        C("Ira tangata", "gender", lambda r: g[r["gender"]]),
        C("NHI", "nhi", lambda r: r["nhi"]),
        C("Iwi", "iwi", lambda r: r["iwi"]),
        C("Waea", "phone", lambda r: r["phone"]),
        C("Wāhi noho", "address", lambda r: full_addr(r)),
        C("Kaupapa", "programme", lambda r: progs[r["r2"] % 5]),
        C("Rā tīmata", "start_date", lambda r: r["start"]),
        C("Rā toro", "service_date", lambda r: r["service"], dk="xl"),
        C("Toronga", "sessions_attended", lambda r: r["sessions"]),
        C("Tohu ā-roto", None, lambda r: ["R", "F", "", "", "K"][r["r2"] % 5]),
        C("Kaimahi", "key_worker", lambda r: kin[(r["sessions"] + r["wb0"]) % 5]),
        C("Whakaaetanga", "consent_evaluation", lambda r: cons[r["consent"]]),
        C("Putanga", "outcome_status", lambda r: outc[r["outcome"]]),
        C("Kōrero", "case_notes", lambda r: r["notes"]),
    ]
    fname = "Rehita_Hauora_Mahuru2026.xlsx"
    wb = new_wb()
    ws = wb.active
    ws.title = "Rēhita"
    pre = [["Te Puna Ora o Waiapu — Rēhita Hauora"], ["Hauwhā 3: Hōngongoi – Mahuru 2026"], []]
    put_table(ws, cols, rows, header_row=4, offset=2, pre=pre)
    ws.freeze_panes = "E5"
    ws.column_dimensions[get_column_letter(2 + 12 + 1)].hidden = True
    save_wb(wb, L.dir(out) / fname)
    note_hints(L.lid, fname, "Rēhita", cols, 2)
    L.add(fname, "xlsx", None, None, n, n - len(bad), [table_truth(cols, n, 4, "Rēhita", 2)])
    return L


def L02(out, rng):
    """City mission CRM case-management export: metadata block, wide (34 columns), CRLF, BOM, trailing comma."""
    L = Layout("SEVENTH02", "harbour-city-mission", "2026Q3",
               ["csv", "utf8_bom", "crlf", "trailing_empty_column", "crm_metadata_block", "wide_export_34_cols",
                "iso_datetimes", "split_name", "split_address_no_suburb", "two_ethnicity_columns",
                "reason_for_referral_free_text", "date_closed_review_due_distractors", "boolean_consent",
                "interpreter_yes_no_not_consent", "funding_code_distractor"])
    n = pick_rows(rng, 120, 200)
    rows = people(rng, n, L.quarter, MIX_GENERAL)
    workers = staff(rng, 6)
    bad = invalidate(rng, rows, k_invalid(rng), True, False)
    g = {"F": "Female", "M": "Male", "X": "Non-binary", "U": "Prefer not to say"}
    services = ["Social work", "Budgeting", "Housing support", "Foodbank", "Health clinic"]
    reasons = ["Behind on rent after job loss", "Sleeping in car, needs emergency housing",
               "Power disconnection notice", "Referred by GP for food insecurity", "Needs help with MSD forms",
               "Family breakdown, staying with friends"]
    status = {"ongoing": "Open", "completed": "Closed - goals met", "exited": "Closed - disengaged", "referred": "Transferred"}
    refsrc = ["Work and Income", "Self-referral", "Kāinga Ora", "GP", "Police", "Friend/whānau"]

    def closed(r):
        return "" if r["outcome"] == "ongoing" else fdate("iso", min(QUARTERS[L.quarter][1], r["service"] + dt.timedelta(days=r["sessions"])))

    cols = [
        C("Record ID", None, lambda r: r["rid"]),
        C("Client ID", "client_ref", lambda r: r["cid"]),
        C("Client: First Name", "given_names", lambda r: r["given"]),
        C("Client: Last Name", "family_name", lambda r: r["family"]),
        C("Client: Preferred Name", None, lambda r: r["given"].split()[0][:3] if r["wb0"] == 2 and r["given"] else ""),
        C("Client: Birthdate", "date_of_birth", lambda r: fdate("iso", r["dob"]), dk="iso"),
        C("Client: Gender Identity", "gender", lambda r: g[r["gender"]]),
        C("Client: Ethnicity (Primary)", "ethnicity", lambda r: r["eth"][0]),
        C("Client: Ethnicity (Secondary)", "ethnicity", lambda r: r["eth"][1] if len(r["eth"]) > 1 else ""),
        C("Client: Mobile", "phone", lambda r: r["phone"]),
        C("Client: Email", "email", lambda r: r["email"]),
        C("Mailing Street", "address_street", lambda r: r["street"]),
        C("Mailing City", "address_town", lambda r: r["town"]),
        C("Mailing Zip/Postal Code", "address_postcode", lambda r: r["pc"]),
        C("Mailing Country", None, lambda r: "New Zealand"),
        C("Housing Status", None, lambda r: ["Renting - private", "Emergency housing", "Kāinga Ora tenant", "Boarding", "Homeless"][r["r1"] % 5]),
        C("Income Source", None, lambda r: ["Jobseeker", "Wages", "Supported Living", "NZ Super", "Sole Parent"][r["r2"] % 5]),
        C("Service", "programme", lambda r: services[r["r2"] % 5]),
        C("Service Date/Time", "service_date", lambda r: fdate("isodt", r["service"], r["hm"]), dk="isodt"),
        C("Enrolment Date", "start_date", lambda r: fdate("iso", r["start"])),
        C("Reason for Referral", None, lambda r: reasons[(r["wb0"] + r["sessions"]) % len(reasons)]),
        C("Referral Source", "referral_source", lambda r: refsrc[r["r3"] % len(refsrc)]),
        C("Case Worker", "key_worker", lambda r: workers[r["r2"] % 6]),
        C("Case Status", "outcome_status", lambda r: status[r["outcome"]]),
        C("Date Closed", None, closed),
        C("Review Due", None, lambda r: fdate("iso", r["service"] + dt.timedelta(days=42))),
        C("Funding Code", None, lambda r: f"MSD-{['SW', 'BS', 'HS', 'FB'][r['wb0'] % 4]}{r['wb1']:02d}"),
        C("Interpreter Required", None, lambda r: "TRUE" if r["grp"] in ("refugee", "asian") and r["wb0"] > 3 else "FALSE"),
        C("Dependants", None, lambda r: r["wb0"] - 2),
        C("Evaluation Consent", "consent_evaluation", lambda r: {"yes": "TRUE", "no": "FALSE", "unknown": ""}[r["consent"]]),
        C("Activity Notes", "case_notes", lambda r: r["notes"]),
        C("Created By", None, lambda r: ascii_slug(workers[r["r3"] % 6])[:8]),
        C("Last Modified Date", None, lambda r: fdate("isodt", QUARTERS[L.quarter][1] + dt.timedelta(days=2), (7, 55))),
    ]
    for i, r in enumerate(rows):
        r["cid"] = f"HCM-{4100 + i * 7:06d}"
        r["rid"] = "a0X5g" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789") for _ in range(13))
    fname = "CaseExport_ClientActivity_2026Q3.csv"
    pre = [["Report", "Client Activity Detail"], ["Run by", "j.tapsell@harbourcitymission.org.nz"],
           ["Run at", "2026-10-02T08:14:55"], ["Filter", "Service Date between 1/07/2026 and 30/09/2026"], []]
    headers = write_delimited(L.dir(out) / fname, cols, rows, encoding="utf-8-sig", delimiter=",", crlf=True,
                              pre=pre, trailing_empty=True)
    note_hints(L.lid, fname, None, cols)
    t = table_truth(cols, n, 6)
    t["columns"].append({"index": len(headers) - 1, "header": "", "group": None, "target": None})
    L.add(fname, "csv", "utf-8-sig", ",", n, n - len(bad), [t])
    return L


def L03(out, rng):
    """Hapū-led kaupapa Māori service: headers in te reo without macrons, cp1252, semicolons."""
    L = Layout("SEVENTH03", "te-whare-o-rongomai", "2026Q2",
               ["csv", "cp1252", "semicolon", "te_reo_headers_no_macrons", "hapu_marae_distractors",
                "split_name", "d-mmm-yyyy_dob", "d-mmm-yy_service", "consent_ae_kao_no_macron"])
    n = pick_rows(rng)
    rows = people(rng, n, L.quarter, {"maori": 90, "pakeha": 5, "pacific": 5})
    navs = staff(rng, 4)
    bad = invalidate(rng, rows, k_invalid(rng), True, False)
    hapu = ["Ngāti Hine", "Te Uri o Hau", "Ngāti Manu", "Te Whānau Pani", "Ngāti Rēhia"]
    marae = ["Mōtatau", "Ōtiria", "Matawaia", "Kāretu", "Te Rito"]
    progs = ["Whānau Ora", "Rongoā", "Te reo me ōna tikanga", "Hauora tāne", "Māra kai"]
    outc = {"ongoing": "Kei te haere tonu", "completed": "Kua tutuki", "exited": "Kua wehe", "referred": "Kua tukuna"}
    cols = [
        C("Tau rehita", "client_ref", lambda r: r["cid"]),
        C("Ingoa tuatahi", "given_names", lambda r: r["given"]),
        C("Ingoa whanau", "family_name", lambda r: r["family"]),
        C("Ra whanau", "date_of_birth", lambda r: fdate("d-mmm-yyyy", r["dob"]), dk="d-mmm-yyyy"),
        C("Ira", "gender", lambda r: {"F": "Wahine", "M": "Tane", "X": "Takatapui", "U": ""}[r["gender"]]),
        C("Iwi", "iwi", lambda r: r["iwi"]),
        C("Hapu", None, lambda r: hapu[r["r2"] % 5] if r["iwi"] else ""),
        C("Marae", None, lambda r: marae[r["r1"] % 5] if r["iwi"] else ""),
        C("Waea pukoro", "phone", lambda r: r["phone"]),
        C("Wahi noho", "address", lambda r: full_addr(r)),
        C("Kaupapa", "programme", lambda r: progs[r["r3"] % 5]),
        C("Ra timata", "start_date", lambda r: fdate("d-mmm-yy", r["start"])),
        C("Ra hui", "service_date", lambda r: fdate("d-mmm-yy", r["service"]), dk="d-mmm-yy"),
        C("Kaiarahi", "key_worker", lambda r: navs[r["r2"] % 4]),
        C("Whakaae ki te arotake", "consent_evaluation", lambda r: {"yes": "Ae", "no": "Kao", "unknown": ""}[r["consent"]]),
        C("Hua", "outcome_status", lambda r: outc[r["outcome"]]),
        C("Tuhinga", "case_notes", lambda r: r["notes"]),
    ]
    for i, r in enumerate(rows):
        r["cid"] = f"TWR-{231 + i}"
    fname = "Rarangi_Whanau_Hauwha2_2026.csv"
    write_delimited(L.dir(out) / fname, cols, rows, encoding="cp1252", delimiter=";", crlf=True, demac=True)
    for c in cols:
        c.header = demacron(c.header)
    note_hints(L.lid, fname, None, cols)
    L.add(fname, "csv", "cp1252", ";", n, n - len(bad), [table_truth(cols, n, 1)])
    return L


def L04(out, rng):
    """Pasifika church-based parenting programme: Samoan/Tongan/Niuean headers, merged group headers."""
    L = Layout("SEVENTH04", "malaga-fou-church-trust", "2026Q3",
               ["xlsx", "pasifika_church", "samoan_tongan_niuean_headers", "title_row", "merged_group_headers",
                "full_name_FAMILY_comma_given", "ethnicity_free_labels_slash", "caregiver_column",
                "children_count_not_score", "church_distractor"])
    n = pick_rows(rng)
    rows = people(rng, n, L.quarter, {"pacific": 85, "maori": 10, "pakeha": 5}, age=(19, 60))
    bad = invalidate(rng, rows, k_invalid(rng), True, False)
    fac = staff(rng, 3)
    G1, G2, G3 = "Fa'amatalaga o le tagata / Client details", "Aiga / Family", "Polokalama / Programme"

    def eth(r):
        lab = {"Cook Islands Māori": "Cook Island", "NZ European": "NZ Euro"}
        return "/".join(lab.get(e, e) for e in r["eth"])

    lotu = ["EFKS Māngere", "Free Wesleyan Ōtāhuhu", "PIC Newton", "LDS Papatoetoe", "Catholic – St Anne's"]
    cols = [
        C("Igoa atoa", "full_name", lambda r: fullname(r, "FAMILY, Given"), G1),
        C("Aso fanau", "date_of_birth", lambda r: xd(r["dob"]), G1, dk="xl"),
        C("Tane/Fafine", "gender", lambda r: {"F": "Fafine", "M": "Tane", "X": "Fa'afafine", "U": ""}[r["gender"]], G1),
        C("Fa'asinomaga", "ethnicity", eth, G1),
        C("Telefoni", "phone", lambda r: r["phone"], G1),
        C("Tuatusi", "address", lambda r: full_addr(r), G1),
        C("Lotu", None, lambda r: lotu[r["r1"] % 5], G1),
        C("Matua tausi / Caregiver", "caregiver_name", lambda r: r["caregiver"], G2),
        C("Fanau i le aiga", None, lambda r: r["r3"] % 6 + 1, G2),
        C("Polokalama", "programme", lambda r: ["Aiga Fiafia parenting", "Tama Toa fathers", "Mafutaga a tina"][r["r2"] % 3], G3),
        C("Aso amata", "start_date", lambda r: r["start"], G3),
        C("Aso na auai", "service_date", lambda r: r["service"], G3, dk="xl"),
        C("Fakataha na'e kau ki ai", "sessions_attended", lambda r: r["sessions"], G3),
        C("Faiaoga", "key_worker", lambda r: fac[r["r1"] % 3], G3),
        C("Malie? (Ioe/Leai)", "consent_evaluation", lambda r: {"yes": "Ioe", "no": "Leai", "unknown": ""}[r["consent"]], G3),
        C("I'uga", "outcome_status", lambda r: {"ongoing": "O lo'o faaauau", "completed": "Ua mae'a", "exited": "Ua tu'ua", "referred": "Ua tu'uina atu"}[r["outcome"]], G3),
        C("Tala fakamaama / Notes", "case_notes", lambda r: r["notes"], G3),
    ]
    fname = "Polokalama_Aiga_Q3_2026.xlsx"
    wb = new_wb()
    ws = wb.active
    ws.title = "Lisi"
    put_table(ws, cols, rows, header_row=3, pre=[["Malaga Fou Church Trust — Aiga Fiafia (Q3 2026)"]], groups=True)
    save_wb(wb, L.dir(out) / fname)
    note_hints(L.lid, fname, "Lisi", cols)
    L.add(fname, "xlsx", None, None, n, n - len(bad), [table_truth(cols, n, 3, "Lisi")])
    return L


def L05(out, rng):
    """Asian family services: bilingual Chinese/English headers, UTF-16 tab-delimited (Excel 'Unicode text')."""
    L = Layout("SEVENTH05", "harmony-asian-family-services", "2026Q3",
               ["tsv", "utf16", "crlf", "bilingual_chinese_english_headers", "chinese_character_names",
                "ymd_slash_dates", "interpreter_yes_no_not_consent", "language_distractor",
                "quoted_fields_with_tabs"])
    n = pick_rows(rng)
    rows = people(rng, n, L.quarter, {"asian": 75, "indian": 10, "pakeha": 10, "maori": 5}, age=(20, 75))
    bad = invalidate(rng, rows, k_invalid(rng), True, False)
    sw = ["Grace Lin", "Daniel Cho", "Amy Wu", "Kevin Zhao"]

    def nm(r):
        if r["zh"]:
            return r["zh"]
        return fullname(r, "FAMILY Given") if r["grp"] == "asian" else fullname(r, "Given Family")

    def note(r):
        s = r["notes"]
        if r["wb0"] == 4:
            s = s + "\t(跟进 follow-up)"
        return s

    lang = {"asian": ["普通话 Mandarin", "粤语 Cantonese", "Korean", "Vietnamese"], "indian": ["Hindi"],
            "pakeha": ["English"], "maori": ["English"]}
    cols = [
        C("编号 Client No.", "client_ref", lambda r: r["cid"]),
        C("姓名 Name", "full_name", nm),
        C("出生日期 DOB", "date_of_birth", lambda r: fdate("ymd/", r["dob"]), dk="ymd/"),
        C("性别 Gender", "gender", lambda r: {"F": "女 F", "M": "男 M", "X": "其他 Other", "U": ""}[r["gender"]]),
        C("族裔 Ethnicity", "ethnicity", lambda r: ", ".join(r["eth"])),
        C("语言 Language", None, lambda r: lang[r["grp"]][r["r1"] % len(lang[r["grp"]])] if r["grp"] in lang else "English"),
        C("需要翻译 Interpreter needed", None, lambda r: "是 Yes" if r["grp"] == "asian" and r["r3"] % 2 else "否 No"),
        C("电话 Phone", "phone", lambda r: r["phone"]),
        C("电邮 Email", "email", lambda r: r["email"]),
        C("地址 Address", "address", lambda r: full_addr(r)),
        C("服务项目 Programme", "programme", lambda r: ["育儿 Parenting", "家庭辅导 Family counselling", "安居 Settlement", "长者 Seniors"][r["r2"] % 4]),
        C("服务日期 Service date", "service_date", lambda r: fdate("ymd/", r["service"]), dk="ymd/"),
        C("社工 Social worker", "key_worker", lambda r: sw[r["r1"] % 4]),
        C("同意评估 Consent to evaluation", "consent_evaluation", lambda r: {"yes": "是 Yes", "no": "否 No", "unknown": ""}[r["consent"]]),
        C("备注 Notes", "case_notes", note),
    ]
    for i, r in enumerate(rows):
        r["cid"] = f"AF2026-{100 + i}"
    fname = "AFS_clients_2026Q3.tsv"
    write_delimited(L.dir(out) / fname, cols, rows, encoding="utf-16", delimiter="\t", crlf=True)
    note_hints(L.lid, fname, None, cols)
    L.add(fname, "tsv", "utf-16", "\t", n, n - len(bad), [table_truth(cols, n, 1)])
    return L


def L06(out, rng):
    """Migrant settlement (English/Hindi bilingual headers) saved from LibreOffice as ODS; no service date."""
    L = Layout("SEVENTH06", "aakaash-migrant-support-trust", "2026Q2",
               ["ods", "libreoffice", "bilingual_hindi_english_headers", "migrant_settlement", "split_name",
                "split_address", "no_service_date_only_start", "row_number_column", "consent_signed_verbal_declined",
                "interpreter_yes_no_not_consent", "visa_country_distractors", "dotted_dates"])
    n = pick_rows(rng)
    rows = people(rng, n, L.quarter, {"indian": 70, "asian": 15, "refugee": 15}, age=(18, 70))
    for i, r in enumerate(rows):
        r["no"] = i + 1
        r["start"] = rand_date(rng, QUARTERS[L.quarter][0], QUARTERS[L.quarter][1])
    bad = invalidate(rng, rows, k_invalid(rng), True, False)
    country = {"indian": ["India", "Fiji", "Sri Lanka", "Nepal"], "asian": ["China", "Philippines", "Vietnam"],
               "refugee": ["Afghanistan", "Syria", "Colombia"]}
    cons = {"yes": None, "no": "Declined", "unknown": "Not asked"}
    cols = [
        C("क्रमांक / S.No.", None, lambda r: r["no"]),
        C("पहला नाम / First name", "given_names", lambda r: r["given"]),
        C("उपनाम / Surname", "family_name", lambda r: r["family"]),
        C("जन्म तिथि / DOB", "date_of_birth", lambda r: r["dob"] if not isinstance(r["dob"], BadDate) else fdate("dots", r["dob"]), dk="dots"),
        C("लिंग / Gender", "gender", lambda r: {"F": "महिला / Female", "M": "पुरुष / Male", "X": "Other", "U": ""}[r["gender"]]),
        C("जातीयता / Ethnicity", "ethnicity", lambda r: ", ".join(r["eth"])),
        C("देश / Country of birth", None, lambda r: country[r["grp"]][r["r1"] % len(country[r["grp"]])]),
        C("वीज़ा / Visa type", None, lambda r: ["Resident", "Work", "Partnership", "Refugee quota", "Student"][r["r2"] % 5]),
        C("फ़ोन / Phone", "phone", lambda r: r["phone"]),
        C("ईमेल / Email", "email", lambda r: r["email"]),
        C("पता / Street address", "address_street", lambda r: r["street"]),
        C("उपनगर / Suburb", "address_suburb", lambda r: r["suburb"]),
        C("शहर / City", "address_town", lambda r: r["town"]),
        C("पिन / Postcode", "address_postcode", lambda r: r["pc"]),
        C("कार्यक्रम / Programme", "programme", lambda r: ["Settlement navigation", "English conversation", "Job ready", "Driver licence"][r["r3"] % 4]),
        C("पंजीकरण तिथि / Registered", "start_date", lambda r: r["start"]),
        C("सत्र / Sessions", "sessions_attended", lambda r: r["sessions"]),
        C("दुभाषिया / Interpreter needed", None, lambda r: "Yes" if r["r1"] % 3 == 0 else "No"),
        C("सहमति / Consent", "consent_evaluation", lambda r: cons[r["consent"]] or r["consent_mode"].capitalize()),
    ]
    fname = "settlement_register_Q2_2026.ods"
    grid = [[c.header for c in cols]] + matrix(cols, rows)
    write_ods(L.dir(out) / fname, [("Register", grid)], date_text_kind="dots")
    note_hints(L.lid, fname, "Register", cols)
    L.add(fname, "ods", None, None, n, n - len(bad), [table_truth(cols, n, 1, "Register")])
    return L


def L07(out, rng):
    """Well-child (Plunket/Whānau Āwhina-style) export: child is the client, numeric codes + codebook sheet."""
    L = Layout("SEVENTH07", "tamariki-tupu-wellchild", "2026Q2",
               ["xlsx", "well_child", "client_is_child", "caregiver_details_beside", "caregiver_dob_distractor",
                "numeric_gender_code", "numeric_outcome_code", "codebook_sheet", "ethnicity_level4_code_columns",
                "excel_serial_dates_unformatted", "nhi_old_and_new_format", "split_address"])
    n = pick_rows(rng)
    rows = people(rng, n, L.quarter, {"maori": 40, "pacific": 25, "pakeha": 20, "asian": 8, "indian": 7}, age=(0.1, 5))
    for r in rows:
        r["start"] = max(r["start"], r["dob"] + dt.timedelta(days=7))
    bad = invalidate(rng, rows, k_invalid(rng), True, True)
    for r in rows:
        r["cg_dob"] = dt.date(rng.randint(1980, 2006), rng.randint(1, 12), rng.randint(1, 28))
    nurses = staff(rng, 5)
    oc = {"ongoing": 1, "completed": 2, "exited": 3, "referred": 4}

    def ec(i):
        return lambda r: int(ETH[r["eth"][i]][1]) if len(r["eth"]) > i else None

    cols = [
        C("Child NHI", "nhi", lambda r: r["nhi"]),
        C("Child Given Name", "given_names", lambda r: r["given"]),
        C("Child Family Name", "family_name", lambda r: r["family"]),
        C("Child DOB", "date_of_birth", lambda r: xd(r["dob"]), dk="xl"),
        C("Sex Code", "gender", lambda r: {"F": 2, "M": 1, "X": 3, "U": 9}[r["gender"]]),
        C("Ethnicity Code 1", "ethnicity", ec(0)),
        C("Ethnicity Code 2", "ethnicity", ec(1)),
        C("Ethnicity Code 3", "ethnicity", ec(2)),
        C("Caregiver Name", "caregiver_name", lambda r: r["caregiver"]),
        C("Caregiver DOB", None, lambda r: r["cg_dob"]),
        C("Caregiver Relationship", None, lambda r: ["Mother", "Father", "Grandmother", "Aunt", "Whāngai parent"][r["r1"] % 5]),
        C("Contact Phone", "phone", lambda r: r["phone"]),
        C("Address Line 1", "address_street", lambda r: r["street"]),
        C("Suburb", "address_suburb", lambda r: r["suburb"]),
        C("Town/City", "address_town", lambda r: r["town"]),
        C("Postcode", "address_postcode", lambda r: r["pc"]),
        C("Service Type", "programme", lambda r: ["Well Child Core", "Additional Contact", "PEPE Parenting", "Tamariki Ora Whānau"][r["r2"] % 4]),
        C("Contact Type", None, lambda r: ["Home visit", "Clinic", "Phone", "Video"][r["r3"] % 4]),
        C("Contact Date", "service_date", lambda r: xs(r["service"]), dk="xl"),
        C("Enrolled Date", "start_date", lambda r: xs(r["start"])),
        C("Nurse", "key_worker", lambda r: nurses[r["r1"] % 5]),
        C("Outcome Code", "outcome_status", lambda r: oc[r["outcome"]]),
        C("Research Consent", "consent_evaluation", lambda r: {"yes": "Y", "no": "N", "unknown": "U"}[r["consent"]]),
    ]
    fname = "WCTO_export_2026Q2.xlsx"
    wb = new_wb()
    ws = wb.active
    ws.title = "Export"
    put_table(ws, cols, rows, header_row=1, date_fmt="d/mm/yyyy")
    cb = wb.create_sheet("Codebook")
    cb.append(["Field", "Code", "Meaning"])
    for code, lab in ((1, "Male"), (2, "Female"), (3, "Another gender"), (9, "Not stated")):
        cb.append(["Sex Code", code, lab])
    for code, lab in ((1, "Active – continuing"), (2, "Completed core schedule"), (3, "Disengaged / lost contact"), (4, "Transferred to another provider")):
        cb.append(["Outcome Code", code, lab])
    for lab, (c2, c4) in ETH.items():
        cb.append(["Ethnicity Code", int(c4), lab])
    cb.append(["Research Consent", "Y/N/U", "Yes / No / Unknown"])
    save_wb(wb, L.dir(out) / fname)
    note_hints(L.lid, fname, "Export", cols)
    L.add(fname, "xlsx", None, None, n, n - len(bad), [table_truth(cols, n, 1, "Export")])
    return L


def L08(out, rng):
    """Youth justice programme: long format (row per session), snake_case, pipe-delimited, US datetimes."""
    L = Layout("SEVENTH08", "tu-maia-rangatahi", "2026Q3",
               ["csv", "pipe_delimited", "snake_case_headers", "long_format_row_per_session", "us_style_dates",
                "us_datetimes", "ethnicity_numbered_columns", "row_id_distractor", "fgc_date_distractor",
                "attended_yes_no_not_consent", "youth_justice"])
    mix = {"maori": 60, "pacific": 20, "pakeha": 15, "indian": 5}
    target = pick_rows(rng, 100, 200)
    yw = staff(rng, 5)
    rows = []
    i = 0
    while len(rows) < target:
        p = person(rng, L.quarter, mix, age=(13, 17))
        p["cid"] = f"YP{2600 + i}"
        p["fgc"] = p["start"] - dt.timedelta(days=rng.randint(5, 30))
        i += 1
        for s in sorted({rand_date(rng, max(p["start"], QUARTERS[L.quarter][0]), QUARTERS[L.quarter][1]) for _ in range(rng.randint(1, 4))}):
            q = dict(p)
            q["service"] = s
            q["hm"] = (rng.randint(9, 19), rng.choice([0, 30]))
            q["attended"] = rng.random() < 0.8
            q["stype"] = rng.choice(["mentoring", "group", "whanau_hui", "tikanga", "sport"])
            q["notes"] = rng.choice(NOTE_BITS)
            rows.append(q)
    rows = rows[:target]
    for j, r in enumerate(rows):
        r["no"] = j + 1
    bad = invalidate(rng, rows, k_invalid(rng), True, False)
    snake = {"Māori": "maori", "NZ European": "nz_european", "Cook Islands Māori": "cook_islands_maori"}

    def e(k):
        return lambda r: (snake.get(r["eth"][k], r["eth"][k].lower().replace(" ", "_")) if len(r["eth"]) > k else "")

    cols = [
        C("row_id", None, lambda r: r["no"]),
        C("young_person_id", "client_ref", lambda r: r["cid"]),
        C("first_name", "given_names", lambda r: r["given"]),
        C("last_name", "family_name", lambda r: r["family"]),
        C("dob", "date_of_birth", lambda r: fdate("us_d", r["dob"]), dk="us_d"),
        C("gender", "gender", lambda r: {"F": "female", "M": "male", "X": "nonbinary", "U": "unknown"}[r["gender"]]),
        C("ethnicity_1", "ethnicity", e(0)),
        C("ethnicity_2", "ethnicity", e(1)),
        C("ethnicity_3", "ethnicity", e(2)),
        C("iwi_affiliation", "iwi", lambda r: demacron(r["iwi"])),
        C("referral_agency", "referral_source", lambda r: ["Oranga Tamariki", "Police Youth Aid", "Youth Court", "School"][r["r1"] % 4]),
        C("fgc_date", None, lambda r: fdate("us_d", r["fgc"])),
        C("programme_start", "start_date", lambda r: fdate("us_d", r["start"])),
        C("session_datetime", "service_date", lambda r: fdate("us_dt", r["service"], r["hm"]), dk="us_dt"),
        C("session_type", None, lambda r: r["stype"]),
        C("attended", None, lambda r: "yes" if r["attended"] else "no"),
        C("youth_worker", "key_worker", lambda r: yw[r["r2"] % 5]),
        C("eval_consent", "consent_evaluation", lambda r: {"yes": "Y", "no": "N", "unknown": ""}[r["consent"]]),
        C("exit_status", "outcome_status", lambda r: {"ongoing": "active", "completed": "completed", "exited": "breached", "referred": "transferred"}[r["outcome"]]),
        C("session_notes", "case_notes", lambda r: r["notes"]),
    ]
    fname = "yj_sessions_2026q3.csv"
    write_delimited(L.dir(out) / fname, cols, rows, encoding="utf-8", delimiter="|")
    note_hints(L.lid, fname, None, cols)
    L.add(fname, "csv", "utf-8", "|", len(rows), len(rows) - len(bad), [table_truth(cols, len(rows), 1)])
    return L


def L09(out, rng):
    """Refugee women's group: Google Sheets download, title row, headers with trailing colons, 'Column1'."""
    L = Layout("SEVENTH09", "nau-mai-refugee-womens-collective", "2026Q3",
               ["csv", "google_sheets_download", "title_row", "headers_trailing_colons", "column1_header",
                "dates_3_Sept_2026", "free_label_ethnicity", "interpreter_yes_no_not_consent",
                "children_in_household_not_score", "arrival_date_distractor", "wellbeing_1_5", "question_header"])
    n = pick_rows(rng)
    rows = people(rng, n, L.quarter, {"refugee": 80, "asian": 10, "indian": 10}, age=(18, 70), gender="F")
    for r in rows:
        r["arr"] = rand_date(rng, dt.date(2014, 1, 1), QUARTERS[L.quarter][0] - dt.timedelta(days=30))
    bad = invalidate(rng, rows, k_invalid(rng), True, False)
    fac = ["Shukria", "Anna M", "Rahel", "Mona"]
    country = {"Afghani": "Afghanistan", "Syrian": "Syria", "Eritrean": "Eritrea", "Somali": "Somalia",
               "Colombian": "Colombia", "Iraqi": "Iraq", "Ethiopian": "Ethiopia", "Burmese": "Myanmar"}
    labels = {"Afghani": ["Afghan", "Hazara", "Afghani"], "Burmese": ["Rohingya", "Burmese", "Karen"]}
    langs = {"Afghani": "Dari", "Syrian": "Arabic", "Iraqi": "Arabic", "Eritrean": "Tigrinya", "Somali": "Somali",
             "Colombian": "Spanish", "Ethiopian": "Amharic", "Burmese": "Burmese"}
    cols = [
        C("Name:", "full_name", lambda r: fullname(r, "lower" if r["wb0"] == 3 else "Given Family")),
        C("Date of Birth:", "date_of_birth", lambda r: fdate("sept", r["dob"]), dk="sept"),
        C("Country of Origin:", None, lambda r: country.get(r["eth"][0], "")),
        C("Ethnicity:", "ethnicity", lambda r: labels.get(r["eth"][0], [r["eth"][0]])[r["r3"] % len(labels.get(r["eth"][0], [1]))]),
        C("Column1", None, lambda r: langs.get(r["eth"][0], "English")),
        C("Interpreter Needed?", None, lambda r: "Yes" if r["r1"] % 2 else "No"),
        C("Phone:", "phone", lambda r: r["phone"]),
        C("Suburb:", "address_suburb", lambda r: r["suburb"]),
        C("City:", "address_town", lambda r: r["town"]),
        C("Children in Household:", None, lambda r: r["r2"] % 6),
        C("Arrival Date:", None, lambda r: fdate("sept", r["arr"])),
        C("Session Date:", "service_date", lambda r: fdate("sept", r["service"]), dk="sept"),
        C("Sessions Attended (total):", "sessions_attended", lambda r: r["sessions"]),
        C("Happy for info to be used in evaluation?", "consent_evaluation", lambda r: {"yes": "Yes" if r["consent_mode"] == "signed" else "Yes - verbal", "no": "No", "unknown": ""}[r["consent"]]),
        C("Facilitator:", "key_worker", lambda r: fac[r["r1"] % 4]),
        C("Wellbeing Start (1-5):", "wellbeing_start", lambda r: max(1, r["wb0"] // 2)),
        C("Wellbeing End (1-5):", "wellbeing_end", lambda r: "" if r["outcome"] == "ongoing" else min(5, max(1, r["wb1"] // 2))),
    ]
    fname = "Womens Circle 2026 - Q3 Attendance.csv"
    write_delimited(L.dir(out) / fname, cols, rows, encoding="utf-8", delimiter=",",
                    pre=[["Women's Circle attendance Jul–Sep 2026"], []])
    note_hints(L.lid, fname, None, cols)
    L.add(fname, "csv", "utf-8", ",", n, n - len(bad), [table_truth(cols, n, 3)])
    return L


def L10(out, rng):
    """Foodbank / social supermarket: no ids, no DOB, lower-case names, gzip CSV, trailing TOTAL row."""
    L = Layout("SEVENTH10", "kai-tahi-foodbank", "2026Q2",
               ["csv.gz", "foodbank", "no_client_id", "no_dob", "lower_case_names", "dmy_two_digit_year",
                "trailing_totals_row", "notes_for_agency_codes", "counts_not_sessions"])
    n = pick_rows(rng)
    rows = people(rng, n, L.quarter, MIX_GENERAL)
    bad = invalidate(rng, rows, k_invalid(rng), False, False)
    vols = ["Bev", "Tino", "Raewyn", "Sam", "Mikaere"]
    for r in rows:
        r["adults"] = rng.randint(1, 3)
        r["kids"] = rng.randint(0, 6)
    rows.sort(key=lambda r: r["service"])
    cols = [
        C("Date", "service_date", lambda r: fdate("dmy2", r["service"]), dk="dmy2"),
        C("Name", "full_name", lambda r: fullname(r, "lower") if r["wb0"] != 5 else fullname(r, "Given Family")),
        C("Suburb", "address_suburb", lambda r: r["suburb"]),
        C("Adults", None, lambda r: r["adults"]),
        C("Kids", None, lambda r: r["kids"]),
        C("Parcel", None, lambda r: ["Std", "Lg", "Fam", "Baby", "Std"][r["kids"] % 5]),
        C("Referred by", "referral_source", lambda r: ["WINZ", "Self", "Church", "Plunket", "Budget service", "School"][r["r3"] % 6]),
        C("Volunteer", "key_worker", lambda r: vols[r["r2"] % 5]),
        C("Notes for agency", None, lambda r: ["", "", "GF", "HALAL", "DEL", "NOPORK", "VEG"][r["r1"] % 7]),
    ]
    totals = ["TOTAL", str(n), "", str(sum(r["adults"] for r in rows)), str(sum(r["kids"] for r in rows)), "", "", "", ""]
    fname = "parcels_apr-jun_2026.csv.gz"
    write_delimited(L.dir(out) / fname, cols, rows, encoding="utf-8", delimiter=",", totals=totals, gz=True)
    note_hints(L.lid, fname, None, cols)
    L.add(fname, "csv.gz", "utf-8", ",", n, n - len(bad), [table_truth(cols, n, 1)])
    return L


def L11(out, rng):
    """After-school programme: JSON records with flattened dotted keys; child client, parent beside."""
    L = Layout("SEVENTH11", "te-awa-kids-after-school", "2026Q2",
               ["json", "flattened_dotted_keys", "after_school", "client_is_child", "parent_details_beside",
                "photo_consent_not_evaluation", "school_year_distractors", "boolean_consent", "iso_dates",
                "ethnicity_semicolon_list"])
    n = pick_rows(rng)
    rows = people(rng, n, L.quarter, {"maori": 35, "pacific": 25, "pakeha": 25, "asian": 10, "indian": 5}, age=(5, 12))
    bad = invalidate(rng, rows, k_invalid(rng), True, False)
    leads = staff(rng, 3)
    schools = ["Tāmaki Primary", "Glen Innes School", "Point England School", "St Pius X", "Panmure Bridge School"]
    cols = [
        C("record_id", None, lambda r: r["rid"]),
        C("child.id", "client_ref", lambda r: r["cid"]),
        C("child.name", "full_name", lambda r: fullname(r, "Given Family")),
        C("child.dob", "date_of_birth", lambda r: fdate("iso", r["dob"]), dk="iso"),
        C("child.gender", "gender", lambda r: {"F": "girl", "M": "boy", "X": "other", "U": ""}[r["gender"]]),
        C("child.ethnicity", "ethnicity", lambda r: "; ".join(r["eth"])),
        C("child.school", None, lambda r: schools[r["r1"] % 5]),
        C("child.year_level", None, lambda r: max(1, min(8, (QUARTERS[L.quarter][0] - r["dob"]).days // 365 - 4)) if isinstance(r["dob"], dt.date) and r["dob"] < QUARTERS[L.quarter][0] else None),
        C("parent.name", "caregiver_name", lambda r: r["caregiver"]),
        C("parent.phone", "phone", lambda r: r["phone"]),
        C("parent.email", "email", lambda r: r["email"]),
        C("parent.address", "address", lambda r: full_addr(r)),
        C("enrolment.programme", "programme", lambda r: ["After-school club", "Holiday programme", "Homework club"][r["r2"] % 3]),
        C("enrolment.start", "start_date", lambda r: fdate("iso", r["start"])),
        C("attendance.days", "sessions_attended", lambda r: r["sessions"] * 3),
        C("attendance.last_date", "service_date", lambda r: fdate("iso", r["service"]), dk="iso"),
        C("consent.photo", None, lambda r: r["r3"] % 3 != 0),
        C("consent.evaluation", "consent_evaluation", lambda r: {"yes": True, "no": False, "unknown": None}[r["consent"]]),
        C("staff.lead", "key_worker", lambda r: leads[r["r1"] % 3]),
    ]
    for i, r in enumerate(rows):
        r["rid"] = 50001 + i
        r["cid"] = f"TAK-{1000 + i * 3}"
        if r["email"]:
            cg = r["caregiver"].split()
            r["email"] = f"{ascii_slug(cg[0])}.{ascii_slug(cg[-1])}@{EMAIL_DOMAINS[r['r1'] % len(EMAIL_DOMAINS)]}"
    fname = "enrolments_export_2026Q2.json"
    recs = [{c.header: v for c, v in zip(cols, row)} for row in matrix(cols, rows)]
    (L.dir(out) / fname).write_text(json.dumps(recs, ensure_ascii=False, indent=1), encoding="utf-8")
    note_hints(L.lid, fname, None, cols)
    t = table_truth(cols, n, None)
    L.add(fname, "json", "utf-8", None, n, n - len(bad), [t])
    return L


def L12(out, rng):
    """Gambling harm service: Microsoft Forms 'Open in Excel' download; counsellor is the respondent."""
    L = Layout("SEVENTH12", "te-tahuri-gambling-harm", "2026Q3",
               ["xlsx", "microsoft_forms_download", "gambling_harm", "questions_as_headers",
                "form_metadata_columns", "respondent_email_is_staff", "respondent_name_is_key_worker",
                "forms_multiselect_semicolons", "us_text_dob", "pgsi_scores_pre_post", "datetime_cells"])
    n = pick_rows(rng)
    rows = people(rng, n, L.quarter, MIX_GENERAL, age=(20, 75))
    bad = invalidate(rng, rows, k_invalid(rng), True, False)
    couns = staff(rng, 4)
    cemail = [f"{ascii_slug(c.split()[0])}.{ascii_slug(c.split()[1])}@tetahuri.org.nz" for c in couns]
    modes = ["Pokies", "Lotto", "Online casino", "Sports betting", "TAB", "Scratchies"]
    for i, r in enumerate(rows):
        r["ts"] = dt.datetime.combine(r["service"], dt.time(r["hm"][0], r["hm"][1], 3 + i % 50))
        r["pg0"] = rng.randint(8, 27)
        r["pg1"] = max(0, r["pg0"] - rng.randint(0, 12))
        r["modes"] = rng.sample(modes, rng.randint(1, 3))
        r["c"] = rng.randint(0, 3)
    rows.sort(key=lambda r: r["ts"])
    outc = {"ongoing": "Still in counselling", "completed": "Completed – goals met", "exited": "Stopped attending", "referred": "Referred to another service"}
    cols = [
        C("ID", None, lambda r: r["i"]),
        C("Start time", None, lambda r: r["ts"]),
        C("Completion time", None, lambda r: r["ts"] + dt.timedelta(minutes=4 + r["sessions"])),
        C("Email", None, lambda r: cemail[r["c"]]),
        C("Name", "key_worker", lambda r: couns[r["c"]]),
        C("Last modified time", None, lambda r: None),
        C("Client's full name", "full_name", lambda r: fullname(r, "Given Family")),
        C("Client's date of birth", "date_of_birth", lambda r: fdate("us_d", r["dob"]), dk="us_d"),
        C("Client's gender", "gender", lambda r: {"F": "Female", "M": "Male", "X": "Non-binary", "U": "Prefer not to say"}[r["gender"]]),
        C("Which ethnic group(s) does the client identify with?", "ethnicity", lambda r: "".join(e + ";" for e in r["eth"])),
        C("Client's phone number", "phone", lambda r: r["phone"]),
        C("Mode of gambling (select all that apply)", None, lambda r: "".join(m + ";" for m in r["modes"])),
        C("Date of first session", "start_date", lambda r: dt.datetime.combine(r["start"], dt.time())),
        C("Date of this session", "service_date", lambda r: dt.datetime.combine(r["service"], dt.time()), dk="xl"),
        C("Number of sessions to date", "sessions_attended", lambda r: r["sessions"]),
        C("PGSI score at intake (0-27)", "wellbeing_start", lambda r: r["pg0"]),
        C("PGSI score now (0-27)", "wellbeing_end", lambda r: r["pg1"]),
        C("Did the client consent to their information being used for evaluation?", "consent_evaluation", lambda r: {"yes": "Yes", "no": "No", "unknown": "Didn't ask"}[r["consent"]]),
        C("Current status", "outcome_status", lambda r: outc[r["outcome"]]),
        C("Anything else we should know?", "case_notes", lambda r: r["notes"] if r["r1"] % 3 else ""),
    ]
    for i, r in enumerate(rows):
        r["i"] = i + 1
    fname = f"Client session form(1-{n}).xlsx"
    wb = new_wb()
    ws = wb.active
    ws.title = "Sheet1"
    put_table(ws, cols, rows, header_row=1, date_fmt="m/d/yy")
    save_wb(wb, L.dir(out) / fname)
    note_hints(L.lid, fname, "Sheet1", cols)
    L.add(fname, "xlsx", None, None, n, n - len(bad), [table_truth(cols, n, 1, "Sheet1")])
    return L


def L13(out, rng):
    """Sexual-harm support service: hand-built register, blank spacer columns, TOTALS block, NHI-lookalike codes."""
    L = Layout("SEVENTH13", "awhina-tautoko-sexual-harm-service", "2026Q2",
               ["xlsx", "hand_built_register", "title_row", "blank_spacer_columns", "totals_block_below",
                "client_code_looks_like_nhi_invalid", "full_name_given_FAMILY", "sentence_case_headers_brackets_slashes",
                "text_dob", "ethnicity_misspelt_short_forms", "consent_signed_verbal_declined_not_asked",
                "gender_identity_free", "safety_plan_yes_no_not_consent"])
    n = pick_rows(rng)
    rows = people(rng, n, L.quarter, MIX_GENERAL, age=(14, 65))
    bad = invalidate(rng, rows, k_invalid(rng), True, False)
    adv = staff(rng, 4)
    ethmap = {"NZ European": ["NZ Euro", "Pakeha", "NZE", "NZ European"], "Māori": ["Maori", "Māori", "Maaori"],
              "Samoan": ["Samoan", "Samoa"], "Tongan": ["Tongan", "Tongon"], "Cook Islands Māori": ["Cook Is", "CIM"],
              "Indian": ["Indian", "Indain"], "Chinese": ["Chinese", "Chn"], "British": ["UK", "English"],
              "Fijian Indian": ["Fiji Indian"], "Niuean": ["Niuean", "Niue"]}

    def eth(r):
        labs = [ethmap.get(e, [e])[r["r3"] % len(ethmap.get(e, [e]))] for e in r["eth"]]
        return "/".join(labs)

    gmap = {"F": ["F", "Female", "female"], "M": ["M", "Male"], "X": ["Non-binary", "Trans woman", "Takatāpui"], "U": ["Prefer not to say", "?"]}
    cons = {"yes": None, "no": "Declined", "unknown": "Not asked"}
    spacer = C("", None, lambda r: None)
    cols = [
        C("Client code", "client_ref", lambda r: r["cid"]),
        spacer,
        C("Name (preferred)", "full_name", lambda r: fullname(r, "Given FAMILY")),
        C("DOB (dd/mm/yyyy)", "date_of_birth", lambda r: fdate("dmy", r["dob"]), dk="dmy"),
        C("Gender / identity", "gender", lambda r: gmap[r["gender"]][r["r1"] % len(gmap[r["gender"]])]),
        C("Ethnicity", "ethnicity", eth),
        Col("", None, lambda r: None),
        C("Referral from", "referral_source", lambda r: ["Police", "GP", "Self", "School counsellor", "ACC", "Hospital"][r["r3"] % 6]),
        C("First contact", "start_date", lambda r: r["start"]),
        C("Last session", "service_date", lambda r: r["service"], dk="xl"),
        C("Sessions (no.)", "sessions_attended", lambda r: r["sessions"]),
        C("Advocate", "key_worker", lambda r: adv[r["r2"] % 4]),
        Col("", None, lambda r: None),
        C("Consent (signed/verbal/declined/not asked)", "consent_evaluation", lambda r: cons[r["consent"]] or r["consent_mode"]),
        C("Status", "outcome_status", lambda r: {"ongoing": "Open", "completed": "Closed – completed", "exited": "Closed – no contact", "referred": "Referred on"}[r["outcome"]]),
        C("Safety plan? (Y/N)", None, lambda r: "Y" if r["r1"] % 2 else "N"),
    ]
    for r in rows:
        r["cid"] = nhi_lookalike(rng)
    fname = "register 2026 Q2 FINAL v3.xlsx"
    wb = new_wb()
    ws = wb.active
    ws.title = "Apr-Jun"
    n_open = sum(1 for r in rows if r["outcome"] == "ongoing")
    totals = [["TOTALS", None, None, None, None, None, None, None, None, None, sum(r["sessions"] for r in rows)],
              ["Open", n_open], ["Closed", n - n_open]]
    put_table(ws, cols, rows, header_row=3, pre=[["Client register – April to June 2026 (CONFIDENTIAL)"]], totals=totals)
    for letter in ("B", "G", "M"):
        ws.column_dimensions[letter].width = 2
    save_wb(wb, L.dir(out) / fname)
    note_hints(L.lid, fname, "Apr-Jun", cols)
    L.add(fname, "xlsx", None, None, n, n - len(bad), [table_truth(cols, n, 3, "Apr-Jun")])
    return L


def L14(out, rng):
    """Grandparents raising grandchildren: LibreOffice ODS, one sheet per programme, abbreviated headers."""
    L = Layout("SEVENTH14", "nana-and-koro-raising-mokopuna", "2026Q3",
               ["ods", "libreoffice", "one_sheet_per_programme", "programme_only_in_sheet_name", "grandparent_carers",
                "abbreviated_headers", "full_name_Family_comma_Given", "mokopuna_names_as_whanau_member",
                "count_not_score", "legal_status_distractor", "different_column_order_per_sheet"])
    files_tables = []
    sheets = []
    total = 0
    valid = 0
    for sheet, kw in (("Support group", "Facilitator"), ("Legal & navigation", "Navigator")):
        n = pick_rows(rng)
        rows = people(rng, n, L.quarter, {"maori": 45, "pakeha": 30, "pacific": 20, "indian": 5}, age=(48, 85))
        bad = invalidate(rng, rows, k_invalid(rng), True, False)
        workers = staff(rng, 3)
        for i, r in enumerate(rows):
            r["cid"] = f"{'SG' if kw == 'Facilitator' else 'LN'}{i + 1:03d}"
            k = rng.randint(1, 4)
            g = sorted(set(given_pool(r["grp"], r["eth"], "F") + given_pool(r["grp"], r["eth"], "M")))
            r["moko"] = ", ".join(rng.sample(g, min(k, len(g))))
            r["mk"] = k
        base = [
            C("Ref #", "client_ref", lambda r: r["cid"]),
            C("Grandparent name", "full_name", lambda r: fullname(r, "Family, Given")),
            C("D.O.B.", "date_of_birth", lambda r: xd(r["dob"]), dk="xl"),
            C("Gender", "gender", lambda r: {"F": "F", "M": "M", "X": "X", "U": ""}[r["gender"]]),
            C("Eth", "ethnicity", lambda r: ", ".join(r["eth"])),
            C("Ph", "phone", lambda r: r["phone"]),
            C("Addr", "address", lambda r: full_addr(r)),
            C("Mokopuna in care", None, lambda r: r["mk"]),
            C("Mokopuna names", "caregiver_name", lambda r: r["moko"]),
            C("Joined", "start_date", lambda r: r["start"]),
            C("Last attended", "service_date", lambda r: r["service"], dk="xl"),
            C("Sess.", "sessions_attended", lambda r: r["sessions"]),
            C(kw, "key_worker", lambda r, w=workers: w[r["r1"] % 3]),
            C("Consent", "consent_evaluation", lambda r: {"yes": "Y", "no": "N", "unknown": ""}[r["consent"]]),
        ]
        if kw == "Navigator":
            base.insert(8, C("Care arrangement", None, lambda r: ["Parenting order", "Informal", "OT placement", "Day-to-day care order"][r["r3"] % 4]))
            base = base[:2] + [base[5], base[2]] + base[3:5] + base[6:]
        grid = [[c.header for c in base]] + matrix(base, rows)
        sheets.append((sheet, grid))
        files_tables.append(table_truth(base, n, 1, sheet))
        fname = "GRG_members_Q3_2026.ods"
        note_hints(L.lid, fname, sheet, base)
        total += n
        valid += n - len(bad)
    fname = "GRG_members_Q3_2026.ods"
    write_ods(L.dir(out) / fname, sheets, date_text_kind="dmy")
    L.add(fname, "ods", None, None, total, valid, files_tables)
    return L


def L15(out, rng):
    """School attendance service: return split in two CSV parts, cp1252, 'Given FAMILY' names, dotted dates."""
    L = Layout("SEVENTH15", "whakamana-attendance-service", "2026Q3",
               ["csv", "two_part_submission", "cp1252", "school_attendance", "client_is_child",
                "full_name_given_FAMILY", "dotted_dates", "ethnicity_level2_codes_semicolon", "nsn_distractor",
                "attendance_percent_not_score", "reason_for_referral_free_text", "caregiver_column"])
    mix = {"maori": 50, "pacific": 25, "pakeha": 20, "indian": 5}
    workers = ["Tania", "Rua", "Hemi P", "Losa"]
    schools = ["Fraser High", "Melville Intermediate", "Nawton School", "Te Wharekura o Rakaumangamanga", "Hamilton West School"]
    reasons = ["Chronic absence since term 1", "Stand-down, not returned", "Caring for younger siblings",
               "Anxiety about school", "Family moved, not enrolled", "Truancy flagged by school"]
    cols = [
        C("Case #", "client_ref", lambda r: r["cid"]),
        C("NSN", None, lambda r: r["nsn"]),
        C("Student", "full_name", lambda r: fullname(r, "Given FAMILY")),
        C("DOB", "date_of_birth", lambda r: fdate("dots", r["dob"]), dk="dots"),
        C("Gender", "gender", lambda r: {"F": "F", "M": "M", "X": "X", "U": ""}[r["gender"]]),
        C("Ethnicity", "ethnicity", lambda r: ";".join(ETH[e][0] for e in r["eth"])),
        C("School", None, lambda r: schools[r["r1"] % 5]),
        C("Yr", None, lambda r: r["yr"]),
        C("Parent/caregiver", "caregiver_name", lambda r: r["caregiver"]),
        C("Caregiver ph", "phone", lambda r: r["phone"]),
        C("Address", "address", lambda r: full_addr(r)),
        C("Enrolled", "start_date", lambda r: fdate("dots", r["start"])),
        C("Home visit date", "service_date", lambda r: fdate("dots", r["service"]), dk="dots"),
        C("Attendance % at referral", None, lambda r: r["att0"]),
        C("Attendance % now", None, lambda r: r["att1"]),
        C("Kaimahi", "key_worker", lambda r: workers[r["r2"] % 4]),
        C("Status", "outcome_status", lambda r: {"ongoing": "Ongoing", "completed": "Re-engaged", "exited": "Closed - no engagement", "referred": "Moved school"}[r["outcome"]]),
        C("Reason for referral", None, lambda r: reasons[r["r3"] % 6]),
    ]
    cid = 5100
    for part in (1, 2):
        n = pick_rows(rng)
        rows = people(rng, n, L.quarter, mix, age=(6, 16))
        for r in rows:
            r["cid"] = f"WAS{cid}"
            cid += 1
            r["nsn"] = str(rng.randint(100_000_000, 159_999_999))
            age = (QUARTERS[L.quarter][0] - r["dob"]).days // 365
            r["yr"] = max(1, min(13, age - 4))
            r["att0"] = rng.randint(20, 75)
            r["att1"] = min(100, r["att0"] + rng.randint(-10, 30))
        bad = invalidate(rng, rows, k_invalid(rng), True, False)
        fname = f"attendance_referrals_2026Q3_part{part}.csv"
        write_delimited(L.dir(out) / fname, cols, rows, encoding="cp1252", delimiter=",", crlf=True, demac=True)
        note_hints(L.lid, fname, None, cols)
        L.add(fname, "csv", "cp1252", ",", n, n - len(bad), [table_truth(cols, n, 1)])
    return L


def L16(out, rng):
    """Financial mentoring for kaumātua: cover sheet with staff email, data on 2nd sheet, line-break headers."""
    L = Layout("SEVENTH16", "te-rito-kaumatua-financial-mentoring", "2026Q3",
               ["xlsx", "cover_sheet_with_staff_email", "data_on_second_sheet", "headers_with_line_breaks",
                "repeated_header_date_start_and_session", "ird_numbers", "surname_caps", "weeks_on_waitlist_not_score",
                "debt_amount_not_score", "wellbeing_1_10_pre_post", "tick_consent", "review_due_distractor", "kaumatua"])
    n = pick_rows(rng)
    rows = people(rng, n, L.quarter, {"maori": 80, "pacific": 10, "pakeha": 10}, age=(55, 92))
    bad = invalidate(rng, rows, k_invalid(rng), True, False)
    mentors = staff(rng, 3)
    for i, r in enumerate(rows):
        r["cid"] = 7000 + i
        r["wait"] = rng.randint(0, 16)
        r["debt"] = rng.choice([0, 450, 1200, 3800, 9650, 15200, 620])
    cols = [
        C("Client\nnumber", "client_ref", lambda r: r["cid"]),
        C("Surname", "family_name", lambda r: r["family"].upper()),
        C("First names", "given_names", lambda r: r["given"]),
        C("Date of\nbirth", "date_of_birth", lambda r: xd(r["dob"]), dk="xl"),
        C("IRD no.", "ird", lambda r: r["ird"]),
        C("Gender", "gender", lambda r: {"F": "Wahine", "M": "Tane", "X": "", "U": ""}[r["gender"]]),
        C("Iwi / hapū", "iwi", lambda r: r["iwi"]),
        C("Phone", "phone", lambda r: r["phone"]),
        C("Date", "start_date", lambda r: r["start"]),
        C("Date", "service_date", lambda r: r["service"], dk="xl"),
        C("Weeks on\nwaitlist", None, lambda r: r["wait"]),
        C("Debt at start\n($)", None, lambda r: r["debt"]),
        C("Financial wellbeing\nstart (1-10)", "wellbeing_start", lambda r: r["wb0"]),
        C("Financial wellbeing\nend (1-10)", "wellbeing_end", lambda r: r["wb1"] if r["outcome"] != "ongoing" else None),
        C("Mentor", "key_worker", lambda r: mentors[r["r2"] % 3]),
        C("Outcome", "outcome_status", lambda r: {"ongoing": "Still working on it", "completed": "Debt plan in place", "exited": "Withdrew", "referred": "Referred to lawyer"}[r["outcome"]]),
        C("Evaluation OK?", "consent_evaluation", lambda r: {"yes": "✓", "no": "✗", "unknown": ""}[r["consent"]]),
        C("Review due", None, lambda r: r["service"] + dt.timedelta(days=90)),
    ]
    fname = "FinMentoring_Kaumatua_Return_Q3-2026.xlsx"
    wb = new_wb()
    cov = wb.active
    cov.title = "Instructions"
    for line in ["Te Rito – Kaumātua Financial Mentoring: quarterly return",
                 "Fill in one row per kaumātua seen this quarter. First 'Date' = date they started with us; second 'Date' = most recent session.",
                 "Tick the Evaluation column only if the kaumātua agreed.",
                 "Questions? Contact Hine Walker, hine.walker@terito.org.nz, 027 555 0192",
                 "Send the completed file to data.returns@terito.org.nz by 10 October."]:
        cov.append([line])
    ws = wb.create_sheet("Data")
    put_table(ws, cols, rows, header_row=1)
    for j in range(len(cols)):
        ws.cell(row=1, column=j + 1).alignment = openpyxl.styles.Alignment(wrap_text=True)
    save_wb(wb, L.dir(out) / fname)
    note_hints(L.lid, fname, "Data", cols)
    L.add(fname, "xlsx", None, None, n, n - len(bad), [table_truth(cols, n, 1, "Data")])
    return L


def L17(out, rng):
    """Disability respite: Access database query dump, all fields quoted, coded headers, Access datetimes."""
    L = Layout("SEVENTH17", "kowhai-respite-care", "2026Q2",
               ["csv", "access_database_dump", "quote_all", "crlf", "coded_headers_c_fname_Q3_DOB",
                "access_datetimes_midnight", "numeric_gender_code_no_codebook", "level4_ethnicity_code",
                "split_address", "funding_ref_distractor", "staff_id_not_name", "true_false_consent",
                "status_letter_codes", "disability_respite", "days_booked_not_sessions"])
    n = pick_rows(rng)
    rows = people(rng, n, L.quarter, MIX_GENERAL, age=(4, 70))
    bad = invalidate(rng, rows, k_invalid(rng), True, True)
    for i, r in enumerate(rows):
        r["cid"] = 312 + i * 2
        r["days"] = rng.randint(2, 28)
    cols = [
        C("ClientID", "client_ref", lambda r: r["cid"]),
        C("c_fname", "given_names", lambda r: r["given"]),
        C("c_lname", "family_name", lambda r: r["family"]),
        C("Q3_DOB", "date_of_birth", lambda r: fdate("access", r["dob"]), dk="access"),
        C("GenderID", "gender", lambda r: {"F": 2, "M": 1, "X": 3, "U": 0}[r["gender"]]),
        C("EthnicityCode", "ethnicity", lambda r: ETH[r["eth"][0]][1]),
        C("NHI", "nhi", lambda r: r["nhi"]),
        C("DisabilityType", None, lambda r: ["Intellectual", "Physical", "Autism", "Sensory", "Neurological"][r["r1"] % 5]),
        C("cg_name", "caregiver_name", lambda r: r["caregiver"]),
        C("ContactPhone", "phone", lambda r: r["phone"]),
        C("AddrLine1", "address_street", lambda r: r["street"]),
        C("AddrSuburb", "address_suburb", lambda r: r["suburb"]),
        C("AddrCity", "address_town", lambda r: r["town"]),
        C("AddrPC", "address_postcode", lambda r: r["pc"]),
        C("FundingRef", None, lambda r: f"NASC-{r['cid'] * 7 % 9000 + 1000}"),
        C("AllocStart", "start_date", lambda r: fdate("access", r["start"])),
        C("LastStayDate", "service_date", lambda r: fdate("access", r["service"]), dk="access"),
        C("RespiteDaysBooked", None, lambda r: r["days"]),
        C("SessionsAttended", "sessions_attended", lambda r: r["sessions"]),
        C("chkEvalConsent", "consent_evaluation", lambda r: "True" if r["consent"] == "yes" else "False"),
        C("StatusCode", "outcome_status", lambda r: {"ongoing": "A", "completed": "C", "exited": "W", "referred": "T"}[r["outcome"]]),
        C("KeyWorkerID", None, lambda r: 11 + r["r1"] % 6),
        C("Memo", "case_notes", lambda r: r["notes"]),
    ]
    fname = "qryQuarterlyReturn.csv"
    write_delimited(L.dir(out) / fname, cols, rows, encoding="utf-8", delimiter=",", crlf=True, quote_all=True)
    note_hints(L.lid, fname, None, cols)
    L.add(fname, "csv", "utf-8", ",", n, n - len(bad), [table_truth(cols, n, 1)])
    return L


def L18(out, rng):
    """Whānau Ora navigation: one sheet per month, long format, Title Case headers with trailing spaces."""
    L = Layout("SEVENTH18", "te-ara-whanau-ora-navigators", "2026Q3",
               ["xlsx", "one_sheet_per_month", "long_format_clients_repeat", "title_row_each_sheet",
                "headers_trailing_spaces", "te_reo_month_sheet_names", "full_name_FAMILY_Given",
                "ethnicity_level2_codes_semicolon", "goals_count_not_sessions", "consent_ae_kao", "whanau_ora"])
    pool = people(rng, 140, L.quarter, {"maori": 75, "pacific": 15, "pakeha": 10})
    navs = staff(rng, 5)
    for i, p in enumerate(pool):
        p["cid"] = f"WO-{3300 + i}"
        p["nav"] = navs[i % 5]
        p["goal"] = ["Housing", "Health", "Education", "Income", "Te reo", "Whānau safety"][i % 6]
    months = [("Hōngongoi (Jul)", 7, "July"), ("Here-turi-kōkā (Aug)", 8, "August"), ("Mahuru (Sep)", 9, "September")]
    cols = [
        C("Whānau ID ", "client_ref", lambda r: r["cid"]),
        C("Navigator ", "key_worker", lambda r: r["nav"]),
        C("Full Name", "full_name", lambda r: fullname(r, "FAMILY Given")),
        C("DOB ", "date_of_birth", lambda r: xd(r["dob"]), dk="xl"),
        C("Ethnicity Codes", "ethnicity", lambda r: ";".join(ETH[e][0] for e in r["eth"])),
        C("Iwi", "iwi", lambda r: r["iwi"]),
        C("Mobile", "phone", lambda r: r["phone"]),
        C("Contact Date", "service_date", lambda r: r["service"], dk="xl"),
        C("Contact Type", None, lambda r: r["ctype"]),
        C("Whānau Plan Goal Area", None, lambda r: r["goal"]),
        C("Plan Start", "start_date", lambda r: r["start"]),
        C("Goals Achieved (count)", None, lambda r: r["goals"]),
        C("Wellbeing Pre (1-10) ", "wellbeing_start", lambda r: r["wb0"]),
        C("Wellbeing Post (1-10)", "wellbeing_end", lambda r: r["wb1"] if r["m"] == 9 else None),
        C("Consent For Evaluation ", "consent_evaluation", lambda r: {"yes": "Āe", "no": "Kāo", "unknown": ""}[r["consent"]]),
    ]
    fname = "Navigator_Activity_2026-Q3.xlsx"
    wb = new_wb()
    wb.remove(wb.active)
    tables = []
    total = valid = 0
    for sheet, m, mname in months:
        n = pick_rows(rng)
        mrows = []
        for _ in range(n):
            p = dict(rng.choice(pool))
            last = 31 if m in (7, 8) else 30
            p["service"] = dt.date(2026, m, rng.randint(1, last))
            if p["start"] > p["service"]:
                p["start"] = p["service"] - dt.timedelta(days=rng.randint(0, 20))
            p["m"] = m
            p["ctype"] = rng.choice(["Kanohi ki te kanohi", "Phone", "Txt", "Hui ā-whānau", "Video"])
            p["goals"] = rng.randint(0, 4)
            mrows.append(p)
        mrows.sort(key=lambda r: r["service"])
        bad = invalidate(rng, mrows, k_invalid(rng) if m != 8 else 0, True, False)
        ws = wb.create_sheet(sheet)
        put_table(ws, cols, mrows, header_row=2, pre=[[f"Whānau Ora navigation — {mname} 2026"]])
        note_hints(L.lid, fname, sheet, cols)
        tables.append(table_truth(cols, n, 2, sheet))
        total += n
        valid += n - len(bad)
    save_wb(wb, L.dir(out) / fname)
    L.add(fname, "xlsx", None, None, total, valid, tables)
    return L


def L19(out, rng):
    """Men's behaviour change programme: camelCase TSV from a web app, quoted notes with tabs and newlines."""
    L = Layout("SEVENTH19", "hoki-ki-te-whare-mens-programme", "2026Q2",
               ["tsv", "utf-8", "camelCase_headers", "quoted_fields_with_tabs_and_newlines", "mens_behaviour_change",
                "iso_dates", "nhi_sometimes_blank", "ethnicity_comma_list", "court_mandated_true_false_not_consent",
                "partner_safety_contact_as_whanau_member", "consent_yes_no_not_asked"])
    n = pick_rows(rng)
    rows = people(rng, n, L.quarter, {"maori": 45, "pakeha": 30, "pacific": 20, "indian": 5}, age=(19, 65), gender="M")
    for r in rows:
        r["partner"] = a_name(rng, r["grp"], r["eth"], "F") if rng.random() < 0.7 else ""
        if rng.random() < 0.3:
            r["nhi"] = ""
    bad = invalidate(rng, rows, k_invalid(rng), True, True)
    facs = staff(rng, 4)

    def notes(r):
        s = r["notes"]
        if r["r1"] % 3 == 0:
            s = s + "\nWeek " + str(r["sessions"]) + ":\tcheck-in done"
        return s

    cols = [
        C("participantRef", "client_ref", lambda r: r["cid"]),
        C("givenName", "given_names", lambda r: r["given"]),
        C("familyName", "family_name", lambda r: r["family"]),
        C("dateOfBirth", "date_of_birth", lambda r: fdate("iso", r["dob"]), dk="iso"),
        C("nhiNumber", "nhi", lambda r: r["nhi"]),
        C("ethnicity", "ethnicity", lambda r: ", ".join(r["eth"])),
        C("phoneMobile", "phone", lambda r: r["phone"]),
        C("referralSource", "referral_source", lambda r: ["Police (FVIR)", "Corrections", "Family Court", "Self", "Partner's advocate"][r["r3"] % 5]),
        C("courtMandated", None, lambda r: "true" if r["r3"] % 5 in (1, 2) else "false"),
        C("programmeName", "programme", lambda r: ["Stopping Violence Group", "Te Whare Tapa Whā 16-week", "1:1 Safety Sessions"][r["r2"] % 3]),
        C("intakeDate", "start_date", lambda r: fdate("iso", r["start"])),
        C("lastSessionDate", "service_date", lambda r: fdate("iso", r["service"]), dk="iso"),
        C("sessionsAttended", "sessions_attended", lambda r: r["sessions"]),
        C("partnerSafetyContact", "caregiver_name", lambda r: r["partner"]),
        C("facilitator", "key_worker", lambda r: facs[r["r1"] % 4]),
        C("exitReason", "outcome_status", lambda r: {"ongoing": "Continuing", "completed": "Completed", "exited": "Exited - non-attendance", "referred": "Exited - breach"}[r["outcome"]]),
        C("evalConsent", "consent_evaluation", lambda r: {"yes": "Yes", "no": "No", "unknown": "Not asked"}[r["consent"]]),
        C("facilitatorNotes", "case_notes", notes),
    ]
    for i, r in enumerate(rows):
        r["cid"] = f"HKW{26000 + i * 5}"
    fname = "mbc_participants_2026Q2.tsv"
    write_delimited(L.dir(out) / fname, cols, rows, encoding="utf-8", delimiter="\t")
    note_hints(L.lid, fname, None, cols)
    L.add(fname, "tsv", "utf-8", "\t", n, n - len(bad), [table_truth(cols, n, 1)])
    return L


def L20(out, rng):
    """AOD / mental-health peer support: merged groups, codebook sheet, raw Excel serials, K10 scores."""
    L = Layout("SEVENTH20", "pou-tautoko-peer-support", "2026Q3",
               ["xlsx", "alcohol_drug_peer_support", "merged_group_headers", "codebook_sheet", "numeric_gender_code",
                "numeric_outcome_code", "numeric_consent_code", "excel_serial_dates_unformatted", "k10_scores_pre_post",
                "row_number_column", "notes_for_agency_codes", "nhi_new_format_mostly", "referral_short_codes"])
    n = pick_rows(rng)
    rows = people(rng, n, L.quarter, MIX_GENERAL, age=(18, 70))
    for i, r in enumerate(rows):
        r["no"] = i + 1
        if rng.random() < 0.6:
            r["nhi"] = nhi_new(rng)
        r["k0"] = rng.randint(22, 45)
        r["k1"] = max(10, r["k0"] - rng.randint(-3, 15))
    bad = invalidate(rng, rows, k_invalid(rng), True, True)
    peers = staff(rng, 4)
    G1, G2, G3 = "Client details", "Engagement", "Outcomes"
    cols = [
        C("#", None, lambda r: r["no"], None),
        C("Client ref", "client_ref", lambda r: f"PT{r['no'] + 880:05d}", G1),
        C("NHI", "nhi", lambda r: r["nhi"], G1),
        C("Name", "full_name", lambda r: fullname(r, "Given Family"), G1),
        C("DOB", "date_of_birth", lambda r: xs(r["dob"]), G1, dk="xl"),
        C("Gender code", "gender", lambda r: {"F": 2, "M": 1, "X": 3, "U": 9}[r["gender"]], G1),
        C("Ethnicity", "ethnicity", lambda r: ", ".join(r["eth"]), G1),
        C("Iwi", "iwi", lambda r: r["iwi"], G1),
        C("Referral source code", "referral_source", lambda r: ["GP", "CMHT", "SELF", "COURT", "ED", "WHANAU"][r["r3"] % 6], G2),
        C("Programme", "programme", lambda r: ["Peer support 1:1", "Kōrero group", "Recovery café", "Whānau peer support"][r["r2"] % 4], G2),
        C("Entry date", "start_date", lambda r: xs(r["start"]), G2),
        C("Last contact", "service_date", lambda r: xs(r["service"]), G2, dk="xl"),
        C("Contacts (n)", "sessions_attended", lambda r: r["sessions"], G2),
        C("K10 entry (10-50)", "wellbeing_start", lambda r: r["k0"], G3),
        C("K10 latest (10-50)", "wellbeing_end", lambda r: r["k1"], G3),
        C("Outcome code", "outcome_status", lambda r: {"ongoing": 1, "completed": 2, "exited": 3, "referred": 4}[r["outcome"]], G3),
        C("Consent code", "consent_evaluation", lambda r: {"yes": 1, "no": 2, "unknown": 3}[r["consent"]], G3),
        C("Notes for agency", None, lambda r: ["", "FU", "HOLD", "", "TX", "NA"][r["r1"] % 6], None),
        C("Peer worker", "key_worker", lambda r: peers[r["r1"] % 4], None),
    ]
    fname = "PeerSupport_AOD_Q3_2026.xlsx"
    wb = new_wb()
    ws = wb.active
    ws.title = "Data"
    put_table(ws, cols, rows, header_row=2, groups=True)
    cb = wb.create_sheet("Codes")
    cb.append(["Column", "Code", "Label"])
    for row in (("Gender code", 1, "Male"), ("Gender code", 2, "Female"), ("Gender code", 3, "Gender diverse"),
                ("Gender code", 9, "Not stated"), ("Outcome code", 1, "Engaged – ongoing"),
                ("Outcome code", 2, "Planned exit – goals met"), ("Outcome code", 3, "Unplanned exit"),
                ("Outcome code", 4, "Transferred to clinical service"), ("Consent code", 1, "Consented"),
                ("Consent code", 2, "Declined"), ("Consent code", 3, "Not yet asked"),
                ("Dates", "", "Dates are Excel day numbers (format the column as a date to read them)")):
        cb.append(list(row))
    save_wb(wb, L.dir(out) / fname)
    note_hints(L.lid, fname, "Data", cols)
    L.add(fname, "xlsx", None, None, n, n - len(bad), [table_truth(cols, n, 2, "Data")])
    return L


LAYOUTS = [L01, L02, L03, L04, L05, L06, L07, L08, L09, L10, L11, L12, L13, L14, L15, L16, L17, L18, L19, L20]


def generate(out_dir: pathlib.Path) -> list[dict]:
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    HINTS.clear()
    truths = []
    for k, fn in enumerate(LAYOUTS):
        rng = random.Random(SEED + 101 * k)
        L = fn(out_dir, rng)
        t = L.truth()
        (out_dir / L.lid / "truth.json").write_text(json.dumps(t, ensure_ascii=False, indent=2), encoding="utf-8")
        truths.append(t)
    return truths


# --------------------------------------------------------------------------------------
# Self-check: re-read every file with the standard library / openpyxl
# --------------------------------------------------------------------------------------
TOTAL_LABELS = {"total", "totals", "grand total", "totals:"}
ODS_NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}


def _blank(v):
    return v is None or (isinstance(v, str) and v.strip() == "")


def _data_rows(grid, header_row):
    """Rows after the header up to the first blank row or totals row."""
    out = []
    for row in grid[header_row:]:
        if all(_blank(v) for v in row):
            break
        first = next((v for v in row if not _blank(v)), "")
        if isinstance(first, str) and first.strip().lower() in TOTAL_LABELS:
            break
        out.append(row)
    return out


def read_ods(path):
    import xml.etree.ElementTree as ET
    with zipfile.ZipFile(path) as z:
        assert z.namelist()[0] == "mimetype"
        root = ET.fromstring(z.read("content.xml"))
    T, O = "{%s}" % ODS_NS["table"], "{%s}" % ODS_NS["office"]
    sheets = {}
    for tb in root.iter(T + "table"):
        grid = []
        for tr in tb.iter(T + "table-row"):
            row = []
            for tc in tr.iter(T + "table-cell"):
                rep = int(tc.get(T + "number-columns-repeated", "1"))
                typ = tc.get(O + "value-type")
                if typ == "date":
                    v = dt.date.fromisoformat(tc.get(O + "date-value")[:10])
                elif typ == "float":
                    f = float(tc.get(O + "value"))
                    v = int(f) if f.is_integer() else f
                elif typ is None:
                    v = None
                else:
                    v = "\n".join("".join(p.itertext()) for p in tc.iter("{%s}p" % ODS_NS["text"]))
                row.extend([v] * rep)
            grid.append(row)
        sheets[tb.get(T + "name")] = grid
    return sheets


def _cell(row, i):
    return row[i] if i < len(row) else None


def check(out_dir, truths):
    out_dir = pathlib.Path(out_dir)
    problems = []
    stats = {"layouts": 0, "files": 0, "tables": 0, "columns": 0, "mapped": 0, "rows": 0, "valid": 0}
    for t in truths:
        lid = t["layout_id"]
        stats["layouts"] += 1
        land = out_dir / lid / "landing" / t["provider"] / t["quarter"]
        on_disk = sorted(p.name for p in land.iterdir())
        if on_disk != sorted(f["name"] for f in t["files"]):
            problems.append(f"{lid}: files on disk {on_disk} differ from truth")
        q0, q1 = QUARTERS[t["quarter"]]
        for f in t["files"]:
            stats["files"] += 1
            path = land / f["name"]
            fmt = f["format"]
            grids = {}
            if fmt in ("csv", "tsv", "csv.gz"):
                raw = path.read_bytes()
                if fmt == "csv.gz":
                    raw = gzip.decompress(raw)
                text = raw.decode(f["encoding"])
                if f["encoding"] in ("utf-8", "cp1252") and text.startswith("\ufeff"):
                    problems.append(f"{lid}/{f['name']}: unexpected BOM")
                grids[None] = list(csv.reader(io.StringIO(text, newline=""), delimiter=f["delimiter"]))
            elif fmt == "xlsx":
                wb = openpyxl.load_workbook(path)
                for ws in wb.worksheets:
                    grids[ws.title] = [list(r) for r in ws.iter_rows(values_only=True)]
                    grids[("merged", ws.title)] = [(m.min_row, m.min_col, m.max_col, ws.cell(m.min_row, m.min_col).value)
                                                   for m in ws.merged_cells.ranges]
            elif fmt == "ods":
                grids = read_ods(path)
            elif fmt == "json":
                recs = json.loads(path.read_text(encoding=f["encoding"]))
                keys = list(recs[0].keys())
                if any(list(r.keys()) != keys for r in recs):
                    problems.append(f"{lid}/{f['name']}: records have differing keys")
                grids[None] = [keys] + [[r[k] for k in keys] for r in recs]
            file_rows = file_valid = 0
            for tb in f["tables"]:
                stats["tables"] += 1
                where = f"{lid}/{f['name']}[{tb['sheet']}]"
                grid = grids.get(tb["sheet"])
                if grid is None:
                    problems.append(f"{where}: sheet missing")
                    continue
                hr = tb["header_row"] or 1
                header = grid[hr - 1]
                cols = tb["columns"]
                stats["columns"] += len(cols)
                stats["mapped"] += sum(1 for c in cols if c["target"])
                for c in cols:
                    got = _cell(header, c["index"])
                    got = "" if got is None else got
                    if got != c["header"]:
                        problems.append(f"{where}: col {c['index']} header {got!r} != truth {c['header']!r}")
                    if c["group"]:
                        ok = any(r0 == hr - 1 and c0 - 1 <= c["index"] <= c1 - 1 and v == c["group"]
                                 for r0, c0, c1, v in grids.get(("merged", tb["sheet"]), []))
                        ok = ok or _cell(grid[hr - 2], c["index"]) == c["group"]
                        if not ok:
                            problems.append(f"{where}: group {c['group']!r} not above col {c['index']}")
                listed = {c["index"] for c in cols}
                extra = [i for i, v in enumerate(header) if not _blank(v) and i not in listed]
                if extra:
                    problems.append(f"{where}: header cells not in truth at {extra}")
                data = _data_rows(grid, hr)
                if len(data) != tb["rows"]:
                    problems.append(f"{where}: {len(data)} data rows read, truth says {tb['rows']}")
                idx = {}
                for c in cols:
                    idx.setdefault(c["target"], []).append(c["index"])
                valid = 0
                for row in data:
                    named = any(not _blank(_cell(row, i)) for tg in ("full_name", "given_names", "family_name", "nhi")
                                for i in idx.get(tg, []))
                    dob_ok = True
                    for i in idx.get("date_of_birth", []):
                        v = _cell(row, i)
                        kind = HINTS.get((lid, f["name"], tb["sheet"], i), "dmy")
                        d = parse_date(v, "dmy" if kind == "xl" else kind) if not _blank(v) else None
                        if not _blank(v) and (d is None or d > TODAY):
                            dob_ok = False
                    for i in idx.get("nhi", []):
                        v = _cell(row, i)
                        if not _blank(v) and not nhi_valid(v):
                            problems.append(f"{where}: invalid NHI {v!r}")
                    for i in idx.get("service_date", []):
                        v = _cell(row, i)
                        kind = HINTS.get((lid, f["name"], tb["sheet"], i), "dmy")
                        d = parse_date(v, "dmy" if kind == "xl" else kind)
                        if not _blank(v) and (d is None or not q0 <= d <= q1):
                            problems.append(f"{where}: service date {v!r} outside {t['quarter']}")
                    valid += named and dob_ok
                file_rows += len(data)
                file_valid += valid
            if file_rows != f["rows"]:
                problems.append(f"{lid}/{f['name']}: rows {file_rows} != truth {f['rows']}")
            if file_valid != f["valid_rows"]:
                problems.append(f"{lid}/{f['name']}: valid rows {file_valid} != truth {f['valid_rows']}")
            if not 0 <= f["rows"] - f["valid_rows"] <= 3 * len(f["tables"]):
                problems.append(f"{lid}/{f['name']}: invalid count out of range")
            stats["rows"] += file_rows
            stats["valid"] += file_valid
    return problems, stats


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=pathlib.Path)
    ap.add_argument("--check", action="store_true", help="re-read every written file and verify truth.json")
    a = ap.parse_args(argv)
    truths = generate(a.out)
    print(f"wrote {len(truths)} layouts to {a.out}")
    if a.check:
        problems, stats = check(a.out, truths)
        print("check:", json.dumps(stats))
        for p in problems[:50]:
            print("  PROBLEM", p)
        print("check", "FAILED" if problems else "passed", f"({len(problems)} problems)")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
