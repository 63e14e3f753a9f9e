"""PDF letters to residents, drawn with Qt's PDF writer (offscreen, no network).

The letters themselves stay Dutch whatever language the app speaks: they go to
residents in Groningen, and their text is the planner's own template. Only the
messages about writing them follow the app's language (:mod:`gis_app.core.i18n`).

A4 portrait, the filled template as plain text, wrapped to the page; text that does not fit
goes on to the next page.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPageLayout, QPageSize, QPainter

from gis_app.core.errors import ExportError
from gis_app.core.i18n import t
from gis_app.core.io.atomic import atomic_path, describe_os_error
from gis_app.render.pdf_sheets import _font, ensure_gui_application, new_pdf_writer

#: The mail-merge file next to the letters.
CSV_NAME = "brieven.csv"
DPI = 150
MARGIN_MM = 25.0


def write_letter_pdf(path: str | Path, text: str, title: str) -> None:
    """Write ``text`` as a letter to ``path`` (atomically)."""
    ensure_gui_application()
    path = Path(path)
    try:
        with atomic_path(path) as temp:
            page = QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                QPageLayout.Unit.Millimeter,
            )
            writer = new_pdf_writer(temp, title, page, DPI)
            painter = QPainter(writer)
            if not painter.isActive():
                raise ExportError(t("kan de PDF niet maken"), path=path)
            try:
                font = _font(11)
                painter.setFont(font)
                metrics = QFontMetricsF(font, writer)
                page = writer.pageLayout().paintRectPixels(DPI)
                width, height = float(page.width()), float(page.height())
                line_h = metrics.lineSpacing()
                y = 0.0
                flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
                for paragraph in text.splitlines():
                    box = metrics.boundingRect(QRectF(0, 0, width, 1e6), flags, paragraph or " ")
                    h = max(line_h, box.height())
                    if y + h > height and y > 0:
                        writer.newPage()
                        y = 0.0
                    painter.drawText(QRectF(0, y, width, h), flags, paragraph)
                    y += h
            finally:
                painter.end()
    except OSError as error:
        raise ExportError(
            t("kan niet schrijven: {reason}", reason=describe_os_error(error)), path=path
        ) from None


def mail_merge_text(rows: list[dict[str, str]]) -> str:
    """The mail-merge CSV (semicolon separated) of the filled fields, ``pand_id`` first."""
    import csv
    import io

    from gis_app.core.letters import FIELDS

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["pand_id", *FIELDS])
    for row in rows:
        writer.writerow([row["pand_id"], *(row[f] for f in FIELDS)])
    return buffer.getvalue()


def write_letters(
    rows: list[dict], folder: str | Path, template: str, contact: str, progress=None
) -> list[Path]:
    """A PDF letter per row (:func:`gis_app.core.commitments.letter_rows`) and
    ``brieven.csv`` in ``folder``; returns the files written (the CSV last).
    ``progress(fraction, text)`` may raise :class:`~gis_app.core.progress.Cancelled`."""
    from gis_app.core.io.atomic import atomic_open
    from gis_app.core.letters import check_template, fill, letter_fields, letter_file_name

    check_template(template)  # before anything is written
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(
            t("kan de map niet maken: {reason}", reason=describe_os_error(error)), path=folder
        ) from None
    written, merged = [], []
    for k, row in enumerate(rows):
        if progress is not None:
            progress(k / max(1, len(rows)), row["address"])
        fields = letter_fields(row, contact)
        name = folder / letter_file_name(row["building_id"])
        write_letter_pdf(name, fill(template, fields), f"Brief {row['address']}")
        written.append(name)
        merged.append({"pand_id": row["building_id"], **fields})
    csv_path = folder / CSV_NAME
    try:
        with atomic_open(csv_path, "w", encoding="utf-8-sig", newline="") as handle:
            handle.write(mail_merge_text(merged))
    except OSError as error:
        raise ExportError(
            t("kan niet schrijven: {reason}", reason=describe_os_error(error)), path=csv_path
        ) from None
    written.append(csv_path)
    return written
