//! Travel times between the places of a plan, in whole seconds.
//!
//! Either the caller has a duration matrix (from a routing engine, or cached
//! from the last sync), or, offline with nothing cached, the planner estimates
//! driving time from the great-circle distance, a detour factor for the road
//! network and an average speed.

use super::{RouteError, Seconds};
use crate::model::GeoPoint;
use geo::{Distance, Haversine, Point};

/// How to estimate driving time from straight-line distance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TravelRules {
    /// Road distance per great-circle distance; 1.3 is typical for towns and
    /// their surroundings.
    pub detour_factor: f64,
    /// Average driving speed in km/h, stops and traffic included.
    pub speed_kmh: f64,
}

impl Default for TravelRules {
    fn default() -> Self {
        TravelRules {
            detour_factor: 1.3,
            speed_kmh: 50.0,
        }
    }
}

/// A full matrix of travel times between locations `0..len()`; row = from.
/// It need not be symmetric, and need not obey the triangle inequality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TravelTimes {
    n: usize,
    secs: Vec<Seconds>,
}

impl TravelTimes {
    /// Travel times from a square matrix of non-negative seconds.
    pub fn from_matrix(rows: Vec<Vec<Seconds>>) -> Result<TravelTimes, RouteError> {
        let n = rows.len();
        let mut secs = Vec::with_capacity(n * n);
        for (i, row) in rows.into_iter().enumerate() {
            if row.len() != n {
                return Err(RouteError::MatrixNotSquare {
                    row: i,
                    len: row.len(),
                    expected: n,
                });
            }
            if let Some(&s) = row.iter().find(|&&s| s < 0) {
                return Err(RouteError::NegativeTravelTime { row: i, seconds: s });
            }
            secs.extend(row);
        }
        Ok(TravelTimes { n, secs })
    }

    /// Estimated driving times between `points`: great-circle (haversine)
    /// distance × detour factor ÷ speed, rounded to the nearest second.
    pub fn great_circle(points: &[GeoPoint], rules: &TravelRules) -> TravelTimes {
        let n = points.len();
        let geo: Vec<Point<f64>> = points.iter().map(|p| Point::new(p.lon, p.lat)).collect();
        let metres_per_second = rules.speed_kmh / 3.6;
        let mut secs = vec![0; n * n];
        for i in 0..n {
            for j in (i + 1)..n {
                let metres = Haversine.distance(geo[i], geo[j]);
                let s = (metres * rules.detour_factor / metres_per_second).round() as Seconds;
                secs[i * n + j] = s;
                secs[j * n + i] = s;
            }
        }
        TravelTimes { n, secs }
    }

    /// The number of locations.
    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Seconds from `from` to `to`.
    pub fn get(&self, from: usize, to: usize) -> Seconds {
        self.secs[from * self.n + to]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_must_be_square_and_non_negative() {
        assert!(TravelTimes::from_matrix(vec![vec![0, 1], vec![1, 0]]).is_ok());
        assert_eq!(
            TravelTimes::from_matrix(vec![vec![0, 1], vec![1]]),
            Err(RouteError::MatrixNotSquare {
                row: 1,
                len: 1,
                expected: 2
            })
        );
        assert_eq!(
            TravelTimes::from_matrix(vec![vec![0, -1], vec![1, 0]]),
            Err(RouteError::NegativeTravelTime {
                row: 0,
                seconds: -1
            })
        );
    }

    #[test]
    fn great_circle_estimate() {
        // Łódź Piotrkowska 104 to Warsaw Palace of Culture: about 119 km as
        // the crow flies; × 1.3 at 50 km/h is about 3 h 06 min.
        let lodz = GeoPoint {
            lat: 51.7592,
            lon: 19.4560,
        };
        let warsaw = GeoPoint {
            lat: 52.2319,
            lon: 21.0067,
        };
        let t = TravelTimes::great_circle(&[lodz, warsaw], &TravelRules::default());
        assert_eq!(t.get(0, 0), 0);
        assert_eq!(t.get(0, 1), t.get(1, 0));
        let km = t.get(0, 1) as f64 / 3600.0 * 50.0 / 1.3;
        assert!((118.0..121.0).contains(&km), "{km} km");
    }
}
