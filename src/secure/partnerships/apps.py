from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "secure.partnerships"
    label = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        from secure.audit.registry import audit_register

        from .models import Membership, Organization, Partnership, School

        audit_register(Partnership)
        audit_register(Organization)
        audit_register(School)
        audit_register(Membership)

        from secure.core.steps import StepLink, step_link_register

        from . import evidence  # noqa: F401  (registers live rubric evidence)

        step_link_register(
            1,
            StepLink(
                _("Organizations"),
                "partnerships:organization_list",
                "partnership.view",
                _(
                    "The district, the agency, juvenile justice entities, and "
                    "civil rights and community stakeholders."
                ),
            ),
        )
        step_link_register(
            1,
            StepLink(
                _("Members and roles"),
                "partnerships:member_list",
                "member.view",
                _("Who works in this partnership, and as what."),
            ),
        )
        step_link_register(
            1,
            StepLink(
                _("Schools"),
                "partnerships:school_list",
                "school.view",
                _("The district's schools."),
            ),
        )
