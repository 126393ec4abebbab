"""Demo content: the starter instruments, a closed campaign with results, open campaigns."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from secure.partnerships.models import Partnership, School

from .models import Campaign, Group, Instrument, Response
from .models.choices import AgeBand, Grade, RaceEthnicity, Sex
from .services.campaigns import campaign_create, link_invited_set
from .services.codes import code_hash, token_new
from .services.instruments import instrument_from_library
from .services.responding import response_sections, shown_questions

COMMENTS = [
    "More adults in the hallways between classes.",
    "Fix the lights near the bus stop.",
    "The officer should get to know students, not only show up when there is trouble.",
    "Más información para las familias en español.",
    "A quiet room to calm down instead of being sent to the office.",
]


def _answer(question: object, rng: random.Random, lean: float) -> object:
    kind = question.kind  # type: ignore[attr-defined]
    values = question.option_values()  # type: ignore[attr-defined]
    if kind == "likert":
        base = 3 + lean + rng.gauss(0, 0.9)
        value = round(min(5, max(1, base)))
        return 6 - value if question.reverse else value  # type: ignore[attr-defined]
    if kind == "single":
        return rng.choice(values)
    if kind == "multiple":
        return rng.sample(values, k=rng.randint(1, 2))
    if kind == "numeric":
        return rng.randint(0, 12)
    if kind in ("short_text", "long_text"):
        return rng.choice(COMMENTS) if rng.random() < 0.2 else None
    return None


def responses_generate(*, campaign: Campaign, per_link: int, seed: int = 2016) -> int:
    """Complete, plausible answers for every link of a campaign (demo and benchmarks only)."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data)
    made = []
    day = campaign.closes_on if campaign.is_closed() else timezone.localdate()
    for link in campaign.links.select_related("school", "campaign"):
        lean = rng.uniform(-0.6, 0.8)
        for _ in range(per_link):
            response = Response(
                partnership_id=link.partnership_id,
                campaign=campaign,
                link=link,
                token=token_new(),
                resume_hash=code_hash(token_new()),
                language="es" if rng.random() < 0.3 else "en",
                status=Response.Status.COMPLETE,
                started_on=day,
                completed_on=day,
            )
            answers: dict[str, object] = {}
            for section in response_sections(response=response):
                for question in shown_questions(section=section, group=link.group, answers=answers):
                    value = _answer(question, rng, lean)
                    if value is not None:
                        answers[question.code] = value
            response.answers = answers
            if campaign.ask_demographics and rng.random() < 0.8:
                response.demographics = {
                    "race_ethnicity": rng.choices(
                        [c for c, _l in RaceEthnicity.choices], weights=(25, 1, 5, 30, 1, 33, 5)
                    )[0],
                    "age_band": AgeBand.AGE_13_17
                    if link.group == Group.STUDENT
                    else rng.choice([AgeBand.AGE_18_34, AgeBand.AGE_35_54, AgeBand.AGE_55]),
                    "sex": rng.choice([Sex.FEMALE, Sex.MALE]),
                    "grade": rng.choice([c for c, _l in Grade.choices]),
                }
            made.append(response)
        link_invited_set(link=link, invited=per_link + rng.randint(5, 25))
    Response.objects.bulk_create(made)
    return len(made)


def surveys_demo_seed(partnership: Partnership) -> None:
    """Instruments; last spring's closed climate survey with results; open surveys now."""
    climate = instrument_from_library(partnership=partnership, key="school-safety-perception")
    feedback = instrument_from_library(partnership=partnership, key="sro-360-feedback")
    instrument_from_library(partnership=partnership, key="training-input")
    schools = list(School.objects.for_partnership(partnership).order_by("name")[:3])
    if not schools:
        return
    today = timezone.localdate()
    closed = campaign_create(
        partnership=partnership,
        instrument=climate,
        name="Spring school climate survey",
        groups=[Group.STUDENT, Group.FAMILY, Group.STAFF],
        schools=schools,
        languages=["en", "es"],
        opens_on=today - datetime.timedelta(days=200),
        closes_on=today - datetime.timedelta(days=170),
    )
    responses_generate(campaign=closed, per_link=14, seed=len(partnership.slug))
    campaign_create(
        partnership=partnership,
        instrument=climate,
        name="Fall school climate survey",
        groups=[Group.STUDENT, Group.FAMILY, Group.STAFF, Group.COMMUNITY],
        schools=schools,
        languages=["en", "es"],
        opens_on=today - datetime.timedelta(days=7),
        closes_on=today + datetime.timedelta(days=30),
    )
    from secure.personnel.models import Person

    officer = (
        Person.objects.for_partnership(partnership)
        .filter(role=Person.Role.SRO, is_active=True)
        .order_by("pk")
        .first()
    )  # the people demo runs first (INSTALLED_APPS order); without it, feedback about SROs
    feedback_campaign = campaign_create(
        partnership=partnership,
        instrument=feedback,
        name=f"360° feedback on {officer}"
        if officer
        else "SRO feedback for this year's evaluations",
        groups=[Group.STUDENT, Group.FAMILY, Group.STAFF, Group.SRO],
        schools=schools[:1],
        languages=["en", "es"],
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=40),
        subject_officer=officer,
    )
    # twelve answers from each group so far: enough for the evaluation to show every group
    responses_generate(campaign=feedback_campaign, per_link=12, seed=len(partnership.slug) + 1)


__all__ = ["Instrument", "responses_generate", "surveys_demo_seed"]
