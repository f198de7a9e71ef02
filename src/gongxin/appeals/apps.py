from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "gongxin.appeals"
    verbose_name = "企业诉求"
    default_auto_field = "django.db.models.BigAutoField"
