"""Docs that cannot drift: the README's commands, CLI and audiences match the code."""
import re

from typer.testing import CliRunner

from deid.cli import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_names_exactly_the_two_commands_and_ci_runs_the_test_one():
    commands = set(re.findall(r"^python3 dev\.py (\w+)", README, flags=re.MULTILINE))
    assert commands == {"run", "test"}
    assert "python3 dev.py test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_every_deid_command_in_the_readme_exists():
    runner = CliRunner()
    for command in sorted(set(re.findall(r"^deid ([\w-]+)", README, flags=re.MULTILINE))):
        assert runner.invoke(app, [command, "--help"]).exit_code == 0, command


def test_every_audience_of_the_agreement_is_described_in_the_readme(agreement):
    for purpose in agreement.purposes.values():
        assert purpose.audience.replace("-", " ").lower() in README.lower().replace("-", " ")


def test_every_standards_file_is_named_in_the_readme_or_changelog(standards):
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    for path in (REPO / "standards").glob("*.*"):
        assert path.name in changelog, path.name


# --- README command blocks, run as written ----------------------------------------------------------

SKIP_MARKER = re.compile(r"<!--\s*doc-test:\s*skip\s*\((?P<reason>[^)]+)\)\s*-->")
COMMAND_START = ("deid ", "export ", "python3 ", ".venv/bin/python ")
# An input the README's examples name that neither the repository nor the samples hold: a count table for `deid protect`.
COUNTS_CSV = ("region,age_band,clients\n" + "".join(f"{r},{a},{n}\n" for r, a, n in [
    ("Northland", "0-14", 40), ("Northland", "15-24", 2), ("Northland", "All", 42), ("Auckland", "0-14", 25),
    ("Auckland", "15-24", 30), ("Auckland", "All", 55), ("All", "0-14", 65), ("All", "15-24", 32), ("All", "All", 97)]))


def readme_command_blocks() -> list[tuple[int, str | None, list[str]]]:
    """Every fenced block of the README that holds commands: (line, skip reason or None, commands).

    A command is a line starting `deid`, `export`, `python3` or `.venv/bin/python`, with any lines
    ending in a backslash joined to it; comment-only lines are left out.
    """
    blocks, lines = [], README.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].startswith("```"):
            start, body = i + 1, []
            i += 1
            while not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            before = next((line for line in reversed(lines[:start - 1]) if line.strip()), "")
            skip = SKIP_MARKER.search(before)
            commands, pending = [], ""
            for line in body:
                if pending:
                    pending += " " + line.strip()
                elif line.startswith(COMMAND_START):
                    pending = line
                else:
                    continue
                if pending.rstrip().endswith("\\"):
                    pending = pending.rstrip()[:-1]
                    continue
                commands.append(pending)
                pending = ""
            if commands:
                blocks.append((start, skip.group("reason") if skip else None, commands))
        i += 1
    return blocks


def test_the_readme_skips_only_a_few_command_blocks_and_says_why():
    blocks = readme_command_blocks()
    skipped = [(line, reason) for line, reason, _ in blocks if reason]
    assert len(blocks) >= 3 and len(skipped) <= 2, skipped
    assert all(len(reason) > 10 for _, reason in skipped)


def _run_readme_command(command: str, line: int, env: dict[str, str]) -> None:
    import glob
    import os
    import shlex
    import subprocess
    import sys

    words = shlex.split(command, comments=True)
    if words[0] == "export":
        name, _, value = words[1].partition("=")
        env[name] = os.path.expandvars(value.replace("$PWD", os.getcwd()))
        os.environ[name] = env[name]
        return
    words = [os.path.expandvars(w.replace("$PWD", os.getcwd())) for w in words]
    words = [match for w in words for match in (sorted(glob.glob(w)) or [w] if "*" in w else [w])]
    if words[0] == "deid":
        result = CliRunner().invoke(app, words[1:])
        assert result.exit_code == 0, f"README line {line}: {command}\n{result.output}"
        return
    python = [sys.executable] if words[0] in ("python3", ".venv/bin/python") else []
    done = subprocess.run(python + words[1:], capture_output=True, text=True, timeout=600, env={**os.environ, **env})
    assert done.returncode == 0, f"README line {line}: {command}\n{done.stdout}\n{done.stderr}"


def test_every_readme_command_block_runs_on_a_copy_of_the_samples(tmp_path, monkeypatch):
    """Each command of each block that is not marked skip, in README order, in one folder holding a copy
    of the samples (so the secure zone, keys and releases the commands make build on each other)."""
    import shutil

    from tests.conftest import SAMPLES

    shutil.copytree(SAMPLES, tmp_path / "data-samples")
    (tmp_path / "counts.csv").write_text(COUNTS_CSV, encoding="utf-8")
    for name in ("DEID_STATE_DIR", "DEID_CONFIG_DIR", "DEID_PSEUDONYM_KEY", "DEID_PSEUDONYM_KEY_FILE", "PREFECT_API_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    env: dict[str, str] = {}
    ran = 0
    try:
        for line, skip, commands in readme_command_blocks():
            if skip:
                continue
            for command in commands:
                _run_readme_command(command, line, env)
                ran += 1
    finally:
        import os

        for name in env:
            os.environ.pop(name, None)
    assert ran >= 20
    releases = list((tmp_path / ".deid-state" / "releases").iterdir())
    assert len(releases) == 1 and (releases[0] / "manifest.json").is_file()    # the second run published nothing new
    assert (tmp_path / "scrubbed.csv").is_file() and (tmp_path / "protected.csv").is_file()
