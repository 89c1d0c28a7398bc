"""A series of letters in a git repository: layout, ledger, index, build, ingest, git."""
