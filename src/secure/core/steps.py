"""The rubric's five action steps, which organise the navigation, and the pages under each.

Each app adds its pages to a step with ``step_link_register`` in its ``AppConfig.ready``; the
header menu and the step pages read them, showing only what the member's role may open.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class StepLink:
    """A page that does part of a step's work."""

    label: str | Promise
    url_name: str
    permission: str
    description: str | Promise = ""


@dataclass
class ActionStep:
    """One of the five SECURE action steps."""

    number: int
    short_title: str | Promise
    title: str | Promise
    links: list[StepLink] = field(default_factory=list)


# Titles as the rubric words them (seed: "What are the SECURE Rubric Action Steps?").
ACTION_STEPS: list[ActionStep] = [
    ActionStep(
        1,
        _("Partnership and MOU"),
        _(
            "Create sustainable partnerships and formalize MOUs among school districts, local law "
            "enforcement agencies, juvenile justice entities, and civil rights and community "
            "stakeholders."
        ),
    ),
    ActionStep(
        2,
        _("Civil rights"),
        _("Ensure that MOUs meet constitutional and statutory civil rights requirements."),
    ),
    ActionStep(3, _("Hiring"), _("Recruit and hire effective SROs and school personnel.")),
    ActionStep(4, _("Training"), _("Keep your SROs and school personnel well trained.")),
    ActionStep(
        5,
        _("Evaluation"),
        _("Continually evaluate SROs and school personnel, and recognize good performance."),
    ),
]


def action_step(number: int) -> ActionStep | None:
    """The step with this number, or None."""
    return next((s for s in ACTION_STEPS if s.number == number), None)


def step_link_register(step: int, link: StepLink) -> None:
    """Add a page to a step's menu (idempotent)."""
    target = action_step(step)
    if target is None:
        raise ValueError(f"There is no action step {step}.")
    if all(existing.url_name != link.url_name for existing in target.links):
        target.links.append(link)
