"""Shows the SQL each benchmarked page runs, with PostgreSQL's plan and timing.

    python bench/explain.py /aktuelles/ "/aktuelles/?q=Wasserstoffs" ...

Every URL is requested once through Django's test client (so the queries are exactly the view's);
each captured query is then run again under EXPLAIN (ANALYZE, BUFFERS). For search URLs it checks
that the plan uses the GIN index news_article_search_vector (on the stored tsvector column of
migration news/0005) and exits with status 1 if not. The page cache is off here: the point is the
view's own queries.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revier.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.PAGE_CACHE_SECONDS = 0

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

GIN_INDEX = "news_article_search_vector"


def main(urls: list[str]) -> int:
    client = Client(HTTP_HOST="127.0.0.1")
    failures = 0
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        queries = [q["sql"] for q in ctx.captured_queries]
        print(f"=== {url}  status {response.status_code}, {len(queries)} queries")
        plans = []
        with connection.cursor() as cursor:
            for sql in queries:
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                plans.append(plan)
                execution = plan.strip().splitlines()[-1].strip()
                print(f"--- {sql[:300]}{' …' if len(sql) > 300 else ''}\n{plan}\n")
                del execution
        if "q=" in url:
            used = any(GIN_INDEX in plan for plan in plans)
            print(f">>> search {url}: GIN index {GIN_INDEX} used: {'yes' if used else 'NO'}\n")
            failures += 0 if used else 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
