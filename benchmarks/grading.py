#!/usr/bin/env python3
"""Grading benchmark: 500 generated hand-ins of exercise sheet 1, graded as a
whole process on all cores (`cahier grade`, release build), the children
forked from worker servers (the default) and, interleaved round by round,
started as programs (`--no-fork`). Targets: under 15 s; under 2 s (issue 14).

Usage (repository root): python3 benchmarks/grading.py [--count 500] [--rounds 3]
The hand-ins cycle through the sample hand-ins of Tests/HandIns/01-perceptrons
(full, partial, wrong, empty, malicious) with varied weights, so every grading
path runs. Prints the wall time, the hand-ins per second, the CPU time (user +
system of the whole process tree: the batch, its worker servers and every child
they fork, all reaped) and the load average at the start of each run, and
checks that every hand-in got its three reports. On a shared machine the CPU
time is the steadier figure.
"""
import argparse
import os
import resource
import shutil
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, "Tests", "HandIns", "01-perceptrons")
SHEET = os.path.join(ROOT, "notebooks", "exercises", "01-perceptrons.md")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "cahier"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    cahier = os.path.join(ROOT, ".build", "release", "cahier")
    samples = sorted(os.listdir(SAMPLES))
    texts = {name: open(os.path.join(SAMPLES, name), encoding="utf-8").read() for name in samples}
    with tempfile.TemporaryDirectory() as tmp:
        handins = os.path.join(tmp, "handins")
        os.mkdir(handins)
        for i in range(args.count):
            name = samples[i % len(samples)]
            text = texts[name].replace("[3, -2, -2]", f"[{3 + i % 7}, -{2 + i % 5}, -{2 + i % 5}]")
            with open(os.path.join(handins, f"student{i:04d}.md"), "w", encoding="utf-8") as f:
                f.write(text)
        out = os.path.join(tmp, "out")
        times = {"fork": [], "no-fork": []}
        cpus = {"fork": [], "no-fork": []}
        loads = []
        for _ in range(args.rounds):
            for mode in times:
                flags = ["--no-fork"] if mode == "no-fork" else []
                loads.append(os.getloadavg()[0])
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                result = subprocess.run([cahier, "grade", *flags, "--sheet", SHEET, handins, "-o", out], capture_output=True, text=True)
                times[mode].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpus[mode].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
                if result.returncode != 0:
                    raise SystemExit(result.stderr)
                complete = sum(all(os.path.exists(os.path.join(out, f"student{i:04d}", r)) for r in ("results.json", "junit.xml", "feedback.md"))
                               for i in range(args.count))
                if complete != args.count:
                    raise SystemExit(f"{mode}: reports complete for {complete} of {args.count}")
                last = result.stdout.strip().splitlines()[-1]
                shutil.rmtree(out)
        cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
        print(f"{args.count} hand-ins of sheet 1, {os.cpu_count()} cores, {cpu}, {args.rounds} rounds interleaved")
        for mode, values in times.items():
            values.sort()
            median = values[len(values) // 2]
            cpu = sorted(cpus[mode])
            print(f"  {mode:8} min {values[0]:.2f} s, median {median:.2f} s ({args.count / median:.0f} per second); "
                  f"CPU min {cpu[0]:.2f} s, median {cpu[len(cpu) // 2]:.2f} s")
        ratios = sorted(b / a for a, b in zip(times["fork"], times["no-fork"]))
        print(f"  no-fork / fork, paired median: {ratios[len(ratios) // 2]:.2f}x; load average at the runs' start {min(loads):.1f}-{max(loads):.1f}")
        print("  " + last)


if __name__ == "__main__":
    main()
