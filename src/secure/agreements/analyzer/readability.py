"""Reading grade level: Flesch-Kincaid grade from our own small syllable counter (decision 0051)."""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
# Endings that add a syllable the vowel-group count misses, or that hide a silent vowel.
_SILENT_E = re.compile(r"[^aeiouyl]e$")
_ED_SILENT = re.compile(r"[^dtaeiouy]ed$")
_ES_SILENT = re.compile(r"[^aeiouyszxhgc]es$|[^cs]hes$")
_CONSONANT_LE = re.compile(r"[^aeiouy]le$")
_EXTRA_SYLLABLE = re.compile(
    r"(?:(?<![cgst])ia|(?<![cgst])io[^u]|ua|uo|eo|iet|ien|ium|ism$|[^aeiou]ea)"
)


def words(text: str) -> list[str]:
    """The words of ``text`` (letters and inner apostrophes)."""
    return _WORD.findall(text)


def syllables(word: str) -> int:
    """An estimate of the syllables in one English word, at least one."""
    w = word.lower().strip("'")
    if len(w) <= 3:
        return 1
    count = len(_VOWEL_GROUP.findall(w))
    silent_e = bool(_SILENT_E.search(w)) and not _CONSONANT_LE.search(w)
    if silent_e or _ED_SILENT.search(w) or _ES_SILENT.search(w):
        count -= 1
    count += len(_EXTRA_SYLLABLE.findall(w))
    return max(1, count)


def flesch_kincaid_grade(sentences: list[str]) -> float | None:
    """The Flesch-Kincaid grade of a list of sentences, to one decimal; None without words."""
    counted = [words(s) for s in sentences]
    counted = [ws for ws in counted if ws]
    total_words = sum(len(ws) for ws in counted)
    if not total_words:
        return None
    total_syllables = sum(syllables(w) for ws in counted for w in ws)
    grade = 0.39 * total_words / len(counted) + 11.8 * total_syllables / total_words - 15.59
    return round(grade, 1)
