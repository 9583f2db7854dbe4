"""Generate the synthetic data files of chapter 4 (scale, reliability and cost).

Run from the repository root:

    .venv/bin/python data/ch4_scale_reliability_cost/make_data.py

Everything is drawn from numpy's PCG64 generator with fixed seeds, so running the
script again reproduces the committed files byte for byte. The numbers are
synthetic but shaped like real traffic of an LLM-backed support assistant: a
diurnal request rate with one 10x burst, latencies built as
TTFT + TPOT x (output tokens - 1) with a heavy tail, a provider incident, and a
query log whose paraphrases and near-miss intents make semantic caching hard.
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
# intent -> (cacheable, paraphrase templates), most asked first. Generic FAQ intents
# have one right answer for everybody (cacheable); personal intents depend on the
# customer's own account, so a cached answer is wrong even for the same intent.
INTENTS: dict[str, tuple[bool, list[str]]] = {
    "reset_password": (True, [
        "How do I reset my password?",
        "I forgot my password, how can I reset it?",
        "how to reset password",
        "Can you send me a password reset link?",
        "I can't remember my password",
        "lost my password what do I do",
        "password reset not working, how do I get a new one?",
    ]),
    "cancel_subscription": (True, [
        "How do I cancel my subscription?",
        "cancel subscription",
        "I want to stop my subscription",
        "How can I end my plan and stop being billed?",
        "please cancel my membership",
        "how to cancel my plan",
    ]),
    "charged_twice": (False, [
        "Why was I charged twice this month?",
        "I see two charges on my card",
        "double charge on my invoice",
        "you billed me twice",
    ]),
    "download_invoice": (True, [
        "Where can I download my invoices?",
        "download invoice",
        "I need a copy of my invoice",
        "how to get my invoices as PDF",
    ]),
    "change_password": (True, [
        "How do I change my password?",
        "I want to update my password",
        "how to change password",
        "Where can I set a new password in my settings?",
        "change my login password",
    ]),
    "upgrade_plan": (True, [
        "How do I upgrade to the Pro plan?",
        "upgrade my plan",
        "I want to move to a bigger plan",
        "how to upgrade subscription",
        "What does it cost to upgrade to Pro?",
    ]),
    "api_key_not_working": (False, [
        "My API key is not working",
        "API key returns 401 unauthorized",
        "my new API token gets rejected",
    ]),
    "refund_policy": (True, [
        "What is your refund policy?",
        "Can I get a refund?",
        "do you give refunds",
        "how do refunds work",
        "refund policy for annual plans",
    ]),
    "refund_status": (False, [
        "Where is my refund?",
        "when will I get my refund",
        "I was promised a refund but haven't received it",
        "has my refund been processed?",
    ]),
    "account_locked": (False, [
        "My account is locked, can you unlock it?",
        "I'm locked out of my account",
        "account locked after too many login attempts",
    ]),
    "password_email_missing": (False, [
        "I didn't receive the password reset email",
        "password reset email never arrived",
        "no reset link in my inbox",
    ]),
    "create_api_key": (True, [
        "How do I create an API key?",
        "create API key",
        "where do I get an API token?",
        "how to generate a new API key",
    ]),
    "update_card": (True, [
        "How do I update my credit card?",
        "change my card details",
        "my card expired, how do I add a new one?",
        "update payment card",
    ]),
    "subscription_status": (False, [
        "Is my subscription still active?",
        "when does my subscription renew?",
        "what plan am I on right now?",
    ]),
    "enable_2fa": (True, [
        "How do I turn on two-factor authentication?",
        "enable 2FA",
        "how to set up two factor authentication",
        "turn on two-step verification",
    ]),
    "switch_to_annual": (True, [
        "How do I switch to annual billing?",
        "change my billing to yearly",
        "can I pay yearly instead of monthly?",
        "switch subscription to annual",
    ]),
    "export_data": (True, [
        "How do I export my data?",
        "export all my data",
        "can I download all my projects as a backup?",
        "how to export data to CSV",
    ]),
    "lost_2fa_device": (True, [
        "I lost my phone, how do I log in with two-factor authentication?",
        "reset two-factor authentication",
        "new phone, my 2FA codes don't work",
        "how to recover 2FA without my phone",
    ]),
    "invoice_amount_wrong": (False, [
        "Why is my invoice higher than last month?",
        "my invoice amount looks wrong",
        "why did my bill go up",
    ]),
    "downgrade_plan": (True, [
        "How do I downgrade my plan?",
        "downgrade my plan",
        "I want to move to a cheaper plan",
        "how to downgrade subscription",
    ]),
    "pause_subscription": (True, [
        "Can I pause my subscription?",
        "pause subscription for a month",
        "is it possible to put my plan on hold?",
        "how to pause my plan",
    ]),
    "add_team_member": (True, [
        "How do I add a team member?",
        "invite a colleague to my workspace",
        "add user to team",
        "how to invite people to my account",
    ]),
    "switch_to_monthly": (True, [
        "How do I switch to monthly billing?",
        "change my billing to monthly",
        "can I pay monthly instead of yearly?",
        "switch subscription to monthly",
    ]),
    "api_rate_limit": (True, [
        "What is the API rate limit?",
        "API rate limits",
        "how many API requests per minute can I make?",
        "I'm getting 429 errors from the API, what are the limits?",
    ]),
    "change_email": (True, [
        "How do I change the email address on my account?",
        "update my email address",
        "I need to use a different email for my login",
        "how to change account email",
    ]),
    "change_username": (True, [
        "How do I change my username?",
        "update my username",
        "how to change display name",
    ]),
    "export_failed": (False, [
        "My data export failed, what went wrong?",
        "export keeps failing with an error",
        "the CSV export of my project is empty",
    ]),
    "revoke_api_key": (True, [
        "How do I revoke an API key?",
        "revoke API key",
        "delete an old API token",
        "how to disable an API key",
    ]),
    "invoice_address": (True, [
        "How do I change the address on my invoices?",
        "update billing address on invoice",
        "wrong company address on invoice, how to change it",
    ]),
    "payment_methods": (True, [
        "Which payment methods do you accept?",
        "can I pay with PayPal?",
        "do you accept credit cards",
        "what payment options are there",
    ]),
    "disable_2fa": (True, [
        "How do I turn off two-factor authentication?",
        "disable 2FA",
        "how to remove two factor authentication",
        "turn off two-step verification",
    ]),
    "delete_project": (True, [
        "How do I delete a project?",
        "delete a project",
        "how to remove an old project",
    ]),
    "remove_team_member": (True, [
        "How do I remove a team member?",
        "remove a colleague from my workspace",
        "remove user from team",
        "how to take someone off my account",
    ]),
    "setup_sso": (True, [
        "How do I set up SSO?",
        "configure single sign-on with Okta",
        "SSO setup",
        "do you support SAML single sign-on?",
    ]),
    "vat_invoice": (True, [
        "How do I add my VAT number to invoices?",
        "add VAT ID to invoice",
        "my invoice needs our company tax number",
    ]),
    "cancel_invite": (True, [
        "How do I cancel an invitation I sent?",
        "cancel a team invite",
        "withdraw an invitation to my workspace",
    ]),
    "delete_account": (True, [
        "How do I delete my account?",
        "delete my account",
        "I want to close my account permanently",
        "how to remove my account and data",
    ]),
}

PREFIXES = ["", "", "", "", "hi, ", "hello! ", "quick question: ", "hey - ", "Hi team, "]
SUFFIXES = ["", "", "", "", " thanks", " thank you!", " please", " asap"]


def _typo(text: str, rng: np.random.Generator) -> str:
    """Swap two adjacent letters inside one word (a common typing slip)."""
    idx = [i for i in range(len(text) - 1) if text[i].isalpha() and text[i + 1].isalpha()]
    if not idx:
        return text
    i = int(rng.choice(idx))
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def make_query_log(n: int = 900, seed: int = 43) -> pd.DataFrame:
    """A labelled log of support questions in arrival order.

    Intent popularity follows a Zipf-like law (a few questions dominate), each
    question is one of its intent's paraphrases, and almost half get a greeting,
    a sign-off, different casing or a typo. The label says which intent the
    question really is and whether its answer is the same for every customer
    (cacheable) or depends on the customer's account (personal).
    """
    rng = np.random.default_rng(seed)
    names = list(INTENTS)  # listed from most to least asked
    popularity = 1.0 / (np.arange(1, len(names) + 1) ** 0.9)
    popularity /= popularity.sum()

    rows = []
    for i in range(n):
        intent = names[rng.choice(len(names), p=popularity)]
        cacheable, templates = INTENTS[intent]
        # the first template of each intent is the most common phrasing
        tw = np.array([2.0] + [1.0] * (len(templates) - 1))
        text = templates[rng.choice(len(templates), p=tw / tw.sum())]
        if rng.random() < 0.45:
            text = PREFIXES[rng.integers(len(PREFIXES))] + text
            text = text + SUFFIXES[rng.integers(len(SUFFIXES))]
        u = rng.random()
        if u < 0.08:
            text = text.lower()
        elif u < 0.14:
            text = _typo(text, rng)
        rows.append(
            {"query_id": i + 1, "text": text, "intent": intent, "cacheable": int(cacheable)}
        )
    return pd.DataFrame(rows)


def main() -> None:
    make_traffic().to_csv(HERE / "traffic_day.csv", index=False)
    make_latency_trace().to_csv(HERE / "latency_trace.csv", index=False)
    make_query_log().to_csv(HERE / "query_log.csv", index=False)


if __name__ == "__main__":
    main()
