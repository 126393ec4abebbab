from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "secure.incidents"
    label = "incidents"
    verbose_name = _("Incidents and discipline data")

    def ready(self) -> None:
        from secure.audit.registry import audit_register

        from .models import (
            CrdcCount,
            CrdcSchool,
            Enrollment,
            ImportRecord,
            Incident,
            IncidentAction,
            IncidentSettings,
            IncidentStudent,
            OffenseCategory,
            StagedImport,
            SwornOfficers,
        )

        audit_register(Incident, redact=("narrative",))
        audit_register(IncidentStudent, redact=("student_key",))
        audit_register(IncidentAction)
        audit_register(IncidentSettings, redact=("salt",))
        audit_register(OffenseCategory)
        audit_register(Enrollment)
        audit_register(SwornOfficers)
        audit_register(CrdcSchool)
        audit_register(CrdcCount)
        audit_register(ImportRecord)
        audit_register(StagedImport)

        from django.db.models.signals import post_delete, post_save

        from .versions import row_changed

        for model in (Incident, IncidentStudent, IncidentAction):
            uid = f"incidents:data_version:{model._meta.label}"
            post_save.connect(row_changed, sender=model, dispatch_uid=uid + ":save")
            post_delete.connect(row_changed, sender=model, dispatch_uid=uid + ":delete")

        from secure.core.demo import demo_seeder_register
        from secure.core.steps import StepLink, step_link_register

        from . import evidence  # noqa: F401  (registers live rubric evidence)
        from .demo import demo_seed_incidents

        demo_seeder_register(demo_seed_incidents)
        step_link_register(
            2,
            StepLink(
                _("Discipline and law-enforcement data"),
                "incidents:dashboard",
                "data.analyze",
                _(
                    "Counts and rates of searches, referrals, arrests, use of force, suspensions "
                    "and more, by race, sex, age, disability, English-learner status and offense."
                ),
            ),
        )
        step_link_register(
            2,
            StepLink(
                _("Incidents"),
                "incidents:incident_list",
                "incident.view",
                _("Incidents, the students involved (never named) and the actions taken."),
            ),
        )
        step_link_register(
            2,
            StepLink(
                _("Import data"),
                "incidents:import_list",
                "data.import",
                _("Incident, enrollment, sworn-officer and CRDC files, checked before import."),
            ),
        )
