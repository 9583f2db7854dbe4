"""Plausible wrong answers for the ch5_governance exercise (see tests/mutations.py).

Each redefines one function of the solution the way a learner would get it wrong. A wrong
helper (``next_rmf_function``, ``npv``, ``payback_period``, ``roi``, ``metric_problems``) must
cost only its own task: the tests of the tasks that call it (the register, the ADR) are graded
with the reference helpers.
"""

from mutations import Mutant

TIER = "ch5-risk-tier-answer"
FINE = "ch5-max-fine-answer"
RMF = "ch5-rmf-function-answer"
REG = "ch5-risk-register-answer"
CHK = "ch5-checklist-answer"
NPV = "ch5-npv-answer"
PAY = "ch5-payback-answer"
ROI = "ch5-roi-answer"
MET = "ch5-metrics-answer"
ADR = "ch5-adr-answer"


def _adr_rewrite(name: str, body: str, why: str) -> Mutant:
    """A render_adr that post-processes the solution's Markdown: ``body`` uses ``text`` and ``adr``
    and returns the rewritten text. It must cost the ADR test only."""
    indented = "".join(f"    {line}\n" for line in body.strip("\n").split("\n"))
    return Mutant(name, ADR, f"""
_solution_render_adr = render_adr


def render_adr(adr, tier, register, checklist, metrics, value_case):
    text = _solution_render_adr(adr, tier, register, checklist, metrics, value_case)
{indented}""", ("ch5-adr",), why)


# --- Task 1: ai_act_tier ---------------------------------------------------------------------
_TIER_RULES = '''
    if practice is not None:
        return "prohibited"
    if use_case.get("annex_i_safety_component"):
        return "high-risk"
    if area is not None and (not use_case.get("narrow_task") or use_case.get("profiles_people")):
        return "high-risk"
    if use_case.get("interacts_with_people") or use_case.get("synthetic_content"):
        return "limited"
    return "minimal"
'''
_CHECK_CODES = '''
    practice = use_case.get("practice")
    area = use_case.get("annex_iii_area")
    if practice is not None and practice not in PROHIBITED_PRACTICES:
        raise ValueError(practice)
    if area is not None and area not in ANNEX_III_AREAS:
        raise ValueError(area)
'''

MUTANTS: list[Mutant] = [
    Mutant("tier-transparency-before-high-risk", TIER, '''
def ai_act_tier(use_case):
''' + _CHECK_CODES + '''
    if practice is not None:
        return "prohibited"
    if use_case.get("interacts_with_people") or use_case.get("synthetic_content"):
        return "limited"
    if use_case.get("annex_i_safety_component"):
        return "high-risk"
    if area is not None and (not use_case.get("narrow_task") or use_case.get("profiles_people")):
        return "high-risk"
    return "minimal"
''', ("ch5-risk-tier",), "checks the Art. 50 tier before high-risk: a CV screener with a chat is 'limited'"),
    Mutant("tier-exemption-ignores-profiling", TIER, '''
def ai_act_tier(use_case):
''' + _CHECK_CODES + '''
    if practice is not None:
        return "prohibited"
    if use_case.get("annex_i_safety_component"):
        return "high-risk"
    if area is not None and not use_case.get("narrow_task"):
        return "high-risk"
    if use_case.get("interacts_with_people") or use_case.get("synthetic_content"):
        return "limited"
    return "minimal"
''', ("ch5-risk-tier",), "Art. 6(3) exemption applied even when the system profiles people"),
    Mutant("tier-exemption-covers-annex-i", TIER, '''
def ai_act_tier(use_case):
''' + _CHECK_CODES + '''
    if practice is not None:
        return "prohibited"
    if use_case.get("narrow_task") and not use_case.get("profiles_people"):
        pass
    elif use_case.get("annex_i_safety_component") or area is not None:
        return "high-risk"
    if use_case.get("interacts_with_people") or use_case.get("synthetic_content"):
        return "limited"
    return "minimal"
''', ("ch5-risk-tier",), "the Art. 6(3) exemption is an Annex III rule, not an Annex I one"),
    Mutant("tier-profiling-is-high-risk", TIER, '''
def ai_act_tier(use_case):
''' + _CHECK_CODES + '''
    if practice is not None:
        return "prohibited"
    if use_case.get("annex_i_safety_component") or use_case.get("profiles_people"):
        return "high-risk"
    if area is not None and not use_case.get("narrow_task"):
        return "high-risk"
    if use_case.get("interacts_with_people") or use_case.get("synthetic_content"):
        return "limited"
    return "minimal"
''', ("ch5-risk-tier",), "profiling alone made high-risk (fraud detection)"),
    Mutant("tier-synthetic-content-ignored", TIER, '''
def ai_act_tier(use_case):
''' + _CHECK_CODES + '''
    if practice is not None:
        return "prohibited"
    if use_case.get("annex_i_safety_component"):
        return "high-risk"
    if area is not None and (not use_case.get("narrow_task") or use_case.get("profiles_people")):
        return "high-risk"
    if use_case.get("interacts_with_people"):
        return "limited"
    return "minimal"
''', ("ch5-risk-tier",), "only interaction triggers Art. 50, generated content forgotten"),
    Mutant("tier-stale-2024-practices", TIER, '''
_PRACTICES_2024 = {"manipulation", "exploiting_vulnerabilities", "social_scoring", "crime_prediction_profiling",
                   "facial_image_scraping", "emotion_recognition_work_education", "biometric_categorisation_sensitive",
                   "realtime_remote_biometric_id_law_enforcement"}


def ai_act_tier(use_case):
    practice = use_case.get("practice")
    area = use_case.get("annex_iii_area")
    if practice is not None and practice not in _PRACTICES_2024:
        raise ValueError(practice)
    if area is not None and area not in ANNEX_III_AREAS:
        raise ValueError(area)
''' + _TIER_RULES, ("ch5-risk-tier", "ch5-risk-tier-codes"),
           "a hard-coded list of the eight 2024 practices, blind to the Digital Omnibus addition"),
    Mutant("tier-title-case", TIER, '''
_solution_tier = ai_act_tier


def ai_act_tier(use_case):
    return {"high-risk": "High-risk"}.get(_solution_tier(use_case), _solution_tier(use_case))
''', ("ch5-risk-tier",), "'High-risk' instead of 'high-risk'"),
    Mutant("tier-str-subclass", TIER, '''
_solution_tier = ai_act_tier


class _Tier(str):
    pass


def ai_act_tier(use_case):
    return _Tier(_solution_tier(use_case))
''', ("ch5-risk-tier", "ch5-risk-tier-codes"), "a str subclass instead of a str"),
    Mutant("tier-no-code-validation", TIER, '''
def ai_act_tier(use_case):
    practice = use_case.get("practice") if use_case.get("practice") in PROHIBITED_PRACTICES else None
    area = use_case.get("annex_iii_area") if use_case.get("annex_iii_area") in ANNEX_III_AREAS else None
''' + _TIER_RULES, ("ch5-risk-tier-codes",), "unknown codes silently ignored"),
    Mutant("tier-validates-lazily", TIER, '''
def ai_act_tier(use_case):
    practice = use_case.get("practice")
    if practice is not None:
        if practice not in PROHIBITED_PRACTICES:
            raise ValueError(practice)
        return "prohibited"
    if use_case.get("annex_i_safety_component"):
        return "high-risk"
    area = use_case.get("annex_iii_area")
    if area is not None:
        if area not in ANNEX_III_AREAS:
            raise ValueError(area)
        if not use_case.get("narrow_task") or use_case.get("profiles_people"):
            return "high-risk"
    if use_case.get("interacts_with_people") or use_case.get("synthetic_content"):
        return "limited"
    return "minimal"
''', ("ch5-risk-tier-codes",), "validates a code only when its rule is reached: a typo next to a valid practice passes"),
    Mutant("tier-mutates-input", TIER, '''
_solution_tier = ai_act_tier


def ai_act_tier(use_case):
    use_case.setdefault("narrow_task", False)
    use_case.setdefault("profiles_people", False)
    return _solution_tier(use_case)
''', ("ch5-risk-tier",), "fills in defaults in the caller's dict"),

    # --- Task 2: max_fine -------------------------------------------------------------------
    Mutant("fine-always-higher", FINE, '''
def max_fine(infringement, worldwide_turnover_eur, sme=False, fines=AI_ACT_FINES):
    fixed, share = fines[infringement]
    return float(max(fixed, share * worldwide_turnover_eur))
''', ("ch5-max-fine",), "the SME rule ignored"),
    Mutant("fine-global-table", FINE, '''
def max_fine(infringement, worldwide_turnover_eur, sme=False, fines=AI_ACT_FINES):
    fixed, share = AI_ACT_FINES.get(infringement, fines[infringement])
    by_turnover = share * worldwide_turnover_eur
    return float(min(fixed, by_turnover) if sme else max(fixed, by_turnover))
''', ("ch5-max-fine",), "the `fines` parameter ignored for known infringements"),
    Mutant("fine-returns-int", FINE, '''
def max_fine(infringement, worldwide_turnover_eur, sme=False, fines=AI_ACT_FINES):
    fixed, share = fines[infringement]
    by_turnover = share * worldwide_turnover_eur
    return min(fixed, by_turnover) if sme else max(fixed, by_turnover)
''', ("ch5-max-fine",), "an int (the fixed amount) where a float is asked"),
    Mutant("fine-percent-not-fraction", FINE, '''
def max_fine(infringement, worldwide_turnover_eur, sme=False, fines=AI_ACT_FINES):
    fixed, share = fines[infringement]
    by_turnover = share / 100 * worldwide_turnover_eur
    return float(min(fixed, by_turnover) if sme else max(fixed, by_turnover))
''', ("ch5-max-fine",), "divides the share by 100 again"),
    Mutant("fine-sme-swapped", FINE, '''
def max_fine(infringement, worldwide_turnover_eur, sme=False, fines=AI_ACT_FINES):
    fixed, share = fines[infringement]
    by_turnover = share * worldwide_turnover_eur
    return float(max(fixed, by_turnover) if sme else min(fixed, by_turnover))
''', ("ch5-max-fine",), "higher and lower swapped"),
    Mutant("fine-numpy-scalar", FINE, '''
import numpy as _np


def max_fine(infringement, worldwide_turnover_eur, sme=False, fines=AI_ACT_FINES):
    fixed, share = fines[infringement]
    values = _np.array([fixed, share * worldwide_turnover_eur], dtype=float)
    return values.min() if sme else values.max()
''', ("ch5-max-fine",), "a numpy.float64 where a float is asked"),

    # --- Task 3: next_rmf_function ---------------------------------------------------------
    Mutant("rmf-none-only", RMF, '''
def next_rmf_function(risk):
    if risk.get("owner") is None:
        return "GOVERN"
    if not risk.get("context_documented"):
        return "MAP"
    if risk.get("metric") is None:
        return "MEASURE"
    return "MANAGE"
''', ("ch5-rmf-function",), "an empty string counted as present"),
    Mutant("rmf-measure-before-map", RMF, '''
def next_rmf_function(risk):
    if not risk.get("owner"):
        return "GOVERN"
    if not risk.get("metric"):
        return "MEASURE"
    if not risk.get("context_documented"):
        return "MAP"
    return "MANAGE"
''', ("ch5-rmf-function",), "MEASURE checked before MAP"),
    Mutant("rmf-key-error", RMF, '''
def next_rmf_function(risk):
    if not risk["owner"]:
        return "GOVERN"
    if not risk["context_documented"]:
        return "MAP"
    if not risk["metric"]:
        return "MEASURE"
    return "MANAGE"
''', ("ch5-rmf-function",), "a missing key raises KeyError instead of counting as absent"),
    Mutant("rmf-lower-case", RMF, '''
def next_rmf_function(risk):
    if not risk.get("owner"):
        return "govern"
    if not risk.get("context_documented"):
        return "map"
    if not risk.get("metric"):
        return "measure"
    return "manage"
''', ("ch5-rmf-function",), "lower-case function names"),
    Mutant("rmf-metric-overrides-owner", RMF, '''
def next_rmf_function(risk):
    if risk.get("metric") and risk.get("context_documented"):
        return "MANAGE"
    if not risk.get("owner"):
        return "GOVERN"
    if not risk.get("context_documented"):
        return "MAP"
    return "MEASURE"
''', ("ch5-rmf-function",), "a measured risk is 'managed' even without an owner"),

    # --- Task 4: risk_register -------------------------------------------------------------
    Mutant("register-high-strictly-above-15", REG, '''
_solution_register = risk_register


def risk_register(risks):
    df = _solution_register(risks)
    df["level"] = ["high" if s > 15 else "medium" if s >= 8 else "low" for s in df["score"]]
    return df
''', ("ch5-risk-register",), "15 counted as medium"),
    Mutant("register-ties-in-input-order", REG, '''
_solution_register = risk_register


def risk_register(risks):
    df = _solution_register(risks)
    order = {r["risk_id"]: i for i, r in enumerate(risks)}
    df["_pos"] = [order[i] for i in df["risk_id"]]
    return df.sort_values(["score", "_pos"], ascending=[False, True], kind="mergesort").drop(columns="_pos").reset_index(drop=True)
''', ("ch5-risk-register",), "ties left in the workshop's order instead of by risk_id"),
    Mutant("register-no-reset-index", REG, '''
_solution_register = risk_register


def risk_register(risks):
    df = _solution_register(risks)
    order = {r["risk_id"]: i for i, r in enumerate(risks)}
    df.index = [order[i] for i in df["risk_id"]]
    return df
''', ("ch5-risk-register",), "keeps the original row positions as the index"),
    Mutant("register-float-score", REG, '''
_solution_register = risk_register


def risk_register(risks):
    df = _solution_register(risks)
    df["score"] = df["score"].astype(float)
    return df
''', ("ch5-risk-register",), "scores as floats (20.0) instead of integers"),
    Mutant("register-ascending", REG, '''
_solution_register = risk_register


def risk_register(risks):
    df = _solution_register(risks)
    return df.sort_values(["score", "risk_id"], kind="mergesort").reset_index(drop=True)
''', ("ch5-risk-register",), "lowest score first"),
    Mutant("register-own-rmf-rule", REG, '''
_solution_register = risk_register


def risk_register(risks):
    df = _solution_register(risks)
    by_id = {r["risk_id"]: r for r in risks}
    df["rmf_function"] = ["GOVERN" if not by_id[i].get("owner") else "MEASURE" if not by_id[i].get("metric") else "MANAGE"
                          for i in df["risk_id"]]
    return df
''', ("ch5-risk-register",), "re-implements Task 3 without MAP instead of calling next_rmf_function"),
    Mutant("register-accepts-floats-and-bools", REG, '''
def risk_register(risks):
    rows = []
    for r in risks:
        if r["genai_risk"] not in GENAI_RISKS:
            raise ValueError(r["genai_risk"])
        for key in ("likelihood", "impact"):
            if not 1 <= r[key] <= 5:
                raise ValueError(key)
        score = r["likelihood"] * r["impact"]
        level = "high" if score >= 15 else "medium" if score >= 8 else "low"
        rows.append({"risk_id": r["risk_id"], "genai_risk": r["genai_risk"], "likelihood": r["likelihood"],
                     "impact": r["impact"], "score": score, "level": level, "rmf_function": next_rmf_function(r)})
    columns = ["risk_id", "genai_risk", "likelihood", "impact", "score", "level", "rmf_function"]
    df = pd.DataFrame(rows, columns=columns)
    df["_neg"] = -df["score"]
    return df.sort_values(["_neg", "risk_id"], kind="mergesort").drop(columns="_neg").reset_index(drop=True)
''', ("ch5-risk-register-validation",), "a range check only: 2.5 and True pass as ratings"),
    Mutant("register-no-category-check", REG, '''
_solution_register = risk_register


def risk_register(risks):
    known = [r if r["genai_risk"] in GENAI_RISKS else {**r, "genai_risk": "value_chain", "_was": r["genai_risk"]} for r in risks]
    df = _solution_register(known)
    was = {r["risk_id"]: r.get("_was", r["genai_risk"]) for r in known}
    df["genai_risk"] = [was[i] for i in df["risk_id"]]
    return df
''', ("ch5-risk-register-validation",), "any category accepted"),

    # --- Task 5: compliance_checklist ------------------------------------------------------
    Mutant("checklist-any-flag", CHK, '''
_solution_checklist = compliance_checklist


def compliance_checklist(requirements, industry, tiers, flags):
    widened = set(flags)
    for req in requirements:
        wanted = req.get("when", {}).get("flags", [])
        if any(f in flags for f in wanted):
            widened |= set(wanted)
    return _solution_checklist(requirements, industry, tiers, widened)
''', ("ch5-checklist",), "one matching flag is enough (GDPR Art. 22 without automated decisions)"),
    Mutant("checklist-all-tiers", CHK, '''
_solution_checklist = compliance_checklist


def compliance_checklist(requirements, industry, tiers, flags):
    kept = [r for r in requirements if all(t in tiers for t in r.get("when", {}).get("tiers", []))]
    return _solution_checklist(kept, industry, tiers, flags)
''', ("ch5-checklist",), "every listed tier required instead of any"),
    Mutant("checklist-sorted-by-date-only", CHK, '''
_solution_checklist = compliance_checklist


def compliance_checklist(requirements, industry, tiers, flags):
    df = _solution_checklist(requirements, industry, tiers, flags)
    order = {r["requirement"]: i for i, r in enumerate(requirements)}
    df["_pos"] = [order[r] for r in df["requirement"]]
    return df.sort_values(["applies_from", "_pos"], kind="mergesort").drop(columns="_pos").reset_index(drop=True)
''', ("ch5-checklist",), "same-date rows left in catalogue order"),
    Mutant("checklist-all-listed-tiers-in-trigger", CHK, '''
_solution_checklist = compliance_checklist


def compliance_checklist(requirements, industry, tiers, flags):
    df = _solution_checklist(requirements, industry, tiers, flags)
    whens = {r["requirement"]: r.get("when", {}) for r in requirements}
    df["trigger"] = [t.replace("tier: " + ", ".join(x for x in whens[r].get("tiers", []) if x in tiers),
                               "tier: " + ", ".join(whens[r].get("tiers", [])))
                     for r, t in zip(df["requirement"], df["trigger"])]
    return df
''', ("ch5-checklist",), "the trigger lists every tier of the rule, not the matching ones"),
    Mutant("checklist-trigger-in-dict-order", CHK, '''
def compliance_checklist(requirements, industry, tiers, flags):
    rows = []
    for req in requirements:
        parts = []
        ok = True
        for key, items in req.get("when", {}).items():
            if key == "tiers":
                matching = [t for t in items if t in tiers]
                ok = ok and bool(matching)
                parts.append("tier: " + ", ".join(matching))
            elif key == "industries":
                ok = ok and industry in items
                parts.append(f"industry: {industry}")
            else:
                ok = ok and all(f in flags for f in items)
                parts.append("flag: " + ", ".join(items))
        if ok:
            rows.append({"requirement": req["requirement"], "source": req["source"],
                         "trigger": "; ".join(parts) or "all AI systems", "owner": req["owner"],
                         "evidence": req["evidence"], "applies_from": req["applies_from"]})
    df = pd.DataFrame(rows, columns=CHECKLIST_COLUMNS)
    return df.sort_values(["applies_from", "requirement"], kind="mergesort").reset_index(drop=True)
''', ("ch5-checklist",), "trigger parts in the order of the `when` dict, not tier, industry, flag"),
    Mutant("checklist-pops-when", CHK, '''
_solution_checklist = compliance_checklist


def compliance_checklist(requirements, industry, tiers, flags):
    df = _solution_checklist(requirements, industry, tiers, flags)
    for req in requirements:
        req.pop("when", None)
    return df
''', ("ch5-checklist",), "consumes the shared catalogue"),
    Mutant("checklist-empty-without-columns", CHK, '''
_solution_checklist = compliance_checklist


def compliance_checklist(requirements, industry, tiers, flags):
    df = _solution_checklist(requirements, industry, tiers, flags)
    return df if len(df) else pd.DataFrame()
''', ("ch5-checklist",), "an empty result without its columns"),
    Mutant("checklist-sorted-flags-in-trigger", CHK, '''
_solution_checklist = compliance_checklist


def compliance_checklist(requirements, industry, tiers, flags):
    df = _solution_checklist(requirements, industry, tiers, flags)
    df["trigger"] = ["; ".join("flag: " + ", ".join(sorted(p[6:].split(", "))) if p.startswith("flag: ") else p
                               for p in t.split("; ")) for t in df["trigger"]]
    return df
''', ("ch5-checklist",), "flags listed alphabetically instead of in the rule's order"),

    # --- Task 6: npv ----------------------------------------------------------------------
    Mutant("npv-discounts-year-0", NPV, '''
def npv(rate, net_cash_flows):
    return float(sum(cf / (1 + rate) ** (t + 1) for t, cf in enumerate(net_cash_flows)))
''', ("ch5-npv",), "year 0 discounted"),
    Mutant("npv-numpy-float", NPV, '''
import numpy as _np


def npv(rate, net_cash_flows):
    flows = _np.asarray(net_cash_flows, dtype=float)
    return (flows / (1 + rate) ** _np.arange(len(flows))).sum()
''', ("ch5-npv",), "a numpy.float64 where a float is asked"),
    Mutant("npv-skips-last-year", NPV, '''
def npv(rate, net_cash_flows):
    flows = list(net_cash_flows)
    return float(sum(flows[t] / (1 + rate) ** t for t in range(len(flows) - 1))) + (0.0 if len(flows) > 1 else float(flows[0]))
''', ("ch5-npv",), "an off-by-one range that drops the last year"),
    Mutant("npv-simple-interest", NPV, '''
def npv(rate, net_cash_flows):
    return float(sum(cf / (1 + rate * t) for t, cf in enumerate(net_cash_flows)))
''', ("ch5-npv",), "simple instead of compound discounting"),
    Mutant("npv-list-only", NPV, '''
def npv(rate, net_cash_flows):
    if not isinstance(net_cash_flows, list):
        raise TypeError("a list please")
    return float(sum(cf / (1 + rate) ** t for t, cf in enumerate(net_cash_flows)))
''', ("ch5-npv",), "rejects a tuple of cash flows"),

    # --- Task 7: payback_period -----------------------------------------------------------
    Mutant("payback-whole-years", PAY, '''
def payback_period(net_cash_flows):
    cumulative = 0
    for t, cf in enumerate(net_cash_flows):
        cumulative += cf
        if cumulative >= 0:
            return float(t)
    return None
''', ("ch5-payback",), "whole years, no interpolation (one slip: costs only this task)"),
    Mutant("payback-strictly-positive", PAY, '''
def payback_period(net_cash_flows):
    cumulative = 0.0
    for t, cf in enumerate(net_cash_flows):
        if cumulative + cf > 0:
            return 0.0 if t == 0 else (t - 1) + (-cumulative) / cf
        cumulative += cf
    return None
''', ("ch5-payback",), "breaking even exactly does not count"),
    Mutant("payback-last-crossing", PAY, '''
def payback_period(net_cash_flows):
    flows = list(net_cash_flows)
    cumulative = [sum(flows[: t + 1]) for t in range(len(flows))]
    if cumulative[-1] < 0:
        return None
    t = max(i for i in range(len(flows)) if i == 0 or cumulative[i - 1] < 0)
    if t == 0:
        return 0.0
    return (t - 1) + (-cumulative[t - 1]) / flows[t]
''', ("ch5-payback",), "searches for the last crossing from the end, not the first"),
    Mutant("payback-int-zero", PAY, '''
def payback_period(net_cash_flows):
    cumulative = 0
    for t, cf in enumerate(net_cash_flows):
        if cumulative + cf >= 0:
            return 0 if t == 0 else (t - 1) + (-cumulative) / cf
        cumulative += cf
    return None
''', ("ch5-payback",), "returns the int 0 for an immediate payback"),
    Mutant("payback-horizon-instead-of-none", PAY, '''
def payback_period(net_cash_flows):
    cumulative = 0.0
    for t, cf in enumerate(net_cash_flows):
        if cumulative + cf >= 0:
            return 0.0 if t == 0 else (t - 1) + (-cumulative) / cf
        cumulative += cf
    return float(len(net_cash_flows))
''', ("ch5-payback",), "a made-up number instead of None"),
    Mutant("payback-interpolates-with-surplus", PAY, '''
def payback_period(net_cash_flows):
    cumulative = 0.0
    for t, cf in enumerate(net_cash_flows):
        if cumulative + cf >= 0:
            return 0.0 if t == 0 else (t - 1) + (cumulative + cf) / cf
        cumulative += cf
    return None
''', ("ch5-payback",), "interpolates with the surplus at the end of the year instead of the gap at its start"),

    # --- Task 8: roi ----------------------------------------------------------------------
    Mutant("roi-percent", ROI, '''
def roi(benefits, costs):
    return (sum(benefits) - sum(costs)) / sum(costs) * 100
''', ("ch5-roi",), "a percentage instead of a fraction"),
    Mutant("roi-divides-by-benefits", ROI, '''
def roi(benefits, costs):
    return (sum(benefits) - sum(costs)) / sum(benefits)
''', ("ch5-roi",), "divides by the benefits"),
    Mutant("roi-build-cost-only", ROI, '''
def roi(benefits, costs):
    costs = list(costs)
    return (sum(benefits) - sum(costs)) / costs[0]
''', ("ch5-roi",), "divides by the year-0 investment only"),
    Mutant("roi-numpy-float", ROI, '''
import numpy as _np


def roi(benefits, costs):
    b, c = _np.sum(benefits), _np.sum(costs)
    return (b - c) / c
''', ("ch5-roi",), "a numpy.float64 where a float is asked"),
    Mutant("roi-benefit-cost-ratio", ROI, '''
def roi(benefits, costs):
    return sum(benefits) / sum(costs)
''', ("ch5-roi",), "benefits / costs, costs not subtracted"),
    Mutant("roi-skips-year-0", ROI, '''
def roi(benefits, costs):
    b, c = list(benefits)[1:] or list(benefits), list(costs)[1:] or list(costs)
    return (sum(b) - sum(c)) / sum(c)
''', ("ch5-roi",), "the build year left out"),

    # --- Task 9: metric_problems ----------------------------------------------------------
    Mutant("metrics-word-count-method", MET, '''
def metric_problems(metric):
    def absent(value):
        return value is None or (isinstance(value, str) and not value.strip())

    def number(value):
        return isinstance(value, (int, float)) and not isinstance(value, bool)

    problems = [f"missing:{f}" for f in METRIC_FIELDS if absent(metric.get(f))]
    problems += [f"not_numeric:{f}" for f in ("baseline", "target") if not absent(metric.get(f)) and not number(metric[f])]
    direction = metric.get("direction")
    if not absent(direction) and direction not in ("increase", "decrease"):
        problems.append("bad_direction")
    elif direction in ("increase", "decrease") and number(metric.get("baseline")) and number(metric.get("target")):
        if not (metric["target"] > metric["baseline"] if direction == "increase" else metric["target"] < metric["baseline"]):
            problems.append("no_improvement")
    method = metric.get("method")
    if not absent(method):
        parts = method if isinstance(method, dict) else {}
        for part in METHOD_PARTS:
            if len(str(parts.get(part) or "").split()) < (2 if part == "window" else 1):
                problems.append(f"vague_method:{part}")
    return problems
''', ("ch5-metrics",), "judges the window by its length: 'regularly, whenever the team has time' passes"),
    Mutant("metrics-window-not-checked", MET, '''
_solution_metric_problems = metric_problems


def metric_problems(metric):
    method = metric.get("method")
    if isinstance(method, dict) and method.get("window") and str(method["window"]).strip():
        metric = {**metric, "method": {**method, "window": "monthly"}}
    return _solution_metric_problems(metric)
''', ("ch5-metrics",), "any non-empty window accepted"),
    Mutant("metrics-bool-is-number", MET, '''
_solution_metric_problems = metric_problems


def metric_problems(metric):
    fixed = {k: (int(v) if isinstance(v, bool) and k in ("baseline", "target") else v) for k, v in metric.items()}
    return _solution_metric_problems(fixed)
''', ("ch5-metrics",), "True counted as the number 1"),
    Mutant("metrics-improvement-not-strict", MET, '''
_solution_metric_problems = metric_problems


def metric_problems(metric):
    return [p for p in _solution_metric_problems(metric) if p != "no_improvement" or
            metric["target"] != metric["baseline"]]
''', ("ch5-metrics",), "a target equal to the baseline counts as an improvement"),
    Mutant("metrics-judges-bad-direction", MET, '''
_solution_metric_problems = metric_problems


def metric_problems(metric):
    problems = _solution_metric_problems(metric)
    if "bad_direction" in problems:
        problems.append("no_improvement")
    return problems
''', ("ch5-metrics",), "judges the improvement although the direction is invalid"),
    Mutant("metrics-string-method-whole", MET, '''
_solution_metric_problems = metric_problems


def metric_problems(metric):
    method = metric.get("method")
    if isinstance(method, str) and method.strip():
        metric = {**metric, "method": {"source": method, "population": method, "window": method}}
    return _solution_metric_problems(metric)
''', ("ch5-metrics",), "a one-sentence method read as all three parts"),
    Mutant("metrics-no-strip", MET, '''
_solution_metric_problems = metric_problems


def metric_problems(metric):
    fixed = {k: ("x" if isinstance(v, str) and v and not v.strip() else v) for k, v in metric.items()}
    return _solution_metric_problems(fixed)
''', ("ch5-metrics",), "a field of spaces counted as present"),
    Mutant("metrics-returns-set", MET, '''
_solution_metric_problems = metric_problems


def metric_problems(metric):
    return set(_solution_metric_problems(metric))
''', ("ch5-metrics",), "a set instead of a list"),
    Mutant("metrics-shared-list", MET, '''
_solution_metric_problems = metric_problems
_found = []


def metric_problems(metric):
    _found.clear()
    _found.extend(_solution_metric_problems(metric))
    return _found
''', ("ch5-metrics",), "returns the same list object every time: earlier results change after they are returned"),

    # --- Task 10: render_adr --------------------------------------------------------------
    _adr_rewrite("adr-title-prefixed-style", '''
return text.replace(f"# {adr['number']}. ", f"# ADR-{adr['number']:04d}: ", 1)
''', "'# ADR-0005: title', another ADR format than the log's '# 5. title'"),
    _adr_rewrite("adr-title-number-padded", '''
return text.replace(f"# {adr['number']}. ", f"# {adr['number']:04d}. ", 1)
''', "'# 0005. title': the file name's padding copied into the title"),
    _adr_rewrite("adr-status-line-not-section", '''
status = adr["status"].capitalize()
text = text.replace(f"## Status\\n\\n{status}\\n\\n", "", 1)
return text.replace(f"Date: {adr['date']}\\n", f"Status: {status}\\nDate: {adr['date']}\\n", 1)
''', "a 'Status:' line under the title instead of the '## Status' section"),
    _adr_rewrite("adr-no-date", '''
return text.replace(f"Date: {adr['date']}\\n\\n", "", 1)
''', "no date: a reader cannot tell how old the numbers are"),
    _adr_rewrite("adr-date-in-status-section", '''
status = adr["status"].capitalize()
text = text.replace(f"Date: {adr['date']}\\n\\n", "", 1)
return text.replace(f"## Status\\n\\n{status}\\n", f"## Status\\n\\n{status}\\nDate: {adr['date']}\\n", 1)
''', "the Date line moved into the Status section, which must hold only the status"),
    Mutant("adr-status-always-accepted", ADR, '''
_solution_render_adr = render_adr


def render_adr(adr, tier, register, checklist, metrics, value_case):
    return _solution_render_adr({**adr, "status": "accepted"}, tier, register, checklist, metrics, value_case)
''', ("ch5-adr",), "writes 'Accepted' whatever the status: right only for the visible record"),
    Mutant("adr-governance-before-consequences", ADR, '''
_solution_render_adr = render_adr


def render_adr(adr, tier, register, checklist, metrics, value_case):
    text = _solution_render_adr(adr, tier, register, checklist, metrics, value_case)
    head, rest = text.split("## Consequences", 1)
    consequences, extension = rest.split("## Risk and governance", 1)
    return (head + "## Risk and governance" + extension.rstrip("\\n") + "\\n\\n## Consequences"
            + consequences.rstrip("\\n") + "\\n")
''', ("ch5-adr",), "the governance extension between Decision and Consequences, breaking Nygard's core order"),
    Mutant("adr-keeps-unmeasurable-metrics", ADR, '''
def render_adr(adr, tier, register, checklist, metrics, value_case):
    measurable = [m for m in metrics if not metric_problems(m)]
    if len(measurable) < 2:
        raise ValueError("fewer than two measurable metrics")
    rows = [{**m, **m["method"]} if isinstance(m.get("method"), dict) else {**m, "source": m.get("method"),
            "population": "", "window": ""} for m in metrics]
    net = [b - c for b, c in zip(value_case["benefits"], value_case["costs"])]
    payback = payback_period(net)
    return "\\n".join([
        f"# {adr['number']}. {adr['title']}", "", f"Date: {adr['date']}", "",
        "## Status", "", adr["status"].capitalize(), "", "## Context", "", adr["context"], "", "## Decision", "", adr["decision"], "",
        "## Consequences", "", adr["consequences"], "", "## Risk and governance", "", f"EU AI Act tier: {tier}", "",
        md_table(register, ["risk_id", "genai_risk", "score", "level", "rmf_function"]), "",
        "## Compliance checklist", "", md_table(checklist, ["requirement", "source", "owner", "applies_from"]), "",
        "## Success metrics", "", md_table(rows, ["metric", "baseline", "target", "source", "population", "window", "owner"]), "",
        "## Value case", "", f"- ROI: {roi(value_case['benefits'], value_case['costs']):.0%}",
        "- Payback: not within the horizon" if payback is None else f"- Payback: {payback:.1f} years",
        f"- NPV at {value_case['rate']:.0%}: ${npv(value_case['rate'], net):,.0f}"]) + "\\n"
''', ("ch5-adr",), "every metric goes into the table, measurable or not"),
    Mutant("adr-payback-none-years", ADR, '''
_solution_render_adr = render_adr


def render_adr(adr, tier, register, checklist, metrics, value_case):
    text = _solution_render_adr(adr, tier, register, checklist, metrics, value_case)
    return text.replace("- Payback: not within the horizon", "- Payback: None years")
''', ("ch5-adr",), "prints 'None years'"),
    Mutant("adr-npv-without-separator", ADR, '''
import re as _re

_solution_render_adr = render_adr


def render_adr(adr, tier, register, checklist, metrics, value_case):
    text = _solution_render_adr(adr, tier, register, checklist, metrics, value_case)
    return _re.sub(r"(- NPV at [0-9]+%: \\$)(-?[0-9,]+)", lambda m: m.group(1) + m.group(2).replace(",", ""), text)
''', ("ch5-adr",), "the NPV without a thousands separator"),
    Mutant("adr-value-before-metrics", ADR, '''
_solution_render_adr = render_adr


def render_adr(adr, tier, register, checklist, metrics, value_case):
    text = _solution_render_adr(adr, tier, register, checklist, metrics, value_case)
    head, rest = text.split("## Success metrics", 1)
    metrics_part, value_part = rest.split("## Value case", 1)
    return head + "## Value case" + value_part.rstrip("\\n") + "\\n\\n## Success metrics" + metrics_part
''', ("ch5-adr",), "sections in the wrong order"),
    Mutant("adr-one-metric-is-enough", ADR, '''
_solution_render_adr = render_adr


def render_adr(adr, tier, register, checklist, metrics, value_case):
    measurable = [m for m in metrics if not metric_problems(m)]
    padded = list(metrics) + (measurable[:1] if len(measurable) == 1 else [])
    return _solution_render_adr(adr, tier, register, checklist, padded, value_case)
''', ("ch5-adr",), "accepts an ADR with a single measurable metric"),
    Mutant("adr-roi-as-ratio", ADR, '''
_solution_render_adr = render_adr


def render_adr(adr, tier, register, checklist, metrics, value_case):
    text = _solution_render_adr(adr, tier, register, checklist, metrics, value_case)
    value = roi(value_case["benefits"], value_case["costs"])
    return text.replace(f"- ROI: {value:.0%}", f"- ROI: {value:.2f}")
''', ("ch5-adr",), "ROI printed as 0.82 instead of 82%"),
    Mutant("adr-whole-year-payback-inline", ADR, '''
_solution_render_adr = render_adr


def render_adr(adr, tier, register, checklist, metrics, value_case):
    text = _solution_render_adr(adr, tier, register, checklist, metrics, value_case)
    net = [b - c for b, c in zip(value_case["benefits"], value_case["costs"])]
    p = payback_period(net)
    return text if p is None else text.replace(f"- Payback: {p:.1f} years", f"- Payback: {int(-(-p // 1))} years")
''', ("ch5-adr",), "rounds the payback up to whole years in the ADR itself"),
]
