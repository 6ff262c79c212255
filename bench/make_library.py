#!/usr/bin/env python3
"""Builds a letter library for timing `klarbrev check`.

    python3 bench/make_library.py [OUT_DIR] [--letters N] [--corpus FILE]

Writes N letters (default 10,000, about 2 KB each, about 20 MB in all) into
OUT_DIR (default /tmp/klarbrev-library), spread over sub-folders like a
municipality's template library. Most letters are cut from the Danish prose
of the benchmark corpus (../shared/bench/make-corpus.sh, corpus.txt); every
fifth is one of klarbrev's stiff example letters with a varied opening, as
Markdown with a `type:` in its front matter, so the required-element checks
run too. Without a corpus the example letters alone are used. Deterministic
(fixed seed); standard library only.
"""

import argparse
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FOLDERS = ["indkaldelser", "afgoerelser", "anmodninger", "partshoeringer", "diverse"]
TYPES = {
    "indkaldelse-samtale.txt": "indkaldelse",
    "afgoerelse-sanktion.txt": "afgoerelse-nedsaettelse",
    "anmodning-dokumentation.md": "anmodning",
    "afgoerelse-bevilling.md": "afgoerelse-bevilling",
}


def strip_front_matter(text):
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5:]
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?", default="/tmp/klarbrev-library")
    ap.add_argument("--letters", type=int, default=10_000)
    ap.add_argument("--corpus", default="/tmp/klarbrev-bench/corpus.txt")
    args = ap.parse_args()

    rng = random.Random(20261123)
    examples = {}
    for name in sorted(TYPES):
        with open(os.path.join(ROOT, "examples", name), encoding="utf-8") as f:
            examples[name] = strip_front_matter(f.read())
    paragraphs = []
    if os.path.exists(args.corpus):
        with open(args.corpus, encoding="utf-8") as f:
            paragraphs = [p.strip() for p in f.read().split("\n\n") if len(p.strip()) > 40]
    if not paragraphs:
        print("make_library: no corpus; using the example letters only", file=sys.stderr)

    for folder in FOLDERS:
        os.makedirs(os.path.join(args.out, folder), exist_ok=True)
    total = 0
    for i in range(args.letters):
        folder = FOLDERS[i % len(FOLDERS)]
        if i % 5 == 0 or not paragraphs:
            name = sorted(TYPES)[(i // 5) % len(TYPES)]
            body = examples[name]
            lines = body.split("\n")
            cut = rng.randrange(0, max(1, len(lines) // 4))
            text = f"---\ntype: {TYPES[name]}\nnummer: {i}\n---\n" + "\n".join(lines[cut:])
            path = os.path.join(args.out, folder, f"brev-{i:05d}.md")
        else:
            chunk, size = [], 0
            start = rng.randrange(len(paragraphs))
            j = start
            while size < 2000:
                p = paragraphs[j % len(paragraphs)]
                chunk.append(p)
                size += len(p.encode("utf-8")) + 2
                j += 1
            text = "\n\n".join(chunk) + "\n"
            path = os.path.join(args.out, folder, f"brev-{i:05d}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text.encode("utf-8"))
    print(f"{args.letters} letters, {total} bytes ({total / 1e6:.1f} MB) in {args.out}")


if __name__ == "__main__":
    main()
