from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest

from athletes.admin_scope import RosterScopedAdmin, ScopedInline
from athletes.admin_services import RefusalShownAdmin
from athletes.models import AthleteProfile, Availability, Invitation, Membership, Roster, User
from athletes.services import membership_remove, roster_create, user_password_set


class PasswordChangeForm(AdminPasswordChangeForm):  # type: ignore[type-arg]
    """The admin's password change, through the one service (it revokes the API tokens)."""

    def save(self, commit: bool = True) -> User:
        usable = self.cleaned_data["set_usable_password"]
        user_password_set(user=self.user, password=self.cleaned_data["password1"] if usable
                          else None)
        return self.user


@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]
    change_password_form = PasswordChangeForm
    ordering = ["email"]
    list_display = ["email", "name", "is_coach", "is_staff", "is_active"]
    list_filter = ["is_coach", "is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "name"]
    fieldsets = (
        (None, {"fields": ("email", "password", "name")}),
        ("Roles", {"fields": ("is_active", "is_coach", "is_staff", "is_superuser", "groups")}),
        ("Email", {"fields": ("digest_opt_out",)}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",),
                             "fields": ("email", "name", "password1", "password2")}),)


class AvailabilityInline(ScopedInline):
    model = Availability


@admin.register(AthleteProfile)
class AthleteProfileAdmin(RosterScopedAdmin):
    athlete_path = "id"
    list_display = ["user", "level", "units", "equipment", "timezone"]
    list_filter = ["level", "units", "equipment"]
    search_fields = ["user__email", "user__name"]
    list_select_related = ["user"]
    inlines = [AvailabilityInline]
    # Not the calendar token: a coach who copied it would read the plan after the athlete left.
    fields = ["user", "timezone", "units", "level", "equipment", "home_items", "plate_step_kg",
              "digest_opt_out", "nightly_checked_on"]
    readonly_fields = ["user", "nightly_checked_on"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Athletes join through an invitation or the API, which create the account with the
        # profile (here the form could not name its user).
        return False


class MembershipInline(ScopedInline):
    model = Membership
    autocomplete_fields = ["athlete"]


@admin.register(Roster)
class RosterAdmin(RefusalShownAdmin):
    """A roster is made by the roster service, and an athlete taken off it by the membership
    service, which retires their calendar link (the coach may have copied it)."""

    list_display = ["name", "coach"]
    search_fields = ["name"]
    inlines = [MembershipInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Roster]:
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.filter(coach=request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [] if request.user.is_superuser else ["coach"]

    def save_model(self, request: HttpRequest, obj: Roster, form: Any, change: bool) -> None:
        if not request.user.is_superuser:
            obj.coach = request.user  # type: ignore[assignment]
        if change:
            super().save_model(request, obj, form, change)  # a new name or coach
        else:
            obj.pk = roster_create(coach=obj.coach, name=obj.name).pk

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for membership in formset.save(commit=False):  # the added and changed rows
            membership.save()
        for membership in formset.deleted_objects:
            membership_remove(actor=request.user, roster=form.instance,
                              athlete=membership.athlete)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["email", "roster", "created_at", "expires_at", "accepted_at"]
    list_filter = [("roster", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["email"]
    readonly_fields = ["token_hash", "invited_by", "accepted_at", "accepted_by"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Invitation]:
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.filter(roster__coach=request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A sent invitation is what it is: a coach may look at it or delete it, not move it
        # onto another roster or stretch its expiry.
        return bool(request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # invitations are sent from the portal, which emails the token
