"""RSS 2.0 and Atom (RFC 4287) feeds against their MUSTs, read as XML; entries a person can read."""

import re
import xml.etree.ElementTree as ET

import pytest

from samskap.commitments.services import update_commitment

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
TAG = re.compile(r"tag:[a-z0-9.-]+,\d{4}-\d{2}-\d{2}:[\w/.-]+")


def atom(client, address: str) -> ET.Element:
    response = client.get(address)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed, in a test)
    assert root.tag == f"{ATOM}feed"
    # 4.1.1: id, title, updated; an author unless every entry has one; a self link (SHOULD).
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    assert RFC3339.fullmatch(root.findtext(f"{ATOM}updated") or "")
    entries = root.findall(f"{ATOM}entry")
    assert root.find(f"{ATOM}author/{ATOM}name") is not None or all(e.find(f"{ATOM}author") for e in entries)
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href", "").endswith(address)
    ids = []
    for entry in entries:
        # 4.1.2: exactly one id (an IRI), title and updated; a link alternate.
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert TAG.fullmatch(entry.findtext(f"{ATOM}id") or ""), entry.findtext(f"{ATOM}id")
        assert RFC3339.fullmatch(entry.findtext(f"{ATOM}updated") or "")
        assert entry.find(f"{ATOM}link").get("href", "").startswith(("http://", "https://"))
        ids.append(entry.findtext(f"{ATOM}id"))
    assert len(set(ids)) == len(ids)
    return root


def rss(client, address: str) -> ET.Element:
    response = client.get(address)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed, in a test)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None
    for name in ("title", "link", "description"):  # the channel's required elements
        assert channel.findtext(name), name
    assert channel.find(f"{ATOM}link[@rel='self']").get("href", "").endswith(address)
    for item in channel.findall("item"):
        assert item.findtext("title") or item.findtext("description")
        guid = item.find("guid")
        assert guid is not None and guid.get("isPermaLink") == "false" and TAG.fullmatch(guid.text or "")
        assert item.findtext("pubDate")
    return channel


@pytest.fixture
def changed(world):
    update_commitment(actor=world["editor"], commitment=world["commitment"], values={"budget": "2 mill. kroner"})
    return world


def test_the_change_feeds_validate_and_read_in_the_readers_language(changed, client, settings):
    settings.SITE_URL = "https://ogp.example.no:8443"
    slug = changed["jurisdiction"].slug
    root = atom(client, f"/en/data/feeds/{slug}/atom/")
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Norge"
    assert (
        root.find(f"{ATOM}link[@rel='self']").get("href") == f"https://ogp.example.no:8443/en/data/feeds/{slug}/atom/"
    )
    entries = root.findall(f"{ATOM}entry")
    assert entries and all(e.findtext(f"{ATOM}id").startswith("tag:ogp.example.no,") for e in entries)
    summaries = " ".join(e.findtext(f"{ATOM}summary") or "" for e in entries)
    assert "Budget: — → 2 mill. kroner" in summaries and "budget:" not in summaries  # labels, not field names
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert any(t.startswith("Commitment changed: ") for t in titles), titles
    # The same in Norwegian for a Norwegian reader.
    norwegian = atom(client, f"/nb/data/feeds/{slug}/atom/")
    summaries = " ".join(e.findtext(f"{ATOM}summary") or "" for e in norwegian.findall(f"{ATOM}entry"))
    assert "Budsjett: — → 2 mill. kroner" in summaries, summaries
    assert norwegian.get("{http://www.w3.org/XML/1998/namespace}lang") == "nb"
    channel = rss(client, f"/en/data/feeds/{slug}/rss/")
    assert channel.findtext("link").startswith("https://ogp.example.no:8443/")


def test_the_consultation_feeds_validate(world, client):
    slug = world["jurisdiction"].slug
    for address in ("/en/data/feeds/consultations/atom/", f"/da/data/feeds/{slug}/consultations/atom/"):
        root = atom(client, address)
        assert root.findall(f"{ATOM}entry")
    channel = rss(client, "/en/data/feeds/consultations/rss/")
    assert channel.findall("item")
