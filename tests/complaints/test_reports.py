"""Reports: counts, time to resolution, demographics with small cells suppressed, evidence."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from secure.complaints import reports
from secure.complaints.evidence import complaint_mechanism
from secure.complaints.services import workflow
from secure.core.evidence import Evidence, evidence_for
from secure.partnerships.roles import Role

from .factories import complaint_make

pytestmark = pytest.mark.django_db

BLACK = {"hispanic": "no", "races": ["black"]}
WHITE = {"hispanic": "no", "races": ["white"]}
HISPANIC = {"hispanic": "yes", "races": []}


def many(partnership, count: int, demographics: dict, concern: str = "search") -> None:
    for _ in range(count):
        complaint_make(partnership, concerns=[concern], demographics=demographics)


def test_small_cells_are_hidden_with_their_complements(riverside):
    """12 and 15 are shown; a cell of 3 is hidden, and it cannot be worked out from the row."""
    many(riverside, 12, BLACK)
    many(riverside, 15, WHITE)
    many(riverside, 3, HISPANIC)
    complaints = list(reports.complaints_in_period(partnership=riverside))
    table = reports.disaggregated(
        partnership=riverside,
        complaints=complaints,
        dimension="concern",
        breakdown="race_ethnicity",
    )
    label = "A search of a student, a bag, a phone or a locker"
    values, total = next((v, t) for row_label, v, t in table.rows if str(row_label) == label)
    columns = [str(c) for c in table.columns]
    assert values[columns.index("Hispanic or Latino (of any race)")] is None
    # Total minus the published cells would reveal the 3 unless something else is hidden too.
    assert total is None or sum(1 for v in values if v is None) >= 2
    assert table.hidden >= 2
    shown = [v for _label, row, t in table.rows for v in [*row, t] if v is not None]
    assert all(v == 0 or v >= 10 for v in shown)


def test_the_minimum_cell_size_is_configurable(riverside, settings):
    """With a minimum of 3, a group of 3 is shown."""
    settings.SECURE_COMPLAINT_MIN_CELL = 3
    many(riverside, 3, HISPANIC)
    many(riverside, 3, WHITE)
    complaints = list(reports.complaints_in_period(partnership=riverside))
    table = reports.disaggregated(
        partnership=riverside, complaints=complaints, dimension="status", breakdown="race_ethnicity"
    )
    received = table.rows[0][1]
    assert 3 in received


def test_counts_and_time_to_resolution(riverside, members):
    """Counts by type and school are exact for staff; resolution time is measured in days."""
    actor = members[("riverside", Role.COMPLAINT_INVESTIGATOR)]
    start = timezone.now() - datetime.timedelta(days=20)
    complaint = complaint_make(
        riverside, concerns=["use_of_force"], submitted_at=start, happened_on=None
    )
    workflow.complaint_acknowledge(
        complaint=complaint, actor=actor, at=start + datetime.timedelta(days=1)
    )
    workflow.complaint_resolve(
        complaint=complaint,
        actor=actor,
        outcome="agreement",
        outcome_shared="Agreed",
        reason="Mediation",
        at=start + datetime.timedelta(days=10),
    )
    complaint_make(riverside, concerns=["search", "use_of_force"])
    complaints = list(reports.complaints_in_period(partnership=riverside))
    by_concern = {
        str(r.label): r.count
        for r in reports.counts_by(
            partnership=riverside, complaints=complaints, dimension="concern"
        )
    }
    assert by_concern["Use of force (for example restraint, handcuffs, a weapon)"] == 2
    assert by_concern["A search of a student, a bag, a phone or a locker"] == 1
    times = reports.resolution_times(complaints=complaints)
    assert times.resolved == 1 and times.median_days == 10 and times.within_deadline == 1


def test_the_report_page_filters_by_date(riverside, members, client_for):
    """Only complaints received in the chosen period are counted."""
    complaint_make(
        riverside, submitted_at=timezone.now() - datetime.timedelta(days=400), happened_on=None
    )
    complaint_make(riverside)
    client = client_for("riverside", Role.DATA_ANALYST)
    since = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    page = client.get(
        reverse("complaints:reports", args=["riverside"]),
        {"start": since, "dimension": "school", "breakdown": "sex"},
    )
    assert "1 complaint in this period." in page.content.decode()
    assert "School by Sex" in page.content.decode()


def test_public_counts_hide_small_numbers(riverside):
    """For a public page: 12 resolved are shown, 2 received are hidden, and so is a complement."""
    many(riverside, 12, WHITE)
    for complaint in list(reports.complaints_in_period(partnership=riverside)):
        workflow.complaint_close(complaint=complaint, actor=None, reason="Done")
    many(riverside, 2, WHITE, concern="use_of_force")
    counts = reports.complaint_public_counts(partnership=riverside)
    by_status = {str(label): value for label, value in counts.by_status}
    assert by_status["Resolved"] == 12
    assert by_status["Received"] is None
    assert counts.total is None or by_status["Under review"] is None


def test_live_evidence_for_the_complaint_mechanism(riverside):
    """2.start.5: in progress while nothing came in, done once complaints arrive."""
    empty = complaint_mechanism(riverside)
    assert empty.suggested_status == Evidence.IN_PROGRESS
    assert empty.url == reverse("complaints:start", args=["riverside"])
    complaint_make(riverside, demographics=WHITE)
    found = evidence_for(partnership=riverside, item_id="2.start.5")
    mine = next(e for e in found if e.source == "complaints")
    assert mine.suggested_status == Evidence.DONE
    assert mine.facts["complaints"] == 1 and mine.facts["with_demographics"] == 1
