/* Apex Zone portal: +/- steppers, the rest timer, confirmations, and telling the athlete when
   a save failed. Small and dependency-free; htmx does the requests. The pages carry no inline
   script or event-handler attribute (Content-Security-Policy): behaviour hangs on data-*. */
(function () {
  "use strict";

  // <form data-confirm="Delete this run?">: asks before a destructive post.
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });

  // <select data-autosubmit>: choosing an option submits its form (a <noscript> button else).
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-autosubmit]") && event.target.form) {
      event.target.form.submit();
    }
  });

  // +/- buttons: <button data-step="2.5" data-target="input-id" data-min="0">
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-step]");
    if (!button) return;
    var input = document.getElementById(button.dataset.target);
    if (!input) return;
    var step = parseFloat(button.dataset.step);
    var value = parseFloat(input.value || "0") + step;
    var min = button.dataset.min !== undefined ? parseFloat(button.dataset.min) : 0;
    if (value < min) value = min;
    input.value = String(Math.round(value * 100) / 100);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });

  // Rest timer
  var timerId = null;
  var endsAt = 0;
  function el(id) { return document.getElementById(id); }
  function fmt(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }
  function tick() {
    var box = el("rest-timer");
    if (!box) return;
    var left = (endsAt - Date.now()) / 1000;
    el("rest-left").textContent = fmt(left);
    if (left <= 0) {
      stopTimer(true);
      if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
    }
  }
  function startTimer() {
    var box = el("rest-timer");
    if (!box) return;
    var length = parseInt(el("rest-length").value, 10) || 120;
    endsAt = Date.now() + length * 1000;
    box.classList.add("running");
    box.classList.remove("finished");
    if (timerId) clearInterval(timerId);
    timerId = setInterval(tick, 250);
    tick();
  }
  function stopTimer(finished) {
    var box = el("rest-timer");
    if (timerId) clearInterval(timerId);
    timerId = null;
    if (!box) return;
    box.classList.remove("running");
    box.classList.toggle("finished", !!finished);
    if (!finished) el("rest-left").textContent = "0:00";
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest("#rest-start")) startTimer();
    if (event.target.closest("#rest-stop")) stopTimer(false);
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "rest-length") {
      try { localStorage.setItem("az-rest", event.target.value); } catch (e) { /* private mode */ }
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var select = el("rest-length");
    try {
      var saved = localStorage.getItem("az-rest");
      if (select && saved) select.value = saved;
    } catch (e) { /* private mode */ }
  });

  // Saving a set swaps the whole #log-blocks (outerHTML). While the new copy sits beside the
  // old one, Chromium's scroll anchoring may follow its anchor down the page: the lifter
  // landed a screen lower. Keep the page where it was, and the focus on the same block's
  // Save button for a keyboard.
  var kept = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "log-blocks") return;
    var active = document.activeElement;
    var block = active && active.closest ? active.closest(".lift-block") : null;
    kept = { y: window.scrollY, block: block ? block.id : null };
  });
  document.addEventListener("htmx:afterSwap", function () {
    if (kept === null) return;
    window.scrollTo(window.scrollX, kept.y);
    var button = kept.block && document.querySelector("#" + kept.block + " .save-set");
    if (button) button.focus({ preventScroll: true });
    kept = null;
  });

  // A board swapped in after a fix says what happened at its top, maybe a screen above the
  // button that was pressed: bring the notice into view and focus it (it is read out too).
  document.addEventListener("htmx:afterSettle", function () {
    var notice = document.querySelector("#week-board .board-status [data-announce]");
    if (!notice) return;
    notice.removeAttribute("data-announce");
    notice.focus({ preventScroll: true });
    notice.scrollIntoView({ block: "center" });
  });

  function status(message) {
    var box = el("log-status");
    if (box) box.innerHTML = message ? '<p class="flash flash-error" role="alert"></p>' : "";
    if (box && message) box.firstChild.textContent = message;
  }
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) status("");
  });
  // The server marks the swapped-in sets with data-rest-start after a working set is saved.
  if (window.htmx) {
    window.htmx.onLoad(function (content) {
      if (content && content.matches && content.matches("#log-blocks[data-rest-start]")) {
        startTimer();
      }
    });
  }
  document.addEventListener("htmx:sendError", function () {
    status("Not saved: no connection. What you typed is still here; tap Save again when you're back online.");
  });
  document.addEventListener("htmx:responseError", function (event) {
    status("Not saved (error " + event.detail.xhr.status + "). Reload the page and try again.");
  });
})();
