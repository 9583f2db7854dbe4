"""Plausible wrong answers for the ch2_architecture exercise (see tests/mutations.py).

Each mutant redefines one function of the solution the way a learner would get it wrong and
must lose points exactly in the test cells of that function's behaviour. Helper mutants
(``route_ticket``, ``make_agent``, ``hand_off_on_error``) lose only their own task: the graph
tests of task 5 run on reference helpers supplied by their hidden part.
"""

from mutations import Mutant

ROUTER = ("ch2-router-test",)
CONFIG = ("ch2-provider-config-test",)
AGENT = ("ch2-agent-test",)
HANDLER = ("ch2-guard-test",)
ROUTING = ("ch2-graph-test",)
AGENT_FAILURE = ("ch2-graph-failure-test",)
ROUTER_FAILURE = ("ch2-graph-router-failure-test",)
STORE = ("ch2-persistence-test",)
SEND = ("ch2-send-message-test",)
CONVERSATION = ("ch2-conversation-test",)
ROWS = ("ch2-interface-table-test",)
CONTENT = ("ch2-interface-content-test",)
TIMEOUTS = ("ch2-interface-timeouts-test",)
CHECK = ("ch2-table-check-test",)
BUDGET = ("ch2-table-budget-test",)
GAPS = ("ch2-no-failure-path-test",)

# Wrappers that change one column of the reference table, as a learner's table would differ.
_TABLE_WRAP = """
_reference_table = interface_table
def interface_table(edges=ARCHITECTURE, timeout_s=MODEL_TIMEOUT_S):
    t = _reference_table(edges, timeout_s)
{body}
    return t
"""


def _table_mutant(name, body, loses, why):
    return Mutant(name, "ch2-interface-table", _TABLE_WRAP.format(body=body), loses, why)


# A correct checker with one rule changed: the budget part is replaced by `budget_rule`.
_CHECK = """
def check_interface_table(table, edges, routers=("router",)):
    import collections, math, numbers
    def valid_timeout(v):
        return {timeout_rule}
    def valid_retries(n):
        return {retries_rule}
    problems = set()
    kinds = {{(s, t): k for s, t, k in edges}}
    rows = list(table[TABLE_COLUMNS].itertuples(index=False))
    pairs = [(r.source, r.target) for r in rows]
    problems |= {{f"missing {{s}}->{{t}}" for s, t in set(kinds) - set(pairs)}}
    problems |= {{f"extra {{s}}->{{t}}" for s, t in set(pairs) - set(kinds)}}
    {duplicates}
    for r in rows:
        for col in ("input", "output", "on_failure"):
            value = getattr(r, col)
            if {blank_rule}:
                problems.add(f"blank {{col}} {{r.source}}->{{r.target}}")
        if not valid_timeout(r.timeout_s):
            problems.add(f"timeout {{r.source}}->{{r.target}}")
        if not valid_retries(r.retries):
            problems.add(f"retries {{r.source}}->{{r.target}}")
    first = {{}}
    for r in rows:
        if (r.source, r.target) in kinds:
            first.setdefault((r.source, r.target), r)
    def cost(e):
        r = first[e]
        if not valid_timeout(r.timeout_s) or not valid_retries(r.retries):
            return None
        return r.timeout_s * {retry_factor}
{budget_rule}
    return {result}
"""

_SUM_RULE = """
    for c in sorted({{s for s, _ in first}} | {{t for _, t in first}}):
        outgoing = [e for e in first if e[0] == c]
        incoming = [e for e in first if e[1] == c and {incoming_kind}]
        calls = [e for e in outgoing if kinds[e] == "call"]
        if not calls or not incoming or any(cost(e) is None for e in outgoing + incoming):
            continue
        call_costs = [cost(e) for e in calls]
        fallback_costs = [cost(e) for e in outgoing if kinds[e] == "fallback"]
        worst = ({own}) + {fallback}
        if worst {compare} {given}(first[e].timeout_s for e in incoming):
            problems.add(f"budget {{c}}")
"""

_NESTING_RULE = """
    for (s, t), r in first.items():
        inner = [x.timeout_s for (s2, _), x in first.items() if s2 == t and valid_timeout(x.timeout_s)]
        if valid_timeout(r.timeout_s) and inner and r.timeout_s <= max(inner):
            problems.add(f"budget {t}")
"""

_CHECK_DEFAULTS = dict(
    timeout_rule="isinstance(v, numbers.Real) and not isinstance(v, bool) and math.isfinite(v) and v > 0",
    retries_rule="isinstance(n, numbers.Integral) and not isinstance(n, bool) and n >= 0",
    duplicates='problems |= {f"duplicate {s}->{t}" for (s, t), n in collections.Counter(pairs).items() if n > 1}',
    blank_rule="not isinstance(value, str) or not value.strip()",
    retry_factor="(1 + r.retries)",
    result="sorted(problems)",
)
_SUM_DEFAULTS = dict(incoming_kind="True", own="max(call_costs) if c in routers else sum(call_costs)",
                     fallback="max(fallback_costs, default=0)", compare=">", given="min")


def _check_mutant(name, loses, why, budget=None, **changes):
    parts = {**_CHECK_DEFAULTS, **{k: v for k, v in changes.items() if k in _CHECK_DEFAULTS}}
    if budget is None:
        sum_parts = {**_SUM_DEFAULTS, **{k: v for k, v in changes.items() if k in _SUM_DEFAULTS}}
        budget = _SUM_RULE.format(**sum_parts)
    return Mutant(name, "ch2-table-check", _CHECK.format(budget_rule=budget, **parts), loses, why)

# The reference graph with one part changed.
_GRAPH = """
def build_support_graph(provider, *, checkpointer=None, router=None, timeout_s=MODEL_TIMEOUT_S):
    choose = {choose}
    def router_node(state):
        return {{"route": choose({text})}}
    g = StateGraph(SupportState)
    g.add_node("router", router_node{router_handler})
    for name, other in (("billing_agent", "tech_agent"), ("tech_agent", "billing_agent")):
        g.add_node(name, {agent}{agent_handler})
        g.add_edge(name, END)
    g.add_node("human_handoff", human_handoff)
    g.add_edge(START, "router")
    g.add_conditional_edges("router", lambda s: s["route"], ["billing_agent", "tech_agent", "human_handoff"])
    g.add_edge("human_handoff", END)
    return g.compile({compile_args})
"""
_GRAPH_DEFAULTS = dict(
    choose="router or route_ticket",
    text='next(m["content"] for m in reversed(state["messages"]) if m["role"] == "customer")',
    router_handler=", error_handler=hand_off_on_error",
    agent="with_timeout(make_agent(name, provider, INSTRUCTIONS[name]), timeout_s)",
    agent_handler=", error_handler=hand_off_on_error",
    compile_args="checkpointer=checkpointer",
)


def _graph_mutant(name, loses, why, **changes):
    return Mutant(name, "ch2-graph", _GRAPH.format(**{**_GRAPH_DEFAULTS, **changes}), loses, why)


# The reference failure-path finder with one part changed.
_GAPS = """
def components_without_failure_path(edges, safe="human_handoff"):
    safe_name = {safe}
    g = nx.DiGraph()
    g.add_edges_from((s, t) for s, t, k in edges{edge_filter})
    def ok(c):
        return any(s == c and k == "fallback" and (t == safe_name or (
            safe_name in g and t in g and nx.has_path(g, t, safe_name))) for s, t, k in edges)
    callers = {callers}
    return {result}
"""
_GAPS_DEFAULTS = dict(safe="safe", edge_filter="", callers='{s for s, _, k in edges if k == "call"} - {safe_name}',
                      result="sorted(c for c in callers if not ok(c))")


def _gaps_mutant(name, why, **changes):
    return Mutant(name, "ch2-no-failure-path", _GAPS.format(**{**_GAPS_DEFAULTS, **changes}), GAPS, why)


MUTANTS: list[Mutant] = [
    # --- task 1: route_ticket --------------------------------------------------------------
    Mutant("router-substring-match", "ch2-router", """
def route_ticket(text):
    t = text.lower()
    if any(w in t for w in HANDOFF_WORDS):
        return "human_handoff"
    b, k = sum(w in t for w in BILLING_WORDS), sum(w in t for w in TECH_WORDS)
    return "billing_agent" if b > k else "tech_agent" if k > b else "human_handoff"
""", ROUTER, "substring matching: 'planning' counts as 'plan'"),
    Mutant("router-tie-to-billing", "ch2-router", """
def route_ticket(text):
    words = re.findall(r"[a-z0-9]+", text.lower())
    if any(w in HANDOFF_WORDS for w in words):
        return "human_handoff"
    b, k = sum(w in BILLING_WORDS for w in words), sum(w in TECH_WORDS for w in words)
    if b == k == 0:
        return "human_handoff"
    return "billing_agent" if b >= k else "tech_agent"
""", ROUTER, "a tie with signal goes to billing instead of a person"),
    Mutant("router-unique-words", "ch2-router", """
def route_ticket(text):
    words = set(re.findall(r"[a-z0-9]+", text.lower()))
    if words & HANDOFF_WORDS:
        return "human_handoff"
    b, k = len(words & BILLING_WORDS), len(words & TECH_WORDS)
    return "billing_agent" if b > k else "tech_agent" if k > b else "human_handoff"
""", ROUTER, "counts distinct words, not occurrences"),
    Mutant("router-handoff-only-on-tie", "ch2-router", """
def route_ticket(text):
    words = re.findall(r"[a-z0-9]+", text.lower())
    b, k = sum(w in BILLING_WORDS for w in words), sum(w in TECH_WORDS for w in words)
    if b > k:
        return "billing_agent"
    if k > b:
        return "tech_agent"
    return "human_handoff"
""", ROUTER, "hand-off words do not win outright"),
    Mutant("router-whitespace-split", "ch2-router", """
def route_ticket(text):
    words = text.lower().split()
    if any(w in HANDOFF_WORDS for w in words):
        return "human_handoff"
    b, k = sum(w in BILLING_WORDS for w in words), sum(w in TECH_WORDS for w in words)
    return "billing_agent" if b > k else "tech_agent" if k > b else "human_handoff"
""", ROUTER, "splits on spaces: 'refund.' and 'invoice,refund' are missed"),
    Mutant("router-case-sensitive", "ch2-router", """
def route_ticket(text):
    words = re.findall(r"[a-z0-9]+", text)
    if any(w in HANDOFF_WORDS for w in words):
        return "human_handoff"
    b, k = sum(w in BILLING_WORDS for w in words), sum(w in TECH_WORDS for w in words)
    return "billing_agent" if b > k else "tech_agent" if k > b else "human_handoff"
""", ROUTER, "forgets to lower-case"),

    # --- task 2: provider_from_config ------------------------------------------------------------
    Mutant("config-options-ignored", "ch2-provider-config", """
def provider_from_config(config, registry=PROVIDERS):
    name = config.get("provider")
    if name not in registry:
        raise ValueError(f"unknown provider {name!r}; known: {sorted(registry)}")
    return registry[name]()
""", CONFIG, "options never reach the constructor"),
    Mutant("config-keyerror", "ch2-provider-config", """
def provider_from_config(config, registry=PROVIDERS):
    return registry[config["provider"]](**config.get("options", {}))
""", CONFIG, "a typo raises KeyError without the known names"),
    Mutant("config-default-registry-names", "ch2-provider-config", """
def provider_from_config(config, registry=PROVIDERS):
    name = config.get("provider")
    if name not in registry:
        raise ValueError(f"unknown provider {name!r}; known: {sorted(PROVIDERS)}")
    return registry[name](**config.get("options", {}))
""", CONFIG, "the error lists the default registry, not the one passed in"),
    Mutant("config-returns-class", "ch2-provider-config", """
def provider_from_config(config, registry=PROVIDERS):
    name = config.get("provider")
    if name not in registry:
        raise ValueError(f"unknown provider {name!r}; known: {sorted(registry)}")
    return registry[name]
""", CONFIG, "returns the class, not a provider"),
    Mutant("config-pops-options", "ch2-provider-config", """
def provider_from_config(config, registry=PROVIDERS):
    name = config.get("provider")
    if name not in registry:
        raise ValueError(f"unknown provider {name!r}; known: {sorted(registry)}")
    return registry[name](**config.pop("options", {}))
""", CONFIG, "modifies the deployment's configuration"),
    Mutant("config-cached-instance", "ch2-provider-config", """
_made = {}
def provider_from_config(config, registry=PROVIDERS):
    name = config.get("provider")
    if name not in registry:
        raise ValueError(f"unknown provider {name!r}; known: {sorted(registry)}")
    if name not in _made:
        _made[name] = registry[name](**config.get("options", {}))
    return _made[name]
""", CONFIG, "caches one instance per name: other options are silently ignored"),

    # --- task 3: make_agent --------------------------------------------------------------------
    Mutant("agent-last-message-only", "ch2-agent", """
def make_agent(name, provider, instructions):
    def agent(state):
        last = state["messages"][-1]
        completion = provider.complete(f"{last['role']}: {last['content']}", system=instructions, max_tokens=200)
        return {"messages": [{"role": name, "content": completion.text}], "route": "done"}
    return agent
""", AGENT, "the model never sees the history"),
    Mutant("agent-no-max-tokens", "ch2-agent", """
def make_agent(name, provider, instructions):
    def agent(state):
        prompt = "\\n".join(f"{m['role']}: {m['content']}" for m in state["messages"])
        completion = provider.complete(prompt, system=instructions)
        return {"messages": [{"role": name, "content": completion.text}], "route": "done"}
    return agent
""", AGENT, "no output cap"),
    Mutant("agent-instructions-in-prompt", "ch2-agent", """
def make_agent(name, provider, instructions):
    def agent(state):
        prompt = instructions + "\\n" + "\\n".join(f"{m['role']}: {m['content']}" for m in state["messages"])
        completion = provider.complete(prompt, max_tokens=200)
        return {"messages": [{"role": name, "content": completion.text}], "route": "done"}
    return agent
""", AGENT, "the instructions go into the prompt instead of system="),
    Mutant("agent-mutates-state", "ch2-agent", """
def make_agent(name, provider, instructions):
    def agent(state):
        prompt = "\\n".join(f"{m['role']}: {m['content']}" for m in state["messages"])
        completion = provider.complete(prompt, system=instructions, max_tokens=200)
        reply = {"role": name, "content": completion.text}
        state["messages"].append(reply)
        return {"messages": [reply], "route": "done"}
    return agent
""", AGENT, "appends to the state it was given"),
    Mutant("agent-role-assistant", "ch2-agent", """
def make_agent(name, provider, instructions):
    def agent(state):
        prompt = "\\n".join(f"{m['role']}: {m['content']}" for m in state["messages"])
        completion = provider.complete(prompt, system=instructions, max_tokens=200)
        return {"messages": [{"role": "assistant", "content": completion.text}], "route": "done"}
    return agent
""", AGENT, "the reply does not say which agent answered"),
    Mutant("agent-eager-health-check", "ch2-agent", """
def make_agent(name, provider, instructions):
    provider.complete("ping", system=instructions, max_tokens=1)
    def agent(state):
        prompt = "\\n".join(f"{m['role']}: {m['content']}" for m in state["messages"])
        completion = provider.complete(prompt, system=instructions, max_tokens=200)
        return {"messages": [{"role": name, "content": completion.text}], "route": "done"}
    return agent
""", AGENT, "calls (and pays for) the model when the graph is built"),
    Mutant("agent-blank-line-join", "ch2-agent", """
def make_agent(name, provider, instructions):
    def agent(state):
        prompt = "\\n\\n".join(f"{m['role']}: {m['content']}" for m in state["messages"])
        completion = provider.complete(prompt, system=instructions, max_tokens=200)
        return {"messages": [{"role": name, "content": completion.text}], "route": "done"}
    return agent
""", AGENT, "wrong prompt format"),
    Mutant("agent-completion-as-content", "ch2-agent", """
def make_agent(name, provider, instructions):
    def agent(state):
        prompt = "\\n".join(f"{m['role']}: {m['content']}" for m in state["messages"])
        completion = provider.complete(prompt, system=instructions, max_tokens=200)
        return {"messages": [{"role": name, "content": completion}], "route": "done"}
    return agent
""", AGENT, "stores the Completion object, not its text"),

    # --- task 4: hand_off_on_error -------------------------------------------------------------
    Mutant("handler-plain-dict", "ch2-guard", """
def hand_off_on_error(state, error: NodeError):
    return {"route": "human_handoff",
            "failures": [{"component": error.node, "error": type(error.error).__name__, "detail": str(error.error)}]}
""", HANDLER, "a dict updates the state but the run ends: nobody hands off"),
    Mutant("handler-no-goto", "ch2-guard", """
def hand_off_on_error(state, error: NodeError):
    return Command(update={"route": "human_handoff",
                           "failures": [{"component": error.node, "error": type(error.error).__name__, "detail": str(error.error)}]})
""", HANDLER, "a Command without goto"),
    Mutant("handler-component-from-route", "ch2-guard", """
def hand_off_on_error(state, error: NodeError):
    failure = {"component": state.get("route", "router"), "error": type(error.error).__name__, "detail": str(error.error)}
    return Command(update={"route": "human_handoff", "failures": [failure]}, goto="human_handoff")
""", HANDLER, "takes the failed component from the route, which is wrong when the router fails"),
    Mutant("handler-apology-message", "ch2-guard", """
def hand_off_on_error(state, error: NodeError):
    failure = {"component": error.node, "error": type(error.error).__name__, "detail": str(error.error)}
    return Command(update={"route": "human_handoff", "failures": [failure],
                           "messages": [{"role": error.node, "content": "Sorry, something went wrong."}]},
                   goto="human_handoff")
""", HANDLER, "adds a message to the conversation"),
    Mutant("handler-repr-error", "ch2-guard", """
def hand_off_on_error(state, error: NodeError):
    failure = {"component": error.node, "error": repr(error.error), "detail": str(error.error)}
    return Command(update={"route": "human_handoff", "failures": [failure]}, goto="human_handoff")
""", HANDLER, "records repr(exception) instead of its class name"),
    Mutant("handler-failure-not-list", "ch2-guard", """
def hand_off_on_error(state, error: NodeError):
    failure = {"component": error.node, "error": type(error.error).__name__, "detail": str(error.error)}
    return Command(update={"route": "human_handoff", "failures": failure}, goto="human_handoff")
""", HANDLER, "one record instead of a list of records"),
    Mutant("handler-no-route", "ch2-guard", """
def hand_off_on_error(state, error: NodeError):
    failure = {"component": error.node, "error": type(error.error).__name__, "detail": str(error.error)}
    return Command(update={"failures": [failure]}, goto="human_handoff")
""", HANDLER, "the state still names the failed agent as the route"),

    # --- task 5: build_support_graph --------------------------------------------------------------
    _graph_mutant("graph-router-unguarded", ROUTER_FAILURE,
                  "the architecture's router fallback exists only on paper (review E4)", router_handler=""),
    _graph_mutant("graph-no-timeout", AGENT_FAILURE, "a hung model holds the customer",
                  agent="make_agent(name, provider, INSTRUCTIONS[name])"),
    _graph_mutant("graph-timeout-hardcoded", AGENT_FAILURE, "ignores the timeout_s argument",
                  agent="with_timeout(make_agent(name, provider, INSTRUCTIONS[name]), 2.0)"),
    _graph_mutant("graph-agents-unguarded", AGENT_FAILURE, "an agent's exception reaches the customer",
                  agent_handler=""),
    _graph_mutant("graph-router-argument-ignored", ROUTER_FAILURE, "the router passed in is never used",
                  choose="route_ticket"),
    _graph_mutant("graph-router-none-unhandled", ROUTING, "router=None does not fall back to route_ticket",
                  choose="router"),
    _graph_mutant("graph-first-customer-message", ROUTING, "every turn of a thread is routed by its first message",
                  text='next(m["content"] for m in state["messages"] if m["role"] == "customer")'),
    _graph_mutant("graph-last-message-any-role", ROUTING, "routes by the last message whatever its role",
                  text='state["messages"][-1]["content"]'),
    _graph_mutant("graph-checkpointer-ignored", ROUTING, "conversations are not persisted", compile_args=""),
    _graph_mutant("graph-swapped-instructions", ROUTING, "each agent gets the other's instructions",
                  agent="with_timeout(make_agent(name, provider, INSTRUCTIONS[other]), timeout_s)"),

    # --- task 6: open_state_store, send_message, conversation -------------------------------------
    Mutant("store-in-memory", "ch2-persistence", """
def open_state_store(path):
    from langgraph.checkpoint.memory import InMemorySaver
    return InMemorySaver()
""", STORE, "every deployment loses every conversation"),
    Mutant("store-memory-database", "ch2-persistence", """
def open_state_store(path):
    return SqliteSaver(sqlite3.connect(":memory:", check_same_thread=False))
""", STORE, "SQLite, but in memory"),
    Mutant("store-fixed-file", "ch2-persistence", """
def open_state_store(path):
    return SqliteSaver(sqlite3.connect(os.path.join(tempfile.gettempdir(), "support_state.sqlite"), check_same_thread=False))
""", STORE, "ignores the path: every store shares one file"),
    Mutant("store-same-thread", "ch2-persistence", """
def open_state_store(path):
    return SqliteSaver(sqlite3.connect(path))
""", STORE, "a connection that only its creating thread may use"),
    Mutant("send-only-new-messages", "ch2-persistence", """
def send_message(graph, thread_id, text):
    config = {"configurable": {"thread_id": thread_id}}
    before = len(graph.get_state(config).values.get("messages", []))
    return list(graph.invoke({"messages": [{"role": "customer", "content": text}]}, config)["messages"][before:])
""", SEND, "returns this turn's messages, not the thread's history"),
    Mutant("send-returns-state", "ch2-persistence", """
def send_message(graph, thread_id, text):
    return graph.invoke({"messages": [{"role": "customer", "content": text}]}, {"configurable": {"thread_id": thread_id}})
""", SEND, "returns the whole state dict"),
    Mutant("send-fixed-thread", "ch2-persistence", """
def send_message(graph, thread_id, text):
    config = {"configurable": {"thread_id": "support"}}
    return list(graph.invoke({"messages": [{"role": "customer", "content": text}]}, config)["messages"])
""", SEND, "every customer shares one thread"),
    Mutant("send-tuple", "ch2-persistence", """
def send_message(graph, thread_id, text):
    config = {"configurable": {"thread_id": thread_id}}
    return tuple(graph.invoke({"messages": [{"role": "customer", "content": text}]}, config)["messages"])
""", SEND, "a tuple where a list is asked for"),
    Mutant("conversation-raises-unknown", "ch2-persistence", """
def conversation(graph, thread_id):
    return list(graph.get_state({"configurable": {"thread_id": thread_id}}).values["messages"])
""", CONVERSATION, "KeyError for a new thread"),
    Mutant("conversation-runs-graph", "ch2-persistence", """
def conversation(graph, thread_id):
    try:
        return list(graph.invoke({"messages": []}, {"configurable": {"thread_id": thread_id}})["messages"])
    except Exception:
        return []
""", CONVERSATION, "reading a conversation starts a turn"),
    Mutant("conversation-returns-values", "ch2-persistence", """
def conversation(graph, thread_id):
    return graph.get_state({"configurable": {"thread_id": thread_id}}).values
""", CONVERSATION, "returns the state dict"),
    Mutant("conversation-history-api-last-only", "ch2-persistence", """
def conversation(graph, thread_id):
    values = graph.get_state({"configurable": {"thread_id": thread_id}}).values
    return list(values.get("messages", []))[-2:]
""", CONVERSATION, "returns only the last exchange"),

    # --- task 7: interface_table ----------------------------------------------------------------
    _table_mutant("table-placeholders", """
    for col in ("input", "output", "on_failure"):
        t[col] = "TODO"
""", CONTENT, "a content-free table (the issue's example)"),
    _table_mutant("table-same-text-everywhere", """
    t["input"] = "the conversation"
    t["output"] = "the answer"
    t["on_failure"] = "hand off to human_handoff"
""", CONTENT, "one sensible phrase copied into every row"),
    _table_mutant("table-names-only", """
    t["input"] = [f"{s} to {d}" for s, d in zip(t["source"], t["target"])]
    t["output"] = [f"from {d}" for d in t["target"]]
""", CONTENT, "descriptions that only repeat the component names"),
    _table_mutant("table-router-failure-vague", """
    t.loc[t["source"] == "router", "on_failure"] = "hand off to a person"
""", CONTENT, "router edges do not name the fallback component"),
    _table_mutant("table-old-timeouts", """
    old = {("gateway", "router"): 25.0, ("router", "billing_agent"): 20.0, ("router", "tech_agent"): 20.0,
           ("router", "human_handoff"): 3.0, ("billing_agent", "llm_provider"): 8.0, ("tech_agent", "llm_provider"): 8.0,
           ("billing_agent", "human_handoff"): 3.0, ("tech_agent", "human_handoff"): 3.0}
    t["timeout_s"] = [old.get((s, d), v) for s, d, v in zip(t["source"], t["target"], t["timeout_s"])]
""", TIMEOUTS, "the 20 s / 8 s of the old reference: not what the graph uses (review E5)"),
    _table_mutant("table-timeout-argument-ignored", """
    t = _reference_table(edges, MODEL_TIMEOUT_S)
""", TIMEOUTS, "the table does not follow the graph's timeout_s"),
    _table_mutant("table-nested-not-summed", """
    t.loc[t["target"].isin(["billing_agent", "tech_agent"]), "timeout_s"] = timeout_s + 0.5
    t.loc[t["target"] == "router", "timeout_s"] = timeout_s + 1.0
""", TIMEOUTS, "each timeout larger than the inner ones, but the sum does not fit (review E6)"),
    _table_mutant("table-model-retry", """
    t.loc[t["target"] == "llm_provider", "retries"] = 1
""", TIMEOUTS, "documents a retry the graph does not make"),
    _table_mutant("table-timeouts-as-text", """
    t["timeout_s"] = [f"{v:g} s" for v in t["timeout_s"]]
""", TIMEOUTS, "'2 s' is not a number a reviewer or a diagram can use"),
    _table_mutant("table-edges-ignored", """
    t = _reference_table(ARCHITECTURE, timeout_s)
""", ROWS, "always the full architecture, whatever edges are passed"),
    _table_mutant("table-sorted-rows", """
    t = t.sort_values(["source", "target"]).reset_index(drop=True)
""", ROWS, "rows not in the order of the edges"),
    _table_mutant("table-kind-column", """
    t = t.assign(kind=[k for _, _, k in edges])
""", ROWS, "an extra column"),

    # --- task 8: check_interface_table ---------------------------------------------------------------
    _check_mutant("check-spaces-not-blank", CHECK, "only empty strings count as blank",
                  blank_rule="not isinstance(value, str) or value == ''"),
    _check_mutant("check-bool-timeout", CHECK, "True is accepted as a timeout",
                  timeout_rule="isinstance(v, numbers.Real) and math.isfinite(v) and v > 0"),
    _check_mutant("check-infinite-timeout", CHECK, "an infinite timeout is no timeout",
                  timeout_rule="isinstance(v, numbers.Real) and not isinstance(v, bool) and not math.isnan(v) and v > 0"),
    _check_mutant("check-float-retries", CHECK, "1.0 or True retries are accepted",
                  retries_rule="isinstance(n, numbers.Real) and n >= 0"),
    _check_mutant("check-no-duplicates", CHECK, "duplicate rows are not reported", duplicates="pass"),
    _check_mutant("check-unsorted", CHECK, "problems not sorted", result="list(problems)"),
    _check_mutant("check-tuple", CHECK, "a tuple where a list is asked for", result="tuple(sorted(problems))"),
    _check_mutant("budget-nesting-rule", BUDGET, "the old rule: larger than each inner timeout (review E6)",
                  budget=_NESTING_RULE),
    _check_mutant("budget-ignores-retries", BUDGET, "a retry does not count as a second wait",
                  retry_factor="1"),
    _check_mutant("budget-ignores-fallback", BUDGET, "the fallback's time is left out", fallback="0"),
    _check_mutant("budget-no-router-max", BUDGET, "the routers parameter is ignored",
                  own="sum(call_costs)"),
    _check_mutant("budget-router-by-name", BUDGET, "'router' hard-coded instead of the routers argument",
                  own="max(call_costs) if c == 'router' else sum(call_costs)"),
    _check_mutant("budget-equality-fails", BUDGET, "a worst case equal to the time given is reported",
                  compare=">="),
    _check_mutant("budget-largest-caller", BUDGET, "compares with the largest incoming timeout", given="max"),
    _check_mutant("budget-calls-only", BUDGET, "fallback edges are not counted as callers",
                  incoming_kind='kinds[e] == "call"'),

    # --- task 9: components_without_failure_path ----------------------------------------------------
    Mutant("gaps-any-fallback", "ch2-no-failure-path", """
def components_without_failure_path(edges, safe="human_handoff"):
    callers = {s for s, _, k in edges if k == "call"} - {safe}
    return sorted(callers - {s for s, _, k in edges if k == "fallback"})
""", GAPS, "a fallback to a dead end counts as a failure path"),
    Mutant("gaps-path-from-component", "ch2-no-failure-path", """
def components_without_failure_path(edges, safe="human_handoff"):
    g = nx.DiGraph()
    g.add_edges_from((s, t) for s, t, _ in edges)
    callers = {s for s, _, k in edges if k == "call"} - {safe}
    return sorted(c for c in callers if not (safe in g and nx.has_path(g, c, safe)))
""", GAPS, "any path from the component, through its calls, counts"),
    _gaps_mutant("gaps-fallback-edges-only", "follows only fallback edges after the first one",
                 edge_filter=' if k == "fallback"'),
    _gaps_mutant("gaps-safe-hardcoded", "ignores the safe argument", safe='"human_handoff"'),
    _gaps_mutant("gaps-includes-safe", "reports the safe component itself",
                 callers='{s for s, _, k in edges if k == "call"}'),
    _gaps_mutant("gaps-all-sources", "checks components that only have fallback edges",
                 callers="{s for s, _, _ in edges} - {safe}"),
    _gaps_mutant("gaps-set", "a set where a sorted list is asked for",
                 result="{c for c in callers if not ok(c)}"),
]
