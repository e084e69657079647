//! The order of one route: a travelling-salesman path from the route's start
//! to its end, with time windows when visits have them.
//!
//! Local search by 2-opt and Or-opt moves, found through neighbour lists and
//! driven by a queue of "don't look" bits; and iterated local search
//! (Lourenço, Martin and Stützle, "Iterated local search", 2003) over it,
//! kicking with a local double bridge (swapping two adjacent segments) and
//! accepting the kicked tour when it is no worse. Every tour held is
//! feasible: a move that would miss a window or the end of the day is not
//! made.

use super::engine::{Inst, Route, FAR, NONE};
use super::rng::Rng;
use super::Budget;
use std::collections::VecDeque;

const NEIGHBOURS: usize = 10;

/// What the moves need to know about one vehicle; built once per search.
#[derive(Debug)]
pub(crate) struct Ctx<'i> {
    inst: &'i Inst,
    v: usize,
    /// For every node, the nearest nodes this vehicle may visit (jobs and
    /// its own start and end).
    neigh: Vec<Vec<u32>>,
    symmetric: bool,
}

impl<'i> Ctx<'i> {
    pub(crate) fn new(inst: &'i Inst, v: usize) -> Ctx<'i> {
        let veh = &inst.vehicles[v];
        let nodes: Vec<u32> = (0..inst.nj as u32)
            .filter(|&j| inst.may_serve(v, j))
            .chain([veh.start, veh.end])
            .collect();
        let mut neigh = vec![Vec::new(); inst.nn];
        for &a in &nodes {
            let mut near: Vec<u32> = nodes.iter().copied().filter(|&b| b != a).collect();
            let key = |b: u32| (inst.d(a, b) + inst.d(b, a), b);
            if near.len() > NEIGHBOURS {
                near.select_nth_unstable_by_key(NEIGHBOURS, |&b| key(b));
                near.truncate(NEIGHBOURS);
            }
            near.sort_by_key(|&b| key(b));
            neigh[a as usize] = near;
        }
        let symmetric = (0..inst.nn)
            .all(|a| (0..a).all(|b| inst.dist[a * inst.nn + b] == inst.dist[b * inst.nn + a]));
        Ctx {
            inst,
            v,
            neigh,
            symmetric,
        }
    }

    #[inline(always)]
    fn d(&self, a: u32, b: u32) -> i64 {
        self.inst.d(a, b)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Tour {
    /// Start, jobs, end.
    seq: Vec<u32>,
    /// Position of every node in `seq`, `NONE` for nodes not in it.
    pos: Vec<u32>,
    cost: i64,
}

impl Tour {
    pub(crate) fn new(inst: &Inst) -> Tour {
        Tour {
            seq: Vec::new(),
            pos: vec![NONE; inst.nn],
            cost: 0,
        }
    }

    fn load(&mut self, ctx: &Ctx, route: &Route) {
        for &x in &self.seq {
            self.pos[x as usize] = NONE;
        }
        let veh = &ctx.inst.vehicles[ctx.v];
        self.seq.clear();
        self.seq.push(veh.start);
        self.seq.extend_from_slice(&route.jobs);
        self.seq.push(veh.end);
        self.reindex(0, self.seq.len() - 1);
        self.cost = self.seq.windows(2).map(|w| ctx.d(w[0], w[1])).sum();
    }

    fn copy_from(&mut self, o: &Tour) {
        self.seq.clone_from(&o.seq);
        self.pos.copy_from_slice(&o.pos);
        self.cost = o.cost;
    }

    fn reindex(&mut self, lo: usize, hi: usize) {
        for i in lo..=hi {
            self.pos[self.seq[i] as usize] = i as u32;
        }
    }

    fn jobs(&self) -> &[u32] {
        &self.seq[1..self.seq.len() - 1]
    }
}

/// One improving move.
#[derive(Debug, Clone, Copy)]
enum Move {
    /// Reverse `seq[l..=r]`.
    Reverse { l: usize, r: usize },
    /// Move `seq[i..i + len]` to just after position `after`, reversed or not.
    Shift {
        i: usize,
        len: usize,
        after: usize,
        rev: bool,
    },
}

/// Makes `mv` on a sequence; returns the range of positions that changed.
fn apply_seq(seq: &mut [u32], mv: Move) -> (usize, usize) {
    match mv {
        Move::Reverse { l, r } => {
            seq[l..=r].reverse();
            (l, r)
        }
        Move::Shift { i, len, after, rev } => {
            if after > i {
                seq[i..=after].rotate_left(len);
                if rev {
                    seq[after + 1 - len..=after].reverse();
                }
                (i, after)
            } else {
                seq[after + 1..i + len].rotate_right(len);
                if rev {
                    seq[after + 1..after + 1 + len].reverse();
                }
                (after + 1, i + len - 1)
            }
        }
    }
}

/// Local search over the order of one route of one vehicle.
#[derive(Debug)]
pub(crate) struct Ls {
    /// Whether some job of the route has a window of its own: only then can
    /// a move that shortens travel break feasibility.
    windows: bool,
    service: i64,
    scratch: Vec<u32>,
    queue: VecDeque<u32>,
    queued: Vec<bool>,
}

impl Ls {
    pub(crate) fn new(inst: &Inst) -> Ls {
        Ls {
            windows: false,
            service: 0,
            scratch: Vec::new(),
            queue: VecDeque::new(),
            queued: vec![false; inst.nn],
        }
    }

    /// Prepares for the route in `t` (its jobs never change here).
    fn shape(&mut self, ctx: &Ctx, t: &Tour) {
        let inst = ctx.inst;
        self.windows = t
            .jobs()
            .iter()
            .any(|&j| inst.open[j as usize] > -FAR || inst.close[j as usize] < FAR);
        self.service = t.jobs().iter().map(|&j| inst.service[j as usize]).sum();
    }

    /// Whether `seq` with travel `cost` keeps every window and the day.
    fn feasible(&self, ctx: &Ctx, seq: &[u32], cost: i64) -> bool {
        let inst = ctx.inst;
        let veh = &inst.vehicles[ctx.v];
        if !self.windows {
            return veh.open + cost + self.service <= veh.close;
        }
        let mut t = veh.open;
        for w in seq.windows(2) {
            let (a, b) = (w[0], w[1] as usize);
            t = (t + inst.service[a as usize] + inst.d(a, w[1])).max(inst.open[b]);
            if t > inst.close[b] {
                return false;
            }
        }
        t <= veh.close
    }

    fn push(&mut self, a: u32) {
        if !self.queued[a as usize] {
            self.queued[a as usize] = true;
            self.queue.push_back(a);
        }
    }

    /// Travel change of reversing `seq[l..=r]` (positions `1 <= l < r <= k`).
    fn reverse_delta(&self, ctx: &Ctx, t: &Tour, l: usize, r: usize) -> i64 {
        let c = ctx;
        let s = &t.seq;
        let mut delta =
            c.d(s[l - 1], s[r]) + c.d(s[l], s[r + 1]) - c.d(s[l - 1], s[l]) - c.d(s[r], s[r + 1]);
        if !c.symmetric {
            for x in l..r {
                delta += c.d(s[x + 1], s[x]) - c.d(s[x], s[x + 1]);
            }
        }
        delta
    }

    fn shift_delta(
        &self,
        ctx: &Ctx,
        t: &Tour,
        i: usize,
        len: usize,
        after: usize,
        rev: bool,
    ) -> i64 {
        let c = ctx;
        let s = &t.seq;
        let (s1, sl) = (s[i], s[i + len - 1]);
        let (p, nx) = (s[i - 1], s[i + len]);
        let (x, y) = (s[after], s[after + 1]);
        let removed = c.d(p, s1) + c.d(sl, nx) - c.d(p, nx);
        let mut added = if rev {
            c.d(x, sl) + c.d(s1, y) - c.d(x, y)
        } else {
            c.d(x, s1) + c.d(sl, y) - c.d(x, y)
        };
        if rev && !c.symmetric {
            for q in i..i + len - 1 {
                added += c.d(s[q + 1], s[q]) - c.d(s[q], s[q + 1]);
            }
        }
        added - removed
    }

    /// Makes `mv` if it improves and stays feasible; queues the nodes whose
    /// edges changed.
    fn try_move(&mut self, ctx: &Ctx, t: &mut Tour, mv: Move, delta: i64) -> bool {
        if delta >= 0 {
            return false;
        }
        let cost = t.cost + delta;
        if self.windows {
            self.scratch.clear();
            self.scratch.extend_from_slice(&t.seq);
            apply_seq(&mut self.scratch, mv);
            if !self.feasible(ctx, &self.scratch, cost) {
                return false;
            }
        }
        let touched: [usize; 6] = match mv {
            Move::Reverse { l, r } => [l - 1, l, r, r + 1, l, r],
            Move::Shift { i, len, after, .. } => [i - 1, i, i + len - 1, i + len, after, after + 1],
        };
        let nodes = touched.map(|p| t.seq[p]);
        let (lo, hi) = apply_seq(&mut t.seq, mv);
        t.reindex(lo, hi);
        t.cost = cost;
        for a in nodes {
            self.push(a);
        }
        true
    }

    /// Tries the 2-opt and Or-opt moves around node `a`; makes the first
    /// improving one.
    fn improve(&mut self, ctx: &Ctx, t: &mut Tour, a: u32) -> bool {
        let c = ctx;
        let last = t.seq.len() - 1;
        let i = t.pos[a as usize];
        if i == NONE {
            return false;
        }
        let i = i as usize;
        // 2-opt, removing the edge after `a`: a new edge a -> n or n -> a.
        if i < last {
            let g = c.d(a, t.seq[i + 1]);
            for &n in &c.neigh[a as usize] {
                if c.d(a, n).min(c.d(n, a)) >= g {
                    break;
                }
                let j = t.pos[n as usize];
                if j == NONE {
                    continue;
                }
                let j = j as usize;
                if j > i + 1 && j < last {
                    let d = self.reverse_delta(ctx, t, i + 1, j);
                    if self.try_move(ctx, t, Move::Reverse { l: i + 1, r: j }, d) {
                        return true;
                    }
                }
                if j + 1 < i {
                    let d = self.reverse_delta(ctx, t, j + 1, i);
                    if self.try_move(ctx, t, Move::Reverse { l: j + 1, r: i }, d) {
                        return true;
                    }
                }
            }
        }
        // 2-opt, removing the edge before `a`.
        if i > 0 {
            let g = c.d(t.seq[i - 1], a);
            for &n in &c.neigh[a as usize] {
                if c.d(a, n).min(c.d(n, a)) >= g {
                    break;
                }
                let j = t.pos[n as usize];
                if j == NONE {
                    continue;
                }
                let j = j as usize;
                if j > i + 1 {
                    let d = self.reverse_delta(ctx, t, i, j - 1);
                    if self.try_move(ctx, t, Move::Reverse { l: i, r: j - 1 }, d) {
                        return true;
                    }
                }
                if j >= 1 && j + 1 < i {
                    let d = self.reverse_delta(ctx, t, j, i - 1);
                    if self.try_move(ctx, t, Move::Reverse { l: j, r: i - 1 }, d) {
                        return true;
                    }
                }
            }
        }
        // Or-opt: segments of 1..=3 jobs that begin or end at `a`.
        if i == 0 || i == last {
            return false;
        }
        for len in 1..=3usize {
            let starts = [i, (i + 1).wrapping_sub(len)];
            for &start in &starts[..if len == 1 { 1 } else { 2 }] {
                if start == 0 || start > i || start + len > last {
                    continue;
                }
                if self.shift_from(ctx, t, start, len) {
                    return true;
                }
            }
        }
        false
    }

    /// Or-opt for the segment `seq[i..i+len]`: insert it next to a neighbour
    /// of either of its ends, in either direction.
    fn shift_from(&mut self, ctx: &Ctx, t: &mut Tour, i: usize, len: usize) -> bool {
        let c = ctx;
        let last = t.seq.len() - 1;
        let (s1, sl) = (t.seq[i], t.seq[i + len - 1]);
        let (p, nx) = (t.seq[i - 1], t.seq[i + len]);
        let gain = c.d(p, s1) + c.d(sl, nx) - c.d(p, nx);
        if gain <= 0 {
            return false;
        }
        for end in [s1, sl] {
            for &n in &c.neigh[end as usize] {
                let j = t.pos[n as usize];
                if j == NONE {
                    continue;
                }
                let j = j as usize;
                if j >= i && j < i + len {
                    continue;
                }
                for after in [j, j.wrapping_sub(1)] {
                    if after >= last || (after + 1 >= i && after < i + len) {
                        continue;
                    }
                    for rev in [false, true] {
                        if len == 1 && rev {
                            continue;
                        }
                        let d = self.shift_delta(ctx, t, i, len, after, rev);
                        if self.try_move(ctx, t, Move::Shift { i, len, after, rev }, d) {
                            return true;
                        }
                    }
                }
            }
        }
        false
    }

    /// Local search until no queued node has an improving move.
    fn descend(&mut self, ctx: &Ctx, t: &mut Tour) {
        while let Some(a) = self.queue.pop_front() {
            self.queued[a as usize] = false;
            while self.improve(ctx, t, a) {}
        }
    }

    /// The double-bridge kick on a path: swap two adjacent segments near a
    /// random position. Returns false (tour unchanged) when the kicked tour
    /// would be infeasible.
    fn kick(&mut self, ctx: &Ctx, t: &mut Tour, rng: &mut Rng) -> bool {
        let k = t.seq.len() - 2;
        if k < 3 {
            return false;
        }
        let max_len = if k <= 12 { k - 1 } else { (k / 3).min(50) };
        let p1 = 1 + rng.below(k - 1);
        let len1 = 1 + rng.below(max_len.min(k - p1));
        let p2 = p1 + len1;
        let len2 = 1 + rng.below(max_len.min(k + 1 - p2));
        let p3 = p2 + len2;
        let c = ctx;
        let s = &t.seq;
        let delta = c.d(s[p1 - 1], s[p2]) + c.d(s[p3 - 1], s[p1]) + c.d(s[p2 - 1], s[p3])
            - c.d(s[p1 - 1], s[p1])
            - c.d(s[p2 - 1], s[p2])
            - c.d(s[p3 - 1], s[p3]);
        let ends = [s[p1 - 1], s[p1], s[p2 - 1], s[p2], s[p3 - 1], s[p3]];
        t.seq[p1..p3].rotate_left(len1);
        let cost = t.cost + delta;
        if !self.feasible(ctx, &t.seq, cost) {
            t.seq[p1..p3].rotate_right(len1);
            return false;
        }
        t.reindex(p1, p3 - 1);
        t.cost = cost;
        for a in ends {
            self.push(a);
        }
        true
    }

    /// 2-opt and Or-opt on `route` until no move improves it.
    pub(crate) fn polish(&mut self, ctx: &Ctx, route: &mut Route, t: &mut Tour) {
        if route.jobs.len() < 2 {
            return;
        }
        t.load(ctx, route);
        self.shape(ctx, t);
        let before = t.cost;
        for &a in &t.seq {
            if !self.queued[a as usize] {
                self.queued[a as usize] = true;
                self.queue.push_back(a);
            }
        }
        self.descend(ctx, t);
        if t.cost < before {
            route.jobs.clear();
            route.jobs.extend_from_slice(t.jobs());
            let ok = route.refresh(ctx.inst);
            debug_assert!(ok, "polishing keeps the route feasible");
        }
    }
}

/// Iterated local search on the order of `route` (already feasible) until
/// the budget ends; the route's jobs stay the same.
pub(crate) fn improve_route(
    inst: &Inst,
    route: &mut Route,
    rng: &mut Rng,
    budget: &mut dyn Budget,
) {
    if route.jobs.len() < 2 {
        return;
    }
    let ctx = Ctx::new(inst, route.v);
    let mut ls = Ls::new(inst);
    let mut cur = Tour::new(inst);
    cur.load(&ctx, route);
    ls.shape(&ctx, &cur);
    for i in 0..cur.seq.len() {
        ls.push(cur.seq[i]);
    }
    ls.descend(&ctx, &mut cur);
    let mut best = cur.clone();
    let mut cand = cur.clone();
    while !budget.should_stop() {
        cand.copy_from(&cur);
        if !ls.kick(&ctx, &mut cand, rng) {
            continue;
        }
        ls.descend(&ctx, &mut cand);
        if cand.cost <= cur.cost {
            std::mem::swap(&mut cur, &mut cand);
            if cur.cost < best.cost {
                best.copy_from(&cur);
            }
        }
    }
    route.jobs.clear();
    route.jobs.extend_from_slice(best.jobs());
    let ok = route.refresh(inst);
    debug_assert!(ok, "ordering keeps the route feasible");
}
