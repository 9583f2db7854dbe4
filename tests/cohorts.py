"""Synthetic cohorts of submissions of a real exercise, for tests and benchmarks."""

from __future__ import annotations

import random
import re
import shutil
import sqlite3
from pathlib import Path

import nbformat

from graders.layout import CourseLayout

SOLUTION_BLOCK = re.compile(
    r"^[ \t]*### BEGIN SOLUTION[ \t]*\n(.*?)^[ \t]*### END SOLUTION[ \t]*(\n|$)", re.S | re.M)


def _answer_sources(solution: Path) -> dict[str, str]:
    """Solution code of every answer cell, as a learner would have typed it."""
    answers = {}
    for cell in nbformat.read(solution, as_version=4).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            answers[meta["grade_id"]] = SOLUTION_BLOCK.sub(lambda m: m.group(1), cell.source)
    return answers


def answered_release(layout: CourseLayout, assignment: str) -> nbformat.NotebookNode:
    """The released notebook with every answer cell filled in correctly."""
    release = layout.released_notebooks(assignment)[0]
    answers = _answer_sources(layout.source_notebooks(assignment)[0])
    nb = nbformat.read(release, as_version=4)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers and cell.metadata["nbgrader"].get("solution"):
            cell.source = answers[gid]
    return nb


def write_submission(root: Path, student: str, assignment: str, content: str | None) -> Path:
    folder = root / "submitted" / student / assignment
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    if content is not None:
        (folder / f"{assignment}.ipynb").write_text(content, encoding="utf-8")
    else:  # a submission without its notebook
        (folder / "notes.txt").write_text("I forgot to upload the notebook\n")
    (folder / "timestamp.txt").write_text("2026-11-20 12:00:00.000000 UTC\n")
    return folder


def wrong_assignment(nb: nbformat.NotebookNode) -> str:
    """A notebook whose cells belong to another assignment (ids renamed)."""
    other = nbformat.from_dict(nb)
    for cell in other.cells:
        meta = cell.metadata.get("nbgrader")
        if meta:
            meta["grade_id"] = "other-" + meta["grade_id"]
            cell["id"] = meta["grade_id"]
    return nbformat.writes(other)


def build_cohort(root: Path, layout: CourseLayout, assignment: str, size: int,
                 broken: bool = True, broken_every: int = 0) -> dict[str, str]:
    """Write ``size`` submissions under ``root/submitted``; return student → kind.

    Kinds cycle in order (correct, partial, untouched, then the broken kinds); with
    ``broken_every=N`` only every N-th submission is broken, as in a real cohort.
    """
    release = layout.released_notebooks(assignment)[0].read_text(encoding="utf-8")
    correct = nbformat.writes(answered_release(layout, assignment))
    partial_path = Path(__file__).parent / "fixtures" / assignment / "partial.ipynb"
    partial = partial_path.read_text(encoding="utf-8")
    kinds = {"correct": correct, "partial": partial, "untouched": release}
    if broken:
        kinds |= {"malformed": release[: len(release) // 2],
                  "missing": None,
                  "wrong-assignment": wrong_assignment(nbformat.reads(release, as_version=4))}
    names = list(kinds)
    good, bad = names[:3], names[3:]
    cohort = {}
    for i in range(size):
        if broken_every and bad:
            n = i // broken_every
            kind = bad[n % len(bad)] if i % broken_every == broken_every - 1 else good[i % 3]
        else:
            kind = names[i % len(names)]
        student = f"s{i:04d}-{kind}"
        write_submission(root, student, assignment, kinds[kind])
        cohort[student] = kind
    return cohort


def partly_right(layout: CourseLayout, assignment: str, rng: random.Random
                 ) -> nbformat.NotebookNode:
    """The release with a random half of its answer cells solved, the rest left as stubs:
    a learner who got part of the way."""
    nb = nbformat.read(layout.released_notebooks(assignment)[0], as_version=4)
    answers = _answer_sources(layout.source_notebooks(assignment)[0])
    solved = set(rng.sample(sorted(answers), k=max(1, len(answers) // 2)))
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in solved and cell.metadata["nbgrader"].get("solution"):
            cell.source = answers[gid]
    return nb


def build_mixed_cohort(root: Path, layout: CourseLayout, assignment: str, size: int,
                       seed: int = 7) -> dict[str, str]:
    """A cohort of mixed quality, as a real one: a quarter correct, half partly right (each
    a different random half of the tasks solved), a quarter untouched; return student →
    kind."""
    rng = random.Random(seed)
    correct = nbformat.writes(answered_release(layout, assignment))
    release = layout.released_notebooks(assignment)[0].read_text(encoding="utf-8")
    kinds = ["correct", "partly-right", "partly-right", "untouched"]
    cohort = {}
    for i in range(size):
        kind = kinds[i % 4]
        text = {"correct": correct, "untouched": release}.get(kind) or nbformat.writes(
            partly_right(layout, assignment, rng))
        student = f"s{i:04d}-{kind}"
        write_submission(root, student, assignment, text)
        cohort[student] = kind
    return cohort


def gradebook_rows(root: Path) -> list[tuple]:
    """Every recorded grade: (student, cell, auto score, needs manual grade), sorted."""
    with sqlite3.connect(root / "gradebook.db") as db:
        return sorted(db.execute(
            """SELECT student.id, base_cell.name, grade.auto_score, grade.needs_manual_grade
               FROM grade
               JOIN submitted_notebook ON grade.notebook_id = submitted_notebook.id
               JOIN submitted_assignment
                 ON submitted_notebook.assignment_id = submitted_assignment.id
               JOIN student ON submitted_assignment.student_id = student.id
               JOIN base_cell ON grade.cell_id = base_cell.id"""))


def auto_scores(root: Path) -> dict[tuple[str, str], float]:
    """(student, cell) → automatic score."""
    return {(student, cell): score for student, cell, score, _ in gradebook_rows(root)}
