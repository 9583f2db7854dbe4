"""Inside the forked child, before the first cell: its own uid, resource limits, no stdio.

``RLIMIT_NPROC`` counts the processes and threads of a *real uid* and is ignored for root,
so each warm process gets a dedicated, otherwise unused uid (``sandbox_uid``) and its children
switch to it: the limit then holds, learner code can neither signal nor ptrace the warm
process (root), and ``kill_uid`` can end everything a notebook left behind.
"""

from __future__ import annotations

import contextlib
import os
import random
import resource
import signal
import stat
import sysconfig
import time
from pathlib import Path

from graders.sandbox import MIB, SandboxLimits

UID_RANGE = (1_000_000, 2_000_000_000)  # far above any real account


def sandbox_uid() -> int:
    """A uid for one warm process's children: unused, and unique with high probability."""
    return random.SystemRandom().randrange(*UID_RANGE)


def can_switch_uid() -> bool:
    return os.geteuid() == 0


def others_can_run_python() -> bool:
    """Can another uid import from this Python installation and virtualenv? Not when they live
    under a private home such as ``/root`` (pyenv): outside the sandbox, a child that switched
    uid could then not import what the warm process had not loaded yet."""
    places = {Path(os.__file__).resolve().parent, Path(sysconfig.get_paths()["purelib"]).resolve(),
              Path(__file__).resolve().parent}
    for place in places:
        if not place.stat().st_mode & stat.S_IROTH:
            return False
        if not all(folder.stat().st_mode & stat.S_IXOTH for folder in [place, *place.parents]):
            return False
    return True


def _set(which: int, value: int, hard: int | None = None) -> None:
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(which, (value, value if hard is None else hard))


def confine(limits: SandboxLimits, uid: int | None, keep_fds: tuple[int, ...]) -> None:
    """Apply ``limits`` to this process and drop to ``uid`` (when running as root)."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):  # learner output never reaches the grader's terminal or pipes
        os.dup2(devnull, fd)
    os.close(devnull)
    _close_other_fds(keep_fds)
    os.nice(5)  # the grader itself stays responsive under a CPU-hungry notebook
    _set(resource.RLIMIT_CORE, 0)
    _set(resource.RLIMIT_AS, limits.memory_mb * MIB)
    _set(resource.RLIMIT_CPU, limits.cpu_seconds, limits.cpu_seconds + 2)
    _set(resource.RLIMIT_FSIZE, limits.max_file_mb * MIB)
    if uid is not None and can_switch_uid():
        _set(resource.RLIMIT_NPROC, limits.max_processes)
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)  # also clears every capability: nothing can undo the limits


def _close_other_fds(keep: tuple[int, ...]) -> None:
    """Close every inherited descriptor except ``keep`` (above all the socket to the grading
    parent, which unpickles what it receives)."""
    start = 3
    for fd in sorted(keep):
        if fd >= start:
            os.closerange(start, fd)
            start = fd + 1
    os.closerange(start, 1 << 16)


def processes_of(uid: int) -> list[int]:
    """Live processes (in this pid namespace) whose real uid is ``uid``, read from
    ``/proc/<pid>/status``: the directory's owner is root for a process that switched uid."""
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/status", "rb") as status:
                    fields = dict(line.split(b":", 1) for line in status if b":" in line)
                if fields[b"State"].split()[0] not in (b"Z", b"X") and int(
                        fields[b"Uid"].split()[0]) == uid:
                    found.append(int(entry.name))
            except (OSError, KeyError, ValueError, IndexError):
                continue  # it exited while we looked
    return found


def kill_uid(uid: int | None, attempts: int = 50) -> None:
    """SIGKILL every process of ``uid`` (what a notebook left running): a helper process
    switches to that uid and calls ``kill(-1)``, which reaches exactly that uid's processes,
    until none is left. ``kill(-1)`` succeeds whenever *any* other process exists, so the
    helper looks in ``/proc`` to know when it is done; nothing left means no helper at all."""
    if uid is None or not can_switch_uid() or not processes_of(uid):
        return
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            me = os.getpid()
            for _ in range(attempts):  # a fork bomb may fork while we kill
                with contextlib.suppress(ProcessLookupError):
                    os.kill(-1, signal.SIGKILL)
                if not [p for p in processes_of(uid) if p != me]:
                    break
                time.sleep(0.01)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def main(argv: list[str]) -> None:
    """``python -m graders.confine LIMITS_JSON -- command...``: apply the limits (no uid
    switch), then become ``command``. ``course check`` starts its kernel this way."""
    import json
    import sys

    limits = SandboxLimits(**json.loads(argv[0]))
    command = argv[argv.index("--") + 1:]
    _set(resource.RLIMIT_CORE, 0)
    _set(resource.RLIMIT_AS, limits.memory_mb * MIB)
    _set(resource.RLIMIT_CPU, limits.cpu_seconds, limits.cpu_seconds + 2)
    _set(resource.RLIMIT_FSIZE, limits.max_file_mb * MIB)
    sys.stdout.flush()
    os.execvp(command[0], command)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
