"""The assessments moved from opendata to review with their data and their change history."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from samskap.history.models import ChangeRecord
from samskap.review.models import IRMAssessment

pytestmark = pytest.mark.django_db

move = importlib.import_module("samskap.review.migrations.0002_irmassessment_table_and_content_type")
EDITOR = SimpleNamespace(connection=connection)


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """These tests rename and delete content types (rolled back afterwards): no stale cache for the next."""
    yield
    ContentType.objects.clear_cache()


def test_the_assessments_are_the_review_apps_in_its_own_table():
    assert IRMAssessment._meta.app_label == "review"
    assert IRMAssessment._meta.db_table == "review_irmassessment"
    assert ContentType.objects.get_for_model(IRMAssessment).app_label == "review"


def _record(content_type: ContentType) -> ChangeRecord:
    return ChangeRecord.objects.create(
        content_type=content_type, object_id=1, object_repr="1 Progress", action="created", changes={}
    )


def test_the_old_content_type_is_renamed_so_change_records_keep_pointing_at_assessments():
    ContentType.objects.filter(app_label="review", model="irmassessment").delete()
    old = ContentType.objects.create(app_label="opendata", model="irmassessment")
    record = _record(old)
    move.forwards(apps, EDITOR)
    record.refresh_from_db()
    assert (record.content_type.app_label, record.content_type.pk) == ("review", old.pk)
    assert record.content_type.model_class() is IRMAssessment


def test_when_both_content_types_exist_the_records_move_to_the_review_one():
    new = ContentType.objects.get_for_model(IRMAssessment)
    old = ContentType.objects.create(app_label="opendata", model="irmassessment")
    record = _record(old)
    move.forwards(apps, EDITOR)
    record.refresh_from_db()
    assert record.content_type == new
    assert not ContentType.objects.filter(app_label="opendata", model="irmassessment").exists()
