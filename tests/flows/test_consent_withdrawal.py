"""A person who consented last quarter and withdraws this quarter: the release tells the researchers holding last
quarter's extract to delete their rows, naming them only by the pseudonym they already hold."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import polars as pl

from tests.conftest import SAMPLES

PROVIDER = "kainga-support"


def _withdraw(q2: Path, q3: Path, persons: int) -> list[str]:
    """Set 'Evaluation consent' to 'no' in q3 for the first `persons` NHIs that said yes in q2; their NHIs."""
    def rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
        reader = csv.DictReader(io.StringIO(path.read_bytes().decode("latin-1")))
        return list(reader.fieldnames or []), list(reader)
    _, earlier = rows(q2)
    said_yes = {r["NHI No"] for r in earlier if r["NHI No"] and (r["Evaluation consent"] or "").lower() == "yes"}
    header, later = rows(q3)
    chosen = sorted({r["NHI No"] for r in later if r["NHI No"] in said_yes})[:persons]
    for row in later:
        if row["NHI No"] in chosen:
            row["Evaluation consent"] = "no"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(later)
    q3.write_bytes(out.getvalue().encode("latin-1"))
    return chosen


def test_when_consent_is_withdrawn_then_the_release_lists_the_earlier_pseudonyms_to_delete(tmp_path):
    from flows.quarterly import run_quarter

    landing, state = tmp_path / "landing", tmp_path / "state"
    for quarter in ("2026Q2", "2026Q3"):
        shutil.copytree(SAMPLES / PROVIDER / quarter, landing / PROVIDER / quarter)
    q2_file, q3_file = (next((landing / PROVIDER / q).iterdir()) for q in ("2026Q2", "2026Q3"))
    assert len(_withdraw(q2_file, q3_file, 3)) == 3
    first = run_quarter("2026Q2", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    second = run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(state), demo_key=True)
    earlier = set(pl.read_parquet(Path(first["release_dir"]) / "evaluation" / "evaluation_extract.parquet").get_column("person_id"))
    later = set(pl.read_parquet(Path(second["release_dir"]) / "evaluation" / "evaluation_extract.parquet").get_column("person_id"))
    notice = pl.read_csv(Path(second["release_dir"]) / "evaluation" / "consent_withdrawn.csv", comment_prefix="#")
    listed = set(notice.get_column("person_id"))
    assert 1 <= len(listed) <= 3 and listed <= earlier and not listed & later   # only what the researchers already hold
    assert all(first["run_id"] in where for where in notice.get_column("released_in"))
    provenance = json.loads((Path(second["release_dir"]) / "evaluation" / "provenance.json").read_text(encoding="utf-8"))
    assert provenance["consent_withdrawn"]["persons"] == len(listed)
    assert "Consent withdrawn" in (Path(second["release_dir"]) / "evaluation" / "PROVENANCE.md").read_text(encoding="utf-8")
    assert any("withdrew their consent" in w for w in second["warnings"])
    assert not (Path(second["release_dir"]) / "service-delivery" / "consent_withdrawn.csv").exists()
