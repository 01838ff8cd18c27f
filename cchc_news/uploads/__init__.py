"""The files editors upload: a document's type judged by its content (PDF, Word 2007+ and
97-2003, OpenDocument), its size and page count, with bounded readers that refuse broken,
encrypted and hostile files before anything is stored."""
