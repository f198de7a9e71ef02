"""The left navigation as data: one entry per section of the platform.

A section's page is added by naming its URL as below; until that URL exists the entry is shown
greyed out ("建设中"), so the menu is complete from the start and lights up as pages arrive.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    staff_only: bool = False
    # Also shown to the users of 诉求通 (units, enterprises), who do not monitor the economy.
    for_appeal_roles: bool = False


NAV: tuple[NavItem, ...] = (
    NavItem("驾驶舱", "web:home"),
    NavItem("区县", "web:regions"),
    NavItem("行业", "web:industries"),
    NavItem("产业链", "web:chains"),
    NavItem("企业", "web:enterprises"),
    NavItem("重点项目", "web:projects"),
    NavItem("预警中心", "web:alerts"),
    NavItem("企业诉求", "appeals:list", for_appeal_roles=True),
    NavItem("数据上传", "web:uploads"),
    NavItem("报表", "web:reports"),
    NavItem("系统管理", "admin:index", staff_only=True),
)


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str | None  # None: the page is not built yet
    active: bool


APPEAL_ROLES = frozenset({"unit_user", "enterprise"})


def nav_links(*, path: str, is_staff: bool, role: str = "") -> list[NavLink]:
    """The entries this user sees, with the one holding ``path`` marked active."""
    links = []
    for item in NAV:
        if item.staff_only and not is_staff:
            continue
        if role in APPEAL_ROLES and not item.for_appeal_roles:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            url = None
        active = url is not None and (path == url if url == "/" else path.startswith(url))
        links.append(NavLink(label=item.label, url=url, active=active))
    return links
