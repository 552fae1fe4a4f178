// What every desk page's script shares. All text goes in through textContent or .value, never as HTML.
(function () {
  "use strict";

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  async function errorText(response) {
    try {
      const body = await response.json();
      if (body && body.error && body.error.message) return body.error.message;
    } catch (e) { /* not JSON */ }
    return "the server answered " + response.status;
  }

  // The session's CSRF token (the page's meta tag): every state change sends it back, and the
  // server refuses one without it.
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const CSRF = { "X-CSRF-Token": csrfMeta ? csrfMeta.content : "" };
  const SAFE = ["GET", "HEAD", "OPTIONS"];

  // fetch, sending the browser to the login form when the desk's session has ended
  async function send(url, options) {
    const opts = Object.assign({ credentials: "same-origin" }, options || {});
    if (opts.json !== undefined) {
      opts.headers = Object.assign({ "Content-Type": "application/json" }, opts.headers || {});
      opts.body = JSON.stringify(opts.json);
      delete opts.json;
    }
    if (SAFE.indexOf((opts.method || "GET").toUpperCase()) < 0) {
      opts.headers = Object.assign({}, CSRF, opts.headers || {});
    }
    const response = await fetch(url, opts);
    if (response.status === 401) {
      window.location.assign("/organiser");
      throw new Error("logged out");
    }
    return response;
  }

  window.Desk = { $: (id) => document.getElementById(id), el: el, errorText: errorText, send: send };
})();
