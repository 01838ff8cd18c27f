"""What a subscriber chose to read: the one rule of which bulletin entries they get.

A subscriber may choose topics, agencies, both or neither:
- neither: every entry (and every bulletin, even one without entries);
- topics only: the entries of those topics; agencies only: the entries of those agencies;
- both: the entries that match both (one of the topics AND one of the agencies).
An entry without a topic matches no chosen topic. A bulletin with no matching entry is not
sent to them. The form's help text says the same (forms.py).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Interests:
    """Chosen topic and agency ids; None where nothing was chosen (everything)."""

    topic_ids: frozenset | None = None
    agency_ids: frozenset | None = None

    @classmethod
    def of(cls, topic_ids=(), agency_ids=()):
        return cls(frozenset(topic_ids) or None, frozenset(agency_ids) or None)

    @property
    def everything(self):
        return self.topic_ids is None and self.agency_ids is None

    def matches(self, topic_id, agency_id):
        return (self.topic_ids is None or topic_id in self.topic_ids) and (
            self.agency_ids is None or agency_id in self.agency_ids
        )

    def wants_any(self, pairs):
        """Whether any (topic id, agency id) of `pairs` matches (always, choosing nothing)."""
        return self.everything or any(self.matches(*pair) for pair in pairs)

    def sections(self, sections):
        """The bulletin's [(topic, entries)] cut to the matching entries, empty ones dropped.

        An entry is a tuple whose first element is the news item."""
        if self.everything:
            return list(sections)
        kept = []
        for topic, entries in sections:
            topic_id = topic.pk if topic else None
            mine = [entry for entry in entries if self.matches(topic_id, entry[0].agency_id)]
            if mine:
                kept.append((topic, mine))
        return kept


EVERYTHING = Interests()
