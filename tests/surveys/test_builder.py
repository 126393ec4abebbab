"""The instrument builder: pages, questions, options, scales, skip logic, wording, versions."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from secure.audit.models import AuditEvent
from secure.surveys.models import Instrument, Question, Response, Section
from secure.surveys.services import builder, responding
from secure.surveys.services.campaigns import campaign_create

from .factories import campaign_for, instrument_for, school_for

pytestmark = pytest.mark.django_db

BASE = "/p/riverside/surveys/instruments"


@pytest.fixture
def admin(client_for) -> Client:
    return client_for("riverside", "partnership_admin")


def new_instrument(admin: Client, **extra) -> Instrument:
    data = {
        "key": "bus-safety",
        "kind": "perception",
        "title_en": "Safety on the bus",
        "title_es": "Seguridad en el autobús",
        "groups": ["student", "family"],
        "languages": ["en", "es"],
        **extra,
    }
    response = admin.post(f"{BASE}/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Instrument.objects.get(key=data["key"])


def question_data(instrument: Instrument, **extra) -> dict:
    section = instrument.sections.order_by("position").first()
    return {
        "section": section.pk,
        "code": "bus_safe",
        "kind": "single",
        "text_en": "How safe is the ride to school?",
        "text_es": "¿Qué tan seguro es el viaje a la escuela?",
        "option_rows": "3",
        "option_0_value": "safe",
        "option_0_en": "Safe",
        "option_0_es": "Seguro",
        "option_1_value": "unsafe",
        "option_1_en": "Not safe",
        "option_1_es": "No es seguro",
        "group_family_en": "How safe is your child's ride to school?",
        "group_family_es": "¿Qué tan seguro es el viaje de su hijo o hija a la escuela?",
        **extra,
    }


def test_build_an_instrument_and_answer_it_in_both_languages(riverside, admin):
    instrument = new_instrument(admin)
    assert instrument.languages == ["en", "es"] and instrument.sections.count() == 1
    assert (
        admin.post(
            f"{BASE}/{instrument.pk}/scales/new/",
            {"code": "bus", "name_en": "Bus safety", "name_es": "Seguridad en el autobús"},
        ).status_code
        == 302
    )
    scale = instrument.scales.get()
    assert (
        admin.post(f"{BASE}/{instrument.pk}/questions/new/", question_data(instrument)).status_code
        == 302
    )
    assert (
        admin.post(
            f"{BASE}/{instrument.pk}/pages/new/",
            {"title_en": "The driver", "title_es": "El conductor"},
        ).status_code
        == 302
    )
    page2 = instrument.sections.get(position=2)
    likert = question_data(
        instrument,
        section=page2.pk,
        code="driver_calm",
        kind="likert",
        text_en="The driver stays calm.",
        text_es="El conductor mantiene la calma.",
        scale=scale.pk,
        option_0_value="",
        option_0_en="",
        option_0_es="",
        option_1_value="",
        option_1_en="",
        option_1_es="",
        group_family_en="",
        group_family_es="",
        show_if_question="bus_safe",
        show_if_values="safe, unsafe",
    )
    assert admin.post(f"{BASE}/{instrument.pk}/questions/new/", likert).status_code == 302
    calm = Question.objects.get(code="driver_calm")
    assert calm.options[0]["value"] == 1 and calm.scale == scale
    assert calm.show_if == {"question": "bus_safe", "values": ["safe", "unsafe"]}
    first = Question.objects.get(code="bus_safe")
    assert first.option_values() == ["safe", "unsafe"]
    assert first.text_for(group="family", language="es").startswith(
        "¿Qué tan seguro es el viaje de su hijo"
    )
    today = timezone.localdate()
    campaign = campaign_create(
        partnership=riverside,
        instrument=instrument,
        name="Bus",
        groups=["family"],
        schools=[school_for(riverside)],
        languages=["en", "es"],
        opens_on=today,
        closes_on=today + datetime.timedelta(days=5),
    )
    link = campaign.links.get()
    started = responding.response_start_from_link(link=link, language="es")
    page = Client().get(f"/s/{link.token}/{started.response.token}/1/").content.decode()
    assert "su hijo o hija" in page and "No es seguro" in page
    # an instrument with answers is kept as it was
    assert builder.instrument_is_locked(instrument)
    page = admin.get(f"{BASE}/{instrument.pk}/questions/{first.pk}/").content.decode()
    assert "This instrument has answers" in page and 'name="text_en"' not in page
    refused = admin.post(
        f"{BASE}/{instrument.pk}/questions/{first.pk}/",
        question_data(instrument, text_en="Changed"),
    )
    assert refused.status_code == 200
    first.refresh_from_db()
    assert first.text["en"] == "How safe is the ride to school?"


def test_errors_keep_what_was_typed(riverside, admin):
    instrument = new_instrument(admin)
    missing = question_data(instrument, text_es="", option_1_es="")
    page = admin.post(f"{BASE}/{instrument.pk}/questions/new/", missing).content.decode()
    assert "Write this in Spanish." in page
    assert "How safe is the ride to school?" in page and "No es seguro" not in page
    assert "Not safe" in page  # the half-filled option row is still there
    assert not Question.objects.exists()
    no_title = admin.post(
        f"{BASE}/new/",
        {
            "key": "x",
            "kind": "perception",
            "title_en": "Only English",
            "groups": ["student"],
            "languages": ["en", "es"],
        },
    )
    assert no_title.status_code == 200 and "Only English" in no_title.content.decode()
    assert "Write this in Spanish." in no_title.content.decode()
    more = admin.post(
        f"{BASE}/{instrument.pk}/questions/new/", {**question_data(instrument), "more_options": "1"}
    )
    text = more.content.decode()
    assert 'name="option_5_value"' in text and "No es seguro" in text
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"option_1_value": "", "option_1_en": "", "option_1_es": ""}, builder.FEW_OPTIONS),
        ({"option_1_value": "safe"}, builder.OPTION_VALUE_REPEATED.format(value="safe")),
        ({"option_1_en": ""}, builder.OPTION_VALUE_MISSING),
        ({"code": "Bad Code"}, builder.CODE_INVALID),
        ({"reverse": "on"}, builder.REVERSE_NEEDS_SCALE),
        ({"minimum": "3"}, builder.RANGE_ONLY_NUMBERS),
        ({"kind": "numeric", "minimum": "9", "maximum": "2"}, builder.RANGE_BACKWARDS),
    ],
)
def test_question_rules(riverside, change, message):
    instrument = builder.instrument_create(
        partnership=riverside,
        key="t",
        kind="perception",
        title={"en": "T", "es": "T"},
        description={},
        groups=["student"],
        languages=["en", "es"],
    )
    section = instrument.sections.get()
    data = {
        "section": section,
        "code": "q",
        "kind": "single",
        "text": {"en": "Q", "es": "P"},
        "hint": {},
        "group_text": {},
        "options": [
            {"value": "safe", "label": {"en": "Safe", "es": "Seguro"}},
            {"value": "unsafe", "label": {"en": "Not safe", "es": "No"}},
        ],
        "scale": None,
        "reverse": False,
        "required": False,
        "minimum": None,
        "maximum": None,
        "groups": [],
        "show_if_question": "",
        "show_if_values": [],
    }
    for key, value in change.items():
        if key.startswith("option_"):
            _o, index, part = key.split("_")
            if part == "value":
                data["options"][int(index)]["value"] = value
            else:
                data["options"][int(index)]["label"][part] = value
        elif key in ("minimum", "maximum"):
            data[key] = int(value)
        elif key == "reverse":
            data["reverse"] = True
        else:
            data[key] = value
    with pytest.raises(ValidationError) as error:
        builder.question_save(
            instrument=instrument, question=None, data=builder.QuestionData(**data)
        )
    assert str(message) in " ".join(error.value.messages)


def test_skip_logic_only_looks_back_and_protects_its_source(riverside, admin):
    instrument = instrument_for(riverside)  # the library climate survey, not yet used
    sro_page = instrument.sections.get(position=3)
    # the page that depends on "know_sro" (page 1) may move up to page 2, never before page 1
    source_page = Question.objects.get(section__instrument=instrument, code="know_sro").section
    assert source_page.position == 1
    assert builder.section_move(section=sro_page, step=-1).position == 2
    with pytest.raises(ValidationError) as error:
        builder.section_move(section=sro_page, step=-1)
    assert "know_sro" in error.value.messages[0]
    sro_page.refresh_from_db()
    assert sro_page.position == 2
    dependant = Question.objects.get(section__instrument=instrument, code="sro_trust_help")
    with pytest.raises(ValidationError) as error:
        builder.question_delete(
            question=Question.objects.get(section__instrument=instrument, code="know_sro")
        )
    assert "sro_trust_help" in error.value.messages[0]
    data = question_data(
        instrument,
        section=source_page.pk,
        code="early",
        show_if_question="sro_trust_help",
        show_if_values="4",
    )
    page = admin.post(f"{BASE}/{instrument.pk}/questions/new/", data).content.decode()
    assert str(builder.SKIP_UNKNOWN) in page
    bad_value = question_data(
        instrument,
        section=sro_page.pk,
        code="late",
        show_if_question="know_sro",
        show_if_values="maybe",
    )
    page = admin.post(f"{BASE}/{instrument.pk}/questions/new/", bad_value).content.decode()
    assert "&#x27;maybe&#x27; is not an answer" in page or "'maybe' is not an answer" in page
    assert dependant.show_if["question"] == "know_sro"


def test_reorder_and_delete_with_and_without_htmx(riverside, admin):
    instrument = instrument_for(riverside)
    page1 = instrument.sections.get(position=1)
    first, second = list(page1.questions.order_by("position")[:2])
    url = f"{BASE}/{instrument.pk}/arrange/"
    plain = admin.post(url, {"item": "question", "pk": second.pk, "action": "up"})
    assert plain.status_code == 302
    first.refresh_from_db(), second.refresh_from_db()
    assert (second.position, first.position) == (1, 2)
    partial = admin.post(
        url, {"item": "question", "pk": second.pk, "action": "down"}, HTTP_HX_REQUEST="true"
    )
    assert partial.status_code == 200 and b'id="builder-outline"' in partial.content
    assert b"<html" not in partial.content
    first.refresh_from_db()
    assert first.position == 1
    refused = admin.post(
        url, {"item": "section", "pk": page1.pk, "action": "delete"}, HTTP_HX_REQUEST="true"
    )
    assert str(builder.SECTION_NOT_EMPTY).encode() in refused.content.replace(b"&#x27;", b"'")
    last = instrument.sections.order_by("position").last()
    gone = [q.pk for q in last.questions.all()]
    for pk in gone:
        admin.post(url, {"item": "question", "pk": pk, "action": "delete"})
    outline = admin.get(f"{BASE}/{instrument.pk}/edit/").content.decode()
    sections = list(instrument.sections.order_by("position"))
    counts = [s.questions.count() for s in sections]
    # Every entry but the first moves up, every entry but the last moves down; questions can
    # always be deleted, pages only while empty (here only the last one).
    moves = len(sections) - 1 + sum(max(n - 1, 0) for n in counts)
    assert outline.count('value="up"') == outline.count('value="down"') == moves
    assert outline.count('value="delete"') == sum(counts) + 1 + instrument.scales.count()
    assert outline.count("Delete empty page") == 1
    admin.post(url, {"item": "section", "pk": last.pk, "action": "delete"})
    assert not Section.objects.filter(pk=last.pk).exists()
    scale = instrument.scales.get(code="fairness")
    items = list(scale.questions.values_list("pk", flat=True))
    admin.post(url, {"item": "scale", "pk": scale.pk, "action": "delete"})
    assert not Question.objects.filter(pk__in=items, scale__isnull=False).exists()
    assert (
        AuditEvent.objects.filter(partnership=riverside, action="delete").count() >= len(gone) + 2
    )


def test_a_used_instrument_gets_a_new_version_instead(riverside, admin):
    campaign = campaign_for(riverside)
    instrument = campaign.instrument
    responding.response_start_from_link(link=campaign.links.first(), language="en")
    assert builder.instrument_is_locked(instrument)
    question = Question.objects.filter(section__instrument=instrument).first()
    for call in (
        lambda: builder.question_delete(question=question),
        lambda: builder.question_move(question=question, step=1),
        lambda: builder.scale_save(
            instrument=instrument, scale=None, code="x", name={"en": "X", "es": "X"}
        ),
    ):
        with pytest.raises(ValidationError) as error:
            call()
        assert str(builder.LOCKED) in error.value.messages
    arrange = admin.post(
        f"{BASE}/{instrument.pk}/arrange/",
        {"item": "question", "pk": question.pk, "action": "delete"},
    )
    assert arrange.status_code == 302 and Question.objects.filter(pk=question.pk).exists()
    made = admin.post(f"{BASE}/{instrument.pk}/copy/", {"key": ""})
    copy = Instrument.objects.get(key=f"{instrument.key}-v2")
    assert made["Location"].endswith(f"/instruments/{copy.pk}/edit/")
    assert not builder.instrument_is_locked(copy)
    assert sorted(
        Question.objects.filter(section__instrument=copy).values_list("code", flat=True)
    ) == sorted(
        Question.objects.filter(section__instrument=instrument).values_list("code", flat=True)
    )
    copied = Question.objects.get(section__instrument=copy, code="worried_at_school")
    assert copied.reverse and copied.scale.instrument == copy
    builder.question_delete(
        question=Question.objects.get(section__instrument=copy, code="one_change")
    )
    assert Question.objects.filter(section__instrument=instrument, code="one_change").exists()
    assert Response.objects.filter(campaign=campaign).count() == 1
    again = builder.instrument_copy(instrument=instrument)
    assert again.key == f"{instrument.key}-v3"


def test_groups_and_languages_used_by_a_campaign_stay(riverside, admin):
    campaign = campaign_for(riverside)
    instrument = campaign.instrument
    data = {
        "kind": "perception",
        "title_en": "T",
        "title_es": "T",
        "groups": ["staff"],
        "languages": ["en", "es"],
    }
    page = admin.post(f"{BASE}/{instrument.pk}/edit/", data).content.decode()
    assert "keep them" in page
    instrument.refresh_from_db()
    assert "student" in instrument.groups


def test_only_managers_edit_and_only_their_own(riverside, lakeside, client_for):
    instrument = instrument_for(riverside)
    question = Question.objects.filter(section__instrument=instrument).first()
    arrange = f"{BASE}/{instrument.pk}/arrange/"
    theirs = instrument_for(lakeside)
    roles = ("school_admin", "sro", "auditor", "community_stakeholder")
    clients = [client_for("riverside", role) for role in roles]
    outsider = client_for("lakeside", "partnership_admin")
    before = AuditEvent.objects.count()  # signing in is audited too: counted from here
    for client in clients:
        assert (
            client.post(
                arrange, {"item": "question", "pk": question.pk, "action": "delete"}
            ).status_code
            == 403
        )
        assert client.get(f"{BASE}/{instrument.pk}/edit/").status_code == 403
        assert client.post(f"{BASE}/{instrument.pk}/copy/").status_code == 403
    assert (
        outsider.post(
            arrange, {"item": "question", "pk": question.pk, "action": "delete"}
        ).status_code
        == 404
    )
    assert outsider.post(f"{BASE}/{instrument.pk}/copy/").status_code == 404
    # their own instrument's page with our question id: not found either
    lake = f"/p/lakeside/surveys/instruments/{theirs.pk}/"
    assert (
        outsider.post(
            lake + "arrange/", {"item": "question", "pk": question.pk, "action": "delete"}
        ).status_code
        == 404
    )
    assert outsider.get(lake + f"questions/{question.pk}/").status_code == 404
    assert Question.objects.filter(pk=question.pk).exists()
    assert AuditEvent.objects.count() == before
