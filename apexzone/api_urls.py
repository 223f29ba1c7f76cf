"""REST API v1 routes (/api/v1/...) and its schema (/api/schema/, /api/docs/)."""

urlpatterns: list = []
