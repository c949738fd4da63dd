// CreditDesk: small behaviours shared by every page.
// Forms marked data-confirm ask before a destructive or irreversible act.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
// Buttons of a submitted form are disabled so that a double click does not submit twice.
document.addEventListener("submit", function (event) {
  if (event.defaultPrevented) return;
  var form = event.target;
  if (form.hasAttribute("data-no-disable")) return;
  window.setTimeout(function () {
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
  }, 0);
});
// No inline script or event handler anywhere (Content-Security-Policy): pages mark elements
// with data attributes and these handlers act on them.
// <select data-autosubmit>: choosing an option submits its form (filters, language).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.hasAttribute && field.hasAttribute("data-autosubmit") && field.form) {
    field.form.submit();
  }
});
// data-action="print" prints the page; data-action="back" goes back one page.
document.addEventListener("click", function (event) {
  var el = event.target.closest && event.target.closest("[data-action]");
  if (!el) return;
  var action = el.getAttribute("data-action");
  if (action === "print") {
    event.preventDefault();
    window.print();
  } else if (action === "back") {
    event.preventDefault();
    window.history.back();
  }
});
// data-progress="42.5" sets a progress bar's width (no inline style attribute).
document.querySelectorAll("[data-progress]").forEach(function (bar) {
  var value = parseFloat(bar.getAttribute("data-progress"));
  if (!isNaN(value)) bar.style.width = Math.max(0, Math.min(100, value)) + "%";
});
