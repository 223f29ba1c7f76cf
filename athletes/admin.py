from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from athletes.admin_scope import RosterScopedAdmin, ScopedInline
from athletes.admin_services import RefusalShownAdmin, mark_saved
from athletes.models import (
    AthleteProfile,
    Availability,
    HomeItem,
    Invitation,
    Membership,
    Roster,
    User,
)
from athletes.selectors import rosters_for_user
from athletes.services import (
    coach_digest_set,
    invitation_cancel,
    invitation_create,
    membership_create,
    membership_remove,
    memberships_remove,
    roster_create,
    roster_delete,
    roster_update,
    user_password_set,
)
from core.errors import NotFound


class PasswordChangeForm(AdminPasswordChangeForm):  # type: ignore[type-arg]
    """The admin's password change, through the one service (it revokes the API tokens)."""

    def save(self, commit: bool = True) -> User:
        usable = self.cleaned_data["set_usable_password"]
        user_password_set(user=self.user, password=self.cleaned_data["password1"] if usable
                          else None)
        return self.user


@admin.register(User)
class UserAdmin(RefusalShownAdmin, BaseUserAdmin):  # type: ignore[type-arg]
    """People are a superuser's (coaches have no permission on them). A coach's roster digest
    is turned off and on by its service, as in the portal's settings."""

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

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        digest = "digest_opt_out" in form.changed_data
        if digest:
            obj.digest_opt_out = not obj.digest_opt_out  # as it was: the service changes it
        super().save_model(request, obj, form, change)
        if digest:
            coach_digest_set(coach=obj, opt_out=not obj.digest_opt_out)


class AvailabilityInline(ScopedInline):
    model = Availability


class AthleteProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    """The home equipment as boxes to tick, in words: not a JSON list typed by hand."""

    home_items = forms.MultipleChoiceField(
        choices=HomeItem.choices, required=False, widget=forms.CheckboxSelectMultiple,
        label="Home equipment", help_text="What the athlete has at home (when training there).")

    class Meta:
        model = AthleteProfile
        fields = ["timezone", "units", "level", "equipment", "home_items", "plate_step_kg",
                  "digest_opt_out"]


@admin.register(AthleteProfile)
class AthleteProfileAdmin(RosterScopedAdmin):
    form = AthleteProfileForm
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

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # An athlete may be on other coaches' rosters: deleting the profile would delete the
        # plans and logs they see. A coach takes the athlete off their own rosters instead.
        return bool(request.user.is_superuser)

    @admin.action(description="Take off my rosters (the account, plans and logs stay)")
    def take_off_my_rosters(self, request: HttpRequest,
                            queryset: QuerySet[AthleteProfile]) -> None:
        left, not_mine = [], []
        for athlete in queryset.select_related("user"):
            try:
                memberships_remove(actor=request.user, athlete=athlete)  # type: ignore[arg-type]
            except NotFound:
                not_mine.append(str(athlete))
            else:
                left.append(str(athlete))
        if left:
            self.message_user(request, f"Taken off your rosters: {', '.join(left)}.")
        if not_mine:
            self.message_user(request, f"Not on your rosters: {', '.join(not_mine)}.",
                              messages.WARNING)

    actions = ["take_off_my_rosters"]


class MembershipInline(ScopedInline):
    model = Membership
    autocomplete_fields = ["athlete"]


@admin.register(Roster)
class RosterAdmin(RefusalShownAdmin):
    """Rosters and their athletes change through the people services: an athlete taken off a
    roster (by its inline, by a deleted roster, by a roster given to another coach) parts
    from the coach, whose copy of their calendar link stops working."""

    list_display = ["name", "coach", "lock_sessions"]
    search_fields = ["name"]
    inlines = [MembershipInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Roster]:
        return rosters_for_user(user=request.user).select_related(  # type: ignore[arg-type]
            "coach")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [] if request.user.is_superuser else ["coach"]

    def save_model(self, request: HttpRequest, obj: Roster, form: Any, change: bool) -> None:
        coach = obj.coach if request.user.is_superuser else request.user
        if change:
            saved = roster_update(actor=request.user,  # type: ignore[arg-type]
                                  roster=Roster.objects.get(pk=obj.pk), name=obj.name,
                                  coach=coach,  # type: ignore[arg-type]
                                  lock_sessions=obj.lock_sessions)
            obj.name, obj.coach = saved.name, saved.coach
        else:
            obj.pk = roster_create(coach=coach, name=obj.name,  # type: ignore[arg-type]
                                   lock_sessions=obj.lock_sessions).pk

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Each row through the membership services: the athletes who leave first (a row
        whose athlete was changed is one leaving and one joining), then those who join."""
        roster = Roster.objects.get(pk=form.instance.pk)
        joining = []
        for row in formset.forms:
            deleted = row in formset.deleted_forms
            if row.instance.pk is None:
                if row.has_changed() and not deleted:
                    joining.append(row.cleaned_data["athlete"])
                continue
            if not deleted and "athlete" not in row.changed_data:
                continue
            was = Membership.objects.select_related("athlete").get(pk=row.instance.pk)
            membership_remove(actor=request.user, roster=roster,  # type: ignore[arg-type]
                              athlete=was.athlete)
            if not deleted:
                joining.append(row.cleaned_data["athlete"])
        for athlete in joining:
            membership_create(actor=request.user, roster=roster,  # type: ignore[arg-type]
                              athlete=athlete)
        mark_saved(formset)

    def delete_model(self, request: HttpRequest, obj: Roster) -> None:
        roster_delete(actor=request.user, roster=obj)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Roster]) -> None:
        for roster in queryset:
            roster_delete(actor=request.user, roster=roster)  # type: ignore[arg-type]


@admin.register(Invitation)
class InvitationAdmin(RefusalShownAdmin):
    """A coach invites an athlete here as in the portal (the invitation service emails the
    link) and cancels an invitation not yet accepted; a sent invitation is not changed."""

    list_display = ["email", "roster", "created_at", "expires_at", "accepted_at"]
    list_filter = [("roster", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["email"]
    readonly_fields = ["token_hash", "invited_by", "accepted_at", "accepted_by"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Invitation]:
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.filter(roster__coach=request.user)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return ["roster", "email"]
        return ["email", "roster", "created_at", "expires_at", *self.readonly_fields]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "roster":
            kwargs["queryset"] = rosters_for_user(user=request.user)  # type: ignore[arg-type]
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A sent invitation is what it is: nobody moves it onto another roster or stretches
        # its expiry (it is cancelled, and another one sent).
        return False

    def save_model(self, request: HttpRequest, obj: Invitation, form: Any, change: bool) -> None:
        invitation, token = invitation_create(
            roster=form.cleaned_data["roster"], email=form.cleaned_data["email"],
            invited_by=request.user)  # type: ignore[arg-type]
        obj.pk = invitation.pk
        link = request.build_absolute_uri(reverse("portal:invitation", args=[token]))
        self.message_user(request, f"Invitation sent to {invitation.email}. "
                                   f"Their link (valid once): {link}")

    def response_add(self, request: HttpRequest, obj: Invitation,
                     post_url_continue: str | None = None) -> HttpResponse:
        return self.response_post_save_add(request, obj)  # to the list: the object is sent

    def delete_model(self, request: HttpRequest, obj: Invitation) -> None:
        invitation_cancel(actor=request.user, invitation=obj)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        for invitation in queryset.select_related("roster"):
            invitation_cancel(actor=request.user, invitation=invitation)  # type: ignore[arg-type]
