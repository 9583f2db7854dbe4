"""Errors the ``course`` command reports to its user (never a traceback)."""


class CourseError(Exception):
    """A problem the user can fix; the message names the file and what is wrong."""
