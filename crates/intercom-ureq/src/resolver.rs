//! A resolver that remembers each host's addresses for a short while.
//!
//! ureq resolves the host before it looks in its pool, on every request, and with a deadline set it does so
//! on a new thread. Remembering the answer keeps a request on a pooled connection to its own work.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// How long resolved addresses are reused: short enough to follow a DNS change within half a minute.
pub(crate) const REMEMBER_FOR: Duration = Duration::from_secs(30);

#[derive(Debug)]
pub(crate) struct RememberingResolver {
    inner: DefaultResolver,
    remember_for: Duration,
    known: Mutex<HashMap<String, (Instant, ResolvedSocketAddrs)>>,
}

impl RememberingResolver {
    pub(crate) fn new(remember_for: Duration) -> Self {
        Self { inner: DefaultResolver::default(), remember_for, known: Mutex::new(HashMap::new()) }
    }

    fn key(uri: &Uri, config: &Config) -> String {
        let authority = uri.authority().map_or("", |a| a.as_str());
        format!("{}://{authority} {:?}", uri.scheme_str().unwrap_or(""), config.ip_family())
    }
}

impl Resolver for RememberingResolver {
    fn resolve(&self, uri: &Uri, config: &Config, timeout: NextTimeout) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let key = Self::key(uri, config);
        if let Ok(known) = self.known.lock() {
            if let Some((at, addrs)) = known.get(&key) {
                if at.elapsed() < self.remember_for {
                    return Ok(addrs.clone());
                }
            }
        }
        let addrs = self.inner.resolve(uri, config, timeout)?;
        if let Ok(mut known) = self.known.lock() {
            known.retain(|_, (at, _)| at.elapsed() < self.remember_for);
            known.insert(key, (Instant::now(), addrs.clone()));
        }
        Ok(addrs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ureq::unversioned::transport::time;

    fn no_deadline() -> NextTimeout {
        NextTimeout {
            after: time::Duration::NotHappening,
            reason: ureq::Timeout::Global,
            per_read: None,
            per_write: None,
        }
    }

    fn resolved_at(resolver: &RememberingResolver, uri: &Uri) -> Instant {
        let config = Config::default();
        resolver.known.lock().unwrap().get(&RememberingResolver::key(uri, &config)).unwrap().0
    }

    #[test]
    fn answers_from_memory_within_the_window() {
        let resolver = RememberingResolver::new(Duration::from_secs(30));
        let uri: Uri = "http://127.0.0.1:8125/me".parse().unwrap();
        let first = resolver.resolve(&uri, &Config::default(), no_deadline()).unwrap();
        let at = resolved_at(&resolver, &uri);
        let second = resolver.resolve(&uri, &Config::default(), no_deadline()).unwrap();
        assert_eq!(first.to_vec(), vec!["127.0.0.1:8125".parse().unwrap()]);
        assert_eq!(second.to_vec(), first.to_vec());
        assert_eq!(resolved_at(&resolver, &uri), at, "the second answer came from memory");
    }

    #[test]
    fn resolves_again_once_the_window_has_passed() {
        let resolver = RememberingResolver::new(Duration::ZERO);
        let uri: Uri = "http://127.0.0.1:8125/me".parse().unwrap();
        resolver.resolve(&uri, &Config::default(), no_deadline()).unwrap();
        let at = resolved_at(&resolver, &uri);
        std::thread::sleep(Duration::from_millis(2));
        resolver.resolve(&uri, &Config::default(), no_deadline()).unwrap();
        assert!(resolved_at(&resolver, &uri) > at, "an expired entry is resolved afresh");
    }

    #[test]
    fn keeps_hosts_apart() {
        let resolver = RememberingResolver::new(Duration::from_secs(30));
        let a: Uri = "http://127.0.0.1:8125/".parse().unwrap();
        let b: Uri = "http://127.0.0.2:9000/".parse().unwrap();
        resolver.resolve(&a, &Config::default(), no_deadline()).unwrap();
        let other = resolver.resolve(&b, &Config::default(), no_deadline()).unwrap();
        assert_eq!(other.to_vec(), vec!["127.0.0.2:9000".parse().unwrap()]);
        assert_eq!(resolver.known.lock().unwrap().len(), 2);
    }

    #[test]
    fn forgets_expired_hosts_when_it_learns_a_new_one() {
        let resolver = RememberingResolver::new(Duration::ZERO);
        let a: Uri = "http://127.0.0.1:8125/".parse().unwrap();
        let b: Uri = "http://127.0.0.2:9000/".parse().unwrap();
        resolver.resolve(&a, &Config::default(), no_deadline()).unwrap();
        std::thread::sleep(Duration::from_millis(2));
        resolver.resolve(&b, &Config::default(), no_deadline()).unwrap();
        let known = resolver.known.lock().unwrap();
        assert_eq!(known.keys().collect::<Vec<_>>(), vec![&RememberingResolver::key(&b, &Config::default())]);
    }
}
