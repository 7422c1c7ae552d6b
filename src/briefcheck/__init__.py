"""briefcheck: a linter for incident briefs written for executives.

The public API is deliberately small: lint a text, lint a file. Everything else
(CLI, language server, pre-commit hook) is a face over these two calls.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "lint_text", "lint_file"]


def __getattr__(name: str):
    # Lazy so that `import briefcheck` (and `briefcheck --help`) never loads spaCy.
    if name in ("lint_text", "lint_file"):
        from briefcheck import engine

        return getattr(engine, name)
    raise AttributeError(name)
