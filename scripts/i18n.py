"""The window's English catalogue: extract, check and compile the Qt Linguist files.

Usage: python3 scripts/i18n.py update|check|compile

* ``update``: regenerates :mod:`gis_app.ui.core_texts` (the Dutch labels that come from
  ``gis_app.core`` and reach the window through ``core_text()``), runs ``pyside6-lupdate``
  over every Python file of ``gis_app/ui`` and writes ``resources/i18n/gis_app_en.ts``,
  keeping the English of every message that is still there and dropping the ones that
  are gone (``-no-obsolete``). New messages arrive unfinished, to be translated in Qt
  Linguist (``pyside6-linguist resources/i18n/gis_app_en.ts``) or in the file itself.
* ``check``: exits 1, naming what is wrong, when the ``.ts`` is stale (a ``tr()`` string
  of the code is missing from it, or it holds one the code no longer has), when
  ``core_texts.py`` is stale, or when a message has no English (unfinished or empty).
* ``compile``: ``pyside6-lrelease`` to ``resources/i18n/gis_app_en.qm``, the file
  :func:`gis_app.ui.app.install_language` loads. The ``.qm`` is generated, not committed:
  ``scripts/run.py`` and ``scripts/test.py`` compile it before they start the app or the
  tests, ``scripts/build.py`` into the standalone build.

Contexts. At run time ``self.tr(text)`` looks ``text`` up under the object's class name
(PySide6 tries each class of the MRO, so a subclass finds its base class's strings);
lupdate files a ``self.tr()`` under the class it is written in, so both agree. Module
level helpers ``def tr(text): return QCoreApplication.translate("Context", text)`` are
called as a bare ``tr(...)``, which lupdate files under the empty context: this script
moves those messages to the helper's context, read from the file itself. A method may
alias ``t = self.tr`` (lupdate is told ``t`` is ``tr``). Any other bare ``tr`` call is
refused with its file and line, so a string never lands where ``tr()`` does not look.

Plain Python: no Qt import here (the tools are PySide6's command-line programs).
"""

from __future__ import annotations

import argparse
import ast
import filecmp
import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "gis_app" / "ui"
I18N_DIR = ROOT / "resources" / "i18n"
TS_FILE = I18N_DIR / "gis_app_en.ts"
QM_FILE = I18N_DIR / "gis_app_en.qm"
CORE_TEXTS = UI_DIR / "core_texts.py"
LANGUAGE = "en_GB"
SOURCE_LANGUAGE = "nl_NL"

Key = tuple[str, str, str]  # (context, source, comment)


def _shown(path: Path) -> str:
    """``path`` relative to the project when it lies inside it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


class I18nError(Exception):
    """What is wrong with the catalogue, one line per problem."""


# ----------------------------------------------------------------- the Qt tools


def qt_tool(name: str) -> list[str]:
    """The command of PySide6's ``pyside6-<name>`` (lupdate, lrelease) for this Python."""
    scripts = Path(sys.executable).parent  # not resolved: a venv's bin folder
    for candidate in (f"pyside6-{name}", f"pyside6-{name}.exe"):
        if (scripts / candidate).exists():
            return [str(scripts / candidate)]
    found = shutil.which(f"pyside6-{name}")
    if found:
        return [found]
    spec = importlib.util.find_spec("PySide6")
    if spec and spec.origin:  # the wheel's own binary, when no console script is installed
        package = Path(spec.origin).parent
        for candidate in (name, f"{name}.exe", f"Qt/libexec/{name}"):
            if (package / candidate).exists():
                return [str(package / candidate)]
    raise I18nError(f"i18n: pyside6-{name} not found (part of PySide6)")


def ui_files() -> list[Path]:
    return sorted(p for p in UI_DIR.rglob("*.py") if "__pycache__" not in p.parts)


# ------------------------------------------------------------- core_texts.py


def core_text_sources() -> list[str]:
    """The Dutch labels of gis_app.core that the window shows through ``core_text()``."""
    sys.path.insert(0, str(ROOT))
    from gis_app.core import explain, schema
    from gis_app.core import labels as core_labels
    from gis_app.core import scenarios as sc

    texts: list[str] = []
    texts += list(schema.RISK_PROFILES_WITH_UNKNOWN)
    texts += list(schema.MILESTONE_LABELS_NL.values())
    texts += list(schema.MEASURE_LABELS_NL.values())
    texts += list(sc.ORDER_LABELS_NL.values())
    texts += list(core_labels.COLUMN_LABELS.values())
    for vocabulary in core_labels.VALUE_LABELS.values():
        texts += list(vocabulary.values())
    texts += ["ja", "nee"]
    texts += [schema.PROFILE_SOURCE_DATA, schema.PROFILE_SOURCE_LPR, schema.PROFILE_SOURCE_NONE]
    for spec in sc.METRIC_SPECS:
        texts += [spec[1], spec[2]]
    for label, unit, _kind in explain.EXTRA_METRIC_LABELS.values():
        texts += [label, unit]
    texts += _literal_rows(Path(explain.__file__), "scenario_inputs")
    texts += _progress_messages(ROOT / "gis_app" / "core" / "clusters" / "suggest.py")
    seen: dict[str, None] = {}
    for text in texts:
        if isinstance(text, str) and text.strip():
            seen.setdefault(text, None)
    return list(seen)


def _literal_rows(path: Path, function: str) -> list[str]:
    """Label and unit (the first two string literals) of each row tuple ``function`` returns."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == function:
            for sub in ast.walk(node):
                if isinstance(sub, ast.Tuple) and len(sub.elts) == 3:
                    strings = [
                        e.value
                        for e in sub.elts[:2]
                        if isinstance(e, ast.Constant) and isinstance(e.value, str)
                    ]
                    if len(strings) == 2:
                        out += strings
    return out


def _progress_messages(path: Path) -> list[str]:
    """The literal messages of ``_report(progress, fraction, "message")`` calls."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "_report"
            and len(node.args) == 3
            and isinstance(node.args[2], ast.Constant)
            and isinstance(node.args[2].value, str)
        ):
            out.append(node.args[2].value)
    return out


def core_texts_module() -> str:
    lines = [
        '"""Dutch labels from gis_app.core shown in the window, marked for translation.',
        "",
        "Generated by ``python3 scripts/i18n.py update`` from the core's label tables (risk",
        "profiles, milestones, measures, orders, column headers and coded values, scenario",
        "metrics, progress messages); do not",
        "edit by hand. ``core_text(label)`` gives the label in the window's language.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication",
        "",
        'CONTEXT = "CoreTexts"',
        "",
        "CORE_TEXTS = (",
    ]
    for text in core_text_sources():
        lines.append(f'    QT_TRANSLATE_NOOP("CoreTexts", {_py_string(text)}),')
    lines += [
        ")",
        "",
        "",
        "def core_text(text: str) -> str:",
        '    """``text`` (a Dutch label of gis_app.core) in the language of the window."""',
        "    return QCoreApplication.translate(CONTEXT, text) if text else text",
        "",
    ]
    return "\n".join(lines)


def _py_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


# ------------------------------------------------------------------ extraction


def _wrapper_context(path: Path, line: int = 0) -> str | None:
    """The context of the ``def tr(...)`` helper that a bare ``tr()`` at ``line`` calls:
    one defined in the function around ``line``, else one at module level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    scopes = [
        f
        for f in ast.walk(tree)
        if isinstance(f, ast.FunctionDef) and f.lineno <= line <= (f.end_lineno or f.lineno)
    ]
    scopes.sort(key=lambda f: f.lineno, reverse=True)  # innermost first
    for scope in [*scopes, tree]:
        found = _helper_in(scope.body)
        if found is not None:
            return found
    return None


def _helper_in(body: list[ast.stmt]) -> str | None:
    for node in body:
        if isinstance(node, ast.FunctionDef) and node.name == "tr":
            for sub in ast.walk(node):
                if (
                    isinstance(sub, ast.Call)
                    and isinstance(sub.func, ast.Attribute)
                    and sub.func.attr == "translate"
                    and sub.args
                    and isinstance(sub.args[0], ast.Constant)
                ):
                    return str(sub.args[0].value)
    return None


def _bare_call_context(path: Path, line: int) -> str | None:
    """The context of a bare ``tr(...)``/``t(...)`` call at ``path:line``.

    Inside a method that aliased ``tr = self.tr`` (or ``t = self.tr``): that class;
    otherwise the module's ``def tr`` helper's context; ``None`` when neither.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for cls in ast.walk(tree):
        if not isinstance(cls, ast.ClassDef):
            continue
        for func in ast.walk(cls):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            if not (func.lineno <= line <= (func.end_lineno or func.lineno)):
                continue
            for node in ast.walk(func):
                if (
                    isinstance(node, ast.Assign)
                    and isinstance(node.value, ast.Attribute)
                    and node.value.attr == "tr"
                    and isinstance(node.value.value, ast.Name)
                    and node.value.value.id == "self"
                ):
                    return cls.name
    return _wrapper_context(path, line)


def _known_contexts() -> set[str]:
    """Class names of gis_app/ui and the literal contexts of translate() calls."""
    known = set()
    for path in ui_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                known.add(node.name)
            elif (
                isinstance(node, ast.Call)
                and (
                    (isinstance(node.func, ast.Attribute) and node.func.attr == "translate")
                    or (isinstance(node.func, ast.Name) and node.func.id == "QT_TRANSLATE_NOOP")
                )
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                known.add(str(node.args[0].value))
    return known


def extract() -> ET.Element:
    """lupdate over the UI files into a fresh catalogue, contexts as ``tr()`` uses them."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "fresh.ts"
        files = [str(p.relative_to(ROOT)) for p in ui_files()]
        command = [
            *qt_tool("lupdate"),
            *files,
            "-tr-function-alias",
            "tr+=t",
            "-locations",
            "absolute",
            "-no-obsolete",
            "-target-language",
            LANGUAGE,
            "-source-language",
            SOURCE_LANGUAGE,
            "-ts",
            str(out),
        ]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0 or not out.exists():
            raise I18nError(f"i18n: lupdate failed: {done.stderr.strip() or done.stdout.strip()}")
        tree = ET.parse(out)
    root = tree.getroot()
    contexts: dict[str, list[ET.Element]] = {}
    problems: list[str] = []
    for context in root.findall("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            target = name
            if not name:
                location = message.find("location")
                filename = location.get("filename", "") if location is not None else ""
                line = location.get("line", "?") if location is not None else "?"
                target = _bare_call_context(_source_path(filename), int(line)) if filename else None
                if target is None:
                    source = message.findtext("source")
                    problems.append(
                        f"{_source_path(filename).relative_to(ROOT)}:{line}: tr({source!r}) "
                        "has no context: call self.tr(), or "
                        'QCoreApplication.translate("Context", ...)'
                    )
                    continue
            contexts.setdefault(target, []).append(message)
    known = _known_contexts()
    for name, found in contexts.items():
        if name not in known:  # e.g. window.tr(...): lupdate files it under "window"
            location = found[0].find("location")
            where = (
                f"{_source_path(location.get('filename', '')).relative_to(ROOT)}:"
                f"{location.get('line')}"
                if location is not None
                else name
            )
            problems.append(
                f"{where}: {name}.tr(...) is looked up under the object's class, not "
                f'"{name}": use QCoreApplication.translate("Class", ...)'
            )
    if problems:
        raise I18nError("\n".join(problems))
    fresh = ET.Element("TS", {"version": "2.1", "language": LANGUAGE})
    fresh.set("sourcelanguage", SOURCE_LANGUAGE)
    for name in sorted(contexts):
        context = ET.SubElement(fresh, "context")
        ET.SubElement(context, "name").text = name
        seen: dict[Key, ET.Element] = {}
        for message in contexts[name]:
            key = _key(name, message)
            if key in seen:  # the same text from two places: one message, both locations
                first = seen[key]
                for location in message.findall("location"):
                    first.insert(len(first.findall("location")), location)
                continue
            seen[key] = message
            context.append(message)
    return fresh


def _source_path(filename: str) -> Path:
    """lupdate writes locations relative to the .ts file, which lived in a temp folder."""
    name = filename
    marker = "gis_app/ui/"
    if marker in name:
        name = name[name.index(marker) :]
    return ROOT / name


def _key(context: str, message: ET.Element) -> Key:
    return (context, message.findtext("source") or "", message.findtext("comment") or "")


def messages(root: ET.Element) -> dict[Key, ET.Element]:
    out = {}
    for context in root.findall("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            out[_key(name, message)] = message
    return out


def _finished(message: ET.Element) -> bool:
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
        return False
    if message.get("numerus") == "yes":
        forms = translation.findall("numerusform")
        return len(forms) >= 2 and all((f.text or "").strip() for f in forms)
    return bool((translation.text or "").strip())


# --------------------------------------------------------------------- writing


def _relocate(root: ET.Element) -> None:
    """Locations relative to resources/i18n/, where the .ts lives, without line numbers
    (any edit above a string would change the .ts; the file name is enough to find it),
    one per file; and no extra comments: lupdate takes the code's ``#:`` attribute
    documentation for translator comments."""
    for message in root.iter("message"):
        seen = set()
        for location in message.findall("location"):
            name = Path("../..", _source_path(location.get("filename", "")).relative_to(ROOT))
            if name in seen:
                message.remove(location)
                continue
            seen.add(name)
            location.attrib.clear()
            location.set("filename", name.as_posix())
        for comment in message.findall("extracomment"):
            message.remove(comment)


def write_ts(root: ET.Element, path: Path) -> None:
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    # Qt writes the empty translation of an unfinished message as an open/close pair
    body = re.sub(r"<translation([^>]*)\s*/>", r"<translation\1></translation>", body)
    body = body.replace('type="unfinished" >', 'type="unfinished">')
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def update() -> int:
    CORE_TEXTS.write_text(core_texts_module(), encoding="utf-8")
    fresh = extract()
    old = messages(ET.parse(TS_FILE).getroot()) if TS_FILE.exists() else {}
    kept = new = 0
    for key, message in messages(fresh).items():
        previous = old.get(key)
        if previous is not None and previous.get("numerus", "") == message.get("numerus", ""):
            message.remove(message.find("translation"))
            message.append(previous.find("translation"))
            kept += 1
        else:
            new += 1
    _relocate(fresh)
    write_ts(fresh, TS_FILE)
    total = kept + new
    gone = len(set(old) - set(messages(fresh)))
    unfinished = sum(not _finished(m) for m in messages(fresh).values())
    print(
        f"i18n: {_shown(TS_FILE)}: {total} messages ({new} new, {gone} dropped), "
        f"{unfinished} without English"
    )
    return 0


def problems() -> list[str]:
    """Everything that makes the catalogue stale or incomplete, one line each."""
    out: list[str] = []
    if not TS_FILE.exists():
        return [f"{_shown(TS_FILE)} is missing: run scripts/i18n.py update"]
    if not CORE_TEXTS.exists() or CORE_TEXTS.read_text(encoding="utf-8") != core_texts_module():
        out.append(f"{CORE_TEXTS.relative_to(ROOT)} is stale: run scripts/i18n.py update")
    committed = messages(ET.parse(TS_FILE).getroot())
    code = messages(extract())
    for context, source, _comment in sorted(set(code) - set(committed)):
        out.append(f"not in the .ts (stale, run update): [{context}] {source!r}")
    for context, source, _comment in sorted(set(committed) - set(code)):
        out.append(
            f"in the .ts but no longer in the code (stale, run update): [{context}] {source!r}"
        )
    for (context, source, _comment), message in sorted(committed.items()):
        if not _finished(message):
            out.append(f"no English translation: [{context}] {source!r}")
        elif _placeholders(message) is not None:
            out.append(f"placeholders differ ({_placeholders(message)}): [{context}] {source!r}")
    return out


PLACEHOLDER = re.compile(r"%n|%\d|\{[^}]*\}")


def _placeholders(message: ET.Element) -> str | None:
    """What a translation lacks or adds of its source's ``{name}``/``%1`` fields
    (``None`` when they agree): a missing one would drop a number from the window."""
    source = set(PLACEHOLDER.findall(message.findtext("source") or ""))
    translation = message.find("translation")
    forms = translation.findall("numerusform") or [translation]
    for form in forms:
        found = set(PLACEHOLDER.findall(form.text or ""))
        if message.get("numerus") == "yes":  # a singular may spell the 1 out
            found, wanted = found - {"%n"}, source - {"%n"}
        else:
            wanted = source
        if found != wanted:
            return f"source {sorted(wanted)}, English {sorted(found)}"
    return None


def check() -> int:
    found = problems()
    for line in found:
        print(f"i18n: {line}", file=sys.stderr)
    if found:
        print(f"i18n: {len(found)} problem(s) in {_shown(TS_FILE)}", file=sys.stderr)
        return 1
    print(f"i18n: {_shown(TS_FILE)} is complete and up to date")
    return 0


def compile_catalogue(target: Path = QM_FILE) -> Path:
    """Compile the .ts to ``target`` (a fraction of a second); returns ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        partial = Path(tmp) / target.name  # written beside, then moved: never half a .qm
        done = subprocess.run(
            [*qt_tool("lrelease"), str(TS_FILE), "-qm", str(partial)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0 or not partial.exists():
            raise I18nError(f"i18n: lrelease failed: {done.stderr.strip() or done.stdout.strip()}")
        if not (target.exists() and filecmp.cmp(partial, target, shallow=False)):
            partial.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("update", "check", "compile"))
    parser.add_argument(
        "--ts", type=Path, default=None, help="check this .ts instead of the project's own"
    )
    args = parser.parse_args(argv)
    if args.ts is not None:
        global TS_FILE
        TS_FILE = args.ts.resolve()
    try:
        if args.action == "update":
            return update()
        if args.action == "check":
            return check()
        compile_catalogue()
        return 0
    except I18nError as error:
        print(error, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
