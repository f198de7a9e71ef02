from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "gongxin.dispatch"
    label = "dispatch"
    verbose_name = "日调度"
