//! The async Intercom client, on [hyper](https://docs.rs/hyper) 1 with rustls (HTTP/1.1 and HTTP/2).
//!
//! ```no_run
//! use intercom_hyper::endpoints::{IdentifyAdmin, ListSegments};
//! use intercom_hyper::Client;
//!
//! # async fn run() -> Result<(), intercom_hyper::Error> {
//! let client = Client::new("my-access-token");
//! let me = IdentifyAdmin::new().send(&client).await?;
//! println!("signed in as {}", me.name.unwrap_or_default());
//! let segments = ListSegments::new().include_count(true).send(&client).await?;
//! println!("{} segments", segments.segments.len());
//! # Ok(())
//! # }
//! ```
//!
//! What a user needs is at the root: the [`Client`], [`Config`], [`Error`] and [`ErrorCode`],
//! [`RequestOptions`], [`RetryPolicy`], [`Raw`] requests, bulk runs ([`Bulk`]) and job waits ([`JobWait`]);
//! [`endpoints`], [`models`], [`pagination`] and [`search`] are modules, the pure machinery is in [`protocol`],
//! and the traits a transport implements are in [`transport`]. This crate is the only one to depend on. It needs a Tokio runtime.
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

mod first_connection;
mod hyper_transport;

pub use hyper_transport::HyperTransport;
pub use intercom_core::asynchronous::*;
pub use intercom_core::common::*;

/// The async Intercom client: a [`Config`] and one pooled [`HyperTransport`]. Cheap to clone (the pool is
/// shared).
///
/// Build it with `Client::new(token)`, `Client::from_config(config)` or `Client::from_env()`; send with
/// `endpoint.send(&client).await` or `client.send(&endpoint).await`. Dropping the future cancels the request.
pub type Client = AsyncClient<HyperTransport>;
