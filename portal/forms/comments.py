"""A comment on a session, with an optional pain flag: where (a body area) and how much
(0-10, a row of buttons on a phone). Services apply the rules (both or neither)."""

from __future__ import annotations

from typing import Any

from django import forms

from scheduling.models import BodyArea
from scheduling.models.comments import BODY_MAX, PAIN_RANGE

PAIN_WORDS = {0: "none", 1: "barely", 3: "mild", 5: "moderate", 7: "severe", 10: "worst"}


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment", required=False, max_length=BODY_MAX, strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "How did it go?"}))
    pain_area = forms.ChoiceField(
        label="Where it hurts", required=False,
        choices=[("", "No pain to flag"), *BodyArea.choices])
    pain_score = forms.TypedChoiceField(
        label="How much (0 none, 10 the worst)", required=False, coerce=int, empty_value=None,
        choices=[(n, f"{n}" + (f" {PAIN_WORDS[n]}" if n in PAIN_WORDS else ""))
                 for n in range(PAIN_RANGE[0], PAIN_RANGE[1] + 1)],
        widget=forms.RadioSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "comment")  # beside the session's own form on its page
        super().__init__(*args, **kwargs)

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"body": data.get("body") or "", "pain_area": data.get("pain_area") or "",
                "pain_score": data.get("pain_score")}
