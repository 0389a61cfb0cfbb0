//! Generic netlink: family resolution (cached per socket), operations, multicast groups,
//! and the policy dump.
//!
//! A family is resolved with a `CTRL_CMD_GETFAMILY` **do** by name, so that the kernel may
//! load the family's module (a dump cannot). The answer is cached on the socket; a request
//! through [`Socket::genl_request`] that fails with `ENOENT` drops the cache entry, so a
//! family that went away and came back with a new id is asked for again.

use nlattr::consts::{
    CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_HDRSIZE, CTRL_ATTR_MAXATTR, CTRL_ATTR_MCAST_GROUPS,
    CTRL_ATTR_MCAST_GRP_ID, CTRL_ATTR_MCAST_GRP_NAME, CTRL_ATTR_OPS, CTRL_ATTR_OP_FLAGS, CTRL_ATTR_OP_ID,
    CTRL_ATTR_OP_POLICY, CTRL_ATTR_POLICY, CTRL_ATTR_VERSION, CTRL_CMD_GETFAMILY, CTRL_CMD_GETPOLICY,
    GENL_HDRLEN, GENL_ID_CTRL,
};
use nlattr::header::GenlMsgHdr;
use nlattr::{DecodeError, DecodeErrorKind, Message, PolicyInfo, Writer};

use crate::error::Error;
use crate::request::{Raw, Reply, Socket};
use crate::transport::Transport;

/// `CTRL_ATTR_POLICY_DO` inside `CTRL_ATTR_OP_POLICY`.
const CTRL_ATTR_POLICY_DO: u16 = 1;
/// `CTRL_ATTR_POLICY_DUMP` inside `CTRL_ATTR_OP_POLICY`.
const CTRL_ATTR_POLICY_DUMP: u16 = 2;

/// One operation of a family (`CTRL_ATTR_OPS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Op {
    /// The command number.
    pub id: u32,
    /// `GENL_ADMIN_PERM`, `GENL_CMD_CAP_DO`, `GENL_CMD_CAP_DUMP`, ...
    pub flags: u32,
}

/// One multicast group of a family (`CTRL_ATTR_MCAST_GROUPS`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Its name.
    pub name: String,
    /// Its id, to join with [`Listener::join`](crate::Listener::join).
    pub id: u32,
}

/// A generic-netlink family as the controller describes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Family {
    /// The message type to send the family's requests with (dynamic).
    pub id: u16,
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: u32,
    /// Size of its user header after the generic-netlink header.
    pub hdrsize: u32,
    /// Its largest attribute type.
    pub maxattr: u32,
    /// Its operations.
    pub ops: Vec<Op>,
    /// Its multicast groups.
    pub groups: Vec<Group>,
}

impl Family {
    /// Reads a `CTRL_CMD_NEWFAMILY` message (a `GETFAMILY` reply or a dump entry).
    ///
    /// # Errors
    /// A malformed message, or one without `CTRL_ATTR_FAMILY_ID`.
    pub fn parse(msg: &Message<'_>) -> Result<Self, DecodeError> {
        let mut f = Family::default();
        let mut have_id = false;
        for a in msg.attrs_after(GENL_HDRLEN) {
            let a = a?;
            match a.ty() {
                CTRL_ATTR_FAMILY_ID => {
                    f.id = a.get()?;
                    have_id = true;
                }
                CTRL_ATTR_FAMILY_NAME => f.name = a.get::<&str>()?.to_owned(),
                CTRL_ATTR_VERSION => f.version = a.get()?,
                CTRL_ATTR_HDRSIZE => f.hdrsize = a.get()?,
                CTRL_ATTR_MAXATTR => f.maxattr = a.get()?,
                CTRL_ATTR_OPS => {
                    for op in a.nested() {
                        let mut o = Op { id: 0, flags: 0 };
                        for x in op?.nested() {
                            let x = x?;
                            match x.ty() {
                                CTRL_ATTR_OP_ID => o.id = x.get()?,
                                CTRL_ATTR_OP_FLAGS => o.flags = x.get()?,
                                _ => {}
                            }
                        }
                        f.ops.push(o);
                    }
                }
                CTRL_ATTR_MCAST_GROUPS => {
                    for g in a.nested() {
                        let mut grp = Group { name: String::new(), id: 0 };
                        for x in g?.nested() {
                            let x = x?;
                            match x.ty() {
                                CTRL_ATTR_MCAST_GRP_NAME => grp.name = x.get::<&str>()?.to_owned(),
                                CTRL_ATTR_MCAST_GRP_ID => grp.id = x.get()?,
                                _ => {}
                            }
                        }
                        f.groups.push(grp);
                    }
                }
                _ => {}
            }
        }
        if !have_id {
            return Err(DecodeError::at_attr(msg.offset, CTRL_ATTR_FAMILY_ID, DecodeErrorKind::Missing)
                .in_field("id"));
        }
        Ok(f)
    }

    /// The id of multicast group `name`.
    #[must_use]
    pub fn group(&self, name: &str) -> Option<u32> {
        self.groups.iter().find(|g| g.name == name).map(|g| g.id)
    }

    /// The operation `cmd`, if the family has it.
    #[must_use]
    pub fn op(&self, cmd: u32) -> Option<Op> {
        self.ops.iter().copied().find(|o| o.id == cmd)
    }
}

/// One attribute of one policy, from `CTRL_CMD_GETPOLICY`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PolicyAttr {
    /// The policy's index (nested policies refer to it by
    /// [`PolicyInfo::policy_idx`]).
    pub policy: u32,
    /// The attribute type.
    pub attr: u16,
    /// What the kernel accepts for it.
    pub info: PolicyInfo,
}

/// Which policies an operation uses, from `CTRL_CMD_GETPOLICY`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpPolicy {
    /// The command.
    pub cmd: u16,
    /// Policy index for `do`.
    pub do_policy: Option<u32>,
    /// Policy index for dumps.
    pub dump_policy: Option<u32>,
}

/// A family's policies as the running kernel reports them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicyDump {
    /// Every attribute of every policy.
    pub attrs: Vec<PolicyAttr>,
    /// The operations and their policies.
    pub ops: Vec<OpPolicy>,
}

impl PolicyDump {
    /// The entry for attribute `attr` of policy `policy`.
    #[must_use]
    pub fn get(&self, policy: u32, attr: u16) -> Option<&PolicyInfo> {
        self.attrs.iter().find(|a| a.policy == policy && a.attr == attr).map(|a| &a.info)
    }

    /// Adds what one `CTRL_CMD_GETPOLICY` dump message holds.
    ///
    /// # Errors
    /// A malformed message.
    pub fn add_message(&mut self, msg: &Message<'_>) -> Result<(), DecodeError> {
        for a in msg.attrs_after(GENL_HDRLEN) {
            let a = a?;
            match a.ty() {
                CTRL_ATTR_POLICY => {
                    for p in a.nested() {
                        let p = p?;
                        for attr in p.nested() {
                            let attr = attr?;
                            let info = PolicyInfo::parse(attr.nested())?;
                            self.attrs.push(PolicyAttr { policy: u32::from(p.ty()), attr: attr.ty(), info });
                        }
                    }
                }
                CTRL_ATTR_OP_POLICY => {
                    for op in a.nested() {
                        let op = op?;
                        let mut o = OpPolicy { cmd: op.ty(), do_policy: None, dump_policy: None };
                        for x in op.nested() {
                            let x = x?;
                            match x.ty() {
                                CTRL_ATTR_POLICY_DO => o.do_policy = Some(x.get()?),
                                CTRL_ATTR_POLICY_DUMP => o.dump_policy = Some(x.get()?),
                                _ => {}
                            }
                        }
                        self.ops.push(o);
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

fn ctrl_request(cmd: u8, name: &str) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf);
    w.put_struct(&GenlMsgHdr { cmd, version: 1, reserved: 0 })?;
    w.attr(CTRL_ATTR_FAMILY_NAME, name)?;
    Ok(buf)
}

impl<T: Transport> Socket<T> {
    /// Resolves generic-netlink family `name` with a `CTRL_CMD_GETFAMILY` do (which lets
    /// the kernel autoload it), or from this socket's cache.
    ///
    /// # Errors
    /// [`Error::Kernel`] with `ENOENT` for an unknown family, or any request error.
    pub fn resolve_family(&mut self, name: &str) -> Result<&Family, Error> {
        if !self.families.contains_key(name) {
            let body = ctrl_request(CTRL_CMD_GETFAMILY, name)?;
            let reply = self.request(GENL_ID_CTRL, 0, &Raw::new(&body))?;
            let m = reply.first().ok_or(Error::Malformed(DecodeError::new(0, DecodeErrorKind::Missing)))?;
            let family = Family::parse(&m.message())?;
            self.families.insert(name.to_owned(), family);
        }
        self.families.get(name).ok_or(Error::Malformed(DecodeError::new(0, DecodeErrorKind::Missing)))
    }

    /// The id of multicast group `group` of family `family` (resolved as
    /// [`resolve_family`](Self::resolve_family)), to join with
    /// [`Listener::join`](crate::Listener::join).
    ///
    /// # Errors
    /// As [`resolve_family`](Self::resolve_family); [`Error::Kernel`] with `ENOENT` when the
    /// family has no such group.
    pub fn genl_group(&mut self, family: &str, group: &str) -> Result<u32, Error> {
        self.resolve_family(family)?.group(group).ok_or_else(|| {
            Error::from(crate::error::KernelError {
                errno: libc::ENOENT,
                message: Some(format!("family `{family}` has no multicast group `{group}`")),
                offset: None,
                attr_type: None,
                path: None,
                unknown_type: None,
                missing: None,
                policy: None,
                cookie: None,
                request_type: GENL_ID_CTRL,
                in_dump: false,
                policy_name: None,
            })
        })
    }

    /// The cached entry for `name`, if resolved.
    #[must_use]
    pub fn cached_family(&self, name: &str) -> Option<&Family> {
        self.families.get(name)
    }

    /// Drops the cached entry for `name`.
    pub fn forget_family(&mut self, name: &str) {
        self.families.remove(name);
    }

    /// A `do` to family `family` (resolved as [`resolve_family`](Self::resolve_family)):
    /// `payload` holds the generic-netlink header and the attributes. `ENOENT` drops the
    /// family from the cache.
    ///
    /// # Errors
    /// As [`Socket::request`].
    pub fn genl_request<P: crate::Payload + ?Sized>(
        &mut self,
        family: &str,
        flags: u16,
        payload: &P,
    ) -> Result<Reply, Error> {
        let id = self.resolve_family(family)?.id;
        let r = self.request(id, flags, payload);
        if let Err(Error::Kernel(k)) = &r {
            if k.errno == libc::ENOENT {
                self.forget_family(family);
            }
        }
        r
    }

    /// The policies of family `name` (`CTRL_CMD_GETPOLICY` dump, all operations).
    ///
    /// # Errors
    /// As [`Socket::dump_with`].
    pub fn family_policy(&mut self, name: &str) -> Result<PolicyDump, Error> {
        let body = ctrl_request(CTRL_CMD_GETPOLICY, name)?;
        let mut dump = PolicyDump::default();
        self.dump_with(GENL_ID_CTRL, 0, &Raw::new(&body), |m| Ok(dump.add_message(&m)?))?;
        Ok(dump)
    }
}
