"""The words on the starter workbook's Instructions sheet, written for the people at the counter."""

from __future__ import annotations

from typing import Literal

Style = Literal["title", "heading", "text"]

INSTRUCTIONS: tuple[tuple[Style, str], ...] = (
    ("title", "Our client book: how to keep it"),
    ("text", "This workbook is where we remember our clients. Each tab at the bottom is one "
             "list. The shop tablet shows it all: whose birthday is coming, who is owed a "
             "thank-you, and what each client loves."),
    ("text", "Rows that say \"(example)\" are there to show the idea: delete them once your own "
             "are in."),
    ("heading", "The tabs"),
    ("text", "Clients: one row for each client or prospect. Only a first or last name is "
             "needed; fill in more as you learn it."),
    ("text", "Purchases: one row for each sale. The follow-ups (thank-you notes, check-in "
             "calls) come from these."),
    ("text", "Dates: other days that matter to a client, such as a mother's birthday or a "
             "graduation."),
    ("text", "Wish list: something a client admired or tried on. Add the date when they (or "
             "someone for them) bought it in \"Fulfilled on\"."),
    ("text", "Contact log: every time we got in touch, or they did: a call, a card, an email, "
             "a visit."),
    ("text", "Tasks: promises and one-off jobs, such as \"call when the ring is back from the "
             "workshop\". Fill in \"Done on\" when it is done."),
    ("text", "Follow-up rules: when to get back in touch after a sale (see below)."),
    ("text", "Settings: the shop's name, its time zone, how many days ahead to remind, and "
             "the lists behind the drop-downs (staff names, kinds of contact)."),
    ("heading", "Naming the client on the other tabs"),
    ("text", "In the Client column of Purchases, Dates, Wish list, Contact log and Tasks, type "
             "the client's ID, their email, or their full name exactly as on the Clients tab "
             "(for example Maria Reyes). If two clients share a name, use the ID."),
    ("heading", "Typing dates"),
    ("text", "Type dates any usual way: 14/03/1985, 14 March 1985, 1985-03-14. Whether 03/04 "
             "means 3 April or March 4 is set on the Settings tab (Day-first dates: Yes means "
             "3 April)."),
    ("text", "A birthday without the year is fine: type 14 March. A 29 February birthday is "
             "remembered on 28 February in other years (Settings can say 1 March instead)."),
    ("heading", "Contact OK"),
    ("text", "Yes: the client is happy to hear from us. No: they asked not to be contacted, "
             "so the tablet will not suggest calls, cards or messages to them. Leave it empty "
             "if you have not asked; it is treated as Yes."),
    ("text", "Discreet: write why, if we must be careful (for example \"surprise gift: don't "
             "tell her husband\"), so everyone sees it before getting in touch."),
    ("heading", "How follow-ups work"),
    ("text", "Each row of Follow-up rules says: after this kind of sale (any Purchase, a "
             "Category such as Engagement ring, or an Occasion such as Anniversary, and "
             "optionally only above a Min price), wait this long (2 days, 2 weeks, 6 months, "
             "1 year), then do this Task."),
    ("text", "A follow-up is done when the Contact log has a row for that client, after "
             "the sale, whose Kind matches the Task (\"Thank-you note\" matches "
             "\"Handwritten thank-you note\"). Until then it shows on the tablet as due or "
             "overdue."),
    ("heading", "Drop-down lists"),
    ("text", "Some columns offer a list (Preferred contact, Contact OK, Status, Associate, "
             "Kind). To add a colleague or a new kind of contact, type it at the bottom of the "
             "Associates or Contact kinds list on the Settings tab."),
    ("heading", "Your own columns"),
    ("text", "You may add columns of your own on the Clients tab (for example Watch strap "
             "size): they are kept and shown on the client's page. Please keep the column "
             "names in the first row as they are, or the tablet cannot find them."),
)
