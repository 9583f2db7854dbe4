"""nbgrader's autograde, split at the points where work can run in parallel.

``nbgrader autograde`` runs, per notebook: *sanitize* (ClearOutput, DeduplicateIds,
OverwriteKernelspec, OverwriteCells, CheckCellMetadata), *execute*, then *post-process*
(IgnorePattern, ClearMetadata, LimitOutput, SaveAutoGrades, AssignLatePenalties,
CheckCellMetadata). We run the very same preprocessor classes in the same order; only
execution moves to a worker, and the gradebook steps run in the one writer, against one open
gradebook, inside one transaction per submission.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbformat import NotebookNode
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearOutput,
    DeduplicateIds,
    IgnorePattern,
    LimitOutput,
    OverwriteCells,
    OverwriteKernelspec,
    SaveAutoGrades,
)
from sqlalchemy import text
from traitlets.config import Config

SANITIZE = [ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells, CheckCellMetadata]
POSTPROCESS = [IgnorePattern, ClearMetadataPreprocessor, LimitOutput, CheckCellMetadata]
RECORD = [SaveAutoGrades, AssignLatePenalties]  # see ``record``
# modules whose preprocessors open ``Gradebook(db_url)`` themselves
_GRADEBOOK_USERS = [
    "nbgrader.preprocessors.overwritecells",
    "nbgrader.preprocessors.overwritekernelspec",
    "nbgrader.preprocessors.saveautogrades",
    "nbgrader.preprocessors.latesubmissions",
]


def resources_for(assignment: str, student: str, notebook_id: str, db_url: str) -> dict:
    """The ``resources`` nbgrader's converters hand to their preprocessors."""
    return {"unique_key": notebook_id, "output_files_dir": f"{notebook_id}_files",
            "nbgrader": {"student": student, "assignment": assignment,
                         "notebook": notebook_id, "db_url": db_url}}


def run_preprocessors(classes: list, nb: NotebookNode, resources: dict,
                      config: Config) -> NotebookNode:
    """Apply preprocessors as nbconvert's exporter does: calling them honours ``enabled``."""
    for cls in classes:
        nb, resources = cls(config=config)(nb, resources)
    return nb


def record(nb: NotebookNode, resources: dict, config: Config, gradebook: Gradebook) -> None:
    """nbgrader's RECORD steps on the open ``gradebook`` (inside ``shared_gradebook`` and
    ``one_transaction``), with two savings that change no result: SaveAutoGrades finds each
    cell's grade and comment among the submitted notebook's own (two loads, not two joined
    queries per cell), and its per-cell commits become one flush, done before
    AssignLatePenalties reads the notebook's score."""
    names = resources["nbgrader"]
    submitted = gradebook.find_submission_notebook(names["notebook"], names["assignment"],
                                                   names["student"])
    found = {"grade": {g.name: g for g in submitted.grades},
             "comment": {c.name: c for c in submitted.comments}}

    def finder(kind: str):
        def find(cell: str, notebook: str, assignment: str, student: str):
            mine = (notebook, assignment, student) == (
                names["notebook"], names["assignment"], names["student"])
            if not mine or cell not in found[kind]:
                raise MissingEntry(f"No such {kind}: {assignment}/{notebook}/{cell} "
                                   f"for {student}")
            return found[kind][cell]
        return find

    session = gradebook.db
    with session.no_autoflush, mock.patch.object(session, "commit", lambda: None), \
            mock.patch.object(gradebook, "find_grade", finder("grade")), \
            mock.patch.object(gradebook, "find_comment", finder("comment")):
        run_preprocessors([SaveAutoGrades], nb, resources, config)
    session.flush()
    run_preprocessors([AssignLatePenalties], nb, resources, config)


class _OpenGradebook:
    """Stands in for ``Gradebook(db_url)`` inside nbgrader's preprocessors: the open one."""

    def __init__(self, gradebook: Gradebook) -> None:
        self._gradebook = gradebook

    def __getattr__(self, name: str):
        return getattr(self._gradebook, name)

    def __enter__(self):
        return self._gradebook

    def __exit__(self, *exc_info: object) -> None:
        return None


_current = threading.local()
_installed = threading.Lock()


def _gradebook_for_this_thread(db_url: str, *args: Any, **kwargs: Any) -> Any:
    """What nbgrader's preprocessors get for ``Gradebook(db_url)``: this thread's shared
    gradebook if it has one, otherwise a real one as usual."""
    shared = getattr(_current, "gradebook", None)
    return _OpenGradebook(shared) if shared is not None else Gradebook(db_url, *args, **kwargs)


def _install() -> None:
    with _installed:
        for name in _GRADEBOOK_USERS:
            module = importlib.import_module(name)
            if module.Gradebook is not _gradebook_for_this_thread:
                module.Gradebook = _gradebook_for_this_thread


@contextmanager
def shared_gradebook(gradebook: Any) -> Iterator[Any]:
    """Make nbgrader's preprocessors, in this thread only, use ``gradebook`` instead of
    opening their own (grading threads and the one writer share a process)."""
    _install()
    previous = getattr(_current, "gradebook", None)
    _current.gradebook = gradebook
    try:
        yield gradebook
    finally:
        _current.gradebook = previous


@contextmanager
def one_transaction(gradebook: Gradebook) -> Iterator[Gradebook]:
    """Everything nbgrader commits inside the block is committed once, at the end, or not at
    all: its intermediate ``commit()`` calls only flush."""
    session = gradebook.db
    try:
        with mock.patch.object(session, "commit", session.flush):
            yield gradebook
    except BaseException:
        session.rollback()
        raise
    session.commit()


# --- which submissions are graded, by content -------------------------------------------

_DIGESTS = "course_grade_digest"


def ensure_digest_table(gradebook: Gradebook) -> None:
    gradebook.db.execute(text(
        f"CREATE TABLE IF NOT EXISTS {_DIGESTS} (assignment VARCHAR(128) NOT NULL, "
        "student VARCHAR(128) NOT NULL, digest VARCHAR(64) NOT NULL, "
        "status VARCHAR(16) NOT NULL, reason TEXT, PRIMARY KEY (assignment, student))"))
    gradebook.db.commit()


def graded_digests(gradebook: Gradebook, assignment: str) -> dict[str, tuple[str, str]]:
    """student → (digest, status) of what was last recorded for ``assignment``."""
    rows = gradebook.db.execute(
        text(f"SELECT student, digest, status FROM {_DIGESTS} WHERE assignment = :a"),
        {"a": assignment})
    return {student: (digest, status) for student, digest, status in rows}


def record_digest(gradebook: Gradebook, assignment: str, student: str, digest: str,
                  status: str, reason: str | None) -> None:
    gradebook.db.execute(text(f"DELETE FROM {_DIGESTS} WHERE assignment = :a AND student = :s"),
                         {"a": assignment, "s": student})
    gradebook.db.execute(
        text(f"INSERT INTO {_DIGESTS} VALUES (:a, :s, :d, :st, :r)"),
        {"a": assignment, "s": student, "d": digest, "st": status, "r": reason})
