from django.urls import include, path

from .views import dashboards, imports, incidents

app_name = "incidents"

partnership_patterns = [
    path("", incidents.incident_list, name="incident_list"),
    path("new/", incidents.incident_create, name="incident_create"),
    path("<int:pk>/", incidents.incident_detail, name="incident_detail"),
    path("dashboard/", dashboards.dashboard, name="dashboard"),
    path("dashboard.csv", dashboards.dashboard_csv, name="dashboard_csv"),
    path("imports/", imports.import_list, name="import_list"),
    path("imports/templates/<slug:kind>.csv", imports.import_template, name="import_template"),
    path("imports/staged/<uuid:token>/", imports.import_map, name="import_map"),
    path("imports/<int:pk>/", imports.import_detail, name="import_detail"),
]

urlpatterns = [
    path("p/<slug:partnership_slug>/incidents/", include(partnership_patterns)),
]
