//! What a contender process measures about itself, from /proc (Linux).

use std::time::Instant;

/// CPU time (user + system) of this process so far, in seconds.
pub fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start at the last ')'.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name; clock ticks are 100 a second.
    (ticks(11) + ticks(12)) / 100.0
}

/// Peak resident memory of this process, in KiB (`VmHWM`).
pub fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// One contender's run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Run {
    /// Items (or requests) done.
    pub count: usize,
    /// Wall time, in seconds.
    pub seconds: f64,
    /// CPU time, in seconds.
    pub cpu: f64,
    /// Peak RSS, in KiB.
    pub rss_kib: u64,
}

impl Run {
    /// Times `work`, which returns how many items it did.
    pub fn time(work: impl FnOnce() -> usize) -> Self {
        let (cpu_before, started) = (cpu_seconds(), Instant::now());
        let count = work();
        Self {
            count,
            seconds: started.elapsed().as_secs_f64(),
            cpu: cpu_seconds() - cpu_before,
            rss_kib: peak_rss_kib(),
        }
    }

    /// As one line for the parent process.
    pub fn line(&self) -> String {
        format!("{} {} {} {}", self.count, self.seconds, self.cpu, self.rss_kib)
    }

    /// Reads [`line`](Self::line).
    pub fn parse(line: &str) -> Option<Self> {
        let mut parts = line.split_whitespace();
        Some(Self {
            count: parts.next()?.parse().ok()?,
            seconds: parts.next()?.parse().ok()?,
            cpu: parts.next()?.parse().ok()?,
            rss_kib: parts.next()?.parse().ok()?,
        })
    }
}
