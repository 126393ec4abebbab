"""Staff pages: instruments, campaigns, links and codes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from secure.partnerships.access import member_can, partnership_view
from secure.partnerships.tenancy import get_for_partnership_or_404

from ..forms import CampaignForm, CodesForm, LibraryForm
from ..library import library_instruments
from ..models import Campaign, CampaignLink, Instrument, Response
from ..models.instrument import in_language
from ..services.campaigns import campaign_create, codes_issue, link_invited_set
from ..services.instruments import instrument_from_library


def _library_choices(request: HttpRequest) -> list[tuple[str, str]]:
    partnership = request.partnership  # type: ignore[attr-defined]
    have = set(Instrument.objects.for_partnership(partnership).values_list("key", flat=True))
    language = get_language() or "en"
    return [
        (spec["key"], in_language(spec["title"], language))
        for spec in library_instruments()
        if spec["key"] not in have
    ]


@partnership_view("survey.view")
def campaign_list(request: HttpRequest) -> HttpResponse:
    """Campaigns (open, coming, closed) and the partnership's instruments."""
    partnership = request.partnership  # type: ignore[attr-defined]
    campaigns = list(Campaign.objects.for_partnership(partnership).select_related("instrument"))
    counts = dict(
        Response.objects.for_partnership(partnership)
        .filter(status=Response.Status.COMPLETE)
        .values("campaign")
        .annotate(n=Count("id"))
        .values_list("campaign", "n")
    )
    for campaign in campaigns:
        campaign.completed = counts.get(campaign.pk, 0)  # type: ignore[attr-defined]
    choices = _library_choices(request)
    return render(
        request,
        "surveys/staff/campaign_list.html",
        {
            "campaigns": campaigns,
            "instruments": Instrument.objects.for_partnership(partnership),
            "library_form": LibraryForm(choices=choices) if choices else None,
            "can_manage": member_can(request, "survey.manage"),
            "can_results": member_can(request, "survey.results"),
            "language": get_language() or "en",
        },
    )


@require_POST
@partnership_view("survey.manage")
def instrument_add(request: HttpRequest) -> HttpResponse:
    """Copy an instrument from the starter library into the partnership."""
    form = LibraryForm(request.POST, choices=_library_choices(request))
    if form.is_valid():
        instrument = instrument_from_library(
            partnership=request.partnership,  # type: ignore[attr-defined]
            key=form.cleaned_data["key"],
        )
        messages.success(request, _("Instrument added."))
        return redirect("surveys:instrument_detail", request.partnership.slug, instrument.pk)  # type: ignore[attr-defined]
    return redirect("surveys:campaign_list", request.partnership.slug)  # type: ignore[attr-defined]


@partnership_view("survey.view")
def instrument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Every section and question, English and Spanish side by side, with scales and skip logic."""
    instrument = get_for_partnership_or_404(
        Instrument,
        partnership=request.partnership,  # type: ignore[attr-defined]
        pk=pk,
    )
    sections = instrument.sections.prefetch_related("questions__scale")
    return render(
        request,
        "surveys/staff/instrument_detail.html",
        {
            "instrument": instrument,
            "sections": sections,
            "can_manage": member_can(request, "survey.manage"),
        },
    )


@partnership_view("survey.manage")
def campaign_new(request: HttpRequest) -> HttpResponse:
    """Start a campaign: one anonymous link is made for each school and group."""
    partnership = request.partnership  # type: ignore[attr-defined]
    initial: dict[str, object] = {}
    officer = request.GET.get("subject_officer", "")
    if (
        officer.isdigit()
    ):  # from an SRO's evaluation page; the field's queryset is this partnership's
        initial["subject_officer"] = int(officer)
        feedback = (
            Instrument.objects.for_partnership(partnership)
            .filter(kind=Instrument.Kind.FEEDBACK_360)
            .order_by("-created_at")
            .first()
        )
        if feedback is not None:
            initial["instrument"] = feedback.pk
            initial["groups"] = list(feedback.groups)
    form = CampaignForm(request.POST or None, partnership=partnership, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = campaign_create(
                partnership=partnership,
                instrument=data["instrument"],
                name=data["name"],
                groups=data["groups"],
                schools=data["schools"],
                languages=data["languages"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                ask_demographics=data["ask_demographics"],
                minimum_cell=data["minimum_cell"],
                subject_officer=data["subject_officer"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Campaign created."))
            return redirect("surveys:campaign_detail", partnership.slug, campaign.pk)
    return render(request, "surveys/staff/campaign_form.html", {"form": form})


@partnership_view("survey.view")
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The campaign's links (one per school and group) and a form to print one-time codes."""
    campaign = get_for_partnership_or_404(
        Campaign,
        partnership=request.partnership,  # type: ignore[attr-defined]
        pk=pk,
    )
    links = list(CampaignLink.objects.filter(campaign=campaign).select_related("school"))
    return render(
        request,
        "surveys/staff/campaign_detail.html",
        {
            "campaign": campaign,
            "links": [(link, request.build_absolute_uri(f"/s/{link.token}/")) for link in links],
            "codes_form": CodesForm(links=links),
            "can_manage": member_can(request, "survey.manage"),
            "can_results": member_can(request, "survey.results"),
        },
    )


@require_POST
@partnership_view("survey.manage")
def codes_print(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue one-time codes and show them once, as a sheet to print and cut into slips."""
    campaign = get_for_partnership_or_404(
        Campaign,
        partnership=request.partnership,  # type: ignore[attr-defined]
        pk=pk,
    )
    links = list(CampaignLink.objects.filter(campaign=campaign).select_related("school"))
    form = CodesForm(request.POST, links=links)
    if not form.is_valid():
        messages.error(request, _("Choose a school and group and a number of codes."))
        return redirect("surveys:campaign_detail", request.partnership.slug, campaign.pk)  # type: ignore[attr-defined]
    link = next(link for link in links if str(link.pk) == form.cleaned_data["link"])
    codes = codes_issue(link=link, count=form.cleaned_data["count"])
    return render(
        request,
        "surveys/staff/codes_sheet.html",
        {
            "campaign": campaign,
            "link": link,
            "codes": codes,
            "code_url": request.build_absolute_uri("/s/"),
        },
    )


@require_POST
@partnership_view("survey.manage")
def invited_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Record how many people each link was sent to, the base of the response rates."""
    campaign = get_for_partnership_or_404(
        Campaign,
        partnership=request.partnership,  # type: ignore[attr-defined]
        pk=pk,
    )
    for link in CampaignLink.objects.filter(campaign=campaign):
        value = request.POST.get(f"invited-{link.pk}", "").strip()
        if value.isdigit():
            link_invited_set(link=link, invited=int(value))
    messages.success(request, _("Invitation counts saved."))
    return redirect("surveys:campaign_detail", request.partnership.slug, campaign.pk)  # type: ignore[attr-defined]
