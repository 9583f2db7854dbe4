"""Embed the exercise's query log with wordllama, offline; writes query_log_embeddings.npy.

The exercise reads the embeddings from that file so that grading does not load the model for
every submission; this script shows (and reproduces) how they were made. Run it from this folder:

    python embed_query_log.py

wordllama ships its default 256-dimensional model (Llama-3 token embeddings, about 16 MB) inside
the package; ``disable_download=True`` makes sure nothing is fetched from the network.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import wordllama
from wordllama import WordLlama

HERE = Path(__file__).resolve().parent


def embed_log(csv: Path = HERE / "query_log.csv") -> np.ndarray:
    model = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    texts = pd.read_csv(csv)["text"].tolist()
    return model.embed(texts).astype(np.float32)      # one 256-d row per question, in log order


if __name__ == "__main__":
    vectors = embed_log()
    np.save(HERE / "query_log_embeddings.npy", vectors)
    print(f"wrote {len(vectors)} x {vectors.shape[1]} embeddings to query_log_embeddings.npy")
