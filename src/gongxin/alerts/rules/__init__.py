"""The rule kinds: one module per kind, all of the same shape, registered in ``RULE_KINDS``.

Every kind module defines:

- ``KIND`` — its id, the ``kind`` of its warnings (e.g. ``stalled``);
- ``TITLE`` — a Chinese title for lists and docs;
- ``SCOPES`` — the scopes (city, region, industry, chain, enterprise, project, appeal) it can be
  applied to;
- ``PARAMS`` — ``{name: Param(type, default)}``, checked by the loader (``params.py``);
- ``needs(rule, ctx)`` — the ``(dimension, period, indicators)`` it reads from the engine;
- ``evaluate(rule, ctx) -> list[Finding]`` — one finding per member that fires;
- optionally ``SUPERSEDES`` — kinds whose finding on the same member this kind replaces.

How to add a rule kind:

1. write ``rules/<kind>.py`` after an existing module of the same scope;
2. add it to ``RULE_KINDS`` below;
3. add an entry for it to ``src/gongxin/city/data/alert_rules.yaml`` (or leave it for cities to
   switch on) with its default thresholds;
4. add a ``### <kind>`` section under "Warning rules" in ``docs/methodology.md`` (a test fails
   without it) and the kind's row in ``docs/alerts.md``;
5. test it on small data in ``tests/alerts/test_rule_<kind>.py``, including a value exactly at
   each threshold and missing data.
"""

from __future__ import annotations

from types import ModuleType

from gongxin.alerts.rules import (
    appeal_overdue,
    below_province,
    below_target,
    chain_overdue,
    electricity_divergence,
    leaving_scale,
    missing_report,
    output_drop,
    project_lag,
    rank_bottom,
    rank_drop,
    stalled,
)

RULE_KINDS: dict[str, ModuleType] = {
    module.KIND: module
    for module in (
        below_target,
        rank_bottom,
        rank_drop,
        below_province,
        stalled,
        output_drop,
        electricity_divergence,
        missing_report,
        leaving_scale,
        project_lag,
        chain_overdue,
        appeal_overdue,
    )
}
