"""Eighth independent corpus of New Zealand provider quarterly-return files.

Written blind from the brief for issue 12, item 9: twenty layouts
EIGHTH01..EIGHTH20, each with the files a provider would drop in its landing
folder and a ``truth.json`` giving the column mapping a careful data steward
would choose.  Standard library plus openpyxl only; the ODS file is written by
hand as a zip of XML.  Deterministic: every layout has its own fixed seed.

    python generator.py --out DIR            # write the corpus
    python generator.py --out DIR --check    # write it, then re-read and verify
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
import unicodedata
import zipfile
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape as xml_escape

SEED = 80812
TODAY = dt.date(2026, 12, 6)
QUARTERS = {
    "2026Q2": (dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    "2026Q3": (dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
}

# --------------------------------------------------------------------------
# Identifiers with valid check characters
# --------------------------------------------------------------------------
NHI_ALPHA = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, no O


def _nhi_val(ch: str) -> int:
    return NHI_ALPHA.index(ch) + 1 if ch.isalpha() else int(ch)


def nhi_old(rng: random.Random) -> str:
    while True:
        letters = "".join(rng.choice(NHI_ALPHA[:-1]) for _ in range(3))  # avoid Z (test range)
        digits = "".join(str(rng.randint(0, 9)) for _ in range(3))
        body = letters + digits
        total = sum(_nhi_val(c) * w for c, w in zip(body, (7, 6, 5, 4, 3, 2), strict=False))
        rem = total % 11
        if rem == 0:
            continue
        check = 11 - rem
        if check == 10:
            continue
        return body + str(check)


def nhi_new(rng: random.Random) -> str:
    while True:
        body = ("".join(rng.choice(NHI_ALPHA[:-1]) for _ in range(3))
                + f"{rng.randint(0, 99):02d}" + rng.choice(NHI_ALPHA))
        total = sum(_nhi_val(c) * w for c, w in zip(body, (7, 6, 5, 4, 3, 2), strict=False))
        rem = total % 23
        if rem == 0:
            continue
        return body + NHI_ALPHA[23 - rem - 1]


def nhi_is_valid(s: str) -> bool:
    s = s.upper()
    if len(s) != 7 or any(c in "IO" for c in s[:3]) or not s[:3].isalpha():
        return False
    if s[3:7].isdigit():
        total = sum(_nhi_val(c) * w for c, w in zip(s[:6], (7, 6, 5, 4, 3, 2), strict=False))
        rem = total % 11
        return rem != 0 and (11 - rem) % 10 == int(s[6])
    if s[3:5].isdigit() and s[5].isalpha() and s[6].isalpha():
        total = sum(_nhi_val(c) * w for c, w in zip(s[:6], (7, 6, 5, 4, 3, 2), strict=False))
        rem = total % 23
        return rem != 0 and NHI_ALPHA[23 - rem - 1] == s[6]
    return False


def nhi(rng: random.Random) -> str:
    return nhi_new(rng) if rng.random() < 0.25 else nhi_old(rng)


def fake_nhi_like(rng: random.Random) -> str:
    """Three letters + four digits that fail the NHI check (a provider's own id)."""
    while True:
        s = "".join(rng.choice("ABCDEFGHKMNPRSTWX") for _ in range(3)) + f"{rng.randint(0, 9999):04d}"
        if not nhi_is_valid(s):
            return s


def ird_is_valid(s: str) -> bool:
    d = s.replace("-", "")
    if not d.isdigit() or not 10_000_000 <= int(d) <= 150_000_000:
        return False
    digits = [int(c) for c in f"{int(d):09d}"]
    rem = sum(x * w for x, w in zip(digits[:8], (3, 2, 7, 6, 5, 4, 3, 2), strict=False)) % 11
    return (0 if rem == 0 else 11 - rem) == digits[8]


def ird(rng: random.Random) -> str:
    while True:
        base = rng.randint(10_000_000, 149_999_999) // 10
        digits = [int(c) for c in f"{base:08d}"]
        total = sum(d * w for d, w in zip(digits, (3, 2, 7, 6, 5, 4, 3, 2), strict=False))
        rem = total % 11
        check = 0 if rem == 0 else 11 - rem
        if check == 10:
            continue
        n = base * 10 + check
        if 10_000_000 <= n <= 150_000_000:
            s = f"{n:09d}"
            return f"{s[0:3]}-{s[3:6]}-{s[6:9]}"


# --------------------------------------------------------------------------
# Dates (a BadDate carries an impossible y/m/d so it can be written textually)
# --------------------------------------------------------------------------
class BadDate:
    def __init__(self, year: int, month: int, day: int):
        self.year, self.month, self.day = year, month, day


MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MON_NZ = ["Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]


def fmt(d, style: str) -> str:
    if d is None:
        return ""
    y, m, dd = d.year, d.month, d.day
    if style == "nz":
        return f"{dd:02d}/{m:02d}/{y}"
    if style == "nz_short":
        return f"{dd}/{m:02d}/{y}"
    if style == "nz_nopad":
        return f"{dd}/{m}/{y}"
    if style == "mmm_yy":
        return f"{dd}-{MON[m - 1]}-{y % 100:02d}"
    if style == "iso":
        return f"{y:04d}-{m:02d}-{dd:02d}"
    if style == "dots":
        return f"{dd:02d}.{m:02d}.{y}"
    if style == "ymd_slash":
        return f"{y}/{m:02d}/{dd:02d}"
    if style == "long":
        return f"{dd} {MON_NZ[m - 1]} {y}"
    if style == "us":
        return f"{m}/{dd}/{y}"
    if style == "access":
        return f"{y:04d}-{m:02d}-{dd:02d} 00:00:00"
    raise ValueError(style)


def excel_serial(d: dt.date) -> int:
    return (d - dt.date(1899, 12, 30)).days


def rand_date(rng: random.Random, a: dt.date, b: dt.date) -> dt.date:
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def weekday_in(rng: random.Random, a: dt.date, b: dt.date) -> dt.date:
    for _ in range(50):
        d = rand_date(rng, a, b)
        if d.weekday() < 5:
            return d
    return d


def nz_offset(d: dt.date) -> str:
    # NZDT from the last Sunday of September 2026 (27 Sep) to 5 Apr 2026
    if dt.date(2026, 4, 5) <= d < dt.date(2026, 9, 27):
        return "+12:00"
    return "+13:00"


def strip_macrons(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


# --------------------------------------------------------------------------
# People, places, vocabularies (this corpus's own lists)
# --------------------------------------------------------------------------
NAMES = {
    "maori": (["Aroha", "Hēmi", "Mere", "Wiremu", "Ngaio", "Rāwiri", "Anahera", "Kahu", "Manaia", "Tūī",
               "Hōhepa", "Māia", "Rangi", "Whetū", "Nīkau", "Ataahua", "Kiri", "Hine", "Tamati", "Pania",
               "Marama", "Te Aomihia", "Rewi", "Huia", "Mihi", "Tawhiri", "Awhina", "Kauri"],
              ["Ngata", "Tāmati", "Parata", "Te Whata", "Rangihuna", "Hēnare", "Tipene", "Pōtae", "Kereama",
               "Waaka", "Horomona", "Te Rangi", "Herewini", "Tautahi", "Matenga", "Rāwiri", "Kingi",
               "Poutama", "Te Kani", "Nikora", "Walker", "Brown", "Harris", "Paki"]),
    "samoan": (["Sione", "Losa", "Fetu", "Malia", "Ioane", "Talia", "Tavita", "Salote", "Lagi", "Pele",
                "Mose", "Filipo", "Sefo", "Vaitoa", "Alofa"],
               ["Tuilagi", "Faleolo", "Leota", "Sapolu", "Aumua", "Fa'amausili", "Lemalu", "Tuimavave",
                "Pouono", "Afamasaga", "Mulitalo", "Soliai"]),
    "tongan": (["Viliami", "Mele", "Sione", "'Ana", "Tevita", "Salote", "Siosaia", "Losaline", "Paula",
                "Kalolaine", "Semisi"],
               ["Taufa", "Fifita", "Vaipulu", "Lolohea", "Havili", "Tu'ipulotu", "Kupu", "Fonua",
                "Moala", "Latu", "Funaki"]),
    "cookis": (["Teina", "Mata", "Tangi", "Ngametua", "Tereapii", "Tuaine", "Maara"],
               ["Marsters", "Tangimetua", "Teariki", "Tupa", "Ioane", "Mataroa", "Rongo"]),
    "niuean": (["Tiva", "Fisi", "Moka", "Lagi", "Sifa", "Hetututama"],
               ["Talagi", "Pulu", "Tukuitonga", "Fuhiniu", "Hekau", "Lisimoni"]),
    "fijian": (["Josefa", "Litia", "Seru", "Mereoni", "Apenisa", "Unaisi", "Tomasi"],
               ["Vunibola", "Naivalu", "Qalo", "Tuisawau", "Ratuva", "Koroi", "Nabou"]),
    "pakeha": (["Jane", "Sophie", "Liam", "Oliver", "Charlotte", "Hamish", "Fiona", "Graeme", "Karen",
                "Bruce", "Megan", "Jack", "Isla", "Ruby", "Lachlan", "Shona", "Callum", "Brooke",
                "Trent", "Kylie", "Dean", "Nicola", "Ethan", "Amber"],
               ["Smith", "Wilson", "McKenzie", "Thompson", "O'Connor", "Anderson", "Campbell", "Stewart",
                "Clarke", "Robertson", "Fraser", "Gallagher", "Harrison", "Bell", "Murray", "Sutherland",
                "de Vries", "Van der Berg", "Kerr", "Reid"]),
    "chinese": (["Wei", "Xiaoling", "Jun", "Mei", "Hao", "Yan", "Ling", "Zhen", "Kevin", "Grace"],
                ["Chen", "Wang", "Li", "Zhang", "Liu", "Huang", "Lin", "Zhou", "Wu"]),
    "indian": (["Priya", "Arjun", "Sunita", "Rajesh", "Ananya", "Vikram", "Deepa", "Harpreet", "Gurpreet",
                "Ravinesh", "Shalini", "Anil"],
               ["Patel", "Singh", "Sharma", "Kumar", "Naidu", "Reddy", "Prasad", "Chand", "Kaur", "Gill"]),
    "korean": (["Ji-woo", "Min-jun", "Seo-yeon", "Hyun", "Eun-ji"], ["Kim", "Park", "Lee", "Choi", "Jung"]),
    "filipino": (["Maria", "Jose", "Angelica", "Mark", "Rhea", "Jomar", "Kristine"],
                 ["Santos", "Reyes", "dela Cruz", "Bautista", "Villanueva", "Mendoza", "Garcia"]),
    "middle_east": (["Ahmad", "Fatima", "Mohammad", "Zahra", "Omar", "Mariam", "Hamid", "Laila", "Yusuf",
                     "Nadia", "Ali", "Soraya", "Khalid", "Rania"],
                    ["Karimi", "Haidari", "Al-Hassan", "Rahimi", "Nazari", "Sultani", "Al-Khatib",
                     "Hussaini", "Ahmadi", "Jafari", "Al-Obaidi", "Sharifi"]),
    "african": (["Abdi", "Hodan", "Faisal", "Amina", "Tesfaye", "Mulu", "Deng"],
                ["Farah", "Mohamed", "Hassan", "Tekle", "Bekele", "Garang"]),
}
FEMALE = {"Aroha", "Mere", "Ngaio", "Anahera", "Tūī", "Māia", "Ataahua", "Kiri", "Hine", "Pania", "Marama",
          "Te Aomihia", "Huia", "Mihi", "Awhina", "Losa", "Malia", "Talia", "Salote", "Lagi", "Alofa", "Mele", "'Ana",
          "Losaline", "Kalolaine", "Mata", "Tereapii", "Tuaine", "Maara", "Fisi", "Sifa", "Litia", "Mereoni", "Unaisi",
          "Jane", "Sophie", "Charlotte", "Fiona", "Karen", "Megan", "Isla", "Ruby", "Shona", "Brooke", "Kylie",
          "Nicola", "Amber", "Xiaoling", "Mei", "Yan", "Ling", "Grace", "Priya", "Sunita", "Ananya", "Deepa",
          "Harpreet", "Shalini", "Seo-yeon", "Eun-ji", "Maria", "Angelica", "Rhea", "Kristine", "Fatima", "Zahra",
          "Mariam", "Laila", "Nadia", "Soraya", "Rania", "Hodan", "Amina", "Mulu"}
ARABIC_NAMES = {"Ahmad": "أحمد", "Fatima": "فاطمة", "Mohammad": "محمد", "Zahra": "زهراء", "Omar": "عمر",
                "Mariam": "مريم", "Hamid": "حامد", "Laila": "ليلى", "Yusuf": "يوسف", "Nadia": "نادية",
                "Ali": "علي", "Soraya": "ثريا", "Khalid": "خالد", "Rania": "رانيا"}
ETH_OF_GROUP = {"maori": "Māori", "samoan": "Samoan", "tongan": "Tongan", "cookis": "Cook Islands Māori",
                "niuean": "Niuean", "fijian": "Fijian", "pakeha": "NZ European", "chinese": "Chinese",
                "indian": "Indian", "korean": "Korean", "filipino": "Filipino", "middle_east": "Middle Eastern",
                "african": "African"}
ETH_L2 = {"NZ European": "11", "Māori": "21", "Samoan": "31", "Cook Islands Māori": "32", "Tongan": "33",
          "Niuean": "34", "Fijian": "36", "Filipino": "41", "Chinese": "42", "Indian": "43", "Korean": "44",
          "Middle Eastern": "51", "African": "53"}
ETH_SLOPPY = {"NZ European": ["NZ Euro", "Pakeha", "NZE", "European", "NZ european", "Kiwi"],
              "Māori": ["Maori", "maori", "Māori", "MAORI", "Mäori"],
              "Samoan": ["Samoan", "Samoa", "samoan"], "Tongan": ["Tongan", "Tonga", "tongan"],
              "Cook Islands Māori": ["Cook Island", "Cook Islands Maori", "CI Maori", "Rarotongan"],
              "Niuean": ["Niuean", "Niue"], "Fijian": ["Fijian", "Fiji"],
              "Chinese": ["Chinese", "chinese", "Chinease"], "Indian": ["Indian", "Fiji Indian", "Indain"],
              "Korean": ["Korean"], "Filipino": ["Filipino", "Phillipino", "Filipina"],
              "Middle Eastern": ["Middle Eastern", "Afghan", "Syrian", "Iraqi"], "African": ["African", "Somali",
                                                                                          "Ethiopian"]}
IWI = ["Ngāpuhi", "Ngāti Porou", "Waikato-Tainui", "Ngāi Tahu", "Ngāti Kahungunu", "Te Arawa", "Tūhoe",
       "Ngāti Maniapoto", "Te Rarawa", "Ngāti Whātua", "Te Atiawa", "Ngāti Raukawa", "Whakatōhea",
       "Ngāti Tūwharetoa", "Rongowhakaata", "Te Aupōuri"]

PLACES = {  # town: (landline prefix, [(suburb, postcode)])
    "Auckland": ("09", [("Ōtara", "2023"), ("Māngere East", "2024"), ("Papatoetoe", "2025"), ("Manurewa", "2102"),
                        ("Glen Innes", "1072"), ("Avondale", "1026"), ("Henderson", "0612"), ("Ōtāhuhu", "1062"),
                        ("Mt Roskill", "1041"), ("Papakura", "2110"), ("Ranui", "0612")]),
    "Porirua": ("04", [("Cannons Creek", "5024"), ("Waitangirua", "5024"), ("Ranui Heights", "5024"),
                       ("Titahi Bay", "5022")]),
    "Lower Hutt": ("04", [("Naenae", "5011"), ("Taitā", "5011"), ("Wainuiomata", "5014"), ("Epuni", "5011")]),
    "Wellington": ("04", [("Newtown", "6021"), ("Strathmore Park", "6022"), ("Berhampore", "6023")]),
    "Hamilton": ("07", [("Enderley", "3214"), ("Nawton", "3200"), ("Fairfield", "3214"), ("Dinsdale", "3204")]),
    "Rotorua": ("07", [("Fordlands", "3015"), ("Koutu", "3010"), ("Western Heights", "3015"), ("Ōwhata", "3010")]),
    "Gisborne": ("06", [("Kaiti", "4010"), ("Elgin", "4010"), ("Outer Kaiti", "4010")]),
    "Whangārei": ("09", [("Otangarei", "0112"), ("Tikipunga", "0112"), ("Raumanga", "0110")]),
    "Christchurch": ("03", [("Aranui", "8061"), ("Linwood", "8062"), ("Hornby", "8042"), ("Riccarton", "8011"),
                            ("Shirley", "8013"), ("Addington", "8024")]),
    "Dunedin": ("03", [("South Dunedin", "9012"), ("Caversham", "9012"), ("Brockville", "9011")]),
    "Invercargill": ("03", [("Glengarry", "9810"), ("Strathern", "9812"), ("Georgetown", "9812")]),
    "Palmerston North": ("06", [("Highbury", "4412"), ("Takaro", "4412"), ("Awapuni", "4412")]),
    "Hastings": ("06", [("Flaxmere", "4120"), ("Camberley", "4120"), ("Mayfair", "4122")]),
    "Napier": ("06", [("Maraenui", "4110"), ("Onekawa", "4110")]),
    "Kaikohe": ("09", [("Kaikohe", "0405")]),
    "Kawerau": ("07", [("Kawerau", "3127")]),
    "Tokoroa": ("07", [("Tokoroa", "3420")]),
    "Wairoa": ("06", [("Wairoa", "4108")]),
    "Ōpōtiki": ("07", [("Ōpōtiki", "3122")]),
}
STREETS = ["Kōwhai Street", "Puriri Street", "Matai Road", "Seddon Street", "Victoria Avenue", "Rimu Road",
           "Tōtara Crescent", "Church Street", "King Street", "Hinemoa Street", "Mahoe Place", "Raroa Road",
           "Bader Street", "Harris Crescent", "Te Ngae Road", "Wharf Road", "Station Road", "Kiwi Avenue",
           "Tui Grove", "Hospital Road", "Bridge Street", "Ngaio Terrace", "Kaka Street", "Pohutukawa Drive",
           "Marae Road", "Main Road", "High Street", "Clyde Street", "Lincoln Road", "Miro Place"]
DOMAINS = ["gmail.com", "xtra.co.nz", "hotmail.com", "outlook.com", "yahoo.co.nz", "icloud.com", "live.com"]


class Ctx:
    def __init__(self, seed: int, quarter: str):
        self.rng = random.Random(SEED * 1000 + seed)
        self.quarter = quarter
        self.q0, self.q1 = QUARTERS[quarter]
        self.ids: set[str] = set()

    def staff(self, n: int) -> list[str]:
        rng = self.rng
        out = []
        while len(out) < n:
            g = rng.choice(["maori", "pakeha", "samoan", "tongan", "indian", "pakeha", "maori", "chinese"])
            s = f"{strip_macrons(rng.choice(NAMES[g][0]))} {rng.choice(NAMES[g][1])}"
            if s not in out:
                out.append(s)
        return out


def person(ctx: Ctx, groups: dict[str, float], towns: list[str], age=(18, 70), *, female=0.5) -> dict:
    rng = ctx.rng
    g = rng.choices(list(groups), weights=list(groups.values()))[0]
    r = rng.random()
    gender = "F" if r < female else ("M" if r < 0.97 else "X")
    pool = [n for n in NAMES[g][0] if gender == "X" or (n in FEMALE) == (gender == "F")] or NAMES[g][0]
    given = rng.choice(pool)
    if rng.random() < 0.12:
        second = rng.choice(pool)
        if second != given:
            given = f"{given} {second}"
    family = rng.choice(NAMES[g][1])
    if rng.random() < 0.06:
        family = f"{family}-{rng.choice(NAMES[rng.choice(list(NAMES))][1])}"
    eth = [ETH_OF_GROUP[g]]
    if rng.random() < 0.22:
        other = rng.choice(["Māori", "NZ European", "Samoan", "Cook Islands Māori", "Tongan"])
        if other not in eth:
            eth.append(other)
    age_years = rng.randint(*age)
    dob = ctx.q0 - dt.timedelta(days=int(age_years * 365.25) + rng.randint(1, 360))
    town = rng.choice(towns)
    prefix, subs = PLACES[town]
    suburb, pc = rng.choice(subs)
    street = f"{rng.randint(1, 240)}{rng.choice(['', '', '', 'A', 'B'])} {rng.choice(STREETS)}"
    if rng.random() < 0.12:
        street = f"Flat {rng.randint(1, 12)}, {street}"
    mob = f"02{rng.choice('1127')} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    land = f"({prefix}) {rng.randint(200, 999)} {rng.randint(1000, 9999)}"
    em_user = f"{strip_macrons(given.split()[0]).lower().replace(chr(39), '')}" \
              f"{rng.choice(['.', '_', ''])}{strip_macrons(family).lower().replace(' ', '').replace(chr(39), '')}" \
              f"{rng.choice(['', '', str(rng.randint(1, 99))])}"
    start = rand_date(ctx.rng, ctx.q0 - dt.timedelta(days=270), ctx.q1 - dt.timedelta(days=20))
    svc = weekday_in(rng, max(start, ctx.q0), ctx.q1)
    return {
        "group": g, "given": given, "family": family, "gender": gender, "eth": eth,
        "iwi": rng.choice(IWI) if "Māori" in eth else "",
        "dob": dob, "age": age_years, "nhi": nhi(rng), "ird": ird(rng), "mobile": mob, "landline": land,
        "email": f"{em_user}@{rng.choice(DOMAINS)}", "street": street, "suburb": suburb, "town": town,
        "postcode": pc, "start": start, "svc": svc, "sessions": rng.randint(1, 12),
        "w0": rng.randint(2, 7), "consent": rng.random() < 0.8, "noid": False,
    }


def corrupt(ctx: Ctx, recs: list[dict], n_noid: int, n_baddob: int, *, has_nhi: bool = True) -> None:
    """Make a few rows invalid: no name and no NHI, or an impossible / future birth date."""
    rng = ctx.rng
    idx = rng.sample(range(len(recs)), n_noid + n_baddob)
    for i in idx[:n_noid]:
        recs[i]["noid"] = True
    for k, i in enumerate(idx[n_noid:]):
        p = recs[i]
        if k % 2 == 0:
            p["dob"] = BadDate(p["dob"].year, 2, rng.choice([30, 31]))
        else:
            p["dob"] = dt.date(rng.choice([2027, 2028, 2031]), rng.randint(1, 12), rng.randint(1, 28))
        p["baddob"] = True


def is_valid(p: dict, has_dob: bool) -> bool:
    return not p.get("noid") and not (has_dob and p.get("baddob"))


def name_or_blank(p: dict, s: str) -> str:
    return "" if p.get("noid") else s


def nhi_or_blank(p: dict) -> str:
    return "" if p.get("noid") else p["nhi"]


def eth_sloppy(rng: random.Random, p: dict, sep: str = "/") -> str:
    return sep.join(rng.choice(ETH_SLOPPY[e]) for e in p["eth"])


def w_end(rng: random.Random, p: dict, lo: int = 1, hi: int = 10) -> int:
    return max(lo, min(hi, p["w0"] + rng.choice([-1, 0, 1, 1, 2, 2, 3])))


# --------------------------------------------------------------------------
# Tables and writers
# --------------------------------------------------------------------------
NAME_TARGETS = {"full_name", "given_names", "family_name"}


def table(columns: list[tuple], recs: list[dict], *, sheet=None, pre_rows=None, start_col=0,
          groups=None, footer=None, widths=None) -> dict:
    """columns: (header, target, fn[, group]); fn(p) -> cell value."""
    cols = []
    for c in columns:
        header, target, fn = c[0], c[1], c[2]
        cols.append({"header": header, "target": target, "fn": fn, "group": c[3] if len(c) > 3 else None})
    has_dob = any(c["target"] == "date_of_birth" for c in cols)
    rows = [[c["fn"](p) for c in cols] for p in recs]
    valid = sum(1 for p in recs if is_valid(p, has_dob))
    pre_rows = pre_rows or []
    if groups:
        pre_rows = [*pre_rows, None]  # placeholder: the group row sits just above the header
    return {"sheet": sheet, "pre_rows": pre_rows, "header_row": len(pre_rows) + 1, "start_col": start_col,
            "cols": cols, "rows": rows, "valid": valid, "footer": footer or [], "groups": groups or []}


def group_row(t: dict) -> list:
    row = [""] * len(t["cols"])
    for i, c in enumerate(t["cols"]):
        if c["group"] and (i == 0 or t["cols"][i - 1]["group"] != c["group"]):
            row[i] = c["group"]
    return row


def _str(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "Yes" if v else "No"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def text_matrix(t: dict, trailing_empty: bool = False) -> list[list[str]]:
    out = []
    width = len(t["cols"]) + (1 if trailing_empty else 0)
    for r in t["pre_rows"]:
        row = group_row(t) if r is None else list(r)
        out.append([_str(x) for x in row] + [""] * (width - len(row) if r is None else 0))
    out.append([c["header"] for c in t["cols"]] + ([""] if trailing_empty else []))
    for r in t["rows"]:
        out.append([_str(x) for x in r] + ([""] if trailing_empty else []))
    for r in t["footer"]:
        out.append([_str(x) for x in r])
    return out


def write_delimited(path: pathlib.Path, t: dict, *, encoding: str, delimiter: str, newline: str = "\n",
                    gz: bool = False, trailing_empty: bool = False, quote_all: bool = False) -> None:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline,
                   quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    for row in text_matrix(t, trailing_empty):
        if encoding == "cp1252":
            row = [x if _encodable(x) else strip_macrons(x) for x in row]
        w.writerow(row)
    data = buf.getvalue().encode(encoding)
    if gz:
        with open(path, "wb") as fh, gzip.GzipFile(filename=path.name[:-3], mode="wb", fileobj=fh, mtime=0) as g:
            g.write(data)
    else:
        path.write_bytes(data)


def _encodable(x: str) -> bool:
    try:
        x.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def write_xlsx(path: pathlib.Path, sheets: list[dict]) -> None:
    """sheets: {"title", "table": t | None, "rows": free rows, "freeze", "hidden": [col idx], "date_fmt"}."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "provider"
    wb.properties.created = dt.datetime(2026, 10, 5, 9, 0)
    wb.properties.modified = dt.datetime(2026, 10, 5, 9, 0)
    for sh in sheets:
        ws = wb.create_sheet(sh["title"])
        for r in sh.get("rows", []):
            ws.append(list(r))
        t = sh.get("table")
        if t is None:
            continue
        c0 = t["start_col"] + 1
        date_fmt = sh.get("date_fmt", "dd/mm/yyyy")
        row_no = 1
        for r in t["pre_rows"]:
            if r is None:
                for g, a, b in t["groups"]:
                    ws.cell(row=row_no, column=c0 + a, value=g).font = Font(bold=True)
                    if b > a:
                        ws.merge_cells(start_row=row_no, start_column=c0 + a, end_row=row_no, end_column=c0 + b)
                    ws.cell(row=row_no, column=c0 + a).alignment = Alignment(horizontal="center")
            else:
                for j, v in enumerate(r):
                    if v not in (None, ""):
                        ws.cell(row=row_no, column=c0 + j, value=v)
            row_no += 1
        for j, c in enumerate(t["cols"]):
            cell = ws.cell(row=row_no, column=c0 + j, value=c["header"] if c["header"] != "" else None)
            cell.font = Font(bold=True)
            if "\n" in c["header"]:
                cell.alignment = Alignment(wrap_text=True)
        hdr = row_no
        for r in t["rows"]:
            row_no += 1
            for j, v in enumerate(r):
                if v is None or v == "":
                    continue
                cell = ws.cell(row=row_no, column=c0 + j, value=v)
                if isinstance(v, dt.datetime):
                    cell.number_format = sh.get("datetime_fmt", "dd/mm/yyyy hh:mm")
                elif isinstance(v, dt.date):
                    cell.number_format = date_fmt
        for r in t["footer"]:
            row_no += 1
            for j, v in enumerate(r):
                if v not in (None, ""):
                    ws.cell(row=row_no, column=c0 + j, value=v)
        if sh.get("freeze"):
            ws.freeze_panes = ws.cell(row=hdr + 1, column=c0 + sh.get("freeze_cols", 0))
        for j in sh.get("hidden", []):
            ws.column_dimensions[get_column_letter(c0 + j)].hidden = True
        for j, c in enumerate(t["cols"]):
            ws.column_dimensions[get_column_letter(c0 + j)].width = max(6, min(40, len(c["header"]) + 4))
    buf = io.BytesIO()
    wb.save(buf)
    _fix_zip_times(path, buf.getvalue())


def _fix_zip_times(path: pathlib.Path, data: bytes) -> None:
    """Re-pack a saved workbook with fixed entry times and a fixed 'modified' stamp (byte-deterministic)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-10-05T09:00:00Z", body)
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 10, 5, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(zi, body)


def write_ods(path: pathlib.Path, sheets: list[dict]) -> None:
    """A minimal OpenDocument spreadsheet, written by hand."""
    def cell(v) -> str:
        if v is None or v == "":
            return "<table:table-cell/>"
        if isinstance(v, dt.date):
            iso = v.isoformat()
            return (f'<table:table-cell table:style-name="cedate" office:value-type="date" office:date-value="{iso}">'
                    f"<text:p>{fmt(v, 'nz')}</text:p></table:table-cell>")
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return (f'<table:table-cell office:value-type="float" office:value="{v}">'
                    f"<text:p>{v}</text:p></table:table-cell>")
        paras = "".join(f"<text:p>{xml_escape(x)}</text:p>" for x in str(v).split("\n"))
        return f'<table:table-cell office:value-type="string">{paras}</table:table-cell>'

    body = []
    for sh in sheets:
        body.append(f'<table:table table:name="{xml_escape(sh["title"])}">')
        rows = [list(r) for r in sh.get("rows", [])]
        t = sh.get("table")
        if t is not None:
            for r in t["pre_rows"]:
                rows.append(group_row(t) if r is None else list(r))
            rows.append([c["header"] for c in t["cols"]])
            rows.extend(t["rows"])
            rows.extend(t["footer"])
        width = max(len(r) for r in rows)
        body.append(f'<table:table-column table:number-columns-repeated="{width}"/>')
        for r in rows:
            body.append("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>")
        body.append("</table:table>")
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ns} office:version="1.2">'
               '<office:automatic-styles>'
               '<number:date-style style:name="N37"><number:day number:style="long"/><number:text>/</number:text>'
               '<number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/>'
               '</number:date-style>'
               '<style:style style:name="cedate" style:family="table-cell" style:data-style-name="N37"/>'
               '</office:automatic-styles>'
               f'<office:body><office:spreadsheet>{"".join(body)}</office:spreadsheet></office:body>'
               '</office:document-content>')
    styles = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {ns} office:version="1.2"/>')
    meta = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2">'
            '<office:meta><meta:generator>LibreOffice/7.6.4.1$Windows_X86_64</meta:generator></office:meta>'
            '</office:document-meta>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as z:
        def add(name, data, compress=zipfile.ZIP_DEFLATED):
            zi = zipfile.ZipInfo(name, date_time=(2026, 10, 2, 14, 0, 0))
            zi.compress_type = compress
            z.writestr(zi, data)
        add("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        add("content.xml", content)
        add("styles.xml", styles)
        add("meta.xml", meta)
        add("META-INF/manifest.xml", manifest)


def file_truth(name: str, fmt_: str, encoding, delimiter, tables: list[dict]) -> dict:
    tt = []
    for t in tables:
        tt.append({"sheet": t["sheet"], "header_row": t["header_row"], "rows": len(t["rows"]),
                   "columns": [{"index": t["start_col"] + j, "header": c["header"], "group": c["group"],
                                "target": c["target"]} for j, c in enumerate(t["cols"])]})
    return {"name": name, "format": fmt_, "encoding": encoding, "delimiter": delimiter,
            "rows": sum(len(t["rows"]) for t in tables), "valid_rows": sum(t["valid"] for t in tables),
            "tables": tt}


# --------------------------------------------------------------------------
# Layouts
# --------------------------------------------------------------------------
def _yn(v, yes="Yes", no="No"):
    return yes if v else no


def L01(ctx: Ctx):
    """Prisoner-family support trust: case-management CSV, BOM, CRLF, trailing empty column."""
    rng = ctx.rng
    workers = ctx.staff(4)
    recs = [person(ctx, {"maori": 6, "pakeha": 3, "samoan": 1, "tongan": 1}, ["Christchurch", "Invercargill",
                                                                          "Dunedin"], (19, 62), female=0.8)
            for _ in range(118)]
    corrupt(ctx, recs, 1, 1)
    facilities = ["Christchurch Women's Prison", "Christchurch Men's Prison", "Otago Corrections Facility",
                  "Invercargill Prison", "Rolleston Prison"]
    rels = ["Partner", "Son", "Brother", "Father", "Daughter", "Mokopuna", "Ex-partner"]
    gend = {"F": ["Wahine", "F", "Female"], "M": ["Tane", "M", "Male"], "X": ["Non-binary", "Prefer not to say"]}
    status = ["Whānau still engaged, next visit booked", "Closed - goals met", "Moved out of area, referred on",
              "Declined further support", "Ongoing - court date pending", "Closed - lost contact"]
    consent = ["Signed", "Signed", "Signed", "Verbal", "Declined", "Not asked"]
    for i, p in enumerate(recs):
        p["ref"] = f"PFS-{2100 + i * 3}"
        p["custody"] = f"{rng.choice(NAMES[p['group']][0])} {p['family'] if rng.random() < 0.6 else rng.choice(NAMES[p['group']][1])}"
    cols = [
        ("Client ID", "client_ref", lambda p: p["ref"]),
        ("Client Name", "full_name", lambda p: name_or_blank(p, f"{p['given']} {p['family'].upper()}")),
        ("DOB", "date_of_birth", lambda p: fmt(p["dob"], "nz")),
        ("Gender", "gender", lambda p: rng.choice(gend[p["gender"]])),
        ("Ethnicity", "ethnicity", lambda p: eth_sloppy(rng, p, "/")),
        ("Mobile / Landline", "phone", lambda p: f"{p['mobile']} / {p['landline']}" if rng.random() < 0.5 else p["mobile"]),
        ("Whānau member in custody", "caregiver_name", lambda p: p["custody"]),
        ("Relationship", None, lambda p: rng.choice(rels)),
        ("Facility", None, lambda p: rng.choice(facilities)),
        ("Referral From", "referral_source", lambda p: rng.choice(["Corrections", "Self", "Prison chaplain",
                                                                    "Whānau", "Oranga Tamariki", "Te Whatu Ora"])),
        ("First Contact", "start_date", lambda p: fmt(p["start"], "nz")),
        ("Last Contact", "service_date", lambda p: fmt(p["svc"], "nz")),
        ("Visits Supported", "sessions_attended", lambda p: p["sessions"]),
        ("Status", "outcome_status", lambda p: rng.choice(status)),
        ("Consent to evaluation", "consent_evaluation", lambda p: rng.choice(consent)),
        ("Worker", "key_worker", lambda p: rng.choice(workers)),
    ]
    # the provider's export ends every line with a comma: a real, blank, unnamed last column
    cols.append(("", None, lambda p: ""))
    t = table(cols, recs)
    files = [("whanau_support_Q3.csv", "csv", "utf-8-sig", ",", [t],
              lambda path: write_delimited(path, t, encoding="utf-8-sig", delimiter=",", newline="\r\n"))]
    return ("te-whare-awhina-whanau-trust", ["prisoner-family", "bom", "crlf", "trailing-empty-column",
                                             "two-phones-in-cell", "outcome-sentences", "consent-signed-verbal",
                                             "given-FAMILY-names", "custody-whanau-name"], files)


def L02(ctx: Ctx):
    """Deaf community service: xlsx, frozen panes, hidden column, group headers with 'Date' twice."""
    rng = ctx.rng
    workers = ctx.staff(3)
    recs = [person(ctx, {"pakeha": 5, "maori": 3, "chinese": 1, "indian": 1, "samoan": 1},
                   ["Auckland", "Hamilton"], (16, 80)) for _ in range(96)]
    corrupt(ctx, recs, 1, 2)
    services = ["Deaf Mentor", "NZSL classes for whānau", "Deaf Youth Hub", "Communication access support"]
    notes = ["Met at the hub, discussed job interview and interpreter booking. Feeling more confident.",
             "Whānau attended NZSL class together for the first time; mum wants to continue.",
             "Missed last session due to illness. Follow up by text next week.",
             "Supported at WINZ appointment; interpreter arrived late so we rebooked.",
             "Talked about isolation since moving. Connected with Deaf club social night.",
             "Good progress with fingerspelling; child now teaching siblings."]
    cols = [
        ("NHI", "nhi", lambda p: nhi_or_blank(p), "Client details"),
        ("Surname", "family_name", lambda p: name_or_blank(p, p["family"]), "Client details"),
        ("First name(s)", "given_names", lambda p: name_or_blank(p, p["given"]), "Client details"),
        ("D.O.B.", "date_of_birth", lambda p: p["dob"] if isinstance(p["dob"], dt.date) else fmt(p["dob"], "nz"),
         "Client details"),
        ("Txt number", "phone", lambda p: p["mobile"].replace(" ", ""), "Contact"),
        ("Email", "email", lambda p: p["email"] if rng.random() < 0.7 else "", "Contact"),
        ("Preferred language", None, lambda p: rng.choice(["NZSL", "NZSL", "English", "NZSL + English"]), "Contact"),
        ("NZSL interpreter required?", None, lambda p: rng.choice(["Y", "Y", "N"]), "Contact"),
        ("Date", "start_date", lambda p: p["start"], "Referral"),
        ("From", "referral_source", lambda p: rng.choice(["Audiologist", "School", "Self", "Deaf Aotearoa",
                                                          "Hearing therapist", "GP"]), "Referral"),
        ("Service", "programme", lambda p: rng.choice(services), "Sessions"),
        ("Date", "service_date", lambda p: p["svc"], "Sessions"),
        ("Count", "sessions_attended", lambda p: p["sessions"], "Sessions"),
        ("Interpreter booked", None, lambda p: rng.choice(["Yes", "No", "Yes", "n/a"]), "Sessions"),
        ("Consent for research (Y/N)", "consent_evaluation", lambda p: _yn(p["consent"], "Y", "N"), "Sessions"),
        ("Notes", "case_notes", lambda p: rng.choice(notes), "Sessions"),
        ("int_flag", None, lambda p: rng.choice(["", "", "R", "C2"]), "Sessions"),
        ("Kaimahi", "key_worker", lambda p: rng.choice(workers), "Sessions"),
    ]
    groups = [("Client details", 0, 3), ("Contact", 4, 7), ("Referral", 8, 9), ("Sessions", 10, 17)]
    t = table(cols, recs, sheet="Clients", groups=groups)
    sheets = [{"title": "Clients", "table": t, "freeze": True, "freeze_cols": 3, "hidden": [16]}]
    return ("turi-connect-auckland", ["deaf-service", "xlsx", "merged-group-headers", "repeated-header-Date",
                                      "frozen-panes", "hidden-column", "interpreter-yn-not-consent",
                                      "split-names", "te-reo-header"],
            [("Deaf_services_2026Q3.xlsx", "xlsx", None, None, [t], lambda path: write_xlsx(path, sheets))])


def L03(ctx: Ctx):
    """Rainbow youth service: plain CSV, many gender/pronoun values, scores as words."""
    rng = ctx.rng
    recs = [person(ctx, {"pakeha": 5, "maori": 3, "samoan": 1, "chinese": 1, "indian": 1, "filipino": 1},
                   ["Wellington", "Lower Hutt", "Porirua"], (13, 24)) for _ in range(84)]
    corrupt(ctx, recs, 2, 1)
    gi = ["Non-binary", "Trans woman", "Trans man", "Takatāpui", "Genderfluid", "Agender", "Cis female",
          "Cis male", "Questioning", "Fa'afafine", "Prefer not to say", "Woman", "Man"]
    pron = ["they/them", "she/her", "he/him", "she/they", "he/they", "any", "ia"]
    words = ["Low", "Low", "Medium", "Medium", "High"]
    for p in recs:
        p["gi"] = rng.choice(gi)
        i0 = rng.randint(0, 3)
        p["ws"], p["we"] = words[i0], words[min(4, i0 + rng.choice([0, 1, 1, 2]))]
    cols = [
        ("ID", "client_ref", lambda p: f"RY{rng.randint(10, 99)}{p['given'][0].upper()}"),
        ("Name (preferred)", "full_name", lambda p: name_or_blank(p, f"{p['given'].split()[0]} {p['family']}")),
        ("Pronouns", None, lambda p: rng.choice(pron)),
        ("Gender identity", "gender", lambda p: p["gi"]),
        ("Birthday", "date_of_birth", lambda p: fmt(p["dob"], "iso")),
        ("Age", None, lambda p: p["age"]),
        ("School/Kura", None, lambda p: rng.choice(["Wellington High", "Naenae College", "Porirua College",
                                                    "Onslow College", "Not at school", "Te Kura", ""])),
        ("Email", "email", lambda p: p["email"]),
        ("Safe to contact by:", None, lambda p: rng.choice(["Text", "Email", "Insta DM", "Don't contact at home"])),
        ("Group", "programme", lambda p: rng.choice(["Queer Youth Drop-in", "Takatāpui Rōpū", "Trans Peer Group",
                                                     "1:1 Support"])),
        ("Referred by:", "referral_source", lambda p: rng.choice(["School counsellor", "Friend", "Self", "GP",
                                                                   "Youthline", "Parent"])),
        ("Sessions this qtr", "sessions_attended", lambda p: p["sessions"]),
        ("Wellbeing (start)", "wellbeing_start", lambda p: p["ws"]),
        ("Wellbeing (end)", "wellbeing_end", lambda p: p["we"]),
        ("Consent (research)", "consent_evaluation", lambda p: rng.choice(["yes", "yes", "yes", "no", "unsure"])),
        ("Last came in", "service_date", lambda p: fmt(p["svc"], "nz_short")),
    ]
    t = table(cols, recs)
    return ("rainbow-rangatahi-poneke", ["rainbow-youth", "gender-many-values", "pronoun-column", "scores-as-words",
                                         "age-and-dob", "trailing-colon-header", "iso-dob"],
            [("rangatahi_q2.csv", "csv", "utf-8", ",", [t],
              lambda path: write_delimited(path, t, encoding="utf-8", delimiter=","))])


def L04(ctx: Ctx):
    """Rural budgeting service: one tab per month, running totals, totals row, d-mmm-yy text dates."""
    rng = ctx.rng
    advisers = {"KT": "Kiri Tautahi", "BM": "Bruce Murray", "SP": "Shalini Prasad"}
    months = [(7, "July"), (8, "Aug"), (9, "Sept")]
    tables = []
    sheets = []
    pool = [person(ctx, {"maori": 5, "pakeha": 4, "tongan": 1}, ["Kawerau", "Ōpōtiki", "Rotorua"], (20, 75))
            for _ in range(150)]
    for i, p in enumerate(pool):
        p["ref"] = f"{i + 301:04d}"
        p["debt"] = rng.choice([0, 350, 1200, 2450, 4800, 9800, 15200]) + rng.randint(0, 99)
    for m, label in months:
        a = dt.date(2026, m, 1)
        b = (dt.date(2026, m + 1, 1) - dt.timedelta(days=1))
        recs = []
        for p in rng.sample(pool, rng.randint(62, 80)):
            q = dict(p)
            q["svc"] = weekday_in(rng, a, b)
            recs.append(q)
        recs.sort(key=lambda q: q["svc"])
        corrupt(ctx, recs, 1 if m == 8 else 0, 0)
        running = 0
        for q in recs:
            q["saved"] = rng.choice([0, 0, 20, 25, 40, 50, 75, 100])
            running += q["saved"]
            q["running"] = running
        cols = [
            ("Date", "service_date", lambda q: fmt(q["svc"], "mmm_yy")),
            ("Client", "full_name", lambda q: name_or_blank(q, f"{q['family'].upper()}, {q['given']}")),
            ("Client #", "client_ref", lambda q: q["ref"]),
            ("Ph", "phone", lambda q: q["landline"] if rng.random() < 0.4 else q["mobile"]),
            ("Debt at intake ($)", None, lambda q: q["debt"]),
            ("Saved this month ($)", None, lambda q: q["saved"]),
            ("Running total ($)", None, lambda q: q["running"]),
            ("Appts", "sessions_attended", lambda q: rng.randint(1, 4)),
            ("Adviser", "key_worker", lambda q: rng.choice(list(advisers))),
            ("KiwiSaver hardship?", None, lambda q: rng.choice(["", "", "Y", "N"])),
            ("Outcome", "outcome_status", lambda q: rng.choice(["Budget in place", "Debt consolidated", "Ongoing",
                                                                "Referred to Kiwibank Good Loan", "Did not return",
                                                                "Closed"])),
        ]
        title = [[f"Eastern Bay Budgeting Service - {label} 2026"], ["Client appointments (all advisers)"]]
        t = table(cols, recs, sheet=f"{label} 26", pre_rows=title)
        t["footer"] = [["TOTAL", "", "", "", sum(q["debt"] for q in recs), running, running,
                        "", "", "", ""]]
        tables.append(t)
        sheets.append({"title": t["sheet"], "table": t})
    return ("eastern-bay-budgeting", ["rural-budgeting", "one-sheet-per-month", "title-rows", "running-totals",
                                      "totals-row", "initials-key-worker", "SURNAME-comma-given", "d-mmm-yy",
                                      "no-dob"],
            [("EBBS returns Jul-Sep 2026.xlsx", "xlsx", None, None, tables, lambda path: write_xlsx(path, sheets))])


def L05(ctx: Ctx):
    """Whānau Ora collective combined return from three partners: cp1252 CSV with Partner column."""
    rng = ctx.rng
    partners = {"Te Rūnanga o Kaikohe": ["Kaikohe"], "Ngā Kete Mātauranga": ["Whangārei"],
                "Hokianga Whānau Services": ["Kaikohe", "Whangārei"]}
    recs = []
    for name, towns in partners.items():
        for _ in range(rng.randint(34, 48)):
            p = person(ctx, {"maori": 9, "pakeha": 1, "cookis": 1}, towns, (18, 80), female=0.65)
            p["partner"] = name
            p["navs"] = ctx.staff(1)[0]
            recs.append(p)
    corrupt(ctx, recs, 1, 1)
    cols = [
        ("Partner", None, lambda p: p["partner"]),
        ("Whanau ID", "client_ref", lambda p: f"WO{rng.randint(10000, 99999)}"),
        ("Ingoa", "full_name", lambda p: name_or_blank(p, f"{p['given']} {p['family']}")),
        ("Ra whanau", "date_of_birth", lambda p: fmt(p["dob"], "nz_nopad")),
        ("Ira tangata", "gender", lambda p: {"F": "W", "M": "T", "X": "A"}[p["gender"]]),
        ("Iwi", "iwi", lambda p: p["iwi"] or rng.choice(["", "Unknown", "Ngāpuhi"])),
        ("Ethnicity", "ethnicity", lambda p: ", ".join(p["eth"])),
        ("Address", "address", lambda p: f"{p['street']}, {p['suburb']}"
                                         + (f", {p['town']}" if p["suburb"] != p["town"] else "")),
        ("Postcode", "address_postcode", lambda p: p["postcode"]),
        ("Waea", "phone", lambda p: p["mobile"]),
        ("Navigator", "key_worker", lambda p: p["navs"]),
        ("Goal area", None, lambda p: rng.choice(["Housing", "Health", "Education", "Income", "Te reo", "Whenua"])),
        ("Plan start", "start_date", lambda p: fmt(p["start"], "nz_nopad")),
        ("Last hui", "service_date", lambda p: fmt(p["svc"], "nz_nopad")),
        ("Hui count", "sessions_attended", lambda p: p["sessions"]),
        ("Whanau consent", "consent_evaluation", lambda p: rng.choice(["Ae", "Ae", "Ae", "Kao", ""])),
    ]
    t = table(cols, recs)
    return ("tai-tokerau-whanau-ora-collective", ["whanau-ora", "combined-partners", "partner-column", "cp1252",
                                                  "te-reo-headers-no-macrons", "full-address-plus-postcode",
                                                  "ae-kao-consent", "gender-W-T", "crlf"],
            [("WO collective Q3 combined.csv", "csv", "cp1252", ",", [t],
              lambda path: write_delimited(path, t, encoding="cp1252", delimiter=",", newline="\r\n"))])


def L06(ctx: Ctx):
    """Coaching programme from a booking system: one row per appointment, ISO datetimes."""
    rng = ctx.rng
    coaches = ctx.staff(4)
    clients = [person(ctx, {"pakeha": 4, "indian": 2, "chinese": 2, "maori": 2, "korean": 1, "filipino": 1},
                      ["Auckland"], (22, 60)) for _ in range(52)]
    for p in clients:
        p["cid"] = f"cus_{rng.randint(10 ** 7, 10 ** 8 - 1)}"
        p["coach"] = rng.choice(coaches)
        p["svcname"] = rng.choice(["Financial coaching (60 min)", "Return-to-work coaching (45 min)",
                                   "Financial coaching (30 min follow-up)"])
    recs = []
    for p in clients:
        for _ in range(rng.randint(1, 5)):
            q = dict(p)
            d = weekday_in(rng, ctx.q0, ctx.q1)
            h = rng.choice([9, 10, 11, 13, 14, 15, 17, 18])
            mins = 60 if "60" in p["svcname"] else (45 if "45" in p["svcname"] else 30)
            q["a0"] = dt.datetime(d.year, d.month, d.day, h, rng.choice([0, 30]))
            q["a1"] = q["a0"] + dt.timedelta(minutes=mins)
            recs.append(q)
    recs.sort(key=lambda q: q["a0"])
    corrupt(ctx, recs, 2, 1)

    def iso(x: dt.datetime) -> str:
        return x.isoformat(timespec="seconds") + nz_offset(x.date())
    cols = [
        ("Appointment ID", None, lambda q: f"apt_{rng.randint(10 ** 8, 10 ** 9 - 1)}"),
        ("Appointment start", "service_date", lambda q: iso(q["a0"])),
        ("Appointment end", None, lambda q: iso(q["a1"])),
        ("Service", "programme", lambda q: q["svcname"]),
        ("Staff", "key_worker", lambda q: q["coach"]),
        ("Customer ID", "client_ref", lambda q: q["cid"]),
        ("Customer name", "full_name", lambda q: name_or_blank(q, f"{q['given']} {q['family']}")),
        ("Customer email", "email", lambda q: q["email"]),
        ("Customer phone", "phone", lambda q: "+64 " + q["mobile"][1:]),
        ("Status", None, lambda q: rng.choice(["Completed", "Completed", "Completed", "No-show", "Cancelled"])),
        ("Booked by", None, lambda q: rng.choice(["Customer (online)", "Customer (online)", "Front desk", "Coach"])),
        ("Booked at", None, lambda q: iso(q["a0"] - dt.timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 8)))),
        ("Intake: Date of birth", "date_of_birth", lambda q: fmt(q["dob"], "iso")),
        ("Intake: How did you hear about us?", "referral_source",
         lambda q: rng.choice(["Google", "Work and Income", "Friend or whānau", "Facebook", "Employer"])),
        ("Intake: I agree my information can be used to evaluate this service", "consent_evaluation",
         lambda q: _yn(q["consent"], "true", "false")),
        ("Price", None, lambda q: "0.00"),
        ("Location", None, lambda q: rng.choice(["Manukau office", "Zoom", "Henderson library"])),
    ]
    t = table(cols, recs)
    return ("kōkiri-coaching-akl".replace("ō", "o"),
            ["coaching", "booking-system-export", "long-format", "iso-datetimes-with-offset",
             "appointment-start-end", "booked-by", "intake-question-headers", "boolean-consent"],
            [("bookings_export_2026-07-01_2026-09-30.csv", "csv", "utf-8", ",", [t],
              lambda path: write_delimited(path, t, encoding="utf-8", delimiter=","))])


def L07(ctx: Ctx):
    """Kaupapa Māori early-learning return: child + parent on one row, te reo headers, data from column C."""
    rng = ctx.rng
    kaiako = ctx.staff(5)
    recs = [person(ctx, {"maori": 10, "pakeha": 1, "cookis": 1}, ["Gisborne"], (0, 4)) for _ in range(72)]
    for p in recs:
        pg = rng.choice(NAMES["maori"][0] + NAMES["pakeha"][0])
        p["parent"] = f"{pg} {p['family'] if rng.random() < 0.7 else rng.choice(NAMES['maori'][1])}"
        p["start"] = rand_date(rng, ctx.q0 - dt.timedelta(days=400), ctx.q1 - dt.timedelta(days=10))
        p["days"] = rng.randint(8, 60)
    corrupt(ctx, recs, 1, 1)
    cols = [
        ("Ingoa", "given_names", lambda p: name_or_blank(p, p["given"]), "Tamaiti"),
        ("Ingoa whānau", "family_name", lambda p: name_or_blank(p, p["family"]), "Tamaiti"),
        ("Rā whānau", "date_of_birth", lambda p: p["dob"] if isinstance(p["dob"], dt.date) else fmt(p["dob"], "nz"),
         "Tamaiti"),
        ("NHI", "nhi", lambda p: nhi_or_blank(p), "Tamaiti"),
        ("Ira", "gender", lambda p: {"F": "Kōtiro", "M": "Tama", "X": ""}[p["gender"]], "Tamaiti"),
        ("Iwi", "iwi", lambda p: p["iwi"], "Tamaiti"),
        ("Ingoa", "caregiver_name", lambda p: p["parent"], "Mātua"),
        ("Waea", "phone", lambda p: p["mobile"], "Mātua"),
        ("Īmēra", "email", lambda p: p["email"] if rng.random() < 0.75 else "", "Mātua"),
        ("Wāhi noho", "address", lambda p: f"{p['street']}, {p['suburb']}, Gisborne {p['postcode']}", "Mātua"),
        ("Rā tīmata", "start_date", lambda p: p["start"], "Kōhanga"),
        ("Ngā rā i tae mai", "sessions_attended", lambda p: p["days"], "Kōhanga"),
        ("Whakaaetanga", "consent_evaluation", lambda p: _yn(p["consent"], "Āe", "Kāo"), "Kōhanga"),
        ("Kaiako", "key_worker", lambda p: rng.choice(kaiako), "Kōhanga"),
    ]
    groups = [("Tamaiti", 0, 5), ("Mātua", 6, 9), ("Kōhanga", 10, 13)]
    t = table(cols, recs, sheet="Rārangi", groups=groups, start_col=2,
              pre_rows=[["Te Kōhanga Reo o Tūranga - Pūrongo Hauwhā 3, 2026"], []])
    sheets = [{"title": "Rārangi", "table": t, "freeze": True}]
    return ("te-kohanga-o-turanga", ["kaupapa-maori-early-learning", "child-and-parent-one-row", "te-reo-headers",
                                     "repeated-header-Ingoa", "merged-group-headers", "data-starts-column-C",
                                     "title-row", "no-service-date", "ae-kao"],
            [("Purongo_Q3_2026.xlsx", "xlsx", None, None, [t], lambda path: write_xlsx(path, sheets))])


def L08(ctx: Ctx):
    """Pacific health navigator export saved from LibreOffice as ODS; Niuean/Fijian/CI Māori header words."""
    rng = ctx.rng
    navs = ctx.staff(3)
    recs = [person(ctx, {"niuean": 3, "fijian": 3, "cookis": 3, "samoan": 2, "tongan": 2, "indian": 1},
                   ["Auckland"], (25, 85)) for _ in range(128)]
    corrupt(ctx, recs, 1, 2)
    motu = {"niuean": "Niue", "fijian": "Viti Levu", "cookis": "Rarotonga", "samoan": "Upolu", "tongan": "Tongatapu",
            "indian": "Vanua Levu"}
    reasons = ["Diabetes follow-up and help getting to podiatry", "Needs transport to renal clinic",
               "Housing is cold and damp, kids keep getting sick", "Missed GP enrolment after moving",
               "Support with medication costs and prescriptions", "Wants to quit smoking, referred by nurse"]
    cols = [
        ("NHI", "nhi", lambda p: nhi_or_blank(p)),
        ("Higoa / Name", "full_name", lambda p: name_or_blank(p, f"{p['family'].upper()} {p['given']}")),
        ("Aho fanau / Date of birth", "date_of_birth", lambda p: p["dob"] if isinstance(p["dob"], dt.date)
         else fmt(p["dob"], "nz")),
        ("Gender", "gender", lambda p: {"F": "Female", "M": "Male", "X": "Other"}[p["gender"]]),
        ("Ethnic code", "ethnicity", lambda p: int(ETH_L2[p["eth"][0]])),
        ("Motu / Island", None, lambda p: motu[p["group"]]),
        ("Telefoni", "phone", lambda p: p["mobile"] if rng.random() < 0.7 else p["landline"]),
        ("Kainga / Home address", "address", lambda p: f"{p['street']}, {p['suburb']}, Auckland {p['postcode']}"),
        ("GP practice", None, lambda p: rng.choice(["Ōtara Family Health", "Māngere Health Centre", "TaPasefika",
                                                    "South Seas Healthcare", "Papatoetoe Medical"])),
        ("Referral reason", None, lambda p: rng.choice(reasons)),
        ("Date referred", "start_date", lambda p: p["start"]),
        ("Siga / Date of contact", "service_date", lambda p: p["svc"]),
        ("Review due", None, lambda p: p["svc"] + dt.timedelta(days=rng.choice([28, 42, 90]))),
        ("Date closed", None, lambda p: p["svc"] + dt.timedelta(days=rng.randint(0, 20)) if rng.random() < 0.3 else ""),
        ("Navigator", "key_worker", lambda p: rng.choice(navs)),
        ("Consent Y/N", "consent_evaluation", lambda p: _yn(p["consent"], "Y", "N")),
    ]
    t = table(cols, recs, sheet="Navigator export")
    sheets = [{"title": "Navigator export", "table": t}]
    return ("moana-health-navigators", ["pacific-navigator", "ods", "niuean-fijian-header-words",
                                        "stats-nz-level2-codes", "reason-for-referral-not-notes",
                                        "review-due-and-date-closed", "FAMILY-given-names"],
            [("navigator_return_Q2.ods", "ods", None, None, [t], lambda path: write_ods(path, sheets))])


def L09(ctx: Ctx):
    """Refugee family service: UTF-16 tab-delimited 'Unicode text', Arabic/English and Dari/English headers."""
    rng = ctx.rng
    workers = ctx.staff(3)
    recs = [person(ctx, {"middle_east": 8, "african": 2}, ["Hamilton", "Palmerston North"], (18, 68))
            for _ in range(88)]
    corrupt(ctx, recs, 1, 1)
    eth = {"middle_east": ["Afghan", "Syrian", "Iraqi", "Kurdish", "Hazara"], "african": ["Somali", "Ethiopian",
                                                                                       "Eritrean", "South Sudanese"]}
    lang = {"middle_east": ["Dari", "Arabic", "Pashto", "Kurdish"], "african": ["Somali", "Amharic", "Tigrinya"]}
    for p in recs:
        p["ethl"] = rng.choice(eth[p["group"]])
        nm = f"{p['given'].split()[0]} {p['family']}"
        if p["group"] == "middle_east" and rng.random() < 0.15 and p["given"].split()[0] in ARABIC_NAMES:
            nm = f"{nm} ({ARABIC_NAMES[p['given'].split()[0]]})"
        p["nm"] = nm
    cols = [
        ("رقم الملف / File no.", "client_ref", lambda p: f"RF/{ctx.q0.year}/{rng.randint(100, 999)}"),
        ("الاسم / نام / Name", "full_name", lambda p: name_or_blank(p, p["nm"])),
        ("تاريخ الميلاد / Date of birth", "date_of_birth", lambda p: fmt(p["dob"], "nz")),
        ("الجنس / جنسیت / Gender", "gender", lambda p: {"F": "Female", "M": "Male", "X": "Other"}[p["gender"]]),
        ("Ethnicity / قومیت", "ethnicity", lambda p: p["ethl"]),
        ("Language / زبان", None, lambda p: rng.choice(lang[p["group"]])),
        ("Interpreter needed", None, lambda p: rng.choice(["Yes", "Yes", "No"])),
        ("Phone / هاتف", "phone", lambda p: p["mobile"]),
        ("Arrival in NZ", None, lambda p: fmt(rand_date(rng, dt.date(2019, 1, 1), ctx.q0), "nz")),
        ("Family size", None, lambda p: rng.randint(1, 9)),
        ("Children in household", None, lambda p: rng.randint(0, 6)),
        ("Programme / البرنامج", "programme",
         lambda p: rng.choice((["Women's group"] if p["gender"] == "F" else []) + ["Family settlement",
                                                                                   "Youth homework club",
                                                                                   "Driving lessons"])),
        ("Intake date", "start_date", lambda p: fmt(p["start"], "nz")),
        ("Last session", "service_date", lambda p: fmt(p["svc"], "nz")),
        ("Sessions", "sessions_attended", lambda p: p["sessions"]),
        ("Case worker", "key_worker", lambda p: rng.choice(workers)),
        ("Consent to evaluation / موافقة", "consent_evaluation", lambda p: _yn(p["consent"])),
    ]
    t = table(cols, recs)
    return ("aotearoa-refugee-whanau-services", ["refugee-family", "utf-16", "tab-delimited", "arabic-dari-headers",
                                                 "non-latin-names", "interpreter-not-consent",
                                                 "counts-not-scores", "arrival-date-distractor"],
            [("clients_Q3_unicode.tsv", "tsv", "utf-16", "\t", [t],
              lambda path: write_delimited(path, t, encoding="utf-16", delimiter="\t", newline="\r\n"))])


def L10(ctx: Ctx):
    """Alcohol and drug service: Access database dump, abbreviated headers, pipe-delimited, numeric codes."""
    rng = ctx.rng
    initials = ["HT", "MW", "JR", "SN", "AP"]
    recs = [person(ctx, {"maori": 5, "pakeha": 5, "samoan": 1, "cookis": 1}, ["Hastings", "Napier"], (17, 66),
                   female=0.4) for _ in range(142)]
    corrupt(ctx, recs, 0, 2)
    gcode = {"F": "2", "M": "1", "X": "3"}
    for p in recs:
        p["eths"] = [ETH_L2[e] for e in p["eth"]]
        p["oc"] = rng.choice(["1", "1", "2", "3", "4", "9"])
    cols = [
        ("CLT_ID", "client_ref", lambda p: str(rng.randint(1000, 9999))),
        ("CLT_NHI", "nhi", lambda p: nhi_or_blank(p) if rng.random() < 0.9 else ""),
        ("CLT_FNM", "given_names", lambda p: p["given"].upper()),
        ("CLT_LNM", "family_name", lambda p: p["family"].upper()),
        ("CLT_DOB", "date_of_birth", lambda p: fmt(p["dob"], "access")),
        ("CLT_GNDR", "gender", lambda p: gcode[p["gender"]]),
        ("CLT_ETH1", "ethnicity", lambda p: p["eths"][0]),
        ("CLT_ETH2", "ethnicity", lambda p: p["eths"][1] if len(p["eths"]) > 1 else ""),
        ("CLT_ETH3", "ethnicity", lambda p: ""),
        ("CLT_IRD", "ird", lambda p: p["ird"].replace("-", "") if rng.random() < 0.6 else ""),
        ("CLT_PH", "phone", lambda p: p["mobile"].replace(" ", "")),
        ("ADR_LN1", "address_street", lambda p: p["street"]),
        ("ADR_SUB", "address_suburb", lambda p: p["suburb"]),
        ("ADR_CTY", "address_town", lambda p: p["town"].upper()),
        ("ADR_PC", "address_postcode", lambda p: p["postcode"]),
        ("PRG_CD", "programme", lambda p: rng.choice(["AOD-CM", "AOD-DAY", "AOD-WHANAU", "MOH-PEER"])),
        ("REF_SRC", "referral_source", lambda p: rng.choice(["GP", "SELF", "CORR", "COURT", "ED", "WHANAU"])),
        ("ENR_DT", "start_date", lambda p: fmt(p["start"], "access")),
        ("SVC_DT", "service_date", lambda p: fmt(p["svc"], "access")),
        ("ATT_CNT", "sessions_attended", lambda p: p["sessions"]),
        ("OUT_CD", "outcome_status", lambda p: p["oc"]),
        ("AUDIT_SC", None, lambda p: rng.randint(3, 36)),
        ("CNST_FLG", "consent_evaluation", lambda p: "-1" if p["consent"] else "0"),
        ("WRK_INIT", "key_worker", lambda p: rng.choice(initials)),
        ("FND_CD", None, lambda p: rng.choice(["TWO-AOD-17", "TWO-AOD-17", "ACC-SR", "PVT"])),
        ("DEL_FLG", None, lambda p: "0"),
        ("REC_UPD", None, lambda p: f"{fmt(p['svc'] + dt.timedelta(days=rng.randint(0, 3)), 'iso')} "
                                    f"{rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"),
    ]
    t = table(cols, recs)
    return ("hb-aod-community-trust", ["alcohol-and-drug", "access-dump", "db-abbreviated-headers", "pipe-delimited",
                                       "numeric-gender-outcome-codes", "numbered-ethnicity-codes", "split-address",
                                       "ird", "access-boolean-consent", "initials-key-worker", "names-all-caps",
                                       "score-not-wellbeing"],
            [("tblClientQtr.txt.csv", "csv", "utf-8", "|", [t],
              lambda path: write_delimited(path, t, encoding="utf-8", delimiter="|", newline="\r\n"))])


def L11(ctx: Ctx):
    """Mental-health peer support: survey tool CSV, semicolons, decimal commas, dd.mm.yyyy, cp1252."""
    rng = ctx.rng
    peers = ctx.staff(4)
    recs = [person(ctx, {"pakeha": 6, "maori": 3, "chinese": 1, "samoan": 1}, ["Dunedin", "Invercargill"],
                   (18, 72)) for _ in range(74)]
    corrupt(ctx, recs, 1, 1)
    for p in recs:
        p["s0"] = round(rng.uniform(2.0, 7.0) * 2) / 2
        p["s1"] = min(10.0, p["s0"] + round(rng.uniform(-1.0, 3.0) * 2) / 2)

    def dec(x: float) -> str:
        return f"{x:.1f}".replace(".", ",")
    cols = [
        ("Respondent ID", None, lambda p: str(rng.randint(10 ** 9, 2 * 10 ** 9))),
        ("Submitted at", None, lambda p: f"{fmt(p['svc'], 'dots')} {rng.randint(8, 21):02d}:{rng.randint(0, 59):02d}"),
        ("Completion time (min)", None, lambda p: dec(rng.uniform(3, 19))),
        ("Your name", "full_name", lambda p: name_or_blank(p, f"{p['given']} {p['family']}".lower()
                                                           if rng.random() < 0.3 else f"{p['given']} {p['family']}")),
        ("Your date of birth", "date_of_birth", lambda p: fmt(p["dob"], "dots")),
        ("What is your gender?", "gender", lambda p: {"F": "Woman", "M": "Man", "X": "Another gender"}[p["gender"]]),
        ("Which ethnic group(s) do you belong to?", "ethnicity", lambda p: ", ".join(p["eth"])),
        ("Email (optional)", "email", lambda p: p["email"] if rng.random() < 0.5 else ""),
        ("Which peer group did you attend?", "programme", lambda p: rng.choice(["Hearing Voices", "Walk & Talk",
                                                                                "Recovery College", "Men's Shed peer"])),
        ("How many sessions did you come to?", "sessions_attended", lambda p: p["sessions"]),
        ("Score (0-10) when you started", "wellbeing_start", lambda p: dec(p["s0"])),
        ("Score (0-10) now", "wellbeing_end", lambda p: dec(p["s1"])),
        ("Hours volunteered", None, lambda p: dec(rng.choice([0, 0, 1.5, 2.5, 4, 6.5]))),
        ("Peer supporter", "key_worker", lambda p: rng.choice(peers)),
        ("May we use your answers for evaluation?", "consent_evaluation",
         lambda p: rng.choice(["Yes, that's fine", "Yes, that's fine", "No thanks"])),
    ]
    t = table(cols, recs)
    return ("southern-peer-support-network", ["mental-health-peer-support", "survey-tool", "semicolon",
                                              "decimal-commas", "dd.mm.yyyy", "cp1252", "question-headers",
                                              "lower-case-names", "response-id-not-client-id", "no-client-id"],
            [("Peer_survey_Q3_2026.csv", "csv", "cp1252", ";", [t],
              lambda path: write_delimited(path, t, encoding="cp1252", delimiter=";", newline="\r\n"))])


def L12(ctx: Ctx):
    """School attendance service: JSON export with a top-level {"data": [...]} wrapper, camelCase keys."""
    rng = ctx.rng
    officers = ctx.staff(3)
    recs = [person(ctx, {"maori": 5, "pakeha": 3, "samoan": 2, "tongan": 1, "indian": 1}, ["Porirua", "Lower Hutt"],
                   (6, 15)) for _ in range(110)]
    corrupt(ctx, recs, 1, 1)
    for p in recs:
        p["cg"] = f"{rng.choice(NAMES[p['group']][0])} {p['family']}"
        p["st"] = rng.choice(["Returned to regular attendance", "Ongoing", "Transferred to Te Kura", "Ongoing",
                              "Closed - moved out of region", "Improved, monitoring"])
    cols = [
        ("studentId", "client_ref", lambda p: f"S{rng.randint(100000, 999999)}"),
        ("nsn", None, lambda p: str(rng.randint(100000000, 159999999))),
        ("firstName", "given_names", lambda p: name_or_blank(p, p["given"])),
        ("lastName", "family_name", lambda p: name_or_blank(p, p["family"])),
        ("dateOfBirth", "date_of_birth", lambda p: fmt(p["dob"], "iso")),
        ("gender", "gender", lambda p: {"F": "F", "M": "M", "X": "U"}[p["gender"]]),
        ("ethnicities", "ethnicity", lambda p: list(p["eth"])),
        ("school", None, lambda p: rng.choice(["Porirua College", "Bishop Viard College", "Naenae College",
                                               "Cannons Creek School", "Taita College"])),
        ("yearLevel", None, lambda p: max(1, min(13, p["age"] - 4))),
        ("caregiverName", "caregiver_name", lambda p: p["cg"]),
        ("caregiverPhone", "phone", lambda p: p["mobile"]),
        ("referralDate", "start_date", lambda p: fmt(p["start"], "iso")),
        ("lastContactDate", "service_date", lambda p: fmt(p["svc"], "iso")),
        ("contactsThisTerm", "sessions_attended", lambda p: p["sessions"]),
        ("attendanceRateAtReferral", None, lambda p: round(rng.uniform(0.2, 0.7), 2)),
        ("attendanceRateNow", None, lambda p: round(rng.uniform(0.4, 0.95), 2)),
        ("status", "outcome_status", lambda p: p["st"]),
        ("evaluationConsent", "consent_evaluation", lambda p: bool(p["consent"])),
        ("attendanceOfficer", "key_worker", lambda p: rng.choice(officers)),
    ]
    t = table(cols, recs)

    def write(path):
        data = [{c["header"]: v for c, v in zip(t["cols"], r, strict=True)} for r in t["rows"]]
        doc = {"exportedAt": "2026-10-03T09:14:22+13:00", "source": "AttendanceHub v3",
               "term": "Term 3 2026", "count": len(data), "data": data}
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return ("porirua-hutt-attendance-service", ["school-attendance", "json", "data-wrapper", "camelCase",
                                                "child-client", "caregiver-columns", "ethnicity-list",
                                                "rates-not-scores", "boolean-consent", "nsn-distractor"],
            [("attendance_export_term3.json", "json", "utf-8", None, [t], write)])


def L13(ctx: Ctx):
    """Kaumātua financial mentoring: hand-built register, spacer columns, ages beside a few DOBs, TOTALS block."""
    rng = ctx.rng
    mentors = ctx.staff(3)
    recs = [person(ctx, {"maori": 8, "pakeha": 2, "cookis": 1}, ["Wairoa", "Napier", "Hastings"], (60, 92))
            for _ in range(66)]
    corrupt(ctx, recs, 1, 1)
    for p in recs:
        p["showdob"] = p.get("baddob") or rng.random() < 0.25
        p["whanau"] = f"{rng.choice(NAMES['maori'][0] + NAMES['pakeha'][0])} {p['family']}"
    blank = lambda p: ""  # noqa: E731
    cols = [
        ("No.", None, None),
        ("Name", "full_name", lambda p: name_or_blank(p, f"{p['family'].upper()}, {p['given']}")),
        ("Age", None, lambda p: p["age"]),
        ("DOB (if known)", "date_of_birth", lambda p: fmt(p["dob"], "long") if p["showdob"] else ""),
        ("", None, blank),
        ("Ph", "phone", lambda p: p["landline"] if rng.random() < 0.6 else p["mobile"]),
        ("Addr", "address", lambda p: f"{p['street']}, {p['town']}"),
        ("Whānau contact", "caregiver_name", lambda p: p["whanau"]),
        ("", None, blank),
        ("Date joined", "start_date", lambda p: fmt(p["start"], "long")),
        ("Last hui", "service_date", lambda p: fmt(p["svc"], "long")),
        ("Hui attended", "sessions_attended", lambda p: p["sessions"]),
        ("Pension only?", None, lambda p: rng.choice(["Y", "Y", "N"])),
        ("Mentor", "key_worker", lambda p: rng.choice(mentors)),
        ("", None, blank),
        ("Kōrero", "case_notes", lambda p: rng.choice([
            "Helped Nan set up automatic payment for the power, she was worried about a disconnection letter.",
            "Koro wants to stop lending money to mokopuna; practised how to say no kindly.",
            "Reviewed funeral fund savings. Whānau to meet with us next month.",
            "Scam text received, we reported it and changed bank password together.",
            "Rates rebate form completed and posted.", ""])),
    ]
    counter = iter(range(1, 10_000))
    cols[0] = ("No.", None, lambda p: next(counter))
    title = [["KAUMĀTUA MONEY MENTORING - REGISTER"], ["Quarter: Jul - Sep 2026", "", "", "Prepared by: Mere"], []]
    t = table(cols, recs, sheet="Register", pre_rows=title)
    n = len(recs)
    t["footer"] = [[], ["TOTALS"], ["Kaumātua seen", n], ["Hui held", sum(p["sessions"] for p in recs)],
                   ["New this quarter", sum(1 for p in recs if p["start"] >= ctx.q0)]]
    sheets = [{"title": "Register", "table": t}]
    return ("kaumatua-money-mentors-te-wairoa", ["kaumatua", "financial-mentoring", "hand-built-register",
                                                 "blank-spacer-columns", "totals-block", "ages-beside-few-dobs",
                                                 "row-numbers", "3-Sept-2026-dates", "title-rows", "abbrev-headers"],
            [("Register Q3.xlsx", "xlsx", None, None, [t], lambda path: write_xlsx(path, sheets))])


def L14(ctx: Ctx):
    """City mission tenancy sustainment: CRM report CSV with a metadata header block, cp1252, CRLF."""
    rng = ctx.rng
    workers = ctx.staff(5)
    recs = [person(ctx, {"pakeha": 4, "maori": 4, "samoan": 1, "tongan": 1, "african": 1}, ["Christchurch"],
                   (18, 78), female=0.45) for _ in range(155)]
    corrupt(ctx, recs, 2, 1)
    outcomes = ["Tenancy sustained", "Tenancy sustained - rent arrears cleared", "Moved to Kainga Ora property",
                "Evicted - referred to emergency housing", "Still working with client", "Disengaged"]
    cols = [
        ("Client No.:", "client_ref", lambda p: str(rng.randint(200000, 299999))),
        ("Name:", "full_name", lambda p: name_or_blank(p, f"{p['family']}, {p['given']}")),
        ("Date of Birth (DD/MM/YYYY):", "date_of_birth", lambda p: fmt(p["dob"], "nz")),
        ("Gender:", "gender", lambda p: {"F": "Female", "M": "Male", "X": "Gender diverse"}[p["gender"]]),
        ("Ethnicity (Primary)", "ethnicity", lambda p: p["eth"][0]),
        ("Ethnicity (Secondary)", "ethnicity", lambda p: p["eth"][1] if len(p["eth"]) > 1 else ""),
        ("Address Line 1", "address_street", lambda p: p["street"]),
        ("Suburb", "address_suburb", lambda p: p["suburb"]),
        ("Town/City", "address_town", lambda p: p["town"]),
        ("Post Code", "address_postcode", lambda p: p["postcode"]),
        ("Mobile/Phone", "phone", lambda p: p["mobile"]),
        ("Tenancy Start", None, lambda p: fmt(rand_date(rng, dt.date(2018, 1, 1), ctx.q0), "nz")),
        ("Landlord Type", None, lambda p: rng.choice(["Kāinga Ora", "Private", "CHP", "Council"])),
        ("Rent Arrears ($)", None, lambda p: f"{rng.choice([0, 0, 120, 480, 1350, 2900])}.00"),
        ("Risk Rating", None, lambda p: rng.choice(["Low", "Medium", "High"])),
        ("Programme Start", "start_date", lambda p: fmt(p["start"], "nz")),
        ("Last Visit", "service_date", lambda p: fmt(p["svc"], "nz")),
        ("Outcome:", "outcome_status", lambda p: rng.choice(outcomes)),
        ("Consent Given?", "consent_evaluation", lambda p: _yn(p["consent"])),
        ("Case Manager", "key_worker", lambda p: rng.choice(workers)),
    ]
    meta = [["Report:", "Tenancy Sustainment - Active & Closed Clients"],
            ["Run by:", "d.fraser@citymission-example.org.nz"],
            ["Run date:", "06/10/2026 08:41"],
            ["Filter:", "Programme = TSP; Quarter = 2026Q2"], []]
    t = table(cols, recs, pre_rows=meta)
    return ("otautahi-city-mission", ["tenancy-sustainment", "city-mission", "crm-report", "metadata-header-block",
                                      "staff-email-in-metadata", "cp1252", "crlf", "trailing-colon-headers",
                                      "split-address", "two-ethnicity-columns", "risk-rating-not-wellbeing"],
            [("TSP_Client_Report.csv", "csv", "cp1252", ",", [t],
              lambda path: write_delimited(path, t, encoding="cp1252", delimiter=",", newline="\r\n"))])


def L15(ctx: Ctx):
    """Men's behaviour-change programme: Microsoft Forms download (xlsx), US-style dates, line breaks in headers."""
    rng = ctx.rng
    facs = ctx.staff(4)
    recs = [person(ctx, {"maori": 5, "pakeha": 4, "samoan": 1, "tongan": 1, "indian": 1}, ["Hamilton"], (19, 58),
                   female=0.0) for _ in range(92)]
    corrupt(ctx, recs, 1, 2)
    t0 = dt.datetime(ctx.q1.year, ctx.q1.month, 20, 9, 0)

    def us_dt(x: dt.datetime) -> str:
        return f"{x.month}/{x.day}/{x.year} {x.hour}:{x.minute:02d}:{x.second:02d}"
    for i, p in enumerate(recs):
        p["st"] = t0 + dt.timedelta(minutes=17 * i + rng.randint(0, 9), seconds=rng.randint(0, 59))
    cols = [
        ("ID", None, lambda p: recs.index(p) + 1),
        ("Start time", None, lambda p: us_dt(p["st"])),
        ("Completion time", None, lambda p: us_dt(p["st"] + dt.timedelta(seconds=rng.randint(90, 600)))),
        ("Email", None, lambda p: "anonymous"),
        ("Name", None, lambda p: ""),
        ("Participant's full name", "full_name", lambda p: name_or_blank(p, f"{p['given']} {p['family']}")),
        ("Participant's date of birth", "date_of_birth", lambda p: fmt(p["dob"], "us")),
        ("Which programme stream?", "programme", lambda p: rng.choice(["Stopping Violence 16-week",
                                                                       "Tāne Ora kaupapa Māori stream",
                                                                       "Pasifika men's group"])),
        ("Date of intake", "start_date", lambda p: fmt(p["start"], "us")),
        ("Date of last session\nattended", "service_date", lambda p: fmt(p["svc"], "us")),
        ("Number of sessions attended", "sessions_attended", lambda p: p["sessions"]),
        ("Protection order\nin place?", None, lambda p: rng.choice(["Yes", "No", "Unknown"])),
        ("Risk level at\nintake", None, lambda p: rng.choice(["Low", "Medium", "High"])),
        ("Partner contact consented?", None, lambda p: rng.choice(["Yes", "No", "N/A - no current partner"])),
        ("Consent to use information for evaluation", "consent_evaluation",
         lambda p: _yn(p["consent"], "I consent", "I do not consent")),
        ("Exit status", "outcome_status", lambda p: rng.choice(["Completed programme", "Still attending",
                                                                "Exited - breached", "Exited - moved away",
                                                                "Withdrew"])),
        ("Facilitator", "key_worker", lambda p: rng.choice(facs)),
    ]
    t = table(cols, recs, sheet="Sheet1")
    sheets = [{"title": "Sheet1", "table": t}]
    return ("waikato-stopping-violence", ["mens-behaviour-change", "ms-forms-download", "us-dates", "forms-metadata-columns",
                                          "empty-Name-column", "line-breaks-in-headers",
                                          "partner-consent-not-evaluation-consent", "consent-phrases"],
            [("Quarterly participant return(1-92).xlsx", "xlsx", None, None, [t],
              lambda path: write_xlsx(path, sheets))])


def L16(ctx: Ctx):
    """Foodbank / social supermarket: no ids at all, one row per visit, gzip CSV in two parts."""
    rng = ctx.rng
    pool = [person(ctx, {"pakeha": 4, "maori": 4, "samoan": 1, "tongan": 1, "indian": 1, "middle_east": 1},
                   ["Auckland"], (18, 80)) for _ in range(70)]
    visits = []
    for p in pool:
        for _ in range(rng.randint(1, 4)):
            q = dict(p)
            q["svc"] = weekday_in(rng, ctx.q0, ctx.q1)
            visits.append(q)
    visits.sort(key=lambda q: q["svc"])
    mid = dt.date(ctx.q0.year, ctx.q0.month + 2, 1)
    parts = [[q for q in visits if q["svc"] < mid], [q for q in visits if q["svc"] >= mid]]
    files = []
    cols = [
        ("Date", "service_date", lambda q: fmt(q["svc"], "nz_nopad")),
        ("Name", "full_name", lambda q: name_or_blank(q, f"{q['given']} {q['family']}".lower()
                                                      if rng.random() < 0.2 else f"{q['given']} {q['family']}")),
        ("Phone", "phone", lambda q: q["mobile"] if rng.random() < 0.8 else ""),
        ("Suburb", "address_suburb", lambda q: q["suburb"]),
        ("Adults", None, lambda q: rng.randint(1, 3)),
        ("Children", None, lambda q: rng.randint(0, 6)),
        ("Parcel type", None, lambda q: rng.choice(["Standard", "Large family", "Halal", "Vego", "Baby pack"])),
        ("Referred by", "referral_source", lambda q: rng.choice(["WINZ", "Self", "Church", "Plunket", "School",
                                                                "Budget service"])),
        ("Notes for agency", None, lambda q: rng.choice(["", "", "RPT", "NEW", "WINZ-LTR", "DEL", "X2"])),
    ]
    for k, recs in enumerate(parts, 1):
        corrupt(ctx, recs, 2 if k == 1 else 1, 0)
        t = table(cols, recs)
        name = f"foodbank_{ctx.quarter}_part{k}.csv.gz"
        files.append((name, "csv.gz", "utf-8", ",", [t],
                      (lambda tt: lambda path: write_delimited(path, tt, encoding="utf-8", delimiter=",", gz=True))(t)))
    return ("manukau-community-foodbank", ["foodbank", "no-client-id", "no-dob", "long-format", "gzip", "two-parts",
                                           "lower-case-names", "notes-for-agency-codes", "counts-not-scores"], files)


def L17(ctx: Ctx):
    """Youth justice programme: workbook with cover sheet, data on sheet 2, codebook sheet, snake_case, serials."""
    rng = ctx.rng
    mentors = ctx.staff(4)
    recs = [person(ctx, {"maori": 6, "pakeha": 2, "samoan": 1, "tongan": 1, "cookis": 1}, ["Rotorua", "Tokoroa"],
                   (13, 17), female=0.25) for _ in range(104)]
    corrupt(ctx, recs, 1, 2)
    notes = ["YP engaged well at the gym session, talked about getting a learner licence.",
             "Mum says YP has been home by curfew all week. Attended school four days out of five.",
             "Did not show for the FGC plan review. Will visit at home with kaumātua.",
             "Completed the first aid course with the group; really proud of it.",
             "Police contact on the weekend, no charges. Discussed triggers and who to call."]
    reasons = ["Court referral after burglary charge", "Youth Aid alternative action", "FGC plan requirement",
               "School referral for truancy and fighting", "Whānau asked for help"]
    for p in recs:
        p["oc"] = rng.choice([1, 1, 2, 3, 4])
    cols = [
        ("yp_id", "client_ref", lambda p: f"YJ{rng.randint(1000, 9999)}"),
        ("yp_first_name", "given_names", lambda p: name_or_blank(p, p["given"])),
        ("yp_last_name", "family_name", lambda p: name_or_blank(p, p["family"])),
        ("dob", "date_of_birth", lambda p: excel_serial(p["dob"]) if isinstance(p["dob"], dt.date) and not p.get("baddob")
         else fmt(p["dob"], "nz")),
        ("gender_cd", "gender", lambda p: {"M": 1, "F": 2, "X": 3}[p["gender"]]),
        ("eth_cd", "ethnicity", lambda p: int(ETH_L2[p["eth"][0]])),
        ("iwi", "iwi", lambda p: p["iwi"]),
        ("reason_for_referral", None, lambda p: rng.choice(reasons)),
        ("fgc_date", None, lambda p: excel_serial(p["start"] - dt.timedelta(days=rng.randint(5, 40)))),
        ("start_dt", "start_date", lambda p: excel_serial(p["start"])),
        ("last_contact_dt", "service_date", lambda p: excel_serial(p["svc"])),
        ("contacts_qtr", "sessions_attended", lambda p: p["sessions"]),
        ("mentor", "key_worker", lambda p: rng.choice(mentors)),
        ("outcome_cd", "outcome_status", lambda p: p["oc"]),
        ("reoffend_flag", None, lambda p: rng.choice(["N", "N", "N", "Y"])),
        ("school_enrolled", None, lambda p: rng.choice(["Y", "Y", "N"])),
        ("consent_eval", "consent_evaluation", lambda p: _yn(p["consent"], "Y", "N")),
        ("youth_worker_notes", "case_notes", lambda p: rng.choice(notes)),
    ]
    t = table(cols, recs, sheet="Data")
    cover = [["Rangatahi Justice Programme - Quarterly Return"], [],
             ["Instructions", "Please complete one row per young person active in the quarter."],
             ["Dates", "Enter dates as numbers exported from CYRAS/our database (Excel serial)."],
             ["Questions", "Contact Hemi Walker, data lead: hemi.walker@rangatahi-justice-example.nz"],
             ["Version", "v4.2 (2025)"]]
    codebook = [["Field", "Code", "Meaning"],
                ["gender_cd", 1, "Male"], ["gender_cd", 2, "Female"], ["gender_cd", 3, "Another gender"],
                ["gender_cd", 9, "Not stated"],
                ["outcome_cd", 1, "Ongoing"], ["outcome_cd", 2, "Completed plan"], ["outcome_cd", 3, "Exited early"],
                ["outcome_cd", 4, "Transferred / remanded"],
                ["eth_cd", "", "Stats NZ level 2 ethnicity code (e.g. 21 = Māori)"]]
    sheets = [{"title": "Cover", "rows": cover}, {"title": "Data", "table": t}, {"title": "Codebook", "rows": codebook}]
    return ("rangatahi-justice-rotorua", ["youth-justice", "cover-sheet-with-staff-email", "data-on-second-sheet",
                                          "codebook-sheet", "numeric-codes", "snake_case", "excel-serial-numbers",
                                          "fgc-date-distractor", "reason-for-referral-not-notes"],
            [("RJP_Q3_return.xlsx", "xlsx", None, None, [t], lambda path: write_xlsx(path, sheets))])


def L18(ctx: Ctx):
    """Disability respite: Google Sheets TSV download, quoted fields with tabs/newlines, date split in two columns."""
    rng = ctx.rng
    recs = [person(ctx, {"pakeha": 5, "maori": 3, "indian": 1, "chinese": 1, "samoan": 1},
                   ["Palmerston North", "Hastings", "Napier"], (4, 45)) for _ in range(81)]
    corrupt(ctx, recs, 1, 1)
    for p in recs:
        p["carer"] = f"{rng.choice(NAMES[p['group']][0])} {p['family']}"
    comments = ["Stay went well.\nAsked for the same support worker next time.",
                "Carer exhausted, requested extra nights\tpending NASC review.",
                "Needed hoist - booked accessible room.", "",
                "Mum says \"best weekend in months\".", "Seizure on Sat night, managed per plan; carer informed."]
    cols = [
        ("Person supported", "full_name", lambda p: name_or_blank(p, f"{p['given']} {p['family']}")),
        ("NHI", "nhi", lambda p: nhi_or_blank(p)),
        ("DOB", "date_of_birth", lambda p: fmt(p["dob"], "ymd_slash")),
        ("Disability (primary)", None, lambda p: rng.choice(["Autism", "Intellectual disability", "Cerebral palsy",
                                                             "Down syndrome", "Physical", "ABI"])),
        ("Wheelchair user?", None, lambda p: rng.choice(["Y", "N", "N"])),
        ("Carer name", "caregiver_name", lambda p: p["carer"]),
        ("Carer phone", "phone", lambda p: p["mobile"]),
        ("Carer email", "email", lambda p: p["email"]),
        ("Town", "address_town", lambda p: p["town"]),
        ("Funding (MoH/ACC/Private)", None, lambda p: rng.choice(["MoH", "MoH", "ACC", "Private", "WMH"])),
        ("NASC assessment date", None, lambda p: fmt(p["start"] - dt.timedelta(days=rng.randint(30, 500)), "ymd_slash")),
        ("Allocation (nights/yr)", None, lambda p: rng.choice([14, 21, 28, 42, 56])),
        ("Respite nights used", "sessions_attended", lambda p: p["sessions"]),
        ("Last stay - day", "service_date", lambda p: p["svc"].day),
        ("Last stay - month/year", "service_date", lambda p: f"{MON[p['svc'].month - 1]} {p['svc'].year}"),
        ("Comments", "case_notes", lambda p: rng.choice(comments)),
    ]
    t = table(cols, recs)
    return ("manawatu-respite-whanau", ["disability-respite", "google-sheets-tsv", "quoted-tabs-newlines",
                                        "date-split-day-and-month-year", "carer-details", "ymd-slash-dates",
                                        "allocation-not-score", "no-client-id"],
            [("Respite log - Q3.tsv", "tsv", "utf-8", "\t", [t],
              lambda path: write_delimited(path, t, encoding="utf-8", delimiter="\t"))])


def L19(ctx: Ctx):
    """Sexual-violence support: Google Forms responses CSV, trailing colons, sloppy ethnicity, minimal ids."""
    rng = ctx.rng
    counsellors = ctx.staff(4)
    recs = [person(ctx, {"pakeha": 5, "maori": 4, "samoan": 1, "chinese": 1, "indian": 1}, ["Wellington", "Porirua"],
                   (16, 60), female=0.85) for _ in range(67)]
    corrupt(ctx, recs, 2, 1)
    gend = {"F": ["Wahine", "Female", "F", "woman"], "M": ["Tane", "Male", "M"], "X": ["Non-binary",
                                                                                      "Prefer not to say"]}
    bands = [(16, 17, "16-17"), (18, 24, "18-24"), (25, 34, "25-34"), (35, 49, "35-49"), (50, 99, "50+")]

    def ts(p):
        x = dt.datetime.combine(p["svc"], dt.time(rng.randint(8, 20), rng.randint(0, 59), rng.randint(0, 59)))
        return f"{x.year}/{x.month:02d}/{x.day:02d} {x.hour % 12 or 12}:{x.minute:02d}:{x.second:02d} " \
               f"{'pm' if x.hour >= 12 else 'am'} GMT{nz_offset(p['svc'])[:3]}"
    for p in recs:
        p["show_dob"] = p.get("baddob") or rng.random() < 0.6
    cols = [
        ("Timestamp", None, ts),
        ("Client code:", "client_ref", lambda p: f"SV-{ctx.q0.year % 100}-{rng.randint(1, 400):03d}"),
        ("First name:", "given_names", lambda p: name_or_blank(p, p["given"])),
        ("Age group:", None, lambda p: next(b[2] for b in bands if b[0] <= p["age"] <= b[1])),
        ("Date of birth (if given):", "date_of_birth", lambda p: fmt(p["dob"], "nz") if p["show_dob"] else ""),
        ("Ethnicity:", "ethnicity", lambda p: eth_sloppy(rng, p, ", ")),
        ("Gender:", "gender", lambda p: rng.choice(gend[p["gender"]])),
        ("Support type:", "programme", lambda p: rng.choice(["Crisis support", "Counselling (ACC ISSC)",
                                                             "Court support", "Whānau support"])),
        ("Referral pathway:", "referral_source", lambda p: rng.choice(["Police", "Self", "GP", "School", "Helpline",
                                                                       "Friend"])),
        ("ACC claim number:", None, lambda p: f"{rng.choice('ABCDEFGH')}{rng.randint(10 ** 8, 10 ** 9 - 1)}"
                                             if rng.random() < 0.5 else ""),
        ("Counsellor:", "key_worker", lambda p: rng.choice(counsellors)),
        ("Sessions (ACC funded):", "sessions_attended", lambda p: p["sessions"]),
        ("Date first seen:", "start_date", lambda p: fmt(p["start"], "nz")),
        ("Date last seen:", "service_date", lambda p: fmt(p["svc"], "nz")),
        ("Consent for anonymised data use:", "consent_evaluation",
         lambda p: rng.choice(["Signed", "Signed", "Verbal", "Declined", "Not asked"])),
    ]
    t = table(cols, recs)
    return ("wellington-sv-support-services", ["sexual-violence-support", "google-forms-csv", "trailing-colons",
                                               "given-name-only", "sloppy-ethnicity-labels", "wahine-tane-gender",
                                               "acc-claim-distractor", "age-band-and-partial-dob", "crlf"],
            [("Client contacts (Responses) - Form responses 1.csv", "csv", "utf-8", ",", [t],
              lambda path: write_delimited(path, t, encoding="utf-8", delimiter=",", newline="\r\n"))])


def L20(ctx: Ctx):
    """Grandparents raising grandchildren: wide case-management export (35 columns), NHI-like invalid client ids."""
    rng = ctx.rng
    workers = ctx.staff(4)
    recs = [person(ctx, {"maori": 5, "pakeha": 4, "samoan": 1, "tongan": 1, "cookis": 1},
                   ["Whangārei", "Auckland", "Hamilton"], (48, 82), female=0.75) for _ in range(133)]
    corrupt(ctx, recs, 1, 2)
    for p in recs:
        p["cid"] = fake_nhi_like(rng)
        p["w1"] = w_end(rng, p)
    cols = [
        ("Row #", None, lambda p: recs.index(p) + 1),
        ("Client ID", "client_ref", lambda p: p["cid"]),
        ("Title", None, lambda p: {"F": rng.choice(["Mrs", "Ms", "Whaea"]), "M": "Mr", "X": "Mx"}[p["gender"]]),
        ("Given name(s)", "given_names", lambda p: name_or_blank(p, p["given"])),
        ("Family name", "family_name", lambda p: name_or_blank(p, p["family"])),
        ("Date of birth", "date_of_birth", lambda p: p["dob"] if isinstance(p["dob"], dt.date) else fmt(p["dob"], "nz")),
        ("Age at intake", None, lambda p: p["age"]),
        ("Gender", "gender", lambda p: {"F": "Female", "M": "Male", "X": "Another gender"}[p["gender"]]),
        ("Ethnicity 1", "ethnicity", lambda p: p["eth"][0]),
        ("Ethnicity 2", "ethnicity", lambda p: p["eth"][1] if len(p["eth"]) > 1 else ""),
        ("Iwi", "iwi", lambda p: p["iwi"]),
        ("Phone (home/mobile)", "phone", lambda p: p["landline"] if rng.random() < 0.5 else p["mobile"]),
        ("Email", "email", lambda p: p["email"] if rng.random() < 0.5 else ""),
        ("Street address", "address_street", lambda p: p["street"]),
        ("Suburb", "address_suburb", lambda p: p["suburb"]),
        ("City", "address_town", lambda p: p["town"]),
        ("Postcode", "address_postcode", lambda p: p["postcode"]),
        ("Grandchildren in care", None, lambda p: rng.randint(1, 5)),
        ("Ages of grandchildren", None, lambda p: ", ".join(str(rng.randint(1, 16)) for _ in range(rng.randint(1, 3)))),
        ("Legal order type", None, lambda p: rng.choice(["Parenting order", "s101 custody", "None yet",
                                                         "Whāngai (informal)", "Guardianship"])),
        ("Oranga Tamariki involved?", None, lambda p: rng.choice(["Yes", "No", "No"])),
        ("Income source", None, lambda p: rng.choice(["Super", "Wage", "Benefit", "Unsupported Child's Benefit"])),
        ("Programme", "programme", lambda p: rng.choice(["GRG support group", "GRG 1:1 advocacy", "Kin carer workshop"])),
        ("Referral source", "referral_source", lambda p: rng.choice(["Oranga Tamariki", "School", "Self", "GP",
                                                                     "Church", "Work and Income"])),
        ("File open date", "start_date", lambda p: p["start"]),
        ("Last session date", "service_date", lambda p: p["svc"]),
        ("File closed date", None, lambda p: p["svc"] + dt.timedelta(days=rng.randint(0, 15)) if rng.random() < 0.2 else ""),
        ("Sessions attended", "sessions_attended", lambda p: p["sessions"]),
        ("Wellbeing score at intake (1-10)", "wellbeing_start", lambda p: p["w0"]),
        ("Wellbeing score at review (1-10)", "wellbeing_end", lambda p: p["w1"]),
        ("Review due", None, lambda p: p["svc"] + dt.timedelta(days=90)),
        ("Outcome", "outcome_status", lambda p: rng.choice(["Ongoing", "Ongoing", "Closed - goals achieved",
                                                            "Closed - no longer caring", "Closed - declined service"])),
        ("Evaluation consent", "consent_evaluation", lambda p: rng.choice(["Consented", "Consented", "Not consented",
                                                                           "Not asked"])),
        ("Primary worker", "key_worker", lambda p: rng.choice(workers)),
        ("Case note summary", "case_notes", lambda p: rng.choice([
            "Nana caring for three mokopuna since July; struggling with school uniform costs. Applied for grant.",
            "Attended support group, shared experience of Family Court process with others.",
            "Grandad unwell, respite arranged through the church for two weekends.",
            "Worked through OT paperwork together; next step is a lawyer appointment.", ""])),
        ("Funder code", None, lambda p: rng.choice(["OT-GRG-22", "OT-GRG-22", "LOT-N"])),
        ("Contract line", None, lambda p: rng.choice(["3.1", "3.2"])),
        ("Record created", None, lambda p: dt.datetime.combine(p["start"], dt.time(rng.randint(8, 17), rng.randint(0, 59)))),
        ("Modified by", None, lambda p: rng.choice(["jtaufa", "admin", "mwilson", "sync"])),
        ("Column1", None, lambda p: ""),
    ]
    t = table(cols, recs, sheet="Export")
    sheets = [{"title": "Export", "table": t, "date_fmt": "d/mm/yyyy", "hidden": [37, 38]}]
    return ("grandparents-raising-grandkids-north", ["grandparents-raising-grandchildren", "wide-export-40-columns",
                                                     "nhi-like-invalid-client-ids", "Column1-blank", "row-numbers",
                                                     "excel-dates", "numbered-ethnicity", "split-address",
                                                     "counts-not-scores", "hidden-columns", "review-due-distractor"],
            [("CMS_Export_GRG_2026Q3.xlsx", "xlsx", None, None, [t], lambda path: write_xlsx(path, sheets))])


LAYOUTS = [(L01, "2026Q3"), (L02, "2026Q3"), (L03, "2026Q2"), (L04, "2026Q3"), (L05, "2026Q3"), (L06, "2026Q3"),
           (L07, "2026Q3"), (L08, "2026Q2"), (L09, "2026Q3"), (L10, "2026Q2"), (L11, "2026Q3"), (L12, "2026Q3"),
           (L13, "2026Q3"), (L14, "2026Q2"), (L15, "2026Q3"), (L16, "2026Q3"), (L17, "2026Q3"), (L18, "2026Q3"),
           (L19, "2026Q2"), (L20, "2026Q3")]


def generate(out_dir: pathlib.Path) -> list[dict]:
    out_dir = pathlib.Path(out_dir)
    truths = []
    for n, (fn, quarter) in enumerate(LAYOUTS, 1):
        layout_id = f"EIGHTH{n:02d}"
        ctx = Ctx(n, quarter)
        provider, features, files = fn(ctx)
        land = out_dir / layout_id / "landing" / provider / quarter
        land.mkdir(parents=True, exist_ok=True)
        ftruth = []
        for name, fmt_, enc, delim, tables, writer in files:
            writer(land / name)
            ftruth.append(file_truth(name, fmt_, enc, delim, tables))
        truth = {"layout_id": layout_id, "provider": provider, "quarter": quarter, "features": features,
                 "files": ftruth}
        (out_dir / layout_id / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2),
                                                        encoding="utf-8")
        truths.append(truth)
    return truths


# --------------------------------------------------------------------------
# Self-check: re-read every file and compare with its truth
# --------------------------------------------------------------------------
_DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%Y/%m/%d", "%d-%b-%y", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S",
                 "%d %b %Y"]


def _parse_date(v, us: bool = False):
    """-> date, or False if present but not a real date, or None if empty."""
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, (int, float)):
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(v))
    s = str(v).strip()
    if len(s) >= 19 and s[10] == "T":
        s = s[:10]
    s = s.replace("Sept", "Sep").replace("June", "Jun").replace("July", "Jul")
    for f in (["%m/%d/%Y"] if us else []) + _DATE_FORMATS:
        try:
            return dt.datetime.strptime(s, f).date()
        except ValueError:
            continue
    return False


def _read_delimited(path: pathlib.Path, f: dict) -> list[list]:
    raw = path.read_bytes()
    if f["format"] == "csv.gz":
        raw = gzip.decompress(raw)
    enc = f["encoding"]
    if enc == "utf-8" and raw.startswith(b"\xef\xbb\xbf"):
        raise AssertionError(f"{path.name}: unexpected BOM")
    if enc == "utf-8-sig" and not raw.startswith(b"\xef\xbb\xbf"):
        raise AssertionError(f"{path.name}: BOM missing")
    text = raw.decode(enc)
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=f["delimiter"])]


def _read_ods(path: pathlib.Path) -> dict[str, list[list]]:
    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}
    with zipfile.ZipFile(path) as z:
        assert z.namelist()[0] == "mimetype"
        root = ET.fromstring(z.read("content.xml"))
    out = {}
    for tb in root.iter(f"{{{ns['table']}}}table"):
        rows = []
        for tr in tb.iter(f"{{{ns['table']}}}table-row"):
            row = []
            for tc in tr.findall("table:table-cell", ns):
                vt = tc.get(f"{{{ns['office']}}}value-type")
                if vt == "date":
                    row.append(dt.date.fromisoformat(tc.get(f"{{{ns['office']}}}date-value")))
                elif vt == "float":
                    row.append(float(tc.get(f"{{{ns['office']}}}value")))
                else:
                    row.append("\n".join("".join(p.itertext()) for p in tc.findall("text:p", ns)))
            rows.append(row)
        out[tb.get(f"{{{ns['table']}}}name")] = rows
    return out


def _cell(row: list, i: int):
    v = row[i] if i < len(row) else None
    return "" if v is None else v


def check(out_dir: pathlib.Path, truths: list[dict]) -> list[str]:
    from openpyxl import load_workbook
    problems: list[str] = []
    stats = {"layouts": 0, "files": 0, "tables": 0, "columns": 0, "mapped": 0, "rows": 0, "valid": 0}
    for tr in truths:
        stats["layouts"] += 1
        lid = tr["layout_id"]
        land = out_dir / lid / "landing" / tr["provider"] / tr["quarter"]
        on_disk = sorted(p.name for p in land.iterdir())
        if on_disk != sorted(f["name"] for f in tr["files"]):
            problems.append(f"{lid}: files on disk {on_disk}")
        q0, q1 = QUARTERS[tr["quarter"]]
        for f in tr["files"]:
            stats["files"] += 1
            path = land / f["name"]
            merged = {}
            if f["format"] in ("csv", "tsv", "csv.gz"):
                sheets = {None: _read_delimited(path, f)}
            elif f["format"] == "xlsx":
                wb = load_workbook(path)
                sheets = {}
                for ws in wb.worksheets:
                    sheets[ws.title] = [list(r) for r in ws.iter_rows(values_only=True)]
                    merged[ws.title] = [(m.min_row, m.min_col, m.max_col) for m in ws.merged_cells.ranges]
            elif f["format"] == "ods":
                sheets = _read_ods(path)
            elif f["format"] == "json":
                doc = json.loads(path.read_text(encoding="utf-8"))
                recs = doc["data"] if isinstance(doc, dict) else doc
                keys = list(recs[0].keys())
                sheets = {None: [keys] + [[r.get(k) for k in keys] for r in recs]}
            else:
                problems.append(f"{lid}/{f['name']}: unknown format")
                continue
            total_rows = total_valid = 0
            us = "us-dates" in tr["features"]
            for t in f["tables"]:
                stats["tables"] += 1
                rows = sheets.get(t["sheet"])
                if rows is None:
                    problems.append(f"{lid}/{f['name']}: sheet {t['sheet']!r} missing")
                    continue
                hdr = rows[t["header_row"] - 1]
                for c in t["columns"]:
                    stats["columns"] += 1
                    stats["mapped"] += c["target"] is not None
                    got = _cell(hdr, c["index"])
                    if got != c["header"]:
                        problems.append(f"{lid}/{f['name']}: header at {c['index']} is {got!r}, truth {c['header']!r}")
                    if c["group"] is not None:
                        gr = t["header_row"] - 1
                        col1 = c["index"] + 1
                        start = next((m for m in merged.get(t["sheet"], []) if m[0] == gr and m[1] <= col1 <= m[2]),
                                     (gr, col1, col1))
                        gval = rows[gr - 1][start[1] - 1]
                        if gval != c["group"]:
                            problems.append(f"{lid}/{f['name']}: group over {c['header']!r} is {gval!r}")
                data = []
                for r in rows[t["header_row"]:]:
                    if all(v in (None, "") for v in r):
                        break
                    first = next((v for v in r if v not in (None, "")), "")
                    if isinstance(first, str) and first.upper().startswith("TOTAL"):
                        break
                    data.append(r)
                if len(data) != t["rows"]:
                    problems.append(f"{lid}/{f['name']}: {len(data)} data rows read, truth {t['rows']}")
                if not 60 <= t["rows"] <= 200:
                    problems.append(f"{lid}/{f['name']}: table has {t['rows']} rows (want 60-200)")
                ident = [c["index"] for c in t["columns"] if c["target"] in NAME_TARGETS | {"nhi"}]
                dobs = [c["index"] for c in t["columns"] if c["target"] == "date_of_birth"]
                svcs = [c["index"] for c in t["columns"] if c["target"] == "service_date"]
                nhis = [c["index"] for c in t["columns"] if c["target"] == "nhi"]
                refs = [c["index"] for c in t["columns"] if c["target"] == "client_ref"]
                irds = [c["index"] for c in t["columns"] if c["target"] == "ird"]
                valid = 0
                for r in data:
                    ok = any(str(_cell(r, i)).strip() for i in ident)
                    for i in dobs:
                        d = _parse_date(_cell(r, i), us)
                        if d is False or (d and d > TODAY):
                            ok = False
                        elif d and not (dt.date(1920, 1, 1) <= d < q0):
                            problems.append(f"{lid}/{f['name']}: unrealistic DOB {d}")
                    valid += ok
                    if len(svcs) == 1:
                        d = _parse_date(_cell(r, svcs[0]), us)
                        if d is False or (d and not q0 <= d <= q1):
                            problems.append(f"{lid}/{f['name']}: service date {_cell(r, svcs[0])!r} outside quarter")
                    for i in nhis:
                        v = str(_cell(r, i))
                        if v and not nhi_is_valid(v):
                            problems.append(f"{lid}/{f['name']}: invalid NHI {v}")
                    for i in irds:
                        v = str(_cell(r, i))
                        if v and not ird_is_valid(v):
                            problems.append(f"{lid}/{f['name']}: invalid IRD {v}")
                    for i in refs:
                        v = str(_cell(r, i))
                        if len(v) == 7 and nhi_is_valid(v):
                            problems.append(f"{lid}/{f['name']}: client ref {v} is a valid NHI")
                total_rows += len(data)
                total_valid += valid
            if total_rows != f["rows"] or total_valid != f["valid_rows"]:
                problems.append(f"{lid}/{f['name']}: read {total_rows} rows / {total_valid} valid, "
                                f"truth {f['rows']} / {f['valid_rows']}")
            if not 0 <= f["rows"] - f["valid_rows"] <= 3:
                problems.append(f"{lid}/{f['name']}: {f['rows'] - f['valid_rows']} invalid rows (want 0-3)")
            stats["rows"] += f["rows"]
            stats["valid"] += f["valid_rows"]
    print("check:", json.dumps(stats))
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=pathlib.Path)
    ap.add_argument("--check", action="store_true", help="re-read every file and compare with its truth")
    args = ap.parse_args(argv)
    truths = generate(args.out)
    for tr in truths:
        n_cols = sum(len(t["columns"]) for f in tr["files"] for t in f["tables"])
        print(f"{tr['layout_id']} {tr['provider']:38s} {tr['quarter']} files={len(tr['files'])} "
              f"cols={n_cols} rows={sum(f['rows'] for f in tr['files'])} "
              f"valid={sum(f['valid_rows'] for f in tr['files'])}")
    if args.check:
        problems = check(args.out, truths)
        for p in problems:
            print("PROBLEM:", p)
        print("check:", "OK" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
