"""Independent corpus of New Zealand provider quarterly-return files (issue 12, item 9).

Written blind from the issue text only.  Twenty layouts NOVEL01..NOVEL20, each with the
files a provider might really send and a ``truth.json`` holding the true column mapping.

    python generator.py --out DIR            # write the corpus
    python generator.py --out DIR --check    # write it, then re-read every file and verify truth

Standard library plus openpyxl only.  Deterministic: every layout has its own fixed seed.
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
import sys
import zipfile
from xml.sax.saxutils import escape as xml_escape

# ---------------------------------------------------------------------------------------
# Identifiers with valid check digits
# ---------------------------------------------------------------------------------------
NHI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, no O; A=1 .. Z=24


def _lv(ch: str) -> int:
    return NHI_LETTERS.index(ch) + 1


def nhi_old(R: random.Random) -> str:
    """AAANNNC, mod-11 check digit (avoids the edge cases that are invalid)."""
    while True:
        letters = "".join(R.choice(NHI_LETTERS) for _ in range(3))
        digits = [R.randrange(10) for _ in range(3)]
        s = _lv(letters[0]) * 7 + _lv(letters[1]) * 6 + _lv(letters[2]) * 5
        s += digits[0] * 4 + digits[1] * 3 + digits[2] * 2
        m = s % 11
        if m in (0, 1):  # 0 -> invalid, 1 -> check 10 (invalid)
            continue
        return letters + "".join(map(str, digits)) + str(11 - m)


def nhi_old_is_valid(v: str) -> bool:
    v = v.strip().upper()
    if len(v) != 7 or not all(c in NHI_LETTERS for c in v[:3]) or not v[3:].isdigit():
        return False
    s = _lv(v[0]) * 7 + _lv(v[1]) * 6 + _lv(v[2]) * 5 + int(v[3]) * 4 + int(v[4]) * 3 + int(v[5]) * 2
    m = s % 11
    if m == 0:
        return False
    c = 11 - m
    return c != 10 and c % 10 == int(v[6])


def nhi_new(R: random.Random) -> str:
    """AAANNAX, mod-23 check letter."""
    while True:
        letters = "".join(R.choice(NHI_LETTERS) for _ in range(3))
        d = [R.randrange(10) for _ in range(2)]
        l6 = R.choice(NHI_LETTERS)
        s = _lv(letters[0]) * 7 + _lv(letters[1]) * 6 + _lv(letters[2]) * 5 + d[0] * 4 + d[1] * 3 + _lv(l6) * 2
        m = s % 23
        if m == 0:
            continue
        return letters + f"{d[0]}{d[1]}" + l6 + NHI_LETTERS[23 - m - 1]


def nhi_new_is_valid(v: str) -> bool:
    v = v.strip().upper()
    if len(v) != 7 or not all(c in NHI_LETTERS for c in v[:3] + v[5:]) or not v[3:5].isdigit():
        return False
    s = _lv(v[0]) * 7 + _lv(v[1]) * 6 + _lv(v[2]) * 5 + int(v[3]) * 4 + int(v[4]) * 3 + _lv(v[5]) * 2
    m = s % 23
    return m != 0 and NHI_LETTERS[23 - m - 1] == v[6]


def nhi_lookalike_invalid(R: random.Random) -> str:
    """Looks like an old-format NHI but fails the check digit (for provider client codes)."""
    good = nhi_old(R)
    bad = good[:6] + str((int(good[6]) + R.randrange(1, 10)) % 10)
    assert not nhi_old_is_valid(bad)
    return bad


IRD_W1 = (3, 2, 7, 6, 5, 4, 3, 2)


def ird(R: random.Random) -> str:
    while True:
        base = R.randrange(10_000_000, 150_000_000) // 10  # 7-8 digit base
        b = f"{base:08d}"
        s = sum(int(c) * w for c, w in zip(b, IRD_W1))
        r = s % 11
        c = 0 if r == 0 else 11 - r
        if c == 10:
            continue
        num = int(b + str(c))
        if not (10_000_000 <= num <= 150_000_000):
            continue
        t = f"{num:09d}"
        return f"{t[0:3]}-{t[3:6]}-{t[6:9]}"


# ---------------------------------------------------------------------------------------
# Vocabularies (written for this corpus)
# ---------------------------------------------------------------------------------------
NAMES = {
    "maori": (
        ["Aroha", "Tama", "Wiremu", "Mere", "Hemi", "Ngaire", "Rāwiri", "Kahurangi", "Tāne", "Hine",
         "Manaia", "Anahera", "Nikau", "Ariana", "Tipene", "Mihi", "Kauri", "Whetu", "Rangi", "Paora",
         "Maata", "Te Rina", "Hōhepa", "Kiri"],
        ["Ngata", "Parata", "Waaka", "Te Kani", "Hēnare", "Poutama", "Rewi", "Tamihana", "Kereama",
         "Paki", "Te Whare", "Tūhiwai", "Wihongi", "Rātima", "Karaka", "Tautahi", "Hapi", "Mōrehu"],
    ),
    "pacific": (
        ["Sione", "Losa", "Mele", "Tevita", "Fetu", "Malia", "Ioane", "Talia", "Sefo", "Lagi", "Pita",
         "Salote", "Viliami", "Fiafia", "Tavita", "Mosese", "Leilani", "Siaosi", "Ana", "Tui"],
        ["Faleolo", "Tuilagi", "Fonoti", "Taufa", "Vaipulu", "Leaupepe", "Mataele", "Aumua", "Tupou",
         "Fifita", "Sapolu", "Toleafoa", "Pouono", "Tangitau", "Lemalu", "Havili", "Tuimavave", "Manu"],
    ),
    "pakeha": (
        ["Jack", "Olivia", "Sophie", "Liam", "Hannah", "Ethan", "Grace", "Noah", "Charlotte", "Mason",
         "Ruby", "Oscar", "Isla", "Harry", "Amelia", "Kate", "Brent", "Tracey", "Shane", "Leanne",
         "Daniel", "Kirsty"],
        ["Wilson", "Thompson", "McKenzie", "Fraser", "Campbell", "Harris", "Bell", "O'Connor", "Stewart",
         "Walker", "Robertson", "Mitchell", "Dunn", "Gallagher", "Reid", "Sutherland", "Baxter", "Loader"],
    ),
    "asian": (
        ["Wei", "Mei Ling", "Jun", "Xin", "Hye-jin", "Min-jun", "Thanh", "Linh", "Jia Hui", "Kenji",
         "Rosalie", "Marites", "Joel"],
        ["Zhang", "Li", "Chen", "Wang", "Kim", "Park", "Nguyen", "Tran", "Wong", "Liu", "Santos",
         "Dela Cruz", "Reyes"],
    ),
    "indian": (
        ["Priya", "Arjun", "Rohit", "Anjali", "Sanjay", "Deepika", "Harpreet", "Manpreet", "Ravi",
         "Sunita", "Vikram", "Nisha", "Jaspreet", "Kavya"],
        ["Patel", "Singh", "Sharma", "Kaur", "Reddy", "Naidu", "Prasad", "Kumar", "Chand", "Gill",
         "Dhillon", "Lal"],
    ),
    "refugee": (
        ["Ahmad", "Fatima", "Zainab", "Mohammed", "Hussein", "Nour", "Yonas", "Saba", "Luis", "Paw",
         "Eh Htoo", "Amina", "Abdi", "Hawa", "Rahel", "Diana"],
        ["Hakimi", "Rahimi", "Al-Hassan", "Haile", "Tesfaye", "Moreno", "Mohamud", "Jalali", "Karimi",
         "Osman", "Gebremariam", "Ayala", "Noori"],
    ),
}
ETH_OF_GROUP = {
    "maori": [("Māori", "21", "21111")],
    "pacific": [("Samoan", "31", "31111"), ("Tongan", "33", "33111"), ("Cook Islands Māori", "32", "32100"),
                ("Niuean", "34", "34111")],
    "pakeha": [("NZ European", "11", "11111")],
    "asian": [("Chinese", "42", "42100"), ("Korean", "44", None), ("Filipino", "41", None), ("Vietnamese", "41", None)],
    "indian": [("Indian", "43", "43100")],
    "refugee": [("Afghani", "44", None), ("Syrian", "51", None), ("Eritrean", "53", None),
                ("Colombian", "52", None), ("Burmese", "41", None)],
}
# groups whose names should agree with the recorded ethnicity: label -> (given names, family names)
SUBPOOLS = {
    "asian": {
        "Chinese": (["Wei", "Mei Ling", "Jun", "Xin", "Jia Hui", "Hao", "Yan"], ["Zhang", "Li", "Chen", "Wang", "Wong", "Liu"]),
        "Korean": (["Hye-jin", "Min-jun", "Ji-woo", "Seo-yeon"], ["Kim", "Park", "Lee", "Choi"]),
        "Filipino": (["Rosalie", "Marites", "Joel", "Jericho"], ["Santos", "Dela Cruz", "Reyes", "Bautista"]),
        "Vietnamese": (["Thanh", "Linh", "Minh", "Hoa"], ["Nguyen", "Tran", "Pham", "Le"]),
    },
    "refugee": {
        "Afghani": (["Ahmad", "Fatima", "Zainab", "Hussein", "Mohammed"], ["Hakimi", "Rahimi", "Karimi", "Noori", "Jalali"]),
        "Syrian": (["Nour", "Mohammed", "Amina", "Omar"], ["Al-Hassan", "Haddad", "Khalil"]),
        "Eritrean": (["Yonas", "Saba", "Rahel", "Abdi", "Hawa"], ["Haile", "Tesfaye", "Gebremariam", "Osman"]),
        "Colombian": (["Luis", "Diana", "Camila", "Andrés"], ["Moreno", "Ayala", "Gómez"]),
        "Burmese": (["Paw", "Eh Htoo", "Naw Say", "Saw Ler"], ["Htoo", "Paw", "Moo", "Wah"]),
    },
}
MALE_EXTRA = {"Hao", "Min-jun", "Jericho", "Minh", "Omar", "Andrés", "Saw Ler"}
IWI = ["Ngāpuhi", "Ngāti Porou", "Waikato-Tainui", "Ngāi Tahu", "Ngāti Kahungunu", "Te Arawa", "Tūhoe",
       "Ngāti Maniapoto", "Te Rarawa", "Ngāti Tūwharetoa", "Te Āti Awa", "Whakatōhea", "Ngāti Awa",
       "Rongowhakaata"]
# (suburb, town, postcode)
PLACES = [
    ("Ōtāhuhu", "Auckland", "1062"), ("Māngere East", "Auckland", "2024"), ("Papatoetoe", "Auckland", "2025"),
    ("Manurewa", "Auckland", "2102"), ("Henderson", "Auckland", "0612"), ("Glen Innes", "Auckland", "1072"),
    ("Onehunga", "Auckland", "1061"), ("Avondale", "Auckland", "1026"), ("Ranui", "Auckland", "0612"),
    ("Cannons Creek", "Porirua", "5024"), ("Naenae", "Lower Hutt", "5011"), ("Wainuiomata", "Lower Hutt", "5014"),
    ("Newtown", "Wellington", "6021"), ("Aranui", "Christchurch", "8061"), ("Hornby", "Christchurch", "8042"),
    ("Linwood", "Christchurch", "8062"), ("Nawton", "Hamilton", "3200"), ("Enderley", "Hamilton", "3214"),
    ("Koutu", "Rotorua", "3010"), ("Fordlands", "Rotorua", "3015"), ("Kaiti", "Gisborne", "4010"),
    ("Otangarei", "Whangārei", "0112"), ("Maraenui", "Napier", "4110"), ("Flaxmere", "Hastings", "4120"),
    ("Highbury", "Palmerston North", "4412"), ("Caversham", "Dunedin", "9012"), ("Glengarry", "Invercargill", "9810"),
    ("Greerton", "Tauranga", "3112"), ("Kaikohe", "Kaikohe", "0405"), ("Castlecliff", "Whanganui", "4501"),
]
STREETS = ["Great South Road", "Massey Road", "Cameron Street", "Buckland Road", "Rata Street", "Kowhai Avenue",
           "Tui Street", "Pohutukawa Place", "Victoria Street", "Station Road", "Church Street", "Hillcrest Road",
           "Seaview Road", "Matai Street", "Tainui Street", "Kauri Road", "Harris Road", "Dawson Road",
           "Te Ngaio Road", "Nikau Crescent", "Totara Drive", "Rimu Street", "Wharf Road", "Moana Avenue"]
STAFF = ["Rachel Tipene", "Hamish Greig", "Sina Leota", "Anita Desai", "Mark Henare", "Joanne Pirika",
         "Fiona Chu", "Pania Rangitaawa", "Steve Tuala", "Lucy Brennan", "Tania Waititi", "Ravinder Gill"]
NOTE_BITS = [
    "Attended with partner and engaged well in the group discussion.",
    "Did not attend this week; left a voicemail and sent a text.",
    "Working on a weekly budget; rent arrears reduced since last visit.",
    "Whānau hui held at home, nan present and supportive.",
    "Referred on to the food bank and the local WINZ case manager.",
    "Reports feeling more settled; children back at kura this term.",
    "Safety plan reviewed and updated together.",
    "Needs an interpreter for the next session, Dari preferred.",
    "Completed the module on positive discipline.",
    "Struggling with transport to sessions, bus card arranged.",
    "Good progress on goals set at intake.",
    "Moved house mid-term, new address confirmed by phone.",
]
FUNDERS = ["MSD-FS01", "OT-4471", "MOH-DS22", "TPK-WO3", "MPP-118", "ACC-SW9"]


class BadDate(tuple):
    """A date of birth that does not exist on the calendar, e.g. 30 February."""


MON = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTH_LONG = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]


def fdate(d, style: str) -> str:
    """Format a date (or a BadDate) as text in one of the house styles providers use."""
    if d is None:
        return ""
    if isinstance(d, BadDate):
        y, m, dd = d
    else:
        y, m, dd = d.year, d.month, d.day
    return {
        "dmy": f"{dd:02d}/{m:02d}/{y}",
        "dmy_short": f"{dd}/{m}/{y}",
        "iso": f"{y}-{m:02d}-{dd:02d}",
        "dmmmyy": f"{dd}-{MON[m]}-{y % 100:02d}",
        "dmmmyyyy": f"{dd}-{MON[m]}-{y}",
        "dotted": f"{dd:02d}.{m:02d}.{y}",
        "long": f"{dd} {MONTH_LONG[m]} {y}",
        "access": f"{dd}/{m:02d}/{y} 0:00:00",
        "isotime": f"{y}-{m:02d}-{dd:02d}T00:00:00",
    }[style]


def xl_serial(d: dt.date) -> int:
    return (d - dt.date(1899, 12, 30)).days


def quarter_bounds(q: str):
    y, n = int(q[:4]), int(q[5])
    start = dt.date(y, 3 * n - 2, 1)
    end = dt.date(y + (n == 4), (3 * n) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


# ---------------------------------------------------------------------------------------
# People and rows
# ---------------------------------------------------------------------------------------
DEMACRON = str.maketrans("āēīōūĀĒĪŌŪ", "aeiouAEIOU")
MALE_GIVEN = {"Tama", "Wiremu", "Hemi", "Rāwiri", "Tāne", "Nikau", "Tipene", "Kauri", "Rangi", "Paora", "Hōhepa",
              "Sione", "Tevita", "Fetu", "Ioane", "Sefo", "Pita", "Viliami", "Tavita", "Mosese", "Siaosi", "Jack",
              "Liam", "Ethan", "Noah", "Mason", "Oscar", "Harry", "Brent", "Shane", "Daniel", "Wei", "Jun",
              "Min-jun", "Thanh", "Kenji", "Joel", "Arjun", "Rohit", "Sanjay", "Ravi", "Vikram", "Ahmad",
              "Mohammed", "Hussein", "Yonas", "Luis", "Eh Htoo", "Abdi", "Manaia", "Whetu", "Harpreet"}


def pick_group(R, mix):
    groups, weights = zip(*mix.items())
    return R.choices(groups, weights)[0]


def make_person(R, q, mix, *, child=False, nhi_rate=0.7, nhi_kind="old", dob_years=(1948, 2009)):
    g = pick_group(R, mix)
    given = R.choice(NAMES[g][0])
    family = R.choice(NAMES[g][1])
    first_eth = R.choice(ETH_OF_GROUP[g])
    if g in SUBPOOLS:
        first_eth = R.choice(ETH_OF_GROUP[g])
        given = R.choice(SUBPOOLS[g][first_eth[0]][0])
        family = R.choice(SUBPOOLS[g][first_eth[0]][1])
    qs, qe = quarter_bounds(q)
    if child:
        dob = dt.date(R.randint(2021, 2025), R.randint(1, 12), R.randint(1, 28))
        if dob > qs:
            dob = dob.replace(year=2022)
    else:
        dob = dt.date(R.randint(*dob_years), R.randint(1, 12), R.randint(1, 28))
    eth = [first_eth]
    if R.random() < 0.3:
        extra = R.choice(ETH_OF_GROUP[R.choice(["maori", "pakeha", "pacific"])])
        if extra[0] != eth[0][0]:
            eth.append(extra)
    if R.random() < 0.06 and len(eth) == 2:
        extra = R.choice(ETH_OF_GROUP[R.choice(["pacific", "asian"])])
        if extra not in eth:
            eth.append(extra)
    has_maori = any(e[0] == "Māori" for e in eth)
    suburb, town, pc = R.choice(PLACES)
    mobile = R.random() < 0.75
    if mobile:
        phone = f"0{R.choice(['21', '22', '27', '29'])} {R.randint(100, 999)} {R.randint(1000, 9999)}"
    else:
        phone = f"(0{R.choice(['9', '4', '3', '6', '7'])}) {R.randint(200, 999)} {R.randint(1000, 9999)}"
    em_user = f"{given.split()[0].lower().translate(DEMACRON)}.{family.replace(' ', '').replace(chr(39), '').lower().translate(DEMACRON)}"
    email = f"{em_user}{R.randint(1, 99) if R.random() < 0.5 else ''}@{R.choice(['gmail.com', 'xtra.co.nz', 'outlook.com', 'hotmail.co.nz', 'yahoo.com'])}"
    nhi = ""
    if R.random() < nhi_rate:
        kind = nhi_kind if nhi_kind != "mix" else R.choice(["old", "old", "new"])
        nhi = nhi_old(R) if kind == "old" else nhi_new(R)
    cg_group = g if R.random() < 0.8 else pick_group(R, mix)
    caregiver = f"{R.choice(NAMES[cg_group][0])} {family if child or R.random() < 0.5 else R.choice(NAMES[cg_group][1])}"
    return {
        "group": g, "given": given, "family": family, "dob": dob, "nhi": nhi, "ird": ird(R),
        "gender": "X" if R.random() < 0.03 else ("M" if given in MALE_GIVEN | MALE_EXTRA else "F"), "eth": eth,
        "iwi": R.choice(IWI) if has_maori and R.random() < 0.8 else "",
        "phone": phone, "email": email,
        "street": f"{R.randint(1, 240)}{R.choice(['', '', '', 'A', 'B'])} {R.choice(STREETS)}",
        "suburb": suburb, "town": town, "postcode": pc, "caregiver": caregiver,
    }


def make_rows(R, n, q, mix, *, child=False, nhi_rate=0.7, nhi_kind="old", programmes=("Programme",),
              referrals=("Self",), scale=10, month=None, long_format=False, staff=None, dob_years=(1948, 2009)):
    """n rows; with long_format, one row per session (a person appears 1-4 times)."""
    qs, qe = quarter_bounds(q)
    staff = staff or R.sample(STAFF, 4)
    out = []
    while len(out) < n:
        p = make_person(R, q, mix, child=child, nhi_rate=nhi_rate, nhi_kind=nhi_kind, dob_years=dob_years)
        p["programme"] = R.choice(programmes)
        p["referral"] = R.choice(referrals)
        p["key_worker"] = R.choice(staff)
        p["outcome"] = R.choices([0, 1, 2], [0.45, 0.2, 0.35])[0]
        p["consent"] = R.random() < 0.78
        p["wb_start"] = R.randint(1, max(2, scale * 6 // 10))
        p["wb_end"] = min(scale, p["wb_start"] + R.randint(-1, scale // 2 + 1))
        p["children"] = R.choice([0, 1, 1, 2, 2, 3, 4, 5])
        p["waitlist"] = R.randint(0, 14)
        p["interpreter"] = p["group"] in ("refugee", "asian") and R.random() < 0.6 or R.random() < 0.05
        k = R.choice([1, 1, 2, 3, 4]) if long_format else 1
        if month:
            lo = dt.date(qs.year, month, 1)
            hi = (dt.date(qs.year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
        else:
            lo, hi = qs, qe
        span = (hi - lo).days
        days = sorted(R.sample(range(span + 1), k))
        start = lo - dt.timedelta(days=R.randint(0, 260))
        if R.random() < 0.25:
            start = lo + dt.timedelta(days=min(days[0], R.randint(0, 20)))
        total = R.randint(k, k + 10) if not long_format else k
        for i, d in enumerate(days):
            r = dict(p)
            r["service"] = lo + dt.timedelta(days=d)
            r["start"] = start
            r["sessions"] = total
            r["session_no"] = i + 1
            r["notes"] = " ".join(R.sample(NOTE_BITS, R.choice([1, 1, 2])))
            r["bad"] = None
            out.append(r)
            if len(out) == n:
                break
    return out


def spoil(R, rows, kinds, k=None):
    """Make k rows (0-3) invalid: no identity (name and NHI empty), impossible or future DOB."""
    k = R.randint(1, 3) if k is None else k
    for r in R.sample(rows, k):
        kind = R.choice(kinds)
        r["bad"] = kind
        if kind == "noid":
            r["given"] = r["family"] = r["nhi"] = ""
        elif kind == "baddob":
            m, d = R.choice([(2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31)])
            r["dob"] = BadDate((R.randint(1960, 2004), m, d))
        elif kind == "future":
            r["dob"] = dt.date(R.randint(2030, 2036), R.randint(1, 12), R.randint(1, 28))
    return rows


# --- value helpers used by column definitions ---------------------------------------------
def full(r, style="Given Family"):
    g, f = r["given"], r["family"]
    if not g and not f:
        return ""
    return {
        "Given Family": f"{g} {f}",
        "FAMILY, Given": f"{f.upper()}, {g}",
        "Family, Given": f"{f}, {g}",
        "Given FAMILY": f"{g} {f.upper()}",
        "lower": f"{g} {f}".lower(),
        "UPPER": f"{g} {f}".upper(),
        "FAMILY, GIVEN": f"{f}, {g}".upper(),
    }[style]


def addr(r):
    return f"{r['street']}, {r['suburb']}, {r['town']} {r['postcode']}"


def eth_join(r, kind="label", sep="; "):
    idx = {"label": 0, "l2": 1, "l4": 2}[kind]
    vals = [e[idx] if e[idx] else e[1] for e in r["eth"]]
    return sep.join(vals)


def eth_n(r, i, kind="label"):
    idx = {"label": 0, "l2": 1, "l4": 2}[kind]
    if i >= len(r["eth"]):
        return ""
    e = r["eth"][i]
    return e[idx] if e[idx] else e[1]


def gender(r, vocab=("Female", "Male", "Gender diverse")):
    return vocab["FMX".index(r["gender"])]


def dob_xl(r):
    """DOB for a spreadsheet cell: real date, or the typed text a person entered if impossible."""
    d = r["dob"]
    return fdate(d, "dmy") if isinstance(d, BadDate) else d


def dob_serial(r):
    d = r["dob"]
    return fdate(d, "dmy") if isinstance(d, BadDate) else xl_serial(d)


def C(header, target, fn, group=None):
    return {"h": header, "t": target, "f": fn, "g": group}


# ---------------------------------------------------------------------------------------
# The twenty layouts
# ---------------------------------------------------------------------------------------
def T(columns, rows, sheet=None, title=(), groups=False, footer=()):
    cells = [[c["f"](r) for c in columns] for r in rows]  # evaluate now (closures in loops)
    return {"columns": columns, "rows": rows, "cells": cells, "sheet": sheet, "title": [list(t) for t in title],
            "groups": groups, "footer": [list(f) for f in footer],
            "valid": sum(1 for r in rows if not r["bad"])}


def F(name, fmt, tables, encoding=None, delimiter=None, cover=None, quoting=csv.QUOTE_MINIMAL, date_format="dd/mm/yyyy"):
    return {"name": name, "format": fmt, "tables": tables, "encoding": encoding, "delimiter": delimiter,
            "cover": cover, "quoting": quoting, "date_format": date_format}


def L01(R):
    q = "2026Q3"
    rows = spoil(R, make_rows(R, 142, q, {"pakeha": 4, "maori": 4, "pacific": 2, "indian": 1},
                              programmes=("Incredible Years Parent", "Triple P Group", "Toddler Tips"),
                              referrals=("Oranga Tamariki", "GP", "Self", "Plunket", "School")), ["noid", "baddob"])
    cols = [
        C("Client ID", "client_ref", lambda r: f"WT-{R.randint(100, 9999):05d}"),
        C("Surname", "family_name", lambda r: r["family"]),
        C("First name(s)", "given_names", lambda r: r["given"]),
        C("D.O.B.", "date_of_birth", lambda r: fdate(r["dob"], "dmy")),
        C("NHI", "nhi", lambda r: r["nhi"]),
        C("Gender", "gender", gender),
        C("Ethnicity", "ethnicity", lambda r: eth_join(r, "label", "; ")),
        C("Street address", "address_street", lambda r: r["street"]),
        C("Suburb", "address_suburb", lambda r: r["suburb"]),
        C("Town/City", "address_town", lambda r: r["town"]),
        C("Postcode", "address_postcode", lambda r: r["postcode"]),
        C("Programme", "programme", lambda r: r["programme"]),
        C("Referred by", "referral_source", lambda r: r["referral"]),
        C("Session date", "service_date", lambda r: fdate(r["service"], "dmy")),
        C("Sessions attended", "sessions_attended", lambda r: str(r["sessions"])),
        C("Outcome", "outcome_status", lambda r: ["Completed", "Exited early", "Ongoing"][r["outcome"]]),
        C("Consent to evaluation", "consent_evaluation", lambda r: "Yes" if r["consent"] else "No"),
        C("Key worker", "key_worker", lambda r: r["key_worker"]),
        C("Funder code", None, lambda r: R.choice(FUNDERS)),
        C("Interpreter needed", None, lambda r: "Yes" if r["interpreter"] else "No"),
    ]
    tot = [""] * len(cols)
    tot[0] = "TOTAL"
    tot[14] = str(sum(r["sessions"] for r in rows))
    return {"provider": "whanau-tautoko-parenting", "quarter": q,
            "features": ["case_management_export", "csv", "utf8_bom", "split_address", "ethnicity_semicolon_list",
                         "trailing_totals_row", "yes_no_not_consent", "funder_code_distractor", "parenting"],
            "files": [F("WTP_quarterly_return_2026Q3.csv", "csv", [T(cols, rows, footer=[[""] * len(cols), tot])],
                        encoding="utf-8-sig", delimiter=",")]}


def L02(R):
    q = "2026Q2"
    rows = spoil(R, make_rows(R, 88, q, {"pakeha": 3, "pacific": 3, "maori": 3, "indian": 1},
                              programmes=("Budget mentoring", "KiwiSaver hardship help", "Debt solutions workshop"),
                              referrals=("Friend or whānau", "Facebook", "WINZ", "Church", "Radio")), ["noid", "baddob"])

    def ts(r):
        d = r["service"] - dt.timedelta(days=R.randint(1, 12))
        d = max(d, quarter_bounds(q)[0])
        return f"{d.day}/{d.month}/{d.year} {R.randint(8, 21)}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}"

    cols = [
        C("Timestamp", None, ts),
        C("What is your full name?", "full_name", lambda r: full(r, R.choice(["Given Family"] * 4 + ["lower"]))),
        C("Date of birth", "date_of_birth", lambda r: fdate(r["dob"], "dmy_short")),
        C("Phone number", "phone", lambda r: r["phone"]),
        C("Email address", "email", lambda r: r["email"] if R.random() < 0.85 else ""),
        C("Your address", "address", addr),
        C("Which service did you come to?", "programme", lambda r: r["programme"]),
        C("How did you hear about us?", "referral_source", lambda r: r["referral"]),
        C("Date of your appointment", "service_date", lambda r: fdate(r["service"], "dmy_short")),
        C("How stressed about money did you feel BEFORE? (1-10)", "wellbeing_start", lambda r: r["wb_start"]),
        C("How stressed about money do you feel NOW? (1-10)", "wellbeing_end", lambda r: r["wb_end"]),
        C("How many children live in your household?", None, lambda r: r["children"]),
        C("Is it OK for us to use your answers to evaluate our service?", "consent_evaluation",
          lambda r: "Yes, that's fine" if r["consent"] else "No thanks"),
        C("Column1", None, lambda r: R.choice(["", "", "", "", "called back", "ok", "dup?"])),
    ]
    return {"provider": "moni-wise-budgeting", "quarter": q,
            "features": ["survey_tool", "google_forms_sheet_download", "questions_as_headers", "no_client_ref",
                         "no_nhi", "column1_header", "numeric_not_score", "full_address", "budgeting"],
            "files": [F("Moni Wise intake form (Responses) - Form responses 1.csv", "csv", [T(cols, rows)],
                        encoding="utf-8", delimiter=",")]}


def L03(R):
    q = "2026Q3"
    rows = spoil(R, make_rows(R, 121, q, {"maori": 5, "pakeha": 3, "pacific": 2},
                              programmes=("Whānau safety", "Men's stopping violence", "Women's support group"),
                              referrals=("Police", "Oranga Tamariki", "Self", "Court", "Women's Refuge")),
                 ["noid", "future", "baddob"])
    G1, G2, G3, G4 = "Client details", "Whānau", "Service", "Evaluation"
    cols = [
        C("Client no.", "client_ref", lambda r: f"{R.randint(20000, 29999)}", G1),
        C("Family name", "family_name", lambda r: r["family"], G1),
        C("Given names", "given_names", lambda r: r["given"], G1),
        C("DOB", "date_of_birth", dob_xl, G1),
        C("Gender", "gender", lambda r: gender(r, ("F", "M", "X")), G1),
        C("Ethnicity", "ethnicity", lambda r: eth_join(r, "label", ", "), G1),
        C("Whānau contact", "caregiver_name", lambda r: r["caregiver"], G2),
        C("Children in household", None, lambda r: r["children"], G2),
        C("Service start", "start_date", lambda r: r["start"], G3),
        C("Last contact", "service_date", lambda r: r["service"], G3),
        C("Contacts this quarter", "sessions_attended", lambda r: r["sessions"], G3),
        C("Status at quarter end", "outcome_status",
          lambda r: ["Closed – goals met", "Closed – disengaged", "Open"][r["outcome"]], G3),
        C("Safety plan in place?", None, lambda r: R.choice(["Y", "Y", "N"]), G3),
        C("Consent given?", "consent_evaluation", lambda r: "Y" if r["consent"] else "N", G4),
        C("Wellbeing at intake (0-10)", "wellbeing_start", lambda r: r["wb_start"], G4),
        C("Wellbeing at review (0-10)", "wellbeing_end", lambda r: r["wb_end"], G4),
        C("Case notes", "case_notes", lambda r: r["notes"], None),
    ]
    cover = [["Te Whare Haumaru – quarterly return"], [""],
             ["How to fill in this workbook"],
             ["1. Enter one row per client on the 'Q3 return' sheet."],
             ["2. Dates as dd/mm/yyyy. Do not change the column headings."],
             ["3. Questions? Contact our data coordinator: kiri.hapi@tewharehaumaru.org.nz or 07 348 2210"],
             [""], ["Return due 15 October 2026."]]
    return {"provider": "te-whare-haumaru", "quarter": q,
            "features": ["xlsx", "cover_sheet_with_staff_email", "data_on_second_sheet", "merged_group_headers",
                         "excel_dates", "caregiver_column", "pre_post_scores", "case_notes", "family_violence",
                         "numeric_not_score", "yes_no_not_consent"],
            "files": [F("TWH Q3 2026 return.xlsx", "xlsx", [T(cols, rows, sheet="Q3 return", groups=True)],
                        cover=("Instructions", cover), date_format="d/mm/yyyy")]}


def L04(R):
    q = "2026Q3"
    rows = spoil(R, make_rows(R, 117, q, {"maori": 4, "pacific": 3, "pakeha": 2, "asian": 1}, nhi_rate=0,
                              programmes=("Rangatahi leadership", "Boxing for life", "Youth mentoring"),
                              referrals=("School", "Police youth aid", "Whānau", "Self"), dob_years=(2007, 2013)),
                 ["noid", "future"])
    cols = [
        C("Young person\nID", "client_ref", lambda r: f"YP{R.randint(1000, 9999)}"),
        C("First\nname", "given_names", lambda r: r["given"].lower()),
        C("Last\nname", "family_name", lambda r: r["family"].lower()),
        C("Date of\nbirth", "date_of_birth", lambda r: fdate(r["dob"], "iso")),
        C("Gender", "gender", lambda r: gender(r, ("female", "male", "non-binary"))),
        C("Ethnicity", "ethnicity", lambda r: eth_n(r, 0)),
        C("School", None, lambda r: R.choice(["Tangaroa College", "Aorere College", "Kaitāia College", "Hillmorton High", "Home-schooled", ""])),
        C("Mobile", "phone", lambda r: r["phone"] if r["phone"].startswith("02") else ""),
        C("Start\ndate", "start_date", lambda r: fdate(r["start"], "iso")),
        C("Session\ndate", "service_date", lambda r: fdate(r["service"], "iso")),
        C("Sessions\n(count)", "sessions_attended", lambda r: str(r["sessions"])),
        C("Status", "outcome_status", lambda r: ["Graduated", "Left early", "Still engaged"][r["outcome"]]),
        C("Mentor", "key_worker", lambda r: r["key_worker"]),
        C("Consent\n(Y/N)", "consent_evaluation", lambda r: "Y" if r["consent"] else "N"),
    ]
    return {"provider": "rangatahi-rise-youth", "quarter": q,
            "features": ["tsv", "utf16", "line_breaks_in_headers", "lowercase_names", "iso_dates", "youth"],
            "files": [F("rise_export_2026-10-02.tsv", "tsv", [T(cols, rows)], encoding="utf-16", delimiter="\t")]}


def L05(R):
    q = "2026Q3"
    rows = spoil(R, make_rows(R, 96, q, {"maori": 9, "pakeha": 1}, nhi_rate=0,
                              programmes=("Mau Rakau", "Whanau Ora navigation", "Te Reo Rumaki"),
                              referrals=("Marae", "Whanau", "Kura", "GP")), ["noid", "baddob"])
    cols = [
        C("Tau", None, None),
        C("Ingoa tuatahi", "given_names", lambda r: r["given"]),
        C("Ingoa whanau", "family_name", lambda r: r["family"]),
        C("Ra whanau", "date_of_birth", lambda r: fdate(r["dob"], "dmy")),
        C("Ira tangata", "gender", lambda r: gender(r, ("Wahine", "Tane", "Ira ke"))),
        C("Iwi", "iwi", lambda r: r["iwi"]),
        C("Hapu", None, lambda r: R.choice(["Ngati Hine", "Te Whanau a Apanui", "Ngati Kuri", "Ngai Te Rangi", ""]) if r["iwi"] else ""),
        C("Waea", "phone", lambda r: r["phone"]),
        C("Kaupapa", "programme", lambda r: r["programme"]),
        C("Ra timata", "start_date", lambda r: fdate(r["start"], "dmy")),
        C("Ra hui", "service_date", lambda r: fdate(r["service"], "dmy")),
        C("Tokomaha hui", "sessions_attended", lambda r: str(r["sessions"])),
        C("Putanga", "outcome_status", lambda r: ["Kua oti", "Kua mutu", "Kei te haere tonu"][r["outcome"]]),
        C("Whakaae", "consent_evaluation", lambda r: "Ae" if r["consent"] else "Kao"),
        C("Kaimahi", "key_worker", lambda r: r["key_worker"]),
    ]
    for i, r in enumerate(rows):
        r["_rowno"] = i + 1
    cols[0]["f"] = lambda r: str(r["_rowno"])
    return {"provider": "te-puna-ora-o-tautahi", "quarter": q,
            "features": ["csv", "cp1252", "semicolon", "te_reo_headers_no_macrons", "title_row", "row_number_column",
                         "ae_kao_consent", "kaupapa_maori"],
            "files": [F("TPO Purongo Hauwha 3 2026.csv", "csv",
                        [T(cols, rows, title=[["Te Puna Ora o Tautahi - Purongo Hauwha 3 2026"]])],
                        encoding="cp1252", delimiter=";")]}


def L06(R):
    q = "2026Q2"
    rows = spoil(R, make_rows(R, 134, q, {"maori": 8, "pakeha": 1, "pacific": 1}, nhi_rate=0.8, nhi_kind="mix", scale=5,
                              programmes=("Whānau Ora", "Hauora tāne", "Kōhanga whānau"),
                              referrals=("Marae", "Whānau", "GP")), ["noid", "future"])
    for i, r in enumerate(rows):
        r["_rowno"] = i + 1
    cols = [
        C("Tau", None, lambda r: r["_rowno"]),
        C("Ingoa", "full_name", lambda r: full(r, "Given Family")),
        C("Rā whānau", "date_of_birth", dob_xl),
        C("NHI", "nhi", lambda r: r["nhi"]),
        C("Ira tangata", "gender", lambda r: gender(r, ("Wahine", "Tāne", "Ira kē"))),
        C("Mātāwaka", "ethnicity", lambda r: eth_join(r, "label", ", ")),
        C("Iwi", "iwi", lambda r: r["iwi"]),
        C("Hapū", None, lambda r: R.choice(["Ngāti Hine", "Te Aitanga a Māhaki", "Ngāti Kurī", ""]) if r["iwi"] else ""),
        C("Kāinga", "address", addr),
        C("Kaupapa", "programme", lambda r: r["programme"]),
        C("Rā tīmata", "start_date", lambda r: r["start"]),
        C("Te rā i tae mai", "service_date", lambda r: r["service"]),
        C("Whakaaetanga ki te aromātai", "consent_evaluation", lambda r: "Āe" if r["consent"] else "Kāo"),
        C("Te āhua i te tīmatanga (1-5)", "wellbeing_start", lambda r: r["wb_start"]),
        C("Te āhua ināianei (1-5)", "wellbeing_end", lambda r: r["wb_end"]),
        C("Kaiāwhina", "key_worker", lambda r: r["key_worker"]),
        C("He kōrero", "case_notes", lambda r: r["notes"]),
    ]
    return {"provider": "kahui-whanau-ora", "quarter": q,
            "features": ["xlsx", "te_reo_headers_macrons", "two_title_rows", "new_format_nhi", "full_address",
                         "row_number_column", "ae_kao_consent", "excel_dates", "kaupapa_maori"],
            "files": [F("Kāhui Whānau Ora - Hauwhā 2.xlsx", "xlsx",
                        [T(cols, rows, sheet="Rārangi", title=[["Kāhui Whānau Ora"], ["Pūrongo hauwhā: Paenga-whāwhā – Pipiri 2026"]])],
                        date_format="dd/mm/yyyy")]}


def L07(R):
    q = "2026Q3"
    progs = ("Fanau Malosi parenting", "Pasifika healthy homes", "Aoga faifeau youth")
    mix = {"pacific": 8, "maori": 1, "pakeha": 1}
    files = []
    for part, n in ((1, 90), (2, 71)):
        rows = spoil(R, make_rows(R, n, q, mix, nhi_rate=0, programmes=progs,
                                  referrals=("Church minister", "Plunket", "Self")), ["noid", "baddob"])
        cols = [
            C("Ref #", "client_ref", lambda r: f"FM{R.randint(100, 999)}"),
            C("Surname", "family_name", lambda r: r["family"].upper()),
            C("Christian name", "given_names", lambda r: r["given"]),
            C("DOB", "date_of_birth", lambda r: fdate(r["dob"], "dmmmyyyy")),
            C("Sex", "gender", lambda r: gender(r, ("F", "M", "F"))),
            C("Eth 1", "ethnicity", lambda r: eth_n(r, 0, "l4")),
            C("Eth 2", "ethnicity", lambda r: eth_n(r, 1, "l4")),
            C("Eth 3", "ethnicity", lambda r: eth_n(r, 2, "l4")),
            C("Church / community group", None, lambda r: R.choice(["EFKS Ōtāhuhu", "Free Wesleyan Māngere", "CICC Papatoetoe", "LDS", ""])),
            C("Ph", "phone", lambda r: r["phone"]),
            C("Addr", "address", addr),
            C("Programme", "programme", lambda r: r["programme"]),
            C("Sess.", "sessions_attended", lambda r: str(r["sessions"])),
            C("Date", "service_date", lambda r: fdate(r["service"], "dmmmyy")),
            C("Result", "outcome_status", lambda r: ["Completed", "Dropped out", "Continuing"][r["outcome"]]),
            C("Consent", "consent_evaluation", lambda r: "Y" if r["consent"] else "N"),
        ]
        files.append(F(f"Fanau Malosi Q3 part {part}.csv", "csv", [T(cols, rows)], encoding="utf-8", delimiter=","))
    return {"provider": "fanau-malosi-pacific", "quarter": q,
            "features": ["csv", "two_part_submission", "numbered_ethnicity_columns", "ethnicity_level4_codes",
                         "abbreviated_headers", "d-mmm-yy_dates", "uppercase_surnames", "pacific"],
            "files": files}


def L08(R):
    q = "2026Q2"
    rows = spoil(R, make_rows(R, 160, q, {"pakeha": 5, "maori": 3, "pacific": 1, "asian": 1}, nhi_rate=0.9,
                              programmes=("Supported living", "Respite", "Day programme", "Community participation"),
                              referrals=("NASC", "Hospital", "Whānau")), ["noid", "baddob"])
    ids = {}
    cols = [
        C("ClientID", "client_ref", lambda r: str(ids.setdefault(r["nhi"] or id(r), 3000 + len(ids)))),
        C("FName", "given_names", lambda r: r["given"]),
        C("LName", "family_name", lambda r: r["family"]),
        C("DOB", "date_of_birth", lambda r: fdate(r["dob"], "access")),
        C("NHINo", "nhi", lambda r: r["nhi"]),
        C("GenderCode", "gender", lambda r: r["gender"]),
        C("EthCode", "ethnicity", lambda r: eth_n(r, 0, "l2")),
        C("AddrLine1", "address_street", lambda r: r["street"]),
        C("Suburb", "address_suburb", lambda r: r["suburb"]),
        C("City", "address_town", lambda r: r["town"]),
        C("PostCode", "address_postcode", lambda r: r["postcode"]),
        C("ServiceType", "programme", lambda r: r["programme"]),
        C("StartDt", "start_date", lambda r: fdate(r["start"], "access")),
        C("VisitDt", "service_date", lambda r: fdate(r["service"], "access")),
        C("Visits", "sessions_attended", lambda r: str(r["sessions"])),
        C("StatusCode", "outcome_status", lambda r: ["CLS", "WDN", "ACT"][r["outcome"]]),
        C("EvalConsent", "consent_evaluation", lambda r: "-1" if r["consent"] else "0"),
        C("SupportWorker", "key_worker", lambda r: r["key_worker"]),
        C("FundingCode", None, lambda r: R.choice(["DSS01", "DSS04", "IF", "EGL"])),
        C("NASCRef", None, lambda r: f"N{R.randint(100000, 999999)}"),
        C("ModifiedBy", None, lambda r: R.choice(["admin", "jpirika", "hgreig"])),
        C("ModifiedDt", None, lambda r: fdate(r["service"] + dt.timedelta(days=R.randint(0, 20)), "access")),
    ]
    return {"provider": "access-ability-trust", "quarter": q,
            "features": ["access_database_dump", "pipe_delimited", "all_fields_quoted", "camelcase_headers",
                         "access_datetime_format", "gender_codes", "ethnicity_level2_codes", "access_boolean_consent",
                         "status_codes", "split_address", "disability_support"],
            "files": [F("tblClientVisits.txt", "csv", [T(cols, rows)], encoding="utf-8", delimiter="|",
                        quoting=csv.QUOTE_ALL)]}


def L09(R):
    q = "2026Q3"
    rows = spoil(R, make_rows(R, 74, q, {"refugee": 9, "asian": 1}, nhi_rate=0,
                              programmes=("Orientation programme", "Employment pathway", "English for everyday life"),
                              referrals=("Red Cross", "WINZ", "Settlement caseworker", "Self")), ["noid", "future"])
    cols = [
        C("case_ref", "client_ref", lambda r: f"NS-{R.randint(2024, 2026)}-{R.randint(1, 999):03d}"),
        C("name", "full_name", lambda r: full(r, "Given Family")),
        C("date_of_birth", "date_of_birth", lambda r: fdate(r["dob"], "iso")),
        C("gender", "gender", lambda r: gender(r, ("female", "male", "other"))),
        C("country_of_origin", None, lambda r: {"Afghani": "Afghanistan", "Syrian": "Syria", "Eritrean": "Eritrea",
                                                "Colombian": "Colombia", "Burmese": "Myanmar"}.get(r["eth"][0][0], "Other")),
        C("language", None, lambda r: R.choice(["Dari", "Arabic", "Tigrinya", "Spanish", "Karen", "Pashto"])),
        C("interpreter_required", None, lambda r: bool(r["interpreter"])),
        C("household_children", None, lambda r: r["children"]),
        C("ethnicity", "ethnicity", lambda r: eth_n(r, 0)),
        C("phone", "phone", lambda r: r["phone"]),
        C("address", "address", addr),
        C("programme", "programme", lambda r: r["programme"]),
        C("referred_by", "referral_source", lambda r: r["referral"]),
        C("enrolled_on", "start_date", lambda r: fdate(r["start"], "iso")),
        C("session_date", "service_date", lambda r: fdate(r["service"], "iso")),
        C("sessions", "sessions_attended", lambda r: r["sessions"]),
        C("status", "outcome_status", lambda r: ["completed", "exited_early", "in_progress"][r["outcome"]]),
        C("evaluation_consent", "consent_evaluation", lambda r: bool(r["consent"])),
        C("caseworker", "key_worker", lambda r: r["key_worker"]),
        C("notes", "case_notes", lambda r: r["notes"]),
    ]
    return {"provider": "new-shores-resettlement", "quarter": q,
            "features": ["json_records", "snake_case_keys", "boolean_consent", "boolean_not_consent",
                         "numeric_not_score", "refugee_resettlement", "case_notes"],
            "files": [F("new_shores_2026Q3.json", "json", [T(cols, rows)], encoding="utf-8")]}


def L10(R):
    q = "2026Q3"
    tables = []
    staff = ["Whaea Mere", "Aunty Losa", "Sarah Kingi", "Priya Naidu"]
    for month, n in ((7, 72), (8, 66), (9, 81)):
        rows = spoil(R, make_rows(R, n, q, {"maori": 4, "pakeha": 3, "pacific": 2, "indian": 1}, child=True,
                                  nhi_rate=0.85, programmes=("ECE",), month=month, staff=staff),
                     ["noid", "baddob"], k=R.randint(0, 1))
        cols = [
            C("Child's name", "full_name", lambda r: full(r, "Given Family")),
            C("Child DOB", "date_of_birth", dob_serial),
            C("NHI", "nhi", lambda r: r["nhi"]),
            C("Gender", "gender", lambda r: gender(r, ("Girl", "Boy", "Girl"))),
            C("Ethnicity", "ethnicity", lambda r: eth_join(r, "label", ", ")),
            C("Parent / caregiver", "caregiver_name", lambda r: r["caregiver"]),
            C("Contact ph", "phone", lambda r: r["phone"]),
            C("Enrolled", "start_date", lambda r: xl_serial(min(r["start"], r["service"]))),
            C("Date attended", "service_date", lambda r: xl_serial(r["service"])),
            C("Days attended", "sessions_attended", lambda r: min(r["sessions"] + 5, 22)),
            C("Room", None, lambda r: R.choice(["Kōwhai room", "Tūī room", "Pīwakawaka room"])),
            C("Kaiako", "key_worker", lambda r: r["key_worker"]),
            C("Photo consent", None, lambda r: R.choice(["Yes", "Yes", "No"])),
            C("Research consent", "consent_evaluation", lambda r: "Yes" if r["consent"] else "No"),
        ]
        tables.append(T(cols, rows, sheet=f"{MONTH_LONG[month]} 2026"))
    return {"provider": "little-steps-ece", "quarter": q,
            "features": ["xlsx", "one_sheet_per_month", "excel_serial_dates_as_numbers", "client_is_child",
                         "caregiver_column", "consent_distractor_photo", "early_childhood"],
            "files": [F("Little Steps attendance Jul-Sep 2026.xlsx", "xlsx", tables)]}


def L11(R):
    q = "2026Q2"
    rows = make_rows(R, 148, q, {"maori": 4, "pacific": 3, "pakeha": 2, "indian": 1}, nhi_rate=0, scale=5,
                     long_format=True, programmes=("Stand Tall mentoring",), dob_years=(2006, 2012))
    spoil(R, rows, ["noid", "baddob"])
    ids = {}
    cols = [
        C("YOUTH_ID ", "client_ref", lambda r: ids.setdefault((r["email"], r["street"]), f"ST{len(ids) + 101:04d}")),
        C("NAME ", "full_name", lambda r: full(r, "FAMILY, GIVEN")),
        C("DOB ", "date_of_birth", lambda r: fdate(r["dob"], "dmy")),
        C("GENDER", "gender", lambda r: r["gender"]),
        C("ETH", "ethnicity", lambda r: eth_join(r, "l2", ",")),
        C("SESSION_DATE", "service_date", lambda r: fdate(r["service"], "iso")),
        C("SESSION_NO", None, lambda r: r["session_no"]),
        C("MENTOR  ", "key_worker", lambda r: r["key_worker"].upper()),
        C("WELLBEING_PRE (1-5)", "wellbeing_start", lambda r: r["wb_start"]),
        C("WELLBEING_POST (1-5)", "wellbeing_end", lambda r: r["wb_end"]),
        C("STATUS", "outcome_status", lambda r: ["COMPLETE", "EXITED", "ACTIVE"][r["outcome"]]),
        C("CONSENT", "consent_evaluation", lambda r: "Y" if r["consent"] else "N"),
    ]
    return {"provider": "stand-tall-mentoring", "quarter": q,
            "features": ["csv_gz", "long_format_one_row_per_session", "caps_headers_trailing_spaces",
                         "uppercase_names_family_first", "ethnicity_level2_comma_list", "session_number_distractor", "youth"],
            "files": [F("standtall_sessions_q2.csv.gz", "csv.gz", [T(cols, rows)], encoding="utf-8", delimiter=",")]}


def L12(R):
    q = "2026Q3"
    rows = spoil(R, make_rows(R, 108, q, {"pakeha": 4, "maori": 3, "pacific": 2, "asian": 1}, nhi_rate=0, scale=5,
                              programmes=("Budget advice", "Debt consolidation", "Money mates group"),
                              referrals=("WINZ", "Kāinga Ora", "Self", "Community law", "Food bank")), ["noid", "future"])
    cols = [
        C("Client name", "full_name", lambda r: full(r, "FAMILY, Given")),
        C("Date of Birth", "date_of_birth", lambda r: r["dob"] if not isinstance(r["dob"], BadDate) else fdate(r["dob"], "dmy")),
        C("IRD number", "ird", lambda r: r["ird"] if R.random() < 0.8 else ""),
        C("Phone", "phone", lambda r: r["phone"]),
        C("Email", "email", lambda r: r["email"]),
        C("Address", "address", addr),
        C("Service", "programme", lambda r: r["programme"]),
        C("Referral from", "referral_source", lambda r: r["referral"]),
        C("First appointment", "start_date", lambda r: r["start"]),
        C("Appointment date", "service_date", lambda r: r["service"]),
        C("No. of appointments", "sessions_attended", lambda r: r["sessions"]),
        C("Debt at intake ($)", None, lambda r: round(R.uniform(300, 24000), 2)),
        C("Financial confidence before (1-5)", "wellbeing_start", lambda r: r["wb_start"]),
        C("Financial confidence after (1-5)", "wellbeing_end", lambda r: r["wb_end"]),
        C("Agreed to evaluation?", "consent_evaluation", lambda r: "Consented" if r["consent"] else "Declined"),
        C("Budget advisor", "key_worker", lambda r: r["key_worker"]),
        C("Case status", "outcome_status",
          lambda r: ["Closed - completed", "Closed - did not return", "Open"][r["outcome"]]),
    ]
    return {"provider": "thrive-budget-hub", "quarter": q,
            "features": ["ods", "title_rows_and_blank_row", "family_first_full_name", "ird", "money_not_score",
                         "consented_declined", "budgeting"],
            "files": [F("Thrive Budget Hub Q3 2026.ods", "ods",
                        [T(cols, rows, sheet="Clients", title=[["Thrive Budget Hub"], ["Quarterly client return – July to September 2026"], [""]])])]}


def L13(R):
    q = "2026Q3"
    rows = spoil(R, make_rows(R, 180, q, {"pakeha": 3, "maori": 3, "pacific": 2, "asian": 1, "indian": 1},
                              nhi_rate=0, programmes=("Family Start", "Social work in schools", "Strengthening families"),
                              referrals=("School", "Oranga Tamariki", "GP", "Self", "Police")), ["noid", "baddob", "future"])
    for i, r in enumerate(rows):
        r["_rowno"] = i + 1
    cols = [
        C("Row #", None, lambda r: str(r["_rowno"])),
        C("Record ID", None, lambda r: f"{R.randint(4000000, 4999999)}"),
        C("Client Number", "client_ref", lambda r: f"C{R.randint(10000, 99999)}"),
        C("Title", None, lambda r: {"F": R.choice(["Ms", "Mrs", "Miss"]), "M": "Mr", "X": "Mx"}[r["gender"]]),
        C("Given Name", "given_names", lambda r: r["given"]),
        C("Family Name", "family_name", lambda r: r["family"]),
        C("Preferred Name", None, lambda r: R.choice(["", "", "", r["given"][:3]])),
        C("Date of Birth", "date_of_birth", lambda r: fdate(r["dob"], "dmy")),
        C("Age at Referral", None, lambda r: str(2026 - r["dob"][0] if isinstance(r["dob"], BadDate) else max(0, 2026 - r["dob"].year))),
        C("Gender", "gender", gender),
        C("Ethnicity (Prioritised)", "ethnicity", lambda r: eth_n(r, 0)),
        C("Primary Language", None, lambda r: R.choice(["English", "English", "Te Reo Maori", "Samoan", "Tongan", "Hindi", "Mandarin"])),
        C("Interpreter Needed", None, lambda r: "Y" if r["interpreter"] else "N"),
        C("Mobile Phone", "phone", lambda r: r["phone"]),
        C("Residential Address", "address", lambda r: addr(r).translate(DEMACRON)),
        C("Region", None, lambda r: R.choice(["Northern", "Midland", "Central", "Southern"])),
        C("Referral Date", None, lambda r: fdate(r["start"] - dt.timedelta(days=R.randint(7, 60)), "dmy")),
        C("Referral Source", "referral_source", lambda r: r["referral"]),
        C("Programme", "programme", lambda r: r["programme"]),
        C("Programme Start", "start_date", lambda r: fdate(r["start"], "dmy")),
        C("Contract Line", None, lambda r: R.choice(["FS-0921", "SWiS-22", "SF-110"])),
        C("Funder", None, lambda r: R.choice(["Oranga Tamariki", "MSD", "Lottery"])),
        C("Weeks on Waitlist", None, lambda r: str(r["waitlist"])),
        C("Children in Household", None, lambda r: str(r["children"])),
        C("Risk Rating", None, lambda r: R.choice(["Low", "Medium", "High"])),
        C("Household Income Band", None, lambda r: R.choice(["<$30k", "$30-50k", "$50-70k", ">$70k", "Not stated"])),
        C("Housing Type", None, lambda r: R.choice(["Kainga Ora", "Private rental", "Owned", "Emergency housing", "Boarding"])),
        C("Benefit Type", None, lambda r: R.choice(["Jobseeker", "Sole Parent", "Supported Living", "None", ""])),
        C("Court Order (Y/N)", None, lambda r: R.choice(["N", "N", "N", "Y"])),
        C("Transport Assistance", None, lambda r: R.choice(["Yes", "No", "No"])),
        C("Last Session Date", "service_date", lambda r: fdate(r["service"], "dmy")),
        C("Sessions Attended", "sessions_attended", lambda r: str(r["sessions"])),
        C("Exit Status", "outcome_status", lambda r: ["Exited - plan completed", "Exited - lost contact", "Current"][r["outcome"]]),
        C("Evaluation Consent", "consent_evaluation", lambda r: "Yes" if r["consent"] else "No"),
        C("Survey Sent", None, lambda r: R.choice(["Yes", "No"])),
        C("Assigned Worker", "key_worker", lambda r: r["key_worker"]),
        C("Notes for agency", None, lambda r: R.choice(["FU", "NR", "TX2", "", "", "OK", "CHK"])),
        C("Created By", None, lambda r: R.choice(["rtipene", "hgreig", "sleota", "system"])),
        C("Created On", None, lambda r: fdate(r["start"] - dt.timedelta(days=R.randint(0, 30)), "dmy")),
        C("Last Modified", None, lambda r: fdate(r["service"] + dt.timedelta(days=R.randint(0, 10)), "dmy")),
    ]
    return {"provider": "wide-open-social-services", "quarter": q,
            "features": ["case_management_export", "wide_40_columns", "cp1252", "many_distractors", "row_number_column",
                         "notes_for_agency_codes", "numeric_not_score", "yes_no_not_consent", "extra_date_columns",
                         "social_services"],
            "files": [F("WOSS_ClientExport_20261003.csv", "csv", [T(cols, rows)], encoding="cp1252", delimiter=",")]}


def L14(R):
    q = "2026Q2"
    rows = spoil(R, make_rows(R, 77, q, {"pakeha": 5, "maori": 3, "asian": 1, "pacific": 1}, nhi_rate=0,
                              programmes=("Toolbox", "Parenting Through Separation", "Positive Parenting")), ["noid", "baddob"])
    cols = [
        C("Client code", "client_ref", lambda r: nhi_lookalike_invalid(R)),
        C("Name", "full_name", lambda r: full(r, "Given Family")),
        C("Born", "date_of_birth", lambda r: fdate(r["dob"], "dmmmyyyy")),
        C("Date", "start_date", lambda r: fdate(r["start"], "dmmmyy")),
        C("Date", "service_date", lambda r: fdate(r["service"], "dmmmyy")),
        C("", None, lambda r: R.choice(["", "", "", "*", "**"])),
        C("Ph", "phone", lambda r: r["phone"]),
        C("Suburb", "address_suburb", lambda r: r["suburb"].translate(DEMACRON)),
        C("Town", "address_town", lambda r: r["town"].translate(DEMACRON)),
        C("Course", "programme", lambda r: r["programme"]),
        C("Attended", "sessions_attended", lambda r: str(r["sessions"])),
        C("Finished?", "outcome_status", lambda r: ["Yes", "No - left early", "Not yet"][r["outcome"]]),
        C("OK to use for eval?", "consent_evaluation", lambda r: "Y" if r["consent"] else "N"),
        C("Facilitator", "key_worker", lambda r: r["key_worker"]),
    ]
    return {"provider": "harbour-families-trust", "quarter": q,
            "features": ["csv", "cp1252", "title_row", "duplicate_date_headers", "blank_header_column",
                         "nhi_lookalike_client_ids", "partial_split_address", "d-mmm-yy_dates", "hand_kept_spreadsheet",
                         "parenting"],
            "files": [F("HFT courses Apr-Jun 2026.csv", "csv",
                        [T(cols, rows, title=[["Harbour Families Trust – Parenting Courses Apr–Jun 2026"]])],
                        encoding="cp1252", delimiter=",")]}


def L15(R):
    q = "2026Q2"
    G1, G2, G3, G4 = "Client details", "Contact", "Programme", "Evaluation"
    files = []
    for part, n in ((1, 70), (2, 65)):
        rows = spoil(R, make_rows(R, n, q, {"pacific": 9, "maori": 1}, nhi_rate=0.5, scale=7,
                                  programmes=("Aiga Tautua parenting", "Malaga o le aiga", "Fono o tamaloloa"),
                                  referrals=("Church", "Plunket", "School", "Self")), ["noid", "future"])
        cols = [
            C("ID", "client_ref", lambda r: f"AT{R.randint(1000, 9999)}", G1),
            C("Family name", "family_name", lambda r: r["family"], G1),
            C("First names", "given_names", lambda r: r["given"], G1),
            C("Date of Birth", "date_of_birth", dob_xl, G1),
            C("Gender", "gender", lambda r: gender(r, ("Fafine", "Tane", "Fa'afafine")), G1),
            C("Ethnicity", "ethnicity", lambda r: eth_join(r, "label", "/"), G1),
            C("NHI", "nhi", lambda r: r["nhi"], G1),
            C("Phone", "phone", lambda r: r["phone"], G2),
            C("Email", "email", lambda r: r["email"] if R.random() < 0.6 else "", G2),
            C("Programme", "programme", lambda r: r["programme"], G3),
            C("Referral", "referral_source", lambda r: r["referral"], G3),
            C("Start", "start_date", lambda r: r["start"], G3),
            C("Session date", "service_date", lambda r: r["service"], G3),
            C("No. sessions", "sessions_attended", lambda r: r["sessions"], G3),
            C("Outcome", "outcome_status", lambda r: ["Completed", "Withdrawn", "Continuing"][r["outcome"]], G3),
            C("Consent?", "consent_evaluation", lambda r: "Ioe" if r["consent"] else "Leai", G4),
            C("Before score (1-7)", "wellbeing_start", lambda r: r["wb_start"], G4),
            C("After score (1-7)", "wellbeing_end", lambda r: r["wb_end"], G4),
        ]
        files.append(F(f"Aiga Tautua Q2 2026 - part {part} of 2.xlsx", "xlsx",
                       [T(cols, rows, sheet="Data", title=[["Aiga Tautua Pasifika Trust – Q2 2026 return"]], groups=True)],
                       date_format="d-mmm-yy"))
    return {"provider": "aiga-tautua-pasifika", "quarter": q,
            "features": ["xlsx", "two_part_submission", "title_row", "merged_group_headers", "ethnicity_slash_list",
                         "samoan_consent_ioe_leai", "pre_post_scores", "excel_dates", "pacific"],
            "files": files}


def L16(R):
    q = "2026Q3"
    rows = spoil(R, make_rows(R, 63, q, {"maori": 5, "pakeha": 4, "pacific": 1}, nhi_rate=0,
                              programmes=("Safe at Home",), referrals=("police", "self", "refuge", "family court", "gp")),
                 ["noid", "baddob"])
    for r in rows:  # started during the quarter or earlier; no session dates kept
        r["start"] = min(r["start"], r["service"])
    cols = [
        C("name", "full_name", lambda r: full(r, "lower")),
        C("dob", "date_of_birth", lambda r: fdate(r["dob"], "dmy")),
        C("address", "address", lambda r: addr(r).lower()),
        C("start", "start_date", lambda r: r["start"]),
        C("referrer", "referral_source", lambda r: r["referral"]),
        C("kids", None, lambda r: r["children"]),
        C("safety plan?", None, lambda r: R.choice(["yes", "yes", "no", ""])),
        C("did they consent?", "consent_evaluation", lambda r: "✓" if r["consent"] else ""),
        C("", None, lambda r: R.choice(["", "", "", "!", "!!"])),
        C("how are things? start (1-10)", "wellbeing_start", lambda r: r["wb_start"]),
        C("how are things? now (1-10)", "wellbeing_end", lambda r: r["wb_end"]),
        C("notes", "case_notes", lambda r: r["notes"]),
        C("worker", "key_worker", lambda r: r["key_worker"].split()[0]),
    ]
    return {"provider": "safe-at-home-whanganui", "quarter": q,
            "features": ["xlsx", "hand_kept_spreadsheet", "no_client_ref", "no_service_date_only_start",
                         "lowercase_names_and_headers", "tick_consent", "blank_header_column", "question_headers",
                         "numeric_not_score", "yes_no_not_consent", "family_violence"],
            "files": [F("safe at home list.xlsx", "xlsx", [T(cols, rows, sheet="Sheet1")], date_format="d/mm/yy")]}


def L17(R):
    q = "2026Q3"
    rows = spoil(R, make_rows(R, 92, q, {"maori": 4, "pakeha": 3, "pacific": 2, "asian": 1}, nhi_rate=0, scale=5,
                              programmes=("Rōpū A (Tuesdays)", "Rōpū B (Thursdays)", "Holiday wānanga"),
                              dob_years=(2005, 2012)), ["noid", "baddob"])
    GE = "Which ethnic group do you belong to? (tick all that apply)"
    GF = "How are you feeling? (1 = not good, 5 = great)"
    GD = "Your details"

    def tick(label):
        return lambda r: label if any(e[0] == label for e in r["eth"]) else ""

    def other_eth(r):
        known = {"NZ European", "Māori", "Samoan", "Tongan", "Chinese", "Indian"}
        return ", ".join(e[0] for e in r["eth"] if e[0] not in known)

    def started(r):
        d = r["service"]
        return f"{d.month:02d}/{d.day:02d}/{d.year} {R.randint(1, 12)}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d} {R.choice(['AM', 'PM'])}"

    cols = [
        C("Respondent ID", None, lambda r: str(R.randint(11000000000, 11999999999))),
        C("Collector ID", None, lambda r: "431907655"),
        C("Response started", None, started),
        C("IP Address", None, lambda r: f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"),
        C("First name", "given_names", lambda r: r["given"], GD),
        C("Last name", "family_name", lambda r: r["family"], GD),
        C("Date of birth (dd/mm/yyyy)", "date_of_birth", lambda r: fdate(r["dob"], "dmy"), GD),
        C("Email", "email", lambda r: r["email"] if R.random() < 0.7 else "", GD),
        C("NZ European", "ethnicity", tick("NZ European"), GE),
        C("Māori", "ethnicity", tick("Māori"), GE),
        C("Samoan", "ethnicity", tick("Samoan"), GE),
        C("Tongan", "ethnicity", tick("Tongan"), GE),
        C("Chinese", "ethnicity", tick("Chinese"), GE),
        C("Indian", "ethnicity", tick("Indian"), GE),
        C("Other (please specify)", "ethnicity", other_eth, GE),
        C("Which rōpū did you attend?", "programme", lambda r: r["programme"]),
        C("Date of the session", "service_date", lambda r: fdate(r["service"], "dmy")),
        C("At the start", "wellbeing_start", lambda r: r["wb_start"], GF),
        C("Now", "wellbeing_end", lambda r: r["wb_end"], GF),
        C("Do you agree to your answers being used to evaluate the programme?", "consent_evaluation",
          lambda r: "I agree" if r["consent"] else "I do not agree"),
    ]
    return {"provider": "korowai-youth-survey", "quarter": q,
            "features": ["survey_tool_export", "csv", "utf8_bom", "two_header_rows_group_questions",
                         "ethnicity_tick_columns", "survey_metadata_distractors", "us_timestamp_distractor",
                         "no_client_ref", "youth"],
            "files": [F("Korowai Rangatahi Survey Q3 2026.csv", "csv", [T(cols, rows, groups=True)],
                        encoding="utf-8-sig", delimiter=",")]}


def L18(R):
    q = "2026Q2"
    rows = spoil(R, make_rows(R, 155, q, {"pakeha": 4, "maori": 3, "pacific": 1, "asian": 1, "indian": 1}, nhi_rate=0.9,
                              programmes=("Individualised funding", "Home support", "Enabling Good Lives"),
                              referrals=("NASC", "Whānau", "Hospital", "GP")), ["noid", "baddob", "future"])

    def intl(p):
        digits = p.replace("(", "").replace(")", "").replace(" ", "")
        return "+64 " + digits[1:3] + " " + digits[3:6] + " " + digits[6:]

    cols = [
        C("Participant #", "client_ref", lambda r: str(R.randint(500, 2999))),
        C("Participant Name", "full_name", lambda r: full(r, "Family, Given")),
        C("Date Of Birth", "date_of_birth", lambda r: fdate(r["dob"], "iso")),
        C("NHI Number", "nhi", lambda r: r["nhi"]),
        C("IRD No.", "ird", lambda r: r["ird"].replace("-", "") if R.random() < 0.5 else r["ird"]),
        C("Gender Identity", "gender", lambda r: gender(r, ("Female", "Male", "Diverse"))),
        C("Ethnic group codes", "ethnicity", lambda r: eth_join(r, "l2", "/")),
        C("Street", "address_street", lambda r: r["street"]),
        C("Suburb", "address_suburb", lambda r: r["suburb"]),
        C("City", "address_town", lambda r: r["town"]),
        C("Post Code", "address_postcode", lambda r: r["postcode"]),
        C("Support package", "programme", lambda r: r["programme"]),
        C("Referrer", "referral_source", lambda r: r["referral"]),
        C("Package start", "start_date", lambda r: fdate(r["start"], "iso")),
        C("Visit date", "service_date", lambda r: fdate(r["service"], "iso")),
        C("Visits in qtr", "sessions_attended", lambda r: str(r["sessions"])),
        C("Status", "outcome_status", lambda r: ["Exited - goals achieved", "Exited - moved away", "Active"][r["outcome"]]),
        C("Consent for evaluation", "consent_evaluation", lambda r: "TRUE" if r["consent"] else "FALSE"),
        C("Wheelchair user", None, lambda r: R.choice(["Yes", "No", "No", "No"])),
        C("Hours funded per week", None, lambda r: str(R.choice([2, 4, 6, 8, 10, 12.5, 15, 20]))),
        C("Support worker", "key_worker", lambda r: r["key_worker"]),
        C("Whānau contact", "caregiver_name", lambda r: r["caregiver"]),
    ]
    for r in rows:
        r["phone"] = intl(r["phone"])
    cols.insert(7, C("Contact number", "phone", lambda r: r["phone"]))
    return {"provider": "enable-north-disability", "quarter": q,
            "features": ["csv", "utf16", "ird", "international_phone_format", "ethnicity_level2_slash_list",
                         "split_address", "true_false_consent", "numeric_not_score", "caregiver_column",
                         "disability_support"],
            "files": [F("EnableNorth_Q2_2026.csv", "csv", [T(cols, rows)], encoding="utf-16", delimiter=",")]}


def L19(R):
    q = "2026Q3"
    rows = spoil(R, make_rows(R, 112, q, {"asian": 6, "indian": 3, "pakeha": 1}, nhi_rate=0,
                              programmes=("Parenting in a new country", "Healthy relationships", "Seniors' social group")),
                 ["noid", "future"])

    def ts(r):
        d = r["service"]
        return dt.datetime(d.year, d.month, d.day, R.randint(9, 20), R.randint(0, 59), R.randint(0, 59))

    cols = [
        C("Timestamp", None, ts),
        C("Full name (as on passport)", "full_name", lambda r: full(r, R.choice(["Given Family", "Given FAMILY"]))),
        C("Date of birth\n(DD/MM/YYYY)", "date_of_birth", lambda r: fdate(r["dob"], "dmy")),
        C("Gender", "gender", gender),
        C("Ethnicity", "ethnicity", lambda r: eth_n(r, 0)),
        C("Preferred language", None, lambda r: R.choice(["Mandarin", "Cantonese", "Korean", "Hindi", "Punjabi", "Tagalog", "English"])),
        C("Mobile number", "phone", lambda r: r["phone"]),
        C("Email", "email", lambda r: r["email"]),
        C("Home address", "address", addr),
        C("Which workshop?", "programme", lambda r: r["programme"]),
        C("Workshop date", "service_date", lambda r: fdate(r["service"], "iso")),
        C("Did they consent?", "consent_evaluation", lambda r: "Yes" if r["consent"] else "No"),
        C("Interpreter needed?", None, lambda r: "Yes" if r["interpreter"] else "No"),
        C("Column1", None, lambda r: R.choice(["", "", "", "", "", "follow up"])),
        C("Facilitator notes", "case_notes", lambda r: r["notes"] if R.random() < 0.7 else ""),
        C("Staff", "key_worker", lambda r: r["key_worker"]),
    ]
    return {"provider": "unity-asian-family-services", "quarter": q,
            "features": ["xlsx", "google_sheets_download", "form_responses_sheet", "line_break_in_header",
                         "column1_header", "question_headers", "yes_no_not_consent", "dates_as_text", "no_client_ref",
                         "asian_community"],
            "files": [F("Unity workshops sign-in (Responses).xlsx", "xlsx", [T(cols, rows, sheet="Form responses 1")],
                        date_format="d/mm/yyyy h:mm:ss")]}


def L20(R):
    q = "2026Q3"
    mix = {"maori": 8, "pakeha": 1, "pacific": 1}
    progs = ("Rangatahi ki te Ao", "Tū Tangata wānanga", "Kapa haka hauora")
    files = []
    for part, n, fmt in ((1, 84, "csv"), (2, 69, "xlsx")):
        rows = spoil(R, make_rows(R, n, q, mix, nhi_rate=0.85, nhi_kind="new", programmes=progs,
                                  dob_years=(2004, 2011)), ["noid", "baddob"])
        is_csv = fmt == "csv"
        dcell = (lambda d: fdate(d, "dmy")) if is_csv else (lambda d: d)
        cols = [
            C("Tracking No.", "client_ref", lambda r: f"RKTA-{R.randint(1, 400):04d}"),
            C("Ingoa / Name", "full_name", lambda r: full(r, "Given FAMILY")),
            C("DOB", "date_of_birth", (lambda r: fdate(r["dob"], "dmy")) if is_csv else dob_xl),
            C("NHI", "nhi", lambda r: r["nhi"]),
            C("Ira tangata / Gender", "gender", lambda r: gender(r, ("Wahine", "Tāne", "Takatāpui"))),
            C("Ethnicity 1", "ethnicity", lambda r: eth_n(r, 0)),
            C("Ethnicity 2", "ethnicity", lambda r: eth_n(r, 1)),
            C("Ethnicity 3", "ethnicity", lambda r: eth_n(r, 2)),
            C("Iwi", "iwi", lambda r: r["iwi"]),
            C("Kura / School", None, lambda r: R.choice(["Te Kura Kaupapa Māori o Hoani Waititi", "Western Springs College", "Kia Aroha College", ""])),
            C("Whānau contact", "caregiver_name", lambda r: r["caregiver"]),
            C("Start", "start_date", lambda r, dcell=dcell: dcell(r["start"])),
            C("Hui date", "service_date", lambda r, dcell=dcell: dcell(r["service"])),
            C("Hui attended", "sessions_attended", lambda r: str(r["sessions"]) if is_csv else r["sessions"]),
            C("Outcome", "outcome_status",
              lambda r: ["Kua oti / Completed", "Kua wehe / Left", "Kei te haere / Continuing"][r["outcome"]]),
            C("Consent (Āe/Kāo)", "consent_evaluation", lambda r: "Āe" if r["consent"] else "Kāo"),
            C("Wellbeing start (1-10)", "wellbeing_start", lambda r: str(r["wb_start"]) if is_csv else r["wb_start"]),
            C("Wellbeing end (1-10)", "wellbeing_end", lambda r: str(r["wb_end"]) if is_csv else r["wb_end"]),
            C("Kaimahi", "key_worker", lambda r: r["key_worker"]),
        ]
        name = f"RKTA_Q3_2026_part{part}.{fmt}"
        if is_csv:
            files.append(F(name, "csv", [T(cols, rows)], encoding="utf-8", delimiter=","))
        else:
            files.append(F(name, "xlsx", [T(cols, rows, sheet="Part 2")], date_format="dd/mm/yyyy"))
    return {"provider": "rangatahi-ki-te-ao", "quarter": q,
            "features": ["two_part_submission_mixed_formats", "csv_and_xlsx", "new_format_nhi", "bilingual_headers",
                         "numbered_ethnicity_columns", "iwi", "caregiver_column", "pre_post_scores", "kaupapa_maori",
                         "youth"],
            "files": files}


LAYOUTS = [L01, L02, L03, L04, L05, L06, L07, L08, L09, L10, L11, L12, L13, L14, L15, L16, L17, L18, L19, L20]


# ---------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------
FIXED_ZIP_TIME = (2026, 10, 1, 9, 0, 0)


def _spans(columns):
    """[(first_index, last_index, group)] for consecutive columns sharing a non-null group."""
    out, i = [], 0
    while i < len(columns):
        g = columns[i]["g"]
        j = i
        while j + 1 < len(columns) and g is not None and columns[j + 1]["g"] == g:
            j += 1
        if g is not None:
            out.append((i, j, g))
        i = j + 1
    return out


def _text(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    return str(v)


def write_delimited(path: pathlib.Path, f):
    (t,) = f["tables"]
    n = len(t["columns"])
    lines = [row + [""] * (n - len(row)) for row in t["title"]]
    if t["groups"]:
        g = [""] * n
        for a, _b, name in _spans(t["columns"]):
            g[a] = name
        lines.append(g)
    lines.append([c["h"] for c in t["columns"]])
    cp = f["encoding"] == "cp1252"
    for row in t["cells"]:
        vals = [_text(v) for v in row]
        lines.append([v.translate(DEMACRON) for v in vals] if cp else vals)
    lines.extend(t["footer"])
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=f["delimiter"], quoting=f["quoting"], lineterminator="\r\n")
    w.writerows(lines)
    data = buf.getvalue().encode(f["encoding"])  # strict: a header that cannot be encoded is a bug
    if f["format"] == "csv.gz":
        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)


def _normalise_zip(path: pathlib.Path, first=None):
    """Rewrite a zip with fixed timestamps so the corpus is byte-stable."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    # openpyxl stamps the save time into docProps/core.xml; pin it
    items = [(n, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-10-01T09:00:00Z", d))
             if n == "docProps/core.xml" else (n, d) for n, d in items]
    if first:
        items.sort(key=lambda it: it[0] != first)
    with zipfile.ZipFile(path, "w") as z:
        for name, data in items:
            zi = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


def write_xlsx(path: pathlib.Path, f):
    import openpyxl
    from openpyxl.styles import Alignment, Font

    wb = openpyxl.Workbook()
    wb.properties.creator = "provider"
    wb.properties.created = wb.properties.modified = dt.datetime(2026, 10, 1, 9, 0, 0)
    first = wb.active
    sheets = []
    if f["cover"]:
        first.title = f["cover"][0]
        for row in f["cover"][1]:
            first.append(row)
        first["A1"].font = Font(bold=True, size=14)
        sheets = [wb.create_sheet(t["sheet"]) for t in f["tables"]]
    else:
        first.title = f["tables"][0]["sheet"]
        sheets = [first] + [wb.create_sheet(t["sheet"]) for t in f["tables"][1:]]
    for ws, t in zip(sheets, f["tables"]):
        r = 1
        for row in t["title"]:
            if any(row):
                ws.cell(r, 1, row[0]).font = Font(bold=True)
            r += 1
        if t["groups"]:
            for a, b, name in _spans(t["columns"]):
                ws.cell(r, a + 1, name).font = Font(bold=True)
                ws.cell(r, a + 1).alignment = Alignment(horizontal="center")
                if b > a:
                    ws.merge_cells(start_row=r, start_column=a + 1, end_row=r, end_column=b + 1)
            r += 1
        for i, c in enumerate(t["columns"]):
            cell = ws.cell(r, i + 1, c["h"] if c["h"] != "" else None)
            cell.font = Font(bold=True)
            if "\n" in c["h"]:
                cell.alignment = Alignment(wrap_text=True)
        r += 1
        for row in t["cells"]:
            for i, v in enumerate(row):
                if v is None or v == "":
                    continue
                cell = ws.cell(r, i + 1, v)
                if isinstance(v, dt.datetime):
                    cell.number_format = f["date_format"] if "h" in f["date_format"] else "dd/mm/yyyy hh:mm:ss"
                elif isinstance(v, dt.date):
                    cell.number_format = f["date_format"].split(" ")[0]
            r += 1
        for row in t["footer"]:
            for i, v in enumerate(row):
                if v not in (None, ""):
                    ws.cell(r, i + 1, v)
            r += 1
    wb.save(path)
    _normalise_zip(path)


def _ods_cell(v):
    if v is None or v == "":
        return "<table:table-cell/>"
    if isinstance(v, bool):
        return (f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(v).lower()}">'
                f"<text:p>{'TRUE' if v else 'FALSE'}</text:p></table:table-cell>")
    if isinstance(v, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
    if isinstance(v, dt.date):
        return (f'<table:table-cell table:style-name="ce1" office:value-type="date" office:date-value="{v.isoformat()}">'
                f"<text:p>{fdate(v, 'dmy')}</text:p></table:table-cell>")
    return f'<table:table-cell office:value-type="string"><text:p>{xml_escape(str(v))}</text:p></table:table-cell>'


def write_ods(path: pathlib.Path, f):
    NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NS} office:version="1.2">',
             '<office:automatic-styles><number:date-style style:name="N1"><number:day number:style="long"/>'
             '<number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text>'
             '<number:year number:style="long"/></number:date-style>'
             '<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/></office:automatic-styles>',
             "<office:body><office:spreadsheet>"]
    for t in f["tables"]:
        n = len(t["columns"])
        parts.append(f'<table:table table:name="{xml_escape(t["sheet"])}">')
        parts.append(f'<table:table-column table:number-columns-repeated="{n}"/>')
        for row in t["title"]:
            parts.append("<table:table-row>" + _ods_cell(row[0] if row else "") + "</table:table-row>")
        if t["groups"]:
            cells, i = [], 0
            spans = {a: (b, g) for a, b, g in _spans(t["columns"])}
            while i < n:
                if i in spans:
                    b, g = spans[i]
                    cells.append(f'<table:table-cell table:number-columns-spanned="{b - i + 1}" office:value-type="string">'
                                 f"<text:p>{xml_escape(g)}</text:p></table:table-cell>")
                    cells.extend(["<table:covered-table-cell/>"] * (b - i))
                    i = b + 1
                else:
                    cells.append("<table:table-cell/>")
                    i += 1
            parts.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        parts.append("<table:table-row>" + "".join(_ods_cell(c["h"]) for c in t["columns"]) + "</table:table-row>")
        for row in t["cells"]:
            parts.append("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>")
        for row in t["footer"]:
            parts.append("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>")
        parts.append("</table:table>")
    parts.append("</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as z:
        zi = zipfile.ZipInfo("mimetype", FIXED_ZIP_TIME)
        zi.compress_type = zipfile.ZIP_STORED
        z.writestr(zi, "application/vnd.oasis.opendocument.spreadsheet")
        for name, data in (("META-INF/manifest.xml", manifest), ("content.xml", "".join(parts))):
            zi = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data.encode("utf-8"))


def write_json(path: pathlib.Path, f):
    (t,) = f["tables"]
    recs = [{c["h"]: v for c, v in zip(t["columns"], row)} for row in t["cells"]]
    path.write_text(json.dumps(recs, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


WRITERS = {"csv": write_delimited, "tsv": write_delimited, "csv.gz": write_delimited,
           "xlsx": write_xlsx, "ods": write_ods, "json": write_json}


def truth_for(layout_id, lay):
    files = []
    for f in lay["files"]:
        tables = []
        for t in f["tables"]:
            spreadsheet_like = f["format"] != "json"
            tables.append({
                "sheet": t["sheet"] if f["format"] in ("xlsx", "ods") else None,
                "header_row": (len(t["title"]) + (1 if t["groups"] else 0) + 1) if spreadsheet_like else None,
                "rows": len(t["rows"]),
                "footer_rows": len(t["footer"]),
                "columns": [{"index": i, "header": c["h"], "group": c["g"], "target": c["t"]}
                            for i, c in enumerate(t["columns"])],
            })
        files.append({
            "name": f["name"], "format": f["format"],
            "encoding": f["encoding"] if f["format"] not in ("xlsx", "ods") else None,
            "delimiter": f["delimiter"] if f["format"] in ("csv", "tsv", "csv.gz") else None,
            "rows": sum(len(t["rows"]) for t in f["tables"]),
            "valid_rows": sum(t["valid"] for t in f["tables"]),
            "tables": tables,
        })
    return {"layout_id": layout_id, "provider": lay["provider"], "quarter": lay["quarter"],
            "features": lay["features"], "files": files}


def generate(out_dir: pathlib.Path) -> list[dict]:
    out_dir = pathlib.Path(out_dir)
    truths = []
    for n, fn in enumerate(LAYOUTS, start=1):
        layout_id = f"NOVEL{n:02d}"
        R = random.Random(f"novel-split-{layout_id}-2026")
        lay = fn(R)
        land = out_dir / layout_id / "landing" / lay["provider"] / lay["quarter"]
        land.mkdir(parents=True, exist_ok=True)
        for f in lay["files"]:
            WRITERS[f["format"]](land / f["name"], f)
        truth = truth_for(layout_id, lay)
        (out_dir / layout_id / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n",
                                                        encoding="utf-8")
        truths.append(truth)
    return truths


# ---------------------------------------------------------------------------------------
# Self-check: re-read every file independently of the writers and compare with truth.json
# ---------------------------------------------------------------------------------------
_DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%b-%Y", "%d-%b-%y", "%d/%m/%Y %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y"]
NAME_TARGETS = {"full_name", "given_names", "family_name"}


def _parse_date(v, qyear):
    """date, or None when the value is not a real date."""
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(v))
    s = str(v).strip()
    for fmt in _DATE_FORMATS:
        try:
            d = dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
        if fmt.endswith("%y") and d.year > qyear:
            d = d.replace(year=d.year - 100)
        return d
    return None


def _read_delimited(path, fi):
    data = path.read_bytes()
    if fi["format"] == "csv.gz":
        data = gzip.decompress(data)
    enc = fi["encoding"]
    if enc == "utf-8-sig":
        assert data.startswith(b"\xef\xbb\xbf"), "missing BOM"
    if enc == "utf-8":
        assert not data.startswith(b"\xef\xbb\xbf"), "unexpected BOM"
    if enc == "utf-16":
        assert data[:2] in (b"\xff\xfe", b"\xfe\xff"), "missing UTF-16 BOM"
    text = data.decode(enc)
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=fi["delimiter"])]


def _read_xlsx(path):
    import openpyxl

    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        grid = [[c.value for c in row] for row in ws.iter_rows()]
        merged = {}
        for rng in ws.merged_cells.ranges:
            v = ws.cell(rng.min_row, rng.min_col).value
            for col in range(rng.min_col, rng.max_col + 1):
                merged[(rng.min_row, col)] = v
        out[ws.title] = (grid, merged)
    return wb.sheetnames, out


def _read_ods(path):
    import xml.etree.ElementTree as ET

    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    T_ = "{%s}" % ns["table"]
    O_ = "{%s}" % ns["office"]
    with zipfile.ZipFile(path) as z:
        assert z.namelist()[0] == "mimetype"
        root = ET.fromstring(z.read("content.xml"))
    out = {}
    for tab in root.iter(T_ + "table"):
        grid, merged = [], {}
        for ri, tr in enumerate(tab.findall("table:table-row", ns), start=1):
            row = []
            for cell in tr:
                rep = int(cell.get(T_ + "number-columns-repeated", "1"))
                vt = cell.get(O_ + "value-type")
                if cell.tag == T_ + "covered-table-cell":
                    val = None
                elif vt == "float":
                    x = float(cell.get(O_ + "value"))
                    val = int(x) if x.is_integer() else x
                elif vt == "date":
                    val = dt.date.fromisoformat(cell.get(O_ + "date-value")[:10])
                elif vt:
                    val = "\n".join("".join(p.itertext()) for p in cell.findall("text:p", ns))
                else:
                    val = None
                span = int(cell.get(T_ + "number-columns-spanned", "1"))
                if span > 1:
                    for k in range(span):
                        merged[(ri, len(row) + 1 + k)] = val
                row.extend([val] * rep)
            grid.append(row)
        out[tab.get(T_ + "name")] = (grid, merged)
    return list(out), out


def _norm(v):
    return "" if v is None else v


def check(out_dir: pathlib.Path) -> list[str]:
    out_dir = pathlib.Path(out_dir)
    problems = []
    layout_dirs = sorted(p for p in out_dir.iterdir() if (p / "truth.json").exists())
    if len(layout_dirs) != 20:
        problems.append(f"expected 20 layouts, found {len(layout_dirs)}")
    for ldir in layout_dirs:
        try:
            _check_layout(ldir, problems)
        except Exception as e:  # a crash while re-reading is itself a mismatch
            problems.append(f"{ldir.name}: check failed with {type(e).__name__}: {e}")
    return problems


def _check_layout(ldir, problems):
    if True:
        truth = json.loads((ldir / "truth.json").read_text(encoding="utf-8"))
        lid = truth["layout_id"]
        qs, qe = quarter_bounds(truth["quarter"])
        land = ldir / "landing" / truth["provider"] / truth["quarter"]
        on_disk = sorted(p.name for p in land.iterdir())
        if on_disk != sorted(f["name"] for f in truth["files"]):
            problems.append(f"{lid}: files on disk {on_disk} differ from truth")
        for fi in truth["files"]:
            where = f"{lid}/{fi['name']}"
            path = land / fi["name"]
            tables_data = []  # (truth table, header list, group list, data rows)
            if fi["format"] in ("csv", "tsv", "csv.gz"):
                rows = _read_delimited(path, fi)
                (tt,) = fi["tables"]
                hr = tt["header_row"]
                groups = rows[hr - 2] if hr >= 2 and any(c["group"] for c in tt["columns"]) else None
                data = rows[hr:len(rows) - tt["footer_rows"]]
                tables_data.append((tt, rows[hr - 1], groups, data))
            elif fi["format"] in ("xlsx", "ods"):
                names, sheets = _read_xlsx(path) if fi["format"] == "xlsx" else _read_ods(path)
                for tt in fi["tables"]:
                    if tt["sheet"] not in sheets:
                        problems.append(f"{where}: sheet {tt['sheet']!r} missing")
                        continue
                    grid, merged = sheets[tt["sheet"]]
                    hr = tt["header_row"]
                    width = len(tt["columns"])
                    header = [_norm(v) for v in (grid[hr - 1] + [None] * width)[:width]]
                    groups = None
                    if any(c["group"] for c in tt["columns"]):
                        groups = [merged.get((hr - 1, i + 1), (grid[hr - 2] + [None] * width)[i]) for i in range(width)]
                        groups = [_norm(g) for g in groups]
                    # trailing blank rows (formatting only) are not data
                    while grid and not any(v not in (None, "") for v in grid[-1]):
                        grid = grid[:-1]
                    data = [list(r) + [None] * (width - len(r)) for r in grid[hr:len(grid) - tt["footer_rows"]]]
                    tables_data.append((tt, header, groups, data))
                if fi["format"] == "xlsx" and "cover_sheet_with_staff_email" in truth["features"]:
                    if names.index(fi["tables"][0]["sheet"]) != 1:
                        problems.append(f"{where}: data is not on the second sheet")
            elif fi["format"] == "json":
                recs = json.loads(path.read_text(encoding="utf-8"))
                (tt,) = fi["tables"]
                keys = list(recs[0].keys())
                if any(list(r.keys()) != keys for r in recs):
                    problems.append(f"{where}: records have differing keys")
                tables_data.append((tt, keys, None, [[r[k] for k in keys] for r in recs]))
            n_rows = n_valid = 0
            for tt, header, groups, data in tables_data:
                cols = tt["columns"]
                if len(header) != len(cols):
                    problems.append(f"{where}: {len(header)} header cells, truth has {len(cols)}")
                for c in cols:
                    got = header[c["index"]] if c["index"] < len(header) else None
                    if got != c["header"]:
                        problems.append(f"{where}: column {c['index']} header {got!r} != truth {c['header']!r}")
                if groups is not None:
                    for c in cols:
                        g = groups[c["index"]]
                        prev = cols[c["index"] - 1]["group"] if c["index"] else None
                        expect_blank = c["group"] is None or (c["group"] == prev and fi["format"] in ("csv", "tsv", "csv.gz"))
                        if expect_blank and g not in ("", None):
                            problems.append(f"{where}: unexpected group text {g!r} over column {c['index']}")
                        if not expect_blank and g != c["group"]:
                            problems.append(f"{where}: group over column {c['index']} {g!r} != {c['group']!r}")
                if len(data) != tt["rows"]:
                    problems.append(f"{where}: {len(data)} data rows read, truth says {tt['rows']}")
                n_rows += len(data)
                by_t = {}
                for c in cols:
                    by_t.setdefault(c["target"], []).append(c["index"])
                for row in data:
                    if len(row) != len(cols):
                        problems.append(f"{where}: a data row has {len(row)} cells")
                        continue
                    names = [_norm(row[i]) for t_ in NAME_TARGETS for i in by_t.get(t_, [])]
                    nhis = [str(_norm(row[i])).strip() for i in by_t.get("nhi", [])]
                    valid = any(str(v).strip() for v in names) or any(nhis)
                    for i in by_t.get("date_of_birth", []):
                        d = _parse_date(row[i], qs.year) if row[i] not in (None, "") else None
                        if d is None or d > qe:
                            valid = False
                    n_valid += valid
                    for v in nhis:
                        if v and not (nhi_old_is_valid(v) or nhi_new_is_valid(v)):
                            problems.append(f"{where}: invalid NHI {v}")
                    for i in by_t.get("client_ref", []):
                        v = str(_norm(row[i]))
                        if len(v) == 7 and (nhi_old_is_valid(v) or nhi_new_is_valid(v)):
                            problems.append(f"{where}: client id {v} is a valid NHI")
                    for i in by_t.get("ird", []):
                        v = str(_norm(row[i])).replace("-", "")
                        if v and not v.isdigit():
                            problems.append(f"{where}: IRD {v!r} is not a number")
                        elif v:
                            b = v.zfill(9)
                            s = sum(int(ch) * w for ch, w in zip(b[:8], IRD_W1)) % 11
                            if (0 if s == 0 else 11 - s) != int(b[8]):
                                problems.append(f"{where}: IRD {v} fails its check")
                    for i in by_t.get("service_date", []):
                        d = _parse_date(row[i], qs.year)
                        if d is None or not (qs <= d <= qe):
                            problems.append(f"{where}: service date {row[i]!r} outside {truth['quarter']}")
                    for i in by_t.get("start_date", []):
                        d = _parse_date(row[i], qs.year)
                        if d is None or d > qe:
                            problems.append(f"{where}: start date {row[i]!r} not a date before quarter end")
                    if valid:
                        for i in by_t.get("date_of_birth", []):
                            d = _parse_date(row[i], qs.year)
                            if d.year < 1900:
                                problems.append(f"{where}: unrealistic DOB {row[i]!r}")
            if n_rows != fi["rows"]:
                problems.append(f"{where}: {n_rows} rows in file, truth says {fi['rows']}")
            if n_valid != fi["valid_rows"]:
                problems.append(f"{where}: {n_valid} valid rows recomputed, truth says {fi['valid_rows']}")
            if not (0 <= fi["rows"] - fi["valid_rows"] <= 3):
                problems.append(f"{where}: {fi['rows'] - fi['valid_rows']} invalid rows")
            for tt in fi["tables"]:
                if not 60 <= tt["rows"] <= 200:
                    problems.append(f"{where}: table has {tt['rows']} rows (want 60-200)")


def summary(truths):
    lines = []
    for t in truths:
        ncols = sum(len(tb["columns"]) for f in t["files"] for tb in f["tables"])
        mapped = sum(1 for f in t["files"] for tb in f["tables"] for c in tb["columns"] if c["target"])
        rows = sum(f["rows"] for f in t["files"])
        valid = sum(f["valid_rows"] for f in t["files"])
        fmts = ",".join(f["format"] for f in t["files"])
        lines.append(f"{t['layout_id']} {t['provider']:<28} {t['quarter']} files={len(t['files'])} ({fmts}) "
                     f"cols={ncols} mapped={mapped} rows={rows} valid={valid}  [{', '.join(t['features'])}]")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=pathlib.Path)
    ap.add_argument("--check", action="store_true", help="re-read every written file and verify truth.json")
    a = ap.parse_args(argv)
    truths = generate(a.out)
    print(summary(truths))
    if a.check:
        problems = check(a.out)
        for p in problems:
            print("PROBLEM:", p)
        print(f"check: {'OK' if not problems else f'{len(problems)} problem(s)'}")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
