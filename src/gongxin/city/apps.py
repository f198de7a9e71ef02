from django.apps import AppConfig


class CityConfig(AppConfig):
    name = "gongxin.city"
    label = "city"
    verbose_name = "城市配置与行业分类"
