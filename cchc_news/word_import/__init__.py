"""Import from Word: a .docx becomes a news item's draft (title, summary, body with headings,
lists and images, the original file attached) or replaces an existing draft's body; the reader
refuses what is not a safe, well-formed document, the views and actions run it for an agency."""
