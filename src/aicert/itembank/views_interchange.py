"""Import and export pages: upload, preview of problems, confirm; choose items, download.

The upload waits between the preview and the confirmation in a private folder outside the
media root (``VAR_DIR/private/itembank-imports``), named by a random token that only the
uploader's session knows; it is read again on confirmation and deleted after it.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aicert.accounts.permissions import require_permission
from aicert.itembank.interchange import services
from aicert.itembank.interchange.forms import (
    ExportFilterForm,
    ExportForm,
    ImportForm,
    defaults_from_session,
)
from aicert.itembank.interchange.selectors import items_exportable

SESSION_KEY = "itembank_import"
PENDING_MAX_AGE = 24 * 3600


def _pending_dir() -> Path:
    folder = Path(settings.VAR_DIR) / "private" / "itembank-imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _pending_path(token: str) -> Path:
    return _pending_dir() / f"{token}.upload"


def _sweep() -> None:
    """Uploads that were never confirmed are not kept beyond a day (item content is confidential)."""
    cutoff = time.time() - PENDING_MAX_AGE
    for path in _pending_dir().glob("*.upload"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


@login_required
def item_import(request):
    require_permission(request.user, "itembank.import_item")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        limit = services.DEFAULT_LIMITS.upload_bytes
        data = upload.read(limit + 1)
        plan = services.import_plan(
            actor=request.user, data=data, filename=upload.name, defaults=form.defaults()
        )
        token = ""
        if not plan.refused and plan.candidates:
            _sweep()
            token = secrets.token_urlsafe(24)
            _pending_path(token).write_bytes(data)
            request.session[SESSION_KEY] = {
                "token": token,
                "filename": upload.name,
                "defaults": form.defaults_for_session(),
            }
        return render(
            request, "itembank/interchange/import_preview.html", {"plan": plan, "token": token}
        )
    return render(request, "itembank/interchange/import.html", {"form": form})


@login_required
@require_POST
def item_import_confirm(request):
    require_permission(request.user, "itembank.import_item")
    pending = request.session.get(SESSION_KEY) or {}
    token = request.POST.get("token", "")
    path = _pending_path(pending.get("token", "")) if pending.get("token") else None
    if not token or token != pending.get("token") or path is None or not path.exists():
        messages.error(request, _("This upload has expired: upload the file again."))
        return redirect("itembank:item_import")
    plan = services.import_plan(
        actor=request.user,
        data=path.read_bytes(),
        filename=pending["filename"],
        defaults=defaults_from_session(pending["defaults"]),
    )
    try:
        result = services.items_import(
            actor=request.user, plan=plan, accept_partial=bool(request.POST.get("accept_partial"))
        )
    except ValidationError as error:
        for message in error.messages[:20]:
            messages.error(request, message)
        return render(
            request, "itembank/interchange/import_preview.html", {"plan": plan, "token": token}
        )
    path.unlink(missing_ok=True)
    del request.session[SESSION_KEY]
    return render(request, "itembank/interchange/import_done.html", {"result": result})


@login_required
def item_export(request):
    """GET: choose items (filtered) and a format; POST: download them."""
    require_permission(request.user, "itembank.export_item")
    if request.method == "POST":
        form = ExportForm(request.POST)
        if request.POST.get("scope") == "filtered":
            filters = ExportFilterForm(request.POST).filters()
            pks = list(items_exportable(user=request.user, **filters).values_list("pk", flat=True))
        else:
            pks = [int(pk) for pk in request.POST.getlist("items") if pk.isdigit()]
        if form.is_valid():
            try:
                export = services.items_export(
                    actor=request.user, pks=pks, fmt=form.cleaned_data["format"]
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                response = HttpResponse(export.data, content_type=export.content_type)
                response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
                response["Cache-Control"] = "no-store"
                return response
        else:
            messages.error(request, _("Choose a format."))
        # Back to the same list; the query is re-encoded, never passed through as given.
        query = QueryDict(request.POST.get("query", "")).urlencode()
        return redirect(f"{request.path}?{query}")
    filter_form = ExportFilterForm(request.GET or None)
    items = items_exportable(user=request.user, **filter_form.filters())
    page = Paginator(items, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "itembank/interchange/export.html",
        {
            "filter_form": filter_form,
            "form": ExportForm(),
            "page": page,
            "query": query.urlencode(),
        },
    )
