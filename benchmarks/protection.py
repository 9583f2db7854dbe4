"""Benchmark what the verdict protection costs per notebook (ADR 6).

Runs the cells of a real, correctly answered exercise in fresh processes, alternately
*plain* (each cell exec'd in one namespace) and *protected* (the grader's audit hook
installed, and each test and locked cell inside the guard's scopes, as the grading child
does), several rounds, and prints the median time per notebook of each and their
difference: the protection's cost. Learner cells run the same code both ways.

    .venv/bin/python benchmarks/protection.py [--assignment ch1_foundations] [--rounds 5]

Target: the protection costs less than 0.05 s per notebook.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from cohorts import answered_release  # noqa: E402

from graders.layout import CourseLayout  # noqa: E402

RUNNER = r'''
import contextlib, json, os, sys, time
cells, protected, workdir = json.load(open(sys.argv[1])), sys.argv[2] == "1", sys.argv[3]
os.chdir(workdir)
sys.path.insert(0, workdir)
import matplotlib
matplotlib.use("Agg")
from graders.audit import Policy, install
from graders.grade import modules_imported_by
from graders.protect import Guard, Pristine
from graders.warm_executor import modules_to_preload
import importlib
for name in modules_to_preload(json.loads(sys.argv[4])):
    with contextlib.suppress(Exception):
        importlib.import_module(name)
namespace = {"__name__": "__main__"}
pristine = Pristine.take()
start = time.perf_counter()
if protected:
    refusals = install(Policy.take(), workdir)
    guard = Guard(pristine, namespace, refusals.reasons, refusals.code_changed,
                  refusals.changed_functions)
for kind, source in cells:
    code = compile(source, "<cell>", "exec")
    scope = contextlib.nullcontext()
    if protected and kind != "answer":
        scope = guard.test_cell() if kind == "test" else guard.locked_cell()
    with scope, contextlib.suppress(Exception):
        exec(code, namespace)
print(time.perf_counter() - start)
'''


def cells_of(notebook: nbformat.NotebookNode) -> list[tuple[str, str]]:
    kinds = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        meta = cell.metadata.get("nbgrader", {})
        kind = ("answer" if meta.get("solution") else "test" if meta.get("grade")
                else "locked")
        kinds.append((kind, cell.source))
    return kinds


def run(cells_file: Path, protected: bool, workdir: Path, preload: list[str]) -> float:
    out = subprocess.run([sys.executable, "-c", RUNNER, str(cells_file), "1" if protected
                          else "0", str(workdir), json.dumps(preload)], capture_output=True,
                         text=True, check=True, env={**os.environ, "MPLBACKEND": "Agg"})
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default="ch1_foundations")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    layout = CourseLayout(ROOT)
    from graders.grade import modules_imported_by

    preload = modules_imported_by(layout.source_notebooks(args.assignment))
    cells = cells_of(answered_release(layout, args.assignment))
    with tempfile.TemporaryDirectory(prefix="protection-bench-") as tmp:
        workdir = Path(tmp)
        for path in layout.source_notebooks(args.assignment)[0].parent.iterdir():
            if path.is_file() and path.suffix != ".ipynb":
                (workdir / path.name).write_bytes(path.read_bytes())
        cells_file = workdir / "cells.json"
        cells_file.write_text(json.dumps(cells))
        plain, protected = [], []
        for _ in range(args.rounds):  # alternate, so machine noise hits both alike
            plain.append(run(cells_file, False, workdir, preload))
            protected.append(run(cells_file, True, workdir, preload))
    p, q = statistics.median(plain), statistics.median(protected)
    tests = sum(kind == "test" for kind, _ in cells)
    print(f"{args.assignment}: {len(cells)} code cells ({tests} test cells), "
          f"{args.rounds} rounds alternating")
    print(f"plain      median {p:.3f} s per notebook  (runs: "
          f"{', '.join(f'{x:.3f}' for x in plain)})")
    print(f"protected  median {q:.3f} s per notebook  (runs: "
          f"{', '.join(f'{x:.3f}' for x in protected)})")
    print(f"protection cost: {q - p:+.3f} s per notebook (target < 0.05 s)")


if __name__ == "__main__":
    main()
