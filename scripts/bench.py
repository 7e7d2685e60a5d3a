"""Benchmark ledgersite on generated books of several sizes; print a table and write JSON.

Every figure is also given as a ratio to the *reading floor*: python-calamine reading every cell
of the same workbook, with no validation, measured in the same run. Ratios travel between
machines better than seconds do.

    python scripts/bench.py --sizes 1000,10000[,100000] [--reps 3] [--out bench-results]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 6, 1)  # fixed, so every run builds the same agenda
FIRST = ["Maria", "Tom", "Aisha", "James", "Priya", "Chen", "Olivia", "Noah", "Fatima", "Liam"]
LAST = ["Reyes", "Smith", "Khan", "Okafor", "Novak", "Li", "Brown", "Garcia", "Singh", "Murphy"]
ITEMS = [
    ("Sapphire halo ring", "Rings", 2450),
    ("Diamond solitaire engagement ring", "Bridal", 5200),
    ("Pearl stud earrings", "Earrings", 380),
    ("Gold tennis bracelet", "Bracelets", 1900),
    ("Watch battery and reseal", "Repair", 45),
    ("Emerald pendant", "Necklaces", 1250),
]
ASSOCIATES = ["Hannah", "Marcus", "Sofia"]


def generate_book(path: Path, clients: int, variant: str = "base") -> Path:
    """Write a deterministic book of `clients` clients (about 9 rows per client over 5 sheets).

    `variant` "phone" changes one client's phone number; "purchase" adds one purchase.
    """
    rng = random.Random(clients)
    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("Clients")
    sheet.append(
        ["Client ID", "First name", "Last name", "Partner name", "Email", "Phone", "City",
         "Birthday", "Anniversary", "Associate", "Ring size", "Tags", "Notes"]
    )
    for i in range(clients):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        phone = f"07700 {900000 + i % 100000:06d}"
        if variant == "phone" and i == clients // 2:
            phone = "07700 123456"
        birthday = dt.date(1950 + rng.randrange(55), rng.randrange(1, 13), rng.randrange(1, 29))
        anniversary = (
            dt.date(1980 + rng.randrange(45), rng.randrange(1, 13), rng.randrange(1, 29))
            if rng.random() < 0.6
            else None
        )
        sheet.append(
            [f"C-{i:06d}", first, last, rng.choice(FIRST) if anniversary else None,
             f"{first.lower()}.{last.lower()}.{i}@example.com", phone, "Bath", birthday,
             anniversary, rng.choice(ASSOCIATES), rng.choice(["J", "K", "L", "M", "N"]),
             rng.choice(["VIP", "bridal", "", "watch collector"]),
             "Prefers **yellow gold**; ask about the anniversary band."]
        )
    purchases = wb.create_sheet("Purchases")
    purchases.append(["Date", "Client", "Item", "Category", "Price", "Associate", "Occasion"])
    for _ in range(clients * 4):
        item, category, price = rng.choice(ITEMS)
        when = TODAY - dt.timedelta(days=rng.randrange(1, 3650))
        purchases.append(
            [when, f"C-{rng.randrange(clients):06d}", item, category, price,
             rng.choice(ASSOCIATES), rng.choice(["Birthday", "Anniversary", "Just because"])]
        )
    if variant == "purchase":
        purchases.append([TODAY, "C-000007", "Pearl stud earrings", "Earrings", 380, "Hannah", ""])
    dates = wb.create_sheet("Dates")
    dates.append(["Client", "Date", "Occasion", "Remind days before"])
    for i in range(clients):
        dates.append([f"C-{i:06d}", dt.date(2000 + rng.randrange(25), rng.randrange(1, 13),
                                            rng.randrange(1, 29)), "Daughter's birthday", 10])
    log = wb.create_sheet("Contact log")
    log.append(["Date", "Client", "Kind", "By"])
    for _ in range(clients * 2):
        log.append([TODAY - dt.timedelta(days=rng.randrange(1, 900)),
                    f"C-{rng.randrange(clients):06d}",
                    rng.choice(["Thank-you note", "Check-in call"]), rng.choice(ASSOCIATES)])
    wish = wb.create_sheet("Wish list")
    wish.append(["Client", "Item", "Noted on", "Price"])
    for _ in range(clients):
        item, _category, price = rng.choice(ITEMS)
        wish.append([f"C-{rng.randrange(clients):06d}", item,
                     TODAY - dt.timedelta(days=rng.randrange(1, 400)), price])
    settings = wb.create_sheet("Settings")
    settings.append(["Setting", "Value"])
    settings.append(["Store name", "Benchmark Jewellers"])
    settings.append(["Time zone", "Europe/London"])
    settings.append(["Country", "GB"])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def reading_floor(path: Path) -> float:
    """Give the seconds python-calamine takes to read every cell of every sheet."""
    started = time.perf_counter()
    workbook = CalamineWorkbook.from_path(str(path))
    for name in workbook.sheet_names:
        workbook.get_sheet_by_name(name).to_python()
    return time.perf_counter() - started


def load_and_validate(path: Path) -> float:
    """Give the seconds ledgersite takes to read and validate the book (in this process)."""
    from ledgersite.config import Config
    from ledgersite.load import load_book

    started = time.perf_counter()
    load_book(path, Config())
    return time.perf_counter() - started


def run_build(book: Path, out: Path) -> tuple[float, int]:
    """Run `ledgersite build` as a whole process; give (seconds, peak memory in bytes).

    The peak is the most memory the build and its render workers held at once: the sum of
    their proportional set sizes (a page shared by the build and a forked worker counts half
    to each), sampled every 50 ms, or the build's own peak resident size if that is higher.
    """
    command = [sys.executable, "-m", "ledgersite", "-q", "build", str(book), "--out", str(out),
               "--today", TODAY.isoformat()]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.05):
            peak = max(peak, tree_pss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {book} failed: {' '.join(command)}")
    return seconds, max(peak, usage.ru_maxrss * 1024)


def tree_pss(pid: int) -> int:
    """Give the proportional set size in bytes of process `pid` and its children (0 if gone)."""
    total = 0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1]) * 1024
    except OSError:
        return 0
    return total + sum(tree_pss(int(child)) for child in children)


def startup() -> float:
    """Give the seconds a Python process takes to start and import the CLI."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import ledgersite.cli"], check=True, cwd=ROOT)
    return time.perf_counter() - started


def median(reps: int, measure: Callable[[], float]) -> float:
    """Give the median of `reps` runs of `measure`."""
    return statistics.median(measure() for _ in range(reps))


def bench_size(size: int, reps: int, work: Path) -> dict[str, float | int]:
    """Measure every figure for one book size."""
    books = work / "books"
    base, phone, purchase = (books / f"{size}-{v}.xlsx" for v in ("base", "phone", "purchase"))
    for path, variant in ((base, "base"), (phone, "phone"), (purchase, "purchase")):
        if not path.exists():
            print(f"  generating {path.name} ...", file=sys.stderr)
            generate_book(path, size, variant)
    book = work / f"book-{size}.xlsx"
    out = work / f"site-{size}"
    trash = work / "old-sites"
    peak = 0

    def full() -> float:
        nonlocal peak
        # Moved aside, deleted at the end: deleting thousands of files just before a build
        # slows the file system for seconds, and charges the build for the benchmark's cleanup.
        if out.exists():
            trash.mkdir(exist_ok=True)
            out.rename(trash / f"{out.name}-{time.monotonic_ns()}")
        shutil.copyfile(base, book)
        seconds, rss = run_build(book, out)
        peak = max(peak, rss)
        return seconds

    def edit(variant: Path) -> Callable[[], float]:
        def measure() -> float:
            shutil.copyfile(base, book)
            run_build(book, out)
            shutil.copyfile(variant, book)
            return run_build(book, out)[0]

        return measure

    floor = median(reps, lambda: reading_floor(base))
    result: dict[str, float | int] = {
        "clients": size,
        "reading_floor_s": floor,
        "startup_s": median(reps, startup),
        "load_validate_s": median(reps, lambda: load_and_validate(base)),
        "full_build_s": median(reps, full),
    }
    result["no_change_rebuild_s"] = median(reps, lambda: run_build(book, out)[0])
    result["one_row_edit_s"] = median(reps, edit(phone))
    result["one_purchase_added_s"] = median(reps, edit(purchase))
    result["peak_memory_mb"] = round(peak / 2**20)
    shutil.rmtree(trash, ignore_errors=True)
    return result


def table(results: list[dict[str, float | int]]) -> str:
    """Give the results as a markdown table, each time also as a ratio to the reading floor."""
    columns = [
        ("reading floor", "reading_floor_s"),
        ("load + validate", "load_validate_s"),
        ("full build", "full_build_s"),
        ("no-change rebuild", "no_change_rebuild_s"),
        ("one-row edit", "one_row_edit_s"),
        ("one purchase added", "one_purchase_added_s"),
        ("python start-up", "startup_s"),
    ]
    lines = ["| clients | " + " | ".join(c for c, _ in columns) + " | peak memory |",
             "|---:|" + "---:|" * (len(columns) + 1)]
    for r in results:
        floor = float(r["reading_floor_s"])
        cells = [f"{float(r[k]):.2f} s ({float(r[k]) / floor:.1f}×)" for _, k in columns]
        memory = f"{r['peak_memory_mb']} MB"
        lines.append(f"| {r['clients']:,} | " + " | ".join(cells) + f" | {memory} |")
    return "\n".join(lines)


def main() -> int:
    """Run the benchmark; give 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated client counts")
    parser.add_argument("--reps", type=int, default=3, help="repetitions per figure (median)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results", help="work folder")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = []
    for size in sizes:
        print(f"{size:,} clients ...", file=sys.stderr)
        results.append(bench_size(size, args.reps, args.out))
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, " \
              f"Python {platform.python_version()}"
    print(f"\nledgersite benchmark ({machine}; medians of {args.reps})\n")
    print(table(results))
    report = {"machine": machine, "reps": args.reps, "today": TODAY.isoformat(), "results": results}
    (args.out / "bench.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nJSON: {args.out / 'bench.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
