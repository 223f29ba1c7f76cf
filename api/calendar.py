"""An athlete's calendar: the iCal feed (authenticated by its secret in the URL, for calendar
apps) and the route that shows or rotates that secret."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import icalendar
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.common import ApiViewSet
from api.serializers.calendar import CalendarTokenSerializer
from athletes.models import AthleteProfile
from athletes.selectors import (
    athlete_calendar_feed_path,
    athlete_get_by_calendar_token,
    athlete_get_for_user,
)
from athletes.services import athlete_calendar_token_rotate
from core.units import distance_to_display, distance_unit, load_to_display, load_unit
from scheduling import selectors
from scheduling.models import Finding, PlannedSession, Prescription
from scheduling.prescriptions import Loads, dose_text, loads_for
from scheduling.selectors.feed import Done, done_for_calendar
from training.models import StrengthSet


class FirstRenderer(BaseContentNegotiation):
    """Always the view's first renderer (a calendar client's Accept header is not our API)."""

    def select_parser(self, request: Request, parsers: list[Any]) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(self, request: Request, renderers: list[Any],
                        format_suffix: str | None = None) -> tuple[Any, str]:
        return renderers[0], renderers[0].media_type


class CalendarTokenViewSet(ApiViewSet):
    serializer_class = CalendarTokenSerializer

    def _out(self, request: Request, athlete: AthleteProfile) -> Response:
        return Response({"token": athlete.calendar_token, "url": request.build_absolute_uri(
            athlete_calendar_feed_path(athlete=athlete))})

    @extend_schema(responses={200: CalendarTokenSerializer})
    def retrieve(self, request: Request, athlete_id: Any) -> Response:
        """The feed's secret and URL (subscribe to it in a calendar app)."""
        return self._out(request, athlete_get_for_user(user=request.user, athlete_id=athlete_id))

    @extend_schema(request=None, responses={200: CalendarTokenSerializer})
    def rotate(self, request: Request, athlete_id: Any) -> Response:
        """A new secret: the old feed URL stops working."""
        athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
        athlete_calendar_token_rotate(athlete=athlete)
        return self._out(request, athlete)


class CalendarFeedView(APIView):
    """The athlete's calendar as iCalendar events in their time zone: what was done at its
    real date and time, what is planned (and missed), with the open findings that name a
    session in its description."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    content_negotiation_class = FirstRenderer

    @extend_schema(
        auth=[],
        parameters=[OpenApiParameter("token", str, required=True,
                                     description="The athlete's calendar secret.")],
        responses={(200, "text/calendar"): OpenApiResponse(OpenApiTypes.STR),
                   404: OpenApiResponse(description="Unknown athlete or wrong token.")},
    )
    def get(self, request: Request, athlete_id: Any) -> HttpResponse:
        token = request.query_params.get("token", "")
        athlete = athlete_get_by_calendar_token(athlete_id=athlete_id, token=token)
        sessions = list(selectors.planned_sessions_for_calendar(athlete=athlete))
        done = done_for_calendar(athlete=athlete, plans=sessions)
        findings = list(selectors.open_findings_for_athlete(athlete=athlete))
        today = selectors.athlete_today(athlete=athlete)
        loads = loads_for(athlete, [line for session in sessions
                                    for line in session.prescription.all()], on=today)
        body = calendar_ical(athlete, sessions, findings, loads=loads, done=done, today=today)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="apexzone-{athlete.pk}.ics"'
        return response


def calendar_ical(athlete: AthleteProfile, sessions: list[PlannedSession],
                  findings: list[Finding], *, loads: Loads | None = None,
                  done: Sequence[Done] = (), today: dt.date | None = None) -> bytes:
    """What was done, at its real date and time (a plan it fulfils shows there, as done, under
    the plan's uid), and every plan nothing fulfils at its own (``Missed:`` before
    ``today``)."""
    zone = zoneinfo.ZoneInfo(athlete.timezone)
    about: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for finding in findings:
        for ref in finding.sessions:
            about[(ref.get("type"), ref.get("id"))].append(finding)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Apex Zone//Training plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Apex Zone: {athlete.user.name or athlete.user.email}")
    cal.add("x-wr-timezone", athlete.timezone)
    stamp = timezone.now()
    fulfilled = {d.plan.pk for d in done if d.plan is not None}
    timed = False
    for session in sessions:
        if session.pk in fulfilled:
            continue
        missed = today is not None and session.date < today
        event = _event(f"planned-{session.pk}", stamp, zone, session.date, session.start_time,
                       session.duration_min)
        event.add("summary", ("Missed: " if missed else "") + _summary(session))
        event.add("description", _description(session, about[("planned", session.pk)],
                                              athlete.units, loads))
        event.add("categories", [session.kind])
        cal.add_component(event)
        timed = timed or session.start_time is not None
    for d in done:
        log, plan = d.log, d.plan
        minutes = (log.duration_min if d.strength is not None
                   else None if d.run.duration_s is None else d.run.duration_s / 60)  # type: ignore[union-attr]
        uid = f"planned-{plan.pk}" if plan is not None else f"{d.kind}-{log.pk}"
        event = _event(uid, stamp, zone, log.date, log.start_time, minutes)
        event.add("summary", f"Done: {_summary(plan) if plan else _log_summary(d)}")
        lines = [_done_text(d, athlete.units)]
        if plan is not None:
            lines.append(f"Planned for {plan.date:%A %-d %B %Y}:")
            lines.append(_description(plan, about[("planned", plan.pk)], athlete.units, loads))
        lines.extend(_finding_lines(about[(d.kind, log.pk)]))
        event.add("description", "\n".join(line for line in lines if line))
        event.add("categories", [d.kind])
        cal.add_component(event)
        timed = timed or log.start_time is not None
    if timed:
        cal.add_missing_timezones()
    return cal.to_ical()


def _event(uid: str, stamp: dt.datetime, zone: zoneinfo.ZoneInfo, date: dt.date,
           start: dt.time | None, minutes: float | None) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{uid}@apexzone")
    event.add("dtstamp", stamp)
    if start is not None:
        # A local wall-clock time in the athlete's zone: DTSTART;TZID=<zone>:...
        event.add("dtstart", dt.datetime.combine(date, start, tzinfo=zone))
        event.add("duration", dt.timedelta(minutes=minutes or 60))
    else:
        # No time given: an all-day event on the athlete's local date.
        event.add("dtstart", date)
        event.add("dtend", date + dt.timedelta(days=1))
    return event


def _log_summary(d: Done) -> str:
    if d.run is not None:
        return f"{d.run.get_run_type_display()} run"
    return d.strength.title or "Strength"  # type: ignore[union-attr]


def _done_text(d: Done, units: str) -> str:
    """``Done: 8 km in 45:00`` or ``Done: Back squat 5 @ 95 kg, 5 @ 95 kg; Plank 45 s``."""
    if d.run is not None:
        parts = []
        if d.run.distance_m:
            parts.append(f"{distance_to_display(d.run.distance_m, units)} "
                         f"{distance_unit(units)}")
        if d.run.duration_s:
            minutes, seconds = divmod(d.run.duration_s, 60)
            parts.append(f"in {minutes}:{seconds:02d}")
        return "Done: " + " ".join(parts)
    by_exercise: dict[str, list[str]] = {}
    for s in d.strength.sets.all():  # type: ignore[union-attr]
        by_exercise.setdefault(s.exercise.name, []).append(_set_text(s, units))
    return "Done: " + "; ".join(f"{name} {', '.join(sets)}"
                                for name, sets in by_exercise.items())


def _set_text(s: StrengthSet, units: str) -> str:
    if s.hold_s:
        return f"{s.hold_s} s"
    if s.load_kg:
        return f"{s.reps} @ {load_to_display(s.load_kg, units)} {load_unit(units)}"
    return f"{s.reps} reps"


def _finding_lines(findings: list[Finding]) -> list[str]:
    lines = []
    for finding in findings:
        lines.append(f"[{finding.severity.upper()}] {finding.title}: {finding.explanation}")
        if finding.suggestion:
            lines.append(f"Suggestion: {finding.suggestion}")
    return lines


def _summary(session: PlannedSession) -> str:
    if session.title:
        return session.title
    if session.kind == "run":
        return f"{session.get_run_type_display()} run"
    return f"{(session.intensity or 'strength').title()} strength".replace(
        "Strength strength", "Strength")


def _description(session: PlannedSession, findings: list[Finding], units: str,
                 loads: Loads | None = None) -> str:
    lines = []
    if session.distance_m:
        lines.append(f"Distance: {distance_to_display(session.distance_m, units)} "
                     f"{distance_unit(units)}")
    if session.intensity:
        lines.append(f"Intensity: {session.get_intensity_display()}")
    lines.extend(_line_text(line, units, loads) for line in session.prescription.all())
    if session.planned_rpe:
        lines.append(f"Planned RPE: {session.planned_rpe}")
    if session.notes:
        lines.append(session.notes)
    lines.extend(_finding_lines(findings))
    return "\n".join(lines)


def _line_text(line: Prescription, units: str, loads: Loads | None = None) -> str:
    """``Back squat 4 x 4-6 @ 100 kg, RIR 2``, ``Plank 3 x 45 s`` or ``Back squat 4 x 5 @
    80 % e1RM, 96 kg``, as the week page shows a line."""
    text = f"{line.exercise.name} {dose_text(line, units=units, plain=True, loads=loads)}"
    if line.rir is not None:
        text += f", RIR {line.rir}"
    return text
