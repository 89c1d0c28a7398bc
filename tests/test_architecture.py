"""The package's shape, read with `ast` from its own files: layers, cycles, sizes, local imports.

The rule (docs/architecture.md): imports go one way, down this list of steps,

    text < read < figures < comparison < render < history < github < cli < __main__

so a module may import its own step and the steps before it. `model` and `errors` (plain data
and typed errors) may be imported by all and import nothing of the package. `tracker/__init__.py`,
the public API, may name anything (it imports on first use); only the CLI imports it, for the
version. An import inside a function is allowed only to keep start-up fast, and a comment on
its line or the line above (the first of a run of imports) says so with "start-up".

Each check is a function over a folder, so that the tests at the end can show it failing on a
small package made to break it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tracker"

STEPS = ("text", "read", "figures", "comparison", "render", "history", "github", "cli", "__main__")
"""The steps in import order: a module imports only from its own step or an earlier one."""
SHARED = ("model", "errors")
"""Imported by every step; they import nothing of the package."""
MAX_TOP_MODULES = 6
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 80
START_UP = "start-up"
"""The words a comment by an import inside a function must hold."""


@dataclass(frozen=True, slots=True)
class Import:
    source: str
    """The importing module, dotted."""
    target: str
    """The imported module, dotted (a package's name for its __init__.py)."""
    line: int


def module_files(root: Path) -> dict[str, Path]:
    """Every module of the package at `root`, by dotted name (a package by its own name)."""
    found: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if "__pycache__" in parts:
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(root: Path) -> list[Import]:
    """Every import of a module of the package by a module of the package."""
    files = module_files(root)
    package = root.name
    found: list[Import] = []
    for name, path in files.items():
        source = path.read_text(encoding="utf-8")
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(source)):
            for target in _targets(node, name, is_package, package, files):
                found.append(Import(name, target, node.lineno))
    return found


def _targets(
    node: ast.AST, name: str, is_package: bool, package: str, files: dict[str, Path]
) -> Iterator[str]:
    """The package's modules that one import statement loads."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name == package or alias.name.startswith(package + "."):
                yield _known(alias.name, files)
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            here = name.split(".") if is_package else name.split(".")[:-1]
            base = ".".join([*here[: len(here) - node.level + 1], node.module or ""]).strip(".")
        else:
            base = node.module or ""
        if base != package and not base.startswith(package + "."):
            return
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            yield submodule if submodule in files else _known(base, files)


def _known(module: str, files: dict[str, Path]) -> str:
    while module not in files and "." in module:
        module = module.rsplit(".", 1)[0]
    return module


def _explained(lines: list[str], line: int) -> bool:
    """A start-up comment on the import's line or above it, past a run of imports."""
    at = line - 1
    if START_UP in lines[at]:
        return True
    at -= 1
    while at >= 0 and lines[at].strip().startswith(("from ", "import ")):
        at -= 1
    return at >= 0 and lines[at].strip().startswith("#") and START_UP in lines[at]


def step_of(module: str, package: str) -> int | None:
    """The module's place in STEPS; None for a shared module; -1 for the package's face."""
    parts = module.split(".")
    if parts == [package]:
        return -1
    top = parts[1]
    if top in SHARED:
        return None
    if top not in STEPS:
        raise AssertionError(f"{module}: {top!r} is no step of the import rule; add it to STEPS")
    return STEPS.index(top)


def upward_imports(root: Path) -> list[str]:
    """Imports that go up the list of steps, or into the package's face from the library."""
    package = root.name
    wrong: list[str] = []
    for found in imports(root):
        source, target = step_of(found.source, package), step_of(found.target, package)
        if source == -1:
            continue  # the public API names anything, on first use
        if source is None:
            if target is not None:
                wrong.append(f"{found.source}:{found.line} is shared but imports {found.target}")
            continue
        if target == -1:
            if STEPS[source] not in ("cli", "__main__"):
                wrong.append(f"{found.source}:{found.line} imports the package's face")
        elif target is not None and target > source:
            wrong.append(f"{found.source}:{found.line} imports {found.target}, a later step")
    return wrong


def cycles(root: Path) -> list[list[str]]:
    """Groups of modules that import each other in a loop (Tarjan's strongly connected parts)."""
    graph: dict[str, set[str]] = {name: set() for name in module_files(root)}
    for found in imports(root):
        if found.target != found.source:
            graph[found.source].add(found.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    loops: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            part: list[str] = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                loops.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return loops


def unexplained_local_imports(root: Path) -> list[str]:
    """Imports inside a function (of the package or any library) with no start-up comment."""
    found: list[str] = []
    for name, path in module_files(root).items():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        local: dict[int, ast.AST] = {}  # by id: a nested function's imports are seen once
        for function in ast.walk(ast.parse(source)):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                local.update((id(n), n) for n in ast.walk(function))
        for node in sorted(local.values(), key=lambda n: getattr(n, "lineno", 0)):
            if isinstance(node, ast.Import | ast.ImportFrom) and not _explained(lines, node.lineno):
                found.append(f"{name}:{node.lineno} imports inside a function, not saying why")
    return found


def top_level_modules(root: Path) -> list[str]:
    return sorted(p.name for p in root.glob("*.py"))


def long_modules(root: Path) -> list[str]:
    return [
        f"{name}: {n} lines"
        for name, path in module_files(root).items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]


def long_functions(root: Path) -> list[str]:
    found: list[str] = []
    for name, path in module_files(root).items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                length = (node.end_lineno or node.lineno) - first + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(f"{name}.{node.name}: {length} lines")
    return found


# --- the package ---------------------------------------------------------------------------


def test_no_import_cycle() -> None:
    assert cycles(PACKAGE) == []


def test_imports_go_down_the_steps() -> None:
    assert upward_imports(PACKAGE) == []


def test_imports_inside_functions_are_there_for_start_up_time() -> None:
    assert unexplained_local_imports(PACKAGE) == []


def test_at_most_six_modules_at_the_top() -> None:
    assert len(top_level_modules(PACKAGE)) <= MAX_TOP_MODULES, top_level_modules(PACKAGE)


def test_no_module_is_too_long() -> None:
    assert long_modules(PACKAGE) == []


def test_no_function_is_too_long() -> None:
    assert long_functions(PACKAGE) == []


# --- each check fails where it should --------------------------------------------------------


def write(root: Path, files: dict[str, str]) -> Path:
    """A small package `pkg` of the given modules (paths relative to it)."""
    package = root / "pkg"
    for relative, text in files.items():
        path = package / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def test_a_cycle_is_found(tmp_path: Path) -> None:
    package = write(
        tmp_path,
        {
            "__init__.py": "",
            "read/__init__.py": "",
            "read/parse.py": "from pkg.read.markdown import body\n",
            "read/markdown.py": "from pkg.read import parse\n",
        },
    )
    assert cycles(package) == [["pkg.read.markdown", "pkg.read.parse"]]


def test_an_upward_import_is_found(tmp_path: Path) -> None:
    package = write(
        tmp_path,
        {
            "__init__.py": "from pkg.cli import main\n",
            "model.py": "from pkg.read import files\n",
            "history/__init__.py": "",
            "history/init.py": "from pkg.github.workflow import workflow_yaml\n",
            "github/__init__.py": "",
            "github/workflow.py": "from pkg.history import init\nimport pkg\n",
            "read/__init__.py": "",
            "read/files.py": "",
            "cli.py": "from pkg import __version__\n",
        },
    )
    assert upward_imports(package) == [
        "pkg.github.workflow:2 imports the package's face",
        "pkg.history.init:1 imports pkg.github.workflow, a later step",
        "pkg.model:1 is shared but imports pkg.read.files",
    ]


def test_a_local_import_needs_its_reason(tmp_path: Path) -> None:
    package = write(
        tmp_path,
        {
            "__init__.py": "",
            "cli.py": (
                "def show():\n"
                "    # start-up time: imported on use\n"
                "    from pkg.model import Document\n"
                "    from pkg.errors import Error\n"
                "\n"
                "def compare():\n"
                "    from pkg.model import Comparison\n"
                "    import json\n"
            ),
            "model.py": "",
            "errors.py": "",
        },
    )
    assert unexplained_local_imports(package) == [
        "pkg.cli:7 imports inside a function, not saying why",
        "pkg.cli:8 imports inside a function, not saying why",
    ]


def test_sizes_are_measured(tmp_path: Path) -> None:
    body = "".join(f"    x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES))
    package = write(
        tmp_path,
        {
            **{f"m{i}.py": "" for i in range(MAX_TOP_MODULES)},
            "__init__.py": "",
            "long.py": "x = 1\n" * (MAX_MODULE_LINES + 1),
            "f.py": f"def f():\n{body}",
        },
    )
    assert len(top_level_modules(package)) > MAX_TOP_MODULES
    assert long_modules(package) == [f"pkg.long: {MAX_MODULE_LINES + 1} lines"]
    assert long_functions(package) == [f"pkg.f.f: {MAX_FUNCTION_LINES + 1} lines"]
