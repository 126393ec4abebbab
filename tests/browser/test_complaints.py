"""Complaints in a real browser: a parent files in Spanish on a phone; an investigator resolves."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from secure.partnerships.models import Partnership

from ..complaints.factories import complaint_file
from .conftest import DESKTOP, PHONE, assert_accessible


def tick(page: Page, label: str) -> None:
    """Choose a USWDS checkbox or radio button by clicking its label, as a person does."""
    page.locator("main label", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")).click()


def test_a_parent_files_in_spanish_on_a_phone_and_checks_the_status(
    page: Page, live_server, demo, console_errors
):
    """Every step is axe-clean in Spanish at phone width; the record number and code work."""
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/c/riverside/")
    page.get_by_role("combobox", name="Language").select_option("es")
    page.get_by_test_id("switch-language").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert_accessible(page, "start (es, phone)")
    page.get_by_role("link", name="Comenzar").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Su preocupación")
    assert_accessible(page, "step 1 (es, phone)")
    page.get_by_role("button", name="Guardar y continuar").click()  # nothing chosen yet
    expect(page.locator(".usa-error-message").first).to_be_visible()
    assert_accessible(page, "step 1 with errors (es, phone)")
    tick(page, "Discriminación o trato injusto")
    tick(page, "Idioma")
    tick(page, "Un oficial de recursos escolares (SRO)")
    tick(page, "Soy madre, padre o tutor del estudiante")
    page.get_by_role("button", name="Guardar y continuar").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Qué pasó")
    page.get_by_label("¿En qué escuela ocurrió?").select_option(label="Riverside High School")
    page.get_by_label("¿Qué pasó?").fill("Interrogaron a mi hijo sin intérprete.")
    assert_accessible(page, "step 2 (es, phone)")
    page.get_by_role("button", name="Guardar y continuar").click()

    expect(page.get_by_role("heading", name="Sus datos de contacto son opcionales")).to_be_visible()
    assert_accessible(page, "step 3 (es, phone)")
    page.get_by_role("button", name="Guardar y continuar").click()  # anonymous

    expect(
        page.get_by_role("heading", name="Por qué preguntamos y quién ve sus respuestas")
    ).to_be_visible()
    tick(page, "Los datos del estudiante por quien presento la queja")
    assert_accessible(page, "step 4 (es, phone)")
    page.get_by_role("button", name="Guardar y continuar").click()

    expect(page.get_by_text("Interrogaron a mi hijo sin intérprete.")).to_be_visible()
    assert_accessible(page, "review (es, phone)")
    page.get_by_role("button", name="Enviar mi queja").click()  # solves the proof of work

    expect(page.get_by_role("heading", name="Su queja fue recibida")).to_be_visible()
    number = page.get_by_test_id("record-number").inner_text()
    code = page.get_by_test_id("status-code").inner_text()
    assert re.fullmatch(r"C-[0-9A-Z]{4}-[0-9A-Z]{4}", number)
    assert_accessible(page, "confirmation (es, phone)")

    page.goto(f"{live_server.url}/c/riverside/status/")
    page.get_by_label("Número de registro").fill(number.lower())
    page.get_by_label("Código privado de seguimiento").fill(code)
    page.get_by_role("button", name="Ver el estado").click()
    expect(page.get_by_test_id("public-status")).to_contain_text("Recibida")
    assert_accessible(page, "status (es, phone)")
    page.goto(f"{live_server.url}/c/riverside/print/")
    assert_accessible(page, "printable form (es, phone)")
    assert console_errors == []


def test_an_investigator_triages_and_resolves_and_the_family_sees_the_outcome(
    page: Page, live_server, demo, sign_in, console_errors
):
    """Queue, case page and protected details are axe-clean; the outcome reaches the status page."""
    page.set_viewport_size(DESKTOP)
    submitted = complaint_file(Partnership.objects.get(slug="riverside"))
    number = submitted.complaint.record_number
    sign_in("complaint-investigator@riverside.example.org")
    page.goto(f"{live_server.url}/p/riverside/complaints/")
    expect(page.get_by_text(re.compile(r"past a deadline"))).to_be_visible()
    assert_accessible(page, "queue")
    page.get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)
    assert_accessible(page, "case page")

    page.get_by_text("Acknowledge and start the review").click()
    page.get_by_role("button", name="Acknowledge", exact=True).click()
    expect(page.get_by_test_id("staff-status")).to_have_text("Under review")

    page.get_by_text("Resolve and share the outcome").click()
    resolve = page.locator("details", has_text="Resolve and share the outcome")
    resolve.get_by_label("Outcome").select_option("policy_change")
    resolve.get_by_label("What the complainant is told").fill(
        "The search policy now needs a reason in writing."
    )
    resolve.get_by_label("Reason").fill("Interviews and video reviewed.")
    resolve.get_by_role("button", name="Resolve").click()
    expect(page.get_by_test_id("staff-status")).to_have_text("Resolved")

    page.get_by_role("link", name="Read the narrative and contact details").click()
    expect(page.get_by_test_id("narrative")).to_contain_text("searched my son's bag")
    assert_accessible(page, "protected details")

    page.goto(f"{live_server.url}/c/riverside/status/")
    page.get_by_label("Record number").fill(number)
    page.get_by_label("Private status code").fill(submitted.status_code)
    page.get_by_role("button", name="Show the status").click()
    expect(page.get_by_test_id("outcome")).to_contain_text("needs a reason in writing")
    assert console_errors == []
