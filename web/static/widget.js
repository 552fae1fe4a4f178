/* Programme assistant chat widget. Embed with one tag:
 *   <script src="https://HOST/static/widget.js" data-endpoint="https://HOST/api/chat"
 *           data-title="Ask the programme" defer></script>
 * Optional: data-greeting, data-placeholder. No framework, no CDN, no inline script or style.
 * Every programme and user text goes into the page through textContent, never innerHTML. */
(function () {
  "use strict";

  var script =
    document.currentScript || document.querySelector('script[src*="widget.js"][data-endpoint]');
  if (!script || window.programmeAssistantWidget) return;

  var cfg = script.dataset;
  var endpoint = new URL(cfg.endpoint || "../api/chat", script.src).href;
  // The endpoint is .../api/chat, so the calendar and session pages live two levels up.
  var calendarUrl = new URL("../calendar.ics", endpoint).href;
  var title = cfg.title || "Ask the programme";
  var greeting =
    cfg.greeting ||
    "Ask me about the programme: who is speaking, when and where a session is, or what it is about.";
  var storageKey = "programme-assistant:" + endpoint;
  var MAX_KEPT = 60;

  var state = restore();
  var busy = false;
  var ui = {};

  window.programmeAssistantWidget = { open: open, close: close, send: send };

  function restore() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(storageKey) || "null");
      if (saved && Array.isArray(saved.messages)) return saved;
    } catch (e) {
      /* storage blocked or corrupt: start afresh */
    }
    return { messages: [], context: null, open: false };
  }

  function save() {
    state.messages = state.messages.slice(-MAX_KEPT);
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(state));
    } catch (e) {
      /* private mode or full: the conversation just won't survive a reload */
    }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = String(text);
    return node;
  }

  function srOnly(text) {
    return el("span", "pa-sr", text);
  }

  // Only http(s) links from the server become hrefs, resolved against the endpoint's origin.
  function safeHref(url) {
    try {
      var resolved = new URL(url, endpoint);
      return resolved.protocol === "http:" || resolved.protocol === "https:" ? resolved.href : null;
    } catch (e) {
      return null;
    }
  }

  function build() {
    var root = el("aside", "pa-root");
    root.setAttribute("aria-label", "Programme assistant");

    var launcher = el("button", "pa-launcher");
    launcher.type = "button";
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "pa-panel");
    launcher.appendChild(el("span", "pa-launcher-icon", "?")).setAttribute("aria-hidden", "true");
    launcher.appendChild(el("span", "pa-launcher-text", title));

    var panel = el("div", "pa-panel");
    panel.id = "pa-panel";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", "pa-title");

    var header = el("div", "pa-header");
    var heading = el("div", "pa-title", title);
    heading.id = "pa-title";
    var reset = el("button", "pa-reset", "New chat");
    reset.type = "button";
    var closer = el("button", "pa-close", "\u00d7");
    closer.type = "button";
    closer.setAttribute("aria-label", "Close");
    header.append(heading, reset, closer);

    var log = el("div", "pa-log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-label", "Conversation");
    log.tabIndex = 0; // scrollable region: reachable by keyboard

    var suggestions = el("div", "pa-suggestions");
    suggestions.setAttribute("role", "group");
    suggestions.setAttribute("aria-label", "Suggested questions");

    var form = el("form", "pa-form");
    var label = el("label", "pa-sr", "Your question");
    label.htmlFor = "pa-input";
    var input = el("input", "pa-input");
    input.id = "pa-input";
    input.type = "text";
    input.autocomplete = "off";
    input.maxLength = parseInt(cfg.maxLength || "1000", 10);
    input.placeholder = cfg.placeholder || "Type a question and press Enter";
    var sendButton = el("button", "pa-send", "Send");
    sendButton.type = "submit";
    form.append(label, input, sendButton);

    panel.append(header, log, suggestions, form);
    root.append(launcher, panel);

    launcher.addEventListener("click", function () {
      if (panel.hidden) open();
      else close();
    });
    closer.addEventListener("click", function () {
      close();
      launcher.focus();
    });
    reset.addEventListener("click", function () {
      state.messages = [];
      state.context = null;
      save();
      render();
      input.focus();
    });
    root.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) {
        event.preventDefault();
        close();
        launcher.focus();
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send(input.value);
    });

    ui = { root: root, launcher: launcher, panel: panel, log: log, input: input };
    ui.suggestions = suggestions;
    ui.sendButton = sendButton;
    return root;
  }

  function open(focus) {
    ui.panel.hidden = false;
    ui.launcher.setAttribute("aria-expanded", "true");
    ui.root.classList.add("pa-open");
    state.open = true;
    save();
    ui.log.scrollTop = ui.log.scrollHeight;
    if (focus !== false) ui.input.focus();
  }

  function close() {
    ui.panel.hidden = true;
    ui.launcher.setAttribute("aria-expanded", "false");
    ui.root.classList.remove("pa-open");
    state.open = false;
    save();
  }

  function renderMessage(message) {
    if (message.role === "user") {
      var mine = el("div", "pa-msg pa-user");
      mine.append(srOnly("You: "), el("span", null, message.text));
      return mine;
    }
    if (message.role === "error") {
      var failed = el("div", "pa-msg pa-error");
      failed.append(srOnly("Error: "), el("span", null, message.text));
      return failed;
    }
    var reply = el("div", "pa-msg pa-bot");
    var answer = el("p", "pa-answer");
    answer.append(srOnly("Assistant: "), el("span", null, message.text));
    reply.appendChild(answer);
    var citations = Array.isArray(message.citations) ? message.citations : [];
    if (citations.length) {
      var list = el("ul", "pa-citations");
      list.setAttribute("aria-label", message.abstained ? "Nearest sessions" : "Sources");
      citations.forEach(function (c) {
        var item = el("li");
        var faq = String(c.session_id || "").indexOf("faq:") === 0;  // an FAQ entry, not a session
        var name = (faq ? "FAQ: " : c.session_id ? c.session_id + ": " : "") + (c.title || "");
        var href = safeHref(c.url || "/sessions/" + encodeURIComponent(c.session_id || ""));
        var link = el(href ? "a" : "span", "pa-cite", name);
        if (href) link.href = href;
        item.appendChild(link);
        if (c.part && c.part !== c.title) item.appendChild(el("span", "pa-part", " \u2014 " + c.part));
        list.appendChild(item);
      });
      reply.appendChild(list);
      var ids = [];
      citations.forEach(function (c) {
        var session = c.session_id && String(c.session_id).indexOf("faq:") !== 0;
        if (session && ids.indexOf(c.session_id) < 0) ids.push(c.session_id);
      });
      if (!message.abstained && ids.length) {
        var cal = el(
          "a",
          "pa-calendar",
          ids.length === 1 ? "Add " + ids[0] + " to your calendar" : "Add these sessions to your calendar"
        );
        cal.href = calendarUrl + "?ids=" + ids.map(encodeURIComponent).join(",");
        reply.appendChild(cal);
      }
    }
    return reply;
  }

  function render() {
    ui.log.replaceChildren(el("p", "pa-greeting", greeting));
    state.messages.forEach(function (m) {
      ui.log.appendChild(renderMessage(m));
    });
    var last = state.messages[state.messages.length - 1];
    renderSuggestions(last && last.role === "assistant" ? last.suggestions : []);
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function renderSuggestions(items) {
    ui.suggestions.replaceChildren();
    (Array.isArray(items) ? items : []).slice(0, 4).forEach(function (text) {
      var button = el("button", "pa-suggestion", text);
      button.type = "button";
      button.addEventListener("click", function () {
        send(text);
      });
      ui.suggestions.appendChild(button);
    });
    ui.suggestions.hidden = !ui.suggestions.childElementCount;
  }

  function add(message) {
    state.messages.push(message);
    save();
    var node = ui.log.appendChild(renderMessage(message));
    // Show the start of a long answer, not its end; the panel is the offsetParent of both.
    ui.log.scrollTop = Math.min(ui.log.scrollHeight, node.offsetTop - ui.log.offsetTop - 8);
    if (message.role === "user") ui.log.scrollTop = ui.log.scrollHeight;
  }

  function setBusy(on) {
    busy = on;
    ui.log.setAttribute("aria-busy", on ? "true" : "false");
    ui.sendButton.disabled = on;
    if (on) {
      ui.typing = el("div", "pa-msg pa-bot pa-typing");
      ui.typing.append(srOnly("The assistant is answering"), el("span", null, "\u2026"));
      ui.log.appendChild(ui.typing);
      ui.log.scrollTop = ui.log.scrollHeight;
    } else if (ui.typing) {
      ui.typing.remove();
      ui.typing = null;
    }
  }

  async function send(text) {
    text = String(text || "").trim();
    if (!text || busy) return;
    ui.input.value = "";
    renderSuggestions([]);
    add({ role: "user", text: text });
    setBusy(true);
    var message;
    try {
      var response = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ message: text, context: state.context || null }),
        credentials: "omit",
      });
      var data = null;
      try {
        data = await response.json();
      } catch (e) {
        data = null;
      }
      if (response.ok && data && typeof data.answer === "string") {
        state.context = data.context || null;
        message = {
          role: "assistant",
          text: data.answer,
          abstained: !!data.abstained,
          citations: Array.isArray(data.citations) ? data.citations : [],
          suggestions: Array.isArray(data.suggestions) ? data.suggestions : [],
        };
      } else {
        var reason = data && data.error && data.error.message;
        message = {
          role: "error",
          text: "Sorry, no answer: " + (reason || "the server said " + response.status) + ".",
        };
      }
    } catch (e) {
      message = {
        role: "error",
        text: "Could not reach the programme assistant. Check your connection and try again.",
      };
    }
    setBusy(false);
    add(message);
    if (message.role === "assistant") renderSuggestions(message.suggestions);
    if (!ui.panel.hidden) ui.input.focus();
  }

  function mount() {
    var root = build();
    render();
    var shown = false;
    function show() {
      if (shown) return;
      shown = true;
      document.body.appendChild(root);
      // Reopen after a reload, but never cover a phone screen the delegate just navigated to.
      if (state.open && window.matchMedia("(min-width: 481px)").matches) open(false);
    }
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL("widget.css", script.src).href;
    css.addEventListener("load", show);
    css.addEventListener("error", show); // unstyled but usable
    document.head.appendChild(css);
    setTimeout(show, 3000);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
