//! Whether a signed settlement is exactly the agreement the server would
//! write. The server renders the agreement again from its own facts (the
//! case, the offer the engine builds again, the advisor, the client's
//! strokes) and compares it with what the device signed: every object a
//! reader can reach from the document's catalog and information dictionary,
//! structurally (streams by their decoded content), where signing may have
//! added only an invisible signature field to the first page and the form
//! that holds it. Text the device put in, a changed amount, an extra page,
//! an appearance drawn on the signature field or a script: all differ.

use crate::Error;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashSet;

/// Keys `sign` writes into the signature's field and value.
const WIDGET_KEYS: &[&[u8]] = &[b"Type", b"Subtype", b"FT", b"T", b"V", b"P", b"Rect", b"F"];
const SIG_KEYS: &[&[u8]] = &[
    b"Type",
    b"Filter",
    b"SubFilter",
    b"ByteRange",
    b"Contents",
    b"M",
    b"Name",
    b"Reason",
    b"Location",
];

fn differs(at: &str) -> Error {
    Error::Differs(at.to_owned())
}

/// Checks that `signed` is `expected` (an unsigned agreement as
/// [`crate::render`] writes it) with one signature field added by
/// [`crate::sign`] and nothing else. The signature itself is checked by
/// [`crate::verify`].
pub fn same_agreement(signed: &[u8], expected: &[u8]) -> Result<(), Error> {
    let s = Document::load_mem(signed)?;
    let e = Document::load_mem(expected)?;
    let root = |d: &Document| -> Result<ObjectId, Error> {
        d.trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .map_err(|_| differs("the document has no catalog"))
    };
    let first_page = |d: &Document| -> Result<ObjectId, Error> {
        d.get_pages()
            .get(&1)
            .copied()
            .ok_or_else(|| differs("the document has no page"))
    };
    let mut walk = Walk {
        s: &s,
        e: &e,
        catalog: (root(&s)?, root(&e)?),
        page: (first_page(&s)?, first_page(&e)?),
        seen: HashSet::new(),
        widget: None,
    };
    walk.pair(walk.catalog.0, walk.catalog.1, "catalog")?;
    match (s.trailer.get(b"Info"), e.trailer.get(b"Info")) {
        (Ok(a), Ok(b)) => walk.object(a, b, "document information")?,
        (Err(_), Err(_)) => {}
        _ => return Err(differs("document information")),
    }
    if s.get_pages().len() != e.get_pages().len() {
        return Err(differs("the number of pages"));
    }
    // What signing added: one invisible field, on the first page, in the
    // form, holding the signature.
    let widget = walk.widget.ok_or_else(|| differs("no signature field"))?;
    let field = s
        .get_dictionary(widget)
        .map_err(|_| differs("signature field"))?;
    only_keys(field, WIDGET_KEYS, "signature field")?;
    fn name<'d>(d: &'d Dictionary, k: &[u8]) -> Option<&'d [u8]> {
        d.get(k).and_then(Object::as_name).ok()
    }
    if name(field, b"Subtype") != Some(b"Widget".as_slice())
        || name(field, b"FT") != Some(b"Sig".as_slice())
        || field.get(b"P").and_then(Object::as_reference).ok() != Some(walk.page.0)
    {
        return Err(differs("signature field"));
    }
    let invisible = match field.get(b"Rect") {
        Ok(Object::Array(r)) => r.len() == 4 && r.iter().all(|v| number(v) == Some(0.0)),
        _ => false,
    };
    if !invisible {
        return Err(differs("the signature field is visible"));
    }
    let sig = field
        .get(b"V")
        .and_then(Object::as_reference)
        .and_then(|id| s.get_dictionary(id))
        .map_err(|_| differs("signature value"))?;
    only_keys(sig, SIG_KEYS, "signature value")
}

fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn only_keys(d: &Dictionary, allowed: &[&[u8]], at: &str) -> Result<(), Error> {
    match d.iter().find(|(k, _)| !allowed.contains(&k.as_slice())) {
        Some(_) => Err(differs(at)),
        None => Ok(()),
    }
}

struct Walk<'d> {
    s: &'d Document,
    e: &'d Document,
    /// (signed, expected) ids of the catalog and the first page, the two
    /// dictionaries signing changes.
    catalog: (ObjectId, ObjectId),
    page: (ObjectId, ObjectId),
    seen: HashSet<(ObjectId, ObjectId)>,
    /// The signature field signing added to the first page.
    widget: Option<ObjectId>,
}

impl Walk<'_> {
    fn pair(&mut self, s: ObjectId, e: ObjectId, at: &str) -> Result<(), Error> {
        if !self.seen.insert((s, e)) {
            return Ok(());
        }
        if (s == self.catalog.0) != (e == self.catalog.1)
            || (s == self.page.0) != (e == self.page.1)
        {
            return Err(differs(at));
        }
        let so = self.s.get_object(s).map_err(|_| differs(at))?;
        let eo = self.e.get_object(e).map_err(|_| differs(at))?;
        if s == self.catalog.0 {
            let (sd, ed) = dicts(so, eo, at)?;
            let form = sd
                .get(b"AcroForm")
                .map_err(|_| differs("no signature form"))?;
            self.form(form)?;
            return self.dict(sd, ed, &[b"AcroForm"], at);
        }
        if s == self.page.0 {
            let (sd, ed) = dicts(so, eo, at)?;
            // The page's annotations as rendered, and the field after them.
            let had: &[Object] = match ed.get(b"Annots") {
                Ok(Object::Array(a)) => a,
                Ok(_) => return Err(differs("annotations of the first page")),
                Err(_) => &[],
            };
            let (kept, widget) = match sd.get(b"Annots") {
                Ok(Object::Array(a)) if a.len() == had.len() + 1 => {
                    (&a[..had.len()], a[had.len()].as_reference().ok())
                }
                _ => return Err(differs("annotations of the first page")),
            };
            for (x, y) in kept.iter().zip(had) {
                self.object(x, y, "annotations of the first page")?;
            }
            let widget = widget.ok_or_else(|| differs("annotations of the first page"))?;
            if self.widget.is_some_and(|w| w != widget) {
                return Err(differs("the signature field"));
            }
            self.widget = Some(widget);
            let mut ed = ed.clone();
            ed.remove(b"Annots");
            return self.dict(sd, &ed, &[b"Annots"], at);
        }
        self.object(so, eo, at)
    }

    /// The form signing adds: its one field and the signature flags.
    fn form(&mut self, form: &Object) -> Result<(), Error> {
        let form = match form {
            Object::Dictionary(d) => d,
            _ => return Err(differs("signature form")),
        };
        only_keys(form, &[b"Fields", b"SigFlags"], "signature form")?;
        let field = match form.get(b"Fields") {
            Ok(Object::Array(f)) if f.len() == 1 => f[0].as_reference().ok(),
            _ => None,
        };
        let field = field.ok_or_else(|| differs("signature form"))?;
        if self.widget.is_some_and(|w| w != field) {
            return Err(differs("the signature field"));
        }
        self.widget = Some(field);
        Ok(())
    }

    fn dict(
        &mut self,
        s: &Dictionary,
        e: &Dictionary,
        added: &[&[u8]],
        at: &str,
    ) -> Result<(), Error> {
        let keys = |d: &Dictionary, skip: &[&[u8]]| -> Vec<Vec<u8>> {
            let mut k: Vec<Vec<u8>> = d
                .iter()
                .map(|(k, _)| k.clone())
                .filter(|k| !skip.contains(&k.as_slice()))
                .collect();
            k.sort();
            k
        };
        if keys(s, added) != keys(e, &[]) {
            return Err(differs(at));
        }
        for (k, eo) in e.iter() {
            let so = s.get(k).map_err(|_| differs(at))?;
            self.object(so, eo, at)?;
        }
        Ok(())
    }

    fn object(&mut self, s: &Object, e: &Object, at: &str) -> Result<(), Error> {
        match (s, e) {
            (Object::Reference(a), Object::Reference(b)) => self.pair(*a, *b, at),
            (Object::Null, Object::Null) => Ok(()),
            (Object::Boolean(a), Object::Boolean(b)) if a == b => Ok(()),
            (Object::Integer(a), Object::Integer(b)) if a == b => Ok(()),
            (Object::Real(a), Object::Real(b)) if a == b => Ok(()),
            (Object::Name(a), Object::Name(b)) if a == b => Ok(()),
            (Object::String(a, _), Object::String(b, _)) if a == b => Ok(()),
            (Object::Array(a), Object::Array(b)) if a.len() == b.len() => {
                for (x, y) in a.iter().zip(b) {
                    self.object(x, y, at)?;
                }
                Ok(())
            }
            (Object::Dictionary(a), Object::Dictionary(b)) => self.dict(a, b, &[], at),
            (Object::Stream(a), Object::Stream(b)) => {
                // By what they say, however each was compressed.
                let content = |st: &lopdf::Stream| {
                    st.decompressed_content()
                        .unwrap_or_else(|_| st.content.clone())
                };
                if content(a) != content(b) {
                    return Err(differs(at));
                }
                let skip: &[&[u8]] = &[b"Length", b"Filter", b"DecodeParms"];
                let strip = |d: &Dictionary| {
                    let mut d = d.clone();
                    for k in skip {
                        d.remove(k);
                    }
                    d
                };
                self.dict(&strip(&a.dict), &strip(&b.dict), &[], at)
            }
            _ => Err(differs(at)),
        }
    }
}

fn dicts<'o>(
    s: &'o Object,
    e: &'o Object,
    at: &str,
) -> Result<(&'o Dictionary, &'o Dictionary), Error> {
    match (s, e) {
        (Object::Dictionary(a), Object::Dictionary(b)) => Ok((a, b)),
        _ => Err(differs(at)),
    }
}
