"""One shared helper: run small dense linear algebra on one BLAS thread."""

from __future__ import annotations

import contextlib

__all__: list[str] = []


def one_blas_thread():
    """Context manager limiting BLAS to one thread (a no-op without threadpoolctl).

    The package's linear algebra is on small matrices (SVDs of random-feature
    matrices, the layers of small networks, short dot products in the error
    estimators). On a loaded two-core machine a multithreaded OpenBLAS makes
    each call ten to thirty times slower, its threads waiting for a core.
    threadpoolctl comes with scikit-learn; without it this does nothing.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - optional dependency
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")
