"""The submission checklist: the rules a news item must pass before review (length, summary,
topic, original file, cover image's description), measured from the saved item or from what the
editor is typing; the checklist panel and side panel of the page editor and its live-check view.
The rules import no model, so models, forms and hooks can all use them."""
