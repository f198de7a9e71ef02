"""Drop two indexes of the monthly reports that no query needs (issue 9: import speed).

``uscc`` alone is the leading column of the unique key (uscc, ym, revision), which serves every
look-up by enterprise; nothing filters or sorts by ``recorded_at`` in the relational database
(as-of reads run on the analytic snapshot). The indexes are dropped by name instead of by
``AlterField``'s database side, which on SQLite copies the whole table twice to do it.
"""

import django.db.models.deletion
from django.db import migrations, models

DROP = [
    'DROP INDEX IF EXISTS "stats_monthlyreport_uscc_f721ea0b"',
    'DROP INDEX IF EXISTS "stats_monthlyreport_uscc_f721ea0b_like"',  # PostgreSQL's LIKE twin
    'DROP INDEX IF EXISTS "stats_monthlyreport_recorded_at_b723e301"',
]
CREATE = [
    'CREATE INDEX IF NOT EXISTS "stats_monthlyreport_uscc_f721ea0b" '
    'ON "stats_monthlyreport" ("uscc")',
    'CREATE INDEX IF NOT EXISTS "stats_monthlyreport_recorded_at_b723e301" '
    'ON "stats_monthlyreport" ("recorded_at")',
]


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0003_appeal_roles"),
        ("stats", "0003_verbose_names"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(DROP, reverse_sql=CREATE)],
            state_operations=[
                migrations.AlterField(
                    model_name="monthlyreport",
                    name="enterprise",
                    field=models.ForeignKey(
                        db_column="uscc",
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        to="registry.enterprise",
                    ),
                ),
                migrations.AlterField(
                    model_name="monthlyreport",
                    name="recorded_at",
                    field=models.DateTimeField(verbose_name="入库时间"),
                ),
            ],
        )
    ]
