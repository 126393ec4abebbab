"""The analyzer's rules, one requirement at a time, including every trap named in the issue."""

from __future__ import annotations

import pytest

from secure.agreements.analyzer import REQUIREMENT_IDS, analyze_text


def status(text: str, requirement: str) -> str:
    return analyze_text(text).result(requirement).status


def conflicts(text: str) -> list[str]:
    return [c.requirement for c in analyze_text(text).conflicts]


def test_every_requirement_named_in_the_issue_has_a_rule():
    """The analyzer reports exactly the requirement ids the issue lists, in a stable order."""
    assert set(REQUIREMENT_IDS) == {
        "discipline_prohibition",
        "role_safety_security",
        "searches_seizures",
        "use_of_force",
        "interrogation_miranda_parent_notice",
        "nondiscrimination_civil_rights",
        "data_collection_disaggregation",
        "complaint_mechanism",
        "training",
        "hiring_selection_criteria",
        "evaluation",
        "regular_review_timeline",
        "ferpa_information_sharing",
    }


def test_a_negated_clause_is_the_discipline_prohibition_not_its_absence():
    """'The SRO shall not be used for school discipline' meets the prohibition, with no conflict."""
    text = "The SRO shall not be used for school discipline."
    assert status(text, "discipline_prohibition") == "met"
    assert conflicts(text) == []


def test_assisting_with_the_code_of_conduct_conflicts_with_a_prohibition_elsewhere():
    """An SRO role in the code of conduct next to a prohibition is a conflict quoting both."""
    text = (
        "1.2 The SRO shall not be used for school discipline.\n"
        "1.3 The SRO will assist in enforcing the student code of conduct."
    )
    report = analyze_text(text)
    assert report.result("discipline_prohibition").status == "partial"
    [conflict] = report.conflicts
    assert conflict.requirement == "discipline_prohibition"
    quotes = [q.quote for q in conflict.quotes]
    assert "The SRO will assist in enforcing the student code of conduct." in quotes
    assert "The SRO shall not be used for school discipline." in quotes
    assert conflict.quotes[0].location == "section 1.3, page 1, line 2"


def test_assisting_with_the_code_of_conduct_alone_is_no_prohibition():
    """Without any prohibition, an SRO role in discipline leaves the requirement missing and flagged."""
    text = "The SRO will assist in enforcing the student code of conduct."
    assert status(text, "discipline_prohibition") == "missing"
    assert conflicts(text) == ["discipline_prohibition"]


def test_negation_stays_in_its_clause():
    """A 'however' clause that gives officers a discipline role is a conflict despite a 'not' before it."""
    text = "Officers shall not enforce school rules; however, officers will help administrators handle discipline referrals."
    assert conflicts(text) == ["discipline_prohibition"]


def test_school_owned_discipline_without_a_prohibition_is_partial():
    """'Discipline is the responsibility of administrators' implies but does not prohibit."""
    assert (
        status(
            "Student discipline is the sole responsibility of school administrators.",
            "discipline_prohibition",
        )
        == "partial"
    )


def test_complaints_about_student_misbehavior_are_not_a_complaint_mechanism():
    """A complaint brought to the SRO about a student is not a complaint about officers."""
    assert (
        status(
            "Complaints about student misbehavior may be brought to the SRO.", "complaint_mechanism"
        )
        == "missing"
    )
    assert (
        status(
            "The SRO will receive complaints from parents regarding bullying.",
            "complaint_mechanism",
        )
        == "missing"
    )


def test_a_complaint_route_about_officers_is_the_mechanism():
    """Families filing complaints about an SRO's conduct, investigated in a set time, meets it."""
    text = "Students and parents may file a complaint about an SRO's conduct online; the district will investigate within 30 days."
    assert status(text, "complaint_mechanism") == "met"
    assert (
        status(
            "Concerns regarding officer conduct will be forwarded to the agency.",
            "complaint_mechanism",
        )
        == "partial"
    )


@pytest.mark.parametrize(
    ("requirement", "met", "partial", "missing"),
    [
        (
            "role_safety_security",
            "The primary role of the SRO is the safety and security of the school and addressing criminal offenses.",
            "The SRO's responsibility is to help keep the campus safe.",
            "The SRO will serve as a mentor and role model.",
        ),
        (
            "searches_seizures",
            "Any search of a student by an SRO requires probable cause under the Fourth Amendment.",
            "Searches of lockers will be carried out by the officer when necessary.",
            "The parties will jointly conduct the search for a new SRO each spring.",
        ),
        (
            "use_of_force",
            "Handcuffs shall not be used on elementary school students.",
            "The SRO may use force in accordance with department policy.",
            "This agreement shall remain in full force and effect for three years.",
        ),
        (
            "interrogation_miranda_parent_notice",
            "Before questioning a student, the officer shall explain the student's rights in age-appropriate language and notify a parent.",
            "SROs may interview students as part of a criminal investigation.",
            "Parents will be notified of parent-teacher conferences.",
        ),
        (
            "nondiscrimination_civil_rights",
            "SROs shall not discriminate on the basis of race, color, national origin or disability.",
            "All parties will respect the civil rights of students.",
            "Students of every race are welcome at district events.",
        ),
        (
            "data_collection_disaggregation",
            "The agency will collect data on arrests and citations, disaggregated by race, sex and disability.",
            "The SRO will keep a log of all arrests made on campus.",
            "The district collects attendance data every day.",
        ),
        (
            "training",
            "Each SRO completes 40 hours of training in adolescent development and de-escalation.",
            "Officers will receive appropriate training.",
            "Students will be trained as peer mediators.",
        ),
        (
            "hiring_selection_criteria",
            "The agency will select SROs with experience working with youth, after an interview with the principal.",
            "The chief will assign an officer to each high school.",
            "The district will hire more counselors.",
        ),
        (
            "evaluation",
            "Each SRO's performance will be evaluated annually with input from the principal.",
            "The agency will evaluate the officers assigned to schools.",
            "The SRO will assess the situation and call for backup.",
        ),
        (
            "regular_review_timeline",
            "This MOU will be reviewed annually by the district and the agency.",
            "This agreement may be amended by written consent of both parties.",
            "This agreement remains in effect until terminated by either party.",
        ),
        (
            "ferpa_information_sharing",
            "Student education records are shared with the SRO only as FERPA permits.",
            "The SRO will keep confidential any student information provided by the school.",
            "The district will provide the SRO with an office.",
        ),
    ],
)
def test_each_requirement_grades_met_partial_and_missing(requirement, met, partial, missing):
    """Every rule tells a full clause from a weak one and from a look-alike."""
    assert status(met, requirement) == "met"
    assert status(partial, requirement) == "partial"
    assert status(missing, requirement) == "missing"


def test_missing_and_partial_requirements_get_a_library_suggestion():
    """A suggestion from the clause library comes with every gap, none with a met requirement."""
    report = analyze_text("The SRO shall not be used for school discipline.")
    assert report.result("discipline_prohibition").suggestion is None
    suggestion = report.result("complaint_mechanism").suggestion
    assert suggestion and "complaint about an SRO's conduct" in suggestion
    assert "{" not in suggestion


def test_a_data_clause_is_not_evidence_of_force_or_search_standards():
    """Reporting searches and uses of force is data collection, not a standard for either."""
    text = "The agency will collect data on all searches and uses of force, disaggregated by race, sex and age."
    assert status(text, "data_collection_disaggregation") == "met"
    assert status(text, "searches_seizures") == "missing"
    assert status(text, "use_of_force") == "missing"


@pytest.mark.parametrize("stronger", [False, True])
def test_every_library_clause_meets_its_own_requirements(stronger):
    """Model wording suggested by SECURE is recognised as meeting what it is offered for."""
    from secure.agreements.library import model_clauses

    for clause in model_clauses():
        report = analyze_text(clause.render({}, stronger=stronger))
        for requirement in clause.requirements:
            assert report.result(requirement).status == "met", (clause.id, requirement)
        assert report.conflicts == []
