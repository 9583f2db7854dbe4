"""The course site: a strict Jupyter Book build, complete, with no solutions in it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ASSIGNMENTS, LAYOUT, ROOT

HTML = ROOT / "_build" / "html"


@pytest.fixture(scope="module")
def built_site() -> Path:
    """Build the book exactly as `make book` does; warnings are errors."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run(
        [str(jupyter_book), "build", str(ROOT), "-W", "-n", "--keep-going"],
        cwd=ROOT, capture_output=True, text=True, timeout=1500,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"book build failed:\n{log[-6000:]}"
    warnings = [line for line in log.splitlines() if "WARNING" in line]
    assert warnings == [], "the strict build printed warnings:\n" + "\n".join(warnings)
    return HTML


def _toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections", []) + entry.get("chapters", []))

    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    return files


def test_every_toc_page_is_built(built_site: Path) -> None:
    for page in _toc_files():
        assert (built_site / f"{page}.html").is_file(), f"{page} is in _toc.yml but not built"


def test_every_chapter_notebook_and_exercise_is_in_the_site(built_site: Path) -> None:
    for notebook in sorted((ROOT / "book").glob("ch*/[0-9]*.ipynb")):
        page = built_site / notebook.relative_to(ROOT).with_suffix(".html")
        assert page.is_file(), f"{notebook.relative_to(ROOT)} is not in the site"
    for assignment in ASSIGNMENTS:
        page = built_site / "exercises" / assignment / f"{assignment}.html"
        assert page.is_file(), f"exercise page for {assignment} is missing"


def _solution_snippets() -> set[str]:
    """Distinctive lines that exist only in solutions/: solution code and hidden tests."""
    snippets: set[str] = set()
    block = re.compile(
        r"### BEGIN (SOLUTION|HIDDEN TESTS)(.*?)### END (SOLUTION|HIDDEN TESTS)", re.S
    )
    released = "\n".join(
        p.read_text(encoding="utf-8") for a in ASSIGNMENTS for p in LAYOUT.released_notebooks(a)
    )
    for assignment in ASSIGNMENTS:
        for notebook in LAYOUT.source_notebooks(assignment):
            nb = nbformat.read(notebook, as_version=4)
            for cell in nb.cells:
                for match in block.finditer(cell.source):
                    for line in match.group(2).splitlines():
                        line = " ".join(line.split())
                        if len(line) >= 25 and line not in released:
                            snippets.add(line)
    return snippets


def test_no_solution_reaches_the_site(built_site: Path) -> None:
    snippets = _solution_snippets()
    leaks = []
    readable = {".html", ".ipynb", ".txt", ".js", ".md", ".py"}
    for path in built_site.rglob("*"):
        if path.suffix not in readable or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        if path.suffix == ".html":  # code is split into highlighting spans: compare plain text
            text = BeautifulSoup(text, "html.parser").get_text()
        text = " ".join(text.split())
        for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS"):
            if marker in text:
                leaks.append(f"{path}: '{marker}'")
        leaks += [f"{path}: {s!r}" for s in snippets if s in text]
    assert leaks == [], "solution text found in the built site:\n" + "\n".join(leaks[:20])
