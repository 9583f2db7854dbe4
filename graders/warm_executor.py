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
naming the limit, and "not run" on the later cells. The per-cell time limit is enforced from
here too, outside the learner's process: a cell that ignores or blocks its alarm is killed
when its limit (plus a grace) has passed, so it costs the cell limit, not the notebook budget.
Each result line must carry the notebook's secret seal and the verdict the child's grader
took; a line without it (learner code writing to the result pipe) is tampering, as is
anything the child's audit hook or guard caught: the result says so (``tampering``) and the
submission is graded zero and flagged for review.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib
import json
import os
import secrets
import select
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from graders.audit import Policy
from graders.cell_runner import (
    TAMPERING_ERROR,
    THREAD_ENV,
    ChildContext,
    cell_name,
    child_main,
    error_output,
    own_references,
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

    kind: str = "exit"            # exit | timeout | cell-timeout | tampering
    status: int = 0
    cpu_seconds: float = 0.0
    detail: str = ""


def cell_grace(limits: SandboxLimits) -> float:
    """How long past its limit a cell may take before the warm process kills its child (the
    alarm inside normally stops it first; recording the cell's outputs takes a moment)."""
    return 2.0 + 0.05 * limits.cell_timeout


def _valid_record(record: Any, code_cells: set[int], last: int, seal: str) -> bool:
    return (isinstance(record, dict) and record.get("seal") == seal
            and isinstance(record.get("index"), int)
            and record["index"] in code_cells and record["index"] > last
            and isinstance(record.get("outputs"), list)
            and all(isinstance(o, dict) for o in record["outputs"])
            and isinstance(record.get("tampering"), list)
            and (record.get("error") is None or isinstance(record["error"], dict))
            and isinstance(record.get("seconds"), int | float))


def _verdict_kept(record: dict) -> dict:
    """A test cell's outputs with the verdict the child's grader took: if its test raised,
    the cell shows an error, whatever else its outputs say."""
    verdict = record.pop("error", None)
    record.pop("seal", None)
    outputs = record["outputs"]
    if verdict is not None and not any(o.get("output_type") == "error" for o in outputs):
        outputs.append(error_output(str(verdict.get("ename", "Error")),
                                    str(verdict.get("evalue", ""))))
    return record


def _collect(read_fd: int, pid: int, notebook: dict, limits: SandboxLimits,
             uid: int | None, seal: str = "") -> dict:
    """Read the child's per-cell results until it exits or runs out of time."""
    started = time.monotonic()
    deadline = started + limits.notebook_timeout
    cell_deadline = started + limits.cell_timeout + cell_grace(limits)
    code_cells = {i for i, c in enumerate(notebook["cells"]) if c.get("cell_type") == "code"}
    max_line = 8 * limits.max_output_bytes + (1 << 20)
    buffer, results, ending, last = b"", {}, _Ending(), -1
    tampering: list[str] = []
    exited: tuple[int, int, Any] | None = None
    drain_until = None
    while True:
        now = time.monotonic()
        if exited is None and now >= deadline:
            ending.kind = "timeout"
            break
        if exited is None and now >= cell_deadline:
            ending.kind = "cell-timeout"
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
                if not _valid_record(record, code_cells, last, seal):
                    ending.kind = "tampering"
                    ending.detail = ("wrote a result the grader did not send to its result "
                                     "channel (forged or malformed)")
                    break
                last = record["index"]
                results[last] = _verdict_kept(record)
                tampering += [str(reason) for reason in record["tampering"]]
                cell_deadline = time.monotonic() + limits.cell_timeout + cell_grace(limits)
            if len(buffer) > max_line:
                ending.kind = "tampering"
                ending.detail = "wrote more to the grader's result channel than it allows"
            if ending.kind == "tampering":
                tampering.append(ending.detail)
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
    merged = _merge(notebook, results, ending, limits)
    merged["tampering"] = tampering
    return merged


def _stop_reason(ending: _Ending, limits: SandboxLimits, where: str) -> dict:
    """The error output of the cell that was running when the notebook's process stopped."""
    status = ending.status
    if ending.kind == "timeout":
        return error_output("NotebookTimeoutError", f"notebook time limit "
                            f"{limits.notebook_timeout:g} s exceeded in cell {where}")
    if ending.kind == "cell-timeout":
        return error_output("CellTimeoutError", f"the cell ran longer than its "
                            f"{limits.cell_timeout:g} s time limit and did not stop at its "
                            f"alarm; the grader ended its process (cell {where})")
    if ending.kind == "tampering":
        return error_output(TAMPERING_ERROR, f"the notebook's process {ending.detail} in "
                            f"cell {where}; it was stopped")
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


def _remove_files_of(uid: int | None, folders: tuple[str, ...] = ("/tmp", "/dev/shm"),
                     keep: str = "") -> None:
    """Delete what learner code left in shared temporary folders (but the working folder
    ``keep``, which the submission's next notebook and ``autograded/`` still need)."""
    if uid is None or not can_switch_uid():
        return
    keep = os.path.realpath(keep) if keep else ""
    for folder in folders:
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                with contextlib.suppress(OSError):
                    if os.path.realpath(entry.path) == keep:
                        continue
                    if entry.stat(follow_symlinks=False).st_uid != uid:
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        shutil.rmtree(entry.path, ignore_errors=True)
                    else:
                        os.unlink(entry.path)


def run_forked(context: ChildContext, notebook: dict, workdir: str,
               limits: SandboxLimits) -> dict:
    """Execute ``notebook`` in a child forked from this (warm) process.

    Returns ``{"notebook": <the notebook with outputs>, "execution_seconds": <time in cells>,
    "tampering": [<what the grader caught, as reasons>]}``.
    """
    read_fd, write_fd = os.pipe()
    seal = secrets.token_hex(16)  # only the child's grader frame and this one know it
    pid = os.fork()
    if pid == 0:  # child: never returns
        os.close(read_fd)
        child_main(context, notebook, workdir, limits, write_fd, seal)
    os.close(write_fd)
    try:
        return _collect(read_fd, pid, notebook, limits, context.uid, seal)
    finally:
        _remove_files_of(context.uid, keep=workdir)


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
    import ctypes  # noqa: F401 - the child makes itself non-dumpable with it, before the hook

    importlib.import_module("graders.warm_executor")  # by name too (we run as __main__)

    shell = _make_shell()
    transform, encode = own_references(shell)
    context = ChildContext(shell, Pristine.take(harness=True), uid, Policy.take(), transform,
                           encode)

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


# What the grader itself puts in a working folder (HOME and caches point there).
OWN_FOLDERS = {".matplotlib", ".cache", ".config", ".ipython", ".local", "__pycache__",
               ".ipynb_checkpoints"}
KEPT_FILES, KEPT_BYTES = 1000, 64 * 1024 * 1024


def files_left(workdir: str) -> dict[str, bytes]:
    """The regular files in ``workdir`` after the notebooks ran — the submission's and the
    ones its notebooks wrote (diagrams, ADRs), as ``nbgrader autograde`` keeps them in
    ``autograded/``. Symlinks are not followed; at most ``KEPT_FILES`` files and
    ``KEPT_BYTES`` in all."""
    kept: dict[str, bytes] = {}
    total = 0
    for folder, dirs, names in os.walk(workdir):
        dirs[:] = sorted(d for d in dirs if d not in OWN_FOLDERS)
        for name in sorted(names):
            path = os.path.join(folder, name)
            try:
                fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            except OSError:
                continue
            with os.fdopen(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    continue
                content = handle.read(KEPT_BYTES - total + 1)
            total += len(content)
            if total > KEPT_BYTES or len(kept) >= KEPT_FILES:
                return kept
            kept[os.path.relpath(path, workdir)] = content
    return kept


def execute_in_workdir(runs: list[tuple[dict, frozenset[str]]], files: dict[str, bytes],
                       limits: SandboxLimits, env: dict[str, str], *,
                       run: Callable[..., dict]) -> tuple[list[dict], dict[str, bytes]]:
    """A submission: write its ``files`` into a fresh folder, then run each ``(notebook,
    trusted cell ids)`` there in turn, each in a fresh child; return what ``run`` returns for
    each, and the files in the folder afterwards."""
    with tempfile.TemporaryDirectory(prefix="grade-", ignore_cleanup_errors=True) as workdir:
        for relative, content in files.items():
            target = Path(workdir, relative).resolve()
            if not target.is_relative_to(Path(workdir).resolve()):
                raise ValueError(f"{relative}: a submitted file must stay in its folder")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        results = [run(notebook, workdir, limits, trusted, env) for notebook, trusted in runs]
        return results, files_left(workdir)


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
