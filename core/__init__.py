"""The ground floor: what every app may import and that imports none of them.

The one domain error, the supported date range, unit and plate conversions, the scoped-get
helper, and the lifting formulas (Epley, the current e1RM) that the engine shares with
training. Plain Python and Django only; no models.
"""
