"""Plausible wrong answers for the ch3_technology_selection exercise (see tests/mutations.py).

Each is the solution with one function redefined the way a learner gets it wrong. A wrong
helper that a later task calls (``monthly_api_cost``, ``instances_needed``,
``monthly_selfhost_cost``, ``rank_options``, ``shift_weight``) must cost only its own task's
points: the later tests run on the reference helper at grading time.
"""

import json
from pathlib import Path

from mutations import Mutant

API = "ch3-api-cost-answer"
SELF = "ch3-selfhost-cost-answer"
BE = "ch3-break-even-answer"
OPS = "ch3-ops-load-answer"
NORM = "ch3-normalise-answer"
RANK = "ch3-ranking-answer"
SHIFT = "ch3-shift-weight-answer"
FLIP = "ch3-flip-answer"
FAIL = "ch3-failure-modes-answer"
ADR = "ch3-adr-answer"

_SOLUTION = (Path(__file__).resolve().parents[2] / "solutions" / "ch3_technology_selection"
             / "ch3_technology_selection.ipynb")


def _solution(cell: str, *changes: tuple[str, str]) -> str:
    """The solution code of answer cell ``cell`` with each (old, new) text replaced once: the
    reference answer with the one slip a learner makes."""
    answer = next(c for c in json.loads(_SOLUTION.read_text(encoding="utf-8"))["cells"]
                  if c["metadata"].get("nbgrader", {}).get("grade_id") == cell)
    source = "\n".join(line for line in "".join(answer["source"]).splitlines()
                       if "### " not in line)
    for old, new in changes:
        if source.count(old) != 1:
            raise ValueError(f"{cell} mutant: {old!r} is not once in the solution")
        source = source.replace(old, new)
    return source


def _adr(old: str, new: str) -> str:
    return _solution(ADR, (old, new))


# ---------------------------------------------------------------------------------------------
# Task 1: monthly_api_cost
_API = [
    Mutant("api-output-at-input-rate", API, _solution(API, (
        "output_tokens * output_usd_per_mtok", "output_tokens * input_usd_per_mtok")),
        ("ch3-api-cost",), "prices output tokens at the input rate"),
    Mutant("api-per-thousand", API, _solution(API, ("/ 1_000_000", "/ 1_000")),
           ("ch3-api-cost",), "reads the prices as per thousand tokens"),
    Mutant("api-swapped-prices", API, _solution(API, (
        "input_tokens * input_usd_per_mtok + output_tokens * output_usd_per_mtok",
        "input_tokens * output_usd_per_mtok + output_tokens * input_usd_per_mtok")),
        ("ch3-api-cost",), "input tokens at the output price and vice versa"),
    Mutant("api-numpy-scalar", API, """
        import numpy as _np_m
        def monthly_api_cost(requests, input_tokens, output_tokens, input_usd_per_mtok, output_usd_per_mtok):
            per = _np_m.dot([input_tokens, output_tokens], [input_usd_per_mtok, output_usd_per_mtok]) / 1e6
            return requests * per
        """, ("ch3-api-cost",), "a numpy.float64 where a float is asked for"),
    Mutant("api-rounds-to-cents", API, _solution(API, (
        "return requests * per_request", "return requests * round(per_request, 2)")),
        ("ch3-api-cost",), "rounds the per-request cost to cents before multiplying"),
    Mutant("api-input-only", API, _solution(API, (" + output_tokens * output_usd_per_mtok", "")),
           ("ch3-api-cost",), "forgets the output tokens"),
]

# ---------------------------------------------------------------------------------------------
# Task 2: instances_needed and monthly_selfhost_cost
_CEIL = "math.ceil(requests / capacity)"
_ENGINEERING = '+ option["engineering_fte"] * option["usd_per_fte_month"])'
_SELF = [
    Mutant("instances-round-nearest", SELF, _solution(SELF, (_CEIL, "round(requests / capacity)")),
           ("ch3-instances-test",), "rounds to the nearest instance instead of up"),
    Mutant("instances-floor-plus-one", SELF, _solution(SELF, (
        _CEIL, "int(requests // capacity) + 1")),
        ("ch3-instances-test",), "floor + 1: one instance too many at an exact multiple"),
    Mutant("instances-ignores-minimum", SELF, _solution(SELF, (
        f'max(option["min_instances"], {_CEIL})', _CEIL)),
        ("ch3-instances-test",), "ignores min_instances"),
    Mutant("instances-ignores-utilisation", SELF, _solution(SELF, (
        ' * option["target_utilisation"]', "")),
        ("ch3-instances-test",), "plans to run every instance at 100%"),
    Mutant("instances-returns-float", SELF, _solution(SELF, (_CEIL, "-(-requests // capacity)")),
           ("ch3-instances-test",), "a float count of instances (4.0)"),
    Mutant("instances-minimum-on-top", SELF, _solution(SELF, (
        f'return max(option["min_instances"], {_CEIL})',
        f'return {_CEIL} if {_CEIL} > 1 else option["min_instances"]')),
        ("ch3-instances-test",), "applies the minimum fleet only when one instance would do"),
    Mutant("selfhost-no-engineering", SELF, _solution(SELF, (_ENGINEERING, "+ 0)")),
           ("ch3-selfhost-cost",), "leaves out the engineering time"),
    Mutant("selfhost-720-hours", SELF, _solution(SELF, (
        'instances * option["usd_per_hour"] * HOURS_PER_MONTH',
        'instances * option["usd_per_hour"] * 720')),
        ("ch3-selfhost-cost",), "a 30-day month instead of the cloud's 730 hours"),
    Mutant("selfhost-own-count-no-minimum", SELF, _solution(SELF, (
        "instances = instances_needed(requests, option)",
        'instances = math.ceil(requests / (option["requests_per_second"] * option["target_utilisation"]'
        " * HOURS_PER_MONTH * SECONDS_PER_HOUR))")),
        ("ch3-selfhost-cost",), "counts instances itself and forgets the minimum fleet"),
    Mutant("selfhost-engineering-per-instance", SELF, _solution(SELF, (
        _ENGINEERING, "+ instances * " + _ENGINEERING[2:])),
        ("ch3-selfhost-cost",), "charges the engineering time per instance"),
]

# ---------------------------------------------------------------------------------------------
# Task 3: break_even_volume
_FITS = "if step <= a * n * capacity:"
_BE = [
    Mutant("break-even-no-engineering", BE, _solution(BE, (
        "step = engineering + n * instance", "step = n * instance")),
        ("ch3-break-even",), "the staircase without the engineering time"),
    Mutant("break-even-floor-only", BE, _solution(BE, (
        _FITS, "if step <= a * n * capacity or a * capacity > instance:")),
        ("ch3-break-even",), "the line against the floor only: ignores that the floor's fleet "
                             "may not carry that volume"),
    Mutant("break-even-strict-inequality", BE, _solution(BE, (_FITS, _FITS.replace("<=", "<"))),
           ("ch3-break-even",), "'<' where the task says 'no more than'"),
    Mutant("break-even-none-when-never", BE, _solution(BE, ("return math.inf", "return None")),
           ("ch3-break-even",), "None instead of math.inf when self-hosting never breaks even"),
    Mutant("break-even-starts-at-one", BE, _solution(BE, (
        'n = selfhosted["min_instances"]', "n = 1")),
        ("ch3-break-even",), "ignores the minimum fleet"),
    Mutant("break-even-coarse-grid", BE, """
        def break_even_volume(app, managed, selfhosted):
            for v in range(0, 200_000_000, 50_000):
                api = monthly_api_cost(v, app["input_tokens"], app["output_tokens"],
                                       managed["input_usd_per_mtok"], managed["output_usd_per_mtok"])
                if monthly_selfhost_cost(v, selfhosted) <= api:
                    return float(v)
            return math.inf
        """, ("ch3-break-even",), "a grid of 50,000 requests: not within 0.01%"),
    Mutant("break-even-sustained", BE, _solution(BE, (
        _FITS, "if step <= a * n * capacity and step + instance <= a * n * capacity:")),
        ("ch3-break-even",), "the sustained break-even (the line stays above the next step too) "
                             "where the first crossing is asked"),
]

# ---------------------------------------------------------------------------------------------
# Task 4: ops_load
_OPS = [
    Mutant("ops-all-engineers", OPS, _solution(OPS, (
        'people = team["ops_capable"] if option_ops["needs_gpu_skills"] else team["engineers"]',
        'people = team["engineers"]')),
        ("ch3-ops-load",), "counts every engineer for GPU work"),
    Mutant("ops-no-share", OPS, _solution(OPS, (' * team["ops_share"]', "")),
           ("ch3-ops-load",), "gives operations all of an engineer's hours"),
    Mutant("ops-zero-capacity-ratio-zero", OPS, _solution(OPS, ("else math.inf", "else 0.0")),
           ("ch3-ops-load",), "nobody can do the work, and the ratio says 0 (fine)"),
    Mutant("ops-ratio-inverted", OPS, _solution(OPS, (
        "ratio = demand / capacity if capacity > 0", "ratio = capacity / demand if demand > 0")),
        ("ch3-ops-load",), "capacity / demand"),
    Mutant("ops-demand-ignores-instances", OPS, _solution(OPS, (
        ' + option_ops["hours_per_instance"] * instances', "")),
        ("ch3-ops-load",), "the fleet size adds no work"),
    Mutant("ops-keys-on-self-hosted", OPS, _solution(OPS, (
        'option_ops["needs_gpu_skills"]', 'option_ops["self_hosted"]')),
        ("ch3-ops-load",), "decides who can do the work by self_hosted, not needs_gpu_skills"),
]

# ---------------------------------------------------------------------------------------------
# Task 5: normalise
_NORM = [
    Mutant("normalise-ignores-direction", NORM, _solution(NORM, (
        "out[c] = col.min() / col", "out[c] = col / col.max()")),
        ("ch3-normalise",), "every column as higher-is-better"),
    Mutant("normalise-min-max", NORM, """
        def normalise(raw, directions):
            out = raw.astype(float).copy()
            for c in raw.columns:
                lo, hi = out[c].min(), out[c].max()
                span = (hi - lo) or 1.0
                out[c] = (out[c] - lo) / span if directions[c] == "max" else (hi - out[c]) / span
            return out
        """, ("ch3-normalise",), "min-max scaling, not ratio to best"),
    Mutant("normalise-in-place", NORM, _solution(NORM, ("out = pd.DataFrame(index=raw.index)",
                                                        "out = raw")),
           ("ch3-normalise",), "overwrites the raw matrix"),
    Mutant("normalise-reorders-columns", NORM, """
        def normalise(raw, directions):
            ups = [c for c in raw.columns if directions[c] == "max"]
            downs = [c for c in raw.columns if directions[c] == "min"]
            hi = raw[ups].astype(float) / raw[ups].astype(float).max()
            lo = raw[downs].astype(float).min() / raw[downs].astype(float)
            return pd.concat([hi, lo], axis=1)
        """, ("ch3-normalise",), "max columns first, then min columns"),
    Mutant("normalise-rounds", NORM, _solution(NORM, ("return out", "return out.round(2)")),
           ("ch3-normalise",), "rounds the scores to two decimals"),
    Mutant("normalise-min-by-max-minus", NORM, _solution(NORM, (
        "out[c] = col.min() / col", "out[c] = 1 - col / col.max() + col.min() / col.max()")),
        ("ch3-normalise",), "a lower-is-better column as 1 - value/max (+ a fudge so best is 1)"),
    Mutant("normalise-loses-index", NORM, _solution(NORM, (
        "return out", "return out.reset_index(drop=True)")),
        ("ch3-normalise",), "loses the option names"),
]

# ---------------------------------------------------------------------------------------------
# Task 6: rank_options
_RANK = [
    Mutant("rank-no-weight-normalising", RANK, _solution(RANK, (
        "w = pd.Series(weights, dtype=float) / total", "w = pd.Series(weights, dtype=float)")),
        ("ch3-ranking",), "weights not divided by their total"),
    Mutant("rank-worst-first", RANK, _solution(RANK, ("ascending=False", "ascending=True")),
           ("ch3-ranking",), "sorted ascending"),
    Mutant("rank-from-zero", RANK, _solution(RANK, ("range(1, len(out) + 1)", "range(len(out))")),
           ("ch3-ranking",), "ranks from 0"),
    Mutant("rank-positional-weights", RANK, _solution(RANK, (
        "score = normalised[list(w.index)].mul(w, axis=1).sum(axis=1)",
        "score = sum(normalised.iloc[:, i] * v for i, v in enumerate(w.values))")),
        ("ch3-ranking",), "pairs weights with columns by position: right only when the dict is "
                          "in column order"),
    Mutant("rank-accepts-extra-weight", RANK, _solution(
        RANK, ("if set(weights) != set(normalised.columns):",
               "if not set(normalised.columns) <= set(weights):"),
        ("w = pd.Series(weights, dtype=float) / total",
         "w = pd.Series({c: weights[c] for c in normalised.columns}, dtype=float) / total")),
        ("ch3-ranking-validation-test",), "silently ignores a weight for an unknown criterion"),
    Mutant("rank-zero-division", RANK, _solution(RANK, (
        'raise ValueError("weights sum to zero")', "pass")),
        ("ch3-ranking-validation-test",), "all-zero weights give NaN scores, no error"),
    Mutant("rank-accepts-negative", RANK, _solution(RANK, (
        'raise ValueError("weights must be non-negative")', "pass")),
        ("ch3-ranking-validation-test",), "accepts a negative weight"),
    Mutant("rank-score-as-percent", RANK, _solution(RANK, (
        'pd.DataFrame({"score": score})', 'pd.DataFrame({"score": 100 * score})')),
        ("ch3-ranking",), "scores out of 100"),
]

# ---------------------------------------------------------------------------------------------
# Task 7: shift_weight
_RESCALE = "return {k: new_weight if k == criterion else v * (1 - new_weight) / rest for k, v in w.items()}"
_SHIFT = [
    Mutant("shift-no-prenormalise", SHIFT, _solution(SHIFT, (
        "w = {k: v / total for k, v in weights.items()}", "w = dict(weights)")),
        ("ch3-shift-weight",), "assumes the weights already sum to 1"),
    Mutant("shift-renormalise-all", SHIFT, _solution(SHIFT, (
        _RESCALE, "w[criterion] = new_weight\n    return {k: v / sum(w.values()) for k, v in w.items()}")),
        ("ch3-shift-weight",), "sets the weight, then rescales everything (the criterion too)"),
    Mutant("shift-mutates-input", SHIFT, """
        _shift_fresh = shift_weight
        def shift_weight(weights, criterion, new_weight):
            shifted = _shift_fresh(weights, criterion, new_weight)
            weights.clear()
            weights.update(shifted)
            return weights
        """, ("ch3-shift-weight",), "rescales the caller's dict in place"),
    Mutant("shift-no-range-check", SHIFT, _solution(SHIFT, (
        'raise ValueError("new_weight must be between 0 and 1")', "pass")),
        ("ch3-shift-weight",), "accepts a weight of 1.2"),
    Mutant("shift-equal-split", SHIFT, _solution(SHIFT, (
        _RESCALE, "return {k: new_weight if k == criterion else "
                  "v + (w[criterion] - new_weight) / (len(w) - 1) for k, v in w.items()}")),
        ("ch3-shift-weight",), "spreads the change equally, so the others lose their ratios"),
    Mutant("shift-open-interval", SHIFT, _solution(SHIFT, (
        "if not 0 <= new_weight <= 1:", "if not 0 < new_weight < 1:")),
        ("ch3-shift-weight",), "rejects the end points 0 and 1"),
    Mutant("shift-returns-shared-dict", SHIFT, """
        _shift_fresh = shift_weight
        _SHIFTED = {}
        def shift_weight(weights, criterion, new_weight):
            _SHIFTED.clear()
            _SHIFTED.update(_shift_fresh(weights, criterion, new_weight))
            return _SHIFTED
        """, ("ch3-shift-weight",), "returns one shared dict that the next call overwrites"),
]

# ---------------------------------------------------------------------------------------------
# Task 8: smallest_flip
_FLIP_HEAD = """
        def smallest_flip(normalised, weights):
            total = sum(weights.values())
            w = {k: v / total for k, v in weights.items()}
            leader = rank_options(normalised, w).index[0]
            best = None
"""


def _flip(loop_filter: str = "", other_filter: str = "", t_ok: str = "0 <= t <= 1",
          better: str = "best is None or abs(change) < abs(best['change'])",
          change: str = "t - w[c]") -> str:
    return _FLIP_HEAD + f"""
            for c in normalised.columns:
                if w[c] >= 1{loop_filter}:
                    continue
                for other in {other_filter or 'normalised.index'}:
                    if other == leader:
                        continue
                    a_gap = float(normalised.loc[leader, c] - normalised.loc[other, c])
                    rest = sum(w[k] * (normalised.loc[leader, k] - normalised.loc[other, k])
                               for k in w if k != c)
                    b_gap = float(rest / (1 - w[c]))
                    if math.isclose(a_gap, b_gap):
                        continue
                    t = b_gap / (b_gap - a_gap)
                    if {t_ok}:
                        change = {change}
                        if {better}:
                            best = {{"criterion": c, "new_weight": t, "change": change,
                                    "new_leader": other}}
            return best
        """


_FLIP = [
    Mutant("flip-only-downward", FLIP, _flip(t_ok="0 <= t <= w[c]"), ("ch3-flip",),
           "only looks at lowering a weight"),
    Mutant("flip-only-runner-up", FLIP, _flip(
        other_filter="rank_options(normalised, w).index[1:2]"), ("ch3-flip",),
        "only the second-placed option can overtake"),
    Mutant("flip-skips-zero-weights", FLIP, _flip(loop_filter=" or w[c] == 0"), ("ch3-flip",),
           "a criterion with weight 0 is never raised"),
    Mutant("flip-largest-change", FLIP, _flip(
        better="best is None or abs(change) > abs(best['change'])"), ("ch3-flip",),
        "keeps the largest change, not the smallest"),
    Mutant("flip-first-found", FLIP, _flip(better="best is None"), ("ch3-flip",),
           "returns the first flip found in column order"),
    Mutant("flip-change-sign", FLIP, _flip(change="w[c] - t"), ("ch3-flip",),
           "change as current - new"),
    Mutant("flip-raw-current-weight", FLIP, _flip(change="t - weights[c]"), ("ch3-flip",),
           "measures the change against the unscaled weight (points out of 100)"),
    Mutant("flip-coarse-grid", FLIP, """
        def smallest_flip(normalised, weights):
            total = sum(weights.values())
            w = {k: v / total for k, v in weights.items()}
            leader = rank_options(normalised, w).index[0]
            best = None
            for c in normalised.columns:
                if w[c] >= 1:
                    continue
                for i in range(0, 21):
                    t = i / 20
                    top = rank_options(normalised, shift_weight(w, c, t)).index[0]
                    if top != leader and (best is None or abs(t - w[c]) < abs(best["change"])):
                        best = {"criterion": c, "new_weight": t, "change": t - w[c], "new_leader": top}
            return best
        """, ("ch3-flip",), "a grid in steps of 0.05: too coarse to find the flip point"),
    Mutant("flip-numpy-floats", FLIP, _flip(change="(t - w[c])").replace(
        "t = b_gap / (b_gap - a_gap)", "t = __import__('numpy').float64(b_gap) / (b_gap - a_gap)"),
        ("ch3-flip",), "numpy.float64 weights in the result"),
    Mutant("flip-empty-dict-when-none", FLIP, _flip().replace("return best", "return best or {}"),
           ("ch3-flip",), "{} instead of None when no weight change flips the decision"),
]

# ---------------------------------------------------------------------------------------------
# Task 9: failure_mode_flags


def _flags(over: str = ('option_ops["self_hosted"] and app["managed_allowed"] '
                        'and app["monthly_requests"] < break_even_volume'),
           overloaded: str = "load_ratio > 1",
           rota: str = ('option_ops["oncall_required"] and app["needs_24x7"] '
                        'and team["ops_capable"] < team["min_oncall_rota"]'),
           reasons: str = "reasons", wrap: str = "bool") -> str:
    return f"""
        def failure_mode_flags(option_ops, app, team, load_ratio, break_even_volume):
            reasons = []
            over = {wrap}({over})
            if over:
                reasons.append("over-engineering: below the break-even with a managed option allowed")
            overloaded = {wrap}({overloaded})
            no_rota = {wrap}({rota})
            if overloaded:
                reasons.append(f"under-resourcing: load ratio {{load_ratio:.2f}}")
            if no_rota:
                reasons.append("under-resourcing: too few engineers for a 24/7 on-call rota")
            return {{"over_engineering": over, "under_resourcing": overloaded or no_rota,
                    "reasons": {reasons}}}
        """


_FAIL = [
    Mutant("flags-ignores-rota", FAIL, _flags(rota="False"), ("ch3-under-resourcing-test",),
           "ignores the on-call rota rule (issue 13)"),
    Mutant("flags-rota-counts-engineers", FAIL, _flags(
        rota='option_ops["oncall_required"] and app["needs_24x7"] '
             'and team["engineers"] < team["min_oncall_rota"]'),
        ("ch3-under-resourcing-test",), "counts every engineer for the GPU rota"),
    Mutant("flags-rota-inclusive", FAIL, _flags(
        rota='option_ops["oncall_required"] and app["needs_24x7"] '
             'and team["ops_capable"] <= team["min_oncall_rota"]'),
        ("ch3-under-resourcing-test",), "exactly min_oncall_rota engineers flagged too"),
    Mutant("flags-rota-ignores-24x7", FAIL, _flags(
        rota='option_ops["oncall_required"] and team["ops_capable"] < team["min_oncall_rota"]'),
        ("ch3-under-resourcing-test",), "a rota for a daytime-only service"),
    Mutant("flags-rota-needs-overload", FAIL, _flags(
        rota='load_ratio > 1 and option_ops["oncall_required"] and app["needs_24x7"] '
             'and team["ops_capable"] < team["min_oncall_rota"]'),
        ("ch3-under-resourcing-test",), "the rota rule only counts when the hours are short too"),
    Mutant("flags-load-inclusive", FAIL, _flags(overloaded="load_ratio >= 1"),
           ("ch3-under-resourcing-test",), "a load ratio of exactly 1 flagged"),
    Mutant("flags-over-inclusive", FAIL, _flags(
        over='option_ops["self_hosted"] and app["managed_allowed"] '
             'and app["monthly_requests"] <= break_even_volume'),
        ("ch3-failure-modes",), "at exactly the break-even self-hosting costs no more"),
    Mutant("flags-over-ignores-allowed", FAIL, _flags(
        over='option_ops["self_hosted"] and app["monthly_requests"] < break_even_volume'),
        ("ch3-failure-modes",), "over-engineering even when the managed option is not allowed"),
    Mutant("flags-over-ignores-volume", FAIL, _flags(
        over='option_ops["self_hosted"] and app["managed_allowed"]'),
        ("ch3-failure-modes",), "every self-hosted option with a managed alternative"),
    Mutant("flags-no-reasons", FAIL, _flags(reasons="[]"), ("ch3-failure-reasons-test",),
           "no reasons"),
    Mutant("flags-reasons-string", FAIL, _flags(reasons='"; ".join(reasons)'),
           ("ch3-failure-reasons-test",), "reasons as one string, not a list"),
    Mutant("flags-reasons-placeholder", FAIL, _flags(reasons='["flagged"] if reasons else []'),
           ("ch3-failure-reasons-test",), "one content-free reason for any number of flags"),
    Mutant("flags-numpy-bools", FAIL, _flags(wrap="__import__('numpy').bool_"),
           ("ch3-failure-modes", "ch3-under-resourcing-test"),
           "numpy.bool_ flags (both flags are the same slip in two behaviours)"),
]

# ---------------------------------------------------------------------------------------------
# Task 10: make_adr — the solution with one line changed
_ADR = [
    Mutant("adr-heading-format", ADR, _adr(
        "lines = [f\"# {analysis['number']}. {analysis['title']}\"",
        "lines = [f\"# ADR {analysis['number']}: {analysis['title']}\""),
        ("ch3-adr",), "'# ADR 1: title' where the format asks for '# 1. title'"),
    Mutant("adr-no-date", ADR, _adr(
        "f\"Date: {analysis['date']}\", \"\",", ""),
        ("ch3-adr",), "no 'Date:' line: the record does not say when it was decided"),
    Mutant("adr-date-today", ADR, _adr(
        "f\"Date: {analysis['date']}\"", "f\"Date: {__import__('datetime').date.today().isoformat()}\""),
        ("ch3-adr",), "writes today's date instead of the analysis's decision date"),
    Mutant("adr-date-hard-coded", ADR, _adr(
        "f\"Date: {analysis['date']}\"", "\"Date: 2026-11-30\""),
        ("ch3-adr",), "the example's date, right only for the visible data"),
    Mutant("adr-date-bold-label", ADR, _adr(
        "f\"Date: {analysis['date']}\"", "f\"**Date:** {analysis['date']}\""),
        ("ch3-adr",), "'**Date:** ...' where the format is a plain 'Date: YYYY-MM-DD' line"),
    Mutant("adr-date-after-status", ADR, _adr(
        "f\"Date: {analysis['date']}\", \"\",\n             \"## Status\", \"\",\n             analysis[\"status\"].capitalize(), \"\",",
        "\"## Status\", \"\",\n             analysis[\"status\"].capitalize(), \"\", f\"Date: {analysis['date']}\", \"\","),
        ("ch3-adr",), "the date inside the Status section instead of under the title"),
    Mutant("adr-volume-no-separators", ADR, _adr(
        "{ctx['monthly_requests']:,} requests", "{ctx['monthly_requests']} requests"),
        ("ch3-adr",), "1800000 without thousands separators"),
    Mutant("adr-cost-with-cents", ADR, _adr(
        "${opt['monthly_cost']:,.0f}", "${opt['monthly_cost']:,.2f}"),
        ("ch3-adr-options-test",), "costs with cents"),
    Mutant("adr-all-flags-named", ADR, _adr("if opt[\"flags\"].get(key)]", "]"),
           ("ch3-adr-options-test",), "names every failure mode, raised or not"),
    Mutant("adr-score-truncated", ADR, _adr(
        "{opt['score']:.2f}", "{int(opt['score'] * 100) / 100:.2f}"),
        ("ch3-adr-options-test",), "truncates the score instead of rounding"),
    Mutant("adr-no-rationale", ADR, _adr(
        'lines += ["", analysis["rationale"].strip()]', "pass"),
        ("ch3-adr-decision-test",), "leaves the rationale out of the Decision section"),
    Mutant("adr-inf-break-even", ADR, _adr(
        'if math.isinf(be)', 'if be is None'),
        ("ch3-adr-decision-test",), "prints 'inf requests/month'"),
    Mutant("adr-flip-none-crash", ADR, _adr(
        'flip_text = ("no single weight change reverses the decision" if flip is None else',
        'flip_text = ("no single weight change reverses the decision" if False else'),
        ("ch3-adr-decision-test",), "crashes when no weight change flips the decision"),
    Mutant("adr-sections-out-of-order", ADR, """
        _adr_in_order = make_adr
        def make_adr(analysis):
            md = _adr_in_order(analysis)
            head, rest = md.split("## Options considered", 1)
            options, rest = rest.split("## Decision", 1)
            decision, consequences = rest.split("## Consequences", 1)
            return (head + "## Decision" + decision + "## Options considered" + options
                    + "## Consequences" + consequences)
        """, ("ch3-adr",), "Decision before Options considered"),
    Mutant("adr-returns-lines", ADR, _adr('return "\\n".join(lines)', "return lines"),
           ("ch3-adr", "ch3-adr-options-test", "ch3-adr-decision-test"),
           "a list of lines, not the Markdown text (wrong in every part)"),
]

MUTANTS: list[Mutant] = [*_API, *_SELF, *_BE, *_OPS, *_NORM, *_RANK, *_SHIFT, *_FLIP,
                         *_FAIL, *_ADR]
