"""The worker's half of grading: sanitize, execute and post-process one submission.

``process_job`` runs inside a warm process (see ``warm_executor``): nbgrader's sanitize
preprocessors restore locked cells and hidden tests from a read-only copy of the gradebook,
the notebook runs in a child forked from the warm process, and nbgrader's post-processing
preprocessors tidy the outputs. The worker never writes to the gradebook.

``execute_job`` is what a local thread or a Dask worker calls: it hands the job to that
thread's warm process.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from traitlets.config import Config

from graders.errors import CourseError
from graders.grading_steps import (
    POSTPROCESS,
    SANITIZE,
    resources_for,
    run_preprocessors,
)
from graders.notebooks import parse_notebook
from graders.warm_executor import ExecutionLimits, WarmExecutor


@dataclass
class GradingJob:
    """Everything a worker needs, as plain data (it may travel to another machine)."""

    assignment: str
    student: str
    notebooks: dict[str, str]           # notebook id → submitted text
    files: dict[str, bytes]             # other files the notebooks may read, by relative path
    grade_ids: dict[str, list[str]]     # notebook id → cell ids the gradebook knows
    limits: ExecutionLimits
    preload: list[str]
    config: Config = field(default_factory=Config)
    db_url: str = ""                    # read-only gradebook (a snapshot for SQLite)


@dataclass
class ExecutedSubmission:
    student: str
    notebooks: dict[str, dict]
    execution_seconds: float = 0.0      # time spent in the notebooks' own cells


@dataclass
class GradingFailure:
    student: str
    reason: str


# --- inside the warm process ------------------------------------------------------------------


def _fast_metadata_validation() -> None:
    """nbgrader validates each cell with ``jsonschema.validate``, which re-checks the schema
    every call (~0.1 s a notebook). Same schema, same verdict, one compiled validator."""
    import jsonschema
    from nbgrader.nbgraderformat import common

    validators: dict[int, Any] = {}

    class _CachedJsonschema:
        ValidationError = jsonschema.ValidationError

        @staticmethod
        def validate(instance: Any, schema: dict) -> None:
            key = id(schema)
            if key not in validators:
                cls = jsonschema.validators.validator_for(schema)
                cls.check_schema(schema)
                validators[key] = cls(schema)
            error = jsonschema.exceptions.best_match(validators[key].iter_errors(instance))
            if error is not None:
                raise error

    common.jsonschema = _CachedJsonschema


_prepared = False


def _prepare_warm_process() -> None:
    global _prepared
    if not _prepared:
        _fast_metadata_validation()
        os.environ["NBGRADER_EXECUTION"] = "autograde"  # as nbgrader sets while autograding
        _prepared = True


def _check_assignment(job: GradingJob, notebook_id: str, nb: nbformat.NotebookNode) -> None:
    submitted = {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells}
    if not submitted & set(job.grade_ids[notebook_id]):
        raise CourseError(f"{notebook_id}.ipynb: wrong assignment: none of its cells belong "
                          f"to {job.assignment}/{notebook_id}")


def process_job(job: GradingJob, *, run) -> ExecutedSubmission | GradingFailure:
    _prepare_warm_process()
    executed, seconds = {}, 0.0
    try:
        with tempfile.TemporaryDirectory(prefix=f"grade-{job.student}-") as workdir:
            for relative, content in job.files.items():
                target = Path(workdir) / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            for notebook_id, text in job.notebooks.items():
                nb = parse_notebook(text, Path(f"{notebook_id}.ipynb"))
                _check_assignment(job, notebook_id, nb)
                resources = resources_for(job.assignment, job.student, notebook_id, job.db_url)
                nb = run_preprocessors(SANITIZE, nb, resources, job.config)
                ran = run(dict(nb), workdir, job.limits)
                seconds += ran["execution_seconds"]
                nb = nbformat.from_dict(ran["notebook"])
                executed[notebook_id] = dict(
                    run_preprocessors(POSTPROCESS, nb, resources, job.config))
    except CourseError as exc:
        return GradingFailure(job.student, str(exc))
    except Exception as exc:  # nbgrader refuses corrupted metadata, and so on
        return GradingFailure(job.student, f"{type(exc).__name__}: {exc}")
    return ExecutedSubmission(job.student, executed, seconds)


# --- in the thread (local pool or Dask worker) --------------------------------------------------

_local = threading.local()
_all_executors: list[WarmExecutor] = []
_snapshots: dict[str, str] = {}


def _executor(preload: list[str]) -> WarmExecutor:
    """This thread's warm process, started on first use."""
    key = tuple(preload)
    if getattr(_local, "key", None) != key:
        if getattr(_local, "executor", None) is not None:
            _local.executor.close()
        _local.executor = WarmExecutor(list(preload))
        _local.key = key
        _all_executors.append(_local.executor)
    return _local.executor


@atexit.register
def _close_executors() -> None:
    for executor in _all_executors:
        executor.close()


def warm_up(preload: list[str]) -> None:
    """Start this thread's warm process now, so the first submission does not wait for it."""
    _executor(preload).wait_ready()


def _materialise(snapshot: bytes) -> str:
    """Write a gradebook snapshot shipped to a remote worker to a local file, once."""
    key = hashlib.sha256(snapshot).hexdigest()
    if key not in _snapshots:
        path = Path(tempfile.gettempdir()) / f"course-gradebook-{key[:16]}.db"
        path.write_bytes(snapshot)
        _snapshots[key] = f"sqlite:///{path}"
    return _snapshots[key]


def execute_job(job: GradingJob, snapshot: bytes | None = None
                ) -> ExecutedSubmission | GradingFailure:
    if snapshot is not None:
        job.db_url = _materialise(snapshot)
    return _executor(job.preload).call("graders.grade_worker:process_job", job)
