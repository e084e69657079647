//! The shared bench data read with the sources' conventions. These tests
//! need the data (`PARTNER_BENCH_DATA`, else `../shared/bench-data` beside
//! the workspace) and fail when it is not there.

use bench::*;
use domain::route::{
    check_day, check_week, plan_day, plan_week, Iterations, PlanOptions, TravelRules, TravelTimes,
};
use domain::GeoPoint;
use std::path::PathBuf;

fn data() -> PathBuf {
    let dir = data_dir();
    assert!(
        dir.is_dir(),
        "bench data not found at {}: set {DATA_ENV} to the folder that holds it \
         (tsplib/, solomon/, advisor days; see /work/shared/bench-data/SOURCES.md)",
        dir.display()
    );
    dir
}

fn with_ext(ext: &str) -> Vec<PathBuf> {
    files_under(&data())
        .into_iter()
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some(ext))
        .collect()
}

#[test]
fn every_tsplib_instance_has_an_optimum() {
    let tsps = with_ext("tsp");
    assert!(!tsps.is_empty());
    for path in tsps {
        let tsp = read_tsp(&path).unwrap();
        let sols = read_tsp_solutions(&path.parent().unwrap().join("solutions.txt")).unwrap();
        assert!(sols.contains_key(&tsp.name), "{}", tsp.name);
        assert_eq!(tsp.dist[0][0], 0);
    }
}

#[test]
fn every_solomon_instance_has_an_optimum_and_its_fleet() {
    let files = with_ext("vrptw");
    assert!(!files.is_empty());
    let table = read_lkh_results(files[0].parent().unwrap()).unwrap();
    for path in files {
        let v = read_vrptw(&path).unwrap();
        let opt = table.get(&(v.group.clone(), v.key.clone()));
        assert!(opt.is_some(), "{} {}", v.group, v.key);
        assert_eq!(v.optimum_vehicles(), Some(v.vehicles), "{}", v.key);
        assert_eq!(v.coords.len(), v.customers() + 1);
    }
    // The values the tables hold, in original units.
    assert_eq!(
        table.get(&("Solomon_25".to_string(), "C101.25.3".to_string())),
        Some(&191.3)
    );
    assert_eq!(
        table.get(&("Solomon_100_EXACT".to_string(), "R101.100.19".to_string())),
        Some(&1650.80)
    );
}

#[test]
fn advisor_matrices_are_great_circle_times() {
    // The generator's matrix is haversine × 1.3 at 50 km/h: the domain's
    // estimate from the same points must agree to the second.
    for path in with_ext("json") {
        let day = read_advisor_day(&path).unwrap();
        let points: Vec<GeoPoint> = std::iter::once(GeoPoint {
            lat: day.start.lat,
            lon: day.start.lon,
        })
        .chain(day.visits.iter().map(|v| GeoPoint {
            lat: v.lat,
            lon: v.lon,
        }))
        .collect();
        let est = TravelTimes::great_circle(&points, &TravelRules::default());
        for (i, row) in day.durations_s.iter().enumerate() {
            for (j, &s) in row.iter().enumerate() {
                assert!((est.get(i, j) - s).abs() <= 1, "{} {i}->{j}", day.name);
            }
        }
    }
}

#[test]
fn planner_reaches_the_tsplib_optimum_of_eil51() {
    // Also checks the EUC_2D convention end to end: a wrong rounding would
    // make 426 unreachable or beatable.
    let path = data().join("tsplib/eil51.tsp");
    let p = read_tsp(&path).unwrap().day_problem();
    let plan = plan_day(&p, &PlanOptions { seed: 1 }, &mut Iterations::new(20_000)).unwrap();
    assert_eq!(check_day(&p, &plan), Ok(()));
    assert_eq!(plan.route.travel, 426);
}

#[test]
fn planner_reaches_the_optimum_of_solomon_c101_25() {
    let path = data().join("solomon/Solomon_25_C101.25.3.vrptw");
    let v = read_vrptw(&path).unwrap();
    let p = v.week_problem();
    let plan = plan_week(&p, &PlanOptions { seed: 1 }, &mut Iterations::new(5_000)).unwrap();
    assert_eq!(check_week(&p, &plan), Ok(()));
    assert!(plan.dropped.is_empty());
    let routes: Vec<Vec<usize>> = plan
        .days
        .iter()
        .map(|d| d.stops.iter().map(|s| s.visit).collect())
        .collect();
    assert!(
        (v.length(&routes) - 191.3).abs() < 1e-9,
        "{}",
        v.length(&routes)
    );
    assert_eq!(plan.days_used(), 3);
}
