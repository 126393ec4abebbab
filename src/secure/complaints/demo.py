"""Demo complaints: made-up stories in every state, one past its deadline, some in Spanish."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from secure.partnerships.models import Membership, Partnership, School
from secure.partnerships.roles import Role

from .models import Complaint, Outcome
from .services import workflow
from .services.config import response_template_create
from .services.intake import complaint_submit

_STORIES = [
    # (days ago, language, concerns, bases, involved, relationship, narrative, state)
    (
        2,
        "es",
        ["discrimination", "interrogation"],
        ["national_origin", "language"],
        ["sro"],
        "parent",
        "Mi hijo fue llevado a la oficina y el oficial le hizo preguntas durante una hora sin "
        "llamarme. No le ofrecieron un intérprete aunque pidió uno.",
        "received",
    ),
    (
        12,
        "en",
        ["search"],
        [],
        ["sro", "school_staff"],
        "student",
        "An officer searched my backpack in the hallway in front of everyone. I was told it "
        "was because someone said I had a vape. Nothing was found.",
        "received",  # past the acknowledgement deadline
    ),
    (
        20,
        "en",
        ["use_of_force"],
        [],
        ["sro"],
        "parent",
        "My daughter was held against a wall during an argument at lunch. She has bruises on "
        "her arm. The assistant principal saw it.",
        "under_review",
    ),
    (
        45,
        "en",
        ["discrimination", "arrest"],
        ["race"],
        ["sro", "other_police"],
        "other",
        "Two students were in the same fight. Only one, who is Black, was given a citation.",
        "resolved",
    ),
    (
        80,
        "es",
        ["suggestion"],
        [],
        ["not_sure"],
        "parent",
        "Sugiero que las reuniones con los oficiales se hagan también en español para las "
        "familias.",
        "closed",
    ),
]
_DEMOGRAPHICS = [
    {
        "about": "student",
        "hispanic": "yes",
        "races": ["white"],
        "age_band": "12_14",
        "sex": "male",
        "english_learner": "yes",
        "disability": "no",
        "preferred_language": "es",
    },
    {
        "about": "self",
        "hispanic": "no",
        "races": ["black"],
        "age_band": "15_17",
        "sex": "female",
        "english_learner": "no",
        "disability": "yes",
        "preferred_language": "en",
    },
    {
        "about": "student",
        "hispanic": "no",
        "races": ["asian", "white"],
        "age_band": "15_17",
        "sex": "female",
        "english_learner": "no",
        "disability": "no",
        "preferred_language": "en",
    },
]
_RESOLUTION = {
    "en": "We reviewed the report, spoke with the people involved and the school. The "
    "department has reminded officers of the policy on citations.",
    "es": "Gracias por su sugerencia. La alianza la revisó y ofrecerá intérpretes en las "
    "reuniones con familias.",
}
_TEMPLATES = [
    (
        "Acknowledgement",
        "en",
        "We are reviewing your complaint {record_number}",
        "Thank you for contacting us. A complaint investigator has read your complaint "
        "{record_number} and is reviewing it. We will contact you if we have questions.",
    ),
    (
        "Acknowledgement",
        "es",
        "Estamos revisando su queja {record_number}",
        "Gracias por comunicarse con nosotros. Un investigador de quejas leyó su queja "
        "{record_number} y la está revisando. Le contactaremos si tenemos preguntas.",
    ),
]


def complaints_demo_seed(partnership: Partnership) -> None:
    """A handful of complaints in different states, plus enough for the reports to show counts."""
    rng = random.Random(f"complaints-{partnership.slug}")  # noqa: S311 (made-up demo data)
    schools = list(School.objects.for_partnership(partnership).order_by("name"))
    investigator = Membership.objects.for_partnership(partnership).get(
        role=Role.COMPLAINT_INVESTIGATOR, user__email__startswith="complaint-investigator@"
    )
    now = timezone.now()
    for name, language, subject, body in _TEMPLATES:
        response_template_create(
            partnership=partnership, name=name, language=language, subject=subject, body=body
        )
    for index, (days, language, concerns, bases, involved, relationship, text, state) in enumerate(
        _STORIES
    ):
        received = now - datetime.timedelta(days=days)
        submitted = complaint_submit(
            partnership=partnership,
            language=language,
            concerns=concerns,
            bases=bases,
            involved=involved,
            relationship=relationship,
            narrative=text,
            school=schools[index % len(schools)],
            happened_on=timezone.localdate(received) - datetime.timedelta(days=1),
            contact_name="Demo Family" if index % 2 == 0 else "",
            contact_email=f"family{index}@example.org" if index % 2 == 0 else "",
            demographics=_DEMOGRAPHICS[index % len(_DEMOGRAPHICS)] if index < 3 else None,
            submitted_at=received,
        )
        _advance(submitted.complaint, state, investigator, received, language)
    # Enough short complaints for the reports to show unsuppressed counts.
    for number in range(30):
        days = rng.randint(5, 300)
        received = now - datetime.timedelta(days=days)
        submitted = complaint_submit(
            partnership=partnership,
            language=rng.choice(["en", "en", "es"]),
            concerns=[rng.choice(["discrimination", "search", "use_of_force", "other_conduct"])],
            bases=[rng.choice(["race", "disability", "national_origin"])]
            if number % 3 == 0
            else [],
            involved=["sro"],
            relationship=rng.choice(["student", "parent"]),
            narrative=f"Made-up demo complaint number {number + 1}.",
            school=rng.choice(schools),
            demographics={
                "hispanic": rng.choice(["yes", "no", "no"]),
                "races": [rng.choice(["black", "white", "white", "asian"])],
                "sex": rng.choice(["female", "male"]),
                "english_learner": rng.choice(["yes", "no", "no"]),
                "disability": rng.choice(["yes", "no", "no", "no"]),
            },
            submitted_at=received,
        )
        if days > 120:
            state = "closed"
        else:
            state = "resolved" if days > 40 and rng.random() < 0.6 else "under_review"
        _advance(submitted.complaint, state, investigator, received, "en")


def _advance(
    complaint: Complaint,
    state: str,
    investigator: Membership,
    received: datetime.datetime,
    language: str,
) -> None:
    """Walk a demo complaint through the real transitions up to ``state``."""
    if state == "received":
        return
    workflow.complaint_assign(
        complaint=complaint,
        actor=investigator,
        assignee=investigator,
        at=received + datetime.timedelta(days=1),
    )
    workflow.complaint_acknowledge(
        complaint=complaint,
        actor=investigator,
        reason="Read and assigned.",
        at=received + datetime.timedelta(days=2),
    )
    if state == "under_review":
        return
    workflow.complaint_resolve(
        complaint=complaint,
        actor=investigator,
        outcome=Outcome.NOTED if "suggestion" in complaint.concerns else Outcome.POLICY_CHANGE,
        outcome_shared=_RESOLUTION.get(language, _RESOLUTION["en"]),
        reason="Interviews done; findings written up.",
        at=received + datetime.timedelta(days=30),
    )
    if state == "resolved":
        return
    workflow.complaint_close(
        complaint=complaint,
        actor=investigator,
        reason="Outcome shared; nothing further.",
        at=received + datetime.timedelta(days=35),
    )
