"""One module per `aktstykke` subcommand, each with register(subparsers)."""
