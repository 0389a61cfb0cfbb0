//! The real transport: a [`RawSocket`] talking to the kernel (port 0).

use std::io;

use super::{Received, Transport};
use crate::socket::RawSocket;

impl Transport for RawSocket {
    fn port_id(&self) -> u32 {
        RawSocket::port_id(self)
    }

    fn peer(&self) -> u32 {
        RawSocket::peer(self)
    }

    fn send(&mut self, datagram: &[u8]) -> io::Result<()> {
        let n = self.send_to(datagram, RawSocket::peer(self))?;
        if n == datagram.len() {
            Ok(())
        } else {
            Err(io::Error::new(io::ErrorKind::WriteZero, format!("sent {n} of {} bytes", datagram.len())))
        }
    }

    fn peek_len(&mut self) -> io::Result<usize> {
        self.recv_from(&mut [], true).map(|(len, _)| len)
    }

    fn recv(&mut self, buf: &mut [u8]) -> io::Result<Received> {
        self.recv_from(buf, false).map(|(len, sender)| Received { len, sender })
    }
}
