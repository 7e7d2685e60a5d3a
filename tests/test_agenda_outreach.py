"""Waiting for a reply, stay in touch, gift ideas, and the JSON the agenda command prints."""

from __future__ import annotations

import json

from agenda_factories import D, WishItem, book, client, contact, pd, purchase
from ledgersite.agenda import build_agenda, to_json
from ledgersite.book import Settings


def test_incoming_enquiry_without_a_later_reply_is_waiting_with_days_waited() -> None:
    b = book(client("C1"), contacts=[contact("C1", D(2026, 3, 1), "Email received",
                                             notes="Asks about resizing")])
    [w] = build_agenda(b, D(2026, 3, 3)).waiting
    assert (w.client_id, w.since, w.days_waiting) == ("C1", D(2026, 3, 1), 2)
    assert w.reason == "Email received on 1 March: Asks about resizing"


def test_enquiry_answered_by_a_later_outgoing_contact_is_not_waiting() -> None:
    b = book(client("C1"), contacts=[contact("C1", D(2026, 3, 1), "Website form"),
                                     contact("C1", D(2026, 3, 2), "Call")])
    assert build_agenda(b, D(2026, 3, 3)).waiting == []


def test_new_enquiry_by_status_or_source_with_no_reply_is_waiting() -> None:
    b = book(client("C1", status="New enquiry", client_since=D(2026, 3, 2)),
             client("C2", "Ann", source="Website form", client_since=D(2026, 3, 1)),
             client("C3", "Bo", status="Prospect", client_since=D(2026, 3, 1)),
             contacts=[contact("C3", D(2026, 3, 2), "Call")])
    waiting = build_agenda(b, D(2026, 3, 3)).waiting
    assert [(w.client_id, w.days_waiting) for w in waiting] == [("C2", 2), ("C1", 1)]


def test_a_new_enquiry_without_a_date_waits_an_unknown_time_listed_last() -> None:
    b = book(client("C1", status="New enquiry"),
             client("C2", "Ann", source="Website form", client_since=D(2026, 3, 1)))
    for today in (D(2026, 3, 3), D(2026, 9, 3)):  # never "0 days", and never forgotten
        agenda = build_agenda(b, today)
        assert [(w.client_id, w.since, w.days_waiting) for w in agenda.waiting][-1] == (
            "C1", None, None)
    assert to_json(build_agenda(b, D(2026, 3, 3)))["waiting"] == [
        {"client_id": "C2", "client": "Ann Reyes", "since": "2026-03-01", "days_waiting": 2,
         "reason": "New enquiry (Website form), no reply on record"},
        {"client_id": "C1", "client": "Maria Reyes", "since": None, "days_waiting": None,
         "reason": "New enquiry, no reply on record"},
    ]


def test_contact_ok_no_keeps_client_out_of_waiting() -> None:
    b = book(client("C1", contact_ok=False), contacts=[contact("C1", D(2026, 3, 1), "Enquiry")])
    assert build_agenda(b, D(2026, 3, 3)).waiting == []


def test_stay_in_touch_lists_clients_silent_for_the_lapse_with_days_since_each() -> None:
    b = book(client("C1"), client("C2", "Ann"), settings=Settings(lapse_after_days=180),
             purchases=[purchase("C1", D(2025, 6, 1)), purchase("C2", D(2026, 1, 1))],
             contacts=[contact("C1", D(2025, 8, 1), "Check-in call")])
    [s] = build_agenda(b, D(2026, 3, 1)).stay_in_touch
    assert (s.client_id, s.days_since_purchase, s.days_since_contact) == ("C1", 273, 212)


def test_stay_in_touch_lists_the_longest_silence_first() -> None:
    b = book(client("C1"), client("C2", "Ann"),
             purchases=[purchase("C1", D(2024, 6, 1)), purchase("C2", D(2023, 6, 1))])
    assert [s.client_id for s in build_agenda(b, D(2026, 3, 1)).stay_in_touch] == ["C2", "C1"]


def test_contact_ok_no_keeps_client_out_of_stay_in_touch() -> None:
    b = book(client("C1", contact_ok=False), purchases=[purchase("C1", D(2020, 6, 1))])
    assert build_agenda(b, D(2026, 3, 1)).stay_in_touch == []


def test_deceased_client_gets_no_outreach_at_all() -> None:
    b = book(client("C1", status="Deceased", birthday=pd(3, 1)),
             purchases=[purchase("C1", D(2020, 6, 1)), purchase("C1", D(2026, 2, 27))],
             contacts=[contact("C1", D(2026, 2, 28), "Enquiry")])
    agenda = build_agenda(b, D(2026, 3, 1))
    assert (agenda.milestones, agenda.followups, agenda.stay_in_touch, agenda.waiting) == (
        [], [], [], [])


def test_partner_sees_the_clients_open_wish_list_as_her_birthday_nears() -> None:
    maria = client("C1", partner_id="C2", birthday=pd(5, 21))
    tom = client("C2", "Tom")
    wishes = [WishItem("C1", "Sapphire halo ring", noted_on=D(2026, 5, 3)),
              WishItem("C1", "Pearl studs", noted_on=D(2026, 1, 2), fulfilled_on=D(2026, 2, 14))]
    [g] = build_agenda(book(maria, tom, wishes=wishes), D(2026, 5, 3)).gift_ideas
    assert (g.for_client_id, g.buyer_client_id, g.occasion_date, g.items) == (
        "C1", "C2", D(2026, 5, 21), ["Sapphire halo ring"])
    assert g.message == ("Maria's birthday is in 18 days: "
                         "Maria admired the sapphire halo ring on 3 May")


def test_shared_anniversary_gives_each_partner_the_others_wish_list() -> None:
    maria = client("C1", partner_id="C2", anniversary=pd(6, 1, 2016))
    tom = client("C2", "Tom", anniversary=pd(6, 1, 2016))
    wishes = [WishItem("C1", "Emerald pendant"), WishItem("C2", "Steel watch")]
    ideas = build_agenda(book(maria, tom, wishes=wishes), D(2026, 5, 25)).gift_ideas
    assert {(g.for_client_id, g.buyer_client_id, tuple(g.items)) for g in ideas} == {
        ("C1", "C2", ("Emerald pendant",)), ("C2", "C1", ("Steel watch",))}


def test_no_gift_idea_without_a_partner_who_is_a_client() -> None:
    b = book(client("C1", partner_name="Tom", birthday=pd(5, 21)),
             wishes=[WishItem("C1", "Sapphire halo ring")])
    assert build_agenda(b, D(2026, 5, 15)).gift_ideas == []


def test_agenda_json_has_the_keys_the_command_promises() -> None:
    maria = client("C1", partner_id="C2", birthday=pd(5, 21, 1986))
    b = book(maria, client("C2", "Tom"), client("C3", "Old", last="Friend"),
             purchases=[purchase("C1", D(2026, 5, 1)), purchase("C3", D(2020, 1, 1))],
             wishes=[WishItem("C1", "Sapphire halo ring")])
    data = json.loads(json.dumps(to_json(build_agenda(b, D(2026, 5, 10)))))
    assert {"date", "client_id", "client", "kind", "label", "years", "lead_days"} <= set(
        data["milestones"][0])
    assert {"due", "client_id", "client", "task", "status", "associate", "reason"} <= set(
        data["followups"][0])
    assert {"client_id", "client", "days_since_purchase", "days_since_contact"} <= set(
        data["stay_in_touch"][0])
    assert {"for_client_id", "buyer_client_id", "occasion_date", "items"} <= set(
        data["gift_ideas"][0])
    assert data["milestones"][0]["date"] == "2026-05-21" and data["milestones"][0]["years"] == 40


def test_client_waiting_for_a_reply_is_not_repeated_in_stay_in_touch() -> None:
    b = book(client("C1"), purchases=[purchase("C1", D(2020, 6, 1))],
             contacts=[contact("C1", D(2026, 2, 27), "Message received")])
    agenda = build_agenda(b, D(2026, 3, 1))
    assert [w.client_id for w in agenda.waiting] == ["C1"] and agenda.stay_in_touch == []


def test_no_gift_idea_for_a_buyer_who_said_no_to_contact() -> None:
    maria = client("C1", partner_id="C2", birthday=pd(5, 21))
    tom = client("C2", "Tom", contact_ok=False)
    b = book(maria, tom, wishes=[WishItem("C1", "Sapphire halo ring")])
    assert build_agenda(b, D(2026, 5, 15)).gift_ideas == []


def test_brand_names_keep_their_capitals_in_gift_messages() -> None:
    maria = client("C1", partner_id="C2", birthday=pd(5, 21))
    b = book(maria, client("C2", "Tom"), wishes=[WishItem("C1", "Omega Seamaster 300")])
    [g] = build_agenda(b, D(2026, 5, 20)).gift_ideas
    assert g.message == "Maria's birthday is tomorrow: Maria admired the Omega Seamaster 300"
