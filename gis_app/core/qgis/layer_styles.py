"""Layer styles inside a GeoPackage, the way QGIS's "Save style to database" stores them.

QGIS looks for a table ``layer_styles`` when it opens a GeoPackage layer and applies the
row whose ``f_table_name`` and ``f_geometry_column`` match the layer and whose
``useAsDefault`` is set. :func:`write_layer_styles` writes those rows with :mod:`sqlite3`
into a GeoPackage that GDAL has finished and closed:

* the table definition is QGIS's own (as GDAL creates it for QGIS), registered in
  ``gpkg_contents`` as ``attributes`` (srs 0) and, when the file has it, in
  ``gpkg_ogr_contents`` with the same feature-count triggers GDAL adds, so GDAL and QGIS
  see an ordinary attribute table;
* idempotent: our previous row for a layer (style name :data:`STYLE_NAME`) is replaced,
  and other default rows of that layer lose ``useAsDefault`` so ours is the one applied.
  Other rows (styles a GIS user saved) are kept.

The caller writes into a temporary file before it is moved into place (project saves
and exports are atomic), so a reader never sees a half-written style table.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

STYLE_TABLE = "layer_styles"
STYLE_NAME = "gis_app"
STYLE_DESCRIPTION = "Stijl uit gis_app (zoals in de kaart van de planner)"

_CREATE = (
    'CREATE TABLE IF NOT EXISTS "layer_styles" ( "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, '
    '"f_table_catalog" TEXT(256), "f_table_schema" TEXT(256), "f_table_name" TEXT(256), '
    '"f_geometry_column" TEXT(256), "styleName" TEXT(30), "styleQML" TEXT, "styleSLD" TEXT, '
    '"useAsDefault" BOOLEAN, "description" TEXT, "owner" TEXT(30), "ui" TEXT(30), '
    "\"update_time\" DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))"
)
_TRIGGERS = (
    'CREATE TRIGGER IF NOT EXISTS "trigger_insert_feature_count_layer_styles" AFTER INSERT ON '
    '"layer_styles" BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count + 1 '
    "WHERE lower(table_name) = lower('layer_styles'); END",
    'CREATE TRIGGER IF NOT EXISTS "trigger_delete_feature_count_layer_styles" AFTER DELETE ON '
    '"layer_styles" BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count - 1 '
    "WHERE lower(table_name) = lower('layer_styles'); END",
)
_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"


def _has_table(cursor: sqlite3.Cursor, name: str) -> bool:
    row = cursor.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND lower(name) = lower(?)", (name,)
    ).fetchone()
    return row is not None


def geometry_columns(cursor: sqlite3.Cursor) -> dict[str, str]:
    """Layer name -> geometry column of the GeoPackage's spatial layers."""
    if not _has_table(cursor, "gpkg_geometry_columns"):
        return {}
    rows = cursor.execute("SELECT table_name, column_name FROM gpkg_geometry_columns")
    return {str(table): str(column) for table, column in rows}


def _ensure_table(cursor: sqlite3.Cursor) -> None:
    existed = _has_table(cursor, STYLE_TABLE)
    cursor.execute(_CREATE)
    ogr_contents = _has_table(cursor, "gpkg_ogr_contents")
    if ogr_contents:
        for trigger in _TRIGGERS:
            cursor.execute(trigger)
    if existed:
        return
    registered = cursor.execute(
        "SELECT 1 FROM gpkg_contents WHERE lower(table_name) = lower(?)", (STYLE_TABLE,)
    ).fetchone()
    if registered is None:
        cursor.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
            f"last_change, srs_id) VALUES (?, 'attributes', ?, '', {_NOW}, 0)",
            (STYLE_TABLE, STYLE_TABLE),
        )
    if ogr_contents:
        cursor.execute(
            "INSERT OR REPLACE INTO gpkg_ogr_contents (table_name, feature_count) VALUES (?, 0)",
            (STYLE_TABLE,),
        )


def write_layer_styles(
    path: str | Path, styles: dict[str, str], *, style_name: str = STYLE_NAME
) -> None:
    """Store ``styles`` (layer name -> QML) as the default style of each layer in the
    GeoPackage at ``path`` (see the module docstring). Layers not in the file are skipped."""
    if not styles:
        return
    from gis_app.core.io.atomic import sync_deferred

    with closing(sqlite3.connect(str(path))) as connection:
        cursor = connection.cursor()
        if sync_deferred():
            # a file being staged: flushed once with the rest before it is moved into
            # place, so no fsync (and no journal file) per commit
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA journal_mode = MEMORY")
        cursor.execute("BEGIN")
        try:
            geometry = geometry_columns(cursor)
            _ensure_table(cursor)
            for layer, qml in styles.items():
                if layer not in geometry and not _has_table(cursor, layer):
                    continue
                column = geometry.get(layer, "")
                cursor.execute(
                    "DELETE FROM layer_styles WHERE f_table_name = ? AND f_geometry_column = ? "
                    "AND styleName = ?",
                    (layer, column, style_name),
                )
                cursor.execute(
                    "UPDATE layer_styles SET useAsDefault = 0 WHERE f_table_name = ? "
                    "AND f_geometry_column = ?",
                    (layer, column),
                )
                cursor.execute(
                    "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
                    "f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, "
                    f"description, owner, ui, update_time) VALUES ('', '', ?, ?, ?, ?, '', 1, ?, "
                    f"'', NULL, {_NOW})",
                    (layer, column, style_name, qml, STYLE_DESCRIPTION),
                )
            cursor.execute(
                f"UPDATE gpkg_contents SET last_change = {_NOW} WHERE lower(table_name) = lower(?)",
                (STYLE_TABLE,),
            )
            connection.commit()
        except BaseException:
            connection.rollback()
            raise


def read_layer_styles(path: str | Path) -> dict[str, str]:
    """Layer name -> QML of the default style rows (what QGIS would apply)."""
    with closing(sqlite3.connect(str(path))) as connection:
        cursor = connection.cursor()
        if not _has_table(cursor, STYLE_TABLE):
            return {}
        rows = cursor.execute(
            "SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault "
            "ORDER BY update_time"
        ).fetchall()
    return {str(table): str(qml) for table, qml in rows}
