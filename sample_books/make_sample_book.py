"""Write the sample client book of Bijou & Co., a jeweler, alive on the day it is made.

    python sample_books/make_sample_book.py [--today YYYY-MM-DD] [--out PATH]

Recurring dates (birthdays, anniversaries) and recent purchases, calls and promises are placed
relative to `today`, so the Today page has something of every kind on any day. The same day
always gives the same book: the random parts come from a fixed seed.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import io
import random
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

DEFAULT_OUT = Path(__file__).resolve().parent / "bijou_client_book.xlsx"
SEED = 20240229
STAFF = ("Amara", "James", "Sofia", "Ben")

#: Clients headers as the shop typed them: some are the staff's own spellings ("DOB", "E-mail",
#: "Mobile"), the last three are the shop's own columns.
CLIENT_HEADERS = (
    "Client ID", "First name", "Last name", "Partner name", "E-mail", "Mobile", "Address",
    "City", "Postcode", "DOB", "Partner birthday", "Anniversary", "Preferred contact",
    "Contact OK", "Status", "Discreet", "Associate", "Ring size", "Metal", "Style", "Stones",
    "Likes & interests", "Allergies", "Notes", "Referred by", "Household", "Source",
    "Client since", "Tags", "Watch brand", "Favourite designer", "Instagram",
)
HEADERS = {
    "Purchases": ("Date", "Client", "Item", "Category", "Price", "Associate", "Occasion", "For",
                  "Notes"),
    "Dates": ("Client", "Date", "Occasion", "Remind days before", "Notes"),
    "Wish list": ("Client", "Item", "Noted on", "Price", "Notes", "Fulfilled on"),
    "Contact log": ("Date", "Client", "Kind", "By", "Notes"),
    "Tasks": ("Client", "Task", "Due", "Assigned to", "Done on"),
    "Follow-up rules": ("Trigger", "Category or occasion", "Min price", "After", "Task"),
    "Settings": ("Setting", "Value"),
}

#: The shop's cadence: (trigger, category or occasion, min price, after, task).
RULES: tuple[tuple[str, str, int | None, str, str], ...] = (
    ("Purchase", "", None, "2 days", "Handwritten thank-you note"),
    ("Purchase", "", 500, "2 weeks", "Check-in call"),
    ("Category", "Ring", None, "6 months", "Free cleaning and prong check"),
    ("Category", "Bridal", None, "6 months", "Free cleaning and prong check"),
    ("Category", "Repair", None, "1 week", "Repair pick-up check"),
    ("Category", "Watch", None, "1 year", "Watch service reminder"),
)
#: How staff write each task in the Contact log once it is done.
LOGGED_AS = {
    "Handwritten thank-you note": ("Thank-you note", "Thank you note", "Handwritten note"),
    "Check-in call": ("Check-in call", "Check in call"),
    "Free cleaning and prong check": ("Cleaning and prong check", "Cleaning & prong check"),
    "Repair pick-up check": ("Repair pick-up check",),
    "Watch service reminder": ("Watch service reminder",),
}

SETTINGS: tuple[tuple[str, object], ...] = (
    ("Store name", "Bijou & Co."),
    ("Time zone", "Europe/London"),
    ("Country", "GB"),
    ("Currency", "GBP"),
    ("Day-first dates", "yes"),
    ("Birthday reminder days", 14),
    ("Anniversary reminder days", 21),
    ("Partner birthday reminder days", 14),
    ("Date reminder days", 7),
    ("Purchase anniversary reminder days", 7),
    ("Milestone anniversary reminder days", 45),
    ("Stay in touch after (months)", 12),
    ("Look ahead (days)", 30),
    ("Leap-day birthdays on", "28 February"),
)

FIRST = ("Eleanor", "Kwame", "Mei", "Rafael", "Zara", "Hugo", "Anjali", "Callum", "Lucia",
         "Tobias", "Yasmin", "Felix", "Imogen", "Dev", "Rosa", "Oskar", "Nadia", "Theo",
         "Leila", "Finn", "Ayesha", "Joel", "Freya", "Marco", "Esther", "Kenji", "Hannah",
         "Samuel", "Ruth", "Adebayo", "Clara", "Ivan", "Saoirse", "Elliot", "Farah", "Nikhil",
         "Maeve", "Oluwaseun", "Greta", "Luca", "Ines", "Patrick", "Hana", "Victor")
LAST = ("Whitmore", "Asante", "Lin", "Moreira", "Hussain", "Fairbanks", "Iyer", "Drummond",
        "Ferreira", "Lindqvist", "Karim", "Ashby", "Caldwell", "Patel", "Quinlan", "Novak",
        "Haddad", "Sinclair", "Mensah", "Yamada", "Brennan", "Okoro", "Castellano", "Holt",
        "Abernethy", "Varga", "Delacroix", "Thorne", "Bianchi", "Osei", "Rowntree", "Sato")
STREETS = ("Elm Grove", "Kings Road", "Mill Lane", "Church Street", "Park Avenue",
           "Orchard Close", "Victoria Terrace", "Station Road", "The Crescent", "Queens Walk")
TOWNS = (("Bath", "BA1"), ("Bristol", "BS8"), ("Bath", "BA2"), ("Frome", "BA11"),
         ("Bradford-on-Avon", "BA15"), ("Chippenham", "SN15"), ("Wells", "BA5"))
ITEMS = (
    ("Gold hoop earrings", "Earrings", 420), ("Silver charm bracelet", "Bracelet", 185),
    ("Pearl pendant", "Necklace", 640), ("Sapphire dress ring", "Ring", 1850),
    ("Diamond stud earrings", "Earrings", 1290), ("Rose gold signet ring", "Ring", 760),
    ("Cufflinks, engraved", "Accessories", 240), ("Watch battery and strap", "Watch", 65),
    ("Chain repair", "Repair", 45), ("Ring resize", "Repair", 60),
    ("Emerald eternity band", "Bridal", 2450), ("Tissot Le Locle", "Watch", 695),
    ("Birthstone necklace", "Necklace", 310), ("Tennis bracelet", "Bracelet", 2900),
)
OCCASIONS = ("Birthday", "Anniversary", "Christmas", "Just because", "Valentine's", "")
WISHES = ("Tanzanite drop earrings", "Art deco cocktail ring", "Solid gold curb chain",
          "Opal stacking ring", "Moonstone bracelet", "Vintage Cartier Tank watch")
DATE_OCCASIONS = ("Mother's birthday", "Wedding day", "Son's graduation",
                  "Goddaughter's christening", "First date", "Husband's retirement")
TOUCHES = ("Christmas card", "Birthday card", "Newsletter call", "Event invitation",
           "Check-in call")


def make_sample_book(path: Path, today: dt.date) -> Path:
    """Give `path`, after writing there the sample client book as it looks on `today`."""
    book = _Book(today)
    book.fill()
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    _sheet(wb, "Clients", CLIENT_HEADERS, book.clients, widths={"Notes": 46})
    for name, headers in HEADERS.items():
        _sheet(wb, name, headers, book.rows[name])
    stamp = dt.datetime.combine(today, dt.time(8, 0))  # naive: openpyxl writes it as is
    wb.properties.creator = "Bijou & Co."
    wb.properties.created = stamp
    wb.properties.modified = stamp
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(_same_bytes(buffer.getvalue(), today))
    return path


def _same_bytes(xlsx: bytes, today: dt.date) -> bytes:
    """Give the workbook re-zipped with every entry dated `today`, so one day gives one file."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, (today.year, today.month, today.day, 8, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>"
                              + f"{today.isoformat()}T08:00:00Z".encode(), data)
            dst.writestr(entry, data)
    return out.getvalue()


class _Book:
    """The rows of every sheet, built for one day."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.rng = random.Random(SEED)
        self.clients: list[list[object]] = []
        self.rows: dict[str, list[list[object]]] = {name: [] for name in HEADERS}
        self.names: set[str] = set()
        # 900417 is left out: one client's mobile was typed as a number, planted below.
        self.phones = iter(self.rng.sample([n for n in range(100, 1000) if n != 417], 200))

    # -- dates relative to today -------------------------------------------------------------

    def day(self, offset: int) -> dt.date:
        """Give today plus `offset` days, never 29 February (one leap day is planted on purpose)."""
        d = self.today + dt.timedelta(days=offset)
        return d + dt.timedelta(days=1) if (d.month, d.day) == (2, 29) else d

    @staticmethod
    def years_before(d: dt.date, years: int) -> dt.date:
        """Give the same day `years` earlier (29 February becomes the 28th in a common year)."""
        year = d.year - years
        if (d.month, d.day) == (2, 29) and not calendar.isleap(year):
            return dt.date(year, 2, 28)
        return dt.date(year, d.month, d.day)

    # -- rows ---------------------------------------------------------------------------------

    def client(self, first: str, last: str, **cells: object) -> str:
        """Add a Clients row and give its Client ID."""
        cid = f"C-{len(self.clients) + 1:04d}"
        self.names.add(f"{first} {last}")
        domain = "example.org" if len(self.clients) % 3 == 0 else "example.com"
        email = f"{_ascii(first)}.{_ascii(last)}@{domain}".lower()
        number = next(self.phones)
        phone: object = f"07700 900{number:03d}"
        if len(self.clients) % 5 == 1:
            phone = f"+44 7700 900{number:03d}"
        street, (town, area) = self.rng.choice(STREETS), self.rng.choice(TOWNS)
        values: dict[str, object] = {
            "Client ID": cid, "First name": first, "Last name": last, "E-mail": email,
            "Mobile": phone, "Address": f"{self.rng.randint(1, 120)} {street}", "City": town,
            "Postcode": f"{area} {self.rng.randint(1, 9)}{self.rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            f"{self.rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
            "Preferred contact": self.rng.choice(("Phone", "Text", "Email", "email", "Mail")),
            "Contact OK": self.rng.choice(("Yes", "yes", "Y", "")),
            "Status": "Client", "Associate": self.rng.choice(STAFF),
            "Client since": self.day(-self.rng.randint(500, 4000)), "Source": self.rng.choice(
                ("Walk-in", "Referral", "Instagram", "Wedding fair", "Google")),
        }
        values.update({k.replace("_", " "): v for k, v in cells.items()})
        self.clients.append([values.get(h, "") for h in CLIENT_HEADERS])
        return cid

    def add(self, sheet: str, **cells: object) -> None:
        """Add a row to `sheet` (cells by header, underscores for spaces)."""
        named = {k.replace("_", " "): v for k, v in cells.items()}
        self.rows[sheet].append([named.get(h, "") for h in HEADERS[sheet]])

    def buy(self, who: str, when: dt.date, item: str, category: str, price: object,
            associate: str, *, log: bool = True, **cells: object) -> None:
        """Add a purchase; with `log`, the Contact log shows every cadence step already due."""
        self.add("Purchases", Date=when, Client=who, Item=item, Category=category, Price=price,
                 Associate=associate, **cells)
        if not log:
            return
        amount = float(str(price).replace("£", "").replace(",", ""))
        done: set[str] = set()
        for _trigger, value, min_price, after, task in RULES:
            if task in done or (min_price and amount < min_price):
                continue
            if value and value.lower() not in category.lower():
                continue
            done.add(task)
            due = _after(when, after)
            if due < self.today:
                kind = self.rng.choice(LOGGED_AS[task])
                self.add("Contact log", Date=due, Client=who, Kind=kind, By=associate)

    # -- the book ------------------------------------------------------------------------------

    def fill(self) -> None:
        """Build every sheet: the planted stories first, then the everyday clients around them."""
        self.stories()
        self.everyday(60 - len(self.clients))
        self.rng.shuffle(self.rows["Contact log"])
        self.rows["Contact log"].sort(key=lambda r: _sort_date(r[0]))
        self.rows["Purchases"].sort(key=lambda r: _sort_date(r[0]))
        for row in self.rows["Purchases"][3:5]:
            row[0] = _text(_sort_date(row[0]))  # older sales typed in as text
        # Staff leave blank rows where a client was cut and pasted elsewhere.
        self.clients.insert(23, [""] * len(CLIENT_HEADERS))
        self.clients.insert(41, [""] * len(CLIENT_HEADERS))
        self.rows["Purchases"].insert(len(self.rows["Purchases"]) // 2,
                                      [""] * len(HEADERS["Purchases"]))
        for rule in RULES:
            self.add("Follow-up rules", Trigger=rule[0], Category_or_occasion=rule[1],
                     Min_price=rule[2] or "", After=rule[3], Task=rule[4])
        for setting, value in SETTINGS:
            self.add("Settings", Setting=setting, Value=value)

    def stories(self) -> None:
        """Add the clients whose stories make every kind of Today item appear."""
        t, day, yb = self.today, self.day, self.years_before

        # A couple who are both clients; her birthday approaches and she has a wish list.
        home = {"Address": "14 Elm Grove", "City": "Bath", "Postcode": "BA1 2QT"}
        maria_bday = yb(day(10), 46)
        maria = self.client(
            "Maria", "Reyes", Partner_name="Tom Reyes", DOB=maria_bday,
            Anniversary=yb(day(20), 25), Household="Reyes, 14 Elm Grove", Associate="Sofia", **home,
            Ring_size="M", Metal="Yellow gold", Style="Vintage, filigree", Stones="Sapphire",
            Tags="VIP", Preferred_contact="Text", Favourite_designer="Annoushka",
            Instagram="@maria.reyes.bath", **{"Likes & interests": "Opera, gardening"},
            Notes="**Loves sapphires.**\n\n- ring size M (left hand)\n- no white gold, ever\n"
                  "- Tom buys for her: see wish list",
        )
        tom = self.client(
            "Tom", "Reyes", Partner_name="Maria Reyes", DOB=_text(yb(day(150), 49)),
            Anniversary=yb(day(20), 25), Household="Reyes, 14 Elm Grove", Associate="Sofia", **home,
            Tags="VIP, watch collector", Watch_brand="Omega", Preferred_contact="Phone",
            Notes="Buys Maria's presents **late**: call him two weeks before her birthday.",
        )
        self.add("Wish list", Client=maria, Item="Sapphire halo ring", Noted_on=day(-160),
                 Price=2350, Notes="Tried it on twice. Size M.")
        self.add("Wish list", Client="Maria Reyes", Item="Pearl drop earrings",
                 Noted_on=day(-35), Price=480)
        self.add("Wish list", Client=tom, Item="Omega Seamaster 300", Noted_on=day(-300),
                 Price=5200, Notes="Blue dial only")
        self.add("Wish list", Client=maria, Item="Gold locket", Noted_on=day(-700), Price=390,
                 Fulfilled_on=day(-650), Notes="Tom bought it for Christmas")
        self.buy(tom, day(-650), "Gold locket", "Necklace", 390, "Sofia", Occasion="Christmas",
                 For="Maria")
        self.buy(maria, day(-75), "Sapphire stud earrings", "Earrings", 890, "Sofia",
                 Occasion="Just because")
        self.add("Contact log", Date=day(-40), Client=tom, Kind="Event invitation", By="Sofia",
                 Notes="Watch evening, said yes")
        for parent in (maria, "Tom Reyes"):  # typed for both parents: remembered once
            self.add("Dates", Client=parent, Date=yb(day(48), 20),
                     Occasion="Daughter Lucia's birthday", Remind_days_before=14)

        # A birthday today.
        olivia = self.client(
            "Olivia", "Bennett", DOB=yb(t, 40), Associate="Amara", Ring_size="K",
            Metal="Platinum", Tags="VIP", Allergies="Nickel",
            Notes="Allergic to **nickel**: platinum or 18ct only.", Preferred_contact="Email",
            Instagram="@olivia_b_designs",
        )
        self.buy(olivia, day(-90), "Diamond pendant", "Necklace", 1650, "Amara",
                 Occasion="Birthday", For="Herself")
        self.add("Tasks", Client=olivia, Task="Call when her resized ring is back from the "
                 "workshop", Due=day(4), Assigned_to="Amara")

        # An anniversary in three days; her partner is not a client.
        self.client("Aisha", "Rahman", Partner_name="Hamza", Anniversary=yb(day(3), 12),
                    DOB=_text(yb(day(200), 38)), Associate="James", Stones="Emerald",
                    Style="Minimal", Tags="bridal", Preferred_contact="Text")

        self.add("Contact log", Date=day(-130), Client="Aisha Rahman", Kind="Check-in call",
                 By="James", Notes="Thinking about an eternity ring for the anniversary")

        # A partner's birthday typed without a year.
        daniel = self.client("Daniel", "Kowalski", Partner_name="Ewa",
                             Partner_birthday=_no_year(day(6)), Associate="Ben",
                             Notes="Ewa likes **rose gold** and small hoops.")
        self.buy(daniel, day(-400), "Rose gold hoops", "Earrings", 380, "Ben", Occasion="Birthday",
                 For="Ewa")

        # An engagement ring bought a year ago today (1 March when today is a leap day).
        liam = self.client("Liam", "O'Connell", Partner_name="Grace Nwosu", Associate="James",
                           Tags="bridal", Ring_size="P", Preferred_contact="Phone")
        ring_day = yb(t, 1) if (t.month, t.day) != (2, 29) else dt.date(t.year - 1, 3, 1)
        self.buy(liam, ring_day, "Oval diamond engagement ring", "Bridal", 4200, "James",
                 Occasion="Engagement", For="Grace Nwosu",
                 Notes="Proposed in Bath Abbey gardens")

        # Another important date, on the Dates sheet, with its own reminder.
        harriet = self.client("Harriet", "Lowe", Associate="Amara", DOB="3/11/1968",
                              Referred_by="Olivia Bennett")
        self.add("Dates", Client=harriet, Date=yb(day(5), 18),
                 Occasion="Daughter Poppy's 18th birthday", Remind_days_before=10,
                 Notes="Thinking of a first pearl necklace")
        self.buy(harriet, day(-120), "Birthstone necklace", "Necklace", 310, "Amara")

        # A leap-day birthday.
        rohan = self.client("Rohan", "Mehta", DOB=dt.date(1992, 2, 29), Associate="Ben",
                    Tags="watch collector", Watch_brand="Grand Seiko")
        self.buy(rohan, day(-210), "Watch battery and strap", "Watch", 65, "Ben")

        # A discreet client planning a surprise.
        catherine = self.client(
            "Catherine", "Ashworth", Partner_name="Richard", Associate="Sofia",
            Discreet="Surprise: don't tell her husband. Call her mobile only, never the house.",
            Partner_birthday=_no_year(day(25)), Preferred_contact="Phone",
        )
        self.add("Tasks", Client=catherine, Task="Ring when the engraving on Richard's watch is "
                 "done", Due=day(2), Assigned_to="Sofia")
        self.buy(catherine, day(-9), "Tissot Le Locle (deposit)", "Watch", "£250", "Sofia",
                 log=False, Occasion="Birthday", For="Richard")
        self.add("Contact log", Date=day(-7), Client=catherine, Kind="Thank-you note",
                 By="Sofia", Notes="Sent to her office, not home")

        # A client who asked not to be contacted: a recent sale brings no follow-up.
        gordon = self.client("Gordon", "Baxter", Contact_OK="No", Associate="James",
                             Notes="Asked **not** to be contacted. Walk-ins only.")
        self.buy(gordon, day(-4), "Watch battery and strap", "Watch", 65, "James", log=False)

        # Archived and deceased: no milestones, no outreach.
        self.client("Fiona", "Mackenzie", Status="Archived", DOB=yb(day(1), 52),
                    Notes="Moved to Canada in 2023.")
        self.client("Arthur", "Pemberton", Status="Deceased", DOB=yb(day(2), 81),
                    Notes="Passed away. His daughter **Jane** still visits.")

        # A prospect, answered; a new enquiry from yesterday, not answered yet.
        chloe = self.client("Chloe", "Adeyemi", Status="Prospect", Source="Walk-in",
                            Client_since=day(-8), Associate="Amara", Stones="Lab-grown diamond")
        self.add("Contact log", Date=day(-8), Client=chloe, Kind="Walk-in", By="Amara",
                 Notes="Looking at oval solitaires, budget about £3,000")
        self.add("Contact log", Date=day(-6), Client=chloe, Kind="Email sent", By="Amara",
                 Notes="Sent photos of three oval solitaires")
        self.add("Wish list", Client=chloe, Item="Oval lab-grown solitaire, 1.2ct",
                 Noted_on=day(-8), Price=2900)
        ines = self.client("Inès", "Duarte", Status="New enquiry", Source="Website form",
                           Client_since=day(-1), Associate="", Contact_OK="yes",
                           Preferred_contact="Email", Mobile="", Address="", City="",
                           Postcode="")
        self.add("Contact log", Date=day(-1), Client=ines, Kind="Website form",
                 Notes="Asks whether we can reset her grandmother's ruby into a new ring")

        # Stay in touch: nothing bought or said for fourteen months.
        edward = self.client("Edward", "Chen", Associate="Ben", Client_since=day(-2300),
                             Tags="watch collector", Watch_brand="Rolex")
        self.buy(edward, t - relativedelta(months=14), "Silver cufflinks", "Accessories", 240,
                 "Ben")

        # Follow-ups: overdue, due today, and one done already.
        sophie = self.client("Sophie", "Hargreaves", Associate="Amara", Allergies="Nickel")
        self.buy(sophie, day(-5), "Diamond stud earrings", "Earrings", 1290, "Amara", log=False)
        marcus = self.client("Marcus", "Webb", Associate="James", Mobile=7700900417)
        self.buy(marcus, day(-2), "Engraved cufflinks", "Accessories", 240, "James", log=False)
        niamh = self.client("Niamh", "Gallagher", Associate="Sofia", Tags="VIP")
        self.buy(niamh, day(-20), "Diamond tennis bracelet", "Bracelet", 3200, "Sofia",
                 Occasion="Anniversary")

        # Cleaning reminders six months after a ring: one upcoming, one overdue.
        priya = self.client("Priya", "Natarajan", Associate="Ben", Ring_size="J½")
        self.buy(priya, day(1) - relativedelta(months=6), "Sapphire dress ring", "Ring", 1850,
                 "Ben", log=False)
        self.add("Contact log", Date=day(1) - relativedelta(months=6) + dt.timedelta(days=2),
                 Client=priya, Kind="Thank-you note", By="Ben")
        oliver = self.client("Oliver", "Grant", Associate="James", Partner_name="Sam")
        self.buy(oliver, day(-10) - relativedelta(months=6), "Platinum wedding band", "Ring",
                 980, "James", log=False, Occasion="Wedding")

        # A repair to collect, and promises on the Tasks sheet.
        tariq = self.client("Tariq", "Hussain", Associate="Sofia", Stones="Emerald")
        self.buy(tariq, day(-3), "Chain repair", "Repair", 45, "Sofia", log=False)
        self.add("Tasks", Client=tariq, Task="Send photos of the emerald options from the "
                 "Hatton Garden supplier", Due=day(-3), Assigned_to="Sofia")
        self.add("Tasks", Client=tariq, Task="Quote for resetting his father's signet ring",
                 Due=day(-30), Assigned_to="James", Done_on=day(-28))
        beatrice = self.client("Beatrice", "Holloway", Associate="Ben")
        self.buy(beatrice, day(-25), "Pearl restringing", "Repair", 85, "Ben")
        self.add("Tasks", Client=beatrice, Task="Update her on the pearl restringing",
                 Due=t, Assigned_to="Ben")

    def everyday(self, count: int) -> None:
        """Add `count` ordinary clients: older purchases, cards and calls through the year."""
        rng, day = self.rng, self.day
        for _ in range(count):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            while f"{first} {last}" in self.names:
                first, last = rng.choice(FIRST), rng.choice(LAST)
            birthday = self.years_before(day(rng.randint(35, 330)), rng.randint(24, 78))
            dob: object = birthday
            if rng.random() < 0.15:
                dob = _no_year(birthday)
            elif rng.random() < 0.15:
                dob = _text(birthday)
            elif rng.random() < 0.1:
                dob = ""
            cells: dict[str, object] = {"DOB": dob}
            if rng.random() < 0.3:
                cells["Partner_name"] = rng.choice(FIRST)
                cells["Anniversary"] = self.years_before(day(rng.randint(60, 330)),
                                                         rng.randint(2, 40))
            if rng.random() < 0.3:
                cells["Ring_size"] = rng.choice("HIJKLMNOPQRS") + rng.choice(("", "½"))
                cells["Metal"] = rng.choice(("Yellow gold", "White gold", "Platinum", "Silver"))
            if rng.random() < 0.2:
                cells["Tags"] = rng.choice(("VIP", "bridal", "watch collector", "VIP, bridal"))
            if rng.random() < 0.1:
                cells["Notes"] = rng.choice((
                    "Prefers **appointments** on Saturdays.",
                    "Collects charms:\n\n- travel\n- animals",
                    "Sister of a client; *very* particular about clasps.",
                ))
            cid = self.client(first, last, **cells)
            ref: str = rng.choice((cid, cid, f"{first} {last}"))
            for _ in range(rng.randint(1, 3)):
                item, category, price = rng.choice(ITEMS)
                when = day(-rng.randint(440, 2900))
                self.buy(ref, when, item, category, price, rng.choice(STAFF), log=False,
                         Occasion=rng.choice(OCCASIONS))
            if rng.random() < 0.25:
                item, category, price = rng.choice(ITEMS)
                self.buy(ref, day(-rng.randint(40, 380)), item, category, price,
                         rng.choice(STAFF), Occasion=rng.choice(OCCASIONS))
            self.add("Contact log", Date=day(-rng.randint(10, 330)), Client=ref,
                     Kind=rng.choice(TOUCHES), By=rng.choice(STAFF))
            if rng.random() < 0.2:
                when = day(rng.randint(40, 330))
                self.add("Dates", Client=ref, Date=rng.choice((_no_year(when), when)),
                         Occasion=rng.choice(DATE_OCCASIONS),
                         Remind_days_before=rng.choice(("", "", 10, 21)))
            if rng.random() < 0.2:
                self.add("Wish list", Client=cid, Item=rng.choice(WISHES),
                         Noted_on=day(-rng.randint(20, 600)), Price=rng.choice((450, 890, 1200)))


def _sheet(wb: Workbook, name: str, headers: tuple[str, ...], rows: list[list[object]],
           widths: dict[str, int] | None = None) -> Worksheet:
    """Give a new sheet with a bold frozen header row and `rows` under it."""
    ws: Worksheet = wb.create_sheet(name)
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F3E9D2")
    ws.freeze_panes = "A2"
    for row in rows:
        ws.append([None if v == "" else v for v in row])
    for col, header in enumerate(headers, start=1):
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = (widths or {}).get(header, max(12, len(header) + 2))
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    return ws


def _after(start: dt.date, after: str) -> dt.date:
    amount, unit = after.split()
    unit = unit if unit.endswith("s") else unit + "s"
    if unit in ("days", "weeks"):
        return start + dt.timedelta(**{unit: int(amount)})
    return start + relativedelta(**{unit: int(amount)})  # type: ignore[arg-type]


def _text(d: dt.date) -> str:
    """Give a date as staff type it in a UK shop: "14/03/1985"."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _no_year(d: dt.date) -> str:
    """Give a birthday typed without a year: "14 March"."""
    return f"{d.day} {d:%B}"


def _ascii(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain if ch.isalpha())


def _sort_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.min


def main(argv: list[str] | None = None) -> int:
    """Write the sample book; give the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                        help="the day the book should look alive on (YYYY-MM-DD)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write it")
    args = parser.parse_args(argv)
    today = args.today or dt.date.today()  # noqa: DTZ011 (the shop's own day, at the shop)
    path = make_sample_book(args.out, today)
    print(f"Wrote {path} (as on {today:%d %B %Y})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
