"""Work packages (werkpakketten) in the UI: the Werkpakketten dock and its undo commands."""
