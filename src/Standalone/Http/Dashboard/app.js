// SagaBridge dashboard: reads the transaction API every 2 s and draws what it answers.
// Plain browser JavaScript on purpose: the host serves this file as it is, with no build step.
"use strict";

const refreshMs = 2000;
const operatorStates = ["CompensationFailed", "AwaitingOperator"];
const graphs = new Map();
let selectedId = new URLSearchParams(location.search).get("id");
let key = sessionStorage.getItem("sagabridge-key") || "";

const $ = (id) => document.getElementById(id);

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function call(method, path, body) {
  const headers = { "Accept": "application/json" };
  if (key) {
    headers["x-api-key"] = key;
  }
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  const response = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (response.status === 401) {
    $("key-form").hidden = false;
  }
  return { status: response.status, body: json };
}

function problemText(problem) {
  if (!problem) return "no answer";
  const lines = (problem.errors || []).map((e) => `${e.path}: ${e.message}`);
  return lines.length ? lines.join("\n") : (problem.detail || problem.title || "failed");
}

function say(text) {
  const box = $("message");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(say.timer);
  say.timer = setTimeout(() => { box.hidden = true; }, 6000);
}

function time(value) {
  if (!value) return "";
  const date = new Date(value);
  return isNaN(date) ? "" : date.toLocaleString();
}

function duration(start, end) {
  if (!start) return "";
  const ms = (end ? new Date(end) : new Date()) - new Date(start);
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

function state(name) {
  return el("span", { class: `state ${name}` }, name);
}

// Only http(s) links: a remote id or console URL comes from a cloud's answer.
function link(url, text) {
  return /^https?:\/\//i.test(url || "")
    ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, text)
    : null;
}

function renderList(page) {
  const rows = page.items.map((t) => {
    const row = el("tr", { "data-id": t.id, class: t.id === selectedId ? "selected" : null },
      el("td", null, el("code", null, t.id)),
      el("td", null, t.definition),
      el("td", null, state(t.state)),
      el("td", null, time(t.createdAt)),
      el("td", null, time(t.updatedAt)));
    row.addEventListener("click", () => select(t.id));
    return row;
  });
  $("transactions").tBodies[0].replaceChildren(...rows);
  $("empty").hidden = rows.length > 0;
}

function stepCard(transaction, node, report) {
  const s = report || { id: node.id, kind: node.kind, state: "Pending", attempts: 0 };
  const details = el("dl", null,
    el("dt", null, "kind"), el("dd", null, s.kind),
    node && node.dependsOn.length ? [el("dt", null, "after"), el("dd", null,
      node.dependsOn.join(", "))] : null,
    el("dt", null, "attempts"), el("dd", null, s.attempts ?? 0),
    s.startedAt ? [el("dt", null, "started"), el("dd", null, time(s.startedAt))] : null,
    s.startedAt ? [el("dt", null, "took"), el("dd", null, duration(s.startedAt, s.endedAt))]
      : null,
    s.remoteState ? [el("dt", null, "remote"), el("dd", null, s.remoteState)] : null,
    s.remoteId ? [el("dt", null, "job"), el("dd", null,
      link(s.consoleUrl, s.remoteId.split("/").slice(-1)[0]) || s.remoteId)] : null);
  const actions = [];
  if (!transaction.finished && operatorStates.includes(s.state)) {
    for (const action of ["retry", "skip"]) {
      const button = el("button", { type: "button", "data-action": action }, action);
      button.addEventListener("click", () => decide(transaction.id, s.id, action));
      actions.push(button);
    }
  }
  return el("div", { class: "step", "data-step": s.id },
    el("div", null, el("span", { class: "name" }, s.id), " ",
      node && node.pivot ? el("span", { class: "muted" }, "(pivot) ") : null, state(s.state)),
    details,
    s.lastError ? el("div", { class: "error" }, s.lastError) : null,
    actions.length ? el("div", null, actions) : null);
}

function renderGraph(transaction, graph) {
  const reports = new Map(transaction.steps.map((s) => [s.id, s]));
  const nodes = graph ? graph.steps : transaction.steps.map((s, i) =>
    ({ id: s.id, kind: s.kind, dependsOn: [], stage: i, pivot: false }));
  const stages = [];
  for (const node of nodes) {
    (stages[node.stage] = stages[node.stage] || []).push(node);
  }
  const columns = [];
  stages.filter(Boolean).forEach((stage, index) => {
    if (index > 0) columns.push(el("div", { class: "arrow", "aria-hidden": "true" }, "→"));
    columns.push(el("div", { class: "stage" },
      stage.map((node) => stepCard(transaction, node, reports.get(node.id)))));
  });
  $("graph").replaceChildren(...columns);
}

function renderCompensation(transaction) {
  const undone = transaction.steps
    .filter((s) => s.compensation)
    .sort((a, b) => (a.compensation.order ?? 1e9) - (b.compensation.order ?? 1e9));
  const items = undone.map((s) => {
    const c = s.compensation;
    return el("li", null,
      el("strong", null, s.id), " ", state(s.state),
      ` ${c.attempts} attempt(s)`,
      c.startedAt ? ` · ${duration(c.startedAt, c.endedAt)}` : "",
      c.remoteId ? [" · ", link(c.consoleUrl, c.remoteId.split("/").slice(-1)[0])
        || c.remoteId] : null,
      c.lastError ? el("div", { class: "error" }, c.lastError) : null);
  });
  $("compensation").replaceChildren(...items);
  $("no-compensation").hidden = items.length > 0;
}

function renderDetail(transaction, graph) {
  $("detail-pane").hidden = false;
  $("detail-title").replaceChildren(`${transaction.definition} `,
    el("code", null, transaction.id), " ", state(transaction.state));
  $("detail-summary").textContent = [
    `started ${time(transaction.createdAt)} by ${transaction.startedBy}`,
    `updated ${time(transaction.updatedAt)}`,
    transaction.reason ? `reason: ${transaction.reason}` : null,
  ].filter(Boolean).join(" · ");
  $("cancel").hidden = transaction.finished;
  renderGraph(transaction, graph);
  renderCompensation(transaction);
}

async function graphOf(id) {
  if (!graphs.has(id)) {
    const answer = await call("GET", `dashboard/data/transactions/${encodeURIComponent(id)}/graph`);
    if (answer.status !== 200) return null;
    graphs.set(id, answer.body);
  }
  return graphs.get(id);
}

async function refresh() {
  try {
    const list = await call("GET", "api/transactions?top=100");
    if (list.status !== 200) {
      $("status").textContent = problemText(list.body);
      return;
    }
    renderList(list.body);
    if (selectedId) {
      const detail = await call("GET", `api/transactions/${encodeURIComponent(selectedId)}`);
      if (detail.status === 200 || detail.status === 202) {
        renderDetail(detail.body, await graphOf(selectedId));
      } else {
        $("detail-pane").hidden = true;
      }
    }
    $("status").textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (failure) {
    $("status").textContent = `cannot reach the API: ${failure.message}`;
  }
}

function select(id) {
  selectedId = id;
  history.replaceState(null, "", `?id=${encodeURIComponent(id)}`);
  refresh();
}

async function act(method, path, body, done) {
  const answer = await call(method, path, body);
  say(answer.status < 300 ? done : problemText(answer.body));
  refresh();
}

function decide(id, stepId, action) {
  act("POST", `api/transactions/${encodeURIComponent(id)}/steps/`
    + `${encodeURIComponent(stepId)}/${action}`, undefined, `${action} of ${stepId} requested`);
}

$("cancel").addEventListener("click", () => {
  if (selectedId && confirm(`Cancel transaction ${selectedId}? Completed steps are undone.`)) {
    act("POST", `api/transactions/${encodeURIComponent(selectedId)}/cancel`,
      { reason: "cancelled from the dashboard" }, "cancel requested");
  }
});

$("key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  key = $("key").value;
  sessionStorage.setItem("sagabridge-key", key);
  $("key-form").hidden = true;
  refresh();
});

refresh();
setInterval(refresh, refreshMs);
