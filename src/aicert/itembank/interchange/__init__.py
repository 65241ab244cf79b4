"""Moving items in and out of the bank: QTI 3.0 / 2.1 content packages, CSV and XLSX.

- :mod:`.safety`: reading hostile uploads (zip and XML limits, XXE and zip-bomb refusal).
- :mod:`.qti`: one language variant of an item <-> one QTI item document.
- :mod:`.package`: IMS content packages with LOM and aicert metadata; variants grouped by id.
- :mod:`.tabular`: single-choice items as CSV / XLSX rows.
- :mod:`.selectors` / :mod:`.services`: the catalogue by code; plan, import and export (audited).
"""
