"""Failed logins, kept so that guessing passwords is throttled across threads and processes."""

from django.db import models


class LoginFailure(models.Model):
    """One failed login; rows older than the throttling window are deleted as new ones arrive."""

    username = models.CharField("用户名", max_length=150)
    ip = models.CharField("来源地址", max_length=45)
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "登录失败记录"
        indexes = [models.Index(fields=["username", "ip", "at"])]

    def __str__(self) -> str:
        return f"{self.username}@{self.ip} {self.at:%Y-%m-%d %H:%M}"
