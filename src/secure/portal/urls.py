"""The portal's addresses: workspace pages to manage the public page, then the public ones."""

from django.urls import include, path

from .api import api_urls
from .views import manage, opendata, pages

app_name = "portal"

# Inside a partnership's workspace: /p/<slug>/public-page/…
partnership_patterns = [
    path("", manage.settings_view, name="manage"),
    path("preview/", manage.preview, name="preview"),
    path("publish/", manage.publish, name="publish"),
    path("unpublish/", manage.unpublish, name="unpublish"),
]

# The public page of one partnership: /public/<slug>/…
public_patterns = [
    path("", pages.public_page, name="public"),
    path("mou.pdf", pages.mou_pdf, name="mou_pdf"),
]

# Open data (downloads and API) — added by the open-data module.
data_patterns = [
    path("", opendata.opendata, name="opendata"),
    path("dictionary/", opendata.opendata_dictionary, name="opendata_dictionary"),
    path(
        "dictionary.<str:extension>",
        opendata.opendata_dictionary_file,
        name="opendata_dictionary_file",
    ),
    path("<slug:key>.csv", opendata.opendata_csv, name="opendata_csv"),
    path("<slug:key>.parquet", opendata.opendata_parquet, name="opendata_parquet"),
    path("<slug:key>/", opendata.opendata_table, name="opendata_table"),
]
opendata_patterns: list = [
    path("public/<slug:partnership_slug>/data/", include(data_patterns)),
    path("api/v1/docs/", opendata.api_docs, name="api_docs"),
    path("api/v1/", api_urls()),
]

urlpatterns = [
    path("p/<slug:partnership_slug>/public-page/", include(partnership_patterns)),
    path("public/<slug:partnership_slug>/", include(public_patterns)),
    *opendata_patterns,
]
