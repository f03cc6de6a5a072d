"""Rendering: keys of plain dicts looked up as Jinja would, and every printed value through the formula rule."""
from __future__ import annotations

import pytest
from jinja2 import Environment, StrictUndefined, UndefinedError
from markupsafe import Markup

from reports.builders import _environment, _safe_value

ROW = {"name": "Tāmaki", "items": "a key named like a dict method", "count": 3, "nested": {"keys": 1, "label": "x"}}
TEMPLATES = ("{{ row.name }} {{ row.count }}", "{{ row.nested.label }}", "{{ row['items'] }}", "{{ row.items is callable }}",
             "{{ row.nested.keys is callable }}", "{{ row.get('name') }}", "{% for k, v in row.items() %}{{ k }}{% endfor %}")


@pytest.mark.parametrize("source", TEMPLATES)
def test_when_a_template_reads_a_dict_then_it_finds_what_plain_jinja_finds(source: str) -> None:
    plain = Environment(undefined=StrictUndefined, finalize=_safe_value)
    ours = _environment()
    assert ours.from_string(source).render(row=ROW) == plain.from_string(source).render(row=ROW)


def test_when_a_template_reads_a_missing_key_then_it_fails_as_plain_jinja_does() -> None:
    with pytest.raises(UndefinedError):
        _environment().from_string("{{ row.missing }}").render(row=ROW)


@pytest.mark.parametrize(("value", "printed"), [
    ("Tāmaki", "Tāmaki"), ("3 rows", "3 rows"), ("=1+1", "'=1+1"), (" =SUM(A1)", "' =SUM(A1)"), ("-3", "-3"),
    ("@cmd", "'@cmd"), ("\tx", "'\tx"), ("", ""), (7, 7), (None, None), ("＝1", "'＝1"),
])
def test_when_a_value_is_printed_then_only_formula_shaped_text_is_escaped(value: object, printed: object) -> None:
    assert _safe_value(value) == printed


def test_when_markup_is_formula_shaped_then_it_is_escaped_and_stays_markup() -> None:
    escaped = _safe_value(Markup("=<b>x</b>"))
    assert isinstance(escaped, Markup) and escaped == Markup("'=<b>x</b>")
    assert _safe_value(Markup("<b>x</b>")) == Markup("<b>x</b>")
