"""Every page of the app, for the checks that must cover them all.

``PARTNERSHIP_PAGES`` maps each URL name inside a partnership workspace to a function that
builds its URL keyword arguments (other than the partnership slug) from objects of a given
partnership. The cross-partnership walk and the accessibility check both use it, and a test
fails when a URL exists that is listed neither here nor in ``PUBLIC_PAGES`` / ``OTHER_PAGES``:
a new page joins every check by being added here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from secure.partnerships.models import Membership, Partnership, School

KwargsFor = Callable[[Partnership], dict[str, Any]]


def _none(partnership: Partnership) -> dict[str, Any]:
    return {}


def _school(partnership: Partnership) -> dict[str, Any]:
    return {"pk": School.objects.filter(partnership=partnership).first().pk}


def _member(partnership: Partnership) -> dict[str, Any]:
    return {"pk": Membership.objects.filter(partnership=partnership).first().pk}


def _complaint(partnership: Partnership) -> dict[str, Any]:
    from secure.complaints.models import Complaint

    from .complaints.factories import complaint_make

    found = Complaint.objects.filter(partnership=partnership).first()
    return {"pk": (found or complaint_make(partnership)).pk}


def _response_template(partnership: Partnership) -> dict[str, Any]:
    from secure.complaints.models import ResponseTemplate

    from .complaints.factories import template_make

    found = ResponseTemplate.objects.filter(partnership=partnership).first()
    return {"pk": (found or template_make(partnership)).pk}


def _assessment(partnership: Partnership) -> dict[str, Any]:
    from .rubric.factories import assessment_for

    return {"pk": assessment_for(partnership).pk}


def _assessment_step(partnership: Partnership) -> dict[str, Any]:
    return {**_assessment(partnership), "number": 1}


def _assessment_item(partnership: Partnership) -> dict[str, Any]:
    return {**_assessment(partnership), "item_id": "1.start.3"}


def _schedule(partnership: Partnership) -> dict[str, Any]:
    from .rubric.factories import schedule_for

    return {"pk": schedule_for(partnership).pk}


def _incident(partnership: Partnership) -> dict[str, Any]:
    from .incidents.factories import incident_for

    return {"pk": incident_for(partnership).pk}


def _import_record(partnership: Partnership) -> dict[str, Any]:
    from .incidents.factories import import_record_for

    return {"pk": import_record_for(partnership).pk}


def _staged_import(partnership: Partnership) -> dict[str, Any]:
    from .incidents.factories import staged_import_for

    return {"token": staged_import_for(partnership).token}


def _personnel(maker: str) -> KwargsFor:
    """Kwargs ``{"pk": ...}`` from a maker in tests/personnel/factories.py."""

    def build(partnership: Partnership) -> dict[str, Any]:
        from .personnel import factories

        return {"pk": getattr(factories, maker)(partnership).pk}

    return build


def _survey_instrument(partnership: Partnership) -> dict[str, Any]:
    from .surveys.factories import instrument_for

    return {"pk": instrument_for(partnership).pk}


def _survey_part(part: str) -> KwargsFor:
    """Kwargs of a page, question or scale of the partnership's survey instrument."""

    def build(partnership: Partnership) -> dict[str, Any]:
        from .surveys.factories import instrument_for

        instrument = instrument_for(partnership)
        section = instrument.sections.order_by("position").first()
        found = {
            "section_pk": section,
            "question_pk": section.questions.first(),
            "scale_pk": instrument.scales.first(),
        }[part]
        return {"pk": instrument.pk, part: found.pk}

    return build


def _survey_campaign(partnership: Partnership) -> dict[str, Any]:
    from .surveys.factories import campaign_for

    return {"pk": campaign_for(partnership).pk}


def _mou_analysis(partnership: Partnership) -> dict[str, Any]:
    from .agreements.factories import analysis_for

    return {"pk": analysis_for(partnership).pk}


def _mou_draft(partnership: Partnership) -> dict[str, Any]:
    from .agreements.factories import draft_for

    return {"pk": draft_for(partnership).pk}


def _mou_clause(partnership: Partnership) -> dict[str, Any]:
    from .agreements.factories import clause_for

    return {"pk": clause_for(partnership).pk}


PARTNERSHIP_PAGES: dict[str, KwargsFor] = {
    "agreements:analysis_list": _none,
    "agreements:analysis_detail": _mou_analysis,
    "agreements:library": _none,
    "agreements:draft_list": _none,
    "agreements:draft_create": _none,
    "agreements:draft_detail": _mou_draft,
    "agreements:draft_edit": _mou_draft,
    "agreements:draft_diff": _mou_draft,
    "agreements:sharing": _none,
    "agreements:draft_commenters": _mou_draft,
    "agreements:clause_create": _none,
    "agreements:clause_edit": _mou_clause,
    "agreements:review_cycle": _none,
    "surveys:campaign_list": _none,
    "surveys:campaign_new": _none,
    "surveys:instrument_detail": _survey_instrument,
    "surveys:trend": _survey_instrument,
    "surveys:campaign_detail": _survey_campaign,
    "surveys:results": _survey_campaign,
    "surveys:free_text": _survey_campaign,
    "surveys:instrument_new": _none,
    "surveys:instrument_edit": _survey_instrument,
    "surveys:page_new": _survey_instrument,
    "surveys:page_edit": _survey_part("section_pk"),
    "surveys:question_new": _survey_instrument,
    "surveys:question_edit": _survey_part("question_pk"),
    "surveys:scale_new": _survey_instrument,
    "surveys:scale_edit": _survey_part("scale_pk"),
    "partnerships:dashboard": _none,
    "partnerships:step_detail": lambda p: {"number": 1},
    "partnerships:school_list": _none,
    "partnerships:school_create": _none,
    "partnerships:school_detail": _school,
    "partnerships:school_update": _school,
    "partnerships:organization_list": _none,
    "partnerships:organization_create": _none,
    "partnerships:member_list": _none,
    "partnerships:member_add": _none,
    "partnerships:member_update": _member,
    "audit:list": _none,
    "rubric:rubric": _none,
    "rubric:assessment_list": _none,
    "rubric:assessment_create": _none,
    "rubric:compare": _none,
    "rubric:assessment_detail": _assessment,
    "rubric:assessment_status": _assessment,
    "rubric:assessment_step": _assessment_step,
    "rubric:item_detail": _assessment_item,
    "rubric:item_update": _assessment_item,
    "rubric:report": _assessment,
    **{f"rubric:current_step_{n}": _none for n in range(1, 6)},
    "rubric:action_plan": _none,
    "rubric:my_tasks": _none,
    "rubric:schedule_list": _none,
    "rubric:schedule_create": _none,
    "rubric:schedule_detail": _schedule,
    "rubric:schedule_update": _schedule,
    "rubric:calendar": _none,
    "rubric:calendar_subscribe": _none,
    "rubric:reminders": _none,
    "rubric:settings": _none,
    "complaints:queue": _none,
    "complaints:detail": _complaint,
    "complaints:confidential": _complaint,
    "complaints:reports": _none,
    "complaints:settings": _none,
    "complaints:template_create": _none,
    "complaints:template_update": _response_template,
    "incidents:incident_list": _none,
    "incidents:incident_create": _none,
    "incidents:incident_detail": _incident,
    "incidents:dashboard": _none,
    "incidents:import_list": _none,
    "incidents:import_map": _staged_import,
    "incidents:import_detail": _import_record,
    "personnel:person_list": _none,
    "personnel:person_create": _none,
    "personnel:person_detail": _personnel("person_for"),
    "personnel:person_update": _personnel("person_for"),
    "personnel:assignment_create": _personnel("person_for"),
    "personnel:onboarding_create": _personnel("person_for"),
    "personnel:compliance": _none,
    "personnel:topic_list": _none,
    "personnel:topic_update": _personnel("topic_for"),
    "personnel:session_list": _none,
    "personnel:session_create": _none,
    "personnel:session_detail": _personnel("session_for"),
    "personnel:suggestions": _none,
    "personnel:hiring": _none,
    "personnel:guideline_detail": _personnel("published_for"),
    "personnel:guideline_edit": _personnel("draft_for"),
    "personnel:candidate_list": _none,
    "personnel:candidate_create": _none,
    "personnel:candidate_detail": _personnel("candidate_for"),
    "personnel:candidate_edit": _personnel("candidate_for"),
    "personnel:my_scorecard": _personnel("candidate_for"),
    "personnel:panelist_scorecard": _personnel("panelist_for"),
    "personnel:evaluation_list": _none,
    "personnel:evaluation_detail": _personnel("evaluation_for"),
    "personnel:cycle_create": _none,
    "personnel:cycle_detail": _personnel("cycle_for"),
    "personnel:evaluation_create": _personnel("person_for"),
    "personnel:commendation_create": _personnel("person_for"),
    "portal:manage": _none,
    "portal:preview": _none,
}

# Pages anyone may open, signed in or not.
PUBLIC_PAGES: dict[str, dict[str, Any]] = {
    "surveys:code_entry": {},
    "partnerships:home": {},
    "accounts:login": {},
    "accounts:password_reset": {},
    "accounts:password_reset_done": {},
    "accounts:password_reset_complete": {},
    "complaints:start": {"partnership_slug": "riverside"},
    "complaints:step": {"partnership_slug": "riverside", "step_slug": "concern"},
    "complaints:confirmation": {"partnership_slug": "riverside"},  # no filing yet: the start page
    "complaints:status_lookup": {"partnership_slug": "riverside"},
    "complaints:status_detail": {"partnership_slug": "riverside"},  # no code given: the lookup
    "complaints:printable": {"partnership_slug": "riverside"},
    "personnel:public_guidelines": {"partnership_slug": "riverside"},
    "portal:public": {"partnership_slug": "riverside"},  # the demo publishes Riverside's page
    "portal:opendata": {"partnership_slug": "riverside"},
    "portal:opendata_dictionary": {"partnership_slug": "riverside"},
    "portal:opendata_table": {"partnership_slug": "riverside", "key": "actions-by-race"},
    "portal:api_docs": {},
}

# Pages outside a partnership for a signed-in person, and endpoints that are not pages.
OTHER_PAGES: dict[str, dict[str, Any]] = {
    "partnerships:list": {},
    "accounts:security": {},
    "accounts:two_factor_setup": {},
    "accounts:two_factor_verify": {},
}
NOT_PAGES = {
    "agreements:analysis_mark_current",  # POST endpoint; tests/agreements
    "agreements:draft_action",  # POST endpoint; tests/agreements
    "agreements:draft_export",  # .docx / .pdf download; guarded and tested in tests/agreements
    "agreements:draft_check",  # htmx POST endpoint (live check while typing); tests/agreements
    "agreements:analysis_start_draft",  # POST endpoint; tests/agreements
    # Survey responding pages open only with live tokens; axe-checked at phone and desktop widths
    # and in Spanish in tests/browser/test_surveys.py, tenancy-free by design (anonymous).
    "surveys:link_start",
    "surveys:page",
    "surveys:about_you",
    "surveys:done",
    "surveys:instrument_add",  # POST endpoint; tests/surveys
    "surveys:codes_print",  # POST endpoint returning the code sheet; tests/surveys
    "surveys:invited_update",  # POST endpoint; tests/surveys
    "surveys:results_csv",  # CSV download; guarded and tested in tests/surveys
    "surveys:results_pdf",  # PDF download; guarded and tested in tests/surveys
    "surveys:instrument_copy",  # POST endpoint (new version); tests/surveys/test_builder.py
    "surveys:instrument_arrange",  # POST/htmx endpoint (reorder, delete); tests/surveys
    "set_language",  # POST endpoint
    "health",  # JSON for load balancers
    "partnerships:switch",  # POST endpoint
    "accounts:logout",  # POST endpoint
    "accounts:two_factor_off",  # POST endpoint
    "accounts:password_reset_confirm",  # needs a real token; covered by the reset test
    # Downloads (PDF, CSV, JSON, files, the token-opened calendar feed): guarded and tested,
    # tenancy included, in tests/rubric/test_downloads.py.
    "rubric:report_pdf",
    "rubric:report_csv",
    "rubric:report_json",
    "rubric:evidence_file",
    "rubric:completion_file",
    "rubric:rubric_export",
    "rubric:ical_feed",
    "complaints:status_add",  # POST endpoint; covered by tests/complaints
    "complaints:attachment_download",  # a file download; guarded and tested in tests/complaints
    "incidents:dashboard_csv",  # CSV download; guarded and tested in tests/incidents
    "incidents:import_template",  # CSV download; guarded and tested in tests/incidents
    "personnel:topics_seed",  # POST endpoint; covered by tests/personnel
    "personnel:guideline_new",  # POST endpoint; covered by tests/personnel
    "personnel:guideline_publish",  # POST endpoint; covered by tests/personnel
    "personnel:assignment_end",  # POST endpoint; covered by tests/personnel
    "personnel:candidate_withdraw",  # POST endpoint; covered by tests/personnel
    "personnel:compliance_csv",  # CSV download; guarded and tested in tests/personnel
    "personnel:certificate_pdf",  # PDF download; guarded and tested in tests/personnel
    "portal:publish",  # POST endpoint; covered by tests/portal
    "portal:unpublish",  # POST endpoint; covered by tests/portal
    "portal:mou_pdf",  # PDF download; guarded and tested in tests/portal
    # Open-data files and the JSON API (not pages): published-only, tested in tests/portal
    # (test_opendata, test_api, test_api_schema, test_suppression_walk).
    "portal:opendata_csv",
    "portal:opendata_parquet",
    "portal:opendata_dictionary_file",
    "portal:api:api-root",  # redirects to portal:api_docs
    "portal:api:openapi-json",
    "portal:api:partnerships",
    "portal:api:partnership",
    "portal:api:tables",
    "portal:api:table",
    "portal:api:aggregate",
}


def all_url_names() -> set[str]:
    """Every named URL pattern of the project, as ``namespace:name``."""
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return names


def partnership_url_kwargs(
    name: str, partnership: Partnership, objects_from: Partnership
) -> dict[str, Any]:
    """URL kwargs for page ``name`` in ``partnership``, with object ids taken from ``objects_from``."""
    return {"partnership_slug": partnership.slug, **PARTNERSHIP_PAGES[name](objects_from)}
