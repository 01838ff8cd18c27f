"""The archive's bulletins as it lists them, cached once per generation of public content
(BulletinIndexPage.get_context) without what a list does not show."""


def by_year(bulletins, counts):
    """([(year, [bulletin, ...]), ...] newest year first, the first bulletin): each bulletin with
    its `item_count` from `counts` ({pk: n}) and without its entries."""
    years = {}
    for bulletin in bulletins:
        bulletin.item_count = counts[bulletin.pk]
        years.setdefault(bulletin.iso_year, []).append(without_entries(bulletin))
    return sorted(years.items(), reverse=True), bulletins[0] if bulletins else None


def without_entries(bulletin):
    """`bulletin` without its entries, the bulk of it, which lists of bulletins do not show:
    cached that way. Django takes the field for a deferred one, read again if asked for."""
    bulletin.__dict__.pop("entries", None)
    return bulletin
