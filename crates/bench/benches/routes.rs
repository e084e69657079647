//! `cargo bench -p bench --bench routes -- [DIR]`: the route planner on every
//! instance under DIR (default: the shared bench data beside the workspace),
//! next to OR-Tools and VROOM on the same integer input and time limit.
//! Prints one table; measures, asserts nothing.
//!
//! - `.tsp` (TSPLIB, with `solutions.txt` beside it): a closed tour through
//!   every city as a day without windows; 300 ms each.
//! - `.vrptw` (Solomon in LKH-3 format, with `LKH3_results_*.txt` beside
//!   them): days as vehicles, with capacities; 1 s per 25 customers.
//! - `.json` (advisor days): one day with appointments; 1 s each.
//!
//! Every plan is verified by `check_day`/`check_week` (peers' too), and the
//! table marks an infeasible one. The peers run in a Python venv the bench
//! creates at `<workspace>/.bench-venv` (`python3 -m venv`, then `pip install
//! ortools pyvroom`, skipping what is there); when that fails the table says
//! "n/a" and why.

use bench::{read_advisor_day, read_lkh_results, read_tsp, read_tsp_solutions, read_vrptw};
use bench::{AdvisorDay, Tsp, Vrptw};
use domain::route::{
    check_day, check_week, plan_day, plan_week, Budget, DayPlan, DayProblem, DropReason, Dropped,
    PlanOptions, Route, Stop, WeekPlan, WeekProblem,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TSP_LIMIT: Duration = Duration::from_millis(300);
const DAY_LIMIT: Duration = Duration::from_secs(1);
const SEED: u64 = 1;

fn vrptw_limit(customers: usize) -> Duration {
    Duration::from_secs(customers.div_ceil(25).clamp(1, 5) as u64)
}

/// A wall-clock budget: the domain has no clock, the bench injects one.
struct Deadline {
    start: Instant,
    limit: Duration,
}

impl Deadline {
    fn new(limit: Duration) -> Deadline {
        Deadline {
            start: Instant::now(),
            limit,
        }
    }
}

impl Budget for Deadline {
    fn should_stop(&mut self) -> bool {
        self.start.elapsed() >= self.limit
    }

    fn spent(&self) -> Option<f64> {
        Some(self.start.elapsed().as_secs_f64() / self.limit.as_secs_f64())
    }
}

enum Kind {
    Tsp { tsp: Tsp, optimum: Option<i64> },
    Vrptw { v: Vrptw, optimum: Option<f64> },
    Day { day: AdvisorDay },
}

struct Case {
    /// Shown in the table: the file's path under DIR.
    label: String,
    n: usize,
    limit: Duration,
    kind: Kind,
}

enum Problem {
    Day(DayProblem),
    Week(WeekProblem),
}

impl Case {
    fn problem(&self) -> Problem {
        match &self.kind {
            Kind::Tsp { tsp, .. } => Problem::Day(tsp.day_problem()),
            Kind::Vrptw { v, .. } => Problem::Week(v.week_problem()),
            Kind::Day { day } => Problem::Day(day.day_problem()),
        }
    }
}

/// One solver's result on one case, as the bench measured it.
struct Outcome {
    /// Day problems: visits kept per rank (appointments first, then by
    /// priority, highest first) — the planner's objective before travel.
    kept: Vec<usize>,
    /// Travel in the instance's units (drive seconds, TSPLIB distance,
    /// Solomon distance).
    value: f64,
    visits: usize,
    vehicles: usize,
    /// Why the checker rejects the plan, if it does.
    infeasible: Option<String>,
    time: Duration,
}

fn load_cases(dir: &Path) -> (Vec<Case>, Vec<String>) {
    let mut cases = Vec::new();
    let mut problems = Vec::new();
    let label = |p: &Path| {
        p.strip_prefix(dir)
            .unwrap_or(p)
            .with_extension("")
            .display()
            .to_string()
    };
    let mut tsp_solutions: BTreeMap<PathBuf, BTreeMap<String, i64>> = BTreeMap::new();
    let mut lkh: BTreeMap<PathBuf, BTreeMap<(String, String), f64>> = BTreeMap::new();
    for path in bench::files_under(dir) {
        let parent = path.parent().unwrap_or(dir).to_path_buf();
        match path.extension().and_then(|e| e.to_str()) {
            Some("tsp") => match read_tsp(&path) {
                Ok(tsp) => {
                    let sols = tsp_solutions.entry(parent.clone()).or_insert_with(|| {
                        match read_tsp_solutions(&parent.join("solutions.txt")) {
                            Ok(s) => s,
                            Err(e) => {
                                problems.push(format!("no TSPLIB optima: {e}"));
                                BTreeMap::new()
                            }
                        }
                    });
                    let optimum = sols.get(&tsp.name).copied();
                    cases.push(Case {
                        label: label(&path),
                        n: tsp.dist.len(),
                        limit: TSP_LIMIT,
                        kind: Kind::Tsp { tsp, optimum },
                    });
                }
                Err(e) => problems.push(e.to_string()),
            },
            Some("vrptw") => match read_vrptw(&path) {
                Ok(v) => {
                    let table = lkh.entry(parent.clone()).or_insert_with(|| {
                        read_lkh_results(&parent).unwrap_or_else(|e| {
                            problems.push(format!("no LKH-3 results: {e}"));
                            BTreeMap::new()
                        })
                    });
                    let optimum = table.get(&(v.group.clone(), v.key.clone())).copied();
                    cases.push(Case {
                        label: label(&path),
                        n: v.customers(),
                        limit: vrptw_limit(v.customers()),
                        kind: Kind::Vrptw { v, optimum },
                    });
                }
                Err(e) => problems.push(e.to_string()),
            },
            Some("json") => match read_advisor_day(&path) {
                Ok(day) => cases.push(Case {
                    label: label(&path),
                    n: day.visits.len(),
                    limit: DAY_LIMIT,
                    kind: Kind::Day { day },
                }),
                Err(e) => problems.push(e.to_string()),
            },
            _ => {}
        }
    }
    // TSPLIB first, then Solomon, then advisor days; by size within each.
    let order = |c: &Case| match c.kind {
        Kind::Tsp { .. } => 0,
        Kind::Vrptw { .. } => 1,
        Kind::Day { .. } => 2,
    };
    cases.sort_by(|a, b| (order(a), a.n, &a.label).cmp(&(order(b), b.n, &b.label)));
    (cases, problems)
}

/// The value of routes in the instance's units.
fn value_of(case: &Case, problem: &Problem, routes: &[Vec<usize>]) -> f64 {
    match (&case.kind, problem) {
        (Kind::Vrptw { v, .. }, _) => v.length(routes),
        (_, Problem::Day(p)) => routes.iter().map(|r| drive(p, r) as f64).sum(),
        _ => unreachable!("a day case has a day problem"),
    }
}

fn kept_per_rank(problem: &Problem, routes: &[Vec<usize>]) -> Vec<usize> {
    let visits = match problem {
        Problem::Day(p) => &p.visits,
        Problem::Week(p) => &p.visits,
    };
    let key = |v: &domain::route::Visit| (v.window.is_some(), v.priority);
    let mut keys: Vec<(bool, u32)> = visits.iter().map(key).collect();
    keys.sort_unstable_by(|a, b| b.cmp(a));
    keys.dedup();
    let mut kept = vec![0; keys.len()];
    for &v in routes.iter().flatten() {
        let k = key(&visits[v]);
        kept[keys.iter().position(|&x| x == k).expect("listed")] += 1;
    }
    kept
}

fn drive(p: &DayProblem, seq: &[usize]) -> i64 {
    if seq.is_empty() {
        return 0;
    }
    let mut at = p.start;
    let mut total = 0;
    for &v in seq {
        total += p.travel.get(at, p.visits[v].location);
        at = p.visits[v].location;
    }
    total + p.travel.get(at, p.end)
}

fn run_ours(case: &Case) -> Outcome {
    let problem = case.problem();
    let options = PlanOptions { seed: SEED };
    let t = Instant::now();
    let mut budget = Deadline::new(case.limit);
    let (routes, infeasible) = match &problem {
        Problem::Day(p) => {
            let plan = plan_day(p, &options, &mut budget).expect("valid instance");
            let routes = vec![plan.route.stops.iter().map(|s| s.visit).collect()];
            (routes, check_day(p, &plan).err().map(|v| format!("{v:?}")))
        }
        Problem::Week(p) => {
            let plan = plan_week(p, &options, &mut budget).expect("valid instance");
            let routes = plan
                .days
                .iter()
                .map(|d| d.stops.iter().map(|s| s.visit).collect())
                .collect();
            (routes, check_week(p, &plan).err().map(|v| format!("{v:?}")))
        }
    };
    let time = t.elapsed();
    outcome(case, &problem, routes, infeasible, time)
}

fn outcome(
    case: &Case,
    problem: &Problem,
    routes: Vec<Vec<usize>>,
    infeasible: Option<String>,
    time: Duration,
) -> Outcome {
    Outcome {
        kept: kept_per_rank(problem, &routes),
        value: value_of(case, problem, &routes),
        visits: routes.iter().map(Vec::len).sum(),
        vehicles: routes.iter().filter(|r| !r.is_empty()).count(),
        infeasible,
        time,
    }
}

/// A plan of the peers' routes, timed by simulation (leaving at the start of
/// the day, waiting where needed), for the checker to judge.
fn timed_route(
    travel: &domain::route::TravelTimes,
    start: usize,
    end: usize,
    open: i64,
    visits: &[domain::route::Visit],
    seq: &[usize],
) -> Route {
    if seq.is_empty() {
        return Route {
            departure: open,
            stops: vec![],
            return_at: open,
            travel: 0,
            waiting: 0,
            load: 0,
        };
    }
    let mut t = open;
    let mut at = start;
    let mut stops = Vec::new();
    let (mut driven, mut waited, mut load) = (0, 0, 0);
    for &v in seq {
        let visit = &visits[v];
        let leg = travel.get(at, visit.location);
        driven += leg;
        let arrival = t + leg;
        let start = visit.window.map_or(arrival, |w| arrival.max(w.open));
        waited += start - arrival;
        load += visit.demand;
        stops.push(Stop {
            visit: v,
            arrival,
            wait: start - arrival,
            start,
            finish: start + visit.duration,
        });
        t = start + visit.duration;
        at = visit.location;
    }
    let leg = travel.get(at, end);
    Route {
        departure: open,
        stops,
        return_at: t + leg,
        travel: driven + leg,
        waiting: waited,
        load,
    }
}

fn check_peer(problem: &Problem, routes: &[Vec<usize>]) -> Option<String> {
    let n_visits = match problem {
        Problem::Day(p) => p.visits.len(),
        Problem::Week(p) => p.visits.len(),
    };
    let planned: std::collections::BTreeSet<usize> = routes.iter().flatten().copied().collect();
    let dropped: Vec<Dropped> = (0..n_visits)
        .filter(|v| !planned.contains(v))
        .map(|visit| Dropped {
            visit,
            reason: DropReason::DoesNotFitDay,
        })
        .collect();
    let result = match problem {
        Problem::Day(p) => {
            let route = timed_route(
                &p.travel,
                p.start,
                p.end,
                p.hours.open,
                &p.visits,
                routes.first().map_or(&[][..], |r| r),
            );
            check_day(p, &DayPlan { route, dropped })
        }
        Problem::Week(p) => {
            let days: Vec<Route> = p
                .days
                .iter()
                .enumerate()
                .map(|(d, spec)| {
                    let seq = routes.get(d).map_or(&[][..], |r| r);
                    timed_route(
                        &p.travel,
                        spec.start,
                        spec.end,
                        spec.hours.open,
                        &p.visits,
                        seq,
                    )
                })
                .collect();
            let travel = days.iter().map(|d| d.travel).sum();
            check_week(
                p,
                &WeekPlan {
                    days,
                    dropped,
                    travel,
                },
            )
        }
    };
    result.err().map(|v| format!("{v:?}"))
}

// ------------------------------------------------------------------ peers

#[derive(Serialize)]
struct PeerJob {
    loc: usize,
    service: i64,
    tw: Option<[i64; 2]>,
    demand: i64,
    priority: u32,
}

#[derive(Serialize)]
struct PeerInstance {
    name: String,
    kind: &'static str,
    time_limit_s: f64,
    matrix: Vec<Vec<i64>>,
    start: usize,
    end: usize,
    vehicles: usize,
    capacity: Option<i64>,
    fewest_vehicles: bool,
    optional: bool,
    horizon: [i64; 2],
    jobs: Vec<PeerJob>,
}

#[derive(Deserialize)]
struct PeerRun {
    routes: Option<Vec<Vec<usize>>>,
    time_s: f64,
    error: Option<String>,
}

#[derive(Deserialize)]
struct PeerResult {
    name: String,
    ortools: PeerRun,
    vroom: PeerRun,
}

#[derive(Deserialize)]
struct PeerOutput {
    versions: BTreeMap<String, String>,
    results: Vec<PeerResult>,
}

fn peer_instance(case: &Case) -> PeerInstance {
    let matrix = |t: &domain::route::TravelTimes| {
        (0..t.len())
            .map(|a| (0..t.len()).map(|b| t.get(a, b)).collect())
            .collect()
    };
    let jobs = |visits: &[domain::route::Visit]| {
        visits
            .iter()
            .map(|v| PeerJob {
                loc: v.location,
                service: v.duration,
                tw: v.window.map(|w| [w.open, w.close]),
                demand: v.demand,
                priority: v.priority,
            })
            .collect()
    };
    let kind = match case.kind {
        Kind::Tsp { .. } => "tsp",
        Kind::Vrptw { .. } => "vrptw",
        Kind::Day { .. } => "day",
    };
    match case.problem() {
        Problem::Day(p) => PeerInstance {
            name: case.label.clone(),
            kind,
            time_limit_s: case.limit.as_secs_f64(),
            matrix: matrix(&p.travel),
            start: p.start,
            end: p.end,
            vehicles: 1,
            capacity: None,
            fewest_vehicles: false,
            optional: kind == "day",
            horizon: [p.hours.open, p.hours.close],
            jobs: jobs(&p.visits),
        },
        Problem::Week(p) => PeerInstance {
            name: case.label.clone(),
            kind,
            time_limit_s: case.limit.as_secs_f64(),
            matrix: matrix(&p.travel),
            start: p.days[0].start,
            end: p.days[0].end,
            vehicles: p.days.len(),
            capacity: p.days[0].capacity,
            fewest_vehicles: p.objective == domain::route::WeekObjective::FewestDaysThenTravel,
            optional: false,
            horizon: [p.days[0].hours.open, p.days[0].hours.close],
            jobs: jobs(&p.visits),
        },
    }
}

fn workspace() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

fn sh(cmd: &mut Command) -> Result<String, String> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{cmd:?}: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        let last = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        Err(format!(
            "{:?} failed ({}): {last}",
            cmd.get_program(),
            out.status
        ))
    }
}

/// The venv's python with ortools and pyvroom, creating and filling the
/// venv when needed.
fn peer_python() -> Result<PathBuf, String> {
    let venv = workspace().join(".bench-venv");
    let python = venv.join("bin").join("python");
    if !python.exists() {
        eprintln!("creating {} (python3 -m venv)", venv.display());
        sh(Command::new("python3").arg("-m").arg("venv").arg(&venv))
            .map_err(|e| format!("python3 -m venv: {e}"))?;
    }
    let have = |m: &str| sh(Command::new(&python).args(["-c", &format!("import {m}")])).is_ok();
    let missing: Vec<&str> = [("ortools", "ortools"), ("vroom", "pyvroom")]
        .into_iter()
        .filter(|(module, _)| !have(module))
        .map(|(_, package)| package)
        .collect();
    if !missing.is_empty() {
        eprintln!("installing peers: pip install {}", missing.join(" "));
        sh(Command::new(&python)
            .args(["-m", "pip", "install", "--disable-pip-version-check", "-q"])
            .args(&missing))
        .map_err(|e| format!("pip install {}: {e}", missing.join(" ")))?;
    }
    Ok(python)
}

fn run_peers(cases: &[Case]) -> Result<PeerOutput, String> {
    let python = peer_python()?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"));
    let dir = target.join("bench-routes");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file = dir.join("instances.json");
    let instances: Vec<PeerInstance> = cases.iter().map(peer_instance).collect();
    let json = serde_json::to_string(&serde_json::json!({ "instances": instances }))
        .map_err(|e| e.to_string())?;
    std::fs::write(&file, json).map_err(|e| format!("{}: {e}", file.display()))?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("peers/run_peers.py");
    let out = Command::new(&python)
        .arg(&script)
        .arg(&file)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{}: {e}", script.display()))?;
    if !out.status.success() {
        return Err(format!("run_peers.py exited with {}", out.status));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("run_peers.py output: {e}"))
}

// ------------------------------------------------------------------ table

struct Row<'c> {
    case: &'c Case,
    ours: Outcome,
    ortools: Result<Outcome, String>,
    vroom: Result<Outcome, String>,
}

fn peer_outcome(case: &Case, run: Option<&PeerRun>, missing: &str) -> Result<Outcome, String> {
    let Some(run) = run else {
        return Err(missing.to_string());
    };
    let Some(routes) = run.routes.clone() else {
        return Err(run.error.clone().unwrap_or_else(|| "no routes".into()));
    };
    let problem = case.problem();
    let infeasible = check_peer(&problem, &routes);
    Ok(outcome(
        case,
        &problem,
        routes,
        infeasible,
        Duration::from_secs_f64(run.time_s),
    ))
}

fn cell(case: &Case, o: Option<&Outcome>) -> String {
    let Some(o) = o else {
        return "n/a".into();
    };
    let mark = if o.infeasible.is_some() { " !" } else { "" };
    match &case.kind {
        Kind::Tsp { .. } => format!("{}{mark}", o.value as i64),
        Kind::Vrptw { v, .. } if o.visits < v.customers() => format!(
            "{:.2}/{}v-{}{mark}",
            o.value,
            o.vehicles,
            v.customers() - o.visits
        ),
        Kind::Vrptw { .. } => format!("{:.2}/{}v{mark}", o.value, o.vehicles),
        Kind::Day { .. } => format!("{}s/{}{mark}", o.value as i64, o.visits),
    }
}

fn gap(value: f64, reference: f64) -> f64 {
    let g = (value - reference) / reference * 100.0;
    // Best-knowns are printed to two decimals: do not show -0.00.
    if g.abs() < 0.005 {
        0.0
    } else {
        g
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let dir = args.first().map_or_else(bench::data_dir, PathBuf::from);
    let dir = dir.canonicalize().unwrap_or(dir);
    let (cases, problems) = load_cases(&dir);
    for p in &problems {
        eprintln!("skipped: {p}");
    }
    if cases.is_empty() {
        eprintln!(
            "no .tsp, .vrptw or .json instances under {} (give the folder as an argument or set {})",
            dir.display(),
            bench::DATA_ENV
        );
        std::process::exit(1);
    }

    eprintln!("ours: {} instances", cases.len());
    let ours: Vec<Outcome> = cases
        .iter()
        .map(|c| {
            eprintln!("  ours: {} ({} s)", c.label, c.limit.as_secs_f64());
            run_ours(c)
        })
        .collect();
    eprintln!("peers: OR-Tools and VROOM");
    let peers = run_peers(&cases);
    let (versions, by_name, peer_problem) = match peers {
        Ok(out) => {
            let map: BTreeMap<String, PeerResult> = out
                .results
                .into_iter()
                .map(|r| (r.name.clone(), r))
                .collect();
            (out.versions, map, None)
        }
        Err(why) => (BTreeMap::new(), BTreeMap::new(), Some(why)),
    };
    let missing = peer_problem.clone().unwrap_or_else(|| "no result".into());
    let rows: Vec<Row> = cases
        .iter()
        .zip(ours)
        .map(|(case, ours)| {
            let r = by_name.get(&case.label);
            Row {
                case,
                ortools: peer_outcome(case, r.map(|r| &r.ortools), &missing),
                vroom: peer_outcome(case, r.map(|r| &r.vroom), &missing),
                ours,
            }
        })
        .collect();
    print_table(&dir, &rows, &versions, peer_problem.as_deref());
}

fn print_table(
    dir: &Path,
    rows: &[Row],
    versions: &BTreeMap<String, String>,
    peer_problem: Option<&str>,
) {
    println!(
        "bench routes — {} (2 shared cores, seed {SEED})",
        dir.display()
    );
    println!(
        "limits: TSPLIB {} ms; Solomon 1 s per 25 customers (25: 1 s, 50: 2 s, 100: 4 s); advisor days {} s",
        TSP_LIMIT.as_millis(),
        DAY_LIMIT.as_secs()
    );
    match peer_problem {
        None => println!(
            "peers, same integer input and limit: OR-Tools {} (PATH_CHEAPEST_ARC + GUIDED_LOCAL_SEARCH), VROOM (pyvroom {}, exploration 5, 1 thread)",
            versions.get("ortools").map_or("?", String::as_str),
            versions.get("vroom").map_or("?", String::as_str)
        ),
        Some(why) => println!("peers: n/a — {why}"),
    }
    println!("cells: TSPLIB length; Solomon distance/vehicles (-k: k customers left out); advisor drive seconds/visits planned; \"!\" = rejected by the checker");
    println!();
    let w = rows
        .iter()
        .map(|r| r.case.label.len())
        .max()
        .unwrap_or(8)
        .max(8);
    println!(
        "{:<w$} {:>4}  {:>12}  {:>13}  {:>13}  {:>13}  {:>7}  {:>8}",
        "instance", "n", "optimum", "ours", "OR-Tools", "VROOM", "gap %", "time"
    );
    let mut tsp_gaps = Vec::new();
    let mut peer_tsp_gaps: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    let mut solomon = Vec::new();
    let mut days = Vec::new();
    let mut infeasible = Vec::new();
    for r in rows {
        let c = r.case;
        let (optimum, reference) = match &c.kind {
            Kind::Tsp { optimum, .. } => (
                optimum.map_or("?".into(), |o| o.to_string()),
                optimum.map(|o| o as f64),
            ),
            Kind::Vrptw { v, optimum } => (
                optimum.map_or("?".into(), |o| {
                    format!("{o:.2}/{}v", v.optimum_vehicles().unwrap_or(0))
                }),
                *optimum,
            ),
            Kind::Day { .. } => {
                // No known optimum: the best peer that keeps the same
                // visits per rank (else the drives are not comparable).
                let best = [&r.ortools, &r.vroom]
                    .into_iter()
                    .filter_map(|o| o.as_ref().ok())
                    .filter(|o| o.infeasible.is_none() && o.kept == r.ours.kept)
                    .map(|o| o.value)
                    .fold(None, |a: Option<f64>, v| Some(a.map_or(v, |a| a.min(v))));
                ("—".into(), best)
            }
        };
        let g = reference.map(|re| gap(r.ours.value, re));
        let gap_cell = match (&c.kind, g) {
            (Kind::Day { .. }, Some(g)) => format!("{g:+.2}"),
            (_, Some(g)) => format!("{g:.2}"),
            (_, None) => "—".into(),
        };
        println!(
            "{:<w$} {:>4}  {:>12}  {:>13}  {:>13}  {:>13}  {:>7}  {:>5} ms",
            c.label,
            c.n,
            optimum,
            cell(c, Some(&r.ours)),
            cell(c, r.ortools.as_ref().ok()),
            cell(c, r.vroom.as_ref().ok()),
            gap_cell,
            r.ours.time.as_millis()
        );
        for (who, o) in [
            ("ours", Ok(&r.ours)),
            ("OR-Tools", r.ortools.as_ref()),
            ("VROOM", r.vroom.as_ref()),
        ] {
            if let Ok(o) = o {
                if let Some(why) = &o.infeasible {
                    infeasible.push(format!("{} {who}: {why}", c.label));
                }
            }
        }
        match &c.kind {
            Kind::Tsp {
                optimum: Some(opt), ..
            } => {
                tsp_gaps.push(g.unwrap_or(f64::NAN));
                for (k, p) in [&r.ortools, &r.vroom].into_iter().enumerate() {
                    if let Ok(p) = p {
                        if p.infeasible.is_none() {
                            peer_tsp_gaps[k].push(gap(p.value, *opt as f64));
                        }
                    }
                }
            }
            Kind::Vrptw {
                v,
                optimum: Some(opt),
            } => {
                let want = v.optimum_vehicles();
                let gap_if = |o: &Outcome| {
                    (o.infeasible.is_none()
                        && o.visits == v.customers()
                        && Some(o.vehicles) == want)
                        .then(|| gap(o.value, *opt))
                };
                solomon.push((
                    c.label.clone(),
                    gap_if(&r.ours),
                    r.ortools.as_ref().ok().and_then(gap_if),
                    r.vroom.as_ref().ok().and_then(gap_if),
                ));
            }
            Kind::Day { .. } => days.push((
                c.label.clone(),
                &r.ours,
                r.vroom.as_ref().ok(),
                r.ortools.as_ref().ok(),
            )),
            _ => {}
        }
    }
    println!();
    let stats = |g: &[f64]| {
        if g.is_empty() {
            return "n/a".to_string();
        }
        let mean = g.iter().sum::<f64>() / g.len() as f64;
        let max = g.iter().cloned().fold(f64::MIN, f64::max);
        format!("mean {mean:.2} %, max {max:.2} % over {}", g.len())
    };
    println!(
        "TSPLIB gap to optimum: ours {} (goal mean <= 0.5 %, max <= 1.5 %); OR-Tools {}; VROOM {}",
        stats(&tsp_gaps),
        stats(&peer_tsp_gaps[0]),
        stats(&peer_tsp_gaps[1])
    );
    let matched = |k: usize| -> Vec<f64> {
        solomon
            .iter()
            .filter_map(|s| match k {
                0 => s.1,
                1 => s.2,
                _ => s.3,
            })
            .collect()
    };
    println!(
        "Solomon gap where the vehicle count matches the optimum's: ours {} of {} instances (goal <= 1 %); OR-Tools {}; VROOM {}",
        stats(&matched(0)),
        solomon.len(),
        stats(&matched(1)),
        stats(&matched(2))
    );
    let unmatched: Vec<&str> = solomon
        .iter()
        .filter(|s| s.1.is_none())
        .map(|s| s.0.as_str())
        .collect();
    if !unmatched.is_empty() {
        println!(
            "  ours with another vehicle count (or infeasible): {}",
            unmatched.join(", ")
        );
    }
    for (label, ours, vroom, ortools) in &days {
        if let Some(o) = ortools.filter(|o| o.infeasible.is_none() && o.kept != ours.kept) {
            println!(
                "advisor day {label}: OR-Tools (lexicographic drop penalties) keeps {:?} {} s; ours {:?} ({})",
                o.kept,
                o.value as i64,
                ours.kept,
                if o.kept > ours.kept { "OR-Tools keeps more of a higher rank" } else { "ours keeps more of a higher rank" }
            );
        }
        match vroom {
            Some(v) if v.infeasible.is_none() && v.kept == ours.kept => println!(
                "advisor day {label}: ours {} s driving, VROOM {} s, same visits kept per rank {:?}: ours − VROOM = {:+} s (goal <= 0)",
                ours.value as i64,
                v.value as i64,
                ours.kept,
                ours.value as i64 - v.value as i64
            ),
            Some(v) if v.infeasible.is_none() => println!(
                "advisor day {label}: kept per rank (appointments, then priority high to low): ours {:?} {} s driving; VROOM {:?} {} s ({})",
                ours.kept,
                ours.value as i64,
                v.kept,
                v.value as i64,
                if v.kept > ours.kept { "VROOM keeps more of a higher rank" } else { "ours keeps more of a higher rank; VROOM maximises a sum of priorities" }
            ),
            _ => println!(
                "advisor day {label}: ours {} s driving, {} visits; VROOM n/a",
                ours.value as i64, ours.visits
            ),
        }
    }
    let peer_errors: Vec<String> = rows
        .iter()
        .flat_map(|r| {
            [("OR-Tools", &r.ortools), ("VROOM", &r.vroom)]
                .into_iter()
                .filter_map(move |(who, o)| {
                    o.as_ref()
                        .err()
                        .map(|e| format!("{} {who}: {e}", r.case.label))
                })
        })
        .filter(|e| peer_problem.is_none_or(|p| !e.ends_with(p)))
        .collect();
    for e in peer_errors {
        println!("n/a: {e}");
    }
    if infeasible.is_empty() {
        println!("checker: every plan above is feasible (check_day / check_week)");
    }
    for i in infeasible {
        println!("INFEASIBLE {i}");
    }
}
