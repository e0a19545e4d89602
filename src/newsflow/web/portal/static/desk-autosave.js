// Autosave and the unsaved-changes warning of the story form.
//
// A draft form (data-autosave = the URL to post to) is saved a few seconds after the
// editor stops typing (and at least every 15 s while typing goes on), with the revision
// the page holds: the server refuses a save from an old revision (412), and the page
// then stops autosaving and says so; the Save button shows both versions. A new story
// becomes a draft on its first autosave and the page carries on as that draft.
// Every story form (also update/correct) warns before leaving with unsaved changes.
(function () {
  "use strict";
  const form = document.getElementById("story-form");
  if (!form) { return; }
  const state = document.getElementById("autosave-state");
  let dirty = false;
  let submitting = false;
  let saving = false;
  let timer = null;
  window.nfAutosave = { saves: 0 };  // read by tests

  function show(text) {
    if (!state) { return; }
    state.setAttribute("role", "status");
    state.textContent = text;
  }
  function changed() {
    dirty = true;
    if (state) { show(state.dataset.unsaved); }
    schedule();
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  let submitWanted = false;
  let pendingSubmit = null;
  // A body over the server's limit is refused there anyway; say so here, keep the text.
  const maxBytes = parseInt(form.dataset.maxBytes || "0", 10);
  function tooBig() {
    const body = document.getElementById("body");
    return maxBytes > 0 && body && new Blob([body.value]).size > maxBytes;
  }
  function sayTooBig() {
    if (!state) { return; }
    state.setAttribute("role", "alert");
    state.textContent = form.dataset.tooBig;
  }
  form.addEventListener("submit", function (event) {
    if (tooBig()) {
      event.preventDefault();
      sayTooBig();
      return;
    }
    if (saving) {
      // An autosave is on its way: submit once it has answered, with the revision (and,
      // for a new story, the address) it returns, so the button never saves a second
      // story or conflicts with the page's own autosave.
      event.preventDefault();
      submitWanted = true;
      pendingSubmit = event.submitter || null;
      return;
    }
    submitting = true;
    clearTimeout(timer);
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = "";  // the browser shows its own wording
    }
  });

  let url = form.dataset.autosave;
  if (!url || !state || !window.nf) { return; }
  const delay = parseInt(form.dataset.autosaveMs || "2500", 10);
  let firstChange = 0;
  let stopped = false;

  function schedule() {
    if (stopped) { return; }
    const now = Date.now();
    if (!firstChange) { firstChange = now; }
    clearTimeout(timer);
    // typing without a pause still saves every 15 s
    timer = setTimeout(save, now - firstChange > 15000 ? 0 : delay);
  }

  function revisionInput() {
    let input = document.getElementById("revision");
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden"; input.name = "revision"; input.id = "revision";
      form.appendChild(input);
    }
    return input;
  }

  function pad(n) { return String(n).padStart(2, "0"); }

  async function save() {
    if (saving) { schedule(); return; }
    if (!dirty || stopped) { return; }
    if (tooBig()) { sayTooBig(); return; }
    saving = true;
    firstChange = 0;
    const body = new FormData(form);
    body.delete("then"); body.delete("confirm");
    body.delete("media_file");  // files go with the Save / Publish button, not every few seconds
    dirty = false;  // changes typed while the request runs set it again
    show(state.dataset.saving);
    try {
      const r = await window.nf.fetch(url, { method: "POST", body: body, headers: { Accept: "application/json" } });
      const data = await r.json();
      if (r.status === 412) {
        stopped = true; dirty = true;
        show(state.dataset.conflict);
        return;
      }
      if (!r.ok) { dirty = true; show(state.dataset.failed + " " + (data.detail || r.statusText)); return; }
      revisionInput().value = data.revision;
      if (!form.dataset.storyId) {  // a new story is a draft now: carry on as its page
        form.dataset.storyId = String(data.id);
        form.action = data.url;
        url = data.url + "/autosave";
        form.dataset.autosave = url;
        history.replaceState(null, "", data.url);
        const preview = document.getElementById("preview-button");
        if (preview) { preview.hidden = false; }
      }
      const t = new Date();
      window.nfAutosave.saves += 1;
      if (!dirty) { show(state.dataset.saved + " " + pad(t.getHours()) + ":" + pad(t.getMinutes()) + ":" + pad(t.getSeconds())); }
    } catch (e) {
      dirty = true;
      show(state.dataset.failed + " " + e.message);
    } finally {
      saving = false;
      if (submitWanted) {
        const submitter = pendingSubmit;
        submitWanted = false;
        pendingSubmit = null;
        if (submitter) { form.requestSubmit(submitter); } else { form.requestSubmit(); }
      }
    }
  }
})();
