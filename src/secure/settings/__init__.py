"""Settings modules: ``local`` (default), ``test`` and ``production`` (``SECURE_ENV=production``)."""
