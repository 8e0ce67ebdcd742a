// spinscope article view: filters (confidence, voice, technique) and span tooltips.
// Untrusted text is only ever inserted with textContent, never as markup.
(function () {
  "use strict";
  var dataNode = document.getElementById("span-data");
  if (!dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  var spans = data.spans || [];
  var defs = data.definitions || {};
  var state = { min: 0, voices: { author: true, quoted: true }, off: {} };
  var tip = document.getElementById("tip");
  var pinned = null;

  function voiceOf(s) { return s.voice === "quoted" ? "quoted" : "author"; }
  function visible(i) {
    var s = spans[i];
    return !!s && s.score >= state.min && state.voices[voiceOf(s)] && !state.off[s.label];
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
      item.appendChild(el("div", "tip-voice", voice));
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
  apply();
})();
