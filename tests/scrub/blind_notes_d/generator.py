"""Blind set D: labelled NZ social-service case notes, written from the text of issue 15 alone.

Why a fourth set: a scrubber tuned on one family of notes measures fit, not generalisation. These notes come
from their own name lists, templates and identifier makers (nothing here was read from the scrubber, its
standards or the other sets), so a score on them says how the scrubber does on notes it has never seen.

Each line is `record names|marked text`: the record's names (one person per entry, as a record holds them)
separated by "; ", then the note with `[[TYPE:text]]` around what must be removed (PERSON, NHI, IRD, PHONE,
EMAIL, BANK, DL, DOB, ADDRESS) and `{{text}}` around what must be kept. `generate_detailed` also lists each
kept span's kind (te reo, programme, organisation, service date, amount, time, reference, everyday word) so
the bench can print a keep rate per kind. Deterministic per seed and per note: note i of seed s is the same
whatever n is. By convention the test seed is 4242 and the tune seed 4243.

Identifiers are valid as real ones are: NHI numbers carry their check character (old AAANNNC mod 11, new
AAANNAX mod 23), IRD numbers their mod-11 check digit (with the secondary weights), bank accounts pass the
mod-11 "algorithm A" check for their bank. Reference and invoice numbers look like IRD numbers, and about half
of them even pass the IRD check: only their cue word ("invoice", "ref", "receipt") says they are not.
"""
from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

PII_KINDS = ("PERSON", "NHI", "IRD", "PHONE", "EMAIL", "BANK", "DL", "DOB", "ADDRESS")
KEEP_KINDS = ("te reo", "programme", "organisation", "service date", "amount", "time", "reference", "everyday word")
TEST_SEED, TUNE_SEED = 4242, 4243
MIN_CHARS, MAX_CHARS = 150, 600
TODAY = date(2025, 9, 1)   # notes are dated around here; ages follow from it


def _words(text: str) -> list[str]:
    """A list written as one string, for lists too long to read as Python literals."""
    return text.split()


# ---------------------------------------------------------------------------------------------------------------
# Name lists (chosen for this set): given names by origin, then family names by origin.
# Names that are also everyday te reo or English words are deliberate: the record holds them as names and the
# notes use the same spelling as words.

GIVEN_MAORI_F = _words(
    "Aroha Mana Kiri Ngaire Mere Hine Huia Pania Ripeka Tia Whetu Marama Moana Anahera Atawhai Āwhina Hinewai "
    "Kaia Keri Mihi Rangimārie Waimarie Ataahua Hana Kahurangi Kiritapu Mereana Ngaio Ngāreta Rewa Waiata Maraea "
    "Ngahuia Raukura Wikitoria Kararaina Tūmanako Hōhaia Rōimata Tūī Manaia Te_Aomihi Hinemoa Māta")
GIVEN_MAORI_M = _words(
    "Rangi Ra Wiki Tui Hēmi Rāwiri Wiremu Tamati Tāne Kahu Māui Nikau Rēwi Hōhepa Tawhiri Kauri Ihaia Mikaere "
    "Paora Parekura Rongo Tipene Pita Tiaki Aperahama Haki Hirini Hōri Kereama Matiu Mōhi Teina Tama Kaha "
    "Wairangi Tūhoe Arama Hemi Reweti Pōtaka Taiaroa Manu")
GIVEN_PASIFIKA_F = _words(
    "Mele Losa Malia Sina Tala Fetu Alofa Elisapeta Lupe Teuila Losana Taʻala Faʻafetai Ofa Masina Penina "
    "Sosefina Tupou Losaline ʻAna Salote Kalolaine Sela Vika Meleane Seini Hulita Melenaite Tepaeru Tuaine Mata "
    "Asena Litia Sereana Akanisi Vilisi Luseane Fuifui Mosiana")
GIVEN_PASIFIKA_M = _words(
    "Sione Tavita Ioane Faʻamoe Siʻaosi Lagi Iosefa Pele Sefo Malakai Lisiate Viliami Tevita Siosaia Mosese "
    "Sitani Semisi Taniela ʻIsileli Kalisi Paula Siueni Tere Jone Seru Viliame Tomasi Eroni Samisoni Lafaele "
    "Folau Tevite Niko Alapati")
GIVEN_ASIAN_F = _words(
    "Mei Li Jia Yan Ling Jing Xin Lan Fang Ying Qing Shan Min Hui Ji-woo Seo-yeon Ha-eun Soo-ah Eun-ji Da-eun "
    "Maricel Jonalyn Rhea Rowena Analyn Marites Cherry Jasmin Lovely Princess Mylene Xiu Yuki")
GIVEN_ASIAN_M = _words(
    "Wei Jun Ming Zhi Yu Bo Hao Yong Lei Tao Kai Min-jun Joon Ji-ho Hyun Arnel Jericho Angelito Jerome Ronaldo "
    "Jhun Carlo Reynaldo Rommel Kenji Duc Minh")
GIVEN_INDIAN_F = _words(
    "Priya Anjali Sunita Harpreet Manpreet Simran Kiran Asha Nisha Pooja Meera Lakshmi Jaswinder Navdeep "
    "Parminder Kavya Diya Sana Fatima Ayesha Aisha Farida Neha Shreya Usha Geeta Shalini Prerna Rupinder Anita")
GIVEN_INDIAN_M = _words(
    "Ravi Arjun Deepak Gurpreet Rajesh Rohit Vikram Amit Sanjay Anand Aarav Ishaan Imran Mohammed Zain Ali Hamid "
    "Rahul Ankit Vijay Raj Dev Hari Sanjeev Ashneel Roneel Shivneel Kamal Sunil")
GIVEN_EURO_F = _words(
    "Hope Grace Rose Joy Faith Summer Sky River Lily Amber Dawn Ivy Autumn Precious Charlotte Olivia Emma Sophie "
    "Chloe Ruby Isla Mia Ella Harper Zoe Jessica Sarah Rebecca Nicole Kayla Brooke Jade Shannon Tracey Michelle "
    "Kelly Leanne Donna Sharon Karen Wendy Debbie Anna Kate Holly Jasmine Paige Courtney Tayla Stacey Tania Lisa "
    "Angela Heather Fiona Gemma Jodie Ashleigh Georgia Maddison Brooklyn Skye Destiny Willow Poppy Violet Hazel "
    "Pearl Krystal Shardae Chantelle")
GIVEN_EURO_M = _words(
    "Bill Mark Will Drew Frank Pat Jack James Oliver Liam Noah Lucas Mason Hunter Craig Shane Wayne Dean Brett "
    "Darren Glenn Jason Kyle Tyler Jayden Cody Bailey Riley Logan Blake Kane Cameron Ryan Josh Nathan Ben Sam "
    "Max Finn George Harry Thomas Daniel Matthew Luke Dylan Caleb Ethan Cooper Heath Rob Ray Guy Troy Brodie")

SURNAMES_MAORI = _words(
    "Ngata Tipene Parata Tamihana Wihongi Heke Herewini Karaka Kereama Maaka Matiu Nikora Paki Pōmare Poutama "
    "Rangihuna Ranginui Rāwiri Takerei Tamati Tapsell Te_Awa Te_Kani Te_Moana Te_Rangi Tipoki Waaka Wharerau "
    "Whaanga Hēnare Horomona Keepa Kingi Mahuika Maihi Manihera Mareikura Paewai Pene Rāwhiti Rikihana Rōpata "
    "Tāwhai Te_Huia Wātene Winiata Huata Katene Mita Nepia Pōhatu Reihana Rewiti Karaitiana Hetaraka Rangi "
    "Moana Aperahama Tuhiwai")
SURNAMES_PASIFIKA = _words(
    "Leaupepe Fonoti Faleolo Tuʻilagi Aumua Sapolu Lemalu Fuimaono Leota Tauiliili Afamasaga Matagi Pouono "
    "Seiuli Fepuleai Toleafoa Vaʻai Sopoaga Tanuvasa Masoe Faumuina Alapati Salaveʻa Fifita Taufa Latu Vaipulu "
    "Moala Havili Fonua Mahe Lolohea Tuʻipulotu Vea Taione Piutau Halaholo Veikune Tangimetua Mataio Marsters "
    "Matapo Teariki Tukuitoga Talagi Pulu Hekau Naivalu Rokodi Raivoce Waqa Nadolo Ratuva Koroi")
SURNAMES_ASIAN = _words(
    "Wang Zhang Chen Liu Yang Huang Zhao Wu Zhou Xu Sun Zhu Guo Lin Gao Luo Wong Chan Leung Ng Lau Cheung Yip "
    "Kwan Kim Park Choi Jung Kang Cho Yoon Jang Lim Santos Reyes Cruz Bautista Mendoza Dela_Cruz Villanueva "
    "Ramos Aquino Castillo Navarro Soriano Nguyen Tran")
SURNAMES_INDIAN = _words(
    "Singh Kaur Patel Sharma Kumar Prasad Reddy Naidu Gill Sandhu Dhillon Grewal Chand Lal Narayan Deo Khan "
    "Hussain Ahmed Iyer Nair Menon Pillai Mehta Shah Desai Joshi Verma Gupta Kapoor Bhatt Rao")
SURNAMES_EURO = _words(
    "Smith Brown Wilson Taylor Williams Thompson Walker Anderson Mitchell Campbell Stewart Robertson Clarke "
    "Harris Young King White Green Hill Wood Cook Baker Bell Reid Murray Fraser Hughes Jones Evans Morris Scott "
    "Ward Turner Parker Cooper Bennett Graham Hamilton Nelson Kennedy Sullivan O'Brien McDonald MacKenzie "
    "Van_der_Berg De_Vries Jansen Miller Fisher Hunt Ross Ryan Lamb Marsh Stone Fox")

ORIGINS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "maori": (GIVEN_MAORI_F, GIVEN_MAORI_M, SURNAMES_MAORI),
    "pasifika": (GIVEN_PASIFIKA_F, GIVEN_PASIFIKA_M, SURNAMES_PASIFIKA),
    "asian": (GIVEN_ASIAN_F, GIVEN_ASIAN_M, SURNAMES_ASIAN),
    "indian": (GIVEN_INDIAN_F, GIVEN_INDIAN_M, SURNAMES_INDIAN),
    "euro": (GIVEN_EURO_F, GIVEN_EURO_M, SURNAMES_EURO),
}
ORIGIN_WEIGHTS = {"maori": 34, "pasifika": 24, "asian": 11, "indian": 11, "euro": 20}

# Given names that are also everyday words (te reo or English): a family gets one of these often, and the note then
# also uses the word as a word.
NAME_WORDS = {   # (origin group, female) -> names
    ("reo", True): ("Aroha", "Kiri", "Waiata", "Marama", "Moana", "Āwhina", "Atawhai", "Tūmanako", "Rangimārie",
                    "Whetu", "Tūī", "Mana", "Hui"),
    ("reo", False): ("Mana", "Tui", "Rangi", "Ra", "Wiki", "Kaha", "Tiaki", "Tama", "Teina", "Kai", "Moana"),
    ("en", True): ("Hope", "Grace", "Rose", "Joy", "Faith", "Summer", "Sky", "River", "Lily", "Amber", "Dawn",
                   "Autumn", "Precious", "Pat"),
    ("en", False): ("Bill", "Mark", "Will", "Drew", "Frank", "Pat", "River", "Sky"),
}


def all_given_names() -> list[str]:
    """Every given name in the lists (for the test that the set's name lists are as wide as promised)."""
    names: list[str] = []
    for female, male, _ in ORIGINS.values():
        names += female + male
    return sorted({n.replace("_", " ") for n in names})


def all_surnames() -> list[str]:
    return sorted({s.replace("_", " ") for _, _, surnames in ORIGINS.values() for s in surnames})


# ---------------------------------------------------------------------------------------------------------------
# Words to keep.

TE_REO = _words(
    "whānau kai aroha mana hui tamariki mokopuna moko kuia koro kaumātua wairua mahi kōrero marae pēpi tangi "
    "tangihanga whare kaimahi kaiāwhina mātua māmā pāpā whanaunga whakapapa tikanga karakia mihi whanaungatanga "
    "manaakitanga manaaki kaitiaki rongoā hauora koha pōwhiri mirimiri waiata kura kōhanga wānanga rangatahi tāne "
    "wāhine teina tuakana kiri rā wiki tūī rangi āwhina atawhai mārama moana whetū kaha tiaki tautoko pono tika "
    "whakamā mauri hapū iwi hapori whenua kāinga tīpuna tupuna whaea matua kōtiro tamaiti pōtiki puku moe ako kaiako "
    "hīkoi hākari mamae māuiui hinengaro tinana tūmanako rangimārie tama mōrena pai kōrerorero whakawhanaungatanga")
TE_REO_PHRASES = ("kia ora", "ka pai", "kia kaha", "ka kite", "rā whānau", "kapa haka", "kōhanga reo", "kiri ki te kiri",
                  "tēnā koe", "nau mai", "ngā mihi", "kei te pai", "te reo", "whare kai", "he tama pai", "kia tūpato")
EVERYDAY_WORDS = ("hope", "grace", "rose", "joy", "faith", "summer", "sky", "river", "lily", "amber", "bill", "mark",
                  "will", "drew", "dawn", "frank", "pat", "autumn", "precious", "park")

PROGRAMMES = (
    "Whānau Ora", "Incredible Years", "Triple P", "Mana Tāne", "Te Ara Pūmau", "Kōkiri Mātua", "Hine Toa",
    "Tū Tangata Pāpā", "Strong Roots Parenting", "Safe Start", "Money Mates", "First Steps Home", "Ngā Kākano Hou",
    "Whakamana Whānau", "Circle of Security", "Mauri Tū", "Pēpi Ora", "Aroha ki te Kāinga", "Mana Wāhine Rising",
    "Family Start", "Tama Tū", "Rangimārie Circle", "Hope Steps", "Tūī Toddler Group", "Kai Ora Kitchen",
    "Budget Buddies", "Toolbox Parenting", "Moana Mums", "Grace Notes Parenting", "Kia Kaha Dads", "Fanau Malosi",
    "Tautua Fanau", "Waka Hourua Whānau", "Sky's the Limit Youth", "Healthy Homes Kōrero")
ORGANISATIONS = (
    "Plunket", "Oranga Tamariki", "Work and Income", "WINZ", "Kāinga Ora", "Barnardos", "Te Rito Tautoko Trust",
    "Harbourside Family Trust", "Te Puna Whakaora Trust", "Tautai Fanau Services", "Manukau Budget Advisory",
    "Whare Tapu Health", "Southern Lakes Whānau Centre", "Kōtuku Women's Refuge", "Aotearoa Family Foodbank",
    "Salvation Army", "Citizens Advice Bureau", "Tenancy Services", "Inland Revenue", "MSD", "Te Whatu Ora",
    "Healthline", "Women's Refuge", "NZ Police", "Moana Fanau Trust", "Aroha Whānau Services",
    "Grace Community Trust", "Hope Centre", "Mana Kaha Trust", "Tūī Lodge", "Pacific Island Safety and Prevention",
    "Hutt Housing Collective", "Kiwi Kai Rescue", "Pātaka Kai Collective", "Whakatupu Health", "Lotu Fanau Care")

# ---------------------------------------------------------------------------------------------------------------
# Places and streets (for addresses; city names also appear loose in notes, unlabelled).

SUBURBS = {
    "Auckland": ("Ōtara", "Māngere", "Ōtāhuhu", "Manurewa", "Papatoetoe", "Glen Innes", "Henderson", "Rānui",
                 "Avondale", "Onehunga", "Clendon Park", "Wiri", "Te Atatū South", "Massey"),
    "Porirua": ("Cannons Creek", "Waitangirua", "Ascot Park", "Porirua East", "Titahi Bay"),
    "Lower Hutt": ("Naenae", "Taita", "Wainuiomata", "Stokes Valley", "Waiwhetū"),
    "Wellington": ("Newtown", "Strathmore Park", "Miramar", "Berhampore"),
    "Hamilton": ("Fairfield", "Enderley", "Nawton", "Dinsdale", "Frankton"),
    "Christchurch": ("Aranui", "Linwood", "Hornby", "Shirley", "Phillipstown"),
    "Rotorua": ("Fordlands", "Koutu", "Ngongotahā", "Western Heights"),
    "Whangārei": ("Otangarei", "Tikipunga", "Raumanga", "Morningside"),
    "Gisborne": ("Kaiti", "Elgin", "Te Hapara", "Mangapapa"),
    "Hastings": ("Flaxmere", "Camberley", "Mahora", "Raureka"),
    "Napier": ("Maraenui", "Onekawa", "Tamatea"),
    "Palmerston North": ("Highbury", "Takaro", "Awapuni", "Roslyn"),
    "Dunedin": ("Brockville", "Caversham", "South Dunedin", "Corstorphine"),
    "Invercargill": ("Glengarry", "Strathern", "Newfield", "Heidelberg"),
    "Tauranga": ("Greerton", "Merivale", "Gate Pā", "Welcome Bay"),
    "Whanganui": ("Castlecliff", "Gonville", "Aramoho"),
}
STREETS = (
    "Kōwhai", "Tōtara", "Rimu", "Pōhutukawa", "Mataī", "Kahikatea", "Miro", "Nīkau", "Harakeke", "Karaka", "Tawa",
    "Victoria", "Queen", "Church", "Station", "Hillcrest", "Oceanview", "Buckland", "Dawson", "Massey", "Ellis",
    "Russell", "Bader", "Preston", "Tidal", "Rata", "Puriri", "Te Irirangi", "Great South", "Bairds", "Portage",
    "Mahia", "Waddell", "Kirkbride", "Raglan", "Cambridge", "Sunset", "Fergusson", "Cleghorn", "Tui", "Aroha",
    "Moana", "Te Rangi", "Mana", "Grace", "Rose", "Summer", "River", "Hope", "Lily")
STREET_TYPES = (("Street", "St"), ("Road", "Rd"), ("Avenue", "Ave"), ("Crescent", "Cres"), ("Place", "Pl"),
                ("Drive", "Dr"), ("Terrace", "Tce"), ("Lane", "Ln"), ("Grove", "Gr"), ("Way", "Way"), ("Close", "Cl"))
POSTCODES = {"Auckland": (2023, 2022, 2024, 2102, 1072, 2025), "Porirua": (5022, 5024), "Lower Hutt": (5011, 5014),
             "Wellington": (6021, 6022), "Hamilton": (3200, 3204, 3214), "Christchurch": (8061, 8062, 8042),
             "Rotorua": (3010, 3015), "Whangārei": (112, 110), "Gisborne": (4010,), "Hastings": (4120, 4122),
             "Napier": (4110, 4112), "Palmerston North": (4410, 4412), "Dunedin": (9012, 9011),
             "Invercargill": (9810, 9812), "Tauranga": (3112, 3110), "Whanganui": (4500, 4501)}

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_SHORT = ("Mon", "Tues", "Wed", "Thurs", "Fri", "Sat", "Sun")
EMAIL_DOMAINS = ("gmail.com", "hotmail.com", "xtra.co.nz", "outlook.com", "yahoo.co.nz", "icloud.com", "live.com")
ORG_DOMAINS = ("terito.org.nz", "harbourside.org.nz", "tepunawhakaora.nz", "tautai.org.nz", "whaketapu.health.nz",
               "kotukurefuge.org.nz", "manukaubudget.org.nz", "moanafanau.org.nz")

# ---------------------------------------------------------------------------------------------------------------
# Identifier makers and their checks (written from the public descriptions of each scheme).

NHI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"     # I and O are never used; A=1 ... Z=24
NHI_WEIGHTS = (7, 6, 5, 4, 3, 2)


def _nhi_value(char: str) -> int:
    return NHI_LETTERS.index(char) + 1 if char.isalpha() else int(char)


def nhi_is_valid(nhi: str) -> bool:
    """Old format AAANNNC: weighted sum mod 11, check digit 11 - remainder (10 becomes 0, remainder 0 invalid).
    New format AAANNAX: weighted sum mod 23, check letter number 23 - remainder (remainder 0 invalid)."""
    nhi = nhi.upper()
    if re.fullmatch(r"[A-HJ-NP-Z]{3}\d{4}", nhi):
        remainder = sum(_nhi_value(c) * w for c, w in zip(nhi[:6], NHI_WEIGHTS, strict=True)) % 11
        return remainder != 0 and (11 - remainder) % 10 == int(nhi[6])
    if re.fullmatch(r"[A-HJ-NP-Z]{3}\d{2}[A-HJ-NP-Z]{2}", nhi):
        remainder = sum(_nhi_value(c) * w for c, w in zip(nhi[:6], NHI_WEIGHTS, strict=True)) % 23
        return remainder != 0 and NHI_LETTERS[23 - remainder - 1] == nhi[6]
    return False


def make_nhi(rng: random.Random, new_format: bool) -> str:
    while True:
        letters = "".join(rng.choice(NHI_LETTERS) for _ in range(3))
        if new_format:
            stem = letters + f"{rng.randrange(100):02d}" + rng.choice(NHI_LETTERS)
            remainder = sum(_nhi_value(c) * w for c, w in zip(stem, NHI_WEIGHTS, strict=True)) % 23
            if remainder:
                return stem + NHI_LETTERS[23 - remainder - 1]
        else:
            stem = letters + f"{rng.randrange(1000):03d}"
            remainder = sum(_nhi_value(c) * w for c, w in zip(stem, NHI_WEIGHTS, strict=True)) % 11
            if remainder:
                return stem + str((11 - remainder) % 10)


IRD_PRIMARY = (3, 2, 7, 6, 5, 4, 3, 2)
IRD_SECONDARY = (7, 4, 3, 2, 5, 2, 7, 6)


def ird_check_digit(base: str) -> int | None:
    """Check digit for an IRD base (the number without its last digit), padded to 8 digits; None when neither
    weight set gives a digit (such bases are never issued)."""
    padded = base.rjust(8, "0")
    for weights in (IRD_PRIMARY, IRD_SECONDARY):
        remainder = sum(int(d) * w for d, w in zip(padded, weights, strict=True)) % 11
        digit = 0 if remainder == 0 else 11 - remainder
        if digit != 10:
            return digit
    return None


def ird_is_valid(number: str) -> bool:
    digits = re.sub(r"[\s-]", "", number)
    if not digits.isdigit() or len(digits) not in (8, 9) or not 10_000_000 < int(digits) < 150_000_000:
        return False
    return ird_check_digit(digits[:-1]) == int(digits[-1])


def make_ird_digits(rng: random.Random, valid: bool = True) -> str:
    while True:
        number = rng.randrange(10_000_001, 149_999_999)
        base = str(number)[:-1]
        digit = ird_check_digit(base)
        if digit is None:
            continue
        result = base + str(digit if valid else (digit + rng.randrange(1, 10)) % 10)
        if 10_000_000 < int(result) < 150_000_000:
            return result


def format_ird(digits: str, rng: random.Random) -> str:
    style = rng.random()
    if style < 0.4:
        return digits
    parts = [digits[:3], digits[3:6], digits[6:]] if len(digits) == 9 else [digits[:2], digits[2:5], digits[5:]]
    return ("-" if style < 0.8 else " ").join(parts)


BANK_WEIGHTS_A = (0, 0, 6, 3, 7, 9, 0, 0, 10, 5, 8, 4, 2, 1, 0, 0, 0, 0)   # bank 2, branch 4, account 8, suffix 4
BANK_BRANCHES = ((1, 242), (1, 1839), (1, 102), (2, 500), (2, 1248), (2, 192), (3, 1702), (3, 703), (3, 1525),
                 (6, 501), (12, 3140), (12, 3011), (12, 3232), (38, 9000), (38, 9012))
BANK_NAMES = {1: "ANZ", 2: "BNZ", 3: "Westpac", 6: "ANZ", 12: "ASB", 38: "Kiwibank"}


def bank_is_valid(number: str) -> bool:
    """NZ bank account, "algorithm A": bank, branch and base account (below 990000) weighted, sum mod 11 == 0."""
    digits = re.sub(r"[\s-]", "", number)
    if not digits.isdigit() or len(digits) not in (15, 16):
        return False
    bank, branch, account, suffix = digits[:2], digits[2:6], digits[6:13], digits[13:]
    padded = f"{bank}{branch}{int(account):08d}{int(suffix):04d}"
    return int(account) < 990_000 and sum(int(d) * w for d, w in zip(padded, BANK_WEIGHTS_A, strict=True)) % 11 == 0


def make_bank(rng: random.Random) -> tuple[str, str]:
    """A valid account and its bank's name, in one of the forms people write them."""
    bank, branch = rng.choice(BANK_BRANCHES)
    while True:
        account, suffix = rng.randrange(1, 990_000), rng.randrange(0, 30)
        padded = f"{bank:02d}{branch:04d}{account:08d}{suffix:04d}"
        if sum(int(d) * w for d, w in zip(padded, BANK_WEIGHTS_A, strict=True)) % 11 == 0:
            break
    suffix_text = f"{suffix:03d}" if rng.random() < 0.3 else f"{suffix:02d}"
    parts = [f"{bank:02d}", f"{branch:04d}", f"{account:07d}", suffix_text]
    joiner = rng.choices(["-", " ", ""], weights=[5, 3, 2])[0]
    return joiner.join(parts), BANK_NAMES[bank]


def make_phone(rng: random.Random, kind: str = "any") -> str:
    """NZ mobile or landline in the spacing and prefix forms seen in notes."""
    mobile = kind == "mobile" or (kind == "any" and rng.random() < 0.65)
    if mobile:
        prefix = rng.choice(("21", "22", "27", "29", "27", "21"))
        length = rng.choice((6, 7, 8)) if prefix == "21" else 7
        sub = "".join(str(rng.randrange(10)) for _ in range(length))
        sub = str(rng.randrange(1, 10)) + sub[1:]
        split = [sub[:4], sub[4:]] if len(sub) == 8 else [sub[:3], sub[3:]]
    else:
        prefix = rng.choice(("9", "4", "3", "6", "7"))
        sub = str(rng.randrange(2, 10)) + "".join(str(rng.randrange(10)) for _ in range(6))
        split = [sub[:3], sub[3:]]
    style = rng.randrange(7)
    if style == 0:
        return f"0{prefix}{sub}"
    if style == 1:
        return f"0{prefix} {split[0]} {split[1]}"
    if style == 2:
        return f"0{prefix}-{split[0]}-{split[1]}"
    if style == 3:
        return f"+64 {prefix} {split[0]} {split[1]}"
    if style == 4:
        return f"+64{prefix}{sub}"
    if style == 5 and not mobile:
        return f"(0{prefix}) {split[0]} {split[1]}"
    return f"0{prefix} {sub}"


def make_dl(rng: random.Random) -> str:
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
    digits = f"{rng.randrange(100000, 1000000)}"
    return letters + rng.choices(["", " ", "-"], weights=[4, 3, 2])[0] + digits


def strip_marks(text: str) -> str:
    """Without macrons and ʻokina, as many people type names and words."""
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", plain).replace("ʻ", "")


def make_email(rng: random.Random, given: str, surname: str, domain: str | None = None) -> str:
    g = re.sub(r"[^a-z]", "", strip_marks(given).lower()) or "kia"
    s = re.sub(r"[^a-z]", "", strip_marks(surname).lower()) or "ora"
    year = str(rng.randrange(70, 100) if rng.random() < 0.5 else rng.randrange(0, 24)).zfill(2)
    local = rng.choice((f"{g}.{s}", f"{g}{s[:1]}", f"{g}_{s}{year}", f"{g[:1]}{s}", f"{g}{year}", f"{s}.{g}",
                        f"{g}.{s}{rng.randrange(1, 99)}"))
    return f"{local}@{domain or rng.choice(EMAIL_DOMAINS)}"


# ---------------------------------------------------------------------------------------------------------------
# Dates.

ORDINAL_WORDS = _words("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
                 "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty-first "
                 "twenty-second twenty-third twenty-fourth twenty-fifth twenty-sixth twenty-seventh twenty-eighth "
                 "twenty-ninth thirtieth thirty-first")
UNITS = _words("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
               "sixteen seventeen eighteen nineteen")
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _two_digit_words(n: int) -> str:
    if n < 20:
        return UNITS[n]
    return TENS[n // 10] + ("" if n % 10 == 0 else "-" + UNITS[n % 10])


def year_words(year: int, rng: random.Random) -> str:
    if year < 2000:
        return f"nineteen {_two_digit_words(year - 1900)}"
    if year < 2010 or rng.random() < 0.5:
        return "two thousand" + ("" if year == 2000 else f" and {_two_digit_words(year - 2000)}")
    return f"twenty {_two_digit_words(year - 2000)}"


def ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def format_dob(d: date, rng: random.Random) -> str:
    """Dates of birth as they are written: numeric, ordinal, month first, abbreviated year, written out."""
    month, short = MONTHS[d.month - 1], MONTHS[d.month - 1][:3]
    forms: list[Callable[[], str]] = [
        lambda: f"{d.day:02d}/{d.month:02d}/{d.year}",
        lambda: f"{d.day}/{d.month}/{d.year}",
        lambda: f"{d.day}/{d.month}/{d.year % 100:02d}",
        lambda: f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}",
        lambda: f"{d.day}-{d.month}-{d.year}",
        lambda: f"{d.year}-{d.month:02d}-{d.day:02d}",
        lambda: f"{ordinal(d.day)} {month} {d.year}",
        lambda: f"{ordinal(d.day)} of {month} {d.year}",
        lambda: f"{month} {d.day} {d.year}",
        lambda: f"{month} {d.day}, {d.year}",
        lambda: f"{d.day} {month} '{d.year % 100:02d}",
        lambda: f"{d.day} {short} {d.year}",
        lambda: f"{d.day} {month} {d.year}",
        lambda: f"{d.day}-{short}-{d.year % 100:02d}",
        lambda: f"the {ORDINAL_WORDS[d.day - 1]} of {month} {d.year}",
        lambda: f"{ORDINAL_WORDS[d.day - 1]} of {month} {year_words(d.year, rng)}",
    ]
    return rng.choices(forms, weights=[6, 6, 3, 3, 2, 2, 6, 3, 3, 2, 3, 3, 4, 2, 2, 1])[0]()


def format_service_date(d: date, rng: random.Random) -> str:
    """Appointment and visit dates: the same shapes as birth dates, plus weekdays and day-month only."""
    month, short = MONTHS[d.month - 1], MONTHS[d.month - 1][:3]
    wd, wds = WEEKDAYS[d.weekday()], WEEKDAY_SHORT[d.weekday()]
    forms: list[Callable[[], str]] = [
        lambda: f"{d.day:02d}/{d.month:02d}/{d.year}",
        lambda: f"{d.day}/{d.month}/{d.year % 100:02d}",
        lambda: f"{d.day}/{d.month}",
        lambda: f"{d.day}.{d.month}.{d.year % 100:02d}",
        lambda: f"{ordinal(d.day)} {month}",
        lambda: f"{ordinal(d.day)} {month} {d.year}",
        lambda: f"{wds} {ordinal(d.day)}",
        lambda: f"{wd} {d.day} {month}",
        lambda: f"{wds} {d.day}/{d.month}",
        lambda: f"{month} {d.day}",
        lambda: f"{d.day} {short}",
        lambda: f"{d.day}-{short}-{d.year % 100:02d}",
        lambda: f"{d.year}-{d.month:02d}-{d.day:02d}",
        lambda: f"{d.day} {month} {d.year}",
    ]
    return rng.choice(forms)()


def make_time(rng: random.Random) -> str:
    hour, minute = rng.randrange(7, 19), rng.choice((0, 0, 15, 30, 30, 45, 10, 20, 40, 50, 5))
    h12, ampm = (hour - 1) % 12 + 1, "am" if hour < 12 else "pm"
    forms = (f"{h12}:{minute:02d}{ampm}", f"{h12}.{minute:02d}{ampm}", f"{h12}:{minute:02d} {ampm}",
             f"{hour:02d}:{minute:02d}", f"{hour:02d}{minute:02d}hrs", f"{h12}{ampm}" if minute == 0 else f"{h12}:{minute:02d}{ampm.upper()}",
             f"{h12}:{minute:02d}{ampm}")
    return rng.choice(forms)


def make_amount(rng: random.Random, large: bool = False) -> str:
    """Everyday sums (vouchers, bills, co-pays) or large ones (debts, bonds, weekly income)."""
    if large:
        style = rng.randrange(4)
        if style == 0:
            return f"${rng.randrange(1, 9)},{rng.randrange(0, 1000):03d}"
        if style == 1:
            return f"${rng.randrange(1, 5)},{rng.randrange(0, 1000):03d}.{rng.randrange(0, 100):02d}"
        if style == 2:
            return f"${rng.randrange(1000, 4000)}"
        return f"${rng.randrange(400, 999)}.{rng.choice((0, 50, 20, 80)):02d}"
    style = rng.randrange(4)
    if style == 0:
        return f"${rng.randrange(20, 400)}.{rng.choice((50, 0, 20, 95, 99, 10)):02d}"
    if style == 1:
        return f"${rng.randrange(5, 300)}"
    if style == 2:
        return f"${rng.randrange(10, 99)}.{rng.randrange(0, 100):02d}"
    return f"${rng.randrange(20, 250)}"


def make_reference(rng: random.Random) -> str:
    """A number shaped like an IRD number (8 or 9 digits, same groupings); half pass the IRD check."""
    return format_ird(make_ird_digits(rng, valid=rng.random() < 0.5), rng)


def make_address(rng: random.Random) -> str:
    city = rng.choice(list(SUBURBS))
    suburb, postcode = rng.choice(SUBURBS[city]), rng.choice(POSTCODES[city])
    street = rng.choice(STREETS)
    full_type, short_type = rng.choice(STREET_TYPES)
    street_type = full_type if rng.random() < 0.55 else short_type
    num = rng.randrange(1, 240)
    number = rng.choices([f"{num}", f"{rng.randrange(1, 9)}/{num}", f"{num}{rng.choice('ABC')}",
                          f"Flat {rng.randrange(1, 9)}, {num}", f"Unit {rng.randrange(1, 12)}/{num}"],
                         weights=[10, 4, 2, 1, 1])[0]
    if rng.random() < 0.3:
        street, suburb, city = strip_marks(street), strip_marks(suburb), strip_marks(city)
    comma = rng.random() < 0.7
    text = f"{number} {street} {street_type}" + (f", {suburb}, {city}" if comma else f" {suburb} {city}")
    if rng.random() < 0.25:
        text += f" {postcode:04d}"
    return text


def address_cities() -> set[str]:
    return set(SUBURBS) | {strip_marks(c) for c in SUBURBS}


# ---------------------------------------------------------------------------------------------------------------
# People.

@dataclass(frozen=True)
class Person:
    given: str
    surname: str
    female: bool
    role: str                      # cg, cg2, k1, k2, k3, el (record) or an outsider's role
    born: date
    middle: str = ""

    @property
    def record_name(self) -> str:
        return " ".join(p for p in (self.given, self.middle, self.surname) if p)


def _pick_given(rng: random.Random, origin: str, female: bool) -> str:
    f, m, _ = ORIGINS[origin]
    return rng.choice(f if female else m).replace("_", " ")


def _random_date(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def make_family(rng: random.Random) -> list[Person]:
    """A record's people: a main caregiver, perhaps a partner and an elder, one to three children."""
    origins = list(ORIGIN_WEIGHTS)
    origin = rng.choices(origins, weights=list(ORIGIN_WEIGHTS.values()))[0]
    other = rng.choices(origins, weights=list(ORIGIN_WEIGHTS.values()))[0] if rng.random() < 0.3 else origin
    surname = rng.choice(ORIGINS[origin][2]).replace("_", " ")
    if rng.random() < 0.08:
        surname = f"{surname}-{rng.choice(ORIGINS[other][2]).replace('_', ' ').replace(' ', '')}"
    used: set[str] = set()

    def given(o: str, female: bool) -> str:
        for _ in range(20):
            name = _pick_given(rng, o, female)
            if name not in used:
                used.add(name)
                return name
        return name

    people: list[Person] = []
    cg_female = rng.random() < 0.8
    cg_surname = surname if rng.random() < 0.7 else rng.choice(ORIGINS[other][2]).replace("_", " ")
    middle = given(rng.choice([origin, other]), cg_female) if rng.random() < 0.15 else ""
    people.append(Person(given(origin, cg_female), cg_surname, cg_female, "cg",
                         _random_date(rng, date(1968, 1, 1), date(2005, 12, 31)), middle))
    if rng.random() < 0.5:
        people.append(Person(given(other, not cg_female), surname if rng.random() < 0.6 else rng.choice(ORIGINS[other][2]).replace("_", " "),
                             not cg_female, "cg2", _random_date(rng, date(1965, 1, 1), date(2004, 12, 31))))
    for i in range(rng.choices([1, 2, 3], weights=[3, 4, 3])[0]):
        female = rng.random() < 0.5
        kid_origin = rng.choice([origin, origin, other])
        kid_middle = given(rng.choice([origin, other]), female) if rng.random() < 0.12 else ""
        people.append(Person(given(kid_origin, female), surname, female, f"k{i + 1}",
                             _random_date(rng, date(2008, 1, 1), date(2025, 6, 30)), kid_middle))
    if rng.random() < 0.3:
        female = rng.random() < 0.6
        people.append(Person(given(origin, female), rng.choice([surname, cg_surname]), female, "el",
                             _random_date(rng, date(1938, 1, 1), date(1970, 12, 31))))
    if rng.random() < 0.45:   # one person carries a name that is also an everyday word
        target = rng.randrange(len(people))
        p = people[target]
        group = "reo" if origin in ("maori", "pasifika") or rng.random() < 0.25 else "en"
        word = rng.choice([w for w in NAME_WORDS[(group, p.female)] if w not in used] or ["Aroha"])
        people[target] = Person(word, p.surname, p.female, p.role, p.born, p.middle)
    return people


def make_outsider(rng: random.Random, role: str, taken: set[str]) -> Person:
    """Someone the note names who is not on the record: a worker, ex-partner, neighbour, doctor, teacher, relative."""
    for _ in range(50):
        origin = rng.choices(list(ORIGIN_WEIGHTS), weights=list(ORIGIN_WEIGHTS.values()))[0]
        female = rng.random() < 0.6
        given = _pick_given(rng, origin, female)
        surname = rng.choice(ORIGINS[origin][2]).replace("_", " ")
        if given not in taken and surname not in taken:
            break
    taken.update((given, surname))
    return Person(given, surname, female, role, date(1980, 1, 1))


# ---------------------------------------------------------------------------------------------------------------
# Templates. Slots: ${role} or ${role.form}; roles cg cg2 k1 k2 k3 el (record) and wk wk2 ex nb dr tch rel (not on
# the record); forms given full sur title. ${cgw} etc. give role words; identifier slots nhi ird ph mob land em wem
# bank dl addr dob.<role>; kept slots prog org sd amt tm ref; plain slots age.<role> city n.

OPENERS = """\
HV ${sd} ${tm}
Home visit ${sd} - seen ${cg} and ${k1} at home
PC ${tm}
F2F w/ ${cg} @ ${tm}
Session ${n} of ${prog}
Txt from ${cg} ${tm}
Visit cancelled ${sd}, ${cg} not home, left card in letterbox
Drop in at office ${tm}, ${cg} came in with ${k1}
Whānau hui held at the marae ${sd}
Attended ${org} with ${cg.full} re housing
Referral recvd from ${org} ${sd}
Kōrero with ${cg} by phone ${tm}
Case note ${prog} ${sd}
Mōrena - called ${cg} ${tm}
Met ${cg} at ${org} ${tm} with ${wk}
kaimahi ${wk} and I visited the whānau ${sd}
CASE NOTE - ${org} - ${sd}
Joint visit w/ ${wk.full} from ${org}
Kia ora, quick update after hui ${sd}
HV done ${sd} w/ ${cg} + ${cg2}
Supervision w/ ${wk} re ${cg.full} file
Unplanned visit ${tm}, ${cg} rang upset
Intake hui ${sd} ${tm} at ${org}
Wk ${n} ${prog} - ${cg} attended
Client: ${cg.full}. Worker: ${wk.full}
Tēnā koe - update for ${wk}
Outreach to ${cg} at ${tm}, ${sd}
Group session ${prog} ${sd} ${tm}"""

PARENTING = """\
${cg} engaged well in ${prog}, talked about routines for ${k1} and bedtime
${k1} (${age.k1}) going to kōhanga 3 days a wk, loving it
Discussed praise and limits, ${cg} says ${k2} has been hitting ${k1} when tired
we did the mahi on calm voice, ${cgw} got upset talking about ${ex}
${cg} wants ${k1} back at kura, been off 2 wks with asthma
Time in instead of time out - ${cg} will try it this wk
Pēpi ${k2} sleeping better since ${cg} started the wrap
${cg2} came along for the first time, good kōrero about being a dad
talked about screen time and kai at the table, tamariki eat in front of tv
Homework: ${cg} to write down 3 good things ${k1} does each day
${k1} drew a picture of the whānau for ${cg}, ${cg.she} was stoked
Whaea ${tch.given} from kōhanga says ${k1} settling in well
${el} (${elw}) helps with school pick ups, lots of aroha in the whare
${cg} said ${k1} has been having tantrums since ${ex} left
Modelled play with ${k2}, ${cg} joined in, good connection
Went through the ${prog} workbook ch 4 with ${cg}
${k1} started at ${org} holiday prog, ${cg} happy
${cg} worried ${k1} not talking much at ${age.k1}, referred to speech therapy
Kids were loud but ${cg} stayed calm, used the strategies from ${prog}
Read with ${k1} and ${k2}, ${cg} wants more books in te reo
${cg} proud of ${k1}'s school report, big improvement
${cg} and ${cg2} arguing in front of tamariki, discussed impact
DAD ${cg2} NOT ENGAGING - DECLINED ${prog}
Tamariki ${k1} and ${k2} both well, ${cg} coping
${cg} asked about ${prog} for ${k1}, will enrol next term
Brought ${k1} a bike helmet from ${org} donation"""

WHANAU = """\
Whānau hui: ${cg}, ${cg2}, ${el} and ${wk}. Plan agreed
${cg} feeling whakamā about asking for help, reassured ${cg.her}
Supported ${cg} to apply for hardship at ${org}, ${amt} approved
${elw} ${el} unwell, whānau taking turns to stay over
Opened with karakia and mihi, then kōrero about goals
Wairua low, ${cg} wants to reconnect with ${cg.her} marae and whakapapa
Kai parcel dropped off ${sd} from ${org}
Goals: licence, mahi, stable whare
${cg} holds a lot of mana in the whānau, everyone turns to ${cg.her}
Moko ${k1} staying with ${el} for the holidays
Koha of ${amt} petrol voucher given to ${cg}
${cg}'s cousin ${rel} has been staying, house crowded
Tangi for ${cg}'s uncle in ${city}, whānau away until ${sd}
${rel} (cousin) may take the kids on weekends
${cg} got a job at the packhouse starting ${sd}, ka pai
Whanaungatanga - ${cg} and ${wk} built good rapport
${cg} attended the wānanga at the marae, felt good
${cg2} doing mahi on the orchard, away Mon-Fri
${el} and ${cg} not speaking after argument over moko
${cg} rang ${rel} for support, ${rel} came over
Whānau Ora plan updated with ${cg}: 3 goals
Uplifted winter clothes from ${org} for ${k1} and ${k2}
${elw} ${el} asked for help with a pension form
${cg} keen on kapa haka with ${k1} on Thursday nights"""

FV = """\
${cg} disclosed ${ex} came to the house ${sd} around ${tm}, yelling, police called
Safety plan reviewed, protection order against ${ex} in place until ${sd}
${k1} saw the incident, referred to ${org} for counselling
${ex} breached the order, ${cg} frightened, wants to move
${cg2} going to ${prog} Wed nights, 6 of 12 sessions done
Neighbour ${nb} heard shouting and rang 111
FV risk assessment with ${wk}, high risk, referral to ${org}
${cg} wants ${ex}'s name off the lease
NO CONTACT WITH ${ex} PER COURT ORDER
${ex} has been texting ${cg} from a new number, screenshots kept
${cg} stayed at ${org} safe house for 3 nights
Police officer ${wk2} from family harm team attended with us
Kids with ${el} while ${cg} at court ${sd} ${tm}
${cg} says ${cg2} has been good since ${prog}, no incidents
Discussed coercive control, ${cg} recognised it in ${ex}
${nb} next door will keep an eye out, has our number
${cg} got a trespass notice for ${ex} at ${org}"""

BUDGETING = """\
Budget done - income ${amtk} p/w, rent ${amt}, power ${amt}
Power bill overdue ${amt}, set up payment plan with retailer
${cg} owes ${org} ${amtk}, deductions of ${amt} per wk
Food voucher ${amt}, receipt ${ref}
Invoice ${ref} for ${amtk} from ${org}, sent to WINZ
Ref ${ref} for hardship grant, ${amtk} approved for bond
${prog} wk 3 - savings goal ${amtk} by Xmas
Will ring ${org} re the bill tomorrow
Car rego ${amt} due ${sd}
${cg} paid ${amt} off the Gem card, ref no. ${ref}
Truck shop debt ${amtk}, ${cg} cancelled the contract
Sky TV cancelled to save ${amt} a month
Phone bill ${amt}, invoice no ${ref}, disputing charges
Rent rose by ${amt} a wk from ${sd}
Receipt ${ref} kept for ${amt} school uniform grant
${cg} gave ${amt} koha to the marae for the tangi
Debt to IRD ${amtk}, payment arrangement ref ${ref}
Account no. for ${org} invoices: customer ref ${ref}
Grace period on the loan until ${sd}
Budget: kai ${amt}, petrol ${amt}, phone ${amt}, savings ${amt}"""

HOUSING = """\
${org} inspected ${sd}, mould in bedrooms, tamariki sick
Housing register priority A, ${cg} waiting since ${sd}
Moved out of ${addr} because of overcrowding
New address ${addr}
Emergency housing motel in ${city} for ${n} nights, ${amtk}
Landlord ${rel} wants them out by ${sd}
Bond ${amtk} paid by ${org}, ref ${ref}
Tenancy Services hearing ${sd} at ${tm}
${cg} viewed a house with ${wk}, rent ${amt}
Healthy homes check at ${addr} on ${sd}
${org} moving whānau to a 4 bdrm, keys ${sd}
Heater and curtains from ${org} installed ${sd}
${cg} and kids couch surfing with ${rel} in ${city}
Water tank at the whare cracked, reported to ${org}"""

HEALTH = """\
Plunket nurse ${wk} weighed pēpi ${k2}, gaining well, next ${sd}
${k1} has eczema on kiri, Dr ${dr.sur} gave cream
Kiri ki te kiri with pēpi, breastfeeding going well
Immunisations for ${k2} due ${sd} at ${org}
${cg} 28 wks hapū, midwife ${wk} visiting at ${tm}
Dentist for ${k1} booked ${sd} ${tm}
${el} using rongoā and mirimiri, also on meds from Dr ${dr.sur}
Hearing test for ${k2} at ${org} ${sd}
${cg} low mood, GP Dr ${dr.sur} started meds, hinengaro support offered
${k1} in hospital with bronchiolitis, discharged ${sd}
Hauora check, ${cg} quit smoking 3 wks, ka pai
${cg2} on waitlist for AOD counselling with ${org}
Script for ${k1} picked up, ${amt} co-pay
${k1} ear infection again, grommets discussed with Dr ${dr.sur}
Nurse ${wk2} from ${org} did the B4 School Check for ${k1}"""

IDENTIFIERS = """\
${k1} NHI ${nhi}
NHI for pēpi: ${nhi}
${cg.full} (NHI ${nhi})
nhi no ${nhi}
IRD number ${ird}
${cg} IRD no. ${ird} for the WFF form
tax no ${ird}
IRD# ${ird}
${cg} mob ${mob}
ph ${ph}
new number ${mob}
home ph ${land}
${wk} can be reached on ${land}
Rang ${cg} on ${mob}, no answer
${cg2} cell ${mob}
email ${em}
sent forms to ${em}
cc ${wk} ${wem}
${cg}'s email is ${em}
bank acct ${bank}
pay into ${bank}
${org} to pay bond to acct ${bank}
${bankname} acc ${bank} (${cg})
${cg} DL ${dl}
licence no. ${dl}
drivers licence ${dl} - learner
${cg2} driver licence: ${dl}
DOB ${dob.cg}
${k1} born ${dob.k1}
date of birth: ${dob.k2}
d.o.b ${dob.cg}
${cg.full} DOB ${dob.cg}
${k1} (DOB ${dob.k1})
${el} born ${dob.el}
lives at ${addr}
address: ${addr}
HV at ${addr}
moving to ${addr} on ${sd}
${cg} staying at ${rel}'s, ${addr}"""

FAMILY_LISTS = """\
Whānau: ${cg.full} (${cgw}) DOB ${dob.cg}, ${k1.full} DOB ${dob.k1}, ${k2} ${age.k2}yo
HOUSEHOLD: ${cg.full}, ${cg2.full}, tamariki ${k1}, ${k2}, ${k3}
Kids: ${k1} (${dob.k1}), ${k2} (${dob.k2})
Mum ${cg} / Dad ${cg2} / ${elw} ${el}
Tamariki - ${k1.full} ${age.k1}, ${k2.full} ${age.k2}, ${k3.full} ${age.k3}
Whānau present: ${cg}, ${k1}, ${el}
${cg.full} and ${cg2.full} with ${k1} ${age.k1}yrs
Household - ${cg.full} (${dob.cg}) + ${k1} + ${k2}"""

PHONE_LOG = """\
${tm} PC to ${cg} ${mob} - no ans, left vm
${tm} ${cg} rang back, ok for HV ${sd}
${tm} txt ${cg}: reminder ${prog} tmrw
${tm} call from ${wk} at ${org} re referral
${tm} rang ${org} on ${land}, on hold 40 min
${tm} ${cg} txt to say ${k1} sick, resched to ${sd}
${tm} left msg for ${wk2} at ${org}
${tm} ${cg2} called, wanted to know about ${prog}
${tm} rang ${cg} - phone off
${tm} spoke with ${nb}, ${cg} not home"""

CLOSERS = """\
Plan: f/u ${sd}
Next HV ${sd} ${tm}
Will follow up with ${org}
Ka pai, whānau doing well
Ngā mihi, ${wk}
${wk.given} (SW)
NFA at this time
Case to remain open
Will see them at the hui on ${sd}
Next: check in with ${cg} ${sd} re ${prog}
Kia kaha ${cg}
ACTION: ${wk} to call ${org}
${wk.given}, kaimahi
Closing - goals met"""

NAME_WORD_USES = {
    "aroha": ("lots of aroha in the whare", "${cg} shows so much aroha to the tamariki", "aroha mai for the late visit"),
    "mana": ("kōrero was mana-enhancing", "wants to restore ${cg.her} mana after court", "gave ${cg} the mana to decide"),
    "tui": ("kids made tūī masks at kōhanga", "a tui was singing outside the whole visit", "counted tūī at the park"),
    "kiri": ("kiri ki te kiri after the birth", "rash on pēpi's kiri, cream given", "dry kiri on ${k1}'s arms"),
    "rangi": ("a fine rangi so we did the hīkoi outside", "te rangi was clear, kids out on bikes"),
    "ra": ("rā whānau for ${k1} next week", "big rā yesterday at the marae", "Rā whānau party at the park"),
    "wiki": ("next wiki we start module 4", "2 wiki left of the course", "see you next wiki"),
    "waiata": ("sang a waiata to close", "tamariki learnt a new waiata at kura"),
    "marama": ("${cg} is mārama now about the plan", "not marama on the WINZ letter, explained it"),
    "moana": ("took the kids down to the moana on Sunday", "whānau fishing at the moana"),
    "awhina": ("needs āwhina with the forms", "asked for awhina with transport"),
    "atawhai": ("so much atawhai shown by ${el}",),
    "tumanako": ("${cg} has tūmanako for the new house",),
    "rangimarie": ("rangimārie in the whare since the move",),
    "whetu": ("whetū chart for good behaviour on the fridge",),
    "kaha": ("kia kaha ${cg}", "${cg} is kaha, kept going"),
    "tiaki": ("${cg} wants to tiaki the tamariki properly",),
    "tama": ("${k1} is he tama pai, helps ${cgw}",),
    "teina": ("${k2} is the teina and copies ${k1}",),
    "kai": ("kai parcel dropped at the door", "no kai in the cupboard till payday"),
    "hui": ("hui at the marae on Sat", "whānau hui went well"),
    "hope": ("${cg} has hope things will change", "no hope of getting the bond back"),
    "grace": ("grace period on the power bill", "said grace before kai"),
    "rose": ("rent rose again", "anxiety rose before court"),
    "joy": ("pure joy on ${k1}'s face", "${cg} finds joy in the garden"),
    "faith": ("lost faith in ${org}", "faith-based group on Sundays"),
    "summer": ("over summer the kids are home", "summer holidays prog at the marae"),
    "sky": ("Sky TV cancelled", "sky was clear so we walked"),
    "river": ("kids swim at the river after school", "river walk with ${k1}"),
    "lily": ("peace lily given by the kōhanga", "lily pond at the park"),
    "amber": ("amber light on the risk tool", "on amber for now"),
    "bill": ("power bill overdue", "phone bill sorted"),
    "mark": ("mark on ${k1}'s arm, explained as a fall", "marked the date on the calendar, big mark"),
    "will": ("will call back tomorrow", "Will ring ${org} in the morning"),
    "drew": ("${k1} drew a picture", "drew up a budget together"),
    "dawn": ("${cg2} leaves for mahi at dawn",),
    "frank": ("frank kōrero about the drinking",),
    "pat": ("pat on the back for ${cg}",),
    "autumn": ("in autumn the power goes up",),
    "precious": ("precious time with the tamariki",),
}

SERVICE_BANKS = {
    "parenting": PARENTING, "whanau": WHANAU, "fv": FV, "budgeting": BUDGETING, "housing": HOUSING, "health": HEALTH}


def _lines(block: str) -> tuple[str, ...]:
    return tuple(line for line in block.splitlines() if line.strip())


TEMPLATES = {name: _lines(block) for name, block in
             {**SERVICE_BANKS, "openers": OPENERS, "ids": IDENTIFIERS, "family": FAMILY_LISTS,
              "phone": PHONE_LOG, "closers": CLOSERS}.items()}
SLOT = re.compile(r"\$\{([a-z0-9]+)(?:\.([a-z0-9]+))?\}")
RECORD_ROLES = ("cg", "cg2", "k1", "k2", "k3", "el")
OUTSIDER_ROLES = ("wk", "wk2", "ex", "nb", "dr", "tch", "rel")


def template_count() -> int:
    return sum(len(v) for v in TEMPLATES.values()) + sum(len(v) for v in NAME_WORD_USES.values())


# ---------------------------------------------------------------------------------------------------------------
# Rendering a note.

Segment = tuple[str, str]   # (text, kind): kind "" for plain text, a PII kind, or a kept kind


@dataclass
class NoteContext:
    rng: random.Random
    people: dict[str, Person]
    outsiders: dict[str, Person]
    pending_bank: tuple[str, str] | None = None    # drawn when a template names the bank before the number
    used: set[str] = field(default_factory=set)    # templates already in this note


def _name_form(rng: random.Random, text: str) -> str:
    """A name as a writer types it: often without macrons or with an apostrophe for the ʻokina."""
    if text != strip_marks(text) and rng.random() < 0.35:
        return strip_marks(text) if rng.random() < 0.6 else text.replace("ʻ", "'")
    return text


def _case(rng: random.Random, text: str) -> str:
    roll = rng.random()
    if roll < 0.07:
        return text.lower()
    if roll < 0.11:
        return text.upper()
    return text


def mention(ctx: NoteContext, person: Person, form: str | None) -> list[Segment]:
    rng = ctx.rng
    if form is None:   # children are named by given name, adults also by title or surname
        child = person.role in ("k1", "k2", "k3")
        form = rng.choices(["given", "full", "title", "surname"], weights=[80, 20, 0, 0] if child else [62, 22, 9, 7])[0]
    given, surname = _name_form(rng, person.given), _name_form(rng, person.surname)
    if form == "given":
        return [(_case(rng, given), "PERSON")]
    if form == "full":
        middle = f" {person.middle}" if person.middle and rng.random() < 0.3 else ""
        if rng.random() < 0.1:
            return [(_case(rng, f"{surname.upper()}, {given}{middle}"), "PERSON")]
        return [(_case(rng, f"{given}{middle} {surname}"), "PERSON")]
    if form in ("title", "sur"):
        title = rng.choice(("Ms", "Mrs", "Whaea")) if person.female else rng.choice(("Mr", "Matua"))
        if form == "sur":
            return [(surname, "PERSON")]
        return [(f"{title} ", ""), (surname, "PERSON")]
    return [(_case(rng, surname), "PERSON")]


def _age(person: Person) -> int:
    return max(0, (TODAY - person.born).days // 365)


def fill_slot(ctx: NoteContext, role: str, form: str | None) -> list[Segment]:
    rng = ctx.rng
    if role in ctx.people and form not in ("she", "her"):
        return mention(ctx, ctx.people[role], form)
    if role in ctx.outsiders:
        return mention(ctx, ctx.outsiders[role], form)
    if form in ("she", "her"):
        p = ctx.people[role]
        return [({"she": "she", "her": "her"}[form] if p.female else {"she": "he", "her": "his"}[form], "")]
    if role == "cgw":
        return [("mum" if ctx.people["cg"].female else "dad", "")]
    if role == "elw":
        el = ctx.people["el"]
        return [(rng.choice(("kuia", "nan", "nana")) if el.female else rng.choice(("koro", "grandad", "poppa")), "")]
    if role == "age":
        return [(str(_age(ctx.people[form or "k1"])), "")]
    if role == "dob":
        return [(format_dob(ctx.people[form or "cg"].born, rng), "DOB")]
    if role == "nhi":
        return [(make_nhi(rng, new_format=rng.random() < 0.35), "NHI")]
    if role == "ird":
        return [(format_ird(make_ird_digits(rng), rng), "IRD")]
    if role in ("ph", "mob", "land"):
        return [(make_phone(rng, {"ph": "any", "mob": "mobile", "land": "landline"}[role]), "PHONE")]
    if role in ("em", "wem"):
        if role == "em":
            p = rng.choice([ctx.people[r] for r in ("cg", "cg2") if r in ctx.people])
            return [(make_email(rng, p.given, p.surname), "EMAIL")]
        wk = ctx.outsiders["wk"]
        return [(make_email(rng, wk.given, wk.surname, rng.choice(ORG_DOMAINS)), "EMAIL")]
    if role == "bank":
        number, _ = ctx.pending_bank or make_bank(rng)
        ctx.pending_bank = None
        return [(number, "BANK")]
    if role == "bankname":
        ctx.pending_bank = make_bank(rng)
        return [(ctx.pending_bank[1], "")]
    if role == "dl":
        return [(make_dl(rng), "DL")]
    if role == "addr":
        return [(make_address(rng), "ADDRESS")]
    if role == "prog":
        return [(rng.choice(PROGRAMMES), "programme")]
    if role == "org":
        return [(rng.choice(ORGANISATIONS), "organisation")]
    if role == "sd":
        return [(format_service_date(_random_date(rng, date(2024, 1, 8), date(2026, 6, 30)), rng), "service date")]
    if role in ("amt", "amtk"):
        return [(make_amount(rng, large=role == "amtk"), "amount")]
    if role == "tm":
        return [(make_time(rng), "time")]
    if role == "ref":
        return [(make_reference(rng), "reference")]
    if role == "city":
        return [(rng.choice(list(SUBURBS)), "")]
    if role == "n":
        return [(str(rng.randrange(2, 11)), "")]
    raise KeyError(f"unknown slot {role}.{form}")


FEMALE_CUES = ("hapū", "breastfeeding", "Mum ${cg}")


def template_roles(template: str) -> set[str]:
    """Record roles a template needs (a template naming a child the family lacks is not used)."""
    roles = set()
    for m in SLOT.finditer(template):
        role, form = m.group(1), m.group(2)
        if role in RECORD_ROLES:
            roles.add(role)
        if role in ("dob", "age") and form:
            roles.add(form)
        if role == "elw":
            roles.add("el")
        if role == "em":
            roles.add("cg")
    if any(cue in template for cue in FEMALE_CUES):
        roles.add("cg_female")
    return roles


def render(ctx: NoteContext, template: str) -> list[Segment]:
    ctx.used.add(template)
    segments: list[Segment] = []
    last = 0
    for m in SLOT.finditer(template):
        segments.append((template[last:m.start()], ""))
        segments.extend(fill_slot(ctx, m.group(1), m.group(2)))
        last = m.end()
    segments.append((template[last:], ""))
    return [s for s in segments if s[0]]


def _word_pattern() -> re.Pattern[str]:
    words: set[str] = set()
    for w in (*TE_REO, *TE_REO_PHRASES, *EVERYDAY_WORDS, *PROGRAMMES, *ORGANISATIONS):
        words.update({w, strip_marks(w)})
    alternatives = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<![\w'ʻ])(" + "|".join(re.escape(w) for w in alternatives) + r")(?![\w'ʻ])", re.IGNORECASE)


KEEP_WORDS = _word_pattern()
_EVERYDAY = set(EVERYDAY_WORDS)
_NAMED = {strip_marks(n).lower(): kind for kind, names in (("programme", PROGRAMMES), ("organisation", ORGANISATIONS))
          for n in names}


def label_words(segments: list[Segment]) -> list[Segment]:
    """Every te reo word, name-like English word, programme and organisation in the plain text becomes a kept span
    (longest first, so "Whānau Ora" is a programme and not a te reo word)."""
    out: list[Segment] = []
    for text, kind in segments:
        if kind:
            out.append((text, kind))
            continue
        last = 0
        for m in KEEP_WORDS.finditer(text):
            out.append((text[last:m.start()], ""))
            word = m.group(1)
            key = strip_marks(word).lower()
            out.append((word, _NAMED.get(key) or ("everyday word" if word.lower() in _EVERYDAY else "te reo")))
            last = m.end()
        out.append((text[last:], ""))
    return [s for s in out if s[0]]


PROTECTED = {"invoice", "receipt", "reference", "licence", "driver", "drivers", "number", "birth", "email",
             "address", "phone", "account", "born", "lives", "moving", "staying", "customer"}


def add_typos(rng: random.Random, segments: list[Segment], count: int) -> list[Segment]:
    """Slips of the keyboard in plain words (never in labelled text or cue words)."""
    candidates = [(i, m.start(), m.end()) for i, (text, kind) in enumerate(segments) if not kind
                  for m in re.finditer(r"(?<![\w'])[A-Za-z][a-z]{4,}(?![\w'])", text) if m.group(0).lower() not in PROTECTED]
    out = list(segments)
    for i, start, end in sorted(rng.sample(candidates, min(count, len(candidates))), reverse=True):
        text = out[i][0]
        word = text[start:end]
        j = rng.randrange(1, len(word) - 1)
        op = rng.randrange(3)
        if op == 0:
            new = word[:j] + word[j + 1] + word[j] + word[j + 2:]
        elif op == 1:
            new = word[:j] + word[j + 1:]
        else:
            new = word[:j] + word[j] + word[j:]
        out[i] = (text[:start] + new + text[end:], "")
    return out


@dataclass(frozen=True)
class GeneratedNote:
    line: str                                   # names|marked text, as parse_note reads it
    text: str
    known_names: tuple[str, ...]
    spans: tuple[tuple[str, int, int], ...]     # (kind, start, end) for PII and kept spans alike
    service: str
    style: str

    @property
    def keep_kinds(self) -> list[tuple[str, str]]:
        return [(kind, self.text[a:b]) for kind, a, b in self.spans if kind in KEEP_KINDS]


def _usable(templates: tuple[str, ...], roles: set[str], used: set[str] | None = None) -> list[str]:
    fresh = [t for t in templates if template_roles(t) <= roles and t not in (used or set())]
    return fresh or [t for t in templates if template_roles(t) <= roles]


def _build_clauses(rng: random.Random, ctx: NoteContext, service: str, style: str, target: int) -> list[list[Segment]]:
    roles = set(ctx.people) | ({"cg_female"} if ctx.people["cg"].female else set())
    clauses: list[list[Segment]] = []
    if rng.random() < 0.7:
        clauses.append(render(ctx, rng.choice(_usable(TEMPLATES["openers"], roles))))
    if rng.random() < 0.3:
        family = _usable(TEMPLATES["family"], roles)
        if family:
            clauses.append(render(ctx, rng.choice(family)))
    word_names = [p.given for p in ctx.people.values() if strip_marks(p.given).lower() in NAME_WORD_USES]
    if word_names and rng.random() < 0.85:
        uses = NAME_WORD_USES[strip_marks(rng.choice(word_names)).lower()]
        usable = _usable(uses, roles)
        if usable:
            clauses.append(render(ctx, rng.choice(usable)))
    n_ids = rng.choices([0, 1, 2, 3], weights=[2, 5, 3, 1])[0]
    id_slots = set(rng.sample(range(1, 7), n_ids))
    step = 0
    while sum(len(t) for c in clauses for t, _ in c) < target and step < 12:
        step += 1
        if step in id_slots:
            pool = _usable(TEMPLATES["ids"], roles, ctx.used)
        elif style == "log":
            pool = _usable(TEMPLATES["phone"], roles, ctx.used)
        elif rng.random() < 0.12:
            other = rng.choice([s for s in SERVICE_BANKS if s != service])
            pool = _usable(TEMPLATES[other], roles, ctx.used)
        else:
            pool = _usable(TEMPLATES[service], roles, ctx.used)
        clauses.append(render(ctx, rng.choice(pool)))
    if rng.random() < 0.5:
        clauses.append(render(ctx, rng.choice(_usable(TEMPLATES["closers"], roles, ctx.used))))
    return clauses


SEPARATORS = {"typed": (". ",), "terse": (". ", " - ", ", ", "; "), "bullets": (" • ", " - ", " * "),
              "log": (" / ", " // ", ". "), "lower": (". ", " - ", ", "), "caps": (". ", " - ")}


def make_note(seed: int, index: int) -> GeneratedNote:
    """Note `index` of `seed`: its own random stream, so a note does not depend on how many are drawn."""
    rng = random.Random(seed * 1_000_003 + index)
    for _ in range(100):
        note = _try_note(rng)
        if note is not None:
            return note
    raise RuntimeError("could not make a note in the length range")   # pragma: no cover


def _try_note(rng: random.Random) -> GeneratedNote | None:
    family = make_family(rng)
    taken = {p.given for p in family} | {p.surname for p in family}
    outsiders = {role: make_outsider(rng, role, taken) for role in OUTSIDER_ROLES}
    ctx = NoteContext(rng, {p.role: p for p in family}, outsiders)
    service = rng.choice(list(SERVICE_BANKS))
    style = rng.choices(list(SEPARATORS), weights=[30, 25, 12, 10, 15, 4])[0]
    target = rng.randrange(MIN_CHARS + 20, MAX_CHARS - 60)
    clauses = [label_words(c) for c in _build_clauses(rng, ctx, service, style, target)]
    if style in ("typed", "terse", "bullets", "log") and rng.random() < 0.35:
        flat = [s for c in clauses for s in c]
        sizes = [len(c) for c in clauses]
        flat = add_typos(rng, flat, rng.randrange(1, 4))
        clauses, pos = [], 0
        for size in sizes:
            clauses.append(flat[pos:pos + size])
            pos += size
    if rng.random() < 0.3:   # a writer who never types macrons (names keep whatever form mention() gave them)
        clauses = [[(t if k in PII_KINDS else strip_marks(t), k) for t, k in c] for c in clauses]
    if style == "lower":
        clauses = [[(t.lower(), k) for t, k in c] for c in clauses]
    elif style == "caps":
        clauses = [[(t.upper(), k) for t, k in c] for c in clauses]
    elif rng.random() < 0.2:
        for i in rng.sample(range(len(clauses)), min(len(clauses), rng.randrange(1, 3))):
            clauses[i] = [(t.upper(), k) for t, k in clauses[i]]
    sep = rng.choice(SEPARATORS[style])
    segments: list[Segment] = []
    if style == "bullets":
        segments.append((sep.strip() + " ", ""))
    for i, clause in enumerate(clauses):
        if i:
            segments.append((sep, ""))
        segments.extend(clause)
    if style in ("typed", "caps") and rng.random() < 0.6:
        segments.append((".", ""))
    return _assemble(segments, family, service, style)


def _assemble(segments: list[Segment], family: list[Person], service: str, style: str) -> GeneratedNote | None:
    text_parts, marked_parts, spans = [], [], []
    pos = 0
    for text, kind in segments:
        if any(bad in text for bad in ("[[", "]]", "{{", "}}")):
            return None
        if kind in PII_KINDS:
            marked_parts.append(f"[[{kind}:{text}]]")
            spans.append((kind, pos, pos + len(text)))
        elif kind:
            marked_parts.append("{{" + text + "}}")
            spans.append((kind, pos, pos + len(text)))
        else:
            marked_parts.append(text)
        text_parts.append(text)
        pos += len(text)
    full = "".join(text_parts)
    if not MIN_CHARS <= len(full) <= MAX_CHARS or "\n" in full:
        return None
    names = tuple(p.record_name for p in family)
    line = "; ".join(names) + "|" + "".join(marked_parts)
    return GeneratedNote(line, full, names, tuple(spans), service, style)


def generate_notes(n: int = 500, seed: int = TEST_SEED) -> list[GeneratedNote]:
    return [make_note(seed, i) for i in range(n)]


def generate(n: int = 500, seed: int = TEST_SEED) -> list[str]:
    """The notes as lines `names|marked text` (tests.scrub.labelled_notes.parse_note reads them)."""
    return [note.line for note in generate_notes(n, seed)]


def generate_detailed(n: int = 500, seed: int = TEST_SEED) -> list[tuple[str, list[tuple[str, str]], dict[str, str]]]:
    """Each note's line, its kept spans as (kind, text) for a keep rate per kind, and how it was written."""
    return [(note.line, note.keep_kinds, {"service": note.service, "style": note.style})
            for note in generate_notes(n, seed)]
