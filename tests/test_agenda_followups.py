"""Follow-ups: the cadence after purchases, promises from the Tasks sheet, consent and status."""

from __future__ import annotations

from decimal import Decimal

from agenda_factories import D, Task, book, client, contact, purchase
from ledgersite.agenda import build_agenda
from ledgersite.agenda.followups import DEFAULT_RULES
from ledgersite.agenda.matching import same_kind
from ledgersite.agenda.model import FollowUp
from ledgersite.book import Book, FollowUpRule, Offset


def followups(b: Book, today: D, days: int | None = None) -> list[FollowUp]:
    return build_agenda(b, today, days=days).followups


def tasks(items: list[FollowUp]) -> list[tuple[D, str, str]]:
    return [(f.due, f.task, f.status) for f in items]


def test_default_cadence_thanks_two_days_after_any_purchase_and_calls_after_two_weeks() -> None:
    b = book(client("C1"), purchases=[purchase("C1", D(2026, 3, 1), "Pearl studs")])
    assert tasks(followups(b, D(2026, 3, 3))) == [
        (D(2026, 3, 3), "Handwritten thank-you note", "due"),
        (D(2026, 3, 15), "Check-in call", "upcoming"),
    ]


def test_default_cadence_offers_a_free_cleaning_six_months_after_a_ring() -> None:
    p = purchase("C1", D(2026, 1, 10), "Sapphire halo ring", category="Ring")
    due = [f for f in followups(book(client("C1"), purchases=[p]), D(2026, 7, 1))]
    assert tasks(due) == [(D(2026, 7, 10), "Free cleaning and prong check", "upcoming")]


def test_bridal_ring_gets_one_cleaning_and_a_first_anniversary_call() -> None:
    p = purchase("C1", D(2025, 9, 1), "Engagement ring", category="Bridal ring")
    b = book(client("C1"), purchases=[p])
    assert [f.task for f in followups(b, D(2026, 3, 1))] == ["Free cleaning and prong check"]
    assert tasks(followups(b, D(2026, 8, 20))) == [(D(2026, 9, 1), "Anniversary call", "upcoming")]


def test_default_cadence_checks_a_repair_has_been_picked_up_after_a_week() -> None:
    p = purchase("C1", D(2026, 3, 1), "Resize wedding band", category="Repair")
    assert "Repair pick-up check" in [f.task for f in followups(book(client("C1"), purchases=[p]),
                                                                D(2026, 3, 8))]


def test_rules_from_the_book_replace_the_built_in_cadence() -> None:
    rules = [FollowUpRule("category", Offset(1, "months"), "Watch strap check", value="watch")]
    b = book(client("C1"), rules=rules,
             purchases=[purchase("C1", D(2026, 3, 1), "Diver", category="Watch"),
                        purchase("C1", D(2026, 3, 1), "Pearl studs", category="Earrings")])
    assert tasks(followups(b, D(2026, 3, 20))) == [(D(2026, 4, 1), "Watch strap check", "upcoming")]


def test_rule_with_a_minimum_price_ignores_cheaper_purchases() -> None:
    rules = [FollowUpRule("purchase", Offset(3, "days"), "Call from the owner",
                          min_price=Decimal(5000))]
    b = book(client("C1"), client("C2", "Ann"), rules=rules,
             purchases=[purchase("C1", D(2026, 3, 1), price=7500),
                        purchase("C2", D(2026, 3, 1), price=400)])
    assert [f.client_id for f in followups(b, D(2026, 3, 4))] == ["C1"]


def test_occasion_rule_follows_purchases_for_that_occasion() -> None:
    rules = [FollowUpRule("occasion", Offset(1, "weeks"), "Ask how she liked it", value="birthday")]
    b = book(client("C1"), rules=rules,
             purchases=[purchase("C1", D(2026, 3, 1), occasion="Birthday"),
                        purchase("C1", D(2026, 3, 2), occasion="Just because")])
    assert [f.due for f in followups(b, D(2026, 3, 8))] == [D(2026, 3, 8)]


def test_followup_done_when_contact_log_has_matching_kind_after_window_opened() -> None:
    b = book(client("C1"), purchases=[purchase("C1", D(2026, 3, 1))],
             contacts=[contact("C1", D(2026, 3, 2), "Thank you note")])
    assert [f.task for f in followups(b, D(2026, 3, 3))] == ["Check-in call"]


def test_contact_before_the_purchase_does_not_count_as_done() -> None:
    b = book(client("C1"), purchases=[purchase("C1", D(2026, 3, 1))],
             contacts=[contact("C1", D(2026, 2, 1), "Thank-you note")])
    assert "Handwritten thank-you note" in [f.task for f in followups(b, D(2026, 3, 3))]


def test_contact_of_another_kind_or_client_does_not_count_as_done() -> None:
    b = book(client("C1"), client("C2", "Ann"), purchases=[purchase("C1", D(2026, 3, 1))],
             contacts=[contact("C1", D(2026, 3, 2), "Check-in call"),
                       contact("C2", D(2026, 3, 2), "Thank-you note")])
    assert [f.task for f in followups(b, D(2026, 3, 3))] == ["Handwritten thank-you note"]


def test_task_names_match_forgivingly() -> None:
    assert same_kind("thank you note", "Handwritten thank-you note")
    assert same_kind("Check in call", "Check-in call")
    assert same_kind("Cleaning & prong check", "Free cleaning and prong check")
    assert not same_kind("Anniversary call", "Check-in call")


def test_followup_status_is_overdue_due_or_upcoming() -> None:
    b = book(client("C1"), purchases=[purchase("C1", D(2026, 3, 1))])
    assert [f.status for f in followups(b, D(2026, 3, 4))] == ["overdue", "upcoming"]


def test_overdue_comes_first_then_due_today_then_upcoming() -> None:
    b = book(client("C1"), client("C2", "Ann"),
             purchases=[purchase("C1", D(2026, 3, 1)), purchase("C2", D(2026, 3, 3))],
             tasks=[Task("C2", "Ring back about the chain", due=D(2026, 3, 4))])
    assert [f.status for f in followups(b, D(2026, 3, 4))][:3] == ["overdue", "due", "upcoming"]


def test_upcoming_followups_stop_at_the_look_ahead() -> None:
    b = book(client("C1"), purchases=[purchase("C1", D(2026, 3, 1))])
    assert [f.task for f in followups(b, D(2026, 3, 1), days=5)] == ["Handwritten thank-you note"]


def test_long_forgotten_cadence_steps_drop_off() -> None:
    b = book(client("C1"), purchases=[purchase("C1", D(2024, 3, 1), "Pearl studs")])
    assert followups(b, D(2026, 3, 1)) == []


def test_tasks_sheet_adds_promises_until_done_on_is_set() -> None:
    b = book(client("C1", associate="Jo"),
             tasks=[Task("C1", "Call when the pendant is back from engraving", due=D(2026, 3, 10)),
                    Task("C1", "Send ring size guide", due=D(2026, 3, 2), done_on=D(2026, 3, 2))])
    [f] = followups(b, D(2026, 3, 5))
    assert (f.task, f.kind, f.status, f.associate) == (
        "Call when the pendant is back from engraving", "task", "upcoming", "Jo")


def test_associate_is_the_purchases_else_the_clients() -> None:
    b = book(client("C1", associate="Jo"), purchases=[
        purchase("C1", D(2026, 3, 1), associate="Sam"), purchase("C1", D(2026, 3, 2), "Studs")])
    got = {(f.reason, f.associate) for f in followups(b, D(2026, 3, 3))
           if f.task == "Handwritten thank-you note"}
    assert got == {("Bought sapphire halo ring on 1 March 2026", "Sam"),
                   ("Bought studs on 2 March 2026", "Jo")}


def test_contact_ok_no_keeps_client_out_of_followups() -> None:
    b = book(client("C1", contact_ok=False), purchases=[purchase("C1", D(2026, 3, 1))],
             tasks=[Task("C1", "Call back", due=D(2026, 3, 2))])
    assert followups(b, D(2026, 3, 3)) == []


def test_archived_client_gets_no_followups() -> None:
    b = book(client("C1", status="Archived"), purchases=[purchase("C1", D(2026, 3, 1))])
    assert followups(b, D(2026, 3, 3)) == []


def test_discreet_note_and_preferred_channel_travel_with_each_followup() -> None:
    b = book(client("C1", discreet="Don't call at home", preferred_contact="text"),
             purchases=[purchase("C1", D(2026, 3, 1))])
    assert {(f.discreet, f.channel) for f in followups(b, D(2026, 3, 3))} == {
        ("Don't call at home", "text")}


def test_built_in_cadence_is_the_one_the_readme_lists() -> None:
    assert [(r.trigger, r.value, str(r.after), r.task) for r in DEFAULT_RULES] == [
        ("purchase", "", "2 days", "Handwritten thank-you note"),
        ("purchase", "", "2 weeks", "Check-in call"),
        ("category", "ring", "6 months", "Free cleaning and prong check"),
        ("category", "bridal", "6 months", "Free cleaning and prong check"),
        ("category", "bridal", "1 year", "Anniversary call"),
        ("category", "repair", "1 week", "Repair pick-up check"),
    ]
