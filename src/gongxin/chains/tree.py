"""A chain map as a tree of nodes: its faults, its leaves, its order. Pure Python.

Nodes name their parent by code within the chain; an empty parent is a top segment (a chain
may have several, e.g. 热电 and 氧化铝 both feeding 电解铝 are drawn as one top and its child).
"""

from __future__ import annotations

from collections.abc import Mapping

ERR_PARENT_MISSING = "上级环节“{parent}”不在产业链 {chain} 的图谱中（图谱须整链提供）"
ERR_CYCLE = "环节“{node}”的上级关系构成循环：{path}"
ERR_SELF_PARENT = "环节“{node}”不能以自身为上级"


def tree_faults(chain: str, parents: Mapping[str, str | None]) -> dict[str, tuple[str, str]]:
    """For each faulty node code: (column, reason); ``parents`` maps node → parent or None.

    A parent that is not a node of the chain is reported at ``parent``; every node on a cycle
    is reported once, naming the cycle.
    """
    faults: dict[str, tuple[str, str]] = {}
    for node, parent in parents.items():
        if parent is None:
            continue
        if parent == node:
            faults[node] = ("parent", ERR_SELF_PARENT.format(node=node))
        elif parent not in parents:
            faults[node] = ("parent", ERR_PARENT_MISSING.format(parent=parent, chain=chain))
    for start in parents:
        if start in faults:
            continue
        seen: list[str] = []
        node: str | None = start
        while node is not None and node not in seen and node not in faults:
            seen.append(node)
            node = parents.get(node)
        if node is not None and node in seen:
            cycle = seen[seen.index(node) :]
            path = " → ".join([*cycle, node])
            for member in cycle:
                faults.setdefault(member, ("parent", ERR_CYCLE.format(node=member, path=path)))
    return faults


def leaves(parents: Mapping[str, str | None]) -> list[str]:
    """The nodes no other node names as its parent, in the mapping's order."""
    with_children = {p for p in parents.values() if p}
    return [n for n in parents if n not in with_children]


def depth_first(parents: Mapping[str, str | None]) -> list[tuple[str, int]]:
    """(node, depth) from each top segment down, children in the mapping's order."""
    children: dict[str | None, list[str]] = {}
    for node, parent in parents.items():
        children.setdefault(parent or None, []).append(node)
    out: list[tuple[str, int]] = []

    def walk(node: str, depth: int) -> None:
        out.append((node, depth))
        for child in children.get(node, []):
            walk(child, depth + 1)

    for top in children.get(None, []):
        walk(top, 0)
    return out


def nested(parents: Mapping[str, str | None], payload: Mapping[str, dict]) -> list[dict]:
    """The tree as nested dicts (``payload[node]`` plus ``children``), e.g. for a chart."""
    children: dict[str | None, list[str]] = {}
    for node, parent in parents.items():
        children.setdefault(parent or None, []).append(node)

    def build(node: str) -> dict:
        return {**payload[node], "children": [build(c) for c in children.get(node, [])]}

    return [build(top) for top in children.get(None, [])]
