#!/usr/bin/env python3
"""Independent checker for the holdout corpus written by generator.py.

    python verify.py --out OUT_DIR        # generates into DIR, then checks it
    python verify.py --out DIR --no-generate   # checks an existing DIR

Re-reads every file from disk (not the generator's in-memory data) and checks
truth.json structure, file openability, headers/groups, row counts, identifier
check digits, value vocabularies and the valid_rows recount.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generator import generate

TARGETS = {"client_ref", "full_name", "family_name", "given_names", "date_of_birth", "nhi", "ird", "phone",
           "email", "address", "address_street", "address_suburb", "address_town", "address_postcode",
           "caregiver_name", "key_worker", "ethnicity", "iwi", "gender", "consent_evaluation", "programme",
           "referral_source", "service_date", "start_date", "sessions_attended", "outcome_status",
           "wellbeing_start", "wellbeing_end", "case_notes"}
QEND = {"2026Q1": (date(2026, 1, 1), date(2026, 3, 31)), "2026Q2": (date(2026, 4, 1), date(2026, 6, 30)),
        "2026Q3": (date(2026, 7, 1), date(2026, 9, 30)), "2026Q4": (date(2026, 10, 1), date(2026, 12, 31))}
ETH_LABELS = {"New Zealand European", "Māori", "Samoan", "Cook Islands Māori", "Tongan", "Niuean", "Fijian",
              "Chinese", "Indian", "Southeast Asian", "Other Asian", "Middle Eastern", "Latin American",
              "African", "Other European", "Other Ethnicity"}
ETH_CODES = {"11", "12", "21", "31", "32", "33", "34", "36", "41", "42", "43", "44", "51", "52", "53", "61"}
GENDERS = {"male", "female", "another gender", "m", "f", "x", "1", "2", "3", "tāne", "wahine", "tane"}
CONSENTS = {"yes", "no", "y", "n", "true", "false", "consented", "declined", "āe", "kāo"}
OUTCOMES = {"achieved", "partly achieved", "not achieved", "ongoing", "exited early", "goal met", "partial",
            "not met", "in progress", "withdrew"}
NHI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                      "nov", "dec"], start=1)}
PHONE_RE = re.compile(r"^(\+64 ?\d{1,2}|\(0\d\)|0\d{1,2})[ -]?\d{3}[ -]?\d{3,5}$")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")


def fold(s):
    return "".join(ch for ch in unicodedata.normalize("NFD", s) if not unicodedata.combining(ch))


def nhi_ok(s):
    s = s.strip().upper()
    if not re.fullmatch(r"[A-HJ-NP-Z]{3}\d{4}", s):
        return False
    vals = [NHI_LETTERS.index(c) + 1 for c in s[:3]] + [int(d) for d in s[3:6]]
    r = sum(v * w for v, w in zip(vals, (7, 6, 5, 4, 3, 2), strict=False)) % 11
    if r == 0:
        return False
    chk = 11 - r
    return (0 if chk == 10 else chk) == int(s[6])


def ird_ok(s):
    d = re.sub(r"[\s-]", "", s)
    if not d.isdigit() or len(d) not in (8, 9) or not 10_000_000 <= int(d) <= 150_000_000:
        return False
    p = d.zfill(9)
    base = [int(x) for x in p[:8]]
    for w in ((3, 2, 7, 6, 5, 4, 3, 2), (7, 4, 3, 2, 5, 2, 7, 6)):
        r = sum(a * b for a, b in zip(base, w, strict=False)) % 11
        c = 0 if r == 0 else 11 - r
        if c != 10:
            return c == int(p[8])
    return False


def parse_date(v):
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    s = str(v).strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", s)
    if m:
        return date(int(m[3]), int(m[2]), int(m[1]))
    m = re.fullmatch(r"(\d{1,2}) ([A-Za-z]{3}) (\d{4})", s)
    if m and m[2].lower() in MONTHS:
        return date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
    return None


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


# ---------------------------------------------------------------- readers
def read_text(path, f):
    raw = path.read_bytes()
    if f["format"] == "csv.gz":
        assert raw[:2] == b"\x1f\x8b", "not gzip"
        raw = gzip.decompress(raw)
    enc = f["encoding"]
    if enc == "utf-8-sig":
        assert raw.startswith(b"\xef\xbb\xbf"), "missing UTF-8 BOM"
    elif enc == "utf-16":
        assert raw[:2] in (b"\xff\xfe", b"\xfe\xff"), "missing UTF-16 BOM"
    elif enc == "utf-8":
        assert not raw.startswith(b"\xef\xbb\xbf")
        raw.decode("utf-8")
    elif enc == "windows-1252":
        try:
            raw.decode("utf-8")
            ascii_only = all(b < 128 for b in raw)
            assert ascii_only, "windows-1252 file is also valid UTF-8 with non-ASCII bytes"
        except UnicodeDecodeError:
            pass
    text = raw.decode({"windows-1252": "cp1252"}.get(enc, enc))
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=f["delimiter"]))
    return {None: rows}


def read_xlsx(path):
    from openpyxl import load_workbook
    wb = load_workbook(path)  # not read-only: need merged ranges
    out = {}
    for ws in wb.worksheets:
        grid = [[c for c in r] for r in ws.iter_rows(values_only=True)]
        # fill merged ranges with the top-left value, remembering which were merged
        merged = {}
        for rng in ws.merged_cells.ranges:
            tl = ws.cell(rng.min_row, rng.min_col).value
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    merged[(r, c)] = (tl, rng)
        out[ws.title] = (grid, merged)
    return out, [ws.title for ws in wb.worksheets]


def read_ods(path):
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        ET.fromstring(z.read("META-INF/manifest.xml"))
        root = ET.fromstring(z.read("content.xml"))
    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}
    T = "{{{}}}".format(ns["table"])
    out = {}
    for tbl in root.iter(T + "table"):
        rows, spans = [], []
        for tr in tbl.findall("table:table-row", ns):
            row, rspan = [], []
            for cell in tr:
                rep = int(cell.get(T + "number-columns-repeated", "1"))
                txt = "\n".join("".join(p.itertext()) for p in cell.findall("text:p", ns))
                span = int(cell.get(T + "number-columns-spanned", "1"))
                for _ in range(rep):
                    if cell.tag == T + "covered-table-cell":
                        row.append("")
                        rspan.append(None)
                    else:
                        row.append(txt)
                        rspan.append(span)
            rows.append(row)
            spans.append(rspan)
        out[tbl.get(T + "name")] = (rows, spans)
    return out


# ---------------------------------------------------------------- checks
def check_rows(truth, table, data_rows, errs, cp1252):
    cols = table["columns"]
    by_t = {}
    for c in cols:
        by_t.setdefault(c["target"], []).append(c["index"])
    qs, qe = QEND[truth["quarter"]]
    eth_labels = {fold(x) for x in ETH_LABELS} | ETH_LABELS
    valid = 0
    where = f"{truth['layout_id']}:{table['sheet']}"

    def get(row, i):
        v = row[i] if i < len(row) else None
        return "" if v is None else v

    for rn, row in enumerate(data_rows):
        name_ok = any(str(get(row, i)).strip() for t in ("full_name", "given_names", "family_name")
                      for i in by_t.get(t, []))
        nhi_cols = by_t.get("nhi", [])
        nhi_present = any(str(get(row, i)).strip() for i in nhi_cols)
        if nhi_present:
            for i in nhi_cols:
                if not nhi_ok(str(get(row, i))):
                    errs.append(f"{where} row {rn}: bad NHI {get(row, i)!r}")
        dob_v = get(row, by_t["date_of_birth"][0])
        dob = parse_date(dob_v) if dob_v != "" else None
        if dob is not None and not 16 <= age_at(dob, qe) <= 65:
            errs.append(f"{where} row {rn}: age out of range {dob}")
        is_valid = name_ok and dob is not None and (nhi_present or not nhi_cols)
        if not is_valid:
            if name_ok and dob is None and str(dob_v).lower() != "unknown":
                errs.append(f"{where} row {rn}: unparseable DOB {dob_v!r}")
            continue
        valid += 1
        for i in by_t.get("ird", []):
            if not ird_ok(str(get(row, i))):
                errs.append(f"{where} row {rn}: bad IRD {get(row, i)!r}")
        for i in by_t.get("service_date", []):
            d = parse_date(get(row, i))
            if d is None or not qs <= d <= qe:
                errs.append(f"{where} row {rn}: service date {get(row, i)!r} outside quarter")
        for i in by_t.get("start_date", []):
            d = parse_date(get(row, i))
            if d is None or d > qe or d < dob:
                errs.append(f"{where} row {rn}: start date {get(row, i)!r}")
        for i in by_t.get("ethnicity", []):
            v = str(get(row, i)).strip()
            if not v:
                continue
            for tok in re.split(r"[;/,]", v):
                tok = tok.strip()
                if tok not in eth_labels and tok not in ETH_CODES:
                    errs.append(f"{where} row {rn}: ethnicity {tok!r}")
        for t, allowed in (("gender", GENDERS), ("consent_evaluation", CONSENTS), ("outcome_status", OUTCOMES)):
            for i in by_t.get(t, []):
                v = str(get(row, i)).strip().lower()
                if v not in allowed and fold(v) not in {fold(a) for a in allowed}:
                    errs.append(f"{where} row {rn}: {t} {v!r}")
        for t, lo, hi in (("sessions_attended", 0, 40), ("wellbeing_start", 1, 10), ("wellbeing_end", 1, 10)):
            for i in by_t.get(t, []):
                v = get(row, i)
                if not str(v).isdigit() or not lo <= int(v) <= hi:
                    errs.append(f"{where} row {rn}: {t} {v!r}")
        for i in by_t.get("phone", []):
            v = str(get(row, i)).strip()
            if v and not PHONE_RE.match(v):
                errs.append(f"{where} row {rn}: phone {v!r}")
        for i in by_t.get("email", []):
            v = str(get(row, i)).strip()
            if v and not EMAIL_RE.match(v):
                errs.append(f"{where} row {rn}: email {v!r}")
        for i in by_t.get("address_postcode", []):
            if not re.fullmatch(r"\d{4}", str(get(row, i))):
                errs.append(f"{where} row {rn}: postcode {get(row, i)!r}")
        if cp1252:
            for v in row:
                if isinstance(v, str):
                    v.encode("cp1252")
    return valid


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--no-generate", action="store_true")
    a = ap.parse_args(argv)
    if not a.no_generate:
        returned = generate(a.out)
        assert [t["layout_id"] for t in returned] == [f"HOLD{i:02d}" for i in range(1, 16)]
    errs, ncols, feat = [], 0, Counter()
    providers = set()
    for i in range(1, 16):
        lid = f"HOLD{i:02d}"
        truth = json.loads((a.out / lid / "truth.json").read_text(encoding="utf-8"))
        assert set(truth) == {"layout_id", "provider", "quarter", "features", "files"}, truth.keys()
        assert truth["layout_id"] == lid and truth["quarter"] in QEND
        assert truth["provider"] not in providers
        providers.add(truth["provider"])
        feat.update(truth["features"])
        for f in truth["files"]:
            assert set(f) == {"name", "format", "encoding", "delimiter", "rows", "valid_rows", "tables"}
            assert f["format"] in {"csv", "tsv", "csv.gz", "xlsx", "ods", "txt"}
            assert 80 <= f["rows"] <= 200, (lid, f["rows"])
            assert 0 <= f["rows"] - f["valid_rows"] <= 3
            path = a.out / lid / "landing" / truth["provider"] / truth["quarter"] / f["name"]
            assert path.is_file(), path
            cp1252 = f["encoding"] == "windows-1252"
            if f["format"] in ("xlsx", "ods"):
                assert f["encoding"] is None and f["delimiter"] is None
            if f["format"] == "xlsx":
                book, order = read_xlsx(path)
            elif f["format"] == "ods":
                book = read_ods(path)
            else:
                book = read_text(path, f)
            total = valid = 0
            for t in f["tables"]:
                assert set(t) == {"sheet", "header_row", "rows", "columns"}
                cols = t["columns"]
                ncols += len(cols)
                assert [c["index"] for c in cols] == list(range(len(cols)))
                for c in cols:
                    assert set(c) == {"index", "header", "group", "target"}
                    assert c["target"] is None or c["target"] in TARGETS, c
                hr = t["header_row"]
                if f["format"] == "xlsx":
                    grid, merged = book[t["sheet"]]
                    hdr = []
                    for c in cols:
                        v = grid[hr - 1][c["index"]]
                        if v is None and (hr, c["index"] + 1) in merged:
                            v = merged[(hr, c["index"] + 1)][0]
                        hdr.append(v)
                        g = None
                        if hr >= 2 and (hr - 1, c["index"] + 1) in merged:
                            tl, rng = merged[(hr - 1, c["index"] + 1)]
                            if rng.max_row == hr - 1:
                                g = tl
                        elif hr >= 2 and c["group"] is not None:
                            g = grid[hr - 2][c["index"]]
                        if g != c["group"]:
                            errs.append(f"{lid} {c['header']}: group {g!r} != {c['group']!r}")
                    data = grid[hr:]
                    while data and all(v is None for v in data[-1]):
                        data.pop()
                    if f["format"] == "xlsx" and order.index(t["sheet"]) == 0 and "cover_sheet" in truth["features"]:
                        errs.append(f"{lid}: data on first sheet despite cover")
                elif f["format"] == "ods":
                    rows, spans = book[t["sheet"]]
                    hdr = [rows[hr - 1][c["index"]] for c in cols]
                    if any(c["group"] for c in cols):
                        gr = rows[hr - 2]
                        cur, left = None, 0
                        for j, c in enumerate(cols):
                            if left <= 0:
                                cur = gr[j] or None
                                left = spans[hr - 2][j] or 1
                            left -= 1
                            if cur != c["group"]:
                                errs.append(f"{lid} {c['header']}: ods group {cur!r} != {c['group']!r}")
                    data = rows[hr:]
                else:
                    rows = book[None]
                    hdr = rows[hr - 1]
                    data = rows[hr:]
                if list(hdr) != [c["header"] for c in cols]:
                    errs.append(f"{lid}: header mismatch {hdr} vs {[c['header'] for c in cols]}")
                if len(data) != t["rows"]:
                    errs.append(f"{lid} {t['sheet']}: {len(data)} data rows != {t['rows']}")
                total += len(data)
                valid += check_rows(truth, t, data, errs, cp1252)
            if total != f["rows"]:
                errs.append(f"{lid} {f['name']}: rows {total} != {f['rows']}")
            if valid != f["valid_rows"]:
                errs.append(f"{lid} {f['name']}: valid recount {valid} != {f['valid_rows']}")
    print(f"layouts: 15, total columns listed: {ncols}")
    for k in ("utf-8", "utf-8-sig", "windows-1252", "utf-16", "comma", "semicolon", "tab", "pipe", "gzip",
              "title_rows", "cover_sheet", "multi_sheet_split", "merged_two_row_header", "ods", "two_files",
              "address_split", "split_names", "numbered_ethnicity", "pre_post_scores", "caregiver",
              "key_worker", "distractors"):
        n = sum(v for f, v in feat.items() if f == k or f.startswith(k + "_"))
        print(f"  {k:24s} {n}")
        if n < 2:
            errs.append(f"feature {k} covered {n} times")
    if errs:
        print(f"{len(errs)} problems:")
        for e in errs[:60]:
            print("  ", e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
