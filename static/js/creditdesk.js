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
