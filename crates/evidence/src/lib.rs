//! Photos and documents as visit evidence (issue 11): the limits, the
//! device's downscale of the advisor's file ([`prepare`]: longest side at
//! most [`MAX_SIDE`], a JPEG of at most [`MAX_BYTES`], quality stepped down
//! until it fits) and the one check of a finished photo ([`check`]), which
//! the device runs before it stores a photo and the server runs again on
//! every upload, reading the JPEG's own header — never a size or a
//! dimension the sender states.
//!
//! Pure: bytes in, bytes or facts out; no I/O, no clock. The reasons a file
//! is refused are typed ([`Refused`]) and worded in Polish
//! ([`Refused::polish`]) for the advisor and the receipt.

use image::codecs::jpeg::{JpegDecoder, JpegEncoder};
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// The longest side of a stored photo, in pixels.
pub const MAX_SIDE: u32 = 1600;
/// The most bytes of a stored photo (500 KB, counted in thousands so that
/// it holds in either reading of "KB").
pub const MAX_BYTES: usize = 500_000;
/// The most photos one visit report carries.
pub const MAX_PER_VISIT: usize = 10;
/// The largest file the device reads from the camera or the disk.
pub const MAX_INPUT_BYTES: usize = 40_000_000;
/// The largest picture the device decodes (a camera's 108 MP and a bit).
pub const MAX_INPUT_SIDE: u32 = 16_000;
/// The longest side of the thumbnail shown on the case.
pub const THUMB_SIDE: u32 = 320;
/// The JPEG qualities tried, best first.
const QUALITIES: [u8; 6] = [85, 78, 70, 62, 54, 46];

/// What a finished photo is, as its own header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhotoFacts {
    pub width: u32,
    pub height: u32,
    pub bytes: usize,
}

/// A photo ready to store: the JPEG within the limits, its thumbnail (a
/// small JPEG) and its facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    pub jpeg: Vec<u8>,
    pub thumb: Vec<u8>,
    pub facts: PhotoFacts,
}

/// Why a file or a photo is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// The file is empty.
    #[error("the file is empty")]
    Empty,
    /// Neither a JPEG nor a PNG, or one that does not decode.
    #[error("the file is not a JPEG or PNG image")]
    NotAnImage,
    /// A finished photo that is not a well-formed JPEG.
    #[error("the photo is not a JPEG")]
    NotAJpeg,
    /// More bytes than allowed.
    #[error("{bytes} bytes is more than {max}")]
    TooManyBytes { bytes: usize, max: usize },
    /// A side longer than allowed.
    #[error("{width}×{height} px is larger than {max} px on the longest side")]
    TooLarge { width: u32, height: u32, max: u32 },
    /// The visit has its [`MAX_PER_VISIT`] photos already.
    #[error("a visit has at most {max} photos")]
    TooMany { max: usize },
}

impl Refused {
    /// The reason in Polish, for the advisor's screen and the receipt.
    pub fn polish(&self) -> String {
        match self {
            Refused::Empty => "Plik jest pusty.".into(),
            Refused::NotAnImage => "Plik nie jest zdjęciem (JPEG ani PNG).".into(),
            Refused::NotAJpeg => "Zdjęcie nie jest poprawnym plikiem JPEG.".into(),
            Refused::TooManyBytes { bytes, max } => format!(
                "Zdjęcie ma {} KB, a może mieć najwyżej {} KB.",
                bytes.div_ceil(1000),
                max / 1000
            ),
            Refused::TooLarge { width, height, max } => format!(
                "Zdjęcie ma {width}×{height} px, a dłuższy bok może mieć najwyżej {max} px."
            ),
            Refused::TooMany { max } => {
                format!("Do jednej wizyty można dołączyć najwyżej {max} zdjęć.")
            }
        }
    }
}

/// The timeline line of a photo, alike on the device and the server.
pub fn timeline_line(f: &PhotoFacts) -> String {
    format!(
        "Zdjęcie do raportu z wizyty ({}×{} px, {} KB).",
        f.width,
        f.height,
        f.bytes.div_ceil(1000)
    )
}

/// Whether a visit that has `existing` photos may take one more.
pub fn may_add(existing: usize) -> Result<(), Refused> {
    if existing >= MAX_PER_VISIT {
        return Err(Refused::TooMany { max: MAX_PER_VISIT });
    }
    Ok(())
}

/// The dimensions in a JPEG's frame header (SOFn), read by walking its
/// markers from the SOI; `None` when the bytes are no JPEG stream up to a
/// frame header.
fn jpeg_frame(b: &[u8]) -> Option<(u32, u32)> {
    if b.len() < 4 || b[0] != 0xFF || b[1] != 0xD8 {
        return None;
    }
    let mut i = 2;
    loop {
        // Markers may be padded with 0xFF fill bytes.
        while *b.get(i)? == 0xFF && *b.get(i + 1)? == 0xFF {
            i += 1;
        }
        if *b.get(i)? != 0xFF {
            return None;
        }
        let marker = *b.get(i + 1)?;
        let len = usize::from(u16::from_be_bytes([*b.get(i + 2)?, *b.get(i + 3)?]));
        if len < 2 {
            return None;
        }
        let sof = matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF);
        if sof {
            let seg = b.get(i + 4..i + 2 + len)?;
            if seg.len() < 6 {
                return None;
            }
            let height = u32::from(u16::from_be_bytes([seg[1], seg[2]]));
            let width = u32::from(u16::from_be_bytes([seg[3], seg[4]]));
            return Some((width, height));
        }
        // SOS, EOI or a stand-alone marker before the frame: not a JPEG we take.
        if matches!(marker, 0xD8..=0xDA) || marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            return None;
        }
        i += 2 + len;
    }
}

/// The one check of a finished photo, on the device before it is stored
/// and on the server for every upload: a JPEG (SOI, a frame header that
/// the decoder reads, EOI at the end), at most [`MAX_BYTES`] and at most
/// [`MAX_SIDE`] on its longest side, as its own header says. Reads the
/// headers only, never the pixels.
pub fn check(bytes: &[u8]) -> Result<PhotoFacts, Refused> {
    if bytes.is_empty() {
        return Err(Refused::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(Refused::TooManyBytes {
            bytes: bytes.len(),
            max: MAX_BYTES,
        });
    }
    let (width, height) = jpeg_frame(bytes).ok_or(Refused::NotAJpeg)?;
    if width == 0 || height == 0 {
        return Err(Refused::NotAJpeg);
    }
    if width.max(height) > MAX_SIDE {
        return Err(Refused::TooLarge {
            width,
            height,
            max: MAX_SIDE,
        });
    }
    if !bytes.ends_with(&[0xFF, 0xD9]) {
        return Err(Refused::NotAJpeg);
    }
    // The decoder's own reading of the headers must agree.
    let decoder = JpegDecoder::new(Cursor::new(bytes)).map_err(|_| Refused::NotAJpeg)?;
    if decoder.dimensions() != (width, height) {
        return Err(Refused::NotAJpeg);
    }
    Ok(PhotoFacts {
        width,
        height,
        bytes: bytes.len(),
    })
}

/// Decodes the advisor's file (JPEG or PNG, turned upright as its EXIF
/// orientation says), within the input limits.
fn decode(file: &[u8]) -> Result<DynamicImage, Refused> {
    if file.is_empty() {
        return Err(Refused::Empty);
    }
    if file.len() > MAX_INPUT_BYTES {
        return Err(Refused::TooManyBytes {
            bytes: file.len(),
            max: MAX_INPUT_BYTES,
        });
    }
    let mut reader = ImageReader::new(Cursor::new(file))
        .with_guessed_format()
        .map_err(|_| Refused::NotAnImage)?;
    if !matches!(reader.format(), Some(ImageFormat::Jpeg | ImageFormat::Png)) {
        return Err(Refused::NotAnImage);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_INPUT_SIDE);
    limits.max_image_height = Some(MAX_INPUT_SIDE);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| Refused::NotAnImage)?;
    let orientation = decoder.orientation().ok();
    let mut img = DynamicImage::from_decoder(decoder).map_err(|_| Refused::NotAnImage)?;
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    Ok(img)
}

/// A JPEG of `img` at `quality`.
fn encode(img: &DynamicImage, quality: u8) -> Vec<u8> {
    let rgb = img.to_rgb8();
    let mut out = Vec::with_capacity(256 * 1024);
    // Encoding RGB8 of valid dimensions into a Vec cannot fail.
    let _ = JpegEncoder::new_with_quality(&mut out, quality).encode_image(&rgb);
    out
}

/// `img` fitted within `side` on its longest side (never enlarged): an
/// area average when shrinking a lot (fast, and as good as a filter at
/// such ratios), a triangle filter for the last factor of two.
fn fit(img: &DynamicImage, side: u32) -> DynamicImage {
    let longest = img.width().max(img.height());
    if longest <= side {
        return img.clone();
    }
    if longest > 2 * side {
        let half = img.thumbnail(2 * side, 2 * side);
        return half.resize(side, side, FilterType::Triangle);
    }
    img.resize(side, side, FilterType::Triangle)
}

/// The device's downscale of the advisor's file: fitted within
/// [`MAX_SIDE`], encoded as JPEG at the best quality that stays within
/// [`MAX_BYTES`] (and smaller still if even the lowest quality does not),
/// with its thumbnail; the result passes [`check`].
pub fn prepare(file: &[u8]) -> Result<Photo, Refused> {
    let img = decode(file)?;
    let mut side = MAX_SIDE;
    loop {
        let fitted = fit(&img, side);
        for q in QUALITIES {
            let jpeg = encode(&fitted, q);
            if jpeg.len() <= MAX_BYTES {
                let facts = check(&jpeg)?;
                let thumb = encode(&fit(&fitted, THUMB_SIDE), 70);
                return Ok(Photo { jpeg, thumb, facts });
            }
        }
        if side <= THUMB_SIDE {
            // Cannot happen for a real picture: a 320 px JPEG is far below
            // the limit at any quality.
            return Err(Refused::NotAnImage);
        }
        side = side * 3 / 4;
    }
}

/// A synthetic picture as a camera would hand it over (gradients and fine
/// noise, hard to compress like a real photo), `seed` making each one
/// different: for tests, the demo and the bench, which have no camera.
pub fn sample_picture(width: u32, height: u32, seed: u32) -> image::RgbImage {
    image::RgbImage::from_fn(width, height, |x, y| {
        let n = (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729) ^ seed.wrapping_mul(31)) % 29;
        image::Rgb([
            ((x / 16 + seed) % 256) as u8 ^ n as u8,
            ((y / 12) % 256) as u8,
            (((x + y) / 8) % 256) as u8 ^ (n as u8).wrapping_mul(2),
        ])
    })
}

/// [`sample_picture`] as a PNG file.
pub fn sample_png(width: u32, height: u32, seed: u32) -> Vec<u8> {
    let mut out = Vec::new();
    // Encoding an RGB8 picture into a Vec cannot fail.
    let _ =
        sample_picture(width, height, seed).write_to(&mut Cursor::new(&mut out), ImageFormat::Png);
    out
}

/// [`sample_picture`] as a JPEG file at `quality`.
pub fn sample_jpeg(width: u32, height: u32, seed: u32, quality: u8) -> Vec<u8> {
    encode(
        &DynamicImage::ImageRgb8(sample_picture(width, height, seed)),
        quality,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    fn big() -> RgbImage {
        sample_picture(4000, 3000, 0)
    }

    fn png_of(img: &RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    fn jpeg_of(img: &RgbImage, q: u8) -> Vec<u8> {
        encode(&DynamicImage::ImageRgb8(img.clone()), q)
    }

    #[test]
    fn a_4000_by_3000_png_and_jpeg_come_out_within_1600_px_and_500_kb() {
        let img = big();
        for file in [png_of(&img), jpeg_of(&img, 95)] {
            let p = prepare(&file).unwrap();
            assert_eq!((p.facts.width, p.facts.height), (1600, 1200));
            assert!(p.jpeg.len() <= 500_000, "{} bytes", p.jpeg.len());
            assert_eq!(check(&p.jpeg), Ok(p.facts));
            let t = check(&p.thumb).unwrap();
            assert_eq!((t.width, t.height), (320, 240));
        }
    }

    #[test]
    fn a_small_picture_is_not_enlarged() {
        let img = RgbImage::from_pixel(300, 200, Rgb([10, 200, 30]));
        let p = prepare(&png_of(&img)).unwrap();
        assert_eq!((p.facts.width, p.facts.height), (300, 200));
    }

    #[test]
    fn the_eleventh_photo_of_a_visit_is_refused() {
        assert_eq!(may_add(0), Ok(()));
        assert_eq!(may_add(9), Ok(()));
        assert_eq!(may_add(10), Err(Refused::TooMany { max: 10 }));
        assert_eq!(
            Refused::TooMany { max: 10 }.polish(),
            "Do jednej wizyty można dołączyć najwyżej 10 zdjęć."
        );
    }

    #[test]
    fn a_file_that_is_not_an_image_is_refused_with_a_polish_reason() {
        let pdf = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n";
        let e = prepare(pdf).unwrap_err();
        assert_eq!(e, Refused::NotAnImage);
        assert_eq!(e.polish(), "Plik nie jest zdjęciem (JPEG ani PNG).");
        assert_eq!(prepare(b"").unwrap_err(), Refused::Empty);
        assert_eq!(check(pdf), Err(Refused::NotAJpeg));
        // A PNG is an input, never a finished photo.
        let png = png_of(&RgbImage::from_pixel(10, 10, Rgb([0, 0, 0])));
        assert_eq!(check(&png), Err(Refused::NotAJpeg));
    }

    /// The JPEG `bytes` with its frame header saying `width`×`height`.
    fn claiming(mut bytes: Vec<u8>, width: u16, height: u16) -> Vec<u8> {
        let at = (2..bytes.len() - 1)
            .find(|&i| bytes[i] == 0xFF && bytes[i + 1] == 0xC0)
            .expect("a baseline frame header");
        bytes[at + 5..at + 7].copy_from_slice(&height.to_be_bytes());
        bytes[at + 7..at + 9].copy_from_slice(&width.to_be_bytes());
        bytes
    }

    #[test]
    fn a_jpeg_header_claiming_20000_px_is_refused() {
        let small = jpeg_of(&RgbImage::from_pixel(64, 48, Rgb([90, 90, 90])), 80);
        assert_eq!(
            check(&small),
            Ok(PhotoFacts {
                width: 64,
                height: 48,
                bytes: small.len()
            })
        );
        let lying = claiming(small, 20_000, 48);
        assert_eq!(
            check(&lying),
            Err(Refused::TooLarge {
                width: 20_000,
                height: 48,
                max: 1600
            })
        );
        assert_eq!(
            Refused::TooLarge {
                width: 20_000,
                height: 48,
                max: 1600
            }
            .polish(),
            "Zdjęcie ma 20000×48 px, a dłuższy bok może mieć najwyżej 1600 px."
        );
    }

    #[test]
    fn oversize_and_truncated_jpegs_are_refused() {
        let mut big = jpeg_of(&RgbImage::from_pixel(64, 48, Rgb([1, 2, 3])), 80);
        let end = big.split_off(big.len() - 2);
        // Padding inside the stream before the EOI: more bytes than allowed.
        let mut fat = big.clone();
        fat.resize(500_001 - 2, 0);
        fat.extend_from_slice(&end);
        assert_eq!(
            check(&fat),
            Err(Refused::TooManyBytes {
                bytes: 500_001,
                max: 500_000
            })
        );
        // Cut before the EOI.
        assert_eq!(check(&big), Err(Refused::NotAJpeg));
        assert_eq!(check(&[0xFF, 0xD8, 0xFF]), Err(Refused::NotAJpeg));
    }
}
