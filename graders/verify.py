"""``course verify``: the solution earns every automatic point; the untouched release none.

Both notebooks are graded by nbgrader's own autograder in a throw-away course, so hidden tests
are restored from the gradebook exactly as they will be for learners.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graders.layout import CourseLayout
from graders.nbgrader_course import CellScore, ScratchCourse, scratch_course


@dataclass
class GradedCopy:
    """The scores one notebook copy earned, with the rule it must satisfy."""

    label: str
    scores: dict[str, CellScore]

    @property
    def auto_earned(self) -> float:
        return sum(s.score for s in self.scores.values() if s.is_autograded_test)

    @property
    def auto_max(self) -> float:
        return sum(s.max_score for s in self.scores.values() if s.is_autograded_test)

    @property
    def manual_max(self) -> float:
        return sum(s.max_score for s in self.scores.values() if not s.is_autograded_test)

    @property
    def total_earned(self) -> float:
        return sum(s.score for s in self.scores.values())


@dataclass
class VerifyReport:
    assignment: str
    solution: GradedCopy
    untouched: GradedCopy
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        s, u = self.solution, self.untouched
        lines = [
            f"{self.assignment}: solution {s.auto_earned:g}/{s.auto_max:g} automatic points "
            f"(+{s.manual_max:g} graded by hand); untouched release {u.total_earned:g} points",
        ]
        lines += [f"  PROBLEM: {p}" for p in self.problems]
        return "\n".join(lines)


def _check_solution(copy: GradedCopy) -> list[str]:
    problems = [
        f"solution loses points in {s.grade_id}: {s.score:g}/{s.max_score:g}"
        for s in copy.scores.values()
        if s.is_autograded_test and s.score < s.max_score
    ]
    if copy.auto_max == 0:
        problems.append("the assignment has no autograded test cells")
    return problems


def _check_untouched(copy: GradedCopy) -> list[str]:
    return [
        f"untouched release earns {s.score:g} points in {s.grade_id} (a test passes without "
        "an answer, or a manual part is not an answer cell)"
        for s in copy.scores.values()
        if s.score > 0
    ]


def grade_copy(course: ScratchCourse, label: str, notebooks: list[Path]) -> GradedCopy:
    course.submit(label, notebooks)
    return GradedCopy(label, course.autograde(label))


def verify(layout: CourseLayout, assignment: str) -> VerifyReport:
    with scratch_course(layout, assignment) as course:
        released = sorted(course.release_dir.glob("*.ipynb"))
        solution = grade_copy(course, "solution", layout.source_notebooks(assignment))
        untouched = grade_copy(course, "untouched", released)
    report = VerifyReport(assignment, solution, untouched)
    report.problems = _check_solution(solution) + _check_untouched(untouched)
    return report
