/* The programme's pages: star buttons, clash flags, the "My agenda" page, and the service
 * worker that keeps pages and the compact programme for bad venue Wi-Fi.
 * The agenda lives in this device's localStorage only; the widget reads and writes the same key.
 * Programme text goes into the page through textContent, never innerHTML. */
(function () {
  "use strict";

  var KEY = "programme-assistant:agenda";
  var EVENT = "programme-assistant:agenda";
  var programme = null; // the compact programme, fetched once when a clash or the agenda needs it

  function starred() {
    try {
      var ids = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(ids) ? ids.filter(function (i) { return typeof i === "string"; }) : [];
    } catch (e) {
      return [];
    }
  }

  function setStarred(ids) {
    try {
      localStorage.setItem(KEY, JSON.stringify(ids));
    } catch (e) {
      /* storage blocked: the star just won't stick */
    }
    window.dispatchEvent(new CustomEvent(EVENT));
  }

  function toggle(id) {
    var ids = starred();
    var at = ids.indexOf(id);
    if (at < 0) ids.push(id);
    else ids.splice(at, 1);
    setStarred(ids);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = String(text);
    return node;
  }

  // The widget keeps the compact programme under this key too; a copy younger than ten
  // minutes is used as it is, an older one only when the network fails.
  var SAVED = "programme-assistant:programme:" + new URL("/api/chat", location.href).href;
  var FRESH_MS = 600000;

  function savedProgramme() {
    try {
      var kept = JSON.parse(localStorage.getItem(SAVED) || "null");
      return kept && kept.data && Array.isArray(kept.data.sessions) ? kept : null;
    } catch (e) {
      return null;
    }
  }

  function fetchProgramme(url) {
    return fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error("programme " + r.status);
        return r.json();
      })
      .then(function (data) {
        try {
          localStorage.setItem(SAVED, JSON.stringify({ data: data, at: Date.now() }));
        } catch (e) {
          /* full or blocked: fetched again next time */
        }
        return data;
      });
  }

  function loadProgramme(url) {
    if (!programme) {
      var kept = savedProgramme();
      programme = kept && Date.now() - kept.at < FRESH_MS
        ? Promise.resolve(kept.data)
        : fetchProgramme(url).catch(function (e) {
            if (kept) return kept.data;
            programme = null; // try again next time
            throw e;
          });
    }
    return programme;
  }

  function endOf(s) {
    if (s.end) return s.end;
    var d = new Date(s.start + ":00Z");
    return new Date(d.getTime() + 3600e3).toISOString().slice(0, 16);
  }

  // Starred sessions whose times overlap, by id: {"A": [sessionB, ...]}.
  function clashes(sessions, ids) {
    var mine = sessions.filter(function (s) { return s.start && ids.indexOf(s.id) >= 0; });
    var found = {};
    mine.forEach(function (a) {
      found[a.id] = mine.filter(function (b) {
        return b !== a && a.start < endOf(b) && b.start < endOf(a);
      });
    });
    return found;
  }

  function clashText(others) {
    return others.length
      ? "Clashes with " + others.map(function (s) { return s.title; }).join("; ")
      : "";
  }

  function programmeUrl() {
    var agenda = document.getElementById("agenda");
    return (agenda && agenda.dataset.programme) || "/programme.json";
  }

  function refreshStars() {
    var ids = starred();
    document.querySelectorAll("button[data-star]").forEach(function (button) {
      button.hidden = false;
      button.setAttribute("aria-pressed", String(ids.indexOf(button.dataset.star) >= 0));
    });
    var flags = document.querySelectorAll(".clash");
    if (!flags.length) return;
    if (ids.length < 2) {
      flags.forEach(function (f) { f.hidden = true; });
      return;
    }
    loadProgramme(programmeUrl()).then(function (data) {
      var found = clashes(data.sessions || [], ids);
      flags.forEach(function (flag) {
        var holder = flag.closest("[data-session]");
        var id = flag.dataset.clash || (holder && holder.dataset.session);
        flag.textContent = clashText(found[id] || []);
        flag.hidden = !flag.textContent;
      });
    }, function () {});
  }

  function agendaItem(s, others) {
    var item = el("li", "session");
    item.dataset.session = s.id;
    var times = s.start ? s.start.slice(11, 16) + (s.end ? "\u2013" + s.end.slice(11, 16) : "") : s.when;
    item.appendChild(el("p", "when", times));
    var title = el("p", "title");
    var link = el("a", null, s.title);
    link.href = s.url;
    if (s.lang) link.lang = s.lang;
    title.appendChild(link);
    item.appendChild(title);
    if (s.speakers && s.speakers.length) item.appendChild(el("p", "by", s.speakers.join(", ")));
    if (s.room) item.appendChild(el("p", "facts", s.room));
    var mark = el("p", "mark");
    var star = el("button", "star");
    star.type = "button";
    star.dataset.star = s.id;
    star.setAttribute("aria-label", "Star: " + s.title);
    star.appendChild(el("span", "star-icon")).setAttribute("aria-hidden", "true");
    star.appendChild(document.createTextNode("Star"));
    var clash = el("span", "clash", clashText(others));
    clash.hidden = !others.length;
    mark.append(star, " ", clash);
    item.appendChild(mark);
    return item;
  }

  function feedLinks(box, ids) {
    var ics = new URL(box.dataset.calendar, location.href);
    ics.search = "?ids=" + ids.map(encodeURIComponent).join(",");
    document.getElementById("agenda-ics").href = ics.href;
    document.getElementById("agenda-subscribe").href = ics.href.replace(/^https?:/, "webcal:");
    document.querySelectorAll(".agenda-feed").forEach(function (li) { li.hidden = !ids.length; });
  }

  function drawAgenda(box, data) {
    var ids = starred();
    var mine = (data.sessions || []).filter(function (s) { return ids.indexOf(s.id) >= 0; });
    var found = clashes(mine, ids);
    var nodes = [];
    var clashing = mine.filter(function (s) { return (found[s.id] || []).length; }).length;
    var summary = mine.length
      ? mine.length + (mine.length === 1 ? " starred session" : " starred sessions") +
        (clashing ? "; " + clashing + " of them clash." : ".")
      : "No starred sessions yet. Star sessions in the programme and they appear here.";
    nodes.push(el("p", mine.length ? "agenda-count" : "agenda-empty", summary));
    var list = null;
    var day = null;
    mine.forEach(function (s) {
      if (s.day !== day) {
        day = s.day;
        var section = el("section", "day");
        section.appendChild(el("h2", null, day));
        list = section.appendChild(el("ol", "sessions"));
        nodes.push(section);
      }
      list.appendChild(agendaItem(s, found[s.id] || []));
    });
    box.replaceChildren.apply(box, nodes);
    feedLinks(box, mine.map(function (s) { return s.id; }));
    refreshStars();
  }

  function showAgenda() {
    var box = document.getElementById("agenda");
    if (!box) return;
    loadProgramme(box.dataset.programme).then(
      function (data) {
        drawAgenda(box, data);
      },
      function () {
        box.replaceChildren(
          el("p", "agenda-empty", "Your agenda could not be loaded: the programme is not saved on this device yet.")
        );
      }
    );
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-star]");
    if (button) toggle(button.dataset.star);
  });
  window.addEventListener(EVENT, function () {
    refreshStars();
    // The list stays as drawn (an unstarred session keeps its place, so focus is not lost);
    // the calendar links follow the stars at once.
    var box = document.getElementById("agenda");
    if (!box || !document.getElementById("agenda-ics")) return;
    loadProgramme(box.dataset.programme).then(function (data) {
      var ids = starred();
      var known = (data.sessions || []).filter(function (s) { return ids.indexOf(s.id) >= 0; });
      feedLinks(box, known.map(function (s) { return s.id; })); // ids of another programme drop out
    }, function () {});
  });
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) window.dispatchEvent(new CustomEvent(EVENT));
  });

  refreshStars();
  showAgenda();
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
  }
})();
