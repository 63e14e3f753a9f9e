"""``gis-app sample``: write a synthetic sample area (see :mod:`gis_app.core.sample`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from gis_app.commands import _args
from gis_app.core.errors import InputError
from gis_app.core.i18n import t
from gis_app.core.io.atomic import atomic_path

#: Bounds of --buildings (the benchmarks use 300,000) and --seed (numpy's 32-bit seeds).
MAX_SAMPLE_BUILDINGS = 2_000_000
MAX_SEED = 2**32 - 1


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "sample",
        help="generate a synthetic sample area (Loppersum–Appingedam–Delfzijl) as a GeoPackage",
        description=(
            "Generate a deterministic synthetic planning area: BAG-style footprints with risk "
            "profile, LPR, typology, milestone, addresses and residents. The same seed gives "
            "the same area."
        ),
    )
    parser.add_argument(
        "--buildings",
        type=_args.integer(1, MAX_SAMPLE_BUILDINGS),
        default=15000,
        help=f"number of buildings (1..{MAX_SAMPLE_BUILDINGS})",
    )
    parser.add_argument("--out", type=_args.path, required=True, help="output GeoPackage (.gpkg)")
    parser.add_argument(
        "--seed",
        type=_args.integer(0, MAX_SEED),
        default=0,
        help=f"random seed 0..{MAX_SEED} (default 0)",
    )
    parser.add_argument(
        "--split",
        action="store_true",
        help=(
            "write the data as planners receive it instead: footprints only (BAG fields) in "
            "OUT and the risk list as a Dutch-Excel CSV (semicolon, decimal comma, Windows-1252) "
            "next to it (OUT with suffix _risico.csv)"
        ),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from gis_app.core.sample import footprints_and_risk_table, generate_buildings, write_risk_csv

    if args.buildings < 1:
        raise InputError(t("--buildings moet minstens 1 zijn"))
    if args.out.suffix.lower() != ".gpkg":
        raise InputError(t("de uitvoer moet een GeoPackage (.gpkg) zijn"), path=args.out)
    buildings = generate_buildings(args.buildings, seed=args.seed)
    if args.split:
        footprints, risk = footprints_and_risk_table(buildings)
        _write_layer(footprints, args.out, "panden")
        csv_path = args.out.with_name(args.out.stem + "_risico.csv")
        with atomic_path(csv_path) as tmp:
            write_risk_csv(risk, tmp)
        print(
            t(
                "{n_footprints} panden -> {out}; risicolijst -> {csv_path}",
                n_footprints=len(footprints),
                out=args.out,
                csv_path=csv_path,
            )
        )
    else:
        _write_layer(buildings, args.out, "buildings")
        print(t("{n_buildings} panden -> {out}", n_buildings=len(buildings), out=args.out))
    return 0


def _write_layer(frame, path: Path, layer: str) -> None:
    """Write one layer to a new GeoPackage atomically (flushed, then renamed over the target)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        frame.to_file(tmp, layer=layer, driver="GPKG", engine="pyogrio")
