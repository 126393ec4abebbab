"""Managing the public page: settings, preview, publish, unpublish, who may do what, the audit."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from secure.audit.models import AuditEvent
from secure.portal.models import PublicPage
from secure.portal.sections import SECTION_KEYS

from .factories import page_for, published_page_for

pytestmark = pytest.mark.django_db


def _url(name: str, slug: str = "riverside") -> str:
    return reverse(name, kwargs={"partnership_slug": slug})


def _settings(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "sections": list(SECTION_KEYS),
        "minimum_cell": "10",
        "introduction": "Our page.",
        "introduction_es": "Nuestra página.",
        "contact_email": "contact@example.org",
        "contact_phone": "555-0100",
        "contact_address": "1 Main Street",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("role", "manage", "preview"),
    [
        ("partnership_admin", 200, 200),
        ("district_leader", 200, 200),
        ("agency_leader", 200, 200),
        ("data_analyst", 403, 200),
        ("complaint_investigator", 403, 200),
        ("school_admin", 403, 200),
        ("sro", 403, 403),
        ("community_stakeholder", 403, 403),
        ("auditor", 403, 200),
    ],
)
def test_who_may_manage_and_preview(client_for, role, manage, preview):
    """Leaders manage the page; analysts, investigators, school administrators and auditors preview."""
    client = client_for("riverside", role)
    assert client.get(_url("portal:manage")).status_code == manage
    assert client.get(_url("portal:preview")).status_code == preview
    published = client.post(_url("portal:publish"))
    assert published.status_code == (302 if manage == 200 else 403)
    assert PublicPage.objects.filter(is_published=True).exists() == (manage == 200)


def test_settings_are_saved_and_audited(client_for, riverside):
    client = client_for("riverside", "partnership_admin")
    sections = [k for k in SECTION_KEYS if k not in {"equity", "rubric"}]
    response = client.post(_url("portal:manage"), _settings(sections=sections, minimum_cell="12"))
    assert response.status_code == 302
    page = PublicPage.objects.get(partnership=riverside)
    assert page.sections() == set(sections)
    assert page.minimum_cell == 12 and page.introduction_es == "Nuestra página."
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(PublicPage), object_id=str(page.pk)
    )
    assert events.filter(action="create").exists()
    client.post(_url("portal:manage"), _settings(contact_phone="555-0199"))
    assert events.filter(action="update").exists()


def test_a_minimum_below_ten_is_refused_and_what_was_typed_is_kept(client_for, riverside):
    client = client_for("riverside", "district_leader")
    response = client.post(
        _url("portal:manage"), _settings(minimum_cell="5", introduction="Kept text")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "usa-error-message" in html and "Kept text" in html
    assert not PublicPage.objects.filter(partnership=riverside).exists()
    page_for(riverside)
    client.post(_url("portal:manage"), _settings(minimum_cell="9"))
    assert PublicPage.objects.get(partnership=riverside).minimum_cell == 10


def test_publish_then_unpublish_at_once_with_audit(client_for, client, riverside):
    """Publishing opens the public address; taking it down closes it on the next request."""
    manager = client_for("riverside", "agency_leader")
    public = _url("portal:public")
    assert client.get(public).status_code == 404
    assert manager.post(_url("portal:publish")).status_code == 302
    assert client.get(public).status_code == 200
    assert manager.post(_url("portal:unpublish")).status_code == 302
    response = client.get(public)
    assert response.status_code == 404
    assert "not available" in response.content.decode()
    page = PublicPage.objects.get(partnership=riverside)
    changes = [
        e.changes
        for e in AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(PublicPage), object_id=str(page.pk)
        ).order_by("pk")
    ]
    assert sum("is_published" in str(c) for c in changes) >= 2


def test_publish_and_unpublish_take_only_post(client_for):
    manager = client_for("riverside", "partnership_admin")
    assert manager.get(_url("portal:publish")).status_code == 405
    assert manager.get(_url("portal:unpublish")).status_code == 405


def test_the_preview_works_while_unpublished_and_says_so(client_for, client, riverside):
    page_for(riverside, introduction="Welcome, families.")
    response = client_for("riverside", "data_analyst").get(_url("portal:preview"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview — not public" in html and "Welcome, families." in html
    assert response["Cache-Control"] == "private, no-store"
    assert client.get(_url("portal:public")).status_code == 404


def test_the_preview_shows_what_the_public_sees(client_for, client, riverside):
    """The public page and the preview render the same body; only the banner differs."""
    published_page_for(riverside, introduction="Same for everyone.")
    public = client.get(_url("portal:public")).content.decode()
    preview = client_for("riverside", "partnership_admin").get(_url("portal:preview"))
    preview_html = preview.content.decode()
    start = public.index('<h1 class="margin-top-4">')
    end = public.index("</main>")
    assert public[start:end].strip() in preview_html
    assert "Preview — not public" not in public


def test_members_of_another_partnership_cannot_manage_this_page(client_for, riverside, lakeside):
    lakeside_admin = client_for("lakeside", "partnership_admin")
    assert lakeside_admin.get(_url("portal:manage")).status_code == 404
    assert lakeside_admin.post(_url("portal:publish")).status_code == 404
    assert not PublicPage.objects.filter(partnership=riverside, is_published=True).exists()


def test_the_settings_page_says_which_sections_show(client_for, riverside):
    """Switched off, shown, or switched on without data: a leader sees which before publishing."""
    from ..personnel.factories import published_for

    published_for(riverside)
    page_for(riverside, show_rubric=False)
    html = client_for("riverside", "partnership_admin").get(_url("portal:manage")).content.decode()
    states = html[html.index('data-testid="section-states"') :]
    hiring = states[states.index('data-section="hiring"') :]
    assert "<strong>shown</strong>" in hiring[: hiring.index("</li>")]
    rubric = states[states.index('data-section="rubric"') :]
    assert "switched off" in rubric[: rubric.index("</li>")]
    mou = states[states.index('data-section="mou"') :]
    assert "no data to show yet" in mou[: mou.index("</li>")]


def test_the_update_service_cannot_publish(riverside):
    """Publishing goes only through its own transition, never through a settings update."""
    from secure.portal.services import public_page_update

    page = page_for(riverside)
    with pytest.raises(TypeError):
        public_page_update(page=page, is_published=True)
    page.refresh_from_db()
    assert not page.is_published


def test_looking_at_the_page_settings_or_preview_creates_nothing(client_for, riverside):
    """Reads stay reads: an auditor's preview and a leader's visit write no row and no audit."""
    client_for("riverside", "auditor").get(_url("portal:preview"))
    client_for("riverside", "partnership_admin").get(_url("portal:manage"))
    assert not PublicPage.objects.filter(partnership=riverside).exists()
    assert not AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(PublicPage)
    ).exists()
