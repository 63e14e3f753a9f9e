"""gis_app: desktop GIS for planning the earthquake reinforcement of buildings in Groningen."""

import os

# One BLAS thread (read when numpy loads, so before any import of it). The program does no
# large linear algebra; OpenBLAS' threaded dot on 300,000-element vectors only woke a
# pool whose threads then spin, taking the CPU from the UI thread and the planner on
# small machines. A value the user set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
