"""Atom feeds (RFC 4287) of plans, per variant: the whole site, and one per agency.

  <variant>/feed.xml                    every plan, newest first
  <variant>/agencies/<id>/feed.xml      the plans in which the agency issues, leads or is responsible

Written in canonical Simplified and converted as a whole, like a page. Links are relative to the
feed (resolved against its address); entry ids are the absolute page URLs when the site URL is
known, else stable `urn:policyref:` names.
"""
from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape, quoteattr

from ..model import Plan, Site
from ..render import urls
from ..render.labels import SITE_TITLE
from ..script.convert import Converter

FEED = "feed.xml"


def feed_url(page_url: str = "") -> str:
    """The feed beside a page (site-wide: beside the home page)."""
    return f"{page_url}{FEED}"


def _when(date: str, epoch: int) -> str:
    if len(date) == 10:
        return f"{date}T00:00:00Z"
    if len(date) == 4:
        return f"{date}-01-01T00:00:00Z"
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _id(site_url: str | None, variant: str, url: str) -> str:
    if site_url:
        return f"{site_url.rstrip('/')}/{variant}/{url}"
    return "urn:policyref:" + variant + ":" + (url.strip("/").replace("/", ":") or "home")


def _entry(plan: Plan, site: Site, here: str, variant: str, site_url: str | None, epoch: int) -> str:
    issuers = "、".join(site.agencies[i].name for i in plan.issuers if i in site.agencies)
    summary = "；".join(x for x in (plan.doc_number, issuers, f"{len(plan.tasks)} 项任务", plan.period) if x)
    return (f"<entry>\n<title>{escape(plan.title)}</title>\n"
            f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(urls.relative(here, urls.plan(plan.id)))}/>\n"
            f"<id>{escape(_id(site_url, variant, urls.plan(plan.id)))}</id>\n"
            f"<updated>{_when(plan.date, epoch)}</updated>\n"
            f"<published>{_when(plan.date, epoch)}</published>\n"
            f"<summary>{escape(summary)}</summary>\n</entry>")


def atom(site: Site, plans: list[Plan], title: str, page_url: str, variant: str, converter: Converter,
         site_url: str | None, epoch: int) -> str:
    here = page_url  # links are relative to the feed, which sits in the page's folder
    plans = sorted(plans, key=lambda p: (p.date, p.id), reverse=True)
    updated = _when(plans[0].date, epoch) if plans else _when("", epoch)
    entries = "\n".join(_entry(p, site, here, variant, site_url, epoch) for p in plans)
    xml = (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{variant}">\n'
           f"<title>{escape(title)}</title>\n"
           f"<link rel=\"alternate\" type=\"text/html\" href=\"./\"/>\n"
           f"<link rel=\"self\" type=\"application/atom+xml\" href=\"{FEED}\"/>\n"
           f"<id>{escape(_id(site_url, variant, feed_url(page_url)))}</id>\n"
           f"<updated>{updated}</updated>\n<author><name>{escape(SITE_TITLE)}</name></author>\n"
           f"{entries}\n</feed>\n")
    return converter.convert(xml, variant)


def feeds(site: Site, variant: str, converter: Converter, site_url: str | None, epoch: int) -> dict[str, str]:
    """{path under the variant: Atom XML}."""
    out = {feed_url(urls.home()): atom(site, site.plans, f"{SITE_TITLE}：政策文件", urls.home(), variant,
                                       converter, site_url, epoch)}
    involved: dict[str, set[str]] = {a: set() for a in site.agencies}
    for a in site.assignments:
        involved[a.agency_id].add(a.plan.id)
    for plan in site.plans:
        for agency_id in plan.issuers:
            involved.setdefault(agency_id, set()).add(plan.id)
    for agency_id, agency in site.agencies.items():
        plans = [p for p in site.plans if p.id in involved.get(agency_id, set())]
        out[feed_url(urls.agency(agency_id))] = atom(site, plans, f"{SITE_TITLE}：{agency.name}", urls.agency(agency_id),
                                                     variant, converter, site_url, epoch)
    return out
