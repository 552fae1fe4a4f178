// The enquiry desk: drafted answers to edit, whose citations follow the edits, and the reply.
(function () {
  "use strict";
  const D = window.Desk;
  const $ = D.$;
  const el = D.el;

  // ------------------------------------------------------------------ enquiry desk

  let drafts = [];
  let baseUrl = "";
  const SIGNATURE_KEY = "desk-signature";  // an organiser's own signature, kept in this browser

  function sourceLines(citations) {
    const seen = new Map();
    citations.forEach((c) => { if (!seen.has(c.session_id)) seen.set(c.session_id, c); });
    return [...seen.values()].map((c) => "- " + c.title + ": " + baseUrl + c.url);
  }

  function label(citations) {
    const faq = citations.map((c) => c.session_id.startsWith("faq:"));
    if (faq.every(Boolean)) return "From the FAQ:";
    return faq.some(Boolean) ? "Sources:" : "Sessions:";
  }

  function composeReply() {
    const blocks = [];
    const greeting = $("greeting").value.trim();
    if (greeting) blocks.push(greeting);
    drafts.forEach((draft, i) => {
      const lines = ["> " + draft.question, $("answer-" + i).value.trim()];
      if (draft.citations.length) lines.push(label(draft.citations), ...sourceLines(draft.citations));
      blocks.push(lines.join("\n"));
    });
    const signature = $("signature").value.trim();
    if (signature) blocks.push(signature);
    $("reply").value = blocks.join("\n\n");
  }

  function showCitations(i) {
    const list = $("citations-" + i);
    list.replaceChildren();
    for (const c of drafts[i].citations) {
      const li = el("li");
      const link = el("a", c.title + (c.part ? " — " + c.part : ""));
      link.href = c.url;
      link.target = "_blank";
      link.rel = "noopener";
      li.appendChild(link);
      list.appendChild(li);
    }
    $("cited-" + i).hidden = drafts[i].citations.length === 0;
  }

  // After an edit, the draft cites what the edited answer names (asked once typing pauses).
  const timers = {};
  function recite(i) {
    window.clearTimeout(timers[i]);
    timers[i] = window.setTimeout(async () => {
      try {
        const response = await D.send("/organiser/api/citations", {
          method: "POST",
          json: { text: $("answer-" + i).value, citations: drafts[i].first },
        });
        if (!response.ok) return;
        drafts[i].citations = (await response.json()).citations;
        showCitations(i);
        composeReply();
      } catch (e) { /* keep the citations as they were */ }
    }, 300);
  }

  function showDrafts(body) {
    drafts = body.questions.map((d) => Object.assign({}, d, { first: d.citations }));
    baseUrl = body.base_url;
    $("greeting").value = body.greeting;
    $("signature").value = localStorage.getItem(SIGNATURE_KEY) || body.signature;
    const box = $("drafts");
    box.replaceChildren();
    drafts.forEach((draft, i) => {
      const item = el("section", undefined, "draft" + (draft.abstained ? " abstained" : ""));
      item.setAttribute("aria-labelledby", "question-" + i);
      const heading = el("h3", draft.question);
      heading.id = "question-" + i;
      item.appendChild(heading);
      if (draft.asked !== draft.question) item.appendChild(el("p", "Asked as: " + draft.asked, "asked"));
      if (draft.abstained) {
        item.appendChild(el("p", "The programme does not answer this; check before sending.", "note"));
      }
      const answerLabel = el("label", "Answer " + (i + 1));
      answerLabel.htmlFor = "answer-" + i;
      const answer = el("textarea");
      answer.id = "answer-" + i;
      answer.rows = Math.min(12, Math.max(3, draft.answer.split("\n").length + 1));
      answer.value = draft.answer;
      answer.addEventListener("input", () => { composeReply(); recite(i); });
      item.append(answerLabel, answer);
      const cited = el("div");
      cited.id = "cited-" + i;
      cited.appendChild(el("p", "Cited:"));
      const list = el("ul", undefined, "citations");
      list.id = "citations-" + i;
      cited.appendChild(list);
      item.appendChild(cited);
      box.appendChild(item);
      showCitations(i);
    });
    $("reply-parts").hidden = drafts.length === 0;
    $("reply-box").hidden = drafts.length === 0;
    composeReply();
  }

  $("greeting").addEventListener("input", composeReply);
  $("signature").addEventListener("input", () => {
    localStorage.setItem(SIGNATURE_KEY, $("signature").value);
    composeReply();
  });

  $("enquiry-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const status = $("enquiry-status");
    const button = $("enquiry-submit");
    button.disabled = true;
    $("drafts").setAttribute("aria-busy", "true");
    status.textContent = "Drafting answers…";
    $("copy-status").textContent = "";
    try {
      const response = await D.send("/organiser/api/enquiry", {
        method: "POST",
        json: { text: $("enquiry").value },
      });
      if (!response.ok) {
        status.textContent = "Could not draft: " + (await D.errorText(response));
        return;
      }
      const body = await response.json();
      showDrafts(body);
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
      const response = await D.send("/organiser/api/batch", {
        method: "POST",
        body: new FormData(event.target),
      });
      if (!response.ok) {
        status.textContent = "Could not answer: " + (await D.errorText(response));
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
})();
