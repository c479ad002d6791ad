#!/usr/bin/env python3
"""Grading benchmark: 500 generated hand-ins of exercise sheet 1, graded as a
whole process on all cores (`cahier grade`, release build), the children
forked from worker servers (the default) and, interleaved round by round,
started as programs (`--no-fork`). Targets: under 15 s; under 2 s (issue 14).

Usage (repository root): python3 benchmarks/grading.py [--count 500] [--rounds 3]
    [--sheet 04-training-loop] [--against OTHER-CAHIER] [--no-build]
--sheet grades the samples of another sheet; --against compares this build
with another `cahier` binary (both forking, interleaved), checks that their
reports are byte for byte the same, and measures the CPU with `perf stat -e
task-clock` (the whole tree) when perf is there.
The hand-ins cycle through the sample hand-ins of Tests/HandIns/01-perceptrons
(full, partial, wrong, empty, malicious) with varied weights, so every grading
path runs. Prints the wall time, the hand-ins per second, the CPU time (user +
system of the whole process tree: the batch, its worker servers and every child
they fork, all reaped) and the load average at the start of each run, and
checks that every hand-in got its three reports. On a shared machine the CPU
time is the steadier figure.
"""
import argparse
import filecmp
import os
import resource
import shutil
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def same_trees(a, b):
    """Whether the folders hold the same files with the same bytes."""
    compared = filecmp.dircmp(a, b)
    if compared.left_only or compared.right_only or compared.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, compared.common_files, shallow=False)
    return not mismatch and not errors and all(same_trees(os.path.join(a, d), os.path.join(b, d)) for d in compared.common_dirs)


def task_clock(command):
    """Runs `command` under perf stat; its result and the task-clock of the whole tree in seconds."""
    with tempfile.NamedTemporaryFile("r", suffix=".perf") as stat:
        result = subprocess.run(["perf", "stat", "-x,", "-e", "task-clock", "-o", stat.name, *command], capture_output=True, text=True)
        for line in stat.read().splitlines():
            fields = line.split(",")
            if len(fields) > 2 and fields[2].startswith("task-clock"):
                return result, float(fields[0]) / 1000
    return result, float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sheet", default="01-perceptrons")
    parser.add_argument("--against")
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "cahier"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    cahier = os.path.join(ROOT, ".build", "release", "cahier")
    SAMPLES = os.path.join(ROOT, "Tests", "HandIns", args.sheet)
    SHEET = os.path.join(ROOT, "notebooks", "exercises", args.sheet + ".md")
    perf = shutil.which("perf") is not None
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
        modes = {"this": [cahier], "against": [args.against]} if args.against else {"fork": [cahier], "no-fork": [cahier, "--no-fork"]}
        times = {mode: [] for mode in modes}
        cpus = {mode: [] for mode in modes}
        loads = []
        for round in range(args.rounds):
            for mode, program in modes.items():
                loads.append(os.getloadavg()[0])
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                command = [program[0], "grade", *program[1:], "--sheet", SHEET, handins, "-o", out]
                if args.against and perf:
                    result, cpu_seconds = task_clock(command)
                else:
                    result = subprocess.run(command, capture_output=True, text=True)
                times[mode].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                if not (args.against and perf):
                    cpu_seconds = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                cpus[mode].append(cpu_seconds)
                if result.returncode != 0:
                    raise SystemExit(result.stderr)
                complete = sum(all(os.path.exists(os.path.join(out, f"student{i:04d}", r)) for r in ("results.json", "junit.xml", "feedback.md"))
                               for i in range(args.count))
                if complete != args.count:
                    raise SystemExit(f"{mode}: reports complete for {complete} of {args.count}")
                last = result.stdout.strip().splitlines()[-1]
                if args.against and round == 0:
                    shutil.move(out, os.path.join(tmp, "reports-" + mode))
                else:
                    shutil.rmtree(out)
        if args.against:
            same = same_trees(os.path.join(tmp, "reports-this"), os.path.join(tmp, "reports-against"))
            print(f"reports of this build and of {args.against}: {'byte for byte the same' if same else 'DIFFERENT'}")
        cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
        print(f"{args.count} hand-ins of {args.sheet}, {os.cpu_count()} cores, {cpu}, {args.rounds} rounds interleaved")
        for mode, values in times.items():
            values.sort()
            median = values[len(values) // 2]
            cpu = sorted(cpus[mode])
            print(f"  {mode:8} min {values[0]:.2f} s, median {median:.2f} s ({args.count / median:.0f} per second); "
                  f"CPU min {cpu[0]:.2f} s, median {cpu[len(cpu) // 2]:.2f} s")
        first, second = list(modes)
        ratios = sorted(b / a for a, b in zip(times[first], times[second]))
        cpu_ratios = sorted(b / a for a, b in zip(cpus[first], cpus[second]))
        print(f"  {second} / {first}, paired median: wall {ratios[len(ratios) // 2]:.2f}x, CPU {cpu_ratios[len(cpu_ratios) // 2]:.2f}x; "
              f"load average at the runs' start {min(loads):.1f}-{max(loads):.1f}")
        print("  " + last)


if __name__ == "__main__":
    main()
