"""Blind labelled case notes, set E: NZ social-service notes in five staff styles per provider.

Written from issue 15's text alone (no scrubber code, no other note set seen), so the notes share nothing
with what the scrubber was built or tuned on. Each note is one line in the labelled-notes markup
(`record names|text` with `[[TYPE:text]]` to remove and `{{text}}` to keep); `generate_detailed` also
lists each kept span's kind, so the benchmark can print keep rates per kind.

Styles, each used by every provider: a social worker's formal paragraph, a youth worker's text-message
note (lower case, emoji, no punctuation, @names), a nurse's SOAP note, a budget adviser's numbered list,
a kaimahi writing half in te reo Māori, and a phone-call log. Names come from this module's own lists
(Māori, Pasifika, Chinese, Korean, Filipino, Indian, Fijian-Indian, Somali, Afghan, Latin American and
European), with hyphens, apostrophes, macrons and ʻokina, nicknames, initials and possessives.

Identifiers carry valid check characters: NHI (old AAANNNC mod 11 and new AAANNAX mod 23, from the
public HISO 10046 description), IRD (mod 11 with the secondary weights), bank accounts (validated with
python-stdnum). Test seed 5151, tune seed 5152.
"""
from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from stdnum.nz import bankaccount

TEST_SEED = 5151
TUNE_SEED = 5152
KEEP_KINDS = ("te_reo", "word", "programme", "organisation", "service_date", "amount", "time", "reference")
PII_KINDS = ("PERSON", "NHI", "IRD", "PHONE", "EMAIL", "BANK", "DL", "DOB", "ADDRESS")

# ----------------------------------------------------------------------------------------- check characters

NHI_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ"      # I and O are never used; A=1 ... Z=24


def _nhi_weighted_sum(first_six: str) -> int:
    values = [NHI_ALPHABET.index(c) + 1 if c.isalpha() else int(c) for c in first_six]
    return sum(v * w for v, w in zip(values, (7, 6, 5, 4, 3, 2), strict=True))


def nhi_check_character(first_six: str) -> str | None:
    """The check character for the first six characters of an NHI, or None when no valid NHI starts so.
    Old format (AAANNN): 11 - sum mod 11 as a digit, 10 read as 0. New format (AAANNA): 23 - sum mod 23
    as a letter of the 24-letter alphabet."""
    first_six = first_six.upper()
    if first_six[5].isdigit():
        remainder = _nhi_weighted_sum(first_six) % 11
        if remainder == 0:
            return None
        digit = 11 - remainder
        return "0" if digit == 10 else str(digit)
    remainder = _nhi_weighted_sum(first_six) % 23
    if remainder == 0:
        return None
    return NHI_ALPHABET[23 - remainder - 1]


def nhi_is_valid(text: str) -> bool:
    """Either NHI format with the right check character (case and inner spaces ignored)."""
    nhi = text.replace(" ", "").upper()
    old = re.fullmatch(rf"[{NHI_ALPHABET}]{{3}}\d{{4}}", nhi)
    new = re.fullmatch(rf"[{NHI_ALPHABET}]{{3}}\d{{2}}[{NHI_ALPHABET}]{{2}}", nhi)
    return bool(old or new) and nhi_check_character(nhi[:6]) == nhi[6]


def ird_is_valid(text: str) -> bool:
    """IRD number: 8 or 9 digits between 10,000,000 and 150,000,000, mod 11 check digit on the base padded
    to 8 digits, with the secondary weights when the primary ones give 10."""
    digits = re.sub(r"[\s-]", "", text)
    if not digits.isdigit() or len(digits) not in (8, 9) or not 10_000_000 < int(digits) < 150_000_000:
        return False
    base, check = digits[:-1].zfill(8), int(digits[-1])
    for weights in ((3, 2, 7, 6, 5, 4, 3, 2), (7, 4, 3, 2, 5, 2, 7, 6)):
        remainder = sum(int(d) * w for d, w in zip(base, weights, strict=True)) % 11
        computed = 0 if remainder == 0 else 11 - remainder
        if computed != 10:
            return computed == check
    return False


def bank_is_valid(text: str) -> bool:
    return bool(bankaccount.is_valid(re.sub(r"\s+", "-", text.strip())))


# ------------------------------------------------------------------------------------------------ names

# origin -> (female given names, male given names); "_" joins a two-word given name
GIVEN = {
    "maori": ("Aroha Mana Tui Kiri Rangi Ngaire Wiki Hine Hinemoa Mereana Mere Anahera Āwhina Huia Marama Moana "
              "Ataahua Waimarie Maioha Hūhana Rāhera Ngaio Pania Tia Te_Rina Mahina Kōwhai Whetu Keri Ruia",
              "Ra Tama Tamati Wiremu Rāwiri Hōhepa Manaia Nikau Kahu Tāne Ihaia Hemi Pita Rewi Kauri Tipene "
              "Mikaere Paora Rongo Kaea Ranginui Te_Ariki Tūmanako Hohaia Matiu Wairangi"),
    "pasifika": ("Sina Losa Mele Salote Vika Lupe Malia Talia Sela Tupou ʻOfa Seini Faʻamoe Luisa Losana Akanesi "
                 "Teuila Masina Selai Litia Kalisi Mereoni Ilisapeci Vilimaina Litiana Kelera Losalini Sēini",
                 "Sione Tevita Siosaia Fetu Iosefa Viliami Semisi Lisiate Tavita Mosese Siaosi Ioane Toa Manu "
                 "Ikani Peni Sefo Apisai Josaia Sakiusa Waisale Tēvita Pua"),
    "chinese": ("Jing Li_Na Mei Yan Hui Xin Fang Qing Ying Jia_Hui", "Wei Xiaoming Jun Zhi_Hao Lei Yu Ming Hao Bo"),
    "korean": ("Seo-yeon Soo-ah Eun-ji Da-eun Ha-eun Yuna Jisoo", "Ji-woo Min-jun Hyun Jae-won Dong-hyun Sung-min"),
    "filipino": ("Maricel Rhea Marites Rowena Analyn Lovely Princess Cherry Maria_Luisa Mylene",
                 "Jerome Jun-Jun Rodel Jhon Arnel Ronaldo Jericho"),
    "other_asian": ("Linh Huong Yui Sakura Thanh", "Minh Quang Haruto Kenji"),
    "indian": ("Priya Anjali Sunita Harpreet Simran Kavita Neha Pooja Meera Diya Ananya Lakshmi Jaspreet",
               "Rahul Arjun Deepak Gurpreet Manpreet Raj Vikram Amit Sanjay Ravi Aarav Ishaan Kiran Navjot Rohan "
               "Sandeep Suresh"),
    "fijian_indian": ("Shalini Sanjeshni Anishma Nileshni Shalvin Reshmi", "Ashneel Ronil Shivneel Kamlesh Rakesh "
                      "Ravinesh Avinesh Krishneel Mohammed"),
    "somali": ("Fatuma Hodan Ayaan Farhiya Ubah Hawa Deeqa Idil Sahra", "Abdi Hamza Mahad Abdirahman Liban Guled"),
    "afghan": ("Zahra Mariam Nadia Parwana Habiba Zarghona Najiba Laila", "Ahmad Farid Hamid Sediq Shafiq Wahid "
               "Mustafa"),
    "latin": ("Camila Valentina Sofía Lucía Ximena Gabriela María_José Daniela Fernanda",
              "Mateo Santiago Diego Alejandro Joaquín Andrés Carlos Luis"),
    "european": ("Hope Grace Rose Joy Faith Summer Sky River Lily Amber Sharon Rebecca Elizabeth Samantha Kerry "
                 "Chloe Jessica Emma Olivia Charlotte Ruby Ella Isla Brooke Kayla Shannon Tracey Kylie Leanne "
                 "Harper Zoe Georgia Maddison Jasmine Kelly Nicole Stacey Tania Trudy Glenda Colleen Siobhan "
                 "Niamh Morag Ingrid Anneke",
                 "Bill Mark Will Drew Jonathan Michael Nathan Barry Darren Liam Jack Noah Oliver Mason Cooper "
                 "Hunter Brendon Craig Wayne Shane Dean Aaron Tyler Jayden Bailey Murray Graeme Bruce Trevor "
                 "Declan Sean Fergus Hamish Callum Sven Pieter Jorge"),
}

SURNAMES = {
    "maori": "Ngata Parata Tipene Walker Te_Aho Te_Aho-White Smith-Tuhoe Ngata-Aerengamate Tamihana Rāwiri "
             "Paewai Herewini Kereama Pōmare Rangihuna Tautahi Hēnare Waaka Wihongi Taiaroa Te_Whata Manihera "
             "Poutama Ruawai Karaka Kingi Mataira Paki Rewiti Te_Kani Te_Rangi Whaanga Hura Tomoana Mōhi "
             "Te_Moana Ruatapu Hapeta Tūhoro Clarke-Ngata Wilson-Kereama",
    "pasifika": "Tuʻilagi Leʻaupepe Fonua Taufaʻao Vaʻenuku Kaufusi Fifita Lātū Tuʻipulotu Moʻunga Faleolo Leota "
                "Sapolu Tauiliili Aumua Fuimaono Masoe Seiuli Taufa Havili Mahe Helu Pulu Lolohea Matagi Vaifale "
                "Soliai Toleafoa Ratuvou Nadolo Tabua Waqa Koroi Vunibaka Naivalu Marsters Tupa Tukuitoga Talagi "
                "Brown-Fonua",
    "chinese": "Wang Li Zhang Chen Liu Huang Zhou Wu Xu Sun Zhu Guo Lin Gao Luo Zheng Ng Chan Wong Lau Yip",
    "korean": "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Shin",
    "filipino": "Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Dela_Cruz Villanueva Aquino Pascual Manalo "
                "Macaraeg Dimaculangan",
    "other_asian": "Nguyen Tran Pham Tanaka Sato",
    "indian": "Sharma Singh Kaur Patel Gupta Reddy Iyer Nair Chopra Desai Mehta Joshi Rao Bhatt Sandhu Gill "
              "Dhillon Grewal Sidhu Malhotra Pillai D'Souza Fernandes",
    "fijian_indian": "Prasad Chand Lal Narayan Ram Deo Naidu Sami Maharaj Nand Dutt Goundar Raju Pratap Kumar",
    "somali": "Mohamed Hassan Abdullahi Farah Warsame Omar Yusuf Osman Jama Hussein Aden Ali",
    "afghan": "Ahmadi Rahimi Karimi Hakimi Noori Sultani Popal Wardak Safi Amiri Hashimi Stanikzai",
    "latin": "González Rodríguez Hernández López Martínez Pérez Ramírez Torres Flores Vargas Castillo Morales "
             "Rojas Gutiérrez Ortega Salazar de_la_Cruz",
    "european": "Smith Brown Wilson Taylor Thompson O'Brien O'Connor McKenzie MacDonald Campbell Stewart Robertson "
                "Anderson Clarke Harris Young King Wright Hall Hughes Edwards Baker Murphy Kelly Ryan Fitzgerald "
                "Van_der_Berg de_Vries Jansen Mueller Schmidt Larsen Hansen Kowalski Novak Petrov Rossi Fraser "
                "Gray Rose Hope Bird Marsh Fox Hill Wood Stone Black White Green Page Bell Webb Lamb O'Neill",
}

# a given name's everyday short forms as staff write them
NICKNAMES = {
    "Jonathan": ("Jono",), "Sharon": ("Shaz",), "Rebecca": ("Bex", "Becs"), "Michael": ("Mikey", "Mike"),
    "Nathan": ("Nate",), "Elizabeth": ("Liz", "Lizzie"), "Samantha": ("Sam", "Sammy"), "Kerry": ("Kez",),
    "Barry": ("Baz",), "Darren": ("Dazza",), "Tama": ("Bro",), "Tamati": ("Bro", "Tam"), "Wiremu": ("Wi", "Bill"),
    "Hōhepa": ("Hepa",), "Rāwiri": ("Rawi",), "Siosaia": ("Saia",), "Viliami": ("Vili",), "Ilisapeci": ("Ili",),
    "Mereana": ("Mere",), "Abdirahman": ("Abdi",), "Alejandro": ("Alex",), "Jessica": ("Jess",),
    "Maddison": ("Maddy",), "Charlotte": ("Lottie",), "Tevita": ("Vita",), "Ravinesh": ("Rav",),
    "Krishneel": ("Krish",), "Mikaere": ("Mika",), "Ranginui": ("Rangi",), "Anahera": ("Ana",),
}

CHILD_TERMS = ("son", "daughter", "boy", "girl", "pēpi", "youngest", "eldest", "moko")


def _split(words: str) -> list[str]:
    return [w.replace("_", " ") for w in words.split()]


def given_names(origin: str, sex: str) -> list[str]:
    female, male = GIVEN[origin]
    return _split(female if sex == "f" else male)


def all_given_names() -> list[str]:
    return sorted({n for origin in GIVEN for sex in "fm" for n in given_names(origin, sex)})


def all_surnames() -> list[str]:
    return sorted({n for origin in SURNAMES for n in _split(SURNAMES[origin])})


def plain_letters(text: str) -> str:
    """Without macrons or ʻokina, as many staff type te reo and Pasifika names."""
    decomposed = unicodedata.normalize("NFD", text.replace("ʻ", ""))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


# ------------------------------------------------------------------------------------ kept vocabularies

TE_REO_WORDS = ("whānau", "kai", "aroha", "mana", "hui", "tamariki", "mokopuna", "kuia", "koro", "wairua", "mahi",
                "kōrero", "marae", "karakia", "tikanga", "kaupapa", "pēpi", "iwi", "kaumātua", "whare", "tautoko",
                "whakapapa", "manaakitanga", "mātua", "rangatahi", "wānanga", "mihi", "hapū", "tangi", "moko",
                "hauora", "mauri", "whanaungatanga", "tāne", "wāhine", "pōtiki", "tuakana", "teina", "mahi tahi")
PROGRAMMES = ("Whānau Ora", "Incredible Years", "Triple P", "Mana Tāne", "Ngā Tapuwae Hou", "Kākano Parenting",
              "Tū Pakari", "Stepping Stones Budgeting", "Ara Whakamua", "Mātua Kōrero", "Strong Roots",
              "Tiaki Tinana", "Kai Ora Cooking", "Rangatahi Rise", "Hauora Hīkoi", "Te Hononga", "Money Mates",
              "Papa Pride", "Homeward Bound", "Circle of Security", "Mauri Tū", "Aroha Circle", "Mana Wāhine",
              "New Hope Budgeting", "Safe Together", "Pēpi First", "Tuakana Teina Mentoring", "Kōwhai Mums")
ORGANISATIONS = ("Plunket", "Oranga Tamariki", "Work and Income", "WINZ", "Kāinga Ora", "Barnardos",
                 "Women's Refuge", "Salvation Army", "Citizens Advice Bureau", "Te Whatu Ora", "ACC",
                 "Te Puna Manaaki Trust", "Ōtara Whānau Trust", "Kōwhai Family Services", "Rangimārie Trust",
                 "Harbourside Budget Service", "Tūī House", "Moana Pacific Health", "Hope Community Trust",
                 "Grace Community Church", "Family Works", "Inland Revenue", "Te Aho Pasifika Trust",
                 "St Vincent de Paul", "Kidscan", "Tenancy Services", "Aroha Kitchen Foodbank")
STREETS = ("Kōwhai", "Tōtara", "Puriri", "Rimu", "Matai", "Great South", "Massey", "Hinemoa", "Te Irirangi",
           "Russell", "Victoria", "Queen", "Wellington", "Church", "Station", "Coronation", "Aotea", "Waimea",
           "Otonga", "Rata", "Ngaio", "Manuka", "Karaka", "Kauri", "Bader", "Dawson", "Buckland", "Clyde",
           "Pākuranga", "Mahia", "Tui", "Rangi", "Whitford", "Elizabeth", "Grace", "Hope", "Te Rapa")
STREET_TYPES = ("Street", "St", "Road", "Rd", "Avenue", "Ave", "Crescent", "Cres", "Place", "Pl", "Drive", "Dr",
                "Terrace", "Tce", "Way", "Lane", "Close", "Grove")
SUBURBS = (("Ōtara", "Auckland"), ("Manurewa", "Auckland"), ("Māngere East", "Auckland"), ("Papatoetoe", "Auckland"),
           ("Glen Innes", "Auckland"), ("Henderson", "Auckland"), ("Ranui", "Auckland"), ("Naenae", "Lower Hutt"),
           ("Cannons Creek", "Porirua"), ("Waitangirua", "Porirua"), ("Aranui", "Christchurch"),
           ("Linwood", "Christchurch"), ("Hornby", "Christchurch"), ("Fairfield", "Hamilton"),
           ("Enderley", "Hamilton"), ("Nawton", "Hamilton"), ("Fordlands", "Rotorua"), ("Flaxmere", "Hastings"),
           ("Maraenui", "Napier"), ("Castlecliff", "Whanganui"), ("Highbury", "Palmerston North"),
           ("Otangarei", "Whangārei"), ("South Dunedin", "Dunedin"), ("Glengarry", "Invercargill"),
           ("Merrilands", "New Plymouth"), ("Kaiti", "Gisborne"), ("Tamatea", "Napier"), ("Wainoni", "Christchurch"))
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                 "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                 "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second", "twenty-third",
                 "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh", "twenty-eighth")
WEEKDAYS = ("Mon", "Monday", "Tues", "Tuesday", "Wed", "Wednesday", "Thurs", "Thursday", "Fri", "Friday")
EMAIL_DOMAINS = ("gmail.com", "hotmail.com", "xtra.co.nz", "outlook.com", "yahoo.co.nz", "icloud.com",
                 "hotmail.co.nz", "live.com")
BANK_BRANCHES = ("01-0242", "01-0102", "01-1839", "02-0248", "02-0500", "02-1244", "03-0104", "03-1702",
                 "03-0502", "06-0501", "06-0781", "12-3140", "12-3089", "12-3016", "38-9000", "38-9012", "15-3950")
EMOJI = ("😊", "👍", "🙏", "💯", "😬", "🔥", "🙌", "😔", "❤️", "🤞")

# -------------------------------------------------------------------------------------------- the pieces


@dataclass(frozen=True)
class Piece:
    """A stretch of note text: plain (label None), to remove (a PII type) or to keep ('keep:<kind>')."""
    text: str
    label: str | None = None


@dataclass(frozen=True)
class Person:
    given: str
    surname: str
    nicknames: tuple[str, ...] = ()
    title: str = "Ms"


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _nhi(rng: random.Random) -> str:
    while True:
        letters = "".join(rng.choice(NHI_ALPHABET) for _ in range(3))
        if rng.random() < 0.55:
            first_six = letters + f"{rng.randrange(1000):03d}"
        else:
            first_six = letters + f"{rng.randrange(100):02d}" + rng.choice(NHI_ALPHABET)
        check = nhi_check_character(first_six)
        if check is not None and not (first_six[5].isdigit() and _nhi_weighted_sum(first_six) % 11 == 1):
            nhi = first_six + check
            return nhi[:3] + " " + nhi[3:] if rng.random() < 0.1 else nhi


def _ird_digits(rng: random.Random) -> str:
    while True:
        digits = str(rng.randrange(10_000_001, 149_999_999))
        if rng.random() < 0.3 and int(digits) < 100_000_000:
            digits = digits.zfill(8)
        if ird_is_valid(digits):
            return digits


def _ird(rng: random.Random) -> str:
    digits = _ird_digits(rng)
    digits = digits.zfill(9) if len(digits) == 8 and rng.random() < 0.3 else digits
    form = rng.random()
    if len(digits) == 9 and form < 0.35:
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if len(digits) == 9 and form < 0.5:
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    if len(digits) == 8 and form < 0.35:
        return f"{digits[:2]}-{digits[2:5]}-{digits[5:]}"
    return digits


def _phone(rng: random.Random, mobile: bool | None = None) -> str:
    mobile = rng.random() < 0.7 if mobile is None else mobile
    if mobile:
        prefix = rng.choice(("21", "22", "27", "29", "21", "27"))
        length = rng.choice((7, 7, 7, 8, 6)) if prefix == "21" else 7
        rest = "".join(str(rng.randrange(10)) for _ in range(length))
        head, tail = rest[:3], rest[3:]
    else:
        prefix = rng.choice(("9", "4", "3", "6", "7"))
        rest = f"{rng.randrange(2, 10)}" + "".join(str(rng.randrange(10)) for _ in range(6))
        head, tail = rest[:3], rest[3:]
    form = rng.randrange(7)
    if form == 0:
        return f"0{prefix} {head} {tail}"
    if form == 1:
        return f"0{prefix}{head}{tail}"
    if form == 2:
        return f"0{prefix}-{head}-{tail}"
    if form == 3:
        return f"+64 {prefix} {head} {tail}"
    if form == 4:
        return f"+64{prefix}{head}{tail}"
    if form == 5:
        return f"(0{prefix}) {head} {tail}"
    return f"0{prefix} {head}-{tail}"


def _email(rng: random.Random, person: Person) -> str:
    given = re.sub(r"[^a-z]", "", plain_letters(person.given).lower())
    surname = re.sub(r"[^a-z]", "", plain_letters(person.surname).lower())
    local = rng.choice((f"{given}.{surname}", f"{given}{surname}{rng.randrange(70, 100)}", f"{given[0]}{surname}",
                        f"{given}_{rng.randrange(1, 999)}", f"{surname}.{given}", f"{given}{rng.randrange(1, 30)}x"))
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def _bank(rng: random.Random) -> str:
    branch = rng.choice(BANK_BRANCHES)
    while True:
        base = f"{rng.randrange(1, 990000):07d}"
        suffix = rng.choice(("00", "01", "02", "25", "000", "001", "050"))
        number = f"{branch}-{base}-{suffix}"
        if bank_is_valid(number):
            break
    bank, br = branch.split("-")
    form = rng.randrange(4)
    if form == 0:
        return number
    if form == 1:
        return f"{bank} {br} {base} {suffix}"
    if form == 2:
        return f"{bank}{br}{base}{suffix}"
    return f"{bank}-{br}-{base}-{suffix}" if len(suffix) == 3 else f"{bank}{br}-{base}-{suffix}"


def _licence(rng: random.Random) -> str:
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
    digits = f"{rng.randrange(1_000_000):06d}"
    return letters + rng.choice(("", "", " ", "-")) + digits


def _date_of_birth(rng: random.Random, child: bool) -> str:
    year = rng.randrange(2006, 2024) if child else rng.randrange(1948, 2002)
    month, day = rng.randrange(1, 13), rng.randrange(1, 29)
    name = MONTHS[month - 1]
    short = name[:3]
    forms = (f"{day:02d}/{month:02d}/{year}", f"{day}/{month}/{year % 100:02d}", f"{day}.{month}.{year}",
             f"{year}-{month:02d}-{day:02d}", f"{_ordinal(day)} {name} {year}", f"{day} {name} {year}",
             f"{name} {day} {year}", f"{name} {_ordinal(day)}, {year}", f"{day} {short} '{year % 100:02d}",
             f"{day}-{short}-{year}", f"{ORDINAL_WORDS[day - 1]} of {name} {year}", f"{_ordinal(day)} {short} {year}")
    return rng.choice(forms)


def _service_date(rng: random.Random) -> str:
    month, day = rng.randrange(1, 13), rng.randrange(1, 29)
    name = MONTHS[month - 1]
    year = rng.choice((2024, 2025, 2026))
    forms = (f"{day:02d}/{month:02d}/{year}", f"{day}/{month}", f"{rng.choice(WEEKDAYS)} {_ordinal(day)} {name}",
             f"{day} {name}", f"{_ordinal(day)} {name[:3]}", f"{day}.{month}.{year % 100:02d}", f"{name} {_ordinal(day)}",
             f"{rng.choice(WEEKDAYS)} {day}/{month}", f"{rng.choice(WEEKDAYS)} {_ordinal(day)}")
    return rng.choice(forms)


def _time(rng: random.Random) -> str:
    hour, minute = rng.randrange(8, 18), rng.choice((0, 15, 30, 45, 10, 20))
    twelve = hour if hour <= 12 else hour - 12
    ampm = "am" if hour < 12 else "pm"
    forms = (f"{twelve}:{minute:02d}{ampm}", f"{twelve}.{minute:02d}{ampm}", f"{hour:02d}:{minute:02d}",
             f"{twelve}{ampm}", f"{twelve}:{minute:02d} {ampm.upper()}", f"{hour}{minute:02d}hrs")
    return rng.choice(forms)


def _amount(rng: random.Random) -> str:
    value = rng.randrange(5, 400) if rng.random() < 0.8 else rng.randrange(400, 5000)
    cents = rng.choice((0, 0, 50, 20, 99, 75))
    forms = (f"${value}", f"${value}.{cents:02d}", f"${value:,}.{cents:02d}", f"$ {value}", f"${value:,}")
    return rng.choice(forms)


def _reference(rng: random.Random) -> str:
    """A number that looks like an IRD number but follows an invoice, receipt or reference cue."""
    digits = _ird_digits(rng) if rng.random() < 0.6 else str(rng.randrange(10_000_000, 999_999_999))
    if len(digits) == 9 and rng.random() < 0.3:
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return digits


def _address(rng: random.Random) -> str:
    number = rng.randrange(1, 240)
    street = f"{rng.choice(STREETS)} {rng.choice(STREET_TYPES)}"
    suburb, city = rng.choice(SUBURBS)
    unit = rng.random()
    if unit < 0.15:
        number_text = f"{rng.randrange(1, 8)}/{number}"
    elif unit < 0.22:
        number_text = f"Flat {rng.randrange(1, 6)}, {number}"
    elif unit < 0.3:
        number_text = f"{number}{rng.choice('ABC')}"
    else:
        number_text = str(number)
    sep = rng.choice((", ", ", ", " "))
    postcode = f" {rng.randrange(1000, 9999)}" if rng.random() < 0.2 else ""
    return f"{number_text} {street}{sep}{suburb}{sep}{city}{postcode}"


# ------------------------------------------------------------------------------------------- templates
# Slots: {role} or {role.form} for people (roles mum dad kid kid2 elder ex worker nbr staff; forms given full
# poss nick init title at lower), {NHI} {IRD} {PHONE} {MOB} {LAND} {EMAIL} {BANK} {DL} {DOB} {DOBA} {ADDR}
# to remove, {PROG} {ORG} {SDATE} {AMT} {TIME} {REF} {REO} to keep, and <r|word> (te reo) <w|word> (English
# word that is also a name) <o|org> <p|programme> for literal kept words.

PROVIDER_BODIES = {
    "parenting": (
        "{mum} attended {PROG} session 4 of 8, engaged well and shared about bedtime routines with {kid}.",
        "{kid.poss} behaviour at kura has settled; {mum} using the praise strategies from {PROG}.",
        "Discussed <r|tikanga> around <r|kai> time. {dad} keen to come to the next <r|hui> on {SDATE}.",
        "{mum} says {kid2} wakes 3-4 times a night, {ORG} nurse {staff} to follow up.",
        "Next group {SDATE} at {TIME}, creche available for the <r|tamariki>.",
        "Dad {dad.full} not yet engaged; {mum} will <w|mark> the calendar and remind him.",
        "We <w|hope> {kid} can join the holiday programme run by {ORG}.",
        "{kid} ({DOB}) has started at the kōhanga, {mum} very proud.",
    ),
    "whanau": (
        "Whānau hui held at the <r|marae>, {elder} opened with <r|karakia>.",
        "{elder.title} shared <r|kōrero> about the <r|whakapapa> of the <r|whānau>.",
        "Referral to {PROG} made for {mum} and {dad}; Whānau Ora navigator {worker} to pick up.",
        "Food parcel dropped off, <r|kai> for the week, {ORG} voucher for {AMT}.",
        "{kid.poss} <r|wairua> is low since the <r|tangi>, koro {elder} worried.",
        "Lots of <r|aroha> in the home, <r|mana> of the <r|kuia> clear.",
        "{mum} to attend {PROG} wānanga {SDATE}; transport sorted with {ORG}.",
        "<r|Mokopuna> {kid} and {kid2} staying with {elder} this <r|wiki>.",
    ),
    "violence": (
        "Safety plan reviewed with {mum}. Protection order in place against {ex.full}.",
        "{mum} reports {ex} came to the house on {SDATE} around {TIME}, Police called.",
        "Referral to {ORG} and {PROG} for {dad}. He said he is ready to do the <r|mahi>.",
        "{mum} has a new phone {MOB}, do not share with {ex}.",
        "Children {kid} and {kid2} safe with {elder} at {ADDR}.",
        "Court date {SDATE}; lawyer {staff.full} from {ORG} is across it.",
        "{mum} said it was hard but she kept the <w|faith>, {kid} doing ok at school.",
        "Advised {mum} of {ORG} 24h line; she has the number saved under a friend's name.",
    ),
    "budgeting": (
        "Power <w|bill> overdue {AMT}, payment plan set up with retailer ref {REF}.",
        "WINZ hardship grant approved {AMT}, paid into acct {BANK}.",
        "{mum} to bring bank statements for account {BANK} to next appt {SDATE} {TIME}.",
        "Debt to {ORG} {AMT}; invoice {REF} queried.",
        "{dad} <w|drew> up a weekly budget with me: rent {AMT}, food {AMT}, phone {AMT}.",
        "IRD number for {mum} is {IRD}, Working for Families review pending.",
        "Receipt {REF} for the school uniform ({AMT}) given to {mum}.",
        "Car rego due, {dad} licence {DL} suspended until fines paid.",
    ),
    "housing": (
        "{mum} and the <r|tamariki> moved into {ADDR} on {SDATE}.",
        "Kāinga Ora tenancy manager {staff} visited, mould in the back bedroom.",
        "Emergency housing at motel ended {SDATE}; {ORG} paid bond {AMT} ref {REF}.",
        "Landlord {nbr.full} wants the house back by {SDATE}, {mum} stressed.",
        "Previous address {ADDR}; forwarding mail requested.",
        "Neighbour {nbr} has been helping with the <r|tamariki> after school.",
        "{mum} on the housing register since {SDATE}, priority A, contact {PHONE}.",
        "Heater fixed, <w|summer> coming so less worry about the power.",
    ),
    "health": (
        "Home visit: {kid} weighed 9.2kg, feeding well. NHI {NHI}.",
        "{kid2} NHI {NHI} due for 15mth immunisations {SDATE}.",
        "{mum} (NHI {NHI}, DOB {DOBA}) BP 128/82, mood better.",
        "Referred to {ORG} for eczema, <r|kiri> very dry on arms.",
        "GP appt booked {SDATE} {TIME}, {mum} to ring {LAND} if she cannot make it.",
        "{elder} (<r|kuia>) diabetes review, needs new meter, DOB {DOBA}.",
        "Plunket nurse {worker} visited; pēpi thriving, <r|hauora> good.",
        "{kid} has a small <w|mark> on left arm, {mum} says from the trampoline.",
    ),
}

STYLE_OPENINGS = {
    "formal": (
        "Home visit to {mum.full} at {ADDR}.",
        "Met with {mum} and {dad} at the office today.",
        "Visit completed with {mum.full} and {kid}.",
        "Scheduled visit {SDATE} {TIME}; present: {mum}, {kid}, {elder}.",
        "Social worker {worker.full} attended with {mum}.",
        "Case note re {kid.full} (DOB {DOB}).",
    ),
    "text": (
        "{TIME} seen {kid} at the skatepark",
        "caught up w {kid} n {kid2} after school {EMO}",
        "txt from {kid} {EMO} wants to come to {PROG} again",
        "hey team {kid.at} turned up today {EMO}",
        "picked up {kid} from {mum.poss} place",
        "{kid} rang me {MOB} new number",
    ),
    "soap": (
        "S: {mum} reports {kid} unsettled at night.",
        "S: {elder.title} says feeling tired, poor appetite.",
        "S: Mum {mum} states pēpi feeding 3hrly.",
        "S: {kid} (NHI {NHI}) c/o sore ear x2 days.",
    ),
    "list": (
        "Budget session w {mum.full}:",
        "Financial mentoring {SDATE} - {mum} & {dad}:",
        "BUDGET REVIEW {mum.full}",
        "Session 3 with {mum}, client ph {MOB}:",
    ),
    "reo": (
        "Mōrena. I haere au ki te <r|whare> o {mum} i tēnei <r|rā>.",
        "Kia ora, i tae mai a {elder} ki te <r|hui> me ana <r|mokopuna>.",
        "I kōrero au ki a {mum} mō te <r|kaupapa> o {PROG}.",
        "Nō {SDATE} te <r|hui> ki te <r|marae>, i reira {mum}, {dad} me {kid}.",
    ),
    "calls": (
        "{TIME} ph call to {mum} on {PHONE} - no answer, left msg.",
        "{TIME} rang {mum.full} {PHONE}, spoke re appt.",
        "Phone log {SDATE}: {TIME} incoming from {dad} ({MOB}).",
        "{TIME} call from {staff} at {ORG} re {kid}.",
    ),
}

STYLE_BODIES = {
    "formal": (
        "{mum} presented as calm and open, and spoke about the support from {elder}.",
        "I explained the role of {ORG} and {mum} agreed to the referral.",
        "{kid.full} is attending school most days; teacher {staff} reports improvement.",
        "The <r|whānau> would like another <r|hui> with {ORG} present.",
        "We discussed the plan and I will <w|mark> it for review on {SDATE}.",
        "Spoke to {kid.init} briefly, who said things are better at home.",
        "{mum.poss} sister {nbr} also present for part of the visit.",
        "Family: {mum.full} (mum), {kid.full} (DOB {DOB}), {kid2.full}.",
        "{mum} can be contacted on {PHONE} or {EMAIL}.",
        "Her email is {EMAIL}.",
        "{ex.full} is not to have contact without supervision.",
        "THE WHĀNAU HAS ASKED FOR NO FURTHER CONTACT WITH {ex}.",
        "I will follow up with {staff.full} from {ORG} by {SDATE}.",
        "There is a <w|grace> period of two weeks on the arrears.",
        "{dad} <w|will> contact {ORG} himself.",
        "Tamariki: {kid}, {kid2}; <r|koro> {elder} lives with them.",
    ),
    "text": (
        "{kid} said {ex} was round again {EMO}",
        "told {kid} we r proud of him {EMO} ka pai",
        "{kid2} n {nbr} was there too",
        "lots of <r|aroha> from the crew {EMO}",
        "{kid} hungry so got <r|kai> at maccas {AMT}",
        "thanks <w|bro> see u {SDATE} {TIME}",
        "{kid.poss} mum {mum} ok with it {EMO}",
        "{kid.at} if u see this txt me back",
        "no <w|joy> getting hold of {mum} today",
        "dropped {kid} home to {ADDR}",
        "{kid} got his learners {DL} {EMO}",
        "{kid} wants to do {PROG} w {worker} next term",
        "chur {kid} {EMO} big <r|mana> move",
        "spoke to {kid.init} bout school",
        "{kid} sed {kid2} got kicked out of class lol",
        "mum {mum} number {MOB}",
    ),
    "soap": (
        "O: Temp 37.2, HR 96. Weight 14.1kg. NHI {NHI}.",
        "O: {kid} alert and active, skin clear, <r|kiri> ok.",
        "O: Home warm and tidy, <r|pēpi> settled in cot.",
        "A: Mild URTI. {mum} coping well with support of {elder}.",
        "A: Growth on track, {kid.poss} development normal for age.",
        "P: Review {SDATE} {TIME}. {mum} to call {LAND} if worse.",
        "P: Referral to {ORG}; {PROG} info given.",
        "P: Immunisations due, booked {SDATE}.",
        "Hx: {kid} DOB {DOB}, GP {staff.title}.",
        "Present: {mum}, {kid}, {kid2} and nan {elder}.",
        "Discussed <r|hauora> and <r|kai> options for the whānau.",
    ),
    "list": (
        "{N}) Rent {AMT}/wk to {ORG}",
        "{N}) Power <w|bill> {AMT}, acct ref {REF}",
        "{N}) Bank acct {BANK} - direct debits reviewed",
        "{N}) IRD {IRD} - WFF tax credits checked",
        "{N}) Food {AMT}, <r|kai> parcels from {ORG} x2",
        "{N}) Invoice {REF} from dentist {AMT} - payment plan",
        "{N}) Car fine, licence {DL}",
        "{N}) {dad} wages {AMT} fortnightly",
        "{N}) Next appt {SDATE} {TIME}",
        "{N}) {mum} to bring ID and DOB {DOBA} on letter",
        "{N}) <o|Sky TV> cancelled, saving {AMT}",
        "{N}) Receipt no. {REF} {AMT} KiwiSaver hardship",
        "{N}) Summer holiday costs: <w|summer> camp {AMT}",
    ),
    "reo": (
        "He nui te <r|aroha> o te <r|kuia> ki ōna <r|mokopuna>.",
        "Kua pai ake te <r|wairua> o {mum} i tēnei <r|wiki>.",
        "We talked about the <r|mahi> {dad} is doing with {PROG}.",
        "Ka hoki mai au ā tērā <r|wiki>, {SDATE} {TIME}.",
        "{kid} and {kid2} were happy, lots of <r|kōrero> over <r|kai>.",
        "He <r|rangi> pai, i haere mātou ki {ORG}.",
        "<r|Whanaungatanga> with {elder} and the <r|whānau> strong.",
        "{elder.title} asked that we <r|tautoko> {mum} with the <r|tikanga>.",
        "Ko {kid} te <r|pōtiki>, ko {kid2} te <r|tuakana>.",
        "Nā {worker}, kaimahi.",
        "I kite au i te <r|tūī> i te māra, he tohu pai ki a {elder}.",
        "Ngā mihi ki a {staff} o {ORG} mō te <r|manaakitanga>.",
    ),
    "calls": (
        "{TIME} {mum} rang back, new address {ADDR}.",
        "{TIME} tried {PHONE} again - disconnected.",
        "{TIME} email sent to {EMAIL}.",
        "{TIME} txt to {dad} {MOB} re {SDATE}.",
        "{TIME} spoke to {staff.full}, {ORG}, ref {REF}.",
        "{TIME} no answer from {nbr} ({PHONE}).",
        "{TIME} {kid} answered, said mum at work.",
        "{TIME} call to {ORG} {LAND}, on hold 40min.",
        "{TIME} {elder.title} phoned re <r|hui> {SDATE}.",
    ),
}

CLOSINGS = {
    "formal": ("{worker}, Social Worker", "Next visit {SDATE}.", "Plan: review in {PROG} team hui.",
               "Signed {worker.full} (SW)"),
    "text": ("{EMO}", "c u {SDATE}", "- {worker}", "{worker} out"),
    "soap": ("{worker} RN", "{worker.full}, Public Health Nurse", "Plan agreed with {mum}."),
    "list": ("Next: {SDATE} {TIME}. {worker}", "Adviser: {worker.full}", "Total owing {AMT}."),
    "reo": ("Nā {worker}.", "Ngā mihi, {worker}", "Mā te wā."),
    "calls": ("{worker}", "Logged by {worker.full}", "End of log."),
}

FILLERS = ("Nil further.", "Will follow up.", "Case remains open.", "Ka pai.", "File updated.", "no concerns noted.",
           "Whānau thanked us.", "Consent given for info sharing.")

STYLE_ROLES = ("formal", "text", "soap", "list", "reo", "calls")
PROVIDERS = tuple(PROVIDER_BODIES)
_SLOT = re.compile(r"\{([A-Za-z0-9_.]+)\}|<([rwop])\|([^>]+)>")
_LITERAL_KIND = {"r": "te_reo", "w": "word", "o": "organisation", "p": "programme"}

# ------------------------------------------------------------------------------------------ building notes


@dataclass
class Family:
    people: dict[str, Person]
    recorded: tuple[str, ...]          # roles on the record
    record_names: tuple[str, ...]


def _origin(rng: random.Random) -> str:
    weights = {"maori": 30, "pasifika": 20, "european": 18, "indian": 6, "fijian_indian": 5, "chinese": 5,
               "korean": 3, "filipino": 4, "other_asian": 2, "somali": 3, "afghan": 3, "latin": 3}
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _person(rng: random.Random, origin: str, sex: str, surname: str, used: set[str]) -> Person:
    pool = given_names(origin if rng.random() < 0.8 else _origin(rng), sex)
    given = rng.choice(pool)
    for _ in range(10):
        if given not in used:
            break
        given = rng.choice(pool)
    used.add(given)
    title = "Ms" if sex == "f" else "Mr"
    return Person(given, surname, NICKNAMES.get(given, ()), rng.choice((title, title, "Mrs")) if sex == "f" else title)


def _family(rng: random.Random) -> Family:
    origin = _origin(rng)
    surname = rng.choice(_split(SURNAMES[origin]))
    other = _origin(rng)
    dad_surname = rng.choice(_split(SURNAMES[other])) if rng.random() < 0.4 else surname
    joinable = dad_surname != surname and "-" not in dad_surname + surname and " " not in dad_surname + surname
    kid_surname = surname if rng.random() < 0.7 else (f"{dad_surname}-{surname}" if joinable else dad_surname)
    used: set[str] = set()
    people = {
        "mum": _person(rng, origin, "f", surname, used),
        "dad": _person(rng, other, "m", dad_surname, used),
        "kid": _person(rng, origin, rng.choice("fm"), kid_surname, used),
        "kid2": _person(rng, origin, rng.choice("fm"), kid_surname, used),
        "elder": _person(rng, origin, rng.choice("fm"), rng.choice(_split(SURNAMES[origin])), used),
    }
    for role in ("ex", "worker", "nbr", "staff"):     # never on the record
        people[role] = _person(rng, _origin(rng), rng.choice("fm"), rng.choice(_split(SURNAMES[_origin(rng)])), used)
    recorded = ["mum", "kid", "kid2"] + (["dad"] if rng.random() < 0.6 else []) + (["elder"] if rng.random() < 0.5 else [])
    names = []
    for role in recorded:
        p = people[role]
        names.append(f"{p.given} {p.surname}")
    return Family(people, tuple(recorded), tuple(names))


class NoteBuilder:
    """Fills templates into pieces, so every labelled span is exactly the text it labels."""

    def __init__(self, rng: random.Random, family: Family, style: str, provider: str) -> None:
        self.rng, self.family, self.style, self.provider = rng, family, style, provider
        self.list_number = 0

    def person(self, role: str, form: str) -> list[Piece]:
        rng, p = self.rng, self.family.people[role]
        if not form:
            roll = rng.random()
            if self.style == "text" and roll < 0.12:
                form = "at"
            elif roll < 0.5:
                form = "given"
            elif roll < 0.65:
                form = "full"
            elif roll < 0.77 and p.nicknames:
                form = "nick"
            elif roll < 0.82:
                form = "title"
            elif roll < 0.88:
                form = "lower"
            elif roll < 0.92:
                form = "init"
            else:
                form = "given"
        if form == "poss":
            name = p.given if rng.random() < 0.8 or not p.nicknames else rng.choice(p.nicknames)
            ending = rng.choice(("'s", "s", "'s", "’s"))
            if name.endswith("s") and ending == "s":
                ending = "'"
            return [Piece(name, "PERSON"), Piece(ending)]
        if form == "at":
            return [Piece("@"), Piece(p.given.split()[0] if rng.random() < 0.5 else p.given, "PERSON")]
        if form == "full":
            return [Piece(f"{p.given} {p.surname}", "PERSON")]
        if form == "nick" and p.nicknames:
            return [Piece(rng.choice(p.nicknames), "PERSON")]
        if form == "title" and role in ("kid", "kid2"):
            form = "given"
        if form == "title":
            if role == "elder" and rng.random() < 0.6:
                return [Piece(rng.choice(("Whaea", "Aunty", "Matua", "Nan", "Uncle")) + " "), Piece(p.given, "PERSON")]
            return [Piece(p.title + rng.choice((" ", ". ")) if p.title != "Mrs" else "Mrs "), Piece(p.surname, "PERSON")]
        if form == "lower":
            return [Piece(p.given.lower(), "PERSON")]
        if form == "init":
            initials = p.given[0] + plain_letters(p.surname)[0].upper()
            return [Piece(".".join(initials) + "." if rng.random() < 0.6 else initials, "PERSON")]
        return [Piece(p.given, "PERSON")]

    def slot(self, name: str) -> list[Piece]:
        rng = self.rng
        role, _, form = name.partition(".")
        if role in self.family.people:
            return self.person(role, form)
        mum = self.family.people["mum"]
        makers: dict[str, Callable[[], list[Piece]]] = {
            "NHI": lambda: [Piece(_nhi(rng), "NHI")],
            "IRD": lambda: [Piece(_ird(rng), "IRD")],
            "PHONE": lambda: [Piece(_phone(rng), "PHONE")],
            "MOB": lambda: [Piece(_phone(rng, True), "PHONE")],
            "LAND": lambda: [Piece(_phone(rng, False), "PHONE")],
            "EMAIL": lambda: [Piece(_email(rng, mum if rng.random() < 0.7 else self.family.people["dad"]), "EMAIL")],
            "BANK": lambda: [Piece(_bank(rng), "BANK")],
            "DL": lambda: [Piece(_licence(rng), "DL")],
            "DOB": lambda: [Piece(_date_of_birth(rng, True), "DOB")],
            "DOBA": lambda: [Piece(_date_of_birth(rng, False), "DOB")],
            "ADDR": lambda: [Piece(_address(rng), "ADDRESS")],
            "PROG": lambda: [Piece(rng.choice(PROGRAMMES), "keep:programme")],
            "ORG": lambda: [Piece(rng.choice(ORGANISATIONS), "keep:organisation")],
            "SDATE": lambda: [Piece(_service_date(rng), "keep:service_date")],
            "AMT": lambda: [Piece(_amount(rng), "keep:amount")],
            "TIME": lambda: [Piece(_time(rng), "keep:time")],
            "REF": lambda: [Piece(_reference(rng), "keep:reference")],
            "REO": lambda: [Piece(rng.choice(TE_REO_WORDS), "keep:te_reo")],
            "EMO": lambda: [Piece(rng.choice(EMOJI))],
        }
        if name == "N":
            self.list_number += 1
            return [Piece(str(self.list_number))]
        return makers[name]()

    def fill(self, template: str) -> list[Piece]:
        pieces: list[Piece] = []
        last = 0
        for m in _SLOT.finditer(template):
            if m.start() > last:
                pieces.append(Piece(template[last:m.start()]))
            if m.group(1):
                pieces.extend(self.slot(m.group(1)))
            else:
                pieces.append(Piece(m.group(3), "keep:" + _LITERAL_KIND[m.group(2)]))
            last = m.end()
        if last < len(template):
            pieces.append(Piece(template[last:]))
        return pieces


def _typo(rng: random.Random, text: str) -> str:
    """Swap two letters in one longer plain word, as hurried typing does."""
    words = [m for m in re.finditer(r"[a-z]{5,}", text)]
    if not words:
        return text
    m = rng.choice(words)
    i = rng.randrange(m.start() + 1, m.end() - 2)
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def _text_style(text: str) -> str:
    return re.sub(r"[.,;:](?=\s|$)", "", text)


def _sentence(builder: NoteBuilder, template: str) -> list[Piece]:
    pieces = builder.fill(template)
    if builder.style == "text":
        pieces = [Piece(_text_style(p.text), p.label) if p.label is None else p for p in pieces]
    if builder.style == "list" and pieces[-1].label is None:      # list items end without a full stop
        pieces[-1] = Piece(pieces[-1].text.rstrip("."))
    if builder.style != "text" and builder.rng.random() < 0.07:
        pieces = [Piece(p.text.upper(), p.label) for p in pieces]
    return pieces


def _length(sentences: list[list[Piece]], joiner: str) -> int:
    return sum(len(p.text) for s in sentences for p in s) + len(joiner) * max(0, len(sentences) - 1)


def _note(rng: random.Random) -> tuple[Family, str, str, list[Piece]]:
    family = _family(rng)
    provider = rng.choice(PROVIDERS)
    style = rng.choice(STYLE_ROLES)
    builder = NoteBuilder(rng, family, style, provider)
    joiner = {"text": rng.choice(("  ", " ", " .. ")), "list": rng.choice((" ", "; ")), "soap": " ",
              "calls": rng.choice((" ", " / ", " | "))}.get(style, " ")
    joiner = joiner.replace("|", "/")
    target = rng.randrange(170, 540)
    sentences = [_sentence(builder, rng.choice(STYLE_OPENINGS[style]))]
    own, shared = list(STYLE_BODIES[style]), list(PROVIDER_BODIES[provider])
    rng.shuffle(own)
    rng.shuffle(shared)
    candidates = [t for pair in zip(own, shared + own, strict=False) for t in pair]
    closing = _sentence(builder, rng.choice(CLOSINGS[style])) if rng.random() < 0.7 else []
    for template in candidates:
        if _length(sentences, joiner) >= target:
            break
        numbered = template.startswith("{N")
        if style == "list" and not numbered and rng.random() < 0.5:
            template = "{N}) " + template
        sentence = _sentence(builder, template)
        if _length([*sentences, sentence, closing], joiner) <= 595:
            sentences.append(sentence)
    if closing and _length([*sentences, closing], joiner) <= 600:
        sentences.append(closing)
    for filler in FILLERS:
        if _length(sentences, joiner) >= 150:
            break
        sentences.append([Piece(filler)])
    pieces: list[Piece] = []
    for i, sentence in enumerate(sentences):
        if i:
            pieces.append(Piece(joiner))
        pieces.extend(sentence)
    return family, provider, style, pieces


def _cased(rng: random.Random, style: str, pieces: list[Piece]) -> list[Piece]:
    """Whole notes in lower case or capitals, macrons and ʻokina dropped, a typo or two."""
    roll = rng.random()
    if (style == "text" and roll < 0.75) or (style != "text" and roll < 0.08):
        pieces = [Piece(p.text.lower(), p.label) for p in pieces]
    elif style != "text" and roll < 0.12:
        pieces = [Piece(p.text.upper(), p.label) for p in pieces]
    if rng.random() < 0.4:
        pieces = [Piece(plain_letters(p.text), p.label) for p in pieces]
    if rng.random() < 0.25:
        plain = [i for i, p in enumerate(pieces) if p.label is None and re.search(r"[a-z]{5,}", p.text)]
        for i in rng.sample(plain, min(len(plain), rng.choice((1, 2)))):
            pieces[i] = Piece(_typo(rng, pieces[i].text), None)
    return pieces


def _markup(pieces: list[Piece]) -> str:
    out = []
    for p in pieces:
        if p.label is None:
            out.append(p.text)
        elif p.label.startswith("keep:"):
            out.append("{{" + p.text + "}}")
        else:
            out.append(f"[[{p.label}:{p.text}]]")
    return "".join(out)


def _merged(pieces: list[Piece]) -> list[Piece]:
    """Join plain neighbours, and drop empty pieces, so the markup has no empty spans."""
    out: list[Piece] = []
    for p in pieces:
        if not p.text:
            continue
        if out and p.label is None and out[-1].label is None:
            out[-1] = Piece(out[-1].text + p.text)
        else:
            out.append(p)
    return out


def generate_detailed(count: int, seed: int) -> list[tuple[str, list[tuple[str, str]], str]]:
    """`count` notes as (labelled line, [(kept kind, kept text)], 'provider/style'); the same seed gives the
    same notes. Each kept text has one kind within its note."""
    rng = random.Random(seed)
    rows: list[tuple[str, list[tuple[str, str]], str]] = []
    while len(rows) < count:
        family, provider, style, pieces = _note(rng)
        pieces = _merged(_cased(rng, style, pieces))
        kinds: dict[str, str] = {}
        clash = False
        for p in pieces:
            if p.label and p.label.startswith("keep:"):
                kind = p.label.removeprefix("keep:")
                clash = clash or kinds.setdefault(p.text, kind) != kind
        text_length = sum(len(p.text) for p in pieces)
        if clash or not 150 <= text_length <= 600:
            continue
        names = [plain_letters(n) if rng.random() < 0.15 else n for n in family.record_names]
        line = "; ".join(names) + "|" + _markup(pieces)
        rows.append((line, [(kind, text) for text, kind in kinds.items()], f"{provider}/{style}"))
    return rows


def generate(count: int, seed: int) -> list[str]:
    """The labelled lines alone."""
    return [line for line, _, _ in generate_detailed(count, seed)]
