"""Charts as server-rendered SVG: no canvas and no script, readable without colour.

A `Chart` holds the figures once; the SVG, the HTML table and the CSV are all drawn from it, so the
table's total is the chart's. Each series has a colour of the site's palette (at least 3:1 against white,
WCAG 1.4.11) and a pattern of its own (1.4.1), drawn with presentation attributes (the
Content-Security-Policy allows no inline style). The SVG is an image with a title and a description
(`role="img"`, `aria-labelledby`); the text summary and the table say everything it shows.
"""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samskap.kernel.registry import Share
from samskap.kernel.tabular import csv_row

#: Pattern drawn over a series' colour, in white: what tells two series apart without colour.
PATTERNS = {
    "solid": "",
    "stripes": '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#fff" stroke-width="1.6"/>',
    "dots": '<circle cx="4" cy="4" r="1.6" fill="#fff"/>',
    "cross": '<path d="M0,0 L8,8 M8,0 L0,8" stroke="#fff" stroke-width="1.2"/>',
    "rows": '<path d="M0,2 H8 M0,6 H8" stroke="#fff" stroke-width="1.4"/>',
    "columns": '<path d="M2,0 V8 M6,0 V8" stroke="#fff" stroke-width="1.4"/>',
    "backslash": '<path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke="#fff" stroke-width="1.6"/>',
    "grid": '<path d="M0,4 H8 M4,0 V8" stroke="#fff" stroke-width="1.2"/>',
}
INK = "#1e2b3c"
DASH = "\u2013"  # what a table shows where there is nothing to count
MUTED = "#4b5563"
WIDTH = 300  # the viewBox: about as wide as a 320 px screen leaves, so the text keeps its size there
BAR_WIDTH = 180  # the figure after the bar needs the rest
LABEL_CHARACTERS = 34
MAX_ROWS = 15  # more rows are summed up in one "others" row, so the total stays the same


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    colour: str
    pattern: str


@dataclass
class Row:
    label: str
    values: list[int]
    url: str = ""
    lang: str = ""  # the label's language, when it is content (a theme, an institution)

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass
class Chart:
    """One chart and its data. `complete` names the series that counts as complete (the percent column);
    `stacked` charts split each row into its series (they add up to the row's total), grouped ones compare
    measures of one thing side by side (received, answered, taken up). A chart that is not `additive` has
    rows that overlap (a commitment relevant to two OGP values is in both rows): it has no total row."""

    slug: str
    title: str
    category: str  # the heading of the first column: "Theme", "Lead institution"
    series: list[Series]
    rows: list[Row]
    unit: str  # "commitments", "milestones": what the numbers count, in the summary
    complete: str | None = None
    stacked: bool = True
    additive: bool = True
    note: str = ""
    percent_label: str = ""  # the percent column's heading; "Percent complete" when empty
    headline: str = ""  # the summary's first sentence, with %(count)s, %(total)s, %(unit)s and %(percent)s
    csv_rows: list[Row] | None = None  # all rows when the chart sums up the smallest in an "others" row

    def __post_init__(self) -> None:
        self.svg_id = f"chart-{self.slug}"

    def totals(self) -> list[int]:
        return [sum(row.values[i] for row in self.rows) for i in range(len(self.series))]

    def whole(self, row: Row) -> int:
        """What the row's percent is of: its total when stacked, its first measure when grouped."""
        return row.total if self.stacked else (row.values[0] if row.values else 0)

    def share(self, row: Row) -> Share | None:
        if self.complete is None:
            return None
        index = [s.key for s in self.series].index(self.complete)
        return Share(row.values[index], self.whole(row))

    @property
    def percent_heading(self) -> str:
        return self.percent_label or _("Percent complete")

    @property
    def total_row(self) -> Row:
        return Row(_("Total"), self.totals())

    @property
    def empty(self) -> bool:
        return not any(row.total for row in self.rows)

    def _cells(self, row: Row) -> list[object]:
        """The numbers of a row as the table and the CSV show them."""
        cells: list[object] = list(row.values)
        if self.stacked:
            cells.append(row.total)
        share = self.share(row)
        if share is not None:
            cells.append("" if share.percent is None else share.percent)
        return cells

    def head(self) -> list[str]:
        names = [s.label for s in self.series]
        if self.stacked:
            names.append(_("Total"))
        if self.complete:
            names.append(self.percent_heading)
        return names

    @property
    def total_share(self) -> Share | None:
        return self.share(self.total_row)

    @cached_property
    def summary(self) -> str:
        """The chart in words: what it counts, the whole, and the extremes."""
        if self.empty:
            return _("There is nothing to count here yet.")
        parts: list[str] = []
        total = self.total_share
        if total is not None and self.additive:
            parts.append(
                (self.headline or _("%(count)s of %(total)s %(unit)s are complete (%(percent)s %%)."))
                % {"count": total.count, "total": total.total, "unit": self.unit, "percent": total.percent}
            )
        elif self.additive:
            sums = self.totals()
            parts.append("; ".join(f"{s.label}: {n}" for s, n in zip(self.series, sums, strict=True)) + ".")
        shares = [(row, self.share(row)) for row in self.rows if row.total]
        ranked = [(row, share) for row, share in shares if share is not None and share.percent is not None]
        if len(ranked) > 1:
            best = max(ranked, key=lambda pair: (pair[1].percent or 0, pair[1].total))
            worst = min(ranked, key=lambda pair: (pair[1].percent or 0, -pair[1].total))
            parts.append(
                _("Highest share complete: %(best)s (%(best_percent)s %%); lowest: %(worst)s (%(worst_percent)s %%).")
                % {
                    "best": best[0].label,
                    "best_percent": best[1].percent,
                    "worst": worst[0].label,
                    "worst_percent": worst[1].percent,
                }
            )
        if self.note:
            parts.append(self.note)
        return " ".join(parts)

    @cached_property
    def svg(self) -> SafeString:
        return bars_svg(self)

    def csv(self) -> str:
        """The chart's data for a spreadsheet: every row (also those summed up as "others"), formula-safe."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(csv_row([self.category, *self.head()]))
        for row in self.csv_rows if self.csv_rows is not None else self.rows:
            writer.writerow(csv_row([row.label, *self._cells(row)]))
        if self.additive:
            writer.writerow(csv_row([self.total_row.label, *self._cells(self.total_row)]))
        return out.getvalue()

    def table(self) -> list[tuple[Row, list[object]]]:
        return [(row, self._cells(row)) for row in self.rows]

    @property
    def table_html(self) -> SafeString:
        """The data table, built here rather than in a template loop: a jurisdiction's chart of plans has
        a hundred rows, and this is several times faster."""
        head = format_html_join("", '<th scope="col" class="numeric">{}</th>', ((name,) for name in self.head()))
        language = _current_language()
        body = mark_safe("".join(f"<tr>{_row_html(row, self._cells(row), language)}</tr>" for row in self.rows))  # noqa: S308 (escaped in _row_html)
        footer = self.footer
        foot = (
            format_html("<tfoot><tr>{}</tr></tfoot>", _row_html(Row(_("Total"), []), footer, language))
            if footer is not None
            else ""
        )
        return format_html(
            '<table class="ds-table chart-table" data-border data-size="sm">'
            '<caption id="{}-caption" class="ds-sr-only">{}</caption>'
            '<thead><tr><th scope="col">{}</th>{}</tr></thead><tbody>{}</tbody>{}</table>',
            self.svg_id,
            _("%(title)s: the data") % {"title": self.title},
            self.category,
            head,
            body,
            foot,
        )

    @property
    def footer(self) -> list[object] | None:
        return self._cells(self.total_row) if self.additive else None


def share_text(share: Share, template: str = "") -> str:
    """ "3 of 6 = 50 %", or a dash when there is nothing to count (`template`: the translated pattern,
    when the caller writes many)."""
    if not share.total:
        return DASH
    return (template or _("%(count)s of %(total)s = %(percent)s %%")) % {
        "count": share.count,
        "total": share.total,
        "percent": share.percent,
    }


def _row_html(row: Row, cells: list[object], language: str) -> SafeString:
    lang = f' lang="{escape(row.lang)}"' if row.lang and row.lang != language else ""
    label = f'<a class="ds-link" href="{escape(row.url)}">{escape(row.label)}</a>' if row.url else escape(row.label)
    numbers = "".join(f'<td class="numeric">{DASH if cell == "" else escape(cell)}</td>' for cell in cells)
    return mark_safe(f'<th scope="row"{lang}>{label}</th>{numbers}')  # noqa: S308 (every value escaped)


def _current_language() -> str:
    return (get_language() or "").split("-")[0]


def capped(rows: list[Row], others: str, limit: int = MAX_ROWS) -> list[Row]:
    """The largest `limit - 1` rows and one row that sums up the rest (so the chart's total stays)."""
    if len(rows) <= limit:
        return rows
    ranked = sorted(rows, key=lambda row: -row.total)
    kept, rest = ranked[: limit - 1], ranked[limit - 1 :]
    kept_ids = {id(row) for row in kept}
    summed = [sum(row.values[i] for row in rest) for i in range(len(rows[0].values))]
    return [row for row in rows if id(row) in kept_ids] + [Row(others % {"count": len(rest)}, summed)]


def _defs(chart: Chart) -> SafeString:
    return format_html_join(
        "",
        '<pattern id="{}-{}" width="8" height="8" patternUnits="userSpaceOnUse">'
        '<rect width="8" height="8" fill="{}"/>{}</pattern>',
        ((chart.svg_id, s.key, s.colour, mark_safe(PATTERNS[s.pattern])) for s in chart.series),  # noqa: S308 (constants)
    )


def _label(text: str) -> str:
    return Truncator(text).chars(LABEL_CHARACTERS)


def _bar(x: float, y: float, width: float, height: float, fill: str) -> str:
    """A bar with a white edge, so that two series next to each other stay apart. `fill` is ours."""
    size = f'x="{x:.2f}" y="{y}" width="{width:.2f}" height="{height}"'
    return f'<rect {size} fill="{fill}" stroke="#fff" stroke-width="1"/>'


def _frame(chart: Chart, height: int, body: Iterable[SafeString]) -> SafeString:
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" font-size="16" fill="{ink}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc><defs>{defs}</defs>{body}</svg>',
        id=chart.svg_id,
        w=WIDTH,
        h=height,
        ink=INK,
        title=chart.title,
        desc=chart.summary,
        defs=_defs(chart),
        body=mark_safe("".join(body)),  # noqa: S308 (each part built with format_html)
    )


def bars_svg(chart: Chart) -> SafeString:
    """Horizontal bars, a row each: the label on a line of its own, then the bar with its figure after it.

    Stacked charts draw each row at full width split by its series (how far along, whatever the size);
    grouped charts draw one bar per series, scaled to the largest value of the chart, each with its number.
    Built with f-strings (a hundred plans make thousands of elements): every text goes through `escape`,
    every other value is a number or a series key of ours."""
    parts: list[str] = []
    inner = BAR_WIDTH
    largest = max((v for row in chart.rows for v in row.values), default=0) or 1
    fills = [f"url(#{chart.svg_id}-{series.key})" for series in chart.series]
    pattern = _("%(count)s of %(total)s = %(percent)s %%")
    y = 0
    for row in chart.rows:
        share = chart.share(row)
        parts.append(f'<text x="1" y="{y + 15}">{escape(_label(row.label))}</text>')
        top = y + 22
        if chart.stacked:
            figure = share_text(share, pattern) if share is not None else str(row.total)
            parts.append(f'<rect x="1" y="{top}" width="{inner}" height="18" fill="#fff" stroke="{MUTED}"/>')
            x = 1.0
            for fill, value in zip(fills, row.values, strict=True):
                if value and row.total:
                    width = inner * value / row.total
                    parts.append(_bar(x, top, width, 18, fill))
                    x += width
            parts.append(f'<text x="{inner + 7}" y="{top + 14}" font-size="14">{escape(figure)}</text>')
            y = top + 18 + 14
        else:
            for index, (fill, value) in enumerate(zip(fills, row.values, strict=True)):
                bar_top = top + index * 18
                width = max(inner * value / largest, 0.5)
                parts.append(_bar(1, bar_top, width, 15, fill))
                parts.append(f'<text x="{width + 6:.2f}" y="{bar_top + 12}" font-size="14">{int(value)}</text>')
            y = top + 18 * len(chart.series) + 12
    return _frame(chart, y + 2, [mark_safe("".join(parts))])  # noqa: S308 (texts escaped above)


# --- Over time ---------------------------------------------------------------------------------


@dataclass
class TimePoint:
    as_of: datetime.date
    label: str
    share: Share
    levels: dict[str, int] = field(default_factory=dict)


@dataclass
class TimeChart:
    """The share of milestones complete as reported over time (a status round's snapshot each)."""

    slug: str
    title: str
    points: list[TimePoint]
    level_labels: list[tuple[str, str]]  # (level, label) of the commitment columns, in order
    lang: str = ""

    def __post_init__(self) -> None:
        self.svg_id = f"chart-{self.slug}"

    @property
    def summary(self) -> str:
        if not self.points:
            return _("No status has been reported yet.")
        first, last = self.points[0], self.points[-1]
        return _(
            "%(count)s reports from %(first)s to %(last)s: milestones complete went from %(before)s %% to %(after)s %%."
        ) % {
            "count": len(self.points),
            "first": date_format(first.as_of),
            "last": date_format(last.as_of),
            "before": first.share.percent or 0,
            "after": last.share.percent or 0,
        }

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        head = [_("Status as of"), _("Report"), _("Milestones complete"), _("Milestones"), _("Percent complete")]
        writer.writerow(csv_row([*head, *(label for _level, label in self.level_labels)]))
        for point in self.points:
            levels = [point.levels.get(level, 0) for level, _label in self.level_labels]
            percent = "" if point.share.percent is None else point.share.percent
            writer.writerow(
                csv_row([point.as_of.isoformat(), point.label, point.share.count, point.share.total, percent, *levels])
            )
        return out.getvalue()

    def rows(self) -> list[tuple[TimePoint, list[int]]]:
        return [(p, [p.levels.get(level, 0) for level, _label in self.level_labels]) for p in self.points]

    @property
    def svg(self) -> SafeString:
        return step_svg(self)


def step_svg(chart: TimeChart) -> SafeString:
    """A step chart: the share stays as reported until the next report; the area under it is patterned."""
    left, right, top, bottom = 52, WIDTH - 8, 10, 150
    height = bottom + 36
    parts: list[SafeString] = []
    for percent in (0, 50, 100):
        y = bottom - (bottom - top) * percent / 100
        parts.append(format_html('<path d="M{},{} H{}" stroke="#c9d3df" stroke-width="1"/>', left, y, right))
        parts.append(format_html('<text x="{}" y="{}" text-anchor="end">{} %</text>', left - 4, y + 4, percent))
    points = chart.points
    if points:
        start, end = points[0].as_of, points[-1].as_of
        span = max((end - start).days, 1)

        def x_of(day: datetime.date) -> float:
            return left + (right - left) * ((day - start).days / span if len(points) > 1 else 0.5)

        def y_of(point: TimePoint) -> float:
            return bottom - (bottom - top) * (point.share.percent or 0) / 100

        path = f"M{x_of(start):.1f},{y_of(points[0]):.1f}"
        for point in points[1:]:
            path += f" H{x_of(point.as_of):.1f} V{y_of(point):.1f}"
        end_x = x_of(end) if len(points) > 1 else right
        path += f" H{end_x:.1f}"
        area = f"{path} V{bottom} H{x_of(start):.1f} Z"
        parts.append(format_html('<path d="{}" fill="url(#{}-area)" stroke="none"/>', area, chart.svg_id))
        parts.append(format_html('<path d="{}" fill="none" stroke="{}" stroke-width="2.5"/>', path, "#0b6e4f"))
        for point in points:
            parts.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="4" fill="#fff" stroke="{}" stroke-width="2"/>',
                    round(x_of(point.as_of), 1),
                    round(y_of(point), 1),
                    INK,
                )
            )
        parts.append(format_html('<text x="{}" y="{}">{}</text>', left, bottom + 18, date_format(start)))
        if len(points) > 1:
            parts.append(
                format_html('<text x="{}" y="{}" text-anchor="end">{}</text>', right, bottom + 32, date_format(end))
            )
    parts.append(format_html('<path d="M{},{} H{}" stroke="{}" stroke-width="1"/>', left, bottom, right, MUTED))
    defs = format_html(
        '<pattern id="{}-area" width="8" height="8" patternUnits="userSpaceOnUse">'
        '<rect width="8" height="8" fill="#dcf3e6"/><path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" '
        'stroke="#0b6e4f" stroke-width="1"/></pattern>',
        chart.svg_id,
    )
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" font-size="16" fill="{ink}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc><defs>{defs}</defs>{body}</svg>',
        id=chart.svg_id,
        w=WIDTH,
        h=height,
        ink=INK,
        title=chart.title,
        desc=chart.summary,
        defs=defs,
        body=mark_safe("".join(parts)),  # noqa: S308 (each part built with format_html)
    )
