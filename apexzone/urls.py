from django.contrib import admin
from django.urls import include, path

from apexzone.health import healthz

admin.site.site_header = admin.site.site_title = "Apex Zone admin"
handler500 = "apexzone.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("api.urls")),
    path("", include("portal.urls")),
]
