//! The client's handwritten signature: the strokes the signature pad
//! recorded (pointer down to pointer up), each a list of points with the
//! time since the first touch. They are stored as they are with the
//! settlement and drawn into the PDF as vector paths.

/// One sample of the pen: position on the pad (pad units, y down, as
/// pointer events give it) and milliseconds since the first touch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f32,
    pub y: f32,
    pub t: u32,
}

/// One stroke: from pen down to pen up.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stroke {
    pub points: Vec<Point>,
}

/// A whole signature and the size of the pad it was drawn on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Strokes {
    pub width: f32,
    pub height: f32,
    pub strokes: Vec<Stroke>,
}

impl Strokes {
    /// True when nothing was drawn (no stroke with two points or more).
    pub fn is_blank(&self) -> bool {
        !self.strokes.iter().any(|s| s.points.len() >= 2)
    }

    /// A compact text form for storage: `W H` on the first line, then one
    /// stroke per line as `x,y,t` triples separated by spaces.
    pub fn encode(&self) -> String {
        let mut out = format!("{} {}\n", self.width, self.height);
        for s in &self.strokes {
            let pts: Vec<String> = s
                .points
                .iter()
                .map(|p| format!("{},{},{}", p.x, p.y, p.t))
                .collect();
            out.push_str(&pts.join(" "));
            out.push('\n');
        }
        out
    }

    /// Reads what [`Strokes::encode`] wrote; `None` when it is malformed.
    pub fn decode(text: &str) -> Option<Strokes> {
        let mut lines = text.lines();
        let mut size = lines.next()?.split(' ');
        let width: f32 = size.next()?.parse().ok()?;
        let height: f32 = size.next()?.parse().ok()?;
        if size.next().is_some() || !(width > 0.0 && height > 0.0) {
            return None;
        }
        let mut strokes = Vec::new();
        for line in lines {
            let mut points = Vec::new();
            for triple in line.split(' ').filter(|t| !t.is_empty()) {
                let mut it = triple.split(',');
                let p = Point {
                    x: it.next()?.parse().ok()?,
                    y: it.next()?.parse().ok()?,
                    t: it.next()?.parse().ok()?,
                };
                if it.next().is_some() || !p.x.is_finite() || !p.y.is_finite() {
                    return None;
                }
                points.push(p);
            }
            strokes.push(Stroke { points });
        }
        Some(Strokes {
            width,
            height,
            strokes,
        })
    }

    /// The strokes fitted into a box of `w` × `h` (PDF units, y up) with
    /// the pad's aspect ratio kept, as lists of (x, y) from the box's
    /// lower-left corner.
    pub(crate) fn fitted(&self, w: f32, h: f32) -> Vec<Vec<(f32, f32)>> {
        if !(self.width > 0.0 && self.height > 0.0) {
            return Vec::new();
        }
        let scale = (w / self.width).min(h / self.height);
        let dx = (w - self.width * scale) / 2.0;
        let dy = (h - self.height * scale) / 2.0;
        self.strokes
            .iter()
            .filter(|s| s.points.len() >= 2)
            .map(|s| {
                s.points
                    .iter()
                    .map(|p| {
                        let x = p.x.clamp(0.0, self.width);
                        let y = p.y.clamp(0.0, self.height);
                        (dx + x * scale, dy + (self.height - y) * scale)
                    })
                    .collect()
            })
            .collect()
    }
}
