//! Lets the first request to a host go alone. hyper's pool shares a connection between concurrent
//! requests only once it knows the connection speaks HTTP/2 (ALPN, at the end of the TLS handshake), so
//! on a cold client 64 calls made at once would open 64 connections. Held back until the first answer's
//! head arrives, they find the HTTP/2 connection in the pool and multiplex on it; over HTTP/1.1 they then
//! open their own, as they would have.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::sync::{Mutex as AsyncMutex, MutexGuard};

/// Which hosts answered recently, and the turn of the first request to one that has not.
#[derive(Debug)]
pub(crate) struct FirstConnection {
    turn: AsyncMutex<()>,
    answered: Mutex<HashMap<String, Instant>>,
    /// How long after an answer the pool is taken to still hold the connection: under its idle timeout.
    warm_for: Duration,
}

impl FirstConnection {
    pub(crate) fn new(warm_for: Duration) -> Self {
        Self { turn: AsyncMutex::new(()), answered: Mutex::new(HashMap::new()), warm_for }
    }

    fn is_warm(&self, host: &str) -> bool {
        let answered = self.answered.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        answered.get(host).is_some_and(|at| at.elapsed() < self.warm_for)
    }

    /// `None` when `host` answered recently; otherwise waits for the turn to connect, held until the
    /// guard is dropped.
    pub(crate) async fn wait_turn(&self, host: &str) -> Option<MutexGuard<'_, ()>> {
        if self.is_warm(host) {
            return None;
        }
        let turn = self.turn.lock().await;
        (!self.is_warm(host)).then_some(turn)
    }

    /// Notes that `host` answered.
    pub(crate) fn answered(&self, host: &str) {
        let mut answered = self.answered.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        answered.insert(host.to_owned(), Instant::now());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_host_that_answered_skips_the_turn_until_it_cools() {
        let first = FirstConnection::new(Duration::from_millis(50));
        let turn = first.wait_turn("https://a").await;
        assert!(turn.is_some());
        first.answered("https://a");
        drop(turn);
        assert!(first.wait_turn("https://a").await.is_none());
        assert!(first.wait_turn("https://b").await.is_some(), "another host takes its own turn");
        tokio::time::sleep(Duration::from_millis(60)).await;
        assert!(first.wait_turn("https://a").await.is_some());
    }
}
