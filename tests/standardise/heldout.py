"""A held-out evaluation set for addresses and names, written for issue 19 before any tuning.

Places, streets and names here were written by hand from general knowledge of New Zealand
(not drawn from standards/geography.csv, the places package or deid/samples/generator.py).
Each place carries its own label: official spelling (with macrons), town, postcode, and the
Stats NZ TA and region codes it belongs to. Addresses are rendered in many writing styles
(commas or none, ALL CAPS, macrons dropped, units before or after the street, box and bag
spellings, RD forms, missing postcode/suburb/town). Every case is assigned to `tune` or
`test` by a hash of its place and street, so the halves share no (place, street) pair, and
places are split too: half the places appear only in the test half.

Figures are reported on the `test` half only (bench/bench_standardise.py).
"""
from __future__ import annotations

import hashlib
import random
import unicodedata
from dataclasses import dataclass

# (suburb or None, town, postcode, ta_code, region_code): official spellings.
PLACES: tuple[tuple[str | None, str, str, str, str], ...] = (
    ("Glen Massey", "Ngāruawāhia", "3793", "013", "03"),
    ("Pāpāmoa Beach", "Tauranga", "3118", "023", "04"),
    ("Ōhope", "Whakatāne", "3121", "025", "04"),
    ("Te Puke", "Te Puke", "3119", "022", "04"),
    ("Ōmokoroa", "Tauranga", "3114", "022", "04"),
    ("Welcome Bay", "Tauranga", "3112", "023", "04"),
    ("Bethlehem", "Tauranga", "3110", "023", "04"),
    ("Ngongotahā", "Rotorua", "3010", "024", "04"),
    ("Owhata", "Rotorua", "3010", "024", "04"),
    ("Kawerau", "Kawerau", "3127", "026", "04"),
    ("Ōpōtiki", "Ōpōtiki", "3122", "027", "04"),
    ("Flaxmere", "Hastings", "4120", "030", "06"),
    ("Havelock North", "Havelock North", "4130", "030", "06"),
    ("Taradale", "Napier", "4112", "031", "06"),
    ("Marewa", "Napier", "4110", "031", "06"),
    ("Waipukurau", "Waipukurau", "4200", "032", "06"),
    ("Wairoa", "Wairoa", "4108", "029", "06"),
    ("Kaiti", "Gisborne", "4010", "028", "05"),
    ("Ruatōria", "Ruatōria", "4032", "028", "05"),
    ("Tolaga Bay", "Tolaga Bay", "4077", "028", "05"),
    ("Ōtāhuhu", "Auckland", "1062", "076", "02"),
    ("Māngere Bridge", "Auckland", "2022", "076", "02"),
    ("Māngere East", "Auckland", "2024", "076", "02"),
    ("Ōtara", "Auckland", "2023", "076", "02"),
    ("Papatoetoe", "Auckland", "2025", "076", "02"),
    ("Glen Innes", "Auckland", "1072", "076", "02"),
    ("Te Atatū Peninsula", "Auckland", "0610", "076", "02"),
    ("Te Atatū South", "Auckland", "0610", "076", "02"),
    ("Massey", "Auckland", "0614", "076", "02"),
    ("Ranui", "Auckland", "0612", "076", "02"),
    ("Glen Eden", "Auckland", "0602", "076", "02"),
    ("Kelston", "Auckland", "0602", "076", "02"),
    ("Wiri", "Auckland", "2104", "076", "02"),
    ("Clendon Park", "Auckland", "2103", "076", "02"),
    ("Takanini", "Auckland", "2112", "076", "02"),
    ("Pukekohe", "Pukekohe", "2120", "076", "02"),
    ("Waiuku", "Waiuku", "2123", "076", "02"),
    ("Wellsford", "Wellsford", "0900", "076", "02"),
    ("Ōrewa", "Ōrewa", "0931", "076", "02"),
    ("Hibiscus Coast", "Auckland", "0932", "076", "02"),
    ("Point England", "Auckland", "1072", "076", "02"),
    ("Onehunga", "Auckland", "1061", "076", "02"),
    ("Kaitaia", "Kaitaia", "0410", "001", "01"),
    ("Kaikohe", "Kaikohe", "0405", "001", "01"),
    ("Moerewa", "Moerewa", "0211", "001", "01"),
    ("Kawakawa", "Kawakawa", "0210", "001", "01"),
    ("Raumanga", "Whangārei", "0110", "002", "01"),
    ("Tikipunga", "Whangārei", "0112", "002", "01"),
    ("Otangarei", "Whangārei", "0112", "002", "01"),
    ("Dargaville", "Dargaville", "0310", "003", "01"),
    ("Ngāruawāhia", "Ngāruawāhia", "3720", "013", "03"),
    ("Huntly", "Huntly", "3700", "013", "03"),
    ("Te Kauwhata", "Te Kauwhata", "3710", "013", "03"),
    ("Tuakau", "Tuakau", "2121", "013", "03"),
    ("Raglan", "Raglan", "3225", "013", "03"),
    ("Nawton", "Hamilton", "3200", "016", "03"),
    ("Enderley", "Hamilton", "3214", "016", "03"),
    ("Fairfield", "Hamilton", "3214", "016", "03"),
    ("Flagstaff", "Hamilton", "3210", "016", "03"),
    ("Te Awamutu", "Te Awamutu", "3800", "017", "03"),
    ("Ōtorohanga", "Ōtorohanga", "3900", "018", "03"),
    ("Te Kūiti", "Te Kūiti", "3910", "020", "03"),
    ("Tokoroa", "Tokoroa", "3420", "019", "03"),
    ("Putāruru", "Putāruru", "3411", "019", "03"),
    ("Tūrangi", "Tūrangi", "3334", "021", "03"),
    ("Taupō", "Taupō", "3330", "021", "03"),
    ("Paeroa", "Paeroa", "3600", "012", "03"),
    ("Thames", "Thames", "3500", "011", "03"),
    ("Whitianga", "Whitianga", "3510", "011", "03"),
    ("Morrinsville", "Morrinsville", "3300", "015", "03"),
    ("Waitara", "Waitara", "4320", "033", "07"),
    ("Marfell", "New Plymouth", "4310", "033", "07"),
    ("Hāwera", "Hāwera", "4610", "035", "07"),
    ("Ōpunake", "Ōpunake", "4616", "035", "07"),
    ("Stratford", "Stratford", "4332", "034", "07"),
    ("Taumarunui", "Taumarunui", "3920", "036", "08"),
    ("Castlecliff", "Whanganui", "4501", "037", "08"),
    ("Aramoho", "Whanganui", "4500", "037", "08"),
    ("Marton", "Marton", "4710", "038", "08"),
    ("Taihape", "Taihape", "4720", "038", "08"),
    ("Feilding", "Feilding", "4702", "039", "08"),
    ("Highbury", "Palmerston North", "4412", "040", "08"),
    ("Awapuni", "Palmerston North", "4412", "040", "08"),
    ("Dannevirke", "Dannevirke", "4930", "041", "08"),
    ("Levin", "Levin", "5510", "042", "08"),
    ("Foxton", "Foxton", "4814", "042", "08"),
    ("Ōtaki", "Ōtaki", "5512", "043", "09"),
    ("Paraparaumu", "Paraparaumu", "5032", "043", "09"),
    ("Cannons Creek", "Porirua", "5024", "044", "09"),
    ("Waitangirua", "Porirua", "5024", "044", "09"),
    ("Trentham", "Upper Hutt", "5018", "045", "09"),
    ("Naenae", "Lower Hutt", "5011", "046", "09"),
    ("Taitā", "Lower Hutt", "5011", "046", "09"),
    ("Wainuiomata", "Lower Hutt", "5014", "046", "09"),
    ("Strathmore Park", "Wellington", "6022", "047", "09"),
    ("Newlands", "Wellington", "6037", "047", "09"),
    ("Lansdowne", "Masterton", "5810", "048", "09"),
    ("Featherston", "Featherston", "5710", "050", "09"),
    ("Motueka", "Motueka", "7120", "051", "16"),
    ("Stoke", "Nelson", "7011", "052", "17"),
    ("Tāhunanui", "Nelson", "7011", "052", "17"),
    ("Blenheim", "Blenheim", "7201", "053", "18"),
    ("Westport", "Westport", "7825", "055", "12"),
    ("Greymouth", "Greymouth", "7805", "056", "12"),
    ("Hokitika", "Hokitika", "7810", "057", "12"),
    ("Kaikōura", "Kaikōura", "7300", "054", "13"),
    ("Rangiora", "Rangiora", "7400", "059", "13"),
    ("Kaiapoi", "Kaiapoi", "7630", "059", "13"),
    ("Aranui", "Christchurch", "8061", "060", "13"),
    ("Linwood", "Christchurch", "8062", "060", "13"),
    ("Hornby", "Christchurch", "8042", "060", "13"),
    ("Shirley", "Christchurch", "8061", "060", "13"),
    ("Rolleston", "Rolleston", "7615", "062", "13"),
    ("Ashburton", "Ashburton", "7700", "063", "13"),
    ("Timaru", "Timaru", "7910", "064", "13"),
    ("Ōamaru", "Ōamaru", "9400", "068", "14"),
    ("Alexandra", "Alexandra", "9320", "069", "14"),
    ("Frankton", "Queenstown", "9300", "070", "14"),
    ("South Dunedin", "Dunedin", "9012", "071", "14"),
    ("Brockville", "Dunedin", "9011", "071", "14"),
    ("Mosgiel", "Mosgiel", "9024", "071", "14"),
    ("Balclutha", "Balclutha", "9230", "072", "14"),
    ("Gore", "Gore", "9710", "074", "15"),
    ("Glengarry", "Invercargill", "9810", "075", "15"),
    ("Bluff", "Bluff", "9814", "075", "15"),
    ("Winton", "Winton", "9720", "073", "15"),
)

# (name, type): street names written by hand, official spelling.
STREETS: tuple[tuple[str, str], ...] = (
    ("Omahu", "Road"), ("Kowhai", "Street"), ("Rata", "Avenue"), ("Tui", "Crescent"), ("Karaka", "Place"),
    ("Pōhutukawa", "Drive"), ("Matai", "Street"), ("Tōtara", "Road"), ("Miro", "Lane"), ("Hinau", "Grove"),
    ("Great South", "Road"), ("Massey", "Road"), ("Bader", "Drive"), ("Cavendish", "Drive"), ("Dawson", "Road"),
    ("Station", "Road"), ("Church", "Street"), ("High", "Street"), ("Victoria", "Avenue"), ("Seddon", "Street"),
    ("Hobson", "Street"), ("Te Ngae", "Road"), ("Fenton", "Street"), ("Devonport", "Road"), ("Cameron", "Road"),
    ("Gloucester", "Road"), ("Grey", "Street"), ("Kennedy", "Road"), ("Ruahine", "Street"), ("Tremaine", "Avenue"),
    ("Mungavin", "Avenue"), ("Champion", "Street"), ("Waterloo", "Road"), ("Epuni", "Street"), ("Main", "Road"),
    ("Colombo", "Street"), ("Pages", "Road"), ("Hoon Hay", "Road"), ("Kaikorai Valley", "Road"), ("Dee", "Street"),
    ("Tay", "Street"), ("Rimu", "Road"), ("Puriri", "Street"), ("Kahikatea", "Drive"), ("Ngata", "Road"),
    ("Pomare", "Crescent"), ("Parata", "Street"), ("Tainui", "Street"), ("Rewi", "Street"), ("Waipuna", "Road"),
    ("Harbour View", "Road"), ("Beach", "Road"), ("Marine", "Parade"), ("Kensington", "Terrace"), ("Oxford", "Terrace"),
    ("Wairere", "Drive"), ("Ulster", "Street"), ("Tasman", "Street"), ("Golf", "Road"), ("Rangatira", "Close"),
)

STREET_ABBREVIATIONS = {"Street": "St", "Road": "Rd", "Avenue": "Ave", "Crescent": "Cres", "Place": "Pl", "Drive": "Dr",
                        "Lane": "Ln", "Grove": "Gr", "Terrace": "Tce", "Parade": "Pde", "Close": "Cl"}
PRIVATE_BAG_SPELLINGS = ("Private Bag", "Priv. Bag", "Priv Bag", "P/Bag", "P.Bag", "Pte Bag", "Pvt Bag", "PRIVATE BAG", "Private bag")
PO_BOX_SPELLINGS = ("PO Box", "P.O. Box", "P O Box", "POBox", "Po Box", "P.O.Box", "Post Office Box")
ADDRESS_LABELS = ("unit_type", "unit_number", "street_number", "street_suffix", "street_name", "street_type", "suburb",
                  "town_city", "postcode", "rd_number", "box_type", "box_number")


def plain(text: str) -> str:
    """Drop macrons, as a writer without a te reo keyboard would."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)))


def half_of(*key: str) -> str:
    digest = hashlib.sha256("|".join(key).encode()).digest()
    return "test" if digest[0] % 2 else "tune"


@dataclass(frozen=True)
class Case:
    input: str
    expected: dict[str, str | None]   # components, official spellings
    ta_code: str
    region_code: str
    half: str
    style: str
    macrons_dropped: bool


def _street_text(name: str, stype: str, rng: random.Random, caps: bool, drop: bool) -> str:
    written = plain(name) if drop else name
    typed = STREET_ABBREVIATIONS.get(stype, stype) if rng.random() < 0.5 else stype
    return f"{written} {typed}"


def generate_addresses(seed: int = 19, per_place: int = 6) -> list[Case]:
    """Labelled addresses, `per_place` per place in varied styles."""
    rng = random.Random(seed)
    cases: list[Case] = []
    for suburb, town, postcode, ta, region in PLACES:
        place_half = half_of("place", suburb or town)
        for _ in range(per_place):
            sname, stype = rng.choice(STREETS)
            number = str(rng.randint(1, 480))
            drop = rng.random() < 0.5
            caps = rng.random() < 0.15
            commas = rng.random() < 0.75
            exp: dict[str, str | None] = dict.fromkeys(ADDRESS_LABELS)
            style = rng.choice(["street", "street", "street", "unit_after", "unit_before", "slash", "rd", "pobox", "bag",
                                "no_postcode", "no_town"])
            sub_w = (plain(suburb) if drop else suburb) if suburb else None
            town_w = plain(town) if drop else town
            show_suburb = suburb is not None and suburb != town
            places_written = [p for p in ((sub_w if show_suburb else None), town_w) if p]
            if style == "no_town" and show_suburb:
                places_written = [sub_w]
            exp.update(suburb=suburb if show_suburb else None, town_city=town, postcode=postcode)
            if style in ("pobox", "bag"):
                boxno = str(rng.randint(1, 9999))
                spelling = rng.choice(PO_BOX_SPELLINGS if style == "pobox" else PRIVATE_BAG_SPELLINGS)
                exp.update(box_type="PO Box" if style == "pobox" else "Private Bag", box_number=boxno, suburb=None)
                parts = [f"{spelling} {boxno}", f"{town_w} {postcode}"]
            else:
                street = _street_text(sname, stype, rng, caps, drop)
                exp.update(street_number=number, street_name=sname if not drop else plain(sname), street_type=stype)
                lead = f"{number} {street}"
                if style == "unit_after":
                    unit = f"{rng.randint(1, 12)}{rng.choice(['', 'A', 'B'])}"
                    utype = rng.choice(["Unit", "Flat", "Apartment"])
                    written_type = {"Unit": rng.choice(["Unit", "Unit", "U"]), "Flat": "Flat", "Apartment": rng.choice(["Apt", "Apartment"])}[utype]
                    exp.update(unit_type=utype, unit_number=unit)
                    parts = [lead, f"{written_type} {unit}"]
                elif style == "unit_before":
                    unit = f"{rng.randint(1, 12)}{rng.choice(['', 'A', 'B'])}"
                    exp.update(unit_type="Flat", unit_number=unit)
                    parts = [f"Flat {unit}", lead]
                elif style == "slash":
                    unit = str(rng.randint(1, 9))
                    exp.update(unit_number=unit)
                    parts = [f"{unit}/{lead}"]
                elif style == "rd":
                    rd = str(rng.randint(1, 9))
                    exp.update(rd_number=rd, suburb=None)
                    places_written = [town_w]
                    parts = [lead, rng.choice([f"RD {rd}", f"R.D. {rd}", f"RD{rd}", f"Rd {rd}"])]
                else:
                    parts = [lead]
                if style == "no_postcode":
                    exp["postcode"] = None
                    parts += places_written
                else:
                    parts += [*places_written[:-1], f"{places_written[-1]} {postcode}"]
            text = ", ".join(parts) if commas else " ".join(parts)
            if caps:
                text = text.upper()
            cases.append(Case(text, exp, ta, region, place_half, style, drop))
    return cases


# --- names --------------------------------------------------------------------------

GIVEN = ("Tevita", "Mele", "Sione", "Losana", "Maria Cristina", "Jose", "Rosario", "Aroha", "Wiremu", "Hine",
         "Pieter", "Anneke", "Carlos", "Lucia", "Omar", "Layla", "Mei Ling", "Hemi", "Ana", "Rangi", "Paulo",
         "Grace", "Ramon", "Luz", "Kahu", "Nikau", "Fatima", "Ahmed", "Jan", "Eva")
FAMILY = ("Ah Kuoi", "Ah Chong", "Ah Sam", "Ah Mu", "Ah Young", "Dela Cruz", "De la Cruz", "Delos Santos",
          "De los Reyes", "De Leon", "Del Rosario", "Te Huia", "Te Whata", "Te Kani", "Te Wake", "van der Merwe",
          "van Rooyen", "De Vries", "van den Berg", "Al Hassan", "El Amin", "Abu Bakr", "Da Silva", "Dos Santos",
          "Le Mamea", "Faleolo", "Tuilagi", "Ngata", "Pomare", "Reyes", "Santos", "Mendoza", "Aumua", "Leota",
          "Tupou", "Fonoti", "San Juan", "Delos Reyes", "Ah Ching", "Ah Kiong")
TITLES = ("Mr", "Mr.", "Mrs", "Ms", "Dr", "Dr.", "Miss", "MR", "Rev")


def generate_names(seed: int = 91, rows: int = 600) -> list[tuple[str, str, str, str]]:
    """(input, given, family, half): family names split by hash into tune and test."""
    rng = random.Random(seed)
    out = []
    for _ in range(rows):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        form = rng.choice(["plain", "title", "comma", "caps", "title_family", "comma_caps"])
        if form == "plain":
            text = f"{given} {family}"
        elif form == "title":
            text = f"{rng.choice(TITLES)} {given} {family}"
        elif form == "title_family":
            text, given = f"{rng.choice(TITLES)} {family}", ""
        elif form == "comma":
            text = f"{family}, {given}"
        elif form == "caps":
            text = f"{given} {family}".upper()
        else:
            text = f"{family.upper()}, {given}"
        out.append((text, given, family, half_of("name", family)))
    return out


# --- scoring ------------------------------------------------------------------------


def _fold(value: str | None) -> str:
    return " ".join(plain(value or "").casefold().replace(".", " ").split())


@dataclass(frozen=True)
class AddressScore:
    rows: int
    fully_right: float        # every component right, macrons and case aside
    strict_known: float       # suburb and town exactly right (macrons too), on rows whose place the reference knows
    known_rows: int
    ta_and_region: float      # TA and region both right
    misses: list[tuple[str, dict]]


def score_addresses(parser, cases: list[Case], known=lambda name: False) -> AddressScore:
    """Score `parser` on `cases`; `known(name)` says whether the reference holds a place name."""
    right = strict = strict_n = area = 0
    misses = []
    for case in cases:
        got = parser.parse(case.input).as_dict()
        wrong = {}
        for part, want in case.expected.items():
            have = got.get(part)
            if _fold(have) == _fold(want):
                continue
            if part == "town_city" and case.style == "no_town" and have is None:
                continue
            wrong[part] = (want, have)
        right += not wrong
        if not wrong:
            pass
        else:
            misses.append((case.input, wrong))
        places = [case.expected[p] for p in ("suburb", "town_city") if case.expected[p] and (p != "town_city" or case.style != "no_town")]
        if places and all(known(p) for p in places):
            strict_n += 1
            strict += all(got.get(p) == case.expected[p] for p in ("suburb", "town_city")
                          if case.expected[p] and (p != "town_city" or case.style != "no_town"))
        area += got.get("ta_code") == case.ta_code and got.get("region_code") == case.region_code
    n = len(cases)
    return AddressScore(n, right / n, strict / strict_n if strict_n else 0.0, strict_n, area / n, misses)


def score_names(parser, rows: list[tuple[str, str, str, str]]) -> tuple[float, list]:
    """Share of names whose given and family parts are right (case-insensitive for ALL CAPS input)."""
    right, misses = 0, []
    for text, given, family, _ in rows:
        got = parser.parse(text)
        same = (lambda a, b: (a or "").casefold() == (b or "").casefold()) if text.isupper() or text.split(",")[0].isupper() \
            else (lambda a, b: (a or "") == (b or ""))
        ok = same(got.given_names, given) and same(got.family_name, family)
        right += ok
        if not ok:
            misses.append((text, (given, family), (got.given_names, got.family_name)))
    return right / len(rows), misses
