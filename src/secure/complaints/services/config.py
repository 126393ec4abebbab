"""Writes for the complaint settings and the response templates."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership

from ..models import ComplaintSettings, ResponseTemplate
from ..selectors import complaint_settings_for

RESOLVE_BEFORE_ACKNOWLEDGE = _(
    "The resolution deadline must be later than the acknowledgement one."
)
DUPLICATE_TEMPLATE = _("There is already a template with this name in this language.")


def complaint_settings_update(
    *,
    partnership: Partnership,
    acknowledge_within_days: int,
    resolve_within_days: int,
    retention_days: int,
) -> ComplaintSettings:
    """Change the deadlines (for new complaints) and the retention period (for all)."""
    if resolve_within_days <= acknowledge_within_days:
        raise ValidationError({"resolve_within_days": RESOLVE_BEFORE_ACKNOWLEDGE})
    current = complaint_settings_for(partnership=partnership)
    current.acknowledge_within_days = acknowledge_within_days
    current.resolve_within_days = resolve_within_days
    current.retention_days = retention_days
    current.full_clean()
    current.save()
    return current


def _check_unique(template: ResponseTemplate) -> None:
    clash = ResponseTemplate.objects.for_partnership(template.partnership).filter(
        name=template.name, language=template.language
    )
    if template.pk:
        clash = clash.exclude(pk=template.pk)
    if clash.exists():
        raise ValidationError({"name": DUPLICATE_TEMPLATE})


def response_template_create(
    *, partnership: Partnership, name: str, language: str, subject: str, body: str
) -> ResponseTemplate:
    """A new response template in one language."""
    template = ResponseTemplate(
        partnership=partnership, name=name, language=language, subject=subject, body=body
    )
    _check_unique(template)
    template.full_clean()
    template.save()
    return template


def response_template_update(
    *, template: ResponseTemplate, name: str, language: str, subject: str, body: str
) -> ResponseTemplate:
    """Change a response template."""
    template.name, template.language, template.subject, template.body = (
        name,
        language,
        subject,
        body,
    )
    _check_unique(template)
    template.full_clean()
    template.save()
    return template
