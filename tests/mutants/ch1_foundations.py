"""Plausible wrong answers for the chapter-1 exercise (see tests/mutations.py).

Each is the solution with one function or value redefined the way a learner gets it wrong.
``loses`` names the only test cells where it may cost points: a wrong helper that a later task
calls (``request_cost`` in ``monthly_cost``, the Task 10 siblings, ``llm_capacity_rps`` in
``MY_FEATURE``) costs its own task's points and nothing else.
"""

from mutations import Mutant

TOKENS = "ch1-estimate-tokens-answer"
COST = "ch1-request-cost-answer"
MONTHLY = "ch1-monthly-cost-answer"
LATENCY = "ch1-e2e-latency-answer"
BUDGET = "ch1-context-budget-answer"
STORE = "ch1-choose-store-answer"
GRAPH = "ch1-dependency-graph-answer"
FANOUT = "ch1-calls-per-request-answer"
CAPACITY = "ch1-llm-capacity-answer"
BREAK = "ch1-first-to-break-answer"
BLAST = "ch1-blast-radius-answer"
FEATURE = "ch1-my-feature-model-answer"
DIAGRAM = "ch1-my-diagram"


MEANING = ("req['query'] == 'by meaning'", "vector database")
KEY = ("req['query'] == 'by key' and not req['raw_unstructured']", "relational database")


def _stream(staleness: str = "< 900", events: bool = True) -> tuple[str, str]:
    arrival = " and req['arrives_as'] == 'events'" if events else ""
    return (f"req['query'] == 'scan'{arrival} and req['max_staleness_s'] {staleness}",
            "streaming pipeline")


def _store(*rules: tuple[str, str]) -> str:
    """choose_data_store from (condition, answer) rules in order, else the data lake."""
    body = "".join(f"    if {cond}:\n        return {answer!r}\n" for cond, answer in rules)
    return "def choose_data_store(req):\n" + body + "    return 'data lake'"


def _graph(node: str = "g.add_node(n, **{k: v for k, v in s.items() if k != 'depends_on'})",
           edge: str = "g.add_edge(n, d, calls=k)", cls: str = "nx.DiGraph") -> str:
    """build_dependency_graph with one line (node, edge or graph class) changed."""
    return ("def build_dependency_graph(components):\n"
            f"    g = {cls}()\n    for n, s in components.items():\n        {node}\n"
            "    for n, s in components.items():\n"
            f"        for d, k in s['depends_on'].items():\n            {edge}\n    return g")


def _feature(change: str) -> str:
    """MY_FEATURE of the solution with one change (``c`` is its components dict)."""
    return ("import copy\nMY_FEATURE = copy.deepcopy(MY_FEATURE)\nc = MY_FEATURE['components']\n"
            + change)


def _diagram(edges: str = "webhook >> worker\n    worker >> Edge(label='x2') >> git\n"
             "    worker >> retriever\n    worker >> llm\n    worker >> Edge(label='x2') >> log\n"
             "    retriever >> embedder\n    retriever >> Edge(label='x3') >> index\n"
             "    updater >> [git, embedder, index]\n",
             filename: str = "ch1_my_feature", outformat: str = "png", bgcolor: str = "white",
             updater: bool = True, bind: str = "MY_DIAGRAM = ") -> str:
    """The solution's diagram drawn again with one thing changed (the first PNG removed)."""
    nodes = ("    git = Gitlab('git_server\\nGitLab')\n"
             "    webhook = Server('webhook (entry)')\n"
             "    worker = Server('review_worker\\n4 pods')\n"
             "    retriever = Server('retriever')\n"
             "    embedder = Rack('embedder')\n"
             "    index = Qdrant('code_index\\nQdrant, 4 M vectors')\n"
             "    log = Postgresql('review_log\\nPostgreSQL')\n"
             "    llm = Rack('llm_api\\nprovider cloud')\n")
    if updater:
        nodes += "    updater = Server('index_updater')\n"
    else:
        edges = edges.replace("    updater >> [git, embedder, index]\n", "")
    return ("import os\nos.remove('ch1_my_feature.png')\ndel MY_DIAGRAM\n"
            f"_d = Diagram('PR review', filename={filename!r}, outformat={outformat!r}, show=False, "
            f"graph_attr={{'bgcolor': {bgcolor!r}}})\n"
            f"{bind}_d\n"
            "with _d:\n" + nodes + "    " + edges.lstrip())


MUTANTS: list[Mutant] = [
    # Task 1: estimate_tokens ------------------------------------------------------------
    Mutant("tokens-round-half", TOKENS,
           "def estimate_tokens(text):\n    return round(len(text) / 4)",
           ("ch1-estimate-tokens",), "rounds to nearest instead of up"),
    Mutant("tokens-floor-plus-one", TOKENS,
           "def estimate_tokens(text):\n    return len(text) // 4 + 1",
           ("ch1-estimate-tokens",), "off by one on exact multiples of 4"),
    Mutant("tokens-float", TOKENS,
           "def estimate_tokens(text):\n    return len(text) / 4",
           ("ch1-estimate-tokens",), "returns a fractional float, not a whole count"),
    Mutant("tokens-numpy-ceil", TOKENS,
           "import numpy as np\ndef estimate_tokens(text):\n    return np.ceil(len(text) / 4)",
           ("ch1-estimate-tokens",), "numpy float64 where an int is asked"),
    Mutant("tokens-strips-whitespace", TOKENS,
           "def estimate_tokens(text):\n    return math.ceil(len(text.strip()) / 4)",
           ("ch1-estimate-tokens",), "ignores leading and trailing whitespace"),
    Mutant("tokens-bytes", TOKENS,
           "def estimate_tokens(text):\n    return math.ceil(len(text.encode('utf-8')) / 4)",
           ("ch1-estimate-tokens",), "counts UTF-8 bytes, not characters"),
    Mutant("tokens-words", TOKENS,
           "def estimate_tokens(text):\n    return math.ceil(len(text.split()) * 4 / 3)",
           ("ch1-estimate-tokens",), "counts words (3/4 word per token)"),

    # Task 2: request_cost (a helper monthly_cost may call) ---------------------------
    Mutant("cost-output-at-input-rate", COST,
           "def request_cost(i, o, pin, pout):\n    return (i + o) * pin / 1_000_000",
           ("ch1-request-cost",), "one price for all tokens; monthly_cost must not pay again"),
    Mutant("cost-swapped-prices", COST,
           "def request_cost(i, o, pin, pout):\n    return (i * pout + o * pin) / 1_000_000",
           ("ch1-request-cost",), "input tokens at the output price"),
    Mutant("cost-per-thousand", COST,
           "def request_cost(i, o, pin, pout):\n    return (i * pin + o * pout) / 1_000",
           ("ch1-request-cost",), "unit slip: per thousand tokens"),
    Mutant("cost-rounded-to-cents", COST,
           "def request_cost(i, o, pin, pout):\n    return round((i * pin + o * pout) / 1_000_000, 4)",
           ("ch1-request-cost",), "rounds a per-request cost that is a fraction of a cent"),
    Mutant("cost-input-only", COST,
           "def request_cost(i, o, pin, pout):\n    return i * pin / 1_000_000",
           ("ch1-request-cost",), "forgets the output tokens"),
    Mutant("cost-numpy-scalar", COST,
           "import numpy as np\ndef request_cost(i, o, pin, pout):\n"
           "    return np.float64((i * pin + o * pout) / 1_000_000)",
           ("ch1-request-cost",), "numpy float64 where a float is asked"),

    # Task 3: monthly_cost ---------------------------------------------------------------
    Mutant("monthly-fixed-30-days", MONTHLY,
           "def monthly_cost(r, i, o, pin, pout, days=30):\n"
           "    return r * 30 * request_cost(i, o, pin, pout)",
           ("ch1-monthly-cost",), "ignores the days argument"),
    Mutant("monthly-one-day", MONTHLY,
           "def monthly_cost(r, i, o, pin, pout, days=30):\n    return r * request_cost(i, o, pin, pout)",
           ("ch1-monthly-cost",), "forgets to multiply by days"),
    Mutant("monthly-average-month", MONTHLY,
           "def monthly_cost(r, i, o, pin, pout, days=30):\n"
           "    return r * 365 / 12 * request_cost(i, o, pin, pout)",
           ("ch1-monthly-cost",), "uses 30.42 days whatever days says"),
    Mutant("monthly-output-at-input-rate", MONTHLY,
           "def monthly_cost(r, i, o, pin, pout, days=30):\n"
           "    return r * days * (i + o) * pin / 1_000_000",
           ("ch1-monthly-cost",), "reimplements the cost with one price"),
    Mutant("monthly-days-31-default", MONTHLY,
           "def monthly_cost(r, i, o, pin, pout, days=31):\n"
           "    return r * days * request_cost(i, o, pin, pout)",
           ("ch1-monthly-cost",), "wrong default month length"),
    Mutant("monthly-weekdays-only", MONTHLY,
           "def monthly_cost(r, i, o, pin, pout, days=30):\n"
           "    return r * days * 5 / 7 * request_cost(i, o, pin, pout)",
           ("ch1-monthly-cost",), "counts only working days"),

    # Task 4: e2e_latency ----------------------------------------------------------------
    Mutant("latency-tpot-times-n", LATENCY,
           "def e2e_latency(ttft, tpot, n):\n    return ttft + tpot * n",
           ("ch1-e2e-latency",), "the other vendor convention"),
    Mutant("latency-no-ttft", LATENCY,
           "def e2e_latency(ttft, tpot, n):\n    return tpot * (n - 1)",
           ("ch1-e2e-latency",), "forgets prefill"),
    Mutant("latency-rounded", LATENCY,
           "def e2e_latency(ttft, tpot, n):\n    return round(ttft + tpot * (n - 1), 2)",
           ("ch1-e2e-latency",), "rounds to 10 ms"),
    Mutant("latency-fixed-ttft", LATENCY,
           "def e2e_latency(ttft, tpot, n):\n    return 0.6 + tpot * (n - 1)",
           ("ch1-e2e-latency",), "hard-codes the scenario's TTFT"),
    Mutant("latency-milliseconds", LATENCY,
           "def e2e_latency(ttft, tpot, n):\n    return ttft + tpot * 1000 * (n - 1) / 1000 + 0.001 * n",
           ("ch1-e2e-latency",), "adds a per-token network millisecond nobody asked for"),

    # Task 5: fits_context and max_chunks (one answer cell, two test cells) ---------------
    Mutant("fits-strict-less", BUDGET,
           "def fits_context(p, o, w):\n    return p + o < w",
           ("ch1-fits-context-test",), "an exactly full window does fit"),
    Mutant("fits-ignores-output", BUDGET,
           "def fits_context(p, o, w):\n    return p <= w",
           ("ch1-fits-context-test",), "forgets the output allowance"),
    Mutant("fits-returns-int", BUDGET,
           "def fits_context(p, o, w):\n    return int(p + o <= w)",
           ("ch1-fits-context-test",), "1/0 instead of True/False"),
    Mutant("fits-numpy-bool", BUDGET,
           "import numpy as np\ndef fits_context(p, o, w):\n    return np.bool_(p + o <= w)",
           ("ch1-fits-context-test",), "numpy.bool_ instead of bool"),
    Mutant("chunks-no-clamp", BUDGET,
           "def max_chunks(w, fixed, o, c):\n    return (w - fixed - o) // c",
           ("ch1-context-budget",), "a negative count when nothing fits"),
    Mutant("chunks-ceil", BUDGET,
           "def max_chunks(w, fixed, o, c):\n    return max(0, math.ceil((w - fixed - o) / c))",
           ("ch1-context-budget",), "counts a partial chunk"),
    Mutant("chunks-float-zero", BUDGET,
           "def max_chunks(w, fixed, o, c):\n    return max(0.0, (w - fixed - o) // c)",
           ("ch1-context-budget",), "0.0 (a float) when nothing fits"),
    Mutant("chunks-ignores-output", BUDGET,
           "def max_chunks(w, fixed, o, c):\n    return max(0, (w - fixed) // c)",
           ("ch1-context-budget",), "forgets the output allowance"),
    Mutant("chunks-off-by-one", BUDGET,
           "def max_chunks(w, fixed, o, c):\n    return max(0, (w - fixed - o) // c - 1)",
           ("ch1-context-budget",), "keeps one chunk of slack"),
    Mutant("chunks-strict-room", BUDGET,
           "def max_chunks(w, fixed, o, c):\n    return max(0, (w - fixed - o - 1) // c)",
           ("ch1-context-budget",), "a chunk that fills the room exactly is dropped"),

    # Task 6: choose_data_store ------------------------------------------------------------
    Mutant("store-streams-at-900", STORE, _store(MEANING, KEY, _stream("<= 900")),
           ("ch1-choose-store",), "boundary slip at exactly 15 minutes"),
    Mutant("store-old-rule-2", STORE, _store(
        MEANING, ("req['arrives_as'] == 'events' and req['max_staleness_s'] < 900", "streaming pipeline"),
        ("req['raw_unstructured'] or req['query'] == 'scan'", "data lake"),
        ("True", "relational database")),
           ("ch1-choose-store",), "a stream as the store for data read by key (review E7)"),
    Mutant("store-ignores-arrival", STORE, _store(MEANING, KEY, _stream(events=False)),
           ("ch1-choose-store",), "streams records and files too"),
    Mutant("store-ignores-raw", STORE, _store(
        MEANING, ("req['query'] == 'by key'", "relational database"), _stream()),
           ("ch1-choose-store",), "raw documents read by key put in a relational database"),
    Mutant("store-lake-before-stream", STORE, _store(
        MEANING, KEY, ("req['raw_unstructured']", "data lake"), _stream()),
           ("ch1-choose-store",), "wrong rule order: raw events never streamed"),
    Mutant("store-minutes-unit", STORE, _store(MEANING, KEY, _stream("< 15")),
           ("ch1-choose-store",), "unit slip: 15 (minutes) compared with seconds"),
    Mutant("store-stream-before-meaning", STORE, _store(
        ("req['arrives_as'] == 'events' and req['max_staleness_s'] < 900 and req['query'] != 'by key'",
         "streaming pipeline"), MEANING, KEY),
           ("ch1-choose-store",), "fresh events by meaning sent to the stream"),
    Mutant("store-by-query-only", STORE,
           "def choose_data_store(req):\n"
           "    return {'by meaning': 'vector database', 'by key': 'relational database'}.get(\n"
           "        req['query'], 'streaming pipeline' if req['arrives_as'] == 'events' else 'data lake')",
           ("ch1-choose-store",), "right for the visible cases only"),
    Mutant("store-str-subclass", STORE,
           "class _Store(str):\n    pass\n_real_choose = choose_data_store\n"
           "def choose_data_store(req):\n    return _Store(_real_choose(req))",
           ("ch1-choose-store",), "a str subclass"),
    Mutant("store-short-names", STORE,
           "_real_choose = choose_data_store\n"
           "def choose_data_store(req):\n    return _real_choose(req).replace('database', 'DB')",
           ("ch1-choose-store",), "not the exact strings asked for"),

    # Task 7: build_dependency_graph ------------------------------------------------------
    Mutant("graph-reversed-edges", GRAPH, _graph(edge="g.add_edge(d, n, calls=k)"),
           ("ch1-dependency-graph",), "edges in the direction data flows back"),
    Mutant("graph-edges-only", GRAPH,
           "def build_dependency_graph(components):\n    g = nx.DiGraph()\n"
           "    for n, s in components.items():\n"
           "        for d, k in s['depends_on'].items():\n            g.add_edge(n, d, calls=k)\n"
           "    for n in list(g.nodes):\n"
           "        g.nodes[n].update({k2: v for k2, v in components[n].items() if k2 != 'depends_on'})\n"
           "    return g",
           ("ch1-dependency-graph",), "components without dependencies are missing"),
    Mutant("graph-pops-depends-on", GRAPH,
           "def build_dependency_graph(components):\n    g = nx.DiGraph()\n"
           "    for n, s in components.items():\n        deps = s.pop('depends_on')\n"
           "        g.add_node(n, **s)\n"
           "        for d, k in deps.items():\n            g.add_edge(n, d, calls=k)\n"
           "    return g",
           ("ch1-dependency-graph",), "changes the caller's dict"),
    Mutant("graph-keeps-depends-on", GRAPH, _graph(node="g.add_node(n, **s)"),
           ("ch1-dependency-graph",), "copies depends_on onto the node too"),
    Mutant("graph-three-fields", GRAPH, _graph(
        node="g.add_node(n, kind=s['kind'], data_lives=s['data_lives'], capacity_rps=s['capacity_rps'])"),
           ("ch1-dependency-graph",), "copies only the fields of the example"),
    Mutant("graph-weight-not-calls", GRAPH, _graph(edge="g.add_edge(n, d, weight=k)"),
           ("ch1-dependency-graph",), "the edge attribute has the wrong name"),
    Mutant("graph-multidigraph", GRAPH, _graph(cls="nx.MultiDiGraph"),
           ("ch1-dependency-graph",), "a MultiDiGraph (a DiGraph subclass)"),

    # Task 8: calls_per_request -----------------------------------------------------------
    Mutant("fanout-insertion-order", FANOUT,
           "def calls_per_request(graph, entry):\n    calls = {n: 0 for n in graph.nodes}\n"
           "    calls[entry] = 1\n    for n in graph.nodes:\n"
           "        for d in graph.successors(n):\n"
           "            calls[d] += calls[n] * graph.edges[n, d]['calls']\n    return calls",
           ("ch1-calls-per-request",), "nodes in insertion order, not topological"),
    Mutant("fanout-bfs-order", FANOUT,
           "def calls_per_request(graph, entry):\n    calls = {n: 0 for n in graph.nodes}\n"
           "    calls[entry] = 1\n"
           "    for n in [entry] + [v for _, v in nx.bfs_edges(graph, entry)]:\n"
           "        for d in graph.successors(n):\n"
           "            calls[d] += calls[n] * graph.edges[n, d]['calls']\n    return calls",
           ("ch1-calls-per-request",), "breadth-first order is not topological"),
    Mutant("fanout-dfs-order", FANOUT,
           "def calls_per_request(graph, entry):\n    calls = {n: 0 for n in graph.nodes}\n"
           "    calls[entry] = 1\n"
           "    for n in nx.dfs_preorder_nodes(graph, entry):\n"
           "        for d in graph.successors(n):\n"
           "            calls[d] += calls[n] * graph.edges[n, d]['calls']\n    return calls",
           ("ch1-calls-per-request",), "depth-first preorder is not topological"),
    Mutant("fanout-max-path", FANOUT,
           "def calls_per_request(graph, entry):\n    calls = {n: 0 for n in graph.nodes}\n"
           "    calls[entry] = 1\n    for n in nx.topological_sort(graph):\n"
           "        for d in graph.successors(n):\n"
           "            calls[d] = max(calls[d], calls[n] * graph.edges[n, d]['calls'])\n"
           "    return calls",
           ("ch1-calls-per-request",), "keeps the heaviest path instead of adding paths"),
    Mutant("fanout-edge-counts", FANOUT,
           "def calls_per_request(graph, entry):\n    calls = {n: 0 for n in graph.nodes}\n"
           "    calls[entry] = 1\n    for n in nx.descendants(graph, entry):\n"
           "        calls[n] = sum(graph.edges[p, n]['calls'] for p in graph.predecessors(n))\n"
           "    return calls",
           ("ch1-calls-per-request",), "does not multiply by how often the caller is called"),
    Mutant("fanout-all-roots", FANOUT,
           "def calls_per_request(graph, entry):\n"
           "    calls = {n: (1 if graph.in_degree(n) == 0 else 0) for n in graph.nodes}\n"
           "    calls[entry] = 1\n    for n in nx.topological_sort(graph):\n"
           "        for d in graph.successors(n):\n"
           "            calls[d] += calls[n] * graph.edges[n, d]['calls']\n    return calls",
           ("ch1-calls-per-request",), "ignores the entry: every root sends a request"),
    Mutant("fanout-reachable-only", FANOUT,
           "_real_fanout = calls_per_request\n"
           "def calls_per_request(graph, entry):\n"
           "    return {n: c for n, c in _real_fanout(graph, entry).items() if c}",
           ("ch1-calls-per-request",), "leaves out the nodes the request does not reach"),
    Mutant("fanout-shared-result", FANOUT,
           "_fanout_cache = {}\n_real_fanout = calls_per_request\n"
           "def calls_per_request(graph, entry):\n    _fanout_cache.clear()\n"
           "    _fanout_cache.update(_real_fanout(graph, entry))\n    return _fanout_cache",
           ("ch1-calls-per-request",), "returns one dict that the next call overwrites"),

    # Task 9: llm_capacity_rps (MY_FEATURE of the solution calls it) ---------------------
    Mutant("capacity-rpm-only", CAPACITY,
           "def llm_capacity_rps(rpm, tpm, tokens):\n    return rpm / 60",
           ("ch1-llm-capacity",), "ignores the token limit"),
    Mutant("capacity-per-minute", CAPACITY,
           "def llm_capacity_rps(rpm, tpm, tokens):\n    return min(rpm, tpm / tokens)",
           ("ch1-llm-capacity",), "requests per minute, not per second"),
    Mutant("capacity-max-limit", CAPACITY,
           "def llm_capacity_rps(rpm, tpm, tokens):\n    return max(rpm, tpm / tokens) / 60",
           ("ch1-llm-capacity",), "the looser limit instead of the tighter"),
    Mutant("capacity-whole-requests", CAPACITY,
           "def llm_capacity_rps(rpm, tpm, tokens):\n    return min(rpm, tpm // tokens) / 60",
           ("ch1-llm-capacity",), "rounds the token limit down to whole requests a minute"),
    Mutant("capacity-tpm-per-second-only", CAPACITY,
           "def llm_capacity_rps(rpm, tpm, tokens):\n    return min(rpm, tpm / tokens / 60)",
           ("ch1-llm-capacity",), "converts only the token limit to per second"),
    Mutant("capacity-numpy", CAPACITY,
           "import numpy as np\ndef llm_capacity_rps(rpm, tpm, tokens):\n"
           "    return np.minimum(rpm, tpm / tokens) / 60",
           ("ch1-llm-capacity",), "numpy float64; MY_FEATURE still gets a usable number"),

    # Task 10: utilisation, first_to_break, max_sustainable_load ------------------------
    Mutant("util-ignores-fanout", BREAK,
           "def utilisation(fan_out, capacities, load):\n"
           "    return {c: load / capacities[c] for c, n in fan_out.items() if n > 0}",
           ("ch1-utilisation-test",), "one call per request everywhere"),
    Mutant("util-includes-unreached", BREAK,
           "def utilisation(fan_out, capacities, load):\n"
           "    return {c: load * n / capacities[c] for c, n in fan_out.items()}",
           ("ch1-utilisation-test",), "components the request does not reach"),
    Mutant("util-percent", BREAK,
           "def utilisation(fan_out, capacities, load):\n"
           "    return {c: 100 * load * n / capacities[c] for c, n in fan_out.items() if n > 0}",
           ("ch1-utilisation-test",), "a percentage, not a fraction"),
    Mutant("util-inverted", BREAK,
           "def utilisation(fan_out, capacities, load):\n"
           "    return {c: capacities[c] / (load * n) for c, n in fan_out.items() if n > 0}",
           ("ch1-utilisation-test",), "capacity / load (and a crash at zero load)"),
    Mutant("util-list-of-pairs", BREAK,
           "def utilisation(fan_out, capacities, load):\n"
           "    return [(c, load * n / capacities[c]) for c, n in fan_out.items() if n > 0]",
           ("ch1-utilisation-test",), "a list where a dict is asked"),
    Mutant("util-wrong-composed", BREAK,
           "def utilisation(fan_out, capacities, load):\n"
           "    return {c: load / capacities[c] for c, n in fan_out.items() if n > 0}\n"
           "def first_to_break(fan_out, capacities):\n"
           "    u = utilisation(fan_out, capacities, 1.0)\n    return max(u, key=u.get)\n"
           "def max_sustainable_load(fan_out, capacities):\n"
           "    return 1.0 / max(utilisation(fan_out, capacities, 1.0).values())",
           ("ch1-utilisation-test",),
           "one slip in utilisation, which the other two call: it costs once"),
    Mutant("break-raw-capacity", BREAK,
           "def first_to_break(fan_out, capacities):\n"
           "    return min((c for c, n in fan_out.items() if n > 0), key=lambda c: capacities[c])",
           ("ch1-first-to-break",), "ignores fan-out"),
    Mutant("break-max", BREAK,
           "def first_to_break(fan_out, capacities):\n"
           "    return max((c for c, n in fan_out.items() if n > 0), key=lambda c: capacities[c] / fan_out[c])",
           ("ch1-first-to-break",), "the last to break"),
    Mutant("break-most-calls", BREAK,
           "def first_to_break(fan_out, capacities):\n    return max(fan_out, key=fan_out.get)",
           ("ch1-first-to-break",), "the most-called component"),
    Mutant("break-returns-pair", BREAK,
           "def first_to_break(fan_out, capacities):\n"
           "    c = min((c for c, n in fan_out.items() if n > 0), key=lambda c: capacities[c] / fan_out[c])\n"
           "    return (c, capacities[c] / fan_out[c])",
           ("ch1-first-to-break",), "a (name, load) tuple where a name is asked"),
    Mutant("break-composed-wrong", BREAK,
           "def first_to_break(fan_out, capacities):\n"
           "    u = utilisation(fan_out, capacities, 1.0)\n    return min(u, key=u.get)",
           ("ch1-first-to-break",), "calls utilisation but takes the least loaded"),
    Mutant("maxload-raw-capacity", BREAK,
           "def max_sustainable_load(fan_out, capacities):\n"
           "    c = first_to_break(fan_out, capacities)\n    return capacities[c]",
           ("ch1-max-load-test",), "forgets to divide by the fan-out"),
    Mutant("maxload-min-capacity", BREAK,
           "def max_sustainable_load(fan_out, capacities):\n"
           "    return min(capacities[c] for c, n in fan_out.items() if n > 0)",
           ("ch1-max-load-test",), "smallest raw capacity"),
    Mutant("maxload-floor", BREAK,
           "def max_sustainable_load(fan_out, capacities):\n"
           "    return math.floor(min(capacities[c] / n for c, n in fan_out.items() if n > 0))",
           ("ch1-max-load-test",), "whole requests per second"),
    Mutant("maxload-per-minute", BREAK,
           "def max_sustainable_load(fan_out, capacities):\n"
           "    return 60 * min(capacities[c] / n for c, n in fan_out.items() if n > 0)",
           ("ch1-max-load-test",), "per minute"),
    Mutant("maxload-composed-right", BREAK,
           "def first_to_break(fan_out, capacities):\n"
           "    return min(fan_out, key=lambda c: capacities[c])\n"
           "def max_sustainable_load(fan_out, capacities):\n"
           "    c = min((c for c, n in fan_out.items() if n > 0), key=lambda c: capacities[c] / fan_out[c])\n"
           "    return capacities[c] / fan_out[c]",
           ("ch1-first-to-break",), "a wrong first_to_break beside a right max_sustainable_load"),

    # Task 11: blast_radius -----------------------------------------------------------------
    Mutant("blast-descendants", BLAST,
           "def blast_radius(graph, failed):\n    return set(nx.descendants(graph, failed))",
           ("ch1-blast-radius",), "what the failed component depends on"),
    Mutant("blast-direct-only", BLAST,
           "def blast_radius(graph, failed):\n    return set(graph.predecessors(failed))",
           ("ch1-blast-radius",), "direct callers only"),
    Mutant("blast-two-levels", BLAST,
           "def blast_radius(graph, failed):\n    out = set(graph.predecessors(failed))\n"
           "    for p in list(out):\n        out |= set(graph.predecessors(p))\n    return out",
           ("ch1-blast-radius",), "two levels up only"),
    Mutant("blast-includes-failed", BLAST,
           "def blast_radius(graph, failed):\n    return nx.ancestors(graph, failed) | {failed}",
           ("ch1-blast-radius",), "counts the failed component"),
    Mutant("blast-sorted-list", BLAST,
           "def blast_radius(graph, failed):\n    return sorted(nx.ancestors(graph, failed))",
           ("ch1-blast-radius",), "a list where a set is asked"),
    Mutant("blast-frozenset", BLAST,
           "def blast_radius(graph, failed):\n    return frozenset(nx.ancestors(graph, failed))",
           ("ch1-blast-radius",), "a frozenset where a set is asked"),
    Mutant("blast-connected-component", BLAST,
           "def blast_radius(graph, failed):\n"
           "    return set(nx.node_connected_component(graph.to_undirected(), failed)) - {failed}",
           ("ch1-blast-radius",), "everything connected, either direction"),
    Mutant("blast-shared-result", BLAST,
           "_blast = set()\n"
           "def blast_radius(graph, failed):\n    _blast.clear()\n"
           "    _blast.update(nx.ancestors(graph, failed))\n    return _blast",
           ("ch1-blast-radius",), "returns one set that the next call overwrites"),

    # Task 12: MY_FEATURE -------------------------------------------------------------------
    Mutant("feature-llm-capacity-none", FEATURE,
           _feature("c['llm_api']['capacity_rps'] = None"),
           ("ch1-my-feature-model",), "copies the scenario's None for the provider API"),
    Mutant("feature-unknown-dependency", FEATURE,
           _feature("c['review_worker']['depends_on']['cache'] = 1"),
           ("ch1-my-feature-model",), "depends on a component never defined"),
    Mutant("feature-cycle", FEATURE,
           _feature("c['review_log']['depends_on'] = {'review_worker': 1}"),
           ("ch1-my-feature-model",), "a dependency cycle"),
    Mutant("feature-four-components", FEATURE,
           _feature("for n in ('index_updater', 'embedder', 'code_index', 'retriever', 'review_log'):\n"
                    "    del c[n]\n"
                    "c['review_worker']['depends_on'] = {'git_server': 2, 'llm_api': 1}"),
           ("ch1-my-feature-model",), "too few components"),
    Mutant("feature-vague-store", FEATURE,
           _feature("c['review_log']['data_lives'] = 'database'"),
           ("ch1-my-feature-model",), "a data store that does not say where"),
    Mutant("feature-template-placeholder", FEATURE,
           _feature("MY_FEATURE['name'] = 'what the feature does, in one line'\n"
                    "for s in c.values():\n    s['data_lives'] = 'stateless: ...'"),
           ("ch1-my-feature-model",), "the template's placeholder text left in"),
    Mutant("feature-model-off-path", FEATURE,
           _feature("c['review_worker']['depends_on'] = {'git_server': 2, 'review_log': 2}\n"
                    "c['index_updater']['depends_on']['llm_api'] = 1"),
           ("ch1-my-feature-model",), "no model on the request path"),
    Mutant("feature-capacity-text", FEATURE,
           _feature("c['embedder']['capacity_rps'] = '50'"),
           ("ch1-my-feature-model",), "a number written as text"),
    Mutant("feature-kind-typo", FEATURE,
           _feature("c['code_index']['kind'] = 'vector database'"),
           ("ch1-my-feature-model",), "a kind outside the four"),

    # Task 13: the diagram ------------------------------------------------------------------
    Mutant("diagram-not-kept", DIAGRAM, _diagram(bind=""),
           ("ch1-my-diagram-test",), "draws it but does not keep it in MY_DIAGRAM"),
    Mutant("diagram-data-flow-arrows", DIAGRAM, _diagram(edges=(
        "worker >> webhook\n    git >> worker\n    retriever >> worker\n    llm >> worker\n"
        "    log >> worker\n    embedder >> retriever\n    index >> retriever\n"
        "    [git, embedder, index] >> updater\n")),
           ("ch1-my-diagram-test",), "arrows the way the data flows back"),
    Mutant("diagram-lshift-arrows", DIAGRAM, _diagram(edges=(
        "webhook << worker\n    worker << git\n    worker << retriever\n    worker << llm\n"
        "    worker << log\n    retriever << embedder\n    retriever << index\n"
        "    updater << git\n    updater << embedder\n    updater << index\n")),
           ("ch1-my-diagram-test",), "<< draws the arrow from the dependency to its caller"),
    Mutant("diagram-missing-component", DIAGRAM, _diagram(updater=False),
           ("ch1-my-diagram-test",), "leaves the pipeline out"),
    Mutant("diagram-wrong-file", DIAGRAM, _diagram(filename="my_feature"),
           ("ch1-my-diagram-test",), "not the file name asked for"),
    Mutant("diagram-svg", DIAGRAM, _diagram(outformat="svg"),
           ("ch1-my-diagram-test",), "an SVG, no PNG"),
    Mutant("diagram-transparent", DIAGRAM, _diagram(bgcolor="transparent"),
           ("ch1-my-diagram-test",), "transparent background (unreadable in dark mode)"),
    Mutant("diagram-no-arrows", DIAGRAM, _diagram(edges="pass\n"),
           ("ch1-my-diagram-test",), "boxes without dependencies"),
    Mutant("diagram-undirected", DIAGRAM, _diagram(edges=(
        "webhook - worker\n    worker - git\n    worker - retriever\n    worker - llm\n"
        "    worker - log\n    retriever - embedder\n    retriever - index\n"
        "    updater - git\n    updater - embedder\n    updater - index\n")),
           ("ch1-my-diagram-test",), "lines without direction"),
]
