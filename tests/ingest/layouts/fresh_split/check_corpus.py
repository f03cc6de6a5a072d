#!/usr/bin/env python3
"""Independent check of the FRESH corpus written by generator.py.

    python check_corpus.py [--out DIR]     (default: a temporary directory)

Regenerates the corpus twice (determinism), then for every layout checks that
truth.json parses and has the agreed shape, every file exists and opens with the
declared format/encoding/delimiter, the header row matches the truth headers
(and merged group labels), row counts match, NHI/IRD values pass their check
digits, ethnicity values are Stats NZ level-2 labels/codes, and valid_rows equals
an independent recount.  Exits non-zero on any problem.
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
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generator  # noqa: E402

TARGETS = {
    "client_ref", "full_name", "family_name", "given_names", "date_of_birth", "nhi", "ird",
    "phone", "email", "address", "address_street", "address_suburb", "address_town",
    "address_postcode", "caregiver_name", "key_worker", "ethnicity", "iwi", "gender",
    "consent_evaluation", "programme", "referral_source", "service_date", "start_date",
    "sessions_attended", "outcome_status", "wellbeing_start", "wellbeing_end", "case_notes", None,
}
ETH_LABELS = {"New Zealand European", "Māori", "Maori", "Samoan", "Cook Islands Māori",
              "Cook Islands Maori", "Tongan", "Niuean", "Fijian", "Chinese", "Indian",
              "Southeast Asian", "Other Asian", "Middle Eastern", "Latin American", "African",
              "Other European", "Other Ethnicity"}
ETH_CODES = {"11", "12", "21", "31", "32", "33", "34", "36", "41", "42", "43", "44", "51", "52",
             "53", "61"}
QUARTERS = {
    "2026Q1": (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    "2026Q2": (dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    "2026Q3": (dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
    "2026Q4": (dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
}
NHI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
PY_ENC = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "windows-1252": "windows-1252",
          "utf-16": "utf-16"}
DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d-%b-%Y", "%d %b %Y"]

problems: list[str] = []


def bad(msg):
    problems.append(msg)


def nhi_ok(s):
    s = str(s)
    if len(s) != 7 or any(c not in NHI_LETTERS for c in s[:3]) or not s[3:].isdigit():
        return False
    vals = [NHI_LETTERS.index(c) + 1 for c in s[:3]] + [int(c) for c in s[3:6]]
    rem = sum(v * w for v, w in zip(vals, (7, 6, 5, 4, 3, 2), strict=False)) % 11
    if rem == 0:
        return False
    chk = 11 - rem
    chk = 0 if chk == 10 else chk
    return chk == int(s[6])


def ird_ok(s):
    digits = "".join(c for c in str(s) if c.isdigit())
    if len(str(s).replace("-", "").replace(" ", "")) != len(digits) or not 8 <= len(digits) <= 9:
        return False
    n = int(digits)
    if not 10_000_000 <= n <= 150_000_000:
        return False
    d = [int(c) for c in f"{n:09d}"]
    for w in ((3, 2, 7, 6, 5, 4, 3, 2), (7, 4, 3, 2, 5, 2, 7, 6)):
        r = sum(a * b for a, b in zip(d[:8], w, strict=False)) % 11
        c = 0 if r == 0 else 11 - r
        if c != 10:
            return c == d[8]
    return False


def parse_date(v):
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    s = str(v).strip()
    for f in DATE_FORMATS:
        try:
            return dt.datetime.strptime(s, f).date()
        except ValueError:
            pass
    return None


def age_at(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def blank(v):
    return v is None or (isinstance(v, str) and v.strip() == "")


# --------------------------------------------------------------------------- readers
def read_csv(path, f):
    raw = path.read_bytes()
    if f["format"] == "csv.gz":
        if raw[:2] != b"\x1f\x8b":
            bad(f"{path.name}: not gzip")
        raw = gzip.decompress(raw)
    enc = f["encoding"]
    if enc == "utf-8-sig" and not raw.startswith(b"\xef\xbb\xbf"):
        bad(f"{path.name}: missing UTF-8 BOM")
    if enc == "utf-8" and raw.startswith(b"\xef\xbb\xbf"):
        bad(f"{path.name}: unexpected BOM")
    if enc == "utf-16" and raw[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        bad(f"{path.name}: missing UTF-16 BOM")
    if enc == "windows-1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                bad(f"{path.name}: windows-1252 file also decodes as UTF-8")
        except UnicodeDecodeError:
            pass
    text = raw.decode(PY_ENC[enc])
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=f["delimiter"]))
    return {None: rows}, {}


def read_xlsx(path, f):
    import openpyxl
    wb = openpyxl.load_workbook(path)
    sheets, merged = {}, {}
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        sheets[ws.title] = rows
        m = {}
        for rng in ws.merged_cells.ranges:
            label = ws.cell(rng.min_row, rng.min_col).value
            for c in range(rng.min_col, rng.max_col + 1):
                m[(rng.min_row, c)] = label
        merged[ws.title] = m
    return sheets, merged


def read_ods(path, f):
    with zipfile.ZipFile(path) as z:
        first = z.infolist()[0]
        if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED:
            bad(f"{path.name}: mimetype not first/stored")
        if z.read("mimetype") != b"application/vnd.oasis.opendocument.spreadsheet":
            bad(f"{path.name}: bad mimetype")
        z.read("META-INF/manifest.xml")
        root = ET.fromstring(z.read("content.xml"))
    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}
    sheets = {}
    for t in root.iter(f"{{{ns['table']}}}table"):
        name = t.get(f"{{{ns['table']}}}name")
        rows = []
        for r in t.findall("table:table-row", ns):
            row = []
            for c in r.findall("table:table-cell", ns):
                rep = int(c.get(f"{{{ns['table']}}}number-columns-repeated", "1"))
                ps = c.findall("text:p", ns)
                val = "\n".join("".join(p.itertext()) for p in ps) if ps else None
                if val is not None and c.get(f"{{{ns['office']}}}value-type") != "string":
                    bad(f"{path.name}: non-string cell")
                row.extend([val] * rep)
            rows.append(row)
        sheets[name] = rows
    return sheets, {}


# --------------------------------------------------------------------------- checks
def cell(row, i):
    return row[i] if i < len(row) else None


def check_layout(root, truth, all_providers):
    lid = truth["layout_id"]
    for key in ("layout_id", "provider", "quarter", "features", "files"):
        if key not in truth:
            bad(f"{lid}: missing {key}")
    if set(truth) != {"layout_id", "provider", "quarter", "features", "files"}:
        bad(f"{lid}: unexpected keys {set(truth)}")
    q = truth["quarter"]
    qs, qe = QUARTERS[q]
    if truth["provider"] in all_providers:
        bad(f"{lid}: provider slug reused")
    all_providers.add(truth["provider"])
    stats = {"cols": 0, "rows": 0}
    for f in truth["files"]:
        if set(f) != {"name", "format", "encoding", "delimiter", "rows", "valid_rows", "tables"}:
            bad(f"{lid}: file keys {set(f)}")
        path = root / lid / "landing" / truth["provider"] / q / f["name"]
        if not path.exists():
            bad(f"{lid}: missing file {path}")
            continue
        fmt = f["format"]
        if fmt in ("csv", "tsv", "txt", "csv.gz"):
            sheets, merged = read_csv(path, f)
        elif fmt == "xlsx":
            if f["encoding"] is not None or f["delimiter"] is not None:
                bad(f"{lid}: xlsx with encoding/delimiter")
            sheets, merged = read_xlsx(path, f)
        elif fmt == "ods":
            sheets, merged = read_ods(path, f)
        else:
            bad(f"{lid}: unknown format {fmt}")
            continue
        if not 80 <= f["rows"] <= 200:
            bad(f"{lid}/{f['name']}: rows {f['rows']} outside 80-200")
        if not 0 <= f["rows"] - f["valid_rows"] <= 3:
            bad(f"{lid}/{f['name']}: invalid count {f['rows'] - f['valid_rows']}")
        total = valid = 0
        for t in f["tables"]:
            if set(t) != {"sheet", "header_row", "rows", "columns"}:
                bad(f"{lid}: table keys {set(t)}")
            if t["sheet"] not in sheets:
                bad(f"{lid}/{f['name']}: sheet {t['sheet']!r} not found")
                continue
            rows = sheets[t["sheet"]]
            hr = t["header_row"]
            header = rows[hr - 1]
            cols = t["columns"]
            stats["cols"] += len(cols)
            if [c["index"] for c in cols] != list(range(len(cols))):
                bad(f"{lid}: column indexes not contiguous")
            for c in cols:
                if set(c) != {"index", "header", "group", "target"}:
                    bad(f"{lid}: column keys {set(c)}")
                if c["target"] not in TARGETS:
                    bad(f"{lid}: bad target {c['target']}")
                got = cell(header, c["index"])
                if got != c["header"]:
                    bad(f"{lid}/{t['sheet']}: header {c['index']} {got!r} != {c['header']!r}")
                if c["group"] is not None:
                    g = merged.get(t["sheet"], {}).get((hr - 1, c["index"] + 1))
                    if g is None:
                        g = cell(rows[hr - 2], c["index"])
                    if g != c["group"]:
                        bad(f"{lid}: group of {c['header']!r} is {g!r} not {c['group']!r}")
            extra = [v for v in header[len(cols):] if not blank(v)]
            if extra:
                bad(f"{lid}: unlisted header cells {extra}")
            data = rows[hr:]
            while data and all(blank(v) for v in data[-1]):
                data.pop()
            if len(data) != t["rows"]:
                bad(f"{lid}/{t['sheet']}: {len(data)} data rows != truth {t['rows']}")
            by = {}
            for c in cols:
                by.setdefault(c["target"], []).append(c["index"])
            for row in data:
                total += 1
                ok = True
                names = [cell(row, i) for tg in ("full_name", "family_name", "given_names")
                         for i in by.get(tg, [])]
                if all(blank(v) for v in names):
                    ok = False
                dob = cell(row, by["date_of_birth"][0])
                d = parse_date(dob) if not blank(dob) else None
                if d is None or not 16 <= age_at(d, qe) <= 65:
                    ok = False
                for i in by.get("nhi", []):
                    v = cell(row, i)
                    if not blank(v) and not nhi_ok(v):
                        bad(f"{lid}: bad NHI {v}")
                        ok = False
                for i in by.get("ird", []):
                    v = cell(row, i)
                    if not blank(v) and not ird_ok(v):
                        bad(f"{lid}: bad IRD {v}")
                        ok = False
                for i in by.get("service_date", []):
                    v = cell(row, i)
                    sd = parse_date(v) if not blank(v) else None
                    if not blank(v) and (sd is None or not qs <= sd <= qe):
                        bad(f"{lid}: service date {v} outside {q}")
                        ok = False
                for i in by.get("start_date", []):
                    v = cell(row, i)
                    if not blank(v) and (parse_date(v) is None or parse_date(v) > qe):
                        bad(f"{lid}: start date {v} bad")
                for i in by.get("ethnicity", []):
                    v = cell(row, i)
                    if blank(v):
                        continue
                    parts = [p.strip() for p in str(v).replace(";", ",").replace("/", ",").split(",")]
                    for p in parts:
                        if p not in ETH_LABELS and p not in ETH_CODES:
                            bad(f"{lid}: ethnicity value {p!r}")
                for tg, lo, hi in (("sessions_attended", 0, 40), ("wellbeing_start", 1, 10),
                                   ("wellbeing_end", 1, 10)):
                    for i in by.get(tg, []):
                        v = cell(row, i)
                        if not blank(v) and not lo <= int(v) <= hi:
                            bad(f"{lid}: {tg} {v} out of range")
                valid += ok
        if total != f["rows"]:
            bad(f"{lid}/{f['name']}: counted {total} rows, truth {f['rows']}")
        if valid != f["valid_rows"]:
            bad(f"{lid}/{f['name']}: recount valid {valid}, truth {f['valid_rows']}")
        stats["rows"] += total
    tj = json.loads((root / lid / "truth.json").read_text(encoding="utf-8"))
    if tj != truth:
        bad(f"{lid}: truth.json differs from returned dict")
    return stats


def digest(root):
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(root)).encode())
            if p.suffix == ".xlsx":  # compare cell values, not zip metadata
                import openpyxl
                wb = openpyxl.load_workbook(p)
                for ws in wb.worksheets:
                    h.update(repr(list(ws.iter_rows(values_only=True))).encode())
            else:
                h.update(p.read_bytes())
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=pathlib.Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or pathlib.Path(tmp) / "a"
        t0 = time.time()
        truths = generator.generate(out)
        elapsed = time.time() - t0
        if elapsed > 20:
            bad(f"generation took {elapsed:.1f}s")
        truths2 = generator.generate(pathlib.Path(tmp) / "b")
        if truths != truths2 or digest(out) != digest(pathlib.Path(tmp) / "b"):
            bad("generation is not deterministic")
        ids = [t["layout_id"] for t in truths]
        if ids != [f"FRESH{i:02d}" for i in range(1, 21)]:
            bad(f"layout ids {ids}")
        providers = set()
        ncols = nrows = 0
        for t in truths:
            s = check_layout(out, t, providers)
            ncols += s["cols"]
            nrows += s["rows"]
        print(f"{len(truths)} layouts, {ncols} table columns, {nrows} data rows, "
              f"generated in {elapsed:.2f}s")
    if problems:
        print(f"{len(problems)} PROBLEMS:")
        for p in problems[:60]:
            print("  -", p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
