"""Run each notebook in a fresh, confined process forked from a warm one.

A *warm process* is started once per worker (spawned, so it is clean and single-threaded;
inside bubblewrap when available, see ``sandbox``), imports the libraries the assignment uses
and builds an IPython shell. For every notebook it forks a child that runs the cells in that
pristine shell and streams each cell's outputs back (``cell_runner``), then exits; the warm
process watches it (time limit, malformed results, how it ended) and cleans up after it.
Learners' code therefore always starts from a fresh process (its monkeypatches and crashes
die with it) without paying for a kernel start and the imports each time — the cost that
dominates nbgrader's sequential autograde.

A child that dies or runs out of time gets an error output on the cell where it stopped,
naming the limit, and "not run" on the later cells.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from graders.cell_runner import (
    THREAD_ENV,
    ChildContext,
    cell_name,
    child_main,
    error_output,
)
from graders.confine import can_switch_uid, kill_uid, others_can_run_python, sandbox_uid
from graders.protect import PROTECTED_MODULES, Pristine
from graders.sandbox import SandboxLimits, bwrap_command, use_bubblewrap

# This module's own copy of the builtins: learner code that patches ``builtins`` in the child
# cannot change what the grader's functions here call.
__builtins__ = dict(vars(builtins))

__all__ = ["SandboxLimits", "WarmExecutor", "execute_in_workdir", "execute_notebook"]

# --- the warm process: watching the child ----------------------------------------------------


@dataclass
class _Ending:
    """How the child's run ended, if not normally."""

    kind: str = "exit"            # exit | timeout | protocol
    status: int = 0
    cpu_seconds: float = 0.0
    detail: str = ""


def _valid_record(record: Any, code_cells: set[int], last: int) -> bool:
    return (isinstance(record, dict) and isinstance(record.get("index"), int)
            and record["index"] in code_cells and record["index"] > last
            and isinstance(record.get("outputs"), list)
            and all(isinstance(o, dict) for o in record["outputs"])
            and isinstance(record.get("seconds"), int | float))


def _collect(read_fd: int, pid: int, notebook: dict, limits: SandboxLimits,
             uid: int | None) -> dict:
    """Read the child's per-cell results until it exits or runs out of time."""
    deadline = time.monotonic() + limits.notebook_timeout
    code_cells = {i for i, c in enumerate(notebook["cells"]) if c.get("cell_type") == "code"}
    max_line = 8 * limits.max_output_bytes + (1 << 20)
    buffer, results, ending, last = b"", {}, _Ending(), -1
    exited: tuple[int, int, Any] | None = None
    drain_until = None
    while True:
        now = time.monotonic()
        if exited is None and now >= deadline:
            ending.kind = "timeout"
            break
        if drain_until is not None and now >= drain_until:
            break  # copies of the child (without a uid to kill them by) hold the pipe open
        ready, _, _ = select.select([read_fd], [], [], 0.2)
        if ready:
            chunk = os.read(read_fd, 1 << 16)
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                try:
                    record = json.loads(line)
                except ValueError:
                    record = None
                if not _valid_record(record, code_cells, last):
                    ending.kind, ending.detail = "protocol", "sent malformed results"
                    break
                last = record["index"]
                results[last] = record
            if len(buffer) > max_line:
                ending.kind, ending.detail = "protocol", "sent more output than allowed"
            if ending.kind == "protocol":
                break
        if exited is None:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                exited = (done, status, usage)
                kill_uid(uid)  # whatever it left running; the pipe then closes
                drain_until = time.monotonic() + (2.0 if uid is None else 10.0)
    if exited is None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        kill_uid(uid)
        exited = os.wait4(pid, 0)
    os.close(read_fd)
    _, ending.status, usage = exited
    ending.cpu_seconds = usage.ru_utime + usage.ru_stime
    return _merge(notebook, results, ending, limits)


def _stop_reason(ending: _Ending, limits: SandboxLimits, where: str) -> dict:
    """The error output of the cell that was running when the notebook's process stopped."""
    status = ending.status
    if ending.kind == "timeout":
        return error_output("NotebookTimeoutError", f"notebook time limit "
                            f"{limits.notebook_timeout:g} s exceeded in cell {where}")
    if ending.kind == "protocol":
        return error_output("GraderProtocolError", f"the notebook's process {ending.detail} "
                            f"to the grader in cell {where}; it was stopped")
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXCPU or (sig == signal.SIGKILL
                                     and ending.cpu_seconds >= limits.cpu_seconds):
            return error_output("CPUTimeLimitError", f"CPU time limit {limits.cpu_seconds} s "
                                f"exceeded in cell {where}")
        if sig == signal.SIGXFSZ:
            return error_output("FileSizeLimitError", f"file size limit {limits.max_file_mb} "
                                f"MiB exceeded in cell {where}")
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        hint = (" (possibly the memory limit " f"{limits.memory_text()})"
                if sig in (signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT) else "")
        return error_output("DeadKernelError", f"the notebook's process was killed by {name}"
                            f"{hint} in cell {where}")
    return error_output("DeadKernelError", f"the notebook's process exited (status "
                        f"{os.WEXITSTATUS(status)}) in cell {where}")


def _merge(notebook: dict, results: dict, ending: _Ending, limits: SandboxLimits) -> dict:
    """Put outputs into the notebook; the cell where it stopped says why, later ones that
    they did not run."""
    stopped_in: str | None = None
    for index, cell in enumerate(notebook["cells"]):
        if cell.get("cell_type") != "code":
            continue
        record = results.get(index)
        if record is not None:
            cell["outputs"], cell["execution_count"] = record["outputs"], record["count"]
            continue
        cell["execution_count"] = None
        if stopped_in is None:
            stopped_in = cell_name(cell)
            cell["outputs"] = [_stop_reason(ending, limits, stopped_in)]
        else:
            cell["outputs"] = [error_output("NotRunError", f"not run: the notebook stopped in "
                                            f"cell {stopped_in}")]
    seconds = sum(record["seconds"] for record in results.values())
    return {"notebook": notebook, "execution_seconds": seconds}


def _remove_files_of(uid: int | None, folders: tuple[str, ...] = ("/tmp", "/dev/shm")) -> None:
    """Delete what learner code left in shared temporary folders."""
    if uid is None or not can_switch_uid():
        return
    for folder in folders:
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_uid != uid:
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        shutil.rmtree(entry.path, ignore_errors=True)
                    else:
                        os.unlink(entry.path)


def run_forked(context: ChildContext, notebook: dict, workdir: str,
               limits: SandboxLimits) -> dict:
    """Execute ``notebook`` in a child forked from this (warm) process.

    Returns ``{"notebook": <the notebook with outputs>, "execution_seconds": <time in cells>}``.
    """
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never returns
        os.close(read_fd)
        child_main(context, notebook, workdir, limits, write_fd)
    os.close(write_fd)
    try:
        return _collect(read_fd, pid, notebook, limits, context.uid)
    finally:
        _remove_files_of(context.uid)


def _resolve(dotted: str) -> Callable[..., Any]:
    module, _, name = dotted.partition(":")
    return getattr(importlib.import_module(module), name)


def _shell_class() -> type:
    """IPython's shell as a kernel without a front end uses it.

    The base ``InteractiveShell`` leaves ``enable_gui`` to its subclasses (the terminal's and
    ipykernel's), and IPython calls it whenever a library turns on its shell integration —
    matplotlib's inline backend does so on import (IPython 9: ``enable_matplotlib`` ->
    ``enable_gui``). Like ipykernel, we accept "no event loop" and "inline"; a real GUI
    event loop cannot run here, and the learner's cell is told so.
    """
    from IPython.core.error import UsageError
    from IPython.core.interactiveshell import InteractiveShell

    class GradingShell(InteractiveShell):
        def enable_gui(self, gui: str | None = None) -> None:
            if gui not in (None, "inline", "agg"):
                raise UsageError(f"no GUI event loop while grading (asked for {gui!r}); "
                                 "figures are shown inline")
            self.active_eventloop = gui

    return GradingShell


def _make_shell() -> Any:
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    shell = _shell_class().instance(config=config)
    # errors become outputs (with a plain traceback we build), never printed or colourised
    shell.showtraceback = lambda *args, **kwargs: None
    shell.showsyntaxerror = lambda *args, **kwargs: None
    # the value of a cell's last expression becomes an execute_result, never a printed "Out[n]"
    shell.displayhook.write_output_prompt = lambda: None
    shell.displayhook.write_format_data = lambda *args, **kwargs: None
    if "matplotlib" in sys.modules:  # preloaded: the assignment draws figures
        shell.enable_matplotlib("inline")
    return shell


def modules_to_preload(preload: list[str]) -> list[str]:
    """The assignment's modules, then the protected ones it can reach: the standard library's
    always, a third-party library's only if the assignment imports it (tests cannot compare
    with a library they never import, and loading pandas for nothing costs a second)."""
    roots = {name.partition(".")[0] for name in preload} | set(sys.stdlib_module_names)
    return [*preload, *(m for m in PROTECTED_MODULES if m.partition(".")[0] in roots)]


def _serve(conn: Connection, uid: int | None, preload: list[str]) -> None:
    """The warm process: import, build the shell once, then serve requests until EOF.

    A request is ``(dotted_function, args)``; the function is called as
    ``function(*args, run=run)`` where ``run(notebook, workdir, limits, trusted)`` executes a
    notebook in a fresh forked child. The reply is ``("ok", value)`` or ``("error", message)``.
    """
    os.environ.update(THREAD_ENV)
    for module in modules_to_preload(preload):
        # a module this machine lacks fails again, visibly, in the learner's cell
        with contextlib.suppress(Exception):
            importlib.import_module(module)
    shell = _make_shell()
    context = ChildContext(shell, Pristine.take(), uid)

    def run(notebook: dict, workdir: str, limits: SandboxLimits,
            trusted: frozenset[str] = frozenset(), env: dict[str, str] | None = None) -> dict:
        context.trusted, context.env = frozenset(trusted), dict(env or {})
        return run_forked(context, notebook, workdir, limits)

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
        del request, reply, args  # the next child must not find this learner's work in memory


def execute_notebook(notebook: dict, workdir: str | None, limits: SandboxLimits, *,
                     run: Callable[..., dict]) -> dict:
    """The simplest request: run one notebook as it is (in a scratch folder of the warm
    process when ``workdir`` is None); return it with outputs."""
    if workdir is not None:
        return run(notebook, workdir, limits)["notebook"]
    with tempfile.TemporaryDirectory(prefix="run-", ignore_cleanup_errors=True) as scratch:
        return run(notebook, scratch, limits)["notebook"]


def execute_in_workdir(runs: list[tuple[dict, frozenset[str]]], files: dict[str, bytes],
                       limits: SandboxLimits, env: dict[str, str], *,
                       run: Callable[..., dict]) -> list[dict]:
    """A submission: write its ``files`` into a fresh folder, then run each ``(notebook,
    trusted cell ids)`` there in turn, each in a fresh child; return what ``run`` returns."""
    with tempfile.TemporaryDirectory(prefix="grade-", ignore_cleanup_errors=True) as workdir:
        for relative, content in files.items():
            target = Path(workdir, relative).resolve()
            if not target.is_relative_to(Path(workdir).resolve()):
                raise ValueError(f"{relative}: a submitted file must stay in its folder")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        return [run(notebook, workdir, limits, trusted, env) for notebook, trusted in runs]


class WarmProcessDied(RuntimeError):
    """The warm process ended (crashed or was killed); start a new one."""


class WarmExecutor:
    """Handle on a warm process; ``execute`` is blocking and not thread-safe (one per thread).

    The warm process is a plain subprocess (``python -m graders.warm_executor``) talking over a
    socket pair, so it can be started from anywhere — including daemonic Dask workers, which
    may not start ``multiprocessing`` children. With ``sandboxed`` it runs in bubblewrap.
    """

    def __init__(self, preload: list[str], limits: SandboxLimits | None = None) -> None:
        limits = limits or SandboxLimits()
        self.sandboxed = use_bubblewrap(limits)
        # outside the sandbox the children's uid must be able to read Python itself
        own_uid = can_switch_uid() and (self.sandboxed or others_can_run_python())
        self.uid = sandbox_uid() if own_uid else None
        ours, theirs = socket.socketpair()
        command = [sys.executable, "-m", "graders.warm_executor", str(theirs.fileno()),
                   str(self.uid or "-"), *preload]
        env = {**os.environ, **THREAD_ENV}
        if self.sandboxed:
            command = bwrap_command(command)
            env = _sandbox_env()
        self._process = subprocess.Popen(command, pass_fds=[theirs.fileno()], env=env,
                                         stdin=subprocess.DEVNULL, cwd="/")
        theirs.close()
        self._conn = Connection(ours.detach())
        self._ready = False

    def wait_ready(self) -> None:
        if not self._ready:
            try:
                ready = self._conn.recv()
            except (EOFError, OSError) as exc:
                raise WarmProcessDied(f"warm process failed to start: {exc}") from exc
            if ready != "ready":
                raise RuntimeError("warm process failed to start")
            self._ready = True

    def call(self, dotted: str, *args: Any) -> Any:
        """Call ``module:function`` in the warm process (see ``_serve``); re-raise its error."""
        self.wait_ready()
        try:
            self._conn.send((dotted, args))
            status, value = self._conn.recv()
        except (EOFError, OSError) as exc:
            raise WarmProcessDied(f"the warm process died: {type(exc).__name__}") from exc
        if status != "ok":
            raise RuntimeError(value)
        return value

    def execute(self, notebook: dict, limits: SandboxLimits, workdir: str | None = None
                ) -> dict:
        """Run ``notebook`` (nbformat v4 as a dict) in ``workdir`` (a path the warm process
        sees; by default a scratch folder of its own); return it with outputs."""
        return self.call("graders.warm_executor:execute_notebook", notebook, workdir, limits)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._conn.send(None)
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._conn.close()


def _sandbox_env() -> dict[str, str]:
    """The warm process's whole environment in the sandbox: no secrets of the grader's."""
    keep = {k: v for k, v in os.environ.items()
            if k in {"LANG", "LC_ALL", "LC_CTYPE", "TZ", "SOURCE_DATE_EPOCH"}}
    path = os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin",
                            "/bin"])
    return {**keep, **THREAD_ENV, "PATH": path}


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1])),
           None if sys.argv[2] == "-" else int(sys.argv[2]), sys.argv[3:])
