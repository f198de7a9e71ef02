"""Synchronise the city configuration and the classifications into the database."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from gongxin.city.classifications import Classifications, load_classifications
from gongxin.city.config import CityConfig, load_city_config
from gongxin.city.models import Chain, Division, IndustryClass, Region
from gongxin.registry.models import AuditEntry


@dataclass
class SyncSummary:
    regions: int = 0
    chains: int = 0
    divisions: int = 0
    classes: int = 0
    high_tech_classes: int = 0
    targets: int = 0
    changed: list[str] = field(default_factory=list)


def _upsert(model, pk: str, values: dict, summary: SyncSummary, actor: str) -> None:
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        model.objects.create(pk=pk, **values)
        summary.changed.append(f"{model._meta.verbose_name} {pk} 新增")
        return
    diffs = {k: v for k, v in values.items() if getattr(obj, k) != v}
    if diffs:
        for k, v in diffs.items():
            AuditEntry.objects.create(
                actor=actor,
                action="config_update",
                entity=model.__name__.lower(),
                key=pk,
                field=k,
                old=str(getattr(obj, k)),
                new=str(v),
            )
            setattr(obj, k, v)
        obj.save(update_fields=list(diffs))
        summary.changed.append(f"{model._meta.verbose_name} {pk} 更新")


@transaction.atomic
def city_sync(
    *,
    actor: str,
    config: CityConfig | None = None,
    classifications: Classifications | None = None,
) -> SyncSummary:
    """Bring the configuration tables in line with the files; running it twice changes nothing.

    Regions or chains removed from the file are kept (enterprises may still reference them);
    they are reported so that an administrator can act.
    """
    from gongxin.stats.models import DataVersion, ReferenceValue

    config = config or load_city_config()
    cls = classifications or load_classifications()
    summary = SyncSummary()

    for order, region in enumerate(config.regions):
        _upsert(
            Region,
            region.code,
            {"name": region.name, "kind": region.kind, "order": order},
            summary,
            actor,
        )
    for order, chain in enumerate(config.chains):
        _upsert(
            Chain,
            chain.code,
            {"name": chain.name, "flagship": chain.flagship, "order": order},
            summary,
            actor,
        )
    existing_divisions = set(Division.objects.values_list("code", flat=True))
    for code, div in cls.divisions.items():
        if code not in existing_divisions:
            Division.objects.create(code=code, name=div.name, section=div.section)
            summary.changed.append(f"行业大类 {code} 新增")
        else:
            _upsert(Division, code, {"name": div.name, "section": div.section}, summary, actor)
    existing = {c.code: c for c in IndustryClass.objects.all()}
    to_create = []
    for code, ic in cls.classes.items():
        values = {"name": ic.name, "division_id": ic.division, "high_tech": cls.is_high_tech(code)}
        if code not in existing:
            to_create.append(IndustryClass(code=code, **values))
        elif any(getattr(existing[code], k) != v for k, v in values.items()):
            _upsert(IndustryClass, code, values, summary, actor)
    if to_create:
        IndustryClass.objects.bulk_create(to_create)
        summary.changed.append(f"行业小类 新增 {len(to_create)} 个")

    now = timezone.now()
    for target in config.targets:
        latest = (
            ReferenceValue.objects.filter(
                series=target.series, scope=target.scope, period=target.period
            )
            .order_by("-revision")
            .first()
        )
        if latest is not None and latest.value == target.value:
            continue
        ReferenceValue.objects.create(
            series=target.series,
            scope=target.scope,
            period=target.period,
            revision=(latest.revision + 1) if latest else 1,
            recorded_at=now,
            value=target.value,
        )
        AuditEntry.objects.create(
            actor=actor,
            action="config_target",
            entity="reference",
            key=f"{target.series}/{target.scope}/{target.period}",
            field="value",
            old="" if latest is None else str(latest.value),
            new=str(target.value),
        )
        summary.changed.append(f"目标 {target.series} {target.scope} {target.period} 写入")

    if summary.changed:
        DataVersion.bump()

    summary.regions = Region.objects.count()
    summary.chains = Chain.objects.count()
    summary.divisions = Division.objects.count()
    summary.classes = IndustryClass.objects.count()
    summary.high_tech_classes = IndustryClass.objects.filter(high_tech=True).count()
    summary.targets = len(config.targets)
    return summary
