//! The route planning benchmark's instances: readers for TSPLIB `.tsp` files
//! and their `solutions.txt`, Solomon VRPTW instances in LKH-3 format with
//! LKH-3's result tables, and synthetic "advisor day" JSON files; and their
//! conversion into the planner's problems with exactly the distance
//! conventions of the sources, so that gaps against the known optima are
//! true gaps.
//!
//! This crate only measures; it must not hold planning logic. It is the one
//! place where instance files are read (the domain does no I/O).

use domain::route::{
    DayProblem, DaySpec, TimeWindow, TravelTimes, Visit, WeekObjective, WeekProblem,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The environment variable that points at the shared bench data.
pub const DATA_ENV: &str = "PARTNER_BENCH_DATA";

/// Where the shared bench data is: `PARTNER_BENCH_DATA` when it is set,
/// else `shared/bench-data` one folder above the workspace (the team's
/// checkouts sit beside `shared/`).
pub fn data_dir() -> PathBuf {
    match std::env::var_os(DATA_ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench-data"),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
}

fn format_error(path: &Path, message: impl Into<String>) -> ReadError {
    ReadError::Format {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

fn read(path: &Path) -> Result<String, ReadError> {
    std::fs::read_to_string(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// `KEY : VALUE` header lines (TSPLIB and LKH-3 both use them), up to the
/// first section.
fn header(text: &str) -> BTreeMap<String, String> {
    let mut h = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("_SECTION") {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            h.insert(k.trim().to_uppercase(), v.trim().to_string());
        }
    }
    h
}

/// The numeric rows of `section` (until the next non-numeric line).
fn section<'t>(text: &'t str, name: &str) -> Vec<Vec<&'t str>> {
    let mut rows = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with(name) {
            inside = true;
            continue;
        }
        if !inside || line.is_empty() {
            continue;
        }
        let starts_numeric = line
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '+' || c == '.');
        if !starts_numeric {
            break;
        }
        rows.push(line.split_whitespace().collect());
    }
    rows
}

fn number<T: std::str::FromStr>(path: &Path, s: &str) -> Result<T, ReadError> {
    s.parse()
        .map_err(|_| format_error(path, format!("not a number: {s:?}")))
}

// ------------------------------------------------------------------ TSPLIB

/// A symmetric TSP with TSPLIB's integer distances.
#[derive(Debug, Clone)]
pub struct Tsp {
    pub name: String,
    pub weight_type: String,
    pub dist: Vec<Vec<i64>>,
}

/// TSPLIB's `nint`: round half up, as `(int)(x + 0.5)`.
fn nint(x: f64) -> i64 {
    (x + 0.5) as i64
}

/// TSPLIB's GEO coordinate (DDD.MM) in radians, with its own π.
fn geo_radians(x: f64) -> f64 {
    // TSPLIB defines GEO with this truncated π; the optima depend on it.
    #[allow(clippy::approx_constant)]
    const PI: f64 = 3.141592;
    let deg = x.trunc();
    let min = x - deg;
    PI * (deg + 5.0 * min / 3.0) / 180.0
}

/// The TSPLIB GEO distance between (latitude, longitude) pairs in DDD.MM.
pub fn geo_distance(a: (f64, f64), b: (f64, f64)) -> i64 {
    const RRR: f64 = 6378.388;
    let (lat_a, lon_a) = (geo_radians(a.0), geo_radians(a.1));
    let (lat_b, lon_b) = (geo_radians(b.0), geo_radians(b.1));
    let q1 = (lon_a - lon_b).cos();
    let q2 = (lat_a - lat_b).cos();
    let q3 = (lat_a + lat_b).cos();
    (RRR * (0.5 * ((1.0 + q1) * q2 - (1.0 - q1) * q3)).acos() + 1.0) as i64
}

pub fn read_tsp(path: &Path) -> Result<Tsp, ReadError> {
    let text = read(path)?;
    let h = header(&text);
    let name = h
        .get("NAME")
        .cloned()
        .unwrap_or_else(|| stem(path).to_string());
    let weight_type = h
        .get("EDGE_WEIGHT_TYPE")
        .cloned()
        .ok_or_else(|| format_error(path, "no EDGE_WEIGHT_TYPE"))?;
    let n: usize = number(path, h.get("DIMENSION").map_or("", |s| s.as_str()))?;
    let mut pts = Vec::with_capacity(n);
    for row in section(&text, "NODE_COORD_SECTION") {
        if row.len() < 3 {
            return Err(format_error(path, "short coordinate row"));
        }
        pts.push((number::<f64>(path, row[1])?, number::<f64>(path, row[2])?));
    }
    if pts.len() != n {
        return Err(format_error(
            path,
            format!("{} coordinates for dimension {n}", pts.len()),
        ));
    }
    type Metric = fn((f64, f64), (f64, f64)) -> i64;
    let d: Metric = match weight_type.as_str() {
        "EUC_2D" => |a, b| nint((a.0 - b.0).hypot(a.1 - b.1)),
        "CEIL_2D" => |a, b| (a.0 - b.0).hypot(a.1 - b.1).ceil() as i64,
        "ATT" => |a, b| {
            let r = (((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)) / 10.0).sqrt();
            let t = nint(r);
            if (t as f64) < r {
                t + 1
            } else {
                t
            }
        },
        "GEO" => geo_distance,
        other => {
            return Err(format_error(
                path,
                format!("EDGE_WEIGHT_TYPE {other} not supported"),
            ))
        }
    };
    let dist = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| if i == j { 0 } else { d(pts[i], pts[j]) })
                .collect()
        })
        .collect();
    Ok(Tsp {
        name,
        weight_type,
        dist,
    })
}

/// `name : optimum` lines of TSPLIB's `solutions` file.
pub fn read_tsp_solutions(path: &Path) -> Result<BTreeMap<String, i64>, ReadError> {
    let text = read(path)?;
    let mut out = BTreeMap::new();
    for line in text.lines() {
        if let Some((name, rest)) = line.split_once(':') {
            if let Some(v) = rest.split_whitespace().next() {
                if let Ok(v) = v.parse::<i64>() {
                    out.insert(name.trim().to_string(), v);
                }
            }
        }
    }
    Ok(out)
}

impl Tsp {
    /// The tour as a day: from city 1 back to city 1 through every other
    /// city, no windows, no service, no end of day.
    pub fn day_problem(&self) -> DayProblem {
        let n = self.dist.len();
        DayProblem {
            travel: TravelTimes::from_matrix(self.dist.clone()).expect("square matrix"),
            start: 0,
            end: 0,
            hours: TimeWindow::new(0, 1 << 40),
            visits: (1..n).map(|i| Visit::new(i, 0)).collect(),
        }
    }
}

// ------------------------------------------------------------------ Solomon

/// A capacitated VRP with time windows in LKH-3's format.
#[derive(Debug, Clone)]
pub struct Vrptw {
    /// `C101.25.3`, as the result tables name it.
    pub key: String,
    /// `Solomon_25`, `Solomon_100_EXACT`: which table holds the optimum.
    pub group: String,
    pub vehicles: usize,
    pub capacity: i64,
    pub weight_type: String,
    /// Integer units per original unit of distance and time.
    pub scale: f64,
    pub coords: Vec<(f64, f64)>,
    pub demand: Vec<i64>,
    pub windows: Vec<(i64, i64)>,
    pub service: Vec<i64>,
    /// Travel time = distance, in scaled integer units.
    pub dist: Vec<Vec<i64>>,
}

/// EXACT_2D distances are doubles; the planner works in integers, so they
/// are scaled by this and rounded up: a route feasible in integers is then
/// feasible in real numbers too.
pub const EXACT_SCALE: f64 = 10_000.0;

pub fn read_vrptw(path: &Path) -> Result<Vrptw, ReadError> {
    let text = read(path)?;
    let h = header(&text);
    let stem = stem(path);
    // "Solomon_100_EXACT_C101.100.10" → group "Solomon_100_EXACT", key "C101.100.10".
    let (group, key) = match stem.rfind('_') {
        Some(i) => (stem[..i].to_string(), stem[i + 1..].to_string()),
        None => (String::new(), stem.to_string()),
    };
    let get = |k: &str| h.get(k).map(|s| s.as_str()).unwrap_or("");
    let n: usize = number(path, get("DIMENSION"))?;
    let vehicles: usize = number(path, get("VEHICLES"))?;
    let capacity: i64 = number(path, get("CAPACITY"))?;
    let service_time: f64 = number(path, get("SERVICE_TIME"))?;
    let weight_type = get("EDGE_WEIGHT_TYPE").to_string();
    let scale: f64 = match (weight_type.as_str(), h.get("SCALE")) {
        ("EXACT_2D", _) => EXACT_SCALE,
        ("FLOOR_2D", Some(s)) => number(path, s)?,
        ("FLOOR_2D", None) => 1.0,
        (other, _) => {
            return Err(format_error(
                path,
                format!("EDGE_WEIGHT_TYPE {other} not supported"),
            ))
        }
    };
    let coords: Vec<(f64, f64)> = section(&text, "NODE_COORD_SECTION")
        .iter()
        .map(|r| Ok((number(path, r[1])?, number(path, r[2])?)))
        .collect::<Result<_, ReadError>>()?;
    let demand: Vec<i64> = section(&text, "DEMAND_SECTION")
        .iter()
        .map(|r| number(path, r[1]))
        .collect::<Result<_, _>>()?;
    let windows: Vec<(i64, i64)> = section(&text, "TIME_WINDOW_SECTION")
        .iter()
        .map(|r| {
            let a: f64 = number(path, r[1])?;
            let b: f64 = number(path, r[2])?;
            Ok(((a * scale).round() as i64, (b * scale).round() as i64))
        })
        .collect::<Result<_, ReadError>>()?;
    let depot: Vec<Vec<&str>> = section(&text, "DEPOT_SECTION");
    if depot.first().map(|r| r[0]) != Some("1") {
        return Err(format_error(path, "the depot must be node 1"));
    }
    if coords.len() != n || demand.len() != n || windows.len() != n {
        return Err(format_error(path, "section lengths differ from DIMENSION"));
    }
    let service = (0..n)
        .map(|i| {
            if i == 0 {
                0
            } else {
                (service_time * scale).round() as i64
            }
        })
        .collect();
    let exact = weight_type == "EXACT_2D";
    let dist = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    let e = (coords[i].0 - coords[j].0).hypot(coords[i].1 - coords[j].1);
                    if exact {
                        (e * scale).ceil() as i64
                    } else {
                        (e * scale).floor() as i64
                    }
                })
                .collect()
        })
        .collect();
    Ok(Vrptw {
        key,
        group,
        vehicles,
        capacity,
        weight_type,
        scale,
        coords,
        demand,
        windows,
        service,
        dist,
    })
}

impl Vrptw {
    pub fn customers(&self) -> usize {
        self.coords.len() - 1
    }

    /// The vehicle count of the known optimum: the last part of the key.
    pub fn optimum_vehicles(&self) -> Option<usize> {
        self.key.rsplit('.').next()?.parse().ok()
    }

    /// EXACT_2D results are best-knowns under "fewest vehicles, then
    /// distance"; the truncated ones minimise distance with the fleet given.
    pub fn objective(&self) -> WeekObjective {
        if self.weight_type == "EXACT_2D" {
            WeekObjective::FewestDaysThenTravel
        } else {
            WeekObjective::LeastTravel
        }
    }

    /// The instance as a week: one day per vehicle, each from the depot
    /// back to it inside the depot's window, with the vehicle's capacity.
    pub fn week_problem(&self) -> WeekProblem {
        let day = DaySpec {
            start: 0,
            end: 0,
            hours: TimeWindow::new(self.windows[0].0, self.windows[0].1),
            capacity: Some(self.capacity),
        };
        WeekProblem {
            travel: TravelTimes::from_matrix(self.dist.clone()).expect("square matrix"),
            days: vec![day; self.vehicles],
            visits: (1..self.coords.len())
                .map(|i| {
                    Visit::new(i, self.service[i])
                        .with_window(self.windows[i].0, self.windows[i].1)
                        .with_demand(self.demand[i])
                })
                .collect(),
            objective: self.objective(),
        }
    }

    /// The length of routes (visit indices, 0-based customers) in the
    /// instance's own convention: truncated to 0.1 for FLOOR_2D (the scaled
    /// integers), the exact doubles for EXACT_2D.
    pub fn length(&self, routes: &[Vec<usize>]) -> f64 {
        let mut total = 0.0;
        for r in routes.iter().filter(|r| !r.is_empty()) {
            let nodes: Vec<usize> = std::iter::once(0)
                .chain(r.iter().map(|&v| v + 1))
                .chain(std::iter::once(0))
                .collect();
            for w in nodes.windows(2) {
                total += if self.weight_type == "EXACT_2D" {
                    let (a, b) = (self.coords[w[0]], self.coords[w[1]]);
                    (a.0 - b.0).hypot(a.1 - b.1)
                } else {
                    self.dist[w[0]][w[1]] as f64 / self.scale
                };
            }
        }
        total
    }
}

/// The best-known values of every `LKH3_results_*.txt` in `dir`, keyed by
/// (group, instance key), in original distance units.
pub fn read_lkh_results(dir: &Path) -> Result<BTreeMap<(String, String), f64>, ReadError> {
    let mut out = BTreeMap::new();
    let entries = std::fs::read_dir(dir).map_err(|source| ReadError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    for path in files {
        let name = stem(&path);
        let Some(group) = name.strip_prefix("LKH3_results_") else {
            continue;
        };
        // The EXACT table's file name is misspelt "EXCACT" upstream.
        let group = group.replace("EXCACT", "EXACT");
        let exact = group.contains("EXACT");
        let text = read(&path)?;
        for line in text.lines() {
            let mut words = line.split_whitespace();
            let (Some(key), Some(bks)) = (words.next(), words.next()) else {
                continue;
            };
            let looks_like_key = key.split('.').count() == 3
                && key.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            let Ok(v) = bks.parse::<f64>() else {
                continue;
            };
            if looks_like_key {
                // The truncated tables list distance × 10 as integers.
                let v = if exact { v } else { v / 10.0 };
                out.insert((group.clone(), key.to_string()), v);
            }
        }
    }
    Ok(out)
}

// ------------------------------------------------------------ advisor days

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AdvisorVisit {
    pub id: u32,
    pub lat: f64,
    pub lon: f64,
    pub service_s: i64,
    pub time_window_s: Option<[i64; 2]>,
    pub priority: u32,
}

/// A synthetic advisor day: office, working window, visits and the full
/// duration matrix (index 0 = office, i = the i-th visit).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AdvisorDay {
    pub name: String,
    pub start: Point,
    pub day_s: [i64; 2],
    pub visits: Vec<AdvisorVisit>,
    pub durations_s: Vec<Vec<i64>>,
}

pub fn read_advisor_day(path: &Path) -> Result<AdvisorDay, ReadError> {
    let text = read(path)?;
    let day: AdvisorDay =
        serde_json::from_str(&text).map_err(|e| format_error(path, e.to_string()))?;
    if day.durations_s.len() != day.visits.len() + 1 {
        return Err(format_error(
            path,
            "durations_s must be (visits + 1) square",
        ));
    }
    Ok(day)
}

impl AdvisorDay {
    pub fn day_problem(&self) -> DayProblem {
        DayProblem {
            travel: TravelTimes::from_matrix(self.durations_s.clone()).expect("square matrix"),
            start: 0,
            end: 0,
            hours: TimeWindow::new(self.day_s[0], self.day_s[1]),
            visits: self
                .visits
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let visit = Visit::new(i + 1, v.service_s).with_priority(v.priority);
                    match v.time_window_s {
                        Some([a, b]) => visit.with_window(a, b),
                        None => visit,
                    }
                })
                .collect(),
        }
    }
}

// ------------------------------------------------------------------ files

pub fn stem(path: &Path) -> &str {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("")
}

/// Every file under `dir` (recursively), sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsplib_conventions() {
        assert_eq!(nint(2.5), 3);
        assert_eq!(nint(2.49), 2);
        // TSPLIB's GEO: degrees are truncated, minutes are DDD.MM.
        // 38.24 is 38° 24' = 38.4°, converted with TSPLIB's π of six decimals.
        let pi = geo_radians(38.24) * 180.0 / 38.4;
        assert_eq!((pi * 1e6).round(), 3_141_592.0);
        assert!((pi * 1e6 - 3_141_592.0).abs() < 1e-6);
        assert_eq!(geo_distance((38.24, 20.42), (38.24, 20.42)), 1);
    }

    #[test]
    fn reads_headers_and_sections() {
        let text = "NAME : x\nDIMENSION: 2\nNODE_COORD_SECTION\n1 0 0\n2 3 4\nEOF\n";
        let h = header(text);
        assert_eq!(h["NAME"], "x");
        assert_eq!(h["DIMENSION"], "2");
        assert_eq!(section(text, "NODE_COORD_SECTION").len(), 2);
    }
}
