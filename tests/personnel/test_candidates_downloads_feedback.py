"""Candidate editing and withdrawal, certificates and the compliance CSV, links to the surveys."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from secure.audit.models import AuditEvent
from secure.partnerships.models import School
from secure.personnel.models import Candidate, Evaluation, Person, TrainingTopic
from secure.personnel.models.hiring import StakeholderGroup
from secure.personnel.services import (
    CANDIDATE_CLOSED,
    assignment_add,
    candidate_update,
    candidate_withdraw,
    evaluation_schedule,
    panelist_add,
    person_create,
    scorecard_save,
    training_session_record,
    training_topics_seed,
)
from secure.surveys.demo import responses_generate
from secure.surveys.models import Group
from secure.surveys.services.campaigns import campaign_create

from ..surveys.factories import instrument_for, school_for
from .factories import candidate_for, officer_make

pytestmark = pytest.mark.django_db


# Candidates -----------------------------------------------------------------------------------


def test_withdrawal_closes_the_scorecards_and_is_dated(riverside):
    candidate = candidate_for(riverside)
    panelist = panelist_add(
        candidate=candidate, name="Student rep", group=StakeholderGroup.STUDENTS
    )
    criterion = candidate.guideline.criteria.first()
    candidate_withdraw(candidate=candidate, today=datetime.date(2026, 5, 1))
    assert candidate.status == Candidate.Status.WITHDRAWN
    assert candidate.withdrawn_on == datetime.date(2026, 5, 1)
    with pytest.raises(ValidationError) as error:
        scorecard_save(panelist=panelist, scores={criterion.pk: (3, "")})
    assert str(CANDIDATE_CLOSED) in error.value.messages
    # Back in the process: the withdrawal date goes and scoring reopens.
    candidate_update(
        candidate=candidate, full_name=candidate.full_name, status=Candidate.Status.INTERVIEWING
    )
    assert candidate.withdrawn_on is None
    scorecard_save(panelist=panelist, scores={criterion.pk: (3, "")})
    assert panelist.scores.count() == 1


def test_editing_a_candidate_is_for_hiring_leads_only(riverside, lakeside, client_for):
    candidate = candidate_for(riverside)
    url = reverse(
        "personnel:candidate_edit", kwargs={"partnership_slug": "riverside", "pk": candidate.pk}
    )
    for role in ("sro", "school_admin", "community_stakeholder", "auditor", "data_analyst"):
        assert client_for("riverside", role).get(url).status_code == 403, role
    other = reverse(
        "personnel:candidate_edit", kwargs={"partnership_slug": "lakeside", "pk": candidate.pk}
    )
    assert client_for("lakeside", "partnership_admin").get(other).status_code == 404
    leader = client_for("riverside", "agency_leader")
    page = leader.get(url).content.decode()
    assert "Chris Candidate" in page
    bad = leader.post(url, {"full_name": "", "status": "hired", "notes": "Kept note"})
    assert bad.status_code == 200 and "Kept note" in bad.content.decode()
    response = leader.post(
        url,
        {
            "full_name": "Chris Candidate-Lopez",
            "status": "hired",
            "interview_on": "2026-04-02",
            "notes": "Strong with families.",
        },
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.full_name == "Chris Candidate-Lopez"
    assert candidate.status == Candidate.Status.HIRED
    assert candidate.interview_on == datetime.date(2026, 4, 2)


def test_candidate_changes_are_audited_without_the_notes(riverside, client_for):
    candidate = candidate_for(riverside)
    url = reverse(
        "personnel:candidate_edit", kwargs={"partnership_slug": "riverside", "pk": candidate.pk}
    )
    client_for("riverside", "district_leader").post(
        url, {"full_name": "Chris C.", "status": "interviewing", "notes": "Private remark"}
    )
    event = AuditEvent.objects.filter(
        content_type__model="candidate", object_id=str(candidate.pk), action="update"
    ).latest("pk")
    assert event.actor_label.startswith("district_leader@")
    assert "Private remark" not in str(event.changes)
    assert "full_name" in event.changes


def test_the_withdraw_button_is_guarded(riverside, lakeside, client_for):
    candidate = candidate_for(riverside)
    kwargs = {"partnership_slug": "riverside", "pk": candidate.pk}
    url = reverse("personnel:candidate_withdraw", kwargs=kwargs)
    assert client_for("riverside", "school_admin").post(url).status_code == 403
    other = reverse(
        "personnel:candidate_withdraw", kwargs={"partnership_slug": "lakeside", "pk": candidate.pk}
    )
    assert client_for("lakeside", "agency_leader").post(other).status_code == 404
    assert client_for("riverside", "agency_leader").get(url).status_code == 405
    assert client_for("riverside", "agency_leader").post(url).status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.WITHDRAWN
    assert candidate.withdrawn_on == timezone.localdate()


# Certificates and the compliance CSV --------------------------------------------------------


def _session(riverside):
    training_topics_seed(partnership=riverside)
    officer = officer_make(riverside, "Pat Officer")
    staff = person_create(
        partnership=riverside, full_name="=HYPERLINK(1)", role=Person.Role.SCHOOL_STAFF
    )
    school = School.objects.get(partnership=riverside)
    assignment_add(person=officer, school=school, starts_on=datetime.date(2024, 8, 1))
    topic = TrainingTopic.objects.get(partnership=riverside, code="de-escalation")
    session = training_session_record(
        partnership=riverside,
        title="De-escalation, joint",
        held_on=datetime.date(2025, 9, 1),
        topics=[topic],
        attendees=[officer, staff],
        joint=True,
        facilitator="Dr. Ames",
    )
    return session, officer, staff, topic


def test_a_certificate_is_a_pdf_for_one_attendee(riverside, lakeside, client_for):
    session, officer, _staff, _topic = _session(riverside)
    attendance = session.attendance.get(person=officer)
    kwargs = {"partnership_slug": "riverside", "pk": session.pk, "attendance": attendance.pk}
    url = reverse("personnel:certificate_pdf", kwargs=kwargs)
    response = client_for("riverside", "sro").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert attendance.certificate in response["Content-Disposition"]
    assert client_for("riverside", "community_stakeholder").get(url).status_code == 403
    other = reverse("personnel:certificate_pdf", kwargs={**kwargs, "partnership_slug": "lakeside"})
    assert client_for("lakeside", "partnership_admin").get(other).status_code == 404
    # An attendance of another session is not a certificate of this one.
    second = training_session_record(
        partnership=riverside,
        title="Another",
        held_on=datetime.date(2025, 10, 1),
        topics=[session.topics.first()],
        attendees=[officer],
    )
    wrong = reverse("personnel:certificate_pdf", kwargs={**kwargs, "pk": second.pk})
    assert client_for("riverside", "sro").get(wrong).status_code == 404
    page = client_for("riverside", "sro").get(session.get_absolute_url()).content.decode()
    assert url in page


def test_the_certificate_names_the_person_session_and_topics(riverside):
    from django.template.loader import render_to_string

    session, officer, _staff, topic = _session(riverside)
    attendance = session.attendance.get(person=officer)
    html = render_to_string(
        "personnel/certificate_pdf.html",
        {
            "partnership": riverside,
            "session": session,
            "attendance": attendance,
            "topics": session.topics.all(),
        },
    )
    for text in ("Pat Officer", "De-escalation, joint", topic.title, "2025-09-01", "Dr. Ames"):
        assert text in html
    with translation.override("es"):
        spanish = render_to_string(
            "personnel/certificate_pdf.html",
            {"partnership": riverside, "session": session, "attendance": attendance},
        )
    assert "Certificado de finalización" in spanish


def test_the_compliance_csv_lists_every_requirement_safely(riverside, lakeside, client_for):
    *_made, topic = _session(riverside)
    url = reverse("personnel:compliance_csv", kwargs={"partnership_slug": "riverside"})
    assert client_for("riverside", "community_stakeholder").get(url).status_code == 403
    response = client_for("riverside", "school_admin").get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    mine = [r for r in rows if r["person"] == "Pat Officer"]
    needed = [t for t in TrainingTopic.objects.filter(partnership=riverside) if "sro" in t.roles]
    assert len(mine) == len(needed)
    trained = next(r for r in mine if r["topic"] == topic.title)
    assert trained["last_trained"] == "2025-09-01" and trained["school"]
    assert trained["state"] in {"current", "due", "overdue"}
    assert {r["state"] for r in mine if r["topic"] != topic.title} == {"never"}
    # A name that looks like a formula is written as text.
    assert any(r["person"] == "'=HYPERLINK(1)" for r in rows)
    lake = client_for("lakeside", "partnership_admin").get(
        reverse("personnel:compliance_csv", kwargs={"partnership_slug": "lakeside"})
    )
    assert "Pat Officer" not in lake.content.decode()


# The surveys: 360° feedback on an evaluation, training input on the training pages ----------


def _feedback_campaign(partnership, subject):
    today = timezone.localdate()
    return campaign_create(
        partnership=partnership,
        instrument=instrument_for(partnership, "sro-360-feedback"),
        name="Feedback on Pat",
        groups=[Group.STUDENT, Group.FAMILY, Group.STAFF, Group.SRO],
        schools=[school_for(partnership)],
        languages=["en", "es"],
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=20),
        subject_officer=subject,
    )


def _evaluation(riverside, members, officer, start, end):
    return evaluation_schedule(
        person=officer,
        evaluator=members[("riverside", "agency_leader")],
        period_start=start,
        period_end=end,
        due_on=end,
    )


def test_the_evaluation_shows_the_officers_360_feedback(riverside, members, client_for):
    pat = officer_make(riverside, "Pat Officer")
    other = officer_make(riverside, "Sam Officer")
    campaign = _feedback_campaign(riverside, pat)
    responses_generate(campaign=campaign, per_link=12)
    today = timezone.localdate()
    evaluation = _evaluation(riverside, members, pat, today - datetime.timedelta(days=300), today)
    page = client_for("riverside", "agency_leader").get(evaluation.get_absolute_url())
    body = page.content.decode()
    assert "360° feedback from the surveys" in body
    assert "Feedback on Pat" in body
    assert "Students" in body and "% favourable, n=12)" in body
    feedback = page.context["feedback"]
    assert feedback.has_results and feedback.overall.respondents == 48
    # Another officer's evaluation sees none of it.
    theirs = _evaluation(riverside, members, other, today - datetime.timedelta(days=300), today)
    body = client_for("riverside", "agency_leader").get(theirs.get_absolute_url()).content
    assert b"Feedback on Pat" not in body
    assert b"No 360\xc2\xb0 feedback campaign about this officer yet." in body


def test_feedback_outside_the_period_is_left_out(riverside, members, client_for):
    pat = officer_make(riverside, "Pat Officer")
    campaign = _feedback_campaign(riverside, pat)
    responses_generate(campaign=campaign, per_link=12)
    past = _evaluation(
        riverside, members, pat, datetime.date(2023, 8, 1), datetime.date(2024, 6, 30)
    )
    page = client_for("riverside", "agency_leader").get(past.get_absolute_url())
    assert not page.context["feedback"].has_results
    assert "too few completed responses, or none in this period" in page.content.decode()


def test_small_feedback_groups_stay_hidden_on_the_evaluation(riverside, members, client_for):
    from secure.surveys.models import Response

    pat = officer_make(riverside, "Pat Officer")
    campaign = _feedback_campaign(riverside, pat)
    responses_generate(campaign=campaign, per_link=12)
    families = Response.objects.filter(campaign=campaign, link__group=Group.FAMILY)
    Response.objects.filter(pk__in=[r.pk for r in families.order_by("pk")[3:]]).delete()
    today = timezone.localdate()
    evaluation = _evaluation(riverside, members, pat, today - datetime.timedelta(days=30), today)
    feedback = (
        client_for("riverside", "agency_leader")
        .get(evaluation.get_absolute_url())
        .context["feedback"]
    )
    hidden = next(g for g in feedback.groups if g.key == "families")
    assert hidden.respondents is None and all(c.n is None for c in hidden.scales)


def test_an_evaluator_can_start_a_360_campaign_for_the_officer(riverside, members, client_for):
    pat = officer_make(riverside, "Pat Officer")
    today = timezone.localdate()
    evaluation = _evaluation(riverside, members, pat, today - datetime.timedelta(days=30), today)
    link = reverse("surveys:campaign_new", kwargs={"partnership_slug": "riverside"})
    body = client_for("riverside", "agency_leader").get(evaluation.get_absolute_url()).content
    assert f"{link}?subject_officer={pat.pk}".encode() in body
    assert Evaluation.objects.get(pk=evaluation.pk).status == "scheduled"


def test_the_training_pages_show_what_staff_said(riverside, client_for):
    today = timezone.localdate()
    campaign = campaign_create(
        partnership=riverside,
        instrument=instrument_for(riverside, "training-input"),
        name="Training needs 2026",
        groups=[Group.STAFF, Group.SRO],
        schools=[school_for(riverside)],
        languages=["en", "es"],
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=20),
    )
    responses_generate(campaign=campaign, per_link=12)
    for name in ("personnel:compliance", "personnel:suggestions"):
        page = client_for("riverside", "sro").get(
            reverse(name, kwargs={"partnership_slug": "riverside"})
        )
        assert page.status_code == 200
        summary = page.context["training_input"]
        assert summary.has_results and summary.overall.respondents == 24
        body = page.content.decode()
        assert "What SROs and staff said about their training" in body
        assert "Training needs 2026" in body
        assert "Peers and other school staff" in body
    lake = client_for("lakeside", "sro").get(
        reverse("personnel:compliance", kwargs={"partnership_slug": "lakeside"})
    )
    assert "Training needs 2026" not in lake.content.decode()
    assert not lake.context["training_input"].campaigns


# Short labels carry a context, and Spanish ----------------------------------------------------


def test_short_labels_have_contexts_and_spanish():
    from django.utils.translation import pgettext

    from secure.personnel.models import TrainingSuggestion

    with translation.override("es"):
        assert str(TrainingSuggestion.Status.OPEN.label) == "Abierta"
        assert str(Candidate.Status.WITHDRAWN.label) == "Retiró su candidatura"
        assert str(Evaluation.Status.SCHEDULED.label) == "Programada"
        assert pgettext("person", "Role") == "Función"
        assert pgettext("training state", "Overdue") == "Vencida"
        assert pgettext("evaluation", "Overdue") == "Atrasada"
