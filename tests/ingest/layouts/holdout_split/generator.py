#!/usr/bin/env python3
"""Held-out evaluation corpus of NZ community-provider quarterly client returns.

Writes 15 layouts (HOLD01..HOLD15); each one is a provider's own file layout:

    <out>/<layout_id>/landing/<provider-slug>/<quarter>/<file(s)>
    <out>/<layout_id>/truth.json

Deterministic (fixed seed), standard library + openpyxl only.

    python generator.py --out OUT_DIR
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import random
import shutil
import unicodedata
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

SEED = 7314029

QUARTERS = {
    "2026Q1": (date(2026, 1, 1), date(2026, 3, 31)),
    "2026Q2": (date(2026, 4, 1), date(2026, 6, 30)),
    "2026Q3": (date(2026, 7, 1), date(2026, 9, 30)),
    "2026Q4": (date(2026, 10, 1), date(2026, 12, 31)),
}

# ---------------------------------------------------------------------------
# Identifiers
# ---------------------------------------------------------------------------
NHI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, no O; A=1 .. Z=24


def nhi_check_ok(nhi: str) -> bool:
    if len(nhi) != 7 or not nhi[:3].isalpha() or not nhi[3:].isdigit():
        return False
    if any(ch not in NHI_LETTERS for ch in nhi[:3].upper()):
        return False
    vals = [NHI_LETTERS.index(ch) + 1 for ch in nhi[:3].upper()] + [int(d) for d in nhi[3:6]]
    s = sum(v * w for v, w in zip(vals, (7, 6, 5, 4, 3, 2), strict=False))
    r = s % 11
    if r == 0:
        return False
    chk = 11 - r
    if chk == 10:
        chk = 0
    return chk == int(nhi[6])


def make_nhi(rng: random.Random) -> str:
    while True:
        letters = "".join(rng.choice(NHI_LETTERS) for _ in range(3))
        digits = [rng.randint(0, 9) for _ in range(3)]
        vals = [NHI_LETTERS.index(ch) + 1 for ch in letters] + digits
        r = sum(v * w for v, w in zip(vals, (7, 6, 5, 4, 3, 2), strict=False)) % 11
        if r == 0:
            continue
        chk = 11 - r
        if chk == 10:
            chk = 0
        return letters + "".join(map(str, digits)) + str(chk)


def ird_check_ok(num: str) -> bool:
    digits = "".join(ch for ch in num if ch.isdigit())
    if len(digits) not in (8, 9) or not (10_000_000 <= int(digits) <= 150_000_000):
        return False
    p = digits.zfill(9)
    base = [int(d) for d in p[:8]]
    for weights in ((3, 2, 7, 6, 5, 4, 3, 2), (7, 4, 3, 2, 5, 2, 7, 6)):
        r = sum(b * w for b, w in zip(base, weights, strict=False)) % 11
        chk = 0 if r == 0 else 11 - r
        if chk != 10:
            return chk == int(p[8])
    return False


def make_ird(rng: random.Random) -> str:
    while True:
        n = rng.randint(10_000_000, 149_999_999)
        p = str(n).zfill(9)
        base = [int(d) for d in p[:8]]
        chk = None
        for weights in ((3, 2, 7, 6, 5, 4, 3, 2), (7, 4, 3, 2, 5, 2, 7, 6)):
            r = sum(b * w for b, w in zip(base, weights, strict=False)) % 11
            c = 0 if r == 0 else 11 - r
            if c != 10:
                chk = c
                break
        if chk is None:
            continue
        num = str(int(p[:8] + str(chk)))
        if ird_check_ok(num):
            return num


# ---------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------
NAMES = {
    "maori": {
        "F": ["Aroha", "Mereana", "Kahurangi", "Ānahera", "Moana", "Hine", "Kiri", "Ngaire", "Mere",
              "Tūī", "Huia", "Maia", "Awhina", "Ngaio", "Mihi", "Tia", "Marama", "Hēni", "Pania",
              "Rangimarie", "Waimarie", "Te Aroha", "Ataahua", "Kaea"],
        "M": ["Hēmi", "Tama", "Wiremu", "Rāwiri", "Tāne", "Nikau", "Manaia", "Hōhepa", "Whetu",
              "Rangi", "Pita", "Tamati", "Kauri", "Rewi", "Te Ariki", "Mikaere", "Paora", "Tipene",
              "Ihaia", "Māui"],
        "fam": ["Ngata", "Walker", "Tipene", "Te Rangi", "Parata", "Whaanga", "Hohaia", "Tamihana",
                "Rāwiri", "Ngāwati", "Herewini", "Te Kani", "Paewai", "Waaka", "Mātene", "Kereama",
                "Poutama", "Horomona", "Rāpana", "Te Huia", "Karaka", "Māhaki", "Tautahi", "Heke",
                "Marino", "Tūhiwai", "Pōtae", "Nikora", "Wihongi", "Houia"],
    },
    "pakeha": {
        "F": ["Sarah", "Jessica", "Emma", "Olivia", "Hannah", "Rebecca", "Michelle", "Kayla", "Amber",
              "Chloe", "Nicole", "Kirsty", "Shannon", "Brooke", "Courtney", "Tegan", "Lucy", "Claire",
              "Zoë", "Renée", "Charlotte", "Georgia", "Stacey", "Danielle"],
        "M": ["Liam", "James", "Daniel", "Ben", "Sam", "Ryan", "Josh", "Jacob", "Matthew", "Jordan",
              "Luke", "Tyler", "Shane", "Brad", "Hamish", "Connor", "Michael", "André"],
        "fam": ["Smith", "Wilson", "Brown", "Taylor", "Anderson", "Thompson", "Robinson", "Campbell",
                "Stewart", "Clarke", "Harris", "McDonald", "O'Brien", "Mitchell", "Hughes", "Kelly",
                "Reid", "Scott", "Young", "Murray", "Fraser", "Bennett", "Gray", "Cooper", "MacKenzie",
                "van der Berg", "Jones", "Williams"],
    },
    "pacific": {
        "F": ["Losa", "Mele", "Lupe", "Ana", "Sina", "Malia", "Salote", "Litia", "Teuila", "'Ofa",
              "Luisa", "Makerita", "Vaimoana", "Fetu", "Seini", "Mata", "Teina", "Tere", "Leilani"],
        "M": ["Sione", "Tevita", "Ioane", "Tavita", "Falaniko", "Viliami", "Siaosi", "Iosefa", "Sefo",
              "Ropati", "Mikaele", "Semisi", "Paki", "Tangi"],
        "fam": ["Faleolo", "Tuilagi", "Fonoti", "Taufa", "Vaipulu", "Leota", "Tupou", "Mata'afa",
                "Aumua", "Fifita", "Latu", "Pulu", "Sapolu", "Tamapua", "Tuala", "Masoe", "Havili",
                "Tangitau", "Marsters", "Tangaroa", "Rima", "Faumuina", "Tongotongo", "Ioane"],
    },
    "chinese": {"F": ["Wei", "Mei", "Jing", "Xin", "Hui Min", "Jasmine", "Ling"],
                "M": ["Jun", "Hao", "Kevin", "Ming", "Jian"],
                "fam": ["Chen", "Wang", "Li", "Zhang", "Liu", "Huang", "Zhou"]},
    "indian": {"F": ["Priya", "Anjali", "Harpreet", "Simran", "Deepika", "Navdeep", "Sunita"],
               "M": ["Raj", "Arjun", "Ravi", "Gurpreet", "Vikram", "Amit"],
               "fam": ["Singh", "Kaur", "Patel", "Sharma", "Kumar", "Reddy", "Prasad"]},
    "sea": {"F": ["Thi Lan", "Linh", "Maricel", "Joy", "Mai"],
            "M": ["Minh", "Angelo", "Tuan", "Rommel"],
            "fam": ["Nguyen", "Tran", "Le", "Santos", "Reyes", "Dela Cruz"]},
    "korean": {"F": ["Ji-woo", "Seo-yeon", "Min-ji"], "M": ["Min-jun", "Do-hyun"],
               "fam": ["Kim", "Park", "Lee", "Choi"]},
    "mideast": {"F": ["Fatima", "Aisha", "Layla", "Noor"], "M": ["Omar", "Yusuf", "Ali"],
                "fam": ["Ahmed", "Hussain", "Al-Saadi", "Haddad"]},
    "african": {"F": ["Amina", "Hodan", "Grace", "Fartun"], "M": ["Abdi", "Kwame", "Said"],
                "fam": ["Mohamed", "Osman", "Abdi", "Mensah"]},
    "latin": {"F": ["María", "Sofía", "Camila"], "M": ["Carlos", "Diego", "Mateo"],
              "fam": ["García", "Rodríguez", "López", "Silva"]},
}
ETH_OF_SUBGROUP = {"chinese": "Chinese", "indian": "Indian", "sea": "Southeast Asian",
                   "korean": "Other Asian", "mideast": "Middle Eastern", "african": "African",
                   "latin": "Latin American"}
ETH_CODES = {
    "New Zealand European": "11", "Other European": "12", "Māori": "21", "Samoan": "31",
    "Cook Islands Māori": "32", "Tongan": "33", "Niuean": "34", "Fijian": "36",
    "Southeast Asian": "41", "Chinese": "42", "Indian": "43", "Other Asian": "44",
    "Middle Eastern": "51", "Latin American": "52", "African": "53", "Other Ethnicity": "61",
}
BABY_NAMES = ["Nikau", "Ariā", "Manaia", "Mia", "Isla", "Oliver", "Leo", "Ava", "Kora", "Mihi",
              "Tamati", "Hunter", "Lily", "Noah", "Tūī", "Malia", "Sione", "Amelia", "Jack",
              "Kahu", "Te Ao", "Ruby", "George", "Aria", "Māia", "Ezra"]
IWI_GENERAL = ["Ngāpuhi", "Ngāti Porou", "Waikato-Tainui", "Ngāi Tahu", "Te Arawa", "Tūhoe",
               "Ngāti Kahungunu", "Ngāti Maniapoto", "Te Rarawa", "Ngāti Awa", "Ngāti Whātua",
               "Te Āti Awa", "Ngāti Raukawa", "Whanganui", "Rongowhakaata"]

STREETS = ["Kiwi", "Rata", "Pōhutukawa", "Tui", "Kauri", "Queen", "Church", "Victoria", "Bader",
           "Tōtara", "Mānuka", "Hinau", "Mātai", "Karaka", "Huia", "Kōwhai", "Rimu", "Kahikatea",
           "Miro", "Weka", "Kererū", "Raroa", "Te Puni", "Hēnare", "Kingsway", "Gloucester",
           "Station", "Mill", "Park", "Beach", "Elizabeth", "George", "Albert", "Grey", "Seddon",
           "Vogel", "Massey", "Ballance", "Hobson", "Nikau", "Puriri", "Matipo"]
STREET_TYPES = [("Street", "St"), ("Road", "Rd"), ("Avenue", "Ave"), ("Crescent", "Cres"),
                ("Place", "Pl"), ("Drive", "Dr"), ("Terrace", "Tce"), ("Way", "Way"),
                ("Grove", "Gr"), ("Close", "Cl")]

REGIONS = {
    "porirua": ("04", [("Cannons Creek", "Porirua", "5024"), ("Waitangirua", "Porirua", "5024"),
                       ("Ranui", "Porirua", "5024"), ("Titahi Bay", "Porirua", "5022"),
                       ("Porirua East", "Porirua", "5024"), ("Ascot Park", "Porirua", "5024")],
                ["Ngāti Toa Rangatira", "Te Āti Awa"]),
    "south": ("03", [("Glengarry", "Invercargill", "9810"), ("Heidelberg", "Invercargill", "9812"),
                     ("South Dunedin", "Dunedin", "9012"), ("Caversham", "Dunedin", "9012"),
                     ("", "Gore", "9710"), ("", "Mataura", "9712"), ("Strathern", "Invercargill", "9812")],
              ["Ngāi Tahu"]),
    "manukau": ("09", [("Ōtara", "Auckland", "2023"), ("Manurewa", "Auckland", "2102"),
                       ("Māngere East", "Auckland", "2024"), ("Papatoetoe", "Auckland", "2025"),
                       ("Clendon Park", "Auckland", "2103"), ("Papakura", "Auckland", "2110")],
                ["Ngāti Whātua", "Waikato-Tainui", "Ngāpuhi"]),
    "hawkesbay": ("06", [("Flaxmere", "Hastings", "4120"), ("Camberley", "Hastings", "4120"),
                         ("Maraenui", "Napier", "4110"), ("Onekawa", "Napier", "4110"),
                         ("Tamatea", "Napier", "4112"), ("", "Wairoa", "4108")],
                  ["Ngāti Kahungunu"]),
    "tairawhiti": ("06", [("Kaiti", "Gisborne", "4010"), ("Elgin", "Gisborne", "4010"),
                          ("Mangapapa", "Gisborne", "4010"), ("", "Ruatōria", "4032"),
                          ("", "Tolaga Bay", "4077")],
                   ["Ngāti Porou", "Rongowhakaata", "Te Aitanga-a-Māhaki"]),
    "northshore": ("09", [("Glenfield", "Auckland", "0629"), ("Birkenhead", "Auckland", "0626"),
                          ("Takapuna", "Auckland", "0622"), ("Albany", "Auckland", "0632"),
                          ("Northcote", "Auckland", "0627"), ("Sunnynook", "Auckland", "0620")],
                   ["Ngāti Whātua", "Ngāpuhi"]),
    "hutt": ("04", [("Naenae", "Lower Hutt", "5011"), ("Taitā", "Lower Hutt", "5011"),
                    ("Wainuiomata", "Lower Hutt", "5014"), ("Stokes Valley", "Lower Hutt", "5019"),
                    ("Epuni", "Lower Hutt", "5011"), ("Trentham", "Upper Hutt", "5018")],
             ["Te Āti Awa", "Taranaki Whānui"]),
    "waikato": ("07", [("Hamilton East", "Hamilton", "3216"), ("Enderley", "Hamilton", "3214"),
                       ("Nawton", "Hamilton", "3200"), ("Dinsdale", "Hamilton", "3204"),
                       ("", "Huntly", "3700"), ("", "Ngāruawāhia", "3720")],
                ["Waikato-Tainui", "Ngāti Maniapoto", "Ngāti Raukawa"]),
    "bop": ("07", [("Greerton", "Tauranga", "3112"), ("Merivale", "Tauranga", "3112"),
                   ("", "Kawerau", "3127"), ("", "Whakatāne", "3120"), ("", "Ōpōtiki", "3122"),
                   ("Gate Pā", "Tauranga", "3112")],
            ["Ngāti Awa", "Te Arawa", "Ngāi Te Rangi", "Tūhoe"]),
    "rotorua": ("07", [("Fordlands", "Rotorua", "3015"), ("Western Heights", "Rotorua", "3015"),
                       ("Ngongotahā", "Rotorua", "3010"), ("Koutu", "Rotorua", "3010"),
                       ("Owhata", "Rotorua", "3010"), ("", "Murupara", "3025")],
                ["Te Arawa", "Tūhoe", "Ngāti Whakaue"]),
    "canterbury": ("03", [("Aranui", "Christchurch", "8061"), ("Linwood", "Christchurch", "8062"),
                          ("Hornby", "Christchurch", "8042"), ("Shirley", "Christchurch", "8013"),
                          ("", "Rangiora", "7400"), ("", "Kaiapoi", "7630")],
                   ["Ngāi Tahu"]),
    "whanganui": ("06", [("Gonville", "Whanganui", "4501"), ("Castlecliff", "Whanganui", "4500"),
                         ("Aramoho", "Whanganui", "4500"), ("Springvale", "Whanganui", "4501"),
                         ("", "Marton", "4710")],
                  ["Whanganui", "Ngāti Apa", "Ngā Rauru"]),
    "northland": ("09", [("", "Kaikohe", "0405"), ("", "Kaitāia", "0410"), ("", "Moerewa", "0211"),
                         ("Otangarei", "Whangārei", "0112"), ("Raumanga", "Whangārei", "0110"),
                         ("Tikipunga", "Whangārei", "0112"), ("", "Kawakawa", "0210")],
                  ["Ngāpuhi", "Te Rarawa", "Te Aupōuri", "Ngāti Kahu", "Ngāti Whātua"]),
    "palmy": ("06", [("Highbury", "Palmerston North", "4412"), ("Takaro", "Palmerston North", "4412"),
                     ("Roslyn", "Palmerston North", "4414"), ("Awapuni", "Palmerston North", "4412"),
                     ("", "Feilding", "4702"), ("", "Ashhurst", "4810")],
              ["Rangitāne", "Ngāti Raukawa"]),
    "nelson": ("03", [("Stoke", "Nelson", "7011"), ("Tāhunanui", "Nelson", "7011"),
                      ("", "Richmond", "7020"), ("", "Motueka", "7120"), ("Atawhai", "Nelson", "7010")],
               ["Ngāti Koata", "Ngāti Rārua", "Te Ātiawa"]),
}

REFERRALS = ["Self", "GP", "Midwife", "Plunket", "School", "Oranga Tamariki", "Police", "Church",
             "Marae", "Whānau", "Hospital", "Court", "Other"]
REFERRAL_W = [22, 12, 10, 9, 6, 10, 5, 3, 4, 8, 5, 2, 4]
OUTCOMES_A = ["Achieved", "Partly achieved", "Not achieved", "Ongoing", "Exited early"]
OUTCOMES_B = ["Goal met", "Partial", "Not met", "In progress", "Withdrew"]
LANGUAGES = {"maori": ["English", "Te Reo Māori", "English/Te Reo"], "pakeha": ["English"],
             "pacific": ["Samoan", "Tongan", "English", "Cook Islands Māori", "Niuean"],
             "chinese": ["Mandarin", "Cantonese", "English"], "indian": ["Hindi", "Punjabi", "English"],
             "sea": ["Vietnamese", "Tagalog", "English"], "korean": ["Korean"],
             "mideast": ["Arabic", "English"], "african": ["Somali", "English"],
             "latin": ["Spanish", "English"]}
RELATIONSHIPS = ["Mother", "Partner", "Nan", "Koro", "Aunty", "Sister", "Father", "Friend", "Uncle"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

NOTE_TEMPLATES = [
    "{g} attended {n} sessions this quarter and is engaging well.",
    "Rang {g} on {ph} to confirm next hui - left a message.",
    "Whānau hui held with {cg}. Kōrero about routines for pēpi went well.",
    "{g} reports feeling more confident with bedtime routines.",
    "Referred on to budgeting service. {g} keen to keep going next quarter.",
    "Missed two sessions due to illness. {kw} to follow up.",
    "Transport arranged for sessions; tamariki looked after by {cg} during group.",
    "Housing still an issue - support letter sent to Kāinga Ora.",
    "Karakia and waiata at the start of each session, {g} now leading karakia.",
    "Completed the course and received certificate at the whakamutunga.",
    "Text from {g} ({ph}) asking to move to the Thursday group.",
    "No concerns this quarter.",
    "Home visit with {kw}. Whare warm and tidy, pēpi thriving.",
    "{g} is now back at work part time, so sessions moved to evenings.",
]


def strip_to_cp1252(s: str) -> str:
    out = []
    for ch in s:
        try:
            ch.encode("cp1252")
            out.append(ch)
        except UnicodeEncodeError:
            out.append(unicodedata.normalize("NFD", ch)[0])
    return "".join(out)


def ascii_fold(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", s) if not unicodedata.combining(ch))


def fmt_date(d, fmt):
    if d is None or d == "":
        return ""
    if fmt == "cell":
        return d
    if fmt == "dmy":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if fmt == "d/m/y":
        return f"{d.day}/{d.month}/{d.year}"
    if fmt == "dmy-":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if fmt == "dmy.":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if fmt == "iso":
        return d.isoformat()
    if fmt == "d mon y":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    raise ValueError(fmt)


def fmt_phone(kind_num, fmt):
    """kind_num = (prefix, rest) e.g. ('021', '2345678') or ('04', '2371234')."""
    if not kind_num:
        return ""
    pre, rest = kind_num
    mobile = pre.startswith("02")
    if fmt == "plain":
        return pre + rest
    if fmt == "intl":
        return f"+64 {pre[1:]} {rest[:3]} {rest[3:]}"
    if fmt == "dash":
        return f"{pre}-{rest[:3]}-{rest[3:]}" if mobile else f"{pre}-{rest[:3]} {rest[3:]}"
    # spaced
    return f"{pre} {rest[:3]} {rest[3:]}" if mobile else f"({pre}) {rest[:3]} {rest[3:]}"


# ---------------------------------------------------------------------------
# Client generation
# ---------------------------------------------------------------------------
def years_before(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 Feb
        return d.replace(year=d.year - years, day=28)


MALE_ONLY = ("Tāne", "Dads")
FEMALE_ONLY = ("Wāhine", "Mums", "Mama", "Māmā")


def programmes_for(L: dict, gender: str) -> list[str]:
    """Gendered programmes (Mana Tāne, Dads Group, Hapū Māmā ...) only for matching clients."""
    out = []
    for p in L["programmes"]:
        if gender != "M" and any(k in p for k in MALE_ONLY):
            continue
        if gender != "F" and any(k in p for k in FEMALE_ONLY):
            continue
        out.append(p)
    return out


def make_client(rng: random.Random, L: dict) -> dict:
    q_start, q_end = QUARTERS[L["quarter"]]
    groups, weights = zip(*L["mix"].items(), strict=False)
    group = rng.choices(groups, weights)[0]
    sub = group
    if group == "asian":
        sub = rng.choices(["chinese", "indian", "sea", "korean"], [35, 40, 18, 7])[0]
    elif group == "other":
        sub = rng.choice(["mideast", "african", "latin"])
    gender = rng.choices(["F", "M", "X"], [72, 26, 2])[0]
    pool = NAMES[sub]
    gpool = pool[gender if gender != "X" else rng.choice("FM")]
    given = rng.choice(gpool)
    if rng.random() < 0.22:
        second = rng.choice(gpool)
        if second != given:
            given = f"{given} {second}"
    family = rng.choice(pool["fam"])

    # ethnicity
    if group == "maori":
        eth = ["Māori"]
        if rng.random() < 0.35:
            eth.append("New Zealand European")
        if rng.random() < 0.08:
            eth.append(rng.choice(["Cook Islands Māori", "Samoan", "Tongan"]))
    elif group == "pakeha":
        eth = [rng.choices(["New Zealand European", "Other European"], [85, 15])[0]]
        if rng.random() < 0.15:
            eth.append("Māori")
    elif group == "pacific":
        eth = [rng.choices(["Samoan", "Tongan", "Cook Islands Māori", "Niuean", "Fijian"],
                           [40, 25, 18, 10, 7])[0]]
        if rng.random() < 0.25:
            eth.append(rng.choice(["Māori", "New Zealand European"]))
    else:
        eth = [ETH_OF_SUBGROUP[sub]]
        if rng.random() < 0.06:
            eth.append("Other Ethnicity")
    iwi = []
    if "Māori" in eth and rng.random() < 0.85:
        local = REGIONS[L["region"]][2]
        n = rng.choices([1, 2, 3], [70, 25, 5])[0]
        while len(iwi) < n:
            cand = rng.choice(local) if rng.random() < 0.6 else rng.choice(IWI_GENERAL)
            if cand not in iwi:
                iwi.append(cand)

    age = rng.choices(list(range(16, 66)),
                      [2 if a < 20 else 5 if a < 30 else 5 if a < 40 else 2.5 if a < 50 else 0.8
                       for a in range(16, 66)])[0]
    hi = years_before(q_end, age)
    lo = years_before(q_end, age + 1) + timedelta(days=1)
    dob = lo + timedelta(days=rng.randint(0, (hi - lo).days))

    area, places, _ = REGIONS[L["region"]]
    mob_pre = rng.choices(["021", "022", "027", "029"], [40, 20, 35, 5])[0]
    mobile = (mob_pre, str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(6)))
    landline = None
    if rng.random() < 0.4:
        landline = (area, str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(6)))

    email = ""
    if rng.random() < 0.86:
        first = ascii_fold(given.split()[0]).lower().replace("'", "")
        fam = ascii_fold(family).lower().replace("'", "").replace(" ", "").replace("-", "")
        pat = rng.choice(["{f}.{l}", "{f}{l}", "{f}_{l}{n}", "{f}{n}", "{l}.{f}"])
        local_part = pat.format(f=first, l=fam, n=rng.randint(1, 99))
        email = local_part + "@" + rng.choice(["gmail.com", "hotmail.com", "outlook.com", "xtra.co.nz",
                                                "yahoo.co.nz", "icloud.com", "gmail.com"])

    st_type = rng.choice(STREET_TYPES)
    st_no = str(rng.randint(1, 250))
    if rng.random() < 0.1:
        st_no = f"{rng.randint(1, 6)}/{st_no}"
    elif rng.random() < 0.05:
        st_no = st_no + rng.choice("ABC")
    place = rng.choice(places)

    # caregiver
    caregiver = ""
    if rng.random() < 0.85:
        cpool = NAMES[sub]
        caregiver = f"{rng.choice(cpool[rng.choice('FM')])} {rng.choice(cpool['fam'] + [family])}"

    service = q_start + timedelta(days=rng.randint(0, (q_end - q_start).days))
    span = rng.choices([(0, 60), (60, 365), (365, 700)], [35, 45, 20])[0]
    start = service - timedelta(days=rng.randint(*span))
    adult = years_before(dob, -16)
    if start < adult:
        start = min(service, adult)
    outcome = rng.choices(range(5), [20, 15, 8, 45, 12])[0]
    exit_d = ""
    if outcome in (0, 2, 4) and rng.random() < 0.7:
        exit_d = min(q_end, service + timedelta(days=rng.randint(0, 21)))
    sessions = rng.randint(1, 20) if rng.random() < 0.9 else rng.randint(21, 40)
    wb_s = rng.randint(2, 7)
    wb_e = max(1, min(10, wb_s + rng.randint(-1, 5)))
    nkids = rng.choices([1, 2, 3, 4, 5, 6], [35, 30, 18, 10, 5, 2])[0]
    child_dob = q_end - timedelta(days=rng.randint(10, 6 * 365))
    if child_dob < adult:
        child_dob = adult + timedelta(days=rng.randint(0, 200))
        if child_dob > q_end:
            child_dob = q_end - timedelta(days=5)

    return dict(group=group, sub=sub, gender=gender, given=given, family=family, eth=eth, iwi=iwi,
                dob=dob, nhi=make_nhi(rng), ird=make_ird(rng), mobile=mobile, landline=landline,
                email=email, st_no=st_no, st_name=rng.choice(STREETS), st_type=st_type,
                suburb=place[0], town=place[1], postcode=place[2], caregiver=caregiver,
                key_worker=rng.choice(L["staff"]), programme=rng.choice(programmes_for(L, gender)),
                referral=rng.choices(REFERRALS, REFERRAL_W)[0], service=service, start=start,
                exit=exit_d, sessions=sessions, outcome=outcome, wb_s=wb_s, wb_e=wb_e,
                consent=rng.random() < 0.78, nkids=nkids, child_dob=child_dob,
                invalid=None, rr=random.Random(rng.getrandbits(32)))


# ---------------------------------------------------------------------------
# Column renderers: factories returning fn(client) -> value
# ---------------------------------------------------------------------------
class Col:
    def __init__(self, header, target, fn, group=None):
        self.header, self.target, self.fn, self.group = header, target, fn, group


def noname(c):
    return c["invalid"] == "noname"


def r_ref(c):
    return c["ref"]


def r_full(style):
    def f(c):
        if noname(c):
            return ""
        g, fam = c["given"], c["family"]
        return {"FAM, Given": f"{fam.upper()}, {g}", "Fam, Given": f"{fam}, {g}",
                "Given Fam": f"{g} {fam}", "GIVEN FAM": f"{g} {fam}".upper()}[style]
    return f


def r_given(upper=False):
    return lambda c: "" if noname(c) else (c["given"].upper() if upper else c["given"])


def r_family(upper=False):
    return lambda c: "" if noname(c) else (c["family"].upper() if upper else c["family"])


def r_dob(fmt, unknown="unknown"):
    return lambda c: unknown if c["invalid"] == "dobunknown" else fmt_date(c["dob"], fmt)


def r_date(key, fmt):
    return lambda c: fmt_date(c[key], fmt)


def r_nhi(c):
    return "" if noname(c) else c["nhi"]


def r_ird(fmt):
    def f(c):
        n = c["ird"]
        p = n.zfill(9)
        if fmt == "dash9":
            return f"{p[:3]}-{p[3:6]}-{p[6:]}"
        if fmt == "pad9":
            return p
        if fmt == "mixed":
            return n if c["rr"].random() < 0.6 else f"{p[:3]}-{p[3:6]}-{p[6:]}"
        return n
    return f


def r_phone(which, fmt):
    def f(c):
        num = c["mobile"] if which == "mobile" else c["landline"] if which == "landline" else None
        if which == "best":
            num = c["landline"] if (c["landline"] and c["rr"].random() < 0.2) else c["mobile"]
        ff = fmt if fmt != "mixed" else c["rr"].choice(["spaced", "plain", "spaced", "dash"])
        return fmt_phone(num, ff)
    return f


def r_email(upper=False):
    return lambda c: "" if noname(c) else (c["email"].upper() if upper else c["email"])


def street_text(c, abbr):
    t = c["st_type"][1] if abbr else c["st_type"][0]
    return f"{c['st_no']} {c['st_name']} {t}"


def r_address(style):
    def f(c):
        abbr = style.endswith("abbr")
        parts = [street_text(c, abbr)]
        if c["suburb"]:
            parts.append(c["suburb"])
        if style.startswith("commas"):
            s = ", ".join([*parts, c["town"], c["postcode"]])
        elif style.startswith("nopc"):
            s = ", ".join([*parts, c["town"]])
        else:
            s = ", ".join([*parts, f"{c['town']} {c['postcode']}"])
        return s.upper() if style.startswith("upper") else s
    return f


def r_addr(part, abbr=False, upper=False):
    def f(c):
        v = street_text(c, abbr) if part == "street" else c[part]
        return v.upper() if upper else v
    return f


def r_caregiver(style="plain"):
    def f(c):
        if not c["caregiver"]:
            return ""
        if style == "rel" and c["rr"].random() < 0.5:
            return f"{c['caregiver']} ({c['rr'].choice(RELATIONSHIPS).lower()})"
        if style == "upper":
            return c["caregiver"].upper()
        return c["caregiver"]
    return f


def r_kw(style="full"):
    def f(c):
        k = c["key_worker"]
        if style == "upper":
            return k.upper()
        if style == "first_initial":
            first, last = k.split(" ", 1)
            return f"{first} {last[0]}."
        return k
    return f


def r_eth(sep, codes=False):
    def f(c):
        vals = [ETH_CODES[e] if codes else e for e in c["eth"]]
        return sep.join(vals)
    return f


def r_eth_n(i, codes=False):
    def f(c):
        if i >= len(c["eth"]):
            return ""
        e = c["eth"][i]
        return ETH_CODES[e] if codes else e
    return f


def r_iwi(sep="; "):
    return lambda c: sep.join(c["iwi"])


GENDER_STYLES = {
    "word": {"F": "Female", "M": "Male", "X": "Another gender"},
    "letter": {"F": "F", "M": "M", "X": "X"},
    "code": {"F": 2, "M": 1, "X": 3},
    "reo": {"F": "Wahine", "M": "Tāne", "X": "Another gender"},
}


def r_gender(style):
    return lambda c: GENDER_STYLES[style][c["gender"]]


CONSENT_STYLES = {"yesno": ("Yes", "No"), "yn": ("Y", "N"), "tf": ("TRUE", "FALSE"),
                  "tf_lower": ("true", "false"), "cd": ("Consented", "Declined"), "reo": ("Āe", "Kāo")}


def r_consent(style):
    return lambda c: CONSENT_STYLES[style][0 if c["consent"] else 1]


def r_prog(c):
    return c["programme"]


def r_referral(mapping=None):
    return lambda c: (mapping or {}).get(c["referral"], c["referral"])


def r_sessions(as_int=False):
    return lambda c: c["sessions"] if as_int else str(c["sessions"])


def r_outcome(style="A"):
    return lambda c: (OUTCOMES_A if style == "A" else OUTCOMES_B)[c["outcome"]]


def r_wb(which, as_int=False):
    def f(c):
        v = c["wb_s"] if which == "start" else c["wb_e"]
        return v if as_int else str(v)
    return f


def r_notes(c):
    rr = c["rr"]
    if rr.random() < 0.15:
        return ""
    k = rr.choices([1, 2, 3], [45, 40, 15])[0]
    picks = rr.sample(NOTE_TEMPLATES, k)
    g = "Client" if noname(c) else c["given"].split()[0]
    cg = c["caregiver"] or "whānau"
    out = []
    for t in picks:
        s = t.format(g=g, n=c["sessions"], ph=fmt_phone(c["mobile"], "spaced"),
                     cg=cg, kw=c["key_worker"].split()[0])
        out.append(s[0].upper() + s[1:])
    return " ".join(out)


# distractors ---------------------------------------------------------------
def r_rowno(c):
    return c["rowno"]


def r_rowno_str(c):
    return str(c["rowno"])


def r_choice(options, weights=None):
    return lambda c: c["rr"].choices(options, weights)[0]


def r_exit(fmt):
    return lambda c: fmt_date(c["exit"], fmt) if c["exit"] else ""


def r_child_dob(fmt):
    return lambda c: fmt_date(c["child_dob"], fmt)


def r_baby(c):
    return c["rr"].choice(BABY_NAMES) if c["rr"].random() < 0.9 else ""


def r_language(c):
    return c["rr"].choice(LANGUAGES[c["sub"]])


def r_nkids(as_int=False):
    return lambda c: c["nkids"] if as_int else str(c["nkids"])


def r_referrer_name(c):
    rr = c["rr"]
    if c["referral"] == "Self" or rr.random() < 0.2:
        return ""
    grp = NAMES[rr.choice(["maori", "pakeha", "pacific", "indian"])]
    first = rr.choice(grp[rr.choice("FM")])
    last = rr.choice(grp["fam"])
    if c["referral"] == "GP":
        return f"Dr {first[0]}. {last}"
    return f"{first} {last}"


def r_updated_by(staff, style="user"):
    def f(c):
        s = c["rr"].choice(staff)
        first, last = s.split(" ", 1)
        if style == "user":
            return ascii_fold(first[0] + last).lower().replace(" ", "").replace("'", "")
        if style == "initials":
            return "".join(p[0] for p in s.split()).upper()
        return s
    return f


def r_guid(c):
    rr = c["rr"]
    h = f"{rr.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{h[16:20]}-{h[20:]}"


def r_ts(fmt):
    def f(c):
        rr = c["rr"]
        d = c["service"] + timedelta(days=rr.randint(0, 10))
        t = datetime(d.year, d.month, d.day, rr.randint(8, 17), rr.randint(0, 59), rr.randint(0, 59))
        if fmt == "iso_t":
            return t.strftime("%Y-%m-%dT%H:%M:%S")
        if fmt == "iso_sp":
            return t.strftime("%Y-%m-%d %H:%M:%S")
        return t.strftime("%d/%m/%Y %H:%M")
    return f


def r_ref_date(fmt):
    return lambda c: fmt_date(c["start"] - timedelta(days=c["rr"].randint(3, 40)), fmt)


def r_internal(prefix):
    return lambda c: f"{prefix}{c['rr'].randint(1000, 9999)}"


# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------
def as_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (date, datetime)):
        raise TypeError("date cell value in a text file")
    return str(v)


def write_delimited(path: Path, headers_rows: list[list], data: list[list], encoding: str,
                    delimiter: str, gz: bool, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator=lineterminator)
    for hr in headers_rows:
        w.writerow(hr)
    for row in data:
        w.writerow([as_text(v) for v in row])
    raw = buf.getvalue().encode(encoding)
    if gz:
        with open(path, "wb") as fh, gzip.GzipFile(filename=path.name[:-3], mode="wb", fileobj=fh, mtime=0) as g:
            g.write(raw)
    else:
        path.write_bytes(raw)


def write_ods(path: Path, sheets: list[tuple[str, list[list]]]):
    """Cells: str ('' = empty) or ('span', text, n) for a merged cell followed by n-1 'COVERED'."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n'
             '<office:document-content '
             'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
             'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
             'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
             'office:version="1.2"><office:body><office:spreadsheet>']
    for name, rows in sheets:
        parts.append(f'<table:table table:name="{escape(name, {chr(34): "&quot;"})}">')
        for row in rows:
            parts.append("<table:table-row>")
            for cell in row:
                if cell == "COVERED":
                    parts.append("<table:covered-table-cell/>")
                elif isinstance(cell, tuple):
                    _, text, n = cell
                    parts.append(f'<table:table-cell table:number-columns-spanned="{n}" '
                                 f'office:value-type="string"><text:p>{escape(text)}</text:p>'
                                 f'</table:table-cell>')
                elif cell == "" or cell is None:
                    parts.append("<table:table-cell/>")
                else:
                    parts.append(f'<table:table-cell office:value-type="string">'
                                 f'<text:p>{escape(str(cell))}</text:p></table:table-cell>')
            parts.append("</table:table-row>")
        parts.append("</table:table>")
    parts.append("</office:spreadsheet></office:body></office:document-content>")
    content = "".join(parts)
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    stamp = (2026, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(path, "w") as z:
        zi = zipfile.ZipInfo("mimetype", stamp)
        zi.compress_type = zipfile.ZIP_STORED
        z.writestr(zi, "application/vnd.oasis.opendocument.spreadsheet")
        for nm, data in (("META-INF/manifest.xml", manifest), ("content.xml", content)):
            zi = zipfile.ZipInfo(nm, stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data.encode("utf-8"))


def group_spans(cols: list[Col]):
    """Consecutive runs of the same group -> list of (start_index, length, group)."""
    spans, i = [], 0
    while i < len(cols):
        j = i
        while j + 1 < len(cols) and cols[j + 1].group == cols[i].group and cols[i].group is not None:
            j += 1
        spans.append((i, j - i + 1, cols[i].group))
        i = j + 1
    return spans


# ---------------------------------------------------------------------------
# Layout definitions
# ---------------------------------------------------------------------------
def layouts() -> list[dict]:
    L = []

    # HOLD01 — plain English CSV, UTF-8, comma ---------------------------------
    staff = ["Huia Tamihana", "Mere Parata", "Sam Fonoti", "Ngaire Te Kani", "Jo Clarke"]
    L.append(dict(
        id="HOLD01", provider="te-whare-awhina-trust", org="Te Whare Āwhina Trust",
        quarter="2026Q3", region="porirua", mix={"maori": 45, "pakeha": 22, "pacific": 28, "asian": 5},
        staff=staff, programmes=["Mana Wāhine", "Mana Tāne", "Incredible Years", "Strengthening Families"],
        ref=lambda n: f"TWA-{n:05d}", sort="ref",
        features=["csv", "utf-8", "comma", "plain_english_headers", "full_name_family_first",
                  "address_single", "ethnicity_single_semicolon", "iwi", "key_worker", "case_notes",
                  "distractors", "referrer_name_distractor", "exit_date_distractor"],
        files=[dict(kind="text", name="TWAT_Quarterly_Return_2026Q3.csv", format="csv", encoding="utf-8",
                    delimiter=",", gz=False, tables=[dict(sheet=None, nrows=None)])],
        columns=[
            Col("Client reference", "client_ref", r_ref),
            Col("Client name", "full_name", r_full("FAM, Given")),
            Col("Date of birth", "date_of_birth", r_dob("dmy")),
            Col("NHI number", "nhi", r_nhi),
            Col("Gender", "gender", r_gender("word")),
            Col("Ethnicity", "ethnicity", r_eth("; ")),
            Col("Iwi affiliation", "iwi", r_iwi("; ")),
            Col("Home address", "address", r_address("full")),
            Col("Mobile", "phone", r_phone("mobile", "spaced")),
            Col("Email address", "email", r_email()),
            Col("Programme", "programme", r_prog),
            Col("Referred by", "referral_source", r_referral()),
            Col("Referrer name", None, r_referrer_name),
            Col("Date of first session", "start_date", r_date("start", "dmy")),
            Col("Date of last session", "service_date", r_date("service", "dmy")),
            Col("Sessions attended", "sessions_attended", r_sessions()),
            Col("Outcome", "outcome_status", r_outcome("A")),
            Col("Consent to evaluation", "consent_evaluation", r_consent("yesno")),
            Col("Key worker", "key_worker", r_kw()),
            Col("Number of children", None, r_nkids()),
            Col("Date of exit", None, r_exit("dmy")),
            Col("Notes", "case_notes", r_notes),
            Col("Updated by", None, r_updated_by(staff, "full")),
        ]))

    # HOLD02 — Title Case, UTF-8 BOM, semicolon, split names/address, numbered eth
    staff = ["Claire Fraser", "Rewi Tautahi", "Stacey McDonald", "Anjali Sharma"]
    L.append(dict(
        id="HOLD02", provider="southern-family-support", org="Southern Family Support",
        quarter="2026Q1", region="south", mix={"pakeha": 55, "maori": 30, "pacific": 8, "asian": 5, "other": 2},
        staff=staff, programmes=["Parenting Through Separation", "Toolbox Parenting", "Family Start",
                                 "Circle of Security"],
        ref=None, sort="family",
        features=["csv", "utf-8-sig", "bom", "semicolon", "title_case_headers", "split_names",
                  "address_split", "numbered_ethnicity", "caregiver", "pre_post_scores", "no_nhi",
                  "no_consent", "no_client_ref", "row_counter", "child_dob_distractor", "distractors"],
        files=[dict(kind="text", name="Southern Family Support Q1 2026.csv", format="csv",
                    encoding="utf-8-sig", delimiter=";", gz=False, tables=[dict(sheet=None, nrows=None)])],
        columns=[
            Col("Row", None, r_rowno_str),
            Col("Surname", "family_name", r_family()),
            Col("First Names", "given_names", r_given()),
            Col("Date Of Birth", "date_of_birth", r_dob("d/m/y", "Unknown")),
            Col("Gender", "gender", r_gender("letter")),
            Col("Ethnicity 1", "ethnicity", r_eth_n(0)),
            Col("Ethnicity 2", "ethnicity", r_eth_n(1)),
            Col("Ethnicity 3", "ethnicity", r_eth_n(2)),
            Col("Street Address", "address_street", r_addr("street", abbr=True)),
            Col("Suburb", "address_suburb", r_addr("suburb")),
            Col("Town/City", "address_town", r_addr("town")),
            Col("Post Code", "address_postcode", r_addr("postcode")),
            Col("Home Phone", "phone", r_phone("landline", "spaced")),
            Col("Mobile Phone", "phone", r_phone("mobile", "plain")),
            Col("Support Person", "caregiver_name", r_caregiver()),
            Col("Baby's Name", None, r_baby),
            Col("Baby's Date Of Birth", None, r_child_dob("d/m/y")),
            Col("Programme", "programme", r_prog),
            Col("Start Date", "start_date", r_date("start", "d/m/y")),
            Col("Last Contact Date", "service_date", r_date("service", "d/m/y")),
            Col("Wellbeing Score At Entry", "wellbeing_start", r_wb("start")),
            Col("Wellbeing Score Now", "wellbeing_end", r_wb("end")),
            Col("Outcome Status", "outcome_status", r_outcome("B")),
            Col("Office", None, r_choice(["Invercargill", "Dunedin", "Gore"])),
        ]))

    # HOLD03 — ALL CAPS, Windows-1252, comma, abbreviations, IRD
    staff = ["Losa Faleolo", "Tevita Latu", "Makerita Tupou", "Hōhepa Waaka", "Jasmine Chen"]
    L.append(dict(
        id="HOLD03", provider="manukau-pacific-parents", org="Manukau Pacific Parents Fono",
        quarter="2026Q2", region="manukau", mix={"pacific": 62, "maori": 22, "pakeha": 6, "asian": 10},
        staff=staff, programmes=["Fanau Ola", "Pacific Parenting", "Aoga Matua", "Budget & Whānau"],
        ref=lambda n: f"{n}", sort=None, cp1252=True,
        features=["csv", "windows-1252", "comma", "all_caps_headers", "abbreviated_headers",
                  "macrons_stripped", "full_name_given_first", "ird", "ethnicity_codes_slash",
                  "two_phone_columns", "address_single", "key_worker", "consent_yn", "case_notes",
                  "distractors"],
        files=[dict(kind="text", name="MPP CLIENTS APR-JUN 2026.csv", format="csv", encoding="windows-1252",
                    delimiter=",", gz=False, tables=[dict(sheet=None, nrows=None)])],
        columns=[
            Col("REF NO.", "client_ref", r_ref),
            Col("CLIENT NAME", "full_name", r_full("Given Fam")),
            Col("DOB", "date_of_birth", r_dob("dmy-", "UNKNOWN")),
            Col("NHI", "nhi", r_nhi),
            Col("IRD NO", "ird", r_ird("mixed")),
            Col("SEX", "gender", r_gender("letter")),
            Col("ETH", "ethnicity", r_eth("/", codes=True)),
            Col("PH (HOME)", "phone", r_phone("landline", "spaced")),
            Col("PH (MOB)", "phone", r_phone("mobile", "spaced")),
            Col("ADDRESS", "address", r_address("upper_abbr")),
            Col("CHURCH", None, r_choice(["EFKS Otara", "Tongan Methodist Mangere", "St Mary's Papatoetoe",
                                          "LDS Manurewa", "Assembly of God", "", "", "CICC Otara"])),
            Col("LANGUAGE SPOKEN", None, r_language),
            Col("REFERRAL FROM", "referral_source", r_referral({"Self": "SELF", "GP": "GP", "Church": "CHURCH"})),
            Col("PROGRAMME", "programme", r_prog),
            Col("SESSION DATE", "service_date", r_date("service", "dmy-")),
            Col("NO. SESSIONS", "sessions_attended", r_sessions()),
            Col("NO. OF CHILDREN", None, r_nkids()),
            Col("TRANSPORT PROVIDED", None, r_choice(["Y", "N", "N"])),
            Col("FACILITATOR", "key_worker", r_kw("upper")),
            Col("CONSENT Y/N", "consent_evaluation", r_consent("yn")),
            Col("COMMENTS", "case_notes", r_notes),
        ]))

    # HOLD04 — CamelCase DB export, UTF-16 BOM, tab, .txt
    staff = ["Pania Whaanga", "Hemi Nikora", "Kirsty Reid", "Tamati Heke", "Marama Paewai", "Luke Harris"]
    L.append(dict(
        id="HOLD04", provider="hawkes-bay-whanau-ora-collective", org="Hawke's Bay Whānau Ora Collective",
        quarter="2026Q4", region="hawkesbay", mix={"maori": 62, "pakeha": 20, "pacific": 15, "asian": 3},
        staff=staff, programmes=["Whānau Ora Navigation", "Kaupapa Māori Parenting", "Hapū Wānanga",
                                 "Te Ara Matua"],
        ref=lambda n: f"HBW{n:06d}", sort="ref",
        features=["txt", "utf-16", "bom", "tab", "camelcase_headers", "db_export", "split_names",
                  "numbered_ethnicity_codes", "gender_codes", "iwi", "key_worker", "consent_true_false",
                  "iso_dates", "guid_distractor", "distractors"],
        files=[dict(kind="text", name="hbwoc_client_export_20261231.txt", format="txt", encoding="utf-16",
                    delimiter="\t", gz=False, tables=[dict(sheet=None, nrows=None)])],
        columns=[
            Col("RecordId", None, r_guid),
            Col("ClientId", "client_ref", r_ref),
            Col("FirstName", "given_names", r_given()),
            Col("LastName", "family_name", r_family()),
            Col("DateOfBirth", "date_of_birth", r_dob("iso")),
            Col("NhiNumber", "nhi", r_nhi),
            Col("GenderCode", "gender", r_gender("code")),
            Col("EthnicityCode1", "ethnicity", r_eth_n(0, True)),
            Col("EthnicityCode2", "ethnicity", r_eth_n(1, True)),
            Col("EthnicityCode3", "ethnicity", r_eth_n(2, True)),
            Col("IwiAffiliation", "iwi", r_iwi(";")),
            Col("MobilePhone", "phone", r_phone("mobile", "plain")),
            Col("EmailAddress", "email", r_email()),
            Col("ResidentialAddress", "address", r_address("commas")),
            Col("ReferralSource", "referral_source", r_referral()),
            Col("ServiceStream", "programme", r_prog),
            Col("EnrolmentDate", "start_date", r_date("start", "iso")),
            Col("LastServiceDate", "service_date", r_date("service", "iso")),
            Col("SessionCount", "sessions_attended", r_sessions()),
            Col("OutcomeStatus", "outcome_status", r_outcome("A")),
            Col("KaimahiName", "key_worker", r_kw()),
            Col("EvaluationConsent", "consent_evaluation", r_consent("tf")),
            Col("ExitDate", None, r_exit("iso")),
            Col("CreatedBy", None, r_updated_by(staff, "user")),
            Col("ModifiedDate", None, r_ts("iso_t")),
        ]))

    # HOLD05 — bracketed hints, UTF-16 BOM, semicolon, .csv
    staff = ["Ngaio Horomona", "Tipene Karaka", "Georgia Campbell", "Awhina Poutama"]
    L.append(dict(
        id="HOLD05", provider="tairawhiti-matua-hub", org="Tairāwhiti Mātua Hub",
        quarter="2026Q1", region="tairawhiti", mix={"maori": 70, "pakeha": 20, "pacific": 8, "asian": 2},
        staff=staff, programmes=["Mātua Tautoko", "Hapūtanga", "Pēpi First", "Tāne Ora"],
        ref=lambda n: f"TMH-{n:04d}", sort=None,
        features=["csv", "utf-16", "bom", "semicolon", "bracket_hint_headers", "full_name_family_first",
                  "ethnicity_single_comma", "iwi", "two_phone_columns", "address_single", "caregiver",
                  "pre_post_scores", "consent_yn", "child_dob_distractor", "distractors",
                  "te_reo_words_in_headers"],
        files=[dict(kind="text", name="TMH_return_Jan-Mar2026.csv", format="csv", encoding="utf-16",
                    delimiter=";", gz=False, tables=[dict(sheet=None, nrows=None)])],
        columns=[
            Col("Client #", "client_ref", r_ref),
            Col("Name (Surname, First)", "full_name", r_full("Fam, Given")),
            Col("DOB (dd/mm/yyyy)", "date_of_birth", r_dob("dmy")),
            Col("NHI (if known)", "nhi", r_nhi),
            Col("Gender (M/F/X)", "gender", r_gender("letter")),
            Col("Ethnicity (list all)", "ethnicity", r_eth(", ")),
            Col("Iwi (if Māori)", "iwi", r_iwi("; ")),
            Col("Phone (mobile)", "phone", r_phone("mobile", "mixed")),
            Col("Phone (other)", "phone", r_phone("landline", "spaced")),
            Col("Address (street, suburb, town)", "address", r_address("nopc")),
            Col("Whānau member / caregiver (name)", "caregiver_name", r_caregiver()),
            Col("Child's DOB (youngest)", None, r_child_dob("dmy")),
            Col("Programme (stream)", "programme", r_prog),
            Col("Start date (dd/mm/yyyy)", "start_date", r_date("start", "dmy")),
            Col("Last session (dd/mm/yyyy)", "service_date", r_date("service", "dmy")),
            Col("Sessions (count)", "sessions_attended", r_sessions()),
            Col("Wellbeing (1-10) at start", "wellbeing_start", r_wb("start")),
            Col("Wellbeing (1-10) at end", "wellbeing_end", r_wb("end")),
            Col("Evaluation consent (Y/N)", "consent_evaluation", r_consent("yn")),
            Col("Staff office (site)", None, r_choice(["Gisborne", "Ruatōria", "Tolaga Bay"])),
        ]))

    # HOLD06 — lower case, UTF-8, pipe, two files
    staff = ["Rebecca Thompson", "Priya Patel", "Ji-woo Park", "Aroha Walker", "Ben Mitchell"]
    L.append(dict(
        id="HOLD06", provider="north-shore-parenting-network", org="North Shore Parenting Network",
        quarter="2026Q2", region="northshore",
        mix={"pakeha": 45, "asian": 30, "maori": 12, "pacific": 8, "other": 5},
        staff=staff, programmes=["Toddler Tactics", "Positive Parenting Program", "Dads Matter",
                                 "New Parents Group"],
        ref=lambda n: f"NS{n:05d}", sort=None,
        features=["txt", "utf-8", "pipe", "lower_case_headers", "two_files", "split_names", "address_split",
                  "ethnicity_single_slash", "two_phone_columns", "key_worker", "no_nhi", "no_consent",
                  "iso_dates", "case_notes", "distractors"],
        files=[dict(kind="text", name="nspn_q2_2026_part1.txt", format="txt", encoding="utf-8",
                    delimiter="|", gz=False, lineterminator="\n", tables=[dict(sheet=None, nrows=None)]),
               dict(kind="text", name="nspn_q2_2026_part2.txt", format="txt", encoding="utf-8",
                    delimiter="|", gz=False, lineterminator="\n", tables=[dict(sheet=None, nrows=None)])],
        columns=[
            Col("client id", "client_ref", r_ref),
            Col("first name", "given_names", r_given()),
            Col("surname", "family_name", r_family()),
            Col("date of birth", "date_of_birth", r_dob("iso")),
            Col("gender", "gender", r_gender("word")),
            Col("ethnicity", "ethnicity", r_eth("/")),
            Col("phone", "phone", r_phone("mobile", "mixed")),
            Col("alt phone", "phone", r_phone("landline", "plain")),
            Col("email", "email", r_email()),
            Col("street", "address_street", r_addr("street")),
            Col("suburb", "address_suburb", r_addr("suburb")),
            Col("city", "address_town", r_addr("town")),
            Col("postcode", "address_postcode", r_addr("postcode")),
            Col("programme", "programme", r_prog),
            Col("referral", "referral_source", r_referral({"Self": "Self referral"})),
            Col("first session", "start_date", r_date("start", "iso")),
            Col("last session", "service_date", r_date("service", "iso")),
            Col("sessions", "sessions_attended", r_sessions()),
            Col("facilitator", "key_worker", r_kw("first_initial")),
            Col("childcare provided", None, r_choice(["yes", "no", "no"])),
            Col("language", None, r_language),
            Col("notes", "case_notes", r_notes),
        ]))

    # HOLD07 — snake_case, gzip CSV, UTF-8, comma
    staff = ["Danielle Scott", "Rangi Herewini", "Sina Leota", "Matthew Young"]
    L.append(dict(
        id="HOLD07", provider="hutt-valley-family-centre", org="Hutt Valley Family Centre",
        quarter="2026Q3", region="hutt", mix={"pakeha": 40, "maori": 30, "pacific": 20, "asian": 7, "other": 3},
        staff=staff, programmes=["Incredible Years", "Triple P", "Mana Tāne", "Family Group Support"],
        ref=lambda n: f"HV-{n}", sort="ref", quoting=csv.QUOTE_ALL,
        features=["csv.gz", "gzip", "utf-8", "comma", "quote_all", "snake_case_headers",
                  "full_name_given_first", "ird", "ethnicity_codes_comma", "iwi", "caregiver",
                  "pre_post_scores", "consent_true_false", "iso_dates", "worker_id_distractor",
                  "exit_date_distractor", "distractors"],
        files=[dict(kind="text", name="hvfc_clients_2026q3.csv.gz", format="csv.gz", encoding="utf-8",
                    delimiter=",", gz=True, tables=[dict(sheet=None, nrows=None)])],
        columns=[
            Col("row_id", None, r_rowno_str),
            Col("client_code", "client_ref", r_ref),
            Col("full_name", "full_name", r_full("Given Fam")),
            Col("dob", "date_of_birth", r_dob("iso")),
            Col("nhi", "nhi", r_nhi),
            Col("ird_number", "ird", r_ird("plain")),
            Col("gender", "gender", r_gender("letter")),
            Col("ethnic_codes", "ethnicity", r_eth(",", codes=True)),
            Col("iwi", "iwi", r_iwi(";")),
            Col("ph_mobile", "phone", r_phone("mobile", "intl")),
            Col("email", "email", r_email()),
            Col("address_line", "address", r_address("full")),
            Col("support_person", "caregiver_name", r_caregiver()),
            Col("referral_src", "referral_source", r_referral()),
            Col("programme_name", "programme", r_prog),
            Col("session_date", "service_date", r_date("service", "iso")),
            Col("sessions_attended", "sessions_attended", r_sessions()),
            Col("wellbeing_pre", "wellbeing_start", r_wb("start")),
            Col("wellbeing_post", "wellbeing_end", r_wb("end")),
            Col("outcome", "outcome_status", r_outcome("A")),
            Col("consent_eval", "consent_evaluation", r_consent("tf_lower")),
            Col("exit_date", None, r_exit("iso")),
            Col("worker_id", None, r_internal("W0")),
            Col("updated_at", None, r_ts("iso_sp")),
            Col("updated_by", None, r_updated_by(staff, "user")),
        ]))

    # HOLD08 — XLSX, title rows, data split over two sheets (two sites)
    staff = ["Kahurangi Ngāwati", "Shannon Kelly", "Wiremu Māhaki", "Harpreet Kaur", "Moana Tipene"]
    L.append(dict(
        id="HOLD08", provider="waikato-tamariki-ora-trust", org="Waikato Tamariki Ora Trust",
        quarter="2026Q4", region="waikato", mix={"maori": 50, "pakeha": 30, "pacific": 8, "asian": 12},
        staff=staff, programmes=["Tamariki Ora Parenting", "Whakatipu", "Baby Steps", "Te Kōhanga Mātua"],
        ref=lambda n: f"WTO/{n:04d}", sort="ref",
        features=["xlsx", "title_rows", "multi_sheet_split", "date_cells", "title_case_headers",
                  "bracket_hint_headers", "full_name_given_first", "ethnicity_single_semicolon", "iwi",
                  "caregiver", "pre_post_scores", "key_worker", "no_consent", "child_dob_distractor",
                  "te_reo_words_in_headers", "distractors"],
        files=[dict(kind="xlsx", name="WTOT Quarterly Return Oct-Dec 2026.xlsx", format="xlsx",
                    tables=[dict(sheet="Hamilton", nrows=None,
                                 title_rows=["Waikato Tamariki Ora Trust",
                                             "Quarterly Client Return - 1 October to 31 December 2026",
                                             None]),
                            dict(sheet="Huntly", nrows=None,
                                 title_rows=["Huntly site - October to December 2026", None])])],
        columns=[
            Col("Client No.", "client_ref", r_ref),
            Col("Client Name", "full_name", r_full("Given Fam")),
            Col("DOB (dd/mm/yyyy)", "date_of_birth", r_dob("cell")),
            Col("NHI No.", "nhi", r_nhi),
            Col("Gender", "gender", r_gender("word")),
            Col("Ethnicity", "ethnicity", r_eth(";")),
            Col("Iwi", "iwi", r_iwi("; ")),
            Col("Contact Ph", "phone", r_phone("best", "spaced")),
            Col("Address", "address", r_address("full_abbr")),
            Col("Caregiver / Whānau Contact", "caregiver_name", r_caregiver("rel")),
            Col("Programme", "programme", r_prog),
            Col("Referral Source", "referral_source", r_referral()),
            Col("Enrolled", "start_date", r_date("start", "cell")),
            Col("Last Visit", "service_date", r_date("service", "cell")),
            Col("Visits This Qtr", "sessions_attended", r_sessions(True)),
            Col("Wellbeing Score (1-10) Start", "wellbeing_start", r_wb("start", True)),
            Col("Wellbeing Score (1-10) Latest", "wellbeing_end", r_wb("end", True)),
            Col("Outcome", "outcome_status", r_outcome("A")),
            Col("Kaimahi", "key_worker", r_kw()),
            Col("Tamaiti DOB", None, r_child_dob("cell")),
            Col("Date Closed", None, r_exit("cell")),
        ]))

    # HOLD09 — XLSX cover sheet then data; question headers
    staff = ["Kiri Rāpana", "Olivia Bennett", "Ihaia Kereama", "Mele Taufa"]
    L.append(dict(
        id="HOLD09", provider="bop-parents-as-first-teachers", org="Bay of Plenty Parents as First Teachers",
        quarter="2026Q2", region="bop", mix={"maori": 50, "pakeha": 38, "pacific": 6, "asian": 6},
        staff=staff, programmes=["PAFT Home Visiting", "PAFT Group Connections", "Tiaki Pēpi"],
        ref=None, sort="family",
        features=["xlsx", "cover_sheet", "data_on_second_sheet", "question_headers", "date_cells",
                  "full_name_family_first", "ethnicity_single_comma", "iwi", "key_worker",
                  "consent_yesno", "no_client_ref", "referrer_name_distractor", "child_dob_distractor",
                  "case_notes", "distractors"],
        files=[dict(kind="xlsx", name="PAFT BOP client return Q2 2026.xlsx", format="xlsx",
                    cover=dict(sheet="Instructions", lines=[
                        ["Quarterly client return - Parents as First Teachers (Bay of Plenty)"],
                        [],
                        ["Please complete one row per parent or caregiver seen this quarter (April - June 2026)."],
                        ["Enter dates as dd/mm/yyyy. Leave a cell blank if the answer is not known."],
                        [],
                        ["Contact person:", "Kiri Walker"],
                        ["Email:", "kiri.walker@paftbop.org.nz"],
                        ["Phone:", "07 308 4412"],
                        [],
                        ["Return to the contract manager by the 20th of the month after quarter end."]]),
                    tables=[dict(sheet="Data", nrows=None, title_rows=[])])],
        columns=[
            Col("Parent's full name", "full_name", r_full("Fam, Given")),
            Col("Parent's date of birth", "date_of_birth", r_dob("cell")),
            Col("What is the parent's NHI?", "nhi", r_nhi),
            Col("Is the parent male or female?", "gender", r_gender("word")),
            Col("Which ethnic group(s) does the parent belong to?", "ethnicity", r_eth(", ")),
            Col("Which iwi?", "iwi", r_iwi("; ")),
            Col("Best contact number", "phone", r_phone("best", "mixed")),
            Col("Email", "email", r_email()),
            Col("Home address", "address", r_address("full")),
            Col("Who referred the family?", "referral_source", r_referral()),
            Col("Name of referrer", None, r_referrer_name),
            Col("Which programme?", "programme", r_prog),
            Col("When did they start?", "start_date", r_date("start", "cell")),
            Col("Date of most recent visit", "service_date", r_date("service", "cell")),
            Col("How many visits attended?", "sessions_attended", r_sessions(True)),
            Col("Did the client consent to evaluation?", "consent_evaluation", r_consent("yesno")),
            Col("How is the whānau tracking?", "outcome_status", r_outcome("B")),
            Col("Parent educator", "key_worker", r_kw()),
            Col("Child's name", None, r_baby),
            Col("Child's date of birth", None, r_child_dob("cell")),
            Col("Any other comments?", "case_notes", r_notes),
        ]))

    # HOLD10 — XLSX te reo headers, cover sheet + data over two sheets
    staff = ["Ngaire Te Kani", "Mikaere Pōtae", "Huia Houia", "Tūī Wihongi", "Rangimarie Nikora"]
    L.append(dict(
        id="HOLD10", provider="te-puna-oranga-whanau", org="Te Puna Oranga Whānau",
        quarter="2026Q3", region="rotorua", mix={"maori": 82, "pakeha": 10, "pacific": 8},
        staff=staff, programmes=["Mātua Rautia", "Whānau Ora", "Hapū Māmā", "Te Whare Tapa Whā"],
        ref=None, sort=None,
        features=["xlsx", "cover_sheet", "multi_sheet_split", "te_reo_headers", "date_cells",
                  "split_names", "gender_reo", "consent_reo", "ethnicity_single_semicolon", "iwi",
                  "caregiver", "key_worker", "pre_post_scores", "no_client_ref", "row_counter",
                  "case_notes", "distractors"],
        files=[dict(kind="xlsx", name="TPOW Purongo Hauwha Q3 2026.xlsx", format="xlsx",
                    cover=dict(sheet="Kupu Whakataki", lines=[
                        ["Te Puna Oranga Whānau - Pūrongo Hauwhā (Quarterly Report)"],
                        ["Hūrae - Hepetema 2026 / July - September 2026"],
                        [],
                        ["Kia ora koutou. Kotahi te rārangi mō ia mātua / One row per parent."],
                        ["Kua wehea ngā raraunga ki ngā whārangi e rua / Data is on the next two sheets."],
                        [],
                        ["Kaiwhakapā / Contact:", "Whaea Ngaire Te Kani"],
                        ["Īmēra / Email:", "ngaire.tekani@tepunaoranga.maori.nz"],
                        ["Waea / Phone:", "07 345 8821"]]),
                    tables=[dict(sheet="Rārangi 1", nrows=None, title_rows=[]),
                            dict(sheet="Rārangi 2", nrows=None, title_rows=[])])],
        columns=[
            Col("Tau", None, r_rowno),
            Col("Ingoa", "given_names", r_given()),
            Col("Ingoa Whānau", "family_name", r_family()),
            Col("Rā Whānau", "date_of_birth", r_dob("cell")),
            Col("NHI", "nhi", r_nhi),
            Col("Ira Tangata", "gender", r_gender("reo")),
            Col("Iwi", "iwi", r_iwi("; ")),
            Col("Mātāwaka (Ethnicity)", "ethnicity", r_eth("; ")),
            Col("Wāhi Noho", "address", r_address("full")),
            Col("Waea Pūkoro", "phone", r_phone("mobile", "spaced")),
            Col("Īmēra", "email", r_email()),
            Col("Kaitiaki", "caregiver_name", r_caregiver()),
            Col("Kaimahi", "key_worker", r_kw()),
            Col("Ratonga", "programme", r_prog),
            Col("Nā Wai I Tuku Mai", "referral_source", r_referral()),
            Col("Rā Tīmata", "start_date", r_date("start", "cell")),
            Col("Rā Hui Whakamutunga", "service_date", r_date("service", "cell")),
            Col("Maha o ngā Hui", "sessions_attended", r_sessions(True)),
            Col("Oranga (Tīmatanga)", "wellbeing_start", r_wb("start", True)),
            Col("Oranga (Mutunga)", "wellbeing_end", r_wb("end", True)),
            Col("Hua", "outcome_status", r_outcome("A")),
            Col("Whakaae ki te Aromātai", "consent_evaluation", r_consent("reo")),
            Col("Reo", None, r_language),
            Col("Tari", None, r_choice(["Rotorua", "Murupara", "Ngongotahā"])),
            Col("Tuhipoka", "case_notes", r_notes),
        ]))

    # HOLD11 — XLSX merged two-row header under a title row
    staff = ["Hamish Stewart", "Amber Wilson", "Tane Heke", "Fatima Ahmed", "Lucy Gray"]
    G = lambda grp, *a: Col(*a, group=grp)  # noqa: E731
    L.append(dict(
        id="HOLD11", provider="canterbury-family-works", org="Canterbury Family Works",
        quarter="2026Q4", region="canterbury", mix={"pakeha": 58, "maori": 22, "pacific": 8, "asian": 9, "other": 3},
        staff=staff, programmes=["Incredible Years", "Circle of Security", "Dads Group", "Family Works Social Work"],
        ref=lambda n: f"CFW{n:05d}", sort="family",
        features=["xlsx", "title_rows", "merged_two_row_header", "vertically_merged_header_cells",
                  "duplicate_labels_across_groups", "date_cells", "split_names", "numbered_ethnicity",
                  "address_split", "two_phone_columns", "key_worker", "pre_post_scores", "consent_yn",
                  "exit_date_distractor", "distractors"],
        files=[dict(kind="xlsx", name="CFW_client_return_Q4_2026.xlsx", format="xlsx", merged=True,
                    tables=[dict(sheet="Q4 2026", nrows=None,
                                 title_rows=["Canterbury Family Works - Client Return, Quarter 4 2026"])])],
        columns=[
            Col("Client ID", "client_ref", r_ref),
            G("Client", "Surname", "family_name", r_family(True)),
            G("Client", "First name(s)", "given_names", r_given()),
            G("Client", "DOB", "date_of_birth", r_dob("cell")),
            G("Client", "NHI", "nhi", r_nhi),
            G("Client", "Gender", "gender", r_gender("word")),
            G("Ethnicity", "Eth 1", "ethnicity", r_eth_n(0)),
            G("Ethnicity", "Eth 2", "ethnicity", r_eth_n(1)),
            G("Ethnicity", "Eth 3", "ethnicity", r_eth_n(2)),
            G("Address", "Street", "address_street", r_addr("street")),
            G("Address", "Suburb", "address_suburb", r_addr("suburb")),
            G("Address", "City", "address_town", r_addr("town")),
            G("Address", "Postcode", "address_postcode", r_addr("postcode")),
            G("Contact", "Mobile", "phone", r_phone("mobile", "spaced")),
            G("Contact", "Home", "phone", r_phone("landline", "spaced")),
            G("Contact", "Email", "email", r_email()),
            G("Service", "Programme", "programme", r_prog),
            G("Service", "Referred by", "referral_source", r_referral()),
            G("Service", "Start", "start_date", r_date("start", "cell")),
            G("Service", "Last session", "service_date", r_date("service", "cell")),
            G("Service", "Sessions", "sessions_attended", r_sessions(True)),
            G("Service", "Worker", "key_worker", r_kw()),
            G("Wellbeing (1-10)", "Start", "wellbeing_start", r_wb("start", True)),
            G("Wellbeing (1-10)", "End", "wellbeing_end", r_wb("end", True)),
            G("Outcome", "Status", "outcome_status", r_outcome("A")),
            G("Outcome", "Exit date", None, r_exit("cell")),
            Col("Consent?", "consent_evaluation", r_consent("yn")),
            Col("Entered by", None, r_updated_by(staff, "initials")),
        ]))

    # HOLD12 — hand-written ODS, lower/mixed case with typos, no service date
    staff = ["Mereana Marino", "Connor Murray", "Teuila Aumua", "Paora Tūhiwai"]
    L.append(dict(
        id="HOLD12", provider="whanganui-community-parents", org="Whanganui Community Parents",
        quarter="2026Q1", region="whanganui", mix={"maori": 48, "pakeha": 42, "pacific": 7, "asian": 3},
        staff=staff, programmes=["Parents Together", "Whānau Awhi", "Young Mums Group"],
        ref=None, sort=None,
        features=["ods", "handwritten_ods", "header_typos", "mixed_case_headers", "full_name_given_first",
                  "ethnicity_single_semicolon", "iwi", "address_single", "caregiver", "key_worker",
                  "pre_post_scores", "no_service_date", "start_date_only", "no_consent", "no_client_ref",
                  "exit_date_distractor", "distractors"],
        files=[dict(kind="ods", name="whanganui_parents_jan-mar_2026.ods", format="ods",
                    tables=[dict(sheet="clients", nrows=None, title_rows=[])])],
        columns=[
            Col("Client", "full_name", r_full("Given Fam")),
            Col("Date of Brith", "date_of_birth", r_dob("dmy")),
            Col("NHI", "nhi", r_nhi),
            Col("Gender", "gender", r_gender("word")),
            Col("Ethinicity", "ethnicity", r_eth(";")),
            Col("Iwi", "iwi", r_iwi(";")),
            Col("Adress", "address", r_address("full_abbr")),
            Col("Ph", "phone", r_phone("best", "spaced")),
            Col("Caregiver", "caregiver_name", r_caregiver()),
            Col("Programe", "programme", r_prog),
            Col("Refered by", "referral_source", r_referral()),
            Col("Start date", "start_date", r_date("start", "dmy")),
            Col("Sesions", "sessions_attended", r_sessions()),
            Col("wellbeing start", "wellbeing_start", r_wb("start")),
            Col("wellbeing finish", "wellbeing_end", r_wb("end")),
            Col("Outcome", "outcome_status", r_outcome("B")),
            Col("Key worker", "key_worker", r_kw()),
            Col("Transport", None, r_choice(["Yes", "No", "No", ""])),
            Col("Kids", None, r_nkids()),
            Col("Exit", None, r_exit("dmy")),
        ]))

    # HOLD13 — two files, Windows-1252, tab, abbreviations, IRD
    staff = ["Hēmi Wihongi", "Maia Tautahi", "Kayla Robinson", "Rāwiri Heke"]
    L.append(dict(
        id="HOLD13", provider="taitokerau-whanau-support", org="Taitokerau Whānau Support",
        quarter="2026Q2", region="northland", mix={"maori": 72, "pakeha": 18, "pacific": 7, "asian": 3},
        staff=staff, programmes=["Whānau Tautoko", "Mātua Whakapakari", "Kaupapa Tāne", "Hapū Wānanga"],
        ref=lambda n: f"TWS{n:04d}", sort="ref", cp1252=True,
        features=["tsv", "windows-1252", "tab", "two_files", "macrons_stripped", "abbreviated_headers",
                  "title_case_headers", "split_names", "ird", "numbered_ethnicity", "iwi",
                  "two_phone_columns", "address_single", "caregiver", "key_worker", "consent_consented_declined",
                  "referral_date_distractor", "case_notes", "distractors"],
        files=[dict(kind="text", name="TWS Q2 2026 - Part 1.tsv", format="tsv", encoding="windows-1252",
                    delimiter="\t", gz=False, tables=[dict(sheet=None, nrows=None)]),
               dict(kind="text", name="TWS Q2 2026 - Part 2.tsv", format="tsv", encoding="windows-1252",
                    delimiter="\t", gz=False, tables=[dict(sheet=None, nrows=None)])],
        columns=[
            Col("Ref No.", "client_ref", r_ref),
            Col("Family Name", "family_name", r_family()),
            Col("Given Name(s)", "given_names", r_given()),
            Col("D.O.B.", "date_of_birth", r_dob("dmy")),
            Col("NHI No", "nhi", r_nhi),
            Col("IRD No", "ird", r_ird("dash9")),
            Col("M/F", "gender", r_gender("letter")),
            Col("Eth 1", "ethnicity", r_eth_n(0)),
            Col("Eth 2", "ethnicity", r_eth_n(1)),
            Col("Iwi", "iwi", r_iwi("; ")),
            Col("Ph", "phone", r_phone("landline", "spaced")),
            Col("Mob", "phone", r_phone("mobile", "spaced")),
            Col("Addr", "address", r_address("full_abbr")),
            Col("Whānau Contact", "caregiver_name", r_caregiver("rel")),
            Col("Caseworker", "key_worker", r_kw()),
            Col("Service", "programme", r_prog),
            Col("Ref Source", "referral_source", r_referral()),
            Col("Ref Date", None, r_ref_date("dmy")),
            Col("Start Date", "start_date", r_date("start", "dmy")),
            Col("Last Svc Date", "service_date", r_date("service", "dmy")),
            Col("No. Sess", "sessions_attended", r_sessions()),
            Col("Status", "outcome_status", r_outcome("A")),
            Col("Consent", "consent_evaluation", r_consent("cd")),
            Col("Case Notes", "case_notes", r_notes),
            Col("Upd By", None, r_updated_by(staff, "initials")),
        ]))

    # HOLD14 — ALL CAPS snake (Oracle-style), gzip CSV, UTF-8 BOM, pipe
    staff = ["Brooke Anderson", "Nikau Rāpana", "Ana Havili", "Navdeep Singh"]
    L.append(dict(
        id="HOLD14", provider="palmy-young-parents-programme", org="Palmerston North Young Parents Programme",
        quarter="2026Q3", region="palmy", mix={"maori": 45, "pakeha": 38, "pacific": 10, "asian": 7},
        staff=staff, programmes=["Young Parents Group", "Teen Parent Unit Support", "Hapū Mama"],
        ref=lambda n: f"{n:07d}", sort="ref",
        features=["csv.gz", "gzip", "utf-8-sig", "bom", "pipe", "upper_snake_headers", "db_export",
                  "split_names", "numbered_ethnicity_codes", "address_split", "two_phone_columns",
                  "caregiver", "pre_post_scores", "consent_yn", "key_worker", "dotted_dates",
                  "child_dob_distractor", "distractors"],
        files=[dict(kind="text", name="YPP_EXTRACT_2026Q3.csv.gz", format="csv.gz", encoding="utf-8-sig",
                    delimiter="|", gz=True, tables=[dict(sheet=None, nrows=None)])],
        columns=[
            Col("CLIENT_NO", "client_ref", r_ref),
            Col("SURNAME", "family_name", r_family(True)),
            Col("FORENAMES", "given_names", r_given(True)),
            Col("BIRTH_DT", "date_of_birth", r_dob("dmy.", "UNKNOWN")),
            Col("NHI_NO", "nhi", r_nhi),
            Col("SEX_CD", "gender", r_gender("letter")),
            Col("ETHNIC_1", "ethnicity", r_eth_n(0, True)),
            Col("ETHNIC_2", "ethnicity", r_eth_n(1, True)),
            Col("ETHNIC_3", "ethnicity", r_eth_n(2, True)),
            Col("ADDR_LINE1", "address_street", r_addr("street", abbr=True, upper=True)),
            Col("ADDR_SUBURB", "address_suburb", r_addr("suburb", upper=True)),
            Col("ADDR_CITY", "address_town", r_addr("town", upper=True)),
            Col("ADDR_PCODE", "address_postcode", r_addr("postcode")),
            Col("PHONE_1", "phone", r_phone("mobile", "plain")),
            Col("PHONE_2", "phone", r_phone("landline", "plain")),
            Col("EMAIL_ADDR", "email", r_email(True)),
            Col("CAREGIVER_NM", "caregiver_name", r_caregiver("upper")),
            Col("REF_SRC", "referral_source", r_referral({"Oranga Tamariki": "OT", "Whānau": "Whanau"})),
            Col("PROG_NM", "programme", r_prog),
            Col("ENROL_DT", "start_date", r_date("start", "dmy.")),
            Col("LAST_ATTEND_DT", "service_date", r_date("service", "dmy.")),
            Col("ATTEND_CNT", "sessions_attended", r_sessions()),
            Col("WB_SCORE_IN", "wellbeing_start", r_wb("start")),
            Col("WB_SCORE_OUT", "wellbeing_end", r_wb("end")),
            Col("OUTCOME_DESC", "outcome_status", r_outcome("B")),
            Col("CONSENT_FLG", "consent_evaluation", r_consent("yn")),
            Col("STAFF_NM", "key_worker", r_kw("upper")),
            Col("SCHOOL_NM", None, r_choice(["Awatapu College", "Freyberg High School",
                                             "Palmerston North Girls' High", "Teen Parent Unit",
                                             "Feilding High School", "", ""])),
            Col("BABY_DOB", None, r_child_dob("dmy.")),
            Col("EXIT_DT", None, r_exit("dmy.")),
            Col("LAST_UPD_USER", None, r_updated_by(staff, "user")),
            Col("LAST_UPD_TS", None, r_ts("dmy_hm")),
        ]))

    # HOLD15 — hand-written ODS with merged two-row header
    staff = ["Charlotte Hughes", "Manaia Kereama", "Simran Kaur", "Josh Cooper"]
    L.append(dict(
        id="HOLD15", provider="nelson-tasman-family-support", org="Nelson Tasman Family Support",
        quarter="2026Q1", region="nelson", mix={"pakeha": 62, "maori": 22, "pacific": 6, "asian": 7, "other": 3},
        staff=staff, programmes=["Parenting Matters", "Whānau Connect", "Dads Do It Too", "Early Years Support"],
        ref=None, sort="family",
        features=["ods", "handwritten_ods", "merged_two_row_header", "duplicate_labels_across_groups",
                  "full_name_family_first", "ethnicity_single_slash", "iwi", "address_single", "caregiver",
                  "relationship_distractor", "pre_post_scores", "key_worker", "consent_yesno",
                  "month_name_dates", "no_client_ref", "case_notes", "distractors"],
        files=[dict(kind="ods", name="NTFS Q1 2026 return.ods", format="ods", merged=True,
                    tables=[dict(sheet="Q1 2026", nrows=None, title_rows=[])])],
        columns=[
            G("Parent / caregiver", "Name", "full_name", r_full("FAM, Given")),
            G("Parent / caregiver", "Born", "date_of_birth", r_dob("d mon y")),
            G("Parent / caregiver", "NHI", "nhi", r_nhi),
            G("Parent / caregiver", "Gender", "gender", r_gender("word")),
            G("Cultural identity", "Ethnicity", "ethnicity", r_eth("/")),
            G("Cultural identity", "Iwi", "iwi", r_iwi("; ")),
            G("Contact details", "Phone", "phone", r_phone("best", "mixed")),
            G("Contact details", "Email", "email", r_email()),
            G("Contact details", "Address", "address", r_address("full")),
            G("Support person", "Name", "caregiver_name", r_caregiver()),
            G("Support person", "Relationship", None, r_choice(RELATIONSHIPS)),
            G("Programme", "Stream", "programme", r_prog),
            G("Programme", "Referred from", "referral_source", r_referral()),
            G("Programme", "Started", "start_date", r_date("start", "d mon y")),
            G("Programme", "Most recent session", "service_date", r_date("service", "d mon y")),
            G("Programme", "Sessions to date", "sessions_attended", r_sessions()),
            G("Wellbeing score", "Pre", "wellbeing_start", r_wb("start")),
            G("Wellbeing score", "Post", "wellbeing_end", r_wb("end")),
            Col("Outcome", "outcome_status", r_outcome("A")),
            Col("Family Worker", "key_worker", r_kw()),
            Col("Evaluation consent", "consent_evaluation", r_consent("yesno")),
            Col("Comments", "case_notes", r_notes),
            Col("Internal code", None, r_internal("NT-")),
        ]))
    return L


# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------
def cell_out(v, tf):
    if isinstance(v, str):
        return tf(v)
    return v


def build_layout(rng: random.Random, L: dict, out_dir: Path) -> dict:
    tf = strip_to_cp1252 if L.get("cp1252") else (lambda s: s)
    ldir = out_dir / L["id"]
    if ldir.exists():
        shutil.rmtree(ldir)
    fdir = ldir / "landing" / L["provider"] / L["quarter"]
    fdir.mkdir(parents=True)
    cols: list[Col] = L["columns"]
    ref_base = rng.randint(100, 8000)
    ref_next = [ref_base]
    files_truth = []

    for fspec in L["files"]:
        n_total = rng.randint(80, 200)
        clients = [make_client(rng, L) for _ in range(n_total)]
        # client references
        if L["ref"]:
            for c in clients:
                ref_next[0] += rng.randint(1, 4)
                c["ref"] = L["ref"](ref_next[0])
        else:
            for c in clients:
                c["ref"] = ""
        if L.get("sort") == "family":
            clients.sort(key=lambda c: (ascii_fold(c["family"]).lower(), c["given"]))
        elif L.get("sort") != "ref":
            rng.shuffle(clients)
        # deliberately invalid rows
        k = rng.choices([0, 1, 2, 3], [15, 35, 30, 20])[0]
        for idx in rng.sample(range(n_total), k):
            clients[idx]["invalid"] = rng.choice(["noname", "dobunknown"])
        # split into tables
        tables = fspec["tables"]
        if len(tables) == 1:
            sizes = [n_total]
        else:
            first = rng.randint(n_total // 3, 2 * n_total // 3)
            sizes = [first, n_total - first]
        chunks, pos = [], 0
        for s in sizes:
            chunks.append(clients[pos:pos + s])
            pos += s
        rendered = []
        for chunk in chunks:
            rows = []
            for i, c in enumerate(chunk, start=1):
                c["rowno"] = i
                rows.append([cell_out(col.fn(c), tf) for col in cols])
            rendered.append(rows)

        headers = [tf(col.header) for col in cols]
        groups = [tf(col.group) if col.group else None for col in cols]
        path = fdir / fspec["name"]
        table_truth = []
        kind = fspec["kind"]
        if kind == "text":
            write_delimited(path, [headers], rendered[0], fspec["encoding"], fspec["delimiter"], fspec["gz"],
                            quoting=L.get("quoting", csv.QUOTE_MINIMAL),
                            lineterminator=fspec.get("lineterminator", "\r\n"))
            table_truth.append(dict(sheet=None, header_row=1, rows=len(rendered[0])))
        elif kind == "xlsx":
            table_truth = write_xlsx(path, fspec, L, cols, headers, groups, rendered)
        elif kind == "ods":
            table_truth = write_ods_layout(path, fspec, cols, headers, groups, rendered)
        for t in table_truth:
            t["columns"] = [dict(index=i, header=headers[i], group=groups[i], target=cols[i].target)
                            for i in range(len(cols))]
        n_invalid = sum(1 for c in clients if c["invalid"])
        files_truth.append(dict(name=fspec["name"], format=fspec["format"],
                                encoding=fspec.get("encoding"), delimiter=fspec.get("delimiter"),
                                rows=n_total, valid_rows=n_total - n_invalid, tables=table_truth))

    truth = dict(layout_id=L["id"], provider=L["provider"], quarter=L["quarter"],
                 features=L["features"], files=files_truth)
    (ldir / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return truth


def write_xlsx(path, fspec, L, cols, headers, groups, rendered):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.properties.creator = L["org"]
    wb.properties.created = datetime(2026, 1, 1)
    wb.properties.modified = datetime(2026, 1, 1)
    first = wb.active
    used_first = False
    cover = fspec.get("cover")
    if cover:
        first.title = cover["sheet"]
        for r, line in enumerate(cover["lines"], start=1):
            for ci, v in enumerate(line, start=1):
                first.cell(row=r, column=ci, value=v)
        first["A1"].font = Font(bold=True, size=14)
        first.column_dimensions["A"].width = 24
        used_first = True
    bold = Font(bold=True)
    truth = []
    date_cols = {i for i, c in enumerate(cols)}
    for ti, tspec in enumerate(fspec["tables"]):
        if not used_first:
            ws = first
            ws.title = tspec["sheet"]
            used_first = True
        else:
            ws = wb.create_sheet(tspec["sheet"])
        r = 1
        for t in tspec.get("title_rows", []):
            if t:
                ws.cell(row=r, column=1, value=t).font = Font(bold=True, size=13)
                if fspec.get("merged"):
                    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=min(10, len(cols)))
            r += 1
        if fspec.get("merged"):
            top = r
            for start, length, grp in group_spans(cols):
                if grp is None:
                    for j in range(start, start + length):
                        ws.cell(row=top, column=j + 1, value=headers[j]).font = bold
                        ws.merge_cells(start_row=top, start_column=j + 1, end_row=top + 1, end_column=j + 1)
                        ws.cell(row=top, column=j + 1).alignment = Alignment(vertical="center", wrap_text=True)
                else:
                    ws.cell(row=top, column=start + 1, value=grp).font = bold
                    ws.cell(row=top, column=start + 1).alignment = Alignment(horizontal="center")
                    if length > 1:
                        ws.merge_cells(start_row=top, start_column=start + 1, end_row=top,
                                       end_column=start + length)
                    for j in range(start, start + length):
                        ws.cell(row=top + 1, column=j + 1, value=headers[j]).font = bold
            header_row = top + 1
        else:
            header_row = r
            for j, h in enumerate(headers):
                ws.cell(row=header_row, column=j + 1, value=h).font = bold
        for i, row in enumerate(rendered[ti]):
            for j, v in enumerate(row):
                if v == "" or v is None:
                    continue
                cell = ws.cell(row=header_row + 1 + i, column=j + 1, value=v)
                if isinstance(v, date) and j in date_cols:
                    cell.number_format = "DD/MM/YYYY"
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        truth.append(dict(sheet=tspec["sheet"], header_row=header_row, rows=len(rendered[ti])))
    wb.save(path)
    _normalise_zip(path)
    return truth


def _normalise_zip(path: Path):
    """Pin the save-time timestamps openpyxl writes so the output is byte-for-byte reproducible."""
    import re as _re
    with zipfile.ZipFile(path) as z:
        members = [(i.filename, i.compress_type, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for name, ctype, data in members:
            if name == "docProps/core.xml":
                data = _re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>2026-01-01T00:00:00Z\2", data)
            zi = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
            zi.compress_type = ctype
            z.writestr(zi, data)


def write_ods_layout(path, fspec, cols, headers, groups, rendered):
    sheets, truth = [], []
    for ti, tspec in enumerate(fspec["tables"]):
        rows = []
        for t in tspec.get("title_rows", []):
            rows.append([t or ""])
        if fspec.get("merged"):
            top = []
            for _start, length, grp in group_spans(cols):
                if grp is None:
                    top.extend([""] * length)
                else:
                    top.append(("span", grp, length) if length > 1 else grp)
                    top.extend(["COVERED"] * (length - 1))
            rows.append(top)
        rows.append(list(headers))
        header_row = len(rows)
        for row in rendered[ti]:
            rows.append(["" if v is None else str(v) for v in row])
        sheets.append((tspec["sheet"], rows))
        truth.append(dict(sheet=tspec["sheet"], header_row=header_row, rows=len(rendered[ti])))
    write_ods(path, sheets)
    return truth


def generate(out_dir: Path) -> list[dict]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    truths = []
    for L in layouts():
        truths.append(build_layout(rng, L, out_dir))
    return truths


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args(argv)
    truths = generate(args.out)
    for t in truths:
        print(t["layout_id"], t["provider"], t["quarter"],
              ", ".join(f"{f['name']} ({f['rows']} rows, {f['valid_rows']} valid)" for f in t["files"]))


if __name__ == "__main__":
    main()
