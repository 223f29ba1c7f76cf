"""Shapes of the scheduling part of the API, by entity. Input serializers check shape only;
the services apply the rules."""
