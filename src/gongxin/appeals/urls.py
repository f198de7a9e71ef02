"""Pages of 诉求通 under /appeals/: the inbox, intake, one appeal, statistics and the 通报."""

from django.urls import path

from gongxin.appeals import views

app_name = "appeals"

urlpatterns = [
    path("", views.appeal_inbox, name="list"),
    path("new/", views.appeal_new, name="new"),
    path("stats/", views.appeal_stats_page, name="stats"),
    path("report/", views.appeal_report_download, name="report"),
    path("<str:code>/", views.appeal_page, name="detail"),
    path("<str:code>/actions/", views.appeal_action, name="action"),
]
