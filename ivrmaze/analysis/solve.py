"""Many linear systems x_c = b_c + P x_c at once, one per intent.

Each column c has its own unknowns (``free[:, c]``); elsewhere x_c is 0 and the rows are
identity. The systems share P, so BiCGSTAB runs on all columns together: one sparse x dense
product per half-step instead of one Python-driven solve per intent. A column that breaks
down or does not converge is solved exactly (SuperLU) on its own.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import scipy.sparse as sp

RTOL = 1e-11


def solve_many(P: sp.csr_matrix, free: np.ndarray, B: np.ndarray, maxiter: int | None = None) -> np.ndarray:
    """X with X[:, c] = (I - F_c P F_c)^{-1} B[:, c] on free[:, c] (F_c: diag of free), 0 elsewhere."""
    rows = np.flatnonzero(free.any(axis=1))
    X = np.zeros(free.shape)
    if len(rows) == 0:
        return X
    A = P[rows][:, rows].tocsr()
    U = free[rows].astype(float)
    Bk = B[rows] * U
    Xk = _bicgstab(A, U, Bk, maxiter or 10 * len(rows) + 100)
    X[rows] = Xk
    return X


def _op(A: sp.csr_matrix, U: np.ndarray, X: np.ndarray) -> np.ndarray:
    """(I - U A U) X for X that is already 0 off U (every Krylov vector here is)."""
    return X - U * (A @ X)


def _bicgstab(A: sp.csr_matrix, U: np.ndarray, B: np.ndarray, maxiter: int) -> np.ndarray:
    X = np.zeros_like(B)
    R = B.copy()
    Rh = R.copy()
    bnorm = np.linalg.norm(B, axis=0)
    todo = bnorm > 0
    rho = alpha = omega = np.ones(B.shape[1])
    V = np.zeros_like(B)
    Pd = np.zeros_like(B)
    with np.errstate(divide="ignore", invalid="ignore"):
        for _ in range(maxiter):
            rho1 = np.einsum("ij,ij->j", Rh, R)
            beta = np.where(todo, (rho1 / rho) * (alpha / omega), 0.0)
            Pd = R + beta * (Pd - omega * V)
            V = _op(A, U, Pd)
            alpha = np.where(todo, rho1 / np.einsum("ij,ij->j", Rh, V), 0.0)
            S = R - alpha * V
            T = _op(A, U, S)
            tt = np.einsum("ij,ij->j", T, T)
            omega = np.where(todo & (tt > 0), np.einsum("ij,ij->j", T, S) / tt, 0.0)
            X += alpha * Pd + omega * S
            R = S - omega * T
            rnorm = np.sqrt(np.einsum("ij,ij->j", R, R))  # NaN/inf when a column broke down
            broken = ~np.isfinite(alpha) | ~np.isfinite(omega) | ~np.isfinite(rnorm)
            done = rnorm <= RTOL * bnorm
            todo = todo & ~done & ~broken
            if broken.any():
                todo &= ~broken
                R[:, broken] = 0.0
                X[:, broken] = np.nan
            if not todo.any():
                break
            rho = np.where(todo, rho1, 1.0)
            omega = np.where(todo, omega, 1.0)
    # check every column; redo exactly what did not settle
    res = np.abs(B - _op(A, U, U * np.nan_to_num(X))).max(axis=0) if len(B) else np.zeros(B.shape[1])
    bad = ~np.isfinite(X).all(axis=0) | (res > 1e-9 * np.maximum(1.0, np.abs(B).max(axis=0)))
    if bad.any():
        import scipy.sparse as sp  # scipy: imported with the chances, not by a small maze's check
        from scipy.sparse.linalg import spsolve
    for c in np.flatnonzero(bad):
        idx = np.flatnonzero(U[:, c])
        X[:, c] = 0.0
        if len(idx):
            M = (sp.identity(len(idx), format="csc") - A[idx][:, idx].tocsc())
            X[idx, c] = np.atleast_1d(spsolve(M, B[idx, c]))
    return X
