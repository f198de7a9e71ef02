"""The API's OpenAPI description made to match its behaviour on every operation.

Every operation needs a bearer token and validates its parameters before the view runs, so
every operation can answer 401 (with ``WWW-Authenticate: Bearer``) and 422 (ninja's body:
``{"detail": [{"type", "loc", "msg", …}]}``). Ninja documents neither by itself; they are added
here once rather than repeated in each router's ``response=`` map.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from gongxin.api.schemas import Error, ValidationErrorBody

UNAUTHORIZED = {
    "description": "未认证：缺少令牌，或令牌无效、已吊销",
    "headers": {
        "WWW-Authenticate": {
            "description": "认证方式：Bearer",
            "schema": {"type": "string", "enum": ["Bearer"]},
        }
    },
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
UNPROCESSABLE = {
    "description": "请求参数不符合接口说明（缺少参数、格式或取值范围不符）",
    "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/ValidationErrorBody"}}
    },
}
METHODS = ("get", "post", "put", "patch", "delete")


def _component(model: type) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    defs = schema.pop("$defs", {})
    return {model.__name__: schema, **defs}


def openapi_documented(schema: dict[str, Any]) -> dict[str, Any]:
    """Add 401 and 422 to every operation of ``schema`` (in place) and return it."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(_component(Error))
    components.update(_component(ValidationErrorBody))
    for item in schema.get("paths", {}).values():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            responses = operation.setdefault("responses", {})
            responses.setdefault("401", UNAUTHORIZED)
            responses.setdefault("422", UNPROCESSABLE)
    return schema


class DocumentedNinjaAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        return openapi_documented(super().get_openapi_schema(**kwargs))
