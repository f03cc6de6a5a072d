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
