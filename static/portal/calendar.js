/* Apex Zone calendar: drag a planned session onto another day, or a week onto another week.
   Native HTML5 drag and drop; a drop only fills the card's own "Move to..." form (or the
   week's "Copy this week to...") and submits it, so a drag, a keyboard and a phone all go
   through the same Move (its checks, its messages, its Undo) and the same copy. No inline
   script (Content-Security-Policy): behaviour hangs on data-* and classes. */
(function () {
  "use strict";

  var dragged = null;  // a session's card
  var week = null;  // a week's "drag to copy" handle

  function dayUnder(event) {
    if (!dragged || !event.target.closest) return null;
    return event.target.closest("#calendar .cal-day[data-date]");
  }
  function weekUnder(event) {
    if (!week || !event.target.closest) return null;
    var section = event.target.closest("#calendar section.cal-week[data-week]");
    return section && !section.contains(week) ? section : null;
  }
  function unmark() {
    document.querySelectorAll("#calendar .is-drop-target").forEach(function (target) {
      target.classList.remove("is-drop-target");
    });
  }
  function mark(target) {
    if (target.classList.contains("is-drop-target")) return;
    unmark();
    target.classList.add("is-drop-target");
  }

  document.addEventListener("dragstart", function (event) {
    var handle = event.target.closest && event.target.closest("#calendar .week-handle[data-copy-form]");
    if (handle) {
      week = handle;
      event.dataTransfer.effectAllowed = "copy";
      event.dataTransfer.setData("text/plain", handle.dataset.copyForm);
      return;
    }
    var card = event.target.closest && event.target.closest("#calendar .cal-session[data-move-form]");
    if (!card) return;
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.id);
    card.classList.add("is-dragging");
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("is-dragging");
    dragged = null;
    week = null;
    unmark();
  });

  document.addEventListener("dragover", function (event) {
    var day = dayUnder(event);
    var section = weekUnder(event);
    if (!day && !section) return;
    event.preventDefault();  // this day (or week) accepts the drop
    event.dataTransfer.dropEffect = day ? "move" : "copy";
    mark(day || section);
  });

  // A week's handle dropped on another week: its "Copy this week to..." form, filled and
  // sent after a confirmation (a copy adds sessions; there is no undo but deleting them).
  document.addEventListener("drop", function (event) {
    var section = weekUnder(event);
    if (!section) return;
    event.preventDefault();
    unmark();
    var form = document.getElementById(week.dataset.copyForm);
    var select = form && form.querySelector("select[name=target]");
    if (!select) return;
    select.value = section.dataset.week;
    if (select.value !== section.dataset.week) return;  // a week the form does not offer
    var label = section.querySelector("h3");
    if (!window.confirm("Copy this week's sessions to the " + (label ? label.textContent.trim().toLowerCase() : "week") + "?")) return;
    form.requestSubmit();
  });

  document.addEventListener("drop", function (event) {
    var day = dayUnder(event);
    if (!day) return;
    event.preventDefault();
    var form = document.getElementById(dragged.dataset.moveForm);
    var select = form && form.querySelector("select[name=date]");
    unmark();
    if (!select || select.value === day.dataset.date) return;  // dropped where it was
    select.value = day.dataset.date;
    dragged.classList.add("is-moving");
    form.requestSubmit();  // htmx posts it (hx-post) and swaps the calendar in
  });

  // The calendar swapped in says what happened at its top (maybe a screen above the day the
  // session went to): bring the notice and its Undo into view, and focus it.
  document.addEventListener("htmx:afterSettle", function () {
    var notice = document.querySelector("#calendar .board-status [data-announce]");
    if (!notice) return;
    notice.removeAttribute("data-announce");
    notice.focus({ preventScroll: true });
    notice.scrollIntoView({ block: "center" });
  });
})();
