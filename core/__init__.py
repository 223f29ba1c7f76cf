"""The ground floor: what every app may import and that imports none of them.

The one domain error, the supported date range, unit and plate conversions and the scoped-get
helper. Plain Python and Django only; no models.
"""
