"""Ninth blind corpus of provider files (issue 12, item 9).

Written independently of the project's code, standards and sample data: the header
vocabularies, column orders and file shapes below come from how NZ community
social-service providers (whanau ora, parenting, youth, Pasifika, budgeting and
family-violence services) keep their spreadsheets.

    python generator.py --out DIR [--check]

``generate(out_dir)`` writes layouts NINTH01..NINTH20 under
``out_dir/<layout_id>/landing/<provider>/<quarter>/`` plus ``out_dir/<layout_id>/truth.json``
and returns the list of truths.  ``--check`` re-reads every file and verifies header
positions, row counts and (by an independent re-count) the number of valid rows.

Only the standard library is used, except openpyxl for .xlsx.  The .ods file is written
by hand as a zip of XML.  All values are deterministic (string seeds per layout).
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
import sys
import unicodedata
import zipfile
from xml.sax.saxutils import escape

# --------------------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------------------

ETH_LABEL = {
    11: "NZ European", 12: "Other European", 21: "Māori", 31: "Samoan",
    32: "Cook Islands Māori", 33: "Tongan", 34: "Niuean", 35: "Tokelauan", 36: "Fijian",
    37: "Other Pacific Peoples", 41: "Chinese", 42: "Indian", 43: "Other Asian",
    51: "Middle Eastern", 52: "Latin American", 53: "African", 61: "Other Ethnicity",
}

NAMES = {
    "maori": (
        ["Aroha", "Tama", "Wiremu", "Mere", "Hēmi", "Ngaire", "Rāwiri", "Anahera", "Kahu",
         "Tipene", "Huia", "Manaia", "Nīkau", "Kaia", "Ariana", "Tamati", "Hine", "Rangi",
         "Mihi", "Te Ao", "Pania", "Hohepa", "Kiri", "Tūī"],
        ["Ngata", "Parata", "Tipoki", "Walker", "Tūhiwai", "Heke", "Rangi", "Te Whata",
         "Paewai", "Kereama", "Tawhiri", "Hohaia", "Pōmare", "Wihongi", "Te Rangi",
         "Karaka", "Mahuika", "Ruatapu", "Hēnare", "Tamihana"]),
    "pasifika": (
        ["Sione", "Losa", "Mele", "Tavita", "Salote", "Ioane", "Fetu", "Malia", "Viliami",
         "Lagi", "Teuila", "Sefo", "Lupe", "Tevita", "Ana", "Pita", "Siosaia", "Mosese",
         "Leilani", "Akanesi"],
        ["Faleolo", "Tupou", "Leota", "Taufa", "Fonoti", "Vaifale", "Tuilagi", "Mahe",
         "Kata", "Fifita", "Aumua", "Lemalu", "Tangitamaiti", "Pulu", "Tuiasosopo",
         "Marsters", "Tavioni", "Sapolu", "Vainikolo", "Ioane"]),
    "general": (
        ["Sarah", "James", "Emma", "Liam", "Chloe", "Jack", "Olivia", "Hannah", "Michael",
         "Sophie", "Daniel", "Grace", "Ruby", "Thomas", "Jessica", "Ben", "Kylie", "Shane",
         "Priya", "Wei", "Arjun", "Mei", "Raj", "Fatima", "Zoë", "Renée"],
        ["Smith", "Wilson", "Brown", "Taylor", "Anderson", "Thompson", "Clarke", "McDonald",
         "O'Brien", "Van der Berg", "Patel", "Singh", "Chen", "Wang", "Nguyen", "Kumar",
         "Robertson", "Harris", "Edwards", "Murphy", "Campbell", "Müller"]),
}
MIDDLE = ["Rose", "James", "Marie", "Lee", "Ann", "John", "Kiri", "Tui", "Mere", "Louise",
          "Pita", "Grace", "Ioana", "Jane", "Manu"]

PLACES = [  # suburb, town, postcode
    ("Cannons Creek", "Porirua", "5024"), ("Naenae", "Lower Hutt", "5011"),
    ("Ōtara", "Auckland", "2023"), ("Māngere East", "Auckland", "2024"),
    ("Fairfield", "Hamilton", "3214"), ("Flaxmere", "Hastings", "4120"),
    ("Aranui", "Christchurch", "8061"), ("Kaikohe", "Kaikohe", "0405"),
    ("Castlecliff", "Whanganui", "4501"), ("Glengarry", "Invercargill", "9810"),
    ("Tokoroa", "Tokoroa", "3420"), ("Kawerau", "Kawerau", "3127"),
    ("Kaiti", "Gisborne", "4010"), ("Wainuiomata", "Lower Hutt", "5014"),
    ("Ōtāhuhu", "Auckland", "1062"), ("Highbury", "Palmerston North", "4412"),
    ("Raumanga", "Whangārei", "0110"), ("Kaitāia", "Kaitāia", "0410"),
    ("Stoke", "Nelson", "7011"), ("Masterton", "Masterton", "5810"),
    ("Greerton", "Tauranga", "3112"), ("Ngongotahā", "Rotorua", "3010"),
    ("Paraparaumu", "Paraparaumu", "5032"), ("Timaru", "Timaru", "7910"),
]
STREETS = ["Kāpiti Road", "Mahana Street", "Bader Drive", "Hinemoa Street", "Rata Street",
           "Te Rauparaha Crescent", "Kowhai Avenue", "Main Road", "Gloucester Street",
           "Tītahi Bay Road", "King Street", "Ranfurly Road", "Pūriri Place", "Totara Drive",
           "Rimu Street", "Tainui Road", "Palmer Crescent", "Queens Drive", "Ōrākau Road",
           "Victoria Avenue", "Church Street", "Seaview Road"]
IWI = ["Ngāti Porou", "Ngāpuhi", "Ngāti Toa Rangatira", "Te Āti Awa", "Ngāi Tahu",
       "Waikato-Tainui", "Ngāti Kahungunu", "Ngāi Tūhoe", "Ngāti Raukawa", "Te Arawa",
       "Te Ātihaunui-a-Pāpārangi", "Te Rarawa", "Ngāti Maniapoto", "Rongowhakaata",
       "Ngāti Awa", "Ngāti Whātua"]
STAFF = ["Kiri Walker", "Losa Faleolo", "Mark Thompson", "Anahera Ngata", "Priya Sharma",
         "Tevita Fifita", "Jo Harris", "Hemi Tamihana", "Rachel O'Connor", "Sina Leota",
         "Dave Kereama", "Mereana Pōmare", "Helen Brown", "Ana Vaifale"]
REFERRALS = ["Self", "Whānau", "GP", "School", "Oranga Tamariki", "Police", "Work and Income",
             "Corrections", "Plunket", "Kāinga Ora", "Hospital social worker", "Church",
             "Family Court", "Friend"]
RELATION = ["Mum", "Dad", "Nan", "Koro", "Aunty", "Uncle", "Sister", "Partner", "Whaea",
            "Cousin", "Grandmother", "Foster parent"]
NOTE_BITS = [
    "home visit, talked about housing options with {cg}",
    "{given} keen to keep going with the course, transport is an issue",
    "rang {given} re: WINZ appointment, left msg on {phone}",
    "attended hui with school, {given} \"doing better\" per teacher",
    "helped {given} fill in food grant form; follow up next week",
    "no show x2, texted. {cg} says family tangi up north",
    "{given} completed budget plan, debt to Q Card down",
    "discussed safety plan; {given} staying with {cg} for now",
    "referred on to counsellor at the marae, {given} agreed",
    "good session. Kids came too. Next visit 12/8",
    "{given} reports sleeping better, still anxious about court",
    "dropped off kai parcel to {street}",
]


def strip_macrons(s: str) -> str:
    out = []
    for ch in s:
        try:
            ch.encode("cp1252")
            out.append(ch)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
            out.append(base or "?")
    return "".join(out)


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
EXCEL_EPOCH = dt.date(1899, 12, 30)

IMPOSSIBLE = {  # style -> impossible date of birth as written by that style
    "dmy": "31/02/2015", "dd/mm/yyyy": "31/02/2015", "iso": "2015-02-31",
    "dd.mm.yyyy": "31.02.2015", "dd-Mon-yyyy": "31-Feb-2015", "d Month yyyy": "31 February 2015",
    "iso_t0": "2015-02-31T00:00:00",
}


def fmt_date(d, style):
    if d is None:
        return None if style in ("xl", "serial", "ods", "json") else ""
    if style == "dmy":
        return f"{d.day}/{d.month}/{d.year}"
    if style == "d/mm/yyyy":
        return f"{d.day}/{d.month:02d}/{d.year}"
    if style == "dd/mm/yyyy":
        return d.strftime("%d/%m/%Y")
    if style == "iso":
        return d.isoformat()
    if style == "dd.mm.yyyy":
        return d.strftime("%d.%m.%Y")
    if style == "d-Mon-yy":
        return f"{d.day}-{MONTHS[d.month - 1]}-{d.year % 100:02d}"
    if style == "dd-Mon-yyyy":
        return f"{d.day:02d}-{MONTHS[d.month - 1]}-{d.year}"
    if style == "d Month yyyy":
        return f"{d.day} {MONTHS_LONG[d.month - 1]} {d.year}"
    if style == "iso_t0":
        return f"{d.isoformat()}T00:00:00"
    if style in ("xl", "ods"):
        return d
    if style == "serial":
        return (d - EXCEL_EPOCH).days
    raise ValueError(style)


def fmt_dob(p, style):
    if p["dob_impossible"]:
        return IMPOSSIBLE.get(style, "31/02/2015")
    return fmt_date(p["dob"], style)


def fmt_datetime(d, rng, style):
    h, m = rng.choice([9, 10, 11, 13, 14, 15, 16]), rng.choice([0, 15, 30, 45])
    if style == "iso_space":
        return f"{d.isoformat()} {h:02d}:{m:02d}:00"
    if style == "iso_tz":
        return f"{d.isoformat()}T{h:02d}:{m:02d}:00+{12 if 4 <= d.month <= 9 else 13}:00"
    return f"{d.isoformat()}T{h:02d}:{m:02d}:00"


# --------------------------------------------------------------------------------------
# NHI / IRD
# --------------------------------------------------------------------------------------
NHI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, no O


def nhi_old(rng):
    while True:
        letters = "Z" + rng.choice(NHI_LETTERS) + rng.choice(NHI_LETTERS)  # Z range: test NHIs
        digits = [rng.randrange(10) for _ in range(3)]
        vals = [NHI_LETTERS.index(c) + 1 for c in letters] + digits
        total = sum(v * w for v, w in zip(vals, [7, 6, 5, 4, 3, 2]))
        r = total % 11
        if r == 0:
            continue
        check = 11 - r
        if check == 10:
            continue
        return letters + "".join(map(str, digits)) + str(check)


def nhi_ok(s) -> bool:
    if not isinstance(s, str):
        return False
    s = s.strip().upper()
    if len(s) != 7 or not s[:3].isalpha() or any(c in "IO" for c in s[:3]) or not s[3:6].isdigit():
        return False
    vals = [NHI_LETTERS.index(c) + 1 for c in s[:3]] + [int(c) for c in s[3:6]]
    if s[6].isdigit():
        total = sum(v * w for v, w in zip(vals, [7, 6, 5, 4, 3, 2]))
        r = total % 11
        if r == 0:
            return False
        check = (11 - r) % 10
        return check == int(s[6])
    return False


def ird_number(rng):
    while True:
        base = rng.randrange(1_000_000, 14_999_999)
        digits = [int(c) for c in f"{base:08d}"]
        r = sum(d * w for d, w in zip(digits, [3, 2, 7, 6, 5, 4, 3, 2])) % 11
        check = 0 if r == 0 else 11 - r
        if check == 10:
            continue
        n = f"{base}{check}"
        if len(n) == 8:
            return f"{n[:2]}-{n[2:5]}-{n[5:]}"
        return f"{n[:3]}-{n[3:6]}-{n[6:]}"


# --------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------
def quarter_bounds(q: str):
    y, n = int(q[:4]), int(q[5])
    start = dt.date(y, 3 * n - 2, 1)
    end = dt.date(y + (n == 4), (3 * n) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def rand_date(rng, a: dt.date, b: dt.date) -> dt.date:
    return a + dt.timedelta(days=rng.randrange((b - a).days + 1))


def phone(rng):
    kind = rng.random()
    if kind < 0.55:
        return f"02{rng.choice('127')} {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}"
    if kind < 0.7:
        return f"+64 2{rng.choice('17')} {rng.randrange(100, 999)} {rng.randrange(100, 999)}"
    if kind < 0.85:
        return f"(0{rng.choice('3679')}) {rng.randrange(200, 999)} {rng.randrange(1000, 9999)}"
    return f"02{rng.choice('27')}{rng.randrange(1000000, 9999999)}"


def make_people(layout_id, n, quarter, *, mix="maori", age=(18, 70), n_invalid=None,
                kinds=("noid", "impossible", "future"), nhi_rate=0.85, ref=lambda i: f"C{i:04d}",
                programmes=("Whānau Ora",), blank_dob_with_nhi=0.0, seed_extra=""):
    rng = random.Random(f"ninth-{layout_id}-{seed_extra}")
    qs, qe = quarter_bounds(quarter)
    people = []
    pools = {"maori": [("maori", .7), ("general", .15), ("pasifika", .15)],
             "pasifika": [("pasifika", .75), ("maori", .15), ("general", .10)],
             "general": [("general", .6), ("maori", .28), ("pasifika", .12)]}[mix]
    for i in range(n):
        r, acc, grp = rng.random(), 0.0, pools[-1][0]
        for g, w in pools:
            acc += w
            if r < acc:
                grp = g
                break
        givens, fams = NAMES[grp]
        given = rng.choice(givens)
        if rng.random() < 0.25:
            given += " " + rng.choice(MIDDLE)
        family = rng.choice(fams)
        if rng.random() < 0.06:
            family = f"{family}-{rng.choice(NAMES[rng.choice(list(NAMES))][1])}"
        if grp == "maori":
            eth = [21] + ([11] if rng.random() < 0.3 else []) + ([rng.choice([31, 32])] if rng.random() < 0.1 else [])
        elif grp == "pasifika":
            eth = [rng.choice([31, 31, 33, 33, 32, 34, 35, 36])] + ([21] if rng.random() < 0.2 else []) + (
                [11] if rng.random() < 0.1 else [])
        else:
            eth = [rng.choice([11, 11, 11, 12, 41, 42, 43, 51, 52, 53, 61])] + ([21] if rng.random() < 0.15 else [])
        eth = list(dict.fromkeys(eth))
        iwi = []
        if 21 in eth and rng.random() < 0.85:
            iwi = rng.sample(IWI, rng.choice([1, 1, 1, 2, 2, 3]))
        g = rng.random()
        gender = "F" if g < 0.56 else ("M" if g < 0.96 else "X")
        dob = rand_date(rng, dt.date(qs.year - age[1], 1, 1), dt.date(qs.year - age[0], 6, 30))
        place = rng.choice(PLACES)
        street = f"{rng.randrange(1, 240)}{rng.choice(['', '', '', 'A', 'B'])} {rng.choice(STREETS)}"
        if rng.random() < 0.12:
            street = f"Flat {rng.randrange(1, 9)}, " + street
        svc = rand_date(rng, qs, qe)
        start = rand_date(rng, qs - dt.timedelta(days=rng.choice([20, 90, 300])), svc)
        ws = rng.randint(2, 7)
        we = max(1, min(10, ws + rng.choice([-1, 0, 1, 1, 2, 2, 3])))
        cg_given, cg_family = rng.choice(NAMES[grp][0]), (family if rng.random() < .6 else rng.choice(NAMES[grp][1]))
        p = dict(
            i=i, grp=grp, given=given, family=family, dob=dob, dob_impossible=False,
            nhi=nhi_old(rng) if rng.random() < nhi_rate else "", ird=ird_number(rng),
            client_ref=ref(i) if callable(ref) else ref[i],
            street=street, suburb=place[0], town=place[1], postcode=place[2],
            phone=phone(rng) if rng.random() < 0.9 else "",
            eth=eth, iwi=iwi, gender=gender,
            consent=rng.choice([True, True, True, False, None]) if rng.random() < .95 else None,
            programme=rng.choice(programmes), referral=rng.choice(REFERRALS),
            start=start, service=svc, sessions=rng.randint(1, 12),
            outcome=rng.choice([0, 1, 1, 2, 2, 2, 3]),
            wb_start=ws, wb_end=we, key_worker=rng.choice(STAFF),
            caregiver=f"{cg_given.split()[0]} {cg_family}", relation=rng.choice(RELATION),
            rng=random.Random(f"{layout_id}-{seed_extra}-{i}"),
        )
        p["email"] = (f"{given.split()[0].lower()}.{family.split()[0].lower().replace(chr(39), '')}"
                      f"{rng.randrange(1, 99)}@{rng.choice(['gmail.com', 'xtra.co.nz', 'hotmail.com', 'outlook.co.nz'])}"
                      if rng.random() < 0.7 else "")
        p["email"] = strip_macrons(p["email"]).encode("ascii", "ignore").decode()
        p["notes"] = "; ".join(
            b.format(given=given.split()[0], cg=p["caregiver"], phone=p["phone"] or "mobile",
                     street=street) for b in rng.sample(NOTE_BITS, rng.choice([1, 1, 2])))
        if rng.random() < 0.08:
            p["notes"] = ""
        people.append(p)
    # deliberate invalid rows
    if n_invalid is None:
        n_invalid = rng.choice([0, 1, 2, 3, 2, 1])
    for p in rng.sample(people, n_invalid):
        kind = rng.choice(kinds)
        p["invalid"] = kind
        if kind == "noid":
            p["given"] = p["family"] = p["nhi"] = ""
        elif kind == "impossible":
            p["dob"], p["dob_impossible"], p["nhi"] = None, True, ""
        elif kind == "future":
            p["dob"], p["nhi"] = dt.date(2027, rng.randint(1, 12), rng.randint(1, 28)), ""
    if blank_dob_with_nhi:
        for p in people:
            if "invalid" not in p and p["nhi"] and rng.random() < blank_dob_with_nhi:
                p["dob"] = None
    return people


# --------------------------------------------------------------------------------------
# Value helpers
# --------------------------------------------------------------------------------------
def full_given_family(p, upper_family=True):
    if not p["given"] and not p["family"]:
        return ""
    return f"{p['given']} {p['family'].upper() if upper_family else p['family']}"


def full_family_given(p, upper=True):
    if not p["given"] and not p["family"]:
        return ""
    return f"{p['family'].upper() if upper else p['family']}, {p['given']}"


def eth_labels(p, sep):
    return sep.join(ETH_LABEL[c] for c in p["eth"])


def eth_codes(p, sep):
    return sep.join(str(c) for c in p["eth"])


def eth_nth(p, n, labels=True):
    if n < len(p["eth"]):
        c = p["eth"][n]
        return ETH_LABEL[c] if labels else c
    return "" if labels else None


def address(p, style=1):
    if style == 1:
        return f"{p['street']}, {p['suburb']}, {p['town']} {p['postcode']}"
    if style == 2:
        return f"{p['street']} {p['suburb']} {p['town']}"
    return f"{p['street']}, {p['suburb']}\u00a0{p['postcode']}"


def gender(p, vocab):
    return vocab[p["gender"]]


def consent(p, yes, no, blank=""):
    return {True: yes, False: no, None: blank}[p["consent"]]


def outcome(p, vocab):
    return vocab[p["outcome"]]


def iwi(p, sep=", "):
    return sep.join(p["iwi"])


# --------------------------------------------------------------------------------------
# Layout definition
# --------------------------------------------------------------------------------------
class Col:
    def __init__(self, header, target, fn, group=None):
        self.header, self.target, self.fn, self.group = header, target, fn, group


def rows_for(cols, people):
    return [[c.fn(p) for c in cols] for p in people]


def is_valid(p, targets) -> bool:
    has_nhi = "nhi" in targets
    has_name = bool({"full_name", "family_name", "given_names"} & targets)
    has_dob = "date_of_birth" in targets
    has_ref = "client_ref" in targets
    if has_nhi and p["nhi"]:
        return True
    name = bool(p["given"] or p["family"])
    if not (has_name and name):
        return False
    if has_dob:
        return p["dob"] is not None and not p["dob_impossible"] and p["dob"] <= dt.date(2026, 12, 6)
    return has_ref and bool(p["client_ref"])


# --------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------
def write_delimited(path, pre_rows, header, data, *, delimiter, encoding, gz=False, sanitize=False):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for r in pre_rows + [header] + data:
        cells = ["" if v is None else str(v) for v in r]
        if sanitize:
            cells = [strip_macrons(c) for c in cells]
        w.writerow(cells)
    raw = buf.getvalue().encode(encoding)
    if gz:
        raw = gzip.compress(raw, mtime=0)
    path.write_bytes(raw)


def xlsx_sheet(ws, pre_rows, cols, data, *, merged=False, vertical_merge=False, date_fmt="dd/mm/yyyy",
               date_cols=()):
    """Write one table; returns 1-based header row."""
    from openpyxl.styles import Font
    r = 1
    for pr in pre_rows:
        for j, v in enumerate(pr):
            if v not in (None, ""):
                ws.cell(row=r, column=j + 1, value=v)
        r += 1
    if merged:
        grow = r
        j = 0
        while j < len(cols):
            g = cols[j].group
            k = j
            while k + 1 < len(cols) and g is not None and cols[k + 1].group == g:
                k += 1
            if g is not None:
                ws.cell(row=grow, column=j + 1, value=g).font = Font(bold=True)
                if k > j:
                    ws.merge_cells(start_row=grow, start_column=j + 1, end_row=grow, end_column=k + 1)
            elif vertical_merge:
                ws.cell(row=grow, column=j + 1, value=cols[j].header).font = Font(bold=True)
                ws.merge_cells(start_row=grow, start_column=j + 1, end_row=grow + 1, end_column=j + 1)
            j = k + 1
        r += 1
    hrow = r
    for j, c in enumerate(cols):
        if merged and vertical_merge and c.group is None:
            continue
        ws.cell(row=hrow, column=j + 1, value=c.header).font = Font(bold=True)
    for i, row in enumerate(data):
        for j, v in enumerate(row):
            if v is None or v == "":
                continue
            cell = ws.cell(row=hrow + 1 + i, column=j + 1, value=v)
            if isinstance(v, dt.date):
                cell.number_format = date_fmt
    return hrow


def write_cover(ws, lines):
    for i, line in enumerate(lines):
        if isinstance(line, (list, tuple)):
            for j, v in enumerate(line):
                ws.cell(row=i + 1, column=j + 1, value=v)
        elif line:
            ws.cell(row=i + 1, column=1, value=line)


def new_workbook():
    from openpyxl import Workbook
    wb = Workbook()
    wb.properties.creator = "provider"
    wb.properties.created = dt.datetime(2026, 10, 3, 9, 0, 0)
    return wb


def write_ods(path, sheets):
    """sheets: list of (name, list_of_rows). Values: str, int, float, date, None."""
    def cell(v):
        if v is None or v == "":
            return "<table:table-cell/>"
        if isinstance(v, dt.date):
            return (f'<table:table-cell office:value-type="date" office:date-value="{v.isoformat()}">'
                    f"<text:p>{v.day:02d}/{v.month:02d}/{v.year}</text:p></table:table-cell>")
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return (f'<table:table-cell office:value-type="float" office:value="{v}">'
                    f"<text:p>{v}</text:p></table:table-cell>")
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'

    body = []
    for name, rows in sheets:
        body.append(f'<table:table table:name="{escape(name)}">')
        width = max((len(r) for r in rows), default=1)
        body.append(f'<table:table-column table:number-columns-repeated="{width}"/>')
        for r in rows:
            body.append("<table:table-row>" + ("".join(cell(v) for v in r) or "<table:table-cell/>")
                        + "</table:table-row>")
        body.append("</table:table>")
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ns} office:version="1.2">'
               f"<office:body><office:spreadsheet>{''.join(body)}</office:spreadsheet></office:body>"
               f"</office:document-content>")
    styles = f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {ns} office:version="1.2"/>'
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as z:
        def add(name, data, compress=zipfile.ZIP_DEFLATED):
            zi = zipfile.ZipInfo(name, date_time=(2026, 10, 3, 9, 0, 0))
            zi.compress_type = compress
            z.writestr(zi, data)
        add("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        add("META-INF/manifest.xml", manifest)
        add("content.xml", content)
        add("styles.xml", styles)


# --------------------------------------------------------------------------------------
# Truth helpers
# --------------------------------------------------------------------------------------
def col_truth(cols, sanitize=False):
    return [{"index": j, "header": strip_macrons(c.header) if sanitize else c.header,
             "group": (strip_macrons(c.group) if sanitize and c.group else c.group), "target": c.target}
            for j, c in enumerate(cols)]


def file_truth(name, fmt, encoding, delimiter, tables, valid):
    return {"name": name, "format": fmt, "encoding": encoding, "delimiter": delimiter,
            "rows": sum(t["rows"] for t in tables), "valid_rows": valid, "tables": tables}


def targets_of(cols):
    return {c.target for c in cols if c.target}


def n_valid(cols, people):
    t = targets_of(cols)
    return sum(is_valid(p, t) for p in people)


def simple_delimited(d, name, fmt, cols, people, *, delimiter, encoding, pre_rows=(), gz=False,
                     sanitize=False):
    pre = [list(r) for r in pre_rows]
    write_delimited(d / name, pre, [c.header for c in cols], rows_for(cols, people), delimiter=delimiter,
                    encoding=encoding, gz=gz, sanitize=sanitize)
    tables = [{"sheet": None, "header_row": len(pre) + 1, "rows": len(people),
               "columns": col_truth(cols, sanitize)}]
    return file_truth(name, fmt, encoding, delimiter, tables, n_valid(cols, people))


# --------------------------------------------------------------------------------------
# The twenty layouts
# --------------------------------------------------------------------------------------
def L01(d, lid, q):
    """Whanau ora, te reo headers, no client reference, 'Given FAMILY' names."""
    people = make_people(lid, 96, q, mix="maori", age=(1, 82), nhi_rate=0.8,
                         programmes=("Whānau Ora navigation", "Mahi ngātahi", "Hauora tinana", "Kai and kāinga"))
    cols = [
        Col("Ingoa", "full_name", full_given_family),
        Col("Rā whānau", "date_of_birth", lambda p: fmt_dob(p, "dmy")),
        Col("NHI", "nhi", lambda p: p["nhi"]),
        Col("Ira", "gender", lambda p: gender(p, {"F": "Wahine", "M": "Tāne", "X": "Ira kē"})),
        Col("Mātāwaka", "ethnicity", lambda p: eth_labels(p, "; ")),
        Col("Iwi", "iwi", iwi),
        Col("Whānau contact", "caregiver_name", lambda p: p["caregiver"]),
        Col("Hononga", None, lambda p: p["relation"]),
        Col("Kaimahi", "key_worker", lambda p: p["key_worker"]),
        Col("Rā tīmata", "start_date", lambda p: fmt_date(p["start"], "dmy")),
        Col("Rā toro whakamutunga", "service_date", lambda p: fmt_date(p["service"], "dmy")),
        Col("Whakaaetanga", "consent_evaluation", lambda p: consent(p, "Āe", "Kāo")),
        Col("Oranga i te tīmatanga", "wellbeing_start", lambda p: p["wb_start"]),
        Col("Oranga i te mutunga", "wellbeing_end", lambda p: p["wb_end"]),
        Col("Hōtaka", "programme", lambda p: p["programme"]),
        Col("Kōrero", "case_notes", lambda p: p["notes"]),
    ]
    f = simple_delimited(d, "TePunaOra_Q3_2026.csv", "csv", cols, people, delimiter=",", encoding="utf-8")
    return "te-puna-ora-trust", ["te reo headers", "no client reference", "Given FAMILY names", "d/m/yyyy dates",
                                 "ethnicity labels ;-separated", "relationship column unmapped"], [f]


def L02(d, lid, q):
    """Parenting programme; cp1252 semicolon CSV with title rows and a blank row."""
    people = make_people(lid, 74, q, mix="general", age=(17, 52), nhi_rate=0,
                         ref=lambda i: f"KP-{410 + i * 3:04d}",
                         programmes=("Incredible Years", "Toolbox", "Triple P", "Mana Tāne"))
    cols = [
        Col("Client No.", "client_ref", lambda p: p["client_ref"]),
        Col("Surname", "family_name", lambda p: p["family"]),
        Col("First Names", "given_names", lambda p: p["given"]),
        Col("D.O.B.", "date_of_birth", lambda p: fmt_dob(p, "dd.mm.yyyy")),
        Col("Sex", "gender", lambda p: gender(p, {"F": "F", "M": "M", "X": "U"})),
        Col("Ethnicity 1", "ethnicity", lambda p: eth_nth(p, 0)),
        Col("Ethnicity 2", "ethnicity", lambda p: eth_nth(p, 1)),
        Col("Ethnicity 3", "ethnicity", lambda p: eth_nth(p, 2)),
        Col("Address", "address", lambda p: address(p, 1)),
        Col("Ph", "phone", lambda p: p["phone"]),
        Col("Referred By", "referral_source", lambda p: p["referral"]),
        Col("Course", "programme", lambda p: p["programme"]),
        Col("Venue", None, lambda p: ["Castlecliff Hall", "Trust office", "Marae", "Online"][p["i"] % 4]),
        Col("Date Started", "start_date", lambda p: fmt_date(p["start"], "dd/mm/yyyy")),
        Col("Last Attended", "service_date", lambda p: fmt_date(p["service"], "dd/mm/yyyy")),
        Col("Sessions", "sessions_attended", lambda p: p["sessions"]),
        Col("Goal Status", "outcome_status", lambda p: outcome(p, ["Not met", "Partly met", "Met", "Met"])),
        Col("Creche Req'd", None, lambda p: "Y" if p["i"] % 3 == 0 else "N"),
        Col("Consent to Eval", "consent_evaluation", lambda p: consent(p, "Y", "N")),
        Col("Facilitator", "key_worker", lambda p: p["key_worker"]),
    ]
    pre = [["Kaiawhina Parenting Trust – Quarterly Client Return"],
           ["Period: 1 July 2026 to 30 September 2026"], []]
    f = simple_delimited(d, "Client return Q3.csv", "csv", cols, people, delimiter=";", encoding="cp1252",
                         pre_rows=pre, sanitize=True)
    return "kaiawhina-parenting-whanganui", ["cp1252", "semicolon", "two title rows and a blank row",
                                             "separate surname/first names", "dd.mm.yyyy DOB",
                                             "Ethnicity 1..3 labels", "Y/N consent", "Y/N creche column unmapped"], [f]


def L03(d, lid, q):
    """xlsx with title row and two-row merged headers; split address; ungrouped headers merged vertically."""
    people = make_people(lid, 120, q, mix="maori", age=(16, 75), nhi_rate=0, ref=lambda i: 3100 + i,
                         programmes=("Whānau Ora", "Kaupapa Māori parenting", "Rangatahi"))
    cols = [
        Col("Client ID", "client_ref", lambda p: p["client_ref"]),
        Col("Last name", "family_name", lambda p: p["family"], "Client"),
        Col("First name", "given_names", lambda p: p["given"], "Client"),
        Col("DOB", "date_of_birth", lambda p: fmt_dob(p, "xl"), "Client"),
        Col("Gender", "gender", lambda p: gender(p, {"F": "Female", "M": "Male", "X": "Gender diverse"}), "Client"),
        Col("Street", "address_street", lambda p: p["street"], "Address"),
        Col("Suburb", "address_suburb", lambda p: p["suburb"], "Address"),
        Col("Town/City", "address_town", lambda p: p["town"], "Address"),
        Col("Postcode", "address_postcode", lambda p: p["postcode"], "Address"),
        Col("Phone", "phone", lambda p: p["phone"], "Contact"),
        Col("Email", "email", lambda p: p["email"], "Contact"),
        Col("Start", "wellbeing_start", lambda p: p["wb_start"], "Wellbeing score"),
        Col("End", "wellbeing_end", lambda p: p["wb_end"], "Wellbeing score"),
        Col("First session", "start_date", lambda p: fmt_date(p["start"], "xl"), "Sessions"),
        Col("Last session", "service_date", lambda p: fmt_date(p["service"], "xl"), "Sessions"),
        Col("No. attended", "sessions_attended", lambda p: p["sessions"], "Sessions"),
        Col("Key worker", "key_worker", lambda p: p["key_worker"]),
        Col("Notes", "case_notes", lambda p: p["notes"]),
    ]
    wb = new_workbook()
    ws = wb.active
    ws.title = "Q3 2026"
    hrow = xlsx_sheet(ws, [["Āwhina Whānau Services — Client return Jul–Sep 2026"], []], cols,
                      rows_for(cols, people), merged=True, vertical_merge=True)
    name = "Awhina Q3 2026 return.xlsx"
    wb.save(d / name)
    tables = [{"sheet": "Q3 2026", "header_row": hrow, "rows": len(people), "columns": col_truth(cols)}]
    return "awhina-whanau-services-hastings", [
        "xlsx", "title row", "two-row merged headers", "ungrouped headers merged vertically (text in upper row)",
        "split address", "Start/End under 'Wellbeing score' group", "First/Last session dates", "no NHI"], [
        file_truth(name, "xlsx", "utf-8", None, tables, n_valid(cols, people))]


def L04(d, lid, q):
    """Pasifika provider; cover sheet (with staff email) first, data on sheet 2, lookups on sheet 3."""
    people = make_people(lid, 88, q, mix="pasifika", age=(0, 80), nhi_rate=0.9,
                         ref=lambda i: f"AO/2026/{113 + i:04d}",
                         programmes=("Fanau Ola", "Healthy Homes", "Aiga Wellbeing"))
    rng = random.Random(lid)
    cols = [
        Col("Client reference", "client_ref", lambda p: p["client_ref"]),
        Col("Client full name", "full_name", full_family_given),
        Col("Date of birth", "date_of_birth", lambda p: fmt_dob(p, "xl")),
        Col("NHI number", "nhi", lambda p: p["nhi"]),
        Col("Ethnicity (code)", "ethnicity", lambda p: eth_codes(p, ";")),
        Col("Gender", "gender", lambda p: gender(p, {"F": "Female", "M": "Male", "X": "Another gender"})),
        Col("Church / community group", None,
            lambda p: ["EFKS Porirua", "Tongan Methodist", "PIPC", "", "LDS"][p["i"] % 5]),
        Col("Programme", "programme", lambda p: p["programme"]),
        Col("Referral source", "referral_source", lambda p: p["referral"]),
        Col("Consent given?", "consent_evaluation", lambda p: consent(p, "Yes", "No")),
        Col("Date of service", "service_date", lambda p: fmt_date(p["service"], "xl")),
        Col("Number of sessions", "sessions_attended", lambda p: p["sessions"]),
        Col("Outcome at end of quarter", "outcome_status",
            lambda p: outcome(p, ["Not achieved", "Partially achieved", "Achieved", "Achieved"])),
        Col("Navigator", "key_worker", lambda p: p["key_worker"]),
        Col("Language spoken at home", None,
            lambda p: rng.choice(["Samoan", "Tongan", "English", "Cook Islands Māori", "Niuean"])),
    ]
    wb = new_workbook()
    cover = wb.active
    cover.title = "Instructions"
    write_cover(cover, [
        "Aiga Ola Pasifika Trust — quarterly reporting workbook", "",
        "1. Enter one row per client on the 'Client data' sheet.",
        "2. Use the codes on the 'Lists' sheet for ethnicity.",
        "3. Do not change the column headings.", "",
        ["Contact:", "Losa Faleolo, data coordinator"],
        ["Email:", "losa.faleolo@aigaola.org.nz"],
        ["Phone:", "04 237 5512"],
    ])
    ws = wb.create_sheet("Client data")
    hrow = xlsx_sheet(ws, [], cols, rows_for(cols, people))
    lists = wb.create_sheet("Lists")
    lists.append(["Code", "Ethnicity", "", "Programme"])
    progs = ["Fanau Ola", "Healthy Homes", "Aiga Wellbeing"]
    for k, (c, lab) in enumerate(ETH_LABEL.items()):
        lists.append([c, lab, None, progs[k] if k < len(progs) else None])
    name = "AigaOla_Q3_2026.xlsx"
    wb.save(d / name)
    tables = [{"sheet": "Client data", "header_row": hrow, "rows": len(people), "columns": col_truth(cols)}]
    return "aiga-ola-pasifika-trust", ["xlsx", "cover sheet with staff email", "data on sheet 2",
                                       "lookup sheet 3", "FAMILY, Given names", "ethnicity codes ;-separated",
                                       "church and language columns unmapped"], [
        file_truth(name, "xlsx", "utf-8", None, tables, n_valid(cols, people))]


def L05(d, lid, q):
    """Youth service database export: utf-16 TSV, database-style column names."""
    people = make_people(lid, 140, q, mix="maori", age=(12, 24), nhi_rate=0.75, ref=lambda i: 20417 + i * 7,
                         programmes=("YSL", "MENT", "ALT-ED", "WERO"), blank_dob_with_nhi=0.05)
    rng = random.Random(lid + "x")
    ref_codes = {"Self": "SELF", "Whānau": "WHAN", "GP": "GP", "School": "SCH", "Oranga Tamariki": "OT",
                 "Police": "POL", "Work and Income": "MSD", "Corrections": "CORR", "Plunket": "PLK",
                 "Kāinga Ora": "KO", "Hospital social worker": "HOSP", "Church": "CHR",
                 "Family Court": "FC", "Friend": "FRND"}
    cols = [
        Col("cl_id", "client_ref", lambda p: p["client_ref"]),
        Col("cl_fname", "given_names", lambda p: p["given"]),
        Col("cl_sname", "family_name", lambda p: p["family"]),
        Col("cl_dob", "date_of_birth", lambda p: fmt_dob(p, "iso")),
        Col("cl_nhi", "nhi", lambda p: p["nhi"]),
        Col("cl_eth_cd", "ethnicity", lambda p: eth_codes(p, ";")),
        Col("cl_gender_cd", "gender", lambda p: gender(p, {"F": "2", "M": "1", "X": "3"})),
        Col("cl_iwi", "iwi", lambda p: iwi(p, ";")),
        Col("cl_ph", "phone", lambda p: p["phone"]),
        Col("cl_email", "email", lambda p: p["email"]),
        Col("cg_name", "caregiver_name", lambda p: p["caregiver"]),
        Col("cg_rel", None, lambda p: p["relation"]),
        Col("ref_src_cd", "referral_source", lambda p: ref_codes[p["referral"]]),
        Col("prog_cd", "programme", lambda p: p["programme"]),
        Col("intake_dt", "start_date", lambda p: fmt_date(p["start"], "iso")),
        Col("svc_last_dt", "service_date", lambda p: fmt_datetime(p["service"], p["rng"], "iso_space")),
        Col("sess_cnt", "sessions_attended", lambda p: p["sessions"]),
        Col("wb_pre", "wellbeing_start", lambda p: p["wb_start"]),
        Col("wb_post", "wellbeing_end", lambda p: p["wb_end"]),
        Col("goal_stat", "outcome_status", lambda p: outcome(p, ["NOT", "PART", "ACH", "ACH"])),
        Col("kw_usr", "key_worker", lambda p: p["key_worker"].split()[0][0].lower() + p["key_worker"].split()[-1].lower().replace("'", "")),
        Col("eval_ok", "consent_evaluation", lambda p: consent(p, "1", "0")),
        Col("rec_upd_ts", None, lambda p: fmt_datetime(dt.date(2026, 10, rng.randint(1, 9)), rng, "iso_space")),
        Col("notes_txt", "case_notes", lambda p: p["notes"]),
    ]
    f = simple_delimited(d, "export_clients_2026q3.tsv", "tsv", cols, people, delimiter="\t", encoding="utf-16")
    return "rangatahi-connect-porirua", ["utf-16", "tab", "database-style names", "gender 2021 codes 1/2/3",
                                         "ISO dates, service date with time", "referral codes",
                                         "key worker as username", "record-updated timestamp unmapped",
                                         "some rows NHI without DOB"], [f]


def L06(d, lid, q):
    """Family-violence service; gzip CSV with BOM."""
    people = make_people(lid, 64, q, mix="general", age=(18, 65), nhi_rate=0, ref=lambda i: f"FV{26000 + i * 11}",
                         programmes=("Safety programme", "Court support", "Whānau advocacy", "Tamariki programme"))
    cols = [
        Col("Case ID", "client_ref", lambda p: p["client_ref"]),
        Col("Client Name", "full_name", full_given_family),
        Col("DOB", "date_of_birth", lambda p: fmt_dob(p, "iso")),
        Col("Ethnicity", "ethnicity", lambda p: eth_labels(p, "/")),
        Col("Gender", "gender", lambda p: gender(p, {"F": "Woman", "M": "Man", "X": "Non-binary"})),
        Col("Children in care (#)", None, lambda p: p["i"] % 4),
        Col("Safe contact number", "phone", lambda p: p["phone"]),
        Col("Safe to leave msg", None, lambda p: "N" if p["i"] % 3 == 0 else "Y"),
        Col("Referral from", "referral_source", lambda p: p["referral"]),
        Col("Service type", "programme", lambda p: p["programme"]),
        Col("Intake date", "start_date", lambda p: fmt_date(p["start"], "iso")),
        Col("Most recent contact", "service_date", lambda p: fmt_date(p["service"], "iso")),
        Col("Contacts this qtr", "sessions_attended", lambda p: p["sessions"]),
        Col("Risk level", None, lambda p: ["High", "Medium", "Low", "Medium"][p["i"] % 4]),
        Col("Goals progress", "outcome_status",
            lambda p: outcome(p, ["No progress", "Some progress", "Goals achieved", "Goals achieved"])),
        Col("Advocate", "key_worker", lambda p: p["key_worker"]),
        Col("Consent - evaluation", "consent_evaluation", lambda p: consent(p, "Y", "N")),
        Col("Case notes", "case_notes", lambda p: p["notes"]),
    ]
    f = simple_delimited(d, "ruruhau_2026Q3.csv.gz", "csv.gz", cols, people, delimiter=",", encoding="utf-8-sig",
                         gz=True)
    return "ruruhau-safe-whanau-trust", ["gzip", "utf-8 BOM", "ISO dates", "ethnicity labels /-separated",
                                         "count, Y/N and risk columns unmapped", "Given FAMILY names"], [f]


def L07(d, lid, q):
    """JSON list of records from a cloud case-management system; camelCase keys."""
    people = make_people(lid, 110, q, mix="maori", age=(2, 80), nhi_rate=0.85, ref=lambda i: f"kh-{5000 + i * 13}",
                         programmes=("Whānau Ora", "Mauri Ora", "Tū Ora"))
    cols = [
        Col("clientId", "client_ref", lambda p: p["client_ref"]),
        Col("firstName", "given_names", lambda p: p["given"] or None),
        Col("lastName", "family_name", lambda p: p["family"] or None),
        Col("dateOfBirth", "date_of_birth", lambda p: fmt_dob(p, "iso") or None),
        Col("nhi", "nhi", lambda p: p["nhi"] or None),
        Col("gender", "gender", lambda p: gender(p, {"F": "female", "M": "male", "X": "another"})),
        Col("ethnicity", "ethnicity", lambda p: eth_labels(p, ",")),
        Col("iwi", "iwi", lambda p: iwi(p, ", ") or None),
        Col("homeAddress", "address", lambda p: address(p, 1)),
        Col("mobile", "phone", lambda p: p["phone"] or None),
        Col("email", "email", lambda p: p["email"] or None),
        Col("whanauContact", "caregiver_name", lambda p: p["caregiver"]),
        Col("programmeName", "programme", lambda p: p["programme"]),
        Col("referredBy", "referral_source", lambda p: p["referral"]),
        Col("enrolledOn", "start_date", lambda p: fmt_date(p["start"], "iso")),
        Col("lastSeen", "service_date", lambda p: fmt_datetime(p["service"], p["rng"], "iso_tz")),
        Col("sessionCount", "sessions_attended", lambda p: p["sessions"]),
        Col("wellbeingBaseline", "wellbeing_start", lambda p: p["wb_start"]),
        Col("wellbeingLatest", "wellbeing_end", lambda p: p["wb_end"]),
        Col("goalOutcome", "outcome_status", lambda p: outcome(p, ["not_met", "partly_met", "met", "met"])),
        Col("kaiarahi", "key_worker", lambda p: p["key_worker"]),
        Col("consentEval", "consent_evaluation", lambda p: p["consent"]),
        Col("notes", "case_notes", lambda p: p["notes"] or None),
        Col("site", None, lambda p: ["Kaitāia", "Kaikohe", "Kaitāia", "Ahipara"][p["i"] % 4]),
    ]
    records = [{c.header: c.fn(p) for c in cols} for p in people]
    name = "kokiri_q3.json"
    (d / name).write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    tables = [{"sheet": None, "header_row": 1, "rows": len(people), "columns": col_truth(cols)}]
    return "kokiri-hauora-kaitaia", ["json list of records", "camelCase keys", "header_row 1 = record keys",
                                     "index = key order", "consent as JSON booleans", "ISO datetime with offset",
                                     "nulls for missing values"], [
        file_truth(name, "json", "utf-8", None, tables, n_valid(cols, people))]


def L08(d, lid, q):
    """Youth trust ODS; ALL CAPS headers with colons; title and blank row; no client ref."""
    people = make_people(lid, 58, q, mix="general", age=(11, 21), nhi_rate=0.7,
                         programmes=("Mentoring", "Outdoor ed", "Life skills"))
    cols = [
        Col("YOUTH NAME:", "full_name", full_family_given),
        Col("DOB:", "date_of_birth", lambda p: fmt_dob(p, "ods")),
        Col("NHI:", "nhi", lambda p: p["nhi"]),
        Col("GENDER:", "gender", lambda p: gender(p, {"F": "F", "M": "M", "X": "X"})),
        Col("ETHNICITY:", "ethnicity", lambda p: eth_labels(p, ", ")),
        Col("SCHOOL:", None, lambda p: ["James Hargest", "Aurora College", "Verdon", "Southland Boys'", ""][p["i"] % 5]),
        Col("PARENT/CAREGIVER:", "caregiver_name", lambda p: p["caregiver"]),
        Col("PHONE:", "phone", lambda p: p["phone"]),
        Col("REFERRED BY:", "referral_source", lambda p: p["referral"]),
        Col("MENTOR:", "key_worker", lambda p: p["key_worker"]),
        Col("START DATE:", "start_date", lambda p: fmt_date(p["start"], "ods")),
        Col("LAST SESSION:", "service_date", lambda p: fmt_date(p["service"], "ods")),
        Col("NO. SESSIONS:", "sessions_attended", lambda p: p["sessions"]),
        Col("GOAL MET?:", "outcome_status", lambda p: outcome(p, ["No", "Partly", "Yes", "Yes"])),
        Col("CONSENT FORM:", "consent_evaluation", lambda p: consent(p, "Signed", "Declined")),
        Col("COMMENTS:", "case_notes", lambda p: p["notes"]),
    ]
    rows = [["HOPE YOUTH TRUST - Q3 2026 RETURN"], [], [c.header for c in cols]] + rows_for(cols, people)
    name = "HOPE YOUTH Q3.ods"
    write_ods(d / name, [("Q3", rows)])
    tables = [{"sheet": "Q3", "header_row": 3, "rows": len(people), "columns": col_truth(cols)}]
    return "hope-youth-trust-invercargill", ["ods", "ALL CAPS headers with trailing colons", "title row",
                                             "blank row", "no client reference", "FAMILY, Given names",
                                             "outcome as Yes/Partly/No", "consent Signed/Declined"], [
        file_truth(name, "ods", "utf-8", None, tables, n_valid(cols, people))]


def _moana_cols():
    return [
        Col("ID", "client_ref", lambda p: p["client_ref"]),
        Col("Family Name", "family_name", lambda p: p["family"]),
        Col("Given Name", "given_names", lambda p: p["given"]),
        Col("Date Of Birth", "date_of_birth", lambda p: fmt_dob(p, "dmy")),
        Col("Ethnicity", "ethnicity", lambda p: eth_codes(p, "/")),
        Col("Gender", "gender", lambda p: gender(p, {"F": "F", "M": "M", "X": "U"})),
        Col("Village/Island", None, lambda p: ["Savai'i", "Upolu", "Tongatapu", "Vava'u", "Rarotonga", "Niue"][p["i"] % 6]),
        Col("Church", None, lambda p: ["EFKS", "Methodist", "Catholic", "LDS", ""][p["i"] % 5]),
        Col("Phone", "phone", lambda p: p["phone"]),
        Col("Email", "email", lambda p: p["email"]),
        Col("Programme", "programme", lambda p: p["programme"]),
        Col("Referral", "referral_source", lambda p: p["referral"]),
        Col("Start", "start_date", lambda p: fmt_date(p["start"], "dd/mm/yyyy")),
        Col("Last Visit", "service_date", lambda p: fmt_date(p["service"], "dd/mm/yyyy")),
        Col("Visits", "sessions_attended", lambda p: p["sessions"]),
        Col("Outcome", "outcome_status", lambda p: outcome(p, ["Not achieved", "In progress", "Achieved", "Achieved"])),
        Col("Worker", "key_worker", lambda p: p["key_worker"]),
        Col("Consent", "consent_evaluation", lambda p: consent(p, "Yes", "No")),
    ]


def L09(d, lid, q):
    """Pasifika family trust; return split into two pipe-delimited part files."""
    files = []
    for part, n in ((1, 80), (2, 66)):
        people = make_people(lid, n, q, mix="pasifika", age=(0, 78), nhi_rate=0, seed_extra=f"p{part}",
                             ref=lambda i, part=part: f"M{part}{i:03d}",
                             programmes=("Family Start", "Aiga Ola", "Budgeting"))
        files.append(simple_delimited(d, f"moana_q3_part{part}.csv", "csv", _moana_cols(), people,
                                      delimiter="|", encoding="utf-8"))
    return "moana-fanau-trust", ["two part files (part1, part2)", "pipe delimiter",
                                 "ethnicity level-2 codes /-separated", "village and church unmapped"], files


def L10(d, lid, q):
    """Budgeting service; data on sheet 3 with a title row; asterisks for required fields; IRD."""
    people = make_people(lid, 102, q, mix="general", age=(18, 80), nhi_rate=0,
                         programmes=("Budget advice", "MoneyMates", "Debt solutions", "KiwiSaver hardship"))
    rng = random.Random(lid)
    cols = [
        Col("Client Name*", "full_name", lambda p: full_given_family(p, upper_family=False)),
        Col("Date of Birth*", "date_of_birth", lambda p: fmt_dob(p, "xl")),
        Col("IRD number", "ird", lambda p: p["ird"] if p["i"] % 5 else ""),
        Col("Household size", None, lambda p: rng.randint(1, 8)),
        Col("Income source", None, lambda p: rng.choice(["Wages", "Jobseeker", "Sole Parent", "NZ Super", "Supported Living"])),
        Col("Address", "address", lambda p: address(p, 2)),
        Col("Phone no.", "phone", lambda p: p["phone"]),
        Col("Email address", "email", lambda p: p["email"]),
        Col("Ethnicity*", "ethnicity", lambda p: eth_labels(p, ", ")),
        Col("Gender", "gender", lambda p: gender(p, {"F": "F", "M": "M", "X": "Other"})),
        Col("Referred by", "referral_source", lambda p: p["referral"]),
        Col("Service", "programme", lambda p: p["programme"]),
        Col("Appointment date*", "service_date", lambda p: fmt_date(p["service"], "xl")),
        Col("Sessions (#)", "sessions_attended", lambda p: p["sessions"]),
        Col("Debt total ($)", None, lambda p: round(rng.uniform(0, 25000), 2)),
        Col("Outcome", "outcome_status",
            lambda p: outcome(p, ["Not achieved", "Partially achieved", "Achieved", "Achieved"])),
        Col("Budget adviser", "key_worker", lambda p: p["key_worker"]),
        Col("Consent (Y/N)", "consent_evaluation", lambda p: consent(p, "Y", "N")),
        Col("Adviser notes", "case_notes", lambda p: p["notes"]),
    ]
    wb = new_workbook()
    cover = wb.active
    cover.title = "Read me"
    write_cover(cover, ["Ōtautahi Budget Services – quarterly statistics", "",
                        "Fields marked * are required.", "Dates as dd/mm/yyyy.",
                        "Questions to: admin@otautahibudget.org.nz or ring Helen on 03 366 1234"])
    codes = wb.create_sheet("Codes")
    codes.append(["Outcome", "Meaning"])
    for o, m in (("Achieved", "Goal met"), ("Partially achieved", "Some progress"), ("Not achieved", "No progress")):
        codes.append([o, m])
    ws = wb.create_sheet("Clients Q3")
    hrow = xlsx_sheet(ws, [["Client activity 1 July – 30 September 2026"]], cols, rows_for(cols, people))
    name = "OBS stats Q3 2026.xlsx"
    wb.save(d / name)
    tables = [{"sheet": "Clients Q3", "header_row": hrow, "rows": len(people), "columns": col_truth(cols)}]
    return "otautahi-budget-services", ["xlsx", "data on sheet 3", "cover sheet with staff email", "codes sheet",
                                        "title row", "headers with asterisks and units", "IRD", "no client reference",
                                        "no NHI", "money and household columns unmapped"], [
        file_truth(name, "xlsx", "utf-8", None, tables, n_valid(cols, people))]


def L11(d, lid, q):
    """Family-violence service; cp1252 CSV; no DOB column but NHI; 'SURNAME, First'; d-Mon-yy dates."""
    people = make_people(lid, 52, q, mix="maori", age=(18, 60), nhi_rate=0.8, kinds=("noid",),
                         ref=lambda i: f"{2600 + i}", programmes=("Safe Whānau", "Stopping Violence", "Kōrero Tahi"))
    rng = random.Random(lid)
    cols = [
        Col("Case #", "client_ref", lambda p: p["client_ref"]),
        Col("Name (SURNAME, First)", "full_name", full_family_given),
        Col("NHI No", "nhi", lambda p: p["nhi"]),
        Col("Age", None, lambda p: rng.randint(18, 60)),
        Col("Ethnic group", "ethnicity", lambda p: ETH_LABEL[p["eth"][0]]),
        Col("M/F", "gender", lambda p: gender(p, {"F": "F", "M": "M", "X": ""})),
        Col("Referrer", "referral_source", lambda p: p["referral"]),
        Col("Programme stream", "programme", lambda p: p["programme"]),
        Col("Date opened", "start_date", lambda p: fmt_date(p["start"], "d-Mon-yy")),
        Col("Date of last contact", "service_date", lambda p: fmt_date(p["service"], "d-Mon-yy")),
        Col("# contacts", "sessions_attended", lambda p: p["sessions"]),
        Col("Protection Order (Y/N)", None, lambda p: "Y" if p["i"] % 4 == 0 else "N"),
        Col("Consent to evaluation", "consent_evaluation", lambda p: consent(p, "Y", "N")),
        Col("Outcome", "outcome_status", lambda p: outcome(p, ["Not met", "Partially met", "Met", "Met"])),
        Col("Social worker", "key_worker", lambda p: p["key_worker"]),
        Col("Notes", "case_notes", lambda p: p["notes"]),
    ]
    f = simple_delimited(d, "WhareTiaki Q3 2026.csv", "csv", cols, people, delimiter=",", encoding="cp1252",
                         sanitize=True)
    return "whare-tiaki-wairarapa", ["cp1252", "no DOB column (NHI or name + case number)", "SURNAME, First",
                                     "d-Mon-yy dates", "age and protection-order columns unmapped"], [f]


def L12(d, lid, q):
    """Youth service xlsx with raw Excel serial numbers for dates; tick consent."""
    people = make_people(lid, 67, q, mix="maori", age=(12, 24), nhi_rate=0, ref=lambda i: f"TTY-{81 + i:04d}",
                         programmes=("Rangatahi mentoring", "Kura support", "Mahi ready"))
    cols = [
        Col("Yth ID", "client_ref", lambda p: p["client_ref"]),
        Col("Name", "full_name", lambda p: full_given_family(p, upper_family=False)),
        Col("Bday", "date_of_birth", lambda p: fmt_dob(p, "serial")),
        Col("Gender", "gender", lambda p: gender(p, {"F": "Female", "M": "Male", "X": "Non-binary"})),
        Col("Iwi", "iwi", iwi),
        Col("Ethnicity", "ethnicity", lambda p: eth_labels(p, "; ")),
        Col("School/Kura", None, lambda p: ["Kaitāia College", "Te Kura Kaupapa o Te Rangi Āniwaniwa", "Okaihau College",
                                             "Bay of Islands College", "Not enrolled"][p["i"] % 5]),
        Col("Phone (mobile)", "phone", lambda p: p["phone"]),
        Col("Email", "email", lambda p: p["email"]),
        Col("Parent/Caregiver", "caregiver_name", lambda p: p["caregiver"]),
        Col("Enrolled", "start_date", lambda p: fmt_date(p["start"], "serial")),
        Col("Last contact", "service_date", lambda p: fmt_date(p["service"], "serial")),
        Col("Hui attended", "sessions_attended", lambda p: p["sessions"]),
        Col("Youth worker", "key_worker", lambda p: p["key_worker"]),
        Col("Consent ✓", "consent_evaluation", lambda p: consent(p, "✓", "", "")),
        Col("Notes", "case_notes", lambda p: p["notes"]),
    ]
    wb = new_workbook()
    ws = wb.active
    ws.title = "Youth"
    hrow = xlsx_sheet(ws, [], cols, rows_for(cols, people))
    name = "TTYS_Q2_2026.xlsx"
    wb.save(d / name)
    tables = [{"sheet": "Youth", "header_row": hrow, "rows": len(people), "columns": col_truth(cols)}]
    return "tai-tokerau-youth-services", ["xlsx", "dates as raw Excel serial numbers (General format)",
                                          "consent as tick", "quarter 2026Q2", "school column unmapped",
                                          "no NHI"], [
        file_truth(name, "xlsx", "utf-8", None, tables, n_valid(cols, people))]


def L13(d, lid, q):
    """Whanau ora collective; cover sheet then one data sheet per site with different column orders."""
    base = {
        "id": Col("Whānau ID", "client_ref", lambda p: p["client_ref"]),
        "sn": Col("Surname", "family_name", lambda p: p["family"]),
        "fn": Col("First name", "given_names", lambda p: p["given"]),
        "dob": Col("DOB", "date_of_birth", lambda p: fmt_dob(p, "xl")),
        "nhi": Col("NHI", "nhi", lambda p: p["nhi"]),
        "e1": Col("Ethnicity 1", "ethnicity", lambda p: eth_nth(p, 0)),
        "e2": Col("Ethnicity 2", "ethnicity", lambda p: eth_nth(p, 1)),
        "iwi": Col("Iwi affiliation", "iwi", iwi),
        "g": Col("Gender", "gender", lambda p: gender(p, {"F": "Wahine", "M": "Tane", "X": "Other"})),
        "kw": Col("Kaimahi", "key_worker", lambda p: p["key_worker"]),
        "sd": Col("Start date", "start_date", lambda p: fmt_date(p["start"], "xl")),
        "lc": Col("Last contact date", "service_date", lambda p: fmt_date(p["service"], "xl")),
        "n": Col("Contacts", "sessions_attended", lambda p: p["sessions"]),
        "ws": Col("Wellbeing (start)", "wellbeing_start", lambda p: p["wb_start"]),
        "we": Col("Wellbeing (end)", "wellbeing_end", lambda p: p["wb_end"]),
        "o": Col("Goal progress", "outcome_status", lambda p: outcome(p, ["Not yet", "Some", "Achieved", "Achieved"])),
        "c": Col("Consent", "consent_evaluation", lambda p: consent(p, "Y", "N")),
    }
    order1 = ["id", "sn", "fn", "dob", "nhi", "e1", "e2", "iwi", "g", "kw", "sd", "lc", "n", "ws", "we", "o", "c"]
    order2 = ["nhi", "id", "fn", "sn", "g", "dob", "iwi", "e1", "e2", "sd", "lc", "n", "o", "ws", "we", "c", "kw"]
    p1 = make_people(lid, 70, q, mix="maori", age=(0, 85), nhi_rate=0.85, ref=lambda i: f"POR{i + 1:03d}",
                     programmes=("Whānau Ora",), seed_extra="por")
    p2 = make_people(lid, 48, q, mix="maori", age=(0, 85), nhi_rate=0.85, ref=lambda i: f"KAP{i + 1:03d}",
                     programmes=("Whānau Ora",), seed_extra="kap")
    wb = new_workbook()
    cover = wb.active
    cover.title = "Cover"
    write_cover(cover, ["Kāpiti–Porirua Whānau Ora Collective", "Quarterly return: July to September 2026", "",
                        "Each site has its own sheet. Please don't add columns.",
                        "Send to: reporting@kpwoc.org.nz  (Anahera)"])
    tables, valid = [], 0
    for sheet, order, people, pre in (("Porirua", order1, p1, []),
                                      ("Kāpiti", order2, p2, [["Kāpiti site – Q3 2026"], []])):
        cols = [base[k] for k in order]
        ws = wb.create_sheet(sheet)
        hrow = xlsx_sheet(ws, pre, cols, rows_for(cols, people), date_fmt="d-mmm-yyyy")
        tables.append({"sheet": sheet, "header_row": hrow, "rows": len(people), "columns": col_truth(cols)})
        valid += n_valid(cols, people)
    name = "KPWOC Q3 return.xlsx"
    wb.save(d / name)
    return "kapiti-porirua-whanau-ora", ["xlsx", "cover sheet with email", "two data sheets (one per site)",
                                         "different column order per sheet", "title and blank row on second sheet",
                                         "Ethnicity 1..2", "gender Wahine/Tane"], [
        file_truth(name, "xlsx", "utf-8", None, tables, valid)]


def L14(d, lid, q):
    """Parenting collective; semicolon CSV with BOM; no service date (intake only); child columns unmapped."""
    people = make_people(lid, 45, q, mix="general", age=(17, 48), nhi_rate=0,
                         programmes=("Circle of Security", "Incredible Years", "Positive Parenting"))
    rng = random.Random(lid)
    cols = [
        Col("Parent surname*", "family_name", lambda p: p["family"]),
        Col("Parent first name*", "given_names", lambda p: p["given"]),
        Col("Parent DOB*", "date_of_birth", lambda p: fmt_dob(p, "dd-Mon-yyyy")),
        Col("Child's first name", None, lambda p: rng.choice(NAMES[p["grp"]][0]).split()[0]),
        Col("Child DOB", None, lambda p: fmt_date(dt.date(rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)), "dd-Mon-yyyy")),
        Col("Ethnicity", "ethnicity", lambda p: eth_codes(p, ",")),
        Col("Gender", "gender", lambda p: gender(p, {"F": "F", "M": "M", "X": "X"})),
        Col("Home address", "address", lambda p: address(p, 1)),
        Col("Mobile", "phone", lambda p: p["phone"]),
        Col("Email", "email", lambda p: p["email"]),
        Col("Programme*", "programme", lambda p: p["programme"]),
        Col("Referred from", "referral_source", lambda p: p["referral"]),
        Col("Intake date*", "start_date", lambda p: fmt_date(p["start"], "d-Mon-yy")),
        Col("Sessions attended", "sessions_attended", lambda p: p["sessions"]),
        Col("Pre score", "wellbeing_start", lambda p: p["wb_start"]),
        Col("Post score", "wellbeing_end", lambda p: p["wb_end"]),
        Col("Evaluation consent", "consent_evaluation", lambda p: consent(p, "written", "declined", "verbal")),
        Col("Facilitator", "key_worker", lambda p: p["key_worker"]),
    ]
    f = simple_delimited(d, "bay_parenting_q3.csv", "csv", cols, people, delimiter=";", encoding="utf-8-sig")
    return "bay-parenting-collective", ["utf-8 BOM", "semicolon", "no client reference", "no service date (intake only)",
                                        "headers with asterisks", "child name and child DOB unmapped",
                                        "ethnicity codes comma-separated", "consent written/verbal/declined",
                                        "dd-Mon-yyyy DOB, d-Mon-yy intake"], [f]


def L15(d, lid, q):
    """Whanau hub; pipe CSV with ALL CAPS short headers; ticks; YTD totals; quarter 2026Q1."""
    people = make_people(lid, 130, q, mix="maori", age=(0, 88), nhi_rate=0.8, ref=lambda i: 880 + i,
                         programmes=("NAV", "KAI", "WHARE", "HAUORA"))
    cols = [
        Col("REF", "client_ref", lambda p: p["client_ref"]),
        Col("CLIENT", "full_name", full_given_family),
        Col("BORN", "date_of_birth", lambda p: fmt_dob(p, "d/mm/yyyy") if not p["dob_impossible"] else "31/02/2015"),
        Col("NHI#", "nhi", lambda p: p["nhi"]),
        Col("ETH", "ethnicity", lambda p: eth_codes(p, "/")),
        Col("IWI", "iwi", lambda p: iwi(p, "/")),
        Col("SEX", "gender", lambda p: gender(p, {"F": "F", "M": "M", "X": "U"})),
        Col("ADDRESS", "address", lambda p: address(p, 3)),
        Col("CONTACT NO", "phone", lambda p: p["phone"]),
        Col("WHĀNAU CONTACT", "caregiver_name", lambda p: p["caregiver"]),
        Col("RELATIONSHIP", None, lambda p: p["relation"]),
        Col("REFERRAL", "referral_source", lambda p: p["referral"]),
        Col("STREAM", "programme", lambda p: p["programme"]),
        Col("SEEN", "service_date", lambda p: fmt_date(p["service"], "d/mm/yyyy")),
        Col("TOTAL SESSIONS YTD", None, lambda p: p["sessions"] + (p["i"] * 7) % 15),
        Col("SESSIONS THIS QTR", "sessions_attended", lambda p: p["sessions"]),
        Col("CONSENT", "consent_evaluation", lambda p: consent(p, "✓", "✗", "")),
        Col("WORKER", "key_worker", lambda p: p["key_worker"]),
        Col("OUTCOME", "outcome_status", lambda p: outcome(p, ["NOT MET", "PARTIAL", "MET", "MET"])),
    ]
    f = simple_delimited(d, "tko_hub_Q1.csv", "csv", cols, people, delimiter="|", encoding="utf-8")
    return "te-kohao-ora-hub", ["pipe", "ALL CAPS short headers", "quarter 2026Q1", "ethnicity codes /-separated",
                                "consent as tick/cross", "YTD total column unmapped", "relationship unmapped"], [f]


def L16(d, lid, q):
    """Family support; .tsv with two blank rows above the header; units and formats in brackets."""
    people = make_people(lid, 84, q, mix="general", age=(18, 75), nhi_rate=0, ref=lambda i: f"AFS{i * 4 + 7:05d}",
                         programmes=("Family support", "Social work", "Home visiting"))
    cols = [
        Col("Client code", "client_ref", lambda p: p["client_ref"]),
        Col("Given name(s)", "given_names", lambda p: p["given"]),
        Col("Family name", "family_name", lambda p: p["family"]),
        Col("Date of birth (dd/mm/yyyy)", "date_of_birth", lambda p: fmt_dob(p, "dd/mm/yyyy")),
        Col("Age (yrs)", None, lambda p: (2026 - p["dob"].year) if p["dob"] and p["dob"].year <= 2026 else ""),
        Col("Gender (M/F/X)", "gender", lambda p: gender(p, {"F": "F", "M": "M", "X": "X"})),
        Col("Ethnicity (Stats NZ code)", "ethnicity", lambda p: eth_codes(p, ";")),
        Col("Address (residential)", "address", lambda p: address(p, 1)),
        Col("Phone (home)", "phone", lambda p: p["phone"]),
        Col("Programme (stream)", "programme", lambda p: p["programme"]),
        Col("Referral (agency)", "referral_source", lambda p: p["referral"]),
        Col("Date started (dd/mm/yyyy)", "start_date", lambda p: fmt_date(p["start"], "dd/mm/yyyy")),
        Col("Date of last session (dd/mm/yyyy)", "service_date", lambda p: fmt_date(p["service"], "dd/mm/yyyy")),
        Col("Sessions attended (n)", "sessions_attended", lambda p: p["sessions"]),
        Col("Wellbeing pre (1-10)", "wellbeing_start", lambda p: p["wb_start"]),
        Col("Wellbeing post (1-10)", "wellbeing_end", lambda p: p["wb_end"]),
        Col("Goal attainment", "outcome_status", lambda p: outcome(p, ["Not", "Partly", "Fully", "Fully"])),
        Col("Key worker", "key_worker", lambda p: p["key_worker"]),
        Col("Consent for evaluation (Y/N)", "consent_evaluation", lambda p: consent(p, "Y", "N")),
    ]
    f = simple_delimited(d, "aoraki_family_support_2026Q3.tsv", "tsv", cols, people, delimiter="\t",
                         encoding="utf-8", pre_rows=[[], []])
    return "aoraki-family-support", ["tsv", "two blank rows above header", "units/formats in brackets",
                                     "age column unmapped", "ethnicity codes ;-separated"], [f]


def L17(d, lid, q):
    """Hauora provider xlsx; bilingual headers under merged group row; title row; ungrouped cells blank above."""
    people = make_people(lid, 92, q, mix="maori", age=(0, 85), nhi_rate=0, ref=lambda i: f"TAH-{i + 1:04d}",
                         programmes=("Whānau Ora", "Mirimiri", "Mātua Ora"))
    G1, G2, G3, G4, G5 = "Kiritaki / Client", "Whakapapa", "Whakapā / Contact", "Ratonga / Service", \
        "Ngā Hua Oranga / Wellbeing score"
    cols = [
        Col("Tau / ID", "client_ref", lambda p: p["client_ref"], G1),
        Col("Ingoa whānau / Surname", "family_name", lambda p: p["family"], G1),
        Col("Ingoa / First name", "given_names", lambda p: p["given"], G1),
        Col("Rā whānau / DOB", "date_of_birth", lambda p: fmt_dob(p, "xl"), G1),
        Col("Ira / Gender", "gender", lambda p: gender(p, {"F": "Wahine", "M": "Tāne", "X": "Ira kē"}), G1),
        Col("Iwi", "iwi", iwi, G2),
        Col("Mātāwaka 1 / Ethnicity 1", "ethnicity", lambda p: eth_nth(p, 0), G2),
        Col("Mātāwaka 2 / Ethnicity 2", "ethnicity", lambda p: eth_nth(p, 1), G2),
        Col("Wāhitau / Address", "address", lambda p: address(p, 1), G3),
        Col("Waea / Phone", "phone", lambda p: p["phone"], G3),
        Col("Īmēra / Email", "email", lambda p: p["email"], G3),
        Col("Hōtaka / Programme", "programme", lambda p: p["programme"], G4),
        Col("Nā wai i tuku / Referred by", "referral_source", lambda p: p["referral"], G4),
        Col("Rā tīmata / Start", "start_date", lambda p: fmt_date(p["start"], "xl"), G4),
        Col("Rā whakamutunga / Last seen", "service_date", lambda p: fmt_date(p["service"], "xl"), G4),
        Col("Hui / Sessions", "sessions_attended", lambda p: p["sessions"], G4),
        Col("Tīmatanga / Start", "wellbeing_start", lambda p: p["wb_start"], G5),
        Col("Mutunga / End", "wellbeing_end", lambda p: p["wb_end"], G5),
        Col("Whāinga / Goal status", "outcome_status",
            lambda p: outcome(p, ["Kāore i tutuki", "Kei te haere", "Kua tutuki", "Kua tutuki"])),
        Col("Kaimahi / Worker", "key_worker", lambda p: p["key_worker"]),
        Col("Whakaaetanga / Consent", "consent_evaluation", lambda p: consent(p, "Āe", "Kāo")),
        Col("Kōrero / Notes", "case_notes", lambda p: p["notes"]),
    ]
    wb = new_workbook()
    ws = wb.active
    ws.title = "Raraunga"
    hrow = xlsx_sheet(ws, [["Te Aroha Hauora Tairāwhiti — Pūrongo Hauwhā / Quarterly report Q3 2026"]], cols,
                      rows_for(cols, people), merged=True, vertical_merge=False)
    name = "TAHT_purongo_Q3.xlsx"
    wb.save(d / name)
    tables = [{"sheet": "Raraunga", "header_row": hrow, "rows": len(people), "columns": col_truth(cols)}]
    return "te-aroha-hauora-tairawhiti", ["xlsx", "title row", "two-row merged group headers", "bilingual headers",
                                          "'Start' under both service (date) and wellbeing groups", "Mātāwaka 1..2",
                                          "no NHI"], [
        file_truth(name, "xlsx", "utf-8", None, tables, n_valid(cols, people))]


def L18(d, lid, q):
    """Budgeting / financial mentoring JSON; snake_case; split address; IRD; ISO datetimes."""
    people = make_people(lid, 60, q, mix="pasifika", age=(18, 80), nhi_rate=0, ref=lambda i: 71000 + i * 3,
                         programmes=("Financial mentoring", "MoneyMates group", "Debt resolution"))
    cols = [
        Col("client_number", "client_ref", lambda p: p["client_ref"]),
        Col("surname", "family_name", lambda p: p["family"] or None),
        Col("given_names", "given_names", lambda p: p["given"] or None),
        Col("birth_date", "date_of_birth", lambda p: fmt_dob(p, "iso_t0") or None),
        Col("ird_number", "ird", lambda p: p["ird"].replace("-", "") if p["i"] % 4 else None),
        Col("address_line_1", "address_street", lambda p: p["street"]),
        Col("suburb", "address_suburb", lambda p: p["suburb"]),
        Col("city", "address_town", lambda p: p["town"]),
        Col("post_code", "address_postcode", lambda p: p["postcode"]),
        Col("phone_mobile", "phone", lambda p: p["phone"] or None),
        Col("email", "email", lambda p: p["email"] or None),
        Col("ethnicity", "ethnicity", lambda p: eth_labels(p, " | ")),
        Col("gender", "gender", lambda p: gender(p, {"F": "F", "M": "M", "X": "U"})),
        Col("referral_agency", "referral_source", lambda p: p["referral"]),
        Col("service_type", "programme", lambda p: p["programme"]),
        Col("first_appointment", "start_date", lambda p: fmt_date(p["start"], "iso_t0")),
        Col("last_appointment", "service_date", lambda p: fmt_datetime(p["service"], p["rng"], "iso_t")),
        Col("appointments_attended", "sessions_attended", lambda p: p["sessions"]),
        Col("financial_goal_status", "outcome_status",
            lambda p: outcome(p, ["not_started", "in_progress", "achieved", "achieved"])),
        Col("consent", "consent_evaluation", lambda p: consent(p, "signed", "declined", "verbal")),
        Col("financial_mentor", "key_worker", lambda p: p["key_worker"]),
        Col("kiwisaver_hardship", None, lambda p: p["i"] % 7 == 0),
        Col("notes", "case_notes", lambda p: p["notes"] or None),
    ]
    records = [{c.header: c.fn(p) for c in cols} for p in people]
    name = "aotea_fincap_2026Q3.json"
    (d / name).write_text(json.dumps(records, ensure_ascii=False, indent=2), encoding="utf-8")
    tables = [{"sheet": None, "header_row": 1, "rows": len(people), "columns": col_truth(cols)}]
    return "financial-capability-aotea", ["json list of records", "snake_case keys", "split address", "IRD digits only",
                                          "ISO datetimes", "ethnicity labels |-separated",
                                          "consent signed/verbal/declined", "boolean column unmapped"], [
        file_truth(name, "json", "utf-8", None, tables, n_valid(cols, people))]


def L19(d, lid, q):
    """Family services; return split into two xlsx part files; DOB typed as text; Ethnicity (1)..(3) codes."""
    files = []
    for part, n in ((1, 75), (2, 55)):
        people = make_people(lid, n, q, mix="general", age=(16, 80), nhi_rate=0, seed_extra=f"p{part}",
                             ref=lambda i, part=part: f"MFS{part}-{i + 100}",
                             programmes=("Social work", "Parenting", "Counselling"))
        cols = [
            Col("Client ID", "client_ref", lambda p: p["client_ref"]),
            Col("Client name", "full_name", full_family_given),
            Col("Date of Birth", "date_of_birth", lambda p: fmt_dob(p, "d/mm/yyyy") if not p["dob_impossible"] else "31/02/2015"),
            Col("Sex", "gender", lambda p: gender(p, {"F": "Female", "M": "Male", "X": "Unknown"})),
            Col("Ethnicity (1)", "ethnicity", lambda p: eth_nth(p, 0, labels=False)),
            Col("Ethnicity (2)", "ethnicity", lambda p: eth_nth(p, 1, labels=False)),
            Col("Ethnicity (3)", "ethnicity", lambda p: eth_nth(p, 2, labels=False)),
            Col("Address line", "address_street", lambda p: p["street"]),
            Col("Suburb", "address_suburb", lambda p: p["suburb"]),
            Col("Town", "address_town", lambda p: p["town"]),
            Col("Post code", "address_postcode", lambda p: int(p["postcode"])),
            Col("Ph", "phone", lambda p: p["phone"]),
            Col("Referral agency", "referral_source", lambda p: p["referral"]),
            Col("Service", "programme", lambda p: p["programme"]),
            Col("Start date", "start_date", lambda p: fmt_date(p["start"], "xl")),
            Col("Date seen", "service_date", lambda p: fmt_date(p["service"], "xl")),
            Col("Sessions (qtr)", "sessions_attended", lambda p: p["sessions"]),
            Col("Result", "outcome_status", lambda p: outcome(p, ["Not achieved", "Partial", "Achieved", "Achieved"])),
            Col("Practitioner", "key_worker", lambda p: p["key_worker"]),
            Col("Eval consent", "consent_evaluation", lambda p: consent(p, "Yes", "No")),
        ]
        wb = new_workbook()
        ws = wb.active
        ws.title = "Sheet1"
        hrow = xlsx_sheet(ws, [[f"Manawa Family Services – Q3 2026 – part {part} of 2"]], cols, rows_for(cols, people))
        name = f"Manawa Q3 2026 part{part}of2.xlsx"
        wb.save(d / name)
        tables = [{"sheet": "Sheet1", "header_row": hrow, "rows": len(people), "columns": col_truth(cols)}]
        files.append(file_truth(name, "xlsx", "utf-8", None, tables, n_valid(cols, people)))
    return "manawa-family-services-nelson", ["two xlsx part files", "title row", "DOB typed as text d/mm/yyyy",
                                             "Ethnicity (1)..(3) as integer codes", "split address",
                                             "postcode as number"], files


def L20(d, lid, q):
    """Small whanau support; minimal CSV: no client ref, no service or start date; plain-language headers."""
    people = make_people(lid, 41, q, mix="maori", age=(16, 80), nhi_rate=0,
                         programmes=("Whānau support", "Kai", "Kōrero group"))
    cols = [
        Col("Name", "full_name", full_family_given),
        Col("Birthdate", "date_of_birth", lambda p: fmt_dob(p, "d Month yyyy")),
        Col("Ethnicity", "ethnicity", lambda p: eth_labels(p, ", ")),
        Col("Gender", "gender", lambda p: gender(p, {"F": "Female", "M": "Male", "X": "Another gender"})),
        Col("Phone", "phone", lambda p: p["phone"]),
        Col("Which programme", "programme", lambda p: p["programme"]),
        Col("How many sessions", "sessions_attended", lambda p: p["sessions"]),
        Col("How did it go", "outcome_status",
            lambda p: outcome(p, ["Didn't reach goal", "Got some of the way", "Reached goal", "Reached goal"])),
        Col("Happy for us to use info for evaluation?", "consent_evaluation", lambda p: consent(p, "Yes", "No", "Not asked")),
        Col("Comments", "case_notes", lambda p: p["notes"]),
        Col("Note to self", None, lambda p: ["", "chase consent form", "", "check address", "", "ring Tues"][p["i"] % 6]),
    ]
    f = simple_delimited(d, "small steps july-sept.csv", "csv", cols, people, delimiter=",", encoding="utf-8")
    return "small-steps-whanau-support", ["minimal file", "no client reference", "no service or start date (quarter only)",
                                          "plain-language question headers", "d Month yyyy DOB",
                                          "ethnicity labels comma-separated in one quoted cell",
                                          "note-to-self column unmapped"], [f]


LAYOUTS = [(f"NINTH{i:02d}", fn, q) for i, (fn, q) in enumerate([
    (L01, "2026Q3"), (L02, "2026Q3"), (L03, "2026Q3"), (L04, "2026Q3"), (L05, "2026Q3"),
    (L06, "2026Q3"), (L07, "2026Q3"), (L08, "2026Q3"), (L09, "2026Q3"), (L10, "2026Q3"),
    (L11, "2026Q3"), (L12, "2026Q2"), (L13, "2026Q3"), (L14, "2026Q3"), (L15, "2026Q1"),
    (L16, "2026Q3"), (L17, "2026Q3"), (L18, "2026Q3"), (L19, "2026Q3"), (L20, "2026Q3"),
], start=1)]

PROVIDERS = {  # provider slug is needed before writing, so each layout fn returns it; pre-declare here too
    "NINTH01": "te-puna-ora-trust", "NINTH02": "kaiawhina-parenting-whanganui",
    "NINTH03": "awhina-whanau-services-hastings", "NINTH04": "aiga-ola-pasifika-trust",
    "NINTH05": "rangatahi-connect-porirua", "NINTH06": "ruruhau-safe-whanau-trust",
    "NINTH07": "kokiri-hauora-kaitaia", "NINTH08": "hope-youth-trust-invercargill",
    "NINTH09": "moana-fanau-trust", "NINTH10": "otautahi-budget-services",
    "NINTH11": "whare-tiaki-wairarapa", "NINTH12": "tai-tokerau-youth-services",
    "NINTH13": "kapiti-porirua-whanau-ora", "NINTH14": "bay-parenting-collective",
    "NINTH15": "te-kohao-ora-hub", "NINTH16": "aoraki-family-support",
    "NINTH17": "te-aroha-hauora-tairawhiti", "NINTH18": "financial-capability-aotea",
    "NINTH19": "manawa-family-services-nelson", "NINTH20": "small-steps-whanau-support",
}


def generate(out_dir: pathlib.Path) -> list[dict]:
    out_dir = pathlib.Path(out_dir)
    truths = []
    for lid, fn, q in LAYOUTS:
        provider = PROVIDERS[lid]
        d = out_dir / lid / "landing" / provider / q
        d.mkdir(parents=True, exist_ok=True)
        prov2, features, files = fn(d, lid, q)
        assert prov2 == provider, (lid, prov2)
        truth = {"layout_id": lid, "provider": provider, "quarter": q, "features": features, "files": files}
        (out_dir / lid / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        truths.append(truth)
    return truths


# --------------------------------------------------------------------------------------
# --check: independent re-read of every file
# --------------------------------------------------------------------------------------
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%d-%b-%Y", "%d %B %Y", "%Y-%m-%dT%H:%M:%S",
                "%Y-%m-%d %H:%M:%S"]


def _parse_dob(v):
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return EXCEL_EPOCH + dt.timedelta(days=int(v))
    s = str(v).strip()
    for f in DATE_FORMATS:
        try:
            return dt.datetime.strptime(s, f).date()
        except ValueError:
            pass
    return None


def _recount_valid(table_rows, columns):
    """Independent validity rule applied to re-read cell values."""
    by = {}
    for c in columns:
        if c["target"]:
            by.setdefault(c["target"], []).append(c["index"])
    valid = 0
    today = dt.date(2026, 12, 6)
    for r in table_rows:
        def get(t):
            return [r[i] if i < len(r) else None for i in by.get(t, [])]
        nhi = any(nhi_ok(v) for v in get("nhi"))
        name = any(v not in (None, "") for t in ("full_name", "family_name", "given_names") for v in get(t))
        dobs = [_parse_dob(v) for v in get("date_of_birth")]
        ref = any(v not in (None, "") for v in get("client_ref"))
        ok = nhi or (name and ((dobs and dobs[0] is not None and dobs[0] <= today)
                               or ("date_of_birth" not in by and ref)))
        valid += ok
    return valid


def _read_delimited(path, f):
    raw = path.read_bytes()
    if f["format"] == "csv.gz":
        raw = gzip.decompress(raw)
    text = raw.decode(f["encoding"])
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=f["delimiter"])]


def _read_xlsx(path):
    import openpyxl
    wb = openpyxl.load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        grid = [[c.value for c in row] for row in ws.iter_rows()]
        for rng_ in ws.merged_cells.ranges:  # fill merged areas with their top-left value
            v = ws.cell(rng_.min_row, rng_.min_col).value
            for rr in range(rng_.min_row, rng_.max_row + 1):
                for cc in range(rng_.min_col, rng_.max_col + 1):
                    grid[rr - 1][cc - 1] = v
        sheets[ws.title] = grid
    return sheets


def _read_ods(path):
    import xml.etree.ElementTree as ET
    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    with zipfile.ZipFile(path) as z:
        assert z.namelist()[0] == "mimetype"
        root = ET.fromstring(z.read("content.xml"))
    sheets = {}
    for t in root.iter(f"{{{ns['table']}}}table"):
        rows = []
        for tr in t.iter(f"{{{ns['table']}}}table-row"):
            row = []
            for tc in tr.findall("table:table-cell", ns):
                vt = tc.get(f"{{{ns['office']}}}value-type")
                if vt == "date":
                    v = dt.date.fromisoformat(tc.get(f"{{{ns['office']}}}date-value")[:10])
                elif vt == "float":
                    v = float(tc.get(f"{{{ns['office']}}}value"))
                elif vt == "string":
                    v = "".join("".join(p.itertext()) for p in tc.findall("text:p", ns))
                else:
                    v = None
                rep = int(tc.get(f"{{{ns['table']}}}number-columns-repeated", "1"))
                row.extend([v] * rep)
            rows.append(row)
        sheets[t.get(f"{{{ns['table']}}}name")] = rows
    return sheets


def check(out_dir: pathlib.Path, truths) -> list[str]:
    problems = []
    n_files = n_tables = n_cols = n_rows = n_valid_total = 0
    for t in truths:
        base = out_dir / t["layout_id"] / "landing" / t["provider"] / t["quarter"]
        on_disk = sorted(p.name for p in base.iterdir())
        if on_disk != sorted(f["name"] for f in t["files"]):
            problems.append(f"{t['layout_id']}: files on disk {on_disk}")
        saved = json.loads((out_dir / t["layout_id"] / "truth.json").read_text(encoding="utf-8"))
        if saved != json.loads(json.dumps(t, ensure_ascii=False)):
            problems.append(f"{t['layout_id']}: truth.json differs from returned truth")
        for f in t["files"]:
            n_files += 1
            path = base / f["name"]
            fmt = f["format"]
            if fmt in ("csv", "tsv", "csv.gz"):
                grids = {None: _read_delimited(path, f)}
            elif fmt == "xlsx":
                grids = _read_xlsx(path)
            elif fmt == "ods":
                grids = _read_ods(path)
            elif fmt == "json":
                recs = json.loads(path.read_text(encoding=f["encoding"]))
                keys = list(recs[0].keys())
                if any(list(r.keys()) != keys for r in recs):
                    problems.append(f"{f['name']}: records with differing keys")
                grids = {None: [keys] + [[r[k] for k in keys] for r in recs]}
            else:
                problems.append(f"{f['name']}: unknown format {fmt}")
                continue
            if not (40 <= f["rows"] <= 160 or len(t["files"]) > 1 or len(f["tables"]) > 1):
                problems.append(f"{f['name']}: {f['rows']} rows outside 40-160")
            total_rows = total_valid = 0
            for tab in f["tables"]:
                n_tables += 1
                grid = grids.get(tab["sheet"])
                if grid is None:
                    problems.append(f"{f['name']}: sheet {tab['sheet']!r} missing")
                    continue
                h = tab["header_row"]
                header = grid[h - 1]
                for c in tab["columns"]:
                    n_cols += 1
                    got = header[c["index"]] if c["index"] < len(header) else None
                    if got != c["header"]:
                        problems.append(f"{f['name']}[{tab['sheet']}] col {c['index']}: {got!r} != {c['header']!r}")
                    if c["group"] is not None:
                        g = grid[h - 2][c["index"]]
                        if g != c["group"]:
                            problems.append(f"{f['name']} group at {c['index']}: {g!r} != {c['group']!r}")
                extra = [v for v in header[len(tab["columns"]):] if v not in (None, "")]
                if extra:
                    problems.append(f"{f['name']}: header cells beyond truth {extra}")
                body = grid[h:]
                while body and all(v in (None, "") for v in body[-1]):
                    body.pop()
                if len(body) != tab["rows"]:
                    problems.append(f"{f['name']}[{tab['sheet']}]: {len(body)} data rows != {tab['rows']}")
                total_rows += len(body)
                total_valid += _recount_valid(body, tab["columns"])
            if total_rows != f["rows"]:
                problems.append(f"{f['name']}: file rows {total_rows} != {f['rows']}")
            if total_valid != f["valid_rows"]:
                problems.append(f"{f['name']}: re-counted valid {total_valid} != {f['valid_rows']}")
            if not 0 <= f["rows"] - f["valid_rows"] <= 3 * len(f["tables"]):
                problems.append(f"{f['name']}: {f['rows'] - f['valid_rows']} invalid rows")
            n_rows += f["rows"]
            n_valid_total += f["valid_rows"]
    print(f"checked {len(truths)} layouts, {n_files} files, {n_tables} tables, {n_cols} columns, "
          f"{n_rows} rows ({n_valid_total} valid, {n_rows - n_valid_total} invalid on purpose)")
    return problems


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, type=pathlib.Path)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args(argv)
    truths = generate(a.out)
    print(f"wrote {len(truths)} layouts to {a.out}")
    if a.check:
        problems = check(a.out, truths)
        # determinism: a second generation must give identical truths and identical text files
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            again = generate(pathlib.Path(tmp))
            if json.dumps(again, ensure_ascii=False) != json.dumps(truths, ensure_ascii=False):
                problems.append("truths differ between two runs")
            for t in truths:
                for f in t["files"]:
                    rel = pathlib.Path(t["layout_id"], "landing", t["provider"], t["quarter"], f["name"])
                    if f["format"] in ("csv", "tsv", "csv.gz", "json", "ods") and \
                            (a.out / rel).read_bytes() != (pathlib.Path(tmp) / rel).read_bytes():
                        problems.append(f"{rel}: bytes differ between two runs")
        for p in problems:
            print("PROBLEM:", p)
        print("check OK" if not problems else f"check FAILED ({len(problems)} problems)")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
