"""QGIS opens our files as the planner left them: checked with QGIS's own API.

QGIS's Python bindings belong to the system Python (Debian ``python3-qgis``), not to the
app's virtual environment, so the checks run ``tests/qgis_checker.py`` with
``/usr/bin/python3`` in a subprocess and assert on the JSON it prints. Without QGIS the
tests that need it fail under CI (``CI=true``; ``scripts/test.py`` installs it there) and
are skipped with the reason elsewhere.
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from gis_app.core.change import applied
from gis_app.core.export.exporter import ExportOptions, export_project, prepare_export
from gis_app.core.export.sheets import MEASURE_COLORS
from gis_app.core.fieldpack import import_fieldpack
from gis_app.core.io.projectfile import load_project, save_project
from gis_app.core.project import Project
from gis_app.core.qgis.layer_styles import STYLE_NAME, read_layer_styles, write_layer_styles
from gis_app.core.qgis.writers import layer_styles_for, map_state, style_geopackage
from gis_app.core.sample import generate_buildings
from gis_app.core.schema import MILESTONE_LABELS_NL, MILESTONES
from gis_app.core.styling import RISK_COLORS, StyleSpec, compute_style, rgba_to_hex
from gis_app.render.pdf_sheets import write_package_pdf

SYSTEM_PYTHON = "/usr/bin/python3"
CHECKER = Path(__file__).with_name("qgis_checker.py")


def _qgis_problem() -> str:
    """Why QGIS cannot check the files here ("" when it can)."""
    if not Path(SYSTEM_PYTHON).exists():
        return f"{SYSTEM_PYTHON} ontbreekt (QGIS' Python)"
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import qgis.core"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    if probe.returncode != 0:
        return (
            f"{SYSTEM_PYTHON} kan qgis.core niet laden (apt-get install python3-qgis; "
            f"scripts/test.py doet dat als root): {probe.stderr.strip().splitlines()[-1:]}"
        )
    return ""


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


@pytest.fixture(scope="session")
def qgis_python():
    problem = _qgis_problem()
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"QGIS is required in CI: {problem}")
        pytest.skip(f"QGIS not available: {problem}")
    return SYSTEM_PYTHON


def run_checker(python: str, tasks: list[dict], folder: Path) -> list[dict]:
    request = folder / f"request_{len(list(folder.glob('request_*.json')))}.json"
    request.write_text(json.dumps({"tasks": tasks}), encoding="utf-8")
    done = subprocess.run(
        [python, str(CHECKER), str(request)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=600,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("QGIS_CHECKER_JSON ")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    return json.loads(lines[-1].removeprefix("QGIS_CHECKER_JSON "))["results"]


def hex_rgb(color: str) -> np.ndarray:
    return np.array([int(color[i : i + 2], 16) for i in (1, 3, 5)])


# --- the exported plan ----------------------------------------------------------------------


def write_backgrounds(folder: Path, bounds) -> dict:
    """A water polygon and a road line around the buildings, as local files."""
    xmin, ymin, xmax, ymax = bounds
    water = gpd.GeoDataFrame(
        {"naam": ["Damsterdiep", "Ver weg"]},
        geometry=[
            shapely.box(xmin - 100, ymin - 100, xmax + 100, ymax + 100),
            shapely.box(xmin - 90000, ymin - 90000, xmin - 89000, ymin - 89000),
        ],
        crs=28992,
    )
    roads = gpd.GeoDataFrame(
        {"naam": ["Stationsweg"]},
        geometry=[shapely.LineString([(xmin - 200, ymax + 20), (xmax + 200, ymax + 20)])],
        crs=28992,
    )
    water.to_file(folder / "water.gpkg", layer="water")
    roads.to_file(folder / "wegen.gpkg", layer="wegen")
    return {"water": folder / "water.gpkg", "wegen": folder / "wegen.gpkg"}


def map_settings(sources: dict, extent) -> dict:
    """What the window stores: layers bottom first, the building style, the extent."""
    vector = [
        {
            "id": f"vector-{i}-{name}",
            "name": name.capitalize(),
            "kind": "vector",
            "visible": True,
            "opacity": 1.0,
            "style": style,
            "source": str(path),
            "source_layer": name,
        }
        for i, ((name, path), style) in enumerate(
            zip(
                sources.items(),
                [
                    {"fill": "#cfe3f2", "stroke": "#6a9ec5", "width": 1.0, "fill_alpha": 160},
                    {"fill": "", "stroke": "#9c8f72", "width": 1.5, "fill_alpha": 160},
                ],
                strict=True,
            )
        )
    ]
    own = [
        {"id": "buildings", "kind": "buildings", "visible": True, "opacity": 1.0},
        {"id": "packages", "kind": "packages", "visible": True, "opacity": 0.7},
        {"id": "clusters", "kind": "clusters", "visible": False, "opacity": 1.0},
    ]
    return {
        "building_style": StyleSpec(labels="building_id").to_dict(),
        "layers": [*vector, *own],
        "extent": list(extent),
    }


@pytest.fixture(scope="module")
def plan(tmp_path_factory, qapp):
    folder = tmp_path_factory.mktemp("qgis")
    project = Project(buildings=generate_buildings(300, seed=7))
    prepared = prepare_export(project)
    project = applied(project, prepared.change)  # the caller applies what the export made
    # two packages with verhoogd buildings: the picture must show that colour
    verhoogd = project.buildings["risk_profile"] == "verhoogd"
    packaged = project.buildings["package_id"] != ""
    first = project.buildings.loc[verhoogd & packaged].iloc[0]
    same_cluster = prepared.packages["cluster_id"] == first["cluster_id"]
    ids = prepared.packages.loc[same_cluster, "package_id"].astype(str).tolist()
    chosen = project.buildings["package_id"].isin(ids)
    sources = write_backgrounds(folder, project.buildings[chosen].total_bounds)
    project.settings["map"] = map_settings(sources, project.buildings[chosen].total_bounds)
    out = folder / "export"
    report = export_project(
        project,
        out,
        ExportOptions(formats=("gpkg", "qgis"), package_ids=ids, field_pack=True),
        pdf_writer=write_package_pdf,
        prepared=prepared,
    )
    saved = save_project(project, folder / "plan.gpkg")
    return {"project": project, "out": out, "report": report, "ids": ids, "saved": saved}


def probe_buildings(frame: gpd.GeoDataFrame, mask, n: int = 3) -> gpd.GeoDataFrame:
    """The largest buildings of ``mask``: their inner point is far from any outline."""
    chosen = frame[np.asarray(mask)]
    return chosen.iloc[np.argsort(-chosen.area.to_numpy())[:n]]


def points(frame: gpd.GeoDataFrame) -> list[list[float]]:
    reps = frame.geometry.representative_point()
    return [[float(p.x), float(p.y)] for p in reps]


@pytest.fixture(scope="module")
def checked(plan, qgis_python, tmp_path_factory):
    """Every QGIS check of the exported plan in one QGIS session."""
    folder = tmp_path_factory.mktemp("checks")
    out = plan["out"]
    buildings = gpd.read_file(out / "werkpakketten.gpkg", layer="buildings")
    red = probe_buildings(buildings, buildings["risk_profile"] == "verhoogd")
    packs = sorted((out / "veldpakketten").glob("*/*.qgs"))
    pack_gpkg = packs[0].with_suffix(".gpkg")
    pack_buildings = gpd.read_file(pack_gpkg, layer="buildings")
    pack_red = probe_buildings(pack_buildings, pack_buildings["risk_profile"] == "verhoogd")
    edited = str(pack_buildings["building_id"].iloc[0])
    office = str(pack_buildings["export_milestone"].iloc[0])
    status = "versterkingsbesluit" if office != "versterkingsbesluit" else "bouw_gestart"
    tasks = [
        {
            "kind": "project",
            "path": str(out / "werkpakketten.qgz"),
            "render": {"png": str(folder / "plan.png"), "size": [900, 700], "probes": points(red)},
        },
        {
            "kind": "project",
            "path": str(packs[0]),
            "render": {
                "png": str(folder / "veldpakket.png"),
                "size": [700, 700],
                "probes": points(pack_red),
            },
        },
        {"kind": "layer", "uri": f"{out / 'werkpakketten.gpkg'}|layername=buildings"},
        {"kind": "layer", "uri": f"{out / 'werkpakketten.gpkg'}|layername=clusters"},
        {"kind": "layer", "uri": f"{plan['saved']}|layername=buildings"},
        {"kind": "layer", "uri": f"{pack_gpkg}|layername=buildings"},
        {
            "kind": "edit",
            "uri": f"{pack_gpkg}|layername=buildings",
            "key": "building_id",
            "value": edited,
            "changes": {
                "field_status": [status, "text"],
                "field_date": ["2027-03-15", "date"],
                "field_note": ["Bewoner thuis.\nScheur in de gevel.", "text"],
            },
        },
    ]
    results = run_checker(qgis_python, tasks, folder)
    return {
        "plan": results[0],
        "pack": results[1],
        "bare_export": results[2],
        "bare_clusters": results[3],
        "bare_project_file": results[4],
        "bare_pack": results[5],
        "edit": results[6],
        "red": red,
        "pack_red": pack_red,
        "edited": edited,
        "status": status,
        "pack_folder": packs[0].parent,
        "folder": folder,
    }


def by_name(result: dict) -> dict:
    return {layer["name"]: layer for layer in result["layers"]}


def test_projects_open_in_qgis_with_valid_layers_in_rd_new(checked):
    for key in ("plan", "pack"):
        result = checked[key]
        assert result["read"], result["error"]
        assert result["crs"] == "EPSG:28992"
        assert result["absolute_paths"] is False
        assert result["layers"] and result["all_layers"] == len(result["layers"])
        for layer in result["layers"]:
            assert layer["valid"], layer["source"]
            assert layer["crs"] == "EPSG:28992"
            assert layer["source"].startswith(str(Path(checked[key]["layers"][0]["source"]).parent))
            assert "http" not in layer["source"].lower()


def test_plan_project_keeps_the_maps_layers_order_visibility_and_opacity(checked, plan):
    result = checked["plan"]
    # QGIS lists top first; the map's order bottom first was water, wegen, buildings, ...
    names = [layer["name"] for layer in result["layers"]]
    assert names == ["Clusters", "Werkpakketten", "Panden", "Wegen", "Water"]
    layers = by_name(result)
    assert layers["Clusters"]["visible"] is False
    assert all(layers[n]["visible"] for n in names if n != "Clusters")
    assert layers["Werkpakketten"]["opacity"] == pytest.approx(0.7)
    assert layers["Panden"]["opacity"] == pytest.approx(1.0)
    # every background feature is in the GeoPackage, not referenced on the planner's disk
    assert layers["Water"]["feature_count"] == 2 and layers["Wegen"]["feature_count"] == 1
    assert layers["Wegen"]["renderer"]["color"] == "#9c8f72"
    assert layers["Panden"]["feature_count"] == len(
        pyogrio.read_dataframe(plan["out"] / "werkpakketten.gpkg", layer="buildings")
    )
    xmin, ymin, xmax, ymax = plan["project"].settings["map"]["extent"]
    assert result["view_extent"] == pytest.approx([xmin, ymin, xmax, ymax])


def test_buildings_renderer_has_the_apps_categories_and_colours(checked):
    renderer = by_name(checked["plan"])["Panden"]["renderer"]
    assert renderer["type"] == "categorizedSymbol"
    assert renderer["attribute"] == "risk_profile"
    got = [(c["value"], c["label"], c["color"]) for c in renderer["categories"]]
    assert got == [
        ("verhoogd", "verhoogd", RISK_COLORS["verhoogd"]),
        ("licht verhoogd", "licht verhoogd", RISK_COLORS["licht verhoogd"]),
        ("normaal", "normaal", RISK_COLORS["normaal"]),
        ("", "onbekend", RISK_COLORS["onbekend"]),  # all other values
    ]
    layer = by_name(checked["plan"])["Panden"]
    assert layer["labels_enabled"] and layer["label_field"] == "building_id"
    assert layer["label_scale"] == [1.0, 2000.0]  # only at 1:2,000 and closer


def test_bare_layers_load_the_same_style_from_layer_styles(checked):
    in_project = by_name(checked["plan"])
    assert checked["bare_export"]["renderer"] == in_project["Panden"]["renderer"]
    assert checked["bare_export"]["labels_enabled"]
    assert checked["bare_clusters"]["renderer"]["type"] == "singleSymbol"
    assert checked["bare_clusters"]["label_field"] == in_project["Clusters"]["label_field"]
    # the project file itself: QGIS opens its buildings in the risk colours too
    assert checked["bare_project_file"]["renderer"] == in_project["Panden"]["renderer"]
    pack = by_name(checked["pack"])["Panden"]
    assert checked["bare_pack"]["renderer"] == pack["renderer"]


def test_field_pack_form_widgets(checked):
    layer = by_name(checked["pack"])["Panden"]
    widgets = layer["widgets"]
    status = widgets["field_status"]
    assert status["type"] == "ValueMap" and not status["read_only"]
    pairs = [next(iter(item.items())) for item in status["config"]["map"]]
    assert [code for _, code in pairs] == list(MILESTONES)
    assert [label for label, _ in pairs] == [MILESTONE_LABELS_NL[c] for c in MILESTONES]
    assert widgets["field_date"]["type"] == "DateTime" and not widgets["field_date"]["read_only"]
    assert widgets["field_note"]["type"] == "TextEdit"
    assert widgets["field_note"]["config"]["IsMultiline"] is True
    for name, widget in widgets.items():
        if name.startswith("export") or name == "building_id":
            assert widget["read_only"], name
    # the address (exported by default: public BAG data) first, so the field worker finds the door
    assert layer["form_order"][:5] == [
        "address",
        "building_id",
        "field_status",
        "field_date",
        "field_note",
    ]


def test_field_pack_map_opens_on_the_package_with_clipped_backgrounds(checked, plan):
    result = checked["pack"]
    layers = by_name(result)
    assert set(layers) == {"Panden", "Werkpakket", "Water", "Wegen"}
    assert layers["Water"]["feature_count"] == 1  # the far-away lake is clipped off
    renderer = layers["Panden"]["renderer"]
    assert renderer["attribute"] == "measure"
    colours = {c["value"]: c["color"] for c in renderer["categories"]}
    assert {k: colours[k] for k in MEASURE_COLORS} == MEASURE_COLORS
    package = gpd.read_file(next(checked["pack_folder"].glob("*.gpkg")), layer="package")
    xmin, ymin, xmax, ymax = package.total_bounds
    vxmin, vymin, vxmax, vymax = result["view_extent"]
    assert vxmin <= xmin and vymin <= ymin and vxmax >= xmax and vymax >= ymax
    assert (vxmax - vxmin) < (xmax - xmin) + 200  # on the package, not the whole area
    assert (checked["pack_folder"].parent / f"{checked['pack_folder'].name}.zip").exists()


def test_rendered_projects_show_the_verhoogd_colour(checked):
    rendered = checked["plan"]["render"]
    assert rendered["distinct_colours"] > 5 and rendered["non_white_fraction"] > 0.05
    assert checked["plan"]["render"]["probes"]
    for probe in rendered["probes"]:
        assert probe["color"] is not None
        assert np.abs(hex_rgb(probe["color"]) - hex_rgb(RISK_COLORS["verhoogd"])).max() <= 3
    # the field pack colours by the work to do: a verhoogd building shows its measure
    pack = checked["pack"]["render"]
    assert pack["distinct_colours"] > 3 and pack["non_white_fraction"] > 0.01
    measures = checked["pack_red"]["measure"].astype(str).tolist()
    assert pack["probes"]
    for probe, measure in zip(pack["probes"], measures, strict=True):
        assert np.abs(hex_rgb(probe["color"]) - hex_rgb(MEASURE_COLORS[measure])).max() <= 3


def test_field_edit_in_qgis_comes_back_through_the_import(checked, plan):
    edit = checked["edit"]
    assert edit["found"] == 1 and edit["started"] and all(edit["changed"]), edit
    assert edit["committed"], edit["errors"]
    project = plan["project"]
    report = import_fieldpack(project, checked["pack_folder"])
    assert report.problems == [] and len(report.conflicts) == 0
    row = project.buildings.index[project.buildings["building_id"] == checked["edited"]][0]
    assert project.buildings.at[row, "milestone"] == checked["status"]
    assert project.buildings.at[row, "field_date"] == "2027-03-15"
    assert project.buildings.at[row, "field_note"] == "Bewoner thuis.\nScheur in de gevel."
    changed = set(report.changes["column"])
    assert changed == {"milestone", "field_date", "field_note"}


def test_every_style_kind_classifies_each_building_as_the_app_does(qgis_python, tmp_path):
    """QGIS's renderer gives every building the colour compute_style gives it."""
    frame = generate_buildings(400, seed=11)
    frame.loc[frame.index[:25], "lpr"] = np.nan  # "geen waarde"
    frame["plan_completion_year"] = np.where(
        np.arange(len(frame)) % 5 == 0, np.nan, 2027 + (np.arange(len(frame)) % 4) + 0.5
    )
    frame["plan_approach"] = np.array(["standard", "bespoke", "none", ""], dtype=object)[
        np.arange(len(frame)) % 4
    ]
    frame.loc[frame.index[:7], "pand_type"] = ""  # "(leeg)"
    specs = {
        "graduated_quantile": StyleSpec(kind="graduated", column="lpr", classes=5),
        "graduated_jenks": StyleSpec(kind="graduated", column="lpr", method="jenks", classes=4),
        "milestone": StyleSpec(kind="milestone"),
        "categorical": StyleSpec(kind="categorical", column="pand_type"),
        "plan_year": StyleSpec(kind="plan_completion_year"),
        "plan_approach": StyleSpec(kind="plan_approach"),
        "risk": StyleSpec(alpha=255, colors=(("verhoogd", "#ff0000"),)),
    }
    path = tmp_path / "styles.gpkg"
    layers = {}
    for name, _spec in specs.items():
        frame.to_file(path, layer=name, driver="GPKG")
        layers[name] = frame
    styles = {}
    for name, spec in specs.items():
        state = map_state({"building_style": spec.to_dict()})
        styles[name] = layer_styles_for({"buildings": frame}, state)["buildings"]
    style_geopackage(path, styles)
    tasks = [
        {"kind": "colours", "uri": f"{path}|layername={name}", "key": "building_id"}
        for name in specs
    ]
    results = run_checker(qgis_python, tasks, tmp_path)
    for (name, spec), result in zip(specs.items(), results, strict=True):
        expected = compute_style(frame, spec).colors
        want = {
            str(bid): rgba_to_hex(rgba)
            for bid, rgba in zip(frame["building_id"], expected, strict=True)
        }
        got = result["colours"]
        wrong = [bid for bid in want if got.get(bid) != want[bid]]
        assert not wrong, (name, [(b, got.get(b), want[b]) for b in wrong[:5]])


# --- without QGIS: the table itself --------------------------------------------------------


def test_layer_styles_table_is_qgis_shaped_and_rewriting_is_idempotent(tmp_path, ogrinfo):
    frame = generate_buildings(60, seed=1)
    path = tmp_path / "b.gpkg"
    frame.to_file(path, layer="buildings", driver="GPKG")
    with sqlite3.connect(path) as con:  # a style a GIS user saved earlier
        con.execute(
            "CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
            "f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256), "
            "f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT, "
            "useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), "
            "update_time DATETIME)"
        )
        con.execute(
            "INSERT INTO layer_styles (f_table_name, f_geometry_column, styleName, styleQML, "
            "useAsDefault) VALUES ('buildings', 'geom', 'eigen', '<qgis/>', 1)"
        )
    write_layer_styles(path, {"buildings": "<qgis>een</qgis>", "bestaat_niet": "<qgis/>"})
    write_layer_styles(path, {"buildings": "<qgis>twee</qgis>"})
    with sqlite3.connect(path) as con:
        rows = con.execute(
            "SELECT f_table_name, f_geometry_column, styleName, useAsDefault, styleQML "
            "FROM layer_styles ORDER BY id"
        ).fetchall()
    assert rows == [
        ("buildings", "geom", "eigen", 0, "<qgis/>"),
        ("buildings", "geom", STYLE_NAME, 1, "<qgis>twee</qgis>"),
    ]
    assert read_layer_styles(path) == {"buildings": "<qgis>twee</qgis>"}
    # GDAL still reads the file, and the table as an ordinary attribute table
    listing = subprocess.run(
        [ogrinfo, "-ro", "-so", str(path), "layer_styles"], capture_output=True, text=True
    )
    assert listing.returncode == 0 and "Feature Count: 2" in listing.stdout, listing.stderr
    fresh = tmp_path / "fresh.gpkg"
    frame.to_file(fresh, layer="buildings", driver="GPKG")
    write_layer_styles(fresh, {"buildings": "<qgis/>"})
    with sqlite3.connect(fresh) as con:
        kind = con.execute(
            "SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'"
        ).fetchone()
        count = con.execute(
            "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'layer_styles'"
        ).fetchone()
    assert kind == ("attributes",) and count == (1,)
    assert len(load_frame(fresh)) == len(frame)


def load_frame(path):
    return pyogrio.read_dataframe(path, layer="buildings")


def test_saved_project_keeps_opening_with_its_style_table(tmp_path):
    project = Project(buildings=generate_buildings(40, seed=2))
    project.settings["map"] = {"building_style": StyleSpec(kind="milestone").to_dict()}
    path = save_project(project, tmp_path / "p.gpkg")
    save_project(project, path)  # again over the same file: still one style per layer
    styles = read_layer_styles(path)
    assert set(styles) == {"buildings", "clusters"}
    assert 'attr="milestone"' in styles["buildings"]
    loaded = load_project(path)
    assert len(loaded.buildings) == 40
    assert loaded.settings["map"]["building_style"]["kind"] == "milestone"
    assert pd.Series(loaded.buildings["building_id"]).is_unique


if __name__ == "__main__":  # pragma: no cover - a quick look at the checker's output
    print(_qgis_problem() or "QGIS ok", file=sys.stderr)


# --- the window ----------------------------------------------------------------------------


def test_file_menu_exports_the_map_as_a_qgis_project(qtbot, tmp_path, monkeypatch):
    from gis_app.ui.document import ProjectDocument
    from gis_app.ui.qgis_export import export_qgis_project_interactive
    from gis_app.ui.shell.main_window import MainWindow

    shown = []
    monkeypatch.setattr("gis_app.ui.dialogs.message_box", lambda *a, **k: shown.append(a))
    window = MainWindow(ProjectDocument(Project(buildings=generate_buildings(150, seed=4))))
    qtbot.addWidget(window)
    texts = [action.text() for action in window.file_menu.actions()]
    assert texts.index("Exporteren als &QGIS-project...") == texts.index("&Exporteren...") + 1
    window.layer_stack.set_opacity("clusters", 0.4)
    window.layer_stack.set_visible("packages", False)
    reports = []
    task = export_qgis_project_interactive(window, tmp_path / "qgis", on_done=reports.append)
    qtbot.waitUntil(lambda: task.done and bool(reports), timeout=120_000)
    assert reports[0] is not None and (tmp_path / "qgis" / "werkpakketten.qgz").exists()
    assert shown and "geëxporteerd" in shown[-1][3]
    stored = window.document.project.settings["map"]
    assert stored["extent"] == pytest.approx(list(window.canvas.extent()))
    entries = {e["id"]: e for e in stored["layers"]}
    assert entries["clusters"]["opacity"] == 0.4 and entries["packages"]["visible"] is False
    assert window.document.is_dirty  # the export made packages: the project changed
    assert window.document.project.packages is not None  # ... as one undo step
    window.document.undo_stack.undo()
    assert window.document.project.packages is None
    window.document.mark_clean()


def test_unreadable_background_layer_is_named_and_left_out(tmp_path):
    settings = {
        "layers": [
            {
                "id": "vector-0-weg",
                "name": "Weg",
                "kind": "vector",
                "source": str(tmp_path / "verdwenen.gpkg"),
                "source_layer": "",
            },
            {"id": "clusters", "kind": "clusters", "visible": False, "opacity": 0.5},
        ]
    }
    state = map_state(settings)
    assert state.backgrounds == []
    assert len(state.problems) == 1
    assert "Weg" in state.problems[0] and "verdwenen.gpkg" in state.problems[0]
    assert state.visible == {"clusters": False} and state.opacity == {"clusters": 0.5}
    assert state.order == ["clusters", "buildings", "packages"]


def test_missing_qgis_is_explained(monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "SYSTEM_PYTHON", "/bestaat/niet/python3")
    assert "/bestaat/niet/python3" in _qgis_problem()
