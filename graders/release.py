"""``course release``: generate ``exercises/`` from ``solutions/`` with nbgrader."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from graders.errors import CourseError
from graders.layout import CourseLayout
from graders.nbgrader_course import NbgraderSteps, course_config, scratch_course


def release(layout: CourseLayout, assignment: str) -> list[Path]:
    """Generate the learner copy of ``assignment`` into ``exercises/`` (and the gradebook)."""
    if not layout.header.is_file():
        raise CourseError(f"{layout.header}: header notebook missing (nbgrader_config.py needs it)")
    NbgraderSteps(course_config(layout)).generate_assignment(assignment)
    return layout.released_notebooks(assignment)


def _normalised(path: Path) -> str:
    if path.suffix == ".ipynb":
        return json.dumps(json.loads(path.read_text(encoding="utf-8")), sort_keys=True, indent=1)
    return path.read_bytes().hex()


def _files(folder: Path) -> dict[str, Path]:
    return {
        str(p.relative_to(folder)): p
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".ipynb_checkpoints" not in p.parts and "__pycache__" not in p.parts
    }


def release_differences(layout: CourseLayout, assignment: str) -> list[str]:
    """What differs between the committed ``exercises/<assignment>`` and a fresh generation."""
    committed_dir = layout.release / assignment
    with scratch_course(layout, assignment) as course:
        fresh = _files(course.release_dir)
        committed = _files(committed_dir) if committed_dir.is_dir() else {}
        problems = [f"{committed_dir / name}: missing (run `course release {assignment}`)"
                    for name in sorted(fresh.keys() - committed.keys())]
        problems += [f"{committed_dir / name}: not produced by generation (stale file?)"
                     for name in sorted(committed.keys() - fresh.keys())]
        problems += [
            f"{committed_dir / name}: differs from what `course release {assignment}` generates "
            "(edited by hand, or solutions/ changed without a release)"
            for name in sorted(fresh.keys() & committed.keys())
            if _normalised(fresh[name]) != _normalised(committed[name])
        ]
    return problems


def remove_release(layout: CourseLayout, assignment: str) -> None:
    """Delete a generated release folder (used before regenerating from scratch)."""
    shutil.rmtree(layout.release / assignment, ignore_errors=True)
