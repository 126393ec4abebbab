"""Published worked examples and figures, reproduced through the engine by their printed numbers.

Two sources: the IDC guide's examples (first part) and OJJDP's national 2020 case-processing
figures for the relative rate index (last test; its sources are named at its constants).

Source of the IDC numbers: the IDC guide -- J. M. Bollmer, J. W. Bethel, T. E. Munk and A. R.
Bitterman, *Methods for Assessing Racial/Ethnic Disproportionality in Special Education: A
Technical Assistance Guide (Revised)*, IDEA Data Center / Westat, 2014 -- as reproduced, with
the guide's page numbers, in the Disproportionality Technical Assistance Tool (DTAT) of
B. Algozzine, C. Wang and P. Wang (UNC Charlotte, 2017), https://unccdtat.github.io/
(GitHub ``unccdtat/unccdtat.github.io``, ``index.html``, stored version at commit
02f513156851c8061e81c1866688f8f8f1ba6846). For each example DTAT prints the question, the
counts by race and ethnicity and the answer, citing the guide's pages; its section number is
quoted below with those pages. The guide itself could not be read past its
opening pages here, so these are the guide's examples *as DTAT reproduces them*.

The guide's examples do not apply the regulation's minimum cell size and n-size (one of them
rests on a single suspended student), so the engine runs with both minimums at 0. Each number
is compared with the printed figure to the places printed (``printed``).

Left out on purpose: DTAT 6.1 (weighted risk ratio for identification), whose printed ratio
".04/.02 = 2" divides weighted risks already rounded to two places; the 5.4 ratio, printed as
".0054/.0098 = 0.5" although those figures give 0.55 (its two rates are checked); DTAT 8.3 and
8.4, which DTAT marks "revised", so possibly not the guide's own; and the E-formula (DTAT 9.x), which
the engine does not compute.
"""

from __future__ import annotations

import math

import pytest

from secure.equity import EquityConfig, count_table_from_rows, equity_for_table, rri

GROUPS = (
    "Hispanic/Latino",
    "American Indian or Alaska Native",
    "Asian",
    "Black or African American",
    "Native Hawaiian or Other Pacific Islander",
    "White",
    "Two or more races",
)
HL, AI, A, B, NH, W, TWO = range(7)

# The tables DTAT reproduces, as (counts, enrolments) in the order of GROUPS.
IDENTIFICATION_ID = (
    (121, 11, 18, 316, 21, 732, 3),
    (6002, 311, 1213, 6224, 212, 34897, 3175),
)
"""Intellectual disabilities, one district (DTAT 3.1, 4.1, 6.1, 7.1, 8.1)."""
PLACEMENT_LT40 = (
    (98, 0, 18, 101, 2, 257, 26),
    (778, 17, 156, 752, 4, 2520, 146),
)
"""Inside the regular class less than 40% of the day (DTAT 3.2, 4.2, 6.2, 7.2, 8.2)."""
SUSPENSION_LE10 = (
    (0, 1, 1, 6, 0, 22, 2),
    (603, 22, 221, 889, 9, 4528, 282),
)
"""Out-of-school suspensions/expulsions totalling 10 days or less (DTAT 3.3, 4.3, 6.3, 7.3)."""
REMOVALS = (
    (4, 0, 3, 42, 1, 65, 1),
    (904, 14, 225, 1268, 9, 3024, 216),
)
"""Total disciplinary removals and child count (DTAT 3.4, 4.4, 6.4, 7.4)."""

STATE_ID = (
    (780, 47, 161, 3110, 45, 3935, 132),
    (69672, 1991, 13934, 73653, 1424, 238875, 15287),
)
"""The state for intellectual disabilities (DTAT 5.1 and 6.1).

DTAT's 5.1 table shows 76 for "Two or more" but a total of 8210, and its 6.1 table of the same
state shows 132, which sums to that total; the printed 1.49% needs 132.
"""
STATE_LT40 = (
    (1092, 31, 168, 1443, 23, 2365, 126),
    (5789, 190, 1308, 10052, 124, 20886, 1895),
)
"""The state for the less-than-40% placement (DTAT 5.2 and 6.2)."""
STATE_SUSPENSION = (
    (7, 2, 2, 55, 1, 95, 14),
    (7443, 253, 2249, 12757, 162, 27178, 2396),
)
"""The state for the short suspensions (DTAT 5.3 and 6.3)."""
STATE_REMOVALS = (
    (45, 8, 25, 135, 11, 228, 33),
    (7443, 253, 2249, 12757, 162, 27178, 2396),
)
"""The state for total disciplinary removals (DTAT 5.4 and 6.4)."""


def rows(table, *, unit):
    """Count-table rows of one unit and outcome from a (counts, enrolments) pair."""
    counts, populations = table
    return [
        {"unit": unit, "outcome": "example", "group": group, "count": c, "population": n}
        for group, c, n in zip(GROUPS, counts, populations, strict=True)
    ]


def run(district, state=None):
    """The engine on one district, without the regulation's minimum sizes."""
    return equity_for_table(
        table=count_table_from_rows(rows=district),
        state=None if state is None else count_table_from_rows(rows=rows(state, unit="state")),
        config=EquityConfig(min_cell=0, min_n=0),
    )


def printed(value, figure, places):
    """Whether ``value`` agrees with ``figure`` as printed to ``places`` decimal places."""
    return math.isfinite(value) and abs(value - figure) <= 0.5 * 10**-places + 1e-12


def test_printed_comparison_is_not_vacuous():
    """The comparison used below rejects a figure one unit off in the last printed place."""
    assert printed(2.567, 2.57, 2)
    assert not printed(2.567, 2.58, 2)
    assert not printed(math.nan, 2.57, 2)


@pytest.mark.parametrize(
    ("table", "group", "risk_pct", "others_pct", "ratio"),
    [
        # DTAT 3.1 and 4.1, guide pp. 11-12 and 16-17: Black children, intellectual
        # disabilities, "5.08%", all others "1.98%", "[5.08/1.98 = 2.57]".
        (IDENTIFICATION_ID, B, 5.08, 1.98, 2.57),
        # DTAT 3.2 and 4.2, guide pp. 12 and 18-19: Hispanic/Latino children with
        # disabilities inside the regular class < 40% of the day, "12.60%", others "11.24%",
        # "[12.60/11.24 = 1.12]".
        (PLACEMENT_LT40, HL, 12.60, 11.24, 1.12),
        # DTAT 3.3 and 4.3, guide pp. 13 and 19-20: Asian children with disabilities, short
        # out-of-school suspensions, ".45%", others ".49%", "[.45/.49 = 0.92]".
        (SUSPENSION_LE10, A, 0.45, 0.49, 0.92),
        # DTAT 3.4 and 4.4, guide pp. 13-14 and 21-22: removals per child, Two or more races
        # ".46%" (0.0046 per child), others "2.11%", "[.46/2.11 = 0.22]".
        (REMOVALS, TWO, 0.46, 2.11, 0.22),
    ],
)
def test_idc_guide_risk_and_risk_ratio_examples(table, group, risk_pct, others_pct, ratio):
    """The IDC guide's risk and risk ratio examples (ch. "Risk" and "Risk ratio") via DTAT.

    Risk = the group's count over its enrolment; the risk ratio divides it by the risk of all
    other groups of the district (34 CFR 300.647(a)(5)-(6)).
    """
    result = run(rows(table, unit="district"))
    assert printed(100 * result.risk[group], risk_pct, 2)
    assert printed(100 * result.comparison_risk[group], others_pct, 2)
    assert printed(result.risk_ratio[group], ratio, 2)


@pytest.mark.parametrize(
    ("group", "district", "state", "risk_pct", "state_others_pct", "ratio"),
    [
        # DTAT 5.1, guide pp. 24-25: Black children, intellectual disabilities, 189 of 4,697
        # in the district, "4.02%"; all others in the state "1.49%"; "[4.02/1.49 = 2.69]".
        (B, (189, 4697), STATE_ID, 4.02, 1.49, 2.69),
        # DTAT 5.2, guide pp. 25-27: Hispanic/Latino children, regular class < 40%, 229 of
        # 742, "30.86%"; others in the state "12.06%"; "[30.86/12.06 = 2.56]".
        (HL, (229, 742), STATE_LT40, 30.86, 12.06, 2.56),
        # DTAT 5.3, guide pp. 27-29: Native Hawaiian or Other Pacific Islander children, short
        # suspensions, 1 of 43, "2.33%"; others in the state ".33%"; "[2.33/.33 = 6.95]".
        (NH, (1, 43), STATE_SUSPENSION, 2.33, 0.33, 6.95),
        # DTAT 5.4, guide pp. 29-30: removals per child, Hispanic/Latino, 4 in 742, "0.54%";
        # others in the state "0.98%". Its printed ratio "0.5" is not checked (see module).
        (HL, (4, 742), STATE_REMOVALS, 0.54, 0.98, None),
    ],
)
def test_idc_guide_alternate_risk_ratio_examples(
    group, district, state, risk_pct, state_others_pct, ratio
):
    """The IDC guide's alternate risk ratio examples via DTAT.

    The district group's risk over the risk of all other groups in the *state* (34 CFR
    300.647(a)(1)); the state's comparison risk is read back as risk / alternate ratio. Only
    the group's own district row enters this ratio, so only that row is given (DTAT's other
    district cells are not needed, and in 5.2 show 1 child of 0 enrolled).
    """
    count, population = district
    only_row = {
        "unit": "district",
        "outcome": "example",
        "group": GROUPS[group],
        "count": count,
        "population": population,
    }
    result = run([only_row], state)
    risk, alternate = result.risk[0], result.alternate_risk_ratio[0]
    assert printed(100 * risk, risk_pct, 2)
    assert printed(100 * risk / alternate, state_others_pct, 2)
    if ratio is not None:
        assert printed(alternate, ratio, 2)


@pytest.mark.parametrize(
    ("district", "state", "group", "ratio"),
    [
        # DTAT 6.2, guide pp. 36-39: Hispanic/Latino children, regular class < 40%, weighted
        # risks "0.11" and "0.10", "weighted risk ratio was [0.11/0.10 = 1.08]".
        (PLACEMENT_LT40, STATE_LT40, HL, 1.08),
        # DTAT 6.3, guide pp. 40-43: Asian children, short suspensions, weighted risks
        # "0.0043" and "0.0047", "[0.0043/0.0047 = 0.92]".
        (SUSPENSION_LE10, STATE_SUSPENSION, A, 0.92),
        # DTAT 6.4, guide pp. 43-46: removals per child, Two or more races, "0.0044" and
        # "0.0210", "[0.0044/0.0210 = 0.21]".
        (REMOVALS, STATE_REMOVALS, TWO, 0.21),
    ],
)
def test_idc_guide_weighted_risk_ratio_examples(district, state, group, ratio):
    """The IDC guide's weighted risk ratio examples via DTAT.

    District risks weighted by each group's share of the state's enrolment (Westat's
    weighted risk ratio); the weights come from the state table's enrolments.
    """
    result = run(rows(district, unit="district"), state)
    assert printed(result.weighted_risk_ratio[group], ratio, 2)


@pytest.mark.parametrize(
    ("table", "group", "difference", "scale", "places"),
    [
        # DTAT 7.1, guide pp. 48-49: Black children, intellectual disabilities, "3.10
        # percentage points higher" (5.08% against 1.98%).
        (IDENTIFICATION_ID, B, 3.10, 100, 2),
        # DTAT 7.2, guide pp. 49-50: Hispanic/Latino children, regular class < 40%, "1.36
        # percentage points higher" (12.60% against 11.24%).
        (PLACEMENT_LT40, HL, 1.36, 100, 2),
        # DTAT 7.3, guide pp. 49-50: Asian children, short suspensions, "0.04% lower" (0.45%
        # against 0.49%), i.e. -0.04 percentage points.
        (SUSPENSION_LE10, A, -0.04, 100, 2),
        # DTAT 7.4, guide pp. 51-52: removals per child, Two or more races, ".0046" against
        # "0.0211", "0.02 less".
        (REMOVALS, TWO, -0.02, 1, 2),
    ],
)
def test_idc_guide_risk_difference_examples(table, group, difference, scale, places):
    """The IDC guide's risk difference examples via DTAT: group risk minus all others' risk."""
    result = run(rows(table, unit="district"))
    assert printed(scale * result.risk_difference[group], difference, places)


@pytest.mark.parametrize(
    ("table", "group", "composition_pct", "difference_pp", "relative_pct"),
    [
        # DTAT 8.1, guide pp. 54-55: Black children are "25.86%" of those served for
        # intellectual disabilities, "13.90 percentage points higher" than their share of
        # enrolment, "116.19% higher" relatively.
        (IDENTIFICATION_ID, B, 25.86, 13.90, 116.19),
        # DTAT 8.2, guide pp. 56-58: Hispanic/Latino children are "19.52%" of those inside
        # the regular class < 40% of the day, "1.73 percentage points higher", "9.73% larger".
        (PLACEMENT_LT40, HL, 19.52, 1.73, 9.73),
    ],
)
def test_idc_guide_composition_examples(table, group, composition_pct, difference_pp, relative_pct):
    """The IDC guide's composition examples via DTAT.

    Composition is the group's share of the children with the outcome; the difference is that
    share minus the group's share of enrolment; the relative difference divides the
    difference by the enrolment share (computed here from the engine's two columns).
    """
    result = run(rows(table, unit="district"))
    composition = result.composition[group]
    difference = result.composition_difference[group]
    assert printed(100 * composition, composition_pct, 2)
    assert printed(100 * difference, difference_pp, 2)
    assert printed(100 * difference / result.population_share[group], relative_pct, 2)


# OJJDP's national case-processing figures for 2020, males, by race/ethnicity.
# Counts: OJJDP Statistical Briefing Book, National Racial and Ethnic Disparities (R/ED)
# Databook (successor of the DMC Databook), "2020 Case Processing Summary: by gender and
# race/ethnicity, Counts for Delinquency Offenses", Males
# (https://www.ojjdp.gov/ojstatbb/r-ed-databook/asp/display.asp?display_in=3); OJJDP prints
# them rounded to the nearest 100. Rates and ratios of rates: the Briefing Book's Racial and
# Ethnic Fairness table "Case processing characteristics of delinquency offenses by gender and
# race, 2020", cases involving males
# (https://www.ojjdp.gov/OJSTATBB/special_topics/qa11604.asp?qaDate=2020), one decimal.
OJJDP_GROUPS = ("White", "Black", "AIAN", "ANHPI", "Hispanic")
OJJDP_POPULATION = (8_752_200, 2_468_900, 310_700, 988_200, 4_038_700)
OJJDP_STAGES = {
    "referred": (159_200, 129_700, 6_900, 4_500, 71_800),
    "diverted": (48_000, 21_700, 1_500, 1_100, 16_500),
    "detained": (32_500, 41_000, 2_000, 1_300, 23_700),
    "petitioned": (83_500, 83_400, 4_300, 2_500, 39_700),
    "adjudicated": (42_300, 39_200, 2_300, 1_300, 22_100),
    "probation": (29_000, 23_800, 1_600, 900, 14_500),
    "placement": (9_500, 13_000, 600, 300, 7_000),
}
OJJDP_BASES = {
    # The Databook's matrix: referrals for diversion, detention and petition; petitions for
    # adjudication; adjudications for probation and placement (population for referral).
    "diverted": "referred",
    "detained": "referred",
    "petitioned": "referred",
    "adjudicated": "petitioned",
    "probation": "adjudicated",
    "placement": "adjudicated",
}
OJJDP_PUBLISHED = {
    # stage: (per, rates White/Black/AIAN/ANHPI/Hispanic, ratios Black/AIAN/ANHPI/Hispanic)
    "referred": (1000, (18.2, 52.5, 22.2, 4.6, 17.8), (2.9, 1.2, 0.3, 1.0)),
    "diverted": (100, (30.1, 16.7, 21.0, 25.2, 23.1), (0.6, 0.7, 0.8, 0.8)),
    "detained": (100, (20.4, 31.6, 28.8, 29.4, 33.0), (1.6, 1.4, 1.4, 1.6)),
    "petitioned": (100, (52.4, 64.3, 62.8, 55.1, 55.3), (1.2, 1.2, 1.1, 1.1)),
    "adjudicated": (100, (50.6, 47.0, 53.5, 53.8, 55.7), (0.9, 1.1, 1.1, 1.1)),
    "probation": (100, (68.7, 60.7, 67.7, 69.0, 65.5), (0.9, 1.0, 1.0, 1.0)),
    "placement": (100, (22.5, 33.2, 24.1, 22.4, 31.8), (1.5, 1.1, 1.0, 1.4)),
}
ROUNDED_TO = 100
"""OJJDP rounds the counts to the nearest 100, so each true count is within 50 of it."""


def rate_range(count, base):
    """The range a rate can take when both counts are only known to the nearest 100."""
    half = ROUNDED_TO / 2
    return (count - half) / (base + half), (count + half) / (base - half)


def ojjdp_cells():
    """The (stage, group position) pairs checked.

    Every group at referral, where the counts are in the thousands; the later stages only for
    White, Black and Hispanic youth, whose counts are large enough that rounding them to the
    nearest 100 still leaves the printed figure testable.
    """
    for stage in OJJDP_STAGES:
        for position in range(len(OJJDP_GROUPS)):
            if stage == "referred" or OJJDP_GROUPS[position] in {"White", "Black", "Hispanic"}:
                yield stage, position


@pytest.mark.parametrize(("stage", "position"), list(ojjdp_cells()))
def test_ojjdp_2020_case_processing_rates_and_ratios(stage, position):
    """OJJDP's 2020 national rates and ratios of rates for males, recomputed from its counts.

    The rate at each decision point is its count over the count at its base, per 1,000 youth
    for referral and per 100 cases after; the ratio is the group's rate over White youth's
    (OJJDP DMC manual, ch. 1, as implemented in ``rri``). The engine works on the printed
    counts, which are rounded to the nearest 100; it must land on the printed figure within
    half its last place plus the most that rounding the counts can move the result.
    """
    per, published_rates, published_ratios = OJJDP_PUBLISHED[stage]
    rates = rri.decision_point_rates(
        population=OJJDP_POPULATION, stages=OJJDP_STAGES, bases=OJJDP_BASES
    )
    indexes = rri.relative_rate_indexes(
        groups=OJJDP_GROUPS,
        population=OJJDP_POPULATION,
        stages=OJJDP_STAGES,
        bases=OJJDP_BASES,
        min_count=0,
        min_base=0,
    )
    rate, base = rates[stage][0][position], int(rates[stage][1][position])
    low, high = rate_range(OJJDP_STAGES[stage][position], base)
    slack = per * max(high - rate, rate - low)
    assert abs(per * rate - published_rates[position]) <= 0.05 + slack
    if position > 0:
        white_low, white_high = rate_range(OJJDP_STAGES[stage][0], int(rates[stage][1][0]))
        index = indexes[stage][position]
        index_slack = max(high / white_low - index, index - low / white_high)
        assert abs(index - published_ratios[position - 1]) <= 0.05 + index_slack
