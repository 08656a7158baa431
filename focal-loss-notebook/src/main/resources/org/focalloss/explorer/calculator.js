/*
 * Softmax focal-loss calculator: a form (logits, true class, γ, α) whose results update as you type.
 * Self-contained (no network). Its arithmetic, its messages and every text it prints follow the Java
 * library to the letter (org.focalloss.core.Calculator, CalculatorResult, SoftmaxFocalLoss, Check, Fmt;
 * org.focalloss.explorer.CalculatorWidget renders the form and the same markup for the start), and the
 * browser test compares them on the worked examples and on hundreds of random cases.
 * Number formatting and the headline come from explorer.js, which the fragment loads first.
 * The same file runs in a page (it mounts the calculator it sits in) and in Node (module.exports).
 */
(function (global) {
  'use strict';

  var fx = typeof module === 'object' && module.exports ? require('./explorer.js') : global.FocalLossExplorer;

  // ------------------------------------------------------------------ text, as the Java library prints it

  /** Double.toString: shortest round-trip digits, "0.25", "2.0", "1.0E-5", "NaN", "Infinity". */
  function javaDouble(x) {
    if (x !== x) {
      return 'NaN';
    }
    if (x === Infinity || x === -Infinity) {
      return x > 0 ? 'Infinity' : '-Infinity';
    }
    if (x === 0) {
      return 1 / x < 0 ? '-0.0' : '0.0';
    }
    var sign = x < 0 ? '-' : '';
    var d = decimalDigits(Math.abs(x));
    var a = Math.abs(x);
    if (a >= 1e-3 && a < 1e7) {
      var p = plainParts(d.digits, d.exponent);
      return sign + p.integer + '.' + (p.fraction || '0');
    }
    return sign + d.digits.charAt(0) + '.' + (d.digits.slice(1) || '0') + 'E' + d.exponent;
  }

  /** The shortest round-trip digits of a positive finite x and its decimal exponent: 0.0725 → "725", -2. */
  function decimalDigits(a) {
    var s = a.toExponential();
    // Java prints at least two significant digits and, for those, the closest decimal: 4.9E-324, not 5e-324
    // (this differs from the shortest digits only for a few subnormal numbers).
    if (s.indexOf('.') < 0 && Number(a.toExponential(1)) === a) {
      s = a.toExponential(1);
    }
    var m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
    return { digits: (m[1] + (m[2] || '')).replace(/0+$/, '') || '0', exponent: +m[3] };
  }

  function plainParts(digits, exponent) {
    if (exponent >= 0) {
      var padded = digits.length > exponent + 1 ? digits : digits + repeat('0', exponent + 1 - digits.length);
      return { integer: padded.slice(0, exponent + 1), fraction: padded.slice(exponent + 1) };
    }
    return { integer: '0', fraction: repeat('0', -exponent - 1) + digits };
  }

  function repeat(s, n) {
    var out = '';
    for (var i = 0; i < n; i++) {
      out += s;
    }
    return out;
  }

  /** BigDecimal.valueOf(x).stripTrailingZeros().toPlainString(): how toText() prints a logit. */
  function shortest(x) {
    if (x === 0) {
      return '0';
    }
    var d = decimalDigits(Math.abs(x));
    var p = plainParts(d.digits, d.exponent);
    return (x < 0 ? '-' : '') + p.integer + (p.fraction ? '.' + p.fraction : '');
  }

  /** Fmt.full: the CSV's full precision, without "-0.0". */
  function full(x) {
    return javaDouble(x === 0 ? 0 : x);
  }

  /** Fmt.value: six decimals in [0.001, 10^6), four-decimal scientific otherwise, "0" for zero. */
  function value(x) {
    if (x === 0) {
      return '0';
    }
    var a = Math.abs(x);
    return a >= 0.001 && a < 1e6 ? fx.fixed(x, 6) : fx.exponential(x, 4);
  }

  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function padEnd(s, n) {
    return s.length >= n ? s : s + repeat(' ', n - s.length);
  }

  function padStart(s, n) {
    return s.length >= n ? s : repeat(' ', n - s.length) + s;
  }

  // ------------------------------------------------------------------ parsing, with the library's messages

  /** Thrown for bad input; field is "logits", "target", "gamma" or "alpha". */
  function InvalidInput(field, message) {
    this.field = field;
    this.message = message;
  }

  // String.strip(): Character.isWhitespace, which (unlike JavaScript's trim) leaves no-break spaces alone.
  var STRIP = /^[\t\n\u000b\f\r\u001c-\u001f \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]+|[\t\n\u000b\f\r\u001c-\u001f \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]+$/g;
  var DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
  var INDEX = /^[+-]?\d+$/;
  var SPACES = /[ \t\n\u000b\f\r]+/;   // Java's \s+
  var EMPTY_LOGITS = 'logits are empty: give numbers separated by commas, e.g. "1.5, -0.8, 0.2"';

  function strip(s) {
    return String(s).replace(STRIP, '');
  }

  // Check.MINUS_LOOKALIKES: read as a minus sign
  var MINUS_LOOKALIKES = /[\u2212\u2010\u2011\u2012\u2013\ufe63\uff0d]/g;
  var EXCERPT_LENGTH = 40;   // Check.EXCERPT_LENGTH

  /** Check.excerpt: quoted, control characters as \\uXXXX, cut after 40 characters with the full length. */
  function excerpt(text) {
    var s = text == null ? '' : String(text);
    var n = s.length;
    var cut = Math.min(n, EXCERPT_LENGTH);
    if (cut < n) {
      var last = s.charCodeAt(cut - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        cut--;
      }
    }
    var b = '"';
    for (var i = 0; i < cut; i++) {
      var c = s.charCodeAt(i);
      if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) {
        b += '\\u' + ('000' + c.toString(16)).slice(-4);
      } else {
        b += s.charAt(i);
      }
    }
    return b + (cut < n ? '\u2026" (' + n + ' characters)' : '"');
  }

  /** Check.number: a finite decimal number, or the one-line message naming it. */
  function parseNumber(field, name, text) {
    var raw = strip(text == null ? '' : text);
    var t = raw.replace(MINUS_LOOKALIKES, '-');
    if (t.indexOf('\ufffd') >= 0) {
      throw new InvalidInput(field, name + ' = ' + excerpt(raw) + ' contains a character that could not be' +
        ' decoded (shown as \ufffd): the text was not in the expected encoding; type an ASCII minus \'-\' or' +
        ' use UTF-8 (e.g. LANG=C.UTF-8)');
    }
    if (!DECIMAL.test(t)) {
      throw new InvalidInput(field, name + ' = ' + excerpt(raw) + ' is not a number (expected e.g. 1.5 or -0.8)');
    }
    var v = Number(t);
    if (!isFinite(v)) {
      throw new InvalidInput(field, name + ' = ' + excerpt(t) + ' is too large: numbers must lie within' +
        ' \u00b11.8e308 (Double.MAX_VALUE)');
    }
    return v;
  }

  /** Calculator.parseLogits: fields split at , or ;, an empty field named, numbers within a field split at spaces. */
  function parseLogits(text) {
    var original = strip(text == null ? '' : text);
    var s = original;
    if (s.charAt(0) === '[' && s.charAt(s.length - 1) === ']' && s.length >= 2) {
      s = strip(s.slice(1, -1));
    }
    if (!s || !strip(s.replace(/[,;]/g, ''))) {
      throw new InvalidInput('logits', EMPTY_LOGITS);
    }
    var values = [];
    s.split(/[,;]/).forEach(function (field) {
      var f = strip(field);
      if (!f) {
        throw new InvalidInput('logits', 'logit ' + (values.length + 1) + ' is empty in ' + excerpt(original) +
          ': remove the extra comma or put a number there');
      }
      f.split(SPACES).forEach(function (token) {
        values.push(parseNumber('logits', 'logit ' + (values.length + 1), token));
      });
    });
    return values;
  }

  function classIndexMessage(name, index, classes) {
    return name + ' = ' + index + ' is out of range [0, ' + (classes - 1) + '] for ' + classes +
      (classes === 1 ? ' class' : ' classes');
  }

  /** Calculator.parseTarget; with classes unknown (the logits are bad) only the form is checked. */
  function parseTarget(text, classes) {
    var raw = strip(text == null ? '' : text);
    var t = raw.replace(/\u2212/g, '-');
    if (!INDEX.test(t)) {
      throw new InvalidInput('target', 'target = "' + raw +
        '" is not a class index (expected a whole number such as 0 or 1)');
    }
    var v = BigInt(t);
    if (classes != null && (v < BigInt(0) || v >= BigInt(classes))) {
      throw new InvalidInput('target', classIndexMessage('target', v.toString(), classes));
    }
    return Number(v);
  }

  /** Check.gamma(Check.number("gamma", text)). */
  function parseGamma(text) {
    var g = parseNumber('gamma', 'gamma', text);
    if (!(g >= 0)) {
      throw new InvalidInput('gamma', 'gamma = ' + javaDouble(g) + ' is out of range [0, \u221e)');
    }
    return g;
  }

  /** Check.alpha(Check.number("alpha", text)). */
  function parseAlpha(text) {
    var a = parseNumber('alpha', 'alpha', text);
    if (!(a >= 0 && a <= 1)) {
      throw new InvalidInput('alpha', 'alpha = ' + javaDouble(a) + ' is out of range [0, 1]');
    }
    return a;
  }

  /**
   * Reads the four fields; returns {input: {...}} or {errors: {field: message}} with one message per bad
   * field (the target's range is checked only when the logits are good).
   */
  function read(fields) {
    var errors = {};
    var input = {};
    function attempt(field, f) {
      try {
        input[field] = f();
      } catch (e) {
        if (!(e instanceof InvalidInput)) {
          throw e;
        }
        errors[e.field] = e.message;
      }
    }
    attempt('logits', function () { return parseLogits(fields.logits); });
    attempt('target', function () { return parseTarget(fields.target, input.logits ? input.logits.length : null); });
    attempt('gamma', function () { return parseGamma(fields.gamma); });
    attempt('alpha', function () { return parseAlpha(fields.alpha); });
    return Object.keys(errors).length ? { errors: errors } : { input: input };
  }

  // ------------------------------------------------------------------ arithmetic (SoftmaxFocalLoss.evaluateInto)

  /**
   * Softmax focal loss with every intermediate, in the same operations and order as the Java library:
   * log p_t from a log-sum-exp shifted by the largest logit (log1p when the true class holds it), 1 − p_t
   * in log space from the other classes' own log-sum-exp, the modulator as exp(γ·log(1 − p_t)).
   */
  function evaluate(z, target, gamma, alpha) {
    var c = z.length;
    var max = -Infinity;
    var maxOther = -Infinity;
    var j;
    for (j = 0; j < c; j++) {
      max = Math.max(max, z[j]);
      if (j !== target) {
        maxOther = Math.max(maxOther, z[j]);
      }
    }
    var e = new Array(c);
    var sumOther = 0;
    var sumOtherOwn = 0;
    for (j = 0; j < c; j++) {
      e[j] = Math.exp(z[j] - max);
      if (j !== target) {
        sumOther += e[j];
        sumOtherOwn += Math.exp(z[j] - maxOther);
      }
    }
    var zt = z[target];
    var sum = sumOther + e[target];
    var logSum = zt === max ? Math.log1p(sumOther) : Math.log(sum);
    var logPt = (zt - max) - logSum;
    var logQ = c === 1 ? -Infinity : (maxOther - max) + Math.log(sumOtherOwn) - logSum;
    var pt = Math.exp(logPt);
    var ce = -logPt;
    var modulator = gamma === 0 ? 1.0 : Math.exp(gamma * logQ);
    var p = new Array(c);
    var q = 0;   // 1 − p_t as the sum of the other probabilities (CalculatorResult.oneMinusPt)
    for (j = 0; j < c; j++) {
      p[j] = e[j] / sum;
    }
    for (j = 0; j < c; j++) {
      if (j !== target) {
        q += p[j];
      }
    }
    var loss = alpha * modulator * ce;
    return {
      logits: z.slice(), target: target, gamma: gamma, alpha: alpha, probabilities: p, pt: pt,
      oneMinusPt: q, crossEntropy: ce, modulator: modulator, loss: loss,
      suppression: 1 / (alpha * modulator)   // CalculatorResult.suppression(): α included, defined at p_t = 0 and 1
    };
  }

  function calculate(fields) {
    var r = read(fields);
    return r.errors ? r : { result: evaluate(r.input.logits, r.input.target, r.input.gamma, r.input.alpha) };
  }

  // ------------------------------------------------------------------ the three copy formats (CalculatorResult)

  function suppressionCell(r) {
    // Headline.ratioText
    return r.suppression === Infinity ? '\u221e' : fx.suppressionText(r.suppression) + '\u00d7';
  }

  function quantities(r) {
    return [
      ['p_t', value(r.pt)],
      ['CE = \u2212log p_t', value(r.crossEntropy)],
      ['modulator (1 \u2212 p_t)^\u03b3', value(r.modulator)],
      ['FL = \u03b1\u00b7(1 \u2212 p_t)^\u03b3\u00b7CE', value(r.loss)],
      ['CE / FL = 1 / (\u03b1\u00b7(1 \u2212 p_t)^\u03b3)', suppressionCell(r)]
    ];
  }

  /** CalculatorResult.toText(). */
  function toText(r) {
    var b = 'Softmax focal loss: \u03b3 = ' + fx.trimmed(r.gamma, 6) + ', \u03b1 = ' + fx.trimmed(r.alpha, 6) +
      ', true class ' + r.target + '\n';
    b += padEnd('class', 7) + ' ' + padStart('logit', 12) + ' ' + padStart('softmax p', 12) + '\n';
    for (var j = 0; j < r.logits.length; j++) {
      b += padEnd(j === r.target ? j + ' *' : String(j), 7) + ' ' + padStart(shortest(r.logits[j]), 12) + ' ' +
        padStart(value(r.probabilities[j]), 12) + '\n';
    }
    quantities(r).forEach(function (row) {
      b += padEnd(row[0], 30) + ' ' + row[1] + '\n';   // %-30s %s
    });
    return b;
  }

  /** CalculatorResult.toMarkdown(). */
  function toMarkdown(r) {
    var b = '| class | logit | softmax p |\n|---:|---:|---:|\n';
    for (var j = 0; j < r.logits.length; j++) {
      var cls = j === r.target ? '**' + j + ' (true)**' : String(j);
      b += '| ' + cls + ' | ' + shortest(r.logits[j]) + ' | ' + value(r.probabilities[j]) + ' |\n';
    }
    b += '\n| quantity | value |\n|---|---:|\n';
    quantities(r).forEach(function (row) {
      b += '| ' + row[0] + ' | ' + row[1] + ' |\n';
    });
    return b;
  }

  /** CalculatorResult.toCsv(). */
  function toCsv(r) {
    var b = 'quantity,value\n';
    var j;
    for (j = 0; j < r.logits.length; j++) {
      b += 'logit_' + j + ',' + full(r.logits[j]) + '\n';
    }
    for (j = 0; j < r.probabilities.length; j++) {
      b += 'p_' + j + ',' + full(r.probabilities[j]) + '\n';
    }
    b += 'target,' + r.target + '\n' + 'gamma,' + full(r.gamma) + '\n' + 'alpha,' + full(r.alpha) + '\n' +
      'p_t,' + full(r.pt) + '\n' + 'ce,' + full(r.crossEntropy) + '\n' + 'modulator,' + full(r.modulator) + '\n' +
      'fl,' + full(r.loss) + '\n' + 'ce_over_fl,' + full(r.suppression) + '\n';
    return b;
  }

  function headline(r) {
    return fx.headline(r.gamma, r.pt, r.alpha);
  }

  // ------------------------------------------------------------------ markup (CalculatorWidget renders the same)

  /** The step-by-step rows: [key, quantity, how it is computed, displayed value]. */
  function steps(r) {
    return [
      ['pt', 'p_t', 'softmax(z) of the true class', value(r.pt)],
      ['q', '1 \u2212 p_t', 'sum of the other classes\u2019 p_j', value(r.oneMinusPt)],
      ['modulator', '(1 \u2212 p_t)^\u03b3', 'modulating factor', value(r.modulator)],
      ['ce', '\u2212log p_t', 'cross-entropy CE', value(r.crossEntropy)],
      ['fl', 'FL', '\u03b1 \u00b7 (1 \u2212 p_t)^\u03b3 \u00b7 (\u2212log p_t)', value(r.loss)],
      ['ratio', 'CE / FL', 'how much smaller FL is than CE', suppressionCell(r)]
    ];
  }

  function stepsHtml(r) {
    var h = '<table class="flc-steps"><caption>Step by step: \u03b3 = ' + escape(fx.trimmed(r.gamma, 6)) +
      ', \u03b1 = ' + escape(fx.trimmed(r.alpha, 6)) + ', true class ' + r.target + '</caption>' +
      '<thead><tr><th scope="col">quantity</th><th scope="col">computed as</th><th scope="col">value</th></tr></thead><tbody>';
    steps(r).forEach(function (s) {
      h += '<tr data-q="' + s[0] + '"' + (s[0] === 'fl' ? ' style="font-weight: bold"' : '') + '><th scope="row">' + escape(s[1]) + '</th><td>' + escape(s[2]) +
        '</td><td class="flc-num" style="text-align: right">' + escape(s[3]) + '</td></tr>';
    });
    return h + '</tbody></table>';
  }

  function classesHtml(r) {
    var h = '<table class="flc-classes-table"><caption>Softmax probabilities (' + r.logits.length +
      (r.logits.length === 1 ? ' class' : ' classes') + ')</caption><thead><tr><th scope="col">class</th>' +
      '<th scope="col">logit</th><th scope="col">softmax p</th></tr></thead><tbody>';
    for (var j = 0; j < r.logits.length; j++) {
      var t = j === r.target;
      h += '<tr' + (t ? ' class="flc-true" style="font-weight: bold"' : '') + '><th scope="row">' + j + (t ? ' (true)' : '') +
        '</th><td class="flc-num" style="text-align: right">' + escape(shortest(r.logits[j])) + '</td><td class="flc-num" style="text-align: right">' +
        escape(value(r.probabilities[j])) + '</td></tr>';
    }
    return h + '</tbody></table>';
  }

  // Chart geometry, in SVG user units (CalculatorWidget uses the same numbers).
  var W = 640;
  var H = 262;
  var LEFT = 52;
  var TOP = 52;
  var PW = 568;
  var PH = 160;

  function tickStep(c) {
    var steps = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000];
    for (var i = 0; i < steps.length; i++) {
      if (c / steps[i] <= 20) {
        return steps[i];
      }
    }
    return Math.ceil(c / 20);
  }

  function chartDescription(r) {
    return 'Bar chart of the softmax probabilities of ' + r.logits.length +
      (r.logits.length === 1 ? ' class' : ' classes') + '; the true class ' + r.target + ' is marked, p_t = ' +
      value(r.pt) + '.';
  }

  /** The probability bar chart as a standalone SVG document (styled by attributes, so it also works as an image). */
  function chartSvg(r) {
    var c = r.logits.length;
    var slot = PW / c;
    var barW = c <= 40 ? slot * 0.7 : slot;
    var s = '<svg xmlns="http://www.w3.org/2000/svg" class="flc-chart" viewBox="0 0 ' + W + ' ' + H + '" width="' +
      W + '" height="' + H + '" font-family="DejaVu Sans, Verdana, sans-serif" font-size="12" role="img" aria-label="' +
      escape(chartDescription(r)) + '">';
    s += '<rect width="' + W + '" height="' + H + '" fill="#ffffff"/>';
    s += '<text x="' + LEFT + '" y="18" font-size="14" font-weight="bold" fill="#222222">Softmax probabilities</text>';
    for (var k = 0; k <= 4; k++) {
      var y = TOP + PH * (1 - k / 4);
      s += '<line x1="' + LEFT + '" x2="' + (LEFT + PW) + '" y1="' + fx.fixed(y, 1) + '" y2="' + fx.fixed(y, 1) +
        '" stroke="#dddddd" stroke-width="0.5"/><text x="' + (LEFT - 6) + '" y="' + fx.fixed(y + 4, 1) +
        '" text-anchor="end" fill="#222222">' + fx.trimmed(k / 4, 2) + '</text>';
    }
    var every = tickStep(c);
    for (var j = 0; j < c; j++) {
      var x = LEFT + j * slot + (slot - barW) / 2;
      var h = r.probabilities[j] * PH;
      var t = j === r.target;
      s += '<rect class="flc-bar' + (t ? ' flc-bar-true' : '') + '" data-class="' + j + '" x="' + fx.fixed(x, 2) +
        '" y="' + fx.fixed(TOP + PH - h, 2) + '" width="' + fx.fixed(barW, 2) + '" height="' + fx.fixed(h, 2) +
        '" fill="' + (t ? '#D55E00' : '#0072B2') + '"/>';
      if (j % every === 0 || t) {
        s += '<text x="' + fx.fixed(LEFT + (j + 0.5) * slot, 2) + '" y="' + (TOP + PH + 16) +
          '" text-anchor="middle" fill="' + (t ? '#A63F00' : '#222222') + '"' + (t ? ' font-weight="bold"' : '') +
          '>' + j + '</text>';
      }
    }
    s += '<path d="M' + LEFT + ' ' + TOP + 'V' + (TOP + PH) + 'H' + (LEFT + PW) + '" stroke="#666666" fill="none"/>';
    s += '<text x="' + (LEFT + PW / 2) + '" y="' + (H - 8) + '" text-anchor="middle" fill="#222222">class</text>';
    // The true class: a marker and its p_t above the bar, so it is not told by colour alone.
    var mx = LEFT + (r.target + 0.5) * slot;
    var my = TOP + PH - r.probabilities[r.target] * PH - 6;
    var anchor = mx < LEFT + 60 ? 'start' : mx > LEFT + PW - 60 ? 'end' : 'middle';
    s += '<path class="flc-marker" d="M' + fx.fixed(mx - 5, 2) + ' ' + fx.fixed(my - 7, 2) + 'L' + fx.fixed(mx + 5, 2) +
      ' ' + fx.fixed(my - 7, 2) + 'L' + fx.fixed(mx, 2) + ' ' + fx.fixed(my, 2) + 'Z" fill="#A63F00"/>';
    s += '<text class="flc-marker-label" x="' + fx.fixed(mx, 2) + '" y="' + fx.fixed(my - 13, 2) + '" text-anchor="' +
      anchor + '" fill="#A63F00" font-weight="bold">true class ' + r.target + ': p_t = ' + escape(value(r.pt)) +
      '</text>';
    return s + '</svg>';
  }

  // ------------------------------------------------------------------ the widget

  var FIELDS = ['logits', 'target', 'gamma', 'alpha'];

  function uniqueId(root) {
    // Ids are deterministic (committed notebook outputs do not churn); make this one unique in the document.
    var doc = root.ownerDocument;
    if (doc.querySelectorAll('[id="' + root.id + '"]').length <= 1) {
      return;
    }
    var n = 2;
    while (doc.getElementById(root.id + '-' + n)) {
      n++;
    }
    var old = root.id;
    root.id = old + '-' + n;
    function rename(v) {
      return v.split(' ').map(function (x) { return x.indexOf(old + '-') === 0 ? root.id + x.slice(old.length) : x; })
        .join(' ');
    }
    root.querySelectorAll('[id]').forEach(function (el) { el.id = rename(el.id); });
    root.querySelectorAll('[for],[aria-describedby],[aria-labelledby]').forEach(function (el) {
      ['for', 'aria-describedby', 'aria-labelledby'].forEach(function (attr) {
        if (el.getAttribute(attr)) {
          el.setAttribute(attr, rename(el.getAttribute(attr)));
        }
      });
    });
  }

  function mount(root) {
    if (!root || root.getAttribute('data-mounted') === 'true') {
      return null;
    }
    uniqueId(root);
    var doc = root.ownerDocument;
    var id = root.id;
    var start = {};
    FIELDS.forEach(function (f) { start[f] = root.getAttribute('data-' + f) || ''; });

    var form = root.querySelector('.flc-form');
    var status = root.querySelector('.flc-status');
    var summary = root.querySelector('.flc-summary');
    var stepsBox = root.querySelector('.flc-steps-box');
    var chartBox = root.querySelector('.flc-chart-box');
    var classesBox = root.querySelector('.flc-classes');
    var inputs = {};
    FIELDS.forEach(function (f) { inputs[f] = form.querySelector('[name="' + f + '"]'); });
    var current = null;   // the last valid result
    var errors = {};

    function fields() {
      var v = {};
      FIELDS.forEach(function (f) { v[f] = inputs[f].value; });
      return v;
    }

    function render(r) {
      stepsBox.innerHTML = stepsHtml(r);
      chartBox.innerHTML = chartSvg(r);
      classesBox.innerHTML = classesHtml(r);
      summary.textContent = 'FL = ' + value(r.loss) + '. ' + headline(r);
    }

    function update() {
      var out = calculate(fields());
      errors = out.errors || {};
      FIELDS.forEach(function (f) {
        var msg = doc.getElementById(inputs[f].id + '-msg');
        if (errors[f]) {
          inputs[f].setAttribute('aria-invalid', 'true');
          msg.textContent = errors[f];
        } else {
          inputs[f].removeAttribute('aria-invalid');
          msg.textContent = '';
        }
      });
      var messages = FIELDS.filter(function (f) { return errors[f]; }).map(function (f) { return errors[f]; });
      root.classList.toggle('flc-invalid', messages.length > 0);
      if (messages.length) {
        status.textContent = 'Not calculated: ' + messages.join('; ') + '.';
        return null;
      }
      status.textContent = '';
      current = out.result;
      render(current);
      return current;
    }

    function say(text) {
      // The same text twice in a row is not announced again; a zero-width difference makes it new.
      status.textContent = status.textContent === text ? text + '\u200b' : text;
    }

    function copyText(format) {
      if (!current || Object.keys(errors).length) {
        return null;
      }
      return format === 'csv' ? toCsv(current) : format === 'markdown' ? toMarkdown(current) : toText(current);
    }

    function fallbackCopy(text) {
      var active = doc.activeElement;
      var area = doc.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      root.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = doc.execCommand('copy');
      } catch (e) {
        ok = false;
      }
      root.removeChild(area);
      if (active && active.focus) {
        active.focus();
      }
      return ok;
    }

    function copy(format) {
      var names = { text: 'text', markdown: 'Markdown', csv: 'CSV' };
      var text = copyText(format);
      if (text === null) {
        say('Nothing copied: fix the input first.');
        return Promise.resolve(false);
      }
      var done = function () {
        say('Copied the results as ' + names[format] + '.');
        return true;
      };
      var failed = function () {
        if (fallbackCopy(text)) {
          return done();
        }
        say('The browser did not allow copying; select the results and copy them by hand.');
        return false;
      };
      var clip = global.navigator && global.navigator.clipboard;
      if (clip && clip.writeText) {
        return clip.writeText(text).then(done, failed);
      }
      return Promise.resolve(failed());
    }

    function setValues(values) {
      FIELDS.forEach(function (f) {
        if (values[f] !== undefined) {
          inputs[f].value = String(values[f]);
        }
      });
      return update();
    }

    form.addEventListener('input', function () { update(); });
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (update()) {
        say('Calculated: FL = ' + value(current.loss) + '.');
      }
    });
    form.querySelector('.flc-reset').addEventListener('click', function () {
      setValues(start);
      say('Reset to the starting values.');
    });
    Array.prototype.forEach.call(form.querySelectorAll('.flc-copy'), function (b) {
      b.addEventListener('click', function () { copy(b.getAttribute('data-format')); });
    });

    var api = {
      values: fields,
      setValues: setValues,
      reset: function () { return setValues(start); },
      result: function () { return current; },
      errors: function () { return Object.assign({}, errors); },
      text: function () { return copyText('text'); },
      markdown: function () { return copyText('markdown'); },
      csv: function () { return copyText('csv'); },
      copy: copy
    };
    root.focalCalculator = api;
    root.setAttribute('data-mounted', 'true');
    update();
    return api;
  }

  var lib = {
    javaDouble: javaDouble, shortest: shortest, full: full, value: value, escape: escape, strip: strip,
    parseNumber: parseNumber, parseLogits: parseLogits, parseTarget: parseTarget, parseGamma: parseGamma,
    parseAlpha: parseAlpha, read: read, evaluate: evaluate, calculate: calculate, toText: toText,
    toMarkdown: toMarkdown, toCsv: toCsv, headline: headline, steps: steps, stepsHtml: stepsHtml,
    classesHtml: classesHtml, chartSvg: chartSvg, chartDescription: chartDescription, mount: mount,
    InvalidInput: InvalidInput
  };
  if (typeof module === 'object' && module.exports) {
    module.exports = lib;
  } else {
    global.FocalLossCalculator = global.FocalLossCalculator || lib;
    var script = global.document && global.document.currentScript;
    // In the fragment (UpgradableHtml) this script runs right after the live markup was put in place.
    if (script && script.closest) {
      mount(script.closest('.flc'));
    }
  }
})(typeof window !== 'undefined' ? window : globalThis);
