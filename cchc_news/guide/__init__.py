"""The user guide inside the admin: one page per role (agency editor, agency head, CCHC office,
Department leadership) explaining the week's work step by step, with screenshots that the browser
tests take (tests/e2e/test_user_guide.py; `make guide-screenshots` saves them here), so they follow
the screens. The prose is a template per language (templates/cchc_news/guide/<language>/<role>.html,
Vietnamese first): pages of text are kept whole, as documentation is, rather than cut into
catalogue strings; the short labels around them are translated as usual."""
