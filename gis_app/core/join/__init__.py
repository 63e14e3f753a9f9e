"""Loading buildings: footprints and risk scores joined into the canonical buildings table.

Callers import from the module that holds what they need; this package re-exports nothing.
"""
