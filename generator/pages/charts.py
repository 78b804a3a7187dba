"""SVG charts drawn at build time: no script, no fonts fetched, readable offline."""

from __future__ import annotations

from html import escape

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
