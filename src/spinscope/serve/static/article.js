// spinscope article view: filters (confidence, voice, technique) and span tooltips.
// Untrusted text is only ever inserted with textContent, never as markup.
(function () {
  "use strict";
  var dataNode = document.getElementById("span-data");
  if (!dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  var spans = data.spans || [];
  var defs = data.definitions || {};
  var thresholdBox = document.getElementById("use-thresholds");
  var state = { min: 0, thresholds: !!(thresholdBox && thresholdBox.checked), voices: { author: true, quoted: true }, off: {} };
  var tip = document.getElementById("tip");
  var pinned = null;

  function voiceOf(s) { return s.voice === "quoted" ? "quoted" : "author"; }
  function visible(i) {
    var s = spans[i];
    if (!s) return false;
    var floor = state.thresholds && typeof s.threshold === "number" ? Math.max(state.min, s.threshold) : state.min;
    return s.score >= floor && state.voices[voiceOf(s)] && !state.off[s.label];
  }
  function ids(seg) {
    return (seg.getAttribute("data-spans") || "").split(" ").filter(Boolean).map(Number);
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function apply() {
    document.querySelectorAll("#article-text .hl").forEach(function (node) {
      node.classList.toggle("off", !visible(Number(node.getAttribute("data-i"))));
    });
    document.querySelectorAll("#article-text .seg").forEach(function (seg) {
      var n = ids(seg).filter(visible).length;
      seg.setAttribute("data-n", String(Math.min(n, 3)));
      seg.tabIndex = n ? 0 : -1;
    });
    var shown = 0, perLabel = {};
    spans.forEach(function (s, i) {
      if (visible(i)) { shown += 1; perLabel[s.label] = (perLabel[s.label] || 0) + 1; }
    });
    document.querySelectorAll("#span-table tr[data-i]").forEach(function (row) {
      row.hidden = !visible(Number(row.getAttribute("data-i")));
    });
    document.querySelectorAll("#article-text .mark").forEach(function (m) {
      var n = ids(m).filter(visible).length;
      m.hidden = n === 0;
    });
    document.querySelectorAll("#legend .isolate").forEach(function (b) {
      var label = b.getAttribute("data-label");
      var only = !state.off[label] && Object.keys(state.off).filter(function (k) { return state.off[k]; }).length === labels.length - 1;
      b.setAttribute("aria-pressed", only && labels.length > 1 ? "true" : "false");
    });
    document.querySelectorAll("#legend .tech-toggle").forEach(function (box) { box.checked = !state.off[box.value]; });
    document.querySelectorAll("#legend .count").forEach(function (b) {
      b.textContent = String(perLabel[b.getAttribute("data-label")] || 0);
    });
    var count = document.getElementById("visible-count");
    if (count) count.textContent = shown + " of " + spans.length + " technique spans shown. Hover or click highlighted words for details.";
    if (pinned && !ids(pinned).some(visible)) hide(true);
  }

  function show(seg) {
    var visibleIds = ids(seg).filter(visible);
    if (!visibleIds.length) { hide(true); return; }
    tip.replaceChildren();
    visibleIds.slice().reverse().forEach(function (i) {
      var s = spans[i];
      var item = el("div", "tip-item c" + s.colour);
      var head = el("div", "tip-head");
      head.appendChild(el("span", "sw"));
      head.appendChild(el("strong", null, s.title));
      head.appendChild(el("span", "tip-score", Math.round(s.score * 100) + "% confidence"));
      item.appendChild(head);
      var voice = voiceOf(s) === "quoted" ? "Quoted" + (s.speaker ? ": " + s.speaker : " source") : "Outlet's own voice";
      item.appendChild(el("div", "tip-words", "\u201c" + s.text + "\u201d"));
      item.appendChild(el("div", "tip-voice", voice));
      var rel = typeof s.f1 === "number" ? "holdout F1 " + s.f1.toFixed(2) : "reliability not measured";
      if (typeof s.threshold === "number") rel += " \u00b7 threshold " + Math.round(s.threshold * 100) + "%";
      item.appendChild(el("div", "tip-rel", rel));
      var def = defs[s.label];
      if (def && def.definition) item.appendChild(el("p", "tip-def", def.definition));
      tip.appendChild(item);
    });
    tip.hidden = false;
    var r = seg.getBoundingClientRect();
    var width = Math.min(380, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - width - 8));
    tip.style.setProperty("--tip-left", left + "px");
    tip.style.setProperty("--tip-top", (window.scrollY + r.bottom + 8) + "px");
    tip.style.setProperty("--tip-width", width + "px");
  }
  function hide(force) {
    if (pinned && !force) return;
    if (pinned) pinned.classList.remove("pinned");
    pinned = null;
    tip.hidden = true;
  }

  var text = document.getElementById("article-text");
  text.addEventListener("mouseover", function (ev) {
    var seg = ev.target.closest(".seg");
    if (seg && !pinned) show(seg);
  });
  text.addEventListener("mouseout", function (ev) {
    var seg = ev.target.closest(".seg");
    if (seg && !seg.contains(ev.relatedTarget)) hide(false);
  });
  text.addEventListener("click", function (ev) {
    var seg = ev.target.closest(".seg");
    if (!seg) return;
    if (pinned === seg) { hide(true); return; }
    hide(true);
    show(seg);
    if (!tip.hidden) { pinned = seg; seg.classList.add("pinned"); }
  });
  text.addEventListener("focusin", function (ev) {
    var seg = ev.target.closest(".seg");
    if (seg && !pinned) show(seg);
  });
  text.addEventListener("focusout", function () { hide(false); });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") hide(true); });
  document.addEventListener("click", function (ev) {
    if (pinned && !ev.target.closest(".seg") && !ev.target.closest("#tip")) hide(true);
  });

  var slider = document.getElementById("minscore");
  var out = document.getElementById("minscore-out");
  slider.addEventListener("input", function () {
    state.min = Number(slider.value);
    out.textContent = Math.round(state.min * 100) + "%";
    apply();
  });
  document.querySelectorAll(".voice-toggle").forEach(function (box) {
    box.addEventListener("change", function () { state.voices[box.value] = box.checked; apply(); });
  });
  document.querySelectorAll(".tech-toggle").forEach(function (box) {
    box.addEventListener("change", function () { state.off[box.value] = !box.checked; apply(); });
  });
  var labels = [];
  spans.forEach(function (s) { if (labels.indexOf(s.label) < 0) labels.push(s.label); });
  // Clicking a technique's name shows only its spans; clicking it again shows every technique.
  document.querySelectorAll("#legend .isolate").forEach(function (b) {
    b.addEventListener("click", function () {
      var label = b.getAttribute("data-label");
      var isolated = b.getAttribute("aria-pressed") === "true";
      labels.forEach(function (k) { state.off[k] = isolated ? false : k !== label; });
      apply();
    });
  });
  if (thresholdBox) thresholdBox.addEventListener("change", function () { state.thresholds = thresholdBox.checked; apply(); });
  // A row of the span table (or a margin marker) jumps to its words in the text.
  function jump(i) {
    var node = document.querySelector('#article-text .hl[data-i="' + i + '"]');
    if (!node) return;
    var seg = node.closest(".seg");
    seg.scrollIntoView({ block: "center" });
    seg.classList.add("flash");
    window.setTimeout(function () { seg.classList.remove("flash"); }, 1600);
    seg.focus({ preventScroll: true });
  }
  document.querySelectorAll("#span-table a.jump").forEach(function (a) {
    a.addEventListener("click", function (ev) { ev.preventDefault(); jump(Number(a.getAttribute("data-i"))); });
  });
  document.querySelectorAll("#article-text .mark").forEach(function (m) {
    m.addEventListener("click", function (ev) {
      ev.preventDefault();
      var first = ids(m).filter(visible)[0];
      if (first !== undefined) jump(first);
    });
  });
  apply();
})();
