"""``course grade``: grade a cohort in parallel with nbgrader's semantics and one writer.

The parent process is the only gradebook writer. It hands each submission's files to a
worker (a local thread with a warm process, or a Dask worker) that *sanitizes* the notebooks
with nbgrader's preprocessors (locked cells and hidden tests restored from a read-only copy of
the gradebook), *executes* and *post-processes* them; the parent then *records* the scores
with nbgrader's SaveAutoGrades/AssignLatePenalties — the whole submission in one transaction,
together with a fingerprint of the files so a rerun skips what is already graded. Learner code runs
confined (``sandbox``); a limit that fires is recorded as the submission's incident.
"""

from __future__ import annotations

import ast
import importlib.util
import shutil
import sqlite3
import sys
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.coursedir import CourseDirectory
from tqdm import tqdm
from traitlets.config import Config

from graders.cohort import Submission, find_submissions
from graders.errors import CourseError
from graders.grade_worker import (
    ExecutedSubmission,
    GradingFailure,
    GradingJob,
    execute_job,
    warm_up,
)
from graders.grading_steps import (
    ensure_digest_table,
    graded_digests,
    one_transaction,
    record,
    record_digest,
    resources_for,
    shared_gradebook,
)
from graders.layout import CourseLayout
from graders.nbgrader_course import course_config
from graders.sandbox import SandboxLimits, load_limits, use_bubblewrap

# error outputs that mean a limit fired or the process died (not the learner's own error)
INCIDENT_ERRORS = {"CellTimeoutError", "NotebookTimeoutError", "DeadKernelError", "MemoryError",
                   "CPUTimeLimitError", "FileSizeLimitError", "ProcessLimitError"}
NOT_RUN_ERROR = "NotRunError"  # cells after the one where the process stopped


@dataclass
class Outcome:
    student: str
    status: str                      # graded | incident | tampering | failed | skipped
    reason: str = ""
    score: float = 0.0
    execution_seconds: float = 0.0   # time in the notebook's own cells (graded ones)


@dataclass
class CohortSummary:
    assignment: str
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def ok(self) -> bool:
        return not any(o.status in {"failed", "incident", "tampering"} for o in self.outcomes)

    def text(self) -> str:
        graded = self.count("graded") + self.count("incident") + self.count("tampering")
        rate = graded / self.seconds if self.seconds else 0.0
        lines = [f"{self.assignment}: {graded} graded, {self.count('skipped')} unchanged "
                 f"(skipped), {self.count('failed')} could not be graded — "
                 f"{self.seconds:.1f} s ({rate:.1f} submissions/s)"]
        for outcome in self.outcomes:
            if outcome.status in {"failed", "incident", "tampering"}:
                label = {"failed": "NOT GRADED", "incident": "graded, limit hit",
                         "tampering": "ZERO, flagged for review"}[outcome.status]
                lines.append(f"  {outcome.student}: {label}: {outcome.reason}")
        return "\n".join(lines)


@dataclass
class GradingPlan:
    """What is fixed for the whole run."""

    layout: CourseLayout
    assignment: str
    config: Config
    coursedir: CourseDirectory
    notebook_ids: list[str]
    grade_ids: dict[str, list[str]]
    limits: SandboxLimits
    preload: list[str]

    @property
    def source_dir(self) -> Path:
        return self.layout.source / self.assignment

    def autograded_dir(self, student: str) -> Path:
        return self.layout.root / "autograded" / student / self.assignment


def modules_imported_by(notebooks: list[Path]) -> list[str]:
    """Top-level modules the assignment's code imports: the warm process preloads them."""
    names: set[str] = set()
    for path in notebooks:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code":
                continue
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names.add(node.module)
    return sorted(n for n in names if _importable(n))


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def make_plan(layout: CourseLayout, assignment: str, limits: SandboxLimits | None = None
              ) -> GradingPlan:
    config = course_config(layout)
    coursedir = CourseDirectory(config=config)
    with Gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
        try:
            row = gradebook.find_assignment(assignment)
        except MissingEntry as exc:
            raise CourseError(f"{coursedir.db_url}: {assignment} is not in the gradebook; run "
                              f"`course release {assignment}` first") from exc
        notebook_ids = [nb.name for nb in row.notebooks]
        grade_ids = {nb.name: sorted(c.name for c in nb.source_cells) for nb in row.notebooks}
        ensure_digest_table(gradebook)
    preload = modules_imported_by(layout.source_notebooks(assignment))
    return GradingPlan(layout, assignment, config, coursedir, notebook_ids, grade_ids,
                       limits or load_limits(config), preload)


# Everything about learners goes; of the assignments, only the one being graded stays.
_SNAPSHOT_PRUNE = [
    "DELETE FROM comment", "DELETE FROM grade", "DELETE FROM submitted_notebook",
    "DELETE FROM submitted_assignment", "DELETE FROM student",
    "DROP TABLE IF EXISTS course_grade_digest",
    "DELETE FROM assignment WHERE name != :a",
    "DELETE FROM notebook WHERE assignment_id NOT IN (SELECT id FROM assignment)",
    "DELETE FROM source_cell WHERE notebook_id NOT IN (SELECT id FROM notebook)",
    "DELETE FROM base_cell WHERE notebook_id NOT IN (SELECT id FROM notebook)",
    "DELETE FROM grade_cells WHERE id NOT IN (SELECT id FROM base_cell)",
    "DELETE FROM solution_cells WHERE id NOT IN (SELECT id FROM base_cell)",
    "DELETE FROM task_cells WHERE id NOT IN (SELECT id FROM base_cell)",
]


# nbgrader's tables about learners and their work: never copied out of a server gradebook
_LEARNER_TABLES = {"student", "submitted_assignment", "submitted_notebook", "grade", "comment"}


def _sqlite_copy(path: str) -> sqlite3.Connection:
    """The SQLite gradebook, copied with the backup API (the one writer is never blocked)."""
    source = sqlite3.connect(path)
    copy = sqlite3.connect(":memory:")
    with source:
        source.backup(copy)
    source.close()
    return copy


def _server_copy(url: str) -> sqlite3.Connection:
    """A gradebook on a database server (e.g. PostgreSQL), read in one repeatable-read
    transaction into an in-memory SQLite database with nbgrader's schema — without any of
    the learners' tables."""
    from nbgrader.api import Base
    from sqlalchemy import create_engine, select
    from sqlalchemy.pool import StaticPool

    copy = sqlite3.connect(":memory:", check_same_thread=False)
    target = create_engine("sqlite://", creator=lambda: copy, poolclass=StaticPool)
    Base.metadata.create_all(target)
    source = create_engine(url, isolation_level="REPEATABLE READ")
    try:
        with source.connect() as read, target.begin() as write:
            for table in Base.metadata.sorted_tables:
                if table.name in _LEARNER_TABLES:
                    continue
                rows = read.execute(select(table)).mappings().all()
                if rows:
                    write.execute(table.insert(), [dict(row) for row in rows])
    except Exception as exc:
        raise CourseError(f"{source.url.render_as_string(hide_password=True)}: cannot read the "
                          f"gradebook: {exc}") from exc
    finally:
        source.dispose()
    return copy


def gradebook_snapshot(plan: GradingPlan) -> bytes:
    """What workers need of the gradebook: a consistent copy pruned to this assignment's
    cells, VACUUMed so nothing deleted survives in free pages, serialized to bytes. The
    gradebook may be SQLite or any server nbgrader supports; workers always get this
    in-memory SQLite copy, never the gradebook file or a database connection."""
    url = plan.coursedir.db_url
    if url.startswith("sqlite:///"):
        copy = _sqlite_copy(url.removeprefix("sqlite:///"))
    else:
        copy = _server_copy(url)
    with copy:
        for statement in _SNAPSHOT_PRUNE:
            copy.execute(statement, {"a": plan.assignment} if ":a" in statement else {})
    copy.execute("VACUUM")
    data = copy.serialize()
    copy.close()
    return data


# --- prepare (parent): read the files, nothing else ---------------------------------------------


def _extra_files(plan: GradingPlan, submission: Submission) -> dict[str, bytes]:
    """The submission's own files, then the assignment's files over them (as nbgrader does)."""
    files = {}
    for folder in (submission.folder, plan.source_dir):
        inside = folder.resolve()
        for path in sorted(folder.rglob("*")):
            hidden = ".ipynb_checkpoints" in path.parts
            # a symlink in a submission must not ship the gradebook or another learner's work
            elsewhere = path.is_symlink() or not path.resolve().is_relative_to(inside)
            if path.is_file() and path.suffix != ".ipynb" and not hidden and not elsewhere:
                files[str(path.relative_to(folder))] = path.read_bytes()
    return files


def prepare_job(plan: GradingPlan, submission: Submission) -> GradingJob:
    """Collect a submission's notebooks and files; raise CourseError if none is there."""
    notebooks = {}
    for notebook_id in plan.notebook_ids:
        path = submission.notebook(notebook_id)
        if path.exists():  # a missing notebook is graded as zero, exactly as nbgrader does
            notebooks[notebook_id] = path.read_bytes().decode("utf-8", errors="replace")
    if not notebooks:
        expected = ", ".join(f"{n}.ipynb" for n in plan.notebook_ids)
        raise CourseError(f"{submission.folder}: missing notebook (expected {expected})")
    return GradingJob(plan.assignment, submission.student, notebooks,
                      _extra_files(plan, submission), plan.grade_ids, plan.limits,
                      plan.preload, plan.config)


# --- record (parent, the one writer) ---------------------------------------------------------


def _incidents(executed: ExecutedSubmission) -> list[str]:
    """Each limit that fired, e.g. "MemoryError: memory limit 2 GiB exceeded in cell
    ch1-latency", and how many later cells did not run because of it."""
    found = []
    for notebook_id, nb in executed.notebooks.items():
        not_run = 0
        for cell in nb["cells"]:
            for output in cell.get("outputs", []):
                if output.get("output_type") != "error":
                    continue
                if output.get("ename") in INCIDENT_ERRORS:
                    found.append(f"{notebook_id}: {output['ename']}: {output.get('evalue', '')}")
                    break
                not_run += output.get("ename") == NOT_RUN_ERROR
        if not_run:
            found.append(f"{notebook_id}: {not_run} later code cell(s) did not run")
    return found


def _open_submission(gradebook: Gradebook, plan: GradingPlan, submission: Submission) -> None:
    gradebook.update_or_create_student(submission.student)
    timestamp = plan.coursedir.get_existing_timestamp(str(submission.folder))
    if timestamp:
        gradebook.update_or_create_submission(plan.assignment, submission.student,
                                              timestamp=timestamp)
    else:
        gradebook.update_or_create_submission(plan.assignment, submission.student)


def _zero_missing(gradebook: Gradebook, plan: GradingPlan, student: str,
                  present: set[str], needs_review: bool) -> None:
    for notebook_id in plan.notebook_ids:
        if notebook_id in present:
            continue
        notebook = gradebook.find_submission_notebook(notebook_id, plan.assignment, student)
        for grade in notebook.grades:
            grade.auto_score = 0
            grade.needs_manual_grade = needs_review


def _write_autograded(plan: GradingPlan, submission: Submission,
                      executed: ExecutedSubmission) -> None:
    folder = plan.autograded_dir(submission.student)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    # the working folder as the notebooks left it (files they wrote too), as nbgrader keeps it
    files = executed.files if getattr(executed, "files", None) is not None else \
        _extra_files(plan, submission)
    for relative, content in files.items():
        target = (folder / relative).resolve()
        if not target.is_relative_to(folder.resolve()):
            continue  # a name from the sandbox never leaves the student's folder
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    for notebook_id, nb in executed.notebooks.items():
        nbformat.write(nbformat.from_dict(nb), folder / f"{notebook_id}.ipynb")


def record_graded(gradebook: Gradebook, plan: GradingPlan, submission: Submission,
                  executed: ExecutedSubmission) -> Outcome:
    incidents = _incidents(executed)
    # caught tampering with the grader (ADR 6): zero, every grade flagged for review
    tampering = list(getattr(executed, "tampering", None) or [])
    if tampering:
        incidents.insert(0, "tampering: " + "; ".join(tampering))
    status = "tampering" if tampering else "incident" if incidents else "graded"
    with one_transaction(gradebook), shared_gradebook(gradebook):
        _open_submission(gradebook, plan, submission)
        for notebook_id, nb_dict in executed.notebooks.items():
            nb = nbformat.from_dict(nb_dict)
            resources = resources_for(plan.assignment, submission.student, notebook_id,
                                      plan.coursedir.db_url)
            record(nb, resources, plan.config, gradebook)
        _zero_missing(gradebook, plan, submission.student,
                      set() if tampering else set(executed.notebooks), bool(tampering))
        record_digest(gradebook, plan.assignment, submission.student, submission.digest,
                      status, "; ".join(incidents) or None)
        _write_autograded(plan, submission, executed)
        score = gradebook.find_submission(plan.assignment, submission.student).score
    return Outcome(submission.student, status, "; ".join(incidents), float(score),
                   executed.execution_seconds)


def record_failed(gradebook: Gradebook, plan: GradingPlan, submission: Submission,
                  reason: str) -> Outcome:
    """A broken submission is recorded as such (zero, flagged for review), never dropped."""
    with one_transaction(gradebook):
        _open_submission(gradebook, plan, submission)
        _zero_missing(gradebook, plan, submission.student, set(), needs_review=True)
        record_digest(gradebook, plan.assignment, submission.student, submission.digest,
                      "failed", reason)
    return Outcome(submission.student, "failed", reason)


# --- run ---------------------------------------------------------------------------------------


def _to_do(gradebook: Gradebook, plan: GradingPlan, submissions: list[Submission],
           force: bool) -> tuple[list[Submission], list[Outcome]]:
    done = graded_digests(gradebook, plan.assignment)
    todo, skipped = [], []
    for submission in submissions:
        digest, status = done.get(submission.student, (None, None))
        if not force and digest == submission.digest and status in {"graded", "incident",
                                                                     "tampering"}:
            skipped.append(Outcome(submission.student, "skipped"))
        else:
            todo.append(submission)
    return todo, skipped


@dataclass
class LocalPool:
    """Grading threads whose warm processes start as soon as the plan is known, while the
    parent reads the submissions and the gradebook."""

    pool: ThreadPoolExecutor
    starting: list[Future]

    @classmethod
    def start(cls, workers: int, plan: GradingPlan) -> LocalPool:
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="grader")
        return cls(pool, [pool.submit(warm_up, plan.preload, plan.limits)
                          for _ in range(workers)])

    def ready(self) -> Executor:
        for started in self.starting:
            started.result()
        return self.pool


def _dask_executor(scheduler: str) -> tuple[Executor, object]:
    from distributed import Client

    try:
        client = Client(scheduler, timeout="20s")
    except OSError as exc:
        raise CourseError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    return client.get_executor(pure=False), client


def _results(executor: Executor, jobs: Iterator[tuple[Submission, GradingJob | str]],
             window: int, snapshot: object = None
             ) -> Iterator[tuple[Submission, ExecutedSubmission | str]]:
    """Keep ``window`` jobs in flight; yield each result as it arrives."""
    pending: dict[Future, Submission] = {}
    for submission, job in jobs:
        if isinstance(job, str):
            yield submission, job
            continue
        pending[executor.submit(execute_job, job, snapshot)] = submission
        while len(pending) >= window:
            yield from _drain(pending, FIRST_COMPLETED)
    while pending:
        yield from _drain(pending, FIRST_COMPLETED)


def _drain(pending: dict[Future, Submission], how: str):
    done, _ = wait(list(pending), return_when=how)
    for future in done:
        submission = pending.pop(future)
        try:
            result = future.result()
            if isinstance(result, GradingFailure):  # the worker names the file relative to it
                yield submission, f"{submission.folder}/{result.reason}"
            else:
                yield submission, result
        except Exception as exc:  # a worker crash is this submission's failure only
            yield submission, f"grading worker failed: {type(exc).__name__}: {exc}"


def _grade(gradebook: Gradebook, plan: GradingPlan, todo: list[Submission],
           local: LocalPool | None, scheduler: str | None, snapshot: bytes | None,
           progress: bool) -> list[Outcome]:
    client = None
    shipped: object = None
    if scheduler:
        executor, client = _dask_executor(scheduler)
        window = 4 * max(1, len(client.scheduler_info()["workers"]))
        if snapshot is not None:  # sent to every worker once, not with every job
            shipped = client.scatter(snapshot, broadcast=True)
    else:
        assert local is not None
        executor, window = local.ready(), 2 * len(local.starting)
        shipped = snapshot

    def jobs() -> Iterator[tuple[Submission, GradingJob | str]]:
        for submission in todo:
            try:
                yield submission, prepare_job(plan, submission)
            except CourseError as exc:
                yield submission, str(exc)

    outcomes = []
    bar = tqdm(total=len(todo), unit="submission", desc=f"grading {plan.assignment}",
               disable=not progress, file=sys.stderr)
    try:
        for submission, result in _results(executor, jobs(), window, shipped):
            if isinstance(result, str):
                outcomes.append(record_failed(gradebook, plan, submission, result))
            else:
                outcomes.append(record_graded(gradebook, plan, submission, result))
            bar.update()
    finally:
        bar.close()
        executor.shutdown(wait=True)
        if client is not None:
            client.close()
    return outcomes


def grade_cohort(layout: CourseLayout, assignment: str, *, workers: int,
                 scheduler: str | None = None, force: bool = False,
                 limits: SandboxLimits | None = None, progress: bool = True) -> CohortSummary:
    """Grade every submission of ``assignment``; ``limits`` default to the course's
    ``c.CourseSandbox`` configuration."""
    start = time.perf_counter()
    plan = make_plan(layout, assignment, limits)
    local = None
    if not scheduler:  # Dask workers check for themselves
        use_bubblewrap(plan.limits)  # warns, or raises with require_sandbox, before any work
        local = LocalPool.start(workers, plan)
    summary = CohortSummary(assignment)
    try:
        submissions = find_submissions(layout, assignment)
        with Gradebook(plan.coursedir.db_url, plan.coursedir.course_id) as gradebook:
            todo, skipped = _to_do(gradebook, plan, submissions, force)
            summary.outcomes += skipped
            if todo:
                summary.outcomes += _grade(gradebook, plan, todo, local, scheduler,
                                           gradebook_snapshot(plan), progress)
    finally:
        if local is not None:
            local.pool.shutdown(wait=True)
    summary.outcomes.sort(key=lambda o: o.student)
    summary.seconds = time.perf_counter() - start
    return summary
