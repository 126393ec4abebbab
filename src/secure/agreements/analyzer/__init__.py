"""The MOU analyzer: what an MOU covers, misses or contradicts, with quoted evidence.

``analyze_text(text)`` or ``analyze_pages(pages)`` returns a ``Report``; ``analyze_upload(name,
data)`` reads a PDF (text layer), DOCX or text file first and raises ``ExtractionError`` with a
plain message when there is nothing to read (a scan without a text layer).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..library import clause_for_requirement
from .extract import ExtractionError, Page, pages_from_upload
from .matching import MET
from .readability import flesch_kincaid_grade, words
from .report import Conflict, Quote, Report, RequirementResult, SectionReadability
from .rules import REQUIREMENT_IDS, RULES
from .segment import Sentence, sentences

__all__ = [
    "REQUIREMENT_IDS",
    "ExtractionError",
    "Page",
    "Report",
    "analyze_pages",
    "analyze_text",
    "analyze_upload",
]

# Plain-language guidance: sentences longer than this are flagged.
LONG_SENTENCE_WORDS = 30


def _quote(sentence: Sentence) -> Quote:
    return Quote(quote=sentence.text, location=sentence.location)


def _suggestion(requirement: str, status: str) -> str | None:
    if status == MET:
        return None
    clause = clause_for_requirement(requirement)
    return clause.render({}) if clause else None


def _sections(found: list[Sentence]) -> list[SectionReadability]:
    grouped: dict[str, list[str]] = {}
    for s in found:
        top = s.section.split(".")[0] if s.section[:1].isdigit() else s.section
        grouped.setdefault(top, []).append(s.text)
    return [
        SectionReadability(
            section=name,
            flesch_kincaid_grade=flesch_kincaid_grade(texts),
            sentences=len(texts),
            long_sentences=sum(len(words(t)) > LONG_SENTENCE_WORDS for t in texts),
        )
        for name, texts in grouped.items()
    ]


def analyze_pages(pages: Iterable[Page]) -> Report:
    """Run every rule over the document's sentences."""
    found = sentences(pages)
    results: list[RequirementResult] = []
    conflicts: list[Conflict] = []
    for requirement, rule in RULES.items():
        outcome = rule(found)
        results.append(
            RequirementResult(
                id=requirement,
                status=outcome.status,
                evidence=tuple(_quote(s) for s in outcome.evidence),
                suggestion=_suggestion(requirement, outcome.status),
            )
        )
        if outcome.contrary:
            quotes = [*outcome.contrary, *outcome.evidence]
            conflicts.append(Conflict(requirement, tuple(_quote(s) for s in quotes)))
    return Report(
        requirements=results,
        conflicts=conflicts,
        flesch_kincaid_grade=flesch_kincaid_grade([s.text for s in found]),
        sections=_sections(found),
        sentence_count=len(found),
    )


def analyze_text(text: str) -> Report:
    """Analyse an MOU given as a string."""
    return analyze_pages([Page(number=1, text=text)])


def analyze_upload(name: str, data: bytes) -> Report:
    """Analyse an uploaded PDF, DOCX or text file."""
    return analyze_pages(pages_from_upload(name, data))
