"""The scheduling part of the REST API, by entity (mounted by ``apexzone.api_urls``)."""
