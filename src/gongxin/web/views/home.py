"""The landing page (驾驶舱). The cockpit's charts are built on this page by the cockpit work."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongxin.web.scope import request_scope


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"scope": request_scope(request)})
