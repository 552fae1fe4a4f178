// The FAQ editor: save, edit and remove entries; "Answer this" from the report fills it in.
(function () {
  "use strict";
  const D = window.Desk;
  const form = D.$("faq-form");
  const status = D.$("faq-status");
  const params = new URLSearchParams(window.location.search);
  const resolves = (params.get("resolves") || "").split(",").filter(Boolean);
  if (params.get("question")) D.$("faq-answer").focus();

  async function done(response, message) {
    if (!response.ok) {
      status.textContent = "Not saved: " + (await D.errorText(response));
      return;
    }
    sessionStorage.setItem("faq-status", message);
    window.location.assign("/organiser/faq");
  }

  const saved = sessionStorage.getItem("faq-status");
  if (saved) {
    status.textContent = saved;
    sessionStorage.removeItem("faq-status");
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const question = D.$("faq-question").value.trim();
    try {
      const response = await D.send("/organiser/api/faq", {
        method: "POST",
        json: {
          question: question,
          answer: D.$("faq-answer").value,
          id: D.$("faq-id").value.trim(),
          resolves: resolves,
        },
      });
      await done(response, "Saved: " + question);
    } catch (e) {
      status.textContent = "Could not reach the server.";
    }
  });

  const list = D.$("faq-entries");
  if (!list) return;
  list.addEventListener("click", async (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const entry = button.closest("dd");
    if (button.classList.contains("edit")) {
      D.$("faq-question").value = entry.dataset.question;
      D.$("faq-answer").value = entry.dataset.answer;
      D.$("faq-id").value = entry.dataset.id;
      D.$("faq-answer").focus();
      return;
    }
    try {
      const response = await D.send("/organiser/api/faq/" + encodeURIComponent(entry.dataset.id), {
        method: "DELETE",
      });
      await done(response, "Removed: " + entry.dataset.question);
    } catch (e) {
      status.textContent = "Could not reach the server.";
    }
  });
})();
