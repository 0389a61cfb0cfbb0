//! Argument parsing, socket opening and error reporting shared by the examples.

use std::fmt;
use std::io;
use std::process::ExitCode;

use nlattr::{DecodeError, EncodeError};
use nlsock::Socket;

/// Why an example stopped.
#[derive(Debug)]
pub enum AppError {
    /// Bad command line; the message says what was expected.
    Usage(String),
    /// A netlink failure: the kernel's error (message, field path), an encode error found
    /// before sending, a malformed reply, an overrun...
    Net(nlsock::Error),
    /// A system error outside netlink (opening a namespace, writing output).
    Io(io::Error),
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Usage(m) => f.write_str(m),
            Self::Net(nlsock::Error::Encode(e)) => write!(f, "refused before sending: {e}"),
            Self::Net(e) => write!(f, "{e}"),
            Self::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for AppError {}

impl From<nlsock::Error> for AppError {
    fn from(e: nlsock::Error) -> Self {
        Self::Net(e)
    }
}

impl From<io::Error> for AppError {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

impl From<DecodeError> for AppError {
    fn from(e: DecodeError) -> Self {
        Self::Net(nlsock::Error::Malformed(e))
    }
}

impl From<EncodeError> for AppError {
    fn from(e: EncodeError) -> Self {
        Self::Net(nlsock::Error::Encode(e))
    }
}

impl AppError {
    /// The kernel's error, when the failure is one.
    #[must_use]
    pub fn kernel(&self) -> Option<&nlsock::KernelError> {
        match self {
            Self::Net(e) => e.kernel(),
            _ => None,
        }
    }
}

/// Opens a netlink socket of `protocol`, inside the named namespace when `netns` is given
/// (`/run/netns/NAME`, as `ip netns add` makes them).
///
/// # Errors
/// [`AppError::Io`] naming the namespace when it cannot be entered or the socket opened.
pub fn open(protocol: i32, netns: Option<&str>) -> Result<Socket, AppError> {
    match netns {
        Some(ns) => Socket::open_in_netns(protocol, ns).map_err(|e| {
            io::Error::new(e.kind(), format!("opening a netlink socket in namespace `{ns}`: {e}")).into()
        }),
        None => Socket::open(protocol)
            .map_err(|e| io::Error::new(e.kind(), format!("opening a netlink socket: {e}")).into()),
    }
}

/// A parsed command line: positional arguments, `--flag`s and `--option value`s.
#[derive(Clone, Debug, Default)]
pub struct Args {
    /// Positional arguments, in order.
    pub positional: Vec<String>,
    /// `--name value` pairs and bare `--flag`s (with an empty value), in order.
    pub options: Vec<(String, String)>,
}

impl Args {
    /// Splits `args`; `takes_value` lists the options that take a value, `flags` those
    /// that do not.
    ///
    /// # Errors
    /// [`AppError::Usage`] for an option missing its value or in neither list.
    pub fn parse(
        args: impl IntoIterator<Item = String>,
        takes_value: &[&str],
        flags: &[&str],
    ) -> Result<Self, AppError> {
        let mut out = Self::default();
        let mut it = args.into_iter();
        while let Some(a) = it.next() {
            if let Some(name) = a.strip_prefix("--") {
                if takes_value.contains(&name) {
                    let v = it.next().ok_or_else(|| AppError::Usage(format!("`--{name}` needs a value")))?;
                    out.options.push((name.to_owned(), v));
                } else if flags.contains(&name) {
                    out.options.push((name.to_owned(), String::new()));
                } else {
                    let mut known: Vec<String> =
                        takes_value.iter().map(|o| format!("`--{o} VALUE`")).collect();
                    known.extend(flags.iter().map(|f| format!("`--{f}`")));
                    return Err(AppError::Usage(format!(
                        "unknown option `{a}`; expected one of {}",
                        if known.is_empty() { "none".to_owned() } else { known.join(", ") }
                    )));
                }
            } else {
                out.positional.push(a);
            }
        }
        Ok(out)
    }

    /// The last value of option `name`.
    #[must_use]
    pub fn value(&self, name: &str) -> Option<&str> {
        self.options.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Whether `--name` was given.
    #[must_use]
    pub fn flag(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| n == name)
    }

    /// Option `name` parsed as a number.
    ///
    /// # Errors
    /// [`AppError::Usage`] when it is not one.
    pub fn number<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>, AppError> {
        self.value(name)
            .map(|v| v.parse().map_err(|_| AppError::Usage(format!("`--{name} {v}`: expected a number"))))
            .transpose()
    }
}

/// Runs an example's body and turns its outcome into an exit code, printing the error
/// (with the kernel's message and field path) and the usage line on failure.
pub fn main_with(
    name: &str,
    usage: &str,
    body: impl FnOnce(Args) -> Result<(), AppError>,
    args: Args,
) -> ExitCode {
    match body(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{name}: {e}");
            if matches!(e, AppError::Usage(_)) {
                eprintln!("{usage}");
            }
            ExitCode::FAILURE
        }
    }
}

/// Parses the process's arguments and runs `body` as [`main_with`] does.
pub fn run(
    name: &str,
    usage: &str,
    takes_value: &[&str],
    flags: &[&str],
    body: impl FnOnce(Args) -> Result<(), AppError>,
) -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    if raw.iter().any(|a| a == "-h" || a == "--help") {
        println!("{usage}");
        return ExitCode::SUCCESS;
    }
    match Args::parse(raw, takes_value, flags) {
        Ok(args) => main_with(name, usage, body, args),
        Err(e) => main_with(name, usage, |_| Err(e), Args::default()),
    }
}

/// Prints a JSON value on one line, as `ip -j` does.
///
/// # Errors
/// Writing to standard output failing.
pub fn print_json(v: &serde_json::Value) -> Result<(), AppError> {
    use std::io::Write as _;
    let mut out = io::stdout().lock();
    writeln!(out, "{v}")?;
    Ok(())
}
