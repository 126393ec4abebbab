"""Forms for people, assignments, training, onboarding and hiring."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secure.partnerships.models import Membership, Partnership, School
from secure.rubric.models import Schedule

from .models import Candidate, Person, TrainingTopic
from .models.hiring import StakeholderGroup


class _DateInput(forms.DateInput):
    input_type = "date"


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "full_name",
            "role",
            "sworn",
            "badge_number",
            "title",
            "supervisor",
            "member",
            "started_on",
        ]
        widgets = {"started_on": _DateInput}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["supervisor"].queryset = Person.objects.for_partnership(partnership).filter(  # type: ignore[attr-defined]
            role=Person.Role.SUPERVISOR
        )
        self.fields["member"].queryset = Membership.objects.for_partnership(partnership).filter(  # type: ignore[attr-defined]
            is_active=True
        )


class PersonUpdateForm(PersonForm):
    class Meta(PersonForm.Meta):
        fields = [*PersonForm.Meta.fields, "is_active"]


class AssignmentEndForm(forms.Form):
    ends_on = forms.DateField(label=_("Ended on"), widget=_DateInput)


class AssignmentForm(forms.Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none())
    starts_on = forms.DateField(label=pgettext_lazy("assignment", "From"), widget=_DateInput)
    ends_on = forms.DateField(
        label=pgettext_lazy("assignment", "Until"),
        required=False,
        widget=_DateInput,
        help_text=_("Empty if current."),
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.for_partnership(partnership)  # type: ignore[attr-defined]


class TopicForm(forms.Form):
    refresh_months = forms.IntegerField(
        label=_("Refresh every (months)"),
        min_value=0,
        max_value=120,
        help_text=_("Training older than this is due again. 0 means once is enough."),
    )
    roles = forms.MultipleChoiceField(
        label=_("Who needs it"),
        choices=Person.Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    onboarding = forms.BooleanField(label=_("Part of onboarding for new SROs"), required=False)


class SessionForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("training session", "Title"), max_length=200)
    held_on = forms.DateField(label=pgettext_lazy("training session", "Date"), widget=_DateInput)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=TrainingTopic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    joint = forms.BooleanField(label=_("Joint SRO and school staff session"), required=False)
    simulation = forms.BooleanField(label=_("Includes real-life simulations"), required=False)
    facilitator = forms.CharField(label=_("Facilitator"), max_length=200, required=False)
    attendees = forms.ModelMultipleChoiceField(
        label=_("Who completed it"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = TrainingTopic.objects.for_partnership(partnership)  # type: ignore[attr-defined]
        self.fields["attendees"].queryset = Person.objects.for_partnership(partnership).filter(  # type: ignore[attr-defined]
            is_active=True
        )


class AttendanceForm(forms.Form):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Who completed it"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = Person.objects.for_partnership(partnership)  # type: ignore[attr-defined]


class OnboardingForm(forms.Form):
    mentor = forms.ModelChoiceField(
        label=_("Mentor"),
        queryset=Person.objects.none(),
        help_text=_("An experienced SRO (at least two years in the program)."),
    )
    starts_on = forms.DateField(label=_("Starts"), widget=_DateInput)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, partnership: Partnership, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = (  # type: ignore[attr-defined]
            Person.objects.for_partnership(partnership)
            .filter(role__in=[Person.Role.SRO, Person.Role.SUPERVISOR], is_active=True)
            .exclude(pk=person.pk)
        )


class GuidelineForm(forms.Form):
    introduction = forms.CharField(label=_("Introduction"), widget=forms.Textarea, required=False)
    review_months = forms.TypedChoiceField(
        label=_("Review every"),
        coerce=int,
        choices=Schedule.Interval.choices,
        help_text=_("The rubric schedule that reminds the partnership to review the guidelines."),
    )
    criteria = forms.CharField(
        label=_("Criteria"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("One per line, in order. The rubric's eleven qualities are the defaults."),
    )


class CommentForm(forms.Form):
    group = forms.ChoiceField(label=_("On behalf of"), choices=StakeholderGroup.choices)
    author = forms.CharField(label=_("Name (optional)"), max_length=200, required=False)
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea)


class CandidateForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    interview_on = forms.DateField(label=_("Interview date"), required=False, widget=_DateInput)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea, required=False)


class CandidateUpdateForm(CandidateForm):
    status = forms.ChoiceField(
        label=pgettext_lazy("candidate", "Status"), choices=Candidate.Status.choices
    )

    field_order = ["full_name", "status", "interview_on", "notes"]


class PanelistForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    group = forms.ChoiceField(label=_("Stakeholder group"), choices=StakeholderGroup.choices)
    member = forms.ModelChoiceField(
        label=_("Member account"),
        queryset=Membership.objects.none(),
        required=False,
        help_text=_("Optional: lets the panelist enter their own scorecard."),
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Membership.objects.for_partnership(  # type: ignore[attr-defined]
            partnership
        ).select_related("user")


SCORE_CHOICES = [("", _("Not scored")), *[(str(n), str(n)) for n in range(1, 5)]]


class ScorecardForm(forms.Form):
    """One score (1–4) and note per criterion of the candidate's guidelines."""

    def __init__(
        self, *args: Any, criteria: list[Any], initial_scores: dict[int, Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for c in criteria:
            score = initial_scores.get(c.pk)
            self.fields[f"score_{c.pk}"] = forms.ChoiceField(
                label=c.text,
                choices=SCORE_CHOICES,
                required=False,
                initial=str(score.value) if score else "",
                help_text=_("1 weak, 4 strong."),
            )
            self.fields[f"note_{c.pk}"] = forms.CharField(
                label=_("Note on: %(criterion)s") % {"criterion": c.text},
                required=False,
                max_length=500,
                initial=score.note if score else "",
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        found = {}
        for c in self.criteria:
            value = self.cleaned_data.get(f"score_{c.pk}")
            if value:
                found[c.pk] = (int(value), self.cleaned_data.get(f"note_{c.pk}", ""))
        return found


class EvaluationForm(forms.Form):
    evaluator = forms.ModelChoiceField(
        label=_("Evaluator"),
        queryset=Membership.objects.none(),
        help_text=_("A designated, qualified evaluator: an agency, district or school leader."),
    )
    period_start = forms.DateField(label=_("Period from"), widget=_DateInput)
    period_end = forms.DateField(label=_("Period until"), widget=_DateInput)
    due_on = forms.DateField(label=pgettext_lazy("evaluation", "Due"), widget=_DateInput)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .services import EVALUATOR_ROLES

        self.fields["evaluator"].queryset = (  # type: ignore[attr-defined]
            Membership.objects.for_partnership(partnership)
            .filter(role__in=EVALUATOR_ROLES, is_active=True)
            .select_related("user")
        )


class CycleForm(EvaluationForm):
    title = forms.CharField(
        label=pgettext_lazy("evaluation cycle", "Title"),
        max_length=200,
        help_text=_("For example: SRO evaluations, school year 2026–27."),
    )
    interval_months = forms.TypedChoiceField(
        label=_("Cycles repeat"),
        coerce=int,
        choices=Schedule.Interval.choices,
        initial=Schedule.Interval.YEARLY,
        help_text=_("The regular performance schedule candidates and new SROs are told about."),
    )
    include_staff = forms.BooleanField(
        label=_("Also evaluate school staff who work with SROs"), required=False
    )

    field_order = [
        "title",
        "period_start",
        "period_end",
        "due_on",
        "interval_months",
        "evaluator",
        "include_staff",
    ]

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, partnership=partnership, **kwargs)
        self.fields["evaluator"].label = _("Default evaluator")
        self.fields["evaluator"].help_text = _(
            "Each officer's supervisor evaluates them when the supervisor has an evaluator "
            "account; everyone else gets this evaluator."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


class EvaluationCompleteForm(forms.Form):
    """The instrument: a rating per training topic the officer's role needs, then the reviews."""

    def __init__(self, *args: Any, topics: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.topics = topics
        for t in topics:
            self.fields[f"rating_{t.pk}"] = forms.ChoiceField(
                label=t.title,
                choices=SCORE_CHOICES,
                required=False,
                help_text=_("1 not yet shown, 4 consistently shown."),
            )
        self.fields["fit_review"] = forms.CharField(
            label=_("Fit between the SRO and the school"), widget=forms.Textarea, required=False
        )
        self.fields["feedback"] = forms.CharField(
            label=_("Feedback from students, families, staff and peers"),
            widget=forms.Textarea,
            required=False,
        )
        self.fields["summary"] = forms.CharField(
            label=_("Evaluator's summary"), widget=forms.Textarea
        )

    def ratings(self) -> dict[int, tuple[int, str]]:
        return {
            t.pk: (int(self.cleaned_data[f"rating_{t.pk}"]), "")
            for t in self.topics
            if self.cleaned_data.get(f"rating_{t.pk}")
        }


class CommendationForm(forms.Form):
    awarded_on = forms.DateField(label=pgettext_lazy("commendation", "Date"), widget=_DateInput)
    citation = forms.CharField(label=_("What it recognises"), widget=forms.Textarea)
    published = forms.BooleanField(label=_("Publish on the public page"), required=False)


class SuggestionForm(forms.Form):
    from_role = forms.ChoiceField(label=_("Suggested by"), choices=Person.Role.choices)
    text = forms.CharField(label=_("Suggestion"), widget=forms.Textarea)


class SuggestionDecisionForm(forms.Form):
    suggestion = forms.IntegerField(widget=forms.HiddenInput)
    material = forms.CharField(
        label=_("Manual or handbook updated"),
        max_length=200,
        required=False,
        help_text=_("For example: SRO training manual, section 4; staff handbook 2026."),
    )
