"""The exercise library in the admin. Logged sessions are registered by scheduling's admin,
because saving one must re-check the athlete (a scheduling service)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from athletes.models import HomeItem
from training.models import Exercise

# What an exercise may need, in words: the home items, and the gym's trap bar (the API's
# vocabulary, api/serializers/exercises.py).
EQUIPMENT_CHOICES = [*HomeItem.choices, ("trap_bar", "Trap bar")]


class ExerciseForm(forms.ModelForm):  # type: ignore[type-arg]
    """The equipment as boxes to tick, not a JSON list typed by hand."""

    equipment = forms.MultipleChoiceField(
        choices=EQUIPMENT_CHOICES, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Items it needs; any one will do.")

    class Meta:
        model = Exercise
        fields = ["name", "slug", "pattern", "category", "lower_body", "unilateral",
                  "equipment", "owner"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["equipment"]
        known = {value for value, _ in EQUIPMENT_CHOICES}
        kept = [item for item in (self.instance.equipment or []) if item not in known]
        field.choices = [*EQUIPMENT_CHOICES, *((item, item) for item in kept)]  # nothing lost


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = ExerciseForm
    list_display = ["name", "slug", "pattern", "category", "lower_body", "owner"]
    list_filter = ["pattern", "category", "lower_body"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Exercise]:
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(Q(owner__isnull=True) | Q(owner=request.user))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [] if request.user.is_superuser else ["owner"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not request.user.is_superuser and obj.owner_id != request.user.pk:
            return False  # the library is read-only for coaches; their own they edit
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not request.user.is_superuser and obj.owner_id != request.user.pk:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Exercise, form: Any, change: bool) -> None:
        if not change and not request.user.is_superuser:
            obj.owner = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)
