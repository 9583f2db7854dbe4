"""``course report``: grades CSV (nbgrader export's format), per-question statistics, HTML.

Statistics per graded cell: mean score, pass rate (full marks), and the discrimination
index D = p(upper 27%) − p(lower 27%) of learners ranked by total score (Kelley, 1939): how
well the question separates strong from weak submissions. Items with D < 0.2 deserve review.
"""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from nbgrader.api import Gradebook, MissingEntry  # noqa: E402
from nbgrader.coursedir import CourseDirectory  # noqa: E402
from nbgrader.plugins.export import CsvExportPlugin  # noqa: E402
from sqlalchemy import text  # noqa: E402

from graders.errors import CourseError  # noqa: E402
from graders.layout import CourseLayout  # noqa: E402
from graders.nbgrader_course import course_config  # noqa: E402

UPPER_LOWER_FRACTION = 0.27


def cell_scores(gradebook: Gradebook, assignment: str) -> pd.DataFrame:
    """One row per learner, one column per graded cell (score), plus ``total``."""
    try:
        row = gradebook.find_assignment(assignment)
    except MissingEntry as exc:
        raise CourseError(f"{assignment} is not in the gradebook; release and grade it first"
                          ) from exc
    records = []
    for submission in row.submissions:
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                records.append({"student": submission.student.id, "cell": grade.name,
                                "score": float(grade.score), "max_score": float(grade.max_score)})
    if not records:
        raise CourseError(f"no graded submissions of {assignment}; run `course grade` first")
    frame = pd.DataFrame(records)
    wide = frame.pivot_table(index="student", columns="cell", values="score", aggfunc="sum")
    wide["total"] = wide.sum(axis=1)
    return wide


def question_statistics(wide: pd.DataFrame, max_scores: dict[str, float]) -> pd.DataFrame:
    cells = [c for c in wide.columns if c != "total"]
    ranked = wide.sort_values("total")
    group = max(1, round(len(ranked) * UPPER_LOWER_FRACTION))
    lower, upper = ranked.head(group), ranked.tail(group)
    rows = []
    for cell in cells:
        full = max_scores[cell]
        rows.append({
            "cell": cell,
            "max_score": full,
            "mean": wide[cell].mean(),
            "pass_rate": (wide[cell] >= full).mean() if full else float("nan"),
            "discrimination": (upper[cell].mean() - lower[cell].mean()) / full if full else 0.0,
        })
    return pd.DataFrame(rows).set_index("cell")


def _figure_html(fig: plt.Figure, alt: str) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, facecolor="white", bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode()
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'


def _plots(wide: pd.DataFrame, stats: pd.DataFrame, total_max: float) -> list[str]:
    fig, ax = plt.subplots(figsize=(6, 3.2))
    ax.hist(wide["total"], bins=min(20, max(5, len(wide) // 3)), color="#3465a4")
    ax.set(xlabel=f"total score (of {total_max:g})", ylabel="learners",
           title="Score distribution")
    score_plot = _figure_html(fig, "Histogram of learners' total scores")
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.scatter(stats["pass_rate"], stats["discrimination"], color="#cc0000")
    for cell, row in stats.iterrows():
        ax.annotate(cell, (row["pass_rate"], row["discrimination"]), fontsize=7)
    ax.axhline(0.2, color="grey", linestyle="--", linewidth=1)
    ax.set(xlabel="pass rate (easy →)", ylabel="discrimination index",
           title="Per-question difficulty vs discrimination", xlim=(-0.05, 1.05))
    item_plot = _figure_html(fig, "Scatter plot of each question's pass rate against its "
                                  "discrimination index; the dashed line marks 0.2")
    return [score_plot, item_plot]


def _failures(gradebook: Gradebook, assignment: str) -> pd.DataFrame:
    try:
        rows = gradebook.db.execute(text(
            "SELECT student, status, reason FROM course_grade_digest "
            "WHERE assignment = :a AND status != 'graded' ORDER BY student"), {"a": assignment})
        return pd.DataFrame(list(rows), columns=["student", "status", "reason"])
    except Exception:  # graded with nbgrader alone: no record of ours
        gradebook.db.rollback()
        return pd.DataFrame(columns=["student", "status", "reason"])


def write_report(layout: CourseLayout, assignment: str, output: Path) -> list[Path]:
    coursedir = CourseDirectory(config=course_config(layout))
    db_url, course_id = coursedir.db_url, coursedir.course_id
    output.mkdir(parents=True, exist_ok=True)
    csv_path, stats_path, html_path = (output / "grades.csv", output / "questions.csv",
                                       output / "report.html")
    with Gradebook(db_url, course_id) as gradebook:
        wide = cell_scores(gradebook, assignment)
        max_scores = {c.name: float(c.max_score) for nb in
                      gradebook.find_assignment(assignment).notebooks for c in nb.grade_cells}
        CsvExportPlugin(to=str(csv_path), assignment=[assignment]).export(gradebook)
        failures = _failures(gradebook, assignment)
    stats = question_statistics(wide, max_scores)
    stats.round(3).to_csv(stats_path)
    total_max = sum(max_scores.values())
    plots = _plots(wide, stats, total_max)
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{assignment}: grading report</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;background:#fff;
color:#111}} table{{border-collapse:collapse}} td,th{{border:1px solid #ccc;padding:.2rem .5rem}}
</style></head><body>
<h1>{assignment}: grading report</h1>
<p>{len(wide)} graded learners; mean total {wide['total'].mean():.2f} of {total_max:g}
(median {wide['total'].median():.2f}). Discrimination index: upper minus lower
{UPPER_LOWER_FRACTION:.0%} by total score; below 0.2 the question barely separates strong
from weak work.</p>
<h2>Score distribution</h2>{plots[0]}
<h2>Questions</h2>{plots[1]}
{stats.round(3).to_html()}
<h2>Submissions not graded or that hit a limit</h2>
{failures.to_html(index=False) if len(failures) else "<p>None.</p>"}
</body></html>"""
    html_path.write_text(page, encoding="utf-8")
    return [csv_path, stats_path, html_path]
