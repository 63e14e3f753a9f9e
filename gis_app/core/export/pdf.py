"""A contractor's PDF map sheet, written object by object without Qt.

One PDF per work package, A4 landscape, margins of 12 mm:

* page 1: title and package facts, the map of the package (buildings coloured by measure
  or risk, the package outline dashed, the other buildings nearby in light grey, house
  numbers and street names with a white halo) with a legend, a scale bar with the scale
  and a north arrow (RD New grid north, which is true north within a fraction of a
  degree in Groningen);
* page 2 and on: the table of buildings (:class:`~gis_app.core.export.sheets.PackageSheet`
  ``header`` and ``rows``). Rows are never split over two pages and the header row is
  repeated on every page (:func:`paginate` is the layout model; tests inspect it).

Every page has a footer with the export stamp and "pagina i van n".

How it is written, and why (a sheet per package is the dearest file of an export; this
writer costs a small fraction of drawing it with Qt at 300 dpi):

* Text is real text in the PDF base-14 fonts Helvetica, Helvetica-Bold and
  Helvetica-Oblique with WinAnsiEncoding (Windows code page 1252), not embedded: every
  PDF reader supplies them (faces with Helvetica's widths, so the shapes differ a little
  between readers), pdftotext reads the house numbers, streets and rows back, and the
  layout uses their Adobe metrics (:mod:`gis_app.core.export.pdf_fonts`). Dutch and
  Frisian names (ë, ú, â, ...) and the euro sign are in cp1252; a text outside it raises
  :class:`UnprintableText` before anything is written, and the application's writer
  (:func:`gis_app.render.pdf_sheets.write_package_pdf`) then draws that sheet with Qt,
  whose embedded fonts show any script the machine has fonts for.
* A halo is the same text drawn first with text render mode 2 (fill and stroke) in
  white with a wide round-joined stroke, then filled in its colour; a street name is
  rotated by its text matrix.
* Building outlines go into one path per colour (even-odd fill, so a courtyard stays a
  hole), their coordinates rounded to 0.1 pt and formatted for the whole path at once.
* Content streams are deflated at level 1: measured on the sample's sheets, a sheet
  shrinks from about 40 to 11 kB for about 0.2 ms; level 6 saves another 8 % for twice
  that time.

The line metrics (ascent 0.928 em, descent 0.236 em) are those of the font the Qt sheet
used (DejaVu Sans), so rows, wrapping and pages hold what they held before.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from gis_app.core.errors import ExportError
from gis_app.core.export.pdf_fonts import (
    BOLD_DIGITS_BOTTOM,
    BOLD_DIGITS_TOP,
    CAP_HEIGHT,
    WIDTHS,
)
from gis_app.core.export.sheets import PackageSheet
from gis_app.core.i18n import language, t
from gis_app.core.io.atomic import atomic_write, describe_os_error

PT_PER_MM = 72 / 25.4


def mm(value: float) -> float:
    """``value`` millimetres in points."""
    return value * PT_PER_MM


PAGE_WIDTH = mm(297.0)  # A4 landscape
PAGE_HEIGHT = mm(210.0)
MARGIN_MM = 12.0
MARGIN = mm(MARGIN_MM)
AREA_WIDTH = PAGE_WIDTH - 2 * MARGIN
AREA_HEIGHT = PAGE_HEIGHT - 2 * MARGIN
CELL_PAD = 0.03 * 72  # pt (about 0.75 mm) around cell text
#: Printed height of a house number's digits on the map (a contractor reads it on site).
HOUSE_NUMBER_MM = 2.5
STREET_NAME_PT = 9.0
ASCENT = 0.928  # em
DESCENT = 0.236  # em
#: zlib level of the content streams (see the module docstring).
DEFLATE_LEVEL = 1

_FONT_NAMES = {"F1": "Helvetica", "F2": "Helvetica-Bold", "F3": "Helvetica-Oblique"}
# controls have no glyph: printed as a space, as a reader would show them
_CONTROLS = {c: " " for c in [*range(32), 127]}


class UnprintableText(ExportError):
    """A text of the sheet has a character that WinAnsiEncoding (cp1252) lacks."""


@dataclass(frozen=True)
class Font:
    key: str  # resource name in the PDF: F1 regular, F2 bold, F3 oblique
    size: float  # pt

    @property
    def height(self) -> float:
        return self.size * (ASCENT + DESCENT)

    @property
    def ascent(self) -> float:
        return self.size * ASCENT

    @property
    def cap_height(self) -> float:
        return self.size * CAP_HEIGHT / 1000


BODY = Font("F1", 8.0)
BOLD = Font("F2", 8.0)
SMALL = Font("F1", 7.0)
TITLE = Font("F2", 15.0)
#: Bold digits at least HOUSE_NUMBER_MM high (glyph boxes of the AFM, not the em).
HOUSE_NUMBER = Font("F2", mm(HOUSE_NUMBER_MM) * 1000 / (BOLD_DIGITS_TOP - BOLD_DIGITS_BOTTOM))
STREET_NAME = Font("F3", STREET_NAME_PT)


# --- layout model -------------------------------------------------------------------------


@dataclass
class TableLayout:
    """Which rows go on which table page, and where: the layout model of the table."""

    pages: list[list[int]]  # row indices per page, in order
    row_heights: list[float]
    header_height: float
    page_height: float  # height available for header + rows on a table page

    @property
    def page_count(self) -> int:
        return len(self.pages)


def paginate(row_heights: list[float], header_height: float, page_height: float) -> TableLayout:
    """Fill pages with whole rows; every page starts with the header.

    A row taller than a page on its own (never with real data) gets a page to itself.
    """
    pages: list[list[int]] = []
    current: list[int] = []
    used = header_height
    for i, height in enumerate(row_heights):
        if current and used + height > page_height:
            pages.append(current)
            current = []
            used = header_height
        current.append(i)
        used += height
    if current:
        pages.append(current)
    return TableLayout(pages, list(row_heights), header_height, page_height)


# --- text ---------------------------------------------------------------------------------


class _Text:
    """Encodes and measures the sheet's texts (each distinct text once)."""

    def __init__(self, path: Path | None):
        self.path = path
        self.encoded: dict[str, bytes] = {}
        self.widths: dict[tuple[str, str], float] = {}  # (text, font key) -> em/1000
        self.literals: dict[str, str] = {}

    def encode(self, text: str) -> bytes:
        data = self.encoded.get(text)
        if data is None:
            try:
                data = text.translate(_CONTROLS).encode("cp1252")
            except UnicodeEncodeError as error:
                raise UnprintableText(
                    t(
                        "het PDF-kaartblad kan het teken {char} niet tonen (in {text})",
                        char=repr(error.object[error.start]),
                        text=repr(text),
                    ),
                    path=self.path,
                ) from None
            self.encoded[text] = data
        return data

    def width(self, text: str, font: Font) -> float:
        key = (text, font.key)
        units = self.widths.get(key)
        if units is None:
            widths = WIDTHS[_FONT_NAMES[font.key]]
            units = self.widths[key] = sum([widths[b] for b in self.encode(text)])
        return units * font.size / 1000

    def literal(self, text: str) -> str:
        """``text`` as a PDF string literal (its cp1252 bytes read as Latin-1 characters,
        which the stream's Latin-1 encoding turns back into those bytes)."""
        out = self.literals.get(text)
        if out is None:
            raw = self.encode(text).decode("latin-1")
            out = "(" + raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
            self.literals[text] = out
        return out

    def wrap(self, text: str, font: Font, width: float) -> list[str]:
        """Lines of ``text`` no wider than ``width``: broken at spaces, a word wider than
        a line at any character."""
        if self.width(text, font) <= width:
            return [text]
        lines: list[str] = []
        current = ""
        for word in text.split(" "):
            candidate = f"{current} {word}" if current else word
            if self.width(candidate, font) <= width:
                current = candidate
                continue
            if not word:  # a space at the end of a line takes no room (as in Qt)
                continue
            if current:
                lines.append(current)
            while len(word) > 1 and self.width(word, font) > width:
                cut = 1
                while cut < len(word) and self.width(word[: cut + 1], font) <= width:
                    cut += 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
        return lines


_COLORS: dict[str, str] = {}


def _rgb(color: str) -> str:
    """``#rrggbb`` as PDF colour operands."""
    text = _COLORS.get(color)
    if text is None:
        value = color.lstrip("#")
        text = " ".join(f"{int(value[i : i + 2], 16) / 255:.3f}" for i in (0, 2, 4))
        _COLORS[color] = text
    return text


def _n(value: float) -> str:
    return f"{value:.2f}"


# --- one page -----------------------------------------------------------------------------


class _Page:
    """Content operators of one page; coordinates in points from the top left of the area
    inside the margins, y downwards, as the layout is made (turned into PDF's y upwards
    here)."""

    def __init__(self, text: _Text):
        self.text = text
        self.ops: list[str] = []

    @staticmethod
    def x(x: float) -> float:
        return MARGIN + x

    @staticmethod
    def y(y: float) -> float:
        return PAGE_HEIGHT - MARGIN - y

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        fill: str | None = None,
        stroke: str | None = None,
        width: float = 0.0,
    ) -> None:
        ops = self.ops
        if fill is not None:
            ops.append(f"{_rgb(fill)} rg\n")
        if stroke is not None:
            ops.append(f"{_rgb(stroke)} RG {_n(width)} w\n")
        paint = "B" if fill and stroke else ("f" if fill else "S")
        ops.append(f"{_n(self.x(x))} {_n(self.y(y + h))} {_n(w)} {_n(h)} re {paint}\n")

    def line(
        self, x1: float, y1: float, x2: float, y2: float, color: str, width: float, dash=None
    ) -> None:
        pattern = f"[{_n(dash[0])} {_n(dash[1])}] 0 d " if dash else ""
        self.ops.append(
            f"{_rgb(color)} RG {_n(width)} w {pattern}{_n(self.x(x1))} {_n(self.y(y1))} m "
            f"{_n(self.x(x2))} {_n(self.y(y2))} l S{' [] 0 d' if dash else ''}\n"
        )

    def show(self, x: float, baseline: float, text: str, font: Font, color: str) -> None:
        """``text`` starting at ``x`` on the ``baseline`` (layout coordinates)."""
        if not text:
            return
        self.ops.append(
            f"{_rgb(color)} rg BT /{font.key} {font.size:.2f} Tf {_n(self.x(x))} "
            f"{_n(self.y(baseline))} Td {self.text.literal(text)} Tj ET\n"
        )

    def show_in(
        self,
        box: tuple[float, float, float, float],
        text: str,
        font: Font,
        color: str = "#000000",
        *,
        h: str = "left",
        v: str = "top",
    ) -> None:
        """One line in ``box`` (x, y, w, h), aligned as Qt's ``drawText(rect, flags)``."""
        x, y, w, height = box
        width = self.text.width(text, font)
        if h == "center":
            x += (w - width) / 2
        elif h == "right":
            x += w - width
        if v == "center":
            y += (height - font.height) / 2
        self.show(x, y + font.ascent, text, font, color)

    def data(self) -> bytes:
        return "".join(self.ops).encode("latin-1")


# --- the map --------------------------------------------------------------------------------


class _MapTransform:
    """Map coordinates (RD metres) to PDF points (y upwards, as RD), ``bounds`` fitted
    into ``rect`` (layout coordinates) and centred."""

    def __init__(self, bounds, rect: tuple[float, float, float, float]):
        xmin, ymin, xmax, ymax = bounds
        left, top, width, height = rect
        self.scale = min(width / max(xmax - xmin, 1.0), height / max(ymax - ymin, 1.0))
        self.cx, self.cy = (xmin + xmax) / 2, (ymin + ymax) / 2
        self.px = _Page.x(left + width / 2)
        self.py = _Page.y(top + height / 2)

    def xy(self, coords: np.ndarray) -> np.ndarray:
        out = np.empty_like(coords, dtype=float)
        out[:, 0] = self.px + (coords[:, 0] - self.cx) * self.scale
        out[:, 1] = self.py + (coords[:, 1] - self.cy) * self.scale
        return out


_RING_FORMATS: dict[int, str] = {}


def _ring_format(points: int) -> str:
    fmt = _RING_FORMATS.get(points)
    if fmt is None:
        fmt = "%d %d m" + " %d %d l" * (points - 1) + " h\n"
        _RING_FORMATS[points] = fmt
    return fmt


def _interiors(parts: np.ndarray) -> list[np.ndarray]:
    counts = shapely.get_num_interior_rings(parts)
    out = []
    for k in range(1, int(counts.max(initial=0)) + 1):
        out.append(shapely.get_interior_ring(parts[counts >= k], k - 1))
    return out


def ring_coordinates(geometries) -> tuple[np.ndarray, np.ndarray, int]:
    """Every ring of the polygons in ``geometries`` (missing ones left out): the
    coordinates, the ring each belongs to (exteriors first, then holes) and the number of
    rings. Shared by the direct sheet and its Qt fallback, which draw the rings alike
    (even-odd fill: a hole is a ring like any other)."""
    geoms = np.asarray([g for g in geometries if g is not None], dtype=object)
    if len(geoms) == 0:
        return np.empty((0, 2)), np.empty(0, dtype=np.intp), 0
    parts = shapely.get_parts(geoms)
    rings = np.concatenate([shapely.get_exterior_ring(parts), *_interiors(parts)])
    rings = rings[~shapely.is_missing(rings)]
    coords, which = shapely.get_coordinates(rings, return_index=True)
    return coords, which, len(rings)


def ring_path(geometries, transform: _MapTransform) -> str:
    """Path operators of every ring of ``geometries`` in tenths of a point (the caller
    scales by 0.1): one subpath per ring, closed with ``h`` (the ring's repeated last
    point left out); rings of fewer than three points are left out."""
    coords, which, n_rings = ring_coordinates(geometries)
    if len(coords) == 0:
        return ""
    counts = np.bincount(which, minlength=n_rings)
    ends = np.cumsum(counts)
    keep_ring = counts >= 4  # three corners and the closing point
    keep = np.repeat(keep_ring, counts)
    keep[ends[counts > 0] - 1] = False  # closing points: ``h`` closes
    values = np.rint(transform.xy(coords[keep]) * 10).astype(np.int64)
    fmt = "".join([_ring_format(k) for k in (counts[keep_ring] - 1).tolist()])
    return fmt % tuple(values.ravel().tolist())


def nice_length(metres: float) -> float:
    if metres <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(metres))
    for step in (5, 2, 1):
        if step * power <= metres:
            return step * power
    return power


def _round_scale(denominator: float) -> int:
    if denominator <= 0 or not math.isfinite(denominator):
        return 0
    power = 10 ** max(math.floor(math.log10(denominator)) - 1, 0)
    return int(round(denominator / power) * power)


def scale_text(denominator: float) -> str:
    """``25.000`` in Dutch, ``25,000`` in English."""
    text = f"{_round_scale(denominator):,}"
    return text if language() == "en" else text.replace(",", ".")


# --- the sheet ------------------------------------------------------------------------------


def fit_columns(wants: list[float], width: float) -> list[float]:
    """Column widths for a table ``width`` wide from the widths the columns want: extra
    room shared equally; too little, and the widest columns shrink first (their text
    wraps) while the narrow ones keep theirs. Shared by the direct sheet and its Qt
    fallback."""
    n = len(wants)
    total = sum(wants)
    if total <= width:
        extra = (width - total) / n
        return [w + extra for w in wants]
    cap = width / n
    fixed = [w for w in wants if w <= cap]
    while True:
        flexible = [w for w in wants if w > cap]
        if not flexible:
            break
        new_cap = (width - sum(fixed)) / len(flexible)
        if new_cap >= cap - 1e-6:
            cap = new_cap
            break
        cap = new_cap
        fixed = [w for w in wants if w <= cap]
    return [min(w, cap) for w in wants]


#: Sample points along (t) and across (u) a street label, to count how many of them fall
#: on a house number.
_LABEL_T = np.repeat(np.linspace(-1, 1, 24), 3)
_LABEL_U = np.tile(np.array([-1, 0, 1]), 24)


def street_label_centre(
    anchor, along: np.ndarray, across: np.ndarray, width: float, line: float, boxes: np.ndarray
) -> tuple[float, float]:
    """Where a street name of ``width`` goes near ``anchor`` (page units): of 21 positions
    shifted across (up to three lines either side) and along the street, the first that
    covers the fewest house-number ``boxes`` (rows of left, top, right, bottom; edges
    count as inside). Shared by the direct sheet and its Qt fallback, so both put a
    name in the same place."""
    best, best_score = (float(anchor[0]), float(anchor[1])), None
    for step_across in (0, 1, -1, 2, -2, 3, -3):
        for step_along in (0, 0.3, -0.3):
            cx, cy = (
                np.asarray(anchor, dtype=float)
                + across * step_across * line * 0.8
                + along * step_along * width
            )
            sx = cx + along[0] * _LABEL_T * width / 2 + across[0] * _LABEL_U * line / 3
            sy = cy + along[1] * _LABEL_T * width / 2 + across[1] * _LABEL_U * line / 3
            inside = (
                (sx[:, None] >= boxes[:, 0])
                & (sx[:, None] <= boxes[:, 2])
                & (sy[:, None] >= boxes[:, 1])
                & (sy[:, None] <= boxes[:, 3])
            )
            score = int(inside.any(axis=1).sum())
            if best_score is None or score < best_score:
                best, best_score = (cx, cy), score
    return best


class _SheetWriter:
    def __init__(self, sheet: PackageSheet, path: Path | None):
        self.sheet = sheet
        self.text = _Text(path)
        self.footer_height = mm(6)

    # table geometry, shared by layout and drawing
    def table_columns(self) -> list[float]:
        sheet = self.sheet
        n = len(sheet.header)
        if n == 0:
            return []
        width_of = self.text.width
        wants = []
        for j in range(n):
            widest = width_of(sheet.header[j], BOLD)
            for text in dict.fromkeys(row[j] for row in sheet.rows[:2000]):
                widest = max(widest, width_of(text, BODY))
            wants.append(widest + 2 * CELL_PAD)
        return fit_columns(wants, AREA_WIDTH)

    def wrapped(self, cells: list[str], widths: list[float], font: Font) -> list[list[str]]:
        return [
            self.text.wrap(text, font, max(width - 2 * CELL_PAD, 1.0))
            for text, width in zip(cells, widths, strict=True)
        ]

    def table_layout(self) -> tuple[TableLayout, list[float], list[list[list[str]]]]:
        widths = self.table_columns()
        header = self.wrapped(self.sheet.header, widths, BOLD)
        rows = [self.wrapped(row, widths, BODY) for row in self.sheet.rows]

        def height(cells: list[list[str]], font: Font) -> float:
            lines = max((len(c) for c in cells), default=1)
            return lines * font.height + 2 * CELL_PAD

        available = AREA_HEIGHT - self.footer_height - mm(10)
        layout = paginate([height(r, BODY) for r in rows], height(header, BOLD), available)
        return layout, widths, [header, *rows]

    # drawing
    def footer(self, page: _Page, number: int, total: int) -> None:
        box = (0.0, AREA_HEIGHT - self.footer_height, AREA_WIDTH, self.footer_height)
        page.show_in(box, self.sheet.footer, SMALL, "#444444", v="center")
        page.show_in(
            box,
            t("pagina {number} van {total}", number=number, total=total),
            SMALL,
            "#444444",
            h="right",
            v="center",
        )

    def map_page(self, page: _Page) -> None:
        sheet = self.sheet
        title_h = mm(9)
        page.show_in(
            (0.0, 0.0, AREA_WIDTH, title_h),
            t("Werkpakket {title}", title=sheet.title),
            TITLE,
            v="center",
        )
        line = BODY.height * 1.15
        half = math.ceil(len(sheet.facts) / 2)
        col_w = AREA_WIDTH / 2
        for i, (label, value) in enumerate(sheet.facts):
            col, r = divmod(i, half)
            x = col * col_w
            y = title_h + mm(1) + r * line
            page.show(x, y + BOLD.ascent, label, BOLD, "#000000")
            room = col_w - mm(42)
            if self.text.width(value, BODY) <= room:
                page.show(x + mm(40), y + BODY.ascent, value, BODY, "#000000")
            else:  # cut off at the next column, as the Qt sheet did
                page.ops.append(
                    f"q {_n(page.x(x + mm(40)))} {_n(page.y(y + line))} {_n(room)} "
                    f"{_n(line)} re W n\n"
                )
                page.show(x + mm(40), y + BODY.ascent, value, BODY, "#000000")
                page.ops.append("Q\n")
        top = title_h + mm(2) + half * line + mm(2)
        frame = (0.0, top, AREA_WIDTH, AREA_HEIGHT - self.footer_height - top - mm(2))
        page.rect(*frame, stroke="#606060", width=mm(0.25))
        inner = (frame[0] + mm(4), frame[1] + mm(4), frame[2] - mm(8), frame[3] - mm(8))
        self.draw_map(page, inner)

    def draw_map(self, page: _Page, rect: tuple[float, float, float, float]) -> None:
        sheet = self.sheet
        geoms = sheet.buildings.geometry.to_numpy()
        bounds_geoms = [g for g in [*geoms, sheet.outline] if g is not None and not g.is_empty]
        if not bounds_geoms:
            page.show_in(rect, t("Dit werkpakket bevat geen panden."), BODY, h="center", v="center")
            return
        bounds = shapely.total_bounds(np.asarray(bounds_geoms, dtype=object))
        pad = max(bounds[2] - bounds[0], bounds[3] - bounds[1]) * 0.05 + 10
        bounds = (bounds[0] - pad, bounds[1] - pad, bounds[2] + pad, bounds[3] + pad)
        transform = _MapTransform(bounds, rect)
        ops = page.ops
        left, top, width, height = rect
        ops.append(
            f"q {_n(page.x(left))} {_n(page.y(top + height))} {_n(width)} {_n(height)} re W n\n"
            "q 0.1 0 0 0.1 0 0 cm 2 J 2 j\n"  # paths in tenths of a point
        )
        thin = _n(mm(0.12) * 10)
        if len(sheet.context):
            path = ring_path(sheet.context, transform)
            if path:
                ops.append(f"{_rgb('#ececec')} rg {_rgb('#b0b0b0')} RG {thin} w\n{path}B*\n")
        colors = np.asarray(sheet.colors, dtype=object)
        for color in dict.fromkeys(sheet.colors):
            path = ring_path(geoms[colors == color], transform)
            if path:
                ops.append(f"{_rgb(color)} rg {_rgb('#303030')} RG {thin} w\n{path}B*\n")
        if sheet.outline is not None and not sheet.outline.is_empty:
            path = ring_path([sheet.outline], transform)
            pen = mm(0.6) * 10
            ops.append(
                f"{_rgb('#0050a0')} RG {_n(pen)} w [{_n(4 * pen)} {_n(2 * pen)}] 0 d\n"
                f"{path}S [] 0 d\n"
            )
        ops.append("Q\n")
        self.labels(page, transform)
        ops.append("Q\n")
        self.legend(page, rect)
        self.scale_bar(page, rect, transform)
        self.north_arrow(page, rect)

    def labels(self, page: _Page, transform: _MapTransform) -> None:
        """House numbers on the buildings (row numbers where a pand has no address), with a
        white halo so they read on any colour; a label that would overlap one already
        printed is left out rather than printed illegibly. Then the street names, each
        placed along its houses where it covers the fewest house numbers. In PDF points,
        y upwards."""
        points = self.sheet.label_points
        shown: list[tuple[float, float, str]] = []  # (x, baseline, text)
        boxes = np.empty((0, 4))
        if len(points):
            font = HOUSE_NUMBER
            xy = transform.xy(np.asarray(points, dtype=float))
            texts = self.sheet.label_texts or [str(i + 1) for i in range(len(xy))]
            cap = font.cap_height
            pad = mm(0.4)
            placed = np.empty((len(xy), 4))
            count = 0
            for (x, y), text in zip(xy.tolist(), texts, strict=False):
                half = self.text.width(text, font) / 2
                left, bottom, right, top = x - half, y - cap / 2, x + half, y + cap / 2
                others = placed[:count]
                if count and bool(
                    (
                        (others[:, 0] < right)
                        & (left < others[:, 2])
                        & (others[:, 1] < top)
                        & (bottom < others[:, 3])
                    ).any()
                ):
                    continue
                placed[count] = (left - pad, bottom - pad, right + pad, top + pad)
                count += 1
                shown.append((left, bottom, text))
            boxes = placed[:count]
            self._halo_texts(
                page, [(1.0, 0.0, x, y, s) for x, y, s in shown], font, "#000000", mm(0.6)
            )
        self.street_names(page, transform, boxes)

    def street_names(self, page: _Page, transform: _MapTransform, boxes: np.ndarray) -> None:
        """Each street's name along its houses, in dark blue italics."""
        if not self.sheet.street_labels:
            return
        font = STREET_NAME
        line = font.height
        placed = []
        for name, x, y, angle in self.sheet.street_labels:
            ((px, py),) = transform.xy(np.array([[x, y]], dtype=float))
            width = self.text.width(name, font)
            theta = math.radians(angle)
            along = np.array([math.cos(theta), math.sin(theta)])
            across = np.array([along[1], -along[0]])  # the side the Qt sheet tried first
            best = street_label_centre((px, py), along, across, width, line, boxes)
            cos, sin = along
            # baseline start: half the width back along the street, half the cap height down
            ox = best[0] - cos * width / 2 + sin * font.cap_height / 2
            oy = best[1] - sin * width / 2 - cos * font.cap_height / 2
            placed.append((cos, sin, ox, oy, name))
        self._halo_texts(page, placed, font, "#1f3a68", mm(0.7))

    def _halo_texts(self, page: _Page, texts, font: Font, color: str, halo: float) -> None:
        """``texts`` (cos, sin, x, y, text; PDF points) with a white halo ``halo`` wide:
        every text stroked and filled in white first, then filled in ``color``."""
        if not texts:
            return
        shows = "".join(
            f"{cos:.4f} {sin:.4f} {-sin:.4f} {cos:.4f} {_n(x)} {_n(y)} Tm "
            f"{self.text.literal(text)} Tj\n"
            for cos, sin, x, y, text in texts
        )
        page.ops.append(
            f"q 1 1 1 rg 1 1 1 RG {_n(halo)} w 1 j 1 J BT /{font.key} {font.size:.2f} Tf 2 Tr\n"
            f"{shows}0 Tr {_rgb(color)} rg\n{shows}ET Q\n"
        )

    def legend(self, page: _Page, rect) -> None:
        sheet = self.sheet
        line = BODY.height * 1.3
        items = [(f"{i.label} ({i.count})", i.color, "fill") for i in sheet.legend]
        items.append((t("overige panden"), "#ececec", "fill"))
        items.append((t("grens werkpakket"), "#0050a0", "line"))
        width = max(self.text.width(text, BODY) for text, _, _ in items) + mm(10)
        height = line * (len(items) + 1) + mm(2)
        left = rect[0] + mm(2)
        top = rect[1] + rect[3] - height - mm(2)
        page.rect(left, top, width, height, fill="#ffffff", stroke="#808080", width=mm(0.2))
        page.show(left + mm(2), top + mm(1) + BOLD.ascent, t("Legenda"), BOLD, "#000000")
        for i, (text, color, kind) in enumerate(items, start=1):
            y = top + mm(1) + i * line
            swatch = (left + mm(2), y + line * 0.15, mm(4), line * 0.6)
            if kind == "fill":
                page.rect(*swatch, fill=color, stroke="#303030", width=mm(0.12))
            else:
                middle = swatch[1] + swatch[3] / 2
                pen = mm(0.6)
                page.line(
                    swatch[0], middle, swatch[0] + swatch[2], middle, color, pen, (4 * pen, 2 * pen)
                )
            page.show(swatch[0] + swatch[2] + mm(2), y + BODY.ascent, text, BODY, "#000000")

    def scale_bar(self, page: _Page, rect, transform: _MapTransform) -> None:
        right, bottom = rect[0] + rect[2], rect[1] + rect[3]
        metres = nice_length(rect[2] * 0.2 / transform.scale)
        length = metres * transform.scale
        height = mm(1.6)
        x0 = right - length - mm(6)
        y0 = bottom - mm(8)
        for k in range(4):
            page.rect(
                x0 + k * length / 4,
                y0,
                length / 4,
                height,
                fill="#000000" if k % 2 == 0 else "#ffffff",
                stroke="#000000",
                width=mm(0.2),
            )
        label = f"{metres:g} m" if metres < 1000 else f"{metres / 1000:g} km"
        page.show_in((x0 - mm(5), y0 + height, mm(10), mm(4)), "0", SMALL, h="center", v="center")
        page.show_in(
            (x0 + length - mm(10), y0 + height, mm(20), mm(4)),
            label,
            SMALL,
            h="center",
            v="center",
        )
        denominator = 1 / (transform.scale / 72 * 0.0254)  # paper metres per map metre
        page.show_in(
            (x0 - mm(10), y0 - mm(5), length + mm(20), mm(4)),
            t("schaal ca. 1:{denominator}", denominator=scale_text(denominator)),
            SMALL,
            h="center",
            v="center",
        )

    def north_arrow(self, page: _Page, rect) -> None:
        cx = page.x(rect[0] + rect[2] - mm(10))
        top = rect[1] + mm(4)
        h, w = mm(12), mm(5)
        y_top, y_bottom, y_notch = page.y(top), page.y(top + h), page.y(top + h * 0.75)
        page.ops.append(
            f"{_rgb('#000000')} RG {_n(mm(0.2))} w 0 j\n"
            f"0 g {_n(cx)} {_n(y_top)} m {_n(cx - w / 2)} {_n(y_bottom)} l "
            f"{_n(cx)} {_n(y_notch)} l h B\n"
            f"1 g {_n(cx)} {_n(y_top)} m {_n(cx + w / 2)} {_n(y_bottom)} l "
            f"{_n(cx)} {_n(y_notch)} l h B\n"
        )
        page.show_in(
            (rect[0] + rect[2] - mm(14), top + h, mm(8), mm(5)), "N", BOLD, h="center", v="center"
        )

    def table_page(
        self,
        page: _Page,
        layout: TableLayout,
        widths: list[float],
        cells: list[list[list[str]]],
        page_rows: list[int],
    ) -> None:
        page.show_in(
            (0.0, 0.0, AREA_WIDTH, mm(8)),
            t("Werkpakket {title} — panden", title=self.sheet.title),
            BOLD,
            v="center",
        )
        # each column's text matrix up to the baseline, formatted once a page
        starts, x = [], 0.0
        for width in widths:
            starts.append(f"1 0 0 1 {_n(page.x(x + CELL_PAD))} ")
            x += width
        total = sum(widths)
        y = mm(10)
        self._row(page, cells[0], starts, total, y, layout.header_height, BOLD, "#d9e2ec")
        y += layout.header_height
        for i in page_rows:
            height = layout.row_heights[i]
            shade = "#f4f6f8" if i % 2 else None
            self._row(page, cells[i + 1], starts, total, y, height, BODY, shade)
            y += height

    def _row(
        self, page: _Page, cells, starts: list[str], total: float, y, height, font: Font, shade
    ) -> None:
        if shade is not None:
            page.rect(0.0, y, total, height, fill=shade)
        literal = self.text.literal
        baselines: list[str] = []
        ops = []
        for lines, start in zip(cells, starts, strict=True):
            for k, text in enumerate(lines):
                if text:
                    while len(baselines) <= k:
                        line_top = y + CELL_PAD + len(baselines) * font.height
                        baselines.append(_n(page.y(line_top + font.ascent)))
                    ops.append(f"{start}{baselines[k]} Tm {literal(text)} Tj\n")
        page.ops.append(f"0 g BT /{font.key} {font.size:.2f} Tf\n{''.join(ops)}ET\n")
        page.line(0.0, y + height, total, y + height, "#c0c0c0", mm(0.1))


# --- the file -------------------------------------------------------------------------------


def _pdf_text_string(text: str) -> str:
    """A text string for the document information: UTF-16 with its byte order mark."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def pdf_document(pages: list[bytes], title: str, *, level: int | None = DEFLATE_LEVEL) -> bytes:
    """A PDF of A4 landscape ``pages`` (their content streams) with the base-14 fonts."""
    fonts = (3, 4, 5)
    first_page = 7
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(len(pages)))
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        (
            f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} "
            f"/MediaBox [0 0 {_n(PAGE_WIDTH)} {_n(PAGE_HEIGHT)}] /Resources << /Font << "
            + " ".join(f"/{key} {obj} 0 R" for key, obj in zip(_FONT_NAMES, fonts, strict=True))
            + " >> /ProcSet [/PDF /Text] >> >>"
        ).encode("ascii"),
        *(
            f"<< /Type /Font /Subtype /Type1 /BaseFont /{name} "
            f"/Encoding /WinAnsiEncoding >>".encode("ascii")
            for name in _FONT_NAMES.values()
        ),
        (f"<< /Title {_pdf_text_string(title)} /Creator (gis_app) /Producer (gis_app) >>").encode(
            "ascii"
        ),
    ]
    for i, content in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /Contents {first_page + 2 * i + 1} 0 R >>".encode(
                "ascii"
            )
        )
        if level is None:
            objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        else:
            data = zlib.compress(content, level)
            objects.append(
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)
            )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def sheet_texts(sheet: PackageSheet) -> list[str]:
    """Every text of ``sheet`` the PDF shows (the fixed words come from the language's
    translations and are checked as they are drawn)."""
    texts = [sheet.title, sheet.footer, *sheet.header, *sheet.label_texts]
    texts += [text for fact in sheet.facts for text in fact]
    texts += [name for name, *_ in sheet.street_labels]
    texts += [item.label for item in sheet.legend]
    texts += [text for row in sheet.rows for text in row]
    return texts


def unprintable_text(sheet: PackageSheet) -> str | None:
    """The first text of ``sheet`` with a character outside cp1252 (which the base-14
    fonts cannot show), or None when the direct writer can write it all."""
    texts = sheet_texts(sheet)
    try:
        "\n".join(texts).encode("cp1252")
    except UnicodeEncodeError:
        for text in texts:
            try:
                text.encode("cp1252")
            except UnicodeEncodeError:
                return text
    return None


def check_printable(sheet: PackageSheet, path: Path | None = None) -> None:
    """:class:`UnprintableText` naming ``path`` when :func:`unprintable_text` finds one."""
    text = unprintable_text(sheet)
    if text is not None:
        _Text(path).encode(text)  # raises, naming the character


def layout_for(sheet: PackageSheet) -> TableLayout:
    """The table layout the PDF of ``sheet`` uses (for tests and previews)."""
    return _SheetWriter(sheet, None).table_layout()[0]


def sheet_pdf(sheet: PackageSheet, path: Path | None = None) -> tuple[bytes, TableLayout]:
    """The PDF of ``sheet`` and its table layout; :class:`UnprintableText` (naming
    ``path``) when a text has a character outside cp1252."""
    check_printable(sheet, path)
    writer = _SheetWriter(sheet, path)
    layout, widths, cells = writer.table_layout()
    total = 1 + layout.page_count
    first = _Page(writer.text)
    writer.map_page(first)
    writer.footer(first, 1, total)
    pages = [first.data()]
    for number, rows in enumerate(layout.pages, start=2):
        page = _Page(writer.text)
        writer.table_page(page, layout, widths, cells, rows)
        writer.footer(page, number, total)
        pages.append(page.data())
    return pdf_document(pages, t("Werkpakket {title}", title=sheet.title)), layout


def write_package_pdf(path: str | Path, sheet: PackageSheet) -> TableLayout:
    """Write the sheet of one package to ``path`` (atomically); returns its table layout.

    Raises :class:`UnprintableText` (an :class:`ExportError`) before writing when a text
    of the sheet is outside cp1252; the application then draws the sheet with Qt."""
    path = Path(path)
    data, layout = sheet_pdf(sheet, path)
    try:
        atomic_write(path, data)
    except OSError as error:
        raise ExportError(
            t("PDF niet geschreven: {reason}", reason=describe_os_error(error)), path=path
        ) from error
    return layout


__all__ = [
    "TableLayout",
    "UnprintableText",
    "check_printable",
    "layout_for",
    "paginate",
    "sheet_pdf",
    "unprintable_text",
    "write_package_pdf",
]
