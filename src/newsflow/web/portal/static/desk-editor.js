// The desk's story editor. Without JavaScript the form still works: the body is a plain
// textarea (HTML or text; the server sanitizes it either way) and the embargo picker is
// read as UTC. With it: a small right-to-left capable rich-text editor, suggestion
// buttons, a live word count and the embargo converted from local time to UTC.
(function () {
  "use strict";
  const form = document.getElementById("story-form");
  if (!form) { return; }
  const $ = function (id) { return document.getElementById(id); };
  const textarea = $("body");
  const editor = $("body-editor");
  const toolbar = document.querySelector(".editor-toolbar");

  // -- rich text: contenteditable mirrored into the textarea that is submitted ---------
  if (editor && textarea && toolbar) {
    editor.innerHTML = textarea.value;
    textarea.hidden = true;
    editor.hidden = false;
    toolbar.hidden = false;
    const sync = function () { textarea.value = editor.innerHTML; };
    editor.addEventListener("input", sync);
    form.addEventListener("submit", sync);
    const dirButton = toolbar.querySelector('[data-cmd="direction"]');
    const order = ["auto", "rtl", "ltr"];
    toolbar.addEventListener("click", function (event) {
      const button = event.target.closest("button");
      if (!button) { return; }
      const cmd = button.dataset.cmd;
      editor.focus();
      if (cmd === "direction") {
        const next = order[(order.indexOf(editor.getAttribute("dir") || "auto") + 1) % order.length];
        editor.setAttribute("dir", next);
        button.textContent = button.dataset[next];
        button.setAttribute("aria-pressed", next === "auto" ? "false" : "true");
        return;
      }
      if (cmd === "createLink") {
        const url = window.prompt(button.dataset.prompt, "https://");
        if (url && /^(https?:|mailto:)/i.test(url)) { document.execCommand("createLink", false, url); }
      } else if (cmd === "formatBlock") {
        document.execCommand("formatBlock", false, button.dataset.arg);
      } else {
        document.execCommand(cmd, false, null);
      }
      sync();
    });
    // Keyboard shortcuts for the two most used marks.
    editor.addEventListener("keydown", function (event) {
      if ((event.ctrlKey || event.metaKey) && (event.key === "b" || event.key === "i")) {
        event.preventDefault();
        document.execCommand(event.key === "b" ? "bold" : "italic", false, null);
        sync();
      }
    });
  }

  function payload() {
    const body = { body: textarea ? textarea.value : "", headline: $("headline").value || null };
    const lang = $("language").value.trim();
    if (lang) { body.language = lang; }
    const dateline = $("dateline") ? $("dateline").value.trim() : "";
    if (dateline) { body.dateline = dateline; }
    return body;
  }

  function post(url, status) {
    status.textContent = "…";
    return window.nf.fetch(url, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload()),
    }).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) { throw new Error(data.detail || r.statusText); }
        status.textContent = "";
        return data;
      });
    }).catch(function (err) { status.textContent = err.message; throw err; });
  }

  function mergeLines(id, items) {
    const box = $(id);
    const have = box.value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
    items.forEach(function (item) { if (have.indexOf(item) < 0) { have.push(item); } });
    box.value = have.join("\n");
  }

  // Each suggested name with why it was suggested and how often such a suggestion was right
  // on new copy (the title attribute shows on hover). The sure ones are filled in; the others
  // wait for the editor: a click adds one to its field.
  const FIELDS = { person: "people", place: "places", organisation: "organisations" };
  function showSuggestions(items) {
    const list = $("enrich-suggestions");
    if (!list) { return; }
    list.textContent = "";
    let waiting = 0;
    items.forEach(function (s) {
      const li = document.createElement("li");
      li.dataset.kind = s.kind;
      li.dataset.reason = s.reason;
      li.dataset.sure = s.sure ? "yes" : "no";
      const key = s.reason.replace(/ (\w)/g, function (_, c) { return c.toUpperCase(); });
      let why = list.dataset[key] || s.reason;
      if (s.evidence) { why += ": " + s.evidence; }
      why += " (" + (s.mentions || []).length + " " + list.dataset.times + ")";
      if (typeof s.confidence === "number") {
        why += " · " + list.dataset.right.replace("{n}", String(Math.round(s.confidence * 10)));
      }
      li.title = why;
      if (s.sure || !FIELDS[s.kind]) {
        li.textContent = s.name;
      } else {
        waiting += 1;
        const add = document.createElement("button");
        add.type = "button";
        add.textContent = s.name;
        add.title = why;
        add.setAttribute("aria-label", list.dataset.add + " " + s.name);
        add.addEventListener("click", function () {
          mergeLines(FIELDS[s.kind], [s.name]);
          add.disabled = true;
          li.dataset.added = "yes";
        });
        li.appendChild(add);
      }
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
    const note = $("enrich-check-note");
    if (note) { note.hidden = waiting === 0; }
  }

  // -- suggestions from the text tools ------------------------------------------------
  const enrichButton = $("suggest-enrich");
  if (enrichButton) {
    enrichButton.hidden = false;
    enrichButton.addEventListener("click", function () {
      post("/api/v1/text/enrich", $("enrich-status")).then(function (data) {
        const found = data.suggestions || [];
        showSuggestions(found);
        Object.keys(FIELDS).forEach(function (kind) {
          mergeLines(FIELDS[kind], found.filter(function (s) { return s.kind === kind && s.sure; }).map(function (s) { return s.name; }));
        });
        mergeLines("keywords", data.keywords || []);
        mergeLines("subjects", (data.subjects || []).map(function (s) { return (s.qcode + " " + (s.name || "")).trim(); }));
        if (!$("language").value && data.language) { $("language").value = data.language; }
      }).catch(function () {});
    });
  }

  const abbreviation = $("abbreviation");
  const count = $("abbreviation-count");
  function countWords() {
    if (!abbreviation || !count) { return; }
    const words = abbreviation.value.trim() ? abbreviation.value.trim().split(/\s+/u).length : 0;
    count.textContent = words + " " + count.dataset.label;
  }
  if (abbreviation) {
    abbreviation.addEventListener("input", countWords);
    countWords();
  }
  const abbrButton = $("suggest-abbreviation");
  if (abbrButton) {
    abbrButton.hidden = false;
    abbrButton.addEventListener("click", function () {
      post("/api/v1/text/abbreviate", $("abbreviation-status")).then(function (data) {
        abbreviation.value = data.abbreviation || "";
        countWords();
        abbreviation.focus();
      }).catch(function () {});
    });
  }

  // -- embargo: the picker is local time; the server gets UTC --------------------------
  const local = $("embargo_local");
  const utc = $("embargoed");
  const shown = $("embargo-utc");
  function pad(n) { return String(n).padStart(2, "0"); }
  if (local && utc) {
    if (utc.value) {
      const d = new Date(utc.value);
      if (!isNaN(d)) {
        local.value = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" + pad(d.getHours()) + ":" + pad(d.getMinutes());
      }
    }
    const update = function () {
      if (!local.value) { utc.value = ""; shown.textContent = ""; return; }
      const d = new Date(local.value);  // datetime-local values parse as local time
      if (isNaN(d)) { return; }
      utc.value = d.toISOString();
      shown.textContent = "UTC: " + utc.value.slice(0, 16).replace("T", " ");
    };
    local.addEventListener("change", update);
    local.addEventListener("input", update);
    form.addEventListener("submit", update);
  }
  // -- autocompletes: the original of a translation, Media Topics -------------------------
  // Both fill a <datalist> from a small JSON lookup as the editor types; the browser shows
  // the list and keyboard navigation. Without JavaScript the fields take "#12" and
  // "qcode name" lines.
  function lookup(input, url, fill) {
    let timer = null;
    let asked = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        const q = input.value.trim();
        if (q.length < 2 || q === asked) { return; }
        asked = q;
        fetch(url(q), { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (data) { if (data) { fill(data); } })
          .catch(function () {});
      }, 200);
    });
  }
  function options(list, values) {
    list.replaceChildren();
    values.forEach(function (v) {
      const option = document.createElement("option");
      option.value = v.value;
      if (v.label) { option.label = v.label; }
      list.appendChild(option);
    });
  }

  const original = $("translation_of");
  const originals = $("translation-options");
  if (original && originals) {
    const self = form.dataset.storyId || "";
    lookup(original, function (q) {
      return "/desk/lookup/stories?q=" + encodeURIComponent(q) + (self ? "&exclude=" + self : "");
    }, function (data) {
      options(originals, data.stories.map(function (s) {
        return { value: "#" + s.id + " — " + s.headline, label: s.language + " · " + s.status };
      }));
    });
  }

  const topicSearch = $("topic-search");
  const topicList = $("topic-options");
  const topicAdd = $("topic-add");
  const topicStatus = $("topic-status");
  if (topicSearch && topicList && topicAdd) {
    let found = {};
    topicAdd.hidden = false;
    lookup(topicSearch, function (q) {
      return "/desk/lookup/topics?q=" + encodeURIComponent(q) + "&lang=" + encodeURIComponent($("language").value || document.documentElement.lang);
    }, function (data) {
      found = {};
      options(topicList, data.topics.map(function (t) {
        const value = t.name + (t.broader ? " — " + t.broader : "") + " [" + t.qcode + "]";
        found[value] = t;
        return { value: value };
      }));
      topicStatus.textContent = data.topics.length ? "" : topicStatus.dataset.none || "";
    });
    const add = function () {
      const value = topicSearch.value.trim();
      const topic = found[value] || Object.keys(found).map(function (k) { return found[k]; })
        .find(function (t) { return t.name === value; }) || (Object.keys(found).length ? found[Object.keys(found)[0]] : null);
      if (!topic) { return false; }
      mergeLines("subjects", [(topic.qcode + " " + topic.name).trim()]);
      topicSearch.value = "";
      topicStatus.textContent = topicStatus.dataset.added ? topicStatus.dataset.added + " " + topic.name : topic.name;
      return true;
    };
    topicAdd.addEventListener("click", add);
    topicSearch.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); add(); }
    });
    topicSearch.addEventListener("input", function () { if (found[topicSearch.value]) { add(); } });
  }
})();
