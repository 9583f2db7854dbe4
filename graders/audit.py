"""A PEP 578 audit hook in each forked child: learner code cannot reach the harness's state.

The verdict of a test cell is decided in the harness's own frame (``cell_runner``) with
references captured before any learner code ran, and sent to the warm process sealed with a
per-notebook secret that lives only in that frame. What could reach them is introspection, so
the child installs this hook before its first cell (``sys.addaudithook``: a hook cannot be
removed once added, nor listed). The hook

- **refuses, whoever asks**: trace and profile functions (``sys.settrace``/``setprofile``, which
  see every frame), ``sys._current_frames``/``_current_exceptions``, another audit hook,
  opening ``/proc/<pid>/mem`` or ``pagemap``, importing a compiled ``.pyc`` from outside the
  Python installation, and changing an attribute of a harness type or the code or defaults of a
  harness function (the grader's modules, IPython's shell, display and compiler types, ``json``,
  ``traceback``, ``ast``);
- **refuses when learner code asks, allows trusted code**: frames (``sys._getframe``,
  ``tb_frame``, ``gi_frame``, ``cr_frame``, ``ag_frame``), ``gc.get_objects``/``get_referrers``/
  ``get_referents``, ``ctypes``, ``marshal.loads``, importing the grader's own modules, and
  compiling code under a file name inside the Python installation (which would make learner
  code look trusted). Libraries legitimately look at frames — pandas' ``find_stack_level``
  calls ``inspect.currentframe`` to place its warnings, ``traceback`` walks a traceback's frames
  to format it, ``typing`` and ``collections`` read the caller's module name — so the hook finds
  who is asking: the nearest frame that is not a helper which hands frames or raw memory back
  to its caller (``inspect``, ``traceback.walk_tb``/``walk_stack``, ``logging.currentframe``,
  ``ctypes``, ``numpy.ctypeslib``, ``IPython.utils.frame``). That frame's code is trusted if it
  was loaded from the Python installation, the virtualenv or ``graders/``; anything else
  (notebook cells, the learner's files, ``exec`` of a string) is learner code.

Every refusal is recorded in ``Refusals.reasons`` (read by the harness after each cell): a
submission that tried is graded zero and flagged for review with the reason. What the hook
cannot see is listed in ADR 6.
"""

from __future__ import annotations

import _thread
import os
import sys
import sysconfig
import types
from dataclasses import dataclass, field
from pathlib import Path

__builtins__ = dict(vars(__import__("builtins")))

# Modules whose types and functions learner code may not change (by name prefix).
HARNESS_PREFIXES = ("graders", "IPython.core.interactiveshell", "IPython.core.displayhook",
                    "IPython.core.displaypub", "IPython.core.formatters", "IPython.core.events",
                    "IPython.core.inputtransformer2", "IPython.core.compilerop",
                    "IPython.utils.capture", "json", "traceback", "ast", "_ast", "linecache")
FRAME_EVENTS = {"tb_frame", "gi_frame", "cr_frame", "ag_frame"}
ALWAYS_REFUSED = {"sys.settrace", "sys.setprofile", "sys._current_frames",
                  "sys._current_exceptions", "sys.addaudithook"}
FROM_LEARNER_REFUSED = {"sys._getframe", "gc.get_objects", "gc.get_referrers",
                        "gc.get_referents", "marshal.loads"}


class GraderRefused(RuntimeError):
    """Raised in learner code for an operation the grading sandbox refuses."""


def _harness_module(name: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in HARNESS_PREFIXES)


@dataclass
class Policy:
    """What the hook needs, gathered in the warm process before any learner code runs."""

    trusted_roots: tuple[str, ...]
    protected_types: frozenset[int]
    protected_globals: frozenset[int]
    exporters: tuple[tuple[str, frozenset[str] | None], ...]   # (file suffix, code names)

    @classmethod
    def take(cls) -> Policy:
        roots = {sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib",
                                                     "platlib")}
        roots |= {str(Path(__file__).resolve().parent)}
        roots = {os.path.realpath(r) for r in roots} | roots
        types_, globals_ = set(), set()
        for name, module in list(sys.modules.items()):
            if module is None or not _harness_module(name):
                continue
            namespace = vars(module)
            globals_.add(id(namespace))
            for value in list(namespace.values()):
                if isinstance(value, type) and getattr(value, "__module__", None) == name:
                    types_.add(id(value))
        sep = os.sep
        exporters = (
            (f"{sep}inspect.py", None),
            (f"{sep}traceback.py", frozenset({"walk_tb", "walk_stack"})),
            (f"{sep}logging{sep}__init__.py", frozenset({"<lambda>", "currentframe"})),
            (f"{sep}ctypes{sep}__init__.py", None),
            (f"{sep}ctypes{sep}_endian.py", None),
            (f"{sep}numpy{sep}ctypeslib.py", None),
            (f"{sep}IPython{sep}utils{sep}frame.py", None),
            (f"{sep}pdb.py", None), (f"{sep}bdb.py", None),
            (f"{sep}unittest{sep}mock.py", None),
        )
        return cls(tuple(sorted(roots)), frozenset(types_), frozenset(globals_), exporters)


@dataclass
class Refusals:
    """What the hook refused, in order; the harness drains it after every cell."""

    reasons: list[str] = field(default_factory=list)
    active: list[bool] = field(default_factory=lambda: [True])
    code_changed: list[bool] = field(default_factory=lambda: [False])  # any function's
    changed_functions: list = field(default_factory=list)  # ... and which ones


def install(policy: Policy, workdir: str) -> Refusals:
    """Add the hook to this process (for good) and return where it records refusals."""
    refusals = Refusals()
    reasons, active, code_changed = refusals.reasons, refusals.active, refusals.code_changed
    changed_functions = refusals.changed_functions
    getframe, get_ident = sys._getframe, _thread.get_ident
    roots = tuple(r.rstrip(os.sep) + os.sep for r in policy.trusted_roots)
    protected_types, protected_globals = policy.protected_types, policy.protected_globals
    exporters = policy.exporters
    append, startswith, endswith = list.append, str.startswith, str.endswith
    isinstance_, type_, str_, bytes_, id_ = isinstance, type, str, bytes, id
    function_type, code_type = types.FunctionType, types.CodeType
    fsdecode, abspath, basename = os.fsdecode, os.path.abspath, os.path.basename
    inside: set[int] = set()   # threads currently in the hook (its own look-ups are events)
    trusted_files: dict[str, bool] = {}

    def trusted_file(filename: str) -> bool:
        known = trusted_files.get(filename)
        if known is None:
            known = startswith(filename, "<frozen ") or (
                startswith(filename, roots) and not startswith(filename, workdir))
            trusted_files[filename] = known
        return known

    def exporting(code: code_type) -> bool:
        filename = code.co_filename
        for suffix, names in exporters:
            if endswith(filename, suffix) and (names is None or code.co_name in names):
                return True
        return False

    def asked_by_learner() -> bool:
        """Is the code that caused this event (past helpers that hand frames back) the
        learner's? Depth 2: this function, the hook, then the code that caused the event."""
        frame = getframe(2)
        while frame is not None and exporting(frame.f_code):
            frame = frame.f_back
        return frame is not None and not trusted_file(frame.f_code.co_filename)

    def refuse(what: str) -> None:
        append(reasons, what)
        raise GraderRefused(f"refused while grading: {what}")

    def claims_trust(filename: object) -> bool:
        if isinstance_(filename, bytes_):
            filename = fsdecode(filename)
        return isinstance_(filename, str_) and trusted_file(abspath(filename)) and not \
            startswith(filename, "<")

    watched = frozenset({"object.__getattr__", "object.__setattr__", "object.__delattr__",
                         "open", "import", "compile", "code.__new__", *ALWAYS_REFUSED,
                         *FROM_LEARNER_REFUSED})

    def hook(event: str, args: tuple) -> None:
        # most events (``exec``, ``builtins.id``, ``os.*``...) leave at the first test
        if event not in watched and not startswith(event, "ctypes."):
            return
        if event == "object.__getattr__" and args[1] not in FRAME_EVENTS:
            return
        if not active[0]:
            return
        ident = get_ident()
        if ident in inside:
            return
        if event == "object.__getattr__":
            what = f"reading {args[1]} (frame introspection)"
        elif event in ("object.__setattr__", "object.__delattr__"):
            target = args[0]
            if isinstance_(target, type_):
                if id_(target) not in protected_types or args[1] == "_instance":
                    return
                what = f"changing {target.__module__}.{target.__qualname__}.{args[1]}"
            elif type_(target) is function_type:
                if id_(target.__globals__) not in protected_globals:
                    code_changed[0] = True
                    append(changed_functions, target)
                    return
                what = f"changing {args[1]} of the grader's function {target.__qualname__}"
            else:
                return
            append(reasons, what)
            raise GraderRefused(f"refused while grading: {what}")
        elif event == "open":
            path = args[0]
            if isinstance_(path, bytes_):
                path = fsdecode(path)
            if not isinstance_(path, str_):
                return
            name = basename(path)
            if name in ("mem", "pagemap") and startswith(abspath(path), "/proc/"):
                refuse(f"opening {path} (reading the process's memory)")
            if endswith(name, ".pyc") and not trusted_file(abspath(path)):
                refuse(f"loading compiled code {path}")
            return
        elif event in ALWAYS_REFUSED:
            append(reasons, f"calling {event}")
            raise GraderRefused(f"refused while grading: {event}")
        elif event in FROM_LEARNER_REFUSED or startswith(event, "ctypes."):
            what = f"calling {event}"
        elif event == "import":
            name = args[0]
            if not (isinstance_(name, str_) and (name == "graders" or
                                                  startswith(name, "graders."))):
                return
            what = f"importing the grader's module {name}"
        elif event == "compile":
            if not claims_trust(args[1]):
                return
            what = f"compiling code as if it were {args[1]!s}"
        elif event == "code.__new__":
            if not claims_trust(args[1]):
                return
            what = f"creating code as if it were {args[1]!s}"
        else:
            return
        inside.add(ident)
        try:
            learner = asked_by_learner()
        finally:
            inside.discard(ident)
        if learner:
            refuse(what)

    sys.addaudithook(hook)
    return refusals
