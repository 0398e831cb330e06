"""Publishing: the site as a static bundle, and the editor's preview of one article.

- `publisher`: the service (`workspace.publisher`): preview API and `export()`.
- `markdown`: article Markdown to sanitised HTML (side-note boxes, captioned figures).
- `theme`: Jinja2 templates, static files and labels; a user folder overrides them.
- `context`: the site indexed for pages (URLs, related news, hot ranking, fingerprints).
- `render`: article, section list, home, static and 404 pages.
- `feeds`: RSS 2.0, sitemap.xml, robots.txt.
- `plan`: every output with the fingerprint of its inputs.
- `worker`: rendering batches, in this process or in a spawn process pool.
- `bundle`: staging folder, atomic commit, manifest, zips.
- `export`: one export run from plan to commit.
"""
