from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "gongxin.projects"
    label = "projects"
    verbose_name = "重点项目"
