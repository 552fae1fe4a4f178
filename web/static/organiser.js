// The organiser desk. All text goes in through textContent or .value, never as HTML.
(function () {
  "use strict";

  const $ = (id) => document.getElementById(id);
  // The session's CSRF token: every state change sends it back (the server refuses it without).
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const CSRF = { "X-CSRF-Token": csrfMeta ? csrfMeta.content : "" };

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

  function loggedOut(response) {
    if (response.status === 401) {
      window.location.assign("/organiser");
      return true;
    }
    return false;
  }

  // ------------------------------------------------------------------ enquiry desk

  let drafts = [];

  function composeReply() {
    const blocks = drafts.map((draft, i) => {
      const answer = $("answer-" + i).value.trim();
      const lines = ["> " + draft.question, answer];
      const ids = [...new Set(draft.citations.map((c) => c.session_id))];
      if (ids.length) lines.push("Sessions: " + ids.join(", "));
      return lines.join("\n");
    });
    $("reply").value = blocks.join("\n\n");
  }

  function showDrafts(questions) {
    drafts = questions;
    const box = $("drafts");
    box.replaceChildren();
    questions.forEach((draft, i) => {
      const item = el("section", undefined, "draft" + (draft.abstained ? " abstained" : ""));
      item.setAttribute("aria-labelledby", "question-" + i);
      const heading = el("h3", draft.question);
      heading.id = "question-" + i;
      item.appendChild(heading);
      if (draft.abstained) {
        item.appendChild(el("p", "The programme does not answer this; check before sending.", "note"));
      }
      const label = el("label", "Answer " + (i + 1));
      label.htmlFor = "answer-" + i;
      const answer = el("textarea");
      answer.id = "answer-" + i;
      answer.rows = Math.min(12, Math.max(3, draft.answer.split("\n").length + 1));
      answer.value = draft.answer;
      answer.addEventListener("input", composeReply);
      item.append(label, answer);
      if (draft.citations.length) {
        item.appendChild(el("p", "Cited:"));
        const list = el("ul", undefined, "citations");
        for (const c of draft.citations) {
          const li = el("li");
          const link = el("a", c.session_id + ": " + c.title + (c.part ? " — " + c.part : ""));
          link.href = c.url;
          link.target = "_blank";
          link.rel = "noopener";
          li.appendChild(link);
          list.appendChild(li);
        }
        item.appendChild(list);
      }
      box.appendChild(item);
    });
    $("reply-box").hidden = questions.length === 0;
    composeReply();
  }

  $("enquiry-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const status = $("enquiry-status");
    const button = $("enquiry-submit");
    button.disabled = true;
    $("drafts").setAttribute("aria-busy", "true");
    status.textContent = "Drafting answers…";
    $("copy-status").textContent = "";
    try {
      const response = await fetch("/organiser/api/enquiry", {
        method: "POST",
        headers: { "Content-Type": "application/json", ...CSRF },
        body: JSON.stringify({ text: $("enquiry").value }),
      });
      if (loggedOut(response)) return;
      if (!response.ok) {
        status.textContent = "Could not draft: " + (await errorText(response));
        return;
      }
      const body = await response.json();
      showDrafts(body.questions);
      const n = body.questions.length;
      status.textContent = n + (n === 1 ? " question answered." : " questions answered.");
    } catch (e) {
      status.textContent = "Could not reach the server.";
    } finally {
      button.disabled = false;
      $("drafts").setAttribute("aria-busy", "false");
    }
  });

  $("copy-reply").addEventListener("click", async () => {
    composeReply();
    const text = $("reply").value;
    const status = $("copy-status");
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = "Reply copied to the clipboard.";
    } catch (e) {
      // no clipboard permission: select it so Ctrl+C copies
      $("reply").focus();
      $("reply").select();
      status.textContent = "Press Ctrl+C to copy the selected reply.";
    }
  });

  // ------------------------------------------------------------------ batch CSV

  let download = null;

  $("batch-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const status = $("batch-status");
    const link = $("batch-download");
    link.hidden = true;
    status.textContent = "Answering…";
    try {
      const response = await fetch("/organiser/api/batch", {
        method: "POST",
        headers: CSRF,
        body: new FormData(event.target),
      });
      if (loggedOut(response)) return;
      if (!response.ok) {
        status.textContent = "Could not answer: " + (await errorText(response));
        return;
      }
      const blob = await response.blob();
      if (download) URL.revokeObjectURL(download);
      download = URL.createObjectURL(blob);
      link.href = download;
      link.hidden = false;
      status.textContent = "Answers ready.";
    } catch (e) {
      status.textContent = "Could not reach the server.";
    }
  });

  // ------------------------------------------------------------------ could-not-find report

  $("report-refresh").addEventListener("click", async () => {
    const status = $("report-status");
    const table = $("report");
    status.textContent = "Grouping questions…";
    try {
      const response = await fetch("/organiser/api/report");
      if (loggedOut(response)) return;
      if (!response.ok) {
        status.textContent = "Could not make the report: " + (await errorText(response));
        return;
      }
      const body = await response.json();
      const rows = table.tBodies[0];
      rows.replaceChildren();
      for (const group of body.groups) {
        const tr = el("tr", undefined, group.abstained ? "abstained" : "");
        tr.append(
          el("td", group.question),
          el("td", String(group.count)),
          el("td", group.abstained ? "No: not found" : "Yes"),
          el("td", group.examples.filter((e) => e !== group.question).join(" · ")),
        );
        rows.appendChild(tr);
      }
      table.hidden = body.groups.length === 0;
      status.textContent = body.logging
        ? body.groups.length + " groups of questions."
        : "Question logging is off.";
    } catch (e) {
      status.textContent = "Could not reach the server.";
    }
  });

  // ------------------------------------------------------------------ programme update

  function showStatus(s) {
    const bar = $("update-progress");
    const running = s.state === "checking" || s.state === "building";
    bar.hidden = s.state === "idle";
    bar.value = s.progress;
    $("update-cancel").hidden = !running;
    const label = {
      checking: "Checking", building: "Building", swapped: "Published", failed: "Failed",
      cancelled: "Cancelled", lost: "Lost",
    };
    $("update-status").textContent = (label[s.state] || s.state) + ": " + s.message;
    if (s.state === "swapped") {
      $("programme-sessions").textContent = String(s.sessions);
    }
  }

  function showProblems(lines) {
    const list = $("update-problems");
    list.replaceChildren(...lines.map((line) => el("li", line)));
  }

  async function poll() {
    const response = await fetch("/organiser/api/programme/status");
    if (loggedOut(response) || !response.ok) return;
    const s = await response.json();
    showStatus(s);
    if (s.state === "checking" || s.state === "building") {
      window.setTimeout(poll, 500);
    } else if (s.problems.length) {
      showProblems(s.problems);
    }
  }

  $("update-cancel").addEventListener("click", async () => {
    try {
      const response = await fetch("/organiser/api/programme/cancel", { method: "POST", headers: CSRF });
      if (loggedOut(response)) return;
      if (!response.ok) {
        $("update-status").textContent = "Could not cancel: " + (await errorText(response));
        return;
      }
      showStatus(await response.json());
    } catch (e) {
      $("update-status").textContent = "Could not reach the server.";
    }
  });

  $("update-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    showProblems([]);
    $("update-status").textContent = "Uploading…";
    try {
      const response = await fetch("/organiser/api/programme", {
        method: "POST",
        headers: CSRF,
        body: new FormData(event.target),
      });
      if (loggedOut(response)) return;
      if (!response.ok) {
        const message = await errorText(response);
        const [first, ...rest] = message.split("\n");
        $("update-status").textContent = "Not published: " + first;
        showProblems(rest);
        $("update-progress").hidden = true;
        return;
      }
      showStatus(await response.json());
      window.setTimeout(poll, 300);
    } catch (e) {
      $("update-status").textContent = "Could not reach the server.";
    }
  });

  // An update still running, or lost to a restart, shows when the page opens.
  fetch("/organiser/api/programme/status").then(async (response) => {
    if (!response.ok) return;
    const s = await response.json();
    if (s.state === "idle") return;
    showStatus(s);
    if (s.state === "checking" || s.state === "building") window.setTimeout(poll, 500);
  }).catch(() => {});
})();
