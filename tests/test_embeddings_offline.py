"""The course's embedding model loads from its package with no network, and it embeds by meaning.

Chapters 1, 2 and 4 embed text with WordLlama's default 256-dimensional model, whose weights and
tokenizer ship inside the ``wordllama`` wheel (docs/adr/0007-offline-embeddings.md). These tests
fail if loading it would reach the network, if a notebook loads it any other way, or if the vectors
stop separating paraphrases from unrelated questions.
"""

from __future__ import annotations

import socket
from pathlib import Path

import nbformat
import numpy as np
import pytest
from conftest import ROOT

wordllama = pytest.importorskip("wordllama")
from wordllama import WordLlama  # noqa: E402

PACKAGE_DIR = Path(wordllama.__file__).resolve().parent
LOAD_CALL = "WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)"


@pytest.fixture
def offline(monkeypatch, tmp_path):
    """Every way out is closed: sockets, DNS, requests, the Hugging Face hub; no user cache."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args[:2])
        raise AssertionError(f"network access while loading the embedding model: {args[:2]!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    import requests

    monkeypatch.setattr(requests, "get", refuse)
    monkeypatch.setattr(requests.Session, "request", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.setenv("HOME", str(tmp_path))          # no copy cached in a user's home can help
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    resolved = []
    original = WordLlama.resolve_file.__func__

    def recording(cls, *args, **kwargs):
        path = original(cls, *args, **kwargs)
        resolved.append(Path(path).resolve())
        return path

    monkeypatch.setattr(WordLlama, "resolve_file", classmethod(recording))
    return attempts, resolved


def _load():
    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def test_model_loads_from_the_wheel_without_network(offline):
    attempts, resolved = offline
    model = _load()
    assert attempts == [], f"loading tried the network: {attempts}"
    assert resolved, "the model resolved no weight or tokenizer file"
    outside = [p for p in resolved if PACKAGE_DIR not in p.parents]
    assert not outside, f"files resolved outside the package (a cache or a download): {outside}"
    vectors = model.embed(["Where is my refund?"], norm=True)
    assert vectors.shape == (1, 256)


def test_a_missing_file_fails_instead_of_downloading(offline, tmp_path):
    """With disable_download=True a missing model is an error, never a silent download."""
    attempts, _ = offline
    with pytest.raises(FileNotFoundError):
        WordLlama.load(config="l3_supercat", cache_dir=tmp_path, disable_download=True)
    assert attempts == []


def test_embeddings_separate_paraphrases_from_unrelated_questions(offline):
    model = _load()
    pairs = [
        ("Where is my refund?", "When will I get my money back?", "How do I reset my password?"),
        ("I forgot my password", "I can't log in because I don't remember my password",
         "Can I pay my invoice by bank transfer?"),
        ("The bank feed shows every transaction twice.",
         "I reconnected my bank but now every transaction appears twice.",
         "How do I add my logo to invoices?"),
    ]
    for anchor, paraphrase, unrelated in pairs:
        a, p, u = model.embed([anchor, paraphrase, unrelated], norm=True)
        close, far = float(a @ p), float(a @ u)
        assert close >= 0.4, f"{anchor!r} vs its paraphrase scores only {close:.2f}"
        assert far <= 0.3, f"{anchor!r} vs an unrelated question scores {far:.2f}"
        assert close - far >= 0.2, (
            f"{anchor!r}: paraphrase {close:.2f} is not clearly above unrelated {far:.2f}")
    norms = np.linalg.norm(model.embed(["a", "refund policy"], norm=True), axis=1)
    assert np.allclose(norms, 1.0, atol=1e-4), "norm=True must give unit vectors (dot = cosine)"


def test_notebooks_load_the_model_offline_with_the_library_api():
    """Every notebook that uses WordLlama loads it with the one offline call, shown, not hidden."""
    users = []
    for path in sorted([*ROOT.glob("book/ch*/*.ipynb"), *ROOT.glob("solutions/ch*/*.ipynb")]):
        nb = nbformat.read(path, as_version=4)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        if "WordLlama" not in code:
            continue
        users.append(path.relative_to(ROOT))
        calls = code.count("WordLlama.load(") + code.count("WordLlama.load_m2v(")
        assert calls == code.count(LOAD_CALL), (
            f"{path.relative_to(ROOT)}: load the model with {LOAD_CALL} (no download)")
    assert any(str(u).startswith("book/ch1_foundations") for u in users), \
        "chapter 1 should embed its corpus with the offline model"
