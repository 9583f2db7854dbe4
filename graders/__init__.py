"""The course's grading engine: release, verify, self-check and cohort grading.

Built on nbgrader's own converters, preprocessors and gradebook so that formgrader and every
``nbgrader`` command keep working on the same course directory.
"""

import sys

__version__ = "0.1.0"

# jsonschema's optional checker for the "iri" format (rfc3987-syntax 1.1) builds an Earley
# parser when imported: 2-5 s in every process that imports nbformat (python-jsonschema/
# jsonschema#1392, #1521). No notebook or nbgrader schema uses that format, so the course's
# own processes (the CLI, grading workers) go without it; other tools are unaffected.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
