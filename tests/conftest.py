"""Shared fixtures: the course layout, its assignments, and running the ``course`` command."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from graders.layout import CONFIG_FILE, CourseLayout

ROOT = Path(__file__).resolve().parent.parent
LAYOUT = CourseLayout(ROOT)
ASSIGNMENTS = LAYOUT.assignments()
FIXTURES = ROOT / "tests" / "fixtures"

# Notebooks under tests/ are inputs of the tests, never tests themselves (nbval).
collect_ignore_glob = ["fixtures/*", "artifacts/*"]


def run_course(*args: str, cwd: Path = ROOT, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run the installed ``course`` command as a user would."""
    course = Path(sys.executable).parent / "course"
    return subprocess.run(
        [str(course), *args], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )


def copy_course(destination: Path, assignment: str) -> CourseLayout:
    """A minimal copy of the course (config, header, one assignment) that tests may break."""
    (destination / "solutions").mkdir(parents=True)
    shutil.copy(ROOT / CONFIG_FILE, destination / CONFIG_FILE)
    shutil.copy(LAYOUT.header, destination / "solutions" / "header.ipynb")
    shutil.copytree(LAYOUT.source / assignment, destination / "solutions" / assignment)
    return CourseLayout(destination)


def _normalised(text: str) -> str:
    """Whitespace collapsed and Markdown code quotes dropped, as text reads on a page."""
    return " ".join(text.replace("`", "").split())


def public_text() -> str:
    """Everything meant to be public: released exercises and the book's own pages."""
    parts = []
    for path in sorted(LAYOUT.release.rglob("*.ipynb")) + sorted((ROOT / "book").rglob("*.ipynb")):
        parts += [cell.source for cell in nbformat.read(path, as_version=4).cells]
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "book").rglob("*.md"))]
    return "\n".join(_normalised(part) for part in parts)


def solution_snippets(assignments: list[str],
                      blocks: str = "SOLUTION|HIDDEN TESTS") -> set[str]:
    """Distinctive lines that exist only in solutions/ (solution code and/or hidden tests):
    long enough to be specific, and found nowhere in the public material."""
    public = public_text()
    block = re.compile(rf"### BEGIN ({blocks})(.*?)### END ({blocks})", re.S)
    snippets: set[str] = set()
    for assignment in assignments:
        for notebook in LAYOUT.source_notebooks(assignment):
            for cell in nbformat.read(notebook, as_version=4).cells:
                for match in block.finditer(cell.source):
                    for line in match.group(2).splitlines():
                        line = _normalised(line)
                        if len(line) >= 25 and line not in public:
                            snippets.add(line)
    return snippets


@pytest.fixture(scope="session")
def layout() -> CourseLayout:
    return LAYOUT


# --- cohort grading fixtures -------------------------------------------------------------

GRADED_ASSIGNMENT = "ch1_foundations"  # the exercise the grading tests grade


def released_course(destination: Path) -> CourseLayout:
    """A course copy with the graded assignment released (so the gradebook knows it)."""
    layout = copy_course(destination, GRADED_ASSIGNMENT)
    result = run_course("release", GRADED_ASSIGNMENT, cwd=destination)
    assert result.returncode == 0, result.stderr
    return layout


def clone(pristine: Path, destination: Path) -> Path:
    shutil.copytree(pristine, destination)
    return destination


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A released course with a small cohort of every kind of submission, never graded."""
    from cohorts import build_cohort

    root = tmp_path_factory.mktemp("pristine")
    build_cohort(root, released_course(root), GRADED_ASSIGNMENT, size=9)
    return root
