"""Instructions per story of the text pipeline, counted by callgrind: a figure noise cannot move.

Run: ``.venv/bin/python bench/text_instructions.py [--stories 100] [--languages ar,en]``
(needs valgrind: ``apt-get install valgrind``). For a before/after pair, run it once with
each checkout's code first on the path (``PYTHONPATH=<other checkout>/src``).

The loop is the one ``bench/bench_text.py`` times (normalize, index terms, abbreviate,
enrich) over the same synthetic stories, after the same warm-up; callgrind counts only that
loop (``--instr-atstart=no``, switched on and off around it with ``callgrind_control``). On a
shared machine the CPU-time figure of ``bench_text.py`` moves by tens of percent with what
else runs (caches, frequency); the instruction count does not, so it is the one to compare
two versions of the code with. It is no speed by itself: a run under callgrind is about 50
times slower.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from options import name_list

HERE = Path(__file__).resolve().parent
SEED = 20241128  # bench_text.py's
LANGUAGES = ("ar", "en")


def loop(language: str, stories: int) -> None:
    """The timed loop of bench_text.py for one language, with counting on around it."""
    sys.path.insert(0, str(HERE))
    import bench_text

    rng = random.Random(SEED)
    made = [(lang, *bench_text.synthetic_story(rng, lang)) for lang in LANGUAGES for _ in range(stories)]
    for lang, headline, body in made[:20]:
        bench_text.pipeline(headline, body, lang)
    chosen = [s for s in made if s[0] == language]
    subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True, capture_output=True)
    for lang, headline, body in chosen:
        bench_text.pipeline(headline, body, lang)
    subprocess.run(["callgrind_control", "-i", "off", str(os.getpid())], check=True, capture_output=True)


def count(language: str, stories: int) -> int:
    """Instructions of the loop for ``language``, run under callgrind in a child process."""
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={tmp}/cg.out",
             sys.executable, __file__, "--child", language, "--stories", str(stories)],
            capture_output=True, text=True,
        )
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if done.returncode or not found:
        raise SystemExit(f"bench/text_instructions.py: callgrind failed:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100, help="stories per language (default 100)")
    parser.add_argument("--languages", type=name_list(LANGUAGES, "language"), default=list(LANGUAGES),
                        help="comma-separated, from: ar, en")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        loop(args.child, args.stories)
        return 0
    languages: list[str] = args.languages
    if args.stories < 1:
        parser.error("--stories must be at least 1")
    if not (shutil.which("valgrind") and shutil.which("callgrind_control")):
        print("bench/text_instructions.py: valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    console = Console()
    table = Table(title=f"Text pipeline instructions, {args.stories} stories per language")
    for col in ("language", "stories", "instructions (M)", "per story (M)"):
        table.add_column(col, justify="right")
    with console.status("counting") as status:
        for language in languages:
            status.update(f"counting {language} under callgrind (about 50× slower than a plain run)")
            total = count(language, args.stories)
            table.add_row(language, str(args.stories), f"{total / 1e6:,.1f}", f"{total / 1e6 / args.stories:.2f}")
    console.print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
