"""The Erlang C check values of the course fact sheet (FACTS.md, chapter 4), reproduced by the
chapter-4 exercise solution and by the narrative notebook that teaches the formula.

Check values: offered load A = 2.5 with c = 3, 4, 5, 6 servers gives P_wait = 0.702, 0.320,
0.130, 0.047 and, with 5-minute service times, W_q = 421 s, 64 s, 15.6 s, 4.1 s; A = 20
(10 req/s x 2 s) gives P_wait = 0.568 with c = 22 and 0.209 with c = 25.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "solutions" / "ch4_scale_reliability_cost" / "ch4_scale_reliability_cost.ipynb"
NARRATIVE = ROOT / "book" / "ch4_scale_reliability_cost" / "01_scaling_queues_degradation.ipynb"

SERVICE_S = 300.0  # 5-minute service time
# (A, c, P_wait to 3 decimals, W_q in seconds as published, decimals of W_q)
A25 = [(3, 0.702, 421, 0), (4, 0.320, 64, 0), (5, 0.130, 15.6, 1), (6, 0.047, 4.1, 1)]
A20 = [(22, 0.568), (25, 0.209)]


def _erlang_c_from(notebook: Path, *, grade_id: str | None = None):
    """Exec the code cell that defines erlang_c (found by grade_id, or by its def) and return it."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if grade_id is not None:
            if cell.metadata.get("nbgrader", {}).get("grade_id") != grade_id:
                continue
        elif "def erlang_c(" not in cell.source:
            continue
        namespace: dict = {}
        exec(compile(cell.source, f"{notebook.name}:{grade_id or 'erlang_c'}", "exec"), namespace)
        return namespace["erlang_c"]
    raise AssertionError(f"{notebook}: no cell defines erlang_c")


@pytest.fixture(
    params=["solution", "narrative"],
    ids=["exercise solution (grade_id ch4-erlang-c)", "notebook 01"],
)
def erlang_c(request):
    if request.param == "solution":
        return _erlang_c_from(SOLUTION, grade_id="ch4-erlang-c")
    return _erlang_c_from(NARRATIVE)


@pytest.mark.parametrize(("servers", "p_wait", "w_q", "digits"), A25)
def test_a_2_5_with_five_minute_service(erlang_c, servers, p_wait, w_q, digits) -> None:
    got_p, got_w = erlang_c(2.5 / SERVICE_S, 1 / SERVICE_S, servers)
    assert round(got_p, 3) == pytest.approx(p_wait), (servers, got_p)
    assert round(got_w, digits) == pytest.approx(w_q), (servers, got_w)


@pytest.mark.parametrize(("servers", "p_wait"), A20)
def test_a_20_ten_requests_per_second_two_seconds(erlang_c, servers, p_wait) -> None:
    got_p, got_w = erlang_c(10.0, 0.5, servers)
    assert round(got_p, 3) == pytest.approx(p_wait), (servers, got_p)
    assert got_w == pytest.approx(got_p / (servers * 0.5 - 10.0))


def test_known_wrong_tutorial_value_is_not_reproduced(erlang_c) -> None:
    got_p, _ = erlang_c(2.5 / SERVICE_S, 1 / SERVICE_S, 3)
    assert abs(got_p - 0.60) > 0.05, "0.60 for c = 3 is the known-wrong tutorial value"


def test_unstable_queue_raises(erlang_c) -> None:
    with pytest.raises(ValueError):
        erlang_c(10.0, 0.5, 20)  # A = 20 = c
