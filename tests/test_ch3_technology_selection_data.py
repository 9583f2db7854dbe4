"""Chapter 3: the dated prices the chapter relies on, and the exercise's embedded copy of them.

The exercise must run without ``data/`` (it is graded in another folder), so its read-only input
cell carries the two prices it needs. These tests keep that copy in step with ``data/prices.csv``
and ``data/ch3_technology_selection/gpu_instances.csv``, check the fact sheet's worked cost
example, and check that the synthetic operating metrics are what their generator produces. They
only read files and execute the notebook's read-only input cell: no kernel.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import nbformat
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "ch3_technology_selection"
SOLUTION = ROOT / "solutions" / "ch3_technology_selection" / "ch3_technology_selection.ipynb"


@pytest.fixture(scope="module")
def inputs() -> dict:
    nb = nbformat.read(SOLUTION, as_version=4)
    cell = next(c for c in nb.cells if c.get("id") == "ch3-inputs")
    assert cell.metadata["nbgrader"]["locked"], "ch3-inputs must be a read-only cell"
    namespace: dict = {}
    exec(compile(cell.source, "ch3-inputs", "exec"), namespace)  # noqa: S102 - our own notebook
    return namespace


def test_embedded_token_prices_match_price_table(inputs: dict) -> None:
    prices = pd.read_csv(ROOT / "data" / "prices.csv").set_index("model")
    managed = inputs["MANAGED"]
    row = prices.loc[managed["model"]]
    assert managed["input_usd_per_mtok"] == row.input_usd_per_mtok
    assert managed["output_usd_per_mtok"] == row.output_usd_per_mtok


def test_embedded_gpu_price_matches_gpu_table(inputs: dict) -> None:
    gpus = pd.read_csv(DATA / "gpu_instances.csv").set_index("instance")
    instance = inputs["SELF_HOSTED"]["instance"].split()[0]
    assert inputs["SELF_HOSTED"]["usd_per_hour"] == gpus.loc[instance, "usd_per_hour"]


def test_gpu_prices_are_dated_and_sourced() -> None:
    gpus = pd.read_csv(DATA / "gpu_instances.csv")
    assert {"as_of", "source", "usd_per_hour"} <= set(gpus.columns)
    assert gpus["as_of"].notna().all() and gpus["source"].str.len().gt(10).all()
    assert (gpus["usd_per_hour"] > 0).all()


@pytest.mark.parametrize(
    ("model", "expected"),
    [("Claude Sonnet 4.x", 12_000), ("Claude Haiku 4.5", 4_000), ("GPT-4o mini", 525)],
)
def test_fact_sheet_worked_cost_example(model: str, expected: float) -> None:
    # FACTS.md: 1 M requests x (1,500 in + 500 out tokens) = $12,000 / $4,000 / $525
    row = pd.read_csv(ROOT / "data" / "prices.csv").set_index("model").loc[model]
    cost = 1_000_000 * (1_500 * row.input_usd_per_mtok + 500 * row.output_usd_per_mtok) / 1e6
    assert cost == pytest.approx(expected)


def test_ops_metrics_match_their_generator() -> None:
    spec = importlib.util.spec_from_file_location("ch3_make_data", DATA / "make_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = pd.read_csv(DATA / "ops_metrics.csv")
    regenerated = module.make()
    pd.testing.assert_frame_equal(
        committed, regenerated.reset_index(drop=True), check_dtype=False, atol=1e-9
    )
