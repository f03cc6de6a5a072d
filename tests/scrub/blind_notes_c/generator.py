"""Blind labelled case-note set C: a deterministic generator of labelled New Zealand
social-service case notes, written from the text of issue 15 alone (no project code,
word lists, standards or other test sets were read while writing it).

Every name list, word list, template and note style below was written for this file.
The name lists are hand-compiled from general knowledge of names common in New
Zealand communities (Maori, Pakeha, Samoan, Tongan, Cook Islands, Niuean, Fijian,
Indian, Chinese, Korean, Filipino, Somali/Arabic, Karen, Vietnamese and others).
They are illustrative, not frequency-ranked.

Line format (one note per line)::

    KNOWN NAMES|MARKED TEXT

* KNOWN NAMES: the record's own people as ``Given Family`` joined by ``; `` (empty
  for about a third of notes). Workers, teachers, doctors and other third parties
  are never known names.
* MARKED TEXT: ``[[TYPE:text]]`` for personal information (TYPE in PERSON, NHI, IRD,
  PHONE, EMAIL, BANK, DL, DOB, ADDRESS) and ``{{text}}`` for text that must survive
  scrubbing (te reo and Pasifika words, programme and organisation names, service
  dates, amounts, times, everyday words that are also names, places, reference
  numbers).

``generate_detailed`` also reports each ``{{...}}`` distractor's kind (REO,
PROGRAMME, ORGANISATION, DATE, AMOUNT, TIME, WORD, PASIFIKA, OTHER) and each
identifier span.

Usage::

    python tests/scrub/blind_notes_c/generator.py --check
    python tests/scrub/blind_notes_c/generator.py -n 20 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import unicodedata
from collections import Counter

TYPES = ("PERSON", "NHI", "IRD", "PHONE", "EMAIL", "BANK", "DL", "DOB", "ADDRESS")
KINDS = ("REO", "PROGRAMME", "ORGANISATION", "DATE", "AMOUNT", "TIME", "WORD", "PASIFIKA", "OTHER")

# ---------------------------------------------------------------------------
# Names.  Each given name: (name, gender) with gender f / m / u.
# Names marked as "ambiguous" below are also everyday English or te reo /
# Pasifika words; the corpus uses them in both roles.
# ---------------------------------------------------------------------------

AMBIG_EN = {  # given names that are everyday English words -> gender
    "Hope": "f",
    "Joy": "f",
    "Will": "m",
    "May": "f",
    "Grace": "f",
    "Frank": "m",
    "Rose": "f",
    "Faith": "f",
    "Dawn": "f",
    "Mark": "m",
    "Bill": "m",
    "Sky": "u",
    "Summer": "f",
    "Patience": "f",
    "Sunny": "u",
}
AMBIG_REO = {  # given names that are everyday te reo words -> gender
    "Aroha": "f",
    "Mana": "u",
    "Kiri": "f",
    "Tui": "u",
    "Rangi": "m",
    "Hine": "f",
    "Nikau": "m",
    "Moana": "f",
    "Awhina": "f",
    "Ora": "f",
    "Kahu": "m",
    "Marama": "f",
    "Tama": "m",
    "Ngaio": "f",
    "Manu": "m",
    "Tane": "m",
    "Kauri": "m",
}
AMBIG_PAS = {  # given names that are everyday Pasifika words -> gender
    "Alofa": "f",
    "'Ofa": "f",
}

GIVEN_BY_COMMUNITY = {
    "maori": {
        "f": [
            "Mere",
            "Huia",
            "Ani",
            "Wikitoria",
            "Hana",
            "Ataahua",
            "Kahurangi",
            "Maia",
            "Anahera",
            "Hinemoa",
            "Ngaire",
            "Piata",
            "Waimarie",
            "Te Aomihia",
            "Riana",
            "Whetu",
            "Tiaho",
            "Ranui",
            "Mereana",
            "Hiria",
            "Parekura",
            "Kararaina",
            "Roimata",
            "Hinewai",
            "Pania",
        ],
        "m": [
            "Hemi",
            "Wiremu",
            "Tipene",
            "Rawiri",
            "Hōhepa",
            "Tamati",
            "Pita",
            "Mikaere",
            "Te Rangi",
            "Rewi",
            "Nikora",
            "Hemana",
            "Matiu",
            "Ihaia",
            "Paora",
            "Tāwhiri",
            "Ariki",
            "Manaia",
            "Tamahou",
            "Kereama",
            "Whetumarama",
            "Rongo",
            "Taika",
            "Hone",
            "Te Wera",
        ],
    },
    "pakeha": {
        "f": [
            "Sarah",
            "Emma",
            "Olivia",
            "Charlotte",
            "Jessica",
            "Hannah",
            "Sophie",
            "Chloe",
            "Karen",
            "Michelle",
            "Rebecca",
            "Amanda",
            "Kylie",
            "Tracey",
            "Leanne",
            "Donna",
            "Sharon",
            "Megan",
            "Kate",
            "Lucy",
            "Isla",
            "Amelia",
            "Harper",
            "Ruby",
            "Zoe",
            "Bethany",
            "Brooke",
            "Shannon",
            "Courtney",
            "Jade",
            "Georgia",
            "Alice",
            "Helen",
            "Margaret",
            "Janet",
            "Destiny",
        ],
        "m": [
            "James",
            "John",
            "Michael",
            "David",
            "Daniel",
            "Matthew",
            "Ryan",
            "Liam",
            "Jack",
            "Oliver",
            "Noah",
            "Lachlan",
            "Hamish",
            "Callum",
            "Brendon",
            "Shane",
            "Wayne",
            "Craig",
            "Darren",
            "Jason",
            "Nathan",
            "Josh",
            "Tyler",
            "Cody",
            "Blake",
            "Stephen",
            "Peter",
            "Graham",
            "Trevor",
            "Kevin",
        ],
    },
    "samoan": {
        "f": [
            "Sina",
            "Malia",
            "Teuila",
            "Salamasina",
            "Luana",
            "Aolele",
            "Silia",
            "Masina",
            "Fa'amoana",
            "Leilani",
            "Tina",
            "Seini-Lee",
            "Lagi",
        ],
        "m": [
            "Tavita",
            "Ioane",
            "Iosefa",
            "Paulo",
            "Sefo",
            "Mikaele",
            "Tanielu",
            "Lui",
            "Fa'amoe",
            "Talataina",
            "Pule",
            "Fetu",
        ],
    },
    "tongan": {
        "f": ["Mele", "Salote", "Seini", "Lesieli", "Ana", "Losaline", "Sela", "Kalolaine", "Heilala", "Mafile'o"],
        "m": [
            "Sione",
            "Tevita",
            "Semisi",
            "Viliami",
            "Siaosi",
            "Sitani",
            "Feleti",
            "Paula",
            "Taniela",
            "Sosaia",
            "'Aisea",
        ],
    },
    "cook_islands": {
        "f": ["Tepaeru", "Mata", "Tuaine", "Mii", "Vaine", "Ngapoko"],
        "m": ["Teariki", "Tokerau", "Metua", "Ngatoko", "Tangaroa"],
    },
    "niuean": {
        "f": ["Moka", "Fuiva", "Liuvaie"],
        "m": ["Tagaloa", "Ekepati", "Pulehau"],
    },
    "fijian": {
        "f": ["Litia", "Losana", "Vasemaca", "Adi", "Miliakere"],
        "m": ["Jone", "Tomasi", "Apisai", "Waisale", "Josaia", "Epeli", "Sakiusa", "Isikeli"],
    },
    "indian": {
        "f": [
            "Priya",
            "Anjali",
            "Sunita",
            "Kavita",
            "Pooja",
            "Shalini",
            "Divya",
            "Neha",
            "Harpreet",
            "Simran",
            "Ravneet",
            "Ashika",
            "Shivani",
        ],
        "m": [
            "Rajesh",
            "Arjun",
            "Vikram",
            "Sanjay",
            "Amit",
            "Rohit",
            "Gurpreet",
            "Harjit",
            "Sunil",
            "Ravi",
            "Anil",
            "Dev",
            "Karan",
        ],
    },
    "chinese": {
        "f": ["Mei", "Xiaoling", "Li Na", "Jing", "Yan", "Ying", "Wen"],
        "m": ["Wei", "Jun", "Hao", "Lei", "Zhi Wei", "Ming", "Jian"],
    },
    "korean": {
        "f": ["Ji-woo", "Min-ji", "Seo-yeon", "Hye-jin", "Eun-ji"],
        "m": ["Min-jun", "Ji-ho", "Seung-woo", "Dong-hyun", "Jae-won"],
    },
    "filipino": {
        "f": ["Maricel", "Jocelyn", "Marites", "Rowena", "Analyn", "Kristine", "Jenalyn"],
        "m": ["Jericho", "Rodel", "Ronaldo", "Jomar", "Arnel", "Raymond"],
    },
    "somali_arabic": {
        "f": ["Fatuma", "Amina", "Hodan", "Sahra", "Faadumo", "Ayaan", "Khadija", "Maryam", "Halima", "Nasra"],
        "m": ["Abdi", "Mohamed", "Abdirahman", "Hassan", "Ahmed", "Yusuf", "Omar", "Ali", "Ibrahim", "Mahad", "Khalid"],
    },
    "other": {
        "f": ["Zahra", "Lucia", "Selam", "Paw Moo", "Linh", "Anke"],
        "m": ["Dawit", "Yonas", "Farid", "Carlos", "Mateo", "Saw Kler", "Minh", "Pieter"],
    },
}

FAMILY_BY_COMMUNITY = {
    "maori": [
        "Herewini",
        "Ngata",
        "Tamihana",
        "Parata",
        "Te Whiu",
        "Paewai",
        "Hohaia",
        "Te Kani",
        "Wihongi",
        "Tautahi",
        "Rangihuna",
        "Pōtae",
        "Tuhiwai",
        "Mahuika",
        "Karaka",
        "Heke",
        "Kereama",
        "Nikora",
        "Te Moana",
        "Waititi",
        "Pomare",
        "Te Rangi",
        "Kingi",
        "Tawhai",
        "Poutama",
        "Hapeta",
        "Maaka",
        "Hēnare",
        "Tipoki",
        "Whaanga",
        "Rewiti",
        "Pene",
        "Aperahama",
        "Marsden",
        "Walker",
    ],
    "pakeha": [
        "Smith",
        "Wilson",
        "Thompson",
        "Anderson",
        "Taylor",
        "Brown",
        "Williams",
        "Harris",
        "Martin",
        "Robinson",
        "Clarke",
        "Wright",
        "Mitchell",
        "Campbell",
        "Stewart",
        "Murray",
        "Fraser",
        "McDonald",
        "O'Connor",
        "Kelly",
        "Ryan",
        "Bennett",
        "Cooper",
        "Hughes",
        "Reid",
        "Scott",
        "Young",
        "King",
        "Hill",
        "Marsh",
        "Baker",
        "Field",
        "Shepherd",
        "Rose",
        "Frost",
    ],
    "samoan": [
        "Tuilagi",
        "Fa'asavalu",
        "Leota",
        "Faleolo",
        "Lealaiauloto",
        "Sapolu",
        "Tuimavave",
        "Aumua",
        "Fonoti",
        "Pouono",
        "Toleafoa",
        "Mulitalo",
        "Seiuli",
        "Fuimaono",
        "Sua",
    ],
    "tongan": [
        "Taufa",
        "Fifita",
        "Vaipulu",
        "Havili",
        "Moala",
        "Lolohea",
        "Kupu",
        "Latu",
        "Fonua",
        "Mahe",
        "Taione",
        "Vake",
        "Halapua",
        "Tu'ipulotu",
        "Fusitu'a",
    ],
    "cook_islands": ["Marsters", "Tangimetua", "Mataio", "Pokino", "Tamarua", "Napa"],
    "niuean": ["Tukuitonga", "Talagi", "Pulu", "Tauevihi", "Lisimoni", "Hekau"],
    "fijian": ["Naivalu", "Ratuvou", "Tuilevuka", "Nawaqa", "Rokovesa", "Vunibola", "Baledrokadroka"],
    "indian": [
        "Singh",
        "Kaur",
        "Patel",
        "Sharma",
        "Prasad",
        "Kumar",
        "Naidu",
        "Chand",
        "Reddy",
        "Gill",
        "Sandhu",
        "Lal",
        "Narayan",
        "Goundar",
        "Dutt",
    ],
    "chinese": ["Wang", "Li", "Zhang", "Chen", "Liu", "Huang", "Wong", "Chan", "Lee", "Zhou", "Lin", "Xu"],
    "korean": ["Kim", "Park", "Choi", "Jung", "Kang", "Yoon", "Han"],
    "filipino": ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Dela Cruz", "Mendoza", "Villanueva", "Ramos"],
    "somali_arabic": [
        "Abdullahi",
        "Farah",
        "Warsame",
        "Hussein",
        "Mohamud",
        "Osman",
        "Jama",
        "Aden",
        "Al-Hassan",
        "Haji",
    ],
    "other": [
        "Tesfaye",
        "Rahimi",
        "Nguyen",
        "Tran",
        "Pham",
        "van der Berg",
        "de Vries",
        "Kowalski",
        "Gonzalez",
        "Htoo",
    ],
}

AMBIG_COMMUNITY = {}
for _n in AMBIG_EN:
    AMBIG_COMMUNITY[_n] = "pakeha"
for _n in AMBIG_REO:
    AMBIG_COMMUNITY[_n] = "maori"
for _n in AMBIG_PAS:
    AMBIG_COMMUNITY[_n] = "samoan" if _n == "Alofa" else "tongan"
AMBIG_COMMUNITY["Manu"] = "maori"


def _all_given():
    out = []
    for comm, by_g in GIVEN_BY_COMMUNITY.items():
        for g, names in by_g.items():
            out.extend((n, g, comm) for n in names)
    for table in (AMBIG_EN, AMBIG_REO, AMBIG_PAS):
        for n, g in table.items():
            out.append((n, g, AMBIG_COMMUNITY[n]))
    return out


ALL_GIVEN = _all_given()
ALL_FAMILY = [f for fams in FAMILY_BY_COMMUNITY.values() for f in fams]
AMBIG_ALL = {**AMBIG_EN, **AMBIG_REO, **AMBIG_PAS}

# ---------------------------------------------------------------------------
# Everyday vocabulary that must survive.  Any whole-word occurrence of these in
# plain (unmarked) note text is wrapped as a distractor after rendering.
# ---------------------------------------------------------------------------

REO_WORDS = [
    "whānau",
    "whanau",
    "kai",
    "hui",
    "mahi",
    "kaimahi",
    "tamariki",
    "mokopuna",
    "pēpi",
    "koro",
    "kuia",
    "kaumātua",
    "whare",
    "kāinga",
    "marae",
    "karakia",
    "tikanga",
    "kaupapa",
    "kōrero",
    "korero",
    "mihi",
    "hauora",
    "wairua",
    "tautoko",
    "awhi",
    "manaaki",
    "manaakitanga",
    "whanaungatanga",
    "whakawhanaungatanga",
    "rangatahi",
    "tāne",
    "wāhine",
    "mātua",
    "whaea",
    "matua",
    "koha",
    "hapū",
    "iwi",
    "tangihanga",
    "tangi",
    "mamae",
    "pōuri",
    "harikoa",
    "āwhina",
    "kaiāwhina",
    "kaitiaki",
    "kaiako",
    "rongoā",
    "mirimiri",
    "māmā",
    "pāpā",
    "whakamā",
    "mokemoke",
    "taonga",
    "kete",
    "hāngī",
    "kapa haka",
    "waiata",
    "haka",
    "hīkoi",
    "poroporoaki",
    "whakaaro",
    "tūmanako",
    "oranga",
    "rangimārie",
    "mauri",
    "whakapapa",
    "tuakana",
    "teina",
    "pōtiki",
    "whāngai",
    "kōhanga",
    "kura",
    "puku",
    "moe",
    "aroha",
    "mana",
    "kiri",
    "tūī",
    "tui",
    "rangi",
    "hine",
    "nīkau",
    "nikau",
    "moana",
    "ora",
    "kahu",
    "marama",
    "tama",
    "ngaio",
    "manu",
    "kauri",
    "Matariki",
    "te reo",
    "kia ora",
    "mōrena",
    "ka pai",
    "ngā mihi",
    "nau mai",
    "haere mai",
    "kia kaha",
    "aroha nui",
    "mauri ora",
    "ka kite anō",
    "mā te wā",
    "e hoa",
    "whānau ora",
    "Rāhina",
    "Rātū",
    "Rāapa",
    "Rāpare",
    "Rāmere",
    "Rāhoroi",
    "Rātapu",
    "kōrero ā-whānau",
    "pakeke",
    "wānanga",
    "tauira",
    "pukapuka",
    "pūtea",
    "waka",
    "whenua",
    "maunga",
    "awa",
    "ahi kā",
    "kanohi ki te kanohi",
    "tino pai",
    "kei te pai",
    "wahine",
    "pakari",
    "tēnei",
    "tamā",
    "hoa rangatira",
    "kāhu",
    "huruhuru",
    "hāngī",
    "kōwhai",
    "Whānau Ora",
    "kōkā",
]
PASIFIKA_WORDS = [
    "aiga",
    "fānau",
    "fanau",
    "talofa lava",
    "talofa",
    "fa'afetai",
    "fa'afetai lava",
    "fa'amolemole",
    "lotu",
    "faifeau",
    "matai",
    "fono",
    "fale",
    "ie toga",
    "to'ona'i",
    "alofa",
    "tautua",
    "fa'alavelave",
    "umu",
    "mālō e lelei",
    "mālō",
    "fakamolemole",
    "'ofa",
    "'ofa atu",
    "faifekau",
    "kava",
    "tamaiki",
    "famili",
    "kia orana",
    "meitaki",
    "meitaki ma'ata",
    "fakaalofa lahi atu",
    "fakaaue",
    "magafaoa",
    "bula",
    "bula vinaka",
    "vinaka",
    "yaqona",
    "lovo",
    "sulu",
    "lavalava",
    "ta'ovala",
    "koloa",
    "fakalāngilangi",
    "gagana Samoa",
    "lea faka-Tonga",
    "palusami",
    "sapasui",
    "siapo",
    "tapa",
    "manuia",
    "soifua",
    "fa'a Samoa",
    "anga faka-Tonga",
    "talanoa",
    "vinaka vakalevu",
    "fakaaue lahi",
    "tina",
    "malo e lelei",
    "fa'afetai tele lava",
    "tautua",
    "fa'ē",
    "tamai",
]
EN_AMBIG_WORDS = [w.lower() for w in AMBIG_EN]

PROGRAMMES = [
    "Te Huarahi Hōu",
    "Tū Tangata Kāinga",
    "Whakatipu Rangatahi",
    "Aroha ki te Tamaiti",
    "Mana Wāhine Rising",
    "Kōwhai Parenting",
    "Pēpi Ora",
    "Mana Rangatahi",
    "Hope Kitchen",
    "Whānau Ora",
    "Family Start",
    "Incredible Years",
    "Strengthening Families",
    "Positive Pathways",
    "Budget Buddies",
    "Tautua Aiga",
    "Toa Fa'amalosi",
    "Moana Youth Voyage",
    "Fāmili Mālohi",
    "Kāinga Fiefia",
    "Safe Start Home",
    "Steady Steps",
    "Tamariki Tuatahi",
    "Rangi Pai Sleep Clinic",
    "Kiri Ora Skin Clinic",
    "Nikau Mentoring",
    "Tui Song Circle",
    "Grace Period Rent Relief",
    "Hine Kōrero Group",
    "Aroha Mai Parenting",
    "Kahu Mātua",
    "Tama Tū Tama Ora",
    "Kia Manawanui Budgeting",
    "Healthy Homes Kōrero",
    "New Roots Resettlement",
    "Joy of Reading",
    "Step Up Driver Licence Course",
    "Kai Tahi Cooking",
]
ORGANISATIONS = [
    "Te Whare Tiaki Whānau Trust",
    "Ōtara Pasifika Family Services",
    "Kāinga Ora",
    "Work and Income",
    "WINZ",
    "Oranga Tamariki",
    "Te Whatu Ora",
    "Plunket",
    "Citizens Advice Bureau",
    "Salvation Army",
    "St Vincent de Paul",
    "Women's Refuge",
    "Tui Street Medical Centre",
    "Hope Foodbank Manurewa",
    "Ngā Hau e Whā Marae",
    "Mana Tamariki Kōhanga Reo",
    "Aiga Health Porirua",
    "Tongan Methodist Church Māngere",
    "Fiji Indian Community Trust",
    "Somali Women's Network",
    "Kiwi Budgeting Service",
    "Moana Dental",
    "Rangi Road Kindergarten",
    "Tāmaki Youth Hub",
    "Aroha House",
    "Grace Community Church",
    "Te Puna Hauora o Porirua",
    "Nikau Community Law",
    "Cannons Creek Health Hub",
    "South Auckland Refugee Services",
    "Kōwhai Kids Early Learning",
    "Free Church of Tonga Ōtāhuhu",
    "CICC Ōtara",
    "Niue Community Trust",
    "Pacific Homes Trust",
    "Manukau Courts",
    "Inland Revenue",
    "Ministry of Education",
    "Te Kura",
    "Housing First Kirikiriroa",
]
SCHOOLS = [
    "Ōtara Primary",
    "Māngere Intermediate",
    "Porirua College",
    "Tangaroa College",
    "Kia Aroha College",
    "Rangi Ruru Road School",
    "Te Kura Kaupapa Māori o Hoani",
    "Manurewa High",
    "Aorere College",
    "Naenae Primary",
    "Flaxmere Primary",
    "Hope Valley School",
    "St Mary's Catholic School",
]
GP_CLINICS = [
    "Tui Street Medical Centre",
    "Cannons Creek Health Hub",
    "Aiga Health Porirua",
    "Te Puna Hauora o Porirua",
    "Ōtara Family Doctors",
    "Papatoetoe Medical",
    "Whānau Hauora Clinic",
    "Kauri Health",
]
PLACES = [
    "Ōtara",
    "Māngere",
    "Porirua",
    "Manurewa",
    "Papakura",
    "Kaitāia",
    "Whangārei",
    "Rotorua",
    "Flaxmere",
    "Cannons Creek",
    "Naenae",
    "Wainuiomata",
    "Ōtāhuhu",
    "Glen Innes",
    "Kaikohe",
    "Ruatōria",
    "Gisborne",
    "Tokoroa",
    "Hastings",
    "Invercargill",
    "Aranui",
    "Hornby",
    "Dunedin",
    "Ōpōtiki",
    "Whakatāne",
    "Samoa",
    "Tonga",
    "Rarotonga",
    "Niue",
    "Suva",
    "Nuku'alofa",
    "Apia",
    "Mogadishu",
    "Hamilton",
    "Taumarunui",
]
STREETS = [
    "Kauri",
    "Rātā",
    "Tōtara",
    "Kōwhai",
    "Rimu",
    "Tūī",
    "Pūriri",
    "Nīkau",
    "Great South",
    "Preston",
    "Bairds",
    "Buckland",
    "Te Irirangi",
    "Wainui",
    "Hutt",
    "Station",
    "Church",
    "Hospital",
    "Mahia",
    "Rangi",
    "Aroha",
    "Hope",
    "Grace",
    "Matai",
    "Moana",
    "Tangaroa",
    "Castor",
    "Ōtara",
    "Mascot",
    "Massey",
    "Kirkbride",
    "Russell",
    "Victoria",
    "Bader",
]
STREET_TYPES = [
    "Street",
    "Road",
    "Avenue",
    "Crescent",
    "Place",
    "Drive",
    "Terrace",
    "Way",
    "Lane",
    "Close",
    "St",
    "Rd",
    "Ave",
    "Cres",
]
SUBURBS = [
    ("Ōtara", "Auckland", "2023"),
    ("Māngere East", "Auckland", "2024"),
    ("Manurewa", "Auckland", "2102"),
    ("Papatoetoe", "Auckland", "2025"),
    ("Glen Innes", "Auckland", "1072"),
    ("Ōtāhuhu", "Auckland", "1062"),
    ("Cannons Creek", "Porirua", "5024"),
    ("Waitangirua", "Porirua", "5024"),
    ("Naenae", "Lower Hutt", "5011"),
    ("Wainuiomata", "Lower Hutt", "5014"),
    ("Flaxmere", "Hastings", "4120"),
    ("Kaitāia", "", "0410"),
    ("Kaikohe", "", "0405"),
    ("Fordlands", "Rotorua", "3015"),
    ("Aranui", "Christchurch", "8061"),
    ("Hornby", "Christchurch", "8042"),
    ("Tokoroa", "", "3420"),
    ("Enderley", "Hamilton", "3214"),
    ("Nawton", "Hamilton", "3200"),
    ("Strathmore Park", "Wellington", "6022"),
    ("Kaiti", "Gisborne", "4010"),
    ("Tikipunga", "Whangārei", "0112"),
]

TITLES_M = ["Mr", "Dr", "Constable", "Pastor", "Rev.", "Matua"]
TITLES_F = ["Mrs", "Ms", "Miss", "Dr", "Constable", "Whaea", "Nurse"]
KIN_F = ["nan", "Nana", "Aunty", "aunty", "mum", "grandmother", "big sister", "cousin"]
KIN_M = ["Uncle", "uncle", "grandad", "big brother", "cousin", "Poppa", "dad"]
KIN_BY_COMMUNITY = {  # (female, male) kin words used by particular communities
    "maori": (["kuia", "Whaea", "Nan", "Kōkā"], ["koro", "Koro", "Matua", "Pāpā"]),
    "samoan": (["Tina", "Aunty"], ["Tamā", "Uncle"]),
    "tongan": (["Fa'ē", "Aunty"], ["Tamai", "Uncle"]),
}
REL_CHILD_F = ["daughter", "girl", "pēpi", "youngest", "eldest", "baby", "mokopuna", "teina"]
REL_CHILD_M = ["son", "boy", "pēpi", "youngest", "eldest", "baby", "mokopuna", "tuakana"]
REL_PARTNER = ["partner", "husband", "wife", "ex-partner", "fiancé", "hoa rangatira"]
ROLES = [
    "SW",
    "Social Worker",
    "Whānau Ora Navigator",
    "Kaimahi",
    "Youth Worker",
    "Family Support Worker",
    "Budget Advisor",
    "Team Leader",
    "Pasifika Family Support",
    "Case Manager",
    "Housing Navigator",
    "RN",
    "Kaiāwhina",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MON3 = [m[:3] for m in MONTHS]
WEEKDAYS = ["Mon", "Tues", "Wed", "Thurs", "Fri", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
EMAIL_DOMAINS = [
    "gmail.com",
    "hotmail.com",
    "xtra.co.nz",
    "outlook.co.nz",
    "yahoo.co.nz",
    "icloud.com",
    "live.com",
    "slingshot.co.nz",
]
WORKER_DOMAINS = ["tewharetiaki.org.nz", "opfs.org.nz", "aigahealth.co.nz", "kbs.org.nz", "tphop.org.nz"]

# ---------------------------------------------------------------------------
# Identifier generators with checksums.
# ---------------------------------------------------------------------------

NHI_ALPHA = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O


def _nhi_val(c: str) -> int:
    return int(c) if c.isdigit() else NHI_ALPHA.index(c) + 1


def nhi_check(s: str) -> str | None:
    """Expected 7th character of an NHI from its first six (None when no valid one)."""
    total = sum(_nhi_val(c) * w for c, w in zip(s[:6], (7, 6, 5, 4, 3, 2), strict=True))
    if s[5].isdigit():
        m = total % 11
        if m == 0 or 11 - m == 10:
            return None
        return str(11 - m)
    m = total % 23
    if m == 0:
        return None
    return NHI_ALPHA[23 - m - 1]


def nhi_valid(s: str) -> bool:
    s = s.upper()
    if not re.fullmatch(r"[A-HJ-NP-Z]{3}(\d{4}|\d{2}[A-HJ-NP-Z]{2})", s):
        return False
    return nhi_check(s) == s[6]


def make_nhi(rng: random.Random, new: bool) -> str:
    while True:
        head = "".join(rng.choice(NHI_ALPHA[:-1]) for _ in range(3))  # no Z (test range)
        head += f"{rng.randint(0, 99):02d}"
        head += rng.choice(NHI_ALPHA) if new else str(rng.randint(0, 9))
        c = nhi_check(head)
        if c is not None:
            return head + c


def ird_check(body: str) -> int | None:
    body = body.zfill(8)
    s = -sum(w * int(n) for w, n in zip((3, 2, 7, 6, 5, 4, 3, 2), body, strict=True)) % 11
    if s != 10:
        return s
    s = -sum(w * int(n) for w, n in zip((7, 4, 3, 2, 5, 2, 7, 6), body, strict=True)) % 11
    return None if s == 10 else s


def ird_valid(s: str) -> bool:
    d = re.sub(r"[ \-]", "", s)
    if not d.isdigit() or len(d) not in (8, 9) or not 10000000 < int(d) < 150000000:
        return False
    return ird_check(d[:-1]) == int(d[-1])


def make_ird_digits(rng: random.Random) -> str:
    while True:
        n9 = rng.random() < 0.55
        body = str(rng.randint(10000000, 14999999)) if n9 else str(rng.randint(1000001, 9999999))
        c = ird_check(body)
        if c is not None:
            d = body + str(c)
            if ird_valid(d):
                return d


def format_ird(rng: random.Random, d: str) -> str:
    f = rng.random()
    if f < 0.35:
        return d
    if f < 0.65:
        return f"{d[:-6]}-{d[-6:-3]}-{d[-3:]}"
    if f < 0.9:
        return f"{d[:-6]} {d[-6:-3]} {d[-3:]}"
    return f"{d[:-1]}-{d[-1]}"


BANK_BRANCHES = {  # (bank, branch ranges) - all use the "A" checksum algorithm
    "01": [(1103, 1125), (1155, 1195), (1811, 1854)],
    "02": [(1225, 1269), (2025, 2055)],
    "03": [(1300, 1335), (1512, 1540), (1742, 1799)],
    "12": [(3006, 3132), (3157, 3201), (3400, 3443)],
    "38": [(9000, 9499)],
}
BANK_WEIGHTS_A = (0, 0, 6, 3, 7, 9, 0, 10, 5, 8, 4, 2, 1, 0, 0, 0)


def bank_sum_ok(digits16: str) -> bool:
    total = 0
    for w, n in zip(BANK_WEIGHTS_A, digits16, strict=True):
        c = w * int(n)
        total += c % 11 if c > 11 else c
    return total % 11 == 0


def make_bank(rng: random.Random) -> tuple[str, str, str, str]:
    bank = rng.choice(sorted(BANK_BRANCHES))
    lo, hi = rng.choice(BANK_BRANCHES[bank])
    branch = f"{rng.randint(lo, hi):04d}"
    while True:
        acct = f"{rng.randint(10000, 989999):07d}"
        suffix = f"{rng.randint(0, 30):02d}" if rng.random() < 0.6 else f"{rng.randint(0, 30):03d}"
        if bank_sum_ok(bank + branch + acct + suffix.zfill(3)):
            return bank, branch, acct, suffix


def format_bank(rng: random.Random, parts) -> str:
    b, br, a, s = parts
    f = rng.random()
    if f < 0.4:
        return f"{b}-{br}-{a}-{s}"
    if f < 0.6:
        return f"{b} {br} {a} {s}"
    if f < 0.75:
        return f"{b}{br}{a}{s}"
    if f < 0.9:
        return f"{b}-{br}-{a}{s}" if rng.random() < 0.5 else f"{b} {br} {a}-{s}"
    return f"{b}-{br} {a}-{s}"


def make_phone(rng: random.Random) -> str:
    f = rng.random()
    if f < 0.55:
        pre = rng.choice(["021", "022", "027", "029", "020"])
        n = rng.choice([7, 7, 7, 6, 8])
        num = "".join(str(rng.randint(0, 9)) for _ in range(n))
        style = rng.random()
        if style < 0.35:
            return f"{pre} {num[:4]} {num[4:]}" if n == 8 else f"{pre} {num[:3]} {num[3:]}"
        if style < 0.55:
            return f"{pre}{num}"
        if style < 0.7:
            return f"{pre}-{num[:3]}-{num[3:]}"
        if style < 0.85:
            return f"+64 {pre[1:]} {num[:3]} {num[3:]}"
        return f"+64{pre[1:]}{num}"
    if f < 0.85:
        area = rng.choice(["09", "04", "07", "06", "03"])
        num = f"{rng.randint(2, 9)}{rng.randint(0, 999999):06d}"
        style = rng.random()
        if style < 0.35:
            return f"{area} {num[:3]} {num[3:]}"
        if style < 0.55:
            return f"({area}) {num[:3]} {num[3:]}"
        if style < 0.7:
            return f"{area}-{num[:3]} {num[3:]}"
        if style < 0.85:
            return f"{area}{num}"
        return f"+64 {area[1:]} {num[:3]} {num[3:]}"
    num = f"{rng.randint(100, 999)} {rng.randint(100, 999)}"
    return f"0800 {num}" if rng.random() < 0.7 else f"0800{num.replace(' ', '')}"


def make_dl(rng: random.Random) -> str:
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
    digits = f"{rng.randint(0, 999999):06d}"
    f = rng.random()
    if f < 0.5:
        return letters + digits
    if f < 0.8:
        return f"{letters} {digits}"
    return f"{letters}-{digits}"


def _ordinal(d: int) -> str:
    if 10 <= d % 100 <= 20:
        return f"{d}th"
    return f"{d}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th') }".replace(" ", "")


def format_date(rng: random.Random, y: int, m: int, d: int, birth: bool) -> str:
    forms = [
        lambda: f"{d:02d}/{m:02d}/{y}",
        lambda: f"{d}/{m}/{y}",
        lambda: f"{d:02d}-{m:02d}-{y}",
        lambda: f"{d}.{m}.{y % 100:02d}",
        lambda: f"{_ordinal(d)} {MONTHS[m - 1]} {y}",
        lambda: f"{_ordinal(d)} of {MONTHS[m - 1]} {y}",
        lambda: f"{d} {MONTHS[m - 1]} {y}",
        lambda: f"{d} {MON3[m - 1]} {y}",
        lambda: f"{MONTHS[m - 1]} {d} {y}",
        lambda: f"{MONTHS[m - 1]} {d}, {y}",
        lambda: f"{MONTHS[m - 1]} {_ordinal(d)}, {y}",
        lambda: f"{y}-{m:02d}-{d:02d}",
        lambda: f"{d}/{m}/{y % 100:02d}",
    ]
    if not birth:  # service dates are often written without a year
        forms += [
            lambda: f"{d}/{m}",
            lambda: f"{_ordinal(d)} {MONTHS[m - 1]}",
            lambda: f"{rng.choice(WEEKDAYS)} {d}/{m}",
            lambda: f"{rng.choice(WEEKDAYS)} {_ordinal(d)} {MON3[m - 1]}",
            lambda: f"{d} {MONTHS[m - 1]}",
        ]
    return rng.choice(forms)()


def make_amount(rng: random.Random) -> str:
    f = rng.random()
    if f < 0.4:
        return f"${rng.choice([20, 25, 30, 40, 45, 50, 60, 75, 80, 100, 120, 150, 200, 250, 300])}"
    if f < 0.7:
        return f"${rng.randint(5, 480)}.{rng.choice(['00', '50', '20', '95', '40'])}"
    if f < 0.85:
        return f"${rng.randint(1, 9)},{rng.randint(0, 999):03d}"
    if f < 0.93:
        return f"${rng.randint(1, 9)},{rng.randint(0, 999):03d}.{rng.randint(0, 99):02d}"
    return f"NZD {rng.randint(40, 900)}"


def make_time(rng: random.Random) -> str:
    h = rng.randint(7, 18)
    mi = rng.choice([0, 0, 15, 30, 30, 45, 10, 20])
    h12 = h if h <= 12 else h - 12
    ap = "am" if h < 12 else "pm"
    f = rng.random()
    if f < 0.3:
        return f"{h12}{ap}" if mi == 0 else f"{h12}.{mi:02d}{ap}"
    if f < 0.55:
        return f"{h12}:{mi:02d} {ap}"
    if f < 0.7:
        return f"{h12}:{mi:02d}{ap.upper()}"
    if f < 0.85:
        return f"{h:02d}{mi:02d}hrs"
    return f"{h:02d}:{mi:02d}"


def make_reference(rng: random.Random) -> tuple[str, str]:
    """(cue text outside the mark, number inside the mark) - a number that is not IRD."""
    cue = rng.choice(
        [
            "invoice",
            "Invoice no.",
            "inv #",
            "receipt no.",
            "Receipt",
            "ref",
            "Ref:",
            "reference",
            "order no.",
            "quote #",
            "booking ref",
        ]
    )
    f = rng.random()
    if f < 0.4:  # 8-9 digits that happen to pass the IRD checksum
        num = make_ird_digits(rng)
    elif f < 0.7:
        num = str(rng.randint(10000000, 999999999))
    elif f < 0.85:
        num = f"INV-{rng.randint(1000, 99999)}"
    else:
        num = f"{rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
    return cue, num


def make_address(rng: random.Random) -> str:
    street = f"{rng.choice(STREETS)} {rng.choice(STREET_TYPES)}"
    num = rng.randint(1, 260)
    sub, city, pc = rng.choice(SUBURBS)
    f = rng.random()
    if f < 0.35:
        head = f"{num} {street}"
    elif f < 0.55:
        head = f"{rng.randint(1, 12)}/{num} {street}"
    elif f < 0.7:
        head = f"Flat {rng.randint(1, 9)}, {num} {street}"
    elif f < 0.8:
        head = f"{num}{rng.choice('ABC')} {street}"
    else:
        head = f"Unit {rng.randint(1, 30)}, {num} {street}"
    tail = rng.random()
    if tail < 0.45:
        return f"{head}, {sub}"
    if tail < 0.7 and city:
        return f"{head}, {sub}, {city}"
    if tail < 0.9:
        return f"{head}, {sub} {pc}"
    return f"{head}, {sub}, {city or 'Northland'} {pc}"


def ascii_fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def make_email(rng: random.Random, given: str | None, family: str | None, worker: bool = False) -> str:
    def clean(x):
        return re.sub(r"[^a-z]", "", ascii_fold(x).lower())

    if worker and given and family:
        return f"{clean(given)}.{clean(family)}@{rng.choice(WORKER_DOMAINS)}"
    g = clean(given or rng.choice(["mum", "whanau", "island", "queen", "bro", "kiwi"]))
    fam = clean(family or "nz")
    f = rng.random()
    if f < 0.3:
        local = f"{g}.{fam}"
    elif f < 0.55:
        local = f"{g}{fam}{rng.randint(1, 99)}"
    elif f < 0.75:
        local = f"{g[:1]}{fam}{rng.randint(70, 99)}"
    elif f < 0.9:
        local = f"{g}_{rng.choice(['mum', 'queen', 'boy', 'girl', 'nz', 'sam', 'tonga'])}{rng.randint(1, 30)}"
    else:
        local = f"{fam}.family"
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


# ---------------------------------------------------------------------------
# Sentence templates.  Slots in <angle brackets> are filled per note; literal
# {{...}} marks are distractors (kind from the word lists, or {{text|KIND}}).
# ---------------------------------------------------------------------------

OPENERS = {
    "terse": [
        "HV w/ <C> + <HREL> <H> @ home.",
        "HV <SD> <TIME> - <C> present, <H> at kura.",
        "Ph call <C> re <PROG> referral.",
        "<CSUR> - HV <SD>.",
        "F2F w/ <C> @ <ORG>.",
        "Unannounced HV, <C> home w/ <K>.",
        "Txt from <CG> <TIME>: needs kai.",
        "Client: <CF>. <DOBCUE> <DOB>.",
        "Walk-in <SD>: <C> + <H>.",
        "Office appt w/ <CF> <TIME>.",
        "HV w/ <CG> & kids.",
        "Attempted HV <SD>, no answer. Card left.",
    ],
    "narrative": [
        "Met with <C> at <pos> home this morning; <HREL> <H> was also present.",
        "I visited <CF> at <ADDR> on <SD> at <TIME>.",
        "Home visit completed with <C> and <K>.",
        "<CF> came into the office on <SD> without an appointment.",
        "Joint visit with <WR> to see <C> and the children.",
        "Case note for <CF> (<DOBCUE> <DOB>).",
        "Today I caught up with <C> at the <ORG> office.",
        "<C> rang on <SD> asking for an urgent visit, which I did that afternoon.",
        "Supervision discussion about <CF>'s file with <W>.",
        "Re: <CF>, referral received from <ORG> on <SD>.",
    ],
    "maori": [
        "Kia ora. Haerenga ki te kāinga o <CG> i te <SD>.",
        "Mōrena. Hui at the whare with <C> and <pos> tamariki.",
        "Whānau hui with <C>, <K> and <HREL> <H> at <ORG>.",
        "Started with karakia led by <K>, then kōrero with <C>.",
        "Kanohi ki te kanohi with <CF> at the marae.",
        "Whakawhanaungatanga with <C> and <pos> whānau over a cup of tea.",
        "Ka pai te hui with <CG> today.",
        "Nau mai, haere mai <CG> and <pos> pēpi, new to our {{Whānau Ora|PROGRAMME}} service.",
    ],
    "pasifika": [
        "Talofa lava. Visited the aiga of <CF> at <ADDR>.",
        "Mālō e lelei - home visit with <C> and <pos> fānau.",
        "Kia orana, met <C> with <K> at the church hall.",
        "Fakaalofa lahi atu - visit with <C> and <pos> magafaoa.",
        "Bula vinaka! Catch up with <C> at <ORG>.",
        "Fono with the aiga of <CF>, Matai <PG> present.",
        "After lotu, talanoa with <C> and <K>.",
        "Talanoa at the fale with <C>, <HREL> <H> and <K>.",
    ],
    "phone": [
        "Ph call from <C> on <PH> at <TIME>.",
        "Incoming call: <CT> re letter from <ORG>.",
        "Outgoing call to <T> at <ORG> (<PH>).",
        "Rang <K> on <PH>, left msg.",
        "Missed call from <PH> - it was <CG>.",
        "ph call w/ <CF> <SD> <TIME>.",
        "Call from <T> (<ORG>) about <CF>.",
    ],
}

BODY_COMMON = [
    # names in many positions
    "<C> reported that <pr> has been struggling with rent since the landlord put it up by <AMT> a week.",
    "<CG> spoke openly about the stress on the whānau and said the support from <K> has helped.",
    "We talked through the referral to <PROG> run by <ORG>; <CG> is keen to start on <SD>.",
    "<CG>'s <HREL>, <H>, is doing well at <SCHOOL> according to <T>.",
    "<CT> asked that we call <obj> on <PH> rather than the landline.",
    "Reminded <C> about the <PROG> session on <SD> at <TIME>.",
    "<W> and I discussed the case at supervision.",
    "<CG> has been attending <PROG> every week and says it has given <obj> more confidence.",
    "Food parcel from <ORG> dropped off; <CG> was very grateful.",
    "<K> has been looking after the tamariki while <CG> works night shifts.",
    "Called <P> (neighbour) who said that <CG> moved out on <SD>.",
    "<CG> said <K> will come with <obj> to the next appointment.",
    "<CG> and <HREL> <H> are staying with <K> in <PLACE> for now.",
    "Advocated with <ORG> for a hardship grant of <AMT>.",
    "<CG> asked for help writing a letter to <T>.",
    "Discussed tikanga around the tangihanga for <pos> uncle in <PLACE>.",
    "<WR> will co-work this case going forward.",
    "Spoke with <T> from <ORG> about the referral.",
    "Present: <CG>, <H>, <K> and <W>.",
    "Attendees: <WF>, <T>, <CF> and <K>.",
    "<H> and <H2> were at school so I only saw <CG>.",
    "According to <CG>, <P> has been coming round late at night.",
    "It was agreed that <K> and <CG> would share the school drop-offs.",
    "<T> from <SCHOOL> phoned about <H>'s attendance.",
    "Gave <CG> a lift to <ORG> for <pos> <TIME> appointment.",
    "<CG> was upset after a call from <P>; we did some safety planning together.",
    "Handed over to <W> while I'm on leave from <SD>.",
    "Spoke to <CT> and <HREL> <H> about the move to <PLACE>.",
    "With <CG>'s consent I spoke to <T> at <GP>.",
    "<CG> is proud that <H> made the kapa haka group at <SCHOOL>.",
    "Both <CG> and <K> want the tamariki to stay at <SCHOOL>.",
    "Letter from <ORG> addressed to <CSUR> was read through together.",
    "<P> (landlord) has agreed to fix the mould by <SD>.",
    "Power bill of <AMT> is overdue; referred to <ORG> for budgeting.",
    "Rent arrears now <AMT>; <ORG> may help with a one-off payment.",
    "Grant of <AMT> approved by <ORG> on <SD> for bedding and a heater.",
    "<CG> paid <AMT> off the debt this fortnight.",
    "Koha of <AMT> given to the marae for the hui.",
    "Transport costs of <AMT> reimbursed.",
    "Next visit booked for <SD> at <TIME>.",
    "Court date is <SD> at <TIME> at <ORG>.",
    "Referral to <PROG> sent on <SD>.",
    "Appointment with <T> at <GP> on <SD> at <TIME>.",
    "<ORG> confirmed the house inspection for <SD>.",
    "School holidays start <SD>; <HREL> <H> will go to <PROG>.",
    "<CG> started the <PROG> programme at <ORG> on <SD>.",
    "Enrolment at <SCHOOL> for <H> completed on <SD>.",
    "No safety concerns observed during the visit.",
    "House was warm and tidy, plenty of kai in the cupboards.",
    "The tamariki were happy and playing outside.",
    "<CG> seemed tired but engaged well.",
    "Plan: follow up with <ORG> and check in with <CG> next week.",
    "Plan: <W> to send the forms, <CG> to bring ID on <SD>.",
    "<CG> would like a different worker; discussed with <W>.",
]

BODY_IDS = [
    "Contact details updated: mobile <PH>, email <EM>.",
    "Payment of <AMT> to be made into account <BANK> once approved by <ORG>.",
    "<CG> provided <pos> driver licence (<DL>) as photo ID.",
    "<Pr> confirmed <pos> date of birth as <DOB>.",
    "<HREL> <H> (<DOBCUE> <KDOB>) has an appointment with <T> at <GP> on <SD>.",
    "Left a voicemail for <CG> on <PH>.",
    "Tenancy application with <ORG> for <ADDR> was lodged on <SD>.",
    "NHI for <HREL> <H> is <NHI>; checked with <GP>.",
    "IRD number <IRD> supplied for the {{Working for Families|PROGRAMME}} application.",
    "Received an email from <CG> (<EM>) with the tenancy documents attached.",
    "<CF>, <DOBCUE> <DOB>, NHI <NHI>.",
    "New address: <ADDR>.",
    "<CG> has moved to <ADDR> with <HREL> <H>.",
    "Bank details for the grant: <BANK> (<CF>).",
    "Client NHI <NHI>, IRD <IRD>.",
    "<CG>'s new number is <PH>.",
    "Email <EM> for the {{Kāinga Ora|ORGANISATION}} forms.",
    "DL no. <DL> checked by <ORG>.",
    "<H> <DOBCUE> <KDOB>, NHI <NHI>, enrolled at <SCHOOL>.",
    "<K> can be reached on <PH> or at <ADDR>.",
    "Emergency contact: <K>, <PH>.",
    "<CT>'s tax number is <IRD>.",
    "Pēpi <H> was born <KDOB> at {{Middlemore|ORGANISATION}}.",
    "<CG> (<DOBCUE> <DOB>) lives at <ADDR>.",
    "ID sighted: driver licence <DL>, bank card for <BANK>.",
    "{{WINZ|ORGANISATION}} need the IRD no. <IRD> and bank acct <BANK> before paying.",
    "Forms emailed to <EM> on <SD>.",
    "Address for <ORG> correspondence is <ADDR>.",
    "Pls call <CG> back on <PH> after <TIME>.",
    "Referral form lists <CF>, <DOBCUE> <DOB>, <ADDR>, ph <PH>.",
    "<K> has a full licence (<DL>) and can drive the kids to visits.",
    "Twins <H> and <H2>, <DOBCUE> <KDOB>.",
]

BODY_REFS = [
    "<REF> from <ORG> paid on <SD>.",
    "<ORG> invoice <REFN> paid on <SD>.",
    "Uniform shop receipt <REFN>, total <AMT>.",
    "Quoted reference number <REFN> on the phone to <ORG>.",
    "Kept the receipt (no. <REFN>) for the <AMT> food voucher.",
    "Pharmacy invoice <REFN> for <H>'s inhaler, <AMT>.",
    "Booking ref <REFN> for the flights to <PLACE> for the tangi.",
    "Paid <AMT> against <REF>.",
]

BODY_TERSE = [
    "TXT sent to <C> on <PH>, no reply.",
    "DNA appt <SD> <TIME>. Will re-book.",
    "NHI <NHI> confirmed w/ <GP>.",
    "<CG> ok, kids ok. Kai low - FP voucher <AMT>.",
    "Disc. w/ <W> re housing, <ORG> app lodged <SD>.",
    "Addr: <ADDR>.",
    "Mob <PH>.",
    "IRD# <IRD> for {{WFF|PROGRAMME}}.",
    "Bank acct <BANK> for pmt.",
    "DL <DL> sighted.",
    "<HREL> <H> <DOBCUE> <KDOB>, at <SCHOOL>.",
    "Plan: f/u <SD> @ <TIME>.",
    "Transport to <ORG> arranged <SD>.",
    "Safety plan rvwd w/ <C>.",
    "Nil concerns re tamariki.",
    "Mtg w/ <T> at <SCHOOL> re attendance.",
    "Email to <EM> w/ forms.",
    "ID: DL <DL>, NHI <NHI>.",
    "f/u w/ <ORG> re <PROG> start date.",
    "<CG> to ring <T> re meds.",
    "<K> present, supportive.",
    "Rent <AMT>/wk, arrears <AMT>.",
    "Ref'd to <PROG> (<ORG>).",
    "<H> - asthma, GP appt <SD>.",
    "Dropped kai parcel, <CG> v grateful.",
    "Txt <CG> re appt <SD> <TIME>.",
    "<C> + <K> attended hui @ <ORG>.",
    "W/ <W>: case review <SD>.",
    "Clothing grant <AMT> appr.",
    "Next HV <SD>.",
    "ph <K> <PH> - no ans.",
    "<CSUR> NHI <NHI>.",
    "<CF> d.o.b. <DOB>.",
    "koha <AMT> for petrol.",
]

BODY_MAORI = [
    "<CG> shared about <pos> whakapapa and connection to <ORG>.",
    "Kōrero with <C> about mahi and kai for the whare.",
    "Ka pai progress - <CG> has kept up with <PROG> every Rāapa.",
    "Whānau hui set for <SD> at <TIME> at <ORG>.",
    "Kaimahi <W> to tautoko with transport.",
    "<CG> is hapū, due <SD>; referred to <PROG>.",
    "Mirimiri and rongoā session booked with <T> on <SD>.",
    "Poroporoaki and karakia to close.",
    "Kuia <PGF> asked that the mokopuna stay with her until after Matariki.",
    "<CG> feels whakamā about asking <ORG> for help.",
    "Āwhina with the kai parcel from <ORG>.",
    "Te reo classes at <ORG> have been a taonga for <C>.",
    "Ngā mihi ki a <PG> for the kai.",
    "He wahine pakari a <CG>; she is determined to get the whare sorted.",
    "I kōrero au ki a <PGF> mō te kura o <H>.",
    "<CG> wants <HREL> <H> to go to kōhanga at <ORG>.",
    "Manaakitanga shown to us by the whole whānau.",
    "Koro <PGM> led the mihi and karakia.",
    "{{Whānau Ora|PROGRAMME}} plan reviewed with <C>; goals are whare, mahi and hauora.",
    "Kei te pai te whānau, tino pai te wairua o te whare.",
    "<CG> is on the waiting list for <PROG> at <ORG>.",
    "Mā te wā, <CG>. Next hui <SD>.",
]

BODY_PASIFIKA = [
    "Fa'afetai to <K> for hosting the fono.",
    "Faifeau <PGM> from <ORG> will support the aiga.",
    "Family attends lotu at <ORG> every Sunday.",
    "<CG> is worried about costs for the fa'alavelave in <PLACE>; contribution of <AMT>.",
    "Kāinga are supporting <C> with the tamaiki.",
    "Interpreter for lea faka-Tonga booked for <SD> at <TIME>.",
    "Umu on Saturday for <HREL> <H>'s 21st.",
    "To'ona'i with the family after lotu.",
    "Malo e lelei to <K>, who helped with transport.",
    "<CG> prefers gagana Samoa for the talanoa.",
    "The lovo fundraiser at <ORG> raised <AMT>.",
    "Meitaki ma'ata to <K> for the kai.",
    "<CG> shared that fa'a Samoa matters a lot to the aiga.",
    "Matai <PGM> spoke on behalf of the family.",
    "<CG> wore a ta'ovala to the meeting with <T>.",
    "Soifua, <CG>. Next talanoa <SD>.",
    "<K> brought palusami and sapasui for everyone.",
    "Fakaaue lahi to <K> for looking after <H>.",
    "Aiga have agreed <CG> and <H> can stay at the fale in <PLACE>.",
    "Vinaka vakalevu to <T> at <ORG>.",
]

# ambiguous given names used as ordinary words (one list per word)
WORD_SENTENCES = {
    "hope": [
        "There is real {{hope}} that the house will be ready by <SD>.",
        "<CG> said <pr> has {{hope}} for the new school.",
        "{{Hope}} this helps the whānau.",
    ],
    "joy": [
        "The new pēpi has brought a lot of {{joy}} to the house.",
        "Great to see the {{joy}} on <H>'s face at prizegiving.",
    ],
    "will": [
        "<CG> {{will}} call if anything changes.",
        "{{Will}} follow up with <ORG> tomorrow.",
        "<ORG> {{will}} confirm by <SD>.",
    ],
    "may": ["<CG> {{may}} need a food grant next week.", "The kids {{may}} go to <K> for the holidays."],
    "grace": ["<ORG> gave a two-week {{grace}} period on the rent.", "<CG> handled the meeting with real {{grace}}."],
    "frank": ["<CG> was very {{frank}} about the drinking.", "Had a {{frank}} kōrero with <K>."],
    "rose": ["Rent {{rose}} again this month.", "<CG> {{rose}} early to get the kids ready."],
    "faith": [
        "The family's {{faith}} is very important to them.",
        "<CG> has lost {{faith}} in <ORG> after the delays.",
    ],
    "dawn": ["Police came at {{dawn}} on <SD>.", "<CG> was up before {{dawn}} with the baby."],
    "mark": [
        "Noticed a {{mark}} on <H>'s arm; <CG> said it was from rugby.",
        "We will {{mark}} the date on the calendar.",
    ],
    "bill": ["Power {{bill}} of <AMT> still unpaid.", "The phone {{bill}} has gone to debt collection."],
    "sky": ["The {{Sky}} TV contract was cancelled to save money.", "Grey {{sky}} so we stayed inside."],
    "summer": ["Over {{summer}} the kids will do <PROG>.", "Heat pump helped a lot this {{summer}}."],
    "patience": ["<CG> showed a lot of {{patience}} with <H>.", "It took {{patience}} to get <ORG> to respond."],
    "sunny": ["It was {{sunny}} so we did the visit at the park.", "<CG> was in a {{sunny}} mood today."],
    "aroha": [
        "Lots of {{aroha}} in the whare.",
        "{{Aroha}} nui to the whānau from the team.",
        "<CG> shows so much {{aroha}} to <pos> tamariki.",
    ],
    "mana": [
        "It is important to uphold the {{mana}} of the whānau.",
        "<CG> felt <pos> {{mana}} was trampled by <ORG>.",
    ],
    "kiri": ["<H> has eczema, the {{kiri}} is very dry.", "Rongoā for the {{kiri}} suggested by <T>."],
    "tui": ["A {{tūī}} was singing in the kōwhai outside.", "The kids love watching the {{tui}} in the garden."],
    "rangi": ["I tēnei {{rangi}} the whānau went to the beach.", "Te {{rangi}} was clear for the hīkoi."],
    "hine": ["E {{hine}}, kia kaha, <CG> told <pos> daughter.", "<K> calls the baby {{hine}}."],
    "nikau": ["The whare has a big {{nīkau}} palm out the front.", "Made kete from {{nikau}} fronds at <PROG>."],
    "moana": ["The whānau went to the {{moana}} for a swim.", "<CG> feels calm near te {{moana}}."],
    "awhina": ["<CG> asked for {{āwhina}} with the forms.", "We offered {{āwhina}} with transport."],
    "ora": ["Kia {{ora}} e te whānau.", "{{Mauri ora}}!"],
    "kahu": ["A {{kāhu}} circled over the paddock.", "<CG> wore <pos> {{kahu}} huruhuru to the tangi."],
    "marama": [
        "Once the hui ended it was {{marama}} to everyone what the plan was.",
        "The rent is paid every {{marama}}.",
    ],
    "tama": ["The {{tama}} (<H>) is 7 now.", "Te {{tama}} a <CG> is at kura."],
    "ngaio": ["There is a {{ngaio}} hedge along the fence.", "{{Ngaio}} leaves rubbed on to keep the sandflies off."],
    "manu": ["<H> loves the {{manu}} in the bush.", "The kids fed the {{manu}} at the awa."],
    "tane": ["<CG>'s {{tāne}} works night shift.", "The {{tāne}} of the whānau cooked the hāngī."],
    "kauri": ["The class planted a {{kauri}} at <SCHOOL>.", "Walked the {{kauri}} track with the kids."],
    "alofa": ["The aiga showed so much {{alofa}} to <CG>.", "{{Alofa}} atu from the team."],
    "'ofa": ["{{'Ofa}} atu to the famili.", "Lots of {{'ofa}} between <CG> and <pos> kāinga."],
}

SIGNOFFS = {
    "terse": ["/<WG>", "- <WI>", "<WG> (<ROLE>)", "SW: <WSUR>", "Entered by <WG>"],
    "narrative": ["<WF>, <ROLE>", "- <WF> (<ROLE>)", "Regards, <WF>", "Note by <WSUR>", "Written by <WI>, <ROLE>"],
    "maori": ["Ngā mihi nui, <WF>", "Nā <WG>, <ROLE>", "Mauri ora, <WF>", "Ngā mihi, <WG>"],
    "pasifika": ["Fa'afetai, <WG> (<ROLE>)", "Mālō, <WF>", "Soifua, <WF>", "Vinaka, <WG>"],
    "phone": ["- <WG>", "Call taken by <WF>", "<WI>"],
}

# ---------------------------------------------------------------------------
# Note assembly.
# ---------------------------------------------------------------------------

STYLE_WEIGHTS = [("terse", 24), ("narrative", 28), ("maori", 17), ("pasifika", 17), ("phone", 14)]
BODY_POOLS = {
    "terse": BODY_TERSE + BODY_TERSE + BODY_COMMON[:20],
    "narrative": BODY_COMMON,
    "maori": BODY_MAORI + BODY_COMMON,
    "pasifika": BODY_PASIFIKA + BODY_COMMON,
    "phone": BODY_COMMON + BODY_TERSE,
}
ID_POOLS = {
    "terse": [t for t in BODY_TERSE if re.search(r"<(NHI|IRD|PH|EM|BANK|DL|DOB|KDOB|ADDR)>", t)] + BODY_IDS[:12],
    "narrative": BODY_IDS,
    "maori": BODY_IDS,
    "pasifika": BODY_IDS,
    "phone": BODY_IDS,
}

MARK_RE = re.compile(r"\[\[([A-Z]+):([^\[\]{}|]*?)\]\]|\{\{([^\[\]{}|]*?)(?:\|([A-Z]+))?\}\}")
SLOT_RE = re.compile(r"<([A-Za-z0-9]+)>")


def _vocab():
    kinds = {}
    for w in REO_WORDS:
        kinds.setdefault(w.lower(), "REO")
    for w in PASIFIKA_WORDS:
        kinds[w.lower()] = "PASIFIKA"
    for w in EN_AMBIG_WORDS:
        kinds.setdefault(w, "WORD")
    kinds["sky"] = "WORD"
    words = sorted(kinds, key=len, reverse=True)
    rx = re.compile(r"(?<![\w'])(" + "|".join(re.escape(w) for w in words) + r")(?![\w'])", re.IGNORECASE)
    return kinds, rx


VOCAB_KIND, VOCAB_RE = _vocab()


def _p(text: str) -> str:
    return f"[[PERSON:{text}]]"


def _d(text: str, kind: str) -> str:
    return "{{" + text + "|" + kind + "}}"


class Person:
    def __init__(self, given, family, gender, community, rel=None):
        self.given, self.family, self.gender, self.community, self.rel = given, family, gender, community, rel

    @property
    def full(self):
        return f"{self.given} {self.family}"


class NoteBuilder:
    def __init__(self, rng: random.Random):
        self.rng = rng
        r = rng
        self.style = r.choices([s for s, _ in STYLE_WEIGHTS], [w for _, w in STYLE_WEIGHTS])[0]
        comm_pref = {
            "maori": "maori",
            "pasifika": r.choice(["samoan", "tongan", "cook_islands", "niuean", "fijian", "samoan", "tongan"]),
        }
        self.client = self.new_person(ambig_p=0.38, community=comm_pref.get(self.style) if r.random() < 0.7 else None)
        g = self.client.gender
        if g == "u":
            g = r.choice("fm")
        self.pron = {"f": ("she", "her", "her"), "m": ("he", "his", "him")}[g]
        self.household: list[Person] = []
        self.author = self.new_person(ambig_p=0.12)
        self.colleague = self.new_person(ambig_p=0.12)
        self.kin_cache: dict[str, str] = {}
        self.others: list[str] = []
        self.dobs: dict[str, tuple[int, int, int]] = {}
        self.nhis: dict[str, str] = {}
        self.nhi_owner = "C"

    # -- people -----------------------------------------------------------
    def pick_given(self, ambig_p=0.1, community=None, gender=None):
        r = self.rng
        if r.random() < ambig_p:
            pool = [(n, g) for n, g in AMBIG_ALL.items() if gender in (None, g, "u") or g == "u"]
            if community:
                sub = [(n, g) for n, g in pool if AMBIG_COMMUNITY[n] == community]
                if sub and r.random() < 0.7:
                    pool = sub
            n, g = r.choice(pool)
            return n, g, AMBIG_COMMUNITY[n]
        pool = [
            x
            for x in ALL_GIVEN
            if (community is None or x[2] == community) and (gender is None or x[1] in (gender, "u"))
        ]
        if not pool:
            pool = ALL_GIVEN
        return r.choice(pool)

    def new_person(self, ambig_p=0.1, community=None, gender=None, family=None, rel=None):
        n, g, comm = self.pick_given(ambig_p, community, gender)
        if family is None:
            fams = FAMILY_BY_COMMUNITY.get(comm, ALL_FAMILY)
            family = self.rng.choice(fams if self.rng.random() < 0.8 else ALL_FAMILY)
        return Person(n, family, g, comm, rel)

    def member(self, idx: int) -> Person:
        r = self.rng
        while len(self.household) <= idx:
            if not self.household and r.random() < 0.2:
                rel = r.choice(REL_PARTNER)
                p = self.new_person(ambig_p=0.2, community=self.client.community)
            else:
                p = self.new_person(
                    ambig_p=0.22,
                    community=self.client.community if r.random() < 0.75 else None,
                    family=self.client.family if r.random() < 0.75 else None,
                )
                rel = r.choice(REL_CHILD_F if p.gender == "f" else REL_CHILD_M)
            if any(p.given == q.given for q in [self.client, *self.household]):
                continue
            p.rel = rel
            self.household.append(p)
        return self.household[idx]

    def mention(self, p: Person, allow_forms=True) -> str:
        r = self.rng
        if not allow_forms:
            return _p(p.given)
        f = r.random()
        if f < 0.58:
            return _p(p.given)
        if f < 0.78:
            return _p(p.full)
        if f < 0.86:
            return self.titled(p)
        if f < 0.91:
            return _p(f"{p.given[0]}. {p.family}")
        if f < 0.96:
            return _p(f"{p.given} {p.family[0]}.")
        return _p(p.family)

    def titled(self, p: Person) -> str:
        g = p.gender if p.gender != "u" else self.rng.choice("fm")
        t = self.rng.choice(["Ms", "Mrs", "Miss"] if g == "f" else ["Mr"])
        return f"{t} {_p(p.family)}"

    def surname_first(self, p: Person) -> str:
        fam = p.family.upper() if self.rng.random() < 0.7 else p.family
        return _p(f"{fam}, {p.given}")

    def third_party(self, gender=None, ambig_p=0.12) -> Person:
        p = self.new_person(ambig_p=ambig_p, gender=gender)
        self.others.append(p.full)
        return p

    # -- slots ------------------------------------------------------------
    def slot(self, name: str) -> str:
        r = self.rng
        c = self.client
        if name == "C":
            return self.mention(c)
        if name == "CG":
            return _p(c.given)
        if name == "CF":
            return _p(c.full)
        if name == "CT":
            return self.titled(c)
        if name == "CSUR":
            return self.surname_first(c)
        if name in ("H", "H2"):
            p = self.member(0 if name == "H" else 1)
            return _p(p.given) if r.random() < 0.8 else _p(p.full)
        if name == "HF":
            return _p(self.member(0).full)
        if name == "HREL":
            return self.member(0).rel
        if name == "K":
            key = "K"
            if key not in self.kin_cache or r.random() < 0.25:
                g = r.choice("fm")
                local = KIN_BY_COMMUNITY.get(self.client.community)
                if local and r.random() < 0.6:
                    kin = r.choice(local[0] if g == "f" else local[1])
                else:
                    kin = r.choice(KIN_F if g == "f" else KIN_M)
                p = self.new_person(
                    ambig_p=0.2, gender=g, community=self.client.community if r.random() < 0.7 else None
                )
                self.others.append(p.full)
                nm = _p(p.given) if r.random() < 0.75 else _p(p.full)
                self.kin_cache[key] = f"{kin} {nm}" if r.random() < 0.8 else f"{nm} ({kin})"
            return self.kin_cache[key]
        if name in ("P", "PG", "PGF", "PGM"):
            g = {"PGF": "f", "PGM": "m"}.get(name)
            p = self.third_party(gender=g)
            return _p(p.full) if name == "P" and r.random() < 0.6 else _p(p.given)
        if name == "T":
            g = r.choice("fm")
            p = self.third_party(gender=g)
            f = r.random()
            if f < 0.6:
                t = r.choice(TITLES_F if g == "f" else TITLES_M)
                nm = p.given if t in ("Whaea", "Matua", "Nurse", "Pastor") else p.family
                return f"{t} {_p(nm)}"
            if f < 0.8:
                return f"{_p(p.full)} ({r.choice(['teacher', 'GP', 'nurse', 'principal', 'case manager', 'counsellor', 'lawyer'])})"
            return f"{r.choice(['Dr', 'Mrs', 'Mr', 'Ms'])} {_p(p.full)}"
        if name == "W":
            p = self.colleague
            return _p(p.given) if r.random() < 0.6 else _p(p.full)
        if name == "WR":
            p = self.colleague
            role = r.choice(ROLES)
            return f"{_p(p.full)} ({role})" if r.random() < 0.6 else f"{role} {_p(p.given)}"
        if name == "WF":
            return _p(self.author.full)
        if name == "WG":
            return _p(self.author.given)
        if name == "WI":
            a = self.author
            ini = f"{a.given[0]}{a.family[0]}"
            if r.random() < 0.75 or ini.upper() in ("MR", "MS", "DR", "ST", "RN", "SW", "NZ", "ID", "HV"):
                return _p(f"{a.given[0]}. {a.family}")
            return _p(ini)
        if name == "WSUR":
            return self.surname_first(self.author)
        if name == "ROLE":
            return r.choice(ROLES)
        if name in ("pr", "Pr"):
            s = self.pron[0]
            return s.capitalize() if name == "Pr" else s
        if name == "pos":
            return self.pron[1]
        if name == "obj":
            return self.pron[2]
        # identifiers
        if name == "NHI":
            if self.nhi_owner not in self.nhis:  # one NHI per person per note
                self.nhis[self.nhi_owner] = make_nhi(r, new=r.random() < 0.4)
            n = self.nhis[self.nhi_owner]
            return f"[[NHI:{n.lower() if r.random() < 0.06 else n}]]"
        if name == "IRD":
            return f"[[IRD:{format_ird(r, make_ird_digits(r))}]]"
        if name == "PH":
            return f"[[PHONE:{make_phone(r)}]]"
        if name == "EM":
            if r.random() < 0.8:
                return f"[[EMAIL:{make_email(r, c.given, c.family)}]]"
            return f"[[EMAIL:{make_email(r, None, c.family)}]]"
        if name == "BANK":
            return f"[[BANK:{format_bank(r, make_bank(r))}]]"
        if name == "DL":
            return f"[[DL:{make_dl(r)}]]"
        if name in ("DOB", "KDOB"):
            if name not in self.dobs:  # one birth date per person per note, written variously
                y = r.randint(1956, 2006) if name == "DOB" else r.randint(2007, 2025)
                self.dobs[name] = (y, r.randint(1, 12), r.randint(1, 28))
            y, m, d = self.dobs[name]
            return f"[[DOB:{format_date(r, y, m, d, birth=True)}]]"
        if name == "DOBCUE":
            return r.choice(
                ["DOB", "DOB:", "dob", "d.o.b.", "D.O.B", "born", "b.", "date of birth", "Date of Birth:", "DoB"]
            )
        if name == "ADDR":
            return f"[[ADDRESS:{make_address(r)}]]"
        # distractors
        if name == "PROG":
            return _d(r.choice(PROGRAMMES), "PROGRAMME")
        if name == "ORG":
            return _d(r.choice(ORGANISATIONS), "ORGANISATION")
        if name == "SCHOOL":
            return _d(r.choice(SCHOOLS), "ORGANISATION")
        if name == "GP":
            return _d(r.choice(GP_CLINICS), "ORGANISATION")
        if name == "PLACE":
            return _d(r.choice(PLACES), "OTHER")
        if name == "SD":
            y = r.choice([2024, 2025, 2026])
            return _d(format_date(r, y, r.randint(1, 12), r.randint(1, 28), birth=False), "DATE")
        if name == "AMT":
            return _d(make_amount(r), "AMOUNT")
        if name == "TIME":
            return _d(make_time(r), "TIME")
        if name == "REFN":
            return _d(make_reference(r)[1], "OTHER")
        if name == "REF":
            cue, num = make_reference(r)
            return f"{cue} {_d(num, 'OTHER')}"
        raise KeyError(name)

    def render(self, template: str) -> str:
        self.nhi_owner = "H" if "<H>" in template else "C"
        return SLOT_RE.sub(lambda m: self.slot(m.group(1)), template)


def parse_internal(s: str):
    """Split an internal marked string into segments (tag, kind_or_type, text)."""
    segs, pos = [], 0
    for m in MARK_RE.finditer(s):
        if m.start() > pos:
            segs.append(("T", None, s[pos : m.start()]))
        if m.group(1):
            segs.append(("I", m.group(1), m.group(2)))
        else:
            text, kind = m.group(3), m.group(4)
            if kind is None:
                kind = VOCAB_KIND.get(text.lower(), "REO")
            segs.append(("D", kind, text))
        pos = m.end()
    if pos < len(s):
        segs.append(("T", None, s[pos:]))
    return segs


def wrap_vocab(segs):
    out = []
    for tag, kind, text in segs:
        if tag != "T":
            out.append((tag, kind, text))
            continue
        pos = 0
        for m in VOCAB_RE.finditer(text):
            if m.start() > pos:
                out.append(("T", None, text[pos : m.start()]))
            out.append(("D", VOCAB_KIND[m.group(1).lower()], m.group(1)))
            pos = m.end()
        if pos < len(text):
            out.append(("T", None, text[pos:]))
    return out


NO_TYPO = {"birth", "born", "date", "licence", "number", "email", "address", "phone", "mobile"}


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5 or not word.isalpha() or word.lower() in NO_TYPO:
        return word
    i = rng.randint(1, len(word) - 2)
    f = rng.random()
    if f < 0.5:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if f < 0.75:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


ABBREV = [
    ("with", "w/"),
    ("about", "abt"),
    ("because", "b/c"),
    ("appointment", "appt"),
    ("follow up", "f/u"),
    ("phone", "ph"),
    ("please", "pls"),
    ("would", "wld"),
    ("and", "&"),
    ("school", "skool"),
    ("tomorrow", "tmrw"),
]


def apply_style(rng: random.Random, segs, casing: str, typos: bool, careless: bool):
    out = []
    for tag, kind, text in segs:
        if tag == "T" and typos:
            words = re.split(r"(\s+)", text)
            words = [_typo(rng, w) if rng.random() < 0.05 else w for w in words]
            text = "".join(words)
            for a, b in ABBREV:
                if rng.random() < 0.3:
                    text = re.sub(rf"\b{a}\b", b, text)
        if tag == "I" and kind == "PERSON":
            if careless and rng.random() < 0.35:
                text = text.lower()
            elif typos and rng.random() < 0.06:
                parts = text.split(" ")
                parts[0] = _typo(rng, parts[0])
                text = " ".join(parts)
        if casing == "upper" and not (tag == "I" and kind == "EMAIL"):
            text = text.upper()
        elif casing == "lower" and not (tag == "I" and kind in ("NHI", "DL") and rng.random() < 0.5):
            text = text.lower()
        if tag == "D" and careless and rng.random() < 0.3 and kind in ("REO", "PASIFIKA"):
            text = ascii_fold(text)  # macrons dropped
        out.append((tag, kind, text))
    return out


def plain_text(segs) -> str:
    return "".join(t for _, _, t in segs)


def render_marked(segs) -> str:
    parts = []
    for tag, kind, text in segs:
        if tag == "T":
            parts.append(text)
        elif tag == "I":
            parts.append(f"[[{kind}:{text}]]")
        else:
            parts.append("{{" + text + "}}")
    return "".join(parts)


def _build_note(rng: random.Random):
    nb = NoteBuilder(rng)
    style = nb.style
    target = rng.randint(170, 430)
    opener = rng.choice(OPENERS[style])
    extras = []
    n_ids = rng.choice([0, 1, 1, 1, 2, 2, 3])
    extras += rng.sample(ID_POOLS[style], n_ids)
    word_keys = []
    cw = nb.client.given.lower()
    if cw in WORD_SENTENCES and rng.random() < 0.8:
        word_keys.append(cw)
    if rng.random() < 0.3:
        word_keys.append(rng.choice(sorted(WORD_SENTENCES)))
    extras += [rng.choice(WORD_SENTENCES[k]) for k in word_keys]
    if rng.random() < 0.14:
        extras.append(rng.choice(BODY_REFS))
    rng.shuffle(extras)
    pool = BODY_POOLS[style]
    signoff = rng.choice(SIGNOFFS[style]) if rng.random() < 0.7 else None

    rendered = [nb.render(opener)]

    def plain_len(items):
        return len(plain_text(parse_internal(" ".join(items))))

    sign_r = nb.render(signoff) if signoff else None
    budget_items = extras + [rng.choice(pool) for _ in range(14)]
    for i, t in enumerate(budget_items):
        cand = nb.render(t)
        total = plain_len(rendered + [cand] + ([sign_r] if sign_r else []))
        if total > 450:
            continue
        rendered.append(cand)
        if i >= len(extras) - 1 and total >= target:
            break
    if sign_r:
        rendered.append(sign_r)
    return nb, rendered


def _join(rng: random.Random, style: str, parts: list[str]) -> str:
    if style == "terse":
        sep = rng.choice([" ", " - ", "; ", " // ", " * "])
        if sep != " " and rng.random() < 0.7:
            parts = [p[:-1] if p.endswith(".") else p for p in parts]
        return sep.join(parts)
    if style == "phone" and rng.random() < 0.4:
        return " ".join(parts)
    return " ".join(parts)


def _one_note(rng: random.Random):
    for _ in range(50):
        nb, parts = _build_note(rng)
        marked = _join(rng, nb.style, parts)
        segs = wrap_vocab(parse_internal(marked))
        f = rng.random()
        casing = "upper" if f < 0.06 else "lower" if f < 0.14 else "normal"
        typos = rng.random() < 0.15 or (nb.style == "terse" and rng.random() < 0.2)
        careless = rng.random() < 0.12
        segs = apply_style(rng, segs, casing, typos, careless)
        # merge adjacent plain segments
        merged = []
        for s in segs:
            if merged and s[0] == "T" and merged[-1][0] == "T":
                merged[-1] = ("T", None, merged[-1][2] + s[2])
            else:
                merged.append(s)
        segs = [s for s in merged if s[2] != ""]
        plain = plain_text(segs)
        if not 150 <= len(plain) <= 450:
            continue
        if any(ch in plain for ch in "|[]{}"):
            continue
        known = ""
        if rng.random() < 0.67:
            people = [nb.client, *nb.household]
            if rng.random() < 0.2:
                people.append(nb.new_person(ambig_p=0.2, family=nb.client.family))
            known = "; ".join(p.full for p in people)
        line = f"{known}|{render_marked(segs)}"
        dist = [(k, t) for tag, k, t in segs if tag == "D"]
        ids = [(k, t) for tag, k, t in segs if tag == "I"]
        return line, dist, ids
    raise RuntimeError("could not build a note within length limits")


def generate_detailed(n: int = 400, seed: int = 7):
    """[(line, [(kind, text) distractors], [(TYPE, text) identifier spans])] for n notes."""
    rng = random.Random(f"blind-notes-c:{seed}")
    return [_one_note(rng) for _ in range(n)]


def generate(n: int = 400, seed: int = 7) -> list[str]:
    return [line for line, _, _ in generate_detailed(n, seed)]


# ---------------------------------------------------------------------------
# Self-check and command line.
# ---------------------------------------------------------------------------

OUT_MARK_RE = re.compile(r"\[\[([A-Z]+):([^\[\]{}|]+)\]\]|\{\{([^\[\]{}|]+)\}\}")
DOB_CUES = ("dob", "d.o.b", "born", "b.", "date of birth")
TITLE_WORDS = {"mr", "mrs", "ms", "miss", "dr", "nurse", "constable", "pastor", "rev.", "whaea", "matua"}


def parse_line(line: str):
    """(known names list, plain text, [(TYPE, text, start, end)], [(text, start, end)])."""
    if line.count("|") != 1:
        raise ValueError("line must contain exactly one '|'")
    known, marked = line.split("|")
    ids, dists, plain, pos = [], [], [], 0
    for m in OUT_MARK_RE.finditer(marked):
        plain.append(marked[pos : m.start()])
        start = sum(map(len, plain))
        if m.group(1):
            if m.group(1) not in TYPES:
                raise ValueError(f"unknown type {m.group(1)}")
            plain.append(m.group(2))
            ids.append((m.group(1), m.group(2), start, start + len(m.group(2))))
        else:
            plain.append(m.group(3))
            dists.append((m.group(3), start, start + len(m.group(3))))
        pos = m.end()
    plain.append(marked[pos:])
    text = "".join(plain)
    if any(ch in text for ch in "[]{}|"):
        raise ValueError("stray mark characters")
    names = [k for k in known.split("; ") if k] if known else []
    return names, text, ids, dists


def _check(n: int, seed: int) -> int:
    try:
        from stdnum.nz import bankaccount as sn_bank  # optional
        from stdnum.nz import ird as sn_ird
    except Exception:  # pragma: no cover - stdnum is optional
        sn_bank = sn_ird = None
    problems = []
    detailed = generate_detailed(n, seed)
    lines = [d[0] for d in detailed]
    if lines != generate(n, seed):
        problems.append("not deterministic")
    if generate(5, seed + 1) == lines[:5]:
        problems.append("seed has no effect")
    type_counts, kind_counts = Counter(), Counter()
    lengths, known_empty = [], 0
    ambig_as_name, ambig_as_word = Counter(), Counter()
    ird_like_refs = 0
    for i, (line, dists, ids) in enumerate(detailed):
        try:
            names, text, id_spans, d_spans = parse_line(line)
        except ValueError as e:
            problems.append(f"line {i}: {e}")
            continue
        if [(t, s) for t, s, _, _ in id_spans] != ids or [t for t, _, _ in d_spans] != [t for _, t in dists]:
            problems.append(f"line {i}: detailed spans disagree with the line")
        lengths.append(len(text))
        if not 150 <= len(text) <= 450:
            problems.append(f"line {i}: length {len(text)}")
        if not names:
            known_empty += 1
        for nm in names:
            if len(nm.split(" ")) < 2:
                problems.append(f"line {i}: known name {nm!r} is not 'Given Family'")
        for typ, val, s, e in id_spans:
            type_counts[typ] += 1
            if val != val.strip() or not val:
                problems.append(f"line {i}: untrimmed {typ} {val!r}")
            if typ == "NHI" and not nhi_valid(val):
                problems.append(f"line {i}: bad NHI {val}")
            elif typ == "IRD":
                if not ird_valid(val) or (sn_ird and not sn_ird.is_valid(val)):
                    problems.append(f"line {i}: bad IRD {val}")
            elif typ == "BANK":
                d = re.sub(r"[ \-]", "", val)
                ok = len(d) in (15, 16) and bank_sum_ok(d[:13] + d[13:].zfill(3))
                if sn_bank:
                    ok = ok and sn_bank.is_valid(val)
                if not ok:
                    problems.append(f"line {i}: bad bank account {val}")
            elif typ == "PHONE":
                d = re.sub(r"[ \-()]", "", val)
                if not re.fullmatch(r"(\+64|0)(2\d{7,9}|[3-9]\d{7}|800\d{6})", d):
                    problems.append(f"line {i}: bad phone {val}")
            elif typ == "DL" and not re.fullmatch(r"[A-Za-z]{2}[ \-]?\d{6}", val):
                problems.append(f"line {i}: bad DL {val}")
            elif typ == "EMAIL" and not re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", val):
                problems.append(f"line {i}: bad email {val}")
            elif typ == "DOB":
                before = text[max(0, s - 20) : s].lower()
                if not any(c in before for c in DOB_CUES):
                    problems.append(f"line {i}: DOB without cue: {text[max(0, s - 20) : e]!r}")
            elif typ == "ADDRESS" and not re.match(r"(\d|Flat |Unit )", val, re.IGNORECASE):
                problems.append(f"line {i}: odd address {val}")
            elif typ == "PERSON":
                first = val.split(" ")[0].lower()
                if first in TITLE_WORDS or val.endswith("'s"):
                    problems.append(f"line {i}: PERSON mark includes title/possessive {val!r}")
                for tok in val.replace(",", "").split(" "):
                    for a in AMBIG_ALL:
                        if tok.lower() == a.lower():
                            ambig_as_name[a.lower()] += 1
        for kind, val in dists:
            kind_counts[kind] += 1
            if kind not in KINDS:
                problems.append(f"line {i}: unknown kind {kind}")
            for a in AMBIG_ALL:
                if ascii_fold(val).lower() == ascii_fold(a).lower():
                    ambig_as_word[a.lower()] += 1
            if kind == "OTHER" and ird_valid(val):
                ird_like_refs += 1
    both = sorted(set(ambig_as_name) & set(ambig_as_word))
    print(
        f"notes: {len(lines)} (seed {seed}); length min/mean/max "
        f"{min(lengths)}/{sum(lengths) // len(lengths)}/{max(lengths)}; "
        f"known names empty: {known_empty} ({known_empty / len(lines):.0%})"
    )
    print("identifier spans per TYPE:")
    for t in TYPES:
        print(f"  {t:8s} {type_counts[t]}")
    print("distractors per kind:")
    for k in KINDS:
        print(f"  {k:13s} {kind_counts[k]}")
    print(f"reference numbers that pass the IRD checksum (must be kept): {ird_like_refs}")
    print(f"name-words seen in both roles ({len(both)}): {', '.join(both)}")
    print(
        f"name lists: {len(ALL_GIVEN)} given, {len(set(ALL_FAMILY))} family; templates: "
        f"{sum(map(len, OPENERS.values())) + len(BODY_COMMON) + len(BODY_IDS) + len(BODY_REFS) + len(BODY_TERSE) + len(BODY_MAORI) + len(BODY_PASIFIKA) + sum(map(len, WORD_SENTENCES.values())) + sum(map(len, SIGNOFFS.values()))}"
    )
    print("stdnum cross-check:", "yes" if sn_bank else "not importable (own checksums only)")
    for t in TYPES:
        if type_counts[t] == 0:
            problems.append(f"no {t} spans")
    if problems:
        print(f"PROBLEMS ({len(problems)}):")
        for p in problems[:40]:
            print("  " + p)
        return 1
    print("OK")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=None, help="print N lines")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--check", action="store_true", help="self-check 400 notes")
    args = ap.parse_args(argv)
    if args.check:
        return _check(args.n or 400, args.seed)
    for line in generate(args.n or 20, args.seed):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
