"""Milestones: birthdays, partners' birthdays, anniversaries, dates and purchase anniversaries."""

from __future__ import annotations

from agenda_factories import D, ImportantDate, book, client, pd, purchase
from ledgersite.agenda import build_agenda
from ledgersite.agenda.model import Milestone
from ledgersite.book import Book, Settings


def milestones(b: Book, today: D, days: int | None = None) -> list[Milestone]:
    return build_agenda(b, today, days=days).milestones


def test_birthday_shows_within_its_lead_time_with_the_age_reached() -> None:
    b = book(client("C1", birthday=pd(3, 14, 1986)))
    [m] = milestones(b, D(2026, 3, 1))
    assert (m.date, m.kind, m.label, m.years, m.lead_days, m.days_away) == (
        D(2026, 3, 14), "birthday", "Maria turns 40", 40, 14, 13)


def test_birthday_beyond_its_lead_time_does_not_show_yet() -> None:
    b = book(client("C1", birthday=pd(3, 14, 1986)))
    assert milestones(b, D(2026, 2, 27)) == []


def test_birthday_shows_on_the_day_itself() -> None:
    b = book(client("C1", birthday=pd(3, 14)))
    [m] = milestones(b, D(2026, 3, 14))
    assert m.days_away == 0 and m.date == D(2026, 3, 14)


def test_birthday_without_a_year_has_no_age() -> None:
    b = book(client("C1", birthday=pd(3, 14)))
    [m] = milestones(b, D(2026, 3, 10))
    assert m.years is None and m.label == "Maria's birthday"


def test_birthday_on_29_february_falls_on_28th_in_common_years() -> None:
    b = book(client("C1", birthday=pd(2, 29, 1988)))
    [m] = milestones(b, D(2027, 2, 20))
    assert m.date == D(2027, 2, 28) and m.years == 39


def test_birthday_on_29_february_keeps_its_day_in_leap_years() -> None:
    b = book(client("C1", birthday=pd(2, 29, 1988)))
    [m] = milestones(b, D(2028, 2, 20))
    assert m.date == D(2028, 2, 29) and m.years == 40


def test_birthday_on_29_february_falls_on_1_march_when_settings_say_so() -> None:
    b = book(client("C1", birthday=pd(2, 29)), settings=Settings(leap_day="mar1"))
    [m] = milestones(b, D(2027, 2, 20))
    assert m.date == D(2027, 3, 1)


def test_second_of_january_birthday_shows_on_28_december() -> None:
    b = book(client("C1", birthday=pd(1, 2, 1980)))
    [m] = milestones(b, D(2026, 12, 28))
    assert m.date == D(2027, 1, 2) and m.days_away == 5 and m.years == 47


def test_store_lead_days_per_kind_come_from_settings() -> None:
    settings = Settings()
    settings.lead_days["birthday"] = 3
    b = book(client("C1", birthday=pd(3, 14)), settings=settings)
    assert milestones(b, D(2026, 3, 10)) == []
    assert [m.lead_days for m in milestones(b, D(2026, 3, 11))] == [3]


def test_partner_birthday_is_listed_under_the_client_with_the_partners_name() -> None:
    b = book(client("C1", partner_name="Tom", partner_birthday=pd(6, 1, 1976)))
    [m] = milestones(b, D(2026, 5, 25))
    assert (m.kind, m.client_id, m.years) == ("partner_birthday", "C1", 50)
    assert m.label == "Tom turns 50 (Maria's partner)"


def test_partner_birthday_is_not_doubled_when_the_partner_is_a_client_with_a_birthday() -> None:
    maria = client("C1", partner_id="C2", partner_birthday=pd(6, 1))
    tom = client("C2", "Tom", birthday=pd(6, 1))
    kinds = [m.kind for m in milestones(book(maria, tom), D(2026, 5, 25))]
    assert kinds == ["birthday"]


def test_anniversary_names_the_year_and_its_gift_theme() -> None:
    b = book(client("C1", anniversary=pd(7, 4, 2001)))
    [m] = milestones(b, D(2026, 6, 20))
    assert m.label == "25th anniversary" and m.years == 25
    assert m.gift_theme == "Silver (traditional) · Sterling silver (modern)"


def test_milestone_anniversary_gets_the_longer_lead_time() -> None:
    b = book(client("C1", anniversary=pd(7, 4, 2001)), client("C2", anniversary=pd(7, 4, 2003)))
    shown = milestones(b, D(2026, 5, 25))  # 40 days ahead
    assert [(m.client_id, m.lead_days) for m in shown] == [("C1", 45)]


def test_gift_theme_comes_from_the_books_own_table_when_given() -> None:
    settings = Settings(gift_themes={25: ("Silver", "Silver and blue topaz")})
    b = book(client("C1", anniversary=pd(7, 4, 2001)), settings=settings)
    [m] = milestones(b, D(2026, 7, 1))
    assert m.gift_theme == "Silver (traditional) · Silver and blue topaz (modern)"


def test_couple_who_are_both_clients_appear_once_per_shared_anniversary() -> None:
    maria = client("C1", partner_id="C2", anniversary=pd(7, 4, 2001))
    tom = client("C2", "Tom", anniversary=pd(7, 4, 2001))
    [m] = milestones(book(maria, tom), D(2026, 7, 1))
    assert (m.client_id, m.other_client_ids, m.client) == ("C1", ("C2",), "Maria & Tom Reyes")


def test_couple_linked_by_household_appear_once_per_shared_anniversary() -> None:
    maria = client("C1", household="Reyes, Elm St", anniversary=pd(7, 4))
    tom = client("C2", "Tom", household="reyes, elm st", anniversary=pd(7, 4))
    assert len(milestones(book(maria, tom), D(2026, 7, 1))) == 1


def test_couple_appear_once_for_a_date_typed_for_both() -> None:
    maria, tom = client("C1", partner_id="C2"), client("C2", "Tom")
    dates = [ImportantDate("C1", pd(9, 9), "Vow renewal"),
             ImportantDate("C2", pd(9, 9), "Vow renewal")]
    [m] = milestones(book(maria, tom, dates=dates), D(2026, 9, 5))
    assert m.client == "Maria & Tom Reyes"


def test_dates_sheet_row_reminds_its_own_number_of_days_before() -> None:
    dates = [ImportantDate("C1", pd(5, 10), "Mother's day", remind_days=20),
             ImportantDate("C1", pd(5, 10), "Daughter's graduation")]
    shown = milestones(book(client("C1"), dates=dates), D(2026, 4, 25))
    assert [(m.label, m.lead_days) for m in shown] == [("Mother's day", 20)]


def test_purchase_anniversary_of_an_engagement_ring_a_year_on() -> None:
    p = purchase("C1", D(2025, 8, 1), "Solitaire engagement ring", category="Bridal")
    [m] = milestones(book(client("C1"), purchases=[p]), D(2026, 8, 1))
    assert (m.kind, m.label, m.years, m.days_away) == (
        "purchase_anniversary", "Solitaire engagement ring: bought 1 year ago", 1, 0)


def test_everyday_purchases_are_remembered_only_on_their_first_anniversary() -> None:
    p = purchase("C1", D(2024, 8, 1), "Silver bangle", category="Bracelet")
    assert milestones(book(client("C1"), purchases=[p]), D(2026, 8, 1)) == []


def test_archived_or_deceased_clients_get_no_milestones() -> None:
    b = book(client("C1", status="Archived", birthday=pd(3, 14)),
             client("C2", status="Deceased", anniversary=pd(3, 14)))
    assert milestones(b, D(2026, 3, 14)) == []


def test_client_without_consent_still_has_milestones_marked_do_not_contact() -> None:
    b = book(client("C1", contact_ok=False, birthday=pd(3, 14)))
    [m] = milestones(b, D(2026, 3, 14))
    assert m.contact_ok is False


def test_discreet_note_travels_with_the_milestone() -> None:
    b = book(client("C1", discreet="Surprise gift: don't tell her husband", birthday=pd(3, 14)))
    [m] = milestones(b, D(2026, 3, 14))
    assert m.discreet == "Surprise gift: don't tell her husband"


def test_days_shows_every_milestone_that_far_ahead() -> None:
    b = book(client("C1", birthday=pd(9, 1)))
    assert milestones(b, D(2026, 3, 1)) == []
    assert [m.date for m in milestones(b, D(2026, 3, 1), days=365)] == [D(2026, 9, 1)]


def test_milestones_are_sorted_soonest_first() -> None:
    b = book(client("C1", birthday=pd(3, 20)), client("C2", "Ann", birthday=pd(3, 15)))
    assert [m.client_id for m in milestones(b, D(2026, 3, 10))] == ["C2", "C1"]


def test_dates_row_with_a_year_says_how_many_years_unless_its_name_already_does() -> None:
    dates = [ImportantDate("C1", pd(5, 10, 2016), "Shop opening"),
             ImportantDate("C1", pd(5, 11, 2008), "Poppy's 18th birthday")]
    shown = milestones(book(client("C1"), dates=dates), D(2026, 5, 5))
    assert [m.label for m in shown] == ["Shop opening (10 years)", "Poppy's 18th birthday"]
