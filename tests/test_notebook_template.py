"""Every narrative notebook follows the chapter template (docs/authoring.md)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "book").glob("ch*/[0-9]*.ipynb"))


def _headings(nb: nbformat.NotebookNode) -> list[tuple[int, str]]:
    found = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        in_fence = False
        for line in cell.source.splitlines():
            if line.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
            match = re.match(r"^(#{1,6})\s+(.*)", line)
            if match and not in_fence:
                found.append((len(match.group(1)), match.group(2).strip()))
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "book")))
def test_template(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    opening = nb.cells[0].source.lower()
    for part in ("learning objectives", "estimated time", "prerequisites"):
        assert part in opening, f"{path.name}: the first cell must state its {part}"
    h2 = [title.lower() for level, title in _headings(nb) if level == 2]
    assert h2[-2:] == ["summary", "further reading"], (
        f"{path.name}: the last two sections must be Summary and Further reading, got {h2[-2:]}")
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "Think!" in text, f"{path.name}: needs at least one 'Think!' question"
    levels = [level for level, _ in _headings(nb)]
    assert levels.count(1) == 1, f"{path.name}: exactly one title (#) heading"
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"{path.name}: heading level jumps from {before} to {after}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "book")))
def test_figures_have_alt_text(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for index, cell in enumerate(nb.cells):
        images = [o for o in cell.get("outputs", [])
                  if any(k.startswith("image/") for k in o.get("data", {}))]
        if images:
            alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
            assert len(alt) > 15, f"{path.name} cell {index}: a figure needs alt text in " \
                                  "metadata mystnb.image.alt"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "book")))
def test_figures_have_opaque_backgrounds(path: Path) -> None:
    """Transparent figures vanish on the dark theme: every PNG's corners must be opaque."""
    import base64
    import io

    from PIL import Image

    nb = nbformat.read(path, as_version=4)
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get("image/png")
            if not data:
                continue
            image = Image.open(io.BytesIO(base64.b64decode(data))).convert("RGBA")
            width, height = image.size  # inset: Graphviz anti-aliases its last pixel row
            corners = [(3, 3), (width - 4, 3), (3, height - 4), (width - 4, height - 4)]
            alphas = [image.getpixel(xy)[3] for xy in corners]
            assert min(alphas) == 255, (f"{path.name} cell {index}: figure has a transparent "
                                        "background; set facecolor/bgcolor to white")
