"""Charts as inline SVG: they open with no network, print, and need no JavaScript."""
from __future__ import annotations

from html import escape
from typing import Any

from deid.safe_text import neutralise_formula

OWN_COLOUR, PROGRAMME_COLOUR = "#0b6e69", "#9bb7c4"


def outcome_comparison_svg(outcomes: list[dict[str, Any]], own_label: str = "You",
                           programme_label: str = "Programme (protected)") -> str:
    """Paired horizontal bars: the provider's share of people per outcome beside the programme's.

    A share that is missing (a suppressed programme figure, or outcomes the provider does not record) is drawn
    as a gap labelled with the row's `own_text` or `programme_text`, never estimated.
    """
    row, bar, label_width, plot_width = 46, 16, 210, 360
    height = 34 + row * len(outcomes)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_width + plot_width + 70}" height="{height}" '
             f'viewBox="0 0 {label_width + plot_width + 70} {height}" font-family="system-ui, sans-serif" font-size="13">',
             f"<title>Share of people by outcome: {escape(own_label)} and {escape(programme_label)}</title>",
             f'<rect x="{label_width}" y="4" width="12" height="12" fill="{OWN_COLOUR}"/>'
             f'<text x="{label_width + 18}" y="15">{escape(own_label)}</text>'
             f'<rect x="{label_width + 120}" y="4" width="12" height="12" fill="{PROGRAMME_COLOUR}"/>'
             f'<text x="{label_width + 138}" y="15">{escape(programme_label)}</text>']
    for index, item in enumerate(outcomes):
        top = 28 + index * row
        parts.append(f'<text x="{label_width - 8}" y="{top + bar + 4}" text-anchor="end">{escape(neutralise_formula(str(item["label"])))}</text>')
        for offset, share, colour, missing in ((0, item["own_share"], OWN_COLOUR, item.get("own_text", "not recorded")),
                                               (bar + 2, item["programme_share"], PROGRAMME_COLOUR,
                                                item.get("programme_text", "suppressed"))):
            y = top + offset
            if share is None:
                parts.append(f'<text x="{label_width + 4}" y="{y + bar - 4}" fill="#5b6b77" font-style="italic">'
                             f'{escape(str(missing))}</text>')
                continue
            width = max(round(share * plot_width), 1 if share > 0 else 0)
            parts.append(f'<rect x="{label_width}" y="{y}" width="{width}" height="{bar}" fill="{colour}"/>'
                         f'<text x="{label_width + width + 6}" y="{y + bar - 4}">{round(share * 100)}%</text>')
    parts.append("</svg>")
    return "".join(parts)


ACCOUNTING_PARTS = (("accepted", "Accepted", "#0b6e69"), ("quarantined", "Quarantined", "#a3261f"),
                    ("held", "Held for mapping", "#c58a00"), ("rejected", "In rejected files", "#5b6b77"))
SUPPRESSION_PARTS = (("published", "Published", "#0b6e69"), ("primary", "Primary suppressed", "#a3261f"),
                     ("secondary", "Secondary suppressed", "#e5a19b"))


def stacked_bars_svg(title: str, rows: list[tuple[str, dict[str, int]]],
                     parts: tuple[tuple[str, str, str], ...], unit: str) -> str:
    """Small horizontal stacked bars, one per row label, each part a colour, with its total at the end.

    Each bar is scaled to its own total (shares), so a small provider's split is as readable as a
    large one's; the count is printed beside it. Sized to fit a 1280 px page beside nothing else.
    """
    row, bar, label_width, plot_width = 24, 14, 230, 520
    width = label_width + plot_width + 110
    height = 30 + row * max(len(rows), 1)
    parts_svg = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
                 f'viewBox="0 0 {width} {height}" font-family="system-ui, sans-serif" font-size="12">',
                 f"<title>{escape(neutralise_formula(title))}</title>"]
    x = label_width
    for _, label, colour in parts:   # legend
        parts_svg.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{colour}"/><text x="{x + 14}" y="13">{escape(label)}</text>')
        x += 24 + 7 * len(label)
    for index, (label, values) in enumerate(rows):
        top = 24 + index * row
        total = sum(values.get(key, 0) for key, _, _ in parts)
        parts_svg.append(f'<text x="{label_width - 8}" y="{top + bar - 3}" text-anchor="end">'
                         f'{escape(neutralise_formula(str(label))[:34])}</text>')
        left = float(label_width)
        for key, name, colour in parts:
            value = values.get(key, 0)
            if not value or not total:
                continue
            span = value / total * plot_width
            parts_svg.append(f'<rect x="{left:.1f}" y="{top}" width="{max(span, 1):.1f}" height="{bar}" fill="{colour}">'
                             f"<title>{escape(name)}: {value}</title></rect>")
            left += span
        parts_svg.append(f'<text x="{label_width + plot_width + 6}" y="{top + bar - 3}">{total} {escape(unit)}</text>')
    parts_svg.append("</svg>")
    return "".join(parts_svg)
