"""Sentence segmentation of numbered and scanned MOUs, and the reading grade."""

from __future__ import annotations

from secure.agreements.analyzer import analyze_text
from secure.agreements.analyzer.extract import Page
from secure.agreements.analyzer.readability import flesch_kincaid_grade, syllables
from secure.agreements.analyzer.segment import sentences, sentences_from_text


def test_numbered_legal_formatting_gives_sections_and_strips_numbers():
    """'4.2', '(a)' and 'ARTICLE IV' become locations, not parts of the quoted sentence."""
    found = sentences_from_text(
        "ARTICLE IV - DUTIES\n4.1 The SRO keeps the school safe.\n(a) The SRO carries a radio.\n4.2 The SRO reports to the chief."
    )
    assert [(s.section, s.text) for s in found] == [
        ("4.1", "The SRO keeps the school safe."),
        ("4.1", "The SRO carries a radio."),
        ("4.2", "The SRO reports to the chief."),
    ]


def test_abbreviations_do_not_end_sentences():
    """'U.S.' and 'e.g.' stay inside their sentence."""
    found = sentences_from_text(
        "The U.S. Department of Education, e.g. its OCR, agrees. Both sign."
    )
    assert [s.text for s in found] == [
        "The U.S. Department of Education, e.g. its OCR, agrees.",
        "Both sign.",
    ]


def test_scan_noise_is_cleaned_before_matching():
    """Hyphenation across lines, page footers, spaced capitals and stray bars do not break a clause."""
    text = "4.2 The S R O shall not be used for school disci-\npline | or to enforce the code of con-\nduct.\nPage 3 of 12\n"
    [sentence] = sentences_from_text(text)
    assert (
        sentence.text
        == "The SRO shall not be used for school discipline or to enforce the code of conduct."
    )
    assert analyze_text(text).result("discipline_prohibition").status == "met"


def test_locations_name_page_and_line():
    """Evidence from a PDF says which page and line it came from."""
    [sentence] = sentences(
        [
            Page(number=1, text="Preamble text here."),
            Page(number=2, text="\n\nThe SRO keeps the school safe."),
        ][1:]
    )
    assert sentence.location == "page 2, line 3"


def test_syllable_counter_on_common_words():
    """The counter handles silent e, -ed, -le and diphthong splits."""
    assert [
        syllables(w)
        for w in (
            "the",
            "school",
            "officer",
            "discipline",
            "agreed",
            "table",
            "education",
            "police",
        )
    ] == [1, 1, 3, 3, 2, 2, 4, 2]


def test_flesch_kincaid_grade_matches_the_formula():
    """Six one-syllable words in one sentence: 0.39×6 + 11.8×1 − 15.59 = −1.45."""
    assert flesch_kincaid_grade(["The cat sat on the mat."]) == round(
        0.39 * 6 + 11.8 * 1 - 15.59, 1
    )
    assert flesch_kincaid_grade(["The cat sat.", "The dog ran."]) == round(
        0.39 * 3 + 11.8 - 15.59, 1
    )
    assert flesch_kincaid_grade([]) is None


def test_report_gives_whole_document_and_section_grades_and_flags_long_sentences():
    """Plain sentences score lower than legalese, per section, and sentences over 30 words are counted."""
    legalese = (
        "2.1 Notwithstanding any provision hereinafter enumerated, the aforementioned constabulary "
        "personnel shall, in consultation with administrative authorities, exercise investigatory "
        "prerogatives consistent with applicable constitutional jurisprudence and institutional "
        "regulations governing educational environments and associated organizational obligations."
    )
    report = analyze_text("1.1 The SRO keeps the school safe. We read it with you.\n" + legalese)
    grades = {s.section: s for s in report.sections}
    assert grades["1"].flesch_kincaid_grade < 6 < grades["2"].flesch_kincaid_grade
    assert grades["2"].long_sentences == 1 and grades["1"].long_sentences == 0
    assert report.flesch_kincaid_grade is not None
