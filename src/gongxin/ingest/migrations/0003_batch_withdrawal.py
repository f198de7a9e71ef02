from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ingest", "0002_programme_kinds")]

    operations = [
        migrations.AddField(
            model_name="importbatch",
            name="withdrawn_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="撤回时间"),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="withdrawn_by",
            field=models.CharField(blank=True, default="", max_length=150, verbose_name="撤回人"),
        ),
    ]
