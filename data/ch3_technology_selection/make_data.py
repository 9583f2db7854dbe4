"""Generate ops_metrics.csv: twelve months of operating metrics for three fictional teams.

The numbers are synthetic (seed 42) and exist to show how the two failure modes of chapter 3,
over-engineering and under-resourcing, become visible in ordinary monthly metrics before they
become expensive. Run from anywhere:

    .venv/bin/python data/ch3_technology_selection/make_data.py

Cases (all self-host an open-weight model; capacities match notebook 02's assumptions):

- ``notes-summariser``: 4-person product team, internal meeting-notes summaries, a 2-instance
  GPU fleet for a few tens of thousands of requests a month (over-engineering).
- ``clinical-letters``: hospital group, data must stay on premises (self-hosting justified), one
  engineer who can run GPU inference, volume growing fast (under-resourcing).
- ``ticket-triage``: 9-person platform team with four inference-capable engineers, volume in
  the millions, utilisation in a healthy band (the control case).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 42
MONTHS = np.arange(1, 13)
SECONDS_PER_MONTH = 730 * 3600

# requests per second one instance sustains at the latency target (assumption, see notebook 02)
CAPACITY_RPS = {"notes-summariser": 1.0, "clinical-letters": 1.0, "ticket-triage": 1.0}


def _case(rng, name, requests, instances, ops_hours, capacity_hours, pages, patch_lag):
    capacity = CAPACITY_RPS[name] * SECONDS_PER_MONTH * np.asarray(instances)
    return pd.DataFrame(
        {
            "case": name,
            "month": MONTHS,
            "requests": np.round(requests).astype(int),
            "instances": np.asarray(instances, dtype=int),
            "fleet_utilisation": np.round(np.asarray(requests) / capacity, 4),
            "ops_hours": np.round(ops_hours, 1),
            "ops_capacity_hours": np.round(capacity_hours, 1),
            "pages": np.asarray(pages, dtype=int),
            "patch_lag_days": np.asarray(patch_lag, dtype=int),
        }
    )


def make(seed: int = SEED) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    noise = lambda scale: rng.normal(0.0, scale, MONTHS.size)  # noqa: E731

    # over-engineering: tiny volume on a redundant GPU fleet; the ops work is real but idle
    notes = _case(
        rng,
        "notes-summariser",
        requests=30_000 * 1.06 ** (MONTHS - 1) * (1 + noise(0.05)),
        instances=[2] * 12,
        ops_hours=np.clip(55 + noise(6), 40, None),
        capacity_hours=[70.0] * 12,
        pages=rng.poisson(2, MONTHS.size),
        patch_lag=np.clip(np.round(10 + noise(3)), 0, None),
    )

    # under-resourcing: growth adds instances and work, one engineer carries it all
    letters_req = 250_000 * 1.22 ** (MONTHS - 1) * (1 + noise(0.04))
    letters_inst = np.maximum.accumulate(
        np.maximum(2, np.ceil(letters_req / (0.6 * SECONDS_PER_MONTH)))
    )
    letters_ops = 20 + 5 * letters_inst + 3.0 * (MONTHS - 1) + noise(2)
    letters = _case(
        rng,
        "clinical-letters",
        requests=letters_req,
        instances=letters_inst,
        ops_hours=letters_ops,
        capacity_hours=[35.0] * 12,
        pages=rng.poisson(3 + 1.2 * (MONTHS - 1)),
        patch_lag=np.round(7 + 4.5 * (MONTHS - 1) + noise(2)).clip(0),
    )

    # control: utilisation in band, ops load well inside a 3-person rota's capacity
    triage_req = 2_200_000 * 1.05 ** (MONTHS - 1) * (1 + noise(0.04))
    # fleets are scaled up, not down, month to month
    triage_inst = np.maximum.accumulate(
        np.maximum(2, np.ceil(triage_req / (0.6 * SECONDS_PER_MONTH)))
    )
    triage = _case(
        rng,
        "ticket-triage",
        requests=triage_req,
        instances=triage_inst,
        ops_hours=40 + 6 * triage_inst + noise(4),
        capacity_hours=[140.0] * 12,
        pages=rng.poisson(2, MONTHS.size),
        patch_lag=np.clip(np.round(6 + noise(2)), 0, None),
    )
    return pd.concat([notes, letters, triage], ignore_index=True)


if __name__ == "__main__":
    out = Path(__file__).with_name("ops_metrics.csv")
    make().to_csv(out, index=False)
    print(f"wrote {out}")
