from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    name = "secure.personnel"
    label = "personnel"
    verbose_name = _("People: officers, training, hiring and evaluation")

    def ready(self) -> None:
        from secure.audit.registry import audit_register

        from . import models as m

        for model in (
            m.Person,
            m.Assignment,
            m.TrainingTopic,
            m.TrainingSession,
            m.Attendance,
            m.OnboardingPlan,
            m.Guideline,
            m.Criterion,
            m.GuidelineComment,
            m.Panelist,
            m.Score,
            m.EvaluationRating,
            m.Commendation,
            m.TrainingSuggestion,
        ):
            audit_register(model)
        audit_register(m.Candidate, redact=("notes",))
        audit_register(m.Evaluation, redact=("fit_review", "feedback", "summary"))
        audit_register(m.EvaluationCycle)

        from secure.core.demo import demo_seeder_register
        from secure.core.steps import StepLink, step_link_register

        from . import evidence  # noqa: F401  (registers live rubric evidence)
        from .demo import demo_seed_personnel

        demo_seeder_register(demo_seed_personnel)
        step_link_register(
            1,
            StepLink(
                _("Officers and assignments"),
                "personnel:person_list",
                "personnel.view",
                _(
                    "SROs, supervisors and school staff, where they work, and schools with a sworn officer."
                ),
            ),
        )
        step_link_register(
            3,
            StepLink(
                _("Hiring guidelines and interviews"),
                "personnel:hiring",
                "hiring.panel",
                _(
                    "Versioned guidelines with stakeholder comments, candidates, panels and scorecards."
                ),
            ),
        )
        step_link_register(
            5,
            StepLink(
                _("Evaluations and commendations"),
                "personnel:evaluation_list",
                "evaluation.view",
                _("Evaluation cycles with data indicators shown in context, and recognition."),
            ),
        )
        step_link_register(
            4,
            StepLink(
                _("Training and onboarding"),
                "personnel:compliance",
                "personnel.view",
                _(
                    "The training catalogue, sessions, attendance, who is due, and mentors for new SROs."
                ),
            ),
        )
