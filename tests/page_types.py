"""One URL of each page type (relative to the site root; {v} is the variant), shared by the
reader-view browser tests, `make lighthouse` and the page-weight bench."""
PAGE_TYPES = {
    "home": "{v}/",
    "plans": "{v}/plans/",
    "year": "{v}/years/2024/",
    "plan": "{v}/plans/2012-miit-standardization-key-work/",
    "task": "{v}/plans/2024-standardization-outline-action-plan/t05/",
    "agencies": "{v}/agencies/",
    "agency": "{v}/agencies/samr/",
    "404": "{v}/404.html",
    "chooser": "index.html",  # its redirect to a variant is held back, so the chooser itself is seen
}
VARIANTS = ("zh-Hans", "zh-Hant")
