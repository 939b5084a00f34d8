#!/usr/bin/env python3
"""The seed's client calls against `streamcast serve`, with Python's `requests`, unchanged in shape.

For real M5 series (the first --series rows of an M5 wide file) and days (--days from --first-day), day by day
as the seed's progressive validation: POST /api/predict {"id": N, "model": KEY, "features": {"date": DAY, "id":
KEY}}, then POST /api/learn {"id": N, "model": KEY, "ground_truth": UNITS} with the day's real sales. Checks
every status (201), that each answer's prediction is its forecast record's, and, with --forecasts, that the job
commits the very records the answers carry (its JSON-lines forecast files, committed ones only: names not
starting with '.'), one per request id. Exit status 0 only if every check passed.

    scripts/seed-client.py --url http://localhost:5000 --forecasts out/kafka-live/forecasts

The job must write files too (--output.files true), and its input must not hold later days of these series (a
prediction would then answer from a model that knows the future, and a learn would be a late event).
"""
import argparse
import csv
import json
import os
import sys
import time

import requests


def calendar_dates(path):
    with open(path, newline="") as f:
        return {row["d"]: row["date"] for row in csv.DictReader(f)}


def committed_forecasts(directory):
    """Forecast records with a request id, from the committed JSON-lines files below directory."""
    records = {}
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted(files):
            if name.startswith("."):
                continue  # in progress: not committed yet
            with open(os.path.join(root, name)) as f:
                for line in f:
                    record = json.loads(line)
                    if record.get("rid") is not None:
                        if record["rid"] in records:
                            raise SystemExit(f"request id {record['rid']} committed twice")
                        records[record["rid"]] = record
    return records


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--url", default="http://localhost:5000")
    p.add_argument("--sales", default="data/m5/sales_subset.csv", help="an M5 wide file")
    p.add_argument("--calendar", default="data/m5/calendar.csv")
    p.add_argument("--series", type=int, default=5, help="how many series (the file's first rows)")
    p.add_argument("--first-day", default="d_1762")
    p.add_argument("--days", type=int, default=14)
    p.add_argument("--forecasts", help="the job's forecasts directory (output.path/forecasts)")
    p.add_argument("--wait", type=float, default=120, help="seconds to wait for the job to commit")
    a = p.parse_args()

    dates = calendar_dates(a.calendar)
    with open(a.sales, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [next(reader) for _ in range(a.series)]
    first = header.index(a.first_day)
    days = header[first:first + a.days]
    host = a.url.rstrip("/")

    answers = []
    start = time.perf_counter()
    call = 0
    for day in days:
        col = header.index(day)
        for row in rows:
            key = "_".join(row[0].split("_")[:5])  # the model key: item and store
            call += 1
            r = requests.post(host + "/api/predict",
                              json={"id": call, "model": key, "features": {"date": dates[day], "id": key}})
            if r.status_code != 201:
                raise SystemExit(f"predict {key} {dates[day]}: {r.status_code} {r.text}")
            answer = r.json()
            if answer["prediction"] != answer["forecast"]["prediction"] or answer["model"] != key:
                raise SystemExit(f"predict {key} {dates[day]}: not the job's record: {answer}")
            answers.append(answer)
            r = requests.post(host + "/api/learn", json={"id": call, "model": key, "ground_truth": int(row[col])})
            if r.status_code != 201:
                raise SystemExit(f"learn {key} {dates[day]}: {r.status_code} {r.text}")
    took = time.perf_counter() - start
    print(f"seed-client: {len(answers)} predictions and {len(answers)} learns for {len(rows)} series x "
          f"{len(days)} days ({dates[days[0]]}..{dates[days[-1]]}) in {took:.1f} s: every call 201")

    if not a.forecasts:
        print("seed-client: no --forecasts: the job's committed records not compared")
        return 0
    deadline = time.monotonic() + a.wait
    while True:
        committed = committed_forecasts(a.forecasts)
        missing = [x for x in answers if x["forecast"]["rid"] not in committed]
        if not missing or time.monotonic() > deadline:
            break
        time.sleep(1)
    if missing:
        raise SystemExit(f"seed-client: {len(missing)} answers not committed within {a.wait:.0f} s")
    different = [x for x in answers if committed[x["forecast"]["rid"]] != x["forecast"]]
    if different:
        raise SystemExit(f"seed-client: {len(different)} answers differ from the committed records, e.g. "
                         f"{different[0]['forecast']} vs {committed[different[0]['forecast']['rid']]}")
    print(f"seed-client: all {len(answers)} answers equal the forecast records the job committed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
