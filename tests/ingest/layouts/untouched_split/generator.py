"""Untouched corpus of NZ provider quarterly-return files with their true column mapping.

Written blind from the brief for issue 12 item 9: its own vocabularies, programme kinds,
export tools, encodings and layouts.  Standard library plus openpyxl only; deterministic.

    python generator.py --out DIR            # write UNTOUCHED01..UNTOUCHED20 under DIR
    python generator.py --out DIR --check    # write, then re-read every file and verify truth.json
"""

from __future__ import annotations

import argparse
import contextlib
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

SEED = 20261206
TODAY = dt.date(2026, 12, 6)

# --------------------------------------------------------------------------------------
# identifiers
# --------------------------------------------------------------------------------------
NHI_ALPHA = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, no O


def _nhi_val(c: str) -> int:
    return int(c) if c.isdigit() else NHI_ALPHA.index(c) + 1


def nhi_old(rng: random.Random) -> str:
    while True:
        s = "".join(rng.choice(NHI_ALPHA) for _ in range(3)) + "".join(rng.choice("0123456789") for _ in range(3))
        if s[0] == "Z":  # Z... is reserved for testing
            continue
        tot = sum(_nhi_val(c) * w for c, w in zip(s, range(7, 1, -1), strict=False)) % 11
        if tot in (0, 1):  # 0 invalid, 1 would give check 10
            continue
        return s + str(11 - tot)


def nhi_new(rng: random.Random) -> str:
    while True:
        s = (
            "".join(rng.choice(NHI_ALPHA) for _ in range(3))
            + "".join(rng.choice("0123456789") for _ in range(2))
            + rng.choice(NHI_ALPHA)
        )
        if s[0] == "Z":
            continue
        tot = sum(_nhi_val(c) * w for c, w in zip(s, range(7, 1, -1), strict=False)) % 23
        if tot == 0:
            continue
        return s + NHI_ALPHA[23 - tot - 1]


def nhi_valid(s: str) -> bool:
    s = s.upper()
    if re.fullmatch(r"[A-HJ-NP-Z]{3}\d{4}", s):
        tot = sum(_nhi_val(c) * w for c, w in zip(s, range(7, 1, -1), strict=False)) % 11
        return tot not in (0,) and (11 - tot) % 10 == int(s[6]) and tot != 1
    if re.fullmatch(r"[A-HJ-NP-Z]{3}\d{2}[A-HJ-NP-Z]{2}", s):
        tot = sum(_nhi_val(c) * w for c, w in zip(s, range(7, 1, -1), strict=False)) % 23
        return tot != 0 and NHI_ALPHA[23 - tot - 1] == s[6]
    return False


def fake_nhi_like(rng: random.Random) -> str:
    """Looks like an old-format NHI but fails the check digit (provider client ids)."""
    while True:
        s = "".join(rng.choice(NHI_ALPHA) for _ in range(3)) + "".join(rng.choice("0123456789") for _ in range(4))
        if not nhi_valid(s):
            return s


def ird_number(rng: random.Random) -> str:
    w1 = (3, 2, 7, 6, 5, 4, 3, 2)
    w2 = (7, 4, 3, 2, 5, 2, 7, 6)
    while True:
        base = rng.randint(1_000_000, 14_999_999)
        digits = [int(c) for c in f"{base:08d}"]
        for w in (w1, w2):
            r = sum(d * x for d, x in zip(digits, w, strict=False)) % 11
            chk = 0 if r == 0 else 11 - r
            if chk != 10:
                break
        else:
            continue
        n = f"{base:08d}{chk}"
        n = n.lstrip("0") if len(n.lstrip("0")) >= 8 else n[-8:]
        return n


def fmt_ird(n: str, style: int) -> str:
    n9 = n.zfill(9)
    if style == 0:
        return n
    return f"{n9[0:3]}-{n9[3:6]}-{n9[6:9]}"


# --------------------------------------------------------------------------------------
# vocabularies (written for this corpus)
# --------------------------------------------------------------------------------------
NAMES = {
    "maori": (
        [
            "Aroha",
            "Tama",
            "Wiremu",
            "Mere",
            "Hemi",
            "Ngaio",
            "Rāwiri",
            "Kahurangi",
            "Tipene",
            "Hine",
            "Manaia",
            "Anahera",
            "Nikau",
            "Moana",
            "Tāne",
            "Huia",
            "Rangi",
            "Kiri",
            "Whetū",
            "Ārani",
            "Pounamu",
            "Tūī",
            "Rēweti",
            "Marama",
        ],
        [
            "Tamihana",
            "Ngata",
            "Te Whata",
            "Parata",
            "Hohaia",
            "Tuhiwai",
            "Ruru",
            "Karaitiana",
            "Poutama",
            "Te Rangi",
            "Herewini",
            "Waaka",
            "Kereama",
            "Nikora",
            "Te Awa",
            "Rāwhiti",
            "Mānuka",
            "Paewai",
        ],
    ),
    "pacific": (
        [
            "Sione",
            "Losa",
            "Tevita",
            "Mele",
            "Ioane",
            "Salote",
            "Viliami",
            "Lupe",
            "Malia",
            "Fetu",
            "Tavita",
            "Litia",
            "Semisi",
            "Ana",
            "Palepa",
            "Teuila",
            "Folau",
            "Siaosi",
        ],
        [
            "Faleolo",
            "Tuilagi",
            "Havili",
            "Fifita",
            "Leota",
            "Tupou",
            "Vaifale",
            "Aumua",
            "Taufa",
            "Mata'afa",
            "Lemalu",
            "Kupu",
            "Fonoti",
            "Latu",
            "Pulu",
            "Taumalolo",
            "Matagi",
        ],
    ),
    "pakeha": (
        [
            "Jane",
            "Michael",
            "Sarah",
            "Hamish",
            "Olivia",
            "Liam",
            "Charlotte",
            "Ben",
            "Emma",
            "Lachlan",
            "Ruby",
            "Jack",
            "Sophie",
            "Angus",
            "Grace",
            "Tom",
            "Kirsty",
            "Dean",
            "Shona",
            "Craig",
        ],
        [
            "Smith",
            "McDonald",
            "Wilson",
            "Thompson",
            "Anderson",
            "Campbell",
            "Harris",
            "O'Brien",
            "Fraser",
            "Robertson",
            "Mitchell",
            "Young",
            "Baker",
            "Stewart",
            "Ward",
            "McKenzie",
            "Gallagher",
        ],
    ),
    "asian": (
        ["Wei", "Mei Ling", "Jun", "Hyun-woo", "Ji-yeon", "Thanh", "Linh", "Kenji", "Yuki", "Minh", "Xiao", "Seo-yeon"],
        ["Zhang", "Li", "Chen", "Wang", "Kim", "Park", "Nguyen", "Tran", "Tanaka", "Wong", "Liu"],
    ),
    "indian": (
        [
            "Priya",
            "Arjun",
            "Rahul",
            "Anjali",
            "Harpreet",
            "Gurpreet",
            "Sanjay",
            "Deepika",
            "Ravi",
            "Neha",
            "Simran",
            "Vikram",
        ],
        ["Singh", "Patel", "Sharma", "Kaur", "Reddy", "Prasad", "Naidu", "Gill", "Kumar", "Chand"],
    ),
    "former_refugee": (
        [
            "Abdi",
            "Amina",
            "Mohammed",
            "Fatima",
            "Ahmad",
            "Zahra",
            "Yusuf",
            "Hawa",
            "Khalid",
            "Nour",
            "Bilal",
            "Samira",
            "Omar",
            "Layla",
        ],
        [
            "Hassan",
            "Ali",
            "Abdullahi",
            "Rahimi",
            "Haidari",
            "Mohamud",
            "Osman",
            "Al-Khalil",
            "Karimi",
            "Nasser",
            "Warsame",
            "Jama",
        ],
    ),
}
FEMALE = {
    "Aroha",
    "Mere",
    "Ngaio",
    "Kahurangi",
    "Hine",
    "Anahera",
    "Ārani",
    "Tūī",
    "Marama",
    "Losa",
    "Mele",
    "Salote",
    "Lupe",
    "Malia",
    "Litia",
    "Ana",
    "Teuila",
    "Jane",
    "Sarah",
    "Olivia",
    "Charlotte",
    "Emma",
    "Ruby",
    "Sophie",
    "Grace",
    "Kirsty",
    "Shona",
    "Mei Ling",
    "Ji-yeon",
    "Linh",
    "Yuki",
    "Xiao",
    "Seo-yeon",
    "Priya",
    "Anjali",
    "Deepika",
    "Neha",
    "Simran",
    "Amina",
    "Fatima",
    "Zahra",
    "Hawa",
    "Nour",
    "Samira",
    "Layla",
}
UNISEX = {
    "Manaia",
    "Moana",
    "Rangi",
    "Huia",
    "Kiri",
    "Whetū",
    "Pounamu",
    "Fetu",
    "Harpreet",
    "Gurpreet",
    "Wei",
    "Thanh",
}


def given_name(rng, group, sex):
    pool = NAMES[group][0]
    if sex == "F":
        pool = [n for n in pool if n in FEMALE or n in UNISEX]
    elif sex == "M":
        pool = [n for n in pool if n not in FEMALE]
    return rng.choice(pool)


ETHNICITY = {
    "maori": [("Māori", "21")],
    "pacific": [("Samoan", "31"), ("Tongan", "33"), ("Cook Islands Māori", "32"), ("Niuean", "34"), ("Fijian", "36")],
    "pakeha": [("NZ European", "11"), ("Other European", "12")],
    "asian": [("Chinese", "42"), ("Korean", "44"), ("Vietnamese", "41"), ("Japanese", "44")],
    "indian": [("Indian", "43")],
    "former_refugee": [("Syrian", "51"), ("Iraqi", "51"), ("Somali", "53"), ("Eritrean", "53"), ("Colombian", "52")],
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
    "Ngāti Raukawa",
    "Ngāti Whātua",
    "Whakatōhea",
    "Te Rarawa",
    "Rongomaiwahine",
    "Ngāti Tūwharetoa",
]
PLACES = {  # town: (area code, [(suburb, postcode)])
    "Auckland": (
        "09",
        [
            ("Ōtāhuhu", "1062"),
            ("Manurewa", "2102"),
            ("Māngere", "2022"),
            ("Ōtara", "2023"),
            ("Papatoetoe", "2025"),
            ("Glen Innes", "1072"),
            ("Henderson", "0612"),
            ("Papakura", "2110"),
            ("Onehunga", "1061"),
            ("Mount Roskill", "1041"),
        ],
    ),
    "Hamilton": (
        "07",
        [("Fairfield", "3214"), ("Nawton", "3200"), ("Enderley", "3214"), ("Frankton", "3204"), ("Dinsdale", "3204")],
    ),
    "Rotorua": ("07", [("Fordlands", "3015"), ("Western Heights", "3015"), ("Koutu", "3010"), ("Ngongotahā", "3010")]),
    "Gisborne": ("06", [("Kaiti", "4010"), ("Elgin", "4010"), ("Mangapapa", "4010")]),
    "Hastings": ("06", [("Flaxmere", "4120"), ("Camberley", "4120"), ("Mahora", "4120")]),
    "Porirua": ("04", [("Cannons Creek", "5024"), ("Waitangirua", "5024"), ("Ranui", "5024"), ("Titahi Bay", "5022")]),
    "Lower Hutt": ("04", [("Naenae", "5011"), ("Taitā", "5011"), ("Wainuiomata", "5014")]),
    "Christchurch": (
        "03",
        [("Aranui", "8061"), ("Linwood", "8062"), ("Hornby", "8042"), ("Shirley", "8013"), ("Riccarton", "8011")],
    ),
    "Dunedin": ("03", [("South Dunedin", "9012"), ("Caversham", "9012"), ("Brockville", "9011")]),
    "Whangārei": ("09", [("Otangarei", "0112"), ("Tikipunga", "0112"), ("Raumanga", "0110")]),
}
STREETS = [
    "Great South Road",
    "Massey Road",
    "Bader Drive",
    "Kirkbride Road",
    "Te Irirangi Drive",
    "Mahia Road",
    "Victoria Street",
    "Grey Street",
    "Ulster Street",
    "Fenton Street",
    "Ranolf Street",
    "Gladstone Road",
    "Childers Road",
    "Omahu Road",
    "Kenilworth Road",
    "Bedford Road",
    "Mungavin Avenue",
    "Main Road",
    "Pages Road",
    "Breezes Road",
    "Hillside Road",
    "King Edward Street",
    "Kamo Road",
    "Maunu Road",
    "Waddington Drive",
    "Kāpiti Crescent",
    "Tōtara Street",
    "Rimu Road",
    "Kōwhai Avenue",
    "Puriri Place",
]
STAFF = [
    "Aroha Ngata",
    "Dean Walker",
    "Losa Tuilagi",
    "Priya Sharma",
    "Hemi Parata",
    "Kirsty Gallagher",
    "Mele Fifita",
    "Tom Baker",
    "Huia Waaka",
    "Shona Fraser",
    "Bilal Osman",
    "Marama Herewini",
]
EMAIL_DOMAINS = ["gmail.com", "xtra.co.nz", "outlook.com", "hotmail.com", "yahoo.co.nz"]


def demacron(s: str) -> str:
    return s.translate(str.maketrans("āēīōūĀĒĪŌŪ", "aeiouAEIOU"))


def initials(name: str) -> str:
    return "".join(p[0] for p in name.replace("-", " ").split()).upper()


def q_range(q: str):
    y, n = int(q[:4]), int(q[5])
    start = dt.date(y, 3 * (n - 1) + 1, 1)
    end = dt.date(y + (n == 4), (3 * n) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def rand_date(rng, a: dt.date, b: dt.date) -> dt.date:
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


# --------------------------------------------------------------------------------------
# people
# --------------------------------------------------------------------------------------
_REGION: list = []  # towns the current provider serves (set per layout by generate())
REGIONS = {
    1: ["Auckland"],
    2: ["Gisborne"],
    3: ["Hamilton"],
    4: ["Christchurch"],
    5: ["Lower Hutt", "Porirua"],
    6: ["Auckland"],
    7: ["Rotorua", "Hastings"],
    8: ["Christchurch", "Dunedin"],
    9: ["Porirua", "Lower Hutt"],
    10: ["Auckland"],
    11: ["Christchurch"],
    12: ["Hamilton", "Dunedin", "Auckland"],
    13: ["Whangārei"],
    14: ["Porirua"],
    15: ["Rotorua"],
    16: ["Gisborne", "Hastings"],
    17: ["Dunedin"],
    18: ["Hamilton"],
    19: ["Christchurch"],
    20: ["Auckland"],
}
AGE = {"adult": (19, 64), "youth": (13, 24), "elder": (65, 92), "child": (0, 5), "teen_parent": (15, 20)}


def make_person(rng: random.Random, quarter: str, mix: dict, age="adult", gender_bias=None) -> dict:
    groups = list(mix)
    g = rng.choices(groups, weights=[mix[k] for k in groups])[0]
    q0, q1 = q_range(quarter)
    sex = gender_bias or rng.choice("FM")
    if rng.random() < 0.03 and not gender_bias:
        sex = "X"
    given = given_name(rng, g, sex)
    family = rng.choice(NAMES[g][1])
    if rng.random() < 0.15 and g in ("maori", "pacific", "pakeha"):
        second = given_name(rng, g, sex)
        if second != given:
            given = given + " " + second
    lo, hi = AGE[age]
    dob = rand_date(
        rng, q1 - dt.timedelta(days=int(365.25 * (hi + 1)) - 1), q1 - dt.timedelta(days=int(365.25 * lo) + 30)
    )
    eths = [rng.choice(ETHNICITY[g])]
    if rng.random() < 0.25 and g != "former_refugee":
        other = rng.choice([k for k in ETHNICITY if k != g and k != "former_refugee"])
        e2 = rng.choice(ETHNICITY[other])
        if e2 not in eths:
            eths.append(e2)
    if g == "maori" and rng.random() < 0.3:
        eths.append(("NZ European", "11"))
    iwi = ""
    if any(e[1] == "21" or e[0] == "Māori" for e in eths):
        iwi = rng.choice(IWI)
        if rng.random() < 0.2:
            iwi += "; " + rng.choice([i for i in IWI if i != iwi])
    town = rng.choice(_REGION or list(PLACES))
    area, subs = PLACES[town]
    suburb, pc = rng.choice(subs)
    street = f"{rng.randint(1, 240)}{rng.choice(['', '', '', 'A', 'B'])} {rng.choice(STREETS)}"
    if rng.random() < 0.12:
        street = f"Flat {rng.randint(1, 8)}, " + street
    if rng.random() < 0.6:
        phone = f"0{rng.choice(['21', '22', '27', '29'])} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    else:
        phone = f"({area}) {rng.randint(200, 999)} {rng.randint(1000, 9999)}"
    email = (
        f"{demacron(given.split()[0]).lower()}.{demacron(family).lower().replace(' ', '').replace(chr(39), '')}"
        f"{rng.randint(1, 99)}@{rng.choice(EMAIL_DOMAINS)}"
    )
    start = rand_date(rng, q0 - dt.timedelta(days=400), q1 - dt.timedelta(days=5))
    svc = rand_date(rng, max(q0, start), q1)
    cg_g = g if g in NAMES else "pakeha"
    caregiver = f"{rng.choice(NAMES[cg_g][0])} {family if rng.random() < 0.6 else rng.choice(NAMES[cg_g][1])}"
    wb0 = rng.randint(2, 7)
    return {
        "group": g,
        "given": given,
        "family": family,
        "sex": sex,
        "dob": dob,
        "eth": eths,
        "iwi": iwi,
        "nhi": nhi_new(rng) if rng.random() < 0.2 else nhi_old(rng),
        "ird": ird_number(rng),
        "street": street,
        "suburb": suburb,
        "town": town,
        "postcode": pc,
        "phone": phone,
        "email": email,
        "start": start,
        "svc": svc,
        "sessions": rng.randint(1, 14),
        "wb0": wb0,
        "wb1": max(1, min(10, wb0 + rng.choice([-1, 0, 1, 1, 2, 2, 3, 3, 4]))),
        "consent": rng.random() < 0.8,
        "caregiver": caregiver,
        "worker": rng.choice(STAFF),
        "r": rng.random(),
        "r2": rng.random(),
        "r3": rng.random(),
        "n": rng.randint(0, 6),
    }


def full_address(p, with_pc=True) -> str:
    return f"{p['street']}, {p['suburb']}, {p['town']}" + (f" {p['postcode']}" if with_pc else "")


# date formatters
def d_nz(d):
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def d_nz_short(d):
    return f"{d.day}/{d.month}/{d.year}"


def d_mmm(d):
    return f"{d.day}-{d.strftime('%b')}-{d.strftime('%y')}"


def d_iso(d):
    return d.isoformat()


def d_us(d):
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def d_dots(d):
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def d_long(d):
    return f"{d.day} {d.strftime('%B')} {d.year}"


def excel_serial(d):
    return (d - dt.date(1899, 12, 30)).days


NOTE_BITS = [
    "Attended with {cg}; talked through the week and set two small goals.",
    "Missed last hui, phoned and rebooked for Thursday. {g} sounded more settled.",
    "Home visit. Kai and power sorted for now, follow-up booked with WINZ.",
    "{g} shared that things at home are calmer. Safety plan reviewed together.",
    "Referred on to GP for a check-up; whānau supportive of the plan.",
    "Good session, engaged well and brought {cg} along. Next review in two weeks.",
    "Struggled this week after losing job. Linked to budgeting service and foodbank.",
    "Completed worksheet on triggers and early warning signs. Positive about progress.",
]


def case_note(rng, p) -> str:
    k = rng.sample(NOTE_BITS, rng.choice([1, 1, 2]))
    return " ".join(s.format(g=p["given"].split()[0], cg=p["caregiver"]) for s in k)


# --------------------------------------------------------------------------------------
# table building
# --------------------------------------------------------------------------------------
class C:
    """A column: header text, target field (or None), value function, optional group."""

    def __init__(self, header, target, fn, group=None):
        self.header, self.target, self.fn, self.group = header, target, fn, group


ID_TARGETS = ("full_name", "given_names", "family_name", "nhi")


def build_table(
    rng,
    cols,
    recs,
    *,
    sheet=None,
    pre=(),
    group_row=False,
    bad_dob=None,
    n_bad=2,
    totals=None,
    demac=False,
    groups_style="merge",
):
    """recs: list of dicts with 'p' (person) and session extras. Returns table dict."""
    n = len(recs)
    bad = {}
    if n_bad:
        # only rows whose person appears once can be made invalid (long format keeps the rest intact)
        counts = {}
        for r in recs:
            counts[id(r["p"])] = counts.get(id(r["p"]), 0) + 1
        cand = [i for i, r in enumerate(recs) if counts[id(r["p"])] == 1]
        has_dob = any(c.target == "date_of_birth" for c in cols)
        for i in rng.sample(cand, min(n_bad, len(cand))):
            bad[i] = "dob" if (has_dob and bad_dob and rng.random() < 0.6) else "noid"
    data = []
    for i, r in enumerate(recs):
        row = []
        for c in cols:
            v = c.fn(r)
            if bad.get(i) == "noid" and c.target in ID_TARGETS:
                v = ""
            if bad.get(i) == "dob" and c.target == "date_of_birth":
                v = bad_dob(rng)
            row.append(v)
        data.append(row)
    header = [c.header for c in cols]
    groups = [c.group for c in cols]
    pre = [list(x) for x in pre]
    if demac:
        header = [demacron(h) for h in header]
        groups = [demacron(g) if g else g for g in groups]
        data = [[demacron(v) if isinstance(v, str) else v for v in row] for row in data]
        pre = [[demacron(v) if isinstance(v, str) else v for v in row] for row in pre]
    footer = []
    if totals:
        footer = [totals(data, header, [c.target for c in cols])]
    header_row = len(pre) + (1 if group_row else 0) + 1
    return {
        "sheet": sheet,
        "pre": pre,
        "group_row": group_row,
        "groups_style": groups_style,
        "header": header,
        "groups": groups,
        "data": data,
        "footer": footer,
        "header_row": header_row,
        "targets": [c.target for c in cols],
        "rows": n,
        "valid_rows": n - len(bad),
    }


def table_truth(t):
    return {
        "sheet": t["sheet"],
        "header_row": t["header_row"],
        "rows": t["rows"],
        "columns": [
            {"index": i, "header": h, "group": g, "target": tg}
            for i, (h, g, tg) in enumerate(zip(t["header"], t["groups"], t["targets"], strict=False))
        ],
    }


def group_row_values(t):
    out, prev = [], object()
    for g in t["groups"]:
        if g is None:
            out.append("")
            prev = object()
        elif g == prev:
            out.append("")
        else:
            out.append(g)
            prev = g
    return out


def totals_row(label_col=0, sum_targets=("sessions_attended",), label="TOTAL"):
    def f(data, header, targets):
        row = [""] * len(header)
        row[label_col] = label
        for i, tg in enumerate(targets):
            if tg in sum_targets:
                row[i] = sum(int(r[i]) for r in data if str(r[i]).strip() != "")
        return row

    return f


def cell_str(v) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


# --------------------------------------------------------------------------------------
# writers
# --------------------------------------------------------------------------------------
def table_grid(t):
    grid = [list(r) for r in t["pre"]]
    if t["group_row"]:
        grid.append(group_row_values(t))
    grid.append(list(t["header"]))
    grid.extend(t["data"])
    grid.extend(t["footer"])
    return grid


def write_delimited(
    path, t, delimiter, encoding, bom=False, gz=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"
):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator=lineterminator)
    for row in table_grid(t):
        w.writerow([cell_str(v) for v in row])
    text = buf.getvalue()
    raw = text.encode(encoding)  # utf-16 adds its own BOM
    if bom:
        raw = b"\xef\xbb\xbf" + raw
    if gz:
        raw = gzip.compress(raw, mtime=0)
    path.write_bytes(raw)


def write_xlsx(path, tables, extra_sheets=(), date_fmt="dd/mm/yyyy", col_widths=None):
    """extra_sheets: list of (position, title, rows). tables are written in order."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.remove(wb.active)
    sheets = [("t", t) for t in tables]
    for pos, title, rows in extra_sheets:
        sheets.insert(pos, ("x", (title, rows)))
    for kind, obj in sheets:
        if kind == "x":
            title, rows = obj
            ws = wb.create_sheet(title)
            for r in rows:
                ws.append(list(r))
            continue
        t = obj
        ws = wb.create_sheet(t["sheet"])
        for r in t["pre"]:
            ws.append(list(r))
        if t["pre"]:
            ws.cell(1, 1).font = Font(bold=True, size=14)
        if t["group_row"]:
            gr = len(t["pre"]) + 1
            i = 0
            gs = t["groups"]
            while i < len(gs):
                j = i
                while j + 1 < len(gs) and gs[i] is not None and gs[j + 1] == gs[i]:
                    j += 1
                if gs[i] is not None:
                    ws.cell(gr, i + 1, gs[i]).font = Font(bold=True)
                    ws.cell(gr, i + 1).alignment = Alignment(horizontal="center")
                    if j > i:
                        ws.merge_cells(start_row=gr, start_column=i + 1, end_row=gr, end_column=j + 1)
                i = j + 1
        hr = t["header_row"]
        for ci, h in enumerate(t["header"]):
            c = ws.cell(hr, ci + 1, h if h != "" else None)
            c.font = Font(bold=True)
            if "\n" in h:
                c.alignment = Alignment(wrap_text=True)
        for ri, row in enumerate(t["data"] + t["footer"]):
            for ci, v in enumerate(row):
                if v == "" or v is None:
                    continue
                c = ws.cell(hr + 1 + ri, ci + 1, v)
                if isinstance(v, dt.datetime):
                    c.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(v, dt.date):
                    c.number_format = date_fmt
        ws.freeze_panes = ws.cell(hr + 1, 1)
    wb.save(path)
    _freeze_zip(path)


def _freeze_zip(path):
    """Make the xlsx byte-identical run to run: fixed document times and zip entry times."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in items:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2026-10-02T09:00:00Z", data)
            zi = zipfile.ZipInfo(name, date_time=(2026, 10, 2, 9, 0, 0))
            z.writestr(zi, data, compress_type=zipfile.ZIP_DEFLATED)


def _ods_cell(v):
    if v is None or v == "":
        return "<table:table-cell/>"
    if isinstance(v, bool):
        v = "Yes" if v else "No"
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{v.isoformat()}">'
            f"<text:p>{d_nz(v)}</text:p></table:table-cell>"
        )
    if isinstance(v, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
    paras = "".join(f"<text:p>{xml_escape(line)}</text:p>" for line in str(v).split("\n"))
    return f'<table:table-cell office:value-type="string">{paras}</table:table-cell>'


def write_ods(path, tables, extra_sheets=()):
    sheets = [(t["sheet"], table_grid(t)) for t in tables]
    for pos, title, rows in extra_sheets:
        sheets.insert(pos, (title, [list(r) for r in rows]))
    body = []
    for name, grid in sheets:
        body.append(f'<table:table table:name="{xml_escape(name)}">')
        for row in grid:
            body.append("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>")
        body.append("</table:table>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet>" + "".join(body) + "</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        zi = zipfile.ZipInfo("mimetype", date_time=(2026, 1, 1, 0, 0, 0))
        z.writestr(zi, "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        for name, data in (("content.xml", content), ("META-INF/manifest.xml", manifest)):
            zi = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            z.writestr(zi, data, compress_type=zipfile.ZIP_DEFLATED)


def write_json(path, t, indent=2):
    recs = [{h: v for h, v in zip(t["header"], row, strict=False)} for row in t["data"]]
    path.write_text(json.dumps(recs, ensure_ascii=False, indent=indent, default=cell_str), encoding="utf-8")


# --------------------------------------------------------------------------------------
# layout helpers
# --------------------------------------------------------------------------------------
def P(key, f=None):
    return (lambda r: f(r["p"][key])) if f else (lambda r: r["p"][key])


def people(rng, quarter, n, mix, age="adult", gender_bias=None):
    return [{"p": make_person(rng, quarter, mix, age, gender_bias)} for _ in range(n)]


def long_format(rng, quarter, persons, max_sessions=5):
    """One record per session; session dates inside the quarter, sorted."""
    q0, q1 = q_range(quarter)
    recs = []
    for r in persons:
        p = r["p"]
        k = rng.randint(1, max_sessions)
        lo = max(q0, p["start"])
        dates = sorted(rand_date(rng, lo, q1) for _ in range(k))
        for i, d in enumerate(dates):
            recs.append(
                {
                    "p": p,
                    "sdate": d,
                    "sno": i + 1,
                    "stime": dt.time(rng.choice(range(8, 18)), rng.choice([0, 15, 30, 45])),
                }
            )
    recs.sort(key=lambda r: (r["sdate"], r["stime"]))
    return recs


def bad_dob_factory(fmt, impossible):
    def f(rng):
        if rng.random() < 0.5:
            return impossible
        return fmt(dt.date(rng.choice([2027, 2028, 2031]), rng.randint(1, 12), rng.randint(1, 28)))

    return f


MIX_GENERAL = {"maori": 30, "pacific": 15, "pakeha": 35, "asian": 10, "indian": 8, "former_refugee": 2}
MIX_MAORI = {"maori": 80, "pacific": 8, "pakeha": 10, "asian": 1, "indian": 1}
MIX_PACIFIC = {"pacific": 80, "maori": 12, "pakeha": 5, "indian": 3}
MIX_REFUGEE = {"former_refugee": 100}


def yn(p_true):
    return lambda v: p_true[0] if v else p_true[1]


def eth_labels(p, sep="; "):
    return sep.join(e[0] for e in p["eth"])


def eth_codes(p, sep=";"):
    return sep.join(e[1] for e in p["eth"])


def pick(vocab, r):
    return vocab[int(r * len(vocab)) % len(vocab)]


# --------------------------------------------------------------------------------------
# the twenty layouts
# --------------------------------------------------------------------------------------
def L01(rng):
    """Men's behaviour-change programme: case-management CSV export, cp1252, ';', title rows, totals row."""
    q = "2026Q2"
    recs = people(rng, q, rng.randint(90, 140), MIX_GENERAL, gender_bias="M")
    outcome = ["Completed programme", "Exited - non-attendance", "Still attending", "Exited - breach", "Transferred"]
    referral = ["Police (FH)", "District Court", "Self", "Oranga Tamariki", "Community Probation", "Partner's advocate"]
    funder = ["MSD-FV-01", "MOJ-NVP", "MSD-FV-02"]
    cols = [
        C("Client ID", "client_ref", lambda r: f"MBC-{rng.randint(10000, 99999)}"),
        C("Surname", "family_name", P("family", str.upper)),
        C("First name(s)", "given_names", P("given")),
        C("D.O.B.", "date_of_birth", P("dob", d_nz)),
        C("NHI", "nhi", lambda r: r["p"]["nhi"] if r["p"]["r"] < 0.7 else ""),
        C("Eth", "ethnicity", lambda r: eth_labels(r["p"], "/")),
        C("Iwi", "iwi", P("iwi")),
        C("Ph", "phone", P("phone")),
        C("Referred by", "referral_source", lambda r: pick(referral, r["p"]["r2"])),
        C("Intake date", "start_date", P("start", d_nz)),
        C("Last group attended", "service_date", P("svc", d_nz)),
        C("Sessions attended", "sessions_attended", P("sessions")),
        C("Exit status", "outcome_status", lambda r: pick(outcome, r["p"]["r3"])),
        C("Consent to eval (Y/N)", "consent_evaluation", P("consent", yn(("Y", "N")))),
        C("Facilitator", "key_worker", P("worker")),
        C("Funder code", None, lambda r: pick(funder, r["p"]["r"])),
        C("Date closed", None, lambda r: d_nz(r["p"]["svc"] + dt.timedelta(days=14)) if r["p"]["r3"] < 0.2 else ""),
    ]
    pre = [
        ["Tāne Whakapiripiri Trust - Client Activity Report"],
        ["Period: 01/04/2026 to 30/06/2026", "", "Run by: admin"],
        [],
    ]
    t = build_table(
        rng,
        cols,
        recs,
        pre=pre,
        bad_dob=bad_dob_factory(d_nz, "31/02/1987"),
        n_bad=2,
        totals=totals_row(0, label="Total clients"),
        demac=True,
    )
    return {
        "provider": "tane-whakapiripiri-trust",
        "quarter": q,
        "features": [
            "mens_behaviour_change",
            "case_management_export",
            "cp1252",
            "semicolon",
            "title_rows",
            "trailing_totals_row",
            "names_upper",
            "abbrev_headers",
            "funder_code",
            "date_closed_distractor",
        ],
        "files": [
            {
                "name": "ClientActivity_Q2_2026.csv",
                "format": "csv",
                "encoding": "cp1252",
                "delimiter": ";",
                "tables": [t],
                "write": dict(kind="delim", bom=False),
            }
        ],
    }


def L02(rng):
    """Kaumātua support: xlsx, cover sheet with staff email, te reo headers, merged groups, Excel serial DOBs."""
    q = "2026Q3"
    recs = people(rng, q, rng.randint(70, 110), MIX_MAORI, age="elder")
    outcome = ["Kei te haere tonu", "Kua oti", "Kua mutu", "Kua wehe atu"]
    G1, G2 = "Kiritaki", "Ratonga"
    cols = [
        C("Ingoa", "full_name", lambda r: f"{r['p']['given']} {r['p']['family']}", G1),
        C("Rā whānau", "date_of_birth", lambda r: excel_serial(r["p"]["dob"]), G1),
        C("Ira tangata", "gender", lambda r: {"F": "Wahine", "M": "Tāne", "X": "Ira kē"}[r["p"]["sex"]], G1),
        C("Iwi", "iwi", P("iwi"), G1),
        C("Hapū", None, lambda r: pick(["Ngāti Hine", "Te Whānau-a-Apanui", "Ngāti Rangi", ""], r["p"]["r2"]), G1),
        C("Wāhi noho", "address", lambda r: full_address(r["p"]), G1),
        C("Waea", "phone", P("phone"), G1),
        C("Kaitiaki / whānau contact", "caregiver_name", P("caregiver"), G1),
        C("Rā tīmata", "start_date", P("start"), G2),
        C("Rā toro", "service_date", P("svc"), G2),
        C("Toro (count)", "sessions_attended", P("sessions"), G2),
        C("Kaimahi", "key_worker", P("worker"), G2),
        C("Whakaaetanga", "consent_evaluation", P("consent", yn(("Āe", "Kāo"))), G2),
        C("Tūnga", "outcome_status", lambda r: pick(outcome, r["p"]["r3"]), G2),
        C("Kaumātua hauora (1-5) tīmatanga", "wellbeing_start", lambda r: min(5, max(1, r["p"]["wb0"] // 2 + 1))),
        C("Kaumātua hauora (1-5) mutunga", "wellbeing_end", lambda r: min(5, max(1, r["p"]["wb1"] // 2 + 1))),
    ]
    t = build_table(rng, cols, recs, sheet="Raraunga Q3", group_row=True, bad_dob=lambda rng: "30/02/1941", n_bad=2)
    cover = [
        ["Te Whare Kaumātua o Kaiti - Pūrongo hauwhā / Quarterly return"],
        [],
        ["Instructions: fill one row per kaumātua seen this quarter. Do not change column order."],
        ["Dates of birth are stored as Excel numbers (days since 1900)."],
        ["Pātai? Contact Ārani Tamihana, ārani.tamihana@kaumatuakaiti.org.nz, 06 868 4471"],
    ]
    return {
        "provider": "te-whare-kaumatua-o-kaiti",
        "quarter": q,
        "features": [
            "kaumatua_support",
            "cover_sheet_first",
            "staff_email_on_cover",
            "te_reo_headers_macrons",
            "merged_group_headers",
            "excel_serial_number_dates",
            "hapu_distractor",
            "scores_1_5",
        ],
        "files": [
            {
                "name": "Purongo_Kaumatua_2026Q3.xlsx",
                "format": "xlsx",
                "encoding": None,
                "delimiter": None,
                "tables": [t],
                "write": dict(kind="xlsx", extra=[(0, "Tohutohu", cover)]),
            }
        ],
    }


def L03(rng):
    """Tenancy sustainment: two CSV parts (utf-8 BOM), split address, numeric non-score columns."""
    q = "2026Q3"
    status = ["Tenancy sustained", "Tenancy ended - moved", "Ongoing support", "Evicted", "Rehoused (KO)"]
    referral = ["Kāinga Ora", "Tenancy Services", "WINZ", "Self/whānau", "Community law", "Hospital social worker"]
    files = []
    for part in (1, 2):
        recs = people(rng, q, rng.randint(60, 120), MIX_GENERAL)
        cols = [
            C("Tenant Ref", "client_ref", lambda r: f"T{rng.randint(2000, 9999)}"),
            C("Tenant name", "full_name", lambda r: f"{r['p']['family'].upper()}, {r['p']['given']}"),
            C("DOB", "date_of_birth", P("dob", d_iso)),
            C("Street address", "address_street", P("street")),
            C("Suburb", "address_suburb", P("suburb")),
            C("Town/City", "address_town", P("town")),
            C("Post code", "address_postcode", P("postcode")),
            C("Mobile", "phone", P("phone")),
            C("Referral from", "referral_source", lambda r: pick(referral, r["p"]["r2"])),
            C("Tenancy support start", "start_date", P("start", d_iso)),
            C("Visit date", "service_date", P("svc", d_iso)),
            C("Rent arrears ($)", None, lambda r: f"{r['p']['n'] * 137.5:.2f}"),
            C("Weeks on waitlist", None, lambda r: r["p"]["sessions"] * 3),
            C("Children in household", None, P("n")),
            C("Tenancy status", "outcome_status", lambda r: pick(status, r["p"]["r3"])),
            C("Review due", None, lambda r: d_iso(r["p"]["svc"] + dt.timedelta(days=42))),
            C("Happy for info to be used for evaluation?", "consent_evaluation", P("consent", yn(("Yes", "No")))),
        ]
        t = build_table(rng, cols, recs, bad_dob=bad_dob_factory(d_iso, "1979-02-29"), n_bad=rng.randint(1, 2))
        files.append(
            {
                "name": f"HomeBase_tenancy_2026Q3_part{part}.csv",
                "format": "csv",
                "encoding": "utf-8-sig",
                "delimiter": ",",
                "tables": [t],
                "write": dict(kind="delim", bom=False),
            }
        )
    return {
        "provider": "homebase-tenancy-trust",
        "quarter": q,
        "features": [
            "housing_tenancy",
            "two_part_submission",
            "utf8_bom",
            "split_address",
            "family_comma_given",
            "numeric_not_score_columns",
            "review_due_distractor",
            "question_header_consent",
        ],
        "files": files,
    }


def L04(rng):
    """Mental-health peer support: Google Forms/Sheets download, coded Q-headers, US dates, US datetime timestamp."""
    q = "2026Q2"
    recs = people(rng, q, rng.randint(80, 160), MIX_GENERAL, age="adult")
    for r in recs:
        r["ts"] = dt.datetime.combine(
            r["p"]["svc"], dt.time(rng.randint(9, 20), rng.randint(0, 59), rng.randint(0, 59))
        )

    def usdt(x):
        h = x.hour % 12 or 12
        return f"{x.month}/{x.day}/{x.year} {h}:{x.minute:02d}:{x.second:02d} {'PM' if x.hour >= 12 else 'AM'}"

    gender = {"F": "Woman", "M": "Man", "X": "Non-binary"}
    cols = [
        C("Timestamp", None, lambda r: usdt(r["ts"])),
        C("Q1_fname", "given_names", P("given")),
        C("Q2_lname", "family_name", P("family")),
        C("Q3_DOB", "date_of_birth", P("dob", d_us)),
        C("Q4_gender", "gender", lambda r: gender[r["p"]["sex"]]),
        C("Q5_ethnicity", "ethnicity", lambda r: eth_labels(r["p"], ", ")),
        C("Q6_email", "email", P("email")),
        C("Q7_session_date (MM/DD/YYYY)", "service_date", P("svc", d_us)),
        C("Q8_consent", "consent_evaluation", P("consent", yn(("I agree", "I do not agree")))),
        C("Q9_wellbeing_pre (0-10)", "wellbeing_start", P("wb0")),
        C("Q10_wellbeing_post (0-10)", "wellbeing_end", P("wb1")),
        C("Q11_peer_worker", "key_worker", P("worker")),
        C(
            "Q12_how_heard",
            "referral_source",
            lambda r: pick(["GP", "Friend/whānau", "Facebook", "Crisis team", "Walk-in"], r["p"]["r2"]),
        ),
        C("Email Address", None, lambda r: "peerform@tuiaroha.org.nz"),
    ]
    t = build_table(rng, cols, recs, bad_dob=bad_dob_factory(d_us, "02/30/1990"), n_bad=2)
    return {
        "provider": "tui-aroha-peer-support",
        "quarter": q,
        "features": [
            "mental_health_peer_support",
            "google_forms_export",
            "coded_headers_Qn",
            "us_dates",
            "us_datetime_timestamp",
            "form_owner_email_distractor",
            "multi_ethnicity_comma",
        ],
        "files": [
            {
                "name": "Peer Support Session Log (Responses) - Form responses 1.csv",
                "format": "csv",
                "encoding": "utf-8",
                "delimiter": ",",
                "tables": [t],
                "write": dict(kind="delim", bom=False),
            }
        ],
    }


def L05(rng):
    """Alcohol & drug: TSV in UTF-16, line breaks in headers, blank and Column1 headers, Yes/No not consent."""
    q = "2026Q3"
    recs = people(rng, q, rng.randint(70, 130), MIX_GENERAL)
    reasons = [
        "Drink-driving conviction, court-directed assessment",
        "Whānau worried about cannabis use",
        "Self-referral after ED presentation",
        "Methamphetamine use affecting parenting",
        "GP referral for alcohol use",
    ]
    outcome = ["Discharged - goals met", "Discharged - DNA", "Active", "Referred to residential", "Declined further"]
    cols = [
        C("", None, lambda r: ""),  # spacer column left from an old template
        C("NHI", "nhi", P("nhi")),
        C("Client name", "full_name", lambda r: f"{r['p']['given']} {r['p']['family']}"),
        C("Date of\nbirth", "date_of_birth", P("dob", d_nz_short)),
        C("Gender", "gender", P("sex")),
        C("Ethnicity", "ethnicity", lambda r: r["p"]["eth"][0][0]),
        C("Reason for referral", None, lambda r: pick(reasons, r["p"]["r2"])),
        C(
            "Interpreter\nneeded",
            None,
            lambda r: "Yes" if r["p"]["group"] in ("asian", "former_refugee") and r["p"]["r"] < 0.5 else "No",
        ),
        C("Admission date", "start_date", P("start", d_nz_short)),
        C("Last appt", "service_date", P("svc", d_nz_short)),
        C("Appts attended", "sessions_attended", P("sessions")),
        C("AUDIT score\n(start)", "wellbeing_start", lambda r: 8 + r["p"]["wb0"] * 3),
        C(
            "AUDIT score\n(latest)",
            "wellbeing_end",
            lambda r: max(0, 8 + r["p"]["wb0"] * 3 - (r["p"]["wb1"] - r["p"]["wb0"]) * 3),
        ),
        C("Discharge outcome", "outcome_status", lambda r: pick(outcome, r["p"]["r3"])),
        C("Clinician", "key_worker", P("worker")),
        C("Column1", None, lambda r: ""),
    ]
    t = build_table(rng, cols, recs, bad_dob=bad_dob_factory(d_nz_short, "29/2/1983"), n_bad=3)
    return {
        "provider": "kahukura-ad-service",
        "quarter": q,
        "features": [
            "alcohol_and_drug",
            "tsv",
            "utf16",
            "header_line_breaks",
            "blank_header",
            "column1_header",
            "yes_no_not_consent",
            "free_text_not_case_notes",
            "audit_scores_pre_post",
            "new_and_old_nhi",
        ],
        "files": [
            {
                "name": "kahukura_caseload_2026-Q3.tsv",
                "format": "tsv",
                "encoding": "utf-16",
                "delimiter": "\t",
                "tables": [t],
                "write": dict(kind="delim", bom=False),
            }
        ],
    }


def L06(rng):
    """Social supermarket: gzip CSV, pipe-delimited, long format (one row per visit), ISO datetimes, initials."""
    q = "2026Q2"
    persons = people(rng, q, rng.randint(40, 60), MIX_GENERAL)
    for i, r in enumerate(persons):
        r["p"]["card"] = f"SS{10000 + i * 7 + rng.randint(0, 6):05d}"
    recs = long_format(rng, q, persons, max_sessions=4)
    vols = ["SF", "MT", "RH", "LT", "PK"]
    cols = [
        C("visit_id", None, lambda r: ""),
        C(
            "visit_datetime",
            "service_date",
            lambda r: dt.datetime.combine(r["sdate"], r["stime"]).isoformat(timespec="minutes"),
        ),
        C("card_no", "client_ref", P("card")),
        C("shopper_name", "full_name", lambda r: f"{r['p']['given']} {r['p']['family']}".lower()),
        C("suburb", "address_suburb", P("suburb")),
        C("household_size", None, lambda r: r["p"]["n"] + 1),
        C("children_u18", None, P("n")),
        C("points_allocated", None, lambda r: 40 + r["p"]["n"] * 15),
        C(
            "referred_by",
            "referral_source",
            lambda r: pick(["WINZ", "Budget service", "Church", "Self", "School"], r["p"]["r2"]),
        ),
        C("vol", "key_worker", lambda r: pick(vols, r["p"]["r3"])),
    ]
    for i, r in enumerate(recs):
        r["vid"] = 50001 + i
    cols[0].fn = lambda r: r["vid"]
    t = build_table(rng, cols, recs, n_bad=2)
    return {
        "provider": "pataka-kai-social-supermarket",
        "quarter": q,
        "features": [
            "foodbank_social_supermarket",
            "csv_gz",
            "pipe_delimited",
            "long_format_repeat_clients",
            "iso_datetime",
            "names_lower",
            "suburb_only_address",
            "key_worker_initials",
            "row_id_distractor",
            "no_dob",
        ],
        "files": [
            {
                "name": "visits_2026Q2.csv.gz",
                "format": "csv.gz",
                "encoding": "utf-8",
                "delimiter": "|",
                "tables": [t],
                "write": dict(kind="delim", gz=True),
            }
        ],
    }


def L07(rng):
    """Whānau Ora navigation: xlsx with numeric gender/outcome codes and a codebook sheet; bilingual headers."""
    q = "2026Q3"
    recs = people(rng, q, rng.randint(80, 150), MIX_MAORI)
    gcode = {"M": 1, "F": 2, "X": 3}
    cols = [
        C("Whānau ID", "client_ref", lambda r: f"WO{rng.randint(1000, 9999)}"),
        C("Ingoa tuatahi / First name", "given_names", P("given")),
        C("Ingoa whānau / Surname", "family_name", P("family")),
        C("Rā whānau / Date of birth", "date_of_birth", P("dob")),
        C("Ira (code)", "gender", lambda r: gcode[r["p"]["sex"]]),
        C("Iwi affiliation", "iwi", P("iwi")),
        C("Ethnic group (L2 code)", "ethnicity", lambda r: eth_codes(r["p"], ";")),
        C("Kaiārahi", "key_worker", P("worker")),
        C("Plan start", "start_date", P("start")),
        C("Hui date", "service_date", P("svc")),
        C("Whānau members in plan", None, lambda r: r["p"]["n"] + 1),
        C("Goals set", None, lambda r: 2 + r["p"]["n"] % 4),
        C("Outcome code", "outcome_status", lambda r: 1 + int(r["p"]["r3"] * 4)),
        C("Kaitiaki / main carer", "caregiver_name", P("caregiver")),
        C("Whakaae (1=yes 0=no)", "consent_evaluation", lambda r: int(r["p"]["consent"])),
    ]
    t = build_table(rng, cols, recs, sheet="Data", bad_dob=lambda rng: "31/09/1985", n_bad=2)
    codebook = [
        ["Field", "Code", "Meaning"],
        ["Ira (code)", 1, "Tāne / male"],
        ["Ira (code)", 2, "Wahine / female"],
        ["Ira (code)", 3, "Another gender"],
        ["Outcome code", 1, "Plan active"],
        ["Outcome code", 2, "Plan goals achieved - closed"],
        ["Outcome code", 3, "Disengaged"],
        ["Outcome code", 4, "Transferred to another provider"],
        ["Ethnic group (L2 code)", "21", "Māori"],
        ["Ethnic group (L2 code)", "11", "NZ European"],
        ["Ethnic group (L2 code)", "31", "Samoan"],
        ["Ethnic group (L2 code)", "33", "Tongan"],
    ]
    return {
        "provider": "te-ara-whanau-ora-collective",
        "quarter": q,
        "features": [
            "whanau_ora_navigation",
            "numeric_gender_codes",
            "numeric_outcome_codes",
            "codebook_sheet",
            "bilingual_headers",
            "ethnicity_level2_codes_multi",
            "date_cells",
            "counts_not_scores",
        ],
        "files": [
            {
                "name": "WhanauOra_Navigation_Q3.xlsx",
                "format": "xlsx",
                "encoding": None,
                "delimiter": None,
                "tables": [t],
                "write": dict(kind="xlsx", extra=[(1, "Codebook", codebook)]),
            }
        ],
    }


def L08(rng):
    """Prison reintegration: hand-written ODS, CAPITAL headers with trailing spaces, IRD, release date distractor."""
    q = "2026Q2"
    recs = people(rng, q, rng.randint(60, 100), MIX_GENERAL, gender_bias="M")
    status = ["HOUSED + EMPLOYED", "HOUSED", "RECALLED", "LOST CONTACT", "IN PROGRESS"]
    cols = [
        C("CLIENT NO ", "client_ref", lambda r: rng.randint(3000, 3999)),
        C("SURNAME ", "family_name", P("family", str.upper)),
        C("FIRST NAMES ", "given_names", P("given", str.upper)),
        C("D.O.B ", "date_of_birth", P("dob")),
        C("IRD NO ", "ird", lambda r: fmt_ird(r["p"]["ird"], 1)),
        C("RELEASE DATE ", None, lambda r: r["p"]["start"] - dt.timedelta(days=rng.randint(1, 20))),
        C("PROG START ", "start_date", P("start")),
        C("LAST CONTACT ", "service_date", P("svc")),
        C("ADDR ", "address", lambda r: full_address(r["p"]).upper()),
        C("PH ", "phone", P("phone")),
        C("MENTOR ", "key_worker", P("worker", str.upper)),
        C("STATUS ", "outcome_status", lambda r: pick(status, r["p"]["r3"])),
        C("ELECTRONIC MONITORING ", None, lambda r: "Y" if r["p"]["r2"] < 0.3 else "N"),
    ]
    pre = [["HAPAI REINTEGRATION - OUTCOMES SHEET APR-JUN 2026"], ["Keep this sheet on the S: drive only"]]
    t = build_table(rng, cols, recs, sheet="Sheet1", pre=pre, bad_dob=lambda rng: "31/06/1979", n_bad=1)
    return {
        "provider": "hapai-reintegration",
        "quarter": q,
        "features": [
            "prison_reintegration",
            "ods_handwritten",
            "caps_trailing_spaces",
            "ird_hyphenated",
            "title_rows",
            "release_date_distractor",
            "yes_no_not_consent",
            "no_consent_column",
        ],
        "files": [
            {
                "name": "hapai_outcomes_apr-jun26.ods",
                "format": "ods",
                "encoding": None,
                "delimiter": None,
                "tables": [t],
                "write": dict(kind="ods"),
            }
        ],
    }


def L09(rng):
    """Teen parents: workbook with one sheet per month; d-mmm-yy text dates; baby DOB distractor."""
    q = "2026Q3"
    tables = []
    for m, name in ((7, "Jul 26"), (8, "Aug 26"), (9, "Sep 26")):
        recs = people(rng, q, rng.randint(60, 90), MIX_GENERAL, age="teen_parent", gender_bias="F")
        last = dt.date(2026, m + 1, 1) - dt.timedelta(days=1)
        for r in recs:
            r["visit"] = rand_date(rng, dt.date(2026, m, 1), last)
            r["baby"] = rand_date(rng, dt.date(2025, 1, 1), dt.date(2026, m, 1))
        cols = [
            C("Young parent", "full_name", lambda r: f"{r['p']['given']} {r['p']['family']}"),
            C("DOB", "date_of_birth", P("dob", d_mmm)),
            C("Age", None, lambda r: (dt.date(2026, 9, 30) - r["p"]["dob"]).days // 365),
            C("Pēpi DOB", None, lambda r: d_mmm(r["baby"])),
            C(
                "School / course",
                None,
                lambda r: pick(["Teen Parent Unit", "Alt Ed", "Not enrolled", "Polytech"], r["p"]["r2"]),
            ),
            C("Whānau support person", "caregiver_name", P("caregiver")),
            C("Phone", "phone", P("phone")),
            C("Visit date", "service_date", lambda r: d_mmm(r["visit"])),
            C("Visits this month", "sessions_attended", lambda r: 1 + r["p"]["n"] % 4),
            C("Social worker", "key_worker", P("worker")),
            C("OK to use for evaluation", "consent_evaluation", P("consent", yn(("✓", "")))),
        ]
        tables.append(
            build_table(
                rng, cols, recs, sheet=name, bad_dob=bad_dob_factory(d_mmm, "30-Feb-09"), n_bad=rng.randint(0, 2)
            )
        )
    return {
        "provider": "young-mums-hub-porirua",
        "quarter": q,
        "features": [
            "teen_parents",
            "sheet_per_month",
            "d_mmm_yy_text_dates",
            "baby_dob_distractor",
            "age_distractor",
            "tick_consent",
            "caregiver_column",
        ],
        "files": [
            {
                "name": "YMH visits Q3 2026.xlsx",
                "format": "xlsx",
                "encoding": None,
                "delimiter": None,
                "tables": tables,
                "write": dict(kind="xlsx", extra=[]),
            }
        ],
    }


def L10(rng):
    """Pacific family-violence service: Samoan/Tongan headers, utf-8 CSV, comma."""
    q = "2026Q2"
    recs = people(rng, q, rng.randint(70, 130), MIX_PACIFIC)
    cols = [
        C("Numera", None, lambda r: ""),
        C("Igoa / Hingoa", "full_name", lambda r: f"{r['p']['given']} {r['p']['family']}"),
        C("Aso fanau", "date_of_birth", P("dob", d_nz)),
        C("Tane/Fafine", "gender", lambda r: {"M": "Tane", "F": "Fafine", "X": "Fa'afafine"}[r["p"]["sex"]]),
        C("Ethnic group", "ethnicity", lambda r: eth_labels(r["p"], " / ")),
        C("Tuatusi", "address", lambda r: full_address(r["p"], with_pc=False)),
        C("Telefoni", "phone", P("phone")),
        C(
            "Nu'u / village",
            None,
            lambda r: pick(["Satapuala", "Vailele", "Kolofo'ou", "Ha'apai", "Leauva'a", ""], r["p"]["r2"]),
        ),
        C("Aso amata (start)", "start_date", P("start", d_nz)),
        C("Aso fonotaga (session)", "service_date", P("svc", d_nz)),
        C("Fonotaga (sessions)", "sessions_attended", P("sessions")),
        C("Consent (Ioe/Leai)", "consent_evaluation", P("consent", yn(("Ioe", "Leai")))),
        C(
            "I'uga / Outcome",
            "outcome_status",
            lambda r: pick(["Completed", "Ongoing", "Withdrew", "Moved away"], r["p"]["r3"]),
        ),
        C("Faiaoga / Worker", "key_worker", P("worker")),
        C("Protection order in place", None, lambda r: "Yes" if r["p"]["r"] < 0.35 else "No"),
    ]
    t = build_table(rng, cols, recs, bad_dob=bad_dob_factory(d_nz, "00/05/1990"), n_bad=2)
    for i, row in enumerate(t["data"]):
        row[0] = i + 1
    return {
        "provider": "aiga-malosi-services",
        "quarter": q,
        "features": [
            "pacific_family_violence",
            "samoan_tongan_headers",
            "row_number_distractor",
            "village_distractor",
            "ioe_leai_consent",
            "yes_no_not_consent",
            "address_no_postcode",
        ],
        "files": [
            {
                "name": "AigaMalosi_Q2-2026.csv",
                "format": "csv",
                "encoding": "utf-8",
                "delimiter": ",",
                "tables": [t],
                "write": dict(kind="delim", bom=False),
            }
        ],
    }


def L11(rng):
    """Disability support: MS Access table dump, all fields quoted, tbl.field headers, midnight datetimes."""
    q = "2026Q3"
    recs = people(rng, q, rng.randint(80, 140), MIX_GENERAL)
    acc = lambda d: f"{d.isoformat()} 00:00:00"  # noqa: E731
    cols = [
        C("ID", None, lambda r: ""),
        C("tblClient.ClientCode", "client_ref", lambda r: f"DS{rng.randint(100000, 999999)}"),
        C("tblClient.FirstName", "given_names", P("given")),
        C("tblClient.LastName", "family_name", P("family")),
        C("tblClient.DOB", "date_of_birth", P("dob", acc)),
        C("tblClient.Sex", "gender", P("sex")),
        C("tblClient.NHINo", "nhi", P("nhi")),
        C("tblClient.EthnicityCode", "ethnicity", lambda r: r["p"]["eth"][0][1]),
        C("tblClient.Address1", "address_street", P("street")),
        C("tblClient.Address2", "address_suburb", P("suburb")),
        C("tblClient.City", "address_town", P("town")),
        C("tblClient.CarerName", "caregiver_name", P("caregiver")),
        C("tblPlan.PlanStart", "start_date", P("start", acc)),
        C("tblVisit.VisitDate", "service_date", P("svc", acc)),
        C("tblPlan.SupportHoursWk", None, lambda r: 2 + r["p"]["n"] * 2.5),
        C("tblPlan.NASCRef", None, lambda r: f"NASC-{rng.randint(10000, 99999)}"),
        C("tblStaff.StaffName", "key_worker", P("worker")),
        C("SSMA_TimeStamp", None, lambda r: ""),
    ]
    for i, r in enumerate(recs):
        r["rid"] = 1000 + i * 3
    cols[0].fn = lambda r: r["rid"]
    cols[-1].fn = lambda r: "0x00000000000" + str(r["rid"] % 97).zfill(5)
    t = build_table(rng, cols, recs, bad_dob=bad_dob_factory(acc, "1966-13-02 00:00:00"), n_bad=2, demac=True)
    return {
        "provider": "enable-support-canterbury",
        "quarter": q,
        "features": [
            "disability_support",
            "access_dump",
            "quote_all",
            "table_dot_field_headers",
            "midnight_datetimes",
            "split_address_no_postcode",
            "ethnicity_single_code",
            "autonumber_distractor",
            "caregiver_column",
        ],
        "files": [
            {
                "name": "qryQuarterlyReturn.txt",
                "format": "csv",
                "encoding": "cp1252",
                "delimiter": ",",
                "tables": [t],
                "write": dict(kind="delim", quoting=csv.QUOTE_ALL),
            }
        ],
    }


def L12(rng):
    """Refugee resettlement: wide case-management export (33 columns, a third standard), numbered ethnicity columns."""
    q = "2026Q2"
    recs = people(rng, q, rng.randint(90, 160), MIX_REFUGEE)
    countries = {
        "Syrian": "Syria",
        "Iraqi": "Iraq",
        "Somali": "Somalia",
        "Eritrean": "Eritrea",
        "Colombian": "Colombia",
    }
    langs = {"Syrian": "Arabic", "Iraqi": "Arabic", "Somali": "Somali", "Eritrean": "Tigrinya", "Colombian": "Spanish"}
    yn_ = lambda x: "Yes" if x else "No"  # noqa: E731

    def eth(i):
        return lambda r: r["p"]["eth"][i][0] if len(r["p"]["eth"]) > i else ""

    cols = [
        C("Case #", "client_ref", lambda r: f"RR-26-{rng.randint(100, 999)}"),
        C("Family group #", None, lambda r: f"FG{rng.randint(10, 99)}"),
        C("Family name", "family_name", P("family")),
        C("Given name", "given_names", P("given")),
        C("DOB", "date_of_birth", P("dob")),
        C("Sex", "gender", lambda r: {"F": "Female", "M": "Male", "X": "Other"}[r["p"]["sex"]]),
        C("Ethnicity 1", "ethnicity", eth(0)),
        C("Ethnicity 2", "ethnicity", eth(1)),
        C("Country of birth", None, lambda r: countries[r["p"]["eth"][0][0]]),
        C("Primary language", None, lambda r: langs[r["p"]["eth"][0][0]]),
        C("Interpreter needed", None, lambda r: yn_(r["p"]["r"] < 0.8)),
        C("Arrival date", None, lambda r: r["p"]["start"] - dt.timedelta(days=rng.randint(0, 30))),
        C(
            "Visa category",
            None,
            lambda r: pick(["Quota", "Family reunification", "Convention refugee", "CSR"], r["p"]["r2"]),
        ),
        C("Arrival cohort", None, lambda r: f"Intake {rng.randint(60, 70)}"),
        C(
            "Resettlement region",
            None,
            lambda r: {"Hamilton": "Waikato", "Dunedin": "Otago"}.get(r["p"]["town"], r["p"]["town"]),
        ),
        C("Address", "address", lambda r: full_address(r["p"])),
        C("Mobile", "phone", P("phone")),
        C(
            "WINZ client no",
            None,
            lambda r: (
                f"{rng.randint(100, 999)}-{rng.randint(100, 999)}-{rng.randint(100, 999)}" if r["p"]["r3"] < 0.7 else ""
            ),
        ),
        C(
            "Housing type",
            None,
            lambda r: pick(["Kāinga Ora", "Private rental", "Transitional", "With family"], r["p"]["r3"]),
        ),
        C("Household size", None, lambda r: r["p"]["n"] + 1),
        C("Children < 5", None, lambda r: r["p"]["n"] // 2),
        C("School enrolments", None, lambda r: r["p"]["n"] // 3),
        C("GP enrolled", None, lambda r: yn_(r["p"]["r2"] < 0.9)),
        C("IRD applied", None, lambda r: yn_(r["p"]["r"] < 0.7)),
        C("Bank account opened", None, lambda r: yn_(r["p"]["r3"] < 0.85)),
        C("English classes (hrs)", None, lambda r: r["p"]["sessions"] * 4),
        C("Orientation completed (Māngere)", None, lambda r: yn_(True)),
        C("Medical priority", None, lambda r: pick(["", "", "", "High", "Medium"], r["p"]["r2"])),
        C(
            "Community sponsor",
            None,
            lambda r: pick(["", "Rotary", "St Andrew's", "Red Cross volunteers", ""], r["p"]["r"]),
        ),
        C("Employment status", None, lambda r: pick(["Seeking", "Part-time", "Full-time", "Not in LF"], r["p"]["r2"])),
        C(
            "Programme",
            "programme",
            lambda r: pick(["Settlement support 12m", "Settlement support 24m", "Youth settlement"], r["p"]["r"]),
        ),
        C("Case opened", "start_date", P("start")),
        C("Last contact", "service_date", P("svc")),
        C(
            "Settlement plan status",
            "outcome_status",
            lambda r: pick(["Active", "Exited - goals met", "Exited - moved region", "Paused"], r["p"]["r3"]),
        ),
        C("Case worker", "key_worker", P("worker")),
        C("Flag", None, lambda r: pick(["", "", "HV", "SAFE", "MED"], r["p"]["r"])),
        C("Last modified by", None, lambda r: pick(["system", "bosman", "kgallagher"], r["p"]["r2"])),
    ]
    t = build_table(rng, cols, recs, sheet="Export", bad_dob=lambda rng: "1988-02-30", n_bad=2)
    return {
        "provider": "welcome-home-resettlement",
        "quarter": q,
        "features": [
            "refugee_resettlement",
            "wide_export_37_columns",
            "numbered_ethnicity_columns",
            "many_yes_no_not_consent",
            "arrival_date_distractor",
            "counts_not_scores",
            "no_consent_column",
            "programme_column",
            "date_cells",
        ],
        "files": [
            {
                "name": "CaseExport_20260701.xlsx",
                "format": "xlsx",
                "encoding": None,
                "delimiter": None,
                "tables": [t],
                "write": dict(kind="xlsx", extra=[], date_fmt="yyyy-mm-dd"),
            }
        ],
    }


def L13(rng):
    """Budgeting service: hand-kept spreadsheet, title rows, blank header, CAPS 'FAMILY, Given', long-form dates."""
    q = "2026Q3"
    recs = people(rng, q, rng.randint(60, 120), MIX_GENERAL)
    reasons = [
        "Power disconnection notice",
        "Payday loan debts spiralling",
        "WINZ debt and rent arrears",
        "Wants to save for a car",
        "Separated recently and struggling with bills",
        "Court fines",
    ]
    codes = ["FU", "DNA", "WINZ", "KS", "REF-FC", "OK", ""]
    cols = [
        C("", None, lambda r: ""),
        C("Name", "full_name", lambda r: f"{r['p']['family'].upper()}, {r['p']['given'].upper()}"),
        C("Birthdate", "date_of_birth", P("dob", d_long)),
        C("Contact ph", "phone", P("phone")),
        C("Addr", "address", lambda r: full_address(r["p"])),
        C(
            "Service",
            "programme",
            lambda r: pick(["Budget mentoring", "MoneyMates group", "KiwiSaver hardship help"], r["p"]["r"]),
        ),
        C("First appt", "start_date", P("start", d_nz)),
        C("Appt this qtr", "service_date", P("svc", d_nz)),
        C("No. of appts", "sessions_attended", P("sessions")),
        C("Reason for referral", None, lambda r: pick(reasons, r["p"]["r2"])),
        C("Debt at start ($)", None, lambda r: 500 + r["p"]["n"] * 1375),
        C("Debt now ($)", None, lambda r: max(0, 500 + r["p"]["n"] * 1375 - r["p"]["sessions"] * 150)),
        C("Financial stress (1-10) before", "wellbeing_start", lambda r: 11 - r["p"]["wb0"]),
        C("Financial stress (1-10) after", "wellbeing_end", lambda r: 11 - r["p"]["wb1"]),
        C("Case notes", "case_notes", lambda r: case_note(rng, r["p"])),
        C("Notes for agency", None, lambda r: pick(codes, r["p"]["r3"])),
        C("Mentor", "key_worker", lambda r: initials(r["p"]["worker"])),
    ]
    pre = [["Whakatipu Money Matters - client register 2026/27"], ["Q3 (Jul-Sep)"], []]
    t = build_table(
        rng, cols, recs, sheet="Register", pre=pre, bad_dob=bad_dob_factory(d_long, "31 April 1972"), n_bad=2
    )
    for row in t["data"]:
        row[0] = ""
    return {
        "provider": "whakatipu-money-matters",
        "quarter": q,
        "features": [
            "budgeting",
            "hand_kept_spreadsheet",
            "title_rows",
            "blank_header_empty_column",
            "names_upper_family_comma_given",
            "long_form_dob_text",
            "money_not_score",
            "free_text_reason_not_case_notes",
            "case_notes",
            "notes_for_agency_codes",
            "key_worker_initials",
            "inverted_stress_scale",
        ],
        "files": [
            {
                "name": "Client register Q3.xlsx",
                "format": "xlsx",
                "encoding": None,
                "delimiter": None,
                "tables": [t],
                "write": dict(kind="xlsx", extra=[]),
            }
        ],
    }


def L14(rng):
    """Early-childhood home-visiting: the client is the child; ';' CSV; photo consent vs research consent."""
    q = "2026Q2"
    recs = people(rng, q, rng.randint(80, 150), MIX_GENERAL, age="child")
    cols = [
        C("Child's name", "full_name", lambda r: f"{r['p']['given']} {r['p']['family']}"),
        C("Child DOB", "date_of_birth", P("dob", d_nz)),
        C("Boy/Girl", "gender", lambda r: {"M": "Boy", "F": "Girl", "X": "Not stated"}[r["p"]["sex"]]),
        C("Ethnicity (child)", "ethnicity", lambda r: eth_labels(r["p"], "/")),
        C("Iwi", "iwi", P("iwi")),
        C("Parent/caregiver", "caregiver_name", P("caregiver")),
        C("Parent phone", "phone", P("phone")),
        C(
            "Centre",
            None,
            lambda r: pick(["Kōhanga - Te Puna", "Little Kiwis ECE", "Home-based", "Playgroup"], r["p"]["r2"]),
        ),
        C("Enrolment date", "start_date", P("start", d_nz)),
        C("Home visit date", "service_date", P("svc", d_nz)),
        C("Visits (term)", "sessions_attended", P("sessions")),
        C("B4 School Check done", None, lambda r: "Y" if r["p"]["r"] < 0.4 else "N"),
        C("Photo consent", None, lambda r: "Y" if r["p"]["r3"] < 0.7 else "N"),
        C("Research consent", "consent_evaluation", P("consent", yn(("Y", "N")))),
        C("Kaiako", "key_worker", P("worker")),
    ]
    t = build_table(rng, cols, recs, bad_dob=bad_dob_factory(d_nz, "29/02/2023"), n_bad=2)
    return {
        "provider": "nga-tamariki-puawai-ece",
        "quarter": q,
        "features": [
            "early_childhood_child_client",
            "semicolon",
            "utf8_no_bom",
            "photo_consent_not_evaluation",
            "yes_no_not_consent",
            "caregiver_column",
            "child_dobs",
        ],
        "files": [
            {
                "name": "puawai_homevisits_2026Q2.csv",
                "format": "csv",
                "encoding": "utf-8",
                "delimiter": ";",
                "tables": [t],
                "write": dict(kind="delim", bom=False),
            }
        ],
    }


def L15(rng):
    """Youth programme: SurveyMonkey-style export with two header rows (question over 'Response'/sub-labels)."""
    q = "2026Q3"
    recs = people(rng, q, rng.randint(70, 140), MIX_GENERAL, age="youth")
    for r in recs:
        r["st"] = dt.datetime.combine(
            r["p"]["svc"], dt.time(rng.randint(9, 19), rng.randint(0, 59), rng.randint(0, 59))
        )

    def usdt(x):
        h = x.hour % 12 or 12
        return f"{x.month:02d}/{x.day:02d}/{x.year} {h}:{x.minute:02d}:{x.second:02d} {'PM' if x.hour >= 12 else 'AM'}"

    GN = "What is your name?"
    GC = "Can we use your answers (without your name) to see if the programme works?"
    GW = "How are you feeling about life right now? (1 = not great, 10 = awesome)"
    cols = [
        C("", None, lambda r: rng.randint(114000000000, 114999999999), "Respondent ID"),
        C("", None, lambda r: 412345678, "Collector ID"),
        C("", None, lambda r: usdt(r["st"]), "Start Date"),
        C("", None, lambda r: usdt(r["st"] + dt.timedelta(minutes=rng.randint(3, 15))), "End Date"),
        C("First name", "given_names", P("given"), GN),
        C("Last name", "family_name", P("family"), GN),
        C("Response", "date_of_birth", P("dob", d_us), "Date of birth (MM/DD/YYYY)"),
        C(
            "Response",
            "gender",
            lambda r: {"F": "Female", "M": "Male", "X": "Prefer to self-describe"}[r["p"]["sex"]],
            "What is your gender?",
        ),
        C("Response", "ethnicity", lambda r: eth_labels(r["p"], ", "), "Which ethnic group(s) do you belong to?"),
        C(
            "Response",
            "programme",
            lambda r: pick(["Rangatahi Leadership", "Holiday programme", "Mentoring 1:1"], r["p"]["r2"]),
            "Which programme are you in?",
        ),
        C("Start of programme", "wellbeing_start", P("wb0"), GW),
        C("Now", "wellbeing_end", P("wb1"), GW),
        C("Response", "consent_evaluation", P("consent", yn(("Yes", "No"))), GC),
        C(
            "Open-Ended Response",
            None,
            lambda r: pick(
                ["Mean as", "Met heaps of new people", "More trips pls", "", "The kai was good"], r["p"]["r3"]
            ),
            "Anything else you want to tell us?",
        ),
    ]
    t = build_table(rng, cols, recs, group_row=True, bad_dob=bad_dob_factory(d_us, "13/45/2008"), n_bad=2)
    return {
        "provider": "rangatahi-rising-trust",
        "quarter": q,
        "features": [
            "youth",
            "surveymonkey_two_header_rows",
            "question_headers",
            "response_subheaders",
            "blank_headers_under_question",
            "us_dates",
            "survey_timestamps_not_service_date",
            "no_service_date",
            "participant_feedback_not_case_notes",
            "utf8_bom",
        ],
        "files": [
            {
                "name": "Rangatahi Rising exit survey (Q3).csv",
                "format": "csv",
                "encoding": "utf-8-sig",
                "delimiter": ",",
                "tables": [t],
                "write": dict(kind="delim", bom=False),
            }
        ],
    }


def L16(rng):
    """Kaupapa Māori parenting: JSON records from a web app; te reo keys without macrons."""
    q = "2026Q3"
    recs = people(rng, q, rng.randint(60, 110), MIX_MAORI)
    cols = [
        C("tuakiri", "client_ref", lambda r: f"whanau-{rng.randint(1000, 9999)}"),
        C("ingoa_tuatahi", "given_names", P("given")),
        C("ingoa_whanau", "family_name", P("family")),
        C("ra_whanau", "date_of_birth", P("dob", d_iso)),
        C("nhi", "nhi", lambda r: r["p"]["nhi"] if r["p"]["r2"] < 0.8 else None),
        C("iwi", "iwi", P("iwi")),
        C("matawaka", "ethnicity", lambda r: [e[0] for e in r["p"]["eth"]]),
        C("imera", "email", P("email")),
        C("waea_pukoro", "phone", P("phone")),
        C("kaupapa", "programme", lambda r: pick(["Hapū Wānanga", "Mātua Kōrero", "Tamariki Ora Whānau"], r["p"]["r"])),
        C("ra_timata", "start_date", P("start", d_iso)),
        C("hui_tatau", "sessions_attended", P("sessions")),
        C("whakaae", "consent_evaluation", P("consent", yn(("Āe", "Kāo")))),
        C("putanga", "outcome_status", lambda r: pick(["kua oti", "kei te haere", "kua whakamutu"], r["p"]["r3"])),
        C("kaiawhina", "key_worker", P("worker")),
        C("tuhipoka", "case_notes", lambda r: case_note(rng, r["p"])),
        C(
            "created_at",
            None,
            lambda r: f"2026-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d}T0{rng.randint(0, 9)}:12:44Z",
        ),
    ]
    t = build_table(rng, cols, recs, bad_dob=bad_dob_factory(d_iso, "1994-06-31"), n_bad=2)
    for row in t["data"]:  # invalid (no identity) rows carry JSON null for nhi rather than ""
        if row[4] == "":
            row[4] = None
    return {
        "provider": "te-kohanga-matua",
        "quarter": q,
        "features": [
            "kaupapa_maori_parenting",
            "json_records",
            "te_reo_keys_no_macrons",
            "no_service_date",
            "ethnicity_json_list",
            "null_values",
            "case_notes",
            "created_at_distractor",
        ],
        "files": [
            {
                "name": "hokinga_2026Q3.json",
                "format": "json",
                "encoding": "utf-8",
                "delimiter": None,
                "tables": [t],
                "write": dict(kind="json"),
            }
        ],
    }


def L17(rng):
    """Mental-health provider keeping one sheet per programme, differing columns per sheet, datetime cells."""
    q = "2026Q2"
    tables = []
    specs = [
        (
            "Peer Support",
            [("Peer worker", "key_worker"), ("K10 at entry", "wellbeing_start"), ("K10 latest", "wellbeing_end")],
        ),
        ("WRAP groups", [("Facilitator", "key_worker"), ("Groups attended", "sessions_attended")]),
        ("Whānau Peer", [("Support person", "caregiver_name"), ("Peer worker", "key_worker")]),
    ]
    for sheet, extra in specs:
        recs = people(rng, q, rng.randint(60, 100), MIX_GENERAL)
        for r in recs:
            r["dt"] = dt.datetime.combine(r["p"]["svc"], dt.time(rng.randint(9, 16), rng.choice([0, 30])))
        cols = [
            C("Client", "full_name", lambda r: f"{r['p']['given']} {r['p']['family']}"),
            C("NHI", "nhi", P("nhi")),
            C("DOB", "date_of_birth", P("dob")),
            C("Gender", "gender", lambda r: {"F": "F", "M": "M", "X": "D"}[r["p"]["sex"]]),
            C("Ethnicity", "ethnicity", lambda r: eth_labels(r["p"], "; ")),
            C(
                "Referral source",
                "referral_source",
                lambda r: pick(["Community mental health team", "GP", "Self", "Inpatient unit"], r["p"]["r2"]),
            ),
            C("Entry date", "start_date", P("start")),
            C("Contact date/time", "service_date", lambda r: r["dt"]),
        ]
        for h, tg in extra:
            fn = {
                "key_worker": P("worker"),
                "wellbeing_start": lambda r: 10 + r["p"]["wb0"] * 3,
                "wellbeing_end": lambda r: max(10, 10 + r["p"]["wb0"] * 3 - (r["p"]["wb1"] - r["p"]["wb0"]) * 2),
                "sessions_attended": P("sessions"),
                "caregiver_name": P("caregiver"),
            }[tg]
            cols.append(C(h, tg, fn))
        cols.append(
            C(
                "Exit reason",
                "outcome_status",
                lambda r: pick(["", "", "Goals met", "Moved out of area", "Disengaged"], r["p"]["r3"]),
            )
        )
        cols.append(
            C("Date closed", None, lambda r: r["p"]["svc"] + dt.timedelta(days=7) if r["p"]["r3"] >= 0.4 else "")
        )
        tables.append(
            build_table(rng, cols, recs, sheet=sheet, bad_dob=lambda rng: dt.date(2029, 3, 14), n_bad=rng.randint(1, 2))
        )
    return {
        "provider": "mahi-tahi-peer-network",
        "quarter": q,
        "features": [
            "mental_health_peer_support",
            "sheet_per_programme",
            "programme_in_sheet_name_only",
            "datetime_cells",
            "k10_scores",
            "date_closed_distractor",
            "future_dob_as_date_cell",
        ],
        "files": [
            {
                "name": "Mahi Tahi - Q2 2026 returns.xlsx",
                "format": "xlsx",
                "encoding": None,
                "delimiter": None,
                "tables": tables,
                "write": dict(kind="xlsx", extra=[]),
            }
        ],
    }


def L18(rng):
    """Women's family-violence service: repeated 'Date' header, NHI-looking client ids, dd.mm.yyyy, cp1252."""
    q = "2026Q3"
    recs = people(rng, q, rng.randint(80, 150), MIX_GENERAL, gender_bias="F")
    cols = [
        C("Ref #", "client_ref", lambda r: fake_nhi_like(rng)),
        C("Name", "full_name", lambda r: f"{r['p']['given']} {r['p']['family']}"),
        C("Date", "start_date", P("start", d_dots)),
        C("Date", "service_date", P("svc", d_dots)),
        C("D.o.B", "date_of_birth", P("dob", d_dots)),
        C("Eth.", "ethnicity", lambda r: eth_codes(r["p"], "/")),
        C("Children in household", None, P("n")),
        C("Safety plan done", None, lambda r: "Y" if r["p"]["r"] < 0.75 else "N"),
        C("Protection order", None, lambda r: "Y" if r["p"]["r2"] < 0.3 else "N"),
        C("Sess.", "sessions_attended", P("sessions")),
        C("Advocate", "key_worker", lambda r: initials(r["p"]["worker"])),
        C("Safe to contact on", "phone", lambda r: r["p"]["phone"] if r["p"]["r3"] < 0.8 else "DO NOT CALL"),
        C("Did she consent to evaluation?", "consent_evaluation", P("consent", yn(("yes", "no")))),
        C(
            "Status at qtr end",
            "outcome_status",
            lambda r: pick(["Open", "Closed - safe", "Closed - no contact", "Referred on"], r["p"]["r3"]),
        ),
    ]
    t = build_table(rng, cols, recs, bad_dob=bad_dob_factory(d_dots, "30.02.1991"), n_bad=3, demac=True)
    return {
        "provider": "whare-haumaru-refuge",
        "quarter": q,
        "features": [
            "family_violence",
            "repeated_date_header",
            "client_ids_look_like_nhi_invalid",
            "dotted_dates",
            "cp1252",
            "ethnicity_codes_slash",
            "key_worker_initials",
            "yes_no_not_consent",
            "question_header_consent",
        ],
        "files": [
            {
                "name": "WHR_Q3_2026.csv",
                "format": "csv",
                "encoding": "cp1252",
                "delimiter": ",",
                "tables": [t],
                "write": dict(kind="delim", bom=False),
            }
        ],
    }


def L19(rng):
    """Disability respite: case-management long-format xlsx (one row per session), review/closed dates, initials."""
    q = "2026Q2"
    persons = people(rng, q, rng.randint(35, 55), MIX_GENERAL, age="youth")
    for i, r in enumerate(persons):
        r["p"]["cid"] = 7000 + i * 3
    recs = long_format(rng, q, persons, max_sessions=5)
    cols = [
        C("Session ID", None, lambda r: ""),
        C("Session start", "service_date", lambda r: dt.datetime.combine(r["sdate"], r["stime"])),
        C("Duration (hrs)", None, lambda r: 2 + (r["sno"] % 3) * 2),
        C("Participant ID", "client_ref", P("cid")),
        C("Participant", "full_name", lambda r: f"{r['p']['family']}, {r['p']['given']}"),
        C("Participant DOB", "date_of_birth", P("dob")),
        C("Parent / guardian", "caregiver_name", P("caregiver")),
        C("Guardian email", "email", P("email")),
        C(
            "Respite type",
            "programme",
            lambda r: pick(["In-home respite", "Weekend camp", "After-school club"], r["p"]["r"]),
        ),
        C("Staff", "key_worker", lambda r: initials(r["p"]["worker"])),
        C("Incident?", None, lambda r: "Yes" if r["p"]["r2"] < 0.05 else "No"),
        C("Review due", None, lambda r: r["p"]["start"] + dt.timedelta(days=180)),
        C("Date closed", None, lambda r: ""),
    ]
    for i, r in enumerate(recs):
        r["sid"] = f"S-{26000 + i}"
    cols[0].fn = lambda r: r["sid"]
    t = build_table(rng, cols, recs, sheet="Export", n_bad=2, bad_dob=lambda rng: dt.date(2027, 1, 9))
    return {
        "provider": "kotahi-respite-care",
        "quarter": q,
        "features": [
            "disability_respite",
            "long_format_repeat_clients",
            "datetime_cells",
            "review_due_distractor",
            "date_closed_empty",
            "key_worker_initials",
            "duration_not_score",
            "guardian_email",
            "no_consent_column",
        ],
        "files": [
            {
                "name": "Export.xlsx",
                "format": "xlsx",
                "encoding": None,
                "delimiter": None,
                "tables": [t],
                "write": dict(kind="xlsx", extra=[]),
            }
        ],
    }


def L20(rng):
    """Tongan youth mentoring: xlsx with title, merged group headers, split address, Eth 1..3, totals row."""
    q = "2026Q3"
    recs = people(rng, q, rng.randint(80, 130), MIX_PACIFIC, age="youth")
    GA, GB, GC_ = "Fakamatala fekau'aki mo e tokotaha / Client details", "Tu'asila / Address", "Polokalama / Programme"

    def eth(i):
        return lambda r: r["p"]["eth"][i][0] if len(r["p"]["eth"]) > i else ""

    cols = [
        C("#", None, lambda r: "", None),
        C("Hingoa", "given_names", P("given"), GA),
        C("Hingoa fakafāmili", "family_name", P("family"), GA),
        C("'Aho fā'ele'i", "date_of_birth", P("dob"), GA),
        C("Tangata/Fefine", "gender", lambda r: {"M": "T", "F": "F", "X": "L"}[r["p"]["sex"]], GA),
        C("Eth 1", "ethnicity", eth(0), GA),
        C("Eth 2", "ethnicity", eth(1), GA),
        C("Eth 3", "ethnicity", eth(2), GA),
        C("Hala", "address_street", P("street"), GB),
        C("Subapa", "address_suburb", P("suburb"), GB),
        C("Kolo", "address_town", P("town"), GB),
        C("Postcode", "address_postcode", P("postcode"), GB),
        C("Kamata'anga", "start_date", P("start"), GC_),
        C("Fakataha (sessions)", "sessions_attended", P("sessions"), GC_),
        C("Faiako / Mentor", "key_worker", P("worker"), GC_),
        C("Ola lelei (1-10) kamata", "wellbeing_start", P("wb0"), GC_),
        C("Ola lelei (1-10) faka'osi", "wellbeing_end", P("wb1"), GC_),
        C("'Io/'Ikai (consent)", "consent_evaluation", P("consent", yn(("'Io", "'Ikai"))), GC_),
        C(
            "Church",
            None,
            lambda r: pick(["FWC Ōtāhuhu", "SDA Māngere", "Free Church of Tonga", "LDS", ""], r["p"]["r2"]),
            None,
        ),
    ]
    pre = [["Toutu'u Youth Mentoring - Quarterly return Q3 2026"]]
    t = build_table(
        rng,
        cols,
        recs,
        sheet="Q3",
        pre=pre,
        group_row=True,
        bad_dob=lambda rng: "31/11/2010",
        n_bad=2,
        totals=totals_row(1, label="TOTAL"),
    )
    for i, row in enumerate(t["data"]):
        row[0] = i + 1
    return {
        "provider": "toutuu-youth-mentoring",
        "quarter": q,
        "features": [
            "pacific_youth_mentoring",
            "tongan_headers",
            "title_row",
            "merged_group_headers",
            "split_address",
            "numbered_ethnicity_columns",
            "trailing_totals_row",
            "row_number_distractor",
            "date_cells",
            "no_service_date",
        ],
        "files": [
            {
                "name": "Toutuu_Q3_return.xlsx",
                "format": "xlsx",
                "encoding": None,
                "delimiter": None,
                "tables": [t],
                "write": dict(kind="xlsx", extra=[]),
            }
        ],
    }


LAYOUTS = [L01, L02, L03, L04, L05, L06, L07, L08, L09, L10, L11, L12, L13, L14, L15, L16, L17, L18, L19, L20]


# --------------------------------------------------------------------------------------
# generate
# --------------------------------------------------------------------------------------
def _write_file(path: pathlib.Path, f: dict):
    w = f["write"]
    kind = w["kind"]
    if kind == "delim":
        t = f["tables"][0]
        write_delimited(
            path, t, f["delimiter"], f["encoding"], gz=w.get("gz", False), quoting=w.get("quoting", csv.QUOTE_MINIMAL)
        )
    elif kind == "xlsx":
        write_xlsx(path, f["tables"], extra_sheets=w.get("extra", []), date_fmt=w.get("date_fmt", "dd/mm/yyyy"))
    elif kind == "ods":
        write_ods(path, f["tables"], extra_sheets=w.get("extra", []))
    elif kind == "json":
        write_json(path, f["tables"][0])
    else:
        raise ValueError(kind)


def generate(out_dir: pathlib.Path) -> list[dict]:
    out_dir = pathlib.Path(out_dir)
    truths = []
    for i, fn in enumerate(LAYOUTS, start=1):
        rng = random.Random(SEED * 100 + i)
        _REGION[:] = REGIONS[i]
        spec = fn(rng)
        _REGION[:] = []
        lid = f"UNTOUCHED{i:02d}"
        land = out_dir / lid / "landing" / spec["provider"] / spec["quarter"]
        land.mkdir(parents=True, exist_ok=True)
        files = []
        for f in spec["files"]:
            _write_file(land / f["name"], f)
            tabs = f["tables"]
            files.append(
                {
                    "name": f["name"],
                    "format": f["format"],
                    "encoding": f["encoding"],
                    "delimiter": f["delimiter"],
                    "rows": sum(t["rows"] for t in tabs),
                    "valid_rows": sum(t["valid_rows"] for t in tabs),
                    "tables": [
                        dict(table_truth(t), header_row=(None if f["format"] == "json" else t["header_row"]))
                        for t in tabs
                    ],
                }
            )
        truth = {
            "layout_id": lid,
            "provider": spec["provider"],
            "quarter": spec["quarter"],
            "features": spec["features"],
            "files": files,
        }
        (out_dir / lid / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2), encoding="utf-8")
        truths.append(truth)
    return truths


# --------------------------------------------------------------------------------------
# self-check: re-read every file independently of the writer and compare with truth.json
# --------------------------------------------------------------------------------------
DOB_FORMATS = ["%d/%m/%Y", "%m/%d/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d-%b-%y", "%d.%m.%Y", "%d %B %Y"]
SVC_FORMATS = [*DOB_FORMATS, "%Y-%m-%dT%H:%M", "%m/%d/%Y %I:%M:%S %p", "%Y-%m-%d %H:%M"]


def _parse_date(v, formats):
    """Return a list of candidate dates (US/NZ ambiguity gives two); [] when not a real date."""
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return [v.date()]
    if isinstance(v, dt.date):
        return [v]
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return [dt.date(1899, 12, 30) + dt.timedelta(days=int(v))]
    s = str(v).strip()
    if re.fullmatch(r"\d{5}", s):
        return [dt.date(1899, 12, 30) + dt.timedelta(days=int(s))]
    out = []
    for f in formats:
        with contextlib.suppress(ValueError):
            out.append(dt.datetime.strptime(s, f).date())
    return out


def _ird_valid(s: str) -> bool:
    d = re.sub(r"\D", "", s)
    if not 8 <= len(d) <= 9:
        return False
    n = int(d)
    if not 10_000_000 <= n <= 150_000_000:
        return False
    base = [int(c) for c in d.zfill(9)[:8]]
    chk = int(d[-1])
    for w in ((3, 2, 7, 6, 5, 4, 3, 2), (7, 4, 3, 2, 5, 2, 7, 6)):
        r = sum(a * b for a, b in zip(base, w, strict=False)) % 11
        c = 0 if r == 0 else 11 - r
        if c != 10:
            return c == chk
    return False


def _read_grid(path: pathlib.Path, f: dict, sheet):
    """Return (grid rows as lists, merged-group lookup or None)."""
    fmt = f["format"]
    if fmt in ("csv", "tsv", "csv.gz"):
        raw = path.read_bytes()
        if fmt == "csv.gz":
            raw = gzip.decompress(raw)
        text = raw.decode(f["encoding"])
        if f["encoding"] == "utf-8-sig":
            assert raw.startswith(b"\xef\xbb\xbf"), "BOM expected"
        elif f["encoding"] == "utf-8":
            assert not raw.startswith(b"\xef\xbb\xbf"), "unexpected BOM"
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=f["delimiter"])), None
    if fmt == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path)
        ws = wb[sheet]
        grid = [[c for c in row] for row in ws.iter_rows(values_only=True)]
        merged = {}
        for rng_ in ws.merged_cells.ranges:
            top = ws.cell(rng_.min_row, rng_.min_col).value
            for r in range(rng_.min_row, rng_.max_row + 1):
                for c in range(rng_.min_col, rng_.max_col + 1):
                    merged[(r, c)] = top
        return grid, merged
    if fmt == "ods":
        import xml.etree.ElementTree as ET

        ns = {
            "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
            "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
            "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        }
        with zipfile.ZipFile(path) as z:
            assert z.namelist()[0] == "mimetype"
            root = ET.fromstring(z.read("content.xml"))
        for tb in root.iter(f"{{{ns['table']}}}table"):
            if tb.get(f"{{{ns['table']}}}name") == sheet:
                grid = []
                for tr in tb.findall("table:table-row", ns):
                    row = []
                    for tc in tr.findall("table:table-cell", ns):
                        vt = tc.get(f"{{{ns['office']}}}value-type")
                        if vt == "date":
                            row.append(dt.date.fromisoformat(tc.get(f"{{{ns['office']}}}date-value")))
                        elif vt == "float":
                            row.append(float(tc.get(f"{{{ns['office']}}}value")))
                        else:
                            row.append("\n".join("".join(p.itertext()) for p in tc.findall("text:p", ns)))
                    grid.append(row)
                return grid, None
        raise AssertionError(f"sheet {sheet} not in ods")
    raise ValueError(fmt)


def _blank(v):
    return v is None or (isinstance(v, str) and v.strip() == "")


def check(out_dir: pathlib.Path) -> list[str]:
    out_dir = pathlib.Path(out_dir)
    problems = []
    summary = []
    for lid_dir in sorted(p for p in out_dir.iterdir() if p.is_dir()):
        truth = json.loads((lid_dir / "truth.json").read_text(encoding="utf-8"))
        q0, q1 = q_range(truth["quarter"])
        land = lid_dir / "landing" / truth["provider"] / truth["quarter"]
        on_disk = sorted(p.name for p in land.iterdir())
        if on_disk != sorted(f["name"] for f in truth["files"]):
            problems.append(f"{truth['layout_id']}: files on disk {on_disk}")
        for f in truth["files"]:
            path = land / f["name"]
            where = f"{truth['layout_id']}/{f['name']}"
            n_rows = n_valid = 0
            for t in f["tables"]:
                cols = t["columns"]
                if f["format"] == "json":
                    recs = json.loads(path.read_text(encoding="utf-8"))
                    assert isinstance(recs, list)
                    keys = list(recs[0].keys())
                    if keys != [c["header"] for c in cols]:
                        problems.append(f"{where}: json keys {keys}")
                    data = [[r.get(c["header"]) for c in cols] for r in recs]
                    data = [[("; ".join(v) if isinstance(v, list) else v) for v in row] for row in data]
                else:
                    grid, merged = _read_grid(path, f, t["sheet"])
                    hr = t["header_row"]
                    header = ["" if v is None else str(v) for v in grid[hr - 1]]
                    while len(header) > len(cols) and header[-1] == "":
                        header.pop()
                    width = max(len(r) for r in grid[hr - 1 :])
                    if width != len(cols):
                        problems.append(f"{where}[{t['sheet']}]: width {width} != {len(cols)} columns")
                    for c in cols:
                        got = header[c["index"]] if c["index"] < len(header) else ""
                        if got != c["header"]:
                            problems.append(
                                f"{where}[{t['sheet']}]: col {c['index']} header {got!r} != {c['header']!r}"
                            )
                        if c["group"] is not None or any(x["group"] for x in cols):
                            if hr < 2:
                                problems.append(f"{where}: group without a row above the header")
                                continue
                            grow = grid[hr - 2]
                            if merged is not None:
                                g = merged.get((hr - 1, c["index"] + 1))
                                if g is None and c["index"] < len(grow):
                                    g = grow[c["index"]]
                            else:
                                k = c["index"]
                                while k > 0 and (k >= len(grow) or _blank(grow[k])):
                                    k -= 1
                                g = grow[k] if k < len(grow) and not _blank(grow[k]) else None
                            if (g or None) != c["group"]:
                                problems.append(f"{where}: col {c['index']} group {g!r} != {c['group']!r}")
                    data = []
                    for row in grid[hr:]:
                        if all(_blank(v) for v in row):
                            continue
                        if any(isinstance(v, str) and v.strip().lower().startswith("total") for v in row):
                            continue
                        data.append(list(row) + [None] * (len(cols) - len(row)))
                if len(data) != t["rows"]:
                    problems.append(f"{where}[{t['sheet']}]: {len(data)} data rows != truth {t['rows']}")
                # validity, identifiers and dates, recomputed from the cells
                tg = [c["target"] for c in cols]
                idx = lambda name, tg=tg: [i for i, x in enumerate(tg) if x == name]  # noqa: E731
                for row in data:
                    has_id = any(
                        not _blank(row[i])
                        for i in idx("full_name") + idx("given_names") + idx("family_name") + idx("nhi")
                    )
                    ok = has_id
                    for i in idx("date_of_birth"):
                        cand = _parse_date(row[i], DOB_FORMATS)
                        if cand is not None and not any(d <= TODAY for d in cand):
                            ok = False
                        elif cand and not any(dt.date(1925, 1, 1) <= d <= TODAY for d in cand):
                            problems.append(f"{where}: implausible DOB {row[i]!r}")
                    n_valid += ok
                    if ok:
                        for i in idx("nhi"):
                            if not _blank(row[i]) and not nhi_valid(str(row[i])):
                                problems.append(f"{where}: invalid NHI {row[i]!r}")
                        for i in idx("ird"):
                            if not _blank(row[i]) and not _ird_valid(str(row[i])):
                                problems.append(f"{where}: invalid IRD {row[i]!r}")
                        for i in idx("service_date"):
                            cand = _parse_date(row[i], SVC_FORMATS)
                            if cand is not None and not any(q0 <= d <= q1 for d in cand):
                                problems.append(f"{where}: service date outside quarter {row[i]!r}")
                    for i in idx("client_ref"):
                        if isinstance(row[i], str) and re.fullmatch(r"[A-Z]{3}\d{4}", row[i]) and nhi_valid(row[i]):
                            problems.append(f"{where}: client ref is a valid NHI {row[i]!r}")
                n_rows += len(data)
                if not 60 <= t["rows"] <= 200:
                    problems.append(f"{where}[{t['sheet']}]: {t['rows']} rows outside 60-200")
            if n_rows != f["rows"]:
                problems.append(f"{where}: file rows {n_rows} != {f['rows']}")
            if n_valid != f["valid_rows"]:
                problems.append(f"{where}: recomputed valid rows {n_valid} != truth {f['valid_rows']}")
            if not 0 <= f["rows"] - f["valid_rows"] <= 3 * len(f["tables"]):
                problems.append(f"{where}: invalid-row count out of range")
        summary.append(truth["layout_id"])
    return problems


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=pathlib.Path)
    ap.add_argument("--check", action="store_true", help="re-read every written file and verify truth.json")
    a = ap.parse_args(argv)
    truths = generate(a.out)
    n_files = sum(len(t["files"]) for t in truths)
    n_tables = sum(len(f["tables"]) for t in truths for f in t["files"])
    n_cols = sum(len(tb["columns"]) for t in truths for f in t["files"] for tb in f["tables"])
    n_rows = sum(f["rows"] for t in truths for f in t["files"])
    n_valid = sum(f["valid_rows"] for t in truths for f in t["files"])
    print(
        f"{len(truths)} layouts, {n_files} files, {n_tables} tables, {n_cols} columns, {n_rows} rows ({n_valid} valid)"
    )
    if a.check:
        problems = check(a.out)
        for p in problems:
            print("PROBLEM:", p)
        print("check:", "OK" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
