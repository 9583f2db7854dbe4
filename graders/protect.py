"""Test cells run against pristine helpers, whatever an answer cell replaced.

The warm process takes a snapshot before it forks (``Pristine.take``): ``builtins``, the
modules tests use to compare (``math``, ``operator``, ``numpy``, ``numpy.testing``,
``pandas.testing``, ...), the code objects of their Python functions, and ``sys.modules``.
In the child, around every *autograder test cell* (a cell the gradebook knows, with nbgrader
metadata ``grade=True, solution=False``), ``Guard.test_cell`` puts all of that back, plus the
globals the instructor's locked cells defined, and hides user globals that shadow a builtin;
afterwards it re-applies the learner's state, so answer cells keep running with whatever they
set. Limits (see the README's threat model): objects mutated in place (e.g. the contents of a
dict a locked cell defined), modules outside the list, and code that attacks the harness
itself (it shares the process) are not covered.
"""

from __future__ import annotations

import builtins
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

# This module's own copy of the builtins: learner code that patches ``builtins`` in the child
# cannot change what the grader's functions here call.
__builtins__ = dict(vars(builtins))

PROTECTED_MODULES = ["builtins", "math", "cmath", "operator", "numbers", "functools",
                     "numpy", "numpy.testing", "pandas", "pandas.testing", "unittest",
                     "networkx"]
_FUNCTION_STATE = ("__code__", "__defaults__", "__kwdefaults__")


def _functions(namespace: dict) -> dict[int, tuple]:
    state = {}
    for value in namespace.values():
        if isinstance(value, types.FunctionType):
            state[id(value)] = (value, *(getattr(value, a) for a in _FUNCTION_STATE))
    return state


@dataclass
class Pristine:
    """What the protected modules looked like in the warm process, before any learner code."""

    modules: dict[str, tuple[types.ModuleType, dict]] = field(default_factory=dict)
    functions: dict[int, tuple] = field(default_factory=dict)
    sys_modules: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def take(cls, names: list[str] = PROTECTED_MODULES) -> Pristine:
        pristine = cls(sys_modules=dict(sys.modules))
        for name in names:
            module = sys.modules.get(name)
            if module is not None:
                pristine.modules[name] = (module, dict(vars(module)))
                pristine.functions |= _functions(vars(module))
        return pristine


def _put(namespace: dict, wanted: dict) -> None:
    """Make ``namespace`` hold exactly ``wanted`` (without ever emptying it: it may be
    ``builtins``)."""
    for name in [n for n in namespace if n not in wanted]:
        del namespace[name]
    for name, value in wanted.items():
        if namespace.get(name, wanted) is not value:
            namespace[name] = value


def _put_functions(state: dict[int, tuple]) -> None:
    for function, *values in state.values():
        for attribute, value in zip(_FUNCTION_STATE, values, strict=True):
            if getattr(function, attribute) is not value:
                setattr(function, attribute, value)


class Guard:
    """Per-notebook protection in the child: knows the instructor's globals."""

    def __init__(self, pristine: Pristine, user_ns: dict) -> None:
        self.pristine, self.user_ns = pristine, user_ns
        self.instructor: dict[str, Any] = {}

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
        """Around an autograder test cell: pristine helpers, then the learner's state again."""
        saved = self._learner_state()
        try:
            self._restore(saved)
            yield
        finally:
            self._reapply(saved)

    @contextmanager
    def harness(self) -> Iterator[None]:
        """Around the grader's own work in the child (recording a cell's outputs): pristine
        builtins and modules, so a patched ``isinstance`` cannot derail the recording."""
        saved = self._learner_state()
        try:
            self._restore_modules()
            yield
        finally:
            self._reapply(saved)

    def _learner_state(self) -> dict:
        return {"modules": {n: dict(vars(m)) for n, (m, _) in self.pristine.modules.items()},
                "functions": _functions({i: f[0] for i, f in self.pristine.functions.items()}),
                "sys_modules": dict(sys.modules), "user_ns": {}}

    def _restore_modules(self) -> None:
        _put_functions(self.pristine.functions)
        for module, namespace in self.pristine.modules.values():
            _put(vars(module), namespace)
        for name, module in self.pristine.sys_modules.items():
            if sys.modules.get(name) is not module:
                sys.modules[name] = module

    def _restore(self, saved: dict) -> None:
        self._restore_modules()
        # a user global named like a builtin would shadow it; the instructor's globals win
        wanted: dict[str, Any] = {"__builtins__": builtins, **self.instructor}
        shadows = [n for n in self.user_ns if not n.startswith("__") and hasattr(builtins, n)
                   and n not in self.instructor]
        for name in [*wanted, *shadows]:
            saved["user_ns"][name] = self.user_ns.get(name, _ABSENT)
        for name in shadows:
            del self.user_ns[name]
        self.user_ns.update(wanted)

    def _reapply(self, saved: dict) -> None:
        _put_functions(saved["functions"])
        for name, (module, _) in self.pristine.modules.items():
            _put(vars(module), saved["modules"][name])
        imported = {n: m for n, m in sys.modules.items() if n not in saved["sys_modules"]}
        _put(sys.modules, {**saved["sys_modules"], **imported})
        for name, value in saved["user_ns"].items():
            ours = builtins if name == "__builtins__" else self.instructor.get(name, _ABSENT)
            if self.user_ns.get(name, _ABSENT) is not ours:
                continue  # the test cell bound this name itself: keep its value, as a kernel
            if value is _ABSENT:
                self.user_ns.pop(name, None)
            else:
                self.user_ns[name] = value


_ABSENT = object()
