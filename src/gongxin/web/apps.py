from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "gongxin.web"
    label = "web"
    verbose_name = "网页平台"
