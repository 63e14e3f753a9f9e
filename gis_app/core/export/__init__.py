"""Exports that other tools read: Shapefile, GeoPackage, GeoJSON, CSV, XLSX, PDF sheets.

Entry point: :func:`gis_app.core.export.exporter.export_project`. One module per concern:
``names`` (safe file names, the inside-the-folder guard), ``fields`` (Shapefile field
names), ``columns`` (which columns leave the tool), ``frame`` (the export table), and a
writer per format (``shapefile``, ``gpkg``, ``geojson``, ``tables``), ``sheets`` (what a
PDF sheet shows) and ``pdf`` (writes it; :mod:`gis_app.render.pdf_sheets` draws a sheet
with text outside cp1252 with Qt).
"""

#: Every export format, in the order the dialog lists them (the exporter's ``formats``).
FORMATS = ("gpkg", "shp", "geojson", "csv", "xlsx", "pdf", "qgis")
