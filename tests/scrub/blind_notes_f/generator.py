"""Blind labelled case-note set F (issue 15).

Written from the text of issue 15 alone: the name lists, places, programme and provider names and the note
templates below are the author's own, drawn from general knowledge of who lives in Aotearoa New Zealand and of
how social-service staff write. Nothing here was read from the scrubber, its standards files or its other
labelled sets, and no name or word package is used.

A labelled line is ``record names|marked text``: the record names are the full names the agency's record holds
(``; `` separated), and the marked text wraps every identifier to remove in ``[[TYPE:text]]`` and every
distractor that must survive in ``{{text}}``.
"""

from __future__ import annotations

import random
import re
import unicodedata

from stdnum.nz import bankaccount, ird

TEST_SEED = 6161
TUNE_SEED = 6162

KEEP_KINDS = ("te_reo", "word", "programme", "organisation", "service_date", "amount", "time", "reference")
PII_KINDS = ("PERSON", "NHI", "IRD", "PHONE", "EMAIL", "BANK", "DL", "DOB", "ADDRESS")

MARK_RE = re.compile(r"\[\[(?P<type>[A-Z]+):(?P<pii>.+?)\]\]|\{\{(?P<keep>.+?)\}\}")

# ---------------------------------------------------------------------------------------------------------------
# Names. "Name:g" with g in f/m/x; "_" stands for a space inside one name.
# ---------------------------------------------------------------------------------------------------------------

_GIVEN_RAW: dict[str, str] = {
    "maori": (
        "Aroha:f Mana:m Rangi:m Kiri:f Tui:f Hēmi:m Wiremu:m Tamati:m Mereana:f Mere:f Ngaire:f Hine:f Hinemoa:f "
        "Rāwiri:m Te_Ariki:m Manaia:m Nikau:m Anahera:f Kahurangi:f Āwhina:f Tāne:m Ihaia:m Pita:m Hohepa:m "
        "Riria:f Huia:f Ariana:f Mihi:f Paora:m Te_Rangi:m Hūhana:f Tipene:m Ruiha:f Ngārangi:f Piripi:m Mātiu:m "
        "Waimarie:f Ririana:f Kaia:f Tamahou:m Whetū:x Pania:f Rewi:m Tūī:f Hōhua:m Marama:f Kēpa:m Tia:f "
        "Moana:f Ngaio:f Kōwhai:f Rongo:m Tawhiri:m Aperahama:m Ātaahua:f Keita:f Hana:f Wikitoria:f"
    ),
    "samoan": (
        "Sione:m Losa:f Malia:f Tavita:m Ioane:m Sina:f Lealofi:m Fetu:f Lagi:f Alofa:f Iosefa:m Talia:f "
        "Vaitoa:m Faʻamoana:m Leilani:f Pele:m Filipo:m Siaosi:m Lupe:f Mataʻafa:m Salamasina:f Tasi:m"
    ),
    "tongan": (
        "Siosaia:m Losaline:f Sela:f Tevita:m Viliami:m ʻAna:f Sitani:m Lesieli:f Tēvita:m Mele:f Sālote:f "
        "Semisi:m Lavinia:f Pauliasi:m Kalolaine:f Feleti:m Mosese:m ʻAlisi:f Taniela:m"
    ),
    "cook": "Mata:f Tere:m Teuira:f Tiare:f Vaine:f Tutai:m Tangi:m Mereani:f Tupou:f Akanoa:m Ruaine:f",
    "niuean": "Kalolo:m Sefa:m Moka:m Fiafia:f Talagi:f Hingano:f Lemani:m Ioana:f Folau:m",
    "fijian": "Epeli:m Litia:f Jone:m Asena:f Isireli:m Vika:f Salote:f Maika:m Losana:f Waisale:m Unaisi:f",
    "indian": (
        "Priya:f Arjun:m Harpreet:f Gurpreet:m Anjali:f Ravi:m Sunita:f Deepak:m Manpreet:f Navjot:m Rohan:m "
        "Simran:f Kavita:f Rajesh:m Aditi:f Sanjay:m Pooja:f Vikram:m Neha:f Amit:m Shalini:f Jaswinder:m"
    ),
    "chinese": "Wei:m Xin:f Mei:f Jun:m Hao:m Ying:f Zhen:f Jia_Hui:f Ming:m Lei:m Xiaoling:f Tao:m Yan:f",
    "korean": "Min-jun:m Seo-yeon:f Ji-woo:f Ha-eun:f Do-yun:m Ji-ho:m Soo-ah:f Hyun-woo:m Eun-ji:f",
    "filipino": (
        "Maricel:f Jose:m Angelica:f Jericho:m Lourdes:f Rowena:f Rodel:m Marivic:f Joel:m Cristina:f "
        "Mark_Anthony:m Jasmin:f Romeo:m Divina:f"
    ),
    "middle_east": (
        "Ahmad:m Fatima:f Omar:m Layla:f Yusuf:m Maryam:f Hassan:m Zainab:f Ali:m Noor:f Mustafa:m Rania:f "
        "Karim:m Shirin:f Farid:m Leila:f Reza:m Soraya:f"
    ),
    "african": (
        "Amani:f Chidi:m Abebe:m Nia:f Kwame:m Fadumo:f Deqa:f Tendai:x Blessing:f Precious:f Kofi:m "
        "Nomvula:f Tafadzwa:m Hodan:f Samuel:m Mercy:f"
    ),
    "european": (
        "Jack:m Olivia:f Charlotte:f James:m Oliver:m Sophie:f Liam:m Emma:f Hannah:f Ethan:m Mia:f Isla:f "
        "Noah:m Ruby:f Lucy:f Sarah:f Michelle:f Karen:f Shane:m Wayne:m Kylie:f Brent:m Dean:m Craig:m "
        "Sharon:f Jodie:f Nathan:m Hope:f Rose:f Grace:f Joy:f Faith:f Sky:x River:x Star:f Storm:x Summer:f "
        "Dawn:f Amber:f Jade:f Ivy:f Patience:f Tyler:m Jayden:m Kayla:f Brooke:f Bailey:x Zoe:f Chantelle:f "
        "Trent:m Blair:x Glenys:f Murray:m Bevan:m Rhys:m Siobhan:f Niamh:f Seán:m Pieter:m Annelies:f"
    ),
    "latin": "Camila:f Mateo:m Valentina:f Diego:m Sofía:f José_Luis:m Lucía:f Andrés:m Ximena:f Joaquín:m",
}

_FAMILY_RAW: dict[str, str] = {
    "maori": (
        "Ngata Parata Te_Whata Waititi Hohaia Kereama Te_Kanawa Tāmihana Heke Ngāwhika Horomona Tuhiwai Hēnare "
        "Paki Pōmare Rangihuna Te_Paa Wihongi Tūrei Te_Hira Poutama Mānihera Ngarimu Tomoana Rikihana Whaanga "
        "Te_Amo Karaka Hapi Tautahi Rāwiri Herewini Mataira Te_Rangi Pōtaka Tawhai Kingi Hōhaia Ratana Tīpene "
        "Nathan Walker Rātahi Waaka Te_Huia Kohere"
    ),
    "samoan": (
        "Faleolo Tuilagi Leota Fuimaono Soʻo Tauiliili Aumua Tuala Letoa Faʻasalele Aiono Sapolu Leiataua "
        "Toleafoa Lemalu Faʻalogo Mulitalo Sefo Alapati"
    ),
    "tongan": "Taufa Fifita Havili Tuʻipulotu Vaipulu Moala Kaufusi Lātū Pulu Fonua Mahe ʻUlufonua Vainikolo Tapueluelu",
    "cook": "Marsters Tuara Ngatamariki Pera Akavi Tupa Ruatoe Vaeau Tangitoru Mataroa Teariki",
    "niuean": "Talagi Tukuitonga Pulehetoa Hekau Tongatule Makaia Tauevihi",
    "fijian": "Naivalu Vuniwaqa Tabua Nawalowalo Delana Tuilevuka Raikoti Prasad Chand Naidu",
    "indian": "Patel Singh Sharma Kaur Gill Reddy Nair D'Souza Fernandes Iyer Chaudhary Sandhu Dhillon Mehta",
    "chinese": "Wang Li Chen Zhang Liu Huang Wong Chan Lim Zhou Xu Ng",
    "korean": "Kim Lee Park Choi Jung Kang Yoon",
    "filipino": "Santos Reyes Cruz Bautista dela_Cruz Villanueva Mendoza Garcia Aquino Dizon Manalo",
    "middle_east": "Al-Hassan Haddad Rahimi Mohammadi Karimi Abdullah Khalil Nasser Hussaini Jaber",
    "african": "Okafor Mensah Ndlovu Abdi Mohamed Warsame Mwangi Osei Tesfaye Moyo Nkosi",
    "european": (
        "Smith Williams Brown Wilson Taylor Jones Anderson Thompson Robinson O'Brien McDonald MacKenzie "
        "van_der_Berg de_Vries Jansen Campbell Stewart Murphy O'Connor Kelly Fitzgerald Harris-Jones Baker "
        "Cooper Te_Moana-Smith Hughes Clarke Scott Morrison Bennett Ryan Walsh Rose Hope"
    ),
    "latin": "González Rodríguez Martínez López Hernández Pérez Morales Castillo",
}

# Many Māori and Pasifika families carry English surnames.
_SHARED_FAMILY = [
    "Walker", "Brown", "Smith", "Williams", "Thompson", "Wilson", "Harris", "Edwards", "Campbell", "Morgan", "Tait",
    "Grace",
]

_ORIGIN_WEIGHTS: dict[str, int] = {
    "maori": 30, "samoan": 10, "tongan": 7, "cook": 4, "niuean": 3, "fijian": 3, "indian": 8, "chinese": 6,
    "korean": 3, "filipino": 5, "middle_east": 4, "african": 4, "european": 20, "latin": 3,
}

# Given names that are also everyday te reo Māori or English words.
WORD_NAMES = (
    "Aroha", "Mana", "Hope", "Rose", "Tui", "Kiri", "Rangi", "Grace", "Joy", "Faith", "Sky", "River", "Star",
    "Moana", "Blessing", "Precious", "Alofa", "Storm", "Summer", "Dawn", "Amber", "Jade", "Ivy", "Patience",
    "Mercy", "Huia", "Kōwhai", "Ngaio",
)

_NICKNAMES: dict[str, tuple[str, ...]] = {
    "Wiremu": ("Wi", "Bill"), "Tamati": ("Tam",), "Mereana": ("Mere",), "Hinemoa": ("Hine",), "Rāwiri": ("Rawi",),
    "Siosaia": ("Saia",), "Losaline": ("Lose",), "Viliami": ("Vili",), "Tevita": ("Dave",), "Iosefa": ("Sefa",),
    "Priyanka": ("Priya",), "Mustafa": ("Mus",), "Jonathan": ("Jono",), "Nathan": ("Nate",), "Samuel": ("Sam",),
    "Charlotte": ("Charlie", "Lottie"), "Olivia": ("Liv",), "Valentina": ("Vale",), "Angelica": ("Gel",),
    "Jericho": ("Echo",), "Kahurangi": ("Kahu",), "Aperahama": ("Abe",), "Wikitoria": ("Vicky",),
    "Ihaia": ("Isaiah",), "Hohepa": ("Joe",), "Salamasina": ("Sina",), "Kalolaine": ("Lolo",),
    "Pauliasi": ("Paul",), "Tafadzwa": ("Taf",), "Gurpreet": ("Gary",), "Jaswinder": ("Jas",),
    "Hyun-woo": ("Hyun",), "Mark Anthony": ("MA",), "José Luis": ("Pepe",), "Taniela": ("Dan",),
    "Te Ariki": ("Ariki",), "Ātaahua": ("Taahua",), "Tawhiri": ("Tawh",), "Feleti": ("Fred",),
}


def _parse_given(raw: str) -> list[tuple[str, str]]:
    out = []
    for item in raw.split():
        name, gender = item.rsplit(":", 1)
        out.append((name.replace("_", " "), gender))
    return out


GIVEN: dict[str, list[tuple[str, str]]] = {k: _parse_given(v) for k, v in _GIVEN_RAW.items()}
FAMILY: dict[str, list[str]] = {k: [n.replace("_", " ") for n in v.split()] for k, v in _FAMILY_RAW.items()}
_WORD_PEOPLE: list[tuple[str, str, str]] = [
    (n, g, o) for o, names in GIVEN.items() for n, g in names if n in WORD_NAMES
]


def name_counts() -> tuple[int, int]:
    """Distinct given and family names in the lists."""
    given = {n for names in GIVEN.values() for n, _ in names}
    family = {n for names in FAMILY.values() for n in names} | set(_SHARED_FAMILY)
    return len(given), len(family)


_MACRONS = str.maketrans("āēīōūĀĒĪŌŪ", "aeiouAEIOU")


def strip_marks(text: str) -> str:
    """Drop macrons and the ʻokina, as many spreadsheets and quick notes do."""
    return text.translate(_MACRONS).replace("ʻ", "")


def ascii_fold(text: str) -> str:
    text = strip_marks(text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isascii())


class Person:
    """One person in a note, with the forms a worker might write."""

    def __init__(self, given: str, middle: str | None, family: str, gender: str, origin: str) -> None:
        self.given = given
        self.middle = middle
        self.family = family
        self.gender = gender
        self.origin = origin
        self.nick = _NICKNAMES.get(given)
        self.note_marks = True  # whether the note writer keeps macrons and the ʻokina

    def full(self) -> str:
        return f"{self.given} {self.family}"


def _pick_origin(rng: random.Random) -> str:
    origins = list(_ORIGIN_WEIGHTS)
    return rng.choices(origins, weights=[_ORIGIN_WEIGHTS[o] for o in origins])[0]


def make_person(
    rng: random.Random,
    origin: str | None = None,
    family: str | None = None,
    wordy: float = 0.0,
    gender: str | None = None,
) -> Person:
    if rng.random() < wordy:
        pool = [p for p in _WORD_PEOPLE if gender is None or p[1] == gender or p[1] == "x"] or _WORD_PEOPLE
        given, g, o = rng.choice(pool)
        origin = origin or o
    else:
        origin = origin or _pick_origin(rng)
        pool2 = [p for p in GIVEN[origin] if gender is None or p[1] == gender or p[1] == "x"] or GIVEN[origin]
        given, g = rng.choice(pool2)
    if family is None:
        if origin in ("maori", "samoan", "tongan", "cook", "niuean", "fijian") and rng.random() < 0.25:
            family = rng.choice(_SHARED_FAMILY)
        else:
            family = rng.choice(FAMILY[origin])
    middle = None
    if rng.random() < 0.3:
        cands = [n for n, _ in GIVEN[origin] if n != given and " " not in n]
        middle = rng.choice(cands) if cands else None
    return Person(given, middle, family, g, origin)


def record_name(p: Person, rng: random.Random) -> str:
    """The name as a provider's spreadsheet would hold it."""
    parts = [p.given]
    if p.middle and rng.random() < 0.4:
        parts.append(p.middle)
    parts.append(p.family)
    text = " ".join(parts)
    if rng.random() < 0.35:
        text = strip_marks(text)
    return text


# ---------------------------------------------------------------------------------------------------------------
# Identifiers.
# ---------------------------------------------------------------------------------------------------------------

_NHI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # I and O are never used


def _nhi_value(c: str) -> int:
    return int(c) if c.isdigit() else _NHI_LETTERS.index(c) + 1


def nhi_is_valid(text: str) -> bool:
    """NHI check (HISO 10046): old AAANNNC with a mod-11 digit, new AAANNAX with a mod-23 letter."""
    s = text.strip().upper()
    if re.fullmatch(r"[A-HJ-NP-Z]{3}\d{4}", s):
        total = sum(_nhi_value(c) * w for c, w in zip(s[:6], range(7, 1, -1), strict=True))
        rem = total % 11
        return rem != 0 and (11 - rem) % 10 == int(s[6])
    if re.fullmatch(r"[A-HJ-NP-Z]{3}\d{2}[A-HJ-NP-Z]{2}", s):
        total = sum(_nhi_value(c) * w for c, w in zip(s[:6], range(7, 1, -1), strict=True))
        rem = total % 23
        return rem != 0 and _NHI_LETTERS[23 - rem - 1] == s[6]
    return False


def make_nhi(rng: random.Random) -> str:
    while True:
        head = "".join(rng.choice(_NHI_LETTERS) for _ in range(3))
        if rng.random() < 0.6:
            body = head + "".join(rng.choice("0123456789") for _ in range(3))
            total = sum(_nhi_value(c) * w for c, w in zip(body, range(7, 1, -1), strict=True))
            rem = total % 11
            if rem == 0:
                continue
            nhi = body + str((11 - rem) % 10)
        else:
            body = head + "".join(rng.choice("0123456789") for _ in range(2)) + rng.choice(_NHI_LETTERS)
            total = sum(_nhi_value(c) * w for c, w in zip(body, range(7, 1, -1), strict=True))
            rem = total % 23
            if rem == 0:
                continue
            nhi = body + _NHI_LETTERS[23 - rem - 1]
        if nhi_is_valid(nhi):
            return nhi


def _ird_number(rng: random.Random) -> str:
    while True:
        n = rng.randint(10_000_001, 149_999_999)
        body = str(n)[:-1]
        num = body + ird.calc_check_digit(body)
        if ird.is_valid(num):
            return num


def make_ird(rng: random.Random) -> str:
    num = _ird_number(rng)
    r = rng.random()
    if len(num) == 9:
        if r < 0.45:
            return f"{num[:3]}-{num[3:6]}-{num[6:]}"
        if r < 0.7:
            return f"{num[:3]} {num[3:6]} {num[6:]}"
        return num
    if r < 0.45:
        return f"{num[:2]}-{num[2:5]}-{num[5:]}"
    if r < 0.65:
        return f"{num[:2]} {num[2:5]} {num[5:]}"
    return num


_BANKS = ("01", "02", "03", "06", "12", "38", "15", "11")


def make_bank(rng: random.Random) -> str:
    while True:
        bank = rng.choice(_BANKS)
        branch = f"{rng.randint(1, 999) if bank in ('38',) else rng.randint(1, 2000):04d}"
        if bank == "38":
            branch = f"{rng.randint(9000, 9499):04d}"
        account = f"{rng.randint(0, 9_999_999):07d}"
        suffix = f"{rng.randint(0, 99):02d}" if rng.random() < 0.85 else f"{rng.randint(0, 30):03d}"
        text = f"{bank}-{branch}-{account}-{suffix}"
        if bankaccount.is_valid(text):
            break
    sep = rng.choice(["-", "-", "-", " ", "", "/"])
    return sep.join([bank, branch, account, suffix]) if sep else bank + branch + account + suffix


def bank_is_valid(text: str) -> bool:
    return bankaccount.is_valid(text.replace("/", "-"))


def make_dl(rng: random.Random) -> str:
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
    digits = "".join(rng.choice("0123456789") for _ in range(6))
    sep = rng.choice(["", "", " ", "-"])
    return letters + sep + digits


_MOBILE = ("021", "022", "027", "029", "020")


def make_phone(rng: random.Random, area: str) -> str:
    if rng.random() < 0.6:
        prefix = rng.choice(_MOBILE)
        n = prefix[1:]
        if prefix == "021" and rng.random() < 0.3:
            digits = f"{rng.randint(100000, 999999)}"
        elif rng.random() < 0.2:
            digits = f"{rng.randint(10000000, 99999999)}"
        else:
            digits = f"{rng.randint(2000000, 9999999)}"
        form = rng.randrange(7)
        if form == 0:
            return f"{prefix} {digits[:3]} {digits[3:]}"
        if form == 1:
            return prefix + digits
        if form == 2:
            return f"{prefix}-{digits[:3]}-{digits[3:]}"
        if form == 3:
            return f"+64 {n} {digits[:3]} {digits[3:]}"
        if form == 4:
            return f"+64{n}{digits}"
        if form == 5:
            return f"({prefix}) {digits}"
        return f"{prefix} {digits}"
    code = area
    digits = f"{rng.randint(2000000, 9999999)}"
    form = rng.randrange(6)
    if form == 0:
        return f"({code}) {digits[:3]} {digits[3:]}"
    if form == 1:
        return f"{code} {digits[:3]} {digits[3:]}"
    if form == 2:
        return f"{code}-{digits}"
    if form == 3:
        return f"+64 {code[1]} {digits[:3]} {digits[3:]}"
    if form == 4:
        return code + digits
    return f"{code} {digits}"


_EMAIL_DOMAINS = (
    "gmail.com", "gmail.com", "xtra.co.nz", "outlook.com", "hotmail.com", "hotmail.co.nz", "yahoo.co.nz",
    "icloud.com", "outlook.co.nz", "live.com", "slingshot.co.nz",
)


def _email_part(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text).lower())


def make_email(rng: random.Random, p: Person, staff_domain: str | None = None) -> str:
    g, f = _email_part(p.given), _email_part(p.family)
    if staff_domain:
        local = rng.choice([f"{g}.{f}", f"{g[0]}{f}", g, f"{g}{f[:1]}"])
        return f"{local}@{staff_domain}"
    n = rng.randint(1, 99)
    local = rng.choice([f"{g}.{f}", f"{g}{f}{n}", f"{g[0]}.{f}", f"{g}_{n}{f[:2]}", f"{f}{g}", f"{g}{n}",
                        f"{g}.{f}{rng.randint(80, 99)}", f"mrs{f}" if p.gender == "f" else f"big{g}{n}"])
    return f"{local}@{rng.choice(_EMAIL_DOMAINS)}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_ORDINAL_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    "twentieth", "twenty-first", "twenty-second", "twenty-third", "twenty-fourth", "twenty-fifth",
    "twenty-sixth", "twenty-seventh", "twenty-eighth",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _ordinal(d: int) -> str:
    if 10 <= d % 100 <= 20:
        return f"{d}th"
    return f"{d}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th') }"


def make_dob(rng: random.Random, child: bool) -> str:
    y = rng.randint(2008, 2024) if child else rng.randint(1948, 2006)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    mon = _MONTHS[m - 1]
    form = rng.randrange(14)
    if form == 0:
        return f"{d:02d}/{m:02d}/{y}"
    if form == 1:
        return f"{d}-{m}-{y % 100:02d}"
    if form == 2:
        return f"{_ordinal(d)} {mon} {y}"
    if form == 3:
        return f"{mon} {d} {y}"
    if form == 4:
        return f"{_ORDINAL_WORDS[d - 1]} of {mon} {y}"
    if form == 5:
        return f"{y}-{m:02d}-{d:02d}"
    if form == 6:
        return f"{d:02d}.{m:02d}.{y % 100:02d}"
    if form == 7:
        return f"{d} {mon} {y}"
    if form == 8:
        return f"{d}/{m}/{y}"
    if form == 9:
        return f"{d} {mon[:3]} {y}"
    if form == 10:
        return f"{mon} {_ordinal(d)}, {y}"
    if form == 11:
        return f"{d}-{mon[:3]}-{y}"
    if form == 12:
        return f"{_ordinal(d)} of {mon} {y}"
    return f"{d}.{m}.{y}"


def make_service_date(rng: random.Random) -> str:
    y = rng.choice((2024, 2025, 2025, 2026))
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    mon = _MONTHS[m - 1]
    day = rng.choice(_DAYS)
    form = rng.randrange(16)
    if form == 0:
        return f"{d}/{m}"
    if form == 1:
        return f"{d:02d}/{m:02d}/{y}"
    if form == 2:
        return f"{d} {mon}"
    if form == 3:
        return f"{day[:3]} {d} {mon}"
    if form == 4:
        return f"{day} {_ordinal(d)} {mon}"
    if form == 5:
        return f"{_ordinal(d)} of {mon}"
    if form == 6:
        return f"{d:02d}.{m:02d}.{y % 100:02d}"
    if form == 7:
        return f"{y}-{m:02d}-{d:02d}"
    if form == 8:
        return f"{mon} {d}"
    if form == 9:
        return f"{d} {mon[:3]} {y % 100:02d}"
    if form == 10:
        return f"{day[:3]} {d}/{m}"
    if form == 11:
        return f"{day} the {_ordinal(d)}"
    if form == 12:
        return f"{d} {mon} {y}"
    if form == 13:
        return f"{d}-{m}-{y}"
    if form == 14:
        return f"{mon[:3]} {_ordinal(d)}"
    return f"{day} {d} {mon} {y}"


def make_amount(rng: random.Random) -> str:
    form = rng.randrange(10)
    small = rng.choice([20, 25, 30, 40, 45, 50, 60, 75, 80, 85, 90, 120, 150, 180, 200, 250, 300, 340, 420, 485])
    if form in (0, 8):
        return f"${small}"
    if form == 1:
        return f"${rng.randint(1, 4)},{rng.choice([0, 100, 250, 480, 600, 875]):03d}.{rng.choice(['00', '50', '35'])}"
    if form == 2:
        return f"${small}.{rng.choice(['00', '50', '20', '95'])}"
    if form == 3:
        return f"NZ${small}"
    if form == 4:
        return f"{small} dollars"
    if form == 5:
        return f"${rng.choice(['1.2', '1.5', '2', '3', '4.5'])}k"
    if form == 6:
        return f"${rng.choice([1100, 1250, 1480, 1960, 2300])}"
    if form == 7:
        return f"$ {small}"
    return f"${rng.randint(2, 60)}.{rng.randint(0, 99):02d}"


def make_time(rng: random.Random) -> str:
    h = rng.randint(7, 18)
    mi = rng.choice([0, 0, 5, 10, 15, 20, 30, 30, 40, 45, 50])
    h12 = h if h <= 12 else h - 12
    ap = "am" if h < 12 else "pm"
    form = rng.randrange(9)
    if form == 0:
        return f"{h12}{ap}"
    if form == 1:
        return f"{h12}:{mi:02d}{ap}"
    if form == 2:
        return f"{h12}.{mi:02d}{ap}"
    if form == 3:
        return f"{h:02d}:{mi:02d}"
    if form == 4:
        return f"{h:02d}{mi:02d}hrs"
    if form == 5:
        return f"{h12}:{mi:02d} {'a.m.' if h < 12 else 'p.m.'}"
    if form == 6:
        return f"{h12} {ap}"
    if form == 7:
        return f"{h}:{mi:02d}"
    return f"{h12}.{mi:02d} {ap.upper()}"


def make_reference(rng: random.Random, kind: str) -> str:
    """Invoice, receipt, case, referral and file numbers; some look like IRD numbers on purpose."""
    ird_like = rng.random() < 0.4
    if ird_like and kind in ("inv", "rcpt", "ref", "order", "acct"):
        num = _ird_number(rng)
        r = rng.random()
        if r < 0.5:
            return num
        if len(num) == 9:
            return f"{num[:3]}-{num[3:6]}-{num[6:]}" if r < 0.8 else f"{num[:3]} {num[3:6]} {num[6:]}"
        return f"{num[:2]}-{num[2:5]}-{num[5:]}"
    if kind == "inv":
        return rng.choice([f"INV-{rng.randint(1000, 99999)}", f"{rng.randint(100000, 9999999)}",
                           f"INV{rng.randint(10000, 999999):06d}", f"#{rng.randint(1000, 99999)}"])
    if kind == "rcpt":
        return rng.choice([f"R{rng.randint(10000, 999999)}", f"{rng.randint(1000, 999999)}",
                           f"RC-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"])
    if kind == "case":
        return rng.choice([f"CW-{rng.randint(2019, 2026)}-{rng.randint(100, 9999):04d}",
                           f"{rng.randint(1000000, 9999999)}", f"FC{rng.randint(100, 999)}/{rng.randint(20, 26)}",
                           f"C{rng.randint(100000, 999999)}"])
    if kind == "file":
        return rng.choice([f"F{rng.randint(20, 26)}/{rng.randint(1, 9999):04d}",
                           f"{rng.randint(2020, 2026)}/{rng.randint(1, 9999):04d}",
                           f"WK-{rng.randint(100, 9999)}"])
    if kind == "order":
        return rng.choice([f"PO{rng.randint(10000, 999999)}", f"{rng.randint(100000, 999999)}"])
    if kind == "acct":
        return rng.choice([f"{rng.randint(1000000, 99999999)}", f"A{rng.randint(100000, 999999)}"])
    return rng.choice([f"REF-{rng.randint(1000, 99999)}", f"R-{rng.randint(10000, 99999)}",
                       f"{rng.randint(100000, 9999999)}", f"RF{rng.randint(1000, 9999)}-{rng.randint(10, 99)}"])


# ---------------------------------------------------------------------------------------------------------------
# Places and addresses: (suburb or town, city, postcode) per region, and the region's landline code.
# ---------------------------------------------------------------------------------------------------------------

_REGIONS: dict[str, tuple[str, str]] = {
    "auckland": ("09", (
        "Ōtara:Auckland:2023 Māngere:Auckland:2022 Papatoetoe:Auckland:2025 Manurewa:Auckland:2102 "
        "Papakura:Auckland:2110 Glen_Innes:Auckland:1072 Henderson:Auckland:0612 Rānui:Auckland:0612 "
        "Massey:Auckland:0614 Avondale:Auckland:1026 Onehunga:Auckland:1061 Ōtāhuhu:Auckland:1062 "
        "Clendon_Park:Auckland:2103 Wiri:Auckland:2104 Panmure:Auckland:1072 Kelston:Auckland:0602 "
        "Te_Atatū_South:Auckland:0610 Northcote:Auckland:0627 Pukekohe::2120 Mt_Wellington:Auckland:1060"
    )),
    "wellington": ("04", (
        "Cannons_Creek:Porirua:5024 Waitangirua:Porirua:5024 Naenae:Lower_Hutt:5011 Taitā:Lower_Hutt:5011 "
        "Wainuiomata:Lower_Hutt:5014 Strathmore_Park:Wellington:6022 Newtown:Wellington:6021 Tawa:Wellington:5028 "
        "Stokes_Valley:Lower_Hutt:5019 Trentham:Upper_Hutt:5018 Ascot_Park:Porirua:5024"
    )),
    "canterbury": ("03", (
        "Aranui:Christchurch:8061 Linwood:Christchurch:8062 Hornby:Christchurch:8042 Shirley:Christchurch:8013 "
        "Papanui:Christchurch:8053 Bromley:Christchurch:8062 Rangiora::7400 Woolston:Christchurch:8023 "
        "Kaiapoi::7630 Ashburton::7700"
    )),
    "waikato": ("07", (
        "Enderley:Hamilton:3214 Fairfield:Hamilton:3214 Nawton:Hamilton:3200 Dinsdale:Hamilton:3204 "
        "Huntly::3700 Ngāruawāhia::3720 Te_Awamutu::3800 Tokoroa::3420 Melville:Hamilton:3206"
    )),
    "bay_of_plenty": ("07", (
        "Fordlands:Rotorua:3015 Koutu:Rotorua:3010 Western_Heights:Rotorua:3015 Kawerau::3127 Ōpōtiki::3122 "
        "Whakatāne::3120 Katikati::3129 Te_Puke::3119 Merivale:Tauranga:3112 Greerton:Tauranga:3112"
    )),
    "eastern": ("06", (
        "Flaxmere:Hastings:4120 Camberley:Hastings:4120 Maraenui:Napier:4110 Highbury:Palmerston_North:4412 "
        "Awapuni:Palmerston_North:4412 Castlecliff:Whanganui:4501 Levin::5510 Feilding::4702 Wairoa::4108 "
        "Gisborne::4010 Kaiti:Gisborne:4010"
    )),
    "northland": ("09", (
        "Otangarei:Whangārei:0112 Raumanga:Whangārei:0110 Kaikohe::0405 Kaitāia::0410 Moerewa::0211 "
        "Dargaville::0310 Kawakawa::0210 Kerikeri::0230"
    )),
    "southern": ("03", (
        "South_Dunedin:Dunedin:9012 Caversham:Dunedin:9012 Brockville:Dunedin:9011 Glengarry:Invercargill:9810 "
        "Gore::9710 Ōamaru::9400 Windsor:Invercargill:9810 Mosgiel::9024"
    )),
}


def _parse_places(raw: str) -> list[tuple[str, str, str]]:
    out = []
    for item in raw.split():
        sub, city, code = item.split(":")
        out.append((sub.replace("_", " "), city.replace("_", " "), code))
    return out


PLACES: dict[str, list[tuple[str, str, str]]] = {k: _parse_places(v[1]) for k, v in _REGIONS.items()}
AREA: dict[str, str] = {k: v[0] for k, v in _REGIONS.items()}

_STREETS = (
    "Kōwhai", "Rimu", "Tōtara", "Kauri", "Pōhutukawa", "Mātai", "Nīkau", "Harakeke", "Hinemoa", "Rata",
    "Queen", "King", "Victoria", "George", "Great South", "Station", "Church", "Hope", "Grace", "Rose",
    "Tui", "Kererū", "Te Irirangi", "Bairds", "Preston", "Mahia", "Puhinui", "Buckland", "Russell", "Carrington",
    "Tāwhara", "Wharf", "Ngātai", "Aroha", "Te Rangi", "Atkinson", "Kiwi", "Hillcrest", "Willow", "Elizabeth",
    "Tamaki", "Waihī", "Fergusson", "Hall", "Mountain", "Bader", "Cranwell", "Massey", "Tītī", "Moana",
)
_STREET_TYPES = (
    ("Street", "St"), ("Road", "Rd"), ("Avenue", "Ave"), ("Crescent", "Cres"), ("Place", "Pl"),
    ("Drive", "Dr"), ("Terrace", "Tce"), ("Lane", "Ln"), ("Close", "Cl"), ("Way", "Way"), ("Grove", "Gr"),
)


def make_address(rng: random.Random, region: str) -> str:
    sub, city, code = rng.choice(PLACES[region])
    town = city or sub
    form = rng.randrange(12)
    if form == 0:  # PO box
        box = rng.choice([f"PO Box {rng.randint(10, 9999)}", f"P.O. Box {rng.randint(10, 999)}",
                          f"PO Box {rng.randint(10, 99)} {rng.randint(100, 999)}"])
        return f"{box}, {town}" + (f" {code}" if rng.random() < 0.6 else "")
    if form == 1:  # rural delivery
        road = rng.choice(["State Highway 1", "State Highway 2", f"{rng.choice(_STREETS)} Road",
                           "Settlement Road", "Old Coach Road", "Back Road"])
        rd = f"RD {rng.randint(1, 9)}"
        return f"{rng.randint(10, 2999)} {road}, {rd}, {town}" + (f" {code}" if rng.random() < 0.5 else "")
    street, abbrev = rng.choice(_STREET_TYPES)
    stype = abbrev if rng.random() < 0.35 else street
    name = f"{rng.choice(_STREETS)} {stype}"
    num = rng.randint(1, 260)
    unit_form = rng.randrange(7)
    if unit_form == 0:
        number = f"{rng.randint(1, 8)}/{num}"
    elif unit_form == 1:
        number = f"Flat {rng.randint(1, 6)}, {num}"
    elif unit_form == 2:
        number = f"{num}{rng.choice('ABC')}"
    elif unit_form == 3:
        number = f"Unit {rng.randint(1, 20)}, {num}"
    else:
        number = str(num)
    tail_form = rng.randrange(5)
    if tail_form == 0:
        return f"{number} {name}"
    if tail_form == 1:
        return f"{number} {name}, {sub}"
    if tail_form == 2:
        return f"{number} {name}, {sub}, {town} {code}" if city else f"{number} {name}, {sub} {code}"
    if tail_form == 3:
        return f"{number} {name}, {sub} {code}"
    return f"{number} {name}, {sub}, {town}" if city else f"{number} {name}, {sub}"


# ---------------------------------------------------------------------------------------------------------------
# Kept names: programmes (invented), organisations (invented providers and real public bodies).
# ---------------------------------------------------------------------------------------------------------------

PROGRAMMES = (
    "Te Huarahi Hou", "Mātua Kaha", "Whiri Tahi", "Tū Tangata Whānau", "Building Strong Whānau", "Safe Start Pēpi",
    "Kōrero Mai", "Ngā Tapuwae", "Money Mates", "Steady Steps", "Aroha Ki Te Kāinga", "Hope Rising",
    "Rangatahi Rising", "Te Whare Pūtea", "Manaaki Mātua", "Brave Hearts Parenting", "Tama Tū", "Wāhine Toa",
    "Whakapakari Whānau", "Calm Homes", "Kai Ora Kitchen", "Te Kōtuku Rere", "Fresh Start Budgeting",
    "Strong Roots", "Mana Tāne", "Kiri Ora", "Tuia Ngā Whānau", "Pēpi First", "Second Chances", "Kia Tū Rangatira",
    "Joyful Beginnings", "Rito Hou", "Tipu Ake", "Grace Circle", "Pātaka Kai", "Waka Hourua", "Good Start Dads",
)

PUBLIC_BODIES = (
    "Oranga Tamariki", "Kāinga Ora", "Work and Income", "Plunket", "Whānau Āwhina Plunket", "Te Whatu Ora",
    "Health New Zealand", "New Zealand Police", "Police", "Women's Refuge", "Citizens Advice Bureau",
    "Ministry of Social Development", "MSD", "ACC", "Inland Revenue", "Te Puni Kōkiri", "Family Court",
    "Ministry of Education", "Healthline", "Salvation Army", "Barnardos", "Kiwibank", "Tenancy Services",
    "Corrections", "Ara Poutama Aotearoa", "WINZ", "Whaikaha", "Manukau District Court",
    "St Vincent de Paul", "Housing First", "Te Aka Whai Ora",
)

INVENTED_ORGS = (
    "Te Rito Hauora", "Eastern Bays Whānau Trust", "Hillside Food Bank", "Kōpū Wellbeing Centre",
    "Moana Pasifika Health Services", "Tōtara Budget Services", "Riverbend Community House",
    "Ngā Purapura Early Learning", "Te Ao Mārama Kōhanga Reo", "Northside Family Support",
    "Pukeko Counselling Collective", "Harbour Legal Aid Clinic", "Grace Street Medical Centre",
    "Southgate Health Centre", "Kia Piki Te Ora Trust", "Lighthouse Foodbank", "Koru Kids Clinic",
)

# provider key: (display name, region, staff email domain, role, styles)
PROVIDERS: dict[str, tuple[str, str, str, str, tuple[str, ...]]] = {
    "te_whare_tiaki": ("Te Whare Tiaki Whānau", "bay_of_plenty", "tewharetiaki.org.nz", "Whānau Ora navigator",
                       ("bilingual", "email", "bullets", "formal")),
    "harbourside": ("Harbourside Family Services", "wellington", "harbourside.org.nz", "Social Worker",
                    ("formal", "court", "text", "email")),
    "kotuku_youth": ("Kōtuku Youth Collective", "canterbury", "kotukuyouth.nz", "Youth Worker",
                     ("text", "bullets", "phone", "formal")),
    "manukau_east": ("Manukau East Community Health", "auckland", "mech.org.nz", "Public Health Nurse",
                     ("soap", "caps", "phone")),
    "mahere_putea": ("Mahere Pūtea Budget Service", "waikato", "maherepute.org.nz", "Financial Mentor",
                     ("budget", "formal", "phone", "caps")),
    "tamariki_first": ("Tamariki First Parenting Trust", "eastern", "tamarikifirst.org.nz", "Programme Facilitator",
                       ("parenting", "bullets", "email", "text")),
    "rongomau": ("Rongomau Safe Homes", "northland", "rongomau.org.nz", "Family Violence Advocate",
                 ("safety", "formal", "caps", "court", "phone")),
    "southern_pasifika": ("Southern Pasifika Family Support", "southern", "spfs.org.nz", "Pasifika Social Worker",
                          ("email", "phone", "bullets", "formal", "text")),
}


# ---------------------------------------------------------------------------------------------------------------
# Note templates. Slots:
#   people  {C} client, {P} partner or co-parent, {K} and {J} children, {W} other whānau, {N} neighbour,
#           {X} ex-partner, {T} teacher, {S} other agency's staff, {G} colleague, {A} the author, {D} doctor;
#           forms :f full, :fm full with middle name, :s surname, :i initial, :is initial and surname,
#           :ttl title and surname, :hon honorific and given name, :fs "Surname, Given", :n nickname;
#           pronouns :he :He :him :his :His, and :parent (mother/father/parent), :rel (how W is related).
#   identifiers {NHI} {IRD} {PH} {EM} {BANK} {DL} {DOB} {ADDR}, optionally :ROLE (whose).
#   kept   {tr:word} te reo, {w:word} everyday word that is also a name, {prog}, {org}, {org:Name}, {myorg},
#          {date}, {amt}, {time}, {ref:inv|rcpt|case|file|ref|order|acct}.
# ---------------------------------------------------------------------------------------------------------------

GENERAL = [
    "ID for the {org} application: driver licence {DL}, sighted.",
    "The hardship grant will be paid into {C}'s account, {BANK}, by {date}.",
    "Invoice no. {ref:inv} ({amt}) from {org} is on the file.",
    "Our ref {ref:ref}; their ref {ref:case}.",
    "{C} wants {K} to learn {tr:te reo} and go to {tr:kapa haka} with {C:his} cousins.",
    "{C} has been doing {tr:mahi} for {tr:kaumātua} at the {tr:marae} on weekends.",
    "{C} showed {C:his} licence ({DL}) so the {org} form could be witnessed.",
    "Present: {C:fs}, {P:fs}, and {W:hon} for the first half.",
    "{N:f} from next door and {T:f} from the school both rang about {K} on {date}.",
    "Home visit to {C:f} at {ADDR} on {date}.",
    "{C} was at home with {K} and {C:his} {W:rel}, {W}, when I arrived at {time}.",
    "Met {C} at the {org} office at {time} to go over the {tr:whānau} plan.",
    "{C} said things have been hard since {X} moved out; {C:he} is leaning on {C:his} {tr:whānau} for support.",
    "Spoke with {S:ttl} from {org} who confirmed the referral (ref {ref:ref}) was received on {date}.",
    "{C:f} (DOB {DOB}) lives at {ADDR} with {P} and their {tr:tamariki}.",
    "New contact number for {C} is {PH}; the old one is disconnected.",
    "{K} is at the local {tr:kura} and {K:his} teacher, {T:ttl}, says attendance has picked up.",
    "Neighbour {N:f} has been helping with school drop-offs most mornings.",
    "Agreed: {C} to ring {org} before {date}; worker to chase the {prog} referral.",
    "{C:He} was open and warm throughout the {tr:kōrero}.",
    "There was a real sense of {w:hope} in the room today, which has not always been there.",
    "{C} and {P} were both present; {P} left at {time} for {P:his} {tr:mahi}.",
    "File reviewed with supervisor {G:f} on {date}.",
    "{C}'s {tr:moko}, {K}, was staying for the school holidays.",
    "Transport arranged to the {tr:marae} for the {tr:hui} on {date}.",
    "{C} says {X} still turns up at {W}'s place ({ADDR:W}) late at night.",
    "Food parcel from {org} dropped off ({amt} worth of groceries).",
    "Referral sent to {prog} through {org}, ref {ref:ref}.",
    "Emailed {C} at {EM} with the list of contacts we talked about.",
    "{C} asked that all letters go to {ADDR} rather than to the house.",
    "The {w:rose} bushes out the front had been cut back and the place looked tidy.",
    "{C} said {C:he} has lost {w:faith} in the system after the last review.",
    "{C} goes to a {w:faith}-based group on Sundays with {W}.",
    "{C} missed the {date} appointment, so I left a message on {PH}.",
    "{W:hon} came along to support {C} and opened with a {tr:karakia}.",
    "{C} talked about {C:his} late {W:rel} and the {tr:tangihanga} last month.",
    "Power is on a prepay meter; {C} topped up {amt} on {date}.",
    "Dr {D:s} at {org:Southgate Health Centre/Grace Street Medical Centre/Te Rito Hauora} has increased {C}'s medication.",
    "{C} is worried about {K}, who has been skipping {tr:kura} and staying at {N}'s house.",
    "Case {ref:case} transferred to {G:f} while I am on leave from {date}.",
    "{C} proudly showed me the {w:star} chart {C:he} has made for {K}.",
    "The {w:storm} last week flooded the garage and ruined {C}'s bedding.",
    "Over {w:summer} {C} wants to take {K} and {J} camping at the lake.",
    "{C} goes to the {w:dawn} service every Anzac Day with {W}.",
    "The {w:amber} light on the car dash has been on for weeks; {C} cannot afford a mechanic.",
    "{C} wears a {w:jade} pendant that belonged to {C:his} {W:rel}.",
    "The back fence is covered in {w:ivy} and the landlord will not fix it.",
    "{C} said {X} showed no {w:mercy} in the messages.",
    "The {w:kōwhai} out the front is flowering and {C} says it lifts {C:his} mood.",
    "{C} said the time with {K} is {w:precious} and {C:he} does not want to miss any more.",
    "{C} loves being down at the {tr:moana} with {K} after school.",
    "{C} said it was a {w:blessing} that {W} could take the kids for the weekend.",
    "Gold {w:star} for {K} at school this week and {C} was proud as.",
    "We sat by the {w:river} and talked while {K} played on the swings.",
    "The {w:tui} were going hard in the trees while we talked out the back.",
    "{w:Hope} is what keeps {C} going, {C:he} said.",
    "{C:n} and {P:n} have patched things up, and {N} says it has been quiet next door.",
    "{C} introduced me to {C:his} friend {N:f}, who is staying on the couch for now.",
    "Spoke to {C:i} briefly at the door; {C:he} asked me to come back {date}.",
    "{P:ttl} was not home; {C} said {P:he} is working nights at the port.",
    "{C} and {K} have been sleeping in the car since {date}; referred to {org:Kāinga Ora/Housing First}.",
]

FORMAL = [
    "{C:f}'s NHI is {NHI}; {C:his} GP is {D:ttl} at {org:Southgate Health Centre/Te Rito Hauora}.",
    "{C:ttl} and {P:ttl} were advised of their right to a support person.",
    "The writer has known {C} since {date}, when {C:he} first approached {myorg} for help with {tr:kai}.",
    "{C} stated that {X:f}, {C:his} former partner, continues to post about {C:him} online.",
    "A receipt ({ref:rcpt}) was issued for the {amt} {tr:koha} towards {tr:kai} for the {tr:hui}.",
    "Visit completed at {ADDR} on {date} at {time}. Present: {C:f}, {P:f} and {K}.",
    "{C:ttl} presented as tired but engaged and was able to reflect on the concerns raised by {org}.",
    "The purpose of the visit was to review the safety plan and discuss {C:his} engagement with {prog}.",
    "{C} reported that {X:f} has not made contact since the protection order was served on {date}.",
    "I explained the role of {myorg} and {C} consented to information being shared with {org}.",
    "@maori {C} identifies as Māori and affiliates to {C:his} {tr:iwi} through {C:his} {W:rel}'s side.",
    "Housing remains the primary stressor; {C} has been on the {org:Kāinga Ora} register since {date}.",
    "The home was warm and tidy, with {tr:kai} in the pantry and beds made for the {tr:tamariki}.",
    "{C} disclosed that {C:he} has not been sleeping well since {W} passed away in {date}.",
    "It was agreed that {C} would attend the {prog} intake session on {date} at {time}.",
    "A letter of support was provided to {C:f} for {C:his} application to {org}.",
    "{C:He} spoke about the importance of {tr:tikanga} in raising {K} and {J}.",
    "{K:f} (DOB {DOB:K}) attends {org:Ngā Purapura Early Learning/Te Ao Mārama Kōhanga Reo/Koru Kids Clinic} and the early childhood teacher, {T:f}, reports no concerns.",
    "Contact details confirmed: mobile {PH}, email {EM}, postal address {ADDR}.",
    "Worker observed warm and responsive interactions between {C} and {K} throughout the visit.",
    "{C} has begun to rebuild trust with {C:his} {tr:whānau}, which is a source of {w:joy} for {C:him}.",
    "{C} was informed of the outcome of the Family Group Conference held on {date}.",
    "Consultation with {G:f}, Team Leader, took place on {date} regarding next steps.",
    "{C} requested that {C:his} {W:rel}, {W:f}, be present at future meetings.",
    "No concerns were identified for the safety of {K} at this time.",
    "The grant of {amt} from {org} was approved on {date} (ref {ref:ref}).",
]

TEXT = [
    "{C} lost {C:his} licence, old number {DL}, applying for new one",
    "{C}'s ird is {IRD} for the wff form",
    "pay {amt} into {BANK} for {C}'s bond, ref {ref:ref}",
    "{C:n} and {K} popped in, {K} showed me {K:his} {w:star} award",
    "seen {C} at the mall with {K}, all good, said will come in {date}",
    "txt from {C}: can't make {time}, can we do {date} instead",
    "dropped {C} and {K} to the {tr:kōhanga} then {org}",
    "{C} stoked, got the keys to the new place on {ADDR} today!!",
    "{P} was there too, kept quiet mostly",
    "talked abt {X} again, {C} says {X:he} has been messaging {C:him} non stop",
    "gave {C} {amt} petrol voucher, receipt {ref:rcpt} in the folder",
    "{C}'s number changed, it's {PH} now",
    "catch up with {C} and {N} at the park, bit of a {tr:kōrero} about {tr:mahi}",
    "{C} asked if {W} can come to the {tr:hui} on {date}, said yes",
    "{C} in good spirits, lots of {tr:aroha} for the little ones",
    "{C} had a {w:blessing} for the new house on the weekend, whole {tr:whānau} came",
    "{C} reckons {T} at school has it in for {K}",
    "rang {S} at {org} to chase the referral, no answer, will try again",
    "{C} wants to do {prog}, I'll sort the form",
    "{C} needs a ride to court {date} at {time}, I'll pick {C:him} up",
    "{C} said thanks for the {tr:kai}, kids were starving",
    "{C} turned up at {time} with {J}, had no credit so couldn't text",
    "{W:rel} {W} rang asking where {C} is, told {W:him} I can't say",
    "{C} passed {C:his} restricted!! stoked for {C:him}",
    "{C} on the mend after the flu, will catch up {date}",
    "seen {C:i} and the boys at {tr:mahi} day, all good",
    "{C} says the {w:tui} have been waking {C:him} at 5 every morning lol",
]

CAPS = [
    "IRD NO {IRD} ON FILE FOR {C:f}.",
    "GRANT {amt} PAID TO ACCT {BANK}, OUR REF {ref:ref}.",
    "{C:f} DOB {DOB} ADDR {ADDR} PH {PH}.",
    "CLIENT {C:f} ATTENDED AT {time} RE POWER DISCONNECTION NOTICE.",
    "{C} ADVISED {C:he} IS NOW LIVING AT {ADDR} WITH {C:his} {W:rel} {W}.",
    "CONTACT PH {PH}. NHI {NHI}.",
    "PHONED {org} ON BEHALF OF {C}, SPOKE TO {S}, REF {ref:ref}.",
    "{C} REQUESTED FOOD PARCEL. {tr:KAI} GIVEN FROM PANTRY.",
    "{K} (DOB {DOB:K}) UNWELL, ADVISED TO SEE GP {D:ttl} TODAY.",
    "DUTY NOTE {date}: {C:fs} CALLED IN UPSET ABOUT {X}.",
    "NO SHOW FOR {time} APPT. LETTER SENT TO {ADDR}.",
    "{C} HAS {tr:WHĀNAU} SUPPORT FROM {W} AND {N}.",
    "PAYMENT OF {amt} MADE TO {org} FOR {C}, RECEIPT {ref:rcpt}.",
    "FOLLOW UP BOOKED {date} {time} WITH {G}.",
    "{C} DECLINED REFERRAL TO {prog} AT THIS TIME.",
    "D/L SIGHTED FOR ID: {DL}.",
    "CLIENT STATES {C:he} IS SAFE. SAFETY PLAN REVIEWED WITH {C:him}.",
    "{C} SHOWED {tr:MANA} AND {w:GRACE} IN A HARD CONVERSATION.",
    "SPOKE TO {C:f} AND {P:f} TOGETHER. BOTH AGREE TO {prog}.",
    "{C}'S EMAIL {EM}.",
    "HOME VISIT {date}. {C} NOT HOME. CARD LEFT.",
]

SOAP_S = [
    "{C} reports {K} has been unsettled at night and feeding every two hours.",
    "{C:f} says {C:he} feels low and is not getting out much since {P} went back to {tr:mahi}.",
    "{C} concerned about a rash on {K}'s {w:kiri}.",
    "{C} says {K} is eating well; lots of {tr:kai} and fruit.",
    "{C} reports headaches and poor sleep since moving to {ADDR}.",
    "{C} and {C:his} {W:rel}, {W}, say {tr:pēpi} has a cough for 3 days.",
    "{C} feels well supported by {C:his} {tr:whānau} and {tr:kuia}.",
]
SOAP_O = [
    "{K} alert, weight on 50th centile, NHI {NHI:K}.",
    "BP 128/82, afebrile. NHI {NHI}.",
    "Home warm and dry; {tr:pēpi} sleeping in own bed.",
    "{K:f} (DOB {DOB:K}) developmental check completed, all within normal range.",
    "Mild eczema on arms; skin otherwise clear.",
    "{K}'s {w:kiri} dry in patches on the legs; emollient advised.",
    "Weight 3.9kg, NHI {NHI:K}, cord stump healed; {C}'s NHI {NHI} updated on the chart.",
    "{C} tearful at times but good eye contact with {K}.",
]
SOAP_A = [
    "Thriving {tr:pēpi}; {C} coping well with support.",
    "Possible low mood; EPDS to be repeated.",
    "Likely viral URTI, no red flags.",
    "Eczema, mild. {C} managing.",
    "Good bond between {C} and {K}; {tr:whānau} engaged.",
    "Housing impacting {C}'s health.",
]
SOAP_P = [
    "Review {date} at {time} at {org}.",
    "Referred to {prog}; GP {D:ttl} informed.",
    "Well child check due {date}; {C} has the {myorg} number.",
    "Follow up by phone {PH} on {date}.",
    "Letter to {org} re damp housing. Review {date}.",
    "{C} to attend {org:Te Whatu Ora} clinic {date}; {G} to visit in 2 weeks.",
]

BULLETS = [
    "{C} attended with {K}",
    "discussed rent arrears ({amt})",
    "{C} to contact {org} by {date}",
    "worker to send {C:f}'s form to {S} at {org}",
    "{tr:whānau} {tr:hui} planned {date} at the {tr:marae}",
    "{K} school attendance improving - {T:ttl} happy",
    "new number {PH}",
    "safety plan reviewed, {C} knows to ring 111",
    "{prog} starts {date} {time}",
    "{C} wants {W} to be involved",
    "{C:his} {W:rel} {W:f} lives at {ADDR:W}",
    "next visit {date}",
    "{X} not to have contact - order in place",
    "{tr:koha} of {amt} for petrol given",
    "{C} spoke about {tr:wairua} and feeling stronger",
    "{C}'s DOB {DOB} confirmed for form",
    "{N} (neighbour) keeps an eye on the house",
    "invoice {ref:inv} for school uniform ({amt}) paid",
    "{C} happy, lots of {w:joy} with {tr:pēpi}",
    "email {EM} for updates",
]

BILINGUAL = [
    "{C} rāua ko {P} i haere mai ki te {tr:hui} i te {date}.",
    "{tr:Kia kaha} {C}, {C:he} is doing the {tr:mahi} and it shows.",
    "He {w:rangi} ua, so we had the {tr:kōrero} inside with a cup of tea.",
    "I taua {w:rangi}, {C} rang {org} with me and sorted the rent.",
    "I haere au ki te {tr:whare} o {C} i te {date}.",
    "{tr:Kei te pai} {C}, {tr:engari} {C:he} is worried about {K}.",
    "{tr:Ka pai} te {tr:kōrero} with {C} and {C:his} {tr:whānau}.",
    "{C} and {W} shared {tr:kai} with us after the {tr:karakia}.",
    "{tr:Ko te mea nui}, {C} wants {K} to stay connected to {C:his} {tr:whakapapa}.",
    "He {w:rangi} pai: the sun was out and the {tr:tamariki} were playing outside.",
    "We talked about {tr:manaakitanga} and how {C} can lean on {W:hon}.",
    "{C} kua tīmata i te {prog} i te {date}.",
    "{K} is at {org:Te Ao Mārama Kōhanga Reo} and loving the {tr:waiata}.",
    "{C} spoke with real {tr:aroha} about {C:his} {tr:mokopuna}.",
    "{tr:Āpōpō} I will call {S} at {org} about the {tr:kaupapa} Māori service.",
    "{C}'s {tr:mana} was upheld throughout the {tr:hui}.",
    "{tr:Ka kite anō} {C}, see you {date} at {time}.",
    "{C} is {tr:whakamā} about asking for help, so {W} made the call.",
    "{C} said the {tr:moana} is where {C:he} feels at peace.",
    "{tr:Kaumātua} {W:f} attended and supported the {tr:whānau}.",
    "Ko {C} te {C:mi} o {K} rāua ko {J}.",
    "{tr:Tautoko} from {org} for the rent ({amt}).",
]

PHONE = [
    "{time} {C} rang with {C:his} new IRD number {IRD} for the form.",
    "{time} {C} read out {C:his} licence number, {DL}, for the tenancy form.",
    "{time} rang {org:Inland Revenue} with {C}, ref {ref:ref} (not {C:his} IRD number).",
    "{time} call from {C} ({PH}) about the power bill.",
    "{time} rang {S:ttl} at {org}, left a message.",
    "{time} missed call from {PH}, no message.",
    "{time} inbound: {W}, {C}'s {W:rel}, worried about {C:him}.",
    "{time} called {C} back on {PH}, talked for 20 mins about {K}.",
    "{time} {C} rang, upset, {X} came to the house.",
    "{time} {org} rang re {C}'s referral (ref {ref:ref}).",
    "{time} txt sent to {PH} confirming {date}.",
    "{time} {C} called from {P}'s phone ({PH:P}).",
    "{time} {G} took a call from {C} while I was out.",
    "{time} {T:ttl} from school called about {K}.",
    "{time} call to {org} for {C}; account {ref:acct}, paid {amt}.",
    "{time} {C} asked for help with a {org} form, booked {date}.",
    "{time} {C} rang, {tr:pēpi} unwell, advised {org:Healthline}.",
    "{time} no answer on {PH}; voicemail left.",
    "{time} spoke with {C}, said {C:he} is at {W}'s at {ADDR:W} for now.",
]

COURT = [
    "{C:f} (born {DOB}) is the {C:parent} of {K:f} (DOB {DOB:K}).",
    "This report is prepared for the {org:Family Court} hearing on {date} under file {ref:file}.",
    "{C} has engaged consistently with {myorg} since the referral from {org:Oranga Tamariki} on {date}.",
    "The child's father, {X:f}, has not been in contact with {K} since {date}.",
    "{K}'s maternal {W:rel}, {W:f}, has offered to provide care and lives at {ADDR:W}.",
    "It is the view of the writer that {K} should remain in the care of {C}.",
    "{C} completed the {prog} programme on {date} and the facilitator, {S:f}, reports full attendance.",
    "The {org:Police} safety order issued on {date} has expired; {X} was not charged.",
    "{C} acknowledges the concerns and has taken responsibility for {C:his} part.",
    "{tr:Whakapapa} and connection to {tr:whānau} are central to {K}'s wellbeing.",
    "The writer met with {C:f} on {date} at {ADDR}, and with {K} at {C:his} {tr:kura} on {date}.",
    "Lawyer for child, {S:ttl}, has been provided with a copy of this report.",
    "There have been no further reports of concern since {date}.",
    "{C} is supported by {C:his} {tr:whānau}, particularly {W:hon}, who attends all {tr:hui}.",
    "Recommendation: that {K} remain in {C}'s care with support from {org}.",
]

EMAIL = [
    "{C}'s IRD number ({IRD}) is on the Working for Families form in the shared drive.",
    "{C:f}'s DOB is {DOB}, for the {org} form.",
    "Bank details for the grant: {BANK} (in {C:f}'s name).",
    "ID on file: driver licence {DL} and the {org} letter.",
    "Handover for {C:f} while I'm away from {date}.",
    "{C} is doing well, but {X} is back in the picture, so please keep an eye out.",
    "{C}'s best number is {PH} (text first).",
    "{C} has a {prog} session {date} at {time}; {C:he} may need a ride.",
    "{K}'s NHI is {NHI:K} if you need it for the clinic.",
    "Please don't share {C}'s address ({ADDR}) with {X} or anyone from {X:his} side.",
    "I've attached the {org} letter, ref {ref:ref}.",
    "{C:f} also has an email, {EM}, but rarely checks it.",
    "{W:f}, {C}'s {W:rel}, is the emergency contact.",
    "{S:f} at {org} ({EM:S}) is the key worker on their side.",
    "The {org} invoice ({ref:inv}, {amt}) has been paid.",
    "{C} asked for a {tr:wahine} worker, so {G} is taking the case.",
    "The last visit on {date} went well; lots of {tr:aroha} between {C} and {K}.",
    "Any questions, {G:f} knows this {tr:whānau} too.",
]

BUDGET = [
    "{C:f} attended with {P} for a budget review on {date}.",
    "Income: Jobseeker {amt} a week plus Accommodation Supplement {amt}.",
    "{C}'s IRD number {IRD} confirmed for the Working for Families application.",
    "Rent {amt} per week paid by direct debit from {BANK}.",
    "Power owed to {org:Mercury/Genesis/Contact Energy} {amt}; arrangement of {amt} a fortnight agreed, account {ref:acct}.",
    "Invoice {ref:inv} from {org} for {amt} due {date}.",
    "Receipt {ref:rcpt} for {amt} filed.",
    "{w:Sky} subscription ({amt} a month) cancelled to free up money for {tr:kai}.",
    "{C} has a {w:grace} period on the car loan until {date}.",
    "KiwiSaver hardship application: {C}'s bank account {BANK}, IRD {IRD}.",
    "Photo ID sighted: driver licence {DL}.",
    "{P}'s IRD number is {IRD:P}; {P:he} works part time at {org:Pak'nSave/Countdown/The Warehouse/Mitre 10}.",
    "{C} wants to save {amt} for {K}'s school camp by {date}.",
    "Debt to {org:Work and Income} is {amt}; repaying {amt} a week.",
    "{C} joined {prog} and is tracking spending in a notebook.",
    "Order {ref:order} for a new fridge from {org:Noel Leeming/Smiths City/Harvey Norman} ({amt}).",
    "Funeral costs for {C:his} {W:rel}, {W:f}, left {C} {amt} behind.",
    "{C} feels real {w:hope} now the debts are on a plan.",
    "Bank statements from {BANK} reviewed with {C} on {date}.",
    "Next budget session {date} at {time}; bring the {org} letters.",
]

PARENTING = [
    "{C} attended week 3 of {prog} on {date} with {P}.",
    "{C} shared that bedtime with {K} is the hardest part of the day.",
    "{C} and {P} practised calm voices and time-in with {J}.",
    "{tr:Kai} shared at the end; {C} brought a pavlova.",
    "{C} missed session 4; text sent to {PH}.",
    "{C} said {C:his} {W:rel} {W} has been a big help with {K}.",
    "Group talked about {tr:whanaungatanga} and {tr:manaaki} at home.",
    "{C:f} graduated from {prog} on {date}.",
    "{C} described feeling {tr:whakamā} at the school gate.",
    "{C} said the {w:river} walk on Sundays is the best part of the week.",
    "Certificate posted to {ADDR}.",
    "{C}'s {tr:pēpi} came along and slept the whole session.",
    "{C} talked about {K} saying 'I love you' for the first time, pure {w:joy}.",
    "Creche for {K} and {J} provided by {org:Ngā Purapura Early Learning/Riverbend Community House}.",
    "Next session {date} {time} at the {myorg} hall.",
    "{C} says {X} still undermines the rules when {K} visits.",
    "{C} shared a {tr:whakataukī} with the group.",
    "Facilitators: {A} and {G}.",
]

SAFETY = [
    "{C} disclosed that {X:f} pushed {C:him} against the wall on {date}.",
    "Police safety order in place until {date}; Constable {S:s} attended.",
    "Safety plan: {C} to stay with {C:his} {W:rel} {W} at {ADDR:W} if needed.",
    "{X}'s vehicle noted; driver licence {DL:X} recorded for the protection order application.",
    "{C}'s safe number is {PH}; do not leave messages.",
    "{C} agreed to a referral to {org:Women's Refuge} and {prog}.",
    "{X:f} (DOB {DOB:X}) is on bail with a non-association condition.",
    "{C} is worried about {K}, who saw the incident.",
    "Advocate {A} and {G:f} met {C} at the {org} office at {time}.",
    "{C} has changed {C:his} email to {EM} so {X} cannot see it.",
    "The {tr:whānau} are rallying around {C}; {W:hon} has moved in.",
    "Risk assessment completed on {date}; rated high.",
    "{C} does not want {X} to know {C:his} new address, {ADDR}.",
    "{C} spoke of {C:his} {tr:wairua} being broken but slowly healing.",
    "Court date {date} at {time}; {C} wants {W} there.",
    "Emergency grant of {amt} from {org}, ref {ref:ref}.",
    "{C} showed real {w:patience} through the statement process.",
    "Neighbour {N:ttl} called {org:Police} on {date} after hearing shouting.",
]

OPENERS: dict[str, list[str]] = {
    "formal": ["Case note, {myorg}.", "Visit record: {date}.", "Worker: {A:f}, {role}."],
    "text": ["", "", "ok so", "quick one -"],
    "caps": ["{myorg} DUTY LOG.", "OFFICE NOTE {date}.", ""],
    "bullets": ["{myorg} contact {date}:", "Visit {date} with {C}:", "Notes -"],
    "bilingual": ["{tr:Kia ora} {tr:whānau},", "{tr:Tēnā koutou}.", "{tr:Mōrena}."],
    "phone": ["Phone log {date}.", "Calls - {C:fs}:", "{myorg} phone log."],
    "court": ["Report to the {org:Family Court}. Prepared by {A:f}, {role}, {myorg}.", "Background:",
              "Section 132 report re {K:f}."],
    "email": ["Hi team,", "{tr:Kia ora koutou},", "Subject: handover - {C:s} {tr:whānau}. Hi all,"],
    "budget": ["Budget review, {myorg}.", "Financial mentoring session {date}.", ""],
    "parenting": ["{prog} attendance notes.", "Group session {date}:", ""],
    "safety": ["Family violence advocacy note.", "Safety review {date}.", ""],
    "soap": ["{myorg} nurse visit {date}.", "Home visit {date} {time}.", "Clinic note:"],
}
CLOSERS: dict[str, list[str]] = {
    "formal": ["{A:f}, {role}.", "Signed: {A:is}.", "Entered by {A:f} on {date}."],
    "text": ["", "- {A}", "{A:i}"],
    "caps": ["{A:fs}.", "ENTERED BY {A}.", ""],
    "bullets": ["({A:i})", "{A:f}", ""],
    "bilingual": ["{tr:Ngā mihi}, {A}.", "Nā {A:f}.", "{tr:Ngā mihi nui}, {A:f}, {role}."],
    "phone": ["{A}", "logged by {A:i}", ""],
    "court": ["{A:f}, {role}.", "Dated {date}. {A:f}.", "Signed {A:is}, {myorg}."],
    "email": ["Cheers, {A}", "{tr:Ngā mihi}, {A:f}, {role}, {myorg}, {PH:A}", "Thanks, {A} ({EM:A})"],
    "budget": ["{A:f}, {role}.", "", "Mentor: {A}."],
    "parenting": ["{A:f}", "", "Notes by {A}."],
    "safety": ["{A:f}, Advocate.", "{A}", ""],
    "soap": ["{A:f} RN.", "{A:is}, {role}.", ""],
}
BODIES: dict[str, list[list[str]]] = {
    "formal": [FORMAL, GENERAL],
    "text": [TEXT, GENERAL],
    "caps": [CAPS, GENERAL],
    "bullets": [BULLETS],
    "bilingual": [BILINGUAL, GENERAL],
    "phone": [PHONE],
    "court": [COURT, FORMAL],
    "email": [EMAIL, GENERAL],
    "budget": [BUDGET],
    "parenting": [PARENTING, GENERAL],
    "safety": [SAFETY, GENERAL],
    "soap": [SOAP_S, SOAP_O, SOAP_A, SOAP_P],
}

ALL_TEMPLATE_POOLS: dict[str, list[str]] = {
    "general": GENERAL, "formal": FORMAL, "text": TEXT, "caps": CAPS, "soap_s": SOAP_S, "soap_o": SOAP_O,
    "soap_a": SOAP_A, "soap_p": SOAP_P, "bullets": BULLETS, "bilingual": BILINGUAL, "phone": PHONE,
    "court": COURT, "email": EMAIL, "budget": BUDGET, "parenting": PARENTING, "safety": SAFETY,
}


def template_count() -> tuple[int, int]:
    """(body sentence templates, opener and closer templates)."""
    body = sum(len(v) for v in ALL_TEMPLATE_POOLS.values())
    frame = sum(len([t for t in v if t]) for v in OPENERS.values()) + sum(
        len([t for t in v if t]) for v in CLOSERS.values()
    )
    return body, frame


# ---------------------------------------------------------------------------------------------------------------
# Rendering.
# ---------------------------------------------------------------------------------------------------------------

Seg = tuple[str, str, str]  # ("t", "", text) plain, ("p", TYPE, text) identifier, ("k", kind, text) kept

_SLOT_RE = re.compile(r"\{([A-Za-z]+)(?::([^{}]*))?\}")
_ROLES = "CPKJWNXTSGAD"
_IN_RECORD_ROLES = "CPKJW"
_STAFF_DOMAINS = {
    "S": ("ot.govt.nz", "msd.govt.nz", "police.govt.nz", "kaingaora.govt.nz", "tewhatuora.govt.nz",
          "refuge.org.nz", "school.nz", "legalaid.co.nz"),
}
_REL = {"f": ("nan", "aunty", "sister", "cousin", "mum", "niece"),
        "m": ("grandad", "uncle", "brother", "cousin", "dad", "nephew"),
        "x": ("cousin", "sibling")}
_HON = {"f": ("Whaea", "Aunty", "Nana"), "m": ("Matua", "Uncle", "Koro"), "x": ("Aunty",)}
_TITLE = {"f": ("Ms", "Mrs", "Miss", "Ms"), "m": ("Mr",), "x": ("Mx",)}
_PRON = {
    "he": {"f": "she", "m": "he", "x": "they"},
    "him": {"f": "her", "m": "him", "x": "them"},
    "his": {"f": "her", "m": "his", "x": "their"},
    "parent": {"f": "mother", "m": "father", "x": "parent"},
}
_TEXT_ABBREV = (
    (r"\bappointment\b", "appt"), (r"\bwith\b", "w"), (r"\babout\b", "abt"), (r"\btomorrow\b", "tmrw"),
    (r"\bbecause\b", "cos"), (r"\bplease\b", "pls"), (r"\byou\b", "u"), (r"\bthanks\b", "thx"),
    (r"\bmessage\b", "msg"), (r"\bphone\b", "ph"), (r"\bschool\b", "skool"),
)


class _Note:
    def __init__(self, rng: random.Random, provider: str, style: str) -> None:
        self.rng = rng
        self.provider = provider
        self.style = style
        self.org_name, self.region, self.domain, self.role, _ = PROVIDERS[provider]
        self.people: dict[str, Person] = {}
        self.cache: dict[tuple[str, str], str] = {}
        self.in_record: set[str] = set()
        self.only_client = rng.random() < 0.25
        self.casual = style in ("text", "phone", "bullets")

    # people -----------------------------------------------------------------------------------------------------
    def person(self, role: str) -> Person:
        if role in self.people:
            return self.people[role]
        rng = self.rng
        client = self.people.get("C")
        if role == "C":
            p = make_person(rng, wordy=0.3)
        elif role == "P":
            other = {"f": "m", "m": "f"}.get(self.person("C").gender) if rng.random() < 0.8 else None
            p = make_person(rng, wordy=0.12, gender=other)
        elif role in "KJ":
            c = client or self.person("C")
            fam = c.family if rng.random() < 0.6 else None
            origin = c.origin if rng.random() < 0.7 else None
            p = make_person(rng, origin=origin, family=fam, wordy=0.2)
        elif role == "W":
            c = client or self.person("C")
            fam = c.family if rng.random() < 0.5 else None
            p = make_person(rng, origin=c.origin if rng.random() < 0.7 else None, family=fam, wordy=0.15)
        elif role == "X":
            other = {"f": "m", "m": "f"}.get(self.person("C").gender) if rng.random() < 0.85 else None
            p = make_person(rng, wordy=0.08, gender=other)
        else:
            p = make_person(rng, wordy=0.08)
        taken = {q.given for q in self.people.values()}
        tries = 0
        while p.given in taken and tries < 20:  # two people with the same given name would blur the roles
            p = make_person(rng, origin=p.origin, family=p.family if role in "KJW" else None)
            tries += 1
        p.note_marks = rng.random() > (0.5 if self.casual else 0.15)
        self.people[role] = p
        if role in _IN_RECORD_ROLES and (role == "C" or (not self.only_client and rng.random() < 0.65)):
            self.in_record.add(role)
        return p

    def name_text(self, p: Person, form: str) -> list[Seg]:
        rng = self.rng

        def nm(text: str) -> str:
            return text if p.note_marks else strip_marks(text)

        if form in ("", "n"):
            if p.nick and (form == "n" or (self.casual and rng.random() < 0.25)):
                return [("p", "PERSON", rng.choice(p.nick))]
            return [("p", "PERSON", nm(p.given))]
        if form == "f":
            return [("p", "PERSON", nm(p.full()))]
        if form == "fm":
            text = f"{p.given} {p.middle} {p.family}" if p.middle else p.full()
            return [("p", "PERSON", nm(text))]
        if form == "s":
            return [("p", "PERSON", nm(p.family))]
        if form == "i":
            return [("p", "PERSON", strip_marks(p.given)[0].upper() + ".")]
        if form == "is":
            return [("p", "PERSON", f"{strip_marks(p.given)[0].upper()}. {nm(p.family)}")]
        if form == "fs":
            fam = p.family.upper() if rng.random() < 0.5 else p.family
            return [("p", "PERSON", nm(f"{fam}, {p.given}"))]
        if form == "ttl":
            title = "Dr" if p is self.people.get("D") else rng.choice(_TITLE[p.gender])
            return [("t", "", title + " "), ("p", "PERSON", nm(p.family))]
        if form == "hon":
            title = rng.choice(_HON[p.gender])
            head: Seg = ("k", "te_reo", title) if title in ("Whaea", "Matua", "Koro") else ("t", "", title)
            return [head, ("t", "", " "), ("p", "PERSON", nm(p.given))]
        raise ValueError(f"unknown name form {form!r}")

    # identifiers ------------------------------------------------------------------------------------------------
    def ident(self, kind: str, role: str) -> str:
        key = (kind, role)
        if key in self.cache:
            return self.cache[key]
        rng = self.rng
        p = self.person(role)
        if kind == "NHI":
            v = make_nhi(rng)
        elif kind == "IRD":
            v = make_ird(rng)
        elif kind == "PH":
            v = make_phone(rng, AREA[self.region])
        elif kind == "EM":
            if role in "AG":
                v = make_email(rng, p, self.domain)
            elif role == "S":
                v = make_email(rng, p, rng.choice(_STAFF_DOMAINS["S"]))
            else:
                v = make_email(rng, p)
        elif kind == "BANK":
            v = make_bank(rng)
        elif kind == "DL":
            v = make_dl(rng)
        elif kind == "DOB":
            v = make_dob(rng, child=role in "KJ")
        elif kind == "ADDR":
            v = make_address(rng, self.region)
        else:
            raise ValueError(kind)
        self.cache[key] = v
        return v

    # slots ------------------------------------------------------------------------------------------------------
    def slot(self, name: str, arg: str | None) -> list[Seg]:
        rng = self.rng
        if len(name) == 1 and name in _ROLES:
            p = self.person(name)
            form = arg or ""
            low = form.lower()
            if low in _PRON:
                word = _PRON[low][p.gender]
                return [("t", "", word[0].upper() + word[1:] if form[0].isupper() else word)]
            if form == "rel":
                key = ("rel", name)
                if key not in self.cache:
                    self.cache[key] = rng.choice(_REL[p.gender])
                return [("t", "", self.cache[key])]
            if form == "mi":
                return [("k", "te_reo", {"f": "whaea", "m": "matua"}.get(p.gender, "mātua"))]
            return self.name_text(p, form)
        pii = {"NHI": "NHI", "IRD": "IRD", "PH": "PHONE", "EM": "EMAIL", "BANK": "BANK", "DL": "DL",
               "DOB": "DOB", "ADDR": "ADDRESS"}
        if name in pii:
            return [("p", pii[name], self.ident(name, arg or "C"))]
        if name == "tr":
            return [("k", "te_reo", arg or "")]
        if name == "w":
            return [("k", "word", arg or "")]
        if name == "prog":
            return [("k", "programme", arg or rng.choice(PROGRAMMES))]
        if name == "org":
            if arg:
                return [("k", "organisation", rng.choice(arg.split("/")))]
            pool = PUBLIC_BODIES if rng.random() < 0.6 else INVENTED_ORGS
            return [("k", "organisation", rng.choice(pool))]
        if name == "myorg":
            return [("k", "organisation", self.org_name)]
        if name == "role":
            if self.role.startswith("Whānau Ora "):
                return [("k", "programme", "Whānau Ora"), ("t", "", self.role[len("Whānau Ora"):])]
            return [("t", "", self.role)]
        if name == "date":
            return [("k", "service_date", make_service_date(rng))]
        if name == "amt":
            return [("k", "amount", make_amount(rng))]
        if name == "time":
            return [("k", "time", make_time(rng))]
        if name == "ref":
            return [("k", "reference", make_reference(rng, arg or "ref"))]
        raise ValueError(f"unknown slot {name!r}")

    def render(self, template: str) -> list[Seg]:
        segs: list[Seg] = []
        pos = 0
        for m in _SLOT_RE.finditer(template):
            if m.start() > pos:
                segs.append(("t", "", template[pos:m.start()]))
            segs.extend(self.slot(m.group(1), m.group(2)))
            pos = m.end()
        if pos < len(template):
            segs.append(("t", "", template[pos:]))
        return segs


def _plain_len(segs: list[Seg]) -> int:
    return sum(len(s[2]) for s in segs)


def _transform(segs: list[Seg], style: str, rng: random.Random) -> list[Seg]:
    if style == "caps":
        return [(a, b, c.upper()) for a, b, c in segs]
    if style == "text":
        drop = rng.random() < 0.3
        out: list[Seg] = []
        for a, b, c in segs:
            c = c.lower()
            if a == "t":
                for pat, rep in _TEXT_ABBREV:
                    if rng.random() < 0.6:
                        c = re.sub(pat, rep, c)
            if drop:
                c = strip_marks(c)
            out.append((a, b, c))
        return out
    return segs


def _join(style: str, rng: random.Random, parts: list[list[Seg]]) -> list[Seg]:
    out: list[Seg] = []
    if style == "bullets":
        mark = rng.choice([" • ", " - ", " * ", "; "])
        for i, part in enumerate(parts):
            if i:
                out.append(("t", "", mark))
            out.extend(part)
        return out
    if style == "text":
        for i, part in enumerate(parts):
            if i:
                out.append(("t", "", rng.choice([", ", ". ", " - ", "... ", " / ", " "])))
            out.extend(part)
        return out
    for i, part in enumerate(parts):
        if i:
            out.append(("t", "", " "))
        out.extend(part)
    return out


def _merge(segs: list[Seg]) -> list[Seg]:
    out: list[Seg] = []
    for s in segs:
        if s[0] == "t" and out and out[-1][0] == "t":
            out[-1] = ("t", "", out[-1][2] + s[2])
        elif s[0] == "t" and not s[2]:
            continue
        else:
            out.append(s)
    return out


def _check(segs: list[Seg]) -> bool:
    kinds: dict[str, set[str]] = {}
    pii_texts: list[str] = []
    for a, b, c in segs:
        if a == "t":
            if "[[" in c or "{{" in c or "]]" in c or "}}" in c:
                return False
            continue
        if not c or c != c.strip() or any(x in c for x in ("[[", "]]", "{{", "}}", "\n")):
            return False
        if a == "k":
            kinds.setdefault(c, set()).add(b)
        else:
            pii_texts.append(c)
    if any(len(v) > 1 for v in kinds.values()):
        return False
    for text in kinds:
        pat = re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)")
        if any(pat.search(p) for p in pii_texts):
            return False
    return True


def _serialise(segs: list[Seg]) -> str:
    out = []
    for a, b, c in segs:
        if a == "t":
            out.append(c)
        elif a == "p":
            out.append(f"[[{b}:{c}]]")
        else:
            out.append("{{" + c + "}}")
    return "".join(out)


def _one_note(rng: random.Random) -> tuple[str, list[tuple[str, str]], str] | None:
    provider = rng.choice(sorted(PROVIDERS))
    styles = PROVIDERS[provider][4]
    style = styles[0] if rng.random() < 0.4 else rng.choice(styles)
    note = _Note(rng, provider, style)
    note.person("C")
    parts: list[list[Seg]] = []
    opener = rng.choice(OPENERS[style])
    closer = rng.choice(CLOSERS[style])
    head = note.render(opener) if opener else []
    tail = note.render(closer) if closer else []
    budget = _plain_len(head) + _plain_len(tail) + 4
    target = rng.randint(150, 600)
    if style == "soap":
        for pool in BODIES["soap"]:
            n = 1 if rng.random() < 0.7 else 2
            section: list[Seg] = []
            for t in rng.sample(pool, n):
                if section:
                    section.append(("t", "", " "))
                section.extend(note.render(t))
            label = {id(SOAP_S): "S:", id(SOAP_O): "O:", id(SOAP_A): "A:", id(SOAP_P): "P:"}[id(pool)]
            parts.append([("t", "", label + " "), *section])
            budget += _plain_len(parts[-1]) + 1
    else:
        used: set[str] = set()
        pools = BODIES[style]
        for _ in range(12):
            pool = pools[0] if len(pools) == 1 or rng.random() < 0.65 else rng.choice(pools[1:])
            t = rng.choice(pool)
            if t in used:
                continue
            used.add(t)
            if t.startswith("@maori "):
                if note.person("C").origin != "maori":
                    continue
                t = t[len("@maori "):]
            segs = note.render(t)
            if budget + _plain_len(segs) + 1 > 600:
                break
            parts.append(segs)
            budget += _plain_len(segs) + 1
            if budget >= target:
                break
    if head:
        parts.insert(0, head)
    if tail:
        parts.append(tail)
    segs = _merge(_transform(_join(style, rng, parts), style, rng))
    if segs and segs[0][0] == "t":
        segs[0] = ("t", "", segs[0][2].lstrip())
    if segs and segs[-1][0] == "t":
        segs[-1] = ("t", "", segs[-1][2].rstrip())
    length = _plain_len(segs)
    if not 150 <= length <= 600 or not _check(segs):
        return None
    record = [record_name(note.people[r], rng) for r in _IN_RECORD_ROLES if r in note.in_record]
    if style == "caps" and rng.random() < 0.3:
        record = [r.upper() for r in record]
    line = "; ".join(record) + "|" + _serialise(segs)
    kept = [(b, c) for a, b, c in segs if a == "k"]
    return line, kept, f"{provider}/{style}"


def generate_detailed(count: int, seed: int) -> list[tuple[str, list[tuple[str, str]], str]]:
    """``count`` notes as (labelled line, [(kept kind, kept text)], "provider/style")."""
    rng = random.Random(seed)
    out: list[tuple[str, list[tuple[str, str]], str]] = []
    while len(out) < count:
        note = _one_note(rng)
        if note is not None:
            out.append(note)
    return out


def generate(count: int, seed: int) -> list[str]:
    """The labelled lines alone."""
    return [line for line, _, _ in generate_detailed(count, seed)]


def parse(line: str) -> tuple[list[str], str, list[tuple[str, str]], list[str]]:
    """(record names, plain text, [(TYPE, identifier)], [kept texts]) of one labelled line."""
    record, marked = line.split("|", 1)
    pii = [(m.group("type"), m.group("pii")) for m in MARK_RE.finditer(marked) if m.group("type")]
    keep = [m.group("keep") for m in MARK_RE.finditer(marked) if m.group("keep") is not None]
    plain = MARK_RE.sub(lambda m: m.group("pii") or m.group("keep"), marked)
    names = [n for n in record.split("; ") if n]
    return names, plain, pii, keep

