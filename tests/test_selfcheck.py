"""``course check``: the learner's self-check reports per task, with teaching messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ASSIGNMENTS, FIXTURES, LAYOUT, run_course

pytestmark = pytest.mark.skipif(not ASSIGNMENTS, reason="no assignments yet")


def _with_assignment_files(assignment: str, folder: Path) -> None:
    """Copy the files an assignment ships beside its notebook (data it reads) into ``folder``,
    as a learner has them in ``exercises/<assignment>/``."""
    for path in sorted((LAYOUT.source / assignment).iterdir()):
        if path.is_file() and path.suffix != ".ipynb":
            shutil.copy(path, folder / path.name)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_untouched_release_fails_every_task(assignment: str) -> None:
    notebook = LAYOUT.released_notebooks(assignment)[0]
    result = run_course("check", str(notebook))
    assert result.returncode == 1, result.stderr
    assert "[PASS]" not in result.stdout
    assert "not answered yet" in result.stdout
    assert "Visible tests: 0/" in result.stdout


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_passes_every_visible_test(assignment: str, tmp_path: Path) -> None:
    solution = LAYOUT.source_notebooks(assignment)[0]
    copy = tmp_path / solution.name
    shutil.copy(solution, copy)
    _with_assignment_files(assignment, tmp_path)
    result = run_course("check", str(copy))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[FAIL]" not in result.stdout


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_partial_submission_gets_teaching_messages(assignment: str, tmp_path: Path) -> None:
    copy = tmp_path / f"{assignment}.ipynb"
    shutil.copy(FIXTURES / assignment / "partial.ipynb", copy)
    _with_assignment_files(assignment, tmp_path)
    result = run_course("check", str(copy))
    assert result.returncode == 1
    assert "[PASS]" in result.stdout and "[FAIL]" in result.stdout
    failures = [
        line for line in result.stdout.splitlines()
        if line.startswith("       AssertionError: ") and len(line) > 40
    ]
    assert failures, f"a wrong answer should produce a teaching message:\n{result.stdout}"
