"""Enterprise appeals (企业诉求 / 诉求通): intake, routing to units, working-day limits, rating.

See ``docs/appeals.md``: the states and who may move them, the limit arithmetic, the rates.
"""
