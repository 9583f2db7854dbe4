"""Chapter 4 exercise: its query log is the chapter's, and it holds enough to decide a threshold.

The exercise is graded in another folder, without ``data/``: the labelled query log of Tasks 7-8
ships with it as a copy of ``data/ch4_scale_reliability_cost/query_log.csv`` (beside the
notebook, released and graded with it). These tests keep the copies identical to the data file
and check that the log, embedded with the offline wordllama model as the exercise does, lets the
exercise's own method decide: a threshold chosen on the calibration half whose false-hit upper
bound (95% Wilson) stays under the 1% ceiling on the later half too, with more hits than an
exact-match cache. They execute the solution's functions, not a kernel.
"""

from __future__ import annotations

import math
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = "ch4_scale_reliability_cost"
DATA = ROOT / "data" / ASSIGNMENT / "query_log.csv"
SOLUTION_DIR = ROOT / "solutions" / ASSIGNMENT
RELEASE_DIR = ROOT / "exercises" / ASSIGNMENT
CEILING = 0.01


@pytest.mark.parametrize("folder", [SOLUTION_DIR, RELEASE_DIR], ids=["solution", "release"])
def test_exercise_copy_of_the_query_log_is_the_data_file(folder: Path) -> None:
    copy = folder / "query_log.csv"
    assert copy.read_bytes() == DATA.read_bytes(), (
        f"{copy} differs from {DATA}: copy the data file next to the solution and run "
        f".venv/bin/course release {ASSIGNMENT}")


def _solution_functions() -> dict:
    """The reference functions of Tasks 7-8, taken from the solution's answer cells."""
    namespace: dict = {"np": np, "math": math}
    nb = nbformat.read(SOLUTION_DIR / f"{ASSIGNMENT}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") in (
                "ch4-semantic-cache", "ch4-upper-bound", "ch4-threshold"):
            exec(compile(cell.source, cell.metadata["nbgrader"]["grade_id"], "exec"), namespace)
    return namespace


@pytest.fixture(scope="module")
def fresh_embeddings() -> np.ndarray:
    """The log embedded now, by the exercise's own script (wordllama, offline)."""
    import importlib.util

    script = SOLUTION_DIR / "embed_query_log.py"
    spec = importlib.util.spec_from_file_location("embed_query_log", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.embed_log(DATA)


@pytest.mark.parametrize("folder", [SOLUTION_DIR, RELEASE_DIR], ids=["solution", "release"])
def test_shipped_embeddings_are_the_models_embeddings_of_the_log(folder: Path,
                                                                   fresh_embeddings) -> None:
    shipped = np.load(folder / "query_log_embeddings.npy")
    assert shipped.shape == fresh_embeddings.shape, (
        f"{folder / 'query_log_embeddings.npy'} is stale: run embed_query_log.py there, then "
        f".venv/bin/course release {ASSIGNMENT}")
    assert np.allclose(shipped, fresh_embeddings, atol=1e-5)


@pytest.fixture(scope="module")
def log_and_similarity(fresh_embeddings) -> tuple[pd.DataFrame, np.ndarray]:
    vectors = fresh_embeddings.astype(np.float64)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return pd.read_csv(DATA), vectors @ vectors.T


def test_log_is_large_labelled_and_has_both_kinds_of_answers() -> None:
    log = pd.read_csv(DATA)
    assert len(log) >= 2000
    assert {"text", "intent", "cacheable"} <= set(log.columns)
    assert set(log["cacheable"]) == {0, 1}
    assert log["intent"].nunique() >= 30


def test_calibration_half_decides_a_threshold_the_later_half_confirms(log_and_similarity) -> None:
    log, similarity = log_and_similarity
    f = _solution_functions()
    intents = log["intent"].tolist()
    generic = [bool(x) for x in log["cacheable"]]
    half = len(log) // 2
    sweep = [{"threshold": t, **f["simulate_cache"](similarity[:half, :half], intents[:half],
                                                    generic[:half], t)}
             for t in (0.8, 0.825, 0.85, 0.875, 0.9, 0.95)]
    choice = f["choose_threshold"](sweep, CEILING, 3_000_000, 0.0085, 1e-6)
    assert choice["threshold"] is not None, f"no threshold meets the ceiling: {sweep}"
    # the calibration data must decide: a looser threshold is rejected by its upper bound
    assert any(f["false_hit_upper_bound"](r["false_hits"], r["questions"]) > CEILING for r in sweep)
    later = f["simulate_cache"](similarity, intents, generic, choice["threshold"], half)
    assert f["false_hit_upper_bound"](later["false_hits"], later["questions"]) <= CEILING, later
    seen, exact_hits = set(), 0
    for i, text in enumerate(log["text"]):
        key = " ".join(text.lower().split()).strip(" ?!.")
        if key in seen:
            exact_hits += i >= half
        elif generic[i]:
            seen.add(key)
    assert later["hits"] > 1.5 * exact_hits, (later, exact_hits)
