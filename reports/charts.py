"""Charts as inline SVG: they open with no network, print, and need no JavaScript."""
from __future__ import annotations

from html import escape
from typing import Any

from deid.safe_text import neutralise_formula

OWN_COLOUR, PROGRAMME_COLOUR = "#0b6e69", "#9bb7c4"


def outcome_comparison_svg(outcomes: list[dict[str, Any]], own_label: str = "You",
                           programme_label: str = "Programme (protected)") -> str:
    """Paired horizontal bars: the provider's share of people per outcome beside the programme's.

    A suppressed programme figure is drawn as a gap and labelled, never estimated.
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
        for offset, share, colour in ((0, item["own_share"], OWN_COLOUR), (bar + 2, item["programme_share"], PROGRAMME_COLOUR)):
            y = top + offset
            if share is None:
                parts.append(f'<text x="{label_width + 4}" y="{y + bar - 4}" fill="#5b6b77" font-style="italic">suppressed</text>')
                continue
            width = max(round(share * plot_width), 1 if share > 0 else 0)
            parts.append(f'<rect x="{label_width}" y="{y}" width="{width}" height="{bar}" fill="{colour}"/>'
                         f'<text x="{label_width + width + 6}" y="{y + bar - 4}">{round(share * 100)}%</text>')
    parts.append("</svg>")
    return "".join(parts)
