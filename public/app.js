// The Good News front page: plain DOM over the JSON API, no framework, no build step.
// Every piece degrades on its own: a missing endpoint hides its section's data, not the page.
"use strict";

const $ = (selector, root = document) => root.querySelector(selector);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

function setStatus(section, text) {
  const status = $(`.status[data-for="${section}"]`);
  status.textContent = text;
  status.hidden = !text;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
const numberFormat = new Intl.NumberFormat();
const formatDate = (iso) => (iso ? dateFormat.format(new Date(iso)) : "");

// Snippets are HTML whose only markup is <mark>; rebuild them from text and <mark> nodes anyway,
// so nothing else could ever reach the page.
function snippetNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const fragment = document.createDocumentFragment();
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") fragment.append(el("mark", { text: node.textContent }));
    else fragment.append(document.createTextNode(node.textContent));
  }
  return fragment;
}

async function loadNews() {
  try {
    const page = await getJSON("/v1/posts?limit=10");
    const list = $("#news .posts");
    list.replaceChildren(...page.data.map((post) =>
      el("li", { id: `post-${post.slug}` },
        el("h3", { text: post.title }),
        el("p", { class: "meta" }, formatDate(post.published_at),
          el("span", { class: "tags" }, ...(post.tags || []).map((tag) => el("span", { class: "tag", text: tag })))),
        post.summary ? el("p", { text: post.summary }) : null)));
    setStatus("news", page.data.length ? "" : "No news yet.");
  } catch {
    setStatus("news", "The news could not be loaded.");
  }
}

const counters = new Map();

function caseItem(item) {
  const total = item.tally ? item.tally.total : 0;
  const counter = el("span", { class: "counter", text: numberFormat.format(total) });
  const progress = item.action_goal ? el("progress", { max: String(item.action_goal), value: String(Math.min(total, item.action_goal)) }) : null;
  counters.set(item.slug, { counter, progress });
  return el("li", { id: `case-${item.slug}` },
    el("h3", { text: item.name }),
    el("p", { class: "meta" }, `${item.country} · `, el("span", { class: "badge", text: item.status })),
    item.outcome ? el("p", { text: item.outcome }) : null,
    el("p", {}, counter, el("span", { class: "meta", text: item.action_goal ? ` actions of ${numberFormat.format(item.action_goal)}` : " actions" })),
    progress);
}

async function loadCases() {
  try {
    const page = await getJSON("/v1/cases?limit=12");
    $("#cases .cases").replaceChildren(...page.data.map(caseItem));
    setStatus("cases", page.data.length ? "" : "No cases yet.");
    if (page.data.length) followTallies();
  } catch {
    setStatus("cases", "The cases could not be loaded.");
  }
}

// Live counters from Server-Sent Events; if the stream is not there (404) or drops for good,
// the counters simply stay as loaded.
function followTallies() {
  if (!("EventSource" in window)) return;
  const source = new EventSource("/v1/stream/tallies");
  let opened = false;
  source.addEventListener("open", () => { opened = true; $(".live").hidden = false; });
  source.addEventListener("tally", (event) => {
    let update;
    try { update = JSON.parse(event.data); } catch { return; }
    const entry = counters.get(update.case);
    if (!entry) return;
    entry.counter.textContent = numberFormat.format(update.total);
    entry.counter.classList.remove("bumped");
    void entry.counter.offsetWidth; // restart the animation
    entry.counter.classList.add("bumped");
    if (entry.progress) entry.progress.value = Math.min(update.total, Number(entry.progress.max));
  });
  source.addEventListener("error", () => {
    if (!opened || source.readyState === EventSource.CLOSED) {
      source.close();
      $(".live").hidden = true;
    }
  });
}

async function search(query) {
  const section = $("#results");
  const list = $(".results", section);
  section.hidden = false;
  list.replaceChildren(el("li", { class: "status", text: "Searching…" }));
  try {
    const result = await getJSON(`/v1/search?q=${encodeURIComponent(query)}&limit=20`);
    if (!result.data.length) {
      list.replaceChildren(el("li", { class: "status", text: `Nothing found for “${query}”.` }));
      return;
    }
    list.replaceChildren(...result.data.map((hit) =>
      el("li", {},
        el("h3", { text: hit.title }),
        el("p", { class: "meta", text: hit.type === "post" ? `News · ${formatDate(hit.published_at)}` : "Case" }),
        el("p", {}, snippetNodes(hit.snippet)))));
  } catch {
    list.replaceChildren(el("li", { class: "status", text: "Search is unavailable right now." }));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("#search").addEventListener("submit", (event) => {
    event.preventDefault();
    const query = $("#search-q").value.trim();
    if (query) search(query);
  });
  $("#clear-search").addEventListener("click", () => {
    $("#results").hidden = true;
    $("#search-q").value = "";
  });
  loadNews();
  loadCases();
});
