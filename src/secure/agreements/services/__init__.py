"""Writes for the agreements app: analyses (``analysis``) and drafting (``drafting``)."""

from .analysis import MAX_UPLOAD_BYTES, mou_analysis_create, mou_analysis_mark_current
from .drafting import (
    mou_acknowledge,
    mou_comment_add,
    mou_comment_resolve,
    mou_draft_adopt,
    mou_draft_approve,
    mou_draft_create,
    mou_draft_open_for_comments,
    mou_sharing_record,
    mou_version_save,
    sections_from_text,
)

__all__ = [
    "MAX_UPLOAD_BYTES",
    "mou_acknowledge",
    "mou_analysis_create",
    "mou_analysis_mark_current",
    "mou_comment_add",
    "mou_comment_resolve",
    "mou_draft_adopt",
    "mou_draft_approve",
    "mou_draft_create",
    "mou_draft_open_for_comments",
    "mou_sharing_record",
    "mou_version_save",
    "sections_from_text",
]
