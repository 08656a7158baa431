# Sphinx configuration of the course site (scripts/site copies this file, site/index.md, site/_static,
# notebooks/ and docs/ into target/site-src/ with the repository's layout, then runs sphinx-build into
# target/site/). Chosen by measurement (see site/README.md): MyST-NB renders the committed outputs of the Java
# kernel's notebooks without executing them, and keeps their text/html outputs (charts with alt text, the γ
# explorer, the calculator form) as raw HTML, so their <script> runs on the page; the Sphinx search index is
# a script (searchindex.js), so search works over file://; MathJax 3 is bundled (SVG output: no web fonts).
import os

project = 'focal-loss'
author = 'The focal-loss authors'
copyright = 'the focal-loss authors, MIT License'
html_title = 'Focal loss in Java'

REPO = 'focalloss/focal-loss'
BINDER = 'https://mybinder.org/v2/gh/' + REPO + '/HEAD?urlpath=lab/tree/'

extensions = ['myst_nb', 'sphinx_copybutton']
root_doc = 'index'
exclude_patterns = ['_build', '**/.ipynb_checkpoints', 'slides', 'api']
# The outputs are the committed, tested ones (src/test/notebooks/run_notebooks.py fails on stale outputs):
# the site never runs a notebook.
nb_execution_mode = 'off'
nb_merge_streams = True
myst_enable_extensions = ['dollarmath', 'amsmath', 'colon_fence', 'deflist']
myst_heading_anchors = 3
suppress_warnings = ['myst.header', 'misc.highlighting_failure']

# Bundled MathJax 3 (mathjax npm package, pinned in site/package.json), SVG output so no font is fetched.
mathjax_path = 'mathjax/tex-svg-full.js'

html_theme = 'sphinx_book_theme'
html_static_path = ['_static']
html_css_files = ['site.css']
html_js_files = ['site.js']
html_favicon = '_static/favicon.png'
# Search result excerpts are fetched from the result pages, which a browser refuses over file://: titles only.
html_show_search_summary = False
html_context = {'default_mode': 'auto'}
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    'repository_url': 'https://github.com/' + REPO,
    'use_repository_button': True,
    'use_download_button': False,
    'use_fullscreen_button': False,
    'show_toc_level': 2,
    'navigation_with_keys': False,
    'home_page_in_toc': True,
}
copybutton_selector = 'div.highlight pre'
copybutton_exclude = '.linenos, .gp, .go'


def _chapter_links(app, pagename, templatename, context, doctree):
    """Puts "Run this chapter on Binder" (and the chapter's slides) at the top of every notebook page."""
    if not pagename.startswith('notebooks/') or 'body' not in context:
        return
    name = pagename.split('/', 1)[1]
    binder = BINDER + 'notebooks/' + name + '.ipynb'
    slides = '../slides/' + name + '.html'
    bar = ('<p class="fl-chapter-links">'
           f'<a class="fl-binder" href="{binder}">Run this chapter on Binder</a>'
           f' · <a class="fl-slides" href="{slides}">Slides of this chapter</a>'
           f' · <a href="https://github.com/{REPO}/blob/main/notebooks/{name}.ipynb">Notebook on GitHub</a></p>')
    context['body'] = bar + context['body']


def setup(app):
    app.connect('html-page-context', _chapter_links)
    return {'parallel_read_safe': True}
