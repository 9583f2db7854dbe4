"""Run each notebook in a fresh process forked from a warm one.

A *warm process* is started once per worker (spawned, so it is clean and single-threaded),
imports the libraries the assignment uses and builds an IPython shell. For every notebook it
forks a child: the child runs the cells in that pristine shell and streams each cell's
outputs back, then exits. Learners' code therefore always starts from a fresh process (its
monkeypatches and crashes die with it) without paying for a kernel start and the imports each
time — the cost that dominates nbgrader's sequential autograde.

Outputs are recorded as Jupyter outputs (stream, display_data, execute_result, error), so
nbgrader's own ``determine_grade`` scores them exactly as it scores a kernel's.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

# Libraries must not start thread pools before we fork.
THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
              "NUMEXPR_NUM_THREADS": "1", "MPLBACKEND": "Agg"}


@dataclass(frozen=True)
class ExecutionLimits:
    """Time and output limits for one notebook (seconds, bytes)."""

    cell_timeout: float = 60.0
    notebook_timeout: float = 300.0
    max_output_bytes: int = 1_000_000


class CellTimeoutError(Exception):
    """Raised inside a cell that runs longer than its time limit."""


def error_output(ename: str, evalue: str, traceback: list[str] | None = None) -> dict:
    return {"output_type": "error", "ename": ename, "evalue": evalue,
            "traceback": traceback or [f"{ename}: {evalue}"]}


# --- inside the forked child ---------------------------------------------------------------


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n... output truncated at {limit:,} characters ...\n"


class _Recorder:
    """Collects one cell's outputs the way a Jupyter kernel reports them."""

    def __init__(self, shell: Any, limit: int) -> None:
        self.shell, self.limit, self.outputs = shell, limit, []

    def run(self, source: str, count: int, timeout: float) -> list[dict]:
        from IPython.utils.capture import capture_output

        with capture_output(stdout=True, stderr=True, display=True) as captured:
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                result = self.shell.run_cell(source, store_history=False)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        outputs: list[dict] = []
        for name, text in (("stdout", captured.stdout), ("stderr", captured.stderr)):
            if text:
                outputs.append({"output_type": "stream", "name": name,
                                "text": _truncate(text, self.limit)})
        for rich in captured.outputs:
            outputs.append({"output_type": "display_data", "data": rich.data,
                            "metadata": rich.metadata or {}})
        error = result.error_before_exec or result.error_in_exec
        if error is not None:
            stb = traceback.format_exception(type(error), error, error.__traceback__)
            outputs.append(error_output(type(error).__name__, str(error), stb))
        elif result.result is not None:
            data, metadata = self.shell.display_formatter.format(result.result)
            outputs.append({"output_type": "execute_result", "execution_count": count,
                            "data": data, "metadata": metadata})
        return outputs


def _alarm_handler(limit: float):
    def on_alarm(signum: int, frame: Any) -> None:
        raise CellTimeoutError(f"the cell ran longer than its {limit:g} s time limit")

    return on_alarm


def _child_main(shell: Any, notebook: dict, workdir: str, limits: ExecutionLimits,
                write_fd: int) -> None:
    """Run every code cell, streaming one JSON line per cell; never returns."""
    status = 0
    try:
        os.chdir(workdir)
        sys.path.insert(0, workdir)
        signal.signal(signal.SIGALRM, _alarm_handler(limits.cell_timeout))
        recorder = _Recorder(shell, limits.max_output_bytes)
        out = os.fdopen(write_fd, "w", buffering=1)
        count = 0
        for index, cell in enumerate(notebook["cells"]):
            if cell.get("cell_type") != "code":
                continue
            count += 1
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            started = time.perf_counter()
            outputs = recorder.run(source, count, limits.cell_timeout)
            record = {"index": index, "count": count, "outputs": outputs,
                      "seconds": time.perf_counter() - started}
            out.write(json.dumps(record) + "\n")
        out.flush()
    except BaseException:  # the child must never fall back into the warm process's loop
        status = 1
    finally:
        os._exit(status)


# --- the warm process ------------------------------------------------------------------------


def _make_shell() -> Any:
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    shell = InteractiveShell.instance(config=config)
    # errors become outputs (with a plain traceback we build), never printed or colourised
    shell.showtraceback = lambda *args, **kwargs: None
    shell.showsyntaxerror = lambda *args, **kwargs: None
    # the value of a cell's last expression becomes an execute_result, never a printed "Out[n]"
    shell.displayhook.write_output_prompt = lambda: None
    shell.displayhook.write_format_data = lambda *args, **kwargs: None
    with contextlib.suppress(Exception):  # matplotlib is optional
        shell.enable_matplotlib("inline")
    return shell


def _collect(read_fd: int, pid: int, notebook: dict, limits: ExecutionLimits) -> dict:
    """Read the child's per-cell results until it exits or runs out of time."""
    deadline = time.monotonic() + limits.notebook_timeout
    buffer, results, timed_out = b"", {}, False
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            timed_out = True
            os.kill(pid, signal.SIGKILL)
            break
        ready, _, _ = select.select([read_fd], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(read_fd, 1 << 16)
        if not chunk:
            break
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            record = json.loads(line)
            results[record["index"]] = record
    os.close(read_fd)
    _, status = os.waitpid(pid, 0)
    return _merge(notebook, results, timed_out, status, limits)


def _merge(notebook: dict, results: dict, timed_out: bool, status: int,
           limits: ExecutionLimits) -> dict:
    """Put outputs into the notebook; cells that never ran get an error saying why."""
    if timed_out:
        reason = error_output("NotebookTimeoutError",
                              f"the notebook ran longer than {limits.notebook_timeout:g} s; "
                              "this cell did not finish")
    elif os.WIFSIGNALED(status):
        reason = error_output("DeadKernelError",
                              f"the notebook's process was killed by signal "
                              f"{os.WTERMSIG(status)} before this cell finished")
    else:
        reason = error_output("DeadKernelError",
                              f"the notebook's process exited (status "
                              f"{os.WEXITSTATUS(status)}) before this cell ran")
    for index, cell in enumerate(notebook["cells"]):
        if cell.get("cell_type") != "code":
            continue
        record = results.get(index)
        cell["outputs"] = record["outputs"] if record else [reason]
        cell["execution_count"] = record["count"] if record else None
    seconds = sum(record["seconds"] for record in results.values())
    return {"notebook": notebook, "execution_seconds": seconds}


def run_forked(shell: Any, notebook: dict, workdir: str, limits: ExecutionLimits) -> dict:
    """Execute ``notebook`` in a child forked from this (warm) process.

    Returns ``{"notebook": <the notebook with outputs>, "execution_seconds": <time in cells>}``.
    """
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never returns
        os.close(read_fd)
        _child_main(shell, notebook, workdir, limits, write_fd)
    os.close(write_fd)
    return _collect(read_fd, pid, notebook, limits)


def _resolve(dotted: str) -> Callable[..., Any]:
    module, _, name = dotted.partition(":")
    return getattr(importlib.import_module(module), name)


def _serve(conn: Connection, preload: list[str]) -> None:
    """The warm process: import, build the shell once, then serve requests until EOF.

    A request is ``(dotted_function, args)``; the function is called as
    ``function(*args, run=run)`` where ``run(notebook, workdir, limits)`` executes a notebook
    in a fresh forked child. The reply is ``("ok", value)`` or ``("error", message)``.
    """
    os.environ.update(THREAD_ENV)
    for module in preload:
        # a module this machine lacks fails again, visibly, in the learner's cell
        with contextlib.suppress(Exception):
            importlib.import_module(module)
    shell = _make_shell()

    def run(notebook: dict, workdir: str, limits: ExecutionLimits) -> dict:
        return run_forked(shell, notebook, workdir, limits)

    conn.send("ready")
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        dotted, args = request
        try:
            reply = ("ok", _resolve(dotted)(*args, run=run))
        except Exception as exc:
            reply = ("error", f"{type(exc).__name__}: {exc}")
        conn.send(reply)


def execute_notebook(notebook: dict, workdir: str, limits: ExecutionLimits, *,
                     run: Callable[..., dict]) -> dict:
    """The simplest request: run one notebook as it is; return it with outputs."""
    return run(notebook, workdir, limits)["notebook"]


class WarmExecutor:
    """Handle on a warm process; ``execute`` is blocking and not thread-safe (one per thread).

    The warm process is a plain subprocess (``python -m graders.warm_executor``) talking over a
    socket pair, so it can be started from anywhere — including daemonic Dask workers, which
    may not start ``multiprocessing`` children.
    """

    def __init__(self, preload: list[str]) -> None:
        ours, theirs = socket.socketpair()
        env = {**os.environ, **THREAD_ENV}
        self._process = subprocess.Popen(
            [sys.executable, "-m", "graders.warm_executor", str(theirs.fileno()), *preload],
            pass_fds=[theirs.fileno()], env=env, stdin=subprocess.DEVNULL,
        )
        theirs.close()
        self._conn = Connection(ours.detach())
        self._ready = False

    def wait_ready(self) -> None:
        if not self._ready:
            if self._conn.recv() != "ready":
                raise RuntimeError("warm process failed to start")
            self._ready = True

    def call(self, dotted: str, *args: Any) -> Any:
        """Call ``module:function`` in the warm process (see ``_serve``); re-raise its error."""
        self.wait_ready()
        self._conn.send((dotted, args))
        status, value = self._conn.recv()
        if status != "ok":
            raise RuntimeError(value)
        return value

    def execute(self, notebook: dict, workdir: str, limits: ExecutionLimits) -> dict:
        """Run ``notebook`` (nbformat v4 as a dict) in ``workdir``; return it with outputs."""
        return self.call("graders.warm_executor:execute_notebook", notebook, workdir, limits)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._conn.send(None)
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
        self._conn.close()


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1])), sys.argv[2:])
