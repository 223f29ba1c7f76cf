"""REST API v1 routes (/api/v1/...) and its schema (/api/schema/, /api/docs/).

Every route has a name (``api-...``); tests/api/test_authorization.py walks this URL conf and
fails for a route without a row in its matrix.
"""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.athletes import AthleteListViewSet, AthleteViewSet
from api.auth import MeView, TokenRevokeView, TokenView
from api.calendar import CalendarFeedView, CalendarTokenViewSet
from api.check_ins import CheckInViewSet
from api.comments import CommentViewSet
from api.errors import NotFoundView
from api.exercises import ExerciseViewSet
from api.findings import FindingViewSet
from api.imports import ExportView, ImportViewSet
from api.logs import RunViewSet, StrengthSessionViewSet
from api.placement import PlacementViewSet
from api.plans import PlannedSessionViewSet
from api.races import PhaseViewSet, RaceViewSet
from api.webhooks import WebhookViewSet

LIST = {"get": "list", "post": "create"}
DETAIL = {"get": "retrieve", "patch": "partial_update", "delete": "destroy"}
A = "api/v1/athletes/<int:athlete_id>/"

v1 = [
    path("api/v1/auth/token/", TokenView.as_view(), name="api-auth-token"),
    path("api/v1/auth/token/revoke/", TokenRevokeView.as_view(), name="api-auth-token-revoke"),
    path("api/v1/me/", MeView.as_view(), name="api-me"),
    # Athletes
    path("api/v1/athletes/", AthleteListViewSet.as_view(LIST), name="api-athlete-list"),
    path("api/v1/athletes/<int:pk>/",
         AthleteViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
         name="api-athlete-detail"),
    path("api/v1/athletes/<int:pk>/availability/",
         AthleteViewSet.as_view({"get": "availability", "put": "set_availability"}),
         name="api-athlete-availability"),
    path("api/v1/athletes/<int:pk>/check/", AthleteViewSet.as_view({"post": "check"}),
         name="api-athlete-check"),
    path("api/v1/athletes/<int:pk>/progress/", AthleteViewSet.as_view({"get": "progress"}),
         name="api-athlete-progress"),
    path("api/v1/athletes/<int:pk>/next-targets/",
         AthleteViewSet.as_view({"get": "next_targets"}), name="api-athlete-next-targets"),
    path("api/v1/athletes/<int:pk>/load/", AthleteViewSet.as_view({"get": "load"}),
         name="api-athlete-load"),
    path("api/v1/athletes/<int:pk>/compliance/",
         AthleteViewSet.as_view({"get": "compliance"}), name="api-athlete-compliance"),
    path(A + "races/", RaceViewSet.as_view(LIST), name="api-race-list"),
    path(A + "races/<int:pk>/", RaceViewSet.as_view(DETAIL), name="api-race-detail"),
    path(A + "phases/", PhaseViewSet.as_view({"get": "list"}), name="api-phase-list"),
    path(A + "placement/", PlacementViewSet.as_view({"get": "retrieve"}),
         name="api-placement"),
    path(A + "placement/apply/", PlacementViewSet.as_view({"post": "apply"}),
         name="api-placement-apply"),
    path(A + "calendar-token/",
         CalendarTokenViewSet.as_view({"get": "retrieve", "post": "rotate"}),
         name="api-athlete-calendar-token"),
    path(A + "calendar.ics", CalendarFeedView.as_view(), name="api-athlete-calendar"),
    path(A + "export/", ExportView.as_view(), name="api-athlete-export"),
    # Exercises
    path("api/v1/exercises/", ExerciseViewSet.as_view(LIST), name="api-exercise-list"),
    # Plans
    path("api/v1/planned-sessions/", PlannedSessionViewSet.as_view(LIST),
         name="api-planned-session-list"),
    path("api/v1/planned-sessions/bulk/", PlannedSessionViewSet.as_view({"post": "bulk"}),
         name="api-planned-session-bulk"),
    path("api/v1/planned-sessions/<int:pk>/",
         PlannedSessionViewSet.as_view({**DETAIL, "put": "update"}),
         name="api-planned-session-detail"),
    # Logged work
    path("api/v1/strength-sessions/", StrengthSessionViewSet.as_view(LIST),
         name="api-strength-session-list"),
    path("api/v1/strength-sessions/<int:pk>/", StrengthSessionViewSet.as_view(DETAIL),
         name="api-strength-session-detail"),
    path("api/v1/runs/", RunViewSet.as_view(LIST), name="api-run-list"),
    path("api/v1/runs/<int:pk>/", RunViewSet.as_view(DETAIL), name="api-run-detail"),
    # History from files (watches, apps)
    path("api/v1/imports/", ImportViewSet.as_view(LIST), name="api-import-list"),
    path("api/v1/imports/<int:pk>/", ImportViewSet.as_view({"get": "retrieve"}),
         name="api-import-detail"),
    path("api/v1/imports/<int:pk>/mapping/", ImportViewSet.as_view({"post": "mapping"}),
         name="api-import-mapping"),
    path("api/v1/imports/<int:pk>/units/", ImportViewSet.as_view({"post": "units"}),
         name="api-import-units"),
    path("api/v1/imports/<int:pk>/confirm/", ImportViewSet.as_view({"post": "confirm"}),
         name="api-import-confirm"),
    # How the athlete feels
    path("api/v1/check-ins/", CheckInViewSet.as_view(LIST), name="api-check-in-list"),
    path("api/v1/check-ins/<int:pk>/", CheckInViewSet.as_view(DETAIL),
         name="api-check-in-detail"),
    # The thread on every session
    path("api/v1/comments/", CommentViewSet.as_view(LIST), name="api-comment-list"),
    path("api/v1/comments/read/", CommentViewSet.as_view({"post": "read"}),
         name="api-comment-read"),
    # Findings
    path("api/v1/findings/", FindingViewSet.as_view({"get": "list"}), name="api-finding-list"),
    path("api/v1/findings/<int:pk>/", FindingViewSet.as_view({"get": "retrieve"}),
         name="api-finding-detail"),
    path("api/v1/findings/<int:pk>/acknowledge/",
         FindingViewSet.as_view({"post": "acknowledge"}), name="api-finding-acknowledge"),
    path("api/v1/findings/<int:pk>/apply/",
         FindingViewSet.as_view({"post": "apply"}), name="api-finding-apply"),
    # Webhooks
    path("api/v1/webhooks/", WebhookViewSet.as_view({"get": "list", "post": "create"}),
         name="api-webhook-list"),
    path("api/v1/webhooks/<int:pk>/", WebhookViewSet.as_view({"delete": "destroy"}),
         name="api-webhook-detail"),
    # Last: any other path under /api/v1/ is the API's JSON 404, not the site's HTML page.
    re_path(r"^api/v1/(?P<rest>[\s\S]*)\Z", NotFoundView.as_view(), name="api-not-found"),
]

urlpatterns = [
    *v1,
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI's start script is its own request (/api/docs/?script=), not inline: the page
    # runs under the Content-Security-Policy with scripts from our origin only.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
         name="api-docs"),
]
