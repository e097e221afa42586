// What every page shares. After a failed submit the page shows an error summary
// ([data-error-summary], tabindex="-1"); focus moves there, as in GOV.UK's pattern, so that
// keyboard and screen-reader users start at the list of what to correct instead of at the top of
// the page. Each of its links then moves focus into the field it names and shows the field's label.
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  // Filters fold away on phones (a closed <details>); where there is room they start open.
  ready(function () {
    if (!window.matchMedia("(min-width: 64em)").matches) return;
    Array.prototype.forEach.call(document.querySelectorAll("details[data-open-wide]"), function (details) {
      details.open = true;
    });
  });

  ready(function () {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) return;
    summary.focus();
    // Late layout (images, web fonts) can push the summary out of view, and scrolling to a form's
    // #fragment on load takes focus back to the body: put both right once the page has loaded.
    window.addEventListener("load", function () {
      var active = document.activeElement;
      if (active !== summary && active !== document.body && active !== null) return;
      summary.focus({ preventScroll: true });
      var top = summary.getBoundingClientRect().top;
      if (top < 0 || top >= window.innerHeight) summary.scrollIntoView();
    });
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!target) return;
      var field = target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea");
      if (!field) return;
      event.preventDefault();
      var legend = field.closest("fieldset") && field.closest("fieldset").querySelector("legend");
      var label = legend || (field.id && document.querySelector("label[for='" + field.id + "']")) || field;
      label.scrollIntoView();
      field.focus({ preventScroll: true });
    });
  });
})();
