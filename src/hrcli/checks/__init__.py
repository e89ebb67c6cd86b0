"""`hrcli check`: validate a report project and return a Report of Diagnostics (never prints).

The entry point is `hrcli.checks.run.run_check`; this package module stays empty so that the
cache (checks/cache.py) can be used without importing the models and the catalog.
"""
