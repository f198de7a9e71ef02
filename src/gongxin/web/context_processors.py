"""What every page's layout needs: the platform title, the user's role and the navigation."""

from __future__ import annotations

from functools import cached_property

from django.http import HttpRequest

from gongxin.city.config import load_city_config
from gongxin.web.nav import NavLink, nav_links


class Platform:
    """Computed lazily: a page that shows no top bar (login, errors) costs no queries."""

    def __init__(self, request: HttpRequest) -> None:
        self._request = request

    @cached_property
    def city_name(self) -> str:
        return load_city_config().name

    @cached_property
    def title(self) -> str:
        return f"{self.city_name}工业运行监测平台"

    @cached_property
    def role_label(self) -> str:
        profile = getattr(self._request.user, "profile", None)
        return profile.get_role_display() if profile is not None else "未分配角色"

    @cached_property
    def scope_label(self) -> str:
        """Whose enterprises the user sees, named as a clerk would say it."""
        profile = getattr(self._request.user, "profile", None)
        if profile is None:
            return ""
        if profile.region_id:
            return profile.region.name
        return self.city_name

    @cached_property
    def scope_region(self) -> str | None:
        """The county a county user is confined to (their cockpit opens on it), else None."""
        profile = getattr(self._request.user, "profile", None)
        return profile.region_id if profile is not None and profile.region_id else None

    @cached_property
    def nav(self) -> list[NavLink]:
        user = self._request.user
        profile = getattr(user, "profile", None)
        role = profile.role if profile is not None else ""
        return nav_links(path=self._request.path, is_staff=bool(user.is_staff), role=role)


def platform(request: HttpRequest) -> dict[str, Platform]:
    return {"platform": Platform(request)}
