"""`manage.py check` explains a wrong mail-in setting."""

from cchc_news.checks import check_mail_in_security, check_settings


def test_a_wrong_security_is_explained(settings):
    settings.CCHC_MAIL_IN_SECURITY = "tls"
    assert [error.id for error in check_mail_in_security()] == ["cchc_news.E014"]
    settings.CCHC_MAIL_IN_SECURITY = "starttls"
    assert check_mail_in_security() == []


def test_a_port_read_as_text_is_explained(settings):
    settings.CCHC_MAIL_IN_PORT = "993"
    assert "cchc_news.E001" in [error.id for error in check_settings()]
