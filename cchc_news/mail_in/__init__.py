"""Mail in: the reform office's mailbox becomes drafts. A message (read over IMAP by
``fetch_mail`` and the scheduler, or given on standard input to ``receive_mail``) is parsed
(parse), placed as a draft news item of the agency that registered its sender, or put in
quarantine with the reason (placement), recorded once by Message-ID and IMAP UID (exactly once);
the sender and the agency's editors are told (replies); the office assigns or discards what is
in quarantine (views)."""
