"""How the audit log reads to a clerk: actions and fields in Chinese (the log keeps the codes).

Shared by the web pages and ``gongxin audit``; field names come from the models' verbose names,
so a new field is named where it is declared.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist

from gongxin.registry.models import AboveScaleSpell, Enterprise

ACTION_LABELS: dict[str, str] = {
    "create": "新建",
    "update": "修改",
    "spell_open": "新开规上期间",
    "spell_update": "修改规上期间",
    "revise": "修订",
    "append": "追加",
    "import": "导入",
    "config_update": "配置更新",
    "config_target": "写入目标",
    "user_create": "新建用户",
    "user_update": "修改用户",
    "token_create": "生成令牌",
    "token_revoke": "吊销令牌",
    "token_revoke_all": "吊销全部令牌",
    "alerts_evaluate": "评估预警",
}
# Audit fields that are not a model field of the enterprise.
EXTRA_FIELDS: dict[str, str] = {"above_scale": "规上期间", "chains": "所属产业链"}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def field_label(field: str) -> str:
    """``name`` → ``企业名称``; an unknown field keeps its code rather than vanishing."""
    if not field:
        return ""
    if field in EXTRA_FIELDS:
        return EXTRA_FIELDS[field]
    for model in (Enterprise, AboveScaleSpell):
        try:
            return str(model._meta.get_field(field).verbose_name)
        except FieldDoesNotExist:
            continue
    return field
