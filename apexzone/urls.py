from django.contrib import admin
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path

from apexzone.health import healthz
from portal import accounts

admin.site.site_header = admin.site.site_title = "Apex Zone admin"
handler500 = "apexzone.errors.server_error"


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico whatever a page links: the icon, not a 404 in every
    log (its hashed name is looked up per request: the manifest exists once collected)."""
    return HttpResponsePermanentRedirect(static("portal/favicon.svg"))


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    # allauth's sign-up, but an invitation's link fills in (and fixes) the invited address.
    path("accounts/signup/", accounts.signup, name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("", include("api.urls")),
    path("", include("portal.urls")),
]
