//! Every `#[nla(...)]` keyword, in one place.

pub const NLA: &str = "nla";

pub const TYPE: &str = "type";
pub const BE: &str = "be";
pub const LE: &str = "le";
pub const NET_BYTEORDER: &str = "net_byteorder";
pub const UINT: &str = "uint";
pub const SINT: &str = "sint";
pub const FLAG: &str = "flag";
pub const NESTED: &str = "nested";
pub const NO_FLAG: &str = "no_flag";
pub const MULTI: &str = "multi";
pub const NESTED_ARRAY: &str = "nested_array";
pub const KEEP_INDEX: &str = "keep_index";
pub const FIXED: &str = "fixed";
pub const HEADER: &str = "header";
pub const SUBMSG: &str = "submsg";
pub const SELECTOR: &str = "selector";
pub const RANGE: &str = "range";
pub const LEN: &str = "len";
pub const MIN_LEN: &str = "min_len";
pub const MAX_LEN: &str = "max_len";
pub const VALIDATE: &str = "validate";
pub const DEFAULT: &str = "default";
pub const WITH: &str = "with";
pub const SKIP: &str = "skip";
pub const UNKNOWN: &str = "unknown";

pub const DENY_UNKNOWN: &str = "deny_unknown";
pub const DENY_DUPLICATE: &str = "deny_duplicate";
pub const CRATE: &str = "crate";
pub const REPR: &str = "repr";

pub const SELECT: &str = "select";
pub const OTHER: &str = "other";

/// Keywords allowed on a field of an attribute set.
pub const FIELD_KEYWORDS: &[&str] = &[
    TYPE,
    BE,
    LE,
    NET_BYTEORDER,
    UINT,
    SINT,
    FLAG,
    NESTED,
    MULTI,
    NESTED_ARRAY,
    FIXED,
    HEADER,
    SUBMSG,
    RANGE,
    LEN,
    MIN_LEN,
    MAX_LEN,
    VALIDATE,
    DEFAULT,
    WITH,
    SKIP,
    UNKNOWN,
];

/// Keywords allowed on an attribute-set container.
pub const CONTAINER_KEYWORDS: &[&str] = &[DENY_UNKNOWN, DENY_DUPLICATE, CRATE];

/// Keywords allowed on a value container.
pub const VALUE_KEYWORDS: &[&str] = &[REPR, CRATE];

/// Keywords allowed on a sub-message variant.
pub const SUBMSG_VARIANT_KEYWORDS: &[&str] = &[SELECT, OTHER];

/// The candidate closest to `word` by edit distance, if close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// "unknown nla attribute `x`; did you mean `y`? expected one of `a`, `b`"
pub fn unknown_keyword(word: &str, candidates: &[&str]) -> String {
    let list = candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
    match closest(word, candidates) {
        Some(c) => format!("unknown nla attribute `{word}`; did you mean `{c}`? expected one of {list}"),
        None => format!("unknown nla attribute `{word}`; expected one of {list}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_keyword() {
        assert_eq!(closest("nestd", FIELD_KEYWORDS), Some(NESTED));
        assert_eq!(closest("typ", FIELD_KEYWORDS), Some(TYPE));
        assert_eq!(closest("nested_aray", FIELD_KEYWORDS), Some(NESTED_ARRAY));
        assert_eq!(closest("maxlen", FIELD_KEYWORDS), Some(MAX_LEN));
        assert_eq!(closest("deny_unknow", CONTAINER_KEYWORDS), Some(DENY_UNKNOWN));
        assert_eq!(closest("completely_different", FIELD_KEYWORDS), None);
    }

    #[test]
    fn message_lists_the_alternatives() {
        let m = unknown_keyword("nestd", &[NESTED, FLAG]);
        assert_eq!(
            m,
            "unknown nla attribute `nestd`; did you mean `nested`? expected one of `nested`, `flag`"
        );
    }
}
