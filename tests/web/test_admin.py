"""The Django admin (系统管理): every model registered, city_admin only, records read-only."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from gongxin.registry.models import AuditEntry, UserProfile
from gongxin.registry.permissions import Actor

pytestmark = pytest.mark.django_db

# Shown inline on the user, not as a list of its own.
INLINE_ONLY = {UserProfile}
# Records are truth and revisions are kept: nobody adds, edits or deletes them here.
READ_ONLY = [
    "registry.auditentry",
    "registry.enterprise",
    "ingest.importbatch",
    "stats.monthlyreport",
    "stats.referencevalue",
    "stats.dataversion",
    "dispatch.dailyelectricity",
    "alerts.storedwarning",
    "alerts.evaluation",
    "alerts.warningevent",
    "api.apitoken",
    "city.region",
    "city.chain",
]


def _gongxin_models() -> list:
    return [m for m in apps.get_models() if m.__module__.startswith("gongxin.")]


def _changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.fixture
def admin_client(alice, enterprises) -> Client:
    client = Client()
    client.force_login(alice)
    return client


def test_every_model_is_registered():
    missing = [
        m._meta.label
        for m in _gongxin_models()
        if m not in INLINE_ONLY and not admin.site.is_registered(m)
    ]
    assert missing == []
    assert admin.site.is_registered(get_user_model())


def test_alice_opens_every_changelist(admin_client):
    models = [m for m in admin.site._registry if m.__module__.startswith("gongxin.")]
    models.append(get_user_model())
    for model in models:
        response = admin_client.get(_changelist(model))
        assert response.status_code == 200, model._meta.label
    # And a record's (read-only) page, with its inlines.
    response = admin_client.get(
        reverse("admin:registry_enterprise_change", args=["91371521MA3C00001A"])
    )
    assert response.status_code == 200 and "阳谷铜业有限公司" in response.content.decode()
    assert "工信 · 系统管理" in admin_client.get("/admin/").content.decode()


@pytest.mark.parametrize("who", ["bob", "carol", "dave"])
def test_other_roles_get_a_403_page_not_a_login_loop(request, enterprises, who):
    from tests.web.personas import persona

    client = Client()
    client.force_login(persona(who))
    for url in ("/admin/", _changelist(AuditEntry), "/admin/logout/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "无权进入系统管理" in response.content.decode()


def test_anonymous_is_sent_to_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("label", READ_ONLY)
def test_records_are_read_only(admin_client, label):
    model = apps.get_model(label)
    model_admin = admin.site._registry[model]
    request = type("R", (), {"user": get_user_model().objects.get(username="alice")})()
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    meta = model._meta
    add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
    assert admin_client.get(add).status_code == 403
    assert admin_client.post(add, {}).status_code == 403


def test_deleting_a_record_is_refused(admin_client):
    entry = AuditEntry.objects.create(actor="x", action="test", entity="user", key="bob")
    url = reverse("admin:registry_auditentry_delete", args=[entry.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
    # Nor through the list's bulk action.
    admin_client.post(
        _changelist(AuditEntry),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_a_login_counter_may_be_deleted_to_unblock(admin_client):
    from django.utils import timezone

    from gongxin.web.models import LoginCounter

    counter = LoginCounter.objects.create(key="user:bob", count=10, window_start=timezone.now())
    url = reverse("admin:web_logincounter_delete", args=[counter.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not LoginCounter.objects.exists()


def test_revoking_a_token_is_audited(admin_client, bob):
    from gongxin.api.models import ApiToken
    from gongxin.api.services import token_create

    token_create(username="bob", actor=Actor.system("test"))
    token = ApiToken.objects.get()
    response = admin_client.post(
        _changelist(ApiToken), {"action": "revoke", "_selected_action": [token.pk]}
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEntry.objects.filter(action="token_revoke", key="bob").exists()


def test_editing_a_role_keeps_staff_tied_to_city_admin(admin_client, bob):
    profile = bob.profile
    url = reverse("admin:auth_user_change", args=[bob.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and "角色与区县" in page.content.decode()
    data = {
        "username": "bob",
        "is_active": "on",
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "1",
        "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1",
        "profile-0-id": str(profile.pk),
        "profile-0-user": str(bob.pk),
        "profile-0-role": "city_admin",
        "profile-0-region": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    bob.refresh_from_db()
    assert bob.profile.role == "city_admin" and bob.is_staff and bob.is_superuser
    assert AuditEntry.objects.filter(action="user_update", key="bob", new="city_admin").exists()

    data.update({"profile-0-role": "county_user", "profile-0-region": "371521"})
    assert admin_client.post(url, data).status_code == 302
    bob.refresh_from_db()
    assert not bob.is_staff and not bob.is_superuser
