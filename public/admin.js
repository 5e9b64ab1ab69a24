// The editor's console: plain DOM over the JSON API with the editor's token as Bearer. The token lives in
// this tab's sessionStorage only. Every API refusal is shown with its detail, and each field's message
// next to its field.
const $ = (selector, root = document) => root.querySelector(selector);
const TOKEN_KEY = "goodnews-admin-token";
const numbers = new Intl.NumberFormat("en");
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

async function api(path, { method = "GET", body, headers = {} } = {}) {
  const init = { method, headers: { Accept: "application/json", ...headers } };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 204) return null;
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, data, response.headers.get("Retry-After"));
  return data;
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((child) => child != null));
  return node;
}

const list = (text) => text.split(",").map((part) => part.trim()).filter(Boolean);
const localInput = (iso) => {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

// --- errors next to their fields ----------------------------------------------------------------------

function clearErrors(form) {
  for (const node of form.querySelectorAll(".field-error")) node.textContent = "";
  for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
}

/** Shows `error` in `message` and each field's message beside its field ("cases[1]" belongs to "cases"). */
function showError(form, message, error) {
  if (!(error instanceof ApiError)) {
    message.textContent = `The server could not be reached: ${error.message}`;
    return;
  }
  if (error.status === 401) {
    message.textContent = `Your token was not accepted (${error.message}). Sign in again.`;
  } else if (error.status === 429) {
    message.textContent = `Too many requests: try again in ${error.retryAfter || 60} seconds.`;
  } else {
    message.textContent = error.message;
  }
  for (const issue of error.problem.errors || []) {
    const field = issue.field.replace(/\[\d+\]$/, "");
    const slot = form.querySelector(`.field-error[data-field="${CSS.escape(field)}"]`);
    const input = form.querySelector(`[data-field="${CSS.escape(field)}"]:not(.field-error)`);
    if (slot) slot.textContent = `${issue.field}: ${issue.message}`;
    else message.textContent += ` (${issue.field}: ${issue.message})`;
    if (input) input.setAttribute("aria-invalid", "true");
  }
}

// Each input points at its error slot, so a screen reader reads the message with the field.
for (const slot of document.querySelectorAll(".field-error[id]")) {
  const input = slot.parentElement.querySelector(`[data-field="${CSS.escape(slot.dataset.field)}"]:not(.field-error)`);
  if (input) input.setAttribute("aria-describedby", slot.id);
}

// --- signing in ----------------------------------------------------------------------------------------

const signIn = $("#sign-in");
const consoleView = $("#console");
const signOut = $("#sign-out");

async function verify() {
  await api("/v1/posts?status=all&limit=1");
}

function showConsole(signedIn) {
  signIn.hidden = signedIn;
  consoleView.hidden = !signedIn;
  signOut.hidden = !signedIn;
  if (signedIn) {
    loadPosts();
    loadCases();
  }
}

$("#sign-in-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const error = $("#sign-in-error");
  error.hidden = true;
  sessionStorage.setItem(TOKEN_KEY, $("#token").value.trim());
  try {
    await verify();
    $("#token").value = "";
    showConsole(true);
    $("#tab-posts").focus();
  } catch (failure) {
    sessionStorage.removeItem(TOKEN_KEY);
    error.textContent = failure instanceof ApiError
      ? `That token was not accepted: ${failure.message}`
      : `The server could not be reached: ${failure.message}`;
    error.hidden = false;
    $("#token").focus();
  }
});

signOut.addEventListener("click", () => {
  sessionStorage.removeItem(TOKEN_KEY);
  showConsole(false);
  $("#token").focus();
});

// --- tabs ----------------------------------------------------------------------------------------------

const tabs = [...document.querySelectorAll('[role="tab"]')];
function selectTab(tab) {
  for (const other of tabs) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
    document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
  }
  tab.focus();
}
for (const [index, tab] of tabs.entries()) {
  tab.addEventListener("click", () => selectTab(tab));
  tab.addEventListener("keydown", (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (step) selectTab(tabs[(index + step + tabs.length) % tabs.length]);
  });
}

// --- Markdown preview ----------------------------------------------------------------------------------

function livePreview(source, target) {
  let timer;
  let sequence = 0;
  const render = async () => {
    const mine = ++sequence;
    try {
      const { html } = await api("/v1/preview", { method: "POST", body: { markdown: source.value } });
      if (mine === sequence) target.innerHTML = html; // the server's renderer: raw HTML is text, links are checked
    } catch (error) {
      if (mine === sequence) target.textContent = `Preview unavailable: ${error.message}`;
    }
  };
  source.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(render, 300); });
  return render;
}

// --- posts ---------------------------------------------------------------------------------------------

const postForm = $("#post-form");
const postMessage = $("#post-message");
let editingPost = null;
let postCursor = null;
const renderPostPreview = livePreview($("#post-body"), $("#post-preview"));

function postState(post) {
  if (post.status === "draft") return "Draft";
  const when = post.published_at ? dateTimeFormat.format(new Date(post.published_at)) : "";
  return new Date(post.published_at) > new Date() ? `Scheduled for ${when}` : `Published ${when}`;
}

async function loadPosts(more = false) {
  const filter = $("#post-filter-status").value;
  const params = new URLSearchParams({ status: filter === "scheduled" ? "published" : filter, limit: "20" });
  const q = $("#post-search").value.trim();
  if (q) params.set("q", q);
  if (more && postCursor) params.set("cursor", postCursor);
  const listNode = $("#post-list");
  if (!more) listNode.replaceChildren();
  try {
    const page = await api(`/v1/posts?${params}`);
    const now = new Date();
    for (const post of page.data) {
      const future = post.published_at && new Date(post.published_at) > now;
      if (filter === "scheduled" && !future) continue;
      if (filter === "published" && future) continue;
      const open = el("button", { type: "button" }, post.title, el("span", { class: "state", text: postState(post) }));
      open.addEventListener("click", () => editPost(post.id));
      listNode.append(el("li", { class: "post-row", "data-slug": post.slug }, open));
    }
    postCursor = page.next_cursor;
    $("#post-more").hidden = !postCursor;
  } catch (error) {
    listNode.append(el("li", { text: `Posts could not be loaded: ${error.message}` }));
  }
}

function fillPost(post) {
  editingPost = post;
  $("#post-form-heading").textContent = post ? `Edit “${post.title}”` : "New post";
  $("#post-title").value = post?.title ?? "";
  $("#post-slug").value = post?.slug ?? "";
  $("#post-summary").value = post?.summary ?? "";
  $("#post-body").value = post?.body ?? "";
  $("#post-tags").value = (post?.tags ?? []).join(", ");
  $("#post-cases").value = (post?.cases ?? []).join(", ");
  $("#post-image-url").value = post?.image?.url ?? "";
  $("#post-image-caption").value = post?.image?.caption ?? "";
  $("#post-published-at").value = localInput(post?.published_at);
  $("#delete-post").hidden = !post;
  postMessage.textContent = "";
  clearErrors(postForm);
  postForm.hidden = false;
  renderPostPreview();
  $("#post-title").focus();
}

async function editPost(id) {
  try {
    fillPost(await api(`/v1/posts/${id}`));
  } catch (error) {
    showError(postForm, postMessage, error);
  }
}

async function savePost(status) {
  clearErrors(postForm);
  const body = {
    title: $("#post-title").value,
    summary: $("#post-summary").value,
    body: $("#post-body").value,
    status,
    tags: list($("#post-tags").value),
    cases: list($("#post-cases").value),
    image: $("#post-image-url").value.trim()
      ? { url: $("#post-image-url").value.trim(), caption: $("#post-image-caption").value.trim() || null }
      : null,
  };
  const slug = $("#post-slug").value.trim();
  if (slug) body.slug = slug;
  const at = $("#post-published-at").value;
  if (at) body.published_at = new Date(at).toISOString();
  else if (editingPost && status === "draft") body.published_at = null;
  for (const button of postForm.querySelectorAll("button")) button.disabled = true;
  try {
    const post = editingPost
      ? await api(`/v1/posts/${editingPost.id}`, { method: "PATCH", body })
      : await api("/v1/posts", { method: "POST", body });
    fillPost(post);
    const verb = post.status === "draft" ? "Saved draft" : new Date(post.published_at) > new Date() ? "Scheduled" : "Published";
    postMessage.replaceChildren(`${verb} “${post.title}”. `,
      post.status === "published" ? el("a", { href: `/posts/${post.slug}`, text: "See it on the site" }) : "");
    loadPosts();
  } catch (error) {
    showError(postForm, postMessage, error);
  } finally {
    for (const button of postForm.querySelectorAll("button")) button.disabled = false;
  }
}

$("#new-post").addEventListener("click", () => fillPost(null));
$("#save-draft").addEventListener("click", () => savePost("draft"));
$("#publish").addEventListener("click", () => savePost("published"));
$("#delete-post").addEventListener("click", async () => {
  if (!editingPost || !confirm(`Delete “${editingPost.title}”? This cannot be undone.`)) return;
  try {
    await api(`/v1/posts/${editingPost.id}`, { method: "DELETE" });
    postForm.hidden = true;
    editingPost = null;
    loadPosts();
  } catch (error) {
    showError(postForm, postMessage, error);
  }
});
$("#post-filter-status").addEventListener("change", () => loadPosts());
let searchTimer;
$("#post-search").addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(() => loadPosts(), 300); });
$("#post-more").addEventListener("click", () => loadPosts(true));

// --- cases ---------------------------------------------------------------------------------------------

const caseForm = $("#case-form");
const caseMessage = $("#case-message");
let editingCase = null;
const renderCasePreview = livePreview($("#case-description"), $("#case-preview"));

async function loadCases() {
  const listNode = $("#case-list");
  listNode.replaceChildren();
  try {
    const cases = [];
    let cursor = null;
    do {
      const page = await api(`/v1/cases?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      cases.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    for (const item of cases) {
      const open = el("button", { type: "button" }, item.name,
        el("span", { class: "state", text: `${item.status} · ${numbers.format(item.tally.total)} actions` }));
      open.addEventListener("click", () => editCase(item.slug));
      listNode.append(el("li", { class: "case-row", "data-slug": item.slug }, open));
    }
    for (const select of [$("#action-case"), $("#tally-case")]) {
      const keep = select.id === "tally-case" ? [select.options[0]] : [];
      select.replaceChildren(...keep, ...cases.map((item) => el("option", { value: item.slug, text: `${item.name} (${item.status})` })));
    }
  } catch (error) {
    listNode.append(el("li", { text: `Cases could not be loaded: ${error.message}` }));
  }
}

function showOutcome() {
  $("#case-outcome-field").hidden = $("#case-status").value === "active";
}

function fillCase(item) {
  editingCase = item;
  $("#case-form-heading").textContent = item ? `Edit “${item.name}”` : "New case";
  for (const [id, key] of [["name", "name"], ["slug", "slug"], ["country", "country"], ["summary", "summary"],
    ["description", "description"], ["campaign", "campaign"], ["outcome", "outcome"]]) {
    $(`#case-${id}`).value = item?.[key] ?? "";
  }
  $("#case-tags").value = (item?.tags ?? []).join(", ");
  $("#case-goal").value = item?.action_goal ?? "";
  $("#case-status").value = item?.status ?? "active";
  $("#delete-case").hidden = !item;
  caseMessage.textContent = "";
  clearErrors(caseForm);
  showOutcome();
  caseForm.hidden = false;
  renderCasePreview();
  $("#case-name").focus();
}

async function editCase(slug) {
  try {
    fillCase(await api(`/v1/cases/${encodeURIComponent(slug)}`));
  } catch (error) {
    showError(caseForm, caseMessage, error);
  }
}

$("#case-status").addEventListener("change", showOutcome);
$("#new-case").addEventListener("click", () => fillCase(null));
$("#save-case").addEventListener("click", async () => {
  clearErrors(caseForm);
  const status = $("#case-status").value;
  const body = {
    name: $("#case-name").value, country: $("#case-country").value.trim().toUpperCase(),
    summary: $("#case-summary").value, description: $("#case-description").value,
    campaign: $("#case-campaign").value.trim() || null, tags: list($("#case-tags").value),
    action_goal: $("#case-goal").value ? Number($("#case-goal").value) : null, status,
    outcome: status === "active" ? null : $("#case-outcome").value.trim() || null,
  };
  const slug = $("#case-slug").value.trim();
  if (slug) body.slug = slug;
  try {
    const item = editingCase
      ? await api(`/v1/cases/${encodeURIComponent(editingCase.slug)}`, { method: "PATCH", body })
      : await api("/v1/cases", { method: "POST", body });
    fillCase(item);
    caseMessage.textContent = `Saved “${item.name}” (${item.status}).`;
    loadCases();
  } catch (error) {
    showError(caseForm, caseMessage, error);
  }
});
$("#delete-case").addEventListener("click", async () => {
  if (!editingCase || !confirm(`Delete “${editingCase.name}”?`)) return;
  try {
    await api(`/v1/cases/${encodeURIComponent(editingCase.slug)}`, { method: "DELETE" });
    caseForm.hidden = true;
    loadCases();
  } catch (error) {
    // 409: a case with recorded actions is kept; the detail says to close it instead.
    showError(caseForm, caseMessage, error);
  }
});

// --- offline actions -----------------------------------------------------------------------------------

const actionForm = $("#action-form");
let pendingAction = null; // { signature, key }: the same form sent again reuses its Idempotency-Key

actionForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(actionForm);
  const message = $("#action-message");
  const slug = $("#action-case").value;
  const body = { kind: $("#action-kind").value, count: Number($("#action-count").value) };
  const country = $("#action-country").value.trim().toUpperCase();
  const source = $("#action-source").value.trim();
  if (country) body.country = country;
  if (source) body.source = source;
  const signature = JSON.stringify([slug, body]);
  if (pendingAction?.signature !== signature) pendingAction = { signature, key: crypto.randomUUID() };
  const button = $("#record-action");
  button.disabled = true;
  message.textContent = "Recording…";
  try {
    const answer = await api(`/v1/cases/${encodeURIComponent(slug)}/actions`, {
      method: "POST", body, headers: { "Idempotency-Key": pendingAction.key },
    });
    pendingAction = null;
    message.textContent = `Recorded ${numbers.format(answer.action.count)} ${answer.action.kind} actions. `
      + `The case now has ${numbers.format(answer.tally.total)} in all.`;
    loadCases();
  } catch (error) {
    showError(actionForm, message, error);
  } finally {
    button.disabled = false;
  }
});

// --- tallies -------------------------------------------------------------------------------------------

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  node.append(...children);
  return node;
}

/** Bars, one per day from the first day with actions to the last; each has a tooltip. */
function drawChart(groups, label) {
  const chart = $("#tally-chart");
  let first = groups.findIndex((g) => g.total > 0);
  let last = groups.findLastIndex((g) => g.total > 0);
  if (first < 0) {
    chart.replaceChildren(el("p", { text: "No actions in this range." }));
    return;
  }
  const days = groups.slice(first, last + 1);
  const width = 720, height = 240, left = 56, bottom = 28, top = 10;
  const max = Math.max(...days.map((d) => d.total));
  const step = (width - left) / days.length;
  const barWidth = Math.max(1, Math.min(step * 0.8, 48));
  const title = svg("title", {}, `Actions per day for ${label}`);
  const desc = svg("desc", {}, `${days.length} days from ${days[0].key} to ${days[days.length - 1].key}; at most ${numbers.format(max)} in a day.`);
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "chart-title chart-desc" });
  title.id = "chart-title";
  desc.id = "chart-desc";
  root.append(title, desc);
  const plot = height - bottom - top;
  root.append(svg("line", { x1: left, y1: top + plot, x2: width, y2: top + plot, stroke: "#1b1b1b" }));
  root.append(svg("text", { x: left - 6, y: top + 10, "text-anchor": "end", "font-size": 12, fill: "#1b1b1b" }, numbers.format(max)));
  root.append(svg("text", { x: left - 6, y: top + plot, "text-anchor": "end", "font-size": 12, fill: "#1b1b1b" }, "0"));
  for (const [index, day] of days.entries()) {
    const h = max ? (day.total / max) * plot : 0;
    const bar = svg("rect", { x: left + index * step + (step - barWidth) / 2, y: top + plot - h, width: barWidth, height: h, fill: "#1a4f8b" },
      svg("title", {}, `${day.key}: ${numbers.format(day.total)}`));
    root.append(bar);
  }
  root.append(svg("text", { x: left, y: height - 8, "font-size": 12, fill: "#1b1b1b" }, days[0].key));
  root.append(svg("text", { x: width, y: height - 8, "text-anchor": "end", "font-size": 12, fill: "#1b1b1b" }, days[days.length - 1].key));
  chart.replaceChildren(root);
}

function fillTable(table, groups) {
  table.tBodies[0].replaceChildren(...groups.map((g) =>
    el("tr", {}, el("th", { scope: "row", text: g.key }), el("td", { text: numbers.format(g.total) }))));
}

$("#tally-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const message = $("#tally-message");
  const params = new URLSearchParams();
  const slug = $("#tally-case").value;
  const campaign = $("#tally-campaign").value.trim();
  if (slug) params.set("case", slug);
  else if (campaign) params.set("campaign", campaign);
  const label = slug ? $("#tally-case").selectedOptions[0].textContent : campaign || "the whole site";
  try {
    const [days, kinds, countries] = await Promise.all(["day", "kind", "country"].map((group) =>
      api(`/v1/tallies?group_by=${group}&${params}`)));
    message.textContent = `${numbers.format(days.total)} actions for ${label}.`;
    drawChart(days.groups, label);
    fillTable($("#tally-by-kind"), kinds.groups);
    fillTable($("#tally-by-country"), countries.groups);
  } catch (error) {
    message.textContent = error.message;
  }
});

// A token from earlier in this tab: check it is still good.
if (sessionStorage.getItem(TOKEN_KEY)) {
  verify().then(() => showConsole(true), () => { sessionStorage.removeItem(TOKEN_KEY); showConsole(false); });
}
