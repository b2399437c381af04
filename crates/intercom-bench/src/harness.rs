//! The parent process: starts the server (and the link emulator) as children, runs each contender in a
//! process of its own, alternating, and keeps what each run measured.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::link::Link;
use crate::measure::Run;
use crate::server::{self, Stats};

/// A child process that printed its address on its first line; killed when dropped.
pub struct Background {
    child: Child,
    /// Its `host:port`.
    pub address: String,
    /// The rest of its first line.
    pub rest: Vec<String>,
}

impl Background {
    /// Starts this program with `args` and reads its first line.
    pub fn start(args: &[&str]) -> Self {
        let me = std::env::current_exe().expect("this program");
        let mut child = Command::new(me).args(args).stdout(Stdio::piped()).spawn().expect("a child");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("its stdout")).read_line(&mut first).expect("its address");
        let mut parts = first.split_whitespace().map(str::to_owned);
        let address = parts.next().unwrap_or_else(|| panic!("{args:?} printed no address"));
        Self { child, address, rest: parts.collect() }
    }

    /// The loopback server.
    pub fn server() -> Self {
        Self::start(&["serve"])
    }

    /// A link emulator in front of `upstream`.
    pub fn link(upstream: &str, link: Link) -> Self {
        let [round_trip, rate] = link.args();
        Self::start(&["link", upstream, &round_trip, &rate])
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One contender's runs, and what the server saw during each.
#[derive(Debug, Clone, Default)]
pub struct Runs {
    /// The contender's name, as `intercom-bench run` takes it.
    pub name: String,
    /// What each run measured of itself.
    pub runs: Vec<Run>,
    /// What the server counted during each run.
    pub seen: Vec<Stats>,
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

impl Runs {
    /// The median of `f` over the runs.
    pub fn median(&self, f: impl Fn(&Run) -> f64) -> f64 {
        median(self.runs.iter().map(f).collect())
    }

    /// Median items (or requests) a second.
    pub fn per_second(&self) -> f64 {
        self.median(|r| r.count as f64 / r.seconds)
    }

    /// The most connections any run opened.
    pub fn connections(&self) -> usize {
        self.seen.iter().map(|s| s.connections).max().unwrap_or(0)
    }

    /// Median answer bytes the server wrote in a run.
    pub fn bytes_written(&self) -> u64 {
        median(self.seen.iter().map(|s| s.bytes_written as f64).collect()) as u64
    }
}

/// Runs contender `name` once against `base`, the server's counters read at `server` before and after.
pub fn race(name: &str, base: &str, server: &str) -> (Run, Stats) {
    let before = server::stats(server);
    let run = run_once(name, base, &[]);
    (run, server::stats(server).since(&before))
}

/// Runs contender `name` once against `base`, in a process of its own with `env` added to its environment.
pub fn run_once(name: &str, base: &str, env: &[(&str, String)]) -> Run {
    let me = std::env::current_exe().expect("this program");
    let mut command = Command::new(me);
    command.args(["run", name, base]).envs(env.iter().map(|(k, v)| (k, v)));
    let output = command.output().expect("a contender");
    let line = String::from_utf8_lossy(&output.stdout);
    Run::parse(line.trim()).unwrap_or_else(|| panic!("{name} failed: {}", String::from_utf8_lossy(&output.stderr)))
}

/// Runs `members` processes of contender `name` against `base` at once, each with the environment
/// `env(member)` added; what each measured.
pub fn run_together(
    name: &str,
    base: &str,
    members: usize,
    env: impl Fn(usize) -> Vec<(&'static str, String)>,
) -> Vec<Run> {
    let me = std::env::current_exe().expect("this program");
    let children: Vec<_> = (0..members)
        .map(|member| {
            let mut command = Command::new(&me);
            command.args(["run", name, base]).envs(env(member)).stdout(Stdio::piped()).stderr(Stdio::piped());
            command.spawn().expect("a member")
        })
        .collect();
    children
        .into_iter()
        .map(|child| {
            let output = child.wait_with_output().expect("a member's output");
            let line = String::from_utf8_lossy(&output.stdout);
            Run::parse(line.trim())
                .unwrap_or_else(|| panic!("{name} failed: {}", String::from_utf8_lossy(&output.stderr)))
        })
        .collect()
}

/// Races `names` against `base` for `rounds` rounds, alternating.
pub fn rounds(names: &[&str], base: &str, server: &str, rounds: usize) -> Vec<Runs> {
    let mut all: Vec<Runs> = names.iter().map(|n| Runs { name: n.to_string(), ..Runs::default() }).collect();
    for _ in 0..rounds {
        for runs in &mut all {
            let (run, seen) = race(&runs.name, base, server);
            runs.runs.push(run);
            runs.seen.push(seen);
        }
    }
    all
}

/// The runs of contender `name`.
pub fn find<'a>(all: &'a [Runs], name: &str) -> &'a Runs {
    all.iter().find(|r| r.name == name).unwrap_or_else(|| panic!("no contender {name}"))
}

/// The machine, for the head of every report.
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|m| m.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cores} cores, {cpu}")
}
