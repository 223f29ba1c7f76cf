"""The small things that cost a newcomer's trust: the icon, the labels, the words, the units."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.portal.conftest import World, week_url


def test_every_page_links_the_icon_and_favicon_ico_answers(world: World, client) -> None:
    """No 404 for the icon on every page: the pages link an SVG and /favicon.ico leads there."""
    client.force_login(world.athlete.user)
    page = client.get(week_url(world)).content.decode()
    assert '<link rel="icon" href="/static/portal/favicon.svg" type="image/svg+xml">' in page
    assert finders.find("portal/favicon.svg")
    client.logout()
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/portal/favicon.svg"
    assert client.get(reverse("account_login")).content.decode().count('rel="icon"') == 1


@pytest.mark.django_db
def test_the_admin_links_the_icon_too(admin_client) -> None:
    assert 'rel="icon"' in admin_client.get("/admin/").content.decode()
