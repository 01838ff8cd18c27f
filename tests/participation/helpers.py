from bs4 import BeautifulSoup
from django.urls import reverse

MAY = {"period": "month", "day": "2026-05-12"}
REPORT = "participation_report"
MY_AGENCY = "participation_my_agency"


def get_report(client, user, params=None, name=REPORT):
    client.force_login(user)
    return client.get(reverse(name), params or {})


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def table_rows(response):
    """[[agency, kind, submissions, ..., last contribution], ...] as shown, and the totals."""
    table = soup(response).find("table", class_="participation-table")
    body = [cells(row) for row in table.tbody.find_all("tr")]
    return body, cells(table.tfoot.tr)


def cells(row):
    values = []
    for cell in row.find_all(["th", "td"]):
        for tag in cell.find_all(class_="w-status"):
            tag.extract()
        values.append(cell.get_text(" ", strip=True))
    return values


def agency_names(response):
    return [row[0] for row in table_rows(response)[0]]


def highlighted(response):
    table = soup(response).find("table", class_="participation-table")
    return [cells(row)[0] for row in table.tbody.find_all("tr", class_="participation-row--silent")]
