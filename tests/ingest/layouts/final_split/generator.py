#!/usr/bin/env python3
"""Held-out provider-file layout corpus: FINAL01..FINAL20.

Synthetic quarterly client returns from New Zealand community providers
(parenting programmes, whanau ora navigators, Family Start, young parent
services, kaupapa Maori and Pacific providers).  Every person, identifier,
address and organisation here is invented.

    python generator.py --out DIR

writes DIR/<layout_id>/landing/<provider>/<quarter>/<files> and
DIR/<layout_id>/truth.json for each layout.  ``generate(out_dir)`` does the
same and returns the list of truth dicts.  Output is deterministic.
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
import unicodedata
import zipfile
from types import SimpleNamespace
from xml.sax.saxutils import escape, quoteattr

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

SEED = 4417_2026
FIXED_ZIP_TIME = (2026, 1, 1, 9, 0, 0)

# --------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------

ETH_LABEL = {
    11: "New Zealand European", 12: "Other European", 21: "Māori",
    31: "Samoan", 32: "Cook Islands Māori", 33: "Tongan", 34: "Niuean",
    36: "Fijian", 41: "Southeast Asian", 42: "Chinese", 43: "Indian",
    44: "Other Asian", 51: "Middle Eastern", 52: "Latin American",
    53: "African", 61: "Other Ethnicity",
}

ETH_PROFILES = {
    "maori": [([21], 42), ([21, 11], 22), ([11], 10), ([21, 31], 4), ([21, 32], 3),
              ([31], 3), ([33], 2), ([43], 2), ([42], 1), ([12], 2), ([11, 21, 31], 2),
              ([21, 33], 2), ([61], 1)],
    "pacific": [([31], 30), ([33], 18), ([32], 9), ([34], 5), ([36], 5), ([31, 21], 7),
                ([33, 11], 4), ([31, 33], 4), ([21], 6), ([11], 3), ([43], 2),
                ([32, 21], 3), ([31, 11], 3), ([36, 43], 1)],
    "mixed": [([21], 22), ([21, 11], 14), ([11], 18), ([31], 9), ([33], 5), ([32], 3),
              ([31, 21], 4), ([43], 4), ([42], 3), ([41], 3), ([12], 3), ([36], 2),
              ([51], 2), ([53], 2), ([44], 1), ([52], 1), ([34], 1)],
    "south": [([11], 44), ([21, 11], 16), ([21], 12), ([12], 7), ([31], 3), ([42], 3),
              ([43], 3), ([41], 3), ([44], 2), ([51], 2), ([53], 2), ([52], 1), ([61], 1),
              ([33], 1), ([36], 1)],
}

GIVEN = {  # (female, male)
    "maori": (["Aroha", "Mereana", "Anahera", "Kiri", "Ngaire", "Hinewai", "Moana", "Tui",
               "Huia", "Kahurangi", "Pania", "Mihi", "Ātaahua", "Marama", "Awhina", "Māia",
               "Ruia", "Hēni", "Kōwhai", "Manaia", "Te Aomihi", "Wairua", "Hana", "Rangimārie"],
              ["Wiremu", "Hēmi", "Rāwiri", "Tama", "Tāne", "Te Ariki", "Rangi", "Nikau",
               "Tamati", "Hōhepa", "Rewi", "Kauri", "Ihaia", "Whetu", "Manaia", "Tipene",
               "Māui", "Te Rangi", "Paora", "Hone", "Kahu", "Pita"]),
    "pakeha": (["Sarah", "Jessica", "Emma", "Hannah", "Olivia", "Chloe", "Amber", "Kayla",
                "Brooke", "Megan", "Rebecca", "Nicole", "Shannon", "Kirsty", "Tegan", "Jade",
                "Courtney", "Renee", "Danielle", "Ashleigh", "Mary-Jane", "Zoë", "Kate"],
               ["Michael", "Daniel", "James", "Josh", "Liam", "Ryan", "Ben", "Matthew",
                "Shane", "Craig", "Jayden", "Corey", "Nathan", "Brent", "Hamish", "Tyler",
                "Logan", "Sam"]),
    "european": (["Anneke", "Sinéad", "Agnieszka", "Ingrid", "Chiara", "Marta", "Léa"],
                 ["Pieter", "Joost", "Tomasz", "Lukas", "Seán", "Marco", "Jan"]),
    "samoan": (["Sina", "Malia", "Losa", "Leilani", "Lagi", "Tupe", "Fetu", "Talia", "Ana",
                "Faith", "Salote", "Mele", "Lusia"],
               ["Tavita", "Ioane", "Sione", "Iosefa", "Pele", "Sefo", "Tasi", "Lealofi",
                "Faleniu", "Ropati"]),
    "tongan": (["Mele", "Losaline", "'Ofa", "Salote", "Lupe", "Seini", "Vika", "Ana",
                "Kalolaine"],
               ["Sione", "Siosaia", "Viliami", "Tevita", "Sitani", "'Aisea", "Semisi"]),
    "cook": (["Teina", "Mata", "Tuaine", "Tepaeru", "Ngapoko", "Mamae"],
             ["Ngametua", "Teariki", "Tangi", "Mana", "Turi"]),
    "niuean": (["Moka", "Fisi", "Lagi", "Sialei"], ["Hima", "Tafolo", "Pulu", "Fiafia"]),
    "fijian": (["Mere", "Litia", "Salote", "Adi", "Unaisi"],
               ["Jone", "Viliame", "Epeli", "Josaia", "Semi"]),
    "chinese": (["Mei", "Jing", "Li Na", "Grace", "Xin", "Yan", "Ling"],
                ["Wei", "Hao", "Kevin", "Jun", "Ming", "Jason"]),
    "indian": (["Priya", "Anjali", "Sunita", "Deepa", "Harpreet", "Neha", "Kavita"],
               ["Ravi", "Arjun", "Harjit", "Sanjay", "Vikram", "Amit"]),
    "seasian": (["Maria", "Joy", "Rhea", "Lan", "Thi Hoa", "Malai", "Angelica"],
                ["Mark", "Minh", "Jericho", "Somchai", "Rommel", "Tuan"]),
    "otherasian": (["Ji-woo", "Yuki", "Soo-jin", "Aiko", "Nasrin"],
                   ["Min-jun", "Hiroshi", "Dong-hyun", "Kenji", "Farid"]),
    "mideast": (["Fatima", "Amira", "Layla", "Noor", "Zahra"],
                ["Ahmed", "Omar", "Yousef", "Karim", "Ali"]),
    "latin": (["Camila", "Sofía", "Valentina", "Lucía"], ["Diego", "Mateo", "José", "Andrés"]),
    "african": (["Amina", "Chipo", "Nala", "Hodan", "Grace"],
                ["Kwame", "Abdi", "Tendai", "Emeka", "Yusuf"]),
}

FAMILY = {
    "maori": ["Ngata", "Tamihana", "Parata", "Te Whata", "Rāwiri", "Hēnare", "Wihongi",
              "Pōmare", "Tipene", "Te Rangi", "Herewini", "Kereama", "Paewai", "Tautahi",
              "Waititi", "Rātana", "Tāwhiri", "Hohaia", "Keepa", "Te Kani", "Whaanga",
              "Horomona", "Karaka", "Nikora", "Mātene", "Tūhiwai", "Poutama", "Te Moana",
              "Marino", "Walker", "Brown", "Tapsell", "McGregor"],
    "pakeha": ["Smith", "Wilson", "Brown", "Taylor", "Anderson", "Thompson", "Walker",
               "Harris", "Campbell", "Stewart", "Robinson", "Clarke", "Young", "Mitchell",
               "McDonald", "O'Connor", "Fraser", "Hughes", "Baker", "King", "Murray",
               "Cameron", "Reid", "Scott", "Morrison", "Te Paa", "Bennett", "Kerr", "O'Neill"],
    "european": ["van der Berg", "Jansen", "Müller", "Kowalski", "Rossi", "Ó Súilleabháin",
                 "de Vries", "Nowak", "Lefèvre"],
    "samoan": ["Faleolo", "Tuilagi", "Leota", "Fa'asalele", "Aiono", "Toleafoa", "Sapolu",
               "Tuimavave", "Matagi", "Soliai", "Lemalu", "Vaifale", "Fuimaono", "Sa'u",
               "Pouono", "Taufao"],
    "tongan": ["Taufa", "Fifita", "Havili", "Lolohea", "Tu'ipulotu", "Kupu", "Vaipulu",
               "Latu", "Mahe", "Fonua", "Vake", "Taumoepeau"],
    "cook": ["Marsters", "Teariki", "Tupa", "Vaine", "Mataio", "Tangaroa", "Pera", "Story"],
    "niuean": ["Tukuitonga", "Talagi", "Pulu", "Hekau", "Tongatule", "Viliko"],
    "fijian": ["Tuilevuka", "Waqa", "Nakarawa", "Vunipola", "Ravulo", "Naidu", "Prasad"],
    "chinese": ["Wang", "Li", "Zhang", "Chen", "Liu", "Huang", "Wong", "Lim", "Zhou"],
    "indian": ["Singh", "Patel", "Sharma", "Kaur", "Kumar", "Reddy", "Prasad", "Chand"],
    "seasian": ["Santos", "Reyes", "dela Cruz", "Nguyen", "Tran", "Garcia", "Bautista",
                "Phan", "Saetang"],
    "otherasian": ["Kim", "Park", "Lee", "Tanaka", "Sato", "Rahman", "Choi"],
    "mideast": ["Hassan", "Al-Sayed", "Haddad", "Karimi", "Rahimi", "Nasser"],
    "latin": ["González", "Rodríguez", "Morales", "Silva", "Herrera"],
    "african": ["Mensah", "Okafor", "Abdi", "Mohamed", "Moyo", "Osei"],
}

ETH_NAMES = {11: "pakeha", 12: "european", 21: "maori", 31: "samoan", 32: "cook", 33: "tongan",
             34: "niuean", 36: "fijian", 41: "seasian", 42: "chinese", 43: "indian",
             44: "otherasian", 51: "mideast", 52: "latin", 53: "african", 61: "pakeha"}

IWI = ["Ngāpuhi", "Ngāti Porou", "Waikato-Tainui", "Ngāi Tahu", "Ngāti Kahungunu", "Te Arawa",
       "Ngāti Maniapoto", "Ngāi Tūhoe", "Ngāti Awa", "Te Āti Awa", "Ngāti Raukawa",
       "Te Rarawa", "Ngāti Whātua", "Te Āti Haunui-a-Pāpārangi", "Rangitāne",
       "Ngāti Tūwharetoa", "Ngāti Toa Rangatira", "Te Aupōuri", "Ngāti Ranginui",
       "Ngāi Te Rangi", "Rongowhakaata", "Te Aitanga-a-Māhaki", "Ngāti Tamaterā",
       "Ngāti Maru", "Ngāti Whakaue", "Ngāti Kahu", "Whakatōhea"]

REGION_IWI = {
    "northland": ["Ngāpuhi", "Te Rarawa", "Ngāti Kahu", "Te Aupōuri", "Ngāti Whātua"],
    "tairawhiti": ["Ngāti Porou", "Rongowhakaata", "Te Aitanga-a-Māhaki", "Ngāti Kahungunu"],
    "rotorua": ["Te Arawa", "Ngāti Whakaue", "Ngāi Tūhoe", "Ngāti Awa", "Ngāti Tūwharetoa"],
    "hauraki": ["Ngāti Tamaterā", "Ngāti Maru", "Waikato-Tainui", "Ngāti Porou"],
    "hawkesbay": ["Ngāti Kahungunu", "Ngāti Porou", "Ngāi Tūhoe"],
    "waikato": ["Waikato-Tainui", "Ngāti Maniapoto", "Ngāti Raukawa", "Ngāpuhi"],
    "whanganui": ["Te Āti Haunui-a-Pāpārangi", "Ngāti Raukawa", "Rangitāne", "Ngāti Tūwharetoa"],
}

PLACES = {
    "auckland_south": [("Ōtara", "Auckland", "2023"), ("Māngere", "Auckland", "2022"),
                       ("Māngere East", "Auckland", "2024"), ("Papatoetoe", "Auckland", "2025"),
                       ("Manurewa", "Auckland", "2102"), ("Clendon Park", "Auckland", "2103"),
                       ("Ōtāhuhu", "Auckland", "1062"), ("Wiri", "Auckland", "2104"),
                       ("Papakura", "Papakura", "2110"), ("Takanini", "Auckland", "2112")],
    "tamaki": [("Glen Innes", "Auckland", "1072"), ("Panmure", "Auckland", "1072"),
               ("Point England", "Auckland", "1072"), ("Mount Wellington", "Auckland", "1060"),
               ("Onehunga", "Auckland", "1061"), ("Avondale", "Auckland", "1026"),
               ("Rānui", "Auckland", "0612"), ("Henderson", "Auckland", "0612"),
               ("Massey", "Auckland", "0614")],
    "porirua": [("Cannons Creek", "Porirua", "5024"), ("Waitangirua", "Porirua", "5024"),
                ("Ascot Park", "Porirua", "5024"), ("Titahi Bay", "Porirua", "5022"),
                ("Porirua East", "Porirua", "5024"), ("Rānui Heights", "Porirua", "5024"),
                ("Naenae", "Lower Hutt", "5011"), ("Taitā", "Lower Hutt", "5011"),
                ("Wainuiomata", "Lower Hutt", "5014"), ("Trentham", "Upper Hutt", "5018")],
    "hawkesbay": [("Flaxmere", "Hastings", "4120"), ("Camberley", "Hastings", "4120"),
                  ("Mahora", "Hastings", "4120"), ("Maraenui", "Napier", "4110"),
                  ("Onekawa", "Napier", "4110"), ("Tamatea", "Napier", "4112"),
                  ("Marewa", "Napier", "4110"), ("Wairoa", "Wairoa", "4108"),
                  ("Havelock North", "Havelock North", "4130")],
    "tairawhiti": [("Kaiti", "Gisborne", "4010"), ("Elgin", "Gisborne", "4010"),
                   ("Mangapapa", "Gisborne", "4010"), ("Outer Kaiti", "Gisborne", "4010"),
                   ("Te Hapara", "Gisborne", "4010"), ("Ruatōria", "Ruatōria", "4032"),
                   ("Tolaga Bay", "Tolaga Bay", "4077"), ("Tokomaru Bay", "Tokomaru Bay", "4079")],
    "rotorua": [("Fordlands", "Rotorua", "3015"), ("Western Heights", "Rotorua", "3015"),
                ("Koutu", "Rotorua", "3010"), ("Ōhinemutu", "Rotorua", "3010"),
                ("Ngongotahā", "Rotorua", "3010"), ("Owhata", "Rotorua", "3010"),
                ("Murupara", "Murupara", "3025"), ("Pukehangi", "Rotorua", "3015")],
    "northland": [("Kaikohe", "Kaikohe", "0405"), ("Moerewa", "Moerewa", "0211"),
                  ("Kawakawa", "Kawakawa", "0210"), ("Kaitāia", "Kaitāia", "0410"),
                  ("Otangarei", "Whangārei", "0112"), ("Raumanga", "Whangārei", "0110"),
                  ("Tikipunga", "Whangārei", "0112"), ("Ōkaihau", "Ōkaihau", "0475")],
    "whanganui": [("Gonville", "Whanganui", "4501"), ("Castlecliff", "Whanganui", "4501"),
                  ("Aramoho", "Whanganui", "4500"), ("Springvale", "Whanganui", "4501"),
                  ("Marton", "Marton", "4710"), ("Awapuni", "Palmerston North", "4412"),
                  ("Highbury", "Palmerston North", "4412"), ("Takaro", "Palmerston North", "4412")],
    "christchurch": [("Aranui", "Christchurch", "8061"), ("Linwood", "Christchurch", "8062"),
                     ("Hornby", "Christchurch", "8042"), ("Shirley", "Christchurch", "8061"),
                     ("Woolston", "Christchurch", "8062"), ("Riccarton", "Christchurch", "8041"),
                     ("Rangiora", "Rangiora", "7400"), ("Kaiapoi", "Kaiapoi", "7630")],
    "southland": [("Glengarry", "Invercargill", "9810"), ("Georgetown", "Invercargill", "9812"),
                  ("Strathern", "Invercargill", "9812"), ("Heidelberg", "Invercargill", "9812"),
                  ("Gore", "Gore", "9710"), ("Bluff", "Bluff", "9814"),
                  ("Windsor", "Invercargill", "9810")],
    "waikato": [("Enderley", "Hamilton", "3214"), ("Fairfield", "Hamilton", "3214"),
                ("Nawton", "Hamilton", "3200"), ("Dinsdale", "Hamilton", "3204"),
                ("Huntly", "Huntly", "3700"), ("Ngāruawāhia", "Ngāruawāhia", "3720"),
                ("Melville", "Hamilton", "3206")],
    "nelson": [("Tāhunanui", "Nelson", "7011"), ("Stoke", "Nelson", "7011"),
               ("Victory", "Nelson", "7010"), ("Richmond", "Richmond", "7020"),
               ("Motueka", "Motueka", "7120"), ("Atawhai", "Nelson", "7010")],
    "dunedin": [("South Dunedin", "Dunedin", "9012"), ("Caversham", "Dunedin", "9012"),
                ("Brockville", "Dunedin", "9011"), ("Mosgiel", "Mosgiel", "9024"),
                ("North East Valley", "Dunedin", "9010"), ("Green Island", "Dunedin", "9018"),
                ("Port Chalmers", "Port Chalmers", "9023")],
    "hauraki": [("Thames", "Thames", "3500"), ("Paeroa", "Paeroa", "3600"),
                ("Waihī", "Waihī", "3610"), ("Ngatea", "Ngatea", "3503"),
                ("Coromandel", "Coromandel", "3506"), ("Whitianga", "Whitianga", "3510")],
}

STREETS = ["Kōwhai", "Rata", "Tōtara", "Rimu", "Pōhutukawa", "Matai", "Miro", "Karaka",
           "Puriri", "Nikau", "Tui", "Kererū", "Kingsway", "Queen", "Victoria", "Albert",
           "Church", "Station", "Hillcrest", "Tawa", "Raglan", "Mahia", "Aotea", "Moana",
           "Māhoe", "Ranfurly", "Massey", "Grey", "Cameron", "Taupō", "Te Rangi", "Kahikatea",
           "Harakeke", "Wharf", "Gloucester", "Seddon", "Ballance", "Titoki", "Manuka"]
STREET_TYPES = ["Street", "Street", "Road", "Road", "Avenue", "Crescent", "Place", "Drive",
                "Terrace", "Way", "Close", "Grove", "Lane"]

REFERRALS = ["Self", "GP", "Midwife", "Plunket", "School", "Oranga Tamariki", "Police",
             "Church", "Marae", "Whānau", "Hospital", "Court", "Other", "Well Child Tamariki Ora",
             "Work and Income", "Kāinga Ora", "Friend"]
REF_WEIGHTS = [18, 12, 9, 8, 6, 10, 5, 4, 4, 9, 5, 3, 3, 4, 3, 1, 4]

OUTCOME_A = ["Achieved", "Partly achieved", "Not achieved", "Ongoing", "Exited early"]
OUTCOME_B = ["Goal met", "Partial", "Not met", "In progress", "Withdrew"]

LANGUAGES = ["English", "English", "English", "Te Reo Māori", "Samoan", "Tongan",
             "Cook Islands Māori", "Hindi", "Mandarin", "Tagalog", "Arabic", "NZ Sign Language"]
REL_F = ["Mother", "Partner", "Aunty", "Nan", "Sister", "Friend", "Cousin", "Wife", "Grandmother"]
REL_M = ["Father", "Partner", "Koro", "Brother", "Uncle", "Friend", "Cousin", "Husband"]

NOTES = [
    "Good engagement this quarter; wants to join the next intake.",
    "Missed two sessions due to transport issues, now getting a lift with whānau.",
    "Whānau hui held at home and next steps agreed.",
    "Referred on to budgeting service.",
    "Baby unwell for part of the quarter, catch-up session booked.",
    "Working on bedtime routines and making steady progress.",
    "Declined home visit, prefers phone contact.",
    "Housing application lodged with Kāinga Ora.",
    "Court date pending, support letter provided.",
    "Goals reviewed at last session - on track.",
    "Said the group was \"really helpful\" and has made friends there.",
    "Moved address during the quarter; new details recorded.",
    "Attended with partner for the last three sessions.",
    "Struggling with sleep, linked in with Plunket nurse.",
    "Completed the programme and received certificate.",
    "Has started part-time study, sessions moved to evenings.",
    "No contact since mid-quarter, two follow-up texts sent.",
    "Family violence safety plan in place, reviewed with worker.",
    "Keen to get a driver licence; referred to community driving programme.",
    "Kids enrolled at kōhanga reo, mum reports less stress.",
    "Food parcel and winter heating grant arranged.",
    "Interpreter used for first two sessions.",
]

GP_NAMES = ["Dr R. Patel", "Dr Sarah Lim", "Dr H. Ngata", "Dr M. O'Brien", "Dr A. Fifita",
            "Te Kōhao Health", "Ōtara Family Health Centre", "Union Medical Centre",
            "Dr J. McKenzie", "Kaupapa Hauora Clinic", "Dr P. Singh", "Dr L. Tuilagi",
            "Hope Street Medical", "Dr K. Wong"]

FUNDING_CODES = ["FND-MSD-01", "FND-OT-03", "KOHA-WO", "FND-TPK-02", "FND-HNZ", "KOHA",
                 "FND-MOE-01", "FND-OT-07"]


# --------------------------------------------------------------------------
# Identifiers
# --------------------------------------------------------------------------

NHI_ALPHA = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # A=1..H=8, J=9..N=13, P=14..Z=24


def nhi_valid(s: str) -> bool:
    if not re.fullmatch(r"[A-HJ-NP-Z]{3}[0-9]{4}", s or ""):
        return False
    vals = [NHI_ALPHA.index(c) + 1 for c in s[:3]] + [int(c) for c in s[3:6]]
    total = sum(v * w for v, w in zip(vals, [7, 6, 5, 4, 3, 2], strict=False))
    r = total % 11
    if r == 0:
        return False
    check = 11 - r
    if check == 10:
        check = 0
    return check == int(s[6])


def make_nhi(rng: random.Random) -> str:
    while True:
        letters = "".join(rng.choice(NHI_ALPHA) for _ in range(3))
        digits = [rng.randint(0, 9) for _ in range(3)]
        vals = [NHI_ALPHA.index(c) + 1 for c in letters] + digits
        r = sum(v * w for v, w in zip(vals, [7, 6, 5, 4, 3, 2], strict=False)) % 11
        if r == 0:
            continue
        check = 11 - r
        if check == 10:
            check = 0
        return letters + "".join(map(str, digits)) + str(check)


def _ird_check(first8: str):
    r = sum(int(d) * w for d, w in zip(first8, [3, 2, 7, 6, 5, 4, 3, 2], strict=False)) % 11
    c = 0 if r == 0 else 11 - r
    if c == 10:
        r = sum(int(d) * w for d, w in zip(first8, [7, 4, 3, 2, 5, 2, 7, 6], strict=False)) % 11
        c = 0 if r == 0 else 11 - r
        if c == 10:
            return None
    return c


def ird_valid(s: str) -> bool:
    digits = re.sub(r"[\s-]", "", s or "")
    if not digits.isdigit() or len(digits) not in (8, 9):
        return False
    n = int(digits)
    if not 10_000_000 <= n <= 150_000_000:
        return False
    digits = digits.zfill(9)
    c = _ird_check(digits[:8])
    return c is not None and c == int(digits[8])


def make_ird(rng: random.Random) -> int:
    while True:
        base = rng.randint(1_000_000, 14_999_999)
        c = _ird_check(f"{base:08d}")
        if c is None:
            continue
        return base * 10 + c


# --------------------------------------------------------------------------
# Dates and quarters
# --------------------------------------------------------------------------

def quarter_bounds(q: str):
    year, n = int(q[:4]), int(q[-1])
    start = dt.date(year, 3 * (n - 1) + 1, 1)
    end = dt.date(year + 1, 1, 1) - dt.timedelta(days=1) if n == 4 else \
        dt.date(year, 3 * n + 1, 1) - dt.timedelta(days=1)
    return start, end


def age_on(dob: dt.date, on: dt.date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def D(d, style: str):
    """Format a date/datetime for a given layout style; 'xl' keeps the object."""
    if d is None or d == "":
        return ""
    if style == "xl":
        return d
    if style == "dmy":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dmy1":
        return f"{d.day}/{d.month}/{d.year}"
    if style == "dmy-":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "dmy.":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "iso":
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if style == "dmon":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "dmon-":
        return f"{d.day:02d}-{MONTHS[d.month - 1]}-{d.year}"
    if style == "isots":
        return d.strftime("%Y-%m-%dT%H:%M:%S")
    if style == "dmyhm":
        return d.strftime("%d/%m/%Y %H:%M")
    raise ValueError(style)


# --------------------------------------------------------------------------
# Person generation
# --------------------------------------------------------------------------

def wchoice(rng, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def rand_name(rng, group: str, gender: str):
    fem, male = GIVEN[group]
    pool = fem if gender == "F" else male if gender == "M" else fem + male
    return rng.choice(pool), rng.choice(FAMILY[group])


def any_person_name(rng):
    group = rng.choice(["maori", "pakeha", "pakeha", "samoan", "tongan", "indian", "chinese"])
    g, f = rand_name(rng, group, rng.choice("FM"))
    return f"{g} {f}"


def make_staff(rng, n):
    staff = []
    while len(staff) < n:
        group = rng.choice(["maori", "maori", "pakeha", "samoan", "tongan", "pakeha", "indian"])
        g, f = rand_name(rng, group, rng.choice("FFM"))
        nm = f"{g} {f}"
        if nm not in staff:
            staff.append(nm)
    return staff


def make_street(rng):
    no = rng.randint(1, 240)
    name = f"{rng.choice(STREETS)} {rng.choice(STREET_TYPES)}"
    r = rng.random()
    if r < 0.12:
        return f"{rng.randint(1, 6)}/{no} {name}"
    if r < 0.18:
        return f"Flat {rng.randint(1, 4)}, {no} {name}"
    if r < 0.24:
        return f"{no}{rng.choice('ABC')} {name}"
    return f"{no} {name}"


def make_phone(rng, kind="mobile"):
    if kind == "mobile":
        pre = rng.choice(["021", "021", "022", "027", "027", "029", "020"])
        return pre, f"{rng.randint(100, 999)}", f"{rng.randint(1000, 9999)}"
    area = rng.choice(["09", "04", "06", "07", "03"])
    return area, f"{rng.randint(200, 999)}", f"{rng.randint(1000, 9999)}"


def PH(parts, style="space"):
    if not parts:
        return ""
    a, b, c = parts
    landline = a in ("09", "04", "06", "07", "03")
    if style == "space":
        return f"({a}) {b} {c}" if landline else f"{a} {b} {c}"
    if style == "plain":
        return f"{a}{b}{c}"
    if style == "dash":
        return f"{a}-{b}-{c}"
    if style == "intl":
        return f"+64 {a[1:]} {b} {c}"
    raise ValueError(style)


def strip_macrons(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", s)
                   if not unicodedata.combining(ch)) if isinstance(s, str) else s


def ascii_slug(s: str) -> str:
    s = strip_macrons(s).lower()
    return re.sub(r"[^a-z0-9]+", "", s)


class Profile(SimpleNamespace):
    pass


def make_person(rng, prof, seq, svc_window=None):
    qs, qe = quarter_bounds(prof.quarter)
    combos, weights = zip(*ETH_PROFILES[prof.eth], strict=False)
    eth = list(wchoice(rng, combos, weights))
    gender = wchoice(rng, ["F", "M", "X"], prof.gender_w)
    group = ETH_NAMES[eth[0]]
    given, family = rand_name(rng, group, gender)
    if eth == [21, 11] and rng.random() < 0.4:
        family = rng.choice(FAMILY["pakeha"])
    if group in ("maori", "pakeha", "samoan", "tongan", "cook", "european") and rng.random() < 0.18:
        g2, _ = rand_name(rng, group, gender)
        if g2 != given:
            given = f"{given} {g2}"
    lo, hi, mode = prof.age
    age = round(rng.triangular(lo, hi + 0.999, mode))
    age = max(lo, min(hi, age))
    anchor = dt.date(qe.year - age, qe.month, qe.day)
    dob = anchor - dt.timedelta(days=rng.randint(0, 360))
    assert 17 <= age_on(dob, qe) <= 64
    suburb, town, pc = rng.choice(PLACES[prof.region])
    street = make_street(rng)
    if svc_window:
        ws, we = svc_window
    else:
        ws, we = qs, qe
    service = ws + dt.timedelta(days=rng.randint(0, (we - ws).days))
    if rng.random() < 0.35:
        start = qs + dt.timedelta(days=rng.randint(0, max(0, (service - qs).days)))
        start = min(start, service)
        sessions = rng.randint(1, 12)
    else:
        start = service - dt.timedelta(days=rng.randint(30, 560))
        sessions = rng.randint(2, 40)
    outcome = wchoice(rng, range(5), [6, 10, 3, 70, 11]) if start >= qs else wchoice(rng, range(5), [30, 22, 8, 30, 10])
    wb_start = rng.randint(1, 7)
    wb_end = max(1, min(10, wb_start + rng.choice([-1, 0, 1, 1, 2, 2, 3, 3, 4, 5])))
    iwi = []
    if 21 in eth and rng.random() < 0.85:
        pool = REGION_IWI.get(prof.region, IWI)
        iwi = [rng.choice(pool) if rng.random() < 0.75 else rng.choice(IWI)]
        if rng.random() < 0.3:
            extra = rng.choice(IWI)
            if extra not in iwi:
                iwi.append(extra)
    cg_gender = rng.choice("FFM")
    cg_given, cg_family = rand_name(rng, group if rng.random() < 0.7 else "pakeha", cg_gender)
    if rng.random() < 0.45:
        cg_family = family
    relationship = rng.choice(REL_F if cg_gender == "F" else REL_M)
    child_given, _ = rand_name(rng, group, rng.choice("FM"))
    if suburb == town:
        suburb = ""
    email_user = rng.choice([
        f"{ascii_slug(given.split()[0])}.{ascii_slug(family)}",
        f"{ascii_slug(given.split()[0])}{ascii_slug(family)}{rng.randint(1, 99)}",
        f"{ascii_slug(given.split()[0])[:1]}{ascii_slug(family)}",
        f"{ascii_slug(given.split()[0])}_{rng.randint(80, 2009)}",
    ])
    domain = rng.choice(["gmail.com", "gmail.com", "hotmail.com", "xtra.co.nz", "outlook.com",
                         "icloud.com", "yahoo.co.nz"])
    email = f"{email_user}@{domain}"
    child_dob = qe - dt.timedelta(days=rng.randint(0, int(prof.child_max_years * 365)))
    exit_date = None
    if outcome in (0, 2, 4) or rng.random() < 0.1:
        exit_date = min(qe, max(start, service) + dt.timedelta(days=rng.randint(0, 20)))
    notes = " ".join(rng.sample(NOTES, k=rng.choice([1, 1, 2, 2, 3])))
    p = SimpleNamespace(
        seq=seq, given=given, family=family, gender=gender, dob=dob,
        nhi=make_nhi(rng), ird=make_ird(rng),
        mobile=make_phone(rng, "mobile"),
        landline=make_phone(rng, "land") if rng.random() < 0.45 else None,
        email=email if rng.random() < 0.78 else "",
        street=street, suburb=suburb, town=town, postcode=pc,
        caregiver=f"{cg_given} {cg_family}" if rng.random() < 0.9 else "",
        relationship=relationship, child_name=f"{child_given} {family}",
        key_worker=rng.choice(prof.staff), eth=eth, iwi=iwi,
        programme=rng.choice(prof.programmes),
        referral=wchoice(rng, REFERRALS, REF_WEIGHTS),
        start=start, service=service, sessions=sessions, outcome=outcome,
        wb_start=wb_start, wb_end=wb_end, consent=rng.random() < 0.8, notes=notes,
        child_dob=child_dob, n_children=rng.choice([1, 1, 2, 2, 2, 3, 3, 4, 5, 6]),
        exit_date=exit_date, referrer=any_person_name(rng), gp=rng.choice(GP_NAMES),
        office=rng.choice(prof.offices), worker_id=f"W{rng.randint(100, 9999):04d}",
        language=rng.choice(LANGUAGES), transport=rng.random() < 0.3,
        funding=rng.choice(FUNDING_CODES),
        updated=dt.datetime.combine(qe + dt.timedelta(days=rng.randint(1, 12)),
                                    dt.time(rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59))),
        r=rng.random(), r2=rng.random(), invalid=None,
    )
    return p


# --------------------------------------------------------------------------
# Value formatters (take a person)
# --------------------------------------------------------------------------

def FN(p, style):
    if style == "FAMILY, Given":
        return f"{p.family.upper()}, {p.given}"
    if style == "Family, Given":
        return f"{p.family}, {p.given}"
    if style == "Given Family":
        return f"{p.given} {p.family}"
    raise ValueError(style)


def G(p, style):
    m = {"word": {"F": "Female", "M": "Male", "X": "Another gender"},
         "lower": {"F": "female", "M": "male", "X": "another gender"},
         "upper": {"F": "FEMALE", "M": "MALE", "X": "ANOTHER GENDER"},
         "mfx": {"F": "F", "M": "M", "X": "X"},
         "123": {"M": "1", "F": "2", "X": "3"},
         "reo": {"F": "Wahine", "M": "Tāne", "X": "Wahine"}}[style]
    return m[p.gender]


def ETH(p, sep, kind="label"):
    vals = [ETH_LABEL[c] if kind == "label" else str(c) for c in p.eth]
    return sep.join(vals)


def ETHN(p, i, kind="label"):
    if i >= len(p.eth):
        return ""
    c = p.eth[i]
    if kind == "label":
        return ETH_LABEL[c]
    if kind == "int":
        return c
    return str(c)


def IWI_(p, sep="; "):
    return sep.join(p.iwi)


def CONS(p, style):
    return {"yesno": ("Yes", "No"), "yn": ("Y", "N"), "TF": ("TRUE", "FALSE"),
            "tf": ("true", "false"), "cd": ("Consented", "Declined"), "reo": ("Āe", "Kāo"),
            "YESNO": ("YES", "NO"), "bool": (True, False),
            "cdl": ("consented", "declined")}[style][0 if p.consent else 1]


def OUT(p, style="A"):
    return (OUTCOME_A if style == "A" else OUTCOME_B)[p.outcome]


def ADDR(p, style="comma"):
    sub = [p.suburb] if p.suburb else []
    if style == "comma":
        return ", ".join([p.street, *sub, f"{p.town} {p.postcode}"])
    if style == "nosub":
        return ", ".join([p.street, *sub, p.town])
    if style == "newline":
        return "\n".join([p.street, *sub, f"{p.town} {p.postcode}"])
    raise ValueError(style)


def IRD(p, style):
    s = f"{p.ird:09d}"
    if style == "plain":
        return s if p.ird >= 100_000_000 or p.r < 0.5 else s[1:]
    if style == "dash":
        if p.ird < 100_000_000 and p.r < 0.5:
            s8 = s[1:]
            return f"{s8[:2]}-{s8[2:5]}-{s8[5:]}"
        return f"{s[:3]}-{s[3:6]}-{s[6:]}"
    raise ValueError(style)


def initials(name):
    return "".join(w[0] for w in strip_macrons(name).replace("-", " ").split()).upper()


def col(header, target, fn, group=None):
    return SimpleNamespace(header=header, target=target, fn=fn, group=group)


# --------------------------------------------------------------------------
# Layout definitions
# --------------------------------------------------------------------------

def profile(rng, quarter, region, eth, programmes, *, nstaff=6, age=(19, 52, 29),
            gender_w=(78, 20, 2), offices=None, child_max_years=6):
    return Profile(quarter=quarter, region=region, eth=eth, programmes=programmes,
                   staff=make_staff(rng, nstaff), age=age, gender_w=gender_w,
                   offices=offices or ["Main office"], child_max_years=child_max_years)


def L01(rng):
    prof = profile(rng, "2026Q1", "porirua", "mixed",
                   ["Incredible Years Parent", "Triple P Group", "Toolbox Parenting", "Mana Whānau"])
    cols = [
        col("Client ID", "client_ref", lambda p: f"KM-{p.seq:05d}"),
        col("Client name", "full_name", lambda p: FN(p, "FAMILY, Given")),
        col("Date of birth", "date_of_birth", lambda p: D(p.dob, "dmy")),
        col("NHI number", "nhi", lambda p: p.nhi),
        col("Gender", "gender", lambda p: G(p, "word")),
        col("Ethnicity", "ethnicity", lambda p: ETH(p, "; ")),
        col("Iwi affiliation", "iwi", lambda p: IWI_(p, "; ")),
        col("Phone", "phone", lambda p: PH(p.mobile, "space")),
        col("Address", "address", lambda p: ADDR(p)),
        col("Youngest child's date of birth", None, lambda p: D(p.child_dob, "dmy")),
        col("Number of children", None, lambda p: p.n_children),
        col("Programme", "programme", lambda p: p.programme),
        col("Referred by", "referral_source", lambda p: p.referral),
        col("Referrer name", None, lambda p: p.referrer if p.referral not in ("Self", "Whānau") else ""),
        col("Date started", "start_date", lambda p: D(p.start, "dmy")),
        col("Last session date", "service_date", lambda p: D(p.service, "dmy")),
        col("Sessions attended", "sessions_attended", lambda p: p.sessions),
        col("Facilitator", "key_worker", lambda p: p.key_worker),
        col("Outcome", "outcome_status", lambda p: OUT(p, "A")),
        col("Consent to evaluation", "consent_evaluation", lambda p: CONS(p, "yesno")),
        col("Notes", "case_notes", lambda p: p.notes),
    ]
    return dict(provider="kahui-matua-porirua", profile=prof,
                features=["csv", "utf-8", "delim-comma", "crlf"],
                files=[dict(name="Kahui Matua - Q1 2026 client return.csv", kind="csv",
                            format="csv", encoding="utf-8", delimiter=",", lineterm="\r\n",
                            tables=[dict(sheet=None, cols=cols)])])


def L02(rng):
    prof = profile(rng, "2026Q2", "auckland_south", "pacific",
                   ["Aiga Ola", "Fanau Matua Parenting", "Pēpē Ola", "Tama Tāne Fathers"],
                   gender_w=(70, 28, 2))
    cols = [
        col("Client Number", "client_ref", lambda p: str(20000 + p.seq)),
        col("First Name", "given_names", lambda p: p.given),
        col("Last Name", "family_name", lambda p: p.family),
        col("Date Of Birth", "date_of_birth", lambda p: D(p.dob, "dmy1")),
        col("Gender", "gender", lambda p: G(p, "mfx")),
        col("Ethnicity 1", "ethnicity", lambda p: ETHN(p, 0, "code")),
        col("Ethnicity 2", "ethnicity", lambda p: ETHN(p, 1, "code")),
        col("Ethnicity 3", "ethnicity", lambda p: ETHN(p, 2, "code")),
        col("Street Address", "address_street", lambda p: p.street),
        col("Suburb", "address_suburb", lambda p: p.suburb),
        col("City", "address_town", lambda p: p.town),
        col("Post Code", "address_postcode", lambda p: p.postcode),
        col("Mobile", "phone", lambda p: PH(p.mobile, "plain")),
        col("Home Phone", "phone", lambda p: PH(p.landline, "space")),
        col("Email Address", "email", lambda p: p.email),
        col("Language Spoken At Home", None, lambda p: p.language),
        col("Church", None, lambda p: "" if p.r < 0.3 else ["EFKS Māngere", "Ōtara Tongan Methodist",
                                                             "Catholic - St Mary's", "AOG Papatoetoe",
                                                             "LDS Manurewa", "PIC Newton"][int(p.r2 * 6)]),
        col("Programme", "programme", lambda p: p.programme),
        col("Referral Source", "referral_source", lambda p: p.referral),
        col("Start Date", "start_date", lambda p: D(p.start, "dmy1")),
        col("Sessions Attended", "sessions_attended", lambda p: p.sessions),
        col("Wellbeing Score (Start)", "wellbeing_start", lambda p: p.wb_start),
        col("Wellbeing Score (End)", "wellbeing_end", lambda p: p.wb_end),
        col("Outcome", "outcome_status", lambda p: OUT(p, "B")),
        col("Consent Given", "consent_evaluation", lambda p: CONS(p, "yn")),
        col("Transport Provided", None, lambda p: "Y" if p.transport else "N"),
    ]
    return dict(provider="tautua-pasifika-aiga-services", profile=prof,
                features=["csv", "utf-8-bom", "delim-comma", "crlf"],
                files=[dict(name="TautuaAiga_Q2-2026.csv", kind="csv", format="csv",
                            encoding="utf-8-sig", delimiter=",", lineterm="\r\n",
                            tables=[dict(sheet=None, cols=cols)])])


def L03(rng):
    prof = profile(rng, "2026Q3", "hauraki", "maori",
                   ["Te Ara Whakamua", "Whānau Āwhina Parenting", "Incredible Years"],
                   offices=["Thames", "Paeroa", "Waihi"])
    cols = [
        col("name", "full_name", lambda p: FN(p, "Given Family")),
        col("dob", "date_of_birth", lambda p: D(p.dob, "dmy-")),
        col("nhi", "nhi", lambda p: p.nhi),
        col("sex", "gender", lambda p: G(p, "mfx")),
        col("ethnic group", "ethnicity", lambda p: ETH(p, "/")),
        col("iwi", "iwi", lambda p: IWI_(p, "; ")),
        col("phone no", "phone", lambda p: PH(p.mobile, "dash")),
        col("street", "address_street", lambda p: p.street),
        col("suburb", "address_suburb", lambda p: p.suburb),
        col("town", "address_town", lambda p: p.town),
        col("postcode", "address_postcode", lambda p: p.postcode),
        col("programme", "programme", lambda p: p.programme),
        col("referred from", "referral_source", lambda p: p.referral),
        col("first session", "start_date", lambda p: D(p.start, "dmy-")),
        col("latest session", "service_date", lambda p: D(p.service, "dmy-")),
        col("no. of sessions", "sessions_attended", lambda p: p.sessions),
        col("outcome", "outcome_status", lambda p: OUT(p, "A")),
        col("evaluation consent", "consent_evaluation", lambda p: CONS(p, "TF")),
        col("worker", "key_worker", lambda p: p.key_worker),
        col("office", None, lambda p: p.office),
        col("exit date", None, lambda p: D(p.exit_date, "dmy-")),
        col("gp", None, lambda p: p.gp),
        col("notes", "case_notes", lambda p: p.notes),
    ]
    return dict(provider="whanau-awhina-hauraki", profile=prof,
                features=["csv", "cp1252", "delim-semicolon", "crlf", "macrons-stripped",
                          "lower-case-headers"],
                files=[dict(name="whanau awhina hauraki jul-sep 2026.csv", kind="csv",
                            format="csv", encoding="cp1252", delimiter=";", lineterm="\r\n",
                            tables=[dict(sheet=None, cols=cols)])])


def L04(rng):
    prof = profile(rng, "2026Q4", "waikato", "maori",
                   ["Whānau Ora Navigation", "Kaupapa Whānau", "Te Puna Hauora"],
                   nstaff=5)
    cols = [
        col("Whānau ID", "client_ref", lambda p: f"TPO{p.seq}"),
        col("Client Name (Surname, First)", "full_name", lambda p: FN(p, "Family, Given")),
        col("DOB (dd/mm/yyyy)", "date_of_birth", lambda p: D(p.dob, "dmy")),
        col("NHI (if known)", "nhi", lambda p: p.nhi if p.r > 0.25 else ""),
        col("Gender (M/F/X)", "gender", lambda p: G(p, "mfx")),
        col("Ethnicity (list all)", "ethnicity", lambda p: ETH(p, ", ")),
        col("Iwi (if Māori)", "iwi", lambda p: IWI_(p, "; ")),
        col("Contact Ph", "phone", lambda p: PH(p.mobile, "space")),
        col("Email (optional)", "email", lambda p: p.email),
        col("Address (street, suburb, town)", "address", lambda p: ADDR(p, "nosub")),
        col("Support Person / Caregiver", "caregiver_name", lambda p: p.caregiver),
        col("Relationship to client", None, lambda p: p.relationship if p.caregiver else ""),
        col("Navigator", "key_worker", lambda p: p.key_worker),
        col("Navigator ID", None, lambda p: f"NAV{prof.staff.index(p.key_worker) + 11:03d}"),
        col("Date Enrolled", "start_date", lambda p: D(p.start, "dmy")),
        col("Last Contact (dd/mm/yyyy)", "service_date", lambda p: D(p.service, "dmy")),
        col("Contacts This Qtr", "sessions_attended", lambda p: p.sessions),
        col("Goal Status", "outcome_status", lambda p: OUT(p, "B")),
        col("Consent to share for evaluation (Y/N)", "consent_evaluation", lambda p: CONS(p, "yn")),
        col("Koha / Funding Code", None, lambda p: p.funding),
        col("Case Notes", "case_notes", lambda p: p.notes),
    ]
    return dict(provider="te-puna-oranga-navigators", profile=prof,
                features=["txt", "utf-16-bom", "delim-tab", "crlf", "bracket-hints",
                          "excel-unicode-text"],
                files=[dict(name="TePunaOranga_Q4_2026_export.txt", kind="csv", format="txt",
                            encoding="utf-16", delimiter="\t", lineterm="\r\n",
                            tables=[dict(sheet=None, cols=cols)])])


def L05(rng):
    prof = profile(rng, "2026Q1", "tairawhiti", "maori", ["FS-STD", "FS-ENH", "FS-PEPI"],
                   nstaff=7, age=(17, 45, 24), gender_w=(88, 11, 1), child_max_years=3)
    cols = [
        col("CLIENT_ID", "client_ref", lambda p: str(700000 + p.seq)),
        col("SURNAME", "family_name", lambda p: p.family.upper()),
        col("FIRST_NAMES", "given_names", lambda p: p.given),
        col("DOB", "date_of_birth", lambda p: D(p.dob, "iso")),
        col("NHI_NO", "nhi", lambda p: p.nhi),
        col("IRD_NO", "ird", lambda p: IRD(p, "plain") if p.r2 > 0.2 else ""),
        col("GENDER_CD", "gender", lambda p: G(p, "123")),
        col("ETH_CD", "ethnicity", lambda p: ETH(p, ",", "code")),
        col("IWI_DESC", "iwi", lambda p: IWI_(p, ";")),
        col("PH_MOBILE", "phone", lambda p: PH(p.mobile, "plain")),
        col("PH_OTHER", "phone", lambda p: PH(p.landline, "plain")),
        col("ADDR_LINE1", "address_street", lambda p: p.street),
        col("ADDR_SUBURB", "address_suburb", lambda p: p.suburb),
        col("ADDR_CITY", "address_town", lambda p: p.town),
        col("ADDR_PCODE", "address_postcode", lambda p: p.postcode),
        col("CHILD_DOB", None, lambda p: D(p.child_dob, "iso")),
        col("NUM_CHILDREN", None, lambda p: p.n_children),
        col("PROG_CODE", "programme", lambda p: p.programme),
        col("REF_SRC_DESC", "referral_source", lambda p: p.referral),
        col("ENROL_DT", "start_date", lambda p: D(p.start, "iso")),
        col("LAST_VISIT_DT", "service_date", lambda p: D(p.service, "iso")),
        col("VISIT_CNT", "sessions_attended", lambda p: p.sessions),
        col("EXIT_DT", None, lambda p: D(p.exit_date, "iso")),
        col("OUTCOME_STATUS", "outcome_status", lambda p: OUT(p, "A")),
        col("CONSENT_EVAL_FLG", "consent_evaluation", lambda p: CONS(p, "yn")),
        col("WORKER_ID", None, lambda p: f"FSW{prof.staff.index(p.key_worker) + 3:02d}"),
        col("CASE_WORKER", "key_worker",
            lambda p: f"{p.key_worker.split(' ', 1)[1].upper()}, {p.key_worker.split(' ', 1)[0]}"),
        col("LAST_UPD_TS", None, lambda p: D(p.updated, "isots")),
    ]
    return dict(provider="family-start-tairawhiti", profile=prof,
                features=["txt", "utf-8", "delim-pipe", "lf", "caps-snake-headers",
                          "system-export"],
                files=[dict(name="FS_EXPORT_TAIRAWHITI_20260407.txt", kind="csv", format="txt",
                            encoding="utf-8", delimiter="|", lineterm="\n",
                            tables=[dict(sheet=None, cols=cols)])])


def L06(rng):
    prof = profile(rng, "2026Q2", "whanganui", "maori",
                   ["Mana Tāne Stopping Violence", "Tū Tangata Dads", "Mana Tāne Parenting"],
                   age=(19, 58, 31), gender_w=(2, 97, 1), offices=["Gonville Hub", "Marton"])
    cols = [
        col("participant_id", "client_ref", lambda p: f"MT-{p.seq}"),
        col("full_name", "full_name", lambda p: FN(p, "Given Family")),
        col("date_of_birth", "date_of_birth", lambda p: D(p.dob, "iso")),
        col("nhi", "nhi", lambda p: p.nhi),
        col("ird_number", "ird", lambda p: IRD(p, "dash")),
        col("gender", "gender", lambda p: G(p, "lower")),
        col("ethnicity", "ethnicity", lambda p: ETH(p, " / ")),
        col("iwi", "iwi", lambda p: IWI_(p, ";")),
        col("mobile", "phone", lambda p: PH(p.mobile, "intl")),
        col("email", "email", lambda p: p.email),
        col("home_address", "address", lambda p: ADDR(p)),
        col("programme_name", "programme", lambda p: p.programme),
        col("referral_source", "referral_source", lambda p: p.referral),
        col("intake_date", "start_date", lambda p: D(p.start, "iso")),
        col("last_attended", "service_date", lambda p: D(p.service, "iso")),
        col("sessions_attended", "sessions_attended", lambda p: p.sessions),
        col("pre_score", "wellbeing_start", lambda p: p.wb_start),
        col("post_score", "wellbeing_end", lambda p: p.wb_end),
        col("outcome", "outcome_status", lambda p: OUT(p, "B")),
        col("eval_consent", "consent_evaluation", lambda p: CONS(p, "tf")),
        col("facilitator", "key_worker", lambda p: p.key_worker),
        col("venue", None, lambda p: p.office),
        col("transport_needed", None, lambda p: "yes" if p.transport else "no"),
        col("created_at", None, lambda p: D(dt.datetime.combine(p.start, dt.time(9, 30)), "isots")),
        col("updated_at", None, lambda p: D(p.updated, "isots")),
    ]
    return dict(provider="mana-tane-whanganui", profile=prof,
                features=["csv.gz", "gzip", "utf-8", "delim-comma", "lf", "snake-case-headers"],
                files=[dict(name="manatane_participants_2026q2.csv.gz", kind="csv",
                            format="csv.gz", encoding="utf-8", delimiter=",", lineterm="\n",
                            gz=True, tables=[dict(sheet=None, cols=cols)])])


def L07(rng):
    prof = profile(rng, "2026Q3", "hawkesbay", "mixed",
                   ["Incredible Years Parent", "Circle of Security", "Hapori Mātua", "Triple P Teen"])
    cols = [
        col("Surname", "family_name", lambda p: p.family),
        col("Given Names", "given_names", lambda p: p.given),
        col("Date of Birth", "date_of_birth", lambda p: D(p.dob, "xl")),
        col("NHI", "nhi", lambda p: p.nhi),
        col("Gender", "gender", lambda p: G(p, "word")),
        col("Ethnicity", "ethnicity", lambda p: ETH(p, "; ")),
        col("Iwi", "iwi", lambda p: IWI_(p, "; ")),
        col("Street", "address_street", lambda p: p.street),
        col("Suburb", "address_suburb", lambda p: p.suburb),
        col("Town/City", "address_town", lambda p: p.town),
        col("Postcode", "address_postcode", lambda p: p.postcode),
        col("Phone", "phone", lambda p: PH(p.mobile, "space")),
        col("Email", "email", lambda p: p.email),
        col("Programme", "programme", lambda p: p.programme),
        col("Referral From", "referral_source", lambda p: p.referral),
        col("Start Date", "start_date", lambda p: D(p.start, "xl")),
        col("Most Recent Session", "service_date", lambda p: D(p.service, "xl")),
        col("Sessions", "sessions_attended", lambda p: p.sessions),
        col("Wellbeing at Start", "wellbeing_start", lambda p: p.wb_start),
        col("Wellbeing at End", "wellbeing_end", lambda p: p.wb_end),
        col("Outcome", "outcome_status", lambda p: OUT(p, "A")),
        col("Evaluation Consent", "consent_evaluation", lambda p: CONS(p, "bool")),
        col("Child DOB", None, lambda p: D(p.child_dob, "xl")),
        col("GP / Medical Centre", None, lambda p: p.gp),
        col("Last Updated", None, lambda p: p.updated),
    ]
    pre = [["Hapori Parenting Trust"],
           ["Quarterly client return — 1 July to 30 September 2026"],
           ["Prepared by: Janine Hohaia, 06/10/2026"],
           []]
    return dict(provider="hapori-parenting-trust-hastings", profile=prof,
                features=["xlsx", "xlsx-title-rows", "xlsx-date-cells", "xlsx-bool-cells"],
                files=[dict(name="Hapori Parenting Trust Q3 2026 Return.xlsx", kind="xlsx",
                            format="xlsx", encoding=None, delimiter=None,
                            tables=[dict(sheet="Q3 Return", cols=cols, pre=pre)])])


def L08(rng):
    prof = profile(rng, "2026Q4", "tamaki", "mixed",
                   ["Whānau Ora", "Whānau Ora - Rangatahi", "Pēpi Pods", "Kaupapa Whānau Navigation"],
                   offices=["Glen Innes", "Panmure", "Henderson"])
    cols = [
        col("ClientId", "client_ref", lambda p: f"WOC{p.seq:06d}"),
        col("ClientFullName", "full_name", lambda p: FN(p, "FAMILY, Given")),
        col("DateOfBirth", "date_of_birth", lambda p: D(p.dob, "xl")),
        col("NhiNumber", "nhi", lambda p: p.nhi),
        col("GenderIdentity", "gender", lambda p: G(p, "word")),
        col("Ethnicity1", "ethnicity", lambda p: ETHN(p, 0)),
        col("Ethnicity2", "ethnicity", lambda p: ETHN(p, 1)),
        col("Ethnicity3", "ethnicity", lambda p: ETHN(p, 2)),
        col("IwiAffiliations", "iwi", lambda p: IWI_(p, "; ")),
        col("MobileNumber", "phone", lambda p: PH(p.mobile, "space")),
        col("EmailAddress", "email", lambda p: p.email),
        col("ResidentialAddress", "address", lambda p: ADDR(p, "newline" if p.r2 < 0.6 else "comma")),
        col("WhanauContactName", "caregiver_name", lambda p: p.caregiver),
        col("NavigatorName", "key_worker", lambda p: p.key_worker),
        col("NavigatorOffice", None, lambda p: p.office),
        col("ReferralSource", "referral_source", lambda p: p.referral),
        col("ServiceStream", "programme", lambda p: p.programme),
        col("EnrolmentDate", "start_date", lambda p: D(p.start, "xl")),
        col("LastContactDate", "service_date", lambda p: D(p.service, "xl")),
        col("ContactsInQuarter", "sessions_attended", lambda p: p.sessions),
        col("OutcomeStatus", "outcome_status", lambda p: OUT(p, "A")),
        col("EvaluationConsent", "consent_evaluation", lambda p: CONS(p, "cd")),
        col("ClosedDate", None, lambda p: D(p.exit_date, "xl")),
        col("ChildrenInHousehold", None, lambda p: p.n_children),
    ]
    cover = [["Whānau Ora Collective – Tāmaki"], [], ["Quarterly Client Return"],
             ["Quarter:", "Q4 2026 (October – December)"],
             ["Contact person:", "Huia Kereama"],
             ["Email:", "huia.kereama@woctamaki.org.nz"],
             ["Phone:", "09 570 1234"], [],
             ["Instructions:", "Enter one row per client seen this quarter on the ClientData "
                               "sheet. Please do not change the column headings or add columns."]]
    return dict(provider="whanau-ora-collective-tamaki", profile=prof,
                features=["xlsx", "xlsx-cover-sheet", "xlsx-date-cells", "camel-case-headers"],
                files=[dict(name="WOC_Tamaki_Q4_2026.xlsx", kind="xlsx", format="xlsx",
                            encoding=None, delimiter=None, cover=("Cover", cover),
                            tables=[dict(sheet="ClientData", cols=cols)])])


def L09(rng):
    prof = profile(rng, "2026Q1", "christchurch", "south", ["Young Parents Link"],
                   age=(17, 24, 20), gender_w=(85, 13, 2), child_max_years=2)

    def notes(p):
        if p.r2 < 0.2:
            return p.notes.replace(". ", ".\n", 1) if ". " in p.notes else p.notes + "\nFollow up next month."
        return p.notes

    cols = [
        col("Ref #", "client_ref", lambda p: f"YP{p.seq:04d}"),
        col("What is your name?", "full_name", lambda p: FN(p, "Given Family")),
        col("When were you born?", "date_of_birth", lambda p: D(p.dob, "dmon")),
        col("NHI number\n(if known)", "nhi", lambda p: p.nhi if p.r > 0.3 else ""),
        col("Gender\n(Male / Female / Another gender)", "gender", lambda p: G(p, "word")),
        col("Which ethnic group(s) do you belong to?", "ethnicity", lambda p: ETH(p, ", ")),
        col("Which iwi are you from?", "iwi", lambda p: IWI_(p, "; ")),
        col("Best phone number to reach you", "phone", lambda p: PH(p.mobile, "plain")),
        col("Email", "email", lambda p: p.email),
        col("Where do you live?", "address", lambda p: ADDR(p)),
        col("Who is your main support person?", "caregiver_name", lambda p: p.caregiver),
        col("Baby's due date or\ndate of birth", None, lambda p: D(p.child_dob, "dmon")),
        col("How did you hear about us?", "referral_source", lambda p: p.referral),
        col("When did you start with us?", "start_date", lambda p: D(p.start, "dmon")),
        col("Last time we saw you", "service_date", lambda p: D(p.service, "dmon")),
        col("How many sessions have you come to?", "sessions_attended", lambda p: p.sessions),
        col("How are you feeling? (1-10)\nwhen you started", "wellbeing_start", lambda p: p.wb_start),
        col("How are you feeling? (1-10)\nnow", "wellbeing_end", lambda p: p.wb_end),
        col("Are you happy for us to share your info for the evaluation?", "consent_evaluation",
            lambda p: CONS(p, "yesno")),
        col("Youth worker", "key_worker", lambda p: p.key_worker),
        col("Anything else?", "case_notes", notes),
    ]
    return dict(provider="young-parents-link-christchurch", profile=prof,
                features=["csv", "utf-8", "delim-comma", "crlf", "question-headers",
                          "header-line-breaks", "multiline-cells"],
                files=[dict(name="YPL_Q1_2026_clients.csv", kind="csv", format="csv",
                            encoding="utf-8", delimiter=",", lineterm="\r\n",
                            tables=[dict(sheet=None, cols=cols)])])


HAPU = ["Ngāti Whakaue", "Ngāti Pikiao", "Tūhourangi", "Ngāti Rangiteaorere", "Ngāti Tarāwhai",
        "Ngāti Ngararanui", "Ngāti Tahu", ""]
MARAE = ["Te Papaiouru", "Tamatekapua", "Hinemihi", "Te Awahou", "Rākeiao", "Mōtītī", ""]


def L10(rng):
    prof = profile(rng, "2026Q2", "rotorua", "maori",
                   ["Whakatipu Tamariki", "Mātua Rautia", "Te Ara Whānau Ora"],
                   gender_w=(75, 25, 0))
    cols = [
        col("Tau Kiritaki", "client_ref", lambda p: f"RW{p.seq:04d}"),
        col("Ingoa Whānau", "family_name", lambda p: p.family),
        col("Ingoa Tuatahi", "given_names", lambda p: p.given),
        col("Rā Whānau", "date_of_birth", lambda p: D(p.dob, "dmy")),
        col("Tau NHI", "nhi", lambda p: p.nhi),
        col("Ira", "gender", lambda p: G(p, "reo")),
        col("Iwi", "iwi", lambda p: IWI_(p, "; ")),
        col("Hapū", None, lambda p: HAPU[int(p.r2 * len(HAPU))] if p.iwi else ""),
        col("Marae", None, lambda p: MARAE[int(p.r * len(MARAE))] if p.iwi else ""),
        col("Mātāwaka / Ethnicity", "ethnicity", lambda p: ETH(p, "; ")),
        col("Waea", "phone", lambda p: PH(p.mobile, "space")),
        col("Īmēra", "email", lambda p: p.email),
        col("Wāhi Noho", "address", lambda p: ADDR(p)),
        col("Kaitiaki", "caregiver_name", lambda p: p.caregiver),
        col("Kaimahi", "key_worker", lambda p: p.key_worker),
        col("Hōtaka", "programme", lambda p: p.programme),
        col("Nā wai i tuku mai?", "referral_source", lambda p: p.referral),
        col("Rā Tīmata", "start_date", lambda p: D(p.start, "dmy")),
        col("Rā Hui Whakamutunga", "service_date", lambda p: D(p.service, "dmy")),
        col("Tau Hui", "sessions_attended", lambda p: p.sessions),
        col("Putanga", "outcome_status", lambda p: OUT(p, "A")),
        col("Whakaaetanga", "consent_evaluation", lambda p: CONS(p, "reo")),
        col("Reo kōrero", None, lambda p: ["Te reo Māori", "English", "Both / Reo rua"][int(p.r2 * 3)]),
        col("Tuhinga", "case_notes", lambda p: p.notes),
    ]
    return dict(provider="te-roopu-whakatipu-rotorua", profile=prof,
                features=["ods", "te-reo-headers"],
                files=[dict(name="Te Roopu Whakatipu - Kiritaki Q2 2026.ods", kind="ods",
                            format="ods", encoding=None, delimiter=None,
                            tables=[dict(sheet="Kiritaki", cols=cols)])])


CHURCHES = ["EFKS Māngere", "Ōtara Tongan Methodist", "St Mary's Catholic", "AOG Papatoetoe",
            "LDS Manurewa", "PIC Ōtāhuhu", "Free Wesleyan Māngere", ""]


def L11(rng):
    prof = profile(rng, "2026Q3", "auckland_south", "pacific",
                   ["Aiga Matua Parenting", "Tautua Tama Tāne", "Fanau Ola"],
                   offices=["Māngere", "Ōtara"])
    cols = [
        col("Igoa (Full Name)", "full_name", lambda p: FN(p, "FAMILY, Given")),
        col("Aso Fanau / DOB", "date_of_birth", lambda p: D(p.dob, "xl")),
        col("NHI", "nhi", lambda p: p.nhi),
        col("Gender (M/F/X)", "gender", lambda p: G(p, "mfx")),
        col("Ethnicity", "ethnicity", lambda p: ETH(p, "/")),
        col("Phone", "phone", lambda p: PH(p.mobile, "space")),
        col("Address", "address", lambda p: ADDR(p)),
        col("Ekalesia / Church", None, lambda p: CHURCHES[int(p.r2 * len(CHURCHES))]),
        col("Gagana / Language", None, lambda p: p.language),
        col("Programme", "programme", lambda p: p.programme),
        col("Referred By", "referral_source", lambda p: p.referral),
        col("Start Date", "start_date", lambda p: D(p.start, "xl")),
        col("Last Session", "service_date", lambda p: D(p.service, "xl")),
        col("No. Sessions", "sessions_attended", lambda p: p.sessions),
        col("Pre Score (1-10)", "wellbeing_start", lambda p: p.wb_start),
        col("Post Score (1-10)", "wellbeing_end", lambda p: p.wb_end),
        col("Outcome", "outcome_status", lambda p: OUT(p, "B")),
        col("Consent (Y/N)", "consent_evaluation", lambda p: CONS(p, "yn")),
        col("Key Worker", "key_worker", lambda p: p.key_worker),
        col("Fa'amatalaga (Notes)", "case_notes", lambda p: p.notes),
    ]
    return dict(provider="aiga-matua-south-auckland", profile=prof,
                features=["xlsx", "xlsx-two-sheets", "xlsx-date-cells", "pacific-headers"],
                files=[dict(name="Aiga Matua Q3 2026.xlsx", kind="xlsx", format="xlsx",
                            encoding=None, delimiter=None,
                            tables=[dict(sheet="Māngere", cols=cols, n=(45, 95)),
                                    dict(sheet="Ōtara", cols=cols, n=(45, 95))])])


def L12(rng):
    prof = profile(rng, "2026Q4", "hawkesbay", "maori",
                   ["WHANAU TIAKI", "TE RITO", "PARENTING PLUS"],
                   offices=["WAIROA", "NAPIER"])

    def cols_for(prefix):
        return [
            col("CLIENT CODE", "client_ref", lambda p: f"{prefix}{p.seq:04d}"),
            col("SURNAME", "family_name", lambda p: p.family.upper()),
            col("FIRST NAME", "given_names", lambda p: p.given),
            col("DATE OF BIRTH", "date_of_birth", lambda p: D(p.dob, "dmy-")),
            col("NHI NO", "nhi", lambda p: p.nhi),
            col("GENDER", "gender", lambda p: G(p, "upper")),
            col("ETHNICITY", "ethnicity", lambda p: ETH(p, ",", "code")),
            col("IWI", "iwi", lambda p: IWI_(p, "; ").upper()),
            col("CONTACT NUMBER", "phone", lambda p: PH(p.mobile, "space")),
            col("ALT CONTACT NUMBER", "phone", lambda p: PH(p.landline, "space")),
            col("ADDRESS", "address", lambda p: ADDR(p).upper()),
            col("PROGRAMME", "programme", lambda p: p.programme),
            col("REFERRAL SOURCE", "referral_source", lambda p: p.referral.upper()),
            col("REFERRER NAME", None, lambda p: p.referrer.upper() if p.referral not in ("Self",) else ""),
            col("DATE STARTED", "start_date", lambda p: D(p.start, "dmy-")),
            col("DATE LAST SEEN", "service_date", lambda p: D(p.service, "dmy-")),
            col("SESSIONS", "sessions_attended", lambda p: p.sessions),
            col("OUTCOME", "outcome_status", lambda p: OUT(p, "A").upper()),
            col("CONSENT", "consent_evaluation", lambda p: CONS(p, "YESNO")),
            col("KEY WORKER", "key_worker", lambda p: p.key_worker.upper()),
            col("OFFICE", None, lambda p: prefix_office[prefix]),
            col("EXIT DATE", None, lambda p: D(p.exit_date, "dmy-")),
        ]
    prefix_office = {"W": "WAIROA", "N": "NAPIER"}
    return dict(provider="te-whare-tiaki-heretaunga", profile=prof,
                features=["csv", "utf-8-bom", "delim-semicolon", "crlf", "two-files",
                          "all-caps-headers"],
                files=[dict(name="TWT_WAIROA_Q4_2026.csv", kind="csv", format="csv",
                            encoding="utf-8-sig", delimiter=";", lineterm="\r\n",
                            tables=[dict(sheet=None, cols=cols_for("W"))]),
                       dict(name="TWT_NAPIER_Q4_2026.csv", kind="csv", format="csv",
                            encoding="utf-8-sig", delimiter=";", lineterm="\r\n",
                            tables=[dict(sheet=None, cols=cols_for("N"))])])


def L13(rng):
    prof = profile(rng, "2026Q1", "southland", "south",
                   ["Incredible Yrs", "Triple P", "Parenting Thru Separation", "Strengthening Families"],
                   age=(18, 60, 32))
    cols = [
        col("Cl ID", "client_ref", lambda p: str(3100 + p.seq)),
        col("Surname", "family_name", lambda p: p.family.replace("'", "\u2019")),
        col("Forname", "given_names", lambda p: p.given.replace("'", "\u2019")),
        col("D.O.B", "date_of_birth", lambda p: D(p.dob, "dmy.")),
        col("NHI No.", "nhi", lambda p: p.nhi),
        col("Sex", "gender", lambda p: G(p, "mfx")),
        col("Eth1", "ethnicity", lambda p: ETHN(p, 0)),
        col("Eth2", "ethnicity", lambda p: ETHN(p, 1)),
        col("Eth3", "ethnicity", lambda p: ETHN(p, 2)),
        col("Iwi", "iwi", lambda p: IWI_(p, "; ")),
        col("Ph (hm)", "phone", lambda p: PH(p.landline, "space")),
        col("Ph (mob)", "phone", lambda p: PH(p.mobile, "space")),
        col("St Address", "address_street", lambda p: p.street),
        col("Suburb", "address_suburb", lambda p: p.suburb),
        col("Town", "address_town", lambda p: p.town),
        col("P/code", "address_postcode", lambda p: p.postcode),
        col("Prog", "programme", lambda p: p.programme),
        col("Ref Src", "referral_source", lambda p: p.referral),
        col("Ref By (name)", None, lambda p: p.referrer if p.referral != "Self" else ""),
        col("Strt Dt", "start_date", lambda p: D(p.start, "dmy.")),
        col("Lst Sess", "service_date", lambda p: D(p.service, "dmy.")),
        col("# Sess", "sessions_attended", lambda p: p.sessions),
        col("WB pre", "wellbeing_start", lambda p: p.wb_start),
        col("WB post", "wellbeing_end", lambda p: p.wb_end),
        col("Outcme", "outcome_status", lambda p: OUT(p, "A")),
        col("Consnt", "consent_evaluation", lambda p: CONS(p, "yn")),
        col("KW", "key_worker", lambda p: initials(p.key_worker)),
        col("KW ID", None, lambda p: f"{prof.staff.index(p.key_worker) + 101}"),
        col("Child DOB", None, lambda p: D(p.child_dob, "dmy.")),
        col("No. kids", None, lambda p: p.n_children),
        col("Lang", None, lambda p: p.language),
        col("Comments", "case_notes", lambda p: p.notes),
    ]
    return dict(provider="southern-family-support-invercargill", profile=prof,
                features=["csv", "cp1252", "delim-comma", "crlf", "abbreviated-headers", "typos",
                          "macrons-stripped", "curly-apostrophes", "key-worker-initials"],
                files=[dict(name="SFS Qtr1 2026 data.csv", kind="csv", format="csv",
                            encoding="cp1252", delimiter=",", lineterm="\r\n",
                            tables=[dict(sheet=None, cols=cols)])])


NORTH_HAPU = ["Ngāti Rēhia", "Ngāti Hine", "Te Māhurehure", "Ngāti Hao", ""]


def L14(rng):
    prof = profile(rng, "2026Q2", "northland", "maori",
                   ["Whānau Ora", "Te Ara Hauora", "Kaupapa Whānau"], nstaff=5,
                   offices=["Kaikohe", "Kawakawa", "Kaitāia"])
    cols = [
        col("client name", "full_name", lambda p: FN(p, "Given Family")),
        col("date of birth", "date_of_birth", lambda p: D(p.dob, "dmon")),
        col("nhi", "nhi", lambda p: p.nhi),
        col("ird no", "ird", lambda p: IRD(p, "dash") if p.r2 < 0.7 else ""),
        col("gender", "gender", lambda p: G(p, "lower")),
        col("ethnicity", "ethnicity", lambda p: ETH(p, ";", "code")),
        col("iwi", "iwi", lambda p: IWI_(p, "; ")),
        col("hapū", None, lambda p: NORTH_HAPU[int(p.r * 5)] if p.iwi else ""),
        col("mobile", "phone", lambda p: PH(p.mobile, "space")),
        col("landline", "phone", lambda p: PH(p.landline, "space")),
        col("address", "address", lambda p: ADDR(p)),
        col("whānau member name", "caregiver_name", lambda p: p.caregiver),
        col("relationship", None, lambda p: p.relationship.lower() if p.caregiver else ""),
        col("navigator", "key_worker", lambda p: p.key_worker),
        col("navigator office", None, lambda p: p.office),
        col("service stream", "programme", lambda p: p.programme),
        col("referral source", "referral_source", lambda p: p.referral),
        col("date engaged", "start_date", lambda p: D(p.start, "dmon")),
        col("last contact", "service_date", lambda p: D(p.service, "dmon")),
        col("contacts", "sessions_attended", lambda p: p.sessions),
        col("outcome", "outcome_status", lambda p: OUT(p, "B")),
        col("consent", "consent_evaluation", lambda p: CONS(p, "cdl")),
        col("transport", None, lambda p: "Own car" if p.transport
            else ["Whānau drive", "No transport", "Bus"][int(p.r2 * 3)]),
        col("notes", "case_notes", lambda p: p.notes),
    ]
    return dict(provider="navigators-whanau-ora-kaikohe", profile=prof,
                features=["tsv", "utf-16-bom", "delim-tab", "crlf", "lower-case-headers"],
                files=[dict(name="kaikohe_navigators_q2_2026.tsv", kind="csv", format="tsv",
                            encoding="utf-16", delimiter="\t", lineterm="\r\n",
                            tables=[dict(sheet=None, cols=cols)])])


PREFERRED = ["", "", "", "Bex", "Mani", "Tash", "Jay", "Lani", "Kiri", "Bub", "Sonny", "Shaz"]


def L15(rng):
    prof = profile(rng, "2026Q3", "whanganui", "mixed",
                   ["Family Start", "Parenting Support", "Pēpi First", "Dads Matter"],
                   offices=["Palmerston North", "Whanganui", "Marton"])
    cols = [
        col("Individual ID", "client_ref", lambda p: f"IND-{100000 + p.seq * 7}"),
        col("Last Name", "family_name", lambda p: p.family),
        col("First Name", "given_names", lambda p: p.given),
        col("Preferred Name", None, lambda p: PREFERRED[int(p.r2 * len(PREFERRED))]),
        col("Birth Date", "date_of_birth", lambda p: D(p.dob, "iso")),
        col("NHI", "nhi", lambda p: p.nhi),
        col("Gender", "gender", lambda p: G(p, "word")),
        col("Ethnicity (Primary)", "ethnicity", lambda p: ETHN(p, 0)),
        col("Ethnicity (Secondary)", "ethnicity", lambda p: ETHN(p, 1)),
        col("Iwi", "iwi", lambda p: IWI_(p, ";")),
        col("Primary Phone", "phone", lambda p: PH(p.mobile, "space")),
        col("Email", "email", lambda p: p.email),
        col("Address Line 1", "address_street", lambda p: p.street),
        col("Suburb", "address_suburb", lambda p: p.suburb),
        col("City", "address_town", lambda p: p.town),
        col("Postcode", "address_postcode", lambda p: p.postcode),
        col("Service", "programme", lambda p: p.programme),
        col("Referral Source", "referral_source", lambda p: p.referral),
        col("Case Open Date", "start_date", lambda p: D(p.start, "iso")),
        col("Last Event Date", "service_date", lambda p: D(p.service, "iso")),
        col("Event Count", "sessions_attended", lambda p: p.sessions),
        col("Case Close Date", None, lambda p: D(p.exit_date, "iso")),
        col("Outcome", "outcome_status", lambda p: OUT(p, "B")),
        col("Consent For Research", "consent_evaluation", lambda p: CONS(p, "TF")),
        col("Primary Worker", "key_worker", lambda p: p.key_worker),
        col("Site", None, lambda p: p.office),
        col("Modified On", None, lambda p: D(p.updated, "dmyhm")),
    ]
    return dict(provider="tupu-ora-family-services", profile=prof,
                features=["csv", "utf-8", "delim-pipe", "crlf", "cms-export",
                          "pipe-in-csv-extension"],
                files=[dict(name="CaseExport_TupuOra_2026-10-03.csv", kind="csv", format="csv",
                            encoding="utf-8", delimiter="|", lineterm="\r\n",
                            tables=[dict(sheet=None, cols=cols)])])


def L16(rng):
    prof = profile(rng, "2026Q4", "waikato", "mixed",
                   ["Tumanako Young Mums", "Hapūtanga Antenatal", "Teen Parent Unit link"],
                   age=(17, 26, 19), gender_w=(96, 3, 1), child_max_years=2)
    cols = [
        col("Client_Ref", "client_ref", lambda p: f"TYM/{2026}/{p.seq:03d}"),
        col("Name", "full_name", lambda p: FN(p, "FAMILY, Given")),
        col("DOB", "date_of_birth", lambda p: D(p.dob, "dmy")),
        col("NHI", "nhi", lambda p: p.nhi),
        col("IRD", "ird", lambda p: IRD(p, "plain") if p.r2 < 0.6 else ""),
        col("Gender", "gender", lambda p: G(p, "mfx")),
        col("Ethnicity", "ethnicity", lambda p: ETH(p, "/", "code")),
        col("Iwi", "iwi", lambda p: IWI_(p, "; ")),
        col("Mobile", "phone", lambda p: PH(p.mobile, "plain")),
        col("Email", "email", lambda p: p.email),
        col("Address", "address", lambda p: ADDR(p)),
        col("Baby DOB", None, lambda p: D(p.child_dob, "dmy")),
        col("Baby Name", None, lambda p: p.child_name),
        col("Partner / Support Person", "caregiver_name", lambda p: p.caregiver),
        col("Midwife", None, lambda p: p.referrer),
        col("Mentor", "key_worker", lambda p: p.key_worker),
        col("Programme", "programme", lambda p: p.programme),
        col("Referral", "referral_source", lambda p: p.referral),
        col("Enrolled", "start_date", lambda p: D(p.start, "dmy")),
        col("Last Session", "service_date", lambda p: D(p.service, "dmy")),
        col("Sessions", "sessions_attended", lambda p: p.sessions),
        col("Pre", "wellbeing_start", lambda p: p.wb_start),
        col("Post", "wellbeing_end", lambda p: p.wb_end),
        col("Status", "outcome_status", lambda p: OUT(p, "A")),
        col("Consent", "consent_evaluation", lambda p: CONS(p, "yesno")),
    ]
    return dict(provider="tumanako-young-mums-hamilton", profile=prof,
                features=["csv.gz", "gzip", "utf-8-bom", "delim-comma", "lf"],
                files=[dict(name="tumanako_q4_2026.csv.gz", kind="csv", format="csv.gz",
                            encoding="utf-8-sig", delimiter=",", lineterm="\n", gz=True,
                            tables=[dict(sheet=None, cols=cols)])])


def L17(rng):
    prof = profile(rng, "2026Q1", "tairawhiti", "maori",
                   ["Te Aroha Mātua", "Incredible Years", "Whānau Whakapakari"])
    cols = [
        col("Client #", "client_ref", lambda p: 5000 + p.seq),
        col("Surname", "family_name", lambda p: p.family, "Client Details"),
        col("First Name(s)", "given_names", lambda p: p.given, "Client Details"),
        col("DOB", "date_of_birth", lambda p: D(p.dob, "xl"), "Client Details"),
        col("NHI", "nhi", lambda p: p.nhi, "Client Details"),
        col("Gender", "gender", lambda p: G(p, "word"), "Client Details"),
        col("Eth 1", "ethnicity", lambda p: ETHN(p, 0, "int"), "Ethnicity"),
        col("Eth 2", "ethnicity", lambda p: ETHN(p, 1, "int"), "Ethnicity"),
        col("Eth 3", "ethnicity", lambda p: ETHN(p, 2, "int"), "Ethnicity"),
        col("Iwi", "iwi", lambda p: IWI_(p, "; "), "Ethnicity"),
        col("Street", "address_street", lambda p: p.street, "Address"),
        col("Suburb", "address_suburb", lambda p: p.suburb, "Address"),
        col("Town", "address_town", lambda p: p.town, "Address"),
        col("Postcode", "address_postcode", lambda p: p.postcode, "Address"),
        col("Phone", "phone", lambda p: PH(p.mobile, "space"), "Contact"),
        col("Email", "email", lambda p: p.email, "Contact"),
        col("Programme", "programme", lambda p: p.programme, "Service"),
        col("Referred by", "referral_source", lambda p: p.referral, "Service"),
        col("Start", "start_date", lambda p: D(p.start, "xl"), "Service"),
        col("Last session", "service_date", lambda p: D(p.service, "xl"), "Service"),
        col("Sessions", "sessions_attended", lambda p: p.sessions, "Service"),
        col("Start", "wellbeing_start", lambda p: p.wb_start, "Wellbeing (1-10)"),
        col("End", "wellbeing_end", lambda p: p.wb_end, "Wellbeing (1-10)"),
        col("Outcome", "outcome_status", lambda p: OUT(p, "A")),
        col("Consent", "consent_evaluation", lambda p: CONS(p, "yn")),
        col("Key worker", "key_worker", lambda p: p.key_worker),
        col("Whānau / Caregiver", "caregiver_name", lambda p: p.caregiver),
        col("Exit date", None, lambda p: D(p.exit_date, "xl")),
    ]
    pre = [["Te Aroha Whānau Services – Tairāwhiti"],
           ["Client return for the quarter ending 31 March 2026"],
           []]
    return dict(provider="te-aroha-whanau-services-tairawhiti", profile=prof,
                features=["xlsx", "xlsx-title-rows", "merged-header", "xlsx-date-cells",
                          "xlsx-numeric-codes"],
                files=[dict(name="Te Aroha Whanau Services Q1 2026.xlsx", kind="xlsx",
                            format="xlsx", encoding=None, delimiter=None,
                            tables=[dict(sheet="Return Q1", cols=cols, pre=pre)])])


def L18(rng):
    prof = profile(rng, "2026Q2", "porirua", "pacific",
                   ["Fono Parenting", "Fono Family Start", "Kāinga Fiefia"],
                   offices=["Cannons Creek", "Naenae"])
    base = [
        col("Hingoa Fakafāmili (Surname)", "family_name", lambda p: p.family),
        col("Hingoa (First Name)", "given_names", lambda p: p.given),
        col("'Aho Fā'ele'i (DOB)", "date_of_birth", lambda p: D(p.dob, "xl")),
        col("NHI #", "nhi", lambda p: p.nhi),
        col("Tangata/Fefine", "gender", lambda p: G(p, "mfx")),
        col("Ethnicity", "ethnicity", lambda p: ETH(p, "; ")),
        col("Phone", "phone", lambda p: PH(p.mobile, "space")),
    ]
    tail = [
        col("Programme", "programme", lambda p: p.programme),
        col("Referral", "referral_source", lambda p: p.referral),
        col("Start date", "start_date", lambda p: D(p.start, "xl")),
        col("Last session", "service_date", lambda p: D(p.service, "xl")),
        col("Sessions", "sessions_attended", lambda p: p.sessions),
        col("Outcome", "outcome_status", lambda p: OUT(p, "B")),
        col("Consent", "consent_evaluation", lambda p: CONS(p, "yn")),
        col("Worker", "key_worker", lambda p: p.key_worker),
        col("Siasi (Church)", None, lambda p: CHURCHES[int(p.r2 * len(CHURCHES))]),
    ]
    cols_a = [*base, col("Email", "email", lambda p: p.email), col("Address", "address", lambda p: ADDR(p)), *tail]
    cols_b = [col("Client ID", "client_ref", lambda p: f"FS-{p.seq:04d}"), *base, col("Address", "address", lambda p: ADDR(p)), col("Tokoua / Support Person", "caregiver_name", lambda p: p.caregiver), col("Pēpē DOB", None, lambda p: D(p.child_dob, "xl")), *tail]
    cover_a = [["Fono Pasifika Families"], ["Quarterly return: April – June 2026"],
               ["Programme:", "Fono Parenting"], [],
               ["Contact:", "Losaline Havili"], ["Email:", "losaline@fonopasifika.org.nz"],
               ["Ph:", "04 237 5521"], [],
               ["Malo 'aupito for sending your return. Data is on the next sheet."]]
    cover_b = [["Fono Pasifika Families"], ["Quarterly return: April – June 2026"],
               ["Programme:", "Family Start"], [],
               ["Contact:", "Tevita Fonua"], ["Email:", "tevita.fonua@fonopasifika.org.nz"],
               ["Ph:", "04 237 5522"]]
    return dict(provider="fono-pasifika-families-porirua", profile=prof,
                features=["xlsx", "xlsx-cover-sheet", "two-files", "xlsx-date-cells",
                          "pacific-headers"],
                files=[dict(name="Fono Parenting Q2 2026.xlsx", kind="xlsx", format="xlsx",
                            encoding=None, delimiter=None, cover=("Cover Sheet", cover_a),
                            tables=[dict(sheet="Parenting", cols=cols_a)]),
                       dict(name="Fono Family Start Q2 2026.xlsx", kind="xlsx", format="xlsx",
                            encoding=None, delimiter=None, cover=("Cover Sheet", cover_b),
                            tables=[dict(sheet="Family Start", cols=cols_b)])])


def L19(rng):
    prof = profile(rng, "2026Q3", "nelson", "south",
                   ["Whakatipu Tamariki", "Circle of Security", "Toddler Tactics"])
    cols = [
        col("Family name", "family_name", lambda p: p.family),
        col("Given name(s)", "given_names", lambda p: p.given),
        col("DOB", "date_of_birth", lambda p: D(p.dob, "dmy")),
        col("NHI", "nhi", lambda p: p.nhi),
        col("Gender", "gender", lambda p: G(p, "word")),
        col("Ethnicity", "ethnicity", lambda p: ETH(p, ", ")),
        col("Iwi", "iwi", lambda p: IWI_(p, "; ")),
        col("House no. & street", "address_street", lambda p: p.street),
        col("Suburb", "address_suburb", lambda p: p.suburb),
        col("Town", "address_town", lambda p: p.town),
        col("Postcode", "address_postcode", lambda p: p.postcode),
        col("Ph", "phone", lambda p: PH(p.mobile, "space")),
        col("Programme", "programme", lambda p: p.programme),
        col("Referral", "referral_source", lambda p: p.referral),
        col("Date enrolled", "start_date", lambda p: D(p.start, "xl")),
        col("Date of last session", "service_date", lambda p: D(p.service, "xl")),
        col("Sessions attended", "sessions_attended", lambda p: p.sessions),
        col("Score start", "wellbeing_start", lambda p: p.wb_start),
        col("Score end", "wellbeing_end", lambda p: p.wb_end),
        col("Outcome", "outcome_status", lambda p: OUT(p, "A")),
        col("Consent", "consent_evaluation", lambda p: CONS(p, "yesno")),
        col("Facilitator", "key_worker", lambda p: p.key_worker),
        col("Exit date", None, lambda p: D(p.exit_date, "xl")),
        col("Exit reason", None, lambda p: ["Completed", "Moved away", "Returned to work",
                                            "Lost contact", "Other"][int(p.r * 5)] if p.exit_date else ""),
    ]
    return dict(provider="whakatipu-tamariki-nelson", profile=prof,
                features=["xlsx", "xlsx-two-sheets", "xlsx-title-rows", "xlsx-text-dates",
                          "xlsx-date-cells"],
                files=[dict(name="Whakatipu Tamariki Q3 2026 (Jul-Sep).xlsx", kind="xlsx",
                            format="xlsx", encoding=None, delimiter=None,
                            tables=[dict(sheet="Jul-Aug", cols=cols, n=(45, 95),
                                         window=(dt.date(2026, 7, 1), dt.date(2026, 8, 31))),
                                    dict(sheet="September", cols=cols, n=(40, 90),
                                         pre=[["September 2026 - new and continuing clients"], []],
                                         window=(dt.date(2026, 9, 1), dt.date(2026, 9, 30)))])])


def L20(rng):
    prof = profile(rng, "2026Q4", "dunedin", "south",
                   ["Manaaki Mātua", "Incredible Years", "Mellow Parenting"])
    K, W, C, S, H = "Kiritaki / Client", "Whakapapa", "Whakapā / Contact", "Ratonga / Service", \
        "Hauora / Wellbeing"
    cols = [
        col("Surname", "family_name", lambda p: p.family, K),
        col("First names", "given_names", lambda p: p.given, K),
        col("DOB", "date_of_birth", lambda p: D(p.dob, "dmy"), K),
        col("NHI", "nhi", lambda p: p.nhi, K),
        col("IRD", "ird", lambda p: IRD(p, "dash") if p.r2 < 0.5 else "", K),
        col("Gender", "gender", lambda p: G(p, "mfx"), K),
        col("Ethnicity", "ethnicity", lambda p: ETH(p, "; "), W),
        col("Iwi", "iwi", lambda p: IWI_(p, "; "), W),
        col("Phone", "phone", lambda p: PH(p.mobile, "space"), C),
        col("Email", "email", lambda p: p.email, C),
        col("Address", "address", lambda p: ADDR(p), C),
        col("Programme", "programme", lambda p: p.programme, S),
        col("Referral", "referral_source", lambda p: p.referral, S),
        col("First session", "start_date", lambda p: D(p.start, "dmy"), S),
        col("Last session", "service_date", lambda p: D(p.service, "dmy"), S),
        col("Sessions", "sessions_attended", lambda p: p.sessions, S),
        col("Before", "wellbeing_start", lambda p: p.wb_start, H),
        col("After", "wellbeing_end", lambda p: p.wb_end, H),
        col("Outcome", "outcome_status", lambda p: OUT(p, "B")),
        col("Consent", "consent_evaluation", lambda p: CONS(p, "yn")),
        col("Kaiāwhina", "key_worker", lambda p: p.key_worker),
        col("GP", None, lambda p: p.gp),
        col("Notes", "case_notes", lambda p: p.notes),
    ]
    return dict(provider="manaaki-matua-dunedin", profile=prof,
                features=["ods", "merged-header", "bilingual-headers"],
                files=[dict(name="Manaaki Matua Q4 2026.ods", kind="ods", format="ods",
                            encoding=None, delimiter=None,
                            tables=[dict(sheet="Q4 Clients", cols=cols)])])


LAYOUTS = [L01, L02, L03, L04, L05, L06, L07, L08, L09, L10,
           L11, L12, L13, L14, L15, L16, L17, L18, L19, L20]


# --------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------

def _to_text(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, dt.datetime):
        return D(v, "dmyhm")
    if isinstance(v, dt.date):
        return D(v, "dmy")
    return str(v)


def write_delimited(path: pathlib.Path, fspec, header_rows, data_rows):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=fspec["delimiter"], lineterminator=fspec["lineterm"],
                   quoting=csv.QUOTE_MINIMAL)
    for r in header_rows + data_rows:
        w.writerow([_to_text(v) for v in r])
    text = buf.getvalue()
    enc = fspec["encoding"]
    if enc == "cp1252":
        raw = strip_macrons(text).encode("cp1252")
    elif enc == "utf-16":
        raw = b"\xff\xfe" + text.encode("utf-16-le")
    elif enc == "utf-8-sig":
        raw = b"\xef\xbb\xbf" + text.encode("utf-8")
    else:
        raw = text.encode("utf-8")
    if fspec.get("gz"):
        out = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as gz:
            gz.write(raw)
        raw = out.getvalue()
    path.write_bytes(raw)


def _group_spans(cols):
    spans, i = [], 0
    while i < len(cols):
        g = cols[i].group
        j = i
        while j + 1 < len(cols) and cols[j + 1].group == g and g is not None:
            j += 1
        spans.append((i, j, g))
        i = j + 1
    return spans


def _normalise_zip(raw: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps (and fixed core.xml times) for determinism."""
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                              rb"\g<1>2026-01-05T09:00:00Z", data)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, data)
    return out.getvalue()


def write_xlsx(path: pathlib.Path, fspec, tables_out):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    if fspec.get("cover"):
        name, rows = fspec["cover"]
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
        ws["A1"].font = Font(bold=True, size=14)
        ws.column_dimensions["A"].width = 18
        ws.column_dimensions["B"].width = 70
    for t in tables_out:
        ws = wb.create_sheet(t["sheet"])
        cols = t["cols"]
        r = 1
        for pr in t["pre"]:
            for ci, v in enumerate(pr):
                ws.cell(row=r, column=ci + 1, value=v)
            if pr:
                ws.cell(row=r, column=1).font = Font(bold=True, size=13 if r == 1 else 11)
            r += 1
        if t["grouped"]:
            for a, b, g in _group_spans(cols):
                if g is None:
                    continue
                c = ws.cell(row=r, column=a + 1, value=g)
                c.font = bold
                c.fill = fill
                c.alignment = Alignment(horizontal="center")
                if b > a:
                    ws.merge_cells(start_row=r, start_column=a + 1, end_row=r, end_column=b + 1)
            r += 1
        for ci, c in enumerate(cols):
            cell = ws.cell(row=r, column=ci + 1, value=c.header)
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.column_dimensions[get_column_letter(ci + 1)].width = max(10, min(40, len(c.header) + 3))
        ws.freeze_panes = ws.cell(row=r + 1, column=1)
        r += 1
        for row in t["rows"]:
            for ci, v in enumerate(row):
                if v == "" or v is None:
                    continue
                cell = ws.cell(row=r, column=ci + 1, value=v)
                if isinstance(v, dt.datetime):
                    cell.number_format = "dd/mm/yyyy hh:mm"
                elif isinstance(v, dt.date):
                    cell.number_format = "dd/mm/yyyy"
            r += 1
    wb.properties.creator = "Provider staff"
    wb.properties.created = dt.datetime(2026, 1, 5, 9, 0, 0)
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(_normalise_zip(buf.getvalue()))


ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def _ods_cell(v, span=None):
    if v is None or v == "":
        return "<table:table-cell/>"
    attr = f' table:number-columns-spanned="{span}"' if span and span > 1 else ""
    return (f'<table:table-cell{attr} office:value-type="string">'
            f"<text:p>{escape(_to_text(v))}</text:p></table:table-cell>")


def write_ods(path: pathlib.Path, fspec, tables_out):
    parts = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<office:document-content {ODS_NS} office:version="1.2">',
             "<office:body><office:spreadsheet>"]
    for t in tables_out:
        cols = t["cols"]
        parts.append(f"<table:table table:name={quoteattr(t['sheet'])}>")
        parts.append(f'<table:table-column table:number-columns-repeated="{len(cols)}"/>')
        for pr in t["pre"]:
            parts.append("<table:table-row>" + "".join(_ods_cell(v) for v in pr) + "</table:table-row>")
        if t["grouped"]:
            cells = []
            for a, b, g in _group_spans(cols):
                if g is None:
                    cells.extend("<table:table-cell/>" for _ in range(a, b + 1))
                else:
                    cells.append(_ods_cell(g, b - a + 1))
                    cells.extend("<table:covered-table-cell/>" for _ in range(a, b))
            parts.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        parts.append("<table:table-row>" + "".join(_ods_cell(c.header) for c in cols)
                     + "</table:table-row>")
        for row in t["rows"]:
            parts.append("<table:table-row>" + "".join(_ods_cell(v) for v in row)
                         + "</table:table-row>")
        parts.append("</table:table>")
    parts.append("</office:spreadsheet></office:body></office:document-content>")
    content = "\n".join(parts).encode("utf-8")
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        b'manifest:version="1.2">\n'
        b' <manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        b'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>\n'
        b' <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\n'
        b'</manifest:manifest>\n')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        zi = zipfile.ZipInfo("mimetype", date_time=FIXED_ZIP_TIME)
        zi.compress_type = zipfile.ZIP_STORED
        z.writestr(zi, b"application/vnd.oasis.opendocument.spreadsheet")
        for name, data in (("META-INF/manifest.xml", manifest), ("content.xml", content)):
            zi = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    path.write_bytes(buf.getvalue())


# --------------------------------------------------------------------------
# Engine
# --------------------------------------------------------------------------

NAME_TARGETS = {"full_name", "family_name", "given_names", "nhi", "email"}


def cell_value(c, p):
    if p.invalid == "noname" and c.target in NAME_TARGETS:
        return ""
    if p.invalid == "dob" and c.target == "date_of_birth":
        return "unknown"
    return c.fn(p)


def auto_features(tables):
    f = []
    for cols in tables:
        tt = [c.target for c in cols]
        if tt.count("ethnicity") > 1:
            f.append("ethnicity-numbered")
        elif "ethnicity" in tt:
            f.append("ethnicity-single")
        if tt.count("phone") > 1:
            f.append("multiple-phones")
    targets = [c.target for cols in tables for c in cols]
    if "full_name" in targets:
        f.append("names-single")
    if "family_name" in targets or "given_names" in targets:
        f.append("names-split")
    if "address" in targets:
        f.append("address-single")
    if any(t and t.startswith("address_") for t in targets):
        f.append("address-split")
    if "wellbeing_start" in targets and "wellbeing_end" in targets:
        f.append("pre-post-scores")
    if "caregiver_name" in targets:
        f.append("caregiver")
    if "key_worker" in targets:
        f.append("key-worker")
    if None in targets:
        f.append("distractors")
    if "ird" in targets:
        f.append("ird")
    for t, lab in (("nhi", "no-nhi"), ("client_ref", "no-client-ref"),
                   ("service_date", "no-service-date"), ("consent_evaluation", "no-consent"),
                   ("programme", "no-programme"), ("outcome_status", "no-outcome")):
        if t not in targets:
            f.append(lab)
    return f


def build_layout(rng, idx, fn, out_dir: pathlib.Path):
    lid = f"FINAL{idx:02d}"
    spec = fn(rng)
    prof = spec["profile"]
    quarter = prof.quarter
    base = out_dir / lid / "landing" / spec["provider"] / quarter
    base.mkdir(parents=True, exist_ok=True)
    seq = rng.randint(1, 400)
    files_truth, all_cols = [], []  # all_cols: one list of columns per table
    for fspec in spec["files"]:
        ntables = len(fspec["tables"])
        n_invalid = wchoice(rng, [0, 1, 2, 3], [1, 3, 3, 3])
        tables_out = []
        for ti, t in enumerate(fspec["tables"]):
            lo, hi = t.get("n", (80, 200))
            n = rng.randint(lo, hi)
            persons = []
            for _ in range(n):
                seq += rng.choice([1, 1, 1, 2, 3])
                persons.append(make_person(rng, prof, seq, t.get("window")))
            # invalid rows: distribute file total across tables
            k = n_invalid // ntables + (1 if ti < n_invalid % ntables else 0)
            for p in rng.sample(persons, k):
                p.invalid = rng.choice(["noname", "dob"])
            rows = [[cell_value(c, p) for c in t["cols"]] for p in persons]
            grouped = any(c.group for c in t["cols"])
            pre = t.get("pre", [])
            header_row = len(pre) + (2 if grouped else 1)
            tables_out.append(dict(sheet=t["sheet"], cols=t["cols"], rows=rows, pre=pre,
                                   grouped=grouped, header_row=header_row,
                                   invalid=sum(1 for p in persons if p.invalid)))
            all_cols.append(t["cols"])
        path = base / fspec["name"]
        if fspec["kind"] == "csv":
            t = tables_out[0]
            hdr = [[c.header for c in t["cols"]]]
            write_delimited(path, fspec, hdr, t["rows"])
        elif fspec["kind"] == "xlsx":
            write_xlsx(path, fspec, tables_out)
        else:
            write_ods(path, fspec, tables_out)
        total = sum(len(t["rows"]) for t in tables_out)
        bad = sum(t["invalid"] for t in tables_out)
        files_truth.append({
            "name": fspec["name"], "format": fspec["format"], "encoding": fspec["encoding"],
            "delimiter": fspec["delimiter"], "rows": total, "valid_rows": total - bad,
            "tables": [{
                "sheet": t["sheet"], "header_row": t["header_row"], "rows": len(t["rows"]),
                "columns": [{"index": i, "header": c.header if fspec["encoding"] != "cp1252"
                             else strip_macrons(c.header),
                             "group": c.group, "target": c.target}
                            for i, c in enumerate(t["cols"])],
            } for t in tables_out],
        })
    features = list(dict.fromkeys(spec["features"] + auto_features(all_cols)))
    truth = {"layout_id": lid, "provider": spec["provider"], "quarter": quarter,
             "features": features, "files": files_truth}
    (out_dir / lid / "truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return truth


def generate(out_dir: pathlib.Path) -> list[dict]:
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    return [build_layout(rng, i, fn, out_dir) for i, fn in enumerate(LAYOUTS, start=1)]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=pathlib.Path, help="output directory")
    args = ap.parse_args(argv)
    truths = generate(args.out)
    ncols = sum(len(t["columns"]) for tr in truths for f in tr["files"] for t in f["tables"])
    print(f"wrote {len(truths)} layouts ({ncols} table columns) to {args.out}")


if __name__ == "__main__":
    main()
