"""Inside the forked child: run each code cell, and report what it showed as a kernel would.

The child (see ``warm_executor``) drops to its own uid with resource limits (``confine``),
runs the cells in the warm process's pristine IPython shell under a per-cell alarm, guards
the autograder's test cells (``protect``) and streams one JSON line per cell to the warm
process: Jupyter outputs (stream, display_data, execute_result, error), so nbgrader's own
``determine_grade`` scores them exactly as it scores a kernel's. A limit that fires inside a
cell becomes an error output on that cell, naming the limit.
"""

from __future__ import annotations

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


class _Recorder:
    """Collects one cell's outputs the way a Jupyter kernel reports them."""

    def __init__(self, shell: Any, limits: SandboxLimits) -> None:
        self.shell, self.limits = shell, limits

    def execute(self, source: str) -> tuple[Any, _BoundedStream, _BoundedStream, Any]:
        """Run one cell's source under the cell time limit, capturing what it shows."""
        with _captured(self.limits.max_output_bytes) as (out, err, captured):
            signal.setitimer(signal.ITIMER_REAL, self.limits.cell_timeout)
            try:
                result = self.shell.run_cell(source, store_history=False)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        return result, out, err, captured

    def outputs(self, ran: tuple[Any, _BoundedStream, _BoundedStream, Any], count: int,
                name: str) -> list[dict]:
        """The cell's Jupyter outputs."""
        result, out, err, captured = ran
        limits = self.limits
        outputs: list[dict] = []
        for stream_name, stream in (("stdout", out), ("stderr", err)):
            text = stream.getvalue()
            if text:
                outputs.append({"output_type": "stream", "name": stream_name, "text": text})
        budget = limits.max_output_bytes
        for rich in captured.outputs:
            size = len(json.dumps(rich.data, default=str))
            budget -= size
            if budget < 0:
                outputs.append({"output_type": "stream", "name": "stdout", "text":
                                f"... display output of {size:,} bytes dropped (limit "
                                f"{limits.max_output_bytes:,} bytes per cell) ...\n"})
                break
            outputs.append({"output_type": "display_data", "data": rich.data,
                            "metadata": rich.metadata or {}})
        error = result.error_before_exec or result.error_in_exec
        if error is not None:
            outputs.append(self._error(error, name))
            # the traceback keeps the failing frames alive (e.g. a memory bomb's list)
            traceback.clear_frames(error.__traceback__)
            error.__traceback__ = None
        elif result.result is not None:
            data, metadata = self.shell.display_formatter.format(result.result)
            outputs.append({"output_type": "execute_result", "execution_count": count,
                            "data": data, "metadata": metadata})
        self.shell.last_execution_result = None
        for name_ in ("last_type", "last_value", "last_traceback", "last_exc"):
            with contextlib.suppress(AttributeError):
                delattr(sys, name_)
        return outputs

    def _error(self, error: BaseException, name: str) -> dict:
        stb = traceback.format_exception(type(error), error, error.__traceback__)
        stb = [line[:10_000] for line in stb[-50:]]  # a recursion error's traceback is huge
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
        return error_output(type(error).__name__, str(error)[:10_000], stb)


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
    trusted: frozenset[str] = field(default_factory=frozenset)  # cell ids the gradebook knows
    env: dict[str, str] = field(default_factory=dict)           # for the learner's code


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


def child_main(context: ChildContext, notebook: dict, workdir: str, limits: SandboxLimits,
               write_fd: int) -> None:
    """Run every code cell, streaming one JSON line per cell; never returns."""
    status = 0
    try:
        _own_workdir(workdir, context.uid)
        os.chdir(workdir)
        _child_environment(workdir, context.env)
        tempfile.tempdir = workdir
        confine(limits, context.uid, keep_fds=(write_fd,))
        sys.path.insert(0, workdir)
        signal.signal(signal.SIGALRM, _alarm_handler(limits.cell_timeout))
        recorder = _Recorder(context.shell, limits)
        guard = Guard(context.pristine, context.shell.user_ns)
        out = os.fdopen(write_fd, "w", buffering=1)
        main_pid, count = os.getpid(), 0
        for index, cell in enumerate(notebook["cells"]):
            if cell.get("cell_type") != "code":
                continue
            count += 1
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            kind = _cell_kind(cell, context.trusted)
            scope = {"test": guard.test_cell, "locked": guard.locked_cell}.get(
                kind, contextlib.nullcontext)
            started = time.perf_counter()
            with scope():
                ran = recorder.execute(source)
            if os.getpid() != main_pid:  # a copy forked by learner code never reports
                os._exit(0)
            with guard.harness():
                outputs = recorder.outputs(ran, count, cell_name(cell))
                del ran
                record = {"index": index, "count": count, "outputs": outputs,
                          "seconds": time.perf_counter() - started}
                out.write(json.dumps(record) + "\n")
        out.flush()
    except BaseException:  # the child must never fall back into the warm process's loop
        status = 1
    finally:
        os._exit(status)
