"""Every assignment under nbgrader's own autograder: the solution earns full marks, the release
zero; the committed release equals a fresh generation.

Every assignment's partial fixture and wrong answers are graded by ``course grade`` in
tests/test_mutations.py, and tests/test_nbgrader_conformance.py requires ``course grade`` to
equal nbgrader on nbgrader's own scenarios. Two checks here are engine behaviour, not content,
so they run on one assignment (``ENGINE_SAMPLE``): nbgrader grades a real partial submission
as ``course grade`` does, and ``course verify`` notices a broken solution."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import ASSIGNMENTS, FIXTURES, copy_course, run_course

from graders.nbgrader_course import scratch_course
from graders.release import release_differences
from graders.verify import grade_copy

pytestmark = pytest.mark.skipif(not ASSIGNMENTS, reason="no assignments yet")

# One assignment for the engine checks below; the others' partial fixtures and broken answers
# are graded in tests/test_mutations.py.
ENGINE_SAMPLE = [a for a in ASSIGNMENTS if a == "ch3_technology_selection"] or ASSIGNMENTS[:1]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_course_verify_passes(assignment: str) -> None:
    result = run_course("verify", assignment)
    output = f"{result.stdout}\n{result.stderr}"
    assert result.returncode == 0, f"`course verify {assignment}` failed:\n{output}"
    assert "verify: OK" in result.stdout


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_committed_release_matches_fresh_generation(layout, assignment: str) -> None:
    problems = release_differences(layout, assignment)
    assert problems == [], "exercises/ is out of date (course release):\n" + "\n".join(problems)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_has_no_solutions_or_hidden_tests(layout, assignment: str) -> None:
    for notebook in layout.released_notebooks(assignment):
        text = notebook.read_text(encoding="utf-8")
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
            assert marker not in text, f"{notebook} contains '{marker}'"
        nb = nbformat.read(notebook, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), (
            f"{notebook} carries outputs; the release must be clean"
        )


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_header_gives_a_course_check_command_that_runs(layout, assignment: str) -> None:
    for notebook in layout.released_notebooks(assignment):
        header = nbformat.read(notebook, as_version=4).cells[0]
        commands = re.findall(r"course check (\S+\.ipynb)", header.source)
        assert commands, f"{notebook}: the header gives no `course check` command"
        for path in commands:
            assert "{" not in path and "<" not in path, f"{notebook}: placeholder left in {path}"
            assert (layout.root / path).resolve() == notebook.resolve(), (
                f"{notebook}: the header's command checks {path}, not this notebook")


@pytest.mark.parametrize("assignment", ENGINE_SAMPLE)
def test_nbgrader_grades_a_partial_submission_exactly_as_expected(
    layout, assignment: str, tmp_path: Path
) -> None:
    fixture = FIXTURES / assignment / "partial.ipynb"
    expected = json.loads((FIXTURES / assignment / "expected.json").read_text())["scores"]
    submission = tmp_path / f"{assignment}.ipynb"
    shutil.copy(fixture, submission)
    with scratch_course(layout, assignment) as course:
        graded = grade_copy(course, "partial", [submission])
    got = {gid: s.score for gid, s in graded.scores.items() if s.is_autograded_test}
    assert got == {gid: float(v) for gid, v in expected.items()}
    assert 0 < graded.auto_earned < graded.auto_max, "the fixture should be partially right"


def _break_first_solution(notebook: Path) -> str:
    """Replace the first solution block with the learner's stub; return its cell id."""
    nb = nbformat.read(notebook, as_version=4)
    block = re.compile(r"### BEGIN SOLUTION.*?### END SOLUTION", re.S)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        is_answer = cell.cell_type == "code" and meta.get("solution") and not meta.get("grade")
        if is_answer and block.search(cell.source):
            cell.source = block.sub("raise NotImplementedError()", cell.source, count=1)
            nbformat.write(nb, notebook)
            return meta["grade_id"]
    raise AssertionError(f"{notebook}: no autograded solution cell to break")


@pytest.mark.parametrize("assignment", ENGINE_SAMPLE)
def test_broken_solution_fails_verify(assignment: str, tmp_path: Path) -> None:
    broken = copy_course(tmp_path, assignment)
    broken_cell = _break_first_solution(broken.source_notebooks(assignment)[0])
    result = run_course("verify", assignment, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "PROBLEM: solution loses points in" in result.stdout, result.stdout
    assert "FAILED" in result.stdout, f"breaking {broken_cell} should fail verify"


def test_every_assignment_has_a_partial_fixture() -> None:
    for assignment in ASSIGNMENTS:
        assert (FIXTURES / assignment / "partial.ipynb").is_file(), assignment
        assert (FIXTURES / assignment / "expected.json").is_file(), assignment
