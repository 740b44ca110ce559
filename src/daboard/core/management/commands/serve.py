"""Serve daboard with gunicorn (the same server as production)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve daboard on http://127.0.0.1:PORT with gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
        parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")

    def handle(self, *args, port: int, host: str, workers: int, **options):
        if not 1 <= port <= 65535:
            raise CommandError(f"--port must be between 1 and 65535, not {port}")
        from gunicorn.app.base import BaseApplication

        from daboard.wsgi import application

        bind = f"{host}:{port}"

        class Server(BaseApplication):
            def load_config(self):
                self.cfg.set("bind", bind)
                self.cfg.set("workers", workers)
                self.cfg.set("threads", 4)
                self.cfg.set("accesslog", None)
                self.cfg.set("timeout", 120)
                # Keep idle connections open longer than a client or proxy keeps them, so a
                # request is never sent on a connection the server is closing (found by the
                # load test: "connection reset by peer" with the 2-second default).
                self.cfg.set("keepalive", 75)

            def load(self):
                return application

        self.stdout.write(self.style.SUCCESS(f"daboard is serving on http://{bind} — press Ctrl+C to stop."))
        Server().run()
