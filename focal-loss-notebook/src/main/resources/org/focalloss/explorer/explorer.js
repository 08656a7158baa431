/*
 * Focal-loss explorer: redraws the focal-loss curve, the optional modulator subplot and the headline
 * when the γ slider moves. Self-contained (no network, no libraries). The numbers and the text follow
 * the Java library exactly (org.focalloss.core.FocalLoss, Headline, Fmt; tested side by side).
 * The same file runs in a page (it mounts the explorer it sits in) and in Node (module.exports).
 */
(function (global) {
  'use strict';

  var MIN_PT = 1e-10; // log(max(p_t, 1e-10)) at the left edge

  function crossEntropy(pt) {
    return -Math.log(Math.max(pt, MIN_PT));
  }

  function modulator(pt, gamma) {
    return Math.pow(1 - pt, gamma);
  }

  function focalLoss(pt, gamma) {
    var p = Math.max(pt, MIN_PT);
    var ce = -Math.log(p);
    return ce === 0 ? 0 : Math.pow(1 - p, gamma) * ce;
  }

  // Number formatting: the rules of org.focalloss.core.Fmt (half away from zero on the exact value).
  function fixed(x, digits) {
    return x.toFixed(digits);
  }

  function trimmed(x, digits) {
    var s = x.toFixed(digits);
    if (s.indexOf('.') >= 0) {
      s = s.replace(/0+$/, '').replace(/\.$/, '');
    }
    return s;
  }

  function exponential(x, digits) {
    // "1.0e-5" -> "1.0e-05": at least two exponent digits, as C, Python and the Java library print
    return x.toExponential(digits).replace(/e([+-])(\d)$/, 'e$10$2');
  }

  function grouped(x) {
    return String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  function modulatorText(m) {
    if (m === 0) {
      return '0';
    }
    return m >= 0.001 ? fixed(m, 3) : exponential(m, 1);
  }

  function suppressionText(ratio) {
    if (ratio < 10) {
      return fixed(ratio, 1);
    }
    if (ratio < 1e6) {
      return grouped(ratio);
    }
    return exponential(ratio, 1);
  }

  function effect(m, suffix) {
    if (m === 1) {
      return ', leaving the cross-entropy loss unchanged';
    }
    if (m === 0) {
      return ', silencing the loss completely';
    }
    var ratio = suppressionText(1 / m);
    if (ratio === '1.0') {
      // below 1.05 (e.g. γ = 1e-12): never "suppressing … by 1.0×"; the same rule as Headline.java
      return ', leaving the cross-entropy loss practically unchanged';
    }
    return ', suppressing the cross-entropy loss by ' + ratio + '\u00d7' + suffix;
  }

  /**
   * Headline.sentence(γ, p_t) of the Java library, or Headline.sentence(γ, p_t, α) when alpha is given and
   * not 1: the modulator's suppression marked as the modulator's alone, then CE / FL = 1 / (α·(1 − p_t)^γ).
   */
  function headline(gamma, pt, alpha) {
    var m = modulator(pt, gamma);
    var start = 'Focal loss with \u03b3 = ' + fixed(gamma, 2) + '. At p_t = ' + trimmed(pt, 4) +
      ' the modulating factor is ' + modulatorText(m);
    if (alpha === undefined || alpha === 1) {
      return start + effect(m, '') + '.';
    }
    var whole = 1 / (alpha * m);
    return start + effect(m, ' (the modulator alone)') + '. With \u03b1 = ' + trimmed(alpha, 4) +
      ' as well, CE / FL = ' + (whole === Infinity ? '\u221e' : suppressionText(whole) + '\u00d7') + '.';
  }

  /**
   * SVG path data of f over p_t in [0, 1] with `samples` + 1 points, in a plot box; values above
   * `ceiling` (or not finite) break the line instead of shooting off the top.
   */
  function path(f, box, ceiling, samples) {
    var d = [];
    var pen = false;
    for (var i = 0; i <= samples; i++) {
      var pt = i / samples;
      var v = f(pt);
      if (!(isFinite(v) && v <= ceiling)) {
        pen = false;
        continue;
      }
      var x = box.left + pt * box.width;
      var y = box.top + box.height * (1 - v / ceiling);
      d.push((pen ? 'L' : 'M') + x.toFixed(1) + ' ' + y.toFixed(1));
      pen = true;
    }
    return d.join('');
  }

  function box(el) {
    return {
      left: +el.getAttribute('data-left'), top: +el.getAttribute('data-top'),
      width: +el.getAttribute('data-width'), height: +el.getAttribute('data-height')
    };
  }

  function uniqueIds(root) {
    // Ids are deterministic (so committed notebook outputs do not churn); make them unique in this document.
    var doc = root.ownerDocument;
    var nodes = root.querySelectorAll('[id]');
    var clash = false;
    for (var i = 0; i < nodes.length && !clash; i++) {
      var same = doc.querySelectorAll('[id="' + nodes[i].id + '"]');
      clash = same.length > 1;
    }
    if (!clash) {
      return;
    }
    var n = 2;
    while (doc.getElementById(root.id + '-' + n)) {
      n++;
    }
    var suffix = '-' + n;
    var all = [root].concat(Array.prototype.slice.call(nodes));
    var renamed = {};
    all.forEach(function (el) {
      renamed[el.id] = el.id + suffix;
      el.id = el.id + suffix;
    });
    root.querySelectorAll('[for],[aria-describedby],[aria-labelledby],[aria-controls]').forEach(function (el) {
      ['for', 'aria-describedby', 'aria-labelledby', 'aria-controls'].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v) {
          el.setAttribute(attr, v.split(' ').map(function (id) { return renamed[id] || id; }).join(' '));
        }
      });
    });
  }

  function mount(root) {
    if (!root || root.getAttribute('data-mounted') === 'true') {
      return null;
    }
    uniqueIds(root);
    root.setAttribute('data-mounted', 'true');
    var slider = root.querySelector('input[type=range]');
    var output = root.querySelector('output');
    var live = root.querySelector('[aria-live]');
    var flPath = root.querySelector('.fle-fl');
    var flLegend = root.querySelector('.fle-fl-label');
    var modPath = root.querySelector('.fle-mod-curve');
    var chart = root.querySelector('.fle-chart');
    var sub = root.querySelector('.fle-sub');
    var ceiling = +root.getAttribute('data-ceiling');
    var samples = +root.getAttribute('data-samples');
    var pt = +root.getAttribute('data-pt');
    var controlled = root.getAttribute('data-controlled') === 'true';
    var reduce = global.matchMedia && global.matchMedia('(prefers-reduced-motion: reduce)');
    var shown = +slider.value;   // γ currently drawn
    var target = shown;          // γ the curve is moving to
    var frame = 0;

    function draw(g) {
      flPath.setAttribute('d', path(function (p) { return focalLoss(p, g); }, box(chart), ceiling, samples));
      if (modPath) {
        modPath.setAttribute('d', path(function (p) { return modulator(p, g); }, box(sub), 1, samples));
      }
      shown = g;
    }

    function announce(g) {
      output.textContent = fixed(g, 2);
      slider.setAttribute('aria-valuetext', '\u03b3 = ' + fixed(g, 2));
      flLegend.textContent = 'FL, \u03b3 = ' + fixed(g, 2);
      live.textContent = headline(g, pt);
    }

    function animateTo(g) {
      target = g;
      if (frame) {
        global.cancelAnimationFrame(frame);
        frame = 0;
      }
      if ((reduce && reduce.matches) || !global.requestAnimationFrame) {
        draw(g);   // instant snap
        return;
      }
      var from = shown;
      var start = null;
      var duration = 160;
      function step(now) {
        if (start === null) {
          start = now;
        }
        var t = Math.min(1, (now - start) / duration);
        var eased = 1 - Math.pow(1 - t, 3);
        draw(t >= 1 ? target : from + (target - from) * eased);
        frame = t < 1 ? global.requestAnimationFrame(step) : 0;
      }
      frame = global.requestAnimationFrame(step);
    }

    function setGamma(g) {
      var min = +slider.min;
      var max = +slider.max;
      if (!(typeof g === 'number' && isFinite(g) && g >= min && g <= max)) {
        throw new RangeError('gamma = ' + g + ' is out of range [' + min + ', ' + max + ']');
      }
      slider.value = String(g);
      announce(g);
      animateTo(g);
    }

    slider.addEventListener('input', function () {
      var g = +slider.value;
      root.dispatchEvent(new CustomEvent('gammachange', {detail: {gamma: g}, bubbles: true}));
      if (controlled) {
        slider.value = String(target);   // the host decides; it calls setGamma
        return;
      }
      announce(g);
      animateTo(g);
    });

    var api = {
      getGamma: function () { return target; },
      setGamma: setGamma,
      headline: function () { return live.textContent; }
    };
    root.focalExplorer = api;
    announce(shown);
    draw(shown);
    return api;
  }

  var lib = {
    MIN_PT: MIN_PT, crossEntropy: crossEntropy, modulator: modulator, focalLoss: focalLoss, fixed: fixed,
    trimmed: trimmed, exponential: exponential, grouped: grouped, modulatorText: modulatorText,
    suppressionText: suppressionText, headline: headline, path: path, mount: mount
  };
  if (typeof module === 'object' && module.exports) {
    module.exports = lib;
  } else {
    global.FocalLossExplorer = global.FocalLossExplorer || lib;
    var script = global.document && global.document.currentScript;
    if (script && script.parentNode) {
      mount(script.closest ? script.closest('.fle') : script.parentNode);
    }
  }
})(typeof window !== 'undefined' ? window : globalThis);
