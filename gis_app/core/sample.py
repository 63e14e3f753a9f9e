"""Deterministic synthetic sample area in the Loppersum–Appingedam–Delfzijl region.

The bundled sample (``sample_data/sample_area.gpkg``) and the 300,000-building
benchmark sets are made here, so nothing real (and no personal data) is shipped.

What makes it realistic enough to plan with:

* Villages at their real RD positions (DOMAIN.md), sized roughly like the real ones,
  made of neighbourhoods with their own street orientation: terraced rows
  (rijtjeswoningen), semi-detached pairs (twee-onder-een-kap), detached houses,
  apartment blocks and a few large buildings (some with a courtyard: a hole);
  farms with a large barn scattered between the villages.
* BAG-style ids: the historic municipality code (Appingedam 0003, Delfzijl 0010,
  Loppersum 0024, Ten Boer 0009), ``10``, ten digits.
* Typologies in the exposure-database style (``URM3L``, ``URM3M_D``, ``RC1L``, ``W2`` ...)
  by building type and age; LPR log-normal around a median that falls with distance
  from the field's centre near Huizinge/Loppersum and rises with masonry
  vulnerability, with a shared per-neighbourhood term so risk is spatially clustered.
  The profile follows DOMAIN.md: ``verhoogd`` when the median LPR exceeds 1e-5,
  ``licht verhoogd`` when only the P90 (median × a log-normal spread) does.
* NCG milestones in proportions after the 31 October 2021 workload figures
  (DOMAIN.md), advanced per neighbourhood as municipal plans do; assessed measures
  for buildings past the normbesluit.

Everything is vectorised per neighbourhood; 300,000 buildings take a few seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gis_app.core import schema

FIELD_CENTRE = (242000.0, 596500.0)  # between Huizinge and Loppersum


@dataclass(frozen=True)
class Village:
    name: str
    x: float
    y: float
    weight: float  # share of the built-up buildings
    municipality: str  # historic CBS code, as in BAG ids of that era
    postcode: str  # 4-digit postcode area
    streets: tuple[str, ...]


VILLAGES = (
    Village(
        "Delfzijl",
        260000,
        594000,
        0.34,
        "0010",
        "9934",
        (
            "Oude Schans",
            "Waterstraat",
            "Landstraat",
            "Zeebadweg",
            "Schoolstraat",
            "Stationsstraat",
            "Bornholmstraat",
            "Oosterhornhaven",
            "Gerrit van Houtenstraat",
            "Burgemeester Buiskoolplein",
            "Fivelstraat",
            "Zwet",
        ),
    ),
    Village(
        "Appingedam",
        255000,
        593500,
        0.25,
        "0003",
        "9901",
        (
            "Dijkstraat",
            "Solwerderstraat",
            "Wijkstraat",
            "Oude Ebbingestraat",
            "Opwierde",
            "Farmsumerweg",
            "Jukwerderweg",
            "Broekstraat",
            "Oosterstraat",
            "Damsterweg",
        ),
    ),
    Village(
        "Loppersum",
        247000,
        594000,
        0.09,
        "0024",
        "9919",
        (
            "Molenweg",
            "Badweg",
            "Wirdumerweg",
            "Kerkstraat",
            "Stationsstraat",
            "Zijlvest",
            "Westerweg",
            "Meedenerweg",
        ),
    ),
    Village(
        "Ten Boer",
        245000,
        585500,
        0.10,
        "0009",
        "9791",
        ("Stadsweg", "Kerkstraat", "Koningin Julianastraat", "Wigboldstraat", "Bouwlustweg"),
    ),
    Village(
        "Middelstum",
        240000,
        599500,
        0.07,
        "0024",
        "9991",
        ("Hoofdstraat", "Kerkstraat", "Burgemeester Brouwerstraat", "Stationsweg", "Oosterweg"),
    ),
    Village(
        "'t Zandt",
        249500,
        600000,
        0.04,
        "0024",
        "9914",
        ("Hoofdstraat", "Kerkpad", "Zeerijpsterweg", "Schoolstraat"),
    ),
    Village(
        "Huizinge",
        238000,
        598000,
        0.02,
        "0024",
        "9908",
        ("Kerkpad", "Wierde", "Oosterweg"),
    ),
    Village(
        "Garrelsweer",
        250500,
        591500,
        0.03,
        "0024",
        "9909",
        ("Hoofdweg", "Zuiderweg", "Kerkstraat", "Ëelsumerweg"),
    ),
    Village(
        "Stedum",
        241500,
        594500,
        0.04,
        "0024",
        "9921",
        ("Hoofdweg", "Kerkstraat", "Bredeweg", "Stationsweg"),
    ),
    Village(
        "Zeerijp",
        250000,
        597500,
        0.02,
        "0024",
        "9914",
        ("Kerkpad", "Eenumerweg", "Wierde"),
    ),
)

#: Neighbourhood street names, as Dutch post-war neighbourhoods are named (trees, flowers,
#: birds, painters); a village uses its own old streets first, then these.
THEMED_STREETS = (
    "Eikenlaan",
    "Beukenlaan",
    "Lindenlaan",
    "Berkenlaan",
    "Esdoornstraat",
    "Wilgenlaan",
    "Populierenlaan",
    "Kastanjelaan",
    "Iepenlaan",
    "Elzenlaan",
    "Rozenstraat",
    "Tulpstraat",
    "Narcissenstraat",
    "Seringenstraat",
    "Irisstraat",
    "Lelystraat",
    "Dahliastraat",
    "Anjerstraat",
    "Krokusstraat",
    "Asterstraat",
    "Merelstraat",
    "Lijsterstraat",
    "Zwaluwstraat",
    "Kievitstraat",
    "Meeuwenstraat",
    "Vinkenstraat",
    "Spreeuwenstraat",
    "Reigerstraat",
    "Gruttostraat",
    "Tureluurstraat",
    "Rembrandtlaan",
    "Vermeerstraat",
    "Frans Halsstraat",
    "Mesdagstraat",
    "Israëlsstraat",
    "Mondriaanstraat",
    "Jan Steenstraat",
    "Van Goghstraat",
    "Damsterdiep",
    "Eemskanaalweg",
    "Fivelstraat",
    "Wierdeweg",
    "Burgemeester Venemastraat",
    "Dominee Hoekstrastraat",
    "Meester Smitstraat",
    "Julianastraat",
    "Beatrixstraat",
    "Marijkestraat",
    "Irenestraat",
    "Prins Bernhardlaan",
)

RURAL_SHARE = 0.06  # farms (house + barn) between the villages

# Building kinds: footprint width along the street, depth, units per group, gap, addresses.
KINDS = {
    "terraced": dict(width=(5.1, 6.2), depth=(8.0, 10.5), group=(4, 8), gap=(3.0, 6.0)),
    "semi": dict(width=(6.5, 8.0), depth=(8.5, 10.5), group=(2, 2), gap=(4.0, 7.0)),
    "detached": dict(width=(8.0, 12.0), depth=(9.0, 13.0), group=(1, 1), gap=(5.0, 12.0)),
    "apartment": dict(width=(25.0, 50.0), depth=(11.0, 15.0), group=(1, 1), gap=(12.0, 25.0)),
    "large": dict(width=(20.0, 40.0), depth=(18.0, 30.0), group=(1, 1), gap=(15.0, 30.0)),
}
NEIGHBOURHOOD_MIX = {  # probability of each kind of neighbourhood
    "terraced": 0.42,
    "semi": 0.24,
    "detached": 0.26,
    "apartment": 0.08,
}
TYPOLOGY_BY_KIND = {
    "terraced": (("URM3L", 0.35), ("URM4L", 0.25), ("URM3M_D", 0.25), ("RC1L", 0.15)),
    "semi": (("URM5L", 0.35), ("URM6L", 0.30), ("URM1F", 0.2), ("W2", 0.15)),
    "detached": (("URM7L", 0.30), ("URM8L", 0.30), ("W2", 0.2), ("RC1L", 0.2)),
    "apartment": (("RC3L", 0.5), ("RC1L", 0.3), ("URM4L", 0.2)),
    "large": (("RC3L", 0.4), ("S1L", 0.3), ("URM9L", 0.3)),
    "farmhouse": (("URM1F", 0.45), ("URM8L", 0.45), ("W2", 0.1)),
    "barn": (("S1L", 0.5), ("W2", 0.3), ("URM9L", 0.2)),
}
#: log10 offset on the median LPR per typology (unreinforced masonry most vulnerable).
VULNERABILITY = {
    "URM1F": 0.3,
    "URM3L": 0.7,
    "URM3M_D": 0.9,
    "URM4L": 0.6,
    "URM5L": 0.5,
    "URM6L": 0.5,
    "URM7L": 0.4,
    "URM8L": 0.45,
    "URM9L": 0.6,
    "RC1L": -0.6,
    "RC3L": -0.4,
    "S1L": -1.0,
    "W2": -1.3,
}
USE_BY_KIND = {
    "terraced": "woonfunctie",
    "semi": "woonfunctie",
    "detached": "woonfunctie",
    "apartment": "woonfunctie",
    "large": "bijeenkomstfunctie",
    "farmhouse": "woonfunctie",
    "barn": "overige gebruiksfunctie",
}
#: Milestone shares of the workload on 31 October 2021 (DOMAIN.md, P): 2,894 not in a
#: local plan, 3,184 in a plan, 6,543 inspected, 10,254 advice established (split here
#: between beoordeling and normbesluit), 1,644 execution plan, 2,400 completed (spread
#: over bouw gestart / gereed / afgerond).
MILESTONE_SHARES = {
    "niet_in_plan": 2894,
    "in_plan": 3184,
    "opname": 6543,
    "beoordeling": 4254,
    "normbesluit": 6000,
    "versterkingsbesluit": 1644,
    "bouw_gestart": 700,
    "bouw_gereed": 500,
    "afgerond": 1200,
}


def _choice(rng: np.random.Generator, table, size: int) -> np.ndarray:
    names = np.array([name for name, _ in table], dtype=object)
    weights = np.array([w for _, w in table], dtype=float)
    return names[rng.choice(len(names), size=size, p=weights / weights.sum())]


def _rotated_boxes(cx, cy, width, depth, angle) -> np.ndarray:
    """Corner coordinates (n, 5, 2) of rectangles centred on (cx, cy), rotated by angle."""
    half = np.stack([width / 2, depth / 2], axis=1)
    unit = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1], [-1, -1]], dtype=float)
    local = unit[None, :, :] * half[:, None, :]
    cos, sin = np.cos(angle)[:, None], np.sin(angle)[:, None]
    x = local[..., 0] * cos - local[..., 1] * sin + cx[:, None]
    y = local[..., 0] * sin + local[..., 1] * cos + cy[:, None]
    return np.stack([x, y], axis=2)


def _l_shapes(cx, cy, width, depth, angle, rng) -> np.ndarray:
    """Detached houses with a rear extension: 6-vertex L-shaped rings (n, 7, 2)."""
    w, d = width / 2, depth / 2
    ext_w = width * rng.uniform(0.35, 0.6, size=width.size)
    ext_d = depth * rng.uniform(0.25, 0.45, size=width.size)
    xs = np.stack([-w, w, w, -w + ext_w, -w + ext_w, -w, -w], axis=1)
    ys = np.stack([-d, -d, d, d, d + ext_d, d + ext_d, -d], axis=1)
    ys = ys - ext_d[:, None] / 2
    cos, sin = np.cos(angle)[:, None], np.sin(angle)[:, None]
    x = xs * cos - ys * sin + cx[:, None]
    y = xs * sin + ys * cos + cy[:, None]
    return np.stack([x, y], axis=2)


CELL_SIZE = 230.0  # metres; each neighbourhood fills one grid cell of its village


def _neighbourhood(rng, kind: str, n_target: int, centre, angle: float):
    """Buildings of one neighbourhood: parallel streets with rows of plots on both sides.

    Rows are laid out in a local frame big enough to cover the cell at any rotation,
    then only plots inside the cell (with a margin) are kept, row by row, up to
    ``n_target``; so neighbourhoods never overlap and the last row may be partial.
    """
    spec = KINDS[kind]
    span = CELL_SIZE * 1.5
    row_spacing = 34.0 if kind in ("apartment", "large") else 21.0
    cx_l, cy_l, widths, depths, street_no, numbers = [], [], [], [], [], []
    for row in range(int(span / row_spacing)):
        x = -span / 2 + rng.uniform(0, 10)
        number = 1 + (row % 2)
        # rows come in pairs facing one street: even rows north of it, odd rows south
        y_street = (row // 2) * 2 * row_spacing - span / 2
        while x < span / 2:
            group = int(rng.integers(spec["group"][0], spec["group"][1] + 1))
            width = rng.uniform(*spec["width"])
            depth = rng.uniform(*spec["depth"])
            setback = 5.0 + depth / 2
            y = y_street + (setback if row % 2 == 0 else -setback)
            for _ in range(group):
                cx_l.append(x + width / 2)
                cy_l.append(y)
                widths.append(width)
                depths.append(depth)
                street_no.append(row // 2)
                numbers.append(number)
                number += 2
                x += width
            x += rng.uniform(*spec["gap"])
    lx, ly = np.asarray(cx_l), np.asarray(cy_l)
    cos, sin = np.cos(angle), np.sin(angle)
    cx = lx * cos - ly * sin + centre[0]
    cy = lx * sin + ly * cos + centre[1]
    widths, depths = np.asarray(widths), np.asarray(depths)
    reach = np.hypot(widths, depths) / 2 + 4.0
    half = CELL_SIZE / 2
    inside = (np.abs(cx - centre[0]) + reach < half) & (np.abs(cy - centre[1]) + reach < half)
    chosen = np.flatnonzero(inside)[:n_target]
    return (
        cx[chosen],
        cy[chosen],
        widths[chosen],
        depths[chosen],
        np.full(chosen.size, angle),
        np.asarray(street_no)[chosen],
        np.asarray(numbers)[chosen],
    )


def _spiral_cells(rng, village: Village, count: int) -> np.ndarray:
    """Cell centres around the village centre, nearest first (with a little jitter)."""
    k = int(np.ceil(np.sqrt(count))) + 2
    i, j = np.meshgrid(np.arange(-k, k + 1), np.arange(-k, k + 1))
    i, j = i.ravel(), j.ravel()
    distance = np.hypot(i, j) + rng.uniform(0, 0.8, i.size)
    order = np.argsort(distance)[:count]
    return np.stack([village.x + i[order] * CELL_SIZE, village.y + j[order] * CELL_SIZE], axis=1)


def _village_frames(rng, village: Village, n_buildings: int, first_nbh: int) -> list[dict]:
    """Candidate buildings of one village, as column dicts per neighbourhood."""
    frames = []
    remaining, nbh = n_buildings, first_nbh
    themed = list(THEMED_STREETS)
    rng.shuffle(themed)
    names = np.array(list(village.streets) + themed, dtype=object)
    cells = _spiral_cells(rng, village, max(6, n_buildings // 20))
    n_large = max(1, n_buildings // 400)
    for cell_index, centre in enumerate(cells):
        if remaining <= 0:
            break
        if cell_index == 0:
            kind = "terraced"  # old village core
        elif cell_index == 1:
            kind = "large"  # school, church, sports hall, shops next to the core
        else:
            kind = rng.choice(list(NEIGHBOURHOOD_MIX), p=list(NEIGHBOURHOOD_MIX.values()))
        if cell_index > 1 and rng.uniform() < 0.08:
            continue  # a park, a pond or a sports field
        # a neighbourhood fills its whole cell; only the last one of a village is partial
        size = int(min(remaining, {"apartment": 10, "large": n_large}.get(kind, remaining)))
        angle = rng.uniform(0, np.pi)
        cx, cy, w, d, a, street, number = _neighbourhood(rng, kind, size, centre, angle)
        if cx.size == 0:
            continue
        # Each neighbourhood gets its own run of street names; long streets (a name used
        # again further out) simply continue, and house numbers are assigned per street later.
        street_names = names[(street + 4 * (nbh - first_nbh)) % len(names)]
        kinds = np.full(cx.size, kind, dtype=object)
        frames.append(
            dict(
                cx=cx,
                cy=cy,
                width=w,
                depth=d,
                angle=a,
                kind=kinds,
                street=street_names,
                number=number,
                village=village,
                nbh=np.full(cx.size, nbh),
            )
        )
        remaining -= cx.size
        nbh += 1
    return frames


def _farm_frames(rng, n_farms: int, first_nbh: int) -> list[dict]:
    """Farms: a house near the road and a large barn behind it, scattered in the region."""
    if n_farms <= 0:
        return []
    # Farms line the country roads between the villages (wegdorpen, linten).
    centres = np.array([(v.x, v.y) for v in VILLAGES], dtype=float)
    pairs = np.array([(a, b) for a in range(len(VILLAGES)) for b in range(a + 1, len(VILLAGES))])
    lengths = np.hypot(*(centres[pairs[:, 1]] - centres[pairs[:, 0]]).T)
    roads = pairs[lengths < 9000]
    road = roads[rng.integers(0, len(roads), n_farms)]
    start, end = centres[road[:, 0]], centres[road[:, 1]]
    t = rng.uniform(0.08, 0.92, n_farms)[:, None]
    direction = end - start
    normal = np.stack([-direction[:, 1], direction[:, 0]], axis=1)
    normal /= np.hypot(normal[:, 0], normal[:, 1])[:, None]
    side = rng.choice([-1.0, 1.0], n_farms)[:, None] * rng.uniform(35, 90, n_farms)[:, None]
    position = start + t * direction + normal * side
    xs, ys = position[:, 0], position[:, 1]
    # houses face the road: their axis is perpendicular to it
    angle = np.arctan2(direction[:, 1], direction[:, 0]) + rng.normal(0, 0.08, n_farms)
    nearest = np.argmin(
        (xs[:, None] - np.array([v.x for v in VILLAGES])) ** 2
        + (ys[:, None] - np.array([v.y for v in VILLAGES])) ** 2,
        axis=1,
    )
    frames = []
    for index, village in enumerate(VILLAGES):
        mine = np.flatnonzero(nearest == index)
        if mine.size == 0:
            continue
        a = angle[mine]
        n = mine.size
        house_w, house_d = rng.uniform(9, 13, n), rng.uniform(10, 14, n)
        barn_w, barn_d = rng.uniform(18, 26, n), rng.uniform(30, 45, n)
        # the barn stands behind the house, along the farm's axis, a yard in between
        back = house_d / 2 + barn_d / 2 + rng.uniform(4, 12, n)
        bx = xs[mine] - np.sin(a) * back
        by = ys[mine] + np.cos(a) * back
        frames.append(
            dict(
                cx=np.concatenate([xs[mine], bx]),
                cy=np.concatenate([ys[mine], by]),
                width=np.concatenate([house_w, barn_w]),
                depth=np.concatenate([house_d, barn_d]),
                angle=np.concatenate([a, a]),
                kind=np.array(["farmhouse"] * n + ["barn"] * n, dtype=object),
                street=np.full(2 * n, "Buitenweg", dtype=object),
                number=np.concatenate([np.arange(n) * 2 + 1, np.arange(n) * 2 + 1]),
                village=village,
                # every farm is its own group, so overlapping farms are thinned out
                nbh=np.concatenate([first_nbh + mine] * 2),
            )
        )
    return frames


def _drop_overlaps(geoms: np.ndarray, nbh: np.ndarray) -> np.ndarray:
    """Boolean keep-mask: drop buildings overlapping an earlier one of another group."""
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    clash = (left < right) & (nbh[left] != nbh[right])
    keep = np.ones(geoms.size, dtype=bool)
    keep[right[clash]] = False
    return keep


def _geometries(rng, cx, cy, width, depth, angle, kind) -> np.ndarray:
    geoms = np.empty(cx.size, dtype=object)
    detached = kind == "detached"
    l_shaped = detached & (rng.uniform(size=cx.size) < 0.45)
    boxes = ~l_shaped
    geoms[boxes] = shapely.polygons(
        _rotated_boxes(cx[boxes], cy[boxes], width[boxes], depth[boxes], angle[boxes])
    )
    if l_shaped.any():
        geoms[l_shaped] = shapely.polygons(
            _l_shapes(
                cx[l_shaped], cy[l_shaped], width[l_shaped], depth[l_shaped], angle[l_shaped], rng
            )
        )
    # Some large buildings have an inner courtyard: a polygon with a hole.
    for i in np.flatnonzero((kind == "large") & (rng.uniform(size=cx.size) < 0.5)):
        inner = shapely.affinity.scale(geoms[i], 0.45, 0.45)
        geoms[i] = shapely.Polygon(geoms[i].exterior.coords, [inner.exterior.coords])
    return geoms


def generate_buildings(n_buildings: int, seed: int = 0) -> gpd.GeoDataFrame:
    """Generate ``n_buildings`` synthetic panden in the canonical schema (EPSG:28992)."""
    if n_buildings < 1:
        raise ValueError("n_buildings must be at least 1")
    rng = np.random.default_rng(seed)
    # Candidates with a margin for overlaps between neighbourhoods; trimmed afterwards.
    n_candidates = int(n_buildings * 1.25) + 20
    n_farm_buildings = int(n_candidates * RURAL_SHARE)
    n_village = n_candidates - n_farm_buildings
    weights = np.array([v.weight for v in VILLAGES])
    per_village = np.floor(weights / weights.sum() * n_village).astype(int)
    per_village[0] += n_village - per_village.sum()
    frames, nbh = [], 0
    for village, count in zip(VILLAGES, per_village, strict=True):
        village_frames = _village_frames(rng, village, int(count), nbh)
        if village_frames:  # a small sample leaves some villages without houses
            nbh = int(village_frames[-1]["nbh"].max()) + 1
        frames += village_frames
    frames += _farm_frames(rng, n_farm_buildings // 2, nbh)

    def cat(key, default=None):
        parts = []
        for f in frames:
            value = f.get(key, default)
            if isinstance(value, Village):
                value = np.full(f["cx"].size, value.name, dtype=object)
            elif value is None:
                value = np.full(f["cx"].size, -1)
            parts.append(np.asarray(value))
        return np.concatenate(parts)

    cx, cy, width, depth, angle = (cat(k) for k in ("cx", "cy", "width", "depth", "angle"))
    kind, street, number, village_name, nbh_id = (
        cat(k) for k in ("kind", "street", "number", "village", "nbh")
    )
    geoms = _geometries(rng, cx, cy, width, depth, angle, kind)
    keep = _drop_overlaps(geoms, nbh_id)
    # Trim to exactly n: drop whole neighbourhoods in a random order, never half rows.
    nbh_rank = rng.permutation(int(nbh_id.max()) + 1)[nbh_id]
    order = np.lexsort((np.arange(cx.size), nbh_rank))
    order = order[keep[order]]
    if order.size < n_buildings:  # pragma: no cover - margin is generous
        raise RuntimeError("sample generation produced too few buildings; raise the margin")
    chosen = np.sort(order[:n_buildings])

    cx, cy, kind, street, number, village_name, nbh_id, geoms = (
        a[chosen] for a in (cx, cy, kind, street, number, village_name, nbh_id, geoms)
    )
    return _attributes(rng, cx, cy, kind, street, number, village_name, nbh_id, geoms)


def _attributes(rng, cx, cy, kind, street, number, village_name, nbh_id, geoms):
    n = cx.size
    by_name = {v.name: v for v in VILLAGES}
    municipality = np.array([by_name[v].municipality for v in village_name], dtype=object)
    postcode_area = np.array([by_name[v].postcode for v in village_name], dtype=object)

    # BAG ids: municipality code + "10" + 10 digits, unique per municipality.
    ids = np.empty(n, dtype=object)
    for code in np.unique(municipality):
        mine = np.flatnonzero(municipality == code)
        start = int(rng.integers(100_000, 200_000))
        serial = start + np.arange(mine.size) * int(rng.integers(1, 4)) + 1
        ids[mine] = [f"{code}10{s:010d}" for s in serial]

    typology = np.empty(n, dtype=object)
    for k, table in TYPOLOGY_BY_KIND.items():
        mine = kind == k
        if mine.any():
            typology[mine] = _choice(rng, table, int(mine.sum()))
    bouwjaar = np.where(
        np.isin(typology, ["RC1L", "RC3L", "S1L"]),
        rng.integers(1965, 2015, n),
        rng.integers(1890, 1985, n),
    )

    # LPR: log-normal around a median falling with distance from the field centre.
    distance_km = np.hypot(cx - FIELD_CENTRE[0], cy - FIELD_CENTRE[1]) / 1000.0
    vulnerability = np.array([VULNERABILITY[t] for t in typology])
    nbh_effect = rng.normal(0, 0.35, int(nbh_id.max()) + 1)[nbh_id]
    log_median = -5.3 + vulnerability - 0.085 * distance_km + nbh_effect + rng.normal(0, 0.45, n)
    lpr = 10.0**log_median
    exponent = 10.0 ** np.floor(np.log10(lpr))
    lpr = np.round(lpr / exponent, 2) * exponent  # three significant digits, as in HRA lists
    # P90 / median spread: close to the order of magnitude that schema.LPR_LICHT_THRESHOLD
    # assumes, so a single-LPR import derives nearly the same profiles (estimate)
    p90 = lpr * 10.0 ** rng.uniform(0.85, 1.0, n)
    profile = np.where(
        lpr > schema.MEIJDAM_NORM,
        schema.PROFILE_VERHOOGD,
        np.where(p90 > schema.MEIJDAM_NORM, schema.PROFILE_LICHT, schema.PROFILE_NORMAAL),
    ).astype(object)
    addresses = np.ones(n, dtype=np.int64)
    addresses[kind == "apartment"] = rng.integers(8, 40, int((kind == "apartment").sum()))
    addresses[kind == "barn"] = 0
    residents = rng.poisson(2.1 * addresses).astype(float)  # ~2.1 persons per household
    residents[kind == "large"] = rng.integers(0, 40, int((kind == "large").sum()))

    milestone = _milestones(rng, profile, nbh_id)
    measure = _measures(rng, profile, milestone)
    workload = profile != schema.PROFILE_NORMAAL
    eigen_regie = workload & (rng.uniform(size=n) < 0.04)

    letters = np.array(list("ABCDEFGHJKLMNPRSTVWXZ"))
    pc_letters = letters[(nbh_id * 7) % letters.size] + letters[(nbh_id * 3 + 5) % letters.size]
    postcode = postcode_area + pc_letters.astype(object)
    # House numbers run along each street through the neighbourhoods it crosses, so every
    # address is unique within its woonplaats.
    along = pd.DataFrame({"street": village_name + "|" + street, "nbh": nbh_id, "n": number})
    number = (
        (along.sort_values(["nbh", "n"], kind="stable").groupby("street").cumcount() + 1)
        .sort_index()
        .to_numpy()
    )
    address = street + " " + number.astype(str).astype(object)
    address[kind == "barn"] = ""
    postcode[kind == "barn"] = ""

    frame = gpd.GeoDataFrame(
        {
            "building_id": ids,
            "risk_profile": profile,
            "profile_source": schema.PROFILE_SOURCE_DATA,
            "lpr": lpr,
            "typology": typology,
            "milestone": milestone,
            "measure_class": measure,
            "addresses": addresses,
            "residents": residents,
            "address": address,
            "postcode": postcode,
            "woonplaats": village_name,
            "eigen_regie": eigen_regie,
            "cluster_id": "",
            "bouwjaar": bouwjaar,
            "gebruiksdoel": np.array([USE_BY_KIND[k] for k in kind], dtype=object),
            "pand_type": kind,
        },
        geometry=geoms,
        crs=schema.WORKING_CRS,
    )
    return schema.ensure_building_columns(frame)


def _milestones(rng, profile, nbh_id) -> np.ndarray:
    """NCG milestones: advanced per neighbourhood (local plans go area by area)."""
    codes = np.array(schema.MILESTONES, dtype=object)
    shares = np.array([MILESTONE_SHARES[c] for c in schema.MILESTONES], dtype=float)
    cumulative = np.cumsum(shares / shares.sum())
    # A neighbourhood's progress draws a quantile; buildings scatter around it.
    nbh_progress = rng.uniform(0, 1, int(nbh_id.max()) + 1)[nbh_id]
    quantile = np.clip(nbh_progress + rng.normal(0, 0.15, profile.size), 0, 0.9999)
    milestone = codes[np.searchsorted(cumulative, quantile)]
    # Normal-risk buildings are rarely in the reinforcement workload.
    normal = profile == schema.PROFILE_NORMAAL
    early = rng.choice(
        ["niet_in_plan", "in_plan", "opname", "beoordeling"],
        p=[0.55, 0.2, 0.15, 0.1],
        size=profile.size,
    )
    milestone[normal] = early[normal]
    return milestone


def _measures(rng, profile, milestone) -> np.ndarray:
    """Assessed measure for buildings past the normbesluit, "" for the others."""
    assessed = np.isin(milestone, schema.MILESTONES[schema.MILESTONES.index("normbesluit") :])
    assessed |= (milestone == "beoordeling") & (profile == schema.PROFILE_NORMAAL)
    tables = {
        schema.PROFILE_VERHOOGD: (
            ("heavy", 0.62),
            ("rebuild", 0.15),
            ("light", 0.18),
            ("none", 0.05),
        ),
        schema.PROFILE_LICHT: (("light", 0.55), ("none", 0.28), ("heavy", 0.15), ("rebuild", 0.02)),
        schema.PROFILE_NORMAAL: (("none", 0.85), ("light", 0.15)),
    }
    measure = np.full(profile.size, "", dtype=object)
    for p, table in tables.items():
        mine = assessed & (profile == p)
        if mine.any():
            measure[mine] = _choice(rng, table, int(mine.sum()))
    return measure


def footprints_and_risk_table(buildings: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Split a generated area the way planners receive it: BAG footprints and a risk list.

    Footprints carry the BAG fields (``identificatie``, ``bouwjaar``, ``gebruiksdoel``);
    the risk list carries the NCG/HRA fields under their Dutch column names.
    """
    footprints = gpd.GeoDataFrame(
        {
            "identificatie": buildings["building_id"],
            "bouwjaar": buildings["bouwjaar"],
            "gebruiksdoel": buildings["gebruiksdoel"],
            "status": "Pand in gebruik",
        },
        geometry=buildings.geometry,
        crs=buildings.crs,
    )
    risk = pd.DataFrame(
        {
            "bag_pand_id": buildings["building_id"],
            "risicoprofiel": buildings["risk_profile"],
            "lpr": buildings["lpr"],
            "typologie": buildings["typology"],
            "mijlpaal": buildings["milestone"].map(schema.MILESTONE_LABELS_NL),
            "maatregel": buildings["measure_class"].map(
                lambda m: schema.MEASURE_LABELS_NL.get(m, "")
            ),
            "aantal_adressen": buildings["addresses"],
            "bewoners": buildings["residents"],
            "adres": buildings["address"],
            "postcode": buildings["postcode"],
            "woonplaats": buildings["woonplaats"],
            "eigen_regie": np.where(buildings["eigen_regie"], "ja", "nee"),
        }
    )
    return footprints, risk


def write_risk_csv(risk: pd.DataFrame, path: str | Path) -> None:
    """Write a risk list as Dutch Excel exports it: semicolons, decimal comma, cp1252."""
    risk.to_csv(path, sep=";", decimal=",", index=False, encoding="cp1252", errors="replace")
