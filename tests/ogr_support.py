"""GDAL's ogrinfo as the independent reader of written files (no tests here)."""

from __future__ import annotations

import subprocess


def run_ogrinfo(ogrinfo: str, *args) -> str:
    """Standard output of ``ogrinfo -ro ARGS`` (read-only); a failing run fails the test."""
    done = subprocess.run(
        [ogrinfo, "-ro", *map(str, args)], capture_output=True, text=True, check=True
    )
    return done.stdout
