"""Factories for the test suite (factory_boy / wagtail-factories)."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from cchc_news.models import Agency, AgencyKind, Campaign, NewsItemPage, Topic

PASSWORD = "correct-horse-battery"


class AgencyKindFactory(DjangoModelFactory):
    class Meta:
        model = AgencyKind
        django_get_or_create = ("name",)

    name = "Sở, ban, ngành"


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Sở Thử nghiệm số {n}")
    short_name = factory.LazyAttribute(lambda o: o.name)
    code = factory.Sequence(lambda n: f"ag{n}")
    kind = factory.SubFactory(AgencyKindFactory)
    email = factory.LazyAttribute(lambda o: f"{o.code}@example.gov.vn")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            instance.refresh_from_db()  # provisioning filled the group and collection links


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("name",)

    name = "Kết quả"


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ("name",)

    name = "Đại hội Đảng bộ Thành phố lần XI"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.gov.vn")
    first_name = "Văn A"
    last_name = "Nguyễn"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)


class NewsItemPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsItemPage

    title = factory.Sequence(lambda n: f"Đẩy mạnh cải cách hành chính số {n}")
    summary = "Tóm tắt ngắn về kết quả cải cách hành chính của đơn vị."
    body = "<p>Nội dung chi tiết về hoạt động cải cách hành chính.</p>"
    topic = factory.SubFactory(TopicFactory)
    live = True
