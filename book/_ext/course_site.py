"""Small Sphinx fixes for the course site.

sphinx-thebe registers its configuration script on every ``env-before-read-docs`` event, so
an incremental rebuild emits ``const THEBE_JS_URL`` twice and the browser reports
"Identifier 'THEBE_JS_URL' has already been declared". We drop repeated script entries
from each page's context.
"""

from __future__ import annotations


def _unique_scripts(app, pagename, templatename, context, doctree) -> None:
    seen, unique = set(), []
    for script in context.get("script_files", []):
        # the repeats differ only in filename None vs "": compare what the tag would say
        attributes = getattr(script, "attributes", {})
        key = (getattr(script, "filename", script) or "", tuple(sorted(attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app):
    app.connect("html-page-context", _unique_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

