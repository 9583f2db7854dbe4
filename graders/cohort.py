"""Finding a cohort's submissions in nbgrader's ``submitted/<student>/<assignment>/`` layout."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from graders.errors import CourseError
from graders.layout import CourseLayout

IGNORED = {".ipynb_checkpoints", "__pycache__"}


@dataclass(frozen=True)
class Submission:
    """One learner's submitted folder for one assignment."""

    student: str
    folder: Path
    digest: str

    def notebook(self, notebook_id: str) -> Path:
        return self.folder / f"{notebook_id}.ipynb"


def folder_digest(folder: Path) -> str:
    """A fingerprint of every file in a submission: a changed file means grade it again."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if IGNORED & set(path.relative_to(folder).parts):
            continue
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def find_submissions(layout: CourseLayout, assignment: str) -> list[Submission]:
    submitted = layout.root / "submitted"
    if not submitted.is_dir():
        raise CourseError(
            f"{submitted}: no submitted/ folder; put each learner's work in "
            f"submitted/<student>/{assignment}/ (nbgrader collect) or use --lms FOLDER"
        )
    submissions = [
        Submission(student.name, student / assignment, folder_digest(student / assignment))
        for student in sorted(submitted.iterdir())
        if (student / assignment).is_dir()
    ]
    if not submissions:
        raise CourseError(f"{submitted}: no submissions of {assignment} (no */{assignment}/)")
    return submissions


def import_from_lms(layout: CourseLayout, assignment: str, folder: Path) -> None:
    """Import files downloaded from an LMS with nbgrader's own ``zip_collect``."""
    if not folder.is_dir():
        raise CourseError(f"{folder}: --lms needs a folder of downloaded files")
    archive = layout.root / "downloaded" / assignment / "archive"
    archive.mkdir(parents=True, exist_ok=True)
    for item in folder.iterdir():
        if item.is_file():
            shutil.copy2(item, archive / item.name)
    nbgrader = Path(sys.executable).parent / "nbgrader"
    result = subprocess.run(
        [str(nbgrader), "zip_collect", "--force", assignment],
        cwd=layout.root, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise CourseError(f"{folder}: nbgrader zip_collect failed:\n{result.stderr[-3000:]}")
