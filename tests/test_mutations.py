"""Every assignment graded with ``course grade`` as an expert would: the solution earns full
marks, the untouched release and an always-equal cheat zero, the partial fixture its exact
score, and every plausible wrong answer in ``tests/mutants/`` loses points exactly where it
should (one mistake costs once). See ``tests/mutations.py``."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ASSIGNMENTS
from mutations import cost_table, grade_cohort, load_mutants, problems


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_course_grade_scores_every_submission_as_it_deserves(assignment: str,
                                                             tmp_path: Path) -> None:
    result = grade_cohort(assignment, tmp_path)
    found = problems(result)
    assert not found, (f"{assignment}:\n" + "\n".join(found) + "\n\nwhat each wrong answer "
                       f"costs:\n{cost_table(result)}\n\ncourse grade said:\n"
                       f"{result.output[-4000:]}")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_autograded_task_has_at_least_four_wrong_answers(assignment: str,
                                                               layout) -> None:
    import nbformat

    answer_cells = [c.metadata["nbgrader"]["grade_id"]
                    for nb in layout.source_notebooks(assignment)
                    for c in nbformat.read(nb, as_version=4).cells
                    if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")
                    and not c.metadata["nbgrader"].get("grade")]
    per_cell = {cell: 0 for cell in answer_cells}
    for mutant in load_mutants(assignment):
        per_cell[mutant.cell] = per_cell.get(mutant.cell, 0) + 1
    thin = {cell: n for cell, n in per_cell.items() if n < 4}
    assert not thin, f"{assignment}: answer cells with fewer than 4 wrong answers: {thin}"
