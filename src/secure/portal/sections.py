"""The sections a partnership can switch on for its public page, in the order they appear."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

MOU = "mou"
HIRING = "hiring"
OFFICERS = "officers"
ACTIONS = "actions"
EQUITY = "equity"
COMPLAINTS = "complaints"
SURVEYS = "surveys"
RUBRIC = "rubric"

# (key, label, description) — the key is stable: it names the model field ``show_<key>``, the
# open-data tables' ``section`` and the API's section filter.
SECTIONS = (
    (MOU, _("Agreement (MOU)"), _("The adopted MOU, a plain-language summary and the PDF.")),
    (HIRING, _("Hiring guidelines"), _("The published guidelines for choosing SROs.")),
    (
        OFFICERS,
        _("Schools and officers"),
        _("Schools with an SRO and the share of schools with a sworn officer."),
    ),
    (
        ACTIONS,
        _("Law-enforcement actions and discipline"),
        _("Counts by year and school, with breakdowns by student group (small numbers hidden)."),
    ),
    (EQUITY, _("Equity indicators"), _("Risk ratios and other disparity measures, explained.")),
    (COMPLAINTS, _("Complaints"), _("Complaints received and resolved, by type.")),
    (SURVEYS, _("Survey results"), _("Results of closed surveys (small groups hidden).")),
    (RUBRIC, _("Progress on the rubric"), _("Checklist items done on each of the five steps.")),
)

SECTION_KEYS: tuple[str, ...] = tuple(key for key, _label, _desc in SECTIONS)
SECTION_LABELS = {key: label for key, label, _desc in SECTIONS}
