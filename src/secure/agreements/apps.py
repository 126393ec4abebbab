from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "secure.agreements"
    label = "agreements"
    verbose_name = _("Agreements (MOU)")

    def ready(self) -> None:
        from secure.audit.registry import audit_register
        from secure.core.demo import demo_seeder_register
        from secure.core.steps import StepLink, step_link_register

        from . import evidence  # noqa: F401  (registers live rubric evidence)
        from .demo import agreements_demo_seed
        from .models import (
            MouAcknowledgment,
            MouAnalysis,
            MouClause,
            MouComment,
            MouDistribution,
            MouDraft,
            MouReviewCycle,
            MouReviewInvitation,
            MouSharing,
            MouVersion,
        )

        audit_register(MouAnalysis, redact=("text", "report"))
        audit_register(MouDraft)
        audit_register(MouVersion)
        audit_register(MouComment)
        audit_register(MouAcknowledgment)
        audit_register(MouSharing)
        audit_register(MouReviewInvitation)
        audit_register(MouClause)
        audit_register(MouReviewCycle)
        audit_register(MouDistribution, redact=("email",))
        demo_seeder_register(agreements_demo_seed)
        step_link_register(
            1,
            StepLink(
                _("MOU drafts"),
                "agreements:draft_list",
                "mou.view",
                _(
                    "Write the MOU with stakeholders from the clause library: versions, "
                    "comments, approvals, adoption and acknowledgments."
                ),
            ),
        )
        step_link_register(
            1,
            StepLink(
                _("Analyze an MOU"),
                "agreements:analysis_list",
                "mou.view",
                _(
                    "Upload any MOU: what it covers, misses or contradicts, with quotes, "
                    "reading grade and model wording for the gaps."
                ),
            ),
        )
        step_link_register(
            1,
            StepLink(
                _("MOU clause library"),
                "agreements:library",
                "mou.view",
                _("Model clauses in plain words, mapped to the rubric."),
            ),
        )
