"""The transactional outbox: tasks recorded with the write that wants them."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('scheduling', '0006_digest_items'),
    ]

    operations = [
        migrations.CreateModel(
            name='OutboxMessage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('task', models.CharField(max_length=200)),
                ('args', models.JSONField(default=list)),
                ('key', models.CharField(max_length=255)),
                ('created_at', models.DateTimeField()),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('done_at', models.DateTimeField(blank=True, null=True)),
            ],
            options={
                'indexes': [models.Index(condition=models.Q(('done_at__isnull', True)), fields=['created_at'], name='outbox_pending'), models.Index(fields=['done_at'], name='outbox_done')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('done_at__isnull', True)), fields=('key',), name='outbox_one_pending_per_key')],
            },
        ),
    ]
