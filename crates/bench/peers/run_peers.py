#!/usr/bin/env python3
"""Peer solvers for `cargo bench -p bench --bench routes`.

Reads the instances the Rust bench wrote (already reduced to integer travel
matrices, service times, windows, demands and priorities, so every solver
sees identical input), solves each with OR-Tools (PATH_CHEAPEST_ARC +
GUIDED_LOCAL_SEARCH) and VROOM under the instance's time limit, and prints
one JSON document on stdout with each solver's routes (lists of job indices
per vehicle) and time. The bench evaluates and checks the routes itself.
Progress goes to stderr.

usage: run_peers.py INSTANCES.json
"""

import json
import sys
import time
from datetime import timedelta


def ranks(jobs):
    """0 = most important: appointments first, then by priority."""
    keys = sorted({(j["tw"] is not None, j["priority"]) for j in jobs}, reverse=True)
    return [keys.index((j["tw"] is not None, j["priority"])) for j in jobs], len(keys)


def solve_ortools(inst):
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    m = inst["matrix"]
    jobs = inst["jobs"]
    nv = inst["vehicles"]
    # Routing nodes: 0 = start depot, 1..=n = jobs, n + 1 = end depot.
    locs = [inst["start"]] + [j["loc"] for j in jobs] + [inst["end"]]
    service = [0] + [j["service"] for j in jobs] + [0]
    end_node = len(locs) - 1
    manager = pywrapcp.RoutingIndexManager(len(locs), nv, [0] * nv, [end_node] * nv)
    routing = pywrapcp.RoutingModel(manager)

    def travel(i, j):
        return m[locs[manager.IndexToNode(i)]][locs[manager.IndexToNode(j)]]

    cost = routing.RegisterTransitCallback(travel)
    routing.SetArcCostEvaluatorOfAllVehicles(cost)

    open_, close = inst["horizon"]
    timed = inst["kind"] != "tsp"
    if timed:
        def elapsed(i, j):
            a = manager.IndexToNode(i)
            return service[a] + m[locs[a]][locs[manager.IndexToNode(j)]]

        t = routing.RegisterTransitCallback(elapsed)
        routing.AddDimension(t, close - open_, close, False, "Time")
        dim = routing.GetDimensionOrDie("Time")
        for k, j in enumerate(jobs):
            if j["tw"] is not None:
                dim.CumulVar(manager.NodeToIndex(k + 1)).SetRange(j["tw"][0], j["tw"][1])
        for v in range(nv):
            dim.CumulVar(routing.Start(v)).SetRange(open_, close)
            dim.CumulVar(routing.End(v)).SetRange(open_, close)
    if inst["capacity"] is not None:
        demand = [0] + [j["demand"] for j in jobs] + [0]
        d = routing.RegisterUnaryTransitCallback(lambda i: demand[manager.IndexToNode(i)])
        routing.AddDimensionWithVehicleCapacity(d, 0, [inst["capacity"]] * nv, True, "Load")
    if inst["fewest_vehicles"]:
        # Far more than any route can save.
        routing.SetFixedCostOfAllVehicles(sum(max(r) for r in m) * 2 + 1)
    if inst["optional"]:
        # Keep the most important visits first (lexicographically), then as
        # many as possible, then minimise travel: a visit outweighs any drive.
        r, levels = ranks(jobs)
        base = (close - open_) * 2 + 1
        for k in range(len(jobs)):
            penalty = base * (len(jobs) + 1) ** (levels - 1 - r[k])
            routing.AddDisjunction([manager.NodeToIndex(k + 1)], penalty)
    elif timed:
        # Every visit is required, but with tight windows and fleet
        # PATH_CHEAPEST_ARC often finds no first solution at all; the usual
        # remedy is a drop penalty far above any route, so that the first
        # solution exists and the search inserts the rest. A plan that still
        # drops visits shows fewer visits and fails the bench's check.
        penalty = sum(max(r) for r in m) * 10 + 1
        if inst["fewest_vehicles"]:
            penalty *= len(jobs) + 1
        for k in range(len(jobs)):
            routing.AddDisjunction([manager.NodeToIndex(k + 1)], penalty)

    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(int(inst["time_limit_s"] * 1000))
    sol = routing.SolveWithParameters(params)
    if sol is None:
        return None
    routes = []
    for v in range(nv):
        idx = routing.Start(v)
        route = []
        while not routing.IsEnd(idx):
            node = manager.IndexToNode(idx)
            if node != 0:
                route.append(node - 1)
            idx = sol.Value(routing.NextVar(idx))
        routes.append(route)
    return routes


def solve_vroom(inst):
    import vroom

    m = inst["matrix"]
    jobs = inst["jobs"]
    problem = vroom.Input()
    problem.set_durations_matrix(profile="car", matrix_input=m)
    open_, close = inst["horizon"]
    timed = inst["kind"] != "tsp"
    cap = inst["capacity"]
    fixed = sum(max(r) for r in m) * 2 + 1 if inst["fewest_vehicles"] else 0
    for v in range(inst["vehicles"]):
        kw = {}
        if timed:
            kw["time_window"] = vroom.TimeWindow(open_, close)
        if cap is not None:
            kw["capacity"] = vroom.Amount([cap])
        if fixed:
            kw["costs"] = vroom.VehicleCosts(fixed=fixed)
        problem.add_vehicle(vroom.Vehicle(v, start=inst["start"], end=inst["end"], **kw))
    r, levels = ranks(jobs)
    for k, j in enumerate(jobs):
        kw = {}
        if j["tw"] is not None:
            kw["time_windows"] = [vroom.TimeWindow(j["tw"][0], j["tw"][1])]
        if cap is not None:
            kw["delivery"] = vroom.Amount([j["demand"]])
        if inst["optional"] and levels > 1:
            # VROOM maximises the sum of priorities (0..=100), then the
            # number of jobs: spread the ranks over that scale.
            kw["priority"] = round(100 * (levels - 1 - r[k]) / (levels - 1))
        problem.add_job(vroom.Job(k, location=j["loc"], default_service=j["service"], **kw))
    sol = problem.solve(
        exploration_level=5,
        nb_threads=1,
        timeout=timedelta(seconds=inst["time_limit_s"]),
    )
    out = sol.to_dict()
    routes = [[] for _ in range(inst["vehicles"])]
    for route in out.get("routes", []):
        routes[route["vehicle"]] = [s["id"] for s in route["steps"] if s["type"] == "job"]
    return routes


def run(solver, inst):
    t = time.perf_counter()
    try:
        routes = solver(inst)
        error = None if routes is not None else "no solution within the time limit"
    except Exception as e:  # noqa: BLE001 - reported per instance, never silently
        routes, error = None, f"{type(e).__name__}: {e}"
    return {"routes": routes, "time_s": time.perf_counter() - t, "error": error}


def main():
    with open(sys.argv[1]) as f:
        instances = json.load(f)["instances"]
    versions = {}
    try:
        import ortools

        versions["ortools"] = ortools.__version__
    except Exception as e:  # noqa: BLE001
        versions["ortools_error"] = str(e)
    try:
        from importlib.metadata import version

        versions["vroom"] = version("pyvroom")
    except Exception as e:  # noqa: BLE001
        versions["vroom_error"] = str(e)
    results = []
    for inst in instances:
        print(f"  peers: {inst['name']} ({inst['time_limit_s']} s each)", file=sys.stderr, flush=True)
        results.append(
            {
                "name": inst["name"],
                "ortools": run(solve_ortools, inst),
                "vroom": run(solve_vroom, inst),
            }
        )
    json.dump({"versions": versions, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
