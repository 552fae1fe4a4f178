/* Programme assistant chat widget. Embed with one tag:
 *   <script src="https://HOST/static/widget.js" data-endpoint="https://HOST/api/chat"
 *           data-title="Ask the programme" defer></script>
 * Optional: data-greeting, data-placeholder, data-skip-link="off". No framework, no CDN, no
 * inline script or style. Its own words are English or German: the host page's lang (else the
 * browser's language) until a reply comes back, then the language of the latest reply. Every programme and user text goes in through textContent, never
 * innerHTML. Offline (or when the server cannot be reached) it answers lookups on the device
 * from the compact programme it saved: titles and speakers, now and next, my agenda.
 * The agenda is this device's (localStorage, shared with the site's star buttons): questions
 * carry the starred ids, and a reply's `agenda` action ("add it to my agenda") is applied here. */
(function () {
  "use strict";

  var script =
    document.currentScript || document.querySelector('script[src*="widget.js"][data-endpoint]');
  if (!script || window.programmeAssistantWidget) return;

  var cfg = script.dataset;
  var endpoint = new URL(cfg.endpoint || "../api/chat", script.src).href;
  // The endpoint is .../api/chat, so the site's pages and files live one level up from it.
  var calendarUrl = new URL("../calendar.ics", endpoint).href;
  var agendaUrl = new URL("../agenda", endpoint).href;
  var programmeUrl = new URL("../programme.json", endpoint).href;
  var embedded = new URL(endpoint).origin !== location.origin;
  var STRINGS = {
    en: {
      title: "Ask the programme",
      greeting: "Ask me about the programme: who is speaking, when and where a session is, or what it is about.",
      assistant: "Programme assistant",
      newChat: "New chat",
      close: "Close",
      offlineBanner: "Offline: I answer from the programme saved on this device.",
      conversation: "Conversation",
      suggested: "Suggested questions",
      yourQuestion: "Your question",
      placeholder: "Type a question and press Enter",
      send: "Send",
      searching: "Searching the programme\u2026",
      stillSearching: "Still searching the programme for your last question\u2026",
      you: "You: ",
      error: "Error: ",
      answerFrom: "Assistant: ",
      newTab: " (opens in a new tab)",
      nearest: "Nearest sessions",
      sources: "Sources",
      star: "Star",
      starLabel: "Star: {title}",
      addOne: "Add \u201c{title}\u201d to your calendar",
      addAll: "Add these sessions to your calendar",
      skip: "Skip to the programme assistant",
      notAllowed: "This site is not allowed to use the assistant.",
      noAnswer: "Sorry, no answer: {reason}.",
      serverSaid: "the server said {status}",
      offlineAnswered: "Offline: answered from the programme saved on this device.",
      slowAnswered: "The programme assistant is taking too long to answer, so this is answered from the programme saved on this device.",
      unreachableAnswered: "The programme assistant could not be reached, so this is answered from the programme saved on this device.",
      offlineNothing: "You are offline, and the programme is not saved on this device yet. Ask again once you are connected.",
      unreachable: "The programme assistant could not be reached. Please try again in a moment.",
      by: ", by {names}",
      agendaEmpty: "Your agenda is empty. Star sessions in my answers or in the programme, and they are kept on this device.",
      agendaOne: "Your agenda has 1 session:",
      agendaMany: "Your agenda has {count} sessions:",
      clash: "Clash: {first} and {second} overlap.",
      onNow: "On now ({time}):",
      nothingNow: "Nothing is on now ({time}).",
      nextToday: "Next, at {time}:",
      nextOn: "Next, {day}, at {time}:",
      nothingElse: "Nothing else is scheduled after this.",
      noMatch: "No title or speaker in the saved programme matches that. Try a word from a title or a speaker's name.",
      savedOne: "In the saved programme:",
      savedMany: "{count} sessions in the saved programme match:",
      andMore: "\u2026and {count} more.",
    },
    de: {
      title: "Frag das Programm",
      greeting: "Frag mich zum Programm: wer spricht, wann und wo eine Session ist oder worum es geht.",
      assistant: "Programm-Assistent",
      newChat: "Neuer Chat",
      close: "Schließen",
      offlineBanner: "Offline: Ich antworte aus dem auf diesem Gerät gespeicherten Programm.",
      conversation: "Unterhaltung",
      suggested: "Vorgeschlagene Fragen",
      yourQuestion: "Deine Frage",
      placeholder: "Frage eingeben und Enter drücken",
      send: "Senden",
      searching: "Durchsuche das Programm\u2026",
      stillSearching: "Ich suche noch nach einer Antwort auf deine letzte Frage\u2026",
      you: "Du: ",
      error: "Fehler: ",
      answerFrom: "Assistent: ",
      newTab: " (öffnet in einem neuen Tab)",
      nearest: "Nächstliegende Sessions",
      sources: "Quellen",
      star: "Merken",
      starLabel: "Merken: {title}",
      addOne: "\u201e{title}\u201c zum Kalender hinzufügen",
      addAll: "Diese Sessions zum Kalender hinzufügen",
      skip: "Zum Programm-Assistenten springen",
      notAllowed: "Diese Website darf den Assistenten nicht verwenden.",
      noAnswer: "Leider keine Antwort: {reason}.",
      serverSaid: "der Server meldet {status}",
      offlineAnswered: "Offline: beantwortet aus dem auf diesem Gerät gespeicherten Programm.",
      slowAnswered: "Der Programm-Assistent braucht zu lange, daher kommt diese Antwort aus dem auf diesem Gerät gespeicherten Programm.",
      unreachableAnswered: "Der Programm-Assistent ist nicht erreichbar, daher kommt diese Antwort aus dem auf diesem Gerät gespeicherten Programm.",
      offlineNothing: "Du bist offline, und das Programm ist noch nicht auf diesem Gerät gespeichert. Frag noch einmal, sobald du verbunden bist.",
      unreachable: "Der Programm-Assistent ist nicht erreichbar. Bitte versuch es gleich noch einmal.",
      by: ", von {names}",
      agendaEmpty: "Deine Agenda ist leer. Merk dir Sessions in meinen Antworten oder im Programm; sie bleiben auf diesem Gerät.",
      agendaOne: "Deine Agenda hat 1 Session:",
      agendaMany: "Deine Agenda hat {count} Sessions:",
      clash: "Überschneidung: {first} und {second}.",
      onNow: "Jetzt ({time}):",
      nothingNow: "Gerade läuft nichts ({time}).",
      nextToday: "Als Nächstes, um {time}:",
      nextOn: "Als Nächstes, {day}, um {time}:",
      nothingElse: "Danach ist nichts mehr geplant.",
      noMatch: "Kein Titel und keine Person im gespeicherten Programm passt dazu. Versuch ein Wort aus einem Titel oder einen Namen.",
      savedOne: "Im gespeicherten Programm:",
      savedMany: "{count} Sessions im gespeicherten Programm passen:",
      andMore: "\u2026und {count} weitere.",
    },
  };
  // The host page's language, else the browser's; replies then set it (state.lang).
  var pageLang = languageOf(document.documentElement.lang || navigator.language || "");
  var storageKey = "programme-assistant:" + endpoint;
  var dataKey = "programme-assistant:programme:" + endpoint;
  var AGENDA_KEY = "programme-assistant:agenda"; // shared with the site's star buttons
  var AGENDA_EVENT = "programme-assistant:agenda";
  var MAX_SENT = 500; // starred ids sent with a question, as the server accepts them
  var MAX_KEPT = 60;
  var WAIT_MS = 40000;
  var FRESH_MS = 600000; // a saved programme younger than ten minutes is not fetched again
  var PHONE = "(max-width: 480px), (max-height: 480px)";

  var state = restore();
  var busy = false;
  var ui = {};
  var saved = null; // {data, at}: the compact programme and when (device ms) it was fetched
  var loading = null;

  window.programmeAssistantWidget = { open: open, close: close, send: send };

  function languageOf(code) {
    return /^de(-|_|$)/i.test(String(code)) ? "de" : "en";
  }

  function lang() {
    return STRINGS[state.lang] ? state.lang : pageLang;
  }

  // The widget's own words in its language, with {name} places filled.
  function t(key, values) {
    return (STRINGS[lang()][key] || STRINGS.en[key]).replace(/\{(\w+)\}/g, function (m, name) {
      return values && values[name] != null ? String(values[name]) : m;
    });
  }

  function load(storage, key) {
    try {
      return JSON.parse(storage.getItem(key) || "null");
    } catch (e) {
      return null; // storage blocked or corrupt
    }
  }

  function store(storage, key, value) {
    try {
      storage.setItem(key, JSON.stringify(value));
    } catch (e) {
      /* private mode or full: it just won't survive a reload */
    }
  }

  function restore() {
    var kept = load(sessionStorage, storageKey);
    return kept && Array.isArray(kept.messages) ? kept : { messages: [], context: null, open: false };
  }

  function save() {
    state.messages = state.messages.slice(-MAX_KEPT);
    store(sessionStorage, storageKey, state);
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

  function button(className, text) {
    var b = el("button", className, text);
    b.type = "button";
    return b;
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

  /* ---------------------------------------------------------------- the device's programme */

  function programme() {
    if (saved) return Promise.resolve(saved.data);
    var kept = load(localStorage, dataKey); // the site's pages keep it under the same key
    if (kept && kept.data && Date.now() - kept.at < FRESH_MS) {
      saved = kept;
      return Promise.resolve(kept.data);
    }
    if (!loading) {
      loading = fetch(programmeUrl, { credentials: "omit", headers: { Accept: "application/json" } })
        .then(function (r) {
          if (!r.ok) throw new Error("programme " + r.status);
          return r.json();
        })
        .then(function (data) {
          saved = { data: data, at: Date.now() };
          store(localStorage, dataKey, saved);
          return data;
        })
        .catch(function (e) {
          loading = null;
          var kept = load(localStorage, dataKey);
          if (kept && kept.data && Array.isArray(kept.data.sessions)) {
            saved = kept;
            return kept.data;
          }
          throw e;
        });
    }
    return loading;
  }

  function sessionById(id) {
    var list = (saved && saved.data.sessions) || [];
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i];
    return null;
  }

  // The programme's wall clock now: its clock when fetched, advanced by the device's since.
  function programmeNow() {
    var then = Date.parse(saved.data.now + ":00Z");
    if (isNaN(then)) return new Date().toISOString().slice(0, 16);
    return new Date(then + Date.now() - saved.at).toISOString().slice(0, 16);
  }

  function endOf(s) {
    return s.end || new Date(Date.parse(s.start + ":00Z") + 3600e3).toISOString().slice(0, 16);
  }

  function starred() {
    var ids = load(localStorage, AGENDA_KEY);
    return Array.isArray(ids) ? ids : [];
  }

  function setStarred(ids) {
    store(localStorage, AGENDA_KEY, ids);
    window.dispatchEvent(new CustomEvent(AGENDA_EVENT)); // the page's stars follow
  }

  function toggleStar(id) {
    var ids = starred();
    var at = ids.indexOf(id);
    if (at < 0) ids.push(id);
    else ids.splice(at, 1);
    setStarred(ids);
  }

  // A reply's agenda action ("add it to my agenda"): {add: [ids], remove: [ids]}.
  function applyAgenda(change) {
    if (!change || typeof change !== "object") return;
    var ids = starred();
    (Array.isArray(change.add) ? change.add : []).forEach(function (id) {
      if (typeof id === "string" && ids.indexOf(id) < 0) ids.push(id);
    });
    var gone = Array.isArray(change.remove) ? change.remove : [];
    setStarred(ids.filter(function (id) { return gone.indexOf(id) < 0; }));
  }

  // What the server may read of the agenda: the ids it accepts, the latest starred last.
  function agendaToSend() {
    var ids = starred().filter(function (id) {
      return typeof id === "string" && id.length > 0 && id.length <= 200;
    });
    return ids.slice(-MAX_SENT);
  }

  function refreshStars() {
    var ids = starred();
    ui.log.querySelectorAll("button[data-pa-star]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(ids.indexOf(b.dataset.paStar) >= 0));
    });
  }

  /* ---------------------------------------------------------------- answers on the device */

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var STOP = /^(a|an|and|any|are|about|by|can|do|does|find|for|from|give|has|have|i|in|is|it|me|of|on|or|please|show|talk|talks|tell|that|the|there|this|to|what|whats|when|where|which|who|whos|with|session|sessions|speaking|speaks|programme|program)$/;

  function line(s, sameDay) {
    var when = sameDay && s.start ? s.start.slice(11) + (s.end ? "\u2013" + s.end.slice(11) : "") : s.when;
    return "- " + when + ": " + s.title + (s.room ? " (" + s.room + ")" : "") +
      (s.speakers && s.speakers.length ? t("by", { names: s.speakers.join(", ") }) : "");
  }

  function reply(text, sessions) {
    return {
      role: "assistant",
      text: text,
      citations: sessions.map(function (s) {
        return { session_id: s.id, title: s.title, part: "", url: s.url };
      }),
      suggestions: [],
      lang: lang(),
    };
  }

  function agendaAnswer(data) {
    var ids = starred();
    var mine = data.sessions.filter(function (s) { return ids.indexOf(s.id) >= 0; });
    if (!mine.length) {
      return reply(t("agendaEmpty"), []);
    }
    var lines = [mine.length === 1 ? t("agendaOne") : t("agendaMany", { count: mine.length })];
    mine.forEach(function (s) { lines.push(line(s)); });
    mine.forEach(function (a, i) {
      mine.slice(i + 1).forEach(function (b) {
        if (a.start && b.start && a.start < endOf(b) && b.start < endOf(a)) {
          lines.push(t("clash", { first: a.title, second: b.title }));
        }
      });
    });
    return reply(lines.join("\n"), mine);
  }

  function nowNextAnswer(data) {
    var now = programmeNow();
    var timed = data.sessions.filter(function (s) { return s.start; });
    var on = timed.filter(function (s) { return s.start <= now && now < endOf(s); });
    var later = timed.filter(function (s) { return s.start > now; });
    var first = later.reduce(function (m, s) { return !m || s.start < m ? s.start : m; }, "");
    var next = later.filter(function (s) { return s.start === first; });
    var lines = [t(on.length ? "onNow" : "nothingNow", { time: now.slice(11) })];
    on.forEach(function (s) { lines.push(line(s, true)); });
    if (next.length) {
      var today = first.slice(0, 10) === now.slice(0, 10);
      lines.push(t(today ? "nextToday" : "nextOn", { day: next[0].day, time: first.slice(11) }));
      next.forEach(function (s) { lines.push(line(s, true)); });
    } else {
      lines.push(t("nothingElse"));
    }
    return reply(lines.join("\n"), on.concat(next).slice(0, 12));
  }

  function searchAnswer(data, question) {
    var words = fold(question).split(/[^a-z0-9#+]+/).filter(function (w) {
      return w.length > 1 && !STOP.test(w);
    });
    var scored = data.sessions.map(function (s) {
      // words match at the start of a word: 'tor' finds Tor, not history
      var hay = " " + fold(s.title + " " + (s.speakers || []).join(" ")).replace(/[^a-z0-9#+]+/g, " ");
      return { s: s, n: words.filter(function (w) { return hay.indexOf(" " + w) >= 0; }).length };
    });
    var best = scored.reduce(function (m, x) { return Math.max(m, x.n); }, 0);
    var found = best ? scored.filter(function (x) { return x.n === best; }).map(function (x) { return x.s; }) : [];
    if (!found.length) {
      return reply(t("noMatch"), []);
    }
    var shown = found.slice(0, 6);
    var lines = [found.length === 1 ? t("savedOne") : t("savedMany", { count: found.length })];
    shown.forEach(function (s) { lines.push(line(s)); });
    if (found.length > shown.length) lines.push(t("andMore", { count: found.length - shown.length }));
    return reply(lines.join("\n"), shown);
  }

  function isAgendaQuestion(text) {
    return /\bmy\s+(agenda|schedule|calendar|plan|starred|stars|favou?rites)\b/i.test(text) &&
      !/^\s*(please\s+)?(add|put|star|save|remove|delete|unstar|take)\b/i.test(text);
  }

  // "Add it to my agenda": the server reads "it" from the conversation; the device cannot.
  function isAgendaChange(text) {
    return /^\s*(please\s+)?(add|put|star|save|bookmark|remove|delete|unstar|take)\b/i.test(text) &&
      /\b(it|this|that|them|one|agenda|calendar|schedule)\b/i.test(text);
  }

  function localAnswer(data, text) {
    if (isAgendaChange(text)) {
      return reply("Without the server I can't tell which session you mean. Use the Star button beside a session, in my answers or in the programme, to add it to your agenda.", []);
    }
    if (isAgendaQuestion(text)) return agendaAnswer(data);
    if (/\b(now|currently|at the moment|happening|next|coming up|soon)\b/i.test(text)) return nowNextAnswer(data);
    return searchAnswer(data, text);
  }

  /* ---------------------------------------------------------------- building the widget */

  function build() {
    var root = el("aside", "pa-root");

    var launcher = button("pa-launcher");
    launcher.id = "pa-launcher";
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "pa-panel");
    launcher.appendChild(el("span", "pa-launcher-icon", "?")).setAttribute("aria-hidden", "true");
    var launcherText = launcher.appendChild(el("span", "pa-launcher-text"));

    var panel = el("div", "pa-panel");
    panel.id = "pa-panel";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", "pa-title");

    var header = el("div", "pa-header");
    var heading = el("h2", "pa-title");
    heading.id = "pa-title";
    var reset = button("pa-reset");
    var closer = button("pa-close", "\u00d7");
    header.append(heading, reset, closer);

    var offline = el("p", "pa-offline");
    offline.hidden = navigator.onLine !== false;

    var log = el("div", "pa-log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.tabIndex = 0; // scrollable region: reachable by keyboard

    var status = el("div", "pa-status");
    status.setAttribute("role", "status");

    var suggestions = el("div", "pa-suggestions");
    suggestions.setAttribute("role", "group");

    var form = el("form", "pa-form");
    var label = el("label", "pa-sr");
    label.htmlFor = "pa-input";
    var input = el("input", "pa-input");
    input.id = "pa-input";
    input.type = "text";
    input.autocomplete = "off";
    input.enterKeyHint = "send";
    input.maxLength = parseInt(cfg.maxLength || "1000", 10);
    var sendButton = el("button", "pa-send");
    sendButton.type = "submit";
    form.append(label, input, sendButton);

    panel.append(header, offline, log, status, suggestions, form);
    root.append(launcher, panel);

    ui = { root: root, launcher: launcher, panel: panel, log: log, input: input, status: status };
    ui.suggestions = suggestions;
    ui.offline = offline;
    ui.words = {
      launcherText: launcherText, heading: heading, reset: reset, closer: closer, label: label,
      sendButton: sendButton,
    };
    relabel();
    wire(reset, closer, form);
    return root;
  }

  // The widget's own words in its current language (the site's data-* words stay as given).
  function relabel() {
    var w = ui.words;
    var title = cfg.title || t("title");
    ui.root.lang = lang();
    ui.root.setAttribute("aria-label", t("assistant"));
    w.launcherText.textContent = title;
    w.heading.textContent = title;
    w.reset.textContent = t("newChat");
    w.closer.setAttribute("aria-label", t("close"));
    ui.offline.textContent = t("offlineBanner");
    ui.log.setAttribute("aria-label", t("conversation"));
    ui.suggestions.setAttribute("aria-label", t("suggested"));
    w.label.textContent = t("yourQuestion");
    ui.input.placeholder = cfg.placeholder || t("placeholder");
    w.sendButton.textContent = t("send");
    if (ui.skip) ui.skip.textContent = t("skip");
  }

  function wire(reset, closer, form) {
    ui.launcher.addEventListener("click", function () {
      if (ui.panel.hidden) open();
      else close();
    });
    closer.addEventListener("click", function () {
      close();
      ui.launcher.focus();
    });
    reset.addEventListener("click", function () {
      state.messages = [];
      state.context = null;
      state.lang = null; // a new chat starts in the page's language again
      save();
      relabel();
      render();
      ui.input.focus();
    });
    ui.root.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !ui.panel.hidden) {
        event.preventDefault();
        close();
        ui.launcher.focus();
      } else if (event.key === "Tab" && modal()) {
        trapTab(event);
      }
    });
    // A phone's full-screen panel is modal: focus that wanders out (a screen reader's
    // swipe, a click through) is brought back in.
    document.addEventListener("focusin", function (event) {
      if (modal() && !ui.panel.contains(event.target)) ui.input.focus();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send(ui.input.value);
    });
    ui.log.addEventListener("click", function (event) {
      var star = event.target.closest && event.target.closest("button[data-pa-star]");
      if (star) toggleStar(star.dataset.paStar);
    });
    window.addEventListener(AGENDA_EVENT, refreshStars);
    window.addEventListener("storage", function (event) {
      if (event.key === AGENDA_KEY) refreshStars();
    });
    window.addEventListener("online", showOnline);
    window.addEventListener("offline", showOnline);
    if (window.visualViewport) {
      window.visualViewport.addEventListener("resize", fitKeyboard);
      window.visualViewport.addEventListener("scroll", fitKeyboard);
    }
  }

  function modal() {
    return !ui.panel.hidden && window.matchMedia(PHONE).matches;
  }

  function trapTab(event) {
    var items = Array.prototype.filter.call(
      ui.panel.querySelectorAll("a[href], button, input, [tabindex='0']"),
      function (n) { return !n.disabled && n.getClientRects().length; }
    );
    if (!items.length) return;
    var first = items[0];
    var last = items[items.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  // On a phone the on-screen keyboard shrinks the visual viewport: the panel follows it, so
  // the input and Send stay above the keyboard.
  function fitKeyboard() {
    var vv = window.visualViewport;
    if (!vv || !modal()) {
      ui.panel.style.height = "";
      ui.panel.style.top = "";
      return;
    }
    ui.panel.style.height = vv.height + "px";
    ui.panel.style.top = vv.offsetTop + "px";
  }

  function showOnline() {
    ui.offline.hidden = navigator.onLine !== false;
  }

  function open(focus) {
    ui.panel.hidden = false;
    ui.launcher.setAttribute("aria-expanded", "true");
    ui.root.classList.add("pa-open");
    if (window.matchMedia(PHONE).matches) ui.panel.setAttribute("aria-modal", "true");
    else ui.panel.removeAttribute("aria-modal");
    state.open = true;
    save();
    fitKeyboard();
    ui.log.scrollTop = ui.log.scrollHeight;
    if (focus !== false) ui.input.focus();
    programme().catch(function () {}); // kept for offline lookups and the agenda
  }

  function close() {
    ui.panel.hidden = true;
    ui.launcher.setAttribute("aria-expanded", "false");
    ui.root.classList.remove("pa-open");
    state.open = false;
    save();
  }

  /* ---------------------------------------------------------------- messages */

  function isFaq(c) {
    return String(c.session_id || "").indexOf("faq:") === 0;  // an FAQ entry, not a session
  }

  // The session a citation belongs to: a part cited by its own id (an Indico contribution)
  // opens its session, whose id is in the citation's url.
  function citedSession(c) {
    var m = /^\/sessions\/([^#?]+)/.exec(c.url || "");
    return m && !sessionById(c.session_id) ? decodeURIComponent(m[1]) : c.session_id;
  }

  function citationLink(c) {
    var href = safeHref(c.url || "/sessions/" + encodeURIComponent(c.session_id || ""));
    var known = isFaq(c) ? null : sessionById(citedSession(c));
    var link = el(href ? "a" : "span", "pa-cite", (isFaq(c) ? "FAQ: " : "") + (c.title || c.session_id || ""));
    if (known && known.lang) link.lang = known.lang;
    if (!href) return link;
    // A part's citation opens at the part, when the saved programme says which part it is.
    var part = known && known.parts && known.parts.filter(function (p) { return p[1] === c.part; })[0];
    link.href = href + (part && href.indexOf("#") < 0 ? "#part-" + part[0] : "");
    if (embedded) {
      // On another site a citation opens in a new tab, so the conversation stays put.
      link.target = "_blank";
      link.rel = "noopener";
      link.appendChild(srOnly(t("newTab")));
    }
    return link;
  }

  function citationList(message) {
    var list = el("ul", "pa-citations");
    list.setAttribute("aria-label", t(message.abstained ? "nearest" : "sources"));
    var ids = starred();
    message.citations.forEach(function (c) {
      var item = el("li");
      var text = el("span", "pa-cite-text");
      text.appendChild(citationLink(c));
      if (c.part && c.part !== c.title) text.appendChild(el("span", "pa-part", " \u2014 " + c.part));
      item.appendChild(text);
      if (c.session_id && !isFaq(c)) {
        var star = button("pa-star");
        star.dataset.paStar = citedSession(c);
        star.setAttribute("aria-pressed", String(ids.indexOf(citedSession(c)) >= 0));
        star.setAttribute("aria-label", t("starLabel", { title: c.title || c.session_id }));
        star.appendChild(el("span", "pa-star-icon")).setAttribute("aria-hidden", "true");
        star.append(t("star"));
        item.appendChild(star);
      }
      list.appendChild(item);
    });
    return list;
  }

  function calendarLink(message) {
    var ids = [];
    var sessions = message.citations.filter(function (c) { return c.session_id && !isFaq(c); });
    sessions.forEach(function (c) {
      if (ids.indexOf(citedSession(c)) < 0) ids.push(citedSession(c));
    });
    if (message.abstained || !ids.length) return null;
    var only = sessions[0].title;
    var cal = el(
      "a",
      "pa-calendar",
      ids.length === 1 ? t("addOne", { title: only }) : t("addAll")
    );
    cal.href = calendarUrl + "?ids=" + ids.map(encodeURIComponent).join(",");
    return cal;
  }

  // After "add it to my agenda": the agenda as a calendar file, and its page on this site.
  function agendaLinks() {
    var links = el("p", "pa-agenda-links");
    var ids = starred().filter(function (id) { return typeof id === "string"; });
    var ics = el("a", "pa-calendar", "Download .ics");
    ics.href = calendarUrl + "?ids=" + ids.map(encodeURIComponent).join(",");
    links.appendChild(ics);
    if (!embedded) {
      // another site's page keeps its own stars: the agenda page would not show these
      var page = el("a", "pa-calendar", "My agenda");
      page.href = agendaUrl;
      links.append(" ", page);
    }
    return links;
  }

  function renderMessage(message) {
    if (message.role === "user") {
      var mine = el("div", "pa-msg pa-user");
      mine.append(srOnly(t("you")), el("span", null, message.text));
      return mine;
    }
    if (message.role === "error") {
      var failed = el("div", "pa-msg pa-error");
      failed.append(srOnly(t("error")), el("span", null, message.text));
      return failed;
    }
    var answer = el("div", "pa-msg pa-bot");
    // the answer's own language, so a screen reader reads a German answer as German
    answer.lang = message.lang || "en";
    if (message.note) answer.appendChild(el("p", "pa-note", message.note));
    var words = el("p", "pa-answer");
    words.append(srOnly(t("answerFrom")), el("span", null, message.text));
    answer.appendChild(words);
    message.citations = Array.isArray(message.citations) ? message.citations : [];
    if (message.citations.length) {
      answer.appendChild(citationList(message));
      var cal = message.agenda ? agendaLinks() : calendarLink(message);
      if (cal) answer.appendChild(cal);
    }
    return answer;
  }

  function render() {
    ui.log.replaceChildren(el("p", "pa-greeting", cfg.greeting || t("greeting")));
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
      var b = button("pa-suggestion", text);
      b.addEventListener("click", function () {
        send(text);
      });
      ui.suggestions.appendChild(b);
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

  function setStatus(text) {
    ui.status.replaceChildren();
    if (!text) return;
    ui.status.append(el("span", "pa-status-text", text), el("span", "pa-dots"));
    ui.status.lastChild.setAttribute("aria-hidden", "true");
  }

  function setBusy(on) {
    busy = on;
    ui.log.setAttribute("aria-busy", on ? "true" : "false");
    ui.root.classList.toggle("pa-busy", on);
    setStatus(on ? t("searching") : "");
  }

  /* ---------------------------------------------------------------- asking */

  async function ask(text) {
    // Venue Wi-Fi can hold a request for minutes: past WAIT_MS the device answers instead.
    var stop = window.AbortController ? new AbortController() : null;
    var timer = stop && setTimeout(function () { stop.abort(); }, WAIT_MS);
    var response = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ message: text, context: state.context || null, agenda: agendaToSend() }),
      credentials: "omit",
      signal: stop ? stop.signal : undefined,
    }).finally(function () {
      clearTimeout(timer);
    });
    var data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    if (response.ok && data && typeof data.answer === "string") {
      state.context = data.context || null;
      applyAgenda(data.agenda);
      if (STRINGS[data.lang]) state.lang = data.lang; // the interface follows the conversation
      return {
        role: "assistant",
        text: data.answer,
        abstained: !!data.abstained,
        citations: Array.isArray(data.citations) ? data.citations : [],
        suggestions: Array.isArray(data.suggestions) ? data.suggestions : [],
        agenda: !!data.agenda,
        lang: typeof data.lang === "string" ? data.lang : "en",
      };
    }
    var reason = data && data.error && data.error.message;
    if (response.status === 403 && reason) {
      // The site owner's fix is in the server's message (it names ASSISTANT_CORS_ORIGINS).
      if (window.console) console.warn("Programme assistant: " + reason);
      return { role: "error", text: t("notAllowed") };
    }
    return {
      role: "error",
      text: t("noAnswer", { reason: reason || t("serverSaid", { status: response.status }) }),
    };
  }

  async function answerOnDevice(text, offline, slow) {
    try {
      var data = await programme();
      var message = localAnswer(data, text);
      message.note = offline
        ? t(navigator.onLine === false ? "offlineAnswered" : slow ? "slowAnswered" : "unreachableAnswered")
        : "";
      message.offline = offline;
      return message;
    } catch (e) {
      return {
        role: "error",
        text: t(navigator.onLine === false ? "offlineNothing" : "unreachable"),
      };
    }
  }

  async function send(text) {
    text = String(text || "").trim();
    if (!text) return;
    if (busy) {
      setStatus(t("stillSearching"));
      return;
    }
    ui.input.value = "";
    renderSuggestions([]);
    add({ role: "user", text: text });
    setBusy(true);
    var message;
    if (navigator.onLine === false) {
      message = await answerOnDevice(text, true);
    } else {
      try {
        message = await ask(text);
      } catch (e) {
        message = await answerOnDevice(text, true, e && e.name === "AbortError");
      }
    }
    setBusy(false);
    relabel();
    add(message);
    if (message.role === "assistant") renderSuggestions(message.suggestions);
    if (!ui.panel.hidden) ui.input.focus();
  }

  /* ---------------------------------------------------------------- mounting */

  function skipLink() {
    var skip = el("a", "pa-skip", t("skip"));
    ui.skip = skip;
    skip.href = "#pa-launcher";
    skip.addEventListener("click", function (event) {
      event.preventDefault();
      open();
    });
    return skip;
  }

  function mount() {
    var root = build();
    render();
    var shown = false;
    function show() {
      if (shown) return;
      shown = true;
      // First in the Tab order of any page: a skip link to the assistant.
      if (cfg.skipLink !== "off") document.body.prepend(skipLink());
      document.body.appendChild(root);
      // Reopen after a reload, but never cover a phone screen the delegate just navigated to.
      if (state.open && !window.matchMedia(PHONE).matches) open(false);
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
