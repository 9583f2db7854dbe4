"""Reading notebooks safely, and asking nbgrader's questions about their cells."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbgrader import utils as nbgrader_utils

from graders.errors import CourseError


def read_notebook(path: Path) -> NotebookNode:
    """Read and validate a notebook, raising an error that names the file and the problem."""
    if not path.exists():
        raise CourseError(f"{path}: file not found")
    if path.is_dir():
        raise CourseError(f"{path}: is a folder, expected a .ipynb notebook file")
    if path.suffix != ".ipynb":
        raise CourseError(f"{path}: not a notebook (expected a .ipynb file)")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CourseError(f"{path}: not a notebook: the file is not UTF-8 text ({exc})") from exc
    return parse_notebook(text, path)


def parse_notebook(text: str, path: Path) -> NotebookNode:
    """Parse notebook text; errors name ``path`` and the problem."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CourseError(
            f"{path}: not a notebook: malformed JSON at line {exc.lineno}, column {exc.colno} "
            f"({exc.msg})"
        ) from exc
    if not isinstance(raw, dict) or "cells" not in raw:
        raise CourseError(f"{path}: not a notebook: the JSON has no 'cells' list")
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # nbformat raises several unrelated exception types
        raise CourseError(f"{path}: not a valid notebook: {exc}") from exc
    return nb


def grade_id(cell: NotebookNode) -> str | None:
    """The nbgrader cell id, or None for a cell nbgrader does not track."""
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def is_autograder_test(cell: NotebookNode) -> bool:
    """A locked code cell whose execution earns points (nbgrader's 'autograder tests')."""
    return (
        cell.cell_type == "code"
        and nbgrader_utils.is_grade(cell)
        and not nbgrader_utils.is_solution(cell)
    )


def test_cells(nb: NotebookNode) -> Iterator[NotebookNode]:
    yield from (cell for cell in nb.cells if is_autograder_test(cell))


def manual_cells(nb: NotebookNode) -> Iterator[NotebookNode]:
    """Cells graded by a person: manually graded answers and tasks."""
    for cell in nb.cells:
        if (nbgrader_utils.is_grade(cell) and nbgrader_utils.is_solution(cell)) or (
            nbgrader_utils.is_task(cell)
        ):
            yield cell


def points(cell: NotebookNode) -> float:
    return float(cell.metadata.nbgrader.get("points", 0))


def assignment_of(nb: NotebookNode) -> str | None:
    """The assignment a notebook belongs to, read from its cell ids (``ch1-...`` → ``ch1``)."""
    for cell in nb.cells:
        gid = grade_id(cell)
        if gid and "-" in gid:
            return gid.split("-", 1)[0]
    return None
