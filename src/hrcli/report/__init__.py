"""`hrcli compile`: from a checked project to a report model, Markdown through Jinja, then documents."""
