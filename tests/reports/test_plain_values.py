"""`as_plain`: dataclasses, models, dates and tuples into JSON-ready values, as `dataclasses.asdict` would give them."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from reports.builders import as_plain


class Model(BaseModel):
    name: str
    when: dt.date


@dataclasses.dataclass(frozen=True)
class Inner:
    rows: tuple[int, ...]
    when: dt.date


@dataclasses.dataclass(frozen=True)
class Outer:
    name: str
    inner: Inner
    inners: tuple[Inner, ...]
    details: tuple[dict[Any, Any], ...]
    model: Model
    path: Path
    share: float | None = None
    hidden: int = dataclasses.field(default=0, repr=False)


def through_asdict(value: Any) -> Any:
    """The earlier rule: `dataclasses.asdict` first, then the same conversion of what it gives."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: through_asdict(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(k): through_asdict(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [through_asdict(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime, Path)):
        return str(value)
    return value


def example() -> Outer:
    inner = Inner((3, 1), dt.date(2026, 9, 30))
    return Outer(name="kainga", inner=inner, inners=(inner, Inner((), dt.date(2026, 7, 1))),
                 details=({"column": 1, "candidates": [("client_ref", 1.0)], 2: dt.date(2026, 1, 2)},),
                 model=Model(name="m", when=dt.date(2026, 8, 1)), path=Path("a/b.csv"), share=0.25, hidden=7)


def test_when_a_dataclass_is_made_plain_then_it_equals_what_asdict_gave() -> None:
    value = example()
    assert as_plain(value) == through_asdict(value)
    assert as_plain([value, (value,)]) == through_asdict([value, (value,)])


def test_when_a_dataclass_is_made_plain_then_every_field_is_a_json_value_in_field_order() -> None:
    plain = as_plain(example())
    assert list(plain) == ["name", "inner", "inners", "details", "model", "path", "share", "hidden"]
    assert plain["inner"] == {"rows": [3, 1], "when": "2026-09-30"}
    assert plain["details"] == [{"column": 1, "candidates": [["client_ref", 1.0]], "2": "2026-01-02"}]
    assert plain["model"] == {"name": "m", "when": "2026-08-01"} and plain["path"] == "a/b.csv"


def test_when_a_class_rather_than_an_instance_is_made_plain_then_it_is_left_as_it_is() -> None:
    assert as_plain(Inner) is Inner
