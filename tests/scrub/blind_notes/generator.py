#!/usr/bin/env python3
"""Blind generator of labelled New Zealand social-service case notes (issue 15).

Written from the issue text only, without reading the project's code, standards,
tests or sample data, so that it can serve as an independent test set for the
free-text scrubber.

Line format::

    KNOWN NAMES|MARKED TEXT

KNOWN NAMES lists the record's own people as ``Given Family`` separated by
``; `` (empty for about a third of notes).  In MARKED TEXT every piece of
personal information is wrapped as ``[[TYPE:text]]`` (TYPE in PERSON, NHI, IRD,
PHONE, EMAIL, BANK, DL, DOB, ADDRESS) and every distractor that must survive is
wrapped as ``{{text}}``.

Usage::

    python generator.py --out FILE [--n 400] [--seed 915]
    python generator.py --check [--in FILE] [--n 400]

Standard library only; deterministic for a given seed.  All names, programmes,
organisations and street lists below are made up for this file (programme and
trust names are invented; a few public agencies are named as themselves).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import random
import re
import sys
import unicodedata
from collections import Counter

TYPES = ("PERSON", "NHI", "IRD", "PHONE", "EMAIL", "BANK", "DL", "DOB", "ADDRESS")

# --------------------------------------------------------------------------
# Name lists (written for this file; by community)
# --------------------------------------------------------------------------
NAMES = {
    "maori": (
        ["Aroha", "Mana", "Tūī", "Kiri", "Rangi", "Moana", "Marama", "Tama", "Nikau",
         "Kōwhai", "Ataahua", "Wiremu", "Hēmi", "Mere", "Ngaire", "Hine", "Tamati",
         "Rāwiri", "Manaia", "Anahera", "Awhina", "Hana", "Ihaia", "Mikaere", "Pania",
         "Paora", "Rewi", "Tia", "Rua", "Whetū", "Kahu", "Hōhepa", "Tāne", "Huia",
         "Ariana", "Kaea", "Wikitoria", "Ihaka", "Miriama", "Ngāio", "Tawhiri",
         "Mereana", "Te Ao", "Tipene"],
        ["Ngata", "Parata", "Tamihana", "Heke", "Rangihuna", "Te Rito", "Waititi",
         "Pōmare", "Kereama", "Hohaia", "Henare", "Tautahi", "Māhuika", "Wihongi",
         "Karaka", "Ruatapu", "Matiu", "Tūroa", "Whaanga", "Hapeta", "Tahere",
         "Kupenga", "Piripi", "Maaka", "Te Whata", "Paki", "Horomona", "Tipene",
         "Rāwiri", "Walker", "Tuhiwai", "Te Kani", "Moke", "Nikora"],
    ),
    "pakeha": (
        ["Grace", "Will", "Hope", "Rose", "Faith", "Joy", "May", "Autumn", "Summer",
         "Frank", "Mark", "Bill", "Jack", "Olivia", "Charlotte", "Liam", "Noah", "Emma",
         "Sophie", "Hunter", "Ethan", "Ruby", "Jessica", "Kayla", "Brooke", "Tyler",
         "Shane", "Dean", "Kelly", "Donna", "Sharon", "Craig", "Wayne", "Bronwyn",
         "Kirsty", "Hayden", "Mary-Jane", "Jaxon", "Isla", "Nathan"],
        ["Smith", "Thompson", "Wilson", "Anderson", "Taylor", "McDonald", "Campbell",
         "Stewart", "Robertson", "Murray", "Kerr", "Henderson", "Fraser", "O'Connor",
         "Bennett", "Harris", "Mitchell", "Wallace", "Sutherland", "McKenzie",
         "Gallagher", "Whitaker", "Doyle", "Riordan"],
    ),
    "samoan": (
        ["Sefo", "Losa", "Tavita", "Malia", "Ioane", "Sina", "Lagi", "Fetu", "Iosefa",
         "Leilani", "Pele", "Siaosi", "Tasi", "Fa'amoana", "Mikaele", "Lupe", "Vaea",
         "Talia"],
        ["Leaupepe", "Fa'alogo", "Tuilagi", "Salave'a", "Aumua", "Faleolo", "Sapolu",
         "Leota", "Tanuvasa", "Vaifale", "Pouono", "Alofaituli", "Lemalu", "Toleafoa",
         "Fuimaono", "Seiuli"],
    ),
    "tongan": (
        ["Sione", "Mele", "Siosaia", "Losaline", "Viliami", "Lesieli", "Tevita",
         "Salote", "Sela", "Pita", "Mosese", "Kalolaine", "Semisi"],
        ["Fifita", "Taufa", "Havili", "Vaipulu", "Kupu", "Moala", "Latu", "Fonua",
         "Finau", "Mahe", "Vea", "Lolohea", "Taione", "Taufa'ao", "Tu'ipulotu"],
    ),
    "cook": (
        ["Teina", "Tuaine", "Ngametua", "Tepaeru", "Nooroa", "Teuru", "Mata", "Rima",
         "Tangi"],
        ["Marsters", "Tuara", "Pokino", "Tapurau", "Upu", "Raela", "Tuteru", "Tarau",
         "Mataio", "Pureariki", "Tangitoa"],
    ),
    "fiji_indian": (
        ["Priya", "Ravinesh", "Shalini", "Anil", "Sunita", "Rakesh", "Kavita",
         "Avinash", "Shivneel", "Ashika", "Roneel", "Shayal"],
        ["Prasad", "Chand", "Lal", "Naidu", "Kumar", "Reddy", "Narayan", "Ram",
         "Sharma", "Deo", "Goundar"],
    ),
    "chinese": (
        ["Wei", "Jing", "Hui", "Mei", "Jun", "Yan", "Xiaoming", "Lina", "Hao", "Yue",
         "Zihan", "Xin"],
        ["Chen", "Zhang", "Wang", "Liu", "Huang", "Lin", "Zhou", "Wu", "Xu", "Li",
         "Yang", "Zhao"],
    ),
    "korean": (
        ["Ji-woo", "Min-jun", "Seo-yeon", "Ha-eun", "Do-yun", "Soo-ah", "Eun-ji",
         "Ji-ho", "Hyun-woo"],
        ["Kim", "Park", "Lee", "Choi", "Jung", "Kang", "Yoon", "Han", "Shin"],
    ),
    "filipino": (
        ["Maria", "Jose", "Cristina", "Jericho", "Rhea", "Jenalyn", "Rowena", "Marvin",
         "Joy", "Angelo", "Mariel"],
        ["Santos", "Reyes", "dela Cruz", "Bautista", "Garcia", "Mendoza", "Villanueva",
         "Aquino", "Ramos", "Castillo", "Manalo"],
    ),
    "indian": (
        ["Arjun", "Priyanka", "Deepak", "Harpreet", "Gurpreet", "Manpreet", "Aarav",
         "Ananya", "Rohit", "Sanjana", "Simran", "Jaspreet"],
        ["Patel", "Kaur", "Gill", "Sandhu", "Mehta", "Iyer", "Nair", "Desai", "Joshi",
         "Sidhu", "Dhillon"],
    ),
    "refugee": (
        ["Ahmad", "Fatima", "Omar", "Rania", "Khaled", "Hamid", "Farzana", "Zahra",
         "Mohammad", "Abdi", "Hodan", "Ayaan", "Farah", "Tesfay", "Selam", "Yonas",
         "Bishnu", "Dil", "Andrés", "Valentina", "Nour", "Amina"],
        ["Al-Hassan", "Haddad", "Rahimi", "Ahmadi", "Hussaini", "Warsame", "Mohamed",
         "Abdullahi", "Gebremedhin", "Haile", "Gurung", "Tamang", "Rodríguez",
         "Ramírez", "Al-Khatib"],
    ),
}
COMMUNITY_WEIGHTS = [("maori", 30), ("pakeha", 18), ("samoan", 10), ("tongan", 7),
                     ("cook", 4), ("fiji_indian", 5), ("chinese", 6), ("korean", 3),
                     ("filipino", 4), ("indian", 5), ("refugee", 7)]

# Given names that are also everyday te reo or English words (both roles appear).
WORD_NAMES = [("Aroha", "maori"), ("Mana", "maori"), ("Tūī", "maori"), ("Kiri", "maori"),
              ("Rangi", "maori"), ("Moana", "maori"), ("Marama", "maori"),
              ("Tama", "maori"), ("Nikau", "maori"), ("Kōwhai", "maori"),
              ("Ataahua", "maori"), ("Awhina", "maori"), ("Whetū", "maori"),
              ("Huia", "maori"), ("Tāne", "maori"), ("Hine", "maori"), ("Tangi", "cook"),
              ("Mata", "cook"), ("Hui", "chinese"), ("Grace", "pakeha"), ("Will", "pakeha"),
              ("Hope", "pakeha"), ("Rose", "pakeha"), ("Faith", "pakeha"), ("Joy", "pakeha"),
              ("May", "pakeha"), ("Autumn", "pakeha"), ("Summer", "pakeha"),
              ("Frank", "pakeha"), ("Mark", "pakeha"), ("Bill", "pakeha")]

# --------------------------------------------------------------------------
# Distractor lexicons
# --------------------------------------------------------------------------
REO_WORDS = ["whānau", "aroha", "mana", "kai", "tamariki", "mahi", "hui", "kōrero",
             "wairua", "tikanga", "manaakitanga", "pēpi", "kaumātua", "marae", "mokopuna",
             "whare", "tangi", "tangihanga", "kaimahi", "rangatahi", "hapū", "iwi",
             "whakapapa", "karakia", "mihi", "waiata", "kaupapa", "hauora", "oranga",
             "whenua", "koha", "mātua", "tāne", "wahine", "kuia", "koro", "whaea", "matua",
             "kura", "kōhanga", "te reo", "tūī", "kiri", "rangi", "moana", "marama", "tama",
             "nikau", "kōwhai", "ataahua", "awhina", "āwhina", "whetū", "huia", "hine",
             "mata", "pōwhiri", "whanaungatanga", "mauri", "puku", "tautoko", "ka pai",
             "kia ora", "mōrena", "pai", "tangata", "kapa haka", "rongoā", "whakamā",
             "tamaiti", "pāpā", "māmā"]
ENGLISH_NAME_WORDS = ["will", "hope", "grace", "faith", "joy", "may", "rose", "autumn",
                      "summer", "frank", "mark", "bill"]
PROGRAMMES = ["Te Puna Aroha", "Mana Tāne", "Kōwhai Kids", "Te Huarahi Ora",
              "Whiria te Whānau", "Ara Moana", "Te Rito Rangatahi", "Whakatupu Mātua",
              "Ngā Tapuwae Hou", "Te Mauri Tau", "Hope Springs", "Safe at Home",
              "Steady Steps", "Kick Start Budgeting", "Tūī Tuituia", "Marama Mentoring",
              "Pou Whirinaki", "Te Waka Hourua", "Rangi Ora", "Tama Tū Tama Ora",
              "Whetū Mārama", "Kaupapa Kai", "Strong Start Parenting", "Aiga Malosi",
              "Kāinga Haumaru", "Nikau Nest", "Grace Notes Mentoring", "Family Start",
              "Whānau Ora"]
ORGS = ["Work and Income", "WINZ", "Oranga Tamariki", "Kāinga Ora", "Plunket",
        "Whānau Āwhina Plunket", "Te Whatu Ora", "ACC", "Inland Revenue", "IRD",
        "Citizens Advice Bureau", "Salvation Army", "Women's Refuge", "Barnardos",
        "Police", "Te Whare Tiaki Trust", "Te Kōhao Ora", "Tū Tangata Trust",
        "Pasifika Family Services", "Aiga Care Trust", "Fonua Ola Trust",
        "Māngere Budgeting Services", "Grace Foundation", "Hope Community Trust",
        "Moana Health Collective", "Nikau Health Centre", "Red Cross",
        "Rūnanga o Te Rangi Ora", "Kiri Tū Trust", "Rose Street Community House",
        "Tongan Methodist Social Services", "Refugee Family Trust", "StudyLink"]
PLACES = ["Ōtara", "Māngere", "Papatoetoe", "Manurewa", "Porirua", "Cannons Creek",
          "Flaxmere", "Kaitaia", "Kaikohe", "Rotorua", "Whakatāne", "Gisborne", "Hastings",
          "Ōpōtiki", "Tokoroa", "Glen Innes", "Henderson", "Wainuiomata", "Naenae",
          "Aranui", "Hornby", "Dunedin", "Invercargill", "Whanganui", "Ōtaki", "Huntly",
          "Ngāruawāhia", "Taupō", "Tauranga", "Kawerau", "Murupara", "Moerewa", "Wiri",
          "Clendon", "Ōtāhuhu", "Hamilton", "Christchurch", "Lower Hutt", "Auckland",
          "Wellington", "Rangiora", "Te Puke"]
CITIES = ["Auckland", "Wellington", "Hamilton", "Christchurch", "Lower Hutt", "Porirua",
          "Rotorua", "Hastings", "Dunedin", "Whangārei", "Gisborne", "Tauranga"]
STREETS = ["Kōwhai", "Tui", "Rimu", "Tōtara", "Matai", "Puriri", "Pōhutukawa",
           "Great South", "Buckland", "Massey", "Cambridge", "Victoria", "Queen", "Rangi",
           "Aroha", "Marama", "Nikau", "Hinemoa", "Te Irirangi", "Bader", "Portage",
           "Mitchell", "Ngata", "Seddon", "Grey", "Weymouth", "Russell", "Clayton",
           "Hillcrest", "Kenderdine", "Rata", "Huia", "Hope"]
STREET_TYPES = ["Street", "St", "Road", "Rd", "Avenue", "Ave", "Crescent", "Cres",
                "Place", "Pl", "Drive", "Terrace", "Tce", "Lane", "Way", "Close", "Grove"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MON3 = [m[:3] for m in MONTHS]
WEEKDAYS = ["Mon", "Tue", "Tues", "Wed", "Thu", "Thurs", "Fri", "Monday", "Tuesday",
            "Wednesday", "Thursday", "Friday", "Sat"]


def strip_marks(s: str) -> str:
    """Drop macrons and other accents (as when a writer types without them)."""
    s = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(c for c in s if unicodedata.category(c) != "Mn"))


def norm(s: str) -> str:
    return strip_marks(s).lower().replace("’", "'")


# --------------------------------------------------------------------------
# Identifier generators and validators
# --------------------------------------------------------------------------
NHI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, no O; A=1 .. Z=24


def _nhi_val(ch: str) -> int:
    return NHI_LETTERS.index(ch) + 1 if ch.isalpha() else int(ch)


def nhi_valid(s: str) -> bool:
    s = re.sub(r"\s", "", s).upper()
    if re.fullmatch(r"[A-HJ-NP-Z]{3}\d{4}", s):  # old format AAANNNC, mod 11
        total = sum(_nhi_val(c) * w for c, w in zip(s[:6], range(7, 1, -1)))
        rem = total % 11
        if rem == 0:
            return False
        check = (11 - rem) % 10
        return check == int(s[6])
    if re.fullmatch(r"[A-HJ-NP-Z]{3}\d{2}[A-HJ-NP-Z]{2}", s):  # new AAANNAX, mod 23
        total = sum(_nhi_val(c) * w for c, w in zip(s[:6], range(7, 1, -1)))
        check = 23 - total % 23
        return NHI_LETTERS[check - 1] == s[6]
    return False


def make_nhi(rng: random.Random) -> str:
    while True:
        head = "".join(rng.choice(NHI_LETTERS) for _ in range(3))
        if rng.random() < 0.6:
            body = head + "".join(rng.choice("0123456789") for _ in range(3))
            total = sum(_nhi_val(c) * w for c, w in zip(body, range(7, 1, -1)))
            rem = total % 11
            if rem == 0:
                continue
            cand = body + str((11 - rem) % 10)
        else:
            body = head + "".join(rng.choice("0123456789") for _ in range(2)) + rng.choice(NHI_LETTERS)
            total = sum(_nhi_val(c) * w for c, w in zip(body, range(7, 1, -1)))
            cand = body + NHI_LETTERS[23 - total % 23 - 1]
        if nhi_valid(cand):
            return cand


_IRD_W1 = (3, 2, 7, 6, 5, 4, 3, 2)
_IRD_W2 = (7, 4, 3, 2, 5, 2, 7, 6)


def _ird_check(body8: str):
    for weights in (_IRD_W1, _IRD_W2):
        rem = sum(int(d) * w for d, w in zip(body8, weights)) % 11
        check = 0 if rem == 0 else 11 - rem
        if check != 10:
            return check
    return None


def ird_valid(s: str) -> bool:
    d = re.sub(r"\D", "", s)
    if len(d) not in (8, 9):
        return False
    n = int(d)
    if not 10_000_000 <= n <= 150_000_000:
        return False
    d = d.zfill(9)
    return _ird_check(d[:8]) == int(d[8])


def make_ird_digits(rng: random.Random) -> str:
    while True:
        body = rng.randint(1_000_000, 14_999_999)
        b8 = str(body).zfill(8)
        c = _ird_check(b8)
        if c is None:
            continue
        full = body * 10 + c
        if 10_000_000 <= full <= 150_000_000:
            return str(full)


def fmt_ird(rng: random.Random, d: str) -> str:
    d9 = d.zfill(9)
    r = rng.random()
    if len(d) == 8:
        if r < 0.4:
            return d
        if r < 0.7:
            return f"{d[:2]}-{d[2:5]}-{d[5:]}"
        if r < 0.85:
            return f"{d9[:3]}-{d9[3:6]}-{d9[6:]}"
        return f"{d[:2]} {d[2:5]} {d[5:]}"
    if r < 0.4:
        return f"{d[:3]}-{d[3:6]}-{d[6:]}"
    if r < 0.7:
        return f"{d[:3]} {d[3:6]} {d[6:]}"
    return d


# NZ bank accounts: bank-branch-base-suffix; algorithms A/B from the published
# Payments NZ validation rules (weights over 2+4+8+4 digits).  Only banks that
# use A/B are generated; branches are ordinary retail branches.
_BANK_W_A = [0, 0, 6, 3, 7, 9, 0, 0, 10, 5, 8, 4, 2, 1, 0, 0, 0, 0]
_BANK_W_B = [0, 0, 0, 0, 0, 0, 0, 0, 10, 5, 8, 4, 2, 1, 0, 0, 0, 0]
BANK_BRANCHES = [("01", "0102"), ("01", "0242"), ("01", "1839"), ("02", "0100"),
                 ("02", "0248"), ("02", "1244"), ("03", "0104"), ("03", "1702"),
                 ("06", "0501"), ("12", "3040"), ("12", "3233"), ("12", "3011"),
                 ("38", "9000"), ("38", "9012"), ("15", "3942")]


def _bank_ok(bank: str, branch: str, base: str, suffix: str) -> bool:
    digits = bank.zfill(2) + branch.zfill(4) + base.zfill(8) + suffix.zfill(4)
    if len(digits) != 18:
        return False
    w = _BANK_W_A if int(base) < 990000 else _BANK_W_B
    return sum(int(d) * x for d, x in zip(digits, w)) % 11 == 0


def bank_valid(s: str) -> bool:
    parts = [p for p in re.split(r"[\s\-./]+", s.strip()) if p]
    if len(parts) == 4:
        bank, branch, base, suffix = parts
    elif len(parts) == 1 and parts[0].isdigit() and len(parts[0]) in (15, 16):
        d = parts[0]
        bank, branch, base, suffix = d[:2], d[2:6], d[6:13], d[13:]
    else:
        return False
    if not all(p.isdigit() for p in (bank, branch, base, suffix)):
        return False
    if len(bank) != 2 or len(branch) != 4 or len(base) not in (7, 8) or len(suffix) not in (2, 3, 4):
        return False
    return _bank_ok(bank, branch, base, suffix)


def make_bank(rng: random.Random) -> str:
    while True:
        bank, branch = rng.choice(BANK_BRANCHES)
        if rng.random() < 0.55:
            head = "0" + "".join(rng.choice("0123456789") for _ in range(5))
            if int(head + "9") >= 990000:
                continue
        else:
            head = str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(5))
        w = _BANK_W_A if int(head + "0") < 990000 else _BANK_W_B
        digits = bank + branch + "0" + head + "0" + "0000"
        s = sum(int(d) * x for d, x in zip(digits, w)) % 11
        last = (11 - s) % 11
        if last == 10:
            continue
        base = head + str(last)
        suffix = rng.choice(["00", "00", "00", "01", "02", "03", "25", "000", "001", "002"])
        if not _bank_ok(bank, branch, base, suffix):
            continue
        r = rng.random()
        if r < 0.45:
            out = f"{bank}-{branch}-{base}-{suffix}"
        elif r < 0.7:
            out = f"{bank} {branch} {base} {suffix}"
        elif r < 0.9:
            out = f"{bank}{branch}{base}{suffix}"
        else:
            out = f"{bank}-{branch}-{base} {suffix}"
        assert bank_valid(out), out
        return out


MOBILE_PREFIXES = ["021", "021", "022", "027", "027", "029", "020", "028"]
AREA_CODES = ["09", "09", "04", "07", "06", "03"]


def make_phone(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.62:
        pre = rng.choice(MOBILE_PREFIXES)
        n = rng.choice([7, 7, 7, 6, 8]) if pre in ("021", "022") else 7
        rest = str(rng.randint(2, 9)) + "".join(rng.choice("0123456789") for _ in range(n - 1))
        style = rng.random()
        if style < 0.35:
            return f"{pre} {rest[:3]} {rest[3:]}"
        if style < 0.55:
            return pre + rest
        if style < 0.7:
            return f"{pre}-{rest[:3]}-{rest[3:]}"
        if style < 0.85:
            return f"+64 {pre[1:]} {rest[:3]} {rest[3:]}"
        if style < 0.93:
            return f"+64{pre[1:]}{rest}"
        return f"{pre} {rest[:4]} {rest[4:]}"
    area = rng.choice(AREA_CODES)
    rest = str(rng.randint(2, 9)) + "".join(rng.choice("0123456789") for _ in range(6))
    style = rng.random()
    if style < 0.35:
        return f"({area}) {rest[:3]} {rest[3:]}"
    if style < 0.6:
        return f"{area} {rest[:3]} {rest[3:]}"
    if style < 0.75:
        return f"{area}-{rest[:3]}-{rest[3:]}"
    if style < 0.9:
        return f"+64 {area[1:]} {rest[:3]} {rest[3:]}"
    return area + rest


def phone_valid(s: str) -> bool:
    d = re.sub(r"[\s\-()]", "", s)
    if d.startswith("+64"):
        d = "0" + d[3:]
    if not d.isdigit():
        return False
    if d.startswith(("0800", "0508")):
        return False
    return bool(re.fullmatch(r"02[0-9]\d{6,8}", d) or re.fullmatch(r"0[34679][2-9]\d{6}", d))


def make_0800(rng: random.Random) -> str:
    pre = rng.choice(["0800", "0800", "0508"])
    rest = "".join(rng.choice("0123456789") for _ in range(6))
    return f"{pre} {rest[:3]} {rest[3:]}" if rng.random() < 0.7 else pre + rest


EMAIL_RE = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
DOMAINS = ["gmail.com", "gmail.com", "hotmail.com", "outlook.com", "xtra.co.nz",
           "yahoo.co.nz", "icloud.com", "live.com"]


def _ascii(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", norm(s))


def make_email(rng: random.Random, given: str, family: str) -> str:
    g, f = _ascii(given), _ascii(family)
    r = rng.random()
    num = str(rng.choice([rng.randint(1, 99), rng.randint(1975, 2010)]))
    if r < 0.3:
        local = f"{g}.{f}"
    elif r < 0.5:
        local = f"{g}{f}{num}"
    elif r < 0.65:
        local = f"{g}_{num}"
    elif r < 0.8:
        local = f"{g[0]}{f}"
    else:
        local = f"{g}.{f[:1]}{num}"
    return f"{local}@{rng.choice(DOMAINS)}"


def make_dl(rng: random.Random) -> str:
    letters = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(2))
    digits = "".join(rng.choice("0123456789") for _ in range(6))
    r = rng.random()
    if r < 0.45:
        out = letters + digits
    elif r < 0.75:
        out = f"{letters} {digits}"
    elif r < 0.9:
        out = f"{letters}-{digits}"
    else:
        out = (letters + digits).lower()
    return out


def dl_valid(s: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z]{2}[ -]?\d{6}", s))


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


def fmt_dob(rng: random.Random, d: _dt.date) -> str:
    r = rng.random()
    m = MONTHS[d.month - 1]
    if r < 0.3:
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if r < 0.4:
        return f"{d.day}/{d.month}/{d.year}"
    if r < 0.52:
        return f"{ordinal(d.day)} {m} {d.year}"
    if r < 0.6:
        return f"{ordinal(d.day)} of {m} {d.year}"
    if r < 0.7:
        return f"{m} {d.day}, {d.year}"
    if r < 0.8:
        return d.isoformat()
    if r < 0.88:
        return f"{d.day} {m} {d.year}"
    if r < 0.94:
        return f"{d.day} {MON3[d.month - 1]} {d.year}"
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def parse_date(s: str):
    s = s.strip()
    mnames = {n.lower(): i + 1 for i, n in enumerate(MONTHS)}
    mnames.update({n.lower(): i + 1 for i, n in enumerate(MON3)})
    try:
        m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", s)
        if m:
            return _dt.date(int(m[3]), int(m[2]), int(m[1]))
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
        if m:
            return _dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?(?: of)? ([A-Za-z]+) (\d{4})", s)
        if m and m[2].lower() in mnames:
            return _dt.date(int(m[3]), mnames[m[2].lower()], int(m[1]))
        m = re.fullmatch(r"([A-Za-z]+) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})", s)
        if m and m[1].lower() in mnames:
            return _dt.date(int(m[3]), mnames[m[1].lower()], int(m[2]))
    except ValueError:
        return None
    return None


def make_address(rng: random.Random) -> str:
    street = f"{rng.choice(STREETS)} {rng.choice(STREET_TYPES)}"
    num = rng.choice([rng.randint(1, 60), rng.randint(1, 250)])
    sub = rng.choice(PLACES)
    city = rng.choice(CITIES)
    pc = rng.randint(1010, 9893)
    r = rng.random()
    if r < 0.2:
        return f"{num} {street}"
    if r < 0.4:
        return f"{num} {street}, {sub}"
    if r < 0.5:
        return f"Unit {rng.randint(1, 12)}, {num} {street}, {sub}"
    if r < 0.6:
        return f"{rng.randint(1, 9)}/{num} {street}"
    if r < 0.66:
        return f"Flat {rng.randint(1, 6)}, {num} {street}, {sub}"
    if r < 0.72:
        return f"{num}{rng.choice('ABCD')} {street}, {sub}, {city} {pc}"
    if r < 0.82:
        road = rng.choice(["Ruatangata", "Kaeo", "Pukehina", "Mangakāhia", "Te Pua",
                           "Oruru", "Waimā", "Matapihi", "Waiotahe"])
        town = rng.choice(["Kaitaia", "Kaikohe", "Ōpōtiki", "Whakatāne", "Te Puke",
                           "Dargaville", "Ruatoria", "Wairoa"])
        return f"{rng.randint(100, 2999)} {road} Road, RD {rng.randint(1, 5)}, {town}"
    if r < 0.92:
        return f"PO Box {rng.randint(12, 9999)}, {rng.choice(CITIES)}"
    return f"{num} {street}, {sub} {pc}"


ADDRESS_TYPE_RE = re.compile(
    r"\b(" + "|".join(STREET_TYPES) + r"|PO Box|RD)\b")


# --------------------------------------------------------------------------
# Note construction
# --------------------------------------------------------------------------
def P(text: str) -> str:
    return f"[[PERSON:{text}]]"


def M(typ: str, text: str) -> str:
    return f"[[{typ}:{text}]]"


def D(text: str) -> str:
    return "{{" + text + "}}"


class Person:
    def __init__(self, given: str, family: str, role: str, gender: str):
        self.given, self.family, self.role, self.gender = given, family, role, gender
        self.mentions = 0

    @property
    def full(self) -> str:
        return f"{self.given} {self.family}"


def pick_community(rng: random.Random) -> str:
    total = sum(w for _, w in COMMUNITY_WEIGHTS)
    x = rng.uniform(0, total)
    for c, w in COMMUNITY_WEIGHTS:
        x -= w
        if x <= 0:
            return c
    return COMMUNITY_WEIGHTS[-1][0]


FEMININE = {"Aroha", "Kiri", "Moana", "Marama", "Kōwhai", "Ataahua", "Mere", "Ngaire",
            "Hine", "Anahera", "Awhina", "Hana", "Pania", "Tia", "Huia", "Ariana",
            "Wikitoria", "Miriama", "Mereana", "Grace", "Hope", "Rose", "Faith", "Joy",
            "May", "Autumn", "Summer", "Olivia", "Charlotte", "Emma", "Sophie", "Ruby",
            "Jessica", "Kayla", "Brooke", "Kelly", "Donna", "Sharon", "Bronwyn", "Kirsty",
            "Mary-Jane", "Isla", "Losa", "Malia", "Sina", "Lagi", "Leilani", "Lupe",
            "Talia", "Mele", "Losaline", "Lesieli", "Salote", "Sela", "Kalolaine",
            "Tepaeru", "Tuaine", "Mata", "Priya", "Shalini", "Sunita", "Kavita", "Ashika",
            "Shayal", "Jing", "Mei", "Yan", "Lina", "Yue", "Seo-yeon", "Ha-eun", "Soo-ah",
            "Eun-ji", "Maria", "Cristina", "Rhea", "Jenalyn", "Rowena", "Mariel",
            "Priyanka", "Ananya", "Sanjana", "Simran", "Fatima", "Rania", "Farzana",
            "Zahra", "Hodan", "Ayaan", "Selam", "Valentina", "Nour", "Amina", "Harpreet",
            "Manpreet", "Ngāio", "Whetū", "Tūī"}


class Note:
    """One note being built: its people, slots and mention styles."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        r = rng
        if r.random() < 0.35:
            given, comm = r.choice(WORD_NAMES)
        else:
            comm = pick_community(r)
            given = r.choice(NAMES[comm][0])
        family = r.choice(NAMES[comm][1])
        self.comm = comm
        self.client = Person(given, family, "client", "f" if given in FEMININE else "m")
        # caregiver / partner
        gcomm = comm if r.random() < 0.75 else pick_community(r)
        gg = r.choice(NAMES[gcomm][0])
        while gg == given:
            gg = r.choice(NAMES[gcomm][0])
        gf = family if r.random() < 0.5 else r.choice(NAMES[gcomm][1])
        self.carer = Person(gg, gf, "carer", "f" if gg in FEMININE else "m")
        self.carer_kin = r.choice(
            ["Nan", "Nana", "Whaea", "Aunty", "mum", "Mum", "Nanny", "partner"]
            if self.carer.gender == "f" else
            ["Koro", "Matua", "Uncle", "dad", "Dad", "partner", "Grandad"])
        self.kids: list[Person] = []
        for _ in range(r.choice([1, 1, 2, 2, 2, 3, 3, 4])):
            kc = comm if r.random() < 0.85 else gcomm
            kg = r.choice(NAMES[kc][0])
            if kg in (given, gg) or any(k.given == kg for k in self.kids):
                continue
            self.kids.append(Person(kg, family if r.random() < 0.7 else gf, "child",
                                    "f" if kg in FEMININE else "m"))
        if not self.kids:
            self.kids.append(Person("Tia" if given != "Tia" else "Rua", family, "child", "f"))
        self.others: list[Person] = []
        self.staff: list[Person] = []
        self.used_names = {given, gg} | {k.given for k in self.kids}
        self.drop_macrons = r.random() < 0.3

    # -- people -----------------------------------------------------------
    def _new_person(self, role: str, comm: str | None = None) -> Person:
        r = self.rng
        for _ in range(50):
            c = comm or pick_community(r)
            g = r.choice(NAMES[c][0])
            if g not in self.used_names:
                break
        self.used_names.add(g)
        p = Person(g, r.choice(NAMES[c][1]), role, "f" if g in FEMININE else "m")
        return p

    def other(self, i: int = 0) -> Person:
        while len(self.others) <= i:
            comm = self.comm if self.rng.random() < 0.7 else None
            self.others.append(self._new_person("other", comm))
        return self.others[i]

    def staff_p(self, i: int = 0) -> Person:
        while len(self.staff) <= i:
            comm = self.rng.choice(["maori", "maori", "pakeha", "pakeha", "samoan", "tongan",
                                    "indian", "fiji_indian", "chinese", "cook", "filipino"])
            self.staff.append(self._new_person("staff", comm))
        return self.staff[i]

    # -- mention styles -----------------------------------------------------
    def name(self, p: Person, allow_family: bool = True) -> str:
        r = self.rng.random()
        first = p.mentions == 0
        p.mentions += 1
        g, f = p.given, p.family
        if first:
            if r < 0.34 and allow_family:
                return P(f"{g} {f}")
            if r < 0.70:
                return P(g)
            if r < 0.78 and allow_family:
                if self.rng.random() < 0.6:
                    return P(f"{f.upper()}, {g}")
                return P(f"{g.upper()} {f.upper()}")
            if r < 0.88:
                return P(g.lower())
            if r < 0.94 and allow_family:
                t = self.rng.choice(["Ms", "Mrs", "Miss"]) if p.gender == "f" else "Mr"
                return f"{t} {P(f)}"
            return P(strip_marks(g))
        if r < 0.68:
            return P(g)
        if r < 0.8:
            return P(g.lower())
        if r < 0.86:
            return P(g.upper())
        if r < 0.94 and allow_family:
            return P(f"{g} {f}")
        return P(strip_marks(g))

    def kid_name(self, p: Person) -> str:
        r = self.rng.random()
        if r < 0.15:
            cue = self.rng.choice(["baby", "son" if p.gender == "m" else "daughter", "<pēpi>",
                                   "<tamaiti>", "their boy" if p.gender == "m" else "their girl",
                                   "<mokopuna>"])
            return f"{cue} {self.name(p, allow_family=False)}"
        return self.name(p, allow_family=self.rng.random() < 0.15)

    def carer_name(self, cue: bool) -> str:
        if cue:
            return f"{reo_wrap(self.carer_kin)} {self.name(self.carer, allow_family=False)}"
        return self.name(self.carer)

    def staff_name(self, i: int = 0) -> str:
        p = self.staff_p(i)
        r = self.rng.random()
        p.mentions += 1
        if r < 0.2:
            return f"SW {P(p.given)}"
        if r < 0.35:
            return f"{P(p.full)} (SW)"
        if r < 0.48:
            return f"<kaimahi> {P(p.given)}"
        if r < 0.58:
            return f"Dr {P(p.family)}"
        if r < 0.66:
            return f"nurse {P(p.given)}"
        if r < 0.74:
            return f"case mgr {P(p.full)}"
        if r < 0.8:
            return P(p.given.lower())
        return P(p.given)

    def kids_list(self) -> str:
        names = []
        for k in self.kids:
            k.mentions += 1
            nm = k.given.lower() if self.rng.random() < 0.08 else k.given
            if self.rng.random() < 0.35:
                names.append(f"{P(nm)} ({self.rng.randint(1, 15)})")
            else:
                names.append(P(nm))
        if len(names) == 1:
            return names[0]
        sep = self.rng.choice([", ", ", ", " & "])
        if sep == ", " and self.rng.random() < 0.5:
            return ", ".join(names[:-1]) + " and " + names[-1]
        return sep.join(names)

    # -- distractors --------------------------------------------------------
    def date(self) -> str:
        r = self.rng
        d = _dt.date(2024, 1, 1) + _dt.timedelta(days=r.randint(0, 700))
        x = r.random()
        m = MONTHS[d.month - 1]
        if x < 0.25:
            s = f"{d.day:02d}/{d.month:02d}/{d.year}"
        elif x < 0.4:
            s = f"{r.choice(WEEKDAYS)} {d.day}/{d.month}"
        elif x < 0.55:
            s = f"{d.day} {m}"
        elif x < 0.65:
            s = f"{r.choice(WEEKDAYS)} {ordinal(d.day)} {m}"
        elif x < 0.75:
            s = f"{d.day}.{d.month:02d}.{str(d.year)[2:]}"
        elif x < 0.85:
            s = d.isoformat()
        elif x < 0.93:
            s = f"{ordinal(d.day)} {MON3[d.month - 1]}"
        else:
            s = f"{d.day}/{d.month}/{str(d.year)[2:]}"
        return D(s)

    def time(self) -> str:
        r = self.rng
        h = r.randint(8, 17)
        x = r.random()
        if x < 0.4:
            s = f"{h}:{r.choice(['00', '15', '30', '45'])}"
        elif x < 0.8:
            hh = h if h <= 12 else h - 12
            s = f"{hh}{'am' if h < 12 else 'pm'}"
        else:
            hh = h if h <= 12 else h - 12
            s = f"{hh}.{r.choice(['00', '30'])}{'am' if h < 12 else 'pm'}"
        return D(s)

    def duration(self) -> str:
        return D(self.rng.choice(["45 mins", "1.5 hrs", "2 hrs", "30 min", "1 hr", "20 mins"]))

    def money(self) -> str:
        r = self.rng
        x = r.random()
        if x < 0.45:
            s = f"${r.randint(20, 400)}"
        elif x < 0.8:
            s = f"${r.randint(20, 650)}.{r.choice(['00', '50', '80', '95'])}"
        elif x < 0.9:
            s = f"${r.randint(1, 2)},{r.randint(0, 999):03d}"
        else:
            s = f"${r.randint(1, 2)},{r.randint(0, 999):03d}.00"
        return D(s)

    def session(self) -> str:
        r = self.rng
        n = r.randint(1, 10)
        return D(r.choice([f"session {n}", f"session {n} of {n + r.randint(0, 6)}",
                           f"Session {n}", f"wk {n}", f"sess {n}"]))

    def reference(self) -> str:
        r = self.rng
        cue = r.choice(["invoice #", "invoice no. ", "inv ", "receipt ", "receipt no. ",
                        "ref ", "ref no. ", "reference ", "claim ", "claim no. ", "ticket ",
                        "ticket #", "job no. "])
        x = r.random()
        if x < 0.4:
            num = make_ird_digits(r)  # passes the IRD checksum, but is a reference
            num = num if r.random() < 0.6 else fmt_ird(r, num)
        elif x < 0.6:
            num = re.sub(r"[^0-9]", "", make_phone(r).replace("+64", "0"))
        elif x < 0.8:
            num = str(r.randint(10_000_000, 999_999_999))
        else:
            num = r.choice(["INV-", "RC", "OT-2024-", "C", "TKT"]) + str(r.randint(1000, 999999))
        return f"{cue}{D(num)}"

    # -- identifiers ---------------------------------------------------------
    def dob(self, adult: bool | None = None) -> str:
        r = self.rng
        if adult is None:
            adult = r.random() < 0.45
        d = _dt.date(1950 if adult else 2008, 1, 1) + _dt.timedelta(
            days=r.randint(0, (54 if adult else 16) * 365))
        cue = r.choice(["DOB ", "DOB: ", "d.o.b. ", "born ", "date of birth ", "b. ", "dob "])
        return f"{cue}{M('DOB', fmt_dob(r, d))}"

    def nhi(self) -> str:
        v = make_nhi(self.rng)
        x = self.rng.random()
        if x < 0.1:
            v = v.lower()
        elif x < 0.18:
            v = v[:3] + " " + v[3:]
        cue = self.rng.choice(["NHI ", "NHI: ", "NHI# ", "nhi ", "NHI no. "])
        return f"{cue}{M('NHI', v)}"

    def ird(self) -> str:
        v = fmt_ird(self.rng, make_ird_digits(self.rng))
        cue = self.rng.choice(["IRD no. ", "IRD# ", "IRD number ", "tax no. ", "IRD ", "ird "])
        return f"{cue}{M('IRD', v)}"

    def phone(self) -> str:
        cue = self.rng.choice(["", "ph ", "mob ", "cell ", "ph: ", "m: "])
        return f"{cue}{M('PHONE', make_phone(self.rng))}"

    def email(self, p: Person | None = None) -> str:
        p = p or self.client
        return M("EMAIL", make_email(self.rng, p.given, p.family))

    def bank(self) -> str:
        return M("BANK", make_bank(self.rng))

    def dl(self) -> str:
        cue = self.rng.choice(["DL ", "DL# ", "licence no. ", "drivers licence ", "license ",
                               "dl "])
        return f"{cue}{M('DL', make_dl(self.rng))}"

    def addr(self) -> str:
        return M("ADDRESS", make_address(self.rng))


def reo_wrap(word: str) -> str:
    if norm(word) in REO_SET:
        return f"<{word}>"
    return word


REO_SET = {norm(w) for w in REO_WORDS}


class Slots(dict):
    def __init__(self, note: Note):
        super().__init__()
        self.n = note

    def __missing__(self, key: str) -> str:
        n, r = self.n, self.n.rng
        poss = key.endswith("_poss")
        k = key[:-5] if poss else key
        if k == "c":
            v = n.name(n.client)
        elif k == "cf":
            n.client.mentions += 1
            v = P(n.client.full)
        elif k == "cl":
            n.client.mentions += 1
            v = P(n.client.given.lower())
        elif k == "cC":
            n.client.mentions += 1
            v = P(f"{n.client.family.upper()}, {n.client.given}") if r.random() < 0.6 \
                else P(f"{n.client.family.upper()} {n.client.given.upper()}")
        elif k == "ct":
            n.client.mentions += 1
            t = r.choice(["Ms", "Mrs", "Miss"]) if n.client.gender == "f" else "Mr"
            v = f"{t} {P(n.client.family)}"
        elif k == "g":
            v = n.carer_name(cue=False)
        elif k == "gk":
            v = n.carer_name(cue=True)
        elif k == "k":
            v = n.kid_name(r.choice(n.kids))
        elif k == "kb":
            v = n.name(r.choice(n.kids), allow_family=False)
        elif k == "k1":
            v = n.kid_name(n.kids[0])
        elif k == "kids":
            v = n.kids_list()
        elif k == "o":
            v = n.name(n.other(0))
        elif k == "ok":
            p = n.other(1)
            kin = r.choice(["Nan", "<Kuia>", "Aunty", "cousin", "<whaea>", "Nana"]
                           if p.gender == "f" else ["<Koro>", "Uncle", "cousin", "<koro>"])
            v = f"{kin} {n.name(p, allow_family=False)}"
        elif k == "s":
            v = n.staff_name(0)
        elif k == "s2":
            v = n.staff_name(1)
        elif k == "prog":
            v = D(r.choice(PROGRAMMES))
        elif k == "org":
            v = D(r.choice(ORGS))
        elif k == "place":
            v = D(r.choice(PLACES))
        elif k == "date":
            v = n.date()
        elif k == "time":
            v = n.time()
        elif k == "dur":
            v = n.duration()
        elif k == "money":
            v = n.money()
        elif k == "sess":
            v = n.session()
        elif k == "ref":
            v = n.reference()
        elif k == "ph0800":
            v = D(make_0800(r))
        elif k == "nhi":
            v = n.nhi()
        elif k == "ird":
            v = n.ird()
        elif k == "phone":
            v = n.phone()
        elif k == "sphone":
            v = M("PHONE", make_phone(r))
        elif k == "email":
            v = n.email()
        elif k == "semail":
            p = n.staff_p(0)
            v = M("EMAIL", f"{_ascii(p.given)}.{_ascii(p.family)}@{r.choice(['tewhare', 'tutangata', 'aigacare', 'fonuaola', 'hopetrust'])}.org.nz")
        elif k == "bank":
            v = n.bank()
        elif k == "dl":
            v = n.dl()
        elif k == "dob":
            v = n.dob()
        elif k == "kdob":
            v = n.dob(adult=False)
        elif k == "addr":
            v = n.addr()
        else:
            raise KeyError(key)
        return v + "'s" if poss else v


# Templates: {slot} is filled per mention; <word> marks a distractor word
# (te reo word or English word that is also a name) written literally.
OPENERS = [
    "HV to {c} at home in {place}; {gk} and the <tamariki> ({kids}) present.",
    "Ph call from {c} re <kai> and the power <bill>.",
    "Met {c} at {org} office in {place}. {c} shared <kōrero> about <whānau> stress.",
    "Rang {cl} - no answer, left msg. Rang {g} instead; said {c} is staying with {o} in {place}.",
    "{cC} - file review. Client engaged with {prog} since {date}.",
    "<Hui> at the <marae> with {c}, {g}, {s} ({org}) and {o}.",
    "Txt from {c}: {k} unwell, asked to move appt to {date} {time}.",
    "Walk-in. {ct} came in with {k}, wanting help with {org} forms.",
    "Attended FGC with {c} and {gk}; {s} from {org} facilitated. <Karakia> and <mihi> to open.",
    "Spoke with {cl} by phone; {cl} said {k_poss} <kura> is going well.",
    "{c_poss} <whānau> <hui> held at {place} library; {s} took notes.",
    "Client: {cC}. Caregiver: {g}. Referral from {org} on {date}.",
    "Transport for {c} and {k} to GP in {place}; {s2} reviewed.",
    "HV. {gk} (caregiver) says {c} has been out late, wants <tikanga>-based support.",
    "Intake: {cf}, referred by {s} at {org}.",
    "Phone <kōrero> w {c} and {gk} {date} {time}.",
    "{c} rang in upset; {o} took the car and {c} missed {sess} of {prog}.",
    "Visited {c} and {kids} at {gk}'s <whare> in {place}.",
    "F2F with {c} at the {place} <kōhanga>; {k} attends 4 days.",
    "Joint visit with {s} ({org}) to {c}, {date}.",
    "Email from {c} asking about {prog}; replied and cc'd {s}.",
    "<Kia ora> from {c} this morning - {k} home from hospital.",
    "{g} dropped in, worried about {c}; {c} not answering since {date}.",
    "Met {cf} and partner {o} at {org}, {place}.",
    "Called {c} on {date} at {time}: spoke with {c} and {gk}.",
]

BODIES = [
    "{c} is keen on {prog}; enrolled for {sess} on {date}.",
    "<Kai> parcel dropped off; {org} to cover a {money} food grant.",
    "Discussed rent arrears of {money} with {org}; {c} to bring letter in on {date}.",
    "<Tamariki> ({kids}) settled; {k} showing real <mana> at <kura>.",
    "{g} raised concerns re {o_poss} drinking around the <tamariki>.",
    "{c} reports <wairua> is low since the <tangi> for {ok} in {place}.",
    "Supported {c} to complete {org} application; {s} confirmed payment of {money}.",
    "{k} has asthma; {gk} to book GP appt, {org} covering {money}.",
    "<Manaakitanga> shown by {g}; offered <kai> and a cuppa.",
    "Budget reviewed: income {money}/wk, rent {money}, power {money}.",
    "{c} attended {sess} of {prog}; good engagement, shared <kōrero> about <whakapapa>.",
    "Court date {date} at {time}; {s2} (lawyer) briefed.",
    "{c} and partner {o} arguing again; safety plan reviewed with {org}.",
    "{k} (<pēpi>) weighed at {org}, gaining well.",
    "Housing: {org} offered a 3-bdrm <whare> in {place}; {c} to view {date}.",
    "{c} wants to reconnect with <whānau> in {place} and go home to the <marae>.",
    "Referred {c} to {prog} (run by {org}); {s} <will> call.",
    "<Kaumātua> {ok} opened with <karakia>; <mokopuna> {kids} sang a <waiata>.",
    "{k} needs new uniform; {org} grant of {money} approved, {ref}.",
    "Paid {money} for school camp, {ref}.",
    "{org} letter re overpayment of {money}, {ref}.",
    "{c_poss} <mahi> at the packhouse finished {date}; applying to {org}.",
    "Noted {g} and {o} share care of {k}.",
    "{kids} all at {place} <kōhanga> / <kura>; {c} doing drop-offs.",
    "Discussed <tikanga> for the <tangihanga> with {c} and {ok}.",
    "{c} says {s} from {org} has not called back since {date}.",
    "{c} did <kapa haka> with {k} at the <marae>; proud of the <mahi>.",
    "Food bank {place}: collected <kai> {date}, {ref}.",
    "<Koha> of {money} given to {ok} for travel to the <hui>.",
    "<Rangatahi> {k} back at <kura> after stand-down; <whaea> {o} supporting.",
    "Power disconnected {date}; {org} paid {money}, {ref}.",
    "{c} and {g} to attend {prog} together, {sess} on {date} at {time}.",
    "Gave {c} the {org} number {ph0800} for after-hours support.",
    "Healthline {ph0800} given to {gk} for {k}.",
]

CLOSERS = [
    "Next HV {date} {time}.",
    "Plan: {s} to f/u with {org}; review {date}.",
    "NFA this week. Next contact {date}.",
    "{sess} booked {date} {time} at {place}.",
    "Call {s} on {sphone} if concerns.",
    "Note by {s}.",
    "<Koha> {money} paid; {ref}.",
    "Time spent {dur}. {s}",
    "<Ka pai>. {s} to ring {c} {date}.",
    "Next: {prog} {sess}, {date}.",
    "Review at <hui> {date} with {org}.",
    "{s} to email {semail} re plan.",
]

IDENT_SENTENCES = [
    "{c} {nhi}, {dob}.",
    "{k} {nhi}; {kdob}.",
    "{cC} {dob}, {nhi}.",
    "{ird} given to {org} for the grant.",
    "Updated contact for {c}: {phone}.",
    "New mob for {g}: {phone}.",
    "{c} can be reached on {phone} or {email}.",
    "Sent plan to {email}.",
    "Bank acct for {org} payment: {bank}.",
    "{c} asked that the {money} be paid into {bank}.",
    "{dl} sighted for ID.",
    "ID: {dl}; {ird}.",
    "{c} moved to {addr}.",
    "HV address now {addr}.",
    "Postal: {addr}.",
    "{k} ({kdob}) now living with {gk} at {addr}.",
    "{cf}, {dob}, {addr}, {phone}.",
    "Details updated: {phone}, {email}, acct {bank}.",
    "{gk} {dob}, {dl}.",
    "{c_poss} {ird}, acct {bank}.",
    "<Pēpi> {kb} {kdob}, {nhi}.",
    "{c} {dob}; {dl}; ph {sphone}.",
]

# Sentences where a name-word is used as an ordinary word (the other role).
WORD_ROLE = {
    "aroha": ["Lots of <aroha> in the <whare>; <tamariki> settled.",
              "<Aroha> and patience needed from both parents.",
              "Spoke about the <aroha> from their <kuia>."],
    "mana": ["<Kōrero> about restoring <mana> after the court stuff.",
             "Plan keeps the <whānau> <mana> intact."],
    "tui": ["<Tūī> in the garden; <tamariki> counting them.",
            "Sat outside listening to the <tūī>."],
    "kiri": ["<Pēpi> has eczema on the <kiri>; cream from GP."],
    "rangi": ["Beautiful <rangi> today, <tamariki> out playing."],
    "moana": ["<Whānau> trip to the <moana> planned for the holidays."],
    "marama": ["Plan is <marama> (clear) to everyone now."],
    "tama": ["Their <tama> (son) is 16 and working."],
    "nikau": ["Sat under the <nikau> by the <marae>."],
    "kowhai": ["<Kōwhai> out at the <kura>; <tamariki> did art."],
    "ataahua": ["<Pēpi> is <ataahua>, feeding well."],
    "awhina": ["Needs <awhina> with the forms."],
    "whetu": ["<Tamariki> doing a <whetū> chart at home."],
    "huia": ["<Kōrero> about the <huia> feather in the <whānau>."],
    "tane": ["<Tāne> in the house not engaging."],
    "hine": ["<Hine> (girls) group at <kura> going well."],
    "tangi": ["Missed appt due to a <tangi> up north."],
    "mata": ["Tired <mata> (eyes), not sleeping."],
    "hui": ["<Hui> next week at the <marae>.", "Big <hui> with the <whānau> on Sunday."],
    "grace": ["{org} gave a <grace> period on arrears."],
    "will": ["Client <will> ring back after the <hui>.", "<Will> follow up with {org}."],
    "hope": ["Some <hope> things settle after the move.", "<Hope> to get the <whare> sorted."],
    "rose": ["Rent <rose> again; <whānau> stretched."],
    "faith": ["<Faith>-based group at church helps."],
    "joy": ["Real <joy> when <pēpi> came home."],
    "may": ["Client <may> need a food grant.", "<May> need a second HV this week."],
    "autumn": ["Firewood needed before <autumn> ends."],
    "summer": ["<Summer> holidays hard on the budget."],
    "frank": ["Very <frank> <kōrero> about the drinking."],
    "mark": ["Small <mark> on the arm, explained as a fall.", "Paperwork due, <mark> it in diary."],
    "bill": ["Power <bill> overdue.", "Phone <bill> sorted with {org}."],
}
GENERIC_REO = [
    "<Whānau> doing ok; <kai> in the cupboard.",
    "<Wairua> better this week, more <kōrero> at home.",
    "<Tamariki> happy; <mokopuna> staying with <kuia> on weekends.",
    "<Karakia> before we started.",
    "<Manaakitanga> from the <whānau> as always.",
    "<Kaupapa> of the <hui> explained.",
    "<Koha> given for the <kai>.",
]


def _fill(tpl: str, slots: Slots) -> str:
    out = tpl.format_map(slots)
    return re.sub(r"<([^<>]+)>", lambda m: D(m.group(1)), out)


PERSON_SLOTS = {"c", "cf", "cl", "cC", "ct", "g", "gk", "k", "kb", "k1", "kids", "o", "ok",
                "s", "s2"}
CLIENT_CARER_SLOTS = {"c", "cf", "cl", "cC", "ct", "g", "gk"}


def _slots_of(tpl: str) -> set[str]:
    import string
    out = set()
    for _, field, _, _ in string.Formatter().parse(tpl):
        if field:
            out.add(field[:-5] if field.endswith("_poss") else field)
    return out


def _only_client_carer(tpl: str) -> bool:
    return not ((_slots_of(tpl) & PERSON_SLOTS) - CLIENT_CARER_SLOTS) and "semail" not in tpl


def make_note(rng: random.Random) -> tuple[str, str]:
    for _attempt in range(60):
        note = Note(rng)
        slots = Slots(note)
        with_known = rng.random() < 0.67
        # About half the notes with known names mention only the listed people.
        closed = with_known and rng.random() < 0.45

        def pick(pool, k=1):
            if closed:
                pool = [t for t in pool if _only_client_carer(t)]
            return rng.sample(pool, k)

        used = []
        used += pick(OPENERS)
        used += pick(BODIES, rng.choice([1, 1, 2]))
        if rng.random() < 0.85:
            used += pick(IDENT_SENTENCES, rng.choice([1, 1, 2]))
        key = norm(note.client.given)
        extra = None
        if key in WORD_ROLE and rng.random() < 0.8:
            extra = rng.choice(WORD_ROLE[key])
        elif rng.random() < 0.25:
            extra = rng.choice(WORD_ROLE[rng.choice(list(WORD_ROLE))])
        elif rng.random() < 0.3:
            extra = rng.choice(GENERIC_REO)
        closer = pick(CLOSERS)[0]
        parts = [_fill(t, slots) for t in used]
        if extra:
            parts.insert(rng.randint(1, len(parts)), _fill(extra, slots))
        parts.append(_fill(closer, slots))
        text = " ".join(parts)
        if note.drop_macrons:
            text = strip_marks(text)
        n_plain = len(plain_text(text))
        if not 150 <= n_plain <= 450:
            continue
        known = ""
        if with_known:
            people = [note.client.full]
            carer_used = note.carer.mentions > 0
            if (closed and carer_used) or rng.random() < 0.55:
                people.append(note.carer.full)
            known = "; ".join(people)
        return known, text
    raise RuntimeError("could not build a note in range")


def generate(n: int = 400, seed: int = 915) -> list[str]:
    rng = random.Random(seed)
    lines = []
    while len(lines) < n:
        known, text = make_note(rng)
        lines.append(f"{known}|{text}")
    return lines


# --------------------------------------------------------------------------
# Checking
# --------------------------------------------------------------------------
SPAN_RE = re.compile(r"\[\[(" + "|".join(TYPES) + r"):([^\[\]{}|]+?)\]\]|\{\{([^{}\[\]|]+?)\}\}")
TOKEN_RE = re.compile(r"[A-Za-zÀ-ɏ'’-]+")


def plain_text(marked: str) -> str:
    return SPAN_RE.sub(lambda m: m.group(2) if m.group(1) else m.group(3), marked)


def _name_lexicon() -> set[str]:
    lex = set()
    for given, family in NAMES.values():
        for nm in given + family:
            for t in re.split(r"[\s]+", nm):
                lex.add(norm(t))
                for part in t.split("-"):
                    lex.add(norm(part))
    return lex


NAME_LEX = _name_lexicon()
PROG_SET = {norm(x) for x in PROGRAMMES}
ORG_SET = {norm(x) for x in ORGS}
PLACE_SET = {norm(x) for x in PLACES}
ENG_SET = set(ENGLISH_NAME_WORDS)
_MONTH_RE = "|".join(MONTHS + MON3)
DATE_D_RE = re.compile(
    r"((" + "|".join(WEEKDAYS) + r") )?(\d{1,2}[/.]\d{1,2}([/.]\d{2,4})?|\d{4}-\d{2}-\d{2}|"
    r"\d{1,2}(st|nd|rd|th)? (" + _MONTH_RE + r"))")
TIME_D_RE = re.compile(r"\d{1,2}([:.]\d{2})?\s?(am|pm)?|\d+(\.\d+)? ?(hrs?|mins?)")


def distractor_kind(t: str) -> str | None:
    n = norm(t)
    if n in PROG_SET:
        return "programme"
    if n in ORG_SET:
        return "organisation"
    if n in PLACE_SET:
        return "place"
    if n in REO_SET or all(w in REO_SET for w in n.split()):
        return "te_reo"
    if n in ENG_SET:
        return "english_word"
    if n.endswith("-based") and n[:-6] in ENG_SET:
        return "english_word"
    if t.startswith("$"):
        return "money"
    if re.fullmatch(r"(session|sess|wk) \d+( of \d+)?", n):
        return "session"
    if re.fullmatch(r"(0800|0508)[ \d]+", t):
        return "phone_0800"
    if DATE_D_RE.fullmatch(t):
        return "service_date"
    if TIME_D_RE.fullmatch(t):
        return "time"
    if re.fullmatch(r"[A-Z\-0-9 ]*\d[\d \-]*", t):
        return "reference"
    return None


VALIDATORS = {
    "NHI": nhi_valid,
    "IRD": ird_valid,
    "PHONE": phone_valid,
    "EMAIL": lambda s: bool(EMAIL_RE.fullmatch(s)),
    "BANK": bank_valid,
    "DL": dl_valid,
    "DOB": lambda s: (lambda d: d is not None and 1930 <= d.year <= 2025)(parse_date(s)),
    "ADDRESS": lambda s: bool(re.search(r"\d", s) and ADDRESS_TYPE_RE.search(s)),
}


def check_lines(lines: list[str]) -> tuple[Counter, Counter, list[str], dict]:
    types, kinds, errors = Counter(), Counter(), []
    stats = Counter()
    for i, line in enumerate(lines, 1):
        if line.count("|") != 1:
            errors.append(f"line {i}: expected exactly one '|'")
            continue
        known, marked = line.split("|")
        if "\n" in marked:
            errors.append(f"line {i}: newline in text")
        if known:
            stats["with_known_names"] += 1
            for kn in known.split("; "):
                if len(kn.split()) < 2 or not all(
                        norm(t) in NAME_LEX for t in kn.replace("-", " ").split()):
                    errors.append(f"line {i}: bad known name {kn!r}")
        rest = SPAN_RE.sub("\x00", marked)
        for bad in ("[[", "]]", "{{", "}}", "<", ">"):
            if bad in rest:
                errors.append(f"line {i}: malformed markup near {bad!r}")
        plain = plain_text(marked)
        if not 150 <= len(plain) <= 450:
            errors.append(f"line {i}: length {len(plain)}")
        stats["chars"] += len(plain)
        person_tokens = set()
        for kn in known.split("; ") if known else []:
            person_tokens.update(norm(t) for t in kn.split())
        for m in SPAN_RE.finditer(marked):
            if m.group(1):
                typ, val = m.group(1), m.group(2)
                types[typ] += 1
                if val != val.strip():
                    errors.append(f"line {i}: whitespace at span edge {val!r}")
                if typ == "PERSON":
                    toks = [t for t in re.split(r"[\s,]+", val) if t]
                    for t in toks:
                        nt = norm(t)
                        if nt not in NAME_LEX and not all(p in NAME_LEX for p in nt.split("-")):
                            errors.append(f"line {i}: PERSON token not a name: {t!r}")
                        person_tokens.add(nt)
                    if val.islower():
                        stats["person_lowercase"] += 1
                    elif val.isupper() or re.match(r"[A-Z' -]{2,}, ", val):
                        stats["person_caps"] += 1
                    if len(toks) > 1:
                        stats["person_multi_token"] += 1
                    if "-" in val:
                        stats["person_hyphen"] += 1
                    if marked[m.end():m.end() + 2] == "'s":
                        stats["person_possessive"] += 1
                elif not VALIDATORS[typ](val):
                    errors.append(f"line {i}: {typ} fails validation: {val!r}")
            else:
                val = m.group(3)
                kind = distractor_kind(val)
                if kind is None:
                    errors.append(f"line {i}: unclassified distractor {val!r}")
                    kind = "unknown"
                kinds[kind] += 1
                if kind == "reference" and ird_valid(val):
                    stats["reference_passing_ird_checksum"] += 1
        # unmarked text must not leak any of this note's person names, te reo
        # words or English name-words
        for tok in TOKEN_RE.findall(SPAN_RE.sub(" ", marked)):
            nt = norm(tok).strip("'-")
            if not nt:
                continue
            if nt in person_tokens:
                errors.append(f"line {i}: unmarked person token {tok!r}")
            if nt in REO_SET or nt in ENG_SET:
                errors.append(f"line {i}: unmarked distractor word {tok!r}")
        # hard case: a name-word present as both a person and a word
        dwords = {norm(m.group(3)) for m in SPAN_RE.finditer(marked) if m.group(3)}
        if person_tokens & dwords:
            stats["name_word_both_roles"] += 1
        if re.search(r"[āēīōū]", marked, re.I) is None:
            stats["no_macrons"] += 1
    stats["lines"] = len(lines)
    return types, kinds, errors, stats


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out")
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--seed", type=int, default=915)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--in", dest="infile")
    a = ap.parse_args(argv)
    if a.check:
        if a.infile:
            with open(a.infile, encoding="utf-8") as fh:
                lines = [ln.rstrip("\n") for ln in fh if ln.strip()]
        else:
            lines = generate(a.n, a.seed)
        types, kinds, errors, stats = check_lines(lines)
        print(f"lines: {len(lines)}")
        print("identifier / PERSON spans:")
        for t in TYPES:
            print(f"  {t:8s} {types[t]}")
        print("distractors by kind:")
        for k, v in sorted(kinds.items()):
            print(f"  {k:14s} {v}")
        print("other:")
        for k, v in sorted(stats.items()):
            print(f"  {k:30s} {v}")
        if errors:
            print(f"ERRORS: {len(errors)}")
            for e in errors[:40]:
                print("  " + e)
            return 1
        short = [t for t in TYPES if t != "PERSON" and types[t] < 30]
        if types["PERSON"] < 1000 or short:
            print(f"counts below target: PERSON={types['PERSON']} short={short}")
            return 1
        print("check OK")
        return 0
    lines = generate(a.n, a.seed)
    if a.out:
        with open(a.out, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
    else:
        sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
