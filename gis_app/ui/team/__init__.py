"""Team mode in the window: the shared PostgreSQL/PostGIS project (see rows.py, session.py)."""
