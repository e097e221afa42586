// The admin's own scripts build widgets that lack accessible names (WCAG 4.1.2); this names them,
// also when a script builds them later (new inline rows, select2 redrawing its selection):
// - SelectFilter2 (filter_horizontal): its help icons are <span>s with aria-label but no role,
//   which may not carry a name (axe: aria-prohibited-attr); as images they may.
// - select2 (autocomplete_fields): the combobox is labelled by its own, often empty, text; it and
//   its search field get the name of the <select> they stand for, and the list of chosen items
//   keeps its items as a list.
(function () {
  "use strict";

  function nameOf(select) {
    if (select.getAttribute("aria-label")) return select.getAttribute("aria-label");
    var label = select.id && document.querySelector("label[for='" + select.id + "']");
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function fix(root) {
    root.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) return;
      var name = nameOf(select);
      container.querySelectorAll(".select2-selection[role=combobox]").forEach(function (combobox) {
        if (combobox.getAttribute("aria-label") !== name) combobox.setAttribute("aria-label", name);
        if (combobox.hasAttribute("aria-labelledby")) combobox.removeAttribute("aria-labelledby");
      });
      container.querySelectorAll(".select2-selection__rendered[role=textbox]").forEach(function (text) {
        text.removeAttribute("role");
        text.removeAttribute("aria-readonly");
      });
      container.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (search) {
        search.setAttribute("aria-label", name);
      });
      container.querySelectorAll("ul.select2-selection__rendered > :not(li)").forEach(function (item) {
        var li = document.createElement("li");
        item.replaceWith(li);
        li.appendChild(item);
      });
    });
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      fix(document);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    fix(document);
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
  });
})();
