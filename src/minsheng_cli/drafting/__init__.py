"""Drafting a plan from a published 分解表: reading the table (`tables`), finding candidate
targets in an item's text (`targets`), assembling and writing the draft (`draft`), and the
review markers a draft carries until a person has confirmed it (`markers`).

Nothing here imports openpyxl or python-docx at module level: `tables` imports them inside the
reader that needs them, so no other command loads them.
"""
