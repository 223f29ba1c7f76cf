/* The time-zone picker: an empty picker marked data-browser-zone takes the browser's zone
   (the server maps an alias such as Asia/Calcutta to its canonical name). Without script
   the athlete types or picks one from the list: never UTC by default. */
(function () {
  "use strict";
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (e) { return; }
  if (!zone) { return; }
  var inputs = document.querySelectorAll("input[data-browser-zone]");
  for (var i = 0; i < inputs.length; i++) {
    if (!inputs[i].value) { inputs[i].value = zone; }
  }
})();
