// The report page: mark a group done or reopen it (the page is drawn by the server).
(function () {
  "use strict";
  const D = window.Desk;
  const table = D.$("report");
  if (!table) return;

  table.addEventListener("click", async (event) => {
    const button = event.target.closest("button.mark-done, button.reopen");
    if (!button) return;
    const row = button.closest("tr");
    const keys = row.dataset.keys.split(",");
    const done = button.classList.contains("mark-done");
    button.disabled = true;
    try {
      const response = await D.send("/organiser/api/report/done", {
        method: "POST",
        json: { keys: keys, done: done },
      });
      if (!response.ok) {
        D.$("report-status").textContent = "Not saved: " + (await D.errorText(response));
        button.disabled = false;
        return;
      }
      window.location.reload();
    } catch (e) {
      D.$("report-status").textContent = "Could not reach the server.";
      button.disabled = false;
    }
  });
})();
