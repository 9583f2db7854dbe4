"""A gradebook on a real PostgreSQL server: ``course release``, ``grade``, ``report`` and
``feedback`` work on it, and grade a cohort exactly as they do on SQLite.

The test starts its own server (Debian's ``postgresql`` package: ``initdb`` and ``pg_ctl``)
on a Unix socket in a private temporary folder, as the unprivileged ``postgres`` system user
when the tests run as root, and stops it afterwards. Nothing listens on the network.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from cohorts import build_cohort
from conftest import GRADED_ASSIGNMENT, copy_course, run_course
from nbgrader.api import Gradebook

from graders.layout import CONFIG_FILE

ASSIGNMENT = GRADED_ASSIGNMENT


def _server_program(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(
        f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if not found:
        pytest.fail(f"PostgreSQL's {name} is missing: `make test` installs it as root "
                    "(Debian package postgresql); otherwise install it yourself")
    return found


def _as_server_user(command: list[str], user: str | None) -> list[str]:
    return ["runuser", "-u", user, "--", *command] if user else command


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL cluster with an empty ``gradebook`` database; its SQLAlchemy URL."""
    user = None
    if os.geteuid() == 0:  # the server refuses to run as root
        user = "postgres"
        try:
            pwd.getpwnam(user)
        except KeyError:
            pytest.fail("no 'postgres' system user: install Debian's postgresql package")
    folder = Path(tempfile.mkdtemp(prefix="course-pg-"))
    folder.chmod(0o755)
    data, socket = folder / "data", folder / "socket"
    socket.mkdir()
    if user:
        shutil.chown(folder, user)
        shutil.chown(socket, user)
    run = dict(check=True, capture_output=True, text=True, timeout=120)
    subprocess.run(_as_server_user([_server_program("initdb"), "-D", str(data), "-U", "course",
                                    "-A", "trust", "--no-sync", "-E", "UTF8"], user), **run)
    options = f"-k {socket} -c listen_addresses='' -c fsync=off"
    ctl = _server_program("pg_ctl")
    subprocess.run(_as_server_user([ctl, "-D", str(data), "-o", options, "-w", "-l",
                                    str(folder / "server.log"), "start"], user), **run)
    try:
        import psycopg2

        admin = psycopg2.connect(dbname="postgres", user="course", host=str(socket))
        admin.autocommit = True
        admin.cursor().execute("CREATE DATABASE gradebook")
        admin.close()
        yield f"postgresql+psycopg2://course@/gradebook?host={socket}"
    finally:
        subprocess.run(_as_server_user([ctl, "-D", str(data), "-m", "immediate", "stop"], user),
                       capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def _course_on(root: Path, db_url: str | None) -> None:
    copy_course(root, ASSIGNMENT)
    if db_url:
        with (root / CONFIG_FILE).open("a", encoding="utf-8") as config:
            config.write(f"\nc.CourseDirectory.db_url = {db_url!r}\n")
    released = run_course("release", ASSIGNMENT, cwd=root)
    assert released.returncode == 0, released.stdout + released.stderr


def _grades(db_url: str) -> dict[tuple[str, str], tuple[float | None, bool]]:
    """(student, cell) → (automatic score, needs manual grade), read through nbgrader."""
    grades = {}
    with Gradebook(db_url, "engineer-to-ai-architect") as gradebook:
        for submission in gradebook.assignment_submissions(ASSIGNMENT):
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    grades[submission.student.id, grade.name] = (
                        grade.auto_score, grade.needs_manual_grade)
    return grades


def test_a_cohort_graded_on_postgresql_scores_as_on_sqlite(postgres_url: str,
                                                           tmp_path: Path) -> None:
    on_server, on_file = tmp_path / "postgres", tmp_path / "sqlite"
    _course_on(on_server, postgres_url)
    _course_on(on_file, None)
    for root in (on_server, on_file):
        from graders.layout import CourseLayout

        build_cohort(root, CourseLayout(root), ASSIGNMENT, size=8)
        graded = run_course("grade", ASSIGNMENT, "--workers", "2", "--no-progress", cwd=root)
        # the cohort holds broken submissions: listed, recorded, exit status 1
        assert graded.returncode == 1, graded.stdout + graded.stderr
        assert "malformed JSON" in graded.stdout, graded.stdout
    assert not (on_server / "gradebook.db").exists(), "grading must not fall back to SQLite"
    server, file = _grades(postgres_url), _grades(f"sqlite:///{on_file / 'gradebook.db'}")
    assert server == file
    assert len({student for student, _ in server}) == 8

    again = run_course("grade", ASSIGNMENT, "--no-progress", cwd=on_server)
    assert "skipped" in again.stdout.lower(), "a rerun on the server skips what is graded"

    report = run_course("report", ASSIGNMENT, cwd=on_server)
    assert report.returncode == 0, report.stdout + report.stderr
    grades_csv = (on_server / "reports" / ASSIGNMENT / "grades.csv").read_text()
    assert grades_csv.count("\n") >= 9, grades_csv

    feedback = run_course("feedback", ASSIGNMENT, cwd=on_server)
    assert feedback.returncode == 0, feedback.stdout + feedback.stderr
    pages = list((on_server / "feedback").glob(f"*/{ASSIGNMENT}/*.html"))
    assert pages, "course feedback wrote no page from the PostgreSQL gradebook"
