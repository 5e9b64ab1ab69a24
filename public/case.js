// The case page, enhanced: the tally follows /v1/stream/tallies live, and "Take action" records one
// public action. Without JavaScript the page shows the tally as it was when served, and no button.
const tally = document.getElementById("tally");
const slug = tally?.dataset.case;
const totalNode = document.getElementById("tally-total");
const button = document.getElementById("take-action");
const status = document.getElementById("action-status");
const numbers = new Intl.NumberFormat("en");
let lastKinds = {};

function showTotal(total) {
  if (!totalNode || Number(totalNode.dataset.total) === total) return;
  totalNode.dataset.total = String(total);
  totalNode.textContent = numbers.format(total);
  const noun = document.getElementById("tally-noun");
  if (noun) noun.textContent = total === 1 ? "action" : "actions";
  totalNode.classList.remove("bumped");
  void totalNode.offsetWidth; // restarts the animation
  totalNode.classList.add("bumped");
  const progress = document.getElementById("tally-progress");
  if (progress) {
    const goal = Number(progress.max);
    progress.value = Math.min(total, goal);
    const percent = document.getElementById("tally-percent");
    if (percent) percent.textContent = `${Math.min(100, Math.floor((total * 100) / goal))}%`;
  }
  for (const [key, value] of Object.entries(lastKinds)) {
    const cell = document.querySelector(`#tally-by-kind td[data-key="${CSS.escape(key)}"]`);
    if (cell) cell.textContent = numbers.format(value);
  }
}

function say(text, kind) {
  status.textContent = text;
  status.className = kind || "";
}

// Live counter: the server sends the case's tally whenever its total changes (and catches up after a
// reconnect, which EventSource does by itself).
if (slug && "EventSource" in window) {
  const stream = new EventSource(`/v1/stream/tallies?case=${encodeURIComponent(slug)}`);
  stream.addEventListener("tally", (event) => {
    try {
      const data = JSON.parse(event.data);
      if (data.case !== slug) return;
      lastKinds = data.by_kind || {};
      showTotal(data.total);
    } catch { /* a malformed event is ignored; the next one corrects the counter */ }
  });
  // data-live says whether the counter is live (styles and tests read it).
  stream.addEventListener("open", () => { tally.dataset.live = "open"; });
  stream.addEventListener("error", () => { tally.dataset.live = "reconnecting"; });
  window.addEventListener("pagehide", () => stream.close());
}

// One click, one action: the Idempotency-Key is made per click and reused when the request is retried
// after a network failure, so a retry never counts twice.
async function takeAction() {
  const key = crypto.randomUUID();
  button.disabled = true;
  say("Sending…");
  for (let attempt = 1; ; attempt += 1) {
    try {
      const response = await fetch(`/v1/cases/${encodeURIComponent(slug)}/actions`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", "Idempotency-Key": key },
        body: JSON.stringify({ kind: "petition", count: 1, source: "website" }),
      });
      const body = await response.json().catch(() => ({}));
      if (response.status === 201) {
        lastKinds = body.tally?.by_kind || lastKinds;
        showTotal(body.tally.total);
        say(`Thank you. Your action is counted: ${numbers.format(body.tally.total)} in all.`, "thanks");
      } else if (response.status === 429) {
        const wait = Number(response.headers.get("Retry-After")) || 60;
        say(`You have taken many actions in a short time. Please try again in ${wait} seconds.`, "refused");
      } else if (response.status === 409) {
        say("This case is no longer taking actions.", "refused");
        button.hidden = true;
      } else {
        say(`Your action could not be recorded: ${body.detail || response.statusText}.`, "refused");
      }
      break;
    } catch {
      if (attempt < 3) continue; // the same key: counted once however many of these arrive
      say("Your action could not be sent. Check your connection and try again.", "refused");
      break;
    }
  }
  button.disabled = false;
}

if (slug && button && !document.getElementById("action")?.dataset.closed) {
  button.hidden = false;
  button.addEventListener("click", takeAction);
}
