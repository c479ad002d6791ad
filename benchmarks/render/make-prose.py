#!/usr/bin/env python3
"""Writes a large prose notebook for the rendering benchmark (benchmarks/README.md, "Rendering").

    python3 benchmarks/render/make-prose.py OUT.md [MEGABYTES] [SEED]

Deterministic for a given size and seed (default 20 MB, seed 26): headings,
paragraphs with inline code, emphasis, links and `$...$` math, display math,
lists, a few non-ASCII words, and every fiftieth section a small cahier block
whose outputs are right, so `cahier render` runs it as a course page.
The file is not committed: make it where it is needed.
"""
import random
import sys

WORDS = ("the a of and to in is that for it as with on by this be are from or an which we each its "
         "model weight gradient loss layer tensor vector matrix sample feature label training step "
         "learning rate error prediction output input value function sum product mean variance "
         "perceptron network hidden unit activation softmax entropy batch epoch data set point "
         "shows gives takes keeps reads writes grows falls changes moves computes checks").split()
ACCENTED = ["déjà", "élève", "naïve", "façade", "Zürich", "für", "señal", "Ångström", "λ-calcul", "→"]
MATH = [r"w^\top x + b", r"\hat y = \sigma(z)", r"x_1, \dots, x_n", r"\frac{1}{n} \sum_i \ell_i",
        r"k \times d", r"z \ge 0", r"\mathbb{R}^d", r"a_{ij} = b_i c_j", r"\|w\|_2 < 1", r"e^{-x}"]
CODE = ["x * 10", "sum(x)", "let w = [1, 2]", "mean(v)", "a < b && c > d", "f(\"s\")", "t'", "m & n"]


def sentence(rng):
    words = []
    for _ in range(rng.randint(6, 18)):
        r = rng.random()
        if r < 0.04:
            words.append("`" + rng.choice(CODE) + "`")
        elif r < 0.07:
            words.append("$" + rng.choice(MATH) + "$")
        elif r < 0.09:
            words.append("*" + rng.choice(WORDS) + "*")
        elif r < 0.10:
            words.append("[" + rng.choice(WORDS) + "](https://example.org/" + rng.choice(WORDS) + ")")
        elif r < 0.11:
            words.append(rng.choice(ACCENTED))
        else:
            words.append(rng.choice(WORDS))
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice(".....?!:")


def paragraph(rng):
    text = " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))
    # Wrap at about 78 columns, as authors do.
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > 78:
            lines.append(line)
            line = word
        else:
            line = (line + " " + word) if line else word
    lines.append(line)
    return "\n".join(lines)


def section(rng, index):
    parts = ["## Section %d: %s %s" % (index, rng.choice(WORDS), rng.choice(WORDS))]
    for _ in range(rng.randint(2, 5)):
        r = rng.random()
        if r < 0.15:
            parts.append("\n".join("- " + sentence(rng) for _ in range(rng.randint(2, 5))))
        elif r < 0.22:
            parts.append("\n".join("%d. %s" % (k + 1, sentence(rng)) for k in range(rng.randint(2, 4))))
        elif r < 0.27:
            parts.append("$$\n" + rng.choice(MATH) + " = " + rng.choice(MATH) + "\n$$")
        elif r < 0.30:
            parts.append("### " + sentence(rng).rstrip(".?!:"))
        else:
            parts.append(paragraph(rng))
    if index % 50 == 0:
        a, b = rng.randint(1, 99), rng.randint(1, 99)
        parts.append("```cahier\n> %d + %d\n%d\n> [%d, %d] * 2\n[%d, %d]\n```" % (a, b, a + b, a, b, 2 * a, 2 * b))
    return "\n\n".join(parts)


def main():
    out = sys.argv[1]
    megabytes = float(sys.argv[2]) if len(sys.argv) > 2 else 20
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 26)
    limit = int(megabytes * 1_000_000)
    pieces = ["---\ntitle: A long prose notebook\n---\n# A long prose notebook\n\n" + paragraph(rng)]
    size, index = len(pieces[0].encode()), 1
    while size < limit:
        piece = "\n\n" + section(rng, index)
        pieces.append(piece)
        size += len(piece.encode())
        index += 1
    with open(out, "w", encoding="utf-8") as f:
        f.write("".join(pieces) + "\n")


if __name__ == "__main__":
    main()
