"""The athlete's plate step (the smallest change they can make to a bar's load) in their own
units: shown and entered in kg or lb, stored in kg to 0.01, and carried to the nearest usual
step of the other units when they switch.

A pound step is a whole number of quarter pounds, 0.75 to 55 lb, stored in kg (5 lb as
2.27 kg) and read back to the nearest quarter pound; the engine reads it the same way
(``scheduling.engine.progression.pound_step``). ``step_normal`` puts any step, from the API
too, on that footing.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

METRIC = "metric"  # the values of athletes.models.Units
IMPERIAL = "imperial"
KG_PER_LB = Decimal("0.45359237")  # exact, by definition

USUAL_STEPS = {  # in each unit's own terms: microplates to a pair of big plates
    METRIC: (Decimal("0.5"), Decimal("1"), Decimal("1.25"), Decimal("2.5"),
                   Decimal("5"), Decimal("10")),
    IMPERIAL: (Decimal("1"), Decimal("1.25"), Decimal("2.5"), Decimal("5"),
                     Decimal("10"), Decimal("20")),
}
# What the settings take, in each unit: within the model's 0.25-25 kg once stored.
STEP_RANGE = {METRIC: (Decimal("0.25"), Decimal("25")),
              IMPERIAL: (Decimal("0.75"), Decimal("55"))}
DEFAULT_STEP = {METRIC: Decimal("2.5"), IMPERIAL: Decimal("5")}


def tidy(value: Decimal) -> Decimal:
    """100.0 -> 100 and 102.50 -> 102.5 (never the exponent form "1E+2")."""
    if value == value.to_integral():
        return value.quantize(Decimal(1))
    return value.normalize()


def step_to_display(step_kg: Decimal | float, units: str) -> Decimal:
    """The stored step in the athlete's units: 2.5 (kg) or 5 (lb, from 2.27 kg), within
    the units' range (``STEP_RANGE``)."""
    kg = Decimal(str(step_kg))
    if units == IMPERIAL:
        low, high = STEP_RANGE[IMPERIAL]
        quarters = (kg / KG_PER_LB * 4).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return tidy(min(max(quarters / 4, low), high))
    return tidy(kg)


def step_normal(step_kg: Decimal | float, units: str) -> Decimal:
    """The step to store for ``units``: a pound step on whole quarter pounds within 0.75-55
    lb (2.50 kg, sent in kg through the API, becomes 5.5 lb: 2.49 kg); kg steps as given."""
    if units != IMPERIAL:
        return Decimal(str(step_kg))
    return kg_from_display(step_to_display(step_kg, units), units)


def is_quarter_pounds(value: Decimal) -> bool:
    return (value * 4) == (value * 4).to_integral()


def kg_from_display(value: Decimal | float, units: str) -> Decimal:
    """A load or a step in the athlete's units -> kg to store (2 decimals, as the models
    keep them)."""
    kg = Decimal(str(value)) * (KG_PER_LB if units == IMPERIAL else 1)
    return kg.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def step_carried(step_kg: Decimal | float, units: str) -> Decimal:
    """The usual step of ``units`` nearest (by ratio) to a step set in the other units, in kg:
    2.5 kg becomes 5 lb, 5 lb becomes 2.5 kg. Nobody owns 5.5 lb plates."""
    kg = Decimal(str(step_kg))
    shown = kg / KG_PER_LB if units == IMPERIAL else kg
    usual = USUAL_STEPS[units]
    nearest = min(usual, key=lambda s: max(s / shown, shown / s))
    return kg_from_display(nearest, units)


def default_step_kg(units: str) -> Decimal:
    return kg_from_display(DEFAULT_STEP[units], units)


def load_step(units: str, plate_step_kg: Decimal | float) -> Decimal:
    """What one +/- press on a load adds: the plate step, in the athlete's units."""
    return step_to_display(plate_step_kg, units)
