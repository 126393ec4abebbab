"""Labels for the codes stored in complaint lists (concerns, bases, who was involved)."""

from __future__ import annotations

from django import template

from ..models import Basis, Complaint, Concern, Involved, Relationship

register = template.Library()


@register.filter
def concern_label(code: str) -> str:
    return str(dict(Concern.choices).get(code, code))


@register.filter
def basis_label(code: str) -> str:
    return str(dict(Basis.choices).get(code, code))


@register.filter
def involved_label(code: str) -> str:
    return str(dict(Involved.choices).get(code, code))


@register.filter
def relationship_label(code: str) -> str:
    return str(dict(Relationship.choices).get(code, code))


@register.filter
def status_label(code: str) -> str:
    return str(dict(Complaint.Status.choices).get(code, code))
