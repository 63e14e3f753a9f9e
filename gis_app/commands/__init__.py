"""One module per ``gis-app`` subcommand, each with ``register(subparsers)``."""
