//! Decode and encode errors.
//!
//! A [`DecodeError`] says where (absolute byte offset, attribute type, the Rust field path)
//! and what (a [`DecodeErrorKind`]). It needs no allocation, so `no_std` users get the same
//! precision. Display reads like
//! ``decoding `ops[2].id` (type 1 at byte 48): expected 2 bytes, found 3``.

use core::fmt;

/// One step of a [`FieldPath`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A named field of an attribute set.
    Field(&'static str),
    /// An element of a repeated attribute or an indexed array.
    Index(u32),
}

/// Most steps a [`FieldPath`] keeps; deeper paths keep their innermost steps and show `…`.
pub const PATH_DEPTH: usize = 8;

/// The Rust path of a field, such as `link_info.data.peer.mtu` or `ops[2].id`.
///
/// Built from the inside out as an error travels up through nested decoders
/// ([`DecodeError::in_field`], [`DecodeError::at_index`]); stored inline, so it never
/// allocates.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FieldPath {
    // Innermost step first.
    segs: [Option<Segment>; PATH_DEPTH],
    len: u8,
    truncated: bool,
}

impl FieldPath {
    /// The empty path (the message itself).
    #[must_use]
    pub const fn new() -> Self {
        Self { segs: [None; PATH_DEPTH], len: 0, truncated: false }
    }

    /// Adds `seg` as the new outermost step.
    pub fn push_outer(&mut self, seg: Segment) {
        if usize::from(self.len) < PATH_DEPTH {
            self.segs[usize::from(self.len)] = Some(seg);
            self.len += 1;
        } else {
            self.truncated = true;
        }
    }

    /// Number of steps kept.
    #[must_use]
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Whether the path has no step.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether outer steps were dropped because the path was deeper than [`PATH_DEPTH`].
    #[must_use]
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// The steps, outermost first.
    pub fn segments(&self) -> impl DoubleEndedIterator<Item = Segment> + '_ {
        self.segs[..self.len()].iter().rev().filter_map(|s| *s)
    }

    /// Builds a path from steps given outermost first.
    #[must_use]
    pub fn from_segments(segs: &[Segment]) -> Self {
        let mut p = Self::new();
        for s in segs.iter().rev() {
            p.push_outer(*s);
        }
        p
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.truncated {
            f.write_str("…")?;
        }
        let mut first = true;
        for seg in self.segments() {
            match seg {
                Segment::Field(name) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    f.write_str(name)?;
                }
                Segment::Index(i) => write!(f, "[{i}]")?,
            }
            first = false;
        }
        Ok(())
    }
}

impl fmt::Debug for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FieldPath(`{self}`)")
    }
}

/// What went wrong while decoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// Fewer bytes remain than a header or a length field needs.
    Truncated {
        /// Bytes needed.
        needed: usize,
        /// Bytes available.
        available: usize,
    },
    /// A message length below the 16-byte header.
    BadMessageLength {
        /// The `nlmsg_len` read.
        len: u32,
    },
    /// An attribute length below the 4-byte header.
    BadAttributeLength {
        /// The `nla_len` read.
        len: u16,
    },
    /// A payload of the wrong size for its type.
    BadLength {
        /// Bytes the type needs.
        expected: usize,
        /// Bytes found.
        found: usize,
    },
    /// A payload shorter than allowed.
    TooShort {
        /// Smallest size allowed.
        min: usize,
        /// Bytes found.
        found: usize,
    },
    /// A payload longer than allowed.
    TooLong {
        /// Largest size allowed.
        max: usize,
        /// Bytes found.
        found: usize,
    },
    /// A required attribute is absent.
    Missing,
    /// An attribute appeared twice where the set forbids it.
    Duplicate,
    /// An attribute type the set does not know, where the set forbids unknown types.
    Unknown,
    /// A value outside its declared range.
    OutOfRange {
        /// The value.
        value: i128,
        /// Smallest value allowed.
        min: i128,
        /// Largest value allowed.
        max: i128,
    },
    /// A string that is not UTF-8.
    InvalidUtf8 {
        /// Length of the valid prefix.
        valid_up_to: usize,
    },
    /// A string that must end with NUL does not.
    MissingNul,
    /// A string with non-NUL bytes after a NUL.
    InteriorNul {
        /// Position of the NUL in the payload.
        at: usize,
    },
    /// A flag attribute with a payload.
    FlagWithPayload {
        /// Payload bytes found.
        found: usize,
    },
    /// Nesting deeper than [`MAX_NEST_DEPTH`](crate::consts::MAX_NEST_DEPTH).
    TooDeep,
    /// A message of an unexpected type.
    UnexpectedMessage {
        /// The `nlmsg_type` found.
        ty: u16,
    },
    /// A value a check rejected, with the check's reason.
    Invalid(&'static str),
}

impl fmt::Display for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Truncated { needed, available } => {
                write!(f, "truncated: needs {needed} bytes, {available} left")
            }
            Self::BadMessageLength { len } => {
                write!(f, "message length {len} is shorter than its 16-byte header")
            }
            Self::BadAttributeLength { len } => {
                write!(f, "attribute length {len} is shorter than its 4-byte header")
            }
            Self::BadLength { expected, found } => {
                write!(f, "expected {expected} bytes, found {found}")
            }
            Self::TooShort { min, found } => write!(f, "expected at least {min} bytes, found {found}"),
            Self::TooLong { max, found } => write!(f, "expected at most {max} bytes, found {found}"),
            Self::Missing => f.write_str("required attribute is missing"),
            Self::Duplicate => f.write_str("attribute appears more than once"),
            Self::Unknown => f.write_str("unknown attribute type"),
            Self::OutOfRange { value, min, max } => {
                write!(f, "value {value} is outside {min}..={max}")
            }
            Self::InvalidUtf8 { valid_up_to } => {
                write!(f, "invalid UTF-8 after {valid_up_to} bytes")
            }
            Self::MissingNul => f.write_str("string is not NUL-terminated"),
            Self::InteriorNul { at } => write!(f, "bytes follow the NUL at {at}"),
            Self::FlagWithPayload { found } => {
                write!(f, "flag attribute carries {found} bytes of payload")
            }
            Self::TooDeep => f.write_str("attributes nested too deeply"),
            Self::UnexpectedMessage { ty } => write!(f, "unexpected message type {ty}"),
            Self::Invalid(why) => f.write_str(why),
        }
    }
}

/// A decode failure: where, and what.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DecodeError {
    /// Absolute offset in the buffer given to the decoder: of the attribute's header when
    /// [`attr_type`](Self::attr_type) is set, otherwise of the item that failed.
    pub offset: usize,
    /// Type of the attribute at fault, flag bits removed.
    pub attr_type: Option<u16>,
    /// The Rust field path of the attribute at fault.
    pub path: FieldPath,
    /// What went wrong.
    pub kind: DecodeErrorKind,
}

impl DecodeError {
    /// An error at `offset` with no attribute type and an empty path.
    #[must_use]
    pub const fn new(offset: usize, kind: DecodeErrorKind) -> Self {
        Self { offset, attr_type: None, path: FieldPath::new(), kind }
    }

    /// An error about the attribute of type `attr_type` whose header is at `offset`.
    #[must_use]
    pub const fn at_attr(offset: usize, attr_type: u16, kind: DecodeErrorKind) -> Self {
        Self { offset, attr_type: Some(attr_type), path: FieldPath::new(), kind }
    }

    /// Attributes the error to the attribute of type `attr_type` at `offset`, unless an
    /// inner attribute already claimed it.
    #[must_use]
    pub fn within_attr(mut self, offset: usize, attr_type: u16) -> Self {
        if self.attr_type.is_none() {
            self.attr_type = Some(attr_type);
            self.offset = offset;
        }
        self
    }

    /// Adds the field `name` as the new outermost step of the path.
    #[must_use]
    pub fn in_field(mut self, name: &'static str) -> Self {
        self.path.push_outer(Segment::Field(name));
        self
    }

    /// Adds the element index `index` as the new outermost step of the path.
    #[must_use]
    pub fn at_index(mut self, index: u32) -> Self {
        self.path.push_outer(Segment::Index(index));
        self
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("decoding ")?;
        if !self.path.is_empty() {
            write!(f, "`{}` ", self.path)?;
            match self.attr_type {
                Some(t) => write!(f, "(type {t} at byte {})", self.offset)?,
                None => write!(f, "(at byte {})", self.offset)?,
            }
        } else {
            match self.attr_type {
                Some(t) => write!(f, "attribute type {t} at byte {}", self.offset)?,
                None => write!(f, "at byte {}", self.offset)?,
            }
        }
        write!(f, ": {}", self.kind)
    }
}

impl core::error::Error for DecodeError {}

/// An encode failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EncodeError {
    /// An attribute (header included) longer than `nla_len` can say: 65,535 bytes.
    AttributeTooLong {
        /// Type of the attribute.
        attr_type: u16,
        /// Its length, header included.
        len: usize,
    },
    /// A message longer than `nlmsg_len` can say.
    MessageTooLong {
        /// Its length, header included.
        len: usize,
    },
    /// The caller's fixed buffer is too small.
    BufferTooSmall {
        /// Bytes the write needed in all.
        needed: usize,
        /// Bytes the buffer has.
        available: usize,
    },
    /// A value the kernel would misread or reject, found before sending.
    Invalid {
        /// Type of the attribute, flag bits removed.
        attr_type: u16,
        /// Its Rust field path.
        path: FieldPath,
        /// What is wrong with it, in the decoder's vocabulary.
        kind: DecodeErrorKind,
    },
    /// An `end_nest`/`end_message` that does not match the innermost open one.
    Unbalanced,
}

impl EncodeError {
    /// An invalid value of the attribute of type `attr_type`.
    #[must_use]
    pub const fn invalid(attr_type: u16, kind: DecodeErrorKind) -> Self {
        Self::Invalid { attr_type, path: FieldPath::new(), kind }
    }

    /// Adds the field `name` as the new outermost step of an `Invalid` error's path.
    #[must_use]
    pub fn in_field(mut self, name: &'static str) -> Self {
        if let Self::Invalid { path, .. } = &mut self {
            path.push_outer(Segment::Field(name));
        }
        self
    }

    /// Adds the index `index` as the new outermost step of an `Invalid` error's path.
    #[must_use]
    pub fn at_index(mut self, index: u32) -> Self {
        if let Self::Invalid { path, .. } = &mut self {
            path.push_outer(Segment::Index(index));
        }
        self
    }
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AttributeTooLong { attr_type, len } => write!(
                f,
                "attribute type {attr_type} would be {len} bytes long; an attribute holds at most 65535"
            ),
            Self::MessageTooLong { len } => {
                write!(f, "message would be {len} bytes long; a message holds at most 4294967295")
            }
            Self::BufferTooSmall { needed, available } => {
                write!(f, "buffer too small: needs {needed} bytes, has {available}")
            }
            Self::Invalid { attr_type, path, kind } => {
                if path.is_empty() {
                    write!(f, "encoding attribute type {attr_type}: {kind}")
                } else {
                    write!(f, "encoding `{path}` (type {attr_type}): {kind}")
                }
            }
            Self::Unbalanced => f.write_str("nest or message closed out of order"),
        }
    }
}

impl core::error::Error for EncodeError {}

/// Either failure, for code that both encodes and decodes (`?` converts both into it);
/// needs no allocation, unlike `Box<dyn Error>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Error {
    /// A decode failure.
    Decode(DecodeError),
    /// An encode failure.
    Encode(EncodeError),
}

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Self {
        Self::Decode(e)
    }
}

impl From<EncodeError> for Error {
    fn from(e: EncodeError) -> Self {
        Self::Encode(e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Decode(e) => e.fmt(f),
            Self::Encode(e) => e.fmt(f),
        }
    }
}

impl core::error::Error for Error {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::Decode(e) => Some(e),
            Self::Encode(e) => Some(e),
        }
    }
}

#[cfg(test)]
mod tests {
    extern crate alloc;
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn display_names_path_type_and_offset() {
        let e = DecodeError::new(52, DecodeErrorKind::BadLength { expected: 2, found: 3 })
            .within_attr(48, 1)
            .in_field("id")
            .at_index(2)
            .in_field("ops");
        assert_eq!(e.to_string(), "decoding `ops[2].id` (type 1 at byte 48): expected 2 bytes, found 3");
    }

    #[test]
    fn inner_attribute_keeps_its_type() {
        let e = DecodeError::at_attr(60, 3, DecodeErrorKind::Missing).within_attr(40, 18);
        assert_eq!((e.offset, e.attr_type), (60, Some(3)));
    }

    #[test]
    fn deep_paths_keep_the_innermost_steps() {
        let mut p = FieldPath::new();
        for _ in 0..PATH_DEPTH + 3 {
            p.push_outer(Segment::Field("a"));
        }
        p.push_outer(Segment::Index(1));
        assert!(p.is_truncated());
        assert_eq!(p.len(), PATH_DEPTH);
        assert!(p.to_string().starts_with("…a.a"));
    }

    #[test]
    fn either_error_displays_as_itself() {
        let d = DecodeError::new(4, DecodeErrorKind::MissingNul);
        let e = EncodeError::BufferTooSmall { needed: 8, available: 4 };
        assert_eq!(Error::from(d).to_string(), d.to_string());
        assert_eq!(Error::from(e).to_string(), e.to_string());
        assert!(core::error::Error::source(&Error::from(e)).is_some());
    }

    #[test]
    fn path_round_trips_through_segments() {
        let segs = [Segment::Field("link_info"), Segment::Field("data"), Segment::Field("peer")];
        let p = FieldPath::from_segments(&segs);
        assert_eq!(p.to_string(), "link_info.data.peer");
        assert!(p.segments().eq(segs.iter().copied()));
    }
}
