"""The MOU workspace: chosen commenters, threads, the partnership's own clauses, the live check,
the review cycle carried by a rubric schedule, and e-mailed distribution."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from secure.agreements import services
from secure.agreements.analyzer.plain import check_section, find_jargon
from secure.agreements.models import (
    MouClause,
    MouComment,
    MouDistribution,
    MouReviewInvitation,
    MouVersion,
)
from secure.agreements.selectors import (
    mou_comment_threads,
    mou_commenters,
    mou_library_clauses,
)
from secure.agreements.services import workspace
from secure.audit.models import AuditEvent
from secure.core.evidence import Evidence, evidence_for
from secure.partnerships.models import Organization
from secure.partnerships.roles import Role
from secure.rubric.models import Schedule, ScheduleCompletion
from secure.rubric.rules import add_months
from secure.rubric.services.reminders import reminders_due
from secure.rubric.services.schedules import schedule_create

from ..factories import member_make
from .factories import clause_make, draft_make
from .test_drafting import adopt, member

pytestmark = pytest.mark.django_db


def act(slug, draft):
    return reverse("agreements:draft_action", args=[slug, draft.pk])


def open_draft(partnership):
    draft = draft_make(partnership)
    services.mou_draft_open_for_comments(draft=draft)
    return draft


# --- choosing the commenters -------------------------------------------------------------------


def test_only_invited_members_and_organizations_comment(riverside, members):
    """A stakeholder comments once invited; a civil-rights group's members through their group."""
    draft = open_draft(riverside)
    version = draft.latest_version()
    stakeholder = member(members, Role.COMMUNITY_STAKEHOLDER)
    with pytest.raises(ValidationError) as error:
        services.mou_comment_add(version=version, section=0, membership=stakeholder, body="Hi")
    assert error.value.messages == [str(workspace.NOT_INVITED)]
    group = Organization.objects.create(
        partnership=riverside, name="Riverside Civil Rights Coalition", kind="civil_rights"
    )
    advocate = member_make(riverside, Role.COMMUNITY_STAKEHOLDER, email="advocate@example.org")
    advocate.organization = group
    advocate.save()
    services.mou_commenters_set(
        draft=draft, memberships=[stakeholder], organizations=[group], user=None
    )
    services.mou_comment_add(version=version, section=0, membership=stakeholder, body="One")
    services.mou_comment_add(version=version, section=2, membership=advocate, body="Two")
    # Drafting roles may always comment; a school administrator who was not invited may not.
    services.mou_comment_add(
        version=version, section=0, membership=member(members, Role.DISTRICT_LEADER), body="Ok"
    )
    assert not services.mou_may_comment(draft=draft, membership=member(members, Role.SCHOOL_ADMIN))
    rows = {r.membership.pk: r for r in mou_commenters(draft=draft)}
    assert rows[stakeholder.pk].comments == 1 and rows[stakeholder.pk].via == ""
    assert rows[advocate.pk].via == "Riverside Civil Rights Coalition"
    # Taking the invitation back closes commenting again, and each change is audited.
    services.mou_commenters_set(draft=draft, memberships=[], organizations=[group], user=None)
    assert not services.mou_may_comment(draft=draft, membership=stakeholder)
    assert AuditEvent.objects.filter(content_type__model="moureviewinvitation").count() >= 3


def test_another_partnerships_members_can_never_be_invited(riverside, lakeside, members):
    """Neither the service nor the form accepts Lakeside's members or organizations."""
    draft = open_draft(riverside)
    outsider = member(members, Role.COMMUNITY_STAKEHOLDER, "lakeside")
    with pytest.raises(ValidationError) as error:
        services.mou_commenters_set(
            draft=draft, memberships=[outsider], organizations=[], user=None
        )
    assert error.value.messages == [str(workspace.NOT_THIS_PARTNERSHIP)]
    foreign_org = Organization.objects.for_partnership(lakeside).first()
    with pytest.raises(ValidationError):
        services.mou_commenters_set(
            draft=draft, memberships=[], organizations=[foreign_org], user=None
        )
    assert not services.mou_may_comment(draft=draft, membership=outsider)
    assert not MouReviewInvitation.objects.exists()


def test_the_commenters_page(riverside, lakeside, members, client_for):
    """Leaders choose commenters and see who commented; others are refused; Lakeside is not shown."""
    draft = open_draft(riverside)
    url = reverse("agreements:draft_commenters", args=["riverside", draft.pk])
    leader = client_for("riverside", Role.PARTNERSHIP_ADMIN)
    page = leader.get(url).content.decode()
    assert "community_stakeholder@riverside.example.org" in page
    assert "lakeside.example.org" not in page
    assert "auditor@riverside" not in page  # auditors never write; drafters need no invitation
    outsider = member(members, Role.COMMUNITY_STAKEHOLDER, "lakeside")
    response = leader.post(url, {"memberships": [outsider.pk]})
    assert response.status_code == 200 and not MouReviewInvitation.objects.exists()
    stakeholder = member(members, Role.COMMUNITY_STAKEHOLDER)
    assert leader.post(url, {"memberships": [stakeholder.pk]}).status_code == 302
    client_for("riverside", Role.COMMUNITY_STAKEHOLDER).post(
        act("riverside", draft), {"action": "comment", "section": "0", "body": "Plainer, please."}
    )
    page = leader.get(url).content.decode()
    assert "Who was invited, and who has commented" in page and ">1<" in page
    assert client_for("riverside", Role.COMMUNITY_STAKEHOLDER).get(url).status_code == 403
    assert client_for("riverside", Role.SRO).post(url, {}).status_code == 403
    lakeside_url = reverse("agreements:draft_commenters", args=["lakeside", draft.pk])
    assert client_for("lakeside", Role.PARTNERSHIP_ADMIN).get(lakeside_url).status_code == 404


def test_invited_members_are_emailed_when_the_draft_is_open(riverside, members, client_for):
    """Inviting before opening sends nothing; opening e-mails everyone invited; later invitations
    e-mail only the newly invited, including an invited organization's members."""
    draft = draft_make(riverside)
    stakeholder = member(members, Role.COMMUNITY_STAKEHOLDER)
    leader = client_for("riverside", Role.DISTRICT_LEADER)
    commenters_url = reverse("agreements:draft_commenters", args=["riverside", draft.pk])
    leader.post(commenters_url, {"memberships": [stakeholder.pk]})
    assert mail.outbox == []
    leader.post(act("riverside", draft), {"action": "open"})
    [invitation] = mail.outbox
    assert invitation.to == [stakeholder.user.email]
    assert reverse("agreements:draft_detail", args=["riverside", draft.pk]) in invitation.body
    assert "invited to comment" in invitation.subject
    group = Organization.objects.create(
        partnership=riverside, name="Parents United", kind="community"
    )
    parent = member_make(riverside, Role.COMMUNITY_STAKEHOLDER, email="parent@example.org")
    parent.organization = group
    parent.save()
    mail.outbox.clear()
    leader.post(commenters_url, {"memberships": [stakeholder.pk], "organizations": [group.pk]})
    assert [m.to for m in mail.outbox] == [["parent@example.org"]]


def test_an_uninvited_member_cannot_comment_through_the_page(riverside, members, client_for):
    """The comment form is not shown to them and a forged post stores nothing."""
    draft = open_draft(riverside)
    client = client_for("riverside", Role.SCHOOL_ADMIN)
    page = client.get(reverse("agreements:draft_detail", args=["riverside", draft.pk]))
    assert "Comment on a section" not in page.content.decode()
    client.post(act("riverside", draft), {"action": "comment", "section": "0", "body": "x"})
    assert not MouComment.objects.exists()


# --- threads ---------------------------------------------------------------------------------


def test_threads_answered_resolved_and_reopened(riverside, members):
    """Replies join the thread; a drafter's reply answers it; resolve and reopen."""
    draft = open_draft(riverside)
    stakeholder = member(members, Role.COMMUNITY_STAKEHOLDER)
    services.mou_commenters_set(draft=draft, memberships=[stakeholder], organizations=[], user=None)
    comment = services.mou_comment_add(
        version=draft.latest_version(), section=1, membership=stakeholder, body="Why?"
    )
    [thread] = mou_comment_threads(draft=draft)
    assert not thread.answered and not thread.resolved
    services.mou_comment_reply(comment=comment, membership=stakeholder, body="Still asking.")
    assert not mou_comment_threads(draft=draft)[0].answered  # only the author so far
    leader = member(members, Role.DISTRICT_LEADER)
    reply = services.mou_comment_reply(comment=comment, membership=leader, body="Because.")
    nested = services.mou_comment_reply(comment=reply, membership=stakeholder, body="Thanks.")
    assert nested.parent_id == comment.pk and nested.section == 1
    [thread] = mou_comment_threads(draft=draft)
    assert thread.answered and [r.body for r in thread.replies][-1] == "Thanks."
    services.mou_comment_resolve(comment=comment, answer="")  # the replies answered it
    assert mou_comment_threads(draft=draft)[0].resolved
    with pytest.raises(ValidationError):
        services.mou_comment_reopen(comment=comment, membership=member(members, Role.SRO))
    services.mou_comment_reopen(comment=comment, membership=stakeholder)
    assert MouComment.objects.get(pk=comment.pk).resolved_at is None
    with pytest.raises(ValidationError):
        services.mou_comment_reply(
            comment=comment, membership=member(members, Role.SRO), body="Not invited"
        )
    with pytest.raises(ValidationError):
        services.mou_comment_reply(comment=comment, membership=stakeholder, body="  ")


def test_threads_through_the_page_and_across_partnerships(riverside, lakeside, members, client_for):
    """Reply, resolve and reopen from the draft page; Lakeside cannot touch Riverside's comment."""
    draft = open_draft(riverside)
    stakeholder = member(members, Role.COMMUNITY_STAKEHOLDER)
    services.mou_commenters_set(draft=draft, memberships=[stakeholder], organizations=[], user=None)
    comment = services.mou_comment_add(
        version=draft.latest_version(), section=0, membership=stakeholder, body="Shorter?"
    )
    leader = client_for("riverside", Role.DISTRICT_LEADER)
    leader.post(act("riverside", draft), {"action": "reply", "comment": comment.pk, "body": "Yes."})
    page = leader.get(reverse("agreements:draft_detail", args=["riverside", draft.pk]))
    assert "Answered" in page.content.decode()
    leader.post(act("riverside", draft), {"action": "resolve", "comment": comment.pk})
    assert MouComment.objects.get(pk=comment.pk).resolved_at is not None
    client_for("riverside", Role.COMMUNITY_STAKEHOLDER).post(
        act("riverside", draft), {"action": "reopen", "comment": comment.pk}
    )
    assert MouComment.objects.get(pk=comment.pk).resolved_at is None
    other_draft = open_draft(lakeside)
    foreign = client_for("lakeside", Role.DISTRICT_LEADER)
    response = foreign.post(
        act("lakeside", other_draft), {"action": "reply", "comment": comment.pk, "body": "x"}
    )
    assert response.status_code == 404
    assert MouComment.objects.filter(parent=comment).count() == 1
    assert (
        client_for("riverside", Role.AUDITOR)
        .post(act("riverside", draft), {"action": "reply", "comment": comment.pk, "body": "x"})
        .status_code
        == 403
    )


# --- the partnership's own clauses --------------------------------------------------------------


def test_own_clauses_join_the_library_and_drafts(riverside, lakeside):
    """An added clause is offered with the model clauses and filled with the draft's names."""
    clause = clause_make(riverside)
    ids = [c.id for c in mou_library_clauses(partnership=riverside)]
    assert clause.library_id in ids and "role" in ids
    assert clause.library_id not in [c.id for c in mou_library_clauses(partnership=lakeside)]
    draft = services.mou_draft_create(
        partnership=riverside,
        title="With ours",
        clause_ids=["role", clause.library_id],
        values={"district": "Riverside Unified"},
        stronger=True,
        user=None,
    )
    text = draft.latest_version().as_text()
    assert "Riverside Unified names a family liaison at each school" in text
    # Lakeside cannot use Riverside's clause even by its id.
    other = services.mou_draft_create(
        partnership=lakeside,
        title="x",
        clause_ids=["role", clause.library_id],
        values={},
        stronger=False,
        user=None,
    )
    assert "family liaison" not in other.latest_version().as_text()
    services.mou_clause_retire(clause=clause)
    assert clause.library_id not in [c.id for c in mou_library_clauses(partnership=riverside)]


def test_clause_checks_mapping_variables_and_titles(riverside):
    """Unknown requirements, rubric items and variables are refused with clear messages."""
    with pytest.raises(ValidationError) as error:
        services.mou_clause_save(
            partnership=riverside,
            title="Bad",
            requirements=["not_a_requirement"],
            rubric_items=["9.nope"],
            standard="{principal} calls the SRO.",
            stronger="Unclosed {brace",
            user=None,
        )
    fields = error.value.message_dict
    assert set(fields) == {"requirements", "rubric_items", "standard", "stronger"}
    assert "Unknown variable {principal}" in fields["standard"][0]
    clause_make(riverside)
    with pytest.raises(ValidationError) as error:
        clause_make(riverside, title="family LIAISON")
    assert "title" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.mou_clause_save(
            partnership=riverside,
            title="Unmapped",
            requirements=[],
            rubric_items=[],
            standard="Text.",
            stronger="",
            user=None,
        )


def test_clause_pages(riverside, lakeside, client_for):
    """Leaders add, edit and retire clauses; bad input is kept; others refused; tenancy holds."""
    leader = client_for("riverside", Role.DISTRICT_LEADER)
    create = reverse("agreements:clause_create", args=["riverside"])
    data = {
        "title": "Restorative practices first",
        "requirements": ["discipline_prohibition"],
        "rubric_items": "1.start.3.3, 1.start.3",
        "standard": "{district} uses restorative practices before any referral to {agency}.",
        "stronger": "{unknown} text",
    }
    response = leader.post(create, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Unknown variable {unknown}" in page and "Restorative practices first" in page
    data["stronger"] = ""
    assert leader.post(create, data).status_code == 302
    clause = MouClause.objects.get()
    assert clause.rubric_items == ["1.start.3.3", "1.start.3"]
    library = leader.get(reverse("agreements:library", args=["riverside"])).content.decode()
    assert "Restorative practices first" in library and "pursuant to" in library
    form = leader.get(reverse("agreements:draft_create", args=["riverside"])).content.decode()
    assert clause.library_id in form and "(your library)" in form
    edit = reverse("agreements:clause_edit", args=["riverside", clause.pk])
    leader.post(edit, {**data, "title": "Restorative practices"})
    assert MouClause.objects.get().title == "Restorative practices"
    leader.post(edit, {"action": "retire"})
    assert MouClause.objects.get().is_retired
    form = leader.get(reverse("agreements:draft_create", args=["riverside"])).content.decode()
    assert clause.library_id not in form
    assert client_for("riverside", Role.SRO).post(create, data).status_code == 403
    foreign = client_for("lakeside", Role.DISTRICT_LEADER)
    assert (
        foreign.get(reverse("agreements:clause_edit", args=["lakeside", clause.pk])).status_code
        == 404
    )
    assert (
        "Restorative"
        not in foreign.get(reverse("agreements:library", args=["lakeside"])).content.decode()
    )
    assert AuditEvent.objects.filter(content_type__model="mouclause").count() >= 3


# --- live coverage and the plain-language check ------------------------------------------------


def test_jargon_is_found_once_each_with_plain_wording():
    """Case, line breaks and overlapping phrases; words inside other words are not jargon."""
    hits = find_jargon(
        "Pursuant to the policy, officers may\nEFFECTUATE an arrest in exigent circumstances "
        "and question a juvenile. Custodial interrogation follows. Pursuant to again."
    )
    assert [(h.found, h.plain) for h in hits][:3] == [
        ("Pursuant to", "under"),
        ("EFFECTUATE", "carry out"),
        ("exigent circumstances", "an emergency"),
    ]
    assert [h.found for h in hits][3:] == ["juvenile", "Custodial interrogation"]
    assert hits[2].note  # exigent circumstances asks for an explanation
    assert find_jargon("The undertaking determines nothing.") == []


def test_section_check_grades_and_long_sentences():
    """A short plain section reads easily; a long sentence is listed."""
    plain = check_section(0, "Role", "Officers keep students safe. They do not punish students.")
    assert plain.grade is not None and plain.grade < 6 and plain.long_sentences == []
    long = " ".join(["word"] * 35) + "."
    assert check_section(1, "Long", long).long_sentences == [long]


def test_the_live_check_while_typing(riverside, lakeside, client_for):
    """htmx posts unsaved text: coverage, conflicts and jargon come back; nothing is saved."""
    draft = draft_make(riverside)
    url = reverse("agreements:draft_check", args=["riverside", draft.pk])
    leader = client_for("riverside", Role.AGENCY_LEADER)
    text = (
        "## Discipline\nThe SRO shall not be used for school discipline.\n\n"
        "## Force\nPursuant to policy, the SRO will assist in enforcing the student code of conduct."
    )
    response = leader.post(url, {"text": text}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert "of 13 requirements covered" in page
    assert "conflict" in page and "“Pursuant to” → “under”" in page
    assert MouVersion.objects.filter(draft=draft).count() == 1
    assert leader.get(url).status_code == 405
    assert client_for("riverside", Role.SRO).post(url, {"text": text}).status_code == 403
    foreign = client_for("lakeside", Role.AGENCY_LEADER)
    assert (
        foreign.post(
            reverse("agreements:draft_check", args=["lakeside", draft.pk]), {"text": text}
        ).status_code
        == 404
    )


def test_the_edit_page_checks_without_javascript(riverside, client_for):
    """The text box carries the htmx request; "Check without saving" keeps the typed text."""
    draft = draft_make(riverside)
    url = reverse("agreements:draft_edit", args=["riverside", draft.pk])
    leader = client_for("riverside", Role.DISTRICT_LEADER)
    page = leader.get(url).content.decode()
    assert 'hx-post="' + reverse("agreements:draft_check", args=["riverside", draft.pk]) in page
    assert "delay:800ms" in page and "13 of 13 requirements covered" in page
    text = "## Role\nThe juvenile shall be questioned pursuant to law."
    response = leader.post(url, {"text": text, "note": "", "check": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and "The juvenile shall be questioned" in page
    assert "“juvenile” → “young person / student”" in page
    assert MouVersion.objects.filter(draft=draft).count() == 1
    assert leader.post(url, {"text": text, "note": "Saved"}).status_code == 302
    detail = leader.get(reverse("agreements:draft_detail", args=["riverside", draft.pk]))
    assert "“pursuant to” → “under”" in detail.content.decode()


# --- the review cycle ------------------------------------------------------------------------


def test_the_review_cycle_is_a_rubric_schedule(riverside, members):
    """Setting the cycle makes one schedule for 1.improve.2; the rubric reminds; reviews move it."""
    leader = member(members, Role.DISTRICT_LEADER)
    due = timezone.localdate() + datetime.timedelta(days=5)
    cycle = services.mou_review_cycle_set(
        partnership=riverside, interval_months=12, next_due=due, owner=leader
    )
    schedule = Schedule.objects.get()
    assert cycle.schedule == schedule and schedule.item_id == "1.improve.2"
    services.mou_review_cycle_set(
        partnership=riverside, interval_months=6, next_due=due, owner=leader
    )
    assert Schedule.objects.get().interval_months == 6
    # The rubric's reminder machinery picks it up, addressed to the owner.
    [reminder] = [
        r
        for r in reminders_due(partnership=riverside, today=due - datetime.timedelta(days=3))
        if r.key.startswith(f"schedule:{schedule.pk}")
    ]
    assert reminder.recipients == [leader]
    completion = services.mou_review_complete(
        partnership=riverside, by=leader, completed_on=timezone.localdate(), notes="No changes."
    )
    assert completion.due_date == due
    assert Schedule.objects.get().next_due == add_months(due, 6)  # the six-month cycle set above
    with pytest.raises(ValidationError):
        services.mou_review_complete(
            partnership=riverside,
            by=member(members, Role.SRO),
            completed_on=timezone.localdate(),
            notes="",
        )


def test_an_existing_rubric_schedule_becomes_the_cycle(riverside, lakeside, members):
    """A schedule for 1.improve.2 made in the rubric is reused rather than duplicated."""
    existing = schedule_create(
        partnership=riverside,
        title="Review the MOU",
        interval_months=12,
        next_due=timezone.localdate() + datetime.timedelta(days=60),
        item_id="1.improve.2",
    )
    cycle = services.mou_review_cycle_set(
        partnership=riverside, interval_months=12, next_due=existing.next_due, owner=None
    )
    assert cycle.schedule_id == existing.pk and Schedule.objects.count() == 1
    assert services.mou_review_cycle_for(partnership=lakeside) is None
    with pytest.raises(ValidationError):
        services.mou_review_complete(
            partnership=lakeside,
            by=member(members, Role.DISTRICT_LEADER, "lakeside"),
            completed_on=timezone.localdate(),
            notes="",
        )


def test_adopting_a_revised_mou_completes_the_review(riverside, members):
    """Adoption by a leader records the review in the schedule and feeds the evidence."""
    leader = member(members, Role.DISTRICT_LEADER)
    due = timezone.localdate() + datetime.timedelta(days=30)
    services.mou_review_cycle_set(
        partnership=riverside, interval_months=12, next_due=due, owner=leader
    )
    draft = draft_make(riverside)
    services.mou_draft_open_for_comments(draft=draft)
    services.mou_draft_approve(draft=draft, membership=leader)
    services.mou_draft_approve(draft=draft, membership=member(members, Role.AGENCY_LEADER))
    services.mou_draft_adopt(draft=draft, user=leader.user, membership=leader)
    completion = ScheduleCompletion.objects.get()
    assert completion.due_date == due and "Our MOU" in completion.notes
    [evidence] = [
        e
        for e in evidence_for(partnership=riverside, item_id="1.improve.2")
        if e.source == "agreements" and "reviews" in e.facts
    ]
    assert evidence.facts["reviews"] == 1 and evidence.suggested_status == Evidence.DONE


def test_the_review_cycle_page(riverside, lakeside, members, client_for):
    """Leaders set the cycle and record reviews; others read; the page is per partnership."""
    url = reverse("agreements:review_cycle", args=["riverside"])
    leader = client_for("riverside", Role.PARTNERSHIP_ADMIN)
    due = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
    bad = leader.post(url, {"action": "cycle", "interval_months": "12", "next_due": "soon"})
    assert bad.status_code == 200 and not Schedule.objects.exists()
    owner = member(members, Role.DISTRICT_LEADER)
    response = leader.post(
        url,
        {
            "action": "cycle",
            "interval_months": "12",
            "next_due": due,
            "owner": owner.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    schedule = Schedule.objects.get()
    assert schedule.owner == owner and schedule.item_id == "1.improve.2"
    leader.post(
        url,
        {"action": "done", "completed_on": timezone.localdate().isoformat(), "notes": "Met."},
    )
    assert ScheduleCompletion.objects.get().notes == "Met."
    sro = client_for("riverside", Role.SRO)
    assert "Met." in sro.get(url).content.decode()
    assert sro.post(url, {"action": "done", "notes": "x"}).status_code == 403
    foreign_owner = member(members, Role.DISTRICT_LEADER, "lakeside")
    leader.post(
        url,
        {"action": "cycle", "interval_months": "6", "next_due": due, "owner": foreign_owner.pk},
    )
    assert Schedule.objects.get().interval_months == 12  # Lakeside's member is not a choice
    lakeside_page = client_for("lakeside", Role.PARTNERSHIP_ADMIN).get(
        reverse("agreements:review_cycle", args=["lakeside"])
    )
    assert "Met." not in lakeside_page.content.decode()


# --- e-mailed distribution -----------------------------------------------------------------------


def test_distribution_emails_every_administrator_and_sro(riverside, lakeside, members):
    """Each school administrator and SRO gets the link; a resend skips those who acknowledged."""
    draft = draft_make(riverside)
    with pytest.raises(ValidationError):
        services.mou_distribute(draft=draft, user=None)
    adopt(draft, members)
    second_sro = member_make(riverside, Role.SRO, email="sro2@riverside.example.org")
    sent = services.mou_distribute(draft=draft, user=None, site="https://secure.example")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "school_admin@riverside.example.org",
        "sro2@riverside.example.org",
        "sro@riverside.example.org",
    ]
    link = "https://secure.example" + reverse(
        "agreements:draft_detail", args=["riverside", draft.pk]
    )
    assert all(link in m.body for m in mail.outbox) and len(sent) == 3
    assert "read and acknowledge" in mail.outbox[0].subject
    services.mou_acknowledge(draft=draft, membership=second_sro)
    mail.outbox.clear()
    services.mou_distribute(draft=draft, user=None, resend=True)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "school_admin@riverside.example.org",
        "sro@riverside.example.org",
    ]
    assert mail.outbox[0].subject.startswith("Reminder")
    assert MouDistribution.objects.filter(is_resend=True).count() == 2
    services.mou_acknowledge(draft=draft, membership=member(members, Role.SRO))
    services.mou_acknowledge(draft=draft, membership=member(members, Role.SCHOOL_ADMIN))
    with pytest.raises(ValidationError):
        services.mou_distribute(draft=draft, user=None, resend=True)
    assert not any("lakeside" in d.email for d in MouDistribution.objects.all())


def test_distribution_mail_speaks_the_recipients_language(riverside, members):
    """A member who prefers Spanish gets the e-mail in Spanish."""
    draft = adopt(draft_make(riverside), members)
    sro = member(members, Role.SRO)
    sro.user.preferred_language = "es"
    sro.user.save()
    services.mou_distribute(draft=draft, user=None)
    [spanish] = [m for m in mail.outbox if m.to == [sro.user.email]]
    assert "Hola" in spanish.body and "MOU" in spanish.subject


def test_distribution_through_the_page(riverside, lakeside, members, client_for):
    """Leaders send and resend from the draft; the table lists who has not acknowledged."""
    draft = adopt(draft_make(riverside), members)
    leader = client_for("riverside", Role.DISTRICT_LEADER)
    assert (
        client_for("riverside", Role.SRO)
        .post(act("riverside", draft), {"action": "distribute"})
        .status_code
        == 403
    )
    leader.post(act("riverside", draft), {"action": "distribute"})
    assert len(mail.outbox) == 2
    page = leader.get(reverse("agreements:draft_detail", args=["riverside", draft.pk]))
    text = page.content.decode()
    assert "Resend to those who have not acknowledged" in text and "Not yet acknowledged" in text
    foreign = client_for("lakeside", Role.DISTRICT_LEADER)
    assert foreign.post(act("lakeside", draft), {"action": "resend"}).status_code == 404
    assert len(mail.outbox) == 2


# --- starting from an uploaded MOU -------------------------------------------------------------


def test_a_draft_starts_from_an_uploaded_mou(riverside, lakeside, client_for):
    """The uploaded text is split at its headings into editable sections, numbering kept."""
    from secure.agreements.demo import DEMO_TEXTS
    from secure.agreements.models import MouDraft

    from .factories import analysis_make

    _title, path = DEMO_TEXTS["riverside"]
    analysis = analysis_make(riverside, text=path.read_text(encoding="utf-8"), title="Old MOU")
    url = reverse("agreements:analysis_start_draft", args=["riverside", analysis.pk])
    assert client_for("riverside", Role.SRO).post(url).status_code == 403
    foreign = client_for("lakeside", Role.DISTRICT_LEADER)
    assert (
        foreign.post(
            reverse("agreements:analysis_start_draft", args=["lakeside", analysis.pk])
        ).status_code
        == 404
    )
    leader = client_for("riverside", Role.DISTRICT_LEADER)
    assert (
        "Start a draft from this MOU"
        in leader.get(
            reverse("agreements:analysis_detail", args=["riverside", analysis.pk])
        ).content.decode()
    )
    response = leader.post(url)
    draft = MouDraft.objects.get()
    assert response.url == reverse("agreements:draft_detail", args=["riverside", draft.pk])
    version = draft.latest_version()
    headings = [s["heading"] for s in version.sections]
    assert headings[1:] == [
        "ARTICLE 1. WHY WE HAVE THIS AGREEMENT",
        "ARTICLE 2. STUDENTS' RIGHTS",
        "ARTICLE 3. ACCOUNTABILITY",
    ]
    assert version.sections[2]["body"].startswith("2.1 SROs search students only")
    assert draft.title == "Revision of Old MOU" and "Old MOU" in version.note
    # The same requirements are found in the draft as in the uploaded text.
    page = leader.get(reverse("agreements:draft_detail", args=["riverside", draft.pk]))
    assert "The SRO will assist in enforcing the student code of conduct" in page.content.decode()
