"""IVR-like random mazes of an exact size, for benchmarks and readability checks.

Menus with 3-9 keys, about 5% of options going back up to an earlier menu, queues with
opening hours that resolve a few of 20 intents and transfer to other queues, closing
messages, voicemail and callbacks, time branches, 5 schedules with holidays. A maze of N
nodes has exactly N nodes under ``nodes:`` (the built-in ``hangup`` aside). Large mazes are
split into files of 20,000 nodes, as a big contact centre would keep them (one file stays well
under the 10 MB limit): the main file is the one phone line, with the only ``entry``; the part
files have none and are reached through ``external`` nodes of the main file, and each part
sends some callers back to the main line.

    python -m benchmarks.generate 500 out/maze500      # writes out/maze500/main.yaml, ...
"""
from __future__ import annotations

import os
import random
import sys
from typing import Any

import yaml

INTENTS = [f"intent-{i:02d}" for i in range(20)]
HOURS: dict[str, dict[str, Any]] = {
    "office": {"mon-fri": "08:00-17:00", "holidays": ["2026-12-25", "2027-01-01"]},
    "late": {"mon-fri": "08:00-20:00", "sat": "09:00-17:00", "holidays": ["2026-12-25"]},
    "weekend": {"sat,sun": "10:00-16:00"},
    "night": {"daily": "20:00-08:00"},
    "support": {"mon-sat": ["07:00-12:00", "13:00-22:00"], "holidays": ["2027-01-01"]},
}
SCHEDULES = list(HOURS)
PER_FILE = 20000
MAIN = "main.yaml"

Nodes = dict[str, dict[str, Any]]


class _Builder:
    """One file's nodes, grown breadth first from ``{prefix}root`` until exactly ``budget``."""

    def __init__(self, rng: random.Random, budget: int, prefix: str) -> None:
        self.rng, self.budget, self.prefix = rng, budget, prefix
        self.nodes: Nodes = {}
        self.menus: list[str] = []
        self.queues: list[str] = []
        self.frontier: list[str] = []
        self.counter = 0

    def new_id(self, kind: str) -> str:
        self.counter += 1
        return f"{self.prefix}{kind}{self.counter}"

    def full(self) -> bool:
        return len(self.nodes) >= self.budget

    def add_menu(self, nid: str, text: str) -> None:
        self.nodes[nid] = {"menu": text, "options": {}, "no_input": nid, "no_match": nid,
                           "exhausted": f"{self.prefix}bye"}
        self.menus.append(nid)
        self.frontier.append(nid)

    def child(self, menu: str) -> str:
        """A new node below ``menu``: a menu (while the tree must go on growing), queue, message,
        time branch (with its own open queue), voicemail or callback."""
        rng, p = self.rng, self.prefix
        r = rng.random()
        if not self.frontier:  # keep the tree growing until the budget is spent
            r = 0.0
        if r < 0.32:
            nid = self.new_id("m")
            self.add_menu(nid, f"Menu {nid}.")
        elif r < 0.80:
            nid = self.new_id("q")
            q: dict[str, Any] = {"queue": f"Team {nid}"}
            if rng.random() < 0.8:
                q["hours"] = rng.choice(SCHEDULES)
                q["closed"] = rng.choice([f"{p}closed", menu, f"{p}closed"])
            if rng.random() < 0.7:
                q["resolves"] = rng.sample(INTENTS, rng.randint(1, 3))
            self.queues.append(nid)
            self.nodes[nid] = q
        elif r < 0.87:
            nid = self.new_id("s")
            self.nodes[nid] = {"say": f"Information {nid}.", "next": rng.choice([menu, "hangup"])}
            if rng.random() < 0.5:
                self.nodes[nid]["resolves"] = [rng.choice(INTENTS)]
        elif r < 0.92 and self.budget - len(self.nodes) >= 2:  # a branch brings its open queue along
            nid = self.new_id("b")
            open_q, closed_t = self.new_id("q"), rng.choice([f"{p}closed", menu])
            self.nodes[open_q] = {"queue": f"Team {open_q}", "resolves": rng.sample(INTENTS, 2)}
            self.queues.append(open_q)
            self.nodes[nid] = {"branch": rng.choice(SCHEDULES), "open": open_q, "closed": closed_t}
        else:
            nid = self.new_id("v")
            kind = rng.choice(["voicemail", "callback"])
            self.nodes[nid] = {kind: f"{kind} {nid}"}
            if rng.random() < 0.6:
                self.nodes[nid]["resolves"] = [rng.choice(INTENTS)]
        return nid

    def grow(self, exits: list[tuple[str, Any]]) -> None:
        """Fill the menus' keys until the budget is spent; ``exits`` (node id, external spec)
        hang below the first menus, never on the last key that keeps the tree growing."""
        exits = list(exits)
        while self.frontier and not self.full():
            menu = self.frontier.pop(0)
            options = self.nodes[menu]["options"]
            for key in "123456789"[: self.rng.randint(3, 9)]:
                if self.full():
                    break
                if exits and self.frontier:
                    nid, spec = exits.pop(0)
                    self.nodes[nid] = {"external": spec}
                    options[key] = nid
                    continue
                back = self.rng.random() < 0.05 and len(self.menus) > 1
                if back and self.frontier:
                    options[key] = self.rng.choice(self.menus[: max(1, len(self.menus) // 2)])
                    continue
                options[key] = self.child(menu)
        if exits or not self.full():
            raise ValueError(f"a file of {self.budget} nodes is too small for its {len(exits)} exits")

    def finish(self) -> Nodes:
        """Every menu gets an option; a third of the queues transfer to 1-3 others of this file."""
        for menu in self.menus:
            if not self.nodes[menu]["options"]:
                self.nodes[menu]["options"]["1"] = f"{self.prefix}bye"
        for q in self.queues:
            if self.rng.random() < 0.6:
                n = self.rng.randint(1, 3)
                ts = [t for t in self.rng.sample(self.queues, min(n, len(self.queues))) if t != q]
                if ts:
                    self.nodes[q]["transfers"] = [{"to": t, "warm": True} if self.rng.random() < 0.2 else t
                                                  for t in ts]
        return self.nodes


def _file_nodes(rng: random.Random, budget: int, prefix: str, exits: list[tuple[str, Any]]) -> Nodes:
    """Exactly ``budget`` nodes: a tree of menus from ``{prefix}root`` with back edges and transfers."""
    b = _Builder(rng, budget, prefix)
    b.add_menu(f"{prefix}root", "Main menu. Please choose.")
    b.nodes[f"{prefix}bye"] = {"say": "Sorry, we could not understand you. Goodbye."}
    b.nodes[f"{prefix}closed"] = {"say": "We are closed now. Please call again later."}
    b.grow(exits)
    return b.finish()


def part_sizes(n_nodes: int, per_file: int = PER_FILE) -> list[int]:
    """Nodes per file, main file first: parts of ``per_file``, the main file gets the rest (a part
    more when the rest would be too small to hold the ways out to the parts)."""
    n_parts = max(0, (n_nodes - 1) // per_file)
    if n_parts and n_nodes - n_parts * per_file < 2 * n_parts + 10:
        n_parts -= 1
    return [n_nodes - n_parts * per_file] + [per_file] * n_parts


def generate(n_nodes: int, seed: int = 1, per_file: int = PER_FILE) -> dict[str, dict[str, Any]]:
    """File name -> menu document, exactly ``n_nodes`` nodes in all; the main file comes first."""
    rng = random.Random(seed)
    sizes = part_sizes(n_nodes, per_file)
    base = {"ivrmaze": 1, "timezone": "Europe/Amsterdam", "hours": HOURS,
            "intents": {i: f"Intent {i}" for i in INTENTS}}
    names = [f"part{p:02d}.yaml" for p in range(1, len(sizes))]
    exits = [(f"to-part{p}", {"file": name, "node": f"p{p}-root"}) for p, name in enumerate(names, 1)]
    main_nodes: Nodes = {"welcome": {"say": "Welcome.", "next": "root"}}
    main_nodes.update(_file_nodes(rng, sizes[0] - 1, "", exits))
    files = {MAIN: {**base, "name": f"Benchmark line ({n_nodes} nodes)", "entry": "welcome", "nodes": main_nodes}}
    for p, name in enumerate(names, 1):
        nodes = _file_nodes(rng, per_file, f"p{p}-", [("back-to-main", MAIN)])
        files[name] = {**base, "name": f"Part {p}", "nodes": nodes}  # no entry: reached through `external`
    return files


def write(folder: str, files: dict[str, dict[str, Any]]) -> list[str]:
    """Write the files into ``folder``; their paths, the main file first."""
    os.makedirs(folder, exist_ok=True)
    paths = []
    for name, doc in files.items():
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8") as fh:
            yaml.dump(doc, fh, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False,
                      default_flow_style=None, width=200)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print("usage: python -m benchmarks.generate N_NODES FOLDER", file=sys.stderr)
        return 2
    paths = write(argv[1], generate(int(argv[0])))
    print("\n".join(paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
