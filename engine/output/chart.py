"""A trajectory as an inline SVG line chart, drawn in Python so the HTML report needs no script.

Years run along the x axis, the clause's own unit up the y axis. The target path is dashed, the
actual figures solid, the deadline a vertical line; a clause without a trajectory but with a
yearly norm gets that norm as a horizontal line. Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from woonpact.engine.i18n import say
from woonpact.engine.output.report import Trajectory
from woonpact.engine.output.words import scope_text, value_text

WIDTH, HEIGHT = 600, 260
LEFT, RIGHT, TOP, BOTTOM = 84, 20, 32, 36
ACTUAL, TARGET, DEADLINE, GRID = "#1f5fa8", "#6b7280", "#b42318", "#e5e7eb"


def _ticks(high: float, unit: str) -> list[float]:
    """Four or five round steps from 0 to at least `high`."""
    if high <= 0:
        return [0.0, 1.0]
    raw = high / 4
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else (0.01 if unit == "share" else 0.1)
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10, 20, 25, 50, 100) if m * magnitude >= raw)
    count = int(high / step + 0.999999) + 1
    return [i * step for i in range(count)]


def svg(trajectory: Trajectory, label: str, lang: str) -> str:
    t = trajectory
    unit = t.rule.unit
    values = [v for _, v in t.actual] + [v for _, v in t.target] + ([t.bound]
                                                                    if t.bound is not None else [])
    ticks = _ticks(max(values, default=0) * 1.05, unit)
    low_year, high_year = t.first_year, max(t.last_year, t.first_year + 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: float) -> float:
        return round(LEFT + (year - low_year) / (high_year - low_year) * plot_w, 1)

    def y(value: float) -> float:
        return round(TOP + plot_h - value / ticks[-1] * plot_h, 1)

    title = say("report.chart.caption", lang, rule=label, scope=scope_text(t.scope, lang))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'class="chart" aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for tick in ticks:
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick)}" y2="{y(tick)}" '
                   f'stroke="{GRID}"/>'
                   f'<text x="{LEFT - 6}" y="{y(tick) + 4}" text-anchor="end" font-size="13">'
                   f'{escape(value_text(tick, unit, lang))}</text>')
    for year in range(low_year, high_year + 1):
        out.append(f'<text x="{x(year)}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                   f'font-size="13">{year}</text>')
    if t.deadline is not None:
        at_right = x(t.deadline) - LEFT > plot_w / 3  # the label goes on the side with room
        out.append(f'<line x1="{x(t.deadline)}" x2="{x(t.deadline)}" y1="{TOP}" '
                   f'y2="{TOP + plot_h}" '
                   f'stroke="{DEADLINE}" stroke-width="1.5" stroke-dasharray="2 3" '
                   'class="deadline"/>'
                   f'<text x="{x(t.deadline) + (-4 if at_right else 4)}" y="{TOP + 12}" '
                   f'text-anchor="{"end" if at_right else "start"}" font-size="13" '
                   f'fill="{DEADLINE}">'
                   f'{escape(say("report.chart.deadline", lang, year=t.deadline))}</text>')
    elif t.bound is not None:
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(t.bound)}" y2="{y(t.bound)}" '
                   f'stroke="{TARGET}" stroke-dasharray="6 4" class="target"/>')
    out += _series(t.target, x, y, TARGET, "target", dashed=True)
    out += _series(t.actual, x, y, ACTUAL, "actual", dashed=False)
    out += _legend(lang)
    out.append("</svg>")
    return "".join(out)


def _series(points: tuple[tuple[int, float], ...], x: Callable[[float], float],
            y: Callable[[float], float],
            colour: str, name: str, dashed: bool) -> list[str]:
    if not points:
        return []
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    path = " ".join(f"{x(year)},{y(value)}" for year, value in points)
    out = [f'<polyline class="{name}" points="{path}" fill="none" stroke="{colour}" '
           f'stroke-width="2"{dash}/>']
    out += [f'<circle cx="{x(year)}" cy="{y(value)}" r="3.5" fill="{colour}"/>' for year,
            value in points]
    return out


def _legend(lang: str) -> list[str]:
    out = []
    for i, (key, colour, dash) in enumerate((("report.chart.actual", ACTUAL, ""),
                                             ("report.chart.target", TARGET,
                                              ' stroke-dasharray="6 4"'))):
        left = LEFT + i * 140
        out.append(f'<line x1="{left}" x2="{left + 24}" y1="12" y2="12" stroke="{colour}" '
                   f'stroke-width="2"{dash}/>'
                   f'<text x="{left + 30}" y="16" font-size="13">{escape(say(key, lang))}</text>')
    return out
