"""`manage.py check` explains a wrong mail-in setting."""

from cchc_news.checks import check_mail_in_ca_file, check_mail_in_security, check_settings


def test_a_wrong_security_is_explained(settings):
    settings.CCHC_MAIL_IN_SECURITY = "tls"
    assert [error.id for error in check_mail_in_security()] == ["cchc_news.E014"]
    settings.CCHC_MAIL_IN_SECURITY = "starttls"
    assert check_mail_in_security() == []


def test_a_port_read_as_text_is_explained(settings):
    settings.CCHC_MAIL_IN_PORT = "993"
    assert "cchc_news.E001" in [error.id for error in check_settings()]


def test_none_for_another_machine_is_explained(settings):
    settings.CCHC_MAIL_IN_SECURITY = "none"
    settings.CCHC_MAIL_IN_HOST = "imap.sonoivu.example.gov.vn"
    assert [error.id for error in check_mail_in_security()] == ["cchc_news.E014"]
    for host in ("127.0.0.1", "localhost", "::1", ""):
        settings.CCHC_MAIL_IN_HOST = host
        assert check_mail_in_security() == []


def test_a_missing_ca_file_is_explained(settings, tmp_path):
    settings.CCHC_MAIL_IN_CA_FILE = str(tmp_path / "ca.pem")
    assert [error.id for error in check_mail_in_ca_file()] == ["cchc_news.E015"]
    (tmp_path / "ca.pem").write_text("-----BEGIN CERTIFICATE-----\n")
    assert check_mail_in_ca_file() == []
    settings.CCHC_MAIL_IN_CA_FILE = ""
    assert check_mail_in_ca_file() == []
