"""E-mail to complainants, always in the language they filed in."""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from ..models import Complaint

logger = logging.getLogger(__name__)


def _send(*, complaint: Complaint, subject: str, body: str) -> bool:
    """Send one e-mail; a failure is logged and never undoes the complaint."""
    if not complaint.contact_email:
        return False
    try:
        send_mail(subject, body, None, [complaint.contact_email])
    except Exception:  # the mail server being down must not lose the complaint
        logger.exception("Could not e-mail the complainant of %s", complaint.record_number)
        return False
    return True


def acknowledgement_send(*, complaint: Complaint, status_url: str) -> bool:
    """The receipt: record number and where to check the status, in the complainant's language."""
    with translation.override(complaint.language):
        context = {"complaint": complaint, "status_url": status_url}
        subject = render_to_string("complaints/email/acknowledgement_subject.txt", context)
        body = render_to_string("complaints/email/acknowledgement.txt", context)
    return _send(complaint=complaint, subject=" ".join(subject.split()), body=body)


def message_send(*, complaint: Complaint, subject: str, body: str, status_url: str) -> bool:
    """A message written by staff (already in the complainant's language), with the usual footer."""
    with translation.override(complaint.language):
        footer = render_to_string(
            "complaints/email/footer.txt", {"complaint": complaint, "status_url": status_url}
        )
    return _send(complaint=complaint, subject=subject, body=f"{body.strip()}\n\n{footer}")
