"""Build corpus.csv, the support-text corpus that chapter 1 embeds for vector search.

Run from the repository root:  python data/ch1_foundations/make_corpus.py
Deterministic (no randomness) and offline: it only reads text already in the repository.

Sources, in this order (exact duplicates, ignoring case and spaces, are kept once):
  1. data/ch1_foundations/help_centre.md      Tallyfox help-centre articles, split into sentences
  2. data/ch1_foundations/written_support_text.txt
                                              Tallyfox customer messages, agent replies, forum posts,
                                              release notes, status updates and runbook notes
  3. data/ch2_architecture/kb/*.md            Fernway help-centre articles, split into sentences
  4. data/ch4_scale_reliability_cost/query_log.csv
                                              Fernway customer questions (hand-written paraphrases,
                                              with the log's greetings, context sentences and typos)
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "data" / "ch1_foundations" / "corpus.csv"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


def sentences(markdown: str) -> list[str]:
    """Prose sentences of a markdown text: headings and metadata lines dropped."""
    out = []
    for block in re.split(r"\n\s*\n", markdown):
        block = block.strip()
        if not block or block.startswith("#") or re.match(r"^[a-z_]+: ", block):
            continue
        text = re.sub(r"\s+", " ", block)
        out.extend(s.strip() for s in SENTENCE_END.split(text))
    return [s for s in out if len(s.split()) >= 4]


def rows() -> list[dict]:
    found = []
    help_centre = (ROOT / "data/ch1_foundations/help_centre.md").read_text()
    section = ""
    for block in re.split(r"\n(?=## )", help_centre):
        if block.startswith("## "):
            section = block.splitlines()[0][3:].strip()
        for s in sentences(block):
            found.append(("tallyfox", "help-centre sentence", section, s))
    kind = ""
    for line in (ROOT / "data/ch1_foundations/written_support_text.txt").read_text().splitlines():
        if line.startswith("# "):
            kind = line[2:].strip()
        elif line.strip():
            found.append(("tallyfox", kind, "", line.strip()))
    for path in sorted((ROOT / "data/ch2_architecture/kb").glob("*.md")):
        for s in sentences(path.read_text()):
            found.append(("fernway", "help-centre sentence", path.stem, s))
    with open(ROOT / "data/ch4_scale_reliability_cost/query_log.csv", newline="") as f:
        for r in csv.DictReader(f):
            found.append(("fernway", "customer question", r["intent"], r["text"].strip()))
    seen, result = set(), []
    for product, kind, topic, text in found:
        key = " ".join(text.lower().split())
        if key in seen:
            continue
        seen.add(key)
        result.append({"passage_id": f"p{len(result):05d}", "product": product, "kind": kind,
                       "topic": topic, "text": text})
    return result


if __name__ == "__main__":
    data = rows()
    with open(OUT, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)
    print(f"wrote {len(data)} passages to {OUT.relative_to(ROOT)}")
