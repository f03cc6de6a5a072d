"""Label columns released as written (programme): what only a note would hold is taken out, the label's words stay."""
from __future__ import annotations

import polars as pl

from deid.pipeline import scrub_label_columns
from deid.scrub import Scrubber


def test_when_a_provider_types_a_note_into_the_programme_column_then_its_identifiers_go_and_programme_words_stay(standards):
    """A red-team user test found an email, a phone and a person's full name in `programme`, released as typed."""
    frame = pl.DataFrame({"programme": ["Pēpi Ora (call 021 111 2222)", "Mana Tāne - Hemi Kereama's group",
                                        "tipene.ruakere@xtra.co.nz", "Triple P", "Te Ara Hou", "Mana Tāne", None],
                          "full_name": ["Mere Ngata", "Mana Walker", None, None, None, None, None]})
    out = scrub_label_columns(frame, Scrubber(standards)).get_column("programme").to_list()
    assert out == ["Pēpi Ora (call <PHONE>)", "Mana Tāne - <PERSON> group", "<EMAIL>", "Triple P", "Te Ara Hou",
                   "Mana Tāne", None]
