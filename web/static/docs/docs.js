// Starts Swagger UI on the schema the page names: a file, so the CSP needs no inline script.
(function () {
  "use strict";
  const script = document.currentScript;
  window.addEventListener("DOMContentLoaded", function () {
    window.ui = SwaggerUIBundle({
      url: script.dataset.openapi,
      dom_id: "#swagger-ui",
      deepLinking: true,
      presets: [SwaggerUIBundle.presets.apis],
      layout: "BaseLayout",
    });
  });
})();
