"""Benchmark cohort grading: ``nbgrader autograde`` (sequential) vs ``course grade``.

Builds a synthetic cohort of a real exercise (correct, partial, untouched and broken
submissions) in two identical temporary course copies, grades one with ``nbgrader
autograde`` and the other with ``course grade`` on this machine in one run, checks the
per-cell scores are identical, and prints wall times, their ratio and ``course grade``'s
per-notebook overhead above the notebooks' own execution time. Then it grades the cohort on
a local Dask cluster with 1, 2 and 4 worker processes.

    .venv/bin/python benchmarks/grading.py [--size 100] [--assignment ch1_foundations]

Targets (2-core machine): ratio >= 10x, overhead <= 0.2 s per notebook.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
BIN = Path(sys.executable).parent

from cohorts import auto_scores, build_cohort  # noqa: E402

from graders.grade import grade_cohort  # noqa: E402
from graders.layout import CONFIG_FILE, CourseLayout  # noqa: E402


def make_course(destination: Path, assignment: str) -> CourseLayout:
    (destination / "solutions").mkdir(parents=True)
    shutil.copy(ROOT / CONFIG_FILE, destination / CONFIG_FILE)
    shutil.copy(ROOT / "solutions" / "header.ipynb", destination / "solutions")
    shutil.copytree(ROOT / "solutions" / assignment, destination / "solutions" / assignment)
    subprocess.run([str(BIN / "course"), "release", assignment], cwd=destination, check=True,
                   capture_output=True)
    return CourseLayout(destination)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dask_throughput(root: Path, assignment: str, workers: int) -> float:
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1",
                                  "--port", str(port), "--no-dashboard"], **quiet)
    cluster = subprocess.Popen([str(BIN / "dask"), "worker", address, "--nworkers",
                                str(workers), "--nthreads", "1", "--no-dashboard"], **quiet)
    try:
        from distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(workers, timeout=120)
            # warm the workers (their warm processes start on first use)
            grade_cohort(CourseLayout(root), assignment, workers=workers, scheduler=address,
                         force=True, progress=False)
        summary = grade_cohort(CourseLayout(root), assignment, workers=workers,
                               scheduler=address, force=True, progress=False)
    finally:
        cluster.terminate()
        scheduler.terminate()
        cluster.wait(30)
        scheduler.wait(30)
    graded = summary.count("graded") + summary.count("incident")
    return graded / summary.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--assignment", default="ch1_foundations")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="grading-bench-") as tmp:
        base = Path(tmp) / "base"
        layout = make_course(base, args.assignment)
        cohort = build_cohort(base, layout, args.assignment, args.size, broken_every=10)
        theirs, ours = Path(tmp) / "nbgrader", Path(tmp) / "course"
        shutil.copytree(base, theirs)
        shutil.copytree(base, ours)
        env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}

        start = time.perf_counter()
        subprocess.run([str(BIN / "nbgrader"), "autograde", args.assignment], cwd=theirs,
                       env=env, capture_output=True)
        nbgrader_seconds = time.perf_counter() - start

        start = time.perf_counter()
        summary = grade_cohort(CourseLayout(ours), args.assignment, workers=args.workers,
                               progress=False)
        course_seconds = time.perf_counter() - start

        theirs_scores, ours_scores = auto_scores(theirs), auto_scores(ours)
        valid = {s for s, kind in cohort.items() if kind in {"correct", "partial", "untouched"}}
        mismatches = {k for k in theirs_scores if k[0] in valid
                      and theirs_scores[k] != ours_scores.get(k)}
        graded = [o for o in summary.outcomes if o.status in {"graded", "incident"}]
        execution = sum(o.execution_seconds for o in graded) / max(1, len(graded))
        per_notebook = course_seconds * args.workers / max(1, len(graded))

        print(f"cohort: {args.size} submissions of {args.assignment} "
              f"({len(valid)} gradable, {args.size - len(valid)} broken), "
              f"{args.workers} workers, {os.cpu_count()} cores")
        print(f"nbgrader autograde (sequential): {nbgrader_seconds:8.1f} s")
        print(f"course grade:                    {course_seconds:8.1f} s")
        print(f"ratio:                           {nbgrader_seconds / course_seconds:8.1f}x"
              f"  (target >= 10x)")
        print(f"per-notebook cost (wall x workers / notebooks): {per_notebook:.3f} s, of which "
              f"the notebook's own cells {execution:.3f} s -> overhead "
              f"{per_notebook - execution:.3f} s (target <= 0.2 s)")
        print(f"scores identical on the {len(valid)} gradable submissions: "
              f"{'yes' if not mismatches else f'NO ({len(mismatches)} cells differ)'}")
        if not args.skip_dask:
            for workers in (1, 2, 4):
                rate = dask_throughput(ours, args.assignment, workers)
                print(f"Dask, {workers} worker process(es): {rate:6.1f} submissions/s")
        if mismatches:
            sys.exit("scores differ")


if __name__ == "__main__":
    main()
