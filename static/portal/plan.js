/* The plan form: a run shows the run's fields and hides the strength lines (and back), and
   prescription lines are added and removed in place. Without this script both sets of fields
   show and a save brings two more empty lines; the server ignores a run's strength lines. */
(function () {
  "use strict";

  var form = document.querySelector("form.planned-form");
  if (!form) return;

  var kind = form.querySelector("#id_kind");
  function showKind() {
    var run = kind.value === "run";
    form.querySelectorAll(".run-fields").forEach(function (el) { el.hidden = !run; });
    form.querySelectorAll(".strength-fields").forEach(function (el) { el.hidden = run; });
  }
  if (kind) {
    kind.addEventListener("change", showKind);
    showKind();
  }

  var list = form.querySelector("#rx-lines");
  var template = document.getElementById("rx-template");
  var add = form.querySelector("[data-rx-add]");
  var total = form.querySelector("#id_rx-TOTAL_FORMS");
  var initial = form.querySelector("#id_rx-INITIAL_FORMS");
  var max = parseInt((form.querySelector("#id_rx-MAX_NUM_FORMS") || {}).value, 10) || 12;
  if (!list || !template || !add || !total) return;

  var ATTRS = ["id", "name", "for", "aria-describedby"];
  function lines() { return list.querySelectorAll(":scope > .rx-line"); }

  // Line i's fields are rx-i-*, in order, as Django's formset reads them back.
  function renumber() {
    var all = lines();
    all.forEach(function (line, i) {
      line.querySelectorAll("[id], [name], [for], [aria-describedby]").forEach(function (el) {
        ATTRS.forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value) el.setAttribute(attr, value.replace(/rx-(\d+|__prefix__)-/g, "rx-" + i + "-"));
        });
      });
      line.querySelectorAll("[data-rx-number]").forEach(function (n) { n.textContent = i + 1; });
    });
    total.value = all.length;
    if (initial && parseInt(initial.value, 10) > all.length) initial.value = all.length;
    add.disabled = all.length >= max;
  }

  function reveal(root) {
    root.querySelectorAll("[data-rx-remove]").forEach(function (b) { b.hidden = false; });
  }

  add.addEventListener("click", function () {
    if (lines().length >= max) return;
    list.insertAdjacentHTML("beforeend", template.innerHTML);
    var line = list.lastElementChild;
    reveal(line);
    renumber();
    line.querySelector("input, select").focus();
  });

  list.addEventListener("click", function (event) {
    var button = event.target.closest("[data-rx-remove]");
    if (!button) return;
    var line = button.closest(".rx-line");
    var next = line.nextElementSibling || line.previousElementSibling;
    line.remove();
    renumber();
    (next ? next.querySelector("[data-rx-remove]") : add).focus();
  });

  add.hidden = false;
  reveal(list);
  renumber();
})();
