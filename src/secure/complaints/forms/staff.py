"""Forms of the staff side: queue filters, case actions, settings, response templates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Membership, Partnership, School
from secure.partnerships.roles import role_can

from ..models import Complaint, ComplaintSettings, Concern, Outcome, ResponseTemplate
from ..selectors import QueueFilters, assignable_members, response_templates


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    concern = forms.ChoiceField(
        label=_("Kind of concern"),
        choices=[("", _("Any")), *Concern.choices],
        required=False,
    )
    school = forms.ChoiceField(label=_("School"), required=False)
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    record_number = forms.CharField(label=_("Record number"), max_length=20, required=False)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            ("open", _("Open (received or under review)")),
            ("", _("Any")),
            *Complaint.Status.choices,
        ]
        self.fields["school"].choices = [  # type: ignore[attr-defined]
            ("", _("Any")),
            *[(str(s.pk), s.name) for s in School.objects.for_partnership(partnership)],
        ]
        handlers = Membership.objects.for_partnership(partnership).filter(is_active=True)
        self.fields["assignee"].choices = [  # type: ignore[attr-defined]
            ("", _("Anyone")),
            ("me", _("Me")),
            ("none", _("Nobody yet")),
            *[
                (str(m.pk), m.user.get_full_name() or m.user.email)
                for m in handlers.select_related("user").order_by("user__full_name")
                if role_can(m.role, "complaint.manage")
            ],
        ]

    def filters(self) -> QueueFilters:
        if not self.is_valid():
            return QueueFilters(status="open")
        data = self.cleaned_data
        return QueueFilters(
            status=data["status"],
            concern=data["concern"],
            school=int(data["school"]) if data["school"] else None,
            assignee=data["assignee"],
            overdue=data["overdue"],
            record_number=data["record_number"],
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Kept in the case history; not shown to the complainant."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class AcknowledgeForm(forms.Form):
    reason = forms.CharField(
        label=_("Note"),
        help_text=_("Optional: first steps, who will look into it."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        required=False,
    )


class ResolveForm(ReasonForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Outcome.choices])
    outcome_shared = forms.CharField(
        label=_("What the complainant is told"),
        help_text=_(
            "Shown on their status page and e-mailed if they gave an address. Write it in their "
            "language."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=8000,
    )

    field_order = ["outcome", "outcome_shared", "reason"]


class IncidentLinkForm(forms.Form):
    number = forms.CharField(
        label=_("Incident number"),
        max_length=64,
        help_text=_("The number the incident has in this partnership's incident data."),
    )
    note = forms.CharField(label=_("Why they are linked"), required=False, max_length=500)


class IncidentChoiceField(forms.ModelChoiceField):
    """Linked incidents shown by number and date."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number} · {obj.occurred_on:%Y-%m-%d}"


class IncidentUnlinkForm(forms.Form):
    incident = IncidentChoiceField(label=_("Linked incident"), queryset=Complaint.objects.none())

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["incident"]
        assert isinstance(field, IncidentChoiceField)
        field.queryset = complaint.linked_incidents.order_by("occurred_on")


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        help_text=_("Staff only."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=8000,
    )


class MemberChoiceField(forms.ModelChoiceField):
    """Members shown by name and role."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.user.get_full_name() or obj.user.email} — {obj.get_role_display()}"


class MembersChoiceField(forms.ModelMultipleChoiceField):
    """Members shown by name and role."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.user.get_full_name() or obj.user.email} — {obj.get_role_display()}"


class AssignForm(forms.Form):
    assignee = MemberChoiceField(
        label=_("Assign to"),
        queryset=Membership.objects.none(),
        required=False,
        empty_label=_("Nobody"),
    )

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, MemberChoiceField)
        field.queryset = assignable_members(complaint=complaint)


class NamedMembersForm(forms.Form):
    members = MembersChoiceField(
        label=_("Members named in this complaint"),
        help_text=_("A member named here can no longer see this complaint (conflict of interest)."),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, complaint: Complaint, acting: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["members"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        # Everyone but the person acting (naming yourself would hide the case from you mid-edit).
        field.queryset = (
            Membership.objects.for_partnership(complaint.partnership)
            .filter(is_active=True)
            .exclude(pk=acting.pk)
            .select_related("user")
            .order_by("role", "user__full_name")
        )


class HoldForm(forms.Form):
    on = forms.BooleanField(label=_("Litigation hold on"), required=False)
    reason = forms.CharField(label=_("Reason"), max_length=300)


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Message"),
        help_text=_(
            "Shown on the complainant's status page, and e-mailed if they gave an address."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=8000,
    )


class TemplatePickForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Start from a response template"),
        queryset=ResponseTemplate.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["template"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = response_templates(
            partnership=complaint.partnership, language=complaint.language
        )


class SettingsForm(forms.ModelForm):
    class Meta:
        model = ComplaintSettings
        fields = ["acknowledge_within_days", "resolve_within_days", "retention_days"]


class ResponseTemplateForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    class Meta:
        model = ResponseTemplate
        fields = ["name", "language", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}
