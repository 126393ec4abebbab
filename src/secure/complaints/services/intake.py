"""The public side: file a complaint, store an upload, add information later."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership, School

from .. import uploads
from ..crypto import encrypt_bytes
from ..models import (
    Basis,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    Concern,
    Demographics,
    Involved,
    Relationship,
    race_ethnicity_of,
)
from ..selectors import complaint_settings_for
from .codes import record_number_new, status_code_new
from .mail import acknowledgement_send

NO_CONCERN = _("Choose at least one kind of concern.")
NO_INVOLVED = _("Choose who was involved, or “I am not sure”.")
NO_NARRATIVE = _("Please tell us what happened.")
FUTURE_DATE = _("The date cannot be in the future.")
TOO_OLD = _("Please give a date after 1 January 2000.")
OTHER_SCHOOL = _("Choose one of this partnership's schools.")
UNKNOWN_CHOICE = _("“%(value)s” is not one of the choices.")
NO_ADDITION = _("Please write what you would like to add, or attach a file.")
CLOSED_FOR_ADDITIONS = _("This complaint is closed. To raise something new, please file again.")
PURGED_FOR_ADDITIONS = _("This complaint's file has been closed and archived.")


@dataclass(frozen=True)
class Submitted:
    """A filed complaint and its private status code (shown once, stored only as a hash)."""

    complaint: Complaint
    status_code: str


def _check_choices(values: list[str], choices: Any, field: str) -> list[str]:
    allowed = set(choices.values)
    for value in values:
        if value not in allowed:
            raise ValidationError({field: UNKNOWN_CHOICE % {"value": value}})
    # Keep the order of the choices, without repeats.
    return [v for v in choices.values if v in set(values)]


def happened_on_problem(*, happened_on: datetime.date | None, today: datetime.date) -> Any:
    """What is wrong with the date it happened, if anything (not in the future, not too old)."""
    if happened_on is None:
        return None
    if happened_on > today:
        return FUTURE_DATE
    if happened_on < datetime.date(2000, 1, 1):
        return TOO_OLD
    return None


def intake_validate(
    *,
    partnership: Partnership,
    concerns: list[str],
    bases: list[str],
    involved: list[str],
    relationship: str,
    school: School | None,
    happened_on: datetime.date | None,
    narrative: str,
    today: datetime.date | None = None,
) -> dict[str, Any]:
    """The complaint's answers, checked and tidied; a basis implies a discrimination concern."""
    today = today or timezone.localdate()
    bases = _check_choices(bases, Basis, "bases")
    concerns = list(concerns)
    if bases and Concern.DISCRIMINATION not in concerns:
        concerns.append(Concern.DISCRIMINATION)
    concerns = _check_choices(concerns, Concern, "concerns")
    if not concerns:
        raise ValidationError({"concerns": NO_CONCERN})
    involved = _check_choices(involved, Involved, "involved")
    if not involved:
        raise ValidationError({"involved": NO_INVOLVED})
    if relationship not in Relationship.values:
        raise ValidationError({"relationship": UNKNOWN_CHOICE % {"value": relationship}})
    if school is not None and school.partnership_id != partnership.pk:
        raise ValidationError({"school": OTHER_SCHOOL})
    problem = happened_on_problem(happened_on=happened_on, today=today)
    if problem is not None:
        raise ValidationError({"happened_on": problem})
    if not narrative.strip():
        raise ValidationError({"narrative": NO_NARRATIVE})
    return {
        "concerns": concerns,
        "bases": bases,
        "involved": involved,
        "relationship": relationship,
        "school": school,
        "happened_on": happened_on,
        "narrative": narrative.strip(),
    }


def _unique_record_number() -> str:
    for _attempt in range(20):
        number = record_number_new()
        if not Complaint.objects.filter(record_number=number).exists():
            return number
    raise RuntimeError("Could not find a free record number.")  # pragma: no cover


@transaction.atomic
def complaint_submit(
    *,
    partnership: Partnership,
    language: str,
    concerns: list[str],
    bases: list[str],
    involved: list[str],
    relationship: str,
    narrative: str,
    school: School | None = None,
    happened_on: datetime.date | None = None,
    people_named: str = "",
    location_detail: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    demographics: dict[str, Any] | None = None,
    draft_key: str = "",
    status_url: str = "",
    submitted_at: datetime.datetime | None = None,
) -> Submitted:
    """File a complaint: record number, hashed status code, deadlines, uploads, receipt e-mail."""
    submitted_at = submitted_at or timezone.now()
    answers = intake_validate(
        partnership=partnership,
        concerns=concerns,
        bases=bases,
        involved=involved,
        relationship=relationship,
        school=school,
        happened_on=happened_on,
        narrative=narrative,
        today=timezone.localdate(submitted_at),
    )
    config = complaint_settings_for(partnership=partnership)
    received_on = timezone.localdate(submitted_at)
    code = status_code_new()
    complaint = Complaint(
        partnership=partnership,
        record_number=_unique_record_number(),
        status_code_hash=make_password(code.replace("-", "")),
        language=language,
        people_named=people_named.strip(),
        location_detail=location_detail.strip(),
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip().lower(),
        contact_phone=contact_phone.strip(),
        received_at=submitted_at,
        acknowledge_by=received_on + datetime.timedelta(days=config.acknowledge_within_days),
        resolve_by=received_on + datetime.timedelta(days=config.resolve_within_days),
        **answers,
    )
    complaint.full_clean(exclude=["status_code_hash"])
    complaint.save()
    ComplaintEvent.objects.create(
        partnership=partnership,
        complaint=complaint,
        kind=ComplaintEvent.Kind.SUBMITTED,
        occurred_at=submitted_at,
        to_status=Complaint.Status.RECEIVED,
    )
    if demographics and any(demographics.values()):
        demographics_record(complaint=complaint, **demographics)
    if draft_key:
        for upload in ComplaintAttachment.objects.filter(
            partnership=partnership, draft_key=draft_key, complaint__isnull=True
        ):
            upload.complaint = complaint
            upload.draft_key = ""
            upload.save(update_fields=["complaint", "draft_key"])
    if complaint.contact_email:
        transaction.on_commit(
            lambda: acknowledgement_send(complaint=complaint, status_url=status_url)
        )
    return Submitted(complaint=complaint, status_code=code)


def demographics_record(
    *,
    complaint: Complaint,
    about: str = "",
    hispanic: str = "",
    races: list[str] | None = None,
    age_band: str = "",
    sex: str = "",
    english_learner: str = "",
    disability: str = "",
    preferred_language: str = "",
) -> Demographics:
    """Keep the optional self-reported answers, with the derived race/ethnicity category."""
    races = list(races or [])
    answers = Demographics(
        partnership_id=complaint.partnership_id,
        complaint=complaint,
        about=about,
        hispanic=hispanic,
        races=races,
        race_ethnicity=race_ethnicity_of(hispanic=hispanic, races=races),
        age_band=age_band,
        sex=sex,
        english_learner=english_learner,
        disability=disability,
        preferred_language=preferred_language,
    )
    answers.full_clean(exclude=["complaint"])
    answers.save()
    return answers


def draft_key_new() -> str:
    """A random key that ties uploads to a draft until it is filed."""
    return secrets.token_urlsafe(24)


def attachment_store(
    *,
    partnership: Partnership,
    name: str,
    data: bytes,
    draft_key: str = "",
    complaint: Complaint | None = None,
    existing: int = 0,
) -> ComplaintAttachment:
    """Check a file by its content and size, then store it encrypted."""
    label = name[-80:] or "file"
    if existing >= uploads.max_files():
        raise ValidationError(uploads.TOO_MANY % {"count": uploads.max_files()})
    if not data:
        raise ValidationError(uploads.EMPTY % {"name": label})
    if len(data) > uploads.max_bytes():
        raise ValidationError(
            uploads.TOO_BIG % {"name": label, "limit": uploads.max_bytes() // (1024 * 1024)}
        )
    content_type = uploads.sniff_content_type(data)
    if content_type is None:
        raise ValidationError(uploads.WRONG_TYPE % {"name": label})
    storage_name = f"complaints/{secrets.token_hex(16)}.{uploads.EXTENSIONS[content_type]}.enc"
    saved = default_storage.save(storage_name, ContentFile(encrypt_bytes(data)))
    try:
        return ComplaintAttachment.objects.create(
            partnership=partnership,
            complaint=complaint,
            draft_key=draft_key if complaint is None else "",
            original_name=label,
            storage_name=saved,
            content_type=content_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )
    except IntegrityError:  # pragma: no cover - a random name collided
        default_storage.delete(saved)
        raise


def attachment_discard(*, attachment: ComplaintAttachment) -> None:
    """Remove an upload from a draft (the file goes too)."""
    if attachment.complaint_id is not None:
        raise ValidationError("Only a draft's uploads can be discarded.")
    default_storage.delete(attachment.storage_name)
    attachment.delete()


@transaction.atomic
def complaint_add_information(
    *, complaint: Complaint, text: str, files: list[tuple[str, bytes]] | None = None
) -> ComplaintEvent:
    """The complainant adds information later (text and/or files) from the status page."""
    files = files or []
    if complaint.contact_purged_at is not None:
        raise ValidationError(PURGED_FOR_ADDITIONS)
    if complaint.status == Complaint.Status.CLOSED:
        raise ValidationError(CLOSED_FOR_ADDITIONS)
    if not text.strip() and not files:
        raise ValidationError(NO_ADDITION)
    existing = complaint.attachments.count()
    for index, (name, data) in enumerate(files):
        attachment_store(
            partnership=complaint.partnership,
            name=name,
            data=data,
            complaint=complaint,
            existing=existing + index,
        )
    return ComplaintEvent.objects.create(
        partnership_id=complaint.partnership_id,
        complaint=complaint,
        kind=ComplaintEvent.Kind.ADDITION,
        complainant_text=text.strip(),
    )
