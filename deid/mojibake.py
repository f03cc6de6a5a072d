"""How text damaged by a wrong encoding looks: UTF-8 bytes read as Windows-1252 or Latin-1 ('mojibake').

Shared by ingest (which repairs provider files) and scrubbing (which reads damaged notes as letters), so both
derive the damaged forms the same way, from Python's cp1252 and latin-1 codecs (the WHATWG/Unicode code charts),
never from a typed list.
"""
from __future__ import annotations

CP1252_UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})   # bytes Windows-1252 leaves without a character


def damaged_forms(character: str) -> set[str]:
    """How the character's UTF-8 bytes read through Windows-1252 (undefined bytes as '?', '\\ufffd' or the
    control character Latin-1 gives them) or through Latin-1."""
    data = character.encode("utf-8")

    def through_cp1252(undefined: str | None) -> str:
        return "".join((undefined or bytes([b]).decode("latin-1")) if b in CP1252_UNDEFINED else bytes([b]).decode("cp1252")
                       for b in data)

    forms = {data.decode("latin-1"), through_cp1252("?"), through_cp1252("\ufffd"), through_cp1252(None)}
    return {form for form in forms if form != character}
