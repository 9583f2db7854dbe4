"""nbgrader's API on this repository's layout, and throw-away copies of the course for checks.

Everything here goes through nbgrader itself (``NbGraderAPI``, its converters and gradebook),
so what ``course`` computes is what ``nbgrader`` and formgrader would compute.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.converters import Autograde, GenerateAssignment
from nbgrader.coursedir import CourseDirectory
from nbgrader.utils import capture_log, temp_attrs
from traitlets.config import Config, PyFileConfigLoader

from graders.errors import CourseError
from graders.layout import CONFIG_FILE, CourseLayout

IGNORED_FILES = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.pyc")


def put_own_tools_on_path() -> None:
    """nbgrader's gradebook runs ``alembic`` from PATH: make ``.venv/bin`` work unactivated."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def course_config(layout: CourseLayout, root: Path | None = None) -> Config:
    """The course's ``nbgrader_config.py``, optionally pointed at another course root."""
    put_own_tools_on_path()
    config_path = layout.root / CONFIG_FILE
    try:
        config = PyFileConfigLoader(CONFIG_FILE, path=str(layout.root)).load_config()
    except Exception as exc:  # a syntax error in the config names the file
        raise CourseError(f"{config_path}: cannot load nbgrader configuration: {exc}") from exc
    config.CourseDirectory.root = str((root or layout.root).resolve())
    return config


class NbgraderSteps:
    """nbgrader's converters run in-process, as ``NbGraderAPI`` does (without its exchange)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.coursedir = CourseDirectory(config=config)

    def generate_assignment(self, assignment: str) -> None:
        with temp_attrs(self.coursedir, assignment_id=assignment):
            app = GenerateAssignment(coursedir=self.coursedir, config=self.config)
            app.force = True
            app.create_assignment = True
            _require_success(capture_log(app), f"nbgrader generate_assignment {assignment}")

    def autograde(self, assignment: str, student: str) -> None:
        with temp_attrs(self.coursedir, assignment_id=assignment, student_id=student):
            app = Autograde(coursedir=self.coursedir, config=self.config)
            app.force = True
            app.create_student = True
            _require_success(capture_log(app), f"nbgrader autograde {assignment} for {student}")


def _require_success(result: dict, action: str) -> None:
    """Turn a captured nbgrader run into an error naming what failed."""
    if not result.get("success"):
        details = (result.get("error") or "").strip() or (result.get("log") or "").strip()
        raise CourseError(f"{action} failed:\n{details}")


@dataclass(frozen=True)
class CellScore:
    """One graded cell of one submission, as the gradebook records it."""

    grade_id: str
    score: float
    max_score: float
    needs_manual_grade: bool
    is_autograded_test: bool


def gradebook_scores(db_url: str, course_id: str, assignment: str, student: str) -> dict:
    """All recorded cell scores of one submission, keyed by grade id."""
    with Gradebook(db_url, course_id) as gradebook:
        try:
            submission = gradebook.find_submission(assignment, student)
        except MissingEntry as exc:
            raise CourseError(f"no submission of {assignment} by {student} in {db_url}") from exc
        scores = {}
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                cell = grade.cell
                scores[grade.name] = CellScore(
                    grade_id=grade.name,
                    score=float(grade.score),
                    max_score=float(grade.max_score),
                    needs_manual_grade=bool(grade.needs_manual_grade),
                    is_autograded_test=cell.cell_type == "code" and not _is_solution_cell(cell),
                )
        return scores


def _is_solution_cell(grade_cell) -> bool:
    """A grade cell that is also a solution cell is graded by hand."""
    notebook = grade_cell.notebook
    return any(sc.name == grade_cell.name for sc in notebook.solution_cells)


class ScratchCourse:
    """A temporary nbgrader course holding one assignment, generated from ``solutions/``."""

    def __init__(self, layout: CourseLayout, assignment: str, root: Path) -> None:
        self.layout = layout
        self.assignment = assignment
        self.root = root
        self.steps = NbgraderSteps(course_config(layout, root))

    @property
    def release_dir(self) -> Path:
        return self.root / "exercises" / self.assignment

    def generate(self) -> None:
        source = self.layout.source / self.assignment
        shutil.copytree(source, self.root / "solutions" / self.assignment, ignore=IGNORED_FILES)
        self.steps.generate_assignment(self.assignment)

    def submit(self, student: str, notebooks: list[Path]) -> Path:
        """Place notebooks where nbgrader expects ``student``'s submission."""
        folder = self.root / "submitted" / student / self.assignment
        folder.mkdir(parents=True, exist_ok=True)
        for notebook in notebooks:
            shutil.copy(notebook, folder / notebook.name)
        return folder

    def autograde(self, student: str) -> dict[str, CellScore]:
        self.steps.autograde(self.assignment, student)
        coursedir = self.steps.coursedir
        return gradebook_scores(coursedir.db_url, coursedir.course_id, self.assignment, student)


@contextmanager
def scratch_course(layout: CourseLayout, assignment: str) -> Iterator[ScratchCourse]:
    """Generate ``assignment`` into a temporary course that is deleted afterwards."""
    with tempfile.TemporaryDirectory(prefix=f"course-{assignment}-") as tmp:
        course = ScratchCourse(layout, assignment, Path(tmp))
        course.generate()
        yield course
