"""Shapes of the API's answers (they are also its OpenAPI description)."""

from __future__ import annotations

from ninja import Field, Schema

# A report period, YYYY-MM of this century (the engine's Period.parse accepts these; the data
# start long after 2000 and a period far in the future is refused by the importer).
PERIOD_PATTERN = r"^20[0-9]{2}-(0[1-9]|1[0-2])$"


class Error(Schema):
    detail: str


class ValidationErrorItem(Schema):
    """One problem pydantic found in the request (ninja's 422 body)."""

    type: str
    loc: list[str | int]
    msg: str


class ValidationErrorBody(Schema):
    """422: the request does not match this description (missing or malformed parameters)."""

    detail: list[ValidationErrorItem]


class QueryRow(Schema):
    """One value: the same object `gongxin query --format json` prints."""

    indicator: str
    member: str
    name: str
    # int for counts and ranks, float otherwise, null where undefined; int first keeps 3 as 3.
    value: int | float | None
    unit: str
    # Only on a withheld small cell (统计法: fewer than 3 enterprises, for a county user):
    # suppressed = true, value = null and note = "不足3家，按统计法不公开".
    suppressed: bool | None = None
    note: str | None = None


class Indicator(Schema):
    id: str
    name: str
    unit: str
    dims: list[str]
    definition: str


class EnterpriseItem(Schema):
    """Read from an Enterprise with ``region`` and ``industry`` selected (aliases are paths)."""

    uscc: str
    name: str
    region: str = Field(alias="region_id")
    region_name: str = Field(alias="region.name")
    industry: str = Field(alias="industry_id")
    industry_name: str = Field(alias="industry.name")
    division: str = Field(alias="industry.division_id")
    ownership: str
    size: str
    key: bool


class ChainPosition(Schema):
    chain: str = Field(alias="chain_id")
    chain_name: str = Field(alias="chain.name")
    role: str


class AboveScaleSpell(Schema):
    from_ym: int | None
    to_ym: int | None


class EnterpriseDetail(EnterpriseItem):
    land_mu: float | None
    chains: list[ChainPosition]
    above_scale: list[AboveScaleSpell]

    @staticmethod
    def resolve_chains(obj) -> list:
        return list(obj.chainmembership_set.select_related("chain").order_by("chain__order"))

    @staticmethod
    def resolve_above_scale(obj) -> list:
        return list(obj.spells.order_by("from_ym"))
