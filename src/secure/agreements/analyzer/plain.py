"""The plain-language check: reading grade per section, long sentences and legal or police jargon.

The jargon list is our own (decision 0055): each entry is a phrase that makes an MOU harder for
students and families to read, with plainer wording to use instead. The phrases and the plainer
wording are English because the MOU text they check is English; the note explaining an entry is
shown in the reader's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .readability import flesch_kincaid_grade, words
from .segment import split_sentences

LONG_SENTENCE_WORDS = 30


@dataclass(frozen=True)
class Jargon:
    """One phrase to avoid and what to write instead."""

    term: str
    plain: str
    note: str | Promise = ""
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Whole words, any case, with any run of spaces or line breaks between the words.
        body = r"\s+".join(re.escape(part) for part in self.term.split())
        object.__setattr__(self, "pattern", re.compile(rf"\b{body}\b", re.IGNORECASE))


JARGON: tuple[Jargon, ...] = (
    Jargon("pursuant to", "under"),
    Jargon("in accordance with", "following"),
    Jargon("effectuate", "carry out"),
    Jargon("heretofore", "until now"),
    Jargon("hereinafter", "from now on (or name the term once)"),
    Jargon("herein", "in this MOU"),
    Jargon("thereof", "of it"),
    Jargon("whereas", "because (or drop it)"),
    Jargon("notwithstanding", "even if / despite"),
    Jargon("shall be deemed", "counts as"),
    Jargon("in lieu of", "instead of"),
    Jargon("prior to", "before"),
    Jargon("subsequent to", "after"),
    Jargon("commence", "start"),
    Jargon("terminate", "end"),
    Jargon("utilize", "use"),
    Jargon("aforementioned", "this / that"),
    Jargon("juvenile", "young person / student"),
    Jargon("juveniles", "young people / students"),
    Jargon("perpetrator", "the person who did it"),
    Jargon("apprehend", "arrest / stop"),
    Jargon("custodial interrogation", "questioning while the student is not free to leave"),
    Jargon(
        "exigent circumstances",
        "an emergency",
        _(
            "Explain it: an emergency where someone could be hurt or evidence lost if officers wait."
        ),
    ),
    Jargon(
        "probable cause",
        "strong reasons, based on facts, to believe a crime happened",
        _("Keep the legal term if you must, but explain it the first time it appears."),
    ),
    Jargon(
        "reasonable suspicion",
        "a specific reason, based on facts, to suspect something",
        _("Keep the legal term if you must, but explain it the first time it appears."),
    ),
    Jargon("in loco parentis", "in place of a parent"),
    Jargon("indemnify", "pay the costs for"),
    Jargon("adjudicated", "decided by a court"),
    Jargon("mutatis mutandis", "with the needed changes"),
)


@dataclass(frozen=True)
class JargonHit:
    """A jargon phrase found in a text, as written there."""

    found: str
    plain: str
    note: str | Promise


@dataclass(frozen=True)
class SectionCheck:
    """The plain-language check of one section."""

    index: int
    heading: str
    grade: float | None
    long_sentences: list[str]
    jargon: list[JargonHit]


def find_jargon(text: str) -> list[JargonHit]:
    """Every jargon phrase in ``text``, once each, in the order they first appear."""
    hits: list[tuple[int, JargonHit]] = []
    taken: list[tuple[int, int]] = []
    # Longer phrases first, so "custodial interrogation" wins over a shorter phrase inside it.
    for entry in sorted(JARGON, key=lambda j: -len(j.term)):
        match = entry.pattern.search(text)
        if match is None:
            continue
        span = match.span()
        if any(start < span[1] and span[0] < end for start, end in taken):
            continue
        taken.append(span)
        hits.append((span[0], JargonHit(found=match.group(0), plain=entry.plain, note=entry.note)))
    return [hit for _start, hit in sorted(hits, key=lambda h: h[0])]


def check_section(index: int, heading: str, body: str) -> SectionCheck:
    """Grade, long sentences and jargon of one section."""
    sentences = split_sentences(body)
    return SectionCheck(
        index=index,
        heading=heading,
        grade=flesch_kincaid_grade(sentences),
        long_sentences=[s for s in sentences if len(words(s)) > LONG_SENTENCE_WORDS],
        jargon=find_jargon(f"{heading}\n{body}"),
    )


def check_sections(sections: list[dict[str, str]]) -> list[SectionCheck]:
    """The plain-language check of every section of a draft."""
    return [check_section(i, s["heading"], s["body"]) for i, s in enumerate(sections)]
