"""Hostile submissions: one ``course grade`` run over a cohort of real ch1 notebooks that try
to hang, exhaust, escape, cheat or crash the grader, or attack the harness inside their own
process (ADR 6), beside an honest correct and partial one.

Each hostile notebook is the correct submission with one answer cell (or test cell, or its
metadata) replaced. For every kind we check: grading finished within its bound, the grade is
the one it deserves (the correct submission's per-cell scores, except the tests it cheated
or broke), honest learners' grades equal a run without the hostile ones, and nothing outside
the grader's working directories changed.
"""

from __future__ import annotations

import hashlib
import html
import json
import shutil
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
from cohorts import (
    answered_release,
    auto_scores,
    gradebook_rows,
    write_submission,
    wrong_assignment,
)
from conftest import ASSIGNMENTS, LAYOUT, copy_course, run_course, solution_snippets

from graders.protect import Guard, Pristine
from graders.sandbox import bubblewrap_problem

A = "ch1_foundations"
pytestmark = pytest.mark.skipif(A not in ASSIGNMENTS, reason="needs chapter 1")
LIMITS = ["--cell-timeout", "3", "--notebook-timeout", "20", "--memory-mb", "512",
          "--max-processes", "32", "--cpu-seconds", "8"]
RUN_BOUND = 240  # seconds for the whole hostile cohort (39 notebooks) on 2 cores
TESTS = [c.metadata["nbgrader"]["grade_id"]  # the autograder tests, in notebook order
         for c in (nbformat.read(LAYOUT.source / A / f"{A}.ipynb", as_version=4).cells
                   if A in ASSIGNMENTS else [])
         if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")
         and not c.metadata["nbgrader"].get("solution")]
# tests that start a subprocess (Graphviz renders the diagram): a learner's fork or thread
# bomb whose processes are still alive leaves no room for it
SUBPROCESS_TESTS = {t for t in TESTS if "diagram" in t}


def after(test: str) -> set[str]:
    """``test`` and every test below it: what a process that stopped just before loses."""
    return set(TESTS[TESTS.index(test):])


@dataclass
class Kind:
    """A hostile submission: answer cells replaced (appended after the correct code when
    ``keep_answer``), and the tests that must earn zero."""

    name: str
    replace: dict[str, str] = field(default_factory=dict)
    zero: set[str] = field(default_factory=set)
    keep_answer: bool = True
    edit: object = None            # callable(notebook) for test-cell / metadata tampering
    raw: str | None = None         # the submitted text itself (malformed, wrong assignment)
    incident: str = ""             # expected in the summary line for this learner
    tampering: str = ""            # caught: all zero, flagged for review, with this reason


def _kinds(root: Path, outside: Path, port: int, host_tmp: Path) -> list[Kind]:
    solutions = root / "solutions" / A / f"{A}.ipynb"
    other = root / "submitted" / "honest-correct" / A / f"{A}.ipynb"
    probe_paths = [root / "gradebook.db", solutions, other]

    def delete_test(nb: nbformat.NotebookNode) -> None:
        nb.cells = [c for c in nb.cells if _gid(c) != "ch1-estimate-tokens"]

    def edit_test(nb: nbformat.NotebookNode) -> None:
        _cell(nb, "ch1-e2e-latency").source = "pass  # the learner 'fixed' the test"

    def change_metadata(nb: nbformat.NotebookNode) -> None:
        test = _cell(nb, "ch1-context-budget")
        test.metadata.nbgrader["points"] = 100
        test["id"] = "my-own-id"
        answer = _cell(nb, "ch1-context-budget-answer")
        answer.metadata.nbgrader["locked"] = True

    return [
        Kind("infinite-loop", {"ch1-estimate-tokens-answer": "while True:\n    pass"},
             incident="CellTimeoutError: the cell ran longer than its 3 s time limit "
                      "(cell ch1-estimate-tokens-answer)"),
        Kind("ignores-timeout", {"ch1-blast-radius-answer":
                                 "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
                                 "while True:\n    pass"},
             zero=after("ch1-blast-radius"),
             incident="did not stop at its alarm; the grader ended its process (cell "
                      "ch1-blast-radius-answer)"),
        Kind("memory-bomb", {"ch1-llm-capacity-answer":
                             "def _bomb():\n    hog = []\n    while True:\n"
                             "        hog.append(bytearray(32 * 2**20))\n_bomb()"},
             incident="MemoryError: memory limit 512 MiB exceeded in cell "
                      "ch1-llm-capacity-answer"),
        Kind("fork-bomb", {"ch1-first-to-break-answer":
                           "import os, time\n_children = []\ntry:\n    while True:\n"
                           "        if os.fork() == 0:\n            time.sleep(60)\n"
                           "            os._exit(0)\n        _children.append(1)\n"
                           "finally:\n    print('forked', len(_children))"},
             zero=SUBPROCESS_TESTS, incident="ProcessLimitError: process/thread limit 32"),
        Kind("thread-bomb", {"ch1-calls-per-request-answer":
                             "import threading, time\n_threads = 0\ntry:\n    while True:\n"
                             "        threading.Thread(target=time.sleep, args=(60,), "
                             "daemon=True).start()\n        _threads += 1\n"
                             "finally:\n    print('threads', _threads)"},
             zero=SUBPROCESS_TESTS, incident="ProcessLimitError: process/thread limit 32"),
        Kind("network", {"ch1-request-cost-answer":
                         "import socket\ntry:\n"
                         f"    socket.create_connection(('127.0.0.1', {port}), timeout=2)"
                         ".sendall(b'LEAK')\n    print('NETWORK OPEN')\n"
                         "except OSError as e:\n    print('network blocked:', e)"}),
        Kind("write-outside", {"ch1-e2e-latency-answer": _write_attempts(
            [root / "pwned.txt", solutions, root / "gradebook.db", outside, host_tmp])}),
        Kind("read-secrets", {"ch1-estimate-tokens-answer": _read_attempts(probe_paths)},
             zero={"ch1-estimate-tokens"}, keep_answer=False),
        Kind("delete-test", {"ch1-estimate-tokens-answer":
                             "def estimate_tokens(text):\n    return 0"},
             zero={"ch1-estimate-tokens"}, keep_answer=False, edit=delete_test),
        Kind("edit-test", {"ch1-e2e-latency-answer": "def e2e_latency(*args):\n    return 0"},
             zero={"ch1-e2e-latency"}, keep_answer=False, edit=edit_test),
        Kind("change-metadata", {"ch1-context-budget-answer":
                                 "def fits_context(*a):\n    return True\n"
                                 "def max_chunks(*a):\n    return 0"},
             zero={"ch1-fits-context-test", "ch1-context-budget"}, keep_answer=False,
             edit=change_metadata),
        Kind("monkeypatch-math", {"ch1-request-cost-answer":
                                  "import math\nmath.isclose = lambda *a, **k: True\n"
                                  "def request_cost(*args):\n    return -1.0"},
             zero={"ch1-request-cost"}, keep_answer=False),  # monthly_cost gets the reference
        Kind("monkeypatch-builtins", {"ch1-estimate-tokens-answer": _ALWAYS_EQUAL +
                                      "import builtins\n_real = builtins.isinstance\n"
                                      "builtins.isinstance = lambda o, t: type(o) is "
                                      "_AlwaysEqual or _real(o, t)\n"
                                      "def estimate_tokens(text):\n    return _AlwaysEqual()"},
             zero={"ch1-estimate-tokens"}, keep_answer=False),
        Kind("shadow-globals", {"ch1-e2e-latency-answer": _ALWAYS_EQUAL +
                                "import sys, types\n_fake = types.ModuleType('math')\n"
                                "_fake.isclose = lambda *a, **k: True\n"
                                "sys.modules['math'] = _fake\nmath = _fake\n"
                                "isinstance = lambda *a: True\n"
                                "def e2e_latency(*args):\n    return _AlwaysEqual()",
                                "ch1-estimate-tokens-answer": _ALWAYS_EQUAL +
                                "isinstance = lambda *a: True\n"
                                "def estimate_tokens(text):\n    return _AlwaysEqual()"},
             zero={"ch1-e2e-latency", "ch1-estimate-tokens"}, keep_answer=False),
        Kind("exit-process", {"ch1-blast-radius-answer": "import os\nos._exit(0)"},
             zero=after("ch1-blast-radius"),
             incident="exited (status 0) in cell ch1-blast-radius-answer"),
        Kind("kill-itself", {"ch1-my-feature-model-answer":
                             "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"},
             zero=after("ch1-my-feature-model"),
             incident="killed by SIGKILL in cell ch1-my-feature-model-answer"),
        Kind("kill-grader", {"ch1-choose-store-answer":
                             "import os, signal\n"
                             "for _pid in (os.getppid(), 1, -1):\n    try:\n"
                             "        os.kill(_pid, signal.SIGKILL)\n"
                             "    except OSError as e:\n        print('kill', _pid, e)"}),
        Kind("sys-exit", {"ch1-monthly-cost-answer": "import sys\nsys.exit(3)"}),
        Kind("huge-output", {"ch1-dependency-graph-answer":
                             "for _ in range(100):\n    print('x' * 1_000_000)"}),
        Kind("keyboard-interrupt", {"ch1-context-budget-answer": "raise KeyboardInterrupt"}),
        Kind("symlink-to-gradebook", incident=""),
        *_harness_attacks(),
        Kind("malformed-json", raw="{\"cells\": [", incident="malformed JSON"),
        Kind("wrong-assignment", raw="WRONG", incident="wrong assignment"),
    ]


def _wrong(answer: str) -> str:
    """A wrong ``estimate_tokens`` after ``answer`` (the attack): it must not earn the task."""
    return answer + "\ndef estimate_tokens(text):\n    return -1"


# Attacks on the harness inside the learner's own process (ADR 6). Each comes with a wrong
# answer the attack tries to turn into a pass.
_HIDE_ERRORS = ("_orig = get_ipython().run_cell\n"
                "def _forged(*a, **k):\n"
                "    r = _orig(*a, **k)\n"
                "    r.error_in_exec = r.error_before_exec = None\n"
                "    return r\n"
                "get_ipython().run_cell = _forged\n"
                "get_ipython().showtraceback = lambda *a, **k: None\n")
_FORGE_CHANNEL = ("import os, json\n"
                  "_forged = [json.dumps({'index': i, 'count': i, 'outputs': [], "
                  "'tampering': [], 'error': None, 'seconds': 0}) for i in range(1, 200)]\n"
                  "for _fd in os.listdir('/proc/self/fd') if os.path.exists('/proc/self/fd') "
                  "else range(3, 64):\n"
                  "    try:\n"
                  "        os.write(int(_fd), ('\\n'.join(_forged) + '\\n').encode())\n"
                  "    except (OSError, ValueError):\n"
                  "        pass\n")
_LEAK_SOURCE = ("import inspect, traceback, linecache\n"
                "def estimate_tokens(text):\n"
                "    try:\n"
                "        _src = ''.join(inspect.stack()[1].code_context or [])\n"
                "    except Exception:\n"
                "        _src = ''.join(traceback.format_stack()) + "
                "str(list(linecache.cache))\n"
                "    raise AssertionError(_src)\n")


def _tampers(name: str, attack: str, reason: str) -> Kind:
    """An attack on the harness with a wrong answer: caught, so every grade is zero."""
    return Kind(name, {"ch1-estimate-tokens-answer": _wrong(attack)}, zero=set(TESTS),
                keep_answer=False, tampering=reason)


def _attempt(setup: str, *tries: str) -> str:
    """``setup``, then each expression in ``tries``, printing whether it was refused."""
    return (setup + "for _try in [" + ", ".join(f"lambda: {t}" for t in tries) + "]:\n"
            "    try:\n        print('NOT REFUSED', _try())\n"
            "    except Exception as e:\n        print('refused:', e)\n")


def _harness_attacks() -> list[Kind]:
    return [
        Kind("shell-instance-patch", {"ch1-estimate-tokens-answer": _wrong(_HIDE_ERRORS)},
             zero={"ch1-estimate-tokens"}, keep_answer=False),
        Kind("shell-class-patch", {"ch1-estimate-tokens-answer": _wrong(
            "from IPython.core.interactiveshell import InteractiveShell\n"
            "_orig = InteractiveShell.run_cell\n"
            "def _forged(self, *a, **k):\n"
            "    r = _orig(self, *a, **k)\n"
            "    r.error_in_exec = r.error_before_exec = None\n"
            "    return r\n"
            "InteractiveShell.run_cell = _forged\n")},
             zero={"ch1-estimate-tokens"}, keep_answer=False),
        Kind("result-object-patch", {"ch1-estimate-tokens-answer": _wrong(
            "from IPython.core.interactiveshell import ExecutionResult\n"
            "ExecutionResult.success = property(lambda self: True)\n"
            "ExecutionResult.error_in_exec = property(lambda self: None, lambda s, v: None)\n")},
             zero={"ch1-estimate-tokens"}, keep_answer=False),
        _tampers("serialisation-patch", "import json, json.encoder\n"
                 "_dumps = json.dumps\n"
                 "json.dumps = lambda o, *a, **k: _dumps(o, *a, **k).replace('error', 'x')\n"
                 "json.encoder.JSONEncoder.iterencode = lambda self, o, _one_shot=False: "
                 "iter(['{}'])\n", "JSONEncoder (iterencode)"),
        _tampers("harness-module-by-name", _attempt(
            "", "__import__('graders.cell_runner').cell_runner.__dict__.update("
                "error_output=lambda *a, **k: {})"), "importing the grader's module"),
        _tampers("harness-globals-via-handler",
                 "import signal\n_g = signal.getsignal(signal.SIGALRM).__globals__\n"
                 "_g['error_output'] = lambda *a, **k: {}\n"
                 "_g['__builtins__']['isinstance'] = lambda *a: False\n",
                 "changed the grader's module"),
        _tampers("forge-result-channel", _FORGE_CHANNEL, "did not send to its result channel"),
        Kind("signal-tamper", {"ch1-blast-radius-answer":
                               "import signal\n"
                               "signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])\n"
                               "signal.setitimer(signal.ITIMER_REAL, 0)\n"
                               "while True:\n    pass"},
             zero=after("ch1-blast-radius"),
             incident="did not stop at its alarm; the grader ended its process"),
        _tampers("frame-walking", _attempt(
            "import inspect, sys\n", "inspect.stack()", "sys._getframe(3).f_locals",
            "inspect.currentframe().f_back"), "calling sys._getframe"),
        _tampers("traceback-walking", _attempt(
            "try:\n    raise ValueError('probe')\nexcept ValueError as e:\n"
            "    _tb = e.__traceback__\n", "_tb.tb_frame.f_back.f_back.f_locals"),
            "reading tb_frame"),
        _tampers("gc-scan", _attempt(
            "import gc\n", "[o for o in gc.get_objects() if isinstance(o, dict) and "
            "'cells' in o]"), "calling gc.get_objects"),
        _tampers("audit-hook-tamper", _attempt(
            "import sys\nsys.addaudithook(lambda event, args: None)\n",
            "sys.settrace(lambda *a: None)",
            "__import__('ctypes').pythonapi.PySys_AddAuditHook",
            "open('/proc/self/mem', 'rb')"), "calling sys.addaudithook"),
        Kind("leak-through-exception", {"ch1-estimate-tokens-answer": _LEAK_SOURCE},
             zero=set(TESTS), keep_answer=False, tampering="calling sys._getframe"),
        Kind("patch-during-test", {"ch1-estimate-tokens-answer":
                                   "import threading, time, math\n"
                                   "def _keep_patching():\n"
                                   "    while True:\n"
                                   "        math.isclose = lambda *a, **k: True\n"
                                   "        time.sleep(0.0005)\n"
                                   "threading.Thread(target=_keep_patching, "
                                   "daemon=True).start()\n"
                                   "def estimate_tokens(text):\n"
                                   "    math.isclose = lambda *a, **k: True\n"
                                   "    return -1"},
             zero=set(TESTS), keep_answer=False, tampering="while a test cell ran"),
    ]


HARNESS_ATTACKS = [k.name for k in _harness_attacks()]
# attacks with no effect on any verdict: graded as the cells say, like nbgrader (no flag)
NEUTRALISED = ["shell-instance-patch", "shell-class-patch", "result-object-patch",
               "signal-tamper"]


_ALWAYS_EQUAL = ("class _AlwaysEqual:\n    def __eq__(self, other):\n        return True\n"
                 "    __hash__ = object.__hash__\n")


def _write_attempts(paths: list[Path]) -> str:
    lines = ["for _p in %r:" % [str(p) for p in paths],
             "    try:",
             "        with open(_p, 'a') as _f:",
             "            _f.write('PWNED')",
             "        print('wrote', _p)",
             "    except OSError as e:",
             "        print('write blocked:', _p, type(e).__name__)"]
    return "\n".join(lines)


def _read_attempts(paths: list[Path]) -> str:
    """Read the gradebook, the hidden tests and another learner's work; if the solution can be
    read, copy its answer (the cheat must fail)."""
    lines = ["import json, re",
             "for _p in %r:" % [str(p) for p in paths],
             "    try:",
             "        _text = open(_p, 'rb').read()",
             "        print('READ', _p, len(_text))",
             "    except OSError as e:",
             "        print('read blocked:', _p, type(e).__name__)",
             "try:",
             f"    _nb = json.load(open({str(paths[1])!r}))",
             "    for _c in _nb['cells']:",
             "        if 'def estimate_tokens' in ''.join(_c['source']):",
             "            exec(''.join(_c['source']))",
             "except OSError:",
             "    def estimate_tokens(text):",
             "        return -1"]
    return "\n".join(lines)


def _gid(cell: nbformat.NotebookNode) -> str | None:
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def _cell(nb: nbformat.NotebookNode, gid: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if _gid(c) == gid)


def _notebook(correct: nbformat.NotebookNode, kind: Kind) -> str:
    if kind.raw == "WRONG":
        return wrong_assignment(correct)
    if kind.raw is not None:
        return kind.raw
    nb = nbformat.reads(nbformat.writes(correct), as_version=4)
    for gid, source in kind.replace.items():
        cell = _cell(nb, gid)
        cell.source = (cell.source + "\n\n" + source) if kind.keep_answer else source
    if kind.edit is not None:
        kind.edit(nb)
    return nbformat.writes(nb)


def _fingerprints(root: Path) -> dict[str, str]:
    """Every file of the course except what grading writes."""
    skip = {"gradebook.db", "autograded", "feedback"}
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file() and not p.is_symlink() and p.relative_to(root).parts[0] not in skip}


def scores(root: Path) -> dict[str, dict[str, float]]:
    result: dict[str, dict[str, float]] = {}
    for (student, cell), score in auto_scores(root).items():
        result.setdefault(student, {})[cell] = score or 0.0
    return result


class Listener:
    """A TCP server on the host's loopback that counts who reaches it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port, self.hits, self.stop = self.sock.getsockname()[1], 0, False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            conn.close()

    def close(self) -> None:
        self.stop = True
        self.thread.join()
        self.sock.close()


@dataclass
class Run:
    root: Path
    stdout: str
    seconds: float
    kinds: dict[str, Kind]
    scores: dict[str, dict[str, float]]
    baseline: dict[str, dict[str, float]]
    before: dict[str, str]
    after: dict[str, str]
    flagged: dict[str, bool]
    outside: Path
    host_tmp: Path
    network_hits: int

    def summary_line(self, student: str) -> str:
        return next((line for line in self.stdout.splitlines()
                     if line.strip().startswith(f"{student}:")), "")

    def autograded(self, student: str) -> Path:
        return self.root / "autograded" / student / A / f"{A}.ipynb"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Run:
    if bubblewrap_problem() is not None:
        pytest.skip(f"no sandbox here: {bubblewrap_problem()}")
    base = tmp_path_factory.mktemp("hostile")
    root = base / "course"
    layout = copy_course(root, A)
    released = run_course("release", A, cwd=root)
    assert released.returncode == 0, released.stderr
    correct = answered_release(layout, A)
    partial = (Path(__file__).parent / "fixtures" / A / "partial.ipynb").read_text()
    honest = {"honest-correct": nbformat.writes(correct), "honest-partial": partial}

    baseline_root = base / "baseline"
    shutil.copytree(root, baseline_root)
    for student, text in honest.items():
        write_submission(root, student, A, text)
        write_submission(baseline_root, student, A, text)

    outside = base / "outside-sentinel.txt"
    outside.write_text("untouched\n")
    host_tmp = Path("/tmp") / f"course-hostile-{uuid.uuid4().hex}"
    listener = Listener()
    kinds = {k.name: k for k in _kinds(root, outside, listener.port, host_tmp)}
    for kind in kinds.values():
        write_submission(root, f"x-{kind.name}", A, _notebook(correct, kind))
    folder = root / "submitted" / "x-symlink-to-gradebook" / A
    (folder / "stolen.db").symlink_to(root / "gradebook.db")
    (folder / "peek.ipynb.txt").symlink_to(root / "submitted" / "honest-correct" / A /
                                           f"{A}.ipynb")
    before = _fingerprints(root)
    try:
        started = time.monotonic()
        result = run_course("grade", A, "--workers", "2", "--no-progress", "--require-sandbox",
                            *LIMITS, cwd=root, timeout=RUN_BOUND * 2)
        seconds = time.monotonic() - started
        baseline = run_course("grade", A, "--workers", "2", "--no-progress", *LIMITS,
                              cwd=baseline_root)
        assert baseline.returncode == 0, baseline.stdout + baseline.stderr
    finally:
        listener.close()
    print(result.stdout)
    after_grading = _fingerprints(root)
    feedback = run_course("feedback", A, cwd=root)
    assert feedback.returncode == 0, feedback.stdout + feedback.stderr
    flagged: dict[str, bool] = {}
    for student, _cell, _score, needs_review in gradebook_rows(root):
        flagged[student] = flagged.get(student, True) and bool(needs_review)
    return Run(root, result.stdout + result.stderr, seconds, kinds, scores(root),
               scores(baseline_root), before, after_grading, flagged, outside, host_tmp,
               listener.hits)


# --- the run as a whole --------------------------------------------------------------------


def test_the_hostile_cohort_is_graded_within_its_bound(hostile: Run) -> None:
    assert hostile.seconds < RUN_BOUND, hostile.stdout
    assert "could not be graded" in hostile.stdout
    graded = set(hostile.scores)
    expected = {f"x-{k}" for k in hostile.kinds} | {"honest-correct", "honest-partial"}
    assert graded == expected, hostile.stdout  # every submission is recorded


def test_honest_learners_are_unaffected(hostile: Run) -> None:
    for student in ("honest-correct", "honest-partial"):
        assert hostile.scores[student] == hostile.baseline[student]
        assert hostile.summary_line(student) == ""  # no incident reported for them
    assert sum(hostile.scores["honest-correct"].values()) == 26


def test_nothing_outside_the_working_directory_changed(hostile: Run) -> None:
    assert hostile.after == hostile.before
    assert hostile.outside.read_text() == "untouched\n"
    assert not hostile.host_tmp.exists()
    assert not (hostile.root / "pwned.txt").exists()


@pytest.mark.parametrize("name", [
    "infinite-loop", "ignores-timeout", "memory-bomb", "fork-bomb", "thread-bomb", "network",
    "write-outside", "read-secrets", "delete-test", "edit-test", "change-metadata",
    "monkeypatch-math", "monkeypatch-builtins", "shadow-globals", "exit-process",
    "kill-itself", "kill-grader", "sys-exit", "huge-output", "keyboard-interrupt",
    "symlink-to-gradebook", *NEUTRALISED])
def test_each_hostile_submission_gets_the_grade_it_deserves(hostile: Run, name: str) -> None:
    kind, student = hostile.kinds[name], f"x-{name}"
    reference = hostile.scores["honest-correct"]
    expected = {cell: 0.0 if cell in kind.zero else score for cell, score in reference.items()}
    assert hostile.scores[student] == expected, hostile.summary_line(student)
    assert kind.incident in hostile.summary_line(student), hostile.stdout
    if not kind.incident:
        assert hostile.summary_line(student) == "", hostile.summary_line(student)


@pytest.mark.parametrize("name", [k for k in HARNESS_ATTACKS if k not in NEUTRALISED])
def test_tampering_is_zero_and_flagged_for_review(hostile: Run, name: str) -> None:
    kind, student = hostile.kinds[name], f"x-{name}"
    assert set(hostile.scores[student].values()) == {0.0}, hostile.summary_line(student)
    assert hostile.flagged[student], "every grade of a tampering submission needs review"
    line = hostile.summary_line(student)
    assert "ZERO, flagged for review" in line and kind.tampering in line, line


def test_harness_attacks_gain_nothing_and_honest_grades_hold(hostile: Run) -> None:
    # the attacks above are graded in the same run as the honest learners
    assert len(HARNESS_ATTACKS) >= 10
    for name in HARNESS_ATTACKS:
        zero = hostile.kinds[name].zero
        assert zero and all(hostile.scores[f"x-{name}"][t] == 0.0 for t in zero), name
    assert not hostile.flagged["honest-correct"] and not hostile.flagged["honest-partial"]


def test_feedback_never_shows_hidden_tests(hostile: Run) -> None:
    pages = "\n".join(p.read_text() for p in (hostile.root / "feedback").rglob("*.html"))
    assert "x-leak-through-exception" in pages or (
        hostile.root / "feedback" / "x-leak-through-exception").exists()
    # hidden-test lines that are not also solution code (a learner's own answer may hold them)
    hidden = solution_snippets([A], blocks="HIDDEN TESTS") - solution_snippets([A], "SOLUTION")
    assert hidden, "the assignment has hidden tests to look for"
    normalised = " ".join(html.unescape(pages).replace("`", "").split())
    assert not [line for line in hidden if line in normalised]
    assert "BEGIN HIDDEN TESTS" not in pages


@pytest.mark.parametrize("name", ["malformed-json", "wrong-assignment"])
def test_broken_submissions_are_zero_and_listed(hostile: Run, name: str) -> None:
    assert set(hostile.scores[f"x-{name}"].values()) == {0.0}
    assert "NOT GRADED" in hostile.summary_line(f"x-{name}")
    assert hostile.kinds[name].incident in hostile.summary_line(f"x-{name}")


# --- what the hostile code saw -------------------------------------------------------------


def _outputs(run: Run, name: str, gid: str) -> str:
    nb = nbformat.read(run.autograded(f"x-{name}"), as_version=4)
    return json.dumps(_cell(nb, gid).outputs)


def test_no_network(hostile: Run) -> None:
    assert hostile.network_hits == 0
    assert "network blocked" in _outputs(hostile, "network", "ch1-request-cost-answer")


def test_no_writes_or_reads_outside(hostile: Run) -> None:
    writes = _outputs(hostile, "write-outside", "ch1-e2e-latency-answer")
    assert writes.count("write blocked") == 4, writes  # the private /tmp absorbs the 5th
    reads = _outputs(hostile, "read-secrets", "ch1-estimate-tokens-answer")
    assert reads.count("read blocked") == 3 and "READ" not in reads, reads


def test_processes_and_threads_are_really_limited(hostile: Run) -> None:
    forked = _outputs(hostile, "fork-bomb", "ch1-first-to-break-answer")
    threads = _outputs(hostile, "thread-bomb", "ch1-calls-per-request-answer")
    assert int(forked.split("forked ")[1].split("\\n")[0]) < 32, forked
    assert int(threads.split("threads ")[1].split("\\n")[0]) < 32, threads


def test_the_grader_cannot_be_killed(hostile: Run) -> None:
    out = _outputs(hostile, "kill-grader", "ch1-choose-store-answer")
    assert out.count("Operation not permitted") + out.count("No such process") >= 2, out


def test_huge_output_is_truncated(hostile: Run) -> None:
    path = hostile.autograded("x-huge-output")
    assert path.stat().st_size < 5_000_000
    assert "output truncated" in path.read_text()


def test_symlinked_files_are_not_shipped(hostile: Run) -> None:
    folder = hostile.autograded("x-symlink-to-gradebook").parent
    shipped = {p.name for p in folder.iterdir()}
    assert "stolen.db" not in shipped and "peek.ipynb.txt" not in shipped


# --- the protection mechanism, in-process -------------------------------------------------


def test_guard_restores_helpers_for_tests_and_the_learners_state_after() -> None:
    import builtins
    import math

    pristine = Pristine.take(["builtins", "math"])
    real_isclose, real_isinstance = math.isclose, builtins.isinstance
    ns: dict = {"__builtins__": builtins}
    guard = Guard(pristine, ns)
    with guard.locked_cell():
        ns["LIMIT"] = 10
    try:
        math.isclose = lambda *a, **k: True
        ns.update(isinstance=lambda *a: True, LIMIT=0)
        with guard.test_cell():
            assert math.isclose is real_isclose and "isinstance" not in ns
            assert ns["LIMIT"] == 10
            ns["_result"] = 1
        assert math.isclose is not real_isclose and ns["LIMIT"] == 0 and "isinstance" in ns
        assert ns["_result"] == 1
    finally:
        math.isclose = real_isclose
        builtins.isinstance = real_isinstance


def test_a_message_quoting_a_hidden_test_is_redacted() -> None:
    from nbformat import from_dict

    from graders.selfcheck import HIDDEN_FAILED, REDACTED, failure_message

    visible = "assert f(1) == 2, 'f(1) should be 2'"
    source = (visible + "\n### BEGIN HIDDEN TESTS\nassert f(10) == 42, 'f(10) should be 42'\n"
              "### END HIDDEN TESTS")

    def failed(evalue: str, line: int) -> nbformat.NotebookNode:
        return from_dict({"cell_type": "code", "source": source, "metadata": {}, "outputs": [
            {"output_type": "error", "ename": "AssertionError", "evalue": evalue,
             "traceback": [f'  File "<test cell t>", line {line}, in <module>\n']}]})

    assert failure_message(failed("f(1) should be 2", 1), visible) == (
        "AssertionError: f(1) should be 2")
    assert failure_message(failed("f(10) should be 42", 3), visible) == HIDDEN_FAILED
    leaked = failure_message(failed(source, 1), visible)  # the learner raised the test's text
    assert "42" not in leaked and "HIDDEN" not in leaked and REDACTED in leaked
