"""The rubric's training topics and hiring qualities, the defaults every partnership starts from."""

from __future__ import annotations

SRO = "sro"
SUPERVISOR = "supervisor"
STAFF = "school_staff"
OFFICERS = [SRO, SUPERVISOR]
EVERYONE = [SRO, SUPERVISOR, STAFF]

# (code, title, rubric item, refresh months, roles, onboarding). Titles are the rubric's words;
# refresh intervals are defaults the partnership edits.
TRAINING_TOPICS: list[tuple[str, str, str, int, list[str], bool]] = [
    ("civil-rights", "Constitutional and civil rights", "3.improve.2.1", 24, EVERYONE, True),
    ("development", "Child and adolescent development", "3.improve.2.2", 36, EVERYONE, True),
    (
        "age-appropriate",
        "Age-appropriate responses to student conduct",
        "3.improve.2.3",
        24,
        OFFICERS,
        True,
    ),
    ("disability", "Disability and special education issues", "3.improve.2.4", 24, EVERYONE, True),
    (
        "de-escalation",
        "Conflict resolution and de-escalation techniques",
        "3.improve.2.5",
        12,
        EVERYONE,
        True,
    ),
    (
        "bias-free",
        "Bias-free policing, including implicit bias and cultural competence",
        "3.improve.2.6",
        12,
        OFFICERS,
        True,
    ),
    ("trauma", "Responses to trauma", "3.improve.2.7", 24, EVERYONE, True),
    ("restorative", "Restorative justice techniques", "3.improve.2.8", 24, EVERYONE, True),
    (
        "student-groups",
        "Interacting with students with disabilities, limited English proficiency, and LGBT students",
        "3.improve.2.9",
        24,
        EVERYONE,
        True,
    ),
    (
        "use-of-force",
        "Use of force that reflects youths' strength and physical vulnerabilities",
        "4.start.2.1",
        12,
        OFFICERS,
        False,
    ),
    (
        "handcuffs",
        "Limited, appropriate use of handcuffs in a school setting",
        "4.start.2.1",
        12,
        OFFICERS,
        False,
    ),
    (
        "justice-involvement",
        "Consequences of student involvement in the criminal and juvenile justice system",
        "4.start.2.1",
        24,
        EVERYONE,
        False,
    ),
    (
        "alternatives",
        "Discretion, diversion and all available alternatives to arrest",
        "4.start.4",
        12,
        OFFICERS,
        False,
    ),
    (
        "not-calling-sros",
        "For school staff: not calling SROs for non-violent, non-threatening behavior",
        "4.start.3",
        12,
        [STAFF],
        False,
    ),
]

# The eleven qualities of 3.start.1.1–3.start.1.11, the default hiring criteria.
HIRING_QUALITIES: list[str] = [
    "Ability to work effectively with students, parents, teachers, and school administrators",
    "An understanding of the importance of diversion programs and alternatives to arrest",
    "Respect for youth and families of all backgrounds and cultures",
    "An understanding of developmentally appropriate, trauma-informed practices for interacting with youth",
    "Consideration of the applicant's past discipline and legal history",
    "Strong interpersonal communication skills",
    "Strong public speaking ability",
    "Effective law-related teaching and mentoring skills",
    "Minimum years of experience",
    "An interest in promoting and enriching the lives of youth",
    "Knowledge of the specific needs and local concerns of the community",
]
