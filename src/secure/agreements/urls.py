from django.urls import include, path

from .views import analyses, drafts, workspace

app_name = "agreements"

# Pages inside one partnership (under /p/<slug>/mou/): every view is wrapped by partnership_view.
partnership_patterns = [
    path("analyses/", analyses.analysis_list, name="analysis_list"),
    path("analyses/<int:pk>/", analyses.analysis_detail, name="analysis_detail"),
    path(
        "analyses/<int:pk>/current/",
        analyses.analysis_mark_current,
        name="analysis_mark_current",
    ),
    path(
        "analyses/<int:pk>/draft/",
        analyses.analysis_start_draft,
        name="analysis_start_draft",
    ),
    path("library/", analyses.library, name="library"),
    path("library/new/", workspace.clause_create, name="clause_create"),
    path("library/<int:pk>/", workspace.clause_edit, name="clause_edit"),
    path("review/", workspace.review_cycle, name="review_cycle"),
    path("sharing/", drafts.sharing, name="sharing"),
    path("drafts/", drafts.draft_list, name="draft_list"),
    path("drafts/new/", drafts.draft_create, name="draft_create"),
    path("drafts/<int:pk>/", drafts.draft_detail, name="draft_detail"),
    path("drafts/<int:pk>/edit/", drafts.draft_edit, name="draft_edit"),
    path("drafts/<int:pk>/diff/", drafts.draft_diff, name="draft_diff"),
    path("drafts/<int:pk>/check/", workspace.draft_check, name="draft_check"),
    path("drafts/<int:pk>/commenters/", workspace.draft_commenters, name="draft_commenters"),
    path("drafts/<int:pk>/act/", drafts.draft_action, name="draft_action"),
    path("drafts/<int:pk>/export.<str:fmt>", drafts.draft_export, name="draft_export"),
]

urlpatterns = [
    path("p/<slug:partnership_slug>/mou/", include(partnership_patterns)),
]
