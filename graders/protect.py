"""Test cells run against pristine helpers, whatever an answer cell replaced.

The warm process takes a snapshot before it forks (``Pristine.take``): ``builtins``, the
modules tests use to compare (``math``, ``operator``, ``numpy``, ``numpy.testing``,
``pandas.testing``, ...), the code and defaults of their Python functions, and
``sys.modules``. In the child, around every *autograder test cell* (a cell the gradebook
knows, with nbgrader metadata ``grade=True, solution=False``), ``Guard.test_cell`` puts all of
that back, plus the globals the instructor's locked cells defined, and hides user globals that
shadow a builtin; afterwards it re-applies the learner's state, so answer cells keep running
with whatever they set. Around the grader's own recording of each cell, ``Guard.harness``
does the same for ``builtins`` and for the *harness's* modules and classes (the grader's own,
the IPython, ``json``, ``traceback`` and ``ast`` parts it uses): learner code that rebinds
them is undone before the grader uses them, and reported (``Guard.reasons``) as tampering
(IPython's classes are only restored: no verdict depends on them) —
as is any protected module that changes *while a test cell runs* (a learner's function or
thread patching ``math.isclose`` after the restoration). Limits (ADR 6): objects mutated in
place (e.g. the contents of a dict a locked cell defined) and modules outside the lists.

Checking is cheap, copying is not: a namespace is compared with a ``Snapshot`` by the
*identity* of each value (C-level ``map`` of ``operator.is_``, microseconds), and only what
differs is copied or written back. An honest notebook pays microseconds per
cell; a patching one pays for what it patched.
"""

from __future__ import annotations

import builtins
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter, is_
from typing import Any

# This module's own copy of the builtins: learner code that patches ``builtins`` in the child
# cannot change what the grader's functions here call.
__builtins__ = dict(vars(builtins))

PROTECTED_MODULES = ["builtins", "math", "cmath", "operator", "numbers", "functools",
                     "numpy", "numpy.testing", "pandas", "pandas.testing", "unittest",
                     "networkx"]
# What the grader itself uses in the child: restored before it records a cell, and a change by
# learner code is tampering. (The grader's own modules are found by name: ``graders.*``.)
# (Kept to what the recording uses: each is compared by identity around every cell.)
HARNESS_MODULES = ["json", "json.encoder", "traceback", "linecache", "IPython.utils.capture",
                   "IPython.core.getipython", "IPython.core.displaypub"]
HARNESS_CLASSES = ["IPython.core.displaypub:CapturingDisplayPublisher",
                   "IPython.utils.capture:capture_output", "IPython.utils.capture:CapturedIO",
                   "IPython.utils.capture:RichOutput",
                   "IPython.core.formatters:DisplayFormatter",
                   "json.encoder:JSONEncoder", "traceback:TracebackException",
                   "traceback:StackSummary", "traceback:FrameSummary"]
_FUNCTION_STATE = ("__code__", "__defaults__", "__kwdefaults__")
_GETTERS = tuple(attrgetter(name) for name in _FUNCTION_STATE)
_ABSENT = object()


@dataclass(frozen=True)
class Snapshot:
    """A namespace's contents at one moment, with the identities to compare against."""

    values: dict[str, Any]
    names: list[str]
    objects: list[Any]

    @classmethod
    def of(cls, namespace: dict) -> Snapshot:
        values = dict(namespace)
        return cls(values, list(values), list(values.values()))

    def holds(self, namespace: dict) -> bool:
        """Does ``namespace`` still map each of our names to the same object? (``is``, not
        ``id()``: in the child every ``id()`` call is an audit event.)"""
        return all(map(is_, map(namespace.get, self.names, repeat(_ABSENT)), self.objects))

    def matches(self, namespace: dict) -> bool:
        """Is ``namespace`` exactly this snapshot (same names, same objects)?"""
        return len(namespace) == len(self.names) and self.holds(namespace)

    def put_into(self, namespace: dict, module: str | None = None) -> None:
        """Make ``namespace`` hold exactly these values (never emptying it: it may be
        ``builtins``). For the namespace of ``module``, a submodule imported since (lazily,
        as ``numpy.rec`` on first use) stays: its parent must keep the attribute that
        ``sys.modules`` implies, or the next ``import numpy.rec`` recurses forever."""
        for name in [n for n in namespace if n not in self.values]:
            if module is not None and _is_submodule(namespace[name], f"{module}.{name}"):
                continue
            del namespace[name]
        for name, value in self.values.items():
            if namespace.get(name, _ABSENT) is not value:
                namespace[name] = value


def _is_submodule(value: Any, qualified: str) -> bool:
    return isinstance(value, types.ModuleType) and sys.modules.get(qualified) is value


@dataclass(frozen=True)
class _Functions:
    """The Python functions of the protected modules, with their code and defaults."""

    functions: list[types.FunctionType]
    state: list[list]

    @classmethod
    def of(cls, functions: list[types.FunctionType]) -> _Functions:
        return cls(functions, [list(map(getter, functions)) for getter in _GETTERS])

    def now(self) -> _Functions:
        return _Functions.of(self.functions)

    def hold(self) -> bool:
        if self._same():
            return True
        self._adopt_lazy_compilations()
        return self._same()

    def hold_for(self, changed: list[types.FunctionType]) -> bool:
        """``hold``, looking only at the functions in ``changed`` (those the audit hook saw
        assigned) instead of reading thousands of ``__code__`` attributes."""
        if not hasattr(self, "_position"):  # built once, on first use
            object.__setattr__(self, "_position", {id(f): i for i, f in
                                                   enumerate(self.functions)})
        for function in changed:
            i = self._position.get(id(function))
            if i is None or self.functions[i] is not function:
                continue  # not one of the protected functions
            if all(getter(function) is values[i]
                   for getter, values in zip(_GETTERS, self.state, strict=True)):
                continue
            if _lazily_compiled(function, self.state[0][i]):
                self.state[0][i] = function.__code__
                if all(getter(function) is values[i]
                       for getter, values in zip(_GETTERS, self.state, strict=True)):
                    continue
            return False
        return True

    def _same(self) -> bool:
        return all(all(map(is_, map(getter, self.functions), values))
                   for getter, values in zip(_GETTERS, self.state, strict=True))

    def _adopt_lazy_compilations(self) -> None:
        """A library's own first-call compilation becomes the pristine state (see
        ``_lazily_compiled``); anything else that changed stays a change."""
        codes = self.state[0]
        for i, function in enumerate(self.functions):
            code = function.__code__
            if code is not codes[i] and _lazily_compiled(function, codes[i]):
                codes[i] = code

    def put_back(self) -> None:
        for attribute, values in zip(_FUNCTION_STATE, self.state, strict=True):
            for function, value in zip(self.functions, values, strict=True):
                if getattr(function, attribute) is not value:
                    setattr(function, attribute, value)


_ARGMAP_COMPILATION = "<class 'networkx.utils.decorators.argmap'> compilation"


def _lazily_compiled(function: types.FunctionType, before: types.CodeType) -> bool:
    """networkx's ``argmap`` decorators replace their own ``__code__`` on the first call with
    a compiled wrapper (networkx#4732): the library's doing, not the learner's. Accepted only
    if the stub was argmap's and the new code is exactly what argmap compiles for it."""
    argmap = getattr(function, "__argmap__", None)
    code = function.__code__
    if argmap is None or before.co_name != "func" or not code.co_filename.startswith(
            _ARGMAP_COMPILATION):
        return False
    try:
        fresh = argmap.compile(function.__wrapped__).__code__
    except Exception:
        return False
    return (fresh.co_code, fresh.co_argcount, fresh.co_kwonlyargcount) == (
        code.co_code, code.co_argcount, code.co_kwonlyargcount)


def _grader_module(name: str) -> bool:
    return name == "graders" or name.startswith("graders.")


def _changed(snapshot: Snapshot, namespace: Any, module: str | None) -> list[str]:
    """Names whose value differs from ``snapshot`` (a submodule imported since is no change)."""
    changed = [n for n, v in snapshot.values.items() if namespace.get(n, _ABSENT) is not v]
    for name in namespace:
        if name not in snapshot.values and not (
                module is not None and _is_submodule(namespace[name], f"{module}.{name}")):
            changed.append(name)
    return changed


class _Namespace:
    """Stands for a plain dict where a module is expected: ``vars()`` of it is the dict."""

    def __init__(self, namespace: dict) -> None:
        self.__dict__ = namespace


def _restore_class(cls: type, snapshot: Snapshot) -> None:
    for name in [n for n in vars(cls) if n not in snapshot.values]:
        delattr(cls, name)
    for name, value in snapshot.values.items():
        if vars(cls).get(name, _ABSENT) is not value:
            setattr(cls, name, value)


@dataclass
class Pristine:
    """What the protected modules looked like in the warm process, before any learner code;
    with ``harness``, also the modules and classes the grader itself uses in the child."""

    modules: dict[str, tuple[types.ModuleType, Snapshot]] = field(default_factory=dict)
    functions: _Functions = field(default_factory=lambda: _Functions.of([]))
    sys_modules: Snapshot = field(default_factory=lambda: Snapshot.of({}))
    harness: dict[str, tuple[types.ModuleType, Snapshot]] = field(default_factory=dict)
    classes: list[tuple[type, Snapshot, bool]] = field(default_factory=list)  # flag it?

    @classmethod
    def take(cls, names: list[str] = PROTECTED_MODULES, harness: bool = False) -> Pristine:
        # the grader's own modules are hidden from learner code in the child (see ``hide``)
        visible = {n: m for n, m in sys.modules.items() if not (harness and _grader_module(n))}
        pristine = cls(sys_modules=Snapshot.of(visible))
        functions: dict[int, types.FunctionType] = {}
        for name in names:
            module = sys.modules.get(name)
            if module is None:
                continue
            snapshot = Snapshot.of(vars(module))
            pristine.modules[name] = (module, snapshot)
            functions |= {id(value): value for value in snapshot.values.values()
                          if isinstance(value, types.FunctionType)}
        pristine.functions = _Functions.of(list(functions.values()))
        if harness:
            pristine._take_harness()
        return pristine

    def _take_harness(self) -> None:
        graders = sorted(n for n in sys.modules if _grader_module(n))
        for name in [*graders, *HARNESS_MODULES]:
            module = sys.modules.get(name)
            if module is not None and name not in self.modules:
                self.harness[name] = (module, Snapshot.of(vars(module)))
        for name in graders:  # their private copies of the builtins (``__builtins__ = dict``)
            own = vars(sys.modules[name]).get("__builtins__")
            if isinstance(own, dict) and own is not vars(builtins):
                self.harness[f"{name}.__builtins__"] = (_Namespace(own), Snapshot.of(own))
        classes = {}
        for name in graders:
            for value in vars(sys.modules[name]).values():
                if isinstance(value, type) and value.__module__ == name:
                    classes[id(value)] = value
        for dotted in HARNESS_CLASSES:
            module, _, qualname = dotted.partition(":")
            value = getattr(sys.modules.get(module), qualname, None)
            if isinstance(value, type):
                classes[id(value)] = value
        # IPython's classes are only restored: the verdict never depends on them, and nbgrader
        # grades a patched ``InteractiveShell.showtraceback`` as the notebook's cells say
        self.classes = [(c, Snapshot.of(dict(vars(c))), not c.__module__.startswith("IPython"))
                        for c in classes.values()]

    def hide(self) -> None:
        """Take the grader's modules out of ``sys.modules`` (in the child, before learner
        code): ``import graders...`` cannot find them (the audit hook refuses it anyway)."""
        for name in [n for n in sys.modules if _grader_module(n)]:
            del sys.modules[name]


@dataclass
class _Saved:
    """The learner's state at one moment: only what differs from pristine is copied."""

    modules: dict[str, Snapshot | None]        # None: as pristine
    functions: _Functions | None = None        # None: as pristine
    sys_modules: Snapshot | None = None        # None: not looked at (harness)
    user_ns: dict[str, Any] = field(default_factory=dict)


class Guard:
    """Per-notebook protection in the child: knows the instructor's globals, and collects
    what it found tampered with in ``reasons``."""

    def __init__(self, pristine: Pristine, user_ns: dict,
                 reasons: list[str] | None = None, code_changed: list[bool] | None = None,
                 changed_functions: list | None = None) -> None:
        self.pristine, self.user_ns = pristine, user_ns
        self.instructor: dict[str, Any] = {}
        self.reasons = [] if reasons is None else reasons
        # set by the audit hook when any function's code or defaults are assigned: until then
        # the protected functions cannot differ, and reading thousands of ``__code__``
        # attributes (each an audit event) is skipped
        self.code_changed = code_changed
        self.changed_functions = changed_functions  # which ones, when the hook tells
        self._namespaces = {**pristine.modules, **pristine.harness}

    @contextmanager
    def locked_cell(self) -> Iterator[None]:
        """Around an instructor's locked (non-test) cell: remember what it defines."""
        before = dict(self.user_ns)
        yield
        for name, value in self.user_ns.items():
            if not name.startswith("_") and before.get(name, before) is not value:
                self.instructor[name] = value

    @contextmanager
    def test_cell(self) -> Iterator[None]:
        """Around an autograder test cell: pristine helpers (and harness), then the learner's
        state again. A protected module that changes while the test runs is tampering: tests
        do not patch ``math``, learner code called by the test (or a learner's thread) does."""
        saved = self._save(list(self._namespaces), everything=True)
        try:
            self._restore(saved)
            self._restore_classes(report=False)
            self._restore_globals(saved)
            yield
        finally:
            self._reapply(saved, self._check_unchanged_during_test())

    @contextmanager
    def harness(self) -> Iterator[None]:
        """Around the grader's own work in the child (recording a cell's outputs): pristine
        builtins and harness modules and classes, so a patched ``isinstance``, ``json`` or
        ``traceback`` cannot derail or forge the recording. A change to the grader's own
        modules or classes is recorded as tampering."""
        names = [n for n in ("builtins",) if n in self.pristine.modules]
        saved = self._save([*names, *self.pristine.harness])
        for name, learners in saved.modules.items():
            if learners is not None and _grader_module(name):
                module, pristine = self._namespaces[name]
                changed = _changed(pristine, vars(module), name)
                if changed:
                    self.reasons.append(f"changed the grader's module {name} "
                                        f"({', '.join(changed[:5])})")
        try:
            self._restore(saved)
            self._restore_classes(report=True)
            yield
        finally:
            self._reapply(saved, set())  # recording changes no module

    def _restore_classes(self, report: bool) -> None:
        """The harness classes as they were; a change to the grader's (not IPython's) is
        tampering."""
        for cls, pristine, flag in self.pristine.classes:
            if not pristine.matches(vars(cls)):
                changed = _changed(pristine, vars(cls), None)
                if flag and report and changed:
                    self.reasons.append(f"changed the class {cls.__module__}."
                                        f"{cls.__qualname__} ({', '.join(changed[:5])})")
                _restore_class(cls, pristine)

    def _check_unchanged_during_test(self) -> set[str]:
        """The namespaces that changed while the test cell ran (a changed value, not a
        submodule imported on first use, is tampering)."""
        touched = set()
        for name, (module, pristine) in self._namespaces.items():
            if not pristine.matches(vars(module)):
                touched.add(name)
                changed = _changed(pristine, vars(module), name)
                if changed:
                    self.reasons.append(f"changed {name}.{', '.join(changed[:5])} while a "
                                        "test cell ran")
        if not self._functions_hold():
            self.reasons.append("changed the code or defaults of a protected function while "
                                "a test cell ran")
        return touched

    def _functions_may_differ(self) -> bool:
        return self.code_changed is None or self.code_changed[0]

    def _functions_hold(self) -> bool:
        """Are the protected functions pristine? Read only when the hook saw some function's
        code or defaults assigned; once they hold again (a library's own first-call
        compilation, adopted), the flag is cleared so later cells skip the reading too."""
        if not self._functions_may_differ():
            return True
        changed = self.changed_functions
        functions = self.pristine.functions
        if not (functions.hold() if changed is None else functions.hold_for(changed)):
            return False
        if self.code_changed is not None:
            self.code_changed[0] = False
        if changed is not None:
            changed.clear()
        return True

    def _save(self, names: list[str], everything: bool = False) -> _Saved:
        modules = {}
        for name in names:
            module, pristine = self._namespaces[name]
            namespace = vars(module)
            modules[name] = None if pristine.matches(namespace) else Snapshot.of(namespace)
        saved = _Saved(modules)
        if everything:
            functions = self.pristine.functions
            saved.functions = None if self._functions_hold() else functions.now()
            saved.sys_modules = Snapshot.of(sys.modules)
        return saved

    def _restore(self, saved: _Saved) -> None:
        """Put back what the learner changed (and only that)."""
        if saved.functions is not None:
            self.pristine.functions.put_back()
        for name, learners in saved.modules.items():
            if learners is not None:
                module, pristine = self._namespaces[name]
                pristine.put_into(vars(module), name)
        if saved.sys_modules is not None and not self.pristine.sys_modules.holds(sys.modules):
            for name, module in self.pristine.sys_modules.values.items():
                if sys.modules.get(name) is not module:
                    sys.modules[name] = module

    def _restore_globals(self, saved: _Saved) -> None:
        # a user global named like a builtin would shadow it; the instructor's globals win
        wanted: dict[str, Any] = {"__builtins__": builtins, **self.instructor}
        shadows = [n for n in self.user_ns if not n.startswith("__") and hasattr(builtins, n)
                   and n not in self.instructor]
        for name in [*wanted, *shadows]:
            saved.user_ns[name] = self.user_ns.get(name, _ABSENT)
        for name in shadows:
            del self.user_ns[name]
        self.user_ns.update(wanted)

    def _reapply(self, saved: _Saved, touched: set[str] | None = None) -> None:
        """Back to the learner's state, writing only what differs from it now; a namespace
        that was pristine before and is not in ``touched`` (changed since) is left as is."""
        if saved.sys_modules is not None and (saved.functions is not None
                                              or self._functions_may_differ()):
            functions = saved.functions or self.pristine.functions
            if not functions.hold():
                functions.put_back()
        for name, learners in saved.modules.items():
            if learners is None and touched is not None and name not in touched:
                continue
            module, pristine = self._namespaces[name]
            if _grader_module(name):
                learners = None  # the grader's modules stay the grader's
            wanted = learners or pristine
            if not wanted.matches(vars(module)):
                wanted.put_into(vars(module), name)
        learners_modules = saved.sys_modules
        if learners_modules is not None and not learners_modules.holds(sys.modules):
            # the cell removed or replaced modules: the learner's again, plus its new imports
            imported = {n: m for n, m in sys.modules.items() if n not in learners_modules.values}
            Snapshot.of({**learners_modules.values, **imported}).put_into(sys.modules)
        for name, value in saved.user_ns.items():
            ours = builtins if name == "__builtins__" else self.instructor.get(name, _ABSENT)
            if self.user_ns.get(name, _ABSENT) is not ours:
                continue  # the test cell bound this name itself: keep its value, as a kernel
            if value is _ABSENT:
                self.user_ns.pop(name, None)
            else:
                self.user_ns[name] = value
