from django.db import migrations, models


def publish_existing(apps, schema_editor):
    """Plans made before drafts existed were public from the start: they stay published."""
    ActionPlan = apps.get_model("plans", "ActionPlan")
    ActionPlan.objects.filter(published_at__isnull=True).update(published_at=models.F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="actionplan",
            name="published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="published"),
        ),
        migrations.RunPython(publish_existing, migrations.RunPython.noop),
    ]
