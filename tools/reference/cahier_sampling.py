"""Cahier's documented random-number contract, written again in Python from the
published algorithms: xoshiro256** seeded by SplitMix64 (Blackman and Vigna),
uniform doubles from the top 53 bits, Box–Muller normals, Lemire's bounded
integers, Fisher–Yates permutations, the stratified split and PyTorch-style
Linear initialisation. The reference scripts and the benchmarks replay a
notebook's draws with it; none of it is derived from the Swift code.
"""
import math

import numpy as np

MASK = (1 << 64) - 1


def splitmix64(state):
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


def xoshiro(seed):
    sm = splitmix64(seed)
    s = [next(sm) for _ in range(4)]
    while True:
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        yield result


def uniform(gen):
    return (next(gen) >> 11) * 2.0 ** -53


def normal(gen):
    u1, u2 = uniform(gen), uniform(gen)
    return math.sqrt(-2 * math.log1p(-u1)) * math.cos(2 * math.pi * u2)


def next_index(gen, bound):
    product = next(gen) * bound
    if product % 2**64 < bound:
        threshold = (2**64 - bound) % bound
        while product % 2**64 < threshold:
            product = next(gen) * bound
    return product >> 64


def permutation(gen, n):
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = next_index(gen, i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def split(gen, labels, test=0.2, stratify=True):
    groups = [np.flatnonzero(labels == c) for c in sorted(set(labels.tolist()))] if stratify else [np.arange(len(labels))]
    train, test_ = [], []
    for group in groups:
        order = permutation(gen, len(group))
        k = int(math.floor(test * len(group) + 0.5))
        test_ += [group[i] for i in order[:k]]
        train += [group[i] for i in order[k:]]
    return np.sort(np.array(train, dtype=int)), np.sort(np.array(test_, dtype=int))


def linear_init(gen, inputs, outputs):
    """PyTorch's default init with the notebook's generator: weight then bias, U(±1/√inputs), row-major."""
    bound = 1 / math.sqrt(inputs)
    w = np.array([(2 * uniform(gen) - 1) * bound for _ in range(outputs * inputs)]).reshape(outputs, inputs)
    b = np.array([(2 * uniform(gen) - 1) * bound for _ in range(outputs)])
    return w, b
