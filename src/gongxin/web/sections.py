"""The drill-down sections: which engine dimension each page shows and where its pages live."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Section:
    dim: str
    title: str
    member_noun: str  # how the table's first column is headed
    list_url: str  # URL name of the section page
    member_url: str  # URL name of a member page (args: code) or of the generic page

    def url(self) -> str:
        if self.list_url == "web:dim":
            return reverse(self.list_url, args=[self.dim])
        return reverse(self.list_url)

    def member_link(self, code: str) -> str:
        if self.member_url == "web:dim_member":
            return reverse(self.member_url, args=[self.dim, code])
        return reverse(self.member_url, args=[code])


SECTIONS: dict[str, Section] = {
    s.dim: s
    for s in (
        Section("region", "区县", "县（市、区）", "web:regions", "web:region"),
        Section("industry", "行业", "行业大类", "web:industries", "web:industry"),
        Section("chain", "产业链", "产业链", "web:chains", "web:chain"),
        Section("high_tech", "高技术制造业", "分组", "web:dim", "web:dim_member"),
        Section("equipment", "装备制造业", "分组", "web:dim", "web:dim_member"),
        Section("energy_intensive", "六大高耗能行业", "分组", "web:dim", "web:dim_member"),
        Section("ownership", "登记注册类型", "类型", "web:dim", "web:dim_member"),
        Section("size", "企业规模", "规模", "web:dim", "web:dim_member"),
        Section("key", "重点企业", "分组", "web:dim", "web:dim_member"),
    )
}
# Dimensions reached through the generic /dim/<dim>/ pages (linked from the industry page).
GENERIC_DIMS = ("high_tech", "equipment", "energy_intensive", "ownership", "size", "key")
