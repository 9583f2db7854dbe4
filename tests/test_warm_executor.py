"""The warm process and its confined children, without a gradebook: what a cell shows is
recorded as a Jupyter kernel would show it, and what a notebook leaves running is ended."""

from __future__ import annotations

import json
import os
import sys
import time
import types

import pytest

from graders.confine import can_switch_uid, kill_uid, processes_of, sandbox_uid
from graders.protect import Guard, Pristine
from graders.sandbox import SandboxLimits
from graders.warm_executor import WarmExecutor


def _notebook(*sources: str) -> dict:
    cells = [{"cell_type": "code", "id": f"c{i}", "metadata": {}, "source": source,
              "outputs": [], "execution_count": None} for i, source in enumerate(sources)]
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}


def test_a_figure_is_recorded_inline_as_in_a_kernel() -> None:
    # The assignment does not import matplotlib, so the warm process has not loaded it: the
    # learner's import picks the inline backend, as in a Jupyter kernel.
    limits = SandboxLimits()
    executor = WarmExecutor([], limits)
    try:
        ran = executor.execute(_notebook(
            "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [3, 1, 2])\n"
            "plt.title('p95 latency by day')",
            "print('after the figure')"), limits)
    finally:
        executor.close()
    outputs = ran["cells"][0]["outputs"]
    kinds = [(o["output_type"], sorted(o.get("data", {}))) for o in outputs]
    assert any(kind == "display_data" and "image/png" in data for kind, data in kinds), (
        f"a learner's matplotlib figure must reach formgrader as an inline PNG, got {kinds}")
    assert ran["cells"][1]["outputs"] == [
        {"output_type": "stream", "name": "stdout", "text": "after the figure\n"}]


@pytest.mark.parametrize("preload", [["matplotlib"], ["matplotlib.pyplot", "numpy"]])
def test_an_assignment_that_imports_matplotlib_starts_and_draws_inline(preload) -> None:
    # The warm process loads what the assignment imports and turns on inline figures before
    # any learner code: IPython calls the shell's enable_gui then, which the base shell lacks.
    limits = SandboxLimits()
    executor = WarmExecutor(preload, limits)
    try:
        ran = executor.execute(_notebook(
            "import matplotlib.pyplot as plt\nplt.plot([1, 2], [2, 1])\nplt.show()",
            "import matplotlib\nprint(matplotlib.get_backend())"), limits)
    finally:
        executor.close()
    first, second = (cell["outputs"] for cell in ran["cells"])
    assert any(o["output_type"] == "display_data" and "image/png" in o.get("data", {})
               for o in first), f"no inline figure: {first}"
    assert "inline" in second[0]["text"], second


def test_without_the_sandbox_a_cell_can_import_any_standard_module() -> None:
    # The fallback without bubblewrap must not hand the child a uid that cannot read Python
    # (e.g. pyenv under /root): a module the warm process had not loaded must still import.
    limits = SandboxLimits(bubblewrap=False)
    executor = WarmExecutor([], limits)
    try:
        ran = executor.execute(_notebook(
            "import hashlib, zipfile\nprint(hashlib.sha256(b'').hexdigest()[:8])"), limits)
    finally:
        executor.close()
    assert ran["cells"][0]["outputs"] == [
        {"output_type": "stream", "name": "stdout", "text": "e3b0c442\n"}], (
        "without the sandbox, grading must still run ordinary learner code")


@pytest.mark.skipif(not can_switch_uid(), reason="switching uid needs root")
def test_what_a_notebook_leaves_running_is_killed() -> None:
    uid = sandbox_uid()
    assert processes_of(uid) == []
    pid = os.fork()
    if pid == 0:  # a notebook's process that leaves an orphan behind
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        if os.fork() == 0:
            time.sleep(120)
        os._exit(0)
    os.waitpid(pid, 0)
    for _ in range(100):
        if processes_of(uid):
            break
        time.sleep(0.05)
    assert len(processes_of(uid)) == 1, "the orphan should be running under the notebook's uid"
    kill_uid(uid)
    assert processes_of(uid) == [], "kill_uid must end every process of the notebook's uid"


def test_guard_restores_function_code_and_defaults_then_the_learners_again() -> None:
    module = types.ModuleType("helpers")

    def close_enough(a: float, b: float, *, tolerance: float = 1e-9) -> bool:
        return abs(a - b) <= tolerance

    module.close_enough = close_enough
    sys.modules["helpers"] = module
    try:
        guard = Guard(Pristine.take(["helpers"]), {})
        cheat = (lambda a, b, *, tolerance=1e-9: True).__code__
        close_enough.__code__, close_enough.__kwdefaults__ = cheat, {"tolerance": 1e9}
        with guard.test_cell():
            assert close_enough(1.0, 2.0) is False, "the test must see the real helper"
        assert close_enough(1.0, 2.0) is True, "answer cells keep the learner's own patch"
    finally:
        del sys.modules["helpers"]


def test_guard_leaves_an_unpatched_state_uncopied() -> None:
    import builtins

    guard = Guard(Pristine.take(["builtins", "math", "json"]), {"__builtins__": builtins})
    saved = guard._save(list(guard.pristine.modules), everything=True)
    assert saved.modules == {"builtins": None, "math": None, "json": None}
    assert saved.functions is None
    json.dumps({})  # still works after the checks


def test_guard_keeps_a_submodule_imported_lazily_after_the_snapshot() -> None:
    # numpy imports numpy.rec on first use of ``np.rec`` (module __getattr__): removing the
    # attribute while sys.modules keeps the submodule makes the next use recurse forever.
    parent = types.ModuleType("lazypkg")
    sys.modules["lazypkg"] = parent
    try:
        guard = Guard(Pristine.take(["lazypkg"]), {})
        child = types.ModuleType("lazypkg.rec")
        sys.modules["lazypkg.rec"], parent.rec = child, child   # a learner's first np.rec
        parent.cheat = object()                                 # a learner's patch
        with guard.test_cell():
            assert parent.rec is child, "the lazily imported submodule must stay"
            assert not hasattr(parent, "cheat"), "what the learner added must go"
        assert parent.cheat is not None
    finally:
        sys.modules.pop("lazypkg", None)
        sys.modules.pop("lazypkg.rec", None)


def test_a_library_compiling_its_own_wrapper_is_no_change_but_a_swapped_code_is() -> None:
    # networkx's argmap decorators replace their own __code__ on the first call: a correct
    # notebook whose test cell is the first to call nx.topological_sort must not look like
    # tampering. A learner's code object, even one named like argmap's, still is a change.
    from networkx.utils.decorators import argmap

    from graders.protect import _Functions

    @argmap(lambda n: n + 1, 0)
    def successor(n: int) -> int:
        return n

    functions = _Functions.of([successor])
    assert successor(1) == 2 and functions.hold(), "argmap's own compilation is pristine"
    cheat = compile("def successor(n, *, _argmap__wrapper=None):\n    return 99\n",
                    "<class 'networkx.utils.decorators.argmap'> compilation 999", "exec")
    successor.__code__ = [c for c in cheat.co_consts if isinstance(c, types.CodeType)][0]
    assert not functions.hold(), "a learner's code swap must count as a change"


# --- ADR 6: verdicts learner code cannot forge -----------------------------------------------


def _graded(*cells: tuple[str, str]) -> tuple[dict, frozenset[str]]:
    """A notebook of ("answer" | "test", source) cells; test cells are autograder tests the
    gradebook knows."""
    notebook = _notebook(*(source for _, source in cells))
    trusted = set()
    for (kind, _), cell in zip(cells, notebook["cells"], strict=True):
        if kind == "test":
            cell["metadata"]["nbgrader"] = {"grade": True, "solution": False, "locked": True,
                                            "grade_id": cell["id"], "points": 1}
            trusted.add(cell["id"])
    return notebook, frozenset(trusted)


def _run_graded(limits: SandboxLimits, *cells: tuple[str, str]) -> dict:
    executor = WarmExecutor(["pandas"], limits)
    try:
        results, _ = executor.call("graders.warm_executor:execute_in_workdir",
                                   [_graded(*cells)], {}, limits, {})
    finally:
        executor.close()
    return results[0]


def _enames(result: dict) -> list[list[str]]:
    return [[o.get("ename", o["output_type"]) for o in cell["outputs"]]
            for cell in result["notebook"]["cells"]]


def test_a_cell_that_ignores_its_alarm_costs_the_cell_limit_not_the_notebook() -> None:
    limits = SandboxLimits(cell_timeout=1, notebook_timeout=120, cpu_seconds=120)
    started = time.monotonic()
    result = _run_graded(limits, ("answer", "import signal\n"
                                  "signal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
                                  "while True:\n    pass"), ("test", "assert True"))
    elapsed = time.monotonic() - started
    assert elapsed < 30, f"an alarm-ignoring cell held the worker {elapsed:.0f} s"
    assert _enames(result) == [["CellTimeoutError"], ["NotRunError"]]


def test_a_test_fails_whatever_answer_cells_did_to_ipython() -> None:
    result = _run_graded(SandboxLimits(), (
        "answer", "ip = get_ipython()\n_run = ip.run_cell\n"
                  "def _forged(*a, **k):\n    r = _run(*a, **k)\n"
                  "    r.error_in_exec = r.error_before_exec = None\n    return r\n"
                  "ip.run_cell = _forged\nip.showtraceback = lambda *a, **k: None"),
        ("test", "assert 1 == 2, 'the answer is wrong'"))
    assert _enames(result)[1] == ["AssertionError"]
    assert result["tampering"] == []  # neutralised: no verdict depends on the shell


def test_forged_result_lines_are_tampering() -> None:
    forge = ("import os, json\nline = json.dumps({'index': 1, 'count': 2, 'outputs': [], "
             "'tampering': [], 'error': None, 'seconds': 0}) + '\\n'\n"
             "for fd in range(3, 64):\n    try:\n        os.write(fd, line.encode())\n"
             "    except OSError:\n        pass")
    result = _run_graded(SandboxLimits(), ("answer", forge), ("test", "assert False"))
    assert any("result channel" in reason for reason in result["tampering"]), result
    assert "GraderTamperingError" in _enames(result)[0] + _enames(result)[1]


def test_libraries_may_look_at_frames_learner_code_may_not() -> None:
    trusted_uses = ("import warnings, traceback, typing, collections, pandas as pd\n"
                    "from pandas.util._exceptions import find_stack_level\n"
                    "level = find_stack_level()\n"
                    "try:\n    1 / 0\nexcept ZeroDivisionError:\n"
                    "    text = traceback.format_exc()\n"
                    "Point = collections.namedtuple('Point', 'x y')\nT = typing.TypeVar('T')\n"
                    "with warnings.catch_warnings(record=True):\n"
                    "    pd.DataFrame({'a': [1]}).to_dict('r' if False else 'list')\n"
                    "print('ok', level > 0, 'ZeroDivisionError' in text)")
    result = _run_graded(SandboxLimits(), ("answer", trusted_uses))
    assert result["tampering"] == [], result["tampering"]
    assert result["notebook"]["cells"][0]["outputs"][0]["text"] == "ok True True\n"
    result = _run_graded(SandboxLimits(), ("answer", "import inspect\ninspect.stack()"))
    assert result["tampering"] == ["calling sys._getframe"], result["tampering"]
