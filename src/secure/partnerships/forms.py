"""Forms for schools, organizations, members and the partnership switcher."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Membership, Organization, Partnership, School
from .roles import Role


class SchoolForm(forms.ModelForm):
    class Meta:
        model = School
        fields = ["name", "nces_id", "level", "street_address", "city", "state", "zip_code"]

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The partnership is set before validation so the unique-per-partnership checks run.
        self.instance.partnership = partnership


class OrganizationForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Organization
        fields = ["name", "kind", "website"]

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership


class _MemberFields(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=150,
        help_text=_("For example: Principal, Lieutenant, Equity director."),
    )
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none(), required=False
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.for_partnership(  # type: ignore[attr-defined]
            partnership
        )


class MemberAddForm(_MemberFields):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("New people get an e-mail with a link to choose their password."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    field_order = ["email", "full_name", "role", "title", "organization"]


class MemberUpdateForm(_MemberFields):
    is_active = forms.BooleanField(
        label=_("Active member"),
        required=False,
        help_text=_("Inactive members keep their history but can no longer open this partnership."),
    )

    @classmethod
    def for_membership(cls, membership: Membership, data: Any = None) -> MemberUpdateForm:
        return cls(
            data,
            partnership=membership.partnership,
            initial={
                "role": membership.role,
                "title": membership.title,
                "organization": membership.organization,
                "is_active": membership.is_active,
            },
        )
