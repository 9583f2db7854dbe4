"""Chapter 5: the exercise's embedded legal and framework tables match the dated data files.

The exercise must run without ``data/`` (it is graded in another folder), so it carries a copy of
the EU AI Act and NIST tables. These tests keep the copy and the sourced data files in step, and
check the figures the course fact sheet gives (Art. 99 fines, Art. 113 dates, the twelve NIST AI
600-1 risks). They only read files and execute the notebook's read-only data cells: no kernel.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "ch5_governance"
SOLUTION = ROOT / "solutions" / "ch5_governance" / "ch5_governance.ipynb"
DATA_CELLS = [
    "ch5-imports", "ch5-scenario", "ch5-use-cases", "ch5-risks-data", "ch5-requirements-data",
]


@pytest.fixture(scope="module")
def scenario() -> dict:
    nb = nbformat.read(SOLUTION, as_version=4)
    cells = {c.get("id"): c for c in nb.cells}
    namespace: dict = {}
    for cell_id in DATA_CELLS:
        cell = cells[cell_id]
        assert cell.metadata["nbgrader"]["locked"], f"{cell_id} must be a read-only cell"
        exec(compile(cell.source, cell_id, "exec"), namespace)  # noqa: S102 - our own notebook
    return namespace


def test_fines_match_data_file_and_fact_sheet(scenario: dict) -> None:
    fines = pd.read_csv(DATA / "eu_ai_act_fines.csv").set_index("infringement")
    embedded = scenario["AI_ACT_FINES"]
    assert set(embedded) == set(fines.index)
    for name, (fixed, share) in embedded.items():
        assert fixed == fines.loc[name, "max_eur"], name
        assert share == pytest.approx(fines.loc[name, "max_pct_worldwide_turnover"] / 100), name
    # Regulation (EU) 2024/1689 Art. 99 (course FACTS.md)
    assert embedded["prohibited_practice"] == (35_000_000, 0.07)
    assert embedded["other_obligation"] == (15_000_000, 0.03)
    assert embedded["misleading_information"] == (7_500_000, 0.01)


def test_ai_act_lists_match_data_file(scenario: dict) -> None:
    categories = pd.read_csv(DATA / "eu_ai_act_categories.csv")
    by_kind = categories.groupby("kind")["code"].apply(set)
    assert scenario["PROHIBITED_PRACTICES"] == by_kind["prohibited_practice"]
    assert scenario["ANNEX_III_AREAS"] == by_kind["annex_iii_area"]
    assert len(scenario["PROHIBITED_PRACTICES"]) == 8
    assert len(scenario["ANNEX_III_AREAS"]) == 8


def test_genai_risks_match_nist_profile(scenario: dict) -> None:
    risks = pd.read_csv(DATA / "nist_ai_600_1_risks.csv")
    assert scenario["GENAI_RISKS"] == sorted(risks["short_name"])
    assert len(risks) == 12
    functions = pd.read_csv(DATA / "nist_ai_rmf_functions.csv").sort_values("order")
    assert scenario["RMF_FUNCTIONS"] == list(functions["function"])


def test_requirement_dates_come_from_the_dates_file(scenario: dict) -> None:
    dates = pd.read_csv(DATA / "eu_ai_act_dates.csv")
    known = set(dates["applies_from"])
    assert {"2024-08-01", "2025-02-02", "2025-08-02", "2026-08-02"} <= known  # Art. 113
    uncertain = dates[dates["certainty"].str.contains("uncertain")]
    # the Digital Omnibus dates, as reported
    assert {"2027-12-02", "2028-08-02"} <= set(uncertain["applies_from"])
    for req in scenario["REQUIREMENTS"]:
        if req["source"].startswith("EU AI Act"):
            date = req["applies_from"][:10]
            assert date in known, (req["requirement"], date)
    high_risk = [r for r in scenario["REQUIREMENTS"] if r["when"].get("tiers") == ["high-risk"]]
    assert high_risk and all("uncertain" in r["applies_from"] for r in high_risk), (
        "high-risk dates must carry the Digital Omnibus caveat"
    )


def test_every_data_file_is_documented() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for path in sorted(DATA.glob("*.csv")):
        assert f"`{path.name}`" in readme, f"{path.name} is not described in the data README"
