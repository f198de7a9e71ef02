"""Warnings (红黄蓝预警): rules as data, evaluated over catalog indicators, stored with history.

``rules/`` holds one module per rule kind; ``config.py`` loads and checks the rules file;
``evaluate.py`` runs the rules over the engine; ``services.py`` stores evaluations and
dispositions; ``selectors.py`` reads them within a user's scope. See docs/alerts.md.
"""
