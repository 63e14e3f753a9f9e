"""The program runs numpy's BLAS on one thread unless the user chose otherwise."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = "import gis_app, os, numpy; print(os.environ.get('OPENBLAS_NUM_THREADS'))"


def run(env_value: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if env_value is not None:
        env["OPENBLAS_NUM_THREADS"] = env_value
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_one_blas_thread_by_default_and_the_users_choice_kept():
    assert run(None) == "1"
    assert run("3") == "3"
