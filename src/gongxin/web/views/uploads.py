"""数据上传: upload a file, see its import report; the import history and a month's revisions."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongxin.errors import UserError
from gongxin.ingest import withdraw
from gongxin.ingest.kinds import import_kinds
from gongxin.ingest.problems import Problem
from gongxin.ingest.services import REJECTED
from gongxin.ingest.withdraw import batch_withdraw_allowed
from gongxin.registry.periods import PeriodError, ym_parse
from gongxin.registry.permissions import Forbidden, import_authorise
from gongxin.web import uploads
from gongxin.web.context_processors import Platform
from gongxin.web.periods import periods_available
from gongxin.web.scope import request_actor, request_scope

HISTORY_PER_PAGE = 20


def _page(request: HttpRequest, status: int | None = None, **extra: object) -> HttpResponse:
    scope = request_scope(request)
    history = Paginator(uploads.import_history(scope), HISTORY_PER_PAGE)
    page = history.get_page(request.GET.get("page", 1))
    context = {
        "kinds": uploads.upload_kinds(request_actor(request)),
        "history": page,
        "withdrawable": {
            b.pk for b in page if batch_withdraw_allowed(actor=request_actor(request), batch=b)
        },
        "max_mb": settings.GONGXIN_MAX_IMPORT_BYTES / 2**20,
        "periods": periods_available(),
        "county": not scope.is_everything,
        **extra,
    }
    if status is None:
        status = 400 if extra.get("errors") else 200
    return render(request, "web/uploads.html", context, status=status)


def upload_page(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request)
    actor = request_actor(request)
    kind = request.POST.get("kind", "")
    upload = request.FILES.get("file")
    if kind not in import_kinds():
        return _page(request, errors=[Problem(None, None, uploads.ERR_KIND)], kind=kind)
    try:
        import_authorise(actor=actor, kind=kind)  # before reading any file: 403 for the role
    except Forbidden as exc:
        return _page(request, status=403, errors=[Problem(None, None, str(exc))], kind=kind)
    if upload is None:
        return _page(request, errors=[Problem(None, None, uploads.ERR_NO_FILE)], kind=kind)
    name = Path(upload.name or "").name
    suffix = Path(name).suffix.lower()
    limit = settings.GONGXIN_MAX_IMPORT_BYTES
    if suffix not in uploads.ALLOWED_SUFFIXES:
        problem = Problem(None, None, uploads.ERR_SUFFIX.format(name=name))
        return _page(request, errors=[problem], kind=kind, filename=name)
    if upload.size > limit:
        problem = Problem(
            None, None, uploads.ERR_TOO_LARGE.format(size=upload.size / 2**20, limit=limit / 2**20)
        )
        return _page(request, errors=[problem], kind=kind, filename=name)
    with tempfile.TemporaryDirectory(prefix="gongxin-upload-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        with open(path, "wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        result = uploads.upload_import(
            actor=actor,
            kind=kind,
            path=path,
            filename=name,
            region_name=Platform(request).scope_label,
        )
    return _page(
        request,
        result=result,
        errors=result.errors if result.status == REJECTED else [],
        kind=kind,
        filename=name,
    )


def batch_report(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = uploads.batch_visible(request_scope(request), batch_id)
    if batch is None:
        raise Http404("no such import")
    context = {
        "batch": batch,
        "report": batch.report,
        "can_withdraw": batch_withdraw_allowed(actor=request_actor(request), batch=batch),
    }
    return render(request, "web/upload_batch.html", context)


@require_POST
def batch_withdraw(request: HttpRequest, batch_id: int) -> HttpResponse:
    """撤回导入: city admins only (the service decides); then the batch's report page."""
    batch = uploads.batch_visible(request_scope(request), batch_id)
    if batch is None:
        raise Http404("no such import")
    try:
        withdraw.batch_withdraw(actor=request_actor(request), batch=batch)
    except withdraw.WithdrawNotAllowed as exc:
        raise PermissionDenied(str(exc)) from None
    except UserError as exc:
        return render(
            request,
            "web/upload_batch.html",
            {"batch": batch, "report": batch.report, "withdraw_error": str(exc)},
            status=400,
        )
    return redirect("web:upload_batch", batch_id=batch.pk)


def revisions_page(request: HttpRequest) -> HttpResponse:
    available = periods_available()
    scope = request_scope(request)
    # Without ?period= the page opens on the newest month that has revisions, not one without.
    period = (
        request.GET.get("period")
        or uploads.latest_revised_period(scope=scope)
        or (available[0] if available else "")
    )
    try:
        groups = uploads.month_revisions(scope=scope, ym=ym_parse(period))
    except PeriodError:
        groups = []
    return render(
        request,
        "web/revisions.html",
        {"periods": available, "period": period, "groups": groups},
    )
