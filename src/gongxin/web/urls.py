"""Pages of the platform. A section's page joins the left navigation by the URL name in nav.py."""

from django.urls import path

from gongxin.web.views import alerts, auth, dims, enterprises, geo, home, reports, uploads
from gongxin.web.views import chains as chain_views
from gongxin.web.views import projects as project_views

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth.login_view, name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("geo/<str:code>.geojson", geo.geo, name="geo"),
    # Drill-down: a section ranks its members; a member page shows its months and enterprises.
    path("regions/", dims.section_page, {"dim": "region"}, name="regions"),
    path("regions/<str:code>/", dims.member_page, {"dim": "region"}, name="region"),
    path("industries/", dims.section_page, {"dim": "industry"}, name="industries"),
    path("industries/<str:code>/", dims.member_page, {"dim": "industry"}, name="industry"),
    # 产业链 (链长制) take over the chain dimension's pages; see web/views/chains.py.
    path("chains/", chain_views.chains_page, name="chains"),
    path("chains/problems/new/", chain_views.problem_new, name="chain_problem_new"),
    path("chains/problems/<str:code>/", chain_views.problem_detail, name="chain_problem"),
    path(
        "chains/problems/<str:code>/actions/",
        chain_views.problem_action,
        name="chain_problem_action",
    ),
    path("chains/<str:code>/", chain_views.chain_page, name="chain"),
    path(
        "chains/<str:code>/nodes/<str:node>/",
        chain_views.chain_node_firms,
        name="chain_node_firms",
    ),
    path("dim/<str:dim>/", dims.section_page, name="dim"),
    path("dim/<str:dim>/<str:code>/", dims.member_page, name="dim_member"),
    path("enterprises/", enterprises.enterprise_list, name="enterprises"),
    path("enterprises/table/", enterprises.enterprise_table_partial, name="enterprise_table"),
    path("enterprises/export/", enterprises.enterprise_export, name="enterprise_export"),
    path("enterprises/<str:uscc>/", enterprises.enterprise_profile, name="enterprise"),
    path("uploads/", uploads.upload_page, name="uploads"),
    path("uploads/revisions/", uploads.revisions_page, name="revisions"),
    path("uploads/<int:batch_id>/", uploads.batch_report, name="upload_batch"),
    path("uploads/<int:batch_id>/withdraw/", uploads.batch_withdraw, name="upload_withdraw"),
    # Warnings center (预警中心): list, re-evaluation, one warning and its dispositions.
    path("alerts/", alerts.alert_center, name="alerts"),
    path("alerts/evaluate/", alerts.alerts_reevaluate, name="alerts_evaluate"),
    path("alerts/<int:warning_id>/", alerts.alert_detail, name="alert"),
    path("alerts/<int:warning_id>/actions/", alerts.alert_action, name="alert_action"),
    # Reports (报表): 月通报 / 日调度 / 周分析 generated on request (city roles only).
    path("reports/", reports.reports_page, name="reports"),
    path("reports/bulletin/", reports.bulletin_download, name="report_bulletin"),
    path("reports/dispatch/", reports.dispatch_download, name="report_dispatch"),
    path("reports/weekly/", reports.weekly_download, name="report_weekly"),
    # Key projects (重点项目挂图作战): battle map and list, its export, one project.
    path("projects/", project_views.projects_page, name="projects"),
    path("reports/projects/", project_views.projects_report_download, name="report_projects"),
    path("projects/export/", project_views.projects_export, name="projects_export"),
    path("projects/<str:code>/", project_views.project_page, name="project"),
    path("reports/chain-brief/", chain_views.chain_brief_download, name="report_chain_brief"),
]
