"""gis_app: desktop GIS for planning the earthquake reinforcement of buildings in Groningen."""

__version__ = "0.1.0"
