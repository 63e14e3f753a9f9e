"""Clusters of buildings, one subject per module.

- :mod:`~gis_app.core.clusters.membership`: which cluster holds each building.
- :mod:`~gis_app.core.clusters.frames`: ids, colours and edits of the clusters frame.
- :mod:`~gis_app.core.clusters.geometry`: edits of one cluster polygon (vertices, split).
- :mod:`~gis_app.core.clusters.hulls`: polygons around groups of buildings.
- :mod:`~gis_app.core.clusters.suggest`: suggested clusters within size limits.
- :mod:`~gis_app.core.clusters.ranking`: ranking and statistics per cluster.
- :mod:`~gis_app.core.clusters.accept`: adding suggestions to a project's clusters.
- :mod:`~gis_app.core.clusters.io`: import and export as GeoPackage or GeoJSON.

Nothing is re-exported here, so importing one subject does not load the others:
import from the submodule.
"""
