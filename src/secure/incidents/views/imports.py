"""Web imports: upload (student IDs hashed at once), preview and column mapping, check, import."""

from __future__ import annotations

from itertools import islice

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secure.partnerships.access import partnership_view
from secure.partnerships.tenancy import get_for_partnership_or_404

from ..forms.imports import MappingForm, UploadForm
from ..importers import ImportJob, ImportRefused, file_import
from ..importers.reading import mapping_guess
from ..models import ImportKind, ImportRecord, StagedImport
from ..selectors.incidents import import_list as imports_of
from ..services.staging import import_stage, staged_import_discard, staged_table
from ..standard import FILE_SPECS, template_csv

PREVIEW_ROWS = 5


@partnership_view("data.import")
@require_http_methods(["GET", "POST"])
def import_list(request: HttpRequest) -> HttpResponse:
    """The upload form, the file kinds with their templates, and the import history."""
    partnership = request.partnership  # type: ignore[attr-defined]
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            staged = import_stage(
                partnership=partnership,
                user=request.user,
                kind=form.cleaned_data["kind"],
                file_name=upload.name,
                content=upload.read(),
                student_id_column=form.cleaned_data["student_id_column"] or "student_id",
                school_year=form.cleaned_data["school_year"],
                lea=form.cleaned_data["lea"],
            )
        except ValidationError as error:
            for field, problems in error.error_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            return redirect(
                "incidents:import_map", partnership_slug=partnership.slug, token=staged.token
            )
    return render(
        request,
        "incidents/import_list.html",
        {
            "form": form,
            "imports": imports_of(partnership=partnership)[:50],
            "specs": FILE_SPECS.values(),
        },
    )


@partnership_view("data.import")
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    """A CSV template of a kind of file: its header and an example row."""
    if kind not in FILE_SPECS:
        raise Http404
    response = HttpResponse(template_csv(kind), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="secure-{kind}-template.csv"'
    return response


@partnership_view("data.import")
@require_http_methods(["GET", "POST"])
def import_map(request: HttpRequest, token: str) -> HttpResponse:
    """Preview the staged file, map its columns, then check it or import it."""
    partnership = request.partnership  # type: ignore[attr-defined]
    staged = get_for_partnership_or_404(StagedImport, partnership=partnership, token=token)
    if request.method == "POST" and "cancel" in request.POST:
        staged_import_discard(staged=staged)
        messages.info(request, _("The upload was discarded."))
        return redirect("incidents:import_list", partnership_slug=partnership.slug)
    spec = FILE_SPECS.get(staged.kind)
    form = None
    if spec is not None:
        guess = mapping_guess(wanted=spec.names, header=staged.header)
        form = MappingForm(request.POST or None, spec=spec, header=staged.header, initial_map=guess)
    table = staged_table(staged=staged)
    preview = list(islice(table.rows, PREVIEW_ROWS))
    context = {
        "staged": staged,
        "form": form,
        "preview": preview,
        "header": staged.header,
        "student_column": staged.header.index("student_id")
        if staged.kind == ImportKind.INCIDENTS and "student_id" in staged.header
        else -1,
    }
    if request.method == "POST" and (form is None or form.is_valid()):
        mapping = form.mapping() if form is not None else None
        if staged.kind == ImportKind.INCIDENTS and mapping is not None:
            mapping["student_id"] = "student_id"
        dry_run = "import" not in request.POST
        job = ImportJob(
            partnership=partnership,
            kind=staged.kind,
            file_name=staged.file_name,
            file_sha256=staged.file_sha256,
            actor=request.user,
        )
        try:
            result = file_import(
                job=job,
                table=staged_table(staged=staged),
                mapping=mapping,
                dry_run=dry_run,
                ids_hashed=True,
                year=staged.school_year,
                lea=staged.lea or None,
            )
        except ImportRefused as refused:
            context["errors"] = refused.errors
            context["error_rows"] = len({e.line for e in refused.errors})
        else:
            if dry_run:
                context["result"] = result
            else:
                staged_import_discard(staged=staged)
                messages.success(request, _("Imported %(rows)d rows.") % {"rows": result.rows})
                return redirect(
                    "incidents:import_detail",
                    partnership_slug=partnership.slug,
                    pk=result.record_id,
                )
    return render(request, "incidents/import_map.html", context)


@partnership_view("data.import")
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_for_partnership_or_404(
        ImportRecord,
        partnership=request.partnership,  # type: ignore[attr-defined]
        pk=pk,
    )
    return render(request, "incidents/import_detail.html", {"record": record})
