"""Bringing history in: one upload (files or one archive, dropped or chosen, a phone's file
picker too), the preview per file, the mapping questions, the confirm button, and the
progress of the background steps, polled by htmx while they run."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import TooManyFilesSent
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from athletes.selectors import athlete_get_for_user
from core.errors import DomainError
from portal.support import portal_view
from portal.views.common import athlete_page, is_htmx
from scheduling.export import athlete_export
from scheduling.services import (
    import_confirm,
    import_create,
    import_mapping_set,
    import_units_set,
)
from scheduling.services.imports import import_summary, unmapped_names
from training.models import Import
from training.selectors import exercises_for_athlete, import_get_for_user, imports_for_user

RUNNING = ("parsing", "confirming")


def _page(upload: Import) -> str:
    return reverse("portal:import_detail", args=[upload.pk])


@portal_view
@require_http_methods(["GET", "POST"])
def import_new(request: HttpRequest, athlete_id: int) -> HttpResponse:
    athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
    error = ""
    if request.method == "POST":
        try:
            upload = import_create(actor=request.user, athlete=athlete,
                                   files=request.FILES.getlist("file"))
        except DomainError as exc:
            error = exc.message
        except TooManyFilesSent:  # Django's own cap on the files of a request, above ours
            error = "Too many files at once: put them in one zip archive."
        else:
            return redirect(_page(upload))
    recent = imports_for_user(user=request.user).filter(athlete=athlete)[:10]
    return render(request, "portal/import_new.html", athlete_page(
        request, athlete, "import", error=error, recent=recent,
        page_title="Bring your history"), status=400 if error else 200)


def _context(request: HttpRequest, upload: Import) -> dict[str, object]:
    files = list(upload.files.all())
    for row in files:
        there = row.result.get("already_there", {}) if row.written else row.already_there
        row.there = sum(there.values())  # type: ignore[attr-defined]
        # Every session of the file was there before: "already there", not "written".
        row.all_there = 0 < row.runs + row.strength_sessions <= row.there  # type: ignore[attr-defined]
    unmapped = unmapped_names(upload=upload, files=files) if upload.state == "ready" else []
    return athlete_page(
        request, upload.athlete, "import", upload=upload, files=files, unmapped=unmapped,
        summary=import_summary(files), running=upload.state in RUNNING,
        exercises=exercises_for_athlete(athlete=upload.athlete).order_by("name")
        if unmapped else (), assumed=any(f.assumed_units for f in files),
        page_title="Bring your history")


@portal_view
@require_GET
def import_detail(request: HttpRequest, import_id: int) -> HttpResponse:
    upload = import_get_for_user(user=request.user, import_id=import_id)
    return render(request, "portal/import_detail.html", _context(request, upload))


@portal_view
@require_GET
def import_progress(request: HttpRequest, import_id: int) -> HttpResponse:
    """The progress bar, polled by htmx every second while a step runs; once it has
    finished, the whole page is loaded again to show the preview or the result."""
    upload = import_get_for_user(user=request.user, import_id=import_id)
    if upload.state not in RUNNING and is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = _page(upload)
        return response
    return render(request, "portal/_import_progress.html", {"upload": upload,
                                                           "running": upload.state in RUNNING})


def _act(request: HttpRequest, import_id: int, action: str) -> HttpResponse:
    upload = import_get_for_user(user=request.user, import_id=import_id)
    try:
        if action == "mapping":
            exercise = request.POST.get("exercise", "")
            import_mapping_set(actor=request.user, upload=upload,
                               name=request.POST.get("name", ""),
                               exercise=None if exercise in ("", "ignore") else exercise)
        elif action == "units":
            import_units_set(actor=request.user, upload=upload,
                             units=request.POST.get("units", ""))
        else:
            import_confirm(actor=request.user, upload=upload)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(_page(upload))


@portal_view
@require_POST
def import_mapping(request: HttpRequest, import_id: int) -> HttpResponse:
    return _act(request, import_id, "mapping")


@portal_view
@require_POST
def import_units(request: HttpRequest, import_id: int) -> HttpResponse:
    return _act(request, import_id, "units")


@portal_view
@require_POST
def import_confirm_view(request: HttpRequest, import_id: int) -> HttpResponse:
    return _act(request, import_id, "confirm")


@portal_view
@require_GET
def athlete_export_download(request: HttpRequest, athlete_id: int) -> FileResponse:
    """Everything of the athlete as one zip (scheduling.export): theirs to keep or move."""
    athlete = athlete_get_for_user(user=request.user, athlete_id=athlete_id)
    return FileResponse(athlete_export(athlete=athlete), as_attachment=True,
                        filename=f"apexzone-athlete-{athlete.pk}.zip",
                        content_type="application/zip")
