"""Reading and writing files: what comes in from planners' files and what gis_app writes.

Callers import from the module that holds what they need; this package re-exports nothing.
"""
