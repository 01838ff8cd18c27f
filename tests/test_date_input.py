"""Wagtail's date pickers write day-first dates; both admin languages must read them so."""

import datetime

import pytest
from django import forms
from django.utils import translation


@pytest.mark.parametrize("language", ["vi", "en"])
def test_day_first_dates_are_read_day_first(language):
    with translation.override(language):
        assert forms.DateField().clean("04/05/2026") == datetime.date(2026, 5, 4)
        assert forms.DateField().clean("13/05/2026") == datetime.date(2026, 5, 13)
        moment = forms.DateTimeField().clean("13/05/2026 08:30")
    assert (moment.day, moment.month, moment.hour, moment.minute) == (13, 5, 8, 30)


def test_iso_dates_still_accepted():
    assert forms.DateField().clean("2026-05-04") == datetime.date(2026, 5, 4)
