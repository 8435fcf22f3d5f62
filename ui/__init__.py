"""Shared UI code of the dashboard: texts, URL state, cached queries, charts and badges.

Only this package and the page scripts import Streamlit; the data comes from `etl` and every
status, label and colour from `indicators`.
"""
