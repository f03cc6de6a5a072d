"""Recognizers found by name: the built-ins register like additions (issue 17).

`standards/recognizers.yaml` lists recognizers by name; each name must be registered here. A
recognizer class registers itself with `@register` and builds itself from the loaded standards
with `from_standards`; one that needs the run's known names (the record's names) says so with
`NEEDS_KNOWN_NAMES` and is built per run. A deployment adds its own recognizers without editing
this package through the `deid.recognizers` entry-point group (in the manner of Presidio's
registry and Datasette's plugins): each entry point names a class registered like the built-ins.
"""
from __future__ import annotations

import importlib.metadata
from collections.abc import Sequence
from typing import Protocol, TypeVar, runtime_checkable

from presidio_analyzer import EntityRecognizer

from deid.errors import ScrubError
from deid.standards import Standards

ENTRY_POINT_GROUP = "deid.recognizers"


@runtime_checkable
class RegisteredRecognizer(Protocol):
    """What the scrubber needs of a recognizer class: a way to build it from the standards."""

    NEEDS_KNOWN_NAMES: bool

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> EntityRecognizer: ...


_REGISTRY: dict[str, type[RegisteredRecognizer]] = {}
_loaded = False

R = TypeVar("R", bound=type)


def register(cls: R) -> R:
    """Class decorator: make a recognizer findable by its class name."""
    name = cls.__name__
    if name in _REGISTRY and _REGISTRY[name] is not cls:
        raise ScrubError(f"recognizer '{name}' is registered twice ({_REGISTRY[name].__module__} and {cls.__module__})")
    if not isinstance(cls, RegisteredRecognizer):
        raise ScrubError(f"recognizer '{name}' ({cls.__module__}) has no from_standards() or NEEDS_KNOWN_NAMES")
    _REGISTRY[name] = cls
    return cls


def registered() -> dict[str, type[RegisteredRecognizer]]:
    """Every registered recognizer class by name: the built-ins, then any entry-point additions."""
    global _loaded
    if not _loaded:
        import deid.scrub.recognizers  # noqa: F401  (the built-ins register on import)
        from deid.scrub.recognizers import crf_name_recognizer  # noqa: F401  (the name model: its file is read only when switched on)

        for entry in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            register(entry.load())
        _loaded = True
    return dict(_REGISTRY)


def recognizer_class(name: str, where: str) -> type[RegisteredRecognizer]:
    """The class registered under `name`.

    Raises:
        ScrubError: no recognizer has that name (the message names `where` and the registered names).
    """
    classes = registered()
    if name not in classes:
        raise ScrubError(f"{where}: unknown recognizer '{name}'; registered: {', '.join(sorted(classes))}")
    return classes[name]
