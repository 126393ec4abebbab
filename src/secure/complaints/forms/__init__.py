"""Forms: the public intake (one definition drives the steps and the printable form) and staff."""
