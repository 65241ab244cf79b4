// The exam player (a plain ES module, no build step, nothing from a CDN).
//
// The server owns everything that matters: the clock, the status, the stored answers. This
// script shows the items the server rendered (the item bank's own renderer, so the exam looks
// exactly like the preview), adds the answer inputs, and saves every change at once through
// /api/delivery/ with an increasing sequence number. Unsent saves live in localStorage until the
// server acknowledges them, so a lost network, a reload or a crashed server loses nothing: they
// are resent, in order, as soon as the server answers again. The server ignores a save whose
// number is not above the one it holds, so resending is always safe. One request is in flight at
// a time, carrying every save that is due (up to BATCH_MAX); changes made meanwhile go in the next.

const config = JSON.parse(document.getElementById("player-config").textContent);
const S = config.strings;
const KEY = `aicert.attempt.${config.attempt}.`;
const CLOCK_POLL_MS = 5000;
const CLOCK_POLL_FAST_MS = 1500;
const TEXT_DEBOUNCE_MS = 700;
const RETRY_MAX_MS = 4000;
const BATCH_MAX = 50; // the server's limit of saves per request
const ENDED = new Set(["submitted", "auto_submitted", "voided"]);

const $ = (id) => document.getElementById(id);
const fmt = (text, vars) => text.replace(/%\((\w+)\)s/g, (_, k) => String(vars[k] ?? ""));
const csrfToken = (() => {
  try {
    return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
  } catch {
    return "";
  }
})();

const store = {
  get(name, fallback) {
    try {
      const value = localStorage.getItem(KEY + name);
      return value === null ? fallback : JSON.parse(value);
    } catch {
      return fallback;
    }
  },
  set(name, value) {
    localStorage.setItem(KEY + name, JSON.stringify(value));
  },
  remove(name) {
    localStorage.removeItem(KEY + name);
  },
};

// --- state ---------------------------------------------------------------------------------------

let device = store.get("device", "");
let seq = store.get("seq", 0);
let queue = store.get("queue", []); // [{form_item, answer, seq, due}] in the order made
let flags = new Set(store.get("flags", []));
const answers = new Map(); // form item id -> latest answer on this computer
const widgets = new Map(); // form item id -> {section, read(), write(answer)}
let order = []; // form item ids in the candidate's order
let current = 0;
let status = null;
let claimed = false;
let blocked = false;
let ended = false;
let itemsLoaded = false;
let sending = false;
let offline = false;
let retryMs = 500;
let pumpTimer = null;
let clockTimer = null;
let secondsLeft = null;
let deadlineLocal = null; // performance.now() at which the server's clock reaches zero
let warned = { 10: false, 5: false };
let timeUpShown = false;

// --- the network -----------------------------------------------------------------------------------

function api(method, path, body) {
  const headers = { "X-CSRFToken": csrfToken, "X-Exam-Device": device };
  const init = { method, headers, credentials: "same-origin", cache: "no-store" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  return fetch(config.api + path, init);
}

async function detail(response) {
  try {
    const body = await response.json();
    // A service's refusal lists messages; a request the API could not read lists {msg} objects.
    const text = Array.isArray(body.detail)
      ? body.detail.map((d) => (typeof d === "string" ? d : d.msg || "")).join(" ")
      : String(body.detail || "");
    return { code: body.code || "", text };
  } catch {
    return { code: "", text: `HTTP ${response.status}` };
  }
}

// --- the save queue --------------------------------------------------------------------------------

function persistQueue() {
  store.set("queue", queue);
}

function enqueue(formItem, answer, delay) {
  seq += 1;
  store.set("seq", seq);
  // One unsent save per item is enough: the newest replaces an older one not yet in flight.
  queue = queue.filter((q) => q.form_item !== formItem || q.inflight);
  queue.push({ form_item: formItem, answer, seq, due: Date.now() + delay });
  persistQueue();
  showSaveStatus();
  schedulePump(delay);
}

function flush() {
  let changed = false;
  for (const q of queue) {
    if (q.due > 0) {
      q.due = 0;
      changed = true;
    }
  }
  if (changed) persistQueue();
  pump();
}

function schedulePump(delay) {
  clearTimeout(pumpTimer);
  pumpTimer = setTimeout(pump, Math.max(0, delay));
}

async function pump() {
  if (sending || blocked || ended || !claimed) return;
  const now = Date.now();
  // Every due save goes in one request, in the order made (the queue holds one per item, plus
  // one whose request failed): the server applies them in that order under one lock.
  const batch = queue.filter((q) => q.due <= now).slice(0, BATCH_MAX);
  if (!batch.length) {
    if (queue.length) schedulePump(Math.min(...queue.map((q) => q.due)) - now);
    showSaveStatus();
    return;
  }
  sending = true;
  for (const q of batch) q.inflight = true;
  showSaveStatus();
  let response;
  let results = null;
  try {
    response = await api("PUT", "/responses/batch", {
      saves: batch.map((q) => ({ form_item: q.form_item, answer: q.answer, seq: q.seq })),
    });
    if (response.ok) results = (await response.json()).results;
  } catch {
    response = null;
  }
  sending = false;
  for (const q of batch) delete q.inflight;
  if (
    response === null ||
    response.status >= 500 ||
    response.status === 401 ||
    (response.ok && !Array.isArray(results))
  ) {
    // No answer from the server (offline, or the server is restarting): keep them and retry.
    offline = true;
    showSaveStatus();
    schedulePump(retryMs);
    retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
    return;
  }
  offline = false;
  retryMs = 500;
  if (response.ok) {
    // One result per save: acknowledged (the server holds it or a newer one) or refused for good
    // (the answer does not fit the item). Both leave the queue; a save without a result stays.
    const answered = new Map(results.map((r) => [`${r.form_item}:${r.seq}`, r]));
    const refused = [];
    queue = queue.filter((q) => {
      const result = batch.includes(q) ? answered.get(`${q.form_item}:${q.seq}`) : undefined;
      if (result === undefined) return true;
      if (result.code) refused.push(result.detail);
      return false;
    });
    persistQueue();
    if (refused.length) announce(fmt(S.refused, { reason: refused.join(" ") }));
    showSaveStatus();
    pump();
    return;
  }
  const problem = await detail(response);
  if (problem.code === "device_moved") {
    block(S.moved);
    return;
  }
  if (problem.code === "paused") {
    showSaveStatus(); // kept: sent again when the invigilator resumes
    return;
  }
  if (problem.code === "time_over" || problem.code === "attempt_ended") {
    pollClock();
    return;
  }
  // The server refused the request for good: say so, and go on with what was made since.
  queue = queue.filter((q) => !batch.includes(q));
  persistQueue();
  announce(fmt(S.refused, { reason: problem.text }));
  pump();
}

function showSaveStatus() {
  const el = $("save-status");
  const waiting = queue.length;
  let state;
  let text;
  if (offline) {
    state = "offline";
    text = fmt(S.offline, { count: waiting });
  } else if (sending) {
    state = "saving";
    text = S.saving;
  } else if (waiting) {
    state = "pending";
    text = fmt(S.pending, { count: waiting });
  } else {
    state = "saved";
    text = S.saved;
  }
  if (el.dataset.state !== state || el.textContent !== text) {
    el.dataset.state = state;
    el.dataset.pending = String(waiting);
    el.textContent = text;
  }
}

window.addEventListener("online", () => {
  retryMs = 500;
  pump();
});
window.addEventListener("offline", () => {
  offline = true;
  showSaveStatus();
});
window.addEventListener("pagehide", () => persistQueue());

// --- answers: reading and writing the inputs of each item type ------------------------------------

function isAnswered(answer) {
  if (answer === null || answer === undefined) return false;
  if (Array.isArray(answer)) return answer.length > 0;
  if (typeof answer === "string") return answer.trim() !== "";
  return true;
}

let uid = 0;
function nextId(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}

function choiceWidget(section, formItem, kind, values) {
  const list = section.querySelector(".item-render ol.options");
  const inputs = [];
  list.setAttribute("role", kind === "radio" ? "radiogroup" : "group");
  list.setAttribute("aria-labelledby", section.getAttribute("aria-labelledby"));
  list.querySelectorAll(":scope > li").forEach((li, index) => {
    const input = document.createElement("input");
    input.type = kind;
    input.name = `answer-${formItem}`;
    input.className = "choice-input";
    input.id = nextId("choice");
    input.dataset.value = JSON.stringify(values[index]);
    const label = li.querySelector(".option-label");
    const body = li.querySelector(".option-body");
    const labelled = [];
    for (const el of [label, body]) {
      if (!el) continue;
      el.id = el.id || nextId("opt");
      labelled.push(el.id);
    }
    input.setAttribute("aria-labelledby", labelled.join(" "));
    li.classList.add("choice");
    li.prepend(input);
    li.addEventListener("click", (event) => {
      if (event.target === input || event.target.closest("a")) return;
      input.checked = kind === "radio" ? true : !input.checked;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    input.addEventListener("change", () => {
      markChosen();
      changed(formItem, 0);
    });
    inputs.push(input);
  });
  function markChosen() {
    for (const input of inputs) input.closest("li").classList.toggle("chosen", input.checked);
  }
  return {
    read() {
      const chosen = inputs.filter((i) => i.checked).map((i) => JSON.parse(i.dataset.value));
      if (kind === "radio") return chosen.length ? chosen[0] : null;
      return chosen.length ? chosen.sort((a, b) => a - b) : null;
    },
    write(answer) {
      const wanted = kind === "radio" ? [answer] : Array.isArray(answer) ? answer : [];
      for (const input of inputs) {
        input.checked = wanted.some((w) => JSON.stringify(w) === input.dataset.value);
      }
      markChosen();
    },
  };
}

function textWidget(section, formItem, type) {
  const box = section.querySelector(".item-render .answer-box");
  const field = document.createElement(type === "constructed_response" ? "textarea" : "input");
  field.id = nextId("answer");
  field.className = "answer-input";
  field.setAttribute("aria-label", box ? box.textContent.trim() : S.your_answer);
  field.placeholder = box ? box.textContent.trim() : S.your_answer;
  field.autocomplete = "off";
  field.spellcheck = false;
  if (type === "constructed_response") {
    field.rows = 12;
  } else {
    field.type = "text";
    if (type === "numeric") field.inputMode = "decimal";
  }
  if (box) box.replaceWith(field);
  else section.querySelector(".item-render").append(field);
  const hint = document.createElement("p");
  hint.className = "helptext answer-hint";
  hint.setAttribute("aria-live", "polite");
  field.after(hint);
  function value() {
    const text = field.value;
    if (text.trim() === "") return null;
    return text;
  }
  function counter() {
    if (type === "constructed_response") {
      hint.textContent = fmt(S.characters, { count: field.value.length });
    }
  }
  // Every keystroke is kept on this computer at once; the save is sent after a short pause in
  // typing, and at once when the field loses focus.
  field.addEventListener("input", () => {
    counter();
    changed(formItem, TEXT_DEBOUNCE_MS);
  });
  field.addEventListener("change", () => flush());
  field.addEventListener("blur", () => flush());
  return {
    read: value,
    write(answer) {
      field.value = answer === null || answer === undefined ? "" : String(answer);
      counter();
    },
  };
}

function orderingWidget(section, formItem, ids) {
  const list = section.querySelector(".item-render ol.options");
  let touched = false;
  list.querySelectorAll(":scope > li").forEach((li, index) => {
    li.dataset.id = String(ids[index]);
    li.classList.add("orderable");
    const body = li.querySelector(".option-body");
    const text = body ? body.textContent.trim() : "";
    const controls = document.createElement("span");
    controls.className = "order-controls";
    for (const [direction, label] of [
      [-1, S.move_up],
      [1, S.move_down],
    ]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button secondary small";
      button.textContent = direction < 0 ? "↑" : "↓";
      button.setAttribute("aria-label", `${label}: ${text}`);
      button.addEventListener("click", () => move(li, direction, button));
      controls.append(button);
    }
    li.append(controls);
  });
  const keep = document.createElement("button");
  keep.type = "button";
  keep.className = "button secondary small order-keep";
  keep.textContent = S.keep_order;
  keep.addEventListener("click", () => {
    touched = true;
    changed(formItem, 0);
  });
  list.after(keep);
  function move(li, direction, button) {
    const sibling = direction < 0 ? li.previousElementSibling : li.nextElementSibling;
    if (!sibling) return;
    if (direction < 0) list.insertBefore(li, sibling);
    else list.insertBefore(sibling, li);
    touched = true;
    button.focus();
    changed(formItem, 0);
  }
  return {
    read() {
      if (!touched) return null;
      return [...list.querySelectorAll(":scope > li")].map((li) => Number(li.dataset.id));
    },
    write(answer) {
      if (!Array.isArray(answer)) return;
      touched = true;
      const byId = new Map(
        [...list.querySelectorAll(":scope > li")].map((li) => [Number(li.dataset.id), li]),
      );
      for (const id of answer) if (byId.has(id)) list.append(byId.get(id));
    },
  };
}

function matchingWidget(section, formItem, ids) {
  const lists = section.querySelectorAll(".item-render .matching > ol");
  const prompts = lists[0] ? [...lists[0].querySelectorAll(":scope > li")] : [];
  const responses = lists[1] ? [...lists[1].querySelectorAll(":scope > li")] : [];
  const selects = prompts.map((li, index) => {
    const select = document.createElement("select");
    select.className = "match-select";
    select.dataset.prompt = String(ids.prompts[index]);
    select.setAttribute("aria-label", fmt(S.match_for, { prompt: li.textContent.trim() }));
    const none = document.createElement("option");
    none.value = "";
    none.textContent = S.no_match;
    select.append(none);
    responses.forEach((response, j) => {
      const option = document.createElement("option");
      option.value = String(ids.responses[j]);
      option.textContent = `${String.fromCharCode(65 + j)}. ${response.textContent.trim()}`;
      select.append(option);
    });
    select.addEventListener("change", () => changed(formItem, 0));
    li.append(select);
    return select;
  });
  return {
    read() {
      const pairs = selects
        .filter((s) => s.value !== "")
        .map((s) => [Number(s.dataset.prompt), Number(s.value)]);
      return pairs.length ? pairs : null;
    },
    write(answer) {
      const chosen = new Map(Array.isArray(answer) ? answer.map(([p, r]) => [p, r]) : []);
      for (const s of selects) {
        const r = chosen.get(Number(s.dataset.prompt));
        s.value = r === undefined ? "" : String(r);
      }
    },
  };
}

function enhance(section) {
  const formItem = Number(section.dataset.formItem);
  const type = section.dataset.itemType;
  const ids = JSON.parse(section.dataset.ids || "{}");
  let widget;
  if (type === "single_choice") widget = choiceWidget(section, formItem, "radio", ids.options);
  else if (type === "multiple_response")
    widget = choiceWidget(section, formItem, "checkbox", ids.options);
  else if (type === "true_false") widget = choiceWidget(section, formItem, "radio", [true, false]);
  else if (type === "ordering") widget = orderingWidget(section, formItem, ids.options);
  else if (type === "matching") widget = matchingWidget(section, formItem, ids);
  else widget = textWidget(section, formItem, type);
  widget.section = section;
  widgets.set(formItem, widget);
}

function changed(formItem, delay) {
  if (ended || blocked || status !== "in_progress") return;
  const answer = widgets.get(formItem).read();
  answers.set(formItem, answer);
  enqueue(formItem, answer, delay);
  paintPalette();
}

// --- navigation, flags, review -------------------------------------------------------------------

function paintPalette() {
  const palette = $("palette");
  palette.querySelectorAll("button").forEach((button, index) => {
    const formItem = order[index];
    const answered = isAnswered(answers.get(formItem));
    const flagged = flags.has(formItem);
    button.classList.toggle("answered", answered);
    button.classList.toggle("flagged", flagged);
    if (index === current) button.setAttribute("aria-current", "step");
    else button.removeAttribute("aria-current");
    const words = [fmt(S.question, { number: index + 1 }), answered ? S.answered : S.unanswered];
    if (flagged) words.push(S.flagged);
    button.setAttribute("aria-label", words.join(", "));
  });
  const flagButton = $("flag-button");
  const flagged = flags.has(order[current]);
  flagButton.setAttribute("aria-pressed", String(flagged));
  flagButton.textContent = flagged ? S.unflag : S.flag;
  $("prev-button").disabled = current === 0;
  $("next-button").disabled = current === order.length - 1;
}

function showItem(index, focus) {
  current = Math.max(0, Math.min(order.length - 1, index));
  store.set("current", current);
  order.forEach((formItem, i) => {
    widgets.get(formItem).section.hidden = i !== current;
  });
  showScreen("screen-exam");
  paintPalette();
  if (focus) widgets.get(order[current]).section.querySelector(".question-title").focus();
}

function buildPalette() {
  const palette = $("palette");
  palette.replaceChildren();
  order.forEach((_, index) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "palette-button";
    button.textContent = String(index + 1);
    button.addEventListener("click", () => showItem(index, true));
    palette.append(button);
  });
}

function counts() {
  const unanswered = order.filter((fi) => !isAnswered(answers.get(fi))).length;
  const flagged = order.filter((fi) => flags.has(fi)).length;
  return { unanswered, flagged, total: order.length };
}

function showReview() {
  const c = counts();
  const summary = $("review-summary");
  summary.textContent = fmt(S.review_summary, c);
  summary.dataset.unanswered = String(c.unanswered);
  summary.dataset.flagged = String(c.flagged);
  const list = $("review-list");
  list.replaceChildren();
  order.forEach((formItem, index) => {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "link";
    const answered = isAnswered(answers.get(formItem));
    const words = [fmt(S.question, { number: index + 1 }), answered ? S.answered : S.unanswered];
    if (flags.has(formItem)) words.push(S.flagged);
    button.textContent = words.join(" · ");
    li.classList.toggle("unanswered", !answered);
    li.classList.toggle("flagged", flags.has(formItem));
    button.addEventListener("click", () => showItem(index, true));
    li.append(button);
    list.append(li);
  });
  showScreen("screen-review");
  $("review-title").focus();
}

function showScreen(id) {
  for (const screen of document.querySelectorAll(".player .screen")) screen.hidden = screen.id !== id;
}

$("prev-button").addEventListener("click", () => showItem(current - 1, true));
$("next-button").addEventListener("click", () => showItem(current + 1, true));
$("flag-button").addEventListener("click", () => {
  const formItem = order[current];
  if (flags.has(formItem)) flags.delete(formItem);
  else flags.add(formItem);
  store.set("flags", [...flags]);
  paintPalette();
});
$("review-button").addEventListener("click", showReview);
$("back-button").addEventListener("click", () => showItem(current, true));

// --- hand in -------------------------------------------------------------------------------------

const dialog = $("submit-dialog");
$("submit-button").addEventListener("click", () => {
  const c = counts();
  $("submit-dialog-text").textContent =
    c.unanswered || c.flagged ? fmt(S.confirm, c) : S.confirm_all;
  $("submit-error").hidden = true;
  dialog.showModal();
});
$("submit-cancel").addEventListener("click", () => dialog.close());
$("submit-confirm").addEventListener("click", async () => {
  const confirm = $("submit-confirm");
  confirm.disabled = true;
  try {
    flush();
    const until = Date.now() + 8000;
    while ((queue.length || sending) && Date.now() < until && !blocked) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (queue.length) {
      showSubmitError(S.not_sent);
      return;
    }
    let response;
    try {
      response = await api("POST", "/submit");
    } catch {
      showSubmitError(S.not_sent);
      return;
    }
    if (response.ok) {
      dialog.close();
      applyStatus((await response.json()).status);
      return;
    }
    const problem = await detail(response);
    if (problem.code === "device_moved") {
      dialog.close();
      block(S.moved);
      return;
    }
    showSubmitError(fmt(S.error, { reason: problem.text }));
    pollClock();
  } finally {
    confirm.disabled = false;
  }
});

function showSubmitError(text) {
  const el = $("submit-error");
  el.textContent = text;
  el.hidden = false;
}

// --- status, clock and overlays ----------------------------------------------------------------------

function announce(text) {
  $("announcer").textContent = text;
}

function block(text) {
  blocked = true;
  $("blocked-text").textContent = text;
  $("overlay-blocked").hidden = false;
  setInert(true);
}

function setInert(on) {
  const exam = $("screen-exam");
  const review = $("screen-review");
  for (const el of [exam, review]) {
    if (on) el.setAttribute("inert", "");
    else el.removeAttribute("inert");
  }
}

$("blocked-retry").addEventListener("click", async () => {
  $("overlay-blocked").hidden = true;
  blocked = false;
  setInert(false);
  await claim();
  if (claimed) {
    pollClock();
    pump();
  }
});

function showEnded(kind) {
  ended = true;
  clearTimeout(pumpTimer);
  $("overlay-paused").hidden = true;
  if (dialog.open) dialog.close();
  const [title, text] =
    kind === "voided"
      ? [S.voided_title, S.voided_text]
      : kind === "auto_submitted"
        ? [S.auto_submitted_title, S.auto_submitted_text]
        : [S.submitted_title, S.submitted_text];
  $("ended-title").textContent = title;
  $("ended-text").textContent = text;
  $("items").replaceChildren(); // no content stays on the page after the end
  showScreen("screen-ended");
  $("ended-title").focus();
  $("player").dataset.status = kind;
  $("clock").textContent = "0:00";
  for (const name of ["queue", "flags", "current"]) store.remove(name);
}

// Bumped whenever an answer from the server changes the status; a clock poll that was sent
// before it carries an older status and must not undo it (e.g. "ready" after the start).
let statusEpoch = 0;

async function applyStatus(next) {
  statusEpoch += 1;
  const before = status;
  status = next;
  $("player").dataset.status = next;
  if (ENDED.has(next)) {
    showEnded(next);
    return;
  }
  if (next === "ready") {
    showScreen("screen-ready");
    return;
  }
  if (next === "paused") {
    $("overlay-paused").hidden = false;
    setInert(true);
    if (before !== "paused") announce($("paused-title").textContent);
    return;
  }
  if (next === "in_progress") {
    $("overlay-paused").hidden = true;
    if (!blocked) setInert(false);
    if (!itemsLoaded) await loadItems();
    if (before === "paused") pump(); // saves kept while paused go now
  }
}

function clockText(seconds) {
  const s = Math.max(0, seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${r}` : `${m}:${r}`;
}

function tick() {
  if (secondsLeft === null) return;
  let left = secondsLeft;
  if (status === "in_progress" && deadlineLocal !== null) {
    left = Math.max(0, Math.ceil((deadlineLocal - performance.now()) / 1000));
  }
  const el = $("clock");
  const text = clockText(left);
  if (el.textContent !== text) el.textContent = text;
  el.dataset.seconds = String(left);
  if (status !== "in_progress") return;
  if (left <= 300 && !warned[5]) {
    warned[5] = warned[10] = true;
    warn(S.warning_5);
  } else if (left <= 600 && !warned[10]) {
    warned[10] = true;
    warn(S.warning_10);
  }
  if (left === 0 && !timeUpShown) {
    timeUpShown = true;
    warn(S.time_up);
    flush();
    setInert(true);
    pollClock();
  }
}

function warn(text) {
  const el = $("time-warning");
  el.textContent = text;
  el.hidden = false;
}

async function pollClock() {
  clearTimeout(clockTimer);
  if (ended) return;
  try {
    // A poll sent before this browser (re)claimed the exam answers for the old key: ignore its
    // verdict on the device, or a takeover would block itself.
    const askedWith = device;
    const epoch = statusEpoch;
    const response = await api("GET", "/clock");
    if (response.ok && epoch !== statusEpoch) {
      // The status changed while this poll was on its way: its reading is out of date.
    } else if (response.ok) {
      const clock = await response.json();
      secondsLeft = clock.seconds_left;
      deadlineLocal = performance.now() + secondsLeft * 1000;
      const stale = askedWith !== device;
      if (claimed && !stale && !clock.device_ok && !ENDED.has(clock.status) && !blocked) {
        block(S.moved);
      }
      await applyStatus(clock.status);
      if (!timeUpShown || clock.seconds_left > 0) tick();
      if (clock.seconds_left > 0 && timeUpShown && clock.status === "in_progress") {
        // Extended after the time ran out: the exam goes on.
        timeUpShown = false;
        setInert(false);
        $("time-warning").hidden = true;
      }
    }
  } catch {
    // Offline: the local countdown goes on from the last server reading.
  }
  if (!ended) {
    const fast = timeUpShown || status === "paused";
    clockTimer = setTimeout(pollClock, fast ? CLOCK_POLL_FAST_MS : CLOCK_POLL_MS);
  }
}

// --- loading --------------------------------------------------------------------------------------

async function loadItems() {
  const response = await fetch(config.items, { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) return; // not running (yet): the clock poll tries again
  const container = $("items");
  container.innerHTML = await response.text();
  const sections = [...container.querySelectorAll(".player-item")];
  order = sections.map((s) => Number(s.dataset.formItem));
  sections.forEach(enhance);
  for (const formItem of order) {
    const answer = answers.get(formItem);
    if (answer !== undefined && answer !== null) widgets.get(formItem).write(answer);
  }
  if (typeof window.aicertTypeset === "function") window.aicertTypeset(container);
  else window.addEventListener("load", () => window.aicertTypeset?.(container));
  itemsLoaded = true;
  buildPalette();
  showItem(store.get("current", 0), false);
}

async function claim() {
  let response;
  try {
    response = await api("POST", "/device", { key: device });
  } catch {
    setTimeout(claim, 2000);
    return;
  }
  if (response.ok) {
    device = (await response.json()).key;
    store.set("device", device);
    claimed = true;
    return;
  }
  const problem = await detail(response);
  if (problem.code === "device_taken") block(S.taken);
  else if (problem.code !== "illegal_transition") block(fmt(S.error, { reason: problem.text }));
}

async function init() {
  const response = await api("GET", "");
  if (!response.ok) {
    block(fmt(S.error, { reason: (await detail(response)).text }));
    return;
  }
  const state = await response.json();
  const stored = new Map();
  for (const item of state.items) {
    answers.set(item.form_item, item.answer);
    stored.set(item.form_item, item.seq || 0);
    seq = Math.max(seq, item.seq || 0);
  }
  // Saves the server has not acknowledged yet (from before a reload or a crash) win over what it
  // holds, and are sent again; those it already holds (or has newer) are forgotten.
  queue = queue.filter((q) => q.seq > (stored.get(q.form_item) || 0));
  for (const q of queue) {
    delete q.inflight;
    answers.set(q.form_item, q.answer);
  }
  persistQueue();
  store.set("seq", seq);
  secondsLeft = state.seconds_left;
  deadlineLocal = performance.now() + secondsLeft * 1000;
  tick();
  if (!ENDED.has(state.status)) await claim();
  await applyStatus(state.status);
  showSaveStatus();
  setInterval(tick, 250);
  pollClock();
  pump();
}

$("start-button").addEventListener("click", async () => {
  const button = $("start-button");
  button.disabled = true;
  $("start-error").hidden = true;
  try {
    const response = await api("POST", "/start");
    if (!response.ok) {
      const problem = await detail(response);
      if (problem.code === "device_moved") block(S.moved);
      $("start-error").textContent = problem.text;
      $("start-error").hidden = false;
      return;
    }
    const state = await response.json();
    secondsLeft = state.seconds_left;
    deadlineLocal = performance.now() + secondsLeft * 1000;
    await applyStatus(state.status);
    tick();
  } catch {
    $("start-error").textContent = fmt(S.error, { reason: "network" });
    $("start-error").hidden = false;
  } finally {
    button.disabled = false;
  }
});

init();
