from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RubricConfig(AppConfig):
    name = "secure.rubric"
    label = "rubric"
    verbose_name = _("Rubric")

    def ready(self) -> None:
        from secure.audit.registry import audit_register
        from secure.core.demo import demo_seeder_register
        from secure.core.steps import StepLink, step_link_register

        from . import evidence, models
        from .demo import demo_seed_rubric

        for model in (
            models.Assessment,
            models.AssessmentItem,
            models.ItemEvidence,
            models.ItemComment,
            models.Schedule,
            models.ScheduleCompletion,
            models.ReminderLog,
            models.RubricSettings,
        ):
            audit_register(model)
        audit_register(models.CalendarFeed, redact=("secret",))
        evidence.register()
        demo_seeder_register(demo_seed_rubric)

        for number in range(1, 6):
            step_link_register(
                number,
                StepLink(
                    _("This year's checklist"),
                    f"rubric:current_step_{number}",
                    "rubric.view",
                    _("Where each item of this step stands, with owners, evidence and notes."),
                ),
            )
        for link in (
            StepLink(
                _("Assessments"),
                "rubric:assessment_list",
                "rubric.view",
                _("Each school year's pass through the Start and Improve checklists."),
            ),
            StepLink(
                _("Action plan"),
                "rubric:action_plan",
                "rubric.view",
                _("What is not done yet: owners, due dates, what is overdue."),
            ),
            StepLink(
                _("Schedules and calendar"),
                "rubric:schedule_list",
                "rubric.view",
                _("The regular reviews the rubric asks for, and when each is next due."),
            ),
            StepLink(
                _("The SECURE rubric"),
                "rubric:rubric",
                "rubric.view",
                _("The five action steps and both checklists, as published."),
            ),
        ):
            step_link_register(1, link)
