from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("p/<slug:partnership_slug>/audit/", views.audit_list, name="list"),
]
