from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "gongxin.ingest"
    label = "ingest"
    verbose_name = "数据导入"
