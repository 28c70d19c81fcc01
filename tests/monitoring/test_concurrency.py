"""An answer handed in while the coordinator publishes: PostgreSQL only (two connections writing at once)."""

import threading
import time

import pytest
from django.db import connection

from samskap.commitments.models import ProgressUpdate
from samskap.monitoring import services
from samskap.monitoring.models import StatusRequest
from samskap.monitoring.services import CommitmentValues

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_an_answer_is_either_published_with_the_round_or_refused(world, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (run it with DATABASE_URL=postgres://…)")
    # The answer's transaction pauses after it has looked at the round, and the publication starts in
    # that pause: without the round's lock the answer would be handed in to a round already published.
    slow = services.commitments_of

    def commitments_of(request):
        time.sleep(0.5)
        return slow(request)

    monkeypatch.setattr(services, "commitments_of", commitments_of)
    for _attempt in range(2):
        status_round = world.start()
        request = status_round.requests.get(organisation=world.kud)
        barrier = threading.Barrier(2)
        outcomes: list[object] = []

        def submit(request=request, barrier=barrier, outcomes=outcomes) -> None:
            barrier.wait()
            try:
                services.save_answers(
                    actor=world.kud_editor,
                    request=request,
                    milestones={},
                    commitments={world.journal.pk: CommitmentValues("limited", "Gjort.", "", "")},
                    submit=True,
                )
                outcomes.append("submitted")
            except services.RoundClosed:
                outcomes.append("refused")
            finally:
                connection.close()

        def publish(status_round=status_round, barrier=barrier) -> None:
            barrier.wait()
            time.sleep(0.2)
            try:
                services.publish_round(actor=world.coordinator, status_round=status_round)
            finally:
                connection.close()

        threads = [threading.Thread(target=submit), threading.Thread(target=publish)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        answered = StatusRequest.objects.get(pk=request.pk).answered
        published = ProgressUpdate.objects.filter(commitment=world.journal, narrative__contains="Gjort.").count()
        assert outcomes in (["submitted"], ["refused"])
        # Handed in means published with the round; refused means nothing handed in.
        assert answered == (outcomes == ["submitted"]) and published == int(answered)
        ProgressUpdate.objects.all().delete()
