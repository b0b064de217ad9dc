"""Every rule `policyref check` and `policyref build` can report: the documentation of record.

`python -m build_tools.rules` prints the README table. `Report.add` takes each rule's severity
from here (the code names only the rule), and refuses a rule missing here.

May import: nothing.
"""
from __future__ import annotations

from typing import NamedTuple


class Rule(NamedTuple):
    severity: str  # error | warning
    trigger: str
    fix: str


def _keys(section: str, where: str, values: str, also_type: str = "") -> dict[str, Rule]:
    return {
        f"{section}-missing-key": Rule("error", f"a required key of {where} is missing or empty", "add it"),
        f"{section}-unknown-key": Rule("error", f"a key {where} does not have (a typo?)",
                                       "remove or rename it (the message names the closest key)"),
        f"{section}-type": Rule("error", f"a value of {where} of the wrong type (text, list, mapping){also_type}",
                                "write it as the message says"),
        f"{section}-value": Rule("error", f"a value of {where} that is not allowed: {values}", "correct the value"),
    }


RULES: dict[str, Rule] = {
    # files
    "file-unreadable": Rule("error", "a content file or a plan's raw source cannot be read (a folder, a FIFO, "
                            "no permission)",
                            "make it a readable file"),
    "file-missing": Rule("error", "a content file the build needs is missing (content/script/phrases.tsv)",
                         "restore it (an empty dictionary is a file with a '#' comment)"),
    "file-empty": Rule("error", "a content file is empty or blank", "write it or delete it"),
    "file-too-large": Rule("error", "a content file is over 512 KiB", "split it; check it is really a plan"),
    "file-binary": Rule("error", "a content file contains NUL bytes (binary, UTF-16)", "save it as UTF-8 text"),
    "file-bom": Rule("error", "a content file starts with a UTF-8 byte-order mark", "save it without BOM"),
    "file-encoding": Rule("error", "a content file is not valid UTF-8 (GB18030, Big5 …)",
                          "re-save as UTF-8; the importer converts legacy encodings"),
    "line-endings": Rule("warning", "CR or CRLF line endings", "save with LF endings"),
    "line-too-long": Rule("error", "a line is over 5,000 characters (a lost line break)",
                          "one paragraph per line: split it"),
    "plan-too-large": Rule("error", "a plan of over 3,000 paragraphs or 1,000 tasks (README, Limits)",
                           "check it is one plan, not a pasted dump; split a real document"),
    "stray-file": Rule("warning", "a file in content/plans/ that is not *.md", "move or rename it"),
    "no-plans": Rule("error", "content/plans/ holds no plan", "add content/plans/<id>.md"),
    # YAML
    "front-matter-missing": Rule("error", "a plan file does not start with '---'", "add the front matter"),
    "front-matter-unclosed": Rule("error", "the front matter has no closing '---'", "add the closing line"),
    "yaml-syntax": Rule("error", "YAML that does not parse (bad indentation, unquoted ':' or '#' …)",
                        "fix the YAML at the line and column given"),
    "yaml-duplicate-key": Rule("error", "the same key twice in one mapping (YAML keeps the last silently)",
                               "delete one"),
    "yaml-alias": Rule("error", "YAML anchors or aliases (&a, *a)", "write values out in full"),
    "yaml-nesting": Rule("error", "YAML nested deeper than 6 levels", "flatten it (3 levels are enough)"),
    **_keys("front-matter", "the front matter", "an id not of a-z 0-9 -, an impossible, pre-1949 or future "
            "date, a date not YYYY-MM-DD or YYYY, an empty title, no issuers, a period ending before it starts, "
            "a source with a folder in it, an unknown source_script"),
    **_keys("cleaning", "a cleaning entry", "an unknown kind, an empty what or why"),
    **_keys("registry", "an agency entry", "a bad id or parent id, an unknown kind, an empty name",
            "; or the registry is not a YAML list"),
    # registry
    "registry-missing": Rule("error", "content/agencies.yml does not exist", "create it"),
    "registry-empty": Rule("error", "the registry lists no agency", "add the agencies the plans name"),
    "duplicate-agency-id": Rule("error", "two agencies with the same id", "rename one"),
    "duplicate-agency-name": Rule("error", "one name listed under two agencies", "a name identifies one agency"),
    "unknown-parent": Rule("error", "'parent' names an id the registry does not have", "fix or remove it"),
    "parent-cycle": Rule("error", "an agency is its own ancestor through 'parent'", "break the cycle"),
    "unused-agency": Rule("warning", "a registry entry no plan names (directly or as a parent)",
                          "remove it, or keep it deliberately"),
    # structure
    "empty-body": Rule("error", "a plan has front matter but no text", "paste the text below the '---'"),
    "fence-kind": Rule("error", "'::: x' with x not notice, signature, annex or closing", "use one of those"),
    "closing-misplaced": Rule("error", "a '::: closing' block before a chapter or task (it holds what follows "
                              "the last task)", "move it after the last task"),
    "fence-nested": Rule("error", "a ':::' block opened inside another", "close the first one"),
    "fence-unclosed": Rule("error", "a ':::' block never closed", "add ':::' where it ends"),
    "heading-in-block": Rule("error", "a ## or ### heading inside a ':::' block", "close the block first"),
    "heading-level": Rule("error", "a '#' or '#####' heading", "use ##, ### or ####"),
    "missing-anchor": Rule("error", "a ## or ### heading without {#id}", "end it with {#c1} / {#t01}"),
    "bad-anchor": Rule("error", "an anchor not of the form c1 / t01", "use cN for chapters, tNN for tasks"),
    "duplicate-id": Rule("error", "an anchor used twice in one plan", "give it a new id"),
    "anchor-order": Rule("error", "anchors not counting up in document order", "renumber c1, c2 … / t01, t02 …"),
    "task-label": Rule("error", "a task heading without its printed number", "start it with （一）, 一、, 1. …"),
    "chapter-numbering": Rule("error", "chapters 一、二、… with a gap, repeat or disorder (a partial copy counts on "
                              "from its first number)",
                              "fix the number as printed or the order"),
    "task-numbering": Rule("error", "task numbers with a gap, repeat or disorder (counting through the plan "
                           "or restarting per chapter)", "fix the number as printed or the order"),
    # attributions
    "attribution-unbalanced": Rule("error", "a paragraph with 牵头/负责 whose brackets do not balance "
                                   "(e.g. an opening 〔 never closed, 〔 closed by ）)",
                                   "close each bracket with its own kind"),
    "attribution-misplaced": Rule("error", "an attribution (a bracket group with 牵头/负责) in a task heading",
                                  "put it after the sentences it covers, or break the line after it"),
    # a warning: documents print clarifying brackets inside sentences ((技工院校内由…部门负责)),
    # which credit nobody; the text stays in the task, as printed
    "attribution-in-sentence": Rule("warning", "a bracket group with 牵头/负责 inside a sentence of a task "
                                    "paragraph (neither after 。；： nor before 。；, a numbered item or the "
                                    "paragraph's end): read as ordinary text, it credits nobody",
                                    "if it is the task's attribution, put it after the sentences it covers "
                                    "or break the line after it; if it is the document's own parenthesis, "
                                    "leave it (this warning stays)"),
    "attribution-empty": Rule("error", "an attribution naming no agency (〔牵头〕)", "write the agencies"),
    "attribution-syntax": Rule("error", "an attribution with text the grammar cannot read (after its last "
                               "牵头/负责/配合/参与 clause, or a name holding such a word)",
                               "write it as CONTENT_FORMAT.md's forms (〔A、B牵头，C等按职责分工负责〕 …), or split "
                               "the paragraph"),
    "unknown-agency": Rule("error", "an agency name (attribution) or id (issuers, addressees) not in the "
                           "registry", "use a registered name/id (the closest are offered) or register it"),
    "uncovered-text": Rule("error", "text after a task's last attribution, covered by none",
                           "move the attribution to the end, or add one; a closing paragraph after the "
                           "last task goes in '::: closing'"),
    "task-without-attribution": Rule("warning", "a task without attribution in a plan whose other tasks "
                                     "have one (credited to the issuers)", "check the raw text for a lost group"),
    "attribution-outside-task": Rule("warning", "something that reads as an attribution outside a task "
                                     "paragraph (preamble, chapter intro, notice, annex)",
                                     "move it into its task, or ignore if it is plain text"),
    "unbalanced-brackets": Rule("warning", "unbalanced 〔〕（）()【】《》[] in a paragraph without attribution",
                                "check the raw text"),
    # references and dates
    "plan-id-filename": Rule("error", "a plan's id differs from its file name", "rename one"),
    "duplicate-plan-id": Rule("error", "two plans with the same id", "give each its own"),
    "unknown-source": Rule("error", "'source' names no file in content/sources/", "copy the raw text there"),
    "duplicate-source": Rule("warning", "two plans name the same raw source", "check 'source'"),
    "cleaning-line": Rule("warning", "a cleaning note cites 第N行 beyond the raw file's last line",
                          "cite the raw file's line numbers"),
    "plan-id-year": Rule("warning", "the year in the id differs from the date", "correct one"),
    "date-mismatch": Rule("warning", "the date disagrees with the doc_number year; the signature date (in "
                          "::: signature or ::: closing) disagrees with written, or with date when there is no "
                          "written; written is after date; or the signature date is impossible",
                          "check the dates against the document"),
    "unresolved-citation": Rule("warning", "a 《…》 title (after the plan's own 以下简称 aliases) that names no "
                                "plan of the corpus and is not listed in content/external-titles.txt",
                                "import that document, or list its title in content/external-titles.txt"),
    # text
    "raw-html": Rule("warning", "HTML-like text: a tag, comment, entity, javascript: URL or on…= handler",
                     "delete it if it is web residue; it is shown as typed, never run"),
    "template-syntax": Rule("warning", "{{, {% or {# in text", "delete it if it is web residue; shown as typed"),
    "invisible-char": Rule("warning", "zero-width, bidi or other invisible control characters",
                           "delete them; readers see them as [U+XXXX]"),
    "markdown-link": Rule("warning", "[text](url) in body text (there is no link syntax)",
                          "write the words only; agencies are linked automatically"),
    "marker-syntax": Rule("error", "a malformed -{…}- conversion marker", "write -{text}- or "
                          "-{zh-Hans:简;zh-Hant:繁}-"),
    "dictionary-entry": Rule("error", "a bad line in content/script/phrases.tsv (columns, kind, lengths, "
                             "duplicates, markup, quotes, backslash, control or invisible characters)", "fix the line as CONVERSION.md describes"),
    # post-build (policyref build)
    "broken-link": Rule("error", "a link, asset (css/js/img) or hreflang target of a built page does not "
                        "exist, is root-absolute or leaves the site", "fix the template or content behind it"),
    "broken-anchor": Rule("error", "a #fragment the target page has no id for", "link to an existing id"),
    "unsafe-url": Rule("error", "a javascript:, vbscript:, data: (non-image) or file: URL in a built page",
                       "never link such URLs"),
    "bad-alternate": Rule("error", "an hreflang link to a page of another language, or not reciprocal",
                          "point it at the same page in that script"),
    "text-lost": Rule("error", "a passage of a plan (title, heading, paragraph, attribution) is missing, "
                      "altered or out of order on its rendered page in a variant", "an internal error: report it"),
    "wrong-script": Rule("error", "a zh-Hant page shows a Simplified-only or OpenCC-standard-only form, or a "
                         "zh-Hans page a Traditional-only one — in its text, tooltips, JSON (Material's UI strings), "
                         "the JavaScript it loads or the variant's JSON (search index)", "fix the dictionary, a -{…}- marker or the "
                         "template; mark deliberate other-script text with lang=…"),
    "dictionary-script": Rule("error", "a line of content/script/phrases.tsv writes a character zh-Hant must "
                              "not show (a Simplified-only or non-Taiwan form that is not a Traditional form "
                              "of the character it replaces)", "write the Taiwan Traditional form"),
    "term-line": Rule("error", "a line of content/search/terms.txt or content/known-terms.txt that is not "
                      "one word (spaces, markup, quotes, invisible characters, over 40 characters)",
                      "one word per line; '#' starts a comment"),
}


def markdown_table() -> str:
    rows = ["| rule | severity | what triggers it | how to fix |", "|---|---|---|---|"]
    rows += [f"| `{rule}` | {r.severity} | {r.trigger} | {r.fix} |" for rule, r in RULES.items()]
    return "\n".join(rows)


if __name__ == "__main__":
    print(markdown_table())
