"""Reads: which appeals a user may see, and how a user stands to one appeal.

Visibility follows the role, as for monitoring data: the city sees every appeal; a county user
its region's (and the firms it is commissioner of); a unit the appeals routed to it; an
enterprise its own. Every page, API answer and figure goes through :func:`appeals_visible`.
"""

from __future__ import annotations

import datetime as dt
import difflib

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongxin.appeals.deadlines import local_day
from gongxin.appeals.models import Appeal, Commissioner
from gongxin.appeals.stats import AppealFacts, StatsRow, appeal_stats
from gongxin.appeals.workflow import CITY, COMMISSIONER, FIRM, UNIT
from gongxin.city.config import load_city_config
from gongxin.city.models import Region
from gongxin.registry.models import Enterprise, Role

DUPLICATE_WINDOW_DAYS = 30
DUPLICATE_SIMILARITY = 0.6


def _profile(user):
    return getattr(user, "profile", None) if user is not None and user.is_authenticated else None


def commissioned_usccs(user) -> set[str]:
    return set(Commissioner.objects.filter(user=user).values_list("enterprise_id", flat=True))


def appeals_visible(user) -> QuerySet[Appeal]:
    """Every appeal ``user`` may see (none without a role)."""
    profile = _profile(user)
    qs = Appeal.objects.select_related("enterprise", "region")
    if profile is None:
        return qs.none()
    if profile.role in (Role.CITY_ADMIN, Role.CITY_ANALYST):
        return qs
    if profile.role == Role.COUNTY_USER:
        return qs.filter(Q(region_id=profile.region_id) | Q(enterprise__commissioner__user=user))
    if profile.role == Role.UNIT_USER:
        return qs.filter(unit=profile.unit)
    if profile.role == Role.ENTERPRISE:
        return qs.filter(enterprise_id=profile.enterprise_id)
    return qs.none()


def appeal_visible(user, code: str) -> Appeal | None:
    return appeals_visible(user).filter(code=code).first()


def parties(user, appeal: Appeal) -> frozenset[str]:
    """How ``user`` stands to ``appeal``: the workflow parties it belongs to (maybe none)."""
    profile = _profile(user)
    if profile is None:
        return frozenset()
    found = set()
    if profile.role == Role.CITY_ADMIN:
        found.add(CITY)
    if profile.role == Role.UNIT_USER and profile.unit == appeal.unit:
        found.add(UNIT)
    if profile.role == Role.ENTERPRISE and profile.enterprise_id == appeal.enterprise_id:
        found.add(FIRM)
    if Commissioner.objects.filter(user=user, enterprise_id=appeal.enterprise_id).exists():
        found.add(COMMISSIONER)
    return frozenset(found)


def may_submit_for(user) -> QuerySet | None:
    """The enterprises ``user`` may submit appeals for (None: any enterprise — the city)."""
    profile = _profile(user)
    if profile is None:
        return Enterprise.objects.none()
    if profile.role == Role.CITY_ADMIN:
        return None
    commissioned = Q(uscc__in=commissioned_usccs(user))
    if profile.role == Role.ENTERPRISE:
        return Enterprise.objects.filter(commissioned | Q(uscc=profile.enterprise_id))
    return Enterprise.objects.filter(commissioned)


def duplicates_of(*, uscc: str, title: str, at: dt.datetime, exclude: str = "") -> list[Appeal]:
    """Appeals of the same firm within 30 days before ``at`` whose titles are alike."""
    since = at - dt.timedelta(days=DUPLICATE_WINDOW_DAYS)
    candidates = (
        Appeal.objects.filter(enterprise_id=uscc, submitted_at__gte=since, submitted_at__lte=at)
        .exclude(code=exclude)
        .exclude(status__in=("merged", "withdrawn"))
    )
    return [
        a
        for a in candidates
        if difflib.SequenceMatcher(None, a.title, title).ratio() >= DUPLICATE_SIMILARITY
    ]


def appeal_facts(appeals: QuerySet[Appeal]) -> list[AppealFacts]:
    """The facts the figures need, one per appeal, days in local time."""
    rows = appeals.values_list(
        "code", "unit", "category", "region_id", "submitted_at", "accepted_at", "answered_at",
        "closed_at", "rated_at", "rating", "solved", "sign_due", "answer_due", "solve_due",
        "status",
    )  # fmt: skip
    out = []
    for (code, unit, category, region, sub, acc, ans, clo, rat, rating, solved,
         sign_due, answer_due, solve_due, status) in rows:  # fmt: skip
        out.append(
            AppealFacts(
                code=code,
                unit=unit,
                category=category,
                region=region,
                submitted=local_day(sub),
                accepted=local_day(acc) if acc else None,
                answered=local_day(ans) if ans else None,
                closed=local_day(clo) if clo else None,
                rated=local_day(rat) if rat else None,
                rating=rating,
                solved=solved,
                sign_due=sign_due,
                answer_due=answer_due,
                solve_due=solve_due,
                excluded=status in ("merged", "withdrawn"),
            )
        )
    return out


def stats_rows(
    appeals: QuerySet[Appeal], *, start: dt.date, end: dt.date, by: str | None
) -> list[StatsRow]:
    """The figures of the appeals in ``appeals`` (already scoped) for the window."""
    window = appeals.filter(
        submitted_at__gte=_day_start(start), submitted_at__lt=_day_start(end + dt.timedelta(1))
    )
    region_names = dict(Region.objects.values_list("code", "name"))
    return appeal_stats(
        appeal_facts(window),
        start=start,
        end=end,
        by=by,
        names=(lambda m: region_names.get(m, m)) if by == "region" else str,
        city=(city_member(), city_name()),
    )


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def city_member() -> str:
    return load_city_config().code


def city_name() -> str:
    return load_city_config().name


def appeals_open_on(day: dt.date) -> list[Appeal]:
    """Appeals submitted by ``day`` and not closed, merged or withdrawn by its end.

    Steps later than ``day`` are not yet known then: an appeal closed afterwards is open on
    ``day``; merged and withdrawn ones are judged by their current state (their step times are
    in the timeline, not in fields).
    """
    end = _day_start(day + dt.timedelta(days=1))
    return list(
        Appeal.objects.filter(submitted_at__lt=end)
        .exclude(status__in=("merged", "withdrawn"))
        .exclude(closed_at__lt=end)
        .select_related("enterprise")
        .order_by("solve_due", "code")
    )


def appeal_as_dict(appeal: Appeal, *, events: bool = False) -> dict:
    """An appeal as the API and `--format json` give it: Open311's keys where they fit
    (``service_request_id``, ``status`` open/closed, ``service_name``, ``agency_responsible``,
    ``requested_datetime``, ``updated_datetime``, ``expected_datetime``), then the platform's."""
    final = appeal.status in ("closed", "merged", "withdrawn")
    out = {
        "service_request_id": appeal.code,
        "status": "closed" if final else "open",
        "service_name": appeal.category,
        "description": appeal.description or appeal.title,
        "agency_responsible": appeal.unit,
        "requested_datetime": timezone.localtime(appeal.submitted_at).isoformat(),
        "updated_datetime": timezone.localtime(appeal.updated_at).isoformat(),
        "expected_datetime": appeal.solve_due.isoformat(),
        "code": appeal.code,
        "title": appeal.title,
        "state": appeal.status,
        "state_name": appeal.get_status_display(),
        "uscc": appeal.enterprise_id,
        "enterprise_name": appeal.enterprise.name,
        "region": appeal.region_id,
        "sign_due": appeal.sign_due.isoformat(),
        "answer_due": appeal.answer_due.isoformat(),
        "solve_due": appeal.solve_due.isoformat(),
        "answer": appeal.answer,
        "rating": appeal.rating or None,
        "solved": appeal.solved,
        "reopen_count": appeal.reopen_count,
        "extension_days_requested": appeal.extension_days,
        "merged_into": appeal.merged_into.code if appeal.merged_into_id else None,
    }
    if events:
        out["events"] = [
            {
                "action": e.action,
                "actor": e.actor,
                "at": timezone.localtime(e.at).isoformat(),
                "from": e.from_status,
                "to": e.to_status,
                "note": e.note,
            }
            for e in appeal.events.all()
        ]
    return out


def enterprise_appeals(user, uscc: str, limit: int = 20) -> tuple[list[Appeal], str | None]:
    """The firm's appeals the user may see (latest first) and its commissioner's username."""
    appeals = list(appeals_visible(user).filter(enterprise_id=uscc)[:limit])
    commissioner = (
        Commissioner.objects.filter(enterprise_id=uscc)
        .values_list("user__username", flat=True)
        .first()
    )
    return appeals, commissioner
