"""Views: the public intake and status pages (``public``) and the staff side (``staff``)."""
