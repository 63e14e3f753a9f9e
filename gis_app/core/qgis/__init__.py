"""Files QGIS and QField open as the planner left them: layer styles, projects, forms.

* :mod:`~gis_app.core.qgis.qml` -- QML (renderers, labels) from :mod:`gis_app.core.styling`;
* :mod:`~gis_app.core.qgis.layer_styles` -- the ``layer_styles`` table of a GeoPackage;
* :mod:`~gis_app.core.qgis.project` -- ``.qgs``/``.qgz`` project files;
* :mod:`~gis_app.core.qgis.fieldpack_form` -- the field pack's attribute form;
* :mod:`~gis_app.core.qgis.writers` -- what the project file, the export and the field
  pack call.

No QGIS is needed to write these files (plain XML and SQLite); the tests check them
with QGIS itself.
"""
