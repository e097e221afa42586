import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.module_loading import import_string

from revier.core.health import worker_heartbeat

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Sends the mail outbox and runs the periodic tasks of settings.WORKER_TASKS."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every task once and stop.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between rounds.")

    def handle(self, *args, once=False, interval=2.0, **options):
        tasks = [import_string(path) for path in settings.WORKER_TASKS]
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        if not once:
            self.stdout.write("Hintergrunddienst läuft (Mailversand und zeitgesteuerte Aufgaben).")
        while self.running:
            for task in tasks:
                try:
                    task()
                except Exception:  # one failing task must not stop the others; it runs again next round
                    logger.exception("worker task %s failed", task.__name__)
            try:
                worker_heartbeat()  # /readyz and the metrics: this worker is alive (at most every 10 s)
            except Exception as error:  # noqa: BLE001 – the database may be away; the next round beats again
                logger.warning("worker heartbeat not recorded: %s", error)
            if once:
                break
            time.sleep(interval)
            close_old_connections()  # a database restart between rounds must not stop the worker

    def _stop(self, *args):
        self.running = False
