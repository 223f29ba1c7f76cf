"""The rosters in the coach admin go through the people services, as in the portal."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from athletes.models import AthleteProfile, Membership, Roster
from core.errors import NotFound
from scheduling.models import PlannedSession
from tests.scheduling.test_admin import PASSWORD, _change_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach_client(client, coach):
    client.login(username=coach.email, password=PASSWORD)
    return client


def test_an_athlete_taken_off_a_roster_in_the_admin_loses_the_coachs_calendar_link(
    coach_client, coach, athlete
):
    roster = coach.rosters.get()
    feed_secret = athlete.calendar_token
    url = f"/admin/athletes/roster/{roster.pk}/change/"
    data = _change_form(coach_client, url)
    membership = Membership.objects.get(roster=roster, athlete=athlete)
    data |= {"memberships-0-id": membership.pk, "memberships-0-roster": roster.pk,
             "memberships-0-athlete": athlete.pk, "memberships-0-DELETE": "on"}
    assert coach_client.post(url, data).status_code == 302
    assert not roster.memberships.exists()
    athlete.refresh_from_db()
    assert athlete.calendar_token != feed_secret


def test_a_roster_added_in_the_admin_belongs_to_a_coach(client, django_user_model, athlete):
    django_user_model.objects.create_superuser(email="root@example.com", password=PASSWORD)
    client.login(username="root@example.com", password=PASSWORD)
    url = "/admin/athletes/roster/add/"
    refused = client.post(url, _change_form(client, url, name="Track", coach=athlete.user.pk))
    assert refused.status_code == 200
    assert "Only coaches have rosters." in refused.content.decode()
    assert not Roster.objects.filter(name="Track").exists()


# --- taking athletes off rosters never deletes what others see -----------------------------

def _shared(athlete, other_coach):
    """``athlete`` on ``other_coach``'s roster too, with a plan of hers."""
    from scheduling.services import planned_session_create

    Membership.objects.create(roster=other_coach.rosters.get(), athlete=athlete)
    return planned_session_create(actor=other_coach, athlete=athlete, date=dt.date(2026, 12, 1),
                                  kind="run", run_type="easy", title="Olive's easy run")


def _roster_form(client, roster, **changes) -> dict:
    """The roster's change form as shown, its membership rows included."""
    url = f"/admin/athletes/roster/{roster.pk}/change/"
    data = _change_form(client, url)
    for i, row in enumerate(roster.memberships.order_by("pk")):
        data |= {f"memberships-{i}-id": row.pk, f"memberships-{i}-roster": roster.pk,
                 f"memberships-{i}-athlete": row.athlete_id}
    return data | changes


def _feed(athlete, token: str):
    from athletes.selectors import athlete_calendar_feed_path

    path = athlete_calendar_feed_path(athlete=athlete).split("?")[0]
    return Client().get(f"{path}?token={token}")


def test_a_coach_cannot_delete_a_shared_athletes_profile_in_the_admin(
    coach_client, athlete, other_coach
):
    plan = _shared(athlete, other_coach)
    url = f"/admin/athletes/athleteprofile/{athlete.pk}/delete/"
    assert coach_client.post(url, {"post": "yes"}).status_code == 403
    refused = coach_client.post("/admin/athletes/athleteprofile/", {
        "action": "delete_selected", "_selected_action": [athlete.pk], "post": "yes"})
    assert refused.status_code in (200, 302)
    assert AthleteProfile.objects.filter(pk=athlete.pk).exists()
    assert PlannedSession.objects.filter(pk=plan.pk).exists()
    assert athlete.memberships.filter(roster__coach=other_coach).exists()


def test_take_off_my_rosters_leaves_the_other_coachs_plan_and_roster(
    coach_client, coach, athlete, other_coach
):
    plan = _shared(athlete, other_coach)
    second = Roster.objects.create(coach=coach, name="Track")
    Membership.objects.create(roster=second, athlete=athlete)
    secret = athlete.calendar_token
    response = coach_client.post("/admin/athletes/athleteprofile/", {
        "action": "take_off_my_rosters", "_selected_action": [athlete.pk]})
    assert response.status_code == 302
    assert not athlete.memberships.filter(roster__coach=coach).exists()
    assert list(athlete.memberships.values_list("roster__coach", flat=True)) == [other_coach.pk]
    assert PlannedSession.objects.filter(pk=plan.pk).exists()
    assert _feed(athlete, secret).status_code == 404  # the coach may have copied the link
    athlete.refresh_from_db()
    assert _feed(athlete, athlete.calendar_token).status_code == 200


def test_a_superuser_deletes_a_profile(client, django_user_model, athlete):
    django_user_model.objects.create_superuser(email="root@example.com", password=PASSWORD)
    client.login(username="root@example.com", password=PASSWORD)
    url = f"/admin/athletes/athleteprofile/{athlete.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not AthleteProfile.objects.filter(pk=athlete.pk).exists()


def test_a_deleted_roster_takes_the_coachs_calendar_link_with_it(coach_client, coach, athlete):
    from scheduling.services import planned_session_create

    for day in range(24):
        planned_session_create(actor=coach, athlete=athlete, kind="run", run_type="easy",
                               date=dt.date(2026, 12, 1) + dt.timedelta(days=day))
    secret = athlete.calendar_token
    assert _feed(athlete, secret).content.count(b"BEGIN:VEVENT") == 24
    roster = coach.rosters.get()
    response = coach_client.post(f"/admin/athletes/roster/{roster.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Roster.objects.filter(pk=roster.pk).exists()
    assert _feed(athlete, secret).status_code == 404


def test_a_roster_deleted_from_the_list_takes_the_calendar_links_with_it(
    coach_client, coach, athlete
):
    roster = coach.rosters.get()
    secret = athlete.calendar_token
    response = coach_client.post("/admin/athletes/roster/", {
        "action": "delete_selected", "_selected_action": [roster.pk], "post": "yes"})
    assert response.status_code == 302
    assert not Roster.objects.filter(pk=roster.pk).exists()
    assert _feed(athlete, secret).status_code == 404


def test_an_athlete_swapped_out_of_an_inline_row_loses_the_coachs_calendar_link(
    coach_client, coach, athlete
):
    """Changing a membership row's athlete takes the first athlete off the roster."""
    from athletes.services import athlete_create

    second = Roster.objects.create(coach=coach, name="Track")
    bea = athlete_create(email="bea@example.com", name="Bea", password=PASSWORD, roster=second)
    roster = coach.rosters.get(name="My athletes")
    membership = Membership.objects.get(roster=roster, athlete=athlete)
    secret = athlete.calendar_token
    url = f"/admin/athletes/roster/{roster.pk}/change/"
    data = _change_form(coach_client, url) | {
        "memberships-0-id": membership.pk, "memberships-0-roster": roster.pk,
        "memberships-0-athlete": bea.pk}
    assert coach_client.post(url, data).status_code == 302
    assert list(roster.memberships.values_list("athlete", flat=True)) == [bea.pk]
    assert _feed(athlete, secret).status_code == 404


def test_an_athlete_added_in_the_roster_inline_goes_through_the_service(
    coach_client, coach, athlete
):
    from unittest import mock

    second = Roster.objects.create(coach=coach, name="Track")
    url = f"/admin/athletes/roster/{second.pk}/change/"
    data = _change_form(coach_client, url) | {
        "memberships-TOTAL_FORMS": 1, "memberships-0-roster": second.pk,
        "memberships-0-athlete": athlete.pk}
    with mock.patch("athletes.admin.membership_create",
                    wraps=__import__("athletes.services").services.membership_create) as made:
        assert coach_client.post(url, data).status_code == 302
    made.assert_called_once()
    assert second.memberships.filter(athlete=athlete).exists()


def test_a_superuser_giving_a_roster_to_another_coach_retires_the_calendar_links(
    client, django_user_model, coach, other_coach, athlete
):
    django_user_model.objects.create_superuser(email="root@example.com", password=PASSWORD)
    client.login(username="root@example.com", password=PASSWORD)
    roster = coach.rosters.get()
    secret = athlete.calendar_token
    url = f"/admin/athletes/roster/{roster.pk}/change/"
    assert client.post(url, _roster_form(client, roster, coach=other_coach.pk, name="Casey's")
                       ).status_code == 302
    roster.refresh_from_db()
    assert roster.coach == other_coach
    assert _feed(athlete, secret).status_code == 404


def test_a_roster_renamed_in_the_admin_keeps_its_athletes_and_link(coach_client, coach,
                                                                   athlete):
    roster = coach.rosters.get()
    secret = athlete.calendar_token
    url = f"/admin/athletes/roster/{roster.pk}/change/"
    assert coach_client.post(url, _roster_form(coach_client, roster, name="Marathoners")
                             ).status_code == 302
    roster.refresh_from_db()
    assert roster.name == "Marathoners" and roster.memberships.filter(athlete=athlete).exists()
    assert _feed(athlete, secret).status_code == 200


# --- invitations and the coach's digest, through their services -----------------------------

def test_a_coach_invites_an_athlete_from_the_admin_as_from_the_portal(
    coach_client, coach, mailoutbox, django_capture_on_commit_callbacks
):
    from athletes.models import Invitation
    from athletes.services import invitation_get_by_token

    url = "/admin/athletes/invitation/add/"
    with django_capture_on_commit_callbacks(execute=True):
        response = coach_client.post(url, {"roster": coach.rosters.get().pk,
                                           "email": " New.Runner@Example.com "}, follow=True)
    assert response.status_code == 200
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.invited_by, invitation.roster) == (
        "new.runner@example.com", coach, coach.rosters.get())
    (mail,) = mailoutbox
    token = mail.body.split("/invitations/")[1].split("/")[0]
    assert invitation_get_by_token(token=token) == invitation
    assert f"/invitations/{token}/" in response.content.decode()  # the link, shown once


def test_a_coach_cannot_invite_onto_another_coachs_roster_from_the_admin(
    coach_client, other_coach
):
    from athletes.models import Invitation

    response = coach_client.post("/admin/athletes/invitation/add/", {
        "roster": other_coach.rosters.get().pk, "email": "someone@example.com"})
    assert response.status_code == 200
    assert "roster" in response.context["adminform"].form.errors
    assert not Invitation.objects.exists()


def test_an_invitation_cancelled_in_the_admin_stops_working_and_an_accepted_one_stays(
    coach_client, coach, athlete
):
    from athletes.models import Invitation
    from athletes.services import invitation_create, invitation_get_by_token

    pending, token = invitation_create(roster=coach.rosters.get(), email="p@example.com",
                                       invited_by=coach)
    accepted, _ = invitation_create(roster=coach.rosters.get(), email=athlete.user.email,
                                    invited_by=coach)
    Invitation.objects.filter(pk=accepted.pk).update(accepted_at=timezone.now(),
                                                     accepted_by=athlete.user)
    assert coach_client.post(f"/admin/athletes/invitation/{pending.pk}/delete/",
                             {"post": "yes"}).status_code == 302
    with pytest.raises(NotFound):
        invitation_get_by_token(token=token)
    refused = coach_client.post("/admin/athletes/invitation/", {
        "action": "delete_selected", "_selected_action": [accepted.pk], "post": "yes"},
        follow=True)
    assert "This invitation was accepted" in refused.content.decode()
    assert Invitation.objects.filter(pk=accepted.pk).exists()


def test_a_sent_invitation_is_not_changed_in_the_admin(coach_client, coach):
    from athletes.services import invitation_create

    invitation, _ = invitation_create(roster=coach.rosters.get(), email="p@example.com",
                                      invited_by=coach)
    url = f"/admin/athletes/invitation/{invitation.pk}/change/"
    assert coach_client.post(url, {"email": "else@example.com"}).status_code == 403


def _root(client, django_user_model):
    django_user_model.objects.create_superuser(email="root@example.com", password=PASSWORD)
    client.login(username="root@example.com", password=PASSWORD)


def _user_form(client, user, **changes) -> dict:
    url = f"/admin/athletes/user/{user.pk}/change/"
    data = _change_form(client, url, **changes)
    for name in ("date_joined", "initial-date_joined"):  # a date and a time box
        when = data.pop(name)
        data |= {f"{name}_0": when.date().isoformat(), f"{name}_1": when.strftime("%H:%M:%S")}
    return {k: v for k, v in data.items() if v is not False}  # an unticked box is not posted


def test_the_roster_digest_is_set_in_the_admin_by_its_service(client, django_user_model,
                                                              coach, athlete):
    _root(client, django_user_model)
    response = client.post(f"/admin/athletes/user/{coach.pk}/change/",
                           _user_form(client, coach, digest_opt_out="on"))
    assert response.status_code == 302
    coach.refresh_from_db()
    assert coach.digest_opt_out is True
    url = f"/admin/athletes/user/{athlete.user.pk}/change/"
    refused = client.post(url, _user_form(client, athlete.user, digest_opt_out="on"))
    assert refused.status_code == 200
    assert "Only a coach gets the roster digest." in refused.content.decode()
    athlete.user.refresh_from_db()
    assert athlete.user.digest_opt_out is False
