"""The analysis of one MOU, and its JSON and text forms (the ``secure mou analyze`` contract)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Quote:
    """A sentence quoted from the MOU and where it is."""

    quote: str
    location: str


@dataclass(frozen=True)
class RequirementResult:
    """One requirement: status, quoted evidence, and a library suggestion when missing or weak."""

    id: str
    status: str
    evidence: tuple[Quote, ...]
    suggestion: str | None


@dataclass(frozen=True)
class Conflict:
    """Clauses that contradict a requirement (for example an SRO role in discipline)."""

    requirement: str
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class SectionReadability:
    """Reading grade of one section."""

    section: str
    flesch_kincaid_grade: float | None
    sentences: int
    long_sentences: int


@dataclass
class Report:
    """Everything the analyzer found in one MOU."""

    requirements: list[RequirementResult]
    conflicts: list[Conflict]
    flesch_kincaid_grade: float | None
    sections: list[SectionReadability] = field(default_factory=list)
    sentence_count: int = 0

    def result(self, requirement: str) -> RequirementResult:
        """The result for one requirement id."""
        return next(r for r in self.requirements if r.id == requirement)

    def as_json(self) -> dict[str, Any]:
        """The documented JSON shape (extra keys only inside ``readability``)."""
        return {
            "requirements": [
                {
                    "id": r.id,
                    "status": r.status,
                    "evidence": [{"quote": q.quote, "location": q.location} for q in r.evidence],
                    "suggestion": r.suggestion,
                }
                for r in self.requirements
            ],
            "conflicts": [
                {
                    "requirement": c.requirement,
                    "quotes": [q.quote for q in c.quotes],
                    "locations": [q.location for q in c.quotes],
                }
                for c in self.conflicts
            ],
            "readability": {
                "flesch_kincaid_grade": self.flesch_kincaid_grade,
                "sentences": self.sentence_count,
                "sections": [
                    {
                        "section": s.section,
                        "flesch_kincaid_grade": s.flesch_kincaid_grade,
                        "sentences": s.sentences,
                        "long_sentences": s.long_sentences,
                    }
                    for s in self.sections
                ],
            },
        }

    def as_text(self) -> str:
        """A plain-text report for the terminal."""
        lines = []
        for r in self.requirements:
            lines.append(f"{r.status.upper():8} {r.id}")
            for q in r.evidence:
                lines.append(f"         “{q.quote}” ({q.location})")
            if r.suggestion:
                lines.append(f"         Suggested clause: {r.suggestion}")
        if self.conflicts:
            lines.append("")
            lines.append("CONFLICTS")
            for c in self.conflicts:
                lines.append(f"  {c.requirement}:")
                for q in c.quotes:
                    lines.append(f"    “{q.quote}” ({q.location})")
        lines.append("")
        lines.append(f"Reading grade (Flesch-Kincaid), whole document: {self.flesch_kincaid_grade}")
        for s in self.sections:
            lines.append(f"  section {s.section or '—'}: grade {s.flesch_kincaid_grade}")
        return "\n".join(lines) + "\n"
