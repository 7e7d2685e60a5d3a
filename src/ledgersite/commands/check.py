"""`ledgersite check BOOK [--json] [--strict]`: list every problem in the book."""

from __future__ import annotations

import argparse
import json
import sys

from ledgersite.book import Problem
from ledgersite.commands import add_book_argument, counted


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `check`."""
    parser = sub.add_parser(
        "check",
        help="list the problems in a book",
        description="Read the book and list every problem with its sheet, row and column. "
        "Exit 0: no errors; 1: errors (with --strict, warnings too); 2: the book cannot be read.",
    )
    add_book_argument(parser)
    parser.add_argument("--json", action="store_true", help="print the problems as JSON")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check the book; give 0, or 1 when it has errors."""
    from ledgersite.config import find_config
    from ledgersite.load import load_book

    book = load_book(args.book, find_config(args.book, args.config))
    problems = sorted(book.problems, key=_order)
    if args.json:
        json.dump([problem_json(p) for p in problems], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_table(problems, clients=len(book.clients)))
    failing = {"error", "warning"} if args.strict else {"error"}
    return 1 if any(p.severity in failing for p in problems) else 0


def problem_json(problem: Problem) -> dict[str, object]:
    """Give the JSON object for one problem (the keys are a contract: keep them)."""
    return {
        "severity": problem.severity,
        "sheet": problem.sheet,
        "row": problem.row,
        "column": problem.column,
        "field": problem.field,
        "value": problem.value,
        "message": problem.message,
        "fix": problem.fix,
    }


def format_table(problems: list[Problem], *, clients: int) -> str:
    """Give the problems as readable text, grouped by sheet, worst first."""
    book = counted(clients, "client")
    if not problems:
        return f"No problems found ({book}).\n"
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    lines = [f"{errors} error(s) and {warnings} warning(s) in a book of {book}."]
    sheet = None
    for p in problems:
        if p.sheet != sheet:
            sheet = p.sheet
            lines.append(f"\n{sheet}")
        where = ", ".join(
            part
            for part in (f"row {p.row}" if p.row else "", f"column {p.column}" if p.column else "")
            if part
        )
        mark = "ERROR  " if p.severity == "error" else "warning"
        fix = f" {p.fix}" if p.fix else ""
        lines.append(f"  {mark} {where or '-':<18} {p.message}{fix}")
    return "\n".join(lines) + "\n"


def _order(p: Problem) -> tuple[object, ...]:
    return (p.sheet, p.severity != "error", p.row or 0, p.column or "")
