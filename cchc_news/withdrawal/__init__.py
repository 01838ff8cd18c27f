"""Taking a published news item down ("Gỡ tin"): a reason is required, the item's URL then shows a
public notice, and the item leaves listings, feeds, search and the sitemap."""
