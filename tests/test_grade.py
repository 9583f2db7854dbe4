"""``course grade``: nbgrader's scores, in parallel, one writer, resumable, broken work listed."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cohorts import auto_scores, gradebook_rows, write_submission
from conftest import (
    ASSIGNMENTS,
    GRADED_ASSIGNMENT,
    clone,
    copy_course,
    released_course,
    run_course,
    solution_snippets,
)

ASSIGNMENT = GRADED_ASSIGNMENT
pytestmark = pytest.mark.skipif(ASSIGNMENT not in ASSIGNMENTS, reason="needs chapter 1")
BIN = Path(sys.executable).parent


def test_scores_identical_to_nbgrader_autograde(pristine: Path, tmp_path: Path) -> None:
    ours, theirs = clone(pristine, tmp_path / "ours"), clone(pristine, tmp_path / "theirs")
    valid = [d.name for d in (theirs / "submitted").iterdir()
             if not any(k in d.name for k in ("malformed", "missing", "wrong"))]
    for student in (theirs / "submitted").iterdir():  # nbgrader stops on broken ones
        if student.name not in valid:
            shutil.rmtree(student)
            shutil.rmtree(ours / "submitted" / student.name)
    nbgrader = subprocess.run([str(BIN / "nbgrader"), "autograde", ASSIGNMENT], cwd=theirs,
                              capture_output=True, text=True, env=_env())
    assert nbgrader.returncode == 0, nbgrader.stderr[-3000:]
    result = run_course("grade", ASSIGNMENT, "--workers", "2", "--no-progress", cwd=ours)
    assert result.returncode == 0, result.stdout + result.stderr
    assert auto_scores(ours) == auto_scores(theirs)
    assert len({s for s, _ in auto_scores(ours)}) == len(valid)


def _env() -> dict:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}


def test_broken_submissions_are_listed_and_the_rest_graded(pristine: Path, tmp_path: Path
                                                           ) -> None:
    root = clone(pristine, tmp_path / "course")
    result = run_course("grade", ASSIGNMENT, "--workers", "2", "--no-progress", cwd=root)
    assert result.returncode == 1
    out = result.stdout
    assert "malformed JSON" in out and "missing notebook" in out and "wrong assignment" in out
    assert "s0003-malformed/ch1_foundations/ch1_foundations.ipynb" in out
    graded = {s for s, _ in auto_scores(root)}
    assert {"s0000-correct", "s0001-partial", "s0002-untouched"} <= graded
    # broken work is recorded, flagged for a person, never silently dropped
    flagged = {s for s, _, score, manual in gradebook_rows(root) if manual and score == 0}
    assert {"s0003-malformed", "s0004-missing", "s0005-wrong-assignment"} <= flagged


def test_rerun_skips_unchanged_and_regrades_changed(pristine: Path, tmp_path: Path) -> None:
    root = clone(pristine, tmp_path / "course")
    run_course("grade", ASSIGNMENT, "--no-progress", cwd=root)
    before = gradebook_rows(root)
    again = run_course("grade", ASSIGNMENT, "--no-progress", cwd=root)
    assert "6 unchanged (skipped)" in again.stdout, again.stdout
    assert gradebook_rows(root) == before
    partial = root / "submitted" / "s0001-partial" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    correct = root / "submitted" / "s0000-correct" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    shutil.copy(correct, partial)  # the learner resubmits a better notebook
    third = run_course("grade", ASSIGNMENT, "--no-progress", cwd=root)
    assert "5 unchanged (skipped)" in third.stdout, third.stdout
    scores = auto_scores(root)
    assert all(scores[("s0001-partial", cell)] == scores[("s0000-correct", cell)]
               for s, cell in scores if s == "s0000-correct")


def test_report_and_feedback(pristine: Path, tmp_path: Path) -> None:
    root = clone(pristine, tmp_path / "course")
    run_course("grade", ASSIGNMENT, "--no-progress", cwd=root)
    report = run_course("report", ASSIGNMENT, cwd=root)
    assert report.returncode == 0, report.stderr
    folder = root / "reports" / ASSIGNMENT
    header = (folder / "grades.csv").read_text().splitlines()[0]
    assert header == ("assignment,duedate,timestamp,student_id,last_name,first_name,email,"
                      "raw_score,late_submission_penalty,score,max_score")  # nbgrader export's
    questions = (folder / "questions.csv").read_text()
    assert questions.startswith("cell,max_score,mean,pass_rate,discrimination")
    page = (folder / "report.html").read_text()
    assert page.count('<img src="data:image/png;base64,') == 2 and 'alt="' in page
    assert "s0003-malformed" in page  # broken work is listed for the instructor

    feedback = run_course("feedback", ASSIGNMENT, cwd=root)
    assert feedback.returncode == 0, feedback.stderr
    pages = sorted((root / "feedback").glob(f"*/{ASSIGNMENT}/*.html"))
    assert len(pages) == 6
    partial = (root / "feedback" / "s0001-partial" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "Failed check: AssertionError:" in partial
    hidden = solution_snippets([ASSIGNMENT], blocks="HIDDEN TESTS")
    assert hidden, "the exercise should have hidden tests to protect"
    leaks = [s for s in hidden for p in pages if html.escape(s) in " ".join(p.read_text().split())]
    assert leaks == [], f"feedback shows hidden-test source: {leaks[:5]}"


def test_imports_lms_downloads_with_nbgrader_zip_collect(tmp_path: Path) -> None:
    root = tmp_path / "course"
    layout = released_course(root)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    release = layout.released_notebooks(ASSIGNMENT)[0]
    for student in ("ada", "grace"):
        shutil.copy(release, downloads / f"{student}_{ASSIGNMENT}.ipynb")
    result = run_course("grade", ASSIGNMENT, "--lms", str(downloads), "--no-progress", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 graded" in result.stdout
    assert (root / "submitted" / "ada" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()
    assert {s for s, _ in auto_scores(root)} == {"ada", "grace"}


def test_unknown_assignment_in_gradebook(tmp_path: Path) -> None:
    copy_course(tmp_path, ASSIGNMENT)
    write_submission(tmp_path, "ada", ASSIGNMENT, "{}")
    result = run_course("grade", ASSIGNMENT, cwd=tmp_path)
    assert result.returncode == 2
    assert "is not in the gradebook; run `course release ch1_foundations` first" in result.stderr
