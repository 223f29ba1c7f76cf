"""The portal's forms: settings and roster (``settings``), logging (``logs``), plans
(``plans``)."""
