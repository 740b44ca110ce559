"""Run as a subprocess: validate one file and print the peak memory (MB) and the issues.

    python -m tests.returns.memory_probe FILE [ERROR_REPORT_OUT]
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def _peak_mb() -> float:
    """This process's own peak resident memory. `ru_maxrss` also keeps the peak of the
    process it was forked from (Linux carries it across exec), so a probe started by a
    pytest worker of 500 MB read 500 MB whatever it used; VmHWM is the peak of this
    program's own memory."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    from daboard.returns.standard import v1 as std
    from daboard.returns.validate import validate

    path = Path(sys.argv[1])
    started = time.monotonic()
    result = validate(path.read_bytes(), period=std.Period.parse("2024-25-Q1"), residence_codes={"E07000129"})
    elapsed = time.monotonic() - started
    report = b""
    if len(sys.argv) > 2:
        from daboard.returns.services import error_report_bytes

        report = error_report_bytes(result)
        Path(sys.argv[2]).write_bytes(report)
    peak = _peak_mb()
    print(json.dumps({"peak_mb": peak, "seconds": elapsed, "ok": result.ok, "counts": result.counts,
                      "issues": len(result.issues), "report_bytes": len(report),
                      "first": result.issues[0].line()[:300] if result.issues else None}))


if __name__ == "__main__":
    import django

    django.setup()
    main()
