"""The athlete's calendar feed: its secret and URL."""

from __future__ import annotations

from rest_framework import serializers


class CalendarTokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    url = serializers.CharField(help_text="The iCal feed URL to subscribe to.")
