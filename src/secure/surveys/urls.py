from django.urls import include, path

from .views import builder, public, results, staff

app_name = "surveys"

staff_patterns = [
    path("", staff.campaign_list, name="campaign_list"),
    path("instruments/add/", staff.instrument_add, name="instrument_add"),
    path("instruments/<int:pk>/", staff.instrument_detail, name="instrument_detail"),
    path("instruments/<int:pk>/trend/", results.trend, name="trend"),
    # The builder (0063)
    path("instruments/new/", builder.instrument_new, name="instrument_new"),
    path("instruments/<int:pk>/edit/", builder.instrument_edit, name="instrument_edit"),
    path("instruments/<int:pk>/copy/", builder.instrument_copy, name="instrument_copy"),
    path("instruments/<int:pk>/arrange/", builder.instrument_arrange, name="instrument_arrange"),
    path("instruments/<int:pk>/pages/new/", builder.page_edit, name="page_new"),
    path("instruments/<int:pk>/pages/<int:section_pk>/", builder.page_edit, name="page_edit"),
    path("instruments/<int:pk>/questions/new/", builder.question_edit, name="question_new"),
    path(
        "instruments/<int:pk>/questions/<int:question_pk>/",
        builder.question_edit,
        name="question_edit",
    ),
    path("instruments/<int:pk>/scales/new/", builder.scale_edit, name="scale_new"),
    path("instruments/<int:pk>/scales/<int:scale_pk>/", builder.scale_edit, name="scale_edit"),
    path("campaigns/new/", staff.campaign_new, name="campaign_new"),
    path("campaigns/<int:pk>/", staff.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/codes/", staff.codes_print, name="codes_print"),
    path("campaigns/<int:pk>/invited/", staff.invited_update, name="invited_update"),
    path("campaigns/<int:pk>/results/", results.results, name="results"),
    path("campaigns/<int:pk>/results.csv", results.results_csv, name="results_csv"),
    path("campaigns/<int:pk>/results.pdf", results.results_pdf, name="results_pdf"),
    path("campaigns/<int:pk>/comments/", results.free_text, name="free_text"),
]

# Public: no account (/s/…). Links and responses are opened by unguessable tokens.
public_patterns = [
    path("", public.code_entry, name="code_entry"),
    path("<str:link_token>/", public.link_start, name="link_start"),
    path("<str:link_token>/<str:response_token>/<int:number>/", public.page, name="page"),
    path("<str:link_token>/<str:response_token>/about-you/", public.about_you, name="about_you"),
    path("<str:link_token>/<str:response_token>/done/", public.done, name="done"),
]

urlpatterns = [
    path("p/<slug:partnership_slug>/surveys/", include(staff_patterns)),
    path("s/", include(public_patterns)),
]
