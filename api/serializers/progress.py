"""An athlete's progress on a lift, and the targets proposed for their next sessions."""

from __future__ import annotations

from rest_framework import serializers


class ProgressQuery(serializers.Serializer):
    exercise = serializers.SlugField(max_length=80)


class _E1rmPoint(serializers.Serializer):
    date = serializers.DateField()
    e1rm = serializers.FloatField()


class _HeaviestPoint(serializers.Serializer):
    date = serializers.DateField()
    load_kg = serializers.FloatField()
    reps = serializers.IntegerField()


class _PR(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["e1rm", "load", "reps"])
    date = serializers.DateField()
    value = serializers.FloatField()
    reps = serializers.IntegerField()
    load_kg = serializers.FloatField()


class _WeekVolume(serializers.Serializer):
    week = serializers.DateField(help_text="The Monday of the ISO week.")
    volume_kg = serializers.FloatField()


class ProgressSerializer(serializers.Serializer):
    exercise = serializers.CharField()
    e1rm = _E1rmPoint(many=True)
    heaviest = _HeaviestPoint(many=True)
    prs = _PR(many=True)
    weekly_volume = _WeekVolume(many=True)


class TargetSerializer(serializers.Serializer):
    exercise = serializers.CharField()
    sets = serializers.IntegerField()
    reps_min = serializers.IntegerField()
    reps_max = serializers.IntegerField()
    load_kg = serializers.FloatField(allow_null=True)
    rir = serializers.IntegerField()
    reason = serializers.CharField()
    based_on = serializers.CharField(allow_blank=True)
    tempo = serializers.CharField(allow_blank=True)


class TargetListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = TargetSerializer(many=True)
