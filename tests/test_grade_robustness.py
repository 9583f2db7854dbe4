"""``course grade`` under stress: SIGKILL mid-cohort then rerun, and a real Dask cluster.

Kept apart from test_grade.py so the two files run on different test workers.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cohorts import build_cohort, gradebook_rows
from conftest import ASSIGNMENTS, GRADED_ASSIGNMENT, clone, released_course, run_course

ASSIGNMENT = GRADED_ASSIGNMENT
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.skipif(ASSIGNMENT not in ASSIGNMENTS, reason="needs chapter 1")


def _digest_rows(root: Path) -> int:
    try:
        with sqlite3.connect(root / "gradebook.db", timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM course_grade_digest").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_sigkill_mid_cohort_then_rerun_equals_uninterrupted(tmp_path: Path) -> None:
    base = tmp_path / "base"
    layout = released_course(base)
    build_cohort(base, layout, ASSIGNMENT, size=12, broken=False)
    killed, clean = clone(base, tmp_path / "killed"), clone(base, tmp_path / "clean")
    run_course("grade", ASSIGNMENT, "--workers", "1", "--no-progress", cwd=clean)

    course = BIN / "course"
    process = subprocess.Popen([str(course), "grade", ASSIGNMENT, "--workers", "1",
                                "--no-progress"], cwd=killed, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while _digest_rows(killed) < 3 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "grading finished before it could be interrupted"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    interrupted = _digest_rows(killed)
    assert 3 <= interrupted < 12

    rerun = run_course("grade", ASSIGNMENT, "--workers", "1", "--no-progress", cwd=killed)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"{interrupted} unchanged (skipped)" in rerun.stdout
    assert gradebook_rows(killed) == gradebook_rows(clean)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_grades_on_a_real_dask_cluster(pristine: Path, tmp_path: Path) -> None:
    local, remote = clone(pristine, tmp_path / "local"), clone(pristine, tmp_path / "dask")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1",
                                  "--port", str(port), "--no-dashboard"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = subprocess.Popen([str(BIN / "dask"), "worker", address, "--nworkers", "2",
                                "--nthreads", "1", "--no-dashboard"],
                               cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        from distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        result = run_course("grade", ASSIGNMENT, "--scheduler", address, "--no-progress",
                            cwd=remote)
        run_course("grade", ASSIGNMENT, "--no-progress", cwd=local)
    finally:
        workers.terminate()
        scheduler.terminate()
        workers.wait(30)
        scheduler.wait(30)
    assert result.returncode == 1, result.stdout + result.stderr  # the broken ones are listed
    assert "6 graded" in result.stdout, result.stdout
    assert gradebook_rows(remote) == gradebook_rows(local)


