from django.urls import include, path

from .views import config, public, reports, staff

app_name = "complaints"

# Inside a partnership workspace (/p/<slug>/complaints/…): every view is behind partnership_view.
staff_patterns = [
    path("", staff.queue, name="queue"),
    path("<int:pk>/", staff.detail, name="detail"),
    path("<int:pk>/confidential/", staff.confidential, name="confidential"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        staff.attachment_download,
        name="attachment_download",
    ),
    path("reports/", reports.report, name="reports"),
    path("settings/", config.settings_view, name="settings"),
    path("settings/templates/new/", config.template_create, name="template_create"),
    path("settings/templates/<int:pk>/", config.template_update, name="template_update"),
]

# Public: no account needed (/c/<slug>/…).
public_patterns = [
    path("", public.start, name="start"),
    path("file/<slug:step_slug>/", public.step, name="step"),
    path("done/", public.confirmation, name="confirmation"),
    path("status/", public.status_lookup, name="status_lookup"),
    path("status/view/", public.status_detail, name="status_detail"),
    path("status/add/", public.status_add, name="status_add"),
    path("print/", public.printable, name="printable"),
]

urlpatterns = [
    path("p/<slug:partnership_slug>/complaints/", include(staff_patterns)),
    path("c/<slug:partnership_slug>/", include(public_patterns)),
]
