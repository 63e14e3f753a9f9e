"""Domain logic: data model, readers and writers, clustering, planning, export.

Nothing in this package imports Qt (a test checks it): every function here can be
called from the command line, a test or a worker thread without a window.
"""
