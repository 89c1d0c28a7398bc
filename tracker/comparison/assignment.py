"""One-to-one assignment of weighted pairs: the Hungarian method, per connected component."""

from __future__ import annotations


def matching(weights: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Maximum-weight one-to-one pairs among `weights`, sorted.

    Pairs that share no row or column with each other cannot compete, so each connected
    component of the pair graph is solved on its own: the dense method is cubic in the size
    of its matrix, and a sparse graph of many small components stays near-linear.
    """
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for o, n in weights:
        root_a, root_b = find(("o", o)), find(("n", n))
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    components: dict[tuple[str, int], dict[tuple[int, int], float]] = {}
    for (o, n), weight in sorted(weights.items()):
        components.setdefault(find(("o", o)), {})[(o, n)] = weight
    chosen: list[tuple[int, int]] = []
    for part in components.values():
        rows = sorted({o for o, _ in part})
        cols = sorted({n for _, n in part})
        chosen.extend(hungarian(part, rows, cols))
    return sorted(chosen)


def hungarian(
    weights: dict[tuple[int, int], float], rows: list[int], cols: list[int]
) -> list[tuple[int, int]]:
    """Maximum-weight matching of rows to columns by the Hungarian method (potentials form).

    Works on a square matrix whose missing entries weigh 0, which stands for "not paired"; a
    pair chosen at weight 0 is dropped.
    """
    size = max(len(rows), len(cols))
    row_of = {o: i for i, o in enumerate(rows, 1)}
    col_of = {n: j for j, n in enumerate(cols, 1)}
    cost = [[0.0] * (size + 1) for _ in range(size + 1)]
    for (o, n), weight in weights.items():
        cost[row_of[o]][col_of[n]] = -weight
    infinity = float("inf")
    u = [0.0] * (size + 1)
    v = [0.0] * (size + 1)
    match = [0] * (size + 1)  # match[column] = row
    way = [0] * (size + 1)
    for row in range(1, size + 1):
        match[0] = row
        column = 0
        least = [infinity] * (size + 1)
        used = [False] * (size + 1)
        while True:
            used[column] = True
            current = match[column]
            delta, next_column = infinity, 0
            cost_row = cost[current]
            u_current = u[current]
            for j in range(1, size + 1):
                if not used[j]:
                    reduced = cost_row[j] - u_current - v[j]
                    if reduced < least[j]:
                        least[j], way[j] = reduced, column
                    if least[j] < delta:
                        delta, next_column = least[j], j
            for j in range(size + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            column = next_column
            if match[column] == 0:
                break
        while column:
            previous = way[column]
            match[column] = match[previous]
            column = previous
    chosen: list[tuple[int, int]] = []
    for j in range(1, size + 1):
        i = match[j]
        if i and i <= len(rows) and j <= len(cols) and (rows[i - 1], cols[j - 1]) in weights:
            chosen.append((rows[i - 1], cols[j - 1]))
    return chosen
