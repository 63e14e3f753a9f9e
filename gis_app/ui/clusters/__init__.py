"""Cluster panel, drawing and editing tools, undo commands."""
