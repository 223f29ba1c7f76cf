"""The coach admin in the viewer's time zone."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from portal.support import viewer_zone


def admin_in_viewer_zone(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Render the admin in the zone of whoever looks (the browser's, from the cookie that
    ``zone.js`` sets), not the server's UTC: its times read in the coach's hours, and its Today
    and Now buttons, which fill in the server's date and time, give the coach's. Only the admin:
    the portal's dates are each athlete's own, and the API's times stay in UTC."""
    prefix: list[str] = []  # the admin's root, found on the first request (~16 us a reverse)

    def middleware(request: HttpRequest) -> HttpResponse:
        if not prefix:
            prefix.append(reverse("admin:index"))
        if not request.path.startswith(prefix[0]):
            return get_response(request)
        with timezone.override(viewer_zone(request)):
            return get_response(request)

    return middleware
