"""Demo public pages: Riverside's is published with every section; Lakeside's is left unpublished,
so the difference between the preview and the public address can be tried."""

from __future__ import annotations

from secure.partnerships.models import Partnership

from .sections import SECTION_KEYS
from .services import public_page_get_or_create, public_page_publish, public_page_update

DEMO_CONTACT = {
    "riverside": {
        "contact_email": "sro-program@riverside.example.org",
        "contact_phone": "555-0140",
        "contact_address": "Riverside Unified School District\nOffice of Student Rights\n100 School Street\nRiverside, VA",
    },
    "lakeside": {
        "contact_email": "school-safety@lakeside.example.org",
        "contact_phone": "555-0180",
        "contact_address": "",
    },
}

DEMO_INTRODUCTION = {
    "riverside": (
        "Our schools and the Riverside Police Department share this page so that students, "
        "families and staff can see how school resource officers work in our schools, and tell "
        "us what they think.",
        "Nuestras escuelas y el Departamento de Policía de Riverside comparten esta página para "
        "que estudiantes, familias y personal vean cómo trabajan los oficiales de recursos "
        "escolares en nuestras escuelas y nos digan qué opinan.",
    ),
    "lakeside": (
        "A draft of our public page. It is not published yet.",
        "Un borrador de nuestra página pública. Todavía no está publicada.",
    ),
}


def demo_seed_portal(partnership: Partnership) -> None:
    """Set up the demo partnership's public page; publish Riverside's."""
    if partnership.slug not in DEMO_CONTACT:
        return
    page = public_page_get_or_create(partnership=partnership)
    english, spanish = DEMO_INTRODUCTION[partnership.slug]
    public_page_update(
        page=page,
        introduction=english,
        introduction_es=spanish,
        minimum_cell=10,
        **DEMO_CONTACT[partnership.slug],
        **{f"show_{key}": True for key in SECTION_KEYS},
    )
    if partnership.slug == "riverside":
        public_page_publish(page=page)
