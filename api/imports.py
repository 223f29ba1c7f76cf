"""Imports of history (files from watches and apps): upload, preview, mapping, confirm.

The upload is multipart (``file``, repeated for several files, and ``athlete``) and answers
202: the files are read in the background; poll the import for its progress and preview.
Past the caps of one upload the answer is 413 with the code ``too_large``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import TooManyFilesSent
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.common import ApiViewSet, athlete_for_body, body, query
from api.parsers import CappedJSONParser
from api.serializers.imports import (
    AthleteField,
    ImportDetailSerializer,
    ImportFilter,
    ImportInputSerializer,
    ImportSerializer,
    MappingInputSerializer,
    UnitsInputSerializer,
)
from athletes.selectors import athlete_get_for_user
from core.errors import DomainError
from scheduling import services
from scheduling.export import athlete_export
from scheduling.services.imports import TooLarge
from training import selectors
from training.models import Import

TOO_LARGE = OpenApiResponse(description="Over the caps of one upload (code `too_large`).")
SLACK = 64 * 1024  # the multipart envelope around the files


def _too_large(message: str) -> Response:
    return Response({"detail": message, "code": "too_large"},
                    status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)


class ImportViewSet(ApiViewSet):
    serializer_class = ImportSerializer
    parser_classes = [CappedJSONParser]

    def get_parsers(self) -> list[Any]:
        # Called before ``self.action`` is set: the action is read from the method.
        action_map = getattr(self, "action_map", None) or {}
        request = getattr(self, "request", None)
        if request is not None and action_map.get(request.method.lower()) == "create":
            return [MultiPartParser(), FormParser()]
        return super().get_parsers()

    def _get(self, pk: Any) -> Import:
        return selectors.import_get_for_user(user=self.request.user, import_id=pk)

    def _out(self, pk: Any) -> dict[str, Any]:
        return ImportDetailSerializer(self._get(pk)).data

    @extend_schema(parameters=[ImportFilter])
    def list(self, request: Request) -> Response:
        filters = query(ImportFilter, request)
        qs = selectors.imports_for_user(user=request.user)
        if "athlete" in filters:
            qs = qs.filter(athlete_id=filters["athlete"])
        return self.page(qs, ImportSerializer)

    @extend_schema(request={"multipart/form-data": ImportInputSerializer},
                   responses={202: ImportDetailSerializer, 413: TOO_LARGE})
    def create(self, request: Request) -> Response:
        """Upload files or one archive; they are read in the background (202)."""
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.IMPORT_MAX_BYTES + SLACK:
            return _too_large(f"The upload is over the limit of "
                              f"{settings.IMPORT_MAX_BYTES // 2**20} MiB.")
        try:
            files = request.FILES.getlist("file")
        except TooManyFilesSent:  # Django's own cap (DATA_UPLOAD_MAX_NUMBER_FILES), above ours
            return _too_large(f"Over the limit of {settings.IMPORT_MAX_FILES} files in one "
                              "upload: put them in one zip archive.")
        fields = AthleteField(data={k: v for k, v in request.data.items() if k != "file"})
        fields.is_valid(raise_exception=True)
        athlete = athlete_for_body(user=request.user,
                                   athlete_id=fields.validated_data.get("athlete"))
        if not files:
            raise DomainError("Choose at least one file.", field="file", code="required")
        try:
            upload = services.import_create(actor=request.user, athlete=athlete, files=files)
        except TooLarge as error:
            return _too_large(error.message)
        return Response(self._out(upload.pk), status=status.HTTP_202_ACCEPTED)

    def retrieve(self, request: Request, pk: Any) -> Response:
        return Response(self._out(pk))

    @extend_schema(request=MappingInputSerializer, responses={200: ImportDetailSerializer})
    def mapping(self, request: Request, pk: Any) -> Response:
        """Say what an exercise name of the import is: a slug, or null to ignore it.
        Remembered for the athlete's (and, from a coach, their athletes') next imports."""
        upload = self._get(pk)
        data = body(MappingInputSerializer, request)
        services.import_mapping_set(actor=request.user, upload=upload, name=data["name"],
                                    exercise=data["exercise"])
        return Response(self._out(pk))

    @extend_schema(request=UnitsInputSerializer, responses={202: ImportDetailSerializer})
    def units(self, request: Request, pk: Any) -> Response:
        """The units of the files that do not say them: the files are read again (202)."""
        upload = self._get(pk)
        data = body(UnitsInputSerializer, request)
        services.import_units_set(actor=request.user, upload=upload, units=data["units"])
        return Response(self._out(pk), status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses={202: ImportDetailSerializer})
    def confirm(self, request: Request, pk: Any) -> Response:
        """Write what the preview shows, in the background (202); poll for ``created``."""
        services.import_confirm(actor=request.user, upload=self._get(pk))
        return Response(self._out(pk), status=status.HTTP_202_ACCEPTED)


class ExportView(APIView):
    """Everything of the athlete as one zip: sets as CSV in Strong's layout, runs as CSV
    in Strava's ``activities.csv`` layout, plans and findings as JSON. Importing the archive
    gives the same sessions."""

    @extend_schema(responses={(200, "application/zip"): OpenApiTypes.BINARY},
                   operation_id="athletes_export_retrieve")
    def get(self, request: Request, athlete_id: int) -> FileResponse:
        athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
        return FileResponse(athlete_export(athlete=athlete), as_attachment=True,
                            filename=f"apexzone-athlete-{athlete.pk}.zip",
                            content_type="application/zip")
