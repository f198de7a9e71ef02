import sys

from gongxin.cli.main import main

sys.exit(main())
