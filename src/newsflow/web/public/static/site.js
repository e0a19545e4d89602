// The public site's small helpers: copy-link, the Web Share API where the device has
// it, and the live list of new public stories. No framework, no build step; text is
// inserted with textContent only, never as HTML.
(function () {
  "use strict";

  function share() {
    var box = document.querySelector(".share");
    if (!box) return;
    var url = box.getAttribute("data-url");
    var title = box.getAttribute("data-title");
    var status = box.querySelector(".share-status");
    var copy = box.querySelector(".copy-link");
    if (copy) {
      copy.addEventListener("click", function () {
        var done = function () { status.textContent = copy.getAttribute("data-done"); };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(url).then(done, function () { fallbackCopy(url); done(); });
        } else {
          fallbackCopy(url);
          done();
        }
      });
    }
    var native = box.querySelector(".web-share");
    if (native && navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () {});
      });
    }
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.insetInlineStart = "-9999px";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing else to try */ }
    document.body.removeChild(area);
  }

  function card(story) {
    var li = document.createElement("li");
    li.className = "card fresh priority-" + story.priority;
    li.setAttribute("data-id", String(story.id));
    var article = document.createElement("article");
    var h2 = document.createElement("h2");
    var a = document.createElement("a");
    a.href = story.path;
    a.textContent = story.headline;
    h2.appendChild(a);
    var meta = document.createElement("p");
    meta.className = "meta";
    var time = document.createElement("time");
    time.setAttribute("datetime", story.published);
    time.textContent = story.published.slice(0, 16).replace("T", " ") + " UTC";
    if (story.dateline) {
      var dl = document.createElement("span");
      dl.className = "dateline";
      dl.textContent = story.dateline;
      meta.appendChild(dl);
      meta.appendChild(document.createTextNode(" · "));
    }
    meta.appendChild(time);
    var summary = document.createElement("p");
    summary.className = "summary";
    summary.textContent = story.abbreviation;
    article.appendChild(h2);
    article.appendChild(meta);
    article.appendChild(summary);
    li.appendChild(article);
    return li;
  }

  function live() {
    var list = document.getElementById("stories");
    if (!list || !list.getAttribute("data-live") || !window.EventSource) return;
    var status = document.getElementById("live-status");
    var source = new EventSource(list.getAttribute("data-live"));
    var show = function (event) {
      var story = JSON.parse(event.data);
      var old = list.querySelector('[data-id="' + story.id + '"]');
      if (old) old.parentNode.removeChild(old);
      list.insertBefore(card(story), list.firstChild);
      if (status) {
        status.hidden = false;
        status.textContent = status.getAttribute("data-label");
      }
    };
    ["publish", "update", "correct"].forEach(function (name) { source.addEventListener(name, show); });
    source.addEventListener("withdraw", function (event) {
      var story = JSON.parse(event.data);
      var old = list.querySelector('[data-id="' + story.id + '"]');
      if (old) old.parentNode.removeChild(old);
    });
    document.documentElement.setAttribute("data-live", "connecting");
    source.addEventListener("open", function () { document.documentElement.setAttribute("data-live", "open"); });
  }

  document.addEventListener("DOMContentLoaded", function () { share(); live(); });
}());
