"""Portal helpers shared by every app's views: the one DomainError -> form errors bridge,
the athlete's units for display and input, and the HTTP faces of "not found".

Units are stored in SI (kg, metres, seconds); the portal shows the athlete's units.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from functools import wraps
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse

from athletes.errors import DomainError, NotFound
from athletes.models import iana_zones
from athletes.plates import KG_PER_LB, kg_from_display, tidy

ZONE_COOKIE = "tz"  # the browser's IANA time zone, set by zone.js
M_PER_MILE = Decimal("1609.344")
IMPERIAL = "imperial"


def viewer_zone(request: HttpRequest) -> str:
    """The time zone of whoever is looking (a coach has none of their own): the browser's,
    as zone.js reports it in a cookie, else the site's."""
    name = request.COOKIES.get(ZONE_COOKIE, "")
    if name and len(name) <= 64 and name in iana_zones():
        return name
    return str(settings.TIME_ZONE)


def load_unit(units: str) -> str:
    return "lb" if units == IMPERIAL else "kg"


def distance_unit(units: str) -> str:
    return "mi" if units == IMPERIAL else "km"


def load_to_display(load_kg: Decimal | float | None, units: str) -> Decimal | None:
    """kg as stored -> the athlete's unit: kg exact (stored to 0.01, so a 1.25 kg plate step
    shows), lb to 0.1 (a pound load comes back from kg to 0.01 within 0.01 lb)."""
    if load_kg is None:
        return None
    value = Decimal(str(load_kg))
    if units == IMPERIAL:
        return tidy((value / KG_PER_LB).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return tidy(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def estimate_to_display(kg: Decimal | float | None, units: str) -> Decimal | None:
    """An estimate from loads (e1RM, weekly volume) in the athlete's unit, to 0.1: no
    bar ever held it, so the plate grid's 0.01 kg would be false precision."""
    if kg is None:
        return None
    value = Decimal(str(kg)) / (KG_PER_LB if units == IMPERIAL else 1)
    return tidy(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def load_from_display(value: Decimal | float | None, units: str) -> Decimal | None:
    """The athlete's unit -> kg to store (2 decimals, as the model keeps it)."""
    return None if value is None else kg_from_display(value, units)


def distance_to_display(metres: int | None, units: str) -> Decimal | None:
    if metres is None:
        return None
    per = M_PER_MILE if units == IMPERIAL else Decimal(1000)
    return tidy((Decimal(metres) / per).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def distance_from_display(value: Decimal | float | None, units: str) -> int | None:
    if value is None:
        return None
    per = M_PER_MILE if units == IMPERIAL else Decimal(1000)
    return int((Decimal(str(value)) * per).quantize(Decimal(1), rounding=ROUND_HALF_UP))


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


def portal_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Login required (anonymous -> the login page), and a NotFound from a scoped getter is
    a 404 whatever the view was doing: a stranger's object never exists."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    return wrapped
