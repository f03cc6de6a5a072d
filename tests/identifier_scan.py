"""Collect every identifier from the input submissions and find any in released files.

Used by the end-to-end tests; kept apart so a steward can run the same scan by hand.
"""
from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path

import polars as pl

from deid.ingest import ingest_file, load_provider_mapping
from deid.io import discover_submissions
from deid.standards import Standards

IDENTIFIER_FIELDS = ("full_name", "family_name", "given_names", "caregiver_name", "nhi", "ird", "phone", "email", "address")


def _variants(field: str, value: str) -> set[str]:
    value = unicodedata.normalize("NFC", value.strip())
    out = {value}
    if field in {"full_name", "family_name", "given_names", "caregiver_name"}:
        if "," in value:
            family, _, given = value.partition(",")
            out |= {family.strip(), given.strip(), f"{given.strip()} {family.strip()}"}
        out |= {w for w in re.split(r"[\s,]+", value) if len(w) >= 4}  # individual name words
    if field in {"nhi", "ird", "phone"}:
        out.add(re.sub(r"[\s\-()+]", "", value))
    if field == "address":
        out = {value}  # the whole typed address, and its street line
        out.add(value.split(",")[0].strip())
    return {v for v in out if len(v) >= 4}


def collect_identifiers(landing: Path, quarters: list[str], standards: Standards) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {f: set() for f in IDENTIFIER_FIELDS}
    for quarter in quarters:
        for sub in discover_submissions(landing, quarter):
            frame, _ = ingest_file(sub.path.read_bytes(), file_name=sub.path.name, sha256=sub.sha256, provider=sub.provider,
                                   quarter=quarter, run_id="scan", standards=standards,
                                   confirmed=load_provider_mapping(standards, sub.provider))[0]
            for field in IDENTIFIER_FIELDS:
                for value in frame.get_column(field).drop_nulls().to_list():
                    found[field] |= _variants(field, str(value))
    return found


def pdf_text(path: Path) -> str:
    """The text of every page of a PDF, as a reader would copy it."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def release_texts(release_dir: Path) -> dict[str, str]:
    manifest = json.loads((release_dir / "manifest.json").read_text(encoding="utf-8"))
    texts = {}
    for entry in manifest["files"]:
        path = release_dir / entry["path"]
        if path.suffix == ".parquet":
            buffer = io.StringIO()
            pl.read_parquet(path).write_csv(buffer)
            texts[entry["path"]] = buffer.getvalue()
        elif path.suffix == ".pdf":
            texts[entry["path"]] = pdf_text(path)
        else:
            texts[entry["path"]] = path.read_text(encoding="utf-8")
    texts["manifest.json"] = (release_dir / "manifest.json").read_text(encoding="utf-8")
    return texts


def find_leaks(identifiers: dict[str, set[str]], texts: dict[str, str]) -> list[tuple[str, str, str]]:
    """(file, field, identifier) for each identifier found as a whole word, ignoring case and macrons."""
    def fold(s: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).casefold()

    folded_texts = {name: fold(text) for name, text in texts.items()}
    by_folded: dict[str, list[tuple[str, str]]] = {}
    for field, values in identifiers.items():
        for value in values:
            by_folded.setdefault(fold(value), []).append((field, value))
    # One alternation per text (longest first) instead of one pattern per identifier: same matches, far faster.
    alternatives = "|".join(re.escape(v) for v in sorted(by_folded, key=len, reverse=True))
    pattern = re.compile(r"(?<![\w@.])(?:" + alternatives + r")(?![\w@])")
    leaks = []
    for name, text in folded_texts.items():
        found = {match.group(0) for match in pattern.finditer(text)}  # empty exactly when no identifier occurs
        for value in sorted(found):
            leaks += [(name, field, original) for field, original in by_folded[value]]
    return leaks
