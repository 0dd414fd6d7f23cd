#!/usr/bin/env python3
# Coefficients of the double erfc tail in include/activ/math/erf.hpp (k<double,
# erfc_tail>): F(v) = (1 + 2a) e^(a^2) erfc(a), v = a / (a + 3), fitted as
#   F = hi + lo + t R(t),  t = v - 0.4375,  R of degree 22,
# over 0 <= a <= 27.3 (erfc(27.3) < 2^-1075), the same form as the other tails
# of scripts/coefficients/erf.sollya. R is interpolated at 23 Chebyshev nodes
# in 60-digit arithmetic (mpmath, Debian's python3-mpmath) and converted to
# monomials in t (|t| < 0.47: well conditioned), then rounded to double; the
# relative error of the rounded polynomial is measured on 2000 points.
# Run: python3 scripts/coefficients/erfc_tail_double.py
import mpmath as mp
mp.mp.dps = 60
k, amax, v0, n = 3, mp.mpf('27.3'), mp.mpf('0.4375'), 23
def F(a): return (1+2*a)*mp.exp(a*a)*mp.erfc(a)
def g(t):
    v = t + v0
    a = k*v/(1-v)
    return F(a)
g0 = g(mp.mpf(0))
hi = float(g0); lo = float(g0 - mp.mpf(hi))
def R(t):
    if t == 0: return mp.diff(g, 0)
    return (g(t) - mp.mpf(hi) - mp.mpf(lo))/t
A = -v0; B = amax/(amax+k) - v0
N = n  # coefficients of R: degree n - 1
# Chebyshev interpolation at N nodes, then convert to monomials in t
nodes = [ (A+B)/2 + (B-A)/2*mp.cos(mp.pi*(j+mp.mpf(1)/2)/N) for j in range(N)]
vals = [R(x) for x in nodes]
# solve Vandermonde in high precision (fine at 60 digits)
M = mp.matrix([[x**i for i in range(N)] for x in nodes])
c = mp.lu_solve(M, mp.matrix(vals))
cd = [float(c[i]) for i in range(N)]
# measure relative error of hi + lo + t*R_double
def approx(t):
    s = mp.mpf(0)
    for ci in reversed(cd): s = s*t + mp.mpf(ci)
    return mp.mpf(hi) + mp.mpf(lo) + t*s
err = max(abs(approx(t)/g(t) - 1) for t in mp.linspace(A, B, 2000))
print("relerr", mp.nstr(err, 5))
print("hi, lo:", hi.hex(), lo.hex())
print(", ".join(x.hex() for x in cd))
