"""Progress of long commands: a bar on a terminal, plain lines in a log, nothing with --quiet."""

from __future__ import annotations

import io
import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from gis_app.commands._progress import Progress

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def small_area(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("progress") / "area.gpkg"
    made = cli("sample", "--buildings", "300", "--seed", "11", "--out", str(path))
    assert made.returncode == 0, made.stderr
    return path


def cli(*args: str, stderr=subprocess.PIPE, timeout: float = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "gis_app", *args],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        env=env,
        timeout=timeout,
    )


def progress_lines(text: str, label: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(f"{label}:")]


def test_plain_lines_come_at_each_tenth():
    out, err = io.StringIO(), io.StringIO()
    progress = Progress("export", out=out, err=err)
    assert progress.mode == "lines"  # a StringIO is no terminal
    for step in range(101):
        progress(step / 100, f"stap {step}")
    lines = out.getvalue().splitlines()
    assert lines[0] == "export:   0% stap 0"
    assert lines[-1] == "export: 100% stap 100"
    assert len(lines) == 11
    assert err.getvalue() == ""


def test_quiet_shows_nothing():
    out, err = io.StringIO(), io.StringIO()
    progress = Progress("export", quiet=True, out=out, err=err)
    for step in range(11):
        progress(step / 10, "stap")
    assert out.getvalue() == err.getvalue() == ""


def test_export_writes_plain_progress_lines_when_not_on_a_terminal(small_area, tmp_path):
    result = cli("export", str(small_area), "--out", str(tmp_path / "uit"), "--format", "csv")
    assert result.returncode == 0, result.stderr
    lines = progress_lines(result.stdout, "export")
    assert 3 <= len(lines) <= 12, result.stdout
    assert lines[-1].startswith("export: 100%")
    percentages = [int(line.split(":")[1].split("%")[0]) for line in lines]
    assert percentages == sorted(percentages)
    assert result.stderr == ""

    quiet = cli(
        "export", str(small_area), "--out", str(tmp_path / "stil"), "--format", "csv", "--quiet"
    )
    assert quiet.returncode == 0, quiet.stderr
    assert progress_lines(quiet.stdout, "export") == []
    assert "geëxporteerd" in quiet.stdout  # the result is still reported


def test_suggest_clusters_reports_its_stages(small_area, tmp_path):
    out = tmp_path / "met_clusters.gpkg"
    result = cli("suggest-clusters", str(small_area), "--out", str(out))
    assert result.returncode == 0, result.stderr
    lines = progress_lines(result.stdout, "suggest-clusters")
    assert lines[0].startswith("suggest-clusters:   0%")
    assert lines[-1] == "suggest-clusters: 100% Klaar"
    assert out.exists()


def test_import_json_keeps_stdout_for_the_json(small_area, tmp_path):
    result = cli("import", str(small_area), "--json", "--out", str(tmp_path / "p.gpkg"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["buildings_loaded"] == 300


def run_on_a_terminal(*args: str) -> tuple[int, str, str]:
    """Run the command with stderr on a pseudo-terminal; (status, stdout, terminal output)."""
    master, slave = pty.openpty()
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", COLUMNS="100")
    process = subprocess.Popen(
        [sys.executable, "-m", "gis_app", *args],
        stdout=subprocess.PIPE,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 300)
        if not ready:
            process.kill()
            pytest.fail("the command did not finish")
        try:
            data = os.read(master, 65536)
        except OSError:  # the terminal closed: the process has ended
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    stdout = process.stdout.read().decode()
    process.stdout.close()
    return process.wait(timeout=60), stdout, b"".join(chunks).decode(errors="replace")


def test_export_draws_a_bar_on_a_terminal_and_removes_it(small_area, tmp_path):
    status, stdout, terminal = run_on_a_terminal(
        "export", str(small_area), "--out", str(tmp_path / "uit"), "--format", "csv"
    )
    assert status == 0, terminal
    assert "export: 100%|" in terminal  # the bar, drawn on stderr
    assert progress_lines(stdout, "export") == []  # no plain lines besides it
    # removed at the end: after the last bar its line is overwritten with blanks
    after_last_bar = terminal.rsplit("%|", 1)[1].split("\r")[1:]
    assert after_last_bar and all(segment.strip() == "" for segment in after_last_bar)
    assert "geëxporteerd" in stdout


def test_an_error_after_the_bar_stands_alone_on_its_line(small_area, tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map", encoding="utf-8")
    status, _stdout, terminal = run_on_a_terminal(
        "export", str(small_area), "--out", str(blocker / "uit"), "--format", "csv"
    )
    assert status == 2, terminal
    assert "%|" in terminal  # the bar was drawn before the error
    visible_lines = [
        segment for line in terminal.split("\n") for segment in line.split("\r") if segment.strip()
    ]
    assert visible_lines[-1].startswith("gis-app export: "), terminal
