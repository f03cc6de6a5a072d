"""Blind labelled case-note set B (issue 15).

Written independently of the project's code, standards, tests and other
generators: every name list, word list, programme/organisation name and
sentence template below was written by hand for this file from general
knowledge of how New Zealand social-service notes read.  Standard library only
(python-stdnum is used in ``--check`` as a second opinion when importable).

Line format::

    KNOWN NAMES|MARKED TEXT

* KNOWN NAMES -- the record's own people as ``Given Family`` joined by ``; ``
  (empty for about a third of the notes).
* MARKED TEXT -- one note.  Personal information is wrapped
  ``[[TYPE:text]]`` (TYPE in PERSON, NHI, IRD, PHONE, EMAIL, BANK, DL, DOB,
  ADDRESS); text that must survive scrubbing is wrapped ``{{text}}``.

Usage::

    from tests.scrub.blind_notes_b.generator import generate
    lines = generate(400, seed=2026)

    python generator.py --check      # self-check (checksums, re-parse, counts)
    python generator.py -n 20        # print 20 lines
"""
from __future__ import annotations

import argparse
import datetime as _dt
import random
import re
import sys
import unicodedata
from collections import Counter

__all__ = ["generate", "generate_detailed", "parse_line", "TYPES"]

TYPES = ("PERSON", "NHI", "IRD", "PHONE", "EMAIL", "BANK", "DL", "DOB", "ADDRESS")

# ---------------------------------------------------------------------------
# Names (hand-written; F = usually female, M = usually male)
# ---------------------------------------------------------------------------
GIVEN = {
    "maori": {
        "F": ["Aroha", "Mereana", "Ngaire", "Huia", "Kahurangi", "Te Aniwa", "Ngāhuia",
              "Kiri", "Tui", "Awhina", "Marama", "Moana", "Hine", "Hana", "Atawhai",
              "Ngaio", "Mere", "Waimarie", "Hinewai", "Wikitoria", "Keri", "Rongomai",
              "Te Ahorangi", "Miriama", "Pania", "Kararaina", "Tiaho"],
        "M": ["Mana", "Wiremu", "Hemi", "Tama", "Rāwiri", "Hōhepa", "Tamati", "Te Rangi",
              "Anaru", "Pita", "Rewi", "Rangi", "Manaia", "Nikau", "Ariki", "Kahu",
              "Tipene", "Matiu", "Whetu", "Manaaki", "Kaha", "Tāne", "Paora", "Hēmi",
              "Te Koha", "Rāhiri", "Wai"],
    },
    "pakeha": {
        "F": ["Hope", "Grace", "Rose", "Joy", "Faith", "May", "Summer", "Olivia",
              "Charlotte", "Isla", "Harper", "Amelia", "Ruby", "Sophie", "Brooklyn",
              "Shannon", "Kylie", "Sharon", "Trish", "Bev", "Kelly", "Nikki", "Stacey",
              "Jess", "Chantelle", "Krystal"],
        "M": ["Will", "Mark", "Bill", "Jack", "Liam", "Noah", "Mason", "Lucas", "Hunter",
              "Kayden", "Jayden", "Tyler", "Darren", "Craig", "Wayne", "Nelson", "Brendon",
              "Shane", "Cody", "Lachlan"],
    },
    "samoan": {
        "F": ["Alofa", "Mele", "Malia", "Lagi", "Losa", "Sina", "Fetu", "Leota", "Tupe", "Salamasina"],
        "M": ["Sione", "Tavita", "Ioane", "Iosefa", "Sefo", "Falani", "Tuala", "Penitito", "Vaeluaga"],
    },
    "tongan": {
        "F": ["'Ofa", "'Ana", "Salote", "Sela", "Lose", "Losana", "Mele'ana", "Fifi"],
        "M": ["Siosaia", "Tevita", "Viliami", "Kalo", "Latu", "Sitani", "Semisi", "Paula"],
    },
    "cookis": {
        "F": ["Tiare", "Mata", "Tuaine", "Ngapoko", "Teuira"],
        "M": ["Teina", "Ngametua", "Tangi'ia", "Mare", "Turua"],
    },
    "indian": {
        "F": ["Priya", "Sunita", "Anjali", "Harpreet", "Manpreet", "Kavya", "Shalini", "Reshma"],
        "M": ["Arjun", "Rohan", "Gurpreet", "Navdeep", "Rajesh", "Deepak", "Aarav", "Vikash", "Sanjay"],
    },
    "chinese": {
        "F": ["Mei Ling", "Jing", "Xiaoyan", "Yan", "Huiwen", "Lily"],
        "M": ["Wei", "Hao", "Zhiwei", "Jun", "Xiaoming", "Bo"],
    },
    "korean": {
        "F": ["Seo-yeon", "Ha-eun", "Ji-woo", "Min-ji", "Soo-ah"],
        "M": ["Min-jun", "Do-yun", "Ji-ho", "Hyun-woo"],
    },
    "filipino": {
        "F": ["Maricel", "Rhea", "Angelica", "Princess", "Jovelyn", "Rowena"],
        "M": ["Jerome", "Jomar", "Rodel", "Arnel", "Jun-Jun"],
    },
    "somali": {
        "F": ["Hodan", "Faadumo", "Ayaan", "Ifrah", "Hibaaq", "Sahra"],
        "M": ["Abdi", "Hamza", "Abdirahman", "Mohamed", "Liban", "Guled"],
    },
    "arabic": {
        "F": ["Layla", "Fatima", "Noor", "Zainab", "Rania", "Amira", "Huda"],
        "M": ["Omar", "Yusuf", "Ahmed", "Khalid", "Samir", "Tariq", "Bilal"],
    },
}

FAMILY = {
    "maori": ["Ngata", "Tipene", "Walker", "Tawhiri", "Parata", "Kingi", "Te Whata", "Tamihana",
              "Paki", "Herewini", "Pōtae", "Wihongi", "Te Huia", "Hēnare", "Poutama", "Ruru",
              "Manuera", "Horomona", "Maaka", "Tūhiwai", "Karaitiana", "Pōmare", "Te Kani",
              "Rangihuna", "Hohaia", "Nikora", "Te Awa", "Kereama", "Waaka", "Tautahi"],
    "pakeha": ["Smith", "Williams", "Brown", "Wilson", "Taylor", "Anderson", "Thompson",
               "Campbell", "Stewart", "Robinson", "Morgan", "O'Brien", "O'Connor", "McDonald",
               "MacKenzie", "Fitzgerald", "Harris", "Clarke", "Young", "Sutherland", "Baxter",
               "Rose", "Hewitt", "Duffy", "Kerr"],
    "samoan": ["Tuilagi", "Fa'amausili", "Leaupepe", "Faleolo", "Sapolu", "Tauiliili", "Peleti",
               "Toleafoa", "Aumua", "Su'a", "Lauina", "Va'a"],
    "tongan": ["Fifita", "Havili", "Taufa", "Vake", "Tuipulotu", "Moala", "Fonua", "Kioa",
               "Lolohea", "'Aho", "Vaipulu", "Mahe"],
    "cookis": ["Tangaroa", "Marsters", "Tuara", "Pokoati", "Teariki", "Napa", "Tapurau"],
    "indian": ["Patel", "Singh", "Kaur", "Sharma", "Kumar", "Prasad", "Naidu", "Chand", "Lal", "Sandhu"],
    "chinese": ["Wang", "Zhang", "Chen", "Liu", "Huang", "Zhou", "Xu", "Chan", "Wong", "Lin"],
    "korean": ["Kim", "Lee", "Park", "Choi", "Jung", "Kang"],
    "filipino": ["Santos", "Reyes", "Dela Cruz", "Bautista", "Mendoza", "Villanueva", "Garcia"],
    "somali": ["Warsame", "Farah", "Hassan", "Abdullahi", "Mohamud", "Jama", "Aden"],
    "arabic": ["Al-Hassan", "Haddad", "Khalil", "Nasser", "Abbas", "Saleh", "El-Amin"],
}

CULTURE_WEIGHTS = {"maori": 30, "pakeha": 20, "samoan": 10, "tongan": 8, "cookis": 5,
                   "indian": 8, "chinese": 5, "korean": 3, "filipino": 4, "somali": 4, "arabic": 3}

# Given names that are also everyday te reo / Pasifika / English words.
WORD_GIVEN = {"F": ["Aroha", "Hope", "Grace", "Rose", "Joy", "Faith", "May", "Kiri", "Awhina",
                    "Marama", "Moana", "Tui", "Alofa", "'Ofa", "Summer"],
              "M": ["Mana", "Will", "Mark", "Bill", "Tama", "Kaha", "Manaaki", "Tāne", "Teina"]}

# ---------------------------------------------------------------------------
# Distractor vocabularies (hand-written)
# ---------------------------------------------------------------------------
TE_REO = ["whānau", "aroha", "mana", "kai", "mahi", "tamariki", "kōrero", "hui", "marae", "wairua",
          "hauora", "tikanga", "pēpi", "mokopuna", "kuia", "koro", "koroua", "kaumātua", "tāne",
          "wahine", "wāhine", "kōhanga", "kura", "whare", "whakapapa", "karakia", "waiata",
          "manaaki", "manaakitanga", "awhi", "āwhina", "mārama", "kaha", "tautoko", "rangatahi",
          "whanaunga", "tūpuna", "iwi", "hapū", "mātua", "pōtiki", "tuakana", "teina", "whaea",
          "matua", "kia ora", "mōrena", "whakamā", "mamae", "pōuri", "koha", "hākari", "tangi",
          "tangihanga", "urupā", "mōhio", "wānanga", "noho", "kapa haka", "mirimiri", "rongoā",
          "kaimahi", "kaiāwhina", "kaitiaki", "te reo", "mahi toi", "taonga", "whenua", "moana",
          "tūī", "tama", "mana motuhake", "kiri ki te kiri", "ka pai", "kia kaha", "ngā mihi",
          "māmā", "pāpā", "whare kai", "haere mai", "Matariki", "pakeke", "tinana", "hinengaro",
          "manuhiri", "kaupapa", "mātauranga", "ako"]
PASIFIKA = ["aiga", "fanau", "alofa", "lotu", "faifeau", "fale", "umu", "to'ona'i", "matai",
            "kāinga", "'ofa", "fono", "talofa lava", "mālō e lelei", "kia orana", "fa'afetai",
            "meitaki", "tinā", "fakaalofa lahi atu", "sa", "malo"]

PROGRAMMES = ["Whānau Ora", "Mana Tamariki Parenting", "Kia Tū Rangatira", "Ngā Hua o te Kāinga",
              "Whakatipu Pēpi", "Tū Tangata Rangatahi", "Fanau Strong", "Incredible Years",
              "Triple P", "Strengthening Families", "Family Start", "HIPPY", "Toolbox Parenting",
              "Money Mates", "Hope Ahead", "Kia Kaha Mums", "Aroha Nui Parenting", "Mana Tāne",
              "Mana Wāhine Rōpū", "Pōtiki Play", "Te Hā o te Whānau", "Grace Mums Group",
              "Rise Up Youth", "Steps to Work", "Working for Families", "Mahi Ready",
              "Kākahu Warm Homes", "Safe Sleep Wahakura", "Tama Tū", "Whare Tapa Whā course",
              "Pasifika Mamas Circle", "Fathers in Focus", "Kai Ready Budgeting", "Reo Rua Playgroup",
              "Ara Rangatahi", "Kōwhiti Whakapai", "Tautoko Tāne", "Mokopuna First"]
ORGS = ["Te Whare Āwhina Trust", "Kāinga Ora", "Work and Income", "WINZ", "Oranga Tamariki",
        "Plunket", "Citizens Advice Bureau", "Salvation Army", "Te Puna Hauora o Rongo",
        "Manukau Family Services Trust", "Pacific Fanau Link", "Tautoko Whānau Services",
        "Age Concern", "Women's Refuge", "Barnardos", "Inland Revenue", "Kidscan", "Te Kōhanga Reo",
        "Ōtara Health", "Whānau Hauora Aotearoa", "Moana Family Services", "Vaka Tautua",
        "Tongan Community Trust", "Kaitiaki Budget Service", "Rangatahi Hub", "MSD",
        "Community Law", "St Vincent de Paul", "City Mission", "Hutt Hospital", "Middlemore",
        "Kidz First", "Housing First", "Māngere Budgeting", "Te Tihi Hauora", "Awhi Mai Kindy",
        "Lotu Centre", "Grace Church"]
SHOPS = ["Pak'nSave", "Countdown", "The Warehouse", "Mitre 10", "Kmart", "New World", "Farmers"]
TOWNS = ["Porirua", "Ōtara", "Manurewa", "Papakura", "Naenae", "Wainuiomata", "Kaitaia", "Whanganui",
         "Ōpōtiki", "Gisborne", "Rotorua", "Kaikohe", "Flaxmere", "Hastings", "Invercargill",
         "Hamilton", "Tokoroa", "Christchurch", "Aranui", "Cannons Creek", "Māngere", "Ōtāhuhu",
         "Whangārei", "Taumarunui", "Te Kūiti", "Levin", "Dannevirke", "Nelson", "Tauranga",
         "Kawerau", "Huntly", "Moerewa", "Glen Innes", "Tūranga", "Napier", "Masterton"]
FREEPHONES = ["0800 611 116", "0800 543 354", "0800 376 633", "0800 559 009", "0800 801 601",
              "0800 211 211", "0800 787 797", "0800 345 123", "0800 933 922", "0800 733 843",
              "0800 456 450", "0800 222 838", "0800 628 646"]
BANK_NAMES = ["ANZ", "ASB", "BNZ", "Westpac", "Kiwibank"]
BANK_OF_CODE = {"01": "ANZ", "06": "ANZ", "11": "ANZ", "02": "BNZ", "03": "Westpac", "12": "ASB",
                "38": "Kiwibank"}

# English words that are also names, with everyday uses (kind word_name)
# and te reo / Pasifika words that are also names (kind te_reo / pasifika).
WORD_USES = {
    "hope": ["{C} said they {^hope} to get into {PROG} next term.",
             "More {^hope} in the room today, {C} smiling.",
             "We {^hope} {ORG} comes back to us before {SDATE}."],
    "grace": ["{ORG} gave a {^grace} period on the power {^bill}.",
              "{RK} said {^grace} before {~kai}, we all joined in."],
    "will": ["{C} {^will} bring payslips {SDATE}.",
             "{RK} {^will} pick up the {~tamariki} from {~kura}.",
             "Whoever {^will} be home {SDATE} needs to sign."],
    "mark": ["Noticed a {^mark} on {C's} arm, said it was from league.",
             "Kids get a {^mark} on the chart for each good day.",
             "Power is off, a {^mark} of how tight it is."],
    "bill": ["Phone {^bill} of {AMT} overdue, {C} rang {ORG}.",
             "The power {^bill} is the big stress for {C} right now."],
    "rose": ["Rent {^rose} by {AMT} last month.",
             "Tension {^rose} when {O} arrived, visit ended early."],
    "joy": ["Real {^joy} seeing {C} w/ {~pēpi} today.",
            "{C} said the {~mokopuna} bring {^joy} to the house."],
    "faith": ["{C} said {~karakia} and {^faith} keep them going.",
              "{RK} has lost {^faith} in {ORG} after the last visit."],
    "may": ["{C} {^may} qualify for hardship thru {ORG}.",
            "{RK} {^may} come to the next session {SDATE}."],
    "young": ["{C} is a {^young} mum with not much support.",
              "Lots of {^young} ones at the {~hui}, loud but good."],
    "summer": ["{C} wants a holiday job over {^summer} at {SHOP}.",
               "The {~tamariki} go to {TOWN} for the {^summer} hols."],
    "park": ["Met {C} at the {^park} by the library in {TOWN}.",
             "{~Tamariki} played at the {^park} while we talked."],
    "aroha": ["Heaps of {~aroha} between {C} and {~pēpi}.",
              "Sent {~aroha} to the {~whānau} after the {~tangi}.",
              "{RK} said the {~whānau} has lots of {~aroha} but no money."],
    "mana": ["Kept {C's} {~mana} intact at the {~hui}.",
             "Approach was {~mana}-enhancing, {C} felt heard.",
             "{C} talked about {~mana motuhake} for the {~whānau}."],
    "kiri": ["Encouraged {~kiri ki te kiri} w/ {~pēpi} after feeds."],
    "awhina": ["{C} needs {~āwhina} with the {ORG} forms.",
               "{RK} asked for {~awhina} with transport to {TOWN}."],
    "marama": ["{C} is now {~mārama} about the plan.",
               "{RK} not {~marama} on what {ORG} wants from them."],
    "tama": ["{C's} {~tama} started at {~kōhanga} this wk.",
             "{RK} said her {~tama} is 3 now and into everything."],
    "kaha": ["Told {C} {~kia kaha}, big week ahead.",
             "{C} showed real {~kaha} in the {~hui}."],
    "manaaki": ["The {~whānau} {~manaaki} us with a cuppa and {~kai}.",
                "{C} wants to {~manaaki} the {~manuhiri} at the {~hākari}."],
    "tane": ["{C's} {~tāne} was home, stayed out in the garage.",
             "Her {~tane} works in {TOWN} during the week."],
    "teina": ["{C's} {~teina} {SIB} came to the {~hui} too.",
              "{C} looks after the {~teina} after {~kura}."],
    "moana": ["{~Tamariki} swam at the {~moana} on the wkend, {C} happy."],
    "tui": ["A {~tūī} was singing in the tree the whole visit.",
            "{C} drew a {~tui} for the {PROG} wall."],
    "alofa": ["Lots of {#alofa} in the {#aiga}, money is the issue.",
              "{RK} talked about {#alofa} and {#lotu} as their strength."],
    "'ofa": ["Much {#'ofa} shown to {~pēpi} by the {#kāinga}."],
}
WORD_OF_NAME = {"Hope": "hope", "Grace": "grace", "Will": "will", "Mark": "mark", "Bill": "bill",
                "Rose": "rose", "Joy": "joy", "Faith": "faith", "May": "may", "Young": "young",
                "Summer": "summer", "Park": "park", "Aroha": "aroha", "Mana": "mana", "Kiri": "kiri",
                "Awhina": "awhina", "Marama": "marama", "Tama": "tama", "Kaha": "kaha",
                "Manaaki": "manaaki", "Tāne": "tane", "Teina": "teina", "Moana": "moana",
                "Tui": "tui", "Alofa": "alofa", "'Ofa": "'ofa"}

# ---------------------------------------------------------------------------
# Sentence templates
#   {C} client  {C's} possessive  {C0} client full name  {K} caregiver
#   {RK} relation + caregiver  {O} new other person  {SIB} sibling  {DR} doctor
#   {TCH} teacher  {STF} staff at another agency
#   {PROG} {ORG} {TOWN} {SDATE} {TIME} {AMT} {CNT} {REF} {FREE} {BANKORG} distractors
#   {~x} te reo word  {#x} Pasifika word  {^x} English word that is also a name
#   {=kind:text} any other literal distractor
#   {NHI} {IRD} {PH} {EM} {BANK} {DL} {DOB} {ADDR} identifiers
# ---------------------------------------------------------------------------
OPENERS = [
    "HV to {C} at home in {TOWN}.",
    "Ph call w/ {RK} @ {TIME}.",
    "{~Whānau} {~hui} at the {~marae} {SDATE} w/ {C}.",
    "Txt from {C} this am re {PROG}.",
    "Office visit - {C} walked in {SDATE} {TIME}.",
    "F2F w/ {C} and {RK} at {ORG}.",
    "{C} attended {PROG} {CNT}.",
    "Outreach to {TOWN}, met {C} at the {~kura} gate.",
    "Budget appt w/ {C} {SDATE} {TIME}.",
    "Catch up w {C} at maccas in {TOWN} after {~kura}.",
    "Referral recieved from {ORG} for {C}.",
    "{~Kia ora} - {C} rang back {TIME}.",
    "Unplanned visit, {C} not home, left card w/ {O}.",
    "Session w/ {C} and the {~tamariki} at {ORG} {SDATE}.",
    "Attempted contact {SDATE} {TIME}, no answer from {C}.",
    "{#Talofa lava} - visit to {C's} {#aiga} in {TOWN}.",
    "Met {C} at {ORG} offices {TIME}.",
    "{#Mālō e lelei} - {C} and {RK} at home, {#kāinga} all there.",
    "{C} dropped in unannounced, upset.",
    "Home visit {SDATE}. {C} and {RK} present.",
]
GENERAL = [
    "{C} said things are tight since the power {^bill} came in, owes {AMT}.",
    "{C} is keen to keep going w/ {PROG}, next session {SDATE}.",
    "Discussed {~kai} budget, {AMTW} for a {~whānau} of 6.",
    "{RK} was there and did most of the {~kōrero}.",
    "{SIB} back at {~kura} this wk, {C} pleased.",
    "GP is {DR} at {ORG}, appt {SDATE} {TIME} for {C's} asthma.",
    "{C} ran late, car broke down in {TOWN}.",
    "{~Kaumātua} {O} opened w/ {~karakia}.",
    "Spoke w/ {O} from {ORG} re housing, they'll ring {C} {SDATE}.",
    "{C} and {RK} both attended, {~tamariki} played outside.",
    "{TCH} emailed re attendance, {C} missed 4 days.",
    "Food parcel from {ORG} dropped off, worth approx {AMT}.",
    "{C's} {~whānau} moving to {TOWN} end of month.",
    "Rent is {AMT0} pw, {=org:WINZ} top up {AMTW}.",
    "{C} rang {FREE} ({ORG}) last night, felt better after.",
    "Gave {C} the {ORG} freephone {FREE}.",
    "{C} wants {~mahi}, looking at a course thru {ORG}.",
    "Supported {C} to {ORG} for a hardship grant, approved {AMT}.",
    "{~Pēpi} gaining weight, {ORG} nurse {O} happy.",
    "{C} has {CNT} left of {PROG}.",
    "{O} (cousin) staying on the couch, {C} stressed about it.",
    "Checked in on {C} re {~hauora}, sleeping better.",
    "Next {~hui} {SDATE} {TIME} at {ORG} in {TOWN}.",
    "{C} shared {~whakapapa}, connected to a {~marae} out of {TOWN}.",
    "{RK} worried about {C's} vaping, talked thru options.",
    "{~Koha} of {AMT} petrol voucher given.",
    "{C} doing well at {PROG}, facilitator {STF} says really engaged.",
    "Invoice {REF} from {ORG} for {AMT} - pd by agency.",
    "{C} to bring bank statements {SDATE} {TIME}.",
    "Court date {SDATE}, {O} from {ORG} to support.",
    "{C} had a good week, went to {~kapa haka} w/ {SIB}.",
    "Did the budget sheet w {C}, surplus of {AMT} after rent.",
    "Dad {O} not involved, no contact since {SDATE}.",
    "{C} says {O} has been helping w/ the {~tamariki} after {~kura}.",
    "{C} missed {CNT}, txt'd at {TIME} to reschedule.",
    "{DR} increased meds, review {SDATE}.",
    "Took {C} and {SIB} to {SHOP} for uniforms, cost {AMT}.",
    "Receipt no. {REF} on file, {AMT} paid to {ORG}.",
    "{C} nervous about the {~hui} w/ {ORG}, we practised what to say.",
    "Lots of laughter today, {C} more settled.",
    "{~Whānau} {~hui} agreed {RK} {^will} have the {~tamariki} weekends.",
    "{C} away at a {~tangi} in {TOWN} last wk.",
    "Handed over a {AMT} {SHOP} voucher.",
    "{O} from {ORG} sat in on the session, {C} ok w/ that.",
    "{STF} ({ORG}) to do the referral to {PROG}.",
    "{C} did the {~karakia} to open today, big step.",
    "Quote {REF} for a washing machine {AMT}, {ORG} to pay half.",
    "{C} playing league for {TOWN} U15s, training {SDATE} {TIME}.",
    "{C} was quiet, {RK} said {C} hasnt been sleeping.",
    "{#Fanau} all home, {#lotu} at {TIME} so visit kept short.",
    "{C's} {#aiga} in {TOWN} helping w/ rent, {AMT0} a fortnight.",
    "{O} the {#faifeau} has been a support to {C}.",
    "{C} and {O} argued at drop off, no police involved.",
    "Booking ref {REF} for the motel in {TOWN}, {AMT0} a night.",
    "{C} proud of the {~mahi toi} from {PROG}.",
    "{RK} works nights at {ORG} so visits after {TIME}.",
    "Made a plan w {C}: {~kai} first, then rent, then the phone {^bill}.",
    "{C} says {O} and {O} from school are a bad influence.",
    "No-show {SDATE}. Txt sent, {C} replied sorry, {~whānau} stuff.",
    "{TCH} says {C} is settling in, reading improving.",
    "{C} finished {CNT} of {PROG}, cert at the {~hākari} {SDATE}.",
    "{C} has a check {SDATE} w/ {ORG} nurse {O}.",
    "{~Kuia} {O} concerned about {C}, wants a {~hui}.",
    "{~Whaea} {O} at {~kōhanga} says {C} is loving it.",
    "{C} talked about {~wairua} stuff, been going to {~mirimiri} at {ORG}.",
    "Arrears of {AMT} w/ {ORG}, payment plan {AMTW} agreed.",
    "Job interview {SDATE} {TIME} at {SHOP} {TOWN}.",
    "{C} doesnt want {RK} told yet, respected that.",
    "{C} got to {PROG} {CNT} on the bus, proud of that.",
    "Drove {C} to {ORG} in {TOWN}, {O} met us there.",
    "{O} and {O} (aunties) helping with {~kai} this wk.",
    "{C} said {DR} wants bloods done before {SDATE}.",
    "Whole {~whānau} at {#lotu} Sunday, {C} feeling supported.",
    "{C's} {~koro} {O} unwell in {ORG}, {~whānau} taking turns.",
    "Ref #{REF} for the {ORG} application, decision due {SDATE}.",
    "{C} wants to learn {~te reo}, told them about {PROG}.",
    "{RK} and {C} sorted the {~kai} plan for {~Matariki}.",
    "{O}, {C's} partner, rang {TIME} asking about {PROG}.",
    "{C} said {O} is back in {TOWN}, not safe, safety plan updated.",
    "{C} passed the learner licence theory test, stoked.",
    "Car seat from {ORG} fitted for {~pēpi}, {AMT} {~koha}.",
    "Definately improvement since {SDATE}, {C} more confident.",
    "{STF} from {ORG} rang re {C}, {^will} email.",
    "{C} has been going to {~wānanga} at the {~marae} on wkends.",
    "{RK} asked if {SIB} can join {PROG} too.",
    "tmrw {TIME} {C} has {ORG} appt, I'll drive.",
]
IDS = {
    "NHI": ["{C0} NHI {NHI}.", "nhi {NHI} confirmed w/ {ORG}.", "Client {C0} ({NHI}) enrolled at {ORG}.",
            "NHI# {NHI} for {~pēpi}, {ORG} enrolment done.", "{SIB} NHI: {NHI}.",
            "{C} - NHI no {NHI}, GP {DR}."],
    "IRD": ["IRD no. {IRD} given for the {ORG} form.", "{C's} ird {IRD}, needs to file for {=programme:Working for Families}.",
            "tax number {IRD} - {RK} to bring proof.", "IR number {IRD} on the {ORG} letter.",
            "{RK} IRD # {IRD}."],
    "PHONE": ["{C} new mob {PH}.", "ph {PH} ({RK})", "Best contact is {RK} on {PH}, after {TIME}.",
              "Old number {PH} cut off, use {PH} instead.", "{O} from {ORG} on {PH} or {FREE}.",
              "{C} can be txt'd on {PH}."],
    "EMAIL": ["email {EM} for the forms.", "{C} sent docs from {EM}.", "Updated contact: {EM}, {PH}.",
              "{RK} prefers email - {EM}."],
    "BANK": ["Acct for rent deduction {BANK}.", "{C's} {BANKORG} a/c {BANK} - {=org:WINZ} to pay into that.",
             "Refund to acct {BANK}.", "Bank acct no {BANK} ({BANKORG}) for the grant."],
    "DL": ["ID sighted: DL {DL}.", "Driver licence {DL} (restricted).", "{C} licence no {DL}, expired.",
           "{RK} drivers lic {DL}."],
    "DOB": ["{C0} DOB {DOB}.", "{SIB} born {DOB}.", "d.o.b. {DOB}", "{C} (b. {DOB}) attended w/ {RK}.",
            "date of birth {DOB} checked on birth cert.", "{~Pēpi} arrived! born {DOBP} at {ORG}.",
            "{C} DOB: {DOB}, {RK} confirmed."],
    "ADDRESS": ["Now living at {ADDR}.", "HV at {ADDR}.", "New address {ADDR} from {SDATE}.",
                "{RK} at {ADDR} for the school hols.", "Mail to {ADDR}.", "{C} moved into {ADDR}."],
}
PLANS = ["Plan: {C} to ring {ORG} by {SDATE}.", "Next: HV {SDATE} {TIME}.", "NFA.",
         "F/u {SDATE} re {PROG}.", "Plan - {~hui} w/ {~whānau} {SDATE}, bring {~kai}.",
         "Plan: referral to {PROG}, check in {SDATE}.", "Next appt {SDATE} @ {TIME}.",
         "{~Ka pai}. Review {SDATE}.",
         "TODO: chase {ORG} re {REF}.", "Plan - {RK} to call {FREE} if things escalate."]
SIGNOFFS = ["- {S} (SW)", "~{S} FW", "{S}, {=programme:Whānau Ora} navigator", "Entered by {S}",
            "/{S} YW", "-- {S} budget adviser", "{S} ({~kaimahi})", "{S} - Pasifika family worker",
            "{~Ngā mihi}, {S}", "{S} (facilitator)"]

# ---------------------------------------------------------------------------
# Identifier generators and validators
# ---------------------------------------------------------------------------
NHI_ALPHA = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, no O


def _nhi_val(ch: str) -> int:
    return NHI_ALPHA.index(ch) + 1 if ch.isalpha() else int(ch)


def nhi_valid(s: str) -> bool:
    s = s.upper()
    if not re.fullmatch(r"[A-HJ-NP-Z]{3}\d{2}(\d{2}|[A-HJ-NP-Z]{2})", s):
        return False
    total = sum(_nhi_val(c) * w for c, w in zip(s[:6], (7, 6, 5, 4, 3, 2)))
    if s[6].isdigit():  # old format AAANNNC, mod 11
        if not s[5].isdigit():
            return False
        r = total % 11
        if r == 0 or 11 - r == 10:
            return False
        return int(s[6]) == 11 - r
    if s[5].isdigit():
        return False
    r = total % 23  # new format AAANNAX, mod 23
    if r == 0:
        return False
    return s[6] == NHI_ALPHA[23 - r - 1]


def make_nhi(rng: random.Random) -> str:
    while True:
        head = "".join(rng.choice(NHI_ALPHA) for _ in range(3))
        if rng.random() < 0.55:
            body = head + "".join(rng.choice("0123456789") for _ in range(3))
            total = sum(_nhi_val(c) * w for c, w in zip(body, (7, 6, 5, 4, 3, 2)))
            r = total % 11
            if r == 0 or 11 - r == 10:
                continue
            return body + str(11 - r)
        body = head + "".join(rng.choice("0123456789") for _ in range(2)) + rng.choice(NHI_ALPHA)
        total = sum(_nhi_val(c) * w for c, w in zip(body, (7, 6, 5, 4, 3, 2)))
        r = total % 23
        if r == 0:
            continue
        return body + NHI_ALPHA[23 - r - 1]


def _ird_check(base8: str):
    s = -sum(w * int(n) for w, n in zip((3, 2, 7, 6, 5, 4, 3, 2), base8)) % 11
    return None if s == 10 else s  # primary weights only (secondary not used here)


def ird_valid(s: str) -> bool:
    d = re.sub(r"[\s-]", "", s)
    if not re.fullmatch(r"\d{8,9}", d) or not 10000000 < int(d) < 150000000:
        return False
    c = _ird_check(d[:-1].zfill(8))
    return c is not None and int(d[-1]) == c


def _ird_digits(rng: random.Random) -> str:
    while True:
        n = rng.randint(1000001, 14999999)
        base = str(n).zfill(8)
        c = _ird_check(base)
        if c is None:
            continue
        d = (str(n) + str(c))
        if 10000000 < int(d) < 150000000:
            return d


def make_ird(rng: random.Random) -> str:
    d = _ird_digits(rng)
    f = rng.random()
    if len(d) == 9:
        if f < 0.4:
            return f"{d[:3]}-{d[3:6]}-{d[6:]}"
        if f < 0.65:
            return f"{d[:3]} {d[3:6]} {d[6:]}"
        return d
    if f < 0.4:
        return f"{d[:2]}-{d[2:5]}-{d[5:]}"
    if f < 0.6:
        return f"{d[:2]} {d[2:5]} {d[5:]}"
    return d


BANK_BRANCHES = [("01", "0242"), ("01", "0102"), ("01", "0182"), ("01", "0505"), ("01", "1839"),
                 ("02", "0100"), ("02", "0124"), ("02", "0500"), ("02", "1244"), ("03", "0104"),
                 ("03", "0211"), ("03", "1702"), ("06", "0101"), ("06", "0581"), ("12", "3011"),
                 ("12", "3040"), ("12", "3150"), ("12", "3233"), ("38", "9000"), ("38", "9012"),
                 ("38", "9205"), ("11", "5000")]
_BANK_W = {"A": (0, 0, 6, 3, 7, 9, 0, 10, 5, 8, 4, 2, 1, 0, 0, 0),
           "B": (0, 0, 0, 0, 0, 0, 0, 10, 5, 8, 4, 2, 1, 0, 0, 0)}


def _bank_sum(d16: str) -> int:
    alg = "B" if d16[6:13] >= "0990000" else "A"  # all banks used here are algorithm A/B
    return sum(w * int(n) for w, n in zip(_BANK_W[alg], d16)) % 11


def bank_compact(s: str) -> str:
    parts = re.split(r"[\s-]+", s.strip())
    if len(parts) == 4:
        return "".join(p.zfill(n) for p, n in zip(parts, (2, 4, 7, 3)))
    d = "".join(parts)
    return d[:13] + d[13:].zfill(3)


def bank_valid(s: str) -> bool:
    d = bank_compact(s)
    return bool(re.fullmatch(r"\d{16}", d)) and (d[:2], d[2:6]) in BANK_BRANCHES and _bank_sum(d) == 0


def make_bank(rng: random.Random) -> str:
    while True:
        bk, br = rng.choice(BANK_BRANCHES)
        acct = str(rng.randint(10000, 989999)).zfill(7)
        suf = rng.choice(["00", "00", "000", "01", "02", "025", "30", "50", "001", "002"])
        d = bk + br + acct + suf.zfill(3)
        if _bank_sum(d) != 0:
            continue
        f = rng.random()
        if f < 0.45:
            return f"{bk}-{br}-{acct}-{suf}"
        if f < 0.75:
            return f"{bk} {br} {acct} {suf}"
        if f < 0.9:
            return f"{bk}{br}{acct}{suf}"
        return f"{bk}-{br} {acct} {suf}"


def phone_valid(s: str) -> bool:
    d = re.sub(r"[\s().-]", "", s)
    if d.startswith("+64"):
        d = "0" + d[3:]
    if re.fullmatch(r"02[1279]\d{6,8}", d):
        return d[3] in "23456789" or d.startswith("021")
    return bool(re.fullmatch(r"0[34679][2-9]\d{6}", d))


def make_phone(rng: random.Random) -> str:
    if rng.random() < 0.65:
        pre = rng.choice(["21", "21", "22", "27", "27", "29"])
        n = 7 if pre != "21" else rng.choice([6, 7, 7, 7, 8])
        sub = str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))
        f = rng.random()
        if n == 6:
            parts = (sub[:3], sub[3:])
        elif n == 7:
            parts = (sub[:3], sub[3:])
        else:
            parts = (sub[:4], sub[4:])
        if f < 0.35:
            return f"0{pre} {parts[0]} {parts[1]}"
        if f < 0.5:
            return f"0{pre}{sub}"
        if f < 0.62:
            return f"0{pre}-{parts[0]}-{parts[1]}"
        if f < 0.72:
            return f"0{pre} {sub}"
        if f < 0.85:
            return f"+64 {pre} {parts[0]} {parts[1]}"
        if f < 0.93:
            return f"+64{pre}{sub}"
        return f"(0{pre}) {parts[0]} {parts[1]}"
    area = rng.choice("34679")
    sub = str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(6))
    f = rng.random()
    if f < 0.3:
        return f"0{area} {sub[:3]} {sub[3:]}"
    if f < 0.5:
        return f"(0{area}) {sub[:3]}-{sub[3:]}"
    if f < 0.62:
        return f"0{area}{sub}"
    if f < 0.75:
        return f"0{area}-{sub[:3]} {sub[3:]}"
    if f < 0.9:
        return f"+64 {area} {sub[:3]} {sub[3:]}"
    return f"(0{area}) {sub}"


EMAIL_RE = re.compile(r"[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+", re.I)
EMAIL_DOMAINS = ["gmail.com", "gmail.com", "xtra.co.nz", "hotmail.com", "outlook.co.nz", "yahoo.co.nz",
                 "icloud.com", "live.com", "hotmail.co.nz", "outlook.com"]


def _ascii(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def make_email(rng: random.Random, given: str, family: str) -> str:
    g = re.sub(r"[^a-z]", "", _ascii(given).lower())
    f = re.sub(r"[^a-z]", "", _ascii(family).lower())
    yr = str(rng.randint(70, 99) if rng.random() < 0.5 else rng.randint(2000, 2012))
    local = rng.choice([f"{g}.{f}", f"{g}{f}", f"{g}_{f[:1]}{yr[-2:]}", f"{g}{yr}", f"{f}.{g}",
                        f"{g}.{f}{rng.randint(1, 99)}", f"{g[:1]}{f}", f"{f}whanau", f"mum.of.{rng.randint(2, 5)}.{g}"])
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def make_dl(rng: random.Random) -> str:
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
    digits = "".join(str(rng.randint(0, 9)) for _ in range(6))
    f = rng.random()
    if f < 0.5:
        return letters + digits
    if f < 0.85:
        return f"{letters} {digits}"
    return f"{letters}-{digits}"


def dl_valid(s: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{2}[ -]?\d{6}", s))


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MON3 = {m[:3].lower(): i + 1 for i, m in enumerate(MONTHS)}
MON3["sept"] = 9


def _ord(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def make_dob(rng: random.Random, child: bool, baby: bool = False) -> str:
    y = rng.randint(2024, 2026) if baby else rng.randint(2008, 2025) if child else rng.randint(1958, 2006)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    mon = MONTHS[m - 1]
    short = "Sept" if m == 9 and rng.random() < 0.5 else mon[:3]
    forms = [f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{d:02d}.{m:02d}.{y}", f"{d:02d}-{m:02d}-{y}",
             f"{_ord(d)} {mon} {y}", f"{d} {mon} {y}", f"{mon} {d} {y}", f"{mon} {d}, {y}",
             f"{y}-{m:02d}-{d:02d}", f"{d} {short} {y}", f"{_ord(d)} of {mon} {y}",
             f"{d:02d}/{m:02d}/{str(y)[2:]}", f"{short} {_ord(d)} {y}", f"{_ord(d)} {short} {y}"]
    return rng.choice(forms)


def parse_dob(s: str):
    t = s.strip().lower().replace(",", "")
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", t)
    if m:
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
        y = y + (2000 if y < 30 else 1900) if y < 100 else y
        return _dt.date(y, mo, d)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        return _dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?(?: of)? ([a-z]+) (\d{4})", t)
    if m:
        return _dt.date(int(m[3]), MON3[m[2][:4] if m[2][:4] == "sept" else m[2][:3]], int(m[1]))
    m = re.fullmatch(r"([a-z]+) (\d{1,2})(?:st|nd|rd|th)? (\d{4})", t)
    if m:
        return _dt.date(int(m[3]), MON3[m[1][:4] if m[1][:4] == "sept" else m[1][:3]], int(m[2]))
    raise ValueError(s)


STREETS = ["Kowhai", "Rata", "Totara", "Matai", "Puriri", "Karaka", "Great South", "Bairds", "Preston",
           "Mahia", "Wordsworth", "Dawson", "Hillcrest", "Te Irirangi", "Rimu", "Nikau", "Whitford",
           "Mascot", "Waddell", "Israel", "Hyde", "Tennyson", "Raukawa", "Kirikiri", "Tainui",
           "Pohutukawa", "Ngāti Awa", "Queen", "Victoria", "Station", "Tawa", "Hinau"]
STYPES = ["St", "Street", "Rd", "Road", "Ave", "Avenue", "Cres", "Crescent", "Pl", "Place", "Dr",
          "Drive", "Tce", "Grove", "Way", "Close", "Lane"]
SUBURBS = [("Ōtara", "Auckland", "2023"), ("Manurewa", "Auckland", "2102"), ("Māngere East", "Auckland", "2024"),
           ("Cannons Creek", "Porirua", "5024"), ("Naenae", "Lower Hutt", "5011"), ("Flaxmere", "Hastings", "4120"),
           ("Aranui", "Christchurch", "8061"), ("Fordlands", "Rotorua", "3015"), ("Gonville", "Whanganui", "4501"),
           ("Elgin", "Gisborne", "4010"), ("Enderley", "Hamilton", "3214"), ("Wainuiomata", "Lower Hutt", "5014"),
           ("Otangarei", "Whangārei", "0112"), ("Glengarry", "Invercargill", "9810"), ("Clendon Park", "Auckland", "2103"),
           ("Waitangirua", "Porirua", "5024"), ("Maraenui", "Napier", "4110"), ("Castlecliff", "Whanganui", "4501"),
           ("Linwood", "Christchurch", "8062"), ("Papakura", "Auckland", "2110")]
RURAL = [("Kaikohe", "0405"), ("Moerewa", "0211"), ("Ōpōtiki", "3122"), ("Ruatoria", "4032"),
         ("Kaitaia", "0410"), ("Wairoa", "4108")]


def make_address(rng: random.Random) -> str:
    if rng.random() < 0.1:
        town, pc = rng.choice(RURAL)
        return rng.choice([f"{rng.randint(10, 2999)} State Highway {rng.randint(1, 35)}, RD {rng.randint(1, 5)}, {town} {pc}",
                           f"{rng.randint(10, 999)} {rng.choice(STREETS)} Road, RD {rng.randint(1, 5)}, {town}"])
    num = rng.randint(1, 260)
    f = rng.random()
    if f < 0.2:
        no = f"{rng.randint(1, 9)}/{num}"
    elif f < 0.3:
        no = f"Flat {rng.randint(1, 6)}, {num}"
    elif f < 0.38:
        no = f"Unit {rng.randint(1, 12)} {num}"
    elif f < 0.46:
        no = f"{num}{rng.choice('ABC')}"
    else:
        no = str(num)
    street = f"{rng.choice(STREETS)} {rng.choice(STYPES)}"
    sub, town, pc = rng.choice(SUBURBS)
    g = rng.random()
    if g < 0.2:
        a = f"{no} {street}"
    elif g < 0.45:
        a = f"{no} {street}, {sub}"
    elif g < 0.7:
        a = f"{no} {street}, {sub}, {town} {pc}"
    elif g < 0.82:
        a = f"{no} {street} {sub} {pc}"
    elif g < 0.92:
        a = f"{no} {street}, {town}"
    else:
        a = f"{no} {street}, {sub}".lower()
    return a


def address_valid(s: str) -> bool:
    return bool(re.search(r"\d", s)) and bool(
        re.search(r"\b(" + "|".join(STYPES) + r"|Highway|RD)\b", s, re.I))


# ---------------------------------------------------------------------------
# Distractor generators
# ---------------------------------------------------------------------------
DAYS = ["Mon", "Tues", "Tue", "Wed", "Thurs", "Thu", "Fri", "Sat", "Monday", "Tuesday", "Wednesday",
        "Thursday", "Friday"]


def make_sdate(rng: random.Random) -> str:
    y = rng.choice([2025, 2026])
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    return rng.choice([
        f"{d}/{m:02d}", f"{d:02d}/{m:02d}", f"{rng.choice(DAYS)} {d}/{m}", f"{rng.choice(DAYS)} {d} {MONTHS[m-1][:3]}",
        f"{d:02d}/{m:02d}/{y}", f"next {rng.choice(DAYS)}", f"the {_ord(d)}", rng.choice(DAYS),
        f"{d} {MONTHS[m-1]}", f"wk of {d}/{m}", f"{y}-{m:02d}-{d:02d}", f"{_ord(d)} {MONTHS[m-1]}",
        f"{rng.choice(DAYS)} {_ord(d)}", "today", "tmrw", f"{d}.{m}.{str(y)[2:]}"])


def make_time(rng: random.Random) -> str:
    h = rng.randint(8, 17)
    h12 = h if h <= 12 else h - 12
    ap = "am" if h < 12 else "pm"
    mi = rng.choice([0, 0, 15, 30, 30, 45])
    return rng.choice([f"{h12}{ap}", f"{h12}.{mi:02d}{ap}", f"{h12}:{mi:02d}{ap}", f"{h:02d}:{mi:02d}",
                       f"{h:02d}{mi:02d}hrs", f"{h12}-{h12 + 1 if h12 < 12 else 1}{'pm' if h >= 11 else 'am'}",
                       f"{h12}{ap.upper()}", f"{h12} {ap}"])


def make_amount(rng: random.Random, plain: bool = False, weekly: bool = False) -> str:
    v = rng.choice([rng.randint(5, 95), rng.randint(20, 300), rng.randint(100, 600), rng.randint(600, 4000)])
    if weekly:
        return rng.choice([f"${v}/wk", f"${v}pw", f"${v} a wk", f"${v} per week", f"${v}/week"])
    if plain:
        return rng.choice([f"${v}", f"${v}.{rng.randint(0, 99):02d}", f"${v:,}", f"${v}.00"])
    return rng.choice([f"${v}", f"${v}", f"${v}.{rng.randint(0, 99):02d}", f"${v:,}" if v >= 1000 else f"${v}.00",
                       f"$ {v}", f"NZ${v}", f"{v} dollars"])


def make_count(rng: random.Random) -> str:
    tot = rng.randint(4, 12)
    k = rng.randint(1, tot)
    return rng.choice([f"session {k} of {tot}", f"wk {k} of {tot}", f"{_ord(k)} session", f"{k} sessions",
                       f"{k}/{tot} sessions", f"module {k}", f"{k} of {tot} sessions", f"week {k}"])


def make_ref(rng: random.Random) -> str:
    f = rng.random()
    if f < 0.45:  # looks exactly like an IRD number; about half pass the IRD checksum
        d = _ird_digits(rng) if rng.random() < 0.5 else str(rng.randint(10000000, 149999999))
        if rng.random() < 0.4 and len(d) == 9:
            return f"{d[:3]}-{d[3:6]}-{d[6:]}"
        return d
    return rng.choice([f"INV-{rng.randint(1000, 999999):06d}", f"{rng.randint(10000, 99999)}",
                       f"RCT{rng.randint(10000, 99999)}", f"2025-{rng.randint(1, 9999):04d}",
                       f"PO{rng.randint(100000, 999999)}", f"Q{rng.randint(1000, 9999)}-{rng.randint(1, 9)}"])


# ---------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------
class Person:
    def __init__(self, given: str, family: str, gender: str):
        self.given, self.family, self.gender = given, family, gender
        self.mentioned = 0

    @property
    def canonical(self) -> str:
        return f"{self.given} {self.family}"


def _pick_culture(rng):
    cs = list(CULTURE_WEIGHTS)
    return rng.choices(cs, weights=[CULTURE_WEIGHTS[c] for c in cs])[0]


def make_person(rng: random.Random, culture=None, family=None, gender=None, wordy=0.0) -> Person:
    culture = culture or _pick_culture(rng)
    gender = gender or rng.choice("FM")
    if rng.random() < wordy:
        given = rng.choice(WORD_GIVEN[gender])
    else:
        given = rng.choice(GIVEN[culture][gender])
    if family is None:
        fc = culture if rng.random() < 0.88 else _pick_culture(rng)
        family = rng.choice(FAMILY[fc])
        if rng.random() < 0.06:
            other = rng.choice(FAMILY[_pick_culture(rng)])
            if " " not in other and " " not in family and other != family:
                family = f"{family}-{other}"
        if rng.random() < 0.04:
            family = "Young" if rng.random() < 0.5 else "Park"
    return Person(given, family, gender)


def _initial(name: str) -> str:
    return next(c for c in name if c.isalpha())


# ---------------------------------------------------------------------------
# Note builder
# ---------------------------------------------------------------------------
SLOT_RE = re.compile(r"\{([^{}]+)\}")


class Note:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.kinds: list[tuple[str, str]] = []
        self.ids: list[tuple[str, str]] = []
        culture = _pick_culture(rng)
        self.client = make_person(rng, culture, wordy=0.3)
        self.child_client = rng.random() < 0.4
        fam = self.client.family if rng.random() < 0.6 else None
        self.carer = make_person(rng, culture, family=fam, wordy=0.15)
        while self.carer.given == self.client.given:
            self.carer = make_person(rng, culture, family=fam, wordy=0.15)
        self.used_given = {self.client.given, self.carer.given}
        if self.carer.gender == "F":
            self.rel = rng.choice(["mum", "mum", "nan", "nana", "aunty", "{~kuia}", "foster mum", "{~māmā}",
                                   "{#tinā}", "{~whaea}"])
        else:
            self.rel = rng.choice(["dad", "dad", "grandad", "uncle", "{~koro}", "stepdad", "{~pāpā}", "{~koroua}"])
        self.sib = make_person(rng, culture, family=self.client.family)
        while self.sib.given in self.used_given:
            self.sib = make_person(rng, culture, family=self.client.family)
        self.used_given.add(self.sib.given)
        self.sib_used = False
        self.fixed_others: dict[str, Person] = {}
        self.others: list[Person] = []
        self.words_used: set[str] = set()
        self._bank: str | None = None

    # -- markup helpers ---------------------------------------------------
    def d(self, text: str, kind: str) -> str:
        self.kinds.append((kind, text))
        if kind in ("te_reo", "pasifika", "word_name"):
            self.words_used.add(_norm(text))
        return "{{" + text + "}}"

    def ident(self, typ: str, text: str) -> str:
        self.ids.append((typ, text))
        return f"[[{typ}:{text}]]"

    def pspan(self, text: str) -> str:
        self.ids.append(("PERSON", text))
        return f"[[PERSON:{text}]]"

    def ref(self, p: Person, role: str, poss: bool = False, force: str | None = None) -> str:
        rng = self.rng
        p.mentioned += 1
        if force:
            form = force
        elif role == "client":
            form = rng.choices(["given", "full", "lower_given", "caps_full", "title", "initial",
                                "lower_full", "caps_given", "family", "given_initial"],
                               [33, 20, 11, 7, 8, 5, 5, 5, 2, 4])[0]
        elif role == "staff":
            form = rng.choices(["given", "given_initial", "full", "initial", "lower_given"], [40, 20, 20, 12, 8])[0]
        else:
            form = rng.choices(["given", "full", "lower_given", "caps_full", "title", "initial"],
                               [40, 28, 10, 6, 10, 6])[0]
        g, f = p.given, p.family
        if form == "title" and self.child_client and role == "client":
            form = "given"
        pre = ""
        if form == "given":
            t = g
        elif form == "full":
            t = f"{g} {f}"
        elif form == "lower_given":
            t = g.lower()
        elif form == "lower_full":
            t = f"{g} {f}".lower()
        elif form == "caps_full":
            t = f"{g} {f}".upper()
        elif form == "caps_given":
            t = g.upper()
        elif form == "family":
            t = f
        elif form == "given_initial":
            t = f"{g} {_initial(f)}"
        elif form == "initial":
            t = f"{_initial(g)}{rng.choice(['.', '.', ''])} {f}"
        elif form == "title":
            title = rng.choice(["Mrs", "Ms", "Miss", "Mrs"]) if p.gender == "F" else rng.choice(["Mr", "Mr."])
            pre, t = title + " ", f
        else:
            raise ValueError(form)
        return pre + self.pspan(t) + ("'s" if poss else "")

    def bank(self) -> str:
        if self._bank is None:
            self._bank = make_bank(self.rng)
        return self._bank

    def new_other(self, key: str | None = None) -> Person:
        if key and key in self.fixed_others:
            return self.fixed_others[key]
        p = make_person(self.rng, wordy=0.12)
        while p.given in self.used_given:
            p = make_person(self.rng, wordy=0.12)
        self.used_given.add(p.given)
        self.others.append(p)
        if key:
            self.fixed_others[key] = p
        return p

    # -- slot filling -------------------------------------------------------
    def fill(self, tpl: str) -> str:
        return SLOT_RE.sub(lambda m: self.slot(m.group(1)), tpl)

    def slot(self, s: str) -> str:
        rng = self.rng
        if s[0] == "~":
            return self.d(s[1:], "te_reo")
        if s[0] == "#":
            return self.d(s[1:], "pasifika")
        if s[0] == "^":
            return self.d(s[1:], "word_name")
        if s[0] == "=":
            kind, text = s[1:].split(":", 1)
            return self.d(text, {"org": "organisation", "programme": "programme"}.get(kind, kind))
        poss = s.endswith("'s")
        key = s[:-2] if poss else s
        if key == "C":
            return self.ref(self.client, "client", poss)
        if key == "C0":
            return self.ref(self.client, "client", poss, force=rng.choice(["full", "full", "caps_full", "lower_full"]))
        if key == "K":
            return self.ref(self.carer, "carer", poss)
        if key == "RK":
            rel = self.fill(self.rel)
            if rng.random() < 0.25:
                return self.ref(self.carer, "carer", poss,
                                force=rng.choice(["given", "full", "lower_given"])) + f" ({rel})"
            name = self.ref(self.carer, "carer", poss, force=rng.choice(["given", "given", "full", "lower_given", "caps_given"]))
            return f"{rel} {name}"
        if key == "O":
            return self.ref(self.new_other(), "other", poss)
        if key == "SIB":
            self.sib_used = True
            self.sib.mentioned += 1
            form = rng.choice(["given", "given", "given", "lower_given", "full"])
            return self.ref(self.sib, "other", poss, force=form)
        if key == "DR":
            p = self.new_other()
            f = rng.random()
            if f < 0.5:
                return "Dr " + self.pspan(p.family) + ("'s" if poss else "")
            if f < 0.8:
                return "Dr " + self.pspan(f"{p.given} {p.family}") + ("'s" if poss else "")
            return "GP " + self.pspan(p.given) + ("'s" if poss else "")
        if key == "TCH":
            p = self.new_other()
            f = rng.random()
            if f < 0.35:
                return ("Ms " if p.gender == "F" else "Mr ") + self.pspan(p.family)
            if f < 0.65:
                return self.d("whaea" if p.gender == "F" else "matua", "te_reo") + " " + self.pspan(p.given)
            if f < 0.85:
                return self.pspan(p.given) + " (teacher)"
            return "teacher " + self.pspan(f"{p.given} {p.family}")
        if key == "STF":
            return self.ref(self.new_other(), "staff", poss)
        if key == "PROG":
            return self.d(rng.choice(PROGRAMMES), "programme")
        if key == "ORG":
            return self.d(rng.choice(ORGS), "organisation")
        if key == "SHOP":
            return self.d(rng.choice(SHOPS), "organisation")
        if key == "AMTW":
            return self.d(make_amount(rng, weekly=True), "amount")
        if key == "BANKORG":
            return self.d(BANK_OF_CODE[self.bank()[:2]], "organisation")
        if key == "TOWN":
            return self.d(rng.choice(TOWNS), "place")
        if key == "SDATE":
            return self.d(make_sdate(rng), "service_date")
        if key == "TIME":
            return self.d(make_time(rng), "time")
        if key == "AMT":
            return self.d(make_amount(rng), "amount")
        if key == "AMT0":
            return self.d(make_amount(rng, plain=True), "amount")
        if key == "CNT":
            return self.d(make_count(rng), "session_count")
        if key == "REF":
            return self.d(make_ref(rng), "reference")
        if key == "FREE":
            v = rng.choice(FREEPHONES)
            v = rng.choice([v, v, v.replace(" ", ""), v.replace(" ", "-")])
            return self.d(v, "freephone")
        if key == "NHI":
            v = make_nhi(rng)
            return self.ident("NHI", v.lower() if rng.random() < 0.05 else v)
        if key == "IRD":
            return self.ident("IRD", make_ird(rng))
        if key == "PH":
            return self.ident("PHONE", make_phone(rng))
        if key == "EM":
            p = rng.choice([self.client, self.client, self.carer])
            return self.ident("EMAIL", make_email(rng, p.given, p.family))
        if key == "BANK":
            return self.ident("BANK", self.bank())
        if key == "DL":
            return self.ident("DL", make_dl(rng))
        if key == "DOB":
            return self.ident("DOB", make_dob(rng, self.child_client))
        if key == "DOBP":
            return self.ident("DOB", make_dob(rng, True, baby=True))
        if key == "ADDR":
            return self.ident("ADDRESS", make_address(rng))
        if key == "S":
            p = self.new_other()
            return self.ref(p, "staff")
        raise KeyError(s)


def _norm(s: str) -> str:
    return _ascii(s).lower()


def _word_for(p: Person):
    return WORD_OF_NAME.get(p.given) or WORD_OF_NAME.get(p.family)


def _build(rng: random.Random):
    note = Note(rng)
    parts: list[str] = []
    parts.append(note.fill(rng.choice(OPENERS)))
    body: list[str] = []
    for t in rng.sample(GENERAL, rng.choice([1, 2, 2, 3])):
        body.append(note.fill(t))
    k = rng.choices([0, 1, 2, 3], [25, 45, 25, 5])[0]
    types = rng.sample(["PHONE", "DOB", "ADDRESS", "NHI", "EMAIL", "IRD", "BANK", "DL"],
                       k=k, counts=[18, 16, 16, 12, 10, 10, 9, 9]) if k else []
    seen = set()
    for typ in types:
        if typ in seen:
            continue
        seen.add(typ)
        body.append(note.fill(rng.choice(IDS[typ])))
    # a name that is also a word: use the word as a word in this note
    w = _word_for(note.client) or _word_for(note.carer)
    if w and rng.random() < 0.75:
        body.append(note.fill(rng.choice(WORD_USES[w])))
    elif rng.random() < 0.3:
        body.append(note.fill(rng.choice(WORD_USES[rng.choice(sorted(WORD_USES))])))
    rng.shuffle(body)
    parts.extend(body)
    if rng.random() < 0.3:
        parts.append(note.fill(rng.choice(PLANS)))
    if rng.random() < 0.65:
        parts.append(note.fill(rng.choice(SIGNOFFS)))
    text = " ".join(parts)
    # known names: the record's own people
    known = []
    if rng.random() < 0.67:
        known.append(note.client.canonical)
        if note.carer.mentioned and rng.random() < 0.5:
            known.append(note.carer.canonical)
    return note, known, text


def strip_marks(marked: str) -> str:
    return re.sub(r"\{\{(.*?)\}\}", r"\1", re.sub(r"\[\[[A-Z]+:(.*?)\]\]", r"\1", marked))


def generate_detailed(n: int = 400, seed: int = 2026):
    """Return [(line, distractor kinds [(kind, text)], identifier spans [(type, text)])]."""
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        note, known, text = _build(rng)
        plain = strip_marks(text)
        if not 150 <= len(plain) <= 450 or not note.client.mentioned:
            continue
        out.append(("; ".join(known) + "|" + text, note.kinds, note.ids))
    return out


def generate(n: int = 400, seed: int = 2026) -> list[str]:
    """n labelled notes ``KNOWN NAMES|MARKED TEXT``, deterministic for a seed."""
    return [line for line, _, _ in generate_detailed(n, seed)]


# ---------------------------------------------------------------------------
# Parsing and self-check
# ---------------------------------------------------------------------------
SPAN_RE = re.compile(r"\[\[(" + "|".join(TYPES) + r"):([^\[\]{}|]+?)\]\]|\{\{([^\[\]{}|]+?)\}\}")


def parse_line(line: str):
    """-> (known names list, plain text, [(start, end, TYPE or 'KEEP', text)])."""
    known_s, marked = line.split("|", 1)
    known = [k for k in known_s.split("; ") if k]
    plain, spans, pos = [], [], 0
    cur = 0
    for m in SPAN_RE.finditer(marked):
        chunk = marked[pos:m.start()]
        plain.append(chunk)
        cur += len(chunk)
        typ, txt = (m.group(1), m.group(2)) if m.group(1) else ("KEEP", m.group(3))
        spans.append((cur, cur + len(txt), typ, txt))
        plain.append(txt)
        cur += len(txt)
        pos = m.end()
    plain.append(marked[pos:])
    return known, "".join(plain), spans


_PARTICLES = {"te", "ki", "ka", "kia", "nga", "o", "a", "e", "i", "mai", "haere", "he", "pai", "ora",
              "lava", "lahi", "atu", "sa", "malo", "lelei", "e"}


def _all_name_tokens(sep=r"[\s-]+"):
    toks = set()
    for c in GIVEN.values():
        for lst in c.values():
            for nm in lst:
                toks.update(_norm(t) for t in re.split(sep, nm))
    for lst in FAMILY.values():
        for nm in lst:
            toks.update(_norm(t) for t in re.split(sep, nm))
    for lst in WORD_GIVEN.values():
        toks.update(_norm(t) for t in lst)
    toks.update(["young", "park"])
    return toks


def check() -> int:
    errors: list[str] = []
    type_counts: Counter = Counter()
    kind_counts: Counter = Counter()
    stats: Counter = Counter()
    lengths: list[int] = []
    try:
        from stdnum.nz import bankaccount as sn_bank, ird as sn_ird  # type: ignore
    except Exception:  # pragma: no cover
        sn_bank = sn_ird = None
    name_toks = _all_name_tokens()
    name_words = _all_name_tokens(r"\s+")  # hyphenated names kept whole for the unmarked-token scan
    lex_toks = set()
    for w in TE_REO + PASIFIKA + list(WORD_USES):
        lex_toks.update(t for t in re.split(r"[\s-]+", _norm(w)) if t not in _PARTICLES)
    for seed in (2026, 3026):
        detailed = generate_detailed(400, seed)
        lines = [d[0] for d in detailed]
        if lines != generate(400, seed):
            errors.append(f"seed {seed}: not deterministic")
        for i, (line, kinds, ids) in enumerate(detailed):
            where = f"seed {seed} line {i}"
            if line.count("|") != 1 or "\n" in line:
                errors.append(f"{where}: bad separators")
                continue
            known, plain, spans = parse_line(line)
            marked = line.split("|", 1)[1]
            rest = SPAN_RE.sub("", marked)
            if any(x in rest for x in ("[[", "]]", "{{", "}}")):
                errors.append(f"{where}: unbalanced markup: {rest}")
            lengths.append(len(plain))
            if not 150 <= len(plain) <= 450:
                errors.append(f"{where}: length {len(plain)}")
            if re.search(r"\[\[PERSON:[^\]]*\]\] \[\[PERSON:", marked):
                errors.append(f"{where}: adjacent PERSON spans")
            keeps = [s for s in spans if s[2] == "KEEP"]
            if sorted(t for _, t in kinds) != sorted(s[3] for s in keeps):
                errors.append(f"{where}: distractor bookkeeping mismatch")
            if sorted(ids) != sorted((s[2], s[3]) for s in spans if s[2] != "KEEP"):
                errors.append(f"{where}: identifier bookkeeping mismatch")
            for a, b, typ, txt in spans:
                if plain[a:b] != txt or txt != txt.strip() or not txt:
                    errors.append(f"{where}: span offsets/whitespace {txt!r}")
            # identifier validity
            for _, _, typ, txt in spans:
                type_counts[typ] += 1
                ok = True
                if typ == "NHI":
                    ok = nhi_valid(txt)
                    stats["NHI new format" if txt[5].isalpha() else "NHI old format"] += 1
                elif typ == "IRD":
                    ok = ird_valid(txt) and (sn_ird is None or sn_ird.is_valid(txt))
                elif typ == "PHONE":
                    ok = phone_valid(txt)
                elif typ == "EMAIL":
                    ok = bool(EMAIL_RE.fullmatch(txt))
                elif typ == "BANK":
                    ok = bank_valid(txt) and (sn_bank is None or sn_bank.is_valid(txt))
                    stats["BANK " + ("no-separator" if txt.isdigit() else "separated")] += 1
                elif typ == "DL":
                    ok = dl_valid(txt)
                    stats["DL " + ("spaced/hyphen" if not txt.isalnum() else "compact")] += 1
                elif typ == "DOB":
                    try:
                        dt = parse_dob(txt)
                        ok = 1950 <= dt.year <= 2026
                        if re.search(r"\d(st|nd|rd|th)\b", txt):
                            stats["DOB ordinal"] += 1
                        if re.search(r"[A-Za-z]", txt):
                            stats["DOB month-name"] += 1
                    except Exception:
                        ok = False
                elif typ == "ADDRESS":
                    ok = address_valid(txt)
                elif typ == "PERSON":
                    toks = [t for t in re.split(r"[\s-]+", _norm(txt)) if t]
                    ok = all(t in name_toks or re.fullmatch(r"[a-z]\.?", t) for t in toks)
                    if txt.islower():
                        stats["PERSON lower-case"] += 1
                    elif txt.isupper() and len(txt) > 1:
                        stats["PERSON ALL CAPS"] += 1
                    if any(ord(c) > 127 for c in txt):
                        stats["PERSON macron"] += 1
                    if "-" in txt or "'" in txt:
                        stats["PERSON hyphen/apostrophe"] += 1
                if not ok:
                    errors.append(f"{where}: invalid {typ} {txt!r}")
            if sn_bank is not None:
                stats["BANK cross-checked with python-stdnum"] += sum(1 for s in spans if s[2] == "BANK")
            for k, txt in kinds:
                kind_counts[k] += 1
                if k == "reference" and ird_valid(txt):
                    stats["reference passing IRD checksum"] += 1
            # every name/te reo/word-name token outside a span is an error
            outside = list(plain)
            for a, b, _, _ in spans:
                outside[a:b] = [" "] * (b - a)
            for tok in re.findall(r"[\w'āēīōūĀĒĪŌŪ]+", "".join(outside)):
                nt = _norm(tok).strip("'")
                if nt in name_words or nt in lex_toks:
                    if nt in ("s",):
                        continue
                    errors.append(f"{where}: unmarked token {tok!r}")
            # known names: each must be referred to, and word collisions are counted
            if known:
                stats["notes with known names"] += 1
            else:
                stats["notes without known names"] += 1
            ptoks = {t for s in spans if s[2] == "PERSON" for t in _norm(s[3]).split()}
            for k in known:
                if not any(t in ptoks for t in _norm(k).split()):
                    errors.append(f"{where}: known name {k!r} never mentioned")
            ktoks = {t for k in known for t in _norm(k).split()} - _PARTICLES
            col = [s for s in spans if s[2] == "KEEP" and any(t in ktoks for t in re.split(r"[\s-]+", _norm(s[3])))]
            if col:
                stats["notes where a known-name token appears inside a keep span"] += 1
                stats["keep spans containing a known-name token"] += len(col)
            if plain[:1].islower():
                stats["notes starting lower-case"] += 1
    given_all = {g for c in GIVEN.values() for lst in c.values() for g in lst} | {
        g for lst in WORD_GIVEN.values() for g in lst}
    family_all = {f for lst in FAMILY.values() for f in lst}
    n_templates = len(OPENERS) + len(GENERAL) + sum(map(len, IDS.values())) + sum(
        map(len, WORD_USES.values())) + len(PLANS) + len(SIGNOFFS)
    print(f"given names: {len(given_all)}  family names: {len(family_all)}  templates: {n_templates}"
          f"  programmes: {len(PROGRAMMES)}  organisations: {len(ORGS)}")
    print(f"note length (plain chars): min {min(lengths)}  mean {sum(lengths) / len(lengths):.0f}  max {max(lengths)}")
    print("python-stdnum cross-check:", "on" if sn_bank else "off (not importable)")
    print("\nspans by type (800 notes, seeds 2026+3026):")
    for t in TYPES:
        print(f"  {t:8s} {type_counts[t]}")
    print(f"  {'KEEP':8s} {type_counts['KEEP']}")
    print("\ndistractors by kind:")
    for k, v in sorted(kind_counts.items(), key=lambda kv: -kv[1]):
        print(f"  {k:14s} {v}")
    print("\nother stats:")
    for k, v in sorted(stats.items()):
        print(f"  {k}: {v}")
    print(f"\nerrors: {len(errors)}")
    for e in errors[:40]:
        print("  " + e)
    return 1 if errors else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("-n", type=int, default=400)
    ap.add_argument("--seed", type=int, default=2026)
    a = ap.parse_args(argv)
    if a.check:
        return check()
    for line in generate(a.n, a.seed):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
