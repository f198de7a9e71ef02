"""`gongxin init` creates the data directory and loads the configuration, twice safely."""

import pytest

from gongxin.city.models import Chain, Division, IndustryClass, Region
from gongxin.registry.models import AuditEntry
from gongxin.stats.models import DataVersion, ReferenceValue


@pytest.mark.django_db
def test_init_loads_the_city_and_running_it_twice_changes_nothing(run_cli, data_dir):
    code, out, err = run_cli("init")
    assert code == 0, err
    assert "371500 聊城市" in out
    assert Region.objects.count() == 11
    assert Chain.objects.count() == 12
    assert Division.objects.count() == 41
    assert IndustryClass.objects.filter(high_tech=True).exists()
    assert ReferenceValue.objects.filter(
        series="target_va_growth", scope="371500", period="2024", value=7.0
    ).exists()
    version = DataVersion.current()
    audit = AuditEntry.objects.count()
    assert (data_dir / "analytics" / "CURRENT").exists()

    code, out, _ = run_cli("init")
    assert code == 0
    assert "本次变更：无（已是最新）" in out
    assert DataVersion.current() == version
    assert AuditEntry.objects.count() == audit
    assert ReferenceValue.objects.count() == 2


@pytest.mark.django_db
def test_init_with_another_city(run_cli, data_dir, monkeypatch):
    from gongxin.city.config import default_config_path

    monkeypatch.setenv("GONGXIN_CITY", str(default_config_path().parent / "dezhou.toml"))
    code, out, err = run_cli("init")
    assert code == 0, err
    assert "371400 德州市" in out
    assert set(Region.objects.values_list("code", flat=True)) == {"371402", "371403", "371482"}


@pytest.mark.django_db
def test_a_changed_target_in_the_configuration_is_a_new_revision(
    run_cli, data_dir, tmp_path, monkeypatch
):
    from gongxin.city.config import default_config_path

    text = default_config_path().read_text(encoding="utf-8")
    assert run_cli("init")[0] == 0
    changed = tmp_path / "city.toml"
    changed.write_text(
        text.replace("value = 7.0\n\n[[targets]]", "value = 7.5\n\n[[targets]]", 1),
        encoding="utf-8",
    )
    monkeypatch.setenv("GONGXIN_CITY", str(changed))
    assert run_cli("init")[0] == 0
    revisions = ReferenceValue.objects.filter(
        series="target_va_growth", scope="371500", period="2024"
    ).order_by("revision")
    assert [(r.revision, r.value) for r in revisions] == [(1, 7.0), (2, 7.5)]
    entry = AuditEntry.objects.get(action="config_target", new="7.5")
    assert entry.old == "7.0"
