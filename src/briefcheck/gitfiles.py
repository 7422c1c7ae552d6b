"""Which files changed, for ``check --changed [REV]``, asked of git.

"Changed since REV" means: differs between REV and the working tree (staged or
not, renames by their new name, deletions left out), plus untracked files git
does not ignore, because a new postmortem is usually not yet added when someone
lints it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class GitError(Exception):
    pass


def _git(*args: str, cwd: str | Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (it is needed for --changed)") from None
    if done.returncode != 0:
        reason = done.stderr.strip().splitlines()
        raise GitError(reason[-1] if reason else f"git {args[0]} failed")
    return done.stdout


def changed_files(rev: str = "HEAD", cwd: str | Path = ".") -> set[str]:
    """Real paths of files changed since ``rev``, plus untracked ones."""
    root = Path(_git("rev-parse", "--show-toplevel", cwd=cwd).strip())
    try:
        _git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}", cwd=cwd)
    except GitError:
        raise GitError(f"{rev!r} is not a git revision here (use --changed=REV)") from None
    changed = _git(
        "diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", rev, "--", cwd=root
    )
    untracked = _git("ls-files", "--others", "--exclude-standard", "-z", cwd=root)
    names = [n for n in (changed + untracked).split("\0") if n]
    return {os.path.realpath(root / name) for name in names}
