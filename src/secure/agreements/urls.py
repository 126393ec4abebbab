from django.urls import include, path

from .views import analyses, drafts

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
    path("library/", analyses.library, name="library"),
    path("sharing/", drafts.sharing, name="sharing"),
    path("drafts/", drafts.draft_list, name="draft_list"),
    path("drafts/new/", drafts.draft_create, name="draft_create"),
    path("drafts/<int:pk>/", drafts.draft_detail, name="draft_detail"),
    path("drafts/<int:pk>/edit/", drafts.draft_edit, name="draft_edit"),
    path("drafts/<int:pk>/diff/", drafts.draft_diff, name="draft_diff"),
    path("drafts/<int:pk>/act/", drafts.draft_action, name="draft_action"),
    path("drafts/<int:pk>/export.<str:fmt>", drafts.draft_export, name="draft_export"),
]

urlpatterns = [
    path("p/<slug:partnership_slug>/mou/", include(partnership_patterns)),
]
