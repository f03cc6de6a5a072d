"""Independent generator of New Zealand provider quarterly-return files ("unseen" split).

Written blind from the issue text only (issue 12, item 9): its own vocabularies, providers,
export tools, layouts and conventions.  Twenty layouts UNSEEN01..UNSEEN20, each written to
``<out>/<layout_id>/landing/<provider>/<quarter>/<files>`` with ``<out>/<layout_id>/truth.json``.

Standard library plus openpyxl only; .ods files are written by hand (zip of XML).
Deterministic: every layout uses its own ``random.Random`` seeded from a fixed base seed.

Usage::

    python generator.py --out DIR            # write the corpus
    python generator.py --out DIR --check    # write it, then re-read every file and compare with truth
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
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape as xml_escape

BASE_SEED = 20260917

# --------------------------------------------------------------------------------------------
# identifiers with valid check digits
# --------------------------------------------------------------------------------------------
NHI_ALPHA = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # I and O are never used


def _nhi_letter_value(ch: str) -> int:
    return NHI_ALPHA.index(ch) + 1


def make_nhi(rng: random.Random, new_format: bool = False) -> str:
    while True:
        letters = "".join(rng.choice(NHI_ALPHA) for _ in range(3))
        total = sum(_nhi_letter_value(c) * w for c, w in zip(letters, (7, 6, 5), strict=False))
        if not new_format:
            digits = [rng.randint(0, 9) for _ in range(3)]
            total += sum(d * w for d, w in zip(digits, (4, 3, 2), strict=False))
            rem = total % 11
            if rem == 0:
                continue
            check = 11 - rem
            if check == 10:
                continue  # avoid the ambiguous zero-check case entirely
            return letters + "".join(map(str, digits)) + str(check)
        digits = [rng.randint(0, 9) for _ in range(2)]
        fifth = rng.choice(NHI_ALPHA)
        total += digits[0] * 4 + digits[1] * 3 + _nhi_letter_value(fifth) * 2
        rem = total % 23
        if rem == 0:
            continue
        check = 23 - rem
        return letters + "".join(map(str, digits)) + fifth + NHI_ALPHA[check - 1]


def nhi_is_valid(s: str) -> bool:
    s = s.strip().upper()
    if len(s) != 7 or any(c not in NHI_ALPHA for c in s[:3]) or not s[3:5].isdigit():
        return False
    total = sum(_nhi_letter_value(c) * w for c, w in zip(s[:3], (7, 6, 5), strict=False))
    total += int(s[3]) * 4 + int(s[4]) * 3
    if s[5].isdigit() and s[6].isdigit():
        total += int(s[5]) * 2
        rem = total % 11
        return rem != 0 and (11 - rem) % 10 == int(s[6])
    if s[5] in NHI_ALPHA and s[6] in NHI_ALPHA:
        total += _nhi_letter_value(s[5]) * 2
        rem = total % 23
        return rem != 0 and NHI_ALPHA[23 - rem - 1] == s[6]
    return False


IRD_W1 = (3, 2, 7, 6, 5, 4, 3, 2)
IRD_W2 = (7, 4, 3, 2, 5, 2, 7, 6)


def _ird_check(base8: str) -> int | None:
    for weights in (IRD_W1, IRD_W2):
        rem = sum(int(d) * w for d, w in zip(base8, weights, strict=False)) % 11
        check = 0 if rem == 0 else 11 - rem
        if check != 10:
            return check
    return None


def make_ird(rng: random.Random) -> str:
    while True:
        n = rng.randint(1_000_000, 14_999_999)  # base without check digit -> 8 or 9 digit IRD
        base8 = f"{n:08d}"
        check = _ird_check(base8)
        if check is None:
            continue
        return str(int(base8 + str(check)))


def ird_is_valid(s: str) -> bool:
    digits = "".join(c for c in s if c.isdigit())
    if len(digits) not in (8, 9):
        return False
    digits = digits.zfill(9)
    return _ird_check(digits[:8]) == int(digits[8])


# --------------------------------------------------------------------------------------------
# vocabularies (written for this corpus)
# --------------------------------------------------------------------------------------------
NAMES = {
    "maori": (
        ["Aroha", "Mere", "Hine", "Tama", "Wiremu", "Rāwiri", "Ngaio", "Kahu", "Manaia", "Tāne",
         "Anahera", "Moana", "Rangi", "Hēmi", "Huia", "Kiri", "Nikau", "Ārana", "Waiata", "Tipene",
         "Mihi", "Pita", "Kauri", "Hōhepa", "Ngāhuia", "Tūī", "Whetu", "Rēwi"],
        ["Ngata", "Parata", "Te Whata", "Hēnare", "Paki", "Pōmare", "Tāwhai", "Waititi", "Hohaia",
         "Kereama", "Tamihana", "Herewini", "Rangihuna", "Te Rangi", "Whaanga", "Karaka", "Maaka",
         "Tūhiwai", "Te Moana", "Walker", "Tipoki", "Horomona", "Rāwhiti", "Ngāwhika"],
    ),
    "pacific": (
        ["Sione", "Losa", "Mele", "Sina", "Ioane", "Tavita", "Salote", "Viliami", "Ana", "Mosese",
         "Fetu", "Lagi", "Teuila", "Malia", "Tevita", "Siaosi", "Akanesi", "Ofa", "Iosefa", "Lupe",
         "Tui", "Mataio", "Fuimaono", "Pele"],
        ["Tupou", "Faleolo", "Taufa", "Leota", "Fonoti", "Vaifale", "Mataia", "Havili", "Tuilagi",
         "Fifita", "Lauina", "Pouono", "Tavui", "Matagi", "Maka", "Vea", "Tamapua", "Ioane",
         "Tuiasosopo", "Tonga", "Samu", "Kupu", "Marsters", "Tangitamaita"],
    ),
    "pakeha": (
        ["Jane", "Sarah", "Michael", "Liam", "Olivia", "Emma", "James", "Hannah", "Connor", "Grace",
         "Ben", "Chloe", "Daniel", "Ruby", "Jack", "Aimee", "Shane", "Kerry", "Brett", "Leanne",
         "Toby", "Sophie", "Craig", "Tania"],
        ["Smith", "Wilson", "Thompson", "Anderson", "Campbell", "MacDonald", "Robertson", "Clark",
         "Walsh", "Hughes", "O'Connor", "Fraser", "Bennett", "Harris", "Stewart", "Kerr", "Murphy",
         "Tait", "Morrison", "McKenzie", "Doyle", "Sutherland", "Van der Berg", "Gallagher"],
    ),
    "asian": (
        ["Wei", "Mei Ling", "Jun", "Xin", "Hao", "Min-jun", "Ji-woo", "Maria", "Jose", "Angelo",
         "Li Na", "Yuki", "Thanh", "Lan", "Rizal", "Joy"],
        ["Chen", "Wang", "Li", "Zhang", "Liu", "Huang", "Kim", "Park", "Santos", "Reyes", "Cruz",
         "Nguyen", "Tran", "Dela Cruz", "Lim", "Ong"],
    ),
    "indian": (
        ["Priya", "Arjun", "Anjali", "Rohan", "Deepika", "Sanjay", "Ravi", "Kavita", "Amrit",
         "Harpreet", "Sunita", "Vikram", "Neha", "Gurpreet", "Shalini", "Rajesh"],
        ["Patel", "Singh", "Sharma", "Kumar", "Prasad", "Reddy", "Gill", "Naidu", "Chand", "Lal",
         "Kaur", "Dhillon", "Mehta", "Narayan"],
    ),
    "refugee": (
        ["Ahmad", "Fatima", "Mohammed", "Amina", "Hassan", "Zahra", "Abdi", "Hodan", "Yusuf",
         "Mariam", "Khalid", "Nour", "Omar", "Layla", "Farhan", "Safiya", "Aung", "Htet", "Paw Htoo"],
        ["Rahimi", "Hussaini", "Mohamed", "Abdullahi", "Hassan", "Al-Sayed", "Haidari", "Osman",
         "Ahmadi", "Noori", "Yousef", "Warsame", "Tun", "Naing", "Jafari"],
    ),
}
# groups whose given and family names must agree with each other and with the ethnicity:
# sub-group -> (given names, family names, ethnicity, country of origin, first language)
SUBGROUPS = {
    "asian": {
        "chinese": (["Wei", "Mei Ling", "Jun", "Xin", "Hao", "Li Na"], ["Chen", "Wang", "Li", "Zhang", "Liu", "Huang"],
                    ["Chinese"], "China", "Mandarin"),
        "filipino": (["Maria", "Jose", "Angelo", "Rizal", "Joy"], ["Santos", "Reyes", "Cruz", "Dela Cruz"],
                     ["Filipino"], "Philippines", "Tagalog"),
        "korean": (["Min-jun", "Ji-woo", "Seo-yeon"], ["Kim", "Park", "Lee"], ["Korean"], "South Korea", "Korean"),
    },
    "refugee": {
        "afghan": (["Ahmad", "Fatima", "Zahra", "Farhan", "Mariam"], ["Rahimi", "Hussaini", "Haidari", "Ahmadi", "Noori", "Jafari"],
                   ["Afghani"], "Afghanistan", "Dari"),
        "somali": (["Abdi", "Hodan", "Amina", "Yusuf", "Safiya"], ["Mohamed", "Abdullahi", "Osman", "Warsame"],
                   ["Somali"], "Somalia", "Somali"),
        "syrian": (["Mohammed", "Nour", "Khalid", "Layla", "Omar"], ["Al-Sayed", "Yousef", "Hassan", "Haddad"],
                   ["Syrian"], "Syria", "Arabic"),
        "burmese": (["Aung", "Htet", "Paw Htoo", "Naw Say", "Saw Ler"], ["Tun", "Naing", "Moo", "Htoo"],
                    ["Burmese"], "Myanmar", "Karen"),
        "eritrean": (["Yonas", "Senait", "Merhawi", "Helen"], ["Tesfay", "Haile", "Gebremedhin", "Kidane"],
                     ["Eritrean"], "Eritrea", "Tigrinya"),
    },
}
MALE_EXTRA = {"Seo-yeon": False, "Naw Say": False, "Saw Ler": True, "Yonas": True, "Merhawi": True}

MALE = {"Tama", "Wiremu", "Rāwiri", "Kahu", "Tāne", "Rangi", "Hēmi", "Nikau", "Ārana", "Tipene",
        "Pita", "Kauri", "Hōhepa", "Rēwi", "Sione", "Ioane", "Tavita", "Viliami", "Mosese", "Tevita",
        "Siaosi", "Iosefa", "Mataio", "Fuimaono", "Michael", "Liam", "James", "Connor", "Ben",
        "Daniel", "Jack", "Shane", "Brett", "Toby", "Craig", "Wei", "Jun", "Hao", "Min-jun", "Jose",
        "Angelo", "Thanh", "Rizal", "Arjun", "Rohan", "Sanjay", "Ravi", "Vikram", "Rajesh",
        "Gurpreet", "Ahmad", "Mohammed", "Hassan", "Abdi", "Yusuf", "Khalid", "Omar", "Farhan",
        "Aung", "Htet", "Manaia"}

ETHNICITY_BY_GROUP = {
    "maori": [["Māori"], ["Māori", "NZ European"], ["Māori"], ["Māori", "Cook Islands Māori"]],
    "pacific": [["Samoan"], ["Tongan"], ["Cook Islands Māori"], ["Niuean"], ["Samoan", "Māori"],
                ["Fijian"], ["Tongan", "Samoan"]],
    "pakeha": [["NZ European"], ["NZ European"], ["NZ European", "Māori"], ["Other European"]],
    "asian": [["Chinese"], ["Filipino"], ["Korean"], ["Chinese", "NZ European"]],
    "indian": [["Indian"], ["Indian"], ["Fijian Indian"]],
    "refugee": [["Afghani"], ["Somali"], ["Syrian"], ["Burmese"], ["Eritrean"], ["Iraqi"]],
}
ETH_L2 = {"Tokelauan": "35", "Other Asian": "44", "NZ European": "11", "Other European": "12", "Māori": "21", "Samoan": "31",
          "Cook Islands Māori": "32", "Tongan": "33", "Niuean": "34", "Fijian": "36",
          "Filipino": "41", "Chinese": "42", "Indian": "43", "Fijian Indian": "43", "Korean": "44",
          "Afghani": "44", "Burmese": "44", "Somali": "53", "Eritrean": "53", "Syrian": "51",
          "Iraqi": "51"}
ETH_L4 = {"NZ European": "11111", "Māori": "21111", "Samoan": "31111", "Cook Islands Māori": "32100",
          "Tongan": "33111", "Niuean": "34111", "Chinese": "42100", "Indian": "43111"}

IWI = ["Ngāpuhi", "Ngāti Porou", "Waikato-Tainui", "Ngāi Tahu", "Ngāti Kahungunu", "Te Arawa",
       "Ngāti Maniapoto", "Tūhoe", "Ngāti Awa", "Te Rarawa", "Ngāti Raukawa", "Te Āti Awa",
       "Ngāti Whātua", "Ngāti Tūwharetoa", "Rongomaiwahine"]

# town -> [(suburb, postcode)]
PLACES = {
    "Auckland": [("Ōtara", "2023"), ("Māngere East", "2024"), ("Papatoetoe", "2025"),
                 ("Manurewa", "2102"), ("Glen Innes", "1072"), ("Ōtāhuhu", "1062"),
                 ("Avondale", "1026"), ("Henderson", "0612"), ("Mt Roskill", "1041"),
                 ("Clendon Park", "2103")],
    "Hamilton": [("Frankton", "3204"), ("Dinsdale", "3204"), ("Nawton", "3200"), ("Enderley", "3214"),
                 ("Fairfield", "3214"), ("Melville", "3206")],
    "Porirua": [("Cannons Creek", "5024"), ("Waitangirua", "5024"), ("Ranui", "5024"),
                ("Titahi Bay", "5022")],
    "Lower Hutt": [("Naenae", "5011"), ("Taitā", "5011"), ("Wainuiomata", "5014"), ("Epuni", "5011")],
    "Christchurch": [("Aranui", "8061"), ("Hornby", "8042"), ("Linwood", "8062"),
                     ("Riccarton", "8041"), ("Phillipstown", "8011"), ("Shirley", "8061")],
    "Dunedin": [("South Dunedin", "9012"), ("Mosgiel", "9024"), ("Caversham", "9012"),
                ("Brockville", "9011")],
    "Rotorua": [("Fordlands", "3015"), ("Koutu", "3010"), ("Ngongotahā", "3010"), ("Western Heights", "3015")],
    "Whangārei": [("Otangarei", "0112"), ("Tikipunga", "0112"), ("Raumanga", "0110"), ("Kamo", "0112")],
    "Gisborne": [("Kaiti", "4010"), ("Elgin", "4010"), ("Mangapapa", "4010")],
    "Hastings": [("Flaxmere", "4120"), ("Camberley", "4120"), ("Mahora", "4120")],
    "Napier": [("Maraenui", "4110"), ("Onekawa", "4110"), ("Tamatea", "4112")],
    "Palmerston North": [("Highbury", "4412"), ("Takaro", "4412"), ("Awapuni", "4412")],
    "Tauranga": [("Gate Pā", "3112"), ("Greerton", "3112"), ("Merivale", "3112"), ("Welcome Bay", "3112")],
    "Invercargill": [("Glengarry", "9810"), ("Strathern", "9812"), ("Newfield", "9812")],
    "Kaikohe": [("Kaikohe", "0405")],
    "Nelson": [("Stoke", "7011"), ("Tāhunanui", "7011")],
}
STREETS = ["Rata Street", "Kōwhai Road", "Tōtara Avenue", "Kauri Place", "Pūriri Crescent",
           "Station Road", "Church Street", "Tui Street", "Matai Grove", "Kingsway", "Main Street",
           "Victoria Avenue", "Rimu Lane", "King Street", "Hospital Road", "Wharf Street"]
TOWN_STREETS = {  # a few well-known roads, used only with their own town
    "Auckland": ["Great South Road", "Buckland Road", "Bader Drive", "Portage Road", "Massey Road"],
    "Hamilton": ["Wairere Drive", "Te Rapa Road", "Massey Street"],
    "Christchurch": ["Pages Road", "Gloucester Street", "Breezes Road"],
    "Whangārei": ["Kamo Road", "Corks Road"],
    "Tauranga": ["Ngātai Road", "Cameron Road"],
    "Gisborne": ["Ormond Road"],
    "Rotorua": ["Fenton Street", "Old Taupō Road"],
    "Dunedin": ["Hillside Road", "Princes Street"],
    "Porirua": ["Bedford Street"],
    "Hastings": ["Flaxmere Avenue"],
}

STAFF = ["Whaea Rangi Tait", "Matua Hemi Walker", "Losa Faleolo", "Priya Nair", "Kerry Douglas",
         "Tui Henare", "Sam O'Brien", "Ana Fifita", "Mihi Kereama", "Grant Ellis", "Leilani Soo",
         "Rachel Pomare", "Dev Prasad", "Jo Te Amo", "Nadia Haidari", "Brent McLeod"]

REFERRALS = ["Self-referral", "GP", "Oranga Tamariki", "Police", "School", "Work and Income",
             "Whānau", "Hospital social worker", "Corrections", "Church", "Friend", "Plunket",
             "Court", "Community law centre"]

NOTE_BITS = [
    "Discussed power bill arrears, payment plan agreed with Mercury",
    "Attended with partner, both engaged well in the session",
    "Missed session due to sick child, rebooked for next week",
    "Kōrero about whānau support at home; nan is helping with school drop-offs",
    "Referred on to food bank and budgeting advice",
    "Safety plan reviewed and updated, no new incidents reported",
    "Goal: get learner licence by end of term",
    "Housing application with Kāinga Ora still pending",
    "Client asked for an interpreter (Dari) for next appointment",
    "Very positive about the group, wants to keep coming",
    "Texted twice with no reply, will try a home visit",
    "Completed module 3 (routines and boundaries)",
    "Mum reports fewer tantrums at bedtime",
    "Worked on CV and practised interview questions",
    "WINZ hardship grant approved for bond",
]

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
EXCEL_EPOCH = dt.date(1899, 12, 30)


def strip_macrons(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def to_cp1252_safe(s: str) -> str:
    out = []
    for ch in s:
        try:
            ch.encode("cp1252")
            out.append(ch)
        except UnicodeEncodeError:
            out.append(strip_macrons(ch))
    return "".join(out)


def quarter_bounds(q: str) -> tuple[dt.date, dt.date]:
    year, n = int(q[:4]), int(q[5])
    start = dt.date(year, 3 * n - 2, 1)
    end = (dt.date(year + (n == 4), (3 * n) % 12 + 1, 1) - dt.timedelta(days=1))
    return start, end


def rand_date(rng: random.Random, a: dt.date, b: dt.date) -> dt.date:
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


# --------------------------------------------------------------------------------------------
# date formatters: take (y, m, d) so an impossible date can be written in the same style
# --------------------------------------------------------------------------------------------
def _ymd(x):
    return (x.year, x.month, x.day) if isinstance(x, dt.date) else x


FMT = {
    "dd/mm/yyyy": lambda y, m, d: f"{d:02d}/{m:02d}/{y}",
    "d/m/yyyy": lambda y, m, d: f"{d}/{m}/{y}",
    "iso": lambda y, m, d: f"{y}-{m:02d}-{d:02d}",
    "d-mmm-yy": lambda y, m, d: f"{d}-{MONTHS[m - 1]}-{y % 100:02d}",
    "dd.mm.yyyy": lambda y, m, d: f"{d:02d}.{m:02d}.{y}",
    "iso-t": lambda y, m, d: f"{y}-{m:02d}-{d:02d}T00:00:00",
    "access": lambda y, m, d: f"{y}-{m:02d}-{d:02d} 00:00:00",
    "d mmmm yyyy": lambda y, m, d: f"{d} {MONTHS_LONG[m - 1]} {y}",
    "dd-mmm-yyyy": lambda y, m, d: f"{d:02d}-{MONTHS[m - 1]}-{y}",
    "mm/dd/yyyy": lambda y, m, d: f"{m}/{d}/{y}",
}


def fmt_date(x, style: str):
    """Format a date (or a (y, m, d) tuple that may be impossible) in a given style.

    style 'date' returns a datetime.date (typed xlsx/ods cell); 'serial' an Excel serial int."""
    if x is None:
        return None
    if style == "date":
        return x if isinstance(x, dt.date) else FMT["dd/mm/yyyy"](*_ymd(x))
    if style == "serial":
        return (x - EXCEL_EPOCH).days if isinstance(x, dt.date) else FMT["dd/mm/yyyy"](*_ymd(x))
    return FMT[style](*_ymd(x))


# --------------------------------------------------------------------------------------------
# people
# --------------------------------------------------------------------------------------------
def make_person(rng: random.Random, quarter: str, mix: dict, age: tuple[int, int] = (18, 70),
                programmes=("Programme",), with_iwi: float = 0.8, new_nhi: float = 0.1) -> dict:
    q0, q1 = quarter_bounds(quarter)
    groups, weights = zip(*mix.items(), strict=False)
    group = rng.choices(groups, weights)[0]
    givens, families = NAMES[group]
    sub = None
    if group in SUBGROUPS:
        sub = rng.choice(list(SUBGROUPS[group]))
        givens, families, sub_eth, country, language = SUBGROUPS[group][sub]
    given = rng.choice(givens)
    if rng.random() < 0.12 and sub is None:
        given = given + " " + rng.choice(givens)
    family = rng.choice(families)
    first = given.split()[0]
    gender = "M" if MALE_EXTRA.get(given, first in MALE) else "F"
    if rng.random() < 0.03:
        gender = "X"
    years = rng.randint(*age)
    dob = rand_date(rng, dt.date(q0.year - years - 1, q0.month, 2), dt.date(q0.year - years, q0.month, 1))
    eth = list(rng.choice(ETHNICITY_BY_GROUP[group])) if sub is None else list(sub_eth)
    if sub and group == "asian" and rng.random() < 0.15:
        eth.append("NZ European")
    iwi = rng.choice(IWI) if "Māori" in eth and rng.random() < with_iwi else None
    town = rng.choice(list(PLACES))
    suburb, postcode = rng.choice(PLACES[town])
    street = rng.choice(STREETS + TOWN_STREETS.get(town, []) * 2)
    num = str(rng.randint(1, 240)) + (rng.choice(["", "", "", "A", "B"]))
    if rng.random() < 0.1:
        num = f"{rng.randint(1, 12)}/{rng.randint(1, 120)}"
    mob = rng.choice(["021", "022", "027", "029"]) + "".join(str(rng.randint(0, 9)) for _ in range(7))
    plain = strip_macrons(f"{given.split()[0]}.{family}").lower().replace(" ", "").replace("'", "")
    email = f"{plain}{rng.choice(['', str(rng.randint(1, 99))])}@" + rng.choice(
        ["gmail.com", "xtra.co.nz", "outlook.com", "hotmail.com", "yahoo.co.nz"])
    start = rand_date(rng, q0 - dt.timedelta(days=rng.choice([20, 90, 200])), q1 - dt.timedelta(days=5))
    service = rand_date(rng, max(start, q0), q1)
    cg_given = rng.choice(givens)
    caregiver = f"{cg_given} {family if rng.random() < 0.7 else rng.choice(families)}"
    wb0 = rng.randint(2, 7)
    return {
        "group": group, "sub": sub, "country": country if sub else "New Zealand",
        "language": language if sub else "English", "given": given, "family": family, "gender": gender, "dob": dob,
        "eth": eth, "iwi": iwi, "nhi": make_nhi(rng, rng.random() < new_nhi), "ird": make_ird(rng),
        "town": town, "suburb": suburb, "postcode": postcode, "street": street, "num": num,
        "mobile": mob, "email": email, "programme": rng.choice(programmes),
        "referral": rng.choice(REFERRALS), "start": start, "service": service,
        "sessions": rng.randint(1, 12), "outcome": rng.choices(
            ["completed", "exited", "ongoing", "transferred"], [4, 2, 5, 1])[0],
        "consent": rng.choices([True, False, None], [7, 2, 1])[0],
        "wb0": wb0, "wb1": min(10, max(1, wb0 + rng.randint(-1, 4))),
        "notes": ". ".join(rng.sample(NOTE_BITS, rng.randint(1, 2))) + ".",
        "caregiver": caregiver, "worker": rng.choice(STAFF),
        "phone_home": f"0{rng.choice([9, 7, 6, 4, 3])}{rng.randint(2, 9)}{rng.randint(100000, 999999)}",
    }


def phone_fmt(p: dict, style: str) -> str:
    m = p["mobile"]
    if style == "spaced":
        return f"{m[:3]} {m[3:6]} {m[6:]}"
    if style == "intl":
        return f"+64 {m[1:3]} {m[3:6]} {m[6:]}"
    if style == "dash":
        return f"{m[:3]}-{m[3:6]}-{m[6:]}"
    if style == "landline":
        h = p["phone_home"]
        return f"({h[:2]}) {h[2:5]} {h[5:]}"
    return m


def addr_full(p: dict, with_post: bool = True) -> str:
    s = f"{p['num']} {p['street']}, {p['suburb']}, {p['town']}"
    if p["suburb"] == p["town"]:
        s = f"{p['num']} {p['street']}, {p['town']}"
    return s + (f" {p['postcode']}" if with_post else "")


# --------------------------------------------------------------------------------------------
# tables
# --------------------------------------------------------------------------------------------
NAME_TARGETS = {"full_name", "given_names", "family_name", "nhi", "email", "case_notes"}


class Col:
    def __init__(self, header: str, target, fn, group=None):
        self.header, self.target, self.fn, self.group = header, target, fn, group


def build_table(rng: random.Random, sheet, cols: list[Col], people: list[dict], *, pre=None,
                n_invalid: int = 0, dob_style: str = "dd/mm/yyyy", quarter: str = "2026Q3",
                cp1252: bool = False) -> dict:
    rows = [[c.fn(p) for c in cols] for p in people]
    targets = [c.target for c in cols]
    has_name = any(t in ("full_name", "given_names", "family_name") for t in targets)
    dob_idx = [i for i, t in enumerate(targets) if t == "date_of_birth"]
    invalid = sorted(rng.sample(range(len(rows)), n_invalid)) if n_invalid else []
    q0, _ = quarter_bounds(quarter)
    for k, r in enumerate(invalid):
        kinds = (["noid"] if has_name else []) + (["baddob", "future"] if dob_idx else [])
        kind = kinds[k % len(kinds)]
        if kind == "noid":
            for i, t in enumerate(targets):
                if t in NAME_TARGETS:
                    rows[r][i] = None
        elif kind == "baddob":
            y = rng.randint(1975, 2005)
            bad = rng.choice([(y, 2, 30), (y, 4, 31), (y, 2, 31), (y, 6, 31), (y, 9, 31)])
            for i in dob_idx:
                rows[r][i] = fmt_date(bad, dob_style)
        else:
            fut = dt.date(q0.year + rng.randint(1, 4), rng.randint(1, 12), rng.randint(1, 28))
            for i in dob_idx:
                rows[r][i] = fmt_date(fut, dob_style)
    if cp1252:
        rows = [[to_cp1252_safe(v) if isinstance(v, str) else v for v in r] for r in rows]
    headers = [c.header for c in cols]
    groups = [c.group for c in cols]
    group_row, merges = None, []
    if any(groups):
        group_row = [None] * len(cols)
        i = 0
        while i < len(cols):
            j = i
            while j + 1 < len(cols) and groups[j + 1] == groups[i]:
                j += 1
            if groups[i]:
                group_row[i] = groups[i]
                if j > i:
                    merges.append((i, j))
            i = j + 1
    pre = list(pre or [])
    header_row = len(pre) + (1 if group_row else 0) + 1
    return {"sheet": sheet, "pre": pre, "group_row": group_row, "merges": merges,
            "headers": headers, "groups": groups, "targets": targets, "rows": rows,
            "header_row": header_row, "n_invalid": len(invalid)}


def table_truth(t: dict) -> dict:
    return {"sheet": t["sheet"], "header_row": t["header_row"], "rows": len(t["rows"]),
            "columns": [{"index": i, "header": h, "group": g, "target": tg}
                        for i, (h, g, tg) in enumerate(zip(t["headers"], t["groups"], t["targets"], strict=False))]}


def table_grid(t: dict) -> list[list]:
    grid = [list(r) for r in t["pre"]]
    if t["group_row"]:
        grid.append(list(t["group_row"]))
    grid.append(list(t["headers"]))
    grid.extend(t["rows"])
    return grid


# --------------------------------------------------------------------------------------------
# writers
# --------------------------------------------------------------------------------------------
def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    return str(v)


def write_delimited(path: pathlib.Path, t: dict, *, encoding: str, delimiter: str,
                    gz: bool = False, lineterminator: str = "\r\n", quoting=csv.QUOTE_MINIMAL):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator, quoting=quoting)
    for row in table_grid(t):
        w.writerow([_cell_text(v) for v in row])
    data = buf.getvalue()
    if encoding == "cp1252":
        data = to_cp1252_safe(data)
    raw = data.encode(encoding)
    path.write_bytes(gzip.compress(raw, mtime=0) if gz else raw)


def write_xlsx(path: pathlib.Path, tables: list[dict], extra_sheets=(), date_format="dd/mm/yyyy"):
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in extra_sheets:
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(list(r))
        ws.column_dimensions["A"].width = 70
    for t in tables:
        ws = wb.create_sheet(t["sheet"])
        for r in table_grid(t):
            ws.append(list(r))
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, dt.datetime):
                    c.number_format = "dd/mm/yyyy hh:mm:ss"
                elif isinstance(c.value, dt.date):
                    c.number_format = date_format
        hr = t["header_row"]
        for c in ws[hr]:
            c.font = Font(bold=True)
        if t["pre"]:
            ws.cell(row=1, column=1).font = Font(bold=True, size=14)
        for a, b in t["merges"]:
            ws.merge_cells(start_row=hr - 1, start_column=a + 1, end_row=hr - 1, end_column=b + 1)
        ws.freeze_panes = ws.cell(row=hr + 1, column=1)
    stamp = dt.datetime(2026, 10, 1, 9, 0, 0)
    wb.properties.creator = "export"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.save(path)
    _normalise_zip(path, stamp)


def _normalise_zip(path: pathlib.Path, stamp: dt.datetime):
    """Rewrite a zip with fixed entry times and document dates so that output bytes are reproducible."""
    import re

    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, i.compress_type, z.read(i.filename)) for i in z.infolist()]
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, ctype, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + iso, data)
            z.writestr(zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6]), data, compress_type=ctype)


def _ods_cell(v) -> str:
    if v is None or v == "":
        return "<table:table-cell/>"
    if isinstance(v, bool):
        return (f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(v).lower()}">'
                f"<text:p>{'TRUE' if v else 'FALSE'}</text:p></table:table-cell>")
    if isinstance(v, dt.date):
        return (f'<table:table-cell table:style-name="cdate" office:value-type="date" '
                f'office:date-value="{v.isoformat()}"><text:p>{v.strftime("%d/%m/%Y")}</text:p></table:table-cell>')
    if isinstance(v, (int, float)):
        return (f'<table:table-cell office:value-type="float" office:value="{v}">'
                f"<text:p>{v}</text:p></table:table-cell>")
    return f'<table:table-cell office:value-type="string"><text:p>{xml_escape(str(v))}</text:p></table:table-cell>'


ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')


def write_ods(path: pathlib.Path, tables: list[dict], extra_sheets=()):
    sheets = []
    for name, rows in extra_sheets:
        body = "".join("<table:table-row>" + "".join(_ods_cell(v) for v in r) + "</table:table-row>" for r in rows)
        sheets.append(f'<table:table table:name="{xml_escape(name)}">'
                      f'<table:table-column/>{body}</table:table>')
    for t in tables:
        grid = table_grid(t)
        ncol = max(len(r) for r in grid)
        hr = t["header_row"]
        out = []
        for ri, r in enumerate(grid, start=1):
            cells = []
            if ri == hr - 1 and t["group_row"]:
                spans = {a: b for a, b in t["merges"]}
                ci = 0
                while ci < len(r):
                    if ci in spans:
                        n = spans[ci] - ci + 1
                        cells.append(f'<table:table-cell table:number-columns-spanned="{n}" '
                                     f'office:value-type="string"><text:p>{xml_escape(r[ci])}</text:p></table:table-cell>')
                        cells.extend(["<table:covered-table-cell/>"] * (n - 1))
                        ci += n
                    else:
                        cells.append(_ods_cell(r[ci]))
                        ci += 1
            else:
                cells = [_ods_cell(v) for v in r]
            out.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        sheets.append(f'<table:table table:name="{xml_escape(t["sheet"])}">'
                      f'<table:table-column table:number-columns-repeated="{ncol}"/>' + "".join(out) + "</table:table>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} office:version="1.2">'
               '<office:automatic-styles><number:date-style style:name="N37"><number:day number:style="long"/>'
               '<number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text>'
               '<number:year number:style="long"/></number:date-style>'
               '<style:style style:name="cdate" style:family="table-cell" style:data-style-name="N37"/>'
               '</office:automatic-styles><office:body><office:spreadsheet>'
               + "".join(sheets) + "</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as z:
        zi = zipfile.ZipInfo("mimetype", date_time=(2026, 7, 1, 0, 0, 0))
        z.writestr(zi, "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        for name, data in (("META-INF/manifest.xml", manifest), ("content.xml", content)):
            zi = zipfile.ZipInfo(name, date_time=(2026, 7, 1, 0, 0, 0))
            z.writestr(zi, data, compress_type=zipfile.ZIP_DEFLATED)


def write_json(path: pathlib.Path, t: dict):
    recs = [dict(zip(t["headers"], r, strict=False)) for r in t["rows"]]
    path.write_text(json.dumps(recs, ensure_ascii=False, indent=1), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# layouts
# --------------------------------------------------------------------------------------------
def crowd(rng, n, quarter, **kw):
    return [make_person(rng, quarter, **kw) for _ in range(n)]


def gmap(m):
    return lambda p: m[p["gender"]]


def yn(yes, no, unknown=None):
    return lambda p: unknown if p["consent"] is None else (yes if p["consent"] else no)


def omap(m):
    return lambda p: m[p["outcome"]]


MIX_GENERAL = {"maori": 4, "pacific": 3, "pakeha": 4, "asian": 1, "indian": 1}


def L01(rng):
    """Kaupapa Māori whānau ora: workbook, cover sheet (Pānui) then data on 2nd sheet, te reo headers."""
    q = "2026Q3"
    ppl = crowd(rng, rng.randint(90, 140), q, mix={"maori": 8, "pakeha": 1, "pacific": 1},
                programmes=("Whānau Ora", "Mauri Ora wānanga"), with_iwi=0.9)
    cols = [
        Col("Tau", None, lambda p: None),  # filled below with row numbers
        Col("Ingoa", "full_name", lambda p: f"{p['given']} {p['family']}"),
        Col("Rā whānau", "date_of_birth", lambda p: p["dob"]),
        Col("Ira tangata", "gender", gmap({"F": "Wahine", "M": "Tāne", "X": "Ira kē"})),
        Col("Iwi", "iwi", lambda p: p["iwi"]),
        Col("Nama NHI", "nhi", lambda p: p["nhi"]),
        Col("Kaupapa", "programme", lambda p: p["programme"]),
        Col("Rā tīmata", "start_date", lambda p: p["start"]),
        Col("Rā hui", "service_date", lambda p: p["service"]),
        Col("Kaimahi", "key_worker", lambda p: p["worker"]),
        Col("Whakaaetanga", "consent_evaluation", yn("Āe", "Kāo")),
        Col("Hua", "outcome_status", omap({"completed": "Kua oti", "exited": "Kua wehe",
                                           "ongoing": "Kei te haere tonu", "transferred": "Kua tukuna atu"})),
    ]
    for i, p in enumerate(ppl, 1):
        p["_n"] = i
    cols[0].fn = lambda p: p["_n"]
    t = build_table(rng, "Raraunga", cols, ppl, n_invalid=2, dob_style="date", quarter=q)
    cover = [["Te Whare Manaaki — Pūrongo hauwhā (quarterly return)"], [],
             ["Kia ora, please fill in the Raraunga sheet. One row per whānau member seen this quarter."],
             ["Pātai? Contact Mereana Tūhiwai, kaiwhakahaere: mereana.tuhiwai@tewharemanaaki.org.nz, 07 348 2291"],
             ["Version 3 — July 2026"]]
    return {"provider": "te-whare-manaaki", "quarter": q,
            "features": ["xlsx", "cover-sheet", "data-on-second-sheet", "staff-email-on-cover", "te-reo-headers",
                         "macrons", "row-numbers", "excel-dates", "kaupapa-maori", "ae-kao-consent"],
            "files": [{"name": "TWM_Q3_2026_purongo.xlsx", "format": "xlsx", "tables": [t],
                       "extra_sheets": [("Pānui", cover)]}]}


def L02(rng):
    """Pacific budgeting trust: cp1252 semicolon CSV with title rows, numbered ethnicity columns."""
    q = "2026Q3"
    ppl = crowd(rng, rng.randint(80, 160), q, mix={"pacific": 8, "maori": 1, "indian": 1},
                programmes=("Budget advice", "MoneyMates group", "Debt solutions"))
    cols = [
        Col("Client No", "client_ref", lambda p: f"PFB{p['_n']:04d}"),
        Col("CLIENT NAME", "full_name", lambda p: f"{p['family'].upper()}, {p['given']}"),
        Col("Date of Birth", "date_of_birth", lambda p: fmt_date(p["dob"], "dd/mm/yyyy")),
        Col("Gender", "gender", gmap({"F": "Female", "M": "Male", "X": "Gender diverse"})),
        Col("Ethnicity 1", "ethnicity", lambda p: p["eth"][0]),
        Col("Ethnicity 2", "ethnicity", lambda p: p["eth"][1] if len(p["eth"]) > 1 else None),
        Col("Ethnicity 3", "ethnicity", lambda p: p["eth"][2] if len(p["eth"]) > 2 else None),
        Col("Phone", "phone", lambda p: phone_fmt(p, "spaced")),
        Col("Service", "programme", lambda p: p["programme"]),
        Col("Appt date", "service_date", lambda p: fmt_date(p["service"], "dd/mm/yyyy")),
        Col("No. of appts", "sessions_attended", lambda p: p["sessions"]),
        Col("Funder code", None, lambda p: rng.choice(["MSD-BFS-01", "MSD-BFS-02", "TPK-WO"])),
        Col("Budgeter", "key_worker", lambda p: p["worker"]),
        Col("Status", "outcome_status", omap({"completed": "Closed - goals met", "exited": "Closed - lost contact",
                                               "ongoing": "Open", "transferred": "Closed - referred on"})),
    ]
    for i, p in enumerate(ppl, 1):
        p["_n"] = 1200 + i
        if rng.random() < 0.1:
            extra = [e for e in ("Tokelauan", "NZ European", "Fijian", "Samoan") if e not in p["eth"]]
            p["eth"].append(rng.choice(extra))
    pre = [["Pasifika Family Budgeting Trust - client activity export"], ["Period: 01/07/2026 to 30/09/2026"], []]
    t = build_table(rng, None, cols, ppl, pre=pre, n_invalid=1, dob_style="dd/mm/yyyy", quarter=q, cp1252=True)
    return {"provider": "pasifika-family-budgeting", "quarter": q,
            "features": ["csv", "cp1252", "semicolon", "title-rows", "surname-comma-given-caps",
                         "numbered-ethnicity", "funder-code", "budgeting", "pacific", "macrons-lost"],
            "files": [{"name": "client_activity_Q3.csv", "format": "csv", "encoding": "cp1252",
                       "delimiter": ";", "tables": [t]}]}


def L03(rng):
    """Family violence service: case-management export, UTF-16 tab-separated, ISO dates, L2 codes."""
    q = "2026Q2"
    ppl = crowd(rng, rng.randint(100, 190), q, mix=MIX_GENERAL,
                programmes=("Safety programme", "Women's group", "Children's programme"))
    cols = [
        Col("Row", None, lambda p: p["_n"]),
        Col("ClientID", "client_ref", lambda p: f"SHW-{p['_id']}"),
        Col("FirstName", "given_names", lambda p: p["given"]),
        Col("LastName", "family_name", lambda p: p["family"]),
        Col("DOB", "date_of_birth", lambda p: fmt_date(p["dob"], "iso")),
        Col("NHI_Number", "nhi", lambda p: p["nhi"] if rng.random() < 0.8 else None),
        Col("Gender", "gender", gmap({"F": "F", "M": "M", "X": "U"})),
        Col("EthnicityCodes", "ethnicity", lambda p: ";".join(ETH_L2[e] for e in p["eth"])),
        Col("ReferralSource", "referral_source", lambda p: p["referral"]),
        Col("ProgrammeName", "programme", lambda p: p["programme"]),
        Col("EnrolDate", "start_date", lambda p: fmt_date(p["start"], "iso")),
        Col("ContactDate", "service_date", lambda p: fmt_date(p["service"], "iso")),
        Col("KeyWorker", "key_worker", lambda p: p["worker"]),
        Col("CaseStatus", "outcome_status", omap({"completed": "CLOSED-COMPLETE", "exited": "CLOSED-WITHDRAWN",
                                                   "ongoing": "ACTIVE", "transferred": "CLOSED-TRANSFER"})),
        Col("CaseNotes", "case_notes", lambda p: p["notes"]),
        Col("RiskFlag", None, lambda p: rng.choice(["", "", "H", "M", "L"])),
    ]
    for i, p in enumerate(ppl, 1):
        p["_n"], p["_id"] = i, rng.randint(100000, 999999)
    t = build_table(rng, None, cols, ppl, n_invalid=3, dob_style="iso", quarter=q)
    return {"provider": "safe-homes-waikato", "quarter": q,
            "features": ["tsv", "utf-16", "case-management-export", "camelcase-headers", "iso-dates",
                         "ethnicity-l2-codes-semicolon", "row-numbers", "internal-flag", "family-violence"],
            "files": [{"name": "CMS_export_20260702.tsv", "format": "tsv", "encoding": "utf-16",
                       "delimiter": "\t", "tables": [t]}]}


def L04(rng):
    """Youth mentoring survey-tool export: question headers, BOM, pre/post scores."""
    q = "2026Q3"
    ppl = crowd(rng, rng.randint(70, 130), q, age=(13, 19), mix=MIX_GENERAL, programmes=("Rangatahi Rising",))
    cols = [
        Col("Respondent ID", None, lambda p: p["_id"]),
        Col("Collector ID", None, lambda p: 431887402),
        Col("What is your first name?", "given_names", lambda p: p["given"].lower() if rng.random() < 0.3 else p["given"]),
        Col("What is your last name?", "family_name", lambda p: p["family"]),
        Col("When is your birthday?", "date_of_birth", lambda p: fmt_date(p["dob"], "d-mmm-yy")),
        Col("What is your email address?", "email", lambda p: p["email"]),
        Col("Which school do you go to?", None, lambda p: rng.choice(
            ["Tangaroa College", "Aorere College", "Hamilton Girls' High", "Fraser High School",
             "Porirua College", "Not at school"])),
        Col("How did you hear about us?", "referral_source", lambda p: rng.choice(
            ["School counsellor", "Friend", "Instagram", "Youth worker", "Whānau"])),
        Col("Date of mentoring session", "service_date", lambda p: fmt_date(p["service"], "d-mmm-yy")),
        Col("How many sessions have you been to?", "sessions_attended", lambda p: p["sessions"]),
        Col("How were you feeling when you started? (1-10)", "wellbeing_start", lambda p: p["wb0"]),
        Col("How are you feeling now? (1-10)", "wellbeing_end", lambda p: p["wb1"]),
        Col("Are you happy for us to use your answers to improve the programme?", "consent_evaluation",
            yn("Yes", "No", "")),
        Col("Who is your mentor?", "key_worker", lambda p: p["worker"].split()[-2] if p["worker"].startswith(("Whaea", "Matua")) else p["worker"].split()[0]),
    ]
    for p in ppl:
        p["_id"] = rng.randint(11800000000, 11899999999)
    t = build_table(rng, None, cols, ppl, n_invalid=2, dob_style="d-mmm-yy", quarter=q)
    return {"provider": "rangatahi-rising", "quarter": q,
            "features": ["csv", "utf-8-bom", "survey-tool-export", "question-headers", "d-mmm-yy",
                         "pre-post-scores", "units-in-header", "no-client-id", "lower-case-names", "youth"],
            "files": [{"name": "Rangatahi Rising feedback (Q3).csv", "format": "csv", "encoding": "utf-8-sig",
                       "delimiter": ",", "tables": [t]}]}


def L05(rng):
    """Early childhood: Google Sheets download, child is the client, parent as caregiver."""
    q = "2026Q2"
    ppl = crowd(rng, rng.randint(60, 110), q, age=(1, 4), mix=MIX_GENERAL, programmes=("Kōhungahunga", "Playgroup"))
    cols = [
        Col("Child's name", "full_name", lambda p: f"{p['given']} {p['family']}"),
        Col("Child DOB", "date_of_birth", lambda p: fmt_date(p["dob"], "d/m/yyyy")),
        Col("Boy/Girl", "gender", gmap({"F": "Girl", "M": "Boy", "X": ""})),
        Col("NHI", "nhi", lambda p: p["nhi"]),
        Col("Parent/caregiver", "caregiver_name", lambda p: p["caregiver"]),
        Col("Contact ph", "phone", lambda p: phone_fmt(p, "plain")),
        Col("Centre", None, lambda p: rng.choice(["Ōtara", "Papatoetoe", "Manurewa"])),
        Col("Enrolled", "start_date", lambda p: fmt_date(p["start"], "d/m/yyyy")),
        Col("Days attended", "sessions_attended", lambda p: p["sessions"] * 3),
        Col("Photo consent", None, lambda p: rng.choice(["Y", "N", "Y"])),
        Col("Research consent (Y/N)", "consent_evaluation", yn("Y", "N", "")),
        Col("Kaiako", "key_worker", lambda p: p["worker"]),
    ]
    t = build_table(rng, None, cols, ppl, n_invalid=1, dob_style="d/m/yyyy", quarter=q)
    return {"provider": "whanau-start-ece", "quarter": q,
            "features": ["csv", "utf-8", "google-sheets-download", "child-client", "caregiver",
                         "only-start-date", "photo-consent-distractor", "d/m/yyyy", "early-childhood"],
            "files": [{"name": "Enrolments - Term 2 2026 - Sheet1.csv", "format": "csv", "encoding": "utf-8",
                       "delimiter": ",", "tables": [t], "lineterminator": "\n"}]}


def L06(rng):
    """Disability support: Access database dump, pipe-delimited, qualified field names, two parts."""
    q = "2026Q2"
    files, _truths = [], []
    for part in (1, 2):
        ppl = crowd(rng, rng.randint(70, 120), q, age=(20, 75), mix=MIX_GENERAL,
                    programmes=("Supported living", "Community participation", "Respite"))
        cols = [
            Col("tblClient.ClientNo", "client_ref", lambda p: p["_id"]),
            Col("tblClient.Surname", "family_name", lambda p: p["family"]),
            Col("tblClient.Forenames", "given_names", lambda p: p["given"]),
            Col("tblClient.DateOfBirth", "date_of_birth", lambda p: fmt_date(p["dob"], "access")),
            Col("tblClient.Sex", "gender", gmap({"F": "F", "M": "M", "X": "X"})),
            Col("tblAddress.Line1", "address_street", lambda p: f"{p['num']} {p['street']}"),
            Col("tblAddress.Suburb", "address_suburb", lambda p: p["suburb"]),
            Col("tblAddress.City", "address_town", lambda p: p["town"]),
            Col("tblAddress.PostCode", "address_postcode", lambda p: p["postcode"]),
            Col("tblService.ServiceType", "programme", lambda p: p["programme"]),
            Col("tblService.ServiceDate", "service_date", lambda p: fmt_date(p["service"], "access")),
            Col("tblService.Hours", None, lambda p: rng.choice([1.5, 2, 3, 4, 6.5])),
            Col("lngFunderID", None, lambda p: rng.choice([3, 7, 12])),
            Col("tblStaff.StaffName", "key_worker", lambda p: p["worker"]),
        ]
        for p in ppl:
            p["_id"] = rng.randint(2000, 9999)
        t = build_table(rng, None, cols, ppl, n_invalid=[1, 0][part - 1], dob_style="access", quarter=q)
        files.append({"name": f"ODSS_Q2_2026_part{part}.csv", "format": "csv", "encoding": "utf-8",
                      "delimiter": "|", "tables": [t], "quoting": csv.QUOTE_ALL})
    return {"provider": "otago-disability-support", "quarter": q,
            "features": ["csv", "pipe", "quote-all", "access-database-dump", "qualified-headers", "split-address",
                         "two-parts", "datetime-strings", "hours-distractor", "disability-support"],
            "files": files}


def L07(rng):
    """Refugee resettlement: workbook with one sheet per month, each with a title row."""
    q = "2026Q3"
    q0, _ = quarter_bounds(q)
    tables = []
    for k in range(3):
        month = q0.month + k
        ppl = crowd(rng, rng.randint(60, 90), q, mix={"refugee": 9, "asian": 1},
                    programmes=("Orientation", "Driving lessons", "English conversation", "Housing support"))
        for p in ppl:
            p["service"] = rand_date(rng, dt.date(q0.year, month, 1),
                                     dt.date(q0.year, month + 1, 1) - dt.timedelta(days=1))
        cols = [
            Col("Case #", "client_ref", lambda p: f"NR{p['_id']}"),
            Col("Name (as on visa)", "full_name", lambda p: f"{p['family'].upper()} {p['given']}"),
            Col("D.O.B.", "date_of_birth", lambda p: p["dob"]),
            Col("Sex", "gender", gmap({"F": "F", "M": "M", "X": "X"})),
            Col("Ethnicity", "ethnicity", lambda p: p["eth"][0]),
            Col("Country of origin", None, lambda p: p["country"]),
            Col("Language", None, lambda p: p["language"] if rng.random() < 0.9 else "English"),
            Col("Interpreter?", None, lambda p: rng.choice(["Yes", "No"])),
            Col("Mobile", "phone", lambda p: phone_fmt(p, "intl")),
            Col("Activity", "programme", lambda p: p["programme"]),
            Col("Date seen", "service_date", lambda p: p["service"]),
            Col("Caseworker", "key_worker", lambda p: p["worker"]),
            Col("Notes", "case_notes", lambda p: p["notes"]),
        ]
        for p in ppl:
            p["_id"] = rng.randint(10000, 39999)
        pre = [[f"New Roots Resettlement — client contacts {MONTHS_LONG[month - 1]} {q0.year}"]]
        tables.append(build_table(rng, f"{MONTHS[month - 1]} {q0.year}", cols, ppl, pre=pre,
                                  n_invalid=k % 2 + 1, dob_style="date", quarter=q))
    return {"provider": "new-roots-resettlement", "quarter": q,
            "features": ["xlsx", "sheet-per-month", "title-row", "abbreviated-headers", "family-name-caps-first",
                         "intl-phone", "country-language-distractors", "refugee-resettlement"],
            "files": [{"name": "Contacts Jul-Sep 2026.xlsx", "format": "xlsx", "tables": tables}]}


def L08(rng):
    """Budgeting service: gzip CSV, abbreviated headers, level-4 ethnicity codes, capitals and spaces."""
    q = "2026Q2"
    mix = {"maori": 4, "pakeha": 4, "pacific": 3, "indian": 1}
    ppl = crowd(rng, rng.randint(120, 200), q, mix=mix, programmes=("Budgeting",))
    for p in ppl:
        p["eth"] = [e for e in p["eth"] if e in ETH_L4] or ["NZ European"]
    cols = [
        Col("Ref #", "client_ref", lambda p: p["_id"]),
        Col("Surname", "family_name", lambda p: p["family"]),
        Col("First name(s)", "given_names", lambda p: p["given"]),
        Col("D.O.B", "date_of_birth", lambda p: fmt_date(p["dob"], "dd/mm/yyyy")),
        Col("Eth", "ethnicity", lambda p: ",".join(ETH_L4[e] for e in p["eth"])),
        Col("Ph", "phone", lambda p: phone_fmt(p, "landline") if rng.random() < 0.3 else phone_fmt(p, "plain")),
        Col("Addr", "address", lambda p: addr_full(p)),
        Col("IRD", "ird", lambda p: p["ird"]),
        Col("Sess.", "sessions_attended", lambda p: p["sessions"]),
        Col("DEBT AT INTAKE ($) ", None, lambda p: f"{rng.randint(200, 25000)}.00"),
        Col("OUTCOME ", "outcome_status", omap({"completed": "Budget in place", "exited": "Disengaged",
                                                "ongoing": "Ongoing", "transferred": "Referred to KiwiBank"})),
        Col("Notes for agency", None, lambda p: rng.choice(["", "FU", "DNA", "OK", "KS", "FB"])),
    ]
    for p in ppl:
        p["_id"] = rng.randint(40000, 49999)
    t = build_table(rng, None, cols, ppl, n_invalid=2, dob_style="dd/mm/yyyy", quarter=q)
    return {"provider": "kainga-budget-services", "quarter": q,
            "features": ["csv.gz", "utf-8", "abbreviated-headers", "ethnicity-l4-codes-comma", "ird",
                         "full-address", "trailing-spaces", "caps-headers", "notes-for-agency-codes",
                         "no-service-date", "budgeting"],
            "files": [{"name": "kbs_return_2026Q2.csv.gz", "format": "csv.gz", "encoding": "utf-8",
                       "delimiter": ",", "tables": [t]}]}


def L09(rng):
    """Kaupapa Māori men's programme: hand-made ODS, te reo headers without macrons."""
    q = "2026Q3"
    ppl = crowd(rng, rng.randint(60, 100), q, age=(20, 60), mix={"maori": 9, "pakeha": 1, "pacific": 1},
                programmes=("Tautoko Tane",), with_iwi=0.95)
    for p in ppl:
        if p["gender"] == "F":
            p["gender"] = "M"
    cols = [
        Col("Ingoa tuatahi", "given_names", lambda p: p["given"]),
        Col("Ingoa whanau", "family_name", lambda p: p["family"]),
        Col("Ra whanau", "date_of_birth", lambda p: p["dob"]),
        Col("Iwi", "iwi", lambda p: p["iwi"]),
        Col("Hapu", None, lambda p: rng.choice(["", "Ngāti Hine", "Te Whānau-ā-Apanui", "Ngāti Rēhia"])),
        Col("Waea", "phone", lambda p: phone_fmt(p, "dash")),
        Col("Wahi noho", "address", lambda p: addr_full(p, with_post=False)),
        Col("Ra timata", "start_date", lambda p: p["start"]),
        Col("Hui i tae mai", "sessions_attended", lambda p: p["sessions"]),
        Col("Ae/Kao", "consent_evaluation", yn("Ae", "Kao", "")),
        Col("Tuhinga", "case_notes", lambda p: p["notes"]),
    ]
    t = build_table(rng, "Rarangi", cols, ppl, n_invalid=2, dob_style="date", quarter=q)
    return {"provider": "tautoko-tane", "quarter": q,
            "features": ["ods", "te-reo-headers-no-macrons", "typed-dates", "hapu-distractor", "only-start-date",
                         "no-client-id", "ae-kao-consent", "kaupapa-maori", "family-violence"],
            "files": [{"name": "Tautoko Tane hauwha 3.ods", "format": "ods", "tables": [t]}]}


def L10(rng):
    """Pacific youth leadership: JSON list of records from a web form / app API."""
    q = "2026Q3"
    ppl = crowd(rng, rng.randint(70, 150), q, age=(15, 24), mix={"pacific": 8, "maori": 2},
                programmes=("Leadership academy", "Faith & sport", "Study hub"))
    cols = [
        Col("participantId", "client_ref", lambda p: p["_id"]),
        Col("name", "full_name", lambda p: f"{p['given']} {p['family']}"),
        Col("dob", "date_of_birth", lambda p: fmt_date(p["dob"], "iso")),
        Col("gender", "gender", gmap({"F": "female", "M": "male", "X": "non-binary"})),
        Col("ethnicities", "ethnicity", lambda p: ", ".join(p["eth"])),
        Col("phoneNumber", "phone", lambda p: phone_fmt(p, "intl").replace(" ", "")),
        Col("emailAddress", "email", lambda p: p["email"]),
        Col("programmeName", "programme", lambda p: p["programme"]),
        Col("lastSessionDate", "service_date", lambda p: fmt_date(p["service"], "iso")),
        Col("attendedSessions", "sessions_attended", lambda p: p["sessions"]),
        Col("status", "outcome_status", omap({"completed": "graduated", "exited": "dropped_out",
                                               "ongoing": "active", "transferred": "moved_programme"})),
        Col("evaluationConsent", "consent_evaluation", lambda p: p["consent"]),
        Col("wellbeingPre", "wellbeing_start", lambda p: p["wb0"]),
        Col("wellbeingPost", "wellbeing_end", lambda p: p["wb1"] if p["outcome"] != "ongoing" else None),
        Col("syncedToCrm", None, lambda p: rng.random() < 0.9),
    ]
    for p in ppl:
        p["_id"] = "p_" + "".join(rng.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(8))
    t = build_table(rng, None, cols, ppl, n_invalid=2, dob_style="iso", quarter=q)
    return {"provider": "moana-youth-leadership", "quarter": q,
            "features": ["json", "camelcase-keys", "boolean-consent", "comma-separated-ethnicity-labels",
                         "pre-post-scores", "boolean-distractor", "pacific", "youth"],
            "files": [{"name": "participants_2026-10-02.json", "format": "json", "tables": [t]}]}


def L11(rng):
    """Parenting network: workbook with title, merged group headers, serial-number start dates."""
    q = "2026Q3"
    ppl = crowd(rng, rng.randint(80, 160), q, age=(19, 50), mix=MIX_GENERAL,
                programmes=("Incredible Years", "Triple P", "Toolbox", "Mana Tamariki"))
    cols = [
        Col("Ref", "client_ref", lambda p: f"HPN-{p['_id']}", "Client details"),
        Col("Surname", "family_name", lambda p: p["family"], "Client details"),
        Col("Given names", "given_names", lambda p: p["given"], "Client details"),
        Col("DOB", "date_of_birth", lambda p: p["dob"], "Client details"),
        Col("Gender", "gender", gmap({"F": "Female", "M": "Male", "X": "Another gender"}), "Client details"),
        Col("Phone", "phone", lambda p: phone_fmt(p, "spaced"), "Contact"),
        Col("Email", "email", lambda p: p["email"], "Contact"),
        Col("Street", "address_street", lambda p: f"{p['num']} {p['street']}", "Address"),
        Col("Suburb", "address_suburb", lambda p: p["suburb"], "Address"),
        Col("Town", "address_town", lambda p: p["town"], "Address"),
        Col("Postcode", "address_postcode", lambda p: int(p["postcode"]) if rng.random() < 0.5 else p["postcode"], "Address"),
        Col("Course", "programme", lambda p: p["programme"], "Programme"),
        Col("Start", "start_date", lambda p: fmt_date(p["start"], "serial"), "Programme"),
        Col("Sessions attended", "sessions_attended", lambda p: p["sessions"], "Programme"),
        Col("Outcome", "outcome_status", omap({"completed": "Graduated", "exited": "Withdrew",
                                                "ongoing": "In progress", "transferred": "Moved to another course"}),
            "Programme"),
        Col("Pre", "wellbeing_start", lambda p: p["wb0"], "Parenting confidence (1-10)"),
        Col("Post", "wellbeing_end", lambda p: p["wb1"], "Parenting confidence (1-10)"),
        Col("Facilitator", "key_worker", lambda p: p["worker"]),
    ]
    for p in ppl:
        p["_id"] = rng.randint(1000, 9999)
    pre = [["Hauora Parenting Network — Quarterly return to funder, July–September 2026"]]
    t = build_table(rng, "Clients", cols, ppl, pre=pre, n_invalid=2, dob_style="date", quarter=q)
    return {"provider": "hauora-parenting-network", "quarter": q,
            "features": ["xlsx", "title-row", "merged-group-headers", "generic-headers-under-groups",
                         "excel-serial-numbers-unformatted", "split-address", "numeric-postcode",
                         "pre-post-scores", "no-service-date", "parenting"],
            "files": [{"name": "HPN quarterly return Q3.xlsx", "format": "xlsx", "tables": [t]}]}


def L12(rng):
    """Youth justice programme: all-caps headers with trailing spaces, lower-case names, dotted dates."""
    q = "2026Q2"
    ppl = crowd(rng, rng.randint(60, 120), q, age=(12, 17), mix=MIX_GENERAL,
                programmes=("Restorative justice", "Mentoring", "Alternative action"))
    cols = [
        Col("ROW", None, lambda p: p["_n"]),
        Col("CLIENT NO", "client_ref", lambda p: f"{p['_id']:06d}"),
        Col("NAME ", "full_name", lambda p: f"{p['given']} {p['family']}".lower()),
        Col("DATE OF BIRTH ", "date_of_birth", lambda p: fmt_date(p["dob"], "dd.mm.yyyy")),
        Col("GENDER", "gender", gmap({"F": "F", "M": "M", "X": "D"})),
        Col("IWI ", "iwi", lambda p: p["iwi"]),
        Col("REFERRED BY", "referral_source", lambda p: rng.choice(
            ["Police Youth Aid", "Oranga Tamariki", "Youth Court", "School", "Whānau"])),
        Col("YOUTH WORKER", "key_worker", lambda p: p["worker"]),
        Col("PARENT/GUARDIAN", "caregiver_name", lambda p: p["caregiver"]),
        Col("SESSION DATE", "service_date", lambda p: fmt_date(p["service"], "dd.mm.yyyy")),
        Col("STATUS ", "outcome_status", omap({"completed": "PLAN COMPLETED", "exited": "BREACHED",
                                               "ongoing": "ON PLAN", "transferred": "RETURNED TO COURT"})),
        Col("NOTES FOR AGENCY", None, lambda p: rng.choice(["", "", "PY", "OT", "FGC", "X"])),
    ]
    for i, p in enumerate(ppl, 1):
        p["_n"], p["_id"] = i, rng.randint(1, 99999)
    t = build_table(rng, None, cols, ppl, n_invalid=3, dob_style="dd.mm.yyyy", quarter=q)
    return {"provider": "second-chance-youth", "quarter": q,
            "features": ["csv", "utf-8-bom", "caps-headers", "trailing-spaces", "lower-case-names",
                         "dotted-dates", "leading-zero-ids", "row-numbers", "notes-for-agency-codes", "youth"],
            "files": [{"name": "SCY_Q2.csv", "format": "csv", "encoding": "utf-8-sig", "delimiter": ",",
                       "tables": [t]}]}


def L13(rng):
    """Budgeting service hand-kept spreadsheet: several cover rows, partial address, totals column."""
    q = "2026Q3"
    ppl = crowd(rng, rng.randint(60, 110), q, mix={"pakeha": 5, "maori": 4, "pacific": 1},
                programmes=("Budgeting", "Financial mentoring"))
    cols = [
        Col("Client", "full_name", lambda p: f"{p['given']} {p['family']}"),
        Col("Date of birth", "date_of_birth", lambda p: fmt_date(p["dob"], "d mmmm yyyy")),
        Col("Phone no.", "phone", lambda p: phone_fmt(p, "plain")),
        Col("Suburb", "address_suburb", lambda p: p["suburb"]),
        Col("Town/City", "address_town", lambda p: p["town"]),
        Col("Referred from", "referral_source", lambda p: p["referral"]),
        Col("Start date", "start_date", lambda p: p["start"]),
        Col("Appointment date", "service_date", lambda p: p["service"]),
        Col("Total $ saved", None, lambda p: rng.randint(0, 3000)),
        Col("Mentor", "key_worker", lambda p: p["worker"]),
        Col("OK to use for evaluation?", "consent_evaluation", yn("✓", "✗", None)),
    ]
    pre = [["Money Matters Hawke's Bay"], ["Quarterly return: 1 July – 30 September 2026"],
           ["Prepared by: office (hand-kept register)"], []]
    t = build_table(rng, "Register", cols, ppl, pre=pre, n_invalid=1, dob_style="d mmmm yyyy", quarter=q)
    return {"provider": "money-matters-hb", "quarter": q,
            "features": ["xlsx", "hand-kept-spreadsheet", "cover-rows", "long-month-dates", "partial-address",
                         "totals-column", "tick-consent", "question-header", "no-client-id", "budgeting"],
            "files": [{"name": "Register 2026-27.xlsx", "format": "xlsx", "tables": [t]}]}


def L14(rng):
    """Disability trust: cp1252 comma CSV, NHI as key, IRD, only a start date, d-mmm-yy."""
    q = "2026Q2"
    ppl = crowd(rng, rng.randint(90, 170), q, age=(21, 54), mix=MIX_GENERAL,
                programmes=("Personal care", "Household management", "Day programme"))
    cols = [
        Col("NHI", "nhi", lambda p: p["nhi"]),
        Col("Surname", "family_name", lambda p: p["family"].upper()),
        Col("First Name", "given_names", lambda p: p["given"].upper()),
        Col("DoB", "date_of_birth", lambda p: fmt_date(p["dob"], "d-mmm-yy")),
        Col("IRD No.", "ird", lambda p: f"{int(p['ird']):09d}"[:3] + "-" + f"{int(p['ird']):09d}"[3:6] + "-"
            + f"{int(p['ird']):09d}"[6:]),
        Col("Support type", "programme", lambda p: p["programme"]),
        Col("Hours/week", None, lambda p: rng.choice([2, 4, 6, 10, 15, 20])),
        Col("Support worker", "key_worker", lambda p: p["worker"]),
        Col("Plan start", "start_date", lambda p: fmt_date(p["start"], "d-mmm-yy")),
        Col("Status", "outcome_status", omap({"completed": "Plan goals achieved", "exited": "Exited - moved region",
                                               "ongoing": "Ongoing", "transferred": "Transferred to DHB"})),
        Col("Consent", "consent_evaluation", yn("Yes - signed", "Declined", "Not asked")),
        Col("Needs assessor", None, lambda p: rng.choice(["NASC Central", "Access Ability", "Taikura Trust"])),
    ]
    t = build_table(rng, None, cols, ppl, n_invalid=2, dob_style="d-mmm-yy", quarter=q, cp1252=True)
    return {"provider": "mahi-tahi-disability-trust", "quarter": q,
            "features": ["csv", "cp1252", "nhi-first", "caps-names", "d-mmm-yy", "ird-dashed",
                         "only-start-date", "no-client-id", "hours-distractor", "disability-support"],
            "files": [{"name": "MTDT returns Apr-Jun.csv", "format": "csv", "encoding": "cp1252",
                       "delimiter": ",", "tables": [t]}]}


def L15(rng):
    """Pacific wellbeing: Google Form responses downloaded as xlsx, long question headers."""
    q = "2026Q3"
    _q0, _q1 = quarter_bounds(q)
    ppl = crowd(rng, rng.randint(70, 140), q, mix={"pacific": 9, "maori": 1}, programmes=("Talanoa",))
    cols = [
        Col("Timestamp", None, lambda p: dt.datetime.combine(p["service"], dt.time(rng.randint(9, 20), rng.randint(0, 59)))),
        Col("Full name", "full_name", lambda p: f"{p['given']} {p['family']}"),
        Col("Date of birth", "date_of_birth", lambda p: p["dob"]),
        Col("Gender", "gender", gmap({"F": "Female", "M": "Male", "X": "Fa'afafine / fakaleitī"})),
        Col("Ethnicity (tick all that apply)", "ethnicity", lambda p: ", ".join(p["eth"])),
        Col("Church / community group", None, lambda p: rng.choice(
            ["EFKS Māngere", "Free Wesleyan Church Ōtāhuhu", "CICC Papatoetoe", "None"])),
        Col("Phone number", "phone", lambda p: phone_fmt(p, "plain")),
        Col("Date of session", "service_date", lambda p: p["service"]),
        Col("Do you agree to your information being used to evaluate this programme?", "consent_evaluation",
            yn("Yes, I agree", "No thanks", None)),
        Col("How would you rate your wellbeing before the programme? (1-5)", "wellbeing_start",
            lambda p: min(5, (p["wb0"] + 1) // 2)),
        Col("How would you rate your wellbeing now? (1-5)", "wellbeing_end", lambda p: min(5, (p["wb1"] + 1) // 2)),
        Col("Anything else you'd like to tell us?", "case_notes", lambda p: rng.choice(
            ["Fa'afetai lava for the support.", "The talanoa helped my family a lot, especially my son.",
             None, None, "Please run it on Saturdays too, I work weekdays.",
             "Malo 'aupito. I feel more confident to talk to my kids."])),
    ]
    t = build_table(rng, "Form responses 1", cols, ppl, n_invalid=1, dob_style="date", quarter=q)
    return {"provider": "talanoa-pacific-wellbeing", "quarter": q,
            "features": ["xlsx", "google-form-responses", "timestamp-distractor", "question-headers",
                         "scores-1-5", "comma-separated-ethnicity-labels", "no-client-id", "pacific"],
            "files": [{"name": "Talanoa evaluation (Responses).xlsx", "format": "xlsx", "tables": [t]}]}


def L16(rng):
    """Whānau ora navigators: semicolon CSV with a group row (Excel save-as of merged headers), L2 codes."""
    q = "2026Q2"
    ppl = crowd(rng, rng.randint(90, 180), q, mix={"maori": 8, "pakeha": 1, "pacific": 1},
                programmes=("Whānau Ora navigation",), with_iwi=0.85)
    cols = [
        Col("Tau kiritaki", "client_ref", lambda p: f"N{p['_id']}", "Kiritaki / Client"),
        Col("Ingoa tuatahi", "given_names", lambda p: p["given"], "Kiritaki / Client"),
        Col("Ingoa whānau", "family_name", lambda p: p["family"], "Kiritaki / Client"),
        Col("Rā whānau", "date_of_birth", lambda p: fmt_date(p["dob"], "dd/mm/yyyy"), "Kiritaki / Client"),
        Col("Iwi", "iwi", lambda p: p["iwi"], "Kiritaki / Client"),
        Col("Ethnic group 1", "ethnicity", lambda p: ETH_L2[p["eth"][0]], "Kiritaki / Client"),
        Col("Ethnic group 2", "ethnicity", lambda p: ETH_L2[p["eth"][1]] if len(p["eth"]) > 1 else None,
            "Kiritaki / Client"),
        Col("Waea pūkoro", "phone", lambda p: phone_fmt(p, "spaced"), "Whakapā / Contact"),
        Col("Īmēra", "email", lambda p: p["email"] if rng.random() < 0.7 else None, "Whakapā / Contact"),
        Col("Wāhi noho", "address", lambda p: addr_full(p), "Whakapā / Contact"),
        Col("Whānau contact", "caregiver_name", lambda p: p["caregiver"], "Whakapā / Contact"),
        Col("Navigator", "key_worker", lambda p: p["worker"]),
        Col("Rā tūtaki", "service_date", lambda p: fmt_date(p["service"], "dd/mm/yyyy")),
        Col("Whakaae ki te aromātai?", "consent_evaluation", yn("Āe", "Kāo", "")),
        Col("Plan goals met (0-5)", None, lambda p: rng.randint(0, 5)),
    ]
    for p in ppl:
        p["_id"] = rng.randint(300, 8999)
    t = build_table(rng, None, cols, ppl, n_invalid=2, dob_style="dd/mm/yyyy", quarter=q)
    return {"provider": "whanau-ora-navigators-tairawhiti", "quarter": q,
            "features": ["csv", "utf-8", "semicolon", "group-row", "bilingual-headers", "macrons",
                         "ethnicity-l2-numbered", "caregiver", "goals-count-distractor", "kaupapa-maori"],
            "files": [{"name": "navigators_apr-jun.csv", "format": "csv", "encoding": "utf-8",
                       "delimiter": ";", "tables": [t]}]}


def L17(rng):
    """Parenting course: two TSV parts, lower-case headers, no client id."""
    q = "2026Q3"
    files = []
    for part in (1, 2):
        ppl = crowd(rng, rng.randint(60, 100), q, age=(18, 45), mix=MIX_GENERAL,
                    programmes=("Steps for parents", "Dads matter"))
        cols = [
            Col("no.", None, lambda p: p["_n"]),
            Col("name", "full_name", lambda p: f"{p['given']} {p['family']}"),
            Col("dob", "date_of_birth", lambda p: fmt_date(p["dob"], "dd/mm/yyyy")),
            Col("eth", "ethnicity", lambda p: "/".join(p["eth"])),
            Col("ph", "phone", lambda p: phone_fmt(p, "plain")),
            Col("creche needed?", None, lambda p: rng.choice(["y", "n", "n", ""])),
            Col("course", "programme", lambda p: p["programme"]),
            Col("week 1 date", "start_date", lambda p: fmt_date(p["start"], "dd/mm/yyyy")),
            Col("sessions (out of 8)", "sessions_attended", lambda p: min(8, p["sessions"])),
            Col("finished?", "outcome_status", omap({"completed": "yes", "exited": "no - dropped out",
                                                      "ongoing": "still going", "transferred": "no - moved"})),
            Col("eval consent", "consent_evaluation", yn("y", "n", "?")),
        ]
        for i, p in enumerate(ppl, 1):
            p["_n"] = i
        t = build_table(rng, None, cols, ppl, n_invalid=part - 1, dob_style="dd/mm/yyyy", quarter=q)
        files.append({"name": f"steps_q3_part {part} of 2.tsv", "format": "tsv", "encoding": "utf-8",
                      "delimiter": "\t", "tables": [t], "lineterminator": "\n", "quoting": csv.QUOTE_NONE})
    return {"provider": "stepping-stones-parenting", "quarter": q,
            "features": ["tsv", "two-parts", "lower-case-headers", "abbreviated-headers",
                         "slash-separated-ethnicity", "y-n-distractor", "row-numbers", "only-start-date",
                         "no-client-id", "parenting"],
            "files": files}


def L18(rng):
    """Family violence safety service: ODS with Instructions sheet first, merged group headers."""
    q = "2026Q3"
    ppl = crowd(rng, rng.randint(80, 150), q, age=(18, 65), mix=MIX_GENERAL,
                programmes=("Safety planning", "Protection order support", "Children's safety group"))
    cols = [
        Col("Client code", "client_ref", lambda p: f"TAH/{p['_id']}", "Client"),
        Col("Name", "full_name", lambda p: f"{p['family']}, {p['given']}", "Client"),
        Col("Birth date", "date_of_birth", lambda p: p["dob"], "Client"),
        Col("Ethnicity", "ethnicity", lambda p: "; ".join(p["eth"]), "Client"),
        Col("Safe phone", "phone", lambda p: phone_fmt(p, "plain"), "Client"),
        Col("Referral", "referral_source", lambda p: rng.choice(["Police (FVIR)", "Self", "Court", "GP", "Women's Refuge"]),
            "Service"),
        Col("Service", "programme", lambda p: p["programme"], "Service"),
        Col("Open date", "start_date", lambda p: p["start"], "Service"),
        Col("Last contact", "service_date", lambda p: p["service"], "Service"),
        Col("Sessions", "sessions_attended", lambda p: p["sessions"], "Service"),
        Col("Safety score at intake (0-10)", "wellbeing_start", lambda p: p["wb0"], "Safety score"),
        Col("Safety score now (0-10)", "wellbeing_end", lambda p: p["wb1"], "Safety score"),
        Col("Advocate", "key_worker", lambda p: p["worker"]),
        Col("Consent to evaluation", "consent_evaluation", yn("Consented", "Not consented", "Not asked")),
        Col("Contract line", None, lambda p: rng.choice(["FV-SS-01", "FV-SS-02", "MoJ-PO-07"])),
    ]
    for p in ppl:
        p["_id"] = rng.randint(1000, 6999)
    t = build_table(rng, "Clients", cols, ppl, n_invalid=1, dob_style="date", quarter=q)
    instructions = [["Te Ara Hou — quarterly data return"], [],
                    ["1. Enter one row per client on the Clients sheet."],
                    ["2. Dates as dd/mm/yyyy. Do not change column headings."],
                    ["Questions: data officer Hana Rāwhiti, data@tearahou.org.nz or hana.rawhiti@tearahou.org.nz"]]
    return {"provider": "te-ara-hou-safety", "quarter": q,
            "features": ["ods", "instructions-sheet-first", "data-on-second-sheet", "staff-email-on-cover",
                         "merged-group-headers", "surname-comma-given", "typed-dates", "contract-code",
                         "safety-scores", "family-violence"],
            "files": [{"name": "TAH return 2026 Q3.ods", "format": "ods", "tables": [t],
                       "extra_sheets": [("Instructions", instructions)]}]}


def L19(rng):
    """Youth service: wide case-management xlsx export with ISO timestamps, IDs and internal flags."""
    q = "2026Q2"
    ppl = crowd(rng, rng.randint(120, 200), q, age=(14, 24), mix=MIX_GENERAL,
                programmes=("Youth Transitions", "Youth Health", "Education & Employment"), new_nhi=0.3)
    cols = [
        Col("Client ID", "client_ref", lambda p: f"CW{p['_id']}"),
        Col("Legal first name", "given_names", lambda p: p["given"]),
        Col("Legal last name", "family_name", lambda p: p["family"]),
        Col("Date of birth", "date_of_birth", lambda p: fmt_date(p["dob"], "iso-t")),
        Col("Gender identity", "gender", gmap({"F": "Woman", "M": "Man", "X": "Non-binary"})),
        Col("NHI", "nhi", lambda p: p["nhi"] if rng.random() < 0.7 else None),
        Col("IRD number", "ird", lambda p: p["ird"] if rng.random() < 0.6 else None),
        Col("Ethnicity (primary)", "ethnicity", lambda p: p["eth"][0]),
        Col("Iwi affiliation", "iwi", lambda p: p["iwi"]),
        Col("Mobile", "phone", lambda p: phone_fmt(p, "plain")),
        Col("Email", "email", lambda p: p["email"]),
        Col("Residential address", "address", lambda p: addr_full(p)),
        Col("Referral source", "referral_source", lambda p: p["referral"]),
        Col("Programme", "programme", lambda p: p["programme"]),
        Col("Programme start", "start_date", lambda p: fmt_date(p["start"], "iso-t")),
        Col("Contact date", "service_date", lambda p: fmt_date(p["service"], "iso-t")),
        Col("Contacts this period", "sessions_attended", lambda p: p["sessions"]),
        Col("Exit reason", "outcome_status", omap({"completed": "Goals achieved", "exited": "Disengaged",
                                                    "ongoing": "", "transferred": "Referred elsewhere"})),
        Col("Consent to evaluation", "consent_evaluation", yn("Y", "N", "")),
        Col("Internal flag", None, lambda p: rng.choice(["Y", "N", "N", "N"])),
        Col("Funder code", None, lambda p: rng.choice(["MYD-YT-2201", "MSD-YS-0412", "HNZ-YH-07"])),
        Col("Contract ID", None, lambda p: rng.choice(["C-10488", "C-10512"])),
        Col("Youth worker", "key_worker", lambda p: p["worker"]),
        Col("Last updated", None, lambda p: fmt_date(rand_date(rng, *quarter_bounds(q)), "iso-t")),
    ]
    for p in ppl:
        p["_id"] = rng.randint(100000, 199999)
    t = build_table(rng, "Export", cols, ppl, n_invalid=3, dob_style="iso-t", quarter=q)
    return {"provider": "harbour-youth-services", "quarter": q,
            "features": ["xlsx", "case-management-export", "wide", "iso-timestamps-as-text", "new-format-nhi",
                         "ird", "internal-flag-y-n-distractor", "funder-code", "contract-id",
                         "last-updated-distractor", "youth"],
            "files": [{"name": "CaseWorks_export_2026-07-03.xlsx", "format": "xlsx", "tables": [t]}]}


def L20(rng):
    """Early learning / parenting: xlsx with title and blank row, lower-case names, serial service dates."""
    q = "2026Q2"
    ppl = crowd(rng, rng.randint(60, 120), q, age=(0, 4), mix=MIX_GENERAL,
                programmes=("Ngā Kākano playgroup", "Baby & me", "Home visiting"))
    cols = [
        Col("tamaiti / child", "full_name", lambda p: f"{p['given']} {p['family']}".lower()),
        Col("whānau / parent", "caregiver_name", lambda p: p["caregiver"]),
        Col("Birthdate", "date_of_birth", lambda p: p["dob"]),
        Col("Ethnicity", "ethnicity", lambda p: "/".join(p["eth"])),
        Col("Street address", "address_street", lambda p: f"{p['num']} {p['street']}"),
        Col("Town", "address_town", lambda p: p["town"]),
        Col("Post code", "address_postcode", lambda p: p["postcode"]),
        Col("Visit date", "service_date", lambda p: fmt_date(p["service"], "serial")),
        Col("Visits", "sessions_attended", lambda p: p["sessions"]),
        Col("Home visitor", "key_worker", lambda p: p["worker"]),
        Col("Happy for data to be used in evaluation", "consent_evaluation", yn("yes", "no", "")),
    ]
    pre = [["Kākano Early Learning Trust — Q2 2026 visits"], []]
    t = build_table(rng, "Q2 return", cols, ppl, pre=pre, n_invalid=2, dob_style="date", quarter=q)
    return {"provider": "kakano-early-learning", "quarter": q,
            "features": ["xlsx", "title-row", "blank-row", "bilingual-headers", "lower-case-names", "child-client",
                         "excel-serial-numbers-unformatted", "slash-separated-ethnicity", "partial-address",
                         "early-childhood"],
            "files": [{"name": "kakano_q2.xlsx", "format": "xlsx", "tables": [t]}]}


LAYOUTS = [L01, L02, L03, L04, L05, L06, L07, L08, L09, L10,
           L11, L12, L13, L14, L15, L16, L17, L18, L19, L20]


# --------------------------------------------------------------------------------------------
# generation
# --------------------------------------------------------------------------------------------
def generate(out_dir: pathlib.Path) -> list[dict]:
    out_dir = pathlib.Path(out_dir)
    truths = []
    for n, fn in enumerate(LAYOUTS, start=1):
        layout_id = f"UNSEEN{n:02d}"
        rng = random.Random(BASE_SEED * 100 + n)
        spec = fn(rng)
        land = out_dir / layout_id / "landing" / spec["provider"] / spec["quarter"]
        land.mkdir(parents=True, exist_ok=True)
        files_truth = []
        for f in spec["files"]:
            path = land / f["name"]
            fmt = f["format"]
            tables = f["tables"]
            if fmt in ("csv", "tsv", "csv.gz"):
                (t,) = tables
                write_delimited(path, t, encoding=f["encoding"], delimiter=f["delimiter"], gz=fmt == "csv.gz",
                                lineterminator=f.get("lineterminator", "\r\n"),
                                quoting=f.get("quoting", csv.QUOTE_MINIMAL))
            elif fmt == "xlsx":
                write_xlsx(path, tables, f.get("extra_sheets", ()))
            elif fmt == "ods":
                write_ods(path, tables, f.get("extra_sheets", ()))
            elif fmt == "json":
                (t,) = tables
                write_json(path, t)
            else:
                raise ValueError(fmt)
            tt = [table_truth(t) for t in tables]
            if fmt == "json":
                for x in tt:
                    x["header_row"] = None  # records carry their keys; there is no header row
            rows = sum(len(t["rows"]) for t in tables)
            files_truth.append({
                "name": f["name"], "format": fmt,
                "encoding": f.get("encoding", "utf-8" if fmt == "json" else None),
                "delimiter": f.get("delimiter"),
                "rows": rows, "valid_rows": rows - sum(t["n_invalid"] for t in tables),
                "tables": tt,
            })
        truth = {"layout_id": layout_id, "provider": spec["provider"], "quarter": spec["quarter"],
                 "features": spec["features"], "files": files_truth}
        (out_dir / layout_id / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2),
                                                         encoding="utf-8")
        truths.append(truth)
    return truths


# --------------------------------------------------------------------------------------------
# self-check: re-read every file independently of the writers and compare with truth.json
# --------------------------------------------------------------------------------------------
ODS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
       "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
       "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}


def _read_ods(path: pathlib.Path) -> dict[str, list[list]]:
    with zipfile.ZipFile(path) as z:
        assert z.namelist()[0] == "mimetype" and z.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        root = ET.fromstring(z.read("content.xml"))
    out = {}
    T, X, OFFICE = (f"{{{ODS[k]}}}" for k in ("table", "text", "office"))
    for tab in root.iter(T + "table"):
        rows = []
        for tr in tab.iter(T + "table-row"):
            cells = []
            for c in tr:
                rep = int(c.get(T + "number-columns-repeated", "1"))
                if c.tag == T + "covered-table-cell":
                    val = None
                else:
                    vt = c.get(OFFICE + "value-type")
                    if vt == "date":
                        val = dt.date.fromisoformat(c.get(OFFICE + "date-value")[:10])
                    elif vt == "float":
                        v = float(c.get(OFFICE + "value"))
                        val = int(v) if v.is_integer() else v
                    elif vt == "boolean":
                        val = c.get(OFFICE + "boolean-value") == "true"
                    elif vt is None:
                        val = None
                    else:
                        val = "\n".join("".join(p.itertext()) for p in c.iter(X + "p"))
                    if c.get(T + "number-columns-spanned"):
                        val = ("SPAN", int(c.get(T + "number-columns-spanned")), val)
                cells.extend([val] * rep)
            rows.append(cells)
        out[tab.get(T + "name")] = rows
    return out


def _as_date(v):
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, (int, float)) and 20000 < v < 80000:
        return EXCEL_EPOCH + dt.timedelta(days=int(v))
    s = str(v).strip()
    for f in ("%d/%m/%Y", "%Y-%m-%d", "%d-%b-%y", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S",
              "%d %B %Y", "%d-%b-%Y"):
        try:
            return dt.datetime.strptime(s, f).date()
        except ValueError:
            pass
    raise ValueError(f"unparseable date {v!r}")


def _norm(v):
    return "" if v is None else v


def check(out_dir: pathlib.Path) -> list[str]:
    import openpyxl

    out_dir = pathlib.Path(out_dir)
    problems: list[str] = []
    n_files = n_cols = n_rows = 0
    layouts = sorted(p for p in out_dir.iterdir() if (p / "truth.json").is_file())
    for lay in layouts:
        truth = json.loads((lay / "truth.json").read_text(encoding="utf-8"))
        land = lay / "landing" / truth["provider"] / truth["quarter"]
        q0, q1 = quarter_bounds(truth["quarter"])
        on_disk = sorted(p.name for p in land.iterdir())
        if on_disk != sorted(f["name"] for f in truth["files"]):
            problems.append(f"{lay.name}: files on disk {on_disk} differ from truth")
        for f in truth["files"]:
            n_files += 1
            where = f"{lay.name}/{f['name']}"
            path = land / f["name"]
            fmt = f["format"]
            grids: dict = {}
            merged: dict = {}
            if fmt in ("csv", "tsv", "csv.gz"):
                raw = path.read_bytes()
                if fmt == "csv.gz":
                    raw = gzip.decompress(raw)
                enc = f["encoding"]
                if enc == "utf-8-sig" and not raw.startswith(b"\xef\xbb\xbf"):
                    problems.append(f"{where}: BOM expected")
                if enc == "utf-8" and raw.startswith(b"\xef\xbb\xbf"):
                    problems.append(f"{where}: unexpected BOM")
                if enc == "utf-16" and raw[:2] not in (b"\xff\xfe", b"\xfe\xff"):
                    problems.append(f"{where}: utf-16 BOM expected")
                text = raw.decode(enc)
                grids[None] = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=f["delimiter"])]
            elif fmt == "xlsx":
                wb = openpyxl.load_workbook(path)
                for ws in wb.worksheets:
                    grids[ws.title] = [list(r) for r in ws.iter_rows(values_only=True)]
                    merged[ws.title] = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
                data_sheets = [t["sheet"] for t in f["tables"]]
                if wb.worksheets[0].title not in data_sheets and "cover-sheet" not in truth["features"] \
                        and "instructions-sheet-first" not in truth["features"]:
                    problems.append(f"{where}: unexpected leading sheet")
            elif fmt == "ods":
                grids = _read_ods(path)
            elif fmt == "json":
                recs = json.loads(path.read_text(encoding="utf-8"))
                (t,) = f["tables"]
                keys = [c["header"] for c in t["columns"]]
                if not isinstance(recs, list) or len(recs) != t["rows"]:
                    problems.append(f"{where}: json record count")
                for i, r in enumerate(recs):
                    if list(r) != keys:
                        problems.append(f"{where}: json keys differ at record {i}")
                        break
                grids[None] = [list(recs[0]) if recs else []] + [list(r.values()) for r in recs]
                t = dict(t, header_row=1)
                f = dict(f, tables=[t])
            total = invalid_seen = 0
            for t in f["tables"]:
                grid = grids.get(t["sheet"])
                if grid is None:
                    problems.append(f"{where}: sheet {t['sheet']!r} missing")
                    continue
                while grid and all(_norm(v) == "" for v in grid[-1]):
                    grid = grid[:-1]
                hr = t["header_row"]
                header = grid[hr - 1]
                for c in t["columns"]:
                    n_cols += 1
                    got = header[c["index"]] if c["index"] < len(header) else None
                    if got != c["header"]:
                        problems.append(f"{where}: column {c['index']} header {got!r} != {c['header']!r}")
                if len(header) != len(t["columns"]) and any(_norm(v) != "" for v in header[len(t["columns"]):]):
                    problems.append(f"{where}: extra header cells")
                # group headers: the cell above the first column of each run holds the group text
                cols = t["columns"]
                for i, c in enumerate(cols):
                    if c["group"] and (i == 0 or cols[i - 1]["group"] != c["group"]):
                        above = grid[hr - 2][i] if hr >= 2 else None
                        if isinstance(above, tuple):
                            above = above[2]
                        if above != c["group"]:
                            problems.append(f"{where}: group above column {i} is {above!r}")
                        run = [j for j in range(i, len(cols)) if cols[j]["group"] == c["group"]]
                        run = [j for k, j in enumerate(run) if j == i + k]
                        if fmt == "xlsx" and len(run) > 1 and (hr - 1, i + 1, hr - 1, run[-1] + 1) not in merged[t["sheet"]]:
                            problems.append(f"{where}: merge missing for group {c['group']!r}")
                    elif not c["group"] and hr >= 2 and fmt in ("xlsx", "ods") and any(x["group"] for x in cols):
                        pass
                data = grid[hr:]
                if len(data) != t["rows"]:
                    problems.append(f"{where}: {len(data)} data rows != truth {t['rows']}")
                if not 60 <= t["rows"] <= 200:
                    problems.append(f"{where}: table rows {t['rows']} out of 60-200")
                total += len(data)
                n_rows += len(data)
                # content spot-checks
                for c in cols:
                    vals = [r[c["index"]] for r in data if c["index"] < len(r) and _norm(r[c["index"]]) != ""]
                    if c["target"] == "nhi":
                        bad = [v for v in vals if not nhi_is_valid(str(v))]
                        if bad:
                            problems.append(f"{where}: invalid NHI {bad[:3]}")
                    if c["target"] == "ird":
                        bad = [v for v in vals if not ird_is_valid(str(v))]
                        if bad:
                            problems.append(f"{where}: invalid IRD {bad[:3]}")
                    if c["target"] == "service_date":
                        out = [v for v in vals if not q0 <= _as_date(v) <= q1]
                        if out:
                            problems.append(f"{where}: service dates outside quarter {out[:3]}")
                # recompute the invalid rows from the cells: no name and no NHI, or a date of
                # birth that is not a real date or lies after the quarter
                name_idx = [c["index"] for c in cols if c["target"] in ("full_name", "given_names", "family_name", "nhi")]
                dob_idx = [c["index"] for c in cols if c["target"] == "date_of_birth"]
                for r in data:
                    r = list(r) + [None] * (len(cols) - len(r))
                    no_id = bool(name_idx) and all(_norm(r[i]) == "" for i in name_idx)
                    bad_dob = False
                    for i in dob_idx:
                        if _norm(r[i]) == "":
                            continue
                        try:
                            d = _as_date(r[i])
                            bad_dob = bad_dob or d > q1 or d.year < 1920
                        except ValueError:
                            bad_dob = True
                    invalid_seen += no_id or bad_dob
            if total != f["rows"]:
                problems.append(f"{where}: rows {total} != truth {f['rows']}")
            if not f["rows"] - 3 * len(f["tables"]) <= f["valid_rows"] <= f["rows"]:
                problems.append(f"{where}: valid_rows out of range")
            if f["rows"] - f["valid_rows"] != invalid_seen:
                problems.append(f"{where}: {invalid_seen} invalid rows in the file, truth says "
                                f"{f['rows'] - f['valid_rows']}")
    print(f"checked {len(layouts)} layouts, {n_files} files, {n_cols} columns, {n_rows} data rows: "
          f"{'OK' if not problems else str(len(problems)) + ' problem(s)'}")
    for p in problems:
        print("  -", p)
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=pathlib.Path)
    ap.add_argument("--check", action="store_true", help="re-read the written files and compare with truth.json")
    args = ap.parse_args(argv)
    truths = generate(args.out)
    print(f"wrote {len(truths)} layouts to {args.out}")
    if args.check:
        return 1 if check(args.out) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
