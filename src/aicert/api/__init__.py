"""The JSON API: one django-ninja :class:`~ninja.NinjaAPI` mounted at ``/api/``.

Apps contribute routers; this package only wires them (see :mod:`aicert.api.api`). Conventions:

* authentication is the Django session (the same sign-in as the pages), and every unsafe method
  needs the CSRF token in the ``X-CSRFToken`` header (``SessionAuth(csrf=True)``);
* handlers stay thin: parse, call one service or selector, serialise;
* object-level checks happen in the selectors and services (an object the user may not see is
  a 404, an action they may not take a 403);
* a ``ValidationError`` from a service becomes ``409 {"detail": [...], "code": ...}``.
"""
