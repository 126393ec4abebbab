"""One rule per requirement: each reads the MOU's sentences and says met, partial or missing.

A rule looks for the topic *and* what the rubric asks of it (a standard, a limit, a safeguard, a
schedule), reads negation within the clause, and ignores look-alikes (a complaint *to* the SRO
about a student is not a complaint *about* the SRO). Rules are registered in ``RULES`` in the
order reports show them.
"""

from __future__ import annotations

from collections.abc import Callable

from .matching import (
    MET,
    MISSING,
    OFFICER,
    PARTIAL,
    RuleResult,
    clauses,
    count_matches,
    graded,
    has_negation,
    negated,
    rx,
)
from .segment import Sentence

Rule = Callable[[list[Sentence]], RuleResult]
RULES: dict[str, Rule] = {}


def rule(requirement: str) -> Callable[[Rule], Rule]:
    """Register a function as the rule for one requirement id."""

    def register(fn: Rule) -> Rule:
        RULES[requirement] = fn
        return fn

    return register


_OFFICER = rx(rf"\b{OFFICER}\b")
_DISCIPLINE = rx(
    r"\b(?:school|student)?\s*(?:discipline|disciplinary|disciplining)\b|\bcodes? of (?:student )?conduct\b"
    r"|\b(?:student )?conduct codes?\b|\bschool rules\b|\bdress code\b"
)
_INVOLVE = rx(
    r"\b(?:take part|takes part|enforc\w*|assist\w*|administer\w*|impos\w*|issu\w*|participat\w*|involv\w*|engag\w*|used?\b|handl\w*|respond\w*|help\w*|support\w*|carry out|act as|serve as|responsib\w*|role)\b"
)
_SCHOOL_OWNS_DISCIPLINE = rx(
    r"\b(?:discipline|disciplinary (?:matters|action)|code of conduct)\b.{0,60}\b(?:(?:sole|exclusive)(?:ly)? )?(?:responsibility|province|domain) of (?:the )?(?:school|principal|district|administrat|educator)"
    r"|\b(?:school|principals?|administrators?|educators?|school staff)\b.{0,40}\b(?:alone|solely|exclusively)?\s*(?:handle|are responsible for|is responsible for|retain)\b.{0,30}\bdisciplin"
)


@rule("discipline_prohibition")
def check_discipline_prohibition(sentences: list[Sentence]) -> RuleResult:
    """SROs are kept out of enforcing codes of conduct and school discipline; a role in it conflicts."""
    prohibitions: list[Sentence] = []
    weak: list[Sentence] = []
    involvement: list[Sentence] = []
    for sentence in sentences:
        for clause in clauses(sentence.text):
            if not _DISCIPLINE.search(clause):
                continue
            if _OFFICER.search(clause):
                if negated(clause, _DISCIPLINE) or negated(clause, _INVOLVE):
                    prohibitions.append(sentence)
                elif _INVOLVE.search(clause) and not has_negation(clause):
                    involvement.append(sentence)
            elif _SCHOOL_OWNS_DISCIPLINE.search(clause):
                weak.append(sentence)
    prohibitions, weak, involvement = (
        list(dict.fromkeys(x)) for x in (prohibitions, weak, involvement)
    )
    result = graded(prohibitions, weak)
    result.contrary = involvement[:3]
    if involvement and result.status == MET:
        result.status = PARTIAL
    return result


_ROLE = rx(r"\b(?:role|duties|duty|responsibilit\w+|purpose|function|primary|limited to|focus)\b")
_SAFETY = rx(r"\b(?:safety|security|safe)\b")
_CRIMINAL = rx(
    r"\b(?:criminal (?:law|offen[cs]es?|conduct|activity|matters)|crimes?|violations? of (?:the )?(?:criminal |state |federal )?law|law enforcement matters|public safety)\b"
)


@rule("role_safety_security")
def check_role_safety_security(sentences: list[Sentence]) -> RuleResult:
    """The officer's role is defined as safety, security and enforcing criminal law."""
    strong: list[Sentence] = []
    weak: list[Sentence] = []
    for s in sentences:
        if _OFFICER.search(s.text) and _ROLE.search(s.text) and _SAFETY.search(s.text):
            if _CRIMINAL.search(s.text):
                strong.append(s)
            else:
                weak.append(s)
    return graded(strong, weak)


def _is_data_clause(text: str) -> bool:
    """A sentence about recording or reporting actions, not about how officers act."""
    return bool(
        _DATA.search(text)
        and _ACTIONS.search(text)
        and rx(r"\b(?:data|records?|logs?|statistics|reports?|disaggregat\w+)\b").search(text)
    )


_SEARCH = rx(
    r"\b(?:search(?:es|ed|ing)?|seiz(?:e|ed|ing|ures?))\b(?! (?:for|committee|process) (?:an? )?(?:new |qualified )?(?:officer|candidate|SRO))"
)
_SEARCH_STANDARD = rx(
    r"\bFourth Amendment\b|\bconstitution(?:al)?\b|\bprobable cause\b|\breasonable suspicion\b|\bwarrant\b|\bT\.L\.O\b|\blegal (?:standard|requirement)s?\b|\bconsent\b"
)


@rule("searches_seizures")
def check_searches_seizures(sentences: list[Sentence]) -> RuleResult:
    """Searches and seizures of students follow stated constitutional standards."""
    strong: list[Sentence] = []
    weak: list[Sentence] = []
    for s in sentences:
        if _SEARCH.search(s.text) and not _is_data_clause(s.text):
            (strong if _SEARCH_STANDARD.search(s.text) else weak).append(s)
    return graded(strong, weak)


_FORCE = rx(
    r"\b(?:use of force|physical force|force|restraints?|restrain\w*|handcuff\w*|taser\w*|conducted energy|pepper spray|chemical (?:agents|spray)|firearms?)\b"
)
_FORCE_NOT = rx(r"\b(?:in force|into force|force and effect|workforce|task force|full force)\b")
_FORCE_LIMIT = rx(
    r"\b(?:only|last resort|minimum|least|imminent|de-?escalat\w*|proportional\w*|necessary to prevent|serious (?:bodily|physical) (?:harm|injury)|age|size|disabilit\w+|vulnerab\w+|never|prohibited|shall not|may not|must not|report(?:ed)? (?:to|within))\b"
)


@rule("use_of_force")
def check_use_of_force(sentences: list[Sentence]) -> RuleResult:
    """Force, restraints and handcuffs on students are limited, with youth-specific safeguards."""
    strong: list[Sentence] = []
    weak: list[Sentence] = []
    for s in sentences:
        text = _FORCE_NOT.sub(" ", s.text)
        if _FORCE.search(text) and not _is_data_clause(text):
            (strong if _FORCE_LIMIT.search(text) else weak).append(s)
    return graded(strong, weak)


_QUESTION = rx(
    r"\b(?:interrogat\w+|question(?:s|ed|ing)? (?:a |any )?(?:students?|juveniles?|minors?|youth|child(?:ren)?)|(?:students?|juveniles?|minors?) (?:are|is|being) questioned|custodial|interview(?:s|ed|ing)? (?:of )?(?:a |any )?(?:students?|juveniles?|minors?)|(?:students?|juveniles?|minors?) (?:interviewed|questioned))\b"
)
_RIGHTS = rx(
    r"\bMiranda\b|\b(?:advis\w+|inform\w+|read|explain\w*)\b.{0,40}\brights\b|\bright to (?:remain silent|an attorney|counsel|have a parent)\b|\bage[- ]appropriate\b"
)
_PARENT = rx(
    r"\b(?:parents?|guardians?|famil(?:y|ies))\b.{0,60}\b(?:notif\w+|contact\w*|call\w*|present|inform\w*)\b|\b(?:notif\w+|contact\w*|call\w*|inform\w*)\b.{0,60}\b(?:parents?|guardians?)\b"
)


@rule("interrogation_miranda_parent_notice")
def check_interrogation(sentences: list[Sentence]) -> RuleResult:
    """Questioning of students comes with rights advised in plain words and parents notified."""
    rights: list[Sentence] = []
    parent: list[Sentence] = []
    weak: list[Sentence] = []
    for s in sentences:
        if not _QUESTION.search(s.text):
            continue
        got_rights, got_parent = bool(_RIGHTS.search(s.text)), bool(_PARENT.search(s.text))
        if got_rights:
            rights.append(s)
        if got_parent:
            parent.append(s)
        if not (got_rights or got_parent):
            weak.append(s)
    if rights and parent:
        return RuleResult(MET, list(dict.fromkeys(rights + parent))[:3])
    if rights or parent or weak:
        return RuleResult(PARTIAL, (rights + parent + weak)[:3])
    return RuleResult(MISSING)


_DISCRIMINATION = rx(
    r"\b(?:discriminat\w+|harass\w+|equal (?:protection|treatment)|bias(?:ed)?[- ]free|civil rights)\b"
)
_STATUTES = [
    rx(r"\bTitle VI\b"),
    rx(r"\bTitle IX\b"),
    rx(r"\bSection 504\b"),
    rx(r"\b(?:ADA|Americans with Disabilities Act)\b"),
    rx(r"\bIDEA\b|\bIndividuals with Disabilities Education Act\b"),
    rx(r"\bTitle II\b"),
    rx(r"\bAge Discrimination Act\b"),
]
_PROTECTED = [
    rx(r"\brace\b"),
    rx(r"\bcolou?r\b"),
    rx(r"\bnational origin\b"),
    rx(r"\b(?:language|English learner|limited English)\b"),
    rx(r"\bdisabilit\w+\b"),
    rx(r"\bsex\b|\bgender\b"),
    rx(r"\breligio\w+\b"),
    rx(r"\bage\b"),
    rx(r"\bethnic\w*\b"),
]


@rule("nondiscrimination_civil_rights")
def check_nondiscrimination(sentences: list[Sentence]) -> RuleResult:
    """Discrimination is prohibited, naming protected characteristics or civil-rights statutes."""
    strong: list[Sentence] = []
    weak: list[Sentence] = []
    for s in sentences:
        if not _DISCRIMINATION.search(s.text):
            continue
        named = count_matches(s.text, _STATUTES) + count_matches(s.text, _PROTECTED)
        (strong if named >= 2 else weak).append(s)
    return graded(strong, weak)


_DATA = rx(
    r"\b(?:collect\w*|keep|keeps|kept|maintain\w*|record(?:s|ed)?|report(?:s|ed|ing)?|track\w*|logs?|gather\w*|compil\w+|publish\w*)\b"
)
_ACTIONS = rx(
    r"\b(?:arrests?|citations?|tickets?|ticketing|searches|seizures|use of force|referrals? to (?:law enforcement|court|juvenile)|court referrals?|law[- ]enforcement (?:actions|activity|contacts|involvement)|handcuff\w*|restraints?)\b"
)
_DIMENSIONS = [
    rx(r"\brace\b"),
    rx(r"\bethnicity\b"),
    rx(r"\bage\b"),
    rx(r"\bsex\b|\bgender\b"),
    rx(r"\btype of offen[cs]e\b|\boffen[cs]e type\b"),
    rx(r"\bEnglish learner|\bEL status\b|\blimited English\b"),
    rx(r"\bdisabilit\w+\b"),
]
_DISAGGREGATE = rx(
    r"\bdisaggregat\w+|\bbroken down\b|\bby (?:student )?(?:race|ethnicity|sex|age)\b|\bcategori[sz]ed by\b"
)


@rule("data_collection_disaggregation")
def check_data_collection(sentences: list[Sentence]) -> RuleResult:
    """Data on law-enforcement actions is collected and broken down by the rubric's dimensions."""
    strong: list[Sentence] = []
    weak: list[Sentence] = []
    for index, s in enumerate(sentences):
        if not (_DATA.search(s.text) and _ACTIONS.search(s.text)):
            continue
        if _disaggregated(s.text):
            strong.append(s)
            continue
        # "… keeps data on every arrest. The data is broken down by race, sex and disability."
        following = sentences[index + 1] if index + 1 < len(sentences) else None
        if following and _DATA_REFERENCE.search(following.text) and _disaggregated(following.text):
            strong.extend([s, following])
        else:
            weak.append(s)
    return graded(strong, weak)


_DATA_REFERENCE = rx(
    r"^(?:the|this|these|such) (?:data|records|numbers|statistics|reports?)\b|^(?:it|they) (?:is|are|will be)\b"
)


def _disaggregated(text: str) -> bool:
    """Broken down by at least three of the rubric's dimensions, or two with an explicit breakdown."""
    dims = count_matches(text, _DIMENSIONS)
    return dims >= 3 or (dims >= 2 and bool(_DISAGGREGATE.search(text)))


_COMPLAINT = rx(r"\b(?:complaints?|grievances?|concerns?)\b")
_ABOUT_OFFICER = rx(
    rf"\b(?:complaints?|grievances?|concerns?)\b[^.;]{{0,25}}\b(?:about|against|regarding|concerning|involving|of)\b\s+(?:the |an |any |a )?(?:{OFFICER}|(?:officer|SRO|police) (?:conduct|misconduct|behavio\w+))"
    rf"|\b(?:officer|SRO|police)(?:'s|s')? (?:conduct|misconduct|behavio\w+|actions)\b"
)
_ABOUT_STUDENT = rx(
    r"\b(?:complaints?|grievances?|concerns?)\b[^.;]{0,25}\b(?:about|against|regarding|concerning|involving|of)\b\s+(?:a |the |any )?(?:students?|student misbehavio\w+|misbehavio\w+|pupils?|bullying)"
)
_WHO_AND_HOW = rx(
    r"\b(?:students?|parents?|guardians?|famil(?:y|ies)|community members?|anyone|any person|public)\b|\b(?:form|online|in writing|investigat\w+|respond\w*|within \d+|hotline|ombuds\w*)\b"
)


@rule("complaint_mechanism")
def check_complaint_mechanism(sentences: list[Sentence]) -> RuleResult:
    """Students and families have a way to complain about officers' conduct."""
    strong: list[Sentence] = []
    weak: list[Sentence] = []
    for s in sentences:
        if not _COMPLAINT.search(s.text) or _ABOUT_STUDENT.search(s.text):
            continue
        if _ABOUT_OFFICER.search(s.text):
            (strong if len(_WHO_AND_HOW.findall(s.text)) >= 2 else weak).append(s)
    return graded(strong, weak)


_TRAINING = rx(r"\b(?:train\w*|professional development|coursework|certification course)\b")
_TRAINING_SPECIFIC = rx(
    r"\b(?:de-?escalat\w+|adolescent|child|youth development|trauma|implicit bias|bias|cultural|disabilit\w+|special education|restorative|mental health|crisis intervention|civil rights|hours?|annual\w*|each year|every year|joint\w*|together with school staff|before (?:being )?assign\w*|within \d+)\b"
)


@rule("training")
def check_training(sentences: list[Sentence]) -> RuleResult:
    """Training needs and plans for SROs (and school staff) are named, with topics or schedule."""
    strong: list[Sentence] = []
    weak: list[Sentence] = []
    for s in sentences:
        if _TRAINING.search(s.text) and (
            _OFFICER.search(s.text) or rx(r"\bstaff\b").search(s.text)
        ):
            (
                strong
                if len(set(m.group(0).lower() for m in _TRAINING_SPECIFIC.finditer(s.text))) >= 2
                else weak
            ).append(s)
    return graded(strong, weak)


_SELECTION = rx(
    r"\b(?:select\w*|hir(?:e|es|ed|ing)|recruit\w*|screen\w*|chosen|choose)\b"
    r"|\bassign(?:s|ed)? (?:an? |one |the |each )?(?:officers?|SROs?|deputies|deputy)\b"
    r"|\b(?:officers?|SROs?|deputies) (?:are|is|will be|shall be) assigned\b"
)
_CRITERIA = rx(
    r"\b(?:criteria|qualifications?|qualified|experience (?:working )?with (?:youth|children|young people|students)|interview\w*|panel|disciplinary (?:history|record)|complaint history|record of|years of|temperament|aptitude|background|input from (?:the )?(?:school|principal|district|stakeholders|community))\b"
)


@rule("hiring_selection_criteria")
def check_hiring_selection(sentences: list[Sentence]) -> RuleResult:
    """Officers are selected for schools against stated criteria, with the district's input."""
    strong: list[Sentence] = []
    weak: list[Sentence] = []
    for s in sentences:
        if _OFFICER.search(s.text) and _SELECTION.search(s.text):
            (strong if _CRITERIA.search(s.text) else weak).append(s)
    return graded(strong, weak)


_EVALUATE = rx(r"\b(?:evaluat\w+|performance reviews?|assess\w*|appraisal)\b")
_EVAL_SUBJECT = rx(rf"\b{OFFICER}\b|\bprogram\b|\bpartnership\b")
_EVAL_SPECIFIC = rx(
    r"\b(?:annual\w*|each (?:school )?year|every (?:school )?year|semester|quarterly|joint\w*|input from|feedback|principal|criteria|measures?|metrics|data|survey\w*)\b"
)


@rule("evaluation")
def check_evaluation(sentences: list[Sentence]) -> RuleResult:
    """SRO performance or the program is evaluated on a schedule, with school input or measures."""
    strong: list[Sentence] = []
    weak: list[Sentence] = []
    for s in sentences:
        text = s.text
        if (
            _EVALUATE.search(text)
            and _EVAL_SUBJECT.search(text)
            and not rx(
                r"\bthreat assessment|\bassess(?:es|ing)? (?:the )?(?:situation|threat)"
            ).search(text)
        ):
            if rx(r"\b(?:MOU|memorandum|agreement)\b").search(text) and not _OFFICER.search(text):
                continue  # reviewing the MOU itself is the review timeline, not an evaluation
            (
                strong
                if len(set(m.group(0).lower() for m in _EVAL_SPECIFIC.finditer(text))) >= 2
                else weak
            ).append(s)
    return graded(strong, weak)


_REVIEW = rx(r"\b(?:review\w*|revis\w+|re-?evaluat\w+|renew\w*|updat\w+|amend\w*)\b")
_THIS_MOU = rx(r"\b(?:MOU|memorandum|agreement|this document)\b")
_SCHEDULE = rx(
    r"\b(?:annual\w*|each (?:school |calendar )?year|every (?:school |calendar )?year|every (?:two|three|\d+) years|bienni\w+|no later than|by (?:June|July|August|September|January|May|April|March|December|October|November|February) \d+|before the start of each|at least once)\b"
)


@rule("regular_review_timeline")
def check_review_timeline(sentences: list[Sentence]) -> RuleResult:
    """The MOU itself is reviewed and revised on a stated schedule."""
    strong: list[Sentence] = []
    weak: list[Sentence] = []
    for s in sentences:
        for clause in clauses(s.text):
            if _REVIEW.search(clause) and _THIS_MOU.search(clause) and not negated(clause, _REVIEW):
                (strong if _SCHEDULE.search(s.text) else weak).append(s)
                break
    return graded(strong, weak)


_FERPA = rx(
    r"\bFERPA\b|\bFamily Educational Rights and Privacy Act\b|\b34 C\.?F\.?R\.? (?:Part )?99\b"
)
_RECORDS = rx(
    r"\b(?:education(?:al)? records?|student records?|student information|personally identifiable|confidential(?:ity)?|privacy)\b"
)
_SHARING = rx(r"\b(?:shar\w+|disclos\w+|access\w*|releas\w+|exchang\w+|provid\w+)\b")


@rule("ferpa_information_sharing")
def check_ferpa(sentences: list[Sentence]) -> RuleResult:
    """Sharing of student information follows FERPA (named), not a general promise of confidentiality."""
    strong: list[Sentence] = []
    weak: list[Sentence] = []
    for s in sentences:
        if _FERPA.search(s.text):
            strong.append(s)
        elif _RECORDS.search(s.text) and _SHARING.search(s.text):
            weak.append(s)
    return graded(strong, weak)


REQUIREMENT_IDS: tuple[str, ...] = tuple(RULES)
