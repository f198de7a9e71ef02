from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "gongxin.stats"
    label = "stats"
    verbose_name = "统计数据"
