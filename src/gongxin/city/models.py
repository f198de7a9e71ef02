"""City configuration and classifications, synchronised from the data files by `gongxin init`.

The files are the source; these tables exist so that enterprises can reference regions, chains
and industry classes with foreign keys, and so the admin can show them.
"""

from django.db import models


class Region(models.Model):
    code = models.CharField("区划代码", max_length=6, primary_key=True)
    name = models.CharField("名称", max_length=64)
    kind = models.CharField("类型", max_length=16)
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = verbose_name_plural = "县（市、区）"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Chain(models.Model):
    code = models.CharField("代码", max_length=32, primary_key=True)
    name = models.CharField("产业链", max_length=64)
    flagship = models.BooleanField("标志性产业链", default=False)
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = verbose_name_plural = "产业链"

    def __str__(self) -> str:
        return self.name


class Division(models.Model):
    code = models.CharField("行业大类代码", max_length=2, primary_key=True)
    name = models.CharField("名称", max_length=64)
    section = models.CharField("门类", max_length=1)

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = "行业大类"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class IndustryClass(models.Model):
    code = models.CharField("行业小类代码", max_length=4, primary_key=True)
    name = models.CharField("名称", max_length=128)
    division = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="classes")
    high_tech = models.BooleanField("高技术制造业", default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = "行业小类"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
