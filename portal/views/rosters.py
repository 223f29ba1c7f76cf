"""A coach's roster settings: whether the sessions the coach plans start locked."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from athletes.selectors import roster_get_for_user
from athletes.services import roster_update
from portal.support import portal_view


@portal_view
@require_POST
def roster_lock(request: HttpRequest, roster_id: int) -> HttpResponse:
    """The roster's default: the sessions its coach plans from now on start locked (the
    athletes log them but cannot move or delete them); those planned already keep theirs."""
    roster = roster_get_for_user(user=request.user, roster_id=roster_id)
    lock = request.POST.get("lock_sessions") == "1"
    roster_update(actor=request.user, roster=roster, lock_sessions=lock)
    messages.success(request, (
        f"{roster.name}: the sessions you plan from now on start locked. Lock or unlock one "
        "from the athlete's week." if lock else
        f"{roster.name}: the sessions you plan from now on are the athletes' to move."))
    return redirect(reverse("portal:dashboard") + "#roster-settings")
