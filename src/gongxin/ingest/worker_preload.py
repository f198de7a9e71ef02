"""Loaded once by the import worker's forkserver: Django and the import kinds, ready to fork."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongxin.settings")

import django

django.setup()

from gongxin.ingest import parsing  # noqa: E402, F401
from gongxin.ingest.kinds import import_kinds  # noqa: E402

import_kinds()
