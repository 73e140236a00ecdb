"""Patterns compiled when first used (forms.lazyre, issue 16 point 4).

Every lazy pattern of forms/ and exporters/ compiles (a broken one would
otherwise fail only when first used); importing the modules compiles none of
them; a lazy pattern answers as the compiled one does, and after its first use
hands out the compiled pattern's own methods.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import exporters
import forms
from forms.lazyre import INSTANCES, LazyPattern, lazy_compile

ROOT = Path(__file__).resolve().parent.parent


def _import_all() -> None:
    for package in (forms, exporters):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(info.name)


def test_every_lazy_pattern_of_the_program_compiles() -> None:
    _import_all()
    ours = [p for p in INSTANCES if isinstance(p, LazyPattern)]
    assert len(ours) >= 100  # the module-level patterns of forms/ and exporters/
    for pattern in ours:
        compiled = pattern.compile()
        assert compiled.pattern == pattern.pattern


def test_importing_the_program_compiles_no_pattern() -> None:
    script = (
        "import pkgutil, importlib, forms, exporters\n"
        "for package in (forms, exporters):\n"
        "    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "from forms.lazyre import INSTANCES\n"
        "print(len(INSTANCES), sum('_compiled' in p.__dict__ for p in INSTANCES))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    made, compiled = map(int, done.stdout.split())
    assert made >= 100
    assert compiled == 0


def test_a_lazy_pattern_answers_as_the_compiled_one() -> None:
    source, flags = r"(?P<amount>\d+(?:,\d+)?)\s*(mio\.)?\s*kr\.", re.IGNORECASE
    lazy, real = lazy_compile(source, flags), re.compile(source, flags)
    text = "Udgiften er 12,5 mio. KR. i 2025 og 3 kr. i 2026."
    assert lazy.pattern == real.pattern
    assert "_compiled" not in lazy.__dict__  # reading the source does not compile
    found = lazy.search(text)
    assert found is not None and found.group("amount") == "12,5"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert lazy.findall(text) == real.findall(text)
    assert lazy.sub("X", text) == real.sub("X", text)
    assert lazy.subn(lambda m: m.group(1), text, 1) == real.subn(lambda m: m.group(1), text, 1)
    assert lazy.split(text) == real.split(text)
    assert lazy.match(text) is None and lazy.fullmatch("3 kr.") is not None
    assert lazy.search(text, 20) is not None and lazy.search(text, 0, 5) is None
    assert lazy.flags == real.flags and lazy.groups == real.groups == 2
    assert dict(lazy.groupindex) == {"amount": 1}
    # After the first use the methods are the compiled pattern's own.
    compiled = lazy.__dict__["_compiled"]
    assert lazy.search.__self__ is compiled  # type: ignore[attr-defined]


def test_a_broken_pattern_fails_at_first_use_with_re_error() -> None:
    broken = lazy_compile(r"(unclosed")
    try:
        with pytest.raises(re.error):
            broken.search("x")
    finally:
        INSTANCES.remove(broken)  # type: ignore[arg-type]  # not one of the program's


def _module_level_compiles(tree: ast.Module) -> list[int]:
    """Lines of `re.compile(...)` calls outside any function or class body."""
    found: list[int] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            return
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "compile"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
        ):
            found.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def test_no_module_level_re_compile_in_forms_or_exporters() -> None:
    """A new module-level pattern is lazy too (lazy_compile), so imports stay cheap."""
    offenders = []
    for folder in ("forms", "exporters"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.name == "lazyre.py":
                continue
            tree = ast.parse(path.read_text("utf-8"))
            offenders += [
                f"{path.relative_to(ROOT)}:{line}" for line in _module_level_compiles(tree)
            ]
    assert offenders == []
