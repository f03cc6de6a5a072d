#!/usr/bin/env python3
"""Independent checker for the FINAL01..FINAL20 corpus written by generator.py.

    python verify_corpus.py [--out DIR]

Regenerates the corpus (twice, to check determinism) unless --out points at an
existing one, then re-reads every file from disk with its own parsers and checks
truth.json against it: schema, headers and groups, row counts, identifier check
digits, dates, value ranges, and a recount of valid_rows.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile

import openpyxl

HERE = pathlib.Path(__file__).resolve().parent

TARGETS = {
    "client_ref", "full_name", "family_name", "given_names", "date_of_birth", "nhi", "ird",
    "phone", "email", "address", "address_street", "address_suburb", "address_town",
    "address_postcode", "caregiver_name", "key_worker", "ethnicity", "iwi", "gender",
    "consent_evaluation", "programme", "referral_source", "service_date", "start_date",
    "sessions_attended", "outcome_status", "wellbeing_start", "wellbeing_end", "case_notes",
}
FORMATS = {"csv", "tsv", "csv.gz", "xlsx", "ods", "txt"}
ETH_LABELS = {"New Zealand European", "Māori", "Samoan", "Cook Islands Māori", "Tongan", "Niuean",
              "Fijian", "Chinese", "Indian", "Southeast Asian", "Other Asian", "Middle Eastern",
              "Latin American", "African", "Other Ethnicity", "Other European",
              "Maori", "Cook Islands Maori"}
ETH_CODES = {"11", "12", "21", "31", "32", "33", "34", "36", "41", "42", "43", "44", "51", "52",
             "53", "61"}
REQUIRED_SHAPES = ["csv-utf8", "utf-8-bom", "cp1252", "utf-16-bom", "delim-comma", "delim-semicolon",
                   "delim-tab", "delim-pipe", "gzip", "xlsx-title-rows", "xlsx-cover-sheet",
                   "xlsx-two-sheets", "merged-header", "ods", "two-files", "address-split",
                   "address-single", "names-split", "names-single", "ethnicity-numbered",
                   "ethnicity-single", "pre-post-scores", "caregiver", "key-worker", "distractors"]

NHI_ALPHA = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def nhi_ok(s):
    if not re.fullmatch(r"[A-HJ-NP-Z]{3}\d{4}", s):
        return False
    v = [NHI_ALPHA.index(c) + 1 for c in s[:3]] + [int(c) for c in s[3:6]]
    r = sum(a * b for a, b in zip(v, (7, 6, 5, 4, 3, 2), strict=False)) % 11
    if r == 0:
        return False
    c = 11 - r
    return (0 if c == 10 else c) == int(s[6])


def ird_ok(s):
    d = re.sub(r"[-\s]", "", s)
    if not d.isdigit() or len(d) not in (8, 9) or not 10_000_000 <= int(d) <= 150_000_000:
        return False
    d = d.zfill(9)

    def chk(w):
        r = sum(int(x) * y for x, y in zip(d[:8], w, strict=False)) % 11
        return 0 if r == 0 else 11 - r
    c = chk((3, 2, 7, 6, 5, 4, 3, 2))
    if c == 10:
        c = chk((7, 4, 3, 2, 5, 2, 7, 6))
        if c == 10:
            return False
    return c == int(d[8])


MON = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                       "sep", "oct", "nov", "dec"])}


def parse_date(v):
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    s = str(v).strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", s)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: .*)?", s)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    m = re.fullmatch(r"(\d{1,2})[ -]([A-Za-z]{3})[ -](\d{4})", s)
    if m:
        return dt.date(int(m[3]), MON[m[2].lower()], int(m[1]))
    return None


def qbounds(q):
    y, n = int(q[:4]), int(q[-1])
    s = dt.date(y, 3 * n - 2, 1)
    e = dt.date(y, 12, 31) if n == 4 else dt.date(y, 3 * n + 1, 1) - dt.timedelta(days=1)
    return s, e


def age(dob, on):
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def blank(v):
    return v is None or (isinstance(v, str) and v.strip() == "")


# ---------------------------------------------------------------- readers

def read_delimited(path, f, errs):
    raw = path.read_bytes()
    if f["format"] == "csv.gz":
        if raw[:2] != b"\x1f\x8b":
            errs.append(f"{path.name}: not gzip")
        raw = gzip.decompress(raw)
    enc = f["encoding"]
    if enc == "utf-8-sig" and not raw.startswith(b"\xef\xbb\xbf"):
        errs.append(f"{path.name}: missing UTF-8 BOM")
    if enc == "utf-8" and raw.startswith(b"\xef\xbb\xbf"):
        errs.append(f"{path.name}: unexpected BOM")
    if enc == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        errs.append(f"{path.name}: missing UTF-16 BOM")
    text = raw.decode(enc)
    if enc == "utf-16":
        text = text.lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=f["delimiter"]))
    return {None: (rows, {})}


def read_xlsx(path, f, errs):
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        merged = {}
        for rng in ws.merged_cells.ranges:
            v = ws.cell(rng.min_row, rng.min_col).value
            for c in range(rng.min_col, rng.max_col + 1):
                merged[(rng.min_row, c)] = v
        out[ws.title] = (rows, merged)
    return out


def read_ods(path, f, errs):
    z = zipfile.ZipFile(path)
    first = z.infolist()[0]
    if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED or \
            z.read("mimetype") != b"application/vnd.oasis.opendocument.spreadsheet":
        errs.append(f"{path.name}: bad ODS mimetype entry")
    if "META-INF/manifest.xml" not in z.namelist():
        errs.append(f"{path.name}: no manifest")
    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}
    T = "{{{}}}".format(ns["table"])
    root = ET.fromstring(z.read("content.xml"))
    out = {}
    for tbl in root.iter(T + "table"):
        rows, merged = [], {}
        for ri, tr in enumerate(tbl.iter(T + "table-row"), start=1):
            row = []
            for cell in tr:
                rep = int(cell.get(T + "number-columns-repeated", "1"))
                if cell.tag == T + "covered-table-cell":
                    row.extend([None] * rep)
                    continue
                ps = cell.findall("{{{}}}p".format(ns["text"]))
                val = "\n".join("".join(p.itertext()) for p in ps) if ps else None
                if cell.get("{{{}}}value-type".format(ns["office"])) not in (None, "string"):
                    errs.append(f"{path.name}: non-string cell")
                span = int(cell.get(T + "number-columns-spanned", "1"))
                if span > 1:
                    for c in range(len(row) + 1, len(row) + span + 1):
                        merged[(ri, c)] = val
                row.extend([val] * rep)
            rows.append(row)
        out[tbl.get(T + "name")] = (rows, merged)
    return out


# ---------------------------------------------------------------- checks

def check_layout(root: pathlib.Path, truth: dict, errs: list, stats: dict):
    lid = truth["layout_id"]
    E = lambda m: errs.append(f"{lid}: {m}")  # noqa: E731
    keys = ["layout_id", "provider", "quarter", "features", "files"]
    if list(truth) != keys:
        E(f"top-level keys {list(truth)}")
    q = truth["quarter"]
    if not re.fullmatch(r"2026Q[1-4]", q):
        E(f"bad quarter {q}")
    qs, qe = qbounds(q)
    for f in truth["files"]:
        if list(f) != ["name", "format", "encoding", "delimiter", "rows", "valid_rows", "tables"]:
            E(f"file keys {list(f)}")
        if f["format"] not in FORMATS:
            E(f"format {f['format']}")
        path = root / lid / "landing" / truth["provider"] / q / f["name"]
        if not path.is_file():
            E(f"missing {path}")
            continue
        stats["files"] += 1
        try:
            if f["format"] in ("csv", "tsv", "txt", "csv.gz"):
                sheets = read_delimited(path, f, errs)
            elif f["format"] == "xlsx":
                sheets = read_xlsx(path, f, errs)
            else:
                sheets = read_ods(path, f, errs)
        except Exception as exc:  # pragma: no cover
            E(f"{f['name']}: cannot open ({exc!r})")
            continue
        total_rows = total_valid = 0
        if f["format"] in ("xlsx", "ods"):
            listed = {t["sheet"] for t in f["tables"]}
            unlisted = [s for s in sheets if s not in listed]
            for s in unlisted:  # must be a cover sheet with a contact email
                flat = " ".join(str(v) for r in sheets[s][0] for v in r if v is not None)
                if "@" not in flat:
                    E(f"unlisted sheet {s} without contact email")
        for t in f["tables"]:
            if list(t) != ["sheet", "header_row", "rows", "columns"]:
                E(f"table keys {list(t)}")
            rows, merged = sheets.get(t["sheet"], (None, None))
            if rows is None:
                E(f"{f['name']}: sheet {t['sheet']!r} not found")
                continue
            hr = t["header_row"]
            header = rows[hr - 1]
            cols = t["columns"]
            if len(cols) < 5:
                E("too few columns")
            for i, c in enumerate(cols):
                stats["columns"] += 1
                if list(c) != ["index", "header", "group", "target"] or c["index"] != i:
                    E(f"column {i} malformed {c}")
                if c["target"] is not None and c["target"] not in TARGETS:
                    E(f"bad target {c['target']}")
                got = header[i] if i < len(header) else None
                if got != c["header"]:
                    E(f"{t['sheet']} header {i}: {got!r} != {c['header']!r}")
                if hr >= 2:
                    above = rows[hr - 2]
                    g = merged.get((hr - 1, i + 1), above[i] if i < len(above) else None)
                    if (g or None) != c["group"]:
                        E(f"group {i}: {g!r} != {c['group']!r}")
                elif c["group"] is not None:
                    E("group given but header on row 1")
            extra = [v for v in header[len(cols):] if not blank(v)]
            if extra:
                E(f"unlisted header cells {extra}")
            data = [r for r in rows[hr:] if any(not blank(v) for v in r)]
            if len(data) != t["rows"]:
                E(f"{t['sheet']}: rows {len(data)} != {t['rows']}")
            if not rows[hr:] or len(rows[hr:]) != len(data):
                E(f"{t['sheet']}: blank rows inside data")
            valid = sum(check_row(r, cols, qs, qe, E) for r in data)
            total_rows += len(data)
            total_valid += valid
        if total_rows != f["rows"]:
            E(f"{f['name']}: file rows {total_rows} != {f['rows']}")
        if total_valid != f["valid_rows"]:
            E(f"{f['name']}: valid recount {total_valid} != {f['valid_rows']}")
        if not 80 <= f["rows"] <= 200:
            E(f"{f['name']}: {f['rows']} rows out of 80..200")
        if f["rows"] - f["valid_rows"] > 3:
            E(f"{f['name']}: more than 3 invalid rows")
        stats["rows"] += total_rows
        stats["invalid"] += total_rows - total_valid


def check_row(r, cols, qs, qe, E):
    by = {}
    for c in cols:
        v = r[c["index"]] if c["index"] < len(r) else None
        by.setdefault(c["target"], []).append(v)
    first = lambda t: by.get(t, [None])[0]  # noqa: E731
    ok = True
    if "full_name" in by:
        ok &= not blank(first("full_name"))
    if "family_name" in by or "given_names" in by:
        ok &= not blank(first("family_name")) and not blank(first("given_names"))
    if "full_name" not in by and "family_name" not in by:
        E("no name column")
    nhi = first("nhi")
    if not blank(nhi) and not nhi_ok(str(nhi)):
        E(f"bad NHI {nhi}")
        ok = False
    ird = first("ird")
    if not blank(ird) and not ird_ok(str(ird)):
        E(f"bad IRD {ird}")
        ok = False
    dob_v = first("date_of_birth")
    dob = None if blank(dob_v) else parse_date(dob_v)
    if dob is None:
        if str(dob_v).strip().lower() != "unknown":
            E(f"unparseable DOB {dob_v!r}")
        ok = False
    elif not 16 <= age(dob, qe) <= 65:
        E(f"DOB {dob} age {age(dob, qe)}")
        ok = False
    svc = first("service_date")
    if "service_date" in by:
        d = parse_date(svc) if not blank(svc) else None
        if d is None or not qs <= d <= qe:
            E(f"service date {svc!r} outside quarter")
            ok = False
        st = first("start_date")
        if d and not blank(st) and parse_date(st) > d:
            E("start after service")
    if "start_date" in by and (blank(first("start_date")) or parse_date(first("start_date")) is None):
        E(f"bad start date {first('start_date')!r}")
    for t, lo, hi in (("sessions_attended", 0, 40), ("wellbeing_start", 1, 10),
                      ("wellbeing_end", 1, 10)):
        if t in by and not lo <= int(first(t)) <= hi:
            E(f"{t} out of range {first(t)}")
    for v in by.get("ethnicity", []):
        if blank(v):
            continue
        for part in re.split(r"\s*[;/,]\s*", str(v)):
            if part not in ETH_LABELS and part not in ETH_CODES:
                E(f"bad ethnicity value {part!r}")
    if "ethnicity" in by and all(blank(v) for v in by["ethnicity"]):
        E("no ethnicity")
    return bool(ok)


def run(out: pathlib.Path):
    errs = []
    stats = dict(files=0, columns=0, rows=0, invalid=0)
    truths = []
    for lid in [f"FINAL{i:02d}" for i in range(1, 21)]:
        tp = out / lid / "truth.json"
        if not tp.is_file():
            errs.append(f"{lid}: no truth.json")
            continue
        truth = json.loads(tp.read_text(encoding="utf-8"))
        truths.append(truth)
        if truth["layout_id"] != lid:
            errs.append(f"{lid}: layout_id mismatch")
        check_layout(out, truth, errs, stats)
    provs = [t["provider"] for t in truths]
    if len(set(provs)) != len(provs):
        errs.append("provider slugs not unique")
    feats = {}
    for t in truths:
        for f in t["features"]:
            feats[f] = feats.get(f, 0) + 1
    # shapes derived from the truth itself (not only the declared features)
    derived = {}
    for t in truths:
        s = set()
        for f in t["files"]:
            s.add({"utf-8": "csv-utf8", "utf-8-sig": "utf-8-bom", "cp1252": "cp1252",
                   "utf-16": "utf-16-bom", None: f["format"]}[f["encoding"]])
            s.add({",": "delim-comma", ";": "delim-semicolon", "\t": "delim-tab",
                   "|": "delim-pipe", None: f["format"]}[f["delimiter"]])
            if f["format"] == "csv.gz":
                s.add("gzip")
            if any(c["group"] for tb in f["tables"] for c in tb["columns"]):
                s.add("merged-header")
            if len(f["tables"]) > 1:
                s.add("xlsx-two-sheets" if f["format"] == "xlsx" else "multi-sheet")
        if len(t["files"]) == 2:
            s.add("two-files")
        for x in s:
            derived[x] = derived.get(x, 0) + 1
    for shape in REQUIRED_SHAPES:
        n = max(feats.get(shape, 0), derived.get(shape, 0))
        if n < 2:
            errs.append(f"shape {shape} appears {n} times (<2)")
    return errs, stats, feats


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=pathlib.Path)
    a = ap.parse_args()
    if a.out:
        errs, stats, feats = run(a.out)
    else:
        with tempfile.TemporaryDirectory() as d1, tempfile.TemporaryDirectory() as d2:
            t0 = time.time()
            subprocess.run([sys.executable, str(HERE / "generator.py"), "--out", d1], check=True)
            elapsed = time.time() - t0
            subprocess.run([sys.executable, str(HERE / "generator.py"), "--out", d2], check=True)

            def digest(d):
                h = hashlib.sha256()
                for p in sorted(pathlib.Path(d).rglob("*")):
                    if p.is_file():
                        h.update(str(p.relative_to(d)).encode() + p.read_bytes())
                return h.hexdigest()
            errs, stats, feats = run(pathlib.Path(d1))
            if digest(d1) != digest(d2):
                errs.append("output not byte-identical across runs")
            if elapsed > 20:
                errs.append(f"generation took {elapsed:.1f}s")
            print(f"generation {elapsed:.2f}s; deterministic={digest(d1) == digest(d2)}")
    print(json.dumps(stats))
    print("features:", json.dumps(dict(sorted(feats.items())), ensure_ascii=False))
    for e in errs[:60]:
        print("ERROR", e)
    print(f"{len(errs)} errors")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
