from django.contrib import admin
from django.urls import include, path

from gongxin.api.api import api
from gongxin.web.views.auth import admin_login_redirect

urlpatterns = [
    # Before admin.site.urls: the admin's own login form would bypass login throttling.
    path("admin/login/", admin_login_redirect),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("appeals/", include("gongxin.appeals.urls")),
    path("", include("gongxin.web.urls")),
]
