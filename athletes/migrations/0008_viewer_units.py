"""A coach's own units: what they read every athlete's loads and distances in."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("athletes", "0007_roster_lock_default"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="units",
            field=models.CharField(
                choices=[("metric", "Metric (kg, km)"), ("imperial", "Imperial (lb, mi)")],
                default="metric", max_length=8, verbose_name="units I read in"),
        ),
    ]
