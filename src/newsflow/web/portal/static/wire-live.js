// The live wire: new entitled stories appear at the top without a reload.
//
// Flow: ask for a short-lived stream token (POST /api/v1/stream/token with the session
// cookie and the CSRF header; /wire/stream-token when the API does not take cookies),
// open EventSource('/api/v1/stream?token=…&format=ninjs&after=<cursor of the page>').
// Each event is named by its action (publish | update | correct | withdraw), has
// id = flow seq and data = the ninjs document. The browser's own reconnect sends
// Last-Event-ID; when a reconnect is refused (an expired token) we fetch a new token and
// reopen after the last seq we saw, so nothing is lost and nothing shown twice.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("wire-config").textContent);
  const labels = JSON.parse(document.getElementById("wire-labels").textContent);
  const list = document.getElementById("wire");
  const state = document.getElementById("live-state");
  const alerts = document.getElementById("alerts");
  const soundToggle = document.getElementById("sound-toggle");
  const ACTIONS = ["publish", "update", "correct", "withdraw"];
  const PRIORITY = { 1: "flash", 2: "urgent", 3: "important", 4: "routine" };
  let lastSeq = config.after;
  const readVersions = Object.assign({}, config.read || {});  // uri -> version last read (server-kept)
  const pane = document.getElementById("pane");
  let source = null;
  let audio = null;
  window.nfDisplayed = [];  // {uri, seq, action, at: epoch ms} for tests and the benchmark

  // -- sound ------------------------------------------------------------------------------
  soundToggle.checked = localStorage.getItem("nf-sound") === "on";
  soundToggle.addEventListener("change", function () {
    localStorage.setItem("nf-sound", soundToggle.checked ? "on" : "off");
    if (soundToggle.checked) { beep(); }  // a user gesture unlocks WebAudio
  });
  function beep() {
    if (!soundToggle.checked) { return; }
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.1;
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.25);
    } catch (e) { /* no audio device: the visual mark is enough */ }
  }

  // -- a ninjs document as a wire entry ---------------------------------------------------
  function entryOf(doc, action, seq) {
    const subjects = doc.subjects || [];
    const category = (subjects.find(function (s) { return (s.rel || "").indexOf("category") >= 0; }) || {}).name || "";
    const topics = subjects
      .filter(function (s) { return (s.literal || "").indexOf("medtop:") === 0; })
      .map(function (s) { return [s.literal, s.name || ""]; });
    return {
      uri: doc.uri, seq: seq, version: doc.version, action: doc.pubstatus === "canceled" ? "withdraw" : action,
      priority: PRIORITY[doc.urgency] || "routine", category: category, language: doc.language || "",
      type: doc.type || "text", headline: ((doc.headlines || [])[0] || {}).value || doc.headline || "",
      time: doc.versioncreated || "", topics: topics, thumb: thumbOf(doc),
    };
  }

  // The first thumbnail of the item itself or of the media it carries (entries.thumbnail).
  function thumbOf(doc) {
    const sets = [doc.renditions || []].concat((doc.associations || []).map(function (a) { return a.renditions || []; }));
    for (const set of sets) {
      const found = set.find(function (r) { return r.name === "thumbnail"; });
      if (found) { return found.href; }
    }
    return "";
  }

  // The same rules as entries.matches on the server.
  function matches(e, view) {
    for (const key of ["category", "priority", "language", "type"]) {
      const wanted = view[key];
      if (wanted && e[key] !== wanted && !(key === "language" && e.language.split("-")[0] === wanted)) { return false; }
    }
    const topic = (view.topic || "").trim().toLowerCase();
    return !topic || e.topics.some(function (t) { return t[0].toLowerCase() === topic || t[1].toLowerCase().indexOf(topic) >= 0; });
  }

  function badge(cls, text) {
    const span = document.createElement("span");
    span.className = "badge " + cls;
    span.textContent = text;
    return span;
  }

  // Builds the markup of wire/_entry.html with textContent only (no HTML from the feed).
  function entryNode(e) {
    const li = document.createElement("li");
    li.className = "entry fresh p-" + e.priority + (e.action !== "publish" ? " changed" : "") + (e.action === "withdraw" ? " withdrawn" : "");
    li.dataset.uri = e.uri; li.dataset.seq = e.seq; li.dataset.priority = e.priority;
    li.dataset.category = e.category; li.dataset.language = e.language; li.dataset.type = e.type;
    li.dataset.topics = e.topics.map(function (t) { return t.join("|"); }).join(";");
    const article = document.createElement("article");
    article.lang = e.language; article.dir = "auto";
    const meta = document.createElement("div");
    meta.className = "meta";
    if (e.priority === "flash" || e.priority === "urgent") { meta.appendChild(badge(e.priority, labels[e.priority])); }
    if (e.action !== "publish") { meta.appendChild(badge({ update: "update", correct: "correction", withdraw: "withdrawal" }[e.action], labels[e.action])); }
    const time = document.createElement("time");
    time.dateTime = e.time; time.textContent = e.time.slice(11, 16);
    meta.appendChild(time);
    const info = document.createElement("span");
    info.className = "muted"; info.textContent = e.category + " · " + e.language + " · v" + e.version;
    meta.appendChild(info);
    const seen = readVersions[e.uri];
    if (seen !== undefined) {
      const current = seen >= e.version;
      li.classList.add(current ? "read" : "updated-since-read");
      meta.appendChild(badge(current ? "read-mark" : "since-read", current ? labels.read : labels.since_read));
    }
    const h2 = document.createElement("h2");
    h2.className = "headline";
    if (e.thumb) {
      const img = document.createElement("img");
      img.className = "thumb"; img.src = e.thumb; img.alt = ""; img.width = 64; img.height = 48; img.loading = "lazy";
      h2.appendChild(img);
    }
    const a = document.createElement("a");
    a.href = "/wire/story?uri=" + encodeURIComponent(e.uri);
    a.dataset.pane = e.uri;
    a.textContent = e.headline;
    h2.appendChild(a);
    article.appendChild(meta); article.appendChild(h2); li.appendChild(article);
    return li;
  }

  function findEntry(uri) {
    for (const li of list.children) { if (li.dataset.uri === uri) { return li; } }
    return null;
  }

  function show(e) {
    const node = entryNode(e);
    const existing = findEntry(e.uri);
    const visible = matches(e, config.view);
    if (existing) {
      if (existing.classList.contains("selected")) { node.classList.add("selected"); }
      existing.replaceWith(node);  // updates, corrections, withdrawals change the entry in place
      node.hidden = !visible;
    } else if (visible) {
      list.insertBefore(node, list.firstChild);
      const empty = document.getElementById("wire-empty");
      if (empty) { empty.remove(); }
    } else {
      return;
    }
    if (!node.hidden) {
      window.nfDisplayed.push({ uri: e.uri, seq: e.seq, action: e.action, at: performance.timeOrigin + performance.now() });
      performance.mark("nf-display:" + e.seq);
      if (e.priority === "flash" && e.action === "publish") { beep(); }
    }
  }

  // -- alerts: a desktop notification when the reader allowed it, else a banner here -------
  const notifyToggle = document.getElementById("notify-toggle");
  const canNotify = "Notification" in window;
  window.nfNotified = [];  // uris notified on the desktop (read by tests)
  if (notifyToggle && canNotify && config.alerts.length && Notification.permission === "default") {
    notifyToggle.hidden = false;
    notifyToggle.addEventListener("click", function () {
      Notification.requestPermission().then(function (answer) { notifyToggle.hidden = answer !== "default"; });
    });
  }
  function notify(e, saved) {
    if (!canNotify || Notification.permission !== "granted") { return false; }
    try {
      const n = new Notification(labels.alert + " «" + saved.name + "»", { body: e.headline, lang: e.language, tag: e.uri });
      n.onclick = function () { window.focus(); openPane(e.uri); n.close(); };
      window.nfNotified.push(e.uri);
      return true;
    } catch (err) { return false; }  // some browsers allow notifications from a service worker only
  }

  function alertFor(e) {
    if (e.action !== "publish") { return; }
    for (const saved of config.alerts) {
      if (!matches(e, saved.filters)) { continue; }
      beep();
      if (notify(e, saved)) { return; }
      const p = document.createElement("p");
      p.className = "alert info";
      const a = document.createElement("a");
      a.href = "/wire/story?uri=" + encodeURIComponent(e.uri);
      a.textContent = e.headline;
      p.appendChild(document.createTextNode(labels.alert + " «" + saved.name + "»: "));
      p.appendChild(a);
      alerts.insertBefore(p, alerts.firstChild);
      while (alerts.children.length > 5) { alerts.lastChild.remove(); }
      return;
    }
  }

  function onEvent(ev) {
    const seq = parseInt(ev.lastEventId, 10);
    if (!(seq > lastSeq)) { return; }  // already shown (a replay after a reconnect)
    lastSeq = seq;
    let doc;
    try { doc = JSON.parse(ev.data); } catch (e) { return; }
    const entry = entryOf(doc, ev.type, seq);
    show(entry);
    alertFor(entry);
  }

  // -- connection -------------------------------------------------------------------------
  async function token() {
    const headers = { "X-CSRF-Token": window.nf ? window.nf.csrfToken : document.querySelector('meta[name="csrf-token"]').content };
    for (const url of ["/api/v1/stream/token", "/wire/stream-token"]) {
      const r = await fetch(url, { method: "POST", credentials: "same-origin", headers: headers });
      if (r.ok) { return (await r.json()).token; }
      if (r.status === 403 && url === "/wire/stream-token") { throw new Error("forbidden"); }
    }
    throw new Error("no stream token");
  }

  let retry = 1000;
  async function connect() {
    state.textContent = labels.connecting;
    let t;
    try { t = await token(); } catch (e) {
      state.textContent = labels.offline;
      setTimeout(connect, retry); retry = Math.min(retry * 2, 30000);
      return;
    }
    const url = "/api/v1/stream?format=ninjs&after=" + lastSeq + "&token=" + encodeURIComponent(t);
    source = new EventSource(url);
    source.onopen = function () { retry = 1000; state.textContent = labels.live; document.body.dataset.live = "1"; };
    for (const a of ACTIONS) { source.addEventListener(a, onEvent); }
    source.addEventListener("error", function (ev) {
      document.body.dataset.live = "0";
      if (ev.data) { source.close(); }  // the server said why it closed the stream
      if (source.readyState === EventSource.CLOSED) {
        state.textContent = labels.offline;
        setTimeout(connect, retry); retry = Math.min(retry * 2, 30000);
      } else {
        state.textContent = labels.offline;  // the browser reconnects itself with Last-Event-ID
      }
    });
  }
  connect();

  // -- reading pane and keyboard ------------------------------------------------------------
  // A headline opens in the pane beside the live list (the list keeps updating); opening
  // marks the story read on the server (GET /wire/pane), and the line shows it.
  function markRead(uri, version) {
    readVersions[uri] = Math.max(readVersions[uri] || 0, version);
    const li = findEntry(uri);
    if (!li) { return; }
    li.classList.remove("updated-since-read");
    li.classList.add("read");
    const meta = li.querySelector(".meta");
    for (const old of meta.querySelectorAll(".read-mark, .since-read")) { old.remove(); }
    meta.appendChild(badge("read-mark", labels.read));
  }

  let paneRequest = 0;
  async function openPane(uri) {
    if (!pane) { return; }
    const mine = ++paneRequest;
    try {
      const r = await fetch("/wire/pane?uri=" + encodeURIComponent(uri), { credentials: "same-origin" });
      if (mine !== paneRequest) { return; }  // another story was asked for meanwhile
      if (!r.ok) { throw new Error(String(r.status)); }
      pane.innerHTML = await r.text();  // server-rendered, escaped, sanitized story HTML
      pane.hidden = false;
      const story = pane.querySelector(".pane-story");
      markRead(uri, parseInt(story.dataset.version, 10));
      pane.focus({ preventScroll: true });
      if (window.matchMedia("(max-width: 60rem)").matches) { pane.scrollIntoView(); }
    } catch (e) {
      pane.hidden = false;
      pane.textContent = labels.pane_failed;
    }
  }

  function select(li) {
    for (const old of list.querySelectorAll(".entry.selected")) { old.classList.remove("selected"); }
    if (!li) { return; }
    li.classList.add("selected");
    const link = li.querySelector("a[data-pane]");
    if (link) { link.focus(); }
  }

  function visibleEntries() { return Array.from(list.children).filter(function (li) { return !li.hidden; }); }

  list.addEventListener("click", function (event) {
    const link = event.target.closest("a[data-pane]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) { return; }
    event.preventDefault();
    select(link.closest("li"));
    openPane(link.dataset.pane);
  });
  if (pane) {
    pane.addEventListener("click", function (event) {
      if (!event.target.closest(".pane-close")) { return; }
      pane.hidden = true;
      select(list.querySelector(".entry.selected"));
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    const t = event.target;
    if (t.closest("input, textarea, select, [contenteditable]")) { return; }
    const entries = visibleEntries();
    const current = list.querySelector(".entry.selected");
    const at = entries.indexOf(current);
    if (event.key === "j" || event.key === "k") {
      event.preventDefault();
      const next = event.key === "j" ? Math.min(at + 1, entries.length - 1) : Math.max(at - 1, 0);
      select(entries[next < 0 ? 0 : next]);
    } else if (event.key === "o" && current) {
      event.preventDefault();
      openPane(current.dataset.uri);
    } else if (event.key === "/") {
      const search = document.getElementById("wire-q");
      if (search) { event.preventDefault(); search.focus(); }
    }
  });
})();
