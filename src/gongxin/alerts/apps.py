from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "gongxin.alerts"
    label = "alerts"
    verbose_name = "预警"

    def ready(self) -> None:
        from gongxin.ingest.signals import import_committed
        from gongxin.projects.signals import projects_changed

        import_committed.connect(_after_import, dispatch_uid="alerts_after_import")
        # Key projects live outside the analytic snapshot (no data version moves), so their
        # imports say so on their own; their months are evaluated the same way.
        projects_changed.connect(_after_import, dispatch_uid="alerts_after_projects")


def _after_import(*, kind: str, periods: object, actor: str, **kwargs: object) -> None:
    """Warnings are evaluated after every committed import; a failure never fails the import."""
    import logging

    from django.conf import settings

    from gongxin.alerts.services import alerts_after_import

    latest = getattr(settings, "GONGXIN_ALERTS_AFTER_IMPORT", 3)
    if latest <= 0:
        return
    try:
        alerts_after_import(kind=kind, periods=periods, actor=actor, latest=latest)
    except Exception:  # the import is committed; listing the warnings evaluates them again
        logging.getLogger(__name__).exception("evaluating warnings after import %s failed", kind)
