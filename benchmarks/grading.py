"""Benchmark cohort grading: ``nbgrader autograde`` (sequential) vs ``course grade``.

Builds a synthetic cohort of a real exercise in two identical temporary course copies,
grades one with ``nbgrader autograde`` and the other with the ``course grade`` command on
this machine in one run (both as a user runs them: start-up included), checks the per-cell
scores are identical, and prints wall times, their ratio, ``course grade``'s start-up and its
per-notebook overhead above the notebooks' own execution time. Then it grades the cohort on a
local Dask cluster with 1, 2 and 4 worker processes.

Cohorts: by default correct, partial and untouched submissions with one in ten broken; with
``--mix`` one of mixed quality as a real cohort (a quarter correct, half partly right — each
a different random half of the tasks —, a quarter untouched).

    .venv/bin/python benchmarks/grading.py [--size 100] [--mix] [--assignment ch1_foundations]

Targets (2-core machine): ratio >= 10x, overhead <= 0.2 s per notebook.
"""

from __future__ import annotations

import argparse
import json
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

from cohorts import auto_scores, build_cohort, build_mixed_cohort  # noqa: E402

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


def course_grade(root: Path, assignment: str, workers: int) -> tuple[float, dict]:
    """Run ``course grade`` as a user would; its wall time and its per-submission timings."""
    timings = root / "timings.json"
    start = time.perf_counter()
    subprocess.run([str(BIN / "course"), "grade", assignment, "--workers", str(workers),
                    "--no-progress", "--timings", str(timings)], cwd=root, capture_output=True)
    seconds = time.perf_counter() - start
    return seconds, json.loads(timings.read_text())


def start_up_seconds(base: Path, assignment: str, workers: int) -> float:
    """``course grade`` on a cohort of one correct submission, less that notebook's own
    time in its cells: what every run pays before and after grading."""
    one = base.parent / "one"
    shutil.copytree(base, one, ignore=shutil.ignore_patterns("submitted"))
    build_cohort(one, CourseLayout(one), assignment, 1, broken=False)
    seconds, timings = course_grade(one, assignment, workers)
    return seconds - sum(o["execution_seconds"] for o in timings["outcomes"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--mix", action="store_true",
                        help="a cohort of mixed quality (no broken submissions)")
    parser.add_argument("--assignment", default="ch1_foundations")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="grading-bench-") as tmp:
        base = Path(tmp) / "base"
        layout = make_course(base, args.assignment)
        if args.mix:
            cohort = build_mixed_cohort(base, layout, args.assignment, args.size)
        else:
            cohort = build_cohort(base, layout, args.assignment, args.size, broken_every=10)
        theirs, ours = Path(tmp) / "nbgrader", Path(tmp) / "course"
        shutil.copytree(base, theirs)
        shutil.copytree(base, ours)
        env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}

        start = time.perf_counter()
        subprocess.run([str(BIN / "nbgrader"), "autograde", args.assignment], cwd=theirs,
                       env=env, capture_output=True)
        nbgrader_seconds = time.perf_counter() - start

        course_seconds, timings = course_grade(ours, args.assignment, args.workers)
        start_up = start_up_seconds(base, args.assignment, args.workers)

        theirs_scores, ours_scores = auto_scores(theirs), auto_scores(ours)
        gradable = {"correct", "partial", "untouched", "partly-right"}
        valid = {s for s, kind in cohort.items() if kind in gradable}
        mismatches = {k for k in theirs_scores if k[0] in valid
                      and theirs_scores[k] != ours_scores.get(k)}
        graded = [o for o in timings["outcomes"] if o["status"] in {"graded", "incident"}]
        execution = sum(o["execution_seconds"] for o in graded) / max(1, len(graded))
        in_grading = timings["seconds"]
        per_notebook = in_grading * args.workers / max(1, len(graded))

        kind = "mixed quality" if args.mix else f"{args.size - len(valid)} broken"
        print(f"cohort: {args.size} submissions of {args.assignment} ({len(valid)} gradable, "
              f"{kind}), {args.workers} workers, {os.cpu_count()} cores")
        print(f"nbgrader autograde (sequential):           {nbgrader_seconds:8.1f} s")
        print(f"course grade (the command, start-up incl.): {course_seconds:8.1f} s")
        print(f"ratio:                                      "
              f"{nbgrader_seconds / course_seconds:8.1f}x  (target >= 10x)")
        print(f"start-up (one submission, less its cells):  {start_up:8.1f} s")
        print(f"per-notebook cost while grading (wall x workers / notebooks): "
              f"{per_notebook:.3f} s, of which the notebook's own cells {execution:.3f} s "
              f"-> overhead {per_notebook - execution:.3f} s (target <= 0.2 s)")
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
