# IRMAssessment now belongs to the review app (review 0001 took over its table): state only, no data lost.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('opendata', '0001_initial'),
        ('review', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name='IRMAssessment')],
        ),
    ]
