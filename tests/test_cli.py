"""The ``course`` command's help and its errors on bad input: clear, naming the file, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, run_course


@pytest.mark.parametrize("command", [[], ["release"], ["verify"], ["check"]])
def test_help(command: list[str]) -> None:
    result = run_course(*command, "--help")
    assert result.returncode == 0
    assert "usage: course" in result.stdout


def test_check_missing_file() -> None:
    result = run_course("check", "no/such/notebook.ipynb")
    assert result.returncode == 2
    assert "no/such/notebook.ipynb: file not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_not_a_notebook() -> None:
    result = run_course("check", "README.md")
    assert result.returncode == 2
    assert "README.md: not a notebook" in result.stderr


def test_check_malformed_json(tmp_path: Path) -> None:
    bad = tmp_path / "broken.ipynb"
    bad.write_text('{"cells": [', encoding="utf-8")
    result = run_course("check", str(bad))
    assert result.returncode == 2
    assert f"{bad}: not a notebook: malformed JSON" in result.stderr


def test_check_notebook_without_tests(tmp_path: Path) -> None:
    plain = tmp_path / "plain.ipynb"
    plain.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    result = run_course("check", str(plain))
    assert result.returncode == 2
    assert "no autograded test cells" in result.stderr


@pytest.mark.parametrize("command", ["release", "verify"])
def test_unknown_assignment(command: str) -> None:
    result = run_course(command, "ch9_no_such_chapter")
    assert result.returncode == 2
    assert "no such assignment 'ch9_no_such_chapter'" in result.stderr
    assert "Known assignments:" in result.stderr


def test_outside_the_course(tmp_path: Path) -> None:
    result = run_course("verify", cwd=tmp_path)
    assert result.returncode == 2
    assert "not inside the course repository" in result.stderr


def test_root_option_must_be_a_folder() -> None:
    result = run_course("--root", str(ROOT / "README.md"), "verify")
    assert result.returncode == 2
    assert "--root is not a folder" in result.stderr
