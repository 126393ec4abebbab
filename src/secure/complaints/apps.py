from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "secure.complaints"
    label = "complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        from secure.audit.registry import audit_register
        from secure.core.demo import demo_seeder_register
        from secure.core.steps import StepLink, step_link_register

        from . import evidence  # noqa: F401  (registers live rubric evidence)
        from .demo import complaints_demo_seed
        from .models import (
            Complaint,
            ComplaintAttachment,
            ComplaintEvent,
            ComplaintSettings,
            Demographics,
            ResponseTemplate,
        )

        audit_register(Complaint, redact=(*Complaint.SENSITIVE_FIELDS, "status_code_hash"))
        audit_register(ComplaintAttachment, redact=("original_name", "storage_name"))
        audit_register(ComplaintEvent, redact=("complainant_text",))
        audit_register(Demographics, redact=Demographics.ANSWER_FIELDS)
        audit_register(ComplaintSettings)
        audit_register(ResponseTemplate)
        demo_seeder_register(complaints_demo_seed)
        step_link_register(
            2,
            StepLink(
                _("Complaints"),
                "complaints:queue",
                "complaint.view",
                _(
                    "Complaints from families, students and staff about discrimination and "
                    "school policing: triage, deadlines, resolution."
                ),
            ),
        )
        step_link_register(
            2,
            StepLink(
                _("Complaint reports"),
                "complaints:reports",
                "complaint.report",
                _("Complaints by type, basis, school, status and time to resolution."),
            ),
        )
        step_link_register(
            2,
            StepLink(
                _("Complaint settings"),
                "complaints:settings",
                "complaint.configure",
                _("Deadlines, retention, and response templates in each language."),
            ),
        )
