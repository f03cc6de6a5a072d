"""Independent ("unopened") corpus of New Zealand provider quarterly-return files.

Written blind from the brief for issue 12, item 9: twenty layouts UNOPENED01..UNOPENED20,
each with the files a provider would drop in its landing folder and a truth.json holding
the true column mapping.  Standard library + openpyxl only.  Deterministic.

    python generator.py --out DIR            # write the corpus
    python generator.py --out DIR --check    # write it, then re-read every file and verify truth
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
import unicodedata
import zipfile
from xml.sax.saxutils import escape as xesc

SEED = 20261206

# ----------------------------------------------------------------------------------------
# vocabularies (own choices)
# ----------------------------------------------------------------------------------------
GIVEN = {
    "maori": {"F": ["Aroha", "Mere", "Ngaio", "Kahurangi", "Hine", "Anahera", "Awhina", "Tui", "Moana", "Huia", "Pania", "Rangimārie", "Kiri", "Hinemoa", "Marama", "Ātaahua"],
              "M": ["Tama", "Wiremu", "Hēmi", "Rāwiri", "Tamati", "Manaia", "Nikau", "Te Rangi", "Kauri", "Rangi", "Tipene", "Hone", "Hōhepa", "Mikaere", "Pita", "Tāne", "Whetū"]},
    "pacific": {"F": ["Losa", "Mele", "Salote", "Fetu", "Lagi", "Ana", "Talia", "Seini", "Sina", "Lupe", "Mafi", "Teuila", "Vaea", "Ofa", "Lavinia"],
                "M": ["Sione", "Tevita", "Viliami", "Iosefa", "Malakai", "Faamanu", "Tavita", "Semisi", "Sefo", "Falani", "Ioane", "Siaosi", "Paulo"]},
    "pakeha": {"F": ["Jane", "Sarah", "Emma", "Olivia", "Charlotte", "Fiona", "Kylie", "Megan", "Ruby", "Hayley", "Denise", "Shona", "Bronwyn", "Chloe"],
               "M": ["Michael", "David", "Liam", "James", "Hamish", "Bruce", "Grant", "Jack", "Callum", "Wayne", "Craig", "Logan", "Angus", "Trevor"]},
    "asian": {"F": ["Mei Ling", "Ji-woo", "Linh", "Yuki", "Xiu", "Hana", "Maricel", "Thi Ha"],
              "M": ["Wei", "Jun", "Hiroshi", "Min-jun", "Thanh", "Bao", "Jerome", "Kenji"]},
    "indian": {"F": ["Priya", "Anjali", "Deepika", "Navjot", "Harpreet", "Sunita", "Kavya", "Reshma"],
               "M": ["Rajesh", "Sanjay", "Arjun", "Gurpreet", "Vikram", "Amit", "Rohan", "Mandeep"]},
    "mena": {"F": ["Fatima", "Amina", "Hawa", "Zahra", "Maryam", "Layla"],
             "M": ["Ahmad", "Mohammed", "Yusuf", "Omar", "Khalid", "Bashir"]},
    "latam": {"F": ["Lucía", "Camila", "Valentina", "Daniela"], "M": ["Carlos", "Mateo", "Andrés", "Diego"]},
    "african": {"F": ["Fartun", "Ayaan", "Nyibol", "Grace"], "M": ["Abdi", "Mahad", "Deng", "Emmanuel"]},
}
FAMILY = {
    "maori": ["Ngata", "Parata", "Tipene", "Te Whata", "Rēweti", "Hēnare", "Tamihana", "Kingi", "Paewai", "Waaka", "Horomona", "Te Rangi", "Rāwiri", "Tūhiwai", "Mahuika", "Karaka", "Pōmare", "Whaanga"],
    "pacific": ["Tuilagi", "Faleolo", "Fifita", "Taufa", "Vaipulu", "Leota", "Sapolu", "Tupou", "Mataele", "Aumua", "Lemalu", "Havili", "Tonga", "Fonoti", "Pulu"],
    "pakeha": ["Smith", "Brown", "Wilson", "Thompson", "McKenzie", "Robertson", "Harris", "Campbell", "O'Connor", "Fraser", "Anderson", "Walker", "Sinclair", "MacDonald", "Gibbs", "Pawson"],
    "asian": ["Chen", "Wang", "Li", "Nguyen", "Kim", "Park", "Tanaka", "Reyes", "Tran", "Zhou"],
    "indian": ["Patel", "Singh", "Sharma", "Kumar", "Reddy", "Kaur", "Prasad", "Naidu"],
    "mena": ["Haidari", "Hassan", "Ahmadi", "Al-Masri", "Karimi", "Rahimi"],
    "latam": ["Rodríguez", "García", "Martínez", "López"],
    "african": ["Mohamud", "Osman", "Deng", "Warsame"],
}
# ethnicity key -> (name pool, label, level-2 code, level-4 code)
ETH = {
    "NZE": ("pakeha", "NZ European", "11", "11111"),
    "EUR": ("pakeha", "Other European", "12", "12100"),
    "MAO": ("maori", "Māori", "21", "21111"),
    "SAM": ("pacific", "Samoan", "31", "31111"),
    "CIM": ("pacific", "Cook Islands Māori", "32", "32100"),
    "TON": ("pacific", "Tongan", "33", "33111"),
    "NIU": ("pacific", "Niuean", "34", "34111"),
    "FIJ": ("pacific", "Fijian", "36", "36111"),
    "FIL": ("asian", "Filipino", "41", "41111"),
    "CHI": ("asian", "Chinese", "42", "42100"),
    "IND": ("indian", "Indian", "43", "43100"),
    "KOR": ("asian", "Korean", "44", "44411"),
    "AFG": ("mena", "Afghani", "51", "51111"),
    "SYR": ("mena", "Syrian", "51", "51114"),
    "COL": ("latam", "Colombian", "52", "52111"),
    "SOM": ("african", "Somali", "53", "53116"),
}
# free-typed label variants with short forms and misspellings
ETH_FREE = {
    "NZE": ["NZ Euro", "Pakeha", "NZ European", "European", "Kiwi", "NZE", "Pākehā", "NZ Europian"],
    "EUR": ["British", "Dutch", "Other Euro", "English"],
    "MAO": ["Maori", "Māori", "Maaori", "MAORI", "Maori "],
    "SAM": ["Samoan", "Samoa", "Somoan"],
    "CIM": ["Cook Is", "Cook Island Maori", "Rarotongan"],
    "TON": ["Tongan", "Tonga"],
    "NIU": ["Niuean", "Niue"],
    "FIJ": ["Fijian", "Fiji Indian"],
    "FIL": ["Filipino", "Filipina"],
    "CHI": ["Chinese", "Chinese "],
    "IND": ["Indian", "Indain", "Punjabi"],
    "KOR": ["Korean"],
    "AFG": ["Afghan", "Hazara"],
    "SYR": ["Syrian"],
    "COL": ["Colombian", "Latin American"],
    "SOM": ["Somali", "Somalian"],
}
IWI = ["Ngāpuhi", "Ngāti Porou", "Waikato-Tainui", "Ngāi Tahu", "Ngāti Kahungunu", "Te Arawa", "Tūhoe", "Ngāti Maniapoto",
       "Te Āti Awa", "Ngāti Whātua", "Ngāti Raukawa", "Te Rarawa", "Whakatōhea", "Rongowhakaata", "Ngāti Tūwharetoa"]
REGIONS = {
    "auckland": ("Auckland", [("Ōtara", "2023"), ("Māngere", "2022"), ("Papatoetoe", "2025"), ("Glen Innes", "1072"), ("Avondale", "1026"),
                               ("Henderson", "0612"), ("Manurewa", "2102"), ("Ōtāhuhu", "1062"), ("Ranui", "0612"), ("Mount Roskill", "1041")]),
    "waikato": ("Hamilton", [("Fairfield", "3214"), ("Enderley", "3214"), ("Nawton", "3200"), ("Frankton", "3204"), ("Dinsdale", "3204"), ("Melville", "3206")]),
    "rotorua": ("Rotorua", [("Fordlands", "3015"), ("Koutu", "3010"), ("Western Heights", "3015"), ("Ngongotahā", "3010"), ("Glenholme", "3010")]),
    "northland": ("Whangārei", [("Otangarei", "0112"), ("Tikipunga", "0112"), ("Raumanga", "0110"), ("Kamo", "0112"), ("Morningside", "0110")]),
    "tairawhiti": ("Gisborne", [("Kaiti", "4010"), ("Elgin", "4010"), ("Mangapapa", "4010"), ("Whataupoko", "4010")]),
    "hawkesbay": ("Hastings", [("Flaxmere", "4120"), ("Camberley", "4120"), ("Mahora", "4120"), ("Raureka", "4120")]),
    "manawatu": ("Palmerston North", [("Highbury", "4412"), ("Awapuni", "4412"), ("Takaro", "4412"), ("Roslyn", "4414")]),
    "porirua": ("Porirua", [("Cannons Creek", "5024"), ("Waitangirua", "5024"), ("Titahi Bay", "5022"), ("Ascot Park", "5024")]),
    "hutt": ("Lower Hutt", [("Naenae", "5011"), ("Taitā", "5011"), ("Stokes Valley", "5019"), ("Wainuiomata", "5014")]),
    "canterbury": ("Christchurch", [("Aranui", "8061"), ("Linwood", "8062"), ("Hornby", "8042"), ("Shirley", "8013"), ("Phillipstown", "8011"), ("Bromley", "8062")]),
    "otago": ("Dunedin", [("South Dunedin", "9012"), ("Brockville", "9011"), ("Caversham", "9012"), ("Mosgiel", "9024")]),
    "southland": ("Invercargill", [("Glengarry", "9810"), ("Strathern", "9812"), ("Windsor", "9810"), ("Heidelberg", "9812")]),
    "nelson": ("Nelson", [("Stoke", "7011"), ("Tāhunanui", "7011"), ("Atawhai", "7010"), ("Victory", "7010")]),
}
AREA = {"auckland": 9, "northland": 9, "waikato": 7, "rotorua": 7, "tairawhiti": 6, "hawkesbay": 6, "manawatu": 6, "porirua": 4,
        "hutt": 4, "canterbury": 3, "otago": 3, "southland": 3, "nelson": 3}
STREETS = ["Rata Street", "Kowhai Road", "Puriri Crescent", "Totara Avenue", "Matai Place", "Nikau Grove", "Kahikatea Drive", "Pohutukawa Lane",
           "Great South Road", "Station Road", "Church Street", "Queen Street", "Victoria Avenue", "Ruapehu Street", "Tui Street", "Kereru Close",
           "Hinemoa Street", "Te Rapa Road", "Bader Street", "Kiwi Road", "Moana Terrace", "Mersey Street", "Wairere Drive", "Ngaio Street"]
EMAIL_DOMAINS = ["gmail.com", "xtra.co.nz", "outlook.com", "hotmail.com", "yahoo.co.nz", "icloud.com"]
NOTE_BITS = {
    "generic": ["Engaged well in session.", "Did not attend; texted to rebook.", "Phone check-in, all going ok.", "Discussed goals for next month.",
                "Whānau member attended with client.", "Referred on to GP for follow-up.", "Client running late, shortened session.",
                "Good progress on plan; next review booked.", "Transport was an issue this week - taxi chit given.", "Client quiet today, wanted to talk about housing."],
}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_SEPT = ["Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]

NHI_ALPHA = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O


def strip_macrons(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def nhi_checksum_ok(nhi: str) -> bool:
    if len(nhi) != 7 or any(c not in NHI_ALPHA for c in nhi[:3]):
        return False
    tot = sum((NHI_ALPHA.index(c) + 1) * w for c, w in zip(nhi[:3], (7, 6, 5)))
    if nhi[3:].isdigit():  # old AAANNNC, mod 11
        tot += sum(int(c) * w for c, w in zip(nhi[3:6], (4, 3, 2)))
        r = tot % 11
        if r == 0:
            return False
        chk = 11 - r
        return str(chk % 10) == nhi[6]
    if nhi[3:5].isdigit() and nhi[5] in NHI_ALPHA and nhi[6] in NHI_ALPHA:  # new AAANNAX, mod 23
        tot += int(nhi[3]) * 4 + int(nhi[4]) * 3 + (NHI_ALPHA.index(nhi[5]) + 1) * 2
        r = tot % 23
        return NHI_ALPHA.index(nhi[6]) + 1 == 23 - r
    return False


def make_nhi(rng: random.Random, new_format: bool) -> str:
    while True:
        head = "".join(rng.choice(NHI_ALPHA) for _ in range(3))
        if new_format:
            body = f"{rng.randint(0, 99):02d}{rng.choice(NHI_ALPHA)}"
            tot = sum((NHI_ALPHA.index(c) + 1) * w for c, w in zip(head, (7, 6, 5)))
            tot += int(body[0]) * 4 + int(body[1]) * 3 + (NHI_ALPHA.index(body[2]) + 1) * 2
            r = tot % 23
            nhi = head + body + NHI_ALPHA[23 - r - 1]
        else:
            body = f"{rng.randint(0, 999):03d}"
            tot = sum((NHI_ALPHA.index(c) + 1) * w for c, w in zip(head, (7, 6, 5)))
            tot += sum(int(c) * w for c, w in zip(body, (4, 3, 2)))
            r = tot % 11
            if r == 0:
                continue
            nhi = head + body + str((11 - r) % 10)
            if 11 - r == 10:
                continue  # check digit 10 is not issued
        assert nhi_checksum_ok(nhi), nhi
        return nhi


def fake_nhi_like(rng: random.Random) -> str:
    """Client id shaped like an NHI but with a failing check digit."""
    while True:
        s = "".join(rng.choice(NHI_ALPHA) for _ in range(3)) + f"{rng.randint(0, 9999):04d}"
        if not nhi_checksum_ok(s):
            return s


def make_ird(rng: random.Random) -> str:
    w = (3, 2, 7, 6, 5, 4, 3, 2)
    while True:
        base = rng.randint(10_000_000, 14_999_999)
        digits = [int(c) for c in f"{base:08d}"]
        r = sum(d * x for d, x in zip(digits, w)) % 11
        chk = 0 if r == 0 else 11 - r
        if chk == 10:
            continue
        n = f"{base:08d}{chk}"
        return f"{n[:3]}-{n[3:6]}-{n[6:]}"


# ----------------------------------------------------------------------------------------
# dates
# ----------------------------------------------------------------------------------------
def quarter_bounds(q: str):
    y, n = int(q[:4]), int(q[5])
    start = dt.date(y, 3 * n - 2, 1)
    end = (dt.date(y + (n == 4), 1 if n == 4 else 3 * n + 1, 1)) - dt.timedelta(days=1)
    return start, end


def fmt_date(d, style: str, rng: random.Random | None = None) -> str:
    """d is a date/datetime or an (y, m, d) tuple for an impossible date."""
    if isinstance(d, tuple):
        y, m, dd = d
        hh, mi = 0, 0
    else:
        y, m, dd = d.year, d.month, d.day
        hh, mi = (d.hour, d.minute) if isinstance(d, dt.datetime) else (0, 0)
    if style == "dmy":
        return f"{dd:02d}/{m:02d}/{y}"
    if style == "dmy_short":
        return f"{dd}/{m}/{y}"
    if style == "d-mmm-yy":
        return f"{dd}-{MONTHS[m - 1]}-{y % 100:02d}"
    if style == "iso":
        return f"{y}-{m:02d}-{dd:02d}"
    if style == "dot":
        return f"{dd:02d}.{m:02d}.{y}"
    if style == "ymd_slash":
        return f"{y}/{m:02d}/{dd:02d}"
    if style == "long_sept":
        return f"{dd} {MONTHS_SEPT[m - 1]} {y}"
    if style == "d_mon_yyyy":
        return f"{dd:02d} {MONTHS[m - 1]} {y}"
    if style == "us":
        return f"{m}/{dd}/{y}"
    if style == "us_dt":
        h12 = hh % 12 or 12
        return f"{m}/{dd}/{y} {h12}:{mi:02d} {'AM' if hh < 12 else 'PM'}"
    if style == "iso_dt":
        return f"{y}-{m:02d}-{dd:02d}T{hh:02d}:{mi:02d}:00"
    if style == "iso_sp":
        return f"{y}-{m:02d}-{dd:02d} {hh:02d}:{mi:02d}:00"
    if style == "access":
        return f"{dd:02d}/{m:02d}/{y} {hh:02d}:{mi:02d}:00"
    raise ValueError(style)


def excel_serial(d: dt.date) -> int:
    return (d - dt.date(1899, 12, 30)).days


# ----------------------------------------------------------------------------------------
# people and their service records
# ----------------------------------------------------------------------------------------
class Provider:
    def __init__(self, rng, region, eth_weights, age=(18, 80), staff_n=5, new_nhi_share=0.15, female_share=0.5):
        self.rng = rng
        self.region = region
        self.eth_weights = eth_weights
        self.age = age
        self.new_nhi_share = new_nhi_share
        self.female_share = female_share
        self.staff = [self.any_name() for _ in range(staff_n)]
        self.used = set()

    def any_name(self):
        rng = self.rng
        pool = rng.choice(["maori", "pakeha", "pacific", "asian", "indian", "pakeha"])
        g = rng.choice(["F", "M"])
        return rng.choice(GIVEN[pool][g]), rng.choice(FAMILY[pool])

    def person(self, quarter: str, idx: int, prefix="", start_in_quarter=False) -> dict:
        rng = self.rng
        qs, qe = quarter_bounds(quarter)
        keys = list(self.eth_weights)
        prim = rng.choices(keys, weights=[self.eth_weights[k] for k in keys])[0]
        eth = [prim]
        if rng.random() < 0.22:
            extra = {"MAO": "NZE", "NZE": "MAO", "SAM": "TON", "TON": "SAM", "CIM": "MAO", "NIU": "SAM"}.get(prim, rng.choice(["NZE", "MAO"]))
            eth.append(extra)
            if rng.random() < 0.2:
                eth.append(rng.choice([k for k in ("CIM", "EUR", "FIJ") if k not in eth]))
        pool = ETH[prim][0]
        r = rng.random()
        fs = self.female_share * 0.95
        gender = "F" if r < fs else "M" if r < 0.95 else rng.choice(["X", "U"])
        gpool = "F" if gender == "F" else "M" if gender == "M" else ("F" if rng.random() < self.female_share else "M")
        while True:
            given = rng.choice(GIVEN[pool][gpool])
            if rng.random() < 0.15:
                given += " " + rng.choice([x for x in GIVEN[pool][gpool] if x != given])
            family = rng.choice(FAMILY[pool])
            if rng.random() < 0.1 and pool in ("maori", "pacific"):
                family = rng.choice(FAMILY["pakeha"])
            if (given, family) not in self.used:
                break
        self.used.add((given, family))
        age_days = rng.randint(self.age[0] * 365 + 30, self.age[1] * 365 + 300)
        dob = qs - dt.timedelta(days=age_days)
        town, subs = REGIONS[self.region]
        suburb, postcode = rng.choice(subs)
        street = f"{rng.randint(1, 240)}{rng.choice(['', '', '', 'A', 'B'])} {rng.choice(STREETS)}"
        if rng.random() < 0.12:
            street = f"Flat {rng.randint(1, 12)}, {street}"
        n_q = rng.choice([1, 1, 2, 2, 3, 4, 5, 6])
        days = (qe - qs).days
        svc = sorted({qs + dt.timedelta(days=rng.randint(0, days)) for _ in range(n_q)})
        svc = [d if d.weekday() < 5 else d - dt.timedelta(days=d.weekday() - 4) for d in svc]
        svc = sorted(set(d if d >= qs else qs + dt.timedelta(days=(7 - qs.weekday()) % 7) for d in svc))
        svc = [dt.datetime(d.year, d.month, d.day, rng.choice([9, 10, 11, 13, 14, 15, 16, 18]), rng.choice([0, 0, 15, 30, 45])) for d in svc]
        if start_in_quarter:
            start = qs + dt.timedelta(days=rng.randint(0, days - 5))
        else:
            start = min(svc[0].date(), qs + dt.timedelta(days=rng.randint(-280, 40)))
            if start > svc[0].date():
                start = svc[0].date()
        local = strip_macrons(given.split()[0]).lower().replace("'", "").replace("-", "")
        fam_l = strip_macrons(family).lower().replace("'", "").replace(" ", "").replace("-", "")
        email = rng.choice([f"{local}.{fam_l}", f"{local}{fam_l[:1]}{rng.randint(1, 99)}", f"{fam_l}{local[:1]}", f"{local}_{rng.randint(70, 99)}"]) + "@" + rng.choice(EMAIL_DOMAINS)
        mob = f"02{rng.choice('1271')} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
        land = f"0{AREA[self.region]} {rng.randint(200, 999)} {rng.randint(1000, 9999)}"
        cg_g = rng.choice([x for x in GIVEN[pool]["F" if rng.random() < 0.7 else "M"] if x not in given])
        cg_f = family if rng.random() < 0.7 else rng.choice(FAMILY[pool])
        wb_s = rng.randint(1, 6)
        return {
            "idx": idx, "given": given, "family": family, "gender": gender, "dob": dob, "eth": eth,
            "iwi": (rng.choice(IWI) if ("MAO" in eth and rng.random() < 0.85) or ("CIM" in eth and rng.random() < 0.3) else ""),
            "street": street, "suburb": suburb, "town": town, "postcode": postcode,
            "mobile": mob, "landline": land, "phone": mob if rng.random() < 0.8 else land, "email": email if rng.random() < 0.85 else "",
            "nhi": make_nhi(rng, rng.random() < self.new_nhi_share), "ird": make_ird(rng),
            "ref": f"{prefix}{idx:05d}" if prefix else str(idx),
            "start": start, "svc": svc, "sessions_total": len(svc) + rng.choice([0, 0, 1, 2, 3, 5]),
            "outcome": rng.choices(["completed", "ongoing", "exited", "transferred", "declined"], weights=[30, 40, 15, 8, 7])[0],
            "consent": rng.choices([True, False, None], weights=[70, 18, 12])[0], "consent_mode": rng.choice(["signed", "verbal"]),
            "wb_start": wb_s, "wb_end": max(1, min(10, wb_s + rng.randint(-1, 4))),
            "caregiver": (cg_g, cg_f), "worker": rng.choice(self.staff),
            "referral": rng.choice(["Self", "GP", "Whānau", "MSD", "Police", "School", "Oranga Tamariki", "Hospital", "Church", "Court"]),
            "note": " ".join(rng.sample(NOTE_BITS["generic"], rng.choice([1, 2, 2, 3]))),
        }


def invalidate(rng, recs: list[dict], k: int, dob_style_ok=True) -> int:
    """Make k rows invalid (no identity, impossible DOB or future DOB); returns k."""
    idxs = rng.sample(range(len(recs)), k)
    kinds = ["noname", "baddob", "future"]
    for i, j in enumerate(idxs):
        r = recs[j]
        kind = kinds[(i + rng.randint(0, 2)) % 3]
        if kind == "noname":
            r["given"] = r["family"] = ""
            r["nhi"] = ""
        elif kind == "baddob":
            y = r["dob"].year if isinstance(r["dob"], dt.date) else 1980
            r["dob"] = rng.choice([(y, 2, 30), (y, 2, 31), (y, 4, 31), (y, 6, 31), (y, 9, 31), (y, 11, 31)])
        else:
            r["dob"] = dt.date(rng.choice([2031, 2032, 2040]), rng.randint(1, 12), rng.randint(1, 28))
        r["_invalid"] = kind
    return k


def full(r, style="given family"):
    g, f = r["given"], r["family"]
    if not g and not f:
        return ""
    return {
        "given family": f"{g} {f}",
        "FAMILY, Given": f"{f.upper()}, {g}",
        "Family, Given": f"{f}, {g}",
        "Given FAMILY": f"{g} {f.upper()}",
        "lower": f"{g} {f}".lower(),
        "UPPER": f"{g} {f}".upper(),
    }[style]


def session_rows(people, max_rows):
    """Long format: one record per (person, session)."""
    out = []
    for p in people:
        for s in p["svc"]:
            r = dict(p)
            r["session"] = s
            out.append(r)
            if len(out) >= max_rows:
                return out
    return out


def wide_rows(people):
    out = []
    for p in people:
        r = dict(p)
        r["session"] = p["svc"][-1]
        out.append(r)
    return out


# ----------------------------------------------------------------------------------------
# writers
# ----------------------------------------------------------------------------------------
def _cellstr(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    return str(v)


def write_delimited(path, header, data, *, delimiter=",", encoding="utf-8", pre=(), post=(), gz=False, quoting=csv.QUOTE_MINIMAL, group=None):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    for row in pre:
        w.writerow([_cellstr(c) for c in row])
    if group is not None:
        w.writerow([_cellstr(c) for c in group])
    w.writerow(header)
    for row in data:
        w.writerow([_cellstr(c) for c in row])
    for row in post:
        w.writerow([_cellstr(c) for c in row])
    text = buf.getvalue()
    if encoding == "cp1252":
        text = "".join(c if _enc_ok(c) else strip_macrons(c) for c in text)
    raw = text.encode(encoding, errors="replace")
    if gz:
        raw = gzip.compress(raw, mtime=0)
    path.write_bytes(raw)
    return len(pre) + (1 if group is not None else 0) + 1


def _enc_ok(c):
    try:
        c.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def write_xlsx(path, sheets):
    """sheets: list of dicts {name, pre: [[...]], group: list|None (merged spans auto), header, data, post,
    date_cols: {col_index: number_format}, widths}"""
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sh in sheets:
        ws = wb.create_sheet(sh["name"])
        r = 1
        for row in sh.get("pre", []):
            for c, v in enumerate(row, 1):
                if v is not None and v != "":
                    ws.cell(r, c, v)
            r += 1
        if sh.get("header") is None:
            continue
        grp = sh.get("group")
        if grp is not None:
            c = 0
            while c < len(grp):
                if grp[c]:
                    e = c
                    while e + 1 < len(grp) and grp[e + 1] == grp[c] and sh.get("merge", True):
                        e += 1
                    ws.cell(r, c + 1, grp[c]).font = Font(bold=True)
                    if e > c:
                        ws.merge_cells(start_row=r, start_column=c + 1, end_row=r, end_column=e + 1)
                        ws.cell(r, c + 1).alignment = Alignment(horizontal="center")
                    c = e + 1
                else:
                    c += 1
            r += 1
        sh["_header_row"] = r
        for c, h in enumerate(sh["header"], 1):
            if h != "" and h is not None:
                cell = ws.cell(r, c, h)
                cell.font = Font(bold=True)
                if "\n" in h:
                    cell.alignment = Alignment(wrap_text=True)
        r += 1
        fmts = sh.get("date_cols", {})
        for row in sh["data"]:
            for c, v in enumerate(row, 1):
                if v is None or v == "":
                    continue
                cell = ws.cell(r, c, v)
                if (c - 1) in fmts and isinstance(v, (dt.date, dt.datetime)):
                    cell.number_format = fmts[c - 1]
            r += 1
        for row in sh.get("post", []):
            for c, v in enumerate(row, 1):
                if v is not None and v != "":
                    ws.cell(r, c, v)
            r += 1
        for c in range(1, len(sh["header"]) + 1):
            ws.column_dimensions[get_column_letter(c)].width = sh.get("width", 16)
    wb.properties.creator = "provider"
    wb.properties.created = dt.datetime(2026, 10, 2, 9, 0, 0)
    wb.properties.modified = dt.datetime(2026, 10, 2, 9, 0, 0)
    wb.save(path)
    # openpyxl writes the current time into docProps; rewrite zip deterministically
    _normalise_zip(path)


def _normalise_zip(path):
    src = zipfile.ZipFile(path)
    items = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    src.close()
    import re
    items = [(n, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-10-02T09:00:00Z", d) if n == "docProps/core.xml" else d)
             for n, d in items]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            zi = zipfile.ZipInfo(name, date_time=(2026, 10, 2, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


def _ods_cell(v, span=1, date_style=False):
    sp = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    if v is None or v == "":
        return f"<table:table-cell{sp}/>"
    if isinstance(v, bool):
        return f'<table:table-cell office:value-type="boolean" office:boolean-value="{"true" if v else "false"}"{sp}><text:p>{"TRUE" if v else "FALSE"}</text:p></table:table-cell>'
    if isinstance(v, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{v}"{sp}><text:p>{v}</text:p></table:table-cell>'
    if isinstance(v, dt.date):
        return (f'<table:table-cell table:style-name="cdate" office:value-type="date" office:date-value="{v.isoformat()}"{sp}>'
                f'<text:p>{v.day:02d}/{v.month:02d}/{v.year}</text:p></table:table-cell>')
    paras = "".join(f"<text:p>{xesc(line)}</text:p>" for line in str(v).split("\n"))
    return f'<table:table-cell office:value-type="string"{sp}>{paras}</table:table-cell>'


def write_ods(path, sheets):
    body = []
    for sh in sheets:
        rows = []
        for row in sh.get("pre", []):
            rows.append(list(row))
        ncol = len(sh["header"])
        xml_rows = [("plain", r) for r in rows]
        if sh.get("group") is not None:
            xml_rows.append(("group", sh["group"]))
        sh["_header_row"] = len(xml_rows) + 1
        xml_rows.append(("plain", sh["header"]))
        for r in sh["data"]:
            xml_rows.append(("plain", r))
        for r in sh.get("post", []):
            xml_rows.append(("plain", r))
        out = [f'<table:table table:name="{xesc(sh["name"])}"><table:table-column table:number-columns-repeated="{ncol}"/>']
        for kind, r in xml_rows:
            cells = []
            if kind == "group":
                c = 0
                while c < len(r):
                    if r[c]:
                        e = c
                        while e + 1 < len(r) and r[e + 1] == r[c]:
                            e += 1
                        cells.append(_ods_cell(r[c], span=e - c + 1))
                        cells.extend("<table:covered-table-cell/>" for _ in range(e - c))
                        c = e + 1
                    else:
                        cells.append("<table:table-cell/>")
                        c += 1
            else:
                cells = [_ods_cell(v) for v in r]
            out.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        out.append("</table:table>")
        body.append("".join(out))
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
               '<office:automatic-styles><number:date-style style:name="N37"><number:day number:style="long"/><number:text>/</number:text>'
               '<number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>'
               '<style:style style:name="cdate" style:family="table-cell" style:data-style-name="N37"/></office:automatic-styles>'
               f'<office:body><office:spreadsheet>{"".join(body)}</office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    meta = ('<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2"><office:meta>'
            '<meta:generator>LibreOffice/7.6.4.1$Linux_X86_64 LibreOffice_project/e19e193f88cd6c0525a17fb7a176ed8e6a3e2aa1</meta:generator>'
            '</office:meta></office:document-meta>')
    with zipfile.ZipFile(path, "w") as z:
        for name, data in (("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("META-INF/manifest.xml", manifest),
                           ("meta.xml", meta), ("content.xml", content)):
            zi = zipfile.ZipInfo(name, date_time=(2026, 10, 2, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(zi, data.encode("utf-8"))


# ----------------------------------------------------------------------------------------
# value helpers used by the layouts
# ----------------------------------------------------------------------------------------
def C(header, target, fn, group=None):
    return {"header": header, "target": target, "fn": fn, "group": group}


def T(sheet, cols, recs, **kw):
    d = {"sheet": sheet, "cols": cols, "recs": recs, "table": True}
    d.update(kw)
    return d


def dstr(style):
    return lambda v: "" if v in (None, "") else fmt_date(v, style)


def xcell(v):
    """value for a spreadsheet date cell; impossible dates stay text as typed."""
    if isinstance(v, tuple):
        return fmt_date(v, "dmy")
    return v


def eth_free(rng, sep):
    def f(r):
        return sep.join(rng.choice(ETH_FREE[k]) for k in r["eth"])
    return f


def eth_label(sep):
    return lambda r: sep.join(ETH[k][1] for k in r["eth"])


def eth_code(level, sep):
    i = 2 if level == 2 else 3
    return lambda r: sep.join(dict.fromkeys(ETH[k][i] for k in r["eth"]))


def eth_n(n, kind="label"):
    def f(r):
        if n >= len(r["eth"]):
            return ""
        k = r["eth"][n]
        return {"label": ETH[k][1], "code4": ETH[k][3], "code2": ETH[k][2]}[kind]
    return f


def consent(vocab):
    def f(r):
        c = r["consent"]
        if c is True:
            return vocab.get(r["consent_mode"], vocab.get(True))
        return vocab[c]
    return f


def worker(style="full"):
    def f(r):
        g, fam = r["worker"]
        if style == "initials":
            return (strip_macrons(g)[0] + strip_macrons(fam)[0]).upper()
        if style == "given":
            return g
        return f"{g} {fam}"
    return f


def addr_full(r, upper=False):
    s = f"{r['street']}, {r['suburb']}, {r['town']} {r['postcode']}"
    return s.upper() if upper else s


def last_svc(r):
    return r.get("session") or r["svc"][-1]


def svc_date(r):
    return last_svc(r).date()


def spread(rng, lo, hi):
    return lambda r: rng.randint(lo, hi)


def make_people(prov, quarter, n, prefix="", **kw):
    return [prov.person(quarter, i + 1, prefix, **kw) for i in range(n)]


# ----------------------------------------------------------------------------------------
# the twenty layouts
# ----------------------------------------------------------------------------------------
def L01(rng):
    q = "2026Q3"
    prov = Provider(rng, "auckland", {"CHI": 18, "NZE": 25, "MAO": 20, "SAM": 10, "TON": 8, "IND": 12, "KOR": 7})
    recs = wide_rows(make_people(prov, q, 128, "KG-"))
    bad = invalidate(rng, recs, 2)
    run_by = prov.staff[0]
    cols = [
        C("Client ID", "client_ref", lambda r: r["ref"]),
        C("Client Name", "full_name", lambda r: full(r, "Given FAMILY")),
        C("Date Of Birth", "date_of_birth", lambda r: fmt_date(r["dob"], "dmy")),
        C("Gender", "gender", lambda r: {"F": "Female", "M": "Male", "X": "Non-binary", "U": "Prefer not to say"}[r["gender"]]),
        C("Ethnicity", "ethnicity", eth_free(rng, "/")),
        C("Mobile", "phone", lambda r: r["phone"]),
        C("Referral Source", "referral_source", lambda r: r["referral"]),
        C("Gambling Mode", None, lambda r: rng.choice(["Pokies", "TAB", "Online casino", "Lotto/Instant Kiwi", "Cards", "Pokies"])),
        C("Programme", "programme", lambda r: rng.choice(["Face to face counselling", "Whānau support", "Brief intervention", "Phone counselling"])),
        C("Intake Date", "start_date", lambda r: fmt_date(r["start"], "dmy")),
        C("Last Session Date", "service_date", lambda r: fmt_date(last_svc(r), "dmy")),
        C("Sessions Attended", "sessions_attended", lambda r: r["sessions_total"]),
        C("PGSI Score At Intake", None, spread(rng, 3, 27)),
        C("Outcome", "outcome_status", lambda r: {"completed": "Closed - goals met", "ongoing": "Open", "exited": "Closed - lost contact",
                                                    "transferred": "Closed - referred on", "declined": "Closed - declined service"}[r["outcome"]]),
        C("Evaluation Consent", "consent_evaluation", consent({"signed": "Signed", "verbal": "Verbal", False: "Declined", None: "Not asked"})),
        C("Funder Code", None, lambda r: rng.choice(["MOH-PGH-01", "MOH-PGH-01", "MOH-PGH-04", "TWO-GH-2"])),
        C("Case Worker", "key_worker", worker()),
    ]
    pre = [["Report name:", "Client Activity Summary"], ["Organisation:", "Kotahi Gambling Harm Trust"],
           ["Run by:", f"{run_by[0]} {run_by[1]}"], ["Run date:", "02/10/2026 08:41"],
           ["Filter:", "Last session between 01/07/2026 and 30/09/2026"], []]
    return {"provider": "kotahi-gambling-harm-trust", "quarter": q,
            "features": ["gambling-harm", "crm-report", "metadata-header-block", "utf8-bom", "title-case-headers", "given-FAMILY-names",
                         "consent-signed-verbal-declined", "ethnicity-free-labels-slash", "distractor-score-not-wellbeing", "funder-code"],
            "files": [{"name": "ClientActivitySummary_2026Q3.csv", "format": "csv", "encoding": "utf-8-sig", "delimiter": ",",
                       "tables": [T(None, cols, recs, pre=pre)]}]}


def L02(rng):
    q = "2026Q2"
    prov = Provider(rng, "canterbury", {"NZE": 45, "MAO": 25, "SAM": 6, "CHI": 6, "IND": 6, "EUR": 8, "FIL": 4}, age=(16, 70), female_share=0.85)
    recs = wide_rows(make_people(prov, q, 96))
    invalidate(rng, recs, 3)

    def started(r):
        d = last_svc(r) + dt.timedelta(days=rng.choice([0, 0, 1, 2, 5]), minutes=rng.randint(30, 150))
        return d.replace(second=rng.randint(0, 59))
    starts = {}

    def st(r):
        starts[r["idx"]] = started(r)
        return starts[r["idx"]]
    cols = [
        C("Id", None, lambda r: r["idx"]),
        C("Start time", None, st),
        C("Completion time", None, lambda r: starts[r["idx"]] + dt.timedelta(minutes=rng.randint(3, 14), seconds=rng.randint(0, 59))),
        C("Email", None, lambda r: "anonymous"),
        C("Name", None, lambda r: ""),
        C("Client's first name", "given_names", lambda r: r["given"]),
        C("Client's last name", "family_name", lambda r: r["family"]),
        C("Client's date of birth ", "date_of_birth", lambda r: fmt_date(r["dob"], "us")),
        C("How does the client describe their gender?", "gender", lambda r: {"F": "Woman", "M": "Man", "X": "Non-binary", "U": "Prefer not to say"}[r["gender"]]),
        C("Which ethnic group(s) does the client identify with?", "ethnicity", lambda r: "".join(ETH[k][1] + ";" for k in r["eth"])),
        C("Which service did the client receive?", "programme", lambda r: rng.choice(["Crisis support", "Counselling", "Court support", "Advocacy", "Counselling"])),
        C("How was the client referred?", "referral_source", lambda r: rng.choice(["Self-referral", "Police", "GP / health", "Friend or whānau", "ACC", "School counsellor"])),
        C("Date of session", "service_date", lambda r: fmt_date(last_svc(r), "us")),
        C("Wellbeing at first session (0-10)", "wellbeing_start", lambda r: r["wb_start"]),
        C("Wellbeing today (0-10)", "wellbeing_end", lambda r: r["wb_end"]),
        C("Is the client happy for their information to be used for evaluation?", "consent_evaluation",
          consent({True: "Yes", False: "No", None: "Not asked yet"})),
        C("Support worker", "key_worker", worker()),
        C("Anything else we should know about this session?", "case_notes", lambda r: r["note"]),
    ]
    return {"provider": "whakaruruhau-sv-support", "quarter": q,
            "features": ["sexual-violence-support", "microsoft-forms-download", "xlsx", "question-headers", "us-dates-text",
                         "datetime-distractors", "anonymous-email-column", "empty-column", "ethnicity-semicolon-trailing", "trailing-space-header", "case-notes"],
            "files": [{"name": "Session record form(1-96).xlsx", "format": "xlsx", "encoding": None, "delimiter": None,
                       "tables": [T("Form1", cols, recs, date_cols={1: "m/d/yy h:mm", 2: "m/d/yy h:mm"})]}]}


def L03(rng):
    q = "2026Q3"
    prov = Provider(rng, "tairawhiti", {"MAO": 60, "NZE": 25, "CIM": 5, "SAM": 5, "TON": 5}, age=(48, 82))
    recs = wide_rows(make_people(prov, q, 76))
    invalidate(rng, recs, 1)
    moko = {}
    cols = [
        C("No.", None, lambda r: r["idx"]),
        C("Grandparent name", "full_name", lambda r: full(r, "FAMILY, Given")),
        C("", None, lambda r: ""),
        C("DOB", "date_of_birth", lambda r: xcell(r["dob"])),
        C("Mokopuna in care", None, lambda r: moko.setdefault(r["idx"], rng.choice([1, 1, 2, 2, 3, 4]))),
        C("Ages of mokopuna", None, lambda r: ", ".join(str(rng.randint(1, 16)) for _ in range(moko[r["idx"]]))),
        C("", None, lambda r: ""),
        C("Street", "address_street", lambda r: r["street"]),
        C("Suburb", "address_suburb", lambda r: r["suburb"]),
        C("Town", "address_town", lambda r: r["town"]),
        C("Ph", "phone", lambda r: r["landline"] if rng.random() < 0.6 else r["mobile"]),
        C("", None, lambda r: ""),
        C("Support group date", "service_date", lambda r: svc_date(r)),
        C("No. of hui attended", "sessions_attended", lambda r: r["sessions_total"]),
        C("Whakaaetanga (consent)", "consent_evaluation", consent({True: "Āe", False: "Kāo", None: ""})),
        C("Iwi", "iwi", lambda r: r["iwi"]),
        C("Notes", "case_notes", lambda r: r["note"]),
    ]

    def post(data):
        tot_m = sum(row[4] for row in data)
        tot_s = sum(row[13] for row in data)
        return [[], ["TOTALS", f"{len(data)} grandparents", "", "", tot_m, "", "", "", "", "", "", "", "", tot_s],
                ["", "Average hui per grandparent", "", "", "", "", "", "", "", "", "", "", "", round(tot_s / len(data), 1)]]
    pre = [["GRANDPARENTS RAISING GRANDCHILDREN - SUPPORT GROUP REGISTER"], ["Quarter: July - September 2026 (Tairāwhiti)"], []]
    return {"provider": "nana-and-koro-network", "quarter": q,
            "features": ["grandparents-raising-grandchildren", "hand-built-register", "title-rows", "blank-spacer-columns", "blank-headers",
                         "totals-block", "FAMILY-Given-names", "split-address", "excel-date-cells", "consent-ae-kao", "numeric-not-score", "row-numbers"],
            "files": [{"name": "GRG register Jul-Sep 2026.xlsx", "format": "xlsx", "encoding": None, "delimiter": None,
                       "tables": [T("Register", cols, recs, pre=pre, post=post, date_cols={3: "dd/mm/yyyy", 12: "d-mmm-yy"})]}]}


def L04(rng):
    q = "2026Q2"
    prov = Provider(rng, "auckland", {"MAO": 30, "SAM": 20, "TON": 15, "NZE": 15, "CIM": 6, "NIU": 4, "IND": 5, "CHI": 5}, age=(5, 15))
    people = make_people(prov, q, 142, "ATT-26-")
    recs = wide_rows(people)
    invalidate(rng, recs, 2)
    reasons = ["Attendance below 70% for two terms", "Stood down and not returned", "Caring for younger siblings during school hours",
               "Anxiety about school, not leaving the house", "Family moved, not enrolled at new school", "Dean concerned about lateness and truancy",
               "Unjustified absences most Fridays", "Transport difficulties since car sold"]
    cols = [
        C("student_id", "client_ref", lambda r: r["ref"]),
        C("student_first_name", "given_names", lambda r: r["given"]),
        C("student_last_name", "family_name", lambda r: r["family"]),
        C("date_of_birth", "date_of_birth", lambda r: fmt_date(r["dob"], "iso")),
        C("gender", "gender", lambda r: {"F": "F", "M": "M", "X": "X", "U": ""}[r["gender"]]),
        C("ethnicity_code", "ethnicity", lambda r: ETH[r["eth"][0]][2]),
        C("school_name", None, lambda r: rng.choice(["Tangaroa College", "Ōtāhuhu Intermediate", "Papatoetoe South School", "Māngere College",
                                                      "Sir Edmund Hillary Collegiate", "Rowandale School", "Southern Cross Campus"])),
        C("year_level", None, lambda r: max(1, min(13, 2026 - r["dob"].year - 5)) if isinstance(r["dob"], dt.date) and r["dob"].year < 2026 else ""),
        C("caregiver_name", "caregiver_name", lambda r: f"{r['caregiver'][0]} {r['caregiver'][1]}"),
        C("caregiver_phone", "phone", lambda r: r["mobile"]),
        C("referral_reason", None, lambda r: rng.choice(reasons)),
        C("referred_by", "referral_source", lambda r: rng.choice(["School", "School", "Attendance officer", "Whānau", "Oranga Tamariki", "Public health nurse"])),
        C("referral_date", "start_date", lambda r: fmt_date(r["start"], "iso")),
        C("attendance_pct_at_referral", None, lambda r: round(rng.uniform(20, 69), 1)),
        C("attendance_pct_latest", None, lambda r: round(rng.uniform(30, 98), 1)),
        C("home_visits", "sessions_attended", lambda r: r["sessions_total"]),
        C("last_visit", "service_date", lambda r: fmt_date(last_svc(r), "iso")),
        C("status", "outcome_status", lambda r: {"completed": "Returned to school", "ongoing": "Active", "exited": "Disengaged",
                                                 "transferred": "Moved school", "declined": "Whānau declined"}[r["outcome"]]),
        C("attendance_advisor", "key_worker", worker()),
    ]
    return {"provider": "tamaki-attendance-service", "quarter": q,
            "features": ["school-attendance", "client-is-child", "caregiver", "tsv", "utf-16", "snake-case-headers", "iso-dates",
                         "ethnicity-level2-code", "free-text-not-case-notes", "percent-not-score", "no-consent-column"],
            "files": [{"name": "attendance_service_export_2026Q2.txt", "format": "tsv", "encoding": "utf-16", "delimiter": "\t",
                       "tables": [T(None, cols, recs)]}]}


def L05(rng):
    q = "2026Q3"
    prov = Provider(rng, "rotorua", {"MAO": 70, "NZE": 20, "CIM": 5, "SAM": 5}, age=(60, 90))
    people = make_people(prov, q, 152)
    for p in people:
        p["ref"] = f"KMM{p['idx']:04d}"
    d = dstr("long_sept")

    def cols():
        return [
            C("clientRef", "client_ref", lambda r: r["ref"]),
            C("firstName", "given_names", lambda r: r["given"]),
            C("lastName", "family_name", lambda r: r["family"]),
            C("dateOfBirth", "date_of_birth", lambda r: d(r["dob"])),
            C("iwi", "iwi", lambda r: r["iwi"]),
            C("hapu", None, lambda r: rng.choice(["", "", "Ngāti Whakaue", "Ngāti Pikiao", "Tūhourangi", "Ngāti Rangiwewehi"]) if r["iwi"] else ""),
            C("phoneNumber", "phone", lambda r: r["landline"] if rng.random() < 0.55 else r["mobile"]),
            C("streetAddress", "address_street", lambda r: r["street"]),
            C("suburb", "address_suburb", lambda r: r["suburb"]),
            C("town", "address_town", lambda r: r["town"]),
            C("postCode", "address_postcode", lambda r: r["postcode"]),
            C("referredBy", "referral_source", lambda r: rng.choice(["Marae", "Whānau", "MSD", "Budget service", "Self", "Kaumātua rōpū"])),
            C("mentoringStart", "start_date", lambda r: d(r["start"])),
            C("sessionDate", "service_date", lambda r: d(last_svc(r))),
            C("sessionsToDate", "sessions_attended", lambda r: r["sessions_total"]),
            C("debtAtStart", None, lambda r: f"${rng.randint(200, 18000):,}"),
            C("debtNow", None, lambda r: f"${rng.randint(0, 12000):,}"),
            C("budgetInPlace", None, lambda r: rng.choice(["Yes", "Yes", "No", "In progress"])),
            C("evalConsent", "consent_evaluation", consent({True: "Y", False: "N", None: ""})),
            C("mentorInitials", "key_worker", worker("initials")),
        ]
    p1 = wide_rows(people[:81])
    p2 = wide_rows(people[81:])
    invalidate(rng, p1, 1)
    invalidate(rng, p2, 2)
    return {"provider": "kaumatua-money-mentors", "quarter": q,
            "features": ["financial-mentoring-kaumatua", "budgeting", "two-part-submission", "cp1252", "semicolon-delimiter", "camelCase-headers",
                         "dates-d-Sept-yyyy", "split-address", "key-worker-initials", "yes-no-not-consent", "money-columns"],
            "files": [{"name": f"kaumatua_mentoring_2026Q3_part{i}.csv", "format": "csv", "encoding": "cp1252", "delimiter": ";",
                       "tables": [T(None, cols(), part)]} for i, part in ((1, p1), (2, p2))]}


def L06(rng):
    q = "2026Q2"
    prov = Provider(rng, "manawatu", {"NZE": 50, "MAO": 25, "SAM": 5, "TON": 4, "CHI": 6, "IND": 6, "EUR": 4}, age=(4, 40))
    tables = []
    n = 0
    for sheet, count in (("Day respite", 84), ("Overnight respite", 66), ("School holiday programme", 72)):
        people = [prov.person(q, n + i + 1) for i in range(count)]
        n += count
        recs = wide_rows(people)
        invalidate(rng, recs, rng.randint(0, 1))
        cols = [
            C("Name (given):", "given_names", lambda r: r["given"]),
            C("Name (family):", "family_name", lambda r: r["family"]),
            C("D.O.B:", "date_of_birth", lambda r: xcell(r["dob"])),
            C("Gender/Ira tangata:", "gender", lambda r: {"F": "F", "M": "M", "X": "Non-binary", "U": "Prefer not to say"}[r["gender"]]),
            C("NHI:", "nhi", lambda r: r["nhi"]),
            C("Disability type:", None, lambda r: rng.choice(["Intellectual", "Autism", "Physical", "Sensory", "Multiple", "Neurological"])),
            C("Carer / whānau contact:", "caregiver_name", lambda r: f"{r['caregiver'][0]} {r['caregiver'][1]}"),
            C("Contact ph:", "phone", lambda r: r["mobile"]),
            C("Respite date:", "service_date", lambda r: svc_date(r)),
            C("Hours (total):", None, lambda r: rng.choice([3, 4, 5, 6, 6.5, 7, 8])),
        ]
        if sheet.startswith("Overnight"):
            cols.append(C("Nights:", None, lambda r: rng.randint(1, 4)))
        cols += [
            C("Outcome/Status:", "outcome_status", lambda r: {"completed": "Plan complete", "ongoing": "Continuing", "exited": "Withdrawn",
                                                               "transferred": "Moved to other provider", "declined": "Declined further respite"}[r["outcome"]]),
            C("Consent (Y/N):", "consent_evaluation", consent({True: "Y", False: "N", None: ""})),
        ]
        tables.append(T(sheet, cols, recs))
    return {"provider": "manaaki-respite-care", "quarter": q,
            "features": ["disability-respite", "ods", "libreoffice-saved", "one-sheet-per-programme", "headers-with-trailing-colons",
                         "headers-with-brackets-slashes", "nhi", "caregiver", "ods-date-cells", "sheet-specific-column"],
            "files": [{"name": "Respite returns Q2 2026.ods", "format": "ods", "encoding": None, "delimiter": None, "tables": tables}]}


def L07(rng):
    q = "2026Q3"
    prov = Provider(rng, "waikato", {"AFG": 25, "SYR": 12, "COL": 12, "SOM": 12, "FIL": 12, "CHI": 10, "IND": 12, "KOR": 5}, age=(18, 70))
    recs = wide_rows(make_people(prov, q, 112))
    for r in recs:
        r["eth"] = r["eth"][:1]
    invalidate(rng, recs, 2)
    cob = {"AFG": "Afghanistan", "SYR": "Syria", "COL": "Colombia", "SOM": "Somalia", "FIL": "Philippines", "CHI": "China", "IND": "India", "KOR": "South Korea"}
    lang = {"AFG": "Dari", "SYR": "Arabic", "COL": "Spanish", "SOM": "Somali", "FIL": "Tagalog", "CHI": "Mandarin", "IND": "Hindi", "KOR": "Korean"}
    cols = [
        C("case_no", "client_ref", lambda r: f"MS-26-{r['idx']:04d}"),
        C("full_name", "full_name", lambda r: full(r)),
        C("date_of_birth", "date_of_birth", lambda r: fmt_date(r["dob"], "iso")),
        C("gender", "gender", lambda r: {"F": "female", "M": "male", "X": "another gender", "U": "unknown"}[r["gender"]]),
        C("ethnicity", "ethnicity", lambda r: rng.choice(ETH_FREE[r["eth"][0]])),
        C("country_of_birth", None, lambda r: cob[r["eth"][0]]),
        C("first_language", None, lambda r: lang[r["eth"][0]]),
        C("interpreter_required", None, lambda r: rng.random() < 0.55),
        C("visa_category", None, lambda r: rng.choice(["Refugee quota", "Refugee family support", "Skilled migrant", "Partnership", "Convention refugee"])),
        C("arrival_nz", None, lambda r: fmt_date(r["start"] - dt.timedelta(days=rng.randint(20, 900)), "iso")),
        C("phone", "phone", lambda r: r["mobile"].replace(" ", "")),
        C("email", "email", lambda r: r["email"] or None),
        C("home_address", "address", lambda r: addr_full(r)),
        C("plan_start", "start_date", lambda r: fmt_date(r["start"], "iso")),
        C("contacts_in_quarter", "sessions_attended", lambda r: len(r["svc"])),
        C("last_contact", "service_date", lambda r: fmt_date(last_svc(r), "iso_dt")),
        C("status", "outcome_status", lambda r: {"completed": "Settled - plan closed", "ongoing": "Active", "exited": "Moved out of region",
                                                 "transferred": "Transferred to other agency", "declined": "Declined support"}[r["outcome"]]),
        C("consent_research", "consent_evaluation", lambda r: r["consent"]),
        C("settlement_advisor", "key_worker", worker()),
    ]
    return {"provider": "kia-ora-newcomers-settlement", "quarter": q,
            "features": ["migrant-refugee-settlement", "json-records", "snake-case-keys", "iso-datetimes", "boolean-consent",
                         "boolean-not-consent", "full-address-one-column", "date-neither-start-nor-service", "null-values"],
            "files": [{"name": "settlement_clients_2026Q3.json", "format": "json", "encoding": "utf-8", "delimiter": None,
                       "tables": [T(None, cols, recs)]}]}


def L08(rng):
    q = "2026Q2"
    prov = Provider(rng, "canterbury", {"MAO": 35, "NZE": 35, "SAM": 8, "TON": 5, "CIM": 5, "IND": 6, "CHI": 6}, age=(19, 58), female_share=0.0)
    people = make_people(prov, q, 60)
    for p in people:
        p["gender"] = "M"
        p["ref"] = str(1000 + p["idx"] * 7)
    recs = session_rows(people, 170)
    # running count of sessions attended so far
    seen = {}
    for r in recs:
        seen[r["idx"]] = seen.get(r["idx"], r["sessions_total"] - len(r["svc"])) + 1
        r["to_date"] = seen[r["idx"]]
    invalidate(rng, recs, 2)
    fac = {p: "".join(x[0] for x in p) for p in prov.staff}
    ad = dstr("access")
    cols = [
        C("ClientID", "client_ref", lambda r: r["ref"]),
        C("c_fname", "given_names", lambda r: r["given"]),
        C("c_sname", "family_name", lambda r: r["family"]),
        C("c_dob", "date_of_birth", lambda r: ad(r["dob"])),
        C("c_ethnic1", "ethnicity", eth_n(0, "code4")),
        C("c_ethnic2", "ethnicity", eth_n(1, "code4")),
        C("c_ethnic3", "ethnicity", eth_n(2, "code4")),
        C("c_iwi", "iwi", lambda r: r["iwi"]),
        C("GroupStartDate", "start_date", lambda r: ad(r["start"])),
        C("SessionDate", "service_date", lambda r: ad(r["session"].replace(hour=0, minute=0))),
        C("SessAttendedToDate", "sessions_attended", lambda r: r["to_date"]),
        C("ProtOrder", None, lambda r: -1 if r["idx"] % 4 == 0 else 0),
        C("ChildrenInHH", None, lambda r: (r["idx"] * 5) % 5),
        C("ReferralSrc", "referral_source", lambda r: rng.choice(["Court", "Police", "Self", "Oranga Tamariki", "Corrections", "Partner"])),
        C("ExitCode", "outcome_status", lambda r: {"ongoing": 0, "completed": 1, "exited": 2, "transferred": 3, "declined": 4}[r["outcome"]]),
        C("EvalConsent", "consent_evaluation", lambda r: -1 if r["consent"] else 0),
        C("FacInit", "key_worker", lambda r: fac[r["worker"]]),
        C("tsCreated", None, lambda r: ad(r["session"] + dt.timedelta(days=rng.randint(0, 3), hours=rng.randint(1, 6)))),
    ]
    return {"provider": "tane-tu-mens-programme", "quarter": q,
            "features": ["mens-behaviour-change", "access-database-dump", "pipe-delimiter", "cp1252", "quote-all", "long-format",
                         "numbered-ethnicity-columns", "ethnicity-level4-codes", "access-datetimes", "numeric-outcome-codes",
                         "access-boolean-consent", "key-worker-initials", "timestamp-distractor", "prefixed-headers"],
            "files": [{"name": "qryQuarterSessions.txt", "format": "csv", "encoding": "cp1252", "delimiter": "|",
                       "quoting": csv.QUOTE_ALL, "tables": [T(None, cols, recs)]}]}


def L09(rng):
    q = "2026Q3"
    prov = Provider(rng, "northland", {"MAO": 85, "NZE": 10, "CIM": 5}, age=(60, 93))
    recs = wide_rows(make_people(prov, q, 86))
    invalidate(rng, recs, 1)
    g1, g2, g3 = "Ngā kōrero mō te kaumātua (Kaumātua details)", "Hōtaka (Programme)", "Aromatawai (Evaluation)"
    cols = [
        C("Ingoa tuatahi", "given_names", lambda r: r["given"], g1),
        C("Ingoa whānau", "family_name", lambda r: r["family"], g1),
        C("Rā whānau", "date_of_birth", lambda r: xcell(r["dob"]), g1),
        C("Ira tangata", "gender", lambda r: {"F": "Wahine", "M": "Tane", "X": "Non-binary", "U": "Prefer not to say"}[r["gender"]], g1),
        C("Iwi", "iwi", lambda r: r["iwi"], g1),
        C("Hapu", None, lambda r: rng.choice(["", "Ngāti Hine", "Te Parawhau", "Ngāti Wai", "Te Uri o Hau", "Ngāti Kahu"]), g1),
        C("Wahi noho", "address", lambda r: addr_full(r), g1),
        C("Waea", "phone", lambda r: r["landline"] if rng.random() < 0.5 else r["mobile"], g1),
        C("Hōtaka", "programme", lambda r: rng.choice(["Kaumātua hauora", "Mirimiri", "Te reo ki te kāinga", "Haerenga", "Kapa haka kaumātua"]), g2),
        C("Rā tīmata", "start_date", lambda r: r["start"], g2),
        C("Rā hui whakamutunga", "service_date", lambda r: svc_date(r), g2),
        C("Tokomaha hui", "sessions_attended", lambda r: r["sessions_total"], g2),
        C("Kaimahi", "key_worker", worker("given"), g2),
        C("Whakaaetanga", "consent_evaluation", consent({True: "Āe", False: "Kāo", None: ""}), g3),
        C("Oranga i te tīmatanga (1-5)", "wellbeing_start", lambda r: max(1, min(5, r["wb_start"])), g3),
        C("Oranga ināianei (1-5)", "wellbeing_end", lambda r: max(1, min(5, (r["wb_end"] + 1) // 2 + 1)), g3),
        C("Hua", "outcome_status", lambda r: {"completed": "Kua oti", "ongoing": "Kei te haere tonu", "exited": "Kua wehe",
                                              "transferred": "Kua whakawhitia", "declined": "Kāore i pīrangi"}[r["outcome"]], g3),
    ]
    cover = [["Te Whare Kaumātua - Pūrongo hauwhā / Quarterly return"], ["Hauwhā / Quarter:", "Hōngongoi - Mahuru 2026"], [],
             ["Whakapā mai / Contact:", "Huia Tamihana", "huia.tamihana@tewharekaumatua.org.nz", "09 438 2210"],
             ["Tohutohu / Instructions:", "Kei te whārangi e whai ake nei ngā raraunga (Raraunga). One row per kaumātua."],
             ["Please do not change the column headings."]]
    return {"provider": "te-whare-kaumatua", "quarter": q,
            "features": ["kaumatua-elder-support", "kaupapa-maori", "xlsx", "cover-sheet-with-staff-email", "data-on-second-sheet",
                         "te-reo-headers", "headers-with-and-without-macrons", "merged-group-headers", "gender-wahine-tane",
                         "consent-ae-kao", "outcome-te-reo", "wellbeing-1-5", "full-address-one-column"],
            "files": [{"name": "Purongo hauwha Hongongoi-Mahuru 2026.xlsx", "format": "xlsx", "encoding": None, "delimiter": None,
                       "sheets_before": [{"name": "Pānui", "pre": cover, "header": None}],
                       "tables": [T("Raraunga", cols, recs, group=True, date_cols={2: "dd/mm/yyyy", 9: "dd/mm/yyyy", 10: "dd/mm/yyyy"})]}]}


def L10(rng):
    q = "2026Q3"
    prov = Provider(rng, "porirua", {"SAM": 22, "MAO": 30, "NZE": 22, "TON": 8, "CIM": 8, "FIJ": 4, "SOM": 3, "IND": 3})
    recs = wide_rows(make_people(prov, q, 118, "ST"))
    invalidate(rng, recs, 3)
    d = dstr("dmy")
    qs, qe = quarter_bounds(q)
    cols = [
        C("Row", None, lambda r: r["idx"] + 1),
        C("Tenancy ID", None, lambda r: f"T-{rng.randint(10000, 99999)}"),
        C("Client ref", "client_ref", lambda r: r["ref"]),
        C("First name", "given_names", lambda r: r["given"]),
        C("Last name", "family_name", lambda r: r["family"]),
        C("Date of birth", "date_of_birth", lambda r: d(r["dob"])),
        C("Gender", "gender", lambda r: {"F": "Female", "M": "Male", "X": "Gender diverse", "U": ""}[r["gender"]]),
        C("Ethnicity", "ethnicity", eth_free(rng, ", ")),
        C("Phone", "phone", lambda r: r["phone"]),
        C("Street address", "address_street", lambda r: r["street"]),
        C("Suburb", "address_suburb", lambda r: r["suburb"]),
        C("Town/city", "address_town", lambda r: r["town"]),
        C("Postcode", "address_postcode", lambda r: r["postcode"]),
        C("Landlord type", None, lambda r: rng.choice(["Kāinga Ora", "Private", "Community housing", "Private", "Council"])),
        C("Weekly rent ($)", None, lambda r: rng.choice([380, 420, 455, 510, 560, 610, 125, 98])),
        C("Arrears at referral ($)", None, lambda r: rng.randint(0, 6000)),
        C("Arrears now ($)", None, lambda r: rng.randint(0, 3000)),
        C("Bedrooms", None, lambda r: rng.randint(1, 5)),
        C("Household size", None, lambda r: rng.randint(1, 9)),
        C("Children in household", None, lambda r: rng.randint(0, 6)),
        C("Weeks on waitlist", None, lambda r: rng.randint(0, 60)),
        C("Kāinga Ora tenant?", None, lambda r: rng.choice(["Yes", "No", "No"])),
        C("Main income", None, lambda r: rng.choice(["Jobseeker", "Wages", "Sole parent support", "NZ Super", "Supported living", "Wages"])),
        C("Pets", None, lambda r: rng.choice(["", "Dog", "Cat", "", "2 dogs"])),
        C("Vehicle", None, lambda r: rng.choice(["Yes", "No"])),
        C("Debt to MSD ($)", None, lambda r: rng.choice([0, 0, 350, 1200, 2400, 4100])),
        C("Last inspection", None, lambda r: d(qs - dt.timedelta(days=rng.randint(10, 300)))),
        C("Heat pump", None, lambda r: rng.choice(["Y", "N", "N"])),
        C("Smoke alarms checked", None, lambda r: rng.choice(["Y", "Y", "N", ""])),
        C("Referral from", "referral_source", lambda r: rng.choice(["Kāinga Ora", "MSD", "Tenancy Tribunal", "Self", "Budget service", "Church"])),
        C("Service", "programme", lambda r: rng.choice(["Tenancy sustainment", "Rapid rehousing", "Sustaining tenancies - Pasifika"])),
        C("Start date", "start_date", lambda r: d(r["start"])),
        C("Last contact", "service_date", lambda r: d(last_svc(r))),
        C("Contacts this qtr", "sessions_attended", lambda r: len(r["svc"])),
        C("Review due", None, lambda r: d(qe + dt.timedelta(days=rng.randint(5, 120)))),
        C("Date closed", None, lambda r: d(last_svc(r)) if r["outcome"] in ("completed", "exited") else ""),
        C("Risk rating", None, lambda r: rng.choice(["Low", "Med", "High", "Med"])),
        C("Tenancy at risk score", None, lambda r: rng.randint(1, 10)),
        C("Outcome", "outcome_status", lambda r: {"completed": "Tenancy sustained", "ongoing": "Open", "exited": "Tenancy ended",
                                                  "transferred": "Referred to other service", "declined": "Declined"}[r["outcome"]]),
        C("Consent to share for evaluation", "consent_evaluation", consent({True: "Yes", False: "No", None: ""})),
        C("Key worker", "key_worker", worker()),
        C("Internal flag", None, lambda r: rng.choice(["", "", "", "!", "CHK", "dup?"])),
    ]
    return {"provider": "secure-tenancies-trust", "quarter": q,
            "features": ["housing-tenancy-sustainment", "google-sheets-download", "wide-export-40-columns", "sentence-case-headers",
                         "split-address", "many-numeric-distractors", "yes-no-not-consent", "date-closed", "review-due",
                         "score-not-wellbeing", "row-numbers", "internal-flags"],
            "files": [{"name": "Tenancy sustainment - Q3 return - Sheet1.csv", "format": "csv", "encoding": "utf-8", "delimiter": ",",
                       "tables": [T(None, cols, recs)]}]}


def L11(rng):
    q = "2026Q2"
    prov = Provider(rng, "otago", {"NZE": 55, "MAO": 20, "SAM": 5, "TON": 3, "CIM": 3, "CHI": 7, "IND": 7}, age=(18, 66))
    recs = wide_rows(make_people(prov, q, 92))
    invalidate(rng, recs, 2)
    qe = quarter_bounds(q)[1]
    eq = "Which ethnic group(s) do you belong to? (select all that apply)"
    opts = [("NZ European", "NZE"), ("Māori", "MAO"), ("Samoan", "SAM"), ("Tongan", "TON"), ("Cook Islands Māori", "CIM"), ("Chinese", "CHI"), ("Indian", "IND")]
    wq = "On a scale of 1-10, how would you rate your wellbeing..."
    sm = {}

    def started(r):
        d = last_svc(r) + dt.timedelta(days=rng.randint(0, 6), minutes=rng.randint(0, 600))
        if d.date() > qe:
            d = dt.datetime(qe.year, qe.month, qe.day, 20, 5)
        sm[r["idx"]] = d
        return d.strftime("%m/%d/%Y %I:%M:%S %p")
    cols = [
        C("", None, lambda r: 11480000000 + r["idx"] * 37, "Respondent ID"),
        C("", None, lambda r: 431208877, "Collector ID"),
        C("", None, started, "Start Date"),
        C("", None, lambda r: (sm[r["idx"]] + dt.timedelta(minutes=rng.randint(2, 11))).strftime("%m/%d/%Y %I:%M:%S %p"), "End Date"),
        C("", None, lambda r: f"{rng.choice([203, 121, 49, 115])}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}", "IP Address"),
        C("Response", "given_names", lambda r: r["given"], "What is your first name?"),
        C("Response", "family_name", lambda r: r["family"], "What is your last name?"),
        C("Response", "date_of_birth", lambda r: fmt_date(r["dob"], "dmy"), "What is your date of birth? (DD/MM/YYYY)"),
        C("Response", "gender", lambda r: {"F": "Female", "M": "Male", "X": "Non-binary", "U": "Prefer not to say"}[r["gender"]], "Which gender do you identify with?"),
    ]
    for label, key in opts:
        cols.append(C(label, "ethnicity", (lambda k, lab: lambda r: lab if k in r["eth"] else "")(key, label), eq))
    cols += [
        C("Other (please specify)", "ethnicity", lambda r: ", ".join(ETH[k][1] for k in r["eth"] if k not in dict((b, a) for a, b in opts)), eq),
        C("Response", "programme", lambda r: rng.choice(["Peer support group", "One-to-one peer support", "Hearing Voices group", "Recovery college"]),
          "Which peer support programme are you part of?"),
        C("Response", "referral_source", lambda r: rng.choice(["GP", "Friend", "Community mental health team", "Facebook", "Whānau", "Self"]), "How did you hear about us?"),
        C("Response", "start_date", lambda r: fmt_date(r["start"], "dmy"), "When did you first join? (DD/MM/YYYY)"),
        C("Response", "service_date", lambda r: fmt_date(last_svc(r), "dmy"), "Date of your most recent session"),
        C("Response", "sessions_attended", lambda r: r["sessions_total"], "Roughly how many sessions have you attended?"),
        C("When you first joined", "wellbeing_start", lambda r: r["wb_start"], wq),
        C("Now", "wellbeing_end", lambda r: r["wb_end"], wq),
        C("Response", "key_worker", worker("given"), "Who is your peer support worker?"),
        C("Response", "consent_evaluation", consent({True: "Yes, that's fine", False: "No thanks", None: ""}),
          "Can we use your answers to help evaluate this service?"),
    ]
    return {"provider": "peer-connect-collective", "quarter": q,
            "features": ["mental-health-peer-support", "survey-tool-export", "surveymonkey-two-row-header", "question-group-headers",
                         "response-subheaders", "blank-subheaders", "ethnicity-option-columns", "us-datetime-distractors",
                         "wellbeing-pre-post", "consent-free-wording"],
            "files": [{"name": "Peer Support Check-in Survey Q2 2026.xlsx", "format": "xlsx", "encoding": None, "delimiter": None,
                       "tables": [T("Sheet", cols, recs, group=True)]}]}


def L12(rng):
    q = "2026Q3"
    prov = Provider(rng, "waikato", {"MAO": 40, "NZE": 40, "SAM": 5, "TON": 4, "CIM": 3, "IND": 4, "CHI": 4}, age=(17, 70), new_nhi_share=0.3)
    recs = wide_rows(make_people(prov, q, 164, "A"))
    invalidate(rng, recs, 3)
    cols = [
        C("CLIENT NO ", "client_ref", lambda r: r["ref"]),
        C("NHI", "nhi", lambda r: r["nhi"]),
        C("SURNAME", "family_name", lambda r: r["family"].upper()),
        C("FIRST NAMES ", "given_names", lambda r: r["given"].upper()),
        C("DOB", "date_of_birth", lambda r: fmt_date(r["dob"], "iso")),
        C("SEX", "gender", lambda r: {"F": "F", "M": "M", "X": "X", "U": "U"}[r["gender"]]),
        C("ETH", "ethnicity", lambda r: ETH[r["eth"][0]][2]),
        C("ADDR", "address", lambda r: addr_full(r, upper=True)),
        C("PH", "phone", lambda r: r["mobile"].replace(" ", "")),
        C("REFERRED BY", "referral_source", lambda r: rng.choice(["GP", "COURT", "SELF", "CORRECTIONS", "HOSPITAL ED", "WHANAU"])),
        C("PROGRAMME", "programme", lambda r: rng.choice(["DAY PROGRAMME", "COMMUNITY AOD", "WHANAU AOD", "COMMUNITY AOD"])),
        C("ADMISSION DATE", "start_date", lambda r: fmt_date(r["start"], "iso")),
        C("SESSION DATETIME", "service_date", lambda r: fmt_date(last_svc(r), "us_dt")),
        C("WHO-5 INTAKE (0-25)", "wellbeing_start", lambda r: r["wb_start"] * 2 + rng.randint(0, 3)),
        C("WHO-5 LATEST (0-25)", "wellbeing_end", lambda r: r["wb_end"] * 2 + rng.randint(0, 5)),
        C("AUDIT-C (0-12)", None, spread(rng, 0, 12)),
        C("DISCHARGE TYPE", "outcome_status", lambda r: {"completed": "PLANNED", "ongoing": "", "exited": "UNPLANNED",
                                                         "transferred": "TRANSFER", "declined": "DID NOT ENGAGE"}[r["outcome"]]),
        C("CONSENT", "consent_evaluation", consent({"signed": "SIGNED", "verbal": "VERBAL", False: "DECLINED", None: "NOT ASKED"})),
        C("CLINICIAN", "key_worker", lambda r: worker()(r).upper()),
        C("PROGRESS NOTE", "case_notes", lambda r: r["note"]),
        C("FUNDER", None, lambda r: rng.choice(["TWO-AOD-03", "TWO-AOD-03", "CORR-AOD", "ACC"])),
    ]
    return {"provider": "awhina-addiction-services", "quarter": q,
            "features": ["alcohol-and-drug", "csv-gzip", "uppercase-headers", "trailing-space-headers", "abbreviated-headers",
                         "uppercase-names", "us-style-datetimes", "new-format-nhi", "who5-wellbeing-0-25", "screening-score-not-wellbeing",
                         "blank-outcome-for-ongoing", "funder-code"],
            "files": [{"name": "AOD_quarterly_2026Q3.csv.gz", "format": "csv.gz", "encoding": "utf-8", "delimiter": ",",
                       "tables": [T(None, cols, recs)]}]}


def L13(rng):
    q = "2026Q2"
    prov = Provider(rng, "southland", {"NZE": 50, "MAO": 28, "SAM": 5, "TON": 4, "FIL": 6, "IND": 4, "CHI": 3}, age=(18, 85), staff_n=8)
    recs = wide_rows(make_people(prov, q, 150, "P"))
    invalidate(rng, recs, 2)
    cols = [
        C("Ref #", "client_ref", lambda r: r["ref"]),
        C("Name", "full_name", lambda r: full(r, "lower")),
        C("D.O.B.", "date_of_birth", lambda r: fmt_date(r["dob"], "dmy_short")),
        C("Addr", "address", lambda r: f"{r['street']} {r['suburb']}"),
        C("Ph", "phone", lambda r: r["phone"]),
        C("Eth", "ethnicity", lambda r: rng.choice(ETH_FREE[r["eth"][0]])),
        C("Adults", None, lambda r: rng.randint(1, 3)),
        C("Kids", None, lambda r: rng.randint(0, 6)),
        C("Visit date", "service_date", lambda r: fmt_date(last_svc(r), "d-mmm-yy")),
        C("Visits", "sessions_attended", lambda r: len(r["svc"])),
        C("Referred by", "referral_source", lambda r: rng.choice(["WINZ", "Church", "Self", "Budget advisor", "Plunket", "Salvation Army"])),
        C("Notes for agency", None, lambda r: rng.choice(["", "", "WINZ", "FP", "NOVEG", "DEL", "HAL", "GF", "FP/DEL"])),
        C("Vol", "key_worker", worker("initials")),
    ]

    def post(data):
        return [["Total", "", "", "", "", "", sum(r[6] for r in data), sum(r[7] for r in data), "", sum(r[9] for r in data)]]
    pre = [["The Pātaka Social Supermarket - client register April-June 2026"], []]
    return {"provider": "the-pataka-social-supermarket", "quarter": q,
            "features": ["foodbank-social-supermarket", "hand-kept-spreadsheet", "cp1252", "title-row", "abbreviated-headers",
                         "lowercase-names", "address-street-and-suburb-only", "d-mmm-yy-dates", "notes-for-agency-codes",
                         "key-worker-initials", "trailing-totals-row", "no-consent-column", "no-start-date"],
            "files": [{"name": "pataka register apr-jun 2026.csv", "format": "csv", "encoding": "cp1252", "delimiter": ",",
                       "tables": [T(None, cols, recs, pre=pre, post=post)]}]}


def L14(rng):
    q = "2026Q3"
    prov = Provider(rng, "tairawhiti", {"MAO": 75, "NZE": 12, "CIM": 5, "SAM": 4, "TON": 4})
    people = make_people(prov, q, 210)
    months = [(7, "Hōngongoi (Jul)"), (8, "Here-turi-kōkā (Aug)"), (9, "Mahuru (Sep)")]
    tables = []
    for m, sheet in months:
        recs = []
        for p in people:
            for s in p["svc"]:
                if s.month == m:
                    r = dict(p)
                    r["session"] = s
                    recs.append(r)
        recs = recs[:180]
        invalidate(rng, recs, rng.randint(0, 2))
        cols = [
            C("Ingoa / Name", "full_name", lambda r: full(r)),
            C("Rā whānau / DOB", "date_of_birth", lambda r: xcell(r["dob"])),
            C("Ira / Gender", "gender", lambda r: {"F": "Wahine", "M": "Tane", "X": "Non-binary", "U": "Prefer not to say"}[r["gender"]]),
            C("Iwi", "iwi", lambda r: r["iwi"]),
            C("Ethnicity 1", "ethnicity", eth_n(0)),
            C("Ethnicity 2", "ethnicity", eth_n(1)),
            C("Ethnicity 3", "ethnicity", eth_n(2)),
            C("Waea / Phone", "phone", lambda r: r["mobile"]),
            C("Whānau size", None, lambda r: 1 + (r["idx"] * 7) % 11),
            C("Kaiārahi / Navigator", "key_worker", worker()),
            C("Rā / Date", "service_date", lambda r: r["session"].date()),
            C("Plan start", "start_date", lambda r: r["start"]),
            C("Goal area", None, lambda r: rng.choice(["Housing", "Health", "Education", "Income", "Cultural connection", "Employment"])),
            C("Whakaaetanga / Consent", "consent_evaluation", consent({True: "Āe", False: "Kāo", None: ""})),
            C("Status", "outcome_status", lambda r: {"completed": "Goals achieved", "ongoing": "Active", "exited": "Disengaged",
                                                     "transferred": "Referred on", "declined": "Declined"}[r["outcome"]]),
        ]
        tables.append(T(sheet, cols, recs, date_cols={1: "d/m/yyyy", 10: "d/m/yyyy", 11: "d/m/yyyy"}))
    return {"provider": "hono-whanau-ora", "quarter": q,
            "features": ["whanau-ora-navigation", "google-sheets-xlsx", "one-sheet-per-month", "te-reo-month-sheet-names",
                         "bilingual-headers", "numbered-ethnicity-columns", "long-format", "gender-wahine-tane", "consent-ae-kao", "no-client-id"],
            "files": [{"name": "Whānau Ora navigation Q3 2026.xlsx", "format": "xlsx", "encoding": None, "delimiter": None, "tables": tables}]}


def L15(rng):
    q = "2026Q2"
    prov = Provider(rng, "hawkesbay", {"MAO": 55, "NZE": 30, "SAM": 6, "TON": 4, "CIM": 5}, age=(19, 62), female_share=0.15)
    recs = wide_rows(make_people(prov, q, 124))
    invalidate(rng, recs, 2)
    qs = quarter_bounds(q)[0]
    gcode = {"M": 1, "F": 2, "X": 3, "U": 9}
    ocode = {"completed": 1, "ongoing": 2, "exited": 3, "transferred": 4, "declined": 5}
    ccode = {True: 1, False: 2, None: 9}
    cols = [
        C("Q1_ID", "client_ref", lambda r: 26000 + r["idx"]),
        C("Q2_FNAME", "given_names", lambda r: r["given"]),
        C("Q2b_SNAME", "family_name", lambda r: r["family"]),
        C("Q3_DOB", "date_of_birth", lambda r: xcell(r["dob"])),
        C("Q4_GENDER", "gender", lambda r: gcode[r["gender"]]),
        C("Q5_ETH", "ethnicity", lambda r: int(ETH[r["eth"][0]][2])),
        C("Q6_PRN", None, lambda r: rng.randint(60_000_000, 99_999_999)),
        C("IRD_NO", "ird", lambda r: r["ird"]),
        C("Q7_RELEASE_DATE", None, lambda r: min(r["start"], qs) - dt.timedelta(days=rng.randint(0, 60))),
        C("Q8_START", "start_date", lambda r: excel_serial(r["start"])),
        C("Q9_LAST_CONTACT", "service_date", lambda r: svc_date(r)),
        C("Q10_CONTACTS", "sessions_attended", lambda r: r["sessions_total"]),
        C("Q11_HOUSED", None, lambda r: rng.choice([1, 1, 2])),
        C("Q12_OUTCOME", "outcome_status", lambda r: ocode[r["outcome"]]),
        C("Q13_CONSENT", "consent_evaluation", lambda r: ccode[r["consent"]]),
        C("Q14_CASEMGR", "key_worker", worker()),
    ]
    book = [["Variable", "Code", "Label"],
            ["Q4_GENDER", 1, "Male"], ["Q4_GENDER", 2, "Female"], ["Q4_GENDER", 3, "Another gender"], ["Q4_GENDER", 9, "Not stated"],
            ["Q5_ETH", 11, "NZ European"], ["Q5_ETH", 21, "Māori"], ["Q5_ETH", 31, "Samoan"], ["Q5_ETH", 32, "Cook Islands Māori"], ["Q5_ETH", 33, "Tongan"],
            ["Q11_HOUSED", 1, "Yes - stable housing"], ["Q11_HOUSED", 2, "No"],
            ["Q12_OUTCOME", 1, "Completed plan"], ["Q12_OUTCOME", 2, "Active"], ["Q12_OUTCOME", 3, "Exited early / returned to custody"],
            ["Q12_OUTCOME", 4, "Transferred"], ["Q12_OUTCOME", 5, "Declined service"],
            ["Q13_CONSENT", 1, "Yes"], ["Q13_CONSENT", 2, "No"], ["Q13_CONSENT", 9, "Not asked"],
            [], ["Q8_START is stored as a number (days since 30/12/1899)."]]
    return {"provider": "second-chance-reintegration", "quarter": q,
            "features": ["prison-reintegration", "xlsx", "codebook-sheet", "numeric-gender-codes", "numeric-outcome-codes",
                         "numeric-consent-codes", "coded-headers", "raw-excel-serial-dates", "ird", "external-id-distractor",
                         "release-date-distractor", "ethnicity-level2-int"],
            "files": [{"name": "Reintegration_Q2_2026.xlsx", "format": "xlsx", "encoding": None, "delimiter": None,
                       "tables": [T("Data", cols, recs, date_cols={3: "yyyy-mm-dd", 8: "yyyy-mm-dd", 10: "yyyy-mm-dd"})],
                       "sheets_after": [{"name": "Codebook", "pre": book, "header": None}]}]}


def L16(rng):
    q = "2026Q3"
    prov = Provider(rng, "auckland", {"MAO": 35, "SAM": 20, "TON": 12, "NZE": 20, "CIM": 8, "NIU": 5}, age=(14, 19), female_share=0.9)
    people = make_people(prov, q, 75)
    for p in people:
        p["pepi"] = quarter_bounds(q)[0] - dt.timedelta(days=rng.randint(-40, 700))
    recs = session_rows(people, 175)
    invalidate(rng, recs, 2)
    d = dstr("dmy")
    cols = [
        C("Mum/Dad name", "full_name", lambda r: full(r)),
        C("Mum/Dad DOB", "date_of_birth", lambda r: d(r["dob"])),
        C("Pēpi DOB", None, lambda r: d(r["pepi"]) if r["pepi"] < r["session"].date() else "due"),
        C("Support person (whānau)", "caregiver_name", lambda r: f"{r['caregiver'][0]} {r['caregiver'][1]}"),
        C("Phone", "phone", lambda r: r["mobile"]),
        C("Eth", "ethnicity", lambda r: "/".join(ETH[k][1] for k in r["eth"])),
        C("Date", "start_date", lambda r: d(r["start"])),
        C("Date", "service_date", lambda r: d(r["session"])),
        C("Programme", "programme", lambda r: rng.choice(["Pēpi & Me", "Young Parents Group", "Home visiting", "Antenatal class"])),
        C("Attended (Y/N)", None, lambda r: rng.choice(["Y", "Y", "Y", "N"])),
        C("Transport provided", None, lambda r: rng.choice(["Yes", "No", "No"])),
        C("Worker", "key_worker", worker("initials")),
        C("Session notes", "case_notes", lambda r: r["note"]),
    ]
    return {"provider": "young-parents-hub", "quarter": q,
            "features": ["teen-parents", "tsv", "utf8-bom", "long-format", "repeated-header-date", "two-dob-columns",
                         "caregiver-support-person", "yes-no-not-consent", "no-client-id", "no-consent-column", "key-worker-initials"],
            "files": [{"name": "young_parents_sessions_Q3.tsv", "format": "tsv", "encoding": "utf-8-sig", "delimiter": "\t",
                       "tables": [T(None, cols, recs)]}]}


def L17(rng):
    q = "2026Q2"
    prov = Provider(rng, "auckland", {"SAM": 45, "TON": 30, "NIU": 8, "CIM": 8, "FIJ": 5, "MAO": 4}, age=(19, 55))
    recs = wide_rows(make_people(prov, q, 122, "AM"))
    invalidate(rng, recs, 2)
    d = dstr("dmy")
    cols = [
        C("Numera (ID)", "client_ref", lambda r: r["ref"]),
        C("Igoa muamua (First name)", "given_names", lambda r: r["given"]),
        C("Fa'ai'u (Surname)", "family_name", lambda r: r["family"]),
        C("Aso fanau", "date_of_birth", lambda r: d(r["dob"])),
        C("Itūaiga (Gender)", "gender", lambda r: {"F": "Fafine", "M": "Tane", "X": "Fa'afafine", "U": ""}[r["gender"]]),
        C("Atunu'u (Ethnicity)", "ethnicity", eth_free(rng, "/")),
        C("Telefoni", "phone", lambda r: r["mobile"]),
        C("Tuatusi (Address)", "address", lambda r: addr_full(r)),
        C("Fanau i le aiga", None, lambda r: rng.randint(1, 8)),
        C("Polokalame", "programme", lambda r: rng.choice(["Aoga Matua", "Fanau Ola", "Kāinga Tupu", "Aoga Matua"])),
        C("Aso amata (Start date)", "start_date", lambda r: d(r["start"])),
        C("Aso o le vasega", "service_date", lambda r: d(last_svc(r))),
        C("Vasega na auai", "sessions_attended", lambda r: r["sessions_total"]),
        C("Malie e fa'aaoga fa'amatalaga? (Consent)", "consent_evaluation", consent({True: "Ioe", False: "Leai", None: ""})),
        C("Faiaoga (Facilitator)", "key_worker", worker()),
        C("Ngaahi fakamatala (Notes)", "case_notes", lambda r: r["note"]),
    ]
    return {"provider": "aiga-matua-pasifika", "quarter": q,
            "features": ["pacific-parenting", "samoan-headers", "tongan-header", "bilingual-brackets", "utf8-bom", "semicolon-delimiter",
                         "consent-ioe-leai", "gender-samoan-terms", "ethnicity-samoan-tongan-slash", "full-address-one-column"],
            "files": [{"name": "Aiga Matua Q2 2026.csv", "format": "csv", "encoding": "utf-8-sig", "delimiter": ";",
                       "tables": [T(None, cols, recs)]}]}


def L18(rng):
    q = "2026Q3"
    prov = Provider(rng, "hutt", {"NZE": 40, "MAO": 30, "SAM": 8, "TON": 4, "CIM": 4, "IND": 7, "CHI": 4, "EUR": 3}, age=(17, 68), female_share=0.88)
    recs = wide_rows(make_people(prov, q, 108, "C-"))
    invalidate(rng, recs, 3)
    qe = quarter_bounds(q)[1]
    d = dstr("dot")
    reasons = ["Police FVIR attended, high risk", "Disclosed to GP, wants safety planning", "Ex-partner breaching protection order",
               "Self-referred after separation", "Concerns raised by school about children", "Hospital social worker referral after injury"]
    cols = [
        C("Client\nnumber", "client_ref", lambda r: r["ref"]),
        C("Surname", "family_name", lambda r: r["family"]),
        C("Given\nname(s)", "given_names", lambda r: r["given"]),
        C("Date of\nbirth", "date_of_birth", lambda r: d(r["dob"])),
        C("Gender", "gender", lambda r: {"F": "F", "M": "M", "X": "Non-binary", "U": "Prefer not to say"}[r["gender"]]),
        C("Ethnicity", "ethnicity", eth_free(rng, ", ")),
        C("NHI number", "nhi", lambda r: r["nhi"] if rng.random() < 0.8 or not r["given"] else ""),
        C("Mobile", "phone", lambda r: r["mobile"]),
        C("Email address", "email", lambda r: r["email"]),
        C("Column1", None, lambda r: rng.choice(["", "", "", "Y", "Y", "HR"])),
        C("Referral\nsource", "referral_source", lambda r: rng.choice(["Police FVIR", "Self", "Whānau", "GP", "Oranga Tamariki", "Women's Refuge"])),
        C("Safety plan\ncompleted?", None, lambda r: rng.choice(["Yes", "Yes", "No", "In progress"])),
        C("Protection order\nin place?", None, lambda r: rng.choice(["Yes", "No", "No", "Applied"])),
        C("Intake\ndate", "start_date", lambda r: d(r["start"])),
        C("Last\nappointment", "service_date", lambda r: fmt_date(last_svc(r), "iso_sp")),
        C("Review due", None, lambda r: d(qe + dt.timedelta(days=rng.randint(3, 90)))),
        C("Date closed", None, lambda r: d(last_svc(r)) if r["outcome"] != "ongoing" else ""),
        C("Appts\nattended", "sessions_attended", lambda r: r["sessions_total"]),
        C("Closure reason", "outcome_status", lambda r: {"completed": "Safety goals met", "ongoing": "", "exited": "Lost contact",
                                                         "transferred": "Transferred", "declined": "Declined further support"}[r["outcome"]]),
        C("Consent for\nevaluation", "consent_evaluation", consent({"signed": "Signed", "verbal": "Verbal", False: "Declined", None: "Not asked"})),
        C("Advocate", "key_worker", worker()),
        C("Reason for referral", None, lambda r: rng.choice(reasons)),
    ]
    pre = [["Client Activity Report"], ["Generated:", "2026-10-01 07:02:13"],
           ["Parameters:", "Service = All; Period = 01.07.2026 - 30.09.2026"], ["Record count:", len(recs)], []]
    return {"provider": "safe-homes-fv-service", "quarter": q,
            "features": ["family-violence", "crm-report", "metadata-header-block", "xlsx", "line-breaks-in-headers", "column1-header",
                         "dates-dd.mm.yyyy-text", "iso-datetime-text", "consent-signed-verbal-declined", "free-text-not-case-notes",
                         "review-due", "date-closed", "yes-no-not-consent", "nhi-partial"],
            "files": [{"name": "ClientActivityReport_20261001.xlsx", "format": "xlsx", "encoding": None, "delimiter": None,
                       "tables": [T("Report", cols, recs, pre=pre)]}]}


def L19(rng):
    q = "2026Q2"
    prov = Provider(rng, "nelson", {"NZE": 50, "MAO": 28, "SAM": 5, "TON": 3, "CIM": 3, "CHI": 4, "IND": 4, "FIL": 3}, age=(12, 19))
    people = make_people(prov, q, 172)
    for p in people:
        p["ref"] = fake_nhi_like(rng)
    d = dstr("ymd_slash")

    def cols():
        return [
            C("Client ID", "client_ref", lambda r: r["ref"]),
            C("Young Person", "full_name", lambda r: full(r, "Given FAMILY")),
            C("Date Of Birth", "date_of_birth", lambda r: d(r["dob"])),
            C("Gender", "gender", lambda r: {"F": "F", "M": "M", "X": "Non-binary", "U": "Prefer not to say"}[r["gender"]]),
            C("Ethnicity", "ethnicity", eth_free(rng, ", ")),
            C("Parent/Caregiver", "caregiver_name", lambda r: f"{r['caregiver'][0]} {r['caregiver'][1]}"),
            C("Parent/Caregiver Phone", "phone", lambda r: r["mobile"]),
            C("School", None, lambda r: rng.choice(["Nayland College", "Waimea College", "Nelson College", "Nelson College for Girls", "Garin College", "Alternative ed"])),
            C("Enrolment Date", "start_date", lambda r: r["start"]),
            C("Session Date", "service_date", lambda r: d(last_svc(r))),
            C("Sessions Attended", "sessions_attended", lambda r: r["sessions_total"]),
            C("Transport Provided (Y/N)", None, lambda r: rng.choice(["Y", "N", "N"])),
            C("Wellbeing Start (1-10)", "wellbeing_start", lambda r: r["wb_start"]),
            C("Wellbeing End (1-10)", "wellbeing_end", lambda r: r["wb_end"]),
            C("Outcome", "outcome_status", lambda r: {"completed": "Graduated", "ongoing": "In programme", "exited": "Dropped out",
                                                      "transferred": "Moved to another service", "declined": "Did not start"}[r["outcome"]]),
            C("Consent", "consent_evaluation", consent({True: "Y", False: "N", None: ""})),
        ]
    p1, p2 = wide_rows(people[:92]), wide_rows(people[92:])
    invalidate(rng, p1, 1)
    invalidate(rng, p2, 0)
    return {"provider": "rangatahi-rise-youth", "quarter": q,
            "features": ["youth-programme", "two-part-submission", "xlsx", "title-case-headers", "headers-with-slashes-brackets",
                         "client-id-looks-like-nhi-invalid", "given-FAMILY-names", "dates-yyyy/mm/dd-text", "excel-date-cells",
                         "caregiver", "wellbeing-pre-post", "yes-no-not-consent", "title-row-in-part-2"],
            "files": [
                {"name": "Rangatahi Rise Q2 2026 (part 1).xlsx", "format": "xlsx", "encoding": None, "delimiter": None,
                 "tables": [T("Sheet1", cols(), p1, date_cols={8: "dd/mm/yyyy"})]},
                {"name": "Rangatahi Rise Q2 2026 (part 2).xlsx", "format": "xlsx", "encoding": None, "delimiter": None,
                 "tables": [T("Sheet1", cols(), p2, pre=[["Rangatahi Rise - Q2 2026 continued (part 2 of 2)"], []], date_cols={8: "dd/mm/yyyy"})]},
            ]}


def L20(rng):
    q = "2026Q3"
    prov = Provider(rng, "northland", {"MAO": 50, "NZE": 30, "SAM": 5, "TON": 5, "IND": 5, "CHI": 5}, age=(0, 4))
    people = make_people(prov, q, 104, "LS")
    qs, qe = quarter_bounds(q)
    for p in people:
        if p["dob"] > p["start"]:
            p["dob"] = p["start"] - dt.timedelta(days=rng.randint(20, 200))
    recs = wide_rows(people)
    invalidate(rng, recs, 2)
    gc, gw, gv, ga = "Tamaiti / Child", "Whānau", "Visits", "Admin"
    cols = [
        C("Child ID", "client_ref", lambda r: r["ref"], gc),
        C("First name", "given_names", lambda r: r["given"], gc),
        C("Last name", "family_name", lambda r: r["family"], gc),
        C("DOB", "date_of_birth", lambda r: xcell(r["dob"]), gc),
        C("Gender", "gender", lambda r: {"F": "F", "M": "M", "X": "", "U": ""}[r["gender"]], gc),
        C("Ethnicity (codes)", "ethnicity", eth_code(4, ";"), gc),
        C("NHI", "nhi", lambda r: r["nhi"], gc),
        C("Parent name", "caregiver_name", lambda r: f"{r['caregiver'][0]} {r['caregiver'][1]}", gw),
        C("Contact ph", "phone", lambda r: r["mobile"], gw),
        C("Address", "address", lambda r: addr_full(r), gw),
        C("Enrolment date", "start_date", lambda r: r["start"], gv),
        C("Visit date", "service_date", lambda r: fmt_date(last_svc(r), "d-mmm-yy"), gv),
        C("Visits (#)", "sessions_attended", lambda r: r["sessions_total"], gv),
        C("Development check done?", None, lambda r: rng.choice(["Yes", "No", "Yes", "Booked"]), gv),
        C("Review due", None, lambda r: qe + dt.timedelta(days=rng.randint(10, 150)), ga),
        C("Date closed", None, lambda r: last_svc(r).date() if r["outcome"] in ("completed", "exited", "transferred") else "", ga),
        C("Consent ✓", "consent_evaluation", consent({True: "✓", False: "✗", None: ""}), ga),
        C("Worker", "key_worker", worker("initials"), ga),
    ]
    return {"provider": "little-steps-early-learning", "quarter": q,
            "features": ["early-childhood", "client-is-child", "ods", "libreoffice-saved", "merged-group-headers", "caregiver",
                         "ethnicity-level4-codes-semicolon", "nhi", "consent-ticks", "review-due", "date-closed", "key-worker-initials",
                         "ods-date-cells", "d-mmm-yy-text"],
            "files": [{"name": "Little Steps home visits Jul-Sep 2026.ods", "format": "ods", "encoding": None, "delimiter": None,
                       "tables": [T("Visits", cols, recs, group=True)]}]}


LAYOUTS = [L01, L02, L03, L04, L05, L06, L07, L08, L09, L10, L11, L12, L13, L14, L15, L16, L17, L18, L19, L20]


# ----------------------------------------------------------------------------------------
# emission
# ----------------------------------------------------------------------------------------
def _materialise(tb):
    header = [c["header"] for c in tb["cols"]]
    data = [[c["fn"](r) for c in tb["cols"]] for r in tb["recs"]]
    group = [c["group"] or "" for c in tb["cols"]] if tb.get("group") else None
    post = tb.get("post") or []
    if callable(post):
        post = post(data)
    return header, data, group, post


def _json_value(v):
    if isinstance(v, dt.datetime):
        return v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if v == "":
        return None
    return v


def emit_layout(out: pathlib.Path, layout_id: str, spec: dict) -> dict:
    base = out / layout_id
    land = base / "landing" / spec["provider"] / spec["quarter"]
    land.mkdir(parents=True, exist_ok=True)
    files_truth = []
    for f in spec["files"]:
        path = land / f["name"]
        tables_truth = []
        mats = [(tb, *_materialise(tb)) for tb in f["tables"]]
        fmt = f["format"]
        if fmt in ("csv", "tsv", "csv.gz"):
            (tb, header, data, group, post), = mats
            hr = write_delimited(path, header, data, delimiter=f["delimiter"], encoding=f["encoding"], pre=tb.get("pre", []),
                                 post=post, gz=(fmt == "csv.gz"), quoting=f.get("quoting", csv.QUOTE_MINIMAL), group=group)
            header_rows = [hr]
        elif fmt == "json":
            (tb, header, data, group, post), = mats
            recs = [{h: _json_value(v) for h, v in zip(header, row)} for row in data]
            path.write_text(json.dumps(recs, ensure_ascii=False, indent=1), encoding="utf-8")
            header_rows = [None]
        elif fmt in ("xlsx", "ods"):
            sheets = list(f.get("sheets_before", []))
            table_sheets = []
            for tb, header, data, group, post in mats:
                sh = {"name": tb["sheet"], "pre": tb.get("pre", []), "group": group, "header": header, "data": data, "post": post,
                      "date_cols": tb.get("date_cols", {})}
                sheets.append(sh)
                table_sheets.append(sh)
            sheets += f.get("sheets_after", [])
            if fmt == "xlsx":
                for sh in sheets:
                    if sh.get("header") is None:
                        sh.setdefault("data", [])
                write_xlsx(path, sheets)
            else:
                write_ods(path, sheets)
            header_rows = [sh["_header_row"] for sh in table_sheets]
        else:
            raise ValueError(fmt)
        total = valid = 0
        for (tb, header, data, group, post), hr in zip(mats, header_rows):
            n = len(tb["recs"])
            total += n
            valid += sum(1 for r in tb["recs"] if not r.get("_invalid"))
            tables_truth.append({
                "sheet": tb["sheet"] if fmt in ("xlsx", "ods") else None,
                "header_row": hr if hr is not None else 1,
                "rows": n,
                "columns": [{"index": i, "header": c["header"], "group": (c["group"] or None) if tb.get("group") else None,
                             "target": c["target"]} for i, c in enumerate(tb["cols"])],
            })
        files_truth.append({"name": f["name"], "format": fmt, "encoding": f["encoding"], "delimiter": f["delimiter"],
                            "rows": total, "valid_rows": valid, "tables": tables_truth})
    truth = {"layout_id": layout_id, "provider": spec["provider"], "quarter": spec["quarter"], "features": spec["features"],
             "files": files_truth}
    (base / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return truth


def generate(out_dir: pathlib.Path) -> list[dict]:
    out_dir = pathlib.Path(out_dir)
    truths = []
    for i, fn in enumerate(LAYOUTS, 1):
        rng = random.Random(SEED * 100 + i)
        truths.append(emit_layout(out_dir, f"UNOPENED{i:02d}", fn(rng)))
    return truths


# ----------------------------------------------------------------------------------------
# self-check: re-read every file and compare with truth
# ----------------------------------------------------------------------------------------
def _count_rows(rows_after_header):
    n = 0
    for row in rows_after_header:
        cells = ["" if v is None else str(v) for v in row]
        if not any(c.strip() for c in cells):
            continue
        first = next(c for c in cells if c.strip())
        if first.strip().lower().startswith("total"):
            break
        n += 1
    return n


def _read_ods(path):
    import xml.etree.ElementTree as ET
    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0", "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}
    T_ = "{%s}" % ns["table"]
    with zipfile.ZipFile(path) as z:
        assert z.infolist()[0].filename == "mimetype"
        root = ET.fromstring(z.read("content.xml"))
    sheets = {}
    for t in root.iter(T_ + "table"):
        rows, merges = [], []
        for ri, tr in enumerate(t.findall(T_ + "table-row")):
            row = []
            for cell in tr:
                if cell.tag not in (T_ + "table-cell", T_ + "covered-table-cell"):
                    continue
                rep = int(cell.get(T_ + "number-columns-repeated", "1"))
                span = int(cell.get(T_ + "number-columns-spanned", "1"))
                txt = "\n".join("".join(p.itertext()) for p in cell.findall("{%s}p" % ns["text"]))
                if cell.tag == T_ + "covered-table-cell":
                    txt = ""
                if span > 1:
                    merges.append((ri, len(row), len(row) + span - 1))
                row.extend([txt] * rep)
            rows.append(row)
        sheets[t.get(T_ + "name")] = (rows, merges)
    return sheets


def check(out_dir: pathlib.Path) -> list[str]:
    import openpyxl
    problems = []
    out_dir = pathlib.Path(out_dir)
    for lay in sorted(out_dir.glob("UNOPENED*")):
        truth = json.loads((lay / "truth.json").read_text(encoding="utf-8"))
        land = lay / "landing" / truth["provider"] / truth["quarter"]
        lid = truth["layout_id"]
        qs, qe = quarter_bounds(truth["quarter"])
        on_disk = sorted(p.name for p in land.iterdir())
        if on_disk != sorted(f["name"] for f in truth["files"]):
            problems.append(f"{lid}: landing files {on_disk} differ from truth")
        for f in truth["files"]:
            path = land / f["name"]
            got_tables = []  # (header_cells, group_cells, n_rows)
            if f["format"] in ("csv", "tsv", "csv.gz"):
                raw = path.read_bytes()
                if f["format"] == "csv.gz":
                    raw = gzip.decompress(raw)
                if f["encoding"] == "utf-8-sig" and not raw.startswith(b"\xef\xbb\xbf"):
                    problems.append(f"{lid}/{f['name']}: no BOM")
                if f["encoding"] == "utf-8" and raw.startswith(b"\xef\xbb\xbf"):
                    problems.append(f"{lid}/{f['name']}: unexpected BOM")
                text = raw.decode(f["encoding"])
                recs = list(csv.reader(io.StringIO(text, newline=""), delimiter=f["delimiter"]))
                tb = f["tables"][0]
                hr = tb["header_row"]
                grp = recs[hr - 2] if hr >= 2 else None
                got_tables.append((recs[hr - 1], grp, _count_rows(recs[hr:]), None))
            elif f["format"] == "json":
                data = json.loads(path.read_text(encoding="utf-8"))
                keys = list(data[0].keys())
                if any(list(r.keys()) != keys for r in data):
                    problems.append(f"{lid}/{f['name']}: json records with differing keys")
                got_tables.append((keys, None, len(data), None))
            elif f["format"] == "xlsx":
                wb = openpyxl.load_workbook(path)
                for tb in f["tables"]:
                    ws = wb[tb["sheet"]]
                    hr = tb["header_row"]
                    ncol = max(ws.max_column, len(tb["columns"]))
                    hdr = ["" if ws.cell(hr, c).value is None else str(ws.cell(hr, c).value) for c in range(1, ncol + 1)]
                    grp = None
                    if hr >= 2:
                        grp = ["" if ws.cell(hr - 1, c).value is None else str(ws.cell(hr - 1, c).value) for c in range(1, ncol + 1)]
                        for mr in ws.merged_cells.ranges:
                            if mr.min_row == hr - 1:
                                for c in range(mr.min_col, mr.max_col + 1):
                                    grp[c - 1] = str(ws.cell(hr - 1, mr.min_col).value)
                    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=hr + 1)]
                    got_tables.append((hdr, grp, _count_rows(rows), ws))
                sheetnames = wb.sheetnames
                if len(f["tables"]) == 1 and sheetnames.index(f["tables"][0]["sheet"]) > 0:
                    first = wb[sheetnames[0]]
                    if not any("@" in str(c.value) for r in first.iter_rows() for c in r if c.value):
                        problems.append(f"{lid}: cover sheet without contact email")
            elif f["format"] == "ods":
                sheets = _read_ods(path)
                for tb in f["tables"]:
                    rows, merges = sheets[tb["sheet"]]
                    hr = tb["header_row"]
                    grp = None
                    if hr >= 2:
                        grp = list(rows[hr - 2])
                        for ri, a, b in merges:
                            if ri == hr - 2:
                                for c in range(a, b + 1):
                                    grp[c] = rows[hr - 2][a]
                    got_tables.append((rows[hr - 1], grp, _count_rows(rows[hr:]), None))
            total = 0
            for tb, (hdr, grp, n, ws) in zip(f["tables"], got_tables):
                total += tb["rows"]
                if n != tb["rows"]:
                    problems.append(f"{lid}/{f['name']}/{tb['sheet']}: {n} data rows read, truth says {tb['rows']}")
                if not (60 <= tb["rows"] <= 200):
                    problems.append(f"{lid}/{f['name']}/{tb['sheet']}: {tb['rows']} rows outside 60-200")
                hdr = list(hdr) + [""] * (len(tb["columns"]) - len(hdr))
                if any(h.strip() for h in hdr[len(tb["columns"]):]):
                    problems.append(f"{lid}/{f['name']}: header has more columns than truth")
                for col in tb["columns"]:
                    i = col["index"]
                    if hdr[i] != col["header"]:
                        problems.append(f"{lid}/{f['name']}/{tb['sheet']} col {i}: header {hdr[i]!r} != truth {col['header']!r}")
                    if col["group"] is not None and (grp is None or grp[i] != col["group"]):
                        problems.append(f"{lid}/{f['name']} col {i}: group {grp and grp[i]!r} != truth {col['group']!r}")
                    if col["group"] is None and grp is not None and any(c["group"] for c in tb["columns"]) and grp[i]:
                        problems.append(f"{lid}/{f['name']} col {i}: unexpected group {grp[i]!r}")
                if ws is not None:
                    # dates of service inside the quarter (spreadsheet date cells)
                    for col in tb["columns"]:
                        if col["target"] == "service_date":
                            for r in ws.iter_rows(min_row=tb["header_row"] + 1, max_row=tb["header_row"] + tb["rows"],
                                                  min_col=col["index"] + 1, max_col=col["index"] + 1):
                                v = r[0].value
                                if isinstance(v, dt.datetime) and not (qs <= v.date() <= qe):
                                    problems.append(f"{lid}: service date {v} outside quarter")
            if total != f["rows"]:
                problems.append(f"{lid}/{f['name']}: file rows {f['rows']} != sum of tables {total}")
            if not (f["rows"] - 3 * len(f["tables"]) <= f["valid_rows"] <= f["rows"]):
                problems.append(f"{lid}/{f['name']}: valid_rows {f['valid_rows']} implausible")
            targets = [c["target"] for tb in f["tables"] for c in tb["columns"]]
            bad = [t for t in targets if t is not None and t not in FIELDS]
            if bad:
                problems.append(f"{lid}: unknown targets {bad}")
    return problems


FIELDS = {"client_ref", "full_name", "given_names", "family_name", "date_of_birth", "nhi", "ird", "gender", "ethnicity", "iwi", "phone",
          "email", "address", "address_street", "address_suburb", "address_town", "address_postcode", "programme", "referral_source",
          "start_date", "service_date", "sessions_attended", "outcome_status", "consent_evaluation", "wellbeing_start", "wellbeing_end",
          "case_notes", "caregiver_name", "key_worker"}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=pathlib.Path)
    ap.add_argument("--check", action="store_true", help="re-read every written file and verify it against truth.json")
    a = ap.parse_args(argv)
    truths = generate(a.out)
    nfiles = sum(len(t["files"]) for t in truths)
    ncols = sum(len(tb["columns"]) for t in truths for f in t["files"] for tb in f["tables"])
    nrows = sum(f["rows"] for t in truths for f in t["files"])
    print(f"wrote {len(truths)} layouts, {nfiles} files, {ncols} columns, {nrows} rows to {a.out}")
    if a.check:
        problems = check(a.out)
        for p in problems:
            print("PROBLEM:", p)
        print("check:", "OK" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
