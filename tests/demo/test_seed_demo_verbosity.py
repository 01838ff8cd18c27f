"""`manage.py seed_demo -v 2` lists what it creates (on an empty database); `-v 0` prints
nothing."""

import pytest

from tests.demo.test_seed_demo import seed


@pytest.mark.django_db
def test_verbose_run_lists_what_it_creates_and_quiet_run_prints_nothing(
    settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    assert "đã tạo người dùng “stp.bientap”" in seed("-v", "2")
    assert seed("-v", "0") == ""
