"""The public page's settings: sections, the smallest number shown, introductions."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from secure.portal.models import PublicPage
from secure.portal.sections import SECTION_KEYS, SECTIONS
from secure.portal.services import (
    ALREADY_PUBLISHED,
    MINIMUM_TOO_LOW,
    NOT_PUBLISHED,
    public_page_get_or_create,
    public_page_publish,
    public_page_unpublish,
    public_page_update,
)

pytestmark = pytest.mark.django_db


def test_section_keys_are_the_agreed_ones():
    """The section keys are stable: the open-data tables and the API name them."""
    assert SECTION_KEYS == (
        "mou",
        "hiring",
        "officers",
        "actions",
        "equity",
        "complaints",
        "surveys",
        "rubric",
    )
    assert all(str(label) for _key, label, _desc in SECTIONS)


def test_a_new_page_is_unpublished_with_every_section_and_a_minimum_of_ten(riverside):
    """The page starts hidden, so nothing goes public before someone publishes it."""
    page = public_page_get_or_create(partnership=riverside)
    assert not page.is_published and page.published_at is None
    assert page.sections() == set(SECTION_KEYS)
    assert page.minimum_cell == 10
    assert public_page_get_or_create(partnership=riverside).pk == page.pk


def test_sections_returns_only_the_switched_on_keys(riverside):
    """Switching sections off removes them from ``sections()``."""
    page = public_page_get_or_create(partnership=riverside)
    public_page_update(page=page, show_equity=False, show_surveys=False)
    page.refresh_from_db()
    assert page.sections() == set(SECTION_KEYS) - {"equity", "surveys"}


@pytest.mark.parametrize("minimum", [9, 1, 0])
def test_the_minimum_cannot_go_below_ten(riverside, minimum):
    """A minimum below 10 is refused with a clear message and nothing is saved."""
    page = public_page_get_or_create(partnership=riverside)
    with pytest.raises(ValidationError) as caught:
        public_page_update(page=page, minimum_cell=minimum, introduction="changed")
    assert str(MINIMUM_TOO_LOW % {"floor": 10}) in caught.value.messages
    page.refresh_from_db()
    assert page.minimum_cell == 10 and page.introduction == ""


def test_the_minimum_may_be_raised(riverside):
    page = public_page_get_or_create(partnership=riverside)
    public_page_update(page=page, minimum_cell=15)
    page.refresh_from_db()
    assert page.minimum_cell == 15


def test_the_database_refuses_a_minimum_below_ten(riverside):
    """Even a write that skips the service cannot store a minimum below 10."""
    page = public_page_get_or_create(partnership=riverside)
    with pytest.raises(IntegrityError), transaction.atomic():
        PublicPage.objects.filter(pk=page.pk).update(minimum_cell=5)


def test_model_validation_refuses_a_minimum_below_ten(riverside):
    page = PublicPage(partnership=riverside, minimum_cell=3)
    with pytest.raises(ValidationError) as caught:
        page.full_clean(exclude=["partnership"])
    assert "minimum_cell" in caught.value.message_dict


def test_the_spanish_introduction_is_shown_in_spanish_and_falls_back_to_english(riverside):
    page = public_page_get_or_create(partnership=riverside)
    public_page_update(page=page, introduction="Hello", introduction_es="Hola")
    assert page.introduction_for("es") == "Hola"
    assert page.introduction_for("en") == "Hello"
    public_page_update(page=page, introduction_es="  ")
    assert page.introduction_for("es") == "Hello"


def test_publish_and_unpublish_are_explicit_transitions(riverside):
    """Publishing twice or taking down a hidden page is refused with a message."""
    page = public_page_get_or_create(partnership=riverside)
    with pytest.raises(ValidationError) as caught:
        public_page_unpublish(page=page)
    assert caught.value.messages == [str(NOT_PUBLISHED)]
    public_page_publish(page=page)
    assert page.is_published and page.published_at is not None
    with pytest.raises(ValidationError) as caught:
        public_page_publish(page=page)
    assert caught.value.messages == [str(ALREADY_PUBLISHED)]
    public_page_unpublish(page=page)
    page.refresh_from_db()
    assert not page.is_published


def test_one_page_per_partnership(riverside):
    public_page_get_or_create(partnership=riverside)
    with pytest.raises(IntegrityError), transaction.atomic():
        PublicPage.objects.create(partnership=riverside)
