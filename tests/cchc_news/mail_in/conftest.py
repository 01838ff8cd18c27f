from pathlib import Path

import pytest

EML = Path(__file__).parent / "eml"


def eml(name) -> bytes:
    return (EML / name).read_bytes()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def intake_a(make_user, agency_a):
    return make_user("intake_a", agency_a.editors_group, first_name="Thị Bình", last_name="Trần")


@pytest.fixture
def mail_agency(agency_a, intake_a):
    """Sở Tư pháp: two registered senders (Outlook's and Thunderbird's fixtures), an intake
    editor."""
    agency_a.mail_senders = "VanThu.STP@stp.gov.vn\nbinh.tt@stp.gov.vn"
    agency_a.intake_editor = intake_a
    agency_a.save()
    return agency_a
