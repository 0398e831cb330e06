"""The theme: nothing hard-coded, strict templates, a user folder that overrides files."""

from __future__ import annotations

import re

import pytest
from jinja2 import UndefinedError

from editor.publish.theme import builtin_theme_dir, load_theme

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


def test_templates_hold_no_site_text():
    """Every value, and every label, comes from data (site settings, theme.json labels)."""
    templates = list((builtin_theme_dir() / "templates").rglob("*.html"))
    assert len(templates) >= 6
    for path in templates:
        text = path.read_text(encoding="utf-8")
        assert not CJK.search(text), path
        for value in ("sccsbbs", "Sccsbbs", "ICP", "2006", "499109669", "beian"):
            assert value not in text, (path, value)


def test_environment_is_strict_and_autoescaping():
    theme = load_theme("")
    with pytest.raises(UndefinedError):
        theme.env.from_string("{{ missing }}").render()
    assert theme.env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_user_folder_overrides_templates_static_files_and_labels(demo_workspace, tmp_path):
    user = tmp_path / "mytheme"
    (user / "templates").mkdir(parents=True)
    (user / "static" / "css").mkdir(parents=True)
    (user / "templates" / "404.html").write_text(
        '{% extends "base.html" %}{% block main %}<p class="custom">{{ labels.not_found }}'
        "</p>{% endblock %}",
        encoding="utf-8",
    )
    (user / "static" / "css" / "portal.css").write_text("body { color: #123456; }")
    (user / "theme.json").write_text('{"labels": {"not_found": "Nothing here"}}')
    with demo_workspace.edit():
        demo_workspace.site.update(templates_dir=str(user))
    out = tmp_path / "site"
    demo_workspace.publisher.export(out, workers=1)
    page = (out / "404.html").read_text(encoding="utf-8")
    assert '<p class="custom">Nothing here</p>' in page
    assert (out / "static" / "css" / "portal.css").read_text() == "body { color: #123456; }"
    assert (out / "static" / "js" / "portal.js").is_file()  # not overridden: built-in
    # the article pages still use the built-in article template
    assert "article-title" in next(out.rglob("2*/*/*.html")).read_text(encoding="utf-8")


def test_missing_user_folder_is_a_clear_error(demo_workspace, tmp_path):
    from editor.errors import NewsdeskError

    with demo_workspace.edit():
        demo_workspace.site.update(templates_dir=str(tmp_path / "nowhere"))
    with pytest.raises(NewsdeskError, match="templates folder"):
        demo_workspace.publisher.export(tmp_path / "site", workers=1)


def test_portal_environment_looks_up_names_as_jinja_does():
    from jinja2 import Environment, StrictUndefined

    from editor.publish.theme import PortalEnvironment

    class Card:
        title = "属性标题"

    values = {
        "page": {"title": "标题", "items": "键", "keys": 1, "": "空"},
        "card": Card(),
        "rows": [{"name": "甲"}, {"name": "乙"}],
    }
    sources = [
        "{{ page.title }}|{{ page['items'] }}|{{ page.keys is callable }}",
        "{{ page.items() | list | length }}|{{ card.title }}|{{ page.get('title') }}",
        "{% for row in rows %}{{ row.name }}{% endfor %}|{{ rows | map(attribute='name') | join }}",
        "{{ page.title.upper() }}|{{ page.__class__.__name__ }}|{{ page | length }}",
    ]
    for source in sources:
        plain = Environment(undefined=StrictUndefined, autoescape=True).from_string(source)
        portal = PortalEnvironment(undefined=StrictUndefined, autoescape=True).from_string(source)
        assert portal.render(values) == plain.render(values)
    for source in ["{{ page.missing }}", "{{ rows.name }}", "{{ card.missing }}"]:
        errors = []
        for env in (Environment, PortalEnvironment):
            with pytest.raises(UndefinedError) as caught:
                env(undefined=StrictUndefined).from_string(source).render(values)
            errors.append(str(caught.value))
        assert errors[0] == errors[1]


def test_a_replaced_partial_renders_with_each_pages_own_values(demo_workspace, tmp_path):
    """The built-in breadcrumb and partner block render once per section; a site's own
    partial may show anything of the page (here the article title) and renders per page."""
    user = tmp_path / "theme"
    (user / "templates" / "partials").mkdir(parents=True)
    (user / "templates" / "partials" / "breadcrumb.html").write_text(
        '<nav class="own-crumbs">{% for crumb in crumbs %}{{ crumb.name }}/{% endfor %}'
        "{% if article is defined %}{{ article.title }}{% elif section is defined %}"
        "{{ section.name }}"
        "{% endif %}</nav>\n",
        encoding="utf-8",
    )
    with demo_workspace.edit():
        demo_workspace.site.update(templates_dir=str(user))
    out = tmp_path / "site"
    demo_workspace.publisher.export(out, workers=1)
    pages = [p for p in out.rglob("*.html") if p.stem.isdigit() and p.parent != out]
    assert len(pages) >= 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = re.search(r"<h1 class=\"article-title\">(.*?)</h1>", html)
        assert found, page
        title = found.group(1)
        assert re.search(rf'<nav class="own-crumbs">[^<]*/{re.escape(title)}</nav>', html)
        assert 'class="breadcrumb"' not in html
    (listing,) = [p for p in out.glob("*/index.html") if "section-title" in p.read_text()][:1]
    section = re.search(r'<h1 class="section-title">(.*?)</h1>', listing.read_text()).group(1)
    assert f"/{section}</nav>" in listing.read_text(encoding="utf-8")
