"""The ``course`` command: one entry point for authors, learners and instructors."""

from __future__ import annotations

import argparse
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

    report = check_notebook(Path(args.notebook), timeout=args.timeout)
    print(format_report(report))
    return 0 if report.all_passed else 1


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
    p.set_defaults(func=cmd_check)
    return parser


def _put_own_tools_on_path() -> None:
    """nbgrader runs ``alembic`` from PATH: make ``.venv/bin`` work without activation."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def main(argv: Sequence[str] | None = None) -> int:
    _put_own_tools_on_path()
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
