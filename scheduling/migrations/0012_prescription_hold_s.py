"""A prescription line is reps or a hold: ``hold_s`` seconds a set and no reps
(docs/rules.md, "Holds"). Existing holds typed as reps move in 0013."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('scheduling', '0009_nightly_leases'),
        ('training', '0004_check_in'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='prescription',
            name='rx_reps_min',
        ),
        migrations.RemoveConstraint(
            model_name='prescription',
            name='rx_reps_order',
        ),
        migrations.AddField(
            model_name='prescription',
            name='hold_s',
            field=models.PositiveIntegerField(blank=True, help_text='A hold (a plank): seconds per set, and no reps', null=True),
        ),
        migrations.AlterField(
            model_name='prescription',
            name='reps_max',
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name='prescription',
            name='reps_min',
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddConstraint(
            model_name='prescription',
            constraint=models.CheckConstraint(condition=models.Q(('reps_min__isnull', True), ('reps_min__gte', 1), _connector='OR'), name='rx_reps_min'),
        ),
        migrations.AddConstraint(
            model_name='prescription',
            constraint=models.CheckConstraint(condition=models.Q(('reps_min__isnull', True), ('reps_max__gte', models.F('reps_min')), _connector='OR'), name='rx_reps_order'),
        ),
        migrations.AddConstraint(
            model_name='prescription',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('hold_s__isnull', True), ('reps_max__isnull', False), ('reps_min__isnull', False)), models.Q(('hold_s__gte', 1), ('hold_s__isnull', False), ('hold_s__lte', 3600), ('reps_max__isnull', True), ('reps_min__isnull', True)), _connector='OR'), name='rx_reps_or_hold'),
        ),
    ]
