"""Pure psychometrics library (numpy/scipy, no Django import).

Modules: ``irf`` (item response functions), ``ctt`` (classical test theory), ``irt`` (marginal
maximum-likelihood calibration), ``ability`` (person scoring), ``linking``, ``dif``,
``standard_setting`` and ``cat`` (computerised adaptive testing).
"""
