"""The ``course`` command: one entry point for authors, learners and instructors."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from graders.errors import CourseError
from graders.layout import CourseLayout, find_course_root


def _layout(args: argparse.Namespace) -> CourseLayout:
    if args.root:
        root = Path(args.root)
        if not root.is_dir():
            raise CourseError(f"{root}: --root is not a folder")
        return find_course_root(root)
    return find_course_root()


def _assignments(layout: CourseLayout, name: str | None) -> list[str]:
    return [layout.require_assignment(name)] if name else layout.assignments()


def cmd_release(args: argparse.Namespace) -> int:
    from graders.release import release, release_differences

    layout = _layout(args)
    failed = 0
    for assignment in _assignments(layout, args.assignment):
        if args.check:
            problems = release_differences(layout, assignment)
            for problem in problems:
                print(problem, file=sys.stderr)
            print(f"{assignment}: {'out of date' if problems else 'in sync with solutions/'}")
            failed += bool(problems)
        else:
            notebooks = release(layout, assignment)
            for notebook in notebooks:
                print(f"released {notebook.relative_to(layout.root)}")
    return 1 if failed else 0


def cmd_verify(args: argparse.Namespace) -> int:
    from graders.verify import verify

    layout = _layout(args)
    failed = 0
    for assignment in _assignments(layout, args.assignment):
        report = verify(layout, assignment)
        print(report.summary())
        failed += not report.ok
    print("verify: OK" if not failed else f"verify: {failed} assignment(s) FAILED")
    return 1 if failed else 0


def cmd_check(args: argparse.Namespace) -> int:
    from graders.selfcheck import check_notebook, format_report

    report = check_notebook(Path(args.notebook), timeout=args.timeout,
                            require_sandbox=args.require_sandbox)
    print(format_report(report))
    return 0 if report.all_passed else 1


def cmd_grade(args: argparse.Namespace) -> int:
    from graders.cohort import import_from_lms
    from graders.grade import grade_cohort
    from graders.nbgrader_course import course_config
    from graders.sandbox import load_limits

    layout = _layout(args)
    assignment = layout.require_assignment(args.assignment)
    limits = load_limits(course_config(layout), cell_timeout=args.cell_timeout,
                         notebook_timeout=args.notebook_timeout, memory_mb=args.memory_mb,
                         max_processes=args.max_processes, cpu_seconds=args.cpu_seconds,
                         require_sandbox=args.require_sandbox)
    if args.no_sandbox:
        limits = dataclasses.replace(limits, bubblewrap=False)
    if args.lms:
        import_from_lms(layout, assignment, Path(args.lms))
    summary = grade_cohort(layout, assignment, workers=args.workers, scheduler=args.scheduler,
                           force=args.force, limits=limits, progress=not args.no_progress)
    print(summary.text())
    if args.timings:
        Path(args.timings).write_text(json.dumps(
            {"seconds": summary.seconds, "outcomes": [dataclasses.asdict(o)
                                                      for o in summary.outcomes]}, indent=1))
    return 0 if summary.ok else 1


def cmd_report(args: argparse.Namespace) -> int:
    from graders.report import write_report

    layout = _layout(args)
    assignment = layout.require_assignment(args.assignment)
    output = Path(args.output) if args.output else layout.root / "reports" / assignment
    for path in write_report(layout, assignment, output):
        print(f"wrote {path}")
    return 0


def cmd_feedback(args: argparse.Namespace) -> int:
    from graders.feedback import write_feedback

    layout = _layout(args)
    written = write_feedback(layout, layout.require_assignment(args.assignment))
    print(f"wrote {len(written)} feedback page(s) under {layout.root / 'feedback'}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="course",
        description="From engineer to AI architect: release, verify and self-check exercises.",
    )
    parser.add_argument("--root", help="course repository root (default: found from the cwd)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show nbgrader's log")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "release",
        help="generate exercises/ from solutions/ with nbgrader",
        description="Generate the learner copy (stubs, visible tests, no outputs) of one or all "
        "assignments from solutions/ into exercises/.",
    )
    p.add_argument("assignment", nargs="?", help="e.g. ch1_foundations (default: all)")
    p.add_argument("--check", action="store_true",
                   help="only report whether exercises/ matches a fresh generation")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser(
        "verify",
        help="check the solution earns full marks and the untouched release zero",
        description="Autograde the solution and the untouched release with nbgrader (hidden "
        "tests included) in a temporary course; exit 1 unless the solution earns every "
        "automatic point and the release earns none.",
    )
    p.add_argument("assignment", nargs="?", help="e.g. ch1_foundations (default: all)")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser(
        "check",
        help="self-check: run your notebook and see which tasks pass",
        description="Run an exercise notebook in a fresh kernel and print, per task, pass/fail, "
        "the teaching message of each failing visible test, and your points so far. "
        "Exit 1 if a visible test fails.",
    )
    p.add_argument("notebook", help="e.g. exercises/ch1_foundations/ch1_foundations.ipynb")
    p.add_argument("--timeout", type=int, default=60, help="seconds allowed per cell (60)")
    p.add_argument("--require-sandbox", action="store_true",
                   help="fail unless the kernel can run in bubblewrap")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser(
        "grade",
        help="autograde a cohort in parallel into nbgrader's gradebook",
        description="Grade every submission in submitted/<student>/ASSIGNMENT/ with nbgrader's "
        "autograde semantics, in parallel, one gradebook writer, one transaction per "
        "submission. A rerun skips submissions already graded whose files did not change. "
        "Learner code runs in bubblewrap (no network, no view of the course) with resource "
        "limits. Exit 1 if any submission could not be graded or hit a limit (each is listed).",
    )
    p.add_argument("assignment", help="e.g. ch1_foundations")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="parallel local workers (default: number of cores)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="grade on an existing Dask cluster, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--lms", metavar="FOLDER",
                   help="first import files downloaded from an LMS (nbgrader zip_collect; files "
                   "named <student>_<notebook>.ipynb)")
    p.add_argument("--force", action="store_true", help="regrade unchanged submissions too")
    limits = p.add_argument_group(
        "limits on learner code", "defaults: c.CourseSandbox in nbgrader_config.py, else the "
        "values shown (see the README's threat model)")
    limits.add_argument("--cell-timeout", type=float, help="wall-clock seconds per cell (60)")
    limits.add_argument("--notebook-timeout", type=float,
                        help="wall-clock seconds per notebook (600)")
    limits.add_argument("--memory-mb", type=int, help="memory per notebook process, MiB (2048)")
    limits.add_argument("--max-processes", type=int,
                        help="processes + threads per notebook (64)")
    limits.add_argument("--cpu-seconds", type=int, help="CPU seconds per notebook (600)")
    limits.add_argument("--require-sandbox", action="store_true",
                        help="fail instead of warning when bubblewrap is unavailable")
    limits.add_argument("--no-sandbox", action="store_true",
                        help="do not use bubblewrap (resource limits only)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--timings", metavar="FILE",
                   help="also write each submission's outcome and time in its cells as JSON")
    p.set_defaults(func=cmd_grade)

    p = sub.add_parser(
        "report",
        help="grades CSV, per-question statistics and an HTML report",
        description="Write grades.csv (the format of `nbgrader export`), questions.csv (mean, "
        "pass rate, discrimination index per question) and report.html (score distribution, "
        "difficulty vs discrimination, submissions that could not be graded).",
    )
    p.add_argument("assignment", help="e.g. ch1_foundations")
    p.add_argument("--output", help="folder for the files (default: reports/ASSIGNMENT)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "feedback",
        help="per-learner HTML feedback that never shows hidden tests",
        description="Write feedback/<student>/ASSIGNMENT/<notebook>.html for every autograded "
        "submission: each task's points, the visible tests, and the message of each failed "
        "check — never the source of a hidden test. `nbgrader release_feedback` distributes "
        "them.",
    )
    p.add_argument("assignment", help="e.g. ch1_foundations")
    p.set_defaults(func=cmd_feedback)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR)
    if not args.verbose:
        # nbgrader's gradebook code trips SQLAlchemy's autoflush warnings; they are noise here.
        warnings.filterwarnings("ignore", module="nbgrader")
        warnings.filterwarnings("ignore", message=".*not in session.*")
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except CourseError as exc:
        print(f"course {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"course {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
