"""Forms for the agreements app."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secure.partnerships.models import Membership, Organization, Partnership
from secure.rubric.models import Schedule

from .models import MouSharing
from .requirements import REQUIREMENT_LABELS


class AnalyzeForm(forms.Form):
    """Upload an MOU to analyse."""

    title = forms.CharField(
        label=pgettext_lazy("mou", "Title"),
        max_length=200,
        help_text=_("For example “Current MOU, signed 2024” or “Draft from the county”."),
    )
    file = forms.FileField(
        label=_("MOU file"),
        help_text=_("PDF with selectable text, Word (.docx) or plain text (.txt), up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.txt"}),
    )


class DraftCreateForm(forms.Form):
    """Start a draft from chosen library clauses, filled with the partnership's names."""

    title = forms.CharField(label=pgettext_lazy("mou", "Title"), max_length=200)
    clauses = forms.MultipleChoiceField(
        label=_("Clauses to start from"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each clause meets one or more of the rubric's MOU requirements."),
    )
    stronger = forms.BooleanField(
        label=_("Use the stronger wording of each clause"), required=False
    )
    district = forms.CharField(label=_("District's name"), max_length=120)
    agency = forms.CharField(label=_("Agency's name"), max_length=120)
    schools = forms.CharField(
        label=_("Schools covered"), max_length=200, initial=_("every school in the district")
    )
    complaint_contact = forms.CharField(
        label=_("Where complaints about officers go"), max_length=200
    )
    review_month = forms.CharField(
        label=_("Month of the yearly review"), max_length=20, initial=pgettext_lazy("month", "June")
    )

    def __init__(
        self, *args: object, partnership: Partnership | None = None, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        from .library import model_clauses

        if partnership is None:
            clauses = list(model_clauses())
        else:
            from .selectors import mou_library_clauses

            clauses = mou_library_clauses(partnership=partnership)
        own_label = _("(your library)")
        choices = [(c.id, f"{c.title} {own_label}" if c.own else c.title) for c in clauses]
        field = self.fields["clauses"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices
        field.initial = [c.id for c in clauses if not c.own]


class VersionForm(forms.Form):
    """Edit the draft's text and save it as a new version."""

    text = forms.CharField(
        label=_("MOU text"),
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_("Start each section with a line “## Section title”."),
    )
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)


class CommentForm(forms.Form):
    """Comment on one section."""

    section = forms.TypedChoiceField(label=pgettext_lazy("mou", "Section"), coerce=int)
    body = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: object, headings: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["section"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(i, h) for i, h in enumerate(headings)]


class SharingForm(forms.ModelForm):
    """Record that the MOU was shared."""

    class Meta:
        model = MouSharing
        fields = ["audience", "recipient", "shared_on", "note"]
        widgets = {
            "shared_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class CommentersForm(forms.Form):
    """Choose who may comment on a draft: members and whole partner organizations."""

    memberships = forms.ModelMultipleChoiceField(
        label=_("Members invited to comment"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "For example community stakeholders, students' and parents' representatives, "
            "civil-rights organizations. The people drafting the MOU can always comment."
        ),
    )
    organizations = forms.ModelMultipleChoiceField(
        label=_("Partner organizations invited to comment"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every active member of an invited organization may comment."),
    )

    def __init__(self, *args: object, partnership: Partnership, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        members = self.fields["memberships"]
        orgs = self.fields["organizations"]
        assert isinstance(members, forms.ModelMultipleChoiceField)
        assert isinstance(orgs, forms.ModelMultipleChoiceField)
        from secure.partnerships.roles import Role, role_can

        # Drafters may always comment and auditors never write: neither needs an invitation.
        roles = [r for r in Role if role_can(r, "mou.comment") and not role_can(r, "mou.draft")]
        members.queryset = (
            Membership.objects.for_partnership(partnership)
            .filter(is_active=True, role__in=roles)
            .select_related("user", "organization")
        )
        members.label_from_instance = _member_label  # type: ignore[method-assign,assignment]
        orgs.queryset = Organization.objects.for_partnership(partnership)


def _member_label(member: Membership) -> str:
    name = member.user.get_full_name() or member.user.email
    parts = [name, str(member.get_role_display())]
    if member.organization_id:
        parts.append(str(member.organization))
    return " · ".join(parts)


class ReplyForm(forms.Form):
    """Reply under a comment."""

    body = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 2}))


class ClauseForm(forms.Form):
    """A clause the partnership adds to its own library."""

    title = forms.CharField(label=pgettext_lazy("mou", "Title"), max_length=200)
    requirements = forms.MultipleChoiceField(
        label=_("Requirements it meets"),
        choices=[(k, v) for k, v in REQUIREMENT_LABELS.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    rubric_items = forms.CharField(
        label=_("Rubric items"),
        required=False,
        max_length=300,
        help_text=_("Item numbers separated by commas, for example 1.start.3.3, 2.start.1."),
    )
    standard = forms.CharField(
        label=_("Standard wording"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Variables are filled in when a draft is assembled: {district}, {agency}, "
            "{schools}, {complaint_contact}, {review_month}."
        ),
    )
    stronger = forms.CharField(
        label=_("Stronger wording"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Optional. Used when a draft asks for the stronger wording."),
    )

    def clean_rubric_items(self) -> list[str]:
        raw = self.cleaned_data.get("rubric_items", "")
        return [part.strip() for part in raw.replace(";", ",").split(",") if part.strip()]


class ReviewCycleForm(forms.Form):
    """How often the MOU is reviewed, when next, and who owns the review."""

    interval_months = forms.TypedChoiceField(
        label=_("How often"), choices=Schedule.Interval.choices, coerce=int, initial=12
    )
    next_due = forms.DateField(
        label=_("Next review due"), widget=forms.DateInput(attrs={"type": "date"})
    )
    owner = forms.ModelChoiceField(
        label=_("Who leads the review"),
        queryset=Membership.objects.none(),
        required=False,
        help_text=_(
            "Reminders go to this person; without one, to the partnership's administrators."
        ),
    )
    is_active = forms.BooleanField(
        label=_("Send reminders for this cycle"), required=False, initial=True
    )

    def __init__(self, *args: object, partnership: Partnership, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        from secure.rubric import rules

        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        eligible = [
            m.pk
            for m in Membership.objects.for_partnership(partnership).filter(is_active=True)
            if rules.may_own(m)
        ]
        field.queryset = Membership.objects.filter(pk__in=eligible).select_related("user")
        field.label_from_instance = _member_label  # type: ignore[method-assign,assignment]


class ReviewDoneForm(forms.Form):
    """Record that the review was carried out."""

    completed_on = forms.DateField(
        label=_("Reviewed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    notes = forms.CharField(
        label=_("What the review found"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example who took part and whether the MOU needs changes."),
    )
