from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "secure.surveys"
    label = "surveys"
    verbose_name = _("Surveys and feedback")

    def ready(self) -> None:
        from secure.audit.registry import audit_exempt, audit_register
        from secure.core.demo import demo_seeder_register
        from secure.core.steps import StepLink, step_link_register

        from . import evidence  # noqa: F401  (registers live rubric evidence)
        from .demo import surveys_demo_seed
        from .models import (
            AccessCode,
            Campaign,
            CampaignLink,
            Instrument,
            Question,
            Response,
            Scale,
            Section,
        )

        # Responses and access codes are deliberately not audited: the audit trail keeps the
        # IP address of each request, which must never sit beside anonymous answers (0061).
        for model in (Instrument, Section, Question, Scale, Campaign):
            audit_register(model)
        anonymity = "anonymous survey answers: the audit trail records IP addresses (0061)"
        audit_exempt(Response, reason=anonymity)
        audit_exempt(AccessCode, reason=anonymity)
        audit_register(CampaignLink, redact=("token",))
        demo_seeder_register(surveys_demo_seed)
        step_link_register(
            1,
            StepLink(
                _("Surveys"),
                "surveys:campaign_list",
                "survey.view",
                _(
                    "Perception surveys of students, families, staff and community: anonymous "
                    "links and codes, results with small groups suppressed."
                ),
            ),
        )
        step_link_register(
            5,
            StepLink(
                _("360° feedback on SROs"),
                "surveys:campaign_list",
                "survey.view",
                _("Feedback from students, families, staff and peers for SRO evaluations."),
            ),
        )
