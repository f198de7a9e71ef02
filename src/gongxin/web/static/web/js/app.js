/* Small page behaviours, kept out of the HTML (the Content-Security-Policy forbids inline JS). */
(function () {
  "use strict";
  // A report-month <select data-autosubmit> submits its form when changed.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
      target.form.submit();
    }
  });
})();
