//! The search engine shared by the day and the week planner: a vehicle
//! routing problem with time windows, capacities, optional visits ranked by
//! importance, and days as vehicles.
//!
//! The objective is lexicographic: first keep as many visits of the most
//! important rank as possible, then of the next rank, and so on; then (when
//! asked) use as few routes as possible; then travel as little as possible.
//! Every solution the engine holds is feasible; visits that do not fit are
//! left unassigned, never squeezed in.
//!
//! The search is ruin and recreate in the style of SISR (Christiaens and
//! Vanden Berghe, "Slack induction by string removals for vehicle routing
//! problems", Transportation Science 54(2), 2020): remove a few strings of
//! consecutive visits from routes near each other, reinsert everything
//! unassigned greedily with "blinks" (randomly skipped positions), and accept
//! by simulated annealing on travel time.

use super::order::{Ctx, Ls, Tour};
use super::rng::Rng;
use super::Budget;
use std::cmp::Ordering;

/// "No bound" for time windows; far from overflow when sums are taken.
pub(crate) const FAR: i64 = 1 << 60;
pub(crate) const NONE: u32 = u32::MAX;

#[derive(Debug, Clone)]
pub(crate) struct Vehicle {
    pub start: u32,
    pub end: u32,
    pub open: i64,
    pub close: i64,
    pub cap: i64,
}

/// A job as the caller describes it, before it becomes a node.
#[derive(Debug, Clone)]
pub(crate) struct JobSpec {
    pub loc: usize,
    pub service: i64,
    pub open: i64,
    pub close: i64,
    pub demand: i64,
    /// 0 is the most important rank.
    pub rank: u32,
    /// The only vehicle that may serve the job, or `NONE`.
    pub vehicle: u32,
}

/// Nodes `0..nj` are the jobs, nodes `nj..nn` the distinct depots.
#[derive(Debug, Clone)]
pub(crate) struct Inst {
    pub nj: usize,
    pub nn: usize,
    pub dist: Vec<i64>,
    pub service: Vec<i64>,
    pub open: Vec<i64>,
    pub close: Vec<i64>,
    pub demand: Vec<i64>,
    pub rank: Vec<u32>,
    pub nranks: usize,
    pub vehicle_of: Vec<u32>,
    pub vehicles: Vec<Vehicle>,
    /// Every other job, nearest first.
    pub adj: Vec<Vec<u32>>,
    pub depot_dist: Vec<i64>,
    pub fewest_routes: bool,
    pub any_windows: bool,
}

impl Inst {
    /// `vehicles` hold locations in `start`/`end`; they become depot nodes.
    pub(crate) fn new(
        travel: &super::TravelTimes,
        jobs: &[JobSpec],
        vehicles: &[Vehicle],
        fewest_routes: bool,
    ) -> Inst {
        let nj = jobs.len();
        let mut loc: Vec<usize> = jobs.iter().map(|j| j.loc).collect();
        // Start and end depots are distinct nodes even at one location, so
        // that a route's nodes are all different; vehicles share them.
        let mut depots: Vec<(usize, bool)> = Vec::new();
        let mut depot_node = |l: usize, is_end: bool, loc: &mut Vec<usize>| -> u32 {
            match depots.iter().position(|&x| x == (l, is_end)) {
                Some(i) => (nj + i) as u32,
                None => {
                    depots.push((l, is_end));
                    loc.push(l);
                    (loc.len() - 1) as u32
                }
            }
        };
        let vehicles: Vec<Vehicle> = vehicles
            .iter()
            .map(|v| Vehicle {
                start: depot_node(v.start as usize, false, &mut loc),
                end: depot_node(v.end as usize, true, &mut loc),
                ..v.clone()
            })
            .collect();
        let nn = loc.len();
        let mut dist = vec![0; nn * nn];
        for a in 0..nn {
            for b in 0..nn {
                dist[a * nn + b] = travel.get(loc[a], loc[b]);
            }
        }
        let mut service: Vec<i64> = jobs.iter().map(|j| j.service).collect();
        let mut open: Vec<i64> = jobs.iter().map(|j| j.open).collect();
        let mut close: Vec<i64> = jobs.iter().map(|j| j.close).collect();
        let mut demand: Vec<i64> = jobs.iter().map(|j| j.demand).collect();
        service.resize(nn, 0);
        open.resize(nn, -FAR);
        close.resize(nn, FAR);
        demand.resize(nn, 0);
        let rank: Vec<u32> = jobs.iter().map(|j| j.rank).collect();
        let nranks = rank.iter().map(|&r| r as usize + 1).max().unwrap_or(0);
        let adj = (0..nj)
            .map(|a| {
                let mut v: Vec<u32> = (0..nj as u32).filter(|&b| b as usize != a).collect();
                v.sort_by_key(|&b| {
                    let (a, b) = (a, b as usize);
                    (dist[a * nn + b] + dist[b * nn + a], b)
                });
                v
            })
            .collect();
        let depot_dist = (0..nj)
            .map(|j| {
                vehicles
                    .iter()
                    .map(|v| dist[v.start as usize * nn + j] + dist[j * nn + v.end as usize])
                    .min()
                    .unwrap_or(0)
            })
            .collect();
        let any_windows = jobs.iter().any(|j| j.open > -FAR || j.close < FAR);
        Inst {
            nj,
            nn,
            dist,
            service,
            open,
            close,
            demand,
            rank,
            nranks,
            vehicle_of: jobs.iter().map(|j| j.vehicle).collect(),
            vehicles,
            adj,
            depot_dist,
            fewest_routes,
            any_windows,
        }
    }

    #[inline(always)]
    pub(crate) fn d(&self, a: u32, b: u32) -> i64 {
        self.dist[a as usize * self.nn + b as usize]
    }

    pub(crate) fn may_serve(&self, v: usize, j: u32) -> bool {
        let only = self.vehicle_of[j as usize];
        only == NONE || only as usize == v
    }
}

/// One vehicle's route with its schedule: `early[i]` is the earliest service
/// start of the i-th job, `late[i]` the latest start that keeps the rest of
/// the route feasible. Insertion is then checked in constant time.
#[derive(Debug)]
pub(crate) struct Route {
    pub v: usize,
    pub jobs: Vec<u32>,
    pub early: Vec<i64>,
    pub late: Vec<i64>,
    pub cost: i64,
    pub load: i64,
}

impl Clone for Route {
    fn clone(&self) -> Route {
        Route {
            v: self.v,
            jobs: self.jobs.clone(),
            early: self.early.clone(),
            late: self.late.clone(),
            cost: self.cost,
            load: self.load,
        }
    }
    fn clone_from(&mut self, o: &Route) {
        self.v = o.v;
        self.jobs.clone_from(&o.jobs);
        self.early.clone_from(&o.early);
        self.late.clone_from(&o.late);
        self.cost = o.cost;
        self.load = o.load;
    }
}

impl Route {
    pub(crate) fn new(v: usize) -> Route {
        Route {
            v,
            jobs: Vec::new(),
            early: Vec::new(),
            late: Vec::new(),
            cost: 0,
            load: 0,
        }
    }

    /// Recomputes the schedule; false when the route breaks a constraint.
    pub(crate) fn refresh(&mut self, inst: &Inst) -> bool {
        let v = &inst.vehicles[self.v];
        let n = self.jobs.len();
        self.early.resize(n, 0);
        self.late.resize(n, 0);
        if n == 0 {
            self.cost = 0;
            self.load = 0;
            return true;
        }
        let mut ok = true;
        let mut t = v.open;
        let mut prev = v.start;
        let mut cost = 0;
        let mut load = 0;
        for (i, &j) in self.jobs.iter().enumerate() {
            let dd = inst.d(prev, j);
            cost += dd;
            let s = (t + dd).max(inst.open[j as usize]);
            ok &= s <= inst.close[j as usize];
            self.early[i] = s;
            t = s + inst.service[j as usize];
            load += inst.demand[j as usize];
            prev = j;
        }
        let back = inst.d(prev, v.end);
        cost += back;
        ok &= t + back <= v.close && load <= v.cap;
        let last = self.jobs[n - 1] as usize;
        let mut l = inst.close[last].min(v.close - back - inst.service[last]);
        self.late[n - 1] = l;
        for i in (0..n - 1).rev() {
            let j = self.jobs[i];
            l = inst.close[j as usize]
                .min(l - inst.d(j, self.jobs[i + 1]) - inst.service[j as usize]);
            self.late[i] = l;
        }
        self.cost = cost;
        self.load = load;
        ok
    }

    /// The travel added by serving `u` before position `p`, if feasible.
    #[inline]
    pub(crate) fn insertion(&self, inst: &Inst, u: u32, p: usize) -> Option<i64> {
        let v = &inst.vehicles[self.v];
        let ui = u as usize;
        let (prev, dep) = if p == 0 {
            (v.start, v.open)
        } else {
            let j = self.jobs[p - 1];
            (j, self.early[p - 1] + inst.service[j as usize])
        };
        let arrive = dep + inst.d(prev, u);
        let s = arrive.max(inst.open[ui]);
        if s > inst.close[ui] {
            return None;
        }
        let leave = s + inst.service[ui];
        if p == self.jobs.len() {
            let back = inst.d(u, v.end);
            if leave + back > v.close {
                return None;
            }
            if p == 0 {
                return Some(inst.d(v.start, u) + back);
            }
            return Some(inst.d(prev, u) + back - inst.d(prev, v.end));
        }
        let next = self.jobs[p];
        let dn = inst.d(u, next);
        if leave + dn > self.late[p] {
            return None;
        }
        Some(inst.d(prev, u) + dn - inst.d(prev, next))
    }

    /// When the vehicle can leave position `p - 1` (or the depot) at the
    /// earliest; insertion at `p` or later is impossible for a job whose
    /// window closes before that.
    #[inline]
    pub(crate) fn ready_at(&self, inst: &Inst, p: usize) -> i64 {
        if p == 0 {
            inst.vehicles[self.v].open
        } else {
            self.early[p - 1] + inst.service[self.jobs[p - 1] as usize]
        }
    }
}

#[derive(Debug)]
pub(crate) struct Sol {
    pub routes: Vec<Route>,
    pub unassigned: Vec<u32>,
    /// Unassigned jobs per rank, most important rank first.
    pub miss: Vec<u32>,
    pub cost: i64,
    pub route_of: Vec<u32>,
}

impl Clone for Sol {
    fn clone(&self) -> Sol {
        Sol {
            routes: self.routes.clone(),
            unassigned: self.unassigned.clone(),
            miss: self.miss.clone(),
            cost: self.cost,
            route_of: self.route_of.clone(),
        }
    }
    fn clone_from(&mut self, o: &Sol) {
        self.routes.clone_from(&o.routes);
        self.unassigned.clone_from(&o.unassigned);
        self.miss.clone_from(&o.miss);
        self.cost = o.cost;
        self.route_of.clone_from(&o.route_of);
    }
}

impl Sol {
    /// Every job unassigned, every route empty.
    pub(crate) fn empty(inst: &Inst) -> Sol {
        let mut s = Sol {
            routes: (0..inst.vehicles.len()).map(Route::new).collect(),
            unassigned: (0..inst.nj as u32).collect(),
            miss: vec![0; inst.nranks],
            cost: 0,
            route_of: vec![NONE; inst.nj],
        };
        s.recount(inst);
        s
    }

    pub(crate) fn used(&self) -> usize {
        self.routes.iter().filter(|r| !r.jobs.is_empty()).count()
    }

    /// Recomputes the totals and the job → route index from the routes.
    pub(crate) fn recount(&mut self, inst: &Inst) {
        self.miss.iter_mut().for_each(|m| *m = 0);
        for &u in &self.unassigned {
            self.miss[inst.rank[u as usize] as usize] += 1;
            self.route_of[u as usize] = NONE;
        }
        self.cost = 0;
        for (ri, r) in self.routes.iter().enumerate() {
            self.cost += r.cost;
            for &j in &r.jobs {
                self.route_of[j as usize] = ri as u32;
            }
        }
    }

    /// The lexicographic comparison of the objective, travel included.
    pub(crate) fn cmp(&self, o: &Sol, inst: &Inst) -> Ordering {
        self.cmp_head(o, inst).then(self.cost.cmp(&o.cost))
    }

    /// The objective without travel: fewer unassigned important jobs first,
    /// then (when asked) fewer routes.
    pub(crate) fn cmp_head(&self, o: &Sol, inst: &Inst) -> Ordering {
        self.miss.cmp(&o.miss).then_with(|| {
            if inst.fewest_routes {
                self.used().cmp(&o.used())
            } else {
                Ordering::Equal
            }
        })
    }
}

/// Tunables of the search.
#[derive(Debug, Clone)]
pub(crate) struct Params {
    /// Average number of jobs removed by one ruin.
    pub avg_removed: f64,
    /// Longest string removed from one route.
    pub max_string: usize,
    /// Probability of keeping a substring inside a removed string.
    pub split_rate: f64,
    pub split_depth: f64,
    /// Probability of skipping an insertion position.
    pub blink: f64,
    /// Start and final temperature as a share of the average arc.
    pub t_start: f64,
    pub t_end: f64,
}

impl Params {
    /// One route (a day): one string is removed per ruin, so it may be
    /// longer; measured on advisor days with appointments, strings of up to
    /// 20 visits escape local optima that strings of 10 do not.
    pub(crate) fn single_route() -> Params {
        Params {
            avg_removed: 20.0,
            max_string: 20,
            ..Params::default()
        }
    }
}

impl Default for Params {
    fn default() -> Self {
        Params {
            avg_removed: 10.0,
            max_string: 10,
            split_rate: 0.5,
            split_depth: 0.01,
            blink: 0.01,
            t_start: 0.5,
            t_end: 0.005,
        }
    }
}

/// Inserts every unassigned job it can, most important rank first, each at
/// its cheapest feasible position (skipping positions with probability
/// `blink`). Routes touched are refreshed. At most `max_routes` routes are
/// used.
pub(crate) fn recreate(
    inst: &Inst,
    sol: &mut Sol,
    rng: &mut Rng,
    blink: f64,
    order: SortBy,
    max_routes: usize,
) {
    let mut pending = std::mem::take(&mut sol.unassigned);
    match order {
        SortBy::Random => rng.shuffle(&mut pending),
        SortBy::DemandDesc => {
            rng.shuffle(&mut pending);
            pending.sort_by_key(|&u| std::cmp::Reverse(inst.demand[u as usize]));
        }
        SortBy::FarFirst => {
            pending.sort_by_key(|&u| std::cmp::Reverse(inst.depot_dist[u as usize]))
        }
        SortBy::NearFirst => pending.sort_by_key(|&u| inst.depot_dist[u as usize]),
        SortBy::CloseFirst => {
            rng.shuffle(&mut pending);
            pending.sort_by_key(|&u| inst.close[u as usize]);
        }
    }
    // Stable: within a rank the order chosen above stays.
    pending.sort_by_key(|&u| inst.rank[u as usize]);
    let mut used = sol.used();
    for u in pending {
        match best_insertion(inst, sol, u, rng, blink, used < max_routes) {
            Some((ri, p, _)) => {
                let r = &mut sol.routes[ri];
                if r.jobs.is_empty() {
                    used += 1;
                }
                r.jobs.insert(p, u);
                let ok = r.refresh(inst);
                debug_assert!(ok, "insertion checked feasible");
                sol.route_of[u as usize] = ri as u32;
            }
            None => sol.unassigned.push(u),
        }
    }
    sol.recount(inst);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SortBy {
    Random,
    DemandDesc,
    FarFirst,
    NearFirst,
    CloseFirst,
}

/// The cheapest feasible (route, position, added travel) for `u`. An empty
/// route is opened only if `may_open`, and when the objective counts routes,
/// only if no used route can take the job.
pub(crate) fn best_insertion(
    inst: &Inst,
    sol: &Sol,
    u: u32,
    rng: &mut Rng,
    blink: f64,
    may_open: bool,
) -> Option<(usize, usize, i64)> {
    let ui = u as usize;
    let mut best: Option<(usize, usize, i64)> = None;
    let mut best_empty: Option<(usize, usize, i64)> = None;
    for (ri, r) in sol.routes.iter().enumerate() {
        if !inst.may_serve(r.v, u) {
            continue;
        }
        let v = &inst.vehicles[r.v];
        if r.load + inst.demand[ui] > v.cap {
            continue;
        }
        if r.jobs.is_empty() {
            if !may_open {
                continue;
            }
            if let Some(c) = r.insertion(inst, u, 0) {
                if best_empty.is_none_or(|b| c < b.2) {
                    best_empty = Some((ri, 0, c));
                }
            }
            continue;
        }
        for p in 0..=r.jobs.len() {
            if r.ready_at(inst, p) > inst.close[ui] {
                break;
            }
            if blink > 0.0 && rng.chance(blink) {
                continue;
            }
            if let Some(c) = r.insertion(inst, u, p) {
                if best.is_none_or(|b| c < b.2) {
                    best = Some((ri, p, c));
                }
            }
        }
    }
    match (best, best_empty) {
        (Some(b), Some(e)) if !inst.fewest_routes && e.2 < b.2 => Some(e),
        (Some(b), _) => Some(b),
        (None, e) => e,
    }
}

/// The SISR ruin: removes strings of consecutive jobs from routes near a
/// random seed job. Returns false when a ruined route became infeasible
/// (possible only where travel times break the triangle inequality).
pub(crate) fn ruin(inst: &Inst, sol: &mut Sol, rng: &mut Rng, p: &Params) -> bool {
    let used: Vec<usize> = (0..sol.routes.len())
        .filter(|&r| !sol.routes[r].jobs.is_empty())
        .collect();
    if used.is_empty() {
        return true;
    }
    let assigned: usize = used.iter().map(|&r| sol.routes[r].jobs.len()).sum();
    let avg_len = assigned as f64 / used.len() as f64;
    let ls_max = (p.max_string as f64).min(avg_len);
    let ks_max = 4.0 * p.avg_removed / (1.0 + ls_max) - 1.0;
    let ks = (rng.unit() * ks_max).floor() as usize + 1;
    // A random assigned job as the seed.
    let mut k = rng.below(assigned);
    let mut seed = 0;
    for &r in &used {
        let n = sol.routes[r].jobs.len();
        if k < n {
            seed = sol.routes[r].jobs[k];
            break;
        }
        k -= n;
    }
    let mut ruined: Vec<usize> = Vec::with_capacity(ks);
    let candidates = std::iter::once(seed).chain(inst.adj[seed as usize].iter().copied());
    for c in candidates {
        if ruined.len() >= ks {
            break;
        }
        let ri = sol.route_of[c as usize];
        if ri == NONE || ruined.contains(&(ri as usize)) {
            continue;
        }
        let ri = ri as usize;
        let route = &mut sol.routes[ri];
        let n = route.jobs.len();
        let pc = route
            .jobs
            .iter()
            .position(|&x| x == c)
            .expect("job in its route");
        let lt_max = (n as f64).min(ls_max);
        let lt = ((rng.unit() * lt_max).floor() as usize + 1).min(n);
        if rng.chance(p.split_rate) && lt < n {
            // Split string: remove lt jobs of a string of lt + m, keeping m.
            let m_max = n - lt;
            let mut m = 1;
            while m < m_max && !rng.chance(p.split_depth) {
                m += 1;
            }
            let total = lt + m;
            let lo = (pc + 1).saturating_sub(total);
            let hi = pc.min(n - total);
            let start = lo + rng.below(hi - lo + 1);
            let keep_at = start + rng.below(lt + 1);
            let mut i = 0;
            route.jobs.retain(|&j| {
                let pos = i;
                i += 1;
                let inside = pos >= start && pos < start + total;
                let kept = pos >= keep_at && pos < keep_at + m;
                if inside && !kept {
                    sol.unassigned.push(j);
                    false
                } else {
                    true
                }
            });
        } else {
            let lo = (pc + 1).saturating_sub(lt);
            let hi = pc.min(n - lt);
            let start = lo + rng.below(hi - lo + 1);
            sol.unassigned.extend(route.jobs.drain(start..start + lt));
        }
        ruined.push(ri);
    }
    let mut ok = true;
    for &ri in &ruined {
        ok &= sol.routes[ri].refresh(inst);
    }
    ok
}

/// Simulated annealing over ruin and recreate. Keeps the best solution seen.
#[derive(Debug)]
pub(crate) struct Search<'a> {
    pub inst: &'a Inst,
    pub rng: Rng,
    pub params: Params,
    pub cur: Sol,
    pub best: Sol,
    cand: Sol,
    pub iterations: u64,
    /// The most routes a solution may use.
    pub max_routes: usize,
    avg_arc: f64,
    polisher: Option<Polisher<'a>>,
}

/// 2-opt and Or-opt on the routes a ruin and recreate changed.
#[derive(Debug)]
struct Polisher<'a> {
    ctxs: Vec<Ctx<'a>>,
    ls: Ls,
    tour: Tour,
}

impl Polisher<'_> {
    fn polish(&mut self, inst: &Inst, sol: &mut Sol, before: &Sol) {
        let mut changed = false;
        for (r, b) in sol.routes.iter_mut().zip(&before.routes) {
            if r.jobs.len() > 2 && (r.cost != b.cost || r.jobs.len() != b.jobs.len()) {
                self.ls.polish(&self.ctxs[r.v], r, &mut self.tour);
                changed = true;
            }
        }
        if changed {
            sol.recount(inst);
        }
    }
}

impl<'a> Search<'a> {
    pub(crate) fn new(inst: &'a Inst, start: Sol, rng: Rng, params: Params) -> Search<'a> {
        let arcs = (inst.nj - start.unassigned.len() + start.used()).max(1);
        let avg_arc = (start.cost as f64 / arcs as f64).max(1.0);
        Search {
            inst,
            rng,
            params,
            cand: start.clone(),
            best: start.clone(),
            cur: start,
            iterations: 0,
            max_routes: inst.vehicles.len(),
            avg_arc,
            polisher: None,
        }
    }

    /// Polish changed routes by 2-opt and Or-opt after every recreate.
    pub(crate) fn with_polish(mut self) -> Self {
        let inst = self.inst;
        self.polisher = Some(Polisher {
            ctxs: (0..inst.vehicles.len())
                .map(|v| Ctx::new(inst, v))
                .collect(),
            ls: Ls::new(inst),
            tour: Tour::new(inst),
        });
        self
    }

    pub(crate) fn sort_choice(&mut self) -> SortBy {
        match self.rng.below(11) {
            0..=3 => SortBy::Random,
            4..=7 => {
                if self.inst.any_windows && self.rng.chance(0.5) {
                    SortBy::CloseFirst
                } else {
                    SortBy::DemandDesc
                }
            }
            8..=9 => SortBy::FarFirst,
            _ => SortBy::NearFirst,
        }
    }

    /// Ruins and recreates a copy of the current solution into `cand`.
    /// False when the ruin broke a route (see [`ruin`]).
    fn perturb(&mut self) -> bool {
        self.iterations += 1;
        self.cand.clone_from(&self.cur);
        if !ruin(self.inst, &mut self.cand, &mut self.rng, &self.params) {
            return false;
        }
        let order = self.sort_choice();
        recreate(
            self.inst,
            &mut self.cand,
            &mut self.rng,
            self.params.blink,
            order,
            self.max_routes,
        );
        if let Some(p) = &mut self.polisher {
            p.polish(self.inst, &mut self.cand, &self.cur);
        }
        true
    }

    /// One ruin-and-recreate step at `temperature` (a share of the average
    /// arc). Returns true when the best solution improved.
    pub(crate) fn step(&mut self, temperature: f64) -> bool {
        if !self.perturb() {
            return false;
        }
        let accept = match self.cand.cmp_head(&self.cur, self.inst) {
            Ordering::Less => true,
            Ordering::Greater => false,
            Ordering::Equal => {
                let t = temperature * self.avg_arc;
                let threshold = self.cur.cost as f64 - t * self.rng.unit().max(1e-12).ln();
                (self.cand.cost as f64) < threshold
            }
        };
        if accept {
            std::mem::swap(&mut self.cur, &mut self.cand);
            if self.cur.cmp(&self.best, self.inst) == Ordering::Less {
                self.best.clone_from(&self.cur);
                return true;
            }
        }
        false
    }

    /// Runs until the budget says stop. The temperature falls geometrically
    /// from `t_start` to `t_end` over the budget when the budget knows how
    /// much of it is spent; otherwise over cycles of doubling length, each
    /// restarting from the best solution.
    /// Also stops as soon as `done` holds.
    pub(crate) fn run(&mut self, budget: &mut dyn Budget, done: impl Fn(&Search) -> bool) {
        let (t0, t1) = (self.params.t_start, self.params.t_end);
        let mut cycle_len: u64 = 20_000;
        let mut cycle_start = self.iterations;
        while !done(self) && !budget.should_stop() {
            let progress = match budget.spent() {
                Some(p) => p.clamp(0.0, 1.0),
                None => {
                    let done = self.iterations - cycle_start;
                    if done >= cycle_len {
                        cycle_start = self.iterations;
                        cycle_len *= 2;
                        self.cur.clone_from(&self.best);
                    }
                    (self.iterations - cycle_start) as f64 / cycle_len as f64
                }
            };
            let t = t0 * (t1 / t0).powf(progress);
            self.step(t);
        }
    }
}

impl Search<'_> {
    /// The SISR fleet phase. While the best solution leaves jobs out, search
    /// for one that leaves fewer out (more important ranks first); once it
    /// leaves none out and `remove_routes` holds, unassign the route with the
    /// fewest jobs and search for a solution with one route fewer. In both,
    /// a candidate is accepted when it leaves fewer jobs out or, as many,
    /// jobs that were left out less often so far (absence counters), which
    /// steers the search towards fitting the hard ones. Ends with the budget.
    pub(crate) fn fleet_phase(&mut self, budget: &mut dyn Budget, remove_routes: bool) {
        let inst = self.inst;
        let fleet = inst.vehicles.len();
        let mut absent = vec![0u64; inst.nj];
        let absence = |s: &Sol, absent: &[u64]| -> u64 {
            s.unassigned.iter().map(|&u| absent[u as usize]).sum()
        };
        'phase: loop {
            self.cur.clone_from(&self.best);
            if self.best.unassigned.is_empty() {
                if !remove_routes || self.best.used() <= 1 {
                    break;
                }
                let smallest = (0..self.cur.routes.len())
                    .filter(|&r| !self.cur.routes[r].jobs.is_empty())
                    .min_by_key(|&r| (self.cur.routes[r].jobs.len(), self.cur.routes[r].cost))
                    .expect("a used route");
                let route = &mut self.cur.routes[smallest];
                self.cur.unassigned.append(&mut route.jobs);
                route.refresh(inst);
                self.cur.recount(inst);
                self.max_routes = self.best.used() - 1;
            } else {
                self.max_routes = fleet;
            }
            loop {
                if self.cur.cmp_head(&self.best, inst) == Ordering::Less {
                    self.best.clone_from(&self.cur);
                    continue 'phase;
                }
                if budget.should_stop() {
                    break 'phase;
                }
                if !self.perturb() {
                    continue;
                }
                let accept = match self.cand.miss.cmp(&self.cur.miss) {
                    Ordering::Less => true,
                    Ordering::Greater => false,
                    Ordering::Equal => absence(&self.cand, &absent) < absence(&self.cur, &absent),
                };
                if accept {
                    std::mem::swap(&mut self.cur, &mut self.cand);
                }
                for &u in &self.cur.unassigned {
                    absent[u as usize] += 1;
                }
            }
        }
        self.max_routes = fleet;
        self.cur.clone_from(&self.best);
    }
}

/// Local search between routes: relocate (move a job next to a neighbour in
/// another route), exchange (swap two jobs of different routes) and 2-opt*
/// (swap the tails of two routes), first improvement over the nearest
/// neighbours. The travel change of a move is computed in constant time; an
/// improving move is verified by rebuilding both routes' schedules, which
/// covers windows, capacities, days with different ends and hours, and
/// appointments bound to a day.
#[derive(Debug)]
pub(crate) struct Between {
    neighbours: usize,
    a: Route,
    b: Route,
}

impl Between {
    pub(crate) fn new(neighbours: usize) -> Between {
        Between {
            neighbours,
            a: Route::new(0),
            b: Route::new(0),
        }
    }

    /// Descends to a local optimum; true when anything improved.
    pub(crate) fn descend(&mut self, inst: &Inst, sol: &mut Sol) -> bool {
        let mut any = false;
        loop {
            let mut improved = false;
            for u in 0..inst.nj as u32 {
                if sol.route_of[u as usize] != NONE && self.improve_job(inst, sol, u) {
                    improved = true;
                }
            }
            if !improved {
                break;
            }
            any = true;
        }
        if any {
            sol.recount(inst);
        }
        any
    }

    fn improve_job(&mut self, inst: &Inst, sol: &mut Sol, u: u32) -> bool {
        for k in 0..self.neighbours.min(inst.adj[u as usize].len()) {
            let v = inst.adj[u as usize][k];
            let (ru, rv) = (sol.route_of[u as usize], sol.route_of[v as usize]);
            if rv == NONE || rv == ru {
                continue;
            }
            let (ru, rv) = (ru as usize, rv as usize);
            let pu = sol.routes[ru]
                .jobs
                .iter()
                .position(|&x| x == u)
                .expect("in route");
            let pv = sol.routes[rv]
                .jobs
                .iter()
                .position(|&x| x == v)
                .expect("in route");
            if self.relocate(inst, sol, (ru, pu), (rv, pv))
                || self.exchange(inst, sol, (ru, pu), (rv, pv))
                || self.two_opt_star(inst, sol, (ru, pu), (rv, pv))
            {
                return true;
            }
        }
        false
    }

    /// The nodes before and after position `p` of route `r`.
    fn around(inst: &Inst, r: &Route, p: usize) -> (u32, u32) {
        let v = &inst.vehicles[r.v];
        let prev = if p == 0 { v.start } else { r.jobs[p - 1] };
        let next = if p + 1 == r.jobs.len() {
            v.end
        } else {
            r.jobs[p + 1]
        };
        (prev, next)
    }

    /// Travel saved by taking the job at `p` out of `r`.
    fn removal_gain(inst: &Inst, r: &Route, p: usize) -> i64 {
        if r.jobs.len() == 1 {
            return r.cost;
        }
        let u = r.jobs[p];
        let (prev, next) = Self::around(inst, r, p);
        inst.d(prev, u) + inst.d(u, next) - inst.d(prev, next)
    }

    fn relocate(
        &mut self,
        inst: &Inst,
        sol: &mut Sol,
        (ru, pu): (usize, usize),
        (rv, pv): (usize, usize),
    ) -> bool {
        let u = sol.routes[ru].jobs[pu];
        let gain = Self::removal_gain(inst, &sol.routes[ru], pu);
        for at in [pv, pv + 1] {
            let r = &sol.routes[rv];
            let (prev, next) = (
                if at == 0 {
                    inst.vehicles[r.v].start
                } else {
                    r.jobs[at - 1]
                },
                if at == r.jobs.len() {
                    inst.vehicles[r.v].end
                } else {
                    r.jobs[at]
                },
            );
            let added = inst.d(prev, u) + inst.d(u, next) - inst.d(prev, next);
            if added - gain < 0 {
                let mut a = sol.routes[ru].jobs.clone();
                a.remove(pu);
                let mut b = sol.routes[rv].jobs.clone();
                b.insert(at, u);
                if self.commit(inst, sol, ru, a, rv, b) {
                    return true;
                }
            }
        }
        false
    }

    fn exchange(
        &mut self,
        inst: &Inst,
        sol: &mut Sol,
        (ru, pu): (usize, usize),
        (rv, pv): (usize, usize),
    ) -> bool {
        let (a, b) = (&sol.routes[ru], &sol.routes[rv]);
        let (u, v) = (a.jobs[pu], b.jobs[pv]);
        let (ap, an) = Self::around(inst, a, pu);
        let (bp, bn) = Self::around(inst, b, pv);
        let delta = inst.d(ap, v) + inst.d(v, an) - inst.d(ap, u) - inst.d(u, an)
            + inst.d(bp, u)
            + inst.d(u, bn)
            - inst.d(bp, v)
            - inst.d(v, bn);
        if delta >= 0 {
            return false;
        }
        let mut ja = a.jobs.clone();
        ja[pu] = v;
        let mut jb = b.jobs.clone();
        jb[pv] = u;
        self.commit(inst, sol, ru, ja, rv, jb)
    }

    /// 2-opt* making the edge u -> v: `a[..=pu] + b[pv..]` and
    /// `b[..pv] + a[pu+1..]`.
    fn two_opt_star(
        &mut self,
        inst: &Inst,
        sol: &mut Sol,
        (ru, pu): (usize, usize),
        (rv, pv): (usize, usize),
    ) -> bool {
        let (a, b) = (&sol.routes[ru], &sol.routes[rv]);
        let (u, v) = (a.jobs[pu], b.jobs[pv]);
        let (_, an) = Self::around(inst, a, pu);
        let bp = if pv == 0 {
            inst.vehicles[b.v].start
        } else {
            b.jobs[pv - 1]
        };
        // The new second route starts at b's start and ends at a's end.
        let tail_a_empty = pu + 1 == a.jobs.len();
        let head_b_empty = pv == 0;
        // An estimate when b would be left empty; `commit` decides exactly.
        let new_b_link = if head_b_empty && tail_a_empty {
            0
        } else {
            inst.d(bp, an)
        };
        let delta = inst.d(u, v) + new_b_link - inst.d(u, an) - inst.d(bp, v);
        if delta >= 0 {
            return false;
        }
        let mut ja: Vec<u32> = a.jobs[..=pu].to_vec();
        ja.extend_from_slice(&b.jobs[pv..]);
        let mut jb: Vec<u32> = b.jobs[..pv].to_vec();
        jb.extend_from_slice(&a.jobs[pu + 1..]);
        self.commit(inst, sol, ru, ja, rv, jb)
    }

    /// Makes the two routes `ja` and `jb` if both are feasible and travel
    /// less (and use no more routes) than before.
    fn commit(
        &mut self,
        inst: &Inst,
        sol: &mut Sol,
        ra: usize,
        ja: Vec<u32>,
        rb: usize,
        jb: Vec<u32>,
    ) -> bool {
        self.a.v = sol.routes[ra].v;
        self.a.jobs = ja;
        self.b.v = sol.routes[rb].v;
        self.b.jobs = jb;
        let serves = |r: &Route| r.jobs.iter().all(|&j| inst.may_serve(r.v, j));
        if !serves(&self.a) || !serves(&self.b) || !self.a.refresh(inst) || !self.b.refresh(inst) {
            return false;
        }
        let before = sol.routes[ra].cost + sol.routes[rb].cost;
        let used_before = usize::from(!sol.routes[ra].jobs.is_empty())
            + usize::from(!sol.routes[rb].jobs.is_empty());
        let used_after =
            usize::from(!self.a.jobs.is_empty()) + usize::from(!self.b.jobs.is_empty());
        if self.a.cost + self.b.cost >= before || used_after > used_before {
            return false;
        }
        std::mem::swap(&mut sol.routes[ra], &mut self.a);
        std::mem::swap(&mut sol.routes[rb], &mut self.b);
        for &j in &sol.routes[ra].jobs {
            sol.route_of[j as usize] = ra as u32;
        }
        for &j in &sol.routes[rb].jobs {
            sol.route_of[j as usize] = rb as u32;
        }
        true
    }
}
