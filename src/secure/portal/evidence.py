"""Live rubric evidence from the public page: what it shares with students, families and the public."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from secure.core.evidence import Evidence, evidence_provider
from secure.partnerships.models import Partnership

from . import sections as s
from .models import PublicPage
from .mou import public_mou
from .selectors import TABLE_SECTIONS, public_guidelines, published_tables


def _published_page(partnership: Partnership) -> PublicPage | None:
    return PublicPage.objects.for_partnership(partnership).filter(is_published=True).first()


def _url(partnership: Partnership) -> str:
    return reverse("portal:public", kwargs={"partnership_slug": partnership.slug})


@evidence_provider("1.start.3.2")
def mou_on_public_page(partnership: Partnership) -> Evidence | None:
    """The MOU is on the published public page with a plain-language summary, in two languages."""
    page = _published_page(partnership)
    if page is None or s.MOU not in page.sections():
        return None
    mou = public_mou(partnership)
    if mou is None:
        return None
    return Evidence(
        summary=_(
            "The public page shows the MOU “%(title)s” with a plain-language summary of its key "
            "points, in English and Spanish, and as a PDF."
        )
        % {"title": mou.title},
        suggested_status=Evidence.DONE if mou.points else Evidence.IN_PROGRESS,
        url=_url(partnership),
        facts={"published": True, "key_points": len(mou.points), "grade": mou.grade},
    )


@evidence_provider("3.start.1")
def guidelines_on_public_page(partnership: Partnership) -> Evidence | None:
    """The published hiring guidelines are shown on the published public page."""
    page = _published_page(partnership)
    if page is None or s.HIRING not in page.sections():
        return None
    found = public_guidelines(partnership)
    if found is None:
        return None
    return Evidence(
        summary=_("The public page shows version %(version)d of the hiring guidelines.")
        % {"version": found.guideline.version},
        suggested_status=None,
        url=_url(partnership),
        facts={"guideline_version": found.guideline.version},
    )


@evidence_provider("2.start.3")
def data_on_public_page(partnership: Partnership) -> Evidence | None:
    """The public page presents law-enforcement data, with small numbers hidden."""
    page = _published_page(partnership)
    if page is None:
        return None
    shown = sorted(page.sections() & TABLE_SECTIONS)
    if s.ACTIONS not in shown or not published_tables(page).get(s.ACTIONS):
        return None
    return Evidence(
        summary=_(
            "The public page presents data on police actions at school (numbers below %(n)d "
            "hidden), with open-data downloads."
        )
        % {"n": page.minimum_cell},
        suggested_status=Evidence.DONE,
        url=_url(partnership),
        facts={"sections": shown, "minimum": page.minimum_cell},
    )


@evidence_provider("2.start.5")
def complaints_entry_point(partnership: Partnership) -> Evidence | None:
    """The published public page links students and families to the complaint form."""
    page = _published_page(partnership)
    if page is None:
        return None
    return Evidence(
        summary=_("The public page links students and families to the complaint form."),
        suggested_status=None,
        url=_url(partnership),
        facts={"published": True},
    )
