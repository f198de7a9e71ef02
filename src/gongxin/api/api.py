"""The HTTP API at /api/v1: bearer-token auth on every operation, OpenAPI from the type hints."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.renderers import JSONRenderer

from gongxin.api.auth import ERR_UNAUTHORIZED, BearerTokenAuth, docs_access
from gongxin.api.openapi import DocumentedNinjaAPI
from gongxin.api.routers import alerts, appeals, catalog, enterprises, query
from gongxin.api.routers import chains as chains_router
from gongxin.api.routers import projects as projects_router


class Utf8JSONRenderer(JSONRenderer):
    # Chinese names as characters, not \\u escapes, as `gongxin query --format json` prints them.
    json_dumps_params = {"ensure_ascii": False}


api = DocumentedNinjaAPI(
    title="工信平台数据接口",
    version="1",
    description=(
        "工业运行监测平台 HTTP 接口。每个请求须带请求头 `Authorization: Bearer TOKEN`；"
        "令牌由管理员用 `gongxin token 用户名` 生成。数据范围与该用户的角色一致。"
    ),
    auth=BearerTokenAuth(),
    renderer=Utf8JSONRenderer(),
    urls_namespace="api",
    docs_url="/docs",
    docs_decorator=docs_access,
)

api.add_router("/query", query.router)
api.add_router("/catalog", catalog.router)
api.add_router("/enterprises", enterprises.router)
api.add_router("/alerts", alerts.router)
api.add_router("/projects", projects_router.router)
api.add_router("/chains", chains_router.router)
api.add_router("/appeals", appeals.router)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError):
    response = api.create_response(request, {"detail": ERR_UNAUTHORIZED}, status=401)
    response["WWW-Authenticate"] = "Bearer"  # RFC 6750: say which scheme to use
    return response
