"""Work that depends only on the state, made once and shared by all its lines (issue 15), against
the same work made afresh for each line: BestRoutes over the state's ``route_graph`` (read by
every line in turn, in either order) gives each line the routes, distances and predecessors of
its own graph, with scipy's matrices and with a small maze's."""
import numpy as np
from conftest import both_statics, random_maze
from hypothesis import given, settings
from hypothesis import strategies as hs
from test_analysis_fast_kinds import flows, states

from ivrmaze.analysis.metrics import BestRoutes, route_graph
from ivrmaze.analysis.moves import moves_at
from ivrmaze.testing.strategies import menus


@settings(max_examples=100, deadline=None)
@given(hs.one_of(menus(), flows()), hs.booleans())
def test_a_state_graph_shared_by_its_lines_routes_as_its_own(tmp_path_factory, menu, backwards):
    maze = random_maze(tmp_path_factory, menu)
    if maze is None:
        return
    for st in both_statics(maze):
        starts = [st.index[q] for _, _, q in maze.entries()] + list(range(len(st.nodes)))  # every node a line
        for state in states(maze):
            mv = moves_at(st, state)
            shared = route_graph(mv)
            for entry in (starts[::-1] if backwards else starts):
                a, b = BestRoutes(mv, entry, shared), BestRoutes(mv, entry)
                assert np.array_equal(a.dist, b.dist) and np.array_equal(a.pred, b.pred)
                assert [a.to(mv.resolves[:, c]) for c in range(len(st.intents))] == \
                    [b.to(mv.resolves[:, c]) for c in range(len(st.intents))]
