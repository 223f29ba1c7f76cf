"""Imports of history: the upload, its files' verdicts, the mapping questions, the totals."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import Id, Text
from athletes.models import Units
from scheduling.services.imports import import_summary, unmapped_names
from training.models import Import, ImportFile

COUNTS = serializers.DictField(child=serializers.IntegerField())


class ImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="A file (FIT, GPX, TCX, Strong or Hevy CSV, Strava's activities.csv) or one "
                  "zip archive (a Strava bulk export, or any files); repeat the part for "
                  "several files.")
    athlete = Id(required=False, help_text="Required for a coach; an athlete: themself.")


class AthleteField(serializers.Serializer):
    """The upload's fields besides its files."""

    athlete = Id(required=False)


class MappingInputSerializer(serializers.Serializer):
    name = Text(max_length=1000, help_text="An exercise name of the import, as the app wrote it.")
    exercise = serializers.SlugField(max_length=80, allow_null=True,
                                     help_text="The exercise it is (a slug), or null to "
                                               "ignore its sets.")


class UnitsInputSerializer(serializers.Serializer):
    units = serializers.ChoiceField(choices=Units.choices,
                                    help_text="The units of the files that do not say them.")


class ImportFileSerializer(serializers.ModelSerializer):
    already_there = serializers.SerializerMethodField(
        help_text="Sessions of the file the athlete already has (written: when written).")
    created = serializers.SerializerMethodField(help_text="What confirming wrote (null before).")

    class Meta:
        model = ImportFile
        fields = ["id", "name", "outcome", "reason", "line", "format", "runs",
                  "strength_sessions", "sets", "assumed_units", "already_there", "created"]
        read_only_fields = fields

    @extend_schema_field(COUNTS)
    def get_already_there(self, obj: ImportFile) -> dict[str, int]:
        return dict(obj.result.get("already_there", {}) if obj.written else obj.already_there)

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField(),
                                               allow_null=True))
    def get_created(self, obj: ImportFile) -> dict[str, int] | None:
        return obj.result.get("created") if obj.written else None


class _Progress(serializers.Serializer):
    done = serializers.IntegerField()
    total = serializers.IntegerField()


class ImportSerializer(serializers.ModelSerializer):
    """An import with its files. ``created`` is null until it is done."""

    progress = serializers.SerializerMethodField()
    files = ImportFileSerializer(many=True, read_only=True)
    created = serializers.SerializerMethodField()
    already_there = serializers.SerializerMethodField()

    class Meta:
        model = Import
        fields = ["id", "athlete", "state", "progress", "units", "error", "created_at",
                  "expires_at", "files", "created", "already_there"]
        read_only_fields = fields

    @extend_schema_field(_Progress)
    def get_progress(self, obj: Import) -> dict[str, int]:
        return {"done": obj.progress_done, "total": obj.progress_total}

    def _summary(self, obj: Import) -> dict[str, Any]:
        cache = self.context.setdefault("summaries", {})
        if obj.pk not in cache:
            cache[obj.pk] = import_summary(list(obj.files.all()))
        return cache[obj.pk]

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField(),
                                               allow_null=True))
    def get_created(self, obj: Import) -> dict[str, int] | None:
        return self._summary(obj)["created"] if obj.state == "done" else None

    @extend_schema_field(COUNTS)
    def get_already_there(self, obj: Import) -> dict[str, int]:
        return self._summary(obj)["already_there"]


class ImportDetailSerializer(ImportSerializer):
    """One import, with the exercise names waiting for an answer (``unmapped``)."""

    unmapped = serializers.SerializerMethodField()

    class Meta(ImportSerializer.Meta):
        fields = [*ImportSerializer.Meta.fields, "unmapped"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_unmapped(self, obj: Import) -> list[str]:
        if obj.state not in ("ready", "parsing"):
            return []
        return unmapped_names(upload=obj, files=list(obj.files.all()))


class ImportFilter(serializers.Serializer):
    athlete = Id(required=False)
