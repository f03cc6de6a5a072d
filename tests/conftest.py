"""Shared fixtures: standards, the agreement, a test key, and one Prefect test harness per session."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Prefect state for the whole test session lives in a throwaway folder (set before Prefect is imported).
_PREFECT_TMP = Path(tempfile.mkdtemp(prefix="deid-prefect-"))
os.environ["PREFECT_HOME"] = str(_PREFECT_TMP)
os.environ["PREFECT_RESULTS_LOCAL_STORAGE_PATH"] = str(_PREFECT_TMP / "results")
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["PREFECT_LOGGING_LEVEL"] = "WARNING"
os.environ["GX_ANALYTICS_ENABLED"] = "false"
os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
os.environ.pop("DEID_PSEUDONYM_KEY", None)
os.environ.pop("DEID_PSEUDONYM_KEY_FILE", None)

from deid.agreement import load_agreement  # noqa: E402
from deid.pseudonymise import make_key  # noqa: E402
from deid.settings import DEFAULT_AGREEMENT  # noqa: E402
from deid.standards import DEFAULT_STANDARDS_DIR, load_standards  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data-samples"
# A public, fixed test key (bytes 00 11 22 .. ff, twice) so golden pseudonyms are reproducible; never a real key.
TEST_KEY_HEX = (bytes(range(0x00, 0x100, 0x11)) * 2).hex()


@pytest.fixture(scope="session")
def standards():
    return load_standards(DEFAULT_STANDARDS_DIR)


@pytest.fixture(scope="session")
def agreement(standards):
    return load_agreement(DEFAULT_AGREEMENT, standards)


@pytest.fixture(scope="session")
def test_key():
    return make_key(bytes.fromhex(TEST_KEY_HEX))


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
