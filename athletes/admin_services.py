"""The coach admin writes through the public services, as the portal and the API do.

A model admin's form and inlines validate the shape; the change itself is one call of the
model's public service, which validates the rules, writes, and re-checks the athlete once.
When the service refuses what the forms let through (a ``DomainError``: a run with a strength
prescription, another roster's exercise), the transaction of the admin's view has rolled
back and the form is shown again with the service's message, as the portal does.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from athletes.admin_scope import RosterScopedAdmin
from core.errors import DomainError

_REFUSAL = "_apexzone_service_refusal"  # the request attribute carrying the service's refusal


def _with_refusal(form: type[forms.ModelForm], refusal: DomainError) -> type[forms.ModelForm]:
    """``form``, with the service's refusal as an error: on its field when the form has it,
    else at the top (``prescription[1].exercise: ...`` names an inline's line)."""

    class Refused(form):  # type: ignore[valid-type,misc]
        def clean(self) -> dict[str, Any]:
            data = super().clean()
            if refusal.field in self.fields:
                self.add_error(refusal.field, refusal.message)
            else:
                where = f"{refusal.field}: " if refusal.field else ""
                self.add_error(None, f"{where}{refusal.message}")
            return data

    return Refused


class RefusalShownAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A ``DomainError`` raised while saving shows the form again with its message."""

    def changeform_view(self, request: HttpRequest, object_id: str | None = None,
                        form_url: str = "", extra_context: dict[str, Any] | None = None,
                        ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as exc:  # raised inside the view's atomic block: nothing was written
            if request.method != "POST" or hasattr(request, _REFUSAL):
                raise
            setattr(request, _REFUSAL, exc)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False,
                 **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        refusal = getattr(request, _REFUSAL, None)
        return form if refusal is None else _with_refusal(form, refusal)

    def _refused(self, request: HttpRequest, refusal: DomainError) -> HttpResponse:
        self.message_user(request, refusal.message, messages.ERROR)
        opts = self.model._meta
        return HttpResponseRedirect(reverse(
            f"admin:{opts.app_label}_{opts.model_name}_changelist",
            current_app=self.admin_site.name))

    def delete_view(self, request: HttpRequest, object_id: str,
                    extra_context: dict[str, Any] | None = None) -> HttpResponse:
        """A delete the service refuses: nothing deleted (the view's transaction rolled
        back), the list again with the service's message."""
        try:
            return super().delete_view(request, object_id, extra_context)
        except DomainError as exc:
            return self._refused(request, exc)

    def response_action(self, request: HttpRequest, queryset: QuerySet[Any], *args: Any,
                        **kwargs: Any) -> HttpResponse | None:
        """An action on many rows is all or nothing: one refusal undoes the rows done before
        it, and the list says why."""
        try:
            with transaction.atomic(using=queryset.db):
                return super().response_action(request, queryset, *args, **kwargs)
        except DomainError as exc:
            return self._refused(request, exc)


def inline_rows(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """The rows an inline holds once saved (cleaned data, deleted and blank new ones left
    out), by their ``order`` field when they have one, else as shown."""
    kept = [(i, form.cleaned_data) for i, form in enumerate(formset.forms)
            if form not in formset.deleted_forms
            and (form.instance.pk is not None or form.has_changed())]
    kept.sort(key=lambda row: (row[1].get("order") or 0, row[0]))
    return [data for _, data in kept]


def mark_saved(formset: forms.BaseFormSet) -> None:
    """What the admin's change message reads of a formset it saved itself (the service saved
    the rows): the added, changed and deleted objects."""
    deleted = list(formset.deleted_forms)
    formset.new_objects = [f.instance for f in formset.extra_forms
                           if f.has_changed() and f not in deleted]
    formset.changed_objects = [(f.instance, f.changed_data) for f in formset.initial_forms
                               if f.has_changed() and f not in deleted]
    formset.deleted_objects = [f.instance for f in deleted if f.instance.pk is not None]


class ServiceAdmin(RefusalShownAdmin, RosterScopedAdmin):
    """A roster-scoped admin whose object and inline are written by one service call.

    A subclass says which, in three methods: ``service_create(request, form, rows)`` returns
    the new object, from the form and the inline's rows (``inline_rows``);
    ``service_update(request, obj, form, rows)`` changes ``obj`` (``rows``: None when the
    inline is unchanged); ``service_delete(obj)``. The athlete of an object is set when it
    is added: no service moves a session or a race to another athlete."""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        return fields if obj is None else [*fields, "athlete"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Nothing yet: the object is written with its inline, in ``save_related``."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        inline = formsets[0] if formsets else None
        rows = inline_rows(inline) if inline is not None else []
        if change:
            changed = inline is not None and inline.has_changed()
            self.service_update(request, form.instance, form, rows if changed else None)
        else:
            form.instance.pk = self.service_create(request, form, rows).pk  # for the redirect
        for formset in formsets:
            mark_saved(formset)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.service_delete(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.service_delete(obj)
