"""MOU analyses: an uploaded MOU's text and what the analyzer found in it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secure.partnerships.tenancy import PartnershipScopedModel


class MouAnalysis(PartnershipScopedModel):
    """One analysed MOU: the extracted text is kept so it can be re-analysed as the rules improve."""

    title = models.CharField(pgettext_lazy("mou", "title"), max_length=200)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    text = models.TextField(_("extracted text"))
    report = models.JSONField(_("analysis"), default=dict)
    is_current = models.BooleanField(
        _("the partnership's MOU in force"),
        default=False,
        help_text=_("Live rubric evidence reads the analysis marked as the MOU in force."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(pgettext_lazy("mou", "created"), auto_now_add=True)

    class Meta:
        verbose_name = _("MOU analysis")
        verbose_name_plural = _("MOU analyses")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def statuses(self) -> dict[str, str]:
        """Requirement id → met / partial / missing."""
        return {r["id"]: r["status"] for r in self.report.get("requirements", [])}

    def requirement(self, requirement: str) -> dict[str, Any]:
        """The stored result for one requirement."""
        return next(r for r in self.report.get("requirements", []) if r["id"] == requirement)

    @property
    def grade(self) -> float | None:
        return self.report.get("readability", {}).get("flesch_kincaid_grade")


class MouDraft(PartnershipScopedModel):
    """An MOU being written together: versions, comments, approvals, adoption, acknowledgments."""

    class Status(models.TextChoices):
        DRAFTING = "drafting", pgettext_lazy("mou status", "Drafting")
        IN_REVIEW = "in_review", pgettext_lazy("mou status", "Open for comments")
        ADOPTED = "adopted", pgettext_lazy("mou status", "Adopted")

    title = models.CharField(pgettext_lazy("mou", "title"), max_length=200)
    status = models.CharField(
        pgettext_lazy("mou", "status"),
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFTING,
    )
    district_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved for the district by"),
    )
    district_approved_at = models.DateTimeField(_("district approval"), null=True, blank=True)
    agency_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved for the agency by"),
    )
    agency_approved_at = models.DateTimeField(_("agency approval"), null=True, blank=True)
    adopted_at = models.DateTimeField(pgettext_lazy("mou", "adopted"), null=True, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("mou", "created"), auto_now_add=True)

    class Meta:
        verbose_name = _("MOU draft")
        verbose_name_plural = _("MOU drafts")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def latest_version(self) -> MouVersion | None:
        return self.versions.order_by("-number").first()

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.ADOPTED


class MouVersion(PartnershipScopedModel):
    """One saved version of a draft; the sections are kept as a list of heading and body."""

    draft = models.ForeignKey(
        MouDraft,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=pgettext_lazy("mou", "draft"),
    )
    number = models.PositiveIntegerField(pgettext_lazy("mou", "version"))
    sections = models.JSONField(_("sections"), default=list)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    created_at = models.DateTimeField(pgettext_lazy("mou", "created"), auto_now_add=True)

    class Meta:
        verbose_name = _("MOU version")
        verbose_name_plural = _("MOU versions")
        ordering = ["draft", "number"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="mou_version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.draft} v{self.number}"

    def as_text(self) -> str:
        """The version as editable text: each section starts with a ``## heading`` line."""
        return "\n\n".join(f"## {s['heading']}\n{s['body']}" for s in self.sections)


class MouComment(PartnershipScopedModel):
    """A stakeholder's comment on one section of one version; resolved with an answer."""

    version = models.ForeignKey(
        MouVersion,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=pgettext_lazy("mou", "version"),
    )
    section = models.PositiveIntegerField(pgettext_lazy("mou", "section"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=pgettext_lazy("mou", "author"),
    )
    author_role = models.CharField(_("author's role"), max_length=32, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    body = models.TextField(pgettext_lazy("mou", "comment"))
    answer = models.TextField(pgettext_lazy("mou", "answer"), blank=True)
    resolved_at = models.DateTimeField(pgettext_lazy("mou", "resolved"), null=True, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("mou", "created"), auto_now_add=True)

    class Meta:
        verbose_name = _("MOU comment")
        verbose_name_plural = _("MOU comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.version} §{self.section}"

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None


class MouAcknowledgment(PartnershipScopedModel):
    """A school administrator or SRO confirming they read and discussed the adopted version."""

    version = models.ForeignKey(
        MouVersion,
        on_delete=models.CASCADE,
        related_name="acknowledgments",
        verbose_name=pgettext_lazy("mou", "version"),
    )
    membership = models.ForeignKey(
        "partnerships.Membership",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=pgettext_lazy("mou", "member"),
    )
    acknowledged_at = models.DateTimeField(pgettext_lazy("mou", "acknowledged"), auto_now_add=True)

    class Meta:
        verbose_name = _("MOU acknowledgment")
        verbose_name_plural = _("MOU acknowledgments")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "membership"], name="mou_acknowledgment_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership} · {self.version}"


class MouSharing(PartnershipScopedModel):
    """A record that the MOU was shared with another community or with state or local officials."""

    class Audience(models.TextChoices):
        OTHER_COMMUNITY = "other_community", _("Colleagues in another community")
        STATE_OFFICIAL = "state_official", _("State officials")
        LOCAL_LAWMAKER = "local_lawmaker", _("Local lawmakers")

    audience = models.CharField(_("shared with"), max_length=20, choices=Audience.choices)
    recipient = models.CharField(
        _("who"),
        max_length=200,
        help_text=_("For example “Lakeside USD” or “State SRO task force”."),
    )
    shared_on = models.DateField(_("date shared"))
    note = models.TextField(_("feedback or notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(pgettext_lazy("mou", "created"), auto_now_add=True)

    class Meta:
        verbose_name = _("MOU sharing")
        verbose_name_plural = _("MOU sharing records")
        ordering = ["-shared_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.shared_on}"


class MouReviewInvitation(PartnershipScopedModel):
    """A member, or a whole partner organization, invited to comment on one draft."""

    draft = models.ForeignKey(
        MouDraft,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=pgettext_lazy("mou", "draft"),
    )
    membership = models.ForeignKey(
        "partnerships.Membership",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("mou", "member"),
    )
    organization = models.ForeignKey(
        "partnerships.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)

    class Meta:
        verbose_name = _("MOU comment invitation")
        verbose_name_plural = _("MOU comment invitations")
        ordering = ["invited_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(membership__isnull=False, organization__isnull=True)
                | models.Q(membership__isnull=True, organization__isnull=False),
                name="mou_invitation_member_or_organization",
            ),
            models.UniqueConstraint(
                fields=["draft", "membership"], name="mou_invitation_member_once"
            ),
            models.UniqueConstraint(
                fields=["draft", "organization"], name="mou_invitation_organization_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.draft} · {self.membership or self.organization}"


class MouClause(PartnershipScopedModel):
    """A clause a partnership added to its own library, next to the model clauses."""

    title = models.CharField(pgettext_lazy("mou", "title"), max_length=200)
    requirements = models.JSONField(_("requirements it meets"), default=list)
    rubric_items = models.JSONField(_("rubric items"), default=list)
    standard = models.TextField(_("standard wording"))
    stronger = models.TextField(_("stronger wording"), blank=True)
    is_retired = models.BooleanField(_("retired"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(pgettext_lazy("mou", "created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("partnership clause")
        verbose_name_plural = _("partnership clauses")
        ordering = ["is_retired", "title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "title"], name="mou_clause_unique_title")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def library_id(self) -> str:
        """The id used next to model clause ids when assembling a draft."""
        return f"own-{self.pk}"


class MouReviewCycle(PartnershipScopedModel):
    """The partnership's MOU review cycle: a rubric schedule for item 1.improve.2."""

    schedule = models.OneToOneField(
        "rubric.Schedule",
        on_delete=models.CASCADE,
        related_name="mou_review_cycle",
        verbose_name=_("schedule"),
    )
    created_at = models.DateTimeField(pgettext_lazy("mou", "created"), auto_now_add=True)

    class Meta:
        verbose_name = _("MOU review cycle")
        verbose_name_plural = _("MOU review cycles")
        constraints = [models.UniqueConstraint(fields=["partnership"], name="mou_review_cycle_one")]

    def __str__(self) -> str:
        return str(self.schedule)


class MouDistribution(PartnershipScopedModel):
    """An e-mail that sent a version of the adopted MOU to a school administrator or SRO."""

    version = models.ForeignKey(
        MouVersion,
        on_delete=models.CASCADE,
        related_name="distributions",
        verbose_name=pgettext_lazy("mou", "version"),
    )
    membership = models.ForeignKey(
        "partnerships.Membership",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=pgettext_lazy("mou", "member"),
    )
    email = models.EmailField(_("sent to"))
    is_resend = models.BooleanField(_("reminder"), default=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("MOU distribution e-mail")
        verbose_name_plural = _("MOU distribution e-mails")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.version} → {self.email}"
