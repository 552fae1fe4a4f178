// Programme updates: check -> preview -> confirm -> publish (with progress) -> history, rollback.
(function () {
  "use strict";
  const D = window.Desk;
  const $ = D.$;
  const el = D.el;
  let checked = null;

  function showProblems(lines) {
    $("update-problems").replaceChildren(...lines.map((line) => el("li", line)));
  }

  function list(title, items, describe) {
    const box = el("div");
    box.appendChild(el("h3", title));
    const ul = el("ul");
    items.forEach((item) => ul.appendChild(el("li", describe(item))));
    box.appendChild(ul);
    return box;
  }

  const plural = (n, word) => n + " " + word + (n === 1 ? "" : "s");

  function showPreview(body) {
    const p = body.preview;
    const c = p.counts;
    $("preview-summary").textContent =
      body.file + ": “" + body.title + "”, " + plural(body.sessions, "session") + " on " +
      plural(body.days.length, "day") + " in " + plural(body.rooms.length, "room") +
      ". Against the live “" + p.live_title + "” (" + plural(p.live_sessions, "session") + "): " +
      c.added + " added, " + c.removed + " removed, " + c.changed + " changed, " + c.unchanged +
      " unchanged.";
    $("preview-warnings").replaceChildren(
      ...p.warnings.concat(body.problems).map((line) => el("li", line)));
    const lists = $("preview-lists");
    lists.replaceChildren();
    const session = (s) => s.id + ": " + s.title;
    if (p.added.length) lists.appendChild(list("Added (" + c.added + ")", p.added, session));
    if (p.removed.length) lists.appendChild(list("Removed (" + c.removed + ")", p.removed, session));
    if (p.changed.length) {
      lists.appendChild(list("Changed (" + c.changed + ")", p.changed,
        (s) => session(s) + " — " + s.fields.join(", ")));
    }
    const days = p.days_added.map((d) => "+ " + d).concat(p.days_removed.map((d) => "− " + d));
    if (days.length) lists.appendChild(list("Days", days, (d) => d));
    const rooms = p.rooms_added.map((r) => "+ " + r).concat(p.rooms_removed.map((r) => "− " + r));
    if (rooms.length) lists.appendChild(list("Rooms", rooms, (r) => r));
    $("confirm").hidden = true;
    $("publish").hidden = false;
    $("preview").hidden = false;
  }

  function showStatus(s) {
    const bar = $("update-progress");
    bar.hidden = !(s.state === "building" || s.state === "swapped");
    bar.value = s.progress;
    bar.setAttribute("aria-valuetext", Math.round(s.progress * 100) + "%: " + s.message);
    const label = {
      building: "Building", swapped: "Published", failed: "Failed", cancelled: "Cancelled", lost: "Lost",
    };
    $("update-cancel").hidden = s.state !== "building";
    $("progress-text").textContent = label[s.state] ? label[s.state] + ": " + s.message : "";
    if (s.state === "swapped") {
      $("programme-title").textContent = s.title;
      $("desk-programme-title").textContent = s.title;
      $("programme-sessions").textContent = String(s.sessions);
      loadHistory();
    }
  }

  async function poll() {
    const response = await D.send("/organiser/api/programme/status");
    if (!response.ok) return;
    const s = await response.json();
    showStatus(s);
    if (s.state === "building") window.setTimeout(poll, 250);
  }

  async function loadHistory() {
    const response = await D.send("/organiser/api/programme/history");
    if (!response.ok) return;
    const body = await response.json();
    const ol = $("history");
    ol.replaceChildren();
    for (const v of body.versions) {
      const li = el("li", undefined, v.live ? "live" : "");
      const when = new Date(v.published_at).toLocaleString();
      li.appendChild(el("span", v.title + " — " + plural(v.sessions, "session") + " — " +
        (v.file || "as it was") + " — live from " + when + (v.live ? " (live now)" : "")));
      if (!v.live && v.id) {
        const button = el("button", "Roll back to this", "secondary");
        button.type = "button";
        button.dataset.version = v.id;
        button.setAttribute("aria-label", "Roll back to " + v.title + ", live from " + when);
        li.append(" ", button);
      }
      ol.appendChild(li);
    }
  }

  $("history").addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-version]");
    if (!button) return;
    const response = await D.send("/organiser/api/programme/rollback", {
      method: "POST", json: { version: button.dataset.version },
    });
    if (!response.ok) {
      $("progress-text").textContent = "Not rolled back: " + (await D.errorText(response));
      return;
    }
    showStatus(await response.json());
    window.setTimeout(poll, 250);
  });

  $("update-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    showProblems([]);
    $("preview").hidden = true;
    checked = null;
    $("update-status").textContent = "Checking…";
    try {
      const response = await D.send("/organiser/api/programme", {
        method: "POST", body: new FormData(event.target),
      });
      if (!response.ok) {
        const [first, ...rest] = (await D.errorText(response)).split("\n");
        $("update-status").textContent = "Not published: " + first;
        showProblems(rest);
        return;
      }
      checked = await response.json();
      $("update-status").textContent = "Checked: look at the changes, then publish.";
      showPreview(checked);
    } catch (e) {
      $("update-status").textContent = "Could not reach the server.";
    }
  });

  $("publish").addEventListener("click", () => {
    $("confirm-text").textContent = "Replace “" + checked.preview.live_title + "” (" +
      plural(checked.preview.live_sessions, "session") + ") with “" + checked.title + "” (" +
      plural(checked.sessions, "session") + ")? Delegates get answers from it as soon as it is built.";
    $("publish").hidden = true;
    $("confirm").hidden = false;
    $("confirm-publish").focus();
  });

  $("cancel-publish").addEventListener("click", () => {
    $("confirm").hidden = true;
    $("publish").hidden = false;
    $("publish").focus();
  });

  $("confirm-publish").addEventListener("click", async () => {
    const response = await D.send("/organiser/api/programme/publish", {
      method: "POST", json: { upload: checked.upload },
    });
    $("preview").hidden = true;
    if (!response.ok) {
      $("update-status").textContent = "Not published: " + (await D.errorText(response));
      return;
    }
    $("update-status").textContent = "";
    showStatus(await response.json());
    window.setTimeout(poll, 250);
  });

  $("update-cancel").addEventListener("click", async () => {
    const response = await D.send("/organiser/api/programme/cancel", { method: "POST" });
    if (!response.ok) {
      $("progress-text").textContent = "Could not cancel: " + (await D.errorText(response));
      return;
    }
    showStatus(await response.json());
  });

  loadHistory();
  poll();
})();
