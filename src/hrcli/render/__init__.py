"""Turning rendered report Markdown into DOCX, HTML and PDF: escaping, conversion and charts."""
