"""The API's shapes, by resource. Input serializers check shape only; the services apply the
rules."""
