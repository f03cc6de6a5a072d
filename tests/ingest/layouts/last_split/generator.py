#!/usr/bin/env python3
"""Held-out layout corpus ``last_split`` (LAST01..LAST20).

Twenty invented New Zealand community providers each send a quarterly client
return (one row per client per quarter) in their own shape: CSV in several
encodings/delimiters, gzip CSV, XLSX (title rows, cover sheets, two data
sheets, merged two-row headers), hand-written ODS and two-file returns.

Each layout is written as
    <out>/<layout_id>/landing/<provider-slug>/<quarter>/<file(s)>
    <out>/<layout_id>/truth.json

Only the standard library and openpyxl are used.  All cell contents are
deterministic (fixed seeds); XLSX container bytes may differ run to run.

Usage:  python generator.py --out DIR
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
import zipfile
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.styles import Alignment, Font

SEED = 4_817_2026

# --------------------------------------------------------------------------
# identifiers
# --------------------------------------------------------------------------
NHI_ALPHA = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # A=1 .. H=8, J=9 .. N=13, P=14 .. Z=24


def nhi_valid(s: str) -> bool:
    s = (s or "").strip().upper()
    if len(s) != 7 or not all(c in NHI_ALPHA for c in s[:3]) or not s[3:].isdigit():
        return False
    vals = [NHI_ALPHA.index(c) + 1 for c in s[:3]] + [int(c) for c in s[3:6]]
    r = sum(v * w for v, w in zip(vals, (7, 6, 5, 4, 3, 2), strict=False)) % 11
    if r == 0:
        return False
    chk = 11 - r
    if chk == 10:
        chk = 0
    return chk == int(s[6])


def make_nhi(rng: random.Random) -> str:
    while True:
        letters = "".join(rng.choice(NHI_ALPHA) for _ in range(3))
        digits = [rng.randrange(10) for _ in range(3)]
        vals = [NHI_ALPHA.index(c) + 1 for c in letters] + digits
        r = sum(v * w for v, w in zip(vals, (7, 6, 5, 4, 3, 2), strict=False)) % 11
        if r == 0:
            continue
        chk = 11 - r
        if chk == 10:
            chk = 0
        return letters + "".join(map(str, digits)) + str(chk)


def ird_check_digit(first8: str):
    d = [int(c) for c in first8]
    r = sum(a * b for a, b in zip(d, (3, 2, 7, 6, 5, 4, 3, 2), strict=False)) % 11
    c = 0 if r == 0 else 11 - r
    if c == 10:
        r = sum(a * b for a, b in zip(d, (7, 4, 3, 2, 5, 2, 7, 6), strict=False)) % 11
        c = 0 if r == 0 else 11 - r
        if c == 10:
            return None
    return c


def ird_valid(s: str) -> bool:
    digits = "".join(c for c in str(s or "") if c.isdigit())
    if len(digits) not in (8, 9):
        return False
    n = int(digits)
    if not 10_000_000 <= n <= 150_000_000:
        return False
    p = f"{n:09d}"
    return ird_check_digit(p[:8]) == int(p[8])


def make_ird(rng: random.Random) -> str:
    while True:
        base = rng.randint(1_000_000, 14_999_999)
        c = ird_check_digit(f"{base:08d}")
        if c is None:
            continue
        return f"{base:08d}{c}"


# --------------------------------------------------------------------------
# name and place pools
# --------------------------------------------------------------------------
GROUPS = {
    "maori": ("Māori",
              ["Aroha", "Mereana", "Kahurangi", "Anahera", "Hine", "Ngaire", "Tūī", "Mīria", "Pania",
               "Moana", "Huia", "Te Aroha", "Ātaahua", "Rangimarie", "Kiri", "Awhina", "Hinemoa",
               "Marama", "Tia", "Waimarie", "Ngāhuia", "Roimata"],
              ["Wiremu", "Hēmi", "Rāwiri", "Tama", "Manaia", "Tipene", "Hōhepa", "Rangi", "Nikau",
               "Tamati", "Māui", "Ihaia", "Te Rangi", "Pita", "Whetu", "Kauri", "Hemi"],
              ["Ngata", "Parata", "Te Whata", "Tawhiri", "Horomona", "Henare", "Tamihana", "Wihongi",
               "Te Kani", "Ruatapu", "Kereama", "Paewai", "Tuhiwai", "Marino", "Pōtae", "Tāwhai",
               "Ngārimu", "Te Rangi", "Hapi", "Waaka", "Kīngi", "Tautahi", "Walker", "Tapsell",
               "Morgan", "Herewini", "Rāwiri", "Te Moana", "Poutama", "Karaka", "Hōhaia"]),
    "pakeha": ("New Zealand European",
               ["Sarah", "Emma", "Jessica", "Hannah", "Olivia", "Chloe", "Rebecca", "Kate", "Amy",
                "Megan", "Rachel", "Nicole", "Stacey", "Kirsty", "Brooke", "Aimee", "Zoe", "Grace",
                "Charlotte", "Jade", "Shannon", "Leah"],
               ["James", "Liam", "Michael", "Daniel", "Jack", "Ryan", "Ben", "Josh", "Matthew",
                "Shane", "Craig", "Hayden", "Blair", "Cameron", "Nathan"],
               ["Smith", "Wilson", "Thompson", "Anderson", "Campbell", "MacDonald", "O'Connor",
                "Brown", "Taylor", "Harris", "Robertson", "Stewart", "Williams", "Walker", "Clarke",
                "Mitchell", "Young", "Scott", "Murray", "Ross", "McKenzie", "Fraser", "Gallagher",
                "O'Sullivan", "Van der Berg"]),
    "samoan": ("Samoan",
               ["Sina", "Losa", "Malia", "Fetu", "Lagi", "Iulia", "Leilani", "Talia", "Faith",
                "Tasi", "Mele", "Siniva", "Fa'alua"],
               ["Tavita", "Ioane", "Pita", "Falani", "Mose", "Tui", "Fa'afetai", "Iosefa", "Lemi"],
               ["Tuilagi", "Faleolo", "Leota", "Tanielu", "Fa'amausili", "Sapolu", "Aumua",
                "Toleafoa", "Lemalu", "Fonoti", "Tuiasosopo", "Matagi", "Pauga", "Su'a",
                "Lealaiauloto", "Masoe", "Seiuli"]),
    "tongan": ("Tongan",
               ["Mele", "'Ana", "Losaline", "Seini", "Salote", "'Ofa", "Lupe", "Vika", "Sela",
                "Mele Ana", "Kalolaine"],
               ["Siosaia", "Sione", "Viliami", "Tevita", "Sitani", "Paula", "Semisi", "Sefo"],
               ["Taufa", "Havili", "Fifita", "Vea", "Tupou", "Kioa", "Lātū", "Fonua", "Tonga",
                "Kupu", "Mahe", "Moala", "Hufanga", "Fusitu'a", "Vaipulu", "Pulu"]),
    "cook": ("Cook Islands Māori",
             ["Mata", "Tuaine", "Tiare", "Akaiti", "Rima", "Ngatokorua", "Teuira", "Mii"],
             ["Teina", "Tangaroa", "Tuara", "Tauei", "Rua", "Ioane", "Teariki"],
             ["Marsters", "Teariki", "Mataiti", "Tangimetua", "Tupa", "Pokino", "Arokapiti",
              "Tamarua", "Browne", "Williams", "Ngatoko", "Tuaputa"]),
    "niuean": ("Niuean",
               ["Lina", "Sisilia", "Moka", "Hinemoa", "Faith", "Luisa", "Fuea"],
               ["Sale", "Kolo", "Tofua", "Hemi", "Logo", "Fineaso"],
               ["Pulehetoa", "Talagi", "Tukuitonga", "Kalauni", "Tagaloa", "Lui", "Hekau",
                "Vilitama", "Tongatule", "Siakimotu"]),
    "fijian": ("Fijian",
               ["Mere", "Salote", "Litia", "Seini", "Ana", "Unaisi", "Losana"],
               ["Josefa", "Jone", "Samuela", "Maika", "Peni", "Waisake", "Viliame"],
               ["Naivalu", "Rokotuiveikau", "Vunibola", "Tuilevu", "Ravula", "Qalo", "Delai",
                "Tuiloma", "Bulivou", "Nakaunicina"]),
    "chinese": ("Chinese",
                ["Wei", "Mei", "Li Na", "Xiaoling", "Yan", "Jing", "Hui", "Xin Yi"],
                ["Jun", "Hao", "Wei Ming", "Zhi", "Tao", "Lei"],
                ["Wang", "Li", "Zhang", "Chen", "Liu", "Huang", "Zhou", "Wu", "Lin", "Ho"]),
    "indian": ("Indian",
               ["Priya", "Anjali", "Sunita", "Deepika", "Kavita", "Harpreet", "Simran", "Pooja",
                "Shalini"],
               ["Rahul", "Arjun", "Rajesh", "Sanjay", "Gurpreet", "Amit", "Vikram", "Ravinesh"],
               ["Patel", "Singh", "Sharma", "Kumar", "Reddy", "Kaur", "Prasad", "Naidu", "Chand",
                "Gill", "Lal"]),
    "sea": ("Southeast Asian",
            ["Maria Cristina", "Angelica", "Lovely", "Jocelyn", "Thi Lan", "Linh", "Mai", "Ma Thida"],
            ["Jose", "Mark Anthony", "Minh", "Tuan", "Rodel", "Aung"],
            ["Santos", "Reyes", "Dela Cruz", "Bautista", "Garcia", "Nguyen", "Tran", "Pham", "Le",
             "Soe", "Villanueva"]),
    "otherasian": ("Other Asian",
                   ["Ji-woo", "Min-ji", "Tharushi", "Yuki", "Nilufar", "Fereshta", "Dilani"],
                   ["Kasun", "Hyun-woo", "Ahmad Zia", "Kenji", "Nuwan"],
                   ["Kim", "Park", "Perera", "Fernando", "Sato", "Rahimi", "Hakimi", "Haidari",
                    "Jayasinghe"]),
    "mideast": ("Middle Eastern",
                ["Fatima", "Layla", "Zainab", "Noor", "Rania", "Hiba", "Maryam", "Aya"],
                ["Omar", "Ahmad", "Mohammed", "Khaled", "Yusuf", "Ali", "Hassan"],
                ["Al-Hassan", "Haddad", "Al-Saadi", "Karimi", "Hussein", "Mansour", "Khalil",
                 "Alawi", "Al-Jabouri", "Nasser"]),
    "african": ("African",
                ["Amina", "Fartun", "Grace", "Chipo", "Hodan", "Nyabol", "Achol", "Blessing",
                 "Ifrah"],
                ["Abdi", "Mohamed", "Ahmed", "Emmanuel", "Deng", "Kwame", "Tendai"],
                ["Mohamed", "Hassan", "Abdullahi", "Okafor", "Mensah", "Nyambura", "Deng",
                 "Mutasa", "Warsame", "Moyo", "Osman", "Garang"]),
    "latam": ("Latin American",
              ["Camila", "Valentina", "María José", "Daniela", "Lucía", "Gabriela"],
              ["Diego", "Andrés", "Juan Pablo", "Sebastián", "Mateo"],
              ["González", "Rodríguez", "Silva", "Fernández", "Pérez", "Castillo", "Muñoz",
               "Rojas"]),
    "otheur": ("Other European",
               ["Anna", "Katarzyna", "Sofie", "Ingrid", "Olga", "Elena", "Marta"],
               ["Piotr", "Lukas", "Dmitri", "Stefan", "Jan"],
               ["Kowalski", "Müller", "de Vries", "Jansen", "Ivanova", "Novak", "Schmidt", "Rossi",
                "Dubois"]),
}

ETH_CODE = {
    "New Zealand European": "11", "Other European": "12", "Māori": "21", "Samoan": "31",
    "Cook Islands Māori": "32", "Tongan": "33", "Niuean": "34", "Fijian": "36",
    "Southeast Asian": "41", "Chinese": "42", "Indian": "43", "Other Asian": "44",
    "Middle Eastern": "51", "Latin American": "52", "African": "53", "Other Ethnicity": "61",
}
PACIFIC = ["samoan", "tongan", "cook", "niuean", "fijian"]

LANG = {
    "maori": ["English", "English", "Te Reo Māori", "English/Te Reo"],
    "pakeha": ["English"], "samoan": ["Samoan", "English", "Samoan/English"],
    "tongan": ["Tongan", "English", "Tongan/English"], "cook": ["English", "Cook Islands Māori"],
    "niuean": ["English", "Vagahau Niue"], "fijian": ["English", "Fijian", "Fiji Hindi"],
    "chinese": ["Mandarin", "Cantonese"], "indian": ["Hindi", "Punjabi", "Gujarati", "English"],
    "sea": ["Tagalog", "Vietnamese", "Burmese", "English"],
    "otherasian": ["Dari", "Korean", "Sinhala", "Japanese"],
    "mideast": ["Arabic", "Farsi", "Kurdish"], "african": ["Somali", "Arabic", "Swahili", "Tigrinya", "Dinka"],
    "latam": ["Spanish"], "otheur": ["Polish", "German", "Dutch", "Russian"],
}
COUNTRY = {
    "maori": "New Zealand", "pakeha": "New Zealand", "samoan": ["Samoa", "New Zealand"],
    "tongan": ["Tonga", "New Zealand"], "cook": ["Cook Islands", "New Zealand"],
    "niuean": ["Niue", "New Zealand"], "fijian": ["Fiji"], "chinese": ["China", "Malaysia"],
    "indian": ["India", "Fiji"], "sea": ["Philippines", "Vietnam", "Myanmar"],
    "otherasian": ["Afghanistan", "South Korea", "Sri Lanka", "Japan"],
    "mideast": ["Syria", "Iraq", "Iran", "Jordan"],
    "african": ["Somalia", "Ethiopia", "South Sudan", "Eritrea", "Zimbabwe", "DR Congo"],
    "latam": ["Colombia", "Chile", "Argentina"], "otheur": ["Poland", "Germany", "Netherlands", "Russia"],
}

STREETS = ["Kōwhai Street", "Tōtara Avenue", "Rimu Road", "Matai Place", "Kauri Crescent",
           "Pōhutukawa Drive", "Station Road", "Church Street", "Queen Street", "King Street",
           "Victoria Avenue", "Tui Street", "Kea Place", "Moana Road", "Rangi Road", "Seaview Road",
           "Hillcrest Avenue", "Bush Road", "Ruru Place", "Karaka Street", "Awatea Street",
           "Wai Iti Place", "Miro Street", "Hinau Crescent", "Pūriri Street", "Nikau Grove",
           "Mahoe Street", "Harakeke Way", "Tawa Street", "Main Road", "Park Avenue",
           "Elizabeth Street", "Albert Road", "Te Aroha Street"]
ABBR = {"Street": "St", "Avenue": "Ave", "Road": "Rd", "Place": "Pl", "Crescent": "Cres",
        "Drive": "Dr", "Grove": "Gr", "Way": "Way"}

REGIONS = {
    "rotorua": ([("Fordlands", "Rotorua", "3015"), ("Western Heights", "Rotorua", "3015"),
                 ("Koutu", "Rotorua", "3010"), ("Ngongotahā", "Rotorua", "3010"),
                 ("Owhata", "Rotorua", "3010"), ("Glenholme", "Rotorua", "3015"),
                 ("Mangakakahi", "Rotorua", "3015")], "07"),
    "south_akl": ([("Ōtara", "Auckland", "2023"), ("Māngere East", "Auckland", "2024"),
                   ("Māngere", "Auckland", "2022"), ("Papatoetoe", "Auckland", "2025"),
                   ("Manurewa", "Auckland", "2102"), ("Clendon Park", "Auckland", "2103"),
                   ("Papakura", "Auckland", "2110"), ("Ōtāhuhu", "Auckland", "1062"),
                   ("Favona", "Auckland", "2024"), ("Wiri", "Auckland", "2104")], "09"),
    "west_akl": ([("Henderson", "Auckland", "0612"), ("Massey", "Auckland", "0614"),
                  ("Rānui", "Auckland", "0612"), ("Glen Eden", "Auckland", "0602"),
                  ("Te Atatū South", "Auckland", "0610"), ("Kelston", "Auckland", "0602")], "09"),
    "hutt": ([("Naenae", "Lower Hutt", "5011"), ("Taitā", "Lower Hutt", "5011"),
              ("Stokes Valley", "Lower Hutt", "5019"), ("Wainuiomata", "Lower Hutt", "5014"),
              ("Epuni", "Lower Hutt", "5011"), ("Waiwhetū", "Lower Hutt", "5010")], "04"),
    "porirua": ([("Cannons Creek", "Porirua", "5024"), ("Waitangirua", "Porirua", "5024"),
                 ("Ascot Park", "Porirua", "5024"), ("Titahi Bay", "Porirua", "5022"),
                 ("Rānui", "Porirua", "5024"), ("Elsdon", "Porirua", "5022")], "04"),
    "hawkesbay": ([("Flaxmere", "Hastings", "4120"), ("Camberley", "Hastings", "4120"),
                   ("Mahora", "Hastings", "4120"), ("Raureka", "Hastings", "4120"),
                   ("Maraenui", "Napier", "4110"), ("Onekawa", "Napier", "4110")], "06"),
    "chch": ([("Aranui", "Christchurch", "8061"), ("Linwood", "Christchurch", "8062"),
              ("Wainoni", "Christchurch", "8061"), ("Hornby", "Christchurch", "8042"),
              ("Shirley", "Christchurch", "8013"), ("Phillipstown", "Christchurch", "8011"),
              ("Bromley", "Christchurch", "8062")], "03"),
    "tokoroa": ([("Aotea", "Tokoroa", "3420"), ("Amisfield", "Tokoroa", "3420"),
                 ("Paraonui", "Tokoroa", "3420"), ("Strathmore", "Tokoroa", "3420"),
                 ("Putāruru", "Putāruru", "3411"), ("Mangakino", "Mangakino", "3421")], "07"),
    "whangarei": ([("Otangarei", "Whangārei", "0112"), ("Tikipunga", "Whangārei", "0112"),
                   ("Raumanga", "Whangārei", "0110"), ("Kensington", "Whangārei", "0112"),
                   ("Morningside", "Whangārei", "0110"), ("Onerahi", "Whangārei", "0110")], "09"),
    "hamilton": ([("Enderley", "Hamilton", "3214"), ("Fairfield", "Hamilton", "3214"),
                  ("Nawton", "Hamilton", "3200"), ("Dinsdale", "Hamilton", "3204"),
                  ("Frankton", "Hamilton", "3204"), ("Melville", "Hamilton", "3206")], "07"),
    "farnorth": ([("Kaitāia", "Kaitāia", "0410"), ("Ahipara", "Kaitāia", "0481"),
                  ("Awanui", "Kaitāia", "0486"), ("Kaikohe", "Kaikohe", "0405"),
                  ("Moerewa", "Moerewa", "0211"), ("Kawakawa", "Kawakawa", "0210"),
                  ("Ōkaihau", "Kaikohe", "0475")], "09"),
    "dunedin": ([("South Dunedin", "Dunedin", "9012"), ("Caversham", "Dunedin", "9012"),
                 ("Brockville", "Dunedin", "9011"), ("Mosgiel", "Mosgiel", "9024"),
                 ("St Kilda", "Dunedin", "9012"), ("Corstorphine", "Dunedin", "9012")], "03"),
    "eastbay": ([("Allandale", "Whakatāne", "3120"), ("Coastlands", "Whakatāne", "3120"),
                 ("Te Tahi", "Whakatāne", "3120"), ("Ōpōtiki", "Ōpōtiki", "3122"),
                 ("Kawerau", "Kawerau", "3127"), ("Edgecumbe", "Edgecumbe", "3120")], "07"),
    "invercargill": ([("Strathern", "Invercargill", "9812"), ("Glengarry", "Invercargill", "9810"),
                      ("Georgetown", "Invercargill", "9812"), ("Windsor", "Invercargill", "9810"),
                      ("Richmond", "Invercargill", "9810"), ("Appleby", "Invercargill", "9812")], "03"),
    "ruapehu": ([("Taumarunui", "Taumarunui", "3920"), ("Ōhakune", "Ōhakune", "4625"),
                 ("Raetihi", "Raetihi", "4632"), ("National Park", "National Park", "3948"),
                 ("Manunui", "Taumarunui", "3924")], "07"),
}

IWI = {
    "rotorua": ["Ngāti Whakaue", "Ngāti Pikiao", "Tūhourangi", "Ngāti Rangiwewehi",
                "Ngāti Tūwharetoa", "Ngāpuhi", "Ngāti Porou"],
    "hawkesbay": ["Ngāti Kahungunu", "Rongomaiwahine", "Ngāti Porou", "Ngāi Tūhoe", "Ngāpuhi"],
    "north": ["Ngāpuhi", "Te Rarawa", "Ngāti Kahu", "Te Aupōuri", "Ngāti Whātua", "Ngātiwai"],
    "eastbay": ["Ngāti Awa", "Whakatōhea", "Te Whānau-ā-Apanui", "Ngāi Tūhoe", "Ngāti Porou",
                "Ngāti Manawa"],
    "ruapehu": ["Ngāti Tūwharetoa", "Ngāti Rangi", "Whanganui", "Ngāti Maniapoto", "Ngāti Hāua"],
    "akl": ["Ngāpuhi", "Waikato", "Ngāti Porou", "Ngāti Whātua", "Ngāti Paoa", "Ngāti Maniapoto"],
    "wgtn": ["Te Āti Awa", "Ngāti Toa Rangatira", "Ngāti Kahungunu", "Ngāpuhi", "Ngāti Porou",
             "Ngāti Raukawa"],
    "south": ["Ngāi Tahu", "Ngāti Mutunga", "Ngāpuhi", "Ngāti Porou", "Ngāti Kahungunu"],
}
HAPU = ["Ngāti Hine", "Ngāti Tautahi", "Ngāi Te Rangi", "Ngāti Hauiti", "Te Whānau a Ruataupare",
        "Ngāti Kurī", "Ngāti Pūkenga", "Ngāi Tamaterā"]

REFERRALS = [("Self", 20), ("GP", 12), ("Midwife", 10), ("Plunket", 6), ("School", 5),
             ("Oranga Tamariki", 8), ("Police", 4), ("Church", 3), ("Marae", 3), ("Whānau", 8),
             ("Hospital", 6), ("Court", 2), ("Other", 5)]

OUT_A = ["Achieved", "Partly achieved", "Not achieved", "Ongoing", "Exited early"]
OUT_B = ["Goal met", "Partial", "Not met", "In progress", "Withdrew"]

NOTES = [
    "{g} engaged well in sessions this quarter.",
    "Attended with {cg} as support person.",
    "Housing remains a worry - on the MSD housing register.",
    "Referred to budgeting service for help with power arrears.",
    "Missed a couple of sessions due to transport; taxi chits arranged.",
    "Working towards restricted licence, theory test booked.",
    "Linked in with GP and Plunket nurse.",
    "Baby is thriving and {g} reports feeling more confident with routines.",
    "Using time-in strategies at home with good results.",
    "Whānau hui held at the marae, good turnout.",
    "Wants to return to study next year.",
    "Moving out of area soon - transfer to another provider discussed.",
    "Had a hard few weeks; safety plan reviewed with {kw}.",
    "Food parcel and petrol voucher provided.",
    "Enrolled pēpi at kōhanga reo.",
    "Court date pending, support letter written by {kw}.",
    "Completed the programme and received certificate.",
    "Phone disconnected so visited at home instead.",
    "Referred to counselling (free via GP).",
    "Partner now attending the dads' group as well.",
    "Said the group \"felt like whānau\".",
    "Needs help with WINZ appointments; {kw} attending with {g}.",
    "Sleep routines improving, less conflict at bedtime.",
]

QUARTERS = {
    "2026Q1": (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    "2026Q2": (dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    "2026Q3": (dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
    "2026Q4": (dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
}

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]

FOLD = str.maketrans({"ā": "a", "ē": "e", "ī": "i", "ō": "o", "ū": "u", "Ā": "A", "Ē": "E",
                      "Ī": "I", "Ō": "O", "Ū": "U", "ʻ": "'"})


def fold(s):
    return s.translate(FOLD) if isinstance(s, str) else s


def wchoice(rng, pairs):
    tot = sum(w for _, w in pairs)
    x = rng.random() * tot
    for v, w in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][0]


def between(rng, a: dt.date, b: dt.date) -> dt.date:
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


# --------------------------------------------------------------------------
# client records
# --------------------------------------------------------------------------
def make_mobile(rng):
    return rng.choice(["021", "021", "022", "027", "027", "029", "020"]) + f"{rng.randint(1000000, 9999999)}"


def make_landline(rng, area):
    return area + f"{rng.randint(2000000, 9899999)}"


# Groups whose names, languages and countries must stay within one community.
SUBS = {
    "sea": [(["Maria Cristina", "Angelica", "Lovely", "Jocelyn", "Mary Grace"], ["Jose", "Mark Anthony", "Rodel", "Jericho"],
             ["Santos", "Reyes", "Dela Cruz", "Bautista", "Garcia", "Villanueva"], ["Tagalog", "English"], ["Philippines"]),
            (["Thi Lan", "Linh", "Mai", "Thu Trang"], ["Minh", "Tuan", "Duc"], ["Nguyen", "Tran", "Pham", "Le"],
             ["Vietnamese"], ["Vietnam"]),
            (["Ma Thida", "Nilar", "Paw Say"], ["Aung", "Ko Ko", "Saw Htoo"], ["Soe", "Win", "Htoo", "Naing"],
             ["Burmese", "Karen"], ["Myanmar", "Thailand"])],
    "otherasian": [(["Ji-woo", "Min-ji", "Seo-yeon"], ["Hyun-woo", "Jae-min"], ["Kim", "Park", "Choi"], ["Korean"],
                    ["South Korea"]),
                   (["Tharushi", "Dilani", "Nimali"], ["Kasun", "Nuwan"], ["Perera", "Fernando", "Jayasinghe"],
                    ["Sinhala", "English"], ["Sri Lanka"]),
                   (["Nilufar", "Fereshta", "Marzia"], ["Ahmad Zia", "Mustafa", "Habib"],
                    ["Rahimi", "Hakimi", "Haidari", "Noori"], ["Dari", "Hazaragi"], ["Afghanistan", "Iran"]),
                   (["Yuki", "Aiko"], ["Kenji", "Takumi"], ["Sato", "Tanaka", "Suzuki"], ["Japanese"], ["Japan"])],
    "african": [(["Fartun", "Hodan", "Ifrah", "Amina"], ["Abdi", "Mohamed", "Ahmed"],
                 ["Abdullahi", "Warsame", "Osman", "Mohamed", "Hassan"], ["Somali"], ["Somalia", "Kenya"]),
                (["Nyabol", "Achol", "Abuk"], ["Deng", "Garang", "Majok"], ["Deng", "Garang", "Akech", "Mabior"],
                 ["Dinka", "Arabic"], ["South Sudan"]),
                (["Grace", "Blessing", "Chipo"], ["Tendai", "Emmanuel", "Farai"], ["Mutasa", "Moyo", "Ncube"],
                 ["Shona", "English"], ["Zimbabwe"]),
                (["Adaeze", "Blessing", "Ngozi"], ["Emeka", "Kwame", "Chidi"], ["Okafor", "Mensah", "Adeyemi"],
                 ["English", "Yoruba", "Twi"], ["Nigeria", "Ghana"]),
                (["Selam", "Helen", "Mebrat"], ["Yonas", "Dawit"], ["Tesfay", "Gebremedhin", "Haile"],
                 ["Tigrinya"], ["Eritrea", "Ethiopia"])],
    "mideast": [(["Fatima", "Layla", "Zainab", "Noor", "Rania", "Hiba", "Maryam", "Aya"],
                 ["Omar", "Ahmad", "Mohammed", "Khaled", "Yusuf", "Ali"],
                 ["Al-Hassan", "Haddad", "Al-Saadi", "Hussein", "Mansour", "Khalil", "Alawi", "Al-Jabouri", "Nasser"],
                 ["Arabic"], ["Syria", "Iraq", "Jordan", "Palestine"]),
                (["Maryam", "Shirin", "Parisa"], ["Reza", "Ali", "Hossein"], ["Karimi", "Ahmadi", "Hosseini"],
                 ["Farsi"], ["Iran"]),
                (["Rojin", "Berivan"], ["Aram", "Karwan"], ["Barzani", "Mahmoud", "Rashid"], ["Kurdish", "Arabic"],
                 ["Iraq", "Syria"])],
    "otheur": [(["Katarzyna", "Anna", "Marta"], ["Piotr", "Jan"], ["Kowalski", "Nowak", "Zielinski"], ["Polish"], ["Poland"]),
               (["Sofie", "Anna", "Lotte"], ["Lukas", "Stefan", "Jan"], ["Müller", "Schmidt", "Becker"], ["German"],
                ["Germany"]),
               (["Ingrid", "Sanne"], ["Pieter", "Joost"], ["de Vries", "Jansen", "Van Dijk"], ["Dutch", "English"],
                ["Netherlands"]),
               (["Olga", "Elena"], ["Dmitri", "Sergei"], ["Ivanova", "Petrov", "Smirnova"], ["Russian"],
                ["Russia", "Ukraine"])],
    "latam": [(["Camila", "Valentina", "María José", "Daniela", "Lucía", "Gabriela"],
               ["Diego", "Andrés", "Juan Pablo", "Sebastián", "Mateo"],
               ["González", "Rodríguez", "Silva", "Fernández", "Pérez", "Castillo", "Muñoz", "Rojas"],
               ["Spanish"], ["Colombia", "Chile", "Argentina", "Venezuela"])],
}


def person_name(rng, g, gender, sub=None):
    if g in SUBS:
        subs = SUBS[g]
        fem, mal, fam, _, _ = subs[sub if sub is not None else rng.randrange(len(subs))]
        pool = fem if gender == "F" else mal if gender == "M" else fem + mal
        return rng.choice(pool), rng.choice(fam)
    _, fem, mal, fam = GROUPS[g]
    pool = fem if gender == "F" else mal if gender == "M" else fem + mal
    given = rng.choice(pool)
    if g in ("maori", "pakeha", "samoan", "tongan", "cook", "niuean", "fijian") and rng.random() < 0.18 \
            and " " not in given:
        second = rng.choice(pool)
        if second != given:
            given = f"{given} {second}"
    return given, rng.choice(fam)


def make_eth(rng, g):
    label = GROUPS[g][0]
    eth = [label]
    p = rng.random()
    if g == "maori":
        if p < 0.38:
            eth.append("New Zealand European")
        elif p < 0.48:
            eth.append(rng.choice(["Samoan", "Cook Islands Māori", "Tongan", "Niuean"]))
        if rng.random() < 0.06:
            eth.append(rng.choice(["Samoan", "Chinese", "Other European"]))
    elif g in PACIFIC:
        if p < 0.2:
            eth.append("Māori")
        elif p < 0.3:
            eth.append("New Zealand European")
        elif p < 0.37:
            other = GROUPS[rng.choice([x for x in PACIFIC if x != g])][0]
            eth.append(other)
    elif g == "pakeha":
        if p < 0.1:
            eth.append("Māori")
        elif p < 0.15:
            eth = ["Other Ethnicity"]
        elif p < 0.2:
            eth.append("Other European")
    elif g in ("chinese", "sea", "indian", "otherasian", "latam", "otheur") and p < 0.05:
        eth.append("New Zealand European")
    return eth


def make_record(rng, P, quarter, k):
    qs, qe = QUARTERS[quarter]
    g = wchoice(rng, P["mix"])
    r = rng.random()
    gender = "F" if r < P.get("female", 0.76) else "M"
    if rng.random() < 0.012 and P.get("allow_x", True):
        gender = "X"
    sub = rng.randrange(len(SUBS[g])) if g in SUBS else None
    given, family = person_name(rng, g, gender, sub)
    lo, mode, hi = P.get("ages", (18, 29, 52))
    age = max(16, min(64, round(rng.triangular(lo, hi, mode))))
    dob = dt.date(qe.year - age, qe.month, qe.day) - dt.timedelta(days=rng.randrange(365))
    eth = make_eth(rng, g)
    iwi = []
    if "Māori" in eth and rng.random() < 0.85:
        pool = IWI[P.get("iwi", "akl")]
        iwi = [rng.choice(pool)]
        if rng.random() < 0.3:
            x = rng.choice(pool)
            if x not in iwi:
                iwi.append(x)
    suburb, town, pc = rng.choice(P.get("addr") or REGIONS[P["region"]][0])
    area = REGIONS[P["region"]][1]
    street = f"{rng.randint(1, 260)} {rng.choice(STREETS)}"
    if rng.random() < 0.14:
        street = f"{rng.randint(1, 6)}/{street}"
    cg_gender = rng.choice(["F", "M", "F"])
    cg_group = g if rng.random() < 0.75 else wchoice(rng, P["mix"])
    cg_given, cg_family = person_name(rng, cg_group, cg_gender, sub if cg_group == g else None)
    if rng.random() < 0.45:
        cg_family = family
    if cg_gender == "F":
        rel = rng.choice(["partner", "mum", "sister", "aunty", "nan", "friend", "cousin"])
    else:
        rel = rng.choice(["partner", "dad", "brother", "uncle", "koro", "friend", "cousin"])
    staff = rng.choice(P["staff"])
    # dates
    if rng.random() < 0.33:
        start = between(rng, qs, qe - dt.timedelta(days=10))
    else:
        start = qs - dt.timedelta(days=rng.randint(5, 560))
    service = between(rng, max(start, qs), qe)
    sessions = rng.randint(1, 12) if start >= qs else rng.randint(2, 40)
    outcome = wchoice(rng, [(0, 18), (1, 15), (2, 7), (3, 50), (4, 10)])
    exit_d = None
    if outcome != 3 and rng.random() < 0.75:
        exit_d = between(rng, service, min(qe, service + dt.timedelta(days=21)))
    ws = rng.randint(2, 7)
    we = max(1, min(10, ws + rng.choice([-1, 0, 1, 1, 2, 2, 3, 3, 4])))
    child_lo = max(dob + dt.timedelta(days=16 * 366), qe - dt.timedelta(days=6 * 365))
    child_dob = between(rng, min(child_lo, qe - dt.timedelta(days=20)), qe - dt.timedelta(days=7))
    cgiven, _ = person_name(rng, g, rng.choice(["F", "M"]), sub)
    if g in SUBS:
        lang = rng.choice(SUBS[g][sub][3])
        cob = rng.choice(SUBS[g][sub][4])
    else:
        lang = rng.choice(LANG[g])
        cob = COUNTRY[g] if isinstance(COUNTRY[g], str) else rng.choice(COUNTRY[g])
    ref_kind = None
    rec = {
        "k": k, "group": g, "gender": gender, "given": given, "family": family, "dob": dob,
        "nhi": make_nhi(rng),
        "ird": make_ird(rng) if rng.random() < P.get("ird_share", 0.7) else None,
        "mobile": make_mobile(rng) if rng.random() < 0.93 else None,
        "landline": make_landline(rng, area) if rng.random() < 0.35 else None,
        "email": None, "street": street, "suburb": suburb, "town": town, "postcode": pc,
        "caregiver": f"{cg_given} {cg_family}" if rng.random() < 0.8 else None,
        "cg_first": cg_given, "cg_rel": rel,
        "staff": staff, "eth": eth, "iwi": iwi, "consent": rng.random() < 0.82,
        "programme": rng.choice(P["programmes"]),
        "referral": wchoice(rng, P.get("referrals", REFERRALS)),
        "start": start, "service": service, "sessions": sessions, "outcome": outcome,
        "exit": exit_d, "ws": ws, "we": we,
        "child_dob": child_dob, "child_name": f"{cgiven} {family}",
        "n_children": rng.choice([1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6]),
        "language": lang, "cob": cob,
        "interpreter": (lang not in ("English",)) and rng.random() < 0.55,
        "transport": rng.random() < 0.3,
        "updated": dt.datetime.combine(qe + dt.timedelta(days=rng.randint(1, 9)),
                                       dt.time(rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59))),
        "partner_phone": make_mobile(rng) if rng.random() < 0.6 else None,
        "gp": rng.choice(["Dr " + x for x in ("S. Tan", "A. Patel", "M. Walker", "J. Ngata",
                                                "R. O'Brien", "K. Faleolo", "H. Kim", "L. Fraser")]),
        "office": staff.get("office"),
        "dna": rng.choice([0, 0, 0, 1, 1, 2, 3]),
        "invalid": None, "ref_kind": ref_kind, "age": age,
        "u1": rng.random(), "u2": rng.random(), "u3": rng.random(),
        "referral_date": start - dt.timedelta(days=rng.randint(3, 40)),
        "arrival": between(rng, qs - dt.timedelta(days=3650), qs - dt.timedelta(days=30)),
        "referrer": None,
    }
    if rec["referral"] not in ("Self", "Whānau", "self"):
        rg = rng.choice(["pakeha", "maori", "indian", "samoan", "chinese"])
        rgiven, rfam = person_name(rng, rg, rng.choice(["F", "F", "M"]))
        rec["referrer"] = f"{rgiven} {rfam}"
    if rng.random() > P.get("nhi_share", 0.94):
        rec["nhi"] = None
    if rng.random() < 0.78:
        dom = rng.choice(["gmail.com", "gmail.com", "hotmail.com", "outlook.com", "xtra.co.nz",
                          "yahoo.co.nz", "icloud.com", "hotmail.co.nz"])
        a = fold(given.split()[0]).lower().replace("'", "")
        b = fold(family).lower().replace("'", "").replace(" ", "").replace("-", "")
        b = b.translate(str.maketrans("üéáíóúñ", "ueaioun"))
        a = a.translate(str.maketrans("üéáíóúñ", "ueaioun"))
        style = rng.randint(0, 3)
        num = rng.randint(1, 99)
        rec["email"] = [f"{a}.{b}@{dom}", f"{a}{b}{num}@{dom}", f"{a}_{b[:1]}{num}@{dom}",
                        f"{b}.{a}@{dom}"][style]
    # case notes
    kw_first = next(w for w in staff["name"].split() if w not in ("Dr", "Mr", "Ms", "Mrs"))
    n = rng.choice([1, 1, 2, 2, 3])
    sent = rng.sample(NOTES, n)
    rec["notes"] = " ".join(s.format(g=given.split()[0], cg=cg_given, kw=kw_first) for s in sent)
    return rec


# --------------------------------------------------------------------------
# renderers (building blocks for column definitions)
# --------------------------------------------------------------------------
def col(header, target, fn, group=None):
    return {"header": header, "target": target, "fn": fn, "group": group}


def dfmt(style):
    def f(d):
        if d is None:
            return None
        if style == "cell":
            return d
        if style == "dmy":
            return f"{d.day:02d}/{d.month:02d}/{d.year}"
        if style == "dmy1":
            return f"{d.day}/{d.month}/{d.year}"
        if style == "iso":
            return d.isoformat()
        if style == "dmy-":
            return f"{d.day:02d}-{d.month:02d}-{d.year}"
        if style == "dmy.":
            return f"{d.day:02d}.{d.month:02d}.{d.year}"
        if style == "dmonY":
            return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
        if style == "d-mon-Y":
            return f"{d.day:02d}-{MONTHS[d.month - 1]}-{d.year}"
        raise ValueError(style)
    return f


def D(key, style):
    f = dfmt(style)
    return lambda r: f(r[key])


def full_name(style):
    def f(r):
        g, fam = r["given"], r["family"]
        if style == "given_family":
            return f"{g} {fam}"
        if style == "FAMILY, Given":
            return f"{fam.upper()}, {g}"
        if style == "Family, Given":
            return f"{fam}, {g}"
        if style == "GIVEN FAMILY":
            return f"{g} {fam}".upper()
        raise ValueError(style)
    return f


GENDER_MAPS = {
    "word": {"F": "Female", "M": "Male", "X": "Another gender"},
    "letter": {"F": "F", "M": "M", "X": "X"},
    "num": {"M": "1", "F": "2", "X": "3"},
    "reo": {"F": "Wahine", "M": "Tāne", "X": "Another gender"},
    "lower": {"F": "female", "M": "male", "X": "another gender"},
}


def gender(style, as_int=False):
    m = GENDER_MAPS[style]
    if as_int:
        return lambda r: int(m[r["gender"]])
    return lambda r: m[r["gender"]]


def eth_join(sep, codes=False):
    def f(r):
        vals = [ETH_CODE[e] if codes else e for e in r["eth"]]
        return sep.join(vals)
    return f


def eth_n(i, codes=False, as_int=False):
    def f(r):
        if i >= len(r["eth"]):
            return None
        e = r["eth"][i]
        if codes:
            return int(ETH_CODE[e]) if as_int else ETH_CODE[e]
        return e
    return f


def iwi_join(sep="; "):
    return lambda r: sep.join(r["iwi"]) if r["iwi"] else None


def phone_fmt(num, style):
    if num is None:
        return None
    mob = num.startswith("02")
    if mob:
        pre, rest = num[:3], num[3:]
    else:
        pre, rest = num[:2], num[2:]
    if style == "spaced":
        return f"{pre} {rest[:3]} {rest[3:]}"
    if style == "plain":
        return num
    if style == "intl":
        return f"+64 {pre[1:]} {rest[:3]} {rest[3:]}"
    if style == "brackets":
        return f"({pre}) {rest[:3]} {rest[3:]}"
    if style == "dash":
        return f"{pre}-{rest[:3]}-{rest[3:]}"
    if style == "int":  # Excel-mangled: leading zero lost
        return int(num)
    raise ValueError(style)


def phone(key, style):
    return lambda r: phone_fmt(r[key], style)


def street_abbr(s):
    parts = s.split(" ")
    if parts[-1] in ABBR:
        parts[-1] = ABBR[parts[-1]]
    return " ".join(parts)


def address(style):
    def f(r):
        st, sub, town, pc = r["street"], r["suburb"], r["town"], r["postcode"]
        same = sub == town
        if style == "comma":
            return f"{st}, {town} {pc}" if same else f"{st}, {sub}, {town} {pc}"
        if style == "abbr":
            return f"{street_abbr(st)} {town} {pc}" if same else f"{street_abbr(st)} {sub} {town} {pc}"
        if style == "lines":
            return f"{st}\n{town} {pc}" if same else f"{st}\n{sub}\n{town} {pc}"
        if style == "nopc":
            return f"{st}, {town}" if same else f"{st}, {sub}, {town}"
        if style == "upper":
            return (f"{st}, {town} {pc}" if same else f"{st}, {sub}, {town} {pc}").upper()
        raise ValueError(style)
    return f


def consent(yes, no):
    return lambda r: yes if r["consent"] else no


def outcome(labels):
    return lambda r: labels[r["outcome"]]


def staff(style="full"):
    def f(r):
        n = r["staff"]["name"]
        if style == "full":
            return n
        parts = n.split()
        if style == "first_initial":
            return f"{parts[0]} {parts[-1][0]}."
        if style == "first":
            return parts[0]
        if style == "initials":
            return "".join(p[0] for p in parts).upper()
        if style == "surname_first":
            return f"{parts[-1]}, {' '.join(parts[:-1])}"
        raise ValueError(style)
    return f


def yn(key, y="Y", n="N"):
    return lambda r: y if r[key] else n


def caregiver(style="plain"):
    def f(r):
        c = r["caregiver"]
        if c is None:
            return None
        if style == "rel":
            return f"{c} ({r['cg_rel']})"
        if style == "upper":
            return c.upper()
        return c
    return f


def ref(fmt):
    return lambda r: fmt.format(k=r["k"])


def key(name, fn=None):
    if fn is None:
        return lambda r: r[name]
    return lambda r: fn(r[name])


def const_fn(v):
    return lambda r: v


# --------------------------------------------------------------------------
# writers
# --------------------------------------------------------------------------
NAME_TARGETS = ("full_name", "family_name", "given_names", "nhi")


def render_row(columns, rec, do_fold=False):
    out = []
    for c in columns:
        t = c["target"]
        if rec["invalid"] == "noname" and (t in NAME_TARGETS or t == "email"):
            v = None
        elif rec["invalid"] == "dob" and t == "date_of_birth":
            v = rec.get("dob_text", "unknown")
        else:
            v = c["fn"](rec)
        if do_fold:
            v = fold(v)
        out.append(v)
    return out


def to_text(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def write_delimited(path, header_rows, rows, encoding, delimiter, gz=False, preamble=()):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for p in preamble:
        w.writerow(p)
    for h in header_rows:
        w.writerow(h)
    for r in rows:
        w.writerow([to_text(v) for v in r])
    text = buf.getvalue()
    data = text.encode(encoding)  # 'utf-16' writes a BOM; 'utf-8-sig' too
    if gz:
        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)


def group_spans(columns):
    spans = []
    i = 0
    while i < len(columns):
        g = columns[i]["group"]
        j = i
        while j + 1 < len(columns) and g is not None and columns[j + 1]["group"] == g:
            j += 1
        spans.append((i, j, g))
        i = j + 1
    return spans


def write_xlsx(path, sheets):
    """sheets: list of dicts.  kind 'cover': lines (list of rows).  kind 'data': title_rows,
    columns, rows, merged (bool), vmerge (bool), date_fmt."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for sh in sheets:
        ws = wb.create_sheet(sh["name"])
        if sh["kind"] == "cover":
            for line in sh["lines"]:
                ws.append(line)
            ws["A1"].font = Font(bold=True, size=14)
            ws.column_dimensions["A"].width = 28
            ws.column_dimensions["B"].width = 48
            continue
        r = 1
        for t in sh.get("title_rows", []):
            for ci, v in enumerate(t):
                if v is not None:
                    ws.cell(row=r, column=ci + 1, value=v)
            if t and t[0] is not None:
                ws.cell(row=r, column=1).font = Font(bold=True, size=13 if r == 1 else 11)
            r += 1
        cols = sh["columns"]
        if sh.get("merged"):
            top = r
            for (i, j, g) in group_spans(cols):
                if g is not None:
                    ws.cell(row=top, column=i + 1, value=g).font = bold
                    if j > i:
                        ws.merge_cells(start_row=top, start_column=i + 1, end_row=top, end_column=j + 1)
                    ws.cell(row=top, column=i + 1).alignment = Alignment(horizontal="center")
                    for ci in range(i, j + 1):
                        c = ws.cell(row=top + 1, column=ci + 1, value=cols[ci]["header"])
                        c.font = bold
                        c.alignment = Alignment(wrap_text=True)
                else:
                    if sh.get("vmerge"):
                        c = ws.cell(row=top, column=i + 1, value=cols[i]["header"])
                        c.font = bold
                        c.alignment = Alignment(vertical="center", wrap_text=True)
                        ws.merge_cells(start_row=top, start_column=i + 1, end_row=top + 1, end_column=i + 1)
                    else:
                        c = ws.cell(row=top + 1, column=i + 1, value=cols[i]["header"])
                        c.font = bold
            r = top + 2
        else:
            for ci, c in enumerate(cols):
                cell = ws.cell(row=r, column=ci + 1, value=c["header"])
                cell.font = bold
                if "\n" in c["header"]:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            r += 1
        header_row = r - 1
        dfm = sh.get("date_fmt", "dd/mm/yyyy")
        for row in sh["rows"]:
            for ci, v in enumerate(row):
                if v is None:
                    continue
                cell = ws.cell(row=r, column=ci + 1, value=v)
                if isinstance(v, dt.datetime):
                    cell.number_format = "dd/mm/yyyy hh:mm"
                elif isinstance(v, dt.date):
                    cell.number_format = dfm
                elif isinstance(v, str) and "\n" in v:
                    cell.alignment = Alignment(wrap_text=True)
            r += 1
        for ci, c in enumerate(cols):
            letter = openpyxl.utils.get_column_letter(ci + 1)
            ws.column_dimensions[letter].width = max(10, min(40, len(c["header"].split("\n")[0]) + 4))
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        sh["header_row"] = header_row
    wb.save(path)


def _ods_cell(v):
    if v is None or v == "":
        return "<table:table-cell/>"
    text = to_text(v)
    paras = "".join(f"<text:p>{escape(p)}</text:p>" for p in text.split("\n"))
    return f'<table:table-cell office:value-type="string">{paras}</table:table-cell>'


def write_ods(path, sheets):
    """Hand-written ODS.  sheets: name, title_rows, columns, rows, merged."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n'
             '<office:document-content '
             'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
             'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
             'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
             'office:version="1.2"><office:body><office:spreadsheet>']
    for sh in sheets:
        cols = sh["columns"]
        parts.append(f'<table:table table:name="{escape(sh["name"])}">'
                     f'<table:table-column table:number-columns-repeated="{len(cols)}"/>')
        n = 0
        for t in sh.get("title_rows", []):
            parts.append("<table:table-row>" + "".join(_ods_cell(v) for v in t) + "</table:table-row>")
            n += 1
        if sh.get("merged"):
            cells = []
            for (i, j, g) in group_spans(cols):
                if g is None:
                    cells.append("<table:table-cell/>")
                else:
                    span = j - i + 1
                    attr = f' table:number-columns-spanned="{span}"' if span > 1 else ""
                    cells.append(f'<table:table-cell office:value-type="string"{attr}>'
                                 f'<text:p>{escape(g)}</text:p></table:table-cell>')
                    cells.extend(["<table:covered-table-cell/>"] * (span - 1))
            parts.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
            n += 1
        parts.append("<table:table-row>" + "".join(_ods_cell(c["header"]) for c in cols) + "</table:table-row>")
        n += 1
        sh["header_row"] = n
        for row in sh["rows"]:
            parts.append("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>")
        parts.append("</table:table>")
    parts.append("</office:spreadsheet></office:body></office:document-content>")
    content = "".join(parts).encode("utf-8")
    manifest = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
                b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                b'manifest:version="1.2">\n'
                b' <manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
                b'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>\n'
                b' <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\n'
                b'</manifest:manifest>\n')
    stamp = (2026, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(path, "w") as z:
        zi = zipfile.ZipInfo("mimetype", stamp)
        zi.compress_type = zipfile.ZIP_STORED
        z.writestr(zi, b"application/vnd.oasis.opendocument.spreadsheet")
        for name, data in (("META-INF/manifest.xml", manifest), ("content.xml", content)):
            zi = zipfile.ZipInfo(name, stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


# --------------------------------------------------------------------------
# layouts
# --------------------------------------------------------------------------
def S(name, sid, office):
    return {"name": name, "id": sid, "office": office}


def pick(pool, u="u1"):
    return lambda r: pool[int(r[u] * len(pool)) % len(pool)]


def age_at(r):
    return r["age"]


def L01():
    P = {"region": "rotorua", "iwi": "rotorua",
         "mix": [("maori", 60), ("pakeha", 16), ("samoan", 5), ("cook", 5), ("tongan", 3),
                 ("indian", 3), ("chinese", 2), ("fijian", 2), ("sea", 2), ("african", 2)],
         "staff": [S("Mereana Kīngi", "KM03", "Fenton St"), S("Hōhepa Walker", "KM07", "Fenton St"),
                   S("Tania Ngata", "KM11", "Ngongotahā"), S("Rāwiri Tapsell", "KM12", "Fenton St"),
                   S("Ana Morrison", "KM15", "Ngongotahā"), S("Kiri Te Whata", "KM18", "Fenton St")],
         "programmes": ["Whānau Ora Navigation", "Te Ara Mātua Parenting",
                        "Kaupapa Māori Parenting Wānanga", "Hapū Māmā Support"],
         "ref_range": (1200, 9800)}
    cols = [
        col("ClientID", "client_ref", ref("WH-{k:06d}")),
        col("ClientName", "full_name", full_name("FAMILY, Given")),
        col("DateOfBirth", "date_of_birth", D("dob", "iso")),
        col("NHINumber", "nhi", key("nhi")),
        col("Gender", "gender", gender("word")),
        col("EthnicityList", "ethnicity", eth_join(";")),
        col("IwiAffiliation", "iwi", iwi_join(";")),
        col("MobilePhone", "phone", phone("mobile", "spaced")),
        col("EmailAddress", "email", key("email")),
        col("PhysicalAddress", "address", address("comma")),
        col("WhanauContactName", "caregiver_name", caregiver()),
        col("Kaimahi", "key_worker", staff()),
        col("WorkerCode", None, lambda r: r["staff"]["id"]),
        col("ProgrammeName", "programme", key("programme")),
        col("ReferralSource", "referral_source", key("referral")),
        col("EnrolmentDate", "start_date", D("start", "iso")),
        col("LastSessionDate", "service_date", D("service", "iso")),
        col("SessionsAttended", "sessions_attended", key("sessions")),
        col("OutcomeStatus", "outcome_status", outcome(OUT_A)),
        col("ConsentToEvaluation", "consent_evaluation", consent("TRUE", "FALSE")),
        col("NumberOfTamariki", None, key("n_children")),
        col("LastUpdated", None, lambda r: r["updated"].strftime("%Y-%m-%d %H:%M:%S")),
        col("CaseNotes", "case_notes", key("notes")),
    ]
    return {"provider": "te-awhina-whanau-ora-rotorua", "quarter": "2026Q1", "P": P, "columns": cols,
            "sort": "k",
            "features": ["csv", "utf-8", "comma", "camel_case_headers", "client_ref",
                         "full_name_family_first", "ethnicity_single_column", "iwi", "caregiver_column",
                         "key_worker_column", "distractors", "invalid_rows"],
            "files": [{"name": "WhiriaCMS_ClientExport_2026Q1.csv", "format": "csv", "kind": "csv",
                       "encoding": "utf-8", "delimiter": ",", "invalid": 2}]}


def L02():
    P = {"region": "south_akl", "iwi": "akl",
         "mix": [("samoan", 30), ("tongan", 20), ("cook", 12), ("niuean", 6), ("fijian", 5),
                 ("maori", 15), ("pakeha", 3), ("indian", 5), ("sea", 4)],
         "staff": [S("Losa Tanielu", "FS1", "Ōtara"), S("Mele Fifita", "FS2", "Ōtara"),
                   S("Teuira Marsters", "FS3", "Ōtara"), S("Iulia Sapolu", "FS4", "Papatoetoe"),
                   S("Ngaire Henare", "FS5", "Papatoetoe")],
         "programmes": ["Family Start"], "ages": (17, 26, 45), "ref_range": (1, 999)}
    cols = [
        col("Surname", "family_name", key("family")),
        col("First Name(s)", "given_names", key("given")),
        col("D.O.B (dd/mm/yyyy)", "date_of_birth", D("dob", "dmy")),
        col("Age", None, age_at),
        col("Gender (M/F/X)", "gender", gender("letter")),
        col("NHI", "nhi", key("nhi")),
        col("Ethnicity 1", "ethnicity", eth_n(0)),
        col("Ethnicity 2", "ethnicity", eth_n(1)),
        col("Ethnicity 3", "ethnicity", eth_n(2)),
        col("Street Address", "address_street", key("street")),
        col("Suburb", "address_suburb", key("suburb")),
        col("City", "address_town", key("town")),
        col("Post Code", "address_postcode", key("postcode")),
        col("Cell Phone", "phone", phone("mobile", "plain")),
        col("Home Phone", "phone", phone("landline", "brackets")),
        col("Partner / Support Person", "caregiver_name", caregiver()),
        col("Partner's Phone", None, phone("partner_phone", "plain")),
        col("Baby's DOB", None, D("child_dob", "dmy")),
        col("No. of Children", None, key("n_children")),
        col("Language Spoken at Home", None, key("language")),
        col("Interpreter Needed (Y/N)", None, yn("interpreter")),
        col("Family Start Worker", "key_worker", staff()),
        col("Date Enrolled", "start_date", D("start", "dmy")),
        col("Date of Last Visit", "service_date", D("service", "dmy")),
        col("No. of Home Visits", "sessions_attended", key("sessions")),
        col("Consent for Evaluation (Y/N)", "consent_evaluation", consent("Y", "N")),
        col("Comments", "case_notes", key("notes")),
    ]
    return {"provider": "pasifika-family-start-otara", "quarter": "2026Q2", "P": P, "columns": cols,
            "sort": "family",
            "features": ["csv", "utf-8-sig", "bom", "semicolon", "title_case_headers", "bracket_hints",
                         "no_client_ref", "split_names", "ethnicity_numbered_columns", "address_split",
                         "two_phone_columns", "caregiver_column", "key_worker_column", "distractors",
                         "invalid_rows"],
            "files": [{"name": "Otara FS client list Apr-Jun 2026.csv", "format": "csv", "kind": "csv",
                       "encoding": "utf-8-sig", "delimiter": ";", "invalid": 1}]}


def L03():
    P = {"region": "hutt", "iwi": "wgtn",
         "mix": [("pakeha", 45), ("maori", 25), ("samoan", 8), ("indian", 6), ("chinese", 4),
                 ("otheur", 4), ("sea", 4), ("cook", 2), ("latam", 2)],
         "staff": [S("Jo Gallagher", "", "Naenae"), S("Pania Ruatapu", "", "Naenae"),
                   S("Kate Robertson", "", "Waiwhetu"), S("Sam Leota", "", "Waiwhetu")],
         "programmes": ["Incredible Years", "Toolbox", "Triple P group", "Circle of Security",
                        "Parenting Through Separation"],
         "ages": (19, 33, 58), "ref_range": (100, 899)}
    gp_prac = ["Waiwhetu Medical", "Naenae Medical Centre", "Stokes Valley Health", "Hutt Union & Community Health"]
    cols = [
        col("client no.", "client_ref", ref("HVP-{k}")),
        col("name", "full_name", full_name("given_family")),
        col("dob", "date_of_birth", D("dob", "dmy1")),
        col("gender", "gender", gender("letter")),
        col("ethnicty", "ethnicity", eth_join("/")),
        col("address", "address", address("abbr")),
        col("ph", "phone", lambda r: phone_fmt(r["mobile"] or r["landline"], "plain")),
        col("email", "email", key("email")),
        col("referred by", "referral_source", key("referral", lambda v: v.lower())),
        col("referrer name", None, key("referrer")),
        col("gp", None, lambda r: f"{r['gp']} ({gp_prac[int(r['u2'] * 4)]})"),
        col("programme", "programme", key("programme")),
        col("facilitator", "key_worker", staff("first")),
        col("start date", "start_date", D("start", "dmy1")),
        col("last attended", "service_date", D("service", "dmy1")),
        col("sessions", "sessions_attended", key("sessions")),
        col("pre score", "wellbeing_start", key("ws")),
        col("post score", "wellbeing_end", key("we")),
        col("outcome", "outcome_status", outcome([x.lower() for x in OUT_B])),
        col("happy to be contacted for evaluation?", "consent_evaluation", consent("yes", "no")),
        col("notes", "case_notes", key("notes")),
    ]
    return {"provider": "hutt-valley-parenting-trust", "quarter": "2026Q3", "P": P, "columns": cols,
            "sort": None, "fold": True,
            "features": ["csv", "windows-1252", "comma", "lower_case_headers", "header_typo",
                         "question_header", "full_name_given_first", "no_nhi", "ethnicity_single_column",
                         "pre_post_scores", "key_worker_column", "distractors", "macrons_stripped",
                         "invalid_rows"],
            "files": [{"name": "HVPT_quarterly_Jul-Sep26.csv", "format": "csv", "kind": "csv",
                       "encoding": "cp1252", "delimiter": ",", "invalid": 3}]}


def L04():
    P = {"region": "hawkesbay", "iwi": "hawkesbay",
         "mix": [("maori", 62), ("pakeha", 14), ("samoan", 6), ("tongan", 5), ("cook", 3),
                 ("indian", 4), ("fijian", 3), ("sea", 3)],
         "staff": [S("Huia Tautahi", "N01", "FLAXMERE"), S("Wiremu Paewai", "N02", "FLAXMERE"),
                   S("Roimata Herewini", "N03", "HASTINGS"), S("Shannon McKenzie", "N04", "NAPIER"),
                   S("Tipene Kereama", "N05", "NAPIER"), S("Marama Poutama", "N06", "HASTINGS")],
         "programmes": ["WHANAU ORA", "PARENTING", "HAPU MAMA", "FAMILY HARM"],
         "ref_range": (40000, 49999)}
    cols = [
        col("CLIENT ID", "client_ref", ref("{k}")),
        col("FAMILY NAME", "family_name", key("family", str.upper)),
        col("GIVEN NAMES", "given_names", key("given")),
        col("KNOWN AS", None, lambda r: r["given"].split()[0] if r["u1"] < 0.4 else None),
        col("DOB", "date_of_birth", D("dob", "dmy-")),
        col("NHI NO", "nhi", key("nhi")),
        col("SEX", "gender", gender("num")),
        col("ETHNIC CODE 1", "ethnicity", eth_n(0, codes=True)),
        col("ETHNIC CODE 2", "ethnicity", eth_n(1, codes=True)),
        col("IWI", "iwi", iwi_join("; ")),
        col("HAPU", None, lambda r: HAPU[int(r["u2"] * len(HAPU))] if r["iwi"] and r["u3"] < 0.5 else None),
        col("ADDRESS LINE 1", "address_street", key("street")),
        col("SUBURB", "address_suburb", key("suburb")),
        col("TOWN/CITY", "address_town", key("town")),
        col("POSTCODE", "address_postcode", key("postcode")),
        col("PHONE (MOBILE)", "phone", phone("mobile", "plain")),
        col("PHONE (OTHER)", "phone", phone("landline", "plain")),
        col("NAVIGATOR", "key_worker", staff("full")),
        col("OFFICE", None, key("office")),
        col("SERVICE STREAM", "programme", key("programme")),
        col("REFERRAL SOURCE", "referral_source", key("referral", str.upper)),
        col("REFERRAL DATE", None, D("referral_date", "dmy-")),
        col("START DATE", "start_date", D("start", "dmy-")),
        col("LAST CONTACT", "service_date", D("service", "dmy-")),
        col("CONTACTS", "sessions_attended", key("sessions")),
        col("EXIT DATE", None, D("exit", "dmy-")),
        col("EXIT REASON / OUTCOME", "outcome_status", outcome([x.upper() for x in OUT_A])),
        col("EVAL CONSENT", "consent_evaluation", consent("Y", "N")),
    ]
    return {"provider": "kahungunu-whanau-ora-hub", "quarter": "2026Q4", "P": P, "columns": cols,
            "sort": "k",
            "features": ["txt", "utf-16", "bom", "tab", "all_caps_headers", "split_names",
                         "ethnicity_numbered_columns", "ethnicity_codes", "iwi", "address_split",
                         "two_phone_columns", "key_worker_column", "distractors", "gender_numeric"],
            "files": [{"name": "TAUTOKO360_EXPORT_Q4_2026.txt", "format": "txt", "kind": "csv",
                       "encoding": "utf-16", "delimiter": "\t", "invalid": 0}]}


def L05():
    P = {"region": "chch", "iwi": "south",
         "mix": [("pakeha", 48), ("maori", 30), ("samoan", 6), ("tongan", 3), ("otheur", 3),
                 ("chinese", 3), ("sea", 3), ("african", 4)],
         "staff": [S("Brooke Fraser", "", "Aranui"), S("Nikau Tāwhai", "", "Aranui"),
                   S("Leah Murray", "", "Linwood"), S("Hayden Scott", "", "Linwood")],
         "programmes": ["Young Parents"], "ages": (16, 19, 25), "female": 0.72, "ird_share": 0.85,
         "ref_range": (1, 9)}
    schools = ["Hagley Teen Parent Unit", "Te Waka Unua", "Ara polytech", "Not studying",
               "Youth Guarantee course", "Working part-time"]
    cols = [
        col("client_name", "full_name", full_name("given_family")),
        col("date_of_birth", "date_of_birth", D("dob", "iso")),
        col("nhi", "nhi", key("nhi")),
        col("ird_number", "ird", lambda r: r["ird"] if r["ird"] is None else (r["ird"].lstrip("0"))),
        col("mobile", "phone", phone("mobile", "dash")),
        col("email", "email", key("email")),
        col("home_address", "address", address("comma")),
        col("ethnicity", "ethnicity", eth_join(", ")),
        col("gender", "gender", gender("word")),
        col("baby_dob", None, D("child_dob", "iso")),
        col("baby_name", None, key("child_name")),
        col("support_person", "caregiver_name", caregiver()),
        col("youth_worker", "key_worker", staff()),
        col("school_or_course", None, pick(schools)),
        col("referral_from", "referral_source", key("referral")),
        col("first_session", "start_date", D("start", "iso")),
        col("latest_session", "service_date", D("service", "iso")),
        col("sessions_attended", "sessions_attended", key("sessions")),
        col("wellbeing_pre", "wellbeing_start", key("ws")),
        col("wellbeing_post", "wellbeing_end", key("we")),
        col("status", "outcome_status", outcome(OUT_B)),
        col("eval_consent", "consent_evaluation", consent("TRUE", "FALSE")),
        col("transport_provided", None, yn("transport")),
    ]
    return {"provider": "aranui-young-parents-collective", "quarter": "2026Q1", "P": P, "columns": cols,
            "sort": "start",
            "features": ["csv", "utf-8", "pipe", "snake_case_headers", "no_client_ref", "no_programme",
                         "full_name_given_first", "ird", "ethnicity_single_column", "pre_post_scores",
                         "caregiver_column", "key_worker_column", "distractors", "invalid_rows"],
            "files": [{"name": "aypc_q1_2026.csv", "format": "csv", "kind": "csv",
                       "encoding": "utf-8", "delimiter": "|", "invalid": 2}]}


def L06():
    P = {"region": "tokoroa", "iwi": "rotorua", "nhi_share": 1.0,
         "mix": [("maori", 45), ("pakeha", 25), ("cook", 15), ("samoan", 4), ("indian", 5),
                 ("fijian", 3), ("sea", 3)],
         "staff": [S("Dr Alison Clarke", "", "Tokoroa"), S("Tuaine Tupa RN", "", "Tokoroa"),
                   S("Rachel Young NP", "", "Putāruru"), S("Hemi Karaka", "", "Mangakino"),
                   S("Nicole Ross RN", "", "Tokoroa")],
         "programmes": ["Rural Family Health Support", "Mama & Pēpi Clinic", "Smokefree Pregnancy",
                        "Parenting Support"], "ages": (17, 30, 60), "ref_range": (1, 9)}
    practices = ["Tokoroa Family Health", "South Waikato Medical", "Putāruru Health Centre",
                 "Mangakino Medical Centre"]
    cols = [
        col("Patient NHI", "nhi", key("nhi")),
        col("Surname", "family_name", key("family")),
        col("Forename", "given_names", key("given")),
        col("Birth Date", "date_of_birth", D("dob", "dmy")),
        col("Gender", "gender", gender("letter")),
        col("Prioritised Ethnicity", "ethnicity", lambda r: r["eth"][0]),
        col("Address", "address", address("comma")),
        col("Home Ph", "phone", phone("landline", "brackets")),
        col("Mobile Ph", "phone", phone("mobile", "spaced")),
        col("Enrolled GP", None, key("gp")),
        col("Practice", None, pick(practices, "u2")),
        col("Clinic Location", None, key("office")),
        col("Clinician", "key_worker", staff()),
        col("Service", "programme", key("programme")),
        col("Referral Source", "referral_source", key("referral")),
        col("Episode Start", "start_date", D("start", "dmy")),
        col("Last Appointment", "service_date", D("service", "dmy")),
        col("Appointments Attended", "sessions_attended", key("sessions")),
        col("DNA Count", None, key("dna")),
        col("Interpreter Required", None, yn("interpreter", "Yes", "No")),
        col("Outcome", "outcome_status", outcome(OUT_A)),
    ]
    return {"provider": "tokoroa-rural-health-trust", "quarter": "2026Q2", "P": P, "columns": cols,
            "sort": "family",
            "features": ["csv.gz", "gzip", "utf-8", "comma", "preamble_rows", "no_client_ref",
                         "no_consent", "split_names", "ethnicity_single_column", "two_phone_columns",
                         "key_worker_column", "distractors", "invalid_rows"],
            "files": [{"name": "CareLink_ServiceExport_2026-Q2.csv.gz", "format": "csv.gz", "kind": "csv",
                       "gz": True, "encoding": "utf-8", "delimiter": ",", "invalid": 1,
                       "preamble": [["Tokoroa Rural Health Trust - Client Services Export"],
                                    ["Generated 03/07/2026 08:12 by CareLink NZ v5.2"]]}]}


def L07():
    P = {"region": "whangarei", "iwi": "north",
         "mix": [("maori", 78), ("pakeha", 10), ("samoan", 3), ("tongan", 2), ("cook", 2), ("indian", 3),
                 ("fijian", 2)],
         "staff": [S("Whetu Wihongi", "", ""), S("Ngāhuia Kīngi", "", ""), S("Rangi Hapi", "", ""),
                   S("Aroha Waaka", "", ""), S("Stacey Morgan", "", "")],
         "programmes": ["Whānau Support", "Family Harm Intervention", "Parenting Wānanga",
                        "Rangatahi Mātua"], "ref_range": (2000, 2999)}
    koha = ["MSD-SS-01", "OT-IFS-02", "TPK-WO-03", "KOHA"]
    cols = [
        col("Tau Kiritaki (Client No.)", "client_ref", ref("TWA{k}")),
        col("Ingoa Whānau (Surname)", "family_name", key("family")),
        col("Ingoa Tuatahi (First Name)", "given_names", key("given")),
        col("Rā Whānau (DOB)", "date_of_birth", D("dob", "cell")),
        col("Ira (Gender)", "gender", gender("reo")),
        col("NHI", "nhi", key("nhi")),
        col("Iwi", "iwi", iwi_join("; ")),
        col("Hapū", None, lambda r: HAPU[int(r["u2"] * len(HAPU))] if r["iwi"] and r["u3"] < 0.6 else None),
        col("Mātāwaka (Ethnicity)", "ethnicity", eth_join("; ")),
        col("Wāhi Noho (Address)", "address", address("comma")),
        col("Waea (Phone)", "phone", phone("mobile", "spaced")),
        col("Īmēra (Email)", "email", key("email")),
        col("Kaimahi", "key_worker", staff()),
        col("Ratonga (Service)", "programme", key("programme")),
        col("Nā wai i tuku mai? (Referred by)", "referral_source", key("referral")),
        col("Rā Tīmata (Start)", "start_date", D("start", "cell")),
        col("Rā Hui Whakamutunga (Last hui)", "service_date", D("service", "cell")),
        col("Tau Hui (No. of hui)", "sessions_attended", key("sessions")),
        col("Whakaaetanga (Consent to evaluation)", "consent_evaluation", consent("Āe", "Kāo")),
        col("Putanga (Outcome)", "outcome_status", outcome(OUT_A)),
        col("Kōrero", "case_notes", key("notes")),
        col("Koha Code", None, pick(koha, "u1")),
    ]
    return {"provider": "te-whare-awhina-whangarei-iwi-social-services", "quarter": "2026Q3", "P": P,
            "columns": cols, "sort": "family",
            "features": ["xlsx", "title_rows", "te_reo_headers", "bracket_hints", "question_header",
                         "split_names", "date_cells", "iwi", "ethnicity_single_column",
                         "key_worker_column", "distractors", "invalid_rows"],
            "files": [{"name": "TWA_Whangarei_Q3_2026_return.xlsx", "format": "xlsx", "kind": "xlsx",
                       "encoding": None, "delimiter": None, "invalid": 3,
                       "sheets": [{"name": "Q3 Return", "kind": "data", "share": 1.0, "date_fmt": "dd/mm/yyyy",
                                   "title_rows": [["Te Whare Āwhina o Whangārei — Iwi Social Services"],
                                                  ["Quarterly client return: 1 July – 30 September 2026"],
                                                  []]}]}]}


def L08():
    P = {"region": "porirua", "iwi": "wgtn",
         "mix": [("pakeha", 30), ("maori", 25), ("samoan", 15), ("cook", 8), ("tongan", 6),
                 ("fijian", 4), ("african", 4), ("sea", 4), ("indian", 4)],
         "staff": [S("Margaret O'Sullivan", "", "Porirua"), S("Faith Tuiasosopo", "", "Porirua"),
                   S("Daniel Campbell", "", "Titahi Bay"), S("Hinemoa Parata", "", "Porirua")],
         "programmes": ["Budgeting Support", "Parenting Through Separation", "Mums & Bubs Group",
                        "Social Work"], "ages": (18, 32, 62), "ref_range": (1000, 1999)}
    parish = ["St Columba's", "Porirua Union", "St Theresa's", "Titahi Bay Presbyterian", "None"]
    cols = [
        col("Ref", "client_ref", ref("SCC-{k}")),
        col("Client Name\n(Surname, First)", "full_name", full_name("Family, Given")),
        col("Date of\nBirth", "date_of_birth", D("dob", "cell")),
        col("Gender", "gender", gender("word")),
        col("Ethnicity", "ethnicity", eth_join("/")),
        col("Phone", "phone", phone("mobile", "int")),
        col("Email", "email", key("email")),
        col("Street", "address_street", key("street")),
        col("Suburb", "address_suburb", key("suburb")),
        col("Town", "address_town", key("town")),
        col("Postcode", "address_postcode", key("postcode", int)),
        col("Church / Parish", None, pick(parish, "u2")),
        col("Referred\nBy", "referral_source", key("referral")),
        col("Social\nWorker", "key_worker", staff()),
        col("Programme", "programme", key("programme")),
        col("Start\nDate", "start_date", D("start", "cell")),
        col("Most Recent\nSession", "service_date", D("service", "cell")),
        col("Sessions\nAttended", "sessions_attended", key("sessions")),
        col("Food Parcels\nGiven", None, lambda r: int(r["u3"] * 5)),
        col("Wellbeing at\nStart (1-10)", "wellbeing_start", key("ws")),
        col("Wellbeing\nNow (1-10)", "wellbeing_end", key("we")),
        col("Outcome", "outcome_status", outcome(OUT_A)),
        col("Consent", "consent_evaluation", consent("Consented", "Declined")),
        col("Notes", "case_notes", lambda r: r["notes"].replace(". ", ".\n", 1) if r["u1"] < 0.2 else r["notes"]),
    ]
    cover = [["St Columba Community Care Trust"],
             ["Quarterly Client Return — October to December 2026"],
             [],
             ["Contact person:", "Margaret O'Sullivan"],
             ["Email:", "m.osullivan@stcolumbacare.org.nz"],
             ["Phone:", "04 237 5521"],
             [],
             ["Instructions:", "One row per client seen this quarter. Please do not change the column headings."],
             ["", "Dates as dd/mm/yyyy. Wellbeing scores 1 (very low) to 10 (very good)."],
             ["", "Client data is on the sheet 'Client Data'."]]
    return {"provider": "st-columba-community-care", "quarter": "2026Q4", "P": P, "columns": cols,
            "sort": "family",
            "features": ["xlsx", "cover_sheet", "line_break_headers", "full_name_family_first", "no_nhi",
                         "date_cells", "phone_as_number", "address_split", "postcode_as_number",
                         "pre_post_scores", "key_worker_column", "distractors", "church_based"],
            "files": [{"name": "St Columba - Client Return Q4 2026.xlsx", "format": "xlsx", "kind": "xlsx",
                       "encoding": None, "delimiter": None, "invalid": 0,
                       "sheets": [{"name": "Instructions", "kind": "cover", "lines": cover},
                                  {"name": "Client Data", "kind": "data", "share": 1.0,
                                   "date_fmt": "dd/mm/yyyy"}]}]}


def L09():
    base = {"iwi": "akl",
            "mix": [("mideast", 30), ("african", 26), ("otherasian", 20), ("sea", 12), ("latam", 7),
                    ("otheur", 5)],
            "programmes": ["Settlement Support", "Parenting in NZ", "Family Wellbeing", "Youth & Family"],
            "referrals": [("Self", 10), ("Red Cross", 20), ("GP", 10), ("School", 8), ("Hospital", 5),
                          ("Oranga Tamariki", 4), ("Other", 6), ("Mosque", 4), ("Church", 3)],
            "ages": (20, 34, 60), "ird_share": 0.5, "ref_range": (5000, 7999), "region": "hamilton"}
    st_h = [S("Rania Haddad", "", "Hamilton"), S("Abdi Warsame", "", "Hamilton"),
            S("Megan Stewart", "", "Hamilton"), S("Fereshta Rahimi", "", "Hamilton")]
    st_t = [S("Grace Mensah", "", "Te Awamutu"), S("Craig Thompson", "", "Te Awamutu")]
    ta_addr = [("Te Awamutu", "Te Awamutu", "3800"), ("Kihikihi", "Te Awamutu", "3800"),
               ("Pirongia", "Pirongia", "3802")]
    visa = ["Refugee Quota", "Family Reunification", "Convention Refugee", "Skilled Migrant", "Citizen"]
    cols = [
        col("CLIENT_REF", "client_ref", ref("RFL{k}")),
        col("FAMILY_NAME", "family_name", key("family")),
        col("GIVEN_NAME", "given_names", key("given")),
        col("DATE_OF_BIRTH", "date_of_birth", D("dob", "iso")),
        col("GENDER_CODE", "gender", gender("letter")),
        col("COUNTRY_OF_BIRTH", None, key("cob")),
        col("ARRIVAL_DATE", None, D("arrival", "cell")),
        col("VISA_CATEGORY", None, pick(visa, "u2")),
        col("ETHNICITY_1", "ethnicity", eth_n(0)),
        col("ETHNICITY_2", "ethnicity", eth_n(1)),
        col("PRIMARY_LANGUAGE", None, key("language")),
        col("INTERPRETER_REQ", None, yn("interpreter")),
        col("NHI_NUMBER", "nhi", key("nhi")),
        col("PHONE_PRIMARY", "phone", phone("mobile", "plain")),
        col("PHONE_SECONDARY", "phone", phone("landline", "plain")),
        col("EMAIL", "email", key("email")),
        col("ADDR_STREET", "address_street", key("street")),
        col("ADDR_SUBURB", "address_suburb", key("suburb")),
        col("ADDR_CITY", "address_town", key("town")),
        col("ADDR_POSTCODE", "address_postcode", key("postcode")),
        col("CASE_WORKER", "key_worker", staff()),
        col("SERVICE_TYPE", "programme", key("programme")),
        col("REFERRAL_AGENCY", "referral_source", key("referral")),
        col("INTAKE_DATE", "start_date", D("start", "cell")),
        col("LAST_SERVICE_DATE", "service_date", D("service", "cell")),
        col("SESSIONS_COUNT", "sessions_attended", key("sessions")),
        col("OUTCOME_CODE", "outcome_status", outcome(OUT_A)),
        col("EVAL_CONSENT_YN", "consent_evaluation", consent("Y", "N")),
        col("NUM_CHILDREN", None, key("n_children")),
    ]
    return {"provider": "refugee-family-link-waikato", "quarter": "2026Q1", "P": base, "columns": cols,
            "sort": "k",
            "features": ["xlsx", "two_data_sheets", "caps_snake_headers", "split_names", "date_text_iso",
                         "date_cells", "ethnicity_numbered_columns", "address_split", "two_phone_columns",
                         "key_worker_column", "distractors", "refugee_migrant", "invalid_rows"],
            "files": [{"name": "RFL_Q1_2026_clients.xlsx", "format": "xlsx", "kind": "xlsx",
                       "encoding": None, "delimiter": None, "invalid": 2,
                       "sheets": [{"name": "Hamilton", "kind": "data", "share": 0.64,
                                   "P": {"staff": st_h}, "date_fmt": "yyyy-mm-dd"},
                                  {"name": "Te Awamutu", "kind": "data", "share": 0.36,
                                   "P": {"staff": st_t, "addr": ta_addr}, "date_fmt": "yyyy-mm-dd"}]}]}


def L10():
    P = {"region": "south_akl", "iwi": "akl", "allow_x": False,
         "mix": [("tongan", 70), ("maori", 8), ("samoan", 7), ("pakeha", 3), ("fijian", 6), ("niuean", 6)],
         "staff": [S("Losaline Havili", "", "Māngere"), S("Sione Taufa", "", "Māngere"),
                   S("'Ofa Moala", "", "Māngere"), S("Seini Vea", "", "Ōtāhuhu")],
         "programmes": ["Famili Lelei Parenting", "Faith-based Family Support", "Kāinga Wellbeing"],
         "ages": (19, 33, 60), "ref_range": (1, 9)}
    church = ["Free Wesleyan Church Māngere", "Tokaikolo Fellowship", "LDS Māngere Ward",
              "St Mary's Catholic", "Free Church of Tonga", "SDA Māngere"]
    G1, G2, G3, G4 = ("Fakamatala ʻo e Kalaieni (Client Details)", "Contact", "Service", "Outcomes")
    cols = [
        col("Hingoa Fakafāmili (Surname)", "family_name", key("family"), G1),
        col("Hingoa (First Name)", "given_names", key("given"), G1),
        col("ʻAho Fāʻeleʻi (DOB)", "date_of_birth", D("dob", "cell"), G1),
        col("Gender", "gender", gender("word"), G1),
        col("NHI", "nhi", key("nhi"), G1),
        col("Ethnicity", "ethnicity", eth_join("/"), G1),
        col("Church", None, pick(church, "u2"), G1),
        col("Mobile", "phone", phone("mobile", "plain"), G2),
        col("Email", "email", key("email"), G2),
        col("Address", "address", address("comma"), G2),
        col("Support Person", "caregiver_name", caregiver("rel"), G2),
        col("Key Worker", "key_worker", staff(), G3),
        col("Programme", "programme", key("programme"), G3),
        col("Referred By", "referral_source", key("referral"), G3),
        col("Start Date", "start_date", D("start", "cell"), G3),
        col("Last Session", "service_date", D("service", "cell"), G3),
        col("Sessions", "sessions_attended", key("sessions"), G3),
        col("Language", None, key("language"), G3),
        col("Pre (1-10)", "wellbeing_start", key("ws"), G4),
        col("Post (1-10)", "wellbeing_end", key("we"), G4),
        col("Result", "outcome_status", outcome(OUT_A), G4),
        col("Consent", "consent_evaluation", consent("Yes", "No"), G4),
        col("Notes", "case_notes", key("notes")),
    ]
    return {"provider": "tongan-family-support-mangere", "quarter": "2026Q2", "P": P, "columns": cols,
            "sort": "family",
            "features": ["xlsx", "merged_two_row_header", "tongan_headers", "no_client_ref", "split_names",
                         "date_cells", "ethnicity_single_column", "caregiver_column", "key_worker_column",
                         "pre_post_scores", "distractors", "invalid_rows"],
            "files": [{"name": "TFS Mangere client return Q2 2026.xlsx", "format": "xlsx", "kind": "xlsx",
                       "encoding": None, "delimiter": None, "invalid": 1,
                       "sheets": [{"name": "Clients", "kind": "data", "share": 1.0, "merged": True,
                                   "date_fmt": "d mmm yyyy"}]}]}


def L11():
    P = {"region": "porirua", "iwi": "wgtn", "allow_x": False,
         "mix": [("cook", 60), ("maori", 15), ("samoan", 8), ("pakeha", 6), ("niuean", 5), ("tongan", 6)],
         "staff": [S("Tiare Teariki", "", ""), S("Mii Tangimetua", "", ""), S("Rima Ngatoko", "", "")],
         "programmes": ["Ui Metua Parenting", "ʻĀpii Kōrero Whānau", "Whānau Support"],
         "ages": (18, 31, 58), "ref_range": (1, 9)}
    cols = [
        col("Name", "full_name", full_name("given_family")),
        col("Birthdate", "date_of_birth", D("dob", "dmy.")),
        col("Male/Female", "gender", gender("letter")),
        col("NHI#", "nhi", lambda r: None if r["nhi"] is None else (r["nhi"].lower() if r["u2"] < 0.1 else r["nhi"])),
        col("Ethnic group(s)", "ethnicity", eth_join(", ")),
        col("Phone Numbers", "phone", phone("mobile", "spaced")),
        col("Address", "address", address("nopc")),
        col("Whānau Contact", "caregiver_name", caregiver()),
        col("Worker", "key_worker", staff("first")),
        col("Programme", "programme", key("programme")),
        col("Referral", "referral_source", key("referral")),
        col("Started", "start_date", D("start", "dmy.")),
        col("# sessions", "sessions_attended", key("sessions")),
        col("Outcome", "outcome_status", outcome(OUT_B)),
        col("Consent Y/N", "consent_evaluation", consent("Y", "N")),
        col("Comments", "case_notes", key("notes")),
        col("Kids", None, key("n_children")),
    ]
    return {"provider": "cook-islands-whanau-services-porirua", "quarter": "2026Q3", "P": P,
            "columns": cols, "sort": None,
            "features": ["ods", "hand_written_ods", "no_client_ref", "no_service_date", "full_name_given_first",
                         "ethnicity_single_column", "lowercase_nhi_some_rows", "caregiver_column",
                         "key_worker_column", "distractors", "invalid_rows"],
            "files": [{"name": "CIWS clients Jul-Sep 2026.ods", "format": "ods", "kind": "ods",
                       "encoding": None, "delimiter": None, "invalid": 2,
                       "sheets": [{"name": "Kiritaki", "kind": "data", "share": 1.0}]}]}


def L12():
    P = {"region": "farnorth", "iwi": "north", "ird_share": 0.6,
         "mix": [("maori", 72), ("pakeha", 16), ("samoan", 3), ("tongan", 2), ("cook", 2), ("indian", 3),
                 ("otheur", 2)],
         "staff": [], "programmes": ["Family Start"], "ages": (17, 27, 48), "ref_range": (30000, 39999)}
    reg = REGIONS["farnorth"][0]
    kaitaia = [a for a in reg if a[1] == "Kaitāia"]
    kaikohe = [a for a in reg if a[1] != "Kaitāia"]
    st_a = [S("Awhina Ngārimu", "FN-W01", "Kaitāia"), S("Tamati Te Moana", "FN-W02", "Kaitāia"),
            S("Kirsty Walker", "FN-W03", "Kaitāia")]
    st_b = [S("Pania Hōhaia", "FN-W11", "Kaikohe"), S("Ihaia Tautahi", "FN-W12", "Kaikohe"),
            S("Jade Harris", "FN-W13", "Kaikohe")]

    def ird_dash(r):
        v = r["ird"]
        if v is None:
            return None
        if v.startswith("0"):
            v = v[1:]
            return f"{v[:2]}-{v[2:5]}-{v[5:]}"
        return f"{v[:3]}-{v[3:6]}-{v[6:]}"
    cols = [
        col("Client Ref", "client_ref", ref("FNFS{k}")),
        col("Name", "full_name", full_name("FAMILY, Given")),
        col("DOB", "date_of_birth", D("dob", "dmy")),
        col("NHI", "nhi", key("nhi")),
        col("IRD No.", "ird", ird_dash),
        col("Gender", "gender", gender("letter")),
        col("Eth 1", "ethnicity", eth_n(0, codes=True)),
        col("Eth 2", "ethnicity", eth_n(1, codes=True)),
        col("Eth 3", "ethnicity", eth_n(2, codes=True)),
        col("Iwi", "iwi", iwi_join("; ")),
        col("Street", "address_street", key("street")),
        col("Locality", "address_suburb", key("suburb")),
        col("Town", "address_town", key("town")),
        col("PC", "address_postcode", key("postcode")),
        col("Ph 1", "phone", phone("mobile", "spaced")),
        col("Ph 2", "phone", phone("landline", "spaced")),
        col("Whānau Worker", "key_worker", staff()),
        col("Worker ID", None, lambda r: r["staff"]["id"]),
        col("Referral Source", "referral_source", key("referral")),
        col("Enrolment Date", "start_date", D("start", "dmy")),
        col("Last Home Visit", "service_date", D("service", "dmy")),
        col("Visits This Qtr", "sessions_attended", key("sessions")),
        col("Tamariki Enrolled", None, key("n_children")),
        col("Eval Consent", "consent_evaluation", consent("Y", "N")),
        col("Case Status", "outcome_status", outcome(OUT_A)),
    ]
    return {"provider": "te-hiku-far-north-family-start", "quarter": "2026Q4", "P": P, "columns": cols,
            "sort": "k",
            "features": ["two_files", "csv", "utf-8", "comma", "full_name_family_first", "ird",
                         "ethnicity_numbered_columns", "ethnicity_codes", "iwi", "address_split",
                         "two_phone_columns", "key_worker_column", "distractors", "invalid_rows"],
            "files": [{"name": "FarNorthFS_Kaitaia_2026Q4.csv", "format": "csv", "kind": "csv",
                       "encoding": "utf-8", "delimiter": ",", "invalid": 1,
                       "P": {"staff": st_a, "addr": kaitaia}},
                      {"name": "FarNorthFS_Kaikohe_2026Q4.csv", "format": "csv", "kind": "csv",
                       "encoding": "utf-8", "delimiter": ",", "invalid": 2,
                       "P": {"staff": st_b, "addr": kaikohe}}]}


def L13():
    P = {"region": "south_akl", "iwi": "akl", "allow_x": False,
         "mix": [("samoan", 75), ("maori", 7), ("tongan", 5), ("pakeha", 4), ("niuean", 4), ("fijian", 5)],
         "staff": [S("Tavita Aumua", "", ""), S("Sina Toleafoa", "", ""), S("Malia Lemalu", "", ""),
                   S("Iosefa Masoe", "", "")],
         "programmes": ["Fono Mātua Parenting", "Aiga Wellbeing", "Tama Tane Dads"],
         "ages": (19, 35, 62), "ref_range": (1, 9)}
    parish = ["EFKS Ōtāhuhu", "Methodist Church Māngere", "St Pius X Catholic", "AOG Papatoetoe",
              "LMS Ōtara", "CCCS Māngere East"]
    cols = [
        col("Igoa Atoa / Full Name", "full_name", full_name("given_family")),
        col("Aso Fanau / DOB", "date_of_birth", D("dob", "dmy1")),
        col("Itupaʻia / Gender", "gender", gender("word")),
        col("NHI", "nhi", key("nhi")),
        col("Ethnicity", "ethnicity", eth_join("; ")),
        col("Phone", "phone", phone("mobile", "intl")),
        col("Email", "email", key("email")),
        col("Address", "address", address("comma")),
        col("Parish / Ekalesia", None, pick(parish, "u2")),
        col("Spouse / Partner Name", "caregiver_name", caregiver()),
        col("Spouse Phone", None, phone("partner_phone", "intl")),
        col("Facilitator", "key_worker", staff()),
        col("Programme", "programme", key("programme")),
        col("Referral", "referral_source", key("referral")),
        col("Start Date", "start_date", D("start", "dmy1")),
        col("Last Fono\nAttended", "service_date", D("service", "dmy1")),
        col("Sessions Attended", "sessions_attended", key("sessions")),
        col("Pre Wellbeing", "wellbeing_start", key("ws")),
        col("Post Wellbeing", "wellbeing_end", key("we")),
        col("Outcome", "outcome_status", outcome(OUT_A)),
        col("Consent", "consent_evaluation", consent("Yes", "No")),
        col("Faʻamatalaga / Notes", "case_notes", key("notes")),
    ]
    return {"provider": "samoan-parents-fono-trust", "quarter": "2026Q1", "P": P, "columns": cols,
            "sort": None,
            "features": ["csv", "utf-16", "bom", "comma", "samoan_headers", "line_break_header",
                         "no_client_ref", "full_name_given_first", "ethnicity_single_column",
                         "caregiver_column", "key_worker_column", "pre_post_scores", "distractors"],
            "files": [{"name": "SPFT Q1 2026 Fono Return.csv", "format": "csv", "kind": "csv",
                       "encoding": "utf-16", "delimiter": ",", "invalid": 0}]}


def L14():
    P = {"region": "chch", "iwi": "south", "nhi_share": 0.0,
         "mix": [("mideast", 25), ("african", 20), ("otherasian", 18), ("sea", 15), ("latam", 10),
                 ("chinese", 6), ("otheur", 6)],
         "staff": [S("Hiba Khalil", "", "Phillipstown"), S("Emmanuel Okafor", "", "Phillipstown"),
                   S("Lucía Rojas", "", "Hornby"), S("Nuwan Jayasinghe", "", "Hornby"),
                   S("Amy Fraser", "", "Phillipstown")],
         "programmes": ["Settlement Support", "Whānau Connect", "Parenting in a New Country",
                        "Women's Group"], "ages": (20, 35, 62), "ref_range": (1, 480)}
    cols = [
        col("File No", "client_ref", ref("NS26-{k:04d}")),
        col("Last Name", "family_name", key("family")),
        col("First Name", "given_names", key("given")),
        col("Date Of Birth", "date_of_birth", D("dob", "iso")),
        col("Sex", "gender", gender("letter")),
        col("Ethnicity", "ethnicity", eth_join("/")),
        col("Country Of Origin", None, key("cob")),
        col("Language", None, key("language")),
        col("Interpreter (Y/N)", None, yn("interpreter")),
        col("Address", "address", address("comma")),
        col("Mobile", "phone", phone("mobile", "spaced")),
        col("Email", "email", key("email")),
        col("Caseworker", "key_worker", staff()),
        col("Service", "programme", key("programme")),
        col("Referral From", "referral_source", key("referral")),
        col("Opened", "start_date", D("start", "iso")),
        col("Appts", "sessions_attended", key("sessions")),
        col("Closed", None, D("exit", "iso")),
        col("Outcome", "outcome_status", outcome(OUT_B)),
        col("Transport Assistance", None, yn("transport", "Yes", "No")),
    ]
    return {"provider": "new-settlers-family-centre-christchurch", "quarter": "2026Q2", "P": P,
            "columns": cols, "sort": "k", "fold": True,
            "features": ["csv", "windows-1252", "semicolon", "title_case_headers", "split_names", "no_nhi",
                         "no_service_date", "no_consent", "ethnicity_single_column", "key_worker_column",
                         "distractors", "refugee_migrant", "macrons_stripped", "invalid_rows"],
            "files": [{"name": "NSFC_clients_2026Q2.csv", "format": "csv", "kind": "csv",
                       "encoding": "cp1252", "delimiter": ";", "invalid": 3}]}


def L15():
    P = {"region": "ruapehu", "iwi": "ruapehu",
         "mix": [("maori", 70), ("pakeha", 20), ("cook", 3), ("samoan", 3), ("indian", 2), ("otheur", 2)],
         "staff": [S("Kahurangi Te Rangi", "", ""), S("Māui Tamihana", "", ""), S("Ātaahua Horomona", "", ""),
                   S("Ryan Mitchell", "", "")],
         "programmes": ["Whānau Ora", "Mātua Wānanga", "Hapū Wānanga", "Tāne Ora"],
         "ages": (18, 32, 60), "ref_range": (100, 999)}
    cols = [
        col("whānau id", None, lambda r: f"W{int(r['u3'] * 9000) + 1000}"),
        col("client id", "client_ref", ref("RWO-{k}")),
        col("ingoa", "full_name", full_name("given_family")),
        col("rā whānau", "date_of_birth", D("dob", "dmy")),
        col("ira", "gender", gender("reo")),
        col("nhi", "nhi", key("nhi")),
        col("iwi", "iwi", iwi_join("; ")),
        col("ethnicity 1", "ethnicity", eth_n(0)),
        col("ethnicity 2", "ethnicity", eth_n(1)),
        col("wāhi noho", "address", address("abbr")),
        col("waea pūkoro", "phone", phone("mobile", "plain")),
        col("īmēra", "email", key("email")),
        col("kaiārahi", "key_worker", staff("first_initial")),
        col("kaupapa", "programme", key("programme")),
        col("referral", "referral_source", key("referral")),
        col("rā tīmata", "start_date", D("start", "dmy")),
        col("rā hui whakamutunga", "service_date", D("service", "dmy")),
        col("hui", "sessions_attended", key("sessions")),
        col("oranga i mua (1-10)", "wellbeing_start", key("ws")),
        col("oranga i muri (1-10)", "wellbeing_end", key("we")),
        col("putanga", "outcome_status", outcome(OUT_B)),
        col("whakaae", "consent_evaluation", consent("Āe", "Kāo")),
        col("kōrero", "case_notes", key("notes")),
        col("waka", None, yn("transport", "āe", "kāo")),
    ]
    return {"provider": "ruapehu-whanau-ora-collective", "quarter": "2026Q3", "P": P, "columns": cols,
            "sort": "k",
            "features": ["csv.gz", "gzip", "utf-8", "tab", "te_reo_headers", "lower_case_headers",
                         "full_name_given_first", "ethnicity_numbered_columns", "iwi", "pre_post_scores",
                         "key_worker_column", "distractors", "invalid_rows"],
            "files": [{"name": "ruapehu_wo_2026Q3.csv.gz", "format": "csv.gz", "kind": "csv", "gz": True,
                       "encoding": "utf-8", "delimiter": "\t", "invalid": 2}]}


def L16():
    P = {"region": "dunedin", "iwi": "south",
         "mix": [("pakeha", 58), ("maori", 18), ("samoan", 5), ("chinese", 5), ("otheur", 5), ("indian", 4),
                 ("sea", 3), ("latam", 2)],
         "staff": [S("Ingrid Jansen", "", "South Dunedin"), S("Blair Anderson", "", "South Dunedin"),
                   S("Marama Herewini", "", "Mosgiel"), S("Charlotte Ross", "", "Mosgiel")],
         "programmes": ["Incredible Years", "Toddler Without Tears", "Dads Matter", "Positive Parenting"],
         "ages": (20, 34, 55), "ref_range": (3000, 3999)}
    cols = [
        col("Client #", "client_ref", key("k")),
        col("Surname", "family_name", key("family"), "Client"),
        col("Given Names", "given_names", key("given"), "Client"),
        col("DOB", "date_of_birth", D("dob", "cell"), "Client"),
        col("Gender", "gender", gender("word"), "Client"),
        col("NHI", "nhi", key("nhi"), "Client"),
        col("Street", "address_street", key("street"), "Address"),
        col("Suburb", "address_suburb", key("suburb"), "Address"),
        col("City", "address_town", key("town"), "Address"),
        col("Postcode", "address_postcode", key("postcode", int), "Address"),
        col("Phone (home)", "phone", phone("landline", "brackets"), "Contact"),
        col("Phone (mobile)", "phone", phone("mobile", "spaced"), "Contact"),
        col("Email", "email", key("email"), "Contact"),
        col("1st", "ethnicity", eth_n(0), "Ethnicity"),
        col("2nd", "ethnicity", eth_n(1), "Ethnicity"),
        col("Course", "programme", key("programme"), "Programme"),
        col("Facilitator", "key_worker", staff(), "Programme"),
        col("Referred by", "referral_source", key("referral"), "Programme"),
        col("Start", "start_date", D("start", "cell"), "Programme"),
        col("Last session", "service_date", D("service", "cell"), "Programme"),
        col("Attended", "sessions_attended", key("sessions"), "Programme"),
        col("Start", "wellbeing_start", key("ws"), "Wellbeing (1-10)"),
        col("End", "wellbeing_end", key("we"), "Wellbeing (1-10)"),
        col("Outcome", "outcome_status", outcome(OUT_A)),
        col("Consent?", "consent_evaluation", key("consent")),
        col("Exit Date", None, D("exit", "cell")),
        col("Office", None, key("office")),
    ]
    return {"provider": "knox-parenting-support-dunedin", "quarter": "2026Q4", "P": P, "columns": cols,
            "sort": "family",
            "features": ["xlsx", "title_rows", "merged_two_row_header", "vertically_merged_header_cells",
                         "duplicate_second_row_labels", "split_names", "date_cells", "address_split",
                         "postcode_as_number", "ethnicity_numbered_columns", "two_phone_columns",
                         "pre_post_scores", "boolean_consent", "key_worker_column", "distractors",
                         "church_based", "invalid_rows"],
            "files": [{"name": "Knox Parenting Q4 2026 return.xlsx", "format": "xlsx", "kind": "xlsx",
                       "encoding": None, "delimiter": None, "invalid": 1,
                       "sheets": [{"name": "Return", "kind": "data", "share": 1.0, "merged": True, "vmerge": True,
                                   "date_fmt": "dd/mm/yyyy",
                                   "title_rows": [["Knox Parenting Support Service"],
                                                  ["Client return for Oct–Dec 2026 (2026Q4)"],
                                                  []]}]}]}


def L17():
    base = {"region": "south_akl", "iwi": "akl", "allow_x": False, "female": 1.0,
            "mix": [("maori", 40), ("samoan", 20), ("tongan", 12), ("cook", 8), ("pakeha", 10), ("niuean", 4),
                    ("fijian", 3), ("indian", 3)],
            "programmes": ["Young Mums Group"], "ages": (16, 19, 24), "ref_range": (100, 999)}
    st_o = [S("Aroha Wihongi", "", "Ōtara"), S("Lagi Fonoti", "", "Ōtara"), S("Tuaine Browne", "", "Ōtara")]
    st_p = [S("Chloe Brown", "", "Papakura"), S("Mereana Poutama", "", "Papakura")]
    addr_o = [a for a in REGIONS["south_akl"][0] if a[0] in ("Ōtara", "Papatoetoe", "Māngere East", "Ōtāhuhu")]
    addr_p = [a for a in REGIONS["south_akl"][0] if a[0] in ("Papakura", "Manurewa", "Clendon Park", "Wiri")]
    activity = ["School", "Alt Ed", "Work", "Training", "Nothing at the moment", "Te Kura"]
    cols = [
        col("ID", "client_ref", ref("YM{k}")),
        col("mum's name", "full_name", full_name("given_family")),
        col("mum's dob", "date_of_birth", D("dob", "dmy")),
        col("baby's name", None, key("child_name")),
        col("baby's dob", None, D("child_dob", "dmy")),
        col("nhi (mum)", "nhi", key("nhi")),
        col("ethnicity", "ethnicity", eth_join(",", codes=True)),
        col("iwi (if Māori)", "iwi", iwi_join(", ")),
        col("best phone", "phone", phone("mobile", "plain")),
        col("other phone", "phone", phone("landline", "plain")),
        col("email", "email", key("email")),
        col("address", "address", address("comma")),
        col("who is her support person?", "caregiver_name", caregiver("rel")),
        col("mentor", "key_worker", staff("first")),
        col("how did she hear about us?", "referral_source", key("referral")),
        col("date joined", "start_date", D("start", "dmy")),
        col("last group attended", "service_date", D("service", "dmy")),
        col("how many sessions?", "sessions_attended", key("sessions")),
        col("at school / work / training?", None, pick(activity, "u2")),
        col("happy to take part in evaluation?", "consent_evaluation", consent("Y", "N")),
        col("how's she going?", "outcome_status", outcome(OUT_B)),
        col("notes", "case_notes", key("notes")),
    ]
    cover = [["Manukau Young Mums Trust — Quarterly Return"],
             ["Quarter", "January – March 2026"],
             ["Prepared by", "Aroha Wihongi (Team Leader)"],
             ["Contact email", "aroha@manukauyoungmums.org.nz"],
             ["Phone", "09 262 4410"],
             [],
             ["Notes", "Ōtara and Papakura groups are on separate tabs. Same columns on both."],
             ["", "Ethnicity uses Stats NZ level 2 codes (e.g. 21 = Māori, 31 = Samoan)."]]
    return {"provider": "manukau-young-mums-trust", "quarter": "2026Q1", "P": base, "columns": cols,
            "sort": "start",
            "features": ["xlsx", "cover_sheet", "two_data_sheets", "lower_case_headers", "question_headers",
                         "full_name_given_first", "no_gender", "date_text_dmy", "ethnicity_single_column",
                         "ethnicity_codes", "iwi", "two_phone_columns", "caregiver_column",
                         "key_worker_column", "distractors", "invalid_rows"],
            "files": [{"name": "MYMT Q1 2026.xlsx", "format": "xlsx", "kind": "xlsx",
                       "encoding": None, "delimiter": None, "invalid": 2,
                       "sheets": [{"name": "Cover", "kind": "cover", "lines": cover},
                                  {"name": "Ōtara", "kind": "data", "share": 0.58,
                                   "P": {"staff": st_o, "addr": addr_o}},
                                  {"name": "Papakura", "kind": "data", "share": 0.42,
                                   "P": {"staff": st_p, "addr": addr_p}}]}]}


def L18():
    P = {"region": "west_akl", "iwi": "akl", "ird_share": 0.55,
         "mix": [("niuean", 62), ("samoan", 10), ("tongan", 6), ("maori", 10), ("pakeha", 6), ("cook", 6)],
         "staff": [S("Lina Pulehetoa", "", ""), S("Kolo Tukuitonga", "", ""), S("Sisilia Talagi", "", ""),
                   S("Hinemoa Kalauni", "", "")],
         "programmes": ["Fakalofa Family Support", "Niue Parents Group", "Magafaoa Wellbeing"],
         "ages": (19, 34, 62), "ref_range": (1, 9)}
    G1, G2, G3, G4 = "Tagata (Client)", "Ethnicity", "Contact", "Service"
    cols = [
        col("Family name", "family_name", key("family"), G1),
        col("First name(s)", "given_names", key("given"), G1),
        col("Date of birth", "date_of_birth", D("dob", "iso"), G1),
        col("Gender (1=M 2=F 3=Other)", "gender", gender("num"), G1),
        col("NHI", "nhi", key("nhi"), G1),
        col("IRD", "ird", key("ird"), G1),
        col("Eth 1", "ethnicity", eth_n(0), G2),
        col("Eth 2", "ethnicity", eth_n(1), G2),
        col("Eth 3", "ethnicity", eth_n(2), G2),
        col("Phone", "phone", phone("mobile", "spaced"), G3),
        col("Email", "email", key("email"), G3),
        col("Street", "address_street", key("street"), G3),
        col("Suburb", "address_suburb", key("suburb"), G3),
        col("City", "address_town", key("town"), G3),
        col("Postcode", "address_postcode", key("postcode"), G3),
        col("Programme", "programme", key("programme"), G4),
        col("Worker", "key_worker", staff(), G4),
        col("Referral", "referral_source", key("referral"), G4),
        col("Start date", "start_date", D("start", "iso"), G4),
        col("Last attended", "service_date", D("service", "iso"), G4),
        col("Sessions", "sessions_attended", key("sessions"), G4),
        col("Outcome", "outcome_status", outcome(OUT_A), G4),
        col("Consent", "consent_evaluation", consent("Yes", "No")),
        col("Notes", "case_notes", key("notes")),
        col("Updated", None, lambda r: r["updated"].strftime("%d/%m/%Y %H:%M")),
    ]
    return {"provider": "fakalofa-niue-family-services-henderson", "quarter": "2026Q2", "P": P,
            "columns": cols, "sort": "family",
            "features": ["ods", "hand_written_ods", "merged_two_row_header", "no_client_ref", "split_names",
                         "ird", "gender_numeric", "ethnicity_numbered_columns", "address_split",
                         "key_worker_column", "distractors", "invalid_rows"],
            "files": [{"name": "Fakalofa_Q2_2026.ods", "format": "ods", "kind": "ods",
                       "encoding": None, "delimiter": None, "invalid": 1,
                       "sheets": [{"name": "Q2 clients", "kind": "data", "share": 1.0, "merged": True}]}]}


def L19():
    P = {"region": "eastbay", "iwi": "eastbay",
         "mix": [("maori", 82), ("pakeha", 10), ("cook", 2), ("samoan", 2), ("tongan", 2), ("indian", 2)],
         "staff": [S("Hine Ngata", "", ""), S("Rāwiri Pōtae", "", ""), S("Te Aroha Paewai", "", ""),
                   S("Kauri Tawhiri", "", ""), S("Mīria Tuhiwai", "", "")],
         "programmes": ["Mātua Wānanga", "Hapū Māmā Wānanga", "Tāne Mātua", "Whānau Ora Coaching"],
         "ages": (18, 30, 58), "ref_range": (100, 999)}
    marae = ["Pupuaruhe", "Te Māpou", "Ōmarumutu", "Kutarere", "Te Rewatu", "Rangitaiki"]
    cols = [
        col("Client Code", "client_ref", ref("EB-{k}")),
        col("Full Name", "full_name", full_name("FAMILY, Given")),
        col("Date of Birth (dd/mm/yyyy)", "date_of_birth", D("dob", "dmy")),
        col("NHI Number", "nhi", key("nhi")),
        col("Gender", "gender", gender("reo")),
        col("Iwi Affiliation(s)", "iwi", iwi_join("; ")),
        col("Ethnicity (all that apply)", "ethnicity", eth_join("; ")),
        col("Contact Number", "phone", phone("mobile", "spaced")),
        col("Alt Contact Number", "phone", phone("landline", "brackets")),
        col("Whānau Support Person", "caregiver_name", caregiver()),
        col("Email Address", "email", key("email")),
        col("Home Address", "address", address("comma")),
        col("Kaiāwhina", "key_worker", staff()),
        col("Wānanga / Programme", "programme", key("programme")),
        col("Referral Source", "referral_source", key("referral")),
        col("Enrolled", "start_date", D("start", "dmy")),
        col("Last Wānanga", "service_date", D("service", "dmy")),
        col("Wānanga Attended", "sessions_attended", key("sessions")),
        col("Mauri Ora Start (1-10)", "wellbeing_start", key("ws")),
        col("Mauri Ora End (1-10)", "wellbeing_end", key("we")),
        col("Outcome", "outcome_status", outcome(OUT_A)),
        col("Evaluation Consent", "consent_evaluation", consent("Āe", "Kāo")),
        col("Marae", None, pick(marae, "u2")),
        col("Kōrero / Notes", "case_notes", key("notes")),
    ]
    return {"provider": "eastbay-kaupapa-maori-parenting", "quarter": "2026Q3", "P": P, "columns": cols,
            "sort": "family",
            "features": ["two_files", "xlsx", "csv", "utf-8", "comma", "te_reo_headers", "bracket_hints",
                         "full_name_family_first", "date_text_dmy", "iwi", "ethnicity_single_column",
                         "two_phone_columns", "caregiver_column", "key_worker_column", "pre_post_scores",
                         "distractors", "invalid_rows"],
            "files": [{"name": "EBKMP_Q3_2026_Whakatane.xlsx", "format": "xlsx", "kind": "xlsx",
                       "encoding": None, "delimiter": None, "invalid": 2,
                       "P": {"addr": [a for a in REGIONS["eastbay"][0] if a[1] in ("Whakatāne", "Edgecumbe")],
                             "staff": P["staff"][:3]},
                       "sheets": [{"name": "Whānau", "kind": "data", "share": 1.0}]},
                      {"name": "EBKMP_Q3_2026_Opotiki.csv", "format": "csv", "kind": "csv",
                       "encoding": "utf-8", "delimiter": ",", "invalid": 0,
                       "P": {"addr": [a for a in REGIONS["eastbay"][0] if a[1] in ("Ōpōtiki", "Kawerau")],
                             "staff": P["staff"][3:]}}]}


def L20():
    P = {"region": "invercargill", "iwi": "south",
         "mix": [("sea", 30), ("indian", 15), ("chinese", 12), ("otherasian", 10), ("latam", 8),
                 ("african", 8), ("otheur", 8), ("fijian", 5), ("mideast", 4)],
         "staff": [S("Jocelyn Reyes", "CM01", "Invercargill"), S("Stefan Novak", "CM02", "Invercargill"),
                   S("Simran Gill", "CM03", "Gore"), S("Kate Fraser", "CM04", "Invercargill")],
         "programmes": ["SETTLE-FAM", "ESOL-PAR", "EMP-LINK", "WB-COACH"],
         "ages": (21, 34, 60), "ref_range": (10000, 19999)}
    cols = [
        col("clientId", "client_ref", ref("MWC{k}")),
        col("lastName", "family_name", key("family")),
        col("firstName", "given_names", key("given")),
        col("dob", "date_of_birth", D("dob", "iso")),
        col("genderCode", "gender", gender("letter")),
        col("nhiNo", "nhi", key("nhi")),
        col("ethnicityCodes", "ethnicity", eth_join("/", codes=True)),
        col("countryOfBirth", None, key("cob")),
        col("preferredLanguage", None, key("language")),
        col("interpreterYN", None, yn("interpreter")),
        col("mobileNo", "phone", phone("mobile", "intl")),
        col("emailAddr", "email", key("email")),
        col("streetAddress", "address_street", key("street")),
        col("suburb", "address_suburb", key("suburb")),
        col("city", "address_town", key("town")),
        col("postCode", "address_postcode", key("postcode")),
        col("caseManager", "key_worker", staff("surname_first")),
        col("caseManagerOffice", None, key("office")),
        col("programmeCode", "programme", key("programme")),
        col("referralSource", "referral_source", key("referral")),
        col("startDate", "start_date", D("start", "iso")),
        col("lastServiceDate", "service_date", D("service", "iso")),
        col("sessionCount", "sessions_attended", key("sessions")),
        col("outcomeStatus", "outcome_status", outcome(OUT_A)),
        col("evalConsent", "consent_evaluation", consent("true", "false")),
        col("lastModified", None, lambda r: r["updated"].strftime("%Y-%m-%dT%H:%M:%S")),
        col("caseNote", "case_notes", key("notes")),
    ]
    return {"provider": "migrant-whanau-connect-southland", "quarter": "2026Q4", "P": P, "columns": cols,
            "sort": "k",
            "features": ["txt", "utf-8-sig", "bom", "pipe", "camel_case_headers", "split_names",
                         "ethnicity_single_column", "ethnicity_codes", "address_split", "programme_codes",
                         "key_worker_column", "distractors", "refugee_migrant", "invalid_rows"],
            "files": [{"name": "mwc_quarterly_extract_2026Q4.txt", "format": "txt", "kind": "csv",
                       "encoding": "utf-8-sig", "delimiter": "|", "invalid": 3}]}


LAYOUTS = [L01, L02, L03, L04, L05, L06, L07, L08, L09, L10,
           L11, L12, L13, L14, L15, L16, L17, L18, L19, L20]


# --------------------------------------------------------------------------
# build
# --------------------------------------------------------------------------
def _sort(recs, how):
    if how == "k":
        recs.sort(key=lambda r: r["k"])
    elif how == "family":
        recs.sort(key=lambda r: (fold(r["family"]).lower().lstrip("'"), fold(r["given"]).lower()))
    elif how == "start":
        recs.sort(key=lambda r: (r["start"], r["k"]))


def build_layout(idx, L, out_dir: pathlib.Path) -> dict:
    lid = f"LAST{idx:02d}"
    rng = random.Random(SEED + 7919 * idx)
    P = L["P"]
    quarter = L["quarter"]
    do_fold = bool(L.get("fold"))
    columns = L["columns"]
    if do_fold:
        for c in columns:
            c["header"] = fold(c["header"])
            if c["group"]:
                c["group"] = fold(c["group"])
    # table plan: for each file, list of data tables with row counts and P overrides
    plans = []
    for f in L["files"]:
        n = rng.randint(80, 200)
        fP = dict(P, **f.get("P", {}))
        if f["kind"] == "csv":
            tables = [{"name": None, "n": n, "P": fP}]
        else:
            data = [s for s in f["sheets"] if s["kind"] == "data"]
            tables = []
            left = n
            for i, s in enumerate(data):
                m = left if i == len(data) - 1 else round(n * s["share"])
                left -= m
                tables.append({"name": s["name"], "n": m, "P": dict(fP, **s.get("P", {})), "sheet": s})
        plans.append((f, tables))
    total = sum(t["n"] for _, ts in plans for t in ts)
    lo, hi = P["ref_range"]
    if hi - lo < total * 3:
        hi = lo + total * 12
    ks = rng.sample(range(lo, hi), total)
    ki = 0
    landing = out_dir / lid / "landing" / L["provider"] / quarter
    landing.mkdir(parents=True, exist_ok=True)
    truth_files = []
    for f, tables in plans:
        # records per table
        for t in tables:
            t["recs"] = []
            for _ in range(t["n"]):
                t["recs"].append(make_record(rng, t["P"], quarter, ks[ki]))
                ki += 1
        # invalid rows spread over the file
        allrecs = [r for t in tables for r in t["recs"]]
        bad = rng.sample(range(len(allrecs)), f["invalid"])
        kinds = ["noname", "dob"] if rng.random() < 0.5 else ["dob", "noname"]
        for j, b in enumerate(bad):
            allrecs[b]["invalid"] = kinds[j % 2]
        for t in tables:
            _sort(t["recs"], L.get("sort"))
            t["rows"] = [render_row(columns, r, do_fold) for r in t["recs"]]
        path = landing / f["name"]
        nrows = sum(t["n"] for t in tables)
        if f["kind"] == "csv":
            hdr = [c["header"] for c in columns]
            pre = f.get("preamble", [])
            write_delimited(path, [hdr], tables[0]["rows"], f["encoding"], f["delimiter"],
                            gz=f.get("gz", False), preamble=pre)
            ttabs = [{"sheet": None, "header_row": len(pre) + 1, "rows": nrows}]
        else:
            sheets = []
            ti = 0
            for s in f["sheets"]:
                if s["kind"] == "cover":
                    sheets.append(dict(s))
                    continue
                t = tables[ti]
                ti += 1
                sheets.append({"name": s["name"], "kind": "data", "title_rows": s.get("title_rows", []),
                               "columns": columns, "rows": t["rows"], "merged": s.get("merged", False),
                               "vmerge": s.get("vmerge", False), "date_fmt": s.get("date_fmt", "dd/mm/yyyy")})
            if f["kind"] == "xlsx":
                write_xlsx(path, sheets)
            else:
                write_ods(path, sheets)
            data_sheets = [s for s in sheets if s["kind"] == "data"]
            ttabs = [{"sheet": s["name"], "header_row": s["header_row"], "rows": t["n"]}
                     for s, t in zip(data_sheets, tables, strict=False)]
        for tt in ttabs:
            tt["columns"] = [{"index": i, "header": c["header"], "group": c["group"], "target": c["target"]}
                             for i, c in enumerate(columns)]
        truth_files.append({"name": f["name"], "format": f["format"], "encoding": f["encoding"],
                            "delimiter": f["delimiter"], "rows": nrows,
                            "valid_rows": nrows - f["invalid"], "tables": ttabs})
    truth = {"layout_id": lid, "provider": L["provider"], "quarter": quarter,
             "features": L["features"], "files": truth_files}
    (out_dir / lid / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n",
                                              encoding="utf-8")
    return truth


def generate(out_dir: pathlib.Path) -> list[dict]:
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    truths = []
    for i, fn in enumerate(LAYOUTS, start=1):
        truths.append(build_layout(i, fn(), out_dir))
    return truths


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=pathlib.Path)
    a = ap.parse_args(argv)
    truths = generate(a.out)
    print(f"wrote {len(truths)} layouts to {a.out}")


if __name__ == "__main__":
    main()
