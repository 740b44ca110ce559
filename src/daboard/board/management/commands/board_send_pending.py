from django.core.management.base import BaseCommand

from daboard.board.distribution import deliver_pending


class Command(BaseCommand):
    help = "Send every circulated pack, minutes or notice e-mail that has not gone yet (run it every few minutes)."

    def handle(self, *args, **options):
        sent = deliver_pending()
        self.stdout.write(f"{sent} e-mail{'s' if sent != 1 else ''} sent.")
