"""Plausible wrong answers for the ch4_scale_reliability_cost exercise (see tests/mutations.py).

Each is the solution with one function (or value) redefined the way a learner gets it wrong; it
must lose points in exactly the test cells it names. Helpers that later tasks call (``erlang_c``
for ``min_servers``, ``false_hit_upper_bound`` for ``choose_threshold``, the cost without a cache
for the cost with one, the hits for the false hits) cost only their own cells: the later test
cells run on the reference helper or check against the learner's own result.
"""

from mutations import Mutant

LOAD = "ch4-load-tests"
P_WAIT, W_Q = "ch4-erlang-c-tests", "ch4-erlang-c-wait-tests"
MIN, SCEN = "ch4-min-servers-tests", "ch4-scenario-servers-tests"
QUEUE, DRAIN = "ch4-spike-queue-tests", "ch4-spike-drain-tests"
BREAKER = "ch4-breaker-tests"
FB_SEEN, FB_COST = "ch4-fallback-tests", "ch4-fallback-cost-tests"
HITS, FALSE = "ch4-semantic-cache-tests", "ch4-false-hits-tests"
UB, CHOOSE = "ch4-upper-bound-tests", "ch4-threshold-tests"
BASE, CACHED = "ch4-monthly-cost-tests", "ch4-monthly-cache-tests"
FALSE_COST = "ch4-monthly-false-hits-tests"

# --- Erlang C variants: one body, the slip given as a snippet ------------------------------------

_ERLANG = '''
def erlang_c(arrival_rate, service_rate, servers):
    a = arrival_rate / service_rate
    if {unstable}:
        raise ValueError("unstable")
    term, partial_sum = 1.0, 0.0
    for k in range({upper}):
        partial_sum += term
        term *= a / (k + 1)
    {top}
    p_wait = top / ({denominator})
    return {result}
'''


def _erlang(unstable="a >= servers", upper="servers",
            top="top = term * servers / (servers - a)", denominator="partial_sum + top",
            result="float(p_wait), float(p_wait / (servers * service_rate - arrival_rate))"):
    return _ERLANG.format(unstable=unstable, upper=upper, top=top, denominator=denominator,
                          result=result)


# --- semantic cache variants --------------------------------------------------------------------

_CACHE = '''
def simulate_cache(similarity, intents, generic, threshold, measure_from=0):
    similarity = np.asarray(similarity, dtype=float)
    stored = np.empty(len(intents), dtype=int)
    n_stored, hits, false_hits = 0, 0, 0
    for i in range({start}, len(intents)):
        if n_stored:
            sims = similarity[i, stored[:n_stored]]
            {pick}
            if {hit}:
                if {counted}:
                    hits += 1
                    if {false}:
                        false_hits += 1
                {after_hit}
                continue
        if {store}:
            stored[n_stored] = i
            n_stored += 1
    questions = {questions}
    return {{"hits": {hits_out}, "false_hits": false_hits, "questions": questions,
            "hit_rate": hits / questions, "false_hit_rate": false_hits / {false_den}}}
'''


def _cache(start="0", pick="best = int(np.argmax(sims))", hit="sims[best] >= threshold",
           counted="i >= measure_from", false="intents[stored[best]] != intents[i] or not generic[i]",
           after_hit="pass", store="generic[i]", questions="len(intents) - measure_from",
           hits_out="hits", false_den="questions"):
    return _CACHE.format(start=start, pick=pick, hit=hit, counted=counted, false=false,
                         after_hit=after_hit, store=store, questions=questions,
                         hits_out=hits_out, false_den=false_den)


_FIRST_MATCH = ("above = np.flatnonzero(sims >= threshold)\n"
                "            best = int(above[0]) if len(above) else int(np.argmax(sims))")

# --- fallback variants ----------------------------------------------------------------------------

_FALLBACK = '''
def evaluate_fallback(trace, timeout_ms, cache_ms=20.0):
    latencies, answered_lat, cost, answered = [], [], 0.0, 0
    for r in trace.itertuples(index=False):
        if r.primary_ok and {in_time}:
            latencies.append(r.primary_ms); answered_lat.append(r.primary_ms)
            cost += r.primary_cost
            answered += 1
            continue
        t = {t0}
        if {bill_primary}:
            cost += r.primary_cost
        if {secondary_ok}:
            latencies.append(t + r.secondary_ms); answered_lat.append(t + r.secondary_ms)
            cost += r.secondary_cost
            answered += 1
            continue
        {bill_failed}
        t += r.secondary_ms
        if r.cache_ok:
            latencies.append(t + {cache}); answered_lat.append(t + {cache})
            answered += {cache_counts}
            continue
        latencies.append(t)
    return {{"success_rate": answered / len(trace), "p95_ms": {p95}, "cost_usd": float(cost)}}
'''


def _fallback(in_time="r.primary_ms <= timeout_ms", t0="min(r.primary_ms, timeout_ms)",
              bill_primary="r.primary_ok", secondary_ok="r.secondary_ok", bill_failed="pass",
              cache="cache_ms", cache_counts="1", p95="float(np.percentile(latencies, 95))"):
    return _FALLBACK.format(in_time=in_time, t0=t0, bill_primary=bill_primary,
                            secondary_ok=secondary_ok, bill_failed=bill_failed, cache=cache,
                            cache_counts=cache_counts, p95=p95)


# --- breaker variants -----------------------------------------------------------------------------

_BREAKER = '''
def breaker_states(outcomes, failure_threshold, cooldown):
    state, failures, skipped = "closed", 0, 0
    states = {new_list}
    for ok in outcomes:
        if state == "open":
            if skipped {cmp} cooldown:
                skipped += 1
                states.append("open")
                continue
            state = "half_open"
        {record_before}
        if ok:
            state = "closed"
            {on_success}
        else:
            failures += 1
            if {reopen}:
                state, skipped = "open", 0
                {on_open}
        {record_after}
    return states
'''


def _breaker(new_list="[]", cmp="<", record_before="states.append(state)", on_success="failures = 0",
             reopen='state == "half_open" or failures >= failure_threshold', on_open="pass",
             record_after="pass"):
    return _BREAKER.format(new_list=new_list, cmp=cmp, record_before=record_before,
                           on_success=on_success, reopen=reopen, on_open=on_open,
                           record_after=record_after)


# --- sizing and queue variants ------------------------------------------------------------------

_MIN = '''
def min_servers(arrival_rate, service_rate, max_p_wait=None, max_mean_wait=None):
    first = {first}
    for k in range(1000):
        c = first + k{shift}
        p_wait, mean_wait = erlang_c(arrival_rate, service_rate, int(c))
        if {meets}:
            return c
    raise ValueError("no pool")
'''
_BOTH = "(max_p_wait is None or p_wait {le} max_p_wait) and (max_mean_wait is None or mean_wait {le} max_mean_wait)"


_BOTH_MET = _BOTH.format(le="<=")


def _min(first="math.floor(arrival_rate / service_rate) + 1", shift="", meets=_BOTH_MET):
    return _MIN.format(first=first, shift=shift, meets=meets)


_QUEUE = '''
def spike_queue(spike_rate, spike_duration_s, servers, service_rate, after_rate):
    capacity = servers * service_rate
    backlog = {backlog}
    if backlog == 0:
        return {{"queue_slots": 0, "drain_s": {zero}}}
    spare = capacity - after_rate
    return {{"queue_slots": {slots}, "drain_s": {drain}}}
'''


def _queue(backlog="max(0.0, (spike_rate - capacity) * spike_duration_s)", zero="0.0",
           slots="math.ceil(backlog)", drain="float(backlog / spare) if spare > 0 else math.inf"):
    return _QUEUE.format(backlog=backlog, zero=zero, slots=slots, drain=drain)


# --- Task 8 and Task 9 variants ---------------------------------------------------------------------

_UB = '''
def false_hit_upper_bound(false_hits, questions, z=1.96):
    {guard}
    p = false_hits / questions
    centre = p + z * z / (2 * questions)
    spread = z * math.sqrt(p * (1 - p) / questions + z * z / (4 * questions * questions))
    return float({result})
'''


def _ub(guard="if questions == 0:\n        return 1.0", result="(centre + spread) / (1 + z * z / questions)"):
    return _UB.format(guard=guard, result=result)


_CHOOSE = '''
def choose_threshold(sweep, max_false_hit_rate, monthly_requests, cost_per_call_usd, lookup_usd=0.0):
    best = None
    for row in sweep:
        if {rate} {refuse} max_false_hit_rate:
            continue
        saving = monthly_requests * ({hits} / row["questions"] * cost_per_call_usd{lookup})
        if best is None or {better}:
            best = (saving, row["threshold"])
    if best is None{losing}:
        return {{"threshold": None, "monthly_savings_usd": 0.0}}
    return {{"threshold": float(best[1]), "monthly_savings_usd": float(best[0])}}
'''


def _choose(rate='false_hit_upper_bound(row["false_hits"], row["questions"])', refuse=">",
            hits='(row["hits"] - row["false_hits"])', lookup=" - lookup_usd",
            better='(saving, row["threshold"]) > best', losing=" or best[0] <= 0"):
    return _CHOOSE.format(rate=rate, refuse=refuse, hits=hits, lookup=lookup, better=better,
                          losing=losing)


_COST = '''
def monthly_token_cost(requests_per_day, calls, prices, cache_hit_rate=0.0, cache_lookup_usd=0.0, days=30,
                       false_hit_rate=0.0, false_hit_usd=0.0):
    per_message = sum({price} for c in {calls})
    return float({total}{false_hits})
'''
_PRICE = ('(c["input_tokens"] * prices[c["model"]]["input"] + c["output_tokens"] * prices[c["model"]]["output"])'
          " / {per}")


_PRICE_PER_MILLION = _PRICE.format(per="1e6")


def _cost(price=_PRICE_PER_MILLION, calls="calls",
          total="requests_per_day * days * ((1 - cache_hit_rate) * per_message + cache_lookup_usd)",
          false_hits=" + requests_per_day * days * false_hit_rate * false_hit_usd"):
    return _COST.format(price=price, calls=calls, total=total, false_hits=false_hits)


MUTANTS: list[Mutant] = [
    # --- Task 1: load_summary
    Mutant("utilisation-inverted", "ch4-load", '''
def load_summary(arrival_rate, mean_service_s, servers):
    a = arrival_rate * mean_service_s
    return {"offered_load": float(a), "utilisation": float(servers / a), "stable": bool(a < servers)}
''', (LOAD,), "servers per busy slot instead of busy slots per server"),
    Mutant("stable-at-saturation", "ch4-load", '''
def load_summary(arrival_rate, mean_service_s, servers):
    a = arrival_rate * mean_service_s
    return {"offered_load": float(a), "utilisation": float(a / servers), "stable": bool(a <= servers)}
''', (LOAD,), "A == c called stable: the queue never drains"),
    Mutant("load-divides", "ch4-load", '''
def load_summary(arrival_rate, mean_service_s, servers):
    a = arrival_rate / mean_service_s
    return {"offered_load": float(a), "utilisation": float(a / servers), "stable": bool(a < servers)}
''', (LOAD,), "lambda / S: confuses service time with service rate"),
    Mutant("utilisation-percent", "ch4-load", '''
def load_summary(arrival_rate, mean_service_s, servers):
    a = arrival_rate * mean_service_s
    return {"offered_load": float(a), "utilisation": float(100 * a / servers), "stable": bool(a < servers)}
''', (LOAD,), "a percentage where a share is asked"),
    Mutant("stable-numpy-bool", "ch4-load", '''
def load_summary(arrival_rate, mean_service_s, servers):
    a = np.float64(arrival_rate) * mean_service_s
    return {"offered_load": float(a), "utilisation": float(a / servers), "stable": a < servers}
''', (LOAD,), "a numpy bool where a bool is asked"),
    Mutant("load-tuple", "ch4-load", '''
def load_summary(arrival_rate, mean_service_s, servers):
    a = arrival_rate * mean_service_s
    return a, a / servers, a < servers
''', (LOAD,), "a tuple instead of the dict"),

    # --- Task 2: erlang_c (a helper of Task 3: its slips cost only Task 2's cells)
    Mutant("erlang-sum-to-c", "ch4-erlang-c", '''
def erlang_c(arrival_rate, service_rate, servers):
    a = arrival_rate / service_rate
    if a >= servers:
        raise ValueError("unstable")
    terms = [1.0]
    for k in range(1, servers + 1):
        terms.append(terms[-1] * a / k)
    top = terms[servers] * servers / (servers - a)
    p_wait = top / (sum(terms) + top)
    return float(p_wait), float(p_wait / (servers * service_rate - arrival_rate))
''', (P_WAIT,), "the sum runs k = 0..c instead of 0..c-1"),
    Mutant("erlang-missing-factor", "ch4-erlang-c", _erlang(top="top = term"), (P_WAIT,),
           "drops c/(c-A): the Erlang B style term"),
    Mutant("erlang-factor-numerator-only", "ch4-erlang-c",
           _erlang(denominator="partial_sum + term"), (P_WAIT,),
           "c/(c-A) in the numerator but not the denominator (the known-wrong tutorial value)"),
    Mutant("erlang-naive-powers", "ch4-erlang-c", '''
def erlang_c(arrival_rate, service_rate, servers):
    a = arrival_rate / service_rate
    if a >= servers:
        raise ValueError("unstable")
    s = sum(a ** k / math.factorial(k) for k in range(servers))
    top = a ** servers / math.factorial(servers) * servers / (servers - a)
    p = top / (s + top)
    return float(p), float(p / (servers * service_rate - arrival_rate))
''', (P_WAIT,), "huge powers and factorials: overflows at hundreds of servers"),
    Mutant("erlang-unstable-strict", "ch4-erlang-c", _erlang(unstable="a > servers"), (P_WAIT,),
           "A == c is let through (a ZeroDivisionError instead of the ValueError)"),
    Mutant("erlang-wq-without-lambda", "ch4-erlang-c",
           _erlang(result="float(p_wait), float(p_wait / (servers * service_rate))"), (W_Q,),
           "W_q = P_wait / (c mu): forgets that arrivals use part of the capacity"),
    Mutant("erlang-returns-w", "ch4-erlang-c",
           _erlang(result="float(p_wait), float(p_wait / (servers * service_rate - arrival_rate)"
                          " + 1 / service_rate)"), (W_Q, SCEN),
           "W (time in system) instead of W_q; the scenario's mean-wait target of 0.5 s can then "
           "never be met (W >= 4 s), so the learner's own min_servers gives up and "
           "baseline_servers is never set: the scenario cell loses too"),
    Mutant("erlang-wq-milliseconds", "ch4-erlang-c",
           _erlang(result="float(p_wait), 1000 * float(p_wait / (servers * service_rate - "
                          "arrival_rate))"), (W_Q,),
           "W_q in milliseconds (the scenario's numbers are checked against the learner's own "
           "min_servers, so they do not lose again)"),
    Mutant("erlang-numpy-p", "ch4-erlang-c",
           _erlang(result="np.float64(p_wait), float(p_wait / (servers * service_rate - "
                          "arrival_rate))"), (P_WAIT,), "a numpy scalar where a float is asked"),
    Mutant("erlang-list", "ch4-erlang-c",
           _erlang(result="[float(p_wait), float(p_wait / (servers * service_rate - "
                          "arrival_rate))]"), (P_WAIT,), "a list instead of the tuple"),

    # --- Task 3: min_servers and the scenario's numbers
    Mutant("min-ignores-mean-wait", "ch4-min-servers", _min(
        meets="(p_wait <= max_p_wait) if max_p_wait is not None else "
              "(max_mean_wait is None or mean_wait <= max_mean_wait)"),
           (MIN,), "checks the mean-wait target only when no wait-probability target is given"),
    Mutant("min-either-target", "ch4-min-servers", _min(
        meets="(max_p_wait is None and max_mean_wait is None) or (max_p_wait is not None and "
              "p_wait <= max_p_wait) or (max_mean_wait is not None and mean_wait <= max_mean_wait)"),
           (MIN,), "stops when either target holds"),
    Mutant("min-starts-at-ceil", "ch4-min-servers", _min(first="math.ceil(arrival_rate / service_rate)"),
           (MIN, SCEN), "starts at ceil(A): exactly saturated (and erlang_c raises) when A is whole — "
                        "the scenario's A = 8 included, so the learner's own scenario cell crashes "
                        "and sets no numbers (the scenario cell loses as a missing answer)"),
    Mutant("min-skips-first", "ch4-min-servers", _min(shift=" + 1"), (MIN,),
           "increments before the first check: one server too many"),
    Mutant("min-strict-target", "ch4-min-servers", _min(meets=_BOTH.format(le="<")), (MIN,),
           "a target met exactly counts as missed"),
    Mutant("min-no-cap", "ch4-min-servers", '''
def min_servers(arrival_rate, service_rate, max_p_wait=None, max_mean_wait=None):
    c = math.floor(arrival_rate / service_rate) + 1
    while True:
        p_wait, mean_wait = erlang_c(arrival_rate, service_rate, c)
        if (max_p_wait is None or p_wait <= max_p_wait) and (max_mean_wait is None or mean_wait <= max_mean_wait):
            return c
        c += 1
''', (MIN,), "searches for ever: a wrong erlang_c or an impossible target hangs the kernel"),
    Mutant("min-float-count", "ch4-min-servers", _min(first="arrival_rate // service_rate + 1"), (MIN,),
           "a float server count (floor division of floats)"),
    Mutant("scenario-service-time-as-rate", "ch4-scenario-servers", '''
baseline_servers = min_servers(BASELINE_RATE, SERVICE_TIME_S, TARGET_P_WAIT, TARGET_MEAN_WAIT_S)
''', (SCEN,), "passes the service time where the service rate is asked"),
    Mutant("scenario-spike-linear", "ch4-scenario-servers", '''
spike_servers = 10 * baseline_servers
''', (SCEN,), "scales the pool linearly instead of sizing it for the spike"),
    Mutant("scenario-one-target", "ch4-scenario-servers", '''
baseline_servers = min_servers(BASELINE_RATE, 1 / SERVICE_TIME_S, max_mean_wait=TARGET_MEAN_WAIT_S)
''', (SCEN,), "sizes the baseline for the mean-wait target only"),
    Mutant("scenario-spike-baseline-rate", "ch4-scenario-servers", '''
spike_servers = min_servers(BASELINE_RATE, 1 / SERVICE_TIME_S, TARGET_P_WAIT, TARGET_MEAN_WAIT_S)
''', (SCEN,), "forgets the multiplier for the spike"),

    # --- Task 4: spike_queue
    Mutant("queue-rounds", "ch4-spike-queue", _queue(slots="round(backlog)"), (QUEUE,),
           "round() instead of rounding up (banker's rounding makes 8.5 -> 8)"),
    Mutant("queue-numpy-ceil", "ch4-spike-queue", _queue(slots="np.ceil(backlog)"), (QUEUE,),
           "np.ceil returns a float, not a count"),
    Mutant("queue-unclamped", "ch4-spike-queue", _queue(backlog="(spike_rate - capacity) * spike_duration_s"),
           (QUEUE, DRAIN), "a negative backlog when the pool keeps up: both results go negative"),
    Mutant("queue-arrivals-only", "ch4-spike-queue", _queue(slots="math.ceil(spike_rate * spike_duration_s)"),
           (QUEUE,), "sizes the queue for every arrival, forgetting what the pool serves meanwhile"),
    Mutant("drain-at-capacity", "ch4-spike-queue", _queue(drain="float(backlog / capacity)"), (DRAIN,),
           "drains at full capacity, forgetting that normal traffic keeps arriving"),
    Mutant("drain-zero-spare", "ch4-spike-queue",
           _queue(drain="float(backlog / spare) if spare >= 0 else math.inf"), (DRAIN,),
           "divides by zero spare capacity"),
    Mutant("drain-negative", "ch4-spike-queue",
           _queue(drain="float(backlog / spare) if spare != 0 else math.inf"), (DRAIN,),
           "a negative drain time when arrivals exceed capacity after the burst"),
    Mutant("drain-int-zero", "ch4-spike-queue", _queue(zero="0"), (DRAIN,),
           "an int 0 where a time in seconds (float) is asked"),

    # --- Task 5: breaker_states
    Mutant("breaker-half-open-counts", "ch4-breaker",
           _breaker(reopen="failures >= failure_threshold", on_open="failures = 0"), (BREAKER,),
           "a failed trial waits for failure_threshold failures again"),
    Mutant("breaker-cooldown-off-by-one", "ch4-breaker", _breaker(cmp="<="), (BREAKER,),
           "one short-circuited request too many"),
    Mutant("breaker-no-reset", "ch4-breaker", _breaker(on_success="pass"), (BREAKER,),
           "counts all failures, not consecutive ones"),
    Mutant("breaker-state-after", "ch4-breaker",
           _breaker(record_before="pass", record_after="states.append(state)"), (BREAKER,),
           "records the state after the request instead of the one it arrived in"),
    Mutant("breaker-shared-list", "ch4-breaker",
           "_SHARED_STATES = []\n" + _breaker(new_list="_SHARED_STATES")
           + "\n_solution_breaker = breaker_states\n"
             "def breaker_states(outcomes, failure_threshold, cooldown):\n"
             "    _SHARED_STATES.clear()\n"
             "    return _solution_breaker(outcomes, failure_threshold, cooldown)\n",
           (BREAKER,), "returns one list that the next call overwrites"),
    Mutant("breaker-tuple", "ch4-breaker", '''
_solution_breaker = breaker_states
def breaker_states(outcomes, failure_threshold, cooldown):
    return tuple(_solution_breaker(outcomes, failure_threshold, cooldown))
''', (BREAKER,), "a tuple where a list is asked"),

    # --- Task 6: evaluate_fallback
    Mutant("fallback-strict-timeout", "ch4-fallback", _fallback(in_time="r.primary_ms < timeout_ms"),
           (FB_SEEN,), "a call that answers exactly at the timeout is abandoned"),
    Mutant("fallback-t0-is-timeout", "ch4-fallback", _fallback(t0="timeout_ms"), (FB_SEEN,),
           "waits for the timeout even after a fast error"),
    Mutant("fallback-p95-answered-only", "ch4-fallback",
           _fallback(p95="float(np.percentile(answered_lat, 95))"), (FB_SEEN,),
           "p95 over answered requests only: the users who waited for a failure disappear"),
    Mutant("fallback-no-cache-latency", "ch4-fallback", _fallback(cache="0.0"), (FB_SEEN,),
           "ignores cache_ms"),
    Mutant("fallback-cache-not-success", "ch4-fallback", _fallback(cache_counts="0"), (FB_SEEN,),
           "a cached answer is not counted as answered"),
    Mutant("fallback-p95-numpy", "ch4-fallback", _fallback(p95="np.percentile(latencies, 95)"),
           (FB_SEEN,), "a numpy scalar where a float is asked"),
    Mutant("fallback-abandoned-free", "ch4-fallback", _fallback(bill_primary="False"), (FB_COST,),
           "abandoning a slow call that succeeded does not get the money back"),
    Mutant("fallback-bills-failures", "ch4-fallback",
           _fallback(bill_primary="True", bill_failed="cost += r.secondary_cost"), (FB_COST,),
           "bills failed calls too"),
    Mutant("fallback-secondary-timeout", "ch4-fallback",
           _fallback(secondary_ok="r.secondary_ok and r.secondary_ms <= timeout_ms"),
           (FB_SEEN, FB_COST), "gives the secondary the same timeout: different latencies and "
                               "a different bill"),

    # --- Task 7: simulate_cache (hits are graded apart from false hits)
    Mutant("cache-stores-personal", "ch4-semantic-cache", _cache(store="True"), (HITS,),
           "stores personal answers and serves them to other customers"),
    Mutant("cache-stores-hits", "ch4-semantic-cache", _cache(after_hit="stored[n_stored] = i\n                n_stored += 1"),
           (HITS,), "stores hits as well, so the cache drifts away from the questions answered"),
    Mutant("cache-strict-threshold", "ch4-semantic-cache", _cache(hit="sims[best] > threshold"),
           (HITS,), "a similarity equal to the threshold is a miss"),
    Mutant("cache-counts-warm-up", "ch4-semantic-cache", _cache(counted="True",
           questions="len(intents)"), (HITS,),
           "counts the warm-up questions too"),
    Mutant("cache-cold-confirmation", "ch4-semantic-cache", _cache(start="measure_from"),
           (HITS,), "starts the confirmation slice with an empty cache"),
    Mutant("cache-numpy-hits", "ch4-semantic-cache",
           _cache(hits_out="np.int64(hits)"), (HITS,), "a numpy integer where an int is asked"),
    Mutant("cache-first-match", "ch4-semantic-cache", _cache(pick=_FIRST_MATCH), (FALSE,),
           "serves the first stored question above the threshold, not the best"),
    Mutant("cache-personal-hit-ok", "ch4-semantic-cache",
           _cache(false="intents[stored[best]] != intents[i]"), (FALSE,),
           "a personal question served a generic answer of its intent is counted as correct"),
    Mutant("cache-false-rate-per-hit", "ch4-semantic-cache",
           _cache(false_den="max(hits, 1)"), (FALSE,),
           "false-hit rate per hit instead of per question"),

    # --- Task 8a: false_hit_upper_bound (a helper of 8b)
    Mutant("ub-normal-approximation", "ch4-upper-bound", _ub(result="p + z * math.sqrt(p * (1 - p) / questions)"),
           (UB,), "the normal approximation: an upper bound of 0 after zero false hits"),
    Mutant("ub-point-estimate", "ch4-upper-bound", _ub(result="p"), (UB,),
           "the measured rate, with no uncertainty"),
    Mutant("ub-lower-bound", "ch4-upper-bound", _ub(result="(centre - spread) / (1 + z * z / questions)"),
           (UB,), "the lower end of the interval"),
    Mutant("ub-ignores-z", "ch4-upper-bound", _ub(guard="z = 1.96\n    if questions == 0:\n        return 1.0"),
           (UB,), "ignores the confidence level it is given"),
    Mutant("ub-no-denominator", "ch4-upper-bound", _ub(result="centre + spread"), (UB,),
           "forgets the 1 + z^2/n denominator"),
    Mutant("ub-divides-by-zero", "ch4-upper-bound", _ub(guard="pass"), (UB,),
           "nothing measured is a ZeroDivisionError instead of a bound of 1"),

    # --- Task 8b: choose_threshold (graded on the reference upper bound)
    Mutant("choose-measured-rate", "ch4-threshold", _choose(rate='row["false_hits"] / row["questions"]'),
           (CHOOSE,), "compares the measured rate, not its upper bound, with the ceiling"),
    Mutant("choose-false-hits-save", "ch4-threshold", _choose(hits='row["hits"]'), (CHOOSE,),
           "counts false hits as savings"),
    Mutant("choose-no-lookup", "ch4-threshold", _choose(lookup=""), (CHOOSE,),
           "forgets that every question pays the lookup"),
    Mutant("choose-lowest-on-tie", "ch4-threshold", _choose(better="saving > best[0]"), (CHOOSE,),
           "keeps the lower threshold on a tie"),
    Mutant("choose-strict-ceiling", "ch4-threshold", _choose(refuse=">="), (CHOOSE,),
           "an upper bound equal to the ceiling is refused"),
    Mutant("choose-ships-losing-cache", "ch4-threshold", _choose(losing=""), (CHOOSE,),
           "ships a cache that costs more than it saves"),
    Mutant("choose-highest-hit-rate", "ch4-threshold", '''
def choose_threshold(sweep, max_false_hit_rate, monthly_requests, cost_per_call_usd, lookup_usd=0.0):
    feasible = [r for r in sweep if false_hit_upper_bound(r["false_hits"], r["questions"]) <= max_false_hit_rate]
    if not feasible:
        return {"threshold": None, "monthly_savings_usd": 0.0}
    row = max(feasible, key=lambda r: (r["hits"] / r["questions"], r["threshold"]))
    saving = monthly_requests * ((row["hits"] - row["false_hits"]) / row["questions"] * cost_per_call_usd - lookup_usd)
    if saving <= 0:
        return {"threshold": None, "monthly_savings_usd": 0.0}
    return {"threshold": float(row["threshold"]), "monthly_savings_usd": float(saving)}
''', (CHOOSE,), "picks the highest hit rate, false hits included"),
    Mutant("choose-int-savings-none", "ch4-threshold", '''
_solution_choose = choose_threshold
def choose_threshold(sweep, max_false_hit_rate, monthly_requests, cost_per_call_usd, lookup_usd=0.0):
    r = _solution_choose(sweep, max_false_hit_rate, monthly_requests, cost_per_call_usd, lookup_usd)
    return r if r["threshold"] is not None else {"threshold": None, "monthly_savings_usd": 0}
''', (CHOOSE,), "an int 0 where a float amount is asked"),

    # --- Task 9: monthly_token_cost (the cost with a cache is checked against the learner's own)
    Mutant("cost-input-only", "ch4-monthly-cost",
           _cost(price='c["input_tokens"] * prices[c["model"]]["input"] / 1e6'), (BASE,),
           "prices the input tokens only"),
    Mutant("cost-per-thousand", "ch4-monthly-cost", _cost(price=_PRICE.format(per="1e3")), (BASE,),
           "prices per thousand tokens instead of per million"),
    Mutant("cost-ignores-days", "ch4-monthly-cost",
           _cost(total="requests_per_day * 30 * ((1 - cache_hit_rate) * per_message + cache_lookup_usd)"),
           (BASE,), "a 30-day month whatever days says"),
    Mutant("cost-last-call-only", "ch4-monthly-cost", _cost(calls="calls[-1:]"), (BASE,),
           "prices the agent's call and forgets the router"),
    Mutant("cost-lookup-on-misses", "ch4-monthly-cost",
           _cost(total="requests_per_day * days * (1 - cache_hit_rate) * (per_message + cache_lookup_usd)"),
           (CACHED,), "charges the lookup on misses only"),
    Mutant("cost-ignores-hit-rate", "ch4-monthly-cost",
           _cost(total="requests_per_day * days * (per_message + cache_lookup_usd)"), (CACHED,),
           "the cache saves nothing"),
    Mutant("cost-forgets-lookup", "ch4-monthly-cost",
           _cost(total="requests_per_day * days * (1 - cache_hit_rate) * per_message"), (CACHED,),
           "the lookups are free"),
    Mutant("cost-lookup-per-day", "ch4-monthly-cost",
           _cost(total="requests_per_day * days * (1 - cache_hit_rate) * per_message"
                       " + requests_per_day * cache_lookup_usd"), (CACHED,),
           "charges one day of lookups for the month"),
    # --- Task 9: what the false hits add (checked against the learner's own cost with the cache)
    Mutant("cost-false-hits-free", "ch4-monthly-cost", _cost(false_hits=""), (FALSE_COST,),
           "ignores false_hit_rate and false_hit_usd: a wrong answer costs nothing beyond its repeated call"),
    Mutant("cost-false-hits-on-misses", "ch4-monthly-cost",
           _cost(false_hits=" + requests_per_day * days * (1 - cache_hit_rate) * false_hit_rate * false_hit_usd"),
           (FALSE_COST,), "applies the false-hit rate to the misses only (it is per message)"),
    Mutant("cost-false-hits-per-hit", "ch4-monthly-cost",
           _cost(false_hits=" + requests_per_day * days * cache_hit_rate * false_hit_usd"), (FALSE_COST,),
           "charges the false-hit cost on every (correct) hit instead of on the false hits"),
    Mutant("cost-false-hits-call-twice", "ch4-monthly-cost",
           _cost(false_hits=" + requests_per_day * days * false_hit_rate * (per_message + false_hit_usd)"),
           (FALSE_COST,), "charges the repeated model call of a false hit again (the correct-hit rate already does)"),
    Mutant("cost-false-hits-30-days", "ch4-monthly-cost",
           _cost(false_hits=" + requests_per_day * 30 * false_hit_rate * false_hit_usd"), (FALSE_COST,),
           "a 30-day month for the false hits whatever days says"),
    Mutant("cost-false-hits-saving", "ch4-monthly-cost",
           _cost(false_hits=" - requests_per_day * days * false_hit_rate * false_hit_usd"), (FALSE_COST,),
           "subtracts the false-hit cost, as if a wrong answer saved money"),
    Mutant("cost-false-hits-per-million", "ch4-monthly-cost",
           _cost(false_hits=" + requests_per_day * days * false_hit_rate * false_hit_usd / 1e6"), (FALSE_COST,),
           "prices the false-hit cost per million like the tokens"),
]
