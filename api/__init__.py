"""The REST API (/api/v1/): one module per resource, its serializers under ``api.serializers``,
and its plumbing split by concern (errors, pagination, idempotency, throttles, fields, schema).

A face over the domain apps: it may import ``scheduling``, ``training``, ``athletes`` and
``core``; none of them imports it."""
