"""Sentences with their locations, out of noisy MOU text.

MOUs come with numbered legal formatting ("4.2", "(a)", "ARTICLE IV"), page headers and footers,
and from scans with words hyphenated across lines, ligatures and stray characters. This module
cleans those up and yields one ``Sentence`` per sentence or list item, with the section it sits in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .extract import Page

_PAGE_FURNITURE = re.compile(
    r"^\s*(?:page\s+\d+(?:\s+of\s+\d+)?|-?\s*\d{1,3}\s*-?|\d+\s*/\s*\d+)\s*$", re.IGNORECASE
)
# "4.", "4.2", "4.2.1)", "(a)", "a.", "iv.", "Section 4.", "Article IV", "§ 4".
_NUMBERING = re.compile(
    r"^\s*(?:(?:section|article|sec\.|art\.|§)\s*)?"
    r"(?P<num>\d+(?:\.\d+)*\.?|\(?[a-z]\)|[a-z]\.|\(?[ivxlc]+[.)]|[IVXLC]+\.?(?=\s))"
    r"(?=\s|$)\s*",
    re.IGNORECASE,
)
_HEADING_WORD = re.compile(r"^\s*(?:section|article|part|§)\s*([0-9]+|[IVXLC]+)\b", re.I)
_ABBREVIATIONS = re.compile(
    r"\b(?:U\.S|e\.g|i\.e|etc|No|Nos|Sec|Art|Inc|Dr|Mr|Mrs|Ms|St|v|vs|Stat|Ann|Ch|Para|approx)\.$"
    r"|\b[A-Z]\.$",
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9(])")
_SPACED_CAPITALS = re.compile(r"\b(?:[A-Z] ){1,4}[A-Z]\b")
_NOISE = re.compile(r"[|¦•■□▪◦●_~^`]+")


@dataclass(frozen=True)
class Sentence:
    """One sentence or list item and where it is: page, line and section number or heading."""

    text: str
    page: int
    line: int
    section: str

    @property
    def location(self) -> str:
        """Where to find it, in words: ``section 4.2, page 3, line 12``."""
        parts = []
        if self.section:
            parts.append(f"section {self.section}")
        parts.append(f"page {self.page}")
        parts.append(f"line {self.line}")
        return ", ".join(parts)


def clean_line(line: str) -> str:
    """Unicode ligatures and quotes folded, scan noise removed, spacing collapsed."""
    line = unicodedata.normalize("NFKC", line)
    line = line.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    line = _NOISE.sub(" ", line)
    line = _SPACED_CAPITALS.sub(lambda m: m.group(0).replace(" ", ""), line)
    return " ".join(line.split())


def _is_heading(line: str) -> bool:
    """A short line with no sentence punctuation at its end, mostly capitalised words."""
    body = _NUMBERING.sub("", line, count=1).strip()
    if not body or len(body) > 80 or body[-1] in ".;:,":
        return False
    letters = [w for w in body.split() if w[:1].isalpha()]
    return bool(letters) and sum(w[0].isupper() for w in letters) >= max(1, len(letters) * 0.6)


def _blocks(pages: Iterable[Page]) -> Iterable[tuple[str, int, int, str]]:
    """Paragraph-like blocks (text, page, first line, section), joining wrapped lines."""
    section = ""
    buffer: list[str] = []
    start = (1, 1)
    for page in pages:
        for number, raw in enumerate(page.text.splitlines(), start=1):
            line = clean_line(raw)
            if not line or _PAGE_FURNITURE.match(line):
                if buffer and not line:
                    yield " ".join(buffer), start[0], start[1], section
                    buffer = []
                continue
            numbered = _NUMBERING.match(line)
            heading_word = _HEADING_WORD.match(line)
            if numbered or heading_word or _is_heading(line):
                if buffer:
                    yield " ".join(buffer), start[0], start[1], section
                    buffer = []
                if heading_word:
                    section = heading_word.group(1)
                elif numbered and re.match(r"\d", numbered.group("num")):
                    section = numbered.group("num").rstrip(".")
                elif not numbered:
                    section = line[:60]
                if _is_heading(line):
                    continue
                line = _NUMBERING.sub("", line, count=1) if numbered else line
            if not buffer:
                start = (page.number, number)
            if buffer and buffer[-1].endswith("-") and line[:1].islower():
                buffer[-1] = buffer[-1][:-1] + line  # a word hyphenated across lines
            else:
                buffer.append(line)
    if buffer:
        yield " ".join(buffer), start[0], start[1], section


def split_sentences(text: str) -> list[str]:
    """Split a block into sentences, keeping abbreviations such as "U.S." and "e.g." whole."""
    pieces: list[str] = []
    pending = ""
    last = 0
    for match in _SENTENCE_END.finditer(text):
        chunk = text[last : match.start()]
        last = match.end()
        candidate = (pending + " " + chunk).strip() if pending else chunk.strip()
        if _ABBREVIATIONS.search(candidate.rstrip("\"')”’")):
            pending = candidate
            continue
        pieces.append(candidate)
        pending = ""
    tail = text[last:].strip()
    tail = (pending + " " + tail).strip() if pending else tail
    if tail:
        pieces.append(tail)
    return [p for p in pieces if re.search(r"[A-Za-z]{2}", p)]


def sentences(pages: Iterable[Page]) -> list[Sentence]:
    """Every sentence of the document, in order, with its location."""
    found: list[Sentence] = []
    for text, page, line, section in _blocks(pages):
        for piece in split_sentences(text):
            found.append(Sentence(text=piece, page=page, line=line, section=section))
    return found


def sentences_from_text(text: str) -> list[Sentence]:
    """Sentences of a plain string (one page)."""
    return sentences([Page(number=1, text=text)])
