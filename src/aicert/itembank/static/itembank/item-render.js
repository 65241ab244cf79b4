/* Typeset the math of rendered items with the vendored KaTeX (no CDN), now and after every
   htmx swap (the editor's live preview). The server marks math as .math elements that keep
   their $...$ / $$...$$ delimiters; only those elements are scanned, so a dollar sign in
   ordinary text is never taken for math. */
(function () {
  "use strict";
  var OPTIONS = {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "$", right: "$", display: false }
    ],
    throwOnError: false,
    trust: false,
    strict: "ignore"
  };
  function typeset(root) {
    if (typeof window.renderMathInElement !== "function" || !root) return;
    root.querySelectorAll(".math").forEach(function (el) {
      if (el.dataset.typeset) return;
      window.renderMathInElement(el, OPTIONS);
      el.dataset.typeset = "1";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { typeset(document.body); });
  document.addEventListener("htmx:afterSwap", function (event) { typeset(event.detail.target); });
  window.aicertTypeset = typeset;
})();
