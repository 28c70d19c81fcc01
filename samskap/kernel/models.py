"""The kernel's own tables: the claims of scheduled work (`samskap.kernel.schedule`), the delivery
records of emails (`samskap.kernel.tasks`) and the versions of the data (`samskap.kernel.versions`)."""

from django.db import models


class ScheduledRun(models.Model):
    """An occurrence of a scheduled job that has run: the row is the claim, unique per job and key.

    A runner inserts it in the same transaction as the job's work, so the work and the claim commit or
    roll back together, and a second runner's insert fails. Old rows are pruned (`schedule.prune`).
    """

    job = models.CharField(max_length=100)
    key = models.CharField(max_length=200)
    ran_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "key"], name="scheduled_run_once")]
        indexes = [models.Index(fields=["job", "ran_at"], name="scheduled_run_by_age")]

    def __str__(self) -> str:
        return f"{self.job} {self.key}"


class SentEmail(models.Model):
    """The delivery record of one email, by the key it was enqueued with (`kernel.tasks.send_email`).

    `claimed_at` is written and committed before the SMTP conversation, `sent_at` after the server
    accepted the message. A task run again (a worker died and the task was re-queued, or the same email
    was enqueued twice under one key) sends nothing when `sent_at` is set.
    """

    key = models.CharField(max_length=100, unique=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return self.key


class DataVersion(models.Model):
    """The version of one scope of data (an app's tables), bumped after every write that commits
    (`samskap.kernel.versions`); cached public reads are keyed on it."""

    scope = models.CharField(max_length=100, primary_key=True)
    version = models.BigIntegerField(default=0)

    class Meta:
        db_table = "kernel_data_version"

    def __str__(self) -> str:
        return f"{self.scope} {self.version}"
