"""Output drawn with Qt that is not user interface (PDF map sheets); kept out of core."""
