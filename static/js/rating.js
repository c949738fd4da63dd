// The rating form: the weighted total of the factor scores as they are typed.
// The weights come from the form's data-weights attribute ({field name: weight in %}).
(function () {
  var form = document.getElementById("rating-form");
  if (!form) return;
  var weights = JSON.parse(form.getAttribute("data-weights"));
  function update() {
    var total = 0, complete = true;
    Object.keys(weights).forEach(function (name) {
      var v = parseFloat(form.elements[name].value);
      if (isNaN(v)) { complete = false; } else { total += v * weights[name] / 100; }
    });
    form.querySelector("[data-total]").textContent = complete ? total.toFixed(2) : "—";
  }
  form.addEventListener("input", update);
  update();
})();
