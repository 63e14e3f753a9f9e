"""Exports that other tools read: Shapefile, GeoPackage, GeoJSON, CSV, XLSX, PDF sheets.

Entry point: :func:`gis_app.core.export.exporter.export_project`. One module per concern:
``names`` (safe file names, the inside-the-folder guard), ``fields`` (Shapefile field
names), ``columns`` (which columns leave the tool), ``frame`` (the export table), and a
writer per format (``shapefile``, ``gpkg``, ``geojson``, ``tables``), ``sheets`` (what a
PDF sheet shows; drawn by :mod:`gis_app.render.pdf_sheets`).
"""
