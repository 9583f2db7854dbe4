"""Where things live in the course repository, and checks on assignment names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graders.errors import CourseError

CONFIG_FILE = "nbgrader_config.py"
SOURCE_DIR = "solutions"
RELEASE_DIR = "exercises"


@dataclass(frozen=True)
class CourseLayout:
    """The course directory: ``solutions/`` is the source, ``exercises/`` the release."""

    root: Path

    @property
    def source(self) -> Path:
        return self.root / SOURCE_DIR

    @property
    def release(self) -> Path:
        return self.root / RELEASE_DIR

    @property
    def header(self) -> Path:
        return self.source / "header.ipynb"

    def assignments(self) -> list[str]:
        """Assignment names: every folder of ``solutions/`` that holds a notebook."""
        if not self.source.is_dir():
            raise CourseError(f"{self.source}: no solutions/ folder; is this the course root?")
        return sorted(
            p.name for p in self.source.iterdir() if p.is_dir() and any(p.glob("*.ipynb"))
        )

    def require_assignment(self, name: str) -> str:
        """Return ``name`` if it is an assignment, else raise an error listing the known ones."""
        known = self.assignments()
        if name not in known:
            raise CourseError(
                f"{self.source / name}: no such assignment '{name}'. "
                f"Known assignments: {', '.join(known) or 'none'}."
            )
        return name

    def source_notebooks(self, assignment: str) -> list[Path]:
        return sorted((self.source / assignment).glob("*.ipynb"))

    def released_notebooks(self, assignment: str) -> list[Path]:
        return sorted((self.release / assignment).glob("*.ipynb"))


def find_course_root(start: Path | None = None) -> CourseLayout:
    """Walk up from ``start`` (default: the working directory) to the folder with the config."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file() and (folder / SOURCE_DIR).is_dir():
            return CourseLayout(folder)
    raise CourseError(
        f"{here}: not inside the course repository (no {CONFIG_FILE} with a {SOURCE_DIR}/ "
        "folder here or above). Run `course` from the repository root or pass --root."
    )
