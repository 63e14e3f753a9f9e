"""Qt user interface. Calls into :mod:`gis_app.core`; holds no planning logic of its own."""
