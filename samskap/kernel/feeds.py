"""The base of every RSS 2.0 and Atom (RFC 4287) feed: absolute links and the self link under the public
base address (`kernel.links`), `<updated>` on every entry, `tag:` ids, a feed-level author (Atom needs
one unless every entry has its own), the reader's language. A feed gives paths (`page`, `item_page`)
rather than links, and its entries' tag (`item_tag`: a date and a specific part) rather than a guid."""

import datetime
from abc import ABC, abstractmethod
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed, SyndicationFeed

from samskap.kernel.links import absolute, tag_uri


class PublicFeed(Feed, ABC):  # type: ignore[type-arg]
    item_guid_is_permalink = False

    def get_feed(self, obj: Any, request: HttpRequest) -> SyndicationFeed:
        feed = super().get_feed(obj, request)
        feed.feed["feed_url"] = absolute(request.path)  # the self link
        return feed

    @abstractmethod
    def page(self, obj: Any) -> str:
        """The path of the page the feed is about."""

    @abstractmethod
    def item_page(self, item: Any) -> str:
        """The path of the page an entry is about."""

    def link(self, obj: Any) -> str:
        return absolute(self.page(obj))

    def item_link(self, item: Any) -> str:
        return absolute(self.item_page(item))

    def author_name(self, obj: Any) -> str:
        return "Samskap"

    @abstractmethod
    def item_tag(self, item: Any) -> tuple[datetime.date, str]:
        """The entry's date and specific part for its `tag:` id (RFC 4151)."""

    def item_guid(self, item: Any) -> str:
        day, specific = self.item_tag(item)
        return tag_uri(day, specific)

    @abstractmethod
    def item_pubdate(self, item: Any) -> datetime.datetime:
        """When the entry happened."""

    def item_updateddate(self, item: Any) -> datetime.datetime:
        return self.item_pubdate(item)


class AtomFeed:
    """Mix in before a PublicFeed: the same feed as Atom, its description as the subtitle."""

    feed_type: type[SyndicationFeed] = Atom1Feed

    def subtitle(self, obj: Any) -> str:
        return str(self.description(obj))  # type: ignore[attr-defined]
