"""`make bench`: the project's pages served by gunicorn and driven by wrk, measured against
two anchors built in the same run (a trivial Django view and a fresh `wagtail start` site),
plus in-process timings of assembly, the PDF and the review workflow (issue 17)."""
