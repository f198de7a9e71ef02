"""Login-attempt counters, kept in the database so that throttling holds across threads and
processes (``gongxin serve`` runs many threads; a second server process may run beside it)."""

from django.db import models


class LoginCounter(models.Model):
    """Password checks counted for one key in the current window.

    ``key`` is ``pair:<username>|<ip>``, ``user:<username>`` or ``ip:<ip>``. A check is
    *reserved* by one conditional UPDATE (``count < limit``) before the password is checked, so
    concurrent attempts can never check more passwords than the limit (services.py).
    """

    key = models.CharField("计数对象", max_length=250, unique=True)
    count = models.PositiveIntegerField("已校验次数", default=0)
    window_start = models.DateTimeField("窗口开始", db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "登录限制计数"

    def __str__(self) -> str:
        return f"{self.key} {self.count} 次（自 {self.window_start:%Y-%m-%d %H:%M}）"
