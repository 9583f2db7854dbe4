"""The worker's half of grading: sanitize, execute and post-process one submission.

``execute_job`` runs in a local grading thread or a Dask worker. nbgrader's sanitize
preprocessors restore locked cells and hidden tests from a read-only copy of the gradebook;
the notebooks then run in a confined child forked from this thread's *warm process* (see
``warm_executor``), which receives only the sanitized notebooks and the submission's files;
nbgrader's post-processing preprocessors tidy the outputs. The worker never writes to the
gradebook, and the sandbox never holds it.

The copy of the gradebook holds only the assignment being graded (no learners, no other
assignments; see ``grade.gradebook_snapshot``). It travels as bytes and lives in the
worker's memory as an SQLite database (``load_gradebook``), read through nbgrader's own
``Gradebook`` whose answers are remembered (``RememberedReads``).
"""

from __future__ import annotations

import atexit
import hashlib
import json
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from traitlets.config import Config

from graders.errors import CourseError
from graders.grading_steps import (
    POSTPROCESS,
    SANITIZE,
    resources_for,
    run_preprocessors,
    shared_gradebook,
)
from graders.notebooks import parse_notebook
from graders.sandbox import SandboxLimits
from graders.warm_executor import WarmExecutor, WarmProcessDied


@dataclass
class GradingJob:
    """Everything a worker needs, as plain data (it may travel to another machine)."""

    assignment: str
    student: str
    notebooks: dict[str, str]           # notebook id → submitted text
    files: dict[str, bytes]             # other files the notebooks may read, by relative path
    grade_ids: dict[str, list[str]]     # notebook id → cell ids the gradebook knows
    limits: SandboxLimits
    preload: list[str]
    config: Config = field(default_factory=Config)
    db_url: str = ""                    # read-only gradebook (set by execute_job)


@dataclass
class ExecutedSubmission:
    student: str
    notebooks: dict[str, dict]
    execution_seconds: float = 0.0      # time spent in the notebooks' own cells
    tampering: list[str] = field(default_factory=list)   # what the grader caught
    files: dict[str, bytes] | None = None   # the working folder afterwards (autograded/)


@dataclass
class GradingFailure:
    student: str
    reason: str


# --- sanitize and post-process (in the worker) -------------------------------------------------


def _fast_metadata_validation() -> None:
    """nbgrader validates each cell's metadata with ``jsonschema.validate``, which re-checks
    the schema on every call (~0.1 s a notebook). Here a compiled ``fastjsonschema`` check
    passes valid metadata (it never fills in defaults), and anything it rejects goes to one
    compiled ``jsonschema`` validator, which gives nbgrader's verdict and its error."""
    import fastjsonschema
    import jsonschema
    from nbgrader.nbgraderformat import common

    compiled: dict[str, tuple[Any, Any]] = {}        # by the schema's text
    recent: dict[int, tuple[dict, Any, Any]] = {}     # by id: nbgrader re-reads the schema file

    def checks_for(schema: dict) -> tuple[Any, Any]:
        hit = recent.get(id(schema))
        if hit is not None and hit[0] is schema:
            return hit[1], hit[2]
        text = json.dumps(schema, sort_keys=True)
        if text not in compiled:
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            compiled[text] = (fastjsonschema.compile(schema, use_default=False), cls(schema))
        if len(recent) >= 8:
            recent.pop(next(iter(recent)))
        recent[id(schema)] = (schema, *compiled[text])
        return compiled[text]

    class _CompiledJsonschema:
        ValidationError = jsonschema.ValidationError

        @staticmethod
        def validate(instance: Any, schema: dict) -> None:
            fast, full = checks_for(schema)
            try:
                fast(instance)
                return
            except fastjsonschema.JsonSchemaException:
                pass
            error = jsonschema.exceptions.best_match(full.iter_errors(instance))
            if error is not None:
                raise error

    common.jsonschema = _CompiledJsonschema


_prepared = threading.Lock()
_ready = False
AUTOGRADE_ENV = {"NBGRADER_EXECUTION": "autograde"}  # as nbgrader sets while autograding


def _prepare_worker() -> None:
    global _ready
    with _prepared:
        if not _ready:
            _fast_metadata_validation()
            _ready = True


def _check_assignment(job: GradingJob, notebook_id: str, nb: nbformat.NotebookNode) -> None:
    """A notebook none of whose cells the gradebook knows belongs to another assignment —
    unless the assignment's notebook has no nbgrader cells at all (nbgrader grades it: its
    cells run, it scores 0 of 0, the files it writes are kept)."""
    known = set(job.grade_ids[notebook_id])
    submitted = {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells}
    if known and not submitted & known:
        raise CourseError(f"{notebook_id}.ipynb: wrong assignment: none of its cells belong "
                          f"to {job.assignment}/{notebook_id}")


def _sanitized(job: GradingJob) -> dict[str, nbformat.NotebookNode]:
    """Each notebook parsed, checked and sanitized; raises CourseError naming the file."""
    sanitized = {}
    for notebook_id, text in job.notebooks.items():
        nb = parse_notebook(text, Path(f"{notebook_id}.ipynb"))
        _check_assignment(job, notebook_id, nb)
        resources = resources_for(job.assignment, job.student, notebook_id, job.db_url)
        with shared_gradebook(_snapshot_gradebook(job.db_url)):
            sanitized[notebook_id] = run_preprocessors(SANITIZE, nb, resources, job.config)
    return sanitized


def grade_submission(job: GradingJob, executor: WarmExecutor) -> ExecutedSubmission:
    """Sanitize, execute in ``executor``'s warm process, post-process."""
    sanitized = _sanitized(job)
    runs = [(dict(nb), frozenset(job.grade_ids[notebook_id]))
            for notebook_id, nb in sanitized.items()]
    ran, files = executor.call("graders.warm_executor:execute_in_workdir", runs, job.files,
                               job.limits, AUTOGRADE_ENV)
    executed, seconds, tampering = {}, 0.0, []
    for notebook_id, result in zip(sanitized, ran, strict=True):
        seconds += result["execution_seconds"]
        tampering += [f"{notebook_id}: {reason}" for reason in result.get("tampering", [])]
        nb = nbformat.from_dict(result["notebook"])
        resources = resources_for(job.assignment, job.student, notebook_id, job.db_url)
        executed[notebook_id] = dict(run_preprocessors(POSTPROCESS, nb, resources, job.config))
    # the graded notebooks are written from the results; like nbgrader, no other notebook
    kept = {path: content for path, content in files.items() if not path.endswith(".ipynb")}
    return ExecutedSubmission(job.student, executed, seconds, list(dict.fromkeys(tampering)),
                              kept)


_anchors: dict[str, sqlite3.Connection] = {}
_anchors_lock = threading.Lock()


class RememberedReads:
    """A gradebook snapshot opened once, whose ``find_*`` answers are remembered: the
    snapshot never changes, and nbgrader's OverwriteCells asks the same ~50 questions for
    every submission."""

    def __init__(self, gradebook: Gradebook) -> None:
        self.gradebook, self._answers = gradebook, {}

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.gradebook, name)
        if not name.startswith("find_"):
            return attribute

        def remembered(*args: Any) -> Any:
            key = (name, args)
            if key not in self._answers:
                try:
                    self._answers[key] = attribute(*args)
                except MissingEntry:
                    self._answers[key] = MissingEntry
            if self._answers[key] is MissingEntry:
                raise MissingEntry()
            return self._answers[key]

        return remembered


def _snapshot_gradebook(db_url: str) -> RememberedReads:
    """This thread's open snapshot (an ORM session belongs to one thread)."""
    gradebooks = _local.__dict__.setdefault("snapshots", {})
    if db_url not in gradebooks:
        gradebooks[db_url] = RememberedReads(Gradebook(db_url))
    return gradebooks[db_url]


def load_gradebook(snapshot: bytes) -> str:
    """Keep a gradebook snapshot in this process's memory (once per content); return a URL
    nbgrader's ``Gradebook`` opens. The database lives as long as its anchor connection."""
    name = f"course-gradebook-{hashlib.sha256(snapshot).hexdigest()[:16]}"
    with _anchors_lock:
        if name not in _anchors:
            loaded = sqlite3.connect(":memory:")
            loaded.deserialize(snapshot)
            anchor = sqlite3.connect(f"file:{name}?mode=memory&cache=shared", uri=True,
                                     check_same_thread=False)
            loaded.backup(anchor)
            loaded.close()
            _anchors[name] = anchor
    # each thread opens its own Gradebook on it; a thread's connections may be closed by
    # whichever thread collects them when it ends
    return f"sqlite:///file:{name}?mode=memory&cache=shared&check_same_thread=false&uri=true"


# --- in the thread (local pool or Dask worker) --------------------------------------------------

_local = threading.local()
_all_executors: list[WarmExecutor] = []


def _executor(preload: list[str], limits: SandboxLimits) -> WarmExecutor:
    """This thread's warm process, started on first use."""
    key = (tuple(preload), limits.bubblewrap, limits.require_sandbox)
    if getattr(_local, "key", None) != key or getattr(_local, "executor", None) is None:
        if getattr(_local, "executor", None) is not None:
            _local.executor.close()
        _local.executor = WarmExecutor(list(preload), limits)
        _local.key = key
        _all_executors.append(_local.executor)
    return _local.executor


@atexit.register
def _close_executors() -> None:
    for executor in _all_executors:
        executor.close()


def warm_up(preload: list[str], limits: SandboxLimits | None = None) -> None:
    """Start this thread's warm process now, so the first submission does not wait for it."""
    _prepare_worker()
    _executor(preload, limits or SandboxLimits()).wait_ready()


def execute_job(job: GradingJob, snapshot: bytes | None = None
                ) -> ExecutedSubmission | GradingFailure:
    """Grade one submission in this thread; a broken one becomes a GradingFailure."""
    _prepare_worker()
    if snapshot is not None:
        job.db_url = load_gradebook(snapshot)
    executor = _executor(job.preload, job.limits)
    try:
        return grade_submission(job, executor)
    except WarmProcessDied:
        executor.close()  # the next submission gets a new warm process
        _local.executor = None
        raise
    except CourseError as exc:
        return GradingFailure(job.student, str(exc))
    except Exception as exc:  # nbgrader refuses corrupted metadata, and so on
        return GradingFailure(job.student, f"{type(exc).__name__}: {exc}")
