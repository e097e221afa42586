"""Mail backends for tests: a mail server that is down, and one that counts what it delivers across threads."""

import smtplib
import threading

from django.core.mail.backends.base import BaseEmailBackend

delivered = []
_lock = threading.Lock()


class DownBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class CountingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        with _lock:
            delivered.extend(messages)
        return len(messages)
