"""SVG charts drawn at build time: no script, no fonts fetched, readable offline."""

from __future__ import annotations

from datetime import date
from html import escape

from ..calendar import MONTHS

WIDTH, HEIGHT = 680, 280
LEFT, RIGHT, TOP, BOTTOM = 110, 16, 16, 72


def trend_chart(
    title: str, points: list[tuple[str, float | None]], target: float
) -> str:
    """A line chart of shares (0 to 1) across half terms, with the target dashed."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(points) - 1, 1)

    def y(share: float) -> float:
        return TOP + plot_h * (1 - share)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="t"><title id="t">{escape(title)}</title>',
        "<style>text{font:12px sans-serif;fill:#333}</style>",
    ]
    for share in (0, 0.25, 0.5, 0.75, 1):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(share):.1f}" '
            f'y2="{y(share):.1f}" stroke="#ddd"/>'
            f'<text x="{LEFT - 6}" y="{y(share) + 4:.1f}" text-anchor="end">'
            f"{share:.0%}</text>"
        )
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(target):.1f}" '
        f'y2="{y(target):.1f}" stroke="#b00020" stroke-dasharray="6 4"/>'
        f'<text x="{WIDTH - RIGHT}" y="{y(target) - 5:.1f}" text-anchor="end" '
        f'fill="#b00020">target {target:.0%}</text>'
    )
    coords = []
    for index, (label, share) in enumerate(points):
        x = LEFT + step * index if len(points) > 1 else LEFT + plot_w / 2
        base = HEIGHT - BOTTOM + 16
        parts.append(
            f'<text x="{x:.1f}" y="{base}" text-anchor="end" '
            f'transform="rotate(-30 {x:.1f} {base})">{escape(label)}</text>'
        )
        if share is not None:
            coords.append((x, y(share), share))
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy, _ in coords)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="#1a5fb4" stroke-width="2"/>'
        )
    for x, yy, share in coords:
        parts.append(
            f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="4" fill="#1a5fb4">'
            f"<title>{share:.0%}</title></circle>"
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


RATING_STYLE = {
    "achieved": ("#1b5e20", "#ffffff", "achieved"),
    "ahead": ("#2e7d32", "#ffffff", "ahead"),
    "on-track": ("#a5d6a7", "#1b1b1b", "on track"),
    "behind": ("#ffb74d", "#1b1b1b", "behind"),
    "no-evidence": ("#e0e0e0", "#1b1b1b", "no evidence"),
}
CELL_W, CELL_H, LABEL_W, HEAD_H = 96, 26, 60, 40


def progress_chart(
    title: str, rows: list[str], columns: list[str], ratings: dict[tuple[int, int], str]
) -> str:
    """A grid of ratings: one row per target or outcome, one column per review.

    Each cell carries its rating in words as well as colour, so the chart reads
    the same in print, in greyscale and to a screen reader.
    """
    width = LABEL_W + CELL_W * max(len(columns), 1) + 8
    height = HEAD_H + CELL_H * max(len(rows), 1) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" role="img" aria-labelledby="t"><title id="t">'
        f"{escape(title)}</title>",
        "<style>text{font:11px sans-serif;fill:#1b1b1b}</style>",
    ]
    for col, label in enumerate(columns):
        x = LABEL_W + CELL_W * col + CELL_W / 2
        first, _, second = label.partition(" ")
        parts.append(
            f'<text x="{x:.1f}" y="{HEAD_H - 22}" text-anchor="middle">'
            f'{escape(first)}<tspan x="{x:.1f}" dy="14">{escape(second)}</tspan></text>'
        )
    for row, label in enumerate(rows):
        y = HEAD_H + CELL_H * row
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y + CELL_H / 2 + 4:.1f}" '
            f'text-anchor="end">{escape(label)}</text>'
        )
        for col in range(len(columns)):
            rating = ratings.get((row, col))
            fill, ink, words = RATING_STYLE.get(
                rating, ("#ffffff", "#757575", "not rated")
            )
            x = LABEL_W + CELL_W * col
            parts.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{CELL_W - 2}" '
                f'height="{CELL_H - 2}" fill="{fill}" stroke="#bdbdbd"/>'
                f'<text x="{x + CELL_W / 2:.1f}" y="{y + CELL_H / 2 + 4:.1f}" '
                f'text-anchor="middle" style="fill:{ink}">{words}</text>'
            )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def timeline_chart(
    title: str,
    bars: list[tuple[str, date, date | None, str]],
    today: date,
) -> str:
    """Placements as bars across time: (label, start, end or None, state)."""
    if not bars:
        return ""
    first = min(start for _, start, _, _ in bars)
    last = max([today, *(end or today for _, _, end, _ in bars)])
    span = max((last - first).days, 1)
    label_w, plot_w, row_h, head = 190, 460, 26, 24
    width, height = label_w + plot_w + 16, head + row_h * len(bars) + 8

    def x(day: date) -> float:
        return label_w + plot_w * (day - first).days / span

    colours = {"current": "#1a5fb4", "ended": "#757575", "planned": "#ffffff"}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="t"><title id="t">{escape(title)}</title>',
        "<style>text{font:11px sans-serif;fill:#1b1b1b}</style>",
        f'<text x="{label_w}" y="14">{_month(first)}</text>',
        f'<text x="{label_w + plot_w}" y="14" text-anchor="end">{_month(last)}</text>',
        f'<line x1="{x(today):.1f}" x2="{x(today):.1f}" y1="{head - 4}" '
        f'y2="{height - 4}" stroke="#b00020" stroke-dasharray="4 3"/>',
    ]
    for row, (label, start, end, state) in enumerate(bars):
        y = head + row_h * row
        left, right = x(start), x(end or today)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end">'
            f"{escape(label)} ({state})</text>"
            f'<rect x="{left:.1f}" y="{y + 5}" width="{max(right - left, 3):.1f}" '
            f'height="{row_h - 10}" fill="{colours.get(state, "#1a5fb4")}" '
            'stroke="#1a5fb4"/>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _month(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"
