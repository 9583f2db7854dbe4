"""``course check``: a learner runs their notebook and sees, per task, what passes and why not.

Only the visible tests are in the learner's copy; hidden tests run at grading time. A test
cell is scored with nbgrader's own rule (``nbgrader.utils.determine_grade``): an error or
anything written to stderr earns zero.

The kernel runs with the course's resource limits (memory, CPU time, file size; see
``sandbox``) and, where bubblewrap is available, in bubblewrap: it sees the notebook's folder
(writable) and what Python needs, nothing else of the machine. It keeps the network, which
Jupyter's kernel protocol uses; ``--require-sandbox`` refuses to run without bubblewrap.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbformat import NotebookNode
from nbgrader import utils as nbgrader_utils
from traitlets.config import Config, PyFileConfigLoader

from graders.errors import CourseError
from graders.layout import CONFIG_FILE, find_course_root
from graders.notebooks import grade_id, manual_cells, points, read_notebook, test_cells
from graders.sandbox import SandboxLimits, bwrap_command, load_limits, use_bubblewrap

DEFAULT_CELL_TIMEOUT = 60


@dataclass(frozen=True)
class TaskResult:
    grade_id: str
    title: str
    score: float
    max_score: float
    message: str
    tests_modified: bool

    @property
    def passed(self) -> bool:
        return self.score >= self.max_score


@dataclass(frozen=True)
class CheckReport:
    notebook: Path
    tasks: list[TaskResult]
    manual_points: float

    @property
    def score(self) -> float:
        return sum(t.score for t in self.tasks)

    @property
    def max_score(self) -> float:
        return sum(t.max_score for t in self.tasks)

    @property
    def all_passed(self) -> bool:
        return all(t.passed for t in self.tasks)


class ConfinedKernelManager(KernelManager):
    """Starts the kernel through ``python -m graders.confine`` (resource limits), inside
    bubblewrap when ``sandboxed``."""

    limits: SandboxLimits = SandboxLimits()
    folder: Path = Path(".")
    sandboxed: bool = False

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        command = super().format_kernel_cmd(extra_arguments)
        limits = json.dumps(dataclasses.asdict(self.limits))
        command = [sys.executable, "-m", "graders.confine", limits, "--", *command]
        if self.sandboxed:
            connection = Path(self.connection_file).resolve()  # the kernel only reads it
            command = bwrap_command(command, network=True, writable=[self.folder],
                                    read_only=[connection], keep_setuid=False,
                                    own_pids=False, chdir=self.folder)
        return command


def execute_notebook(nb: NotebookNode, folder: Path, timeout: int,
                     limits: SandboxLimits | None = None) -> NotebookNode:
    """Run every cell in a fresh, confined kernel from ``folder``, carrying on past errors
    like nbgrader."""
    limits = limits or SandboxLimits()
    manager = ConfinedKernelManager(kernel_name="python3")
    manager.limits, manager.folder = limits, folder
    manager.sandboxed = use_bubblewrap(limits)
    client = NotebookClient(
        nb,
        km=manager,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,
        interrupt_on_timeout=True,
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute()
    return nb


def _course_config(path: Path) -> Config | None:
    """The course's configuration (for ``c.CourseSandbox``) if the notebook is inside it."""
    try:
        layout = find_course_root(path.resolve().parent)
        return PyFileConfigLoader(CONFIG_FILE, path=str(layout.root)).load_config()
    except Exception:  # a learner's copy outside the repository: the defaults
        return None


HIDDEN_BLOCK = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS[^\n]*\n(.*?)^[ \t]*### END HIDDEN TESTS",
                          re.S | re.M)
HIDDEN_FAILED = ("a hidden test failed: hidden tests check your answer with other inputs; "
                 "their details are not shown")
REDACTED = "[hidden test redacted]"
_FAILING_LINE = re.compile(r'File "<test cell [^">]*>", line (\d+)')


def hidden_test_lines(source: str, visible: str | None = None) -> list[str]:
    """The lines of a test cell a learner never sees: those between nbgrader's hidden-test
    markers, and (given the released ``visible`` source) any line not in it."""
    hidden = [line for block in HIDDEN_BLOCK.findall(source) for line in block.splitlines()]
    if visible is not None:
        shown = {line.strip() for line in visible.splitlines()}
        hidden += [line for line in source.splitlines() if line.strip() not in shown]
    return [line.strip() for line in hidden if len(line.strip()) >= 4
            and not line.strip().startswith("###")]


def redact(message: str, hidden: list[str]) -> str:
    """``message`` with every line that quotes a hidden test (or is quoted by one: an
    expected value in an assertion) replaced; a learner's exception whose text is the test's
    source leaks nothing."""
    if not hidden:
        return message
    kept = []
    for line in message.splitlines():
        text = line.strip()
        quotes = "HIDDEN TESTS" in text or any(h in text or (len(text) >= 4 and text in h)
                                                for h in hidden)
        kept.append(REDACTED if quotes else line)
    return "\n".join(dict.fromkeys(kept)) if REDACTED in kept else message


def _failing_line_hidden(output: NotebookNode, source: str, hidden: list[str]) -> bool:
    """Did the error come from a hidden line (the grader's tracebacks name the test cell's
    line: ``File "<test cell ID>", line N``)?"""
    numbers = _FAILING_LINE.findall("".join(output.get("traceback", [])))
    lines = source.splitlines()
    if not numbers or not hidden:
        return False
    number = int(numbers[-1])
    return 0 < number <= len(lines) and lines[number - 1].strip() in hidden


def failure_message(cell: NotebookNode, visible: str | None = None) -> str:
    """The teaching message of a failed test: the exception's text, or what went to stderr;
    never a hidden test's source or expected values (see ``redact``). ``visible`` is the test
    cell's source as released, when known."""
    hidden = hidden_test_lines(cell.get("source", ""), visible)
    return redact(_failure_message(cell, hidden), hidden)


def _failure_message(cell: NotebookNode, hidden: list[str]) -> str:
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            if output.ename == "NotImplementedError":
                return "not answered yet: the answer cell above still raises NotImplementedError"
            if _failing_line_hidden(output, cell.get("source", ""), hidden):
                return HIDDEN_FAILED
            if output.ename == "NameError":
                return f"{output.evalue.strip()} (did you run the answer cell above this test?)"
            text = output.evalue.strip() or "(no message)"
            return f"{output.ename}: {text}"
    for output in cell.get("outputs", []):
        if output.output_type == "stream" and output.name == "stderr":
            return f"wrote to stderr (the grader counts that as a failure): {output.text.strip()}"
    return ""


def task_titles(nb: NotebookNode) -> dict[str, str]:
    """Each test cell's title: the last Markdown heading above it."""
    titles, heading = {}, ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.lstrip().startswith("#"):
                    heading = line.lstrip("# ").strip()
        gid = grade_id(cell)
        if gid:
            titles[gid] = heading
    return titles


def tests_were_modified(cell: NotebookNode) -> bool:
    recorded = cell.metadata.nbgrader.get("checksum")
    return recorded is not None and recorded != nbgrader_utils.compute_checksum(cell)


def check_notebook(path: Path, timeout: int = DEFAULT_CELL_TIMEOUT,
                   require_sandbox: bool = False) -> CheckReport:
    nb = read_notebook(path)
    if not any(True for _ in test_cells(nb)):
        raise CourseError(
            f"{path}: no autograded test cells found; `course check` runs an exercise notebook "
            "from exercises/<chapter>/"
        )
    modified = {grade_id(c) for c in test_cells(nb) if tests_were_modified(c)}
    titles = task_titles(nb)
    limits = load_limits(_course_config(path), require_sandbox=require_sandbox)
    executed = execute_notebook(nb, path.parent.resolve(), timeout, limits)
    tasks = []
    for cell in test_cells(executed):
        gid = grade_id(cell) or "?"
        score, max_score = nbgrader_utils.determine_grade(cell)
        tasks.append(
            TaskResult(
                grade_id=gid,
                title=titles.get(gid, ""),
                score=float(score or 0),
                max_score=float(max_score),
                message="" if score == max_score else failure_message(cell),
                tests_modified=gid in modified,
            )
        )
    return CheckReport(path, tasks, sum(points(c) for c in manual_cells(executed)))


def format_report(report: CheckReport) -> str:
    lines = [f"Self-check of {report.notebook}", ""]
    for task in report.tasks:
        mark = "PASS" if task.passed else "FAIL"
        title = f" — {task.title}" if task.title else ""
        lines.append(f"[{mark}] {task.grade_id}{title}: {task.score:g}/{task.max_score:g}")
        if task.message:
            lines += [f"       {line}" for line in task.message.splitlines()]
        if task.tests_modified:
            lines.append("       note: you changed this test cell; grading restores the original")
    lines += [
        "",
        f"Visible tests: {report.score:g}/{report.max_score:g} points so far.",
        "Hidden tests run when your work is graded; passing the visible ones is necessary, "
        "not sufficient.",
    ]
    if report.manual_points:
        lines.append(f"{report.manual_points:g} more points are graded by a person (see rubrics).")
    return "\n".join(lines)
