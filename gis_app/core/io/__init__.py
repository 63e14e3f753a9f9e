"""Files in and out: what planners' files hold, and how gis_app writes its own.

Reading the planners' files (each returns its data plus a list of problems):

- ``footprints.py``  building footprints (GeoPackage, Shapefile also zipped, GeoJSON,
  FlatGeobuf) as polygons in RD New with a text ``building_id``: ``read_footprints``
- ``tables.py``      attribute tables (CSV, XLSX, a vector file's table): ``read_table``
- ``ids.py``         building ids as text (BAG zeros, Excel floats, scientific notation)
  and integer keys for them
- ``crs.py``         a CRS from what the user types; RD New's bounds
- ``vectorfiles.py`` opening vector files: file checks, Shapefile parts and code page,
  zip members, layer choice (``list_layers``), GDAL's errors
- ``problems.py``    ``Problem``: what a read or a load reports (repaired, left out,
  doubtful), with file and rows
- ``arrow_io.py``    GDAL's Arrow stream into numpy, without pyarrow
- ``zips.py``        zip archives read safely (paths, sizes, zip bombs), never extracted

Writing, and the project file:

- ``atomic.py``      every file written atomically; GDAL paths taken literally; OS
  errors in Dutch
- ``projectfile.py`` the project GeoPackage: ``save_project`` / ``load_project``
- ``recovery.py``    autosave recovery files, offered after a crash
- ``opening.py``     ``open_path``: a project file or a data file to import

Callers import from the module; this package re-exports nothing.
"""
