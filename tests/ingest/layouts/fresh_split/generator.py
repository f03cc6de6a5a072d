#!/usr/bin/env python3
"""Independent held-out corpus of provider quarterly-return layouts (FRESH01..FRESH20).

Each layout is written to ``<out>/<layout_id>/landing/<provider>/<quarter>/<file(s)>``
with a ``<out>/<layout_id>/truth.json`` describing every column of every data table.

Only the standard library and openpyxl are used.  Output is deterministic.

    python generator.py --out OUT_DIR
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
import shutil
import zipfile
from xml.sax.saxutils import escape

SEED = 74291163

QUARTERS = {
    "2026Q1": (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    "2026Q2": (dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    "2026Q3": (dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
    "2026Q4": (dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
}

ETH_CODES = {
    "New Zealand European": "11", "Other European": "12", "Māori": "21",
    "Samoan": "31", "Cook Islands Māori": "32", "Tongan": "33", "Niuean": "34",
    "Fijian": "36", "Southeast Asian": "41", "Chinese": "42", "Indian": "43",
    "Other Asian": "44", "Middle Eastern": "51", "Latin American": "52",
    "African": "53", "Other Ethnicity": "61",
}

MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# --------------------------------------------------------------------------- names
NAMES = {
    "maori": dict(
        F=["Aroha", "Mere", "Anahera", "Kahurangi", "Hinewai", "Māia", "Ngaio", "Moana",
           "Waimārie", "Huia", "Kiri", "Mihi", "Ataahua", "Tūī", "Hine", "Ngāhuia",
           "Rangimārie", "Te Aroha", "Marama", "Hana", "Awhina", "Tia"],
        M=["Hēmi", "Wiremu", "Tama", "Rāwiri", "Hōhepa", "Nikau", "Rangi", "Tāne", "Ihaia",
           "Mikaere", "Pita", "Tamati", "Kauri", "Te Ariki", "Manaia", "Hemi", "Anaru"],
        fam=["Parata", "Te Whata", "Tipene", "Tamihana", "Herewini", "Pōmare", "Kereama",
             "Rangihuna", "Te Kani", "Mānihera", "Takerei", "Paewai", "Wihongi", "Tautahi",
             "Hēnare", "Ngāpō", "Tūhiwai", "Waititi", "Poutama", "Te Rangi", "Ruawai",
             "Walker", "Brown", "Tomoana", "Kingi", "Rāwiri", "Hetaraka", "Ngata"],
        eth=[(["Māori"], 60), (["Māori", "New Zealand European"], 28),
             (["Māori", "Cook Islands Māori"], 5), (["Māori", "Samoan"], 5),
             (["Māori", "New Zealand European", "Samoan"], 2)],
        lang=["English", "English", "Te Reo Māori", "English, Te Reo Māori"],
        country=["New Zealand"]),
    "pakeha": dict(
        F=["Olivia", "Charlotte", "Amelia", "Emma", "Sophie", "Hayley", "Kirsty", "Michelle",
           "Renée", "Zoë", "Chloé", "Jessica", "Rebecca", "Stacey", "Brooke", "Sarah-Jane",
           "Georgia", "Kate", "Shannon", "Courtney"],
        M=["Jack", "Liam", "Shane", "Craig", "Jamie", "Daniel", "Ben", "Josh", "Mitchell",
           "Hamish", "Callum", "Logan", "Bryce", "Corey"],
        fam=["Smith", "Wilson", "Thompson", "Anderson", "MacDonald", "O'Brien", "Campbell",
             "Stewart", "Robertson", "Harris", "van der Berg", "McKenzie", "Bennett", "Clarke",
             "Fraser", "Murray", "Dobson", "Jones", "Te Wake", "Müller"],
        eth=[(["New Zealand European"], 80), (["Other European"], 10),
             (["New Zealand European", "Māori"], 6), (["Other Ethnicity"], 4)],
        lang=["English"], country=["New Zealand", "New Zealand", "England", "Australia"]),
    "samoan": dict(
        F=["Losa", "Mele", "Sina", "Malia", "Fetu", "Lagi", "Talia", "Faith", "Leilani", "Tina",
           "Salamasina", "Ruta"],
        M=["Tavita", "Ioane", "Sefo", "Falaniko", "Iosefa", "Pule", "Leota", "Tasi"],
        fam=["Faleolo", "Leota", "Tuilagi", "Fonoti", "Aumua", "Sapolu", "Toleafoa", "Seiuli",
             "Masoe", "Fa'amausili", "Lemalu", "Tuimavave", "Ah Kuoi", "Fa'afoi"],
        eth=[(["Samoan"], 75), (["Samoan", "Māori"], 12), (["Samoan", "New Zealand European"], 8),
             (["Samoan", "Tongan"], 5)],
        lang=["Samoan", "English", "Samoan, English"], country=["New Zealand", "Samoa"],
        church=["EFKS", "Methodist Church of Samoa", "St Anne's Catholic", "LDS", "AOG"]),
    "tongan": dict(
        F=["Mele", "Seini", "Ana", "Lupe", "'Ofa", "Salote", "Mafi", "Losana", "Kalolaine"],
        M=["Sione", "Viliami", "Tevita", "Sitani", "Siosaia", "Paula", "Semisi", "Tomasi"],
        fam=["Tupou", "Fifita", "Taufa", "Vaipulu", "Hufanga", "Latu", "Mahe", "Kata", "Fonua",
             "Havili", "Tu'ipulotu", "Moala", "Vea"],
        eth=[(["Tongan"], 85), (["Tongan", "Samoan"], 5), (["Tongan", "Māori"], 5),
             (["Tongan", "Fijian"], 5)],
        lang=["Tongan", "English", "Tongan, English"], country=["New Zealand", "Tonga"],
        church=["Free Wesleyan Church of Tonga", "Free Church of Tonga", "LDS", "Catholic"]),
    "cook": dict(
        F=["Mata", "Tina", "Teina", "Tepaeru", "Ngaio", "Mii"],
        M=["Tangaroa", "Teariki", "Mataio", "Tuaine", "Ngametua", "Tai"],
        fam=["Marsters", "Teariki", "Tuakana", "Matapo", "Tangitamaiti", "Herman", "Samuela",
             "Ngatamariki"],
        eth=[(["Cook Islands Māori"], 75), (["Cook Islands Māori", "Māori"], 15),
             (["Cook Islands Māori", "New Zealand European"], 10)],
        lang=["English", "Cook Islands Māori"], country=["New Zealand", "Cook Islands"],
        church=["Cook Islands Christian Church", "Catholic"]),
    "niuean": dict(
        F=["Moka", "Lose", "Fisi", "Mele", "Sela"], M=["Maka", "Hetutu", "Fale", "Togia"],
        fam=["Tongahai", "Talagi", "Pulu", "Tukuitoga", "Heka", "Viliamu"],
        eth=[(["Niuean"], 80), (["Niuean", "Samoan"], 10), (["Niuean", "Māori"], 10)],
        lang=["English", "Niuean"], country=["New Zealand", "Niue"],
        church=["Ekalesia Niue", "LDS"]),
    "fijian": dict(
        F=["Litia", "Mereoni", "Adi", "Vani", "Salanieta", "Ana"],
        M=["Seru", "Jone", "Epeli", "Isikeli", "Josefa", "Waisale"],
        fam=["Vuniwaqa", "Tuivaga", "Ravono", "Nadolo", "Qalo", "Rokotuiwai", "Naivalu"],
        eth=[(["Fijian"], 90), (["Fijian", "Tongan"], 10)],
        lang=["Fijian", "English"], country=["Fiji", "New Zealand"],
        church=["Methodist Church in Fiji", "Catholic"]),
    "chinese": dict(
        F=["Mei Ling", "Xin Yi", "Hui", "Jing", "Ying", "Shu Fen", "Amy"],
        M=["Wei", "Jun", "Hao", "Zhi Wei", "Kevin", "Lei"],
        fam=["Wang", "Li", "Zhang", "Chen", "Liu", "Huang", "Zhou", "Wong"],
        eth=[(["Chinese"], 92), (["Chinese", "New Zealand European"], 8)],
        lang=["Mandarin", "Cantonese", "English"], country=["China", "New Zealand", "Malaysia"]),
    "indian": dict(
        F=["Priya", "Anjali", "Harpreet", "Simran", "Deepika", "Kavita", "Sunita"],
        M=["Arjun", "Sandeep", "Rajesh", "Gurpreet", "Vikram", "Rohit"],
        fam=["Singh", "Patel", "Sharma", "Kaur", "Kumar", "Reddy", "Naidu", "Prasad"],
        eth=[(["Indian"], 95), (["Indian", "Fijian"], 5)],
        lang=["Hindi", "Punjabi", "Gujarati", "English"], country=["India", "Fiji", "New Zealand"]),
    "sea": dict(
        F=["Maria Cristina", "Jasmine", "Thi Lan", "Mai", "Rosalie", "Naw Eh Paw", "Mu Mu"],
        M=["Jose", "Mark Anthony", "Minh", "Duc", "Saw Ler", "Rodel"],
        fam=["Reyes", "Santos", "dela Cruz", "Nguyen", "Tran", "Pham", "Htoo", "Aung", "Bautista"],
        eth=[(["Southeast Asian"], 95), (["Southeast Asian", "Chinese"], 5)],
        lang=["Tagalog", "Karen", "Burmese", "Vietnamese", "English"],
        country=["Philippines", "Myanmar", "Vietnam", "Thailand"]),
    "other_asian": dict(
        F=["Ayesha", "Nadia", "Sadia", "Tenzin", "Ji-woo", "Sita", "Zarghona"],
        M=["Farhan", "Rahim", "Bishnu", "Min-jun", "Mohammad Reza", "Hamid"],
        fam=["Rahman", "Hossain", "Shrestha", "Gurung", "Perera", "Kim", "Park", "Sultani",
             "Ahmadzai"],
        eth=[(["Other Asian"], 100)],
        lang=["Dari", "Pashto", "Nepali", "Korean", "Bengali", "English"],
        country=["Afghanistan", "Nepal", "Bangladesh", "Sri Lanka", "South Korea"]),
    "middle_eastern": dict(
        F=["Fatima", "Layla", "Zainab", "Maryam", "Noor", "Rania", "Hiba"],
        M=["Ahmad", "Omar", "Hussein", "Khalid", "Yousef", "Ali", "Mustafa"],
        fam=["Al-Hassan", "Haddad", "Karimi", "Rahimi", "Jaber", "Nasser", "Mahmoud",
             "Al-Obaidi", "Hashimi"],
        eth=[(["Middle Eastern"], 100)],
        lang=["Arabic", "Kurdish", "Farsi"], country=["Syria", "Iraq", "Iran", "Palestine"]),
    "african": dict(
        F=["Amina", "Fatuma", "Grace", "Nyabol", "Hodan", "Mercy", "Senait"],
        M=["Abdi", "Chidi", "Deng", "Yonas", "Samuel", "Mohamed", "Jean-Paul"],
        fam=["Mohamed", "Hassan", "Okafor", "Deng", "Abebe", "Mengistu", "Osman", "Nkosi",
             "Mutasa", "Kabila"],
        eth=[(["African"], 95), (["African", "Middle Eastern"], 5)],
        lang=["Somali", "Tigrinya", "Swahili", "Amharic", "French", "English"],
        country=["Eritrea", "Somalia", "Ethiopia", "South Sudan", "DR Congo"]),
    "latin": dict(
        F=["Valentina", "Camila", "Daniela", "Lucía", "María José"],
        M=["Carlos", "Andrés", "Mateo", "Julián"],
        fam=["García", "Rodríguez", "López", "Martínez", "Hernández", "Vargas", "Muñoz"],
        eth=[(["Latin American"], 90), (["Latin American", "Other European"], 10)],
        lang=["Spanish", "Spanish, English"], country=["Colombia", "Chile", "El Salvador"]),
}

BABY_NAMES = ["Nikau", "Aria", "Mila", "Tama", "Isla", "Kauri", "Hana", "Leo", "Manaia",
              "Anahera", "Oliver", "Amelia", "Ihaia", "Maia", "Ruby", "Tūī", "Sione", "Losana",
              "Malachi", "Ariki", "Zara", "Noah"]

IWI = ["Ngāpuhi", "Ngāti Porou", "Waikato-Tainui", "Ngāti Kahungunu", "Ngāi Tahu", "Ngāi Tūhoe",
       "Te Arawa", "Ngāti Maniapoto", "Te Rarawa", "Ngāti Whātua", "Te Āti Awa", "Ngāti Raukawa",
       "Te Ātihaunui-a-Pāpārangi", "Rongowhakaata", "Te Aitanga-a-Māhaki", "Ngāti Tūwharetoa",
       "Ngāti Awa", "Ngāti Ruanui", "Ngāi Te Rangi", "Ngāti Toa Rangatira", "Rangitāne",
       "Ngāti Kahu", "Te Aupōuri", "Ngāti Hauā"]

HAPU = ["Ngāti Hine", "Ngāti Rangi", "Ngāti Whakaue", "Ngāti Pikiao", "Ngāti Hinerangi",
        "Ngāti Pūkenga", "Te Whānau a Ruataupare", "Ngāti Kurī", "Ngāti Kauwhata", "Don't know"]
MARAE = ["Hungahungatoroa", "Whareroa", "Tamapahore", "Huria", "Waitaha", "Te Hēru o Tūreia",
         "Ōtāwhao", "Pāpāmoa Kōkiri", ""]

NOTES = [
    "Engaged well this quarter and attended most sessions.",
    "{g} is feeling more confident with bedtime routines.",
    "Missed two sessions because of illness in the whare.",
    "Transport is a barrier – arranged taxi chits for group days.",
    "Referred on to budgeting service.",
    "Pēpi is thriving and feeding well.",
    "Whānau hui held at the marae, good turnout.",
    "Moved house during the quarter; new address updated.",
    "Completed the Circle of Security workbook.",
    "Requested an interpreter for the next session.",
    "Partner has started coming to some sessions too.",
    "Keen to join the next cohort.",
    "Housing is still insecure, linked with Kāinga Ora.",
    "Good progress towards the goals set at intake.",
    "Declined home visit this month, phone contact instead.",
    "Says the group has \"really helped\" with stress.",
    "Lots of kōrero about boundaries and routines; went well.",
    "Phone disconnected for a few weeks, reconnected now.",
    "Attending antenatal classes alongside the programme.",
    "Court date coming up, support letter provided.",
    "Started part-time work, sessions moved to evenings.",
    "{g}’s confidence has grown a lot since intake.",
    "Tamariki enrolled at the local kōhanga reo.",
    "Food parcel provided twice this quarter.",
    "No concerns raised at last visit.",
    "Would like more one-to-one support.",
    "Safety plan reviewed with key worker.",
    "Settling in well, children started school.",
]

STREETS_GENERIC = ["Kowhai Street", "Rata Road", "Tui Crescent", "Puriri Avenue",
                   "Pohutukawa Drive", "Station Road", "Victoria Street", "George Street",
                   "Karaka Place", "Mahoe Way", "Nikau Grove", "Totara Avenue", "Rimu Road",
                   "Harakeke Lane", "King Street", "Miro Place"]

REGIONS = {
    "tairawhiti": ("06", [("Kaiti", "Gisborne", "4010"), ("Elgin", "Gisborne", "4010"),
                          ("Mangapapa", "Gisborne", "4010"), ("Te Hāpara", "Gisborne", "4010"),
                          ("Whataupoko", "Gisborne", "4010"), ("", "Ruatōria", "4032"),
                          ("", "Tolaga Bay", "4077")],
                   ["Huxley Road", "Wainui Road", "Tyndall Road", "Ormond Road", "Lytton Road",
                    "Pākōwhai Street", "Turenne Street"], False),
    "porirua": ("04", [("Cannons Creek", "Porirua", "5024"), ("Waitangirua", "Porirua", "5024"),
                       ("Ascot Park", "Porirua", "5024"), ("Titahi Bay", "Porirua", "5022"),
                       ("Porirua East", "Porirua", "5024"), ("Ranui", "Porirua", "5024")],
                ["Mungavin Avenue", "Castor Crescent", "Warspite Avenue", "Bedford Street",
                 "Champion Street", "Niagara Street", "Awarua Street"], False),
    "hurunui": ("03", [("Leithfield", "Amberley", "7481"), ("Balcairn", "Amberley", "7483"),
                       ("Waikari", "Hawarden", "7385"), ("Rotherham", "Culverden", "7392"),
                       ("", "Hanmer Springs", "7334"), ("Domett", "Cheviot", "7383"),
                       ("", "Amberley", "7410")],
                ["Carters Road", "Douglas Road", "Scargill Valley Road", "Mouse Point Road",
                 "Main North Road", "Hurunui Bluff Road", "Leslie Hills Road"], True),
    "hamilton": ("07", [("Nawton", "Hamilton", "3200"), ("Dinsdale", "Hamilton", "3204"),
                        ("Enderley", "Hamilton", "3214"), ("Fairfield", "Hamilton", "3214"),
                        ("Hillcrest", "Hamilton", "3216"), ("Melville", "Hamilton", "3206"),
                        ("Frankton", "Hamilton", "3204"), ("Glenview", "Hamilton", "3206")],
                 ["Grandview Road", "Bader Street", "Tuhikaramea Road", "Peachgrove Road",
                  "Clarkin Road", "Boundary Road", "Killarney Road", "Heaphy Terrace"], False),
    "huntly": ("07", [("", "Huntly", "3700"), ("Huntly West", "Huntly", "3700"),
                      ("", "Ngāruawāhia", "3720"), ("", "Te Kauwhata", "3710"),
                      ("", "Taupiri", "3721")],
               ["Great South Road", "Harris Street", "Galileo Street", "Herschel Street",
                "Waikato Esplanade", "Rimu Street"], False),
    "whanganui": ("06", [("Gonville", "Whanganui", "4501"), ("Castlecliff", "Whanganui", "4501"),
                         ("Aramoho", "Whanganui", "4500"), ("Springvale", "Whanganui", "4501"),
                         ("Whanganui East", "Whanganui", "4500"), ("", "Marton", "4710")],
                  ["Alma Road", "Puriri Street", "Matipo Street", "Duncan Street", "Heads Road",
                   "Carson Street"], False),
    "whangarei": ("09", [("Otangarei", "Whangārei", "0112"), ("Tikipunga", "Whangārei", "0112"),
                         ("Raumanga", "Whangārei", "0110"), ("Kensington", "Whangārei", "0112"),
                         ("Morningside", "Whangārei", "0110"), ("", "Kaikohe", "0405"),
                         ("", "Moerewa", "0211"), ("", "Kaitāia", "0410")],
                  ["Kamo Road", "Corks Road", "Otangarei Road", "Tui Crescent",
                   "Raumanga Valley Road", "Mangakahia Road", "Broadway"], False),
    "christchurch": ("03", [("Aranui", "Christchurch", "8061"), ("Linwood", "Christchurch", "8062"),
                            ("Hornby", "Christchurch", "8042"), ("Addington", "Christchurch", "8024"),
                            ("Shirley", "Christchurch", "8013"), ("Papanui", "Christchurch", "8053"),
                            ("Phillipstown", "Christchurch", "8011"),
                            ("Woolston", "Christchurch", "8023")],
                     ["Breezes Road", "Hampshire Street", "Gloucester Street", "Buchan Street",
                      "Shortland Street", "Pages Road", "Main South Road", "Marshland Road"], False),
    "manukau": ("09", [("Ōtara", "Auckland", "2023"), ("Māngere", "Auckland", "2022"),
                       ("Māngere East", "Auckland", "2024"), ("Papatoetoe", "Auckland", "2025"),
                       ("Manurewa", "Auckland", "2102"), ("Clendon Park", "Auckland", "2103"),
                       ("Ōtāhuhu", "Auckland", "1062")],
                ["Bairds Road", "Tidal Road", "Massey Road", "Great South Road", "Shifnal Drive",
                 "Russell Road", "Idlewild Avenue", "Kiwi Tamaki Road"], False),
    "rotorua": ("07", [("Fordlands", "Rotorua", "3015"), ("Koutu", "Rotorua", "3010"),
                       ("Western Heights", "Rotorua", "3015"), ("Ngongotahā", "Rotorua", "3010"),
                       ("Owhata", "Rotorua", "3010"), ("Pukehangi", "Rotorua", "3015")],
                ["Malfroy Road", "Old Taupo Road", "Ranolf Street", "Pukehangi Road",
                 "Clayton Road", "Kawaha Point Road"], False),
    "manawatu": ("06", [("Highbury", "Palmerston North", "4412"),
                        ("Roslyn", "Palmerston North", "4414"),
                        ("Awapuni", "Palmerston North", "4412"),
                        ("Takaro", "Palmerston North", "4412"),
                        ("Westbrook", "Palmerston North", "4412"),
                        ("Milson", "Palmerston North", "4414"), ("", "Feilding", "4702")],
                 ["Botanical Road", "Featherston Street", "Tremaine Avenue", "Pioneer Highway",
                  "Newbury Street", "College Street"], False),
    "dunedin": ("03", [("South Dunedin", "Dunedin", "9012"), ("Caversham", "Dunedin", "9012"),
                       ("Brockville", "Dunedin", "9011"), ("Pine Hill", "Dunedin", "9010"),
                       ("Corstorphine", "Dunedin", "9012"),
                       ("North East Valley", "Dunedin", "9010"), ("", "Mosgiel", "9024")],
                ["King Edward Street", "Hillside Road", "Brockville Road", "North Road",
                 "Main South Road", "Gordon Road"], False),
    "hawkes_bay": ("06", [("Flaxmere", "Hastings", "4120"), ("Camberley", "Hastings", "4120"),
                          ("Mahora", "Hastings", "4120"), ("Maraenui", "Napier", "4110"),
                          ("Onekawa", "Napier", "4110"), ("", "Wairoa", "4108")],
                   ["Flaxmere Avenue", "Caernarvon Drive", "Swansea Road", "Riverbend Road",
                    "Kennedy Road", "Tomoana Road"], False),
    "auckland_central": ("09", [("Onehunga", "Auckland", "1061"), ("Ōtāhuhu", "Auckland", "1062"),
                                ("Glen Innes", "Auckland", "1072"), ("Panmure", "Auckland", "1072"),
                                ("Mt Roskill", "Auckland", "1041"),
                                ("Mt Wellington", "Auckland", "1060")],
                         ["Dominion Road", "Taniwha Street", "Church Street", "Mt Albert Road",
                          "Apirana Avenue", "Queens Road"], False),
    "south_waikato": ("07", [("Amisfield", "Tokoroa", "3420"), ("Aotea", "Tokoroa", "3420"),
                             ("Strathmore", "Tokoroa", "3420"), ("Matarawa", "Tokoroa", "3420"),
                             ("", "Putāruru", "3411"), ("", "Tīrau", "3410")],
                      ["Balmoral Drive", "Mossop Road", "Paraonui Road", "Bridge Street",
                       "Logan Street", "Kinloch Street"], False),
    "nelson": ("03", [("Stoke", "Nelson", "7011"), ("Tahunanui", "Nelson", "7011"),
                      ("Atawhai", "Nelson", "7010"), ("The Wood", "Nelson", "7010"),
                      ("Enner Glynn", "Nelson", "7011"), ("", "Motueka", "7120"),
                      ("", "Richmond", "7020")],
               ["Main Road Stoke", "Songer Street", "Waimea Road", "Tahunanui Drive",
                "High Street", "Queen Street"], False),
    "wellington": ("04", [("Kilbirnie", "Wellington", "6022"),
                          ("Strathmore Park", "Wellington", "6022"),
                          ("Newtown", "Wellington", "6021"), ("Miramar", "Wellington", "6022"),
                          ("Berhampore", "Wellington", "6023"),
                          ("Island Bay", "Wellington", "6023")],
                   ["Rongotai Road", "Strathmore Avenue", "Riddiford Street", "Broadway",
                    "Adelaide Road", "Evans Bay Parade", "Crawford Road"], False),
    "ruapehu": ("07", [("", "Taumarunui", "3920"), ("", "Ohakune", "4625"),
                       ("", "Raetihi", "4632"), ("", "National Park", "3948"),
                       ("", "Ōwhango", "3989")],
                ["Hakiaha Street", "Goldfinch Street", "Miro Street", "Seddon Street",
                 "Ward Street", "Carroll Street", "State Highway 4"], True),
    "tauranga": ("07", [("Greerton", "Tauranga", "3112"), ("Merivale", "Tauranga", "3112"),
                        ("Gate Pā", "Tauranga", "3112"), ("Welcome Bay", "Tauranga", "3112"),
                        ("Mount Maunganui", "Tauranga", "3116"), ("Pāpāmoa", "Tauranga", "3118"),
                        ("", "Te Puke", "3119")],
                 ["Cameron Road", "Pooles Road", "Fraser Street", "Welcome Bay Road",
                  "Maunganui Road", "Papamoa Beach Road", "Waihi Road"], False),
}

REFERRAL_DEFAULT = {"Self": 20, "GP": 12, "Midwife": 10, "Plunket": 8, "School": 6,
                    "Oranga Tamariki": 10, "Police": 4, "Church": 3, "Marae": 3, "Whānau": 8,
                    "Hospital": 6, "Court": 2, "Other": 5}

OUT_A = ["Achieved", "Partly achieved", "Not achieved", "Ongoing", "Exited early"]
OUT_B = ["Goal met", "Partial", "Not met", "In progress", "Withdrew"]

GENDER_STYLES = {
    "word": {"F": "Female", "M": "Male", "X": "Another gender"},
    "lower": {"F": "female", "M": "male", "X": "another gender"},
    "mfx": {"F": "F", "M": "M", "X": "X"},
    "mfx_lower": {"F": "f", "M": "m", "X": "x"},
    "num": {"F": "2", "M": "1", "X": "3"},
    "reo": {"F": "Wahine", "M": "Tāne", "X": "Another gender"},
}
CONSENT_STYLES = {
    "yes": ("Yes", "No"), "yes_lower": ("yes", "no"), "yn": ("Y", "N"), "yn_lower": ("y", "n"),
    "tf": ("TRUE", "FALSE"), "tf_lower": ("true", "false"), "cd": ("Consented", "Declined"),
    "reo": ("Āe", "Kāo"), "bool": (True, False),
}

_DEMAC = str.maketrans("āēīōūĀĒĪŌŪ", "aeiouAEIOU")


def demac(s):
    return s.translate(_DEMAC) if isinstance(s, str) else s


# --------------------------------------------------------------------------- identifiers
NHI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # value = index + 1 (A=1..H=8, J=9..N=13, P=14..Z=24)


def make_nhi(rng):
    while True:
        letters = [rng.choice(NHI_LETTERS) for _ in range(3)]
        digits = [rng.randrange(10) for _ in range(3)]
        vals = [NHI_LETTERS.index(c) + 1 for c in letters] + digits
        rem = sum(v * w for v, w in zip(vals, (7, 6, 5, 4, 3, 2), strict=False)) % 11
        if rem == 0:
            continue
        check = 11 - rem
        if check == 10:
            check = 0
        return "".join(letters) + "".join(map(str, digits)) + str(check)


def _ird_check(base8):
    digits = [int(c) for c in f"{base8:08d}"]
    for weights in ((3, 2, 7, 6, 5, 4, 3, 2), (7, 4, 3, 2, 5, 2, 7, 6)):
        r = sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
        c = 0 if r == 0 else 11 - r
        if c != 10:
            return c
    return None


def make_ird(rng):
    while True:
        base = rng.randrange(1_000_000, 15_000_000)
        c = _ird_check(base)
        if c is None:
            continue
        n = base * 10 + c
        if 10_000_000 <= n <= 150_000_000:
            return n


# --------------------------------------------------------------------------- helpers
def weighted(rng, pairs):
    items = list(pairs.items()) if isinstance(pairs, dict) else list(pairs)
    x = rng.random() * sum(w for _, w in items)
    for it, w in items:
        x -= w
        if x < 0:
            return it
    return items[-1][0]


def rand_date(rng, a, b):
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def fmt_date(d, style):
    if d is None or d == "":
        return ""
    if style == "cell":
        return d
    if style == "dmy":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dmy_np":
        return f"{d.day}/{d.month}/{d.year}"
    if style == "dmy_dash":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "dmy_dot":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "dmon":
        return f"{d.day:02d}-{MON[d.month - 1]}-{d.year}"
    if style == "dmon_sp":
        return f"{d.day} {MON[d.month - 1]} {d.year}"
    raise ValueError(style)


def fmt_ts(t, style):
    if style == "cell":
        return t
    if style == "iso":
        return t.strftime("%Y-%m-%d %H:%M:%S")
    if style == "iso_t":
        return t.strftime("%Y-%m-%dT%H:%M:%S")
    if style == "dmy":
        return f"{t.day}/{t.month:02d}/{t.year} {t.hour:02d}:{t.minute:02d}"
    if style == "form":
        return f"{t.day:02d}/{t.month:02d}/{t.year} {t.hour:02d}:{t.minute:02d}:{t.second:02d}"
    if style == "ampm":
        h = t.hour % 12 or 12
        return f"{t.day}/{t.month:02d}/{t.year} {h}:{t.minute:02d} {'a.m.' if t.hour < 12 else 'p.m.'}"
    raise ValueError(style)


def fmt_phone(num, style):
    """num = (prefix, 7 digits) e.g. ('021', '2345678') or ('07', '8381234')."""
    if not num:
        return ""
    p, d = num
    mobile = p.startswith("02")
    if style == "compact":
        return p + d
    if style == "intl":
        return f"+64 {p[1:]} {d[:3]} {d[3:]}"
    if style == "dash":
        return f"{p}-{d[:3]}-{d[3:]}"
    if style == "paren" and not mobile:
        return f"({p}) {d[:3]} {d[3:]}"
    return f"{p} {d[:3]} {d[3:]}"


def fmt_ird(n, style):
    if not n:
        return ""
    s9 = f"{n:09d}"
    if style == "plain":
        return str(n)
    if style == "pad9":
        return s9
    if style == "dash":
        return f"{s9[:3]}-{s9[3:6]}-{s9[6:]}"
    if style == "space":
        return f"{s9[:3]} {s9[3:6]} {s9[6:]}"
    raise ValueError(style)


def ascii_slug(s):
    s = demac(s).lower()
    for ch in "áéíóúñüë":
        s = s.replace(ch, {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "ñ": "n",
                           "ü": "u", "ë": "e"}[ch])
    return "".join(c for c in s if c.isalnum())


def person_name(rng, group, sex):
    pool = NAMES[group]
    key = sex if sex in ("F", "M") else rng.choice("FM")
    return rng.choice(pool[key]), rng.choice(pool["fam"])


# --------------------------------------------------------------------------- records
def make_record(rng, L, q, ctx, seen):
    qs, qe = QUARTERS[q]
    group = weighted(rng, L["mix"])
    pool = NAMES[group]
    fem = L.get("female", 0.72)
    x = rng.random()
    allow_x = L.get("allow_x", True)
    sex = "F" if x < fem else ("X" if allow_x and x > 0.985 else "M")
    key = sex if sex != "X" else rng.choice("FM")
    given = rng.choice(pool[key])
    first = given
    if rng.random() < 0.22:
        second = rng.choice(pool[key])
        if second != given and " " not in given:
            given = f"{given} {second}"
    family = rng.choice(pool["fam"])
    if group in ("maori", "pakeha") and rng.random() < 0.05:
        other = rng.choice(NAMES["pakeha" if group == "maori" else "maori"]["fam"])
        if " " not in other and " " not in family:
            family = f"{family}-{other}"
    eth = list(weighted(rng, pool["eth"]))
    iwi = []
    if "Māori" in eth and rng.random() < 0.85:
        k = weighted(rng, {1: 70, 2: 25, 3: 5})
        choices = L.get("iwi", IWI)
        while len(iwi) < k:
            v = rng.choice(choices) if rng.random() < 0.8 else rng.choice(IWI)
            if v not in iwi:
                iwi.append(v)
    lo, hi = L.get("ages", (17, 64))
    mu = (lo + hi) / 2 if "ages" in L else 31
    age = max(lo, min(hi, round(rng.gauss(mu, (hi - lo) / 4 if "ages" in L else 8))))
    dob = dt.date(qe.year - age, qe.month, qe.day) - dt.timedelta(days=rng.randint(0, 364))

    nhi = ""
    if rng.random() < L.get("nhi_rate", 0.9):
        while True:
            nhi = make_nhi(rng)
            if nhi not in seen:
                seen.add(nhi)
                break
    ird = make_ird(rng) if rng.random() < L.get("ird_rate", 0.7) else 0

    area, places, streets, rural = REGIONS[ctx.get("region", L["region"])]
    places = ctx.get("places", places)
    suburb, town, pcode = rng.choice(places)
    street_name = rng.choice(streets if rng.random() < 0.75 else STREETS_GENERIC)
    num = rng.randint(100, 2999) if rural and rng.random() < 0.6 else rng.randint(1, 240)
    street = f"{num} {street_name}"
    if not rural and rng.random() < 0.12:
        street = f"{rng.randint(1, 6)}/{street}"
    elif not rural and rng.random() < 0.05:
        street = f"Flat {rng.randint(1, 9)}, {street}"

    def mobile():
        return (rng.choice(["021", "022", "027", "020", "029", "027", "021"]),
                f"{rng.randint(2, 9)}{rng.randint(0, 999999):06d}")

    mob = mobile() if rng.random() < 0.95 else None
    home = (area, f"{rng.randint(2, 9)}{rng.randint(0, 999999):06d}") if rng.random() < 0.45 else None
    if home is None and rng.random() < 0.25:
        home = mobile()

    email = ""
    if rng.random() < L.get("email_rate", 0.8):
        g, f = ascii_slug(first), ascii_slug(family)
        pat = rng.choice(["{g}.{f}", "{g}{f}{n}", "{g}_{f}", "{f}{g0}", "{g}{n}", "{g}.{f}{n}"])
        local = pat.format(g=g, f=f, n=rng.randint(1, 99), g0=g[:1])
        email = local + "@" + rng.choice(["gmail.com", "gmail.com", "hotmail.com", "outlook.com",
                                          "xtra.co.nz", "yahoo.co.nz", "icloud.com"])

    caregiver = ""
    relation = ""
    if rng.random() < 0.8:
        relation = rng.choice(["Partner", "Mother", "Nan", "Aunty", "Sister", "Friend",
                               "Koro", "Cousin", "Partner"])
        csex = {"Partner": "M" if sex == "F" else "F", "Koro": "M"}.get(relation, "F")
        cg, cf = person_name(rng, group, csex)
        if relation != "Friend" and rng.random() < 0.5:
            cf = family
        caregiver = f"{cg} {cf}"

    if ctx.get("programme"):
        programme = ctx["programme"]
    elif isinstance(L["programmes"], dict):
        programme = weighted(rng, L["programmes"])
    else:
        programme = rng.choice(L["programmes"])
    referral = weighted(rng, L.get("referral", REFERRAL_DEFAULT))
    service = rand_date(rng, qs, qe)
    start = service - dt.timedelta(days=int(rng.triangular(0, 720, 60)))
    if start < dob + dt.timedelta(days=365 * 15):
        start = service
    weeks = max(1, (service - start).days // 7)
    sessions = min(40, rng.randint(1, max(1, min(weeks, 30)) + 1))
    if rng.random() < 0.03:
        sessions = 0
    exited = ctx.get("exited")
    if exited is None:
        exited = rng.random() < 0.12
    if exited:
        oi = weighted(rng, {0: 45, 1: 25, 2: 10, 4: 20})
        exit_date = rand_date(rng, service, qe)
    else:
        oi = weighted(rng, {3: 70, 0: 15, 1: 15})
        exit_date = None
    wb_s = rng.randint(2, 7)
    wb_e = max(1, min(10, wb_s + rng.choice([-1, 0, 1, 1, 2, 2, 3, 3, 4])))
    if oi == 3 and rng.random() < 0.25:
        wb_e = None
    k = weighted(rng, {1: 45, 2: 40, 3: 15})
    picks = rng.sample(NOTES, k)
    notes = " ".join(p.format(g=first) for p in picks)
    worker = rng.randrange(len(L["staff"]))
    return dict(group=group, sex=sex, given=given, first=first, family=family, dob=dob, age=age, nhi=nhi,
                ird=ird, mob=mob, home=home, email=email, street=street, suburb=suburb,
                town=town, postcode=pcode, eth=eth, iwi=iwi, caregiver=caregiver,
                relation=relation, programme=programme, referral=referral, service=service,
                start=start, sessions=sessions, outcome=oi, wb_s=wb_s, wb_e=wb_e, notes=notes,
                worker=worker, exited=exited, exit_date=exit_date, invalid=None, ref=None,
                consent=rng.random() < 0.8, consent_blank=rng.random() < 0.04)


def render(col, rec, L, rng, q, ctx):
    _header, _target, kind, o = col
    qs, qe = QUARTERS[q]
    ds = o.get("date", L["date"])
    inv = rec["invalid"]
    g = rec
    if kind == "ref":
        fmt = o.get("fmt", "{n}")
        return g["ref"] if fmt == "int" else fmt.format(n=g["ref"])
    if kind == "full":
        if inv == "noname":
            return ""
        st = o.get("style", "FL")
        if st == "LF":
            return f"{g['family'].upper()}, {g['given']}"
        if st == "Lf":
            return f"{g['family']}, {g['given']}"
        return f"{g['given']} {g['family']}"
    if kind == "family":
        if inv == "noname":
            return ""
        return g["family"].upper() if o.get("upper") else g["family"]
    if kind == "given":
        if inv == "noname":
            return ""
        return g["given"]
    if kind == "dob":
        if inv == "dob":
            return o.get("unknown", "unknown")
        return fmt_date(g["dob"], ds)
    if kind == "age":
        return "" if inv == "dob" else g["age"]
    if kind == "nhi":
        return "" if inv == "noname" else g["nhi"]
    if kind == "ird":
        return fmt_ird(g["ird"], o.get("style", "plain"))
    if kind in ("mob", "home"):
        num = g[kind]
        if o.get("numeric") and num and rng.random() < 0.6:
            return int((num[0] + num[1]).lstrip("0"))
        return fmt_phone(num, o.get("style", L.get("phone", "spaced")))
    if kind == "phone2":
        if rng.random() < 0.4:
            return ""
        return fmt_phone((rng.choice(["021", "022", "027"]),
                          f"{rng.randint(2, 9)}{rng.randint(0, 999999):06d}"),
                         o.get("style", L.get("phone", "spaced")))
    if kind == "email":
        return g["email"]
    if kind == "addr":
        parts = [g["street"]]
        if g["suburb"]:
            parts.append(g["suburb"])
        last = g["town"] if (o.get("nopc") and rng.random() < 0.5) else f"{g['town']} {g['postcode']}"
        parts.append(last)
        sep = "\n" if (o.get("multiline") and rng.random() < 0.5) else ", "
        return sep.join(parts)
    if kind == "street":
        return g["street"]
    if kind == "suburb":
        return g["suburb"]
    if kind == "town":
        return g["town"]
    if kind == "postcode":
        return int(g["postcode"]) if o.get("int") else g["postcode"]
    if kind == "caregiver":
        if o.get("rel") and g["caregiver"]:
            return f"{g['caregiver']} ({g['relation']})"
        return g["caregiver"]
    if kind == "relationship":
        return g["relation"]
    if kind == "worker":
        return L["staff"][g["worker"]]
    if kind == "worker_id":
        return L["staff_ids"][g["worker"]]
    if kind == "eth":
        vals = [ETH_CODES[e] for e in g["eth"]] if o.get("codes") else g["eth"]
        return o.get("sep", "; ").join(vals)
    if kind == "eth_n":
        i = o["n"] - 1
        if i >= len(g["eth"]):
            return ""
        return ETH_CODES[g["eth"][i]] if o.get("codes") else g["eth"][i]
    if kind == "iwi":
        return o.get("sep", "; ").join(g["iwi"])
    if kind == "gender":
        return GENDER_STYLES[o.get("style", "word")][g["sex"]]
    if kind == "consent":
        if g["consent_blank"]:
            return ""
        yes, no = CONSENT_STYLES[o.get("style", "yes")]
        return yes if g["consent"] else no
    if kind == "programme":
        return g["programme"]
    if kind == "referral":
        return g["referral"]
    if kind == "service":
        return fmt_date(g["service"], ds)
    if kind == "start":
        return fmt_date(g["start"], ds)
    if kind == "sessions":
        return g["sessions"]
    if kind == "sessions_offered":
        return g["sessions"] + rng.randint(0, 6)
    if kind == "dna":
        return rng.randint(0, 4)
    if kind == "outcome":
        return (OUT_B if o.get("set") == "B" else OUT_A)[g["outcome"]]
    if kind == "wb_start":
        return g["wb_s"]
    if kind == "wb_end":
        return "" if g["wb_e"] is None else g["wb_e"]
    if kind == "notes":
        n = g["notes"]
        if o.get("newlines") and ". " in n and rng.random() < 0.15:
            n = n.replace(". ", ".\n", 1)
        return n
    # ---- distractors (target null)
    if kind == "child_dob":
        return fmt_date(qe - dt.timedelta(days=rng.randint(30, 365 * 14)), ds)
    if kind == "baby_dob":
        if rng.random() < 0.15:
            return ""
        return fmt_date(qe - dt.timedelta(days=rng.randint(5, 700)), ds)
    if kind == "edd":
        return "" if rng.random() < 0.8 else fmt_date(qe + dt.timedelta(days=rng.randint(10, 250)), ds)
    if kind == "exit_date":
        return fmt_date(g["exit_date"], ds) if g["exit_date"] else ""
    if kind == "exit_reason":
        if not g["exit_date"]:
            return ""
        return {0: "Goals achieved", 1: "Moved out of area", 2: "Lost contact",
                4: "Client withdrew"}.get(g["outcome"], "Other")
    if kind == "referrer":
        rg, rf = person_name(rng, rng.choice(["pakeha", "maori", "indian", "samoan"]), rng.choice("FM"))
        return rng.choice([f"Dr {rg} {rf}", f"{rg} {rf}", f"{rg} {rf} (Midwife)", f"{rg} {rf} - OT",
                           f"{rg[0]}. {rf}"])
    if kind == "gp":
        rg, rf = person_name(rng, rng.choice(["pakeha", "indian", "chinese", "maori"]), rng.choice("FM"))
        return f"Dr {rg[0]}. {rf}" if rng.random() < 0.6 else f"Dr {rg} {rf}"
    if kind == "gp_practice":
        place = g["suburb"] or g["town"]
        return rng.choice([f"{place} Medical Centre", f"{g['town']} Family Health",
                           f"{place} Health Centre", "Te Hauora o te Tonga", "City Med"])
    if kind == "office":
        return ctx.get("office") or rng.choice(L.get("offices", ["Main office"]))
    if kind == "n_children":
        return weighted(rng, {1: 35, 2: 30, 3: 18, 4: 9, 5: 5, 6: 3})
    if kind == "language":
        return rng.choice(NAMES[g["group"]]["lang"])
    if kind == "interpreter":
        lang = NAMES[g["group"]]["lang"][0]
        yes, no = o.get("yn", ("Y", "N"))
        return yes if lang not in ("English",) and rng.random() < 0.6 else no
    if kind == "transport":
        return rng.choice(o.get("vals", ["Y", "N", "N", "N"]))
    if kind == "funding":
        return rng.choice(L.get("funding", ["WO-01", "WO-02"]))
    if kind == "koha":
        return rng.choice(["$20", "$10", "", "kai", "$0", "petrol voucher"])
    if kind == "updated":
        t = dt.datetime.combine(qe + dt.timedelta(days=rng.randint(-25, 8)),
                                dt.time(rng.randint(7, 18), rng.randint(0, 59), rng.randint(0, 59)))
        return fmt_ts(t, o.get("ts", "iso"))
    if kind == "timestamp":
        t = dt.datetime.combine(rand_date(rng, qs, qe),
                                dt.time(rng.choice([9, 10, 11, 13, 14, 19, 20, 21]),
                                        rng.randint(0, 59), rng.randint(0, 59)))
        return fmt_ts(t, o.get("ts", "form"))
    if kind == "referral_date":
        return fmt_date(g["start"] - dt.timedelta(days=rng.randint(3, 60)), ds)
    if kind == "country":
        return rng.choice(NAMES[g["group"]]["country"])
    if kind == "arrival":
        return fmt_date(qe - dt.timedelta(days=rng.randint(60, 365 * 6)), ds)
    if kind == "church":
        ch = NAMES[g["group"]].get("church")
        return rng.choice(ch) if ch and rng.random() < 0.8 else ""
    if kind == "hapu":
        return rng.choice(HAPU) if g["iwi"] else ""
    if kind == "marae":
        return rng.choice(MARAE) if g["iwi"] else ""
    if kind == "cohort":
        return rng.choice(["Wānanga A", "Wānanga B", "Term 1 – Tue 6pm", "Term 2 – Thu 10am"])
    if kind == "rownum":
        return ctx["_rownum"]
    if kind == "school":
        return rng.choice(["Tikipunga High School", "Whangārei Girls' High School", "NorthTec",
                           "Te Kura", "Not enrolled", "He Puna Marama", ""])
    if kind == "baby_name":
        return rng.choice(BABY_NAMES)
    if kind == "preferred":
        return "" if rng.random() < 0.75 else rng.choice(["Bub", "Tash", "Nan", g["first"][:4]])
    if kind == "childcare":
        return rng.choice(["Yes", "No", "No", "Maybe"])
    if kind == "const":
        return o["value"]
    raise ValueError(kind)


# --------------------------------------------------------------------------- writers
PY_ENC = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "windows-1252": "cp1252", "utf-16": "utf-16"}
FIXED_TIME = dt.datetime(2026, 1, 1, 9, 0, 0)


def write_csv(path, shape, headers, rows):
    nl = shape.get("nl", "\r\n")
    buf = io.StringIO(newline="")
    for line in shape.get("pre", []):
        buf.write(line + nl)
    w = csv.writer(buf, delimiter=shape["delimiter"], lineterminator=nl)
    w.writerow(headers)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    data = buf.getvalue().encode(PY_ENC[shape["encoding"]])
    if shape.get("gz"):
        with open(path, "wb") as fh, gzip.GzipFile(filename=path.name[:-3], mode="wb", fileobj=fh, mtime=0) as gz:
            gz.write(data)
    else:
        path.write_bytes(data)


def write_xlsx(path, shape, tables, columns):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor=shape.get("fill", "DDEBF7"))
    wb = Workbook()
    wb.remove(wb.active)
    cover = shape.get("cover")
    if cover:
        ws = wb.create_sheet(cover["name"])
        for i, line in enumerate(cover["lines"], 1):
            if isinstance(line, tuple):
                ws.cell(i, 1, line[0]).font = bold
                ws.cell(i, 2, line[1])
            elif line:
                ws.cell(i, 1, line).font = Font(bold=(i == 1), size=14 if i == 1 else 11)
        ws.column_dimensions["A"].width = 22
        ws.column_dimensions["B"].width = 60
    header_rows = []
    for t in tables:
        ws = wb.create_sheet(t["sheet"])
        r = 0
        for i, title in enumerate(shape.get("titles", [])):
            r += 1
            if title:
                ws.cell(r, 1, title).font = Font(bold=True, size=14 if i == 0 else 11)
        if shape.get("merged"):
            r += 1
            j = 0
            while j < len(columns):
                grp = columns[j][3].get("group")
                k = j
                while k + 1 < len(columns) and columns[k + 1][3].get("group") == grp:
                    k += 1
                if grp:
                    c = ws.cell(r, j + 1, grp)
                    c.font = bold
                    c.fill = fill
                    c.alignment = Alignment(horizontal="center")
                    if k > j:
                        ws.merge_cells(start_row=r, start_column=j + 1, end_row=r, end_column=k + 1)
                j = k + 1
        r += 1
        for j, h in enumerate(t["headers"]):
            c = ws.cell(r, j + 1, h)
            c.font = bold
            if not shape.get("merged"):
                c.fill = fill
            if "\n" in h:
                c.alignment = Alignment(wrap_text=True, vertical="top")
            ws.column_dimensions[get_column_letter(j + 1)].width = max(9, min(30, len(h) + 3))
        header_rows.append(r)
        for row in t["rows"]:
            r += 1
            for j, v in enumerate(row):
                if v is None or v == "":
                    continue
                c = ws.cell(r, j + 1, v)
                if isinstance(v, dt.datetime):
                    c.number_format = shape.get("ts_fmt", "dd/mm/yyyy hh:mm")
                elif isinstance(v, dt.date):
                    c.number_format = shape.get("date_fmt", "dd/mm/yyyy")
                elif isinstance(v, str) and "\n" in v:
                    c.alignment = Alignment(wrap_text=True)
        if shape.get("freeze"):
            ws.freeze_panes = ws.cell(header_rows[-1] + 1, 1)
    wb.properties.creator = shape.get("creator", "Quarterly return")
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.save(path)
    return header_rows


def _ods_cell(v):
    if v is None or v == "":
        return "<table:table-cell/>"
    paras = "".join(f"<text:p>{escape(p)}</text:p>" for p in str(v).split("\n"))
    return f'<table:table-cell office:value-type="string">{paras}</table:table-cell>'


def write_ods(path, shape, tables):
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n'
             '<office:document-content '
             'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
             'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
             'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
             'office:version="1.2"><office:body><office:spreadsheet>']
    header_rows = []
    for t in tables:
        ncols = len(t["headers"])
        parts.append(f'<table:table table:name="{escape(t["sheet"])}">'
                     f'<table:table-column table:number-columns-repeated="{ncols}"/>')
        r = 0
        for title in shape.get("titles", []):
            r += 1
            parts.append("<table:table-row>" + _ods_cell(title) + "</table:table-row>")
        r += 1
        header_rows.append(r)
        for row in [t["headers"]] + t["rows"]:
            parts.append("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>")
        parts.append("</table:table>")
    parts.append("</office:spreadsheet></office:body></office:document-content>")
    content = "".join(parts).encode("utf-8")
    manifest = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
                b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                b'manifest:version="1.2">'
                b'<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
                b'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                b'</manifest:manifest>')
    stamp = (2026, 1, 1, 9, 0, 0)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype", stamp),
                   b"application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr(zipfile.ZipInfo("META-INF/manifest.xml", stamp), manifest,
                   compress_type=zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("content.xml", stamp), content, compress_type=zipfile.ZIP_DEFLATED)
    return header_rows


# --------------------------------------------------------------------------- layouts
def C(header, target, kind, **opts):
    return (header, target, kind, opts)


def layouts():
    L = []
    # ---------------------------------------------------------------- FRESH01
    L.append(dict(
        id="FRESH01", provider="te-whare-awhina-tairawhiti", quarter="2026Q1",
        org="Te Whare Āwhina o Tairāwhiti", region="tairawhiti",
        mix={"maori": 80, "pakeha": 10, "cook": 5, "samoan": 5}, female=0.78, allow_x=False,
        iwi=["Ngāti Porou", "Rongowhakaata", "Te Aitanga-a-Māhaki", "Ngāti Kahungunu", "Ngāi Tāmanuhiri"],
        programmes=["Whānau Ora Navigator", "Mahi Tahi Parenting", "Hapū Wānanga"],
        staff=["Whaea Ngaire Tomoana", "Hemi Pōtae", "Kura Brown", "Matua Rāwiri Kaa"],
        funding=["WO-TRW-01", "WO-TRW-02", "KOHA", "MSD-FS"], date="dmy", phone="spaced",
        shape=dict(kind="csv", format="csv", encoding="utf-8", delimiter=",", nl="\r\n"),
        files=[dict(name="TWA_Tairawhiti_Hoki_Mai_2026Q1.csv", tables=[dict(sheet=None)])],
        features=["csv", "utf-8", "comma", "crlf", "te_reo_headers", "question_header",
                  "full_name_family_first", "ethnicity_single_semicolon", "iwi", "address_single",
                  "gender_reo", "consent_reo", "key_worker", "distractors", "no_client_ref"],
        columns=[
            C("Ingoa (Surname, First)", "full_name", "full", style="LF"),
            C("Rā whānau", "date_of_birth", "dob"),
            C("NHI", "nhi", "nhi"),
            C("Ira", "gender", "gender", style="reo"),
            C("Iwi", "iwi", "iwi", sep="; "),
            C("Mātāwaka", "ethnicity", "eth", sep="; "),
            C("Waea pūkoro", "phone", "mob"),
            C("Wāhi noho", "address", "addr"),
            C("Kaimahi", "key_worker", "worker"),
            C("Hōtaka", "programme", "programme"),
            C("Nā wai i tuku mai?", "referral_source", "referral"),
            C("Rā tīmatanga", "start_date", "start"),
            C("Hui whakamutunga", "service_date", "service"),
            C("Tamariki (how many)", None, "n_children"),
            C("Rā whānau o te pēpi", None, "baby_dob"),
            C("Whakaae ki te aromātai?", "consent_evaluation", "consent", style="reo"),
            C("Kōrero", "case_notes", "notes"),
            C("Koha code", None, "funding"),
        ]))
    # ---------------------------------------------------------------- FRESH02
    L.append(dict(
        id="FRESH02", provider="aiga-matua-pasifika-porirua", quarter="2026Q2",
        org="Aiga Matua Pasifika", region="porirua",
        mix={"samoan": 45, "tongan": 15, "cook": 15, "niuean": 5, "fijian": 5, "maori": 10, "pakeha": 5},
        female=0.7, nhi_rate=0.0,
        programmes=["Aiga Matua", "Fanau Ola", "Tautua Parenting"],
        staff=["Losa Faleolo", "Tevita Hufanga", "Mele Aumua"], date="dmy", phone="compact",
        shape=dict(kind="csv", format="csv", encoding="utf-8-sig", delimiter=";", nl="\r\n"),
        files=[dict(name="AMP Client Return Q2 2026.csv", tables=[dict(sheet=None)])],
        features=["csv", "utf-8-bom", "semicolon", "pacific_language_headers", "names_split",
                  "ethnicity_numbered", "address_split", "multiple_phones", "key_worker",
                  "distractors", "no_nhi"],
        columns=[
            C("Client No", "client_ref", "ref", fmt="AMP-{n:04d}"),
            C("Igoa muamua / First Name", "given_names", "given"),
            C("Surname", "family_name", "family"),
            C("Date Of Birth", "date_of_birth", "dob"),
            C("Gender", "gender", "gender", style="mfx"),
            C("Ethnicity 1", "ethnicity", "eth_n", n=1),
            C("Ethnicity 2", "ethnicity", "eth_n", n=2),
            C("Ethnicity 3", "ethnicity", "eth_n", n=3),
            C("Mobile", "phone", "mob"),
            C("Home Phone", "phone", "home"),
            C("Partner / Spouse Phone", None, "phone2"),
            C("Email Address", "email", "email"),
            C("Street Address", "address_street", "street"),
            C("Suburb", "address_suburb", "suburb"),
            C("City", "address_town", "town"),
            C("Post Code", "address_postcode", "postcode"),
            C("Church", None, "church"),
            C("Language Spoken At Home", None, "language"),
            C("Interpreter Req'd (Y/N)", None, "interpreter"),
            C("Programme", "programme", "programme"),
            C("Referral Source", "referral_source", "referral"),
            C("Sessions Offered", None, "sessions_offered"),
            C("Sessions Attended", "sessions_attended", "sessions"),
            C("Last Session Date", "service_date", "service"),
            C("Consent To Evaluation", "consent_evaluation", "consent", style="yes"),
            C("Facilitator", "key_worker", "worker"),
        ]))
    # ---------------------------------------------------------------- FRESH03
    L.append(dict(
        id="FRESH03", provider="hurunui-rural-health-trust", quarter="2026Q3",
        org="Hurunui Rural Health Trust", region="hurunui", demacron=True,
        mix={"pakeha": 68, "maori": 20, "sea": 7, "latin": 5}, female=0.66,
        programmes=["Rural Parenting Support", "Well Child Outreach", "Mums & Bubs Group"],
        staff=["Sue McKenzie RN", "Janine Ford RN", "Aroha Tait RN", "Renée Dupont RN"],
        offices=["Amberley", "Culverden", "Cheviot"], date="dmy", phone="spaced", sort="ref",
        shape=dict(kind="csv", format="csv", encoding="windows-1252", delimiter=",", nl="\r\n"),
        files=[dict(name="HRHT_QTR_RETURN_JUL-SEP26.CSV", tables=[dict(sheet=None)])],
        features=["csv", "windows-1252", "comma", "all_caps_headers", "macrons_stripped",
                  "names_split", "surname_upper", "ethnicity_codes_slash", "address_split_rural",
                  "multiple_phones", "key_worker", "distractors", "no_consent"],
        columns=[
            C("PATIENT ID", "client_ref", "ref", fmt="int"),
            C("SURNAME", "family_name", "family", upper=True),
            C("FIRST NAMES", "given_names", "given"),
            C("DOB", "date_of_birth", "dob"),
            C("SEX", "gender", "gender", style="mfx"),
            C("NHI NO", "nhi", "nhi"),
            C("ETHNIC GROUP", "ethnicity", "eth", codes=True, sep="/"),
            C("ADDRESS LINE 1", "address_street", "street"),
            C("LOCALITY", "address_suburb", "suburb"),
            C("TOWN", "address_town", "town"),
            C("PCODE", "address_postcode", "postcode"),
            C("PH HOME", "phone", "home", style="paren"),
            C("PH MOBILE", "phone", "mob"),
            C("GP", None, "gp"),
            C("CLINIC", None, "office"),
            C("PROGRAMME", "programme", "programme"),
            C("REFERRED BY", "referral_source", "referral"),
            C("ENROLLED", "start_date", "start"),
            C("LAST CONTACT", "service_date", "service"),
            C("NO. VISITS", "sessions_attended", "sessions"),
            C("TRANSPORT ASSIST", None, "transport"),
            C("NURSE", "key_worker", "worker"),
            C("OUTCOME", "outcome_status", "outcome"),
            C("NOTES", "case_notes", "notes"),
            C("LAST UPDATED", None, "updated", ts="dmy"),
        ]))
    # ---------------------------------------------------------------- FRESH04
    L.append(dict(
        id="FRESH04", provider="refugee-family-link-kirikiriroa", quarter="2026Q4",
        org="Refugee Family Link Kirikiriroa", region="hamilton", nhi_rate=0.0, ird_rate=0.75,
        mix={"middle_eastern": 30, "african": 30, "other_asian": 20, "sea": 15, "latin": 5},
        female=0.66,
        programmes=["Settlement Whānau Support", "Parenting in a New Land", "Early Years Connect"],
        staff=["Farida Noori", "James Okello", "Hannah Reid", "Rima Haddad"],
        referral={"Self": 15, "GP": 10, "Red Cross": 25, "School": 10, "Hospital": 8,
                  "Oranga Tamariki": 5, "Church": 7, "Other": 10, "Whānau": 10},
        date="dmy", phone="spaced",
        shape=dict(kind="csv", format="txt", encoding="utf-16", delimiter="\t", nl="\r\n"),
        files=[dict(name="RFL client return Oct-Dec 2026 (Unicode).txt", tables=[dict(sheet=None)])],
        features=["txt", "utf-16-bom", "tab", "bracket_hints_in_headers", "question_header",
                  "full_name_given_first", "ethnicity_single_comma", "ird", "address_single",
                  "caregiver", "key_worker", "pre_post_scores", "consent_consented_declined",
                  "distractors", "no_nhi"],
        columns=[
            C("Case #", "client_ref", "ref", fmt="RFL{n:04d}"),
            C("Full Name (as on passport)", "full_name", "full", style="FL"),
            C("D.O.B (dd/mm/yyyy)", "date_of_birth", "dob"),
            C("Gender (M/F/X)", "gender", "gender", style="mfx"),
            C("Country of Birth", None, "country"),
            C("Ethnicity (select)", "ethnicity", "eth", sep=", "),
            C("Language", None, "language"),
            C("Interpreter needed? (Y/N)", None, "interpreter"),
            C("Arrival Date in NZ", None, "arrival"),
            C("IRD Number", "ird", "ird", style="dash"),
            C("Phone (mobile)", "phone", "mob"),
            C("Phone (other caregiver)", None, "phone2"),
            C("Email", "email", "email"),
            C("Address (full)", "address", "addr"),
            C("Support person / caregiver", "caregiver_name", "caregiver"),
            C("Caseworker", "key_worker", "worker"),
            C("Service stream", "programme", "programme"),
            C("Referral from", "referral_source", "referral"),
            C("Intake date", "start_date", "start"),
            C("Most recent appt", "service_date", "service"),
            C("No. of children", None, "n_children"),
            C("Wellbeing score - intake (1-10)", "wellbeing_start", "wb_start"),
            C("Wellbeing score - latest (1-10)", "wellbeing_end", "wb_end"),
            C("Consent for evaluation", "consent_evaluation", "consent", style="cd"),
            C("Notes", "case_notes", "notes"),
        ]))
    # ---------------------------------------------------------------- FRESH05
    L.append(dict(
        id="FRESH05", provider="awa-family-start-whanganui", quarter="2026Q1",
        org="Awa Family Start", region="whanganui",
        mix={"maori": 55, "pakeha": 35, "samoan": 5, "indian": 5}, female=0.86,
        iwi=["Te Ātihaunui-a-Pāpārangi", "Ngāti Apa", "Ngā Rauru", "Ngāti Tūwharetoa", "Ngāti Hauiti"],
        programmes=["Family Start"], ages=(16, 45),
        staff=["Tania Metekingi", "Rachel Gray", "Wiremu Tinirau", "Jodie Pearce"],
        staff_ids=["W0412", "W0388", "W0519", "W0601"], offices=["Whanganui", "Marton"],
        funding=["FS-BASE", "FS-ENH", "FS-ANTE"], date="iso", phone="compact", sort="ref",
        shape=dict(kind="csv", format="csv.gz", encoding="utf-8", delimiter=",", nl="\n", gz=True),
        files=[dict(name="familystart_extract_2026Q1.csv.gz", tables=[dict(sheet=None)])],
        features=["csv.gz", "gzip", "utf-8", "comma", "lf", "snake_case_headers", "names_split",
                  "ethnicity_numbered_codes", "gender_numeric", "consent_true_false", "iso_dates",
                  "address_single", "key_worker", "distractors", "no_programme_column"],
        columns=[
            C("client_id", "client_ref", "ref", fmt="FS{n:06d}"),
            C("surname", "family_name", "family"),
            C("given_names", "given_names", "given"),
            C("preferred_name", None, "preferred"),
            C("date_of_birth", "date_of_birth", "dob"),
            C("gender", "gender", "gender", style="num"),
            C("nhi_number", "nhi", "nhi"),
            C("ethnicity_code_1", "ethnicity", "eth_n", n=1, codes=True),
            C("ethnicity_code_2", "ethnicity", "eth_n", n=2, codes=True),
            C("ethnicity_code_3", "ethnicity", "eth_n", n=3, codes=True),
            C("iwi_affiliation", "iwi", "iwi", sep=";"),
            C("mobile_phone", "phone", "mob"),
            C("email_address", "email", "email"),
            C("residential_address", "address", "addr"),
            C("baby_dob", None, "baby_dob"),
            C("edd", None, "edd"),
            C("enrolment_date", "start_date", "start"),
            C("last_home_visit", "service_date", "service"),
            C("home_visits_completed", "sessions_attended", "sessions"),
            C("assigned_whanau_worker", "key_worker", "worker"),
            C("worker_id", None, "worker_id"),
            C("site_office", None, "office"),
            C("referral_source", "referral_source", "referral"),
            C("funding_code", None, "funding"),
            C("exit_date", None, "exit_date"),
            C("consent_research", "consent_evaluation", "consent", style="tf_lower"),
            C("record_updated_at", None, "updated", ts="iso_t"),
        ]))
    # ---------------------------------------------------------------- FRESH06
    L.append(dict(
        id="FRESH06", provider="rangatahi-matua-whangarei", quarter="2026Q2",
        org="Rangatahi Mātua Whangārei", region="whangarei",
        mix={"maori": 70, "pakeha": 20, "tongan": 5, "samoan": 5}, female=0.86, ages=(16, 25),
        iwi=["Ngāpuhi", "Ngāti Whātua", "Te Rarawa", "Ngāti Wai", "Te Aupōuri"],
        programmes=["Young Parents Programme", "Rangatahi Mātua Mentoring"],
        staff=["Kiri Hetaraka", "Daniel Cooper", "Whaea Mere Pou"], date="cell", phone="spaced",
        shape=dict(kind="xlsx", format="xlsx", date_fmt="d/mm/yyyy",
                   titles=["Rangatahi Mātua – Young Parents Programme",
                           "Quarterly client return: April – June 2026", ""]),
        files=[dict(name="Rangatahi Matua Q2 2026 return.xlsx", tables=[dict(sheet="Apr-Jun 26")])],
        features=["xlsx", "title_rows", "lower_case_headers", "full_name_given_first",
                  "date_cells", "ethnicity_single_slash", "iwi", "phone_as_number",
                  "multiline_address", "caregiver_with_relation", "key_worker", "distractors",
                  "outcome_set_b", "no_client_ref", "no_consent"],
        columns=[
            C("name", "full_name", "full", style="FL"),
            C("date of birth", "date_of_birth", "dob"),
            C("age", None, "age"),
            C("nhi", "nhi", "nhi"),
            C("gender", "gender", "gender", style="lower"),
            C("ethnicity", "ethnicity", "eth", sep="/"),
            C("iwi", "iwi", "iwi", sep="; "),
            C("phone", "phone", "mob"),
            C("2nd phone", "phone", "home", numeric=True),
            C("email", "email", "email"),
            C("address", "address", "addr", multiline=True),
            C("baby's name", None, "baby_name"),
            C("baby's dob", None, "baby_dob"),
            C("school / course", None, "school"),
            C("mentor", "key_worker", "worker"),
            C("whānau support person", "caregiver_name", "caregiver", rel=True),
            C("started", "start_date", "start"),
            C("last seen", "service_date", "service"),
            C("sessions", "sessions_attended", "sessions"),
            C("outcome", "outcome_status", "outcome", set="B"),
            C("transport needed?", None, "transport", vals=["yes", "no", "no"]),
            C("notes", "case_notes", "notes"),
        ]))
    # ---------------------------------------------------------------- FRESH07
    L.append(dict(
        id="FRESH07", provider="otautahi-parenting-network", quarter="2026Q3",
        org="Ōtautahi Parenting Network", region="christchurch",
        mix={"pakeha": 55, "maori": 25, "chinese": 5, "indian": 5, "samoan": 5, "african": 5},
        female=0.74,
        programmes=["Triple P Group", "Circle of Security", "Toddlers Without Tears",
                    "Incredible Years Parent"],
        staff=["Bridget O'Connell", "Sam Rewi", "Anna Lindqvist", "Tom Fa'afoi"],
        offices=["Linwood Hub", "Hornby Hub", "Papanui Hub"], date="cell", phone="spaced", sort="ref",
        shape=dict(kind="xlsx", format="xlsx", date_fmt="yyyy-mm-dd", ts_fmt="yyyy-mm-dd hh:mm",
                   freeze=True,
                   cover=dict(name="Cover", lines=[
                       "Quarterly Client Return – Cover Sheet",
                       "",
                       ("Provider", "Ōtautahi Parenting Network"),
                       ("Contact name", "Bridget O'Connell"),
                       ("Contact email", "returns@otautahiparenting.org.nz"),
                       ("Phone", "03 389 4410"),
                       ("Quarter", "2026Q3 (1 July – 30 September 2026)"),
                       "",
                       "Instructions: one row per client per quarter on the 'Client Data' sheet.",
                       "Do not change the column headings. Dates as dd/mm/yyyy or yyyy-mm-dd.",
                   ])),
        files=[dict(name="OPN_QuarterlyReturn_2026-Q3.xlsx", tables=[dict(sheet="Client Data")])],
        features=["xlsx", "cover_sheet", "camel_case_headers", "names_split",
                  "ethnicity_numbered", "address_split", "postcode_numeric", "date_cells",
                  "boolean_consent", "pre_post_scores", "multiple_phones", "key_worker",
                  "distractors", "no_caregiver"],
        columns=[
            C("ClientID", "client_ref", "ref", fmt="OPN{n:05d}"),
            C("FirstName", "given_names", "given"),
            C("LastName", "family_name", "family"),
            C("DateOfBirth", "date_of_birth", "dob"),
            C("Gender", "gender", "gender", style="word"),
            C("NHINumber", "nhi", "nhi"),
            C("EthnicityPrimary", "ethnicity", "eth_n", n=1),
            C("EthnicitySecondary", "ethnicity", "eth_n", n=2),
            C("PhoneMobile", "phone", "mob"),
            C("PhoneHome", "phone", "home"),
            C("EmailAddress", "email", "email"),
            C("AddressLine1", "address_street", "street"),
            C("Suburb", "address_suburb", "suburb"),
            C("City", "address_town", "town"),
            C("PostCode", "address_postcode", "postcode", int=True),
            C("ReferralSource", "referral_source", "referral"),
            C("ReferrerName", None, "referrer"),
            C("ProgrammeName", "programme", "programme"),
            C("EnrolmentDate", "start_date", "start"),
            C("LastAttendanceDate", "service_date", "service"),
            C("AttendanceCount", "sessions_attended", "sessions"),
            C("SessionsScheduled", None, "sessions_offered"),
            C("PreScore", "wellbeing_start", "wb_start"),
            C("PostScore", "wellbeing_end", "wb_end"),
            C("OutcomeStatus", "outcome_status", "outcome"),
            C("EvaluationConsent", "consent_evaluation", "consent", style="bool"),
            C("KeyWorker", "key_worker", "worker"),
            C("StaffOffice", None, "office"),
            C("LastModified", None, "updated", ts="cell"),
        ]))
    # ---------------------------------------------------------------- FRESH08
    otara = [("Ōtara", "Auckland", "2023"), ("Papatoetoe", "Auckland", "2025"),
             ("Manurewa", "Auckland", "2102"), ("Clendon Park", "Auckland", "2103")]
    mangere = [("Māngere", "Auckland", "2022"), ("Māngere East", "Auckland", "2024"),
               ("Ōtāhuhu", "Auckland", "1062"), ("Papatoetoe", "Auckland", "2025")]
    L.append(dict(
        id="FRESH08", provider="moana-aiga-trust-manukau", quarter="2026Q4",
        org="Moana Aiga Trust", region="manukau",
        mix={"samoan": 35, "tongan": 25, "cook": 15, "niuean": 5, "fijian": 5, "maori": 10, "indian": 5},
        female=0.72, ird_rate=0.6,
        programmes=["Aiga Strong", "Fanau Ola Parenting", "Pacific Pēpi"],
        staff=["Sina Toleafoa", "Viliami Latu", "Ruta Marsters", "Fetu Seiuli"],
        date="cell", phone="compact", sort="ref",
        shape=dict(kind="xlsx", format="xlsx", date_fmt="dd/mm/yyyy", freeze=True),
        files=[dict(name="MAT_Q4_2026_clients.xlsx", tables=[
            dict(sheet="OTARA", ctx=dict(places=otara), n=(40, 100)),
            dict(sheet="MANGERE", ctx=dict(places=mangere), n=(40, 100))])],
        features=["xlsx", "two_data_sheets", "caps_snake_headers", "full_name_family_first",
                  "ethnicity_codes_semicolon", "ird", "address_split", "multiple_phones",
                  "caregiver", "key_worker", "date_cells", "outcome_set_b", "distractors"],
        columns=[
            C("CLIENT_REF", "client_ref", "ref", fmt="int"),
            C("CLIENT_NAME", "full_name", "full", style="LF"),
            C("DOB", "date_of_birth", "dob"),
            C("SEX", "gender", "gender", style="mfx"),
            C("NHI", "nhi", "nhi"),
            C("IRD_NO", "ird", "ird", style="plain"),
            C("ETHNICITY", "ethnicity", "eth", codes=True, sep=";"),
            C("PHONE_1", "phone", "mob"),
            C("PHONE_2", "phone", "home"),
            C("EMAIL", "email", "email"),
            C("ADDR_STREET", "address_street", "street"),
            C("ADDR_SUBURB", "address_suburb", "suburb"),
            C("ADDR_CITY", "address_town", "town"),
            C("ADDR_PCODE", "address_postcode", "postcode"),
            C("CHURCH_NAME", None, "church"),
            C("NUM_CHILDREN", None, "n_children"),
            C("OTHER_CAREGIVER", "caregiver_name", "caregiver"),
            C("PROGRAMME", "programme", "programme"),
            C("REFERRAL_SRC", "referral_source", "referral"),
            C("START_DT", "start_date", "start"),
            C("LAST_SESSION_DT", "service_date", "service"),
            C("SESSIONS_ATT", "sessions_attended", "sessions"),
            C("OUTCOME", "outcome_status", "outcome", set="B"),
            C("CONSENT_EVAL", "consent_evaluation", "consent", style="yn"),
            C("KEY_WORKER", "key_worker", "worker"),
            C("LANGUAGE", None, "language"),
        ]))
    # ---------------------------------------------------------------- FRESH09
    L.append(dict(
        id="FRESH09", provider="te-ahi-kaa-whanau-services", quarter="2026Q1",
        org="Te Ahi Kā Whānau Services", region="rotorua",
        mix={"maori": 75, "pakeha": 15, "cook": 5, "fijian": 5}, female=0.74,
        iwi=["Te Arawa", "Ngāti Whakaue", "Ngāti Pikiao", "Ngāi Tūhoe", "Ngāti Tūwharetoa", "Ngāti Awa"],
        programmes=["Whānau Ora", "Mātua Kaha", "Tū Tāne Tū Wahine"],
        staff=["Hinemoa Rika", "Te Rangi Morrison", "Janet Hona"], staff_ids=["TAK07", "TAK11", "TAK02"],
        date="cell", phone="spaced",
        shape=dict(kind="xlsx", format="xlsx", merged=True, date_fmt="d/mm/yyyy", fill="FCE4D6"),
        files=[dict(name="Te Ahi Kaa - Hauora return Jan-Mar 2026.xlsx", tables=[dict(sheet="Kiritaki")])],
        features=["xlsx", "merged_two_row_header", "short_headers_need_group", "names_split",
                  "ethnicity_numbered", "address_split", "iwi", "pre_post_scores", "caregiver",
                  "key_worker_te_reo", "date_cells", "distractors", "no_client_ref"],
        columns=[
            C("Surname", "family_name", "family", group="Client details"),
            C("Given name(s)", "given_names", "given", group="Client details"),
            C("DOB", "date_of_birth", "dob", group="Client details"),
            C("NHI", "nhi", "nhi", group="Client details"),
            C("Gender", "gender", "gender", style="word", group="Client details"),
            C("Iwi", "iwi", "iwi", sep="; ", group="Client details"),
            C("Mobile", "phone", "mob", group="Contact"),
            C("Landline", "phone", "home", group="Contact"),
            C("Email", "email", "email", group="Contact"),
            C("Street", "address_street", "street", group="Contact"),
            C("Suburb", "address_suburb", "suburb", group="Contact"),
            C("Town", "address_town", "town", group="Contact"),
            C("Postcode", "address_postcode", "postcode", group="Contact"),
            C("1st", "ethnicity", "eth_n", n=1, group="Ethnicity"),
            C("2nd", "ethnicity", "eth_n", n=2, group="Ethnicity"),
            C("3rd", "ethnicity", "eth_n", n=3, group="Ethnicity"),
            C("Name", "programme", "programme", group="Programme"),
            C("Started", "start_date", "start", group="Programme"),
            C("Last session", "service_date", "service", group="Programme"),
            C("Sessions attended", "sessions_attended", "sessions", group="Programme"),
            C("Start", "wellbeing_start", "wb_start", group="Wellbeing (1-10)"),
            C("End", "wellbeing_end", "wb_end", group="Wellbeing (1-10)"),
            C("Support person", "caregiver_name", "caregiver", group="Whānau"),
            C("Kaimahi", "key_worker", "worker", group="Whānau"),
            C("Referred by", "referral_source", "referral", group="Referral"),
            C("Referrer name", None, "referrer", group="Referral"),
            C("Referral date", None, "referral_date", group="Referral"),
            C("Exit date", None, "exit_date", group="Admin"),
            C("Worker ID", None, "worker_id", group="Admin"),
            C("Consent", "consent_evaluation", "consent", style="yes"),
            C("Notes", "case_notes", "notes"),
        ]))
    # ---------------------------------------------------------------- FRESH10
    L.append(dict(
        id="FRESH10", provider="mana-tane-matua-manawatu", quarter="2026Q2",
        org="Mana Tāne Mātua Manawatū", region="manawatu",
        mix={"maori": 55, "pakeha": 30, "samoan": 5, "cook": 5, "african": 5}, female=0.03,
        allow_x=False, ages=(18, 60), ird_rate=0.65,
        iwi=["Rangitāne", "Ngāti Raukawa", "Muaūpoko", "Ngāti Kahungunu", "Ngāpuhi"],
        programmes=["Mana Tāne", "Pāpā Time", "Dads Matter"],
        staff=["Matiu Rangitoheriri", "Pete Sullivan", "Hohaia Paki"], date="dmy_dot", phone="spaced",
        shape=dict(kind="ods", format="ods"),
        files=[dict(name="mana_tane_q2_2026.ods", tables=[dict(sheet="Ngā Mātua")])],
        features=["ods", "lower_case_headers", "symbol_headers", "names_split", "ird",
                  "ethnicity_single_comma", "iwi", "hapu_distractor", "address_single",
                  "caregiver", "key_worker", "pre_post_scores", "gender_reo", "no_service_date",
                  "distractors", "fathers_programme"],
        columns=[
            C("client code", "client_ref", "ref", fmt="MT{n:03d}-26"),
            C("first name", "given_names", "given"),
            C("surname", "family_name", "family"),
            C("birth date", "date_of_birth", "dob"),
            C("nhi #", "nhi", "nhi"),
            C("ird #", "ird", "ird", style="dash"),
            C("gender", "gender", "gender", style="reo"),
            C("ethnicity", "ethnicity", "eth", sep=", "),
            C("iwi", "iwi", "iwi", sep="; "),
            C("hapū", None, "hapu"),
            C("cell", "phone", "mob"),
            C("email", "email", "email"),
            C("home address", "address", "addr"),
            C("whānau contact name", "caregiver_name", "caregiver"),
            C("relationship", None, "relationship"),
            C("programme", "programme", "programme"),
            C("cohort", None, "cohort"),
            C("start date", "start_date", "start"),
            C("wānanga attended", "sessions_attended", "sessions"),
            C("pre score", "wellbeing_start", "wb_start"),
            C("post score", "wellbeing_end", "wb_end"),
            C("outcome", "outcome_status", "outcome"),
            C("facilitator", "key_worker", "worker"),
            C("consent y/n", "consent_evaluation", "consent", style="yn_lower"),
        ]))
    return L


def layouts_b():
    L = []
    # ---------------------------------------------------------------- FRESH11
    ham = REGIONS["hamilton"][1]
    hun = REGIONS["huntly"][1]
    cols11 = [
        C("ClientNo", "client_ref", "ref", fmt="int"),
        C("Surname", "family_name", "family"),
        C("Forenames", "given_names", "given"),
        C("BirthDt", "date_of_birth", "dob"),
        C("Sex", "gender", "gender", style="mfx"),
        C("NHI", "nhi", "nhi"),
        C("EthCode1", "ethnicity", "eth_n", n=1, codes=True),
        C("EthCode2", "ethnicity", "eth_n", n=2, codes=True),
        C("IwiAff", "iwi", "iwi", sep=";"),
        C("MobNo", "phone", "mob"),
        C("HomeNo", "phone", "home"),
        C("Addr1", "address_street", "street"),
        C("Addr2", "address_suburb", "suburb"),
        C("Town", "address_town", "town"),
        C("PCode", "address_postcode", "postcode"),
        C("Svc", "programme", "programme"),
        C("RefSrc", "referral_source", "referral"),
        C("StartDt", "start_date", "start"),
        C("LastSvcDt", "service_date", "service"),
        C("NoSess", "sessions_attended", "sessions"),
        C("Outcome", "outcome_status", "outcome", set="B"),
        C("KW", "key_worker", "worker"),
        C("KWID", None, "worker_id"),
        C("Site", None, "office"),
        C("Updated", None, "updated", ts="iso"),
    ]
    L.append(dict(
        id="FRESH11", provider="waikato-whanau-pathways", quarter="2026Q3",
        org="Waikato Whānau Pathways", region="hamilton",
        mix={"maori": 55, "pakeha": 30, "indian": 5, "chinese": 5, "samoan": 5}, female=0.7,
        iwi=["Waikato-Tainui", "Ngāti Maniapoto", "Ngāti Hauā", "Ngāti Raukawa", "Ngāpuhi"],
        programmes=["Strengthening Families", "Parenting Group", "Whānau Coaching"],
        staff=["R. Kingi", "S. Patel", "M. Te Huia", "J. Ward"], staff_ids=["101", "117", "123", "131"],
        date="dmon", phone="compact", sort="ref",
        shape=dict(kind="csv", format="txt", encoding="utf-8", delimiter="|", nl="\n"),
        files=[dict(name="WWP_Q3_2026_Hamilton.txt",
                    tables=[dict(sheet=None, ctx=dict(places=ham, office="Hamilton"))]),
               dict(name="WWP_Q3_2026_Huntly.txt",
                    tables=[dict(sheet=None, ctx=dict(region="huntly", places=hun, office="Huntly"))])],
        features=["txt", "pipe", "utf-8", "lf", "two_files", "abbreviated_headers", "names_split",
                  "ethnicity_numbered_codes", "iwi", "address_split", "multiple_phones",
                  "dd-mon-yyyy_dates", "key_worker", "outcome_set_b", "distractors", "no_consent"],
        columns=cols11))
    # ---------------------------------------------------------------- FRESH12
    L.append(dict(
        id="FRESH12", provider="otepoti-parents-collective", quarter="2026Q4",
        org="Ōtepoti Parents Collective", region="dunedin",
        mix={"pakeha": 60, "maori": 20, "chinese": 5, "samoan": 5, "other_asian": 5, "latin": 5},
        female=0.8, nhi_rate=0.55,
        iwi=["Ngāi Tahu", "Kāti Māmoe", "Ngāpuhi", "Ngāti Porou", "Ngāti Kahungunu"],
        programmes=["Incredible Years (Tues)", "Incredible Years (Thurs)", "Circle of Security",
                    "Toolbox Parenting"],
        staff=["Fiona Duthie", "Mereana Kātene", "Luke Bradley"], date="dmy_np", phone="spaced",
        shape=dict(kind="csv", format="tsv", encoding="utf-8", delimiter="\t", nl="\r\n"),
        files=[dict(name="Parent survey + attendance (Responses) - Term 4 2026.tsv",
                    tables=[dict(sheet=None)])],
        features=["tsv", "tab", "utf-8", "form_export", "question_headers", "full_name_given_first",
                  "ethnicity_single_comma", "iwi", "address_single", "caregiver", "key_worker",
                  "pre_post_scores", "no_start_date", "no_client_ref", "timestamp_distractor",
                  "distractors"],
        columns=[
            C("Timestamp", None, "timestamp", ts="form"),
            C("What is your name?", "full_name", "full", style="FL"),
            C("When were you born?", "date_of_birth", "dob"),
            C("What is your gender?", "gender", "gender", style="word"),
            C("What is your NHI number (if you know it)?", "nhi", "nhi"),
            C("Which ethnic group(s) do you belong to?", "ethnicity", "eth", sep=", "),
            C("Do you whakapapa to an iwi? Which one(s)?", "iwi", "iwi", sep=", "),
            C("Best phone number to reach you?", "phone", "mob"),
            C("Email address", "email", "email"),
            C("Where do you live? (street, suburb, town, postcode)", "address", "addr"),
            C("How many tamariki do you have?", None, "n_children"),
            C("Who else helps you with your children?", "caregiver_name", "caregiver"),
            C("How did you hear about us?", "referral_source", "referral"),
            C("Which group are you in?", "programme", "programme"),
            C("Do you need childcare during sessions?", None, "childcare"),
            C("How are you feeling about parenting right now? (1 = struggling, 10 = great)",
              "wellbeing_start", "wb_start"),
            C("And now at the end of the group? (1-10)", "wellbeing_end", "wb_end"),
            C("Are you happy for your answers to be used to evaluate the programme?",
              "consent_evaluation", "consent", style="yes"),
            C("Date of last session", "service_date", "service"),
            C("Sessions attended (facilitator to fill)", "sessions_attended", "sessions"),
            C("Facilitator", "key_worker", "worker"),
            C("Facilitator notes", "case_notes", "notes"),
        ]))
    # ---------------------------------------------------------------- FRESH13
    L.append(dict(
        id="FRESH13", provider="heretaunga-young-parents-trust", quarter="2026Q1",
        org="Heretaunga Young Parents Trust", region="hawkes_bay", demacron=True,
        mix={"maori": 65, "pakeha": 25, "samoan": 5, "tongan": 5}, female=0.9, ages=(16, 28),
        iwi=["Ngāti Kahungunu", "Ngāti Porou", "Rongomaiwahine", "Ngāti Kahungunu", "Ngāi Tūhoe"],
        programmes=["Young Mums Group", "Teen Parent Support", "Hapū Māmā"],
        staff=["Tash Walker", "Aroha Hape", "Kelly-Ann Brown"],
        offices=["Flaxmere", "Napier", "Wairoa"], date="dmy_np", phone="compact", sort="name",
        shape=dict(kind="csv", format="csv", encoding="windows-1252", delimiter=";", nl="\r\n"),
        files=[dict(name="HYPT quarterly Jan-Mar 2026.csv", tables=[dict(sheet=None)])],
        features=["csv", "windows-1252", "semicolon", "typos_in_headers", "line_breaks_in_headers",
                  "macrons_stripped", "full_name_family_first", "ethnicity_single_slash", "iwi",
                  "address_single", "key_worker", "distractors"],
        columns=[
            C("Clinet ID", "client_ref", "ref", fmt="HYP{n:04d}"),
            C("Name", "full_name", "full", style="LF"),
            C("Date of\nBirth", "date_of_birth", "dob"),
            C("Gender", "gender", "gender", style="word"),
            C("NHI", "nhi", "nhi"),
            C("Ethnicty", "ethnicity", "eth", sep="/"),
            C("Iwi", "iwi", "iwi", sep="; "),
            C("Mobile", "phone", "mob"),
            C("Adress", "address", "addr", nopc=True),
            C("Baby DOB", None, "baby_dob"),
            C("No. of\nchildren", None, "n_children"),
            C("Programe", "programme", "programme"),
            C("Referal source", "referral_source", "referral"),
            C("Start date", "start_date", "start"),
            C("Last\nsession", "service_date", "service"),
            C("Sesions attended", "sessions_attended", "sessions"),
            C("Outcome", "outcome_status", "outcome"),
            C("Key worker", "key_worker", "worker"),
            C("Consnet (Y/N)", "consent_evaluation", "consent", style="yn"),
            C("Staff office", None, "office"),
            C("Koha $", None, "koha"),
            C("Comments", "case_notes", "notes"),
        ]))
    # ---------------------------------------------------------------- FRESH14
    L.append(dict(
        id="FRESH14", provider="kainga-tonga-family-services", quarter="2026Q2",
        org="Kāinga Tonga Family Services", region="auckland_central", nhi_rate=0.0,
        mix={"tongan": 70, "samoan": 10, "maori": 10, "fijian": 5, "niuean": 5}, female=0.7,
        programmes=["Famili Lelei", "Mātu'a Mālohi", "Pēpi & Me"],
        staff=["'Ana Taufa", "Sione Havili", "Lupe Kata"], date="iso", phone="spaced",
        shape=dict(kind="csv", format="csv", encoding="utf-16", delimiter=";", nl="\r\n"),
        files=[dict(name="KTFS_ClientReturn_2026Q2.csv", tables=[dict(sheet=None)])],
        features=["csv", "utf-16-bom", "semicolon", "tongan_language_headers", "names_split",
                  "ethnicity_numbered", "address_single", "multiple_phones", "caregiver",
                  "key_worker", "pre_post_scores", "consent_true_false", "iso_dates",
                  "outcome_set_b", "distractors", "no_nhi"],
        columns=[
            C("Member No.", "client_ref", "ref", fmt="KT{n:05d}"),
            C("Hingoa / First name(s)", "given_names", "given"),
            C("Fāmili / Surname", "family_name", "family"),
            C("'Aho fā'ele'i (DOB)", "date_of_birth", "dob"),
            C("Tangata/Fefine (M/F)", "gender", "gender", style="mfx"),
            C("Ethnicity #1", "ethnicity", "eth_n", n=1),
            C("Ethnicity #2", "ethnicity", "eth_n", n=2),
            C("Church / Siasi", None, "church"),
            C("Telefoni", "phone", "mob"),
            C("Telefoni 2", "phone", "home"),
            C("Email", "email", "email"),
            C("Address", "address", "addr"),
            C("Whānau Support Name", "caregiver_name", "caregiver"),
            C("Programme", "programme", "programme"),
            C("Referred By", "referral_source", "referral"),
            C("Start", "start_date", "start"),
            C("Last Session", "service_date", "service"),
            C("Sessions", "sessions_attended", "sessions"),
            C("Pre-Programme Score", "wellbeing_start", "wb_start"),
            C("Post-Programme Score", "wellbeing_end", "wb_end"),
            C("Outcome", "outcome_status", "outcome", set="B"),
            C("Consent (TRUE/FALSE)", "consent_evaluation", "consent", style="tf"),
            C("Staff", "key_worker", "worker"),
            C("Language Spoken", None, "language"),
            C("Interpreter (Y/N)", None, "interpreter"),
            C("Notes", "case_notes", "notes"),
        ]))
    # ---------------------------------------------------------------- FRESH15
    L.append(dict(
        id="FRESH15", provider="tai-tokerau-whanau-ora-collective", quarter="2026Q3",
        org="Tai Tokerau Whānau Ora Collective", region="whangarei", ird_rate=0.6,
        mix={"maori": 80, "pakeha": 15, "cook": 5}, female=0.7,
        iwi=["Ngāpuhi", "Te Rarawa", "Ngāti Kahu", "Te Aupōuri", "Ngāti Whātua", "Ngāti Wai"],
        programmes=["Whānau Ora", "Kaupapa Whānau", "Rangatahi"],
        staff=["Maraea Hōne", "Tui Waetford", "Kelvin Brown", "Aperahama Kerehoma"],
        staff_ids=["NAV-004", "NAV-009", "NAV-012", "NAV-015"],
        funding=["WO-TT-CORE", "WO-TT-FLEX", "PF-2026"], date="iso", phone="intl", sort="ref",
        shape=dict(kind="csv", format="csv.gz", encoding="utf-8", delimiter="|", nl="\n", gz=True),
        files=[dict(name="ttwoc_navigator_export_20261003.csv.gz", tables=[dict(sheet=None)])],
        features=["csv.gz", "gzip", "pipe", "utf-8", "dotted_headers", "names_split", "ird",
                  "ethnicity_codes_comma", "iwi", "address_split", "caregiver", "key_worker",
                  "pre_post_scores", "international_phone_format", "distractors"],
        columns=[
            C("client.id", "client_ref", "ref", fmt="{n}"),
            C("client.name.family", "family_name", "family"),
            C("client.name.given", "given_names", "given"),
            C("client.dob", "date_of_birth", "dob"),
            C("client.nhi", "nhi", "nhi"),
            C("client.ird", "ird", "ird", style="pad9"),
            C("client.gender", "gender", "gender", style="mfx"),
            C("client.ethnicity", "ethnicity", "eth", codes=True, sep=","),
            C("client.iwi", "iwi", "iwi", sep=";"),
            C("contact.mobile", "phone", "mob"),
            C("contact.email", "email", "email"),
            C("addr.line1", "address_street", "street"),
            C("addr.suburb", "address_suburb", "suburb"),
            C("addr.city", "address_town", "town"),
            C("addr.postcode", "address_postcode", "postcode"),
            C("whanau.contact_name", "caregiver_name", "caregiver"),
            C("navigator.name", "key_worker", "worker"),
            C("navigator.id", None, "worker_id"),
            C("plan.start", "start_date", "start"),
            C("plan.last_contact", "service_date", "service"),
            C("plan.contacts", "sessions_attended", "sessions"),
            C("plan.status", "outcome_status", "outcome"),
            C("plan.wellbeing_baseline", "wellbeing_start", "wb_start"),
            C("plan.wellbeing_current", "wellbeing_end", "wb_end"),
            C("plan.funding_code", None, "funding"),
            C("referral.source", "referral_source", "referral"),
            C("referral.referrer", None, "referrer"),
            C("consent.eval", "consent_evaluation", "consent", style="yn"),
            C("meta.last_updated", None, "updated", ts="iso_t"),
        ]))
    # ---------------------------------------------------------------- FRESH16
    L.append(dict(
        id="FRESH16", provider="south-waikato-family-trust", quarter="2026Q4",
        org="South Waikato Family Trust", region="south_waikato",
        mix={"maori": 55, "pakeha": 30, "cook": 10, "indian": 5}, female=0.73,
        iwi=["Ngāti Raukawa", "Waikato-Tainui", "Ngāti Tūwharetoa", "Ngāti Kahungunu", "Ngāpuhi"],
        programmes=["Strengthening Families", "Parenting Through Separation", "Whānau Tū Tahi"],
        staff=["Donna Te Huia", "Greg Hastie", "Ngahuia Moke"],
        offices=["Tokoroa", "Putāruru"], date="cell", phone="spaced",
        shape=dict(kind="xlsx", format="xlsx", merged=True, date_fmt="dd-mmm-yyyy",
                   ts_fmt="dd/mm/yyyy hh:mm", fill="E2EFDA",
                   titles=["South Waikato Family Trust – Quarterly Client Return",
                           "Quarter: October – December 2026 (2026Q4)", ""]),
        files=[dict(name="SWFT Q4 2026 Client Return FINAL v2.xlsx", tables=[dict(sheet="Return")])],
        features=["xlsx", "title_rows", "merged_two_row_header", "line_breaks_in_headers",
                  "names_split", "ethnicity_single_semicolon", "address_split", "multiple_phones",
                  "pre_post_scores", "key_worker", "date_cells", "distractors", "no_client_ref"],
        columns=[
            C("Family name", "family_name", "family", group="CLIENT"),
            C("Given names", "given_names", "given", group="CLIENT"),
            C("Date of\nbirth", "date_of_birth", "dob", group="CLIENT"),
            C("NHI", "nhi", "nhi", group="CLIENT"),
            C("Gender", "gender", "gender", style="mfx", group="CLIENT"),
            C("Ethnicity", "ethnicity", "eth", sep="; ", group="CLIENT"),
            C("Street", "address_street", "street", group="ADDRESS"),
            C("Suburb / Locality", "address_suburb", "suburb", group="ADDRESS"),
            C("Town", "address_town", "town", group="ADDRESS"),
            C("Post code", "address_postcode", "postcode", group="ADDRESS"),
            C("Mobile", "phone", "mob", group="CONTACT"),
            C("Other phone", "phone", "home", group="CONTACT"),
            C("Email", "email", "email", group="CONTACT"),
            C("Programme", "programme", "programme", group="SERVICE"),
            C("Referred from", "referral_source", "referral", group="SERVICE"),
            C("Enrolled", "start_date", "start", group="SERVICE"),
            C("Last session", "service_date", "service", group="SERVICE"),
            C("No. of\nsessions", "sessions_attended", "sessions", group="SERVICE"),
            C("Pre", "wellbeing_start", "wb_start", group="SCORES (1-10)"),
            C("Post", "wellbeing_end", "wb_end", group="SCORES (1-10)"),
            C("Key worker", "key_worker", "worker", group="STAFF"),
            C("Office", None, "office", group="STAFF"),
            C("Consent to\nevaluation?", "consent_evaluation", "consent", style="yn"),
            C("Last updated", None, "updated", ts="cell"),
        ]))
    # ---------------------------------------------------------------- FRESH17
    cols17 = [
        C("Ref No.", "client_ref", "ref", fmt="int"),
        C("Client Full Name", "full_name", "full", style="FL"),
        C("DOB", "date_of_birth", "dob", date="dmy"),
        C("Age", None, "age"),
        C("NHI No.", "nhi", "nhi"),
        C("Gender", "gender", "gender", style="word"),
        C("Ethnicity", "ethnicity", "eth", sep=", "),
        C("Ph", "phone", "mob"),
        C("Alt Ph", "phone", "home"),
        C("E-mail", "email", "email"),
        C("Residential Address", "address", "addr"),
        C("Caregiver/Support Person", "caregiver_name", "caregiver"),
        C("Referral Type", "referral_source", "referral"),
        C("Referrer", None, "referrer"),
        C("Commenced", "start_date", "start"),
        C("Last Attended", "service_date", "service"),
        C("# Sessions", "sessions_attended", "sessions"),
        C("Outcome", "outcome_status", "outcome"),
        C("Consent for Eval.", "consent_evaluation", "consent", style="yes"),
        C("Practitioner", "key_worker", "worker"),
        C("GP Practice", None, "gp_practice"),
        C("Notes", "case_notes", "notes"),
    ]
    L.append(dict(
        id="FRESH17", provider="whakatu-parenting-hub", quarter="2026Q1",
        org="Whakatū Parenting Hub", region="nelson",
        mix={"pakeha": 65, "maori": 20, "sea": 5, "latin": 5, "chinese": 5}, female=0.76,
        iwi=["Ngāti Koata", "Ngāti Rārua", "Ngāti Toa Rangatira", "Te Āti Awa", "Ngāi Tahu"],
        programmes=["Triple P", "Circle of Security"],
        staff=["Megan Rowe", "Harata Paul", "Ollie Gibbs"], date="cell", phone="spaced", sort="name",
        shape=dict(kind="xlsx", format="xlsx", date_fmt="d/mm/yy",
                   cover=dict(name="Instructions", lines=[
                       "Whakatū Parenting Hub – client return to funder",
                       "",
                       ("Reporting period", "1 January 2026 to 31 March 2026"),
                       ("Prepared by", "Megan Rowe, Team Leader"),
                       ("Email", "megan.rowe@whakatuparenting.nz"),
                       ("Phone", "03 548 2207"),
                       "",
                       "Each programme is on its own tab. Please keep one row per client.",
                   ])),
        files=[dict(name="WPH return Q1 2026.xlsx", tables=[
            dict(sheet="Triple P", ctx=dict(programme="Triple P"), n=(40, 100)),
            dict(sheet="Circle of Security", ctx=dict(programme="Circle of Security"), n=(40, 100))])],
        features=["xlsx", "cover_sheet", "two_data_sheets", "programme_in_sheet_name",
                  "abbreviated_headers", "full_name_given_first", "dob_text_other_dates_cells",
                  "ethnicity_single_comma", "address_single", "multiple_phones", "caregiver",
                  "key_worker", "distractors", "no_programme_column"],
        columns=cols17))
    # ---------------------------------------------------------------- FRESH18
    L.append(dict(
        id="FRESH18", provider="kilbirnie-newcomers-family-service", quarter="2026Q3",
        org="Kilbirnie Newcomers Family Service", region="wellington", nhi_rate=0.0, ird_rate=0.7,
        mix={"middle_eastern": 30, "african": 25, "other_asian": 20, "latin": 15, "sea": 10},
        female=0.7,
        programmes=["Newcomer Parents Group", "Family Settlement Support", "Early Learning Navigation"],
        staff=["Samira Yusuf", "Kate Whitmore", "Juan Pablo Ortiz"],
        referral={"Self": 20, "Red Cross": 20, "GP": 10, "School": 15, "Church": 5, "Other": 15,
                  "Whānau": 10, "Hospital": 5},
        date="iso", phone="spaced",
        shape=dict(kind="ods", format="ods",
                   titles=["Kilbirnie Newcomers Family Service — clients Jul–Sep 2026"]),
        files=[dict(name="KNFS clients 2026-Q3.ods", tables=[dict(sheet="Clients")])],
        features=["ods", "title_row", "title_case_headers", "names_split", "ethnicity_numbered",
                  "ird", "address_single", "caregiver", "key_worker", "pre_post_scores",
                  "consent_consented_declined", "iso_dates", "outcome_set_b", "distractors",
                  "no_nhi", "no_client_ref"],
        columns=[
            C("Family Name", "family_name", "family"),
            C("Given Name", "given_names", "given"),
            C("Date of Birth", "date_of_birth", "dob"),
            C("Sex", "gender", "gender", style="mfx"),
            C("Ethnicity 1", "ethnicity", "eth_n", n=1),
            C("Ethnicity 2", "ethnicity", "eth_n", n=2),
            C("Country of origin", None, "country"),
            C("Languages", None, "language"),
            C("Interpreter Y/N", None, "interpreter"),
            C("IRD", "ird", "ird", style="plain"),
            C("Phone", "phone", "mob"),
            C("Email", "email", "email"),
            C("Address", "address", "addr"),
            C("Sponsor / support person", "caregiver_name", "caregiver"),
            C("Programme", "programme", "programme"),
            C("Referral Source", "referral_source", "referral"),
            C("Start Date", "start_date", "start"),
            C("Service Date", "service_date", "service"),
            C("Sessions", "sessions_attended", "sessions"),
            C("Wellbeing at intake", "wellbeing_start", "wb_start"),
            C("Wellbeing now", "wellbeing_end", "wb_end"),
            C("Status", "outcome_status", "outcome", set="B"),
            C("Case worker", "key_worker", "worker"),
            C("Evaluation consent (Consented/Declined)", "consent_evaluation", "consent", style="cd"),
            C("Arrival date", None, "arrival"),
        ]))
    # ---------------------------------------------------------------- FRESH19
    cols19 = [
        C("Client Reference", "client_ref", "ref", fmt="RWHT-{n:04d}"),
        C("Client Name", "full_name", "full", style="FL"),
        C("Birthdate", "date_of_birth", "dob"),
        C("Gender", "gender", "gender", style="word"),
        C("NHI", "nhi", "nhi"),
        C("IRD", "ird", "ird", style="space"),
        C("Primary Ethnicity", "ethnicity", "eth_n", n=1),
        C("Other Ethnicity", "ethnicity", "eth_n", n=2),
        C("Iwi", "iwi", "iwi", sep="; "),
        C("Phone", "phone", "mob"),
        C("Email", "email", "email"),
        C("Street", "address_street", "street"),
        C("Town", "address_town", "town"),
        C("Postcode", "address_postcode", "postcode"),
        C("Programme", "programme", "programme"),
        C("Referral", "referral_source", "referral"),
        C("Start Date", "start_date", "start"),
        C("Exit Date", None, "exit_date"),
        C("Exit Reason", None, "exit_reason"),
        C("Last Contact", "service_date", "service"),
        C("Contacts", "sessions_attended", "sessions"),
        C("Outcome", "outcome_status", "outcome"),
        C("Wellbeing Start", "wellbeing_start", "wb_start"),
        C("Wellbeing End", "wellbeing_end", "wb_end"),
        C("Key Worker", "key_worker", "worker"),
        C("Consent", "consent_evaluation", "consent", style="yn"),
        C("Notes", "case_notes", "notes"),
    ]
    L.append(dict(
        id="FRESH19", provider="ruapehu-whanau-health-trust", quarter="2026Q2",
        org="Ruapehu Whānau Health Trust", region="ruapehu", ird_rate=0.5,
        mix={"maori": 70, "pakeha": 25, "fijian": 5}, female=0.7,
        iwi=["Ngāti Maniapoto", "Ngāti Tūwharetoa", "Te Ātihaunui-a-Pāpārangi", "Ngāti Rangi",
             "Uenuku"],
        programmes=["Whānau Wellbeing", "Rural Parenting", "Hauora Tāne"],
        staff=["Moana Hekenui", "Claire Dixon", "Tipene Hāwira"], date="dmy", phone="spaced",
        sort="ref",
        shape=dict(kind="csv", format="csv", encoding="utf-8-sig", delimiter=",", nl="\r\n"),
        files=[dict(name="RWHT Current Clients Q2 2026.csv",
                    tables=[dict(sheet=None, ctx=dict(exited=False))]),
               dict(name="RWHT Exited Clients Q2 2026.csv",
                    tables=[dict(sheet=None, ctx=dict(exited=True))])],
        features=["csv", "utf-8-bom", "comma", "two_files", "current_and_exited",
                  "full_name_given_first", "ird", "ethnicity_numbered", "iwi",
                  "address_split_no_suburb", "pre_post_scores", "key_worker", "distractors"],
        columns=cols19))
    # ---------------------------------------------------------------- FRESH20
    L.append(dict(
        id="FRESH20", provider="tauranga-moana-matua-collective", quarter="2026Q4",
        org="Tauranga Moana Mātua Collective", region="tauranga",
        mix={"maori": 50, "pakeha": 35, "indian": 5, "samoan": 5, "chinese": 5}, female=0.75,
        iwi=["Ngāi Te Rangi", "Ngāti Ranginui", "Ngāti Pūkenga", "Te Arawa", "Ngāti Awa"],
        programmes=["Mātua Ora", "Toddler Tamariki", "Pēpi First"],
        staff=["Whaea Raiha Ngatai", "Brent Cooper", "Anaru Kohu"],
        offices=["Greerton", "Te Puke", "Mount"], date="dmy_dash", phone="dash",
        shape=dict(kind="csv", format="csv", encoding="utf-8", delimiter=",", nl="\n",
                   pre=["Tauranga Moana Matua Collective - client quarterly return",
                        "Period 01-10-2026 to 31-12-2026"]),
        files=[dict(name="tmmc_return_2026q4.csv", tables=[dict(sheet=None)])],
        features=["csv", "utf-8", "comma", "lf", "preamble_lines", "row_number_column",
                  "lower_case_headers", "bracket_hints_in_headers", "full_name_given_first",
                  "ethnicity_codes_semicolon", "iwi", "hapu_marae_distractors", "address_single",
                  "caregiver", "key_worker", "pre_post_scores", "multiline_notes",
                  "outcome_set_b", "distractors", "no_client_ref"],
        columns=[
            C("#", None, "rownum"),
            C("name (given family)", "full_name", "full", style="FL"),
            C("dob (dd-mm-yyyy)", "date_of_birth", "dob"),
            C("nhi", "nhi", "nhi"),
            C("gender m/f/x", "gender", "gender", style="mfx_lower"),
            C("ethnicity (codes)", "ethnicity", "eth", codes=True, sep=";"),
            C("iwi", "iwi", "iwi", sep="; "),
            C("hapū", None, "hapu"),
            C("marae", None, "marae"),
            C("mobile", "phone", "mob"),
            C("2nd caregiver mobile", None, "phone2"),
            C("email", "email", "email"),
            C("address", "address", "addr"),
            C("whānau/caregiver name", "caregiver_name", "caregiver"),
            C("worker", "key_worker", "worker"),
            C("worker office", None, "office"),
            C("programme", "programme", "programme"),
            C("referred by", "referral_source", "referral"),
            C("referral date", None, "referral_date"),
            C("start date (first session)", "start_date", "start"),
            C("last session (dd-mm-yyyy)", "service_date", "service"),
            C("sessions attended", "sessions_attended", "sessions"),
            C("sessions missed", None, "dna"),
            C("wellbeing pre", "wellbeing_start", "wb_start"),
            C("wellbeing post", "wellbeing_end", "wb_end"),
            C("outcome", "outcome_status", "outcome", set="B"),
            C("consent for evaluation? (yes/no)", "consent_evaluation", "consent", style="yes_lower"),
            C("notes", "case_notes", "notes", newlines=True),
            C("last updated", None, "updated", ts="ampm"),
        ]))
    return L


# --------------------------------------------------------------------------- build
def _clean(v, dem):
    return demac(v) if dem and isinstance(v, str) else v


def build_layout(L, root, rng):
    q = L["quarter"]
    L.setdefault("staff_ids", [f"S{i + 1:02d}" for i in range(len(L["staff"]))])
    dem = L.get("demacron", False)
    cols = L["columns"]
    headers = [_clean(c[0], dem) for c in cols]
    layout_dir = root / L["id"]
    if layout_dir.exists():
        shutil.rmtree(layout_dir)
    land = layout_dir / "landing" / L["provider"] / q
    land.mkdir(parents=True)
    shape = L["shape"]
    fmt_is_int = any(c[2] == "ref" and c[3].get("fmt") == "int" for c in cols)
    ref = rng.randint(20000, 80000) if fmt_is_int else rng.randint(100, 2500)
    seen = set()
    files_truth = []
    for f in L["files"]:
        built = []
        for t in f["tables"]:
            lo, hi = t.get("n", (80, 200))
            ctx = dict(t.get("ctx", {}))
            recs = [make_record(rng, L, q, ctx, seen) for _ in range(rng.randint(lo, hi))]
            built.append([t, ctx, recs])
        allrecs = [r for _, _, rs in built for r in rs]
        k = rng.choice([0, 1, 1, 2, 2, 3, 3])
        for rec in rng.sample(allrecs, k):
            rec["invalid"] = rng.choice(["noname", "dob"])
        for rec in allrecs:
            ref += rng.randint(1, 9)
            rec["ref"] = ref
        if L.get("sort") == "name":
            for b in built:
                b[2].sort(key=lambda r: (r["invalid"] == "noname", demac(r["family"]).lower(),
                                         demac(r["given"]).lower()))
        tables = []
        for t, ctx, recs in built:
            rows = []
            for i, rec in enumerate(recs):
                ctx["_rownum"] = i + 1
                rows.append([_clean(render(c, rec, L, rng, q, ctx), dem) for c in cols])
            tables.append(dict(sheet=_clean(t.get("sheet"), dem), headers=headers, rows=rows))
        path = land / f["name"]
        if shape["kind"] == "csv":
            assert len(tables) == 1
            write_csv(path, shape, headers, tables[0]["rows"])
            header_rows = [len(shape.get("pre", [])) + 1]
        elif shape["kind"] == "xlsx":
            header_rows = write_xlsx(path, shape, tables, cols)
        else:
            header_rows = write_ods(path, shape, tables)
        col_truth = [dict(index=i, header=headers[i], group=_clean(c[3].get("group"), dem), target=c[1])
                     for i, c in enumerate(cols)]
        csvlike = shape["kind"] == "csv"
        files_truth.append(dict(
            name=f["name"], format=shape["format"],
            encoding=shape["encoding"] if csvlike else None,
            delimiter=shape["delimiter"] if csvlike else None,
            rows=len(allrecs), valid_rows=len(allrecs) - k,
            tables=[dict(sheet=t["sheet"], header_row=hr, rows=len(t["rows"]),
                         columns=[dict(c) for c in col_truth])
                    for t, hr in zip(tables, header_rows, strict=False)]))
    truth = dict(layout_id=L["id"], provider=L["provider"], quarter=q, features=L["features"],
                 files=files_truth)
    (layout_dir / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8")
    return truth


def generate(out_dir: pathlib.Path) -> list[dict]:
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    master = random.Random(SEED)
    truths = []
    for L in layouts() + layouts_b():
        rng = random.Random(master.getrandbits(64))
        truths.append(build_layout(L, out_dir, rng))
    return truths


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=pathlib.Path, help="output directory")
    args = ap.parse_args(argv)
    truths = generate(args.out)
    ncols = sum(len(t["columns"]) for tr in truths for f in tr["files"] for t in f["tables"])
    print(f"wrote {len(truths)} layouts to {args.out} ({ncols} table columns)")


if __name__ == "__main__":
    main()
