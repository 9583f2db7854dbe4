"""Wrong-answer (mutation) suites: plausible wrong answers graded by ``course grade``.

Each assignment keeps its wrong answers in ``tests/mutants/<assignment>.py`` as a list
``MUTANTS`` of :class:`Mutant`: the solution with one function (or value) redefined, the way
a learner would get it wrong. One cohort per assignment holds the solution, the untouched
release, the partial fixture, an "always equal" cheat and every mutant; it is graded once
with ``course grade`` and each submission must score what it deserves:

- the solution full marks on every autograded test cell, the release zero, the partial
  fixture exactly its expected scores (``tests/fixtures/<assignment>/expected.json``);
- the cheat (every answer returns an object that claims equality with everything) zero;
- each mutant loses points in exactly the test cells it names (``loses``) and keeps full
  marks everywhere else: one mistake costs once.

Run as a script to see what every mutant costs::

    .venv/bin/python tests/mutations.py ch4_scale_reliability_cost
"""

from __future__ import annotations

import ast
import importlib.util
import json
import sqlite3
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import nbformat

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(TESTS))

from cohorts import answered_release, write_submission  # noqa: E402
from conftest import FIXTURES, copy_course, run_course  # noqa: E402

from graders.layout import CourseLayout  # noqa: E402


@dataclass(frozen=True)
class Mutant:
    """One plausible wrong answer: ``code`` is appended to answer cell ``cell`` of the
    solution (so it redefines one function or value there); the submission must lose points
    in exactly the test cells ``loses`` and in no other."""

    name: str
    cell: str
    code: str
    loses: tuple[str, ...]
    why: str = ""


# An object that claims to equal everything, and pretends to be a number, a string, a
# sequence and a mapping: a strict test must give it nothing.
ALWAYS_EQUAL = '''
class _AlwaysEqual(dict):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __lt__(self, other): return True
    def __le__(self, other): return True
    def __gt__(self, other): return True
    def __ge__(self, other): return True
    def __hash__(self): return 0
    def __bool__(self): return True
    def __len__(self): return 1
    def __float__(self): return 0.0
    def __int__(self): return 0
    def __index__(self): return 0
    def __abs__(self): return self
    def __round__(self, n=None): return self
    def __contains__(self, item): return True
    def __getitem__(self, key): return self
    def __iter__(self): return iter([self])
    def __getattr__(self, name): return self
    def __call__(self, *args, **kwargs): return self
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __call__
    __truediv__ = __rtruediv__ = __floordiv__ = __mod__ = __pow__ = __neg__ = __call__
'''


def defined_names(source: str) -> tuple[list[str], list[str]]:
    """Top-level functions and assigned names of an answer cell's solution code."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return [], []
    functions = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
    values = [t.id for n in tree.body if isinstance(n, ast.Assign | ast.AnnAssign)
              for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
              if isinstance(t, ast.Name) and not t.id.startswith("_")]
    return functions, values


def always_equal_cheat(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Every function of every answer cell returns the always-equal object; every value
    an answer cell assigns becomes one."""
    cheat = nbformat.from_dict(nb)
    first = True
    for cell in cheat.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("solution") or meta.get("grade"):
            continue
        functions, values = defined_names(cell.source)
        lines = [ALWAYS_EQUAL] if first else []
        first = False
        lines += [f"def {f}(*args, **kwargs):\n    return _AlwaysEqual()" for f in functions]
        lines += [f"{v} = _AlwaysEqual()" for v in values]
        cell.source += "\n\n" + "\n".join(lines)
    return cheat


def load_mutants(assignment: str) -> list[Mutant]:
    path = TESTS / "mutants" / f"{assignment}.py"
    if not path.is_file():
        return []
    spec = importlib.util.spec_from_file_location(f"mutants_{assignment}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.MUTANTS)


def mutated(correct: nbformat.NotebookNode, mutant: Mutant) -> nbformat.NotebookNode:
    nb = nbformat.from_dict(correct)
    cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == mutant.cell]
    if len(cells) != 1 or not cells[0].metadata["nbgrader"].get("solution"):
        raise ValueError(f"mutant {mutant.name!r}: no answer cell {mutant.cell!r}")
    cells[0].source += "\n\n# --- wrong answer: " + mutant.name + "\n" + textwrap.dedent(
        mutant.code).strip() + "\n"
    return nb


@dataclass
class CohortResult:
    scores: dict[str, dict[str, float]]     # student -> test cell -> auto score
    max_scores: dict[str, float]            # test cell -> max score
    expected_partial: dict[str, float]
    mutants: dict[str, Mutant]              # student -> mutant
    output: str


def grade_cohort(assignment: str, workdir: Path) -> CohortResult:
    """Release ``assignment`` in a copy of the course under ``workdir``, write the cohort
    and grade it once with ``course grade``."""
    layout = copy_course(workdir, assignment)
    released = run_course("release", assignment, cwd=workdir)
    if released.returncode != 0:
        raise RuntimeError(f"course release {assignment} failed:\n{released.stderr}")
    correct = answered_release(layout, assignment)
    release_text = layout.released_notebooks(assignment)[0].read_text(encoding="utf-8")
    partial = (FIXTURES / assignment / "partial.ipynb").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / assignment / "expected.json").read_text())["scores"]
    submissions = {"correct": nbformat.writes(correct), "untouched": release_text,
                   "partial": partial, "always-equal": nbformat.writes(always_equal_cheat(correct))}
    mutants: dict[str, Mutant] = {}
    for i, mutant in enumerate(load_mutants(assignment)):
        student = f"m{i:03d}-{mutant.name}"
        mutants[student] = mutant
        submissions[student] = nbformat.writes(mutated(correct, mutant))
    for student, text in submissions.items():
        write_submission(workdir, student, assignment, text)
    result = run_course("grade", assignment, "--workers", "2", "--no-progress", cwd=workdir,
                        timeout=1800)
    output = result.stdout + result.stderr
    with sqlite3.connect(workdir / "gradebook.db") as db:
        max_scores = dict(db.execute(
            """SELECT base_cell.name, grade_cells.max_score FROM grade_cells
               JOIN base_cell ON grade_cells.id = base_cell.id
               WHERE grade_cells.cell_type = 'code' AND base_cell.name NOT IN (
                   SELECT base_cell.name FROM solution_cells
                   JOIN base_cell ON solution_cells.id = base_cell.id)"""))
        rows = db.execute(
            """SELECT student.id, base_cell.name, grade.auto_score FROM grade
               JOIN submitted_notebook ON grade.notebook_id = submitted_notebook.id
               JOIN submitted_assignment
                 ON submitted_notebook.assignment_id = submitted_assignment.id
               JOIN student ON submitted_assignment.student_id = student.id
               JOIN base_cell ON grade.cell_id = base_cell.id""").fetchall()
    scores: dict[str, dict[str, float]] = {s: {} for s in submissions}
    for student, cell, score in rows:
        if cell in max_scores:
            scores.setdefault(student, {})[cell] = float(score or 0.0)
    return CohortResult(scores, {k: float(v) for k, v in max_scores.items()},
                        {k: float(v) for k, v in expected.items()}, mutants, output)


def problems(result: CohortResult) -> list[str]:
    """Every submission that did not score what it deserves, in words."""
    found = []
    full = result.max_scores
    got = result.scores
    if got.get("correct") != full:
        found.append(f"the solution does not earn full marks: {got.get('correct')} != {full}")
    for student in ("untouched", "always-equal"):
        earned = {c: s for c, s in got.get(student, {}).items() if s}
        if earned or not got.get(student):
            found.append(f"{student} earns points (or was not graded): {earned}")
    if got.get("partial") != result.expected_partial:
        found.append(f"partial fixture: {got.get('partial')} != {result.expected_partial}")
    for student, mutant in result.mutants.items():
        try:   # a mutant that does not compile loses points by crashing, which proves nothing
            compile(textwrap.dedent(mutant.code), mutant.name, "exec")
        except SyntaxError as exc:
            found.append(f"{mutant.name}: its code does not compile ({exc.msg}, line {exc.lineno})")
        lost = {c for c, s in got.get(student, {}).items() if s < full[c]}
        unknown = set(mutant.loses) - set(full)
        if unknown:
            found.append(f"{mutant.name}: names unknown test cells {sorted(unknown)}")
        if not got.get(student):
            found.append(f"{mutant.name}: not graded")
        elif lost != set(mutant.loses):
            found.append(f"{mutant.name} ({mutant.cell}): loses points in {sorted(lost)}, "
                         f"expected exactly {sorted(mutant.loses)}")
    return found


def cost_table(result: CohortResult) -> str:
    """What each mutant costs, in points, and where."""
    lines = []
    for student, mutant in result.mutants.items():
        lost = {c: result.max_scores[c] - s for c, s in result.scores.get(student, {}).items()
                if s < result.max_scores[c]}
        total = sum(lost.values())
        where = ", ".join(f"{c} -{v:g}" for c, v in sorted(lost.items())) or "NOTHING"
        lines.append(f"{mutant.name:45s} {mutant.cell:28s} -{total:g}  ({where})")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    import tempfile

    assignments = argv or CourseLayout(ROOT).assignments()
    status = 0
    for assignment in assignments:
        with tempfile.TemporaryDirectory() as tmp:
            result = grade_cohort(assignment, Path(tmp))
        print(f"== {assignment}: {len(result.mutants)} wrong answers")
        print(cost_table(result))
        found = problems(result)
        for problem in found:
            print("PROBLEM:", problem)
        status |= bool(found)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

