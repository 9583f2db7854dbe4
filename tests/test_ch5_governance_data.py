"""Chapter 5: the EU AI Act data files are dated, sourced and current, and the exercise reads them.

The exercise is graded in another folder, without ``data/``: its EU AI Act tables ship with it
as copies of ``data/ch5_governance/eu_ai_act_*.csv`` (beside the notebook, released and graded
with it). These tests keep the copies identical to the data files, check the files against the
course fact sheet (Art. 99 fines, Art. 113 dates, the Digital Omnibus as reported, the twelve
NIST AI 600-1 risks), and check that the exercise reads its figures from them instead of
retyping them. They only read files and execute the notebook's read-only data cells: no kernel.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "ch5_governance"
SOLUTION_DIR = ROOT / "solutions" / "ch5_governance"
SOLUTION = SOLUTION_DIR / "ch5_governance.ipynb"
RELEASE_DIR = ROOT / "exercises" / "ch5_governance"
AI_ACT_FILES = ["eu_ai_act_categories.csv", "eu_ai_act_dates.csv", "eu_ai_act_fines.csv",
                "eu_ai_act_tiers.csv"]
RELEASE = ".venv/bin/course release ch5_governance"
DATA_CELLS = [
    "ch5-imports", "ch5-scenario", "ch5-use-cases", "ch5-risks-data", "ch5-requirements-data",
]
AS_OF = "2026-11-30"
OMNIBUS_CAVEAT = "Official Journal reference not confirmed"


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def scenario() -> dict:
    nb = nbformat.read(SOLUTION, as_version=4)
    cells = {c.get("id"): c for c in nb.cells}
    namespace: dict = {}
    here = Path.cwd()
    os.chdir(SOLUTION_DIR)  # the exercise reads its data files from its own folder, as when graded
    try:
        for cell_id in DATA_CELLS:
            cell = cells[cell_id]
            assert cell.metadata["nbgrader"]["locked"], f"{cell_id} must be a read-only cell"
            exec(compile(cell.source, cell_id, "exec"), namespace)  # noqa: S102 - our own notebook
    finally:
        os.chdir(here)
    return namespace


@pytest.mark.parametrize("folder", [SOLUTION_DIR, RELEASE_DIR], ids=["solutions", "exercises"])
@pytest.mark.parametrize("name", AI_ACT_FILES)
def test_the_exercise_ships_exact_copies_of_the_data_files(folder: Path, name: str) -> None:
    copy = folder / name
    assert copy.is_file(), f"{copy} is missing: cp {DATA / name} {folder}/ (then {RELEASE})"
    assert copy.read_bytes() == (DATA / name).read_bytes(), (
        f"{copy} differs from {DATA / name}: the data file is the source; copy it again "
        f"(cp data/ch5_governance/{name} solutions/ch5_governance/ && {RELEASE})")


def test_the_exercise_reads_the_files_instead_of_retyping_them() -> None:
    nb = nbformat.read(SOLUTION, as_version=4)
    given = [c for c in nb.cells if c.cell_type == "code"
             and c.metadata.get("nbgrader", {}).get("locked")
             and not c.metadata["nbgrader"].get("grade")]
    source = "\n".join(c.source for c in given)
    for name in AI_ACT_FILES:
        assert f'pd.read_csv("{name}"' in source, f"the exercise does not read {name}"
    for retyped in ("35_000_000", "35000000", "2027-12-02", "2026-08-02", '"manipulation"'):
        assert retyped not in source, (
            f"{retyped} is retyped in a read-only cell: read it from the data file")


@pytest.mark.parametrize("name", AI_ACT_FILES)
def test_every_row_is_dated_and_sourced(name: str) -> None:
    table = _csv(name)
    for column in ("as_of", "source"):
        assert column in table.columns, f"{name} has no {column} column"
        assert (table[column].str.strip() != "").all(), f"{name}: a row without {column}"
    assert set(table["as_of"]) == {AS_OF}, f"{name}: as_of must be the date of the check ({AS_OF})"
    assert table["source"].str.contains("2024/1689").all(), (
        f"{name}: every row cites Regulation (EU) 2024/1689")
    if "certainty" in table.columns:
        reported = table["certainty"].str.contains("reported")
        assert table.loc[reported, "source"].str.contains(OMNIBUS_CAVEAT).all(), (
            f"{name}: a reported (Digital Omnibus) row must carry the caveat '{OMNIBUS_CAVEAT}'")


def test_dates_follow_article_113_and_the_digital_omnibus_as_reported() -> None:
    dates = _csv("eu_ai_act_dates.csv").set_index("key")
    adopted = dates[dates["certainty"] == "in the adopted text"]["applies_from"].to_dict()
    # Regulation (EU) 2024/1689 Art. 113 (course FACTS.md): all in the past as of late 2026
    assert adopted == {"in_force": "2024-08-01", "prohibitions": "2025-02-02", "gpai": "2025-08-02",
                       "general_application": "2026-08-02"}
    assert "Art. 50" in dates.loc["general_application", "articles"]
    # the Digital Omnibus (adopted by the Council on 29 June 2026, as reported)
    reported = dates[dates["certainty"] == "reported"]["applies_from"].to_dict()
    assert reported == {"omnibus_prohibition": "2026-12-02", "annex_iii": "2027-12-02",
                        "annex_i": "2028-08-02"}
    assert dates["source"].str.contains("Council adoption 2026-06-29").any()
    # the original high-risk dates are kept for the record, pointing at what replaced them
    moved = dates[dates["superseded_by"] != ""]
    assert moved["applies_from"].to_dict() == {"annex_iii_original": "2026-08-02",
                                               "annex_i_original": "2027-08-02"}
    assert moved["superseded_by"].to_dict() == {"annex_iii_original": "2027-12-02",
                                                "annex_i_original": "2028-08-02"}
    assert (moved["certainty"] == "superseded (reported)").all()
    for value in dates["applies_from"]:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), value


def test_categories_include_the_omnibus_prohibition(scenario: dict) -> None:
    categories = _csv("eu_ai_act_categories.csv")
    by_kind = categories.groupby("kind")["code"].apply(set)
    assert scenario["PROHIBITED_PRACTICES"] == by_kind["prohibited_practice"]
    assert scenario["ANNEX_III_AREAS"] == by_kind["annex_iii_area"]
    prohibited = categories[categories["kind"] == "prohibited_practice"]
    assert len(prohibited) == 9  # the eight of the 2024 text, and one added by the Digital Omnibus
    assert (prohibited["certainty"] == "in the adopted text").sum() == 8
    added = prohibited[prohibited["certainty"] == "reported"]
    assert list(added["code"]) == ["non_consensual_intimate_imagery"]
    assert list(added["applies_from"]) == ["2026-12-02"]
    assert len(by_kind["annex_iii_area"]) == 8
    dates_of = categories.groupby("kind")["applies_from"].apply(set)
    assert dates_of["annex_iii_area"] == {"2027-12-02"}
    assert len(by_kind["transparency_duty"]) == 4
    assert dates_of["transparency_duty"] == {"2026-08-02"}


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


def test_tiers_in_order_with_the_updated_scope(scenario: dict) -> None:
    tiers = pd.read_csv(DATA / "eu_ai_act_tiers.csv").sort_values("rank")
    assert list(tiers["tier"]) == ["prohibited", "high-risk", "limited", "minimal"]
    assert scenario["AI_ACT_TIERS"] == list(tiers["tier"])
    text = dict(zip(tiers["tier"], tiers["what_falls_in_it"], strict=True))
    assert "non-consensual intimate imagery" in text["prohibited"]
    assert "third-party conformity assessment" in text["high-risk"]  # Art. 6(1)(b)
    obligations = dict(zip(tiers["tier"], tiers["main_obligations"], strict=True))
    assert "Art. 27" in obligations["high-risk"]


def test_genai_risks_match_nist_profile(scenario: dict) -> None:
    risks = pd.read_csv(DATA / "nist_ai_600_1_risks.csv")
    assert scenario["GENAI_RISKS"] == sorted(risks["short_name"])
    assert len(risks) == 12
    functions = pd.read_csv(DATA / "nist_ai_rmf_functions.csv").sort_values("order")
    assert scenario["RMF_FUNCTIONS"] == list(functions["function"])


def test_requirement_dates_come_from_the_dates_file(scenario: dict) -> None:
    dates = _csv("eu_ai_act_dates.csv").set_index("key")["applies_from"]
    by_source = {}
    for req in scenario["REQUIREMENTS"]:
        by_source.setdefault(req["source"].split(" (")[0], set()).add(req["applies_from"])
    assert by_source["EU AI Act Art. 4"] == by_source["EU AI Act Art. 5"] == {dates["prohibitions"]}
    assert by_source["EU AI Act Art. 50(1)"] == by_source["EU AI Act Art. 50(2)"]
    assert by_source["EU AI Act Art. 50(1)"] == {dates["general_application"]}
    high_risk = [r for r in scenario["REQUIREMENTS"] if r["when"].get("tiers") == ["high-risk"]]
    assert len(high_risk) == 7
    for req in high_risk:
        assert req["applies_from"].startswith(dates["annex_iii"] + " (reported"), (
            req["requirement"], "high-risk dates are the Digital Omnibus ones, with their caveat")
    fria = next(r for r in high_risk if "Art. 27" in r["source"])
    # Art. 27(1): public bodies and services, credit scoring, life/health pricing; not every insurer
    assert fria["when"] == {"tiers": ["high-risk"], "flags": ["art27_deployer"]}


def test_every_data_file_is_documented() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for path in sorted(DATA.glob("*.csv")):
        assert f"`{path.name}`" in readme, f"{path.name} is not described in the data README"
    for name in AI_ACT_FILES:
        row = next(line for line in readme.splitlines() if line.startswith(f"| `{name}`"))
        assert AS_OF in row, f"the README row of {name} must give its as-of date {AS_OF}"
