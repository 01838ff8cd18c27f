"""The code's shape: DESIGN.md's layering (import-linter's contracts in pyproject.toml), no import
loop anywhere (function-local imports count), and modules and functions of a readable size."""

import ast
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_APPS = ["cchc_news", "workflows", "bulletin", "participation", "wagtail_vi"]
HOST_PACKAGES = ["portal", "home", "cchc_demo"]
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 40


def source_files():
    for top in [*(ROOT / app for app in PLUGIN_APPS), ROOT / "site"]:
        for path in sorted(top.rglob("*.py")):
            # Migrations are generated; data modules hold content, not logic.
            if "migrations" not in path.parts and path.name != "data.py":
                yield path


def test_import_linter_contracts_are_kept():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        env={"PYTHONPATH": f"{ROOT / 'site'}:{ROOT}", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def strongly_connected(graph, modules):
    """Tarjan's algorithm, iterative: the groups of modules that import each other in a loop."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []
    for start in modules:
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return groups


def test_no_import_loop(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "site"))
    graph = grimp.build_graph(*PLUGIN_APPS, *HOST_PACKAGES, cache_dir=None)
    modules = sorted(m for m in graph.modules if ".migrations" not in m)
    assert strongly_connected(graph, modules) == []


def test_no_module_is_too_long():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in source_files()
        if (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_too_long():
    long = {}
    for path in source_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"] = lines
    assert long == {}


def test_every_feature_package_says_what_it_is():
    for package in (ROOT / "cchc_news").iterdir():
        init = package / "__init__.py"
        if init.exists() and package.name not in {"migrations", "management", "templatetags"}:
            assert (ast.get_docstring(ast.parse(init.read_text())) or "").strip(), package.name
