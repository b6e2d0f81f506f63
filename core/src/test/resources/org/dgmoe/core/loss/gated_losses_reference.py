"""Reference values of dgmoe's gated Voronoi losses (GatedLosses), recorded in gated_losses_reference.txt.

Run: python3 gated_losses_reference.py > gated_losses_reference.txt   (needs numpy only)

Softmax gating: loss_SGaME_exact and gauss_dist_SGaME below are copied (comments removed, code unchanged)
from the authors' repository Trung-TinNGUYEN/CRPE-SGaME, discrepancies.py (commit 53c4234), which carries
this license:

    MIT License
    Copyright (c) 2022 Tudor Manole
    Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
    associated documentation files (the "Software"), to deal in the Software without restriction, including
    without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
    copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the
    following conditions: The above copyright notice and this permission notice shall be included in all
    copies or substantial portions of the Software.
    THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
    LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO
    EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
    IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR
    THE USE OR OTHER DEALINGS IN THE SOFTWARE.

Gaussian gating: Trung-TinNGUYEN/CRPE-GMoE has no license, so its gauss_loss_GLLiM1/2 (discrepancies.py,
commit e04efe2) are NOT copied: gmoe_loss below is our own re-implementation of the formula read there
(cells by the sum of norms over (c, Gamma, A, b, nu); singleton cells add pi_i times that distance; a cell of
m >= 2 atoms adds pi_i (|dc|^r + |dGamma|^(r/2) + |dA|^e + |db|^r + |dnu|^(r/2)), e = 2 if c_j* != 0 else r/2;
plus sum_j |sum_{A_j} pi_i - pi_j*|), with r = 4, 6 for m = 2, 3 as the code's rbar and rtilde.

Cases are drawn near the truth so that no cell is empty and no distance ties: the authors' code misindexes
counts when a true atom has an empty cell, appends an atom twice on a tie, and (exact-fitted, K = K*) skips
the parameter terms of a cell holding several atoms; dgmoe does none of this (docs/gated-losses.md).

Output, one case per line, numbers in Python repr (shortest round-trip, so Java parses them exactly):
  softmax d k kStar  {beta0 beta1[d] a[d] b var} for k fitted atoms, then for kStar true atoms, then loss
  gaussian d k kStar {w c[d] Gamma[d*d] a[d] b var} for k fitted atoms, then for kStar true atoms, then loss
The fitted softmax gates are written normalised (last gate 0), as the authors' code receives them.
"""
import numpy as np

rbar = [0, 1, 4, 6]


def loss_SGaME_exact(betas, As, Sigmas, beta, A, Sigma):
    Ks = betas.shape[1]
    K  = beta.shape[1]

    D = np.empty((K,Ks))

    for i in range(K):
        for j in range(Ks):
            D[i,j] = gauss_dist_SGaME(betas[:,j], As[:,j], Sigmas[:,j],\
                                      beta[:,i], A[:,i], Sigma[:,i])

    vor=[]
    for i in range(K):
        for j in range(Ks):
            if D[i,j] == np.min(D[i,:]):
                vor.append(j)

    unique, counts = np.unique(vor, return_counts=True)
    summ = 0.0
    if (Ks==K):
        for i in range(K):
            j = vor[i]
            if counts[vor[i]] == 1:
                summ += np.exp(beta[0,i]) * D[i,vor[i]]
    else:
        for i in range(K):
            j = vor[i]
            if counts[vor[i]] == 1:
                summ += np.exp(beta[0,i]) * D[i,vor[i]]

            else:
                j = vor[i]
                rb = rbar[counts[j]]
                beta1_dist = (np.linalg.norm(beta[1,i]-betas[1,j]))**rb
                b_dist = (np.linalg.norm(A[0,i] - As[0,j]))**rb
                A_dist = (np.linalg.norm(A[1,i] - As[1,j]))**(rb/2.0)
                Sigma_dist = (np.linalg.norm(Sigma[:,i] - Sigmas[:,j]))**(rb/2.0)

                summ += np.exp(beta[0,i]) * (beta1_dist + b_dist + A_dist + Sigma_dist)

    for j in range(Ks):
        exp_beta0 = 0

        for i in range(K):
            if vor[i] == j:
                exp_beta0 += np.exp(beta[0,i])

        summ += np.abs(exp_beta0 - np.exp(betas[0,j]))

    return summ

def gauss_dist_SGaME(betas, As, Sigmas, beta, A, Sigma):
    return np.linalg.norm(betas[1] - beta[1]) + np.linalg.norm(As[0]-A[0]) \
            + np.linalg.norm(As[1]-A[1]) + np.linalg.norm(Sigmas-Sigma)


def gmoe_loss(pi0, c0, G0, a0, b0, v0, pi, c, G, a, b, v):
    k0, k = len(pi0), len(pi)
    def parts(i, j):
        return (np.linalg.norm(c[i] - c0[j]), np.linalg.norm(G[i] - G0[j]), np.linalg.norm(a[i] - a0[j]),
                abs(b[i] - b0[j]), abs(v[i] - v0[j]))
    cell = [int(np.argmin([sum(parts(i, j)) for j in range(k0)])) for i in range(k)]
    total = 0.0
    for j in range(k0):
        members = [i for i in range(k) if cell[i] == j]
        total += abs(sum(pi[i] for i in members) - pi0[j])
        m = len(members)
        for i in members:
            dc, dG, da, db, dv = parts(i, j)
            if m == 1:
                total += pi[i] * (dc + dG + da + db + dv)
            else:
                r = rbar[m]
                e = r / 2.0 if not np.any(c0[j]) else 2.0
                total += pi[i] * (dc ** r + dG ** (r / 2.0) + da ** e + db ** r + dv ** (r / 2.0))
    return total


def fmt(xs):
    return " ".join(repr(float(x)) for x in xs)


def near_truth(rng, k_star, k):
    """Fitted atom i copies true atom owner[i]: every true atom once, the extra ones at random."""
    return list(range(k_star)) + list(rng.integers(0, k_star, size=k - k_star))


def softmax_case(rng, k_star, k, eps):
    d = 1
    tb0 = np.append(rng.normal(0, 1, k_star - 1), 0.0)
    tb1 = np.append(rng.normal(0, 3, k_star - 1), 0.0)
    ta = rng.normal(0, 3, k_star)
    tb = rng.normal(0, 3, k_star)
    tv = rng.uniform(0.1, 1.0, k_star)
    owner = near_truth(rng, k_star, k)
    # The last true atom's representative goes last, so the fitted reference gate approximates the true one.
    owner = owner[:k_star - 1] + owner[k_star:] + [k_star - 1]
    share = [1.0 / owner.count(j) for j in owner]
    fb0 = np.array([tb0[j] + np.log(s) + rng.normal(0, eps) for j, s in zip(owner, share)])
    fb1 = np.array([tb1[j] + rng.normal(0, eps) for j in owner])
    fb0, fb1 = fb0 - fb0[-1], fb1 - fb1[-1]
    fa = np.array([ta[j] + rng.normal(0, eps) for j in owner])
    fb = np.array([tb[j] + rng.normal(0, eps) for j in owner])
    fv = np.array([tv[j] + abs(rng.normal(0, eps)) for j in owner])
    betas, As, Sigmas = np.vstack([tb0, tb1]), np.vstack([tb, ta]), tv.reshape(1, -1)
    beta, A, Sigma = np.vstack([fb0, fb1]), np.vstack([fb, fa]), fv.reshape(1, -1)
    cells = [int(np.argmin([gauss_dist_SGaME(betas[:, j], As[:, j], Sigmas[:, j], beta[:, i], A[:, i], Sigma[:, i])
                            for j in range(k_star)])) for i in range(k)]
    # Keep to the cases where the authors' code is right (module docstring): no empty cell, and k = k*
    # only with singleton cells.
    assert sorted(set(cells)) == list(range(k_star)), cells
    loss = loss_SGaME_exact(betas, As, Sigmas, beta, A, Sigma)
    fitted = [x for i in range(k) for x in (fb0[i], fb1[i], fa[i], fb[i], fv[i])]
    truth = [x for j in range(k_star) for x in (tb0[j], tb1[j], ta[j], tb[j], tv[j])]
    return "softmax %d %d %d %s %s %s" % (d, k, k_star, fmt(fitted), fmt(truth), repr(float(loss)))


def gaussian_case(rng, d, k_star, k, eps, type_two):
    pi0 = rng.dirichlet(np.ones(k_star) * 5)
    c0 = rng.normal(0, 1, (k_star, d))
    if type_two:
        c0[0] = 0.0
    G0 = []
    for _ in range(k_star):
        m = rng.normal(0, 0.3, (d, d))
        G0.append(m @ m.T + 0.1 * np.eye(d))
    a0 = rng.normal(0, 2, (k_star, d))
    b0 = rng.normal(0, 2, k_star)
    v0 = rng.uniform(0.1, 1.0, k_star)
    owner = near_truth(rng, k_star, k)
    share = [1.0 / owner.count(j) for j in owner]
    pi = np.array([pi0[j] * s * (1 + rng.normal(0, eps)) for j, s in zip(owner, share)])
    pi = pi / pi.sum()
    c = np.array([c0[j] + rng.normal(0, eps, d) for j in owner])
    G = []
    for j in owner:
        e = rng.normal(0, eps, (d, d))
        G.append(G0[j] + (e + e.T) / 2 * 0.1)
    a = np.array([a0[j] + rng.normal(0, eps, d) for j in owner])
    b = np.array([b0[j] + rng.normal(0, eps) for j in owner])
    v = np.array([v0[j] + abs(rng.normal(0, eps)) for j in owner])
    loss = gmoe_loss(pi0, c0, G0, a0, b0, v0, pi, c, G, a, b, v)
    def atom(w, cc, GG, aa, bb, vv):
        return [w] + list(cc) + list(np.asarray(GG).ravel()) + list(aa) + [bb, vv]
    fitted = [x for i in range(k) for x in atom(pi[i], c[i], G[i], a[i], b[i], v[i])]
    truth = [x for j in range(k_star) for x in atom(pi0[j], c0[j], G0[j], a0[j], b0[j], v0[j])]
    return "gaussian %d %d %d %s %s %s" % (d, k, k_star, fmt(fitted), fmt(truth), repr(float(loss)))


def main():
    rng = np.random.default_rng(20261207)
    for k_star, k in [(2, 2), (3, 3), (2, 3), (2, 4), (3, 4), (3, 5)]:
        for eps in (0.01, 0.1):
            print(softmax_case(rng, k_star, k, eps))
    for d in (1, 2):
        for type_two in (False, True):
            for k_star, k in [(3, 3), (3, 4), (3, 5), (2, 4)]:
                print(gaussian_case(rng, d, k_star, k, 0.02, type_two))


if __name__ == "__main__":
    main()
