"""Small helpers the rules share: word patterns, clause splitting and negation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .segment import Sentence

OFFICER = r"(?:SROs?|school resource officers?|officers?|police|law enforcement(?: personnel| officers?)?|deputies|deputy|(?:the )?agency(?:'s)? personnel)"

# Negation cues that govern the predicate that follows them in the same clause.
_NEGATION = re.compile(
    r"\b(?:shall|will|may|must|should|can|could|would|does|do|is|are|be)\s+not\b|\b(?:cannot|can't|won't|shan't|isn't|aren't|never|neither|nor)\b"
    r"|\b(?:prohibited|forbidden|barred|precluded|restricted)\s+from\b|\bnot\s+(?:be\s+)?(?:involved|used|asked|called|permitted|allowed|authori[sz]ed|responsible)\b"
    r"|\bunder no circumstances\b|\bno (?:SRO|officer|school resource officer)s?\b|\brefrain from\b|\bnot to\b"
    r"|\bexcluded from\b|\bwithout (?:any )?(?:role|involvement)\b|\bis not (?:a|the) (?:role|responsibility)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r";\s+|,?\s+(?:but|however|except that|although|whereas|yet)\s+|:\s+(?=[a-z(])", re.I
)


def rx(pattern: str) -> re.Pattern[str]:
    """Compile a case-insensitive word pattern."""
    return re.compile(pattern, re.IGNORECASE)


def clauses(text: str) -> list[str]:
    """A sentence cut at semicolons and contrastive conjunctions, so negation stays in scope."""
    return [c for c in _CLAUSE_BREAK.split(text) if c and c.strip()]


def negated(clause: str, target: re.Pattern[str]) -> bool:
    """True when a negation cue comes before the first match of ``target`` in ``clause``."""
    hit = target.search(clause)
    if not hit:
        return False
    return any(cue.start() < hit.start() for cue in _NEGATION.finditer(clause))


def has_negation(clause: str) -> bool:
    """True when the clause holds any negation cue."""
    return bool(_NEGATION.search(clause))


def count_matches(text: str, patterns: list[re.Pattern[str]]) -> int:
    """How many of ``patterns`` occur in ``text``."""
    return sum(1 for p in patterns if p.search(text))


@dataclass
class RuleResult:
    """What one rule found: a status and the sentences behind it."""

    status: str
    evidence: list[Sentence] = field(default_factory=list)
    contrary: list[Sentence] = field(default_factory=list)


MET, PARTIAL, MISSING = "met", "partial", "missing"


def graded(strong: list[Sentence], weak: list[Sentence]) -> RuleResult:
    """``met`` with strong evidence, ``partial`` with weak evidence only, otherwise ``missing``."""
    if strong:
        return RuleResult(MET, strong[:3])
    if weak:
        return RuleResult(PARTIAL, weak[:3])
    return RuleResult(MISSING)
