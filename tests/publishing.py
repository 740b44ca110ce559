"""Publishing an agenda in a test. The pack is built by a background task once the
publication commits (board.services.pack_build); a test runs inside a transaction that never
commits, so `publish_pack` runs the publication's on-commit callbacks as a commit would:
the build, and the circulation the build queues."""

from django.test import TestCase

from daboard.board import services


def publish_pack(**kwargs) -> bool:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.meeting_publish_pack(**kwargs)
