"""``course feedback``: per-learner HTML that explains each result without leaking tests.

nbgrader's own feedback shows the executed test cells, hidden tests included (nbgrader#917,
#1363). Here each task shows the learner's answer, the *visible* tests exactly as released,
the points, and — for a failed check — its message (``AssertionError: …``), never the source,
traceback or expected values of a hidden test: a check that failed on a hidden line says only
that a hidden test failed, and any message line that quotes a hidden test is redacted (a
learner's exception whose message is the calling test's source leaks nothing).
Scores, manual grades and comments come from the gradebook.
"""

from __future__ import annotations

import contextlib
import html
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.coursedir import CourseDirectory

from graders.errors import CourseError
from graders.layout import CourseLayout
from graders.nbgrader_course import course_config
from graders.notebooks import grade_id, is_autograder_test, read_notebook
from graders.selfcheck import failure_message

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Feedback: {assignment} — {student}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;background:#fff;
color:#111}} pre{{background:#f5f5f5;padding:.6rem;overflow-x:auto}}
.pass{{color:#1a7f37}} .fail{{color:#b42318}} section{{border-top:1px solid #ddd;
margin-top:1.2rem}}</style></head><body>
<h1>Feedback on {assignment}</h1>
<p>Learner <strong>{student}</strong>: {score:g} of {max_score:g} points.</p>
{sections}
</body></html>"""


def _visible_tests(release: Path) -> dict[str, str]:
    """Test cells as learners received them: the visible tests only."""
    nb = read_notebook(release)
    return {grade_id(c): c.source for c in nb.cells if is_autograder_test(c)}


def _section(title: str, body: str, score: float | None, max_score: float,
             comment: str | None) -> str:
    points = "pending (graded by a person)" if score is None else f"{score:g}/{max_score:g}"
    css = "pass" if score is not None and score >= max_score else "fail"
    note = f"<p><em>Grader's comment:</em> {html.escape(comment)}</p>" if comment else ""
    return (f'<section><h2>{html.escape(title)} <span class="{css}">{points}</span></h2>'
            f"{body}{note}</section>")


def feedback_for(autograded: Path, release: Path, gradebook: Gradebook, assignment: str,
                 student: str) -> str:
    nb = read_notebook(autograded)
    notebook_id = autograded.stem
    visible = _visible_tests(release)
    submission = gradebook.find_submission(assignment, student)
    sections = []
    answer = ""
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        gid = grade_id(cell)
        if meta.get("solution") and not meta.get("grade"):
            answer = f"<p>Your answer:</p><pre>{html.escape(cell.source)}</pre>"
        elif gid and meta.get("grade"):
            grade = gradebook.find_grade(gid, notebook_id, assignment, student)
            comment = None
            with contextlib.suppress(MissingEntry):
                comment = gradebook.find_comment(gid, notebook_id, assignment, student).comment
            if is_autograder_test(cell):
                message = failure_message(cell, visible.get(gid, ""))
                body = answer + (
                    f"<p>Visible tests:</p><pre>{html.escape(visible.get(gid, ''))}</pre>")
                if message:
                    body += f'<p class="fail">Failed check: {html.escape(message)}</p>'
            else:  # a manually graded answer
                body = f"<p>Your answer:</p><pre>{html.escape(cell.source)}</pre>"
            score = None if grade.needs_manual_grade else float(grade.score)
            sections.append(_section(gid, body, score, float(grade.max_score), comment))
            answer = ""
    return PAGE.format(assignment=html.escape(assignment), student=html.escape(student),
                       score=float(submission.score), max_score=float(submission.max_score),
                       sections="\n".join(sections))


def write_feedback(layout: CourseLayout, assignment: str) -> list[Path]:
    coursedir = CourseDirectory(config=course_config(layout))
    autograded = layout.root / "autograded"
    if not autograded.is_dir():
        raise CourseError(f"{autograded}: nothing autograded yet; run `course grade` first")
    written = []
    with Gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
        for folder in sorted(autograded.glob(f"*/{assignment}")):
            student = folder.parent.name
            for notebook in sorted(folder.glob("*.ipynb")):
                release = layout.release / assignment / notebook.name
                page = feedback_for(notebook, release, gradebook, assignment, student)
                target = layout.root / "feedback" / student / assignment / f"{notebook.stem}.html"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(page, encoding="utf-8")
                written.append(target)
    if not written:
        raise CourseError(f"{autograded}: no autograded submissions of {assignment}")
    return written


