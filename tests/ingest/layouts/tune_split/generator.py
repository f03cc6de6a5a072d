"""Tuning corpus of 25 invented NZ community-provider client-return layouts.

Each layout is written as
    <out>/<layout_id>/landing/<provider-slug>/<quarter>/<file(s)>
    <out>/<layout_id>/truth.json

The header wording, quirks and values were written from scratch (without
reference to the project's matching code or synonym lists).

Usage:  python generator.py --out DIR
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
import re
import shutil
import zipfile
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

SEED = 20260417
FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)

# ---------------------------------------------------------------------------
# Identifier helpers
# ---------------------------------------------------------------------------
NHI_ALPHA = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, no O


def nhi_check_ok(nhi: str) -> bool:
    if not re.fullmatch(r"[A-HJ-NP-Z]{3}\d{4}", nhi):
        return False
    vals = [NHI_ALPHA.index(c) + 1 for c in nhi[:3]] + [int(c) for c in nhi[3:6]]
    total = sum(v * w for v, w in zip(vals, (7, 6, 5, 4, 3, 2), strict=False))
    r = total % 11
    if r == 0:
        return False
    check = 11 - r
    if check == 10:
        check = 0
    return check == int(nhi[6])


def make_nhi(rng: random.Random) -> str:
    while True:
        letters = "".join(rng.choice(NHI_ALPHA) for _ in range(3))
        digits = [rng.randint(0, 9) for _ in range(3)]
        vals = [NHI_ALPHA.index(c) + 1 for c in letters] + digits
        total = sum(v * w for v, w in zip(vals, (7, 6, 5, 4, 3, 2), strict=False))
        r = total % 11
        if r == 0:
            continue
        check = 11 - r
        if check == 10:
            check = 0
        nhi = letters + "".join(map(str, digits)) + str(check)
        assert nhi_check_ok(nhi)
        return nhi


def _ird_check(base8: str, weights) -> int:
    r = sum(int(d) * w for d, w in zip(base8, weights, strict=False)) % 11
    return 0 if r == 0 else 11 - r


def ird_check_ok(ird: str) -> bool:
    digits = re.sub(r"\D", "", ird)
    if len(digits) not in (8, 9):
        return False
    n = int(digits)
    if not 10_000_000 <= n <= 150_000_000:
        return False
    d9 = digits.zfill(9)
    base, check = d9[:8], int(d9[8])
    c = _ird_check(base, (3, 2, 7, 6, 5, 4, 3, 2))
    if c == 10:
        c = _ird_check(base, (7, 4, 3, 2, 5, 2, 7, 6))
        if c == 10:
            return False
    return c == check


def make_ird(rng: random.Random) -> str:
    """Return a valid IRD number as a plain digit string (8 or 9 digits)."""
    while True:
        base = rng.randint(1_000_000, 14_999_999)
        base8 = str(base).zfill(8)
        c = _ird_check(base8, (3, 2, 7, 6, 5, 4, 3, 2))
        if c == 10:
            c = _ird_check(base8, (7, 4, 3, 2, 5, 2, 7, 6))
            if c == 10:
                continue
        full = int(base8 + str(c))
        if not 10_000_000 <= full <= 150_000_000:
            continue
        s = str(full)
        assert ird_check_ok(s)
        return s


# ---------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------
NAMES = {
    "maori": (
        ["Aroha", "Mere", "Hine", "Tama", "Wiremu", "Rāwiri", "Ngaio", "Kiri", "Manaia",
         "Anahera", "Hōhepa", "Moana", "Mereana", "Te Aroha", "Ihaia", "Rangi", "Huia",
         "Kahurangi", "Whetū", "Pania", "Tūī", "Māui", "Nikau", "Tamati", "Hēmi", "Ariana",
         "Kaia", "Āwhina", "Keri", "Tia", "Ataahua", "Pita", "Rewi", "Hana", "Tānemahuta",
         "Marama", "Hinewai", "Rongo", "Kōwhai", "Waimarie"],
        ["Ngata", "Parata", "Te Whare", "Wihongi", "Tipene", "Hēnare", "Rāwiri", "Tawhiri",
         "Pōmare", "Te Kani", "Kereama", "Ruatapu", "Paewai", "Māhanga", "Tamihana",
         "Waititi", "Herewini", "Tautahi", "Walker", "Poutama", "Te Huia", "Kingi", "Nīkora",
         "Rewiti", "Mōhi", "Tūhiwai", "Marino", "Hōhaia", "Whaanga", "Tūtaki", "Te Rangi",
         "Pōtaka", "Karaka", "Hāpi", "Winiata"],
    ),
    "pakeha": (
        ["Sarah", "Jessica", "Emma", "Hannah", "Michael", "Daniel", "James", "Chloe",
         "Olivia", "Liam", "Jack", "Ben", "Rebecca", "Amy", "Nicole", "Kayla", "Shannon",
         "Brooke", "Josh", "Ryan", "Renée", "Zoë", "Chantelle", "Kirsty", "Jade", "Courtney",
         "Sam", "Mitchell", "Corey", "Stacey", "Bridget", "Tom", "Aimee", "Lucy", "Kane"],
        ["Smith", "Wilson", "Brown", "Taylor", "Williams", "Thompson", "Anderson", "Harris",
         "Clarke", "Robinson", "Campbell", "Stewart", "McDonald", "O'Brien", "Murray",
         "Jones", "Fraser", "Kelly", "Hughes", "Young", "Reid", "Bennett", "Mackenzie",
         "van der Berg", "Sullivan", "Ross", "Cooper", "Hall", "O'Neill", "McKay"],
    ),
    "pacific": (
        ["Sione", "Mele", "Losana", "Tevita", "Salote", "Lupe", "Ioane", "Siaosi", "Malia",
         "Viliami", "Ana", "Tavita", "Fetu", "Sina", "Losa", "Tupe", "Leilani", "Mosese",
         "Teuila", "Fa'amoana", "Lagi", "Tomasi", "Seini", "Mata", "Ofa", "Penitoa",
         "Tamara", "Iosefa"],
        ["Fonoti", "Tuilagi", "Fifita", "Taufa", "Leaupepe", "Aumua", "Vaifale", "Pulu",
         "Havili", "Mataafa", "Faleolo", "Sapolu", "Matagi", "Tangitau", "Pouono",
         "Marsters", "Tangata", "Talagi", "Pulehetoa", "Ravono", "Fa'asalele", "Tuimavave",
         "Lemalu", "Vaka", "Tupou", "Tuia", "Nakarawa", "Ioane"],
    ),
    "asian": (
        ["Wei", "Li", "Priya", "Anjali", "Raj", "Ravi", "Mei", "Jia", "Hyun-woo", "Minh",
         "Arjun", "Deepa", "Harpreet", "Gurpreet", "Sunita", "Xin", "Yan", "Thanh",
         "Ji-yeon", "Maria", "Rosa", "Joy", "Aditi", "Simran"],
        ["Wang", "Li", "Chen", "Zhang", "Singh", "Patel", "Kumar", "Sharma", "Nguyen",
         "Tran", "Kim", "Park", "Kaur", "Reddy", "Lal", "Santos", "Reyes", "Liu", "Huang",
         "Gill", "Dela Cruz", "Prasad"],
    ),
    "other": (
        ["Amina", "Fatima", "Omar", "Yusuf", "Hassan", "Leila", "Abdi", "Grace", "Diego",
         "Camila", "Nadia", "Samir"],
        ["Ahmed", "Mohamed", "Hussein", "Ali", "Haidari", "Abdullahi", "Okafor", "Mensah",
         "Garcia", "Rodriguez", "Nouri", "Haddad"],
    ),
}

ETH_LABEL = {
    "11": "New Zealand European", "12": "Other European", "21": "Māori", "31": "Samoan",
    "32": "Cook Islands Māori", "33": "Tongan", "34": "Niuean", "36": "Fijian",
    "41": "Southeast Asian", "42": "Chinese", "43": "Indian", "44": "Other Asian",
    "51": "Middle Eastern", "52": "Latin American", "53": "African", "61": "Other Ethnicity",
}
ASIAN_ETH = {"Wang": "42", "Li": "42", "Chen": "42", "Zhang": "42", "Liu": "42", "Huang": "42",
             "Singh": "43", "Patel": "43", "Kumar": "43", "Sharma": "43", "Kaur": "43",
             "Reddy": "43", "Gill": "43", "Lal": "43", "Prasad": "43", "Nguyen": "41",
             "Tran": "41", "Santos": "41", "Reyes": "41", "Dela Cruz": "41", "Kim": "44",
             "Park": "44"}
OTHER_ETH = {"Ahmed": "51", "Mohamed": "53", "Hussein": "51", "Ali": "51", "Haidari": "44",
             "Abdullahi": "53", "Okafor": "53", "Mensah": "53", "Garcia": "52",
             "Rodriguez": "52", "Nouri": "51", "Haddad": "51"}

IWI = ["Ngāpuhi", "Ngāti Porou", "Waikato-Tainui", "Ngāi Tahu", "Te Arawa", "Ngāti Kahungunu",
       "Tūhoe", "Ngāti Tūwharetoa", "Ngāti Maniapoto", "Te Rarawa", "Ngāti Raukawa",
       "Te Āti Awa", "Ngāti Whātua", "Ngāti Awa", "Te Aupōuri", "Whanganui", "Rongowhakaata",
       "Ngāti Toa Rangatira", "Ngāti Ruanui", "Ngāti Whakaue", "Te Whānau-ā-Apanui",
       "Ngāti Kahu", "Ngāti Mutunga", "Rangitāne"]

STREETS = ["Kowhai", "Rata", "Tītoki", "Pūriri", "Karaka", "Totara", "Miro", "Matai", "Rimu",
           "Nikau", "Harakeke", "Pōhutukawa", "Main", "Church", "Victoria", "Queen", "King",
           "Great South", "Station", "Bridge", "High", "Park", "Hill", "Wharf", "Kauri",
           "Raukawa", "Te Ngaio", "Rangitoto", "Tui", "Kererū", "Moana", "Whero", "Ranfurly",
           "Seddon", "Ballance", "Domain", "Awatea", "Takitimu", "Mahoe", "Kahikatea"]
STREET_TYPES = [("Street", "St"), ("Road", "Rd"), ("Avenue", "Ave"), ("Place", "Pl"),
                ("Crescent", "Cres"), ("Drive", "Dr"), ("Terrace", "Tce"), ("Way", "Way"),
                ("Grove", "Gr"), ("Lane", "Ln")]

REGIONS = {
    "west_akl": ("09", [("Glen Eden", "Auckland", "0602"), ("Henderson", "Auckland", "0612"),
                        ("Rānui", "Auckland", "0612"), ("Massey", "Auckland", "0614"),
                        ("Te Atatū South", "Auckland", "0610"), ("Avondale", "Auckland", "1026"),
                        ("New Lynn", "Auckland", "0600")]),
    "south_akl": ("09", [("Ōtara", "Auckland", "2023"), ("Māngere East", "Auckland", "2024"),
                         ("Papatoetoe", "Auckland", "2025"), ("Manurewa", "Auckland", "2102"),
                         ("Clendon Park", "Auckland", "2103"), ("Papakura", "Papakura", "2110"),
                         ("Ōtāhuhu", "Auckland", "1062"), ("Wiri", "Auckland", "2104")]),
    "otara": ("09", [("Ōtara", "Auckland", "2023"), ("East Tāmaki", "Auckland", "2013"),
                     ("Papatoetoe", "Auckland", "2025"), ("Flat Bush", "Auckland", "2019")]),
    "manurewa": ("09", [("Manurewa", "Auckland", "2102"), ("Clendon Park", "Auckland", "2103"),
                        ("Wiri", "Auckland", "2104"), ("Randwick Park", "Auckland", "2105"),
                        ("Weymouth", "Auckland", "2103")]),
    "north_shore": ("09", [("Glenfield", "Auckland", "0629"), ("Sunnynook", "Auckland", "0620"),
                           ("Birkenhead", "Auckland", "0626"), ("Hillcrest", "Auckland", "0627"),
                           ("Albany", "Auckland", "0632"), ("Northcote", "Auckland", "0627")]),
    "kaikohe": ("09", [(None, "Kaikohe", "0405"), ("Ōhaeawai", "Kaikohe", "0472"),
                       (None, "Kawakawa", "0210"), (None, "Moerewa", "0211"),
                       ("Okaihau", "Kaikohe", "0475")]),
    "kaitaia": ("09", [(None, "Kaitaia", "0410"), ("Ahipara", "Kaitaia", "0481"),
                       ("Awanui", "Kaitaia", "0486"), (None, "Kaitaia", "0410")]),
    "whangarei": ("09", [("Otangarei", "Whangārei", "0112"), ("Tikipunga", "Whangārei", "0112"),
                         ("Kamo", "Whangārei", "0112"), ("Raumanga", "Whangārei", "0110")]),
    "gisborne": ("06", [("Kaiti", "Gisborne", "4010"), ("Elgin", "Gisborne", "4010"),
                        ("Mangapapa", "Gisborne", "4010"), ("Te Hapara", "Gisborne", "4010"),
                        ("Outer Kaiti", "Gisborne", "4010"), (None, "Ruatōria", "4032"),
                        (None, "Tolaga Bay", "4077")]),
    "hawkes_bay": ("06", [("Maraenui", "Napier", "4110"), ("Onekawa", "Napier", "4110"),
                          ("Tamatea", "Napier", "4112"), ("Flaxmere", "Hastings", "4120"),
                          ("Camberley", "Hastings", "4120"), ("Mahora", "Hastings", "4120"),
                          (None, "Wairoa", "4108")]),
    "rotorua": ("07", [("Fordlands", "Rotorua", "3015"), ("Western Heights", "Rotorua", "3015"),
                       ("Koutu", "Rotorua", "3010"), ("Ngongotahā", "Rotorua", "3010"),
                       ("Owhata", "Rotorua", "3010"), ("Glenholme", "Rotorua", "3010")]),
    "tauranga": ("07", [("Greerton", "Tauranga", "3112"), ("Merivale", "Tauranga", "3112"),
                        ("Welcome Bay", "Tauranga", "3112"), ("Gate Pā", "Tauranga", "3112"),
                        ("Mount Maunganui", "Tauranga", "3116"), ("Pāpāmoa", "Tauranga", "3118"),
                        (None, "Te Puke", "3119")]),
    "waikato": ("07", [("Nawton", "Hamilton", "3200"), ("Dinsdale", "Hamilton", "3204"),
                       ("Fairfield", "Hamilton", "3214"), ("Enderley", "Hamilton", "3214"),
                       ("Melville", "Hamilton", "3206"), (None, "Huntly", "3700"),
                       (None, "Ngāruawāhia", "3720")]),
    "whanganui": ("06", [("Gonville", "Whanganui", "4501"), ("Castlecliff", "Whanganui", "4501"),
                         ("Aramoho", "Whanganui", "4500"), ("Springvale", "Whanganui", "4501"),
                         (None, "Marton", "4710")]),
    "taranaki": ("06", [(None, "Waitara", "4320"), ("Marfell", "New Plymouth", "4310"),
                        ("Westown", "New Plymouth", "4310"), ("Spotswood", "New Plymouth", "4310"),
                        (None, "Hāwera", "4610"), (None, "Stratford", "4332")]),
    "kapiti": ("04", [("Paraparaumu Beach", "Paraparaumu", "5032"),
                      ("Raumati Beach", "Paraparaumu", "5032"), (None, "Waikanae", "5036"),
                      (None, "Ōtaki", "5512"), ("Raumati South", "Paraparaumu", "5032")]),
    "cannons_creek": ("04", [("Cannons Creek", "Porirua", "5024"), ("Rānui", "Porirua", "5024"),
                             ("Porirua East", "Porirua", "5024")]),
    "waitangirua": ("04", [("Waitangirua", "Porirua", "5024"), ("Ascot Park", "Porirua", "5024"),
                           ("Titahi Bay", "Porirua", "5022")]),
    "hutt": ("04", [("Naenae", "Lower Hutt", "5011"), ("Taitā", "Lower Hutt", "5011"),
                    ("Stokes Valley", "Lower Hutt", "5019"), ("Wainuiomata", "Lower Hutt", "5014"),
                    ("Trentham", "Upper Hutt", "5018"), ("Pomare", "Lower Hutt", "5011")]),
    "chch_east": ("03", [("Aranui", "Christchurch", "8061"), ("Linwood", "Christchurch", "8062"),
                         ("Shirley", "Christchurch", "8061"), ("Wainoni", "Christchurch", "8061"),
                         ("Phillipstown", "Christchurch", "8011"),
                         ("New Brighton", "Christchurch", "8083")]),
    "chch": ("03", [("Hornby", "Christchurch", "8042"), ("Riccarton", "Christchurch", "8041"),
                    ("Papanui", "Christchurch", "8053"), ("Aranui", "Christchurch", "8061"),
                    (None, "Rangiora", "7400"), (None, "Kaiapoi", "7630")]),
    "dunedin": ("03", [("Caversham", "Dunedin", "9012"), ("Brockville", "Dunedin", "9011"),
                       ("South Dunedin", "Dunedin", "9012"), (None, "Mosgiel", "9024"),
                       ("North East Valley", "Dunedin", "9010"), ("Green Island", "Dunedin", "9018")]),
    "southland": ("03", [("Glengarry", "Invercargill", "9810"), ("Strathern", "Invercargill", "9812"),
                         ("Georgetown", "Invercargill", "9812"), ("Windsor", "Invercargill", "9810"),
                         (None, "Gore", "9710"), (None, "Bluff", "9814")]),
    "nelson": ("03", [("Stoke", "Nelson", "7011"), ("Tāhunanui", "Nelson", "7011"),
                      ("Atawhai", "Nelson", "7010"), (None, "Richmond", "7020"),
                      (None, "Motueka", "7120"), (None, "Tākaka", "7110")]),
}

MOBILE_PREFIX = ["021", "021", "022", "027", "027", "029", "020", "028"]
EMAIL_DOMAINS = ["gmail.com", "gmail.com", "hotmail.com", "outlook.com", "xtra.co.nz",
                 "yahoo.co.nz", "icloud.com", "live.com"]
RELATIONS = ["partner", "partner", "mum", "nan", "aunty", "koro", "dad", "sister", "friend",
             "uncle", "grandmother"]

NOTE_SENTENCES = [
    "{g} attended with pēpi. Good kōrero about sleep routines.",
    "Home visit - {g} and {cg} present. Talked through budgeting, referred to WINZ for hardship grant.",
    "Missed session 3, txt sent to {ph}. Rebooked for next week.",
    "Whānau hui held at the marae, {g} keen to keep going with the rōpū.",
    "{g} feeling more confident with the tamariki at bedtime. Ka pai!",
    "Transport issues again; kaimahi to pick up. Call {ph} before 9am.",
    "Referred on to budgeting service. {g} said \"it's been a hard month\" but engaging well.",
    "Scored {wb1}/10 at review, up from {wb0}.",
    "Attended all group sessions this quarter, brought {cg} to week 4.",
    "No contact since mid-quarter, left voicemail on {ph}.",
    "Mihi whakatau at first session. Nervous but stayed for kai afterwards.",
    "Housing still insecure (emergency motel). Advocated with Kāinga Ora.",
    "Supported {g} to enrol tamaiti at kōhanga reo.",
    "Court date pending - {g} asked for support letter.",
    "Partner joined the last two sessions. Lots of laughs.",
    "Safety plan reviewed with {g}; no concerns raised.",
    "Prefers contact by txt only ({ph}).",
    "Completed the parenting plan and set 2 new goals.",
]

OUTCOME_KEYS = ["achieved", "partial", "not", "ongoing", "exited"]
def outmap(achieved, partial, not_, ongoing, exited):
    return {"achieved": achieved, "partial": partial, "not": not_, "ongoing": ongoing,
            "exited": exited}


O_STD = outmap("Achieved", "Partly achieved", "Not achieved", "Ongoing", "Exited early")
O_GOAL = outmap("Goal met", "Partial", "Not met", "In progress", "Withdrew")
O_MIX = outmap("Achieved", "Partially achieved", "Not achieved", "Still engaged", "Exited early")
O_LOW = outmap("achieved", "partly achieved", "not achieved", "ongoing", "exited early")
O_UP = outmap("ACHIEVED", "PARTIAL", "NOT ACHIEVED", "ONGOING", "EXITED")
O_CODE = outmap("ACH", "PART", "NOTACH", "ONG", "EXIT")
O_REO = outmap("Achieved (tutuki)", "Partly achieved", "Not achieved", "Ongoing (kei te haere tonu)",
               "Exited early")

G_MFX = {"F": "F", "M": "M", "X": "X"}
G_WORD = {"F": "Female", "M": "Male", "X": "Another gender"}
G_LOW = {"F": "female", "M": "male", "X": "gender diverse"}
G_CODE = {"M": 1, "F": 2, "X": 3}
G_REO = {"F": "Wahine", "M": "Tāne", "X": "Ira kē"}

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

MACRONS = str.maketrans("āēīōūĀĒĪŌŪ", "aeiouAEIOU")


def demacron(s: str) -> str:
    return s.translate(MACRONS)


# ---------------------------------------------------------------------------
# Formatting helpers
# ---------------------------------------------------------------------------
def fmt_date(d: dt.date, style: str):
    if style == "cell":
        return d
    if style == "dmy/":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "d/mm/Y":
        return f"{d.day}/{d.month:02d}/{d.year}"
    if style == "d/m/Y":
        return f"{d.day}/{d.month}/{d.year}"
    if style == "d-b-Y":
        return f"{d.day}-{MONTHS[d.month - 1][:3]}-{d.year}"
    if style == "dd-b-Y":
        return f"{d.day:02d}-{MONTHS[d.month - 1][:3]}-{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "d B Y":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "d b Y":
        return f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"
    if style == "dmy.":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "d.m.Y":
        return f"{d.day}.{d.month}.{d.year}"
    if style == "dmy-":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    raise ValueError(style)


def quarter_bounds(q: str):
    year, qn = int(q[:4]), int(q[5])
    start = dt.date(year, 3 * (qn - 1) + 1, 1)
    end_month = 3 * qn
    end = (dt.date(year + 1, 1, 1) if end_month == 12 else dt.date(year, end_month + 1, 1)) - dt.timedelta(days=1)
    return start, end


def age_at(dob: dt.date, when: dt.date) -> int:
    return when.year - dob.year - ((when.month, when.day) < (dob.month, dob.day))


# ---------------------------------------------------------------------------
# Person generation
# ---------------------------------------------------------------------------
def wchoice(rng, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


MALE_NAMES = {
    "Tama", "Wiremu", "Rāwiri", "Manaia", "Hōhepa", "Ihaia", "Rangi", "Māui", "Nikau", "Tamati",
    "Hēmi", "Pita", "Rewi", "Tānemahuta", "Rongo", "Whetū",
    "Michael", "Daniel", "James", "Liam", "Jack", "Ben", "Josh", "Ryan", "Sam", "Mitchell", "Corey",
    "Tom", "Kane",
    "Sione", "Tevita", "Ioane", "Siaosi", "Viliami", "Tavita", "Mosese", "Fa'amoana", "Tomasi",
    "Penitoa", "Iosefa", "Fetu",
    "Wei", "Raj", "Ravi", "Hyun-woo", "Minh", "Arjun", "Thanh",
    "Omar", "Yusuf", "Hassan", "Abdi", "Diego", "Samir",
}
FEMALE_RELS = {"mum", "nan", "aunty", "sister", "grandmother"}
MALE_RELS = {"koro", "dad", "uncle"}


def make_name(rng, group, gender=None):
    given_list, family_list = NAMES[group]
    if gender in ("M", "F"):
        given_list = [n for n in given_list if (n in MALE_NAMES) == (gender == "M")]
    given = rng.choice(given_list)
    if rng.random() < 0.25:
        second = rng.choice(given_list)
        if second != given:
            given = f"{given} {second}"
    family = rng.choice(family_list)
    if rng.random() < 0.04:
        other = rng.choice(NAMES[rng.choice(["maori", "pakeha", "pacific"])][1])
        if other != family and " " not in other and " " not in family:
            family = f"{family}-{other}"
    return given, family


def ethnicity_for(rng, group, family):
    if group == "maori":
        eth = ["21"]
        if rng.random() < 0.3:
            eth.append("11")
        if rng.random() < 0.08:
            eth.append(rng.choice(["31", "32", "33"]))
    elif group == "pakeha":
        eth = ["11"] if rng.random() < 0.9 else ["12"]
        if rng.random() < 0.15:
            eth.append("21")
    elif group == "pacific":
        eth = [wchoice(rng, {"31": 40, "33": 25, "32": 15, "34": 8, "36": 12})]
        if rng.random() < 0.12:
            e2 = wchoice(rng, {"31": 40, "33": 25, "32": 15, "34": 8, "36": 12})
            if e2 != eth[0]:
                eth.append(e2)
        if rng.random() < 0.15:
            eth.append("21")
        if rng.random() < 0.04:
            eth.append("11")
    elif group == "asian":
        eth = [ASIAN_ETH.get(family.split("-")[0], "44")]
        if eth[0] == "43" and rng.random() < 0.1:
            eth.append("36")
        if rng.random() < 0.05:
            eth.append("11")
    else:
        eth = [OTHER_ETH.get(family.split("-")[0], "61")]
    return eth


class Staff:
    def __init__(self, given, family, code):
        self.given = given.split()[0]
        self.family = family
        self.code = code

    def fmt(self, style):
        if style == "full":
            return f"{self.given} {self.family}"
        if style == "first":
            return self.given
        if style == "first_init":
            return f"{self.given} {self.family[0]}"
        if style == "initials":
            return f"{self.given[0]}{self.family[0]}".upper()
        if style == "code":
            return self.code
        if style == "last_first":
            return f"{self.family}, {self.given}"
        if style == "init_last":
            return f"{self.given[0]}. {self.family}"
        raise ValueError(style)


def setup_layout(L):
    rng = L["rng"]
    L["q_start"], L["q_end"] = quarter_bounds(L["quarter"])
    staff = []
    used = set()
    n = L.get("staff_n", 5)
    code_prefix = L.get("staff_code_prefix", "KW")
    while len(staff) < n:
        grp = wchoice(rng, {"maori": 5, "pakeha": 3, "pacific": 2, "asian": 1})
        g, f = make_name(rng, grp)
        if g.split()[0] in used:
            continue
        used.add(g.split()[0])
        staff.append(Staff(g, f, f"{code_prefix}{rng.randint(1, 40):02d}"))
    L["staff"] = staff
    L["ref_next"] = rng.randint(100, 3000)


def make_person(L, region_key):
    rng = L["rng"]
    p = {"invalid": None}
    group = wchoice(rng, L["groups"])
    p["gender"] = wchoice(rng, L.get("genders", {"F": 74, "M": 24, "X": 2}))
    given, family = make_name(rng, group, p["gender"])
    p["given"], p["family"] = given, family
    p["eth"] = ethnicity_for(rng, group, family)
    iwi = []
    if "21" in p["eth"] and rng.random() < 0.85:
        k = rng.choices([1, 2, 3], weights=[70, 25, 5])[0]
        pool = L.get("iwi_pref", []) * 4 + IWI
        while len(iwi) < k:
            i = rng.choice(pool)
            if i not in iwi:
                iwi.append(i)
    p["iwi"] = iwi
    # date of birth: age 16-65 at quarter end
    q_end = L["q_end"]
    lo, hi = L.get("ages", (17, 55))
    while True:
        age_days = int(rng.triangular(lo * 365.25, hi * 365.25, (lo + 12) * 365.25))
        dob = q_end - dt.timedelta(days=age_days)
        if 16 <= age_at(dob, q_end) <= 65:
            break
    p["dob"] = dob
    p["nhi"] = make_nhi(rng) if rng.random() < L.get("nhi_rate", 0.9) else ""
    p["ird"] = make_ird(rng) if rng.random() < L.get("ird_rate", 0.85) else ""
    area, places = REGIONS[region_key]
    p["mobile"] = ""
    if rng.random() < 0.93:
        p["mobile"] = rng.choice(MOBILE_PREFIX) + "".join(str(rng.randint(0, 9)) for _ in range(7))
    p["landline"] = ""
    if rng.random() < 0.3 or not p["mobile"]:
        p["landline"] = area + str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(6))
    p["email"] = ""
    if rng.random() < 0.78:
        g0 = demacron(given.split()[0]).lower().replace("'", "").replace("ë", "e").replace("é", "e")
        f0 = demacron(family).lower().replace("'", "").replace(" ", "").replace("-", "")
        style = rng.randint(0, 4)
        if style == 0:
            local = f"{g0}.{f0}"
        elif style == 1:
            local = f"{g0}{f0}{rng.randint(1, 99)}"
        elif style == 2:
            local = f"{g0[0]}{f0}"
        elif style == 3:
            local = f"{g0}_{rng.randint(80, 2008)}"
        else:
            local = f"{f0}.{g0}"
        p["email"] = f"{local}@{rng.choice(EMAIL_DOMAINS)}"
    suburb, town, postcode = rng.choice(places)
    st_name = rng.choice(STREETS)
    st_type = rng.choice(STREET_TYPES)
    num = rng.randint(1, 240)
    abbrev = rng.random() < L.get("street_abbrev", 0.4)
    street = f"{num} {st_name} {st_type[1] if abbrev else st_type[0]}"
    r = rng.random()
    if r < 0.10:
        street = f"{rng.randint(1, 6)}/{street}"
    elif r < 0.14:
        street = f"Flat {rng.randint(1, 9)}, {street}"
    elif r < 0.16:
        street = f"Unit {rng.choice('ABCD')}, {street}"
    p["street"], p["suburb"], p["town"], p["postcode"] = street, suburb or "", town, postcode
    # caregiver
    p["caregiver"] = None
    if rng.random() < 0.72:
        cg_group = group if rng.random() < 0.8 else wchoice(rng, {"maori": 3, "pakeha": 2, "pacific": 2})
        rel = rng.choice(RELATIONS)
        cg_gender = "F" if rel in FEMALE_RELS else "M" if rel in MALE_RELS else rng.choice("FM")
        cg_given, cg_family = make_name(rng, cg_group, cg_gender)
        if rng.random() < 0.4:
            cg_family = family
        cg_given = cg_given.split()[0]
        p["caregiver"] = (f"{cg_given} {cg_family}", rel, cg_given, cg_family)
    p["worker"] = rng.choice(L["staff"])
    p["consent"] = rng.random() < 0.86
    p["programme"] = rng.choice(L["programmes"])
    p["referral"] = rng.choice(L["referrals"])
    q_start = L["q_start"]
    span = (q_end - q_start).days
    p["service_date"] = q_start + dt.timedelta(days=rng.randint(0, span))
    if rng.random() < 0.6:
        p["start_date"] = q_start - dt.timedelta(days=rng.randint(1, 600))
        p["sessions"] = rng.randint(2, 40) if rng.random() < 0.5 else rng.randint(1, 14)
    else:
        d = rng.randint(0, (p["service_date"] - q_start).days)
        p["start_date"] = q_start + dt.timedelta(days=d)
        p["sessions"] = rng.randint(0, 8) if d else rng.randint(1, 10)
    p["outcome"] = wchoice(rng, {"ongoing": 40, "achieved": 20, "partial": 20, "not": 8, "exited": 12})
    p["wb0"] = rng.randint(2, 7)
    p["wb1"] = max(1, min(10, p["wb0"] + rng.randint(-1, 4)))
    if p["outcome"] == "ongoing" and rng.random() < 0.3:
        p["wb1"] = None
    # case notes
    if rng.random() < 0.88:
        k = rng.choices([1, 2, 3], weights=[45, 40, 15])[0]
        sentences = rng.sample(NOTE_SENTENCES, k)
        ph = fmt_phone(p["mobile"] or p["landline"], "spaced")
        cg = p["caregiver"][2] if p["caregiver"] else "nan"
        p["notes"] = [s.format(g=given.split()[0], cg=cg, ph=ph, wb0=p["wb0"],
                               wb1=p["wb1"] if p["wb1"] else p["wb0"]) for s in sentences]
    else:
        p["notes"] = []
    # client reference
    L["ref_next"] += rng.choice([1, 1, 1, 2, 3])
    p["ref_n"] = L["ref_next"]
    p["ref"] = L["ref_fmt"](L["ref_next"]) if "ref_fmt" in L else str(L["ref_next"])
    p["region"] = region_key
    return p


def make_invalid(L, p, kind):
    p["invalid"] = kind
    if kind == "service_outside":
        q_start = L["q_start"]
        p["service_date"] = q_start - dt.timedelta(days=L["rng"].randint(3, 45))
        if p["start_date"] > p["service_date"]:
            p["start_date"] = p["service_date"] - dt.timedelta(days=L["rng"].randint(0, 30))
    if kind == "noname":
        p["nhi"] = ""
        p["notes"] = []


# ---------------------------------------------------------------------------
# Column renderers  (each returns f(p, L) -> value)
# ---------------------------------------------------------------------------
def C(header, target, fn, group=None):
    return {"header": header, "target": target, "fn": fn, "group": group}


def _case(s, case):
    if case == "upper":
        return s.upper()
    if case == "lower":
        return s.lower()
    return s


def v_ref():
    return lambda p, L: p["ref"]


def v_ref_int():
    return lambda p, L: p["ref_n"]


def v_family(case=None):
    return lambda p, L: "" if p["invalid"] == "noname" else _case(p["family"], case)


def v_given(case=None):
    return lambda p, L: "" if p["invalid"] == "noname" else _case(p["given"], case)


def v_full(style, case=None):
    def f(p, L):
        if p["invalid"] == "noname":
            return ""
        g, fam = p["given"], p["family"]
        if style == "FAMILY, Given":
            s = f"{fam.upper()}, {g}"
        elif style == "Family, Given":
            s = f"{fam}, {g}"
        elif style == "Given Family":
            s = f"{g} {fam}"
        elif style == "Given FAMILY":
            s = f"{g} {fam.upper()}"
        elif style == "Family Given":
            s = f"{fam} {g}"
        else:
            raise ValueError(style)
        return _case(s, case)
    return f


def v_dob(style, unknown="unknown"):
    def f(p, L):
        if p["invalid"] == "dob_unknown":
            return unknown
        if p["invalid"] == "dob_blank":
            return ""
        st = L["rng"].choice(style) if isinstance(style, (list, tuple)) else style
        return fmt_date(p["dob"], st)
    return f


def v_date(field, style):
    def f(p, L):
        st = L["rng"].choice(style) if isinstance(style, (list, tuple)) else style
        return fmt_date(p[field], st)
    return f


def v_gender(mapping):
    return lambda p, L: mapping[p["gender"]]


def v_nhi(lower_rate=0.0):
    def f(p, L):
        if not p["nhi"]:
            return ""
        return p["nhi"].lower() if L["rng"].random() < lower_rate else p["nhi"]
    return f


def fmt_ird(s, style):
    if not s:
        return ""
    if style == "plain":
        return s
    if style == "pad":
        return s.zfill(9)
    if style == "dash":
        return f"{s[:-6]}-{s[-6:-3]}-{s[-3:]}"
    if style == "space":
        s9 = s.zfill(9)
        return f"{s9[:3]} {s9[3:6]} {s9[6:]}"
    raise ValueError(style)


def v_ird(style):
    def f(p, L):
        st = L["rng"].choice(style) if isinstance(style, (list, tuple)) else style
        return fmt_ird(p["ird"], st)
    return f


def fmt_phone(num, style):
    if not num:
        return ""
    if num.startswith("02"):
        pre, rest = num[:3], num[3:]
        a, b = rest[:3], rest[3:]
        if style == "spaced":
            return f"{pre} {a} {b}"
        if style == "plain":
            return num
        if style == "intl":
            return f"+64 {pre[1:]} {a} {b}"
        if style == "intl_plain":
            return f"+64{num[1:]}"
        if style == "dash":
            return f"{pre}-{a}-{b}"
        if style == "paren":
            return f"({pre}) {a} {b}"
        if style == "int":
            return int(num)
    else:
        area, a, b = num[:2], num[2:5], num[5:]
        if style == "spaced":
            return f"{area} {a} {b}"
        if style == "plain":
            return num
        if style in ("intl", "intl_plain"):
            return f"+64 {area[1]} {a} {b}"
        if style == "dash":
            return f"{area}-{a} {b}"
        if style == "paren":
            return f"({area}) {a} {b}"
        if style == "int":
            return int(num)
    raise ValueError(style)


def v_phone(which="any", style="spaced"):
    def f(p, L):
        if which == "mobile":
            num = p["mobile"]
        elif which == "landline":
            num = p["landline"]
        else:
            num = p["mobile"] or p["landline"]
        st = L["rng"].choice(style) if isinstance(style, (list, tuple)) else style
        return fmt_phone(num, st)
    return f


def v_email(case=None):
    return lambda p, L: _case(p["email"], case)


def v_addr(style="full"):
    def f(p, L):
        st, sub, town, pc = p["street"], p["suburb"], p["town"], p["postcode"]
        parts = [st] + ([sub] if sub else [])
        if style == "full":
            return ", ".join([*parts, f"{town} {pc}"])
        if style == "nopc":
            return ", ".join([*parts, town])
        if style == "nocomma":
            return " ".join([*parts, town, pc])
        if style == "lines":
            return "\n".join([*parts, f"{town} {pc}"])
        if style == "upper":
            return ", ".join([*parts, f"{town} {pc}"]).upper()
        raise ValueError(style)
    return f


def v_street():
    return lambda p, L: p["street"]


def v_suburb():
    return lambda p, L: p["suburb"]


def v_town(case=None):
    return lambda p, L: _case(p["town"], case)


def v_postcode(as_int=False):
    return lambda p, L: int(p["postcode"]) if as_int else p["postcode"]


def v_caregiver(style="name"):
    def f(p, L):
        cg = p["caregiver"]
        if not cg:
            return ""
        name, rel = cg[0], cg[1]
        if style == "name":
            return name
        if style == "name_rel":
            return f"{name} ({rel})"
        if style == "rel_name":
            return f"{rel.capitalize()} - {name}"
        if style == "family_given":
            return f"{cg[3].upper()}, {cg[2]}"
        raise ValueError(style)
    return f


def v_relationship():
    return lambda p, L: p["caregiver"][1] if p["caregiver"] else ""


def v_worker(style="full"):
    return lambda p, L: p["worker"].fmt(style)


def eth_text(code, mode, L):
    if mode == "codes":
        return code
    return L.get("eth_override", {}).get(code, ETH_LABEL[code])


def v_eth(mode="labels", sep="; "):
    return lambda p, L: sep.join(eth_text(c, mode, L) for c in p["eth"])


def v_eth_n(i, mode="labels", as_int=False):
    def f(p, L):
        if i >= len(p["eth"]):
            return ""
        t = eth_text(p["eth"][i], mode, L)
        return int(t) if as_int else t
    return f


def v_iwi(sep="; "):
    return lambda p, L: sep.join(p["iwi"])


def v_iwi_n(i):
    return lambda p, L: p["iwi"][i] if i < len(p["iwi"]) else ""


def v_consent(yes, no, blank_rate=0.0):
    def f(p, L):
        if blank_rate and L["rng"].random() < blank_rate:
            return ""
        return yes if p["consent"] else no
    return f


def v_prog():
    return lambda p, L: p["programme"]


def v_referral():
    return lambda p, L: p["referral"]


def v_sessions(as_str=False):
    return lambda p, L: str(p["sessions"]) if as_str else p["sessions"]


def v_outcome(mapping):
    return lambda p, L: mapping[p["outcome"]]


def v_wb(which, as_str=False, suffix=""):
    def f(p, L):
        v = p["wb0"] if which == 0 else p["wb1"]
        if v is None:
            return ""
        if suffix:
            return f"{v}{suffix}"
        return str(v) if as_str else v
    return f


def v_notes(sep=" "):
    return lambda p, L: sep.join(p["notes"])


# ---- null-target helpers
def v_rowno():
    return lambda p, L: p["_rowno"]


def v_const(x):
    return lambda p, L: x


def v_choice(options, weights=None):
    return lambda p, L: L["rng"].choices(options, weights=weights)[0]


def v_site():
    return lambda p, L: p.get("_site", "")


def v_exit_date(style, blank_unless_exited=True):
    def f(p, L):
        if p["outcome"] not in ("exited", "achieved", "not") and blank_unless_exited:
            return ""
        d = min(p["service_date"] + dt.timedelta(days=L["rng"].randint(0, 20)), L["q_end"])
        return fmt_date(d, style)
    return f


def v_updated(style="dmy/", with_time=False):
    def f(p, L):
        d = L["q_end"] + dt.timedelta(days=L["rng"].randint(-20, 12))
        s = fmt_date(d, style)
        if with_time and style != "cell":
            s += f" {L['rng'].randint(8, 17):02d}:{L['rng'].randint(0, 59):02d}"
        return s
    return f


def v_updated_by():
    return lambda p, L: L["rng"].choice(L["staff"][:3]).fmt("first_init") if L["rng"].random() < 0.8 else "admin"


def v_referred_date(style):
    def f(p, L):
        d = p["start_date"] - dt.timedelta(days=L["rng"].randint(3, 60))
        return fmt_date(d, style)
    return f


def v_yn(yes="Y", no="N", rate=0.3):
    return lambda p, L: yes if L["rng"].random() < rate else no


def v_int(lo, hi):
    return lambda p, L: L["rng"].randint(lo, hi)


# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------
def cell_text(v):
    if v is None:
        return ""
    if isinstance(v, dt.date):
        return fmt_date(v, "dmy/")
    return str(v)


def write_csv(path, pre_rows, header_rows, data_rows, encoding, delimiter, newline="\r\n",
              quoting=csv.QUOTE_MINIMAL, gz=False, gz_inner_name=None):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=quoting)
    for r in pre_rows:
        w.writerow(r)
    for r in header_rows:
        w.writerow(r)
    for r in data_rows:
        w.writerow([cell_text(v) for v in r])
    data = buf.getvalue().encode(encoding)
    if gz:
        with open(path, "wb") as fh, gzip.GzipFile(filename=gz_inner_name or "", mode="wb", fileobj=fh, mtime=0) as g:
            g.write(data)
    else:
        path.write_bytes(data)


def normalise_zip(path):
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, i.compress_type, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for name, ctype, data in items:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*",
                              rb"\g<1>2026-01-01T00:00:00Z", data)
            zi = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            zi.compress_type = ctype
            z.writestr(zi, data)


def write_xlsx(path, tables, cover=None, extra_sheets=(), date_format="DD/MM/YYYY",
               wrap_header=False, merge_title=True):
    """tables: list of dict(sheet, title_rows, groups(list|None), vmerge, headers, rows).
    Returns list of header_row numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    first = wb.active
    header_rows = []
    used_first = False
    if cover:
        first.title = cover["sheet"]
        r = 1
        for line in cover["lines"]:
            if line is None:
                r += 1
                continue
            if isinstance(line, str):
                c = first.cell(row=r, column=1, value=line)
                if r == 1:
                    c.font = Font(bold=True, size=14)
            else:
                for j, v in enumerate(line):
                    first.cell(row=r, column=1 + j, value=v)
                first.cell(row=r, column=1).font = Font(bold=True)
            r += 1
        first.column_dimensions["A"].width = 24
        first.column_dimensions["B"].width = 50
        used_first = True
    for t in tables:
        if not used_first:
            ws = first
            ws.title = t["sheet"]
            used_first = True
        else:
            ws = wb.create_sheet(t["sheet"])
        ncols = len(t["headers"])
        r = 1
        for title in t.get("title_rows", []):
            if title:
                c = ws.cell(row=r, column=1, value=title)
                c.font = Font(bold=True, size=12)
                if merge_title:
                    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=min(ncols, 8))
            r += 1
        groups = t.get("groups")
        if groups:
            grow, hrow = r, r + 1
            j = 0
            while j < ncols:
                g = groups[j]
                k = j
                while k + 1 < ncols and g is not None and groups[k + 1] == g:
                    k += 1
                if g is not None:
                    c = ws.cell(row=grow, column=j + 1, value=g)
                    c.font = Font(bold=True)
                    c.alignment = Alignment(horizontal="center")
                    if k > j:
                        ws.merge_cells(start_row=grow, start_column=j + 1, end_row=grow, end_column=k + 1)
                elif t.get("vmerge"):
                    c = ws.cell(row=grow, column=j + 1, value=t["headers"][j])
                    c.font = Font(bold=True)
                    c.alignment = Alignment(vertical="center", wrap_text=True)
                    ws.merge_cells(start_row=grow, start_column=j + 1, end_row=hrow, end_column=j + 1)
                j = k + 1
            for j, h in enumerate(t["headers"]):
                if groups[j] is None and t.get("vmerge"):
                    continue
                c = ws.cell(row=hrow, column=j + 1, value=h)
                c.font = Font(bold=True)
            r = hrow
        else:
            for j, h in enumerate(t["headers"]):
                c = ws.cell(row=r, column=j + 1, value=h)
                c.font = Font(bold=True)
                if wrap_header:
                    c.alignment = Alignment(wrap_text=True, vertical="top")
        header_rows.append(r)
        for row in t["rows"]:
            r += 1
            for j, v in enumerate(row):
                if v == "" or v is None:
                    continue
                c = ws.cell(row=r, column=j + 1, value=v)
                if isinstance(v, dt.date):
                    c.number_format = date_format
                elif isinstance(v, str) and "\n" in v:
                    c.alignment = Alignment(wrap_text=True)
        for j in range(ncols):
            ws.column_dimensions[get_column_letter(j + 1)].width = 16
        ws.freeze_panes = ws.cell(row=header_rows[-1] + 1, column=1)
    for es in extra_sheets:
        ws = wb.create_sheet(es["sheet"])
        for i, line in enumerate(es["rows"]):
            for j, v in enumerate(line):
                if v != "":
                    ws.cell(row=i + 1, column=j + 1, value=v)
    wb.save(path)
    normalise_zip(path)
    return header_rows


ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def _ods_cell(v, span=1):
    attrs = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    if v is None or v == "":
        return f"<table:table-cell{attrs}/>"
    if isinstance(v, bool):
        v = str(v)
    if isinstance(v, dt.date):
        return (f'<table:table-cell{attrs} office:value-type="date" office:date-value="{v.isoformat()}">'
                f"<text:p>{fmt_date(v, 'dmy/')}</text:p></table:table-cell>")
    if isinstance(v, int):
        return (f'<table:table-cell{attrs} office:value-type="float" office:value="{v}">'
                f"<text:p>{v}</text:p></table:table-cell>")
    paras = "".join(f"<text:p>{xml_escape(line)}</text:p>" for line in str(v).split("\n"))
    return f'<table:table-cell{attrs} office:value-type="string">{paras}</table:table-cell>'


def write_ods(path, tables):
    header_rows = []
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODS_NS} '
             'office:version="1.2"><office:body><office:spreadsheet>']
    for t in tables:
        ncols = len(t["headers"])
        parts.append(f"<table:table table:name={quoteattr(t['sheet'])}>")
        parts.append(f'<table:table-column table:number-columns-repeated="{ncols}"/>')
        r = 0
        for title in t.get("title_rows", []):
            parts.append("<table:table-row>" + _ods_cell(title) + "</table:table-row>")
            r += 1
        groups = t.get("groups")
        if groups:
            cells = []
            j = 0
            while j < ncols:
                g = groups[j]
                k = j
                while k + 1 < ncols and g is not None and groups[k + 1] == g:
                    k += 1
                cells.append(_ods_cell(g, span=k - j + 1) if g is not None else _ods_cell(""))
                cells.extend(["<table:covered-table-cell/>"] * (k - j) if g is not None else [])
                j = k + 1
            parts.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
            r += 1
        parts.append("<table:table-row>" + "".join(_ods_cell(h) for h in t["headers"]) + "</table:table-row>")
        r += 1
        header_rows.append(r)
        for row in t["rows"]:
            parts.append("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>")
        parts.append("</table:table>")
    parts.append("</office:spreadsheet></office:body></office:document-content>")
    content = "".join(parts).encode("utf-8")
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        b'manifest:version="1.2">\n'
        b' <manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        b'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>\n'
        b' <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\n'
        b"</manifest:manifest>\n")
    with zipfile.ZipFile(path, "w") as z:
        zi = zipfile.ZipInfo("mimetype", date_time=FIXED_ZIP_TIME)
        zi.compress_type = zipfile.ZIP_STORED
        z.writestr(zi, b"application/vnd.oasis.opendocument.spreadsheet")
        for name, data in (("META-INF/manifest.xml", manifest), ("content.xml", content)):
            zi = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    return header_rows


# ---------------------------------------------------------------------------
# Layout specifications
# ---------------------------------------------------------------------------
def T(sheet, n, region, title_rows=(), site=None):
    return {"sheet": sheet, "n": n, "region": region, "title_rows": list(title_rows), "site": site}


def F(name, fmt, tables, encoding=None, delimiter=None, newline="\r\n", quoting=csv.QUOTE_MINIMAL,
      pre_rows=(), invalid=(), **kw):
    d = {"name": name, "format": fmt, "tables": tables, "encoding": encoding, "delimiter": delimiter,
         "newline": newline, "quoting": quoting, "pre_rows": list(pre_rows), "invalid": list(invalid)}
    d.update(kw)
    return d


def cover_lines(L, contact, email, phone, extra=()):
    s, e = quarter_bounds(L["quarter"])
    lines = [
        f"{L['name']} - Quarterly Client Return",
        None,
        ["Provider", L["name"]],
        ["Contract no.", L.get("contract", "MSD-" + str(L["rng"].randint(20000, 59999)))],
        ["Reporting quarter", f"{L['quarter']} ({fmt_date(s, 'd B Y')} - {fmt_date(e, 'd B Y')})"],
        ["Contact person", contact],
        ["Contact email", email],
        ["Contact phone", phone],
        None,
        "Instructions",
        "1. One row per client per quarter. Please don't change the column headings.",
        "2. Dates as dd/mm/yyyy. Leave a cell blank if not known.",
        "3. Only include clients who have consented where indicated.",
    ]
    lines.extend(extra)
    return lines


def layout_01(L):
    L.update(name="Kōkiri Whānau Services", slug="kokiri-whanau-services", quarter="2026Q1",
             groups={"maori": 5, "pakeha": 2, "pacific": 2, "asian": 1},
             programmes=["Kōkiri Parenting", "Whānau Kōrero", "Strong Foundations"],
             referrals=["Self", "GP", "Midwife", "Plunket", "Oranga Tamariki", "Whānau", "School", "Other"],
             ref_fmt=lambda n: f"KWS-{n:05d}", iwi_pref=["Ngāti Whātua", "Waikato-Tainui"])
    cols = [
        C("Client ID", "client_ref", v_ref()),
        C("Surname", "family_name", v_family()),
        C("First name(s)", "given_names", v_given()),
        C("DOB", "date_of_birth", v_dob("dmy/")),
        C("Gender", "gender", v_gender(G_MFX)),
        C("Ethnicity", "ethnicity", v_eth("labels", "; ")),
        C("Iwi", "iwi", v_iwi("; ")),
        C("Address", "address", v_addr("full")),
        C("Mobile", "phone", v_phone("any", "spaced")),
        C("Email", "email", v_email()),
        C("Programme", "programme", v_prog()),
        C("Referred by", "referral_source", v_referral()),
        C("Start date", "start_date", v_date("start_date", "dmy/")),
        C("Last session", "service_date", v_date("service_date", "dmy/")),
        C("Sessions attended", "sessions_attended", v_sessions()),
        C("Kaimahi", "key_worker", v_worker("first_init")),
        C("Funding code", None, v_choice(["MSD-FS-01", "MSD-FS-02", "TPK-WO-11"])),
        C("Outcome", "outcome_status", v_outcome(O_STD)),
        C("Updated by", None, v_updated_by()),
    ]
    files = [F("Kokiri Whanau Services Q1 2026.csv", "csv", [T(None, L["rng"].randint(80, 200), "west_akl")],
               encoding="utf-8", delimiter=",", newline="\n", invalid=["noname"])]
    return cols, files, ["extra_columns"]


def layout_02(L):
    L.update(name="Te Puna Oranga Mātua", slug="te-puna-oranga-matua", quarter="2026Q2",
             groups={"maori": 8, "pakeha": 1, "pacific": 1},
             programmes=["Ngā Tapuwae Mātua", "Kia Kaha te Whānau", "Hui Mātua"],
             referrals=["Whānau", "Marae", "Kōhanga Reo", "Oranga Tamariki", "Self", "GP", "Tamariki Ora"],
             iwi_pref=["Ngāti Kahungunu", "Rongowhakaata"])
    cols = [
        C("Tau", None, v_rowno()),
        C("Ingoa", "full_name", v_full("FAMILY, Given")),
        C("Rā whānau", "date_of_birth", v_dob("d/mm/Y")),
        C("Ira", "gender", v_gender(G_REO)),
        C("Iwi / Hapū", "iwi", v_iwi("; ")),
        C("Mātāwaka 1", "ethnicity", v_eth_n(0)),
        C("Mātāwaka 2", "ethnicity", v_eth_n(1)),
        C("Mātāwaka 3", "ethnicity", v_eth_n(2)),
        C("Wāhi noho", "address_street", v_street()),
        C("Takiwā", "address_suburb", v_suburb()),
        C("Tāone", "address_town", v_town()),
        C("Waehere poutāpeta", "address_postcode", v_postcode()),
        C("Waea", "phone", v_phone("any", ["spaced", "plain"])),
        C("Īmēra", "email", v_email()),
        C("Kaimahi", "key_worker", v_worker("first")),
        C("Hōtaka", "programme", v_prog()),
        C("Nā wai i tuku mai", "referral_source", v_referral()),
        C("Rā tīmata", "start_date", v_date("start_date", "d/mm/Y")),
        C("Rā hui whakamutunga", "service_date", v_date("service_date", "d/mm/Y")),
        C("Tatau hui", "sessions_attended", v_sessions()),
        C("Piki ora - tīmatanga", "wellbeing_start", v_wb(0)),
        C("Piki ora - mutunga", "wellbeing_end", v_wb(1)),
        C("Whakaae ki te arotake", "consent_evaluation", v_consent("Āe", "Kāo")),
        C("Putanga", "outcome_status", v_outcome(O_REO)),
        C("Kōrero", "case_notes", v_notes()),
        C("Rōpū pūtea", None, v_choice(["Whānau Ora", "MSD", "Te Whatu Ora"])),
    ]
    files = [F("TPOM_Purongo_2026Q2.csv", "csv", [T(None, L["rng"].randint(80, 200), "gisborne")],
               encoding="utf-8-sig", delimiter=";")]
    return cols, files, ["te_reo_headers"]


def layout_03(L):
    L.update(name="Hutt Valley Family Support Trust", slug="hutt-valley-family-support", quarter="2026Q3",
             groups={"pakeha": 4, "maori": 3, "pacific": 2, "asian": 1, "other": 1}, plain=True,
             programmes=["Parenting Through Change", "Toddler Tips", "Family Support 1:1"],
             referrals=["Self referral", "GP", "Plunket", "Oranga Tamariki", "Police", "School", "Hospital", "Church"],
             ref_fmt=lambda n: f"HVFS/{n}")
    cols = [
        C("Ref No", "client_ref", v_ref()),
        C("LAST NAME", "family_name", v_family("upper")),
        C("FIRST NAME", "given_names", v_given()),
        C("Client’s date of birth", "date_of_birth", v_dob("d-b-Y", unknown="not known")),
        C("Sex", "gender", v_gender(G_WORD)),
        C("Ethnic group", "ethnicity", v_eth("labels", "/")),
        C("Street address", "address_street", v_street()),
        C("Suburb", "address_suburb", v_suburb()),
        C("City", "address_town", v_town()),
        C("Post code", "address_postcode", v_postcode()),
        C("Home ph", "phone", v_phone("landline", "paren")),
        C("Cell", "phone", v_phone("mobile", "plain")),
        C("Caregiver / support person", "caregiver_name", v_caregiver("name")),
        C("Relationship to client", None, v_relationship()),
        C("Referral source", "referral_source", v_referral()),
        C("Date enrolled", "start_date", v_date("start_date", "d-b-Y")),
        C("Most recent contact", "service_date", v_date("service_date", "d-b-Y")),
        C("No. sessions", "sessions_attended", v_sessions()),
        C("Worker", "key_worker", v_worker("full")),
        C("Exit date", None, v_exit_date("d-b-Y")),
        C("Result", "outcome_status", v_outcome(O_STD)),
    ]
    rng = L["rng"]
    files = [
        F("HVFST_Q3_2026_part1.csv", "csv", [T(None, rng.randint(80, 200), "hutt")],
          encoding="cp1252", delimiter=",", invalid=["dob_unknown"]),
        F("HVFST_Q3_2026_part2.csv", "csv", [T(None, rng.randint(80, 200), "hutt")],
          encoding="cp1252", delimiter=",", invalid=["noname"]),
    ]
    return cols, files, ["extra_columns", "no_macrons"]


def layout_04(L):
    L.update(name="Pasifika Families Aotearoa", slug="pasifika-families-aotearoa", quarter="2026Q4",
             groups={"pacific": 8, "maori": 1, "asian": 1},
             programmes=["Malaga Parenting", "Fanau Ola", "Aiga Strong", "Talanoa Dads"],
             referrals=["Church", "Self", "GP", "Plunket", "School", "Whānau", "Midwife", "Other"],
             genders={"F": 65, "M": 33, "X": 2}, nhi_rate=0.95)
    cols = [
        C("Full Name", "full_name", v_full("Given Family")),
        C("D.O.B.", "date_of_birth", v_dob("iso")),
        C("NHI", "nhi", v_nhi()),
        C("Ethnicity codes", "ethnicity", v_eth("codes", ",")),
        C("Church", None, v_choice(["EFKS Ōtara", "Free Wesleyan", "LDS", "Catholic", "AOG", "", ""])),
        C("Home address", "address", v_addr("nopc")),
        C("Contact #", "phone", v_phone("any", ["intl", "intl_plain", "spaced"])),
        C("Program", "programme", v_prog()),
        C("Who referred", "referral_source", v_referral()),
        C("Attended (#)", "sessions_attended", v_sessions()),
        C("Session date (latest)", "service_date", v_date("service_date", "iso")),
        C("Fono group", None, v_choice(["A", "B", "C"])),
        C("Pre", "wellbeing_start", v_wb(0)),
        C("Post", "wellbeing_end", v_wb(1)),
        C("Gender", "gender", v_gender(G_CODE)),
        C("Key contact at PFA", "key_worker", v_worker("full")),
        C("Notes", "case_notes", v_notes()),
    ]
    files = [F("PFA_Oct-Dec2026.tsv", "tsv", [T(None, L["rng"].randint(80, 200), "south_akl")],
               encoding="utf-8", delimiter="\t", newline="\n")]
    return cols, files, ["extra_columns", "unusual_order"]


def layout_05(L):
    L.update(name="Ngā Kākano Parenting", slug="nga-kakano-parenting", quarter="2026Q1",
             groups={"maori": 6, "pakeha": 3, "pacific": 1}, plain=True,
             programmes=["TAMARIKI_TUATAHI", "MATUA_AKO", "HAPAI_PEPI"],
             referrals=["SELF", "GP", "MIDWIFE", "OT", "PLUNKET", "MARAE", "OTHER"],
             ref_fmt=lambda n: str(10000 + n), iwi_pref=["Ngāpuhi", "Ngāti Whātua"])
    cols = [
        C("client_no", "client_ref", v_ref()),
        C("family_name", "family_name", v_family()),
        C("given_names", "given_names", v_given()),
        C("birth_date", "date_of_birth", v_dob("dmy.")),
        C("gender_code", "gender", v_gender(G_MFX)),
        C("nhi_number", "nhi", v_nhi()),
        C("ird_no", "ird", v_ird("plain")),
        C("addr_line1", "address_street", v_street()),
        C("addr_suburb", "address_suburb", v_suburb()),
        C("addr_city", "address_town", v_town()),
        C("addr_pcode", "address_postcode", v_postcode()),
        C("ph_mobile", "phone", v_phone("any", "plain")),
        C("eth1", "ethnicity", v_eth_n(0, "codes")),
        C("eth2", "ethnicity", v_eth_n(1, "codes")),
        C("iwi_affil", "iwi", v_iwi(";")),
        C("prog_code", "programme", v_prog()),
        C("ref_src", "referral_source", v_referral()),
        C("first_sess_dt", "start_date", v_date("start_date", "dmy.")),
        C("last_sess_dt", "service_date", v_date("service_date", "dmy.")),
        C("sess_cnt", "sessions_attended", v_sessions()),
        C("outcome_cd", "outcome_status", v_outcome(O_CODE)),
        C("consent_eval", "consent_evaluation", v_consent("Y", "N")),
        C("created_by", None, v_updated_by()),
        C("modified_dt", None, v_updated("dmy.", with_time=True)),
    ]
    files = [F("nk_export_20260403.txt", "txt", [T(None, L["rng"].randint(80, 200), "whangarei")],
               encoding="utf-8", delimiter="|", newline="\n")]
    return cols, files, ["extra_columns", "no_macrons"]


def layout_06(L):
    L.update(name="Waitematā Dads Network", slug="waitemata-dads-network", quarter="2026Q2",
             groups={"pakeha": 4, "maori": 3, "pacific": 2, "asian": 2, "other": 1},
             programmes=["Dads Shed", "Tāne Tiaki", "Caring Dads Kōrero"],
             referrals=["Friend", "Facebook", "Partner", "GP", "Court", "Oranga Tamariki", "Self", "Police"],
             genders={"M": 1})
    cols = [
        C("Dad's name", "full_name", v_full("Given Family")),
        C("Date Of Birth (dd/mm/yyyy)", "date_of_birth", v_dob("dmy/")),
        C("Phone", "phone", v_phone("any", ["spaced", "dash"])),
        C("E-mail address", "email", v_email()),
        C("Suburb", "address_suburb", v_suburb()),
        C("Town/City", "address_town", v_town()),
        C("Partner / Māmā", "caregiver_name", v_caregiver("name")),
        C("Group", "programme", v_prog()),
        C("How did you hear about us", "referral_source", v_referral()),
        C("First session", "start_date", v_date("start_date", "dmy/")),
        C("Sessions (total)", "sessions_attended", v_sessions()),
        C("Pre score", "wellbeing_start", v_wb(0)),
        C("Post score", "wellbeing_end", v_wb(1)),
        C("Ethnicity", "ethnicity", v_eth("labels", ", ")),
        C("Consent to share for evaluation?", "consent_evaluation", v_consent("Yes", "No")),
        C("Facilitator", "key_worker", v_worker("first")),
        C("Bus fare given", None, v_yn("Yes", "No", 0.2)),
    ]
    files = [F("WDN quarterly Apr-Jun 26.csv.gz", "csv.gz", [T(None, L["rng"].randint(80, 200), "north_shore")],
               encoding="utf-8", delimiter=",", newline="\r\n", gz_inner="WDN quarterly Apr-Jun 26.csv")]
    return cols, files, ["extra_columns"]


def layout_07(L):
    L.update(name="Tairāwhiti Whānau Hub", slug="tairawhiti-whanau-hub", quarter="2026Q3",
             groups={"maori": 8, "pakeha": 2},
             programmes=["Whānau Kōrero", "Mana Wāhine", "Tū Tāne", "Pēpi First"],
             referrals=["Whānau", "Marae", "Midwife", "Oranga Tamariki", "GP", "Police", "Self"],
             iwi_pref=["Ngāti Porou", "Rongowhakaata", "Te Aitanga-a-Māhaki"])
    cols = [
        C("#", None, v_rowno()),
        C("Client", "full_name", v_full("FAMILY, Given")),
        C("Born", "date_of_birth", v_dob("cell")),
        C("NHI No.", "nhi", v_nhi()),
        C("M/F", "gender", v_gender(G_MFX)),
        C("Iwi", "iwi", v_iwi("; ")),
        C("Ethnicity", "ethnicity", v_eth("labels", "; ")),
        C("Address", "address", v_addr("lines")),
        C("Ph", "phone", v_phone("any", "int")),
        C("Programme / Service", "programme", v_prog()),
        C("Referrer", "referral_source", v_referral()),
        C("Start", "start_date", v_date("start_date", "cell")),
        C("Seen (last)", "service_date", v_date("service_date", "cell")),
        C("Attended", "sessions_attended", v_sessions()),
        C("Outcome", "outcome_status", v_outcome(O_STD)),
        C("Kaimahi", "key_worker", v_worker("first_init")),
        C("Contract", None, v_const("TWH-2026-04")),
    ]
    files = [F("Tairawhiti Whanau Hub - Q3 2026.xlsx", "xlsx",
               [T("Q3 clients", L["rng"].randint(80, 200), "gisborne",
                  title_rows=["Tairāwhiti Whānau Hub — Client Return",
                              "Quarter 3 (July – September 2026)"])])]
    return cols, files, ["extra_columns", "phone_as_number", "date_cells", "multiline_cells"]


def layout_08(L):
    L.update(name="Southern Family Start Trust", slug="southern-family-start", quarter="2026Q4",
             groups={"pakeha": 5, "maori": 3, "pacific": 1, "asian": 1},
             programmes=["Family Start", "Early Start Plus", "Whānau Awhi"],
             referrals=["Midwife", "Plunket", "GP", "Hospital", "Oranga Tamariki", "Self", "Whānau"],
             ref_fmt=lambda n: f"SFS-26-{n:04d}", iwi_pref=["Ngāi Tahu"])
    cols = [
        C("Client reference", "client_ref", v_ref()),
        C("Family name", "family_name", v_family()),
        C("Given names", "given_names", v_given()),
        C("Date of birth", "date_of_birth", v_dob("cell")),
        C("Gender", "gender", v_gender(G_WORD)),
        C("Ethnicity 1", "ethnicity", v_eth_n(0)),
        C("Ethnicity 2", "ethnicity", v_eth_n(1)),
        C("Ethnicity 3", "ethnicity", v_eth_n(2)),
        C("Unit/House no. & street", "address_street", v_street()),
        C("Suburb", "address_suburb", v_suburb()),
        C("Town", "address_town", v_town()),
        C("Postcode", "address_postcode", v_postcode(as_int=True)),
        C("Phone number", "phone", v_phone("any", "spaced")),
        C("Email address", "email", v_email()),
        C("Referred from", "referral_source", v_referral()),
        C("Enrolment date", "start_date", v_date("start_date", "cell")),
        C("Date of last visit", "service_date", v_date("service_date", "cell")),
        C("Visits this qtr", "sessions_attended", v_sessions()),
        C("Family Start worker", "key_worker", v_worker("full")),
        C("Evaluation consent (Y/N)", "consent_evaluation", v_consent("Y", "N")),
        C("Status", "outcome_status", v_outcome(O_MIX)),
        C("Date closed", None, v_exit_date("cell")),
        C("Comments", "case_notes", v_notes()),
    ]
    files = [F("SFST Quarterly Return Oct-Dec 2026.xlsx", "xlsx",
               [T("Client data", L["rng"].randint(80, 200), "southland")],
               cover={"sheet": "Instructions",
                      "lines": cover_lines(L, "Gillian Fraser", "gillian.fraser@sfst.org.nz", "03 214 7788")})]
    return cols, files, ["extra_columns", "date_cells"]


def layout_09(L):
    L.update(name="Manukau Parenting Collective", slug="manukau-parenting-collective", quarter="2026Q1",
             groups={"pacific": 5, "maori": 3, "asian": 2, "pakeha": 1},
             programmes=["Toolbox", "Positive Parenting Group", "Tama Toa Dads", "Mums & Bubs"],
             referrals=["Self", "Plunket", "Church", "School", "GP", "Oranga Tamariki", "Whānau"])
    cols = [
        C("Name", "full_name", v_full("Family, Given")),
        C("D/O/B", "date_of_birth", v_dob("d B Y")),
        C("Contact", "phone", v_phone("any", ["spaced", "plain", "intl"])),
        C("Ethnicity", "ethnicity", v_eth("labels", "/")),
        C("Programme attended", "programme", v_prog()),
        C("Date of last session", "service_date", v_date("service_date", "cell")),
        C("Total sessions", "sessions_attended", v_sessions()),
        C("Pre-programme rating (1-10)", "wellbeing_start", v_wb(0)),
        C("Post-programme rating (1-10)", "wellbeing_end", v_wb(1)),
        C("Referral", "referral_source", v_referral()),
        C("Facilitator(s)", "key_worker", v_worker("first")),
        C("Crèche used", None, v_yn("Yes", "No", 0.4)),
        C("Outcome", "outcome_status", v_outcome(O_GOAL)),
    ]
    rng = L["rng"]
    n1 = rng.randint(45, 95)
    n2 = rng.randint(40, 100)
    files = [F("MPC Jan-Mar 2026 (both sites).xlsx", "xlsx",
               [T("Ōtara", n1, "otara", site="Ōtara"), T("Manurewa", n2, "manurewa", site="Manurewa")],
               invalid=["dob_unknown"])]
    return cols, files, ["extra_columns", "date_cells"]


def layout_10(L):
    L.update(name="Te Kahu Manaaki", slug="te-kahu-manaaki", quarter="2026Q2",
             groups={"maori": 6, "pakeha": 3, "pacific": 1},
             programmes=["Manaaki Mātua", "Kahu Tiaki", "Whakapakari Whānau"],
             referrals=["Self", "GP", "Midwife", "Marae", "Oranga Tamariki", "Court", "Police", "Hospital"],
             ref_fmt=lambda n: f"TKM{n:05d}", iwi_pref=["Ngāti Awa", "Tūhoe", "Te Whānau-ā-Apanui"])
    cols = [
        C("ID", "client_ref", v_ref()),
        C("Surname", "family_name", v_family(), "Client details"),
        C("First name", "given_names", v_given(), "Client details"),
        C("DOB", "date_of_birth", v_dob("cell"), "Client details"),
        C("Gender", "gender", v_gender(G_MFX), "Client details"),
        C("Street", "address_street", v_street(), "Contact"),
        C("Suburb", "address_suburb", v_suburb(), "Contact"),
        C("Town/City", "address_town", v_town(), "Contact"),
        C("Postcode", "address_postcode", v_postcode(), "Contact"),
        C("Phone", "phone", v_phone("any", "spaced"), "Contact"),
        C("Email", "email", v_email(), "Contact"),
        C("Ethnicity", "ethnicity", v_eth("labels", ", "), "Identity"),
        C("Iwi", "iwi", v_iwi(", "), "Identity"),
        C("Name of programme", "programme", v_prog(), "Programme"),
        C("Start date", "start_date", v_date("start_date", "cell"), "Programme"),
        C("Last session", "service_date", v_date("service_date", "cell"), "Programme"),
        C("Sessions", "sessions_attended", v_sessions(), "Programme"),
        C("Start", "wellbeing_start", v_wb(0), "Wellbeing (1-10)"),
        C("End", "wellbeing_end", v_wb(1), "Wellbeing (1-10)"),
        C("Worker", "key_worker", v_worker("full"), "Admin"),
        C("Consent", "consent_evaluation", v_consent("Yes", "No"), "Admin"),
        C("Entered by", None, v_updated_by(), "Admin"),
        C("Outcome", "outcome_status", v_outcome(O_STD)),
    ]
    files = [F("Te Kahu Manaaki Q2 2026.xlsx", "xlsx", [T("Data", L["rng"].randint(80, 200), "tauranga")])]
    return cols, files, ["extra_columns", "date_cells"]


def layout_11(L):
    L.update(name="Te Rito Mātua Trust", slug="te-rito-matua-trust", quarter="2026Q3",
             groups={"maori": 9, "pakeha": 1},
             programmes=["Te Rito Mātua", "Hapai te Whānau", "Kōrero Mai"],
             referrals=["Whānau", "Marae", "Kura", "GP", "Oranga Tamariki", "Self", "Kōhanga Reo"],
             iwi_pref=["Te Arawa", "Ngāti Whakaue", "Ngāti Tūwharetoa"])
    cols = [
        C("Ingoa whānau", "family_name", v_family()),
        C("Ingoa tuatahi", "given_names", v_given()),
        C("Rā whānau", "date_of_birth", v_dob("dmy/", unknown="kāore e mōhiotia")),
        C("Tāne / Wahine", "gender", v_gender(G_REO)),
        C("Iwi", "iwi", v_iwi("; ")),
        C("Mātāwaka", "ethnicity", v_eth("labels", "; ")),
        C("Nohoanga", "address", v_addr("full")),
        C("Nama waea", "phone", v_phone("any", "spaced")),
        C("Kaiāwhina", "key_worker", v_worker("first")),
        C("Kaitiaki", "caregiver_name", v_caregiver("name_rel")),
        C("Hōtaka", "programme", v_prog()),
        C("Rā tīmatanga", "start_date", v_date("start_date", "dmy/")),
        C("Rā o te hui whakamutunga", "service_date", v_date("service_date", "dmy/")),
        C("Maha o ngā hui", "sessions_attended", v_sessions()),
        C("Whakaaetanga", "consent_evaluation", v_consent("Āe", "Kāo")),
        C("Hua", "outcome_status", v_outcome(O_GOAL)),
        C("Tuhipoka", "case_notes", v_notes()),
        C("Tari", None, v_choice(["Rotorua", "Ngongotahā"])),
    ]
    files = [F("Te Rito Mātua - Q3 2026.ods", "ods", [T("Pūrongo", L["rng"].randint(80, 200), "rotorua")],
               invalid=["dob_unknown"])]
    return cols, files, ["te_reo_headers", "extra_columns"]


def layout_12(L):
    L.update(name="Ōtautahi Parent Aid", slug="otautahi-parent-aid", quarter="2026Q4",
             groups={"pakeha": 5, "maori": 3, "pacific": 1, "asian": 1, "other": 1},
             programmes=["Parent Aid Home Support", "Incredible Families Group", "Ara Whānau"],
             referrals=["Oranga Tamariki", "Plunket", "GP", "Hospital", "Police", "School", "Self referral"],
             ref_fmt=lambda n: f"OPA{n}", iwi_pref=["Ngāi Tahu"])
    cols = [
        C("Client Number", "client_ref", v_ref()),
        C("Client Name", "full_name", v_full("FAMILY, Given")),
        C("Date of Birth", "date_of_birth", v_dob("dmy-")),
        C("NHI", "nhi", v_nhi()),
        C("IRD number", "ird", v_ird(["dash", "plain"])),
        C("Address Line 1", "address_street", v_street()),
        C("Suburb", "address_suburb", v_suburb()),
        C("City", "address_town", v_town()),
        C("Postcode", "address_postcode", v_postcode()),
        C("Mobile Phone", "phone", v_phone("mobile", "spaced")),
        C("Home Phone", "phone", v_phone("landline", "spaced")),
        C("Ethnicity (Primary)", "ethnicity", v_eth_n(0)),
        C("Ethnicity (Secondary)", "ethnicity", v_eth_n(1)),
        C("Gender", "gender", v_gender(G_WORD)),
        C("Service Type", "programme", v_prog()),
        C("Referral Agency", "referral_source", v_referral()),
        C("Service Start", "start_date", v_date("start_date", "dmy-")),
        C("Last Service Date", "service_date", v_date("service_date", "dmy-")),
        C("Contacts", "sessions_attended", v_sessions()),
        C("Case Manager", "key_worker", v_worker("full")),
        C("Office", None, v_const("Linwood")),
        C("Outcome Status", "outcome_status", v_outcome(O_STD)),
    ]
    files = [F("OPA_ClientReturn_Q4.txt", "txt", [T(None, L["rng"].randint(80, 200), "chch_east")],
               encoding="utf-16", delimiter="\t")]
    return cols, files, ["extra_columns"]


def layout_13(L):
    L.update(name="Taranaki Young Parents", slug="taranaki-young-parents", quarter="2026Q1",
             groups={"pakeha": 5, "maori": 5, "pacific": 1}, plain=True, ages=(16, 26),
             programmes=["Young Parents Programme", "Teen Parent Unit support", "Hapu Mama"],
             referrals=["School", "Midwife", "WINZ", "Oranga Tamariki", "Self", "Friend", "Youth Service"],
             genders={"F": 85, "M": 15}, iwi_pref=["Te Āti Awa", "Ngāti Ruanui"])
    cols = [
        C("Keyworker", "key_worker", v_worker("first")),
        C("Last seen", "service_date", v_date("service_date", "dmy/")),
        C("Status", "outcome_status", v_outcome(O_LOW)),
        C("Young parent’s name", "full_name", v_full("Given Family")),
        C("Baby due / DOB of baby", None, lambda p, L: fmt_date(
            L["q_start"] + dt.timedelta(days=L["rng"].randint(-330, 120)), "dmy/")),
        C("Parent DOB", "date_of_birth", v_dob("dmy/")),
        C("School / course", None, v_choice(["", "", "Spotswood College TPU", "WITT", "Correspondence"])),
        C("Whānau support person", "caregiver_name", v_caregiver("rel_name")),
        C("Cell ph", "phone", v_phone("mobile", ["plain", "spaced"])),
        C("Referred by", "referral_source", v_referral()),
        C("Engaged since", "start_date", v_date("start_date", "dmy/")),
        C("Sessions", "sessions_attended", v_sessions()),
        C("Ethnicity", "ethnicity", v_eth("labels", ", ")),
        C("Gender", "gender", v_gender({"F": "F", "M": "M", "X": "X"})),
        C("Consented?", "consent_evaluation", v_consent("TRUE", "FALSE")),
    ]
    files = [F("TYP return Q1 2026.csv", "csv", [T(None, L["rng"].randint(80, 200), "taranaki")],
               encoding="cp1252", delimiter=";",
               pre_rows=[["Taranaki Young Parents – Q1 2026 return (Jan–Mar)"], []],
               invalid=["service_outside"])]
    return cols, files, ["unusual_order", "csv_title_rows", "extra_columns", "no_macrons"]


def layout_14(L):
    L.update(name="Kāpiti Whānau Connect", slug="kapiti-whanau-connect", quarter="2026Q2",
             groups={"pakeha": 5, "maori": 4, "pacific": 1, "asian": 1},
             programmes=["Connect Parenting", "Whānau Time", "Grandparents Raising Grandchildren"],
             referrals=["Self", "GP", "School", "Plunket", "Kōhanga Reo", "Oranga Tamariki", "Other"],
             ages=(18, 65), iwi_pref=["Ngāti Raukawa", "Ngāti Toa Rangatira", "Te Āti Awa"])
    cols = [
        C("Row", None, v_rowno()),
        C("Given Name", "given_names", v_given()),
        C("Family Name", "family_name", v_family()),
        C("Date of birth", "date_of_birth", v_dob("d b Y")),
        C("Phone Number", "phone", v_phone("any", "spaced")),
        C("Email", "email", v_email()),
        C("Address", "address", v_addr("full")),
        C("Ethnicity", "ethnicity", v_eth("codes", ";")),
        C("Iwi (if known)", "iwi", v_iwi("; ")),
        C("Programme", "programme", v_prog()),
        C("Referral from", "referral_source", v_referral()),
        C("Start Date", "start_date", v_date("start_date", "d b Y")),
        C("Session Date", "service_date", v_date("service_date", "d b Y")),
        C("Attendance", "sessions_attended", v_sessions()),
        C("Wellbeing pre", "wellbeing_start", v_wb(0)),
        C("Wellbeing post", "wellbeing_end", v_wb(1)),
        C("Kaimahi", "key_worker", v_worker("full")),
        C("Consent", "consent_evaluation", v_consent("Consented", "Declined")),
        C("Outcome", "outcome_status", v_outcome(O_STD)),
    ]
    rng = L["rng"]
    files = [
        F("KWC_2026Q2_part1.csv", "csv", [T(None, rng.randint(80, 200), "kapiti")],
          encoding="utf-8-sig", delimiter="|", invalid=["noname"]),
        F("KWC_2026Q2_part2.csv", "csv", [T(None, rng.randint(80, 200), "kapiti")],
          encoding="utf-8-sig", delimiter="|"),
    ]
    return cols, files, ["extra_columns", "unusual_order"]


def layout_15(L):
    L.update(name="Hawke's Bay Mātua Hub", slug="hawkes-bay-matua-hub", quarter="2026Q3",
             groups={"maori": 5, "pakeha": 3, "pacific": 2}, plain=True,
             programmes=["MATUA TUATAHI", "PAPA HAUORA", "NGA RITO"],
             referrals=["GP", "MIDWIFE", "SELF", "OT", "POLICE", "HOSPITAL", "MARAE"],
             staff_code_prefix="KW", iwi_pref=["Ngāti Kahungunu"])
    cols = [
        C("NHI", "nhi", v_nhi(lower_rate=0.05)),
        C("SURNAME", "family_name", v_family("upper")),
        C("FORENAMES", "given_names", v_given("upper")),
        C("DATE_OF_BIRTH", "date_of_birth", v_dob("iso")),
        C("SEX", "gender", v_gender(G_CODE)),
        C("ETHNIC_1", "ethnicity", v_eth_n(0, "codes")),
        C("ETHNIC_2", "ethnicity", v_eth_n(1, "codes")),
        C("ETHNIC_3", "ethnicity", v_eth_n(2, "codes")),
        C("IWI_1", "iwi", v_iwi_n(0)),
        C("IWI_2", "iwi", v_iwi_n(1)),
        C("SUBURB", "address_suburb", v_suburb()),
        C("TOWN", "address_town", v_town("upper")),
        C("PROGRAMME", "programme", v_prog()),
        C("REFERRAL_SOURCE", "referral_source", v_referral()),
        C("ENROL_DATE", "start_date", v_date("start_date", "iso")),
        C("LAST_ATTEND_DATE", "service_date", v_date("service_date", "iso")),
        C("ATTENDANCES", "sessions_attended", v_sessions()),
        C("OUTCOME", "outcome_status", v_outcome(O_UP)),
        C("CONSENT_EVAL", "consent_evaluation", v_consent("Y", "N")),
        C("KW_CODE", "key_worker", v_worker("code")),
        C("FUND_SRC", None, v_choice(["MSD", "TWO", "MOE"])),
        C("EXIT_DATE", None, v_exit_date("iso")),
    ]
    files = [F("hbmh_q3_2026.csv.gz", "csv.gz", [T(None, L["rng"].randint(80, 200), "hawkes_bay")],
               encoding="utf-8-sig", delimiter=";", quoting=csv.QUOTE_ALL, gz_inner="hbmh_q3_2026.csv")]
    return cols, files, ["extra_columns", "no_macrons"]


def layout_16(L):
    L.update(name="River City Parenting Trust", slug="river-city-parenting", quarter="2026Q4",
             groups={"pakeha": 4, "maori": 5, "pacific": 1},
             programmes=["Parenting Toolbox", "Awa Tupu", "Bumps to Babies"],
             referrals=["GP", "Plunket", "Self", "Whānau", "Oranga Tamariki", "Midwife", "Court"],
             iwi_pref=["Whanganui"])
    cols = [
        C("Last name", "family_name", v_family(), "Parent"),
        C("First name", "given_names", v_given(), "Parent"),
        C("Birth date", "date_of_birth", v_dob("cell"), "Parent"),
        C("Gender", "gender", v_gender(G_WORD), "Parent"),
        C("Caregiver name", "caregiver_name", v_caregiver("name"), "Whānau"),
        C("Relationship", None, v_relationship(), "Whānau"),
        C("No. of tamariki", None, v_int(1, 6), "Whānau"),
        C("Address", "address", v_addr("full"), "Contact details"),
        C("Phone", "phone", v_phone("any", "spaced"), "Contact details"),
        C("Eth 1", "ethnicity", v_eth_n(0), "Ethnicity"),
        C("Eth 2", "ethnicity", v_eth_n(1), "Ethnicity"),
        C("First session", "start_date", v_date("start_date", "cell"), "Attendance"),
        C("Latest session", "service_date", v_date("service_date", "cell"), "Attendance"),
        C("Total", "sessions_attended", v_sessions(), "Attendance"),
        C("Pre", "wellbeing_start", v_wb(0), "Scores"),
        C("Post", "wellbeing_end", v_wb(1), "Scores"),
        C("Facilitator", "key_worker", v_worker("first")),
        C("Outcome", "outcome_status", v_outcome(O_MIX)),
    ]
    files = [F("RCPT quarterly data Oct-Dec 2026.xlsx", "xlsx",
               [T("Sheet1", L["rng"].randint(80, 200), "whanganui",
                  title_rows=["River City Parenting Trust – quarterly data (Oct–Dec 2026)"])])]
    return cols, files, ["extra_columns", "date_cells"]


def layout_17(L):
    L.update(name="Northland Whānau Pathways", slug="northland-whanau-pathways", quarter="2026Q1",
             groups={"maori": 8, "pakeha": 2},
             programmes=["Ara Tika", "Te Ara Mātua", "Pathway to Work", "Hauora Whānau"],
             referrals=["Whānau", "Marae", "WINZ", "GP", "Oranga Tamariki", "Police", "Self"],
             ref_fmt=lambda n: f"NWP-{n:04d}", iwi_pref=["Ngāpuhi", "Te Rarawa", "Te Aupōuri", "Ngāti Kahu"])
    cols = [
        C("Client #", "client_ref", v_ref()),
        C("Client name", "full_name", v_full("FAMILY, Given")),
        C("Date of birth", "date_of_birth", v_dob("cell")),
        C("NHI", "nhi", v_nhi()),
        C("Ethnicity", "ethnicity", v_eth("labels", ", ")),
        C("Iwi / hapū", "iwi", v_iwi("; ")),
        C("Physical address", "address", v_addr("nopc")),
        C("Contact ph", "phone", v_phone("any", ["spaced", "plain"])),
        C("Whānau contact", "caregiver_name", v_caregiver("name_rel")),
        C("Pathway", "programme", v_prog()),
        C("Referred by", "referral_source", v_referral()),
        C("Intake date", "start_date", v_date("start_date", "cell")),
        C("Last contact", "service_date", v_date("service_date", "cell")),
        C("# contacts", "sessions_attended", v_sessions()),
        C("Navigator", "key_worker", v_worker("full")),
        C("Outcome", "outcome_status", v_outcome(O_STD)),
        C("Exit date", None, v_exit_date("cell")),
    ]
    rng = L["rng"]
    lists = {"sheet": "Lists", "rows": [["Pathways", "Referral sources", "Outcomes"], *[[a, b, c] for a, b, c in zip(L["programmes"] + [""] * 10, L["referrals"] + [""] * 10, list(O_STD.values()) + [""] * 10, strict=False)][:8]]}
    files = [F("NWP Q1 2026 client return.xlsx", "xlsx",
               [T("Kaikohe", rng.randint(40, 100), "kaikohe", site="Kaikohe"),
                T("Kaitaia", rng.randint(40, 100), "kaitaia", site="Kaitaia")],
               cover={"sheet": "Cover",
                      "lines": cover_lines(L, "Ripeka Hēnare", "ripeka.henare@nwpathways.org.nz",
                                           "09 401 5520",
                                           extra=["4. Kaikohe and Kaitaia clients are on separate tabs."])},
               extra_sheets=[lists])]
    return cols, files, ["extra_columns", "date_cells", "lists_sheet"]


def layout_18(L):
    L.update(name="Porirua Village Parents", slug="porirua-village-parents", quarter="2026Q2",
             groups={"pacific": 7, "maori": 2, "pakeha": 1},
             programmes=["Village Parents", "Aiga Time", "Fathers Fono"],
             referrals=["Church", "Plunket", "Self", "School", "GP", "Family", "Other"])
    cols = [
        C("Surname", "family_name", v_family()),
        C("Christian name", "given_names", v_given()),
        C("Birthdate", "date_of_birth", v_dob("dmy/")),
        C("Gender", "gender", v_gender(G_MFX)),
        C("Ethnicity", "ethnicity", v_eth("labels", "/")),
        C("Church", None, v_choice(["CCCS Porirua", "EFKS", "Catholic", "Methodist", "", ""])),
        C("Phone", "phone", v_phone("any", "spaced")),
        C("Programme", "programme", v_prog()),
        C("Referred", "referral_source", v_referral()),
        C("Started", "start_date", v_date("start_date", "dmy/")),
        C("Last attended", "service_date", v_date("service_date", "dmy/")),
        C("No. attended", "sessions_attended", v_sessions()),
        C("Worker", "key_worker", v_worker("first")),
        C("Pre score", "wellbeing_start", v_wb(0)),
        C("Post score", "wellbeing_end", v_wb(1)),
        C("Result", "outcome_status", v_outcome(O_GOAL)),
    ]
    rng = L["rng"]
    files = [F("PVP Apr-Jun 2026.ods", "ods",
               [T("Cannons Creek", rng.randint(40, 100), "cannons_creek",
                  title_rows=["Porirua Village Parents - Cannons Creek"]),
                T("Waitangirua", rng.randint(40, 100), "waitangirua",
                  title_rows=["Porirua Village Parents - Waitangirua"])])]
    return cols, files, ["extra_columns"]


def layout_19(L):
    L.update(name="Rotorua Whānau Builders", slug="rotorua-whanau-builders", quarter="2026Q3",
             groups={"maori": 7, "pakeha": 2, "pacific": 1},
             programmes=["Whare Tapa Whā Parenting", "Builders Dads", "Māmā Tiaki"],
             referrals=["Self", "GP", "Midwife", "Oranga Tamariki", "Police", "Marae", "School", "Court"],
             ref_fmt=lambda n: f"RWB/{n}", iwi_pref=["Te Arawa", "Ngāti Whakaue", "Tūhoe"])
    cols = [
        C("Whānau ID", "client_ref", v_ref()),
        C("Name (Surname, First)", "full_name", v_full("Family, Given")),
        C("DoB", "date_of_birth", v_dob("d-b-Y")),
        C("Gender", "gender", v_gender(G_LOW)),
        C("Iwi", "iwi", v_iwi("; ")),
        C("Ethnicity", "ethnicity", v_eth("labels", "; ")),
        C("Street", "address_street", v_street()),
        C("Suburb", "address_suburb", v_suburb()),
        C("Postcode", "address_postcode", v_postcode()),
        C("Phone", "phone", v_phone("any", ["spaced", "intl"])),
        C("Email", "email", v_email()),
        C("Programme", "programme", v_prog()),
        C("Referral", "referral_source", v_referral()),
        C("Start", "start_date", v_date("start_date", "d-b-Y")),
        C("Sessions attended", "sessions_attended", v_sessions()),
        C("Last session", "service_date", v_date("service_date", "d-b-Y")),
        C("Case worker", "key_worker", v_worker("init_last")),
        C("Notes", "case_notes", v_notes("\n")),
        C("Outcome", "outcome_status", v_outcome(O_STD)),
        C("Updated", None, v_updated("dmy/")),
    ]
    rng = L["rng"]
    files = [
        F("RWB Q3 2026 (1 of 2).csv", "csv", [T(None, rng.randint(80, 200), "rotorua")],
          encoding="utf-16", delimiter=","),
        F("RWB Q3 2026 (2 of 2).csv", "csv", [T(None, rng.randint(80, 200), "rotorua")],
          encoding="utf-16", delimiter=","),
    ]
    return cols, files, ["extra_columns", "embedded_newlines"]


def layout_20(L):
    L.update(name="Dunedin Community Parent Link", slug="dunedin-parent-link", quarter="2026Q4",
             groups={"pakeha": 6, "maori": 2, "pacific": 1, "asian": 1}, plain=True,
             programmes=["Parent Link 1:1", "Toddler Group", "Circle Group"],
             referrals=["GP", "Plunket", "Self", "Hospital", "Oranga Tamariki", "Church", "Other"],
             iwi_pref=["Ngāi Tahu"], ird_rate=0.8)
    cols = [
        C("Staff", "key_worker", v_worker("initials")),
        C("Office", None, v_choice(["South Dunedin", "Mosgiel"])),
        C("Client Surname", "family_name", v_family()),
        C("Client Firstname", "given_names", v_given()),
        C("Client D.O.B", "date_of_birth", v_dob("d.m.Y", unknown="N/K")),
        C("Gender (M/F/X)", "gender", v_gender(G_MFX)),
        C("IRD #", "ird", v_ird(["pad", "space"])),
        C("Eth.", "ethnicity", v_eth("codes", ",")),
        C("Address", "address", v_addr("nocomma")),
        C("Phone", "phone", v_phone("any", "spaced")),
        C("Carer", "caregiver_name", v_caregiver("name")),
        C("Referral", "referral_source", v_referral()),
        C("Commenced", "start_date", v_date("start_date", "d.m.Y")),
        C("Most recent session", "service_date", v_date("service_date", "d.m.Y")),
        C("Sessions", "sessions_attended", v_sessions()),
        C("Score at intake", "wellbeing_start", v_wb(0)),
        C("Score at review", "wellbeing_end", v_wb(1)),
        C("Outcome", "outcome_status", v_outcome(O_STD)),
    ]
    files = [F("ParentLink_Q4_2026.tsv", "tsv", [T(None, L["rng"].randint(80, 200), "dunedin")],
               encoding="cp1252", delimiter="\t",
               pre_rows=[["Dunedin Community Parent Link - client extract (Oct-Dec 2026)"]],
               invalid=["dob_unknown", "noname"])]
    return cols, files, ["unusual_order", "csv_title_rows", "extra_columns", "no_macrons"]


def layout_21(L):
    L.update(name="Tauranga Moana Mums", slug="tauranga-moana-mums", quarter="2026Q1",
             groups={"maori": 4, "pakeha": 4, "pacific": 1, "asian": 1}, plain=True, genders={"F": 1},
             programmes=["Mums Circle", "Hapu Wananga", "Baby Steps"],
             referrals=["Midwife", "Plunket", "Friend", "Facebook", "GP", "Self", "Tamariki Ora"],
             ages=(17, 45))
    cols = [
        C("Mum's name", "full_name", v_full("Given Family")),
        C("Birthday", "date_of_birth", v_dob("dmy/")),
        C("Midwife/LMC", None, lambda p, L: L["rng"].choice(["Jo (LMC)", "Aroha Kingi", "Sue Reid", "", "Tanya M"])),
        C("Baby's name", None, lambda p, L: (L["rng"].choice(NAMES["maori"][0] + NAMES["pakeha"][0]).split()[0]
                                             if L["rng"].random() < 0.8 else "")),
        C("Phone", "phone", v_phone("mobile", ["plain", "spaced", "dash"])),
        C("Suburb", "address_suburb", v_suburb()),
        C("Ethnicity", "ethnicity", v_eth("labels", "/")),
        C("Referred by", "referral_source", v_referral()),
        C("Group", "programme", v_prog()),
        C("Joined", "start_date", v_date("start_date", "dmy/")),
        C("Last group", "service_date", v_date("service_date", "dmy/")),
        C("# Groups", "sessions_attended", v_sessions()),
        C("Consent Y/N", "consent_evaluation", v_consent("Y", "N", blank_rate=0.05)),
        C("Kaimahi", "key_worker", v_worker("first")),
        C("Comments", "case_notes", v_notes()),
    ]
    files = [F("TMM_Q1-2026.csv.gz", "csv.gz", [T(None, L["rng"].randint(80, 200), "tauranga")],
               encoding="cp1252", delimiter="|", gz_inner="TMM_Q1-2026.csv")]
    return cols, files, ["extra_columns", "no_macrons", "distractor_columns"]


def layout_22(L):
    L.update(name="Whanganui Whānau Futures", slug="whanganui-whanau-futures", quarter="2026Q2",
             groups={"maori": 5, "pakeha": 4, "pacific": 1},
             programmes=["Whānau Futures", "Mātua Ako", "Dads Matter"],
             referrals=["Self", "GP", "Oranga Tamariki", "Midwife", "School", "Court", "Marae"],
             ref_fmt=lambda n: f"WF{n:05d}", iwi_pref=["Whanganui", "Ngāti Apa", "Ngā Rauru"])
    nick = {"Rebecca": "Bex", "Michael": "Mike", "Jessica": "Jess", "Tamati": "Tam", "Wiremu": "Bill",
            "Hōhepa": "Joe", "Daniel": "Dan", "Kahurangi": "Kahu", "Anahera": "Ana"}
    cols = [
        C("Ref", "client_ref", v_ref()),
        C("Last Name", "family_name", v_family()),
        C("First Name(s)", "given_names", v_given()),
        C("Preferred name", None, lambda p, L: nick.get(p["given"].split()[0], "")),
        C("DOB", "date_of_birth", v_dob("cell")),
        C("NHI #", "nhi", v_nhi()),
        C("IRD", "ird", v_ird("dash")),
        C("Gender", "gender", v_gender(G_WORD)),
        C("Ethnicity 1", "ethnicity", v_eth_n(0)),
        C("Ethnicity 2", "ethnicity", v_eth_n(1)),
        C("Iwi", "iwi", v_iwi("; ")),
        C("House #/Street", "address_street", v_street()),
        C("Suburb", "address_suburb", v_suburb()),
        C("City", "address_town", v_town()),
        C("Post Code", "address_postcode", v_postcode()),
        C("Mobile", "phone", v_phone("mobile", "spaced")),
        C("Landline", "phone", v_phone("landline", "paren")),
        C("Email", "email", v_email()),
        C("Service", "programme", v_prog()),
        C("Referral Source", "referral_source", v_referral()),
        C("Start Date", "start_date", v_date("start_date", "cell")),
        C("Latest Session", "service_date", v_date("service_date", "cell")),
        C("Sessions", "sessions_attended", v_sessions()),
        C("Wellbeing\n(start)", "wellbeing_start", v_wb(0)),
        C("Wellbeing\n(now)", "wellbeing_end", v_wb(1)),
        C("Key worker", "key_worker", v_worker("full")),
        C("Consent", "consent_evaluation", v_consent("Yes", "No")),
        C("Outcome", "outcome_status", v_outcome(O_STD)),
        C("Case notes", "case_notes", v_notes()),
    ]
    rng = L["rng"]
    files = [
        F("WWF Q2 2026 Part1.xlsx", "xlsx",
          [T("Returns", rng.randint(80, 200), "whanganui",
             title_rows=["Whānau Futures – Q2 client list (part 1 of 2)", None])],
          wrap_header=True),
        F("WWF Q2 2026 Part2.xlsx", "xlsx",
          [T("Returns", rng.randint(80, 200), "whanganui",
             title_rows=["Whānau Futures – Q2 client list (part 2 of 2)", None])],
          wrap_header=True, invalid=["service_outside"]),
    ]
    return cols, files, ["extra_columns", "date_cells", "header_newline", "distractor_columns"]


def layout_23(L):
    L.update(name="Nelson Tasman Parent Support", slug="nelson-tasman-parent-support", quarter="2026Q3",
             groups={"pakeha": 6, "maori": 2, "pacific": 1, "asian": 1, "other": 1},
             programmes=["Parent Support Home Visiting", "Toddler Tantrums Course", "Pēpi Pods"],
             referrals=["Plunket", "GP", "Self", "Midwife", "Hospital", "Oranga Tamariki", "Other"],
             ref_fmt=lambda n: f"NTPS-{n}")
    cols = [
        C("Client ID", "client_ref", v_ref()),
        C("Client name", "full_name", v_full("Given FAMILY")),
        C("DOB", "date_of_birth", v_dob("cell"), "Personal"),
        C("Gender", "gender", v_gender(G_MFX), "Personal"),
        C("Ethnicity", "ethnicity", v_eth("labels", "; "), "Personal"),
        C("NHI", "nhi", v_nhi(), "Personal"),
        C("Street", "address_street", v_street(), "Address"),
        C("Suburb", "address_suburb", v_suburb(), "Address"),
        C("Town", "address_town", v_town(), "Address"),
        C("Postcode", "address_postcode", v_postcode(), "Address"),
        C("Programme", "programme", v_prog(), "Service"),
        C("Referrer", "referral_source", v_referral(), "Service"),
        C("Started", "start_date", v_date("start_date", "cell"), "Service"),
        C("Last session", "service_date", v_date("service_date", "cell"), "Service"),
        C("Sessions", "sessions_attended", v_sessions(), "Service"),
        C("Pre", "wellbeing_start", v_wb(0), "Pre/Post wellbeing"),
        C("Post", "wellbeing_end", v_wb(1), "Pre/Post wellbeing"),
        C("Support worker", "key_worker", v_worker("last_first")),
        C("Outcome", "outcome_status", v_outcome(O_GOAL)),
        C("Notes", "case_notes", v_notes()),
    ]
    files = [F("NTPS_Q3_2026.xlsx", "xlsx", [T("Q3 data", L["rng"].randint(80, 200), "nelson")],
               cover={"sheet": "Read me",
                      "lines": cover_lines(L, "Fiona McKay", "fiona@ntps.org.nz", "03 548 0090")},
               vmerge=True, date_format="D MMM YYYY")]
    return cols, files, ["date_cells", "vertical_merge"]


def layout_24(L):
    L.update(name="Waikato Whānau Kotahi", slug="waikato-whanau-kotahi", quarter="2026Q4",
             groups={"maori": 7, "pakeha": 2, "pacific": 1, "asian": 1},
             programmes=["Kotahi Mātua", "Te Ara Whānau", "Rangatahi Parents"],
             referrals=["Whānau", "Marae", "GP", "Midwife", "Oranga Tamariki", "Self", "Police"],
             iwi_pref=["Waikato-Tainui", "Ngāti Maniapoto", "Ngāti Raukawa"])
    cols = [
        C("Surname", "family_name", v_family(), "Te tangata"),
        C("First names", "given_names", v_given(), "Te tangata"),
        C("DOB", "date_of_birth", v_dob("cell"), "Te tangata"),
        C("Gender", "gender", v_gender(G_WORD), "Te tangata"),
        C("Iwi", "iwi", v_iwi("; "), "Whakapapa"),
        C("Ethnicity 1", "ethnicity", v_eth_n(0, "codes", as_int=True), "Whakapapa"),
        C("Ethnicity 2", "ethnicity", v_eth_n(1, "codes", as_int=True), "Whakapapa"),
        C("Phone", "phone", v_phone("any", "spaced"), "Whakapā"),
        C("Email", "email", v_email(), "Whakapā"),
        C("Address", "address", v_addr("full"), "Whakapā"),
        C("Programme", "programme", v_prog(), "Te hōtaka"),
        C("Referred by", "referral_source", v_referral(), "Te hōtaka"),
        C("Start date", "start_date", v_date("start_date", "cell"), "Te hōtaka"),
        C("Session date", "service_date", v_date("service_date", "cell"), "Te hōtaka"),
        C("Sessions", "sessions_attended", v_sessions(), "Te hōtaka"),
        C("Before", "wellbeing_start", v_wb(0), "Aromatawai"),
        C("After", "wellbeing_end", v_wb(1), "Aromatawai"),
        C("Kaimahi", "key_worker", v_worker("full")),
        C("Outcome", "outcome_status", v_outcome(O_STD)),
        C("Funding", None, v_choice(["Whānau Ora", "MSD"])),
    ]
    files = [F("WWK_Q4_2026.ods", "ods", [T("Kiritaki", L["rng"].randint(80, 200), "waikato")],
               invalid=["noname"])]
    return cols, files, ["te_reo_headers", "extra_columns", "date_cells"]


def layout_25(L):
    L.update(name="Christchurch East Family Centre", slug="chch-east-family-centre", quarter="2026Q1",
             groups={"pakeha": 5, "maori": 3, "pacific": 1, "asian": 1, "other": 1},
             programmes=["Family Centre Drop-in", "Parenting Under Pressure", "Aranui Mums Group"],
             referrals=["Self", "GP", "Plunket", "Oranga Tamariki", "Police", "School", "Church", "Court"],
             ref_fmt=lambda n: str(n))
    cols = [
        C("Client_ID", "client_ref", v_ref()),
        C("Client full name", "full_name", v_full("Given Family")),
        C("Date of birth", "date_of_birth", v_dob(["dmy/", "d-b-Y", "iso", "d B Y"], unknown="unknown")),
        C("Sex", "gender", v_gender(G_MFX)),
        C("Ethnicity", "ethnicity", v_eth("labels", "; ")),
        C("Address", "address", v_addr("full")),
        C("Contact number", "phone", v_phone("any", ["spaced", "plain", "paren", "intl"])),
        C("Referred by", "referral_source", v_referral()),
        C("Programme name", "programme", v_prog()),
        C("Start of programme", "start_date", v_date("start_date", "dmy/")),
        C("Date of service", "service_date", v_date("service_date", "dmy/")),
        C("Number of sessions", "sessions_attended", v_sessions()),
        C("Caregiver", "caregiver_name", v_caregiver("family_given")),
        C("Outcome", "outcome_status", v_outcome(O_STD)),
        C("Wellbeing T1", "wellbeing_start", v_wb(0, suffix="/10")),
        C("Wellbeing T2", "wellbeing_end", v_wb(1, suffix="/10")),
        C("Worker", "key_worker", v_worker("first")),
        C("Funding stream", None, v_choice(["MSD Family Services", "Te Whatu Ora", "Lottery"])),
    ]
    files = [F("CEFC Jan-Mar 2026.csv", "csv", [T(None, L["rng"].randint(80, 200), "chch_east")],
               encoding="utf-16", delimiter=";", invalid=["noname", "dob_unknown", "service_outside"])]
    return cols, files, ["extra_columns", "mixed_date_formats"]


LAYOUTS = [layout_01, layout_02, layout_03, layout_04, layout_05, layout_06, layout_07, layout_08,
           layout_09, layout_10, layout_11, layout_12, layout_13, layout_14, layout_15, layout_16,
           layout_17, layout_18, layout_19, layout_20, layout_21, layout_22, layout_23, layout_24,
           layout_25]


# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------
def make_tx(L, encoding):
    plain = L.get("plain", False) or encoding == "cp1252"

    def tx(v, is_value=True):
        if not isinstance(v, str):
            return v
        if plain:
            v = demacron(v)
        if encoding == "cp1252" and is_value:
            v = v.replace("'", "’")
        return v
    return tx


def derive_features(cols, files, manual):
    feats = []
    targets = [c["target"] for c in cols]
    for f in files:
        if f["format"] in ("xlsx", "ods"):
            feats.append(f["format"])
        else:
            feats.append(f["encoding"])
            feats.append({",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}[f["delimiter"]])
            if f["format"] == "csv.gz":
                feats.append("gzip")
            if f["format"] in ("tsv", "txt"):
                feats.append(f["format"] + "_extension")
        if f.get("cover"):
            feats.append("cover_sheet")
        if len(f["tables"]) > 1:
            feats.append("multi_sheet")
        if any(t["title_rows"] for t in f["tables"]) or f["pre_rows"]:
            feats.append("title_rows")
        if f["invalid"]:
            feats.append("invalid_rows")
    if len(files) > 1:
        feats.append("two_files")
    if any(c["group"] for c in cols):
        feats.append("merged_header")
    if "family_name" in targets and "given_names" in targets:
        feats.append("names_split")
    if "full_name" in targets:
        feats.append("full_name")
    if "address" in targets:
        feats.append("address_single")
    if sum(t in ("address_street", "address_suburb", "address_town", "address_postcode") for t in targets) >= 2:
        feats.append("address_split")
    n_eth = targets.count("ethnicity")
    if n_eth >= 2:
        feats.append("ethnicity_multi")
    elif n_eth == 1:
        feats.append("ethnicity_single")
    if "wellbeing_start" in targets and "wellbeing_end" in targets:
        feats.append("pre_post")
    for t, tag in (("caregiver_name", "caregiver"), ("key_worker", "key_worker"), ("nhi", "nhi"),
                   ("ird", "ird"), ("client_ref", "client_ref"), ("iwi", "iwi"),
                   ("consent_evaluation", "consent"), ("case_notes", "case_notes"),
                   ("email", "email")):
        if t in targets:
            feats.append(tag)
    if targets.count("phone") >= 2:
        feats.append("multiple_phone_columns")
    if "service_date" not in targets:
        feats.append("no_service_date")
    out = []
    for ft in feats + list(manual):
        if ft not in out:
            out.append(ft)
    return out


def build_layout(idx, fn, out_dir: pathlib.Path):
    layout_id = f"TUNE{idx:02d}"
    rng = random.Random(SEED * 100 + idx)
    L = {"rng": rng}
    cols, files, manual = fn(L)
    setup_layout(L)
    targets = [c["target"] for c in cols]
    base = out_dir / layout_id / "landing" / L["slug"] / L["quarter"]
    base.mkdir(parents=True, exist_ok=True)
    truth_files = []
    for f in files:
        tx = make_tx(L, f["encoding"])
        headers = [tx(c["header"], False) for c in cols]
        groups = [tx(c["group"], False) if c["group"] else None for c in cols]
        # persons
        table_persons = []
        for t in f["tables"]:
            persons = [make_person(L, t["region"]) for _ in range(t["n"])]
            for p in persons:
                p["_site"] = t["site"] or ""
            table_persons.append(persons)
        allp = [p for ps in table_persons for p in ps]
        victims = rng.sample(allp, len(f["invalid"]))
        for p, kind in zip(victims, f["invalid"], strict=False):
            if kind == "service_outside":
                assert "service_date" in targets
            make_invalid(L, p, kind)
        tables_out = []
        for t, persons in zip(f["tables"], table_persons, strict=False):
            if L.get("sort") == "family":
                persons.sort(key=lambda p: p["family"])
            for i, p in enumerate(persons, 1):
                p["_rowno"] = i
            rows = [[tx(c["fn"](p, L)) for c in cols] for p in persons]
            tables_out.append({"sheet": t["sheet"], "title_rows": [tx(x, False) if x else x for x in t["title_rows"]],
                               "headers": headers, "groups": groups if any(groups) else None,
                               "vmerge": f.get("vmerge", False), "rows": rows})
        path = base / f["name"]
        fmt = f["format"]
        if fmt in ("csv", "tsv", "txt", "csv.gz"):
            assert len(tables_out) == 1 and not tables_out[0]["groups"]
            pre = [[tx(x, False) for x in r] for r in f["pre_rows"]]
            write_csv(path, pre, [headers], tables_out[0]["rows"], f["encoding"], f["delimiter"],
                      newline=f["newline"], quoting=f["quoting"], gz=(fmt == "csv.gz"),
                      gz_inner_name=f.get("gz_inner"))
            header_rows = [len(pre) + 1]
        elif fmt == "xlsx":
            cover = None
            if f.get("cover"):
                cover = {"sheet": f["cover"]["sheet"], "lines": f["cover"]["lines"]}
            header_rows = write_xlsx(path, tables_out, cover=cover, extra_sheets=f.get("extra_sheets", ()),
                                     date_format=f.get("date_format", "DD/MM/YYYY"),
                                     wrap_header=f.get("wrap_header", False))
        elif fmt == "ods":
            header_rows = write_ods(path, tables_out)
        else:
            raise ValueError(fmt)
        tables_truth = []
        for t, hr in zip(tables_out, header_rows, strict=False):
            tables_truth.append({
                "sheet": t["sheet"], "header_row": hr, "rows": len(t["rows"]),
                "columns": [{"index": i, "header": headers[i], "group": groups[i], "target": cols[i]["target"]}
                            for i in range(len(cols))]})
        n_rows = sum(len(t["rows"]) for t in tables_out)
        truth_files.append({
            "name": f["name"], "format": fmt, "encoding": f["encoding"], "delimiter": f["delimiter"],
            "rows": n_rows, "valid_rows": n_rows - len(f["invalid"]), "tables": tables_truth})
    truth = {"layout_id": layout_id, "provider": L["slug"], "quarter": L["quarter"],
             "features": derive_features(cols, files, manual), "files": truth_files}
    (out_dir / layout_id / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n",
                                                    encoding="utf-8")
    return truth


def generate(out_dir: pathlib.Path) -> list[dict]:
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    truths = []
    for idx, fn in enumerate(LAYOUTS, 1):
        layout_dir = out_dir / f"TUNE{idx:02d}"
        if layout_dir.exists():
            shutil.rmtree(layout_dir)
        truths.append(build_layout(idx, fn, out_dir))
    return truths


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", required=True, type=pathlib.Path)
    args = ap.parse_args(argv)
    truths = generate(args.out)
    for t in truths:
        rows = sum(f["rows"] for f in t["files"])
        print(f"{t['layout_id']} {t['provider']:<32} {t['quarter']} files={len(t['files'])} rows={rows}")


if __name__ == "__main__":
    main()
