"""The confinement policy for learner code, and the bubblewrap command line that enforces it.

Learner code runs in a child forked from a *warm process* (see ``warm_executor``). The warm
process is started inside bubblewrap (``bwrap``): no network, its own pid/ipc/uts namespaces,
a read-only view of only what Python needs and a private ``/tmp``. It never sees the course
folder: not ``solutions/``, the gradebook, ``submitted/`` or ``autograded/``. The forked child
additionally drops to a dedicated unprivileged uid and gets resource limits (see
``confine``) before it runs the first cell.

The limits are configured in ``nbgrader_config.py``::

    c.CourseSandbox.memory_mb = 2048          # address space of a learner's process
    c.CourseSandbox.max_processes = 64        # processes + threads of a learner's notebook
    c.CourseSandbox.cpu_seconds = 600         # CPU time of a learner's process
    c.CourseSandbox.cell_timeout = 60         # wall clock per cell (s)
    c.CourseSandbox.notebook_timeout = 600    # wall clock per notebook (s)
    c.CourseSandbox.max_output_bytes = 1_000_000  # captured per stream per cell
    c.CourseSandbox.max_file_mb = 64          # largest file a learner's code may write
    c.CourseSandbox.bubblewrap = True         # False: resource limits only
    c.CourseSandbox.require_sandbox = False   # True: refuse to grade without bubblewrap

and each can be overridden on the command line of ``course grade`` (``--memory-mb`` ...).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from traitlets import Bool, Float, Int
from traitlets.config import Config, Configurable

from graders.errors import CourseError

MIB = 1024 * 1024


def _limit(default: object, help: str) -> Any:
    """A dataclass field that also says what it means (the ``c.CourseSandbox`` help)."""
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class SandboxLimits:
    """Limits for one notebook's execution; the defaults are the documented ones."""

    cell_timeout: float = _limit(60.0, "wall-clock seconds per cell (SIGALRM in the child)")
    notebook_timeout: float = _limit(600.0, "wall-clock seconds per notebook (SIGKILL)")
    memory_mb: int = _limit(2048, "address space of a learner's process, MiB (RLIMIT_AS)")
    max_processes: int = _limit(64, "processes and threads a learner's notebook may run at "
                                    "once (RLIMIT_NPROC of its own uid)")
    cpu_seconds: int = _limit(600, "CPU seconds of a learner's process (RLIMIT_CPU)")
    max_output_bytes: int = _limit(1_000_000, "output kept per stream per cell; the rest is "
                                              "dropped")
    max_file_mb: int = _limit(64, "largest file learner code may write, MiB (RLIMIT_FSIZE)")
    bubblewrap: bool = _limit(True, "run learner code in bubblewrap if available")
    require_sandbox: bool = _limit(False, "refuse to run learner code without bubblewrap")

    def memory_text(self) -> str:
        return f"{self.memory_mb / 1024:g} GiB" if self.memory_mb >= 1024 else \
            f"{self.memory_mb} MiB"


_TRAITS = {float: Float, int: Int, bool: Bool}

# ``c.CourseSandbox.*`` in nbgrader_config.py: one configurable trait per SandboxLimits field,
# with its default and help, so the limits are declared in one place.
CourseSandbox = type("CourseSandbox", (Configurable,), {
    "__doc__": "``c.CourseSandbox.*`` in nbgrader_config.py: how learner code is confined.",
    "__module__": __name__,
    **{f.name: _TRAITS[type(f.default)](f.default, help=f.metadata["help"]).tag(config=True)
       for f in fields(SandboxLimits)},
})


def load_limits(config: Config | None = None, **overrides: object) -> SandboxLimits:
    """The course's limits (``c.CourseSandbox``), then command-line values that are not None."""
    configured = CourseSandbox(config=config or Config())
    values = {f.name: getattr(configured, f.name) for f in fields(SandboxLimits)}
    limits = SandboxLimits(**values)
    chosen = {k: v for k, v in overrides.items() if v is not None and v is not False}
    return replace(limits, **chosen)


# --- bubblewrap ---------------------------------------------------------------------------------

ETC_FILES = ["ld.so.cache", "ld.so.conf", "ld.so.conf.d", "fonts", "localtime", "passwd",
             "group", "nsswitch.conf", "mime.types", "alternatives"]
TOP_LEVEL = ["bin", "sbin", "lib", "lib32", "lib64", "libx32"]
WARM_CAPABILITIES = ["CAP_SETUID", "CAP_SETGID", "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER",
                     "CAP_KILL"]
TMPFS_BYTES = 1 << 30  # the sandbox's private /tmp (RAM-backed): learners' work folders
SANDBOX_ENV = {"HOME": "/tmp", "TMPDIR": "/tmp", "MPLCONFIGDIR": "/tmp/matplotlib",
               "PYTHONDONTWRITEBYTECODE": "1"}


def read_only_paths() -> list[Path]:
    """What Python and the course's libraries need, and nothing of the course itself."""
    graders = Path(__file__).resolve().parent
    paths = [Path("/usr"), Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), graders]
    paths += [Path(p).resolve() for p in ("/var/cache/fontconfig",)]
    paths += [Path("/etc") / name for name in ETC_FILES]
    return [p for p in dict.fromkeys(paths) if p.exists()]


def _parents(path: Path) -> list[Path]:
    return [p for p in reversed(path.parents) if p != Path("/")]


def bwrap_command(command: list[str], *, bwrap: str = "bwrap", network: bool = False,
                  writable: list[Path] = (), read_only: list[Path] = (),
                  keep_setuid: bool = True, own_pids: bool = True,
                  chdir: Path | str = "/tmp") -> list[str]:
    """``bwrap ... -- command``: the command sees only read-only system paths, ``writable``
    and a private tmpfs ``/tmp``; no network unless ``network``. ``keep_setuid`` keeps the few
    capabilities the warm process (root in the sandbox) needs to hand each child its own uid
    and to clean up after it; the child loses them all when it switches uid. ``own_pids``
    gives it its own pid namespace (a Jupyter kernel must see its real parent: not for it).
    ``chdir`` is the working directory inside (a kernel runs in its notebook's folder, as in
    Jupyter, so that the notebook reads the files beside it).
    """
    args = [bwrap, "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
            "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
    if own_pids:
        args.append("--unshare-pid")
    if keep_setuid and os.geteuid() == 0:
        for capability in WARM_CAPABILITIES:
            args += ["--cap-add", capability]
    if not network:
        args.append("--unshare-net")
    for name in TOP_LEVEL:
        top = Path("/") / name
        if top.is_symlink():
            args += ["--symlink", os.readlink(top), str(top)]
        elif top.is_dir():
            args += ["--ro-bind", str(top), str(top)]
    args += ["--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--size", str(TMPFS_BYTES),
             "--tmpfs", "/tmp"]
    visible = [*read_only_paths(), *read_only]
    covered = [*visible, *writable]
    made: set[Path] = set()
    for path, option in [*((p, "--ro-bind") for p in visible), *((p, "--bind") for p in writable)]:
        for parent in _parents(path):  # bwrap would create missing parents with mode 0700
            inside = any(parent.is_relative_to(c) for c in covered)
            if parent not in made and parent != Path("/tmp") and not inside:
                args += ["--perms", "0755", "--dir", str(parent)]
                made.add(parent)
        args += [option, str(path), str(path)]
    for key, value in SANDBOX_ENV.items():
        args += ["--setenv", key, value]
    args += ["--chdir", str(chdir), "--"]
    return args + command


@functools.lru_cache(maxsize=1)
def bubblewrap_problem() -> str | None:
    """Why bubblewrap cannot confine the warm process here, or None if it can."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return "bubblewrap (bwrap) is not installed (Debian/Ubuntu: apt-get install bubblewrap)"
    probe = bwrap_command([sys.executable, "-c", "import graders.warm_executor"], bwrap=bwrap)
    try:
        result = subprocess.run(probe, capture_output=True, text=True, timeout=60,
                                stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bubblewrap failed to start: {exc}"
    if result.returncode != 0:
        return f"bubblewrap failed to start: {result.stderr.strip()[-500:]}"
    return None


def use_bubblewrap(limits: SandboxLimits) -> bool:
    """Whether to start warm processes in bubblewrap; warns (or raises, with
    ``require_sandbox``) when it is wanted but unavailable."""
    if not limits.bubblewrap:
        if limits.require_sandbox:
            raise CourseError("--require-sandbox, but the sandbox is disabled "
                              "(c.CourseSandbox.bubblewrap = False)")
        return False
    problem = bubblewrap_problem()
    if problem is None:
        return True
    if limits.require_sandbox:
        raise CourseError(f"--require-sandbox: {problem}")
    global _warned
    if not _warned:  # once per process: every worker thread asks
        print(f"warning: learner code runs WITHOUT a sandbox (resource limits only): {problem}."
              " Use --require-sandbox to make this an error.", file=sys.stderr)
        _warned = True
    return False


_warned = False
