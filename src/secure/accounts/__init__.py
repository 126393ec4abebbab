"""People who sign in: accounts, sign-in, lockout, password reset and two-factor authentication."""
