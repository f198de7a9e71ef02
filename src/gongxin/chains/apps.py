from django.apps import AppConfig


class ChainsConfig(AppConfig):
    name = "gongxin.chains"
    label = "chains"
    verbose_name = "产业链链长制"
