// Shared portal helpers. window.nf.fetch adds the CSRF header that the session middleware
// requires for every unsafe request authenticated by the cookie.
(function () {
  "use strict";
  const meta = document.querySelector('meta[name="csrf-token"]');
  const token = meta ? meta.getAttribute("content") : "";
  function nfFetch(url, options) {
    const opts = Object.assign({ credentials: "same-origin" }, options || {});
    opts.headers = Object.assign({}, opts.headers || {}, { "X-CSRF-Token": token });
    return fetch(url, opts);
  }
  // The language switcher works without JavaScript (a button); with it, choosing is enough.
  const select = document.getElementById("lang-select");
  if (select && select.form) {
    select.addEventListener("change", function () { select.form.submit(); });
  }
  window.nf = { fetch: nfFetch, csrfToken: token };
})();
