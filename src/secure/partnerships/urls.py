from django.urls import include, path

from . import views

app_name = "partnerships"

# Pages inside one partnership: every view here is wrapped by access.partnership_view.
partnership_patterns = [
    path("", views.dashboard, name="dashboard"),
    path("steps/<int:number>/", views.step_detail, name="step_detail"),
    path("schools/", views.school_list, name="school_list"),
    path("schools/new/", views.school_create, name="school_create"),
    path("schools/<int:pk>/", views.school_detail, name="school_detail"),
    path("schools/<int:pk>/edit/", views.school_update, name="school_update"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("members/", views.member_list, name="member_list"),
    path("members/new/", views.member_add, name="member_add"),
    path("members/<int:pk>/edit/", views.member_update, name="member_update"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("partnerships/", views.partnership_list, name="list"),
    path("partnerships/switch/", views.partnership_switch, name="switch"),
    path("p/<slug:partnership_slug>/", include(partnership_patterns)),
]
