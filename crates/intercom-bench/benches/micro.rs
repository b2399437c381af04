//! Micro-benchmarks: one page decoded into the typed list vs `serde_json::Value` (MB/s), and a search
//! request built, checked and encoded.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use intercom_bench::data;
use intercom_decode::FromJson;
use intercom_ureq::endpoints::{ListContacts, SearchContacts};
use intercom_ureq::models::ContactList;
use intercom_ureq::protocol::{build_request, parse_response};
use intercom_ureq::search::{contact, Order, Search};
use intercom_ureq::Config;

fn decode(c: &mut Criterion) {
    let page = data::page(0);
    let mut group = c.benchmark_group("decode one page (150 contacts)");
    group.throughput(Throughput::Bytes(page.len() as u64));
    // The decoder the clients use, compiled in intercom-decode; and the same type decoded by a
    // `serde_json::from_slice` compiled in the caller's crate, as a crate using the models alone may.
    group.bench_function("typed ContactList", |b| {
        b.iter(|| ContactList::from_json(std::hint::black_box(&page)).expect("typed"))
    });
    group.bench_function("typed ContactList, decoder compiled in the caller", |b| {
        b.iter(|| serde_json::from_slice::<ContactList>(std::hint::black_box(&page)).expect("typed"))
    });
    group.bench_function("serde_json::Value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(std::hint::black_box(&page)).expect("value"))
    });
    group.bench_function("SDK parse_response (typed, with checks)", |b| {
        let endpoint = ListContacts::new();
        b.iter(|| parse_response(&endpoint, http::Response::new(std::hint::black_box(page.clone()))).expect("typed"))
    });
    group.finish();

    // The same page gzip-compressed, as it crosses a real link: decompressing it in the core (MB/s of the
    // decompressed page), and the whole parse_response with decompression.
    let gzipped = {
        use std::io::Write as _;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(&page).expect("in memory");
        encoder.finish().expect("in memory")
    };
    let answer =
        |body: Vec<u8>| http::Response::builder().header("content-encoding", "gzip").body(body).expect("a response");
    let mut group = c.benchmark_group("gzip page (150 contacts)");
    group.throughput(Throughput::Bytes(page.len() as u64));
    group.bench_function("decompress only (flate2 on zlib-rs, the SDK's)", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(page.len());
            let mut decoder = flate2::bufread::MultiGzDecoder::new(std::hint::black_box(gzipped.as_slice()));
            std::io::Read::read_to_end(&mut decoder, &mut out).expect("gzip");
            out
        })
    });
    // The same deflate stream (the 10-byte gzip header and 8-byte trailer off) through miniz_oxide, flate2's
    // default backend; it skips the CRC-32 check the line above pays for.
    let deflate = &gzipped[10..gzipped.len() - 8];
    group.bench_function("decompress only (miniz_oxide, no CRC)", |b| {
        b.iter(|| {
            miniz_oxide::inflate::decompress_to_vec_with_limit(std::hint::black_box(deflate), page.len())
                .expect("deflate")
        })
    });
    group.bench_function("SDK parse_response of the gzip answer", |b| {
        let endpoint = ListContacts::new();
        b.iter(|| parse_response(&endpoint, answer(std::hint::black_box(gzipped.clone()))).expect("typed"))
    });
    group.finish();
}

fn search(c: &mut Criterion) {
    let config = Config::new("token");
    c.bench_function("build, check and encode a search request", |b| {
        b.iter(|| {
            let query = Search::all([
                contact::EMAIL_DOMAIN.eq("example.com"),
                contact::CREATED_AT.gt(1_700_000_000),
                Search::any([contact::ROLE.eq("user"), contact::custom_text("plan").is_in(["pro", "team"])]),
            ])
            .sort(contact::CREATED_AT, Order::Descending)
            .per_page(150);
            let endpoint = SearchContacts::matching(query).expect("a valid query");
            build_request(&config, &endpoint).expect("a request")
        })
    });
}

criterion_group!(benches, decode, search);
criterion_main!(benches);
