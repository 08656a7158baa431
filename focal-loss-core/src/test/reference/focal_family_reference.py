#!/usr/bin/env python3
"""Reference values for the focal-loss family (issue 10), independent of the Java code.

Every loss is written here the way its peer library or paper writes it (torchvision, Keras 3, kornia,
segmentation_models_pytorch, MONAI, fvcore, mmdet's varifocal_loss / quality_focal_loss, the PolyLoss
paper's code), naively, and evaluated with mpmath at 40 significant digits, so no stability trick of the
Java code is repeated here. Gradients and second derivatives are mpmath.diff numerical derivatives at
that precision (about 25 correct digits), i.e. independent of the analytic formulas under test.

    python3 -m pip install mpmath==1.3.0
    python3 focal-loss-core/src/test/reference/focal_family_reference.py   # writes focal-loss-core/src/test/resources/focal_family_reference.csv

Columns: family,options,logits,target,weights,loss,grad,second (vectors joined by ';', options as
space-separated key=value; see focal_family_reference.README.md).
"""
import csv
import os
import random

import mpmath as mp

mp.mp.dps = 40
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "focal_family_reference.csv")
NONE = None


def sig(x):
    return 1 / (1 + mp.exp(-x))


def logsig(x):
    return -mp.log(1 + mp.exp(-x))


def bce_logits(x, t, pos_weight=1):
    # torch.nn.functional.binary_cross_entropy_with_logits (with pos_weight)
    return -(pos_weight * t * logsig(x) + (1 - t) * logsig(-x))


# ---------------------------------------------------------------- sigmoid, one element
def torchvision(x, t, gamma, alpha):
    p = sig(x)
    ce = bce_logits(x, t)
    p_t = p * t + (1 - p) * (1 - t)
    loss = ce * (1 - p_t) ** gamma
    if alpha is not None:
        loss = (alpha * t + (1 - alpha) * (1 - t)) * loss
    return loss


def keras_binary(x, t, gamma, alpha, ls):
    # keras.losses.binary_focal_crossentropy(from_logits=True, apply_class_balancing=alpha is not None)
    t = t * (1 - ls) + 0.5 * ls
    bce = bce_logits(x, t)
    p = sig(x)
    p_t = t * p + (1 - t) * (1 - p)
    focal = (1 - p_t) ** gamma * bce
    if alpha is not None:
        focal = (t * alpha + (1 - t) * (1 - alpha)) * focal
    return focal


def kornia_binary(x, t, gamma, alpha, pos_weight):
    # kornia.losses.binary_focal_loss_with_logits (kornia >= 0.7)
    lpp, lpn = logsig(x), logsig(-x)
    pos = -mp.exp(lpn) ** gamma * t * lpp
    neg = -mp.exp(lpp) ** gamma * (1 - t) * lpn
    if alpha is not None:
        pos, neg = alpha * pos, (1 - alpha) * neg
    return pos_weight * pos + neg


def smp_focal(x, t, gamma, alpha, th):
    # segmentation_models_pytorch.losses._functional.focal_loss_with_logits
    logpt = bce_logits(x, t)
    pt = mp.exp(-logpt)
    if th is None:
        focal = (1 - pt) ** gamma
    else:
        focal = ((1 - pt) / th) ** gamma if pt >= th else mp.mpf(1)
    loss = focal * logpt
    if alpha is not None:
        loss *= alpha * t + (1 - alpha) * (1 - t)
    return loss, focal


def monai_sigmoid(x, t, gamma, alpha):
    # monai.losses.focal_loss.sigmoid_focal_loss
    loss = x - x * t - logsig(x)
    invprobs = logsig(-x * (t * 2 - 1))
    loss = mp.exp(invprobs * gamma) * loss
    if alpha is not None:
        loss = (t * alpha + (1 - t) * (1 - alpha)) * loss
    return loss


def poly1_focal(x, t, gamma, alpha, eps):
    # PolyLoss (Leng et al., 2022), appendix code: poly1_focal_loss
    p = sig(x)
    ce = bce_logits(x, t)
    pt = t * p + (1 - t) * (1 - p)
    fl = ce * (1 - pt) ** gamma
    if alpha is not None:
        fl = (alpha * t + (1 - alpha) * (1 - t)) * fl
    return fl + eps * (1 - pt) ** (gamma + 1)


def star(x, t, gamma, beta, alpha):
    # fvcore sigmoid_focal_loss_star, with the paper's beta
    loss = -logsig(gamma * x * (2 * t - 1) + beta) / gamma
    if alpha is not None:
        loss *= alpha * t + (1 - alpha) * (1 - t)
    return loss


def qfl(x, y, beta):
    # mmdet quality_focal_loss (GFL), one element: BCE(x, y) * |y - sigmoid(x)|^beta
    return bce_logits(x, y) * abs(y - sig(x)) ** beta


def vfl(x, q, alpha, gamma, iou_weighted):
    # mmdet varifocal_loss
    p = sig(x)
    if iou_weighted:
        w = q * (1 if q > 0 else 0) + alpha * abs(p - q) ** gamma * (1 if q <= 0 else 0)
    else:
        w = (1 if q > 0 else 0) + alpha * abs(p - q) ** gamma * (1 if q <= 0 else 0)
    return bce_logits(x, q) * w


# ---------------------------------------------------------------- softmax, one row
def log_softmax(z):
    m = max(z)
    s = mp.log(sum(mp.exp(v - m) for v in z))
    return [v - m - s for v in z]


def keras_categorical(z, y, gamma, alpha, ls):
    # keras.losses.categorical_focal_crossentropy(from_logits=True, label_smoothing=ls)
    c = len(z)
    y = [v * (1 - ls) + ls / c for v in y]
    lp = log_softmax(z)
    return sum(alpha * (1 - mp.exp(l)) ** gamma * -yy * l for yy, l in zip(y, lp))


def kornia_monai_softmax(z, y, gamma, alpha, weight):
    # kornia.losses.focal_loss (>= 0.7) and monai softmax_focal_loss + class weight: per class,
    # alpha_fac = [1 - alpha, alpha, alpha, ...], then weight per class, summed over the classes
    c = len(z)
    lp = log_softmax(z)
    loss = [-(1 - mp.exp(l)) ** gamma * l * yy for l, yy in zip(lp, y)]
    if alpha is not None:
        fac = [1 - alpha] + [alpha] * (c - 1)
        loss = [f * v for f, v in zip(fac, loss)]
    if weight is not None:
        loss = [w * v for w, v in zip(weight, loss)]
    return sum(loss)


def pt_form(z, y, gamma, alpha, weight):
    # the p_t form: (sum_j a_j y_j) (1 - p_t)^gamma CE, p_t = sum_j y_j p_j
    lp = log_softmax(z)
    pt = sum(yy * mp.exp(l) for yy, l in zip(y, lp))
    ce = -sum(yy * l for yy, l in zip(y, lp))
    a = [(alpha if alpha is not None else 1) * (weight[j] if weight else 1) for j in range(len(z))]
    w = sum(aj * yj for aj, yj in zip(a, y))
    return w * (1 - pt) ** gamma * ce


def poly1_ce(z, y, eps):
    # PolyLoss appendix code: poly1_cross_entropy
    lp = log_softmax(z)
    pt = sum(yy * mp.exp(l) for yy, l in zip(y, lp))
    ce = -sum(yy * l for yy, l in zip(y, lp))
    return ce + eps * (1 - pt)


# ---------------------------------------------------------------- helpers
def fmt(v):
    return repr(float(v))


def vec(vs):
    return ";".join(fmt(v) for v in vs)


def grad_of(f, xs):
    xs = [mp.mpf(v) for v in xs]
    g = []
    for i in range(len(xs)):
        def fi(v, i=i):
            ys = list(xs)
            ys[i] = v
            return f(ys)
        g.append(mp.diff(fi, xs[i]))
    return g


def opts(**kw):
    return " ".join(f"{k}={'none' if v is None else (';'.join(repr(float(u)) for u in v) if isinstance(v, list) else v)}"
                    for k, v in kw.items())


def main():
    rnd = random.Random(20261201)
    rows = []

    def logit():
        r = rnd.random()
        return round(rnd.uniform(-6, 6), 6) if r < 0.85 else round(rnd.choice([-1, 1]) * rnd.uniform(10, 30), 6)

    def target():
        r = rnd.random()
        return 0.0 if r < 0.3 else 1.0 if r < 0.6 else round(rnd.random(), 6)

    gammas = [0.0, 0.5, 1.0, 2.0, 3.0]
    alphas = [None, 0.25, 0.75]

    def add_element(name, o, x, t, f, second=True):
        x, t = mp.mpf(x), mp.mpf(t)
        loss = f(x, t)
        g = mp.diff(lambda v: f(v, t), x)
        s = mp.diff(lambda v: f(v, t), x, 2) if second else ""
        rows.append([name, o, fmt(x), fmt(t), "", fmt(loss), fmt(g), fmt(s) if second else ""])

    for _ in range(60):
        g, a, x, t = rnd.choice(gammas), rnd.choice(alphas), logit(), target()
        add_element("sigmoid", opts(conv="torchvision", gamma=g, alpha=a), x, t, lambda v, u: torchvision(v, u, g, a))
    for _ in range(60):
        g, a, x, t, ls = rnd.choice(gammas), rnd.choice(alphas), logit(), target(), rnd.choice([0.0, 0.1, 0.2, 1.0])
        add_element("sigmoid", opts(conv="keras", gamma=g, alpha=a, ls=ls), x, t,
                    lambda v, u: keras_binary(v, u, g, a, ls))
    for _ in range(60):
        g, a, x, t, pw = rnd.choice(gammas), rnd.choice(alphas), logit(), target(), rnd.choice([1.0, 0.5, 3.0])
        add_element("sigmoid", opts(conv="kornia", gamma=g, alpha=a, pw=pw), x, t,
                    lambda v, u: kornia_binary(v, u, g, a, pw))
    n = 0
    while n < 60:
        g, a, x, t, th = rnd.choice(gammas), rnd.choice(alphas), logit(), target(), rnd.choice([None, 0.5, 0.3, 0.7])
        if th is not None:
            pt = mp.exp(-bce_logits(mp.mpf(x), mp.mpf(t)))
            if abs(pt - th) < 1e-3:
                continue
        add_element("sigmoid", opts(conv="smp", gamma=g, alpha=a, th=th), x, t,
                    lambda v, u: smp_focal(v, u, g, a, th)[0], second=False)
        n += 1
    for _ in range(60):
        g, a, x, t = rnd.choice(gammas), rnd.choice(alphas), logit(), target()
        add_element("sigmoid", opts(conv="monai", gamma=g, alpha=a), x, t, lambda v, u: monai_sigmoid(v, u, g, a),
                    second=t in (0.0, 1.0))
    for _ in range(60):
        g, a, x, t, e = rnd.choice(gammas), rnd.choice(alphas), logit(), target(), rnd.choice([-1.0, 0.0, 1.0, 2.5])
        add_element("sigmoid", opts(conv="poly1", gamma=g, alpha=a, eps=e), x, t,
                    lambda v, u: poly1_focal(v, u, g, a, e))
    for _ in range(50):
        g, b, a, x, t = rnd.choice([0.5, 1.0, 2.0, 4.0]), rnd.choice([0.0, 1.0, -0.5]), rnd.choice(alphas), logit(), target()
        add_element("star", opts(gamma=g, beta=b, alpha=a), x, t, lambda v, u: star(v, u, g, b, a), second=False)
    n = 0
    while n < 60:
        b, x, y = rnd.choice([0.0, 1.0, 2.0, 3.0]), logit(), target()
        if abs(sig(mp.mpf(x)) - y) < 1e-3:
            continue
        add_element("qfl", opts(beta=b), x, y, lambda v, u: qfl(v, u, b), second=False)
        n += 1
    for _ in range(60):
        a, g, iou, x = rnd.choice([0.75, 0.25, 1.5]), rnd.choice([0.0, 1.0, 2.0, 2.5]), rnd.choice(["true", "false"]), logit()
        q = 0.0 if rnd.random() < 0.5 else round(rnd.uniform(0.05, 1.0), 6)
        add_element("vfl", opts(alpha=a, gamma=g, iou=iou), x, q, lambda v, u: vfl(v, u, a, g, iou == "true"),
                    second=False)

    # softmax rows
    def add_row(name, o, z, y, f):
        zs = [mp.mpf(v) for v in z]
        loss = f(zs)
        g = grad_of(f, zs)
        rows.append([name, o, vec(zs), vec(y), "", fmt(loss), vec(g), ""])

    def logits(c):
        scale = rnd.choice([1.0, 3.0, 8.0])
        return [round(rnd.gauss(0, scale), 6) for _ in range(c)]

    def distribution(c, hard):
        if hard:
            y = [0.0] * c
            y[rnd.randrange(c)] = 1.0
            return y
        w = [rnd.random() for _ in range(c)]
        s = sum(w)
        y = [round(v / s, 6) for v in w]
        y[-1] = 1.0 - sum(y[:-1])
        return y

    for _ in range(60):
        c = rnd.randint(2, 6)
        g, a, ls = rnd.choice(gammas), rnd.choice([0.25, 1.0]), rnd.choice([0.0, 0.1, 0.3])
        z = logits(c)
        # Keras clips p to [1e-7, 1 - 1e-7]; keep rows where it does not clip
        if min(mp.exp(l) for l in log_softmax([mp.mpf(v) for v in z])) < 1e-6:
            z = [v / 4 for v in z]
        y = distribution(c, rnd.random() < 0.5)
        add_row("softmax", opts(conv="keras", gamma=g, alpha=a, ls=ls), z, y,
                lambda zs: keras_categorical(zs, y, g, a, ls))
    for _ in range(60):
        c = 3
        g, a = rnd.choice(gammas), rnd.choice(alphas)
        w = rnd.choice([None, [0.1, 0.5, 2.0], [1.0, 3.0, 0.0]])
        z, y = logits(c), distribution(c, True)
        conv = rnd.choice(["kornia", "monai"])
        add_row("softmax", opts(conv=conv, gamma=g, alpha=a, cw=w), z, y,
                lambda zs: kornia_monai_softmax(zs, y, g, a, w))
    for _ in range(30):
        c = rnd.randint(2, 5)
        g, a = rnd.choice(gammas), rnd.choice([None, 0.5])
        z, y = logits(c), distribution(c, False)
        add_row("softmax", opts(conv="monai", gamma=g, alpha=a, cw=None), z, y,
                lambda zs: kornia_monai_softmax(zs, y, g, a, None))
    for _ in range(60):
        c = rnd.randint(2, 6)
        g, a = rnd.choice(gammas), rnd.choice([None, 0.25])
        w = [round(rnd.uniform(0, 3), 3) for _ in range(c)] if rnd.random() < 0.5 else None
        z, y = logits(c), distribution(c, rnd.random() < 0.3)
        add_row("softmax", opts(conv="ptform", gamma=g, alpha=a, cw=w), z, y, lambda zs: pt_form(zs, y, g, a, w))
    for _ in range(40):
        c = rnd.randint(2, 6)
        e = rnd.choice([-1.0, 0.0, 1.0, 2.0])
        z, y = logits(c), distribution(c, rnd.random() < 0.5)
        add_row("softmax", opts(conv="poly1", eps=e), z, y, lambda zs: poly1_ce(zs, y, e))

    # sigmoid batches: weights and smp's normalised focal loss (reduction mean / sum)
    for k in range(20):
        n = rnd.choice([4, 6, 8])
        xs = [logit() for _ in range(n)]
        ts = [rnd.choice([0.0, 1.0]) if rnd.random() < 0.7 else round(rnd.random(), 6) for _ in range(n)]
        g, a = rnd.choice([0.5, 2.0, 3.0]), rnd.choice([None, 0.25])
        red = rnd.choice(["mean", "sum"])
        if k < 10:   # smp normalized=True
            th = rnd.choice([None, 0.5])
            def f(v, ts=ts, g=g, a=a, th=th, red=red):
                parts = [smp_focal(xi, ti, g, a, th) for xi, ti in zip(v, ts)]
                norm = max(sum(fo for _, fo in parts), mp.mpf("1e-6"))
                losses = [l / norm for l, _ in parts]
                return sum(losses) / (len(v) if red == "mean" else 1)
            o = opts(conv="smp", gamma=g, alpha=a, th=th, normalized="true", reduction=red)
            w = None
        else:        # torchvision elements, per-element weights (mmdet weight, Keras sample_weight broadcast)
            w = [round(rnd.uniform(0, 3), 3) for _ in range(n)]
            def f(v, ts=ts, g=g, a=a, red=red, w=w):
                s = sum(wi * torchvision(xi, ti, g, a) for xi, ti, wi in zip(v, ts, w))
                return s / (len(v) if red == "mean" else 1)
            o = opts(conv="torchvision", gamma=g, alpha=a, reduction=red)
        xs_m = [mp.mpf(v) for v in xs]
        rows.append(["sigmoid_batch", o, vec(xs_m), vec(ts), vec(w) if w else "", fmt(f(xs_m)),
                     vec(grad_of(f, xs_m)), ""])
    # sigmoid batch with kornia per-class weight over an N x C layout
    for _ in range(5):
        c, nrows = 3, 2
        xs = [logit() for _ in range(c * nrows)]
        ts = [rnd.choice([0.0, 1.0]) for _ in range(c * nrows)]
        cw = [round(rnd.uniform(0, 3), 3) for _ in range(c)]
        g, a = 2.0, 0.25
        def f(v, ts=ts, cw=cw):
            return sum(cw[i % c] * kornia_binary(xi, ti, g, a, 1) for i, (xi, ti) in enumerate(zip(v, ts))) / len(v)
        xs_m = [mp.mpf(v) for v in xs]
        rows.append(["sigmoid_batch", opts(conv="kornia", gamma=g, alpha=a, cw=cw, reduction="mean"), vec(xs_m),
                     vec(ts), "", fmt(f(xs_m)), vec(grad_of(f, xs_m)), ""])
    # softmax batches with per-sample weights (Keras sample_weight: sum(w_i l_i) / N)
    for _ in range(10):
        c, nrows = rnd.randint(2, 4), rnd.randint(2, 4)
        z = [round(rnd.gauss(0, 2), 6) for _ in range(c * nrows)]
        ys = [rnd.randrange(c) for _ in range(nrows)]
        w = [round(rnd.uniform(0, 2), 3) for _ in range(nrows)]
        g, a, ls = rnd.choice([0.0, 2.0]), 0.25, rnd.choice([0.0, 0.1])
        def f(v, ys=ys, w=w, c=c, g=g, a=a, ls=ls):
            tot = 0
            for r in range(len(ys)):
                y = [1.0 if j == ys[r] else 0.0 for j in range(c)]
                tot += w[r] * keras_categorical(v[r * c:(r + 1) * c], y, g, a, ls)
            return tot / len(ys)
        zm = [mp.mpf(v) for v in z]
        rows.append(["softmax_batch", opts(conv="keras", gamma=g, alpha=a, ls=ls, classes=c, reduction="mean"),
                     vec(zm), ";".join(str(v) for v in ys), vec(w), fmt(f(zm)), vec(grad_of(f, zm)), ""])

    with open(OUT, "w", newline="") as fh:
        wr = csv.writer(fh, lineterminator="\n")
        wr.writerow(["family", "options", "logits", "target", "weights", "loss", "grad", "second"])
        wr.writerows(rows)
    print(f"wrote {len(rows)} rows to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
