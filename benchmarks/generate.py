"""IVR-like random mazes for benchmarks and readability checks.

Menus with 3-9 keys, about 5% of options going back up to an earlier menu, queues with
opening hours that resolve a few of 20 intents and transfer to other queues, closing
messages, voicemail and callbacks, time branches, 5 schedules with holidays. Large mazes
are split over several files (a main line plus parts reached through ``external``), as a
big contact centre would keep them: one file stays well under the 10 MB limit.

    python -m benchmarks.generate 500 out/maze500      # writes out/maze500/main.yaml, ...
"""
from __future__ import annotations

import os
import random
import sys

import yaml

INTENTS = [f"intent-{i:02d}" for i in range(20)]
HOURS = {
    "office": {"mon-fri": "08:00-17:00", "holidays": ["2026-12-25", "2027-01-01"]},
    "late": {"mon-fri": "08:00-20:00", "sat": "09:00-17:00", "holidays": ["2026-12-25"]},
    "weekend": {"sat,sun": "10:00-16:00"},
    "night": {"daily": "20:00-08:00"},
    "support": {"mon-sat": ["07:00-12:00", "13:00-22:00"], "holidays": ["2027-01-01"]},
}
SCHEDULES = list(HOURS)


def _file_nodes(rng: random.Random, budget: int, prefix: str, exits: list) -> dict:
    """One file's nodes: a tree of menus from ``{prefix}root`` with back edges and transfers.
    ``exits``: (node id, external spec) pairs to hang below the first menus."""
    nodes: dict = {}
    menus: list[str] = []
    queues: list[str] = []
    counter = [0]

    def new_id(kind):
        counter[0] += 1
        return f"{prefix}{kind}{counter[0]}"

    root = f"{prefix}root"
    nodes[root] = {"menu": "Main menu. Please choose.", "options": {}, "no_input": root, "no_match": root,
                   "exhausted": f"{prefix}bye"}
    nodes[f"{prefix}bye"] = {"say": "Sorry, we could not understand you. Goodbye."}
    nodes[f"{prefix}closed"] = {"say": "We are closed now. Please call again later."}
    menus.append(root)
    frontier = [root]
    exits = list(exits)
    while frontier and len(nodes) < budget:
        menu = frontier.pop(0)
        n_keys = rng.randint(3, 9)
        keys = list("123456789")[:n_keys]
        for key in keys:
            if len(nodes) >= budget:
                break
            if exits:
                nid, spec = exits.pop(0)
                nodes[nid] = {"external": spec}
                nodes[menu]["options"][key] = nid
                continue
            if rng.random() < 0.05 and len(menus) > 1:
                nodes[menu]["options"][key] = rng.choice(menus[: max(1, len(menus) // 2)])
                continue
            r = rng.random()
            if not frontier:  # keep the tree growing until the budget is spent
                r = 0.0
            if r < 0.32:
                child = new_id("m")
                nodes[child] = {"menu": f"Menu {child}.", "options": {}, "no_input": child, "no_match": child,
                                "exhausted": f"{prefix}bye"}
                menus.append(child)
                frontier.append(child)
            elif r < 0.80:
                child = new_id("q")
                q = {"queue": f"Team {child}"}
                if rng.random() < 0.8:
                    q["hours"] = rng.choice(SCHEDULES)
                    q["closed"] = rng.choice([f"{prefix}closed", menu, f"{prefix}closed"])
                if rng.random() < 0.7:
                    q["resolves"] = rng.sample(INTENTS, rng.randint(1, 3))
                queues.append(child)
                nodes[child] = q
            elif r < 0.87:
                child = new_id("s")
                nodes[child] = {"say": f"Information {child}.", "next": rng.choice([menu, "hangup"])}
                if rng.random() < 0.5:
                    nodes[child]["resolves"] = [rng.choice(INTENTS)]
            elif r < 0.92:
                child = new_id("b")
                open_q, closed_t = new_id("q"), rng.choice([f"{prefix}closed", menu])
                nodes[open_q] = {"queue": f"Team {open_q}", "resolves": rng.sample(INTENTS, 2)}
                queues.append(open_q)
                nodes[child] = {"branch": rng.choice(SCHEDULES), "open": open_q, "closed": closed_t}
            else:
                child = new_id("v")
                kind = rng.choice(["voicemail", "callback"])
                nodes[child] = {kind: f"{kind} {child}"}
                if rng.random() < 0.6:
                    nodes[child]["resolves"] = [rng.choice(INTENTS)]
            nodes[menu]["options"][key] = child
    for menu in menus:
        if not nodes[menu]["options"]:
            nodes[menu]["options"]["1"] = f"{prefix}bye"
    # transfers between queues of this file
    for q in queues:
        if rng.random() < 0.6:
            n = rng.randint(1, 3)
            ts = [t for t in rng.sample(queues, min(n, len(queues))) if t != q]
            if ts:
                nodes[q]["transfers"] = [{"to": t, "warm": True} if rng.random() < 0.2 else t for t in ts]
    return nodes


def generate(n_nodes: int, seed: int = 1, per_file: int = 20000) -> dict[str, dict]:
    """File name -> menu document, about ``n_nodes`` nodes in all."""
    rng = random.Random(seed)
    n_parts = max(0, (n_nodes - 1) // per_file)
    main_budget = n_nodes - n_parts * per_file if n_parts else n_nodes
    base = {"ivrmaze": 1, "timezone": "Europe/Amsterdam", "hours": HOURS,
            "intents": {i: f"Intent {i}" for i in INTENTS}}
    files = {}
    exits = [(f"to-part{p + 1}", f"part{p + 1:02d}.yaml") for p in range(n_parts)]
    main_nodes = {"welcome": {"say": "Welcome.", "next": "root"}}
    main_nodes.update(_file_nodes(rng, main_budget - 1, "", exits))
    files["main.yaml"] = {**base, "name": f"Benchmark line ({n_nodes} nodes)", "entry": "welcome",
                          "nodes": main_nodes}
    for p in range(n_parts):
        name = f"part{p + 1:02d}.yaml"
        nodes = _file_nodes(rng, per_file, f"p{p + 1}-", [("back-to-main", "main.yaml")])
        files[name] = {**base, "name": f"Part {p + 1}", "entry": f"p{p + 1}-root", "nodes": nodes}
    return files


def write(folder: str, files: dict) -> list[str]:
    os.makedirs(folder, exist_ok=True)
    paths = []
    for name, doc in files.items():
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8") as fh:
            yaml.dump(doc, fh, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False,
                      default_flow_style=None, width=200)
        paths.append(path)
    return paths


def main(argv=None):
    argv = argv or sys.argv[1:]
    if len(argv) != 2:
        print("usage: python -m benchmarks.generate N_NODES FOLDER", file=sys.stderr)
        return 2
    paths = write(argv[1], generate(int(argv[0])))
    print("\n".join(paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
