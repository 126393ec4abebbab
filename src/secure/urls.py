"""URL configuration: public pages, accounts, partnership workspaces."""

from django.urls import include, path
from django.views.i18n import set_language

from secure.core import views as core_views

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", core_views.health, name="health"),
    path("accounts/", include("secure.accounts.urls")),
    path("", include("secure.audit.urls")),
    path("", include("secure.rubric.urls")),
    path("", include("secure.partnerships.urls")),
    path("", include("secure.complaints.urls")),
    path("", include("secure.incidents.urls")),
    path("", include("secure.agreements.urls")),
    path("", include("secure.personnel.urls")),
    path("", include("secure.surveys.urls")),
    path("", include("secure.portal.urls")),
]
