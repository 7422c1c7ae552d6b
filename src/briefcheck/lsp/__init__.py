"""Pieces of the language server (briefcheck.server) that need no running server:
editor settings, LSP conversions and code actions. Each translates between the
engine and LSP; none holds linting logic."""
