"""Work packages: limits, stable ids across re-planning, contractors, and the edit operations."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from gis_app.core.packages import (
    PackageError,
    PackageSettings,
    make_packages,
    merge_packages,
    move_buildings,
    move_clusters,
    new_package,
    package_context,
    remove_package,
    set_package_attribute,
    split_package,
)
from gis_app.core.schema import ensure_building_columns


def make_buildings(n_per_cluster=(30, 12), addresses=None) -> gpd.GeoDataFrame:
    rows = []
    geoms = []
    k = 0
    for c, count in enumerate(n_per_cluster):
        for i in range(count):
            rows.append({"building_id": f"{k:016d}", "cluster_id": f"C{c + 1}", "addresses": 1})
            geoms.append(
                shapely.box(250000 + 12 * i, 594000 + 100 * c, 250010 + 12 * i, 594008 + 100 * c)
            )
            k += 1
    frame = gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:28992")
    if addresses is not None:
        frame["addresses"] = addresses
    return ensure_building_columns(frame)


def make_schedule(buildings, *, measure=None, start_weeks=None, contractor=None) -> pd.DataFrame:
    n = len(buildings)
    base = pd.Timestamp("2027-01-04")
    weeks = np.arange(n) if start_weeks is None else np.asarray(start_weeks)
    starts = base + pd.to_timedelta(weeks * 7, unit="D")
    frame = pd.DataFrame(
        {
            "row": np.arange(n),
            "building_id": buildings["building_id"].to_numpy(),
            "cluster_id": buildings["cluster_id"].to_numpy(),
            "measure": measure
            if measure is not None
            else ["heavy" if i % 3 else "light" for i in range(n)],
            "approach": ["bespoke" if i % 5 == 0 else "standard" for i in range(n)],
            "construction_start": starts,
            "completion": starts + pd.Timedelta(days=120),
            "cost": 100_000.0,
        }
    )
    if contractor is not None:
        frame["contractor"] = contractor
    return frame


class FakePlan:
    def __init__(self, schedule, order=("C1", "C2")):
        self.schedule = schedule
        self.clusters = pd.DataFrame({"cluster_id": list(order), "position": range(len(order))})


def test_packages_respect_limits_and_cover_all_work():
    b = make_buildings((30, 12))
    measure = ["heavy"] * 42
    measure[5] = "none"
    plan = FakePlan(make_schedule(b, measure=measure))
    packages, assignment = make_packages(
        plan,
        b,
        None,
        PackageSettings(merge_leftover=0, max_buildings=10, max_addresses=100, max_weeks=500),
    )
    assert assignment.iloc[5] == ""  # no work, no package
    assert (assignment.drop(index=5) != "").all()
    assert packages["n_buildings"].max() <= 10
    assert packages["n_buildings"].sum() == 41
    # one cluster per package, ids from cluster + sequence
    assert list(packages["package_id"][:3]) == ["C1-WP01", "C1-WP02", "C1-WP03"]
    by_pkg = pd.DataFrame({"p": assignment, "c": b["cluster_id"]}).query("p != ''")
    assert (by_pkg.groupby("p")["c"].nunique() == 1).all()
    assert packages.crs.to_epsg() == 28992
    assert packages.geometry.notna().all()
    # every packaged building lies inside its package outline
    outlines = packages.set_index("package_id").geometry
    inside = shapely.contains(
        outlines.loc[assignment[assignment != ""]].to_numpy(),
        b.geometry[assignment != ""].to_numpy(),
    )
    assert inside.all()


def test_address_and_week_limits_split():
    b = make_buildings((20,), addresses=[5] * 20)
    plan = FakePlan(make_schedule(b, measure=["light"] * 20), order=("C1",))
    packages, _ = make_packages(
        plan,
        b,
        None,
        PackageSettings(merge_leftover=0, max_buildings=100, max_addresses=12, max_weeks=500),
    )
    assert packages["n_addresses"].max() <= 12
    assert len(packages) == 10
    weekly = FakePlan(
        make_schedule(b, measure=["light"] * 20, start_weeks=np.arange(20) * 4), order=("C1",)
    )
    packages, _ = make_packages(
        weekly,
        b,
        None,
        PackageSettings(merge_leftover=0, max_buildings=100, max_addresses=1000, max_weeks=10),
    )
    spans = (packages["period_start"].diff().dropna() >= pd.Timedelta(0)).all()
    assert spans
    assert packages["n_buildings"].max() <= 3  # starts 4 weeks apart, at most 10 weeks per package


def test_totals_and_periods():
    b = make_buildings((6,))
    schedule = make_schedule(b, measure=["light", "heavy", "rebuild", "heavy", "light", "light"])
    packages, _ = make_packages(FakePlan(schedule, ("C1",)), b, None, PackageSettings())
    row = packages.iloc[0]
    assert (row.n_light, row.n_heavy, row.n_rebuild) == (3, 2, 1)
    assert row.n_bespoke == 2 and row.n_standard == 4
    assert row.cost == pytest.approx(600_000)
    assert row.period_start == schedule["construction_start"].min()
    assert row.period_end == schedule["completion"].max()


def test_ids_stable_across_replanning():
    b = make_buildings((30, 12))
    cfg = PackageSettings(merge_leftover=0, max_buildings=10)
    plan = FakePlan(make_schedule(b))
    packages, assignment = make_packages(plan, b, None, cfg)
    b["package_id"] = assignment.to_numpy()
    # the planner renames one package; the plan changes order within C1
    packages = set_package_attribute(packages, "C1-WP02", "name", "Kerkstraat oost")
    weeks = np.arange(42)[::-1]
    replanned = FakePlan(make_schedule(b, start_weeks=weeks))
    again, assignment2 = make_packages(replanned, b, None, cfg, existing=packages)
    assert (assignment2 == assignment).all()
    assert again.set_index("package_id").loc["C1-WP02", "name"] == "Kerkstraat oost"
    assert set(again["package_id"]) == set(packages["package_id"])


def test_replanning_moves_buildings_whose_cluster_changed_and_numbers_new_packages_after():
    b = make_buildings((30, 12))
    cfg = PackageSettings(merge_leftover=0, max_buildings=10)
    packages, assignment = make_packages(FakePlan(make_schedule(b)), b, None, cfg)
    b["package_id"] = assignment.to_numpy()
    # three buildings of C1 are moved to C2 by the planner (cluster edit); C2 packages are full-ish
    b.loc[[0, 1, 2], "cluster_id"] = "C2"
    schedule = make_schedule(b)
    again, assignment2 = make_packages(FakePlan(schedule), b, None, cfg, existing=packages)
    assert set(assignment2.iloc[[0, 1, 2]]).isdisjoint({"C1-WP01"})
    assert all(p.startswith("C2-") for p in assignment2.iloc[[0, 1, 2]])
    unchanged = ~b.index.isin([0, 1, 2])
    assert (assignment2[unchanged] == assignment[unchanged]).all()
    # C2 had 12 buildings in 2 packages (10 + 2): the newcomers fill the room of C2-WP02
    assert (assignment2.iloc[[0, 1, 2]] == "C2-WP02").all()
    # buildings without work any more leave their package
    measure = ["heavy"] * 42
    measure[20] = "none"
    third, assignment3 = make_packages(
        FakePlan(make_schedule(b, measure=measure)), b, None, cfg, existing=again
    )
    assert assignment3.iloc[20] == ""


def test_new_packages_never_reuse_an_id():
    b = make_buildings((25,))
    cfg = PackageSettings(merge_leftover=0, max_buildings=10)
    packages, assignment = make_packages(FakePlan(make_schedule(b), ("C1",)), b, None, cfg)
    assert list(packages["package_id"]) == ["C1-WP01", "C1-WP02", "C1-WP03"]
    b["package_id"] = assignment.to_numpy()
    extra = make_buildings((25, 15)).iloc[25:]
    extra["cluster_id"] = "C1"
    extra["building_id"] = [f"9{i:015d}" for i in range(len(extra))]
    bigger = pd.concat([b, extra], ignore_index=True)
    bigger["package_id"] = bigger["package_id"].fillna("")
    again, assignment2 = make_packages(
        FakePlan(make_schedule(bigger), ("C1",)), bigger, None, cfg, existing=packages
    )
    assert (assignment2.iloc[:25] == assignment.to_numpy()).all()
    new_ids = set(again["package_id"]) - set(packages["package_id"])
    assert new_ids and all(int(p[-2:]) > 3 for p in new_ids)


def test_contractors_from_plan_and_from_capacity():
    b = make_buildings((20,))
    contractor = ["Bouw A"] * 14 + ["Bouw B"] * 6
    packages, _ = make_packages(
        FakePlan(make_schedule(b, contractor=contractor), ("C1",)), b, None, PackageSettings()
    )
    assert packages["contractor"].tolist() == ["Bouw A"]
    cfg = PackageSettings.from_dict(
        {
            "max_buildings": 5,
            "merge_leftover": 0,
            "contractors": [
                {"name": "Groot", "starts_per_week": 3},
                {"name": "Klein", "starts_per_week": 1},
            ],
        }
    )
    same_time = FakePlan(make_schedule(b, start_weeks=np.zeros(20, dtype=int)), ("C1",))
    packages, _ = make_packages(same_time, b, None, cfg)
    counts = packages["contractor"].value_counts()
    assert set(counts.index) == {"Groot", "Klein"}
    assert counts["Groot"] > counts["Klein"]  # three times the capacity gets more packages


def test_contractor_capacity_caps_package_size():
    b = make_buildings((40,))
    cfg = PackageSettings.from_dict(
        {"max_buildings": 50, "max_weeks": 4, "contractors": [{"name": "A", "starts_per_week": 2}]}
    )
    packages, _ = make_packages(
        FakePlan(make_schedule(b, start_weeks=np.zeros(40, dtype=int)), ("C1",)), b, None, cfg
    )
    assert packages["n_buildings"].max() <= 8  # 2 starts a week x 4 weeks


def test_operations_are_pure_and_mark_manual():
    b = make_buildings((30, 12))
    plan = FakePlan(make_schedule(b))
    ctx = package_context(plan, b)
    packages, assignment = make_packages(
        plan, b, None, PackageSettings(merge_leftover=0, max_buildings=10)
    )
    before_packages, before_assignment = packages.copy(), assignment.copy()

    moved, moved_assignment = move_buildings(packages, assignment, [0, 1], "C2-WP01", ctx)
    assert (moved_assignment.iloc[[0, 1]] == "C2-WP01").all()
    m = moved.set_index("package_id")
    assert m.loc["C2-WP01", "n_buildings"] == 12 and m.loc["C2-WP01", "manual"]
    assert m.loc["C1-WP01", "manual"]
    assert packages.equals(before_packages) and assignment.equals(
        before_assignment
    )  # inputs untouched

    merged, merged_assignment = merge_packages(packages, assignment, ["C1-WP01", "C1-WP02"], ctx)
    assert "C1-WP02" not in set(merged["package_id"])
    assert merged.set_index("package_id").loc["C1-WP01", "n_buildings"] == 20

    split, split_assignment, created = split_package(packages, assignment, "C1-WP01", ctx, parts=2)
    assert created == ["C1-WP04"]
    s = split.set_index("package_id")
    assert s.loc["C1-WP01", "n_buildings"] == 5 and s.loc["C1-WP04", "n_buildings"] == 5
    assert s.loc["C1-WP04", "name"].endswith("(2)")

    chosen, chosen_assignment, created = split_package(
        packages, assignment, "C1-WP01", ctx, rows=[3]
    )
    assert chosen_assignment.iloc[3] == created[0]

    whole, whole_assignment = move_clusters(packages, assignment, ["C2"], "C1-WP03", ctx)
    assert (whole_assignment[b["cluster_id"] == "C2"] == "C1-WP03").all()

    empty, empty_assignment, pid = new_package(
        packages, assignment, ctx, cluster_id="C2", name="Reserve"
    )
    assert empty.set_index("package_id").loc[pid, "n_buildings"] == 0

    removed, removed_assignment = remove_package(packages, assignment, "C1-WP01", ctx)
    assert (removed_assignment[assignment == "C1-WP01"] == "").all()

    with pytest.raises(PackageError):
        move_buildings(packages, assignment, [0], "bestaat-niet", ctx)
    with pytest.raises(PackageError):
        merge_packages(packages, assignment, ["C1-WP01"], ctx)
    with pytest.raises(PackageError):
        set_package_attribute(packages, "C1-WP01", "n_buildings", 3)


def test_manual_edits_survive_replanning():
    b = make_buildings((30, 12))
    plan = FakePlan(make_schedule(b))
    ctx = package_context(plan, b)
    cfg = PackageSettings(merge_leftover=0, max_buildings=10)
    packages, assignment = make_packages(plan, b, None, cfg)
    packages, assignment = move_buildings(packages, assignment, [0, 1], "C2-WP01", ctx)
    b["package_id"] = assignment.to_numpy()
    again, assignment2 = make_packages(
        FakePlan(make_schedule(b, start_weeks=np.arange(42)[::-1])), b, None, cfg, existing=packages
    )
    assert (assignment2 == assignment).all()


def test_no_work_cannot_be_moved_into_a_package():
    b = make_buildings((5,))
    plan = FakePlan(make_schedule(b, measure=["heavy", "none", "heavy", "heavy", "heavy"]), ("C1",))
    ctx = package_context(plan, b)
    packages, assignment = make_packages(plan, b, None, PackageSettings())
    with pytest.raises(PackageError):
        move_buildings(packages, assignment, [1], "C1-WP01", ctx)


def test_settings_validation():
    with pytest.raises(PackageError):
        PackageSettings.from_dict({"max_buildings": 0})
    with pytest.raises(PackageError):
        PackageSettings.from_dict({"max_weeks": "veel"})
    cfg = PackageSettings.from_dict(PackageSettings(merge_leftover=0, max_buildings=7).to_dict())
    assert cfg.max_buildings == 7


def test_leftover_of_a_few_buildings_joins_its_neighbour():
    b = make_buildings((23, 12))
    plan = FakePlan(make_schedule(b, measure=["heavy"] * 35))
    merged, _ = make_packages(
        plan, b, None, PackageSettings(max_buildings=10, max_addresses=100, max_weeks=500)
    )
    # cluster of 23: 10 + 13 (the leftover 3 joined); cluster of 12: 12 (leftover 2 joined)
    assert merged["n_buildings"].tolist() == [10, 13, 12]
    kept, _ = make_packages(
        plan,
        b,
        None,
        PackageSettings(max_buildings=10, max_addresses=100, max_weeks=500, merge_leftover=0),
    )
    assert kept["n_buildings"].tolist() == [10, 10, 3, 10, 2]
    assert PackageSettings.from_dict({"merge_leftover": 0}).merge_leftover == 0
    assert PackageSettings().to_dict()["merge_leftover"] == 5
