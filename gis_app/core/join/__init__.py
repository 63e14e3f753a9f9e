"""Loading buildings: footprints and risk scores joined into the canonical buildings table.

- ``load.py``    ``load_buildings``: reads the footprints and a risk table, joins them
  (by id, else by location) and assembles the buildings with their report
- ``table.py``   the risk table of a load: read and prepared in the worker process or a
  thread, beside the footprint read
- ``values.py``  field values: recognised columns, vocabularies, numbers and flags, and
  the checks that report what cannot be used
- ``report.py``  ``JoinReport``: what a load did, as a dict and as Dutch text
- ``worker.py``  the one background process for CPU-bound work (imports nothing of the
  work; the caller passes the initializer)

Callers import from the module; this package re-exports nothing.
"""
