//! A fleet's rate-limit budget in Redis: each window's slots counted by one key, taken atomically by a
//! Lua script, so every process and machine that shares the Redis spends one budget.

use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

use crate::protocol::error::{BoxError, Error};
use crate::protocol::shared_budget::SharedBudget;

/// Takes a slot: counts it in the window's key (which expires after the window), and says whether it was
/// within the window's budget. One round trip, atomic on the server.
const TAKE_A_SLOT: &str = r"
local used = redis.call('INCR', KEYS[1])
if used == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
if used > tonumber(ARGV[1]) then return 0 end
return 1
";

/// How long a window's key outlives the window.
const KEY_LIFETIME_SECS: u64 = 120;

/// A [`SharedBudget`] in Redis: set it with `Config::with_shared_budget(RedisBudget::new(url)?)` on every
/// process of a fleet (the same Redis, the same prefix), and together they never send more in a window
/// than its budget.
///
/// Each request takes a slot of its window (the window Intercom's `X-RateLimit-Reset` names, so every
/// process agrees on it) with one atomic script. Each call waits at most the timeout (100 ms by default)
/// for Redis; a failure or a slow answer makes the client pace alone for ten seconds (a warning says so
/// once), so Redis being away never holds a request. The connection is kept and shared by the clones of
/// the configuration.
///
/// ```no_run
/// use intercom_ureq::transport::RedisBudget;
/// use intercom_ureq::Config;
///
/// let budget = RedisBudget::new("redis://127.0.0.1:6379/")?.with_prefix("intercom:my-app");
/// let config = Config::from_env()?.with_shared_budget(budget);
/// # Ok::<(), intercom_ureq::Error>(())
/// ```
pub struct RedisBudget {
    client: redis::Client,
    connection: Mutex<Option<redis::Connection>>,
    script: redis::Script,
    prefix: String,
    timeout: Duration,
}

impl fmt::Debug for RedisBudget {
    /// The prefix and the timeout; never the URL, which may hold a password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisBudget").field("prefix", &self.prefix).field("timeout", &self.timeout).finish()
    }
}

impl RedisBudget {
    /// A budget in the Redis at `url` (`redis://host:port/db`, `redis://:password@host/`), under the prefix
    /// `intercom-rs:budget`. Nothing is connected yet: a URL Redis cannot read is an error here, a server
    /// that cannot be reached is found on first use.
    pub fn new(url: &str) -> Result<Self, Error> {
        let client = redis::Client::open(url)
            .map_err(|e| Error::configuration(format!("the Redis URL cannot be used ({:?})", e.kind())))?;
        Ok(Self {
            client,
            connection: Mutex::new(None),
            script: redis::Script::new(TAKE_A_SLOT),
            prefix: "intercom-rs:budget".to_owned(),
            timeout: Duration::from_millis(100),
        })
    }

    /// Keys this budget's windows under `prefix`: one per app (or per token) that a fleet shares.
    pub fn with_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// How long one call may wait for Redis (connecting, sending, reading) before the client paces alone
    /// (default 100 ms).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout.max(Duration::from_millis(1));
        self
    }

    fn connect(&self) -> redis::RedisResult<redis::Connection> {
        let connection = self.client.get_connection_with_timeout(self.timeout)?;
        connection.set_read_timeout(Some(self.timeout))?;
        connection.set_write_timeout(Some(self.timeout))?;
        Ok(connection)
    }
}

impl SharedBudget for RedisBudget {
    fn take(&self, window_end: u64, limit: u64) -> Result<bool, BoxError> {
        let mut slot = self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let connection = match slot.as_mut() {
            Some(connection) => connection,
            None => slot.insert(self.connect()?),
        };
        let key = format!("{}:{window_end}", self.prefix);
        let taken: redis::RedisResult<i64> = self.script.key(key).arg(limit).arg(KEY_LIFETIME_SECS).invoke(connection);
        match taken {
            Ok(taken) => Ok(taken == 1),
            Err(error) => {
                // The connection may be half-used: the next call connects again.
                *slot = None;
                Err(error.into())
            }
        }
    }
}
