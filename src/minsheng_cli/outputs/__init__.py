"""Outputs for people outside the terminal: the bulletin in Markdown, HTML and Word, and the
xlsx 台账. Each module lays out data built elsewhere; none computes a fact of its own.

The heavy libraries (Jinja2, python-docx, openpyxl) are imported inside the functions that use
them, so `minsheng status` never loads them.
"""
