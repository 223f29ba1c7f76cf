/* The browser's time zone in a cookie, for what belongs to no athlete's zone: a coach's
   roster week, and the admin's times and its Today and Now buttons. The server reads the
   cookie and falls back to the site's zone. Loaded by the portal and the admin. */
(function () {
  "use strict";
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // IANA names are cookie-safe as they are (letters, digits, "/", "_", "+", "-").
    if (zone && document.cookie.indexOf("tz=" + zone) === -1) {
      document.cookie = "tz=" + zone + "; path=/; max-age=31536000; SameSite=Lax";
    }
  } catch (e) { /* no Intl: the server's zone */ }
})();
