/* Apex Zone calendar: drag a planned session onto another day. Native HTML5 drag and drop;
   the drop only fills the card's own "Move to..." form and submits it, so a drag, a keyboard
   and a phone all go through the same Move (its checks, its messages, its Undo). No inline
   script (Content-Security-Policy): behaviour hangs on data-* and classes. */
(function () {
  "use strict";

  var dragged = null;

  function dayUnder(event) {
    if (!dragged || !event.target.closest) return null;
    return event.target.closest("#calendar .cal-day[data-date]");
  }
  function unmark() {
    document.querySelectorAll("#calendar .cal-day.is-drop-target").forEach(function (day) {
      day.classList.remove("is-drop-target");
    });
  }

  document.addEventListener("dragstart", function (event) {
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
    unmark();
  });

  document.addEventListener("dragover", function (event) {
    var day = dayUnder(event);
    if (!day) return;
    event.preventDefault();  // this day accepts the drop
    event.dataTransfer.dropEffect = "move";
    if (!day.classList.contains("is-drop-target")) {
      unmark();
      day.classList.add("is-drop-target");
    }
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
