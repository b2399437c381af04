//! A userspace link emulator, since the kernel here has no netem: a TCP proxy that delivers each chunk
//! half a round trip after the link has finished sending it, sending at most `bits_per_second` each way.
//! It models propagation and serialisation (the two terms of the physical floor), not TCP's congestion
//! control; a link is per connection.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The largest chunk read at once on a rate-limited link: at 100 Mbit/s, 1.3 ms on the link, so delivery
/// is smooth. Without a rate, chunks are larger (fewer hand-offs), since their timing no longer matters.
const CHUNK: usize = 16 * 1024;
const UNLIMITED_CHUNK: usize = 256 * 1024;

/// A link's two figures, the same each way.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// The round-trip time; each direction delays by half of it.
    pub round_trip: Duration,
    /// The bandwidth of each direction, `None` for no limit.
    pub bits_per_second: Option<u64>,
}

impl Link {
    /// A link that adds nothing: the proxy alone, to show it is not the bottleneck.
    pub const NONE: Link = Link { round_trip: Duration::ZERO, bits_per_second: None };

    /// How long `bytes` take to leave at the link's rate.
    pub fn serialisation(&self, bytes: u64) -> Duration {
        match self.bits_per_second {
            Some(rate) if rate > 0 => Duration::from_secs_f64(bytes as f64 * 8.0 / rate as f64),
            _ => Duration::ZERO,
        }
    }

    /// The fewest seconds `round_trips` exchanges moving `bytes` (the larger direction) can take.
    pub fn floor(&self, round_trips: u64, bytes: u64) -> Duration {
        self.round_trip * round_trips as u32 + self.serialisation(bytes)
    }

    /// As arguments for the `link` subcommand: round trip in microseconds, rate in bits a second (0: none).
    pub fn args(&self) -> [String; 2] {
        [self.round_trip.as_micros().to_string(), self.bits_per_second.unwrap_or(0).to_string()]
    }

    /// Reads [`args`](Self::args).
    pub fn parse(round_trip_micros: &str, bits_per_second: &str) -> Option<Link> {
        let rate: u64 = bits_per_second.parse().ok()?;
        Some(Link {
            round_trip: Duration::from_micros(round_trip_micros.parse().ok()?),
            bits_per_second: (rate > 0).then_some(rate),
        })
    }
}

/// Proxies every connection made to `listener` to `upstream` through `link`, until the process ends.
pub fn serve(listener: TcpListener, upstream: &str, link: Link) {
    for client in listener.incoming().flatten() {
        let Ok(server) = TcpStream::connect(upstream) else { continue };
        let _ = (client.set_nodelay(true), server.set_nodelay(true));
        let (Ok(client_reader), Ok(server_reader)) = (client.try_clone(), server.try_clone()) else { continue };
        std::thread::spawn(move || direction(client_reader, server, link));
        std::thread::spawn(move || direction(server_reader, client, link));
    }
}

/// Reads `from` as fast as it comes, stamping each chunk with its arrival; a second thread delivers.
fn direction(mut from: TcpStream, to: TcpStream, link: Link) {
    let (chunks, arrivals) = mpsc::channel::<(Instant, Vec<u8>)>();
    let deliverer = std::thread::spawn(move || deliver(arrivals, to, link));
    let mut buffer = vec![0; if link.bits_per_second.is_some() { CHUNK } else { UNLIMITED_CHUNK }];
    loop {
        match from.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if chunks.send((Instant::now(), buffer[..n].to_vec())).is_err() {
                    break;
                }
            }
        }
    }
    drop(chunks);
    let _ = deliverer.join();
}

fn deliver(arrivals: mpsc::Receiver<(Instant, Vec<u8>)>, mut to: TcpStream, link: Link) {
    // When the link has finished sending what it was given so far.
    let mut link_free = Instant::now();
    for (arrived, chunk) in arrivals {
        link_free = link_free.max(arrived) + link.serialisation(chunk.len() as u64);
        let due = link_free + link.round_trip / 2;
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        if to.write_all(&chunk).is_err() {
            break;
        }
    }
    let _ = to.shutdown(Shutdown::Write);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_floor_is_round_trips_plus_bytes_over_bandwidth() {
        let link = Link { round_trip: Duration::from_millis(40), bits_per_second: Some(100_000_000) };
        // 200 pages and a connection, 8 MB: 201 x 40 ms + 0.64 s.
        assert_eq!(link.floor(201, 8_000_000), Duration::from_millis(8_040 + 640));
        assert_eq!(Link::parse(&link.args()[0], &link.args()[1]), Some(link));
        assert_eq!(Link::NONE.floor(10, 1 << 30), Duration::ZERO);
    }

    #[test]
    fn a_chunk_arrives_half_a_round_trip_after_it_is_sent() {
        let server = TcpListener::bind("127.0.0.1:0").unwrap();
        let upstream = server.local_addr().unwrap().to_string();
        let proxy = TcpListener::bind("127.0.0.1:0").unwrap();
        let through = proxy.local_addr().unwrap();
        let link = Link { round_trip: Duration::from_millis(60), bits_per_second: None };
        std::thread::spawn(move || serve(proxy, &upstream, link));
        std::thread::spawn(move || {
            let (mut echo, _) = server.accept().unwrap();
            let mut byte = [0];
            echo.read_exact(&mut byte).unwrap();
            echo.write_all(&byte).unwrap();
        });
        let mut client = TcpStream::connect(through).unwrap();
        let started = Instant::now();
        client.write_all(b"x").unwrap();
        let mut back = [0];
        client.read_exact(&mut back).unwrap();
        let took = started.elapsed();
        assert_eq!(&back, b"x");
        assert!(took >= Duration::from_millis(60), "one round trip through the link, took {took:?}");
    }
}
