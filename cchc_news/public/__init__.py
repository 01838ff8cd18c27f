"""The public side of the CCHC section: the news listing with its filters, the section's
search (Vietnamese folding, highlighting, the search backends for PostgreSQL and SQLite), the
news feeds (Atom, JSON Feed, WebSub) and their URLs, the anonymous page cache and its purge,
and who may download a news item's documents."""
