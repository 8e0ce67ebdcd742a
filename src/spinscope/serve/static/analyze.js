// spinscope Analyze form: a progress indication while the server analyses (the page is a plain
// form post; this only shows that it is running and for how long).
(function () {
  "use strict";
  var form = document.querySelector("form.analyze");
  if (!form) return;
  var status = document.getElementById("analyze-progress");
  var clock = document.getElementById("analyze-elapsed");
  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type=submit]");
    var started = Date.now();
    form.classList.add("busy");
    form.setAttribute("aria-busy", "true");
    if (button) { button.disabled = true; button.textContent = "Analysing…"; }
    if (status) status.hidden = false;
    window.setInterval(function () {
      if (clock) clock.textContent = String(Math.round((Date.now() - started) / 1000));
    }, 500);
  });
})();
