"""Plain names of the analyzer's requirements and the rubric items each one evidences."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

REQUIREMENT_LABELS: dict[str, Promise] = {
    "discipline_prohibition": _("Officers kept out of school discipline and codes of conduct"),
    "role_safety_security": _("Officers' role: safety, security and criminal law"),
    "searches_seizures": _("Constitutional standards for searches and seizures"),
    "use_of_force": _("Limits on force, restraints and handcuffs with youth"),
    "interrogation_miranda_parent_notice": _("Questioning: rights explained, parents notified"),
    "nondiscrimination_civil_rights": _("No discrimination; civil-rights laws named"),
    "data_collection_disaggregation": _("Data on police actions, broken down by student group"),
    "complaint_mechanism": _("A way for students and families to complain about officers"),
    "training": _("Training needs and plans"),
    "hiring_selection_criteria": _("Criteria for choosing officers"),
    "evaluation": _("Evaluating officers and the program"),
    "regular_review_timeline": _("Reviewing the MOU on a regular timeline"),
    "ferpa_information_sharing": _("Sharing student records only as FERPA allows"),
}

STATUS_LABELS: dict[str, Promise] = {
    "met": pgettext_lazy("mou status", "Met"),
    "partial": pgettext_lazy("mou status", "Partly met"),
    "missing": pgettext_lazy("mou status", "Missing"),
}

# Rubric items whose live evidence reads these requirements of the MOU in force.
RUBRIC_REQUIREMENTS: dict[str, tuple[str, ...]] = {
    "1.start.3.3": ("discipline_prohibition", "role_safety_security"),
    "2.start.1": ("searches_seizures", "use_of_force", "interrogation_miranda_parent_notice"),
    "2.start.2": ("nondiscrimination_civil_rights", "ferpa_information_sharing"),
    "4.start.1": ("training",),
    "1.improve.2": ("regular_review_timeline",),
}
