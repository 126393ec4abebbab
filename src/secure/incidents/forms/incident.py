"""The web form for one incident with its students and their actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership, School

from ..importers.lookups import offense_labels
from ..models.choices import (
    ActionType,
    Disability,
    ForceType,
    Grade,
    Involvement,
    Location,
    Race,
    Sex,
)
from ..models.incident import MAX_AGE, MIN_AGE
from ..scope import DataScope, school_rows
from ..services.incidents import ActionEntry, StudentEntry, entry_problems

YES_NO_UNKNOWN = [("", _("Not applicable")), ("yes", _("Yes")), ("no", _("No"))]


class IncidentForm(forms.Form):
    occurred_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none())
    location = forms.ChoiceField(label=_("Where in the school"), choices=Location.choices)
    offense = forms.ChoiceField(label=_("Alleged misconduct (offense category)"))
    involvement = forms.ChoiceField(
        label=_("How law enforcement became involved"), choices=Involvement.choices
    )
    officers = forms.CharField(
        label=_("SRO(s) involved"),
        required=False,
        max_length=200,
        help_text=_("Badge numbers, separated by semicolons."),
    )
    number = forms.CharField(
        label=_("Incident number"),
        required=False,
        max_length=64,
        help_text=_("Your district's or agency's number; leave empty to have one assigned."),
    )
    narrative = forms.CharField(
        label=_("Short narrative"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional and sensitive. Never write a student's name."),
    )

    def __init__(
        self, *args: Any, partnership: Partnership, scope: DataScope | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # Only the schools the member's role allows (an SRO's or administrator's own schools).
        self.fields["school"].queryset = school_rows(partnership, scope)  # type: ignore[attr-defined]
        self.fields["offense"].choices = sorted(  # type: ignore[attr-defined]
            offense_labels(partnership=partnership).items(), key=lambda item: item[1]
        )


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class StudentForm(forms.Form):
    student_id = forms.CharField(
        label=_("Student ID"),
        max_length=64,
        help_text=_("The district's ID. Only a keyed hash is kept; the ID itself is not stored."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    age = forms.IntegerField(label=_("Age"), min_value=MIN_AGE, max_value=MAX_AGE)
    grade = forms.ChoiceField(label=_("Grade"), choices=Grade.choices)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    race = forms.ChoiceField(label=_("Race/ethnicity"), choices=Race.choices)
    english_learner = forms.TypedChoiceField(
        label=_("English learner"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda v: v == "yes",
    )
    disability = forms.ChoiceField(label=_("Disability status"), choices=Disability.choices)
    actions = forms.MultipleChoiceField(
        label=_("Actions taken with this student"),
        choices=ActionType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    force_type = forms.ChoiceField(
        label=_("Type of force (for a use of force)"),
        choices=[("", _("Not applicable")), *ForceType.choices],
        required=False,
    )
    parent_notified = forms.ChoiceField(
        label=_("Parent notified (for questioning)"), choices=YES_NO_UNKNOWN, required=False
    )
    rights_advised = forms.ChoiceField(
        label=_("Rights advised (for questioning)"), choices=YES_NO_UNKNOWN, required=False
    )
    outcome = forms.CharField(label=_("Outcome"), max_length=200, required=False)

    def entry(self) -> StudentEntry:
        """The student as the service takes it: one action entry per ticked action."""
        data = self.cleaned_data
        actions = [
            ActionEntry(
                action=code,
                force_type=data["force_type"] if code == ActionType.USE_OF_FORCE else "",
                parent_notified=_yes_no(data["parent_notified"])
                if code == ActionType.QUESTIONING
                else None,
                rights_advised=_yes_no(data["rights_advised"])
                if code == ActionType.QUESTIONING
                else None,
                outcome=data["outcome"],
            )
            for code in data["actions"]
        ]
        return StudentEntry(
            student_id=data["student_id"],
            age=data["age"],
            grade=data["grade"],
            sex=data["sex"],
            race=data["race"],
            english_learner=data["english_learner"],
            disability=data["disability"],
            actions=actions,
        )

    def check_rules(self, occurred_on: Any) -> None:
        """Apply the data standard's rules, putting each message on its field."""
        if not self.is_valid() or not self.cleaned_data or occurred_on is None:
            return
        entry = self.entry()
        if (
            self.cleaned_data["force_type"]
            and ActionType.USE_OF_FORCE not in self.cleaned_data["actions"]
        ):
            from ..rules import FORCE_TYPE_UNEXPECTED

            self.add_error("force_type", FORCE_TYPE_UNEXPECTED)
        for column, message in entry_problems(occurred_on=occurred_on, student=entry):
            self.add_error(column if column in self.fields else None, message)


StudentFormSet = forms.formset_factory(
    StudentForm, extra=0, min_num=1, validate_min=True, max_num=30
)
