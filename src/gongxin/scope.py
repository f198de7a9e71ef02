"""What a user may see, as one object that every engine call and queryset takes.

A county user sees aggregates of every region (they are published in the bulletin) but
enterprise-level data of its own region only. The scope is a plain frozen dataclass so that the
engine, which imports nothing from Django, can take the same object as the web views.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    """Enterprise-level visibility: ``regions=None`` means every region."""

    regions: frozenset[str] | None = None
    label: str = "全市"

    @classmethod
    def everything(cls) -> Scope:
        return cls(regions=None, label="全市")

    @classmethod
    def county(cls, region: str) -> Scope:
        return cls(regions=frozenset({region}), label=region)

    @classmethod
    def no_enterprises(cls, label: str) -> Scope:
        """Aggregates only: users outside the monitoring service (units, enterprises)."""
        return cls(regions=frozenset(), label=label)

    @property
    def is_everything(self) -> bool:
        return self.regions is None

    def sees_region(self, region: str | None) -> bool:
        """Whether enterprise-level data of ``region`` are visible."""
        return self.regions is None or (region is not None and region in self.regions)
