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

  // fetch, sending the browser to the login form when the desk's cookie has expired
  async function send(url, options) {
    const opts = Object.assign({ credentials: "same-origin" }, options || {});
    if (opts.json !== undefined) {
      opts.headers = Object.assign({ "Content-Type": "application/json" }, opts.headers || {});
      opts.body = JSON.stringify(opts.json);
      delete opts.json;
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
