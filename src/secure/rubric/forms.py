"""Forms for assessments, items, evidence, comments, schedules and settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secure.partnerships.models import Membership, Partnership

from . import rules
from .content import rubric_load
from .models import Assessment, AssessmentItem, Schedule, school_year_label


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        name = obj.user.get_full_name() or obj.user.email
        return f"{name} — {obj.get_role_display()}"


def _owner_field(partnership: Partnership) -> OwnerField:
    eligible = [
        m.pk
        for m in Membership.objects.for_partnership(partnership).filter(is_active=True)
        if rules.may_own(m)
    ]
    return OwnerField(
        label=_("Owner"),
        queryset=Membership.objects.filter(pk__in=eligible)
        .select_related("user")
        .order_by("user__full_name", "user__email"),
        required=False,
        empty_label=_("No owner yet"),
    )


class AssessmentStartForm(forms.Form):
    school_year = forms.TypedChoiceField(label=_("School year"), coerce=int)
    path = forms.ChoiceField(
        label=_("Which checklists"),
        choices=Assessment.Path.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "The Checklist to Start is for new partnerships (or to check an existing program); "
            "the Checklist to Improve is for existing partnerships, and for new ones once they "
            "finish the Start checklist."
        ),
    )
    copy_owners = forms.BooleanField(
        label=_("Keep last cycle's owners for the items both cycles share"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = rules.school_year_of(timezone.localdate())
        years = range(this_year + 1, this_year - 3, -1)
        field = self.fields["school_year"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(y, school_year_label(y)) for y in years]
        self.fields["school_year"].initial = this_year


class ItemProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=AssessmentItem.Status.choices)
    na_reason = forms.CharField(
        label=_("Why it does not apply"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed only when the status is Not applicable."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ItemUpdateForm(ItemProgressForm):
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _owner_field(partnership)
        order = ["status", "na_reason", "owner", "due_date", "notes"]
        self.order_fields(order)


class EvidenceLinkForm(forms.Form):
    link_title = forms.CharField(
        label=pgettext_lazy("evidence", "Title"), max_length=200, required=False
    )
    url = forms.URLField(label=_("Address (URL)"), max_length=500, assume_scheme="https")


class EvidenceFileForm(forms.Form):
    file_title = forms.CharField(
        label=pgettext_lazy("evidence", "Title"), max_length=200, required=False
    )
    upload = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF, Word, Excel, PowerPoint, OpenDocument, CSV, text, PNG or JPEG; up to 10 MB."
        ),
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


def _item_choices() -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [("", _("Not tied to one item"))]
    for item in rubric_load().items():
        text = item.text if len(item.text) <= 90 else item.text[:87] + "…"
        choices.append((item.id, f"{item.id} — {text}"))
    return choices


class ScheduleForm(forms.Form):
    title = forms.CharField(label=_("What"), max_length=200)
    item_id = forms.ChoiceField(label=_("Rubric item"), required=False)
    interval_months = forms.TypedChoiceField(
        label=_("How often"), choices=Schedule.Interval.choices, coerce=int
    )
    next_due = forms.DateField(label=_("Next due"), widget=DateInput())
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, partnership: Partnership, with_active: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        item_field = self.fields["item_id"]
        assert isinstance(item_field, forms.ChoiceField)
        item_field.choices = _item_choices()
        self.fields["owner"] = _owner_field(partnership)
        if with_active:
            self.fields["is_active"] = forms.BooleanField(
                label=_("Active (uncheck to pause reminders)"), required=False
            )


class CompletionForm(forms.Form):
    completed_on = forms.DateField(label=_("Done on"), widget=DateInput())
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("Minutes, a sign-in sheet or the revised document; up to 10 MB."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["completed_on"].initial = timezone.localdate()


class SettingsForm(forms.Form):
    stakeholders_may_comment = forms.BooleanField(
        label=_("Community stakeholders may comment on rubric items"), required=False
    )
    reminder_days_before = forms.IntegerField(
        label=_("Days before a due date to send the first reminder"), min_value=1, max_value=90
    )
