"""What the scrubber's hand-written tests share: one scrubber per module, and a note scrubbed with or without the
record's names."""
from __future__ import annotations

import pytest

from deid.scrub.scrub import Scrubber
from deid.standards import Standards


@pytest.fixture(scope="module")
def scrubber(standards: Standards) -> Scrubber:
    return Scrubber(standards)


def scrub_note(scrubber: Scrubber, text: str, names: list[str] | None = None) -> str:
    """The note scrubbed, with `names` as the record's known names when given."""
    known = scrubber.known_names(list(names)) if names else None
    clean = scrubber.scrub(text, known)[0] if known else scrubber.scrub(text)[0]
    assert clean is not None
    return clean
