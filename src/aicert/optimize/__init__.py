"""Pure optimisation library (numpy/scipy HiGHS MILP, no Django import).

Modules: ``assembly`` (automated test assembly of parallel forms) and ``invigilation``
(invigilator-to-room assignment).
"""
