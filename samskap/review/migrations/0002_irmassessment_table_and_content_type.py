# The assessments' table gets the review app's name, and their content type moves from opendata to
# review, so change-history records (and permissions) keep pointing at the assessments.

from django.db import migrations


def _move_content_type(apps, schema_editor, old, new):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    ChangeRecord = apps.get_model('history', 'ChangeRecord')
    db = schema_editor.connection.alias
    moving = ContentType.objects.using(db).filter(app_label=old, model='irmassessment').first()
    if moving is None:  # a fresh database: the content type is created after migrating
        return
    taken = ContentType.objects.using(db).filter(app_label=new, model='irmassessment').first()
    if taken is None:
        moving.app_label = new
        moving.save(update_fields=['app_label'])
    else:
        ChangeRecord.objects.using(db).filter(content_type=moving).update(content_type=taken)
        moving.delete()
    ContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    _move_content_type(apps, schema_editor, 'opendata', 'review')


def backwards(apps, schema_editor):
    _move_content_type(apps, schema_editor, 'review', 'opendata')


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('history', '0002_initial'),
        ('opendata', '0002_irmassessment_moved_to_review'),
        ('review', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelTable(name='irmassessment', table=None),
        migrations.RunPython(forwards, backwards),
    ]
