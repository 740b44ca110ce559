"""Settings split by purpose: base (shared), dev (the demo), test, prod."""
