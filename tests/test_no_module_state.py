"""No module of ``extractor/`` keeps state about the document it is working on.

Per-document data (the text, its lower-cased form, its URL ranges, warnings) lives on
the document (``extractor.facts.scan.DocText`` in ``doc.user_data``). A module-level
cache of "the last text" is not thread-safe and makes results depend on what ran
before; these checks read the source so that such a cache cannot come back unnoticed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "extractor"
MODULES = sorted(SOURCE.rglob("*.py"))
# Parameter names and annotations that hold a document or its text.
_DOCUMENT_PARAMETERS = {"doc", "text", "haystack", "document", "body", "page"}
_DOCUMENT_TYPES = {"Doc", "DocText", "Span"}
_CACHES = {"cache", "lru_cache", "cached_property"}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        return _name(node.func)
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _annotation_names(node: ast.expr | None) -> set[str]:
    if node is None:
        return set()
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_no_global_statements(path: Path) -> None:
    found = [n.lineno for n in ast.walk(_tree(path)) if isinstance(n, ast.Global)]
    assert not found, f"`global` at lines {found}: keep per-document state on the document"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_no_module_level_weak_references_to_documents(path: Path) -> None:
    # A weak reference was how "the last doc" used to be remembered between calls.
    imports = [
        n.lineno
        for n in _tree(path).body
        if isinstance(n, ast.Import | ast.ImportFrom)
        and any(a.name == "weakref" for a in n.names)
        or (isinstance(n, ast.ImportFrom) and n.module == "weakref")
    ]
    assert not imports, f"weakref imported at lines {imports}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_no_function_cache_is_keyed_on_a_document(path: Path) -> None:
    """A module-level ``functools.cache`` on a function of a text or doc is a per-document
    cache in disguise (and an unbounded one); caches of words or names are fine."""
    for node in _tree(path).body:
        if not isinstance(node, ast.FunctionDef):
            continue
        if not any(_name(d) in _CACHES for d in node.decorator_list):
            continue
        for arg in node.args.args + node.args.kwonlyargs:
            assert arg.arg not in _DOCUMENT_PARAMETERS, f"{node.name}({arg.arg}) is cached"
            types = _annotation_names(arg.annotation)
            assert not types & _DOCUMENT_TYPES, f"{node.name}({arg.arg}: {types}) is cached"


def test_the_checks_catch_the_old_cache() -> None:
    """The shape the checks exist for is caught: a ``global`` "last text" cache."""
    old = ast.parse(
        "import weakref\n_last = None\ndef doc_text(doc):\n    global _last\n    return _last\n"
    )
    assert any(isinstance(n, ast.Global) for n in ast.walk(old))
    assert any(isinstance(n, ast.Import) and n.names[0].name == "weakref" for n in old.body)


def test_documents_in_parallel_threads_give_the_sequential_records() -> None:
    """With nothing of a document kept outside it, threads cannot mix documents up."""
    from concurrent.futures import ThreadPoolExecutor

    from extractor import extract

    texts = [
        f"Zone {i} drew {i + 2} billion yuan (about ${i + 1} million) in 20{10 + i}, "
        f"up {i}.5 percent, with more than {i + 3} hundred companies. " * (1 + i % 3)
        for i in range(24)
    ]
    sequential = [extract(t, format="plain") for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda t: extract(t, format="plain"), texts))
    assert threaded == sequential
