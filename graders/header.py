"""The exercise header: nbgrader's ``IncludeHeaderFooter`` with the notebook's own path.

``solutions/header.ipynb`` is shared by every assignment; in its cells (ids starting with
``course-header``) ``{assignment}`` and ``{notebook}`` become the assignment and notebook
names, so each learner copy shows a ``course check`` command that runs as it is.
"""

from __future__ import annotations

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import IncludeHeaderFooter

HEADER_CELL_PREFIX = "course-header"


class IncludeCourseHeader(IncludeHeaderFooter):
    """Add the header cells, then fill in the notebook's assignment and name."""

    def preprocess(self, nb: NotebookNode,
                   resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        nb, resources = super().preprocess(nb, resources)
        names = {"{assignment}": resources["nbgrader"]["assignment"],
                 "{notebook}": resources["nbgrader"]["notebook"]}
        for cell in nb.cells:
            if str(cell.get("id", "")).startswith(HEADER_CELL_PREFIX):
                for placeholder, value in names.items():
                    cell.source = cell.source.replace(placeholder, value)
        return nb, resources
