"""The athlete's units for display and input: stored in SI (kg, metres), shown in kg/km or
lb/mi. The unit names are ``athletes.models.Units``'s values, spelled here so the ground floor
imports no app."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from core.plates import DEFAULT_STEP, IMPERIAL, KG_PER_LB, kg_from_display, tidy

M_PER_MILE = Decimal("1609.344")


class Viewed(str):
    """The units one viewer reads a page in ("metric" or "imperial", so it goes wherever a
    units string goes), with the pound step a load not entered in pounds is shown on: 100 kg
    reads 220 lb on a 5 lb step, never 220.5 (no bar can be loaded so)."""

    step_lb: Decimal

    def __new__(cls, units: str, step_lb: Decimal = DEFAULT_STEP[IMPERIAL]) -> Viewed:
        viewed = super().__new__(cls, units)
        viewed.step_lb = step_lb
        return viewed


def load_unit(units: str) -> str:
    return "lb" if units == IMPERIAL else "kg"


def distance_unit(units: str) -> str:
    return "mi" if units == IMPERIAL else "km"


def load_to_display(load_kg: Decimal | float | None, units: str) -> Decimal | None:
    """kg as stored -> the reader's unit: kg exact (stored to 0.01, so a 1.25 kg plate step
    shows), lb to 0.1 (a pound load comes back from kg to 0.01 within 0.01 lb). For a
    ``Viewed`` reader in pounds, a load entered in pounds (it is the kg of a whole quarter
    pound) shows as entered and any other one on the reader's pound step."""
    if load_kg is None:
        return None
    value = Decimal(str(load_kg))
    if units == IMPERIAL:
        pounds = value / KG_PER_LB
        if isinstance(units, Viewed):
            quarters = (pounds * 4).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 4
            if kg_from_display(quarters, IMPERIAL) == value.quantize(Decimal("0.01")):
                return tidy(quarters)
            steps = (pounds / units.step_lb).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            return tidy(steps * units.step_lb)
        return tidy(pounds.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return tidy(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def estimate_to_display(kg: Decimal | float | None, units: str) -> Decimal | None:
    """An estimate from loads (e1RM, weekly volume) in the athlete's unit, to 0.1: no
    bar ever held it, so the plate grid's 0.01 kg would be false precision."""
    if kg is None:
        return None
    value = Decimal(str(kg)) / (KG_PER_LB if units == IMPERIAL else 1)
    return tidy(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def load_from_display(value: Decimal | float | None, units: str) -> Decimal | None:
    """The athlete's unit -> kg to store (2 decimals, as the model keeps it)."""
    return None if value is None else kg_from_display(value, units)


def distance_to_display(metres: int | None, units: str) -> Decimal | None:
    if metres is None:
        return None
    per = M_PER_MILE if units == IMPERIAL else Decimal(1000)
    return tidy((Decimal(metres) / per).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def distance_from_display(value: Decimal | float | None, units: str) -> int | None:
    if value is None:
        return None
    per = M_PER_MILE if units == IMPERIAL else Decimal(1000)
    return int((Decimal(str(value)) * per).quantize(Decimal(1), rounding=ROUND_HALF_UP))
