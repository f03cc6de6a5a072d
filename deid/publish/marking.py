"""Demo marking: every file a demo-key release writes says so, in the way its format carries it.

The demo key is public, so anything pseudonymised with it is not protected. A file copied out
of a demo release must still say where it came from, whichever file it is:

- tabular data (CSV): a `demo_key_notice` column, and a CSVW companion
  (`<file>.csv-metadata.json`) that says it too;
- JSON: a top-level `demo_key_notice` field;
- Parquet: `deid:demo_key_notice` in the file's key-value metadata;
- Markdown: a first line;
- HTML and PDF: the title (and a banner on the page).

`check_marked` refuses a demo release file that carries no mark, so a new writer cannot
forget it.
"""
from __future__ import annotations

from typing import Any

import polars as pl

from deid.errors import PublishError
from deid.pseudonymise import DEMO_KEY_LABEL

DEMO_FIELD = "demo_key_notice"
DEMO_NOTICE = DEMO_KEY_LABEL
PARQUET_DEMO_KEY = f"deid:{DEMO_FIELD}"
DEMO_TITLE = DEMO_KEY_LABEL.partition(":")[0]   # "DEMO KEY": begins the title of every HTML page and PDF
CSVW_SUFFIX = "-metadata.json"  # W3C CSV on the Web: <file>.csv-metadata.json describes <file>.csv


def mark_frame(frame: pl.DataFrame, demo: bool) -> pl.DataFrame:
    """The frame with a `demo_key_notice` column on every row, in a demo release."""
    if not demo or DEMO_FIELD in frame.columns:
        return frame
    return frame.with_columns(pl.lit(DEMO_NOTICE, dtype=pl.Utf8).alias(DEMO_FIELD))


def mark_payload(payload: Any, demo: bool) -> Any:
    """A JSON object with `demo_key_notice` first, in a demo release."""
    if not demo:
        return payload
    if not isinstance(payload, dict):
        raise PublishError(f"a demo release writes JSON objects only, so each can carry '{DEMO_FIELD}'; got {type(payload).__name__}")
    return {DEMO_FIELD: DEMO_NOTICE, **{k: v for k, v in payload.items() if k != DEMO_FIELD}}


def mark_markdown(text: str, demo: bool) -> str:
    if not demo or text.startswith(f"> {DEMO_NOTICE}"):
        return text
    return f"> {DEMO_NOTICE}\n\n{text}"


def csv_companion(csv_name: str, frame: pl.DataFrame, description: str) -> dict[str, Any]:
    """CSVW metadata for a CSV of a demo release: its columns, and the notice."""
    return {
        "@context": "http://www.w3.org/ns/csvw", "url": csv_name, "dc:description": description,
        DEMO_FIELD: DEMO_NOTICE,
        "tableSchema": {"columns": [{"name": c, "titles": c, "datatype": "number" if frame.schema[c].is_numeric() else "string"}
                                    for c in frame.columns]},
    }


def check_marked(relative: str, data: bytes) -> None:
    """Refuse a file of a demo release that does not carry its mark where its format puts it.

    Raises:
        PublishError: naming the file, where the mark was expected and the rule.
    """
    where = {".html": "its <title>", ".pdf": "its document title", ".md": "its first line",
             ".csv": f"a '{DEMO_FIELD}' column", ".json": f"a top-level '{DEMO_FIELD}' field",
             ".parquet": f"'{PARQUET_DEMO_KEY}' in its metadata"}
    suffix = "." + relative.rsplit(".", 1)[-1]
    if suffix not in where:
        raise PublishError(f"'{relative}': a demo release cannot mark a {suffix} file; only {sorted(where)} are written")
    if not is_marked(suffix, data):
        raise PublishError(f"'{relative}': a demo-key release must mark every file; {where[suffix]} does not say "
                           f"'{DEMO_TITLE if suffix in {'.html', '.pdf'} else DEMO_NOTICE}'")


def is_marked(suffix: str, data: bytes) -> bool:
    """Whether a file's bytes carry the demo mark for its format."""
    if suffix == ".html":
        text = data.decode("utf-8")
        start = text.find("<title>")
        return start >= 0 and text[start + len("<title>"):].startswith(DEMO_TITLE)
    if suffix == ".pdf":
        import io

        from pypdf import PdfReader

        information = PdfReader(io.BytesIO(data)).metadata
        title = (information.get("/Title") if information is not None else None) or ""
        return str(title).startswith(DEMO_TITLE)
    if suffix == ".md":
        return data.decode("utf-8").startswith(f"> {DEMO_NOTICE}")
    if suffix == ".csv":
        header = data.decode("utf-8").split("\n", 1)[0]
        return DEMO_FIELD in header.split(",")
    if suffix == ".json":
        import json

        payload = json.loads(data)
        return isinstance(payload, dict) and payload.get(DEMO_FIELD) == DEMO_NOTICE
    if suffix == ".parquet":
        import io

        import pyarrow.parquet as pq

        metadata = pq.read_schema(io.BytesIO(data)).metadata or {}
        return PARQUET_DEMO_KEY.encode() in metadata
    return False
