//! The blocking Intercom client, on [ureq](https://docs.rs/ureq) 3.
//!
//! ```no_run
//! use intercom_ureq::endpoints::{IdentifyAdmin, ListSegments};
//! use intercom_ureq::Client;
//!
//! let client = Client::new("my-access-token");
//! let me = IdentifyAdmin::new().send(&client)?;
//! println!("signed in as {}", me.name.unwrap_or_default());
//! for segment in ListSegments::new().include_count(true).send(&client)?.segments {
//!     println!("{}: {:?}", segment.name.unwrap_or_default(), segment.count);
//! }
//! # Ok::<(), intercom_ureq::Error>(())
//! ```
//!
//! What a user needs is at the root: the [`Client`], [`Config`], [`Error`] and [`ErrorCode`],
//! [`RequestOptions`], [`RetryPolicy`], [`Raw`] requests, bulk runs ([`Bulk`]) and job waits ([`JobWait`]);
//! [`endpoints`], [`models`], [`pagination`] and [`search`] are modules, the pure machinery is in [`protocol`],
//! and the traits a transport implements are in [`transport`]. This crate is the only one to depend on. No async runtime is involved.
//!
//! Finding an operation: every one is a type in [`endpoints`] named verb + resource from its method and path
//! (`ListContacts`, `GetContact`, `CreateContactNote`, `ReplyToConversation`); rustdoc search also finds it
//! by Intercom's `operationId` (`ShowContact`) or SDK method (`contacts.find`).
//!
//! Guides: the [README](https://github.com/intercom-rs/intercom-rs#readme) and the
//! [docs](https://github.com/intercom-rs/intercom-rs/tree/main/docs) (getting started, errors, pagination,
//! resilience, testing with `intercom-mock`, versioning and the Preview API, every operation).
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

mod resolver;
mod ureq_transport;

/// The blocking Intercom client: a [`Config`] and one keep-alive [`UreqTransport`]. Cheap to clone (the
/// connection pool is shared).
///
/// Build it with `Client::new(token)`, `Client::from_config(config)` or `Client::from_env()`; send with
/// `endpoint.send(&client)` or `client.send(&endpoint)`.
pub type Client = BlockingClient<UreqTransport>;

pub use intercom_core::blocking::*;
pub use intercom_core::common::*;
pub use ureq_transport::UreqTransport;
