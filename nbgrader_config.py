"""nbgrader configuration: maps nbgrader's course directory onto this repository.

solutions/<assignment>/   nbgrader's "source" step   (instructor copy: solutions + hidden tests)
exercises/<assignment>/   nbgrader's "release" step  (what learners open; generated, committed)
submitted/, autograded/, feedback/  as in nbgrader (git-ignored, instructor-only)
"""

import os

c = get_config()  # noqa: F821  (injected by traitlets when nbgrader loads this file)
here = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "engineer-to-ai-architect"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
# The gradebook defaults to sqlite:///<root>/gradebook.db; any SQLAlchemy URL works here.

# The header notebook lives with the sources; its path must follow source_directory.
# (nbgrader opens it relative to the working directory, so make it absolute.)
c.IncludeHeaderFooter.header = os.path.join(here, "solutions", "header.ipynb")
# ... with the notebook's own path filled into its `course check` command (graders/header.py).
try:
    from nbgrader.converters import GenerateAssignment
    from nbgrader.preprocessors import IncludeHeaderFooter

    from graders.header import IncludeCourseHeader
except ImportError:  # nbgrader run outside the course's environment: the plain header
    pass
else:
    c.GenerateAssignment.preprocessors = [
        IncludeCourseHeader if step is IncludeHeaderFooter else step
        for step in GenerateAssignment.class_traits()["preprocessors"].default()
    ]

# Learners see this stub in place of each solution block.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Released notebooks carry no outputs; autograding gives each cell at most this long.
c.ClearOutput.enabled = True
c.ExecutePreprocessor.timeout = 120
c.Execute.timeout = 120

# Files next to the notebooks that are released with them (data the exercise reads).
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "*.png", "*.db"]

# Files downloaded from an LMS (`nbgrader zip_collect`, or `course grade --lms FOLDER`) are
# named <student>_<notebook>.ipynb, e.g. "ada_ch1_foundations.ipynb".
c.FileNameCollectorPlugin.named_regexp = r".*/(?P<student_id>[A-Za-z0-9.\-]+)_(?P<file_id>[^/]+)"

