"""Where a page's time goes: cProfile over repeated requests of the KPI pages on the demo,
for a board member (suppressed figures) and a commissioner, with each page's query count.

    python bench/profile_pages.py [--requests 20] [--top 25]   (DATABASE_URL: any engine)

Prints, for each reader and page, the mean time per request and its queries, then the
functions with the most cumulative time over all requests. Not a target: a tool for
finding the next cost to remove (bench/README.md records what it found).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sql", action="store_true", help="print each page's queries")
    parser.add_argument("--sort", default="cumulative", help="pstats order: cumulative or tottime")
    parser.add_argument("--pages", default="dashboard,report,needs,impact")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daboard.settings.dev")
    os.environ.setdefault("DABOARD_VAR_DIR", tempfile.mkdtemp(prefix="daboard-profile-"))
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from daboard.core.models import Board, Council, Role, RoleAssignment, User
    from daboard.returns.models import ReturnSubmission

    call_command("migrate", verbosity=0)
    if not ReturnSubmission.objects.exists():
        call_command("demo", verbosity=0)
    leics = Council.objects.get(gss_code="E10000018")
    board = Board.objects.get(slug="leicestershire-and-rutland")
    period = (ReturnSubmission.objects.filter(contract__council=leics, is_current=True).order_by("-period")
              .values_list("period", flat=True).first())
    readers = {"board member": (Role.BOARD_MEMBER, {"board": board}),
               "commissioner": (Role.COMMISSIONER, {"council": leics})}
    pages = {"dashboard": f"/dashboard/E10000018/?period={period}",
             "report": f"/dashboard/E10000018/report/{period}/", "needs": "/dashboard/E10000018/needs/",
             "impact": "/dashboard/E10000018/impact/"}
    profile = cProfile.Profile()
    for reader, (role, scope) in readers.items():
        user, _ = User.objects.get_or_create(username=f"profile-{role}")
        RoleAssignment.objects.get_or_create(user=user, role=role, **scope)
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="profile", defaults={"confirmed": True})
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
        for name, url in pages.items():
            if name not in args.pages.split(","):
                continue
            assert client.get(url, HTTP_HOST="127.0.0.1").status_code == 200  # warm
            seen: list[str] = []

            def count(execute, sql, params, many, context, seen=seen):
                seen.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                client.get(url, HTTP_HOST="127.0.0.1")
            if args.sql:
                for sql in seen:
                    print(f"    {sql[:240]}")
            t = time.perf_counter()
            profile.enable()
            for _ in range(args.requests):
                client.get(url, HTTP_HOST="127.0.0.1")
            profile.disable()
            ms = (time.perf_counter() - t) * 1000 / args.requests
            print(f"{reader:<14}{name:<11}{ms:8.1f} ms  {len(seen):3d} queries")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
