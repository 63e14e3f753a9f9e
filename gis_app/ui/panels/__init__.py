"""Dockable panels around the map: layers, style, identify, attribute table, search.

Each panel is a view of the one :class:`~gis_app.ui.document.ProjectDocument`; the main
window only assembles them and wires their requests (zoom to ...) to the map canvas.
"""
