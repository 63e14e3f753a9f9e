"""Only the document changes the project and sends its signals (a scan of gis_app's source).

The rule, checked with :mod:`ast` on every module of ``gis_app`` except
``gis_app/ui/document.py``:

1. **Signals.** No ``<expr>.<signal>.emit(...)`` where ``<signal>`` is a ``Signal`` of
   ``ProjectDocument`` and ``<expr>`` is not plain ``self`` (a class may emit its own signal
   of the same name). Connecting a document signal as the *slot* of another signal
   (``x.connect(document.planChanged)``) is an emit by another name and is refused too.
2. **Writes.** No assignment, augmented assignment or ``del`` whose target lies *below* a
   project: ``project.packages = ...``, ``project.buildings["x"] = ...``,
   ``doc.project.clusters.loc[m, "c"] = ...``, ``self.project.settings["k"] = ...``. A
   project is the name ``project`` or any ``<expr>.project``. Storing a reference
   (``self.project = project``) is fine, but setting an attribute of a document
   (``document.project = ...``, ``<expr>.document.plan_result = ...``) is not: its
   methods do that (``replace_project``, ``set_plan_result``).
3. **In-place calls.** No mutating call on something below a project:
   ``project.settings.update(...)``, ``.pop``, ``.setdefault``, ``.append``, ... and any
   call with ``inplace=True``.
4. **Aliases.** Inside a function, a local name bound to something below a project
   (``buildings = project.buildings``) counts as the project's until it is bound to
   something else, so ``buildings["package_id"] = ...`` is caught as well.
5. **A project the code made itself is its own.** Inside a function, once the name
   ``project`` is bound to the result of a call (``project = Project(...)``,
   ``project, report = open_path(path)``, ``project = applied(old, change)``), it names a
   NEW project that function made or loaded (the readers, the recovery and the command
   line on its own copy) and writes to it are allowed. A parameter called ``project`` or
   ``project = <expr>.project`` is someone else's project: writes are refused.

What a scan cannot see: a project frame passed to a function that changes its argument.
Core functions take frames and return new ones for that reason (a separate test checks
the export preparation).
"""

from __future__ import annotations

import ast
from pathlib import Path

import gis_app
from gis_app.ui.document import ProjectDocument

ROOT = Path(gis_app.__file__).resolve().parent
OWNER = ROOT / "ui" / "document.py"
MUTATORS = {
    "update",
    "pop",
    "popitem",
    "setdefault",
    "clear",
    "append",
    "extend",
    "insert",
    "remove",
    "__setitem__",
    "__delitem__",
}


def document_signals() -> set[str]:
    from PySide6.QtCore import Signal

    names = {
        name
        for klass in ProjectDocument.__mro__
        if klass.__module__.startswith("gis_app")
        for name, value in vars(klass).items()
        if isinstance(value, Signal)
    }
    assert {"clustersChanged", "packagesChanged", "planChanged"} <= names
    return names


def _is_project(node: ast.AST) -> bool:
    return (isinstance(node, ast.Name) and node.id == "project") or (
        isinstance(node, ast.Attribute) and node.attr == "project"
    )


def _chain(node: ast.AST) -> list[ast.AST]:
    """``node`` and what it is taken from: ``a.b[c].d`` -> [a.b[c].d, a.b[c], a.b, a]."""
    out = [node]
    while isinstance(node, ast.Attribute | ast.Subscript):
        node = node.value
        out.append(node)
    return out


class Scan(ast.NodeVisitor):
    def __init__(self, path: Path, signals: set[str]):
        self.path = path
        self.signals = signals
        self.problems: list[str] = []
        self.scopes: list[dict[str, bool]] = [{}]  # name -> True: below a shared project

    # --- scopes: each function tracks its own names in source order ----------------------
    def _function(self, node) -> None:
        self.scopes.append({})
        self.generic_visit(node)
        self.scopes.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def _shared(self, node: ast.AST) -> bool:
        """Whether ``node`` is (below) a project this code did not make itself."""
        for part in _chain(node):
            if isinstance(part, ast.Name):
                if part.id == "project":
                    return self.scopes[-1].get("project", True)
                return self.scopes[-1].get(part.id, False)
            if _is_project(part):
                return True
        return False

    def _below_shared(self, node: ast.AST) -> bool:
        """Whether ``node`` lies strictly below a shared project (or is an alias of one)."""
        if isinstance(node, ast.Name):
            return node.id != "project" and self.scopes[-1].get(node.id, False)
        return isinstance(node, ast.Attribute | ast.Subscript) and self._shared(node.value)

    def _bind(self, target: ast.AST, value: ast.AST | None) -> None:
        names = [target] if isinstance(target, ast.Name) else []
        if isinstance(target, ast.Tuple | ast.List):
            names = [t for t in target.elts if isinstance(t, ast.Name)]
        for name in names:
            if name.id == "project":
                # bound to a call: a project this function made or loaded itself
                self.scopes[-1]["project"] = not isinstance(value, ast.Call)
            else:
                alias = (
                    value is not None
                    and isinstance(target, ast.Name)
                    and isinstance(value, ast.Attribute | ast.Subscript)
                    and self._shared(value)
                    and not _is_project(value)
                )
                self.scopes[-1][name.id] = alias

    def _problem(self, node: ast.AST, what: str) -> None:
        rel = self.path.relative_to(ROOT.parent)
        self.problems.append(f"{rel}:{node.lineno}: {what}: {ast.unparse(node)[:90]}")

    def _check_target(self, target: ast.AST, node: ast.AST) -> None:
        if isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                self._check_target(element, node)
            return
        if isinstance(target, ast.Starred):
            self._check_target(target.value, node)
            return
        if isinstance(target, ast.Name):
            return  # binding a local name changes nothing
        if self._below_shared(target):
            self._problem(node, "writes into the project")
        elif isinstance(target, ast.Attribute) and (
            (isinstance(target.value, ast.Name) and target.value.id == "document")
            or (isinstance(target.value, ast.Attribute) and target.value.attr == "document")
        ):
            self._problem(node, f"sets the document's {target.attr}")

    # --- statements -------------------------------------------------------------------------
    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        for target in node.targets:
            self._check_target(target, node)
            self._bind(target, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
        self._check_target(node.target, node)
        self._bind(node.target, node.value)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.visit(node.value)
        self._check_target(node.target, node)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self._check_target(target, node)

    def visit_For(self, node) -> None:
        self._bind(node.target, None)
        self.generic_visit(node)

    visit_AsyncFor = visit_For

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute):
            receiver = func.value
            if (
                func.attr == "emit"
                and isinstance(receiver, ast.Attribute)
                and receiver.attr in self.signals
                and not (isinstance(receiver.value, ast.Name) and receiver.value.id == "self")
            ):
                self._problem(node, f"emits the document's {receiver.attr}")
            if func.attr == "connect":
                for arg in node.args:
                    if (
                        isinstance(arg, ast.Attribute)
                        and arg.attr in self.signals
                        and not (isinstance(arg.value, ast.Name) and arg.value.id == "self")
                    ):
                        self._problem(node, f"forwards a signal into the document's {arg.attr}")
            inplace = any(
                k.arg == "inplace" and isinstance(k.value, ast.Constant) and k.value.value is True
                for k in node.keywords
            )
            if (func.attr in MUTATORS or inplace) and (
                self._below_shared(receiver) or (inplace and self._shared(receiver))
            ):
                self._problem(node, "changes the project in place")
        self.generic_visit(node)


def scan_source(source: str, path: Path = ROOT / "example.py") -> list[str]:
    scan = Scan(path, document_signals())
    scan.visit(ast.parse(source))
    return scan.problems


def test_only_the_document_changes_the_project_or_emits_its_signals():
    problems = []
    modules = sorted(ROOT.rglob("*.py"))
    assert len(modules) > 50  # the scan really reads the package
    for path in modules:
        if path == OWNER:
            continue
        problems += scan_source(path.read_text(encoding="utf-8"), path)
    assert problems == [], "\n".join(problems)


def test_the_scan_catches_every_kind_of_change():
    """The rule above, on small examples: each of these must be reported, once."""
    caught = [
        "def f(document):\n    document.packagesChanged.emit()",
        "def f(self):\n    self.document.buildingAttributesChanged.emit(['x'])",
        "def f(self, other):\n    other.finished.connect(self.document.planChanged)",
        "def f(project):\n    project.packages = None",
        "def f(self):\n    self.document.project.buildings['package_id'] = ''",
        "def f(doc, m):\n    doc.project.clusters.loc[m, 'approach_share'] = 0.5",
        "def f(self):\n    self.project.settings['planning'] = {}",
        "def f(self):\n    del self.document.project.buildings['x']",
        "def f(project):\n    project.settings.update(a=1)",
        "def f(project):\n    project.buildings.drop(columns=['x'], inplace=True)",
        "def f(project):\n    buildings = project.buildings\n    buildings['x'] = 1",
        "def f(self):\n    project = self.document.project\n    project.clusters = None",
        "def f(window, p):\n    window.document.project = p",
        "def f(self, result):\n    self.document.plan_result = result",
    ]
    for source in caught:
        assert len(scan_source(source)) == 1, source


def test_the_scan_allows_own_projects_own_signals_and_reading():
    allowed = [
        # a new project, made or loaded by this function
        "def f(path):\n    project, report = open_path(path)\n    project.path = path",
        "def f(b):\n    project = Project(buildings=b)\n    project.settings['k'] = 1",
        "def f(old, c):\n    project = applied(old, c)\n    project.name = 'x'",
        # a class emitting its own signal of the same name
        "class Panel:\n    def f(self):\n        self.selectionChanged.emit()",
        # references, copies and reading
        "class C:\n    def __init__(self, project):\n        self.project = project",
        "def f(project):\n    b = project.buildings.copy()\n    b['x'] = 1",
        "def f(project):\n    b = project.buildings\n    b = b.copy()\n    b['x'] = 1",
        "def f(document):\n    n = len(document.project.buildings)\n    return n",
        "def f(self, other):\n    other.finished.connect(self.planChanged)",
    ]
    for source in allowed:
        assert scan_source(source) == [], source
