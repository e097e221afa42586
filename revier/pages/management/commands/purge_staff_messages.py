from django.core.management.base import BaseCommand
from django.db import transaction

from revier.pages import services


class Command(BaseCommand):
    help = "Deletes messages to the editorial team older than the retention period (also done with every new message)."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = services.staff_message_purge_expired()
        self.stdout.write(f"{count} deleted")
