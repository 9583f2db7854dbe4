"""Benchmark the site build: full build vs. no-change rebuild vs. one-notebook-changed rebuild.

Runs on a temporary copy of the repository (the working tree is never touched), all three
builds on the same machine in one run. Target: a no-change rebuild takes <= 10% of the full
build (Jupyter Book's execution cache plus Sphinx's incremental build).

    .venv/bin/python benchmarks/book.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
SKIP = shutil.ignore_patterns(".venv", "_build", ".git", "__pycache__", ".ipynb_checkpoints",
                              ".pytest_cache", ".ruff_cache", "tests")


def build(root: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run([str(JUPYTER_BOOK), "build", str(root), "-W", "-n", "--keep-going"],
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed


def change_one_notebook(root: Path) -> Path:
    """Edit the first code cell of one chapter notebook (a real change: it must re-execute)."""
    notebook = sorted((root / "book").glob("ch*/[0-9]*.ipynb"))[0]
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code")
    source = "".join(cell["source"])
    cell["source"] = source + "\n# benchmark: a changed cell"
    notebook.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    return notebook


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="book-bench-") as tmp:
        copy = Path(tmp) / "course"
        shutil.copytree(ROOT, copy, ignore=SKIP)
        full = build(copy)
        unchanged = build(copy)
        changed_nb = change_one_notebook(copy)
        one_changed = build(copy)
    print(f"full build (cold cache):        {full:7.1f} s")
    print(f"rebuild, nothing changed:       {unchanged:7.1f} s  ratio {unchanged / full:6.1%}"
          f"  (target <= 10%)")
    print(f"rebuild, one notebook changed:  {one_changed:7.1f} s  ratio {one_changed / full:6.1%}"
          f"  ({changed_nb.relative_to(copy)})")
    if unchanged / full > 0.10:
        sys.exit("no-change rebuild is above 10% of the full build")


if __name__ == "__main__":
    main()
