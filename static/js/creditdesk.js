// CreditDesk: small behaviours shared by every page.
// Forms marked data-confirm ask before a destructive or irreversible act.
document.addEventListener("submit", function (event) {
  var form = event.target;
  // (the button that submitted may ask instead: a form with "save" and "submit")
  var button = event.submitter;
  var question = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
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
// table.cd-cards (lists that become cards on a phone): each cell without a data-label gets
// its column's header text as one, for the CSS to show beside the value. Run on load and on
// every piece of page htmx swaps in.
function cdLabelCards(root) {
  root.querySelectorAll("table.cd-cards").forEach(function (table) {
    var labels = [];
    var header = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!header) return;
    Array.prototype.forEach.call(header.cells, function (th) {
      for (var i = 0; i < (th.colSpan || 1); i++) labels.push(th.textContent.trim());
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (!cell.hasAttribute("data-label") && labels[column]) {
            cell.setAttribute("data-label", labels[column]);
          }
          column += cell.colSpan || 1;
        });
      });
    });
  });
}
cdLabelCards(document);
document.addEventListener("htmx:afterSettle", function () {
  cdLabelCards(document);
});
// Fewer keystrokes on the investigation form (loans/investigation_form.html):
// <button data-fill-selects="#box" data-value="v">: every select in #box is set to v.
// <button data-draft-into="#textarea" data-draft="text with {field} tokens">: the text, each
// {field} replaced by what the form's field id_<field> holds (a select's chosen label), is
// put into the textarea for the user to read and change.
document.addEventListener("click", function (event) {
  var filler = event.target.closest && event.target.closest("[data-fill-selects]");
  if (filler) {
    var value = filler.getAttribute("data-value");
    document.querySelectorAll(filler.getAttribute("data-fill-selects") + " select").forEach(function (select) {
      select.value = value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    return;
  }
  var drafter = event.target.closest && event.target.closest("[data-draft-into]");
  if (!drafter) return;
  var text = drafter.getAttribute("data-draft").replace(/\{(\w+)\}/g, function (token, name) {
    var field = document.getElementById("id_" + name);
    if (!field) return "";
    if (field.tagName === "SELECT") {
      return field.value ? field.options[field.selectedIndex].text : "";
    }
    return field.value.trim();
  });
  var target = document.querySelector(drafter.getAttribute("data-draft-into"));
  if (target) {
    target.value = text;
    target.focus();
  }
});
// <input type=file multiple data-kinds-for="#box" data-next-kinds="a,b,c">: after choosing
// files, one kind select per file appears in #box (from <template id="kind-choice">), each
// proposing the checklist's next missing kind; the user changes only what is wrong.
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.hasAttribute || !input.hasAttribute("data-kinds-for")) return;
  var box = document.querySelector(input.getAttribute("data-kinds-for"));
  var template = document.getElementById("kind-choice");
  if (!box || !template) return;
  var next = (input.getAttribute("data-next-kinds") || "").split(",").filter(Boolean);
  box.textContent = "";
  Array.prototype.forEach.call(input.files, function (file, i) {
    var row = template.content.firstElementChild.cloneNode(true);
    row.querySelector(".file-name").textContent = file.name;
    var select = row.querySelector("select");
    if (next.length) select.value = next[Math.min(i, next.length - 1)];
    box.appendChild(row);
  });
});
