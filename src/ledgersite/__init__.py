"""ledgersite: a jeweler's client book, read from a spreadsheet, published as a private static site.

The package reads like its data flow::

    sources  ->  validate  ->  book  ->  agenda  ->  site
    (raw rows)   (problems)    (typed)   (today)     (pages)
"""

__version__ = "0.1.0"
