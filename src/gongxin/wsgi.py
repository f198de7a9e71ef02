import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongxin.settings")
application = get_wsgi_application()
# Every view and its imports now, at start-up: Django otherwise loads the URLconf inside the
# first request, which then takes a second (matplotlib, DuckDB, the API schema).
import_module(settings.ROOT_URLCONF)
