#!/usr/bin/env python3
"""Blind corpus of New Zealand provider quarterly-return files (issue 12, item 9).

Written from the issue text and a short brief only, without looking at the
project's code, standards or other layout corpora, so that it can serve as an
untouched test set for the column-mapping engine.

Twenty layouts, BLIND01..BLIND20.  Each is written to

    <out>/<layout_id>/landing/<provider-id>/<quarter>/<file(s)>
    <out>/<layout_id>/truth.json

``truth.json`` records, per file, its format, encoding, delimiter, row counts
(all rows and valid rows) and, per table, the sheet, the 1-based header row and
for every column its 0-based position, header text, merged/group header and
the standard field it holds (or null for a column that must stay unmapped).

A row is invalid only when it cannot identify a person (no name and no NHI) or
its date of birth is not a real date or lies in the future; every file holds
0-3 such rows and ``valid_rows`` counts the rest.

Standard library plus openpyxl only; ODS files are written by hand as a zip of
XML.  Output is deterministic (fixed seed, fixed zip/gzip timestamps).

Usage::

    python generator.py --out DIR            # write the corpus
    python generator.py --out DIR --check    # write it, then re-read and verify
    python generator.py --out DIR --check --no-generate   # verify only
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import io
import json
import random
import re
import shutil
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

SEED = 61_2026_09
EXCEL_EPOCH = dt.date(1899, 12, 30)
QUARTERS = {
    "2026Q2": (dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    "2026Q3": (dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
}
MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTH_FULL = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# --------------------------------------------------------------------------
# identifiers
# --------------------------------------------------------------------------
NHI_ALPHA = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, no O; A=1 .. Z=24


def _nhi_val(c: str) -> int:
    return int(c) if c.isdigit() else NHI_ALPHA.index(c) + 1


def _nhi_sum(base: str) -> int:
    return sum(_nhi_val(c) * w for c, w in zip(base, range(7, 1, -1), strict=True))


def make_nhi(rng: random.Random, new_format: bool = False) -> str:
    """A valid NHI.  'Z' prefixes are reserved for testing, so every one starts with Z."""
    while True:
        letters = "Z" + "".join(rng.choice(NHI_ALPHA) for _ in range(2))
        if new_format:
            base = letters + f"{rng.randint(0, 99):02d}" + rng.choice(NHI_ALPHA)
            rem = _nhi_sum(base) % 23
            if rem == 0:
                continue
            return base + NHI_ALPHA[23 - rem - 1]
        base = letters + f"{rng.randint(0, 999):03d}"
        rem = _nhi_sum(base) % 11
        if rem == 0:
            continue
        return base + str((11 - rem) % 10)


def nhi_is_valid(s: str) -> bool:
    s = s.strip().upper()
    if re.fullmatch(r"[A-HJ-NP-Z]{3}\d{4}", s):
        rem = _nhi_sum(s[:6]) % 11
        return rem != 0 and (11 - rem) % 10 == int(s[6])
    if re.fullmatch(r"[A-HJ-NP-Z]{3}\d{2}[A-HJ-NP-Z]{2}", s):
        rem = _nhi_sum(s[:6]) % 23
        return rem != 0 and NHI_ALPHA.index(s[6]) + 1 == 23 - rem
    return False


IRD_W1 = (3, 2, 7, 6, 5, 4, 3, 2)
IRD_W2 = (7, 4, 3, 2, 5, 2, 7, 6)


def _ird_check(base8: str, weights) -> int:
    rem = sum(int(d) * w for d, w in zip(base8, weights, strict=True)) % 11
    return 0 if rem == 0 else 11 - rem


def ird_is_valid(s: str) -> bool:
    digits = re.sub(r"[\s-]", "", str(s))
    if not digits.isdigit() or not 10_000_000 <= int(digits) <= 150_000_000:
        return False
    digits = digits.zfill(9)
    base, check = digits[:8], int(digits[8])
    c = _ird_check(base, IRD_W1)
    if c == 10:
        c = _ird_check(base, IRD_W2)
        if c == 10:
            return False
    return c == check


def make_ird(rng: random.Random) -> str:
    while True:
        base = rng.randint(1_000_000, 14_999_999)
        c = _ird_check(f"{base:08d}", IRD_W1)
        if c == 10:
            continue
        return f"{base * 10 + c:09d}".lstrip("0")


def fmt_ird(num: str, style: str) -> str:
    d = num.zfill(9)
    if style == "dash9":
        return f"{d[:3]}-{d[3:6]}-{d[6:]}"
    if style == "dash":
        n = num
        return f"{n[:-6]}-{n[-6:-3]}-{n[-3:]}"
    return num


# --------------------------------------------------------------------------
# vocabularies (written for this corpus)
# --------------------------------------------------------------------------
NAMES = {
    "maori": dict(
        f=[
            "Aroha",
            "Mere",
            "Kiri",
            "Ngaio",
            "Anahera",
            "Hine",
            "Mīria",
            "Kahurangi",
            "Moana",
            "Ataahua",
            "Tūī",
            "Waimarie",
            "Rangimārie",
            "Hana",
            "Marama",
            "Huia",
            "Te Aomihia",
            "Whetu",
            "Pania",
            "Manaia",
            "Ngāreta",
            "Maia",
        ],
        m=[
            "Hemi",
            "Wiremu",
            "Tama",
            "Rāwiri",
            "Tipene",
            "Nikau",
            "Pita",
            "Hōhepa",
            "Ihaia",
            "Tamati",
            "Manaaki",
            "Rewi",
            "Kahu",
            "Tane",
            "Hohua",
            "Matiu",
            "Te Rangi",
            "Mikaere",
            "Rua",
            "Tāwhiri",
            "Nīkau",
            "Whetū",
        ],
        fam=[
            "Ngata",
            "Parata",
            "Tamihana",
            "Te Rangi",
            "Walker",
            "Hēnare",
            "Kereama",
            "Pōmare",
            "Te Whata",
            "Waaka",
            "Rāwiri",
            "Tipoki",
            "Horomona",
            "Ruru",
            "Paewai",
            "Karaitiana",
            "Te Moana",
            "Herewini",
            "Tautahi",
            "Whaanga",
            "Poutama",
            "Tawhai",
            "Rangihuna",
            "Te Kani",
            "Hetaraka",
            "Nikora",
            "Moke",
            "Potae",
            "Brown",
            "Tūhiwai",
            "Marino",
        ],
        eth=["Māori"],
        extra=[("NZ European", 0.35), ("Samoan", 0.04), ("Cook Islands Māori", 0.04)],
    ),
    "samoan": dict(
        f=["Sina", "Malia", "Lagi", "Fetu", "Ioana", "Faith", "Tupe", "Leilani", "Alofa", "Lisa"],
        m=["Tavita", "Ioane", "Sefa", "Mose", "Falani", "Tasi", "Paulo", "Iosefa", "Tui", "Lui"],
        fam=[
            "Faleolo",
            "Tuilagi",
            "Leota",
            "Schuster",
            "Vaifale",
            "Matagi",
            "Ah Chong",
            "Lemalu",
            "Soliai",
            "Pouono",
            "Fa'asavalu",
            "Seiuli",
            "Tauiliili",
            "Aumua",
            "Fonoti",
            "Sapolu",
        ],
        eth=["Samoan"],
        extra=[("NZ European", 0.15), ("Māori", 0.1), ("Tongan", 0.05)],
    ),
    "tongan": dict(
        f=["Salote", "Mele", "Lupe", "Ana", "Sela", "Losana", "'Ofa", "Heilala", "Vika"],
        m=["Sione", "Tevita", "Viliami", "Siaosi", "Sitani", "Semisi", "Lisiate", "Paula", "Tomasi"],
        fam=[
            "Taufa",
            "Havili",
            "Fifita",
            "Tupou",
            "Tangitau",
            "Pulu",
            "Mahe",
            "Vaipulu",
            "Kata",
            "Moala",
            "Latu",
            "Fonua",
            "Vake",
            "Hufanga",
        ],
        eth=["Tongan"],
        extra=[("Samoan", 0.06), ("NZ European", 0.08)],
    ),
    "cook": dict(
        f=["Teina", "Mata", "Mii", "Tiare", "Ngatokorua", "Rima"],
        m=["Teariki", "Tere", "Tangi", "Tauraki", "Pa", "Vaine"],
        fam=["Marsters", "Tangaroa", "Tuara", "Teariki", "Pera", "Mataio", "Tupa", "Upu", "Heather"],
        eth=["Cook Islands Māori"],
        extra=[("Māori", 0.12), ("NZ European", 0.1)],
    ),
    "niuean": dict(
        f=["Moka", "Fale", "Lagi", "Sifa", "Ema"],
        m=["Hingano", "Talagi", "Pule", "Sione", "Fakatava"],
        fam=["Tukuitonga", "Talagi", "Pulehetoa", "Viliamu", "Ikimau", "Lolo"],
        eth=["Niuean"],
        extra=[("Samoan", 0.1), ("NZ European", 0.1)],
    ),
    "fijian": dict(
        f=["Akanisi", "Mereoni", "Losana", "Litia"],
        m=["Seru", "Jone", "Isikeli", "Apisai", "Waisea"],
        fam=["Tuivaga", "Nakarawa", "Rokoduru", "Vunibaka", "Qiolele", "Ratuva"],
        eth=["Fijian"],
        extra=[],
    ),
    "pakeha": dict(
        f=[
            "Olivia",
            "Charlotte",
            "Emma",
            "Sophie",
            "Hannah",
            "Isla",
            "Grace",
            "Ruby",
            "Harriet",
            "Bronwyn",
            "Sharon",
            "Kerry",
            "Megan",
            "Chloe",
            "Jessica",
            "Amelia",
            "Zoë",
            "Georgia",
            "Lucy",
            "Karen",
            "Renée",
            "Jacinda",
        ],
        m=[
            "Jack",
            "Liam",
            "Noah",
            "James",
            "Oliver",
            "Thomas",
            "Lachlan",
            "Graeme",
            "Hamish",
            "Callum",
            "Ben",
            "Josh",
            "Ryan",
            "Brendon",
            "Craig",
            "Mitchell",
            "Sam",
            "Finn",
            "Connor",
            "Wayne",
            "Stuart",
            "Kieran",
        ],
        fam=[
            "Smith",
            "Wilson",
            "Thompson",
            "Brown",
            "Anderson",
            "McDonald",
            "Campbell",
            "Stewart",
            "Robertson",
            "Harris",
            "Clarke",
            "Murray",
            "O'Connor",
            "Fitzgerald",
            "Van der Berg",
            "McKenzie",
            "Taylor",
            "Young",
            "Walsh",
            "Bennett",
            "Mitchell",
            "Gallagher",
            "Hughes",
            "Fraser",
            "Scott",
            "Sinclair",
            "Dobson",
            "Turnbull",
            "Lockwood",
            "McLeod",
            "Jones",
        ],
        eth=["NZ European"],
        extra=[("Māori", 0.05)],
    ),
    "european": dict(
        f=["Anna", "Sarah", "Fiona", "Ingrid", "Sinéad", "Claire"],
        m=["Pieter", "Hans", "Declan", "Gareth", "Marco", "Ewan"],
        fam=["de Vries", "Jansen", "Murphy", "Evans", "Rossi", "MacLeod", "Muller", "Byrne"],
        eth=["Other European"],
        extra=[("NZ European", 0.3)],
    ),
    "chinese": dict(
        f=["Mei Ling", "Xiaoling", "Yan", "Jing", "Wen", "Hui Min"],
        m=["Wei", "Jun", "Hao", "Zhi Hao", "Jian", "Ming"],
        fam=["Chen", "Wang", "Li", "Zhang", "Liu", "Wong", "Lim", "Huang", "Zhou"],
        eth=["Chinese"],
        extra=[("NZ European", 0.05)],
    ),
    "korean": dict(
        f=["Ji-woo", "Min-ji", "Seo-yeon", "Hye-jin"],
        m=["Min-jun", "Seo-jun", "Dong-hyun", "Jae-won"],
        fam=["Kim", "Park", "Lee", "Choi", "Jung", "Kang"],
        eth=["Korean"],
        extra=[],
    ),
    "filipino": dict(
        f=["Maria", "Rowena", "Jocelyn", "Liezl", "Angelica", "Cristina"],
        m=["Jose", "Mark Anthony", "Rodel", "Jerome", "Paolo", "Ramon"],
        fam=["Santos", "Reyes", "Cruz", "Bautista", "Dela Cruz", "Garcia", "Mendoza", "Villanueva"],
        eth=["Filipino"],
        extra=[],
    ),
    "indian": dict(
        f=["Priya", "Anjali", "Harpreet", "Gurpreet", "Sunita", "Aditi", "Kavita", "Navneet", "Simran", "Pooja"],
        m=["Rajesh", "Arjun", "Ravi", "Deepak", "Sanjay", "Amandeep", "Vikram", "Rohit", "Manpreet", "Karan"],
        fam=[
            "Singh",
            "Kaur",
            "Patel",
            "Sharma",
            "Kumar",
            "Reddy",
            "Prasad",
            "Naidu",
            "Chand",
            "Gill",
            "Sandhu",
            "Dhillon",
            "Desai",
            "Nair",
        ],
        eth=["Indian"],
        extra=[],
    ),
    "vietnamese": dict(
        f=["Linh", "Mai", "Thu", "Hoa", "Ngoc Anh"],
        m=["Minh", "Tuan", "Duc", "Hung", "Quang"],
        fam=["Nguyen", "Tran", "Le", "Pham", "Vo", "Do"],
        eth=["Vietnamese"],
        extra=[],
    ),
}

ETH_L2 = {
    "NZ European": "11",
    "Other European": "12",
    "Māori": "21",
    "Samoan": "31",
    "Cook Islands Māori": "32",
    "Tongan": "33",
    "Niuean": "34",
    "Fijian": "36",
    "Filipino": "41",
    "Vietnamese": "41",
    "Chinese": "42",
    "Indian": "43",
    "Korean": "44",
}
ETH_L4 = {
    "NZ European": "11111",
    "Other European": "12000",
    "Māori": "21111",
    "Samoan": "31111",
    "Cook Islands Māori": "32100",
    "Tongan": "33111",
    "Niuean": "34111",
    "Fijian": "36111",
    "Filipino": "41000",
    "Vietnamese": "41000",
    "Chinese": "42100",
    "Indian": "43100",
    "Korean": "44000",
}
ETH_LABEL_VARIANTS = {
    "plain": {},
    "long": {
        "NZ European": "New Zealand European",
        "Māori": "NZ Māori",
        "Cook Islands Māori": "Cook Island Maori",
        "Other European": "European (other)",
    },
    "pakeha": {"NZ European": "Pākehā", "Other European": "Other European"},
}

IWI = [
    "Ngāpuhi",
    "Ngāti Porou",
    "Waikato-Tainui",
    "Ngāi Tahu",
    "Ngāti Kahungunu",
    "Te Arawa",
    "Tūhoe",
    "Ngāti Maniapoto",
    "Te Āti Awa",
    "Ngāti Whātua",
    "Ngāti Tūwharetoa",
    "Te Rarawa",
    "Rangitāne",
    "Ngāti Raukawa",
    "Te Aupōuri",
    "Ngāti Awa",
    "Whakatōhea",
    "Ngāti Toa Rangatira",
    "Te Whānau-ā-Apanui",
    "Rongowhakaata",
    "Ngāti Kahu",
    "Ngāti Ruanui",
    "Taranaki",
]
HAPU = [
    "Ngāti Hine",
    "Ngāti Rēhia",
    "Te Whānau a Ruataupare",
    "Ngāti Uepohatu",
    "Ngāti Whakaue",
    "Ngāti Pikiao",
    "Ngāti Hineuru",
    "Ngāi Te Rangi",
    "",
]

STREETS = [
    "Kauri",
    "Rimu",
    "Tōtara",
    "Kōwhai",
    "Mātai",
    "Pūriri",
    "Tawa",
    "Miro",
    "Karaka",
    "Nīkau",
    "Tūī",
    "Kererū",
    "Victoria",
    "Queen",
    "King",
    "Albert",
    "Church",
    "Station",
    "Park",
    "Hill",
    "Beach",
    "Main",
    "High",
    "Russell",
    "Grey",
    "Fergusson",
    "Rata",
    "Harakeke",
    "Pōhutukawa",
    "Awatea",
    "Waimea",
    "Marama",
    "Kahikatea",
    "Mānuka",
    "Moana",
    "Fraser",
    "Seddon",
    "Ballance",
    "Tasman",
    "Riverside",
    "Hospital",
    "Cemetery",
    "Te Awa",
    "Whero",
    "Kōtare",
    "Ruru",
    "Hinemoa",
    "Tainui",
    "Ōtaki Gorge",
    "Kiwi",
]
STREET_TYPES = [
    "Street",
    "Street",
    "Road",
    "Road",
    "Avenue",
    "Crescent",
    "Place",
    "Terrace",
    "Drive",
    "Grove",
    "Close",
    "Way",
    "Lane",
]

REGIONS = {
    "kapiti": [
        ("Paraparaumu", "Paraparaumu", "5032"),
        ("Paraparaumu Beach", "Paraparaumu", "5032"),
        ("Raumati Beach", "Paraparaumu", "5032"),
        ("Waikanae", "Waikanae", "5036"),
        ("Waikanae Beach", "Waikanae", "5036"),
        ("Ōtaki", "Ōtaki", "5512"),
        ("Levin", "Levin", "5510"),
    ],
    "auckland_south": [
        ("Ōtāhuhu", "Auckland", "1062"),
        ("Māngere East", "Auckland", "2024"),
        ("Papatoetoe", "Auckland", "2025"),
        ("Manurewa", "Auckland", "2102"),
        ("Ōtara", "Auckland", "2023"),
        ("Clendon Park", "Auckland", "2103"),
        ("Favona", "Auckland", "2024"),
        ("Wiri", "Auckland", "2104"),
    ],
    "auckland_central": [
        ("Glen Innes", "Auckland", "1072"),
        ("Panmure", "Auckland", "1072"),
        ("Avondale", "Auckland", "1026"),
        ("Mount Roskill", "Auckland", "1041"),
        ("Onehunga", "Auckland", "1061"),
        ("Point England", "Auckland", "1072"),
        ("Henderson", "Auckland", "0612"),
        ("Massey", "Auckland", "0614"),
    ],
    "rotorua": [
        ("Ngongotahā", "Rotorua", "3010"),
        ("Fordlands", "Rotorua", "3015"),
        ("Western Heights", "Rotorua", "3015"),
        ("Koutu", "Rotorua", "3010"),
        ("Glenholme", "Rotorua", "3010"),
        ("Owhata", "Rotorua", "3010"),
        ("Fenton Park", "Rotorua", "3010"),
    ],
    "hutt": [
        ("Naenae", "Lower Hutt", "5011"),
        ("Taitā", "Lower Hutt", "5011"),
        ("Wainuiomata", "Lower Hutt", "5014"),
        ("Stokes Valley", "Lower Hutt", "5019"),
        ("Epuni", "Lower Hutt", "5011"),
        ("Trentham", "Upper Hutt", "5018"),
        ("Tōtara Park", "Upper Hutt", "5018"),
    ],
    "southland": [
        ("Glengarry", "Invercargill", "9810"),
        ("Georgetown", "Invercargill", "9812"),
        ("Strathern", "Invercargill", "9812"),
        ("Windsor", "Invercargill", "9810"),
        ("Appleby", "Invercargill", "9812"),
        ("Bluff", "Bluff", "9814"),
        ("Gore", "Gore", "9710"),
    ],
    "christchurch": [
        ("Aranui", "Christchurch", "8061"),
        ("Linwood", "Christchurch", "8062"),
        ("Hornby", "Christchurch", "8042"),
        ("Riccarton", "Christchurch", "8041"),
        ("Shirley", "Christchurch", "8061"),
        ("Phillipstown", "Christchurch", "8011"),
        ("New Brighton", "Christchurch", "8061"),
        ("Woolston", "Christchurch", "8023"),
    ],
    "hamilton": [
        ("Frankton", "Hamilton", "3204"),
        ("Dinsdale", "Hamilton", "3204"),
        ("Nawton", "Hamilton", "3200"),
        ("Enderley", "Hamilton", "3214"),
        ("Fairfield", "Hamilton", "3214"),
        ("Hillcrest", "Hamilton", "3216"),
        ("Huntly", "Huntly", "3700"),
        ("Ngāruawāhia", "Ngāruawāhia", "3720"),
    ],
    "tairawhiti": [
        ("Kaiti", "Gisborne", "4010"),
        ("Elgin", "Gisborne", "4010"),
        ("Mangapapa", "Gisborne", "4010"),
        ("Te Hapara", "Gisborne", "4010"),
        ("Outer Kaiti", "Gisborne", "4010"),
        ("Ruatōria", "Ruatōria", "4032"),
        ("Tolaga Bay", "Tolaga Bay", "4077"),
    ],
    "nelson": [
        ("Stoke", "Nelson", "7011"),
        ("Tāhunanui", "Nelson", "7011"),
        ("Nelson South", "Nelson", "7010"),
        ("Atawhai", "Nelson", "7010"),
        ("Richmond", "Richmond", "7020"),
        ("Motueka", "Motueka", "7120"),
    ],
    "wellington": [
        ("Newtown", "Wellington", "6021"),
        ("Kilbirnie", "Wellington", "6022"),
        ("Strathmore Park", "Wellington", "6022"),
        ("Johnsonville", "Wellington", "6037"),
        ("Cannons Creek", "Porirua", "5024"),
        ("Waitangirua", "Porirua", "5024"),
        ("Titahi Bay", "Porirua", "5022"),
        ("Ascot Park", "Porirua", "5024"),
    ],
    "northland": [
        ("Otangarei", "Whangārei", "0112"),
        ("Tikipunga", "Whangārei", "0112"),
        ("Raumanga", "Whangārei", "0110"),
        ("Morningside", "Whangārei", "0110"),
        ("Kensington", "Whangārei", "0112"),
        ("Kamo", "Whangārei", "0112"),
        ("Kaikohe", "Kaikohe", "0405"),
    ],
    "dunedin": [
        ("South Dunedin", "Dunedin", "9012"),
        ("Caversham", "Dunedin", "9012"),
        ("North East Valley", "Dunedin", "9010"),
        ("Mosgiel", "Mosgiel", "9024"),
        ("St Kilda", "Dunedin", "9012"),
        ("Brockville", "Dunedin", "9011"),
        ("Green Island", "Dunedin", "9018"),
    ],
    "porirua": [
        ("Cannons Creek", "Porirua", "5024"),
        ("Waitangirua", "Porirua", "5024"),
        ("Titahi Bay", "Porirua", "5022"),
        ("Ranui", "Porirua", "5024"),
        ("Elsdon", "Porirua", "5022"),
        ("Newtown", "Wellington", "6021"),
        ("Kilbirnie", "Wellington", "6022"),
    ],
    "taranaki": [
        ("Westown", "New Plymouth", "4310"),
        ("Marfell", "New Plymouth", "4310"),
        ("Spotswood", "New Plymouth", "4310"),
        ("Fitzroy", "New Plymouth", "4312"),
        ("Bell Block", "New Plymouth", "4312"),
        ("Waitara", "Waitara", "4320"),
        ("Hāwera", "Hāwera", "4610"),
        ("Stratford", "Stratford", "4332"),
    ],
    "eastern_bay": [
        ("Whakatāne", "Whakatāne", "3120"),
        ("Allandale", "Whakatāne", "3120"),
        ("Coastlands", "Whakatāne", "3120"),
        ("Kawerau", "Kawerau", "3127"),
        ("Ōpōtiki", "Ōpōtiki", "3122"),
        ("Edgecumbe", "Edgecumbe", "3120"),
    ],
    "hawkes_bay": [
        ("Maraenui", "Napier", "4110"),
        ("Onekawa", "Napier", "4110"),
        ("Tamatea", "Napier", "4112"),
        ("Flaxmere", "Hastings", "4120"),
        ("Camberley", "Hastings", "4120"),
        ("Mahora", "Hastings", "4120"),
        ("Wairoa", "Wairoa", "4108"),
    ],
    "manawatu": [
        ("Highbury", "Palmerston North", "4412"),
        ("Takaro", "Palmerston North", "4412"),
        ("Awapuni", "Palmerston North", "4412"),
        ("Roslyn", "Palmerston North", "4414"),
        ("Westbrook", "Palmerston North", "4412"),
        ("Feilding", "Feilding", "4702"),
    ],
    "west_coast": [
        ("Greymouth", "Greymouth", "7805"),
        ("Blaketown", "Greymouth", "7805"),
        ("Cobden", "Greymouth", "7802"),
        ("Runanga", "Runanga", "7803"),
        ("Hokitika", "Hokitika", "7810"),
        ("Westport", "Westport", "7825"),
        ("Reefton", "Reefton", "7830"),
    ],
}
AREA_CODE = {
    "kapiti": "04",
    "auckland_south": "09",
    "auckland_central": "09",
    "rotorua": "07",
    "hutt": "04",
    "southland": "03",
    "christchurch": "03",
    "hamilton": "07",
    "tairawhiti": "06",
    "nelson": "03",
    "wellington": "04",
    "northland": "09",
    "dunedin": "03",
    "porirua": "04",
    "taranaki": "06",
    "eastern_bay": "07",
    "hawkes_bay": "06",
    "manawatu": "06",
    "west_coast": "03",
}
EMAIL_DOMAINS = [
    "gmail.com",
    "gmail.com",
    "hotmail.com",
    "xtra.co.nz",
    "outlook.com",
    "yahoo.co.nz",
    "icloud.com",
    "live.com",
]

REFERRALS = [
    "Self",
    "GP",
    "Whānau",
    "Oranga Tamariki",
    "School",
    "Police",
    "Hospital",
    "Work and Income",
    "Community agency",
    "Marae",
    "Kāinga Ora",
    "Friend",
]
OUTCOME_VOCABS = {
    "plain": {"completed": "Completed", "exited": "Exited early", "ongoing": "Ongoing"},
    "lower": {"completed": "completed", "exited": "exited early", "ongoing": "ongoing"},
    "engaged": {"completed": "Completed programme", "exited": "Withdrew", "ongoing": "Still engaged"},
    "closed": {"completed": "Closed - goals met", "exited": "Closed - disengaged", "ongoing": "Open"},
    "reo": {"completed": "Kua oti", "exited": "I wehe moata", "ongoing": "Kei te haere tonu"},
    "codes": {"completed": "COMP", "exited": "EXIT", "ongoing": "ONGO"},
    "caps": {"completed": "COMPLETED", "exited": "EXITED EARLY", "ongoing": "ACTIVE"},
    "budget": {"completed": "Plan completed", "exited": "Did not return", "ongoing": "In progress"},
}
CONSENT_VOCABS = {
    "yesno": ("Yes", "No"),
    "yn": ("Y", "N"),
    "ae": ("Āe", "Kāo"),
    "ae_plain": ("Ae", "Kao"),
    "tick": ("✓", ""),
    "lower": ("yes", "no"),
    "x": ("X", ""),
}
GENDER_VOCABS = {
    "word": {"F": "Female", "M": "Male", "X": "Gender diverse"},
    "fm": {"F": "F", "M": "M", "X": "X"},
    "reo": {"F": "Wahine", "M": "Tāne", "X": "Irawhiti"},
    "reo_plain": {"F": "Wahine", "M": "Tane", "X": "Irawhiti"},
    "lower": {"F": "female", "M": "male", "X": "non-binary"},
    "caps": {"F": "FEMALE", "M": "MALE", "X": "DIVERSE"},
    "wm": {"F": "Woman", "M": "Man", "X": "Non-binary"},
}
AGENCY_CODES = ["FU", "NR", "DNA", "OK", "TBC", "R/O", "CHK", "", "", ""]
FUNDER_CODES = ["MSD-FS-204", "OT-0931", "TPK-WO-17", "MOH-MH-55", "ACC-SC", "DHB-PH-02", "MSD-FS-118", "WO-CORE"]
SESSION_TYPES = ["Kanohi ki te kanohi", "Phone", "Group", "Home visit", "Video call"]
SCHOOLS = [
    "Freyberg High School",
    "Palmerston North Boys' High",
    "Awatapu College",
    "Queen Elizabeth College",
    "Manukura",
    "Feilding High School",
    "Ross Intermediate",
]
TITLES = {"F": ["Ms", "Mrs", "Miss", "Ms"], "M": ["Mr"], "X": ["Mx"]}

NOTE_SENTENCES = [
    "Met with {g} at home and talked through budgeting goals and next steps.",
    "{g} attended the group session and contributed well; follow-up booked.",
    "Phone check-in - {g} says things are settling down with the whānau.",
    "Did not attend, left a voicemail and sent a text reminder.",
    "Supported {g} to an appointment at Work and Income, hardship grant approved.",
    "{g} reports sleeping better and fewer arguments at home.",
    "Referred on to GP for ongoing support with anxiety.",
    "Whānau hui held at the marae, plan agreed with {c}.",
    "Transport was an issue again so we arranged a taxi chit.",
    "Discussed housing options; {g} is now on the social housing register.",
    "Good progress on goals, {g} has enrolled in a course at the polytech.",
    "Safety plan reviewed with {g} and updated.",
    "{g} was tired today but keen to keep coming, next session in two weeks.",
    "Worked on a CV together and practised interview questions.",
    "Kōrero about school attendance with {c}; agreed to check in weekly.",
    "Food parcel delivered, power bill arrangement set up with the retailer.",
    '{g} shared some worries about money, "it\'s been a hard month".',
    "Exit interview done, {g} feels more confident managing on their own.",
]

# --------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------
_MACRONS = str.maketrans("āēīōūĀĒĪŌŪ", "aeiouAEIOU")


def demacron(s: str) -> str:
    return s.translate(_MACRONS)


def ascii_slug(s: str) -> str:
    s = demacron(s).replace("ë", "e").replace("é", "e")
    return re.sub(r"[^a-z0-9]", "", s.lower())


class BadDate:
    """A date of birth that is not a real date (e.g. 30 February)."""

    def __init__(self, y: int, m: int, d: int):
        self.y, self.m, self.d = y, m, d


IMPOSSIBLE = [(1988, 2, 30), (1979, 4, 31), (2001, 2, 29), (1965, 6, 31), (1992, 9, 31), (1974, 11, 31), (1999, 2, 31)]
FUTURE_DOBS = [
    dt.date(2031, 3, 14),
    dt.date(2029, 11, 2),
    dt.date(2030, 7, 21),
    dt.date(2034, 1, 9),
    dt.date(2028, 12, 25),
]


def fmt_date(d, style: str) -> str:
    if d is None:
        return ""
    if isinstance(d, BadDate):
        y, m, dd = d.y, d.m, d.d
    else:
        y, m, dd = d.year, d.month, d.day
    if style == "dmy":
        return f"{dd:02d}/{m:02d}/{y}"
    if style == "dmy_np":
        return f"{dd}/{m}/{y}"
    if style == "iso":
        return f"{y:04d}-{m:02d}-{dd:02d}"
    if style == "dmy_dash":
        return f"{dd:02d}-{m:02d}-{y}"
    if style == "d-mmm-yy":
        return f"{dd}-{MON[m - 1]}-{y % 100:02d}"
    if style == "d-mmm-yyyy":
        return f"{dd}-{MON[m - 1]}-{y}"
    if style == "d mmmm yyyy":
        return f"{dd} {MONTH_FULL[m - 1]} {y}"
    raise ValueError(style)


def excel_serial(d: dt.date) -> int:
    return (d - EXCEL_EPOCH).days


def rand_weekday(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    while True:
        d = lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))
        if d.weekday() < 5 or rng.random() < 0.1:
            return d


# --------------------------------------------------------------------------
# people
# --------------------------------------------------------------------------
class Layout:
    """Per-layout settings used by the person factory and the column renderers."""

    def __init__(
        self,
        lid,
        provider,
        quarter,
        *,
        seed,
        region,
        mix,
        age=(16, 75),
        programmes=("Whānau support",),
        ref=lambda n: f"C{n:05d}",
        new_nhi=0.0,
        iwi_pref=(),
        start_in_quarter=False,
        nhi_blank=0.1,
        phone_style="spaced",
        landline=0.15,
        scale=(1, 10),
        caregiver_rel=False,
    ):
        self.lid, self.provider, self.quarter = lid, provider, quarter
        self.q0, self.q1 = QUARTERS[quarter]
        self.rng = random.Random(f"{SEED}-{lid}-{seed}")
        self.region, self.mix, self.age = region, mix, age
        self.programmes, self.ref, self.new_nhi = list(programmes), ref, new_nhi
        self.iwi_pref, self.start_in_quarter, self.nhi_blank = list(iwi_pref), start_in_quarter, nhi_blank
        self.phone_style, self.landline, self.scale = phone_style, landline, scale
        self.caregiver_rel = caregiver_rel
        self._refs = self.rng.sample(range(100, 9999), 1500)
        self.staff = [self.staff_name() for _ in range(self.rng.randint(4, 7))]

    def pick_group(self) -> str:
        groups, weights = zip(*self.mix.items(), strict=True)
        return self.rng.choices(groups, weights)[0]

    def staff_name(self) -> str:
        g = NAMES[self.pick_group()]
        return f"{self.rng.choice(g['f'] + g['m'])} {self.rng.choice(g['fam'])}"

    def person(self, i: int, month: tuple | None = None) -> dict:
        r = self.rng
        grp = self.pick_group()
        pool = NAMES[grp]
        sex = r.choices(["F", "M", "X"], [52, 45, 3])[0]
        first_pool = pool["f"] if sex == "F" else pool["m"] if sex == "M" else pool["f"] + pool["m"]
        given = r.choice(first_pool)
        if r.random() < 0.15:
            second = r.choice(first_pool)
            if second != given:
                given = f"{given} {second}"
        family = r.choice(pool["fam"])
        while family in given.split():
            family = r.choice(pool["fam"])
        if grp in ("maori", "pakeha") and r.random() < 0.06:
            family = f"{family}-{r.choice(NAMES['maori' if grp == 'pakeha' else 'pakeha']['fam'])}"
        eth = list(pool["eth"])
        for label, p in pool["extra"]:
            if r.random() < p and label not in eth:
                eth.append(label)
        if "Māori" not in eth and r.random() < 0.03:
            eth.append("Māori")
        iwi = []
        if "Māori" in eth and r.random() < 0.85:
            iwi.append(r.choice(self.iwi_pref) if self.iwi_pref and r.random() < 0.6 else r.choice(IWI))
            if r.random() < 0.2:
                extra = r.choice(IWI)
                if extra not in iwi:
                    iwi.append(extra)
        lo_age, hi_age = self.age
        age = r.randint(lo_age, hi_age)
        dob = self.q0 - dt.timedelta(days=int(age * 365.25) + r.randint(0, 364))
        if month:
            m0, m1 = month
        else:
            m0, m1 = self.q0, self.q1
        service = rand_weekday(r, m0, m1)
        status = r.choices(["completed", "exited", "ongoing"], [45, 15, 40])[0]
        if self.start_in_quarter:
            start = rand_weekday(r, self.q0, self.q1)
        elif status == "ongoing" and r.random() < 0.5:
            start = rand_weekday(r, self.q0 - dt.timedelta(days=60), service)
        else:
            start = rand_weekday(r, self.q0 - dt.timedelta(days=240), service)
        start = min(start, service) if not self.start_in_quarter else start
        sessions = {"completed": r.randint(6, 20), "exited": r.randint(1, 5), "ongoing": r.randint(1, 12)}[status]
        lo, hi = self.scale
        wb_start = r.randint(lo, max(lo, lo + (hi - lo) * 2 // 3))
        wb_end = min(hi, max(lo, wb_start + r.randint(-1, (hi - lo) // 2 + 1)))
        if status == "ongoing" and r.random() < 0.5:
            wb_end = None
        suburb, town, pcode = r.choice(REGIONS[self.region])
        number = r.randint(1, 240)
        unit = f"{r.randint(1, 12)}/" if r.random() < 0.15 else ""
        letter = r.choice("AB") if r.random() < 0.04 else ""
        street = f"{unit}{number}{letter} {r.choice(STREETS)} {r.choice(STREET_TYPES)}"
        phone = self._phone()
        email = None
        if r.random() < 0.7:
            sep = r.choice([".", "", "_"])
            gs = ascii_slug(given.split()[0])
            email = f"{gs}{sep}{ascii_slug(family)}{r.choice(['', '', str(r.randint(1, 99)), str(dob.year % 100)])}@{r.choice(EMAIL_DOMAINS)}"
        nhi = make_nhi(r, r.random() < self.new_nhi)
        if r.random() < self.nhi_blank:
            nhi = ""
        cg_pool = NAMES[grp if r.random() < 0.8 else self.pick_group()]
        cg_given = r.choice(cg_pool["f"] + cg_pool["m"])
        while cg_given.split()[0] == given.split()[0]:
            cg_given = r.choice(cg_pool["f"] + cg_pool["m"])
        cg_family = family if r.random() < 0.6 else r.choice(cg_pool["fam"])
        caregiver = f"{cg_given} {cg_family}"
        if self.caregiver_rel:
            caregiver += f" ({r.choice(['mum', 'dad', 'nan', 'aunty', 'uncle', 'koro', 'kuia', 'grandad', 'sister'])})"
        notes = " ".join(s.format(g=given.split()[0], c=cg_given) for s in r.sample(NOTE_SENTENCES, r.randint(1, 2)))
        return dict(
            i=i,
            group=grp,
            sex=sex,
            given=given,
            family=family,
            eth=eth,
            iwi=iwi,
            dob=dob,
            nhi=nhi,
            ird=make_ird(r),
            ref=self.ref(self._refs[i % len(self._refs)]),
            street=street,
            suburb=suburb,
            town=town,
            pcode=pcode,
            phone=phone,
            email=email,
            programme=r.choice(self.programmes),
            referral=r.choice(REFERRALS),
            start=start,
            service=service,
            sessions=sessions,
            status=status,
            consent=r.random() < 0.82,
            wb_start=wb_start,
            wb_end=wb_end,
            notes=notes,
            caregiver=caregiver,
            worker=r.choice(self.staff),
            funder=r.choice(FUNDER_CODES),
            agency=r.choice(AGENCY_CODES),
            flag=r.random() < 0.12,
            title=r.choice(TITLES[sex]),
            hapu=r.choice(HAPU) if iwi else "",
            session_type=r.choice(SESSION_TYPES),
            school=r.choice(SCHOOLS),
            household=r.randint(1, 9),
            income=r.choice([0, 180, 320, 455.5, 610, 780, 920.25, 1150]),
            debt=round(r.uniform(0, 24000), 2),
            hours=r.choice([1, 1, 1.5, 2, 2, 3]),
        )

    def _phone(self) -> str:
        r = self.rng
        if r.random() < self.landline:
            ac = AREA_CODE[self.region]
            num = f"{r.randint(200, 999)} {r.randint(1000, 9999)}"
            return f"({ac}) {num}" if r.random() < 0.5 else f"{ac} {num}"
        pre = r.choice(["21", "22", "27", "27", "29", "20"])
        a, b = r.randint(100, 999), r.randint(1000, 9999)
        style = self.phone_style if r.random() < 0.8 else r.choice(["spaced", "compact", "dash", "intl"])
        if style == "compact":
            return f"0{pre}{a}{b}"
        if style == "dash":
            return f"0{pre}-{a}-{b}"
        if style == "intl":
            return f"+64 {pre} {a} {b}"
        return f"0{pre} {a} {b}"


# --------------------------------------------------------------------------
# column renderers
# --------------------------------------------------------------------------
def C(header, target, fn, group=None):
    return {"header": header, "target": target, "fn": fn, "group": group}


def _case(s: str, case: str | None) -> str:
    if case == "upper":
        return s.upper()
    if case == "lower":
        return s.lower()
    if case == "demac":
        return demacron(s)
    return s


def r_given(case=None):
    return lambda p: _case(p["given"], case)


def r_family(case=None):
    return lambda p: _case(p["family"], case)


def r_full(style="gf", case=None):
    def f(p):
        g, fam = p["given"], p["family"]
        if not g and not fam:
            return ""
        if style == "gf":
            s = f"{g} {fam}"
        elif style == "FG":
            s = f"{fam.upper()}, {g}"
        elif style == "fg":
            s = f"{fam}, {g}"
        elif style == "gF":
            s = f"{g} {fam.upper()}"
        else:
            raise ValueError(style)
        return _case(s, case)

    return f


def r_date(key, style=None):
    """style None -> a date object (for workbooks); 'serial' -> Excel serial int; else text."""

    def f(p):
        d = p[key]
        if d is None:
            return None if style in (None, "serial") else ""
        if style is None:
            return fmt_date(d, "dmy") if isinstance(d, BadDate) else d
        if style == "serial":
            return fmt_date(d, "dmy") if isinstance(d, BadDate) else excel_serial(d)
        return fmt_date(d, style)

    return f


def r_nhi(lower=False):
    return lambda p: p["nhi"].lower() if lower else p["nhi"]


def r_ird(style="plain", as_int=False):
    return lambda p: int(p["ird"]) if as_int else fmt_ird(p["ird"], style)


def r_gender(vocab="word"):
    return lambda p: GENDER_VOCABS[vocab][p["sex"]]


def _eth_label(e, variant):
    return ETH_LABEL_VARIANTS.get(variant, {}).get(e, e)


def r_eth(sep="; ", kind="label", variant="plain", first_only=False, case=None):
    def f(p):
        eth = p["eth"][:1] if first_only else p["eth"]
        if kind == "l2":
            vals = [ETH_L2[e] for e in eth]
        elif kind == "l4":
            vals = [ETH_L4[e] for e in eth]
        else:
            vals = [_case(_eth_label(e, variant), case) for e in eth]
        return sep.join(dict.fromkeys(vals))

    return f


def r_eth_n(n, kind="label", variant="plain", case=None):
    def f(p):
        eth = p["eth"]
        if n >= len(eth):
            return "" if kind != "l4int" else None
        e = eth[n]
        if kind == "l4":
            return ETH_L4[e]
        if kind == "l4int":
            return int(ETH_L4[e])
        return _case(_eth_label(e, variant), case)

    return f


def r_iwi(sep=", ", case=None):
    return lambda p: _case(sep.join(p["iwi"]), case)


def r_phone():
    return lambda p: p["phone"]


def r_email():
    return lambda p: p["email"] or ""


def r_address(style="full", case=None):
    def f(p):
        sub = p["suburb"] if p["suburb"] != p["town"] else ""
        if style == "full":
            parts = [p["street"], sub, f"{p['town']} {p['pcode']}"]
        elif style == "nopc":
            parts = [p["street"], sub, p["town"]]
        elif style == "multi":  # one cell, lines separated by newlines
            return _case("\n".join(x for x in [p["street"], sub, f"{p['town']} {p['pcode']}"] if x), case)
        else:
            raise ValueError(style)
        return _case(", ".join(x for x in parts if x), case)

    return f


def r_key(key, case=None, blank=""):
    def f(p):
        v = p[key]
        if v is None:
            return blank
        return _case(v, case) if isinstance(v, str) else v

    return f


def r_pcode(as_int=False):
    return lambda p: int(p["pcode"]) if as_int else p["pcode"]


def r_outcome(vocab="plain"):
    return lambda p: OUTCOME_VOCABS[vocab][p["status"]]


def r_consent(vocab="yesno"):
    if vocab == "bool":
        return lambda p: bool(p["consent"])
    return lambda p: CONSENT_VOCABS[vocab][0 if p["consent"] else 1]


def r_num(key, as_text=False):
    def f(p):
        v = p[key]
        if v is None:
            return "" if as_text else None
        return str(v) if as_text else v

    return f


def r_rownum(offset=1, as_text=False):
    return lambda p: str(p["row"] + offset) if as_text else p["row"] + offset


def r_age(as_text=False):
    def f(p):
        d = p["dob"]
        if not isinstance(d, dt.date) or d > p["service"]:
            return "" if as_text else None
        s = p["service"]
        a = s.year - d.year - ((s.month, s.day) < (d.month, d.day))
        return str(a) if as_text else a

    return f


def r_flag(kind="Y"):
    if kind == "01":
        return lambda p: 1 if p["flag"] else 0
    return lambda p: "Y" if p["flag"] else ""


# --------------------------------------------------------------------------
# building tables
# --------------------------------------------------------------------------
NAME_TARGETS = {"full_name", "given_names", "family_name"}


def build_rows(
    L: Layout,
    cols,
    n,
    *,
    months=None,
    invalid_kinds=("noid", "baddob", "future"),
    max_invalid=3,
    blank_name_keep_nhi=0,
    pool=None,
    start_index=0,
):
    """Render ``n`` rows.  Returns (records, valid_count)."""
    r = L.rng
    targets = {c["target"] for c in cols}
    k = r.choice([0, 1, 1, 2, 2, 3][: max_invalid * 2]) if max_invalid else 0
    bad_idx = set(r.sample(range(n), k))
    kinds = list(invalid_kinds)
    keep_idx = set()
    if blank_name_keep_nhi and "nhi" in targets:
        keep_idx = set(r.sample([i for i in range(n) if i not in bad_idx], blank_name_keep_nhi))
    records, valid = [], 0
    for row in range(n):
        i = start_index + row
        if pool is not None:
            p = dict(r.choice(pool))
            lo, hi = months if months else (L.q0, L.q1)
            p["service"] = rand_weekday(r, lo, hi)
            p["start"] = min(p["start"], p["service"])
        else:
            p = L.person(i, month=months)
        p["row"] = row
        if row in bad_idx:
            kind = r.choice(kinds)
            if kind == "noid":
                p["given"] = p["family"] = ""
                p["nhi"] = ""
            elif kind == "baddob":
                p["dob"] = BadDate(*r.choice(IMPOSSIBLE))
            else:
                p["dob"] = r.choice(FUTURE_DOBS)
        else:
            valid += 1
            if row in keep_idx:
                p["given"] = p["family"] = ""
                if not p["nhi"]:
                    p["nhi"] = make_nhi(r)
        records.append([c["fn"](p) for c in cols])
    return records, valid


def table(sheet, cols, records, valid, *, prelude=(), group_row=False):
    return {
        "sheet": sheet,
        "cols": cols,
        "records": records,
        "valid": valid,
        "prelude": [list(x) for x in prelude],
        "group_row": group_row,
    }


def header_row_of(t) -> int:
    return len(t["prelude"]) + (1 if t["group_row"] else 0) + 1


def group_cells(cols):
    out, prev = [], object()
    for c in cols:
        g = c["group"]
        out.append(g if (g is not None and g != prev) else None)
        prev = g
    return out


def group_runs(cols):
    """[(start_idx, end_idx, label)] for consecutive columns sharing a group."""
    runs, i = [], 0
    while i < len(cols):
        g = cols[i]["group"]
        j = i
        while j + 1 < len(cols) and cols[j + 1]["group"] == g:
            j += 1
        if g is not None:
            runs.append((i, j, g))
        i = j + 1
    return runs


# --------------------------------------------------------------------------
# writers
# --------------------------------------------------------------------------
FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return f"{v:.2f}".rstrip("0").rstrip(".") if v != int(v) else str(int(v))
    return str(v)


def write_delimited(
    path: Path, t, *, delimiter, encoding, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL, gz=False, pad_prelude=False
):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator, quoting=quoting)
    width = len(t["cols"])
    for row in t["prelude"]:
        row = [_cell_text(x) for x in row]
        if pad_prelude:
            row = row + [""] * (width - len(row))
        w.writerow(row)
    if t["group_row"]:
        w.writerow([g or "" for g in group_cells(t["cols"])])
    w.writerow([c["header"] for c in t["cols"]])
    for rec in t["records"]:
        w.writerow([_cell_text(v) for v in rec])
    text = buf.getvalue()
    if encoding == "cp1252":
        text = demacron(text)
    data = text.encode(encoding)
    if gz:
        data = gzip.compress(data, compresslevel=9, mtime=0)
    path.write_bytes(data)


def _deterministic_zip(raw: bytes, fix=None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if fix:
                data = fix(info.filename, data)
            zi = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, data)
    return out.getvalue()


def write_xlsx(path: Path, tables, *, date_format="DD/MM/YYYY", cover=None, trailing_sheets=()):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    first = wb.active
    used_first = False
    if cover:
        name, lines = cover
        first.title = name
        for r_i, line in enumerate(lines, start=1):
            for c_i, v in enumerate(line if isinstance(line, (list, tuple)) else [line], start=1):
                first.cell(row=r_i, column=c_i, value=v)
        first["A1"].font = Font(bold=True, size=14)
        first.column_dimensions["A"].width = 60
        used_first = True
    for t in tables:
        ws = first if not used_first else wb.create_sheet(t["sheet"])
        if not used_first:
            ws.title = t["sheet"]
            used_first = True
        row = 1
        for pre in t["prelude"]:
            for c_i, v in enumerate(pre, start=1):
                ws.cell(row=row, column=c_i, value=v)
            if pre:
                ws.cell(row=row, column=1).font = Font(bold=True, size=12)
            row += 1
        if t["group_row"]:
            for a, b, label in group_runs(t["cols"]):
                ws.cell(row=row, column=a + 1, value=label).font = Font(bold=True)
                ws.cell(row=row, column=a + 1).alignment = Alignment(horizontal="center")
                if b > a:
                    ws.merge_cells(start_row=row, start_column=a + 1, end_row=row, end_column=b + 1)
            row += 1
        for c_i, c in enumerate(t["cols"], start=1):
            ws.cell(row=row, column=c_i, value=c["header"]).font = Font(bold=True)
        row += 1
        for rec in t["records"]:
            for c_i, v in enumerate(rec, start=1):
                if v is None or v == "":
                    continue
                cell = ws.cell(row=row, column=c_i, value=v)
                if isinstance(v, dt.date):
                    cell.number_format = t.get("date_format", date_format)
            row += 1
    for name, lines in trailing_sheets:
        ws = wb.create_sheet(name)
        for r_i, line in enumerate(lines, start=1):
            for c_i, v in enumerate(line, start=1):
                ws.cell(row=r_i, column=c_i, value=v)
    wb.properties.creator = "Provider staff"
    raw = io.BytesIO()
    wb.save(raw)

    def fix(name, data):
        if name == "docProps/core.xml":
            data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-01-01T00:00:00Z", data)
        return data

    path.write_bytes(_deterministic_zip(raw.getvalue(), fix))


ODS_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
_XMLNS = " ".join(f'xmlns:{k}="{v}"' for k, v in ODS_NS.items() if k != "manifest")


def _ods_cell(v, date_display="dmy") -> str:
    if v is None or v == "":
        return "<table:table-cell/>"
    if isinstance(v, bool):
        return (
            f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(v).lower()}">'
            f"<text:p>{'TRUE' if v else 'FALSE'}</text:p></table:table-cell>"
        )
    if isinstance(v, dt.date):
        return (
            f'<table:table-cell table:style-name="ce1" office:value-type="date" '
            f'office:date-value="{v.isoformat()}"><text:p>{fmt_date(v, date_display)}</text:p></table:table-cell>'
        )
    if isinstance(v, (int, float)):
        return (
            f'<table:table-cell office:value-type="float" office:value="{v}">'
            f"<text:p>{_cell_text(v)}</text:p></table:table-cell>"
        )
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'


def write_ods(path: Path, tables, *, cover=None):
    sheets = []

    def sheet_xml(name, rows_xml, ncols):
        return (
            f'<table:table table:name="{escape(name)}">'
            f'<table:table-column table:number-columns-repeated="{max(ncols, 1)}"/>'
            + "".join(rows_xml)
            + "</table:table>"
        )

    if cover:
        name, lines = cover
        rows_xml = [
            "<table:table-row>"
            + "".join(_ods_cell(v) for v in (line if isinstance(line, (list, tuple)) else [line]))
            + "</table:table-row>"
            for line in lines
        ]
        sheets.append(sheet_xml(name, rows_xml, 2))
    for t in tables:
        rows_xml = []
        for pre in t["prelude"]:
            rows_xml.append(
                "<table:table-row>" + "".join(_ods_cell(v) for v in pre) + "</table:table-row>"
                if pre
                else "<table:table-row><table:table-cell/></table:table-row>"
            )
        if t["group_row"]:
            cells, i, cols = [], 0, t["cols"]
            runs = {a: (b, label) for a, b, label in group_runs(cols)}
            while i < len(cols):
                if i in runs:
                    b, label = runs[i]
                    span = b - i + 1
                    attr = f' table:number-columns-spanned="{span}"' if span > 1 else ""
                    cells.append(
                        f'<table:table-cell{attr} office:value-type="string"><text:p>{escape(label)}</text:p></table:table-cell>'
                    )
                    cells.extend(["<table:covered-table-cell/>"] * (span - 1))
                    i = b + 1
                else:
                    cells.append("<table:table-cell/>")
                    i += 1
            rows_xml.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        rows_xml.append("<table:table-row>" + "".join(_ods_cell(c["header"]) for c in t["cols"]) + "</table:table-row>")
        for rec in t["records"]:
            rows_xml.append("<table:table-row>" + "".join(_ods_cell(v) for v in rec) + "</table:table-row>")
        sheets.append(sheet_xml(t["sheet"], rows_xml, len(t["cols"])))
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {_XMLNS} office:version="1.2">'
        "<office:automatic-styles>"
        '<number:date-style style:name="N37"><number:day number:style="long"/><number:text>/</number:text>'
        '<number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/>'
        "</number:date-style>"
        '<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N37"/>'
        "</office:automatic-styles>"
        "<office:body><office:spreadsheet>" + "".join(sheets) + "</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-styles {_XMLNS} office:version="1.2"><office:styles>'
        '<style:style style:name="Default" style:family="table-cell"/></office:styles></office:document-styles>'
    )
    meta = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-meta {_XMLNS} office:version="1.2"><office:meta>'
        "<meta:generator>Spreadsheet export</meta:generator></office:meta></office:document-meta>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<manifest:manifest xmlns:manifest="{ODS_NS["manifest"]}" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        zi = zipfile.ZipInfo("mimetype", FIXED_ZIP_TIME)
        zi.compress_type = zipfile.ZIP_STORED
        z.writestr(zi, "application/vnd.oasis.opendocument.spreadsheet")
        for name, data in (
            ("META-INF/manifest.xml", manifest),
            ("content.xml", content),
            ("styles.xml", styles),
            ("meta.xml", meta),
        ):
            zi = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data.encode("utf-8"))
    path.write_bytes(out.getvalue())


def _json_value(v):
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def write_json(path: Path, t):
    recs = [{c["header"]: _json_value(v) for c, v in zip(t["cols"], rec, strict=True)} for rec in t["records"]]
    path.write_text(json.dumps(recs, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------
# the twenty layouts
# --------------------------------------------------------------------------
def nrows(L, lo=60, hi=200):
    return L.rng.randint(lo, hi)


MIX_GENERAL = {
    "pakeha": 40,
    "maori": 25,
    "samoan": 6,
    "tongan": 3,
    "cook": 2,
    "chinese": 5,
    "indian": 6,
    "filipino": 3,
    "korean": 2,
    "european": 4,
    "vietnamese": 1,
    "fijian": 1,
}
MIX_MAORI = {"maori": 70, "pakeha": 15, "samoan": 4, "cook": 3, "tongan": 2, "indian": 2, "chinese": 2, "european": 2}
MIX_PACIFIC = {
    "samoan": 35,
    "tongan": 22,
    "cook": 12,
    "niuean": 6,
    "fijian": 5,
    "maori": 12,
    "pakeha": 4,
    "indian": 3,
    "filipino": 1,
}


def layout_01():
    L = Layout(
        "BLIND01",
        "kapiti-coast-family-support",
        "2026Q3",
        seed=1,
        region="kapiti",
        mix=MIX_GENERAL,
        programmes=["Parenting Through Change", "Whānau Connect", "Family Start"],
        ref=lambda n: f"KCF-{n:04d}",
    )
    cols = [
        C("Client ID", "client_ref", r_key("ref")),
        C("First name", "given_names", r_given()),
        C("Last name", "family_name", r_family()),
        C("Date of birth", "date_of_birth", r_date("dob", "dmy")),
        C("NHI", "nhi", r_nhi()),
        C("Gender", "gender", r_gender("word")),
        C("Ethnicity", "ethnicity", r_eth(first_only=True)),
        C("Phone", "phone", r_phone()),
        C("Email", "email", r_email()),
        C("Address", "address", r_address("full")),
        C("Programme", "programme", r_key("programme")),
        C("Session date", "service_date", r_date("service", "dmy")),
        C("Sessions attended", "sessions_attended", r_num("sessions", True)),
        C("Outcome", "outcome_status", r_outcome("plain")),
        C("Consent to evaluation", "consent_evaluation", r_consent("yesno")),
        C("Funder code", None, r_key("funder")),
    ]
    recs, valid = build_rows(L, cols, nrows(L), blank_name_keep_nhi=1)
    t = table(None, cols, recs, valid)
    return (
        L,
        [
            "plain-english-headers",
            "csv",
            "utf-8",
            "comma",
            "dmy-dates",
            "split-name",
            "funder-code-distractor",
            "name-blank-nhi-present",
        ],
        [
            dict(
                name="kcfs_quarterly_return_2026Q3.csv",
                format="csv",
                encoding="utf-8",
                delimiter=",",
                tables=[t],
                write=lambda p: write_delimited(p, t, delimiter=",", encoding="utf-8"),
            )
        ],
    )


def layout_02():
    L = Layout(
        "BLIND02",
        "te-ropu-tautoko-tamaki",
        "2026Q3",
        seed=2,
        region="auckland_central",
        mix=MIX_MAORI,
        programmes=["Mahi Tahi", "Whānau Ora", "Rangatahi Tū Tangata"],
    )
    cols = [
        C("Ingoa", "full_name", r_full("FG")),
        C("Ra whanau", "date_of_birth", r_date("dob", "dmy")),
        C("Ira tangata", "gender", r_gender("reo_plain")),
        C("Matawaka", "ethnicity", r_eth(sep=", ")),
        C("Iwi", "iwi", r_iwi()),
        C("Nama waea", "phone", r_phone()),
        C("Wahitau", "address", r_address("full")),
        C("Hotaka", "programme", r_key("programme")),
        C("Ra o te hui", "service_date", r_date("service", "d-mmm-yy")),
        C("Whakaaetanga", "consent_evaluation", r_consent("ae_plain")),
        C("Kaimahi", "key_worker", r_key("worker")),
        C("Tohu putea", None, r_key("funder")),
    ]
    recs, valid = build_rows(L, cols, nrows(L))
    t = table(None, cols, recs, valid)
    return (
        L,
        [
            "te-reo-headers-no-macrons",
            "cp1252",
            "semicolon",
            "FAMILY-Given-full-name",
            "no-client-ref",
            "d-mmm-yy-service-dates",
            "ae-kao-consent",
            "funder-code-distractor",
        ],
        [
            dict(
                name="Purongo_Q3_2026.csv",
                format="csv",
                encoding="cp1252",
                delimiter=";",
                tables=[t],
                write=lambda p: write_delimited(p, t, delimiter=";", encoding="cp1252"),
            )
        ],
    )


def layout_03():
    L = Layout(
        "BLIND03",
        "whare-oranga-rotorua",
        "2026Q2",
        seed=3,
        region="rotorua",
        mix=MIX_MAORI,
        programmes=["Mauri Ora", "Te Ara Whakamua", "Hauora Tāne"],
        ref=lambda n: f"WOR{n:04d}",
        iwi_pref=["Te Arawa", "Tūhoe", "Ngāti Tūwharetoa"],
        caregiver_rel=True,
    )
    cols = [
        C("Nama kiritaki", "client_ref", r_key("ref")),
        C("Ingoa tuatahi", "given_names", r_given()),
        C("Ingoa whānau", "family_name", r_family()),
        C("Rā whānau", "date_of_birth", r_date("dob")),
        C("Ira tangata", "gender", r_gender("reo")),
        C("Iwi", "iwi", r_iwi()),
        C("Mātāwaka", "ethnicity", r_eth(sep=", ")),
        C("Tau NHI", "nhi", r_nhi()),
        C("Waea", "phone", r_phone()),
        C("Īmēra", "email", r_email()),
        C("Hōtaka", "programme", r_key("programme")),
        C("Rā tīmata", "start_date", r_date("start")),
        C("Rā o te hui", "service_date", r_date("service")),
        C("Whakaaetanga", "consent_evaluation", r_consent("ae")),
        C("Kaitiaki", "caregiver_name", r_key("caregiver")),
        C("Tuhipoka", "case_notes", r_key("notes")),
    ]
    recs, valid = build_rows(L, cols, nrows(L))
    pre = [["Whare Oranga Rotorua - Pūrongo hauwhā"], ["Hōtaka: 1 Paenga-whāwhā - 30 Pipiri 2026"], []]
    t = table("Hōtaka Q2", cols, recs, valid, prelude=pre)
    return (
        L,
        [
            "xlsx",
            "title-rows",
            "te-reo-headers-macrons",
            "excel-date-cells",
            "split-name",
            "caregiver",
            "case-notes",
            "multi-value-ethnicity-comma",
            "ae-kao-consent",
        ],
        [
            dict(
                name="Pūrongo Q2 2026.xlsx",
                format="xlsx",
                encoding=None,
                delimiter=None,
                tables=[t],
                write=lambda p: write_xlsx(p, [t]),
            )
        ],
    )


def layout_04():
    L = Layout(
        "BLIND04",
        "hutt-valley-whanau-services",
        "2026Q2",
        seed=4,
        region="hutt",
        mix=MIX_GENERAL,
        programmes=["Strengthening Families", "Te Kāinga", "Incredible Years"],
        ref=lambda n: f"HV{n}",
    )
    G1, G2, G3, G4 = "Client details", "Contact", "Service", "Wellbeing"
    cols = [
        C("Client #", "client_ref", r_key("ref"), G1),
        C("Given name(s)", "given_names", r_given(), G1),
        C("Surname", "family_name", r_family(), G1),
        C("DOB", "date_of_birth", r_date("dob"), G1),
        C("Gender", "gender", r_gender("fm"), G1),
        C("Ethnicity", "ethnicity", r_eth(sep="; ", variant="long"), G1),
        C("Street address", "address_street", r_key("street"), G2),
        C("Suburb", "address_suburb", r_key("suburb"), G2),
        C("Town/City", "address_town", r_key("town"), G2),
        C("Postcode", "address_postcode", r_pcode(), G2),
        C("Mobile", "phone", r_phone(), G2),
        C("Programme", "programme", r_key("programme"), G3),
        C("Referred by", "referral_source", r_key("referral"), G3),
        C("Enrolment date", "start_date", r_date("start"), G3),
        C("Date of service", "service_date", r_date("service"), G3),
        C("No. of sessions", "sessions_attended", r_num("sessions"), G3),
        C("Exit status", "outcome_status", r_outcome("closed"), G3),
        C("Start (1-10)", "wellbeing_start", r_num("wb_start"), G4),
        C("End (1-10)", "wellbeing_end", r_num("wb_end"), G4),
        C("Consent for evaluation?", "consent_evaluation", r_consent("yn")),
        C("Staff member", "key_worker", r_key("worker")),
    ]
    recs, valid = build_rows(L, cols, nrows(L))
    t = table("Q2 data", cols, recs, valid, group_row=True)
    contact = L.staff[0]
    email = f"{ascii_slug(contact.split()[0])}.{ascii_slug(contact.split()[-1])}@hvws.org.nz"
    cover = (
        "Instructions",
        [
            "Hutt Valley Whānau Services - Quarterly data return",
            "Quarter: April to June 2026",
            "",
            "Please complete the 'Q2 data' sheet, one row per client seen this quarter.",
            "Dates as dd/mm/yyyy. Wellbeing is scored 1 (low) to 10 (high).",
            f"Questions? Contact {contact} on {email} or 04 566 0192.",
        ],
    )
    return (
        L,
        [
            "xlsx",
            "cover-sheet-first",
            "data-on-second-sheet",
            "staff-email-on-cover",
            "merged-group-headers",
            "split-address",
            "wellbeing-pre-post",
            "units-in-headers",
        ],
        [
            dict(
                name="HVWS_Q2_2026_return.xlsx",
                format="xlsx",
                encoding=None,
                delimiter=None,
                tables=[t],
                write=lambda p: write_xlsx(p, [t], cover=cover),
            )
        ],
    )


def layout_05():
    L = Layout(
        "BLIND05",
        "southland-mentoring-trust",
        "2026Q2",
        seed=5,
        region="southland",
        mix={"pakeha": 55, "maori": 25, "european": 5, "filipino": 6, "indian": 4, "samoan": 3, "chinese": 2},
        programmes=["Youth mentoring", "Tu Kaha", "Driver licence"],
        ref=lambda n: f"SMT{n}",
        age=(13, 30),
    )
    cols = [
        C("Row", None, r_rownum(as_text=True)),
        C("Ref #", "client_ref", r_key("ref")),
        C("Surname", "family_name", r_family()),
        C("Given", "given_names", r_given()),
        C("D.O.B.", "date_of_birth", r_date("dob", "dmy_np")),
        C("Sex", "gender", r_gender("fm")),
        C("Eth", "ethnicity", r_eth(sep=",", kind="l2")),
        C("Ph", "phone", r_phone()),
        C("Addr", "address", r_address("full")),
        C("Prog.", "programme", r_key("programme")),
        C("Svc date", "service_date", r_date("service", "dmy_np")),
        C("Sess.", "sessions_attended", r_num("sessions", True)),
        C("Outcome", "outcome_status", r_outcome("plain")),
        C("Cnsnt", "consent_evaluation", r_consent("yn")),
        C("Notes for agency", None, r_key("agency")),
    ]
    files = []
    start = 0
    for part in (1, 2):
        n = nrows(L)
        recs, valid = build_rows(L, cols, n, start_index=start)
        start += n
        t = table(None, cols, recs, valid)
        files.append(
            dict(
                name=f"SMT return Q2 2026 part {part}.csv",
                format="csv",
                encoding="utf-8-sig",
                delimiter=",",
                tables=[t],
                write=(lambda tt: lambda p: write_delimited(p, tt, delimiter=",", encoding="utf-8-sig"))(t),
            )
        )
    return (
        L,
        [
            "two-part-submission",
            "csv",
            "utf-8-bom",
            "comma",
            "abbreviated-headers",
            "row-number-distractor",
            "agency-notes-codes",
            "ethnicity-l2-codes",
            "unpadded-dmy-dates",
        ],
        files,
    )


def layout_06():
    L = Layout(
        "BLIND06",
        "manukau-pasifika-wellbeing",
        "2026Q3",
        seed=6,
        region="auckland_south",
        mix=MIX_PACIFIC,
        programmes=["AIGA WELLBEING", "FAMILY VIOLENCE PREVENTION", "HEALTHY HOMES"],
        ref=lambda n: f"{n:06d}",
        phone_style="compact",
    )
    cols = [
        C("CLIENT NO ", "client_ref", r_key("ref")),
        C("NAME ", "full_name", r_full("gf", "upper")),
        C("DOB ", "date_of_birth", r_date("dob", "iso")),
        C("GENDER ", "gender", r_gender("caps")),
        C("ETHNICITY 1", "ethnicity", r_eth_n(0, case="upper")),
        C("ETHNICITY 2", "ethnicity", r_eth_n(1, case="upper")),
        C("ETHNICITY 3", "ethnicity", r_eth_n(2, case="upper")),
        C("FUNDING STREAM ", None, r_key("funder")),
        C("PHONE ", "phone", r_phone()),
        C("ADDRESS ", "address", r_address("full", "upper")),
        C("PROGRAMME ", "programme", r_key("programme")),
        C("START DATE ", "start_date", r_date("start", "iso")),
        C("SESSION DATE ", "service_date", r_date("service", "iso")),
        C("SESSIONS ", "sessions_attended", r_num("sessions", True)),
        C("STATUS ", "outcome_status", r_outcome("caps")),
        C("CONSENT (Y/N) ", "consent_evaluation", r_consent("yn")),
        C("KEY WORKER ", "key_worker", r_key("worker", "upper")),
    ]
    recs, valid = build_rows(L, cols, nrows(L))
    t = table(None, cols, recs, valid)
    return (
        L,
        [
            "tsv",
            "utf-16",
            "caps-headers-trailing-spaces",
            "caps-names",
            "numbered-ethnicity-columns",
            "iso-dates",
            "funder-distractor",
            "key-worker",
        ],
        [
            dict(
                name="MPW_Q3_2026.tsv",
                format="tsv",
                encoding="utf-16",
                delimiter="\t",
                tables=[t],
                write=lambda p: write_delimited(p, t, delimiter="\t", encoding="utf-16"),
            )
        ],
    )


def layout_07():
    L = Layout(
        "BLIND07",
        "otautahi-youth-collective",
        "2026Q3",
        seed=7,
        region="christchurch",
        mix={
            "pakeha": 45,
            "maori": 30,
            "samoan": 6,
            "tongan": 3,
            "filipino": 4,
            "chinese": 4,
            "indian": 4,
            "european": 4,
        },
        programmes=["Tū Maia", "Rangatahi Rising", "Street Talk"],
        age=(12, 24),
        iwi_pref=["Ngāi Tahu"],
        scale=(1, 5),
    )
    cols = [
        C("Young person's name", "full_name", r_full("gf")),
        C("When were they born?", "date_of_birth", r_date("dob", "dmy")),
        C("Gender they identify with", "gender", r_gender("wm")),
        C("Which ethnic group(s)?", "ethnicity", r_eth(sep="; ")),
        C("Which iwi?", "iwi", r_iwi()),
        C("Best phone number", "phone", r_phone()),
        C("Email (if they have one)", "email", r_email()),
        C("Where do they live?", "address", r_address("full")),
        C("Who referred them?", "referral_source", r_key("referral")),
        C("Which programme?", "programme", r_key("programme")),
        C("When did they start?", "start_date", r_date("start", "iso")),
        C("Date of last session", "service_date", r_date("service", "iso")),
        C("How many sessions did they come to?", "sessions_attended", r_num("sessions", True)),
        C("How did it end?", "outcome_status", r_outcome("lower")),
        C("Did they consent to evaluation?", "consent_evaluation", r_consent("lower")),
        C("How were they feeling at the start? (1-5)", "wellbeing_start", r_num("wb_start", True)),
        C("How are they feeling now? (1-5)", "wellbeing_end", r_num("wb_end", True)),
        C("Parent/caregiver", "caregiver_name", r_key("caregiver")),
    ]
    recs, valid = build_rows(L, cols, nrows(L))
    t = table(None, cols, recs, valid)
    return (
        L,
        [
            "csv.gz",
            "pipe-delimited",
            "utf-8",
            "question-headers",
            "no-client-ref",
            "multi-value-ethnicity-semicolon",
            "units-in-headers",
            "wellbeing-pre-post",
            "caregiver",
        ],
        [
            dict(
                name="oyc-q3-2026.csv.gz",
                format="csv.gz",
                encoding="utf-8",
                delimiter="|",
                tables=[t],
                write=lambda p: write_delimited(p, t, delimiter="|", encoding="utf-8", lineterminator="\n", gz=True),
            )
        ],
    )


def layout_08():
    L = Layout(
        "BLIND08",
        "waikato-budget-advice",
        "2026Q3",
        seed=8,
        region="hamilton",
        mix=MIX_GENERAL,
        programmes=["Budget advice", "MoneyMates", "Debt solutions"],
        ref=lambda n: f"WBA-{n}",
        iwi_pref=["Waikato-Tainui", "Ngāti Maniapoto"],
    )
    cols = [
        C("recordNo", None, r_rownum()),
        C("clientId", "client_ref", r_key("ref")),
        C("firstName", "given_names", r_given()),
        C("lastName", "family_name", r_family()),
        C("dob", "date_of_birth", r_date("dob", "iso")),
        C("irdNumber", "ird", r_ird("dash")),
        C("gender", "gender", r_gender("lower")),
        C("ethnicityCodes", "ethnicity", r_eth(sep=",", kind="l2")),
        C("iwiAffiliation", "iwi", lambda p: ", ".join(p["iwi"]) or None),
        C("mobile", "phone", r_phone()),
        C("emailAddress", "email", lambda p: p["email"]),
        C("streetAddress", "address_street", r_key("street")),
        C("suburb", "address_suburb", r_key("suburb")),
        C("city", "address_town", r_key("town")),
        C("postCode", "address_postcode", r_pcode()),
        C("programmeName", "programme", r_key("programme")),
        C("referredBy", "referral_source", r_key("referral")),
        C("enrolledOn", "start_date", r_date("start", "iso")),
        C("sessionDate", "service_date", r_date("service", "iso")),
        C("sessionsAttended", "sessions_attended", r_num("sessions")),
        C("exitStatus", "outcome_status", r_outcome("budget")),
        C("evaluationConsent", "consent_evaluation", r_consent("bool")),
        C("wellbeingPre", "wellbeing_start", r_num("wb_start")),
        C("wellbeingPost", "wellbeing_end", r_num("wb_end")),
        C("caseNote", "case_notes", r_key("notes")),
        C("keyWorker", "key_worker", r_key("worker")),
        C("fundingStream", None, r_key("funder")),
    ]
    recs, valid = build_rows(L, cols, nrows(L))
    t = table(None, cols, recs, valid)
    return (
        L,
        [
            "json",
            "list-of-records",
            "camelCase-keys",
            "ird",
            "split-address",
            "ethnicity-l2-codes-comma",
            "boolean-consent",
            "row-number-distractor",
            "case-notes",
        ],
        [
            dict(
                name="wba_export_2026Q3.json",
                format="json",
                encoding="utf-8",
                delimiter=None,
                tables=[t],
                write=lambda p: write_json(p, t),
            )
        ],
    )


def layout_09():
    L = Layout(
        "BLIND09",
        "tairawhiti-whanau-ora-hub",
        "2026Q3",
        seed=9,
        region="tairawhiti",
        mix={"maori": 80, "pakeha": 12, "samoan": 3, "tongan": 2, "indian": 3},
        programmes=["Whānau Ora", "Kaupapa Māori AOD", "Mokopuna Ora"],
        ref=lambda n: f"TWO/{n}",
        iwi_pref=["Ngāti Porou", "Rongowhakaata", "Te Aitanga-a-Māhaki", "Ngāi Tāmanuhiri"],
    )
    cols = [
        C("Client Ref", "client_ref", r_key("ref")),
        C("Client Name", "full_name", r_full("gf")),
        C("DOB", "date_of_birth", r_date("dob")),
        C("NHI", "nhi", r_nhi()),
        C("Ethnicity", "ethnicity", r_eth(sep=", ", variant="long")),
        C("Iwi", "iwi", r_iwi()),
        C("Session Date", "service_date", r_date("service")),
        C("Session type", None, r_key("session_type")),
        C("Key worker", "key_worker", r_key("worker")),
        C("Outcome", "outcome_status", r_outcome("plain")),
        C("Consent", "consent_evaluation", r_consent("yesno")),
    ]
    pool = [L.person(i) for i in range(170)]
    tables = []
    for m, name in ((7, "July 2026"), (8, "August 2026"), (9, "September 2026")):
        lo = dt.date(2026, m, 1)
        hi = dt.date(2026, m + 1, 1) - dt.timedelta(days=1)
        recs, valid = build_rows(L, cols, nrows(L, 60, 110), months=(lo, hi), pool=pool, max_invalid=1)
        recs.sort(key=lambda r: r[6] if isinstance(r[6], dt.date) else dt.date.max)
        tables.append(table(name, cols, recs, valid))
    return (
        L,
        [
            "xlsx",
            "multi-sheet-one-per-month",
            "session-log-repeat-clients",
            "excel-date-cells",
            "full-name",
            "session-type-distractor",
            "iwi",
            "key-worker",
        ],
        [
            dict(
                name="TWOH sessions Jul-Sep 2026.xlsx",
                format="xlsx",
                encoding=None,
                delimiter=None,
                tables=tables,
                write=lambda p: write_xlsx(p, tables, date_format="D-MMM-YY"),
            )
        ],
    )


def layout_10():
    L = Layout(
        "BLIND10",
        "nelson-tasman-recovery-service",
        "2026Q2",
        seed=10,
        region="nelson",
        mix={"pakeha": 60, "maori": 20, "european": 6, "samoan": 3, "indian": 4, "chinese": 3, "filipino": 4},
        programmes=["AOD day programme", "Recovery coaching", "Peer support"],
        ref=lambda n: f"NT{n:04d}",
        scale=(0, 10),
        age=(18, 70),
    )
    cols = [
        C("Client code", "client_ref", r_key("ref")),
        C("Full name", "full_name", r_full("fg")),
        C("Date of Birth", "date_of_birth", r_date("dob")),
        C("Age (yrs)", None, r_age()),
        C("Gender", "gender", r_gender("word")),
        C("Ethnicity", "ethnicity", r_eth(first_only=True, variant="pakeha")),
        C("Phone number", "phone", r_phone()),
        C("Email", "email", r_email()),
        C("Address", "address", r_address("full")),
        C("Programme", "programme", r_key("programme")),
        C("Start date", "start_date", r_date("start")),
        C("Date seen", "service_date", r_date("service")),
        C("Sessions (no.)", "sessions_attended", r_num("sessions")),
        C("Wellbeing at intake (0-10)", "wellbeing_start", r_num("wb_start")),
        C("Wellbeing at exit (0-10)", "wellbeing_end", r_num("wb_end")),
        C("Outcome", "outcome_status", r_outcome("engaged")),
        C("Consent given", "consent_evaluation", r_consent("yesno")),
    ]
    recs, valid = build_rows(L, cols, nrows(L))
    pre = [["Nelson Tasman Recovery Service - client return April-June 2026"], []]
    t = table("Returns", cols, recs, valid, prelude=pre)
    return (
        L,
        [
            "ods",
            "title-rows",
            "ods-date-cells",
            "family-comma-given",
            "age-distractor",
            "units-in-headers",
            "wellbeing-pre-post",
        ],
        [
            dict(
                name="NTRS return Q2 2026.ods",
                format="ods",
                encoding=None,
                delimiter=None,
                tables=[t],
                write=lambda p: write_ods(p, [t]),
            )
        ],
    )


def layout_11():
    L = Layout(
        "BLIND11",
        "capital-coast-housing-support",
        "2026Q3",
        seed=11,
        region="wellington",
        mix=MIX_GENERAL,
        programmes=["Transitional housing", "Sustaining tenancies", "Housing First"],
        ref=lambda n: f"{n + 310000}",
    )
    cols = [
        C("row_num", None, r_rownum()),
        C("client_id", "client_ref", lambda p: int(p["ref"])),
        C("given_name", "given_names", r_given()),
        C("family_name", "family_name", r_family()),
        C("birth_date", "date_of_birth", r_date("dob", "serial")),
        C("nhi_no", "nhi", r_nhi()),
        C("ird_no", "ird", r_ird(as_int=True)),
        C("gender_code", "gender", r_gender("fm")),
        C("eth_code_1", "ethnicity", r_eth_n(0, kind="l4int")),
        C("eth_code_2", "ethnicity", r_eth_n(1, kind="l4int")),
        C("phone_mobile", "phone", r_phone()),
        C("addr_line1", "address_street", r_key("street")),
        C("addr_suburb", "address_suburb", r_key("suburb")),
        C("addr_city", "address_town", r_key("town")),
        C("addr_pcode", "address_postcode", r_pcode(as_int=True)),
        C("prog_name", "programme", r_key("programme")),
        C("start_dt", "start_date", r_date("start", "serial")),
        C("svc_dt", "service_date", r_date("service", "serial")),
        C("sess_cnt", "sessions_attended", r_num("sessions")),
        C("outcome_cd", "outcome_status", r_outcome("codes")),
        C("consent_flag", "consent_evaluation", r_consent("yn")),
        C("int_flag", None, r_flag("01")),
        C("worker", "key_worker", r_key("worker")),
    ]
    recs, valid = build_rows(L, cols, nrows(L), invalid_kinds=("noid", "future"))
    t = table("export", cols, recs, valid)
    return (
        L,
        [
            "xlsx",
            "database-export",
            "snake_case-headers",
            "excel-serial-numbers",
            "ird",
            "ethnicity-l4-codes",
            "numbered-ethnicity-columns",
            "split-address",
            "row-number-distractor",
            "internal-flag-distractor",
        ],
        [
            dict(
                name="cchs_extract_20261003.xlsx",
                format="xlsx",
                encoding=None,
                delimiter=None,
                tables=[t],
                write=lambda p: write_xlsx(p, [t]),
            )
        ],
    )


def layout_12():
    L = Layout(
        "BLIND12",
        "whangarei-youth-space",
        "2026Q3",
        seed=12,
        region="northland",
        mix={"maori": 60, "pakeha": 30, "samoan": 3, "tongan": 2, "indian": 3, "filipino": 2},
        programmes=["Drop-in", "Youth mentoring"],
        age=(12, 20),
        start_in_quarter=True,
        iwi_pref=["Ngāpuhi", "Ngāti Whātua", "Te Rarawa"],
        caregiver_rel=False,
    )
    cols = [
        C("Name", "full_name", r_full("gf", "lower")),
        C("Birthday", "date_of_birth", r_date("dob", "dmy")),
        C("Gender", "gender", r_gender("lower")),
        C("Ethnicity", "ethnicity", r_eth(sep="/", case="lower")),
        C("Iwi affiliation", "iwi", r_iwi()),
        C("Cell", "phone", r_phone()),
        C("Home address", "address", r_address("full")),
        C("Referred from", "referral_source", r_key("referral")),
        C("Started", "start_date", r_date("start", "d-mmm-yy")),
        C("Whānau contact", "caregiver_name", r_key("caregiver")),
        C("Worker notes", "case_notes", r_key("notes")),
        C("Youth worker", "key_worker", r_key("worker")),
    ]
    recs, valid = build_rows(L, cols, nrows(L))
    t = table(None, cols, recs, valid)
    return (
        L,
        [
            "csv",
            "utf-8",
            "quote-all",
            "lower-case-names",
            "no-client-ref",
            "no-service-date",
            "start-date-only",
            "multi-value-ethnicity-slash",
            "caregiver",
            "case-notes",
            "d-mmm-yy-start-dates",
        ],
        [
            dict(
                name="wys_q3.csv",
                format="csv",
                encoding="utf-8",
                delimiter=",",
                tables=[t],
                write=lambda p: write_delimited(
                    p, t, delimiter=",", encoding="utf-8", lineterminator="\n", quoting=csv.QUOTE_ALL
                ),
            )
        ],
    )


def layout_13():
    L = Layout(
        "BLIND13",
        "dunedin-community-mental-wellbeing",
        "2026Q2",
        seed=13,
        region="dunedin",
        mix={"pakeha": 60, "maori": 18, "european": 6, "chinese": 5, "indian": 4, "samoan": 4, "korean": 3},
        programmes=["Talking therapies", "Peer support group", "Wellbeing coaching"],
        ref=lambda n: f"DCMW{n}",
        scale=(1, 5),
        age=(16, 80),
        iwi_pref=["Ngāi Tahu"],
    )
    GN, GE, GW, GA = "Name", "Ethnicity", "Wellbeing score (1-5)", "Address"
    cols = [
        C("Client No.", "client_ref", r_key("ref")),
        C("First", "given_names", r_given(), GN),
        C("Last", "family_name", r_family(), GN),
        C("Date of birth", "date_of_birth", r_date("dob")),
        C("NHI", "nhi", r_nhi()),
        C("Gender", "gender", r_gender("word")),
        C("1", "ethnicity", r_eth_n(0), GE),
        C("2", "ethnicity", r_eth_n(1), GE),
        C("3", "ethnicity", r_eth_n(2), GE),
        C("Street", "address_street", r_key("street"), GA),
        C("Suburb", "address_suburb", r_key("suburb"), GA),
        C("City", "address_town", r_key("town"), GA),
        C("Postcode", "address_postcode", r_pcode(), GA),
        C("Phone", "phone", r_phone()),
        C("Programme", "programme", r_key("programme")),
        C("Intake date", "start_date", r_date("start")),
        C("Last seen", "service_date", r_date("service")),
        C("Sessions", "sessions_attended", r_num("sessions")),
        C("Pre", "wellbeing_start", r_num("wb_start"), GW),
        C("Post", "wellbeing_end", r_num("wb_end"), GW),
        C("Outcome", "outcome_status", r_outcome("plain")),
        C("Consent", "consent_evaluation", r_consent("bool")),
    ]
    recs, valid = build_rows(L, cols, nrows(L), blank_name_keep_nhi=1)
    pre = [["DCMW quarterly return - Q2 2026 (April to June)"]]
    t = table("Data", cols, recs, valid, prelude=pre, group_row=True)
    return (
        L,
        [
            "xlsx",
            "title-row",
            "merged-group-headers",
            "headers-meaningful-only-with-group",
            "pre-post-under-group",
            "numbered-ethnicity-under-group",
            "split-address",
            "boolean-consent",
            "name-blank-nhi-present",
        ],
        [
            dict(
                name="DCMW Q2 2026.xlsx",
                format="xlsx",
                encoding=None,
                delimiter=None,
                tables=[t],
                write=lambda p: write_xlsx(p, [t]),
            )
        ],
    )


def layout_14():
    L = Layout(
        "BLIND14",
        "pasifika-family-navigators",
        "2026Q3",
        seed=14,
        region="porirua",
        mix=MIX_PACIFIC,
        programmes=["Family navigation", "Pasifika parenting", "Budget support"],
        ref=lambda n: f"{n}",
    )
    cols = [
        C("ID", "client_ref", lambda p: int(p["ref"])),
        C("Full Name", "full_name", r_full("FG")),
        C("Date of Birth", "date_of_birth", r_date("dob")),
        C("Gender", "gender", r_gender("word")),
        C("Ethnicity", "ethnicity", r_eth(sep=", ")),
        C("Phone", "phone", r_phone()),
        C("Suburb", "address_suburb", r_key("suburb")),
        C("City", "address_town", r_key("town")),
        C("Programme", "programme", r_key("programme")),
        C("Referral", "referral_source", r_key("referral")),
        C("Date of contact", "service_date", r_date("service")),
        C("Total contacts", "sessions_attended", r_num("sessions")),
        C("Outcome", "outcome_status", r_outcome("engaged")),
        C("Did they consent?", "consent_evaluation", r_consent("yesno")),
        C("Internal flag", None, r_flag("Y")),
        C("Funder", None, r_key("funder")),
    ]
    files, start = [], 0
    for part in (1, 2):
        n = nrows(L)
        recs, valid = build_rows(L, cols, n, start_index=start)
        start += n
        pre = [[f"Pasifika Family Navigators - Q3 2026 return (part {part} of 2)"]]
        t = table("Sheet1", cols, recs, valid, prelude=pre)
        files.append(
            dict(
                name=f"PFN Q3 2026 Part {part}.xlsx",
                format="xlsx",
                encoding=None,
                delimiter=None,
                tables=[t],
                write=(lambda tt: lambda p: write_xlsx(p, [tt], date_format="D-MMM-YY"))(t),
            )
        )
    return (
        L,
        [
            "two-part-submission",
            "xlsx",
            "title-row",
            "FAMILY-Given-full-name",
            "suburb-and-city-only",
            "question-header-consent",
            "internal-flag-distractor",
            "funder-distractor",
            "numeric-client-id",
        ],
        files,
    )


def layout_15():
    L = Layout(
        "BLIND15",
        "taranaki-wellbeing-trust",
        "2026Q2",
        seed=15,
        region="taranaki",
        mix={"pakeha": 55, "maori": 30, "european": 5, "indian": 4, "filipino": 3, "samoan": 3},
        programmes=["Mental health support", "Whānau wellbeing", "Kaumātua programme"],
        ref=lambda n: f"TWT{n:05d}",
        iwi_pref=["Te Āti Awa", "Ngāti Ruanui", "Taranaki"],
        age=(18, 90),
    )
    cols = [
        C("Client Number", "client_ref", r_key("ref")),
        C("Title", None, r_key("title")),
        C("Forename", "given_names", r_given()),
        C("Surname", "family_name", r_family()),
        C("Birth date", "date_of_birth", r_date("dob", "dmy_dash")),
        C("Gender", "gender", r_gender("word")),
        C("Ethnic group", "ethnicity", r_eth(first_only=True)),
        C("Contact number", "phone", r_phone()),
        C("E-mail", "email", r_email()),
        C("Postal address", "address", r_address("full")),
        C("Referral source", "referral_source", r_key("referral")),
        C("Date enrolled", "start_date", r_date("start", "dmy_dash")),
        C("Last session", "service_date", r_date("service", "dmy_dash")),
        C("Total sessions", "sessions_attended", r_num("sessions", True)),
        C("Status", "outcome_status", r_outcome("closed")),
        C("Consent Y/N", "consent_evaluation", r_consent("yn")),
        C("Key worker", "key_worker", r_key("worker")),
        C("Notes", "case_notes", r_key("notes")),
    ]
    recs, valid = build_rows(L, cols, nrows(L))
    pre = [["Taranaki Wellbeing Trust"], ["Quarterly return: 1 April 2026 – 30 June 2026"], []]
    t = table(None, cols, recs, valid, prelude=pre)
    return (
        L,
        [
            "csv",
            "cp1252",
            "comma",
            "title-rows",
            "padded-title-rows",
            "title-distractor",
            "dmy-dash-dates",
            "case-notes",
            "key-worker",
            "macrons-stripped",
        ],
        [
            dict(
                name="TWT_Q2_2026.csv",
                format="csv",
                encoding="cp1252",
                delimiter=",",
                tables=[t],
                write=lambda p: write_delimited(p, t, delimiter=",", encoding="cp1252", pad_prelude=True),
            )
        ],
    )


def layout_16():
    L = Layout(
        "BLIND16",
        "eastern-bay-budget-services",
        "2026Q3",
        seed=16,
        region="eastern_bay",
        mix={"maori": 55, "pakeha": 35, "samoan": 3, "indian": 4, "filipino": 3},
        programmes=["Financial mentoring", "Kai and power support", "MoneyMates"],
        iwi_pref=["Ngāti Awa", "Tūhoe", "Whakatōhea", "Te Whānau-ā-Apanui"],
        age=(18, 80),
    )
    cols = [
        C("Client", "full_name", r_full("gf")),
        C("IRD No.", "ird", r_ird("dash9")),
        C("DOB", "date_of_birth", r_date("dob", "dmy_np")),
        C("Household size (people)", None, r_num("household", True)),
        C("Weekly income ($)", None, r_num("income", True)),
        C("Total debt ($)", None, r_num("debt", True)),
        C("Ph", "phone", r_phone()),
        C("Addr", "address", r_address("full")),
        C("Service", "programme", r_key("programme")),
        C("Appointment date", "service_date", r_date("service", "dmy_np")),
        C("Appointments attended (#)", "sessions_attended", r_num("sessions", True)),
        C("Result", "outcome_status", r_outcome("budget")),
        C("OK to use for evaluation?", "consent_evaluation", r_consent("yn")),
        C("Financial mentor", "key_worker", r_key("worker")),
    ]
    recs, valid = build_rows(L, cols, nrows(L))
    t = table(None, cols, recs, valid)
    return (
        L,
        [
            "csv",
            "utf-16",
            "comma",
            "ird",
            "no-client-ref",
            "money-and-count-distractors",
            "units-in-headers",
            "abbreviated-headers",
            "question-header-consent",
            "unpadded-dmy-dates",
        ],
        [
            dict(
                name="EBBS quarterly 2026-Q3.csv",
                format="csv",
                encoding="utf-16",
                delimiter=",",
                tables=[t],
                write=lambda p: write_delimited(p, t, delimiter=",", encoding="utf-16"),
            )
        ],
    )


def layout_17():
    L = Layout(
        "BLIND17",
        "te-ara-hou-hauora",
        "2026Q2",
        seed=17,
        region="hawkes_bay",
        mix=MIX_MAORI,
        programmes=["Mirimiri", "Rongoā Māori", "Tāne Ora", "Wāhine Toa"],
        ref=lambda n: f"TAH-{n}",
        new_nhi=0.35,
        iwi_pref=["Ngāti Kahungunu", "Ngāti Porou"],
    )
    cols = [
        C("Tau kiritaki", "client_ref", r_key("ref")),
        C("Ingoa", "full_name", r_full("gF")),
        C("Rā whānau", "date_of_birth", r_date("dob", "dmy")),
        C("Ira tangata", "gender", r_gender("reo")),
        C("Iwi", "iwi", r_iwi("; ")),
        C("Hapū", None, r_key("hapu")),
        C("Mātāwaka", "ethnicity", r_eth(sep=";", kind="l2")),
        C("Tau NHI", "nhi", r_nhi()),
        C("Wāhi noho", "address", r_address("full")),
        C("Kaupapa", "programme", r_key("programme")),
        C("Rā o te hui", "service_date", r_date("service", "dmy")),
        C("Tokomaha o ngā hui", "sessions_attended", r_num("sessions", True)),
        C("Putanga", "outcome_status", r_outcome("reo")),
        C("Whakaaetanga", "consent_evaluation", r_consent("ae")),
        C("Kaitiaki", "caregiver_name", r_key("caregiver")),
        C("Kaimahi matua", "key_worker", r_key("worker")),
    ]
    recs, valid = build_rows(L, cols, nrows(L), blank_name_keep_nhi=2)
    t = table(None, cols, recs, valid)
    return (
        L,
        [
            "tsv",
            "utf-8",
            "te-reo-headers-macrons",
            "new-format-nhi",
            "hapu-distractor",
            "ethnicity-l2-codes-semicolon",
            "te-reo-outcomes",
            "ae-kao-consent",
            "name-blank-nhi-present",
            "caregiver",
            "key-worker",
        ],
        [
            dict(
                name="te_ara_hou_Q2_2026.tsv",
                format="tsv",
                encoding="utf-8",
                delimiter="\t",
                tables=[t],
                write=lambda p: write_delimited(p, t, delimiter="\t", encoding="utf-8", lineterminator="\n"),
            )
        ],
    )


def layout_18():
    L = Layout(
        "BLIND18",
        "manawatu-youth-mentoring",
        "2026Q2",
        seed=18,
        region="manawatu",
        mix={"pakeha": 50, "maori": 30, "samoan": 5, "tongan": 3, "indian": 5, "chinese": 3, "filipino": 4},
        programmes=["Mentoring"],
        age=(10, 17),
        iwi_pref=["Rangitāne", "Ngāti Raukawa"],
    )
    cols = [
        C("#", None, r_rownum()),
        C("Mentee", "full_name", r_full("fg")),
        C("D.O.B", "date_of_birth", r_date("dob")),
        C("Gender", "gender", r_gender("fm")),
        C("Eth.", "ethnicity", r_eth(sep=", ")),
        C("School", None, r_key("school")),
        C("Mentor", "key_worker", r_key("worker")),
        C("Session date", "service_date", r_date("service")),
        C("Hours", None, r_key("hours")),
        C("Parent/caregiver", "caregiver_name", r_key("caregiver")),
        C("Consent form signed", "consent_evaluation", r_consent("tick")),
    ]
    pool = [L.person(i) for i in range(140)]
    tables, summary = [], [["Month", "Sessions", "Mentees"]]
    for m, name in ((4, "Apr"), (5, "May"), (6, "Jun")):
        lo = dt.date(2026, m, 1)
        hi = dt.date(2026, m + 1, 1) - dt.timedelta(days=1)
        recs, valid = build_rows(L, cols, nrows(L, 60, 120), months=(lo, hi), pool=pool, max_invalid=1)
        pre = [[f"Mentoring sessions - {MONTH_FULL[m - 1]} 2026"]]
        tables.append(table(name, cols, recs, valid, prelude=pre))
        summary.append([MONTH_FULL[m - 1], len(recs), len({r[1] for r in recs})])
    summary.append(["Total", sum(r[1] for r in summary[1:]), ""])
    return (
        L,
        [
            "xlsx",
            "multi-sheet-one-per-month",
            "title-row-per-sheet",
            "summary-sheet-not-data",
            "session-log-repeat-clients",
            "no-client-ref",
            "tick-consent",
            "school-and-hours-distractors",
            "row-number-distractor",
            "caregiver",
        ],
        [
            dict(
                name="MYM mentoring log Q2.xlsx",
                format="xlsx",
                encoding=None,
                delimiter=None,
                tables=tables,
                write=lambda p: write_xlsx(p, tables, date_format="D-MMM-YY", trailing_sheets=[("Summary", summary)]),
            )
        ],
    )


def layout_19():
    L = Layout(
        "BLIND19",
        "christchurch-east-family-centre",
        "2026Q3",
        seed=19,
        region="christchurch",
        mix=MIX_GENERAL,
        programmes=["family support", "parenting group", "counselling"],
        ref=lambda n: f"cefc{n}",
        iwi_pref=["Ngāi Tahu"],
        phone_style="dash",
    )
    G1, G2, G3 = "Client details", "Contact", "Service"
    cols = [
        C("client ref", "client_ref", r_key("ref"), G1),
        C("surname", "family_name", r_family("lower"), G1),
        C("first names", "given_names", r_given("lower"), G1),
        C("date of birth", "date_of_birth", r_date("dob", "iso"), G1),
        C("gender", "gender", r_gender("lower"), G1),
        C("ethnicity", "ethnicity", r_eth(sep="/", variant="long"), G1),
        C("phone", "phone", r_phone(), G2),
        C("email", "email", r_email(), G2),
        C("street", "address_street", r_key("street"), G2),
        C("suburb", "address_suburb", r_key("suburb"), G2),
        C("town", "address_town", r_key("town"), G2),
        C("post code", "address_postcode", r_pcode(), G2),
        C("programme", "programme", r_key("programme"), G3),
        C("referral", "referral_source", r_key("referral"), G3),
        C("start", "start_date", r_date("start", "iso"), G3),
        C("seen on", "service_date", r_date("service", "iso"), G3),
        C("sessions", "sessions_attended", r_num("sessions", True), G3),
        C("outcome", "outcome_status", r_outcome("lower"), G3),
        C("eval consent", "consent_evaluation", r_consent("lower"), "Admin"),
        C("notes for agency", None, r_key("agency"), "Admin"),
    ]
    recs, valid = build_rows(L, cols, nrows(L))
    t = table(None, cols, recs, valid, group_row=True)
    return (
        L,
        [
            "csv",
            "utf-8-bom",
            "semicolon",
            "group-header-row-in-csv",
            "lower-case-headers",
            "lower-case-names",
            "split-address",
            "multi-value-ethnicity-slash",
            "iso-dates",
            "agency-notes-codes",
        ],
        [
            dict(
                name="cefc_2026q3.csv",
                format="csv",
                encoding="utf-8-sig",
                delimiter=";",
                tables=[t],
                write=lambda p: write_delimited(p, t, delimiter=";", encoding="utf-8-sig"),
            )
        ],
    )


def layout_20():
    L = Layout(
        "BLIND20",
        "west-coast-whanau-support",
        "2026Q3",
        seed=20,
        region="west_coast",
        mix={"pakeha": 60, "maori": 28, "european": 5, "filipino": 4, "samoan": 3},
        programmes=["WHĀNAU SUPPORT", "FAMILY HARM PREVENTION", "KAUMĀTUA CARE"],
        ref=lambda n: f"WC-{n}",
        scale=(1, 5),
        iwi_pref=["Ngāi Tahu"],
        age=(17, 85),
    )
    cols = [
        C("Client ref", "client_ref", r_key("ref")),
        C("SURNAME", "family_name", r_family("upper")),
        C("FIRST NAME", "given_names", r_given("upper")),
        C("Date of birth", "date_of_birth", r_date("dob")),
        C("NHI No.", "nhi", r_nhi()),
        C("Eth", "ethnicity", r_eth(sep=", ")),
        C("Ph", "phone", r_phone()),
        C("Addr", "address", r_address("full", "upper")),
        C("Programme", "programme", r_key("programme")),
        C("Date of visit", "service_date", r_date("service", "d-mmm-yy")),
        C("Visits", "sessions_attended", r_num("sessions")),
        C("Score start (1-5)", "wellbeing_start", r_num("wb_start")),
        C("Score end (1-5)", "wellbeing_end", r_num("wb_end")),
        C("Outcome", "outcome_status", r_outcome("caps")),
        C("Consent", "consent_evaluation", r_consent("x")),
        C("Notes for agency", None, r_key("agency")),
    ]
    recs, valid = build_rows(L, cols, nrows(L))
    t = table("Clients", cols, recs, valid)
    contact = L.staff[1]
    email = f"{ascii_slug(contact.split()[0])}@westcoastwhanau.org.nz"
    cover = (
        "Cover",
        [
            ["West Coast Whānau Support"],
            ["Quarterly return", "July - September 2026"],
            ["Prepared by", contact],
            ["Contact email", email],
            [],
            ["The client list is on the next sheet. Dates of visit are typed as text."],
        ],
    )
    return (
        L,
        [
            "ods",
            "cover-sheet-first",
            "data-on-second-sheet",
            "staff-email-on-cover",
            "caps-names",
            "caps-headers",
            "d-mmm-yy-text-dates",
            "units-in-headers",
            "x-consent",
            "agency-notes-codes",
        ],
        [
            dict(
                name="WCWS Q3 2026.ods",
                format="ods",
                encoding=None,
                delimiter=None,
                tables=[t],
                write=lambda p: write_ods(p, [t], cover=cover),
            )
        ],
    )


LAYOUTS = [
    layout_01,
    layout_02,
    layout_03,
    layout_04,
    layout_05,
    layout_06,
    layout_07,
    layout_08,
    layout_09,
    layout_10,
    layout_11,
    layout_12,
    layout_13,
    layout_14,
    layout_15,
    layout_16,
    layout_17,
    layout_18,
    layout_19,
    layout_20,
]


# --------------------------------------------------------------------------
# generate
# --------------------------------------------------------------------------
def _truth_table(t, fmt):
    return {
        "sheet": t["sheet"] if fmt in ("xlsx", "ods") else None,
        "header_row": None if fmt == "json" else header_row_of(t),
        "rows": len(t["records"]),
        "columns": [
            {"index": i, "header": c["header"], "group": c["group"], "target": c["target"]}
            for i, c in enumerate(t["cols"])
        ],
    }


def generate(out_dir: Path) -> list[dict]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    truths = []
    for fn in LAYOUTS:
        L, features, files = fn()
        base = out_dir / L.lid
        if base.exists():
            shutil.rmtree(base)
        land = base / "landing" / L.provider / L.quarter
        land.mkdir(parents=True)
        tfiles = []
        for f in files:
            f["write"](land / f["name"])
            tables = [_truth_table(t, f["format"]) for t in f["tables"]]
            tfiles.append(
                {
                    "name": f["name"],
                    "format": f["format"],
                    "encoding": f["encoding"],
                    "delimiter": f["delimiter"],
                    "rows": sum(len(t["records"]) for t in f["tables"]),
                    "valid_rows": sum(t["valid"] for t in f["tables"]),
                    "tables": tables,
                }
            )
        truth = {
            "layout_id": L.lid,
            "provider": L.provider,
            "quarter": L.quarter,
            "features": features,
            "files": tfiles,
        }
        (base / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        truths.append(truth)
    return truths


# --------------------------------------------------------------------------
# self-check: re-read every file independently and compare with truth.json
# --------------------------------------------------------------------------
def _read_delimited(path: Path, fmt, encoding, delimiter):
    raw = path.read_bytes()
    if fmt == "csv.gz":
        raw = gzip.decompress(raw)
    problems = []
    if encoding == "utf-8" and raw.startswith(b"\xef\xbb\xbf"):
        problems.append("utf-8 file has a BOM (truth says utf-8 without BOM)")
    if encoding == "utf-8-sig" and not raw.startswith(b"\xef\xbb\xbf"):
        problems.append("utf-8-sig file has no BOM")
    if encoding == "utf-16" and raw[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        problems.append("utf-16 file has no BOM")
    text = raw.decode(encoding)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return {None: rows}, problems


def _read_xlsx(path: Path):
    from openpyxl import load_workbook

    wb = load_workbook(path, data_only=True)
    sheets, merged = {}, {}
    for ws in wb.worksheets:
        sheets[ws.title] = [list(r) for r in ws.iter_rows(values_only=True)]
        merged[ws.title] = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    return sheets, merged, wb.sheetnames


def _read_ods(path: Path):
    T = "{" + ODS_NS["table"] + "}"
    OF = "{" + ODS_NS["office"] + "}"
    X = "{" + ODS_NS["text"] + "}"
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        if names[0] != "mimetype" or z.getinfo("mimetype").compress_type != zipfile.ZIP_STORED:
            raise ValueError("ODS: mimetype must be the first, stored entry")
        root = ET.fromstring(z.read("content.xml"))
    sheets, merged, order = {}, {}, []
    for tbl in root.iter(T + "table"):
        name = tbl.get(T + "name")
        order.append(name)
        rows, spans = [], []
        for r_i, tr in enumerate(tbl.iter(T + "table-row"), start=1):
            cells = []
            for c in tr:
                if c.tag not in (T + "table-cell", T + "covered-table-cell"):
                    continue
                rep = int(c.get(T + "number-columns-repeated", "1"))
                vt = c.get(OF + "value-type")
                if vt == "date":
                    v = dt.date.fromisoformat(c.get(OF + "date-value")[:10])
                elif vt == "float":
                    f = float(c.get(OF + "value"))
                    v = int(f) if f == int(f) else f
                elif vt == "boolean":
                    v = c.get(OF + "boolean-value") == "true"
                elif vt == "string":
                    v = "\n".join("".join(p.itertext()) for p in c.findall(X + "p"))
                else:
                    v = None
                span = int(c.get(T + "number-columns-spanned", "1"))
                if span > 1:
                    spans.append((r_i, len(cells) + 1, r_i, len(cells) + span))
                cells.extend([v] * rep)
            rows.append(cells)
        sheets[name], merged[name] = rows, spans
    return sheets, merged, order


def _s(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v == int(v):
        return str(int(v))
    return str(v)


_DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d-%b-%y", "%d-%b-%Y", "%d %B %Y"]


def parse_date(v):
    """date, None (blank) or 'BAD' (present but not a real date)."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if 1 <= v < 100000:
            return EXCEL_EPOCH + dt.timedelta(days=int(v))
        return "BAD"
    s = str(v).strip()
    for f in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(s, f).date()
        except ValueError:
            pass
    return "BAD"


def _check_table(lid, fname, t, grid, merged, q, problems):
    """Compare one table with its truth; return (rows, valid_rows) recomputed from the file."""
    cols = t["columns"]
    where = f"{lid}/{fname}" + (f"[{t['sheet']}]" if t["sheet"] else "")
    if [c["index"] for c in cols] != list(range(len(cols))):
        problems.append(f"{where}: column indexes are not 0..n-1")
    hr = t["header_row"]
    if hr is None:  # JSON: grid is a list of dicts
        keys = list(grid[0].keys()) if grid else []
        for rec in grid:
            if list(rec.keys()) != keys:
                problems.append(f"{where}: records have differing keys")
                break
        if keys != [c["header"] for c in cols]:
            problems.append(f"{where}: JSON keys {keys} != truth headers")
        data = [list(rec.values()) for rec in grid]
    else:
        if len(grid) < hr:
            problems.append(f"{where}: file has fewer rows than header_row {hr}")
            return 0, 0
        header = list(grid[hr - 1])
        while header and _s(header[-1]) == "":
            header.pop()
        if len(header) != len(cols):
            problems.append(f"{where}: header has {len(header)} cells, truth has {len(cols)} columns")
        for c in cols:
            got = header[c["index"]] if c["index"] < len(header) else None
            if _s(got) != c["header"]:
                problems.append(f"{where}: column {c['index']} header {got!r} != truth {c['header']!r}")
        for c in cols:
            g = c["group"]
            if g is None:
                continue
            if hr < 2:
                problems.append(f"{where}: group {g!r} but no row above the header")
                continue
            grow = grid[hr - 2]
            col1 = c["index"] + 1
            label = None
            for r0, c0, r1, c1 in merged or []:
                if r0 <= hr - 1 <= r1 and c0 <= col1 <= c1:
                    label = _s(grow[c0 - 1])
            if label is None:  # CSV style: label in the first column of the run, blanks after
                j = c["index"]
                while j >= 0 and (j >= len(grow) or _s(grow[j]) == ""):
                    j -= 1
                label = _s(grow[j]) if j >= 0 else ""
                # every column between the label and this one must share the group in truth
                for k in range(max(j, 0), c["index"] + 1):
                    if cols[k]["group"] != g:
                        problems.append(f"{where}: CSV group run for {c['header']!r} crosses columns")
                        break
            if label != g:
                problems.append(f"{where}: column {c['index']} group {label!r} != truth {g!r}")
        if any(c["group"] for c in cols):
            # a column the truth leaves ungrouped must have nothing above it: no label, no merge over it,
            # and (CSV style, where a label spans the blanks after it) no label to its left
            grow = grid[hr - 2] if hr >= 2 else []
            for c in cols:
                if c["group"] is not None:
                    continue
                col1 = c["index"] + 1
                if c["index"] < len(grow) and _s(grow[c["index"]]) != "":
                    problems.append(f"{where}: ungrouped column {c['index']} has {grow[c['index']]!r} above it")
                if any(r0 <= hr - 1 <= r1 and c0 <= col1 <= c1 for (r0, c0, r1, c1) in merged or []):
                    problems.append(f"{where}: ungrouped column {c['index']} lies under a merged group cell")
                if merged is None and any(_s(v) != "" for v in grow[: c["index"]]):
                    problems.append(f"{where}: ungrouped CSV column {c['index']} follows a group label")
        data = [list(r) for r in grid[hr:]]
        while data and all(_s(v) == "" for v in data[-1]):
            data.pop()
        for r_i, r in enumerate(data):
            if all(_s(v) == "" for v in r):
                problems.append(f"{where}: blank row inside the table at data row {r_i + 1}")
            if any(_s(v) != "" for v in r[len(cols) :]):
                problems.append(f"{where}: data row {r_i + 1} has cells beyond the last column")
    if len(data) != t["rows"]:
        problems.append(f"{where}: {len(data)} data rows, truth says {t['rows']}")
    by_target: dict[str, list[int]] = {}
    for c in cols:
        if c["target"]:
            by_target.setdefault(c["target"], []).append(c["index"])
    q0, q1 = QUARTERS[q]
    today = dt.date.today()
    valid = 0
    for r_i, r in enumerate(data):
        r = r + [None] * (len(cols) - len(r))

        def vals(tg, r=r):
            return [r[i] for i in by_target.get(tg, [])]

        has_name = any(_s(v).strip() for tg in ("full_name", "given_names", "family_name") for v in vals(tg))
        has_nhi = any(_s(v).strip() for v in vals("nhi"))
        dobs = [parse_date(v) for v in vals("date_of_birth")]
        bad_dob = any(d == "BAD" or (isinstance(d, dt.date) and d > today) for d in dobs)
        if any(d is None for d in dobs):
            problems.append(f"{where}: row {r_i + 1} has a blank date of birth (ambiguous for validity)")
        if (has_name or has_nhi) and not bad_dob:
            valid += 1
        for d in dobs:
            if isinstance(d, dt.date) and d <= today and not dt.date(1920, 1, 1) <= d <= dt.date(2016, 12, 31):
                problems.append(f"{where}: row {r_i + 1} unrealistic date of birth {d}")
        for v in vals("nhi"):
            if _s(v).strip() and not nhi_is_valid(_s(v)):
                problems.append(f"{where}: row {r_i + 1} invalid NHI {v!r}")
        for v in vals("ird"):
            if _s(v).strip() and not ird_is_valid(_s(v)):
                problems.append(f"{where}: row {r_i + 1} invalid IRD {v!r}")
        for v in vals("email"):
            if _s(v).strip() and "@" not in _s(v):
                problems.append(f"{where}: row {r_i + 1} bad email {v!r}")
        for v in vals("service_date"):
            d = parse_date(v)
            if d == "BAD" or (isinstance(d, dt.date) and not q0 <= d <= q1):
                problems.append(f"{where}: row {r_i + 1} service date {v!r} outside {q}")
        for v in vals("start_date"):
            d = parse_date(v)
            if d == "BAD" or (isinstance(d, dt.date) and d > q1):
                problems.append(f"{where}: row {r_i + 1} start date {v!r} after the quarter")
        for tg in ("sessions_attended", "wellbeing_start", "wellbeing_end"):
            for v in vals(tg):
                if _s(v).strip() and not re.fullmatch(r"\d+", _s(v).strip()):
                    problems.append(f"{where}: row {r_i + 1} {tg} not a count/score: {v!r}")
    if not 60 <= len(data) <= 200:
        problems.append(f"{where}: {len(data)} rows, outside 60-200")
    return len(data), valid


def check(out_dir: Path) -> list[str]:
    out_dir = Path(out_dir)
    problems: list[str] = []
    ids = sorted(p.name for p in out_dir.iterdir() if p.is_dir() and p.name.startswith("BLIND"))
    if ids != [f"BLIND{i:02d}" for i in range(1, 21)]:
        problems.append(f"layout ids {ids}")
    n_files = n_cols = n_rows = n_valid = n_tables = 0
    for lid in ids:
        truth = json.loads((out_dir / lid / "truth.json").read_text(encoding="utf-8"))
        if truth["layout_id"] != lid:
            problems.append(f"{lid}: truth layout_id {truth['layout_id']}")
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", truth["provider"]):
            problems.append(f"{lid}: provider id {truth['provider']!r} not lowercase-hyphen")
        land = out_dir / lid / "landing" / truth["provider"] / truth["quarter"]
        on_disk = sorted(p.name for p in land.iterdir()) if land.is_dir() else []
        if on_disk != sorted(f["name"] for f in truth["files"]):
            problems.append(f"{lid}: files on disk {on_disk} != truth")
            continue
        for f in truth["files"]:
            path = land / f["name"]
            fmt = f["format"]
            merged_by_sheet: dict = {}
            try:
                if fmt in ("csv", "tsv", "csv.gz"):
                    sheets, probs = _read_delimited(path, fmt, f["encoding"], f["delimiter"])
                    problems.extend(f"{lid}/{f['name']}: {p}" for p in probs)
                elif fmt == "xlsx":
                    sheets, merged_by_sheet, _ = _read_xlsx(path)
                elif fmt == "ods":
                    sheets, merged_by_sheet, _ = _read_ods(path)
                elif fmt == "json":
                    sheets = {None: json.loads(path.read_text(encoding=f["encoding"]))}
                else:
                    problems.append(f"{lid}/{f['name']}: unknown format {fmt}")
                    continue
            except Exception as exc:  # pragma: no cover - reported, not raised
                problems.append(f"{lid}/{f['name']}: cannot read: {exc!r}")
                continue
            rows = valid = 0
            for t in f["tables"]:
                if t["sheet"] not in sheets:
                    problems.append(f"{lid}/{f['name']}: no sheet {t['sheet']!r}")
                    continue
                r, v = _check_table(
                    lid, f["name"], t, sheets[t["sheet"]], merged_by_sheet.get(t["sheet"]), truth["quarter"], problems
                )
                rows += r
                valid += v
                n_cols += len(t["columns"])
                n_tables += 1
            if rows != f["rows"]:
                problems.append(f"{lid}/{f['name']}: {rows} rows read, truth says {f['rows']}")
            if valid != f["valid_rows"]:
                problems.append(f"{lid}/{f['name']}: {valid} valid rows recomputed, truth says {f['valid_rows']}")
            if not 0 <= f["rows"] - f["valid_rows"] <= 3:
                problems.append(f"{lid}/{f['name']}: {f['rows'] - f['valid_rows']} invalid rows")
            n_files += 1
            n_rows += rows
            n_valid += valid
    print(
        f"checked {len(ids)} layouts, {n_files} files, {n_tables} tables, {n_cols} columns, "
        f"{n_rows} rows ({n_valid} valid): {'OK' if not problems else f'{len(problems)} problem(s)'}"
    )
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--check", action="store_true", help="re-read every file and compare with truth.json")
    ap.add_argument("--no-generate", action="store_true", help="with --check: verify an existing corpus only")
    args = ap.parse_args(argv)
    if not args.no_generate:
        truths = generate(args.out)
        print(f"wrote {len(truths)} layouts to {args.out}")
    if args.check:
        problems = check(args.out)
        for p in problems[:200]:
            print("  -", p)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
