"""Pages of the platform. A section's page joins the left navigation by the URL name in nav.py."""

from django.urls import path

from gongxin.web.views import auth, home

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth.login_view, name="login"),
    path("logout/", auth.logout_view, name="logout"),
]
