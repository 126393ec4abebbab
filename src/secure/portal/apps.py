from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "secure.portal"
    label = "portal"
    verbose_name = _("Public page and open data")

    def ready(self) -> None:
        from secure.audit.registry import audit_register
        from secure.core.demo import demo_seeder_register
        from secure.core.steps import StepLink, step_link_register

        from . import evidence  # noqa: F401  (registers live rubric evidence)
        from . import models as m
        from .demo import demo_seed_portal

        audit_register(m.PublicPage)
        demo_seeder_register(demo_seed_portal)
        step_link_register(
            1,
            StepLink(
                _("Public page"),
                "portal:preview",
                "portal.preview",
                _(
                    "The page the community sees: the MOU in plain words, hiring guidelines, "
                    "data with small numbers hidden, complaints and surveys. Preview and publish."
                ),
            ),
        )
