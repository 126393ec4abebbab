"""Live rubric evidence from the people records: officers in schools, hiring, training.

Each provider says what the records show; a person confirms any status.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from secure.core.evidence import Evidence, evidence_provider
from secure.partnerships.models import Partnership

from .models import (
    Candidate,
    Commendation,
    Evaluation,
    Guideline,
    OnboardingPlan,
    TrainingSession,
    TrainingSuggestion,
    TrainingTopic,
)
from .models.hiring import RUBRIC_PANEL_GROUPS, StakeholderGroup
from .selectors import State, officer_coverage_on, onboarding_progress, panel_makeup, requirements
from .services import guideline_next_review

INPUT_GROUPS = {StakeholderGroup.STUDENTS, StakeholderGroup.FAMILIES, StakeholderGroup.COMMUNITY}


def _url(partnership: Partnership, name: str) -> str:
    return reverse(name, kwargs={"partnership_slug": partnership.slug})


@evidence_provider("1.improve.1.1")
def schools_with_sworn_officers(partnership: Partnership) -> Evidence | None:
    """Schools with a sworn officer assigned today, from the assignment records."""
    coverage = officer_coverage_on(partnership=partnership, day=timezone.localdate())
    if not coverage.officers:
        return None
    return Evidence(
        summary=_(
            "Assignments recorded today: %(with)d of %(schools)d schools (%(share)s%%) have a "
            "sworn officer (%(officers)d officers)."
        )
        % {
            "with": coverage.with_officer,
            "schools": coverage.schools,
            "share": coverage.share,
            "officers": coverage.officers,
        },
        url=_url(partnership, "personnel:person_list"),
        facts={"schools_with_officer": coverage.with_officer, "schools": coverage.schools},
    )


@evidence_provider("3.start.1")
def hiring_guidelines(partnership: Partnership) -> Evidence:
    """Hiring guidelines drafted with stakeholders' comments and published."""
    versions = Guideline.objects.for_partnership(partnership)
    published = versions.filter(status=Guideline.Status.PUBLISHED).first()
    groups = set(versions.filter(comments__isnull=False).values_list("comments__group", flat=True))
    heard = sorted(str(StakeholderGroup(g).label) for g in groups & INPUT_GROUPS)
    if not versions.exists():
        return Evidence(
            summary=_("No hiring guidelines have been drafted."),
            suggested_status=Evidence.NOT_STARTED,
            url=_url(partnership, "personnel:hiring"),
        )
    summary = _("%(n)d versions; comments from: %(groups)s.") % {
        "n": versions.count(),
        "groups": ", ".join(heard) or _("nobody yet"),
    }
    if published:
        summary = _("Version %(v)d published on %(day)s. ") % {
            "v": published.version,
            "day": published.published_on,
        } + str(summary)
    done = published is not None and groups >= INPUT_GROUPS
    return Evidence(
        summary=summary,
        suggested_status=Evidence.DONE if done else Evidence.IN_PROGRESS,
        url=_url(partnership, "personnel:hiring"),
        facts={"published": bool(published), "comment_groups": sorted(groups)},
    )


@evidence_provider("3.start.2")
def interview_panels(partnership: Partnership) -> Evidence | None:
    """Interview panels that include every group the rubric names."""
    candidates = list(Candidate.objects.for_partnership(partnership))
    if not candidates:
        return None
    complete = sum(
        1 for c in candidates if all(m.count for m in panel_makeup(candidate=c) if m.required)
    )
    return Evidence(
        summary=_(
            "%(complete)d of %(n)d candidates were interviewed by panels with all %(groups)d "
            "stakeholder groups the rubric names."
        )
        % {"complete": complete, "n": len(candidates), "groups": len(RUBRIC_PANEL_GROUPS)},
        suggested_status=Evidence.DONE if complete == len(candidates) else Evidence.IN_PROGRESS,
        url=_url(partnership, "personnel:hiring"),
    )


@evidence_provider("3.improve.1")
def guideline_review_timeline(partnership: Partnership) -> Evidence | None:
    """The published guidelines' review timeline, and whether a review is overdue."""
    published = (
        Guideline.objects.for_partnership(partnership)
        .filter(status=Guideline.Status.PUBLISHED)
        .first()
    )
    if published is None:
        return None
    due = guideline_next_review(published)
    overdue = due is not None and due < timezone.localdate()
    return Evidence(
        summary=_("Reviewed every %(n)d months; next review due %(day)s.")
        % {"n": published.review_months, "day": due},
        suggested_status=Evidence.IN_PROGRESS if overdue else Evidence.DONE,
        url=published.get_absolute_url(),
    )


@evidence_provider("3.improve.2")
def onboarding_with_mentors(partnership: Partnership) -> Evidence:
    """New SROs on onboarding plans with experienced mentors, and their progress."""
    plans = list(OnboardingPlan.objects.for_partnership(partnership).select_related("person"))
    topics = TrainingTopic.objects.for_partnership(partnership).filter(onboarding=True).count()
    if not plans:
        return Evidence(
            summary=_("%(topics)d onboarding topics in the catalogue; no onboarding plans yet.")
            % {"topics": topics},
            suggested_status=Evidence.NOT_STARTED,
            url=_url(partnership, "personnel:compliance"),
        )
    done = sum(len(onboarding_progress(person=p.person).done) for p in plans)
    return Evidence(
        summary=_(
            "%(plans)d new SROs mentored through %(topics)d onboarding topics; %(done)d of "
            "%(total)d topic completions so far."
        )
        % {"plans": len(plans), "topics": topics, "done": done, "total": topics * len(plans)},
        suggested_status=Evidence.DONE if topics >= 9 else Evidence.IN_PROGRESS,
        url=_url(partnership, "personnel:compliance"),
    )


@evidence_provider("4.start.2")
def training_refresh(partnership: Partnership) -> Evidence:
    """The training catalogue with refresh intervals and how many required trainings are current."""
    topics = TrainingTopic.objects.for_partnership(partnership)
    reqs = requirements(partnership=partnership, today=timezone.localdate())
    current = sum(1 for r in reqs if r.state == State.CURRENT)
    if not topics.exists():
        return Evidence(
            summary=_("The training catalogue is empty."),
            suggested_status=Evidence.NOT_STARTED,
            url=_url(partnership, "personnel:topic_list"),
        )
    return Evidence(
        summary=_(
            "%(topics)d topics, %(refreshed)d with a refresh interval; %(current)d of %(required)d "
            "required trainings are current."
        )
        % {
            "topics": topics.count(),
            "refreshed": topics.filter(refresh_months__gt=0).count(),
            "current": current,
            "required": len(reqs),
        },
        suggested_status=Evidence.IN_PROGRESS,
        url=_url(partnership, "personnel:compliance"),
        facts={"current": current, "required": len(reqs)},
    )


@evidence_provider("4.start.1")
def joint_training(partnership: Partnership) -> Evidence | None:
    """Joint SRO and school staff training sessions held."""
    joint = TrainingSession.objects.for_partnership(partnership).filter(joint=True)
    latest = joint.first()
    if latest is None:
        return None
    return Evidence(
        summary=_("%(n)d joint SRO and school staff sessions, the latest on %(day)s.")
        % {"n": joint.count(), "day": latest.held_on},
        url=_url(partnership, "personnel:session_list"),
    )


@evidence_provider("4.improve.5")
def simulations(partnership: Partnership) -> Evidence:
    """Training sessions with real-life simulations."""
    found = TrainingSession.objects.for_partnership(partnership).filter(simulation=True)
    return Evidence(
        summary=_("%(n)d training sessions included real-life simulations.") % {"n": found.count()},
        suggested_status=Evidence.IN_PROGRESS if found.exists() else Evidence.NOT_STARTED,
        url=_url(partnership, "personnel:session_list"),
    )


@evidence_provider("5.start.1")
def evaluation_and_recognition(partnership: Partnership) -> Evidence:
    """Evaluation cycles by designated evaluators, and commendations."""
    evaluations = Evaluation.objects.for_partnership(partnership)
    completed = evaluations.filter(status=Evaluation.Status.COMPLETED).count()
    commendations = Commendation.objects.for_partnership(partnership).count()
    if not evaluations.exists():
        return Evidence(
            summary=_("No SRO evaluations have been scheduled."),
            suggested_status=Evidence.NOT_STARTED,
            url=_url(partnership, "personnel:evaluation_list"),
        )
    return Evidence(
        summary=_(
            "%(n)d evaluation cycles (%(done)d completed) rated against the trainings; "
            "%(c)d commendations recorded."
        )
        % {"n": evaluations.count(), "done": completed, "c": commendations},
        suggested_status=Evidence.IN_PROGRESS,
        url=_url(partnership, "personnel:evaluation_list"),
    )


@evidence_provider("3.improve.3")
def fit_reviews(partnership: Partnership) -> Evidence | None:
    """Completed evaluations that include a review of the fit between SRO and school."""
    found = (
        Evaluation.objects.for_partnership(partnership)
        .filter(status=Evaluation.Status.COMPLETED)
        .exclude(fit_review="")
        .count()
    )
    if not found:
        return None
    return Evidence(
        summary=_("%(n)d completed evaluations include a review of the SRO's fit with the school.")
        % {"n": found},
        url=_url(partnership, "personnel:evaluation_list"),
    )


@evidence_provider("4.start.5", "4.improve.2", "4.improve.3")
def training_input(partnership: Partnership) -> Evidence | None:
    """SRO and staff suggestions for training, and those written into manuals or handbooks."""
    found = TrainingSuggestion.objects.for_partnership(partnership)
    if not found.exists():
        return None
    used = found.filter(status=TrainingSuggestion.Status.INCORPORATED)
    return Evidence(
        summary=_(
            "%(n)d training suggestions from SROs and staff; %(used)d written into a manual or "
            "handbook."
        )
        % {"n": found.count(), "used": used.count()},
        url=_url(partnership, "personnel:suggestions"),
    )
