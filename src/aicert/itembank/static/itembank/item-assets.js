/* The editor's image panel: "Insert" puts ![alt](asset:<id>) into the text field the writer
   was last in (at the cursor), and a fresh upload is inserted there at once. The preview
   refreshes through the usual input event. */
(function () {
  "use strict";
  var last = null;
  document.addEventListener("focusin", function (event) {
    var el = event.target;
    if (el && el.tagName === "TEXTAREA" && el.closest("#item-form")) last = el;
  });
  function insert(markdown) {
    var field = last || document.querySelector("#item-form textarea");
    if (!field || !markdown) return;
    var start = field.selectionStart || 0, end = field.selectionEnd || start;
    var text = field.value;
    field.value = text.slice(0, start) + markdown + text.slice(end);
    field.selectionStart = field.selectionEnd = start + markdown.length;
    field.focus();
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".insert-asset");
    if (button) { event.preventDefault(); insert(button.dataset.markdown); }
  });
  document.addEventListener("htmx:afterSwap", function () {
    var panel = document.querySelector("#item-assets[data-insert]");
    if (panel) { insert(panel.dataset.insert); panel.removeAttribute("data-insert"); }
  });
})();
