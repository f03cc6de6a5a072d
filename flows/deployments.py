"""Scheduled deployment: run the quarterly flow for the quarter just ended.

Schedules need a running Prefect server (`prefect server start`); then run
`python -m flows.deployments` to serve the deployment. The key comes from the
environment of the serving process (DEID_PSEUDONYM_KEY or DEID_PSEUDONYM_KEY_FILE).
"""
from __future__ import annotations

from prefect.schedules import Cron, Schedule

from flows.quarterly import quarterly_reporting

# 06:00 New Zealand time on the 20th day after each quarter ends (providers report within 15 working days).
QUARTERLY_CRON = "0 6 20 1,4,7,10 *"
TIME_ZONE = "Pacific/Auckland"


def quarterly_schedule() -> Schedule:
    return Cron(QUARTERLY_CRON, timezone=TIME_ZONE)


def main() -> None:
    quarterly_reporting.serve(name="quarterly-reporting", schedules=[quarterly_schedule()], parameters={}, tags=["deid"])


if __name__ == "__main__":
    main()
