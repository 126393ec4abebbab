from django.urls import include, path

from .views import assessments, feeds, items, plans, reports, rubric, schedules

app_name = "rubric"

# Pages inside one partnership (under /p/<slug>/rubric/): every view is wrapped by partnership_view.
partnership_patterns = [
    path("", rubric.rubric_page, name="rubric"),
    path("assessments/", assessments.assessment_list, name="assessment_list"),
    path("assessments/new/", assessments.assessment_create, name="assessment_create"),
    path("assessments/compare/", assessments.compare, name="compare"),
    path("assessments/<int:pk>/", assessments.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/status/", assessments.assessment_status, name="assessment_status"),
    path(
        "assessments/<int:pk>/steps/<int:number>/",
        assessments.assessment_step,
        name="assessment_step",
    ),
    path("assessments/<int:pk>/items/<str:item_id>/", items.item_detail, name="item_detail"),
    path("assessments/<int:pk>/items/<str:item_id>/edit/", items.item_update, name="item_update"),
    path(
        "assessments/<int:pk>/evidence/<int:evidence_id>/",
        items.evidence_file,
        name="evidence_file",
    ),
    path("assessments/<int:pk>/report/", reports.report, name="report"),
    path("assessments/<int:pk>/report.pdf", reports.report_pdf, name="report_pdf"),
    path("assessments/<int:pk>/report.csv", reports.report_csv, name="report_csv"),
    path("assessments/<int:pk>/report.json", reports.report_json, name="report_json"),
    *[
        path(
            f"current/step-{number}/",
            assessments.current_step,
            {"number": number},
            name=f"current_step_{number}",
        )
        for number in range(1, 6)
    ],
    path("plan/", plans.action_plan, name="action_plan"),
    path("my-tasks/", plans.my_tasks, name="my_tasks"),
    path("schedules/", schedules.schedule_list, name="schedule_list"),
    path("schedules/new/", schedules.schedule_create, name="schedule_create"),
    path("schedules/<int:pk>/", schedules.schedule_detail, name="schedule_detail"),
    path("schedules/<int:pk>/edit/", schedules.schedule_update, name="schedule_update"),
    path(
        "schedules/<int:pk>/files/<int:completion_id>/",
        schedules.completion_file,
        name="completion_file",
    ),
    path("calendar/", schedules.calendar, name="calendar"),
    path("calendar/subscribe/", schedules.calendar_subscribe, name="calendar_subscribe"),
    path("reminders/", schedules.reminders, name="reminders"),
    path("settings/", schedules.rubric_settings, name="settings"),
]

urlpatterns = [
    path("rubric/export.<str:fmt>", rubric.rubric_export, name="rubric_export"),
    path("calendar/<str:token>.ics", feeds.ical_feed, name="ical_feed"),
    path("p/<slug:partnership_slug>/rubric/", include(partnership_patterns)),
]
