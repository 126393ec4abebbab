"""Tenancy: every partnership-owned row carries its partnership, and every query names it.

Views reach data only through ``for_partnership`` (or ``get_for_partnership_or_404``), so an id
from another partnership is simply not found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .models import Partnership

M = TypeVar("M", bound="PartnershipScopedModel")


class PartnershipQuerySet(models.QuerySet[M]):
    """A queryset that knows how to narrow itself to one partnership."""

    def for_partnership(self, partnership: Partnership) -> PartnershipQuerySet[M]:
        return self.filter(partnership=partnership)


class PartnershipScopedModel(models.Model):
    """Abstract base of every row that belongs to a partnership."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("partnership"),
        editable=False,
    )

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        abstract = True


def get_for_partnership_or_404(model: type[M], *, partnership: Partnership, **lookup: Any) -> M:
    """The object of ``model`` matching ``lookup`` in ``partnership``, or 404 (never another's)."""
    try:
        return cast(M, model.objects.for_partnership(partnership).get(**lookup))
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
