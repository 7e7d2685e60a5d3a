"""The static site: view data from the book and agenda, rendered pages, atomic publishing.

    views    ready-made data for each page (all the logic lives here, none in templates)
    names    safe, unique file names for client pages
    render   the jinja2 environment, markdown notes, every page as bytes
    publish  write only changed files, swapped in so readers never see half a site
"""
