"""The web portal: views by page (``portal.views``), forms (``portal.forms``), template tags,
and its templates under ``templates/portal/``.

A face over the domain apps, like ``api``: it may import ``scheduling``, ``training``,
``athletes`` and ``core``; none of them imports it."""
