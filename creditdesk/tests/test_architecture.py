"""The shape every app keeps (docs/architecture.md): floors imported downwards only, no import
circles, no module too big to hold in one's head."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: The floors, ground first: an app imports only itself and the apps before it.
FLOORS = ["creditdesk", "customers", "guarantees", "loans", "postloan"]
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    found = {}
    for app in FLOORS:
        for path in (ROOT / app).rglob("*.py"):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    """Our modules that ``module`` imports (anywhere but under ``if TYPE_CHECKING``)."""
    names: set[str] = set()

    def resolve(name: str) -> str | None:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        return name or None

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                if (found := resolve(alias.name)) is not None:
                    names.add(found)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module if is_package else module.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}" if base else package
            for alias in node.names:
                found = resolve(f"{base}.{alias.name}") if base else None
                if found is None or found == module:
                    found = resolve(base)
                if found is not None:
                    names.add(found)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    names.discard(module)
    return names


def _graph(include_tests: bool) -> dict[str, set[str]]:
    graph = {}
    for module, path in MODULES.items():
        if not include_tests and ".tests" in f".{module}.":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[module] = _imported(tree, module, path.name == "__init__.py")
    return graph


def _floor(module: str) -> int:
    return FLOORS.index(module.split(".")[0])


def test_apps_import_only_the_floors_below_them():
    upward = sorted(
        f"{module} → {target}"
        for module, targets in _graph(include_tests=True).items()
        for target in targets
        if _floor(target) > _floor(module)
    )
    assert upward == [], "imports pointing up a floor:\n" + "\n".join(upward)


def test_no_import_circle_between_modules():
    graph = _graph(include_tests=False)
    # A package's __init__ that re-exports its own submodules is not a circle of meaning.
    for module, targets in graph.items():
        graph[module] = {t for t in targets if not (t.startswith(module + ".") and t != module)}
        graph[module] -= {
            t
            for t in list(graph[module])
            if module.startswith(t + ".") and MODULES[t].name == "__init__.py"
        }
    state: dict[str, int] = {}
    stack: list[str] = []
    circles: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                circles.append(" → ".join([*stack[stack.index(target) :], target]))
            elif target not in state:
                walk(target)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            walk(node)
    assert circles == [], "import circles:\n" + "\n".join(circles)


@pytest.mark.parametrize(
    "module",
    sorted(m for m in MODULES if ".tests" not in f".{m}."),
)
def test_no_module_of_application_code_passes_500_lines(module):
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines: split it by sub-domain"


#: Apps held to the full skeleton.
SKELETON_APPS = ["customers", "guarantees", "loans", "postloan"]
SKELETON = [
    *("models", "services", "queries", "views", "forms", "admin", "demo", "reasons", "tasks"),
    *("api.serializers", "api.views", "api.urls", "tests"),
]


def test_every_app_has_the_same_skeleton():
    missing = sorted(
        f"{app}.{part}"
        for app in SKELETON_APPS
        for part in SKELETON
        if f"{app}.{part}" not in MODULES
    )
    assert missing == []


def _app_code() -> dict[str, str]:
    return {
        module: path.read_text(encoding="utf-8")
        for module, path in MODULES.items()
        if ".tests" not in f".{module}."
    }


@pytest.mark.parametrize("name", ["add_months", "age_on"])
def test_shared_helpers_are_defined_once(name):
    defined_in = [
        module
        for module, source in _app_code().items()
        for node in ast.parse(source).body
        if isinstance(node, ast.FunctionDef) and node.name == name
    ]
    assert len(defined_in) == 1, f"{name} is defined in {defined_in}"


def test_only_the_write_path_sets_history_user_and_reason():
    writers = sorted(
        module
        for module, source in _app_code().items()
        if ("_change_reason =" in source or "_history_user =" in source)
        and module != "creditdesk.history"
    )
    assert writers == [], "use creditdesk.history.audited_save & co."


def test_no_bulk_write_bypasses_history():
    bypass = sorted(
        module
        for module, source in _app_code().items()
        if any(f".objects.{call}(" in source for call in ("bulk_create", "bulk_update"))
    )
    assert bypass == [], "use creditdesk.history.audited_bulk_create / audited_bulk_update"


@pytest.mark.parametrize(
    "name",
    ["rules_as_400", "_call", "_done", "_errors", "_refused", "_show_errors", "_batch_action"],
)
def test_no_private_error_mapper_is_back(name):
    found = [
        module
        for module, source in _app_code().items()
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef) and node.name == name
    ]
    assert found == [], "errors go through creditdesk.api.exceptions and creditdesk.web"
