"""The web portal's pages."""

urlpatterns: list = []
