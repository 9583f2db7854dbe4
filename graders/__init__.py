"""The course's grading engine: release, verify, self-check and cohort grading.

Built on nbgrader's own converters, preprocessors and gradebook so that formgrader and every
``nbgrader`` command keep working on the same course directory.
"""

import sys

__version__ = "0.1.0"

# jsonschema's optional checker for the "iri" format (rfc3987-syntax 1.1) builds an Earley
# parser when imported: 2-5 s in every process that imports nbformat (python-jsonschema/
# jsonschema#1392, #1521). No notebook or nbgrader schema uses that format, so the course's
# own processes (the CLI, grading workers) go without it; other tools are unaffected.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def _nbgrader_without_its_server_extensions() -> None:
    """Let ``import nbgrader.api`` (and the converters, preprocessors, gradebook) skip the
    package's ``__init__``, which imports nbgrader's four Jupyter server extensions — tornado,
    jupyter_server, the exchange and every nbgrader app: over a third of ``course grade``'s
    start-up, in a command that uses none of them. The package module is created from its
    real spec, unexecuted; the first attribute asked of the package itself (``__version__``,
    the extension hooks) runs the real ``__init__`` then, so nothing else changes."""
    import importlib.util

    if "nbgrader" in sys.modules:
        return
    spec = importlib.util.find_spec("nbgrader")
    if spec is None or spec.loader is None:
        return
    package = importlib.util.module_from_spec(spec)
    loaded = False

    def _the_rest(name: str) -> object:
        nonlocal loaded
        dunder = name.startswith("__") and name != "__version__"
        if loaded or dunder or importlib.util.find_spec(f"nbgrader.{name}") is not None:
            raise AttributeError(name)  # a submodule is the import system's to load
        loaded = True
        del package.__getattr__
        spec.loader.exec_module(package)
        return getattr(package, name)

    package.__getattr__ = _the_rest
    sys.modules["nbgrader"] = package


_nbgrader_without_its_server_extensions()
