"""Generate the synthetic data files of chapter 4 (scale, reliability and cost).

Run from the repository root:

    .venv/bin/python data/ch4_scale_reliability_cost/make_data.py

Everything is drawn from numpy's PCG64 generator with fixed seeds, so running the
script again reproduces the committed files byte for byte. The numbers are
synthetic but shaped like real traffic of an LLM-backed support assistant: a
diurnal request rate with one 10x burst, latencies built as
TTFT + TPOT x (output tokens - 1) with a right skew and a stall tail, a provider
incident, and a query log whose paraphrases and near-miss intents make semantic
caching hard (its phrase material is hand-written in query_phrases.py).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------- traffic
def make_traffic(seed: int = 41) -> pd.DataFrame:
    """Requests per minute over one day (1,440 minutes) for the support assistant.

    A diurnal curve (quiet at night, busy late morning and mid-afternoon) with a
    mean of about 1 request/s, Poisson noise, and one 20-minute burst at 10x the
    usual rate for that time of day (a marketing e-mail that links to the chat).
    """
    rng = np.random.default_rng(seed)
    minute = np.arange(24 * 60)
    hour = minute / 60.0
    # two daytime peaks on a night-time floor
    shape = (
        0.25
        + 1.05 * np.exp(-0.5 * ((hour - 11.0) / 2.2) ** 2)
        + 0.85 * np.exp(-0.5 * ((hour - 15.5) / 2.0) ** 2)
        + 0.25 * np.exp(-0.5 * ((hour - 20.5) / 1.5) ** 2)
    )
    rate_per_s = shape / shape.mean() * 1.0  # mean 1 request/s over the day
    spike = (minute >= 14 * 60) & (minute < 14 * 60 + 20)  # 14:00-14:20
    rate_per_s = np.where(spike, rate_per_s * 10.0, rate_per_s)
    requests = rng.poisson(rate_per_s * 60.0)
    return pd.DataFrame(
        {
            "minute": minute,
            "time": [f"{m // 60:02d}:{m % 60:02d}" for m in minute],
            "requests": requests,
            "in_spike": spike.astype(int),
        }
    )


# --------------------------------------------------------------------------- latency trace
def make_latency_trace(n: int = 4000, seed: int = 42) -> pd.DataFrame:
    """One row per request: what the primary and the secondary model did with it.

    primary (large model, provider A): latency = TTFT + TPOT x (N_out - 1) with
    lognormal TTFT, per-request TPOT, lognormal output length, plus 2% stalls
    (provider-side queueing) that add an exponential delay. Errors: 0.8% at the
    base rate and 60% during a 12-minute incident (minutes 70-82), where latency
    also doubles. Half of the errors come back fast (HTTP 429/500 in ~0.2 s), the
    other half only after the provider's 30 s gateway timeout.

    secondary (small model, provider B): faster per token, independent 0.5% errors.

    primary_ttft_ms is the time to the first token of a successful primary call
    (empty when the call failed); primary_latency_ms is the end-to-end time until
    the call returned (the full answer, or the error).

    cache_available: whether the semantic cache holds a correct answer for this
    request (about 30% of requests are generic FAQ questions already answered).
    """
    rng = np.random.default_rng(seed)
    arrival_s = np.sort(rng.uniform(0, 2 * 3600, n))  # two hours of traffic
    input_tokens = np.clip(rng.lognormal(np.log(1800), 0.35, n), 300, 8000).round().astype(int)
    output_tokens = np.clip(rng.lognormal(np.log(180), 0.55, n), 20, 1500).round().astype(int)

    in_incident = (arrival_s >= 70 * 60) & (arrival_s < 82 * 60)

    # primary
    ttft = rng.lognormal(np.log(450), 0.35, n) * (1 + input_tokens / 8000)
    tpot = np.clip(rng.normal(25, 4, n), 12, None)
    lat = ttft + tpot * (output_tokens - 1)
    stall = rng.random(n) < 0.02
    lat = lat + np.where(stall, rng.exponential(8000, n), 0.0)
    lat = np.where(in_incident, lat * 2.0, lat)
    ttft = np.where(in_incident, ttft * 2.0, ttft)
    p_err = np.where(in_incident, 0.60, 0.008)
    err = rng.random(n) < p_err
    fast_fail = rng.random(n) < 0.5
    err_lat = np.where(fast_fail, rng.lognormal(np.log(200), 0.3, n), 30000.0)
    primary_latency = np.where(err, err_lat, lat)

    # secondary
    ttft2 = rng.lognormal(np.log(300), 0.3, n) * (1 + input_tokens / 8000)
    tpot2 = np.clip(rng.normal(12, 2, n), 6, None)
    lat2 = ttft2 + tpot2 * (output_tokens - 1)
    stall2 = rng.random(n) < 0.01
    lat2 = lat2 + np.where(stall2, rng.exponential(3000, n), 0.0)
    err2 = rng.random(n) < 0.005
    lat2 = np.where(err2, rng.lognormal(np.log(200), 0.3, n), lat2)

    cache_available = rng.random(n) < 0.30

    return pd.DataFrame(
        {
            "request_id": np.arange(1, n + 1),
            "arrival_s": arrival_s.round(3),
            "input_tokens": input_tokens,
            "output_tokens": output_tokens,
            "primary_ttft_ms": np.where(err, np.nan, ttft).round(1),
            "primary_latency_ms": primary_latency.round(1),
            "primary_ok": (~err).astype(int),
            "secondary_latency_ms": lat2.round(1),
            "secondary_ok": (~err2).astype(int),
            "cache_available": cache_available.astype(int),
        }
    )


# --------------------------------------------------------------------------- query log
# The phrase material (intents, paraphrases, near misses, context sentences) is written
# by hand in query_phrases.py next to this file.
import sys  # noqa: E402

sys.path.insert(0, str(HERE))
import query_phrases as qp  # noqa: E402

AMOUNTS = ["€29", "€58", "£24.00", "$39", "€348", "€19.90", "£120", "$79"]


def _typo(text: str, rng: np.random.Generator) -> str:
    """One typing slip inside a word: swap, drop or double a letter."""
    idx = [i for i in range(len(text) - 1) if text[i].isalpha() and text[i + 1].isalpha()]
    if not idx:
        return text
    i = int(rng.choice(idx))
    kind = rng.integers(3)
    if kind == 0:  # swap two adjacent letters
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    if kind == 1:  # drop a letter
        return text[:i] + text[i + 1:]
    return text[:i] + text[i] + text[i:]  # double a letter


def _fill(text: str, rng: np.random.Generator) -> str:
    """Fill the slots of a question with a random invoice, order, amount, day, project, tool."""
    slots = {
        "inv": f"INV-{rng.integers(1000, 3000)}",
        "order": f"TF-{rng.integers(10000, 99999)}",
        "amt": AMOUNTS[rng.integers(len(AMOUNTS))],
        "day": qp.DAYS[rng.integers(len(qp.DAYS))],
        "project": qp.PROJECTS[rng.integers(len(qp.PROJECTS))],
        "tool": qp.TOOLS[rng.integers(len(qp.TOOLS))],
    }
    return text.format(**slots)


def make_query_log(n: int = 2400, seed: int = 43) -> pd.DataFrame:
    """A labelled log of support questions to the Fernway assistant, in arrival order.

    Intent popularity follows a Zipf-like law (exponent 0.8 over the hand-set order
    query_phrases.POPULARITY); within an intent the first, common phrasings are asked
    more often (weight 1/sqrt(rank)). A question is one hand-written paraphrase,
    with a random invoice or order number, amount, day, project or tool in its slots; each
    rewording rule of query_phrases.REWORDINGS applies with probability 0.35; then,
    each independently, a greeting (30%), a context sentence before or after it (25%), a
    sign-off (25%), all lower case (20%), the final punctuation dropped (30%) and one
    typing slip (10%).

    Columns: query_id; text; intent (the true intent); cacheable (1 = the answer is
    the same for every customer, 0 = personal or time-dependent: it depends on the
    customer's account, order or invoice, or on the moment, like service status);
    topic; phrasing (index of the paraphrase within its intent); typo (1 = contains a
    typing slip); confusable_with (intents that look alike but need another answer,
    separated by ';').
    """
    rng = np.random.default_rng(seed)
    names = list(qp.POPULARITY)  # most asked first
    assert sorted(names) == sorted(qp.INTENTS), "POPULARITY must list every intent once"
    popularity = 1.0 / np.arange(1, len(names) + 1) ** 0.8
    popularity /= popularity.sum()

    rows = []
    for i in range(n):
        intent = names[rng.choice(len(names), p=popularity)]
        spec = qp.INTENTS[intent]
        phrasings = spec["phrasings"]
        w = 1.0 / np.sqrt(np.arange(1, len(phrasings) + 1))
        k = int(rng.choice(len(phrasings), p=w / w.sum()))
        text = _fill(phrasings[k], rng)
        for old, variants in qp.REWORDINGS:
            if old in text and rng.random() < 0.35:
                text = text.replace(old, variants[rng.integers(len(variants))], 1)
        if rng.random() < 0.25:
            context = qp.CONTEXT[spec["topic"]]
            sentence = context[rng.integers(len(context))]
            if rng.random() < 0.5:
                text = sentence + " " + text
            else:
                text = text.rstrip(".") + (". " if text[-1] not in "?!" else " ") + sentence
        if rng.random() < 0.30:
            opener = qp.OPENERS[rng.integers(len(qp.OPENERS))]
            text = opener + (text[0].lower() + text[1:] if opener.endswith(", ") else text)
        if rng.random() < 0.25:
            text = text + qp.CLOSERS[rng.integers(len(qp.CLOSERS))]
        if rng.random() < 0.20:
            text = text.lower()
        if rng.random() < 0.30:
            text = text.rstrip("?.!")
        typo = rng.random() < 0.10
        if typo:
            text = _typo(text, rng)
        text = text.strip()
        rows.append(
            {
                "query_id": i + 1,
                "text": text,
                "intent": intent,
                "cacheable": int(spec["cacheable"]),
                "topic": spec["topic"],
                "phrasing": k,
                "typo": int(typo),
                "confusable_with": ";".join(spec["confusable"]),
            }
        )
    return pd.DataFrame(rows)


def main() -> None:
    make_traffic().to_csv(HERE / "traffic_day.csv", index=False)
    make_latency_trace().to_csv(HERE / "latency_trace.csv", index=False)
    make_query_log().to_csv(HERE / "query_log.csv", index=False)


if __name__ == "__main__":
    main()
