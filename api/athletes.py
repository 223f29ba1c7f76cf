"""Athletes: the list, creating one, and one athlete's profile, availability, a check now,
progress and next targets."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import ApiViewSet, body, query
from api.idempotency import idempotent
from api.permissions import IsCoachToWrite
from api.serializers.athletes import (
    AthleteCreateSerializer,
    AthleteSerializer,
    AthleteUpdateSerializer,
    AvailabilitySerializer,
)
from api.serializers.compliance import ComplianceQuery, ComplianceSerializer, verdict_data
from api.serializers.findings import FindingListSerializer, FindingSerializer
from api.serializers.load import LoadQuery, LoadSerializer
from api.serializers.progress import (
    ProgressQuery,
    ProgressSerializer,
    TargetListSerializer,
    TargetSerializer,
)
from athletes.selectors import (
    athlete_get_for_user,
    athletes_for_user,
    roster_get_for_user,
    rosters_for_user,
)
from athletes.services import athlete_create
from core.errors import DomainError
from scheduling import selectors, services
from scheduling.engine.timeline import iso_week_label
from scheduling.models import CheckTrigger, FindingStatus
from scheduling.services.compliance import compliance_week
from scheduling.services.profile import athlete_profile_update
from training.load import ACWR_LIMITS
from training.selectors import (
    exercise_get_for_athlete,
    load_for_athlete,
    progress_for_athlete,
)


class AthleteListViewSet(ApiViewSet):
    """A coach: the athletes on their rosters; an athlete: themself."""

    serializer_class = AthleteSerializer
    permission_classes = [IsCoachToWrite]

    def list(self, request: Request) -> Response:
        return self.page(athletes_for_user(user=request.user).order_by("id"), AthleteSerializer)

    @extend_schema(request=AthleteCreateSerializer, responses={201: AthleteSerializer})
    @idempotent
    def create(self, request: Request) -> Response:
        """Create an athlete account on one of your rosters; they get an email to set a
        password."""
        fields = body(AthleteCreateSerializer, request)
        roster_id = fields.pop("roster", None)
        if roster_id is None:
            roster = rosters_for_user(user=request.user).first()
            if roster is None:
                raise DomainError("You have no roster yet.", field="roster")
        else:
            roster = roster_get_for_user(
                user=request.user, roster_id=roster_id, field="roster")
        athlete = athlete_create(
            email=fields.pop("email"), name=fields.pop("name"), roster=roster,
            invited_by=request.user, **fields,
        )
        return Response(AthleteSerializer(athlete).data, status=status.HTTP_201_CREATED)


class AthleteViewSet(ApiViewSet):
    serializer_class = AthleteSerializer

    def _athlete(self, pk: Any) -> Any:
        return athlete_get_for_user(user=self.request.user, athlete_id=pk)

    def retrieve(self, request: Request, pk: Any) -> Response:
        return Response(AthleteSerializer(self._athlete(pk)).data)

    @extend_schema(request=AthleteUpdateSerializer, responses={200: AthleteSerializer})
    def partial_update(self, request: Request, pk: Any) -> Response:
        """Change profile fields (a change the engine reads re-checks the athlete)."""
        athlete = self._athlete(pk)
        athlete_profile_update(athlete=athlete, actor=request.user,
                               **body(AthleteUpdateSerializer, request, partial=True))
        return Response(AthleteSerializer(athlete).data)

    @extend_schema(responses={200: AvailabilitySerializer})
    def availability(self, request: Request, pk: Any) -> Response:
        """The athlete's weekly availability: days with the earliest and latest start."""
        athlete = self._athlete(pk)
        return Response(AvailabilitySerializer({"days": athlete.availability.all()}).data)

    @extend_schema(request=AvailabilitySerializer, responses={200: AvailabilitySerializer})
    def set_availability(self, request: Request, pk: Any) -> Response:
        """Replace the weekly availability (no days: every day, 06:00-21:00)."""
        athlete = self._athlete(pk)
        days = body(AvailabilitySerializer, request)["days"]
        athlete_profile_update(athlete=athlete, actor=request.user, availability=[
            (d["weekday"], d["earliest"], d["latest"]) for d in days])
        return Response(AvailabilitySerializer({"days": days}).data)  # stored as given

    @extend_schema(request=None, responses={200: FindingListSerializer})
    def check(self, request: Request, pk: Any) -> Response:
        """Re-check now; every open finding of the athlete (unpaginated)."""
        athlete = self._athlete(pk)
        services.athlete_check(athlete_id=athlete.pk, trigger=CheckTrigger.MANUAL)
        findings = list(selectors.findings_for_user(user=request.user).filter(
            athlete=athlete, status=FindingStatus.OPEN))
        return Response({"count": len(findings),
                         "results": FindingSerializer(findings, many=True).data})

    @extend_schema(parameters=[ProgressQuery], responses={200: ProgressSerializer})
    def progress(self, request: Request, pk: Any) -> Response:
        """One lift's e1RM series, heaviest sets, PRs and weekly volume load."""
        athlete = self._athlete(pk)
        slug = query(ProgressQuery, request)["exercise"]
        exercise_get_for_athlete(athlete=athlete, slug=slug, field="exercise")
        data = progress_for_athlete(athlete=athlete, exercise=slug)
        return Response(ProgressSerializer(data).data)

    @extend_schema(responses={200: TargetListSerializer})
    def next_targets(self, request: Request, pk: Any) -> Response:
        """What the progression proposes next for each main lift (unpaginated)."""
        athlete = self._athlete(pk)
        targets = selectors.next_targets_for_athlete(athlete=athlete)
        return Response({"count": len(targets),
                         "results": TargetSerializer(targets, many=True).data})

    @extend_schema(parameters=[LoadQuery], responses={200: LoadSerializer})
    def load(self, request: Request, pk: Any) -> Response:
        """The daily training load (session RPE x minutes, runs and lifts) with fitness (CTL),
        fatigue (ATL), form and the 7:28 acute:chronic ratio; at most 3 years per call,
        default the 90 days that end today. Figures, not verdicts: see ``acwr_limits``."""
        athlete = self._athlete(pk)
        params = LoadQuery(data=request.query_params)
        params.is_valid(raise_exception=True)
        date_from, date_to = params.window(selectors.athlete_today(athlete=athlete))
        points = load_for_athlete(athlete_id=athlete.pk, date_from=date_from, date_to=date_to)
        # Built as plain dicts (the schema is LoadSerializer's): up to 1096 points of nine
        # numbers each, which DRF's per-field serializing would take most of the time over.
        return Response({
            "athlete": athlete.pk, "date_from": date_from.isoformat(),
            "date_to": date_to.isoformat(), "acwr_limits": ACWR_LIMITS,
            "results": [{"date": p.date.isoformat(), "load": p.load, "run_load": p.run_load,
                         "strength_load": p.strength_load, "ctl": p.ctl, "atl": p.atl,
                         "form": p.form, "acwr": p.acwr, "estimated": p.estimated}
                        for p in points],
        })

    @extend_schema(parameters=[ComplianceQuery], responses={200: ComplianceSerializer})
    def compliance(self, request: Request, pk: Any) -> Response:
        """Planned against done for one ISO week (default: this week): each past planned
        session done, partial, off or missed, each logged session fulfilling no plan
        unplanned, and the week's compliance, key runs on their own (docs/rules.md,
        Compliance). Sessions of today or later are not judged yet."""
        athlete = self._athlete(pk)
        today = selectors.athlete_today(athlete=athlete)
        monday = query(ComplianceQuery, request).get("week") or selectors.monday_of(today)
        week, verdicts = compliance_week(athlete_id=athlete.pk, monday=monday, today=today)
        results = sorted(verdicts.values(), key=lambda v: (v.date, v.ref))
        return Response({
            "athlete": athlete.pk, "week": iso_week_label(monday),
            "planned": week.planned, "done": week.done, "compliance": week.ratio,
            "key_planned": week.key_planned, "key_done": week.key_done,
            "key_compliance": week.key_ratio,
            "results": [verdict_data(v) for v in results],
        })
