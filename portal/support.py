"""Portal helpers every page shares: the viewer's time zone, the one DomainError -> form
errors bridge, and the HTTP face of "not found" (unit conversions live in ``core.units``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from athletes.models import iana_zones
from core.errors import DomainError, NotFound

ZONE_COOKIE = "tz"  # the browser's IANA time zone, set by zone.js


def viewer_zone(request: HttpRequest) -> str:
    """The time zone of whoever is looking (a coach has none of their own): the browser's,
    as zone.js reports it in a cookie, else the site's."""
    name = request.COOKIES.get(ZONE_COOKIE, "")
    if name and len(name) <= 64 and name in iana_zones():
        return name
    return str(settings.TIME_ZONE)


def apply_domain_error(
    exc: DomainError, form: forms.BaseForm,
    formsets: Mapping[str, forms.BaseFormSet] | None = None,
    aliases: Mapping[str, str] | None = None,
) -> None:
    """Put the service's one error where the user will see it: on the named field of ``form``,
    on a line of a formset (``prescription[2].reps_min``), or at the top of the form."""
    field = exc.field or ""
    field = (aliases or {}).get(field, field)
    if "[" in field and formsets:
        name, _, rest = field.partition("[")
        index, _, sub = rest.partition("].")
        formset = formsets.get(name)
        if formset is not None and index.isdigit():
            forms_ = [f for f in formset.forms if f.has_changed()]
            position = int(index)
            if position < len(forms_):
                target = forms_[position]
                target.add_error(sub if sub in target.fields else None, exc.message)
                return
    form.add_error(field if field in form.fields else None, exc.message)


def first_run_exempt(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page a new athlete may see before their first-run step: the step itself, and an
    invitation's page (accepting one comes first)."""
    view.first_run_exempt = True  # type: ignore[attr-defined]
    return view


def portal_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Login required (anonymous -> the login page); a new athlete who has yet to set their
    time zone and training is sent to the first-run step (nobody plans in UTC by accident);
    and a NotFound from a scoped getter is a 404 whatever the view was doing: a stranger's
    object never exists."""
    exempt = getattr(view, "first_run_exempt", False)

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.user.first_run_due and not exempt:
            return redirect("portal:first_run")
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    return wrapped
