"""Shared MILP plumbing and manager-readable explanations of infeasibility.

Both optimisation models (``assembly`` and ``invigilation``) are mixed-integer linear programmes
solved with HiGHS (Huangfu & Hall, 2018) through :func:`scipy.optimize.milp`. This module holds

* the exception classes raised when no plan can be produced (:class:`InfeasibleError` carries a
  list of reasons written for an exam manager, never a bare solver status);
* :class:`MilpModel`, a small sparse model builder whose constraint rows are grouped into named
  *families* and tagged with a description, so that an *elastic* re-solve can tell which rows
  could not be met.

Infeasibility is diagnosed in two stages. Each model first runs cheap counting checks (supply
versus demand per domain, per room, per time slot) that catch the common data problems with an
exact shortfall. When those pass but the MILP is still infeasible, the model is re-solved in
*elastic* form (Chinneck, 2008, "Feasibility and Infeasibility in Optimization", ch. 7; the
"elastic programming" of Brown & Graves, 1975): every row of the chosen constraint families gets
non-negative slack variables and the total weighted slack is minimised. Rows that still need
slack at the optimum identify the constraints that cannot be met together, and by how much.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

__all__ = [
    "InfeasibleError",
    "MilpModel",
    "MilpSolution",
    "OptimizeError",
    "SlackRow",
    "SolverLimitError",
    "plural",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

# Set AICERT_MILP_DISP=1 to print the HiGHS log (debugging and benchmarking only).
_DISP = bool(os.environ.get("AICERT_MILP_DISP"))

_STATUS = {
    0: "optimal",
    1: "time_limit",
    2: "infeasible",
    3: "unbounded",
    4: "error",
}


class OptimizeError(Exception):
    """Base class for errors raised by :mod:`aicert.optimize`."""


class InfeasibleError(OptimizeError):
    """No plan satisfies every rule; ``reasons`` explains why in plain words.

    ``stage`` is ``"precheck"`` when a counting check found the shortfall before solving, and
    ``"elastic"`` when the MILP was infeasible and an elastic re-solve located the rules that
    cannot be met together.
    """

    def __init__(self, reasons: Sequence[str], *, stage: str, summary: str | None = None) -> None:
        self.reasons: list[str] = list(reasons)
        self.stage = stage
        head = summary or "No plan satisfies all the rules:"
        super().__init__("\n".join([head, *(f"- {r}" for r in self.reasons)]))


class SolverLimitError(OptimizeError):
    """The solver hit its time limit before finding any feasible plan (not proven infeasible)."""


def plural(n: int | float, word: str, many: str | None = None) -> str:
    """``"1 item"``, ``"3 items"``; ``many`` overrides the plural form."""
    if isinstance(n, float) and not float(n).is_integer():
        return f"{n:g} {many or word + 's'}"
    return f"{int(n)} {word if int(n) == 1 else (many or word + 's')}"


@dataclass(frozen=True)
class SlackRow:
    """A constraint row that needed slack in an elastic solve.

    ``below`` is how far the row's activity fell short of its lower bound, ``above`` how far it
    exceeded its upper bound. ``tag`` is whatever the model attached to the row.
    """

    family: str
    tag: Any
    below: float
    above: float
    lower: float
    upper: float


@dataclass(frozen=True)
class MilpSolution:
    """Outcome of :meth:`MilpModel.solve`."""

    status: str
    x: FloatArray | None
    objective: float | None
    gap: float | None
    dual_bound: float | None
    time_seconds: float
    message: str
    slack: tuple[SlackRow, ...] = ()

    @property
    def has_solution(self) -> bool:
        return self.x is not None


@dataclass
class _Block:
    family: str
    rows: IntArray
    cols: IntArray
    vals: FloatArray
    lb: FloatArray
    ub: FloatArray
    tags: Sequence[Any] | None


@dataclass
class MilpModel:
    """Minimal sparse MILP builder (minimisation) with named constraint families.

    Variables are added in vectors (:meth:`add_vars` returns their column indices); constraints
    are added as blocks of COO triplets with local row numbers (:meth:`add_constraints`).
    """

    _lb: list[FloatArray] = field(default_factory=list)
    _ub: list[FloatArray] = field(default_factory=list)
    _int: list[NDArray[np.int8]] = field(default_factory=list)
    _cost: list[FloatArray] = field(default_factory=list)
    _blocks: list[_Block] = field(default_factory=list)
    n_vars: int = 0

    def add_vars(
        self,
        n: int,
        *,
        lb: ArrayLike = 0.0,
        ub: ArrayLike = 1.0,
        integer: bool = True,
        cost: ArrayLike = 0.0,
    ) -> IntArray:
        """Add ``n`` variables and return their column indices."""
        idx = np.arange(self.n_vars, self.n_vars + n, dtype=np.int64)
        self._lb.append(np.broadcast_to(np.asarray(lb, dtype=float), (n,)).copy())
        self._ub.append(np.broadcast_to(np.asarray(ub, dtype=float), (n,)).copy())
        self._int.append(np.full(n, 1 if integer else 0, dtype=np.int8))
        self._cost.append(np.broadcast_to(np.asarray(cost, dtype=float), (n,)).copy())
        self.n_vars += n
        return idx

    def add_constraints(
        self,
        family: str,
        rows: ArrayLike,
        cols: ArrayLike,
        vals: ArrayLike,
        lb: ArrayLike,
        ub: ArrayLike,
        tags: Sequence[Any] | None = None,
    ) -> None:
        """Add ``m = len(lb)`` rows ``lb <= A x <= ub`` given as triplets with local row ids."""
        lb_arr = np.atleast_1d(np.asarray(lb, dtype=float))
        m = lb_arr.shape[0]
        if m == 0:
            return
        ub_arr = np.broadcast_to(np.asarray(ub, dtype=float), (m,)).copy()
        rows_arr = np.asarray(rows, dtype=np.int64).ravel()
        cols_arr = np.asarray(cols, dtype=np.int64).ravel()
        vals_arr = np.broadcast_to(np.asarray(vals, dtype=float), rows_arr.shape).copy()
        if tags is not None and len(tags) != m:
            raise ValueError("one tag per row is required")
        self._blocks.append(_Block(family, rows_arr, cols_arr, vals_arr, lb_arr, ub_arr, tags))

    @property
    def n_rows(self) -> int:
        return sum(b.lb.shape[0] for b in self._blocks)

    def solve(
        self,
        *,
        time_limit: float | None = None,
        mip_gap: float | None = None,
        elastic: Mapping[str, float] | None = None,
        relax: bool = False,
    ) -> MilpSolution:
        """Solve with HiGHS branch-and-cut.

        With ``elastic={family: weight}``, every row of those families gets non-negative slack
        (one per finite side), the original objective is dropped and the weighted slack total is
        minimised; rows left with slack are reported in :attr:`MilpSolution.slack`.
        ``relax=True`` solves the linear-programming relaxation (all variables continuous).
        """
        lb = np.concatenate(self._lb) if self._lb else np.zeros(0)
        ub = np.concatenate(self._ub) if self._ub else np.zeros(0)
        integrality = np.concatenate(self._int) if self._int else np.zeros(0, dtype=np.int8)
        cost = np.concatenate(self._cost) if self._cost else np.zeros(0)
        n = self.n_vars

        r_parts: list[IntArray] = []
        c_parts: list[IntArray] = []
        v_parts: list[FloatArray] = []
        row_lb: list[FloatArray] = []
        row_ub: list[FloatArray] = []
        slack_map: list[tuple[int, int, _Block, int]] = []  # (col, sign, block, local row)
        offset = 0
        extra_cost: list[float] = []
        for block in self._blocks:
            m = block.lb.shape[0]
            r_parts.append(block.rows + offset)
            c_parts.append(block.cols)
            v_parts.append(block.vals)
            row_lb.append(block.lb)
            row_ub.append(block.ub)
            if elastic is not None and block.family in elastic:
                weight = float(elastic[block.family])
                for side, bound in ((+1, block.lb), (-1, block.ub)):
                    finite = np.flatnonzero(np.isfinite(bound))
                    if finite.size == 0:
                        continue
                    cols = np.arange(n, n + finite.size, dtype=np.int64)
                    n += finite.size
                    r_parts.append(finite + offset)
                    c_parts.append(cols)
                    v_parts.append(np.full(finite.size, float(side)))
                    extra_cost.extend([weight] * finite.size)
                    for col, local in zip(cols.tolist(), finite.tolist(), strict=True):
                        slack_map.append((col, side, block, local))
            offset += m

        n_slack = n - self.n_vars
        if elastic is not None:
            cost = np.concatenate([np.zeros(self.n_vars), np.asarray(extra_cost, dtype=float)])
            lb = np.concatenate([lb, np.zeros(n_slack)])
            ub = np.concatenate([ub, np.full(n_slack, np.inf)])
            integrality = np.concatenate([integrality, np.zeros(n_slack, dtype=np.int8)])

        if relax:
            integrality = np.zeros_like(integrality)
        constraints = []
        if offset:
            a_mat = csr_array(
                (np.concatenate(v_parts), (np.concatenate(r_parts), np.concatenate(c_parts))),
                shape=(offset, n),
            )
            constraints.append(
                LinearConstraint(a_mat, np.concatenate(row_lb), np.concatenate(row_ub))
            )
        options: dict[str, Any] = {"disp": _DISP, "presolve": True}
        if time_limit is not None:
            options["time_limit"] = float(time_limit)
        if mip_gap is not None:
            options["mip_rel_gap"] = float(mip_gap)

        start = time.perf_counter()
        res = milp(
            cost,
            integrality=integrality,
            bounds=Bounds(lb, ub),
            constraints=constraints,
            options=options,
        )
        elapsed = time.perf_counter() - start

        x = None if res.x is None else np.asarray(res.x, dtype=float)
        status = _STATUS.get(int(res.status), "error")
        slack: list[SlackRow] = []
        if x is not None and slack_map:
            amounts: dict[tuple[int, int], list[float]] = {}
            blocks: dict[int, _Block] = {}
            for col, side, block, local in slack_map:
                key = (id(block), local)
                blocks[id(block)] = block
                entry = amounts.setdefault(key, [0.0, 0.0])
                entry[0 if side > 0 else 1] += float(x[col])
            for (bid, local), (below, above) in amounts.items():
                if below > 1e-6 or above > 1e-6:
                    block = blocks[bid]
                    slack.append(
                        SlackRow(
                            family=block.family,
                            tag=None if block.tags is None else block.tags[local],
                            below=below,
                            above=above,
                            lower=float(block.lb[local]),
                            upper=float(block.ub[local]),
                        )
                    )
            x = x[: self.n_vars]
        gap = getattr(res, "mip_gap", None)
        dual = getattr(res, "mip_dual_bound", None)
        return MilpSolution(
            status=status,
            x=x,
            objective=None if res.fun is None else float(res.fun),
            gap=None if gap is None or x is None else float(gap),
            dual_bound=None if dual is None else float(dual),
            time_seconds=elapsed,
            message=str(res.message),
            slack=tuple(slack),
        )


def explain_slack(
    slack: Sequence[SlackRow], describe: Mapping[str, Callable[[SlackRow], str]]
) -> list[str]:
    """Turn elastic slack rows into sentences using one formatter per constraint family."""
    reasons: list[str] = []
    seen: set[str] = set()
    for row in slack:
        fmt = describe.get(row.family)
        text = fmt(row) if fmt is not None else f"a '{row.family}' rule could not be met"
        if text not in seen:
            seen.add(text)
            reasons.append(text)
    return reasons
