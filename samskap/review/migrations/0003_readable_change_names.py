"""The change history named assessments by the commitment's database id ("40 Sluttrapport"); name them
by the report and the commitment's number ("Sluttrapport: 3.2") as new changes do."""

from django.db import migrations


def rename(apps, schema_editor):
    ChangeRecord = apps.get_model("history", "ChangeRecord")
    ContentType = apps.get_model("contenttypes", "ContentType")
    IRMAssessment = apps.get_model("review", "IRMAssessment")
    kind = ContentType.objects.filter(app_label="review", model="irmassessment").first()
    if kind is None:
        return
    assessments = {a.pk: a for a in IRMAssessment.objects.select_related("commitment")}
    for record in ChangeRecord.objects.filter(content_type=kind).iterator():
        assessment = assessments.get(record.object_id)
        if assessment is None:
            continue
        label = record.object_repr.split(" ", 1)[1] if " " in record.object_repr else record.object_repr
        record.object_repr = f"{label}: {assessment.commitment.identifier}"[:300]
        record.save(update_fields=["object_repr"])


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0002_irmassessment_table_and_content_type"),
        ("history", "0002_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
