"""Inside the forked child: run each code cell, and report what it showed as a kernel would.

The child (see ``warm_executor``) drops to its own uid with resource limits (``confine``),
installs the audit hook (``audit``), and runs the cells under a per-cell alarm: the learner's
answer cells in the warm process's pristine IPython shell, the instructor's locked and test
cells (those the gradebook knows) through the grader's own executor, whose verdict — did the
cell raise — is taken in the grader's frame with references captured before any learner code
(``compile``, ``exec``, the AST types, a C JSON encoder), never from IPython's objects that
learner code can patch. It guards the test cells (``protect``) and streams one JSON line per
cell to the warm process, sealed with a per-notebook secret: Jupyter outputs (stream,
display_data, execute_result, error), so nbgrader's own ``determine_grade`` scores them exactly
as it scores a kernel's, plus the verdict and whatever tampering the hook or the guard saw. A
limit that fires inside a cell becomes an error output on that cell, naming the limit.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import errno
import json
import os
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graders.audit import Policy, install
from graders.confine import can_switch_uid, confine
from graders.protect import Guard, Pristine
from graders.sandbox import SandboxLimits

# This module's own copy of the builtins: learner code that patches ``builtins`` in the child
# cannot change what the grader's functions here call.
__builtins__ = dict(vars(builtins))

# Libraries must not start thread pools before we fork. Figures go inline, as in a Jupyter
# kernel: matplotlib loads that backend (and it hooks into the shell) when a cell imports it.
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
              "NUMEXPR_NUM_THREADS": "1", "MPLBACKEND": INLINE_BACKEND}
CHILD_ENV_KEEP = {"PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "NBGRADER_EXECUTION",
                  "SOURCE_DATE_EPOCH"}


TAMPERING_ERROR = "GraderTamperingError"  # the ename of what the grader caught


class CellTimeoutError(Exception):
    """Raised inside a cell that runs longer than its time limit."""


def error_output(ename: str, evalue: str, traceback: list[str] | None = None) -> dict:
    return {"output_type": "error", "ename": ename, "evalue": evalue,
            "traceback": traceback or [f"{ename}: {evalue}"]}


def cell_name(cell: dict) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or cell.get("id") or "?"


class _BoundedStream:
    """A ``sys.stdout`` that keeps the first ``limit`` characters and counts the rest."""

    encoding, errors = "utf-8", "replace"

    def __init__(self, limit: int) -> None:
        self.limit, self.parts, self.kept, self.dropped = limit, [], 0, 0

    def write(self, text: str) -> int:
        text = str(text)
        room = self.limit - self.kept
        if room > 0:
            self.parts.append(text[:room])
            self.kept += min(room, len(text))
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError("captured output has no file descriptor")

    def getvalue(self) -> str:
        text = "".join(self.parts)
        if self.dropped:
            text += (f"\n... output truncated: {self.dropped:,} more characters were dropped "
                     f"(limit {self.limit:,}) ...\n")
        return text


@contextlib.contextmanager
def _captured(limit: int) -> Iterator[tuple[_BoundedStream, _BoundedStream, Any]]:
    from IPython.utils.capture import capture_output

    out, err = _BoundedStream(limit), _BoundedStream(limit)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        with capture_output(stdout=False, stderr=False, display=True) as captured:
            yield out, err, captured
    finally:
        sys.stdout, sys.stderr = saved


@dataclass(frozen=True)
class Ran:
    """What one cell did: its exception (the verdict), its value, and what it showed."""

    error: BaseException | None
    value: Any
    out: _BoundedStream
    err: _BoundedStream
    captured: Any
    own: bool            # run by the grader's own executor (locked and test cells)


class _Recorder:
    """Collects one cell's outputs the way a Jupyter kernel reports them."""

    def __init__(self, shell: Any, limits: SandboxLimits) -> None:
        self.shell, self.limits = shell, limits
        self.formatter = shell.display_formatter

    def execute(self, source: str) -> Ran:
        """Run one answer cell's source in IPython under the cell time limit."""
        with _captured(self.limits.max_output_bytes) as (out, err, captured):
            signal.setitimer(signal.ITIMER_REAL, self.limits.cell_timeout)
            try:
                result = self.shell.run_cell(source, store_history=False)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        error = result.error_before_exec or result.error_in_exec
        return Ran(error, result.result, out, err, captured, own=False)

    def outputs(self, ran: Ran, count: int, name: str) -> list[dict]:
        """The cell's Jupyter outputs."""
        limits = self.limits
        outputs: list[dict] = []
        for stream_name, stream in (("stdout", ran.out), ("stderr", ran.err)):
            text = stream.getvalue()
            if text:
                outputs.append({"output_type": "stream", "name": stream_name, "text": text})
        budget = limits.max_output_bytes
        for rich in ran.captured.outputs:
            size = len(json.dumps(rich.data, default=str))
            budget -= size
            if budget < 0:
                outputs.append({"output_type": "stream", "name": "stdout", "text":
                                f"... display output of {size:,} bytes dropped (limit "
                                f"{limits.max_output_bytes:,} bytes per cell) ...\n"})
                break
            outputs.append({"output_type": "display_data", "data": rich.data,
                            "metadata": rich.metadata or {}})
        error = ran.error
        if error is not None:
            outputs.append(self.error(error, name))
            # the traceback keeps the failing frames alive (e.g. a memory bomb's list)
            traceback.clear_frames(error.__traceback__)
            error.__traceback__ = None
        elif ran.value is not None:
            data, metadata = self.formatter.format(ran.value)
            outputs.append({"output_type": "execute_result", "execution_count": count,
                            "data": data, "metadata": metadata})
        self.shell.last_execution_result = None
        for name_ in ("last_type", "last_value", "last_traceback", "last_exc"):
            with contextlib.suppress(AttributeError):
                delattr(sys, name_)
        return outputs

    def error(self, error: BaseException, name: str) -> dict:
        """The error output for ``error``; whatever learner code made of the exception (a
        ``__str__`` that raises, a class that lies about its name), it stays an error."""
        try:
            return self._error(error, name)
        except BaseException:
            return error_output("Error", f"an exception the grader could not describe "
                                f"(cell {name})")

    def _error(self, error: BaseException, name: str) -> dict:
        stb = traceback.format_exception(type(error), error, error.__traceback__)
        stb = [str(line)[:10_000] for line in stb[-50:]]  # a recursion error's is huge
        if isinstance(error, MemoryError):
            return error_output("MemoryError", f"memory limit {self.limits.memory_text()} "
                                f"exceeded in cell {name}", stb)
        if isinstance(error, CellTimeoutError):
            return error_output("CellTimeoutError", f"{error} (cell {name})", stb)
        if (isinstance(error, BlockingIOError) and error.errno == errno.EAGAIN) or (
                isinstance(error, RuntimeError) and "can't start new thread" in str(error)):
            return error_output("ProcessLimitError", f"process/thread limit "
                                f"{self.limits.max_processes} (or memory limit "
                                f"{self.limits.memory_text()}) reached in cell {name}: {error}",
                                stb)
        return error_output(str(type(error).__name__), str(error)[:10_000], stb)


def _alarm_handler(limit: float):
    def on_alarm(signum: int, frame: Any) -> None:
        raise CellTimeoutError(f"the cell ran longer than its {limit:g} s time limit")

    return on_alarm


@dataclass
class ChildContext:
    """What the warm process hands each forked child besides the notebook."""

    shell: Any
    pristine: Pristine
    uid: int | None
    policy: Policy | None = None
    transform: Any = None                                      # IPython's cell transformer
    encode: Any = None                                         # a C JSON encoder
    trusted: frozenset[str] = field(default_factory=frozenset)  # cell ids the gradebook knows
    env: dict[str, str] = field(default_factory=dict)           # for the learner's code


def own_references(shell: Any) -> tuple[Any, Any]:
    """Built in the warm process, before any learner code: IPython's cell transformer (for a
    locked or test cell that uses a magic) and a JSON encoder that is C code, whose
    behaviour no patch of ``json`` can change."""
    from json.encoder import c_make_encoder, encode_basestring_ascii

    from IPython.core.inputtransformer2 import TransformerManager

    def unserialisable(value: Any) -> str:
        return f"<{type(value).__name__} value>"

    encode = None
    if c_make_encoder is not None:
        encode = c_make_encoder({}, unserialisable, encode_basestring_ascii, None, ": ",
                                ", ", False, False, True)
    return TransformerManager().transform_cell, encode


def _cell_kind(cell: dict, trusted: frozenset[str]) -> str:
    """'test' (autograder tests), 'locked' (instructor code) or 'answer'."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    if meta.get("grade_id") not in trusted or meta.get("solution"):
        return "answer"
    if meta.get("grade"):
        return "test"
    return "locked" if meta.get("locked") else "answer"


def _own_workdir(workdir: str, uid: int | None) -> None:
    if uid is None or not can_switch_uid():
        return
    for folder, dirs, files in os.walk(workdir):
        for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
            os.chown(name, uid, uid)


def _child_environment(workdir: str, env: dict[str, str]) -> None:
    """Learner code sees a minimal environment: none of the grader's variables (tokens...)."""
    keep = {k: v for k, v in os.environ.items() if k in CHILD_ENV_KEEP}
    os.environ.clear()
    os.environ.update({**keep, **env, **THREAD_ENV, "HOME": workdir, "TMPDIR": workdir,
                       "MPLCONFIGDIR": os.path.join(workdir, ".matplotlib")})


def _not_dumpable() -> None:
    """Other processes of the learner's uid (a subprocess it starts) cannot read this one's
    memory through ``/proc/<pid>/mem`` or ptrace: ``prctl(PR_SET_DUMPABLE, 0)``."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)


def child_main(context: ChildContext, notebook: dict, workdir: str, limits: SandboxLimits,
               write_fd: int, seal: str = "") -> None:
    """Run every code cell, streaming one sealed JSON line per cell; never returns.

    Everything the loop needs is bound to this frame's locals before the first cell: learner
    code cannot reach a frame (the audit hook), so ``seal``, the pipe and these references are
    out of its reach; module globals it could rebind are not used for the verdict.
    """
    status = 0
    try:
        _own_workdir(workdir, context.uid)
        os.chdir(workdir)
        _child_environment(workdir, context.env)
        tempfile.tempdir = workdir
        confine(limits, context.uid, keep_fds=(write_fd,))
        _not_dumpable()
        sys.path.insert(0, workdir)
        on_alarm = _alarm_handler(limits.cell_timeout)
        set_handler, set_timer, real_timer = signal.signal, signal.setitimer, signal.ITIMER_REAL
        write, getpid, perf_counter, join = os.write, os.getpid, time.perf_counter, "".join
        recorder = _Recorder(context.shell, limits)
        run_answer, record_outputs, describe = recorder.execute, recorder.outputs, recorder.error
        run_own, captured = _run_own, _captured
        transform = context.transform or (lambda source: source)
        encode = context.encode or json.JSONEncoder().iterencode
        refusals = install(context.policy or Policy.take(), workdir)
        reasons = refusals.reasons
        guard = Guard(context.pristine, context.shell.user_ns, reasons, refusals.code_changed,
                      refusals.changed_functions)
        test_scope, locked_scope, harness = guard.test_cell, guard.locked_cell, guard.harness
        user_ns = context.shell.user_ns
        context.pristine.hide()
        main_pid, count = getpid(), 0
        for index, cell in enumerate(notebook["cells"]):
            if cell.get("cell_type") != "code":
                continue
            count += 1
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            kind = _cell_kind(cell, context.trusted)
            name = cell_name(cell)
            started = perf_counter()
            set_handler(signal.SIGALRM, on_alarm)  # whatever the previous cell made of it
            if kind == "answer":
                ran = run_answer(source)
            else:
                scope = test_scope if kind == "test" else locked_scope
                with scope():
                    ran = run_own(source, f"<{kind} cell {name}>", user_ns, transform,
                                  limits, captured, set_timer, real_timer)
            if getpid() != main_pid:  # a copy forked by learner code never reports
                os._exit(0)
            with harness():
                try:
                    outputs = record_outputs(ran, count, name)
                except BaseException:
                    outputs = [describe(ran.error, name)] if ran.error is not None else []
                verdict = describe(ran.error, name) if ran.error is not None else None
                del ran
                caught = reasons[:]
                del reasons[:]
                if caught:
                    outputs.append(error_output(TAMPERING_ERROR, f"the grader caught tampering "
                                                f"in cell {name}: " + "; ".join(caught[:10])))
                record = {"index": index, "count": count, "outputs": outputs,
                          "error": verdict if kind == "test" else None,
                          "tampering": caught, "seconds": perf_counter() - started,
                          "seal": seal}
                try:
                    text = join(encode(record, 0))
                except BaseException:  # outputs learner code made unserialisable
                    record["outputs"] = [verdict] if verdict is not None else []
                    text = join(encode(record, 0))
                line = (text + "\n").encode("utf-8", "replace")
            while line:
                line = line[write(write_fd, line):]
    except BaseException:  # the child must never fall back into the warm process's loop
        status = 1
    finally:
        os._exit(status)


_AST_ONLY, _EXPR, _EXPRESSION = ast.PyCF_ONLY_AST, ast.Expr, ast.Expression


def _run_own(source: str, filename: str, namespace: dict, transform: Any,
             limits: SandboxLimits, captured: Any, set_timer: Any, real_timer: int,
             compile: Any = compile, exec: Any = exec, eval: Any = eval, type: Any = type,
             ast_only: int = _AST_ONLY, expr: type = _EXPR,
             expression: type = _EXPRESSION, ran: type = Ran) -> Ran:
    """Run an instructor's cell with the grader's own ``compile``/``exec`` (this module's
    builtins), without IPython: whether it raised is decided here. The source is not put in
    ``linecache`` (a traceback shows line numbers, never a hidden test's text). Its last
    expression's value is shown as a kernel shows it."""
    error, value = None, None
    with captured(limits.max_output_bytes) as (out, err, capture):
        set_timer(real_timer, limits.cell_timeout)
        try:
            try:
                tree = compile(source, filename, "exec", ast_only)
            except SyntaxError:
                tree = compile(transform(source), filename, "exec", ast_only)
            body, last = tree.body, None
            if body and type(body[-1]) is expr:
                last = expression(body.pop().value)
            exec(compile(tree, filename, "exec"), namespace)
            if last is not None:
                value = eval(compile(last, filename, "eval"), namespace)
        except BaseException as exc:  # noqa: BLE001 - the verdict: any exception fails
            error = exc
            if exc.__traceback__ is not None:  # from the cell's own frame on
                exc.__traceback__ = exc.__traceback__.tb_next
        finally:
            set_timer(real_timer, 0)
    return ran(error, value, out, err, capture, own=True)
