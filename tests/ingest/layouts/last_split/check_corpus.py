#!/usr/bin/env python3
"""Independent checker for the last_split corpus.

    python check_corpus.py --out DIR      (DIR as given to generator.py --out)
    python check_corpus.py                (generates into a temp dir first)

Re-reads every file from disk without using the generator's renderers: truths
parse and have the exact shape, files exist and open in the declared format /
encoding / delimiter, header text (and merged group labels) match, row counts
match, identifiers pass their check digits, and valid_rows is recounted.
"""
from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import gzip
import io
import json
import pathlib
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

import openpyxl

HERE = pathlib.Path(__file__).resolve().parent

TARGETS = {
    "client_ref", "full_name", "family_name", "given_names", "date_of_birth", "nhi", "ird", "phone",
    "email", "address", "address_street", "address_suburb", "address_town", "address_postcode",
    "caregiver_name", "key_worker", "ethnicity", "iwi", "gender", "consent_evaluation", "programme",
    "referral_source", "service_date", "start_date", "sessions_attended", "outcome_status",
    "wellbeing_start", "wellbeing_end", "case_notes",
}
ETH_LABELS = {"New Zealand European", "Māori", "Samoan", "Cook Islands Māori", "Tongan", "Niuean",
              "Fijian", "Chinese", "Indian", "Southeast Asian", "Other Asian", "Middle Eastern",
              "Latin American", "African", "Other European", "Other Ethnicity"}
ETH_CODES = {"11", "12", "21", "31", "32", "33", "34", "36", "41", "42", "43", "44", "51", "52", "53", "61"}
GENDERS = {"male", "female", "another gender", "m", "f", "x", "1", "2", "3", "tāne", "tane", "wahine"}
CONSENT = {"yes", "no", "y", "n", "true", "false", "consented", "declined", "āe", "kāo", "ae", "kao"}
OUTCOMES = {"achieved", "partly achieved", "not achieved", "ongoing", "exited early", "goal met",
            "partial", "not met", "in progress", "withdrew"}
QUARTERS = {
    "2026Q1": (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    "2026Q2": (dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    "2026Q3": (dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
    "2026Q4": (dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
}
NHI_ALPHA = "ABCDEFGHJKLMNPQRSTUVWXYZ"
MON = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                                        "oct", "nov", "dec"])}

errors: list[str] = []


def err(msg):
    errors.append(msg)


def nhi_ok(s):
    s = s.strip().upper()
    if not re.fullmatch(r"[A-HJ-NP-Z]{3}\d{4}", s):
        return False
    v = [NHI_ALPHA.index(c) + 1 for c in s[:3]] + [int(c) for c in s[3:6]]
    r = sum(a * b for a, b in zip(v, (7, 6, 5, 4, 3, 2), strict=False)) % 11
    if r == 0:
        return False
    c = 11 - r
    return (0 if c == 10 else c) == int(s[6])


def ird_ok(s):
    d = re.sub(r"\D", "", s)
    if len(d) not in (8, 9) or len(re.sub(r"[\d\- ]", "", s)):
        return False
    n = int(d)
    if not 10_000_000 <= n <= 150_000_000:
        return False
    p = [int(c) for c in f"{n:09d}"]
    r = sum(a * b for a, b in zip(p[:8], (3, 2, 7, 6, 5, 4, 3, 2), strict=False)) % 11
    c = 0 if r == 0 else 11 - r
    if c == 10:
        r = sum(a * b for a, b in zip(p[:8], (7, 4, 3, 2, 5, 2, 7, 6), strict=False)) % 11
        c = 0 if r == 0 else 11 - r
        if c == 10:
            return False
    return c == p[8]


def parse_date(v):
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    s = str(v).strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", s)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    m = re.fullmatch(r"(\d{1,2})[ \-]([A-Za-z]{3})[ \-](\d{4})", s)
    if m:
        return dt.date(int(m[3]), MON[m[2].lower()], int(m[1]))
    return None


def txt(v):
    if v is None:
        return ""
    return str(v).strip()


# ---------------------------------------------------------------- readers
def read_delimited(path, f):
    raw = path.read_bytes()
    if f["format"] == "csv.gz":
        if raw[:2] != b"\x1f\x8b":
            err(f"{path.name}: not gzip")
        raw = gzip.decompress(raw)
    enc = f["encoding"]
    if enc == "utf-8-sig" and not raw.startswith(b"\xef\xbb\xbf"):
        err(f"{path.name}: missing UTF-8 BOM")
    if enc == "utf-8" and raw.startswith(b"\xef\xbb\xbf"):
        err(f"{path.name}: unexpected BOM")
    if enc == "utf-16" and raw[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        err(f"{path.name}: missing UTF-16 BOM")
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                err(f"{path.name}: cp1252 file also decodes as UTF-8 (no cp1252-specific bytes)")
        except UnicodeDecodeError:
            pass
    text = raw.decode(enc)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=f["delimiter"]))
    return {None: rows}


def read_xlsx(path):
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        out[ws.title] = (rows, ws)
    return out, wb


def read_ods(path):
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        if infos[0].filename != "mimetype" or infos[0].compress_type != zipfile.ZIP_STORED:
            err(f"{path.name}: mimetype not first/stored")
        if z.read("mimetype") != b"application/vnd.oasis.opendocument.spreadsheet":
            err(f"{path.name}: bad mimetype")
        z.read("META-INF/manifest.xml")
        root = ET.fromstring(z.read("content.xml"))
    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}
    T = "{{{}}}".format(ns["table"])
    out = {}
    for tbl in root.iter(T + "table"):
        rows = []
        spans = []
        for tr in tbl.findall(T + "table-row"):
            row, rspans = [], []
            for cell in tr:
                rep = int(cell.get(T + "number-columns-repeated", "1"))
                if cell.tag == T + "covered-table-cell":
                    row.extend([None] * rep)
                    continue
                ps = cell.findall("{{{}}}p".format(ns["text"]))
                val = "\n".join("".join(p.itertext()) for p in ps) if ps else None
                span = int(cell.get(T + "number-columns-spanned", "1"))
                rspans.append((len(row), span))
                row.extend([val] * rep)
            rows.append(row)
            spans.append(rspans)
        out[tbl.get(T + "name")] = (rows, spans)
    return out


# ---------------------------------------------------------------- checks
def check_headers(label, header_vals, group_lookup, cols):
    width = len([h for h in header_vals if txt(h) != ""]) if header_vals else 0
    if len(cols) != len(header_vals) and any(txt(h) for h in header_vals[len(cols):]):
        err(f"{label}: header has extra non-empty cells beyond truth columns")
    for c in cols:
        i = c["index"]
        got = header_vals[i] if i < len(header_vals) else None
        if c["header"] != (got if got is not None else ""):
            # vertically merged single-row label lives in the group row
            alt = group_lookup(i, vertical=True)
            if not (c["group"] is None and alt == c["header"]):
                err(f"{label}: col {i} header {got!r} != truth {c['header']!r}")
        if c["group"] is not None and group_lookup(i) != c["group"]:
            err(f"{label}: col {i} group {group_lookup(i)!r} != truth {c['group']!r}")
    return width


def row_problems(vals, cols, quarter):
    """Return list of reasons a row is invalid (empty list = valid)."""
    qs, qe = QUARTERS[quarter]
    probs = []
    by = collections.defaultdict(list)
    for c in cols:
        v = vals[c["index"]] if c["index"] < len(vals) else None
        by[c["target"]].append(v)
    names = [txt(v) for t in ("full_name", "family_name", "given_names") for v in by.get(t, [])]
    if not any(names):
        probs.append("no name")
    if "full_name" not in by and "family_name" in by and not all(txt(v) for v in by["family_name"] + by["given_names"]):
        probs.append("partial name")
    for v in by.get("date_of_birth", []):
        d = parse_date(v) if txt(v) else None
        if d is None:
            probs.append(f"bad dob {v!r}")
        else:
            age = qe.year - d.year - ((qe.month, qe.day) < (d.month, d.day))
            if not 16 <= age <= 65:
                probs.append(f"age {age}")
    for v in by.get("nhi", []):
        if txt(v) and not nhi_ok(txt(v)):
            probs.append(f"bad nhi {v!r}")
    for v in by.get("ird", []):
        if txt(v) and not ird_ok(txt(v)):
            probs.append(f"bad ird {v!r}")
    for v in by.get("service_date", []):
        if txt(v):
            d = parse_date(v)
            if d is None or not qs <= d <= qe:
                probs.append(f"service date {v!r}")
    return probs


def sanity_values(label, vals, cols, quarter):
    """Hard errors: values that should be right on every row (valid or not)."""
    _qs, qe = QUARTERS[quarter]
    for c in cols:
        v = vals[c["index"]] if c["index"] < len(vals) else None
        s, t = txt(v), c["target"]
        if not s:
            continue
        if t == "ethnicity":
            parts = [p.strip() for p in re.split(r"[;/,]", s) if p.strip()]
            for p in parts:
                if p not in ETH_LABELS and p not in ETH_CODES and p.replace("a", "ā", 1) not in ETH_LABELS \
                        and p.replace("Maori", "Māori") not in ETH_LABELS:
                    err(f"{label}: ethnicity value {p!r}")
        elif t == "gender" and s.lower() not in GENDERS:
            err(f"{label}: gender {s!r}")
        elif t == "consent_evaluation" and s.lower() not in CONSENT:
            err(f"{label}: consent {s!r}")
        elif t == "outcome_status" and s.lower() not in OUTCOMES:
            err(f"{label}: outcome {s!r}")
        elif t == "sessions_attended" and not (s.isdigit() and 0 <= int(s) <= 40):
            err(f"{label}: sessions {s!r}")
        elif t in ("wellbeing_start", "wellbeing_end") and not (s.isdigit() and 1 <= int(s) <= 10):
            err(f"{label}: wellbeing {s!r}")
        elif t == "start_date":
            d = parse_date(v)
            if d is None or d > qe:
                err(f"{label}: start {s!r}")
        elif t == "email" and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z.]+", s):
            err(f"{label}: email {s!r}")
        elif t == "phone" and not re.fullmatch(r"[\d +()\-]{8,}", s):
            err(f"{label}: phone {s!r}")
        elif t == "address_postcode" and not re.fullmatch(r"\d{3,4}", s):
            err(f"{label}: postcode {s!r}")


def check_layout(d: pathlib.Path, stats):
    truth = json.loads((d / "truth.json").read_text(encoding="utf-8"))
    if list(truth) != ["layout_id", "provider", "quarter", "features", "files"]:
        err(f"{d.name}: truth keys {list(truth)}")
    if truth["layout_id"] != d.name:
        err(f"{d.name}: layout_id mismatch")
    q = truth["quarter"]
    if q not in QUARTERS:
        err(f"{d.name}: quarter {q}")
    landing = d / "landing" / truth["provider"] / q
    on_disk = sorted(p.name for p in landing.iterdir())
    if on_disk != sorted(f["name"] for f in truth["files"]):
        err(f"{d.name}: files on disk {on_disk}")
    stats["providers"].append(truth["provider"])
    for f in truth["files"]:
        if list(f) != ["name", "format", "encoding", "delimiter", "rows", "valid_rows", "tables"]:
            err(f"{d.name}: file keys {list(f)}")
        label = f"{d.name}/{f['name']}"
        path = landing / f["name"]
        fmt = f["format"]
        stats["formats"][fmt] += 1
        if fmt in ("csv", "tsv", "txt", "csv.gz"):
            stats["encodings"][f["encoding"]] += 1
            stats["delimiters"][f["delimiter"]] += 1
            sheets = read_delimited(path, f)
        elif fmt == "xlsx":
            sheets, _wb = read_xlsx(path)
            if f["encoding"] is not None or f["delimiter"] is not None:
                err(f"{label}: xlsx encoding/delimiter should be null")
        elif fmt == "ods":
            sheets = read_ods(path)
        else:
            err(f"{label}: format {fmt}")
            continue
        if not 80 <= f["rows"] <= 200:
            err(f"{label}: rows {f['rows']} outside 80-200")
        total = 0
        invalid = 0
        listed = {t["sheet"] for t in f["tables"]}
        for t in f["tables"]:
            tl = f"{label}[{t['sheet']}]"
            cols = t["columns"]
            if [c["index"] for c in cols] != list(range(len(cols))):
                err(f"{tl}: indices not 0..n-1")
            for c in cols:
                if list(c) != ["index", "header", "group", "target"]:
                    err(f"{tl}: column keys {list(c)}")
                if c["target"] is not None and c["target"] not in TARGETS:
                    err(f"{tl}: unknown target {c['target']}")
                stats["targets"][c["target"]] += 1
            stats["columns"] += len(cols)
            hr = t["header_row"]
            if fmt == "xlsx":
                rows, ws = sheets[t["sheet"]]
                merged = list(ws.merged_cells.ranges)

                def glook(i, vertical=False, ws=ws, merged=merged, hr=hr):
                    for m in merged:
                        if m.min_col <= i + 1 <= m.max_col and m.min_row <= hr - 1 <= m.max_row:
                            if vertical and not (m.min_row == hr - 1 and m.max_row == hr):
                                continue
                            if not vertical and m.max_row >= hr:
                                continue
                            return ws.cell(row=m.min_row, column=m.min_col).value
                    if vertical or hr < 2:
                        return None
                    return ws.cell(row=hr - 1, column=i + 1).value
            elif fmt == "ods":
                rows, spans = sheets[t["sheet"]]

                def glook(i, vertical=False, rows=rows, spans=spans, hr=hr):
                    if vertical or hr < 2:
                        return None
                    for start, n in spans[hr - 2]:
                        if start <= i < start + n:
                            return rows[hr - 2][start]
                    return None
            else:
                rows = sheets[None]

                def glook(i, vertical=False):
                    return None
            header_vals = rows[hr - 1]
            check_headers(tl, header_vals, glook, cols)
            if any(c["group"] for c in cols):
                stats["merged"] += 1
            data = rows[hr:]
            while data and all(txt(v) == "" for v in data[-1]):
                data.pop()
            if any(all(txt(v) == "" for v in r) for r in data):
                err(f"{tl}: blank row inside data")
            if len(data) != t["rows"]:
                err(f"{tl}: {len(data)} data rows on disk, truth says {t['rows']}")
            for n, r in enumerate(data):
                if len(r) < len(cols) and fmt not in ("xlsx", "ods"):
                    err(f"{tl}: row {n} short ({len(r)} cells)")
                sanity_values(f"{tl} row {n}", r, cols, q)
                p = row_problems(r, cols, q)
                if p:
                    invalid += 1
                    stats["invalid_reasons"][p[0].split(" '")[0]] += 1
                # every row's identifiers, when present and row is otherwise valid, pass
            total += len(data)
        if fmt in ("xlsx", "ods"):
            extra = [s for s in sheets if s not in listed]
            stats["cover"] += len(extra)
            if len(f["tables"]) > 1:
                stats["multi_sheet"] += 1
            if fmt == "xlsx" and f["tables"][0]["header_row"] > 1 and not any(
                    c["group"] for c in f["tables"][0]["columns"]):
                stats["title_rows"] += 1
        if total != f["rows"]:
            err(f"{label}: rows total {total} != {f['rows']}")
        if f["rows"] - f["valid_rows"] != invalid:
            err(f"{label}: recount {invalid} invalid, truth says {f['rows'] - f['valid_rows']}")
        if invalid > 3:
            err(f"{label}: {invalid} invalid rows (>3)")
    if len(truth["files"]) == 2:
        stats["two_files"] += 1
    return truth


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=pathlib.Path)
    a = ap.parse_args(argv)
    out = a.out
    if out is None:
        sys.path.insert(0, str(HERE))
        import generator
        out = pathlib.Path(tempfile.mkdtemp(prefix="last_split_"))
        ret = generator.generate(out)
        if len(ret) != 20:
            err(f"generate returned {len(ret)} truths")
        for t in ret:
            disk = json.loads((out / t["layout_id"] / "truth.json").read_text(encoding="utf-8"))
            if disk != t:
                err(f"{t['layout_id']}: returned truth differs from truth.json")
    stats = {"providers": [], "formats": collections.Counter(), "encodings": collections.Counter(),
             "delimiters": collections.Counter(), "targets": collections.Counter(), "columns": 0,
             "merged": 0, "cover": 0, "multi_sheet": 0, "title_rows": 0, "two_files": 0,
             "invalid_reasons": collections.Counter()}
    dirs = sorted(p for p in out.iterdir() if p.is_dir() and p.name.startswith("LAST"))
    if [p.name for p in dirs] != [f"LAST{i:02d}" for i in range(1, 21)]:
        err(f"layout dirs {[p.name for p in dirs]}")
    for d in dirs:
        check_layout(d, stats)
    if len(set(stats["providers"])) != len(stats["providers"]):
        err("provider slugs not unique")
    print("formats   ", dict(stats["formats"]))
    print("encodings ", dict(stats["encodings"]))
    print("delims    ", {repr(k): v for k, v in stats["delimiters"].items()})
    print("merged tables", stats["merged"], "| cover sheets", stats["cover"], "| multi-sheet files",
          stats["multi_sheet"], "| xlsx title-row tables", stats["title_rows"], "| two-file layouts",
          stats["two_files"])
    print("columns   ", stats["columns"])
    print("targets   ", dict(sorted(stats["targets"].items(), key=lambda kv: str(kv[0]))))
    print("invalid   ", dict(stats["invalid_reasons"]))
    if errors:
        print(f"\n{len(errors)} ERRORS")
        for e in errors[:80]:
            print("  ", e)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
