// Drag and drop for the desk's file pickers.
//
// Each [data-drop-zone] holds an <input type=file>: without JavaScript the picker alone
// works. Here the whole zone also takes files dropped from the desktop: they are added
// to the input (so they go with the form like picked files) and listed by name.
(function () {
  "use strict";
  function list(zone, input) {
    const out = zone.querySelector(".chosen-files");
    if (!out) { return; }
    out.textContent = "";
    Array.prototype.forEach.call(input.files || [], function (file) {
      const li = document.createElement("li");
      li.textContent = file.name + " (" + Math.max(1, Math.round(file.size / 1024)) + " KB)";
      out.appendChild(li);
    });
  }
  function add(input, files) {
    const all = new DataTransfer();
    Array.prototype.forEach.call(input.files || [], function (f) { all.items.add(f); });
    Array.prototype.forEach.call(files, function (f) { all.items.add(f); });
    input.files = all.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }
  function hasFiles(event) {
    const types = event.dataTransfer && event.dataTransfer.types;
    return !!types && Array.prototype.indexOf.call(types, "Files") !== -1;
  }
  document.querySelectorAll("[data-drop-zone]").forEach(function (zone) {
    const input = zone.querySelector("input[type=file]");
    if (!input || typeof DataTransfer === "undefined") { return; }
    zone.classList.add("droppable");
    input.addEventListener("change", function () { list(zone, input); });
    zone.addEventListener("dragenter", function (event) {
      if (hasFiles(event)) { event.preventDefault(); zone.classList.add("dragging"); }
    });
    zone.addEventListener("dragover", function (event) {
      if (hasFiles(event)) { event.preventDefault(); event.dataTransfer.dropEffect = "copy"; }
    });
    zone.addEventListener("dragleave", function (event) {
      if (!zone.contains(event.relatedTarget)) { zone.classList.remove("dragging"); }
    });
    zone.addEventListener("drop", function (event) {
      zone.classList.remove("dragging");
      if (!event.dataTransfer || !event.dataTransfer.files.length) { return; }
      event.preventDefault();
      add(input, event.dataTransfer.files);
    });
  });
})();
