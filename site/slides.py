"""One reveal.js deck per notebook, from the committed cells and outputs (never executed).

Which cells become slides is the standard Jupyter cell metadata that JupyterLab's property inspector and
nbconvert's slides exporter use, ``"slideshow": {"slide_type": ...}``:

  slide     starts a new slide (left/right arrows)        subslide  starts a new slide below (up/down)
  fragment  appears on the next key press, same slide     skip      left out of the deck
  notes     speaker notes (press S)                        -         continues the current slide
A cell without the metadata starts a slide if it is markdown opening with a # or ## heading, and otherwise
continues the current slide.

Everything is local: reveal.js and MathJax are the copies scripts/site puts in target/site/_static (pinned in
site/package.json), so a deck works over file:// and offline. The text/html outputs (charts with alt text,
the γ explorer, the calculator form) are written as they are, so their scripts run in the slide.

Usage: python site/slides.py OUT_DIR NOTEBOOK...   (scripts/site runs it)
"""
import html
import json
import os
import sys

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import JavaLexer

STATIC = '../_static'


def _math(content, options):
    if options.get('display_mode'):
        return '<div class="math">\\[' + html.escape(content) + '\\]</div>'
    return '<span class="math">\\(' + html.escape(content) + '\\)</span>'


MD = MarkdownIt('commonmark', {'html': True}).enable('table').use(dollarmath_plugin, renderer=_math)
FORMATTER = HtmlFormatter(nowrap=False, cssclass='highlight')


def _text(value):
    return ''.join(value) if isinstance(value, list) else value


def render_output(out):
    kind = out.get('output_type')
    if kind == 'stream':
        return '<pre class="fl-stream">' + html.escape(_text(out.get('text', ''))) + '</pre>'
    if kind == 'error':
        return '<pre class="fl-error">' + html.escape(out.get('ename', '') + ': ' + out.get('evalue', '')) + '</pre>'
    data = out.get('data', {})
    if 'text/html' in data:
        return '<div class="fl-html">' + _text(data['text/html']) + '</div>'
    if 'image/svg+xml' in data:
        return '<div class="fl-html">' + _text(data['image/svg+xml']) + '</div>'
    if 'image/png' in data:
        alt = html.escape(_text(data.get('text/plain', 'chart')), quote=True)
        return f'<img src="data:image/png;base64,{_text(data["image/png"]).strip()}" alt="{alt}">'
    if 'text/markdown' in data:
        return MD.render(_text(data['text/markdown']))
    if 'text/plain' in data:
        return '<pre class="fl-stream">' + html.escape(_text(data['text/plain'])) + '</pre>'
    return ''


def merge_streams(outputs):
    """Consecutive prints to the same stream as one block, as JupyterLab shows them."""
    merged = []
    for out in outputs:
        if (out.get('output_type') == 'stream' and merged and merged[-1].get('output_type') == 'stream'
                and merged[-1].get('name') == out.get('name')):
            merged[-1] = dict(merged[-1], text=_text(merged[-1]['text']) + _text(out.get('text', '')))
        else:
            merged.append(out)
    return merged


def render_cell(cell):
    source = _text(cell.get('source', ''))
    if cell['cell_type'] == 'markdown':
        return '<div class="fl-md">' + MD.render(source) + '</div>'
    if cell['cell_type'] == 'code':
        parts = ['<div class="fl-code">' + highlight(source, JavaLexer(), FORMATTER) + '</div>'] if source.strip() else []
        parts += [render_output(o) for o in merge_streams(cell.get('outputs', []))]
        return '<div class="fl-cell">' + ''.join(parts) + '</div>'
    return ''


def default_kind(cell):
    """A cell without slideshow metadata: a markdown cell opening with a # or ## heading starts a slide, any
    other cell continues the current one (so a notebook without metadata still gives one slide per section)."""
    source = _text(cell.get('source', '')).lstrip()
    if cell['cell_type'] == 'markdown' and (source.startswith('# ') or source.startswith('## ')):
        return 'slide'
    return '-'


def deck(nb):
    """Groups the cells into [slide][subslide] -> list of html fragments, following the slideshow metadata."""
    slides = []
    for cell in nb['cells']:
        kind = cell.get('metadata', {}).get('slideshow', {}).get('slide_type') or default_kind(cell)
        if kind == 'skip':
            continue
        body = render_cell(cell)
        if kind == 'notes':
            body = '<aside class="notes">' + body + '</aside>'
        elif kind == 'fragment':
            body = '<div class="fragment">' + body + '</div>'
        if kind == 'slide' or not slides:
            slides.append([[body]])
        elif kind == 'subslide':
            slides[-1].append([body])
        else:
            slides[-1][-1].append(body)
    return slides


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — slides</title>
<link rel="icon" href="../favicon.ico">
<link rel="stylesheet" href="{static}/reveal/dist/reveal.css">
<link rel="stylesheet" href="{static}/reveal/dist/theme/white.css">
<link rel="stylesheet" href="{static}/slides.css">
<style>{pygments}</style>
<script>window.MathJax = {{ tex: {{ inlineMath: [['\\\\(', '\\\\)']], displayMath: [['\\\\[', '\\\\]']] }}, svg: {{ fontCache: 'global' }} }};</script>
<script defer src="{static}/mathjax/tex-svg-full.js"></script>
</head>
<body>
<div class="reveal"><div class="slides">
{sections}
</div></div>
<script src="{static}/reveal/dist/reveal.js"></script>
<script src="{static}/reveal/plugin/notes/notes.js"></script>
<script>Reveal.initialize({{ hash: true, width: 1280, height: 960, margin: 0.02, center: false, plugins: [RevealNotes] }});</script>
</body>
</html>
"""


def write_deck(path, out_dir):
    with open(path, encoding='utf-8') as f:
        nb = json.load(f)
    name = os.path.splitext(os.path.basename(path))[0]
    title = name
    for cell in nb['cells']:
        if cell['cell_type'] == 'markdown' and _text(cell['source']).startswith('# '):
            title = _text(cell['source']).splitlines()[0][2:].strip()
            break
    sections = []
    for slide in deck(nb):
        subs = ['<section>' + ''.join(sub) + '</section>' for sub in slide]
        sections.append(subs[0] if len(subs) == 1 else '<section>' + ''.join(subs) + '</section>')
    page = PAGE.format(title=html.escape(title), static=STATIC, pygments=FORMATTER.get_style_defs('.highlight'),
                       sections='\n'.join(sections))
    with open(os.path.join(out_dir, name + '.html'), 'w', encoding='utf-8') as f:
        f.write(page)
    return name, title, len(sections)


def main(out_dir, notebooks):
    os.makedirs(out_dir, exist_ok=True)
    items = [write_deck(p, out_dir) for p in sorted(notebooks)]
    links = ''.join(f'<li><a href="{n}.html">{html.escape(t)}</a> ({k} slides)</li>' for n, t, k in items)
    with open(os.path.join(out_dir, 'index.html'), 'w', encoding='utf-8') as f:
        f.write('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Slides — focal loss in Java</title><link rel="icon" href="../favicon.ico">'
                f'<link rel="stylesheet" href="{STATIC}/slides.css"></head><body class="fl-slide-index"><main>'
                '<h1>Slides, one deck per chapter</h1><p>Arrow keys move between slides, S opens the speaker '
                'notes, Esc the overview. Which cells are slides is set by each cell\'s <code>slideshow</code> '
                'metadata (see the guide page For instructors).</p>'
                f'<ul>{links}</ul><p><a href="../index.html">Back to the course</a></p></main></body></html>')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2:])
