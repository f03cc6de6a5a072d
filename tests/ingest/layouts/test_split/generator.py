#!/usr/bin/env python3
"""Independent evaluation corpus: 15 invented NZ community-provider file layouts.

Written without reference to the project's matching code or header synonym
lists.  Each layout is a quarterly client return as a provider might send it
(one row per client per quarter), plus a ``truth.json`` describing the file(s),
the header row, and the standard target of every column.

Usage::

    python generator.py --out OUT_DIR

``generate(out_dir)`` returns the list of truth dicts.  Standard library plus
openpyxl only; deterministic (fixed seeds).
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
import zipfile
from xml.sax.saxutils import escape

SEED = 20260704

# ---------------------------------------------------------------------------
# Identifiers
# ---------------------------------------------------------------------------
NHI_ALPHA = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # A-Z without I and O; A=1 .. Z=24


def _nhi_val(ch: str) -> int:
    return int(ch) if ch.isdigit() else NHI_ALPHA.index(ch) + 1


def nhi_old(rng: random.Random) -> str:
    while True:
        letters = [rng.choice(NHI_ALPHA) for _ in range(3)]
        digits = [str(rng.randrange(10)) for _ in range(3)]
        vals = [_nhi_val(c) for c in letters + digits]
        r = sum(v * w for v, w in zip(vals, (7, 6, 5, 4, 3, 2), strict=False)) % 11
        if r == 0:
            continue
        check = 11 - r
        if check == 10:
            check = 0
        return "".join(letters) + "".join(digits) + str(check)


def nhi_new(rng: random.Random) -> str:
    while True:
        chars = [rng.choice(NHI_ALPHA) for _ in range(3)]
        chars += [str(rng.randrange(10)) for _ in range(2)]
        chars += [rng.choice(NHI_ALPHA)]
        vals = [_nhi_val(c) for c in chars]
        r = sum(v * w for v, w in zip(vals, (7, 6, 5, 4, 3, 2), strict=False)) % 23
        if r == 0:
            continue
        check = 23 - r  # 1..22
        return "".join(chars) + NHI_ALPHA[check - 1]


def nhi_is_valid(s: str) -> bool:
    s = s.strip().upper()
    if len(s) != 7 or any(c not in NHI_ALPHA for c in s[:3]):
        return False
    vals = [_nhi_val(c) for c in s[:3]]
    if s[3:7].isdigit():
        vals += [int(c) for c in s[3:6]]
        r = sum(v * w for v, w in zip(vals, (7, 6, 5, 4, 3, 2), strict=False)) % 11
        if r == 0:
            return False
        check = 11 - r
        return (0 if check == 10 else check) == int(s[6])
    if s[3:5].isdigit() and s[5] in NHI_ALPHA and s[6] in NHI_ALPHA:
        vals += [int(s[3]), int(s[4]), _nhi_val(s[5])]
        r = sum(v * w for v, w in zip(vals, (7, 6, 5, 4, 3, 2), strict=False)) % 23
        if r == 0:
            return False
        return NHI_ALPHA[23 - r - 1] == s[6]
    return False


def _ird_check(d8: list[int]):
    for weights in ((3, 2, 7, 6, 5, 4, 3, 2), (7, 4, 3, 2, 5, 2, 7, 6)):
        r = sum(a * b for a, b in zip(d8, weights, strict=False)) % 11
        c = 0 if r == 0 else 11 - r
        if c != 10:
            return c
    return None


def gen_ird(rng: random.Random) -> str:
    """Return a valid IRD number as a 9-digit, zero-padded string."""
    while True:
        base = rng.randint(1_000_000, 14_999_999)
        c = _ird_check([int(x) for x in f"{base:08d}"])
        if c is None:
            continue
        num = base * 10 + c
        if 10_000_000 <= num <= 150_000_000:
            return f"{num:09d}"


def ird_is_valid(s: str) -> bool:
    digits = "".join(ch for ch in str(s) if ch.isdigit())
    if len(digits) not in (8, 9):
        return False
    n = int(digits)
    if not 10_000_000 <= n <= 150_000_000:
        return False
    digits = f"{n:09d}"
    return _ird_check([int(x) for x in digits[:8]]) == int(digits[8])


def fmt_ird(ird9: str, style: str):
    short = ird9.lstrip("0") if ird9.startswith("0") else ird9
    if style == "plain":
        return ird9
    if style == "short":  # as typed, leading zero dropped
        return short
    if style == "dash":
        if len(short) == 8:
            return f"{short[:2]}-{short[2:5]}-{short[5:]}"
        return f"{ird9[:3]}-{ird9[3:6]}-{ird9[6:]}"
    if style == "space":
        return f"{ird9[:3]} {ird9[3:6]} {ird9[6:]}"
    if style == "int":
        return int(ird9)
    raise ValueError(style)


# ---------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------
MACRON_MAP = str.maketrans("āēīōūĀĒĪŌŪ", "aeiouAEIOU")


def strip_macrons(s):
    return s.translate(MACRON_MAP) if isinstance(s, str) else s


NAMES = {
    "maori": {
        "F": ["Aroha", "Mere", "Hine", "Kiri", "Moana", "Anahera", "Huia", "Tūī", "Hana",
              "Āwhina", "Kahurangi", "Marama", "Pania", "Hinemoa", "Ngāhuia", "Rangimārie",
              "Te Rina", "Mihi", "Ataahua", "Whetū", "Kōwhai", "Manaia", "Tia", "Waimarie"],
        "M": ["Tama", "Wiremu", "Hēmi", "Rāwiri", "Manaaki", "Tāne", "Nīkau", "Rangi",
              "Hōhepa", "Tipene", "Matiu", "Rewi", "Te Ariki", "Kauri", "Mikaere", "Tamati",
              "Pita", "Ihaia", "Hōne", "Kereama"],
        "fam": ["Ngata", "Tamihana", "Te Kani", "Parata", "Horomona", "Te Whata", "Tipene",
                "Hēnare", "Rāwiri", "Paewai", "Te Pou", "Waititi", "Hohaia", "Kereama",
                "Ruatapu", "Pōtae", "Rikihana", "Manihera", "Herewini", "Tautahi", "Te Rangi",
                "Wihongi", "Walker", "Tūhiwai", "Nikora", "Pomare", "Kāretu", "Mahuika"],
    },
    "pakeha": {
        "F": ["Sarah", "Emma", "Jessica", "Rebecca", "Hannah", "Chloe", "Olivia", "Amy",
              "Kate", "Rachel", "Megan", "Stacey", "Kayla", "Brooke", "Jade", "Michelle",
              "Nicole", "Leanne", "Courtney", "Charlotte", "Ruby", "Georgia", "Tayla", "Shardae"],
        "M": ["James", "Liam", "Daniel", "Josh", "Ben", "Michael", "Ryan", "Jack", "Sam",
              "Nathan", "Craig", "Shane", "Jason", "Matt", "Luke", "Tom", "Blake", "Dylan",
              "Kyle", "Aaron"],
        "fam": ["Smith", "Wilson", "Brown", "Taylor", "Williams", "Thompson", "Anderson",
                "Harris", "Campbell", "Stewart", "Robinson", "McDonald", "O'Brien", "Murphy",
                "Clarke", "Mitchell", "Scott", "Cooper", "Johnston", "Hughes", "Reid",
                "MacKenzie", "van der Berg", "Fraser", "Hay", "Duff"],
    },
    "pacific": {
        "F": ["Losa", "Sina", "Mele", "Ana", "Salote", "Litia", "Tupe", "Malia", "Fetu",
              "Leilani", "Seini", "Vai", "Talia", "Fiafia", "Lupe", "Ofa", "Teuila", "Mareta"],
        "M": ["Sione", "Tevita", "Iosefa", "Viliami", "Ioane", "Malakai", "Semisi", "Tavita",
              "Tomasi", "Lealofi", "Filipo", "Sefa", "Paulo", "Tuala"],
        "fam": ["Tuilagi", "Faleolo", "Fifita", "Tupou", "Vaifale", "Aumua", "Leota", "Taufa",
                "Mata'afa", "Lemalu", "Sapolu", "Tafuna", "Havili", "Kioa", "Pouono", "Matagi",
                "Fonoti", "Tangitau", "Vaka", "Puleiata", "Tuimavave", "Marsters", "Tatupu"],
    },
    "asian": {
        "F": ["Mei", "Priya", "Anjali", "Xin", "Jia", "Sunita", "Kavya", "Linh", "Mai",
              "Ji-woo", "Aiko", "Rosalie", "Maricel", "Harpreet"],
        "M": ["Wei", "Raj", "Arjun", "Jun", "Hao", "Vikram", "Minh", "Sandeep", "Jin",
              "Rommel", "Gurpreet"],
        "fam": ["Chen", "Wang", "Li", "Zhang", "Singh", "Patel", "Kumar", "Sharma", "Nguyen",
                "Tran", "Kim", "Lee", "Wong", "Lin", "Santos", "Reyes", "Kaur"],
    },
    "other": {
        "F": ["Amira", "Sofia", "Grace", "Fatima", "Valentina", "Nadia", "Esther", "Layla"],
        "M": ["Omar", "Diego", "Samuel", "Ahmed", "Mateo", "Yusuf", "Kwame"],
        "fam": ["Hassan", "Ramirez", "Mensah", "Haddad", "Gonzalez", "Abdi", "Okafor", "Silva",
                "Rahimi"],
    },
}

ETH_CODES = {
    "New Zealand European": "11", "Other European": "12", "Māori": "21", "Samoan": "31",
    "Cook Islands Māori": "32", "Tongan": "33", "Niuean": "34", "Fijian": "36",
    "Southeast Asian": "41", "Chinese": "42", "Indian": "43", "Other Asian": "44",
    "Middle Eastern": "51", "Latin American": "52", "African": "53", "Other Ethnicity": "61",
}

IWI = ["Ngāpuhi", "Ngāti Porou", "Waikato-Tainui", "Ngāi Tahu", "Te Arawa", "Ngāti Kahungunu",
       "Tūhoe", "Ngāti Maniapoto", "Te Rarawa", "Ngāti Whātua", "Ngāti Raukawa", "Te Āti Awa",
       "Ngāti Tūwharetoa", "Whanganui", "Te Aupōuri", "Ngāti Awa", "Rongowhakaata",
       "Ngāti Toa Rangatira", "Ngāti Hine", "Ngāti Kahu", "Te Whānau-ā-Apanui", "Ngāti Ruanui"]

REGIONS = {
    "auckland_west": ("09", "Auckland", [("Glen Eden", "0602"), ("Henderson", "0612"),
                      ("Massey", "0614"), ("Te Atatū South", "0610"), ("Rānui", "0612"),
                      ("Kelston", "0602"), ("New Lynn", "0600"), ("Swanson", "0614")]),
    "auckland_south": ("09", "Auckland", [("Ōtara", "2023"), ("Māngere", "2022"),
                       ("Māngere East", "2024"), ("Papatoetoe", "2025"), ("Manurewa", "2102"),
                       ("Clendon Park", "2103"), ("Wiri", "2104"), ("Ōtāhuhu", "1062")]),
    "auckland_east": ("09", "Auckland", [("Glen Innes", "1072"), ("Panmure", "1072"),
                      ("Point England", "1072"), ("St Johns", "1072"), ("Mount Wellington", "1060"),
                      ("Ōrākei", "1071"), ("Tāmaki", "1072")]),
    "hutt": ("04", "Lower Hutt", [("Naenae", "5011"), ("Taitā", "5011"), ("Stokes Valley", "5019"),
             ("Wainuiomata", "5014"), ("Epuni", "5011"), ("Avalon", "5011"), ("Waiwhetū", "5010")]),
    "gisborne": ("06", "Gisborne", [("Kaiti", "4010"), ("Elgin", "4010"), ("Mangapapa", "4010"),
                 ("Te Hapara", "4010"), ("Outer Kaiti", "4010"), ("Whataupoko", "4010")]),
    "hastings": ("06", "Hastings", [("Flaxmere", "4120"), ("Camberley", "4120"), ("Mayfair", "4122"),
                 ("Raureka", "4120"), ("Akina", "4122"), ("Parkvale", "4122")]),
    "christchurch": ("03", "Christchurch", [("Aranui", "8061"), ("Wainoni", "8061"),
                     ("Linwood", "8062"), ("Avonside", "8061"), ("Bromley", "8062"),
                     ("New Brighton", "8083"), ("Phillipstown", "8011")]),
    "rotorua": ("07", "Rotorua", [("Fordlands", "3015"), ("Western Heights", "3015"),
                ("Koutu", "3010"), ("Fenton Park", "3010"), ("Ngongotahā", "3010"),
                ("Owhata", "3010"), ("Pukehangi", "3015")]),
    "whangarei": ("09", "Whangārei", [("Otangarei", "0112"), ("Tikipunga", "0112"),
                  ("Raumanga", "0110"), ("Kensington", "0112"), ("Morningside", "0110"),
                  ("Onerahi", "0110")]),
    "porirua": ("04", "Porirua", [("Cannons Creek", "5024"), ("Waitangirua", "5024"),
                ("Ascot Park", "5024"), ("Porirua East", "5024"), ("Titahi Bay", "5024"),
                ("Rānui Heights", "5024")]),
    "hamilton": ("07", "Hamilton", [("Enderley", "3214"), ("Fairfield", "3214"), ("Nawton", "3200"),
                 ("Dinsdale", "3204"), ("Fairview Downs", "3214"), ("Hamilton East", "3216")]),
    "whanganui": ("06", "Whanganui", [("Castlecliff", "4501"), ("Gonville", "4501"),
                  ("Aramoho", "4500"), ("Springvale", "4501"), ("Whanganui East", "4500")]),
    # small Far North towns: no suburb, the locality is the town
    "far_north": ("09", None, [("", "Kaikohe", "0405"), ("", "Moerewa", "0211"),
                  ("", "Kawakawa", "0210"), ("", "Ōkaihau", "0475"), ("", "Ōhaeawai", "0472")]),
}

STREET_NAMES = ["Kōwhai", "Kowhai", "Rimu", "Tōtara", "Matai", "Miro", "Pōhutukawa", "Karaka",
                "Puriri", "Nīkau", "Tawa", "Kauri", "Mānuka", "Harakeke", "Queen", "King",
                "Victoria", "Church", "Main", "Station", "Park", "Hill", "High", "George",
                "Russell", "Wallace", "Seddon", "Ballance", "Massey", "Te Ara", "Ruapehu",
                "Tainui", "Aotea", "Waimea", "Clyde", "Tui", "Kererū", "Rata", "Glenview"]
STREET_TYPES = [("Street", "St"), ("Road", "Rd"), ("Avenue", "Ave"), ("Crescent", "Cres"),
                ("Place", "Pl"), ("Drive", "Dr"), ("Terrace", "Tce"), ("Lane", "Ln"),
                ("Way", "Way"), ("Grove", "Gr"), ("Close", "Cl")]

REFERRALS = ["Self", "GP", "Midwife", "Plunket", "School", "Oranga Tamariki", "Police", "Church",
             "Marae", "Whānau", "Hospital", "Court", "Other"]
REFERRAL_W = [22, 12, 10, 9, 6, 10, 4, 3, 3, 8, 5, 3, 5]

OUTCOMES = {
    "A": ["Achieved", "Partly achieved", "Not achieved", "Ongoing", "Exited early"],
    "B": ["Goal met", "Partial", "Not met", "In progress", "Withdrew"],
    "C": ["achieved", "partly achieved", "not achieved", "ongoing", "exited early"],
    "D": ["ACHIEVED", "PARTIAL", "NOT ACHIEVED", "ONGOING", "EXITED EARLY"],
    "E": ["Achieved", "Partially achieved", "Not achieved", "In progress", "Withdrew"],
}
OUTCOME_W = [30, 22, 8, 32, 8]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

QUARTER_WORDS = {1: ("January", "March"), 2: ("April", "June"), 3: ("July", "September"),
                 4: ("October", "December")}


def quarter_bounds(q: str):
    y, n = int(q[:4]), int(q[-1])
    start = dt.date(y, 3 * n - 2, 1)
    end = dt.date(y, 3 * n, (31, 30, 30, 31)[n - 1])
    return start, end


def fmt_date(d: dt.date, style: str):
    if style == "cell":
        return d
    if style == "dmy":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dmy_nopad":
        return f"{d.day}/{d.month}/{d.year}"
    if style == "dmy_dash":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "dmy_dot":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "d-mon-y":
        return f"{d.day}-{MONTHS[d.month - 1][:3]}-{d.year}"
    if style == "d mon y":
        return f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"
    if style == "d month y":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "iso":
        return d.isoformat()
    raise ValueError(style)


def years_before(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 Feb
        return d.replace(year=d.year - years, day=28)


# ---------------------------------------------------------------------------
# Providers and people
# ---------------------------------------------------------------------------
class Provider:
    def __init__(self, rng, slug, name, quarter, region, programmes, staff, ref_fn,
                 mix=None, apostrophe="'", multiline_notes=False, new_nhi_share=0.0,
                 email_domain="org.nz"):
        self.rng = rng
        self.slug = slug
        self.name = name
        self.quarter = quarter
        self.q_start, self.q_end = quarter_bounds(quarter)
        self.region = region
        self.programmes = programmes
        self.staff = staff  # list of (first, last)
        self.ref_fn = ref_fn
        self.mix = mix or {"maori": 40, "pakeha": 30, "pacific": 18, "asian": 8, "other": 4}
        self.apostrophe = apostrophe
        self.multiline_notes = multiline_notes
        self.new_nhi_share = new_nhi_share
        self.used_refs: set = set()
        self.email_domain = email_domain
        self.table: dict = {}

    def next_ref(self):
        while True:
            n = self.rng.randint(1, 99999)
            if n not in self.used_refs:
                self.used_refs.add(n)
                return self.ref_fn(n)


class Person:
    pass


def _wchoice(rng, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def _ethnicities(rng, origin):
    if origin == "maori":
        eth = ["Māori"]
        r = rng.random()
        if r < 0.35:
            eth.append("New Zealand European")
        elif r < 0.45:
            eth.append(rng.choice(["Cook Islands Māori", "Samoan", "Tongan"]))
        if rng.random() < 0.05:
            eth.append("Other European")
        if rng.random() < 0.2:
            rng.shuffle(eth)
    elif origin == "pakeha":
        eth = [_wchoice(rng, ["New Zealand European", "Other European"], [85, 15])]
        if rng.random() < 0.2:
            eth.append("Māori")
    elif origin == "pacific":
        eth = [_wchoice(rng, ["Samoan", "Tongan", "Cook Islands Māori", "Niuean", "Fijian"],
                        [40, 28, 16, 9, 7])]
        r = rng.random()
        if r < 0.2:
            eth.append("Māori")
        elif r < 0.3:
            eth.append("New Zealand European")
        elif r < 0.38:
            eth.append(rng.choice([e for e in ["Samoan", "Tongan", "Niuean"] if e != eth[0]]))
    elif origin == "asian":
        eth = [_wchoice(rng, ["Chinese", "Indian", "Southeast Asian", "Other Asian"],
                        [35, 35, 20, 10])]
    else:
        eth = [_wchoice(rng, ["Middle Eastern", "Latin American", "African", "Other Ethnicity"],
                        [35, 25, 30, 10])]
    return eth[:3]


def _street(rng):
    num = rng.randint(1, 260)
    if rng.random() < 0.12:
        num = f"{num}{rng.choice('ABC')}"
    if rng.random() < 0.15:
        num = f"{rng.randint(1, 12)}/{num}"
    name = rng.choice(STREET_NAMES)
    full, abbr = rng.choice(STREET_TYPES)
    return f"{num} {name} {abbr if rng.random() < 0.4 else full}"


def make_person(prov: Provider) -> Person:
    rng = prov.rng
    p = Person()
    p.invalid = None
    origin = _wchoice(rng, list(prov.mix), list(prov.mix.values()))
    p.origin = origin
    p.gender = _wchoice(rng, ["F", "M", "X"], [78, 19, 3])
    pool = NAMES[origin]
    gpool = pool["F"] if p.gender == "F" else pool["M"] if p.gender == "M" else pool["F"] + pool["M"]
    p.first = rng.choice(gpool)
    p.middle = rng.choice(gpool) if rng.random() < 0.3 else ""
    if p.middle == p.first:
        p.middle = ""
    p.given = f"{p.first} {p.middle}".strip()
    if origin == "maori" and rng.random() < 0.15:
        p.family = rng.choice(NAMES["pakeha"]["fam"])
    elif origin == "pakeha" and rng.random() < 0.1:
        p.family = rng.choice(NAMES["maori"]["fam"])
    else:
        p.family = rng.choice(pool["fam"])
    if rng.random() < 0.04:
        p.family = f"{p.family}-{rng.choice(NAMES['pakeha']['fam'])}"

    # date of birth: age 16..64 at quarter end, mostly 20-40
    age = int(min(64, max(16, rng.gauss(31, 8))))
    if rng.random() < 0.04:
        age = rng.randint(45, 64)
    p.dob = years_before(prov.q_end, age) - dt.timedelta(days=rng.randint(0, 364))
    if p.dob > years_before(prov.q_end, 16):
        p.dob = years_before(prov.q_end, 16)

    p.nhi = (nhi_new(rng) if rng.random() < prov.new_nhi_share else nhi_old(rng)) \
        if rng.random() < 0.88 else ""
    p.ird = gen_ird(rng) if rng.random() < 0.7 else ""

    mob_prefix = _wchoice(rng, ["021", "022", "027", "029", "020"], [40, 15, 35, 5, 5])
    ndig = 6 if (mob_prefix == "021" and rng.random() < 0.2) else 7
    p.mobile = (mob_prefix, str(rng.randint(2, 9)) + "".join(str(rng.randrange(10)) for _ in range(ndig - 1))) \
        if rng.random() < 0.88 else None
    area = REGIONS[prov.region][0]
    p.landline = (area, str(rng.randint(2, 9)) + "".join(str(rng.randrange(10)) for _ in range(6))) \
        if rng.random() < 0.3 else None

    first_ascii = "".join(ch for ch in strip_macrons(p.first).lower() if ch.isalpha())
    fam_ascii = "".join(ch for ch in strip_macrons(p.family).lower() if ch.isalpha())
    local = rng.choice([f"{first_ascii}.{fam_ascii}", f"{first_ascii}{fam_ascii[:1]}{p.dob.year % 100:02d}",
                        f"{fam_ascii}{first_ascii[:1]}", f"{first_ascii}_{fam_ascii}{rng.randint(1, 99)}",
                        f"{first_ascii}{p.dob.year}"])
    dom = rng.choice(["gmail.com", "gmail.com", "hotmail.com", "outlook.com", "xtra.co.nz",
                      "yahoo.co.nz", "icloud.com", "live.com"])
    p.email = f"{local}@{dom}" if rng.random() < 0.75 else ""

    _, town, places = REGIONS[prov.region]
    place = rng.choice(places)
    if len(place) == 3:
        p.suburb, p.town, p.postcode = place
    else:
        p.suburb, p.postcode = place
        p.town = town
    p.street = _street(rng)

    p.eth = _ethnicities(rng, origin)
    p.iwi = []
    if "Māori" in p.eth and rng.random() < 0.75:
        p.iwi = rng.sample(IWI, k=_wchoice(rng, [1, 2, 3], [70, 24, 6]))
    elif "Māori" in p.eth and rng.random() < 0.3:
        p.iwi = ["Unknown"]

    if rng.random() < 0.72:
        rel = _wchoice(rng, ["partner", "mum", "nan", "aunty", "dad", "sister", "koro", "friend"],
                       [40, 15, 12, 10, 6, 8, 4, 5])
        cg_gender = "M" if rel in ("partner", "dad", "koro") and p.gender == "F" else "F"
        cpool = NAMES[origin if rng.random() < 0.8 else rng.choice(list(NAMES))]
        cg_first = rng.choice(cpool[cg_gender])
        cg_family = p.family if rel in ("mum", "nan", "dad", "sister", "koro") and rng.random() < 0.7 \
            else rng.choice(cpool["fam"])
        p.caregiver = (cg_first, cg_family, rel)
    else:
        p.caregiver = None

    p.worker = rng.choice(prov.staff)
    p.programme = rng.choice(prov.programmes)
    p.referral = _wchoice(rng, REFERRALS, REFERRAL_W)
    p.service = prov.q_start + dt.timedelta(days=rng.randint(0, (prov.q_end - prov.q_start).days))
    lo = prov.q_end - dt.timedelta(days=540)
    p.start = lo + dt.timedelta(days=rng.randint(0, (p.service - lo).days))
    if rng.random() < 0.3:  # started this quarter
        p.start = prov.q_start + dt.timedelta(days=rng.randint(0, (p.service - prov.q_start).days))
    weeks = max(1, (p.service - p.start).days // 7)
    p.sessions = min(40, max(0, int(rng.triangular(0, weeks + 2, weeks * 0.6))))
    if p.sessions == 0 and rng.random() < 0.7:
        p.sessions = 1
    p.outcome = _wchoice(rng, [0, 1, 2, 3, 4], OUTCOME_W)
    p.ws = max(1, min(10, int(rng.gauss(4.5, 1.8))))
    p.we = max(1, min(10, p.ws + rng.choice([-1, 0, 1, 1, 2, 2, 3, 4])))
    if rng.random() < 0.05:
        p.we = None
    p.consent = rng.random() < 0.86
    p.notes = _case_note(rng, prov, p)
    return p


def _phone_text(num, style):
    if num is None:
        return ""
    pre, rest = num
    if pre.startswith("02"):
        a, b = rest[:3], rest[3:]
        if style == "spaced":
            return f"{pre} {a} {b}"
        if style == "compact":
            return f"{pre}{rest}"
        if style == "intl":
            return f"+64 {pre[1:]} {a} {b}"
        if style == "intl_compact":
            return f"+64{pre[1:]}{rest}"
        if style == "dash":
            return f"{pre}-{a}-{b}"
        if style == "paren":
            return f"({pre}) {a} {b}"
    else:
        a, b = rest[:3], rest[3:]
        if style in ("spaced", "paren"):
            return f"({pre}) {a} {b}"
        if style == "compact":
            return f"{pre}{rest}"
        if style in ("intl", "intl_compact"):
            return f"+64 {pre[1:]} {a} {b}"
        if style == "dash":
            return f"{pre}-{a} {b}"
    raise ValueError(style)


def _case_note(rng, prov, p):
    g = p.first
    ap = prov.apostrophe
    ph = _phone_text(p.mobile or p.landline, "spaced") if (p.mobile or p.landline) else "her mobile"
    cg = p.caregiver[0] if p.caregiver else "her sister"
    wk = p.worker[0]
    options = [
        f"{g} attended {p.sessions} sessions so far, engaging well. Talked about sleep routines for pēpi.",
        f"Home visit completed by {wk}. {g} is feeling more confident; whānau hui planned for next month.",
        f"Missed the last two sessions - texted {ph}, no reply yet. Will try again next week.",
        f"Referred on to budgeting service. {g}{ap}s partner {cg} also came along to two sessions.",
        f"Kōrero about tikanga and karakia at bedtime. {g} keen to keep going next term.",
        f"Transport was an issue so {wk} picked {g} up from {p.suburb or p.town}.",
        f"Wellbeing went from {p.ws} to {p.we if p.we is not None else '?'} this quarter. Ka pai tō mahi!",
        f"Moved house during the quarter, new address confirmed with {g}.",
        "Court-directed attendance; all modules completed. Certificate given.",
        f"Needs follow-up re housing (emergency accommodation). Call back on {ph}.",
        f"{g} didn{ap}t want to fill in the post survey - said they were too tired. Pēpi unwell.",
        f"Great progress. {cg} (whānau support) attended the hākari at the end of the course."
        if p.caregiver else "Great progress. Attended the hākari at the end of the course with the tamariki.",
        f"Mum of {rng.randint(1, 6)}. Wants help with the kids{ap} school lunches and budgeting.",
        "Reluctant at first but now comes every week. Loves the waiata at the start of group.",
        f"Left a message on {ph} about the next wānanga.",
        "",
        "",
    ]
    note = rng.choice(options)
    if prov.multiline_notes and note and rng.random() < 0.25:
        note += "\n" + rng.choice(["Follow up next qtr.", f"- {wk}", "Next review: end of term.",
                                   "Kia kaha!"])
    return note


# ---------------------------------------------------------------------------
# Column renderers
# ---------------------------------------------------------------------------
class C:
    def __init__(self, header, target, fn, group=None):
        self.header, self.target, self.fn, self.group = header, target, fn, group


def r_full(style):
    def f(p):
        if style == "FAMILY, Given":
            return f"{p.family.upper()}, {p.given}"
        if style == "Family, Given":
            return f"{p.family}, {p.given}"
        if style == "Family, First":
            return f"{p.family}, {p.first}"
        if style == "Given Family":
            return f"{p.given} {p.family}"
        if style == "First Family":
            return f"{p.first} {p.family}"
        raise ValueError(style)
    return f


def r_gender(style):
    maps = {
        "word": {"F": "Female", "M": "Male", "X": "Another gender"},
        "lower": {"F": "female", "M": "male", "X": "another gender"},
        "mfx": {"F": "F", "M": "M", "X": "X"},
        "code": {"F": "2", "M": "1", "X": "3"},
        "reo": {"F": "Wahine", "M": "Tāne", "X": "Another gender"},
        "mixed_reo": {"F": "Female / Wahine", "M": "Male / Tāne", "X": "Another gender"},
        "caps": {"F": "FEMALE", "M": "MALE", "X": "ANOTHER GENDER"},
    }[style]
    return lambda p: maps[p.gender]


def _eth_label(e, style):
    if style == "code":
        return ETH_CODES[e]
    if style == "nz":
        return "NZ European" if e == "New Zealand European" else e
    if style == "upper":
        return e.upper()
    return e


def r_eth_single(sep, style="label"):
    return lambda p: sep.join(_eth_label(e, style) for e in p.eth)


def r_eth_n(k, style="label"):
    return lambda p: _eth_label(p.eth[k], style) if k < len(p.eth) else ""


def r_iwi(sep="; "):
    return lambda p: sep.join(p.iwi)


def r_phone(style, which="primary"):
    def f(p):
        if which == "mobile":
            num = p.mobile
        elif which == "home":
            num = p.landline
        else:
            num = p.mobile or p.landline
        return _phone_text(num, style)
    return f


def r_address(style):
    def f(p):
        parts = [p.street]
        if p.suburb:
            parts.append(p.suburb)
        if style == "full":
            parts.append(f"{p.town} {p.postcode}")
            return ", ".join(parts)
        if style == "nocode":
            parts.append(p.town)
            return ", ".join(parts)
        if style == "spaces":
            parts.append(p.town)
            return " ".join(parts)
        if style == "upper":
            parts.append(f"{p.town} {p.postcode}")
            return ", ".join(parts).upper()
        raise ValueError(style)
    return f


def r_caregiver(style):
    def f(p):
        if not p.caregiver:
            return ""
        first, fam, rel = p.caregiver
        if style == "name":
            return f"{first} {fam}"
        if style == "name_rel":
            return f"{first} {fam} ({rel})"
        if style == "rel_name":
            return f"{rel.capitalize()} - {first} {fam}"
        if style == "first":
            return f"{first} ({rel})"
        raise ValueError(style)
    return f


def r_worker(style):
    def f(p):
        first, last = p.worker
        if style == "full":
            return f"{first} {last}"
        if style == "first":
            return first
        if style == "initial":
            return f"{first} {last[0]}."
        if style == "upper":
            return f"{first} {last}".upper()
        raise ValueError(style)
    return f


def r_consent(yes, no):
    return lambda p: yes if p.consent else no


def r_outcome(key):
    return lambda p: OUTCOMES[key][p.outcome]


def r_referral(mapping=None):
    mapping = mapping or {}
    return lambda p: mapping.get(p.referral, p.referral)


def r_num(attr, as_int):
    def f(p):
        v = getattr(p, attr)
        if v is None:
            return ""
        return v if as_int else str(v)
    return f


def r_date(attr, style):
    return lambda p: fmt_date(getattr(p, attr), style)


def r_const(v):
    return lambda p: v


def r_rand(rng, values, weights=None):
    return lambda p: rng.choices(values, weights=weights, k=1)[0]


# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------
def _cell_text(v):
    if v is None:
        return ""
    if isinstance(v, dt.date):
        return fmt_date(v, "dmy")
    return str(v)


def write_delimited(path, header_rows, rows, encoding, delimiter, lineterminator="\r\n", gz=False):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator,
                   quoting=csv.QUOTE_MINIMAL)
    for r in header_rows + rows:
        w.writerow([_cell_text(v) for v in r])
    data = buf.getvalue().encode(encoding)
    if gz:
        data = gzip.compress(data, compresslevel=9, mtime=0)
    path.write_bytes(data)


def _spans(groups):
    """Contiguous runs of the same non-null group: list of (group, start, end) 0-based."""
    out, i = [], 0
    while i < len(groups):
        j = i
        while j + 1 < len(groups) and groups[j + 1] == groups[i]:
            j += 1
        if groups[i]:
            out.append((groups[i], i, j))
        i = j + 1
    return out


def write_xlsx(path, sheets):
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "Provider"
    wb.properties.created = dt.datetime(2026, 1, 1, 9, 0, 0)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for sh in sheets:
        ws = wb.create_sheet(sh["name"])
        if sh["kind"] == "cover":
            for r, line in enumerate(sh["lines"], start=1):
                for c, v in enumerate(line, start=1):
                    if v != "":
                        ws.cell(row=r, column=c, value=v)
            ws["A1"].font = Font(bold=True, size=14)
            ws.column_dimensions["A"].width = 28
            ws.column_dimensions["B"].width = 70
            continue
        r = 1
        for t in sh.get("title_rows", []):
            for c, v in enumerate(t, start=1):
                if v != "":
                    ws.cell(row=r, column=c, value=v).font = Font(bold=True, size=13)
            r += 1
        groups = sh.get("groups")
        if groups:
            for g, a, b in _spans(groups):
                cell = ws.cell(row=r, column=a + 1, value=g)
                cell.font = bold
                cell.alignment = Alignment(horizontal="center")
                cell.fill = fill
                if b > a:
                    ws.merge_cells(start_row=r, start_column=a + 1, end_row=r, end_column=b + 1)
            r += 1
        for c, h in enumerate(sh["headers"], start=1):
            cell = ws.cell(row=r, column=c, value=h)
            cell.font = bold
            cell.fill = fill
            if "\n" in h:
                cell.alignment = Alignment(wrap_text=True)
        header_row = r
        for row in sh["rows"]:
            r += 1
            for c, v in enumerate(row, start=1):
                if v is None or v == "":
                    continue
                cell = ws.cell(row=r, column=c, value=v)
                if isinstance(v, dt.date):
                    cell.number_format = "dd/mm/yyyy"
                elif isinstance(v, str) and "\n" in v:
                    cell.alignment = Alignment(wrap_text=True)
        for c, h in enumerate(sh["headers"], start=1):
            ws.column_dimensions[get_column_letter(c)].width = max(10, min(40, len(h) + 4))
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    buf = io.BytesIO()
    wb.save(buf)
    _normalise_zip(buf.getvalue(), path)


def _normalise_zip(data: bytes, path):
    """Rewrite an xlsx with fixed entry timestamps and a fixed 'modified' date (byte-reproducible)."""
    import re
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w") as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>2026-01-01T09:00:00Z\2", body)
                body = re.sub(rb"(<dcterms:created[^>]*>)[^<]*(<)", rb"\g<1>2026-01-01T09:00:00Z\2", body)
            zi = zipfile.ZipInfo(info.filename, (2026, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            z.writestr(zi, body)


_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')


def _ods_cell(v, span=1):
    attrs = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    if v is None or v == "":
        return f"<table:table-cell{attrs}/>"
    if isinstance(v, bool):
        v = str(v)
    if isinstance(v, dt.date):
        return (f'<table:table-cell office:value-type="date" office:date-value="{v.isoformat()}"{attrs}>'
                f"<text:p>{fmt_date(v, 'dmy')}</text:p></table:table-cell>")
    if isinstance(v, int):
        return (f'<table:table-cell office:value-type="float" office:value="{v}"{attrs}>'
                f"<text:p>{v}</text:p></table:table-cell>")
    paras = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(v).split("\n"))
    return f'<table:table-cell office:value-type="string"{attrs}>{paras}</table:table-cell>'


def write_ods(path, sheets):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<office:document-content {_ODS_NS} office:version="1.2">',
           "<office:body><office:spreadsheet>"]
    for sh in sheets:
        ncols = len(sh["headers"])
        out.append(f'<table:table table:name="{escape(sh["name"])}">')
        out.append(f'<table:table-column table:number-columns-repeated="{ncols}"/>')
        for t in sh.get("title_rows", []):
            out.append("<table:table-row>" + "".join(_ods_cell(v) for v in t) + "</table:table-row>")
        groups = sh.get("groups")
        if groups:
            cells, i = [], 0
            spans = {a: (g, b) for g, a, b in _spans(groups)}
            while i < ncols:
                if i in spans:
                    g, b = spans[i]
                    cells.append(_ods_cell(g, span=b - i + 1))
                    cells.extend(["<table:covered-table-cell/>"] * (b - i))
                    i = b + 1
                else:
                    cells.append(_ods_cell(""))
                    i += 1
            out.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        out.append("<table:table-row>" + "".join(_ods_cell(h) for h in sh["headers"]) + "</table:table-row>")
        for row in sh["rows"]:
            out.append("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>")
        out.append("</table:table>")
    out.append("</office:spreadsheet></office:body></office:document-content>")
    content = "\n".join(out).encode("utf-8")
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        b'manifest:version="1.2">\n'
        b' <manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        b'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>\n'
        b' <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\n'
        b"</manifest:manifest>\n")
    stamp = (2026, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(path, "w") as z:
        zi = zipfile.ZipInfo("mimetype", stamp)
        zi.compress_type = zipfile.ZIP_STORED
        z.writestr(zi, b"application/vnd.oasis.opendocument.spreadsheet")
        for name, data in (("META-INF/manifest.xml", manifest), ("content.xml", content)):
            zi = zipfile.ZipInfo(name, stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


# ---------------------------------------------------------------------------
# Generic builder
# ---------------------------------------------------------------------------
NAME_TARGETS = ("full_name", "family_name", "given_names", "nhi")
BAD_DOB = ["unknown", "", "N/K", "not given", "00/00/0000", "?"]


def _render_table(prov, cols, nrows, n_invalid, translit):
    rng = prov.rng
    people = [make_person(prov) for _ in range(nrows)]
    bad = rng.sample(range(nrows), n_invalid) if n_invalid else []
    for i in bad:
        people[i].invalid = rng.choice(["noname", "nodob"])
    rows = []
    for p in people:
        row = [c.fn(p) for c in cols]
        if p.invalid == "noname":
            row = ["" if c.target in NAME_TARGETS else v for c, v in zip(cols, row, strict=False)]
        elif p.invalid == "nodob":
            row = [rng.choice(BAD_DOB) if c.target == "date_of_birth" else v for c, v in zip(cols, row, strict=False)]
        if translit:
            row = [strip_macrons(v) for v in row]
        rows.append(row)
    return rows


def build_layout(spec, out_dir: pathlib.Path) -> dict:
    prov: Provider = spec["provider"]
    cols = spec["columns"]
    translit = spec.get("translit", False)
    headers = [strip_macrons(c.header) if translit else c.header for c in cols]
    groups = [c.group for c in cols]
    has_groups = any(groups)
    lay_dir = out_dir / spec["id"]
    landing = lay_dir / "landing" / prov.slug / prov.quarter
    landing.mkdir(parents=True, exist_ok=True)

    files_truth = []
    for f in spec["files"]:
        tables_truth, sheets, total, valid = [], [], 0, 0
        if f.get("cover"):
            sheets.append({"kind": "cover", **f["cover"]})
        for t in f["tables"]:
            prov.table = t
            rows = _render_table(prov, cols, t["rows"], t.get("invalid", 0), translit)
            title_rows = t.get("title_rows", [])
            header_row = len(title_rows) + (2 if has_groups else 1)
            sheets.append({"kind": "data", "name": t.get("sheet"), "title_rows": title_rows,
                           "groups": groups if has_groups else None, "headers": headers, "rows": rows})
            total += t["rows"]
            valid += t["rows"] - t.get("invalid", 0)
            tables_truth.append({
                "sheet": t.get("sheet"),
                "header_row": header_row,
                "rows": t["rows"],
                "columns": [{"index": i, "header": h, "group": g, "target": c.target}
                            for i, (h, g, c) in enumerate(zip(headers, groups, cols, strict=False))],
            })
        path = landing / f["name"]
        fmt = f["format"]
        if fmt in ("csv", "tsv", "txt", "csv.gz"):
            assert len(sheets) == 1
            sh = sheets[0]
            header_rows = [list(r) for r in sh["title_rows"]]
            if has_groups:
                top = [""] * len(headers)
                for g, a, _b in _spans(groups):
                    top[a] = g
                header_rows.append(top)
            header_rows.append(headers)
            write_delimited(path, header_rows, sh["rows"], f["encoding"], f["delimiter"],
                            f.get("lineterminator", "\r\n"), gz=(fmt == "csv.gz"))
        elif fmt == "xlsx":
            write_xlsx(path, sheets)
        elif fmt == "ods":
            write_ods(path, sheets)
        else:
            raise ValueError(fmt)
        files_truth.append({
            "name": f["name"], "format": fmt,
            "encoding": f.get("encoding"), "delimiter": f.get("delimiter"),
            "rows": total, "valid_rows": valid, "tables": tables_truth,
        })

    truth = {"layout_id": spec["id"], "provider": prov.slug, "quarter": prov.quarter,
             "features": spec["features"], "files": files_truth}
    (lay_dir / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n",
                                        encoding="utf-8")
    return truth


# ---------------------------------------------------------------------------
# The 15 layouts
# ---------------------------------------------------------------------------
def layout01(rng):
    """Kōwhai Parenting Trust, West Auckland: plain UTF-8 CSV export."""
    prov = Provider(rng, "kowhai-parenting-trust", "Kōwhai Parenting Trust", "2026Q1", "auckland_west",
                    ["Strong Start Parenting", "Tiny Steps", "Dads Matter", "Toddler Tamariki Group"],
                    [("Hine", "Walker"), ("Bronwyn", "Tait"), ("Sefo", "Lealaiauloto"), ("Karen", "Ngata"),
                     ("Rhys", "Morgan")],
                    lambda n: f"KPT-{n:05d}", multiline_notes=True)
    cols = [
        C("Client ID", "client_ref", lambda p: prov.next_ref()),
        C("Surname", "family_name", lambda p: p.family),
        C("First name(s)", "given_names", lambda p: p.given),
        C("DOB", "date_of_birth", r_date("dob", "dmy")),
        C("Gender", "gender", r_gender("word")),
        C("NHI", "nhi", lambda p: p.nhi),
        C("Mobile", "phone", r_phone("spaced", "mobile")),
        C("Email", "email", lambda p: p.email),
        C("Address", "address", r_address("full")),
        C("Ethnicity", "ethnicity", r_eth_single("; ", "nz")),
        C("Iwi", "iwi", r_iwi("; ")),
        C("Programme", "programme", lambda p: p.programme),
        C("Referred by", "referral_source", r_referral({"Self": "Self referral"})),
        C("Start date", "start_date", r_date("start", "dmy")),
        C("Last session", "service_date", r_date("service", "dmy")),
        C("Sessions attended", "sessions_attended", r_num("sessions", False)),
        C("Pre score", "wellbeing_start", r_num("ws", False)),
        C("Post score", "wellbeing_end", r_num("we", False)),
        C("Outcome", "outcome_status", r_outcome("A")),
        C("Key worker", "key_worker", r_worker("full")),
        C("Consent to evaluation (Y/N)", "consent_evaluation", r_consent("Y", "N")),
        C("Case notes", "case_notes", lambda p: p.notes),
        C("Funding code", None, r_rand(rng, ["MSD-PS1", "MSD-PS1", "OT-EI2", "TPK-WO"])),
        C("Updated by", None, r_rand(rng, ["bronwyn.t", "hine.w", "admin", "karen.n"])),
    ]
    return {"id": "TEST01", "provider": prov, "columns": cols,
            "features": ["csv", "utf-8", "comma", "crlf", "separate_names", "address_single",
                         "ethnicity_single", "iwi", "pre_post_scores", "key_worker", "client_ref",
                         "multiline_notes", "extra_columns", "invalid_rows"],
            "files": [{"name": "KPT_quarterly_return_2026Q1.csv", "format": "csv", "encoding": "utf-8",
                       "delimiter": ",", "lineterminator": "\r\n",
                       "tables": [{"sheet": None, "rows": rng.randint(120, 180), "invalid": 2}]}]}


def layout02(rng):
    """Te Whare Āwhina o Tāmaki: semicolon CSV with BOM, te reo headers."""
    prov = Provider(rng, "te-whare-awhina-o-tamaki", "Te Whare Āwhina o Tāmaki", "2026Q2", "auckland_east",
                    ["Mātua Ora", "Hapū Wānanga", "Whakapakari Whānau", "Kōhanga Kōrero"],
                    [("Mereana", "Tūhoe"), ("Pita", "Hēnare"), ("Ngaire", "Rāwiri"), ("Tom", "Rua")],
                    lambda n: f"TWA{n}",
                    mix={"maori": 65, "pakeha": 10, "pacific": 20, "asian": 3, "other": 2})
    counter = iter(range(1, 10_000))
    cols = [
        C("Tau", None, lambda p: str(next(counter))),
        C("Ingoa", "full_name", r_full("FAMILY, Given")),
        C("Rā whānau", "date_of_birth", r_date("dob", "dmy_dash")),
        C("Ira tangata", "gender", r_gender("reo")),
        C("Nama NHI", "nhi", lambda p: p.nhi),
        C("Waea", "phone", r_phone("compact")),
        C("Īmēra", "email", lambda p: p.email),
        C("Wāhi noho - tiriti", "address_street", lambda p: p.street),
        C("Wāhi noho - rohe", "address_suburb", lambda p: p.suburb),
        C("Tāone", "address_town", lambda p: p.town),
        C("Waehere poutāpeta", "address_postcode", lambda p: p.postcode),
        C("Matawaka 1", "ethnicity", r_eth_n(0)),
        C("Matawaka 2", "ethnicity", r_eth_n(1)),
        C("Matawaka 3", "ethnicity", r_eth_n(2)),
        C("Iwi", "iwi", r_iwi(", ")),
        C("Ingoa o te kaitiaki", "caregiver_name", r_caregiver("name")),
        C("Kaimahi", "key_worker", r_worker("first")),
        C("Hōtaka", "programme", lambda p: p.programme),
        C("Nā wai i tuku mai", "referral_source", r_referral()),
        C("Rā tīmata", "start_date", r_date("start", "dmy_dash")),
        C("Rā hui whakamutunga", "service_date", r_date("service", "dmy_dash")),
        C("Hui i tae", "sessions_attended", r_num("sessions", False)),
        C("Whakaaetanga", "consent_evaluation", r_consent("Āe", "Kāo")),
        C("Putanga", "outcome_status", r_outcome("A")),
        C("Tuhipoka", "case_notes", lambda p: p.notes),
        C("Pūtea", None, r_rand(rng, ["WO-2026", "TPK", "MSD"])),
        C("Tari", None, r_rand(rng, ["Glen Innes", "Panmure"])),
    ]
    return {"id": "TEST02", "provider": prov, "columns": cols,
            "features": ["csv", "utf-8-sig", "bom", "semicolon", "te_reo_headers",
                         "full_name_family_first", "address_split", "ethnicity_numbered", "iwi",
                         "caregiver", "key_worker", "no_client_ref", "row_counter", "extra_columns"],
            "files": [{"name": "Purongo_Hauwha_2026Q2.csv", "format": "csv", "encoding": "utf-8-sig",
                       "delimiter": ";", "lineterminator": "\r\n",
                       "tables": [{"sheet": None, "rows": rng.randint(80, 130), "invalid": 0}]}]}


def layout03(rng):
    """Naenae Family Support: Windows-1252 CSV from an old Access database, odd column order."""
    prov = Provider(rng, "naenae-family-support", "Naenae Family Support", "2026Q3", "hutt",
                    ["Parenting Through Change", "Young Mums", "Home Visiting", "Anger to Action"],
                    [("Leanne", "Hooper"), ("Tania", "Paewai"), ("Graham", "Boyd"), ("Losana", "Vea")],
                    lambda n: f"NFS/{n:04d}" if n < 10000 else f"NFS/{n}",
                    mix={"maori": 35, "pakeha": 40, "pacific": 15, "asian": 6, "other": 4},
                    apostrophe="\u2019")
    cols = [
        C("Programme", "programme", lambda p: p.programme),
        C("Worker", "key_worker", r_worker("initial")),
        C("Date of last contact", "service_date", r_date("service", "d mon y")),
        C("LAST NAME", "family_name", lambda p: p.family.upper()),
        C("FIRST NAME", "given_names", lambda p: p.given),
        C("Client's caregiver / support person", "caregiver_name", r_caregiver("name_rel")),
        C("D.O.B.", "date_of_birth", r_date("dob", "dmy")),
        C("Sex", "gender", r_gender("mfx")),
        C("Ethnic group(s)", "ethnicity", r_eth_single("/")),
        C("Ph", "phone", r_phone("dash")),
        C("Street address", "address_street", lambda p: p.street),
        C("Suburb", "address_suburb", lambda p: p.suburb),
        C("City", "address_town", lambda p: p.town),
        C("Referral from", "referral_source", r_referral({"Whānau": "Family", "GP": "Doctor (GP)"})),
        C("Commenced", "start_date", r_date("start", "dmy")),
        C("No. sessions", "sessions_attended", r_num("sessions", False)),
        C("Status", "outcome_status", r_outcome("B")),
        C("Comments", "case_notes", lambda p: p.notes),
        C("Date of exit", None, lambda p: fmt_date(p.service, "dmy") if p.outcome in (0, 4) else ""),
        C("Office", None, r_rand(rng, ["Naenae", "Taita"])),
        C("Client ref", "client_ref", lambda p: prov.next_ref()),
    ]
    return {"id": "TEST03", "provider": prov, "columns": cols, "translit": True,
            "features": ["csv", "cp1252", "macrons_stripped", "curly_apostrophes", "comma",
                         "unusual_order", "separate_names", "address_split", "no_postcode",
                         "ethnicity_single", "caregiver", "key_worker", "client_ref_last",
                         "extra_columns", "invalid_rows"],
            "files": [{"name": "naenae_fs_q3_2026.csv", "format": "csv", "encoding": "cp1252",
                       "delimiter": ",", "lineterminator": "\r\n",
                       "tables": [{"sheet": None, "rows": rng.randint(90, 160), "invalid": 1}]}]}


def layout04(rng):
    """Pacific Aiga Services, South Auckland: UTF-16 tab-delimited .txt (Excel 'Unicode text')."""
    prov = Provider(rng, "pacific-aiga-services", "Pacific Aiga Services", "2026Q4", "auckland_south",
                    ["Aiga Malosi", "Fanau Ola", "Pasifika Parents Together", "Mātua Pasifika"],
                    [("Luisa", "Tuimavave"), ("Ioane", "Faleolo"), ("Mele", "Taufa"), ("Grace", "Pouono")],
                    lambda n: str(n),
                    mix={"maori": 12, "pakeha": 5, "pacific": 75, "asian": 6, "other": 2})
    cols = [
        C("Name", "full_name", r_full("Given Family")),
        C("Birthdate", "date_of_birth", r_date("dob", "iso")),
        C("Gender (M/F/X)", "gender", r_gender("mfx")),
        C("Ethnicity code(s)", "ethnicity", r_eth_single(",", "code")),
        C("Phone number", "phone", lambda p: _phone_text(p.mobile or p.landline,
                                                          prov.rng.choice(["spaced", "intl", "compact"]))
          if (p.mobile or p.landline) else ""),
        C("Home address", "address", r_address("nocode")),
        C("Language at home", None, r_rand(rng, ["Samoan", "Tongan", "English", "Cook Islands Māori",
                                                   "Niuean", "English/Samoan"])),
        C("Church", None, r_rand(rng, ["PIPC Ōtara", "LDS", "Methodist", "Catholic", "", "AOG"])),
        C("Aiga/family support person", "caregiver_name", r_caregiver("name")),
        C("Programme stream", "programme", lambda p: p.programme),
        C("Enrolment date", "start_date", r_date("start", "dmy")),
        C("Session date (most recent)", "service_date", r_date("service", "dmy")),
        C("Attended (#)", "sessions_attended", r_num("sessions", False)),
        C("Wellbeing - start", "wellbeing_start", r_num("ws", False)),
        C("Wellbeing - now", "wellbeing_end", r_num("we", False)),
        C("Result", "outcome_status", r_outcome("A")),
        C("IRD #", "ird", lambda p: fmt_ird(p.ird, "plain") if p.ird else ""),
        C("Consent Y/N", "consent_evaluation", r_consent("Yes", "No")),
        C("Entered by", None, r_rand(rng, ["Luisa", "Reception", "Ioane"])),
        C("Notes", "case_notes", lambda p: p.notes),
    ]
    return {"id": "TEST04", "provider": prov, "columns": cols,
            "features": ["txt", "utf-16", "bom", "tab", "full_name_given_first", "ethnicity_codes",
                         "ethnicity_single", "address_single", "caregiver", "pre_post_scores", "ird",
                         "no_client_ref", "no_nhi", "no_key_worker", "extra_columns", "iso_dates"],
            "files": [{"name": "PAS Oct-Dec 2026.txt", "format": "txt", "encoding": "utf-16",
                       "delimiter": "\t", "lineterminator": "\r\n",
                       "tables": [{"sheet": None, "rows": rng.randint(100, 200), "invalid": 0}]}]}


def layout05(rng):
    """Hutt Valley Young Parents: database export, CamelCase headers, TSV sent in two parts."""
    prov = Provider(rng, "hutt-valley-young-parents", "Hutt Valley Young Parents", "2026Q1", "hutt",
                    ["Young Parents Programme", "Teen Parent Unit Support", "Hapū Māmā"],
                    [("Danielle", "Ropata"), ("Kirsty", "Allan"), ("Jonah", "Tipene"),
                     ("Ana", "Falaniko"), ("Ruth", "Baker")],
                    lambda n: f"YP{n:05d}")
    cols = [
        C("ClientNo", "client_ref", lambda p: prov.next_ref()),
        C("FamilyName", "family_name", lambda p: p.family),
        C("GivenNames", "given_names", lambda p: p.given),
        C("DateOfBirth", "date_of_birth", r_date("dob", "dmy")),
        C("Age", None, lambda p: str((prov.q_end - p.dob).days // 365)),
        C("Gender", "gender", r_gender("code")),
        C("NHINumber", "nhi", lambda p: p.nhi),
        C("IRDNumber", "ird", lambda p: fmt_ird(p.ird, "dash") if p.ird else ""),
        C("MobilePhone", "phone", r_phone("compact", "mobile")),
        C("EmailAddress", "email", lambda p: p.email),
        C("EthnicityCodes", "ethnicity", r_eth_single(";", "code")),
        C("IwiAffiliation", "iwi", r_iwi(";")),
        C("ReferralSource", "referral_source", r_referral()),
        C("ProgrammeName", "programme", lambda p: p.programme),
        C("StartDate", "start_date", r_date("start", "dmy")),
        C("LastSessionDate", "service_date", r_date("service", "dmy")),
        C("SessionsAttended", "sessions_attended", r_num("sessions", False)),
        C("PreWellbeing", "wellbeing_start", r_num("ws", False)),
        C("PostWellbeing", "wellbeing_end", r_num("we", False)),
        C("OutcomeStatus", "outcome_status", r_outcome("A")),
        C("EvaluationConsent", "consent_evaluation", r_consent("TRUE", "FALSE")),
        C("CaseWorker", "key_worker", r_worker("full")),
        C("ContractRef", None, r_const("HVYP-2025-031")),
        C("ExitDate", None, lambda p: fmt_date(p.service, "dmy") if p.outcome == 4 else ""),
        C("LastModifiedBy", None, r_rand(rng, ["dropata", "kallan", "system"])),
    ]
    return {"id": "TEST05", "provider": prov, "columns": cols,
            "features": ["tsv", "utf-8", "tab", "two_files", "camelcase_headers", "separate_names",
                         "gender_codes", "ethnicity_codes", "ethnicity_single", "ird", "iwi",
                         "pre_post_scores", "key_worker", "no_address", "extra_columns", "invalid_rows"],
            "files": [
                {"name": "HVYP_2026Q1_part1.tsv", "format": "tsv", "encoding": "utf-8", "delimiter": "\t",
                 "lineterminator": "\n", "tables": [{"sheet": None, "rows": rng.randint(90, 140), "invalid": 0}]},
                {"name": "HVYP_2026Q1_part2.tsv", "format": "tsv", "encoding": "utf-8", "delimiter": "\t",
                 "lineterminator": "\n", "tables": [{"sheet": None, "rows": rng.randint(80, 110), "invalid": 1}]},
            ]}


def layout06(rng):
    """Kaiti Community House, Gisborne: pipe-delimited cp1252 text, kaimahi-first column order."""
    prov = Provider(rng, "kaiti-community-house", "Kaiti Community House", "2026Q2", "gisborne",
                    ["Whānau Toko i te Ora", "Parenting Café", "Budget & Whānau", "Mokopuna Mornings"],
                    [("Huia", "Brown"), ("Api", "Mahuika"), ("Gail", "Turei"), ("Whaea Lil", "Pere")],
                    lambda n: f"KCH{n}",
                    mix={"maori": 75, "pakeha": 17, "pacific": 5, "asian": 2, "other": 1})
    counter = iter(range(1, 10_000))
    cols = [
        C("Line", None, lambda p: str(next(counter))),
        C("Kaimahi name", "key_worker", r_worker("first")),
        C("Service date", "service_date", r_date("service", "dmy_dot")),
        C("Client (Surname, First)", "full_name", r_full("Family, First")),
        C("Client D.O.B", "date_of_birth", r_date("dob", "d month y")),
        C("M/F", "gender", r_gender("mfx")),
        C("Ethnicity", "ethnicity", r_eth_single(", ")),
        C("Iwi / hapū", "iwi", r_iwi(", ")),
        C("Contact ph", "phone", r_phone("paren")),
        C("Address", "address", r_address("spaces")),
        C("Whānau support", "caregiver_name", r_caregiver("rel_name")),
        C("Sessions", "sessions_attended", r_num("sessions", False)),
        C("Status", "outcome_status", r_outcome("E")),
        C("Programme", "programme", lambda p: p.programme),
        C("Referral", "referral_source", r_referral()),
        C("Notes", "case_notes", lambda p: p.notes),
        C("Transport provided", None, r_rand(rng, ["Y", "N", "N", ""])),
        C("Koha", None, r_rand(rng, ["", "", "$20 voucher", "kai pack"])),
    ]
    return {"id": "TEST06", "provider": prov, "columns": cols, "translit": True,
            "features": ["txt", "cp1252", "macrons_stripped", "pipe", "unusual_order",
                         "full_name_family_first", "ethnicity_single", "iwi", "caregiver", "key_worker",
                         "address_single", "row_counter", "no_client_ref", "no_nhi", "no_start_date",
                         "extra_columns", "invalid_rows", "long_month_dates"],
            "files": [{"name": "KCH-return-Apr-Jun-2026.txt", "format": "txt", "encoding": "cp1252",
                       "delimiter": "|", "lineterminator": "\r\n",
                       "tables": [{"sheet": None, "rows": rng.randint(80, 150), "invalid": 2}]}]}


def layout07(rng):
    """Flaxmere Whānau Ora: gzip-compressed UTF-8 CSV from a CRM, address in four columns."""
    prov = Provider(rng, "flaxmere-whanau-ora", "Flaxmere Whānau Ora", "2026Q3", "hastings",
                    ["Whānau Ora Navigation", "Te Pā Harakeke", "Kaupapa Mātua"],
                    [("Anahera", "Hapi"), ("Jason", "Tomoana"), ("Kiri", "Nepe"), ("Sarah", "Lloyd")],
                    lambda n: f"{n:06d}",
                    mix={"maori": 60, "pakeha": 18, "pacific": 16, "asian": 4, "other": 2},
                    new_nhi_share=0.1)
    cols = [
        C("Client No.", "client_ref", lambda p: prov.next_ref()),
        C("Last Name", "family_name", lambda p: p.family),
        C("First Name", "given_names", lambda p: p.first),
        C("Preferred name", None, lambda p: prov.rng.choice(["Bubs", "Sis", "Mo", "Jojo", "Tee", "Lulu", "Kiki",
                                                              "Boss", "Hunny"]) if prov.rng.random() < 0.12 else ""),
        C("Date of Birth", "date_of_birth", r_date("dob", "dmy_nopad")),
        C("Gender", "gender", r_gender("word")),
        C("NHI No.", "nhi", lambda p: p.nhi),
        C("Cell", "phone", r_phone("intl", "mobile")),
        C("E-mail", "email", lambda p: p.email),
        C("Unit/Street", "address_street", lambda p: p.street),
        C("Suburb", "address_suburb", lambda p: p.suburb),
        C("Town", "address_town", lambda p: p.town),
        C("Post Code", "address_postcode", lambda p: p.postcode),
        C("Ethnicity", "ethnicity", r_eth_single("; ")),
        C("Iwi", "iwi", r_iwi("; ")),
        C("Caregiver", "caregiver_name", r_caregiver("name")),
        C("Referrer", "referral_source", r_referral({"Self": "Self-referred"})),
        C("Service", "programme", lambda p: p.programme),
        C("Start Date", "start_date", r_date("start", "dmy_nopad")),
        C("Date Last Seen", "service_date", r_date("service", "dmy_nopad")),
        C("# Visits", "sessions_attended", r_num("sessions", False)),
        C("Outcome", "outcome_status", r_outcome("C")),
        C("Consent", "consent_evaluation", r_consent("Consented", "Declined")),
        C("Navigator", "key_worker", r_worker("full")),
        C("Case Notes", "case_notes", lambda p: p.notes),
        C("Date of exit", None, lambda p: fmt_date(p.service, "dmy_nopad") if p.outcome in (0, 4) else ""),
        C("Funder", None, r_rand(rng, ["TPK", "Whānau Ora Commissioning Agency", "MSD"])),
    ]
    return {"id": "TEST07", "provider": prov, "columns": cols,
            "features": ["csv.gz", "gzip", "utf-8", "comma", "lf", "separate_names", "address_split",
                         "ethnicity_single", "iwi", "caregiver", "key_worker", "nhi_new_format",
                         "client_ref", "extra_columns", "invalid_rows"],
            "files": [{"name": "fwo_clients_2026-Q3.csv.gz", "format": "csv.gz", "encoding": "utf-8",
                       "delimiter": ",", "lineterminator": "\n",
                       "tables": [{"sheet": None, "rows": rng.randint(140, 200), "invalid": 1}]}]}


def layout08(rng):
    """Aranui Parents Centre, Christchurch: hand-kept workbook with title rows above the header."""
    prov = Provider(rng, "aranui-parents-centre", "Aranui Parents Centre", "2026Q3", "christchurch",
                    ["Baby & Me", "Positive Parenting", "Dads Group", "Kaiāwhina Whānau"],
                    [("Jo", "Rutherford"), ("Mihi", "Tainui"), ("Fiona", "Grant"), ("Steph", "Kerr")],
                    lambda n: f"APC{n:04d}" if n < 10000 else f"APC{n}",
                    mix={"maori": 30, "pakeha": 52, "pacific": 8, "asian": 6, "other": 4},
                    multiline_notes=True, new_nhi_share=0.15)
    cols = [
        C("Ref", "client_ref", lambda p: prov.next_ref()),
        C("Client's first name", "given_names", lambda p: p.given),
        C("Client's surname", "family_name", lambda p: p.family),
        C("Date Of Birth (dd/mm/yyyy)", "date_of_birth", r_date("dob", "cell")),
        C("Gender", "gender", r_gender("mfx")),
        C("NHI", "nhi", lambda p: p.nhi),
        C("Phone", "phone", r_phone("spaced")),
        C("Email address", "email", lambda p: p.email),
        C("Address", "address", r_address("full")),
        C("Ethnicity", "ethnicity", r_eth_single("/", "nz")),
        C("Facilitator", "key_worker", r_worker("first")),
        C("Programme", "programme", lambda p: p.programme),
        C("How did they hear about us / referral", "referral_source",
          r_referral({"Self": "Saw it on Facebook", "Plunket": "Plunket nurse"})),
        C("First session", "start_date", r_date("start", "cell")),
        C("Most recent session", "service_date", r_date("service", "cell")),
        C("Sessions attended", "sessions_attended", r_num("sessions", True)),
        C("Wellbeing score (start)", "wellbeing_start", r_num("ws", True)),
        C("Wellbeing score (end)", "wellbeing_end", r_num("we", True)),
        C("Outcome", "outcome_status", r_outcome("A")),
        C("Happy for info to be used for evaluation?", "consent_evaluation", r_consent("Yes", "No")),
        C("Notes", "case_notes", lambda p: p.notes),
        C("No. of tamariki", None, lambda p: prov.rng.randint(1, 5)),
        C("Updated by", None, r_rand(rng, ["Jo", "Fiona", "Mihi"])),
    ]
    title = [["Quarterly return - July to Sept 2026"], ["Aranui Parents Centre"], []]
    return {"id": "TEST08", "provider": prov, "columns": cols,
            "features": ["xlsx", "title_rows", "date_cells", "separate_names", "given_before_family",
                         "address_single", "ethnicity_single", "pre_post_scores", "key_worker",
                         "nhi_new_format", "multiline_notes", "client_ref", "extra_columns"],
            "files": [{"name": "Aranui PC Q3 2026 return.xlsx", "format": "xlsx", "encoding": None,
                       "delimiter": None,
                       "tables": [{"sheet": "Q3 return", "rows": rng.randint(80, 140), "invalid": 0,
                                   "title_rows": title}]}]}


def layout09(rng):
    """Fordlands Family Services, Rotorua: cover sheet + data sheet with a merged two-row header."""
    prov = Provider(rng, "fordlands-family-services", "Fordlands Family Services", "2026Q4", "rotorua",
                    ["Te Ara Mātua", "Safe Whānau", "Parenting Plus", "Tamariki First"],
                    [("Huia", "Te Kani"), ("Rawiri", "Kingi"), ("Donna", "Hall"), ("Aperahama", "Ngatai")],
                    lambda n: f"FFS-{n}",
                    mix={"maori": 65, "pakeha": 22, "pacific": 8, "asian": 3, "other": 2})
    cols = [
        C("Name (SURNAME, First)", "full_name", r_full("FAMILY, Given"), "Client"),
        C("DOB", "date_of_birth", r_date("dob", "cell"), "Client"),
        C("Gender", "gender", r_gender("word"), "Client"),
        C("NHI", "nhi", lambda p: p.nhi, "Client"),
        C("IRD No.", "ird", lambda p: fmt_ird(p.ird, "int") if p.ird else None, "Client"),
        C("Phone", "phone", r_phone("spaced"), "Contact"),
        C("Email", "email", lambda p: p.email, "Contact"),
        C("Address", "address", r_address("full"), "Contact"),
        C("Ethnicity 1", "ethnicity", r_eth_n(0), "Whānau"),
        C("Ethnicity 2", "ethnicity", r_eth_n(1), "Whānau"),
        C("Iwi", "iwi", r_iwi("; "), "Whānau"),
        C("Caregiver / whānau contact", "caregiver_name", r_caregiver("name"), "Whānau"),
        C("Programme", "programme", lambda p: p.programme, "Service"),
        C("Referral source", "referral_source", r_referral(), "Service"),
        C("Kaimahi", "key_worker", r_worker("full"), "Service"),
        C("Start", "start_date", r_date("start", "cell"), "Service"),
        C("Last session", "service_date", r_date("service", "cell"), "Service"),
        C("Sessions\nattended", "sessions_attended", r_num("sessions", True), "Service"),
        C("Pre", "wellbeing_start", r_num("ws", True), "Scores"),
        C("Post", "wellbeing_end", r_num("we", True), "Scores"),
        C("Status", "outcome_status", r_outcome("B"), "Outcome"),
        C("Consent for evaluation", "consent_evaluation", lambda p: p.consent, "Outcome"),
        C("Notes", "case_notes", lambda p: p.notes),
        C("Funding line", None, r_rand(rng, ["OT 4471", "OT 4471", "MoH 220"])),
    ]
    cover = {"name": "Instructions", "lines": [
        ["Fordlands Family Services - Quarterly Provider Return"],
        [""],
        ["Period", "1 October 2026 - 31 December 2026"],
        ["Prepared by", "Huia Te Kani (Team Leader)"],
        ["Contact email", "huia.tekani@fordlandsfs.org.nz"],
        ["Phone", "07 348 1290"],
        [""],
        ["Instructions", "One row per client per quarter. Fill in the 'Data' sheet only."],
        ["", "Consent column: tick TRUE if the client agreed to evaluation use."],
        ["", "Do not change the column headings."],
    ]}
    return {"id": "TEST09", "provider": prov, "columns": cols,
            "features": ["xlsx", "cover_sheet", "merged_header", "full_name_family_first",
                         "ethnicity_numbered", "iwi", "caregiver", "key_worker", "pre_post_scores",
                         "ird_numeric_cells", "boolean_consent_cells", "date_cells",
                         "header_with_newline", "no_client_ref", "extra_columns", "invalid_rows"],
            "files": [{"name": "FFS_Quarterly_Return_Q4_2026.xlsx", "format": "xlsx", "encoding": None,
                       "delimiter": None, "cover": cover,
                       "tables": [{"sheet": "Data", "rows": rng.randint(90, 170), "invalid": 1}]}]}


def layout10(rng):
    """West Auckland Family Links: one workbook, one sheet per site, title row, no service date."""
    prov = Provider(rng, "west-auckland-family-links", "West Auckland Family Links", "2026Q1",
                    "auckland_west",
                    ["Family Links Parenting", "Positive Whānau", "Early Years Support"],
                    [("Tracey", "Sullivan"), ("Manu", "Hetaraka"), ("Priya", "Naidu"), ("Sina", "Aumua"),
                     ("Kelly", "Dunn")],
                    lambda n: f"{n:05d}")
    cols = [
        C("Client Number", "client_ref", lambda p: prov.next_ref()),
        C("Family name", "family_name", lambda p: p.family),
        C("Given name(s)", "given_names", lambda p: p.given),
        C("Birth date", "date_of_birth",
          lambda p: p.dob if prov.rng.random() < 0.8 else fmt_date(p.dob, "d-mon-y")),
        C("Gender", "gender", r_gender("word")),
        C("Ethnicity (1)", "ethnicity", r_eth_n(0)),
        C("Ethnicity (2)", "ethnicity", r_eth_n(1)),
        C("Ethnicity (3)", "ethnicity", r_eth_n(2)),
        C("Street", "address_street", lambda p: p.street),
        C("Suburb", "address_suburb", lambda p: p.suburb),
        C("City", "address_town", lambda p: p.town),
        C("Postcode", "address_postcode", lambda p: p.postcode),
        C("Phone (mobile)", "phone", r_phone("spaced", "mobile")),
        C("Phone (home)", "phone", r_phone("paren", "home")),
        C("Support worker", "key_worker", r_worker("full")),
        C("Programme", "programme", lambda p: p.programme),
        C("Referral", "referral_source", r_referral({"Oranga Tamariki": "OT"})),
        C("Enrolled", "start_date", r_date("start", "cell")),
        C("Sessions attended", "sessions_attended", r_num("sessions", True)),
        C("Outcome", "outcome_status", r_outcome("A")),
        C("Exit date", None, lambda p: p.service if p.outcome in (0, 4) else None),
        C("Site", None, None),  # filled per sheet below
    ]
    n_h = rng.randint(50, 100)
    n_m = rng.randint(40, 90)
    cols[-1].fn = lambda p: prov.table.get("_site", "")  # the sheet's site name
    spec = {"id": "TEST10", "provider": prov, "columns": cols,
            "features": ["xlsx", "split_sheets", "title_rows", "date_cells", "mixed_date_cells_and_text",
                         "separate_names", "address_split", "ethnicity_numbered", "two_phone_columns",
                         "key_worker", "no_service_date", "no_nhi", "no_consent", "client_ref",
                         "extra_columns", "invalid_rows"],
            "files": [{"name": "Family Links return Jan-Mar 2026.xlsx", "format": "xlsx", "encoding": None,
                       "delimiter": None,
                       "tables": [
                           {"sheet": "Henderson", "rows": n_h, "invalid": 1, "_site": "Henderson",
                            "title_rows": [["West Auckland Family Links - Jan-Mar 2026 return (Henderson site)"], []]},
                           {"sheet": "Massey", "rows": n_m, "invalid": 1, "_site": "Massey",
                            "title_rows": [["West Auckland Family Links - Jan-Mar 2026 return (Massey site)"], []]},
                       ]}]}
    return spec


def layout11(rng):
    """Te Puna Oranga o Otangarei, Whangārei: ODS spreadsheet, te reo Māori headers."""
    prov = Provider(rng, "te-puna-oranga-o-otangarei", "Te Puna Oranga o Otangarei", "2026Q2", "whangarei",
                    ["Te Whare Tapa Whā Mātua", "Hākinakina Whānau", "Tū Tama Wahine", "Kōrero Pono"],
                    [("Ngaio", "Kerehoma"), ("Tame", "Pōmare"), ("Rēweti", "Moka"), ("Anna", "Cooper")],
                    lambda n: f"TPO-{n:04d}" if n < 10000 else f"TPO-{n}",
                    mix={"maori": 80, "pakeha": 12, "pacific": 6, "asian": 1, "other": 1})
    cols = [
        C("Nama kiritaki", "client_ref", lambda p: prov.next_ref()),
        C("Ingoa whānau", "family_name", lambda p: p.family),
        C("Ingoa tuatahi", "given_names", lambda p: p.given),
        C("Rā whānau", "date_of_birth", r_date("dob", "dmy")),
        C("Ira", "gender", r_gender("reo")),
        C("NHI", "nhi", lambda p: p.nhi),
        C("Nama waea", "phone", r_phone("spaced")),
        C("Īmēra", "email", lambda p: p.email),
        C("Kāinga", "address", r_address("full")),
        C("Tātai / Ethnicity", "ethnicity", r_eth_single(", ")),
        C("Iwi", "iwi", r_iwi("; ")),
        C("Marae", None, r_rand(rng, ["", "", "Otangarei Marae", "Toetoe Marae", "Whakapara Marae",
                                      "Te Tii Marae"])),
        C("Kaitiaki", "caregiver_name", r_caregiver("name")),
        C("Kaiāwhina", "key_worker", r_worker("full")),
        C("Ratonga", "programme", lambda p: p.programme),
        C("I tukuna mai e", "referral_source", r_referral()),
        C("Rā tīmatanga", "start_date", r_date("start", "dmy")),
        C("Rā ratonga whakamutunga", "service_date", r_date("service", "dmy")),
        C("Maha o ngā hui", "sessions_attended", r_num("sessions", True)),
        C("Piro i mua", "wellbeing_start", r_num("ws", True)),
        C("Piro i muri", "wellbeing_end", r_num("we", True)),
        C("Hua", "outcome_status", r_outcome("A")),
        C("Whakaae", "consent_evaluation", r_consent("Āe", "Kāo")),
        C("Kōrero", "case_notes", lambda p: p.notes),
        C("Rā putanga", None, lambda p: fmt_date(p.service, "dmy") if p.outcome in (0, 4) else ""),
    ]
    return {"id": "TEST11", "provider": prov, "columns": cols,
            "features": ["ods", "te_reo_headers", "separate_names", "address_single", "ethnicity_single",
                         "iwi", "caregiver", "key_worker", "pre_post_scores", "client_ref",
                         "extra_columns"],
            "files": [{"name": "TPO_Purongo_Q2_2026.ods", "format": "ods", "encoding": None, "delimiter": None,
                       "tables": [{"sheet": "Kiritaki", "rows": rng.randint(80, 130), "invalid": 0}]}]}


def layout12(rng):
    """Porirua Whānau Centre: ODS with a merged two-row header and typed date cells."""
    prov = Provider(rng, "porirua-whanau-centre", "Porirua Whānau Centre", "2026Q4", "porirua",
                    ["Mana Mātua", "Incredible Whānau", "Pasifika Dads", "Ngā Tapuwae"],
                    [("Teresa", "Sapolu"), ("Hemi", "Parata"), ("Claire", "Moffat"), ("Lagi", "Fonoti")],
                    lambda n: f"PWC{n}",
                    mix={"maori": 40, "pakeha": 15, "pacific": 38, "asian": 5, "other": 2},
                    new_nhi_share=0.1)
    g1, g2, g3, g4, g5 = "Kiritaki / Client", "Contact details", "Background", "Programme", "Wellbeing (1-10)"
    cols = [
        C("Surname", "family_name", lambda p: p.family, g1),
        C("Given names", "given_names", lambda p: p.given, g1),
        C("Date of birth", "date_of_birth", r_date("dob", "cell"), g1),
        C("Gender", "gender", r_gender("mfx"), g1),
        C("NHI", "nhi", lambda p: p.nhi, g1),
        C("Street", "address_street", lambda p: p.street, g2),
        C("Suburb", "address_suburb", lambda p: p.suburb, g2),
        C("City", "address_town", lambda p: p.town, g2),
        C("Postcode", "address_postcode", lambda p: p.postcode, g2),
        C("Phone", "phone", r_phone("intl_compact"), g2),
        C("Email", "email", lambda p: p.email, g2),
        C("Ethnicity (code)", "ethnicity", r_eth_single(";", "code"), g3),
        C("Iwi", "iwi", r_iwi("; "), g3),
        C("Referred by", "referral_source", r_referral(), g3),
        C("Programme", "programme", lambda p: p.programme, g4),
        C("Kaimahi", "key_worker", r_worker("initial"), g4),
        C("Start date", "start_date", r_date("start", "cell"), g4),
        C("Last attended", "service_date", r_date("service", "cell"), g4),
        C("Sessions", "sessions_attended", r_num("sessions", True), g4),
        C("Start", "wellbeing_start", r_num("ws", True), g5),
        C("End", "wellbeing_end", r_num("we", True), g5),
        C("Outcome", "outcome_status", r_outcome("B")),
        C("Comments", "case_notes", lambda p: p.notes),
        C("Updated by", None, r_rand(rng, ["TS", "HP", "CM"])),
    ]
    return {"id": "TEST12", "provider": prov, "columns": cols,
            "features": ["ods", "merged_header", "date_cells", "separate_names", "address_split",
                         "ethnicity_codes", "ethnicity_single", "iwi", "key_worker", "pre_post_scores",
                         "ambiguous_start_end_labels", "nhi_new_format", "no_client_ref", "no_consent",
                         "extra_columns", "invalid_rows", "te_reo_headers"],
            "files": [{"name": "PWC quarterly Oct-Dec 2026.ods", "format": "ods", "encoding": None,
                       "delimiter": None,
                       "tables": [{"sheet": "Clients", "rows": rng.randint(100, 180), "invalid": 2}]}]}


def layout13(rng):
    """Kirikiriroa Family Services, Hamilton: UTF-16 semicolon CSV in two parts, service-first order."""
    prov = Provider(rng, "kirikiriroa-family-services", "Kirikiriroa Family Services", "2026Q3", "hamilton",
                    ["Family Start", "Parenting Skills", "Whānau Resilience", "Safe Families"],
                    [("Marcus", "Te Huia"), ("Bridget", "Lowe"), ("Harpreet", "Kaur"), ("Aroha", "Kīngi")],
                    lambda n: f"K-{n:05d}",
                    mix={"maori": 45, "pakeha": 30, "pacific": 10, "asian": 11, "other": 4})
    cols = [
        C("Date seen", "service_date", r_date("service", "dmy")),
        C("Case manager", "key_worker", r_worker("full")),
        C("Service type", "programme", lambda p: p.programme),
        C("Client name", "full_name", r_full("Given Family")),
        C("Ref #", "client_ref", lambda p: prov.next_ref()),
        C("Born", "date_of_birth", r_date("dob", "d month y")),
        C("Phone(s)", "phone", r_phone("spaced")),
        C("Ethnicity", "ethnicity", r_eth_single("/")),
        C("Gender identity", "gender", r_gender("word")),
        C("Iwi affiliation(s)", "iwi", r_iwi("; ")),
        C("IRD", "ird", lambda p: fmt_ird(p.ird, "dash") if p.ird else ""),
        C("Started", "start_date", r_date("start", "dmy")),
        C("Visits", "sessions_attended", r_num("sessions", False)),
        C("Wellbeing pre", "wellbeing_start", r_num("ws", False)),
        C("Wellbeing post", "wellbeing_end", r_num("we", False)),
        C("Outcome achieved?", "outcome_status", r_outcome("A")),
        C("Evaluation consent", "consent_evaluation", r_consent("Y", "N")),
        C("Residential address", "address", r_address("full")),
        C("Referral agency", "referral_source", r_referral({"Oranga Tamariki": "Oranga Tamariki (OT)"})),
        C("Children (#)", None, lambda p: str(prov.rng.randint(1, 6))),
        C("Housing", None, r_rand(rng, ["Kāinga Ora", "Private rental", "Emergency housing",
                                        "Living with whānau", "Own home"])),
    ]
    return {"id": "TEST13", "provider": prov, "columns": cols,
            "features": ["csv", "utf-16", "bom", "semicolon", "two_files", "unusual_order",
                         "full_name_given_first", "ethnicity_single", "iwi", "ird", "pre_post_scores",
                         "key_worker", "address_single", "client_ref", "no_nhi", "no_case_notes",
                         "extra_columns", "invalid_rows", "long_month_dates"],
            "files": [
                {"name": "KFS return Q3 2026 (1 of 2).csv", "format": "csv", "encoding": "utf-16",
                 "delimiter": ";", "lineterminator": "\r\n",
                 "tables": [{"sheet": None, "rows": rng.randint(80, 120), "invalid": 1}]},
                {"name": "KFS return Q3 2026 (2 of 2).csv", "format": "csv", "encoding": "utf-16",
                 "delimiter": ";", "lineterminator": "\r\n",
                 "tables": [{"sheet": None, "rows": rng.randint(80, 100), "invalid": 0}]},
            ]}


def layout14(rng):
    """Castlecliff Parenting Collective, Whanganui: cover sheet, then one data sheet per site."""
    prov = Provider(rng, "castlecliff-parenting-collective", "Castlecliff Parenting Collective", "2026Q2",
                    "whanganui",
                    ["SPARK Parenting", "Te Awa Tupua Whānau", "Little Steps", "Dads Who Cook"],
                    [("Moana", "Metekingi"), ("Bev", "Jamieson"), ("Tūmanako", "Wallace"), ("Nikki", "Pauro")],
                    lambda n: f"CPC-{n:05d}",
                    mix={"maori": 50, "pakeha": 38, "pacific": 7, "asian": 3, "other": 2})
    cols = [
        C("ID", "client_ref", lambda p: prov.next_ref()),
        C("LAST NAME", "family_name", lambda p: p.family.upper()),
        C("FIRST NAME", "given_names", lambda p: p.given.upper()),
        C("BIRTH DATE", "date_of_birth", r_date("dob", "cell")),
        C("GENDER", "gender", r_gender("caps")),
        C("NHI NUMBER", "nhi", lambda p: p.nhi),
        C("ETHNICITY 1", "ethnicity", r_eth_n(0, "upper")),
        C("ETHNICITY 2", "ethnicity", r_eth_n(1, "upper")),
        C("ETHNICITY 3", "ethnicity", r_eth_n(2, "upper")),
        C("IWI", "iwi", lambda p: "; ".join(p.iwi).upper()),
        C("PH", "phone", r_phone("compact")),
        C("EMAIL", "email", lambda p: p.email),
        C("ADDRESS", "address", r_address("upper")),
        C("OTHER CAREGIVER", "caregiver_name", lambda p: r_caregiver("name")(p).upper()),
        C("FACILITATOR", "key_worker", r_worker("upper")),
        C("COURSE", "programme", lambda p: p.programme.upper()),
        C("REFERRED BY", "referral_source", lambda p: p.referral.upper()),
        C("COURSE START", "start_date", r_date("start", "cell")),
        C("LAST ATTENDED", "service_date", r_date("service", "cell")),
        C("ATTENDED (#)", "sessions_attended", r_num("sessions", True)),
        C("PRE SCORE", "wellbeing_start", r_num("ws", True)),
        C("POST SCORE", "wellbeing_end", r_num("we", True)),
        C("RESULT", "outcome_status", r_outcome("D")),
        C("CONSENT", "consent_evaluation", r_consent("YES", "NO")),
        C("COMMENTS", "case_notes", lambda p: p.notes.upper()),
        C("DATE OF EXIT", None, lambda p: p.service if p.outcome in (0, 4) else None),
        C("FUNDING CODE", None, r_rand(rng, ["MSD-FS", "MSD-FS", "COGS", "LOTTERIES"])),
    ]
    cover = {"name": "Read me", "lines": [
        ["Castlecliff Parenting Collective"],
        ["Quarterly client return to the agency"],
        ["Quarter", "April - June 2026"],
        ["Contact person", "Moana Metekingi"],
        ["Email", "moana@castlecliffparents.org.nz"],
        ["Phone", "06 344 5127 / 027 448 2290"],
        [],
        ["Notes", "Clients are listed on the Castlecliff and Gonville sheets (one sheet per site)."],
        ["", "Scores are the 1-10 self-rated wellbeing at the first and last session."],
    ]}
    def titles(site):
        return [["CASTLECLIFF PARENTING COLLECTIVE"],
                               [f"Quarterly return: April - June 2026 ({site})"], []]
    return {"id": "TEST14", "provider": prov, "columns": cols,
            "features": ["xlsx", "cover_sheet", "split_sheets", "title_rows", "date_cells",
                         "all_caps", "separate_names", "ethnicity_numbered", "iwi", "address_single",
                         "caregiver", "key_worker", "pre_post_scores", "client_ref", "extra_columns",
                         "invalid_rows"],
            "files": [{"name": "CPC Quarterly Return Apr-Jun 2026.xlsx", "format": "xlsx", "encoding": None,
                       "delimiter": None, "cover": cover,
                       "tables": [
                           {"sheet": "Castlecliff", "rows": rng.randint(55, 100), "invalid": 0,
                            "title_rows": titles("Castlecliff")},
                           {"sheet": "Gonville", "rows": rng.randint(40, 80), "invalid": 1,
                            "title_rows": titles("Gonville")},
                       ]}]}


def layout15(rng):
    """Kaikohe Whānau Support: gzip'd pipe-delimited CSV with BOM, Far North small towns."""
    prov = Provider(rng, "kaikohe-whanau-support", "Kaikohe Whānau Support", "2026Q1", "far_north",
                    ["Whānau Tahi", "Mātua Kaha", "Te Kākano", "Ūkaipō"],
                    [("Rongo", "Heke"), ("Kararaina", "Rihari"), ("Shelley", "Cox"), ("Wī", "Tāwhai")],
                    lambda n: f"KWS/{n:04d}" if n < 10000 else f"KWS/{n}",
                    mix={"maori": 85, "pakeha": 11, "pacific": 3, "asian": 1, "other": 0},
                    new_nhi_share=0.2)
    counter = iter(range(1, 10_000))
    cols = [
        C("Record", None, lambda p: str(next(counter))),
        C("Client ref", "client_ref", lambda p: prov.next_ref()),
        C("Full name", "full_name", r_full("FAMILY, Given")),
        C("Date of birth", "date_of_birth", r_date("dob", "iso")),
        C("Gender", "gender", r_gender("mfx")),
        C("NHI", "nhi", lambda p: p.nhi),
        C("Eth1", "ethnicity", r_eth_n(0, "code")),
        C("Eth2", "ethnicity", r_eth_n(1, "code")),
        C("Eth3", "ethnicity", r_eth_n(2, "code")),
        C("Iwi", "iwi", r_iwi("; ")),
        C("Contact number", "phone", r_phone("spaced")),
        C("Address line", "address_street", lambda p: p.street),
        C("Locality", "address_suburb", lambda p: p.suburb),
        C("Town/City", "address_town", lambda p: p.town),
        C("Postcode", "address_postcode", lambda p: p.postcode),
        C("Whānau contact", "caregiver_name", r_caregiver("first")),
        C("Kaiārahi", "key_worker", r_worker("first")),
        C("Programme / service", "programme", lambda p: p.programme),
        C("Source of referral", "referral_source", r_referral()),
        C("Date started", "start_date", r_date("start", "iso")),
        C("Date of last service", "service_date", r_date("service", "iso")),
        C("Sessions completed", "sessions_attended", r_num("sessions", False)),
        C("Status at end of qtr", "outcome_status", r_outcome("E")),
        C("Consent (evaluation)", "consent_evaluation", r_consent("Āe", "Kāo")),
        C("Case notes", "case_notes", lambda p: p.notes),
        C("Last updated", None, lambda p: fmt_date(prov.q_end + dt.timedelta(days=prov.rng.randint(1, 12)),
                                                   "iso")),
    ]
    return {"id": "TEST15", "provider": prov, "columns": cols,
            "features": ["csv.gz", "gzip", "utf-8-sig", "bom", "pipe", "full_name_family_first",
                         "ethnicity_numbered", "ethnicity_codes", "address_split", "empty_suburb",
                         "iwi", "caregiver", "key_worker", "nhi_new_format", "client_ref", "row_counter",
                         "iso_dates", "extra_columns", "invalid_rows", "te_reo_headers"],
            "files": [{"name": "kws_q1_2026.csv.gz", "format": "csv.gz", "encoding": "utf-8-sig",
                       "delimiter": "|", "lineterminator": "\n",
                       "tables": [{"sheet": None, "rows": rng.randint(80, 200), "invalid": 3}]}]}


LAYOUTS = [layout01, layout02, layout03, layout04, layout05, layout06, layout07, layout08,
           layout09, layout10, layout11, layout12, layout13, layout14, layout15]


def generate(out_dir: pathlib.Path) -> list[dict]:
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    truths = []
    for k, fn in enumerate(LAYOUTS, start=1):
        rng = random.Random(SEED * 100 + k)
        spec = fn(rng)
        truths.append(build_layout(spec, out_dir))
    return truths


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=pathlib.Path, help="output folder")
    args = ap.parse_args(argv)
    truths = generate(args.out)
    for t in truths:
        rows = sum(f["rows"] for f in t["files"])
        print(f"{t['layout_id']}  {t['provider']:<34} {t['quarter']}  files={len(t['files'])} rows={rows}")


if __name__ == "__main__":
    main()
