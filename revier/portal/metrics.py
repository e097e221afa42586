"""`/metrics` for Prometheus: the request figures of core.metrics and the business figures, read
from the database when scraped (never counted along the way): registrations and free-ticket claims
by state, the mail outbox (by state, due, the oldest due mail's wait), the workers' heartbeat, and
the runs of the meeting scheduler and the Monitor's wave imports by state. Being read from the
database, they are the same whichever gunicorn process answers the scrape.

Who may read it (docs/deployment.md, "Metrics"): a request from an address in METRICS_ALLOWED_IPS,
or one with `Authorization: Bearer <METRICS_TOKEN>`. Everyone else gets a 404, and with neither
setting the address does not exist for anybody.
"""

import datetime
import hmac

from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily

from revier.contingents.models import Claim
from revier.core import health, metrics
from revier.core.models import OutboxMail, WorkerHeartbeat
from revier.core.outage import DATABASE_ERRORS
from revier.events.models import Registration
from revier.monitor.models import ImportRun
from revier.network.meetings.models import ScheduleRun

# (metric name, help, model): rows counted by their status, every status named (0 included).
BY_STATUS = (
    ("revier_registrations", "Registrations for events by state.", Registration),
    ("revier_claims", "Free-ticket claims by state.", Claim),
    ("revier_outbox_mails", "Mails in the outbox by state.", OutboxMail),
    ("revier_schedule_runs", "Runs of the meeting scheduler (Gesprächsbörse) by state.", ScheduleRun),
    ("revier_import_runs", "Monitor wave uploads (check and import runs) by state.", ImportRun),
)


class BusinessCollector:
    """Reads the figures from the database at every scrape (a handful of grouped COUNTs)."""

    def collect(self):
        up = GaugeMetricFamily("revier_database_up", "1 when the database answered this scrape.")
        try:
            families = list(self._from_database())
        except DATABASE_ERRORS:
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from families

    def _from_database(self):
        for name, documentation, model in BY_STATUS:
            family = GaugeMetricFamily(name, documentation, labels=["status"])
            counts = dict(model.objects.order_by().values_list("status").annotate(n=Count("pk")))
            for status in model.Status.values:
                family.add_metric([status], counts.get(status, 0))
            yield family
        due = GaugeMetricFamily("revier_outbox_due", "Mails waiting to be sent whose time has come.")
        due.add_metric([], OutboxMail.objects.filter(status=OutboxMail.Status.PENDING,
                                                     next_attempt_at__lte=timezone.now()).count())
        yield due
        oldest = GaugeMetricFamily("revier_outbox_oldest_due_seconds", "How long the longest-waiting due mail has been due.")
        oldest.add_metric([], health.oldest_due_mail_seconds())
        yield oldest
        lag = health.worker_lag_seconds()
        lag_family = GaugeMetricFamily("revier_worker_lag_seconds",
                                       "Seconds since the newest worker heartbeat (NaN: no worker ever ran).")
        lag_family.add_metric([], float("nan") if lag is None else lag)
        yield lag_family
        alive = GaugeMetricFamily("revier_workers_alive", "Worker processes with a heartbeat within the last minute.")
        alive.add_metric([], WorkerHeartbeat.objects.filter(
            beat_at__gte=timezone.now() - datetime.timedelta(seconds=health.WORKER_STALE_SECONDS)).count())
        yield alive


def metrics_allowed(request) -> bool:
    if request.META.get("REMOTE_ADDR", "") in settings.METRICS_ALLOWED_IPS:
        return True
    token = settings.METRICS_TOKEN
    given = request.META.get("HTTP_AUTHORIZATION", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


@require_safe
def metrics_view(request):
    if not metrics_allowed(request):
        raise Http404
    registry = CollectorRegistry(auto_describe=False)
    registry.register(BusinessCollector())
    body = metrics.request_metrics_text() + generate_latest(registry)
    response = HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
