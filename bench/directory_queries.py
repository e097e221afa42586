"""The directory's search queries in one process, without a server (issue 10): for every address
of bench/seed_network.py's list, the ids and the number of hits of the page (what
directory._kept_page computes, without the results store), each address once after a warm-up round
over all of them.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/revier_bench_network \\
        python bench/directory_queries.py var/bench-network-paths.txt [--dump results.json]

Prints p50/p95/p99/max of the wall-clock time and of the CPU time (this process plus its PostgreSQL
backend from /proc/PID/schedstat, so a PostgreSQL on this machine; parallel workers are not
counted) and the slowest addresses by CPU (TOP, default 10). --dump writes (count, page, ids) per
address, to compare the results of two versions.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revier.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402

from revier.network import directory  # noqa: E402


def page_ids(path: str) -> tuple[int, int, list[int]]:
    address = urlsplit(path)
    params = QueryDict(address.query)
    directory_filter = directory.directory_filter_from_params(params)
    try:
        number = int(params.get("page") or 1)
    except ValueError:
        number = 1
    list_for = directory.profile_directory if address.path.startswith("/netzwerk/verzeichnis") else directory.entry_directory
    return directory._page_ids(list_for(directory_filter), number=number, per_page=directory.PAGE_SIZE)


def summary(name: str, values: list[float]) -> str:
    ordered = sorted(values)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    return (f"{name}: mean={statistics.mean(ordered):.1f} p50={at(.5):.1f} p95={at(.95):.1f} p99={at(.99):.1f} "
            f"max={ordered[-1]:.1f} ms")


def main():
    paths = Path(sys.argv[1]).read_text(encoding="utf-8").split()
    dump = sys.argv[sys.argv.index("--dump") + 1] if "--dump" in sys.argv else None
    for path in paths:  # warm-up: caches of the process and of PostgreSQL as in a running server
        page_ids(path)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        schedstat = Path(f"/proc/{cursor.fetchone()[0]}/schedstat")

    def backend_ns() -> int:
        return int(schedstat.read_text().split()[0])

    walls, cpus, results = [], [], {}
    for path in paths:
        backend0, cpu0, wall0 = backend_ns(), time.process_time(), time.perf_counter()
        results[path] = page_ids(path)
        walls.append((time.perf_counter() - wall0) * 1000)
        cpus.append((time.process_time() - cpu0) * 1000 + (backend_ns() - backend0) / 1e6)
    print(f"{len(paths)} addresses, load average {os.getloadavg()[0]:.2f}")
    print(summary("wall", walls))
    print(summary("cpu ", cpus))
    for path, wall, cpu in sorted(zip(paths, walls, cpus, strict=True), key=lambda row: -row[2])[: int(os.environ.get("TOP", "10"))]:
        print(f"  cpu {cpu:6.1f} wall {wall:6.1f} count {results[path][0]:5d} {path}")
    if dump:
        Path(dump).write_text(json.dumps(results, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()
