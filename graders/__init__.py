"""The course's grading engine: release, verify, self-check (and, later, cohort grading).

Built on nbgrader's own converters, preprocessors and gradebook so that formgrader and every
``nbgrader`` command keep working on the same course directory.
"""

__version__ = "0.1.0"
