"""The environment is reproducible: ``.venv`` holds exactly ``requirements.lock``, and the lock
satisfies the ranges ``pyproject.toml`` declares (``make lock`` refreshes it)."""

from __future__ import annotations

import importlib.metadata
import sysconfig
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
NOT_LOCKED = {"pip", "engineer-to-ai-architect"}  # the installer, and the course itself


def locked() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"{LOCK.name}: '{line}' is not pinned with =="
            pins[canonicalize_name(name)] = version
    return pins


def installed() -> dict[str, str]:
    """What the environment itself holds: its site-packages only (setuptools puts its own
    vendored copies of packaging, wheel, zipp... on ``sys.path`` once imported)."""
    folders = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    return {canonicalize_name(d.metadata["Name"]): d.version
            for d in importlib.metadata.distributions(path=folders)}


def test_the_environment_is_exactly_the_lock() -> None:
    lock, have = locked(), installed()
    wrong = {n: (v, have.get(n)) for n, v in lock.items() if have.get(n) != v}
    extra = sorted(set(have) - set(lock) - NOT_LOCKED)
    assert not wrong, ("installed versions differ from requirements.lock (locked, installed): "
                       f"{wrong}; run `make setup` (or `make lock` to move the lock on)")
    assert not extra, (f"installed but not in requirements.lock: {extra}; add them to "
                       "pyproject.toml and run `make lock`, or uninstall them")


def test_the_lock_satisfies_every_range_in_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    lock = locked()
    for spec in map(Requirement, wanted):
        name = canonicalize_name(spec.name)
        assert name in lock, f"{spec.name} is in pyproject.toml but not locked: run `make lock`"
        assert spec.specifier.contains(lock[name], prereleases=True), (
            f"requirements.lock pins {spec.name}=={lock[name]}, outside pyproject's "
            f"'{spec}': run `make lock`")
