#!/usr/bin/env python3
"""Fill a dcmc store with a realistic month of work, through the public commands only.

Seeded: the same seed and sizes give the same store. Every command is run with `--at`, in
time order, so the store reads as if people had worked through the period:

- arrivals by weekday (busy Mondays, quiet weekends) and hour (peaks mid-morning and
  early afternoon) of technical cases (pulled by first-line advisors, escalated by hand
  to experts, sent back for verification) and finance cases (pushed as offers to ready
  advisors, accepted or declined, some pending for the customer's documents, some
  escalated to team supervisors);
- advisors who work office hours on weekdays, pull with `task next` and complete with an
  outcome; work left in the queue overnight and over weekends breaches its OLA, and `tick`
  escalates it or raises its priority.

Usage: python3 samples/month.py --store DIR [--dcmc PATH] [--seed N] [--start DATE]
       [--days N] [--per-day N]
"""

import argparse
import datetime
import heapq
import json
import random
import subprocess
import sys
import tempfile

ZONE = datetime.timezone(datetime.timedelta(hours=1))  # Brussels winter time, as an offset
WEEKDAY_LOAD = [1.4, 1.15, 1.0, 1.0, 0.9, 0.25, 0.1]
HOUR_WEIGHTS = {8: 3, 9: 8, 10: 10, 11: 9, 12: 5, 13: 7, 14: 9, 15: 8, 16: 6, 17: 3, 18: 2, 19: 1, 20: 1}
PULL_USERS = {"alice": 35, "bob": 45, "carol": 40, "frank": 70, "eve": 60, "tina": 50, "victor": 50}
PUSH_USERS = ["fiona", "gary"]
ANSWER_DELAY = datetime.timedelta(seconds=20)
OUTCOMES = {
    "handle": [("resolved", 78), ("escalate", 22)],
    "expert_review": [("resolved", 75), ("send_back", 25)],
    "verify": [("confirmed", 85), ("still_failing", 15)],
    "assess": [("refunded", 30), ("corrected", 25), ("refused", 20), ("need_documents", 15), ("escalate", 10)],
    "process_documents": [("refunded", 45), ("corrected", 25), ("refused", 20), ("escalate", 10)],
    "supervisor_review": [("refunded", 45), ("refused", 35), ("send_back", 20)],
}
NAMES = ["Jane Doe", "Marc Dubois", "Anna Peeters", "Luc Janssens", "Sofia Rossi", "Tom Maes", "Eva Claes",
         "Noah Willems", "Lina Mertens", "Omar El Idrissi", "Julie Lambert", "Pieter De Smet"]


class Month:
    def __init__(self, args):
        self.dcmc = args.dcmc
        self.store = args.store
        self.random = random.Random(args.seed)
        self.start = datetime.datetime.combine(args.start, datetime.time(7, 0), ZONE)
        self.days = args.days
        self.per_day = args.per_day
        self.events = []
        self.order = 0
        self.commands = 0
        self.created = {"technical": 0, "finance": 0}
        self.held = {}

    def run_dcmc(self, at, *arguments, user=None):
        """Runs one command at `at`; its parsed --json output, or None when it is refused."""
        command = [self.dcmc, *arguments, "--store", self.store, "--at", at.replace(microsecond=0).isoformat(), "--json"]
        if user:
            command += ["--as", user]
        self.commands += 1
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode == 2:
            sys.exit(f"month.py: {' '.join(arguments)}: {result.stderr.strip()}")
        if result.returncode != 0 or not result.stdout.strip():
            return None
        return json.loads(result.stdout)

    def schedule(self, at, action, *arguments):
        self.order += 1
        heapq.heappush(self.events, (at, self.order, action, arguments))

    def choose(self, weighted):
        return self.random.choices([value for value, _ in weighted], [weight for _, weight in weighted])[0]

    def office_start(self, day):
        """09:00 on the next weekday at or after `day`, give or take 20 minutes."""
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
        jitter = datetime.timedelta(minutes=self.random.randint(-30, 10))
        return datetime.datetime.combine(day, datetime.time(9, 0), ZONE) + jitter

    def is_office_hours(self, at):
        return at.weekday() < 5 and datetime.time(8, 30) <= at.time() < datetime.time(17, 30)

    # The plan: arrivals, workdays and ticks.

    def plan(self):
        self.run_dcmc(self.start, "deploy", "definitions/")
        end = self.start + datetime.timedelta(days=self.days)
        for offset in range(self.days):
            day = self.start.date() + datetime.timedelta(days=offset)
            count = round(self.per_day * WEEKDAY_LOAD[day.weekday()] * self.random.uniform(0.75, 1.25))
            for _ in range(count):
                hour = self.random.choices(list(HOUR_WEIGHTS), list(HOUR_WEIGHTS.values()))[0]
                at = datetime.datetime.combine(day, datetime.time(hour, self.random.randrange(60)), ZONE)
                self.schedule(at, "arrive", "technical" if self.random.random() < 0.62 else "finance")
        for user in PULL_USERS:
            self.schedule(self.office_start(self.start.date()), "work", user)
        for user in PUSH_USERS:
            self.schedule(self.office_start(self.start.date()), "log_on", user)
        at = self.start + datetime.timedelta(minutes=30)
        while at < end:
            self.schedule(at, "tick")
            at += datetime.timedelta(hours=1)
        while self.events:
            at, _, action, arguments = heapq.heappop(self.events)
            if at >= end:
                break
            getattr(self, action)(at, *arguments)

    # What happens.

    def arrive(self, at, case_type):
        name = self.random.choice(NAMES)
        email = name.lower().replace(" ", ".") + f"{self.random.randrange(1000)}@example.com"
        phone = f"+3247{self.random.randrange(10_000_000):07d}"
        segment = self.choose([("gold", 15), ("silver", 35), ("bronze", 50)])
        if case_type == "technical":
            fields = {"Customer_Name": name, "Customer_Email": email, "Customer_Phone": phone,
                      "Customer_Segment": segment, "Product": self.choose(
                          [("internet", 45), ("television", 25), ("mobile", 20), ("landline", 10)]),
                      "Problem_Description": "The service drops several times a day"}
        else:
            fields = {"Customer_Name": name, "Customer_Email": email, "Customer_Phone": phone,
                      "Customer_Segment": segment,
                      "Request_Type": self.choose([("refund", 50), ("invoice_dispute", 35), ("payment_plan", 15)]),
                      "Invoice_Number": f"INV-{self.random.randrange(1_000_000):06d}",
                      "Amount": self.random.choice([19.99, 45, 120, 380, 1250])}
        with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
            json.dump(fields, file)
            file.flush()
            if self.run_dcmc(at, "case", "create", case_type, "--fields", file.name, user="alice") is not None:
                self.created[case_type] += 1
                self.offered(at)

    def work(self, at, user):
        """A pull advisor completes the task they pulled, or pulls the next one (and, when the
        queue is empty, finishes what was sent back to them); back soon after."""
        if not self.is_office_hours(at):
            self.schedule(self.office_start(at.date() + datetime.timedelta(days=1)), "work", user)
            return
        held = self.held.pop(user, None)
        if held:
            self.complete(at, user, held)
            self.schedule(at + datetime.timedelta(minutes=self.random.randint(2, 10)), "work", user)
            return
        task = self.run_dcmc(at, "task", "next", user=user)
        if not task:
            mine = self.run_dcmc(at, "task", "list", "--mine", user=user) or []
            task = next((task for task in mine if task.get("status") in ("assigned", "working")), None)
        if task:
            self.held[user] = task
            handle = self.random.expovariate(1 / PULL_USERS[user]) + 5
            self.schedule(at + datetime.timedelta(minutes=handle), "work", user)
        else:
            self.schedule(at + datetime.timedelta(minutes=self.random.randint(30, 60)), "work", user)

    def complete(self, at, user, task):
        outcome = self.choose(OUTCOMES[task["task"]])
        self.run_dcmc(at, "task", "complete", task["id"], "--outcome", outcome, user=user)
        if outcome == "need_documents":
            later = at + datetime.timedelta(hours=self.random.randint(4, 72))
            self.schedule(later, "resume", task["case"])

    def resume(self, at, case):
        self.run_dcmc(at, "case", "resume", case, user="tina")

    def log_on(self, at, user):
        self.run_dcmc(at, "presence", "set", "ready", user=user)
        self.schedule(at + ANSWER_DELAY, "answer", user)
        off = datetime.datetime.combine(at.date(), datetime.time(17, 30), ZONE)
        self.schedule(off, "log_off", user)

    def log_off(self, at, user):
        self.run_dcmc(at, "presence", "set", "logged_off", user=user)
        self.schedule(self.office_start(at.date() + datetime.timedelta(days=1)), "log_on", user)

    def answer(self, at, user):
        """A push advisor answers an offer within its 45 seconds: accepts most, declines some,
        and misses a few (withdrawn at the next tick, RONA)."""
        if not self.is_office_hours(at):
            return
        offers = self.run_dcmc(at, "task", "offers", user=user) or []
        if not offers:
            return
        roll = self.random.random()
        if roll < 0.85:
            if self.run_dcmc(at, "task", "accept", offers[0]["id"], user=user) is not None:
                handle = self.random.expovariate(1 / 40) + 5
                self.schedule(at + datetime.timedelta(minutes=handle), "finish", user, offers[0])
                self.schedule(at + ANSWER_DELAY, "answer", user)
        elif roll < 0.95:
            self.run_dcmc(at, "task", "decline", offers[0]["id"], "--reason", "busy_with_customer", user=user)
        else:
            self.schedule(at + datetime.timedelta(minutes=70), "ready", user)

    def finish(self, at, user, task):
        """Completes a pushed task; the advisor ends the wrap-up early when it is done."""
        self.complete(at, user, task)
        self.schedule(at + datetime.timedelta(minutes=2), "ready", user)

    def ready(self, at, user):
        if not self.is_office_hours(at):
            return
        if self.random.random() < 0.1:
            self.run_dcmc(at, "presence", "set", "not_ready", "--reason", "break", user=user)
            self.schedule(at + datetime.timedelta(minutes=self.random.randint(10, 20)), "ready", user)
            return
        self.run_dcmc(at, "presence", "set", "ready", user=user)
        self.schedule(at + ANSWER_DELAY, "answer", user)

    def offered(self, at):
        """Offers are made as work arrives; the push advisors look at them."""
        if self.is_office_hours(at):
            for user in PUSH_USERS:
                self.schedule(at + ANSWER_DELAY, "answer", user)

    def tick(self, at):
        self.run_dcmc(at, "tick")
        self.offered(at)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--dcmc", default="dcmc")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--start", type=datetime.date.fromisoformat, default=datetime.date(2026, 2, 2))
    parser.add_argument("--days", type=int, default=28)
    parser.add_argument("--per-day", type=int, default=24)
    args = parser.parse_args()
    month = Month(args)
    month.plan()
    print(f"created {month.created['technical']} technical and {month.created['finance']} finance cases "
          f"with {month.commands} commands")


if __name__ == "__main__":
    main()
