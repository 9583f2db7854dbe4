"""Chapter 2 data: the RAG corpus, its labelled questions and the batch/workload tables agree."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "ch2_architecture"


def _rows(name: str) -> list[dict]:
    with open(DATA / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _articles() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((DATA / "kb").glob("*.md"))}


def test_articles_have_title_category_and_paragraphs() -> None:
    articles = _articles()
    assert len(articles) >= 30
    for doc_id, text in articles.items():
        lines = text.split("\n")
        assert lines[0].startswith("# "), f"{doc_id}: first line must be '# Title'"
        assert lines[1] == "" and lines[2].startswith("category: "), f"{doc_id}: 'category:' line"
        assert len(text.split("\n\n")) >= 3, f"{doc_id}: needs at least one paragraph"


def test_every_labelled_answer_is_a_span_of_its_article() -> None:
    articles = _articles()
    questions = _rows("questions.csv")
    assert len(questions) >= 40
    assert len({q["question_id"] for q in questions}) == len(questions)
    for q in questions:
        assert q["doc_id"] in articles, f"{q['question_id']}: unknown article {q['doc_id']}"
        body = " ".join(articles[q["doc_id"]].split())
        assert " ".join(q["answer"].split()) in body, (
            f"{q['question_id']}: answer not in {q['doc_id']}")


def test_workload_models_are_priced_and_batch_terms_are_dated() -> None:
    with open(ROOT / "data" / "prices.csv", encoding="utf-8") as prices:
        priced = {r["model"] for r in csv.DictReader(prices)}
    for w in _rows("workloads.csv"):
        assert w["model"] in priced, f"{w['workload']}: {w['model']} is not in data/prices.csv"
        assert float(w["latency_requirement_s"]) > 0 and int(w["requests_per_day"]) > 0
    for t in _rows("batch_terms.csv"):
        assert t["as_of"] and t["source"], f"{t['provider']}: batch terms need as_of and source"
        assert 0 < float(t["batch_discount"]) < 1


def test_exercise_model_timeout_fits_a_capped_answer_of_the_mid_class() -> None:
    """The exercise's MODEL_TIMEOUT_S (graph and interface table) is justified by
    data/model_classes.csv: an answer at the max_tokens=200 cap with the mid class's p95 TTFT
    and TPOT fits, with no more than a few seconds to spare (ch2/01 rounds its p95 up)."""
    import json
    import re

    notebook = ROOT / "solutions" / "ch2_architecture" / "ch2_architecture.ipynb"
    cells = {c.get("id"): "".join(c["source"]) for c in json.loads(notebook.read_text())["cells"]}
    setup = cells["ch2-setup"]
    timeout_s = float(re.search(r"^MODEL_TIMEOUT_S = ([0-9.]+)$", setup, re.M).group(1))
    assert "max_tokens=200" in cells["ch2-agent-task"] + cells["ch2-agent"]
    with open(ROOT / "data" / "model_classes.csv", newline="", encoding="utf-8") as f:
        mid = next(r for r in csv.DictReader(f) if r["model_class"] == "mid")
    ttft, tpot_ms = float(mid["ttft_p95_s"]), float(mid["tpot_p95_ms"])
    capped_s = ttft + tpot_ms / 1000 * (200 - 1)
    assert capped_s <= timeout_s <= capped_s + 3, (capped_s, timeout_s)
    assert f"p95 TTFT {ttft:g} s and {tpot_ms:g} ms per output token" in setup
    assert f"= {capped_s:.1f} s" in setup
