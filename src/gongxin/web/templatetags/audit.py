"""The audit log in Chinese on pages: ``a.action|audit_action`` and ``a.field|audit_field``."""

from __future__ import annotations

from django import template

from gongxin.registry.audit_display import action_label, field_label

register = template.Library()
register.filter("audit_action", action_label)
register.filter("audit_field", field_label)
