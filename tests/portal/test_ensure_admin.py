"""`manage.py ensure_admin`: the first administrator from environment variables, once."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

PASSWORD = "Kh0ng-d0an-duoc-dau"


@pytest.fixture
def admin_env(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "quantri")
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "quantri@sonoivu.example.gov.vn")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    return monkeypatch


def run(capsys):
    call_command("ensure_admin")
    return capsys.readouterr()


def test_creates_the_superuser_from_the_environment(admin_env, capsys):
    output = run(capsys)
    user = get_user_model().objects.get(username="quantri")
    assert user.is_superuser and user.is_staff and user.is_active
    assert user.email == "quantri@sonoivu.example.gov.vn"
    assert user.check_password(PASSWORD)
    assert "quantri" in output.out
    assert PASSWORD not in output.out + output.err


def test_second_run_changes_nothing_and_says_so(admin_env, capsys):
    run(capsys)
    user = get_user_model().objects.get(username="quantri")
    user.set_password("doi-mat-khau-trong-admin-9")  # changed in the admin since
    user.save()
    admin_env.setenv("DJANGO_SUPERUSER_PASSWORD", "another-Str0ng-passphrase")
    output = run(capsys)
    assert get_user_model().objects.count() == 1
    assert get_user_model().objects.get().check_password("doi-mat-khau-trong-admin-9")
    assert "quantri" in output.out and "another-Str0ng" not in output.out


@pytest.mark.parametrize("password", ["", "12345678", "password", "quantri1"])
def test_refuses_a_missing_or_weak_password_without_printing_it(admin_env, capsys, password):
    admin_env.setenv("DJANGO_SUPERUSER_PASSWORD", password)
    with pytest.raises(CommandError, match="DJANGO_SUPERUSER_PASSWORD") as error:
        call_command("ensure_admin")
    if password:
        assert password not in str(error.value)
    assert not get_user_model().objects.exists()


def test_refuses_a_missing_username(admin_env):
    admin_env.delenv("DJANGO_SUPERUSER_USERNAME")
    with pytest.raises(CommandError, match="DJANGO_SUPERUSER_USERNAME"):
        call_command("ensure_admin")
