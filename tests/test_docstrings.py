"""Docstrings: numpydoc validation of the public API, and every module's doctests.

The public API is what the public modules list in ``__all__``: functions and classes,
and the methods and properties that the classes define themselves or inherit from
skbookembed classes (mixins). Each one is
validated with :func:`numpydoc.validate.validate`, minus the error codes of
``IGNORED`` (each with its reason). Every public function and class must carry an
``Examples`` section with at least one example that runs, and the doctests of every
module of the package, public or private, must pass.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from typing import Any

import pytest

import skbookembed

numpydoc_validate = pytest.importorskip(
    "numpydoc.validate", reason="numpydoc is needed to validate docstrings"
)
from numpydoc.docscrape import NumpyDocString  # noqa: E402

PUBLIC_MODULES = (
    "skbookembed",
    "skbookembed.datasets",
    "skbookembed.preprocessing",
    "skbookembed.metrics",
    "skbookembed.plotting",
    "skbookembed.export",
    "skbookembed.callbacks",
    "skbookembed.cli",
)

#: numpydoc error codes not enforced anywhere, and why.
IGNORED = {
    "ES01": "an extended summary is welcome, not required: many functions are fully "
    "described by their summary line and parameters",
    "SA01": "See Also sections are written where they help, not on every object",
    "RT02": "returned values are named (``self : WikilinkVectorizer``, ``data : Bunch``), "
    "as in scikit-learn, so that the description can refer to them",
    "SS05": "the check flags any summary whose first word ends in 's'; queries and "
    "properties are summarised by what they return ('Keys most similar to ...')",
}

#: Error codes not enforced on methods and properties, and why.
IGNORED_FOR_MEMBERS = {
    "EX01": "a class's Examples section shows its methods at work; an Examples section "
    "is required on every public class and function, and optional on their members",
}

#: Members scikit-learn generates on every estimator, with scikit-learn's docstrings.
SKLEARN_GENERATED = ("set_fit_request", "set_score_request", "set_transform_request")


def _public_objects() -> Iterator[tuple[str, Any]]:
    """``(import path, object)`` of each public function and class, once each."""
    seen: set[int] = set()
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.ismodule(obj) or not (inspect.isclass(obj) or inspect.isfunction(obj)):
                continue  # subpackages and constants
            if id(obj) in seen:
                continue  # re-exported, e.g. skbookembed.WikilinkVectorizer
            seen.add(id(obj))
            yield f"{module_name}.{name}", obj


def _members(cls: type) -> Iterator[str]:
    """Public methods and properties of ``cls`` defined in skbookembed.

    Those ``cls`` defines itself and those it inherits from skbookembed classes (such
    as the mixins of ``KeyedEmbeddings``); members inherited from elsewhere
    (scikit-learn's ``get_params``) carry their own project's docstrings.
    """
    fields = set(getattr(cls, "_fields", ()))  # NamedTuple fields: generated docstrings
    seen: set[str] = set()
    for klass in cls.__mro__:
        own = klass is cls
        if not own and not klass.__module__.split(".")[0] == "skbookembed":
            continue
        for name, value in vars(klass).items():
            if name in seen or name.startswith("_") or name in SKLEARN_GENERATED:
                continue
            if name in fields:
                continue
            seen.add(name)
            if isinstance(value, (staticmethod, classmethod)):
                value = value.__func__
            if inspect.isfunction(value) or isinstance(value, property):
                yield name


PUBLIC = dict(_public_objects())
TO_VALIDATE = sorted(
    [(path, False) for path in PUBLIC]
    + [
        (f"{path}.{member}", True)
        for path, obj in PUBLIC.items()
        if inspect.isclass(obj)
        for member in _members(obj)
    ]
)


def test_public_api_is_found():
    # Guards the collection itself: a broken __all__ must not silently empty the checks.
    assert {"skbookembed.PairEmbeddingRecommender", "skbookembed.KeyedEmbeddings"} <= set(PUBLIC)
    assert "skbookembed.preprocessing.WikilinkVectorizer" not in PUBLIC  # seen at top level
    paths = {path for path, _ in TO_VALIDATE}
    assert "skbookembed.PairEmbeddingRecommender.fit" in paths
    assert "skbookembed.KeyedEmbeddings.most_similar" in paths  # inherited from a mixin
    assert "skbookembed.PairEmbeddingRecommender.get_params" not in paths  # scikit-learn's
    assert len(TO_VALIDATE) > 60


@pytest.mark.parametrize(("path", "is_member"), TO_VALIDATE, ids=[p for p, _ in TO_VALIDATE])
def test_numpydoc_validation(path, is_member):
    ignored = set(IGNORED) | (set(IGNORED_FOR_MEMBERS) if is_member else set())
    result = numpydoc_validate.validate(path)
    errors = [f"{code}: {message}" for code, message in result["errors"] if code not in ignored]
    assert not errors, f"{path}:\n  " + "\n  ".join(errors)


@pytest.mark.parametrize("path", sorted(PUBLIC))
def test_public_objects_have_runnable_examples(path):
    doc = inspect.getdoc(PUBLIC[path]) or ""
    examples = NumpyDocString(doc)["Examples"]
    lines = [line.strip() for line in examples]
    runnable = [line for line in lines if line.startswith(">>> ") and "doctest: +SKIP" not in line]
    assert runnable, f"{path} needs an Examples section with at least one example that runs"


# ---------------------------------------------------------------------------- doctests


def _package_modules() -> list[str]:
    names = [skbookembed.__name__]
    for info in pkgutil.walk_packages(skbookembed.__path__, prefix="skbookembed."):
        if info.name.endswith("__main__"):
            continue  # importing it runs the command line
        names.append(info.name)
    return sorted(names)


MODULES = _package_modules()


def test_every_module_is_collected():
    assert {"skbookembed._estimator", "skbookembed._keyed", "skbookembed.cli"} <= set(MODULES)


@pytest.mark.parametrize("module_name", MODULES)
def test_doctests(module_name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # an example that writes files writes them here
    module = importlib.import_module(module_name)
    tests = doctest.DocTestFinder(exclude_empty=True).find(module, module_name)
    tests = [test for test in tests if test.examples]
    if not tests:
        pytest.skip(f"{module_name} has no doctest")
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    runner = doctest.DocTestRunner(optionflags=flags)
    report: list[str] = []
    for test in sorted(tests, key=lambda t: t.name):
        runner.run(test, out=report.append)
    results = runner.summarize(verbose=False)
    assert results.failed == 0, "".join(report)
