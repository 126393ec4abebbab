"""The public page: one per partnership, holding what the partnership chose to publish."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from secure.partnerships.tenancy import PartnershipScopedModel

from .sections import SECTION_KEYS

# The smallest count a published cell may show; a partnership may raise it, never lower it.
MINIMUM_CELL_FLOOR = 10


class PublicPage(PartnershipScopedModel):
    """What one partnership publishes at /public/<slug>/, and whether it is live."""

    is_published = models.BooleanField(_("published"), default=False, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    show_mou = models.BooleanField(_("agreement (MOU)"), default=True)
    show_hiring = models.BooleanField(_("hiring guidelines"), default=True)
    show_officers = models.BooleanField(_("schools and officers"), default=True)
    show_actions = models.BooleanField(_("law-enforcement actions and discipline"), default=True)
    show_equity = models.BooleanField(_("equity indicators"), default=True)
    show_complaints = models.BooleanField(_("complaints"), default=True)
    show_surveys = models.BooleanField(_("survey results"), default=True)
    show_rubric = models.BooleanField(_("progress on the rubric"), default=True)

    minimum_cell = models.PositiveSmallIntegerField(
        _("smallest number shown"),
        default=MINIMUM_CELL_FLOOR,
        validators=[MinValueValidator(MINIMUM_CELL_FLOOR)],
        help_text=_(
            "Any count below this number is hidden, and so are the numbers that would let "
            "someone work it out. It cannot be below 10."
        ),
    )
    introduction = models.TextField(
        _("introduction (English)"),
        blank=True,
        help_text=_("A few sentences at the top of the page, in plain words."),
    )
    introduction_es = models.TextField(
        _("introduction (Spanish)"),
        blank=True,
        help_text=_("Shown to readers who choose Spanish; the English text is shown if empty."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_address = models.TextField(_("contact address"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("public page")
        verbose_name_plural = _("public pages")
        constraints = [
            models.UniqueConstraint(fields=["partnership"], name="portal_one_page_per_partnership"),
            models.CheckConstraint(
                condition=models.Q(minimum_cell__gte=MINIMUM_CELL_FLOOR),
                name="portal_minimum_cell_floor",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Public page of %(name)s") % {"name": self.partnership})

    def sections(self) -> set[str]:
        """The keys of the sections switched on."""
        return {key for key in SECTION_KEYS if getattr(self, f"show_{key}")}

    def introduction_for(self, language: str | None) -> str:
        """The introduction in ``language`` when written, else the English one."""
        if language and language.startswith("es") and self.introduction_es.strip():
            return self.introduction_es
        return self.introduction

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_email or self.contact_phone or self.contact_address)
