from django.urls import include, path

from .views import evaluation, hiring, people, training

app_name = "personnel"

partnership_patterns = [
    path("", people.person_list, name="person_list"),
    path("new/", people.person_create, name="person_create"),
    path("<int:pk>/", people.person_detail, name="person_detail"),
    path("<int:pk>/edit/", people.person_update, name="person_update"),
    path("<int:pk>/assign/", people.assignment_create, name="assignment_create"),
    path("assignments/<int:pk>/end/", people.assignment_finish, name="assignment_end"),
    path("<int:pk>/onboarding/", training.onboarding_create, name="onboarding_create"),
    path("<int:pk>/evaluate/", evaluation.evaluation_create, name="evaluation_create"),
    path("<int:pk>/commend/", evaluation.commendation_create, name="commendation_create"),
    path("evaluations/", evaluation.evaluation_list, name="evaluation_list"),
    path("evaluations/<int:pk>/", evaluation.evaluation_detail, name="evaluation_detail"),
    path("evaluations/cycles/new/", evaluation.cycle_create, name="cycle_create"),
    path("evaluations/cycles/<int:pk>/", evaluation.cycle_detail, name="cycle_detail"),
    path("training/", training.compliance, name="compliance"),
    path("training/compliance.csv", training.compliance_csv, name="compliance_csv"),
    path("training/topics/", training.topic_list, name="topic_list"),
    path("training/topics/seed/", training.topics_seed, name="topics_seed"),
    path("training/topics/<int:pk>/", training.topic_update, name="topic_update"),
    path("training/sessions/", training.session_list, name="session_list"),
    path("training/sessions/new/", training.session_create, name="session_create"),
    path("training/sessions/<int:pk>/", training.session_detail, name="session_detail"),
    path(
        "training/sessions/<int:pk>/certificates/<int:attendance>.pdf",
        training.certificate_pdf,
        name="certificate_pdf",
    ),
    path("training/suggestions/", training.suggestions, name="suggestions"),
    path("hiring/", hiring.hiring, name="hiring"),
    path("hiring/guidelines/new/", hiring.guideline_new, name="guideline_new"),
    path("hiring/guidelines/<int:pk>/", hiring.guideline_detail, name="guideline_detail"),
    path("hiring/guidelines/<int:pk>/edit/", hiring.guideline_edit, name="guideline_edit"),
    path(
        "hiring/guidelines/<int:pk>/publish/",
        hiring.guideline_publish_view,
        name="guideline_publish",
    ),
    path("hiring/candidates/", hiring.candidate_list, name="candidate_list"),
    path("hiring/candidates/new/", hiring.candidate_new, name="candidate_create"),
    path("hiring/candidates/<int:pk>/", hiring.candidate_detail, name="candidate_detail"),
    path("hiring/candidates/<int:pk>/edit/", hiring.candidate_edit, name="candidate_edit"),
    path(
        "hiring/candidates/<int:pk>/withdraw/",
        hiring.candidate_withdraw_view,
        name="candidate_withdraw",
    ),
    path("hiring/candidates/<int:pk>/scorecard/", hiring.my_scorecard, name="my_scorecard"),
    path(
        "hiring/panelists/<int:pk>/scorecard/",
        hiring.panelist_scorecard,
        name="panelist_scorecard",
    ),
]

urlpatterns = [
    path("p/<slug:partnership_slug>/people/", include(partnership_patterns)),
    path("h/<slug:partnership_slug>/", hiring.public_guidelines, name="public_guidelines"),
]
